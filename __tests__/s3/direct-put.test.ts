// The direct PUT path's pure parts: which SDK requests tell an endpoint it may use, and how keys are
// put in a path. (The requests themselves are compared with the SDK's in integration/s3-store.test.ts.)
import { describe, expect, it } from 'vitest'
import { endpointOf } from '../../src/s3/direct-put.js'
import { encodeKey } from '../../src/core/keys.js'

const auth = (region: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/${region}/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`

describe('endpointOf', () => {
  it.each([
    [
      'path style (an emulator, MinIO)',
      {
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 9000,
        path: '/my-bucket',
        headers: { authorization: auth('us-east-1') },
      },
      {
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 9000,
        basePath: '/my-bucket',
        region: 'us-east-1',
      },
    ],
    [
      'path style with a trailing slash',
      {
        protocol: 'http:',
        hostname: 'localhost',
        path: '/my-bucket/',
        headers: { authorization: auth('eu-west-1') },
      },
      {
        protocol: 'http:',
        hostname: 'localhost',
        port: undefined,
        basePath: '/my-bucket',
        region: 'eu-west-1',
      },
    ],
    [
      'virtual host (AWS), the region the SDK signed for (after a redirect, say)',
      {
        protocol: 'https:',
        hostname: 'my-bucket.s3.eu-central-1.amazonaws.com',
        path: '/',
        headers: { Authorization: auth('eu-central-1') },
      },
      {
        protocol: 'https:',
        hostname: 'my-bucket.s3.eu-central-1.amazonaws.com',
        port: undefined,
        basePath: '',
        region: 'eu-central-1',
      },
    ],
  ])('%s', (_, request, endpoint) => {
    expect(endpointOf(request, 'my-bucket')).toEqual(endpoint)
  })

  it.each([
    ['no signature', { protocol: 'https:', hostname: 'h', path: '/', headers: {} }],
    [
      'SigV4a (multi-region access points)',
      {
        protocol: 'https:',
        hostname: 'h',
        path: '/',
        headers: {
          authorization: 'AWS4-ECDSA-P256-SHA256 Credential=AKID/20261122/s3/aws4_request, ...',
        },
      },
    ],
    [
      'S3 Express (another service in the scope)',
      {
        protocol: 'https:',
        hostname: 'h',
        path: '/',
        headers: {
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/s3express/aws4_request, ...',
        },
      },
    ],
    [
      'a path that is neither layout',
      {
        protocol: 'https:',
        hostname: 'h',
        path: '/other-bucket',
        headers: { authorization: auth('us-east-1') },
      },
    ],
    [
      'another protocol',
      { protocol: 'ftp:', hostname: 'h', path: '/', headers: { authorization: auth('us-east-1') } },
    ],
    ['no host', { protocol: 'https:', path: '/', headers: { authorization: auth('us-east-1') } }],
  ])('nothing is sent directly with %s', (_, request) => {
    expect(endpointOf(request, 'my-bucket')).toBeUndefined()
  })
})

describe('encodeKey', () => {
  it.each([
    ['plain/key.txt', 'plain/key.txt'],
    ['a b/c+d.txt', 'a%20b/c%2Bd.txt'],
    ["it's (1)!*.txt", 'it%27s%20%281%29%21%2A.txt'],
    ['100%/x?.txt', '100%25/x%3F.txt'],
    ['a#b&c=d;e,f@g.txt', 'a%23b%26c%3Dd%3Be%2Cf%40g.txt'],
    ['ünï/cödé.txt', '%C3%BCn%C3%AF/c%C3%B6d%C3%A9.txt'],
    ['keep-_.~chars', 'keep-_.~chars'],
  ])('%s -> %s', (key, encoded) => {
    expect(encodeKey(key)).toBe(encoded)
  })
})

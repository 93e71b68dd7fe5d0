// When the bucket can be read without the SDK (src/light-read.ts readAccess): only where the SDK would
// send the same requests to the same place with the same keys. Everything else is left to the SDK.
import { describe, expect, it } from 'vitest'
import { readAccess } from '../../src/light-read.js'

const keys = { AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'SECRET' }
const aws = { bucket: 'my-site', region: 'eu-west-1', endpoint: undefined }

describe('readAccess', () => {
  it('reads an AWS bucket by its virtual host in its region, with the environment credentials', () => {
    expect(readAccess(aws, { ...keys, AWS_SESSION_TOKEN: 'TOKEN' }, undefined)).toEqual({
      endpoint: {
        protocol: 'https:',
        hostname: 'my-site.s3.eu-west-1.amazonaws.com',
        port: undefined,
        basePath: '',
        region: 'eu-west-1',
      },
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'SECRET', sessionToken: 'TOKEN' },
    })
  })

  it('reads a custom endpoint by path, as the SDK is set up for one (port and base path kept)', () => {
    const access = readAccess(
      { bucket: 'b.with.dots', region: 'auto', endpoint: 'http://127.0.0.1:9000/s3/' },
      keys,
      undefined,
    )
    expect(access).toMatchObject({
      endpoint: {
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 9000,
        basePath: '/s3/b.with.dots',
        region: 'auto',
      },
    })
  })

  it.each([
    ['no credentials in the environment', aws, {}, undefined, /not in the environment/],
    ['only an access key id', aws, { AWS_ACCESS_KEY_ID: 'A' }, undefined, /not in the environment/],
    [
      'AWS_PROFILE (the SDK then skips the environment keys)',
      aws,
      { ...keys, AWS_PROFILE: 'ci' },
      undefined,
      /AWS_PROFILE/,
    ],
    ['FIPS endpoints', aws, { ...keys, AWS_USE_FIPS_ENDPOINT: 'true' }, undefined, /FIPS/],
    [
      'dual-stack endpoints',
      aws,
      { ...keys, AWS_USE_DUALSTACK_ENDPOINT: '1' },
      undefined,
      /dual-stack/,
    ],
    [
      'a shared config with an endpoint',
      aws,
      keys,
      '[default]\nendpoint_url = https://x\n',
      /shared config/,
    ],
    [
      'a shared config with FIPS',
      aws,
      keys,
      '[profile a]\n  use_fips_endpoint=true\n',
      /shared config/,
    ],
    ['a China region', { ...aws, region: 'cn-north-1' }, keys, undefined, /commercial/],
    ['a GovCloud region', { ...aws, region: 'us-gov-west-1' }, keys, undefined, /commercial/],
    [
      'a bucket name with dots',
      { ...aws, bucket: 'www.example.com' },
      keys,
      undefined,
      /host name/,
    ],
    [
      'a directory bucket',
      { ...aws, bucket: 'site--usw2-az1--x-s3' },
      keys,
      undefined,
      /host name/,
    ],
    [
      'an endpoint that is not http',
      { ...aws, endpoint: 'ftp://x' },
      keys,
      undefined,
      /plain http/,
    ],
  ])('leaves the reading to the SDK with %s', (_name, target, env, shared, reason) => {
    const access = readAccess(target, env as Record<string, string>, shared)
    expect(access).toHaveProperty('reason')
    expect((access as { reason: string }).reason).toMatch(reason)
  })

  it('ignores a shared config without endpoint settings, and FIPS set to false', () => {
    const access = readAccess(
      aws,
      { ...keys, AWS_USE_FIPS_ENDPOINT: 'false' },
      '[default]\nregion = eu-west-1\nrole_arn = arn:aws:iam::1:role/x\n',
    )
    expect(access).toHaveProperty('endpoint')
  })
})

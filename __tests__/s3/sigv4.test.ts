// The SDK-free signer (src/sigv4.ts) against the SDK's own (@smithy/signature-v4): the same request,
// credentials and clock give the same signed headers and the same Authorization, for listings with odd
// query values, state reads with odd prefixes, temporary credentials, and a custom port.
import { describe, expect, it } from 'vitest'
import { createHash, createHmac } from 'node:crypto'
import { SignatureV4 } from '@smithy/signature-v4'
import type { SourceData } from '@smithy/types'
import { canonicalQuery, signRequest } from '../../src/s3/sigv4.js'
import { encodeKey, uriEscape } from '../../src/core/keys.js'

/** The hash the SDK's signer is given (node:crypto, as the SDK's own hash-node package). */
class Sha256 {
  private hash
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh()
  }
  private fresh() {
    if (this.secret === undefined) return createHash('sha256')
    const key =
      typeof this.secret === 'string'
        ? Buffer.from(this.secret, 'utf-8')
        : Buffer.from(this.secret as Uint8Array)
    return createHmac('sha256', key)
  }
  update(data: Uint8Array) {
    this.hash.update(data)
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.hash.digest()))
  }
  reset() {
    this.hash = this.fresh()
  }
}

const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

interface Case {
  name: string
  host: string
  hostname: string
  port?: number
  path: string
  query: Record<string, string>
  region: string
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
}

async function sdkSigned(input: Omit<Case, 'name'> & { now: Date }) {
  const signer = new SignatureV4({
    credentials: input.credentials,
    region: input.region,
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  })
  const signed = await signer.sign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: input.hostname,
      port: input.port,
      path: input.path,
      query: input.query,
      headers: { host: input.host, 'x-amz-content-sha256': EMPTY },
    },
    { signingDate: input.now },
  )
  return signed.headers
}

const cases: Case[] = [
  {
    name: 'a listing page with a continuation token and an odd prefix',
    host: 'my-site.s3.eu-west-1.amazonaws.com',
    hostname: 'my-site.s3.eu-west-1.amazonaws.com',
    path: '/',
    query: {
      'list-type': '2',
      prefix: 'prévue/pr 12/(a)+b*!~/',
      'continuation-token': '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
    },
    region: 'eu-west-1',
    credentials: {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    },
  },
  {
    name: 'a listing from StartAfter, path style, a custom port, temporary credentials',
    host: '127.0.0.1:5123',
    hostname: '127.0.0.1',
    port: 5123,
    path: '/bucket-1',
    query: { 'list-type': '2', prefix: '', 'start-after': 'assets/js/a b&c=d?.js' },
    region: 'us-east-1',
    credentials: {
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret/with+chars',
      sessionToken: 'FwoGZXIvYXdzEJr//////////wEaDN+token=',
    },
  },
  {
    name: 'the state object under a prefix with spaces and non-ASCII',
    host: 'bucket.s3.ap-southeast-2.amazonaws.com',
    hostname: 'bucket.s3.ap-southeast-2.amazonaws.com',
    path: `/${encodeKey('pr 7/ünï (x)/.cdn-publish/state.json')}`,
    query: {},
    region: 'ap-southeast-2',
    credentials: { accessKeyId: 'AKID2', secretAccessKey: 'S2' },
  },
]

describe('signRequest', () => {
  for (const c of cases)
    it(`signs as the SDK does: ${c.name}`, async () => {
      const now = new Date('2026-11-22T23:45:07.123Z')
      const ours = signRequest({
        method: 'GET',
        host: c.host,
        path: c.path,
        query: c.query,
        payloadHash: EMPTY,
        region: c.region,
        credentials: c.credentials,
        now,
      })
      const sdk = await sdkSigned({ ...c, now })
      const lower = (h: Record<string, string>) =>
        Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]))
      expect(lower(ours)).toEqual(lower(sdk))
      expect(ours.authorization).toMatch(
        new RegExp(
          `^AWS4-HMAC-SHA256 Credential=${c.credentials.accessKeyId}/20261122/${c.region}/s3/aws4_request, `,
        ),
      )
    })

  it('a different secret, region or time gives a different signature', () => {
    const base = {
      method: 'GET',
      host: 'h',
      path: '/',
      query: { 'list-type': '2' },
      payloadHash: EMPTY,
      region: 'us-east-1',
      credentials: { accessKeyId: 'A', secretAccessKey: 'S' },
      now: new Date('2026-01-01T00:00:00Z'),
    }
    const sig = (o: object) => signRequest({ ...base, ...o }).authorization
    const one = sig({})
    expect(sig({ credentials: { accessKeyId: 'A', secretAccessKey: 'T' } })).not.toBe(one)
    expect(sig({ region: 'eu-west-1' })).not.toBe(one)
    expect(sig({ now: new Date('2026-01-01T00:00:01Z') })).not.toBe(one)
    expect(sig({ query: { 'list-type': '2', prefix: 'x' } })).not.toBe(one)
  })
})

describe('signRequest for a PUT (the direct path)', () => {
  it('signs a PutObject with Content-MD5, type, cache-control and metadata as the SDK does, signed or unsigned payload', async () => {
    const now = new Date('2026-11-23T01:02:03Z')
    const credentials = { accessKeyId: 'AKID', secretAccessKey: 'SECRET', sessionToken: 'TOKEN' }
    const body = Buffer.from('<p>hello</p>')
    const headers = {
      'content-md5': createHash('md5').update(body).digest('base64'),
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'public,  max-age=60',
      'x-amz-meta-md5chksum': createHash('md5').update(body).digest('base64'),
      'content-length': String(body.length),
    }
    for (const payloadHash of [
      createHash('sha256').update(body).digest('hex'),
      'UNSIGNED-PAYLOAD',
    ]) {
      const path = `/bucket/${encodeKey("pr 1/it's (1)!.html")}`
      const ours = signRequest({
        method: 'PUT',
        host: '127.0.0.1:9000',
        path,
        query: {},
        headers,
        payloadHash,
        region: 'eu-central-1',
        credentials,
        now,
      })
      const signer = new SignatureV4({
        credentials,
        region: 'eu-central-1',
        service: 's3',
        sha256: Sha256,
        uriEscapePath: false,
        applyChecksum: false,
      })
      const sdk = await signer.sign(
        {
          method: 'PUT',
          protocol: 'http:',
          hostname: '127.0.0.1',
          port: 9000,
          path,
          query: {},
          headers: { ...headers, host: '127.0.0.1:9000', 'x-amz-content-sha256': payloadHash },
          body,
        },
        { signingDate: now },
      )
      expect(ours).toEqual(sdk.headers)
    }
  })
})

describe('canonicalQuery', () => {
  it('sorts by name and encodes names and values as RFC 3986 does', () => {
    expect(canonicalQuery({ prefix: 'a b/c*', 'list-type': '2', 'start-after': "it's~" })).toBe(
      'list-type=2&prefix=a%20b%2Fc%2A&start-after=it%27s~',
    )
    expect(uriEscape("!'()*")).toBe('%21%27%28%29%2A')
  })
})

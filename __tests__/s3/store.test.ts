// The S3 adapter against the emulator over HTTP: listing under a prefix, odd keys, header updates in
// place, batched deletes, files changed since the scan, and errors that say what was being done. (The
// listing's paging is unit-tested against a fake in listing.test.ts.)
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createS3Client } from '../../src/s3/client.js'
import { S3Store } from '../../src/s3/store.js'
import type { LocalFile } from '../../src/core/ports.js'
import { mapLimit } from '../../src/core/limit.js'
import { startProxy } from '../helpers/proxy.js'
import {
  body,
  createBucket,
  headers,
  listKeys,
  putObject,
  testClient,
  uniqueBucket,
} from '../helpers/s3.js'

const endpoint = inject('motoEndpoint')
/** The strict AWS layer in front of moto: checks Content-MD5 as S3 does. */
const strict = inject('awsEndpoint')
const s3 = testClient(endpoint)
let dir: string

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = 'testing'
  process.env.AWS_SECRET_ACCESS_KEY = 'testing'
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cdn-publish-store-'))
})
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

function store(bucket: string, prefix = '', via = endpoint) {
  const options = { bucket, prefix, region: 'us-east-1', endpoint: via, concurrency: 8 }
  return new S3Store(createS3Client(options), options)
}

async function localFile(key: string, content: string): Promise<LocalFile> {
  const file = path.join(dir, createHash('sha1').update(key).digest('hex'))
  await fs.writeFile(file, content)
  return {
    key,
    path: file,
    size: Buffer.byteLength(content),
    md5: createHash('md5').update(content).digest('hex'),
    mtimeMs: 0,
  }
}

describe('S3Store', () => {
  it('uploads, lists and updates odd keys under a prefix, byte for byte', async () => {
    const bucket = uniqueBucket('odd')
    await createBucket(s3, bucket)
    const st = store(bucket, 'p/q')
    const keys = ['a b.txt', 'c++ (1).txt', 'ünï/cödé.txt', '100%/x?.txt', 'a#b&c=d.txt']
    for (const key of keys) {
      const file = await localFile(key, `content of ${key}`)
      const { etag } = await st.upload(file, {
        contentType: 'text/plain; charset=utf-8',
        cacheControl: 'public, max-age=1',
      })
      expect(etag).toBe(file.md5)
      const updated = await st.updateHeaders(file, {
        contentType: 'text/plain; charset=utf-8',
        cacheControl: 'no-cache',
      })
      expect(updated.etag).toBe(file.md5)
      expect((await headers(s3, bucket, `p/q/${key}`)).cacheControl).toBe('no-cache')
      expect((await body(s3, bucket, `p/q/${key}`)).toString()).toBe(`content of ${key}`)
    }
    await putObject(s3, bucket, 'p/qq/outside.txt', 'x')
    const listed = await st.list()
    expect(listed.map((o) => o.key).sort()).toEqual([...keys].sort())
    const inspected = await st.inspect('ünï/cödé.txt')
    expect(inspected).toMatchObject({
      md5: createHash('md5').update('content of ünï/cödé.txt').digest('hex'),
      headers: { cacheControl: 'no-cache' },
    })
    expect(await st.inspect('missing.txt')).toBeUndefined()
  })

  it('deletes in batches of at most 1000 keys and reports each key', async () => {
    const bucket = uniqueBucket('batch')
    await createBucket(s3, bucket)
    const keys = Array.from({ length: 1203 }, (_, i) => `f/${String(i).padStart(4, '0')}.txt`)
    // Every 50th key exists, in both batches (S3 reports a key that is not there as deleted too).
    const present = keys.filter((_, i) => i % 50 === 0)
    await mapLimit(present, 16, (k) => putObject(s3, bucket, k, 'x'))
    await putObject(s3, bucket, 'keep.txt', 'k')
    const proxy = await startProxy(endpoint)
    const result = await store(bucket, '', proxy.endpoint).deleteMany(keys)
    await proxy.close()
    // real S3 takes at most 1000 keys per DeleteObjects (the emulator would take more)
    expect(proxy.ops()).toEqual(['DeleteObjects', 'DeleteObjects'])
    expect(result.failed).toEqual([])
    expect(result.deleted.sort()).toEqual(keys)
    expect(await listKeys(s3, bucket)).toEqual(['keep.txt'])
  })

  it('lists ranges over HTTP: StartAfter an odd key, and a listing cut off mid-answer retried', async () => {
    // What needs HTTP: StartAfter with spaces, & and non-ASCII in the query, the keys it bounds decoded
    // from the URL-encoded answer, and a reset answer retried by the SDK, not taken for a short page.
    // (Paging, boundaries and misbehaving pages: listing.test.ts.)
    const bucket = uniqueBucket('ranges')
    await createBucket(s3, bucket)
    const keys = ['a a.txt', 'a b &<ü>.txt', 'a b &<ü>.txt2', 'a+b.txt', 'b.txt']
    for (const key of keys) await putObject(s3, bucket, `site/${key}`, key)
    await putObject(s3, bucket, 'site2/a b &<ü>.txt', 'outside')
    // 1,999 keys the state knows: two ranges, the second starting after "site/a b &<ü>.txt".
    const known = [
      ...Array.from({ length: 998 }, (_, i) => `a ${String(i).padStart(3, '0')}`),
      'a b &<ü>.txt',
      ...Array.from({ length: 1000 }, (_, i) => `c/${String(i).padStart(4, '0')}`),
    ]
    const proxy = await startProxy(strict)
    const st = store(bucket, 'site', proxy.endpoint)
    const listed = await st.list(known)
    expect(listed.map((o) => o.key)).toEqual(keys)
    expect(proxy.requests.map((r) => r.query.get('start-after') ?? '(none)').sort()).toEqual([
      '(none)',
      'site/a b &<ü>.txt',
    ])
    proxy.clear()
    let cut = 0
    proxy.faults = (r) => (r.query.get('list-type') === '2' && cut++ < 2 ? 'reset' : undefined)
    const afterFaults = await st.list(known)
    proxy.faults = undefined
    await proxy.close()
    expect(afterFaults.map((o) => o.key)).toEqual(keys)
    expect(proxy.count('ListObjectsV2')).toBe(4)
  })

  it('reads the deploy state: none, then the gzipped object it wrote, under an odd prefix', async () => {
    const bucket = uniqueBucket('state')
    await createBucket(s3, bucket)
    const prefix = 'pr 7/ünï (x)'
    expect(await store(bucket, prefix).readState()).toBeUndefined()
    const body = `{"format":"test","text":"${'ü'.repeat(5000)}"}`
    await store(bucket, prefix).writeState([body.slice(0, 1000), body.slice(1000)])
    const read = await store(bucket, prefix).readState()
    expect(read?.body).toBe(body)
    expect(read?.lastModified).toBeInstanceOf(Date)
    expect(Math.abs(read!.lastModified!.getTime() - Date.now())).toBeLessThan(60_000)
  })

  it('lists keys that XML cannot carry (asked for URL-encoded), and keys with + and spaces, exactly', async () => {
    const bucket = uniqueBucket('xml-keys')
    await createBucket(s3, bucket)
    const keys = [
      'a b+c.txt',
      'ctl-\u0001-\u001f.txt',
      'tab\there.txt',
      '100%25 real.txt',
      'ü/ñ.txt',
    ]
    for (const key of keys) await putObject(s3, bucket, `p/${key}`, key)
    const proxy = await startProxy(endpoint)
    const objects = await store(bucket, 'p', proxy.endpoint).list()
    await proxy.close()
    expect(objects.map((o) => o.key).sort()).toEqual([...keys].sort())
    expect(proxy.requests.every((r) => r.query.get('encoding-type') === 'url')).toBe(true)
  })

  it('after a listing, small files go up by the direct path: the same request line as the SDK, the same object', async () => {
    const bucket = uniqueBucket('direct')
    await createBucket(s3, bucket)
    const proxy = await startProxy(endpoint)
    const keys = ['a b.txt', "it's (1)!*.txt", 'ünï/cödé.txt', '100%/x?.txt', 'a#b&c=d;e,f+g@h.txt']
    const headersOf = (key: string) => ({
      contentType: 'text/plain; charset=utf-8',
      cacheControl: `public, max-age=${key.length}`,
    })
    // Through the SDK (a new store each time: it has neither listed nor PUT yet), then directly (one
    // that has listed).
    const direct = store(bucket, 'direct', proxy.endpoint)
    await direct.list()
    proxy.clear()
    for (const key of keys) {
      await store(bucket, 'sdk', proxy.endpoint).upload(
        await localFile(key, `content of ${key}`),
        headersOf(key),
      )
      await direct.upload(await localFile(key, `content of ${key}`), headersOf(key))
    }
    const puts = proxy.requests.filter((r) => r.method === 'PUT')
    await proxy.close()
    expect(puts).toHaveLength(keys.length * 2)
    for (let i = 0; i < keys.length; i++) {
      const [sdk, mine] = [puts[2 * i]!, puts[2 * i + 1]!]
      // The SDK marks its requests; the direct path does not.
      expect(sdk.headers['amz-sdk-invocation-id']).toBeDefined()
      expect(mine.headers['amz-sdk-invocation-id']).toBeUndefined()
      // Same encoding of the key (so the same canonical request for the signature), same signed headers.
      expect(mine.target.replace('/direct/', '/sdk/')).toBe(sdk.target.replace(/\?.*$/, ''))
      // The same headers signed, but for the SDK's own bookkeeping ones.
      const signed = (auth: unknown) =>
        (/SignedHeaders=([^,]+)/.exec(String(auth))?.[1] ?? '').split(';')
      expect(signed(mine.headers.authorization)).toEqual(
        signed(sdk.headers.authorization).filter((h) => !/^(amz-sdk-|x-amz-user-agent)/.test(h)),
      )
      expect(signed(mine.headers.authorization)).toContain('content-md5')
      expect(mine.headers['content-md5']).toBe(sdk.headers['content-md5'])
      expect(mine.headers['x-amz-content-sha256']).toBe(sdk.headers['x-amz-content-sha256'])
      // And the same object: bytes, type, cache-control and the MD5 metadata.
      const [a, b] = await Promise.all([
        headers(s3, bucket, `sdk/${keys[i]}`),
        headers(s3, bucket, `direct/${keys[i]}`),
      ])
      expect(b).toEqual(a)
      expect((await body(s3, bucket, `direct/${keys[i]}`)).toString()).toBe(`content of ${keys[i]}`)
    }
  })

  it('a store that has not listed learns the endpoint from its first PUT through the SDK', async () => {
    const bucket = uniqueBucket('learn')
    await createBucket(s3, bucket)
    const proxy = await startProxy(endpoint)
    const st = store(bucket, 'p', proxy.endpoint)
    for (const key of ['one.txt', 'two/ü.txt', 'three (3).txt'])
      await st.upload(await localFile(key, `content of ${key}`), {
        contentType: 'text/plain',
        cacheControl: 'no-cache',
      })
    const puts = proxy.requests.filter((r) => r.method === 'PUT')
    await proxy.close()
    expect(puts.map((r) => r.key)).toEqual(['p/one.txt', 'p/two/ü.txt', 'p/three (3).txt'])
    expect(puts.map((r) => r.headers['amz-sdk-invocation-id'] !== undefined)).toEqual([
      true,
      false,
      false,
    ])
    expect((await body(s3, bucket, 'p/two/ü.txt')).toString()).toBe('content of two/ü.txt')
  })

  it('a direct PUT that fails in any way is sent again through the SDK, which reports the error', async () => {
    const bucket = uniqueBucket('fallback')
    await createBucket(s3, bucket)
    const proxy = await startProxy(endpoint)
    const st = store(bucket, '', proxy.endpoint)
    await st.list()
    const direct = (r: { method: string }) => r.method === 'PUT'
    for (const fault of ['500', '503', 'reset', { status: 403, code: 'AccessDenied' }] as const) {
      proxy.clear()
      let first = true
      proxy.faults = (r) => (direct(r) && first ? ((first = false), fault) : undefined)
      const file = await localFile(`f-${JSON.stringify(fault).replace(/\W/g, '')}.txt`, 'x')
      await st.upload(file, { contentType: 'text/plain', cacheControl: 'no-cache' })
      const puts = proxy.requests.filter(direct)
      expect(puts.map((r) => r.headers['amz-sdk-invocation-id'] !== undefined)).toEqual([
        false,
        true,
      ])
      expect((await body(s3, bucket, file.key)).toString()).toBe('x')
    }
    // After the 403, the direct path is off: every PUT goes through the SDK straight away.
    proxy.clear()
    proxy.faults = undefined
    await st.upload(await localFile('after.txt', 'y'), {
      contentType: 'text/plain',
      cacheControl: 'no-cache',
    })
    expect(
      proxy.requests.filter(direct).map((r) => r.headers['amz-sdk-invocation-id'] !== undefined),
    ).toEqual([true])
    // An error that persists reaches the caller as the SDK reports it.
    proxy.clear()
    proxy.faults = (r) => (direct(r) ? { status: 403, code: 'AccessDenied' } : undefined)
    const file = await localFile('denied.txt', 'x')
    await expect(
      st.upload(file, { contentType: 'text/plain', cacheControl: 'no-cache' }),
    ).rejects.toThrow(/Could not upload denied\.txt .*\(PutObject\): AccessDenied.*s3:PutObject/s)
    proxy.faults = undefined
    await proxy.close()
  })

  it('multipart parts go by the direct path once it is known; a part that fails there is sent again by the SDK', async () => {
    const bucket = uniqueBucket('parts')
    await createBucket(s3, bucket)
    const proxy = await startProxy(endpoint)
    const st = store(bucket, 'p', proxy.endpoint)
    await st.list()
    const content = Buffer.alloc(17 * 1024 * 1024 + 3, 7)
    content.write('a large file: three parts')
    const file = await localFile('big file (1).bin', content.toString('latin1'))
    const big = {
      ...file,
      size: content.length,
      md5: createHash('md5').update(content).digest('hex'),
    }
    await fs.writeFile(big.path, content)
    proxy.clear()
    let failed = false
    proxy.faults = (r) =>
      r.query.get('partNumber') === '2' && !failed ? ((failed = true), '500') : undefined
    await st.upload(big, { contentType: 'application/octet-stream', cacheControl: 'no-cache' })
    proxy.faults = undefined
    const parts = proxy.requests.filter((r) => r.query.has('partNumber'))
    await proxy.close()
    // Parts 1-3 directly (no SDK marks), part 2 a second time through the SDK after its 500.
    const seen = parts
      .map(
        (r) =>
          `${r.query.get('partNumber')}:${r.headers['amz-sdk-invocation-id'] ? 'sdk' : 'direct'}:${r.status}`,
      )
      .sort()
    expect(seen).toEqual(['1:direct:200', '2:direct:500', '2:sdk:200', '3:direct:200'])
    for (const r of parts) expect(r.headers['content-md5']).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    const stored = await body(s3, bucket, 'p/big file (1).bin')
    expect(createHash('md5').update(stored).digest('hex')).toBe(big.md5)
  })

  it('header updates (CopyObject onto itself) go by the direct path once the SDK has copied one; a copy that fails there, even after its 200, is sent again by the SDK', async () => {
    const bucket = uniqueBucket('copies')
    await createBucket(s3, bucket)
    const keys = ['a b.txt', "it's (1)!*.txt", 'ünï/cödé.txt', '100%/x?.txt', 'a#b&c=d;e,f+g@h.txt']
    const before = { contentType: 'text/plain; charset=utf-8', cacheControl: 'no-cache' }
    const after = { contentType: 'text/plain; charset=utf-8', cacheControl: 'public, max-age=300' }
    const files = await Promise.all(keys.map((k) => localFile(k, `content of ${k}`)))
    const seeding = store(bucket, 'c')
    for (const file of files) await seeding.upload(file, before)
    const etags = await Promise.all(keys.map((k) => headers(s3, bucket, `c/${k}`)))
    const proxy = await startProxy(endpoint)
    // A store that has neither listed nor PUT: its first copy goes through the SDK and teaches it the
    // endpoint. Then the third copy fails with an error inside a 200 (as S3 may answer a copy), the
    // fourth with a 500: both are sent again by the SDK.
    const st = store(bucket, 'c', proxy.endpoint)
    let copies = 0
    proxy.faults = (r) => {
      if (r.method !== 'PUT') return undefined
      copies++
      if (copies === 3) return { status: 200, code: 'InternalError' }
      if (copies === 5) return '500'
      return undefined
    }
    const answers = []
    for (const file of files) answers.push(await st.updateHeaders(file, after))
    proxy.faults = undefined
    const puts = proxy.requests.filter((r) => r.method === 'PUT')
    await proxy.close()
    const seen = puts.map(
      (r) =>
        `${r.key.split('/').slice(1).join('/')}:${r.headers['amz-sdk-invocation-id'] ? 'sdk' : 'direct'}:${r.status}`,
    )
    expect(seen).toEqual([
      `${keys[0]}:sdk:200`,
      `${keys[1]}:direct:200`,
      `${keys[2]}:direct:200`,
      `${keys[2]}:sdk:200`,
      `${keys[3]}:direct:500`,
      `${keys[3]}:sdk:200`,
      `${keys[4]}:direct:200`,
    ])
    for (const r of puts) {
      expect(r.bytesIn).toBe(0)
      expect(r.headers['x-amz-metadata-directive']).toBe('REPLACE')
      expect(r.headers['x-amz-copy-source']).toMatch(new RegExp(`^/?${bucket}/c/`))
    }
    for (let i = 0; i < keys.length; i++) {
      const now = await headers(s3, bucket, `c/${keys[i]}`)
      // New headers, same bytes and MD5 metadata; the answer's ETag is the object's.
      expect(now.cacheControl).toBe('public, max-age=300')
      expect(now.contentType).toBe('text/plain; charset=utf-8')
      expect(now.etag).toBe(etags[i]!.etag)
      expect(now.metadata).toEqual(etags[i]!.metadata)
      expect(answers[i]!.etag).toBe(etags[i]!.etag)
      expect((await body(s3, bucket, `c/${keys[i]}`)).toString()).toBe(`content of ${keys[i]}`)
    }
  })

  it('a small file changed since the scan is refused, naming it: another size by its read, the same size by its Content-MD5', async () => {
    const bucket = uniqueBucket('changed')
    await createBucket(s3, bucket)
    const st = store(bucket, 'p', strict)
    await st.list()
    const headers = { contentType: 'text/html', cacheControl: 'no-cache' }
    const same = await localFile('same.html', 'scanned content')
    await fs.writeFile(same.path, 'changed content')
    await expect(st.upload(same, headers)).rejects.toThrow(
      /^same\.html changed on disk during the deploy$/,
    )
    const grown = await localFile('grown.html', 'scanned')
    await fs.writeFile(grown.path, 'scanned, then grown')
    await expect(st.upload(grown, headers)).rejects.toThrow(
      /^grown\.html changed on disk during the deploy$/,
    )
    expect(await listKeys(s3, bucket)).toEqual([])
  })

  it('wraps errors with the operation and the place', async () => {
    const missing = uniqueBucket('nobucket')
    await expect(store(missing, 'site').list()).rejects.toThrow(
      new RegExp(`Could not list s3://${missing}/site/ \\(ListObjectsV2\\): NoSuchBucket`),
    )
    const file = await localFile('a.txt', 'a')
    await expect(
      store(missing).upload(file, { contentType: 'text/plain', cacheControl: 'no-cache' }),
    ).rejects.toThrow(
      new RegExp(`Could not upload a.txt to s3://${missing}/a.txt \\(PutObject\\): NoSuchBucket`),
    )
  })
})

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

  it("every write is the SDK's: the first file, parts (a failed one retried by it) and header copies through its commands; later small files signed by its signer and sent by its handler", async () => {
    const bucket = uniqueBucket('sdk-writes')
    await createBucket(s3, bucket)
    const proxy = await startProxy(endpoint)
    const st = store(bucket, 'w', proxy.endpoint)
    await st.list()
    const keys = ['a b.txt', "it's (1)!*.txt", 'ünï/cödé.txt', '100%/x?.txt', 'a#b&c=d;e,f+g@h.txt']
    const files = await Promise.all(keys.map((k) => localFile(k, `content of ${k}`)))
    const content = Buffer.alloc(17 * 1024 * 1024 + 3, 7)
    content.write('a large file: three parts')
    const file = await localFile('big file (1).bin', content.toString('latin1'))
    const big = {
      ...file,
      size: content.length,
      md5: createHash('md5').update(content).digest('hex'),
    }
    await fs.writeFile(big.path, content)
    const before = { contentType: 'text/plain; charset=utf-8', cacheControl: 'no-cache' }
    const after = { contentType: 'text/plain; charset=utf-8', cacheControl: 'public, max-age=300' }
    proxy.clear()
    let failed = false
    proxy.faults = (r) =>
      r.query.get('partNumber') === '2' && !failed ? ((failed = true), '500') : undefined
    for (const f of files) await st.upload(f, before)
    await st.upload(big, { contentType: 'application/octet-stream', cacheControl: 'no-cache' })
    proxy.faults = undefined
    for (const f of files) await st.updateHeaders(f, after)
    const writes = proxy.requests.filter((r) => r.method === 'PUT' || r.method === 'POST')
    await proxy.close()
    // PutObject x5, CreateMultipartUpload, UploadPart x4 (part 2 twice), Complete, CopyObject x5.
    expect(writes).toHaveLength(5 + 1 + 4 + 1 + 5)
    // The SDK's commands mark every request they send; the small files after the first go through the
    // PUT transport (put-transport.ts), which the SDK's own signer signs, for the endpoint and region
    // the first PutObject used.
    const puts = writes.filter(
      (r) => r.method === 'PUT' && !r.query.has('partNumber') && !r.headers['x-amz-copy-source'],
    )
    expect(puts).toHaveLength(5)
    expect(puts[0]!.headers['amz-sdk-invocation-id']).toBeDefined()
    for (const r of puts.slice(1)) {
      expect(r.headers['amz-sdk-invocation-id'], r.target).toBeUndefined()
      expect(r.headers['authorization']).toMatch(
        /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=[^,]*content-md5[^,]*host[^,]*x-amz-content-sha256[^,]*x-amz-date[^,]*x-amz-meta-md5chksum[^,]*, Signature=[0-9a-f]{64}$/,
      )
      // Over plain HTTP the payload is signed (its SHA-256), as the SDK does.
      expect(r.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/)
      expect(r.status).toBe(200)
    }
    for (const r of writes.filter((w) => !puts.slice(1).includes(w)))
      expect(r.headers['amz-sdk-invocation-id'], r.target).toBeDefined()
    const parts = writes.filter((r) => r.query.has('partNumber'))
    expect(parts.map((r) => `${r.query.get('partNumber')}:${r.status}`).sort()).toEqual([
      '1:200',
      '2:200',
      '2:500',
      '3:200',
    ])
    for (const r of parts) expect(r.headers['content-md5']).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    const stored = await body(s3, bucket, 'w/big file (1).bin')
    expect(createHash('md5').update(stored).digest('hex')).toBe(big.md5)
    for (const key of keys) {
      expect((await body(s3, bucket, `w/${key}`)).toString()).toBe(`content of ${key}`)
      expect((await headers(s3, bucket, `w/${key}`)).cacheControl).toBe('public, max-age=300')
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

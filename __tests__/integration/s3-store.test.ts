// The S3 adapter against the emulator over HTTP: listing under a prefix, odd keys, header updates in
// place, batched deletes, and errors that say what was being done.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { S3Store, createS3Client } from '../../src/s3-store.js'
import type { LocalFile } from '../../src/local-files.js'
import { mapLimit } from '../../src/limit.js'
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
    await mapLimit(keys, 16, (k) => putObject(s3, bucket, k, 'x'))
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

  it('lists in parallel ranges split at the keys the state knows, and finds every object even when they are stale', async () => {
    const bucket = uniqueBucket('ranges')
    await createBucket(s3, bucket)
    const keys = Array.from({ length: 2300 }, (_, i) =>
      i % 7 === 0
        ? `d/ü ${String(i).padStart(4, '0')} &<x>.txt`
        : `f/${String(i).padStart(4, '0')}.txt`,
    )
    await mapLimit(keys, 16, (k) => putObject(s3, bucket, `site/${k}`, 'x'))
    await putObject(s3, bucket, 'outside.txt', 'o')
    await putObject(s3, bucket, 'site2/f/0001.txt', 'o')
    const proxy = await startProxy(endpoint)
    const st = store(bucket, 'site', proxy.endpoint)
    const listed = async (known?: string[]) => {
      proxy.clear()
      const objects = await st.list(known)
      return { keys: objects.map((o) => o.key), lists: proxy.count('ListObjectsV2') }
    }
    const expected = [...keys].sort()

    // No hints: one page after the other, 3 pages.
    expect(await listed()).toEqual({ keys: expected, lists: 3 })
    // Exact hints: 3 ranges of ~767 keys, one page each, sent together.
    const exact = await listed(keys)
    expect(exact.lists).toBe(3)
    expect([...exact.keys].sort()).toEqual(expected)
    expect(new Set(exact.keys).size).toBe(keys.length)
    // Stale hints: a third of the keys gone from the state, 500 keys it names are not in the bucket.
    const stale = [
      ...keys.filter((_, i) => i % 3 !== 0),
      ...Array.from({ length: 500 }, (_, i) => `f/${String(i).padStart(4, '0')}.gone`),
    ]
    const fromStale = await listed(stale)
    expect([...fromStale.keys].sort()).toEqual(expected)
    expect(new Set(fromStale.keys).size).toBe(keys.length)
    // Each page's answer is checked whole: a cut-off answer is retried, not taken for a short page.
    let cut = 0
    proxy.faults = (r) => (r.query.get('list-type') === '2' && cut++ < 2 ? 'reset' : undefined)
    const afterFaults = await listed(keys)
    proxy.faults = undefined
    await proxy.close()
    expect([...afterFaults.keys].sort()).toEqual(expected)
    expect(afterFaults.lists).toBe(5)
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

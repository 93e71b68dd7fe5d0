// The deploy state is a cache, never the truth: objects changed by other tools, a lost or corrupt state,
// and objects another tool uploaded in parts are all detected, and the bucket ends right.
import { CopyObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { describe, expect, inject, it } from 'vitest'
import { runAction } from '../helpers/action.js'
import { useProxy } from '../helpers/proxy.js'
import {
  body,
  createBucket,
  headers,
  putObject,
  testClient,
  uniqueBucket,
  readDeployState,
} from '../helpers/s3.js'
import { makeSite, removeSite } from '../helpers/site.js'

const endpoint = inject('motoEndpoint')
const proxy = useProxy(() => endpoint)
const s3 = testClient(endpoint)

function deploy(inputs: Record<string, string>) {
  proxy.clear()
  return runAction(inputs, { AWS_ENDPOINT_URL_S3: proxy.endpoint })
}

/** Last-Modified of an object, from the server. */
async function lastModified(bucket: string, key: string): Promise<number> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
  return head.LastModified!.getTime()
}

/**
 * Change an object's headers in place as another tool would (the ETag stays the same), repeating until
 * the server stamps it in a later second than the deploy state (its listings have one-second resolution).
 */
async function changeHeadersLater(
  bucket: string,
  key: string,
  cacheControl: string,
): Promise<void> {
  const state = await lastModified(bucket, '.cdn-publish/state.json')
  const deadline = Date.now() + 10_000
  for (;;) {
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: key,
        CopySource: `${bucket}/${key}`,
        MetadataDirective: 'REPLACE',
        ContentType: 'text/html; charset=utf-8',
        CacheControl: cacheControl,
      }),
    )
    if (Math.floor((await lastModified(bucket, key)) / 1000) > Math.floor(state / 1000)) return
    if (Date.now() > deadline) throw new Error('the server clock did not advance')
  }
}

describe('the deploy state', () => {
  it('headers changed by another tool after the deploy are detected and put back', async () => {
    const bucket = uniqueBucket('oob')
    await createBucket(s3, bucket)
    const dir = await makeSite({ 'index.html': '<p>home</p>', 'a.css': 'a' })
    try {
      expect((await deploy({ source: dir, bucket })).code).toBe(0)
      await changeHeadersLater(bucket, 'index.html', 'public, max-age=86400')
      const run = await deploy({ source: dir, bucket })
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs).toMatchObject({ uploaded: '0', updated: '1', unchanged: '1' })
      expect(proxy.count('HeadObject')).toBe(1)
      expect((await headers(s3, bucket, 'index.html')).cacheControl).toBe('no-cache')
      const again = await deploy({ source: dir, bucket })
      expect(again.outputs).toMatchObject({ uploaded: '0', updated: '0', unchanged: '2' })
      expect(proxy.count('HeadObject')).toBe(0)
    } finally {
      await removeSite(dir)
    }
  })

  it('content overwritten by another tool is detected by its ETag and sent again', async () => {
    const bucket = uniqueBucket('overwrite')
    await createBucket(s3, bucket)
    const dir = await makeSite({ 'index.html': '<p>home</p>', 'a.css': 'a' })
    try {
      expect((await deploy({ source: dir, bucket })).code).toBe(0)
      await putObject(s3, bucket, 'a.css', 'tampered', {
        ContentType: 'text/css',
        CacheControl: 'public, max-age=3600',
      })
      const run = await deploy({ source: dir, bucket })
      expect(run.outputs).toMatchObject({ uploaded: '1', unchanged: '1', 'bytes-uploaded': '1' })
      expect((await body(s3, bucket, 'a.css')).toString()).toBe('a')
    } finally {
      await removeSite(dir)
    }
  })

  it('a corrupt state is reported, objects are compared by HEAD, and the state is rewritten', async () => {
    const bucket = uniqueBucket('corrupt')
    await createBucket(s3, bucket)
    const dir = await makeSite({ 'index.html': '<p>home</p>', 'a.css': 'a', 'b.js': 'b' })
    try {
      expect((await deploy({ source: dir, bucket })).code).toBe(0)
      await putObject(s3, bucket, '.cdn-publish/state.json', '{not json')
      const run = await deploy({ source: dir, bucket })
      expect(run.code).toBe(0)
      expect(run.warnings.join('\n')).toMatch(/deploy state .* is unreadable/)
      expect(run.outputs).toMatchObject({ uploaded: '0', updated: '0', unchanged: '3' })
      expect(proxy.count('HeadObject')).toBe(3)
      expect(proxy.count('PutObject')).toBe(1)
      const state = await readDeployState(s3, bucket)
      expect(state.format).toBe('cdn-publish/state@2')
      expect(Object.keys(state.entries as object).sort()).toEqual(['a.css', 'b.js', 'index.html'])
      const again = await deploy({ source: dir, bucket })
      expect(again.outputs.unchanged).toBe('3')
      expect(proxy.count('HeadObject') + proxy.count('PutObject')).toBe(0)
    } finally {
      await removeSite(dir)
    }
  })

  it('a bucket filled by another tool: same bytes with other headers are updated, not re-sent', async () => {
    const bucket = uniqueBucket('adopt')
    await createBucket(s3, bucket)
    await putObject(s3, bucket, 'index.html', '<p>home</p>', { ContentType: 'text/html' })
    await putObject(s3, bucket, 'a.css', 'a', {
      ContentType: 'text/css; charset=utf-8',
      CacheControl: 'public, max-age=3600',
    })
    const dir = await makeSite({ 'index.html': '<p>home</p>', 'a.css': 'a' })
    try {
      const run = await deploy({ source: dir, bucket })
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs).toMatchObject({
        uploaded: '0',
        updated: '1',
        unchanged: '1',
        'bytes-uploaded': '0',
      })
      expect((await headers(s3, bucket, 'index.html')).cacheControl).toBe('no-cache')
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }))
      expect(listed.KeyCount).toBe(3)
    } finally {
      await removeSite(dir)
    }
  })
})

describe("the deploy state's journal", () => {
  const v1 = {
    'index.html': '<p>home</p>',
    'about.html': '<p>about</p>',
    'assets/a.css': 'a { color: red }',
    'assets/b.js': 'console.log(1)',
  }

  /** A new bucket with v1 deployed to it (its site directory removed again). */
  async function deployedV1(name: string): Promise<string> {
    const bucket = uniqueBucket(name)
    await createBucket(s3, bucket)
    const dir = await makeSite(v1)
    try {
      expect((await deploy({ source: dir, bucket })).code).toBe(0)
    } finally {
      await removeSite(dir)
    }
    return bucket
  }

  it('a few changes go into the journal (a copy of the state onto itself, no state bytes); the next run trusts it and sends nothing', async () => {
    const bucket = await deployedV1('journal')
    const before = await readDeployState(s3, bucket)
    const dir2 = await makeSite({ ...v1, 'assets/a.css': 'a { color: blue }', 'new.txt': 'new' })
    try {
      const run = await deploy({ source: dir2, bucket })
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs).toMatchObject({ uploaded: '2', unchanged: '3' })
      const puts = proxy.requests.filter((r) => r.method === 'PUT' && !r.copySource)
      expect(puts.map((r) => r.key).sort()).toEqual(['assets/a.css', 'new.txt'])
      const copies = proxy.requests.filter((r) => r.copySource)
      expect(copies.map((r) => [r.key, r.bytesIn, r.status])).toEqual([
        ['.cdn-publish/state.json', 0, 200],
      ])
      // The body is the first run's; the journal in the metadata describes the two changed objects.
      const after = await readDeployState(s3, bucket)
      expect(after.entries).toEqual(before.entries)
      expect(after.journal).toMatchObject({ v: 1, n: 2, md5s: {} })
      // The next run: the listing, the state, nothing else; the journal's objects are trusted.
      const again = await deploy({ source: dir2, bucket })
      expect(again.outputs).toMatchObject({ uploaded: '0', updated: '0', unchanged: '5' })
      expect(proxy.count('HeadObject')).toBe(0)
      expect(proxy.requests.filter((r) => r.method !== 'GET')).toEqual([])
      expect((await body(s3, bucket, 'assets/a.css')).toString()).toBe('a { color: blue }')
    } finally {
      await removeSite(dir2)
    }
  })

  it('an object the journal describes, overwritten by another tool, is found and sent again, and the state written whole', async () => {
    const bucket = await deployedV1('journal-tamper')
    const changed = { ...v1, 'assets/a.css': 'a { color: blue }' }
    const dir2 = await makeSite(changed)
    try {
      expect((await deploy({ source: dir2, bucket })).code).toBe(0)
      expect(proxy.requests.filter((r) => r.copySource).map((r) => r.key)).toEqual([
        '.cdn-publish/state.json',
      ])
      // Same size, other bytes, by another tool.
      await putObject(s3, bucket, 'assets/a.css', 'a { color: gold }', {
        ContentType: 'text/css; charset=utf-8',
      })
      const run = await deploy({ source: dir2, bucket })
      expect(run.code, run.stdout).toBe(0)
      expect(run.stdout).toContain("The deploy state's journal does not match the bucket")
      expect(run.outputs).toMatchObject({ uploaded: '1', unchanged: '3' })
      expect((await body(s3, bucket, 'assets/a.css')).toString()).toBe('a { color: blue }')
      // The state is written whole again (PUT, no journal).
      const puts = proxy.requests.filter((r) => r.method === 'PUT' && !r.copySource)
      expect(puts.map((r) => r.key).sort()).toEqual(['.cdn-publish/state.json', 'assets/a.css'])
      expect((await readDeployState(s3, bucket)).journal).toBeUndefined()
      const again = await deploy({ source: dir2, bucket })
      expect(again.outputs).toMatchObject({ uploaded: '0', updated: '0', unchanged: '4' })
      expect(proxy.count('HeadObject')).toBe(0)
    } finally {
      await removeSite(dir2)
    }
  })

  it('a journal that cannot be written (the state changed since it was read) is replaced by the whole state', async () => {
    const bucket = await deployedV1('journal-412')
    const dir2 = await makeSite({ ...v1, 'assets/b.js': 'console.log(2)' })
    try {
      proxy.faults = (r) =>
        r.key === '.cdn-publish/state.json' && r.copySource
          ? { status: 412, code: 'PreconditionFailed' }
          : undefined
      const run = await deploy({ source: dir2, bucket })
      proxy.faults = undefined
      expect(run.code, run.stdout).toBe(0)
      const state = proxy.requests.filter((r) => r.key === '.cdn-publish/state.json')
      expect(state.map((r) => [r.copySource ? 'copy' : r.method, r.status])).toEqual([
        ['GET', 200],
        ['copy', 412],
        ['PUT', 200],
      ])
      const written = await readDeployState(s3, bucket)
      expect(written.journal).toBeUndefined()
      expect(Object.keys(written.entries as object)).toContain('assets/b.js')
      const again = await deploy({ source: dir2, bucket })
      expect(again.outputs).toMatchObject({ uploaded: '0', unchanged: '4' })
      expect(proxy.count('HeadObject')).toBe(0)
    } finally {
      proxy.faults = undefined
      await removeSite(dir2)
    }
  })

  it('a journal that does not read makes the state unreadable: reported, objects compared by HEAD, state rewritten', async () => {
    const bucket = await deployedV1('journal-garbage')
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: '.cdn-publish/state.json',
        CopySource: `${bucket}/.cdn-publish/state.json`,
        MetadataDirective: 'REPLACE',
        Metadata: { 'cdnp-journal': 'not-a-journal' },
        ContentType: 'application/json; charset=utf-8',
        ContentEncoding: 'gzip',
      }),
    )
    const dir = await makeSite(v1)
    try {
      const run = await deploy({ source: dir, bucket })
      expect(run.code, run.stdout).toBe(0)
      expect(run.warnings.join('\n')).toContain('its journal is not one this version reads')
      expect(run.outputs).toMatchObject({ uploaded: '0', updated: '0', unchanged: '4' })
      expect(proxy.count('HeadObject')).toBeGreaterThan(0)
      expect((await readDeployState(s3, bucket)).journal).toBeUndefined()
    } finally {
      await removeSite(dir)
    }
  })

  it('a rule changed after a journal: the objects it describes are read again and get the new headers', async () => {
    const bucket = await deployedV1('journal-rule')
    const dir2 = await makeSite({ ...v1, 'index.html': '<p>home 2</p>' })
    try {
      expect((await deploy({ source: dir2, bucket })).code).toBe(0)
      expect((await readDeployState(s3, bucket)).journal).toMatchObject({ n: 1 })
      const rule = { 'cache-control': '*.html: public, max-age=60' }
      const run = await deploy({ source: dir2, bucket, ...rule })
      expect(run.code, run.stdout).toBe(0)
      expect(run.stdout).toContain("The deploy state's journal does not match the bucket")
      expect(run.outputs).toMatchObject({ uploaded: '0', updated: '2' })
      for (const key of ['index.html', 'about.html'])
        expect((await headers(s3, bucket, key)).cacheControl).toBe('public, max-age=60')
      const again = await deploy({ source: dir2, bucket, ...rule })
      expect(again.outputs).toMatchObject({ uploaded: '0', updated: '0', unchanged: '4' })
    } finally {
      await removeSite(dir2)
    }
  })
})

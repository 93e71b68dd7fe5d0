// The bundled action against the emulator, through a recording proxy: what lands in the bucket, and
// what requests it took to get there.
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { useDeployHarness } from '../helpers/harness.js'
import { operation } from '../helpers/proxy.js'
import { body, headers, listKeys, putObject } from '../helpers/s3.js'
import { makeSite, removeSite, writeTree } from '../helpers/site.js'

const h = useDeployHarness({ cloudfront: false })
const { proxy, s3, deploy } = h

const WRITES = new Set([
  'PutObject',
  'CopyObject',
  'DeleteObjects',
  'DeleteObject',
  'CreateMultipartUpload',
  'UploadPart',
  'CompleteMultipartUpload',
])

const site = {
  'index.html': '<!doctype html><title>home</title><script src="/assets/app.3f2a9c1b.js"></script>',
  'about/index.html': '<!doctype html><title>about</title>',
  'assets/app.3f2a9c1b.js': 'console.log("app")',
  'assets/style.css': 'body{color:red}',
  'img/logo.png': randomBytes(2048),
  'fonts/inter.woff2': randomBytes(1024),
  'data/items.json': '{"items":[1,2,3]}',
  'site.webmanifest': '{"name":"x"}',
  'sitemap.xml': '<urlset/>',
  'icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  '.well-known/security.txt': 'Contact: mailto:security@example.com',
  '.hidden/secret.txt': 'nope',
  '.DS_Store': 'nope',
  '.env': 'TOKEN=nope',
  'docs/a file with spaces.html': 'spaces',
  'docs/c++ (notes).txt': 'plus and parens',
  'docs/café/naïve ünïcode.txt': 'unicode',
  'docs/e\u0301cole.txt': 'NFD name, NFC key',
}

describe('publish a build to S3 (bundled action)', () => {
  it('publishes exactly the selected keys, with headers per type and rule, then a re-run sends nothing', async () => {
    const bucket = await h.bucket('keys')
    const dir = await makeSite(site)
    try {
      const first = await deploy({
        source: dir,
        bucket,
        'cache-control': 'data/*.json: public, max-age=60',
      })
      expect(first.code, first.stdout).toBe(0)
      // Nothing on stderr: in particular no complaint from V8 about the heap flag the upload sets.
      expect(first.stderr).toBe('')
      const keys = await listKeys(s3, bucket)
      const siteKeys = keys.filter((k) => !k.startsWith('.cdn-publish/'))
      expect(siteKeys).toEqual(
        [
          '.well-known/security.txt',
          'about/index.html',
          'assets/app.3f2a9c1b.js',
          'assets/style.css',
          'data/items.json',
          'docs/a file with spaces.html',
          'docs/c++ (notes).txt',
          'docs/café/naïve ünïcode.txt',
          'docs/\u00e9cole.txt',
          'fonts/inter.woff2',
          'icon.svg',
          'img/logo.png',
          'index.html',
          'site.webmanifest',
          'sitemap.xml',
        ].sort(),
      )
      expect(keys).toContain('.cdn-publish/state.json')
      expect(first.outputs).toMatchObject({
        uploaded: '15',
        updated: '0',
        deleted: '0',
        unchanged: '0',
      })
      const expectedBytes = Object.entries(site)
        .filter(([k]) => siteKeys.includes(k.normalize('NFC')))
        .reduce((sum, [, v]) => sum + Buffer.byteLength(v), 0)
      expect(Number(first.outputs['bytes-uploaded'])).toBe(expectedBytes)

      // bytes round-trip for odd names
      expect((await body(s3, bucket, 'docs/café/naïve ünïcode.txt')).toString()).toBe('unicode')
      expect((await body(s3, bucket, 'docs/c++ (notes).txt')).toString()).toBe('plus and parens')

      const expectHeaders = async (key: string, contentType: string, cacheControl: string) => {
        const h = await headers(s3, bucket, key)
        expect({ key, contentType: h.contentType, cacheControl: h.cacheControl }).toEqual({
          key,
          contentType,
          cacheControl,
        })
      }
      await expectHeaders('index.html', 'text/html; charset=utf-8', 'no-cache')
      await expectHeaders('about/index.html', 'text/html; charset=utf-8', 'no-cache')
      await expectHeaders(
        'assets/app.3f2a9c1b.js',
        'text/javascript; charset=utf-8',
        'public, max-age=31536000, immutable',
      )
      await expectHeaders('assets/style.css', 'text/css; charset=utf-8', 'public, max-age=3600')
      await expectHeaders('img/logo.png', 'image/png', 'public, max-age=3600')
      await expectHeaders('fonts/inter.woff2', 'font/woff2', 'public, max-age=3600')
      await expectHeaders(
        'data/items.json',
        'application/json; charset=utf-8',
        'public, max-age=60',
      )
      await expectHeaders(
        'site.webmanifest',
        'application/manifest+json; charset=utf-8',
        'no-cache',
      )
      await expectHeaders('sitemap.xml', 'application/xml; charset=utf-8', 'no-cache')
      await expectHeaders('icon.svg', 'image/svg+xml; charset=utf-8', 'public, max-age=3600')
      await expectHeaders('.well-known/security.txt', 'text/plain; charset=utf-8', 'no-cache')
      const md5 = createHash('md5').update(site['index.html']).digest('base64')
      expect((await headers(s3, bucket, 'index.html')).metadata.md5chksum).toBe(md5)
      expect(first.warnings.join('\n')).toContain('.env')

      const second = await deploy(
        { source: dir, bucket, 'cache-control': 'data/*.json: public, max-age=60' },
        { RUNNER_DEBUG: '1' },
      )
      expect(second.code, second.stdout).toBe(0)
      // The state and one listing page: nothing else.
      expect(proxy.ops().sort()).toEqual(['GetObject', 'ListObjectsV2'])
      expect(second.outputs).toMatchObject({
        uploaded: '0',
        updated: '0',
        deleted: '0',
        unchanged: '15',
        'bytes-uploaded': '0',
      })
      const ops = proxy.ops()
      expect(ops.filter((op) => WRITES.has(op))).toEqual([])
      expect(ops.filter((op) => op === 'HeadObject')).toEqual([])
      // a no-op run costs the LIST pages and one GET of the state, nothing else
      expect(ops).toEqual(expect.arrayContaining(['ListObjectsV2', 'GetObject']))
      expect(ops).toHaveLength(2)
      expect(proxy.bytesIn()).toBe(0)
      expect(second.summary).toContain('No changes')
    } finally {
      await removeSite(dir)
    }
  })

  it('one changed, one removed and one added file: uploaded=2, deleted=1, in phase order', async () => {
    const bucket = await h.bucket('change')
    const dir = await makeSite(site)
    try {
      expect((await deploy({ source: dir, bucket })).code).toBe(0)
      await writeTree(dir, {
        'assets/style.css': 'body{color:blue}',
        'assets/new.js': 'new()',
        'about/index.html': '<p>new about</p>',
      })
      await fs.rm(path.join(dir, 'img/logo.png'))
      const run = await deploy({ source: dir, bucket }, { RUNNER_DEBUG: '1' })
      expect(run.code, run.stdout).toBe(0)
      expect(proxy.count('GetObject')).toBe(1)
      expect(proxy.count('ListObjectsV2')).toBe(1)
      // style.css changed + new.js added = 2 assets; about/index.html changed = metadata, counted in uploaded too
      expect(run.outputs).toMatchObject({ uploaded: '3', updated: '0', deleted: '1' })
      const writes = proxy.requests.filter((r) => WRITES.has(operation(r)))
      const order = writes.map((r) => `${operation(r)} ${r.key}`)
      const assetPuts = order.filter(
        (o) => o === 'PutObject assets/style.css' || o === 'PutObject assets/new.js',
      )
      expect(assetPuts.sort()).toEqual(['PutObject assets/new.js', 'PutObject assets/style.css'])
      const lastAsset = Math.max(...assetPuts.map((o) => order.indexOf(o)))
      const metaIndex = order.indexOf('PutObject about/index.html')
      const deleteIndex = order.findIndex((o) => o.startsWith('DeleteObjects'))
      expect(lastAsset).toBeLessThan(metaIndex)
      expect(metaIndex).toBeLessThan(deleteIndex)
      // Last, the state.
      expect(order[order.length - 1]).toBe('PutObject .cdn-publish/state.json')
      expect(await listKeys(s3, bucket)).not.toContain('img/logo.png')
    } finally {
      await removeSite(dir)
    }
  })

  it('exactly one added, one changed, one removed asset gives uploaded=2, deleted=1', async () => {
    const bucket = await h.bucket('twoone')
    const dir = await makeSite({ 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c', 'index.html': 'i' })
    try {
      expect((await deploy({ source: dir, bucket })).code).toBe(0)
      await writeTree(dir, { 'a.txt': 'a2', 'd.txt': 'd' })
      await fs.rm(path.join(dir, 'c.txt'))
      const run = await deploy({ source: dir, bucket })
      expect(run.outputs).toMatchObject({
        uploaded: '2',
        updated: '0',
        deleted: '1',
        unchanged: '2',
        'bytes-uploaded': '3',
      })
      expect(proxy.count('PutObject')).toBe(3) // the two files and the state
      expect(proxy.count('CopyObject')).toBe(0)
      expect(await listKeys(s3, bucket)).toEqual([
        '.cdn-publish/state.json',
        'a.txt',
        'b.txt',
        'd.txt',
        'index.html',
      ])
      expect((await body(s3, bucket, 'a.txt')).toString()).toBe('a2')
    } finally {
      await removeSite(dir)
    }
  })

  it('a changed cache-control rule updates headers in place without sending the bytes', async () => {
    const bucket = await h.bucket('rule')
    const dir = await makeSite(site)
    try {
      expect((await deploy({ source: dir, bucket })).code).toBe(0)
      const run = await deploy({
        source: dir,
        bucket,
        'cache-control': '*.css: public, max-age=600\n*.png: public, max-age=86400',
      })
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs).toMatchObject({ uploaded: '0', updated: '2', 'bytes-uploaded': '0' })
      expect(proxy.count('PutObject')).toBe(1) // the state
      expect(proxy.count('CopyObject')).toBe(2)
      expect((await headers(s3, bucket, 'assets/style.css')).cacheControl).toBe(
        'public, max-age=600',
      )
      expect((await headers(s3, bucket, 'img/logo.png')).cacheControl).toBe('public, max-age=86400')
      expect((await headers(s3, bucket, 'img/logo.png')).contentType).toBe('image/png')
      expect(await body(s3, bucket, 'img/logo.png')).toEqual(site['img/logo.png'])
      const again = await deploy({
        source: dir,
        bucket,
        'cache-control': '*.css: public, max-age=600\n*.png: public, max-age=86400',
      })
      expect(again.outputs).toMatchObject({ uploaded: '0', updated: '0' })
      expect(proxy.ops().filter((op) => WRITES.has(op))).toEqual([])
      // The state describes the two updated objects: nothing is read again by HEAD.
      expect(proxy.count('HeadObject')).toBe(0)
    } finally {
      await removeSite(dir)
    }
  })

  it('a 40 MB file goes up in parts once and is not re-sent on the next run', async () => {
    const bucket = await h.bucket('large')
    const big = randomBytes(40 * 1024 * 1024)
    const dir = await makeSite({ 'index.html': 'x', 'video/big.mp4': big })
    try {
      const first = await deploy({ source: dir, bucket })
      expect(first.code, first.stdout).toBe(0)
      expect(proxy.count('UploadPart')).toBeGreaterThan(1)
      const h = await headers(s3, bucket, 'video/big.mp4')
      expect(h.etag).toMatch(/-\d+$/)
      expect(h.size).toBe(big.length)
      expect(h.metadata.md5chksum).toBe(createHash('md5').update(big).digest('base64'))
      expect(
        createHash('md5')
          .update(await body(s3, bucket, 'video/big.mp4'))
          .digest('hex'),
      ).toBe(createHash('md5').update(big).digest('hex'))
      const second = await deploy({ source: dir, bucket })
      expect(second.outputs).toMatchObject({ uploaded: '0', unchanged: '2' })
      expect(proxy.bytesIn()).toBe(0)
      // Without the state, a HEAD per object reads the headers (and md5chksum for the multipart one); nothing is sent.
      await s3.send(
        new (await import('@aws-sdk/client-s3')).DeleteObjectCommand({
          Bucket: bucket,
          Key: '.cdn-publish/state.json',
        }),
      )
      const third = await deploy({ source: dir, bucket })
      expect(third.outputs).toMatchObject({ uploaded: '0', unchanged: '2' })
      expect(proxy.count('HeadObject')).toBe(2) // one per object: the state is gone, so headers are unknown
      expect(proxy.count('UploadPart')).toBe(0)
    } finally {
      await removeSite(dir)
    }
  })

  it('dry-run makes no write request and reports the plan', async () => {
    const bucket = await h.bucket('dry')
    await putObject(s3, bucket, 'old.txt', 'old')
    const dir = await makeSite({ 'index.html': 'x', 'a.css': 'a' })
    try {
      const run = await deploy({ source: dir, bucket, 'dry-run': 'true' })
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs).toMatchObject({ uploaded: '2', deleted: '1' })
      expect(
        proxy.requests.map((r) => r.method).filter((m) => m !== 'GET' && m !== 'HEAD'),
      ).toEqual([])
      expect(await listKeys(s3, bucket)).toEqual(['old.txt'])
      expect(run.summary).toContain('dry run')
    } finally {
      await removeSite(dir)
    }
  })

  it('over the delete cap, nothing at all is written', async () => {
    const bucket = await h.bucket('cap')
    for (let i = 0; i < 5; i++) await putObject(s3, bucket, `old/${i}.txt`, 'old')
    const dir = await makeSite({ 'index.html': 'x', 'new.css': 'n' })
    try {
      const run = await deploy({ source: dir, bucket, 'max-deletes': '4' })
      expect(run.code).toBe(1)
      expect(run.errors.join('\n')).toMatch(
        /would delete 5 objects.*max-deletes \(4\).*set max-deletes to 5/s,
      )
      expect(proxy.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD')).toEqual([])
      expect(await listKeys(s3, bucket)).toEqual([
        'old/0.txt',
        'old/1.txt',
        'old/2.txt',
        'old/3.txt',
        'old/4.txt',
      ])
      const allowed = await deploy({ source: dir, bucket, 'max-deletes': '5' })
      expect(allowed.outputs).toMatchObject({ deleted: '5', uploaded: '2' })
    } finally {
      await removeSite(dir)
    }
  })

  it('a missing source, a file as source, or an empty build changes nothing and sends nothing', async () => {
    const bucket = await h.bucket('missing')
    await putObject(s3, bucket, 'keep.txt', 'keep')
    const dir = await makeSite({ 'only.map': 'x' })
    try {
      const missing = await deploy({ source: path.join(dir, 'nope'), bucket })
      expect(missing.code).toBe(1)
      expect(missing.errors.join('\n')).toMatch(/Input 'source' names .*nope.*does not exist/)
      const file = await deploy({ source: path.join(dir, 'only.map'), bucket })
      expect(file.code).toBe(1)
      expect(file.errors.join('\n')).toMatch(/is a file, not a directory/)
      const empty = await deploy({ source: dir, bucket, exclude: '*.map' })
      expect(empty.code).toBe(1)
      expect(empty.errors.join('\n')).toMatch(/No files to publish/)
      expect(proxy.requests).toEqual([])
      expect(await listKeys(s3, bucket)).toEqual(['keep.txt'])
    } finally {
      await removeSite(dir)
    }
  })

  it('works under a prefix: objects outside it, and excluded or hidden objects inside it, survive', async () => {
    const bucket = await h.bucket('prefix')
    await putObject(s3, bucket, 'other/keep.txt', 'outside')
    await putObject(s3, bucket, 'site2/keep.txt', 'sibling with a common start')
    await putObject(s3, bucket, 'root.txt', 'root')
    await putObject(s3, bucket, 'site/stale.txt', 'stale')
    await putObject(s3, bucket, 'site/uploads/user.jpg', 'user content')
    await putObject(s3, bucket, 'site/.htaccess', 'hidden, not ours')
    const dir = await makeSite({ 'index.html': 'x', 'a.css': 'a' })
    try {
      const run = await deploy({ source: dir, bucket, prefix: 'site/', exclude: 'uploads/**' })
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs).toMatchObject({ uploaded: '2', deleted: '1' })
      expect(await listKeys(s3, bucket)).toEqual([
        'other/keep.txt',
        'root.txt',
        'site/.cdn-publish/state.json',
        'site/.htaccess',
        'site/a.css',
        'site/index.html',
        'site/uploads/user.jpg',
        'site2/keep.txt',
      ])
      const listed = proxy.requests
        .filter((r) => operation(r) === 'ListObjectsV2')
        .map((r) => r.query.get('prefix'))
      expect(listed).toEqual(['site/'])
    } finally {
      await removeSite(dir)
    }
  })

  it('a build of 1,200 files: hashed in worker threads, every object right, and a re-run lists in parallel ranges and sends nothing', async () => {
    const bucket = await h.bucket('many')
    const tree: Record<string, Buffer> = {}
    for (let i = 0; i < 1200; i++) {
      const key = `section-${i % 12}/page-${String(i).padStart(4, '0')}.${i % 5 === 0 ? 'html' : 'txt'}`
      tree[key] = Buffer.concat([Buffer.from(key), randomBytes(i % 97)])
    }
    const dir = await makeSite(tree)
    try {
      const first = await deploy({ source: dir, bucket }, { RUNNER_DEBUG: '1' })
      expect(first.code, first.stdout).toBe(0)
      // The bundle found its worker script (dist/hash-worker.js): not the main-thread fallback.
      expect(first.stdout).toMatch(/^::debug::Hashing in \d+ worker threads?\.$/m)
      expect(first.outputs.uploaded).toBe('1200')
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }))
      const etags = new Map<string, string>()
      let page = listed
      for (;;) {
        for (const o of page.Contents ?? []) etags.set(o.Key!, o.ETag!.replace(/"/g, ''))
        if (!page.IsTruncated) break
        page = await s3.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            ContinuationToken: page.NextContinuationToken,
          }),
        )
      }
      for (const [key, bytes] of Object.entries(tree))
        expect(etags.get(key), key).toBe(createHash('md5').update(bytes).digest('hex'))

      const again = await deploy({ source: dir, bucket })
      expect(again.code, again.stdout).toBe(0)
      expect(again.outputs.uploaded).toBe('0')
      expect(again.outputs.unchanged).toBe('1200')
      // 1,201 objects with the state: two ranges split at the state's keys, one page each, then the
      // state's GET before them; nothing written.
      expect(proxy.ops()).toEqual(['GetObject', 'ListObjectsV2', 'ListObjectsV2'])
    } finally {
      await removeSite(dir)
    }
  })
})

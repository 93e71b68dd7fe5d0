// The deploy state is a cache, never the truth: objects changed by other tools, a lost or corrupt state,
// and objects another tool uploaded in parts are all detected, and the bucket ends right.
import { CopyObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { useDeployHarness } from '../helpers/harness.js'
import { body, headers, objectTags, putObject, readDeployState } from '../helpers/s3.js'
import { makeSite, removeSite, writeTree } from '../helpers/site.js'

const h = useDeployHarness({ cloudfront: false })
const { proxy, s3, deploy } = h

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
    const bucket = await h.bucket('oob')
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
    const bucket = await h.bucket('overwrite')
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
    const bucket = await h.bucket('corrupt')
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
      expect(state.format).toBe('cdn-publish/state@3')
      expect(Object.keys(state.entries as object).sort()).toEqual(['a.css', 'b.js', 'index.html'])
      const again = await deploy({ source: dir, bucket })
      expect(again.outputs.unchanged).toBe('3')
      expect(proxy.count('HeadObject') + proxy.count('PutObject')).toBe(0)
    } finally {
      await removeSite(dir)
    }
  })

  it('a bucket filled by another tool: same bytes with other headers are updated, not re-sent', async () => {
    const bucket = await h.bucket('adopt')
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

  it("a header update keeps what the action does not manage: encoding, disposition, language, others' metadata, storage class, tags", async () => {
    const bucket = await h.bucket('keep')
    const gz = gzipSync('console.log("precompressed")')
    await putObject(s3, bucket, 'app.js', gz, {
      ContentType: 'text/javascript',
      CacheControl: 'max-age=1',
      ContentEncoding: 'gzip',
      ContentDisposition: 'inline; filename="app.js"',
      ContentLanguage: 'de',
      Metadata: { owner: 'other-tool', build: '7' },
      StorageClass: 'STANDARD_IA',
      Tagging: 'team=web&lifecycle=keep',
    })
    const dir = await makeSite({ 'app.js': gz })
    try {
      const run = await deploy({ source: dir, bucket })
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs).toMatchObject({ uploaded: '0', updated: '1', 'bytes-uploaded': '0' })
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'app.js' }))
      expect(head.CacheControl).toBe('public, max-age=3600')
      expect(head.ContentType).toBe('text/javascript; charset=utf-8')
      expect(head.ContentEncoding).toBe('gzip')
      expect(head.ContentDisposition).toBe('inline; filename="app.js"')
      expect(head.ContentLanguage).toBe('de')
      expect(head.Metadata).toMatchObject({ owner: 'other-tool', build: '7' })
      expect(head.StorageClass).toBe('STANDARD_IA')
      expect(await objectTags(s3, bucket, 'app.js')).toEqual({
        team: 'web',
        lifecycle: 'keep',
      })
      expect(await body(s3, bucket, 'app.js')).toEqual(gz)
    } finally {
      await removeSite(dir)
    }
  })
})

describe('the deploy state after changes', () => {
  it('a header change by another tool in the same second as the state write is noticed and put back', async () => {
    const bucket = await h.bucket('same-second')
    const dir = await makeSite({ 'index.html': '<p>0</p>', 'a.css': 'a' })
    try {
      expect((await deploy({ source: dir, bucket })).code).toBe(0)
      // Deploy a change, then change a.css's headers at once; retry until the change lands in the
      // state's own second (the listing cannot tell them apart), with a state that does not name a.css
      // among the run's recent writes (a.css put back by the run, or in the listing's latest second: the
      // run vouches for it, a window of under a second that docs/reliability.md describes).
      let sameSecond = false
      for (let i = 1; i <= 20 && !sameSecond; i++) {
        await writeTree(dir, { 'index.html': `<p>${i}</p>` })
        expect((await deploy({ source: dir, bucket })).code).toBe(0)
        const recent = (await readDeployState(s3, bucket)).recent as string[] | undefined
        if (recent?.includes('a.css')) {
          await new Promise((resolve) => setTimeout(resolve, 1100))
          continue
        }
        await s3.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: 'a.css',
            CopySource: `${bucket}/a.css`,
            MetadataDirective: 'REPLACE',
            ContentType: 'text/css; charset=utf-8',
            CacheControl: 'no-store',
          }),
        )
        const state = await lastModified(bucket, '.cdn-publish/state.json')
        const css = await lastModified(bucket, 'a.css')
        sameSecond = Math.floor(state / 1000) === Math.floor(css / 1000)
      }
      expect(sameSecond, 'a change never landed in the state write second').toBe(true)
      const run = await deploy({ source: dir, bucket })
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs).toMatchObject({ updated: '1', uploaded: '0' })
      expect((await headers(s3, bucket, 'a.css')).cacheControl).toBe('public, max-age=3600')
    } finally {
      await removeSite(dir)
    }
  })

  it("the run's own writes in the state's second are trusted: the next no-op sends no HEAD and no write", async () => {
    const bucket = await h.bucket('own-second')
    const dir = await makeSite({ 'index.html': '<p>0</p>', 'a.css': 'a' })
    try {
      // The state follows the run's last write within milliseconds, so they usually share a second.
      let sameSecond = false
      for (let i = 1; i <= 10 && !sameSecond; i++) {
        await writeTree(dir, { 'index.html': `<p>${i}</p>` })
        const run = await deploy({ source: dir, bucket })
        expect(run.code, run.stdout).toBe(0)
        const state = await lastModified(bucket, '.cdn-publish/state.json')
        const html = await lastModified(bucket, 'index.html')
        sameSecond = Math.floor(state / 1000) === Math.floor(html / 1000)
      }
      expect(sameSecond, 'the state never shared a second with the last write').toBe(true)
      const noop = await deploy({ source: dir, bucket })
      expect(noop.code, noop.stdout).toBe(0)
      expect(noop.outputs).toMatchObject({ uploaded: '0', updated: '0', unchanged: '2' })
      expect(proxy.count('HeadObject')).toBe(0)
      expect(proxy.count('PutObject') + proxy.count('CopyObject')).toBe(0)
    } finally {
      await removeSite(dir)
    }
  })

  const WRITES = ['PutObject', 'CopyObject', 'DeleteObjects', 'DeleteObject', 'PutObjectTagging']

  it('after a deploy that deletes a file, each later no-op makes no write at all', async () => {
    const bucket = await h.bucket('del-noop')
    const dir = await makeSite({ 'index.html': 'home', 'a.css': 'a', 'b.css': 'b' })
    try {
      expect((await deploy({ source: dir, bucket })).code).toBe(0)
      await fs.rm(path.join(dir, 'b.css'))
      const deleting = await deploy({ source: dir, bucket })
      expect(deleting.code, deleting.stdout).toBe(0)
      expect(deleting.outputs.deleted).toBe('1')
      for (let i = 0; i < 3; i++) {
        const noop = await deploy({ source: dir, bucket })
        expect(noop.code, noop.stdout).toBe(0)
        expect(noop.outputs.unchanged).toBe('2')
        expect(
          proxy.ops().filter((op) => WRITES.includes(op)),
          `no-op ${i + 1}`,
        ).toEqual([])
      }
    } finally {
      await removeSite(dir)
    }
  })
})

describe("the deploy state keeps each file's SHA-256", () => {
  const shaOf = (bytes: string | Buffer) =>
    createHash('sha256').update(bytes).digest().subarray(0, 16).toString('base64url')
  const hashedLine = (stdout: string) =>
    /Hashed (\d+) files .*?; (\d+) as the deploy state has them/.exec(stdout)
  // 200 files: enough for the hash workers, which read most of them before the state is known.
  const tree: Record<string, string> = { 'index.html': '<p>home</p>' }
  for (let i = 0; i < 200; i++)
    tree[`assets/f${i}.js`] = `console.log(${i})/*${'x'.repeat(i * 37)}*/`

  /** A first deploy of the tree to a new bucket, and the deploy state it wrote. */
  async function deployed(label: string, dir: string) {
    const bucket = await h.bucket(label)
    expect((await deploy({ source: dir, bucket })).code).toBe(0)
    const state = (await readDeployState(s3, bucket)) as {
      format: string
      entries: Record<string, unknown[]>
    }
    return { bucket, state }
  }

  it('a CI rebuild (new mtimes) takes the MD5 of unchanged files from the state; a same-size change is read again and sent', async () => {
    const dir = await makeSite(tree)
    try {
      const { bucket, state } = await deployed('sha', dir)
      expect(state.format).toBe('cdn-publish/state@3')
      for (const [key, content] of Object.entries(tree))
        expect(state.entries[key]![4], key).toBe(shaOf(content))
      // Every file rewritten (new mtimes); one with other bytes of the same size.
      const changed = tree['assets/f7.js']!.replace('console', 'CONSOLE')
      await writeTree(dir, { ...tree, 'assets/f7.js': changed })
      const run = await deploy({ source: dir, bucket })
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs).toMatchObject({ uploaded: '1', updated: '0', unchanged: '200' })
      expect(hashedLine(run.stdout)?.slice(1)).toEqual(['201', '200'])
      expect((await body(s3, bucket, 'assets/f7.js')).toString()).toBe(changed)
      const after = (await readDeployState(s3, bucket)) as { entries: Record<string, unknown[]> }
      expect(after.entries['assets/f7.js']![4]).toBe(shaOf(changed))
      expect(after.entries['assets/f7.js']![1] || after.entries['assets/f7.js']![0]).toBe(
        createHash('md5').update(changed).digest('hex'),
      )
    } finally {
      await removeSite(dir)
    }
  })

  it('a state@2 (no SHA-256) is read; the next run computes both digests and writes the state once', async () => {
    const dir = await makeSite(tree)
    try {
      const { bucket, state } = await deployed('sha-v2', dir)
      // The same state as an earlier version wrote it.
      const v2 = {
        ...state,
        format: 'cdn-publish/state@2',
        entries: Object.fromEntries(
          Object.entries(state.entries).map(([k, v]) => [k, v.slice(0, 4)]),
        ),
      }
      await putObject(s3, bucket, '.cdn-publish/state.json', gzipSync(JSON.stringify(v2)), {
        ContentEncoding: 'gzip',
      })
      const upgrade = await deploy({ source: dir, bucket })
      expect(upgrade.code, upgrade.stdout).toBe(0)
      expect(upgrade.warnings).toEqual([])
      expect(upgrade.outputs).toMatchObject({ uploaded: '0', updated: '0', unchanged: '201' })
      expect(hashedLine(upgrade.stdout)?.slice(1)).toEqual(['201', '0'])
      expect(proxy.ops().filter((op) => op !== 'GetObject' && op !== 'ListObjectsV2')).toEqual([
        'PutObject',
      ])
      const rewritten = (await readDeployState(s3, bucket)) as { format: string }
      expect(rewritten.format).toBe('cdn-publish/state@3')
      const noop = await deploy({ source: dir, bucket })
      expect(noop.code, noop.stdout).toBe(0)
      expect(hashedLine(noop.stdout)?.slice(1)).toEqual(['201', '201'])
      expect(proxy.ops().filter((op) => op !== 'GetObject' && op !== 'ListObjectsV2')).toEqual([])
    } finally {
      await removeSite(dir)
    }
  })
})

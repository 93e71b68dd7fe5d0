// Invalidations sent by the bundled action to the emulator: only for what a deploy overwrote or removed.
import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { invalidations } from '../helpers/cloudfront.js'
import { useDeployHarness } from '../helpers/harness.js'
import { makeSite, removeSite, writeTree } from '../helpers/site.js'

const h = useDeployHarness({ cloudfront: true, env: { GITHUB_RUN_ID: '4242' } })
const { proxy, deploy } = h

const createInvalidations = () =>
  proxy.requests.filter((r) => r.method === 'POST' && /\/invalidation$/.test(r.path))

describe('invalidation (bundled action)', () => {
  it('invalidates exactly the changed and removed paths, nothing for new files or a no-op re-run', async () => {
    const bucket = await h.bucket('inval')
    const dir = await makeSite({
      'index.html': 'home',
      'about/index.html': 'about',
      'docs/a b.html': 'spaces',
      'assets/app.1a2b3c4d.js': 'app',
      'old.css': 'old',
      'keep.css': 'keep',
    })
    try {
      const first = await deploy({ source: dir, bucket, prefix: 'site' })
      expect(first.code, first.stdout).toBe(0)
      const id = first.outputs['distribution-id']!
      expect(first.outputs).toMatchObject({ 'invalidation-id': '', 'invalidated-paths': '0' })
      expect(await invalidations(h.cf, id)).toEqual([])

      await writeTree(dir, {
        'about/index.html': 'about v2',
        'docs/a b.html': 'spaces v2',
        'brand-new.css': 'new',
      })
      await fs.rm(path.join(dir, 'old.css'))
      const second = await deploy({ source: dir, bucket, prefix: 'site' })
      expect(second.code, second.stdout).toBe(0)
      expect(second.outputs).toMatchObject({
        uploaded: '3',
        deleted: '1',
        'invalidated-paths': '5',
      })
      const sent = await invalidations(h.cf, id)
      expect(sent).toHaveLength(1)
      expect(sent[0]).toEqual({
        id: second.outputs['invalidation-id'],
        paths: ['/about', '/about/', '/about/index.html', '/docs/a%20b.html', '/old.css'],
      })
      expect(second.summary).toContain('Invalidation: 5 path(s) invalidated')

      const third = await deploy({ source: dir, bucket, prefix: 'site' })
      expect(third.outputs).toMatchObject({
        uploaded: '0',
        'invalidation-id': '',
        'invalidated-paths': '0',
      })
      expect(createInvalidations()).toEqual([])
      expect(await invalidations(h.cf, id)).toHaveLength(1)
    } finally {
      await removeSite(dir)
    }
  })

  it('a header-only change invalidates; wait: true returns Completed; invalidate: false sends none', async () => {
    const bucket = await h.bucket('invwait')
    const dir = await makeSite({ 'index.html': 'home', 'a.css': 'a', 'b.css': 'b', 'c.js': 'c' })
    try {
      const first = await deploy({ source: dir, bucket })
      const id = first.outputs['distribution-id']!
      const waited = await deploy({
        source: dir,
        bucket,
        'cache-control': '*.css: public, max-age=60',
        wait: 'true',
      })
      expect(waited.code, waited.stdout).toBe(0)
      expect(waited.outputs).toMatchObject({
        updated: '2',
        uploaded: '0',
        'invalidated-paths': '2',
      })
      expect(waited.stdout).toMatch(/Invalidation \S+ completed\./)
      expect((await invalidations(h.cf, id))[0]?.paths).toEqual(['/a.css', '/b.css'])

      await writeTree(dir, { 'c.js': 'c2' })
      const skipped = await deploy({
        source: dir,
        bucket,
        'cache-control': '*.css: public, max-age=60',
        invalidate: 'false',
      })
      expect(skipped.outputs).toMatchObject({
        uploaded: '1',
        'invalidation-id': '',
        'invalidated-paths': '0',
      })
      expect(createInvalidations()).toEqual([])
    } finally {
      await removeSite(dir)
    }
  })

  it('over the path budget, collapses into wildcards; everything changed is one wildcard', async () => {
    const bucket = await h.bucket('invbudget')
    const files: Record<string, string> = { 'index.html': 'home' }
    for (let i = 0; i < 6; i++) files[`blog/post-${i}.html`] = `post ${i}`
    for (let i = 0; i < 3; i++) files[`img/p${i}.png`] = `png ${i}`
    const dir = await makeSite(files)
    try {
      const first = await deploy({ source: dir, bucket })
      const id = first.outputs['distribution-id']!
      const changed: Record<string, string> = {}
      for (let i = 0; i < 4; i++) changed[`blog/post-${i}.html`] = `post ${i} v2`
      changed['img/p0.png'] = 'png 0 v2'
      await writeTree(dir, changed)
      const run = await deploy({ source: dir, bucket, 'invalidation-max-paths': '2' })
      expect(run.code, run.stdout).toBe(0)
      expect((await invalidations(h.cf, id))[0]?.paths).toEqual(['/blog/*', '/img/p0.png'])

      const all: Record<string, string> = {}
      for (const key of Object.keys(files)) all[key] = `${files[key]} v3`
      await writeTree(dir, all)
      const everything = await deploy({ source: dir, bucket })
      expect(everything.outputs['invalidated-paths']).toBe('1')
      const latest = (await invalidations(h.cf, id)).find(
        (i) => i.id === everything.outputs['invalidation-id'],
      )
      expect(latest?.paths).toEqual(['/*'])
    } finally {
      await removeSite(dir)
    }
  })
})

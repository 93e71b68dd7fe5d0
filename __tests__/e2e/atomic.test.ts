// Atomic deploys through the bundled action, with inputs as the runner fills them, seen by a viewer at
// the strict layer's edge (the distribution's functions run, its KeyValueStore read): each deploy a
// build of its own, made live by one store write, no invalidation and no distribution update; rollback
// and promote move only the pointer; keep-builds holds the count.
import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { viewerGet } from '../helpers/edge.js'
import type { Recorded } from '../helpers/proxy.js'
import { useDeployHarness } from '../helpers/harness.js'
import { listKeys } from '../helpers/s3.js'
import { makeSite, removeSite, writeTree } from '../helpers/site.js'

const h = useDeployHarness({
  cloudfront: true,
  github: true,
  env: { GITHUB_RUN_ID: '77' },
})
const { s3, deploy } = h

const APP = `export const app = ${JSON.stringify('x'.repeat(5000))}\n`

const push = (sha: string, extra: Record<string, string> = {}) =>
  h.event(
    'push',
    { ref: 'refs/heads/main' },
    { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha.repeat(40).slice(0, 40), ...extra },
  )

/** The builds the bucket holds: the ids under _builds/. */
async function builds(bucket: string): Promise<string[]> {
  const keys = await listKeys(s3, bucket, '_builds/')
  return [...new Set(keys.map((k) => k.split('/')[1]!))].sort()
}

const kvs = (requests: Recorded[]) => requests.filter((r) => r.path.includes('/key-value-stores/'))
/** UpdateKeys: the store's only write. */
const storeWrites = (requests: Recorded[]) =>
  kvs(requests).filter((r) => r.method === 'POST' && r.path.endsWith('/keys'))
/** Requests that change the bucket. */
const s3Writes = (requests: Recorded[]) =>
  requests.filter(
    (r) =>
      !r.path.startsWith('/2020-05-31/') &&
      !r.path.includes('/key-value-stores/') &&
      !r.path.startsWith('/strict') &&
      ['PUT', 'POST', 'DELETE'].includes(r.method),
  )

describe('atomic deploys (bundled action, strict edge)', () => {
  it('each deploy is a build made live with one write; rollback and rollback-to move only the pointer', async () => {
    const bucket = await h.bucket('atomic')
    const dir = await makeSite({
      'index.html': '<h1>one</h1>',
      '404.html': 'missing one',
      'app.js': APP,
      'style.css': 'body{color:red}',
      'docs/index.html': 'docs one',
      'chunk-1a2b3c4d.js': 'old chunk',
    })
    try {
      const first = await deploy({ source: dir, bucket, atomic: 'true' }, await push('a'))
      expect(first.code, first.stdout).toBe(0)
      expect(first.outputs).toMatchObject({
        'build-id': 'aaaaaaaaaaaa',
        'previous-build-id': '',
        'invalidation-id': '',
      })
      const id = first.outputs['distribution-id']!
      expect(await builds(bucket)).toEqual(['aaaaaaaaaaaa'])
      // Nothing is published in place: the site is the build.
      expect(await listKeys(s3, bucket, 'index.html')).toEqual([])
      const get = (path: string) => viewerGet(id, path)
      expect((await get('/')).body.toString()).toBe('<h1>one</h1>')
      const missing = await get('/nope')
      expect([missing.status, missing.body.toString()]).toEqual([404, 'missing one'])
      expect((await get('/docs')).headers.location).toBe('/docs/')
      expect((await get('/_builds/aaaaaaaaaaaa/index.html')).status).toBe(404)
      expect(first.summary).toContain('Build `aaaaaaaaaaaa` is live')

      // Build 2: the unchanged files are copied inside S3, nothing is invalidated, the distribution is not updated.
      await writeTree(dir, { 'index.html': '<h1>two</h1>', 'style.css': 'body{color:blue}' })
      await fs.rm(path.join(dir, 'chunk-1a2b3c4d.js'))
      const second = await deploy({ source: dir, bucket, atomic: 'true' }, await push('b'))
      expect(second.code, second.stdout).toBe(0)
      expect(second.outputs).toMatchObject({
        'build-id': 'bbbbbbbbbbbb',
        'previous-build-id': 'aaaaaaaaaaaa',
        'invalidation-id': '',
        'invalidated-paths': '0',
        uploaded: '2',
      })
      expect(second.summary).toMatch(/\| Copied from the live build \| 3 \| 0 B sent \|/)
      const copies = h.proxy.requests.filter((r) => r.copySource).map((r) => r.key)
      expect(copies).toEqual(
        expect.arrayContaining(['_builds/bbbbbbbbbbbb/app.js', '_builds/bbbbbbbbbbbb/404.html']),
      )
      const sent = h.proxy.requests
        .filter((r) => r.method === 'PUT' && !r.copySource)
        .map((r) => r.key)
        .filter((k) => !k.includes('.cdn-publish/'))
      expect(sent.sort()).toEqual([
        '_builds/bbbbbbbbbbbb/index.html',
        '_builds/bbbbbbbbbbbb/style.css',
      ])
      const calls = h.cloudFrontCalls()
      expect(calls.filter((c) => /^(PUT|POST) /.test(c))).toEqual([])
      // Going live is one write, after the build's own routing data.
      const writes = storeWrites(h.proxy.requests)
      expect(writes.length).toBeGreaterThanOrEqual(2)
      expect((await get('/')).body.toString()).toBe('<h1>two</h1>')
      expect((await get('/style.css')).body.toString()).toBe('body{color:blue}')
      expect((await get('/app.js')).body.toString()).toBe(APP)
      expect(await builds(bucket)).toEqual(['aaaaaaaaaaaa', 'bbbbbbbbbbbb'])
      // A page loaded from build 1 still finds its chunk, which build 2 dropped.
      const chunk = await get('/chunk-1a2b3c4d.js')
      expect([chunk.status, chunk.body.toString()]).toEqual([200, 'old chunk'])

      // Rollback: one store write, no S3 write, the previous build live again.
      const back = await deploy({ source: '', bucket, mode: 'rollback' }, await push('b'))
      expect(back.code, back.stdout).toBe(0)
      expect(back.outputs).toMatchObject({
        'build-id': 'aaaaaaaaaaaa',
        'previous-build-id': 'bbbbbbbbbbbb',
      })
      expect(storeWrites(h.proxy.requests)).toHaveLength(1)
      expect(s3Writes(h.proxy.requests)).toEqual([])
      expect(h.cloudFrontCalls().filter((c) => /^(PUT|POST) /.test(c))).toEqual([])
      expect((await get('/')).body.toString()).toBe('<h1>one</h1>')
      expect((await get('/style.css')).body.toString()).toBe('body{color:red}')
      expect(back.summary).toContain('Roll back')

      // rollback-to by commit SHA.
      const forward = await deploy(
        { source: '', bucket, mode: 'rollback', 'rollback-to': 'bbbbbbb' },
        await push('b'),
      )
      expect(forward.code, forward.stdout).toBe(0)
      expect(forward.outputs['build-id']).toBe('bbbbbbbbbbbb')
      expect((await get('/')).body.toString()).toBe('<h1>two</h1>')

      // A build that is not complete in the bucket is refused, and nothing changes.
      const bad = await deploy(
        { source: '', bucket, mode: 'rollback', 'rollback-to': 'cccccccccccc' },
        await push('b'),
      )
      expect(bad.code).not.toBe(0)
      expect(bad.stdout).toContain('Build cccccccccccc is not complete')
      expect(storeWrites(h.proxy.requests)).toEqual([])
      expect((await get('/')).body.toString()).toBe('<h1>two</h1>')

      // The same commit deployed again with the same bytes: nothing is written.
      const same = await deploy({ source: dir, bucket, atomic: 'true' }, await push('b'))
      expect(same.code, same.stdout).toBe(0)
      expect(same.outputs).toMatchObject({ 'build-id': 'bbbbbbbbbbbb', uploaded: '0' })
      // The distribution is confirmed by one request (what the last deploy found is remembered beside
      // the site), the live build's state and listing read once.
      expect(h.cloudFrontCalls()).toEqual(['GET /distribution/ID'])
      expect(
        h.proxy.requests.filter((r) =>
          r.path.endsWith('/_builds/bbbbbbbbbbbb/.cdn-publish/state.json'),
        ),
      ).toHaveLength(1)
      expect(s3Writes(h.proxy.requests)).toEqual([])
      expect(storeWrites(h.proxy.requests)).toEqual([])

      // The same commit with other bytes (a re-run that built differently): a build of its own.
      await writeTree(dir, { 'index.html': '<h1>two, again</h1>' })
      const rerun = await deploy(
        { source: dir, bucket, atomic: 'true' },
        await push('b', { GITHUB_RUN_ATTEMPT: '2' }),
      )
      expect(rerun.code, rerun.stdout).toBe(0)
      expect(rerun.outputs['build-id']).toBe('bbbbbbbbbbbb-2')
      expect((await get('/')).body.toString()).toBe('<h1>two, again</h1>')
    } finally {
      await removeSite(dir)
    }
  })

  it('keep-builds holds the count, never the live or the previous build', async () => {
    const bucket = await h.bucket('atomic-keep')
    const dir = await makeSite({ 'index.html': 'v1', 'app.js': APP })
    try {
      let id = ''
      for (const [n, sha] of ['1', '2', '3', '4'].entries()) {
        await writeTree(dir, { 'index.html': `v${n + 1}` })
        const run = await deploy(
          { source: dir, bucket, atomic: 'true', 'keep-builds': '2' },
          await push(sha),
        )
        expect(run.code, run.stdout).toBe(0)
        id = run.outputs['distribution-id']!
      }
      expect(await builds(bucket)).toEqual(['333333333333', '444444444444'])
      expect((await viewerGet(id, '/')).body.toString()).toBe('v4')
      // The previous build is still there for a rollback.
      const back = await deploy({ source: '', bucket, mode: 'rollback' }, await push('4'))
      expect(back.code, back.stdout).toBe(0)
      expect((await viewerGet(id, '/')).body.toString()).toBe('v3')
    } finally {
      await removeSite(dir)
    }
  })

  it('a preview deployed atomically is a build that promote makes the production build', async () => {
    const bucket = await h.bucket('atomic-promote')
    const production = await makeSite({ 'index.html': 'prod', '404.html': 'prod 404' })
    const preview = await makeSite({ 'index.html': 'preview', '404.html': 'preview 404' })
    try {
      const prod = await deploy({ source: production, bucket, atomic: 'true' }, await push('a'))
      expect(prod.code, prod.stdout).toBe(0)
      const id = prod.outputs['distribution-id']!
      const event = await h.event(
        'pull_request',
        {
          action: 'opened',
          number: 7,
          pull_request: { number: 7, head: { ref: 'x', sha: 'e'.repeat(40) } },
          repository: { full_name: 'octo/site' },
        },
        { GITHUB_REF: 'refs/pull/7/merge', GITHUB_SHA: 'f'.repeat(40) },
      )
      const run = await deploy({ source: preview, bucket, preview: 'true', atomic: 'true' }, event)
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs['build-id']).toBe('eeeeeeeeeeee')
      expect((await viewerGet(id, '/previews/pr-7/')).body.toString()).toBe('preview')
      expect((await viewerGet(id, '/previews/pr-7/nope')).body.toString()).toBe('preview 404')
      expect((await viewerGet(id, '/')).body.toString()).toBe('prod')

      const promoted = await deploy({ source: '', bucket, preview: 'true', mode: 'promote' }, event)
      expect(promoted.code, promoted.stdout).toBe(0)
      expect(promoted.outputs).toMatchObject({
        'build-id': 'eeeeeeeeeeee',
        'previous-build-id': 'aaaaaaaaaaaa',
      })
      expect(storeWrites(h.proxy.requests)).toHaveLength(1)
      expect(s3Writes(h.proxy.requests)).toEqual([])
      expect((await viewerGet(id, '/')).body.toString()).toBe('preview')
      expect((await viewerGet(id, '/nope')).body.toString()).toBe('preview 404')

      // Removing the preview keeps the build production serves.
      const removal = await deploy({ source: '', bucket, preview: 'true', mode: 'remove' }, event)
      expect(removal.code, removal.stdout).toBe(0)
      expect(await builds(bucket)).toEqual(['aaaaaaaaaaaa', 'eeeeeeeeeeee'])
      expect((await viewerGet(id, '/')).body.toString()).toBe('preview')
    } finally {
      await removeSite(production)
      await removeSite(preview)
    }
  })

  it('a dry run says which build would go live, and writes nothing', async () => {
    const bucket = await h.bucket('atomic-dry')
    const dir = await makeSite({ 'index.html': 'one', 'app.js': APP })
    try {
      const first = await deploy({ source: dir, bucket, atomic: 'true' }, await push('1'))
      expect(first.code, first.stdout + first.stderr).toBe(0)
      const id = first.outputs['distribution-id']!
      await writeTree(dir, { 'index.html': 'two' })
      const dry = await deploy(
        { source: dir, bucket, atomic: 'true', 'dry-run': 'true' },
        await push('2'),
      )
      expect(dry.code, dry.stdout).toBe(0)
      expect(dry.outputs).toMatchObject({
        'build-id': '222222222222',
        'previous-build-id': '111111111111',
        uploaded: '1',
      })
      expect(dry.stdout).toContain('Would make build 222222222222 live for /')
      expect(dry.summary).toContain('Build `222222222222` would be live')
      expect(s3Writes(h.proxy.requests)).toEqual([])
      expect(storeWrites(h.proxy.requests)).toEqual([])
      expect(await builds(bucket)).toEqual(['111111111111'])
      expect((await viewerGet(id, '/')).body.toString()).toBe('one')
      const rollback = await deploy(
        { source: '', bucket, mode: 'rollback', 'dry-run': 'true' },
        await push('2'),
      )
      // Only one build went live: there is no previous build to return to.
      expect(rollback.code).not.toBe(0)
      expect(rollback.stdout).toContain('there is no previous build')
    } finally {
      await removeSite(dir)
    }
  })

  it('with github-deployment, a rollback records a deployment of the build it made live', async () => {
    h.github.reset()
    const bucket = await h.bucket('atomic-gh')
    const dir = await makeSite({ 'index.html': 'one' })
    const inputs = { 'github-token': 'ghs_testtoken', 'github-deployment': 'true' }
    const repo = { full_name: 'octo/site' }
    const at = (sha: string) =>
      h.event(
        'push',
        { ref: 'refs/heads/main', repository: repo },
        {
          GITHUB_REF: 'refs/heads/main',
          GITHUB_SHA: sha.repeat(40),
          GITHUB_REPOSITORY: 'octo/site',
        },
      )
    try {
      expect(
        (await deploy({ ...inputs, source: dir, bucket, atomic: 'true' }, await at('1'))).code,
      ).toBe(0)
      await writeTree(dir, { 'index.html': 'two' })
      expect(
        (await deploy({ ...inputs, source: dir, bucket, atomic: 'true' }, await at('2'))).code,
      ).toBe(0)
      const back = await deploy({ ...inputs, source: '', bucket, mode: 'rollback' }, await at('9'))
      expect(back.code, back.stdout).toBe(0)
      expect(back.warnings).toEqual([])
      const production = [...h.github.deployments.values()]
        .filter((d) => d.environment === 'production')
        .sort((a, b) => a.id - b.id)
      expect(production.map((d) => d.ref)).toEqual(['1'.repeat(40), '2'.repeat(40), '1'.repeat(40)])
      expect(production[2]!.description).toContain('build 111111111111 made live (rollback)')
      expect(production[2]!.statuses).toMatchObject([
        { state: 'success', environment_url: back.outputs.url },
      ])
    } finally {
      await removeSite(dir)
    }
  })

  it('refuses atomic without site behaviour, before any request', async () => {
    const bucket = await h.bucket('atomic-bad')
    const dir = await makeSite({ 'index.html': 'x' })
    try {
      const run = await deploy(
        { source: dir, bucket, atomic: 'true', 'site-behaviour': 'false' },
        await push('a'),
      )
      expect(run.code).not.toBe(0)
      expect(run.stdout).toContain('Input \'atomic\' has an invalid value "true"')
      expect(h.proxy.requests).toEqual([])
      const keep = await deploy(
        { source: dir, bucket, atomic: 'true', 'keep-builds': '0' },
        await push('a'),
      )
      expect(keep.stdout).toContain('Input \'keep-builds\' has an invalid value "0"')
      expect(h.proxy.requests).toEqual([])
    } finally {
      await removeSite(dir)
    }
  })
})

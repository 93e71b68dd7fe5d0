// Site behaviour through the bundled action, with inputs as the runner fills them, and what a viewer
// then gets from the strict layer's edge (the distribution's functions run, its KeyValueStore read, the
// private bucket behind Origin Access Control): status, Location, headers and bytes, URL by URL.
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { ListKeysCommand } from '@aws-sdk/client-cloudfront-keyvaluestore'
import { kvsClient, viewerGet } from '../helpers/edge.js'
import { invalidationPaths } from '../helpers/cloudfront.js'
import { useDeployHarness } from '../helpers/harness.js'
import { listKeys } from '../helpers/s3.js'
import { makeSite, removeSite, writeTree } from '../helpers/site.js'

const h = useDeployHarness({
  cloudfront: true,
  github: true,
  inputs: { 'github-token': 'ghs_testtoken' },
  env: { GITHUB_RUN_ID: '4242' },
})
const { s3, deploy } = h

const APP = `export function app() { return ${JSON.stringify('x'.repeat(3000))} }\n`
const CSP = "default-src 'self'; img-src 'self' data:"

const SITE = {
  'index.html': '<h1>home</h1>',
  '404.html': '<h1>not here</h1>',
  'docs/index.html': '<h1>docs</h1>',
  'docs/guide/index.html': '<h1>guide</h1>',
  'blog/2024/hello/index.html': '<h1>hello</h1>',
  'app.js': APP,
  'kept.html': '<p>a file shadows a rule</p>',
  'forced.html': '<p>a forced rule wins</p>',
  _redirects: [
    '# moved sections',
    '/old-docs/*   /docs/:splat   301',
    '/posts/:year/:slug   /blog/:year/:slug/   302',
    '/app/*   /index.html   200',
    '/twitter   https://twitter.example/acme   301',
    '/kept.html   /elsewhere   301',
    '/forced.html   /docs/   308!',
  ].join('\n'),
  _headers: ['/*', `  Content-Security-Policy: ${CSP}`, '/docs/*', '  X-Section: docs'].join('\n'),
}

const push = () =>
  h.event(
    'push',
    { ref: 'refs/heads/main' },
    { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'a'.repeat(40) },
  )

describe('site behaviour (bundled action, strict edge)', () => {
  it('serves 404s, trailing slashes, _redirects, _headers and precompressed files as Netlify would', async () => {
    const bucket = await h.bucket('site-behaviour')
    const dir = await makeSite(SITE)
    try {
      const run = await deploy({ source: dir, bucket, precompress: 'br, gzip' }, await push())
      expect(run.code, run.stdout).toBe(0)
      expect(run.summary).toMatch(
        /\| Site behaviour \| KeyValueStore `cdn-publish-[0-9a-f]{16}` \(`arn:aws:cloudfront::\d+:key-value-store\//,
      )
      const id = run.outputs['distribution-id']!
      const keys = await listKeys(s3, bucket, '')
      // The rule files are never objects; the siblings are; the not-found page has its copy.
      expect(keys).not.toContain('_redirects')
      expect(keys).not.toContain('_headers')
      expect(keys).toEqual(
        expect.arrayContaining(['app.js.br', 'app.js.gz', '.cdn-publish/404.html']),
      )

      const get = (path: string, options = {}) => viewerGet(id, path, options)
      const home = await get('/')
      expect([home.status, home.body.toString()]).toEqual([200, '<h1>home</h1>'])
      expect(home.headers['content-security-policy']).toBe(CSP)

      // A real 404, with the page, and the site's headers.
      const missing = await get('/no/such/page')
      expect([missing.status, missing.body.toString()]).toEqual([404, '<h1>not here</h1>'])
      expect(missing.headers['content-type']).toMatch(/^text\/html/)
      expect(missing.headers['x-amz-meta-cdn-publish-status']).toBeUndefined()
      expect(missing.headers['content-security-policy']).toBe(CSP)
      expect((await get('/app.jss')).status).toBe(404)

      // Trailing slashes.
      const docs = await get('/docs?tab=1')
      expect([docs.status, docs.headers.location]).toEqual([301, '/docs/?tab=1'])
      const docsPage = await get('/docs/')
      expect([docsPage.status, docsPage.body.toString()]).toEqual([200, '<h1>docs</h1>'])
      expect(docsPage.headers['x-section']).toBe('docs')
      expect((await get('/docs/guide')).headers.location).toBe('/docs/guide/')
      expect((await get('/docs/guide/')).body.toString()).toBe('<h1>guide</h1>')

      // _redirects: splat, placeholders, a 200 rewrite, an absolute URL, shadowing and force.
      const splat = await get('/old-docs/guide/?x=1')
      expect([splat.status, splat.headers.location]).toEqual([301, '/docs/guide?x=1'])
      const placeholder = await get('/posts/2024/hello')
      expect([placeholder.status, placeholder.headers.location]).toEqual([302, '/blog/2024/hello/'])
      const rewrite = await get('/app/settings/profile')
      expect([rewrite.status, rewrite.body.toString()]).toEqual([200, '<h1>home</h1>'])
      const absolute = await get('/twitter')
      expect([absolute.status, absolute.headers.location]).toEqual([
        301,
        'https://twitter.example/acme',
      ])
      const shadowed = await get('/kept.html')
      expect([shadowed.status, shadowed.body.toString()]).toEqual([
        200,
        '<p>a file shadows a rule</p>',
      ])
      const forced = await get('/forced.html')
      expect([forced.status, forced.headers.location]).toEqual([308, '/docs/'])

      // Precompressed siblings by Accept-Encoding, each variant with its encoding and Vary.
      const br = await get('/app.js', { acceptEncoding: 'gzip, deflate, br' })
      expect(br.headers['content-encoding']).toBe('br')
      expect(br.headers['content-type']).toMatch(/javascript/)
      expect(br.headers.vary).toBe('Accept-Encoding')
      expect(brotliDecompressSync(br.body).toString()).toBe(APP)
      const gz = await get('/app.js', { acceptEncoding: 'gzip' })
      expect(gz.headers['content-encoding']).toBe('gzip')
      expect(gunzipSync(gz.body).toString()).toBe(APP)
      const plain = await get('/app.js', { acceptEncoding: 'identity' })
      expect(plain.headers['content-encoding']).toBeUndefined()
      expect(plain.body.toString()).toBe(APP)
      expect(br.body.length).toBeLessThan(APP.length / 10)

      // The deploy state stays private.
      expect((await get('/.cdn-publish/state.json')).status).toBe(404)

      // A no-op sends nothing to the store.
      const again = await deploy({ source: dir, bucket, precompress: 'br, gzip' }, await push())
      expect(again.code, again.stdout).toBe(0)
      expect(again.outputs).toMatchObject({ uploaded: '0', updated: '0', deleted: '0' })
      expect(h.proxy.requests.filter((r) => r.path.includes('/key-value-stores/'))).toEqual([])
      expect(again.stdout).toContain('is as the last deploy wrote it')
      // The siblings of unchanged files are not compressed again: the state knows their source.
      expect(again.stdout).toContain('2 as the bucket holds them, the rest made now')

      // A changed rule is live after the deploy that changes it, with no invalidation of its paths.
      await writeTree(dir, { _redirects: '/twitter   https://social.example/acme   302\n' })
      const changed = await deploy({ source: dir, bucket, precompress: 'br, gzip' }, await push())
      expect(changed.code, changed.stdout).toBe(0)
      expect(changed.outputs.uploaded).toBe('0')
      const moved = await get('/twitter')
      expect([moved.status, moved.headers.location]).toEqual([302, 'https://social.example/acme'])
      expect((await get('/old-docs/x')).status).toBe(404)

      // A new not-found page is served, and its copy's cached path is invalidated.
      await writeTree(dir, { '404.html': '<h1>gone</h1>' })
      const page = await deploy({ source: dir, bucket, precompress: 'br, gzip' }, await push())
      expect(page.code, page.stdout).toBe(0)
      expect(await invalidationPaths(h.cf, id, page.outputs['invalidation-id']!)).toContain(
        '/.cdn-publish/404.html',
      )
      expect((await get('/still/missing')).body.toString()).toBe('<h1>gone</h1>')

      // A release published under the site (its own deploy) is served as it is, not as the site's 404.
      const release = await makeSite({ 'index.html': 'v1 home', 'guide/index.html': 'v1 guide' })
      try {
        const v1 = await deploy({ source: release, bucket, prefix: 'v1' }, await push())
        expect(v1.code, v1.stdout).toBe(0)
        const site = await deploy({ source: dir, bucket, precompress: 'br, gzip' }, await push())
        expect(site.code, site.stdout).toBe(0)
        expect((await get('/v1/guide/')).body.toString()).toBe('v1 guide')
        expect((await get('/v1/')).body.toString()).toBe('v1 home')
      } finally {
        await removeSite(release)
      }
    } finally {
      await removeSite(dir)
    }
  })

  it('a preview serves its own 404 page', async () => {
    const bucket = await h.bucket('site-preview')
    const production = await makeSite({ 'index.html': 'prod', '404.html': 'prod 404' })
    const preview = await makeSite({
      'index.html': 'preview',
      '404.html': 'preview 404',
      'a/index.html': 'a',
    })
    try {
      const prod = await deploy({ source: production, bucket }, await push())
      expect(prod.code, prod.stdout).toBe(0)
      const id = prod.outputs['distribution-id']!
      const event = await h.event(
        'pull_request',
        {
          action: 'opened',
          number: 7,
          pull_request: { number: 7, head: { ref: 'x', sha: 'b'.repeat(40) } },
          repository: { full_name: 'octo/site' },
        },
        { GITHUB_REF: 'refs/pull/7/merge', GITHUB_SHA: 'c'.repeat(40) },
      )
      const run = await deploy({ source: preview, bucket, preview: 'true' }, event)
      expect(run.code, run.stdout).toBe(0)
      const missing = await viewerGet(id, '/previews/pr-7/nope')
      expect([missing.status, missing.body.toString()]).toEqual([404, 'preview 404'])
      expect(missing.headers['x-robots-tag']).toBe('noindex, nofollow')
      const slash = await viewerGet(id, '/previews/pr-7/a')
      expect([slash.status, slash.headers.location]).toEqual([301, '/previews/pr-7/a/'])
      const prodMissing = await viewerGet(id, '/nope')
      expect([prodMissing.status, prodMissing.body.toString()]).toEqual([404, 'prod 404'])

      // Removing the preview takes its routing data out of the store; production keeps its own.
      const storeArn = /arn:aws:cloudfront::\d+:key-value-store\/[0-9a-f-]+/.exec(run.summary)![0]
      const keysOf = async () =>
        (
          (await kvsClient().send(new ListKeysCommand({ KvsARN: storeArn, MaxResults: 50 })))
            .Items ?? []
        ).map((i) => i.Key!)
      const before = await keysOf()
      const removal = await deploy(
        { source: preview, bucket, preview: 'true', mode: 'remove' },
        event,
      )
      expect(removal.code, removal.stdout).toBe(0)
      const after = await keysOf()
      expect(after.length).toBeGreaterThan(0)
      expect(after.length).toBeLessThan(before.length)
      expect(removal.stdout).toMatch(
        /Removed the routing data of \/previews\/pr-7\/ from cdn-publish-[0-9a-f]{16} \(\d+ keys\)/,
      )
      expect((await viewerGet(id, '/nope')).status).toBe(404)
      expect((await viewerGet(id, '/previews/pr-7/nope')).status).toBe(403)
    } finally {
      await removeSite(production)
      await removeSite(preview)
    }
  })

  it('a bad _redirects or _headers line fails before any request, naming the file and line', async () => {
    const bucket = await h.bucket('site-bad')
    const dir = await makeSite({
      'index.html': 'x',
      _redirects: '/a  /b  301\n/c  https://proxy.example/c  200\n',
      _headers: '/*\n  Cache-Control: max-age=60\n',
    })
    try {
      const run = await deploy({ source: dir, bucket })
      expect(run.code).not.toBe(0)
      expect(run.stdout).toContain('_redirects:2:')
      expect(h.proxy.requests).toEqual([])
      await writeTree(dir, { _redirects: '/a  /b  301\n' })
      const headersRun = await deploy({ source: dir, bucket })
      expect(headersRun.code).not.toBe(0)
      expect(headersRun.stdout).toMatch(/_headers:2:.*cache-control/i)
      expect(h.proxy.requests).toEqual([])
    } finally {
      await removeSite(dir)
    }
  })
})

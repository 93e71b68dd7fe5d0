// The site-behaviour viewer functions, run in an empty vm context against a KeyValueStore in memory
// laid out by store-layout.ts, as the edge would run them: status, Location, the URI sent to the
// origin, and the headers of the response.
import { createHash } from 'node:crypto'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { siteRequestCode, siteResponseCode } from '../../src/cloudfront/site-functions.js'
import { FUNCTION_CODE_MAX } from '../../src/cloudfront/limits.js'
import { patternRegExp } from '../../src/core/site/headers-file.js'
import { parseRedirects, resolveRedirect } from '../../src/core/site/redirects.js'
import { FILE, HAS_BR, HAS_GZIP, buildIndex } from '../../src/core/site/site-index.js'
import {
  generationOf,
  namespaceOf,
  siteEntries,
  type EdgeHeaderRule,
  type EdgeRedirect,
  type SiteMeta,
} from '../../src/core/site/store-layout.js'
import { buildNamespace, liveMeta } from '../../src/core/site/builds.js'

interface Answer {
  statusCode?: number
  uri?: string
  headers: Record<string, { value: string }>
  body?: { data: string }
}
type Handler = (event: unknown) => Promise<Answer>

const options = {
  storeId: 'kvs-1',
  spa: false,
  prettyUrls: true,
  previewRoot: 'previews',
  previewDomain: 'preview.example.com',
}

function compile(code: string, store: Map<string, string>): Handler {
  const cf = {
    kvs: (id: string) => {
      expect(id).toBe('kvs-1')
      return {
        get: (key: string) =>
          store.has(key)
            ? Promise.resolve(store.get(key))
            : Promise.reject(new Error('KeyNotFound')),
      }
    },
  }
  const crypto = { createHash: (alg: string) => createHash(alg) }
  // The edge provides the two modules the code imports; a script context cannot `import`.
  const script = code.replace(/^import .*$/gm, '') + '\n;handler'
  return vm.runInNewContext(script, { cf, crypto }) as Handler
}

function site(
  root: string,
  files: Record<string, number>,
  extra: { notFound?: boolean; redirects?: EdgeRedirect[]; headers?: EdgeHeaderRule[] } = {},
) {
  const index = buildIndex(Object.entries(files).map(([path, flags]) => ({ path, flags })))
  const e = siteEntries({
    root,
    index,
    notFound: extra.notFound ?? false,
    redirects: extra.redirects ?? [],
    headers: extra.headers ?? [],
  })
  return [...e.entries, e.meta]
}

const store = new Map<string, string>([
  ...site(
    '/',
    {
      'index.html': FILE,
      'docs/index.html': FILE,
      'app.js': FILE | HAS_BR | HAS_GZIP,
      'old/kept.html': FILE,
      'a b?#.html': FILE,
      'forced.html': FILE,
    },
    {
      notFound: true,
      redirects: [
        ['/old/*', '/new/:splat', 301, false],
        ['/users/:id/profile', '/people/:id', 302, false],
        ['/app/*', '/index.html', 200, false],
        ['/ext', 'https://example.org/x', 301, false],
        ['/forced.html', '/elsewhere', 301, true],
      ],
      headers: [
        [patternRegExp('/*').source, [['content-security-policy', "default-src 'self'"]]],
        [patternRegExp('/docs/*').source, [['x-docs', '1']]],
      ],
    },
  ),
  ...site('/previews/pr-1/', { 'index.html': FILE, 'about/index.html': FILE }),
])
const request = compile(siteRequestCode(options), store)
const response = compile(siteResponseCode(options), store)

function event(
  uri: string,
  init: { qs?: Record<string, { value: string }>; host?: string; ae?: string } = {},
) {
  const headers: Record<string, { value: string }> = {
    host: { value: init.host ?? 'www.example.com' },
  }
  if (init.ae) headers['accept-encoding'] = { value: init.ae }
  return {
    version: '1.0',
    context: { eventType: 'viewer-request' },
    viewer: { ip: '1.2.3.4' },
    request: { method: 'GET', uri, querystring: init.qs ?? {}, headers, cookies: {} },
  }
}

describe('site viewer-request', () => {
  it('fits in a CloudFront Function (10 KB), both of them', () => {
    expect(Buffer.byteLength(siteRequestCode(options))).toBeLessThanOrEqual(FUNCTION_CODE_MAX)
    expect(Buffer.byteLength(siteResponseCode(options))).toBeLessThanOrEqual(FUNCTION_CODE_MAX)
  })

  it.each([
    ['/', '/index.html'],
    ['/docs/', '/docs/index.html'],
    ['/app.js', '/app.js'],
    ['/a%20b%3F%23.html', '/a%20b%3F%23.html'],
    ['/nope', '/.cdn-publish/404.html'],
    ['/docs/missing/', '/.cdn-publish/404.html'],
    ['/previews/pr-1/about/', '/previews/pr-1/about/index.html'],
  ])('%s is served from %s', async (uri, origin) => {
    const answer = await request(event(uri))
    expect(answer.statusCode).toBeUndefined()
    expect(answer.uri).toBe(origin)
  })

  it('a directory without its slash is redirected to it, the query kept', async () => {
    const answer = await request(event('/previews/pr-1/about', { qs: { a: { value: '1' } } }))
    expect(answer.statusCode).toBe(301)
    expect(answer.headers.location!.value).toBe('/previews/pr-1/about/?a=1')
  })

  it('a forced rule wins over a file; a rule that is not forced loses to one', async () => {
    expect((await request(event('/forced.html'))).headers.location!.value).toBe('/elsewhere')
    expect((await request(event('/old/kept.html'))).uri).toBe('/old/kept.html')
    const moved = await request(event('/old/a/b', { qs: { q: { value: 'x' } } }))
    expect([moved.statusCode, moved.headers.location!.value]).toEqual([301, '/new/a/b?q=x'])
  })

  it('placeholders, absolute targets and 200 rewrites', async () => {
    const p = await request(event('/users/ada/profile'))
    expect([p.statusCode, p.headers.location!.value]).toEqual([302, '/people/ada'])
    expect((await request(event('/ext'))).headers.location!.value).toBe('https://example.org/x')
    const rewrite = await request(event('/app/settings'))
    expect([rewrite.statusCode, rewrite.uri]).toEqual([undefined, '/index.html'])
  })

  it('precompressed siblings by Accept-Encoding, br first', async () => {
    expect((await request(event('/app.js', { ae: 'gzip, deflate, br' }))).uri).toBe('/app.js.br')
    expect((await request(event('/app.js', { ae: 'gzip' }))).uri).toBe('/app.js.gz')
    expect((await request(event('/app.js', { ae: 'identity' }))).uri).toBe('/app.js')
    expect((await request(event('/index.html', { ae: 'br' }))).uri).toBe('/index.html')
  })

  it('a preview without a not-found page answers a short 404; the state directory is never served', async () => {
    const missing = await request(event('/previews/pr-1/nope'))
    expect([missing.statusCode, missing.body?.data]).toEqual([404, 'Not Found\n'])
    expect((await request(event('/.cdn-publish/state.json'))).statusCode).toBe(404)
    expect((await request(event('/%2Ecdn-publish/state.json'))).statusCode).toBe(404)
  })

  it('host previews map to their folder; a site with no data is passed through', async () => {
    expect((await request(event('/about/', { host: 'pr-1.preview.example.com' }))).uri).toBe(
      '/previews/pr-1/about/index.html',
    )
    // No data for the site (a release, one not written yet): as the plain function, pretty URLs.
    expect((await request(event('/x/y', { host: 'pr-9.preview.example.com' }))).uri).toBe(
      '/previews/pr-9/x/y/index.html',
    )
    expect((await request(event('/v1.2.3/app.js', { host: 'pr-9.preview.example.com' }))).uri).toBe(
      '/previews/pr-9/v1.2.3/app.js',
    )
  })

  it('a preview path without its slash is redirected to it, not to production', async () => {
    const answer = await request(event('/previews/pr-1', { qs: { a: { value: '1' } } }))
    expect([answer.statusCode, answer.headers.location!.value]).toEqual([
      301,
      '/previews/pr-1/?a=1',
    ])
  })

  it('a deploy nested in the site (a release) is served as the plain function serves it', async () => {
    const nested = new Map(site('/', { 'index.html': FILE, 'v1/': FILE | 8 }, { notFound: true }))
    const edge = compile(siteRequestCode(options), nested)
    expect((await edge(event('/v1/docs/'))).uri).toBe('/v1/docs/index.html')
    expect((await edge(event('/v1/app.js'))).uri).toBe('/v1/app.js')
    expect((await edge(event('/v2/app.js'))).uri).toBe('/.cdn-publish/404.html')
  })

  it('names with sub-delimiters reach the origin escaped as the invalidations escape them', async () => {
    const odd = new Map(
      site('/', { 'img/logo@2x.png': FILE, 'a+b,c;d=e$f&g:h.html': FILE, 'star*.js': FILE }),
    )
    const edge = compile(siteRequestCode(options), odd)
    expect((await edge(event('/img/logo@2x.png'))).uri).toBe('/img/logo@2x.png')
    expect((await edge(event('/img/logo%402x.png'))).uri).toBe('/img/logo@2x.png')
    expect((await edge(event('/a+b,c;d=e$f&g:h.html'))).uri).toBe('/a+b,c;d=e$f&g:h.html')
    expect((await edge(event('/star%2A.js'))).uri).toBe('/star%2A.js')
  })

  it('an encoding refused with q=0 is not served', async () => {
    expect((await request(event('/app.js', { ae: 'br;q=0, gzip' }))).uri).toBe('/app.js.gz')
    expect((await request(event('/app.js', { ae: 'br;q=0.5' }))).uri).toBe('/app.js.br')
  })
})

describe('site viewer-response', () => {
  function respond(uri: string, headers: Record<string, string>, host?: string) {
    const e = event(uri, { host }) as ReturnType<typeof event> & { response?: unknown }
    e.context.eventType = 'viewer-response'
    e.response = {
      statusCode: 200,
      statusDescription: 'OK',
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, { value: v }])),
    }
    return response(e)
  }

  it('the not-found copy turns into a 404, its marker removed', async () => {
    const answer = await respond('/nope', {
      'content-type': 'text/html',
      'x-amz-meta-cdn-publish-status': '404',
    })
    expect(answer.statusCode).toBe(404)
    expect(answer.headers['x-amz-meta-cdn-publish-status']).toBeUndefined()
  })

  it("_headers by the viewer's path; Vary on compressible types; noindex on previews", async () => {
    const docs = await respond('/docs/', { 'content-type': 'text/html' })
    expect(docs.headers['content-security-policy']!.value).toBe("default-src 'self'")
    expect(docs.headers['x-docs']!.value).toBe('1')
    expect(docs.headers.vary!.value).toBe('Accept-Encoding')
    const image = await respond('/a.png', { 'content-type': 'image/png' })
    expect(image.headers.vary).toBeUndefined()
    expect(image.headers['x-docs']).toBeUndefined()
    const preview = await respond('/', { 'content-type': 'text/html' }, 'pr-1.preview.example.com')
    expect(preview.headers['x-robots-tag']!.value).toBe('noindex, nofollow')
    expect(preview.headers['content-security-policy']).toBeUndefined()
  })
})

describe('the edge agrees with the reference matcher (core/site/redirects.ts)', () => {
  const text = [
    '/news/:year/:slug  /blog/:year/:slug  301',
    '/docs/*  /manual/:splat  302',
    '/shop/*  /store/:splat?ref=old  301',
    '/same/*  /same/:splat  301',
    '/files/*  /index.html  200',
    '/caf%C3%A9  /coffee  308',
    '/about  /about-us  301',
    '/forced  https://example.org/f  301!',
  ].join('\n')
  const rules = parseRedirects(text)
  const files = new Set(['index.html', 'about/index.html', 'forced/index.html', 'docs/a.html'])
  const edgeStore = new Map(
    site('/', Object.fromEntries([...files].map((f) => [f, FILE])), {
      redirects: rules.map((r) => [r.from, r.to, r.status, r.force]),
    }),
  )
  const edge = compile(siteRequestCode(options), edgeStore)
  const exists = (path: string) => {
    const p = decodeURIComponent(path).replace(/^\/+/, '')
    return (
      files.has(p) ||
      files.has(`${p.replace(/\/$/, '')}/index.html`) ||
      (p === '' && files.has('index.html'))
    )
  }
  it.each([
    ['/news/2024/hello', ''],
    ['/news/2024/hello/', 'a=1'],
    ['/news/2024', ''],
    ['/docs/x/y', 'q=1&r=2'],
    ['/docs/a.html', ''],
    ['/shop/hat', 'x=1'],
    ['/same/thing', ''],
    ['/files/any/where', ''],
    ['/caf%C3%A9', ''],
    ['/café', ''],
    ['/about', ''],
    ['/forced', 'k=v'],
    ['/nothing/here', ''],
  ])('%s?%s', async (path, query) => {
    const qs = Object.fromEntries(
      query === ''
        ? []
        : query.split('&').map((p) => [p.split('=')[0]!, { value: p.split('=')[1]! }]),
    )
    const answer = await edge(event(encodeURI(decodeURI(path)), { qs }))
    const expected = resolveRedirect(rules, encodeURI(decodeURI(path)), query, exists)
    if (expected && expected.rule.status !== 200) {
      expect(answer.statusCode).toBe(expected.rule.status)
      expect(answer.headers.location!.value).toBe(expected.location)
    } else {
      // No rule's redirect: the file (or rewrite target) is served, or its directory gets its slash.
      if (answer.statusCode === 301)
        expect(answer.headers.location!.value).toBe(`${encodeURI(decodeURI(path))}/`)
      else if (!expected && !exists(path)) expect(answer.statusCode).toBe(404)
      else expect(answer.statusCode).toBeUndefined()
      if (expected)
        expect(answer.uri).toBe(`/${expected.location.split('?')[0]!.replace(/^\//, '')}`)
    }
  })
})

describe('site viewer-request, atomic deploys', () => {
  // Production serves build b1, preview pr-2 serves build p9: each build's data under its own namespace.
  function atomicStore(): Map<string, string> {
    const out = new Map<string, string>()
    const build = (id: string, files: Record<string, number>, notFound: boolean) => {
      const index = buildIndex(Object.entries(files).map(([path, flags]) => ({ path, flags })))
      const g = generationOf(
        { root: '/', index, notFound, redirects: [['/old', '/docs/', 301, false]], headers: [] },
        buildNamespace(id),
      )
      for (const [k, v] of g.entries) out.set(k, v)
      return g.info
    }
    const b1 = build(
      'b1',
      { 'index.html': FILE, 'docs/index.html': FILE, 'app.js': FILE | HAS_BR },
      true,
    )
    const p9 = build('p9', { 'index.html': FILE }, false)
    const put = (root: string, meta: SiteMeta) =>
      out.set(`${namespaceOf(root)}.m`, JSON.stringify(meta))
    // b0 was live before b1: its chunk, gone from b1, is still served (not its pages).
    const b0 = build(
      'b0',
      { 'index.html': FILE, 'old.html': FILE, 'chunk-1.js': FILE, 'doc.xhtml': FILE },
      false,
    )
    put('/', liveMeta(liveMeta(undefined, 'b0', b0), 'b1', b1))
    put('/previews/pr-2/', liveMeta(undefined, 'p9', p9))
    return out
  }
  const atomic = compile(siteRequestCode(options), atomicStore())

  it.each([
    ['/', '/_builds/b1/index.html'],
    ['/docs/', '/_builds/b1/docs/index.html'],
    ['/nope', '/_builds/b1/.cdn-publish/404.html'],
    ['/previews/pr-2/', '/_builds/p9/index.html'],
  ])('%s is served from the live build: %s', async (uri, origin) => {
    const answer = await atomic(event(uri))
    expect(answer.statusCode).toBeUndefined()
    expect(answer.uri).toBe(origin)
  })

  it('redirects, slashes and siblings read the build data; a build path is not reachable by name', async () => {
    expect((await atomic(event('/old'))).headers.location!.value).toBe('/docs/')
    expect((await atomic(event('/docs'))).headers.location!.value).toBe('/docs/')
    expect((await atomic(event('/app.js', { ae: 'br' }))).uri).toBe('/_builds/b1/app.js.br')
    // /_builds/b0/... is a path of the live build, which has no such file.
    expect((await atomic(event('/_builds/b0/index.html'))).uri).toBe(
      '/_builds/b1/.cdn-publish/404.html',
    )
    // An old page's chunk comes from the previous build; a page that left the build is a 404.
    expect((await atomic(event('/chunk-1.js'))).uri).toBe('/_builds/b0/chunk-1.js')
    expect((await atomic(event('/doc.xhtml'))).uri).toBe('/_builds/b0/doc.xhtml')
    expect((await atomic(event('/old.html'))).uri).toBe('/_builds/b1/.cdn-publish/404.html')
    // A preview without a 404 page gets the short one, never another build's page.
    expect((await atomic(event('/previews/pr-2/nope'))).statusCode).toBe(404)
  })
})

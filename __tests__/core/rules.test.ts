import { describe, expect, it } from 'vitest'
import type { HeaderRule } from '../../src/core/config.js'
import {
  CACHE_CONTROL,
  compileRules,
  isFingerprinted,
  lookupType,
  withCharset,
  type RuleSet,
} from '../../src/core/rules.js'

function rules(overrides: Partial<RuleSet> = {}) {
  return compileRules({
    cacheControl: [],
    contentType: [],
    metadata: { add: [], remove: [] },
    ...overrides,
  })
}

const NO_CACHE = 'no-cache'
const IMMUTABLE = 'public, max-age=31536000, immutable'
const HOUR = 'public, max-age=3600'

describe('CACHE_CONTROL constants', () => {
  it('are the documented values', () => {
    expect(CACHE_CONTROL).toEqual({ metadata: NO_CACHE, fingerprinted: IMMUTABLE, default: HOUR })
  })
})

describe('shared headers', () => {
  it('keys with the same headers share one frozen object; different headers do not', () => {
    const decide = rules({ cacheControl: [{ glob: 'data/**', value: 'public, max-age=60' }] })
    const a = decide('blog/a/index.html').headers
    const b = decide('docs/b.html').headers
    const data = decide('data/items.json').headers
    const json = decide('other/items.json').headers
    expect(a).toBe(b)
    expect(a).toEqual({ contentType: 'text/html; charset=utf-8', cacheControl: NO_CACHE })
    expect(Object.isFrozen(a)).toBe(true)
    expect(data).not.toBe(json)
    expect(data).toEqual({
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'public, max-age=60',
    })
    expect(json).toEqual({ contentType: 'application/json; charset=utf-8', cacheControl: HOUR })
    expect(decide('x/items.json').headers).toBe(json)
  })
})

describe('content types', () => {
  const decide = rules()
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a/b/page.htm', 'text/html; charset=utf-8'],
    ['styles/site.css', 'text/css; charset=utf-8'],
    ['app.js', 'text/javascript; charset=utf-8'],
    ['module.mjs', 'text/javascript; charset=utf-8'],
    ['data.json', 'application/json; charset=utf-8'],
    ['logo.svg', 'image/svg+xml; charset=utf-8'],
    ['site.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['feed.xml', 'application/xml; charset=utf-8'],
    ['robots.txt', 'text/plain; charset=utf-8'],
    ['logo.png', 'image/png'],
    ['fonts/inter.woff2', 'font/woff2'],
    ['photo.JPG', 'image/jpeg'],
    ['app.wasm', 'application/wasm'],
    ['doc.pdf', 'application/pdf'],
    ['apple-app-site-association', 'application/json; charset=utf-8'],
    ['.well-known/apple-app-site-association', 'application/json; charset=utf-8'],
    ['.well-known/assetlinks.json', 'application/json; charset=utf-8'],
    ['dir.js/file.png', 'image/png'],
    ['v1.2/README', 'application/octet-stream'],
  ])('%s -> %s', (key, type) => {
    expect(decide(key).headers.contentType).toBe(type)
  })

  it.each([
    ['x.unknownext', true],
    ['Makefile', true],
    ['a/b/LICENSE', true],
    ['index.html', false],
    ['apple-app-site-association', false],
  ])('%s: unknownType %s', (key, unknown) => {
    const result = decide(key)
    expect(result.unknownType).toBe(unknown)
    if (unknown) expect(result.headers.contentType).toBe('application/octet-stream')
    else expect(result.headers.contentType).not.toBe('application/octet-stream')
  })

  it('content-type rules win, first match first, taken verbatim', () => {
    const contentType: HeaderRule[] = [
      { glob: 'feed', value: 'application/rss+xml' },
      { glob: '*.html', value: 'text/plain' },
      { glob: '**', value: 'application/x-never' },
    ]
    const decide = rules({ contentType })
    expect(decide('feed')).toMatchObject({
      headers: { contentType: 'application/rss+xml' },
      unknownType: false,
    })
    expect(decide('docs/feed').headers.contentType).toBe('application/rss+xml')
    expect(decide('index.html').headers.contentType).toBe('text/plain')
    expect(decide('logo.png').headers.contentType).toBe('application/x-never')
  })

  it('content-type rules do not change the cache policy', () => {
    const decide = rules({ contentType: [{ glob: '*.html', value: 'text/plain' }] })
    expect(decide('index.html')).toMatchObject({
      metadata: true,
      headers: { cacheControl: NO_CACHE },
    })
  })
})

describe('cache control defaults', () => {
  const decide = rules()
  it.each([
    // metadata
    ['index.html', NO_CACHE, true],
    ['docs/guide/deep/page.html', NO_CACHE, true],
    ['404.htm', NO_CACHE, true],
    ['sitemap.xml', NO_CACHE, true],
    ['sitemap-0.xml', NO_CACHE, true],
    ['robots.txt', NO_CACHE, true],
    ['.well-known/x', NO_CACHE, true],
    ['.well-known/security.txt', NO_CACHE, true],
    ['repodata/repomd.xml', NO_CACHE, true],
    ['rpm/repodata/primary.xml.gz', NO_CACHE, true],
    ['dists/stable/Release', NO_CACHE, true],
    ['debian/dists/stable/main/binary-amd64/Packages.gz', NO_CACHE, true],
    ['index.yaml', NO_CACHE, true],
    ['charts/index.yaml', NO_CACHE, true],
    ['latest-mac.yml', NO_CACHE, true],
    ['manifest.json', NO_CACHE, true],
    ['sw.js', NO_CACHE, true],
    // a fingerprint does not make HTML immutable
    ['index.3f2a9c1b.html', NO_CACHE, true],
    // fingerprinted
    ['assets/index-B_x3-a9Q1.js', IMMUTABLE, false],
    ['static/js/main.3f2a9c1b.chunk.js', IMMUTABLE, false],
    ['app.3f2a9c1b.css', IMMUTABLE, false],
    ['_next/static/abc/page.js', IMMUTABLE, false],
    ['_next/static/chunks/webpack.js', IMMUTABLE, false],
    ['_app/immutable/entry/start.js', IMMUTABLE, false],
    ['blog/_app/immutable/chunks/x.js', IMMUTABLE, false],
    // everything else
    ['my-component.js', HOUR, false],
    ['report-2024-01-15.pdf', HOUR, false],
    ['logo.png', HOUR, false],
    ['jquery-3.7.1.min.js', HOUR, false],
    ['x.unknownext', HOUR, false],
    ['sitemap.txt', HOUR, false],
    ['repodata.txt', HOUR, false],
    ['other/_next/static/a.js', HOUR, false],
    ['.well-known-not/x', HOUR, false],
  ])('%s -> %s', (key, cacheControl, metadata) => {
    expect(decide(key)).toMatchObject({ headers: { cacheControl }, metadata })
  })
})

describe('cache-control rules', () => {
  it('the first matching rule wins and overrides every default', () => {
    const decide = rules({
      cacheControl: [
        { glob: '*.html', value: 'public, max-age=60' },
        { glob: 'assets/**', value: 'public, max-age=86400' },
        { glob: '**', value: 'no-store' },
      ],
    })
    expect(decide('index.html')).toMatchObject({
      headers: { cacheControl: 'public, max-age=60' },
      metadata: true,
    })
    expect(decide('docs/a.html').headers.cacheControl).toBe('public, max-age=60')
    expect(decide('assets/index-B_x3-a9Q1.js').headers.cacheControl).toBe('public, max-age=86400')
    expect(decide('robots.txt')).toMatchObject({
      headers: { cacheControl: 'no-store' },
      metadata: true,
    })
    expect(decide('app.3f2a9c1b.css').headers.cacheControl).toBe('no-store')
    expect(decide('logo.png').headers.cacheControl).toBe('no-store')
  })

  it('rule order decides, not specificity', () => {
    const decide = rules({
      cacheControl: [
        { glob: '**', value: 'no-store' },
        { glob: '*.html', value: 'public, max-age=60' },
      ],
    })
    expect(decide('index.html').headers.cacheControl).toBe('no-store')
  })

  it('keys no rule matches keep the defaults', () => {
    const decide = rules({ cacheControl: [{ glob: 'downloads/**', value: 'public, max-age=600' }] })
    expect(decide('downloads/a.zip').headers.cacheControl).toBe('public, max-age=600')
    expect(decide('index.html').headers.cacheControl).toBe(NO_CACHE)
    expect(decide('app.3f2a9c1b.css').headers.cacheControl).toBe(IMMUTABLE)
    expect(decide('logo.png').headers.cacheControl).toBe(HOUR)
  })

  it('rules match dot files too', () => {
    const decide = rules({ cacheControl: [{ glob: '**', value: 'no-store' }] })
    expect(decide('.well-known/security.txt').headers.cacheControl).toBe('no-store')
  })
})

describe('metadata add and remove', () => {
  it('metadata.add makes more files metadata', () => {
    const decide = rules({ metadata: { add: ['*.txt', 'version.json'], remove: [] } })
    expect(decide('notes.txt')).toMatchObject({
      metadata: true,
      headers: { cacheControl: NO_CACHE },
    })
    expect(decide('a/version.json')).toMatchObject({
      metadata: true,
      headers: { cacheControl: NO_CACHE },
    })
    expect(decide('other.json')).toMatchObject({ metadata: false, headers: { cacheControl: HOUR } })
    expect(decide('index.html').metadata).toBe(true)
  })

  it('metadata.remove takes files out of the built-in list', () => {
    const decide = rules({ metadata: { add: [], remove: ['*.html', 'robots.txt'] } })
    expect(decide('index.html')).toMatchObject({ metadata: false, headers: { cacheControl: HOUR } })
    expect(decide('index.3f2a9c1b.html')).toMatchObject({
      metadata: false,
      headers: { cacheControl: IMMUTABLE },
    })
    expect(decide('robots.txt')).toMatchObject({ metadata: false, headers: { cacheControl: HOUR } })
    expect(decide('sitemap.xml')).toMatchObject({
      metadata: true,
      headers: { cacheControl: NO_CACHE },
    })
  })

  it('remove wins over add', () => {
    const decide = rules({ metadata: { add: ['*.txt'], remove: ['private/**'] } })
    expect(decide('a.txt').metadata).toBe(true)
    expect(decide('private/a.txt').metadata).toBe(false)
  })
})

describe('isFingerprinted', () => {
  it.each([
    ['assets/index-B_x3-a9Q1.js', true],
    ['static/js/main.3f2a9c1b.chunk.js', true],
    ['app.3f2a9c1b.css', true],
    ['main.abc123de.chunk.css', true],
    ['chunk-5ZQ4KX7N.js', true],
    ['a/b/c/vendor.0123456789abcdef.js', true],
    ['img/hero.4b2f9a1c.webp', true],
    ['my-component.js', false],
    ['report-2024-01-15.pdf', false],
    ['logo.png', false],
    ['jquery-3.7.1.min.js', false],
    ['bootstrap.min.css', false],
    ['v2/readme.txt', false],
    ['Makefile', false],
    ['12345678.js', false],
    ['background-image.png', false],
    ['assets.3f2a9c1b/logo.png', false],
  ])('%s -> %s', (key, expected) => {
    expect(isFingerprinted(key)).toBe(expected)
  })
})

describe('withCharset', () => {
  it.each([
    ['text/html', 'text/html; charset=utf-8'],
    ['text/plain', 'text/plain; charset=utf-8'],
    ['text/javascript', 'text/javascript; charset=utf-8'],
    ['application/javascript', 'application/javascript; charset=utf-8'],
    ['application/json', 'application/json; charset=utf-8'],
    ['application/ld+json', 'application/ld+json; charset=utf-8'],
    ['application/manifest+json', 'application/manifest+json; charset=utf-8'],
    ['application/vnd.api+json', 'application/vnd.api+json; charset=utf-8'],
    ['application/xml', 'application/xml; charset=utf-8'],
    ['application/rss+xml', 'application/rss+xml; charset=utf-8'],
    ['image/svg+xml', 'image/svg+xml; charset=utf-8'],
    ['image/png', 'image/png'],
    ['font/woff2', 'font/woff2'],
    ['application/octet-stream', 'application/octet-stream'],
    ['application/jsonx', 'application/jsonx'],
    ['application/wasm', 'application/wasm'],
    ['text/html; charset=iso-8859-1', 'text/html; charset=iso-8859-1'],
  ])('%s -> %s', (type, expected) => {
    expect(withCharset(type)).toBe(expected)
  })
})

describe('isFingerprinted: names that are only a hash, dimensions and words', () => {
  it.each([
    ['3f2a9c1b4d5e6f70.js', true],
    ['chunks/1a2b3c4d5e6f7a8b9c0d.js', true],
    ['og-1200x630.png', false],
    ['hero-1920x1080.jpg', false],
    ['fonts/roboto-v30-latin-regular.woff2', false],
    ['deadbeef.js', false],
  ])('%s -> %s', (key, expected) => {
    expect(isFingerprinted(key)).toBe(expected)
  })
})

describe('lookupType (mime-types)', () => {
  it.each([
    ['INDEX.HTML', 'text/html'],
    ['archive.TAR.GZ', 'application/gzip'],
    ['app.mjs', 'text/javascript'],
    ['font.woff2', 'font/woff2'],
    ['data.webmanifest', 'application/manifest+json'],
    ['naïve.txt', 'text/plain'],
    ['README', false],
    ['.htaccess', false],
    ['trailing.', false],
    ['a..b', false],
    ['x.constructor', false],
    ['x.__proto__', false],
    ['x.hasOwnProperty', false],
  ] as const)('%s -> %s', (name, type) => {
    expect(lookupType(name)).toBe(type)
  })
})

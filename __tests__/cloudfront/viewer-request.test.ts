import { createHash } from 'node:crypto'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import {
  viewerRequestCode,
  viewerRequestName,
  type ViewerRequestOptions,
} from '../../src/cloudfront/viewer-request.js'

interface CfRequest {
  method: string
  uri: string
  querystring: Record<string, unknown>
  headers: Record<string, { value: string }>
  cookies: Record<string, unknown>
}

interface CfEvent {
  version: string
  context: { eventType: string }
  viewer: { ip: string }
  request: CfRequest
}

interface CfResponse {
  statusCode: number
  statusDescription: string
  headers: Record<string, { value: string }>
}

type Handler = (event: CfEvent) => CfRequest | CfResponse

/** A viewer-request event shaped like the one CloudFront passes to the function. */
function event(uri: string, querystring: Record<string, unknown> = {}): CfEvent {
  return {
    version: '1.0',
    context: { eventType: 'viewer-request' },
    viewer: { ip: '1.2.3.4' },
    request: {
      method: 'GET',
      uri,
      querystring,
      headers: { host: { value: 'example.com' } },
      cookies: {},
    },
  }
}

/** The generated handler, evaluated in an empty context: no require, no process, no globals. */
function compile(options: ViewerRequestOptions): Handler {
  return vm.runInNewContext(viewerRequestCode(options) + '\n;handler', {}) as Handler
}

const COMBINATIONS: Array<[string, ViewerRequestOptions]> = [
  ['neither', { prettyUrls: false, spa: false }],
  ['prettyUrls', { prettyUrls: true, spa: false }],
  ['spa', { prettyUrls: false, spa: true }],
  ['prettyUrls + spa', { prettyUrls: true, spa: true }],
]

// [uri, neither, prettyUrls, spa, prettyUrls + spa]: the uri forwarded to the origin
const REWRITES: Array<[string, string, string, string, string]> = [
  ['/', '/', '/index.html', '/index.html', '/index.html'],
  ['/about', '/about', '/about/index.html', '/index.html', '/index.html'],
  ['/about/', '/about/', '/about/index.html', '/index.html', '/index.html'],
  // only the last segment's dot matters
  ['/a.b/c', '/a.b/c', '/a.b/c/index.html', '/index.html', '/index.html'],
  ['/docs/v1.2/', '/docs/v1.2/', '/docs/v1.2/index.html', '/index.html', '/index.html'],
  ['/users/42', '/users/42', '/users/42/index.html', '/index.html', '/index.html'],
  // files are forwarded as they are: a missing asset stays a 404, never the app shell
  ['/assets/app.js', '/assets/app.js', '/assets/app.js', '/assets/app.js', '/assets/app.js'],
  ['/assets/x.js', '/assets/x.js', '/assets/x.js', '/assets/x.js', '/assets/x.js'],
  ['/missing.png', '/missing.png', '/missing.png', '/missing.png', '/missing.png'],
  ['/file.tar.gz', '/file.tar.gz', '/file.tar.gz', '/file.tar.gz', '/file.tar.gz'],
  ['/.hidden', '/.hidden', '/.hidden', '/.hidden', '/.hidden'],
  // well-known files are often extensionless and must not become a page
  [
    '/.well-known/apple-app-site-association',
    '/.well-known/apple-app-site-association',
    '/.well-known/apple-app-site-association',
    '/.well-known/apple-app-site-association',
    '/.well-known/apple-app-site-association',
  ],
  // a name that merely contains the state directory's name is not private
  [
    '/not.cdn-publish/x',
    '/not.cdn-publish/x',
    '/not.cdn-publish/x/index.html',
    '/index.html',
    '/index.html',
  ],
  [
    '/.cdn-publish.json',
    '/.cdn-publish.json',
    '/.cdn-publish.json',
    '/.cdn-publish.json',
    '/.cdn-publish.json',
  ],
]

const PRIVATE = [
  '/.cdn-publish/state.json',
  '/previews/pr-1/.cdn-publish/state.json',
  '/.cdn-publish',
  '/.cdn-publish/',
  '/previews/pr-1/.cdn-publish',
  // S3 decodes the key, so encoded forms reach the same object
  '/%2Ecdn-publish/state.json',
  '/%2ecdn%2Dpublish/state.json',
  '/previews%2Fpr-1%2F.cdn-publish%2Fstate.json',
  // a malformed escape elsewhere must not let the literal segment through
  '/%E0%A4%A/.cdn-publish/state.json',
]

describe.each(COMBINATIONS)('viewer-request handler: %s', (_label, options) => {
  const column = COMBINATIONS.findIndex(([, o]) => o === options) + 1
  const handler = compile(options)

  it.each(REWRITES.map((row) => [row[0], row[column] as string]))('%s -> %s', (uri, expected) => {
    const input = event(uri)
    const before = structuredClone(input.request)
    const result = handler(input)
    expect(result).not.toHaveProperty('statusCode')
    expect(result).toEqual({ ...before, uri: expected })
  })

  it('leaves the query string as it is and rewrites only the uri', () => {
    const querystring = {
      q: { value: 'hello world' },
      tag: { value: 'a', multiValue: [{ value: 'a' }, { value: 'b' }] },
    }
    const input = event('/about', structuredClone(querystring))
    const result = handler(input) as CfRequest
    expect(result.querystring).toEqual(querystring)
    expect(result.uri).toBe(REWRITES[1]![column])
    expect(result.uri).not.toContain('?')
  })

  it.each(PRIVATE)('%s is answered 404 and never forwarded', (uri) => {
    const input = event(uri, { a: { value: '1' } })
    const result = handler(input)
    expect(result).toEqual({ statusCode: 404, statusDescription: 'Not Found', headers: {} })
    expect(input.request.uri).toBe(uri)
  })
})

describe('viewerRequestCode', () => {
  it('gives identical bytes for the same options', () => {
    for (const [, options] of COMBINATIONS) {
      expect(viewerRequestCode({ ...options })).toBe(viewerRequestCode({ ...options }))
    }
  })

  it('gives different code and different names for different options', () => {
    const codes = COMBINATIONS.map(([, options]) => viewerRequestCode(options))
    expect(new Set(codes).size).toBe(COMBINATIONS.length)
    expect(new Set(codes.map(viewerRequestName)).size).toBe(COMBINATIONS.length)
  })

  it('puts the option values as constants at the top', () => {
    const code = viewerRequestCode({ prettyUrls: true, spa: false })
    const head = code.split('\n').slice(0, 5).join('\n')
    expect(head).toContain('const PRETTY_URLS = true;')
    expect(head).toContain('const SPA = false;')
  })

  it.each(COMBINATIONS)('%s: stays under the 10 KB limit', (_label, options) => {
    expect(Buffer.byteLength(viewerRequestCode(options), 'utf8')).toBeLessThan(10 * 1024)
  })

  it.each(COMBINATIONS)(
    '%s: is a plain script with no imports, require or async',
    (_label, options) => {
      const code = viewerRequestCode(options)
      expect(() => new vm.Script(code)).not.toThrow()
      expect(code).toMatch(/^function handler\(event\) \{$/m)
      expect(code).not.toMatch(/\bimport\b|\brequire\s*\(|\bexport\b|\basync\b|\bawait\b/)
    },
  )
})

describe('viewerRequestName', () => {
  it.each(COMBINATIONS)(
    '%s: is cdn-publish- and 8 hex digits of the sha256 of the code',
    (_l, o) => {
      const code = viewerRequestCode(o)
      const name = viewerRequestName(code)
      expect(name).toMatch(/^cdn-publish-[0-9a-f]{8}$/)
      expect(name).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
      expect(name).toBe(
        `cdn-publish-${createHash('sha256').update(code).digest('hex').slice(0, 8)}`,
      )
    },
  )

  it('changes when the code changes by one byte', () => {
    const code = viewerRequestCode({ prettyUrls: false, spa: false })
    expect(viewerRequestName(code + ' ')).not.toBe(viewerRequestName(code))
    expect(viewerRequestName(code)).toBe(viewerRequestName(code))
  })
})

// The preview parts of the generated CloudFront Functions, run in an empty vm context as the edge would:
// host-based previews and per-preview SPA roots in viewer-request, noindex on previews in viewer-response.
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import {
  viewerRequestCode,
  viewerResponseCode,
  type ViewerRequestOptions,
} from '../../src/cloudfront/viewer-request.js'

interface CfRequest {
  method: string
  uri: string
  querystring: Record<string, unknown>
  headers: Record<string, { value: string }>
  cookies: Record<string, unknown>
}

interface CfResponse {
  statusCode: number
  statusDescription: string
  headers: Record<string, { value: string }>
}

interface CfEvent {
  version: string
  context: { eventType: string }
  viewer: { ip: string }
  request: CfRequest
  response?: CfResponse
}

function request(uri: string, host: string | undefined): CfRequest {
  return {
    method: 'GET',
    uri,
    querystring: {},
    headers: host === undefined ? {} : { host: { value: host } },
    cookies: {},
  }
}

function compile<T>(code: string): (event: CfEvent) => T {
  return vm.runInNewContext(`${code}\n;handler`, {}) as (event: CfEvent) => T
}

const PREVIEW_DOMAIN = 'preview.example.com'
const OPTIONS: ViewerRequestOptions = {
  prettyUrls: true,
  spa: false,
  previewRoot: 'previews',
  previewDomain: PREVIEW_DOMAIN,
}

/** The uri the viewer-request function forwards for this uri and host (or its 404 answer). */
function forward(options: ViewerRequestOptions, uri: string, host?: string): string | CfResponse {
  const handler = compile<CfRequest | CfResponse>(viewerRequestCode(options))
  const result = handler({
    version: '1.0',
    context: { eventType: 'viewer-request' },
    viewer: { ip: '1.2.3.4' },
    request: request(uri, host),
  })
  return 'uri' in result ? result.uri : result
}

describe('viewer-request: host-based previews', () => {
  it.each([
    ['pr-42.preview.example.com', '/about/', '/previews/pr-42/about/index.html'],
    ['pr-42.preview.example.com', '/about', '/previews/pr-42/about/index.html'],
    ['pr-42.preview.example.com', '/', '/previews/pr-42/index.html'],
    ['pr-42.preview.example.com', '/assets/x.js', '/previews/pr-42/assets/x.js'],
    ['feature-x.preview.example.com', '/docs/', '/previews/feature-x/docs/index.html'],
    // the Host header may carry a port, and any case
    ['pr-42.preview.example.com:443', '/about/', '/previews/pr-42/about/index.html'],
    ['PR-42.Preview.Example.COM', '/assets/x.js', '/previews/pr-42/assets/x.js'],
  ])('%s %s -> %s', (host, uri, expected) => {
    expect(forward(OPTIONS, uri, host)).toBe(expected)
  })

  it.each([
    ['the apex of the preview domain', 'preview.example.com'],
    ['the site domain', 'example.com'],
    ['www', 'www.example.com'],
    ['another domain', 'evil.com'],
    ['a look-alike ending', 'pr-42.evilpreview.example.com.evil.com'],
    ['a suffix without the dot', 'xpreview.example.com'],
    ['a label with a dot', 'a.b.preview.example.com'],
    ['a label with an underscore', 'a_b.preview.example.com'],
  ])('%s (%s): no mapping', (_what, host) => {
    expect(forward(OPTIONS, '/about/', host)).toBe('/about/index.html')
    expect(forward(OPTIONS, '/assets/x.js', host)).toBe('/assets/x.js')
  })

  it('no Host header: no mapping', () => {
    expect(forward(OPTIONS, '/about/')).toBe('/about/index.html')
  })

  it('without a preview domain, a preview-looking host is not mapped', () => {
    const options = { ...OPTIONS, previewDomain: undefined }
    expect(forward(options, '/about/', 'pr-42.preview.example.com')).toBe('/about/index.html')
  })

  it.each(['/.cdn-publish/state.json', '/%2Ecdn-publish/state.json', '/.cdn-publish/'])(
    'the state %s is still 404 on a preview host',
    (uri) => {
      expect(forward(OPTIONS, uri, 'pr-42.preview.example.com')).toEqual({
        statusCode: 404,
        statusDescription: 'Not Found',
        headers: {},
      })
    },
  )

  it('the well-known files of a preview host are served as they are', () => {
    expect(
      forward({ ...OPTIONS, spa: true }, '/.well-known/security', 'pr-42.preview.example.com'),
    ).toBe('/previews/pr-42/.well-known/security')
  })
})

describe('viewer-request: SPA with previews', () => {
  const SPA = { ...OPTIONS, spa: true }

  it.each([
    // a preview path is its own site: its shell is its own index.html
    ['/previews/pr-7/users/1', undefined, '/previews/pr-7/index.html'],
    ['/previews/pr-7/', undefined, '/previews/pr-7/index.html'],
    ['/previews/pr-7', undefined, '/previews/pr-7/index.html'],
    ['/previews/pr-7/assets/app.js', undefined, '/previews/pr-7/assets/app.js'],
    // on a preview host too
    ['/users/1', 'pr-42.preview.example.com', '/previews/pr-42/index.html'],
    ['/', 'pr-42.preview.example.com', '/previews/pr-42/index.html'],
    // everything else is the production app
    ['/users/1', undefined, '/index.html'],
    ['/users/1', 'www.example.com', '/index.html'],
    ['/previewsx/users/1', undefined, '/index.html'],
    ['/docs/previews/pr-7/x', undefined, '/index.html'],
    // the preview root itself is no preview: the production shell, never a // path
    ['/previews/', undefined, '/index.html'],
    ['/previews', undefined, '/index.html'],
  ])('%s (host %s) -> %s', (uri, host, expected) => {
    expect(forward(SPA, uri, host)).toBe(expected)
  })

  it('without previews (no previewRoot), /previews/... paths are the production app', () => {
    expect(forward({ prettyUrls: true, spa: true }, '/previews/pr-7/users/1')).toBe('/index.html')
  })
})

describe('viewerResponseCode: noindex on previews', () => {
  const code = viewerResponseCode({ previewRoot: 'previews', previewDomain: PREVIEW_DOMAIN })
  const handler = compile<CfResponse>(code)

  function respond(uri: string, host: string | undefined, headers: CfResponse['headers'] = {}) {
    return handler({
      version: '1.0',
      context: { eventType: 'viewer-response' },
      viewer: { ip: '1.2.3.4' },
      request: request(uri, host),
      response: { statusCode: 200, statusDescription: 'OK', headers: structuredClone(headers) },
    })
  }

  const NOINDEX = { value: 'noindex, nofollow' }

  it.each([
    ['/previews/pr-42/', 'www.example.com'],
    ['/previews/pr-42/assets/x.js', undefined],
    ['/about/', 'pr-42.preview.example.com'],
    ['/', 'PR-42.Preview.Example.com'],
    ['/', 'pr-42.preview.example.com:443'],
  ])('%s on host %s gets x-robots-tag', (uri, host) => {
    expect(respond(uri, host).headers['x-robots-tag']).toEqual(NOINDEX)
  })

  it.each([
    ['/', 'www.example.com'],
    ['/about/', 'example.com'],
    ['/', 'preview.example.com'],
    ['/', 'evil.com'],
    ['/previewsx/a', 'www.example.com'],
    ['/docs/previews/pr-1/', 'www.example.com'],
    ['/previews', undefined],
  ])('%s on host %s does not', (uri, host) => {
    expect(respond(uri, host).headers).not.toHaveProperty('x-robots-tag')
  })

  it('keeps the other response headers and the status', () => {
    const headers = {
      'cache-control': { value: 'public, max-age=60' },
      'content-type': { value: 'text/html; charset=utf-8' },
    }
    const response = respond('/previews/pr-42/', undefined, headers)
    expect(response).toEqual({
      statusCode: 200,
      statusDescription: 'OK',
      headers: { ...headers, 'x-robots-tag': NOINDEX },
    })
    expect(respond('/', 'www.example.com', headers)).toEqual({
      statusCode: 200,
      statusDescription: 'OK',
      headers,
    })
  })

  it('without a preview domain, only paths count', () => {
    const byPath = compile<CfResponse>(
      viewerResponseCode({ previewRoot: 'previews', previewDomain: undefined }),
    )
    const answer = (uri: string, host: string) =>
      byPath({
        version: '1.0',
        context: { eventType: 'viewer-response' },
        viewer: { ip: '1.2.3.4' },
        request: request(uri, host),
        response: { statusCode: 200, statusDescription: 'OK', headers: {} },
      }).headers
    expect(answer('/previews/x/', 'www.example.com')).toHaveProperty('x-robots-tag')
    expect(answer('/', 'pr-42.preview.example.com')).not.toHaveProperty('x-robots-tag')
  })

  it('is a plain script: no imports, require or async', () => {
    expect(() => new vm.Script(code)).not.toThrow()
    expect(code).toMatch(/^function handler\(event\) \{$/m)
    expect(code).not.toMatch(/\bimport\b|\brequire\s*\(|\bexport\b|\basync\b|\bawait\b/)
  })
})

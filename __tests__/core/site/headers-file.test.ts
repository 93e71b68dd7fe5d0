import { describe, expect, it } from 'vitest'
import { hasUnsafeCharacter } from '../../../src/core/text.js'
import { headersFor, parseHeaders, type HeaderRule } from '../../../src/core/site/headers-file.js'
import { SiteFileError, type SiteFileProblem } from '../../../src/core/site/site-file-error.js'

function problemsOf(text: string, file?: string): SiteFileProblem[] {
  try {
    parseHeaders(text, file)
  } catch (error) {
    if (error instanceof SiteFileError) return [...error.problems]
    throw error
  }
  throw new Error('the file was accepted')
}

/** Rules without their compiled patterns, for comparison. */
function plain(rules: HeaderRule[]) {
  return rules.map(({ line, pattern, headers }) => ({ line, pattern, headers }))
}

describe('parseHeaders: accepted files', () => {
  it("reads Netlify's example: paths, indented headers, comments; names lower-cased, values as written", () => {
    const text = [
      '# a path:',
      '/templates/index.html',
      '  # headers for that path:',
      '  X-Frame-Options: DENY',
      '  X-XSS-Protection: 1; mode=block',
      '# another path:',
      '/templates/index2.html',
      '  X-Frame-Options: SAMEORIGIN',
    ].join('\n')
    expect(plain(parseHeaders(text))).toEqual([
      {
        line: 2,
        pattern: '/templates/index.html',
        headers: [
          { name: 'x-frame-options', value: 'DENY' },
          { name: 'x-xss-protection', value: '1; mode=block' },
        ],
      },
      {
        line: 7,
        pattern: '/templates/index2.html',
        headers: [{ name: 'x-frame-options', value: 'SAMEORIGIN' }],
      },
    ])
  })

  it('joins the same name under one path as "a, b" (Netlify), whatever its case', () => {
    const text =
      '/*\n  Link: </a.css>; rel=preload\n  X-Robots-Tag: noindex\n  link: </b.js>; rel=preload'
    expect(parseHeaders(text)[0]!.headers).toEqual([
      { name: 'link', value: '</a.css>; rel=preload, </b.js>; rel=preload' },
      { name: 'x-robots-tag', value: 'noindex' },
    ])
  })

  it('needs no indentation, splits at the first ":", keeps "#" and ":" in values, allows tabs', () => {
    const text = '\ufeff/a\r\nX-Url:   https://example.com/#x  \r\n\r\n\t/b\r\n\tX-Tab: a\tb\r\n'
    expect(plain(parseHeaders(text))).toEqual([
      { line: 1, pattern: '/a', headers: [{ name: 'x-url', value: 'https://example.com/#x' }] },
      { line: 4, pattern: '/b', headers: [{ name: 'x-tab', value: 'a\tb' }] },
    ])
  })

  it('drops a path with no headers (Netlify), and accepts an empty file', () => {
    expect(plain(parseHeaders('/empty\n/full\n  X-A: 1\n/empty-too\n'))).toEqual([
      { line: 2, pattern: '/full', headers: [{ name: 'x-a', value: '1' }] },
    ])
    expect(parseHeaders('')).toEqual([])
    expect(parseHeaders('# only a comment\n')).toEqual([])
  })
})

describe('parseHeaders: refusals, each with its file and line', () => {
  const long = 'v'.repeat(1020)
  it.each([
    [
      '  Cache-Control: public, max-age=60',
      'use the cache-control input ("GLOB: VALUE" lines) instead',
    ],
    ['  cache-control: no-cache', 'Cache-Control is set for each file by this action'],
    ['  Content-Type: text/plain', 'use the content-type input ("GLOB: TYPE" lines) instead'],
    ['  Connection: close', 'Connection is a header CloudFront functions may not add'],
    ['  Keep-Alive: timeout=5', 'Keep-Alive is a header CloudFront functions may not add'],
    ['  X-Cache: HIT', 'X-Cache is a header CloudFront functions may not add'],
    ['  X-Amz-Cf-Pop: IAD', 'X-Amz-Cf-Pop is a header CloudFront functions may not add'],
    ['  X-Edge-Location: x', 'X-Edge-Location is a header CloudFront functions may not add'],
    [
      '  X-Forwarded-Proto: https',
      'X-Forwarded-Proto is a header CloudFront functions may not add',
    ],
    ['  Upgrade: h2c', 'Upgrade is a header CloudFront functions may not add'],
    ['  Client-Cert: x', 'Client-Cert is a header CloudFront functions may not add'],
    ['  Via: 1.1 proxy', 'Via is read-only in a CloudFront viewer-response function'],
    ['  Warning: 199 - x', 'Warning is read-only in a CloudFront viewer-response function'],
    ['  Location: /elsewhere', 'use _redirects'],
    ['  Set-Cookie: a=1', 'Set-Cookie is not supported'],
    ['  Content-Length: 10', 'Content-Length is set by the server for each response'],
    ['  Content-Encoding: br', 'Content-Encoding is set by the server'],
    ['  Date: today', 'Date is set by the server'],
    ['  Server: mine', 'Server is set by the server'],
    ['  X Frame: DENY', '"X Frame" is not a valid header name'],
    ['  X(Bad): 1', '"X(Bad)" is not a valid header name'],
    ['  : no-name', 'a header line without a name'],
    ['  X-Test:', 'X-Test has an empty value'],
    ['  X-Test:    ', 'X-Test has an empty value'],
    ['  X-Test: a\u0007b', 'control or invisible character U+0007'],
    ['  X-Test: a\u202eb', 'control or invisible character U+202E'],
    ['  X-Name: café', 'X-Name has a character that is not ASCII (U+00E9)'],
    ['  X-Name: 🙂', 'X-Name has a character that is not ASCII (U+1F642)'],
    [
      '  just words',
      '"just words" is neither a path (starting with "/") nor a "Name: value" header',
    ],
    ['https://example.com/*', '"https://example.com/*" is a full URL: host-specific rules'],
    ['/a?x=1', 'path "/a?x=1" has a query string'],
    ['/a b', 'path "/a b" has a character that must be percent-encoded'],
    ['/caf%zz', 'has a character that must be percent-encoded'],
    ['/blog/:1x', 'has ":1x", which is not a placeholder'],
    [`/${'p'.repeat(512)}`, 'is 513 characters long; at most 512 are supported'],
    [
      `  X-Long: ${long}`,
      'X-Long: its value is 1020 characters long; "name: value" may be at most 1024',
    ],
  ])('%s', (line, message) => {
    const text = `# comment\n/ok\n  X-Fine: 1\n${line}\n  X-After: 2`
    const problems = problemsOf(text, 'out/_headers')
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: 'out/_headers', line: 4 })
    expect(problems[0]!.message).toContain(message)
  })

  it('refuses a header before any path', () => {
    expect(problemsOf('# comment\n  X-Frame-Options: DENY\n/a\n  X-B: 1')).toEqual([
      {
        file: '_headers',
        line: 2,
        message: 'header "X-Frame-Options" comes before any path; start a block with a path',
      },
    ])
  })

  it('refuses a value that grows too long when a repeated name is joined', () => {
    const half = 'h'.repeat(600)
    const problems = problemsOf(`/a\n  Link: ${half}\n  Link: ${half}`)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ line: 3 })
    expect(problems[0]!.message).toContain('its value is 1202 characters long')
  })

  it('checks the headers under a refused path too, and reports every problem in line order', () => {
    const problems = problemsOf('/a?x\n  Cache-Control: x\n/b\n  Via: y\n  X-Ok: 1\nnonsense')
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual([
      '_headers:1',
      '_headers:2',
      '_headers:4',
      '_headers:6',
    ])
  })

  it('never puts a control character from the file into a message', () => {
    const [problem] = problemsOf('/a\n  X-\u001b[31mRed: 1')
    expect(hasUnsafeCharacter(problem!.message)).toBe(false)
    expect(problem!.message).toContain('U+001B')
  })
})

describe('headersFor', () => {
  const matches: Array<[string, string, boolean]> = [
    ['/*', '/', true],
    ['/*', '/a', true],
    ['/*', '/a/b/c.html', true],
    ['/', '/', true],
    ['/', '/a', false],
    ['/assets/*', '/assets', true],
    ['/assets/*', '/assets/', true],
    ['/assets/*', '/assets/x/y.png', true],
    ['/assets/*', '/assetsx/y.png', false],
    ['/*.js', '/app.js', true],
    ['/*.js', '/a/b/app.js', true],
    ['/*.js', '/app.json', false],
    ['/*.js', '/appxjs', false],
    ['/blog/:slug', '/blog/post', true],
    ['/blog/:slug', '/blog/post/', true],
    ['/blog/:slug', '/blog/post/more', false],
    ['/blog/:slug', '/blog/', false],
    ['/about', '/about', true],
    ['/about', '/about/', true],
    ['/about', '/ABOUT', true],
    ['/about', '/about/team', false],
    ['/about/', '/about', true],
    ['/a/*/c', '/a/b/c', true],
    ['/a/*/c', '/a/c', true],
    ['/a/*/c', '/ab/c', false],
    ['/authors/c%C3%A9line', '/authors/c%C3%A9line', true],
  ]
  it.each(matches)('%s applies to %s: %s', (pattern, path, applies) => {
    const rules = parseHeaders(`${pattern}\n  X-Hit: yes`)
    expect(headersFor(rules, path)).toEqual(applies ? [{ name: 'x-hit', value: 'yes' }] : [])
  })

  it('applies every matching rule in file order; a later value replaces an earlier one in place', () => {
    const rules = parseHeaders(
      [
        '/*',
        '  X-Frame-Options: DENY',
        '  Referrer-Policy: no-referrer',
        '/embed/*',
        '  X-Frame-Options: SAMEORIGIN',
        '  X-Robots-Tag: noindex',
        '/other',
        '  X-Other: 1',
      ].join('\n'),
    )
    expect(headersFor(rules, '/embed/widget')).toEqual([
      { name: 'x-frame-options', value: 'SAMEORIGIN' },
      { name: 'referrer-policy', value: 'no-referrer' },
      { name: 'x-robots-tag', value: 'noindex' },
    ])
    expect(headersFor(rules, '/page')).toEqual([
      { name: 'x-frame-options', value: 'DENY' },
      { name: 'referrer-policy', value: 'no-referrer' },
    ])
  })

  it('lets the later of two blocks for the same path win (Netlify: "the later one overrides")', () => {
    const rules = parseHeaders('/a\n  X-V: first\n  X-Keep: k\n/a\n  x-v: second')
    expect(headersFor(rules, '/a')).toEqual([
      { name: 'x-v', value: 'second' },
      { name: 'x-keep', value: 'k' },
    ])
  })

  it('returns nothing without rules', () => {
    expect(headersFor([], '/a')).toEqual([])
  })
})

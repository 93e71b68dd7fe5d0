import { describe, expect, it } from 'vitest'
import { hasUnsafeCharacter } from '../../../src/core/text.js'
import { PreflightError, isExpected } from '../../../src/core/errors.js'
import {
  matchRedirect,
  parseRedirects,
  resolveRedirect,
  type RedirectRule,
} from '../../../src/core/site/redirects.js'
import { SiteFileError, type SiteFileProblem } from '../../../src/core/site/site-file-error.js'

function problemsOf(text: string, file?: string): SiteFileProblem[] {
  try {
    parseRedirects(text, file)
  } catch (error) {
    if (error instanceof SiteFileError) return [...error.problems]
    throw error
  }
  throw new Error('the file was accepted')
}

function only(text: string): RedirectRule {
  const rules = parseRedirects(text)
  expect(rules).toHaveLength(1)
  return rules[0]!
}

describe('parseRedirects: accepted rules', () => {
  it('reads the supported statuses, 301 when none is written, and "!" as forced', () => {
    const fields = ['', '301', '302', '303', '307', '308', '200', '301!', '200!']
    const rules = parseRedirects(fields.map((f) => `/home / ${f}`).join('\n'))
    expect(
      rules.map((r) => `${r.line} ${r.from} ${r.to} ${r.status}${r.force ? '!' : ''}`),
    ).toEqual(fields.map((f, i) => `${i + 1} /home / ${f === '' ? '301' : f}`))
  })

  it('splits on runs of spaces and tabs, and ignores indentation', () => {
    expect(only('  \t/a\t\t /b  \t 302  ')).toMatchObject({ from: '/a', to: '/b', status: 302 })
  })

  it('skips comment lines (indented too), blank lines and trailing comments; keeps line numbers', () => {
    const text = '# header\n\n   # indented\n/a /b 302 # why\r\n\r\n/c /d#top   #comment 301\n'
    const rules = parseRedirects(text)
    expect(rules.map((r) => [r.line, r.from, r.to, r.status])).toEqual([
      [4, '/a', '/b', 302],
      [6, '/c', '/d#top', 301],
    ])
  })

  it('ignores a byte-order mark at the start of the file', () => {
    expect(only('\ufeff/a /b')).toMatchObject({ line: 1, from: '/a', to: '/b' })
  })

  it('drops a trailing slash from the source (Netlify ignores it), but keeps the root', () => {
    expect(only('/news/ /blog').from).toBe('/news')
    expect(only('/ /home').from).toBe('/')
  })

  it('compiles placeholders, the splat and the destination', () => {
    const rule = only('/news/:year/* /blog/:year-archive/:splat?from=:year 301')
    expect(rule).toMatchObject({
      segments: [{ literal: 'news' }, { placeholder: 'year' }],
      splat: true,
    })
    const target = rule.target.map((p) => ('text' in p ? p.text : `<${p.placeholder}>`))
    expect(target).toEqual(['/blog/', '<year>', '-archive/', '<splat>', '?from=', '<year>'])
    expect(only('/* /index.html 200')).toMatchObject({ segments: [], splat: true })
  })

  it('keeps literal segments percent-decoded for comparison, the source as written', () => {
    const rule = only('/authors/c%C3%A9line /authors/about-c%C3%A9line')
    expect(rule.from).toBe('/authors/c%C3%A9line')
    expect(rule.segments).toEqual([{ literal: 'authors' }, { literal: 'céline' }])
  })

  it('accepts absolute destinations, with their own query, and literal colons in a source', () => {
    expect(only('/cuties https://example.com/pets?x=1 302').to).toBe('https://example.com/pets?x=1')
    expect(only('/old http://example.com:8080/new').to).toBe('http://example.com:8080/new')
    expect(only('/wiki/Special:Random /random').segments).toEqual([
      { literal: 'wiki' },
      { literal: 'Special:Random' },
    ])
  })

  it('returns no rules for an empty file or one of comments only', () => {
    expect([parseRedirects(''), parseRedirects('# nothing yet\n\n')]).toEqual([[], []])
  })
})

describe('parseRedirects: refusals, each with its file and line', () => {
  const long = '/' + 'a'.repeat(512)
  it.each([
    ['/a /b 404', 'status "404" is not supported; supported: 301 (the default), 302, 303'],
    ['/a /b 410', 'status "410" is not supported'],
    ['/a /b 451', 'status "451" is not supported'],
    ['/a /b 404!', 'status "404!" is not supported'],
    ['/a /b 500', 'status "500" is not supported'],
    ['/a /b 301x', 'status "301x" is not a status code'],
    ['/api/* https://api.example.com/:splat 200', 'would proxy another site, which CloudFront'],
    ['/api/* https://api.example.com/:splat 200!', 'would proxy another site'],
    ['/ /anz 302 Country=au,nz', 'condition "Country=au,nz" is not supported'],
    ['/israel/* /israel/he/:splat 302 Language=he', 'condition "Language=he" is not supported'],
    ['/admin/* /admin/:splat 200! Role=admin', 'condition "Role=admin" is not supported'],
    ['/* /legacy/:splat 200 Cookie=is_legacy', 'condition "Cookie=is_legacy" is not supported'],
    ['/ /anz Country=au', 'condition "Country=au" is not supported'],
    ['/store id=:id /blog/:id 301', 'query-parameter matching ("id=:id") is not supported'],
    ['/store?id=:id /blog/:id 301', 'source "/store?id=:id" has a query string'],
    ['https://blog.example.com/* https://example.com/:splat 301!', 'is a full URL: domain-level'],
    ['http://example.com/a /b', 'is a full URL: domain-level rules are not supported'],
    ['home /', 'source "home" must be a path starting with "/"'],
    ['/a/:id /b/:slug', 'uses ":slug", which the source path does not define'],
    ['/a /b/:splat', 'uses ":splat", which the source path does not define (a source ending in'],
    ['/only', '"/only" has no destination; a rule is "from to [status]"'],
    ['/app/* 200', 'no destination before status "200"'],
    ['/a b', 'destination "b" must start with "/" or "https://"'],
    ['/a /b 301 extra', 'unexpected field "extra" after the status'],
    ['/a /b 301 302', 'unexpected field "302" after the status'],
    ['/a\u0007 /b', 'control or invisible character U+0007'],
    ['/a /b\u200b', 'control or invisible character U+200B'],
    [`${long} /b`, `source "${long.slice(0, 77)}..." is 513 characters long; at most 512`],
    [`/a ${long}`, 'is 513 characters long; at most 512 are supported'],
    ['/café /b', 'has a character that must be percent-encoded'],
    ['/a /b"c', 'has a character that must be percent-encoded'],
    ['/a%zz /b', 'has a character that must be percent-encoded'],
    ['/a%C3 /b', '"a%C3" is not valid percent-encoded UTF-8'],
    ['/a/*/b /c', '"*" is supported only as the last segment'],
    ['/a*.html /b', '"*" must be the whole last segment ("/path/*"), not in "a*.html"'],
    ['/a/:1x /b', '":1x" is not a placeholder'],
    ['/a/:splat /b', '":splat" names what "*" matches'],
    ['/a/:x/:x /b', 'placeholder ":x" appears twice'],
    ['/a//b /c', 'an empty path segment ("//") is not supported'],
    ['/a/../b /c', 'a ".." segment is not supported'],
    ['/a /b/../c', 'has a "." or ".." segment'],
    ['/a //evil.example/x', 'starts with "//", which browsers read as another host'],
    ['/a /\\evil.example', '"/\\\\evil.example" has a character that must be percent-encoded'],
    ['/a /a/ 301', 'is the source path itself: Netlify matches with or without a trailing slash'],
    ['/a/ /a 301!', 'is the source path itself'],
    ['/a /a?x=1 302', 'is the source path itself'],
    ['/a https:// 301', 'destination "https://" is not a valid URL'],
  ])('%s', (line, message) => {
    const problems = problemsOf(`# a comment first\n${line}\n/fine /ok`, 'site/_redirects')
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: 'site/_redirects', line: 2 })
    expect(problems[0]!.message).toContain(message)
  })

  it('reports every problem of the file at once, in line order', () => {
    const problems = problemsOf('/a /b 404\n/ok /fine\n\n/c /d 302 Country=fr\nhome /')
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual([
      '_redirects:1',
      '_redirects:4',
      '_redirects:5',
    ])
  })

  it('never puts a control character from the file into a message', () => {
    const [problem] = problemsOf('/a /b 30\u001b[31m1')
    expect(hasUnsafeCharacter(problem!.message)).toBe(false)
    expect(problemsOf('/a /b 30%\u00851')[0]!.message).not.toContain('\u0085')
  })
})

describe('SiteFileError', () => {
  it('lists the problems as file:line: message, after a count', () => {
    expect(() => parseRedirects('/a /b 404')).toThrow(SiteFileError)
    const error = new SiteFileError(problemsOf('/a /b 404\n\n/c\n'))
    expect(error).toBeInstanceOf(PreflightError)
    expect(isExpected(error)).toBe(true)
    expect(error.message).toBe(
      [
        '2 problems in _redirects:',
        '_redirects:1: status "404" is not supported; supported: 301 (the default), 302, 303, 307, 308, and 200 for a rewrite, each optionally forced with "!"',
        '_redirects:3: "/c" has no destination; a rule is "from to [status]"',
      ].join('\n'),
    )
  })

  it('lists at most 20 problems, then says how many more', () => {
    const text = Array.from({ length: 23 }, (_, i) => `/p${i} /q 404`).join('\n')
    const message = new SiteFileError(problemsOf(text)).message.split('\n')
    expect(message[0]).toBe('23 problems in _redirects:')
    expect(message).toHaveLength(22)
    expect(message[20]).toMatch(/^_redirects:20: status "404"/)
    expect(message[21]).toBe('and 3 more')
  })

  it('says "1 problem", and escapes a file name it shows', () => {
    const error = new SiteFileError([{ file: 'a\nb', line: 2, message: 'x' }])
    expect(error.message).toBe('1 problem in "a\\nb":\n"a\\nb":2: x')
  })
})

describe('matchRedirect', () => {
  const cases: Array<[string, string, string, string | undefined]> = [
    // exact paths; a trailing slash does not matter; case does
    ['/home /', '/home', '', '/'],
    ['/home /', '/home/', '', '/'],
    ['/home/ /', '/home', '', '/'],
    ['/home /', '/Home', '', undefined],
    ['/home /', '/home/x', '', undefined],
    ['/home /', '/homepage', '', undefined],
    // placeholders (Netlify's examples), embedded in the destination too
    ['/news/:y/:m/:d/:slug /blog/:y/:m/:d/:slug', '/news/2004/02/12/a', '', '/blog/2004/02/12/a'],
    ['/news/:m/:d/:y/:slug /blog/:y/:m/:d/:slug', '/news/02/12/2004/a', '', '/blog/2004/02/12/a'],
    ['/news/:year/:slug /blog/:slug', '/news/2004', '', undefined],
    ['/news/:year/:slug /blog/:slug', '/news/2004/a/b', '', undefined],
    ['/p/:year/:month /archive-:year-:month.html', '/p/2024/05', '', '/archive-2024-05.html'],
    ['/p/:file /q/:file', '/p/report.pdf', '', '/q/report.pdf'],
    // the splat: anything that follows, nothing too
    ['/news/* /blog/:splat', '/news/2004/01/10/my-story', '', '/blog/2004/01/10/my-story'],
    ['/news/* /blog/:splat', '/news', '', '/blog/'],
    ['/news/* /blog/:splat', '/news/', '', '/blog/'],
    ['/news/* /blog/:splat', '/news/a/b/', '', '/blog/a/b'],
    ['/news/* /blog/:splat', '/newsroom/a', '', undefined],
    ['/news/* /blog/:splat', '/', '', undefined],
    ['/news/:id/* /n/:id/:splat', '/news/7/x.html', '', '/n/7/x.html'],
    ['/* /index.html 200', '/anything/deep', '', '/index.html'],
    ['/* /index.html 200', '/', '', '/index.html'],
    // empty segments are dropped, as Netlify's matchers do
    ['/news/:year /y/:year', '/news//2004', '', '/y/2004'],
    // the query string is passed on unless the destination has its own
    ['/old /new', '/old', 'a=1&b=2', '/new?a=1&b=2'],
    ['/old /new', '/old', '?a=1', '/new?a=1'],
    ['/old /new?x=1', '/old', 'a=1', '/new?x=1'],
    ['/old /new#top', '/old', 'a=1', '/new?a=1#top'],
    ['/old /new?#top', '/old', 'a=1', '/new?a=1#top'],
    ['/old https://example.com/new 302', '/old', 'a=1', 'https://example.com/new?a=1'],
    ['/old /index.html 200', '/old', 'a=1', '/index.html?a=1'],
    // literal segments compare percent-decoded; values go into the location as sent
    ['/authors/c%C3%A9line /about', '/authors/c%C3%A9line', '', '/about'],
    ['/authors/c%C3%A9line /about', '/authors/c%c3%a9line', '', '/about'],
    ['/authors/c%C3%A9line /about', '/authors/céline', '', '/about'],
    ['/u/:name /people/:name', '/u/J%C3%B6rg', '', '/people/J%C3%B6rg'],
    ['/u/:name /people/:name', '/u/a%2Fb', '', '/people/a%2Fb'],
    // a value never turns a path into another host
    ['/go/* /:splat 302', '/go/\\evil.example', '', '/evil.example'],
    ['/go/* /:splat 302', '/go//evil.example', '', '/evil.example'],
  ]
  it.each(cases)('%s: %s?%s -> %s', (text, path, query, location) => {
    expect(matchRedirect(parseRedirects(text), path, query)?.location).toBe(location)
  })

  it('returns the first matching rule, even when a later one is more specific', () => {
    const rules = parseRedirects('/a/* /first/:splat 302\n/a/b /second 301\n/a/b /third 301')
    expect(matchRedirect(rules, '/a/b')).toMatchObject({ location: '/first/b', rule: { line: 1 } })
    const same = parseRedirects('/a/b /second 301\n/a/b /third 301')
    expect(matchRedirect(same, '/a/b')).toMatchObject({ location: '/second', rule: { line: 1 } })
  })

  it('ignores a rule that leads back to the request path (Netlify), and goes on to the next', () => {
    const rules = parseRedirects('/blog/* /blog/:splat 301\n/blog/* /news/:splat 302')
    expect(matchRedirect(rules, '/blog/x')).toMatchObject({
      location: '/news/x',
      rule: { line: 2 },
    })
    expect(matchRedirect(parseRedirects('/* /index.html 200'), '/index.html')).toBeUndefined()
    expect(matchRedirect(parseRedirects('/* /index.html 200'), '/index.html/')).toBeUndefined()
  })

  it('returns undefined when nothing matches or there are no rules', () => {
    expect(matchRedirect([], '/a')).toBeUndefined()
    expect(matchRedirect(parseRedirects('/a /b'), '/c', 'x=1')).toBeUndefined()
  })
})

describe('resolveRedirect: shadowing', () => {
  const files = new Set(['/a', '/app.js', '/old'])
  const exists = (path: string) => files.has(path)

  it.each([
    ['/old /new 301', '/old', undefined],
    ['/old /new 301!', '/old', '/new'],
    ['/old /new 200', '/old', undefined],
    ['/old /new 200!', '/old', '/new'],
    ['/gone /new 301', '/gone', '/new'],
    ['/* /index.html 200', '/app.js', undefined],
    ['/* /index.html 200', '/route/deep', '/index.html'],
    ['/* /index.html 200!', '/app.js', '/index.html'],
  ])('%s at %s -> %s', (text, path, location) => {
    expect(resolveRedirect(parseRedirects(text), path, '', exists)?.location).toBe(location)
  })

  it('serves the file when the first matching rule is shadowed: later rules, forced ones too, are not tried', () => {
    const rules = parseRedirects('/a /b 301\n/a /c 301!')
    expect(matchRedirect(rules, '/a')?.location).toBe('/b')
    expect(resolveRedirect(rules, '/a', '', exists)).toBeUndefined()
    expect(resolveRedirect(rules, '/a', '', () => false)?.location).toBe('/b')
  })

  it('asks about the request path as sent, and only when a rule that is not forced matched', () => {
    const asked: string[] = []
    const spy = (path: string) => asked.push(path) < 0 // records the question, answers false
    resolveRedirect(parseRedirects('/a /b 301!'), '/a', '', spy)
    resolveRedirect(parseRedirects('/a /b 301'), '/c', '', spy)
    expect(asked).toEqual([])
    expect(resolveRedirect(parseRedirects('/a /b 302'), '/a/', 'q=1', spy)?.location).toBe('/b?q=1')
    expect(asked).toEqual(['/a/'])
  })
})

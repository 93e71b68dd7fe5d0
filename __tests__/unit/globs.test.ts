import picomatch from 'picomatch'
import { describe, expect, it } from 'vitest'
import { SECRET_GLOBS } from '../../src/filter.js'
import { DEFAULT_METADATA, IMMUTABLE_DIRECTORIES } from '../../src/rules.js'
import {
  anyMatcher,
  compileGlob,
  globProblem,
  namesFilesExplicitly,
  splitList,
} from '../../src/globs.js'

describe('globProblem', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['a\u0000b', /control/],
    ['a\nb', /control/],
    ['/abs/**', /must not start with "\/"/],
    ['..', /"\.\." segment/],
    ['a/../b', /"\.\." segment/],
    ['../**', /"\.\." segment/],
    ['!*.map', /negated/],
    ['a[b', /does not parse/],
    ['{a', /does not parse/],
    ['a{b,c', /does not parse/],
    ['@(a', /does not parse/],
  ])('rejects %j', (glob, message) => {
    expect(globProblem(glob)).toMatch(message)
  })

  it.each([
    '**',
    '*',
    '*.map',
    'assets/**',
    '**/*.{js,css}',
    '[ab].txt',
    'a..b.txt',
    '...',
    '.well-known/**',
    'file name.txt',
    '+(a|b).js',
    'a/**/b',
  ])('accepts %j', (glob) => {
    expect(globProblem(glob)).toBeUndefined()
  })
})

describe('compileGlob', () => {
  // [glob, dot, key, matches]
  it.each([
    ['*.map', false, 'c.map', true],
    ['*.map', false, 'a/b/c.map', true],
    ['*.map', false, 'a/b/c.map.txt', false],
    ['index.html', false, 'docs/index.html', true],
    ['index.html', false, 'docs/index.htm', false],
    ['assets/**', false, 'assets/a/b.js', true],
    ['assets/**', false, 'index.html', false],
    ['assets/**', false, 'x/assets/a.js', false],
    ['docs/*.html', false, 'docs/a.html', true],
    ['docs/*.html', false, 'docs/sub/a.html', false],
    ['docs/*.html', false, 'other/docs/a.html', false],
    ['**/*.html', false, 'index.html', true],
    ['**', false, 'a/b/c', true],
    ['**', false, '.env', false],
    ['**', true, '.env', true],
    ['**', false, 'a/.hidden/b', false],
    ['**', true, 'a/.hidden/b', true],
    ['*.txt', false, '.secret.txt', false],
    ['*.txt', true, '.secret.txt', true],
    ['.htaccess', false, '.htaccess', true],
    ['.htaccess', false, 'sub/.htaccess', true],
    ['*.{js,css}', false, 'a/b.css', true],
    ['*.{js,css}', false, 'a/b.html', false],
    ['.well-known/**', true, '.well-known/security.txt', true],
    ['.well-known/**', true, 'a/.well-known/security.txt', false],
  ])('%j (dot: %s) on %j -> %s', (glob, dot, key, expected) => {
    expect(compileGlob(glob, { dot })(key)).toBe(expected)
  })
})

describe('anyMatcher', () => {
  it('is false for an empty list', () => {
    expect(anyMatcher([], { dot: true })('anything')).toBe(false)
  })

  it('is true when any glob matches', () => {
    const match = anyMatcher(['*.css', 'assets/**'], { dot: false })
    expect([match('a/b.css'), match('assets/x.js'), match('x.js')]).toEqual([true, true, false])
  })
})

describe('anyMatcher agrees with picomatch glob by glob (its one-regex and file-name shortcuts)', () => {
  const globs = [
    ...SECRET_GLOBS,
    ...DEFAULT_METADATA,
    ...IMMUTABLE_DIRECTORIES,
    '**',
    '*',
    'assets/**',
    '**/*.{js,css}',
    'docs/*.md',
    '!(*.map)',
    'a?c.txt',
    '[ab].txt',
    '*.xml.gz',
    '*.HTML',
    'sw.js',
    '.',
    '*..',
  ]
  const keys = [
    'index.html',
    'a/b/index.html',
    '.env',
    'conf/.env',
    'conf/.env.local',
    'prod.env',
    '.git/config',
    'x/.git/HEAD',
    '.well-known/security.txt',
    'x/.well-known/a',
    'server.pem',
    'keys/id_rsa',
    'keys/id_rsa.pub',
    'sitemap.xml',
    'sitemap-1.xml.gz',
    'blog/feed.xml',
    'repo/dists/stable/Release',
    'repo/dists/stable/main/binary-amd64/Packages.gz',
    '_next/static/chunks/app.js',
    'x/_app/immutable/a.js',
    'assets/app-1a2b3c4d.js',
    'docs/a.md',
    'docs/sub/a.md',
    'app.js.map',
    'abc.txt',
    'a.txt',
    '.hidden/page.html',
    'dir.html/file',
    'Packages',
    'sub/Packages',
    // plain names and extensions, at any depth and next to near misses
    '.html',
    'x/.html',
    '..html',
    'a.b.html',
    'A.HTML',
    'html',
    'deep/dir/sw.js',
    'xsw.js',
    'sw.js.map',
    'robots.txt.bak',
    'feed.xml.gz',
    'x/feed.xml.gz',
    '.xml.gz',
    'index.html/x',
  ]
  const reference = (glob: string, dot: boolean) =>
    picomatch(glob.includes('/') ? glob : `**/${glob}`, { dot, strictBrackets: true })

  it.each(globs.flatMap((glob) => [true, false].map((dot) => [glob, dot] as const)))(
    '%s (dot: %s): same verdict on every sample key',
    (glob, dot) => {
      const ours = anyMatcher([glob], { dot })
      const theirs = reference(glob, dot)
      const differ = keys.filter((key) => ours(key) !== theirs(key) && key !== glob)
      expect(differ).toEqual([])
    },
  )

  it('all the secret globs at once: the same as testing them one by one', () => {
    const ours = anyMatcher(SECRET_GLOBS, { dot: true })
    for (const key of keys)
      expect(ours(key), key).toBe(SECRET_GLOBS.some((glob) => reference(glob, true)(key)))
  })
})

describe('splitList', () => {
  it.each([
    ['', false, []],
    ['a', false, ['a']],
    ['a\nb', false, ['a', 'b']],
    ['  a  \n\n  b\t', false, ['a', 'b']],
    ['# comment\na\n  # indented comment\nb', false, ['a', 'b']],
    ['a,b\nc', false, ['a,b', 'c']],
    ['a, b\nc,,d', true, ['a', 'b', 'c', 'd']],
    ['a\r\nb\r\n', false, ['a', 'b']],
    ['a#b', false, ['a#b']],
  ])('%j (commas: %s) -> %j', (value, commas, expected) => {
    expect(splitList(value, commas)).toEqual(expected)
  })
})

describe('namesFilesExplicitly', () => {
  it.each([
    ['*.pem', true],
    ['**/*.pem', true],
    ['server.key', true],
    ['deploy/id_rsa', true],
    ['.htaccess', true],
    ['**', false],
    ['*', false],
    ['?', false],
    ['assets/**', false],
    ['a/*', false],
    ['**/*', false],
  ])('%j -> %s', (glob, expected) => {
    expect(namesFilesExplicitly(glob)).toBe(expected)
  })
})

// The invalidation planner: which URL paths a deploy purges, table by table.
import { describe, expect, it } from 'vitest'
import {
  basePath,
  encodeSegment,
  estimatedCostUsd,
  MAX_WILDCARDS,
  pathsForKey,
  planInvalidation,
  urlPathOf,
} from '../../src/core/invalidation.js'

const site = [
  'index.html',
  'about/index.html',
  'blog/index.html',
  'blog/2024/first/index.html',
  'blog/2024/second/index.html',
  'assets/app.1a2b3c4d.js',
  'assets/app.css',
  'img/a.png',
  'img/b.png',
  'img/c.png',
  'docs/a b.html',
  'docs/c++ (1).txt',
  'docs/100%.txt',
  'docs/café.html',
  'docs/star*.txt',
]

function plan(changed: string[], options: Partial<Parameters<typeof planInvalidation>[0]> = {}) {
  return planInvalidation({
    changed,
    all: site,
    prefix: '',
    originPath: '',
    directoryIndexes: true,
    budget: 15,
    ...options,
  })
}

describe('planInvalidation: which paths', () => {
  it.each([
    ['a single file', ['assets/app.css'], ['/assets/app.css']],
    ['the root index also purges /', ['index.html'], ['/', '/index.html']],
    [
      'an index at depth purges its directory URLs',
      ['about/index.html'],
      ['/about', '/about/', '/about/index.html'],
    ],
    [
      'a deep index',
      ['blog/2024/first/index.html'],
      ['/blog/2024/first', '/blog/2024/first/', '/blog/2024/first/index.html'],
    ],
    ['a removed file is just a key like the others', ['img/a.png'], ['/img/a.png']],
    ['spaces are %20', ['docs/a b.html'], ['/docs/a%20b.html']],
    ['+ and parentheses stay as browsers send them', ['docs/c++ (1).txt'], ['/docs/c++%20(1).txt']],
    ['% is %25', ['docs/100%.txt'], ['/docs/100%25.txt']],
    ['non-ASCII as UTF-8 bytes', ['docs/café.html'], ['/docs/caf%C3%A9.html']],
    ['a literal * is not a wildcard', ['docs/star*.txt'], ['/docs/star%2A.txt']],
    ['no change, no path', [], []],
  ])('%s', (_name, changed, expected) => {
    expect(plan(changed).paths).toEqual(expected)
  })

  it('without directory indexes, an index.html below the root is only itself', () => {
    expect(plan(['about/index.html'], { directoryIndexes: false }).paths).toEqual([
      '/about/index.html',
    ])
    expect(plan(['index.html'], { directoryIndexes: false }).paths).toEqual(['/', '/index.html'])
  })

  it('takes the origin path off, and skips keys the distribution does not serve', () => {
    expect(urlPathOf('a/b.html', 'site', '/site')).toBe('/a/b.html')
    expect(urlPathOf('x.html', 'site/previews/pr-1', '/site')).toBe('/previews/pr-1/x.html')
    expect(urlPathOf('x.html', 'other', '/site')).toBeUndefined()
    expect(urlPathOf('x.html', 'site2', '/site')).toBeUndefined()
    expect(
      plan(['index.html', 'about/index.html'], {
        prefix: 'site',
        originPath: '/site',
        all: ['index.html', 'about/index.html', 'x.css'],
      }).paths,
    ).toEqual(['/', '/about', '/about/', '/about/index.html', '/index.html'])
  })

  it('is sorted and de-duplicated whatever the order of the changes', () => {
    const a = plan(['img/a.png', 'about/index.html', 'img/a.png', 'assets/app.css'])
    const b = plan(['assets/app.css', 'img/a.png', 'about/index.html'])
    expect(a.paths).toEqual(b.paths)
    expect(a.paths).toEqual([...a.paths].sort())
    expect(a.objects).toBe(3)
  })
})

describe('planInvalidation: wildcards', () => {
  it('a directory all of whose files changed is one wildcard', () => {
    expect(plan(['img/a.png', 'img/b.png', 'img/c.png']).paths).toEqual(['/img/*'])
  })

  it('everything changed is one wildcard at the base', () => {
    expect(plan(site)).toMatchObject({ paths: ['/*'], objects: site.length })
    expect(plan(site, { prefix: 'site/previews/pr-7', originPath: '/site' }).paths).toEqual([
      '/previews/pr-7/*',
    ])
  })

  it.each([
    [
      'budget 7: within budget, only the deepest exact cover',
      7,
      false,
      ['/blog/2024/*', '/blog/index.html', '/img/a.png', '/img/b.png']
        .concat(['/blog', '/blog/'])
        .sort(),
    ],
    [
      'budget 4: the deepest directory collapses first',
      4,
      true,
      ['/blog*', '/img/a.png', '/img/b.png'],
    ],
    ['budget 2: then the next one', 2, true, ['/blog*', '/img/*']],
    ['budget 1: everything', 1, true, ['/*']],
  ])('%s', (_name, budget, collapsed, expected) => {
    // all of blog/2024/ changed, blog/ has other files, img/c.png did not change
    const all = [...site, 'blog/other.html']
    const changed = [
      'blog/2024/first/index.html',
      'blog/2024/second/index.html',
      'blog/index.html',
      'img/a.png',
      'img/b.png',
    ]
    const result = plan(changed, { budget, all })
    expect(result.paths).toEqual(expected)
    expect(result.paths.length).toBeLessThanOrEqual(budget)
    expect(result.collapsed).toBe(collapsed)
  })

  it('a fully changed directory with an index takes its bare URL into one wildcard', () => {
    expect(
      plan(['blog/index.html', 'blog/2024/first/index.html', 'blog/2024/second/index.html']).paths,
    ).toEqual(['/blog*'])
  })

  it('never more paths than the budget, never more than 15 wildcards, and every change covered', () => {
    const many = Array.from({ length: 400 }, (_, i) => `d${i % 40}/sub${i % 7}/f${i}.js`)
    for (const budget of [1, 5, 15, 100, 3000]) {
      const { paths } = planInvalidation({
        changed: many.slice(0, 300),
        all: many,
        prefix: '',
        originPath: '',
        directoryIndexes: true,
        budget,
      })
      expect(paths.length).toBeLessThanOrEqual(budget)
      expect(paths.filter((p) => p.endsWith('*')).length).toBeLessThanOrEqual(MAX_WILDCARDS)
      for (const key of many.slice(0, 300)) {
        const covered = paths.some((p) =>
          p.endsWith('*') ? `/${key}`.startsWith(p.slice(0, -1)) : p === `/${key}`,
        )
        expect(covered, `${key} with budget ${budget}`).toBe(true)
      }
    }
  })
})

describe('helpers', () => {
  it('encodeSegment, pathsForKey, basePath, cost', () => {
    expect(encodeSegment('a b+c%d*é')).toBe('a%20b+c%25d%2A%C3%A9')
    expect(pathsForKey('index.html', '', '', false)).toEqual(['/index.html', '/'])
    expect(basePath('', '')).toBe('/')
    expect(basePath('site', '/site')).toBe('/')
    expect(basePath('site/previews/pr-1', '/site')).toBe('/previews/pr-1/')
    expect(basePath('docs', '')).toBe('/docs/')
    expect(estimatedCostUsd(15)).toBe(0.075)
  })
})

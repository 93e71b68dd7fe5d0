import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SiteFileError } from '../../src/core/site/site-file-error.js'
import { MAX_RULE_BYTES, readSiteRules, siteRootOf } from '../../src/deploy/site.js'

const preview = (enabled: boolean) => ({
  enabled,
  template: 'previews/pr-{number}',
  root: 'previews',
  domain: undefined,
  maxAgeMs: 0,
})

describe('siteRootOf', () => {
  it.each([
    ['', '', false, '/'],
    ['site', 'site', false, '/'],
    ['site/previews/pr-7', 'site', true, '/previews/pr-7/'],
    ['previews/pr-7', '', true, '/previews/pr-7/'],
    ['releases/v1', 'releases', false, undefined],
    ['site/previews/pr-7/deeper', 'site', true, undefined],
  ])('prefix %j (base %j, preview %s): %j', (prefix, basePrefix, enabled, expected) => {
    expect(siteRootOf({ prefix, basePrefix, preview: preview(enabled) })).toBe(expected)
  })
})

describe('readSiteRules', () => {
  const dirs: string[] = []
  afterAll(() => Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }))))
  async function build(files: Record<string, string>) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'site-rules-'))
    dirs.push(dir)
    for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(dir, name), text)
    return { dir, keys: new Set(Object.keys(files)) }
  }

  it('reads both files into what the edge reads', async () => {
    const { dir, keys } = await build({
      _redirects: '/old/*  /new/:splat  301\n/app/*  /index.html  200\n',
      _headers: "/*\n  Content-Security-Policy: default-src 'self'\n",
    })
    const rules = await readSiteRules(dir, keys)
    expect(rules.present).toEqual(['_redirects', '_headers'])
    expect(rules.redirects).toEqual([
      ['/old/*', '/new/:splat', 301, false],
      ['/app/*', '/index.html', 200, false],
    ])
    expect(rules.headers).toHaveLength(1)
    expect(new RegExp(rules.headers[0]![0], 'i').test('/any/page')).toBe(true)
    expect(rules.headers[0]![1]).toEqual([['content-security-policy', "default-src 'self'"]])
  })

  it('a file in the build but not named among the keys (excluded) is not read', async () => {
    const { dir } = await build({ _redirects: 'not a rule at all' })
    expect((await readSiteRules(dir, new Set())).present).toEqual([])
  })

  it('a bad line fails with the file and line', async () => {
    const { dir, keys } = await build({ _redirects: '# ok\n/a /b 301\n/c /d 404\n' })
    const error = await readSiteRules(dir, keys).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SiteFileError)
    expect((error as Error).message).toContain('_redirects:3:')
  })

  it('rules past what the edge can read per request are refused at the line that crosses', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `/old-page-${i}  /new-page-${i}  301`)
    const { dir, keys } = await build({ _redirects: lines.join('\n') })
    const error = await readSiteRules(dir, keys).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SiteFileError)
    const line = (error as SiteFileError).problems[0]!.line
    const size = (n: number) =>
      2 +
      lines
        .slice(0, n)
        .reduce(
          (sum, _l, i) =>
            sum + JSON.stringify([`/old-page-${i}`, `/new-page-${i}`, 301, false]).length + 1,
          0,
        )
    expect(size(line)).toBeGreaterThan(MAX_RULE_BYTES)
    expect(size(line - 1)).toBeLessThanOrEqual(MAX_RULE_BYTES)
  })
})

// The walk under the project's policy (src/local/walk.ts): fast-glob reads the tree, but names with
// line breaks (which fast-glob's own matcher drops silently) are refused by name, links are followed
// only inside the source, loops end, directories the filter does not enter are never read, and the
// hasher gets files while directories are still being read.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { PreflightError } from '../../src/core/errors.js'
import { compileFilter, type FilterSpec } from '../../src/core/filter.js'
import type { Hasher } from '../../src/local/hasher.js'
import { selectFiles } from '../../src/local/scan.js'

let base: string
let outside: string
let count = 0

beforeAll(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-publish-walk-')))
  outside = path.join(base, 'outside')
  fs.mkdirSync(path.join(outside, 'dir'), { recursive: true })
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'not yours')
  fs.writeFileSync(path.join(outside, 'dir/inner.txt'), 'not yours either')
})
afterAll(() => fs.rmSync(base, { recursive: true, force: true }))
afterEach(() => vi.restoreAllMocks())

/** A fresh source directory with these files (content = name) and symbolic links (name -> target). */
function site(files: string[], links: Record<string, string> = {}): string {
  const dir = path.join(base, `site-${++count}`)
  fs.mkdirSync(dir)
  for (const name of files) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), name)
  }
  for (const [name, target] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.symlinkSync(target, path.join(dir, name))
  }
  return dir
}

const filter = (spec: Partial<FilterSpec> = {}) =>
  compileFilter({ include: ['**'], exclude: [], ...spec })
const keys = async (dir: string, spec: Partial<FilterSpec> = {}) =>
  (await selectFiles(dir, filter(spec))).found.map((f) => f.key)
const failure = (dir: string, spec: Partial<FilterSpec> = {}) =>
  selectFiles(dir, filter(spec)).then(
    () => undefined,
    (error: unknown) => error as Error,
  )

describe('names fast-glob would drop', () => {
  it.each([
    ['LF', 'a\nb.html', '"a\\nb.html"', 'U+000A'],
    ['CR', 'a\rb.html', '"a\\rb.html"', 'U+000D'],
    ['U+2028', 'a\u2028b.html', '"a\\u2028b.html"', 'U+2028'],
    ['U+2029', 'sub/a\u2029b.html', '"sub/a\\u2029b.html"', 'U+2029'],
    ['LF in a hidden name', '.x\n::error::y', '".x\\n::error::y"', 'U+000A'],
  ])('a name with %s is refused, named escaped', async (_, name, shown, code) => {
    const dir = site(['index.html', name])
    const error = await failure(dir)
    expect(error).toBeInstanceOf(PreflightError)
    expect(error!.message).toContain(`The name ${shown} in the source holds ${code}`)
    expect(error!.message).not.toMatch(/[\n\r\u2028\u2029]/)
  })

  it('a directory whose name holds a line break is refused by its name, empty or not', async () => {
    const dir = site(['index.html', 'a\nb/page.html'])
    fs.mkdirSync(path.join(dir, 'empty\rdir'))
    const error = await failure(dir)
    expect(error).toBeInstanceOf(PreflightError)
    expect(error!.message).toMatch(/The name "(a\\nb|empty\\rdir)" in the source holds U\+000[AD]/)
    fs.rmSync(path.join(dir, 'a\nb'), { recursive: true })
    expect((await failure(dir))!.message).toContain('"empty\\rdir"')
  })

  it('an excluded name with a line break, or one inside a directory the walk does not enter, is not refused', async () => {
    const dir = site(['index.html', 'junk/a\nb.txt', '.cache/c\nd.txt', '.cdn-publish/e\nf'])
    expect(await keys(dir, { exclude: ['junk/**'] })).toEqual(['index.html'])
  })

  it('a file in a directory excluded by its name alone carries that name, and is refused', async () => {
    for (const [dirName, code] of [
      ['a\nb', 'U+000A'],
      ['a\tb', 'U+0009'],
    ]) {
      const dir = site(['index.html', `${dirName}/f.txt`])
      // `a?b` excludes the directory, not what is in it; `a?b/**` excludes both.
      const error = await failure(dir, { exclude: ['a?b'] })
      expect(error).toBeInstanceOf(PreflightError)
      expect(error!.message).toContain(
        `${JSON.stringify(`${dirName}/f.txt`)} in the source holds ${code}`,
      )
      expect(await keys(dir, { exclude: ['a?b/**'] })).toEqual(['index.html'])
    }
  })

  it('names with glob syntax are files like any other (fast-glob is given no pattern of theirs)', async () => {
    const names = ['[x]*{a,b}.txt', '!(neg).txt', 'back\\slash.txt', '**', 'a?b/+(c).txt']
    const dir = site(['index.html', ...names])
    expect(await keys(dir)).toEqual([...names, 'index.html'].sort())
  })
})

describe('symbolic links', () => {
  it('a link to a file or a directory outside the source is refused, by name and target', async () => {
    for (const [name, target] of [
      ['leak.txt', path.join(outside, 'secret.txt')],
      ['shared', path.join(outside, 'dir')],
      ['up', '..'],
      ['root', '/'],
    ] as const) {
      const dir = site(['index.html'], { [name]: target })
      const error = await failure(dir)
      expect(error, name).toBeInstanceOf(PreflightError)
      expect(error!.message).toContain(
        `The symbolic link "${name}" in the source points outside it`,
      )
      expect(error!.message).toContain(fs.realpathSync(path.join(dir, name)))
    }
  })

  it('a chain of links is judged by where it ends: inside followed, outside refused', async () => {
    const dir = site(['index.html', 'real/data.txt'], {
      'real/out': path.join(outside, 'dir'),
      'via-real': 'real/out',
    })
    // Out of the source by its path, back in by its real target.
    fs.symlinkSync(path.join('..', path.basename(dir), 'index.html'), path.join(dir, 'back.txt'))
    const error = await failure(dir)
    expect(error!.message).toMatch(
      /The symbolic link "(real\/out|via-real)" in the source points outside it/,
    )
    const selection = await selectFiles(dir, filter({ exclude: ['real/out', 'via-real'] }))
    expect(selection.found.map((f) => [f.key, f.path])).toEqual([
      ['back.txt', path.join(dir, 'index.html')],
      ['index.html', path.join(dir, 'index.html')],
      ['real/data.txt', path.join(dir, 'real/data.txt')],
    ])
  })

  it('a link outside that the filter would not publish (a file not included, an excluded directory, one in a hidden directory) is left alone, and nothing outside is read', async () => {
    const dir = site(['index.html', 'assets/app.js'], {
      'leak.txt': path.join(outside, 'secret.txt'),
      shared: path.join(outside, 'dir'),
      '.hidden/out': path.join(outside, 'dir'),
    })
    const read = vi.spyOn(fs, 'readdir')
    const selection = await selectFiles(
      dir,
      filter({ include: ['assets/**', 'index.html'], exclude: ['shared/**'] }),
    )
    expect(selection.found.map((f) => f.key)).toEqual(['assets/app.js', 'index.html'])
    expect(selection.skipped.map((s) => s.key)).not.toContain('leak.txt')
    const dirs = read.mock.calls.map((call) => String(call[0]))
    expect(dirs.filter((d) => !d.startsWith(dir))).toEqual([])
  })

  it('a dangling link or a link to itself is refused when it would be published, left alone when excluded', async () => {
    const dir = site(['index.html'], { 'broken.html': 'missing.html', 'self.html': 'self.html' })
    expect((await failure(dir))!.message).toMatch(
      /The symbolic link "(broken|self)\.html" in the source points to nothing/,
    )
    expect(await keys(dir, { exclude: ['broken.html', 'self.html'] })).toEqual(['index.html'])
  })

  it('loops end: links to the directory itself, to the source, three levels up, and between siblings', async () => {
    const dir = site(['index.html', 'a/b/c/deep.txt', 'x/1.txt', 'y/2.txt'], {
      'a/self': '.',
      'a/b/c/top': '../../..',
      'a/b/c/parent': '..',
      'x/to-y': '../y',
      'y/to-x': '../x',
    })
    expect(await keys(dir)).toEqual([
      'a/b/c/deep.txt',
      'index.html',
      'x/1.txt',
      'x/to-y/2.txt',
      'y/2.txt',
      'y/to-x/1.txt',
    ])
  })

  it('a link to a sibling directory publishes it under both names, links inside it included', async () => {
    const dir = site(['lib/v1/a.js', 'lib/v1/b.js'], {
      'lib/latest': 'v1',
      'lib/v1/index.js': 'a.js',
      current: 'lib/latest',
    })
    const selection = await selectFiles(dir, filter())
    expect(selection.found.map((f) => [f.key, path.relative(dir, f.path)])).toEqual([
      ['current/a.js', 'lib/v1/a.js'],
      ['current/b.js', 'lib/v1/b.js'],
      ['current/index.js', 'lib/v1/a.js'],
      ['lib/latest/a.js', 'lib/v1/a.js'],
      ['lib/latest/b.js', 'lib/v1/b.js'],
      ['lib/latest/index.js', 'lib/v1/a.js'],
      ['lib/v1/a.js', 'lib/v1/a.js'],
      ['lib/v1/b.js', 'lib/v1/b.js'],
      ['lib/v1/index.js', 'lib/v1/a.js'],
    ])
  })
})

describe('what the walk reads', () => {
  it('directories the filter does not enter are never read: hidden ones, the state, previews', async () => {
    const dir = site([
      'index.html',
      '.well-known/security.txt',
      '.git/objects/ab/cdef',
      'docs/.cache/x.json',
      '.cdn-publish/state.json',
      'pr/1/index.html',
      'docs/page.html',
    ])
    const read = vi.spyOn(fs, 'readdir')
    const selection = await selectFiles(dir, filter({ protect: ['pr'] }))
    expect(selection.found.map((f) => f.key)).toEqual([
      '.well-known/security.txt',
      'docs/page.html',
      'index.html',
    ])
    const dirs = read.mock.calls.map((call) => path.relative(dir, String(call[0]))).sort()
    expect(dirs).toEqual(['', '.well-known', 'docs'])
  })

  it('an include that names a hidden directory opens hidden directories', async () => {
    const dir = site(['index.html', '.github/x.yml', 'a/.b/c.txt'])
    const selection = await selectFiles(dir, filter({ include: ['.github/**', 'index.html'] }))
    expect(selection.found.map((f) => f.key)).toEqual(['.github/x.yml', 'index.html'])
    // Read, and left out by the filter (not by the walk).
    expect(selection.skipped).toEqual([{ key: 'a/.b/c.txt', verdict: 'hidden' }])
  })

  it('feeds the hasher while directories are still being read', async () => {
    const files: string[] = []
    for (let d = 0; d < 40; d++) for (let f = 0; f < 10; f++) files.push(`d${d}/f${f}.txt`)
    const dir = site(files)
    let added = 0
    const addedAtRead: number[] = []
    const original = fs.readdir
    vi.spyOn(fs, 'readdir').mockImplementation((...args: Parameters<typeof fs.readdir>) => {
      addedAtRead.push(added)
      return original.apply(fs, args)
    })
    const hasher = { add: () => added++ } as unknown as Hasher
    const selection = await selectFiles(dir, filter(), hasher)
    expect(selection.found).toHaveLength(400)
    expect(added).toBe(400)
    expect(addedAtRead).toHaveLength(41)
    // The last directory is read after files of the first ones were handed over.
    expect(addedAtRead.at(-1)).toBeGreaterThan(0)
  })
})

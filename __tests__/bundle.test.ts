// scripts/bundle.mjs, run in two copies of the repository at different absolute paths (src/, the
// script, package.json, tsconfig.json; node_modules hard-linked): the same bytes; a change in one
// source file renames no chunk and changes only the chunk that holds it; licenses.txt names every
// package the metafile says was bundled; every script has a source map with relative sources; and an
// error thrown in the action, run as the runner runs it (`node dist/index.js`, no flags), has a stack
// naming src/ lines.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
let tmp: string
let a: string // built once, with its metafile
let b: string // deeper, so every absolute path differs in length too
let metafile: { inputs: Record<string, unknown>; outputs: Record<string, { inputs: object }> }

/** Copy what a build reads from `from` (the repository, or a copy of it, so that both copies hold
 * the same sources while others edit the work tree). */
function copyRepo(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true })
  for (const f of ['src', 'package.json', 'tsconfig.json', 'scripts/bundle.mjs'])
    fs.cpSync(path.join(from, f), path.join(to, f), { recursive: true })
  // Hard links: a copy of node_modules in well under a second. Not a symlink, which esbuild would
  // resolve back to the repository's path.
  const link = spawnSync('cp', ['-al', path.join(from, 'node_modules'), to])
  if (link.status !== 0)
    fs.cpSync(path.join(from, 'node_modules'), path.join(to, 'node_modules'), { recursive: true })
}

function bundle(dir: string, ...args: string[]): void {
  const r = spawnSync(process.execPath, ['scripts/bundle.mjs', ...args], {
    cwd: dir,
    encoding: 'utf8',
  })
  expect(r.stderr + r.stdout, 'bundle.mjs').toBe('')
  expect(r.status).toBe(0)
}

/** Every file under dir, relative, sorted, with its bytes. */
function tree(dir: string): Map<string, Buffer> {
  const files = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
  const rel = files.map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort()
  return new Map(rel.map((r) => [r, fs.readFileSync(path.join(dir, r))]))
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-publish-bundle-'))
  a = path.join(tmp, 'a')
  b = path.join(tmp, 'cloned', 'somewhere', 'else', 'b')
  copyRepo(repo, a)
  copyRepo(a, b)
  bundle(a, '--metafile', path.join(tmp, 'meta.json'))
  bundle(b)
  metafile = JSON.parse(fs.readFileSync(path.join(tmp, 'meta.json'), 'utf8'))
}, 120_000)
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

describe('dist/', () => {
  it('the same bytes from the same sources in clones at different paths, with no absolute path in it', () => {
    const one = tree(path.join(a, 'dist'))
    const two = tree(path.join(b, 'dist'))
    expect([...two.keys()]).toEqual([...one.keys()])
    for (const [name, bytes] of one) expect(two.get(name)!.equals(bytes), name).toBe(true)
    for (const [name, bytes] of one) expect(bytes.includes(tmp), name).toBe(false)
    expect([...one.keys()]).toEqual(
      expect.arrayContaining(['index.js', 'main.js', 'hash-worker.js', 'licenses.txt']),
    )
  })

  it('every script has a linked source map, its sources relative and our src/ files among them', () => {
    const dist = path.join(a, 'dist')
    const scripts = [...tree(dist).keys()].filter((f) => f.endsWith('.js'))
    const sources = new Set<string>()
    for (const js of scripts) {
      const text = fs.readFileSync(path.join(dist, js), 'utf8')
      expect(text.trimEnd().endsWith(`//# sourceMappingURL=${path.basename(js)}.map`), js).toBe(
        true,
      )
      const map = JSON.parse(fs.readFileSync(path.join(dist, `${js}.map`), 'utf8'))
      for (const s of map.sources as string[]) {
        // Relative, so they hold in any clone; our own exist (a package's may name its TypeScript
        // sources, which esbuild reads from the package's own maps but npm does not ship).
        expect(path.isAbsolute(s), `${js}: ${s}`).toBe(false)
        const source = path.relative(a, path.resolve(path.dirname(path.join(dist, js)), s))
        if (source.startsWith('src/'))
          expect(fs.existsSync(path.join(a, source)), `${js}: ${s}`).toBe(true)
        sources.add(source)
      }
    }
    expect(sources).toContain('src/main.ts')
    expect(sources).toContain('src/local/hash-worker.ts')
    expect(sources).toContain('src/core/text.ts')
  })
})

/** licenses.txt as package id (name@version) -> its section's text: the lines after the names. */
function licenceSections(text: string): Map<string, string> {
  const sections = new Map<string, string>()
  for (const section of text.split(`\n${'='.repeat(80)}\n`).slice(1)) {
    const lines = section.split('\n')
    const names = lines.findIndex((l) => !/^\S+@\S+ \(.*\)$/.test(l))
    for (const name of lines.slice(0, names))
      sections.set(name.replace(/ \(.*\)$/, ''), lines.slice(names).join('\n'))
  }
  return sections
}

/** The packages of `expected` (id -> directory) that `text` leaves out or gives no text (headers aside). */
function missingLicences(expected: Map<string, string>, text: string): string[] {
  const sections = licenceSections(text)
  return [...expected.keys()].filter(
    (id) =>
      !sections
        .get(id)
        ?.replace(/^--- .*$/gm, '')
        .trim(),
  )
}

describe('dist/licenses.txt', () => {
  // The packages bundled, found here from the metafile's inputs: the directory after the last
  // node_modules/ of each input (two segments for a @scope), named by its package.json.
  function bundledPackages(): Map<string, string> {
    const packages = new Map<string, string>()
    for (const input of Object.keys(metafile.inputs)) {
      const at = input.lastIndexOf('node_modules/')
      if (at < 0) continue
      const [first, second] = input.slice(at + 'node_modules/'.length).split('/')
      const dir = path.join(
        a,
        input.slice(0, at),
        'node_modules',
        first!,
        first!.startsWith('@') ? second! : '',
      )
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
      packages.set(`${pkg.name}@${pkg.version}`, dir)
    }
    return packages
  }

  it('names every bundled package, with each licence and notice file it ships, verbatim', () => {
    const text = fs.readFileSync(path.join(a, 'dist', 'licenses.txt'), 'utf8')
    const expected = bundledPackages()
    expect(expected.size).toBeGreaterThan(20) // the AWS SDK, Octokit, undici, mime-db, ...
    expect([...expected.values()]).toContain(path.join(a, 'node_modules', '@aws-sdk', 'client-s3'))
    expect(missingLicences(expected, text)).toEqual([])
    expect([...licenceSections(text).keys()].sort()).toEqual([...expected.keys()].sort())
    const sections = licenceSections(text)
    for (const [id, dir] of expected) {
      const shipped = fs.readdirSync(dir).filter((n) => /^(licen[cs]e|copying|notice)/i.test(n))
      for (const n of shipped) {
        const file = fs.readFileSync(path.join(dir, n), 'utf8').trim()
        expect(sections.get(id), `${id}: ${n}`).toContain(`--- ${n}\n${file}`)
      }
      if (shipped.length === 0)
        expect(sections.get(id), id).toMatch(
          /^\(The package ships no licence file; its package\.json declares: \S/,
        )
    }
  })

  it('the check finds a package left out of the list', () => {
    const text = fs.readFileSync(path.join(a, 'dist', 'licenses.txt'), 'utf8')
    const expected = bundledPackages()
    const dropped =
      'mime-db@' +
      JSON.parse(fs.readFileSync(path.join(a, 'node_modules/mime-db/package.json'), 'utf8')).version
    expect(expected.has(dropped)).toBe(true)
    const line = text.split('\n').find((l) => l.startsWith(`${dropped} (`))!
    const without = text.replace(`${line}\n`, '')
    expect(without).not.toBe(text)
    expect(missingLicences(expected, without)).toEqual([dropped])
  })
})

describe('chunk names', () => {
  it('a change in src/core/text.ts renames no chunk and changes only the chunk that holds it', () => {
    const holder = Object.entries(metafile.outputs).find(
      ([out]) => out.endsWith('.js') && 'src/core/text.ts' in metafile.outputs[out]!.inputs,
    )![0]
    expect(holder).toMatch(/^dist\/chunks\//)
    const textTs = path.join(b, 'src', 'core', 'text.ts')
    const source = fs.readFileSync(textTs, 'utf8')
    const changed = source.replace('return `U+${', 'return `V+${') // same length: no column moves
    expect(changed).not.toBe(source)
    fs.writeFileSync(textTs, changed)
    bundle(b)
    const before = tree(path.join(a, 'dist'))
    const after = tree(path.join(b, 'dist'))
    expect([...after.keys()]).toEqual([...before.keys()])
    const differ = [...before]
      .filter(([name, bytes]) => !after.get(name)!.equals(bytes))
      .map(([n]) => n)
    expect(differ).toEqual([path.relative('dist', holder)])
    fs.writeFileSync(textTs, source)
  }, 120_000)
})

describe('source maps at run time', () => {
  it("node dist/index.js, no flags: an error thrown in the action has a stack of src/ lines, a lazy chunk's too", () => {
    // b's action replaced by one that throws on line 5 from inside src/core/text.ts's quoted(),
    // imported lazily (so a chunk loaded late); index.ts and the bundle as they are.
    const stub = [
      'export async function run(): Promise<void> {',
      "  const { quoted } = await import('./core/text.js')",
      '  const text = {',
      '    replace(): never {',
      "      throw new Error('boom')",
      '    },',
      '  }',
      '  quoted(text as unknown as string)',
      '}',
    ]
    fs.writeFileSync(path.join(b, 'src', 'main.ts'), stub.join('\n') + '\n')
    bundle(b)
    expect(fs.readdirSync(path.join(b, 'dist', 'chunks'))).toContainEqual(
      expect.stringMatching(/^text-/),
    )
    const r = spawnSync(process.execPath, ['dist/index.js'], {
      cwd: b,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('Error: boom')
    expect(r.stderr).toContain(`(${path.join(b, 'src', 'main.ts')}:5:13)`)
    expect(r.stderr).toMatch(
      new RegExp(`at quoted \\(${path.join(b, 'src', 'core', 'text')}\\.ts:\\d+:\\d+\\)`),
    )
    expect(r.stderr).toContain(`at run (${path.join(b, 'src', 'main.ts')}:8:3)`)
    expect(r.stderr).not.toContain(path.join(b, 'dist', 'main.js'))
    expect(r.stderr).not.toContain(path.join(b, 'dist', 'chunks'))
  }, 120_000)
})

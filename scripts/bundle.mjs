// Bundle src/ into dist/ (or --outdir): dist/index.js is what the runner executes with node24; it turns
// source maps on and loads dist/main.js (the action); dist/hash-worker.js is the hash worker thread's
// script, beside main.js, where main.ts looks for it; dist/chunks/ holds what is loaded only when used
// (the S3 SDK and the MIME database during the walk of the source, the CloudFront SDK only when a
// distribution is involved), so a run's start-up compiles only what it needs. dist/licenses.txt carries
// the licence and notice files of every package bundled. --metafile PATH writes esbuild's metafile
// (the tests check licenses.txt against it).
//
// Reproducible: no timestamps, no absolute paths (everything is relative to the repository, wherever
// it is cloned), the same bytes from the same sources. A chunk is named after the modules it holds,
// not its content: esbuild's [hash] covers the names of the chunks a chunk imports, so a one-line
// change in src/core/text.ts renamed 8 of 17 chunks; now it renames none, and only the chunks whose
// code changed differ.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const { values: args } = parseArgs({
  options: { outdir: { type: 'string' }, metafile: { type: 'string' } },
})
const outdir = path.resolve(root, args.outdir ?? 'dist')

const result = await build({
  absWorkingDir: root,
  // main.ts is an entry of its own so that index.ts's import('./main.js') loads dist/main.js after
  // source maps are on, and main.ts's import.meta.url stays beside dist/hash-worker.js.
  entryPoints: ['src/index.ts', 'src/main.ts', 'src/local/hash-worker.ts'],
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20', // the oldest Node that runs it: the tests' (action.yml says node24)
  format: 'esm',
  minify: false,
  // Linked, so Node finds each map from its file's sourceMappingURL; no sourcesContent: src/ is in the
  // repository at the same commit and the packages at their locked versions, and the bundled SDK's
  // sources would make the maps 5.6 MB instead of 2.0 MB.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none', // the licences are in licenses.txt
  charset: 'utf8',
  logLevel: 'warning',
  write: false,
  metafile: true,
  banner: {
    js: "import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);",
  },
})

// Chunk names: esbuild's 8-character hash replaced by one of the same length (so no column of a
// source map moves) from what the chunk holds: its entry (a lazily imported module), else its modules'
// paths, else (esbuild's runtime helpers) its content. Files are rewritten in one pass, so a new name
// is never taken for an old one.
const renamed = new Map()
for (const [file, meta] of Object.entries(result.metafile.outputs)) {
  const m = /^(.*-)([A-Z2-7]{8})\.js$/.exec(path.basename(file))
  if (!m) continue
  const inputs = Object.keys(meta.inputs).sort()
  const what = meta.entryPoint ?? (inputs.length > 0 ? inputs.join('\n') : readOutput(file))
  const hash = createHash('sha256').update(what).digest()
  renamed.set(m[0], m[1] + base32(hash).slice(0, 8) + '.js')
}
if (new Set(renamed.values()).size !== renamed.size) throw new Error('two chunks got the same name')
const rename = (text) =>
  text.replace(/[\w-]+-[A-Z2-7]{8}\.js/g, (name) => renamed.get(name) ?? name)
const files = new Map()
for (const f of result.outputFiles) {
  files.set(rename(path.relative(outdir, f.path)), rename(f.text))
}
files.set('licenses.txt', licenses(Object.keys(result.metafile.inputs)))

await rm(outdir, { recursive: true, force: true })
for (const [rel, text] of [...files].sort()) {
  await mkdir(path.dirname(path.join(outdir, rel)), { recursive: true })
  await writeFile(path.join(outdir, rel), text)
}
if (args.metafile) await writeFile(args.metafile, rename(JSON.stringify(result.metafile, null, 1)))

function readOutput(file) {
  return result.outputFiles.find((f) => f.path === path.join(root, file)).text
}

/** RFC 4648 base32, the alphabet of esbuild's hashes. */
function base32(bytes) {
  let bits = ''
  for (const b of bytes) bits += b.toString(2).padStart(8, '0')
  return bits.replace(/.{5}/g, (five) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[parseInt(five, 2)])
}

/**
 * The licence text of each package whose files are in the bundle: its LICENSE/LICENCE/COPYING and
 * NOTICE files as shipped (Apache-2.0 section 4(d) asks for the NOTICE), or, when it ships none, the
 * licence its package.json declares. Packages whose files are identical share one section (the AWS
 * SDK's dozens of packages ship a few texts: 87 kB instead of ~330 kB). Sorted by name and version.
 */
function licenses(inputs) {
  const dirs = new Set()
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)
    if (m) dirs.add(m[1])
  }
  const byText = new Map()
  for (const dir of dirs) {
    const pkg = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'))
    const declared = pkg.license ?? pkg.licenses?.map((l) => l.type).join(' OR ') ?? 'none declared'
    const found = readdirSync(path.join(root, dir))
      .filter((n) => /^(licen[cs]e|copying|notice)([.\-_].*)?$/i.test(n))
      .sort()
    const body = found.map(
      (n) => `--- ${n}\n${readFileSync(path.join(root, dir, n), 'utf8').trim()}\n`,
    )
    const text =
      body.join('\n') ||
      `(The package ships no licence file; its package.json declares: ${declared}.)\n`
    byText.set(text, [...(byText.get(text) ?? []), `${pkg.name}@${pkg.version} (${declared})`])
  }
  const sections = [...byText].map(([text, names]) => names.sort(compare).join('\n') + '\n' + text)
  const intro = `cdn-publish bundles code from these ${dirs.size} packages into dist/. Each section names packages, then the licence and notice files they ship (identical files once).\n`
  return [intro, ...sections.sort(compare)].join(`\n${'='.repeat(80)}\n`)
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0
}

// node bench/precompress.mjs [--out bench/results]
//
// Issue 18's measurement: bytes a viewer downloads for one page load with `precompress: br, gzip`
// (the siblings the action makes: brotli quality 11, 9 above 1 MB; gzip level 9) against CloudFront's
// own compression, for a browser that takes br and one that takes only gzip.
//
// The benchmark site's files are random bytes (bench/site.mjs: nothing compresses, so that transfers
// are measured, not compression), so the page here is made of real text instead: the README rendered
// to HTML, this action's own bundle (dist/main.js) as the page's script, and Bootstrap's CSS, script
// and icon sprite, fetched with `npm pack` into a temporary directory (they are not kept in the repo).
//
// CloudFront's levels are not documented ("CloudFront compresses objects using the Gzip and Brotli
// compression formats"; files from 1,000 to 10,000,000 bytes only). It is modelled as gzip level 6
// (zlib's default) and brotli at quality 4 and 6, to show the range; a file over 10 MB is sent as is.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = process.argv.includes('--out')
  ? process.argv[process.argv.indexOf('--out') + 1]
  : path.join(root, 'bench', 'results')

/** A small Markdown-to-HTML rendering: enough for a page of realistic markup. */
function renderMarkdown(text) {
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const inline = (s) =>
    escape(s)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>')
  const out = []
  let code = false
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) {
      out.push(code ? '</code></pre>' : '<pre><code>')
      code = !code
    } else if (code) out.push(escape(line))
    else if (/^#{1,6} /.test(line)) {
      const level = line.indexOf(' ')
      out.push(`<h${level}>${inline(line.slice(level + 1))}</h${level}>`)
    } else if (/^\s*[-*] /.test(line)) out.push(`<li>${inline(line.replace(/^\s*[-*] /, ''))}</li>`)
    else if (line.startsWith('|'))
      out.push(`<tr><td>${inline(line).split('|').join('</td><td>')}</td></tr>`)
    else if (line.trim() !== '') out.push(`<p>${inline(line)}</p>`)
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cdn-publish</title><link rel="stylesheet" href="/css/bootstrap.min.css"></head><body><main class="container">\n${out.join('\n')}\n</main><script src="/js/bootstrap.bundle.min.js"></script><script type="module" src="/app.js"></script></body></html>\n`
}

function fetchPackage(spec, dir) {
  const file = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], {
    encoding: 'utf8',
  }).trim()
  const into = path.join(dir, spec.replace(/[@/]/g, '_'))
  fs.mkdirSync(into)
  execFileSync('tar', ['-xzf', path.join(dir, file), '-C', into])
  return path.join(into, 'package')
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'precompress-bench-'))
try {
  const bootstrap = fetchPackage('bootstrap@5.3.3', tmp)
  const icons = fetchPackage('bootstrap-icons@1.11.3', tmp)
  const page = [
    [
      'index.html',
      Buffer.from(renderMarkdown(fs.readFileSync(path.join(root, 'README.md'), 'utf8'))),
    ],
    ['css/bootstrap.min.css', fs.readFileSync(path.join(bootstrap, 'dist/css/bootstrap.min.css'))],
    [
      'js/bootstrap.bundle.min.js',
      fs.readFileSync(path.join(bootstrap, 'dist/js/bootstrap.bundle.min.js')),
    ],
    ['app.js', fs.readFileSync(path.join(root, 'dist/main.js'))],
    ['bootstrap-icons.svg', fs.readFileSync(path.join(icons, 'bootstrap-icons.svg'))],
  ]

  const brotli = (bytes, quality) =>
    brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: quality,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }).length
  const gzip = (bytes, level) => gzipSync(bytes, { level }).length
  // CloudFront compresses objects from 1,000 to 10,000,000 bytes.
  const cloudFront = (bytes, size) =>
    bytes.length < 1000 || bytes.length > 10_000_000 ? bytes.length : size

  const rows = page.map(([name, bytes]) => {
    const started = process.hrtime.bigint()
    const br11 = brotli(bytes, bytes.length <= 1024 * 1024 ? 11 : 9)
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    return {
      name,
      plain: bytes.length,
      ours: { br: br11, gzip: gzip(bytes, 9), brMs: ms },
      cloudFront: {
        br4: cloudFront(bytes, brotli(bytes, 4)),
        br6: cloudFront(bytes, brotli(bytes, 6)),
        gzip6: cloudFront(bytes, gzip(bytes, 6)),
      },
    }
  })
  const sum = (f) => rows.reduce((s, r) => s + f(r), 0)
  const kb = (n) => (n / 1024).toFixed(1)
  const pct = (a, b) => `${(((a - b) / b) * 100).toFixed(1)}%`
  const lines = [
    '# Precompressed assets: bytes per page load',
    '',
    `Measured ${new Date().toISOString()} with node ${process.version} (zlib ${process.versions.zlib}, brotli ${process.versions.brotli}). One page load: the five files below, first visit, nothing cached. CloudFront's compression levels are not documented; it is modelled as brotli quality 4 to 6 and gzip level 6 (see bench/precompress.mjs).`,
    '',
    '| file | plain KB | precompress br (q11) KB | CloudFront br q4 / q6 KB | precompress gzip (9) KB | CloudFront gzip 6 KB | brotli 11 time |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${kb(r.plain)} | ${kb(r.ours.br)} | ${kb(r.cloudFront.br4)} / ${kb(r.cloudFront.br6)} | ${kb(r.ours.gzip)} | ${kb(r.cloudFront.gzip6)} | ${r.ours.brMs.toFixed(0)} ms |`,
    ),
    `| **page** | ${kb(sum((r) => r.plain))} | **${kb(sum((r) => r.ours.br))}** | ${kb(sum((r) => r.cloudFront.br4))} / ${kb(sum((r) => r.cloudFront.br6))} | **${kb(sum((r) => r.ours.gzip))}** | ${kb(sum((r) => r.cloudFront.gzip6))} | ${sum((r) => r.ours.brMs).toFixed(0)} ms |`,
    '',
    `A browser that takes br downloads ${pct(
      sum((r) => r.ours.br),
      sum((r) => r.cloudFront.br4),
    )} against CloudFront at quality 4 and ${pct(
      sum((r) => r.ours.br),
      sum((r) => r.cloudFront.br6),
    )} against quality 6; one that takes only gzip, ${pct(
      sum((r) => r.ours.gzip),
      sum((r) => r.cloudFront.gzip6),
    )} against gzip level 6. A file over 10 MB (a large source map, a WebAssembly module) CloudFront sends uncompressed; its sibling is compressed like any other.`,
    '',
  ]
  fs.mkdirSync(outDir, { recursive: true })
  const out = path.join(outDir, `${new Date().toISOString().slice(0, 10)}-precompress.md`)
  fs.writeFileSync(out, lines.join('\n'))
  process.stdout.write(`${lines.join('\n')}\nWrote ${out}\n`)
} finally {
  fs.rmSync(tmp, { recursive: true, force: true })
}

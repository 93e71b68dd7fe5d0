// Bundle src/ into dist/: dist/index.js is what the runner executes with node24; dist/hash-worker.js is
// the hash worker thread's script; dist/chunks/ holds what is loaded only when used (the S3 SDK and
// the MIME database during the walk of the source, the CloudFront SDK only when a distribution is involved), so a run's start-up
// compiles only what it needs. Reproducible: no timestamps, no absolute paths, chunk names from their
// content, the same bytes from the same sources.
import { build } from 'esbuild'
import { rm } from 'node:fs/promises'

await rm('dist', { recursive: true, force: true })
await build({
  entryPoints: ['src/index.ts', 'src/local/hash-worker.ts'],
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);",
  },
})

// Re-render a results file (bench/results/<date>.json -> .md) with the current report code: the targets
// are evaluated again from the stored figures; nothing is measured.
//   node bench/render.mjs bench/results/2026-11-22.json
import fs from 'node:fs'
import { evaluateTargets, renderMarkdown } from './report.mjs'

const file = process.argv[2]
if (!file) throw new Error('usage: node bench/render.mjs RESULTS.json')
const results = JSON.parse(fs.readFileSync(file, 'utf8'))
results.targets = evaluateTargets(results)
fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n')
const markdown = renderMarkdown(results)
fs.writeFileSync(file.replace(/\.json$/, '.md'), markdown)
console.log(markdown)

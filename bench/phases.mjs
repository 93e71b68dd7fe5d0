// Where cdn-publish's wall time went in an interleaved run, from the `::group::` and `::debug::` lines kept
// in its results file (`timeline`: ms after spawn): the median over the chains of each phase, per size,
// scenario and variant.
//
//   node bench/phases.mjs bench/results/<stem>.json
//
// start: spawn to the Scan group; scan: the Scan group (the walk); hashed: spawn to the end of hashing,
// and hashing: the action's own "the scan and the hashing took" figure; compared: spawn to the end of the
// Compare group; uploads: the Upload groups; cloudfront: the CloudFront distribution group; end: the
// last line to the exit (the deploy state written, and any wait before it); CPU: user + system.
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'

const median = (xs) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b)
  return s.length ? s[(s.length - 1) >> 1] : undefined
}

/** The ms of the first line matching re, and of the endgroup that closes it. */
function group(timeline, re) {
  const at = timeline.findIndex(([, line]) => re.test(line))
  if (at < 0) return undefined
  const end = timeline.slice(at).find(([, line]) => line === '::endgroup::')
  return { start: timeline[at][0], end: end?.[0] }
}

export function phasesOf(run) {
  const tl = run.timeline
  const scan = group(tl, /^::group::Scan /)
  const compare = group(tl, /^::group::Compare /)
  const hashed = tl.find(([, line]) => /Hashed \d+ files/.test(line))
  const assets = group(tl, /^::group::Upload new/)
  const metadata = group(tl, /^::group::Upload metadata/)
  const cloudFront = group(tl, /^::group::CloudFront distribution/)
  const uploads = [assets, metadata].filter(Boolean)
  return {
    start: scan?.start,
    scan: scan && scan.end - scan.start,
    hashed: hashed?.[0],
    hashing: hashed ? Number(/took (\d+) ms/.exec(hashed[1])?.[1]) : undefined,
    compared: compare?.end,
    uploads: uploads.length ? uploads.reduce((s, g) => s + (g.end - g.start), 0) : undefined,
    cloudfront: cloudFront && cloudFront.end - cloudFront.start,
    end: run.wallMs - tl.at(-1)[0],
    wall: run.wallMs,
    cpu: (run.userS ?? 0) + (run.sysS ?? 0),
  }
}

export function phaseTable(results) {
  const rows = []
  for (const g of results.groups)
    for (const scenario of ['first', 'noop', 'rebuilt', 'change'])
      for (const v of results.variants.map((x) => x.name)) {
        const runs = g.runs.filter(
          (e) =>
            e.contender === 'cdn-publish' &&
            e.setting === v &&
            e.scenario === scenario &&
            !e.seeded &&
            e.timeline?.length,
        )
        if (!runs.length) continue
        const phases = runs.map(phasesOf)
        const row = { size: g.size, scenario, variant: v, n: runs.length }
        for (const k of Object.keys(phases[0])) row[k] = median(phases.map((p) => p[k]))
        rows.push(row)
      }
  return rows
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2]
  if (!file) throw new Error('usage: node bench/phases.mjs RESULTS.json')
  const rows = phaseTable(JSON.parse(fs.readFileSync(file, 'utf8')))
  const cols = [
    'start',
    'scan',
    'hashed',
    'hashing',
    'compared',
    'uploads',
    'cloudfront',
    'end',
    'wall',
  ]
  console.log(
    `| size | scenario | variant | n | ${cols.map((c) => `${c} ms`).join(' | ')} | CPU s |\n|${' --- |'.repeat(cols.length + 5)}`,
  )
  for (const r of rows)
    console.log(
      `| ${r.size} | ${r.scenario} | ${r.variant} | ${r.n} | ${cols
        .map((c) => (r[c] === undefined ? '' : r[c].toFixed(0)))
        .join(' | ')} | ${r.cpu.toFixed(2)} |`,
    )
}

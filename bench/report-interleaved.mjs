// The markdown of an interleaved run (bench/interleaved.mjs): a pure function of its results object.
//   node bench/report-interleaved.mjs bench/results/<stem>.json   re-renders <stem>.md
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[(s.length - 1) >> 1] : undefined
}
const f2 = (x) => (x === undefined || x === null ? 'n/a' : Number(x).toFixed(2))
const f1 = (x) => (x === undefined || x === null ? 'n/a' : Number(x).toFixed(1))
const f0 = (x) => (x === undefined || x === null ? 'n/a' : Number(x).toFixed(0))
const SCENARIO_NAMES = {
  first: 'first deploy',
  noop: 'no-op',
  rebuilt: 'CI rebuild (same bytes, new mtimes)',
  change: '1% changed',
  remove: '10% removed',
}
const SETTING_NAMES = {
  'aws s3 sync|default': 'aws s3 sync (default, 10 in flight)',
  'aws s3 sync|tuned32': 'aws s3 sync (max_concurrent_requests 32)',
  'aws s3 sync|tuned': 'aws s3 sync (max_concurrent_requests 64)',
  'rclone sync|default': 'rclone sync (default: --transfers 4, --checksum)',
  'rclone sync|tuned': 'rclone sync (--transfers 32 --checkers 32 --checksum)',
  's3cmd sync|default': 's3cmd sync (sequential)',
}

/** The runs of one row (group x contender x setting x scenario), measured only. */
function runsOf(g, row) {
  return g.runs.filter(
    (e) =>
      !e.seeded &&
      e.contender === row.contender &&
      e.setting === row.setting &&
      e.scenario === row.scenario,
  )
}

/** The run whose wall time is the median (the one the request counts come from). */
function medianRun(runs) {
  const m = median(runs.map((e) => e.wallMs))
  return runs.find((e) => e.wallMs === m)
}

function requestsText(e) {
  const s3 = e.stats.requests
  const cf = e.cfStats?.requests ?? 0
  return cf ? `${s3} + ${cf} CF` : `${s3}`
}

function cfOps(e) {
  return Object.entries(e.cfStats?.ops ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')
}

function wallText(row) {
  if (row.seeded) return 'seeded'
  return `${f2(row.wallS)} (${f2(row.minS)}-${f2(row.maxS)}, n=${row.n})`
}

/** The 1-minute load average when each chain started, lowest to highest. */
function loadRange(results) {
  const loads = (results.order ?? []).map((x) => x.load).filter((x) => typeof x === 'number')
  if (!loads.length) return ''
  return `; 1-minute load average as each chain started: ${f2(Math.min(...loads))}-${f2(Math.max(...loads))}`
}

/** The variant in the headline: "final", else "now", else the last one given. */
export function headlineVariant(names) {
  return ['final', 'now'].find((v) => names.includes(v)) ?? names.at(-1)
}

export function renderInterleaved(results) {
  const o = results.options
  const rows = results.summary
  const lines = []
  const push = (...l) => lines.push(...l)
  const m = results.machine
  push(
    `# Interleaved run, ${o.latency} ms round trip, CloudFront on for cdn-publish`,
    '',
    `Started ${results.started}, ${f0(results.durationS)} s. Machine: ${m.cpu}, ${m.nproc} cores, ${m.memoryGiB} GiB, ` +
      `MD5 (node:crypto, one core) ${m.md5MBps} MB/s; load average at start ${m.loadAtStart?.map(f2).join(' ')}, ` +
      `at end ${m.loadAtEnd?.map(f2).join(' ')}${loadRange(results)}. ` +
      'The chains are interleaved (every round runs each variant once, in a rotating order) so that drift reaches all alike.',
    '',
    `Versions: ${Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`,
    '',
    'Variants of cdn-publish:',
    '',
    ...results.variants.map(
      (v) =>
        `- **${v.name}**: commit ${v.commit}${v.srcChanged.length ? `, with ${v.srcChanged.join(', ')} changed` : ''}, dist sha256 ${v.sha}`,
    ),
    '',
    `Rounds: ${o.rounds} per size for the variants; the other tools in the first ${
      Object.entries(o.contenderRounds)
        .map(([s, n]) => `${n} (${s})`)
        .join(', ') || '1'
    } round(s). Seeded (first deploy not measured, bucket filled as the tool would have left it): ` +
      `${Object.entries(o.seedFirst)
        .map(([c, s]) => `${c} at ${s.join(', ')}`)
        .join('; ')}.`,
    '',
  )

  for (const g of results.groups) {
    const size = g.size
    const here = rows.filter((r) => r.size === size)
    const variants = results.variants.map((v) => v.name)
    const headline = headlineVariant(variants)
    push(
      `## ${g.files.toLocaleString('en-US')} files, ${f1(g.bytes / 1e6)} MB (${size})`,
      '',
      `### cdn-publish (${headline}) against the other tools`,
      '',
      'cdn-publish runs with CloudFront on (a distribution created on the first deploy, an invalidation on a change); ' +
        'the other tools have no CloudFront side. Wall s: median (min-max, n). Requests: S3 (+ CloudFront) of the ' +
        "median run. Limit: the fewest S3 requests the scenario needs x round trip / the row's concurrency + hashing the " +
        "site at this machine's one-core MD5 speed (CloudFront requests not counted).",
      '',
      '| scenario | tool | in flight | wall s | vs cdn-publish | requests | limit s (requests) | x limit | MB sent | CPU s | RSS MB | correct |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    )
    for (const scenario of ['first', 'noop', 'rebuilt', 'change', 'remove']) {
      const cdn = here.find(
        (r) => r.contender === 'cdn-publish' && r.setting === headline && r.scenario === scenario,
      )
      const list = [
        cdn,
        ...here.filter((r) => r.contender !== 'cdn-publish' && r.scenario === scenario),
      ].filter(Boolean)
      for (const r of list) {
        const runs = runsOf(g, r)
        const e = r.seeded ? undefined : medianRun(runs)
        const name =
          r.contender === 'cdn-publish'
            ? `**cdn-publish (${r.setting})**`
            : (SETTING_NAMES[`${r.contender}|${r.setting}`] ?? `${r.contender} (${r.setting})`)
        push(
          `| ${SCENARIO_NAMES[scenario]} | ${name} | ${r.concurrency} | ${wallText(r)} | ${
            r.seeded || !cdn || r === cdn ? '' : `${f2(r.wallS / cdn.wallS)}x`
          } | ${e ? requestsText(e) : ''} | ${r.seeded ? '' : `${f2(r.limitS)} (${r.limitRequests})`} | ${
            r.seeded ? '' : f1(r.xLimit)
          } | ${r.seeded ? '' : f1(r.sentBytes / 1e6)} | ${r.seeded ? '' : f2(r.cpuS)} | ${
            r.seeded ? '' : f0(r.rssMB)
          } | ${r.seeded ? '' : r.correct ? 'yes' : `NO ${r.note}`} |`,
        )
      }
    }
    push('')
    // Variants.
    push(
      `### The variants (before/after)`,
      '',
      'Wall s: median (min-max, n). vs before: median over the before median (within 10% = at most 1.10). ' +
        'Requests: S3 + CloudFront of the median run.',
      '',
      '| scenario | variant | wall s | vs before | within 10% | requests | MB sent | CPU s | RSS MB | correct |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    )
    for (const scenario of ['first', 'noop', 'rebuilt', 'change', 'remove']) {
      const before = here.find(
        (r) => r.contender === 'cdn-publish' && r.setting === 'before' && r.scenario === scenario,
      )
      for (const v of variants) {
        const r = here.find(
          (x) => x.contender === 'cdn-publish' && x.setting === v && x.scenario === scenario,
        )
        if (!r) continue
        const e = medianRun(runsOf(g, r))
        const ratio = before && r !== before ? r.wallS / before.wallS : undefined
        push(
          `| ${SCENARIO_NAMES[scenario]} | ${v} | ${wallText(r)} | ${ratio ? `${f2(ratio)}x` : ''} | ${
            ratio ? (ratio <= 1.1 ? 'yes' : '**no**') : ''
          } | ${requestsText(e)} | ${f1(r.sentBytes / 1e6)} | ${f2(r.cpuS)} | ${f0(r.rssMB)} | ${
            r.correct ? 'yes' : `NO ${r.note}`
          } |`,
        )
      }
    }
    push('')
    const cfLines = []
    for (const v of variants)
      for (const scenario of ['first', 'noop', 'change']) {
        const r = here.find(
          (x) => x.contender === 'cdn-publish' && x.setting === v && x.scenario === scenario,
        )
        if (!r) continue
        const e = medianRun(runsOf(g, r))
        if (e?.cfStats?.requests) cfLines.push(`- ${v}, ${SCENARIO_NAMES[scenario]}: ${cfOps(e)}`)
      }
    if (cfLines.length) push('CloudFront requests of the median runs:', '', ...cfLines, '')
  }

  // The decision figure.
  const first10k = (v) =>
    rows.find(
      (r) =>
        r.size === '10k' &&
        r.contender === 'cdn-publish' &&
        r.setting === v &&
        r.scenario === 'first',
    )
  const sdk = first10k('sdk-only')
  if (sdk) {
    push('## The decision figure: first deploy of 10,000 files', '')
    for (const v of ['sdk-transport', 'now']) {
      const r = first10k(v)
      if (!r) continue
      const gain = 1 - r.wallS / sdk.wallS
      push(
        `- ${v} ${f2(r.wallS)} s vs sdk-only ${f2(sdk.wallS)} s: ${(gain * 100).toFixed(1)}% faster ` +
          `(${gain >= 0.15 ? 'passes' : 'does not pass'} the 15% bar); ranges ${f2(r.minS)}-${f2(r.maxS)} vs ${f2(sdk.minS)}-${f2(sdk.maxS)}.`,
      )
    }
    push('')
  }
  if (results.skipped.length) {
    push('Skipped:', '')
    for (const s of results.skipped)
      push(`- ${s.size} ${s.contender}${s.run ? ` round ${s.run}` : ''}: ${s.reason}`)
    push('')
  }
  const failures = results.groups.flatMap((g) =>
    g.runs.filter((e) => !e.seeded && e.code !== 0).map((e) => ({ size: g.size, ...e })),
  )
  if (failures.length) {
    push('Failed runs:', '')
    for (const e of failures)
      push(`- ${e.size} ${e.contender} (${e.setting}) round ${e.run} ${e.scenario}: exit ${e.code}`)
    push('')
  }
  return lines.join('\n')
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2]
  if (!file) throw new Error('usage: node bench/report-interleaved.mjs RESULTS.json')
  const results = JSON.parse(fs.readFileSync(file, 'utf8'))
  const markdown = renderInterleaved(results)
  fs.writeFileSync(file.replace(/\.json$/, '.md'), markdown)
  console.log(markdown)
}

// npm run bench [-- --quick] [--latency N] [--size 3k|30k|large] [--contenders a,b] [--servers sink,moto]
//                 [--runs N] [--seed N] [--out DIR]
//
// Side-by-side benchmark of cdn-publish (CloudFront off: create-distribution false) and the tools users
// would pick instead, on deterministic synthetic sites, through a latency-injecting counting proxy, on
// moto and on an in-memory sink. Its 20 ms sink figures are the clients' CPU floor; the headline
// figures (50 ms, CloudFront on, variants of cdn-publish interleaved) come from bench/interleaved.mjs.
// Its targets (issue 6) are retired. Writes bench/results/<date>.md and .json and prints the table.
// See docs/benchmarks.md for the method.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startMoto } from '../scripts/moto.mjs'
import { checkBucket, motoServer, sinkServer } from './check.mjs'
import { contenders, root } from './contenders.mjs'
import { hasGnuTime, killRunning, measure } from './exec.mjs'
import { startProxy } from './proxy.mjs'
import { buildSpec, CACHE_RULE_GLOB, MiB, Site } from './site.mjs'
import { startSink } from './sink.mjs'
import { machineInfo, renderMarkdown, summarizeRows, evaluateTargets } from './report.mjs'

// ---------------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const o = {
    quick: false,
    latency: 20,
    size: undefined,
    contenders: undefined,
    servers: undefined,
    runs: undefined,
    seed: 1,
    out: path.join(root, 'bench', 'results'),
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} needs a value`)
      return v
    }
    if (a === '--quick') o.quick = true
    else if (a === '--latency') o.latency = Number(value())
    else if (a === '--size') o.size = value()
    else if (a === '--contenders')
      o.contenders = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    else if (a === '--servers')
      o.servers = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    else if (a === '--runs') o.runs = Number(value())
    else if (a === '--seed') o.seed = Number(value())
    else if (a === '--out') o.out = path.resolve(value())
    else if (a === '--help' || a === '-h') {
      console.log(
        fs
          .readFileSync(new URL(import.meta.url), 'utf8')
          .split('\n')
          .slice(0, 3)
          .join('\n'),
      )
      process.exit(0)
    } else throw new Error(`unknown flag ${a}`)
  }
  if (!Number.isFinite(o.latency) || o.latency < 0 || o.latency > 1000)
    throw new Error('--latency: 0 to 1000 ms')
  if (o.size && !['3k', '30k', 'large'].includes(o.size))
    throw new Error('--size: 3k, 30k or large (1.5k and 10k: bench/interleaved.mjs)')
  return o
}

export const SCENARIOS = ['first', 'noop', 'rebuilt', 'change', 'cache', 'remove']
export const CACHE_VALUES = { before: 'public, max-age=60', after: 'public, max-age=300' }

/**
 * The plan: an ordered list of tasks (server, size, contender setting, chains). A chain is one fresh
 * bucket taken through every scenario in order. `noopRepeats` reruns the no-op (it stays a no-op) for a
 * median where whole chains are too long. `seedFirst`: the first deploy is not measured; the bucket is
 * filled as the tool would have left it (see seedObjects), for the scenarios after it. Tasks run in this
 * order (the most important first); one that would end past the time budget is skipped and reported.
 */
function plan(o) {
  const t = (server, size, name, setting, runs, extra = {}) => ({
    server,
    size,
    name,
    setting,
    runs,
    ...extra,
  })
  const cdn = 'cdn-publish'
  const aws = 'aws s3 sync'
  const rclone = 'rclone sync'
  const s3cmd = 's3cmd sync'
  const ceiling = 'ceiling'
  let tasks
  if (o.quick) {
    // Under 2 minutes: moto only for the first deploy and the no-op (its ceiling and its request count).
    const motoScenarios = ['first', 'noop']
    tasks = [
      t('sink', '3k', cdn, 'default', 3),
      t('sink', '3k', ceiling, 'raw PUT', 1),
      t('moto', '3k', ceiling, 'raw PUT', 1),
      t('moto', '3k', cdn, 'default', 1, { scenarios: motoScenarios }),
      t('sink', '3k', aws, 'default', 1),
      t('sink', '3k', rclone, 'tuned', 1),
    ]
  } else {
    tasks = [
      t('sink', '3k', cdn, 'default', 3),
      t('sink', '3k', aws, 'default', 1),
      t('sink', '3k', ceiling, 'raw PUT', 3),
      t('sink', '3k', cdn, 'tuned', 3),
      t('sink', '3k', aws, 'tuned', 1),
      t('sink', '3k', rclone, 'tuned', 1),
      t('moto', '3k', cdn, 'default', 3),
      t('moto', '3k', ceiling, 'raw PUT', 3),
      t('moto', '3k', aws, 'default', 1),
      t('sink', '30k', cdn, 'default', 1, { noopRepeats: 3 }),
      t('sink', '30k', aws, 'default', 1, { seedFirst: true, noopRepeats: 3 }),
      t('sink', 'large', cdn, 'default', 3),
      t('sink', 'large', aws, 'default', 1),
      t('sink', 'large', rclone, 'default', 1),
      t('sink', 'large', s3cmd, 'default', 1),
      t('sink', '3k', s3cmd, 'default', 1),
      t('sink', '3k', rclone, 'default', 1),
      t('sink', '30k', aws, 'tuned', 1, { seedFirst: true }),
      t('sink', '30k', rclone, 'tuned', 1, { seedFirst: true }),
      t('moto', '3k', cdn, 'tuned', 1),
    ]
  }
  if (o.size) tasks = tasks.filter((x) => x.size === o.size)
  if (o.servers) tasks = tasks.filter((x) => o.servers.includes(x.server))
  if (o.contenders)
    tasks = tasks.filter((x) =>
      o.contenders.some((c) => x.name.startsWith(c) || `${x.name}:${x.setting}` === c),
    )
  if (o.runs) for (const x of tasks) x.runs = o.runs
  return tasks
}

/** A first guess of one chain's duration (s), before one has run: to keep within the time budget. */
function guessChainS(task, quick) {
  if (task.name === 'ceiling') return task.size === '30k' ? 60 : task.server === 'moto' ? 13 : 4
  const perTool = {
    'cdn-publish': { '3k': 20, '30k': 200, large: 15 },
    'aws s3 sync': { '3k': quick ? 22 : 37, '30k': 200, large: 20 },
    'rclone sync': {
      '3k': task.setting === 'tuned' ? 10 : 40,
      '30k': task.setting === 'tuned' ? 100 : 400,
      large: 20,
    },
    's3cmd sync': { '3k': 100, '30k': 1000, large: 45 },
  }
  const base = perTool[task.name]?.[task.size] ?? 30
  return (
    base *
    (task.server === 'moto' ? 1.5 : 1) *
    (task.seedFirst ? 0.4 : 1) *
    (task.scenarios ? 0.8 : 1)
  )
}

// ---------------------------------------------------------------------------------------------------
// Measurements

/** Single-core MD5 throughput of this machine (node:crypto over 256 MiB), bytes per millisecond. */
function measureMd5() {
  const block = Buffer.alloc(16 * MiB, 0x5a)
  const hash = createHash('md5')
  const t = process.hrtime.bigint()
  for (let i = 0; i < 16; i++) hash.update(block)
  hash.digest()
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  return (256 * MiB) / ms
}

/** Objects as aws s3 sync / rclone would have left them after a first deploy (for seeded rows). */
function seedObjects(site, cacheValue) {
  return [...site.expected()].map(([key, e]) => ({
    key,
    size: e.size,
    md5: e.md5,
    contentType: 'application/octet-stream',
    cacheControl: cacheValue,
    meta: {},
  }))
}

/**
 * Copy dist/ for this run (with a package.json that makes its .js files ES modules, as the action's own
 * does) and describe it: the commit, whether dist/ differs from it, and a SHA-256 over its files.
 */
function snapshotBundle(tmp) {
  const source = path.join(root, 'dist')
  if (!fs.existsSync(path.join(source, 'index.js')))
    return { bundlePath: path.join(source, 'index.js'), bundleVersion: 'dist/index.js missing' }
  const dir = path.join(tmp, 'bundle')
  fs.cpSync(source, dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n')
  const hash = createHash('sha256')
  const files = fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.js'))
  for (const file of files.sort()) hash.update(file).update(fs.readFileSync(path.join(dir, file)))
  const sha = hash.digest('hex').slice(0, 12)
  const git = (args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? ''
  const commit = git(['rev-parse', '--short', 'HEAD'])
  const dirty = git(['status', '--porcelain', '--', 'dist/']) !== ''
  return {
    bundlePath: path.join(dir, 'index.js'),
    bundleVersion: `commit ${commit}${dirty ? ' (dist/ modified)' : ''}, dist sha256 ${sha}, run on node ${process.version}`,
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

let aborted = false
process.on('SIGINT', () => {
  if (aborted) process.exit(130)
  aborted = true
  console.error('\nInterrupted: stopping the running client and the servers...')
  killRunning()
})
process.on('SIGTERM', () => {
  aborted = true
  killRunning()
})

async function main() {
  const o = parseArgs(process.argv.slice(2))
  const started = Date.now()
  // Budgets: the whole run must stay under 2 minutes (--quick) or 15; a chain starts only while there
  // is time left, and whatever did not start is reported as skipped.
  const budgetMs = o.quick ? 105_000 : 14.5 * 60_000
  const tasks = plan(o)
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-publish-bench-'))
  const snapshot = snapshotBundle(tmp)
  const all = contenders(snapshot)
  const md5BytesPerMs = measureMd5()
  const machine = machineInfo(all, md5BytesPerMs, hasGnuTime)
  machine.versions['cdn-publish'] = snapshot.bundleVersion
  console.log(
    `Machine: ${machine.cpu}, ${machine.nproc} cores, ${machine.memoryGiB} GiB; MD5 ${(md5BytesPerMs / 1000).toFixed(0)} MB/s; ` +
      `round trip ${o.latency} ms; ${o.quick ? 'quick' : 'full'} run`,
  )
  if (!hasGnuTime)
    console.log(
      'Note: /usr/bin/time is missing (apt-get install -y time): no CPU time or peak RSS.',
    )
  const results = {
    started: new Date(started).toISOString(),
    options: o,
    machine,
    groups: [],
    skipped: [],
  }
  let sink
  let moto
  let proxy
  const sites = new Map()
  try {
    const chainS = new Map()
    let current
    for (const group of tasks) {
      if (aborted) break
      // Servers: started on first use, stopped in finally; the proxy is restarted when the upstream changes.
      let server
      if (group.server === 'sink') {
        sink ??= await startSink()
        server = sinkServer(sink)
      } else {
        try {
          moto ??= await startMoto()
        } catch (error) {
          results.skipped.push({
            group: `${group.server} ${group.size}`,
            reason: `moto_server could not start: ${error.message.split('\n')[0]}`,
          })
          continue
        }
        server = motoServer(moto)
      }
      if (current !== server.endpoint) {
        if (proxy) await proxy.close()
        proxy = await startProxy({ upstream: server.endpoint, latencyMs: o.latency })
        current = server.endpoint
      }

      let site = sites.get(group.size)
      if (!site) {
        const spec = buildSpec({ size: group.size, seed: o.seed })
        site = new Site(path.join(tmp, `site-${group.size}`), spec)
        const t = Date.now()
        site.writeAll()
        console.log(
          `\nSite ${group.size}: ${spec.files.length} files, ${(spec.bytes / 1e6).toFixed(1)} MB (written in ${Date.now() - t} ms)`,
        )
        sites.set(group.size, site)
      }
      const dataKeys = site.spec.files.filter((f) => f.key.startsWith('data/')).map((f) => f.key)
      let g = results.groups.find((x) => x.server === group.server && x.size === group.size)
      if (!g) {
        g = {
          server: group.server,
          size: group.size,
          latencyMs: o.latency,
          files: site.spec.files.length,
          bytes: site.spec.bytes,
          dataFiles: dataKeys.length,
          runs: [],
        }
        results.groups.push(g)
      }
      console.log(`\n== ${group.server}, ${group.size}, ${o.latency} ms round trip ==`)

      for (const row of [group]) {
        const contender =
          row.name === 'ceiling'
            ? {
                name: 'ceiling',
                setting: 'raw PUT',
                concurrency: 64,
                available: true,
                note: '',
                ceiling: true,
              }
            : all.find((c) => c.name === row.name && c.setting === row.setting)
        if (!contender || !contender.available) {
          results.skipped.push({
            group: `${group.server} ${group.size}`,
            contender: `${row.name} (${row.setting})`,
            reason: contender?.note || 'unknown contender',
          })
          console.log(
            `  skip ${row.name} (${row.setting}): ${contender?.note || 'unknown contender'}`,
          )
          continue
        }
        for (let run = 1; run <= row.runs; run++) {
          if (aborted) break
          const estimateS =
            chainS.get(`${group.server}|${group.size}|${row.name}|${row.setting}`) ??
            guessChainS(row, o.quick)
          if (Date.now() + estimateS * 1000 > started + budgetMs) {
            results.skipped.push({
              group: `${group.server} ${group.size}`,
              contender: `${row.name} (${row.setting})`,
              run,
              reason: `not started: it would end past the time budget of this run (${budgetMs / 1000} s)`,
            })
            console.log(`  skip ${row.name} (${row.setting}) run ${run}: over the time budget`)
            continue
          }
          const bucket = `bench-${row.name.replace(/[^a-z0-9]/g, '')}-${row.setting.replace(/[^a-z0-9]/g, '')}-${run}-${Date.now().toString(36)}`
          const workDir = fs.mkdtempSync(path.join(tmp, 'work-'))
          await server.createBucket(bucket)
          let lastEnd = 0
          const chainStart = Date.now()
          try {
            for (const scenario of SCENARIOS) {
              if (aborted) break
              if (contender.ceiling && scenario !== 'first') break
              if (row.scenarios && !row.scenarios.includes(scenario)) break
              // The rebuild (aws s3 sync sends the whole site again) only where it stays short: sink, 3k,
              // and not in a quick run, whose budget it would take.
              if (
                scenario === 'rebuilt' &&
                (o.quick || group.server !== 'sink' || group.size !== '3k')
              )
                continue
              const cacheValue =
                scenario === 'cache' || scenario === 'remove'
                  ? CACHE_VALUES.after
                  : CACHE_VALUES.before
              // Changed files must be newer than the objects (mtime-based tools compare by the second).
              if (scenario === 'rebuilt' || scenario === 'change' || scenario === 'remove')
                await sleep(Math.max(0, lastEnd + 1100 - Date.now()))
              let mutation = {}
              // What a CI rebuild does: every file written again, same bytes, new modification time.
              if (scenario === 'rebuilt') site.touchAll()
              if (scenario === 'change') {
                const files = site.change(0.01, 1)
                mutation = {
                  changed: files.length,
                  changedBytes: files.reduce((s, f) => s + f.size, 0),
                }
              }
              if (scenario === 'remove') {
                const files = site.remove(0.1, 2)
                mutation = {
                  removed: files.length,
                  removedBytes: files.reduce((s, f) => s + f.size, 0),
                }
              }
              const present = site.expected()
              const presentBytes = [...present.values()].reduce((s, e) => s + e.size, 0)
              if (scenario === 'first' && row.seedFirst) {
                await server.seed(bucket, seedObjects(site, cacheValue))
                g.runs.push({
                  contender: row.name,
                  setting: row.setting,
                  concurrency: contender.concurrency,
                  run,
                  scenario,
                  seeded: true,
                  files: present.size,
                  bytes: presentBytes,
                })
                lastEnd = Date.now()
                continue
              }
              const repeats = scenario === 'noop' ? (row.noopRepeats ?? 1) : 1
              for (let repeat = 1; repeat <= repeats; repeat++) {
                let p
                if (contender.ceiling) {
                  p = {
                    command: process.execPath,
                    args: [
                      path.join(root, 'bench', 'raw-put.mjs'),
                      proxy.endpoint,
                      bucket,
                      site.dir,
                      '64',
                    ],
                    env: { PATH: process.env.PATH },
                  }
                } else {
                  p = await contender.prepare({
                    endpoint: proxy.endpoint,
                    bucket,
                    siteDir: site.dir,
                    workDir,
                    cacheValue,
                  })
                }
                proxy.reset()
                const r = await measure(p.command, p.args, { env: p.env, timeoutMs: 300_000 })
                lastEnd = Date.now()
                const stats = proxy.stats()
                const after = p.after ? await p.after(r) : {}
                const isCdn = row.name === 'cdn-publish'
                const headKeys =
                  server.kind === 'moto' && (isCdn || scenario === 'cache')
                    ? [
                        ...(scenario === 'cache' ? dataKeys : []),
                        ...site.spec.files.filter((_, i) => i % 100 === 0).map((f) => f.key),
                      ]
                    : []
                const checkStart = Date.now()
                const objects = await server.snapshot(bucket, { headKeys, site })
                const check = checkBucket(objects, site, {
                  allowState: isCdn,
                  checkHeaders: isCdn,
                  dataCacheValue: cacheValue,
                  cacheScenario: scenario === 'cache',
                })
                const entry = {
                  contender: row.name,
                  setting: row.setting,
                  concurrency: contender.concurrency,
                  run,
                  repeat,
                  scenario,
                  code: r.code,
                  timedOut: r.timedOut,
                  wallMs: r.wallMs,
                  userS: r.userS,
                  sysS: r.sysS,
                  maxRssKB: r.maxRssKB,
                  stats,
                  check,
                  files: present.size,
                  bytes: presentBytes,
                  remoteBefore: scenario === 'first' ? 0 : undefined,
                  ...mutation,
                  outputs: after.outputs,
                  timeline: isCdn ? r.timeline : undefined,
                  error:
                    r.code !== 0
                      ? `${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`.trim()
                      : undefined,
                }
                g.runs.push(entry)
                const checkMs = Date.now() - checkStart
                const ops = Object.entries(stats.ops)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')
                console.log(
                  `  ${row.name} (${row.setting}) run ${run}${repeats > 1 ? `.${repeat}` : ''} ${scenario.padEnd(6)} ` +
                    `${(r.wallMs / 1000).toFixed(2).padStart(7)} s  exit ${r.code}  (check ${checkMs} ms)  ${check.ok ? 'correct' : `INCORRECT (${check.problems.slice(0, 2).join('; ') || `${check.ruleApplied}/${check.ruleChecked} data/ objects carry the new Cache-Control`})`}  [${ops}]`,
                )
                if (r.code !== 0)
                  console.log(`    ${entry.error.split('\n').slice(-6).join('\n    ')}`)
              }
            }
          } finally {
            chainS.set(
              `${group.server}|${group.size}|${row.name}|${row.setting}`,
              (Date.now() - chainStart) / 1000 + 2,
            )
            site.restore()
            await server.dropBucket(bucket).catch(() => undefined)
            fs.rmSync(workDir, { recursive: true, force: true })
          }
        }
      }
      g.unsupported = {
        ...(g.unsupported ?? {}),
        ...(await server.unsupported().catch(() => ({}))),
      }
    }
  } finally {
    await proxy?.close().catch(() => undefined)
    await sink?.stop().catch(() => undefined)
    await moto?.stop().catch(() => undefined)
    fs.rmSync(tmp, { recursive: true, force: true })
  }

  results.finished = new Date().toISOString()
  results.durationS = (Date.now() - started) / 1000
  results.cacheRule = { glob: CACHE_RULE_GLOB, ...CACHE_VALUES }
  results.summary = summarizeRows(results, md5BytesPerMs)
  results.targets = evaluateTargets(results)
  const markdown = renderMarkdown(results)
  fs.mkdirSync(o.out, { recursive: true })
  const day = new Date(started).toISOString().slice(0, 10)
  // An interrupted run never replaces a complete results file of the day.
  const stem = `${day}${o.quick ? '-quick' : ''}${aborted ? '-interrupted' : ''}`
  fs.writeFileSync(path.join(o.out, `${stem}.json`), JSON.stringify(results, null, 2) + '\n')
  fs.writeFileSync(path.join(o.out, `${stem}.md`), markdown)
  console.log(`\n${markdown}`)
  console.log(
    `Wrote ${path.relative(process.cwd(), path.join(o.out, `${stem}.md`))} and .json (${results.durationS.toFixed(0)} s).`,
  )
  if (aborted) process.exitCode = 130
}

main().catch((error) => {
  console.error(error)
  killRunning()
  process.exitCode = 1
})

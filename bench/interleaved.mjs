// node bench/interleaved.mjs --variants NAME=DIST_DIR[,NAME=DIST_DIR...] [--latency 50] [--sizes 1.5k,10k]
//        [--rounds 3] [--contender-rounds 1.5k:1,10k:1] [--contenders aws,aws:tuned32,...|none]
//        [--budget-min 70] [--seed 1] [--stem NAME] [--out DIR] [--scenarios first,noop,...] [--slowdown 0.05]
//        [--seed-first 's3cmd sync:10k+30k,rclone sync:30k']
//
// Issue 17's measurement: cdn-publish as users run it (CloudFront on: the default inputs create a
// distribution on the first deploy and invalidate on changes), several builds of it ("variants", each a
// dist/ directory bundled in its own clone) side by side with `aws s3 sync`, rclone and s3cmd, in one
// interleaved run: round after round, every variant takes one chain of scenarios (first, noop, rebuilt,
// change) on a fresh bucket, in an order that rotates each round, so that drift of a shared machine
// reaches all of them alike. S3 requests go to the in-memory sink, CloudFront requests to moto behind the
// strict AWS layer (scripts/strict-aws.mjs), both through the latency proxy. Writes
// bench/results/<stem>.json and .md. See docs/benchmarks.md.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startMoto } from '../scripts/moto.mjs'
import { startStrictAws } from '../scripts/strict-aws.mjs'
import { checkBucket, sinkServer } from './check.mjs'
import { contenders, root } from './contenders.mjs'
import { hasGnuTime, killRunning, measure } from './exec.mjs'
import { parseOutputs } from './outputs.mjs'
import { cloudFrontOperation, startProxy } from './proxy.mjs'
import { machineInfo, summarizeRows } from './report.mjs'
import { renderInterleaved } from './report-interleaved.mjs'
import { buildSpec, CACHE_RULE_GLOB, MiB, Site, SIZES } from './site.mjs'
import { startSink } from './sink.mjs'

export const SCENARIOS = ['first', 'noop', 'rebuilt', 'change', 'remove']
const CACHE_VALUE = 'public, max-age=60'

/** The contenders other than cdn-publish, by the name the command line uses. */
const OTHERS = {
  aws: ['aws s3 sync', 'default'],
  'aws:tuned32': ['aws s3 sync', 'tuned32'],
  'aws:tuned': ['aws s3 sync', 'tuned'],
  rclone: ['rclone sync', 'default'],
  'rclone:tuned': ['rclone sync', 'tuned'],
  s3cmd: ['s3cmd sync', 'default'],
}

function parseArgs(argv) {
  const o = {
    latency: 50,
    sizes: ['1.5k', '10k'],
    rounds: 3,
    contenderRounds: {},
    contenders: Object.keys(OTHERS),
    variants: [],
    budgetMin: 70,
    seed: 1,
    stem: undefined,
    out: path.join(root, 'bench', 'results'),
    // s3cmd is sequential: its first deploy of 10,000 files alone would take ~12 minutes at 50 ms.
    seedFirst: { 's3cmd sync': ['10k'] },
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} needs a value`)
      return v
    }
    const list = () =>
      value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    if (a === '--latency') o.latency = Number(value())
    else if (a === '--sizes') o.sizes = list()
    else if (a === '--rounds') o.rounds = Number(value())
    else if (a === '--contender-rounds')
      o.contenderRounds = Object.fromEntries(
        list()
          .map((x) => x.split(':'))
          .map(([s, n]) => [s, Number(n)]),
      )
    else if (a === '--contenders') o.contenders = list().filter((c) => c !== 'none')
    else if (a === '--variants')
      o.variants = list().map((x) => {
        const at = x.indexOf('=')
        if (at <= 0) throw new Error(`--variants: NAME=DIST_DIR, got ${x}`)
        return { name: x.slice(0, at), dist: path.resolve(x.slice(at + 1)) }
      })
    else if (a === '--budget-min') o.budgetMin = Number(value())
    else if (a === '--slowdown') o.slowDown = Number(value())
    // Tools whose first deploy is seeded (not measured) at these sizes: "s3cmd sync:10k+30k,rclone sync:30k".
    else if (a === '--seed-first')
      o.seedFirst = Object.fromEntries(
        list().map((x) => {
          const [name, sizes] = x.split(':')
          return [name, sizes.split('+')]
        }),
      )
    else if (a === '--scenarios') o.scenarios = list()
    else if (a === '--seed') o.seed = Number(value())
    else if (a === '--stem') o.stem = value()
    else if (a === '--out') o.out = path.resolve(value())
    else throw new Error(`unknown flag ${a}`)
  }
  if (o.variants.length === 0) throw new Error('--variants: at least one NAME=DIST_DIR')
  for (const s of o.sizes) if (!SIZES[s]) throw new Error(`unknown size ${s}`)
  for (const c of o.contenders) if (!OTHERS[c]) throw new Error(`unknown contender ${c}`)
  return o
}

// ---------------------------------------------------------------------------------------------------
// Variants of cdn-publish: a dist/ directory, copied for the run, and the clone it came from.

const git = (cwd, args) => spawnSync('git', args, { cwd, encoding: 'utf8' }).stdout?.trim() ?? ''

/** The inputs action.yml declares with a default, as the runner fills them in (INPUT_<NAME>). */
function actionDefaults(actionYml) {
  const out = {}
  let inInputs = false
  let name
  for (const line of fs.readFileSync(actionYml, 'utf8').split('\n')) {
    if (/^\S/.test(line)) {
      inInputs = line.startsWith('inputs:')
      continue
    }
    if (!inInputs) continue
    let m = /^ {2}([a-z0-9-]+):\s*$/.exec(line)
    if (m) {
      name = m[1]
      continue
    }
    m = /^ {4}default:\s*(.*)$/.exec(line)
    if (m && name) {
      let v = m[1].trim()
      if (/^'.*'$/.test(v) || /^".*"$/.test(v)) v = v.slice(1, -1)
      out[name] = v.replace(
        /\$\{\{\s*github\.token\s*\}\}/,
        'ghs_benchRunnerToken000000000000000000',
      )
    }
  }
  return out
}

function snapshotVariant(variant, tmp) {
  const clone = path.dirname(variant.dist)
  const dir = path.join(tmp, `bundle-${variant.name}`)
  fs.cpSync(variant.dist, dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n')
  const hash = createHash('sha256')
  const files = fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.js'))
  for (const file of files.sort()) hash.update(file).update(fs.readFileSync(path.join(dir, file)))
  const changed = git(clone, ['diff', '--name-only', 'HEAD', '--', 'src'])
    .split('\n')
    .filter(Boolean)
  return {
    ...variant,
    bundle: path.join(dir, 'index.js'),
    commit: git(clone, ['rev-parse', '--short', 'HEAD']),
    srcChanged: changed,
    sha: hash.digest('hex').slice(0, 12),
    defaults: actionDefaults(path.join(clone, 'action.yml')),
  }
}

/** The runner's context for a push to main (as __tests__/helpers/action.ts gives it). */
async function runnerContext(dir) {
  const eventPath = path.join(dir, 'event.json')
  await fsp.writeFile(
    eventPath,
    JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'octo/site' } }),
  )
  for (const file of ['state', 'env', 'path']) await fsp.writeFile(path.join(dir, file), '')
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: '__run',
    GITHUB_ACTOR: 'octocat',
    GITHUB_REPOSITORY: 'octo/site',
    GITHUB_REPOSITORY_OWNER: 'octo',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_JOB: 'deploy',
    GITHUB_RUN_ID: '1000',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_GRAPHQL_URL: 'http://127.0.0.1:9/graphql',
    GITHUB_STATE: path.join(dir, 'state'),
    GITHUB_ENV: path.join(dir, 'env'),
    GITHUB_PATH: path.join(dir, 'path'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'bench-runner',
    RUNNER_TEMP: dir,
  }
}

/** One run of a variant: every action.yml default, the workflow's inputs, both endpoints. */
async function prepareVariant(variant, ctx) {
  const outputFile = path.join(ctx.workDir, 'github-output')
  const summaryFile = path.join(ctx.workDir, 'github-summary')
  await fsp.writeFile(outputFile, '')
  await fsp.writeFile(summaryFile, '')
  const inputs = {
    ...variant.defaults,
    source: ctx.siteDir,
    bucket: ctx.bucket,
    'cache-control': `${CACHE_RULE_GLOB}: ${CACHE_VALUE}`,
    // The 10%-removed scenario deletes more than the default cap (256), as a user who meant it would allow.
    'max-deletes': '-1',
  }
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: ctx.workDir,
    LANG: 'C.UTF-8',
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    ...(await runnerContext(ctx.workDir)),
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_S3: ctx.endpoint,
    AWS_ENDPOINT_URL_CLOUDFRONT: ctx.cloudFrontEndpoint,
    // Site behaviour's KeyValueStore data plane: the strict layer serves it beside CloudFront.
    AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE: ctx.cloudFrontEndpoint,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: ctx.workDir,
    // The AWS SDK warns on Node 20 that its next versions need Node 22 (the action runs on node24).
    NODE_NO_WARNINGS: '1',
  }
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  return {
    command: process.execPath,
    args: [variant.bundle],
    env,
    async after() {
      const text = await fsp.readFile(outputFile, 'utf8').catch(() => '')
      return { outputs: parseOutputs(text) }
    },
  }
}

// ---------------------------------------------------------------------------------------------------

function measureMd5() {
  const block = Buffer.alloc(16 * MiB, 0x5a)
  const hash = createHash('md5')
  const t = process.hrtime.bigint()
  for (let i = 0; i < 16; i++) hash.update(block)
  hash.digest()
  return (256 * MiB) / (Number(process.hrtime.bigint() - t) / 1e6)
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** A first guess of one chain (s), before one has run: for the time budget. */
function guessChainS(entry, size) {
  const n = SIZES[size].files / 1000
  if (entry.kind === 'variant') return 6 + 4 * n
  const perK = {
    'aws s3 sync|default': 12,
    'aws s3 sync|tuned32': 9,
    'aws s3 sync|tuned': 9,
    'rclone sync|default': 14,
    'rclone sync|tuned': 4,
    's3cmd sync|default': entry.seedFirst ? 4 : 75,
  }
  return 10 + (perK[`${entry.name}|${entry.setting}`] ?? 20) * n
}

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
  const budgetMs = o.budgetMin * 60_000
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-publish-interleaved-'))
  const variants = o.variants.map((v) => snapshotVariant(v, tmp))
  const all = contenders({})
  const md5BytesPerMs = measureMd5()
  const machine = machineInfo(all, md5BytesPerMs, hasGnuTime)
  machine.loadAtStart = os.loadavg()
  console.log(
    `Machine: ${machine.cpu}, ${machine.nproc} cores; load ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ` +
      `MD5 ${(md5BytesPerMs / 1000).toFixed(0)} MB/s; round trip ${o.latency} ms; CloudFront on for cdn-publish`,
  )
  for (const v of variants)
    console.log(
      `  ${v.name}: commit ${v.commit}${v.srcChanged.length ? ` + ${v.srcChanged.join(', ')}` : ''}, dist sha256 ${v.sha}`,
    )
  const results = {
    kind: 'interleaved',
    started: new Date(started).toISOString(),
    options: { ...o, variants: o.variants.map((v) => v.name) },
    machine,
    variants: variants.map((v) => ({ ...v, bundle: undefined })),
    groups: [],
    skipped: [],
    order: [],
  }
  let sink
  let moto
  let strict
  let s3Proxy
  let cfProxy
  try {
    sink = await startSink()
    moto = await startMoto()
    strict = await startStrictAws({ upstream: moto.endpoint })
    s3Proxy = await startProxy({
      upstream: sink.endpoint,
      latencyMs: o.latency,
      slowDown: o.slowDown ?? 0,
    })
    cfProxy = await startProxy({
      upstream: strict.endpoint,
      latencyMs: o.latency,
      classify: cloudFrontOperation,
    })
    const server = sinkServer(sink)
    console.log(
      `Servers: sink ${sink.endpoint} (pid ${sink.pid}), moto ${moto.endpoint} (pid ${moto.pid}), ` +
        `strict layer ${strict.endpoint} (pid ${strict.pid}); proxies ${s3Proxy.endpoint} (S3), ${cfProxy.endpoint} (CloudFront)`,
    )
    const chainS = new Map()
    for (const size of o.sizes) {
      if (aborted) break
      const spec = buildSpec({ size, seed: o.seed })
      const site = new Site(path.join(tmp, `site-${size}`), spec)
      const t = Date.now()
      site.writeAll()
      console.log(
        `\nSite ${size}: ${spec.files.length} files, ${(spec.bytes / 1e6).toFixed(1)} MB (written in ${Date.now() - t} ms)`,
      )
      const g = {
        server: 'sink',
        size,
        latencyMs: o.latency,
        files: spec.files.length,
        bytes: spec.bytes,
        dataFiles: spec.files.filter((f) => f.key.startsWith('data/')).length,
        runs: [],
      }
      results.groups.push(g)
      const others = o.contenders
        .map((c) => {
          const [name, setting] = OTHERS[c]
          const contender = all.find((x) => x.name === name && x.setting === setting)
          return {
            kind: 'other',
            name,
            setting,
            contender,
            seedFirst: (o.seedFirst[name] ?? []).includes(size),
          }
        })
        .filter((e) => {
          if (e.contender?.available) return true
          results.skipped.push({
            size,
            contender: `${e.name} (${e.setting})`,
            reason: e.contender?.note,
          })
          return false
        })
      const contenderRounds = o.contenderRounds[size] ?? 1
      for (let round = 1; round <= o.rounds; round++) {
        const k = (round - 1) % variants.length
        const order = [...variants.slice(k), ...variants.slice(0, k)].map((v) => ({
          kind: 'variant',
          name: 'cdn-publish',
          setting: v.name,
          variant: v,
        }))
        if (round <= contenderRounds) {
          // The other tools between the variants, so that no variant always follows the same one.
          const mixed = []
          const step = Math.ceil(others.length / order.length)
          order.forEach((v, i) => mixed.push(v, ...others.slice(i * step, (i + 1) * step)))
          order.splice(0, order.length, ...mixed)
        }
        for (const entry of order) {
          if (aborted) break
          const key = `${size}|${entry.name}|${entry.setting}`
          const estimate = chainS.get(key) ?? guessChainS(entry, size)
          if (Date.now() + estimate * 1000 > started + budgetMs) {
            results.skipped.push({
              size,
              contender: `${entry.name} (${entry.setting})`,
              run: round,
              reason: `not started: past the time budget (${o.budgetMin} min)`,
            })
            console.log(
              `  skip ${entry.name} (${entry.setting}) round ${round}: over the time budget`,
            )
            continue
          }
          const chainStart = Date.now()
          results.order.push({
            size,
            round,
            contender: entry.name,
            setting: entry.setting,
            at: (chainStart - started) / 1000,
            load: os.loadavg()[0],
          })
          await runChain({
            entry,
            round,
            site,
            g,
            server,
            s3Proxy,
            cfProxy,
            moto,
            strict,
            tmp,
            started,
            scenarios: o.scenarios,
          })
          chainS.set(key, (Date.now() - chainStart) / 1000 + 2)
        }
      }
      fs.rmSync(site.dir, { recursive: true, force: true })
    }
  } finally {
    await s3Proxy?.close().catch(() => undefined)
    await cfProxy?.close().catch(() => undefined)
    await strict?.stop().catch(() => undefined)
    await moto?.stop().catch(() => undefined)
    await sink?.stop().catch(() => undefined)
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  results.finished = new Date().toISOString()
  results.durationS = (Date.now() - started) / 1000
  results.machine.loadAtEnd = os.loadavg()
  results.summary = summarizeRows(results, md5BytesPerMs)
  const markdown = renderInterleaved(results)
  fs.mkdirSync(o.out, { recursive: true })
  const stem =
    (o.stem ?? `${new Date(started).toISOString().slice(0, 10)}-${o.latency}ms-cloudfront`) +
    (aborted ? '-interrupted' : '')
  fs.writeFileSync(path.join(o.out, `${stem}.json`), JSON.stringify(results, null, 2) + '\n')
  fs.writeFileSync(path.join(o.out, `${stem}.md`), markdown)
  console.log(`\n${markdown}`)
  console.log(`Wrote ${path.join(o.out, stem)}.md and .json (${results.durationS.toFixed(0)} s).`)
  if (aborted) process.exitCode = 130
}

/** "Requests in flight: settled on N (concurrency: auto, started at 32, peak P): why." */
function settledConcurrency(stdout) {
  const m =
    /Requests in flight: settled on (\d+) \(concurrency: auto[^)]*?(?:, peak (\d+))?\): ([^\n]*)/.exec(
      stdout,
    )
  if (!m) return {}
  const settled = Number(m[1])
  return { settled, peak: m[2] ? Number(m[2]) : settled, settledWhy: m[3].replace(/\.$/, '') }
}

/** One chain: a fresh bucket (and a fresh CloudFront account), every scenario in order. */
async function runChain({
  entry,
  round,
  site,
  g,
  server,
  s3Proxy,
  cfProxy,
  moto,
  strict,
  tmp,
  started,
  scenarios,
}) {
  const bucket =
    `bench-${entry.setting.replace(/[^a-z0-9]/g, '')}-${entry.name.replace(/[^a-z0-9]/g, '')}-${round}-${Date.now().toString(36)}`.slice(
      0,
      63,
    )
  const workDir = fs.mkdtempSync(path.join(tmp, 'work-'))
  const isCdn = entry.kind === 'variant'
  if (isCdn) {
    // Every chain starts from an empty account: moto's and the strict layer's CloudFront state.
    await moto.reset()
    await strict.reset()
  }
  await server.createBucket(bucket)
  let lastEnd = 0
  try {
    for (const scenario of scenarios ?? SCENARIOS) {
      if (aborted) break
      if (scenario !== 'first' && scenario !== 'noop')
        await sleep(Math.max(0, lastEnd + 1100 - Date.now()))
      let mutation = {}
      if (scenario === 'rebuilt') site.touchAll()
      if (scenario === 'change') {
        const files = site.change(0.01, 1)
        mutation = { changed: files.length, changedBytes: files.reduce((s, f) => s + f.size, 0) }
      }
      if (scenario === 'remove') mutation = { removed: site.remove(0.1, 2).length }
      const present = site.expected()
      const presentBytes = [...present.values()].reduce((s, e) => s + e.size, 0)
      const base = {
        contender: entry.name,
        setting: entry.setting,
        concurrency: isCdn
          ? /^\d+$/.test(entry.variant.defaults.concurrency ?? '32')
            ? Number(entry.variant.defaults.concurrency ?? 32)
            : entry.variant.defaults.concurrency
          : entry.contender.concurrency,
        run: round,
        scenario,
        files: present.size,
        bytes: presentBytes,
        at: (Date.now() - started) / 1000,
      }
      if (scenario === 'first' && entry.seedFirst) {
        await server.seed(
          bucket,
          [...present].map(([key, e]) => ({
            key,
            size: e.size,
            md5: e.md5,
            contentType: 'application/octet-stream',
            cacheControl: CACHE_VALUE,
            meta: {},
          })),
        )
        g.runs.push({ ...base, seeded: true })
        lastEnd = Date.now()
        continue
      }
      const ctx = {
        endpoint: s3Proxy.endpoint,
        cloudFrontEndpoint: cfProxy.endpoint,
        bucket,
        siteDir: site.dir,
        workDir,
        cacheValue: CACHE_VALUE,
      }
      const p = isCdn
        ? await prepareVariant(entry.variant, ctx)
        : await entry.contender.prepare(ctx)
      s3Proxy.reset()
      cfProxy.reset()
      // rclone at its defaults (4 transfers, a HEAD after every PUT) needs ~250 s for 10,000 files here.
      const r = await measure(p.command, p.args, { env: p.env, timeoutMs: 600_000 })
      lastEnd = Date.now()
      const stats = s3Proxy.stats()
      const cfStats = cfProxy.stats()
      const after = p.after ? await p.after(r) : {}
      const objects = await server.snapshot(bucket)
      // cdn-publish keeps its deploy state under .cdn-publish/ (the state object, and in older builds
      // its journal): those keys are its own, not extra objects.
      for (const k of [...objects.keys()])
        if (isCdn && k.startsWith('.cdn-publish/') && k !== '.cdn-publish/state.json')
          objects.delete(k)
      const check = checkBucket(objects, site, {
        allowState: isCdn,
        checkHeaders: isCdn,
        dataCacheValue: CACHE_VALUE,
        cacheScenario: false,
      })
      const entryOut = {
        ...base,
        repeat: 1,
        code: r.code,
        timedOut: r.timedOut,
        wallMs: r.wallMs,
        userS: r.userS,
        sysS: r.sysS,
        maxRssKB: r.maxRssKB,
        stats,
        cfStats,
        check,
        ...mutation,
        outputs: after.outputs,
        // Adaptive concurrency: where it settled and its peak, from the run's log line.
        ...(isCdn ? settledConcurrency(r.stdout) : {}),
        timeline: isCdn ? r.timeline : undefined,
        error:
          r.code !== 0 ? `${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`.trim() : undefined,
      }
      g.runs.push(entryOut)
      const ops = (s) =>
        Object.entries(s.ops)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')
      console.log(
        `  ${g.size} r${round} ${`${entry.name} (${entry.setting})`.padEnd(30)} ${scenario.padEnd(7)} ` +
          `${(r.wallMs / 1000).toFixed(2).padStart(7)} s  exit ${r.code}  ${check.ok ? 'correct' : `INCORRECT (${check.problems.slice(0, 2).join('; ')})`}` +
          `  [S3 ${stats.requests}: ${ops(stats)}]${cfStats.requests ? ` [CF ${cfStats.requests}: ${ops(cfStats)}]` : ''}`,
      )
      if (r.code !== 0) console.log(`    ${entryOut.error.split('\n').slice(-8).join('\n    ')}`)
    }
  } finally {
    site.restore()
    await server.dropBucket(bucket).catch(() => undefined)
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  killRunning()
  process.exitCode = 1
})

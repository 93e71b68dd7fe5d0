// Profile cdn-publish on one scenario: deploy a synthetic site to the sink through the latency proxy,
// then run the scenario again under `node --cpu-prof`, and print where the CPU time went (self time by
// function and by package, from the .cpuprofile) and the phases' wall times (from the action's log).
//
//   node bench/profile.mjs [--size 3k|30k|large] [--scenario noop|first|change] [--latency 20]
//                          [--concurrency auto|32] [--seed 1] [--top 25] [--debug] [--plain]
//
// --debug turns on step debugging (the timeline then has the action's debug lines: when hashing ended,
// whether the S3 SDK was loaded); --plain runs without the CPU profiler and prints only the timeline,
// wall, CPU and peak RSS. CLIENT_NODE_OPTIONS is passed to the profiled run as NODE_OPTIONS.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { contenders, root } from './contenders.mjs'
import { measure } from './exec.mjs'
import { startProxy } from './proxy.mjs'
import { buildSpec, Site } from './site.mjs'
import { startSink } from './sink.mjs'
import { sinkServer } from './check.mjs'

function flag(name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? process.argv[at + 1] : fallback
}

const size = flag('size', '3k')
const scenario = flag('scenario', 'noop')
const latency = Number(flag('latency', '20'))
const concurrencyFlag = flag('concurrency', 'auto')
const concurrency = concurrencyFlag === 'auto' ? 'auto' : Number(concurrencyFlag)
const seed = Number(flag('seed', '1'))
const top = Number(flag('top', '25'))
// --debug: step debugging on (RUNNER_DEBUG=1), so the timeline shows the action's debug lines too.
const debug = process.argv.includes('--debug')
// --plain: no CPU profile, only the timeline (the profiler itself slows start-up).
const plain = process.argv.includes('--plain')

/** Self time per node of a .cpuprofile (Chrome format), summed by function and by package. */
export function summarize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map()
  const dt = profile.timeDeltas
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]
    self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0))
  }
  const byFunction = new Map()
  const byPackage = new Map()
  let total = 0
  for (const [id, us] of self) {
    const n = byId.get(id)
    const f = n.callFrame
    total += us
    const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''
    const name = `${f.functionName || '(anonymous)'} ${where}`.trim()
    byFunction.set(name, (byFunction.get(name) ?? 0) + us)
    const pkg = packageOf(f.url, f.functionName)
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us)
  }
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1])
  return { totalMs: total / 1000, functions: sorted(byFunction), packages: sorted(byPackage) }
}

/** Which part of the bundle a frame is in: by the bundle's line ranges per source file, when known. */
let bundleMap
function packageOf(url, fn) {
  if (!url)
    return fn === '(garbage collector)'
      ? 'GC'
      : fn === '(program)' || fn === '(idle)'
        ? fn
        : 'native'
  if (url.startsWith('node:')) return url
  return url.includes('dist/index.js') ? 'dist/index.js' : url
}

function bundleSections() {
  // esbuild marks each module with a `// path` comment line; map line numbers to those sections.
  if (bundleMap) return bundleMap
  const lines = fs.readFileSync(path.join(root, 'dist', 'index.js'), 'utf8').split('\n')
  const sections = []
  lines.forEach((line, i) => {
    const m = /^\/\/ (node_modules\/(@[^/]+\/[^/]+|[^/]+)|src\/[^ ]+)/.exec(line)
    if (m) sections.push({ line: i + 1, name: m[2] ?? m[1] })
  })
  bundleMap = sections
  return sections
}

function sectionOf(line) {
  const s = bundleSections()
  let lo = 0
  let hi = s.length - 1
  let found = '(bundle prelude)'
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (s[mid].line <= line) {
      found = s[mid].name
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** Self time by bundled module (node_modules package or src file). */
export function byModule(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const out = new Map()
  const dt = profile.timeDeltas
  for (let i = 0; i < profile.samples.length; i++) {
    const f = byId.get(profile.samples[i]).callFrame
    let name
    if (f.url.includes('dist/index.js')) name = sectionOf(f.lineNumber + 1)
    else name = packageOf(f.url, f.functionName)
    out.set(name, (out.get(name) ?? 0) + (dt[i] ?? 0))
  }
  return [...out.entries()].sort((a, b) => b[1] - a[1])
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'))
  const spec = buildSpec({ size, seed })
  const site = new Site(path.join(tmp, 'site'), spec)
  site.writeAll()
  const sink = await startSink()
  let proxy
  try {
    proxy = await startProxy({ upstream: sink.endpoint, latencyMs: latency })
    const server = sinkServer(sink)
    const bucket = `bench-profile-${Date.now()}`
    await server.createBucket(bucket)
    const cdn = contenders().find((c) => c.name === 'cdn-publish' && c.setting === 'default')
    const ctx = {
      endpoint: proxy.endpoint,
      bucket,
      siteDir: site.dir,
      workDir: tmp,
      cacheValue: 'public, max-age=60',
    }
    const profDir = path.join(root, 'bench', 'results', 'profiles')
    fs.mkdirSync(profDir, { recursive: true })
    const run = async (profiled) => {
      const p = await cdn.prepare(ctx)
      p.env.INPUT_CONCURRENCY = String(concurrency)
      if (debug && profiled) p.env.RUNNER_DEBUG = '1'
      if (profiled && process.env.CLIENT_NODE_OPTIONS)
        p.env.NODE_OPTIONS = process.env.CLIENT_NODE_OPTIONS
      const args =
        profiled && !plain
          ? [
              '--cpu-prof',
              `--cpu-prof-dir=${profDir}`,
              `--cpu-prof-name=cdn-publish-${size}-${scenario}.cpuprofile`,
              ...p.args,
            ]
          : p.args
      proxy.reset()
      const r = await measure(p.command, args, { env: p.env, timeoutMs: 600_000 })
      if (r.code !== 0)
        throw new Error(`cdn-publish failed: ${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`)
      return { r, stats: proxy.stats() }
    }
    if (scenario !== 'first') await run(false)
    if (scenario === 'change') {
      await new Promise((resolve) => setTimeout(resolve, 1100))
      site.change()
    }
    // The header-only change: the cache rule's value changes (as in bench/run.mjs), the bytes do not.
    if (scenario === 'cache') ctx.cacheValue = 'public, max-age=300'
    const { r, stats } = await run(true)
    if (plain) {
      console.log(
        `wall ${(r.wallMs / 1000).toFixed(3)} s, user ${r.userS} s, sys ${r.sysS} s, peak RSS ${Math.round(r.maxRssKB / 1024)} MB`,
      )
      for (const [at, line] of r.timeline) console.log(`  ${String(at).padStart(7)}  ${line}`)
      await server.dropBucket(bucket)
      return
    }
    const file = path.join(profDir, `cdn-publish-${size}-${scenario}.cpuprofile`)
    const profile = JSON.parse(fs.readFileSync(file, 'utf8'))
    const summary = summarize(profile)
    console.log(
      `cdn-publish ${size} ${scenario} (latency ${latency} ms, concurrency ${concurrency}): wall ${(r.wallMs / 1000).toFixed(2)} s, ` +
        `user ${r.userS} s, sys ${r.sysS} s, peak RSS ${Math.round(r.maxRssKB / 1024)} MB, requests ${JSON.stringify(stats.ops)}`,
    )
    console.log(`profile: ${path.relative(root, file)} (${summary.totalMs.toFixed(0)} ms sampled)`)
    console.log('\nSelf time by module (bundled package or source file):')
    for (const [name, us] of byModule(profile).slice(0, top))
      console.log(`  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`)
    console.log('\nSelf time by function:')
    for (const [name, us] of summary.functions.slice(0, top))
      console.log(`  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`)
    console.log(
      '\nPhases (ms after spawn when the action printed the line; stdout is flushed as written):',
    )
    for (const [at, line] of r.timeline) console.log(`  ${String(at).padStart(7)}  ${line}`)
    console.log(`  ${String(Math.round(r.wallMs)).padStart(7)}  exit`)
    await server.dropBucket(bucket)
  } finally {
    await proxy?.close()
    await sink.stop()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

await main()

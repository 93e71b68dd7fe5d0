// node bench/atomic.mjs [--size 1.5k] [--runs 3] [--latency 50] [--out bench/results]
//
// Issue 19's measurement: an atomic deploy (atomic: true) against an in-place deploy of the same
// change, and a rollback, at a 50 ms round trip. moto_server behind the strict AWS layer serves S3,
// CloudFront and the KeyValueStore (the atomic deploy copies objects inside S3, which the benchmark's
// in-memory sink does not do), all through one latency proxy that counts requests by operation and the
// bytes the client sends. The bundled action (dist/index.js) runs as the runner runs it, every input of
// action.yml at its default (CloudFront on), with a new commit SHA per deploy.
//
// Per run, both sequences, alternating which goes first:
//   in place: first deploy, 1% of the files changed, no-op;
//   atomic:   first deploy, 1% changed, the same commit again (no-op), mode: rollback.
// For the atomic 1% change, the strict edge (reached directly, not through the proxy) is asked for a
// changed file every 10 ms from the start of the deploy: the time from the log line that follows the
// pointer's write ("Build ... is live") to the first answer with the new bytes is reported.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startMoto } from '../scripts/moto.mjs'
import { startStrictAws } from '../scripts/strict-aws.mjs'
import { cloudFrontOperation, operation, startProxy } from './proxy.mjs'
import { buildSpec, Site } from './site.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const arg = (name, fallback) =>
  process.argv.includes(`--${name}`)
    ? process.argv[process.argv.indexOf(`--${name}`) + 1]
    : fallback
const size = arg('size', '1.5k')
const runs = Number(arg('runs', '3'))
const latencyMs = Number(arg('latency', '50'))
const outDir = arg('out', path.join(root, 'bench', 'results'))
const bundle = path.join(root, 'dist', 'index.js')

/** The inputs action.yml declares with a default, as the runner fills them in. */
function actionDefaults() {
  const out = {}
  let inInputs = false
  let name
  for (const line of fs.readFileSync(path.join(root, 'action.yml'), 'utf8').split('\n')) {
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
      out[name] = v.replace(/\$\{\{\s*github\.token\s*\}\}/, '')
    }
  }
  return out
}

/** S3 by operation; CloudFront and the KeyValueStore data plane by their own names. */
function classify(method, url, headers) {
  if (url.pathname.startsWith('/2020-05-31/'))
    return `CloudFront ${cloudFrontOperation(method, url)}`
  if (url.pathname.startsWith('/key-value-stores')) return `KVS ${method}`
  return operation(method, url, headers)
}

const DEFAULTS = actionDefaults()

/** One run of the bundled action; resolves with its wall time, outputs and when `watch` was printed. */
async function runAction(work, inputs, sha, endpoint, watch) {
  const outputFile = path.join(work, `output-${Math.random().toString(36).slice(2)}`)
  await fsp.writeFile(outputFile, '')
  const eventPath = path.join(work, 'event.json')
  await fsp.writeFile(
    eventPath,
    JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'octo/site' } }),
  )
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: work,
    TMPDIR: os.tmpdir(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'octo/site',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: sha,
    GITHUB_RUN_ID: '1000',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKSPACE: work,
    GITHUB_OUTPUT: outputFile,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ENDPOINT_URL_CLOUDFRONT: endpoint,
    AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE: endpoint,
    NODE_NO_WARNINGS: '1',
  }
  for (const [name, value] of Object.entries({ ...DEFAULTS, ...inputs }))
    env[`INPUT_${name.toUpperCase()}`] = value
  const started = performance.now()
  let seen
  let stdout = ''
  const child = spawn(process.execPath, [bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout.on('data', (chunk) => {
    stdout += chunk.toString()
    if (watch && seen === undefined && watch.test(stdout)) seen = performance.now()
  })
  const code = await new Promise((resolve) => child.on('exit', resolve))
  const wallMs = performance.now() - started
  if (code !== 0) throw new Error(`the action failed (${code}):\n${stdout.slice(-3000)}`)
  const outputs = {}
  const text = await fsp.readFile(outputFile, 'utf8')
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]] = m[3]
  return { wallMs, outputs, seenAt: seen }
}

/** The bytes the strict edge serves for a path of a distribution (directly, no latency). */
function edgeGet(edge, id, key) {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(`/strict-edge/${id}/${key}`, edge), (response) => {
      const chunks = []
      response.on('data', (c) => chunks.push(c))
      response.on('end', () =>
        resolve({ status: response.statusCode, body: Buffer.concat(chunks) }),
      )
    })
    request.on('error', reject)
  })
}

const md5 = (b) => createHash('md5').update(b).digest('hex')
const median = (values) => {
  const v = values.filter((x) => x !== undefined).sort((a, b) => a - b)
  return v.length === 0 ? undefined : v[Math.floor((v.length - 1) / 2)]
}

async function main() {
  const moto = await startMoto()
  const strict = await startStrictAws({ upstream: moto.endpoint })
  const proxy = await startProxy({ upstream: strict.endpoint, latencyMs, classify })
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'bench-atomic-'))
  console.log(
    `moto ${moto.endpoint} (pid ${moto.pid}), strict layer ${strict.endpoint} (pid ${strict.pid}), proxy ${proxy.endpoint} at ${latencyMs} ms`,
  )
  const rows = []
  const propagation = []
  try {
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? ['in place', 'atomic'] : ['atomic', 'in place']
      for (const mode of order) {
        const bucket = `bench-${mode === 'atomic' ? 'atomic' : 'inplace'}-${run}-${Date.now() % 100000}`
        await fetch(new URL(`/${bucket}`, moto.endpoint), { method: 'PUT' })
        const site = new Site(path.join(work, `${bucket}-site`), buildSpec({ size, seed: 1 }))
        site.writeAll()
        const inputs = {
          source: site.dir,
          bucket,
          ...(mode === 'atomic' ? { atomic: 'true' } : {}),
        }
        const step = async (name, sha, extra = {}, watch) => {
          proxy.reset()
          const result = await runAction(
            work,
            { ...inputs, ...extra },
            sha.repeat(40).slice(0, 40),
            proxy.endpoint,
            watch,
          )
          const stats = proxy.stats()
          rows.push({
            run,
            mode,
            step: name,
            wallMs: result.wallMs,
            requests: stats.requests,
            ops: stats.ops,
            bytesSent: stats.bytesSent,
            outputs: result.outputs,
          })
          console.log(
            `${run} ${mode} ${name}: ${(result.wallMs / 1000).toFixed(2)} s, ${stats.requests} requests, ${(stats.bytesSent / 1e6).toFixed(1)} MB sent`,
          )
          return result
        }
        const first = await step('first deploy', 'a')
        const id = first.outputs['distribution-id']
        const changed = site.change(0.01, 1)
        const expected = site.expected()
        const probe = changed.find((f) => !f.big) ?? changed[0]
        const want = expected.get(probe.key).md5
        // Poll the edge during the deploy: the first answer with the new bytes.
        let newAt
        let polling = mode === 'atomic'
        const poller = (async () => {
          while (polling) {
            const answer = await edgeGet(strict.endpoint, id, probe.key).catch(() => undefined)
            if (answer && answer.status === 200 && md5(answer.body) === want && newAt === undefined)
              newAt = performance.now()
            await new Promise((resolve) => setTimeout(resolve, 10))
          }
        })()
        const change = await step('1% changed', 'b', {}, /Build [0-9a-f-]+ is live for/)
        polling = false
        await poller
        if (mode === 'atomic')
          propagation.push(
            newAt !== undefined && change.seenAt !== undefined ? newAt - change.seenAt : undefined,
          )
        await step('no-op', 'b')
        if (mode === 'atomic') await step('rollback', 'b', { source: '', mode: 'rollback' })
        await fsp.rm(site.dir, { recursive: true, force: true })
      }
    }
  } finally {
    await proxy.close()
    await strict.stop()
    await moto.stop()
    await fsp.rm(work, { recursive: true, force: true })
  }
  report(rows, propagation)
}

function report(rows, propagation) {
  const steps = ['first deploy', '1% changed', 'no-op', 'rollback']
  const sum = (ops, test) =>
    Object.entries(ops)
      .filter(([k]) => test(k))
      .reduce((s, [, v]) => s + v, 0)
  const lines = [
    `# Atomic deploys against in place, ${latencyMs} ms round trip (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Site: bench/site.mjs size ${size}; ${runs} interleaved run(s) per sequence, medians; moto_server 5.2 behind the strict AWS layer, one latency proxy for S3, CloudFront and the KeyValueStore; CloudFront on (inputs at their defaults); this machine: ${os.cpus().length} cores. Command: \`node bench/atomic.mjs --size ${size} --runs ${runs} --latency ${latencyMs}\`.`,
    '',
    '| Sequence | Step | Wall (s) | Requests | PutObject | CopyObject | S3 reads (GET/HEAD/List) | DeleteObjects | CloudFront | Invalidations | KVS | Bytes sent (MB) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  const out = []
  for (const mode of ['in place', 'atomic'])
    for (const step of steps) {
      const rs = rows.filter((r) => r.mode === mode && r.step === step)
      if (rs.length === 0) continue
      const m = (f) => median(rs.map(f))
      const row = {
        mode,
        step,
        wallS: m((r) => r.wallMs) / 1000,
        requests: m((r) => r.requests),
        put: m((r) => sum(r.ops, (k) => k === 'PutObject' || k === 'UploadPart')),
        copy: m((r) => sum(r.ops, (k) => k === 'CopyObject')),
        reads: m((r) =>
          sum(r.ops, (k) =>
            [
              'GetObject',
              'HeadObject',
              'ListObjectsV2',
              'ListObjects',
              'HeadBucket',
              'other',
            ].includes(k),
          ),
        ),
        deletes: m((r) => sum(r.ops, (k) => k === 'DeleteObjects' || k === 'DeleteObject')),
        cloudfront: m((r) => sum(r.ops, (k) => k.startsWith('CloudFront '))),
        invalidations: m((r) => sum(r.ops, (k) => k === 'CloudFront CreateInvalidation')),
        kvs: m((r) => sum(r.ops, (k) => k.startsWith('KVS '))),
        mbSent: m((r) => r.bytesSent) / 1e6,
      }
      out.push(row)
      lines.push(
        `| ${mode} | ${step} | ${row.wallS.toFixed(2)} | ${row.requests} | ${row.put} | ${row.copy} | ${row.reads} | ${row.deletes} | ${row.cloudfront} | ${row.invalidations} | ${row.kvs} | ${row.mbSent.toFixed(2)} |`,
      )
    }
  const p = median(propagation)
  lines.push(
    '',
    `Pointer write to the first edge answer with the new bytes (atomic, 1% changed; from the log line that follows the write's answer, the edge polled every 10 ms): median ${p === undefined ? 'not seen' : `${Math.max(0, p).toFixed(0)} ms`} (runs: ${propagation.map((x) => (x === undefined ? '-' : `${Math.max(0, x).toFixed(0)} ms`)).join(', ')}). The test edge reads the store on every request, so this is the emulator's figure, not CloudFront's.`,
  )
  const text = lines.join('\n') + '\n'
  console.log(text)
  const base = path.join(outDir, `${new Date().toISOString().slice(0, 10)}-${latencyMs}ms-atomic`)
  fs.mkdirSync(outDir, { recursive: true })
  fs.writeFileSync(`${base}.md`, text)
  fs.writeFileSync(
    `${base}.json`,
    JSON.stringify({ size, runs, latencyMs, rows, propagation, medians: out }, null, 2) + '\n',
  )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

// npm run demo: publish examples/site to a local emulator (moto_server) with the bundled action, as a
// workflow step would, print its outputs, then deploy again to show that an unchanged build sends nothing.
import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { parseOutputs } from '../bench/outputs.mjs'
import { startMoto } from './moto.mjs'
import { startStrictAws } from './strict-aws.mjs'

// The SDK warns, on Node 20, that its releases after January 2027 need Node 22; the action itself runs
// on node24. Keep the demo's output to the demo: print every other warning as Node would.
process.removeAllListeners('warning')
process.on('warning', (warning) => {
  const text = `${warning.name}: ${warning.message}`
  if (!text.includes('NodeVersionSupportWarning')) console.error(`Warning: ${text}`)
})

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bucket = 'demo-site'

async function runAction(endpoint, inputs) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cdn-publish-demo-'))
  const outputFile = path.join(dir, 'output')
  const summaryFile = path.join(dir, 'summary.md')
  await fs.writeFile(outputFile, '')
  await fs.writeFile(summaryFile, '')
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: 'demo',
    AWS_SECRET_ACCESS_KEY: 'demo',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: endpoint,
    GITHUB_WORKSPACE: root,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    // The AWS SDK warns on Node 20 that its future versions need Node 22; the action runs on node24.
    NODE_NO_WARNINGS: '1',
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const child = spawn(process.execPath, [path.join(root, 'dist', 'index.js')], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const code = await new Promise((resolve) => child.on('close', resolve))
  const outputs = parseOutputs(await fs.readFile(outputFile, 'utf8'))
  const summary = await fs.readFile(summaryFile, 'utf8')
  await fs.rm(dir, { recursive: true, force: true })
  return { code, outputs, summary }
}

const moto = await startMoto()
// The action talks to the strict layer, which answers as real AWS does where moto forgives.
const strict = await startStrictAws({ upstream: moto.endpoint })
let failed = false
try {
  console.log(`Emulator (moto_server) at ${moto.endpoint}, pid ${moto.pid}`)
  console.log(`Strict AWS layer in front of it at ${strict.endpoint}, pid ${strict.pid}`)
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
  })
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
  const inputs = { source: 'examples/site', bucket, prefix: '', 'cache-control': '' }

  console.log('\n=== First deploy of examples/site ===')
  const first = await runAction(strict.endpoint, inputs)
  console.log('\nOutputs:', JSON.stringify(first.outputs, null, 2))
  console.log('\nJob summary:\n' + first.summary)

  console.log('=== Second deploy, nothing changed ===')
  const second = await runAction(strict.endpoint, inputs)
  console.log('\nOutputs:', JSON.stringify(second.outputs, null, 2))

  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }))
  console.log(`\nObjects in s3://${bucket}/:`)
  for (const o of listed.Contents ?? []) console.log(`  ${o.Key} (${o.Size} bytes)`)
  failed = first.code !== 0 || second.code !== 0
  if (failed) console.error('\nThe demo deploy failed; see the log above.')
} finally {
  await strict.stop()
  await moto.stop()
}
process.exitCode = failed ? 1 : 0

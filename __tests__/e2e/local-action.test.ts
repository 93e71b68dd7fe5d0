// GitHub's local-action debugger runs the action from its sources, as `npx @github/local-action .
// src/main.ts .env` does from the repo root: it imports run() from src/main.ts with its own TypeScript
// loader, stubs @actions/core from this repo's node_modules, sets the dotenv file's lines as
// environment variables, and prints in a table the outputs the action set through @actions/core.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { GetDistributionCommand } from '@aws-sdk/client-cloudfront'
import YAML from 'yaml'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { repoRoot } from '../helpers/action.js'
import {
  cloudFrontTestClient,
  createBucket,
  listKeys,
  testClient,
  uniqueBucket,
} from '../helpers/s3.js'
import { writeTree } from '../helpers/site.js'

// The action talks to the strict AWS layer; the test reads what it left in moto.
const awsEndpoint = inject('awsEndpoint')
const s3 = testClient(inject('motoEndpoint'))
const cf = cloudFrontTestClient(inject('motoEndpoint'))

/** The installed devDependency: npx would pick the same file, without asking the registry. */
const LOCAL_ACTION = path.join(repoRoot, 'node_modules', '.bin', 'local-action')
/** It compiles src/ and the SDKs on the fly (a few seconds alone, more beside other tests on 2 cores). */
const RUN_DEADLINE_MS = 150_000

const site = {
  'index.html': '<!doctype html><title>home</title><script src="/assets/app.1a2b3c4d.js"></script>',
  'about/index.html': '<!doctype html><title>about</title>',
  'assets/app.1a2b3c4d.js': 'console.log("app")',
}
const siteBytes = Object.values(site).reduce((sum, text) => sum + Buffer.byteLength(text), 0)

let workspace: string

beforeAll(async () => {
  workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'cdn-publish-local-action-'))
  await writeTree(path.join(workspace, 'site'), site)
})
afterAll(async () => {
  await fs.rm(workspace, { recursive: true, force: true })
})

interface LocalActionRun {
  code: number | null
  output: string
}

/** Run local-action from the repo root with this dotenv file, as a developer would. */
async function localAction(dotenv: string): Promise<LocalActionRun> {
  const env: Record<string, string> = {}
  // Only what the dotenv file says reaches the action: none of the runner's or the test's own
  // INPUT_*, AWS_* or GITHUB_* variables (on CI, GITHUB_* describe the real job).
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && !/^(INPUT_|AWS_|GITHUB_|ACTIONS_|RUNNER_)/.test(name))
      env[name] = value
  delete env.NO_COLOR
  Object.assign(env, {
    // local-action runs `npm exec tsx` and `npm ls`: both must be answered from node_modules.
    npm_config_offline: 'true',
    // Plain text, so that the output table can be read back.
    FORCE_COLOR: '0',
  })
  // Its own process group: local-action runs npm, which runs tsx, which runs node; a run past the
  // deadline is stopped as a whole, by the group's id.
  const child = spawn(LOCAL_ACTION, ['.', 'src/main.ts', dotenv], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  let late = false
  const timer = setTimeout(() => {
    late = true
    process.kill(-child.pid!, 'SIGKILL')
  }, RUN_DEADLINE_MS)
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(timer)
  if (late) throw new Error(`local-action did not finish in ${RUN_DEADLINE_MS} ms:\n${output}`)
  return { code, output }
}

/** The rows of the "Action Outputs" table local-action prints at the end (console.table). */
function outputTable(output: string): Record<string, string> {
  const at = output.lastIndexOf('Action Outputs')
  if (at < 0) return {}
  const rows: Record<string, string> = {}
  for (const m of output.slice(at).matchAll(/^│ \d+\s+│ '([^']*)'\s+│ '([^']*)'\s+│$/gm))
    rows[m[1]!] = m[2]!
  return rows
}

function declaredOutputs(): string[] {
  const action = YAML.parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as {
    outputs: Record<string, unknown>
  }
  return Object.keys(action.outputs)
}

describe('GitHub local-action', () => {
  it(
    'runs src/main.ts with the inputs of a dotenv file, publishes, and shows every output with its value',
    async () => {
      const bucket = uniqueBucket('local-action')
      await createBucket(s3, bucket)
      const dotenv = path.join(workspace, '.env')
      await fs.writeFile(
        dotenv,
        [
          'AWS_ACCESS_KEY_ID=local',
          'AWS_SECRET_ACCESS_KEY=local-emulator-secret',
          'AWS_REGION=us-east-1',
          `AWS_ENDPOINT_URL=${awsEndpoint}`,
          `GITHUB_WORKSPACE=${workspace}`,
          'INPUT_SOURCE=site',
          `INPUT_BUCKET=${bucket}`,
          'INPUT_PREFIX=docs',
          '',
        ].join('\n'),
      )

      const run = await localAction(dotenv)

      expect(run.code, run.output).toBe(0)
      expect(run.output).not.toContain('No outputs were set!')
      // setFailed reaches the stub's log as ::error:: (local-action still exits 0).
      expect(run.output).not.toMatch(/^::error/m)
      const keys = await listKeys(s3, bucket)
      expect(keys.filter((k) => !k.startsWith('docs/.cdn-publish/'))).toEqual(
        Object.keys(site)
          .map((k) => `docs/${k}`)
          .sort(),
      )
      const outputs = outputTable(run.output)
      expect(Object.keys(outputs).sort(), run.output).toEqual(declaredOutputs().sort())
      const id = outputs['distribution-id']!
      expect(id).toMatch(/^[A-Z0-9]+$/)
      const { Distribution } = await cf.send(new GetDistributionCommand({ Id: id }))
      // The distribution it creates for a prefix serves that prefix at its root.
      expect(Distribution!.DistributionConfig!.Origins!.Items![0]!.OriginPath).toBe('/docs')
      expect(outputs).toEqual({
        uploaded: String(Object.keys(site).length),
        updated: '0',
        deleted: '0',
        unchanged: '0',
        'bytes-uploaded': String(siteBytes),
        'distribution-id': id,
        'cdn-domain': Distribution!.DomainName,
        url: `https://${Distribution!.DomainName}/`,
        // A new distribution has nothing cached: no invalidation.
        'invalidation-id': '',
        'invalidated-paths': '0',
        prefix: 'docs',
        'key-group-id': '',
        'public-key-id': '',
        'build-id': '',
        'previous-build-id': '',
        'signed-urls': '{}',
        pruned: '[]',
      })
    },
    RUN_DEADLINE_MS + 30_000,
  )
})

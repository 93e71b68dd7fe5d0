// Run the bundled action (dist/index.js) as the GitHub runner does: inputs as INPUT_<NAME> variables
// (with every default of action.yml filled in, as the runner fills them), the runner's context, outputs and the job summary through the files GITHUB_OUTPUT and GITHUB_STEP_SUMMARY name.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import YAML from 'yaml'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const bundle = path.join(repoRoot, 'dist', 'index.js')

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** `::error::` and `::warning::` lines, decoded. */
  errors: string[]
  warnings: string[]
}

/** Parse the GITHUB_OUTPUT file: `name<<DELIM\nvalue\nDELIM` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!)
    if (!m) continue
    const [, name, delimiter] = m
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!)
    outputs[name!] = value.join('\n')
  }
  return outputs
}

function decodeCommand(value: string): string {
  return value.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
}

function commands(stdout: string, kind: string): string[] {
  const re = new RegExp(`^::${kind}(?: [^:]*)?::(.*)$`, 'gm')
  return [...stdout.matchAll(re)].map((m) => decodeCommand(m[1]!))
}

/** An input of action.yml: its default, if it has one, exactly as written there. */
interface ActionInput {
  default?: string
}

let declared: Record<string, ActionInput> | undefined

/** The inputs action.yml declares (read once per test process). */
export function declaredInputs(): Record<string, ActionInput> {
  if (declared === undefined) {
    const text = readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')
    const parsed = YAML.parse(text) as { inputs: Record<string, { default?: unknown }> }
    declared = {}
    for (const [name, spec] of Object.entries(parsed.inputs))
      declared[name] =
        spec.default === undefined
          ? {}
          : {
              default:
                typeof spec.default === 'string' ? spec.default : JSON.stringify(spec.default),
            }
  }
  return declared
}

/** The token the runner puts in for `${{ github.token }}` in these tests. */
export const RUNNER_TOKEN = 'ghs_runnerDefaultToken0000000000000000'

/** Evaluate the few expressions action.yml's defaults use, as the runner does before the step starts. */
function evaluateDefault(value: string): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'github.token') return RUNNER_TOKEN
    throw new Error(`action.yml: the harness cannot evaluate the default \${{ ${expression} }}`)
  })
}

/**
 * The environment the runner gives the step for these inputs: INPUT_<NAME> for every input the workflow
 * names and for every other input that has a default in action.yml (the runner sets those whether the
 * workflow names them or not), with expression defaults evaluated.
 */
export function runnerInputs(inputs: Record<string, string>): Record<string, string> {
  const all = declaredInputs()
  for (const name of Object.keys(inputs))
    if (!(name in all))
      throw new Error(`the test gives an input action.yml does not declare: ${name}`)
  const env: Record<string, string> = {}
  for (const [name, spec] of Object.entries(all)) {
    const value = name in inputs ? inputs[name] : spec.default
    if (value === undefined) continue
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] =
      name in inputs ? value : evaluateDefault(value)
  }
  return env
}

/** A push to main of a repository, as the runner describes it (tests override what they need). */
async function runnerContext(dir: string): Promise<Record<string, string>> {
  const eventPath = path.join(dir, 'event.json')
  await fs.writeFile(
    eventPath,
    JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'octo/site' } }),
  )
  for (const file of ['state', 'env', 'path']) await fs.writeFile(path.join(dir, file), '')
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
    // Nothing listens there: a test that wants the GitHub API gives its own fake's URL.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_GRAPHQL_URL: 'http://127.0.0.1:9/graphql',
    GITHUB_STATE: path.join(dir, 'state'),
    GITHUB_ENV: path.join(dir, 'env'),
    GITHUB_PATH: path.join(dir, 'path'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'test-runner',
    RUNNER_TEMP: dir,
  }
}

export interface StartedAction {
  child: ChildProcess
  done: Promise<ActionRun>
}

/**
 * Start dist/index.js as the runner does: these inputs (names as in action.yml) plus every default of
 * action.yml, the runner's GITHUB_* context (a push to main unless `env` says otherwise) and `env` on
 * top; `done` resolves when it exits. AWS credentials are dummies; the endpoint is passed by the caller.
 */
export async function startAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<StartedAction> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cdn-publish-run-'))
  const outputFile = path.join(dir, 'output')
  const summaryFile = path.join(dir, 'summary')
  await fs.writeFile(outputFile, '')
  await fs.writeFile(summaryFile, '')
  const base: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (
      value !== undefined &&
      !name.startsWith('INPUT_') &&
      !name.startsWith('AWS_') &&
      !name.startsWith('GITHUB_')
    )
      base[name] = value
  }
  const childEnv: Record<string, string> = {
    ...base,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    // The SDK warns on Node 20 that its future versions need Node 22; the action itself runs on node24.
    NODE_NO_WARNINGS: '1',
    ...(await runnerContext(dir)),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: dir,
    ...runnerInputs(inputs),
    ...env,
  }
  const child = spawn(process.execPath, [bundle], {
    env: childEnv,
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const done = (async () => {
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)))
    const outputs = parseOutputFile(await fs.readFile(outputFile, 'utf8'))
    const summary = await fs.readFile(summaryFile, 'utf8')
    await fs.rm(dir, { recursive: true, force: true })
    return {
      code,
      stdout,
      stderr,
      outputs,
      summary,
      errors: commands(stdout, 'error'),
      warnings: commands(stdout, 'warning'),
    }
  })()
  return { child, done }
}

/** Run dist/index.js to the end: see startAction. */
export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  return (await startAction(inputs, env)).done
}

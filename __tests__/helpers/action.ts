// Run the bundled action (dist/index.js) as the GitHub runner does: inputs as INPUT_<NAME> variables,
// outputs and the job summary through the files GITHUB_OUTPUT and GITHUB_STEP_SUMMARY name.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

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

export interface StartedAction {
  child: ChildProcess
  done: Promise<ActionRun>
}

/**
 * Start dist/index.js with these inputs (names as in action.yml) and extra environment, as the runner
 * does; `done` resolves when it exits. AWS credentials are dummies; the endpoint is passed by the caller.
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
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: dir,
    ...env,
  }
  for (const [name, value] of Object.entries(inputs))
    childEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  const child = spawn(process.execPath, [bundle], {
    env: childEnv,
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
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

/**
 * The runner's side of the step: workflow commands on stdout (`::warning::`, `::group::`,
 * `::add-mask::`...), outputs through the file GITHUB_OUTPUT names, the job summary through
 * GITHUB_STEP_SUMMARY, and the exit code. Written here instead of taking @actions/core, which brings an
 * HTTP client (for OIDC tokens this action never asks for) that costs every run ~50 ms of start-up.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { EOL } from 'node:os'

/** Escape a command's message: `%`, CR and LF would end or corrupt it. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Format one workflow command line (without its end of line). */
export function commandLine(command: string, message: string): string {
  return `::${command}::${escapeData(message)}`
}

/** Format an output for the GITHUB_OUTPUT file: a heredoc whose delimiter cannot occur in the value. */
export function outputBlock(name: string, value: string, delimiter: string): string {
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`The output ${name} contains its own delimiter ${delimiter}`)
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`
}

function write(line: string): void {
  process.stdout.write(line + EOL)
}

/** Step debug logging (the runner sets RUNNER_DEBUG=1): debug lines are only worth formatting then. */
export function isDebug(): boolean {
  return process.env['RUNNER_DEBUG'] === '1'
}

export function info(message: string): void {
  write(message)
}

export function debug(message: string): void {
  write(commandLine('debug', message))
}

export function warning(message: string): void {
  write(commandLine('warning', message))
}

export function error(message: string): void {
  write(commandLine('error', message))
}

/** Mask a value in every later line of the job's log. */
export function setSecret(value: string): void {
  if (value) write(commandLine('add-mask', value))
}

export async function group<T>(name: string, work: () => Promise<T>): Promise<T> {
  write(commandLine('group', name))
  try {
    return await work()
  } finally {
    write('::endgroup::')
  }
}

export function setOutput(name: string, value: string): void {
  const file = process.env['GITHUB_OUTPUT']
  if (file) {
    fs.appendFileSync(file, outputBlock(name, value, `ghadelimiter_${randomUUID()}`))
    return
  }
  // Outside a runner (or an old one): the deprecated command, so the value is at least visible.
  write(`::set-output name=${name}::${escapeData(value)}`)
}

/** Append Markdown to the job summary; throws when there is no summary file to write. */
export function appendSummary(markdown: string): void {
  const file = process.env['GITHUB_STEP_SUMMARY']
  if (!file)
    throw new Error('GITHUB_STEP_SUMMARY is not set: there is no job summary file to write')
  fs.appendFileSync(file, markdown)
}

/** Report the step as failed: an error annotation and exit code 1. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

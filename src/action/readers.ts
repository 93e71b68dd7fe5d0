/**
 * Readers of one input each, from the runner's environment (`INPUT_<NAME>`): booleans, integers, globs,
 * header rules, durations, and the character check every input goes through first. Each bad value is
 * collected (input, value, what is accepted) so that the run reports all of them at once.
 */
import { DURATION_ACCEPTED, parseDurationText } from '../core/duration.js'
import { InputError } from '../core/errors.js'
import { globProblem, splitList } from '../core/globs.js'
import { codePointLabel, hasUnsafeCharacter } from '../core/text.js'
import type { HeaderRule } from '../core/config.js'

export type Env = Readonly<Record<string, string | undefined>>

export { UNITS } from '../core/duration.js'

export const DEFAULTS = {
  include: '**',
  maxDeletes: 256,
  concurrency: 'auto',
} as const

export const MAX_CONCURRENCY = 256

/** The input as the runner passes it: `INPUT_` + upper-cased name (spaces as `_`, hyphens kept). */
export function getInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

export class Collector {
  readonly errors: InputError[] = []
  fail(input: string, value: string, accepted: string): void {
    this.errors.push(new InputError(input, value, accepted))
  }
}

/** Several bad inputs at once; the message lists each. */
export class InputErrors extends Error {
  override name = 'InputErrors'
  constructor(readonly errors: InputError[]) {
    super(
      errors.length === 1
        ? errors[0]!.message
        : `${errors.length} inputs are invalid:\n${errors.map((e) => `- ${e.message}`).join('\n')}`,
    )
  }
}

const TRUE = new Set(['true', 'True', 'TRUE'])

const FALSE = new Set(['false', 'False', 'FALSE'])

export function parseBoolean(c: Collector, env: Env, name: string, fallback: boolean): boolean {
  const raw = getInput(env, name)
  if (raw === '') return fallback
  if (TRUE.has(raw)) return true
  if (FALSE.has(raw)) return false
  c.fail(name, raw, 'expected true or false')
  return fallback
}

export function parseInteger(
  c: Collector,
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  accepted: string,
): number {
  const raw = getInput(env, name)
  if (raw === '') return fallback
  if (!/^-?\d+$/.test(raw)) {
    c.fail(name, raw, accepted)
    return fallback
  }
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    c.fail(name, raw, accepted)
    return fallback
  }
  return value
}

export function parseGlobs(c: Collector, env: Env, name: string, fallback: string): string[] {
  const raw = getInput(env, name) || fallback
  const globs = splitList(raw)
  for (const glob of globs) {
    const problem = globProblem(glob)
    if (problem) c.fail(name, glob, problem)
  }
  return globs
}

export function parseRules(
  c: Collector,
  env: Env,
  name: string,
  check: (value: string) => string | undefined,
): HeaderRule[] {
  const rules: HeaderRule[] = []
  for (const line of splitList(getInput(env, name))) {
    const at = line.indexOf(': ')
    if (at < 0) {
      c.fail(name, line, 'each line is "GLOB: VALUE", with a colon and a space after the glob')
      continue
    }
    const glob = line.slice(0, at).trim()
    const value = line.slice(at + 2).trim()
    const problem = globProblem(glob) ?? check(value)
    if (problem) {
      c.fail(name, line, problem)
      continue
    }
    rules.push({ glob, value })
  }
  return rules
}

/** Inputs whose value is a secret: an error names them, never shows them. */
const SECRET_INPUTS = new Set(['private-key', 'github-token'])

/** Inputs that take several lines; in every other input a line break is refused. */
const MULTILINE_INPUTS = new Set([
  'include',
  'exclude',
  'cache-control',
  'content-type',
  'metadata',
  'aliases',
  'tags',
  'public-key',
  'private-key',
  'sign-paths',
])

/** Inputs that hold PEM text, where Windows line ends (CR LF) are usual. */
const PEM_INPUTS = new Set(['private-key', 'public-key'])

/**
 * Every input the runner passed, checked for characters no input may hold: controls other than line
 * breaks and tabs, invisible and bidirectional marks, U+FFFD (an input that was not valid UTF-8 arrives
 * with it), before anything reads them.
 */
export function checkCharacters(c: Collector, env: Env): void {
  for (const [variable, raw] of Object.entries(env)) {
    if (!variable.startsWith('INPUT_') || raw === undefined) continue
    const name = variable.slice('INPUT_'.length).toLowerCase()
    const value = PEM_INPUTS.has(name) ? raw.replace(/\r\n/g, '\n') : raw
    const allowed = MULTILINE_INPUTS.has(name) ? /[\n\t]/g : /\t/g
    // A trailing line break (a YAML block scalar's) is trimmed like the runner's getInput trims it.
    const bad = [...value.trim().replace(allowed, ' ')].find((ch) => hasUnsafeCharacter(ch))
    if (bad === undefined) continue
    const code = codePointLabel(bad)
    c.fail(
      name,
      SECRET_INPUTS.has(name) ? '(hidden)' : value.trim(),
      `it holds ${bad === '\ufffd' ? 'U+FFFD, which is what bytes that are not valid UTF-8 become' : `the control or invisible character ${code}`}; inputs are plain text`,
    )
  }
}

/** A duration such as `7d`, `12h`, `90m` (s, m, h, d, w); empty or 0 is none. At most a year. */
export function parseDuration(c: Collector, env: Env, name: string): number {
  const raw = getInput(env, name)
  const ms = parseDurationText(raw)
  if (ms === undefined) {
    c.fail(name, raw, DURATION_ACCEPTED)
    return 0
  }
  return ms
}

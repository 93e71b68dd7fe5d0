/**
 * Inputs: read once, up front, from the runner's environment (`INPUT_<NAME>`) into a typed Config.
 * Pure: no file system, no network. Every bad value is reported with the input's name, the value and
 * what is accepted, all of them at once, before the action makes any request.
 */
import path from 'node:path'
import { InputError } from './errors.js'
import { globProblem, splitList } from './globs.js'
import { hasControlCharacter } from './keys.js'

export interface HeaderRule {
  glob: string
  value: string
}

export interface Config {
  /** Absolute path of the directory to publish. */
  source: string
  /** The source as the user wrote it, for messages. */
  sourceInput: string
  bucket: string
  /** Key prefix without leading or trailing `/`; '' for the bucket root. */
  prefix: string
  region: string
  /** A custom S3 endpoint (input, AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL), or undefined for AWS. */
  endpoint: string | undefined
  include: string[]
  exclude: string[]
  cacheControl: HeaderRule[]
  contentType: HeaderRule[]
  /** Extra metadata globs (added to the built-in list) and globs taken out of it (`!glob`). */
  metadata: { add: string[]; remove: string[] }
  delete: boolean
  /** -1 means no cap. */
  maxDeletes: number
  dryRun: boolean
  concurrency: number
  allowEmpty: boolean
}

export type Env = Readonly<Record<string, string | undefined>>

export const DEFAULTS = {
  include: '**',
  maxDeletes: 256,
  concurrency: 32,
} as const

export const MAX_CONCURRENCY = 256

/** The input as the runner passes it: `INPUT_` + upper-cased name (spaces as `_`, hyphens kept). */
export function getInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

class Collector {
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

function parseBoolean(c: Collector, env: Env, name: string, fallback: boolean): boolean {
  const raw = getInput(env, name)
  if (raw === '') return fallback
  if (TRUE.has(raw)) return true
  if (FALSE.has(raw)) return false
  c.fail(name, raw, 'expected true or false')
  return fallback
}

function parseInteger(
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

/** Why S3 would reject this bucket name, or undefined. */
export function bucketProblem(bucket: string): string | undefined {
  if (bucket.length < 3 || bucket.length > 63) return 'a bucket name has 3 to 63 characters'
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(bucket))
    return 'a bucket name uses lower-case letters, digits, dots and hyphens, and starts and ends with a letter or digit'
  if (bucket.includes('..')) return 'a bucket name must not contain two dots in a row'
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) return 'a bucket name must not look like an IP address'
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(bucket)) return 'a bucket name must not start with xn--, sthree- or amzn-s3-demo-'
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(bucket))
    return 'a bucket name must not end with -s3alias, --ol-s3, .mrap or --x-s3'
  return undefined
}

/** Why a prefix is unusable, or undefined. Expects the prefix after trailing slashes were removed. */
export function prefixProblem(prefix: string): string | undefined {
  if (prefix === '') return undefined
  if (hasControlCharacter(prefix)) return 'a prefix must not contain control characters'
  if (prefix.startsWith('/')) return 'a prefix must not start with "/" (write "site/v1", not "/site/v1")'
  if (prefix.includes('\\')) return 'a prefix uses "/" as separator, not "\\"'
  const segments = prefix.split('/')
  if (segments.some((s) => s === '..' || s === '.')) return 'a prefix must not contain "." or ".." segments'
  if (segments.some((s) => s === '')) return 'a prefix must not contain "//"'
  if (Buffer.byteLength(prefix) > 512) return 'a prefix must be at most 512 bytes'
  return undefined
}

function parseGlobs(c: Collector, env: Env, name: string, fallback: string): string[] {
  const raw = getInput(env, name) || fallback
  const globs = splitList(raw)
  for (const glob of globs) {
    const problem = globProblem(glob)
    if (problem) c.fail(name, glob, problem)
  }
  return globs
}

const HEADER_VALUE = /^[\x20-\x7e]+$/

function parseRules(
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

function cacheControlProblem(value: string): string | undefined {
  if (value === '') return 'the Cache-Control value after ": " must not be empty'
  if (!HEADER_VALUE.test(value)) return 'a Cache-Control value is printable ASCII'
  const directive = /^[a-z-]+(=("[^"]*"|[A-Za-z0-9_.-]+))?$/i
  const bad = value.split(',').map((d) => d.trim()).find((d) => !directive.test(d))
  if (bad !== undefined) return `"${bad}" is not a Cache-Control directive (e.g. "public, max-age=3600")`
  return undefined
}

function contentTypeProblem(value: string): string | undefined {
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;\s*[a-z0-9_-]+=("[^"]*"|[a-z0-9_.-]+))*$/i.test(value))
    return 'a content type is "type/subtype", optionally with parameters (e.g. "application/json; charset=utf-8")'
  return undefined
}

/** The endpoint the S3 client talks to: the input, then the SDK's standard variables. */
function resolveEndpoint(c: Collector, env: Env): string | undefined {
  const fromInput = getInput(env, 'endpoint-url')
  const name = fromInput ? 'endpoint-url' : env.AWS_ENDPOINT_URL_S3 ? 'AWS_ENDPOINT_URL_S3' : 'AWS_ENDPOINT_URL'
  const value = (fromInput || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || '').trim()
  if (value === '') return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    c.fail(name, value, 'expected an http:// or https:// URL such as https://<account>.r2.cloudflarestorage.com')
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    c.fail(name, value, 'expected an http:// or https:// URL')
    return undefined
  }
  if (url.username || url.password) {
    c.fail(name, '(redacted)', 'credentials must not be part of the endpoint URL')
    return undefined
  }
  return value.replace(/\/+$/, '')
}

/** Parse and validate every input. Throws InputErrors listing all bad values. */
export function parseConfig(env: Env): Config {
  const c = new Collector()

  const sourceInput = getInput(env, 'source')
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  let source = ''
  if (sourceInput === '') c.fail('source', sourceInput, 'the directory to publish is required')
  else if (hasControlCharacter(sourceInput)) c.fail('source', sourceInput, 'a path must not contain control characters')
  else {
    source = path.resolve(workspace, sourceInput)
    if (source === path.parse(source).root)
      c.fail('source', sourceInput, 'the file system root cannot be published; name the build directory (e.g. dist)')
  }

  const bucket = getInput(env, 'bucket')
  if (bucket === '') c.fail('bucket', bucket, 'the bucket name is required')
  else {
    const problem = bucketProblem(bucket)
    if (problem) c.fail('bucket', bucket, problem)
  }

  const prefixRaw = getInput(env, 'prefix').normalize('NFC')
  const prefix = prefixRaw.replace(/\/+$/, '')
  const prefixIssue = prefixProblem(prefix)
  if (prefixIssue) c.fail('prefix', prefixRaw, prefixIssue)

  const region = getInput(env, 'region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1'
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(region))
    c.fail(getInput(env, 'region') ? 'region' : env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION', region,
      'expected a region name such as eu-west-1')

  const endpoint = resolveEndpoint(c, env)
  const include = parseGlobs(c, env, 'include', DEFAULTS.include)
  if (include.length === 0) c.fail('include', getInput(env, 'include'), 'at least one glob is needed')
  const exclude = parseGlobs(c, env, 'exclude', '')

  const cacheControl = parseRules(c, env, 'cache-control', cacheControlProblem)
  const contentType = parseRules(c, env, 'content-type', contentTypeProblem)

  const metadata = { add: [] as string[], remove: [] as string[] }
  for (const line of splitList(getInput(env, 'metadata'))) {
    const negated = line.startsWith('!')
    const glob = negated ? line.slice(1).trim() : line
    const problem = globProblem(glob)
    if (problem) c.fail('metadata', line, problem)
    else (negated ? metadata.remove : metadata.add).push(glob)
  }

  const del = parseBoolean(c, env, 'delete', true)
  const maxDeletes = parseInteger(c, env, 'max-deletes', DEFAULTS.maxDeletes, -1, Number.MAX_SAFE_INTEGER,
    'expected a whole number of objects, 0 or more, or -1 for no cap')
  const dryRun = parseBoolean(c, env, 'dry-run', false)
  const concurrency = parseInteger(c, env, 'concurrency', DEFAULTS.concurrency, 1, MAX_CONCURRENCY,
    `expected a whole number of parallel requests from 1 to ${MAX_CONCURRENCY}`)
  const allowEmpty = parseBoolean(c, env, 'allow-empty', false)

  if (source && del && source === path.resolve(workspace) && getInput(env, 'include') === '')
    c.fail('source', sourceInput,
      'publishing the whole workspace with delete: true and no include would mirror the repository; ' +
        'point source at the build directory, or set include')

  if (c.errors.length > 0) throw new InputErrors(c.errors)
  return {
    source,
    sourceInput,
    bucket,
    prefix,
    region,
    endpoint,
    include,
    exclude,
    cacheControl,
    contentType,
    metadata,
    delete: del,
    maxDeletes,
    dryRun,
    concurrency,
    allowEmpty,
  }
}

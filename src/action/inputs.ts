/**
 * Inputs: read once, up front, from the runner's environment (`INPUT_<NAME>`) into a typed Config.
 * Pure: no file system, no network. Every bad value is reported with the input's name, the value and
 * what is accepted, all of them at once, before the action makes any request.
 */
import path from 'node:path'
import { InputError } from '../core/errors.js'
import { globProblem, splitList } from '../core/globs.js'
import { hasControlCharacter } from '../core/keys.js'
import { codePointLabel, hasUnsafeCharacter } from '../core/text.js'
import {
  checkPublicKeyCount,
  privateKeyProblem,
  publicKeyProblem,
  splitPems,
} from '../cloudfront/signing.js'
import {
  fillPlaceholders,
  PULL_REQUEST_EVENTS,
  readContext,
  staticRoot,
  type RunContext,
} from './context.js'

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
  /**
   * The prefix this run writes under, placeholders filled, without leading or trailing `/`; '' for the
   * bucket root. For a preview: `<prefix>/<preview prefix>`.
   */
  prefix: string
  /**
   * What the distribution serves as its origin path: the `prefix` input, or for a template its fixed part
   * before the first placeholder (`releases` for `releases/{tag}`).
   */
  basePrefix: string
  /** Site keys (relative to `prefix`) this run never publishes nor deletes: the preview root, for production. */
  protect: string[]
  mode: 'publish' | 'remove'
  allowRootRemoval: boolean
  removeDistribution: boolean
  preview: PreviewConfig
  github: GitHubConfig
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
  /** delete-grace in milliseconds: objects that left the build are marked and deleted after it (0: at once). */
  deleteGraceMs: number
  /** -1 means no cap. */
  maxDeletes: number
  dryRun: boolean
  concurrency: number
  /** Seconds a request may stay silent before it is abandoned and retried. */
  requestTimeoutSeconds: number
  allowEmpty: boolean
  cdn: CdnConfig
}

export interface PreviewConfig {
  enabled: boolean
  /** `preview-prefix` as written (`previews/pr-{number}`). */
  template: string
  /** The part before the first placeholder (`previews`): belongs to previews. */
  root: string
  /** Host-based previews: `*.<domain>` maps `pr-42.<domain>` to `<root>/pr-42`. */
  domain: string | undefined
}

export interface GitHubConfig {
  token: string | undefined
  /** GITHUB_API_URL (GitHub Enterprise), default https://api.github.com. */
  apiUrl: string
  context: RunContext
}

export type PriceClass = 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All'

export interface CdnConfig {
  /** Manage CloudFront at all (false for S3-compatible stores without a CloudFront endpoint). */
  enabled: boolean
  /** Why CloudFront is skipped, for the log. */
  skipReason: string | undefined
  distributionId: string | undefined
  /** Lower-case host names, in input order, without duplicates. */
  aliases: string[]
  certificateArn: string | undefined
  createDistribution: boolean
  createBucket: boolean
  /** undefined: not set (PriceClass_100 for a new distribution; an existing one keeps its own). */
  priceClass: PriceClass | undefined
  tags: Array<{ key: string; value: string }>
  wait: boolean
  waitTimeoutSeconds: number
  prettyUrls: boolean
  spa: boolean
  /** Purge changed paths from the CDN after the deploy. */
  invalidate: boolean
  /** The path budget of one deploy's invalidation. */
  invalidationMaxPaths: number
  /** A wait that times out fails the step instead of warning. */
  failOnWaitTimeout: boolean
  /** signed: the default behaviour requires signed URLs or cookies. undefined: not set (public). */
  viewerAccess: 'public' | 'signed' | undefined
  /** Public keys (PEM) viewers' signatures are checked with. */
  publicKeys: string[]
  /** The private key to sign `signPaths` with (never logged). */
  privateKey: string | undefined
  signPaths: string[]
  signExpiresMs: number
  /** A CloudFront endpoint (AWS_ENDPOINT_URL_CLOUDFRONT or AWS_ENDPOINT_URL), for emulators. */
  endpoint: string | undefined
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
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket))
    return 'a bucket name must not look like an IP address'
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(bucket))
    return 'a bucket name must not start with xn--, sthree- or amzn-s3-demo-'
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(bucket))
    return 'a bucket name must not end with -s3alias, --ol-s3, .mrap or --x-s3'
  return undefined
}

/** Why a prefix is unusable, or undefined. Expects the prefix after trailing slashes were removed. */
export function prefixProblem(prefix: string): string | undefined {
  if (prefix === '') return undefined
  if (hasControlCharacter(prefix)) return 'a prefix must not contain control characters'
  if (prefix.startsWith('/'))
    return 'a prefix must not start with "/" (write "site/v1", not "/site/v1")'
  if (prefix.includes('\\')) return 'a prefix uses "/" as separator, not "\\"'
  const segments = prefix.split('/')
  if (segments.some((s) => s === '..' || s === '.'))
    return 'a prefix must not contain "." or ".." segments'
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
/** A header value this long is a mistake (S3 takes 8 KB of headers per request, all of them together). */
const MAX_HEADER_VALUE = 1024

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
  if (value.length > MAX_HEADER_VALUE)
    return `a Cache-Control value has at most ${MAX_HEADER_VALUE} characters (this one ${value.length})`
  const directive = /^[a-z-]+(=("[^"]*"|[A-Za-z0-9_.-]+))?$/i
  const bad = value
    .split(',')
    .map((d) => d.trim())
    .find((d) => !directive.test(d))
  if (bad !== undefined)
    return `"${bad}" is not a Cache-Control directive (e.g. "public, max-age=3600")`
  return undefined
}

function contentTypeProblem(value: string): string | undefined {
  if (!HEADER_VALUE.test(value)) return 'a content type is printable ASCII'
  if (value.length > MAX_HEADER_VALUE)
    return `a content type has at most ${MAX_HEADER_VALUE} characters (this one ${value.length})`
  if (
    !/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+([ \t]*;[ \t]*[a-z0-9_-]+=("[\x20\x21\x23-\x7e]*"|[a-z0-9_.-]+))*$/i.test(
      value,
    )
  )
    return 'a content type is "type/subtype", optionally with parameters (e.g. "application/json; charset=utf-8")'
  return undefined
}

/** The endpoint the S3 client talks to: the input, then the SDK's standard variables. */
function resolveEndpoint(c: Collector, env: Env): string | undefined {
  const fromInput = getInput(env, 'endpoint-url')
  const s3 = env.AWS_ENDPOINT_URL_S3?.trim()
  const name = fromInput ? 'endpoint-url' : s3 ? 'AWS_ENDPOINT_URL_S3' : 'AWS_ENDPOINT_URL'
  const value = fromInput || s3 || env.AWS_ENDPOINT_URL?.trim() || ''
  if (value === '') return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    c.fail(
      name,
      value,
      'expected an http:// or https:// URL such as https://<account>.r2.cloudflarestorage.com',
    )
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

/** `outer` is `inner` or one of its ancestors. */
function containsPath(outer: string, inner: string): boolean {
  const relative = path.relative(outer, path.resolve(inner))
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
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
function checkCharacters(c: Collector, env: Env): void {
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

/** Parse and validate every input. Throws InputErrors listing all bad values. */
export function parseConfig(env: Env, payload?: Record<string, unknown>): Config {
  const c = new Collector()
  checkCharacters(c, env)
  // A bad character has been reported: the other checks would only say it again, less clearly.
  if (c.errors.length > 0) throw new InputErrors(c.errors)
  const context = readContext(env, payload)

  const sourceInput = getInput(env, 'source')
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  let source = ''
  const removing = getInput(env, 'mode') === 'remove'
  if (sourceInput === '' && removing) source = ''
  else if (sourceInput === '') c.fail('source', sourceInput, 'the directory to publish is required')
  else if (hasControlCharacter(sourceInput))
    c.fail('source', sourceInput, 'a path must not contain control characters')
  else {
    source = path.resolve(workspace, sourceInput)
    if (source === path.parse(source).root)
      c.fail(
        'source',
        sourceInput,
        'the file system root cannot be published; name the build directory (e.g. dist)',
      )
  }

  const bucket = getInput(env, 'bucket')
  if (bucket === '') c.fail('bucket', bucket, 'the bucket name is required')
  else {
    const problem = bucketProblem(bucket)
    if (problem) c.fail('bucket', bucket, problem)
  }

  const prefixRaw = getInput(env, 'prefix').normalize('NFC')
  const resolved = resolveTemplate(c, 'prefix', prefixRaw, context)
  // The distribution serves the fixed part of a prefix template (`releases` for `releases/{tag}`), so
  // every tag is a folder of one site rather than a distribution of its own.
  const basePrefix = prefixRaw.includes('{') ? staticRoot(prefixRaw.replace(/\/+$/, '')) : resolved
  const preview = parsePreview(c, env, context)
  let prefix = resolved
  if (preview.enabled && !outsidePullRequest(preview.template, context)) {
    const own = resolveTemplate(c, 'preview-prefix', preview.template, context)
    prefix = [resolved, own].filter((p) => p !== '').join('/')
  }
  const mode = removing ? 'remove' : getInput(env, 'mode') || 'publish'
  if (mode !== 'publish' && mode !== 'remove') c.fail('mode', mode, 'expected publish or remove')
  const allowRootRemoval = parseBoolean(c, env, 'allow-root-removal', false)
  const removeDistribution = parseBoolean(c, env, 'remove-distribution', false)
  if (mode === 'remove' && prefix === '' && !allowRootRemoval)
    c.fail(
      'mode',
      mode,
      'removing with an empty prefix would delete the whole bucket; set a prefix, or allow-root-removal: true',
    )
  if (removeDistribution && mode !== 'remove')
    c.fail('remove-distribution', 'true', 'only with mode: remove')
  if (removeDistribution && preview.enabled)
    c.fail(
      'remove-distribution',
      'true',
      'a preview shares the distribution with production: it is never removed with a preview',
    )
  const token = getInput(env, 'github-token') || undefined

  const region =
    getInput(env, 'region') ||
    env.AWS_REGION?.trim() ||
    env.AWS_DEFAULT_REGION?.trim() ||
    'us-east-1'
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(region))
    c.fail(
      getInput(env, 'region') ? 'region' : env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION',
      region,
      'expected a region name such as eu-west-1',
    )

  const endpoint = resolveEndpoint(c, env)
  const include = parseGlobs(c, env, 'include', DEFAULTS.include)
  if (include.length === 0)
    c.fail('include', getInput(env, 'include'), 'at least one glob is needed')
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
  const deleteGraceMs = parseDuration(c, env, 'delete-grace')
  const maxDeletes = parseInteger(
    c,
    env,
    'max-deletes',
    // The runner always sends the input (empty by default): a removal deletes the prefix by design.
    removing ? -1 : DEFAULTS.maxDeletes,
    -1,
    Number.MAX_SAFE_INTEGER,
    'expected a whole number of objects, 0 or more, or -1 for no cap',
  )
  const dryRun = parseBoolean(c, env, 'dry-run', false)
  const concurrency = parseInteger(
    c,
    env,
    'concurrency',
    DEFAULTS.concurrency,
    1,
    MAX_CONCURRENCY,
    `expected a whole number of parallel requests from 1 to ${MAX_CONCURRENCY}`,
  )
  const allowEmpty = parseBoolean(c, env, 'allow-empty', false)
  const requestTimeoutSeconds = parseInteger(
    c,
    env,
    'request-timeout',
    60,
    1,
    900,
    'expected a whole number of seconds from 1 to 900',
  )
  const cdn = parseCdn(c, env, endpoint)
  if (
    preview.domain !== undefined &&
    cdn.certificateArn === undefined &&
    cdn.distributionId === undefined
  )
    c.fail(
      'preview-domain',
      preview.domain,
      `the alias *.${preview.domain} needs certificate-arn (a certificate that covers it)`,
    )

  // The runner sends include as '' unless the workflow sets it (action.yml's default is empty for this).
  if (
    source &&
    source !== path.parse(source).root &&
    del &&
    containsPath(source, workspace) &&
    getInput(env, 'include') === ''
  )
    c.fail(
      'source',
      sourceInput,
      `${source === path.resolve(workspace) ? 'this is the workspace itself' : 'this directory holds the workspace'}: ` +
        'publishing it with delete: true and no include would mirror (and prune to) the repository; ' +
        'point source at the build directory (e.g. dist), or set include to the files to publish',
    )

  if (c.errors.length > 0) throw new InputErrors(c.errors)
  return {
    source,
    sourceInput,
    bucket,
    prefix,
    basePrefix,
    protect: preview.enabled || preview.root === '' ? [] : [preview.root],
    mode: mode === 'remove' ? 'remove' : 'publish',
    allowRootRemoval,
    removeDistribution,
    preview,
    github: {
      token,
      apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
      context,
    },
    region,
    endpoint,
    include,
    exclude,
    cacheControl,
    contentType,
    metadata,
    delete: del,
    deleteGraceMs,
    maxDeletes,
    dryRun,
    concurrency,
    requestTimeoutSeconds,
    allowEmpty,
    cdn,
  }
}

const UNITS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
}

/** A duration such as `7d`, `12h`, `90m` (s, m, h, d, w); empty or 0 is none. At most a year. */
export function parseDuration(c: Collector, env: Env, name: string): number {
  const raw = getInput(env, name)
  if (raw === '' || raw === '0') return 0
  const m = /^(\d+)\s*([smhdw])$/.exec(raw)
  const ms = m ? Number(m[1]) * UNITS[m[2]!]! : NaN
  if (!Number.isSafeInteger(ms) || ms > 366 * UNITS.d!) {
    c.fail(
      name,
      raw,
      'expected a duration such as 7d, 12h or 30m (s, m, h, d, w), at most a year, or 0 for none',
    )
    return 0
  }
  return ms
}

function parseSigning(
  c: Collector,
  env: Env,
): Pick<CdnConfig, 'viewerAccess' | 'publicKeys' | 'privateKey' | 'signPaths' | 'signExpiresMs'> {
  const accessRaw = getInput(env, 'viewer-access')
  let viewerAccess: CdnConfig['viewerAccess']
  if (accessRaw === 'public' || accessRaw === 'signed') viewerAccess = accessRaw
  else if (accessRaw !== '') c.fail('viewer-access', accessRaw, 'expected public or signed')
  const publicRaw = getInput(env, 'public-key')
  const publicKeys = splitPems(publicRaw)
  if (publicRaw !== '' && publicKeys.length === 0)
    c.fail(
      'public-key',
      publicRaw.slice(0, 40),
      'expected one or more PEM blocks (-----BEGIN PUBLIC KEY----- ...)',
    )
  for (const pem of publicKeys) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
      c.fail(
        'public-key',
        '(hidden: a private key)',
        'this is a PRIVATE key: give it as private-key (from a secret), and its public key here (openssl pkey -in key.pem -pubout)',
      )
      continue
    }
    const problem = publicKeyProblem(pem)
    if (problem) c.fail('public-key', `${pem.slice(0, 40)}...`, problem)
  }
  const tooMany = checkPublicKeyCount(publicKeys.length)
  if (tooMany) c.fail('public-key', `${publicKeys.length} PEM blocks`, tooMany)
  if (viewerAccess === 'signed' && publicKeys.length === 0)
    c.fail(
      'viewer-access',
      'signed',
      'signed access needs public-key: the PEM public key(s) signatures are checked with',
    )
  const privateKey = getInput(env, 'private-key') || undefined
  if (privateKey !== undefined) {
    const problem = privateKeyProblem(
      privateKey,
      publicKeys.filter((p) => !/PRIVATE KEY-----/.test(p) && !publicKeyProblem(p)),
    )
    // The value is a secret: the message names the input, never the key.
    if (problem) c.fail('private-key', '(hidden)', problem)
  }
  const signPaths = splitList(getInput(env, 'sign-paths'))
  for (const p of signPaths)
    if (hasControlCharacter(p) || p.split('/').includes('..'))
      c.fail('sign-paths', p, 'a path below the prefix, without ".." or control characters')
  if (signPaths.length > 0 && privateKey === undefined)
    c.fail('sign-paths', signPaths.join(', '), 'signing needs private-key (from a secret)')
  if (/^0+\s*[smhdw]?$/.test(getInput(env, 'sign-expires')))
    c.fail(
      'sign-expires',
      getInput(env, 'sign-expires'),
      'signed URLs must be valid for some time: expected a duration such as 7d, 12h or 30m',
    )
  const signExpiresMs = parseDuration(c, env, 'sign-expires') || UNITS.d!
  return { viewerAccess, publicKeys, privateKey, signPaths, signExpiresMs }
}

/** Fill a prefix template's placeholders and check the result; '' when it cannot be filled (reported). */
function resolveTemplate(c: Collector, input: string, raw: string, context: RunContext): string {
  const filled = fillPlaceholders(raw, context)
  if ('missing' in filled) {
    c.fail(
      input,
      raw,
      `{${filled.missing}} has no value on a ${context.eventName || 'local'} run: it needs ${filled.needs}`,
    )
    return ''
  }
  const value = filled.value.replace(/\/+$/, '')
  const problem = prefixProblem(value)
  if (problem) {
    c.fail(input, raw, problem)
    return ''
  }
  return value
}

const DEFAULT_PREVIEW_PREFIX = 'previews/pr-{number}'

/** A preview prefix that needs the PR number, on an event that has none. */
function outsidePullRequest(template: string, context: RunContext): boolean {
  return !PULL_REQUEST_EVENTS.has(context.eventName) && template.includes('{number}')
}

function parsePreview(c: Collector, env: Env, context: RunContext): PreviewConfig {
  const enabled = parseBoolean(c, env, 'preview', false)
  const template = (getInput(env, 'preview-prefix') || DEFAULT_PREVIEW_PREFIX).replace(/\/+$/, '')
  const root = staticRoot(template)
  const templateProblem = prefixProblem(template)
  if (templateProblem) c.fail('preview-prefix', template, templateProblem)
  else if (root === '')
    c.fail(
      'preview-prefix',
      template,
      'it needs a fixed first segment before any placeholder (e.g. previews/pr-{number}), so previews never overlap the site',
    )
  if (enabled && outsidePullRequest(template, context))
    c.fail(
      'preview',
      'true',
      `previews are for pull_request events (this is ${context.eventName || 'not a workflow run'}); on other events set a preview-prefix without {number}, e.g. previews/{branch}`,
    )
  const domainRaw = getInput(env, 'preview-domain').toLowerCase()
  let domain: string | undefined
  if (domainRaw !== '') {
    const problem =
      aliasProblem(domainRaw) ??
      (domainRaw.startsWith('*.')
        ? 'write the domain without "*."; the action adds the wildcard'
        : undefined)
    if (problem) c.fail('preview-domain', domainRaw, problem)
    else if (template.slice(root.length + 1).includes('/'))
      c.fail(
        'preview-prefix',
        template,
        'with preview-domain, the part after the preview root is one segment (the host label), e.g. previews/pr-{number}',
      )
    else domain = domainRaw
  }
  return { enabled, template, root, domain }
}

/** Why a host name cannot be a CloudFront alias, or undefined. Expects it lower-cased. */
export function aliasProblem(alias: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(alias))
    return 'an alias is a host name, without a scheme such as https://'
  if (alias.includes('/')) return 'an alias is a host name, without a path'
  if (alias.endsWith('.')) return 'an alias must not end with a dot'
  if (alias.includes(':')) return 'an alias is a host name, without a port'
  if (/[^\x20-\x7e]/.test(alias))
    return 'an alias is printable ASCII: write internationalised names in their xn-- (punycode) form'
  if (alias.length > 253) return 'a host name has at most 253 characters'
  const labels = alias.split('.')
  const first = labels[0] === '*' ? labels.slice(1) : labels
  if (first.length < 2)
    return 'an alias needs a domain and a top-level domain (e.g. www.example.com)'
  const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/
  if (!first.every((l) => label.test(l)))
    return 'each label has letters, digits and inner hyphens (1-63 characters); only a leading "*." wildcard is allowed'
  if (/^\d+$/.test(first[first.length - 1]!)) return 'an alias must not be an IP address'
  return undefined
}

const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/

export function certificateProblem(arn: string): string | undefined {
  const m = CERTIFICATE_ARN.exec(arn)
  if (!m)
    return 'expected an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>)'
  if (m[1] !== 'us-east-1')
    return `CloudFront only uses ACM certificates from us-east-1; this one is in ${m[1]}: request or import it in us-east-1`
  return undefined
}

function parseCdn(c: Collector, env: Env, s3Endpoint: string | undefined): CdnConfig {
  const distributionId = getInput(env, 'distribution-id') || undefined
  if (distributionId !== undefined && !/^[A-Z0-9]{6,32}$/.test(distributionId))
    c.fail(
      'distribution-id',
      distributionId,
      'expected a CloudFront distribution ID such as E2QWRUHEXAMPLE',
    )

  const aliases: string[] = []
  const aliasInput = getInput(env, 'aliases')
  for (const raw of splitList(aliasInput, true)) {
    const alias = raw.toLowerCase()
    const problem = aliasProblem(alias)
    if (problem) c.fail('aliases', raw, problem)
    else if (!aliases.includes(alias)) aliases.push(alias)
  }
  if (aliases.length > 100)
    c.fail('aliases', `${aliases.length} names`, 'a distribution takes at most 100 aliases')

  const certificateArn = getInput(env, 'certificate-arn') || undefined
  if (certificateArn !== undefined) {
    const problem = certificateProblem(certificateArn)
    if (problem) c.fail('certificate-arn', certificateArn, problem)
  }

  const priceRaw = getInput(env, 'price-class')
  let priceClass: PriceClass | undefined
  if (priceRaw !== '') {
    const known: PriceClass[] = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All']
    const found = known.find((k) => k.toLowerCase() === priceRaw.toLowerCase())
    if (found) priceClass = found
    else c.fail('price-class', priceRaw, `expected one of ${known.join(', ')}`)
  }

  const tags: Array<{ key: string; value: string }> = []
  for (const line of splitList(getInput(env, 'tags'))) {
    const at = line.indexOf('=')
    const key = at < 0 ? '' : line.slice(0, at).trim()
    const value = at < 0 ? '' : line.slice(at + 1).trim()
    if (at < 0 || key === '') c.fail('tags', line, 'each line is key=value')
    else if (key.length > 128 || value.length > 256)
      c.fail('tags', line, 'tag keys have at most 128 characters, values at most 256')
    else if (
      !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(key) ||
      !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(value)
    )
      c.fail('tags', line, 'tags use letters, digits, spaces and _ . : / = + - @')
    else if (key.toLowerCase().startsWith('aws:'))
      c.fail('tags', line, 'the aws: prefix is reserved by AWS')
    else if (key.startsWith('cdn-publish:'))
      c.fail(
        'tags',
        line,
        "the cdn-publish: prefix is the action's own (it finds its distribution by them)",
      )
    else tags.push({ key, value })
  }

  const createDistribution = parseBoolean(c, env, 'create-distribution', true)
  const createBucket = parseBoolean(c, env, 'create-bucket', false)
  const wait = parseBoolean(c, env, 'wait', false)
  const waitTimeoutSeconds = parseInteger(
    c,
    env,
    'wait-timeout',
    900,
    1,
    6 * 3600,
    'expected a whole number of seconds from 1 to 21600',
  )
  const prettyUrls = parseBoolean(c, env, 'pretty-urls', true)
  const spa = parseBoolean(c, env, 'spa', false)
  const invalidate = parseBoolean(c, env, 'invalidate', true)
  const invalidationMaxPaths = parseInteger(
    c,
    env,
    'invalidation-max-paths',
    15,
    1,
    3000,
    'expected a whole number of paths from 1 to 3000 (CloudFront takes 3000 paths per request, 15 of them wildcards)',
  )
  const failOnWaitTimeout = parseBoolean(c, env, 'fail-on-wait-timeout', false)
  const signed = parseSigning(c, env)

  const endpoint =
    (env.AWS_ENDPOINT_URL_CLOUDFRONT || env.AWS_ENDPOINT_URL || '').trim().replace(/\/+$/, '') ||
    undefined
  // A custom S3 store (R2, MinIO) has no CloudFront in front of it unless one is named.
  let skipReason: string | undefined
  if (s3Endpoint !== undefined && endpoint === undefined && distributionId === undefined)
    skipReason = `the bucket is on a custom S3 endpoint (${s3Endpoint}) and no distribution-id is given`
  return {
    enabled: skipReason === undefined,
    skipReason,
    distributionId,
    aliases,
    certificateArn,
    createDistribution,
    createBucket,
    priceClass,
    tags,
    wait,
    waitTimeoutSeconds,
    prettyUrls,
    spa,
    invalidate,
    invalidationMaxPaths,
    failOnWaitTimeout,
    ...signed,
    endpoint,
  }
}

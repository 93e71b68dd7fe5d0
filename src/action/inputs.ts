/**
 * Inputs: read once, up front, from the runner's environment (`INPUT_<NAME>`) into a typed Config.
 * Pure: no file system, no network. Every bad value is reported with the input's name, the value and
 * what is accepted, all of them at once, before the action makes any request.
 */
import path from 'node:path'
import { AUTO_START, type Concurrency } from '../core/concurrency.js'
import { globProblem, splitList } from '../core/globs.js'
import { BUILDS_DIR, hasControlCharacter } from '../core/keys.js'
import type {
  AtomicConfig,
  CdnConfig,
  Config,
  DeploymentSettings,
  PreviewConfig,
} from '../core/config.js'
import { BUILD_ID } from '../core/site/store-layout.js'
import { environmentName, environmentProblem } from '../core/deployments.js'
import { parseCdn } from './cdn-inputs.js'
import {
  checkCharacters,
  Collector,
  DEFAULTS,
  getInput,
  InputErrors,
  MAX_CONCURRENCY,
  parseBoolean,
  parseDuration,
  parseGlobs,
  parseInteger,
  parseRules,
  type Env,
} from './readers.js'
import {
  aliasProblem,
  bucketProblem,
  cacheControlProblem,
  containsPath,
  contentTypeProblem,
  prefixProblem,
} from './validators.js'
import { previewPattern } from '../core/prune-previews.js'
import {
  fillPlaceholders,
  PULL_REQUEST_EVENTS,
  readContext,
  staticRoot,
  type PullRequestFound,
  type RunContext,
} from './context.js'

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

const MODES: ReadonlyArray<Config['mode']> = [
  'publish',
  'remove',
  'prune-previews',
  'rollback',
  'promote',
]

/** atomic, keep-builds and rollback-to, with what atomic deploys need of the other inputs. */
function parseAtomic(
  c: Collector,
  env: Env,
  with_: { mode: string; cdn: CdnConfig; template: boolean; preview: boolean },
): AtomicConfig {
  const enabled = parseBoolean(c, env, 'atomic', false)
  const keep = parseInteger(
    c,
    env,
    'keep-builds',
    5,
    1,
    MAX_KEEP_BUILDS,
    `expected a whole number of builds from 1 to ${MAX_KEEP_BUILDS} (the live and the previous build are always kept)`,
  )
  const rollbackTo = getInput(env, 'rollback-to')
  const { mode, cdn } = with_
  const switching = mode === 'rollback' || mode === 'promote'
  if (rollbackTo !== '' && mode !== 'rollback')
    c.fail('rollback-to', rollbackTo, 'only with mode: rollback')
  else if (rollbackTo !== '' && !BUILD_ID.test(rollbackTo))
    c.fail('rollback-to', rollbackTo, 'expected a build id (the build-id output) or a commit SHA')
  const needs = enabled ? 'atomic' : switching ? 'mode' : undefined
  const value = enabled ? 'true' : mode
  if (needs && !cdn.enabled)
    c.fail(
      needs,
      value,
      `atomic deploys need the CloudFront distribution (${cdn.skipReason ?? 'cloudfront is off'})`,
    )
  else if (needs && cdn.site === 'off')
    c.fail(
      needs,
      value,
      "atomic deploys are served by site behaviour's viewer function and KeyValueStore: leave site-behaviour at auto or true",
    )
  if (needs && with_.template)
    c.fail(
      needs,
      value,
      'a prefix with placeholders (a release) is served in place; atomic deploys cover the site at a fixed prefix and its previews',
    )
  if (mode === 'promote' && !with_.preview)
    c.fail(
      'mode',
      mode,
      "promote makes a preview's live build the production build: set preview: true",
    )
  return {
    enabled,
    keep,
    rollbackTo: rollbackTo || undefined,
    attempt: env.GITHUB_RUN_ATTEMPT?.trim() || '1',
  }
}

/** The meta that names the builds must fit one 1 KB KeyValueStore value. */
export const MAX_KEEP_BUILDS = 20

/** Parse and validate every input. Throws InputErrors listing all bad values. */
export function parseConfig(
  env: Env,
  payload?: Record<string, unknown>,
  found?: PullRequestFound,
): Config {
  const c = new Collector()
  checkCharacters(c, env)
  // A bad character has been reported: the other checks would only say it again, less clearly.
  if (c.errors.length > 0) throw new InputErrors(c.errors)
  const context = readContext(env, payload, found)

  const sourceInput = getInput(env, 'source')
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  let source = ''
  const modeInput = getInput(env, 'mode')
  const pruning = modeInput === 'prune-previews'
  // Neither removing nor pruning publishes a build; both delete whole prefixes by design.
  const removing = modeInput === 'remove' || pruning
  // Modes that publish no build read no source.
  const noBuild = removing || modeInput === 'rollback' || modeInput === 'promote'
  if (sourceInput === '' && noBuild) source = ''
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
  const preview = parsePreview(c, env, context, pruning)
  let prefix = resolved
  let own = ''
  // Pruning works on the preview root below the prefix, not on one preview.
  if (preview.enabled && !pruning && !outsidePullRequest(preview.template, context)) {
    own = resolveTemplate(c, 'preview-prefix', preview.template, context)
    prefix = [resolved, own].filter((p) => p !== '').join('/')
  }
  const mode = modeInput || 'publish'
  if (!MODES.includes(mode as Config['mode']))
    c.fail('mode', mode, `expected one of ${MODES.join(', ')}`)
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
  const deployment = parseDeployment(c, env, context, preview, own)

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
  // auto (the default): adaptive, from 32 up to MAX_CONCURRENCY; a number: that many, fixed.
  const concurrency: Concurrency = ['', 'auto'].includes(getInput(env, 'concurrency').toLowerCase())
    ? DEFAULTS.concurrency
    : parseInteger(
        c,
        env,
        'concurrency',
        AUTO_START,
        1,
        MAX_CONCURRENCY,
        `expected auto (adaptive, the default) or a whole number of parallel requests from 1 to ${MAX_CONCURRENCY}`,
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
  const atomic = parseAtomic(c, env, {
    mode,
    cdn,
    template: prefixRaw.includes('{'),
    preview: preview.enabled,
  })
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
    // Production never publishes nor deletes the previews' root, nor the builds of atomic deploys.
    protect: preview.enabled
      ? []
      : [
          ...(preview.root === '' ? [] : [preview.root]),
          ...(prefix === basePrefix ? [BUILDS_DIR] : []),
        ],
    mode: MODES.includes(mode as Config['mode']) ? (mode as Config['mode']) : 'publish',
    atomic,
    allowRootRemoval,
    removeDistribution,
    preview,
    github: {
      token,
      apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
      context,
      deployment,
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

/** Fill a prefix template's placeholders and check the result; '' when it cannot be filled (reported). */
function resolveTemplate(c: Collector, input: string, raw: string, context: RunContext): string {
  const filled = fillPlaceholders(raw, context)
  if ('missing' in filled) {
    const why =
      filled.missing === 'number' && context.numberMissing ? ` (${context.numberMissing})` : ''
    c.fail(
      input,
      raw,
      `{${filled.missing}} has no value on a ${context.eventName || 'local'} run${why}: it needs ${filled.needs}`,
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

/** github-deployment and environment (placeholders filled, as in the prefixes). */
function parseDeployment(
  c: Collector,
  env: Env,
  context: RunContext,
  preview: PreviewConfig,
  own: string,
): DeploymentSettings {
  const enabled = parseBoolean(c, env, 'github-deployment', false)
  const raw = getInput(env, 'environment')
  let input = ''
  if (raw !== '' && !enabled)
    c.fail('environment', raw, 'it names the GitHub deployment: only with github-deployment: true')
  else if (raw !== '') {
    const filled = fillPlaceholders(raw, context)
    if ('missing' in filled)
      c.fail(
        'environment',
        raw,
        `{${filled.missing}} has no value on a ${context.eventName || 'local'} run: it needs ${filled.needs}`,
      )
    else if (filled.value.trim() === '')
      c.fail('environment', raw, 'the placeholders left an empty name')
    else {
      const problem = environmentProblem(filled.value)
      if (problem) c.fail('environment', raw, problem)
      else input = filled.value.trim()
    }
  }
  const ownPart = own.startsWith(`${preview.root}/`) ? own.slice(preview.root.length + 1) : own
  const environment = environmentName(input, {
    enabled: preview.enabled,
    number: context.number,
    ownPart,
  })
  return { enabled, environment, transient: preview.enabled }
}

const DEFAULT_PREVIEW_PREFIX = 'previews/pr-{number}'

/**
 * A preview prefix that needs the PR number, on an event that has none: other than a pull request's, or
 * a workflow_run whose pull request is not known (a fork's, not found).
 */
function outsidePullRequest(template: string, context: RunContext): boolean {
  if (!template.includes('{number}')) return false
  if (context.eventName === 'workflow_run') return context.number === undefined
  return !PULL_REQUEST_EVENTS.has(context.eventName)
}

function parsePreview(
  c: Collector,
  env: Env,
  context: RunContext,
  pruning: boolean,
): PreviewConfig {
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
  if (enabled && !pruning && outsidePullRequest(template, context))
    c.fail(
      'preview',
      'true',
      context.eventName === 'workflow_run'
        ? `preview-prefix ${template} needs the pull request's number, and this workflow_run has none: ${context.numberMissing ?? 'its payload lists no pull request'}`
        : `previews are for pull_request events (this is ${context.eventName || 'not a workflow run'}); on other events set a preview-prefix without {number}, e.g. previews/{branch}`,
    )
  if (pruning && !templateProblem && root !== '') {
    const mapped = previewPattern(template, root)
    if ('problem' in mapped) c.fail('preview-prefix', template, mapped.problem)
  }
  const maxAgeMs = parseDuration(c, env, 'preview-max-age')
  if (maxAgeMs > 0 && !pruning)
    c.fail('preview-max-age', getInput(env, 'preview-max-age'), 'only with mode: prune-previews')
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
  return { enabled, template, root, domain, maxAgeMs }
}

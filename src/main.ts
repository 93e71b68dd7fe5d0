/**
 * The shell: inputs -> scan -> (bucket) -> sync -> distribution -> invalidation -> PR comment -> outputs
 * and summary; or, with mode remove, delete the prefix and invalidate it. The only place that talks to
 * the runner (./runner.ts) and decides whether the step failed.
 */
import fs from 'node:fs'
import * as core from '@actions/core'
import type { BucketAdmin } from './s3/bucket-admin.js'
import type { CloudFrontApi } from './cloudfront/client.js'
import type { DistributionOutcome } from './cloudfront/ensure.js'
import type { InvalidationOutcome } from './cloudfront/invalidate.js'
import type { TeardownResult } from './cloudfront/teardown.js'
import { PreflightError, errorMessage, isExpected, isUnanswered } from './core/errors.js'
import { DryRunStore } from './s3/dry-run-store.js'
import { compileFilter, type Filter } from './core/filter.js'
import { commentMarker, renderComment, upsertComment } from './github/comment.js'
import { parseConfig } from './action/inputs.js'
import type { Env } from './action/readers.js'
import type { Config } from './core/config.js'
import { isReservedKey, joinKey, listPrefix, MAX_KEY_BYTES } from './core/keys.js'
import { Hasher } from './local/hasher.js'
import { checkSource, selectFiles, withHashes, type Selection } from './local/scan.js'
import { countPlan, emptyPlan, type Plan } from './core/plan.js'
import { urlPathOf } from './core/invalidation.js'
import type { Log, RemoteStore } from './core/ports.js'
import { renderSummary, type SummaryInput } from './action/summary.js'
import { printable, quoted, shown } from './core/text.js'
import { readRemote, sync, type SyncResult } from './deploy/sync.js'

export const log: Log = {
  // Warnings and debug lines are workflow commands, whose data the runner escapes; info lines go out
  // as they are, so they are made printable (text.ts) here.
  info: (message) => core.info(printable(message)),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  debugging: core.isDebug(),
  group: (name, work) => core.group(name, work),
}

/** Held-back files are listed at info up to this many. */
const HELD_BACK_LIMIT = 50

interface RunState {
  config?: Config
  result?: SyncResult
  distribution?: DistributionOutcome
  invalidation?: InvalidationOutcome
  teardown?: TeardownResult
  /** The distribution lookup finished (with or without one). */
  cdnChecked?: boolean
  /** sign-paths: path -> signed URL. */
  signedUrls?: Record<string, string>
  url?: string
  /** Which service the run was talking to last (for a failure's advice). */
  talking?: 's3' | 'cloudfront'
  /** What to remember of the CDN side for the next run (cloudfront/remembered.ts). */
  remember?: unknown
}

function setOutputs(state: RunState): void {
  const { result, distribution } = state
  const c = result?.dryRun ? result.planned : result?.done
  core.setOutput('uploaded', String(c?.uploaded ?? 0))
  core.setOutput('updated', String(c?.updated ?? 0))
  core.setOutput('deleted', String(c?.deleted ?? 0))
  core.setOutput('unchanged', String(c?.unchanged ?? 0))
  core.setOutput('bytes-uploaded', String(c?.bytesUploaded ?? 0))
  core.setOutput('distribution-id', distribution?.id ?? '')
  core.setOutput('cdn-domain', distribution?.domain ?? '')
  core.setOutput('url', state.url ?? '')
  core.setOutput('invalidation-id', state.invalidation?.ids.join(',') ?? '')
  core.setOutput(
    'invalidated-paths',
    String(
      state.invalidation && !state.invalidation.dryRun ? state.invalidation.plan.paths.length : 0,
    ),
  )
  core.setOutput('prefix', state.config?.prefix ?? '')
  core.setOutput('key-group-id', distribution?.signing?.keyGroupId ?? '')
  core.setOutput(
    'public-key-id',
    distribution?.signing?.signingKeyId ?? distribution?.signing?.publicKeyIds[0] ?? '',
  )
  core.setOutput('signed-urls', state.signedUrls ? JSON.stringify(state.signedUrls) : '{}')
}

function listed(keys: readonly string[]): string {
  return (
    keys.slice(0, HELD_BACK_LIMIT).map(shown).join(', ') +
    (keys.length > HELD_BACK_LIMIT ? ', ...' : '')
  )
}

/** Check the source and select the files to publish; fails before any request. */
async function scanBuild(config: Config, filter: Filter, hasher: Hasher): Promise<Selection> {
  const root = await checkSource(config.source, config.sourceInput)
  const scan = await log.group(`Scan ${config.sourceInput}`, async () => {
    const scan = await selectFiles(root, filter, hasher)
    const keys = (verdict: string) =>
      scan.skipped.filter((s) => s.verdict === verdict).map((s) => s.key)
    const secrets = keys('secret')
    if (secrets.length > 0)
      core.warning(
        `Held back ${secrets.length} file(s) that look like credentials: ${listed(secrets)}. ` +
          `Name them in include (e.g. "${secrets[0]}") to publish them on purpose.`,
      )
    const previews = keys('protected')
    if (previews.length > 0)
      core.warning(
        `${previews.length} file(s) of the build lie under ${config.protect.join(', ')}/, which belongs to previews: ` +
          `not published. ${listed(previews)}`,
      )
    const hidden = keys('hidden')
    if (hidden.length > 0)
      log.info(
        `Left out ${hidden.length} hidden file(s) (a path segment starts with "."): ${listed(hidden)}`,
      )
    log.info(
      `${scan.found.length} files selected in ${root}; they are hashed while the bucket is listed.`,
    )
    return scan
  })
  const tooLong = scan.found.find(
    (f) => Buffer.byteLength(joinKey(config.prefix, f.key)) > MAX_KEY_BYTES,
  )
  if (tooLong)
    throw new PreflightError(
      `The key of ${quoted(tooLong.key)} is ${Buffer.byteLength(joinKey(config.prefix, tooLong.key))} bytes with the prefix; S3 takes at most ${MAX_KEY_BYTES}. Nothing was sent. Shorten the name or the prefix, or add it to exclude.`,
    )
  if (scan.found.length === 0 && !config.allowEmpty)
    throw new PreflightError(
      `No files to publish in ${JSON.stringify(config.sourceInput)} after include/exclude. Publishing an empty build ` +
        'would delete the site, so nothing was changed. Check that the build wrote its output there, or set allow-empty: true.',
    )
  return scan
}

const DRY_RUN_NOTE = 'Dry run: the bucket and the distribution are read, nothing is written.'

interface S3Side {
  /** What the sync talks to (in a dry run, a wrapper that records writes instead of sending them). */
  store: RemoteStore
  /** The bucket's settings (create-bucket, the CloudFront bucket policy). */
  admin: BucketAdmin
}

/** The S3 side: one SDK client for the store and the bucket's settings. */
async function s3Side(config: Config): Promise<S3Side> {
  const s3 = await import('./s3/index.js')
  const client = s3.createS3Client(config)
  const store = new s3.S3Store(client, config)
  return {
    store: config.dryRun ? new DryRunStore(store) : store,
    admin: new s3.BucketAdmin(client, config.bucket, config.region),
  }
}

type CloudFront = typeof import('./cloudfront/index.js')

/** The CloudFront side, loaded only when a distribution is involved; undefined (and why) when not. */
async function cloudFront(
  config: Config,
): Promise<{ cf: CloudFront; api: CloudFrontApi } | undefined> {
  if (!config.cdn.enabled) {
    log.info(`CloudFront: skipped, because ${config.cdn.skipReason}.`)
    return undefined
  }
  const cf = await import('./cloudfront/index.js')
  const client = cf.createCloudFrontClient(config.cdn.endpoint, config.requestTimeoutSeconds)
  return { cf, api: new cf.CloudFrontApi(client) }
}

async function publish(config: Config, env: Env, state: RunState): Promise<void> {
  const filter = compileFilter(config)
  // Files are hashed as the walk finds them, then alongside the listing; nothing is requested before
  // the whole build has been checked.
  const started = Date.now()
  const hasher = new Hasher({
    // Beside this bundle (dist/index.js): the worker's own small entry, not the whole action.
    workerScript: new URL('./hash-worker.js', import.meta.url),
    report: (where) => log.debug(`Hashing ${where}.`),
  })
  hasher.warmUp()
  // The header rules (with the MIME database) are compiled while the workers hash.
  const rulesLoading = import('./core/rules.js')
  rulesLoading.catch(() => undefined)
  let selection: Selection
  try {
    selection = await scanBuild(config, filter, hasher)
  } catch (error) {
    hasher.stop()
    throw error
  }
  const local = hasher.done().then((hashes) => withHashes(selection.found, hashes))
  local.then(
    (files) => {
      const bytes = files.reduce((sum, f) => sum + f.size, 0)
      log.debug(
        `Hashed ${files.length} files (${bytes} bytes; ${hasher.hashedHere} of them on the main thread); the scan and the hashing took ${Date.now() - started} ms.`,
      )
    },
    () => hasher.stop(),
  )
  const side = await s3Side(config)
  try {
    if (config.dryRun) log.info(DRY_RUN_NOTE)
    const store = side.store
    if (config.cdn.createBucket) {
      const admin = side.admin
      if (!(await admin.exists())) {
        if (config.dryRun) {
          log.info(
            `Would create bucket ${config.bucket} (versioned, encrypted, public access blocked).`,
          )
          return
        }
        await admin.createSecure()
        log.info(
          `Created bucket ${config.bucket} in ${config.region}: versioning on, SSE-S3 encryption, public access blocked, ACLs off.`,
        )
      }
    }
    // The bucket is read while the rules load and the files are hashed.
    const reading = readRemote(store, log)
    reading.catch(() => undefined) // sync reports it
    state.result = await sync({
      store,
      local,
      reading,
      rules: (await rulesLoading).compileRules(config),
      filter,
      options: {
        delete: config.delete,
        maxDeletes: config.maxDeletes,
        concurrency: config.concurrency,
        dryRun: config.dryRun,
        graceMs: config.deleteGraceMs,
        now: clock(env),
      },
      log,
      // From the first write on, a cancelled run knows what it changed (see onCancel).
      applying: (result) => (state.result = result),
    })
  } finally {
    hasher.stop() // when the run ends early: no worker may keep the process alive
  }
  const result = state.result
  try {
    if (result.failures.length > 0) return
    await serve(config, env, state, { admin: side.admin, pending: result.pendingInvalidation })
  } finally {
    await result.saveState(stillToInvalidate(config, state), state.remember)
  }
}

/** Ensure the distribution, then invalidate what changed (with what earlier runs left to invalidate). */
async function serve(
  config: Config,
  env: Env,
  state: RunState,
  deps: { admin: BucketAdmin; pending: readonly string[] },
): Promise<void> {
  state.talking = 'cloudfront'
  const loaded = await cloudFront(config)
  state.cdnChecked = loaded === undefined
  if (!loaded) return
  const { cf, api } = loaded
  const admin = deps.admin
  state.distribution = await cf.ensureDistribution({
    config,
    api,
    admin,
    log,
    env,
    dryRun: config.dryRun,
    remembered: cf.readRemembered(state.result?.remembered),
    now: clockMs(env),
  })
  state.cdnChecked = true
  state.remember = cf.rememberOf(config, state.distribution)
  const distribution = state.distribution
  if (!distribution) return
  state.url = siteUrlOf(cf, config, distribution)
  state.signedUrls = signedUrlsOf(cf, config, distribution, state.url)
  if (urlPathOf('x', config.prefix, distribution.originPath) === undefined)
    core.warning(
      `Distribution ${distribution.id} serves the bucket from ${distribution.originPath || '/'}, which does not contain the prefix ${config.prefix || '(root)'}: it does not serve these files, and nothing is invalidated.`,
    )
  else if (distribution.action !== 'created' && distribution.action !== 'would-create')
    state.invalidation = await cf.invalidate({
      config,
      api,
      distribution,
      plan: state.result!.plan,
      pending: deps.pending,
      log,
      env,
      dryRun: config.dryRun,
    })
}

/**
 * Keys whose cached copies may still be stale after this run, kept in the state for the next run:
 * none when the invalidation went out (or no CDN serves the files); otherwise what this run changed and
 * what earlier runs left.
 */
function stillToInvalidate(config: Config, state: RunState): string[] {
  const result = state.result
  if (!result || !config.cdn.enabled || !config.cdn.invalidate) return []
  const sent =
    state.invalidation &&
    (state.invalidation.ids.length > 0 || state.invalidation.plan.paths.length === 0)
  if (sent) return []
  // Known: no distribution serves the files, or it was just created (nothing cached yet).
  if (state.cdnChecked && (!state.distribution || state.distribution.action === 'created'))
    return []
  return [...new Set([...result.pendingInvalidation, ...result.changedApplied])]
}

/** Signed URLs for sign-paths, each registered as a secret so that the log never shows one. */
function signedUrlsOf(
  cf: CloudFront,
  config: Config,
  distribution: DistributionOutcome,
  url: string | undefined,
): Record<string, string> | undefined {
  const { signPaths, privateKey } = config.cdn
  if (signPaths.length === 0 || !privateKey || config.dryRun) return undefined
  const keyPairId = distribution.signing?.signingKeyId
  if (!keyPairId || !url) {
    core.warning(
      'sign-paths: no signed URLs, because the distribution or the signing key is not known (see the log above).',
    )
    return undefined
  }
  const expires = new Date(Date.now() + config.cdn.signExpiresMs)
  const urls = cf.signUrls({ paths: signPaths, baseUrl: url, keyPairId, privateKey, expires })
  for (const signed of Object.values(urls)) {
    core.setSecret(signed)
    const signature = /[?&]Signature=([^&]+)/.exec(signed)?.[1]
    if (signature) core.setSecret(signature)
  }
  log.info(
    `Signed ${signPaths.length} URL(s), valid until ${expires.toISOString()} (output signed-urls; masked in the log).`,
  )
  return urls
}

/** The URL of what this run published: a preview host, or the distribution's URL with the prefix path. */
function siteUrlOf(
  cf: CloudFront,
  config: Config,
  distribution: DistributionOutcome,
): string | undefined {
  const label = config.prefix.slice(config.basePrefix.length).replace(/^\//, '').split('/').pop()
  if (config.preview.enabled && config.preview.domain && distribution.owned && label)
    return `https://${label}.${config.preview.domain}/`
  if (!distribution.domain && distribution.aliases.length === 0) return undefined
  return cf.siteUrl(
    { ...distribution, aliases: distribution.aliases.filter((a) => !a.startsWith('*.')) },
    config.prefix,
  )
}

/** mode: remove: delete everything under the prefix, then invalidate it with one wildcard. */
async function remove(config: Config, env: Env, state: RunState): Promise<void> {
  const side = await s3Side(config)
  const store = side.store
  if (config.dryRun) log.info(DRY_RUN_NOTE)
  const objects = await log.group(`List ${store.description}`, () => store.list())
  const keys = objects.map((o) => o.key)
  const site = keys.filter((k) => !isReservedKey(k))
  if (config.maxDeletes >= 0 && site.length > config.maxDeletes)
    throw new PreflightError(
      `Removing ${store.description} would delete ${site.length} objects, more than max-deletes (${config.maxDeletes}). ` +
        `Nothing was deleted. Raise max-deletes to ${site.length}, or set it to -1 or leave it empty (no cap for mode: remove).`,
    )
  const plan: Plan = {
    ...emptyPlan(),
    deletes: objects
      .filter((o) => !isReservedKey(o.key))
      .map((o) => ({ kind: 'delete', key: o.key, reason: 'removed', size: o.size })),
  }
  const planned = countPlan(plan)
  const result: SyncResult = {
    plan,
    planned,
    done: { ...planned, deleted: 0 },
    failures: [],
    phase: 'deletes',
    inspected: 0,
    stateWritten: false,
    dryRun: config.dryRun,
    pendingInvalidation: [],
    changedApplied: [],
    marked: [],
    remembered: undefined,
    saveState: async () => undefined,
  }
  state.result = result
  if (keys.length > 0) {
    const outcome = await log.group(
      `Delete ${keys.length} object(s) under ${store.description}`,
      async () => {
        for (const key of site.slice(0, 200)) log.info(`delete  ${shown(key)}`)
        return store.deleteMany(keys)
      },
    )
    result.done.deleted = config.dryRun
      ? 0
      : outcome.deleted.filter((k) => !isReservedKey(k)).length
    for (const f of outcome.failed)
      result.failures.push({ key: f.key, action: 'delete', message: f.message })
  } else log.info(`Nothing to remove under ${store.description}.`)
  if (result.failures.length > 0) return
  result.phase = 'done'
  state.talking = 'cloudfront'
  const loaded = await cloudFront(config)
  if (!loaded) return
  const { cf, api } = loaded
  const admin = side.admin
  state.distribution = await cf.ensureDistribution({
    config,
    api,
    admin,
    log,
    env,
    dryRun: config.dryRun,
    findOnly: true,
  })
  if (!state.distribution) return
  state.url = siteUrlOf(cf, config, state.distribution)
  if (plan.deletes.length > 0)
    state.invalidation = await cf.invalidate({
      config,
      api,
      distribution: state.distribution,
      plan,
      log,
      env,
      dryRun: config.dryRun,
    })
  if (config.removeDistribution)
    state.teardown = await cf.teardownDistribution({
      config,
      api,
      admin,
      distribution: state.distribution,
      log,
      dryRun: config.dryRun,
    })
}

/** Create or edit the pull request's preview comment; never fails the step. */
async function comment(config: Config, env: Env, state: RunState, failed: boolean): Promise<void> {
  const { token, apiUrl, context } = config.github
  if (!config.preview.enabled || context.number === undefined || failed || config.dryRun) return
  if (!token) {
    log.info('No github-token: the pull request gets no comment.')
    return
  }
  // One comment per pull request and site (bucket and base prefix), whatever the preview prefix holds.
  const marker = commentMarker(config.bucket, config.basePrefix)
  const counts = state.result?.done
  const server = env.GITHUB_SERVER_URL || 'https://github.com'
  const body = renderComment({
    marker,
    url: state.url,
    target: `s3://${config.bucket}/${listPrefix(config.prefix)}`,
    sha: context.sha,
    counts,
    time: new Date().toISOString(),
    removed: config.mode === 'remove',
    runUrl:
      env.GITHUB_RUN_ID && context.repository
        ? `${server}/${context.repository}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
  })
  const result = await upsertComment(
    { token, apiUrl, repository: context.repository ?? '', number: context.number },
    marker,
    body,
  )
  if (result.action === 'skipped')
    core.warning(`Pull request comment: ${result.reason}. The deploy itself succeeded.`)
  else log.info(`Pull request comment ${result.action} (#${context.number}, comment ${result.id}).`)
}

function failureText(result: SyncResult, config: Config | undefined): string {
  const lost =
    config && result.failures.some((f) => f.message.includes('stopped answering'))
      ? ` S3 (${s3Endpoint(config)}) stopped answering within request-timeout (${config.requestTimeoutSeconds} s).`
      : ''
  const lines = result.failures
    .slice(0, 20)
    .map((f) => `  ${f.action} ${shown(f.key)}: ${f.message}`)
  return (
    `${result.failures.length} object(s) failed` +
    (result.phase === 'assets'
      ? '; metadata and deletes did not run, so the site still serves the previous HTML'
      : '') +
    (result.phase === 'metadata' ? '; deletes did not run' : '') +
    `. A re-run sends only what is missing.${lost}\n${lines.join('\n')}${result.failures.length > 20 ? '\n  ...' : ''}`
  )
}

/** Register a private key as a secret, line by line too (the runner masks per line). */
function maskKey(pem: string | undefined): void {
  if (!pem) return
  core.setSecret(pem)
  for (const line of pem.split(/\r?\n/))
    if (line.trim() && !line.startsWith('-----')) core.setSecret(line.trim())
}

/**
 * Mask every credential the step can see before anything is printed: an endpoint that echoes request
 * headers in an error would otherwise print them, and a private key pasted into public-key would show.
 */
function maskCredentials(env: Env): void {
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
    const value = env[name]?.trim()
    if (value) core.setSecret(value)
  }
  for (const name of ['INPUT_PRIVATE-KEY', 'INPUT_PUBLIC-KEY']) {
    const pems = env[name]?.match(
      /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
    )
    for (const pem of pems ?? []) maskKey(pem)
  }
}

/** Now, or for tests the time in CDN_PUBLISH_NOW (an ISO date), which delete-grace measures from. */
function clock(env: Env): Date {
  return new Date(clockMs(env)())
}

/** The clock as a function (it moves from CDN_PUBLISH_NOW on when that is set, for tests). */
function clockMs(env: Env): () => number {
  const fixed = env.CDN_PUBLISH_NOW ? new Date(env.CDN_PUBLISH_NOW).getTime() : NaN
  const offset = Number.isNaN(fixed) ? 0 : fixed - Date.now()
  return () => Date.now() + offset
}

/** The event payload the runner wrote to GITHUB_EVENT_PATH, if any. */
function readPayload(env: Env): Record<string, unknown> | undefined {
  if (!env.GITHUB_EVENT_PATH) return undefined
  try {
    return JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>
  } catch (error) {
    core.warning(
      `Could not read the event payload ${env.GITHUB_EVENT_PATH}: ${errorMessage(error)}`,
    )
    return undefined
  }
}

export async function run(env: Env = process.env): Promise<void> {
  const started = Date.now()
  const state: RunState = {}
  let failure: string | undefined
  const cancel = (signal: NodeJS.Signals) => void onCancel(state, signal, started)
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
  try {
    maskCredentials(env)
    state.config = parseConfig(env, readPayload(env))
    if (state.config.github.token) core.setSecret(state.config.github.token)
    if (state.config.mode === 'remove') await remove(state.config, env, state)
    else await publish(state.config, env, state)
    if (state.result && state.result.failures.length > 0)
      failure = failureText(state.result, state.config)
  } catch (error) {
    failure = errorMessage(error)
    if (isUnanswered(error) && state.config) failure += unansweredAdvice(state.config, state)
    if (!isExpected(error) && error instanceof Error && error.stack) core.debug(error.stack)
  }
  if (cancelling) return
  try {
    if (state.config) await comment(state.config, env, state, failure !== undefined)
  } catch (error) {
    core.warning(`Pull request comment: ${errorMessage(error)}. The deploy itself succeeded.`)
  }
  if (cancelling) return
  process.off('SIGINT', cancel)
  process.off('SIGTERM', cancel)
  await finish(state, failure, started)
}

/** The S3 endpoint the run talks to, as a failure names it. */
function s3Endpoint(config: Config): string {
  return config.endpoint ?? `https://${config.bucket}.s3.${config.region}.amazonaws.com`
}

/** What a run that lost its server leaves behind, and where: said after the error itself. */
function unansweredAdvice(config: Config, state: RunState): string {
  const limit = `within request-timeout (${config.requestTimeoutSeconds} s) on any of its attempts`
  if (state.talking === 'cloudfront') {
    const where = config.cdn.endpoint ?? 'https://cloudfront.amazonaws.com'
    return (
      `. CloudFront (${where}) did not answer ${limit}. The files are in the bucket; ` +
      'the distribution was not changed by this run and nothing was invalidated: the changed paths are kept in the deploy state, and the next run invalidates them.'
    )
  }
  const where = s3Endpoint(config)
  const written = state.result !== undefined && state.result.phase !== 'compare'
  return (
    `. S3 (${where}) did not answer ${limit}, ` +
    (written
      ? `in the ${state.result!.phase} phase; a re-run sends only what is missing.`
      : 'while the bucket was being read: nothing was changed, and the site still serves the previous deploy.')
  )
}

/** Outputs, the job summary, and the step's verdict. */
async function finish(
  state: RunState,
  failure: string | undefined,
  started: number,
): Promise<void> {
  try {
    setOutputs(state)
  } catch (error) {
    // GITHUB_OUTPUT missing or not writable: the step's verdict and summary still matter more.
    core.warning(`Could not set the outputs: ${errorMessage(error)}`)
  }
  const { config, result } = state
  await writeSummary({
    target: config ? `s3://${config.bucket}/${listPrefix(config.prefix)}` : 'cdn-publish',
    mode: config?.mode ?? 'publish',
    preview: config?.preview.enabled ?? false,
    dryRun: config?.dryRun ?? false,
    durationMs: Date.now() - started,
    counts: result ? (result.dryRun ? result.planned : result.done) : undefined,
    plan: result?.plan,
    failures: result?.failures ?? [],
    phase: result?.phase,
    error: failure && !result?.failures.length ? failure : undefined,
    distribution: state.distribution,
    invalidation: state.invalidation,
    marked: result?.marked ?? [],
    url: state.url,
  })
  if (failure !== undefined) core.setFailed(failure)
}

let cancelling = false
/** How long a cancelled run may take to record what is still to purge (the runner kills ~10 s after SIGINT). */
const CANCEL_SAVE_MS = 5000

/**
 * The runner cancels a job with SIGINT (then SIGTERM, then a kill): record in the state what this run
 * changed and no invalidation covered yet, so the next run purges it, write the summary, and stop.
 * (A kill nobody can catch is covered by the next run reading the listing: plan.ts driftedKeys.)
 */
async function onCancel(state: RunState, signal: NodeJS.Signals, started: number): Promise<void> {
  if (cancelling) return
  cancelling = true
  const { config, result } = state
  const phase = result ? result.phase : 'compare'
  let failure = `Cancelled (${signal}) while ${phase === 'compare' ? 'reading the bucket and the build: nothing was written' : `in the ${phase} phase`}.`
  if (config && result && !result.dryRun) {
    const pending = stillToInvalidate(config, state)
    const saved = await Promise.race([
      result.saveState(pending, state.remember).then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), CANCEL_SAVE_MS).unref()),
    ])
    failure += saved
      ? ` ${pending.length} changed path(s) are recorded in the deploy state; the next run invalidates them.`
      : ' The deploy state could not be written in time; the next run finds the changes from the listing.'
  }
  await finish(state, failure, started)
  process.exit(signal === 'SIGINT' ? 130 : 143)
}

/** Write the job summary; never fails the step (no summary file, the size cap, a write error). */
async function writeSummary(input: SummaryInput): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(renderSummary(input)).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}

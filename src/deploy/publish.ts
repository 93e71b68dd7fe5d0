/**
 * mode: publish: scan and hash the build while the bucket is read, sync (assets, then metadata, then
 * deletes), then ensure the distribution and invalidate what changed.
 */
import * as core from '@actions/core'
import { log } from '../action/log.js'
import type { Env } from '../action/readers.js'
import type { Config } from '../core/config.js'
import { compileFilter } from '../core/filter.js'
import { urlPathOf } from '../core/invalidation.js'
import type { BucketAdmin } from '../s3/bucket-admin.js'
import { Hasher } from '../local/hasher.js'
import { withHashes, type Selection } from '../local/scan.js'
import { clock, clockMs } from './clock.js'
import type { RunState } from './run-state.js'
import { scanBuild } from './scan-build.js'
import { cloudFront, DRY_RUN_NOTE, preload, s3Side } from './sides.js'
import { readRemote, sync } from './sync.js'
import { signedUrlsOf, siteUrlOf } from './urls.js'

export async function publish(
  config: Config,
  env: Env,
  state: RunState,
  hashWorker: URL,
): Promise<void> {
  const filter = compileFilter(config)
  // Files are hashed as the walk finds them, then alongside the listing; nothing is requested before
  // the whole build has been checked.
  const started = Date.now()
  const hasher = new Hasher({
    workerScript: hashWorker,
    report: (where) => log.debug(`Hashing ${where}.`),
  })
  // Workers start now; a failure to start shows when hashing falls back to the main thread.
  void hasher.warmUp()
  // The header rules (with the MIME database) are compiled while the workers hash.
  const rulesLoading = import('../core/rules.js')
  rulesLoading.catch(() => undefined)
  preload('s3')
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
    // The bucket is read while the rules (and the CloudFront SDK) load and the files are hashed.
    const reading = readRemote(store, log)
    reading.catch(() => undefined) // sync reports it
    if (config.cdn.enabled) preload('cloudfront')
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
export async function serve(
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
export function stillToInvalidate(config: Config, state: RunState): string[] {
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

/**
 * The CloudFront steps of a publish: ensure the distribution (created while the files upload when it
 * does not exist yet), invalidate what changed, and what is left to invalidate for the next run.
 */
import * as core from '@actions/core'
import { log } from '../action/log.js'
import type { Env } from '../action/readers.js'
import type { CloudFrontApi } from '../cloudfront/client.js'
import type { DistributionOutcome, EarlyDistribution, EnsureArgs } from '../cloudfront/ensure.js'
import { errorMessage } from '../core/errors.js'
import type { Log } from '../core/ports.js'
import type { Config } from '../core/config.js'
import { HeldLog } from '../core/held-log.js'
import { urlPathOf } from '../core/invalidation.js'
import type { BucketAdmin } from '../s3/bucket-admin.js'
import { clockMs } from './clock.js'
import type { RunState } from './run-state.js'
import { cloudFront, type CloudFront } from './sides.js'
import { signedUrlsOf, siteUrlOf } from './urls.js'

/**
 * Started once the deploy state is read, while the files upload: a deploy whose distribution does not
 * exist yet creates it now (cloudfront/ensure.ts createIfMissing), its lines held until ensureCdn shows
 * them. Measured on the bench (10,000 files, 50 ms round trip): the ~1 s of CloudFront requests a first
 * deploy made after its last upload.
 */
export class EarlyCdn {
  private readonly held = new HeldLog(log.debugging)
  private readonly work: Promise<EarlyDistribution | undefined>

  /** `next`: what may follow at once on a distribution created now (its routing data). */
  constructor(
    config: Config,
    env: Env,
    admin: BucketAdmin,
    remembered: unknown,
    next?: (created: DistributionOutcome, api: CloudFrontApi, log: Log) => Promise<void>,
  ) {
    this.work = (async () => {
      const loaded = await cloudFront(config)
      if (!loaded) return undefined
      const early = await loaded.cf.createIfMissing({
        ...ensureArgs(config, env, admin, loaded, remembered),
        log: this.held,
      })
      if (early.created && next)
        await next(early.created, loaded.api, this.held).catch((error: unknown) =>
          // Done again after the uploads, where its failure fails the run.
          this.held.debug(`Not written during the uploads: ${errorMessage(error)}`),
        )
      return early
    })()
    // Its failure is the run's when ensureCdn takes it; until then it must not end the process.
    this.work.catch(() => undefined)
  }

  /** Whether taken() was called: what it did has been recorded or shown. */
  get isTaken(): boolean {
    return this.took
  }

  private took = false

  /** What it did; its lines are shown now, or (a distribution found) by ensureDistribution's group. */
  async taken(): Promise<EarlyDistribution> {
    this.took = true
    try {
      const early = (await this.work) ?? {}
      if (!early.found) await this.held.playTo(log)
      return early
    } catch (error) {
      await this.held.playTo(log)
      throw error
    }
  }
}

/** Ensure the distribution (and, for site behaviour, its KeyValueStore and functions). */
export async function ensureCdn(
  config: Config,
  env: Env,
  state: RunState,
  admin: BucketAdmin,
  /** What an earlier run remembered of the CDN side, when not from this prefix's deploy state. */
  remembered?: unknown,
  /** The distribution created (or found) while the files uploaded. */
  early?: EarlyCdn,
): Promise<void> {
  state.talking = 'cloudfront'
  const loaded = await cloudFront(config)
  state.cdnChecked = loaded === undefined
  if (!loaded) return
  state.cdnApi = loaded
  const { cf } = loaded
  const ahead = early ? await early.taken() : {}
  state.distribution =
    'created' in ahead
      ? ahead.created
      : await cf.ensureDistribution({
          ...ensureArgs(config, env, admin, loaded, remembered ?? state.result?.remembered),
          ...(ahead.found ? { found: ahead.found } : {}),
        })
  record(cf, config, state)
}

/** What ensuring the distribution takes, from the run (its log: the run's). */
function ensureArgs(
  config: Config,
  env: Env,
  admin: BucketAdmin,
  { cf, api }: { cf: CloudFront; api: CloudFrontApi },
  remembered: unknown,
): EnsureArgs {
  return {
    config,
    api,
    admin,
    log,
    env,
    dryRun: config.dryRun,
    remembered: cf.readRemembered(remembered),
    now: clockMs(env),
  }
}

/** What the run found or made of the distribution, for the deploy state, outputs and summary. */
function record(cf: CloudFront, config: Config, state: RunState): void {
  state.cdnChecked = true
  state.remember = cf.rememberOf(config, state.distribution)
  const distribution = state.distribution
  if (!distribution) return
  state.distributionCreated = distribution.action === 'created'
  state.url = siteUrlOf(cf, config, distribution)
  state.signedUrls = signedUrlsOf(cf, config, distribution, state.url)
}

/**
 * A run that stopped before its CloudFront step (a failed upload, a failed phase): the distribution it
 * created during the uploads is still its own, recorded (deploy state, outputs, summary) and shown; a
 * distribution it only found is left as it is. Never throws: the run's own failure is what it reports.
 */
export async function settleEarlyCdn(
  config: Config,
  state: RunState,
  early: EarlyCdn | undefined,
): Promise<void> {
  if (!early || early.isTaken) return
  try {
    const ahead = await early.taken()
    if (ahead.found?.lines) await ahead.found.lines.playTo(log)
    if (!ahead.created) return
    const loaded = await cloudFront(config)
    if (!loaded) return
    state.cdnApi = loaded
    state.distribution = ahead.created
    record(loaded.cf, config, state)
  } catch (error) {
    core.warning(
      `The CloudFront distribution set up during the uploads: ${errorMessage(error)}. The next run sets it up again.`,
    )
  }
}

/** Invalidate what changed (with what earlier runs left to invalidate). */
export async function invalidateCdn(
  config: Config,
  env: Env,
  state: RunState,
  pending: readonly string[],
): Promise<void> {
  const distribution = state.distribution
  const loaded = state.cdnApi
  if (!distribution || !loaded) return
  const { cf, api } = loaded
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
      pending,
      also: state.alsoInvalidate,
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
  // An atomic deploy changes no URL's bytes: a new build has URIs of its own.
  if (!result || !config.cdn.enabled || !config.cdn.invalidate || config.atomic.enabled) return []
  const sent =
    state.invalidation &&
    (state.invalidation.ids.length > 0 || state.invalidation.plan.paths.length === 0)
  if (sent) return []
  // Known: no distribution serves the files, or it was just created (nothing cached yet).
  if (state.cdnChecked && (!state.distribution || state.distribution.action === 'created'))
    return []
  return [...new Set([...result.pendingInvalidation, ...result.changedApplied])]
}

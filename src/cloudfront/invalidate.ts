/**
 * Purge what the deploy changed from the CDN: plan the paths, send one invalidation (retrying CloudFront's
 * limits until the deadline), and wait for it when asked.
 */
import { errorName, errorStatus, wrapAwsError } from '../core/errors.js'
import type { CdnConfig, Config } from '../core/config.js'
import { planInvalidation, type InvalidationPlan } from '../core/invalidation.js'
import type { Plan } from '../core/plan.js'
import type { Log } from '../core/ports.js'
import type { CloudFrontApi } from './client.js'
import { runReference } from './distribution.js'
import type { DistributionOutcome } from './outcome.js'

export interface InvalidationOutcome {
  ids: string[]
  plan: InvalidationPlan
  /** Completed (only known when waiting). */
  completed: boolean | undefined
  dryRun: boolean
}

export interface InvalidateArgs {
  /** The prefix this run wrote under, and the invalidation and wait inputs. */
  config: Pick<Config, 'prefix'> & {
    cdn: Pick<
      CdnConfig,
      | 'invalidate'
      | 'prettyUrls'
      | 'invalidationMaxPaths'
      | 'wait'
      | 'waitTimeoutSeconds'
      | 'failOnWaitTimeout'
    >
  }
  api: CloudFrontApi
  distribution: DistributionOutcome
  /** The sync plan that was applied. */
  plan: Plan
  /** Keys an earlier run changed without invalidating them. */
  pending?: readonly string[]
  /** Keys this run changed besides the plan's (site behaviour's not-found page copy). */
  also?: readonly string[]
  log: Log
  env: Readonly<Record<string, string | undefined>>
  dryRun: boolean
  now?: () => number
  pause?: (ms: number) => Promise<void>
}

/** Errors that mean "not now": retried with backoff until the deadline. */
const RETRYABLE = new Set([
  'TooManyInvalidationsInProgress',
  'Throttling',
  'ThrottlingException',
  'ServiceUnavailable',
  'RequestLimitExceeded',
])

export function isRetryableInvalidationError(error: unknown): boolean {
  const name = errorName(error) ?? ''
  const status = errorStatus(error)
  return RETRYABLE.has(name) || status === 503 || status === 429
}

/** Site keys whose cached copy the applied plan made wrong, and every key the distribution may have cached. */
export function changedKeys(plan: Plan): { changed: string[]; all: string[] } {
  const writes = [...plan.assets, ...plan.metadata]
  const changed = [
    ...writes.filter((w) => w.reason !== 'new').map((w) => w.key),
    ...plan.deletes.map((d) => d.key),
  ]
  const all = [
    ...plan.unchanged.map((u) => u.file.key),
    ...writes.map((w) => w.key),
    ...plan.deletes.map((d) => d.key),
  ]
  return { changed, all }
}

/** The same run and the same paths give the same reference: a retried step does not invalidate twice. */
export function invalidationReference(
  env: Readonly<Record<string, string | undefined>>,
  distributionId: string,
  paths: readonly string[],
  now = Date.now(),
): string {
  return runReference(env, [distributionId, ...paths], 16, now)
}

function sleeper(args: InvalidateArgs) {
  return args.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
}

export async function invalidate(args: InvalidateArgs): Promise<InvalidationOutcome | undefined> {
  const { config, api, distribution, log } = args
  const cdn = config.cdn
  if (!cdn.invalidate) {
    log.info('Invalidation: skipped (invalidate: false).')
    return undefined
  }
  const { changed, all } = changedKeys(args.plan)
  const pending = [...(args.pending ?? [])]
  if (pending.length > 0)
    log.info(
      `Also invalidating ${pending.length} path(s) an earlier run changed without invalidating.`,
    )
  const also = args.also ?? []
  const plan = planInvalidation({
    changed: [...changed, ...pending, ...also],
    all: [...all, ...pending, ...also],
    prefix: config.prefix,
    originPath: distribution.originPath,
    directoryIndexes: cdn.prettyUrls,
    budget: cdn.invalidationMaxPaths,
  })
  const outcome: InvalidationOutcome = { ids: [], plan, completed: undefined, dryRun: args.dryRun }
  if (plan.paths.length === 0) {
    log.info('Invalidation: nothing cached is out of date (only new files, or no change).')
    return outcome
  }
  return log.group(
    `Invalidate ${plan.paths.length} path(s) on ${distribution.id || 'the new distribution'}`,
    async () => {
      for (const p of plan.paths) log.info(p)
      if (plan.collapsed)
        log.info(
          `(${plan.objects} changed objects, collapsed to stay within invalidation-max-paths: ${cdn.invalidationMaxPaths})`,
        )
      if (args.dryRun || !distribution.id) return outcome
      const now = args.now ?? Date.now
      const pause = sleeper(args)
      const deadline = now() + cdn.waitTimeoutSeconds * 1000
      const reference = invalidationReference(args.env, distribution.id, plan.paths)
      let delay = 1000
      for (let attempt = 1; ; attempt++) {
        try {
          const created = await api.createInvalidationRaw(distribution.id, plan.paths, reference)
          outcome.ids.push(created.id)
          log.info(`Invalidation ${created.id}: ${created.status}.`)
          break
        } catch (error) {
          if (!isRetryableInvalidationError(error))
            throw wrapAwsError(
              `invalidate ${plan.paths.length} paths on distribution ${distribution.id} (CreateInvalidation)`,
              'cloudfront:CreateInvalidation',
              error,
            )
          if (now() + delay > deadline)
            throw new Error(
              `Could not invalidate on distribution ${distribution.id}: ${errorName(error)} for ${cdn.waitTimeoutSeconds} s (wait-timeout). ` +
                `Not invalidated: ${plan.paths.join(', ')}. The files are published; these paths may be served stale until their cache time runs out.`,
            )
          log.info(
            `CloudFront answered ${errorName(error)}; trying again in ${delay / 1000} s (attempt ${attempt + 1}).`,
          )
          await pause(delay)
          delay = Math.min(delay * 2, 30_000)
        }
      }
      if (cdn.wait)
        outcome.completed = await waitCompleted(args, distribution.id, outcome.ids[0]!, deadline)
      return outcome
    },
  )
}

async function waitCompleted(
  args: InvalidateArgs,
  distributionId: string,
  id: string,
  deadline: number,
): Promise<boolean> {
  const now = args.now ?? Date.now
  const pause = sleeper(args)
  let delay = 2000
  for (;;) {
    const status = await args.api.invalidationStatus(distributionId, id)
    // Compare in any letter case: CloudFront says Completed, some emulators COMPLETED.
    if (status.toLowerCase() === 'completed') {
      args.log.info(`Invalidation ${id} completed.`)
      return true
    }
    if (now() + delay > deadline) {
      const message = `Invalidation ${id} is still ${status} after ${args.config.cdn.waitTimeoutSeconds} s (wait-timeout); it goes on by itself.`
      if (args.config.cdn.failOnWaitTimeout)
        throw new Error(`${message} Failing because fail-on-wait-timeout is true.`)
      args.log.warning(message)
      return false
    }
    await pause(delay)
    delay = Math.min(delay * 2, 20_000)
  }
}

/**
 * `remove-distribution: true` with `mode: remove`: tear down a distribution the action created, safely.
 * Disable it, wait until that is deployed, delete it, then delete the Origin Access Control and the
 * bucket policy statement the action added. A distribution the action did not create is never touched.
 */
import { AwsCallError, wrapAwsError } from '../core/errors.js'
import type { CdnConfig, Config } from '../core/config.js'
import type { Log } from '../core/ports.js'
import { removeStatements, statementId } from './bucket-policy.js'
import type { CloudFrontApi } from './client.js'
import { oacName } from './distribution.js'
import type { DistributionOutcome } from './outcome.js'
import type { BucketPolicy } from './ports.js'

export interface TeardownArgs {
  /** The bucket whose Origin Access Control and policy statement go, and how long to wait. */
  config: Pick<Config, 'bucket'> & { cdn: Pick<CdnConfig, 'waitTimeoutSeconds'> }
  api: CloudFrontApi
  /** The bucket's policy (the S3 side's BucketAdmin): the distribution's read statement is taken out. */
  admin: BucketPolicy
  distribution: DistributionOutcome
  log: Log
  dryRun: boolean
  now?: () => number
  pause?: (ms: number) => Promise<void>
}

export type TeardownResult = 'deleted' | 'not-owned' | 'would-delete'

export async function teardownDistribution(args: TeardownArgs): Promise<TeardownResult> {
  const { api, config, distribution, log } = args
  if (!distribution.owned) {
    log.warning(
      `Distribution ${distribution.id} was not created by cdn-publish: remove-distribution leaves it in place.`,
    )
    return 'not-owned'
  }
  if (args.dryRun) {
    log.info(
      `Would disable and delete distribution ${distribution.id}, its Origin Access Control and bucket policy statement.`,
    )
    return 'would-delete'
  }
  const now = args.now ?? Date.now
  const pause =
    args.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const deadline = now() + config.cdn.waitTimeoutSeconds * 1000
  return log.group(`Remove distribution ${distribution.id}`, async () => {
    const { config: current, etag } = await api.getConfig(distribution.id)
    if (current.Enabled) {
      try {
        await api.updateRaw(distribution.id, { ...current, Enabled: false }, etag)
      } catch (error) {
        throw wrapAwsError(
          `disable distribution ${distribution.id} (UpdateDistribution)`,
          'cloudfront:UpdateDistribution',
          error,
        )
      }
      log.info(`Disabled distribution ${distribution.id}; waiting until that is deployed.`)
    }
    let delay = 5000
    for (;;) {
      const { view, etag: latest } = await api.get(distribution.id)
      if (view.status.toLowerCase() === 'deployed' && !view.enabled) {
        try {
          await api.deleteDistribution(distribution.id, latest)
          break
        } catch (error) {
          // Still settling: CloudFront says so until the disabled config is everywhere.
          if (!(error instanceof AwsCallError && error.code === 'DistributionNotDisabled'))
            throw error
        }
      }
      if (now() + delay > deadline)
        throw new Error(
          `Distribution ${distribution.id} is disabled but still ${view.status} after ${config.cdn.waitTimeoutSeconds} s (wait-timeout). ` +
            'Run the removal again later to delete it; the files are already gone.',
        )
      await pause(delay)
      delay = Math.min(delay * 2, 30_000)
    }
    log.info(`Deleted distribution ${distribution.id}.`)
    const oac = oacName(config.bucket)
    if (await api.policies.deleteOriginAccessControl(oac))
      log.info(`Deleted Origin Access Control ${oac}.`)
    else
      log.info(
        `Origin Access Control ${oac} is kept (missing, or still used by another distribution).`,
      )
    const removed = removeStatements(await args.admin.policy(), [statementId(distribution.id)])
    if (removed.changed) {
      if (removed.policy === undefined) await args.admin.deletePolicy()
      else await args.admin.putPolicy(removed.policy)
      log.info(
        `Removed the read statement of ${distribution.id} from the policy of bucket ${config.bucket}.`,
      )
    }
    return 'deleted' as const
  })
}

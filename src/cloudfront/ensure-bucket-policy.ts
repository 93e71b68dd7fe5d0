/**
 * Grant a distribution the action manages read access to the site in the bucket policy: the statement
 * comes from ./bucket-policy.ts, merged into whatever policy the bucket has.
 */
import type { Log } from '../core/ports.js'
import { mergePolicy, siteStatements } from './bucket-policy.js'
import type { DistributionView } from './distribution.js'
import type { BucketPolicy } from './ports.js'

export interface BucketPolicyArgs {
  admin: Pick<BucketPolicy, 'policy' | 'putPolicy'>
  log: Log
  dryRun: boolean
  bucket: string
  /** The prefix the distribution serves (its origin path). */
  basePrefix: string
}

export async function ensureBucketPolicy(
  args: BucketPolicyArgs,
  view: Pick<DistributionView, 'id' | 'arn'>,
): Promise<void> {
  const { admin, log, bucket, basePrefix } = args
  const statements = siteStatements(bucket, basePrefix, view.id, view.arn)
  const merged = mergePolicy(await admin.policy(), statements)
  if ('error' in merged)
    throw new Error(
      `Cannot add the CloudFront read statement to the policy of bucket ${bucket}: ${merged.error}.`,
    )
  if (!merged.changed) return
  if (args.dryRun) {
    log.info(
      `Would add the statements ${statements.map((s) => s.Sid).join(', ')} to the policy of bucket ${bucket}.`,
    )
    return
  }
  await admin.putPolicy(merged.policy)
  log.info(
    `Bucket policy of ${bucket}: distribution ${view.id} may read ${basePrefix || '(the whole bucket)'}.`,
  )
}

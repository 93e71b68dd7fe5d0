/** What a run has done so far: read by the outputs, the summary, the comment and a cancellation. */
import type { CloudFrontApi } from '../cloudfront/client.js'
import type { DistributionOutcome } from '../cloudfront/ensure.js'
import type { InvalidationOutcome } from '../cloudfront/invalidate.js'
import type { TeardownResult } from '../cloudfront/teardown.js'
import type { ConcurrencyReport } from '../core/concurrency.js'
import type { Config } from '../core/config.js'
import type { PruneOutcome } from './prune-previews.js'
import type { CloudFront } from './sides.js'
import type { SyncResult } from './sync.js'
import type { BuildOutcome } from './atomic.js'

export interface RunState {
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
  /** The CloudFront side once loaded (the distribution ensured before the deletes, invalidated after). */
  cdnApi?: { cf: CloudFront; api: CloudFrontApi }
  /** This run created the distribution: nothing of it is cached yet. */
  distributionCreated?: boolean
  /** Keys this run changed besides the plan's, to invalidate too (the not-found page's copy). */
  alsoInvalidate?: string[]
  /** Atomic deploys, rollback, promote: the build made live. */
  build?: BuildOutcome
  /** The GitHub Deployment this run created (github-deployment), to set its final status. */
  deployment?: { id: number; environment: string; logUrl: string | undefined }
  /** The S3 requests' concurrency (adaptive: where it settled, and why). */
  concurrency?: ConcurrencyReport
  /** mode: prune-previews: every folder under the preview root, kept or removed, and why. */
  prune?: PruneOutcome
}

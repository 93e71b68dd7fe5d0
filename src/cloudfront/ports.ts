/**
 * What the CloudFront side needs from the rest of the run, declared here so that it depends on neither
 * the whole Config nor the S3 adapter: the shell passes its Config and the S3 side's BucketAdmin, which
 * fit as they are.
 */
import type { Config } from '../core/config.js'

/**
 * The site a distribution serves (bucket, region, the prefix it is the origin path of) and the CDN and
 * preview inputs: what finding, creating and remembering the distribution read.
 */
export type CdnSite = Pick<Config, 'bucket' | 'basePrefix' | 'region' | 'cdn' | 'preview'>

/** The bucket policy, read and written as JSON text (the S3 side's BucketAdmin is one). */
export interface BucketPolicy {
  /** The policy, or undefined when the bucket has none. */
  policy(): Promise<string | undefined>
  putPolicy(policy: string): Promise<void>
  deletePolicy(): Promise<void>
}

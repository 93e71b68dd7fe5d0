/** The two AWS sides of a run, each loaded only when used (the SDKs are large chunks of the bundle). */
import { log } from '../action/log.js'
import type { CloudFrontApi } from '../cloudfront/client.js'
import type { ConcurrencyReport } from '../core/concurrency.js'
import type { Config } from '../core/config.js'
import { listPrefix } from '../core/keys.js'
import type { RemoteStore } from '../core/ports.js'
import type { BucketAdmin } from '../s3/bucket-admin.js'
import { DryRunStore } from '../s3/dry-run-store.js'

export const DRY_RUN_NOTE = 'Dry run: the bucket and the distribution are read, nothing is written.'

export interface S3Side {
  /** What the sync talks to (in a dry run, a wrapper that records writes instead of sending them). */
  store: RemoteStore
  /** The bucket's settings (create-bucket, the CloudFront bucket policy). */
  admin: BucketAdmin
  /** A store under another prefix of the bucket, on the same client (an atomic deploy's builds). */
  at(prefix: string): RemoteStore
  /** The requests' concurrency so far (adaptive: where it settled, and why). */
  concurrency(): ConcurrencyReport
}

type S3 = typeof import('../s3/index.js')
export type CloudFront = typeof import('../cloudfront/index.js')

let s3Module: Promise<S3> | undefined
let cloudFrontModule: Promise<CloudFront> | undefined

/**
 * Start loading an SDK's chunk ahead of its first use, so that its compilation fills the main thread's
 * waits (the walk's directory reads, the listing's round trips) instead of delaying the next step. A
 * failure to load surfaces where the module is used.
 */
export function preload(which: 's3' | 'cloudfront'): void {
  const loading = which === 's3' ? loadS3() : loadCloudFront()
  loading.catch(() => undefined)
}

function loadS3(): Promise<S3> {
  return (s3Module ??= import('../s3/index.js'))
}

function loadCloudFront(): Promise<CloudFront> {
  return (cloudFrontModule ??= import('../cloudfront/index.js'))
}

/** The S3 side: one SDK client for the store and the bucket's settings. */
export async function s3Side(config: Config): Promise<S3Side> {
  const s3 = await loadS3()
  const client = s3.createS3Client(config)
  // One set of request slots for every store of the run: the limit is the client's, not a prefix's.
  const gate = s3.requestGate(
    client,
    config.concurrency,
    `s3://${config.bucket}/${listPrefix(config.prefix)}`,
  )
  const at = (prefix: string): RemoteStore => {
    const store = new s3.S3Store(client, { ...config, prefix, gate })
    return config.dryRun ? new DryRunStore(store) : store
  }
  return {
    store: at(config.prefix),
    admin: new s3.BucketAdmin(client, config.bucket, config.region),
    at,
    concurrency: () => gate.report,
  }
}

/** The CloudFront side, loaded only when a distribution is involved; undefined (and why) when not. */
export async function cloudFront(
  config: Config,
): Promise<{ cf: CloudFront; api: CloudFrontApi } | undefined> {
  if (!config.cdn.enabled) {
    log.info(`CloudFront: skipped, because ${config.cdn.skipReason}.`)
    return undefined
  }
  const cf = await loadCloudFront()
  const client = cf.createCloudFrontClient(config.cdn.endpoint, config.requestTimeoutSeconds)
  return {
    cf,
    api: new cf.CloudFrontApi(client, {
      endpoint: config.cdn.storeEndpoint,
      requestTimeoutSeconds: config.requestTimeoutSeconds,
    }),
  }
}

/** The S3 reads of prune-previews: the folders below a prefix, and the objects under one. */
export interface S3Reader {
  folders(prefix: string): Promise<string[]>
  objects(prefix: string): Promise<Array<{ key: string; lastModified: Date }>>
}

export async function s3Reader(config: Config): Promise<S3Reader> {
  const s3 = await loadS3()
  const client = s3.createS3Client(config)
  return {
    folders: (prefix) => s3.listFolders(client, config.bucket, prefix),
    objects: (prefix) =>
      new s3.S3Store(client, {
        bucket: config.bucket,
        prefix,
        concurrency: config.concurrency,
      }).list(),
  }
}

export interface StrictAws {
  /**
   * http://127.0.0.1:PORT: point S3 and CloudFront clients here (path-style for S3). The same port
   * serves the edge, GET|HEAD `${endpoint}/strict-edge/<distributionId><path>` (what a viewer gets;
   * Host or x-strict-edge-host is the viewer's host), and the CloudFront KeyValueStore data plane
   * (/key-value-stores/...): the SDK puts the account id in front of a custom endpoint's host, so
   * give that client http://localhost:PORT and resolve *.localhost to 127.0.0.1
   * (__tests__/helpers/edge.ts).
   */
  endpoint: string
  pid: number
  /** Forget the layer's state (bucket models, log, policies, functions, key value stores); moto's stays. */
  reset(): Promise<void>
  stop(): Promise<void>
}

/** The IAM model of one bucket, set with POST /strict-api/buckets/<bucket>. */
export interface BucketModel {
  /** 'all': unconditional s3:ListBucket (missing keys answer 404); default none (403). */
  listBucket?: 'all' | 'none'
  /** s3:ListBucket only with an s3:prefix starting with one of these (never unconditional). */
  listBucketPrefixes?: string[]
  /** IAM actions the caller lacks, e.g. 's3:GetObjectTagging': requests needing them answer 403. */
  denyActions?: string[]
}

/** One entry of GET /strict-api/log: a request the layer changed or refused. */
export interface StrictLogEntry {
  seq: number
  time: string
  method: string
  path: string
  op?: string
  rule: string
  status: number
  detail?: string
}

export function startStrictAws(options: {
  upstream: string
  port?: number
  timeoutMs?: number
}): Promise<StrictAws>

// What the tests of the strict AWS layer share: SDK clients pointed at the layer and at moto alone, the
// layer's admin API, and unique names (the layer is shared with other files and never reset).
import {
  CreateDistributionCommand,
  CloudFrontClient,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront'
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { randomBytes } from 'node:crypto'
import { expect, inject } from 'vitest'

export const layer = inject('awsEndpoint')
export const moto = inject('motoEndpoint')
export const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }

export function s3Client(endpoint: string): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials,
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
}
export function cfClient(endpoint: string): CloudFrontClient {
  return new CloudFrontClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 })
}

export const s3 = s3Client(layer)
export const s3Moto = s3Client(moto)
export const cf = cfClient(layer)
export const cfMoto = cfClient(moto)

export const tag = () => randomBytes(4).toString('hex')
export const uniqueBucket = (label: string) => `strict-${label}-${tag()}`

/** The error name and HTTP status the SDK surfaces for a failed call. */
export async function failure(call: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await call
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } }
    return { name: e.name, status: e.$metadata?.httpStatusCode }
  }
  throw new Error('the call succeeded')
}

export async function admin(path: string, init?: { method: string; body?: unknown }) {
  const response = await fetch(`${layer}/strict-api/${path}`, {
    method: init?.method ?? 'GET',
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  })
  return { status: response.status, body: await response.json() }
}

export async function model(bucket: string, settings: Record<string, unknown>) {
  const answer = await admin(`buckets/${bucket}`, { method: 'POST', body: settings })
  expect(answer.status).toBe(200)
}

export interface LogEntry {
  method: string
  path: string
  rule: string
  status: number
  detail?: string
}
export async function log(pathIncludes: string): Promise<LogEntry[]> {
  const { body } = await admin('log')
  return (body as LogEntry[]).filter((e) => e.path.includes(pathIncludes))
}

export async function bucketWith(
  label: string,
  objects: Record<string, string> = {},
): Promise<string> {
  const bucket = uniqueBucket(label)
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
  for (const [key, body] of Object.entries(objects)) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
  }
  return bucket
}

// ---- CloudFront ----

export const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6'

export function distributionConfig(
  options: { aliases?: string[]; comment?: string; oac?: string } = {},
): DistributionConfig {
  const aliases = options.aliases ?? []
  return {
    CallerReference: `ref-${tag()}`,
    Aliases: { Quantity: aliases.length, Items: aliases.length ? aliases : undefined },
    DefaultRootObject: 'index.html',
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: 'site',
          DomainName: 'bucket.s3.us-east-1.amazonaws.com',
          OriginPath: '',
          S3OriginConfig: { OriginAccessIdentity: '' },
          OriginAccessControlId: options.oac,
        },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: 'site',
      ViewerProtocolPolicy: 'redirect-to-https',
      CachePolicyId: CACHING_OPTIMIZED,
    },
    Comment: options.comment ?? 'strict layer test',
    Enabled: true,
  }
}

export async function createDistribution(options: Parameters<typeof distributionConfig>[0] = {}) {
  const created = await cf.send(
    new CreateDistributionCommand({ DistributionConfig: distributionConfig(options) }),
  )
  return { id: created.Distribution!.Id!, etag: created.ETag!, arn: created.Distribution!.ARN! }
}

// Test-side S3 access to the emulator: a client, unique bucket names, and readers of what is stored.
import {
  CreateBucketCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3'
import { randomBytes } from 'node:crypto'
import { gunzipSync } from 'node:zlib'

export function testClient(endpoint: string): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
}

export function uniqueBucket(label: string): string {
  return `t-${label}-${randomBytes(4).toString('hex')}`.toLowerCase().slice(0, 63)
}

export async function createBucket(client: S3Client, bucket: string): Promise<void> {
  await client.send(new CreateBucketCommand({ Bucket: bucket }))
}

export async function listKeys(client: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const keys: string[] = []
  let token: string | undefined
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    )
    for (const o of page.Contents ?? []) keys.push(o.Key!)
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return keys.sort()
}

export async function headers(client: S3Client, bucket: string, key: string) {
  const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
  return {
    contentType: head.ContentType,
    cacheControl: head.CacheControl,
    etag: head.ETag?.replace(/"/g, ''),
    size: head.ContentLength,
    metadata: head.Metadata ?? {},
  }
}

export async function body(client: S3Client, bucket: string, key: string): Promise<Buffer> {
  const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return Buffer.from(await response.Body!.transformToByteArray())
}

export async function putObject(
  client: S3Client,
  bucket: string,
  key: string,
  content: string | Buffer,
  extra: Omit<PutObjectCommandInput, 'Bucket' | 'Key' | 'Body'> = {},
) {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: content, ...extra }))
}

/** An object's tags, as a plain object. */
export async function objectTags(
  client: S3Client,
  bucket: string,
  key: string,
): Promise<Record<string, string>> {
  const response = await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }))
  return Object.fromEntries((response.TagSet ?? []).map((t) => [t.Key!, t.Value!]))
}

// Kept here for the files that import it from s3.js; it lives with the other CloudFront helpers.
export { cloudFrontTestClient } from './cloudfront.js'

/** The action's deploy state object under a prefix, decompressed and parsed. */
export async function readDeployState(
  client: S3Client,
  bucket: string,
  prefix = '',
): Promise<Record<string, unknown>> {
  const response = await client.send(
    new GetObjectCommand({ Bucket: bucket, Key: `${prefix}.cdn-publish/state.json` }),
  )
  const raw = Buffer.from(await response.Body!.transformToByteArray())
  const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString() : raw.toString()
  return JSON.parse(text) as Record<string, unknown>
}

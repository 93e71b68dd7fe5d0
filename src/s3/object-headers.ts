/**
 * An object's headers: what a HEAD shows (the action's own, and what it keeps but does not manage),
 * and the update in place (CopyObject onto itself) that sets new ones.
 */
import {
  CopyObjectCommand,
  type HeadObjectCommandOutput,
  type StorageClass,
} from '@aws-sdk/client-s3'
import { wrapAwsError } from '../core/errors.js'
import { isPlainMd5, type Inspected, type KeptHeaders } from '../core/plan.js'
import type { LocalFile } from '../core/ports.js'
import type { Headers } from '../core/rules.js'
import { unquote } from './listing.js'
import { objectKey, where, type Target } from './requests.js'

/** User metadata key for the content MD5 (base64), the name rclone uses, so either tool can read it. */
export const MD5_METADATA = 'md5chksum'

export function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64')
}

function base64ToHex(value: string | undefined): string | undefined {
  if (!value) return undefined
  const bytes = Buffer.from(value, 'base64')
  return bytes.length === 16 ? bytes.toString('hex') : undefined
}

/** What a HEAD shows that the action does not manage; undefined when there is none. */
export function keptHeaders(head: HeadObjectCommandOutput): KeptHeaders | undefined {
  const metadata = Object.fromEntries(
    Object.entries(head.Metadata ?? {}).filter(([name]) => name !== MD5_METADATA),
  )
  const kept: KeptHeaders = {
    contentEncoding: head.ContentEncoding || undefined,
    contentDisposition: head.ContentDisposition || undefined,
    contentLanguage: head.ContentLanguage || undefined,
    expires: head.Expires,
    websiteRedirectLocation: head.WebsiteRedirectLocation || undefined,
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
    storageClass:
      head.StorageClass && head.StorageClass !== 'STANDARD' ? head.StorageClass : undefined,
    kmsKeyId: head.ServerSideEncryption?.startsWith('aws:kms') ? head.SSEKMSKeyId : undefined,
  }
  const present: KeptHeaders = Object.fromEntries(
    Object.entries(kept).filter(([, v]) => v !== undefined),
  )
  return Object.keys(present).length > 0 ? present : undefined
}

/** A HEAD as the planner reads it: the content's MD5 from the metadata, else from a plain ETag. */
export function inspected(head: HeadObjectCommandOutput): Inspected {
  const etag = unquote(head.ETag)
  return {
    etag,
    size: head.ContentLength ?? 0,
    md5: base64ToHex(head.Metadata?.[MD5_METADATA]) ?? (isPlainMd5(etag) ? etag : undefined),
    headers: {
      contentType: head.ContentType ?? '',
      cacheControl: head.CacheControl ?? '',
      ...(head.ContentEncoding ? { contentEncoding: head.ContentEncoding } : {}),
    },
    kept: keptHeaders(head),
  }
}

/** CopySource: bucket and key, each key segment URL-encoded. */
export function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`
}

/**
 * CopyObject onto itself with the new headers. Tags are copied (S3's default), which
 * needs s3:GetObjectTagging and s3:PutObjectTagging; what else the object carries is in `kept`.
 */
export function updateHeaders(
  target: Target,
  file: LocalFile,
  headers: Headers,
  kept?: KeptHeaders,
): Promise<{ etag: string }> {
  const Key = objectKey(target, file.key)
  const CopySource = copySource(target.bucket, Key)
  return target.requests.run(async () => {
    const md5 = hexToBase64(file.md5)
    try {
      const response = await target.client.send(
        new CopyObjectCommand({
          Bucket: target.bucket,
          Key,
          CopySource,
          MetadataDirective: 'REPLACE',
          ContentType: headers.contentType,
          CacheControl: headers.cacheControl,
          ContentEncoding: headers.contentEncoding ?? kept?.contentEncoding,
          ContentDisposition: kept?.contentDisposition,
          ContentLanguage: kept?.contentLanguage,
          Expires: kept?.expires,
          WebsiteRedirectLocation: kept?.websiteRedirectLocation,
          StorageClass: kept?.storageClass as StorageClass | undefined,
          ...(kept?.kmsKeyId
            ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: kept.kmsKeyId }
            : {}),
          Metadata: { ...kept?.metadata, [MD5_METADATA]: md5 },
        }),
      )
      return { etag: unquote(response.CopyObjectResult?.ETag) }
    } catch (error) {
      throw wrapAwsError(
        `update the headers of ${where(target, file.key)} (CopyObject onto itself)`,
        's3:GetObject, s3:PutObject, s3:GetObjectTagging and s3:PutObjectTagging (the copy keeps its tags)',
        error,
      )
    }
  })
}

/**
 * Atomic deploys: a file the live build holds with the same bytes and headers, copied server-side into
 * the new build (no bytes sent). `from` is the source's object key in the bucket. TaggingDirective
 * REPLACE: the copy carries no tags, so it needs no tagging permission.
 */
export function copyFrom(
  target: Target,
  from: string,
  file: LocalFile,
  headers: Headers,
): Promise<{ etag: string }> {
  return target.requests.run(async () => {
    try {
      const response = await target.client.send(
        new CopyObjectCommand({
          Bucket: target.bucket,
          Key: objectKey(target, file.key),
          CopySource: copySource(target.bucket, from),
          MetadataDirective: 'REPLACE',
          TaggingDirective: 'REPLACE',
          ContentType: headers.contentType,
          CacheControl: headers.cacheControl,
          ContentEncoding: headers.contentEncoding,
          Metadata: { [MD5_METADATA]: hexToBase64(file.md5) },
        }),
      )
      return { etag: unquote(response.CopyObjectResult?.ETag) }
    } catch (error) {
      throw wrapAwsError(
        `copy s3://${target.bucket}/${from} to ${where(target, file.key)} (CopyObject)`,
        's3:GetObject and s3:PutObject',
        error,
      )
    }
  })
}

/** The not-found page's copy (site behaviour): CopyObject to the copy's key, marked for a 404. */
export function copyNotFound(
  target: Target,
  from: string,
  to: string,
  headers: Headers,
): Promise<void> {
  return target.requests.run(async () => {
    try {
      await target.client.send(
        new CopyObjectCommand({
          Bucket: target.bucket,
          Key: objectKey(target, to),
          CopySource: copySource(target.bucket, objectKey(target, from)),
          MetadataDirective: 'REPLACE',
          ContentType: headers.contentType,
          CacheControl: headers.cacheControl,
          // Read back as x-amz-meta-cdn-publish-status by cloudfront/site-functions.ts.
          Metadata: { 'cdn-publish-status': '404' },
        }),
      )
    } catch (error) {
      throw wrapAwsError(
        `copy the not-found page ${where(target, from)} to ${where(target, to)} (CopyObject)`,
        's3:GetObject and s3:PutObject',
        error,
      )
    }
  })
}

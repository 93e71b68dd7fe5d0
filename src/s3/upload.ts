/**
 * Uploads: a single PutObject below MULTIPART_THRESHOLD, a multipart upload at or above it. Bodies are
 * read into buffers of their own, within a memory budget. The bytes sent are the scanned ones: a PUT
 * carries the scan's MD5 as Content-MD5 (S3 refuses other bytes), and a multipart upload is completed
 * only when the parts read hash to the scan's MD5 (each part carries its own, against damage on the way).
 */
import { createHash } from 'node:crypto'
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3'
import { errorMessage, errorName, wrapAwsError } from '../core/errors.js'
import { Semaphore } from '../core/limit.js'
import type { Inspected } from '../core/plan.js'
import type { LocalFile } from '../core/ports.js'
import type { Headers } from '../core/rules.js'
import { fileChanged, readFileBytes } from './file-bytes.js'
import { unquote } from './listing.js'
import { hexToBase64, MD5_METADATA } from './object-headers.js'
import { objectKey, where, type Target } from './requests.js'

/** Objects at or above this size are sent in parts. */
export const MULTIPART_THRESHOLD = 16 * 1024 * 1024
/** Part size (grown for files that would need more than 10,000 parts). */
export const PART_SIZE = 8 * 1024 * 1024
const MAX_PARTS = 10_000
/**
 * Bytes of small files' content held in memory at once: the files of every connection many times over.
 * (96 MiB measured no faster, and 50 MB bigger.)
 */
export const MEMORY_BUDGET = 48 * 1024 * 1024
/**
 * Bytes of multipart parts held at once, across all large files: three 8 MiB parts. A deploy's memory
 * peaked when its large files went up; six parts measured no faster on the large-file benchmark
 * (5 files of 50-100 MB) and ~80 MB bigger.
 */
export const PART_BUDGET = 3 * PART_SIZE

export class Uploader {
  private readonly memory = new Semaphore(MEMORY_BUDGET)
  private readonly partMemory = new Semaphore(PART_BUDGET)

  constructor(
    private readonly target: Target,
    /** A HEAD of the object, to tell a retried Complete that had succeeded. */
    private readonly inspect: (siteKey: string) => Promise<Inspected | undefined>,
  ) {}

  upload(file: LocalFile, headers: Headers): Promise<{ etag: string }> {
    if (file.size >= MULTIPART_THRESHOLD) return this.multipart(file, headers)
    return this.memory.use(file.size, () =>
      this.put(file, headers, readFileBytes(file.path, 0, file.size, file.key, true)),
    )
  }

  /** PutObject of a file's bytes. */
  private put(file: LocalFile, headers: Headers, body: Buffer): Promise<{ etag: string }> {
    const { target } = this
    const Key = objectKey(target, file.key)
    return target.requests.run(async () => {
      const md5 = hexToBase64(file.md5)
      const etag = await target.direct?.put(Key, body, {
        'content-md5': md5,
        'content-type': headers.contentType,
        'cache-control': headers.cacheControl,
        ...(headers.contentEncoding ? { 'content-encoding': headers.contentEncoding } : {}),
        [`x-amz-meta-${MD5_METADATA}`]: md5,
      })
      if (etag !== undefined) return { etag: unquote(etag) }
      try {
        const response = await target.client.send(
          new PutObjectCommand({
            Bucket: target.bucket,
            Key,
            Body: body,
            ContentLength: body.length,
            ContentMD5: md5,
            ContentType: headers.contentType,
            CacheControl: headers.cacheControl,
            ContentEncoding: headers.contentEncoding,
            Metadata: { [MD5_METADATA]: md5 },
          }),
        )
        return { etag: unquote(response.ETag) }
      } catch (error) {
        // S3 refused the bytes for the scan's MD5: say why when they are not the scanned ones. (Only
        // hashed on this failure: the bytes are not hashed again on the way up.)
        if (errorName(error) === 'BadDigest' && md5Hex(body) !== file.md5)
          throw fileChanged(file.key)
        throw wrapAwsError(
          `upload ${file.key} to ${where(target, file.key)} (PutObject)`,
          's3:PutObject',
          error,
        )
      }
    })
  }

  private async multipart(file: LocalFile, headers: Headers): Promise<{ etag: string }> {
    const { target } = this
    const Bucket = target.bucket
    const Key = objectKey(target, file.key)
    const partSize = Math.max(PART_SIZE, Math.ceil(file.size / MAX_PARTS))
    const count = Math.ceil(file.size / partSize)
    let uploadId: string | undefined
    try {
      const created = await target.requests.run(() =>
        target.client.send(
          new CreateMultipartUploadCommand({
            Bucket,
            Key,
            ContentType: headers.contentType,
            CacheControl: headers.cacheControl,
            ContentEncoding: headers.contentEncoding,
            Metadata: { [MD5_METADATA]: hexToBase64(file.md5) },
          }),
        ),
      )
      uploadId = created.UploadId
      if (!uploadId) throw new Error('CreateMultipartUpload returned no UploadId')
      const UploadId = uploadId
      const whole = createHash('md5')
      const parts: CompletedPart[] = []
      const inFlight: Array<Promise<void>> = []
      let failure: Error | undefined
      try {
        // Parts are read in order (hashing the whole file on the way, to prove it is the scanned one)
        // and sent in parallel; PART_BUDGET bounds how many are held.
        for (let index = 0; index < count && failure === undefined; index++) {
          const offset = index * partSize
          const length = Math.min(partSize, file.size - offset)
          const release = await this.partMemory.acquire(length)
          let body: Buffer
          try {
            body = readFileBytes(file.path, offset, length, file.key, false)
          } catch (error) {
            release()
            throw error
          }
          whole.update(body)
          const PartNumber = index + 1
          const ContentMD5 = createHash('md5').update(body).digest('base64')
          const sent = target.requests
            .run(async () => {
              return target.client.send(
                new UploadPartCommand({
                  Bucket,
                  Key,
                  UploadId,
                  PartNumber,
                  Body: body,
                  ContentLength: length,
                  ContentMD5,
                }),
              )
            })
            .then((part) => {
              parts.push({ PartNumber, ETag: part.ETag })
            })
            .catch((error: unknown) => {
              failure ??= error instanceof Error ? error : new Error(errorMessage(error))
            })
            .finally(release)
          inFlight.push(sent)
        }
      } finally {
        await Promise.all(inFlight)
      }
      if (failure !== undefined) throw failure
      if (whole.digest('hex') !== file.md5) throw fileChanged(file.key)
      parts.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0))
      try {
        const done = await target.requests.run(() =>
          target.client.send(
            new CompleteMultipartUploadCommand({
              Bucket,
              Key,
              UploadId,
              MultipartUpload: { Parts: parts },
            }),
          ),
        )
        return { etag: unquote(done.ETag) }
      } catch (error) {
        // A retried Complete whose first attempt succeeded (the answer was lost) finds no upload: the
        // object is there if it carries this file's checksum.
        if (errorName(error) !== 'NoSuchUpload') throw error
        const head = await this.inspect(file.key)
        if (head?.md5 !== file.md5) throw error
        return { etag: head.etag }
      }
    } catch (error) {
      if (uploadId) {
        await target.client
          .send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId }))
          .catch(() => undefined)
      }
      throw wrapAwsError(
        `upload ${file.key} to ${where(target, file.key)} in ${count} parts (multipart upload)`,
        's3:PutObject',
        error,
      )
    }
  }
}

function md5Hex(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex')
}

/**
 * The S3 side: list, read and write the state, inspect, upload (single PUT or multipart), update
 * headers in place, delete. Every call's error is wrapped with the operation, bucket and key, and on
 * AccessDenied names the IAM permission.
 */
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createGzip } from 'node:zlib'
import http from 'node:http'
import https from 'node:https'
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectTaggingCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
  type HeadObjectCommandOutput,
  type StorageClass,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-s3'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { BuildMiddleware, DeserializeMiddleware } from '@smithy/types'
import { DirectPut, endpointOf, signsPayload, type SeenRequest } from './direct-put.js'
import { SLAB, Slabs } from './slabs.js'
import {
  AwsCallError,
  errorMessage,
  errorName,
  errorStatus,
  isUnanswered,
  wrapAwsError,
} from '../core/errors.js'
import { decodeListedKey, listObjects, unquote, type ListPage } from './listing.js'
import { joinKey, listPrefix, siteKeyOf, STATE_KEY } from '../core/keys.js'
import { stateText } from '../core/state.js'
import { Semaphore } from '../core/limit.js'
import type { DeleteResult, LocalFile, RemoteStore, StateObject } from '../core/ports.js'
import { isPlainMd5, type Inspected, type KeptHeaders, type RemoteObject } from '../core/plan.js'
import type { Headers } from '../core/rules.js'

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
 * Bytes of multipart parts held at once, across all large files: three 8 MiB parts, read into the
 * reused slabs. A deploy's memory peaked when its large files went up; six parts in fresh buffers
 * measured no faster on the large-file benchmark (5 files of 50-100 MB) and ~80 MB bigger.
 */
export const PART_BUDGET = 3 * PART_SIZE

/** User metadata key for the content MD5 (base64), the name rclone uses, so either tool can read it. */
export const MD5_METADATA = 'md5chksum'

export interface StoreOptions {
  bucket: string
  prefix: string
  region: string
  endpoint: string | undefined
  concurrency: number
}

/** The object tag that records when an object left the build (delete-grace). */
export const REMOVED_TAG = 'cdn-publish-removed-at'

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
  const present = Object.fromEntries(Object.entries(kept).filter(([, v]) => v !== undefined))
  return Object.keys(present).length > 0 ? (present as KeptHeaders) : undefined
}

function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64')
}

function base64ToHex(value: string | undefined): string | undefined {
  if (!value) return undefined
  const bytes = Buffer.from(value, 'base64')
  return bytes.length === 16 ? bytes.toString('hex') : undefined
}

/** Gzip text given in pieces (at the default level: level 9 took 4x the time for no smaller state). */
export async function gzipPieces(pieces: Iterable<string>): Promise<Buffer> {
  const gzip = createGzip()
  const out: Buffer[] = []
  gzip.on('data', (chunk: Buffer) => out.push(chunk))
  const ended = once(gzip, 'end')
  for (const piece of pieces) if (!gzip.write(piece, 'utf-8')) await once(gzip, 'drain')
  gzip.end()
  await ended
  return Buffer.concat(out)
}

/** CopySource: bucket and key, each key segment URL-encoded. */
export function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`
}

export function createS3Client(
  options: Pick<StoreOptions, 'region' | 'endpoint' | 'concurrency'> & {
    requestTimeoutSeconds?: number
  },
): S3Client {
  const agentOptions = { keepAlive: true, maxSockets: options.concurrency }
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) }
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    // Custom endpoints (R2, MinIO, emulators) are reached by path: virtual hosts need DNS they rarely have.
    forcePathStyle: options.endpoint !== undefined,
    // Content-MD5 is sent where it protects the bytes; the SDK's own CRC trailers are sent only where an
    // operation requires a checksum (several S3-compatible stores reject them).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    retryMode: 'adaptive',
    maxAttempts: 6,
    requestHandler: new NodeHttpHandler({
      httpAgent: agents.http,
      httpsAgent: agents.https,
      connectionTimeout: 10_000,
      // A socket silent this long (no byte either way) fails the attempt with a TimeoutError, which the
      // SDK retries. (The handler's requestTimeout would only log a warning: it is left unset.)
      socketTimeout: (options.requestTimeoutSeconds ?? 60) * 1000,
    }),
    // Resolve each command's middleware once, not per request (~0.3 ms of CPU each: a deploy of 3,000
    // files is CPU-bound in the SDK). Nothing here changes a stack after the first request.
    cacheMiddleware: true,
  })
  client.middlewareStack.add(unsignedPayloadOverTls, {
    step: 'build',
    name: 'cdnPublishUnsignedPayload',
  })
  clientSetup.set(client, {
    agents,
    timeoutMs: (options.requestTimeoutSeconds ?? 60) * 1000,
  })
  return client
}

/** What createS3Client set a client up with, for the direct PUT path to share. */
const clientSetup = new WeakMap<
  S3Client,
  { agents: { http: http.Agent; https: https.Agent }; timeoutMs: number }
>()

/** Commands whose body this action always sends with Content-MD5 (which S3 checks): files, parts, the state. */
const CONTENT_COMMANDS = new Set(['PutObjectCommand', 'UploadPartCommand'])

/**
 * The SDK's requests with a body follow signsPayload's rule: over HTTPS the header says
 * `UNSIGNED-PAYLOAD`; over plain HTTP it is left out and the SDK's signer hashes the body itself.
 */
const unsignedPayloadOverTls: BuildMiddleware<ServiceInputTypes, ServiceOutputTypes> =
  (next, context) => (args) => {
    const request = args.request as { protocol?: string; headers?: Record<string, string> }
    if (
      CONTENT_COMMANDS.has(context.commandName ?? '') &&
      !signsPayload(request.protocol) &&
      request.headers
    )
      request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD'
    return next(args)
  }

export class S3Store implements RemoteStore {
  readonly description: string
  private readonly memory = new Semaphore(MEMORY_BUDGET)
  private readonly slabs = new Slabs()
  private readonly partMemory = new Semaphore(PART_BUDGET)
  private readonly requests: Semaphore

  constructor(
    private readonly client: S3Client,
    private readonly options: StoreOptions,
  ) {
    this.description = `s3://${options.bucket}/${listPrefix(options.prefix)}`
    this.requests = new Semaphore(options.concurrency)
    const setup = clientSetup.get(client)
    if (setup) {
      // Learn the endpoint and signing region from the SDK's first successful listing, PUT or copy (the
      // listing may have been read without the SDK: see light-read.ts); from then on small files, parts
      // and header copies go directly (see direct-put.ts), with the SDK as the fallback.
      const probe: DeserializeMiddleware<ServiceInputTypes, ServiceOutputTypes> =
        (next, context) => async (args) => {
          const result = await next(args)
          const status = (result.response as { statusCode?: number }).statusCode
          const command = context.commandName
          if (
            !this.direct &&
            status === 200 &&
            (command === 'ListObjectsV2Command' ||
              command === 'PutObjectCommand' ||
              command === 'CopyObjectCommand')
          ) {
            const key =
              command === 'ListObjectsV2Command' ? undefined : (args.input as { Key?: string }).Key
            const endpoint = endpointOf(args.request as SeenRequest, options.bucket, key)
            if (endpoint)
              this.direct = new DirectPut({
                endpoint,
                credentials: () => client.config.credentials(),
                agents: setup.agents,
                timeoutMs: setup.timeoutMs,
              })
          }
          return result
        }
      client.middlewareStack.add(probe, {
        step: 'deserialize',
        priority: 'low',
        name: 'cdnPublishEndpointProbe',
        override: true,
      })
    }
  }

  /** Set once the SDK has listed the bucket, or PUT or copied an object: the direct path. */
  private direct: DirectPut | undefined
  /** Set when a request failed for want of an answer (after all retries): nothing more is sent. */
  private halted: Error | undefined

  /**
   * One request slot. A circuit breaker: once a request has failed because the server did not answer
   * (a timeout or a dropped connection, after all the SDK's attempts), the requests still waiting fail
   * at once instead of each waiting out its own attempts: against a hung server a deploy of 3,000 files
   * would otherwise take files / concurrency x 6 x request-timeout to fail.
   */
  private request<T>(work: () => Promise<T>): Promise<T> {
    return this.requests.use(1, async () => {
      if (this.halted) throw this.halted
      try {
        return await work()
      } catch (error) {
        if (!this.halted && isUnanswered(error))
          this.halted = new Error(
            `not sent: ${this.description} stopped answering (${errorMessage(error instanceof AwsCallError ? error.cause : error)}, after every retry), so the deploy stopped instead of waiting for each file to time out`,
          )
        throw error
      } finally {
        // Even a request that failed may have changed the object.
        this.lastRequestAt = Date.now()
      }
    })
  }

  /** When the last request about an object ended (see RemoteStore). */
  lastRequestAt: number | undefined

  private key(siteKey: string): string {
    return joinKey(this.options.prefix, siteKey)
  }

  private where(siteKey: string): string {
    return `s3://${this.options.bucket}/${this.key(siteKey)}`
  }

  /** Every object under the prefix; see listObjects. */
  list(known: readonly string[] = []): Promise<RemoteObject[]> {
    return listObjects(this.options.prefix, known, (input) => this.listPage(input))
  }

  /** One ListObjectsV2 page, its keys URL-encoded by S3 (see decodeListedKey). */
  private async listPage(input: {
    StartAfter?: string
    ContinuationToken?: string
  }): Promise<ListPage> {
    try {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: listPrefix(this.options.prefix),
          EncodingType: 'url',
          ...input,
        }),
      )
      return {
        objects: (page.Contents ?? []).map((o) => ({
          key: decodeListedKey(o.Key ?? ''),
          etag: o.ETag ?? '',
          size: o.Size ?? 0,
          lastModified: o.LastModified ?? new Date(0),
        })),
        isTruncated: page.IsTruncated === true,
        nextContinuationToken: page.NextContinuationToken,
      }
    } catch (error) {
      throw wrapAwsError(`list ${this.description} (ListObjectsV2)`, 's3:ListBucket', error)
    }
  }

  async readState(): Promise<StateObject | undefined> {
    try {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(STATE_KEY) }),
      )
      const raw = Buffer.from((await response.Body?.transformToByteArray()) ?? [])
      const body = stateText(raw)
      return { body, lastModified: response.LastModified }
    } catch (error) {
      if (errorName(error) === 'NoSuchKey' || errorStatus(error) === 404) return undefined
      throw wrapAwsError(
        `read the deploy state ${this.where(STATE_KEY)} (GetObject)`,
        's3:GetObject',
        error,
      )
    }
  }

  async writeState(pieces: Iterable<string>): Promise<void> {
    // Compressed: the state of a large site shrinks about fivefold (paths and headers repeat), piece by
    // piece, so the whole text is never held at once.
    const bytes = await gzipPieces(pieces)
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: this.key(STATE_KEY),
          Body: bytes,
          ContentType: 'application/json; charset=utf-8',
          ContentEncoding: 'gzip',
          CacheControl: 'no-store',
          ContentMD5: createHash('md5').update(bytes).digest('base64'),
        }),
      )
    } catch (error) {
      throw wrapAwsError(
        `write the deploy state ${this.where(STATE_KEY)} (PutObject)`,
        's3:PutObject',
        error,
      )
    }
  }

  async inspect(siteKey: string): Promise<Inspected | undefined> {
    return this.request(async () => {
      try {
        const head = await this.client.send(
          new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.key(siteKey) }),
        )
        const etag = unquote(head.ETag)
        const md5 =
          base64ToHex(head.Metadata?.[MD5_METADATA]) ?? (isPlainMd5(etag) ? etag : undefined)
        return {
          etag,
          size: head.ContentLength ?? 0,
          md5,
          headers: { contentType: head.ContentType ?? '', cacheControl: head.CacheControl ?? '' },
          kept: keptHeaders(head),
        }
      } catch (error) {
        if (errorName(error) === 'NotFound' || errorStatus(error) === 404) return undefined
        throw wrapAwsError(`inspect ${this.where(siteKey)} (HeadObject)`, 's3:GetObject', error)
      }
    })
  }

  async upload(file: LocalFile, headers: Headers): Promise<{ etag: string }> {
    if (file.size >= MULTIPART_THRESHOLD) return this.uploadMultipart(file, headers)
    // Read synchronously (from the page cache: microseconds, where four promise round trips through
    // the thread pool cost ~300 us of main thread) into reused slabs; the budget counts whole slabs.
    return this.memory.use(Math.ceil(file.size / SLAB) * SLAB, async () => {
      const { chunks, release } = this.slabs.read(file.path, file.size, file.key)
      try {
        return await this.send(file, headers, chunks)
      } finally {
        release()
      }
    })
  }

  /** PutObject of a file's bytes: directly when the endpoint is known, else (or on any failure) by the SDK. */
  private send(file: LocalFile, headers: Headers, chunks: Buffer[]): Promise<{ etag: string }> {
    return this.request(async () => {
      const md5 = hexToBase64(file.md5)
      const etag = await this.direct?.put(this.key(file.key), chunks, {
        'content-md5': md5,
        'content-type': headers.contentType,
        'cache-control': headers.cacheControl,
        [`x-amz-meta-${MD5_METADATA}`]: md5,
      })
      if (etag) return { etag: unquote(etag) }
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
      try {
        const response = await this.client.send(
          new PutObjectCommand({
            Bucket: this.options.bucket,
            Key: this.key(file.key),
            Body: body,
            ContentLength: body.length,
            ContentMD5: md5,
            ContentType: headers.contentType,
            CacheControl: headers.cacheControl,
            Metadata: { [MD5_METADATA]: md5 },
          }),
        )
        return { etag: unquote(response.ETag) }
      } catch (error) {
        throw wrapAwsError(
          `upload ${file.key} to ${this.where(file.key)} (PutObject)`,
          's3:PutObject',
          error,
        )
      }
    })
  }

  private async uploadMultipart(file: LocalFile, headers: Headers): Promise<{ etag: string }> {
    const Bucket = this.options.bucket
    const Key = this.key(file.key)
    const partSize = Math.max(PART_SIZE, Math.ceil(file.size / MAX_PARTS))
    const count = Math.ceil(file.size / partSize)
    let uploadId: string | undefined
    try {
      const created = await this.request(() =>
        this.client.send(
          new CreateMultipartUploadCommand({
            Bucket,
            Key,
            ContentType: headers.contentType,
            CacheControl: headers.cacheControl,
            Metadata: { [MD5_METADATA]: hexToBase64(file.md5) },
          }),
        ),
      )
      uploadId = created.UploadId
      if (!uploadId) throw new Error('CreateMultipartUpload returned no UploadId')
      const whole = createHash('md5')
      const parts: CompletedPart[] = []
      const inFlight: Array<Promise<void>> = []
      let failure: unknown
      try {
        // Parts are read in order into reused slabs (hashing the whole file on the way, to prove it
        // is the scanned one) and sent in parallel, by the direct path when it is known (the SDK
        // otherwise, or when the direct PUT does not work out); PART_BUDGET bounds how many are held.
        for (let index = 0; index < count && failure === undefined; index++) {
          const offset = index * partSize
          const length = Math.min(partSize, file.size - offset)
          const budget = await this.partMemory.acquire(length)
          let read: { chunks: Buffer[]; release: () => void }
          try {
            read = this.slabs.readRange(file.path, offset, length, file.key)
          } catch (error) {
            budget()
            throw error
          }
          const release = () => {
            read.release()
            budget()
          }
          const partMd5 = createHash('md5')
          for (const chunk of read.chunks) {
            whole.update(chunk)
            partMd5.update(chunk)
          }
          const PartNumber = index + 1
          const ContentMD5 = partMd5.digest('base64')
          const sent = this.requests
            .use(1, async () => {
              const direct = await this.direct?.put(
                Key,
                read.chunks,
                { 'content-md5': ContentMD5 },
                { partNumber: String(PartNumber), uploadId: uploadId! },
              )
              if (direct) return { ETag: direct }
              const body = read.chunks.length === 1 ? read.chunks[0]! : Buffer.concat(read.chunks)
              return this.client.send(
                new UploadPartCommand({
                  Bucket,
                  Key,
                  UploadId: uploadId,
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
              failure ??= error
            })
            .finally(release)
          inFlight.push(sent)
        }
      } finally {
        await Promise.all(inFlight)
      }
      if (failure !== undefined) throw failure
      if (whole.digest('hex') !== file.md5)
        throw new Error(`${file.key} changed on disk during the deploy`)
      parts.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0))
      try {
        const done = await this.request(() =>
          this.client.send(
            new CompleteMultipartUploadCommand({
              Bucket,
              Key,
              UploadId: uploadId,
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
        await this.client
          .send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId }))
          .catch(() => undefined)
      }
      throw wrapAwsError(
        `upload ${file.key} to ${this.where(file.key)} in ${count} parts (multipart upload)`,
        's3:PutObject',
        error,
      )
    }
  }

  /**
   * CopyObject onto itself with the new headers: directly when the endpoint is known and nothing else
   * is to be carried over, else (or on any failure) by the SDK. Tags are copied (S3's default), which
   * needs s3:GetObjectTagging and s3:PutObjectTagging; what else the object carries is in `kept`.
   */
  async updateHeaders(
    file: LocalFile,
    headers: Headers,
    kept?: KeptHeaders,
  ): Promise<{ etag: string }> {
    return this.request(async () => {
      const md5 = hexToBase64(file.md5)
      const etag = kept
        ? undefined
        : await this.direct?.copy(
            this.key(file.key),
            copySource(this.options.bucket, this.key(file.key)),
            {
              'content-type': headers.contentType,
              'cache-control': headers.cacheControl,
              [`x-amz-meta-${MD5_METADATA}`]: md5,
            },
          )
      if (etag) return { etag: unquote(etag) }
      try {
        const response = await this.client.send(
          new CopyObjectCommand({
            Bucket: this.options.bucket,
            Key: this.key(file.key),
            CopySource: copySource(this.options.bucket, this.key(file.key)),
            MetadataDirective: 'REPLACE',
            ContentType: headers.contentType,
            CacheControl: headers.cacheControl,
            ContentEncoding: kept?.contentEncoding,
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
          `update the headers of ${this.where(file.key)} (CopyObject onto itself)`,
          's3:GetObject, s3:PutObject, s3:GetObjectTagging and s3:PutObjectTagging (the copy keeps its tags)',
          error,
        )
      }
    })
  }

  async deleteMany(siteKeys: readonly string[]): Promise<DeleteResult> {
    const result: DeleteResult = { deleted: [], failed: [] }
    const batches: string[][] = []
    for (let i = 0; i < siteKeys.length; i += 1000) batches.push(siteKeys.slice(i, i + 1000))
    await Promise.all(
      batches.map((batch) =>
        this.request(async () => {
          try {
            const response = await this.client.send(
              new DeleteObjectsCommand({
                Bucket: this.options.bucket,
                Delete: { Objects: batch.map((k) => ({ Key: this.key(k) })), Quiet: true },
              }),
            )
            const failed = new Map<string, string>()
            for (const e of response.Errors ?? []) {
              const key = e.Key ? siteKeyOf(this.options.prefix, e.Key) : undefined
              if (key === undefined) continue
              const hint =
                e.Code === 'AccessDenied'
                  ? '. The credentials need the IAM permission s3:DeleteObject on this resource.'
                  : ''
              failed.set(key, `${e.Code ?? 'Error'}: ${e.Message ?? ''}${hint}`.trim())
            }
            for (const key of batch) {
              const message = failed.get(key)
              if (message) result.failed.push({ key, message })
              else result.deleted.push(key)
            }
          } catch (error) {
            const wrapped = wrapAwsError(
              `delete ${batch.length} objects under ${this.description} (DeleteObjects)`,
              's3:DeleteObject',
              error,
            )
            for (const key of batch) result.failed.push({ key, message: wrapped.message })
          }
        }),
      ),
    )
    return result
  }

  private async tags(siteKey: string): Promise<Array<{ Key: string; Value: string }>> {
    try {
      const response = await this.client.send(
        new GetObjectTaggingCommand({ Bucket: this.options.bucket, Key: this.key(siteKey) }),
      )
      return (response.TagSet ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }))
    } catch (error) {
      throw wrapAwsError(
        `read the tags of ${this.where(siteKey)} (GetObjectTagging)`,
        's3:GetObjectTagging',
        error,
      )
    }
  }

  private async putTags(
    siteKey: string,
    tags: Array<{ Key: string; Value: string }>,
  ): Promise<void> {
    try {
      await this.client.send(
        new PutObjectTaggingCommand({
          Bucket: this.options.bucket,
          Key: this.key(siteKey),
          Tagging: { TagSet: tags },
        }),
      )
    } catch (error) {
      throw wrapAwsError(
        `tag ${this.where(siteKey)} (PutObjectTagging)`,
        's3:PutObjectTagging',
        error,
      )
    }
  }

  async markRemoved(siteKey: string, since: Date): Promise<Date> {
    return this.request(async () => {
      const tags = await this.tags(siteKey)
      const existing = tags.find((t) => t.Key === REMOVED_TAG)
      const time = existing ? new Date(existing.Value) : undefined
      if (time && !Number.isNaN(time.getTime())) return time
      await this.putTags(siteKey, [
        ...tags.filter((t) => t.Key !== REMOVED_TAG),
        { Key: REMOVED_TAG, Value: since.toISOString() },
      ])
      return since
    })
  }

  async unmark(siteKey: string): Promise<void> {
    return this.request(async () => {
      const tags = await this.tags(siteKey)
      if (!tags.some((t) => t.Key === REMOVED_TAG)) return
      const rest = tags.filter((t) => t.Key !== REMOVED_TAG)
      if (rest.length > 0) return this.putTags(siteKey, rest)
      try {
        await this.client.send(
          new DeleteObjectTaggingCommand({ Bucket: this.options.bucket, Key: this.key(siteKey) }),
        )
      } catch (error) {
        throw wrapAwsError(
          `untag ${this.where(siteKey)} (DeleteObjectTagging)`,
          's3:DeleteObjectTagging',
          error,
        )
      }
    })
  }
}

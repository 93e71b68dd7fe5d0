/**
 * The S3 side of a deploy (RemoteStore): list, read and write the state, inspect, upload (./upload.ts),
 * update headers in place (./object-headers.ts), delete, and the delete-grace tags. Every call's error
 * is wrapped with the operation, bucket and key, and on AccessDenied names the IAM permission.
 */
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createGzip } from 'node:zlib'
import {
  DeleteObjectTaggingCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { errorName, errorStatus, wrapAwsError } from '../core/errors.js'
import { listPrefix, siteKeyOf, STATE_KEY } from '../core/keys.js'
import type { Inspected, KeptHeaders, RemoteObject } from '../core/plan.js'
import type { DeleteResult, LocalFile, RemoteStore, StateObject } from '../core/ports.js'
import type { Headers } from '../core/rules.js'
import { stateText } from '../core/state.js'
import { listObjects, type ListPage } from './listing.js'
import { copyFrom, copyNotFound, inspected, updateHeaders } from './object-headers.js'
import type { Concurrency } from '../core/concurrency.js'
import { onRefusedAttempt } from './refusals.js'
import { objectKey, RequestGate, where, type Target } from './requests.js'
import { PutTransport } from './put-transport.js'
import { Uploader } from './upload.js'

/** What the store needs to know: where the site lives, and how many requests it may have in flight. */
export interface StoreOptions {
  bucket: string
  prefix: string
  concurrency: Concurrency
  /** Request slots shared with the client's other stores (an atomic deploy's builds); else its own. */
  gate?: RequestGate
}

/** Request slots for a client: adaptive ones back off on the client's throttled attempts. */
export function requestGate(
  client: S3Client,
  concurrency: Concurrency,
  description: string,
): RequestGate {
  const gate = new RequestGate(concurrency, description)
  onRefusedAttempt(client, (sentAt, kind) => gate.refused(sentAt, kind))
  return gate
}

/** The object tag that records when an object left the build (delete-grace). */
export const REMOVED_TAG = 'cdn-publish-removed-at'

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

export class S3Store implements RemoteStore {
  readonly description: string
  private readonly target: Target
  private readonly uploader: Uploader

  constructor(client: S3Client, options: StoreOptions) {
    const { bucket, prefix, concurrency } = options
    this.description = `s3://${bucket}/${listPrefix(prefix)}`
    this.target = {
      client,
      bucket,
      prefix,
      requests: options.gate ?? requestGate(client, concurrency, this.description),
      direct: new PutTransport(client),
    }
    this.uploader = new Uploader(this.target, (siteKey) => this.inspect(siteKey))
  }

  private get client(): S3Client {
    return this.target.client
  }

  private get bucket(): string {
    return this.target.bucket
  }

  private key(siteKey: string): string {
    return objectKey(this.target, siteKey)
  }

  private where(siteKey: string): string {
    return where(this.target, siteKey)
  }

  /** Every object under the prefix; see listObjects. */
  async list(known: readonly string[] = []): Promise<RemoteObject[]> {
    try {
      return await listObjects(this.target.prefix, known, (input) => this.listPage(input))
    } catch (error) {
      throw wrapAwsError(`list ${this.description} (ListObjectsV2)`, 's3:ListBucket', error)
    }
  }

  /** One ListObjectsV2 page, its keys URL-encoded by S3 (see decodeListedKey). */
  private async listPage(input: {
    StartAfter?: string
    ContinuationToken?: string
  }): Promise<ListPage> {
    const page = await this.client.send(
      new ListObjectsV2Command({
        Bucket: this.bucket,
        Prefix: listPrefix(this.target.prefix),
        EncodingType: 'url',
        ...input,
      }),
    )
    return {
      objects: (page.Contents ?? []).map((o) => ({
        key: o.Key ?? '',
        etag: o.ETag ?? '',
        size: o.Size ?? 0,
        lastModified: o.LastModified ?? new Date(0),
      })),
      isTruncated: page.IsTruncated === true,
      nextContinuationToken: page.NextContinuationToken,
    }
  }

  async readState(): Promise<StateObject | undefined> {
    try {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.key(STATE_KEY) }),
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
          Bucket: this.bucket,
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
    return this.target.requests.run(async () => {
      try {
        return inspected(
          await this.client.send(
            new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(siteKey) }),
          ),
        )
      } catch (error) {
        if (errorName(error) === 'NotFound' || errorStatus(error) === 404) return undefined
        throw wrapAwsError(`inspect ${this.where(siteKey)} (HeadObject)`, 's3:GetObject', error)
      }
    })
  }

  upload(file: LocalFile, headers: Headers): Promise<{ etag: string }> {
    return this.uploader.upload(file, headers)
  }

  updateHeaders(file: LocalFile, headers: Headers, kept?: KeptHeaders): Promise<{ etag: string }> {
    return updateHeaders(this.target, file, headers, kept)
  }

  copyNotFound(from: string, to: string, headers: Headers): Promise<void> {
    return copyNotFound(this.target, from, to, headers)
  }

  copyFrom(from: string, file: LocalFile, headers: Headers): Promise<{ etag: string }> {
    return copyFrom(this.target, from, file, headers)
  }

  async readText(siteKey: string): Promise<string | undefined> {
    try {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.key(siteKey) }),
      )
      return await (response.Body?.transformToString('utf-8') ?? '')
    } catch (error) {
      if (errorName(error) === 'NoSuchKey' || errorStatus(error) === 404) return undefined
      throw wrapAwsError(`read ${this.where(siteKey)} (GetObject)`, 's3:GetObject', error)
    }
  }

  async writeText(siteKey: string, body: string): Promise<void> {
    const bytes = Buffer.from(body, 'utf-8')
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.key(siteKey),
          Body: bytes,
          ContentType: 'application/json; charset=utf-8',
          CacheControl: 'no-store',
          ContentMD5: createHash('md5').update(bytes).digest('base64'),
        }),
      )
    } catch (error) {
      throw wrapAwsError(`write ${this.where(siteKey)} (PutObject)`, 's3:PutObject', error)
    }
  }

  async deleteMany(siteKeys: readonly string[]): Promise<DeleteResult> {
    const result: DeleteResult = { deleted: [], failed: [] }
    const batches: string[][] = []
    for (let i = 0; i < siteKeys.length; i += 1000) batches.push(siteKeys.slice(i, i + 1000))
    await Promise.all(
      batches.map((batch) =>
        this.target.requests.run(async () => {
          try {
            const response = await this.client.send(
              new DeleteObjectsCommand({
                Bucket: this.bucket,
                Delete: { Objects: batch.map((k) => ({ Key: this.key(k) })), Quiet: true },
              }),
            )
            const failed = new Map<string, string>()
            for (const e of response.Errors ?? []) {
              const key = e.Key ? siteKeyOf(this.target.prefix, e.Key) : undefined
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
        new GetObjectTaggingCommand({ Bucket: this.bucket, Key: this.key(siteKey) }),
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
          Bucket: this.bucket,
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
    return this.target.requests.run(async () => {
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
    return this.target.requests.run(async () => {
      const tags = await this.tags(siteKey)
      if (!tags.some((t) => t.Key === REMOVED_TAG)) return
      const rest = tags.filter((t) => t.Key !== REMOVED_TAG)
      if (rest.length > 0) return this.putTags(siteKey, rest)
      try {
        await this.client.send(
          new DeleteObjectTaggingCommand({ Bucket: this.bucket, Key: this.key(siteKey) }),
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

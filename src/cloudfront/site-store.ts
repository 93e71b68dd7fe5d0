/**
 * The distribution's CloudFront KeyValueStore, which the site-behaviour functions read: created when
 * missing (named after the bucket and prefix the distribution serves, so that it can be made before the
 * distribution exists), then written one site generation at a time (core/site/store-layout.ts): the new
 * generation's entries first, then the meta that switches to it, with the stale generation's deletes.
 * The data plane signs with SigV4A (`@aws-sdk/signature-v4a`); its endpoint honours
 * AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE, as the SDK does for every service.
 */
import {
  CreateKeyValueStoreCommand,
  DescribeKeyValueStoreCommand,
  type CloudFrontClient,
} from '@aws-sdk/client-cloudfront'
import type { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore'
import { errorName, isUnsupported, wrapAwsError } from '../core/errors.js'
import type { Log } from '../core/ports.js'
import {
  generationKeys,
  namespaceOf,
  parseMeta,
  type SiteEntries,
  type SiteMeta,
} from '../core/site/store-layout.js'

export { storeName } from '../core/site/store-layout.js'

export interface StoreRef {
  name: string
  id: string
  arn: string
  created: boolean
}

interface Batch {
  puts: Array<{ Key: string; Value: string }>
  deletes: Array<{ Key: string }>
}

/** Puts and deletes per UpdateKeys call (CloudFront KeyValueStore quotas: 50 keys per update). */
const BATCH = 50
/** Attempts at a batch whose ETag another deploy (a preview's, say) made stale meanwhile. */
const ATTEMPTS = 5

export class SiteStoreApi {
  private dataPlane: Promise<CloudFrontKeyValueStoreClient> | undefined

  constructor(
    private readonly client: CloudFrontClient,
    /** Builds the data-plane client (loaded only when a site is written). */
    private readonly makeDataPlane: () => Promise<CloudFrontKeyValueStoreClient>,
    private readonly pause: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  private data(): Promise<CloudFrontKeyValueStoreClient> {
    return (this.dataPlane ??= this.makeDataPlane())
  }

  /**
   * The store, created when missing and waited for until it is READY (at most ~2 minutes); undefined
   * when the endpoint has no KeyValueStores.
   */
  async ensure(name: string, comment: string, log: Log): Promise<StoreRef | undefined> {
    let created = false
    try {
      let described = await this.describe(name)
      if (!described) {
        try {
          const answer = await this.client.send(
            new CreateKeyValueStoreCommand({ Name: name, Comment: comment }),
          )
          described = answer.KeyValueStore
          created = true
          log.info(`Created CloudFront KeyValueStore ${name} for the site's routing data.`)
        } catch (error) {
          // Made by a concurrent deploy, or by the lost first answer of this request.
          if (errorName(error) !== 'EntityAlreadyExists') throw error
          described = await this.describe(name)
        }
      }
      // A new store is PROVISIONING for a few seconds: asked again at once, then every 2 s (2 minutes in all).
      for (let i = 0; described && described.Status !== 'READY' && i < 60; i++) {
        if (i > 0) await this.pause(2000)
        described = await this.describe(name)
      }
      if (!described?.ARN || !described.Id || described.Status !== 'READY')
        throw new Error(
          `CloudFront KeyValueStore ${name} is not ready (status ${described?.Status ?? 'unknown'})`,
        )
      return { name, id: described.Id, arn: described.ARN, created }
    } catch (error) {
      if (isUnsupported(error)) return undefined
      throw wrapAwsError(
        `ensure the CloudFront KeyValueStore ${name}`,
        'cloudfront:DescribeKeyValueStore and cloudfront:CreateKeyValueStore',
        error,
      )
    }
  }

  private async describe(name: string) {
    try {
      const answer = await this.client.send(new DescribeKeyValueStoreCommand({ Name: name }))
      return answer.KeyValueStore
    } catch (error) {
      if (errorName(error) === 'EntityNotFound') return undefined
      throw error
    }
  }

  /** The site's meta as the store holds it, if any. */
  async readMeta(arn: string, key: string): Promise<SiteMeta | undefined> {
    const { storeCommands } = await import('./store-client.js')
    const client = await this.data()
    try {
      const answer = await client.send(storeCommands.getKey(arn, key))
      return parseMeta(answer.Value)
    } catch (error) {
      if (errorName(error) === 'ResourceNotFoundException') return undefined
      throw wrapAwsError(
        `read ${key} from the CloudFront KeyValueStore ${arn}`,
        'cloudfront-keyvaluestore:GetKey',
        error,
      )
    }
  }

  /** One key's value as the store holds it, or undefined. */
  async readKey(arn: string, key: string): Promise<string | undefined> {
    const { storeCommands } = await import('./store-client.js')
    const client = await this.data()
    try {
      return (await client.send(storeCommands.getKey(arn, key))).Value
    } catch (error) {
      if (errorName(error) === 'ResourceNotFoundException') return undefined
      throw wrapAwsError(
        `read ${key} from the CloudFront KeyValueStore ${arn}`,
        'cloudfront-keyvaluestore:GetKey',
        error,
      )
    }
  }

  /**
   * Puts, then deletes, in batches of 50 (atomic deploys: a build's generation, or the keys of deleted
   * builds). `last`, if given, goes alone in the final batch: a pointer written after what it points at.
   */
  async putKeys(
    arn: string,
    puts: ReadonlyArray<[string, string]>,
    deletes: readonly string[],
    last?: [string, string],
  ): Promise<number> {
    const batches: Batch[] = []
    for (let i = 0; i < puts.length; i += BATCH)
      batches.push({
        puts: puts.slice(i, i + BATCH).map(([Key, Value]) => ({ Key, Value })),
        deletes: [],
      })
    for (let i = 0; i < deletes.length; i += BATCH)
      batches.push({ puts: [], deletes: deletes.slice(i, i + BATCH).map((Key) => ({ Key })) })
    if (last) batches.push({ puts: [{ Key: last[0], Value: last[1] }], deletes: [] })
    return batches.length === 0 ? 0 : this.update(arn, batches, "write the builds' routing data to")
  }

  /** Write a site generation: its entries, then its meta with the stale generation's deletes. */
  async write(arn: string, site: SiteEntries): Promise<number> {
    const batches: Batch[] = []
    for (let i = 0; i < site.entries.length; i += BATCH)
      batches.push({
        puts: site.entries.slice(i, i + BATCH).map(([Key, Value]) => ({ Key, Value })),
        deletes: [],
      })
    // The meta goes with the first deletes; the rest of the stale keys follow.
    const stale = site.stale.map((Key) => ({ Key }))
    batches.push({
      puts: [{ Key: site.meta[0], Value: site.meta[1] }],
      deletes: stale.slice(0, BATCH - 1),
    })
    for (let i = BATCH - 1; i < stale.length; i += BATCH)
      batches.push({ puts: [], deletes: stale.slice(i, i + BATCH) })
    return this.update(arn, batches, "write the site's routing data to")
  }

  /** Take a site's data out of the store (mode: remove): its meta first, then its generations. */
  async removeSite(arn: string, root: string): Promise<number> {
    const ns = namespaceOf(root)
    const meta = await this.readMeta(arn, `${ns}.m`)
    if (!meta) return 0
    // An atomic site's generation is its build's (atomic.ts removes the builds); the in-place one stays named.
    const keys = [
      `${ns}.m`,
      ...(meta.a === undefined ? generationKeys(ns, meta) : []),
      ...(meta.p && meta.p.g !== meta.g ? generationKeys(ns, meta.p) : []),
    ].map((Key) => ({ Key }))
    const batches: Batch[] = []
    for (let i = 0; i < keys.length; i += BATCH)
      batches.push({ puts: [], deletes: keys.slice(i, i + BATCH) })
    await this.update(arn, batches, "remove the site's routing data from")
    return keys.length
  }

  /** The store, if it exists (mode: remove never creates one). */
  async find(name: string): Promise<StoreRef | undefined> {
    try {
      const found = await this.describe(name)
      return found?.ARN && found.Id
        ? { name, id: found.Id, arn: found.ARN, created: false }
        : undefined
    } catch (error) {
      if (isUnsupported(error)) return undefined
      throw wrapAwsError(
        `find the CloudFront KeyValueStore ${name}`,
        'cloudfront:DescribeKeyValueStore',
        error,
      )
    }
  }

  /**
   * UpdateKeys, batch after batch. Each names the store's ETag; a stale one (another deploy, a preview's
   * say, wrote meanwhile) is read again and the batch sent again (its puts and deletes are idempotent).
   */
  private async update(arn: string, batches: readonly Batch[], doing: string): Promise<number> {
    const { storeCommands } = await import('./store-client.js')
    const client = await this.data()
    let etag: string | undefined
    let requests = 0
    try {
      for (const batch of batches) {
        for (let attempt = 1; ; attempt++) {
          if (etag === undefined) {
            etag = (await client.send(storeCommands.describe(arn))).ETag
            requests++
          }
          try {
            const answer = await client.send(
              storeCommands.updateKeys({
                KvsARN: arn,
                IfMatch: etag,
                ...(batch.puts.length > 0 ? { Puts: batch.puts } : {}),
                ...(batch.deletes.length > 0 ? { Deletes: batch.deletes } : {}),
              }),
            )
            requests++
            etag = answer.ETag
            break
          } catch (error) {
            if (attempt < ATTEMPTS && errorName(error) === 'ConflictException') {
              etag = undefined
              continue
            }
            throw error
          }
        }
      }
      return requests
    } catch (error) {
      throw wrapAwsError(
        `${doing} the CloudFront KeyValueStore ${arn}`,
        'cloudfront-keyvaluestore:DescribeKeyValueStore and cloudfront-keyvaluestore:UpdateKeys',
        error,
      )
    }
  }
}

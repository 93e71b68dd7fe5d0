/**
 * The CloudFront side: the SDK client, and the calls the action makes on distributions and invalidations,
 * each wrapped with what was being done and the IAM permission it needs. The other resources have their
 * own modules (./functions.ts, ./policies.ts, ./keys.ts), reached through CloudFrontApi so that one client
 * serves them all. Works against real CloudFront and against emulators that lack parts of the API (list
 * summaries without aliases or comments, no cache policies, no functions).
 */
import {
  CloudFrontClient,
  CreateDistributionWithTagsCommand,
  CreateInvalidationCommand,
  DeleteDistributionCommand,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  GetInvalidationCommand,
  ListConflictingAliasesCommand,
  ListDistributionsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateDistributionCommand,
  type Distribution,
  type DistributionConfig,
  type DistributionSummary,
} from '@aws-sdk/client-cloudfront'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { wrapAwsError } from '../core/errors.js'
import { viewOf, type DistributionView } from './distribution.js'
import { FunctionsApi } from './functions.js'
import { KeysApi } from './keys.js'
import { PoliciesApi } from './policies.js'
import { SiteStoreApi } from './site-store.js'

export function createCloudFrontClient(
  endpoint: string | undefined,
  requestTimeoutSeconds = 60,
): CloudFrontClient {
  // CloudFront is a global service signed in us-east-1.
  return new CloudFrontClient({
    region: 'us-east-1',
    endpoint,
    retryMode: 'adaptive',
    maxAttempts: 8,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 10_000,
      // A socket silent this long fails the attempt (TimeoutError), which the SDK retries; the
      // handler's requestTimeout would only log a warning, so it is left unset.
      socketTimeout: requestTimeoutSeconds * 1000,
    }),
  })
}

export interface Fetched {
  view: DistributionView
  config: DistributionConfig
  etag: string
}

function fromDistribution(d: Partial<Distribution> | undefined): DistributionView {
  if (!d) throw new Error('CloudFront answered without a distribution')
  return viewOf(
    d.Id ?? '',
    d.ARN ?? '',
    d.DomainName ?? '',
    d.Status ?? '',
    d.DistributionConfig ?? {},
  )
}

function fromSummary(s: DistributionSummary): DistributionView | undefined {
  // Real CloudFront summaries carry aliases, comment, origins and behaviours; some emulators leave them
  // out. Without the behaviours, the functions and key groups in use would look unused.
  if (
    s.Aliases === undefined ||
    s.Comment === undefined ||
    s.Origins === undefined ||
    s.DefaultCacheBehavior === undefined
  )
    return undefined
  return viewOf(s.Id ?? '', s.ARN ?? '', s.DomainName ?? '', s.Status ?? '', {
    Enabled: s.Enabled,
    Aliases: s.Aliases,
    Comment: s.Comment,
    Origins: s.Origins,
    ViewerCertificate: s.ViewerCertificate,
    PriceClass: s.PriceClass,
    DefaultCacheBehavior: s.DefaultCacheBehavior,
    CacheBehaviors: s.CacheBehaviors,
  })
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`CloudFront answered without ${what}`)
  return value
}

export class CloudFrontApi {
  /** CloudFront Functions (./functions.ts). */
  readonly functions: FunctionsApi
  /** The Origin Access Control and the cache policy (./policies.ts). */
  readonly policies: PoliciesApi
  /** Public keys and key groups (./keys.ts). */
  readonly keys: KeysApi
  /** The KeyValueStore of site behaviour (./site-store.ts). */
  readonly siteStore: SiteStoreApi

  constructor(
    private readonly client: CloudFrontClient,
    /** The KeyValueStore data plane's endpoint (emulators), and the request timeout. */
    store: { endpoint?: string | undefined; requestTimeoutSeconds?: number } = {},
  ) {
    this.functions = new FunctionsApi(client)
    this.policies = new PoliciesApi(client)
    this.keys = new KeysApi(client)
    this.siteStore = new SiteStoreApi(client, async () =>
      (await import('./store-client.js')).createStoreClient(
        store.endpoint,
        store.requestTimeoutSeconds,
      ),
    )
  }

  /** Every distribution in the account, paginated. */
  async listViews(): Promise<DistributionView[]> {
    const views: DistributionView[] = []
    let marker: string | undefined
    do {
      let page
      try {
        page = await this.client.send(new ListDistributionsCommand({ Marker: marker }))
      } catch (error) {
        throw wrapAwsError(
          'list CloudFront distributions (ListDistributions)',
          'cloudfront:ListDistributions',
          error,
        )
      }
      for (const summary of page.DistributionList?.Items ?? []) {
        views.push(fromSummary(summary) ?? (await this.get(summary.Id ?? '')).view)
      }
      marker = page.DistributionList?.IsTruncated ? page.DistributionList.NextMarker : undefined
    } while (marker)
    return views
  }

  async get(id: string): Promise<Fetched> {
    try {
      const response = await this.client.send(new GetDistributionCommand({ Id: id }))
      const d = required(response.Distribution, 'a distribution')
      return {
        view: { ...fromDistribution(d), etag: response.ETag },
        config: required(d.DistributionConfig, 'its config'),
        etag: response.ETag ?? '',
      }
    } catch (error) {
      throw wrapAwsError(
        `read CloudFront distribution ${id} (GetDistribution)`,
        'cloudfront:GetDistribution',
        error,
      )
    }
  }

  /** The config and the ETag to send back with UpdateDistribution. */
  async getConfig(id: string): Promise<{ config: DistributionConfig; etag: string }> {
    try {
      const response = await this.client.send(new GetDistributionConfigCommand({ Id: id }))
      return {
        config: required(response.DistributionConfig, 'a distribution config'),
        etag: response.ETag ?? '',
      }
    } catch (error) {
      throw wrapAwsError(
        `read the config of CloudFront distribution ${id} (GetDistributionConfig)`,
        'cloudfront:GetDistributionConfig',
        error,
      )
    }
  }

  async tags(arn: string): Promise<Record<string, string>> {
    try {
      const response = await this.client.send(new ListTagsForResourceCommand({ Resource: arn }))
      return Object.fromEntries(
        (response.Tags?.Items ?? []).map((t) => [t.Key ?? '', t.Value ?? '']),
      )
    } catch (error) {
      throw wrapAwsError(
        `read the tags of ${arn} (ListTagsForResource)`,
        'cloudfront:ListTagsForResource',
        error,
      )
    }
  }

  async tag(arn: string, tags: Record<string, string>): Promise<void> {
    try {
      await this.client.send(
        new TagResourceCommand({
          Resource: arn,
          Tags: { Items: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
        }),
      )
    } catch (error) {
      throw wrapAwsError(`tag ${arn} (TagResource)`, 'cloudfront:TagResource', error)
    }
  }

  async create(
    config: DistributionConfig,
    tags: Record<string, string>,
  ): Promise<DistributionView> {
    try {
      const response = await this.client.send(
        new CreateDistributionWithTagsCommand({
          DistributionConfigWithTags: {
            DistributionConfig: config,
            Tags: { Items: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
          },
        }),
      )
      return { ...fromDistribution(response.Distribution), etag: response.ETag }
    } catch (error) {
      throw wrapAwsError(
        'create the CloudFront distribution (CreateDistributionWithTags)',
        'cloudfront:CreateDistribution and cloudfront:TagResource',
        error,
      )
    }
  }

  /** UpdateDistribution with IfMatch; errors are thrown unwrapped so the caller can retry PreconditionFailed. */
  async updateRaw(id: string, config: DistributionConfig, etag: string): Promise<DistributionView> {
    const response = await this.client.send(
      new UpdateDistributionCommand({ Id: id, IfMatch: etag, DistributionConfig: config }),
    )
    return { ...fromDistribution(response.Distribution), etag: response.ETag }
  }

  /** Which distribution holds an alias, where the endpoint can tell (undefined otherwise). */
  async conflictingAliases(distributionId: string, alias: string): Promise<string[] | undefined> {
    try {
      const response = await this.client.send(
        new ListConflictingAliasesCommand({ DistributionId: distributionId, Alias: alias }),
      )
      return (response.ConflictingAliasesList?.Items ?? []).map(
        (i) => `${i.Alias} (distribution ${i.DistributionId}, account ${i.AccountId})`,
      )
    } catch {
      return undefined
    }
  }

  async deleteDistribution(id: string, etag: string): Promise<void> {
    try {
      await this.client.send(new DeleteDistributionCommand({ Id: id, IfMatch: etag }))
    } catch (error) {
      throw wrapAwsError(
        `delete CloudFront distribution ${id} (DeleteDistribution)`,
        'cloudfront:DeleteDistribution',
        error,
      )
    }
  }

  // Invalidations (./invalidate.ts plans and retries them).

  /** CreateInvalidation; errors are thrown unwrapped so the caller can retry the limits. */
  async createInvalidationRaw(
    distributionId: string,
    paths: readonly string[],
    callerReference: string,
  ): Promise<{ id: string; status: string }> {
    const response = await this.client.send(
      new CreateInvalidationCommand({
        DistributionId: distributionId,
        InvalidationBatch: {
          CallerReference: callerReference,
          Paths: { Quantity: paths.length, Items: [...paths] },
        },
      }),
    )
    return { id: response.Invalidation?.Id ?? '', status: response.Invalidation?.Status ?? '' }
  }

  async invalidationStatus(distributionId: string, id: string): Promise<string> {
    try {
      const response = await this.client.send(
        new GetInvalidationCommand({ DistributionId: distributionId, Id: id }),
      )
      return response.Invalidation?.Status ?? ''
    } catch (error) {
      throw wrapAwsError(
        `read invalidation ${id} of distribution ${distributionId} (GetInvalidation)`,
        'cloudfront:GetInvalidation',
        error,
      )
    }
  }
}

/**
 * The CloudFront side: the calls the action makes, each wrapped with what was being done and the IAM
 * permission it needs. Works against real CloudFront and against emulators that lack parts of the API
 * (list summaries without aliases or comments, no cache policies, no functions).
 */
import {
  CloudFrontClient,
  CreateCachePolicyCommand,
  CreateDistributionWithTagsCommand,
  CreateFunctionCommand,
  CreateInvalidationCommand,
  CreateKeyGroupCommand,
  CreatePublicKeyCommand,
  ListKeyGroupsCommand,
  ListPublicKeysCommand,
  CreateOriginAccessControlCommand,
  DeleteDistributionCommand,
  DeleteFunctionCommand,
  DeleteKeyGroupCommand,
  DeletePublicKeyCommand,
  GetKeyGroupCommand,
  GetPublicKeyCommand,
  ListFunctionsCommand,
  DeleteOriginAccessControlCommand,
  GetOriginAccessControlCommand,
  DescribeFunctionCommand,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  GetInvalidationCommand,
  ListCachePoliciesCommand,
  ListConflictingAliasesCommand,
  ListDistributionsCommand,
  ListOriginAccessControlsCommand,
  ListTagsForResourceCommand,
  PublishFunctionCommand,
  TagResourceCommand,
  UpdateDistributionCommand,
  type Distribution,
  type DistributionConfig,
  type DistributionSummary,
} from '@aws-sdk/client-cloudfront'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { errorName, isUnsupported, wrapAwsError } from '../core/errors.js'
import { CACHE_POLICY_NAME, viewOf, type DistributionView } from './distribution.js'
import { fitComment } from './limits.js'

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
  constructor(private readonly client: CloudFrontClient) {}

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

  private async findOriginAccessControl(name: string): Promise<string | undefined> {
    let marker: string | undefined
    do {
      const page = await this.client.send(new ListOriginAccessControlsCommand({ Marker: marker }))
      const found = page.OriginAccessControlList?.Items?.find((o) => o.Name === name)
      if (found?.Id) return found.Id
      marker = page.OriginAccessControlList?.IsTruncated
        ? page.OriginAccessControlList.NextMarker
        : undefined
    } while (marker)
    return undefined
  }

  /**
   * The Origin Access Control with this name, created when missing. Another deploy (or a retry of a create
   * whose answer was lost) may create it first: CloudFront then answers 409
   * OriginAccessControlAlreadyExists, and the one there is used.
   */
  async ensureOriginAccessControl(
    name: string,
    description: string,
  ): Promise<{ id: string; created: boolean }> {
    try {
      const existing = await this.findOriginAccessControl(name)
      if (existing) return { id: existing, created: false }
      try {
        const created = await this.client.send(
          new CreateOriginAccessControlCommand({
            OriginAccessControlConfig: {
              Name: name,
              Description: fitComment(description),
              SigningProtocol: 'sigv4',
              SigningBehavior: 'always',
              OriginAccessControlOriginType: 's3',
            },
          }),
        )
        return { id: created.OriginAccessControl?.Id ?? '', created: true }
      } catch (error) {
        if (errorName(error) !== 'OriginAccessControlAlreadyExists') throw error
        const id = await this.findOriginAccessControl(name)
        if (!id) throw error
        return { id, created: false }
      }
    } catch (error) {
      throw wrapAwsError(
        `ensure the Origin Access Control ${name}`,
        'cloudfront:ListOriginAccessControls and cloudfront:CreateOriginAccessControl',
        error,
      )
    }
  }

  private async findCachePolicy(): Promise<string | undefined> {
    let marker: string | undefined
    do {
      const page = await this.client.send(
        new ListCachePoliciesCommand({ Type: 'custom', Marker: marker }),
      )
      const found = page.CachePolicyList?.Items?.find(
        (i) => i.CachePolicy?.CachePolicyConfig?.Name === CACHE_POLICY_NAME,
      )
      if (found?.CachePolicy?.Id) return found.CachePolicy.Id
      marker = page.CachePolicyList?.NextMarker
    } while (marker)
    return undefined
  }

  /**
   * The action's cache policy (minimum TTL 0, honours the origin's Cache-Control, no cookies, headers or
   * query strings in the key, gzip and brotli), created when missing; on 409 CachePolicyAlreadyExists (a
   * concurrent deploy made it) the one there is used. undefined when the endpoint has no cache policies.
   */
  async ensureCachePolicy(): Promise<{ id: string; created: boolean } | undefined> {
    try {
      const existing = await this.findCachePolicy()
      if (existing) return { id: existing, created: false }
      try {
        const created = await this.client.send(
          new CreateCachePolicyCommand({
            CachePolicyConfig: {
              Name: CACHE_POLICY_NAME,
              Comment: fitComment(
                'cdn-publish: minimum TTL 0, the origin Cache-Control decides (metadata is never served stale)',
              ),
              MinTTL: 0,
              DefaultTTL: 86400,
              MaxTTL: 31536000,
              ParametersInCacheKeyAndForwardedToOrigin: {
                EnableAcceptEncodingGzip: true,
                EnableAcceptEncodingBrotli: true,
                HeadersConfig: { HeaderBehavior: 'none' },
                CookiesConfig: { CookieBehavior: 'none' },
                QueryStringsConfig: { QueryStringBehavior: 'none' },
              },
            },
          }),
        )
        return { id: created.CachePolicy?.Id ?? '', created: true }
      } catch (error) {
        if (errorName(error) !== 'CachePolicyAlreadyExists') throw error
        const id = await this.findCachePolicy()
        if (!id) throw error
        return { id, created: false }
      }
    } catch (error) {
      if (isUnsupported(error)) return undefined
      throw wrapAwsError(
        `ensure the cache policy ${CACHE_POLICY_NAME}`,
        'cloudfront:ListCachePolicies and cloudfront:CreateCachePolicy',
        error,
      )
    }
  }

  /**
   * The published (LIVE) CloudFront Function with this name and code, created and published when missing.
   * Names carry a hash of the code, so an existing function is never changed under another distribution.
   * undefined when the endpoint has no CloudFront Functions.
   */
  async ensureFunction(
    name: string,
    code: string,
    comment: string,
  ): Promise<{ arn: string; created: boolean } | undefined> {
    try {
      try {
        const live = await this.client.send(
          new DescribeFunctionCommand({ Name: name, Stage: 'LIVE' }),
        )
        const arn = live.FunctionSummary?.FunctionMetadata?.FunctionARN
        if (arn) return { arn, created: false }
      } catch (error) {
        if (isUnsupported(error)) return undefined
        if (errorName(error) !== 'NoSuchFunctionExists') throw error
      }
      let etag: string | undefined
      try {
        const created = await this.client.send(
          new CreateFunctionCommand({
            Name: name,
            FunctionConfig: { Comment: fitComment(comment), Runtime: 'cloudfront-js-2.0' },
            FunctionCode: Buffer.from(code, 'utf8'),
          }),
        )
        etag = created.ETag
      } catch (error) {
        if (errorName(error) !== 'FunctionAlreadyExists') throw error
        // Created by a concurrent deploy (or by the lost first answer of this request): the name is a
        // hash of the code, so it is this code. Use it as published, or publish it.
        const live = await this.describeFunction(name, 'LIVE')
        const arn = live?.FunctionSummary?.FunctionMetadata?.FunctionARN
        if (arn) return { arn, created: false }
        const dev = await this.client.send(
          new DescribeFunctionCommand({ Name: name, Stage: 'DEVELOPMENT' }),
        )
        etag = dev.ETag
      }
      const published = await this.client.send(
        new PublishFunctionCommand({ Name: name, IfMatch: etag }),
      )
      return { arn: published.FunctionSummary?.FunctionMetadata?.FunctionARN ?? '', created: true }
    } catch (error) {
      if (isUnsupported(error)) return undefined
      throw wrapAwsError(
        `ensure the CloudFront Function ${name}`,
        'cloudfront:DescribeFunction, cloudfront:CreateFunction and cloudfront:PublishFunction',
        error,
      )
    }
  }

  /** DescribeFunction, undefined when there is no such function (in that stage). */
  private async describeFunction(name: string, stage: 'LIVE' | 'DEVELOPMENT') {
    try {
      return await this.client.send(new DescribeFunctionCommand({ Name: name, Stage: stage }))
    } catch (error) {
      if (errorName(error) === 'NoSuchFunctionExists') return undefined
      throw error
    }
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

  /** Delete the Origin Access Control with this name; false when it is missing or still in use elsewhere. */
  async deleteOriginAccessControl(name: string): Promise<boolean> {
    try {
      const list = await this.client.send(new ListOriginAccessControlsCommand({}))
      const found = list.OriginAccessControlList?.Items?.find((o) => o.Name === name)
      if (!found?.Id) return false
      const got = await this.client.send(new GetOriginAccessControlCommand({ Id: found.Id }))
      await this.client.send(
        new DeleteOriginAccessControlCommand({ Id: found.Id, IfMatch: got.ETag }),
      )
      return true
    } catch (error) {
      if (errorName(error) === 'OriginAccessControlInUse' || isUnsupported(error)) return false
      throw wrapAwsError(
        `delete the Origin Access Control ${name}`,
        'cloudfront:GetOriginAccessControl and cloudfront:DeleteOriginAccessControl',
        error,
      )
    }
  }

  private async findPublicKey(
    canonicalPem: string,
    name: string,
    canonical: (pem: string) => string,
  ): Promise<string | undefined> {
    let marker: string | undefined
    let named: string | undefined
    do {
      const page = await this.client.send(new ListPublicKeysCommand({ Marker: marker }))
      for (const item of page.PublicKeyList?.Items ?? []) {
        let same = false
        try {
          same = canonical(item.EncodedKey ?? '') === canonicalPem
        } catch {
          same = false
        }
        if (same && item.Id) return item.Id
        if (item.Name === name && item.Id) named = item.Id
      }
      marker = page.PublicKeyList?.NextMarker
    } while (marker)
    // The name is a hash of the material: a key of this name whose material reads differently (list
    // entries may be re-wrapped) is still this key.
    return named
  }

  /**
   * The id of the registered public key with this material, registered (under `name`) when missing; on 409
   * PublicKeyAlreadyExists (a concurrent deploy registered it) the one there is used.
   */
  async ensurePublicKey(
    canonicalPem: string,
    name: string,
    canonical: (pem: string) => string,
  ): Promise<{ id: string; created: boolean }> {
    try {
      const existing = await this.findPublicKey(canonicalPem, name, canonical)
      if (existing) return { id: existing, created: false }
      try {
        const created = await this.client.send(
          new CreatePublicKeyCommand({
            PublicKeyConfig: {
              CallerReference: name,
              Name: name,
              EncodedKey: `${canonicalPem}\n`,
              Comment: fitComment(OWN_COMMENT),
            },
          }),
        )
        return { id: created.PublicKey?.Id ?? '', created: true }
      } catch (error) {
        if (errorName(error) !== 'PublicKeyAlreadyExists') throw error
        const id = await this.findPublicKey(canonicalPem, name, canonical)
        if (!id) throw error
        return { id, created: false }
      }
    } catch (error) {
      throw wrapAwsError(
        `register the public key ${name}`,
        'cloudfront:ListPublicKeys and cloudfront:CreatePublicKey',
        error,
      )
    }
  }

  private async findKeyGroup(name: string): Promise<string | undefined> {
    let marker: string | undefined
    do {
      const page = await this.client.send(new ListKeyGroupsCommand({ Marker: marker }))
      const found = page.KeyGroupList?.Items?.find((i) => i.KeyGroup?.KeyGroupConfig?.Name === name)
      if (found?.KeyGroup?.Id) return found.KeyGroup.Id
      marker = page.KeyGroupList?.NextMarker
    } while (marker)
    return undefined
  }

  /**
   * The key group with this name and exactly these keys, created when missing (never edited: the name is
   * a hash of the key ids); on 409 KeyGroupAlreadyExists (a concurrent deploy made it) the one there is used.
   */
  async ensureKeyGroup(
    name: string,
    publicKeyIds: readonly string[],
  ): Promise<{ id: string; created: boolean }> {
    try {
      const existing = await this.findKeyGroup(name)
      if (existing) return { id: existing, created: false }
      try {
        const created = await this.client.send(
          new CreateKeyGroupCommand({
            KeyGroupConfig: {
              Name: name,
              Items: [...publicKeyIds],
              Comment: fitComment(OWN_COMMENT),
            },
          }),
        )
        return { id: created.KeyGroup?.Id ?? '', created: true }
      } catch (error) {
        if (errorName(error) !== 'KeyGroupAlreadyExists') throw error
        const id = await this.findKeyGroup(name)
        if (!id) throw error
        return { id, created: false }
      }
    } catch (error) {
      throw wrapAwsError(
        `ensure the key group ${name}`,
        'cloudfront:ListKeyGroups and cloudfront:CreateKeyGroup',
        error,
      )
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Clean-up of what the action created (./prune.ts decides what goes).

  /** Every CloudFront Function, one entry per name (the stage last modified). */
  async listFunctions(): Promise<OwnedCandidate[]> {
    try {
      const byName = new Map<string, OwnedCandidate>()
      let marker: string | undefined
      do {
        const page = await this.client.send(new ListFunctionsCommand({ Marker: marker }))
        for (const f of page.FunctionList?.Items ?? []) {
          if (!f.Name) continue
          const meta = f.FunctionMetadata
          const changed = latest(meta?.LastModifiedTime, meta?.CreatedTime)
          const seen = byName.get(f.Name)
          if (seen && (seen.changed ?? 0) >= (changed ?? 0)) continue
          byName.set(f.Name, {
            id: f.Name,
            name: f.Name,
            comment: f.FunctionConfig?.Comment ?? '',
            changed,
            arn: meta?.FunctionARN,
          })
        }
        marker = page.FunctionList?.NextMarker
      } while (marker)
      return [...byName.values()]
    } catch (error) {
      throw wrapAwsError('list CloudFront Functions', 'cloudfront:ListFunctions', error)
    }
  }

  async listKeyGroups(): Promise<Array<OwnedCandidate & { publicKeyIds: string[] }>> {
    try {
      const groups: Array<OwnedCandidate & { publicKeyIds: string[] }> = []
      let marker: string | undefined
      do {
        const page = await this.client.send(new ListKeyGroupsCommand({ Marker: marker }))
        for (const item of page.KeyGroupList?.Items ?? []) {
          const g = item.KeyGroup
          if (!g?.Id) continue
          groups.push({
            id: g.Id,
            name: g.KeyGroupConfig?.Name ?? '',
            comment: g.KeyGroupConfig?.Comment ?? '',
            changed: latest(g.LastModifiedTime),
            publicKeyIds: g.KeyGroupConfig?.Items ?? [],
          })
        }
        marker = page.KeyGroupList?.NextMarker
      } while (marker)
      return groups
    } catch (error) {
      throw wrapAwsError('list CloudFront key groups', 'cloudfront:ListKeyGroups', error)
    }
  }

  async listPublicKeys(): Promise<OwnedCandidate[]> {
    try {
      const keys: OwnedCandidate[] = []
      let marker: string | undefined
      do {
        const page = await this.client.send(new ListPublicKeysCommand({ Marker: marker }))
        for (const k of page.PublicKeyList?.Items ?? []) {
          if (!k.Id) continue
          keys.push({
            id: k.Id,
            name: k.Name ?? '',
            comment: k.Comment ?? '',
            changed: latest(k.CreatedTime),
          })
        }
        marker = page.PublicKeyList?.NextMarker
      } while (marker)
      return keys
    } catch (error) {
      throw wrapAwsError('list CloudFront public keys', 'cloudfront:ListPublicKeys', error)
    }
  }

  /** DeleteFunction with the ETag DescribeFunction gives; errors wrapped, their code kept. */
  async deleteFunction(name: string): Promise<void> {
    try {
      const described = await this.client.send(new DescribeFunctionCommand({ Name: name }))
      await this.client.send(new DeleteFunctionCommand({ Name: name, IfMatch: described.ETag }))
    } catch (error) {
      throw wrapAwsError(
        `delete the CloudFront Function ${name}`,
        'cloudfront:DescribeFunction and cloudfront:DeleteFunction',
        error,
      )
    }
  }

  async deleteKeyGroup(id: string): Promise<void> {
    try {
      const got = await this.client.send(new GetKeyGroupCommand({ Id: id }))
      await this.client.send(new DeleteKeyGroupCommand({ Id: id, IfMatch: got.ETag }))
    } catch (error) {
      throw wrapAwsError(
        `delete the key group ${id}`,
        'cloudfront:GetKeyGroup and cloudfront:DeleteKeyGroup',
        error,
      )
    }
  }

  async deletePublicKey(id: string): Promise<void> {
    try {
      const got = await this.client.send(new GetPublicKeyCommand({ Id: id }))
      await this.client.send(new DeletePublicKeyCommand({ Id: id, IfMatch: got.ETag }))
    } catch (error) {
      throw wrapAwsError(
        `delete the public key ${id}`,
        'cloudfront:GetPublicKey and cloudfront:DeletePublicKey',
        error,
      )
    }
  }
}

/** The comment of the public keys and key groups the action registers (how a clean-up knows them). */
export const OWN_COMMENT = 'cdn-publish'

/** A resource that may be the action's, as a clean-up looks at it. */
export interface OwnedCandidate {
  /** Function name, key group or public key id. */
  id: string
  name: string
  comment: string
  /** Last change (or creation), ms since the epoch, when the endpoint says. */
  changed: number | undefined
  arn?: string | undefined
}

function latest(...dates: Array<Date | undefined>): number | undefined {
  const times = dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime())
  return times.length > 0 ? Math.max(...times) : undefined
}

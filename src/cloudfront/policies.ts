/**
 * The shared resources a new distribution points at: the Origin Access Control it reads the bucket with,
 * and the action's cache policy. Both are found by name and created when missing; a 409 *AlreadyExists
 * (another deploy, or a retry whose first answer was lost, made it first) is answered by reading it back.
 */
import {
  CreateCachePolicyCommand,
  CreateOriginAccessControlCommand,
  DeleteOriginAccessControlCommand,
  GetOriginAccessControlCommand,
  ListCachePoliciesCommand,
  ListOriginAccessControlsCommand,
  type CloudFrontClient,
} from '@aws-sdk/client-cloudfront'
import { errorName, isUnsupported, wrapAwsError } from '../core/errors.js'
import { CACHE_POLICY_NAME } from './distribution.js'
import { fitComment } from './limits.js'

export class PoliciesApi {
  constructor(private readonly client: CloudFrontClient) {}

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
}

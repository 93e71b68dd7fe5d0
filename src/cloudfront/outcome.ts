/**
 * What ensureDistribution hands back (the distribution, what this run did to it, how it is reached) and
 * the site URL derived from it. Pure.
 */
import type { DistributionView, FieldChange } from './distribution.js'

export interface DistributionOutcome {
  id: string
  arn: string
  domain: string
  aliases: string[]
  status: string
  enabled: boolean
  /** What this run did to it. */
  action: 'created' | 'updated' | 'unchanged' | 'would-create' | 'would-update'
  changes: FieldChange[]
  /** Created by this action (marked): the action manages its origin access and function. */
  owned: boolean
  /** The origin path the distribution serves the bucket from ('' or `/prefix`). */
  originPath: string
  /** Whether the deployment finished (only known when waiting). */
  deployed: boolean | undefined
  /** The config's version (ETag) as this run left it, when known: the next run confirms by it. */
  etag?: string | undefined
  /** Signed access: the key group the distribution trusts, and the registered public keys. */
  signing?: SigningSetup | undefined
  /** Site behaviour: the KeyValueStore its functions read (the deploy writes the site's data there). */
  store?: { name: string; id: string; arn: string } | undefined
}

export interface SigningSetup {
  keyGroupId: string
  /** In the order of the public-key input. */
  publicKeyIds: string[]
  /** The public key matching private-key, the Key-Pair-Id of signed URLs. */
  signingKeyId: string | undefined
}

/** The origin path the distribution uses for this bucket, if one of its origins is the bucket. */
export function bucketOriginPath(view: DistributionView, bucket: string): string | undefined {
  return view.origins.find((o) => o.domain.startsWith(`${bucket}.s3.`) || o.domain === bucket)?.path
}

export function outcomeOf(
  view: DistributionView,
  action: DistributionOutcome['action'],
  changes: FieldChange[],
  owned: boolean,
  bucket?: string,
): DistributionOutcome {
  return {
    id: view.id,
    arn: view.arn,
    domain: view.domain,
    aliases: view.aliases,
    status: view.status,
    enabled: view.enabled,
    action,
    changes,
    owned,
    originPath:
      (bucket ? bucketOriginPath(view, bucket) : undefined) ?? view.origins[0]?.path ?? '',
    deployed: undefined,
    etag: view.etag,
  }
}

/** The view an outcome gives (what the bucket policy statement needs of a distribution just made). */
export function viewFromOutcome(result: DistributionOutcome): DistributionView {
  return {
    id: result.id,
    arn: result.arn,
    domain: result.domain,
    status: result.status,
    enabled: result.enabled,
    aliases: result.aliases,
    comment: '',
    origins: [],
    certificateArn: undefined,
    priceClass: undefined,
    functionArns: [],
    keyGroupIds: [],
  }
}

/** The site URL: https:// + the first alias (or the CDN domain) + the prefix below the origin path, ending in `/`. */
export function siteUrl(result: DistributionOutcome, prefix: string): string {
  const host = result.aliases[0] ?? result.domain
  const base = result.originPath.replace(/^\//, '')
  let path = prefix
  if (base !== '' && (prefix === base || prefix.startsWith(`${base}/`)))
    path = prefix.slice(base.length).replace(/^\//, '')
  const encoded = path === '' ? '' : `${path.split('/').map(encodeURIComponent).join('/')}/`
  return `https://${host}/${encoded}`
}

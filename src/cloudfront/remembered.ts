/**
 * What the last deploy found on the CloudFront side, kept in the deploy state, so that a run with the
 * same inputs confirms it with one request (GetDistribution: is its config still the version the last
 * run left?) instead of listing every distribution in the account and checking each resource again.
 * Pure.
 */
import { createHash } from 'node:crypto'
import type { DistributionOutcome } from './outcome.js'
import type { CdnSite } from './ports.js'
import { canonicalPublicKey, publicKeyOf } from './signing.js'
import { siteRequestCode, siteResponseCode } from './site-functions.js'
import { viewerRequestCode, viewerRequestName } from './viewer-request.js'

/** Bumped when what ensureDistribution wants from the same inputs changes. */
const RECORD_VERSION = 1

export interface RememberedDistribution {
  /** The inputs it was ensured for (cdnFingerprint): any change means a full check. */
  fingerprint: string
  id: string
  /** The config's version the last run left (CloudFront's ETag). */
  etag: string
  arn: string
  domain: string
  aliases: string[]
  owned: boolean
  originPath: string
  signing?: { keyGroupId: string; publicKeyIds: string[]; signingKeyId?: string | undefined }
  /** Site behaviour's KeyValueStore, which the deploy writes the site's data to. */
  store?: { name: string; id: string; arn: string }
}

/**
 * A digest of every input the distribution's config depends on (never the private key itself: only the
 * public key it signs for), and of the viewer function's code for them.
 */
export function cdnFingerprint(config: CdnSite): string {
  const c = config.cdn
  const code = viewerRequestCode({
    prettyUrls: c.prettyUrls,
    spa: c.spa,
    previewRoot: config.preview.root,
    previewDomain: config.preview.domain,
  })
  return createHash('sha256')
    .update(
      JSON.stringify([
        RECORD_VERSION,
        config.bucket,
        config.region,
        config.basePrefix,
        config.preview,
        c.distributionId ?? null,
        c.aliases,
        c.certificateArn ?? null,
        c.createDistribution,
        c.priceClass ?? null,
        c.tags,
        c.viewerAccess ?? null,
        c.publicKeys.map((pem) => canonicalPublicKey(pem)),
        c.privateKey ? publicKeyOf(c.privateKey) : null,
        c.endpoint ?? null,
        viewerRequestName(code),
        c.site,
        // The site functions' template (without the store id, which AWS assigns).
        viewerRequestName(
          siteRequestCode({
            storeId: '',
            prettyUrls: c.prettyUrls,
            spa: c.spa,
            previewRoot: config.preview.root,
            previewDomain: config.preview.domain,
          }) +
            siteResponseCode({
              storeId: '',
              prettyUrls: c.prettyUrls,
              spa: c.spa,
              previewRoot: config.preview.root,
              previewDomain: config.preview.domain,
            }),
        ),
      ]),
    )
    .digest('base64url')
}

/** The record to keep for the next run; undefined when there is nothing to confirm by. */
export function rememberOf(
  config: CdnSite,
  outcome: DistributionOutcome | undefined,
): RememberedDistribution | undefined {
  if (!outcome?.id || !outcome.etag) return undefined
  if (
    outcome.action !== 'created' &&
    outcome.action !== 'updated' &&
    outcome.action !== 'unchanged'
  )
    return undefined
  return {
    fingerprint: cdnFingerprint(config),
    id: outcome.id,
    etag: outcome.etag,
    arn: outcome.arn,
    domain: outcome.domain,
    aliases: outcome.aliases,
    owned: outcome.owned,
    originPath: outcome.originPath,
    ...(outcome.signing
      ? {
          signing: {
            keyGroupId: outcome.signing.keyGroupId,
            publicKeyIds: outcome.signing.publicKeyIds,
            signingKeyId: outcome.signing.signingKeyId,
          },
        }
      : {}),
    ...(outcome.store
      ? { store: { name: outcome.store.name, id: outcome.store.id, arn: outcome.store.arn } }
      : {}),
  }
}

/** A record read back from the state, checked field by field; undefined when it is not one. */
export function readRemembered(value: unknown): RememberedDistribution | undefined {
  if (!value || typeof value !== 'object') return undefined
  const r = value as Record<string, unknown>
  const strings = ['fingerprint', 'id', 'etag', 'arn', 'domain', 'originPath'] as const
  if (strings.some((k) => typeof r[k] !== 'string') || typeof r.owned !== 'boolean')
    return undefined
  if (!Array.isArray(r.aliases) || !r.aliases.every((a) => typeof a === 'string')) return undefined
  const s = r.signing as Record<string, unknown> | undefined
  if (
    s !== undefined &&
    (typeof s !== 'object' ||
      typeof s.keyGroupId !== 'string' ||
      !Array.isArray(s.publicKeyIds) ||
      !s.publicKeyIds.every((k) => typeof k === 'string') ||
      (s.signingKeyId !== undefined && typeof s.signingKeyId !== 'string'))
  )
    return undefined
  const store = r.store as Record<string, unknown> | undefined
  if (
    store !== undefined &&
    (typeof store !== 'object' || !['name', 'id', 'arn'].every((k) => typeof store[k] === 'string'))
  )
    return undefined
  return value as RememberedDistribution
}

/** Same record (the state is rewritten only when it changed). */
export function sameRemembered(
  a: RememberedDistribution | undefined,
  b: RememberedDistribution | undefined,
): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

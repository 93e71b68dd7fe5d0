/**
 * The distribution we want, and how it differs from the one there is. Pure: the SDK's types only.
 *
 * What the action creates is marked twice: its Comment (`cdn-publish s3://bucket/prefix`, visible in
 * ListDistributions summaries on real CloudFront) and a tag (`cdn-publish:origin`), so a later run finds it
 * again without creating a twin.
 */
import { createHash } from 'node:crypto'
import type { DistributionConfig, ViewerCertificate } from '@aws-sdk/client-cloudfront'
import type { PriceClass } from '../core/config.js'
import { markedComment, tagValue } from './limits.js'

export const MARK_TAG = 'cdn-publish:origin'

/** AWS managed policies, referenced by ID. */
export const MANAGED = {
  /** CachingOptimized: no cookies, headers or query strings in the key; minimum TTL 1 s. */
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  /** SecurityHeadersPolicy: HSTS, X-Content-Type-Options, X-Frame-Options, Referrer-Policy, XSS protection. */
  securityHeaders: '67f7725c-6f97-4210-82d7-5512b31e9d03',
} as const

/** The cache policy the action creates: honours the origin's Cache-Control, minimum TTL 0. */
export const CACHE_POLICY_NAME = 'cdn-publish-honour-origin-cache-control'

/** What a distribution is for: the bucket and the base prefix it serves. */
export function originMark(bucket: string, prefix: string): string {
  return `s3://${bucket}/${prefix}`
}

/**
 * The Comment of a distribution the action created: `cdn-publish s3://bucket/prefix` when CloudFront takes
 * that (at most 128 printable characters), otherwise its printable start and a digest of it.
 */
export function markComment(bucket: string, prefix: string): string {
  return markedComment(`cdn-publish ${originMark(bucket, prefix)}`)
}

/**
 * The Comment earlier versions wrote: raw, or cut at 110 UTF-16 units (which could split a surrogate
 * pair) and a digest. Kept so that the distributions they created are still found.
 */
export function legacyMarkComment(bucket: string, prefix: string): string {
  const text = `cdn-publish ${originMark(bucket, prefix)}`
  if (text.length <= 128) return text
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16)
  return `${text.slice(0, 128 - 18)}~${hash}`
}

/** Whether a Comment is this bucket and prefix's mark, as this version or an earlier one wrote it. */
export function isMarkComment(comment: string, bucket: string, prefix: string): boolean {
  return comment === markComment(bucket, prefix) || comment === legacyMarkComment(bucket, prefix)
}

/**
 * The value of the mark tag: the mark itself when it is a valid tag value (as before), otherwise an
 * escaped or digested form (tagValue) that CreateDistributionWithTags accepts: S3 prefixes may hold `~`,
 * `(`, `)` and more, which tag values may not.
 */
export function markTag(bucket: string, prefix: string): string {
  return tagValue(originMark(bucket, prefix))
}

/** The tag value earlier versions wrote (raw, or cut with `~` past 256), which real CloudFront refused. */
export function legacyMarkTag(bucket: string, prefix: string): string {
  const mark = originMark(bucket, prefix)
  return mark.length <= 256
    ? mark
    : `${mark.slice(0, 239)}~${createHash('sha256').update(mark).digest('hex').slice(0, 16)}`
}

/** Whether a mark tag value names this bucket and prefix, in this version's form or an earlier one's. */
export function isMarkTag(value: string | undefined, bucket: string, prefix: string): boolean {
  return (
    value !== undefined &&
    (value === markTag(bucket, prefix) || value === legacyMarkTag(bucket, prefix))
  )
}

/**
 * The name of the Origin Access Control the action uses for a bucket (names take 64 characters; bucket
 * names are lower-case letters, digits, `.` and `-`). Two buckets that share their first 52 characters
 * share it, which is harmless: an OAC names no bucket, it only says how CloudFront signs.
 */
export function oacName(bucket: string): string {
  return `cdn-publish-${bucket}`.slice(0, 64)
}

/** The bucket's S3 REST endpoint in its region (never the website endpoint: that one cannot use OAC). */
export function s3OriginDomain(bucket: string, region: string): string {
  return `${bucket}.s3.${region}.amazonaws.com`
}

export function originPath(prefix: string): string {
  return prefix === '' ? '' : `/${prefix}`
}

export function originId(bucket: string): string {
  return `s3-${bucket}`
}

/**
 * A reference that is the same for one run (and its retried requests) and these parts: a retried request
 * never creates a twin. Outside Actions (no GITHUB_RUN_ID) it is unique per call.
 */
export function runReference(
  env: Readonly<Record<string, string | undefined>>,
  parts: readonly string[],
  hashLength: number,
  now = Date.now(),
): string {
  const run = env.GITHUB_RUN_ID
    ? `${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`
    : `local-${now}`
  const hash = createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, hashLength)
  return `cdn-publish-${run}-${hash}`
}

/** CallerReference of a new distribution: one per run, bucket and prefix. */
export function callerReference(
  env: Readonly<Record<string, string | undefined>>,
  bucket: string,
  prefix: string,
  now = Date.now(),
): string {
  return runReference(env, [bucket, prefix], 24, now)
}

/** A distribution as the action looks at it. */
export interface DistributionView {
  id: string
  arn: string
  domain: string
  status: string
  enabled: boolean
  aliases: string[]
  comment: string
  origins: Array<{ domain: string; path: string }>
  certificateArn: string | undefined
  priceClass: string | undefined
  /** Every CloudFront Function associated with any of its cache behaviours (ARNs). */
  functionArns: string[]
  /** Every key group any of its cache behaviours lists (trusted or not: listed means in use). */
  keyGroupIds: string[]
  /** The config's version (ETag) when this view was read or written, where the answer gave one. */
  etag?: string | undefined
}

/** The functions and key groups a config refers to, in all its cache behaviours. */
function references(config: Partial<DistributionConfig>) {
  const behaviours = [config.DefaultCacheBehavior, ...(config.CacheBehaviors?.Items ?? [])]
  const functionArns = new Set<string>()
  const keyGroupIds = new Set<string>()
  for (const b of behaviours) {
    for (const f of b?.FunctionAssociations?.Items ?? [])
      if (f.FunctionARN) functionArns.add(f.FunctionARN)
    for (const k of b?.TrustedKeyGroups?.Items ?? []) keyGroupIds.add(k)
  }
  return { functionArns: [...functionArns].sort(), keyGroupIds: [...keyGroupIds].sort() }
}

export function viewOf(
  id: string,
  arn: string,
  domain: string,
  status: string,
  config: Partial<DistributionConfig>,
): DistributionView {
  return {
    id,
    arn,
    domain,
    status,
    enabled: config.Enabled ?? false,
    aliases: config.Aliases?.Items ?? [],
    comment: config.Comment ?? '',
    origins: (config.Origins?.Items ?? []).map((o) => ({
      domain: o.DomainName ?? '',
      path: o.OriginPath ?? '',
    })),
    certificateArn: config.ViewerCertificate?.ACMCertificateArn || undefined,
    priceClass: config.PriceClass,
    ...references(config),
  }
}

/**
 * The distribution that serves any of the requested aliases. Two different ones is an error: the
 * aliases would have to move, which the action does not do behind a user's back.
 */
export function findByAliases(
  views: readonly DistributionView[],
  aliases: readonly string[],
): { found: DistributionView | undefined; error: string | undefined } {
  const wanted = new Set(aliases.map((a) => a.toLowerCase()))
  const holders = views.filter((v) => v.aliases.some((a) => wanted.has(a.toLowerCase())))
  if (holders.length > 1) {
    const list = holders.map(
      (v) => `${v.id} (${v.aliases.filter((a) => wanted.has(a.toLowerCase())).join(', ')})`,
    )
    return {
      found: undefined,
      error: `The requested aliases are served by ${holders.length} different distributions: ${list.join(' and ')}. Name the one to use with distribution-id, or move the aliases first.`,
    }
  }
  return { found: holders[0], error: undefined }
}

/** The distribution the action created for this bucket and prefix, by its Comment mark. */
export function findByComment(
  views: readonly DistributionView[],
  bucket: string,
  prefix: string,
): DistributionView[] {
  return views.filter((v) => isMarkComment(v.comment, bucket, prefix))
}

/** Distributions whose origin is this bucket at this path: candidates to check for the tag mark. */
export function findByOrigin(
  views: readonly DistributionView[],
  bucket: string,
  prefix: string,
): DistributionView[] {
  const path = originPath(prefix)
  return views.filter((v) =>
    v.origins.some((o) => o.domain.startsWith(`${bucket}.s3.`) && o.path === path),
  )
}

export interface CreateInput {
  callerReference: string
  bucket: string
  prefix: string
  region: string
  aliases: readonly string[]
  certificateArn: string | undefined
  priceClass: PriceClass
  originAccessControlId: string
  cachePolicyId: string
  functions: FunctionArns
  /** Key groups whose signatures the default behaviour requires (signed access); none: public. */
  trustedKeyGroups?: readonly string[]
}

/** The CloudFront Functions to associate with the default behaviour, by event. */
export interface FunctionArns {
  'viewer-request'?: string | undefined
  'viewer-response'?: string | undefined
}

export function viewerCertificate(certificateArn: string | undefined): ViewerCertificate {
  return certificateArn
    ? {
        ACMCertificateArn: certificateArn,
        SSLSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
        CloudFrontDefaultCertificate: false,
      }
    : { CloudFrontDefaultCertificate: true }
}

function functionAssociations(functions: FunctionArns) {
  const items = (['viewer-request', 'viewer-response'] as const)
    .filter((event) => functions[event])
    .map((event) => ({ EventType: event, FunctionARN: functions[event]! }))
  return { Quantity: items.length, Items: items }
}

export function createConfig(input: CreateInput): DistributionConfig {
  const id = originId(input.bucket)
  return {
    CallerReference: input.callerReference,
    Comment: markComment(input.bucket, input.prefix),
    Enabled: true,
    DefaultRootObject: 'index.html',
    PriceClass: input.priceClass,
    HttpVersion: 'http2and3',
    IsIPV6Enabled: true,
    Aliases: { Quantity: input.aliases.length, Items: [...input.aliases] },
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: id,
          DomainName: s3OriginDomain(input.bucket, input.region),
          OriginPath: originPath(input.prefix),
          S3OriginConfig: { OriginAccessIdentity: '' },
          OriginAccessControlId: input.originAccessControlId,
        },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: id,
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
      CachePolicyId: input.cachePolicyId,
      ResponseHeadersPolicyId: MANAGED.securityHeaders,
      AllowedMethods: {
        Quantity: 2,
        Items: ['GET', 'HEAD'],
        CachedMethods: { Quantity: 2, Items: ['GET', 'HEAD'] },
      },
      FunctionAssociations: functionAssociations(input.functions),
      TrustedKeyGroups: trustedKeyGroups(input.trustedKeyGroups ?? []),
    },
    ViewerCertificate: viewerCertificate(input.certificateArn),
  }
}

function trustedKeyGroups(ids: readonly string[]) {
  return { Enabled: ids.length > 0, Quantity: ids.length, Items: [...ids] }
}

/** What the inputs ask of an existing distribution; undefined fields are left as they are. */
export interface UpdateWant {
  aliases: readonly string[] | undefined
  certificateArn: string | undefined
  priceClass: PriceClass | undefined
  /** Only for distributions the action created. */
  enabled: boolean | undefined
  /** Only for distributions the action created: functions to associate (an event left out is left as it is). */
  functions: FunctionArns | undefined
  /** Trusted key groups of the default behaviour ([] = public). undefined: leave them. */
  trustedKeyGroups?: readonly string[] | undefined
}

export interface FieldChange {
  field: string
  from: string
  to: string
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a.map((s) => s.toLowerCase()))].sort()
  const y = [...new Set(b.map((s) => s.toLowerCase()))].sort()
  return x.length === y.length && x.every((v, i) => v === y[i])
}

function show(list: readonly string[]): string {
  return list.length === 0 ? '(none)' : list.join(', ')
}

/**
 * The config to send with UpdateDistribution and the fields that change; no changes means no update.
 * Everything not named in `want` is carried over as it is.
 */
export function planUpdate(
  actual: DistributionConfig,
  want: UpdateWant,
): { config: DistributionConfig; changes: FieldChange[] } {
  const config: DistributionConfig = structuredClone(actual)
  const changes: FieldChange[] = []

  if (want.aliases !== undefined) {
    const current = actual.Aliases?.Items ?? []
    if (!sameSet(current, want.aliases)) {
      config.Aliases = { Quantity: want.aliases.length, Items: [...want.aliases] }
      changes.push({ field: 'aliases', from: show(current), to: show(want.aliases) })
    }
  }
  if (want.certificateArn !== undefined) {
    const current = actual.ViewerCertificate?.ACMCertificateArn || ''
    if (current !== want.certificateArn) {
      config.ViewerCertificate = viewerCertificate(want.certificateArn)
      changes.push({
        field: 'certificate',
        from: current || '(CloudFront default)',
        to: want.certificateArn,
      })
    }
  }
  if (want.priceClass !== undefined && actual.PriceClass !== want.priceClass) {
    config.PriceClass = want.priceClass
    changes.push({ field: 'price class', from: actual.PriceClass ?? '(none)', to: want.priceClass })
  }
  if (want.enabled !== undefined && (actual.Enabled ?? false) !== want.enabled) {
    config.Enabled = want.enabled
    changes.push({
      field: 'enabled',
      from: String(actual.Enabled ?? false),
      to: String(want.enabled),
    })
  }
  if (want.functions !== undefined && config.DefaultCacheBehavior) {
    let items = [...(actual.DefaultCacheBehavior?.FunctionAssociations?.Items ?? [])]
    for (const event of ['viewer-request', 'viewer-response'] as const) {
      const wanted = want.functions[event]
      if (!wanted) continue
      const current = items.find((i) => i.EventType === event)?.FunctionARN
      if (current === wanted) continue
      items = [
        ...items.filter((i) => i.EventType !== event),
        { EventType: event, FunctionARN: wanted },
      ]
      changes.push({ field: `${event} function`, from: current ?? '(none)', to: wanted })
    }
    config.DefaultCacheBehavior.FunctionAssociations = { Quantity: items.length, Items: items }
  }
  if (want.trustedKeyGroups !== undefined && config.DefaultCacheBehavior) {
    const current = actual.DefaultCacheBehavior?.TrustedKeyGroups
    const now = current?.Enabled ? (current.Items ?? []) : []
    if (!sameSet(now, want.trustedKeyGroups)) {
      config.DefaultCacheBehavior.TrustedKeyGroups = trustedKeyGroups(want.trustedKeyGroups)
      const show = (ids: readonly string[]) =>
        ids.length === 0 ? 'public' : `signed (key groups ${ids.join(', ')})`
      changes.push({ field: 'viewer access', from: show(now), to: show(want.trustedKeyGroups) })
    }
  }
  return { config, changes }
}

/** With aliases, CloudFront needs a certificate that covers them: none means the update would fail. */
export function certificateMissing(config: DistributionConfig): boolean {
  const aliases = config.Aliases?.Quantity ?? 0
  const cert = config.ViewerCertificate
  return aliases > 0 && !cert?.ACMCertificateArn && !cert?.IAMCertificateId
}

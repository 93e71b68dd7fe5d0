/**
 * The bucket policy statements that let one distribution read the site through its Origin Access Control,
 * merged into whatever policy the bucket has. Pure: JSON text in, JSON text (or nothing to do) out.
 *
 * Two statements, named by the distribution ID so a re-run replaces rather than duplicates them:
 * - Allow `s3:GetObject` on `bucket/prefix/*` to cloudfront.amazonaws.com, only for this distribution.
 * - Deny the same principal `s3:GetObject` on the action's state objects (`.cdn-publish/`), so the state is
 *   never served through the CDN.
 * Every other statement is kept as it is.
 */
import { STATE_DIR } from '../keys.js'

export interface PolicyStatement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Principal?: unknown
  Action?: string | string[]
  Resource?: string | string[]
  Condition?: unknown
  [other: string]: unknown
}

export interface PolicyDocument {
  Version?: string
  Id?: string
  Statement: PolicyStatement[]
}

function sidSuffix(distributionId: string): string {
  return distributionId.replace(/[^A-Za-z0-9]/g, '')
}

export function statementIds(distributionId: string): { read: string; state: string } {
  const suffix = sidSuffix(distributionId)
  return { read: `CdnPublishRead${suffix}`, state: `CdnPublishHideState${suffix}` }
}

export function objectArn(bucket: string, prefix: string, rest: string): string {
  return `arn:aws:s3:::${bucket}/${prefix === '' ? '' : `${prefix}/`}${rest}`
}

export function siteStatements(
  bucket: string,
  prefix: string,
  distributionId: string,
  distributionArn: string,
): PolicyStatement[] {
  const ids = statementIds(distributionId)
  const principal = { Service: 'cloudfront.amazonaws.com' }
  return [
    {
      Sid: ids.read,
      Effect: 'Allow',
      Principal: principal,
      Action: 's3:GetObject',
      Resource: objectArn(bucket, prefix, '*'),
      Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
    },
    {
      Sid: ids.state,
      Effect: 'Deny',
      Principal: principal,
      Action: 's3:GetObject',
      // `*` in a policy resource spans `/`: this covers the state of the prefix and of any preview under it.
      Resource: objectArn(bucket, prefix, `*${STATE_DIR}/*`),
    },
  ]
}

/** Canonical JSON for comparison: keys sorted at every level. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

export type MergeResult = { changed: false } | { changed: true; policy: string } | { error: string }

/**
 * Put `statements` into the policy `existing` (undefined: the bucket has none), replacing statements with
 * the same Sid and keeping every other one untouched.
 */
export function mergePolicy(
  existing: string | undefined,
  statements: readonly PolicyStatement[],
): MergeResult {
  let doc: PolicyDocument
  if (existing === undefined || existing.trim() === '')
    doc = { Version: '2012-10-17', Statement: [] }
  else {
    try {
      const parsed = JSON.parse(existing) as Partial<PolicyDocument> & { Statement?: unknown }
      const list = Array.isArray(parsed.Statement)
        ? parsed.Statement
        : parsed.Statement
          ? [parsed.Statement]
          : []
      doc = { ...parsed, Statement: list as PolicyStatement[] }
    } catch {
      return { error: 'the bucket policy is not valid JSON' }
    }
  }
  const sids = new Set(statements.map((s) => s.Sid))
  const kept = doc.Statement.filter((s) => !sids.has(s.Sid))
  const mine = doc.Statement.filter((s) => sids.has(s.Sid))
  if (
    mine.length === statements.length &&
    statements.every((s) => mine.some((m) => canonical(m) === canonical(s)))
  )
    return { changed: false }
  const next: PolicyDocument = {
    ...doc,
    Version: doc.Version ?? '2012-10-17',
    Statement: [...kept, ...statements],
  }
  return { changed: true, policy: JSON.stringify(next) }
}

/**
 * The bucket policy statement that lets one distribution read the site through its Origin Access Control,
 * merged into whatever policy the bucket has. Pure: JSON text in, JSON text (or nothing to do) out.
 *
 * One statement, named by the distribution ID so that a re-run replaces rather than duplicates it: Allow
 * `s3:GetObject` on `bucket/prefix/*` to cloudfront.amazonaws.com, only for this distribution
 * (`AWS:SourceArn`). Every other statement is kept as it is. The action's state under the prefix is kept
 * from viewers by the viewer-request function, which answers 404 for it.
 */
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

export function statementId(distributionId: string): string {
  return `CdnPublishRead${sidSuffix(distributionId)}`
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
  return [
    {
      Sid: statementId(distributionId),
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: objectArn(bucket, prefix, '*'),
      Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
    },
  ]
}

/** A policy document with its Statement as a list (a single statement object is allowed), or undefined. */
function parsePolicy(text: string): PolicyDocument | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<PolicyDocument> & { Statement?: unknown }
    if (!parsed || typeof parsed !== 'object') return undefined
    const list = Array.isArray(parsed.Statement)
      ? parsed.Statement
      : parsed.Statement
        ? [parsed.Statement]
        : []
    return { ...parsed, Statement: list }
  } catch {
    return undefined
  }
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
  const doc: PolicyDocument | undefined =
    existing === undefined || existing.trim() === ''
      ? { Version: '2012-10-17', Statement: [] }
      : parsePolicy(existing)
  if (!doc) return { error: 'the bucket policy is not valid JSON' }
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

/** Take the statements with these Sids out of a policy. `policy: undefined` means nothing is left. */
export function removeStatements(
  existing: string | undefined,
  sids: readonly string[],
): { changed: false } | { changed: true; policy: string | undefined } {
  if (existing === undefined) return { changed: false }
  const doc = parsePolicy(existing)
  if (!doc) return { changed: false }
  const kept = doc.Statement.filter((s) => !sids.includes(s.Sid ?? ''))
  if (kept.length === doc.Statement.length) return { changed: false }
  return {
    changed: true,
    policy: kept.length === 0 ? undefined : JSON.stringify({ ...doc, Statement: kept }),
  }
}

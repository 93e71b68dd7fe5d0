// The edge's origin side: CloudFront fetching an object from an S3 origin (through moto), as a
// private bucket answers CloudFront:
//   - the caller is the distribution: with an origin access control (OAC) the CloudFront service
//     principal, with aws:SourceArn the distribution's ARN ("Restrict access to an Amazon S3
//     origin"); with a legacy origin access identity that identity; otherwise an anonymous request;
//   - the bucket policy (read from moto) decides: s3:GetObject on the key must be allowed (an
//     explicit Deny wins), else 403 AccessDenied for every object;
//   - a missing key is 403 AccessDenied unless the policy also grants that caller s3:ListBucket
//     (then S3's 404 NoSuchKey), as S3 documents for GetObject;
//   - the origin's response headers CloudFront passes on: Content-Type, Content-Encoding, Cache-Control,
//     ETag, Last-Modified, Content-Length, Expires, Content-Disposition, Content-Language, Accept-Ranges
//     and x-amz-meta-*; the request's query string is not forwarded (the managed CachingOptimized
//     policy forwards none);
//   - CustomErrorResponses ("Generating custom error responses"): for an origin error whose code has
//     a ResponsePagePath, the page is fetched from the origin of the cache behaviour matching its
//     path and served with ResponseCode (or the original code); if the page cannot be fetched the
//     viewer gets the status the page's origin answered.
// Not emulated: S3 website endpoints and custom origins (502), Range and conditional requests,
// CloudFront's own compression (Compress: true), caching and its TTLs.
import { ACCOUNT_ID } from './state.mjs'
import { at, child, children, textAt } from './xml.mjs'

const PASSED = new Set([
  'content-type',
  'content-encoding',
  'content-language',
  'content-disposition',
  'cache-control',
  'expires',
  'etag',
  'last-modified',
  'content-length',
  'accept-ranges',
])

const ACCESS_DENIED = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
)

/** IAM's wildcard match: `*` any run of characters, `?` one. */
function wildcard(pattern, value, ignoreCase) {
  const source = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`, ignoreCase ? 'isu' : 'su').test(value)
}

const list = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])

function principalMatches(principal, caller) {
  if (principal === '*') return true
  if (principal === null || typeof principal !== 'object') return false
  if (list(principal.AWS).includes('*')) return true
  if (caller.kind === 'oac') return list(principal.Service).includes('cloudfront.amazonaws.com')
  if (caller.kind === 'oai') return list(principal.AWS).includes(caller.identityArn)
  return false
}

/** Conditions on aws:SourceArn / aws:SourceAccount only; any other key does not match. */
function conditionsMatch(condition, caller) {
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    for (const [key, expected] of Object.entries(keys ?? {})) {
      const name = key.toLowerCase()
      const actual =
        name === 'aws:sourcearn'
          ? caller.sourceArn
          : name === 'aws:sourceaccount'
            ? ACCOUNT_ID
            : undefined
      if (actual === undefined) return false
      const like = /Like$/.test(operator)
      if (!/^(String|Arn)(Equals|Like)$/.test(operator)) return false
      if (!list(expected).some((e) => (like ? wildcard(String(e), actual, false) : e === actual)))
        return false
    }
  }
  return true
}

/** Does the bucket policy let this caller do `action` on `resource`? */
export function policyAllows(policy, caller, action, resource) {
  let allowed = false
  for (const statement of list(policy?.Statement)) {
    if (statement.NotPrincipal || statement.NotAction || statement.NotResource) continue
    const applies =
      principalMatches(statement.Principal, caller) &&
      list(statement.Action).some((a) => wildcard(String(a), action, true)) &&
      list(statement.Resource).some((r) => wildcard(String(r), resource, false)) &&
      conditionsMatch(statement.Condition, caller)
    if (!applies) continue
    if (statement.Effect === 'Deny') return false
    if (statement.Effect === 'Allow') allowed = true
  }
  return allowed
}

/** The bucket an S3 REST origin names (bucket.s3.amazonaws.com, bucket.s3.region.amazonaws.com). */
export function originBucket(origin) {
  const domain = textAt(origin, 'DomainName') ?? ''
  const match = /^(.+)\.s3(?:[.-](?!website)[a-z0-9-]+)?\.amazonaws\.com$/.exec(domain)
  return match?.[1]
}

/** Who CloudFront is when it asks this origin. */
export function originCaller(origin, distributionArn) {
  if ((textAt(origin, 'OriginAccessControlId') ?? '').trim())
    return { kind: 'oac', sourceArn: distributionArn }
  const oai = /origin-access-identity\/cloudfront\/(\w+)/.exec(
    textAt(origin, 'S3OriginConfig', 'OriginAccessIdentity') ?? '',
  )
  if (oai) {
    return {
      kind: 'oai',
      identityArn: `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ${oai[1]}`,
    }
  }
  return { kind: 'anonymous' }
}

function decodeKey(path) {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

const encodeKey = (key) => key.split('/').map(encodeURIComponent).join('/')

/**
 * GET the object `uri` names from an S3 origin, as that origin answers CloudFront.
 * @returns {Promise<{ status: number, statusText?: string, headers: object, body: Buffer, denied?: string }>}
 */
export async function fetchFromOrigin(ctx, distribution, origin, uri) {
  const bucket = originBucket(origin)
  if (!bucket || !child(origin, 'S3OriginConfig')) {
    return {
      status: 502,
      headers: { 'content-type': 'text/plain' },
      body: Buffer.from(
        `strict-edge serves S3 REST origins only (origin ${textAt(origin, 'Id')}).`,
      ),
    }
  }
  const key = decodeKey(`${textAt(origin, 'OriginPath') ?? ''}${uri}`).replace(/^\//, '')
  const caller = originCaller(origin, distribution.arn)
  const policyAnswer = await ctx.upstream.call('s3', 'GET', `/${encodeURIComponent(bucket)}?policy`)
  let policy
  try {
    policy =
      policyAnswer.status === 200 ? JSON.parse(policyAnswer.body.toString('utf8')) : undefined
  } catch {
    policy = undefined
  }
  const denied = (why) => ({
    status: 403,
    statusText: 'Forbidden',
    headers: { 'content-type': 'application/xml' },
    body: ACCESS_DENIED,
    denied: why,
  })
  if (!policyAllows(policy, caller, 's3:GetObject', `arn:aws:s3:::${bucket}/${key}`))
    return denied(
      `the bucket policy of ${bucket} does not grant this distribution (${caller.kind}) s3:GetObject on ${key}`,
    )
  const answer = await ctx.upstream.call(
    's3',
    'GET',
    `/${encodeURIComponent(bucket)}/${encodeKey(key)}`,
  )
  const missingKey =
    answer.status === 404 && answer.body.toString('utf8').includes('<Code>NoSuchKey</Code>')
  if (missingKey && !policyAllows(policy, caller, 's3:ListBucket', `arn:aws:s3:::${bucket}`))
    return denied(`${key} does not exist and the caller lacks s3:ListBucket`)
  const headers = {}
  for (const [name, value] of Object.entries(answer.headers)) {
    if (PASSED.has(name) || name.startsWith('x-amz-meta-')) headers[name] = value
  }
  return { status: answer.status, headers, body: answer.body }
}

/** A cache behaviour's PathPattern against a path: `*` any run, `?` one character, case-sensitive. */
function pathMatches(pattern, path) {
  return wildcard(pattern.startsWith('/') ? pattern : `/${pattern}`, path, false)
}

/** The cache behaviour CloudFront picks for `path`: the first matching pattern, else the default. */
export function behaviorFor(config, path) {
  const behaviors = children(at(config, 'CacheBehaviors', 'Items'), 'CacheBehavior')
  return (
    behaviors.find((b) => pathMatches(textAt(b, 'PathPattern') ?? '', path)) ??
    child(config, 'DefaultCacheBehavior')
  )
}

export function originFor(config, behavior) {
  const id = textAt(behavior, 'TargetOriginId')
  return children(at(config, 'Origins', 'Items'), 'Origin').find((o) => textAt(o, 'Id') === id)
}

/** The custom error page for an origin error, or the origin's error as it stands. */
export async function customError(ctx, distribution, response) {
  const rule = children(
    at(distribution.config, 'CustomErrorResponses', 'Items'),
    'CustomErrorResponse',
  ).find((r) => Number(textAt(r, 'ErrorCode')) === response.status)
  const pagePath = (textAt(rule, 'ResponsePagePath') ?? '').trim()
  if (!rule || !pagePath) return response
  const origin = originFor(distribution.config, behaviorFor(distribution.config, pagePath))
  if (!origin) return response
  const page = await fetchFromOrigin(ctx, distribution, origin, pagePath)
  if (page.status < 200 || page.status >= 300) return page
  const code = (textAt(rule, 'ResponseCode') ?? '').trim()
  return {
    ...page,
    status: code ? Number(code) : response.status,
    statusText: undefined,
    errorPage: pagePath,
  }
}

// S3 rules of the strict layer, for path-style requests (/bucket/key). What real S3 does and moto
// forgives:
//   - GET/HEAD of a missing key: 403 AccessDenied unless the bucket's model grants an unconditional
//     s3:ListBucket (then moto's 404 NoSuchKey stands). A ListBucket limited by an s3:prefix
//     condition never counts as unconditional.
//   - ListObjects(V2) outside the allowed prefixes (listBucketPrefixes): 403 AccessDenied.
//   - DeleteObjects of more than 1,000 keys: 400 MalformedXML.
//   - A key longer than 1,024 bytes (UTF-8) on PUT/CopyObject/CreateMultipartUpload: 400 KeyTooLongError.
//   - Content-MD5 that does not match the body: 400 BadDigest (400 InvalidDigest when malformed).
//   - CopyObject without x-amz-tagging-directive: REPLACE copies the tags: logged as needing
//     s3:GetObjectTagging and s3:PutObjectTagging.
//   - denyActions: a request needing a denied IAM action answers 403 AccessDenied.
//   - allowActions: when set, a request needing an action it does not grant answers 403
//     AccessDenied, as under an identity policy that allows only these. Either a list (granted on
//     the bucket and every key) or an object keyed by resource ARN, IAM wildcards (`*`, `?`) in both
//     the ARN and the actions (`s3:*`, `s3:Get*`): { "arn:aws:s3:::b": ["s3:GetBucketPolicy"],
//     "arn:aws:s3:::b/site/*": ["s3:GetObject"] }. Bucket actions are checked against the bucket's
//     ARN, object actions against bucket/key; DeleteObjects checks every key it names (and refuses the
//     whole request where S3 would list the denied keys in its answer). A request the layer cannot
//     name an action for is refused. A conditional ListBucket is listBucketPrefixes beside it; under
//     it HeadBucket (no s3:prefix to match) is refused, as IAM does.
import { createHash } from 'node:crypto'
import { readBody, sendS3Error } from './http.mjs'
import { signatureProblem } from './sigv4.mjs'
import { children, parseXml, textAt } from './xml.mjs'

const MAX_KEY_BYTES = 1024
const MAX_DELETE_KEYS = 1000

function decodePath(segment) {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** The bucket and key of a copy source header (`/bucket/key?versionId=..`, URL-encoded). */
function copySource(header) {
  const [pathPart] = String(header).split('?')
  const decoded = decodePath(pathPart.replace(/^\//, ''))
  const slash = decoded.indexOf('/')
  return slash === -1
    ? { bucket: decoded, key: '' }
    : { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) }
}

/** The ARN IAM checks an action against: the bucket's, or one object's. */
function arn(bucket, key = '') {
  return key === '' ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`
}

/**
 * Which S3 operation a request is and the IAM actions it needs, each on its bucket and resource.
 * @returns {{ op: string, actions: { action: string, bucket: string, resource: string }[], copyTags?: boolean }}
 */
export function classify(method, bucket, key, query, headers) {
  const on = (action, b = bucket, k = key) => ({ action, bucket: b, resource: arn(b, k) })
  const has = (name) => query.has(name)
  if (key === '') {
    if (has('policy')) {
      const op = { GET: 'GetBucketPolicy', PUT: 'PutBucketPolicy', DELETE: 'DeleteBucketPolicy' }[
        method
      ]
      if (op) return { op, actions: [on(`s3:${op}`)] }
    }
    if (method === 'POST' && has('delete'))
      return { op: 'DeleteObjects', actions: [on('s3:DeleteObject')] }
    if (method === 'GET' && query.get('list-type') === '2')
      return { op: 'ListObjectsV2', actions: [on('s3:ListBucket')] }
    if (method === 'GET' && has('versions'))
      return { op: 'ListObjectVersions', actions: [on('s3:ListBucketVersions')] }
    if (method === 'GET' && has('uploads'))
      return { op: 'ListMultipartUploads', actions: [on('s3:ListBucketMultipartUploads')] }
    if (
      method === 'GET' &&
      [...query.keys()].every((k) =>
        ['prefix', 'delimiter', 'marker', 'max-keys', 'encoding-type'].includes(k),
      )
    ) {
      return { op: 'ListObjects', actions: [on('s3:ListBucket')] }
    }
    if (method === 'HEAD') return { op: 'HeadBucket', actions: [on('s3:ListBucket')] }
    if (method === 'PUT' && [...query.keys()].length === 0)
      return { op: 'CreateBucket', actions: [on('s3:CreateBucket')] }
    if (method === 'DELETE' && [...query.keys()].length === 0)
      return { op: 'DeleteBucket', actions: [on('s3:DeleteBucket')] }
    return { op: `${method} bucket`, actions: [] }
  }
  if (has('tagging')) {
    const op = { GET: 'GetObjectTagging', PUT: 'PutObjectTagging', DELETE: 'DeleteObjectTagging' }[
      method
    ]
    if (op) return { op, actions: [on(`s3:${op}`)] }
  }
  if (method === 'POST' && has('uploads')) {
    const actions = [on('s3:PutObject')]
    if (headers['x-amz-tagging']) actions.push(on('s3:PutObjectTagging'))
    return { op: 'CreateMultipartUpload', actions }
  }
  if (method === 'PUT' && has('partNumber') && has('uploadId')) {
    const op = headers['x-amz-copy-source'] ? 'UploadPartCopy' : 'UploadPart'
    return { op, actions: [on('s3:PutObject')] }
  }
  if (method === 'POST' && has('uploadId'))
    return { op: 'CompleteMultipartUpload', actions: [on('s3:PutObject')] }
  if (method === 'DELETE' && has('uploadId'))
    return { op: 'AbortMultipartUpload', actions: [on('s3:AbortMultipartUpload')] }
  if (method === 'GET' && has('uploadId'))
    return { op: 'ListParts', actions: [on('s3:ListMultipartUploadParts')] }
  if (method === 'PUT' && headers['x-amz-copy-source']) {
    const source = copySource(headers['x-amz-copy-source'])
    const directive = String(headers['x-amz-tagging-directive'] ?? 'COPY').toUpperCase()
    const copyTags = directive !== 'REPLACE'
    const actions = [on('s3:GetObject', source.bucket, source.key), on('s3:PutObject')]
    if (copyTags)
      actions.push(on('s3:GetObjectTagging', source.bucket, source.key), on('s3:PutObjectTagging'))
    else if (headers['x-amz-tagging']) actions.push(on('s3:PutObjectTagging'))
    return { op: 'CopyObject', actions, copyTags }
  }
  if (method === 'PUT') {
    const actions = [on('s3:PutObject')]
    if (headers['x-amz-tagging']) actions.push(on('s3:PutObjectTagging'))
    return { op: 'PutObject', actions }
  }
  if (
    method === 'GET' &&
    [...query.keys()].some((k) =>
      ['acl', 'attributes', 'legal-hold', 'retention', 'torrent'].includes(k),
    )
  ) {
    return { op: `GET object ${[...query.keys()].join(',')}`, actions: [] }
  }
  if (method === 'GET') return { op: 'GetObject', actions: [on('s3:GetObject')] }
  if (method === 'HEAD') return { op: 'HeadObject', actions: [on('s3:GetObject')] }
  if (method === 'DELETE') return { op: 'DeleteObject', actions: [on('s3:DeleteObject')] }
  return { op: `${method} object`, actions: [] }
}

/** IAM's wildcard match: `*` any run of characters, `?` one; actions ignore case, ARNs do not. */
function wildcard(pattern, value, ignoreCase) {
  const source = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`, ignoreCase ? 'isu' : 'su').test(value)
}

/** Does the bucket's allowActions grant this action on this resource? (No allowActions: yes.) */
function allows(config, action, resource) {
  const allow = config.allowActions
  if (allow === undefined) return true
  const grants = Array.isArray(allow) ? [['*', allow]] : Object.entries(allow)
  return grants.some(
    ([pattern, granted]) =>
      wildcard(pattern, resource, false) && granted.some((a) => wildcard(a, action, true)),
  )
}

/** Does the bucket's model grant s3:ListBucket without conditions? */
function unconditionalList(config, bucket) {
  return (
    config.listBucket === 'all' &&
    !(config.denyActions ?? []).includes('s3:ListBucket') &&
    allows(config, 's3:ListBucket', arn(bucket))
  )
}

/** The keys a DeleteObjects body names ([] when it cannot be read: moto then answers it). */
function deleteKeys(body) {
  try {
    return children(parseXml(body.toString('utf8')), 'Object').map((o) => textAt(o, 'Key') ?? '')
  } catch {
    return []
  }
}

function md5Mismatch(headers, body) {
  const given = headers['content-md5']
  if (given === undefined) return undefined
  const encoding = String(headers['content-encoding'] ?? '')
  const sha = String(headers['x-amz-content-sha256'] ?? '')
  // An aws-chunked body carries chunk signatures/trailers: its bytes are not the payload.
  if (encoding.includes('aws-chunked') || sha.startsWith('STREAMING-')) return undefined
  const digest = Buffer.from(String(given), 'base64')
  if (digest.length !== 16 || digest.toString('base64') !== String(given).trim())
    return 'InvalidDigest'
  return createHash('md5').update(body).digest().equals(digest) ? undefined : 'BadDigest'
}

/**
 * Handle one S3 request: refuse it as S3 would, or forward it (rewriting a missing key's 404).
 * @param {{ state: ReturnType<import('./state.mjs').createState>, upstream: ReturnType<import('./http.mjs').createUpstream> }} ctx
 */
export async function handleS3(ctx, req, res, url) {
  const { state, upstream } = ctx
  const segments = url.pathname.split('/').slice(1)
  const bucket = decodePath(segments[0] ?? '')
  const key = segments.slice(1).map(decodePath).join('/')
  const method = req.method ?? 'GET'
  const path = decodePath(url.pathname)
  if (bucket === '') return upstream.forward(req, res)
  const { op, actions, copyTags } = classify(method, bucket, key, url.searchParams, req.headers)
  const config = state.bucket(bucket)
  const refuse = (status, code, message, rule, detail, extra) => {
    state.record({ method, path, op, rule, status, detail })
    sendS3Error(req, res, status, code, message, extra)
    return status
  }

  const unsigned = signatureProblem({ method, rawUrl: req.url ?? '/', headers: req.headers })
  if (unsigned)
    return refuse(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      'signature',
      unsigned,
    )

  if (
    ['PutObject', 'CopyObject', 'CreateMultipartUpload'].includes(op) &&
    Buffer.byteLength(key) > MAX_KEY_BYTES
  ) {
    return refuse(
      400,
      'KeyTooLongError',
      'Your key is too long',
      'key-too-long',
      `${Buffer.byteLength(key)} bytes`,
      {
        MaxSizeAllowed: String(MAX_KEY_BYTES),
        Size: String(Buffer.byteLength(key)),
      },
    )
  }

  for (const need of actions) {
    if ((state.bucket(need.bucket).denyActions ?? []).includes(need.action)) {
      return refuse(
        403,
        'AccessDenied',
        'Access Denied',
        'deny-action',
        `${need.action} on ${need.bucket}`,
      )
    }
  }

  let body
  if (config.allowActions !== undefined) {
    if (actions.length === 0)
      return refuse(403, 'AccessDenied', 'Access Denied', 'allow-actions', `unmodelled ${op}`)
    let needs = actions
    if (op === 'DeleteObjects') {
      body = await readBody(req)
      needs = deleteKeys(body).map((k) => ({
        action: 's3:DeleteObject',
        bucket,
        resource: arn(bucket, k),
      }))
    }
    for (const need of needs) {
      if (!allows(state.bucket(need.bucket), need.action, need.resource)) {
        return refuse(
          403,
          'AccessDenied',
          'Access Denied',
          'allow-actions',
          `${need.action} on ${need.resource}`,
        )
      }
    }
  }

  if (op === 'HeadBucket' && config.listBucketPrefixes && !unconditionalList(config, bucket)) {
    return refuse(
      403,
      'AccessDenied',
      'Access Denied',
      'list-prefix',
      'HeadBucket has no s3:prefix to match',
    )
  }

  if (
    (op === 'ListObjectsV2' || op === 'ListObjects') &&
    config.listBucketPrefixes &&
    !unconditionalList(config, bucket)
  ) {
    const prefix = url.searchParams.get('prefix') ?? ''
    if (!config.listBucketPrefixes.some((allowed) => prefix.startsWith(allowed))) {
      return refuse(
        403,
        'AccessDenied',
        'Access Denied',
        'list-prefix',
        `prefix "${prefix}" outside ${config.listBucketPrefixes.join(', ')}`,
      )
    }
  }

  if (op === 'DeleteObjects') {
    body ??= await readBody(req)
    const count = (body.toString('utf8').match(/<Object>/g) ?? []).length
    if (count > MAX_DELETE_KEYS) {
      return refuse(
        400,
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
        'delete-objects-limit',
        `${count} keys`,
      )
    }
  }
  if (
    req.headers['content-md5'] !== undefined &&
    ['PutObject', 'UploadPart', 'DeleteObjects', 'PutObjectTagging'].includes(op)
  ) {
    body ??= await readBody(req)
    const wrong = md5Mismatch(req.headers, body)
    if (wrong === 'InvalidDigest') {
      return refuse(
        400,
        'InvalidDigest',
        'The Content-MD5 you specified was invalid.',
        'content-md5',
        'malformed',
      )
    }
    if (wrong === 'BadDigest') {
      return refuse(
        400,
        'BadDigest',
        'The Content-MD5 you specified did not match what we received.',
        'content-md5',
        'mismatch',
      )
    }
  }

  if (op === 'GetObject' || op === 'HeadObject') {
    if (unconditionalList(config, bucket)) return upstream.forward(req, res, { body })
    return upstream.forward(req, res, {
      body,
      wantsBody: (status) => status === 404,
      rewrite: async (answer) => {
        const text = answer.body.toString('utf8')
        const missingKey =
          method === 'GET'
            ? text.includes('<Code>NoSuchKey</Code>')
            : await bucketExists(upstream, url.pathname.split('/')[1])
        if (!missingKey) return undefined
        state.record({
          method,
          path,
          op,
          rule: 'missing-key-403',
          status: 403,
          detail: 'no unconditional s3:ListBucket',
        })
        return denied(method)
      },
    })
  }

  const status = await upstream.forward(req, res, { body })
  if (copyTags) {
    state.record({
      method,
      path,
      op,
      rule: 'copy-tags',
      status,
      detail: 's3:GetObjectTagging,s3:PutObjectTagging',
    })
  }
  return status
}

async function bucketExists(upstream, encodedBucket) {
  const answer = await upstream.call('s3', 'HEAD', `/${encodedBucket}`)
  return answer.status !== 404
}

function denied(method) {
  const body =
    method === 'HEAD'
      ? Buffer.alloc(0)
      : Buffer.from(
          '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
        )
  return { status: 403, headers: { 'content-type': 'application/xml' }, body }
}

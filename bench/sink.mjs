// A minimal in-memory S3-compatible server, for benchmarking only: it answers the operations that
// cdn-publish, `aws s3 sync`, s3cmd and rclone use for a sync, as fast as one Node process can, so the
// benchmark measures the clients rather than the emulator (moto serves ~450 requests a second).
//
// Path-style only (`/bucket/key`). Signatures are not checked. The bucket policy is kept as sent
// (Put/Get/DeleteBucketPolicy), nothing else of a bucket's configuration. Bodies are hashed while they stream in;
// only small bodies (<= 64 KiB, or JSON up to 16 MiB, such as cdn-publish's state) are kept, so GetObject
// of a large object answers 501. Multipart objects keep each part's size and MD5 (the harness checks them
// against the local file). `aws-chunked` bodies (SigV4 streaming, with or without trailers) are decoded.
//
// Run alone: `node bench/sink.mjs [--port N]` prints `listening http://127.0.0.1:PORT`.
// Control (not S3): GET /__sink/dump?bucket=B (JSON of every object), POST /__sink/drop?bucket=B,
// POST /__sink/seed?bucket=B (JSON objects without bodies), POST /__sink/reset,
// GET /__sink/stats (requests answered 501, by operation).
import { spawn } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'

const KEEP_SMALL = 64 * 1024
const KEEP_JSON = 16 * 1024 * 1024
const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/'

const buckets = new Map()
const unsupported = new Map()

function xmlEscape(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

function xmlUnescape(text) {
  return text.replace(/&(lt|gt|quot|apos|amp|#x?[0-9a-fA-F]+);/g, (_, e) => {
    if (e === 'lt') return '<'
    if (e === 'gt') return '>'
    if (e === 'quot') return '"'
    if (e === 'apos') return "'"
    if (e === 'amp') return '&'
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
    return String.fromCodePoint(code)
  })
}

function send(res, status, body = '', headers = {}) {
  const buffer = Buffer.from(body)
  res.writeHead(status, {
    'x-amz-request-id': randomUUID().slice(0, 16),
    'content-length': buffer.length,
    ...(buffer.length > 0 ? { 'content-type': 'application/xml' } : {}),
    ...headers,
  })
  res.end(buffer)
}

function sendXml(res, status, body, headers = {}) {
  send(res, status, `<?xml version="1.0" encoding="UTF-8"?>\n${body}`, headers)
}

function sendError(res, status, code, message, resource = '') {
  if (res.req.method === 'HEAD') return send(res, status, '', { 'x-amz-error-code': code })
  sendXml(
    res,
    status,
    `<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><Resource>${xmlEscape(resource)}</Resource><RequestId>sink</RequestId></Error>`,
  )
}

/** Decode the aws-chunked framing (`hex-size[;ext]\r\n data \r\n` ... `0\r\n trailers \r\n`). */
function awsChunkedDecoder(onData) {
  let pending = Buffer.alloc(0)
  let need = -1 // bytes of data left in the current chunk; -1 = reading a size line
  let crlf = 0 // bytes of the CRLF after a chunk's data still to skip
  let done = false
  return (chunk) => {
    if (done) return
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk
    let at = 0
    while (at < pending.length && !done) {
      if (crlf > 0) {
        const skip = Math.min(crlf, pending.length - at)
        at += skip
        crlf -= skip
        continue
      }
      if (need > 0) {
        const take = Math.min(need, pending.length - at)
        onData(pending.subarray(at, at + take))
        at += take
        need -= take
        if (need === 0) crlf = 2
        continue
      }
      const eol = pending.indexOf('\r\n', at)
      if (eol < 0) break
      const line = pending.subarray(at, eol).toString('latin1')
      at = eol + 2
      const size = parseInt(line.split(';')[0], 16)
      if (!Number.isFinite(size))
        throw new Error(`bad aws-chunked size line ${JSON.stringify(line)}`)
      if (size === 0)
        done = true // trailers follow; they are ignored
      else need = size
    }
    pending = pending.subarray(at)
  }
}

/** Stream the request body: MD5 and size, and the bytes when `keep` says so (given the length). */
function readBody(req, keep) {
  return new Promise((resolve, reject) => {
    const hash = createHash('md5')
    const kept = []
    let size = 0
    const encoding = String(req.headers['content-encoding'] ?? '')
    const sha = String(req.headers['x-amz-content-sha256'] ?? '')
    const chunked = encoding.includes('aws-chunked') || sha.startsWith('STREAMING-')
    const declared = Number(
      req.headers['x-amz-decoded-content-length'] ?? req.headers['content-length'] ?? -1,
    )
    const keepIt = keep(declared)
    const take = (data) => {
      hash.update(data)
      size += data.length
      if (keepIt) kept.push(Buffer.from(data))
    }
    const feed = chunked ? awsChunkedDecoder(take) : take
    req.on('data', (chunk) => {
      try {
        feed(chunk)
      } catch (error) {
        reject(error)
        req.destroy()
      }
    })
    req.on('end', () =>
      resolve({
        size,
        md5: hash.digest(),
        body: keepIt ? Buffer.concat(kept) : null,
        chunked,
        contentEncoding: encoding
          .split(',')
          .map((e) => e.trim())
          .filter((e) => e && e !== 'aws-chunked')
          .join(', '),
      }),
    )
    req.on('error', reject)
  })
}

function drain(req) {
  return new Promise((resolve) => {
    req.on('end', resolve)
    req.on('error', resolve)
    req.resume()
  })
}

/** Headers an object keeps from its PUT (or CopyObject REPLACE, or CreateMultipartUpload). */
function objectHeaders(req, contentEncoding) {
  const h = req.headers
  const meta = {}
  for (const [name, value] of Object.entries(h))
    if (name.startsWith('x-amz-meta-')) meta[name.slice(11)] = String(value)
  return {
    contentType: h['content-type'] ?? 'binary/octet-stream',
    cacheControl: h['cache-control'],
    contentEncoding: contentEncoding ?? h['content-encoding'],
    contentDisposition: h['content-disposition'],
    contentLanguage: h['content-language'],
    expires: h['expires'],
    meta,
  }
}

function bucketOf(name) {
  return buckets.get(name)
}

function newBucket(name) {
  const bucket = { name, objects: new Map(), uploads: new Map(), sorted: null, created: new Date() }
  buckets.set(name, bucket)
  return bucket
}

function sortedKeys(bucket) {
  if (!bucket.sorted) bucket.sorted = [...bucket.objects.keys()].sort(byUtf8)
  return bucket.sorted
}

function byUtf8(a, b) {
  if (a === b) return 0
  return Buffer.compare(Buffer.from(a), Buffer.from(b))
}

function putObject(bucket, key, object) {
  if (!bucket.objects.has(key)) bucket.sorted = null
  bucket.objects.set(key, object)
}

function deleteObject(bucket, key) {
  if (bucket.objects.delete(key)) bucket.sorted = null
}

/** First index in sorted `keys` whose key is > `after` (or >= `from`). */
function lowerBound(keys, value, strict) {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    const c = byUtf8(keys[mid], value)
    if (c < 0 || (strict && c === 0)) lo = mid + 1
    else hi = mid
  }
  return lo
}

function isoDate(date) {
  return date.toISOString()
}

/** Walk keys under a prefix after a marker, grouping by delimiter; at most `max` entries. */
function listEntries(bucket, { prefix, delimiter, after, max }) {
  const keys = sortedKeys(bucket)
  let i = after ? lowerBound(keys, after, true) : 0
  const start = prefix ? lowerBound(keys, prefix, false) : 0
  if (i < start) i = start
  const contents = []
  const prefixes = []
  let last
  let truncated = false
  for (; i < keys.length; i++) {
    const key = keys[i]
    if (!key.startsWith(prefix)) break
    if (contents.length + prefixes.length >= max) {
      truncated = true
      break
    }
    if (delimiter) {
      const at = key.indexOf(delimiter, prefix.length)
      if (at >= 0) {
        const common = key.slice(0, at + delimiter.length)
        prefixes.push(common)
        last = common
        while (i + 1 < keys.length && keys[i + 1].startsWith(common)) i++
        continue
      }
    }
    contents.push(key)
    last = key
  }
  return { contents, prefixes, truncated, last }
}

function encodeKey(key, encode) {
  return encode ? encodeURIComponent(key).replace(/%2F/g, '/') : key
}

function contentsXml(bucket, keys, encode, owner) {
  let out = ''
  for (const key of keys) {
    const o = bucket.objects.get(key)
    out +=
      `<Contents><Key>${xmlEscape(encodeKey(key, encode))}</Key><LastModified>${isoDate(o.lastModified)}</LastModified>` +
      `<ETag>&quot;${o.etag}&quot;</ETag><Size>${o.size}</Size>` +
      (owner ? '<Owner><ID>sink</ID><DisplayName>sink</DisplayName></Owner>' : '') +
      '<StorageClass>STANDARD</StorageClass></Contents>'
  }
  return out
}

function listV2(res, bucket, q) {
  const prefix = q.get('prefix') ?? ''
  const delimiter = q.get('delimiter') ?? ''
  const max = Math.min(1000, Math.max(0, Number(q.get('max-keys') ?? 1000)))
  const token = q.get('continuation-token')
  const encode = q.get('encoding-type') === 'url'
  const after = token
    ? Buffer.from(token, 'base64url').toString('utf8')
    : (q.get('start-after') ?? '')
  const r = listEntries(bucket, { prefix, delimiter, after, max })
  const e = (text) => xmlEscape(encodeKey(text, encode))
  sendXml(
    res,
    200,
    `<ListBucketResult xmlns="${XMLNS}"><Name>${xmlEscape(bucket.name)}</Name><Prefix>${e(prefix)}</Prefix>` +
      (delimiter ? `<Delimiter>${e(delimiter)}</Delimiter>` : '') +
      `<MaxKeys>${max}</MaxKeys><KeyCount>${r.contents.length + r.prefixes.length}</KeyCount>` +
      (token ? `<ContinuationToken>${xmlEscape(token)}</ContinuationToken>` : '') +
      (q.has('start-after') ? `<StartAfter>${e(q.get('start-after'))}</StartAfter>` : '') +
      (encode ? '<EncodingType>url</EncodingType>' : '') +
      `<IsTruncated>${r.truncated}</IsTruncated>` +
      (r.truncated
        ? `<NextContinuationToken>${Buffer.from(r.last).toString('base64url')}</NextContinuationToken>`
        : '') +
      contentsXml(bucket, r.contents, encode, q.get('fetch-owner') === 'true') +
      r.prefixes.map((p) => `<CommonPrefixes><Prefix>${e(p)}</Prefix></CommonPrefixes>`).join('') +
      '</ListBucketResult>',
  )
}

function listV1(res, bucket, q) {
  const prefix = q.get('prefix') ?? ''
  const delimiter = q.get('delimiter') ?? ''
  const max = Math.min(1000, Math.max(0, Number(q.get('max-keys') ?? 1000)))
  const marker = q.get('marker') ?? ''
  const encode = q.get('encoding-type') === 'url'
  const r = listEntries(bucket, { prefix, delimiter, after: marker, max })
  const e = (text) => xmlEscape(encodeKey(text, encode))
  sendXml(
    res,
    200,
    `<ListBucketResult xmlns="${XMLNS}"><Name>${xmlEscape(bucket.name)}</Name><Prefix>${e(prefix)}</Prefix>` +
      `<Marker>${e(marker)}</Marker>` +
      (delimiter ? `<Delimiter>${e(delimiter)}</Delimiter>` : '') +
      (r.truncated && delimiter ? `<NextMarker>${e(r.last)}</NextMarker>` : '') +
      (encode ? '<EncodingType>url</EncodingType>' : '') +
      `<MaxKeys>${max}</MaxKeys><IsTruncated>${r.truncated}</IsTruncated>` +
      contentsXml(bucket, r.contents, encode, true) +
      r.prefixes.map((p) => `<CommonPrefixes><Prefix>${e(p)}</Prefix></CommonPrefixes>`).join('') +
      '</ListBucketResult>',
  )
}

function objectResponseHeaders(o) {
  const h = {
    etag: `"${o.etag}"`,
    'last-modified': o.lastModified.toUTCString(),
    'content-type': o.contentType,
    'accept-ranges': 'bytes',
  }
  if (o.cacheControl) h['cache-control'] = o.cacheControl
  if (o.contentEncoding) h['content-encoding'] = o.contentEncoding
  if (o.contentDisposition) h['content-disposition'] = o.contentDisposition
  if (o.contentLanguage) h['content-language'] = o.contentLanguage
  if (o.expires) h.expires = o.expires
  for (const [k, v] of Object.entries(o.meta)) h[`x-amz-meta-${k}`] = v
  return h
}

function keepBody(key, contentType) {
  return (declared) =>
    declared >= 0 &&
    (declared <= KEEP_SMALL || (declared <= KEEP_JSON && /json/.test(String(contentType ?? ''))))
}

function checkMd5(req, res, md5, resource) {
  const given = req.headers['content-md5']
  if (given !== undefined && given !== md5.toString('base64')) {
    sendError(
      res,
      400,
      'BadDigest',
      'The Content-MD5 you specified did not match what we received.',
      resource,
    )
    return false
  }
  return true
}

function count(op) {
  unsupported.set(op, (unsupported.get(op) ?? 0) + 1)
}

async function handleObject(req, res, bucket, key, q) {
  const method = req.method
  const resource = `/${bucket.name}/${key}`
  if (method === 'PUT' && q.has('partNumber') && q.has('uploadId')) {
    const upload = bucket.uploads.get(q.get('uploadId'))
    if (!upload || upload.key !== key) {
      await drain(req)
      return sendError(res, 404, 'NoSuchUpload', 'The specified upload does not exist.', resource)
    }
    if (req.headers['x-amz-copy-source']) {
      await drain(req)
      count('UploadPartCopy')
      return sendError(res, 501, 'NotImplemented', 'UploadPartCopy is not implemented by the sink.')
    }
    const body = await readBody(req, () => false)
    if (!checkMd5(req, res, body.md5, resource)) return
    const number = Number(q.get('partNumber'))
    upload.parts.set(number, { size: body.size, md5: body.md5 })
    return send(res, 200, '', { etag: `"${body.md5.toString('hex')}"` })
  }
  if (method === 'PUT' && req.headers['x-amz-copy-source']) {
    await drain(req)
    let source = decodeURIComponent(String(req.headers['x-amz-copy-source']).split('?')[0])
    if (source.startsWith('/')) source = source.slice(1)
    const slash = source.indexOf('/')
    const from = bucketOf(source.slice(0, slash))
    const original = from?.objects.get(source.slice(slash + 1))
    if (!original)
      return sendError(res, 404, 'NoSuchKey', 'The specified key does not exist.', source)
    const replace =
      String(req.headers['x-amz-metadata-directive'] ?? 'COPY').toUpperCase() === 'REPLACE'
    const copy = {
      ...original,
      ...(replace ? objectHeaders(req) : {}),
      lastModified: new Date(),
    }
    putObject(bucket, key, copy)
    return sendXml(
      res,
      200,
      `<CopyObjectResult xmlns="${XMLNS}"><LastModified>${isoDate(copy.lastModified)}</LastModified><ETag>&quot;${copy.etag}&quot;</ETag></CopyObjectResult>`,
    )
  }
  if (method === 'PUT') {
    const body = await readBody(req, keepBody(key, req.headers['content-type']))
    if (!checkMd5(req, res, body.md5, resource)) return
    const md5 = body.md5.toString('hex')
    putObject(bucket, key, {
      ...objectHeaders(req, body.contentEncoding || undefined),
      size: body.size,
      etag: md5,
      md5,
      parts: null,
      body: body.body,
      lastModified: new Date(),
    })
    return send(res, 200, '', { etag: `"${md5}"` })
  }
  if (method === 'POST' && q.has('uploads')) {
    await drain(req)
    const uploadId = randomUUID()
    bucket.uploads.set(uploadId, { key, headers: objectHeaders(req), parts: new Map() })
    return sendXml(
      res,
      200,
      `<InitiateMultipartUploadResult xmlns="${XMLNS}"><Bucket>${xmlEscape(bucket.name)}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
    )
  }
  if (method === 'POST' && q.has('uploadId')) {
    const body = await readBody(req, () => true)
    const upload = bucket.uploads.get(q.get('uploadId'))
    if (!upload || upload.key !== key)
      return sendError(res, 404, 'NoSuchUpload', 'The specified upload does not exist.', resource)
    const xml = body.body.toString('utf8')
    const numbers = [...xml.matchAll(/<PartNumber>\s*(\d+)\s*<\/PartNumber>/g)].map((m) =>
      Number(m[1]),
    )
    const parts = []
    for (const n of numbers) {
      const part = upload.parts.get(n)
      if (!part) return sendError(res, 400, 'InvalidPart', `Part ${n} was not uploaded.`, resource)
      parts.push(part)
    }
    const etag = `${createHash('md5')
      .update(Buffer.concat(parts.map((p) => p.md5)))
      .digest('hex')}-${parts.length}`
    bucket.uploads.delete(q.get('uploadId'))
    putObject(bucket, key, {
      ...upload.headers,
      size: parts.reduce((s, p) => s + p.size, 0),
      etag,
      md5: null,
      parts: parts.map((p) => ({ size: p.size, md5: p.md5.toString('hex') })),
      body: null,
      lastModified: new Date(),
    })
    return sendXml(
      res,
      200,
      `<CompleteMultipartUploadResult xmlns="${XMLNS}"><Location>http://sink/${xmlEscape(bucket.name)}/${xmlEscape(key)}</Location><Bucket>${xmlEscape(bucket.name)}</Bucket><Key>${xmlEscape(key)}</Key><ETag>&quot;${etag}&quot;</ETag></CompleteMultipartUploadResult>`,
    )
  }
  if (method === 'DELETE' && q.has('uploadId')) {
    await drain(req)
    bucket.uploads.delete(q.get('uploadId'))
    return send(res, 204)
  }
  if (method === 'DELETE') {
    await drain(req)
    deleteObject(bucket, key)
    return send(res, 204)
  }
  if (method === 'HEAD' || method === 'GET') {
    await drain(req)
    const o = bucket.objects.get(key)
    if (!o) return sendError(res, 404, 'NoSuchKey', 'The specified key does not exist.', resource)
    const headers = { ...objectResponseHeaders(o), 'content-length': o.size }
    if (method === 'HEAD') {
      res.writeHead(200, headers)
      return res.end()
    }
    if (o.size > 0 && !o.body) {
      count('GetObject of a large body')
      return sendError(
        res,
        501,
        'NotImplemented',
        'The sink keeps no body for objects this large.',
        resource,
      )
    }
    res.writeHead(200, headers)
    return res.end(o.body ?? Buffer.alloc(0))
  }
  await drain(req)
  count(`${method} object ${[...q.keys()].join('&')}`)
  return sendError(
    res,
    501,
    'NotImplemented',
    `${method} on an object with ${q} is not implemented by the sink.`,
  )
}

async function handleBucket(req, res, name, q) {
  const method = req.method
  let bucket = bucketOf(name)
  if (method === 'PUT' && [...q.keys()].length === 0) {
    await drain(req)
    if (!bucket) newBucket(name)
    return send(res, 200, '', { location: `/${name}` })
  }
  if (!bucket) {
    await drain(req)
    return sendError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist.', `/${name}`)
  }
  if (method === 'HEAD') {
    await drain(req)
    return send(res, 200, '', { 'x-amz-bucket-region': 'us-east-1' })
  }
  if (method === 'DELETE' && [...q.keys()].length === 0) {
    await drain(req)
    if (bucket.objects.size > 0)
      return sendError(
        res,
        409,
        'BucketNotEmpty',
        'The bucket you tried to delete is not empty.',
        `/${name}`,
      )
    buckets.delete(name)
    return send(res, 204)
  }
  if (method === 'POST' && q.has('delete')) {
    const body = await readBody(req, () => true)
    if (!checkMd5(req, res, body.md5, `/${name}`)) return
    const xml = body.body.toString('utf8')
    const quiet = /<Quiet>\s*true\s*<\/Quiet>/i.test(xml)
    const keys = [...xml.matchAll(/<Object>\s*<Key>([\s\S]*?)<\/Key>/g)].map((m) =>
      xmlUnescape(m[1]),
    )
    for (const key of keys) deleteObject(bucket, key)
    return sendXml(
      res,
      200,
      `<DeleteResult xmlns="${XMLNS}">${
        quiet ? '' : keys.map((k) => `<Deleted><Key>${xmlEscape(k)}</Key></Deleted>`).join('')
      }</DeleteResult>`,
    )
  }
  if (method === 'GET' && q.get('list-type') === '2') {
    await drain(req)
    return listV2(res, bucket, q)
  }
  if (method === 'GET' && q.has('location')) {
    await drain(req)
    return sendXml(res, 200, `<LocationConstraint xmlns="${XMLNS}"></LocationConstraint>`)
  }
  if (q.has('policy') && [...q.keys()].length === 1) {
    // The bucket policy, kept as sent (cdn-publish grants its distribution read access with it).
    if (method === 'PUT') {
      const body = await readBody(req, () => true)
      bucket.policy = body.body.toString('utf8')
      return send(res, 204)
    }
    await drain(req)
    if (method === 'DELETE') {
      delete bucket.policy
      return send(res, 204)
    }
    if (method === 'GET') {
      if (bucket.policy === undefined)
        return sendError(
          res,
          404,
          'NoSuchBucketPolicy',
          'The bucket policy does not exist',
          `/${name}`,
        )
      return send(res, 200, bucket.policy, { 'content-type': 'application/json' })
    }
  }
  const subresources = [...q.keys()].filter(
    (k) => !['prefix', 'delimiter', 'marker', 'max-keys', 'encoding-type'].includes(k),
  )
  if (method === 'GET' && subresources.length === 0) {
    await drain(req)
    return listV1(res, bucket, q)
  }
  await drain(req)
  count(`${method} bucket ?${subresources.join('&')}`)
  return sendError(
    res,
    501,
    'NotImplemented',
    `${method} ?${subresources.join('&')} is not implemented by the sink.`,
  )
}

function dump(bucket) {
  const objects = {}
  for (const key of sortedKeys(bucket)) {
    const o = bucket.objects.get(key)
    objects[key] = {
      size: o.size,
      etag: o.etag,
      md5: o.md5,
      parts: o.parts,
      contentType: o.contentType,
      cacheControl: o.cacheControl ?? null,
      contentEncoding: o.contentEncoding ?? null,
      meta: o.meta,
      lastModified: isoDate(o.lastModified),
    }
  }
  return { bucket: bucket.name, objects, uploads: bucket.uploads.size }
}

async function handleControl(req, res, url) {
  const name = url.searchParams.get('bucket') ?? ''
  if (url.pathname === '/__sink/seed') {
    // Objects as a client would have left them (no bodies): [{ key, size, md5, contentType, cacheControl, meta }].
    const body = await readBody(req, () => true)
    const bucket = bucketOf(name) ?? newBucket(name)
    const now = new Date()
    for (const o of JSON.parse(body.body.toString('utf8'))) {
      putObject(bucket, o.key, {
        contentType: o.contentType ?? 'binary/octet-stream',
        cacheControl: o.cacheControl,
        meta: o.meta ?? {},
        size: o.size,
        etag: o.md5,
        md5: o.md5,
        parts: null,
        body: null,
        lastModified: now,
      })
    }
    res.writeHead(200, { 'content-type': 'application/json' })
    return res.end(JSON.stringify({ seeded: bucket.objects.size }))
  }
  await drain(req)
  const json = (status, value) => {
    const body = JSON.stringify(value)
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    })
    res.end(body)
  }
  if (url.pathname === '/__sink/dump') {
    const bucket = bucketOf(name)
    return bucket ? json(200, dump(bucket)) : json(404, { error: `no bucket ${name}` })
  }
  if (url.pathname === '/__sink/drop') {
    buckets.delete(name)
    return json(200, { dropped: name })
  }
  if (url.pathname === '/__sink/reset') {
    buckets.clear()
    unsupported.clear()
    return json(200, { reset: true })
  }
  if (url.pathname === '/__sink/stats')
    return json(200, { unsupported: Object.fromEntries(unsupported) })
  return json(404, { error: 'unknown control path' })
}

async function handle(req, res) {
  const url = new URL(req.url ?? '/', 'http://sink')
  if (url.pathname.startsWith('/__sink/')) return handleControl(req, res, url)
  const raw = url.pathname.slice(1)
  const slash = raw.indexOf('/')
  const name = decodeURIComponent(slash < 0 ? raw : raw.slice(0, slash))
  const key = slash < 0 ? '' : decodeURIComponent(raw.slice(slash + 1))
  const q = url.searchParams
  if (name === '') {
    await drain(req)
    if (req.method !== 'GET') return sendError(res, 405, 'MethodNotAllowed', 'Not allowed.')
    return sendXml(
      res,
      200,
      `<ListAllMyBucketsResult xmlns="${XMLNS}"><Owner><ID>sink</ID><DisplayName>sink</DisplayName></Owner><Buckets>${[
        ...buckets.values(),
      ]
        .map(
          (b) =>
            `<Bucket><Name>${xmlEscape(b.name)}</Name><CreationDate>${isoDate(b.created)}</CreationDate></Bucket>`,
        )
        .join('')}</Buckets></ListAllMyBucketsResult>`,
    )
  }
  if (key === '') return handleBucket(req, res, name, q)
  const bucket = bucketOf(name)
  if (!bucket) {
    await drain(req)
    return sendError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist.', `/${name}`)
  }
  return handleObject(req, res, bucket, key, q)
}

/** Start the sink in this process; resolves to { server, endpoint }. */
export function listen(port = 0) {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) sendError(res, 500, 'InternalError', String(error?.message ?? error))
      else res.destroy()
    })
  })
  server.keepAliveTimeout = 120_000
  server.headersTimeout = 121_000
  server.requestTimeout = 0
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () =>
      resolve({ server, endpoint: `http://127.0.0.1:${server.address().port}` }),
    )
  })
}

/** Start the sink as a child process; resolves to { endpoint, pid, stop() } once it listens. */
export async function startSink({ timeoutMs = 10_000 } = {}) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = readline.createInterface({ input: child.stdout })
  const endpoint = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the sink did not start in time')), timeoutMs)
    child.once('exit', (code) => reject(new Error(`the sink exited with code ${code}`)))
    lines.on('line', (line) => {
      const m = /^listening (\S+)/.exec(line)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
  }).catch((error) => {
    if (child.exitCode === null) process.kill(child.pid, 'SIGKILL')
    throw error
  })
  return {
    endpoint,
    pid: child.pid,
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        process.kill(child.pid, 'SIGTERM')
        setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null)
            process.kill(child.pid, 'SIGKILL')
        }, 3000).unref()
      })
    },
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--port')
  const { server, endpoint } = await listen(at > 0 ? Number(process.argv[at + 1]) : 0)
  console.log(`listening ${endpoint}`)
  const stop = () => {
    server.closeAllConnections()
    server.close(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

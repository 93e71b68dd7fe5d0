// A latency-injecting, counting HTTP proxy for the benchmark. It sits on 127.0.0.1 in front of an S3
// endpoint (moto or the sink), holds every request for the configured round-trip time before forwarding
// it (real S3 is tens of milliseconds away, and that is where a client's concurrency pays), and counts
// requests by S3 operation and body bytes both ways. Bodies are streamed, never buffered; keep-alive on
// both sides; no limit on concurrent connections.
import http from 'node:http'
import { mulberry32 } from './site.mjs'

/** The S3 operation of a path-style request (`/bucket` or `/bucket/key`). */
export function operation(method, url, headers) {
  const q = url.searchParams
  const path = url.pathname
  const slash = path.indexOf('/', 1)
  const hasKey = slash > 0 && slash < path.length - 1
  if (path === '/' || path === '') return method === 'GET' ? 'ListBuckets' : 'other'
  if (!hasKey) {
    if (method === 'GET' && q.get('list-type') === '2') return 'ListObjectsV2'
    if (method === 'POST' && q.has('delete')) return 'DeleteObjects'
    if (
      method === 'GET' &&
      [...q.keys()].every((k) =>
        ['prefix', 'delimiter', 'marker', 'max-keys', 'encoding-type'].includes(k),
      )
    )
      return 'ListObjects'
    if (method === 'PUT' && [...q.keys()].length === 0) return 'CreateBucket'
    if (method === 'HEAD') return 'HeadBucket'
    if (method === 'GET' && q.has('location')) return 'GetBucketLocation'
    return 'other'
  }
  if (method === 'POST' && q.has('uploads')) return 'CreateMultipartUpload'
  if (method === 'POST' && q.has('uploadId')) return 'CompleteMultipartUpload'
  if (method === 'PUT' && q.has('partNumber')) return 'UploadPart'
  if (method === 'DELETE' && q.has('uploadId')) return 'AbortMultipartUpload'
  if (method === 'PUT' && headers['x-amz-copy-source']) return 'CopyObject'
  if (method === 'PUT') return 'PutObject'
  if (method === 'HEAD') return 'HeadObject'
  if (method === 'GET') return 'GetObject'
  if (method === 'DELETE') return 'DeleteObject'
  return 'other'
}

/** The CloudFront operation of a REST request (`/2020-05-31/distribution/ID/config`...). */
export function cloudFrontOperation(method, url) {
  const parts = url.pathname.split('/').filter(Boolean).slice(1)
  const [kind, id, sub, subId] = parts
  const names = {
    distribution: 'Distribution',
    'origin-access-control': 'OriginAccessControl',
    'cache-policy': 'CachePolicy',
    function: 'Function',
    'key-group': 'KeyGroup',
    'public-key': 'PublicKey',
  }
  const noun = names[kind]
  if (kind === 'tagging') return method === 'GET' ? 'ListTagsForResource' : 'TagResource'
  if (kind === 'conflicting-alias') return 'ListConflictingAliases'
  if (!noun) return `${method} ${kind ?? '/'}`
  if (id === undefined) {
    if (method === 'GET') return `List${noun === 'CachePolicy' ? 'CachePolicie' : noun}s`
    if (method === 'POST')
      return url.searchParams.has('WithTags') ? `Create${noun}WithTags` : `Create${noun}`
  }
  if (sub === undefined) {
    if (method === 'GET') return `Get${noun}`
    if (method === 'DELETE') return `Delete${noun}`
    if (method === 'PUT') return `Update${noun}`
  }
  if (sub === 'config') return method === 'PUT' ? `Update${noun}` : `Get${noun}Config`
  if (sub === 'invalidation')
    return method === 'POST'
      ? 'CreateInvalidation'
      : subId
        ? 'GetInvalidation'
        : 'ListInvalidations'
  if (sub === 'describe') return `Describe${noun}`
  if (sub === 'publish') return `Publish${noun}`
  return `${method} ${kind}/${sub ?? ''}`
}

function emptyStats() {
  return {
    requests: 0,
    ops: {},
    /** Responses with status >= 400, by operation. */
    errors: {},
    /** Request body bytes (client to server). */
    bytesSent: 0,
    /** Response body bytes (server to client). */
    bytesReceived: 0,
    /** Most requests in flight at once (after the delay). */
    maxInFlight: 0,
    /** PUTs answered 503 SlowDown by the proxy itself (--slowdown). */
    slowDowns: 0,
  }
}

/**
 * Start the proxy. `latencyMs` is added once per request (the whole round trip), before forwarding.
 * `classify(method, url, headers)` names a request's operation (S3 by default; cloudFrontOperation for
 * a CloudFront endpoint).
 * @param {{ upstream: string, latencyMs?: number, classify?: typeof operation }} options
 */
export async function startProxy({
  upstream,
  latencyMs = 20,
  classify = operation,
  slowDown = 0,
  seed = 1,
}) {
  // S3's throttling, modelled: this share of PUTs (uploads and parts) answered 503 SlowDown, unsent.
  const random = mulberry32(seed)
  const target = new URL(upstream)
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 })
  let latency = latencyMs
  let stats = emptyStats()
  let inFlight = 0

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy')
    const op = classify(req.method ?? 'GET', url, req.headers)
    const s = stats
    s.requests++
    s.ops[op] = (s.ops[op] ?? 0) + 1
    req.pause()
    if (slowDown > 0 && req.method === 'PUT' && random() < slowDown) {
      s.errors[op] = (s.errors[op] ?? 0) + 1
      s.slowDowns++
      const answer = () => {
        req.resume()
        req.on('end', () => {
          res.writeHead(503, { 'content-type': 'application/xml' })
          res.end(
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
          )
        })
      }
      if (latency > 0) setTimeout(answer, latency)
      else answer()
      return
    }
    const forward = () => {
      inFlight++
      if (inFlight > s.maxInFlight) s.maxInFlight = inFlight
      let finished = false
      const done = () => {
        if (!finished) {
          finished = true
          inFlight--
        }
      }
      // The host the client signed, for the strict layer's signature check.
      const headers = {
        ...req.headers,
        host: target.host,
        'x-forwarded-host': req.headers['x-forwarded-host'] ?? req.headers.host,
      }
      // The proxy has already answered `100 Continue` to the client; the upstream gets the body at once.
      delete headers.expect
      const upstreamReq = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers,
          agent,
        },
        (upstreamRes) => {
          if ((upstreamRes.statusCode ?? 0) >= 400) s.errors[op] = (s.errors[op] ?? 0) + 1
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.rawHeaders)
          upstreamRes.on('data', (chunk) => (s.bytesReceived += chunk.length))
          upstreamRes.on('end', done)
          upstreamRes.on('error', () => {
            done()
            res.destroy()
          })
          upstreamRes.pipe(res)
        },
      )
      upstreamReq.on('error', (error) => {
        done()
        s.errors[op] = (s.errors[op] ?? 0) + 1
        if (!res.headersSent) {
          res.writeHead(502, { 'content-type': 'text/plain' })
          res.end(`proxy: ${error.message}`)
        } else res.destroy()
      })
      res.on('close', () => {
        if (!res.writableFinished) upstreamReq.destroy()
        done()
      })
      req.on('data', (chunk) => (s.bytesSent += chunk.length))
      req.pipe(upstreamReq)
      req.resume()
    }
    if (latency > 0) setTimeout(forward, latency)
    else forward()
  })
  server.keepAliveTimeout = 120_000
  server.headersTimeout = 121_000
  server.requestTimeout = 0
  server.maxConnections = Infinity
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const endpoint = `http://127.0.0.1:${server.address().port}`
  return {
    endpoint,
    get latencyMs() {
      return latency
    },
    setLatency(ms) {
      latency = ms
    },
    /** The counts since the last reset (a copy). */
    stats() {
      return structuredClone(stats)
    },
    reset() {
      stats = emptyStats()
    },
    close() {
      agent.destroy()
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

// A recording HTTP proxy in front of the emulator: every request the action sends is logged with its
// method, key, query, headers and body size, in the order the proxy received them. Tests count and
// order by it. It can also inject faults: 500s, 503 SlowDown, connections reset mid-response, and
// responses slower than the client's timeout, chosen per request by a function the test gives.
import fs from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import { fileURLToPath } from 'node:url'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'

export interface Recorded {
  seq: number
  method: string
  /** Path without the query, URL-decoded. */
  path: string
  /** The request target exactly as sent (path and query, still encoded). */
  target: string
  /** Object key for path-style S3 requests (`/bucket/key`), URL-decoded; '' for bucket-level calls. */
  key: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  bytesIn: number
  status: number
  /** PUT with x-amz-copy-source: a CopyObject. */
  copySource: boolean
  /** The fault injected instead of (or on top of) forwarding, if any. */
  fault: Fault | undefined
}

/**
 * What to do to one request instead of answering it normally: a 500, a 503 SlowDown, the connection
 * cut half-way through the answer (after the upstream did the work), no answer until the client gives
 * up, an error of the test's choosing (for CloudFront paths in CloudFront's error format), or the
 * request held until a promise settles, then forwarded (to order it after other requests).
 */
export type Fault =
  '500' | '503' | 'reset' | 'slow' | { status: number; code: string } | { hold: Promise<unknown> }

export type FaultPicker = (request: {
  seq: number
  method: string
  key: string
  query: URLSearchParams
  /** A PUT with x-amz-copy-source: a CopyObject. */
  copySource: boolean
}) => Fault | undefined

/** The S3 operation a request is, enough to count by. */
export function operation(
  r: Pick<Recorded, 'method' | 'path' | 'key' | 'query' | 'copySource'>,
): string {
  const q = r.query
  if (r.method === 'GET' && r.key === '' && q.get('list-type') === '2') return 'ListObjectsV2'
  if (r.key === '' && q.has('policy'))
    return (
      { GET: 'GetBucketPolicy', PUT: 'PutBucketPolicy', DELETE: 'DeleteBucketPolicy' }[r.method] ??
      `${r.method} ?policy`
    )
  if (r.method === 'POST' && q.has('delete')) return 'DeleteObjects'
  if (r.method === 'POST' && q.has('uploads')) return 'CreateMultipartUpload'
  if (r.method === 'POST' && q.has('uploadId')) return 'CompleteMultipartUpload'
  if (r.method === 'PUT' && q.has('partNumber')) return 'UploadPart'
  if (r.method === 'DELETE' && q.has('uploadId')) return 'AbortMultipartUpload'
  if (r.method === 'PUT' && r.key !== '' && q.has('tagging')) return 'PutObjectTagging'
  if (r.method === 'DELETE' && r.key !== '' && q.has('tagging')) return 'DeleteObjectTagging'
  if (r.method === 'PUT' && r.key !== '' && r.copySource) return 'CopyObject'
  if (r.method === 'PUT' && r.key !== '') return 'PutObject'
  if (r.method === 'PUT') return 'CreateBucket'
  if (r.method === 'HEAD') return 'HeadObject'
  if (r.method === 'GET') return 'GetObject'
  if (r.method === 'DELETE') return 'DeleteObject'
  return `${r.method} ${r.path}`
}

export interface Proxy {
  endpoint: string
  requests: Recorded[]
  /** Choose faults per request; undefined answers everything normally. */
  faults: FaultPicker | undefined
  /** How long a 'slow' request is held before its connection is dropped. */
  slowMs: number
  clear(): void
  ops(): string[]
  count(op: string): number
  bytesIn(): number
  close(): Promise<void>
}

/** A small seeded PRNG (mulberry32), so a fault pattern is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SLOW_DOWN = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>`
const INTERNAL = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>`

/** The test certificate for 127.0.0.1 (see __tests__/fixtures/tls/README.md). */
export const TLS_CERT = fileURLToPath(new URL('../fixtures/tls/cert.pem', import.meta.url))
const TLS_KEY = fileURLToPath(new URL('../fixtures/tls/key.pem', import.meta.url))

/** How long a 'slow' request is held unless a test says otherwise. */
export const DEFAULT_SLOW_MS = 3000

/** With `tls`, the proxy itself speaks HTTPS (with TLS_CERT) and forwards over plain HTTP. */
export async function startProxy(target: string, options: { tls?: boolean } = {}): Promise<Proxy> {
  const upstream = new URL(target)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  const requests: Recorded[] = []
  const held = new Set<NodeJS.Timeout>()
  let seq = 0
  const proxy: Proxy = {
    endpoint: '',
    faults: undefined,
    slowMs: DEFAULT_SLOW_MS,
    get requests() {
      return [...requests].sort((a, b) => a.seq - b.seq)
    },
    clear() {
      requests.length = 0
    },
    ops() {
      return proxy.requests.map(operation)
    },
    count(op) {
      return proxy.requests.filter((r) => operation(r) === op).length
    },
    bytesIn() {
      return requests.reduce((sum, r) => sum + r.bytesIn, 0)
    },
    close: async () => undefined,
  }
  const handler: http.RequestListener = (req, res) => {
    const mySeq = seq++
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const url = new URL(req.url ?? '/', 'http://proxy')
      const key = url.pathname.split('/').slice(2).map(decodeURIComponent).join('/')
      const method = req.method ?? ''
      const fault = proxy.faults?.({
        seq: mySeq,
        method,
        key,
        query: url.searchParams,
        copySource: req.headers['x-amz-copy-source'] !== undefined,
      })
      const record = (status: number) =>
        requests.push({
          seq: mySeq,
          method,
          path: decodeURIComponent(url.pathname),
          target: req.url ?? '',
          key,
          query: url.searchParams,
          headers: req.headers,
          bytesIn: body.length,
          status,
          copySource: req.headers['x-amz-copy-source'] !== undefined,
          fault,
        })
      if (fault === '500' || fault === '503') {
        record(Number(fault))
        res.writeHead(Number(fault), { 'content-type': 'application/xml' })
        res.end(fault === '503' ? SLOW_DOWN : INTERNAL)
        return
      }
      if (typeof fault === 'object' && 'status' in fault) {
        record(fault.status)
        const error = `<Error><Type>Sender</Type><Code>${fault.code}</Code><Message>${fault.code} (injected)</Message></Error>`
        const cloudfront = url.pathname.startsWith('/2020-05-31/')
        res.writeHead(fault.status, { 'content-type': 'text/xml' })
        res.end(
          `<?xml version="1.0"?>${cloudfront ? `<ErrorResponse>${error}<RequestId>x</RequestId></ErrorResponse>` : error}`,
        )
        return
      }
      if (fault === 'slow') {
        record(0)
        const timer = setTimeout(() => {
          held.delete(timer)
          req.socket.destroy()
        }, proxy.slowMs)
        held.add(timer)
        return
      }
      const forward = () =>
        http.request(
          {
            host: upstream.hostname,
            port: upstream.port,
            method,
            path: req.url,
            // The host the client signed, for the strict layer's signature check.
            headers: {
              ...req.headers,
              host: upstream.host,
              'x-forwarded-host': req.headers['x-forwarded-host'] ?? req.headers.host,
            },
            agent,
          },
          (upstreamRes) => {
            const status = upstreamRes.statusCode ?? 502
            if (fault === 'reset') {
              // The upstream did the work; the client sees its connection cut part-way through the answer.
              const parts: Buffer[] = []
              upstreamRes.on('data', (c: Buffer) => parts.push(c))
              upstreamRes.on('end', () => {
                record(status)
                const answer = Buffer.concat(parts)
                res.writeHead(status, {
                  ...upstreamRes.headers,
                  'content-length': String(answer.length || 1),
                })
                res.write(answer.subarray(0, Math.floor(answer.length / 2)))
                req.socket.destroy()
              })
              return
            }
            res.writeHead(status, upstreamRes.headers)
            upstreamRes.pipe(res)
            upstreamRes.on('end', () => record(status))
          },
        )
      const send = () => {
        const request = forward()
        request.on('error', (error) => {
          res.writeHead(502)
          res.end(String(error))
        })
        request.end(body)
      }
      if (typeof fault === 'object') void fault.hold.then(send, send)
      else send()
    })
  }
  const server = options.tls
    ? https.createServer(
        { cert: fs.readFileSync(TLS_CERT), key: fs.readFileSync(TLS_KEY) },
        handler,
      )
    : http.createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const scheme = options.tls ? 'https' : 'http'
  proxy.endpoint = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`
  proxy.close = () => {
    for (const timer of held) clearTimeout(timer)
    agent.destroy()
    server.closeAllConnections()
    return new Promise((resolve) => server.close(() => resolve()))
  }
  return proxy
}

/**
 * A recording proxy in front of the emulator for the tests of one file: started before them and stopped
 * after them. The returned object stands for the proxy once it runs.
 */
export function useProxy(target: () => string, options: { tls?: boolean } = {}): Proxy {
  let current: Proxy | undefined
  beforeAll(async () => {
    current = await startProxy(target(), options)
  })
  afterAll(async () => {
    await current?.close()
  })
  return new globalThis.Proxy({} as Proxy, {
    get: (_, name) => {
      if (!current) throw new Error('the proxy is used before it started')
      const value = Reflect.get(current, name, current) as unknown
      return typeof value === 'function' ? (value.bind(current) as unknown) : value
    },
    set: (_, name, value) => Reflect.set(current!, name, value),
  })
}

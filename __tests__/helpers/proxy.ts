// A recording HTTP proxy in front of the emulator: every request the action sends is logged with its
// method, key, query and body size, in the order the proxy received them. Tests count and order by it.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Recorded {
  seq: number
  method: string
  /** Path without the query, URL-decoded. */
  path: string
  /** Object key for path-style S3 requests (`/bucket/key`), URL-decoded; '' for bucket-level calls. */
  key: string
  query: URLSearchParams
  bytesIn: number
  status: number
  /** PUT with x-amz-copy-source: a CopyObject. */
  copySource: boolean
}

/** The S3 operation a request is, enough to count by. */
export function operation(r: Recorded): string {
  const q = r.query
  if (r.method === 'GET' && r.key === '' && q.get('list-type') === '2') return 'ListObjectsV2'
  if (r.method === 'POST' && q.has('delete')) return 'DeleteObjects'
  if (r.method === 'POST' && q.has('uploads')) return 'CreateMultipartUpload'
  if (r.method === 'POST' && q.has('uploadId')) return 'CompleteMultipartUpload'
  if (r.method === 'PUT' && q.has('partNumber')) return 'UploadPart'
  if (r.method === 'DELETE' && q.has('uploadId')) return 'AbortMultipartUpload'
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
  clear(): void
  ops(): string[]
  count(op: string): number
  bytesIn(): number
  close(): Promise<void>
}

export async function startProxy(target: string): Promise<Proxy> {
  const upstream = new URL(target)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  const requests: Recorded[] = []
  let seq = 0
  const server = http.createServer((req, res) => {
    const mySeq = seq++
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const url = new URL(req.url ?? '/', 'http://proxy')
      const parts = url.pathname.split('/')
      const key = parts.slice(2).map(decodeURIComponent).join('/')
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
          agent,
        },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers)
          upstreamRes.pipe(res)
          upstreamRes.on('end', () => {
            requests.push({
              seq: mySeq,
              method: req.method ?? '',
              path: decodeURIComponent(url.pathname),
              key,
              query: url.searchParams,
              bytesIn: body.length,
              status: upstreamRes.statusCode ?? 0,
              copySource: req.headers['x-amz-copy-source'] !== undefined,
            })
          })
        },
      )
      forward.on('error', (error) => {
        res.writeHead(502)
        res.end(String(error))
      })
      forward.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const sorted = () => [...requests].sort((a, b) => a.seq - b.seq)
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get requests() {
      return sorted()
    },
    clear() {
      requests.length = 0
    },
    ops() {
      return sorted().map(operation)
    },
    count(op) {
      return sorted().filter((r) => operation(r) === op).length
    },
    bytesIn() {
      return requests.reduce((sum, r) => sum + r.bytesIn, 0)
    },
    close() {
      agent.destroy()
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

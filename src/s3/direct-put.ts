/**
 * A lean path for the requests a deploy makes thousands of times: PutObject of a small file or of a
 * multipart part, and CopyObject of an object onto itself (new headers, same bytes).
 * The SDK spends ~1.2 ms of CPU on each (middleware, schema serialization, endpoint rules), which makes
 * a deploy of 3,000 files CPU-bound; this path signs as the SDK does (./sigv4.ts) with the SDK's own
 * credentials and sends with the SDK's own connection pool, to the endpoint and region the SDK itself
 * used for its first listing or PUT.
 *
 * It only ever takes the happy path: any answer but 200, any network error or timeout, returns
 * `undefined`, and the caller sends the same request through the SDK, which owns retries, redirects,
 * throttling and error messages. Both requests are idempotent, so sending one again is always safe.
 */
import { createHash } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import type { AwsCredentialIdentity } from '@smithy/types'
import { encodeKey } from '../core/keys.js'
import { canonicalQuery, signRequest } from './sigv4.js'

/** Where the SDK sent a successful request for this bucket, and the region it signed it for. */
export interface Endpoint {
  protocol: 'http:' | 'https:'
  hostname: string
  port: number | undefined
  /** The path up to the key: `/bucket` (path style) or `` (virtual host). */
  basePath: string
  region: string
}

/** The SDK's request as it went out (signed): enough to tell the endpoint and the signing region. */
export interface SeenRequest {
  protocol?: string
  hostname?: string
  port?: number
  path?: string
  headers?: Record<string, string>
}

/**
 * Read the endpoint from a signed request for `bucket`: a ListObjectsV2 (no `key`), or a PutObject of
 * `key`. Undefined when it was not plain SigV4 (S3 Express, SigV4a...) or its path is not one of the two
 * S3 layouts: then nothing is sent directly.
 */
export function endpointOf(
  request: SeenRequest,
  bucket: string,
  key?: string,
): Endpoint | undefined {
  const { protocol, hostname } = request
  let path = request.path
  if (key !== undefined && path !== undefined) {
    const tail = `/${encodeKey(key)}`
    if (!path.endsWith(tail)) return undefined
    path = path.slice(0, -tail.length)
  }
  if ((protocol !== 'http:' && protocol !== 'https:') || !hostname || path === undefined)
    return undefined
  const authorization =
    request.headers?.['authorization'] ?? request.headers?.['Authorization'] ?? ''
  const scope = /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/([^/]+)\/s3\/aws4_request,/.exec(
    authorization,
  )
  if (!scope) return undefined
  const trimmed = path.replace(/\/+$/, '')
  const basePath = trimmed === '' ? '' : trimmed === `/${encodeKey(bucket)}` ? trimmed : undefined
  if (basePath === undefined) return undefined
  return { protocol, hostname, port: request.port, basePath, region: scope[1]! }
}

/** The most of an answer's body kept (a copy's answer is a few hundred bytes). */
const MAX_BODY = 64 * 1024

function sha256Hex(chunks: readonly Buffer[]): string {
  const hash = createHash('sha256')
  for (const chunk of chunks) hash.update(chunk)
  return hash.digest('hex')
}

/**
 * Whether a request body's SHA-256 goes into its signature. Not over TLS (`UNSIGNED-PAYLOAD`): TLS
 * protects the bytes in transit and Content-MD5 lets S3 reject a damaged body, as the AWS CLI does.
 * Over plain HTTP (an emulator, a MinIO on the local network) yes, so nothing on the way can swap them.
 */
export function signsPayload(protocol: string | undefined): boolean {
  return protocol !== 'https:'
}

export interface DirectPutOptions {
  endpoint: Endpoint
  credentials: () => Promise<AwsCredentialIdentity>
  agents: { http: http.Agent; https: https.Agent }
  timeoutMs: number
}

export class DirectPut {
  /**
   * After a direct PUT got no answer in time, or an answer that would hold for every PUT (3xx, 4xx),
   * every PUT goes through the SDK (with its retries, redirects and clock correction).
   */
  private gaveUp = false

  constructor(private readonly options: DirectPutOptions) {}

  /**
   * PUT the body (`chunks`, sent one after the other) at `key` (the whole object key) with these
   * headers (Content-MD5 among them), and this query (a part: `partNumber` and `uploadId`). Returns the
   * ETag on 200; undefined on anything else, for the caller to send it through the SDK instead.
   */
  async put(
    key: string,
    chunks: readonly Buffer[],
    headers: Record<string, string>,
    query: Readonly<Record<string, string>> = {},
  ): Promise<string | undefined> {
    const answer = await this.send(key, chunks, headers, query, false)
    return answer?.status === 200 ? answer.etag : undefined
  }

  /**
   * CopyObject of an object onto itself with new headers (`x-amz-metadata-directive: REPLACE`):
   * `copySource` is the `x-amz-copy-source` value. Returns the new ETag (quoted, as S3 gives it) on a
   * 200 whose body is a CopyObjectResult; undefined on anything else, an error in a 200's body
   * included (S3 may fail a copy after it has sent its status), for the SDK to send it instead.
   */
  async copy(
    key: string,
    copySource: string,
    headers: Record<string, string>,
  ): Promise<string | undefined> {
    const answer = await this.send(
      key,
      [],
      { ...headers, 'x-amz-copy-source': copySource, 'x-amz-metadata-directive': 'REPLACE' },
      {},
      true,
    )
    if (answer?.status !== 200) return undefined
    const result =
      /^\s*(?:<\?xml[^>]*\?>\s*)?<CopyObjectResult[\s>][\s\S]*?<ETag>([^<]+)<\/ETag>/.exec(
        answer.body,
      )
    // An ETag is hex and quotes: `&quot;` is the only entity it can hold.
    return result ? result[1]!.replace(/&quot;/g, '"') : undefined
  }

  private async send(
    key: string,
    chunks: readonly Buffer[],
    headers: Record<string, string>,
    query: Readonly<Record<string, string>>,
    readBody: boolean,
  ): Promise<{ status: number; etag: string | undefined; body: string } | undefined> {
    const length = chunks.reduce((sum, c) => sum + c.length, 0)
    if (this.gaveUp) return undefined
    const { endpoint } = this.options
    const host = endpoint.port ? `${endpoint.hostname}:${endpoint.port}` : endpoint.hostname
    const search = canonicalQuery(query)
    const path = `${endpoint.basePath}/${encodeKey(key)}`
    let signed: Record<string, string>
    try {
      // Signed as the SDK signs it (src/sigv4.ts; unit/sigv4.test.ts compares the two), with the SDK's
      // credentials (refreshed by its provider when they expire).
      signed = signRequest({
        method: 'PUT',
        host,
        path,
        query,
        headers: { ...headers, 'content-length': String(length) },
        payloadHash: signsPayload(endpoint.protocol) ? sha256Hex(chunks) : 'UNSIGNED-PAYLOAD',
        region: endpoint.region,
        credentials: await this.options.credentials(),
        now: new Date(),
      })
    } catch {
      return undefined // no credentials, say: the SDK will say so properly
    }
    return new Promise((resolve) => {
      const transport = endpoint.protocol === 'https:' ? https : http
      const request = transport.request(
        {
          method: 'PUT',
          hostname: endpoint.hostname,
          port: endpoint.port,
          path: search ? `${path}?${search}` : path,
          headers: signed,
          agent:
            endpoint.protocol === 'https:' ? this.options.agents.https : this.options.agents.http,
          timeout: this.options.timeoutMs,
        },
        (response) => {
          response.on('error', () => resolve(undefined))
          // A PUT's answer is empty and a copy's a few hundred bytes; whatever comes is drained, so
          // the socket is reused.
          let body = ''
          if (readBody) {
            response.setEncoding('utf8')
            response.on('data', (text: string) => {
              if (body.length < MAX_BODY) body += text
            })
          } else response.resume()
          response.on('end', () => {
            const status = response.statusCode ?? 0
            // A redirect or a refusal (a clock the SDK would correct, a signature or permission
            // problem) holds for every PUT: from now on they all go through the SDK. A 5xx may pass.
            if (status >= 300 && status < 500) this.gaveUp = true
            const etag = response.headers.etag
            resolve({ status, etag: typeof etag === 'string' ? etag : undefined, body })
          })
        },
      )
      request.on('timeout', () => {
        this.gaveUp = true
        request.destroy(new Error('timeout'))
      })
      request.on('error', () => resolve(undefined))
      for (const chunk of chunks) request.write(chunk)
      request.end()
    })
  }
}

// Test-side access to the strict layer's edge and KeyValueStore data plane.
//   viewerGet(distributionId, path, options): what a viewer gets from a distribution, through
//     {layer}/strict-edge/<id><path> (scripts/strict-aws/edge.mjs): status, lower-case headers, bytes.
//     node:http, not fetch: fetch adds its own Accept-Encoding and decompresses bodies, and cannot
//     set Host.
//   kvsClient(): the real @aws-sdk/client-cloudfront-keyvaluestore client (SigV4A) pointed at the
//     layer. The SDK's endpoint rules put the store's account id in front of a custom endpoint's
//     host (http://127.0.0.1:P becomes http://123456789012.127.0.0.1:P, an invalid URL), so the
//     layer is addressed as http://localhost:P and an agent resolves every *.localhost to loopback.
//     kvsEndpoint() is that URL, for AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE.
import '@aws-sdk/signature-v4a'
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import dns from 'node:dns'
import http from 'node:http'
import { inject } from 'vitest'

export interface ViewerResponse {
  status: number
  /** Lower-case names; repeated headers joined with ", " (Set-Cookie lines with "\n"). */
  headers: Record<string, string>
  body: Buffer
}

export interface ViewerOptions {
  /** The viewer's Host (default: the distribution's own *.cloudfront.net name). */
  host?: string
  acceptEncoding?: string
  method?: 'GET' | 'HEAD'
  /** Any other viewer request headers (cookie, user-agent, ...). */
  headers?: Record<string, string>
}

/** What a viewer gets from `distributionId` for `path` (which may carry a query string). */
export function viewerGet(
  distributionId: string,
  path: string,
  options: ViewerOptions = {},
  endpoint: string = inject('awsEndpoint'),
): Promise<ViewerResponse> {
  const target = new URL(`/strict-edge/${distributionId}${path}`, endpoint)
  const headers: Record<string, string> = { ...options.headers }
  if (options.host !== undefined) headers['x-strict-edge-host'] = options.host
  if (options.acceptEncoding !== undefined) headers['accept-encoding'] = options.acceptEncoding
  return new Promise((resolve, reject) => {
    const request = http.request(
      target,
      { method: options.method ?? 'GET', headers, agent: false, timeout: 10_000 },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', reject)
        response.on('end', () => {
          const flat: Record<string, string> = {}
          for (const [name, value] of Object.entries(response.headers)) {
            if (value === undefined) continue
            flat[name] = Array.isArray(value)
              ? value.join(name === 'set-cookie' ? '\n' : ', ')
              : value
          }
          resolve({ status: response.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) })
        })
      },
    )
    request.on('timeout', () => request.destroy(new Error(`viewerGet ${path}: timed out`)))
    request.on('error', reject)
    request.end()
  })
}

/** *.localhost (the account-prefixed endpoint host) is loopback; anything else resolves normally. */
const lookup: NonNullable<http.AgentOptions['lookup']> = (hostname, options, callback) => {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }])
    else callback(null, '127.0.0.1', 4)
    return
  }
  dns.lookup(hostname, options, callback)
}

/** The layer's URL as the KeyValueStore client must be given it (see above). */
export function kvsEndpoint(endpoint: string = inject('awsEndpoint')): string {
  const url = new URL(endpoint)
  return `${url.protocol}//localhost:${url.port}`
}

/**
 * The real KeyValueStore client against the layer. `endpoint: 'env'` leaves the endpoint to
 * AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE (set it to kvsEndpoint()).
 */
export function kvsClient(endpoint: string = kvsEndpoint()): CloudFrontKeyValueStoreClient {
  return new CloudFrontKeyValueStoreClient({
    region: 'us-east-1',
    ...(endpoint === 'env' ? {} : { endpoint }),
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      httpAgent: new http.Agent({ keepAlive: true, lookup }),
      requestTimeout: 10_000,
    }),
  })
}

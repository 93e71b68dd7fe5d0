/**
 * The one exception to "every request through the SDK's command stack" (issue 17 allows it when
 * measured): PutObject of a small file, signed with the S3 client's own signer and sent through its
 * own request handler, so credentials, clock correction, the connection pool, proxies and timeouts stay
 * the SDK's. What it skips is the command's middleware stack (serialization, endpoint rules, checksum,
 * retry and logging middleware), about half the client's CPU per PUT.
 *
 * Why (bench/results/2026-12-06-50ms-transport.md, 10,000 files, 50 ms, 2 cores): with adaptive
 * concurrency, the SDK's CPU per PUT is what caps a first deploy (more requests in flight stop paying
 * at 64); this path lets it go higher. The figure is in the results file and docs/benchmarks.md.
 *
 * It takes only the happy path: anything but a 200 (or no answer) returns undefined and the caller
 * sends the same PUT through the SDK, which owns retries, redirects, throttling and error messages.
 * A PUT is idempotent, so sending it again is safe. It is used only once the SDK itself has put an
 * object of this bucket: the endpoint, path style and signing region are the ones that request used.
 */
import type { S3Client, ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-s3'
import { HttpRequest } from '@smithy/core/protocols'
import type { DeserializeMiddleware, HttpResponse, RequestSigner } from '@smithy/types'
import { encodeKey } from '../core/keys.js'
import { reportRefusal } from './refusals.js'
import { signsPayload } from './requests.js'

/** Where the SDK sent a successful PutObject of this bucket, and the region it signed it for. */
interface Endpoint {
  protocol: string
  hostname: string
  port: number | undefined
  /** The path before the key: `/bucket` (path style) or empty (virtual host). */
  basePath: string
  region: string
}

/** The parts of the client's resolved config this path uses. */
interface ClientParts {
  signer: () => Promise<RequestSigner>
  systemClockOffset?: number
  requestHandler: { handle(request: HttpRequest): Promise<{ response: HttpResponse }> }
}

const learned = new WeakMap<S3Client, Endpoint>()

/** The region in a SigV4 Authorization header's credential scope. */
export function signedRegion(authorization: string | undefined): string | undefined {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\/s3\/aws4_request/.exec(authorization ?? '')?.[1]
}

/**
 * Learn the endpoint from the SDK's own successful PutObject: its protocol, host, the path before the
 * key and the signing region. Added to the client's stack at creation (client.ts).
 */
export function learnEndpoint(
  client: S3Client,
): DeserializeMiddleware<ServiceInputTypes, ServiceOutputTypes> {
  return (next, context) => async (args) => {
    const result = await next(args)
    if (context.commandName !== 'PutObjectCommand' || learned.has(client)) return result
    const request = args.request as HttpRequest
    const response = result.response as HttpResponse | undefined
    const key = (args.input as { Key?: string }).Key
    const region = signedRegion(request.headers?.['authorization'])
    const suffix = key === undefined ? undefined : `/${encodeKey(key)}`
    if (
      response?.statusCode === 200 &&
      region &&
      suffix &&
      request.path.endsWith(suffix) &&
      // The SDK names the operation in the query (x-id=PutObject); nothing else may be there.
      Object.keys(request.query ?? {}).every((name) => name === 'x-id')
    )
      learned.set(client, {
        protocol: request.protocol,
        hostname: request.hostname,
        port: request.port,
        basePath: request.path.slice(0, -suffix.length),
        region,
      })
    return result
  }
}

export class PutTransport {
  /** A redirect or refusal (4xx) holds for every PUT: from then on they all go through the SDK. */
  private gaveUp = false
  private signer: Promise<RequestSigner> | undefined

  constructor(private readonly client: S3Client) {}

  /**
   * PUT `body` at `objectKey` with these headers (Content-MD5 among them). The ETag on a 200;
   * undefined otherwise, for the caller to send it through the SDK.
   */
  async put(
    objectKey: string,
    body: Buffer,
    headers: Record<string, string>,
  ): Promise<string | undefined> {
    const endpoint = learned.get(this.client)
    if (!endpoint || this.gaveUp) return undefined
    const config = this.client.config as unknown as ClientParts
    const sentAt = performance.now()
    let response: HttpResponse
    try {
      const request = new HttpRequest({
        method: 'PUT',
        protocol: endpoint.protocol,
        hostname: endpoint.hostname,
        port: endpoint.port,
        path: `${endpoint.basePath}/${encodeKey(objectKey)}`,
        query: {},
        headers: {
          ...headers,
          host: endpoint.port ? `${endpoint.hostname}:${endpoint.port}` : endpoint.hostname,
          'content-length': String(body.length),
          // Over plain HTTP the signer hashes the payload itself (signsPayload).
          ...(signsPayload(endpoint.protocol)
            ? {}
            : { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }),
        },
        body,
      })
      this.signer ??= config.signer()
      const signed = await (
        await this.signer
      ).sign(request, {
        signingDate: new Date(Date.now() + (config.systemClockOffset ?? 0)),
        signingRegion: endpoint.region,
        signingService: 's3',
      })
      response = (await config.requestHandler.handle(signed as HttpRequest)).response
    } catch (error) {
      if ((error as { name?: unknown } | undefined)?.name === 'TimeoutError')
        reportRefusal(this.client, sentAt, 'timeouts')
      return undefined
    }
    const status = response.statusCode
    if (status === 503 || status === 429) reportRefusal(this.client, sentAt, 'throttled')
    else if (status >= 300 && status < 500) this.gaveUp = true
    try {
      // Drained to the end, so the handler can reuse the socket.
      const stream = response.body as AsyncIterable<unknown> | undefined
      if (stream) for await (const chunk of stream) void chunk
    } catch {
      return undefined
    }
    return status === 200 ? (response.headers['etag'] ?? response.headers['ETag']) : undefined
  }
}

/**
 * The S3 SDK client: region and endpoint, retries, timeouts that fire, a connection pool sized to the
 * concurrency, and which requests carry a checksum.
 */
import { S3Client, type ServiceInputTypes, type ServiceOutputTypes } from '@aws-sdk/client-s3'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { BuildMiddleware, FinalizeRequestMiddleware } from '@smithy/types'
import { refusalKind } from '../core/errors.js'
import { AUTO_CEILING } from '../core/concurrency.js'
import { learnEndpoint } from './put-transport.js'
import { reportRefusal } from './refusals.js'
import { signsPayload } from './requests.js'

export interface ClientOptions {
  region: string
  /** A custom endpoint (R2, MinIO, an emulator); undefined for AWS. */
  endpoint: string | undefined
  /** Requests in flight at most: the size of the connection pool (auto: its ceiling). */
  concurrency: number | 'auto'
  /** How long a socket may stay silent before the attempt fails (default 60). */
  requestTimeoutSeconds?: number
}

export function createS3Client(options: ClientOptions): S3Client {
  // The handler builds its keep-alive pools from these options, one socket per request in flight.
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.concurrency === 'auto' ? AUTO_CEILING : options.concurrency,
  }
  const timeoutMs = (options.requestTimeoutSeconds ?? 60) * 1000
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    // Custom endpoints (R2, MinIO, emulators) are reached by path: virtual hosts need DNS they rarely have.
    forcePathStyle: options.endpoint !== undefined,
    // Content-MD5 is sent where it protects the bytes; the SDK's own CRC trailers are sent only where an
    // operation requires a checksum (several S3-compatible stores reject them).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // concurrency: auto adapts the requests in flight itself (core/concurrency.ts), so the SDK only
    // retries: its adaptive mode rate-limits the client to the rate it measured of its own requests,
    // which, with small PUTs sent by the transport, is the few that fell back to it (with 5% of PUTs
    // answered SlowDown, a 10,000-file deploy went from 15 to 52-82 s at 50 ms). A fixed concurrency
    // keeps the SDK's adaptive mode.
    retryMode: options.concurrency === 'auto' ? 'standard' : 'adaptive',
    maxAttempts: 6,
    requestHandler: new NodeHttpHandler({
      httpAgent: agentOptions,
      httpsAgent: agentOptions,
      connectionTimeout: 10_000,
      // A socket silent this long (no byte either way) fails the attempt with a TimeoutError, which the
      // SDK retries. (The handler's requestTimeout would only log a warning: it is left unset.)
      socketTimeout: timeoutMs,
    }),
    // Resolve each command's middleware once, not per request (~0.3 ms of CPU each: a deploy of 3,000
    // files is CPU-bound in the SDK). Nothing here changes a stack after the first request.
    cacheMiddleware: true,
  })
  client.middlewareStack.add(unsignedPayloadOverTls, {
    step: 'build',
    name: 'cdnPublishUnsignedPayload',
  })
  // Inside the SDK's retries, so each attempt is seen: adaptive concurrency backs off on a 503 SlowDown
  // even when the retry that follows succeeds.
  const watchAttempts: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> =
    (next) => async (args) => {
      const sentAt = performance.now()
      try {
        return await next(args)
      } catch (error) {
        const kind = refusalKind(error)
        if (kind) reportRefusal(client, sentAt, kind)
        throw error
      }
    }
  client.middlewareStack.addRelativeTo(watchAttempts, {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: 'cdnPublishWatchAttempts',
  })
  client.middlewareStack.add(learnEndpoint(client), {
    step: 'deserialize',
    name: 'cdnPublishLearnEndpoint',
  })
  return client
}

/** Commands whose body this action always sends with Content-MD5 (which S3 checks): files and parts. */
const CONTENT_COMMANDS = new Set(['PutObjectCommand', 'UploadPartCommand'])

/**
 * The SDK's requests with a body follow signsPayload's rule: over HTTPS the header says
 * `UNSIGNED-PAYLOAD`; over plain HTTP it is left out and the SDK's signer hashes the body itself.
 */
const unsignedPayloadOverTls: BuildMiddleware<ServiceInputTypes, ServiceOutputTypes> =
  (next, context) => (args) => {
    const request = args.request as { protocol?: string; headers?: Record<string, string> }
    if (
      CONTENT_COMMANDS.has(context.commandName ?? '') &&
      !signsPayload(request.protocol) &&
      request.headers
    )
      request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD'
    return next(args)
  }

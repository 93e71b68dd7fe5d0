/**
 * The seam to the direct PUT path (./direct-put.ts): the only module that imports it. The store sees a
 * `DirectPath`, which gives nothing until the endpoint is known, then a `FastPath`; every caller falls
 * back to the SDK when it gives nothing. Dropping the direct path means `directPath` returning
 * `() => undefined` (and `signsPayload` defined here): nothing else changes.
 */
import type { S3Client, ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-s3'
import type { DeserializeMiddleware } from '@smithy/types'
import { DirectPut, endpointOf, type SeenRequest } from './direct-put.js'
import type { Connections } from './client.js'

export { signsPayload } from './direct-put.js'

/** PUTs and copies sent without the SDK; `undefined` means "send it through the SDK". */
export interface FastPath {
  /** PutObject (or UploadPart, with `query`) of `chunks` at the object key; the ETag on success. */
  put(
    key: string,
    chunks: readonly Buffer[],
    headers: Record<string, string>,
    query?: Readonly<Record<string, string>>,
  ): Promise<string | undefined>
  /** CopyObject of the key onto itself with these headers; the new ETag on success. */
  copy(
    key: string,
    copySource: string,
    headers: Record<string, string>,
  ): Promise<string | undefined>
}

/** The fast path once known, else undefined. */
export type DirectPath = () => FastPath | undefined

/**
 * Learn the endpoint and signing region from the SDK's first successful listing, PUT or copy for
 * `bucket` on this client; from then on small files, parts and header copies can go directly, on the
 * client's own connections. Without them (a client createS3Client did not make) there is no direct path.
 */
export function directPath(
  client: S3Client,
  bucket: string,
  connections: Connections | undefined,
): DirectPath {
  let direct: DirectPut | undefined
  if (connections) {
    const probe: DeserializeMiddleware<ServiceInputTypes, ServiceOutputTypes> =
      (next, context) => async (args) => {
        const result = await next(args)
        const status = (result.response as { statusCode?: number }).statusCode
        const command = context.commandName
        if (
          !direct &&
          status === 200 &&
          (command === 'ListObjectsV2Command' ||
            command === 'PutObjectCommand' ||
            command === 'CopyObjectCommand')
        ) {
          const key =
            command === 'ListObjectsV2Command' ? undefined : (args.input as { Key?: string }).Key
          const endpoint = endpointOf(args.request as SeenRequest, bucket, key)
          if (endpoint)
            direct = new DirectPut({
              endpoint,
              credentials: () => client.config.credentials(),
              agents: connections.agents,
              timeoutMs: connections.timeoutMs,
            })
        }
        return result
      }
    client.middlewareStack.add(probe, {
      step: 'deserialize',
      priority: 'low',
      name: 'cdnPublishEndpointProbe',
      override: true,
    })
  }
  return () => direct
}

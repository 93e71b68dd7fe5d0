/**
 * Reading the bucket without the SDK: the deploy state (GetObject) and the listing (ListObjectsV2),
 * signed by ./sigv4.ts (the SDK's signer package alone pulls in ~0.4 MB of the SDK's core). A no-op deploy reads and writes nothing else, so it never
 * loads the S3 SDK (~0.15 s of CPU on a 2-core runner, which the hashing needs).
 *
 * It only ever takes the happy path, like the direct PUT: any answer but the expected ones, any network
 * error or timeout, and the caller reads through the SDK instead, which owns retries, redirects,
 * region correction and error messages. It only reads: every write's endpoint comes from the SDK.
 *
 * It is used only where the SDK would send the same requests to the same place with the same keys:
 * credentials in the environment (and no AWS_PROFILE, which makes the SDK skip them), and either a
 * custom endpoint (path style, as the SDK is set up for one) or AWS's standard endpoint for a region of
 * the commercial partition and a bucket whose name works as a host name; no FIPS, dual-stack or
 * shared-config endpoint settings. Anything else is read through the SDK.
 */
import http from 'node:http'
import https from 'node:https'
import type { Endpoint } from './direct-put.js'
import { encodeKey, joinKey, listPrefix, STATE_KEY } from './keys.js'
import { parseListPage, type ListPage } from './list-page.js'
import { listObjects } from './listing.js'
import type { RemoteObject } from './plan.js'
import type { StateObject } from './s3-store.js'
import { canonicalQuery, signRequest } from './sigv4.js'
import { JOURNAL_METADATA, stateText } from './state.js'

export interface EnvCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export interface ReadAccess {
  endpoint: Endpoint
  credentials: EnvCredentials
}

type Env = Record<string, string | undefined>

/** Regions of AWS's commercial partition (`amazonaws.com`): not China, GovCloud or the ISO regions. */
const COMMERCIAL_REGION = /^(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d+$/
/** A bucket name that is a single DNS label: no dots, no `--` (directory buckets, access points). */
const HOST_BUCKET = /^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$/
/** Shared-config settings that move the SDK's S3 endpoint. */
const ENDPOINT_SETTINGS =
  /^\s*(endpoint_url|use_fips_endpoint|use_dualstack_endpoint|services)\s*=/m

function truthy(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '' && value.trim().toLowerCase() !== 'false'
}

/**
 * Where and with which keys the SDK would read this bucket, when that is certain from the inputs and
 * the environment alone; otherwise why not (for the debug log). Pure: `sharedConfig` is the text of
 * the SDK's shared config file, if there is one.
 */
export function readAccess(
  target: { bucket: string; region: string; endpoint: string | undefined },
  env: Env,
  sharedConfig: string | undefined,
): ReadAccess | { reason: string } {
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim()
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim()
  if (!accessKeyId || !secretAccessKey)
    return { reason: 'the credentials are not in the environment' }
  if (env.AWS_PROFILE?.trim()) return { reason: 'AWS_PROFILE is set' }
  if (truthy(env.AWS_USE_FIPS_ENDPOINT) || truthy(env.AWS_USE_DUALSTACK_ENDPOINT))
    return { reason: 'a FIPS or dual-stack endpoint is asked for' }
  if (sharedConfig !== undefined && ENDPOINT_SETTINGS.test(sharedConfig))
    return { reason: 'the shared config file has endpoint settings' }
  const sessionToken = env.AWS_SESSION_TOKEN?.trim() || undefined
  const credentials = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }
  const region = target.region
  if (target.endpoint !== undefined) {
    let url: URL
    try {
      url = new URL(target.endpoint)
    } catch {
      return { reason: 'the endpoint is not a URL' }
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash)
      return { reason: 'the endpoint is not a plain http(s) URL' }
    const base = url.pathname.replace(/\/+$/, '')
    return {
      endpoint: {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port ? Number(url.port) : undefined,
        basePath: `${base}/${encodeKey(target.bucket)}`,
        region,
      },
      credentials,
    }
  }
  if (!COMMERCIAL_REGION.test(region) || region.startsWith('us-gov-'))
    return { reason: `region ${region} is not one of AWS's commercial regions` }
  if (!HOST_BUCKET.test(target.bucket) || /^\d+\.\d+\.\d+\.\d+$/.test(target.bucket))
    return { reason: 'the bucket name is not a host name' }
  return {
    endpoint: {
      protocol: 'https:',
      hostname: `${target.bucket}.s3.${region}.amazonaws.com`,
      port: undefined,
      basePath: '',
      region,
    },
    credentials,
  }
}

/** Why a read did not work out; the caller then reads through the SDK. */
export class LightReadError extends Error {}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

export interface LightReaderOptions {
  bucket: string
  prefix: string
  concurrency: number
  timeoutMs: number
}

export class LightReader {
  private readonly agent: http.Agent

  constructor(
    private readonly access: ReadAccess,
    private readonly options: LightReaderOptions,
  ) {
    const agentOptions = { keepAlive: true, maxSockets: options.concurrency }
    this.agent =
      access.endpoint.protocol === 'https:'
        ? new https.Agent(agentOptions)
        : new http.Agent(agentOptions)
  }

  /** Every object under the prefix (see listObjects). Throws LightReadError on anything unexpected. */
  list(known: readonly string[] = []): Promise<RemoteObject[]> {
    return listObjects(this.options.prefix, known, (input) => this.listPage(input))
  }

  /** The state object, or undefined when S3 says there is no such key. */
  async readState(): Promise<StateObject | undefined> {
    const key = joinKey(this.options.prefix, STATE_KEY)
    const answer = await this.get(`${this.access.endpoint.basePath}/${encodeKey(key)}`, {})
    if (answer.status === 404 && /<Code>NoSuchKey<\/Code>/.test(answer.body.toString('utf-8')))
      return undefined
    if (answer.status !== 200) throw unexpected('GetObject', answer)
    const modified = answer.headers['last-modified']
    const lastModified = typeof modified === 'string' ? new Date(modified) : undefined
    const etag = answer.headers.etag
    const journal = answer.headers[`x-amz-meta-${JOURNAL_METADATA}`]
    return {
      body: stateText(answer.body),
      lastModified:
        lastModified && !Number.isNaN(lastModified.getTime()) ? lastModified : undefined,
      etag: typeof etag === 'string' ? etag : undefined,
      journal: typeof journal === 'string' ? journal : undefined,
    }
  }

  /** Stop keeping connections open (the SDK takes over, or the run ends). */
  close(): void {
    this.agent.destroy()
  }

  private async listPage(input: {
    StartAfter?: string
    ContinuationToken?: string
  }): Promise<ListPage> {
    const query: Record<string, string> = {
      'list-type': '2',
      prefix: listPrefix(this.options.prefix),
    }
    if (input.ContinuationToken) query['continuation-token'] = input.ContinuationToken
    else if (input.StartAfter) query['start-after'] = input.StartAfter
    const path = this.access.endpoint.basePath || '/'
    const answer = await this.get(path, query)
    if (answer.status !== 200) throw unexpected('ListObjectsV2', answer)
    try {
      return parseListPage(answer.body.toString('utf-8'))
    } catch (error) {
      throw new LightReadError(`ListObjectsV2: the answer did not parse (${String(error)})`)
    }
  }

  private async get(
    path: string,
    query: Record<string, string>,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    const { endpoint } = this.access
    const host = endpoint.port ? `${endpoint.hostname}:${endpoint.port}` : endpoint.hostname
    const headers = signRequest({
      method: 'GET',
      host,
      path,
      query,
      payloadHash: EMPTY_SHA256,
      region: endpoint.region,
      credentials: this.access.credentials,
      now: new Date(),
    })
    const search = canonicalQuery(query)
    return new Promise((resolve, reject) => {
      const transport = endpoint.protocol === 'https:' ? https : http
      const request = transport.request(
        {
          method: 'GET',
          hostname: endpoint.hostname,
          port: endpoint.port,
          path: search ? `${path}?${search}` : path,
          headers,
          agent: this.agent,
          timeout: this.options.timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('error', (error) => reject(new LightReadError(String(error))))
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          )
        },
      )
      request.on('timeout', () =>
        request.destroy(new LightReadError(`no answer in ${this.options.timeoutMs} ms`)),
      )
      request.on('error', (error) =>
        reject(error instanceof LightReadError ? error : new LightReadError(String(error))),
      )
      request.end()
    })
  }
}

function unexpected(operation: string, answer: { status: number; body: Buffer }): LightReadError {
  const code = /<Code>([^<]*)<\/Code>/.exec(answer.body.toString('utf-8'))?.[1]
  return new LightReadError(`${operation} answered ${answer.status}${code ? ` ${code}` : ''}`)
}

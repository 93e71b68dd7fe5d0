/**
 * AWS Signature Version 4 for S3 requests, as the SDK-free reader (./light-read.ts) and the direct PUT
 * path (./direct-put.ts) need it. Headers signed: `host`, `x-amz-content-sha256`, `x-amz-date` and, with
 * temporary credentials, `x-amz-security-token`, plus those the caller adds, but for the ones the SDK's
 * signer leaves unsigned (`cache-control`...). The path is signed as sent (S3 does not encode it a second
 * time); query values are RFC 3986 encoded. Pure apart from the clock the caller passes.
 */
import { createHash, createHmac } from 'node:crypto'
import { uriEscape } from '../core/keys.js'

export interface SigningCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export interface SignInput {
  method: string
  /** `host[:port]` as sent in the Host header. */
  host: string
  /** The path as sent, already percent-encoded. */
  path: string
  query: Readonly<Record<string, string>>
  /** Further headers to sign (lower-case names). */
  headers?: Readonly<Record<string, string>>
  /** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`. */
  payloadHash: string
  region: string
  service?: string
  credentials: SigningCredentials
  now: Date
}

/** The query string as sent and as signed: names sorted, names and values encoded. */
export function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .map((name) => [uriEscape(name), uriEscape(query[name]!)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
}

/**
 * Headers left out of the signature, as the SDK's signer leaves them out (proxies and clients may
 * change them on the way): they are sent, not signed.
 */
const UNSIGNED_HEADERS = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
])

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf-8').digest()
}

/** The last signing key derived: it holds for a day, a region and a service (four HMACs saved a request). */
let lastKey: { id: string; key: Buffer } | undefined

function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = `${day}/${region}/${service}/${secret}`
  if (lastKey?.id !== id)
    lastKey = {
      id,
      key: hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request'),
    }
  return lastKey.key
}

/** The headers to send, `authorization` among them. */
export function signRequest(input: SignInput): Record<string, string> {
  const service = input.service ?? 's3'
  const amzDate = input.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
  const day = amzDate.slice(0, 8)
  const headers: Record<string, string> = {
    ...input.headers,
    host: input.host,
    'x-amz-content-sha256': input.payloadHash,
    'x-amz-date': amzDate,
  }
  if (input.credentials.sessionToken)
    headers['x-amz-security-token'] = input.credentials.sessionToken
  const names = Object.keys(headers)
    .map((name) => name.toLowerCase())
    .filter((name) => !UNSIGNED_HEADERS.has(name))
    .sort()
  const lower = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  )
  const canonicalHeaders = names
    .map((name) => `${name}:${lower[name]!.trim().replace(/\s+/g, ' ')}\n`)
    .join('')
  const signedHeaders = names.join(';')
  const canonicalRequest = [
    input.method,
    input.path,
    canonicalQuery(input.query),
    canonicalHeaders,
    signedHeaders,
    input.payloadHash,
  ].join('\n')
  const scope = `${day}/${input.region}/${service}/aws4_request`
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest, 'utf-8').digest('hex'),
  ].join('\n')
  const key = signingKey(input.credentials.secretAccessKey, day, input.region, service)
  const signature = createHmac('sha256', key).update(stringToSign, 'utf-8').digest('hex')
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
  return headers
}

// SigV4 as S3 checks it (moto does not): the strict layer recomputes a request's signature from what
// arrived (method, the path as sent, the query, the signed headers, the x-amz-content-sha256 value)
// with the secret of a known test identity, and S3's answer to a mismatch is 403 SignatureDoesNotMatch.
// Requests of identities it does not know are passed unchecked. The payload's hash is not checked
// against the body (that would need the body before forwarding).
import { createHash, createHmac } from 'node:crypto'

/** The test identities (access key id -> secret) of the tests, the demo and the benchmarks. */
export const KNOWN_SECRETS = new Map([
  ['testing', 'testing'],
  ['demo', 'demo'],
  ['bench', 'bench'],
])

const sha256 = (text) => createHash('sha256').update(text).digest('hex')
const hmac = (key, text) => createHmac('sha256', key).update(text).digest()

/** RFC 3986 encoding, as SigV4's canonical query wants it. */
function strictEncode(text) {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

function decode(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'))
  } catch {
    return text
  }
}

/** `name=value` pairs of the raw query, encoded as SigV4 wants and sorted. */
function canonicalQuery(rawQuery) {
  if (!rawQuery) return ''
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=')
      const name = decode(at === -1 ? pair : pair.slice(0, at))
      const value = at === -1 ? '' : decode(pair.slice(at + 1))
      return [strictEncode(name), strictEncode(value)]
    })
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([n, v]) => `${n}=${v}`)
    .join('&')
}

/**
 * Why the request's SigV4 signature is wrong, or undefined when it is right or cannot be checked
 * (no SigV4 header, an identity the layer does not know).
 * @param {{ method: string, rawUrl: string, headers: Record<string, string | string[] | undefined> }} request
 */
export function signatureProblem({ method, rawUrl, headers }) {
  const auth = String(headers.authorization ?? '')
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    )
  if (!m) return undefined
  const [, accessKey, day, region, service, signedHeaders, signature] = m
  const secret = KNOWN_SECRETS.get(accessKey)
  if (secret === undefined) return undefined
  const amzDate = String(headers['x-amz-date'] ?? '')
  if (!amzDate.startsWith(day)) return 'the date of the credential scope is not the x-amz-date'
  const q = rawUrl.indexOf('?')
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q)
  const names = signedHeaders.split(';')
  const canonicalHeaders = names
    .map((name) => {
      // Behind a proxy (the tests' and the benchmark's), the host the client signed is forwarded.
      const value = name === 'host' ? (headers['x-forwarded-host'] ?? headers.host) : headers[name]
      const text = Array.isArray(value) ? value.join(',') : String(value ?? '')
      return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`
    })
    .join('')
  const payload = String(headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD')
  const canonical = [
    method,
    path,
    canonicalQuery(q === -1 ? '' : rawUrl.slice(q + 1)),
    canonicalHeaders,
    signedHeaders,
    payload,
  ].join('\n')
  const scope = `${day}/${region}/${service}/aws4_request`
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')
  let key = hmac(`AWS4${secret}`, day)
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part)
  const expected = createHmac('sha256', key).update(toSign).digest('hex')
  return expected === signature ? undefined : 'the signature does not match the request'
}

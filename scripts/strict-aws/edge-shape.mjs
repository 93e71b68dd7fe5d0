// The CloudFront Functions event object and the checks on what a function returns, as "CloudFront
// Functions event structure" and "Restrictions on all edge functions" document them:
//   - headers, query strings and cookies are { name: { value, multiValue? } }, header names lower
//     case (also when a function adds one); cookies leave `headers` for `cookies` (Set-Cookie with
//     their attributes); query strings and the URI are passed as received (not decoded);
//   - `method` is read-only; a returned uri starts with '/'; the URI with its query string is under
//     8,192 characters; a query string a function writes has no spaces, control characters or '#';
//   - disallowed headers (Connection, Keep-Alive, X-Amz-Cf-*, ...) are not exposed and may not be
//     added; read-only headers (viewer request: Content-Length, Host, Transfer-Encoding, Via; viewer
//     response: Via, Warning) may not be added, changed or removed;
//   - a response has an integer statusCode (200-599: the range Lambda@Edge documents; CloudFront
//     Functions state none), optional statusDescription, and an optional body: a string, or
//     { data, encoding: 'text' | 'base64' } (invalid base64 is an error).
// A broken rule is a validation error: CloudFront answers the viewer 502 (FunctionValidationError).
const DISALLOWED_EXACT = new Set([
  'connection',
  'expect',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'trailer',
  'upgrade',
  'x-accel-buffering',
  'x-accel-charset',
  'x-accel-limit-rate',
  'x-accel-redirect',
  'x-amzn-auth',
  'x-amzn-cf-billing',
  'x-amzn-cf-id',
  'x-amzn-cf-xff',
  'x-amzn-errortype',
  'x-amzn-fle-profile',
  'x-amzn-header-count',
  'x-amzn-header-order',
  'x-amzn-lambda-integration-tag',
  'x-amzn-requestid',
  'x-cache',
  'x-forwarded-proto',
  'x-real-ip',
])
export const isDisallowed = (name) =>
  DISALLOWED_EXACT.has(name) || name.startsWith('x-amz-cf-') || name.startsWith('x-edge-')
export const READ_ONLY = {
  'viewer-request': ['content-length', 'host', 'transfer-encoding', 'via'],
  'viewer-response': ['via', 'warning'],
}
const URI_MAX = 8192

/** An event field from [name, values[]] pairs: { name: { value, multiValue? } }. */
function field(values, extra = () => ({})) {
  const first = { value: values[0], ...extra(0) }
  if (values.length < 2) return first
  return { ...first, multiValue: values.map((value, i) => ({ value, ...extra(i) })) }
}

/** Request headers as a function sees them (cookies and disallowed headers left out). */
export function requestHeaders(distinct, skip = () => false) {
  const headers = {}
  for (const [name, values] of Object.entries(distinct)) {
    if (name === 'cookie' || isDisallowed(name) || skip(name)) continue
    headers[name] = field(values)
  }
  return headers
}

export function requestCookies(cookieHeaders = []) {
  const byName = new Map()
  for (const header of cookieHeaders) {
    for (const part of header.split(';')) {
      const eq = part.indexOf('=')
      if (eq <= 0) continue
      const name = part.slice(0, eq).trim()
      byName.set(name, [...(byName.get(name) ?? []), part.slice(eq + 1).trim()])
    }
  }
  return Object.fromEntries([...byName].map(([name, values]) => [name, field(values)]))
}

export function queryObject(raw) {
  const byName = new Map()
  for (const part of raw.split('&')) {
    if (!part) continue
    const eq = part.indexOf('=')
    const name = eq === -1 ? part : part.slice(0, eq)
    byName.set(name, [...(byName.get(name) ?? []), eq === -1 ? '' : part.slice(eq + 1)])
  }
  return Object.fromEntries([...byName].map(([name, values]) => [name, field(values)]))
}

/** A response for the event from { name: string | string[] } headers (Set-Cookie to cookies). */
export function responseEvent(status, statusText, headers) {
  const out = { statusCode: status, statusDescription: statusText, headers: {}, cookies: {} }
  for (const [name, raw] of Object.entries(headers)) {
    const values = Array.isArray(raw) ? raw : [String(raw)]
    if (name === 'set-cookie') {
      const byName = new Map()
      for (const line of values) {
        const [pair, ...attributes] = line.split(';')
        const eq = pair.indexOf('=')
        const cookie = eq === -1 ? pair.trim() : pair.slice(0, eq).trim()
        const entry = { value: eq === -1 ? '' : pair.slice(eq + 1).trim() }
        if (attributes.length) entry.attributes = attributes.join(';').trim()
        byName.set(cookie, [...(byName.get(cookie) ?? []), entry])
      }
      for (const [cookie, entries] of byName) {
        out.cookies[cookie] =
          entries.length > 1 ? { ...entries[0], multiValue: entries } : entries[0]
      }
    } else if (!isDisallowed(name)) out.headers[name] = field(values)
  }
  return out
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)

/** The values of one event field, or an error string. */
function valuesOf(where, name, entry, extra) {
  if (!isObject(entry)) return `${where}.${name} must be an object with a string value`
  const list =
    Array.isArray(entry.multiValue) && entry.multiValue.length ? entry.multiValue : [entry]
  for (const item of list) {
    if (!isObject(item) || typeof item.value !== 'string')
      return `${where}.${name} values must be strings ({ value: '...' })`
  }
  return list.map((item) => (extra ? extra(item) : item.value))
}

function checkFields(where, fields, { lowerCase = false } = {}) {
  if (fields === undefined) return undefined
  if (!isObject(fields)) return `${where} must be an object`
  for (const [name, entry] of Object.entries(fields)) {
    if (lowerCase && name !== name.toLowerCase())
      return `${where}: header name ${name} is not lower case`
    const values = valuesOf(where, name, entry)
    if (typeof values === 'string') return values
  }
  return undefined
}

function checkHeaders(eventType, original = {}, returned = {}) {
  const problem = checkFields('headers', returned, { lowerCase: true })
  if (problem) return problem
  for (const name of Object.keys(returned)) {
    if (isDisallowed(name)) return `the function may not add the disallowed header ${name}`
  }
  for (const name of READ_ONLY[eventType]) {
    const before = JSON.stringify(original[name] ?? null)
    const after = JSON.stringify(returned[name] ?? null)
    if (before !== after) return `the header ${name} is read-only in ${eventType} events`
  }
  return undefined
}

function serializeQuery(querystring) {
  const parts = []
  for (const [name, entry] of Object.entries(querystring ?? {})) {
    for (const value of valuesOf('querystring', name, entry))
      parts.push(value === '' ? name : `${name}=${value}`)
  }
  return parts.join('&')
}

/** Check a request a viewer-request function returned; an error string, or undefined. */
export function checkRequest(original, returned) {
  if (returned.method !== original.method) return 'request.method is read-only'
  if (typeof returned.uri !== 'string' || !returned.uri.startsWith('/'))
    return 'request.uri must be a string starting with /'
  const problem =
    checkHeaders('viewer-request', original.headers, returned.headers) ??
    checkFields('querystring', returned.querystring) ??
    checkFields('cookies', returned.cookies)
  if (problem) return problem
  const query = serializeQuery(returned.querystring)
  // eslint-disable-next-line no-control-regex
  if (/[\s#\u0000-\u001f\u007f]/.test(query))
    return 'a query string may not hold spaces, control characters or #'
  if (returned.uri.length + (query ? query.length + 1 : 0) >= URI_MAX)
    return `the URI with its query string must be under ${URI_MAX} characters`
  return undefined
}

function bodyOf(body) {
  if (body === undefined) return { body: undefined }
  if (typeof body === 'string') return { body: Buffer.from(body) }
  if (!isObject(body) || typeof body.data !== 'string')
    return { error: 'body must be a string or { data, encoding }' }
  const encoding = body.encoding ?? 'text'
  if (encoding === 'text') return { body: Buffer.from(body.data) }
  if (encoding !== 'base64')
    return { error: `body.encoding must be text or base64 (got ${encoding})` }
  const compact = body.data.replace(/\s+/g, '')
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact))
    return { error: 'body.data is not valid base64' }
  return { body: Buffer.from(compact, 'base64') }
}

/**
 * Check a response a function returned and turn it into HTTP: { status, headers, body? } (body
 * undefined: keep the origin's), or { error }.
 */
export function toHttpResponse(eventType, original, returned) {
  const status = returned.statusCode
  if (!Number.isInteger(status) || status < 200 || status > 599)
    return {
      error: `response.statusCode must be an integer from 200 to 599 (got ${JSON.stringify(status)})`,
    }
  if (returned.statusDescription !== undefined && typeof returned.statusDescription !== 'string')
    return { error: 'response.statusDescription must be a string' }
  const problem =
    checkHeaders(eventType, original?.headers ?? {}, returned.headers ?? {}) ??
    checkFields('cookies', returned.cookies)
  if (problem) return { error: problem }
  const { body, error } = bodyOf(returned.body)
  if (error) return { error }
  const headers = {}
  for (const [name, entry] of Object.entries(returned.headers ?? {}))
    headers[name] = valuesOf('headers', name, entry)
  const cookies = []
  for (const [name, entry] of Object.entries(returned.cookies ?? {})) {
    const lines = valuesOf('cookies', name, entry, (item) =>
      [`${name}=${item.value}`, item.attributes].filter(Boolean).join('; '),
    )
    cookies.push(...lines)
  }
  if (cookies.length) headers['set-cookie'] = cookies
  return { status, statusText: returned.statusDescription, headers, body }
}

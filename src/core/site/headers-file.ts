import { firstUnsafe } from '../text.js'
import { SiteFileError, excerpt, type SiteFileProblem } from './site-file-error.js'

/*
 * Netlify's `_headers`, checked before any request, and the reference of which headers a path gets.
 * - "one or more paths or URLs with their associated headers on indented lines beneath"; `#` starts a
 *   comment (docs.netlify.com/manage/routing/headers). Netlify's parser trims each line, takes one
 *   starting with `/` as a path and splits a header at its first `:`; an empty name or value is an
 *   error; the same name twice under one path is joined as "a, b" (github.com/netlify/build
 *   packages/headers-parser/src/line_parser.ts). A path with no headers is dropped (normalize.ts).
 * - Patterns (headers-parser/src/for_regexp.ts): empty segments are dropped, a `:name` segment matches
 *   one segment, a whole `*` segment matches anything (nothing too), a `*` inside a segment matches
 *   anything, a trailing slash is optional, and matching ignores case (see patternRegExp for two fixes).
 * - Every matching rule applies, in file order; a later rule's value for a name replaces an earlier one
 *   (@netlify/headers headersForPath, github.com/netlify/primitives; the same path twice: "the later one
 *   overrides", headers-parser/src/merge.ts).
 * - Netlify ignores custom Accept-Ranges, Age, Allow, Alt-Svc, Connection, Content-Encoding,
 *   Content-Length, Content-Range, Date, Location, Server, Set-Cookie, Trailer, Transfer-Encoding and
 *   Upgrade (docs.netlify.com/manage/routing/headers, Limitations).
 * - A CloudFront function may not add the "disallowed" headers below (the response fails with a 502),
 *   and Warning and Via are read-only in viewer-response events (docs.aws.amazon.com/AmazonCloudFront/
 *   latest/DeveloperGuide/edge-function-restrictions-all.html). Set-Cookie is not in a function's
 *   headers but in its cookies object (.../functions-event-structure.html); names are lower-case there.
 * - KeyValueStore values hold 1,024 characters (AWS: kvs-with-functions-create-s3-kvp).
 */

export interface Header {
  /** Lower-case, as a CloudFront function's headers object wants it. */
  name: string
  value: string
}

export interface HeaderRule {
  line: number
  /** The path pattern as written (trimmed). */
  pattern: string
  headers: Header[]
  /** The pattern compiled as Netlify compiles it (see patternRegExp). */
  regex: RegExp
}

// prettier-ignore
const AWS_DISALLOWED = new Set(
  [
    'connection', 'expect', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection',
    'trailer', 'upgrade', 'x-accel-buffering', 'x-accel-charset', 'x-accel-limit-rate', 'x-accel-redirect',
    'x-amzn-auth', 'x-amzn-cf-billing', 'x-amzn-cf-id', 'x-amzn-cf-xff', 'x-amzn-errortype',
    'x-amzn-fle-profile', 'x-amzn-header-count', 'x-amzn-header-order', 'x-amzn-lambda-integration-tag',
    'x-amzn-requestid', 'x-cache', 'x-forwarded-proto', 'x-real-ip',
    // added to the list with viewer mTLS
    'cloudfront-viewer-cert-pem', 'client-cert', 'client-cert-chain',
  ],
)
const AWS_DISALLOWED_PREFIXES = ['x-amz-cf-', 'x-edge-']
const AWS_READ_ONLY = new Set(['warning', 'via'])
// prettier-ignore
const NETLIFY_IGNORED = new Set(
  [
    'accept-ranges', 'age', 'allow', 'alt-svc', 'content-encoding', 'content-length', 'content-range',
    'date', 'server', 'transfer-encoding',
  ],
)
/** RFC 9110 (was RFC 7230) token characters. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
/** Visible ASCII, space and tab: RFC 9110 field values, ASCII only so every edge reads them alike. */
const VALUE_CHARS = /^[\t\x20-\x7e]*$/
const PATTERN_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/
const MAX_PATTERN = 512
const MAX_HEADER = 1024

/** Why a header may not be set from `_headers`, or undefined when it may. */
function refusal(name: string, shownName: string): string | undefined {
  if (name === 'cache-control')
    return `Cache-Control is set for each file by this action's rules: use the cache-control input ("GLOB: VALUE" lines) instead`
  if (name === 'content-type')
    return `Content-Type is stored with each file by this action: use the content-type input ("GLOB: TYPE" lines) instead`
  if (AWS_DISALLOWED.has(name) || AWS_DISALLOWED_PREFIXES.some((p) => name.startsWith(p)))
    return `${shownName} is a header CloudFront functions may not add (AWS: disallowed headers, restrictions on all edge functions)`
  if (AWS_READ_ONLY.has(name))
    return `${shownName} is read-only in a CloudFront viewer-response function (AWS: restrictions on all edge functions)`
  if (name === 'location')
    return 'Location is not set from _headers (Netlify ignores it too): use _redirects'
  if (name === 'set-cookie')
    return 'Set-Cookie is not supported: a CloudFront function sets cookies apart from headers, and Netlify ignores it'
  if (NETLIFY_IGNORED.has(name))
    return `${shownName} is set by the server for each response (Netlify ignores it in _headers too)`
  return undefined
}

/** Parse a `_headers` file; every problem is collected and thrown at once as a SiteFileError. */
export function parseHeaders(text: string, file = '_headers'): HeaderRule[] {
  const rules: HeaderRule[] = []
  const problems: SiteFileProblem[] = []
  let current: HeaderRule | undefined
  text.split('\n').forEach((raw, index) => {
    const line = index + 1
    const refuse = (message: string) => void problems.push({ file, line, message })
    const content = (index === 0 ? raw.replace(/^\ufeff/, '') : raw).replace(/\r$/, '')
    const unsafe = firstUnsafe(content.replace(/\t/g, ' '))
    if (unsafe) return refuse(`control or invisible character ${unsafe}`)
    const trimmed = content.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    if (trimmed.startsWith('/')) {
      const problem = patternProblem(trimmed)
      // A refused path still opens a block (kept out of the rules): its header lines are checked too.
      current = {
        line,
        pattern: trimmed,
        headers: [],
        regex: problem ? /$^/ : patternRegExp(trimmed),
      }
      if (problem) return refuse(`path ${excerpt(trimmed)} ${problem}`)
      rules.push(current)
      return
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed))
      return refuse(
        `${excerpt(trimmed)} is a full URL: host-specific rules are not supported; write a path`,
      )
    const colon = trimmed.indexOf(':')
    if (colon === -1)
      return refuse(
        `${excerpt(trimmed)} is neither a path (starting with "/") nor a "Name: value" header`,
      )
    const written = trimmed.slice(0, colon).trim()
    const value = trimmed.slice(colon + 1).trim()
    if (!current)
      return refuse(`header ${excerpt(written)} comes before any path; start a block with a path`)
    const problem = headerProblem(written, value)
    if (problem) return refuse(problem)
    const name = written.toLowerCase()
    const same = current.headers.find((h) => h.name === name)
    const combined = same ? `${same.value}, ${value}` : value
    if (name.length + 2 + combined.length > MAX_HEADER)
      return refuse(
        `${written}: its value is ${combined.length} characters long; "name: value" may be at most ${MAX_HEADER}`,
      )
    if (same) same.value = combined
    else current.headers.push({ name, value })
  })
  if (problems.length > 0) throw new SiteFileError(problems)
  return rules.filter((rule) => rule.headers.length > 0)
}

function patternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN)
    return `is ${pattern.length} characters long; at most ${MAX_PATTERN} are supported`
  if (pattern.includes('?')) return 'has a query string: patterns match the path only'
  if (!PATTERN_CHARS.test(pattern) || /%(?![0-9A-Fa-f]{2})/.test(pattern))
    return 'has a character that must be percent-encoded (spaces, non-ASCII, ...)'
  for (const part of pattern.split('/')) {
    if (part.startsWith(':') && !/^:[A-Za-z_][A-Za-z0-9_]*$/.test(part))
      return `has ${excerpt(part)}, which is not a placeholder: ":" then letters, digits, "_"`
  }
  return undefined
}

function headerProblem(name: string, value: string): string | undefined {
  if (name === '') return 'a header line without a name; write "Name: value"'
  if (!TOKEN.test(name))
    return `${excerpt(name)} is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`
  const refused = refusal(name.toLowerCase(), name)
  if (refused) return refused
  if (value === '') return `${name} has an empty value`
  if (!VALUE_CHARS.test(value)) {
    const code = ([...value].find((c) => !VALUE_CHARS.test(c)) ?? '').codePointAt(0) ?? 0
    const label = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    return `${name} has a character that is not ASCII (${label}); encode it as the header's syntax allows`
  }
  return undefined
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * A pattern compiled as Netlify's headers parser does (for_regexp.ts), with two fixes: text around a `*`
 * inside a segment is escaped (Netlify's leaves the `.` of `*.js` a regular-expression dot), and a whole
 * `*` segment matches nothing or "/" and anything (Netlify's `/?(.*)` lets `/assets/*` match `/assetsx`).
 */
export function patternRegExp(pattern: string): RegExp {
  const parts = pattern
    .split('/')
    .filter(Boolean)
    .map((part) => {
      if (part.startsWith(':')) return '/([^/]+)'
      if (part === '*') return '(?:/(.*))?'
      return `/${part.split('*').map(escapeRegExp).join('(.*)')}`
    })
  return new RegExp(`^${parts.join('') || '/'}/?$`, 'i')
}

/**
 * The headers a response for `path` (as requested) gets: every matching rule in file order, a later
 * rule's value replacing an earlier one for the same name (Netlify's rule), in first-seen order.
 */
export function headersFor(rules: readonly HeaderRule[], path: string): Header[] {
  const found = new Map<string, string>()
  for (const rule of rules) {
    if (!rule.regex.test(path)) continue
    for (const header of rule.headers) found.set(header.name, header.value)
  }
  return [...found].map(([name, value]) => ({ name, value }))
}

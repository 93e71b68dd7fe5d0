import { firstUnsafe } from '../text.js'
import { SiteFileError, excerpt, type SiteFileProblem } from './site-file-error.js'

/*
 * Netlify's `_redirects`, checked before any request, and a reference matcher (the edge tests' oracle).
 * - `from [query] to [status[!]] [conditions]` a line; `#` starts a comment; status 301 by default;
 *   "Paths are case-sensitive and special characters in paths must be url-encoded"; first match wins
 *   (docs.netlify.com/manage/routing/redirects/overview, .../redirect-options). Lines are trimmed and
 *   split on whitespace, and a field starting with `#` ends the line (github.com/netlify/build
 *   packages/redirect-parser/src/line_parser.js).
 * - "Netlify will match paths to rules regardless of whether or not they contain a trailing slash",
 *   and "You cannot use a redirect rule to add or remove a trailing slash" (redirect-options); its path
 *   matchers drop empty segments (`split('/').filter(Boolean)`), as this one does.
 * - The query string is passed on (redirect-options), unless `to` has its own (github.com/netlify/
 *   primitives packages/redirects/src/main.ts). Rules whose from and to "resolve to the same location
 *   ... will be ignored" (.../redirects/rewrites-proxies).
 * - Shadowing: "If a file exists, we will serve that file rather than applying the rule, unless the rule
 *   is forced" (answers.netlify.com/t/changed-behavior-in-redirects/10084): the first matching rule
 *   decides; shadowed, the file is served (primitives' RedirectsHandler.handle).
 * - KeyValueStore keys hold 512 characters, values 1,024 (AWS: kvs-with-functions-create-s3-kvp).
 */

export type RedirectStatus = 200 | 301 | 302 | 303 | 307 | 308
/** A `from` segment: a literal (percent-decoded, compared with the request's decoded segment), or `:name`. */
export type PatternSegment = { literal: string } | { placeholder: string }
export type TargetPart = { text: string } | { placeholder: string }

export interface RedirectRule {
  line: number
  /** The source path as written, without a trailing slash (Netlify ignores it), e.g. `/news/:year/*`. */
  from: string
  to: string
  status: RedirectStatus
  /** `!` after the status: the rule applies even where a file exists. */
  force: boolean
  /** `from` compiled: its segments before any splat, and whether it ends in `/*`. */
  segments: readonly PatternSegment[]
  splat: boolean
  /** `to` compiled: text, and the placeholders filled in (`splat` for `:splat`). */
  target: readonly TargetPart[]
}

export interface RedirectMatch {
  rule: RedirectRule
  /** Where the rule sends the request: a URL or path (3xx), or the path served instead (200). */
  location: string
}

/** Records a problem of the line; returns undefined so that `return refuse(...)` ends a check. */
type Refuse = (message: string) => undefined

const STATUSES: readonly number[] = [200, 301, 302, 303, 307, 308]
const SUPPORTED =
  'supported: 301 (the default), 302, 303, 307, 308, and 200 for a rewrite, each optionally forced with "!"'
const MAX_PATH = 512
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const TARGET_PLACEHOLDER = /:([A-Za-z_][A-Za-z0-9_]*)/g
/** RFC 3986 path characters (`?#` too in `to`): anything else must be percent-encoded, as Netlify asks. */
const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/
const TARGET_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*$/
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/
const ABSOLUTE = /^https?:\/\//i
const CONDITION = /^(Country|Language|Role|Cookie|Sign|Signed)=/i
const FORM = 'a rule is "from to [status]"'

/** Parse a `_redirects` file; every problem is collected and thrown at once as a SiteFileError. */
export function parseRedirects(text: string, file = '_redirects'): RedirectRule[] {
  const rules: RedirectRule[] = []
  const problems: SiteFileProblem[] = []
  text.split('\n').forEach((raw, index) => {
    const refuse: Refuse = (message) => void problems.push({ file, line: index + 1, message })
    const line = (index === 0 ? raw.replace(/^\ufeff/, '') : raw).replace(/\r$/, '')
    const unsafe = firstUnsafe(line.replace(/\t/g, ' '))
    if (unsafe) return refuse(`control or invisible character ${unsafe}; percent-encode it`)
    const fields = line.trim().split(/[ \t]+/)
    const comment = fields.findIndex((f) => f.startsWith('#'))
    if (comment !== -1) fields.length = comment
    if (fields.length === 0 || fields[0] === '') return
    const rule = parseRule(fields, index + 1, refuse)
    if (rule) rules.push(rule)
  })
  if (problems.length > 0) throw new SiteFileError(problems)
  return rules
}

function parseRule(fields: string[], line: number, refuse: Refuse): RedirectRule | undefined {
  const [rawFrom = '', ...rest] = fields
  const from = checkFrom(rawFrom, refuse)
  if (!from) return
  const toIndex = rest.findIndex((f) => f.startsWith('/') || ABSOLUTE.test(f))
  const first = rest[0] ?? ''
  if (rest.length === 0) return refuse(`${excerpt(rawFrom)} has no destination; ${FORM}`)
  if (toIndex === -1 && /^\d+!?$/.test(first))
    return refuse(`no destination before status ${excerpt(first)}; ${FORM}`)
  if (toIndex !== 0 && first.includes('=')) return refuse(conditionOrQuery(first, true))
  if (toIndex !== 0)
    return refuse(`destination ${excerpt(first)} must start with "/" or "https://"`)
  const [to, field, next] = [first, rest[1], rest[2]]
  let status = 301
  let force = false
  if (field !== undefined) {
    const parsed = /^(\d+)(!?)$/.exec(field)
    if (!parsed && field.includes('=')) return refuse(conditionOrQuery(field, false))
    if (!parsed) return refuse(`status ${excerpt(field)} is not a status code; ${SUPPORTED}`)
    status = Number(parsed[1])
    force = parsed[2] === '!'
    if (!STATUSES.includes(status))
      return refuse(`status ${excerpt(field)} is not supported; ${SUPPORTED}`)
  }
  if (next?.includes('=')) return refuse(conditionOrQuery(next, false))
  if (next !== undefined)
    return refuse(`unexpected field ${excerpt(next)} after the status; ${FORM}`)
  const target = checkTarget(to, status, from, refuse)
  if (!target) return
  const { path, segments, splat } = from
  return { line, from: path, to, status: status as RedirectStatus, force, segments, splat, target }
}

function conditionOrQuery(field: string, beforeTo: boolean): string {
  if (!beforeTo || CONDITION.test(field))
    return `condition ${excerpt(field)} is not supported: a rule applies to every request (no Country, Language, Role, Cookie or signed rules)`
  return `query-parameter matching (${excerpt(field)}) is not supported: rules match the path, and the query string is passed on`
}

type From = { path: string; segments: PatternSegment[]; splat: boolean; names: Set<string> }

function checkFrom(raw: string, refuse: Refuse): From | undefined {
  const source = `source ${excerpt(raw)}`
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw))
    return refuse(`${source} is a full URL: domain-level rules are not supported; write a path`)
  if (!raw.startsWith('/')) return refuse(`${source} must be a path starting with "/"`)
  if (raw.includes('?'))
    return refuse(`${source} has a query string: query-parameter matching is not supported`)
  const bad = pathProblem(raw, PATH_CHARS)
  if (bad) return refuse(`${source} ${bad}`)
  const path = raw.length > 1 ? raw.replace(/\/$/, '') : raw // Netlify ignores a trailing slash
  const parts = path === '/' ? [] : path.slice(1).split('/')
  const from: From = { path, segments: [], splat: false, names: new Set() }
  for (const [i, part] of parts.entries()) {
    const problem = segmentProblem(part, i === parts.length - 1, from.names)
    if (problem) return refuse(`${source}: ${problem}`)
    if (part === '*') from.splat = true
    else if (part.startsWith(':')) {
      from.names.add(part.slice(1))
      from.segments.push({ placeholder: part.slice(1) })
    } else from.segments.push({ literal: decoded(part) ?? part })
  }
  return from
}

function segmentProblem(part: string, last: boolean, names: Set<string>): string | undefined {
  if (part === '') return 'an empty path segment ("//") is not supported'
  if (part === '.' || part === '..') return `a "${part}" segment is not supported`
  if (part === '*')
    return last ? undefined : '"*" is supported only as the last segment ("/path/*")'
  if (part.includes('*'))
    return `"*" must be the whole last segment ("/path/*"), not in ${excerpt(part)}`
  if (decoded(part) === undefined) return `${excerpt(part)} is not valid percent-encoded UTF-8`
  if (!part.startsWith(':')) return undefined
  const name = part.slice(1)
  if (!NAME.test(name))
    return `${excerpt(part)} is not a placeholder: ":" then letters, digits, "_"`
  if (name === 'splat') return '":splat" names what "*" matches; give the placeholder another name'
  if (names.has(name)) return `placeholder ":${name}" appears twice`
  return undefined
}

function pathProblem(path: string, chars: RegExp): string | undefined {
  if (path.length > MAX_PATH)
    return `is ${path.length} characters long; at most ${MAX_PATH} are supported`
  if (!chars.test(path) || BAD_PERCENT.test(path))
    return 'has a character that must be percent-encoded (Netlify: special characters in paths must be url-encoded)'
  return undefined
}

function checkTarget(to: string, status: number, from: From, refuse: Refuse) {
  const destination = `destination ${excerpt(to)}`
  const absolute = ABSOLUTE.test(to)
  const bad = pathProblem(to, TARGET_CHARS)
  if (bad) return refuse(`${destination} ${bad}`)
  if (absolute && (!URL.canParse(to) || new URL(to).hostname === ''))
    return refuse(`${destination} is not a valid URL`)
  if (absolute && status === 200)
    return refuse(
      `${destination} with status 200 would proxy another site, which CloudFront Functions cannot do; redirect with 301 or 302, or rewrite to a path of this site`,
    )
  if (/^\/[/\\]/.test(to))
    return refuse(
      `${destination} starts with "//", which browsers read as another host; write "https://host/..."`,
    )
  if (!absolute && /(^|\/)\.\.?(\/|$|[?#])/.test(to))
    return refuse(`${destination} has a "." or ".." segment, which is not supported`)
  const target: TargetPart[] = []
  let at = 0
  for (const m of to.matchAll(TARGET_PLACEHOLDER)) {
    const name = m[1] ?? ''
    if (name === 'splat' ? !from.splat : !from.names.has(name))
      return refuse(
        `${destination} uses ":${name}", which the source path does not define${name === 'splat' ? ' (a source ending in "/*" does)' : ''}; write "%3A" for a literal ":"`,
      )
    if (m.index > at) target.push({ text: to.slice(at, m.index) })
    target.push({ placeholder: name })
    at = m.index + m[0].length
  }
  if (at < to.length) target.push({ text: to.slice(at) })
  if (from.names.size === 0 && !from.splat && !absolute && samePath(to, from.path))
    return refuse(
      `${destination} is the source path itself: Netlify matches with or without a trailing slash, so this rule would loop (a rule cannot add or remove a trailing slash)`,
    )
  return target
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((s) => s !== '')
}

function samePath(target: string, path: string): boolean {
  const key = (p: string) =>
    segmentsOf(p.split(/[?#]/)[0] ?? '')
      .map((s) => decoded(s) ?? s)
      .join('/')
  return key(target) === key(path)
}

/**
 * The first rule matching `path` (as requested, percent-encoded) and where it sends the request, or
 * undefined. `query` is the raw query string, with or without its `?`. Shadowing is not decided here.
 * Literal segments compare percent-decoded; placeholder and splat values are substituted as sent, so
 * the location stays percent-encoded.
 */
export function matchRedirect(
  rules: readonly RedirectRule[],
  path: string,
  query = '',
): RedirectMatch | undefined {
  const raw = segmentsOf(path)
  const plain = raw.map((s) => decoded(s) ?? s)
  for (const rule of rules) {
    const params = matchSegments(rule, raw, plain)
    if (!params) continue
    let target = rule.target
      .map((p) => ('text' in p ? p.text : (params.get(p.placeholder) ?? '')))
      .join('')
    // A value of `\evil.example` must not turn a path into a protocol-relative URL.
    if (target.startsWith('/')) target = target.replace(/^\/[/\\]+/, '/')
    if (target.startsWith('/') && samePath(target, path)) continue // Netlify ignores a rule that loops
    return { rule, location: withQuery(target, query.replace(/^\?/, '')) }
  }
  return undefined
}

function matchSegments(
  rule: RedirectRule,
  raw: string[],
  plain: string[],
): Map<string, string> | undefined {
  const n = rule.segments.length
  if (rule.splat ? raw.length < n : raw.length !== n) return undefined
  const params = new Map<string, string>()
  for (const [i, segment] of rule.segments.entries()) {
    if ('literal' in segment) {
      if (plain[i] !== segment.literal) return undefined
    } else params.set(segment.placeholder, raw[i] ?? '')
  }
  if (rule.splat) params.set('splat', raw.slice(n).join('/'))
  return params
}

/** The request's query goes along unless the destination has a query of its own (Netlify's rule). */
function withQuery(target: string, query: string): string {
  const [, base = '', fragment = ''] = /^([^#]*)(.*)$/s.exec(target) ?? []
  const mark = base.indexOf('?')
  if (query === '' || (mark !== -1 && mark < base.length - 1)) return target
  return `${mark === -1 ? `${base}?` : base}${query}${fragment}`
}

/**
 * The rule that applies once shadowing is decided (Netlify's rule): a forced rule always applies;
 * otherwise an existing file wins over the first matching rule and is served, and no later rule is
 * tried. `exists` is asked about the request path, and only when a rule that is not forced matched.
 */
export function resolveRedirect(
  rules: readonly RedirectRule[],
  path: string,
  query: string,
  exists: (path: string) => boolean,
): RedirectMatch | undefined {
  const match = matchRedirect(rules, path, query)
  if (!match || match.rule.force) return match
  return exists(path) ? undefined : match
}

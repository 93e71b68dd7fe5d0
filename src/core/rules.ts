/**
 * Which headers a key gets: Content-Type and Cache-Control, and whether it is metadata (never cached by
 * the CDN, uploaded after everything else). Pure: decided from the key (relative to the prefix) and the
 * configured rules.
 */
import { lookup } from 'mime-types'
import { anyMatcher, compileGlob, type Matcher } from './globs.js'
import type { HeaderRule } from './config.js'

export const CACHE_CONTROL = {
  /** Metadata: every request revalidates with the origin; the CDN never serves a stale copy. */
  metadata: 'no-cache',
  /** A content hash in the name: the bytes behind this name never change. */
  fingerprinted: 'public, max-age=31536000, immutable',
  /** Everything else. */
  default: 'public, max-age=3600',
} as const

/**
 * Built-in metadata: files whose name stays the same from build to build while what they point to
 * changes. A glob without `/` matches the file name at any depth.
 */
export const DEFAULT_METADATA: readonly string[] = [
  // pages and app shells
  '*.html',
  '*.htm',
  '*.xhtml',
  // web app manifests, service workers, build manifests
  '*.webmanifest',
  'manifest.json',
  'asset-manifest.json',
  'sw.js',
  'service-worker.js',
  'serviceworker.js',
  'browserconfig.xml',
  // crawlers and feeds
  'robots.txt',
  'sitemap*.xml',
  'sitemap*.xml.gz',
  '*.rss',
  '*.atom',
  'feed.xml',
  'atom.xml',
  'rss.xml',
  'index.xml',
  'feed.json',
  'ads.txt',
  'app-ads.txt',
  '.well-known/**',
  // package repositories and updaters: the index moves, the packages it lists stay
  '**/repodata/**',
  '**/dists/*/Release',
  '**/dists/*/Release.gpg',
  '**/dists/*/InRelease',
  '**/dists/**/Packages',
  '**/dists/**/Packages.*',
  '**/dists/**/Sources',
  '**/dists/**/Sources.*',
  'Packages',
  'Packages.gz',
  'Packages.xz',
  'Release',
  'Release.gpg',
  'InRelease',
  'index.yaml',
  'latest*.yml',
  'RELEASES',
]

/** Directories whose contents are immutable by the build tool's own contract. */
export const IMMUTABLE_DIRECTORIES: readonly string[] = ['_next/static/**', '**/_app/immutable/**']

/** Content types for well-known files that have no extension. */
const KNOWN_NAMES: Readonly<Record<string, string>> = {
  'apple-app-site-association': 'application/json',
  'assetlinks.json': 'application/json',
}

const DASH = 45
const UNDERSCORE = 95

/**
 * Whether a token looks like a bundler's hash: 8-64 characters of [A-Za-z0-9_-] with a letter, and
 * either two digits or a digit and both cases. Dimensions (`1200x630`) and tokens with a word in them
 * (`v30-latin-regular`: a part of four or more lower-case letters with one of g-z, which hex has not)
 * are names, not hashes. One pass over the characters: every key of a deploy comes through here.
 */
function hashLike(token: string): boolean {
  const n = token.length
  if (n < 8 || n > 64) return false
  let digits = 0
  let lower = false
  let upper = false
  // The part (between - and _) being read: its length, whether it is all a-z, whether it has g-z.
  let partLength = 0
  let partLower = true
  let partBeyondHex = false
  // The one non-digit, for the `<digits>x<digits>` test.
  let nonDigits = 0
  let nonDigitAt = -1
  for (let i = 0; i <= n; i++) {
    const c = i < n ? token.charCodeAt(i) : DASH // the end closes the last part
    if (c === DASH || c === UNDERSCORE) {
      if (partLength >= 4 && partLower && partBeyondHex) return false
      partLength = 0
      partLower = true
      partBeyondHex = false
      if (i < n) {
        nonDigits++
        nonDigitAt = i
      }
      continue
    }
    partLength++
    if (c >= 48 && c <= 57) {
      digits++
      partLower = false
    } else if (c >= 97 && c <= 122) {
      lower = true
      if (c >= 103) partBeyondHex = true
      nonDigits++
      nonDigitAt = i
    } else if (c >= 65 && c <= 90) {
      upper = true
      partLower = false
      nonDigits++
      nonDigitAt = i
    } else return false
  }
  if (!lower && !upper) return false
  if (
    nonDigits === 1 &&
    token.charCodeAt(nonDigitAt) === 120 &&
    nonDigitAt > 0 &&
    nonDigitAt < n - 1
  )
    return false
  return digits >= 2 || (digits >= 1 && lower && upper)
}

/** A name that is only a hash, as webpack's `[contenthash].js` emits it: 16-64 hex digits, both kinds. */
function hexName(segment: string): boolean {
  const n = segment.length
  if (n < 16 || n > 64) return false
  let digit = false
  let letter = false
  for (let i = 0; i < n; i++) {
    const c = segment.charCodeAt(i)
    if (c >= 48 && c <= 57) digit = true
    else if (c >= 97 && c <= 102) letter = true
    else return false
  }
  return digit && letter
}

/**
 * True when the file name carries a content hash, as bundlers emit them: `app.3f2a9c1b.js`,
 * `main.abc123de.chunk.css`, `index-B_x3-a9Q1.js`. Tokens need letters and digits, so that a plain word
 * (`component`) or a date (`2024-01-15`) is not mistaken for a hash. Each dot-separated part of the name
 * but the extension is tested whole (after the first), as a whole hex name (the first), and by every
 * dash-separated tail (`x-y-3f2a9c1b` tests `y-3f2a9c1b` and `3f2a9c1b`).
 */
export function isFingerprinted(key: string): boolean {
  const start = key.lastIndexOf('/') + 1
  const extension = key.lastIndexOf('.')
  if (extension < start) return false
  // Every hash has a digit: a name without one before its extension (most pages and images) has none.
  let digit = false
  for (let i = start; i < extension && !digit; i++) {
    const c = key.charCodeAt(i)
    digit = c >= 48 && c <= 57
  }
  if (!digit) return false
  for (let at = start, index = 0; at <= extension; index++) {
    const end = key.indexOf('.', at)
    const segment = key.slice(at, end)
    at = end + 1
    if (index > 0 && hashLike(segment)) return true
    if (index === 0 && hexName(segment)) return true
    for (let dash = segment.lastIndexOf('-'); dash >= 0;) {
      if (hashLike(segment.slice(dash + 1))) return true
      dash = dash === 0 ? -1 : segment.lastIndexOf('-', dash - 1)
    }
  }
  return false
}

const UTF8_TYPES =
  /^(text\/|application\/(javascript|json|xml|ld\+json|manifest\+json|rss\+xml|atom\+xml|geo\+json)$|image\/svg\+xml$|application\/[a-z.+-]+\+(json|xml)$)/

/** `; charset=utf-8` for text types, JavaScript, JSON, XML, SVG and web manifests. */
export function withCharset(type: string): string {
  if (type.includes(';')) return type
  return UTF8_TYPES.test(type) ? `${type}; charset=utf-8` : type
}

export interface Headers {
  contentType: string
  cacheControl: string
}

export interface KeyRules {
  headers: Headers
  metadata: boolean
  /** The type could not be told from the name: sent as application/octet-stream. */
  unknownType: boolean
}

export interface RuleSet {
  cacheControl: readonly HeaderRule[]
  contentType: readonly HeaderRule[]
  metadata: { add: readonly string[]; remove: readonly string[] }
}

/** The type of a file name by its extension (mime-types); false when the extension is not known. */
export function lookupType(name: string): string | false {
  return lookup(name)
}

/** Compile the configured rules once; the result decides the headers of any key. */
export function compileRules(rules: RuleSet): (key: string) => KeyRules {
  const cacheRules: Array<[Matcher, string]> = rules.cacheControl.map((r) => [
    compileGlob(r.glob, { dot: true }),
    r.value,
  ])
  const typeRules: Array<[Matcher, string]> = rules.contentType.map((r) => [
    compileGlob(r.glob, { dot: true }),
    r.value,
  ])
  const isMetadataDefault = anyMatcher([...DEFAULT_METADATA, ...rules.metadata.add], { dot: true })
  const notMetadata = anyMatcher(rules.metadata.remove, { dot: true })
  const immutableDir = anyMatcher(IMMUTABLE_DIRECTORIES, { dot: true })
  // A site has a handful of distinct header pairs: every key with the same pair shares one frozen
  // object (and its strings), instead of 30,000 of each living for the whole deploy.
  const pairs = new Map<string, Headers>()
  const shared = (contentType: string, cacheControl: string): Headers => {
    const id = `${contentType}\n${cacheControl}`
    let headers = pairs.get(id)
    if (headers === undefined) {
      headers = Object.freeze({ contentType, cacheControl })
      pairs.set(id, headers)
    }
    return headers
  }

  return (key) => {
    const metadata = isMetadataDefault(key) && !notMetadata(key)
    let unknownType = false
    let contentType = typeRules.find(([match]) => match(key))?.[1]
    if (contentType === undefined) {
      const name = key.slice(key.lastIndexOf('/') + 1)
      const found = KNOWN_NAMES[name] ?? lookupType(name)
      if (found) contentType = withCharset(found)
      else {
        contentType = 'application/octet-stream'
        unknownType = true
      }
    }
    let cacheControl = cacheRules.find(([match]) => match(key))?.[1]
    if (cacheControl === undefined) {
      if (metadata) cacheControl = CACHE_CONTROL.metadata
      else if (isFingerprinted(key) || immutableDir(key)) cacheControl = CACHE_CONTROL.fingerprinted
      else cacheControl = CACHE_CONTROL.default
    }
    return { headers: shared(contentType, cacheControl), metadata, unknownType }
  }
}

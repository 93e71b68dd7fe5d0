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

/**
 * A token that looks like a content hash: 8-64 of `[A-Za-z0-9_-]` with a letter, and two digits (or
 * one digit in mixed case). Not dimensions (`1200x630`), and not when a dash- or underscore-separated
 * part is a word of four or more lower-case letters beyond hex (`v30-latin-regular`).
 */
function hashLike(token: string): boolean {
  // Checked first: every pattern below then runs on at most 64 characters.
  if (token.length < 8 || token.length > 64) return false
  if (!/^[\w-]+$/.test(token) || !/[A-Za-z]/.test(token)) return false
  if (/^\d+x\d+$/.test(token)) return false
  if (
    token
      .split(/[-_]/)
      .some((part) => part.length >= 4 && /^[a-z]+$/.test(part) && /[g-z]/.test(part))
  )
    return false
  const digits = token.replace(/\D/g, '').length
  const mixedCase = /[a-z]/.test(token) && /[A-Z]/.test(token)
  return digits >= 2 || (digits >= 1 && mixedCase)
}

/**
 * True when the file name carries a content hash, as bundlers emit them: `app.3f2a9c1b.js`,
 * `main.abc123de.chunk.css`, `index-B_x3-a9Q1.js`, `3f2a9c1b4d5e6f70.js`. Each dot-separated part of the
 * name but the extension is tested whole (after the first), as a whole hex name of 16-64 digits (the
 * first), and by every dash-separated tail (`x-y-3f2a9c1b` tests `y-3f2a9c1b` and `3f2a9c1b`).
 */
export function isFingerprinted(key: string): boolean {
  const segments = key.slice(key.lastIndexOf('/') + 1).split('.')
  if (segments.length < 2) return false
  return segments.slice(0, -1).some((segment, index) => {
    if (index > 0 && hashLike(segment)) return true
    if (
      index === 0 &&
      /^[0-9a-f]{16,64}$/.test(segment) &&
      /\d/.test(segment) &&
      /[a-f]/.test(segment)
    )
      return true
    const parts = segment.split('-')
    for (let i = parts.length - 1; i >= 1; i--) if (hashLike(parts.slice(i).join('-'))) return true
    return false
  })
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
  /** A precompressed sibling's encoding (`br`, `gzip`); other files leave Content-Encoding alone. */
  contentEncoding?: string
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

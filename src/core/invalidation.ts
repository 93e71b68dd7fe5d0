/**
 * Which URL paths to purge from CloudFront after a deploy: the fewest paths that cover every object whose
 * cached copy is now wrong (content changed, headers changed, removed), within a budget. Pure.
 *
 * New objects need none: nothing cached them. Keys become URL paths by taking off the distribution's
 * origin path and percent-encoding what a browser would encode; an index.html also stands for its
 * directory URLs. Over the budget, the deepest directories collapse first into `dir/*`, and at the end
 * everything into `<base>/*`.
 */
import { joinKey } from './keys.js'

/** CloudFront allows at most 15 wildcard paths in progress at once. */
export const MAX_WILDCARDS = 15
/** And at most 3,000 paths per request (and in progress). */
export const MAX_PATHS = 3000
/** Paths per month without charge; beyond, each path costs this much (USD). */
export const FREE_PATHS_PER_MONTH = 1000
export const PRICE_PER_PATH_USD = 0.005

export interface InvalidationInput {
  /** Site keys (relative to the deploy prefix) whose cached copy is wrong. */
  changed: readonly string[]
  /** Every site key served after the deploy plus the removed ones: lets a wildcard replace a whole directory. */
  all: readonly string[]
  /** The deploy prefix ('' for the bucket root). */
  prefix: string
  /** The distribution's origin path for the bucket ('' or `/base`). */
  originPath: string
  /** Directory indexes are served (`/a/` and `/a` from `a/index.html`). */
  directoryIndexes: boolean
  /** At most this many paths. */
  budget: number
}

export interface InvalidationPlan {
  /** Sorted, de-duplicated; empty when nothing needs purging. */
  paths: string[]
  /** How many objects the paths stand for. */
  objects: number
  /** True when some directory was collapsed into a wildcard to stay within the budget. */
  collapsed: boolean
}

/** Characters kept as they are in a path (RFC 3986 unreserved and sub-delims, `:`, `@`); the rest is encoded. */
const KEEP = /[A-Za-z0-9\-._~!$&'()+,;=:@]/

/** Percent-encode one path segment as a browser sends it: UTF-8 bytes, `%20` for space, `%25` for `%`, `%2A` for `*`. */
export function encodeSegment(segment: string): string {
  let out = ''
  for (const char of segment) {
    if (KEEP.test(char)) out += char
    else
      for (const byte of Buffer.from(char, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/**
 * The URL path (`/a/b.html`) of a site key as this distribution serves it, or undefined when the key lies
 * outside the origin path (the distribution does not serve it).
 */
export function urlPathOf(key: string, prefix: string, originPath: string): string | undefined {
  const full = joinKey(prefix, key)
  const base = originPath.replace(/^\/+|\/+$/g, '')
  let served = full
  if (base !== '') {
    if (!full.startsWith(`${base}/`)) return undefined
    served = full.slice(base.length + 1)
  }
  return `/${served.split('/').map(encodeSegment).join('/')}`
}

/** The URL paths one key stands for: itself, and for an index.html its directory URLs. */
export function pathsForKey(
  key: string,
  prefix: string,
  originPath: string,
  directoryIndexes: boolean,
): string[] {
  const path = urlPathOf(key, prefix, originPath)
  if (path === undefined) return []
  const paths = [path]
  if (path === '/index.html') paths.push('/')
  else if (directoryIndexes && path.endsWith('/index.html')) {
    const dir = path.slice(0, -'index.html'.length)
    paths.push(dir, dir.slice(0, -1))
  }
  return paths
}

/** The directory of a URL path, with its trailing slash (`/a/b/c.html` -> `/a/b/`, `/a/b/` -> `/a/`, `/x` -> `/`). */
function parentDir(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path
  return trimmed.slice(0, trimmed.lastIndexOf('/') + 1)
}

function depth(dir: string): number {
  return dir.split('/').length - 2
}

function isWildcard(path: string): boolean {
  return path.endsWith('*')
}

/**
 * Replace every path under `dir` by `dir*` (`/blog/*`). When the bare directory URL (`/blog`, from an
 * index.html) is there too, one `/blog*` covers both.
 */
function collapse(paths: Set<string>, dir: string): void {
  for (const p of [...paths]) if (p.startsWith(dir)) paths.delete(p)
  const bare = dir.slice(0, -1)
  if (bare !== '' && paths.delete(bare)) paths.add(`${bare}*`)
  else paths.add(`${dir}*`)
}

/** The base every path lies under: the deploy prefix's URL path below the origin path, with a slash. */
export function basePath(prefix: string, originPath: string): string {
  if (prefix === '') return '/'
  const path = urlPathOf('x', prefix, originPath)
  return path === undefined ? '/' : path.slice(0, -1)
}

export function planInvalidation(input: InvalidationInput): InvalidationPlan {
  const budget = Math.max(1, Math.min(input.budget, MAX_PATHS))
  const paths = new Set<string>()
  for (const key of input.changed)
    for (const p of pathsForKey(key, input.prefix, input.originPath, input.directoryIndexes))
      paths.add(p)
  const objects = new Set(input.changed).size
  if (paths.size === 0) return { paths: [], objects: 0, collapsed: false }

  const base = basePath(input.prefix, input.originPath)
  const changedSet = new Set(input.changed)
  // Everything changed: one wildcard is the cheapest cover.
  if (paths.size >= 2 && input.all.every((key) => changedSet.has(key)))
    return { paths: [`${base}*`], objects, collapsed: false }

  // Exact covers: a directory all of whose files changed costs one wildcard instead of many paths.
  const byDir = new Map<string, { total: number; changed: number }>()
  for (const key of new Set(input.all)) {
    const path = urlPathOf(key, input.prefix, input.originPath)
    if (path === undefined) continue
    for (let dir = parentDir(path); dir !== '/' && dir !== ''; dir = parentDir(dir)) {
      const entry = byDir.get(dir) ?? { total: 0, changed: 0 }
      entry.total++
      if (changedSet.has(key)) entry.changed++
      byDir.set(dir, entry)
    }
  }
  const full = [...byDir.entries()]
    .filter(([, e]) => e.total === e.changed && e.changed >= 2)
    .map(([dir]) => dir)
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
  for (const dir of full) {
    if ([...paths].some((p) => isWildcard(p) && dir.startsWith(p.slice(0, -1)))) continue
    collapse(paths, dir)
  }

  // Then the budget (and CloudFront's wildcard limit): collapse the deepest directory that merges paths.
  let collapsed = false
  const wildcards = () => [...paths].filter(isWildcard).length
  while (paths.size > budget || wildcards() > MAX_WILDCARDS) {
    const counts = new Map<string, number>()
    for (const p of paths) {
      const dir = parentDir(isWildcard(p) ? p.slice(0, -1) : p)
      if (dir.length <= base.length) continue
      counts.set(dir, (counts.get(dir) ?? 0) + 1)
    }
    const merges = (count: number) => (count >= 2 ? 0 : 1)
    const candidates = [...counts.entries()].sort(
      ([a, ca], [b, cb]) =>
        merges(ca) - merges(cb) || depth(b) - depth(a) || cb - ca || (a < b ? -1 : 1),
    )
    collapsed = true
    if (candidates.length === 0) {
      paths.clear()
      paths.add(`${base}*`)
      break
    }
    collapse(paths, candidates[0]![0])
  }
  return { paths: [...paths].sort(), objects, collapsed }
}

/** Rough cost of the paths when the month's free paths are used up. */
export function estimatedCostUsd(paths: number): number {
  return Math.round(paths * PRICE_PER_PATH_USD * 1000) / 1000
}

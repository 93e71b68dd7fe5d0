/**
 * The KeyValueStore entries of one site (the production site, or one preview): the viewer functions
 * (cloudfront/site-functions.ts) read them. Per site root, `<ns>.m` names the current generation; the
 * generation's shards and rule chunks live under `<ns>.<gen>.`, so a deploy writes a whole new
 * generation before it switches the meta, and removes the one before the previous afterwards. Pure.
 */
import { createHash } from 'node:crypto'
import type { SiteIndex } from './site-index.js'

/** KeyValueStore values are at most 1 KB (CloudFront KeyValueStore quotas). */
export const VALUE_MAX = 1024

/** A redirect as the edge reads it: [from pattern, to, status, forced]. */
export type EdgeRedirect = [string, string, number, boolean]
/** Headers for a path: [the pattern as a regular expression's source (matched ignoring case), [[lower-case name, value], ...]]. */
export type EdgeHeaderRule = [string, Array<[string, string]>]

export interface SiteData {
  /** The site's root as the viewer functions see it: `/`, or `/previews/pr-1/`. */
  root: string
  index: SiteIndex
  /** The site has a not-found page (copied to the state directory with a 404 status). */
  notFound: boolean
  /** What else names the generation (the not-found page's MD5: a new page is copied again). */
  version?: string
  redirects: EdgeRedirect[]
  headers: EdgeHeaderRule[]
}

export interface SiteEntries {
  /** The namespace of the site root: the first 16 hex digits of its SHA-256. */
  ns: string
  generation: string
  /** The meta entry, written last. */
  meta: [string, string]
  /** The generation's entries, written first. */
  entries: Array<[string, string]>
  /** Keys of the generation before the previous one, deleted with the meta's write. */
  stale: string[]
}

/** The store's name: `cdn-publish-` and 16 hex digits of the bucket and base prefix (the name pattern allows 64). */
export function storeName(bucket: string, basePrefix: string): string {
  const digest = createHash('sha256').update(`${bucket}/${basePrefix}`, 'utf8').digest('hex')
  return `cdn-publish-${digest.slice(0, 16)}`
}

export function namespaceOf(root: string): string {
  return createHash('sha256').update(root, 'utf8').digest('hex').slice(0, 16)
}

/** Text cut into values of at most VALUE_MAX bytes of UTF-8, never inside a character. */
export function chunkText(text: string, max = VALUE_MAX): string[] {
  const out: string[] = []
  let start = 0
  while (start < text.length) {
    let end = Math.min(text.length, start + max)
    while (Buffer.byteLength(text.slice(start, end), 'utf8') > max) end--
    // Never split a surrogate pair.
    const last = text.charCodeAt(end - 1)
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--
    out.push(text.slice(start, end))
    start = end
  }
  return out
}

/** What the meta says of a generation: enough to name all its keys. */
export interface GenerationInfo {
  g: string
  b: number
  r: number
  h: number
}

/** A generation with whether its site has a not-found page: what a build's record keeps. */
export interface BuildGeneration extends GenerationInfo {
  n: 0 | 1
}

/**
 * The meta entry's value: the current generation, whether the site has a 404 page, the one before.
 * With atomic deploys (core/site/builds.ts) also the live build `a` (served from `/_builds/<a>/`), the
 * namespace `s` its generation is stored under, the previous live build `v`, the builds that went
 * live, newest first (`k`), and the builds retired with the time they were (`x`, epoch seconds).
 */
export interface SiteMeta extends BuildGeneration {
  p?: GenerationInfo
  a?: string
  s?: string
  v?: string
  /** The previous live build's generation: a file the live build lacks is served from it. */
  q?: BuildGeneration
  k?: string[]
  x?: Array<[string, number]>
}

/** A build id as the store and the viewer functions take it: it becomes part of a URI path. */
export const BUILD_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,47}$/

/** Every key of one generation of a site. */
export function generationKeys(ns: string, info: GenerationInfo): string[] {
  const prefix = `${ns}.${info.g}.`
  const keys: string[] = []
  for (let i = 0; i < 2 ** info.b; i++) keys.push(prefix + i.toString(16))
  for (let i = 0; i < info.r; i++) keys.push(`${prefix}r${i}`)
  for (let i = 0; i < info.h; i++) keys.push(`${prefix}h${i}`)
  return keys
}

/** A meta value as read back; undefined when it is not one this version wrote. */
export function parseMeta(text: string | undefined): SiteMeta | undefined {
  if (text === undefined) return undefined
  try {
    const m = JSON.parse(text) as Partial<SiteMeta>
    const info = (x: Partial<GenerationInfo> | undefined): boolean =>
      !!x &&
      typeof x.g === 'string' &&
      /^[0-9a-f]{8}$/.test(x.g) &&
      [x.b, x.r, x.h].every((n) => Number.isInteger(n) && n! >= 0 && n! <= 64 * 1024) &&
      x.b! <= 16
    if (!info(m)) return undefined
    const p = m.p && info(m.p) ? m.p : undefined
    const id = (x: unknown): x is string => typeof x === 'string' && BUILD_ID.test(x)
    const ids = Array.isArray(m.k) ? m.k.filter(id) : []
    const retired = Array.isArray(m.x)
      ? m.x.filter(
          (e): e is [string, number] =>
            Array.isArray(e) && id(e[0]) && Number.isFinite(e[1] as unknown),
        )
      : []
    return {
      g: m.g!,
      b: m.b!,
      r: m.r!,
      h: m.h!,
      n: m.n === 1 ? 1 : 0,
      ...(p ? { p: { g: p.g, b: p.b, r: p.r, h: p.h } } : {}),
      ...(id(m.a) && typeof m.s === 'string' && /^[0-9a-f]{16}$/.test(m.s)
        ? { a: m.a, s: m.s }
        : {}),
      ...(id(m.v) ? { v: m.v } : {}),
      ...(id(m.v) && m.q && info(m.q)
        ? { q: { g: m.q.g, b: m.q.b, r: m.q.r, h: m.q.h, n: m.q.n === 1 ? 1 : 0 } }
        : {}),
      ...(ids.length > 0 ? { k: ids } : {}),
      ...(retired.length > 0 ? { x: retired.map(([b, t]) => [b, t] as [string, number]) } : {}),
    }
  } catch {
    return undefined
  }
}

/**
 * The entries of a site. `current` is the meta the store holds now: it becomes the previous generation
 * (kept for edges that have not seen the new meta yet), and the one before it is deleted.
 */
export function siteEntries(data: SiteData, current?: SiteMeta): SiteEntries {
  const ns = namespaceOf(data.root)
  const { generation, entries, info } = generationOf(data, ns)
  // An in-place deploy after atomic ones serves the site's own objects again; its builds stay known
  // (a later atomic deploy or rollback finds them, retiring them deletes them).
  const inPlace = current?.a === undefined
  const previous =
    current && inPlace && current.g !== generation
      ? { g: current.g, b: current.b, r: current.r, h: current.h }
      : inPlace
        ? current?.p
        : undefined
  const meta: SiteMeta = {
    ...info,
    ...(previous ? { p: previous } : {}),
    ...(current?.a ? { v: current.a } : current?.v ? { v: current.v } : {}),
    ...(current?.k ? { k: current.k } : {}),
    ...(current?.x ? { x: current.x } : {}),
  }
  // The generation before the previous one; after atomic deploys, the in-place one they kept named.
  const stale =
    current?.p && current.p.g !== generation && (!inPlace || current.g !== generation)
      ? generationKeys(ns, current.p)
      : []
  return { ns, generation, meta: [`${ns}.m`, JSON.stringify(meta)], entries, stale }
}

/** A site's generation under a namespace: its name, its entries and what the meta says of it. */
export function generationOf(
  data: SiteData,
  ns: string,
): { generation: string; entries: Array<[string, string]>; info: BuildGeneration } {
  const redirects = data.redirects.length > 0 ? chunkText(JSON.stringify(data.redirects)) : []
  const headers = data.headers.length > 0 ? chunkText(JSON.stringify(data.headers)) : []
  const generation = createHash('sha256')
    .update(JSON.stringify([data.index, data.notFound, data.version ?? '', redirects, headers]))
    .digest('hex')
    .slice(0, 8)
  const prefix = `${ns}.${generation}.`
  const entries: Array<[string, string]> = data.index.shards.map((shard, i) => [
    prefix + i.toString(16),
    // Values cannot be empty; an empty shard is '-', so that a shard not there (yet) reads as unknown.
    shard === '' ? '-' : shard,
  ])
  redirects.forEach((chunk, i) => entries.push([`${prefix}r${i}`, chunk]))
  headers.forEach((chunk, i) => entries.push([`${prefix}h${i}`, chunk]))
  return {
    generation,
    entries,
    info: {
      g: generation,
      b: data.index.bits,
      n: data.notFound ? 1 : 0,
      r: redirects.length,
      h: headers.length,
    },
  }
}

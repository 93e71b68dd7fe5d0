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
/** Headers for a path pattern: [pattern, [[lower-case name, value], ...]]. */
export type EdgeHeaderRule = [string, Array<[string, string]>]

export interface SiteData {
  /** The site's root as the viewer functions see it: `/`, or `/previews/pr-1/`. */
  root: string
  index: SiteIndex
  /** The site has a not-found page (copied to the state directory with a 404 status). */
  notFound: boolean
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

export function siteEntries(data: SiteData): SiteEntries {
  const ns = namespaceOf(data.root)
  const redirects = data.redirects.length > 0 ? chunkText(JSON.stringify(data.redirects)) : []
  const headers = data.headers.length > 0 ? chunkText(JSON.stringify(data.headers)) : []
  const generation = createHash('sha256')
    .update(JSON.stringify([data.index, data.notFound, redirects, headers]))
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
  const meta = JSON.stringify({
    g: generation,
    b: data.index.bits,
    n: data.notFound ? 1 : 0,
    r: redirects.length,
    h: headers.length,
  })
  return { ns, generation, meta: [`${ns}.m`, meta], entries }
}

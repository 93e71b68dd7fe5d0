/**
 * Listing a prefix: the store gives a function that fetches one ListObjectsV2 page; this splits the key
 * space into ranges listed at once, checks that each range's pages go forward, and turns the pages into
 * the planner's objects.
 */
import { compareKeys, joinKey, siteKeyOf } from '../core/keys.js'
import type { RemoteObject } from '../core/plan.js'

/** One object of a ListObjectsV2 page, as sent. */
export interface ListedObject {
  /** URL-encoded: the listing asks for `encoding-type=url` (see decodeListedKey). */
  key: string
  /** As sent, quotes included. */
  etag: string
  size: number
  lastModified: Date
}

export interface ListPage {
  objects: ListedObject[]
  isTruncated: boolean
  nextContinuationToken: string | undefined
}

/**
 * A key as a listing sent with `encoding-type=url` gives it: percent-encoded, and (as S3 does) a space
 * possibly as `+` (a literal `+` always comes as %2B). The encoding lets a key hold characters that XML
 * 1.0 cannot carry (control characters other tools may have written).
 */
export function decodeListedKey(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    throw new Error(
      `the listing sent the key ${JSON.stringify(value)}, which is not URL-encoded as asked`,
    )
  }
}

/** Keys a ListObjectsV2 page holds at most. */
const LIST_PAGE = 1000

/** One ListObjectsV2 request under the prefix, from StartAfter or a continuation token. */
export type FetchPage = (input: {
  StartAfter?: string
  ContinuationToken?: string
}) => Promise<ListPage>

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (compareKeys(keys[i - 1]!, keys[i]!) > 0) return false
  return true
}

/** An ETag without its quotes (and without a weak marker, which S3 never sends but proxies may). */
export function unquote(etag: string | undefined): string {
  return (etag ?? '').replace(/^W\//, '').replace(/^"|"$/g, '')
}

/**
 * Every object under `prefix`. `known` (site keys the state lists) splits the key space into ranges
 * of fewer than 1,000 keys, listed at once: a listing of 30,000 objects takes one round trip instead
 * of 31 in a row. A range ends at its boundary key; keys the state does not know only make a range
 * take another page.
 */
export async function listObjects(
  prefix: string,
  known: readonly string[],
  fetchPage: FetchPage,
): Promise<RemoteObject[]> {
  const sorted = isSorted(known) ? known : [...known].sort(compareKeys)
  // As many ranges as the known keys (and the state object) fill pages, of equal size, so that each
  // keeps some room for keys the state does not know.
  const count = Math.ceil((sorted.length + 1) / LIST_PAGE)
  const bounds: string[] = []
  for (let i = 1; i < count; i++)
    bounds.push(joinKey(prefix, sorted[Math.floor((i * sorted.length) / count) - 1]!))
  const ranges = await Promise.all(
    [undefined, ...bounds].map((after, i) => listRange(fetchPage, after, bounds[i])),
  )
  const objects: RemoteObject[] = []
  for (const range of ranges)
    for (const item of range) {
      const key = siteKeyOf(prefix, item.key)
      if (key === undefined) continue
      objects.push({
        key,
        etag: unquote(item.etag),
        size: item.size,
        lastModified: item.lastModified,
      })
    }
  return objects
}

/**
 * The objects after `after` (exclusive) up to `until` (inclusive; undefined: to the end), decoded. Each
 * key must come after the one before (and after `after`): a continuation that goes back, repeats or
 * was not honoured fails the listing instead of leaving objects out or counting them twice. A page
 * marked truncated without a continuation token (some S3-compatible stores) is followed by a listing
 * that starts after its last key, as ListObjects (v1) does.
 */
async function listRange(
  fetchPage: FetchPage,
  after: string | undefined,
  until: string | undefined,
): Promise<ListedObject[]> {
  const found: ListedObject[] = []
  const tokens = new Set<string>()
  let last = after
  let input: Parameters<FetchPage>[0] = { StartAfter: after }
  for (;;) {
    const page = await fetchPage(input)
    const before = found.length
    for (const item of page.objects) {
      const key = decodeListedKey(item.key)
      if (last !== undefined && compareKeys(key, last) <= 0)
        throw new Error(
          `the listing went back: ${JSON.stringify(key)} came after ${JSON.stringify(last)} (${describe(input)})`,
        )
      if (until !== undefined && compareKeys(key, until) > 0) return found
      found.push({ key, etag: item.etag, size: item.size, lastModified: item.lastModified })
      last = key
    }
    if (!page.isTruncated) return found
    const token = page.nextContinuationToken
    if (token) {
      if (tokens.has(token))
        throw new Error(
          `the listing gave the continuation token ${JSON.stringify(token)} a second time: it would not end`,
        )
      tokens.add(token)
      input = { ContinuationToken: token }
    } else {
      if (found.length === before)
        throw new Error(
          `the listing said a page was truncated, but gave neither a continuation token nor a key to go on from (${describe(input)})`,
        )
      input = { StartAfter: last }
    }
  }
}

function describe(input: Parameters<FetchPage>[0]): string {
  return input.ContinuationToken !== undefined
    ? `a page asked for by continuation token ${JSON.stringify(input.ContinuationToken)}`
    : input.StartAfter !== undefined
      ? `a page asked for after ${JSON.stringify(input.StartAfter)}`
      : 'the first page'
}

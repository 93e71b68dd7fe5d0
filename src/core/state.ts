/**
 * The remote state: what the action knows about the objects it wrote, kept in one object under the
 * prefix (`.cdn-publish/state.json`), so that a run with nothing to do needs the LIST requests and one GET,
 * not a HEAD per object.
 *
 * The state is a cache, never the truth: an entry is trusted only while the listing still shows the same
 * ETag and size, and the object was not modified after the state was written. Anything else (an object
 * changed by another tool, a lost or corrupt state) is looked at again (plain MD5 ETag, or a HEAD).
 */
import { gunzipSync } from 'node:zlib'
import type { Headers } from './rules.js'

export interface StateEntry {
  etag: string
  /** Lower-case hex MD5 of the content. */
  md5: string
  /** The content's SHA-256 (128 bits, base64url): a file that still has it has this MD5 (local/hashing.ts). */
  sha?: string
  size: number
  contentType: string
  cacheControl: string
  /** A precompressed sibling's Content-Encoding. */
  contentEncoding?: string
  /** A precompressed sibling: the MD5 of the file it was made from. */
  source?: string
}

export interface RemoteState {
  entries: Map<string, StateEntry>
  /** Site keys changed by an earlier run whose invalidation did not happen: purged by the next one. */
  pending: string[]
  /** delete-grace: objects that left the build, with when they left. */
  marks: Map<string, Date>
  /** The time up to which the entries describe the objects (the server's clock), if known. */
  writtenAt: Date | undefined
  /**
   * Keys the writing run changed within its last second and a half before it wrote the state: the only
   * objects of its own that can share the state's Last-Modified second (plan.ts describedBy).
   */
  recent: ReadonlySet<string>
  /** What the last run found on the CDN side (cloudfront/remembered.ts reads it), as stored. */
  cdn?: unknown
}

/**
 * The format written: headers kept once in a table, an entry's MD5 left out when it equals its ETag,
 * each file's SHA-256.
 */
export const STATE_FORMAT = 'cdn-publish/state@3'
/** Earlier formats, still read: @2 had no SHA-256, @1 no headers table. */
export const STATE_FORMAT_V2 = 'cdn-publish/state@2'
export const STATE_FORMAT_V1 = 'cdn-publish/state@1'

export function emptyState(): RemoteState {
  return {
    entries: new Map(),
    pending: [],
    marks: new Map(),
    writtenAt: undefined,
    recent: new Set(),
  }
}

/** What the state body holds besides its entries. */
export interface StateExtras {
  pending?: readonly string[]
  marks?: ReadonlyMap<string, Date>
  cdn?: unknown
  recent?: Iterable<string>
}

/**
 * Serialize: sorted keys, one compact array per entry (`[etag, md5 or '' when it is the ETag, size,
 * index into the headers table, sha or '', source]`, the last two left out when empty). Same entries
 * give the same bytes.
 */
export function encodeState(
  entries: ReadonlyMap<string, StateEntry>,
  extras: StateExtras = {},
): string {
  return [...stateChunks(entries, extras)].join('')
}

/**
 * The same text as encodeState, in pieces of about `size` characters, made as they are taken: a state of
 * 30,000 entries is written at the end of a big run, when memory is at its highest, and as one string it
 * cost ~20 MB of short-lived strings on top.
 */
export function* stateChunks(
  entries: ReadonlyMap<string, StateEntry>,
  { pending = [], marks = new Map<string, Date>(), cdn, recent = [] }: StateExtras = {},
  size = 64 * 1024,
): Generator<string> {
  const keys = [...entries.keys()].sort()
  // One pass over the entries for the headers table, one for the lines.
  // Rows of the headers table by their JSON: [type, cache] or, for a precompressed sibling, [type, cache, encoding].
  const rowOf = (e: StateEntry) =>
    JSON.stringify(
      e.contentEncoding === undefined
        ? [e.contentType, e.cacheControl]
        : [e.contentType, e.cacheControl, e.contentEncoding],
    )
  const index = new Map<string, Map<string, Map<string, number>>>()
  const rowsSeen = new Set<string>()
  for (const entry of entries.values()) {
    let byCache = index.get(entry.contentType)
    if (!byCache) index.set(entry.contentType, (byCache = new Map<string, Map<string, number>>()))
    let byEncoding = byCache.get(entry.cacheControl)
    if (!byEncoding) byCache.set(entry.cacheControl, (byEncoding = new Map<string, number>()))
    if (!byEncoding.has(entry.contentEncoding ?? '')) {
      byEncoding.set(entry.contentEncoding ?? '', 0)
      rowsSeen.add(rowOf(entry))
    }
  }
  const table = [...rowsSeen].sort()
  const at = new Map(table.map((json, i) => [json, i]))
  for (const [type, byCache] of index)
    for (const [cache, byEncoding] of byCache)
      for (const encoding of byEncoding.keys())
        byEncoding.set(
          encoding,
          at.get(
            rowOf({
              etag: '',
              md5: '',
              size: 0,
              contentType: type,
              cacheControl: cache,
              ...(encoding === '' ? {} : { contentEncoding: encoding }),
            }),
          )!,
        )
  const pend =
    pending.length > 0 ? `,"pending":${JSON.stringify([...new Set(pending)].sort())}` : ''
  const markList = [...marks.keys()].sort().map((k) => [k, marks.get(k)!.toISOString()])
  const mark = markList.length > 0 ? `,"marks":${JSON.stringify(Object.fromEntries(markList))}` : ''
  const remembered = cdn === undefined ? '' : `,"cdn":${JSON.stringify(cdn)}`
  const recentKeys = [...new Set(recent)].filter((k) => entries.has(k)).sort()
  const late = recentKeys.length > 0 ? `,"recent":${JSON.stringify(recentKeys)}` : ''
  let chunk = `{"format":${JSON.stringify(STATE_FORMAT)}${pend}${mark}${remembered}${late},"headers":[${table.join(',')}],"entries":{\n`
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    const e = entries.get(key)!
    const row = index
      .get(e.contentType)!
      .get(e.cacheControl)!
      .get(e.contentEncoding ?? '')!
    const md5 = e.md5 === e.etag ? '' : e.md5
    const tail =
      e.source !== undefined
        ? `,"${e.sha ?? ''}",${jsonString(e.source)}`
        : e.sha !== undefined
          ? `,"${e.sha}"`
          : ''
    chunk += `${i > 0 ? ',\n' : ''}${jsonString(key)}:[${jsonString(e.etag)},${jsonString(md5)},${JSON.stringify(e.size)},${row}${tail}]`
    if (chunk.length >= size) {
      yield chunk
      chunk = ''
    }
  }
  yield `${chunk}\n}}\n`
}

/** Characters JSON.stringify would escape in a string (and lone surrogates, which it escapes too). */
// eslint-disable-next-line no-control-regex -- the control characters are what is looked for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/** JSON.stringify(text), without its cost for the usual key, ETag or MD5 (nothing to escape). */
function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`
}

/** The state object's bytes as text: gunzipped when compressed (as written); '' when that fails. */
export function stateText(raw: Buffer): string {
  const gzipped = raw[0] === 0x1f && raw[1] === 0x8b
  try {
    return (gzipped ? gunzipSync(raw) : raw).toString('utf-8')
  } catch {
    return ''
  }
}

const MD5_HEX = /^[0-9a-f]{32}$/
const SHA_TEXT = /^[\w-]{22}$/

/** Parse a state body. Returns undefined (and the reason) when it is not a state this version reads. */
export function decodeState(
  text: string,
  writtenAt: Date | undefined,
): { state: RemoteState } | { problem: string } {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { problem: 'it is not valid JSON' }
  }
  const record = parsed as {
    format?: unknown
    entries?: unknown
    pending?: unknown
    marks?: unknown
    headers?: unknown
    cdn?: unknown
    recent?: unknown
  }
  const v1 = record?.format === STATE_FORMAT_V1
  const v2 = record?.format === STATE_FORMAT_V2
  if (!record || typeof record !== 'object' || (record.format !== STATE_FORMAT && !v1 && !v2))
    return { problem: `its format is not ${STATE_FORMAT}` }
  const table = Array.isArray(record.headers) ? (record.headers as unknown[]) : []
  if (!record.entries || typeof record.entries !== 'object') return { problem: 'it has no entries' }
  const entries = new Map<string, StateEntry>()
  const raw = record.entries as Record<string, unknown>
  for (const key in raw) {
    if (!Object.hasOwn(raw, key)) continue
    const value = raw[key]
    // v2: [etag, md5 or '', size, header index] and, for a precompressed sibling, its source's MD5;
    // v3: [etag, md5 or '', size, header index, sha or '', source], the last two left out when empty.
    if (
      !Array.isArray(value) ||
      (v1 ? value.length !== 5 : value.length < 4 || value.length > (v2 ? 5 : 6))
    )
      continue
    let etag: unknown, md5: unknown, size: unknown, contentType: unknown, cacheControl: unknown
    let contentEncoding: unknown, source: unknown, sha: unknown
    if (v1) [etag, md5, size, contentType, cacheControl] = value as unknown[]
    else {
      // [etag, md5 or '', size, header index]
      const headers = typeof value[3] === 'number' ? table[value[3]] : undefined
      if (!Array.isArray(headers) || (headers.length !== 2 && headers.length !== 3)) continue
      etag = value[0]
      md5 = value[1] === '' ? etag : value[1]
      size = value[2]
      contentType = headers[0]
      cacheControl = headers[1]
      contentEncoding = headers[2]
      if (headers.length === 3 && typeof contentEncoding !== 'string') continue
      const rest = value as unknown[]
      if (v2) source = rest[4]
      else {
        sha = rest[4] === '' ? undefined : rest[4]
        source = rest[5]
      }
      if (source !== undefined && (typeof source !== 'string' || !MD5_HEX.test(source))) continue
      if (sha !== undefined && (typeof sha !== 'string' || !SHA_TEXT.test(sha))) continue
    }
    if (
      typeof etag !== 'string' ||
      typeof md5 !== 'string' ||
      !MD5_HEX.test(md5) ||
      typeof size !== 'number' ||
      typeof contentType !== 'string' ||
      typeof cacheControl !== 'string'
    )
      continue
    entries.set(key, {
      etag,
      md5,
      ...(typeof sha === 'string' ? { sha } : {}),
      size,
      contentType,
      cacheControl,
      ...(typeof contentEncoding === 'string' ? { contentEncoding } : {}),
      ...(typeof source === 'string' ? { source } : {}),
    })
  }
  const pending = Array.isArray(record.pending)
    ? record.pending.filter((k): k is string => typeof k === 'string')
    : []
  const marks = new Map<string, Date>()
  if (record.marks && typeof record.marks === 'object')
    for (const [key, value] of Object.entries(record.marks as Record<string, unknown>)) {
      const time = typeof value === 'string' ? new Date(value) : undefined
      if (time && !Number.isNaN(time.getTime())) marks.set(key, time)
    }
  const recent = new Set(
    Array.isArray(record.recent)
      ? record.recent.filter((k): k is string => typeof k === 'string')
      : [],
  )
  return {
    state: {
      entries,
      pending,
      marks,
      writtenAt,
      recent,
      ...(record.cdn !== undefined ? { cdn: record.cdn } : {}),
    },
  }
}

/** True when two entry maps hold the same entries. */
export function sameEntries(
  a: ReadonlyMap<string, StateEntry>,
  b: ReadonlyMap<string, StateEntry>,
): boolean {
  if (a.size !== b.size) return false
  for (const [key, x] of a) {
    const y = b.get(key)
    if (
      !y ||
      x.etag !== y.etag ||
      x.md5 !== y.md5 ||
      x.sha !== y.sha ||
      x.size !== y.size ||
      x.contentType !== y.contentType ||
      x.cacheControl !== y.cacheControl ||
      x.contentEncoding !== y.contentEncoding ||
      x.source !== y.source
    )
      return false
  }
  return true
}

export function entryHeaders(entry: StateEntry): Headers {
  return {
    contentType: entry.contentType,
    cacheControl: entry.cacheControl,
    ...(entry.contentEncoding !== undefined ? { contentEncoding: entry.contentEncoding } : {}),
  }
}

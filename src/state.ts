/**
 * The remote state: what the action knows about the objects it wrote, kept in one object under the
 * prefix (`.cdn-publish/state.json`), so that a run with nothing to do needs the LIST requests and one GET,
 * not a HEAD per object.
 *
 * The state is a cache, never the truth: an entry is trusted only while the listing still shows the same
 * ETag and size, and the object was not modified after the state was written. Anything else (an object
 * changed by another tool, a lost or corrupt state) is looked at again (plain MD5 ETag, or a HEAD).
 */
import { createHash } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import type { Headers } from './rules.js'

export interface StateEntry {
  etag: string
  /** Lower-case hex MD5 of the content. */
  md5: string
  size: number
  contentType: string
  cacheControl: string
}

export interface RemoteState {
  entries: Map<string, StateEntry>
  /** Site keys changed by an earlier run whose invalidation did not happen: purged by the next one. */
  pending: string[]
  /** delete-grace: objects that left the build, with when they left. */
  marks: Map<string, Date>
  /**
   * The time up to which the body's entries describe the objects (the server's clock), if known; the
   * objects a journal described (`changed`) hold up to the journal's time.
   */
  writtenAt: Date | undefined
  /** The journal read with the state, if any (see Journal). */
  journal?: Journal | undefined
  /** The entries of the state's body, before a journal's changes are added (for the next journal). */
  baseEntries?: ReadonlyMap<string, StateEntry>
  /** When the body was written: the journal's `base`, or the object's Last-Modified without one. */
  baseWrittenAt?: Date | undefined
  /** The state object's ETag when read (a journal is copied onto that object only). */
  etag?: string | undefined
  /** Site keys of the objects that differ from the body and that the journal described. */
  changed?: ReadonlySet<string>
}

/** The format written: headers kept once in a table, an entry's MD5 left out when it equals its ETag. */
export const STATE_FORMAT = 'cdn-publish/state@2'
/** The first format, still read. */
export const STATE_FORMAT_V1 = 'cdn-publish/state@1'

export function emptyState(): RemoteState {
  return { entries: new Map(), pending: [], marks: new Map(), writtenAt: undefined }
}

/**
 * Serialize: sorted keys, one compact array per entry (`[etag, md5 or '' when it is the ETag, size,
 * index into the headers table]`). Same entries give the same bytes.
 */
export function encodeState(
  entries: ReadonlyMap<string, StateEntry>,
  pending: readonly string[] = [],
  marks: ReadonlyMap<string, Date> = new Map(),
): string {
  return [...stateChunks(entries, pending, marks)].join('')
}

/**
 * The same text as encodeState, in pieces of about `size` characters, made as they are taken: a state of
 * 30,000 entries is written at the end of a big run, when memory is at its highest, and as one string it
 * cost ~20 MB of short-lived strings on top.
 */
export function* stateChunks(
  entries: ReadonlyMap<string, StateEntry>,
  pending: readonly string[] = [],
  marks: ReadonlyMap<string, Date> = new Map(),
  size = 64 * 1024,
): Generator<string> {
  const keys = [...entries.keys()].sort()
  // One pass over the entries for the headers table, one for the lines.
  const index = new Map<string, Map<string, number>>()
  for (const entry of entries.values()) {
    let byCache = index.get(entry.contentType)
    if (!byCache) index.set(entry.contentType, (byCache = new Map()))
    byCache.set(entry.cacheControl, 0)
  }
  const rows = [...index]
    .flatMap(([type, byCache]) =>
      [...byCache.keys()].map((cache) => ({ type, cache, json: JSON.stringify([type, cache]) })),
    )
    .sort((a, b) => (a.json < b.json ? -1 : a.json > b.json ? 1 : 0))
  rows.forEach((row, i) => index.get(row.type)!.set(row.cache, i))
  const table = rows.map((row) => row.json)
  const pend =
    pending.length > 0 ? `,"pending":${JSON.stringify([...new Set(pending)].sort())}` : ''
  const markList = [...marks.keys()].sort().map((k) => [k, marks.get(k)!.toISOString()])
  const mark = markList.length > 0 ? `,"marks":${JSON.stringify(Object.fromEntries(markList))}` : ''
  let chunk = `{"format":${JSON.stringify(STATE_FORMAT)}${pend}${mark},"headers":[${table.join(',')}],"entries":{\n`
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    const e = entries.get(key)!
    const at = index.get(e.contentType)!.get(e.cacheControl)!
    const md5 = e.md5 === e.etag ? '' : e.md5
    chunk += `${i > 0 ? ',\n' : ''}${jsonString(key)}:[${jsonString(e.etag)},${jsonString(md5)},${JSON.stringify(e.size)},${at}]`
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
  }
  const v1 = record?.format === STATE_FORMAT_V1
  if (!record || typeof record !== 'object' || (record.format !== STATE_FORMAT && !v1))
    return { problem: `its format is not ${STATE_FORMAT}` }
  const table = Array.isArray(record.headers) ? (record.headers as unknown[]) : []
  if (!record.entries || typeof record.entries !== 'object') return { problem: 'it has no entries' }
  const entries = new Map<string, StateEntry>()
  const raw = record.entries as Record<string, unknown>
  for (const key in raw) {
    if (!Object.hasOwn(raw, key)) continue
    const value = raw[key]
    if (!Array.isArray(value) || value.length !== (v1 ? 5 : 4)) continue
    let etag: unknown, md5: unknown, size: unknown, contentType: unknown, cacheControl: unknown
    if (v1) [etag, md5, size, contentType, cacheControl] = value as unknown[]
    else {
      // [etag, md5 or '', size, header index]
      const headers = typeof value[3] === 'number' ? table[value[3]] : undefined
      if (!Array.isArray(headers) || headers.length !== 2) continue
      etag = value[0]
      md5 = value[1] === '' ? etag : value[1]
      size = value[2]
      contentType = headers[0]
      cacheControl = headers[1]
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
    entries.set(key, { etag, md5, size, contentType, cacheControl })
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
  return { state: { entries, pending, marks, writtenAt } }
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
      x.size !== y.size ||
      x.contentType !== y.contentType ||
      x.cacheControl !== y.cacheControl
    )
      return false
  }
  return true
}

export function entryHeaders(entry: StateEntry): Headers {
  return { contentType: entry.contentType, cacheControl: entry.cacheControl }
}

/**
 * The journal: what changed since the state's body was written, kept in the state object's own user
 * metadata (`x-amz-meta-cdnp-journal`) and written by a CopyObject of the state onto itself, so a run
 * that changed a few files sends no state bytes. It holds only what the listing cannot show: a digest
 * of every object that differs from the body (key, ETag, size, MD5, headers), the MD5s that are not
 * their object's ETag (multipart, SSE-KMS), and the pending invalidations. The next run recomputes the
 * digest from the listing and its own rules and trusts those objects only when it matches; otherwise
 * they are read again (HEAD), as objects the state does not describe.
 */
export interface Journal {
  /** When the state's body was written (the objects it describes are not newer). */
  base: Date
  /** When the journal was written: the state object's Last-Modified. */
  time: Date | undefined
  /** How many objects differ from the body, and their digest (changesDigest). */
  count: number
  digest: string
  /** MD5 (hex) by site key, for those objects whose MD5 is not their ETag. */
  md5s: Record<string, string>
  pending: string[]
}

/** The metadata key (S3 lower-cases it), and the most a journal may take of S3's 2 kB of metadata. */
export const JOURNAL_METADATA = 'cdnp-journal'
export const JOURNAL_LIMIT = 1800

/** The journal as a metadata value (ASCII only); undefined when it does not fit. */
export function encodeJournal(journal: Omit<Journal, 'time'>): string | undefined {
  const text = encodeURIComponent(
    JSON.stringify({
      v: 1,
      base: journal.base.toISOString(),
      n: journal.count,
      d: journal.digest,
      md5s: journal.md5s,
      ...(journal.pending.length > 0 ? { pending: [...new Set(journal.pending)].sort() } : {}),
    }),
  )
  return text.length <= JOURNAL_LIMIT ? text : undefined
}

/** Read a journal back; undefined when it is absent or not one this version reads. */
export function decodeJournal(
  value: string | undefined,
  time: Date | undefined,
): Journal | undefined {
  if (!value) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(decodeURIComponent(value))
  } catch {
    return undefined
  }
  const j = parsed as {
    v?: unknown
    base?: unknown
    n?: unknown
    d?: unknown
    md5s?: unknown
    pending?: unknown
  }
  const base = typeof j?.base === 'string' ? new Date(j.base) : undefined
  if (
    j?.v !== 1 ||
    !base ||
    Number.isNaN(base.getTime()) ||
    typeof j.n !== 'number' ||
    typeof j.d !== 'string' ||
    !j.md5s ||
    typeof j.md5s !== 'object'
  )
    return undefined
  const md5s: Record<string, string> = {}
  for (const [key, md5] of Object.entries(j.md5s as Record<string, unknown>)) {
    if (typeof md5 !== 'string' || !MD5_HEX.test(md5)) return undefined
    md5s[key] = md5
  }
  const pending = Array.isArray(j.pending)
    ? j.pending.filter((k): k is string => typeof k === 'string')
    : []
  return { base, time, count: j.n, digest: j.d, md5s, pending }
}

/** The digest of a set of state entries, by key (order-independent). */
export function changesDigest(entries: ReadonlyMap<string, StateEntry>): string {
  const hash = createHash('sha256')
  for (const key of [...entries.keys()].sort()) {
    const e = entries.get(key)!
    hash.update(JSON.stringify([key, e.etag, e.md5, e.size, e.contentType, e.cacheControl]))
    hash.update('\n')
  }
  return hash.digest('base64url')
}

/**
 * Atomic deploys: each deploy is a build under `<base prefix>/_builds/<build-id>/`, and the site's meta
 * in the KeyValueStore names the live one (store-layout.ts SiteMeta `a`), so going live, rolling back
 * and promoting a preview are one write. This module decides the build id, the meta that makes a build
 * live, which builds to retire and when they may go, and which build a rollback means. Pure.
 */
import { createHash } from 'node:crypto'
import { BUILDS_DIR, STATE_DIR, joinKey } from '../keys.js'
import type { Headers } from '../rules.js'
import {
  BUILD_ID,
  VALUE_MAX,
  namespaceOf,
  type BuildGeneration,
  type SiteMeta,
} from './store-layout.js'

/** Written last into a build: a build without it is not complete (a failed or running deploy). */
export const BUILD_RECORD = `${STATE_DIR}/build.json`

export interface BuildRecord {
  id: string
  /** The site root that deployed it (`/`, `/previews/pr-1/`). */
  root: string
  sha?: string | undefined
  /** Names its content: every file's key, MD5 and headers (buildDigest). */
  digest: string
  files: number
  bytes: number
  /** When it was completed (ISO 8601). */
  at: string
  /** Its routing data's generation, stored under buildNamespace(id). */
  site: BuildGeneration
}

/** Where a build's objects live, under the base prefix. */
export function buildPrefix(basePrefix: string, id: string): string {
  return joinKey(basePrefix, `${BUILDS_DIR}/${id}`)
}

/** The store namespace of a build's routing data: shared by every site root that serves it. */
export function buildNamespace(id: string): string {
  return namespaceOf(`/${BUILDS_DIR}/${id}/`)
}

/** What names a build's content: each file's key, MD5 and headers, in key order. */
export function buildDigest(
  files: ReadonlyArray<{ key: string; md5: string; headers: Headers }>,
): string {
  const hash = createHash('sha256')
  for (const f of [...files].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)))
    hash.update(`${f.key}\0${f.md5}\0${JSON.stringify(f.headers)}\n`)
  return hash.digest('hex')
}

/**
 * The ids a build may take, in order: the commit's 12 hex digits; when that build exists with other
 * bytes (a rebuild of the same commit that differs), with the run attempt, then a counter. Without a
 * commit (a local run), the content's own digest.
 */
export function buildCandidates(
  sha: string | undefined,
  attempt: string,
  digest: string,
): string[] {
  if (!sha || !/^[0-9a-f]{7,64}$/i.test(sha)) return [`content-${digest.slice(0, 12)}`]
  const short = sha.toLowerCase().slice(0, 12)
  const run = /^[0-9]{1,9}$/.test(attempt) ? attempt : '1'
  return [short, `${short}-${run}`, ...[2, 3, 4, 5].map((n) => `${short}-${run}-${n}`)]
}

export function encodeRecord(record: BuildRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`
}

/** A build record as read back; undefined when it is not one this version wrote. */
export function parseRecord(text: string): BuildRecord | undefined {
  try {
    const r = JSON.parse(text) as Partial<BuildRecord>
    const site = r.site
    if (
      typeof r.id !== 'string' ||
      !BUILD_ID.test(r.id) ||
      typeof r.root !== 'string' ||
      typeof r.digest !== 'string' ||
      typeof r.at !== 'string' ||
      !site ||
      typeof site.g !== 'string' ||
      !/^[0-9a-f]{8}$/.test(site.g) ||
      ![site.b, site.r, site.h].every((n) => Number.isInteger(n) && n >= 0 && n <= 64 * 1024) ||
      site.b > 16
    )
      return undefined
    return {
      id: r.id,
      root: r.root,
      sha: typeof r.sha === 'string' ? r.sha : undefined,
      digest: r.digest,
      files: Number(r.files) || 0,
      bytes: Number(r.bytes) || 0,
      at: r.at,
      site: { g: site.g, b: site.b, r: site.r, h: site.h, n: site.n === 1 ? 1 : 0 },
    }
  } catch {
    return undefined
  }
}

/** Whether a site's meta still needs a build: live, previous, kept or retired (not yet deleted). */
export function holds(meta: SiteMeta | undefined, id: string): boolean {
  if (!meta) return false
  return (
    meta.a === id ||
    meta.v === id ||
    (meta.k ?? []).includes(id) ||
    (meta.x ?? []).some(([b]) => b === id)
  )
}

/**
 * The meta that makes `id` live: its generation, the build that was live becomes the previous one, the
 * build heads the list of builds that went live (and leaves the retired ones, if it was there).
 */
export function liveMeta(
  current: SiteMeta | undefined,
  id: string,
  site: BuildGeneration,
): SiteMeta {
  const switching = current?.a !== undefined && current.a !== id
  const previous = switching ? current.a : current?.v
  // The previous build's generation, so the edge serves an old page's files the new build lacks.
  const before: BuildGeneration | undefined = switching
    ? { g: current.g, b: current.b, r: current.r, h: current.h, n: current.n }
    : current?.q
  const x = (current?.x ?? []).filter(([b]) => b !== id)
  return {
    ...site,
    // The in-place generation stays named, so that a return to in-place deploys removes it.
    ...(current?.a === undefined && current
      ? { p: { g: current.g, b: current.b, r: current.r, h: current.h } }
      : current?.p
        ? { p: current.p }
        : {}),
    a: id,
    s: buildNamespace(id),
    ...(previous !== undefined && previous !== id
      ? { v: previous, ...(before ? { q: before } : {}) }
      : {}),
    k: [id, ...(current?.k ?? []).filter((b) => b !== id)],
    ...(x.length > 0 ? { x } : {}),
  }
}

export interface Retirement {
  /** The meta to write: builds past `keep` moved to the retired list. */
  meta: SiteMeta
  /** Retired builds whose grace is over (or that no longer fit in the meta): to delete now. */
  expired: string[]
  /** Builds retired by this run. */
  retired: string[]
}

/**
 * Keep the `keep` newest builds that went live, and always the live and the previous one; retire the
 * others, and say which retired builds may be deleted (retired at least `graceSeconds` ago). The meta
 * must fit one KeyValueStore value: the oldest retired builds go first when it would not.
 */
export function retire(
  meta: SiteMeta,
  keep: number,
  nowSeconds: number,
  graceSeconds: number,
): Retirement {
  const k = meta.k ?? []
  const kept = k.filter((b, i) => i < keep || b === meta.a || b === meta.v)
  const retired = k.filter((b) => !kept.includes(b))
  const x: Array<[string, number]> = [
    ...(meta.x ?? []).filter(([b]) => !kept.includes(b)),
    ...retired
      .filter((b) => !(meta.x ?? []).some(([r]) => r === b))
      .map((b) => [b, nowSeconds] as [string, number]),
  ]
  const expired = x.filter(([, t]) => t + graceSeconds <= nowSeconds).map(([b]) => b)
  const next: SiteMeta = { ...meta, k: kept }
  if (x.length > 0) next.x = x
  else delete next.x
  // Over 1 KB: the oldest retired builds are deleted now, grace or not.
  while (Buffer.byteLength(JSON.stringify(next)) > VALUE_MAX && next.x && next.x.length > 0) {
    const [oldest] = next.x
    next.x = next.x.slice(1)
    if (!expired.includes(oldest![0])) expired.push(oldest![0])
  }
  return { meta: next, expired, retired }
}

/** The meta once `deleted` builds are gone from the retired list. */
export function withoutRetired(meta: SiteMeta, deleted: readonly string[]): SiteMeta {
  const x = (meta.x ?? []).filter(([b]) => !deleted.includes(b))
  const next: SiteMeta = { ...meta }
  if (x.length > 0) next.x = x
  else delete next.x
  return next
}

/**
 * The build a rollback means: `want` (a build id, or a commit SHA of at least 7 hex digits: its newest
 * build that went live), or the previous live build. An error text when there is none.
 */
export function rollbackTarget(
  meta: SiteMeta | undefined,
  want: string | undefined,
): { id: string } | { error: string } {
  if (!meta?.a)
    return {
      error:
        'the site has no live build (it was never deployed with atomic: true, or its routing data is gone)',
    }
  if (want === undefined || want === '') {
    if (meta.v === undefined)
      return { error: `build ${meta.a} is live and there is no previous build` }
    return { id: meta.v }
  }
  const known = [...(meta.k ?? []), ...(meta.x ?? []).map(([b]) => b), ...(meta.v ? [meta.v] : [])]
  if (known.includes(want)) return { id: want }
  if (/^[0-9a-f]{7,40}$/i.test(want)) {
    const sha = want.toLowerCase()
    // A build id starts with the commit's 12 hex digits: a shorter SHA is a prefix of them, a longer one starts with them.
    const match = known.find((b) => {
      const head = b.split('-')[0]!
      return head.length === 12 && (sha.length <= 12 ? head.startsWith(sha) : sha.startsWith(head))
    })
    if (match) return { id: match }
    // Not in this site's history (another site root's build, say): the bucket's record decides.
    if (sha.length >= 12) return { id: sha.slice(0, 12) }
  }
  if (BUILD_ID.test(want)) return { id: want }
  return { error: `${JSON.stringify(want)} is neither a build id nor a commit SHA` }
}

/**
 * What the edge knows about a site's files: whether a path is a file of the build, and which
 * precompressed siblings it has. The viewer functions read it from the distribution's KeyValueStore,
 * whose values hold at most 1 KB, so the set is split into shards of fixed-width records: a path's
 * SHA-256 picks its shard (the first 4 hex digits) and names it within (the next 12, 48 bits: with
 * 30,000 files a missing path is taken for a file about once in 10^10 lookups). Paths themselves are
 * not stored, so a site of 30,000 files takes ~400 KB of the store's 5 MB. Pure.
 */
import { createHash } from 'node:crypto'

/** Flags of a record (one hex digit). */
export const FILE = 1
export const HAS_BR = 2
export const HAS_GZIP = 4
/** A directory (`v1/`) that holds a deploy of its own (a release): the edge serves it as it is. */
export const NESTED = 8

/** One record: 12 hex digits of fingerprint and one of flags. */
export const RECORD = 13
/** KeyValueStore values are at most 1 KB (CloudFront KeyValueStore quotas); records per shard at most. */
export const MAX_RECORDS = Math.floor(1024 / RECORD)
/** Shards are sized for about this many records, so that a shard rarely overflows. */
const TARGET_RECORDS = 40
/** 2^16 shards at most: the shard is taken from the first 4 hex digits. */
const MAX_BITS = 16

export interface IndexedFile {
  /** The path under the site's root, as S3 keys are: `docs/index.html`. */
  path: string
  flags: number
}

export interface SiteIndex {
  /** log2 of the number of shards. */
  bits: number
  /** The shards' values, by shard number: sorted records. */
  shards: string[]
}

/** The SHA-256 of a path (UTF-8) in hex: the viewer function computes the same with its crypto module. */
export function pathHash(path: string): string {
  return createHash('sha256').update(path, 'utf8').digest('hex')
}

function shardOf(hash: string, bits: number): number {
  return bits === 0 ? 0 : parseInt(hash.slice(0, 4), 16) >>> (16 - bits)
}

/** Split the files into shards, each within the value limit. */
export function buildIndex(files: readonly IndexedFile[]): SiteIndex {
  const hashed = files.map((f) => ({ hash: pathHash(f.path), flags: f.flags }))
  let bits = 0
  while (bits < MAX_BITS && hashed.length > TARGET_RECORDS * 2 ** bits) bits++
  for (;;) {
    const shards: string[][] = Array.from({ length: 2 ** bits }, () => [])
    for (const h of hashed)
      shards[shardOf(h.hash, bits)]!.push(h.hash.slice(4, 16) + h.flags.toString(16))
    if (bits === MAX_BITS || shards.every((s) => s.length <= MAX_RECORDS))
      return { bits, shards: shards.map((s) => s.sort().join('')) }
    bits++
  }
}

/** A path's flags (0: not a file), as the viewer function finds them: the reference the tests hold it to. */
export function lookup(index: SiteIndex, path: string): number {
  const hash = pathHash(path)
  const shard = index.shards[shardOf(hash, index.bits)] ?? ''
  const id = hash.slice(4, 16)
  for (let i = 0; i + RECORD <= shard.length; i += RECORD)
    if (shard.slice(i, i + 12) === id) return parseInt(shard.charAt(i + 12), 16)
  return 0
}

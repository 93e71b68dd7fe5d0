/**
 * Object keys: how a file's path relative to the source becomes a key under the prefix, and back.
 * Keys use `/`, are Unicode NFC, and are joined to the prefix without `//` or a leading `/`.
 */

import { hasUnsafeCharacter } from './text.js'

/** The directory under the prefix where the action keeps its state; never part of the site. */
export const STATE_DIR = '.cdn-publish'
export const STATE_KEY = `${STATE_DIR}/state.json`
/** Atomic deploys' builds, under the base prefix: `_builds/<build-id>/` (core/site/builds.ts). */
export const BUILDS_DIR = '_builds'

/** S3's limit on a key's length, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024

/**
 * True when text holds a control, invisible or invalid character (text.ts hasUnsafeCharacter): refused
 * in names, prefixes and globs.
 */
export function hasControlCharacter(text: string): boolean {
  return hasUnsafeCharacter(text)
}

/** Path relative to the source (any separator) to a site key: `/`-separated and NFC. */
export function toSiteKey(relativePath: string, separator = '/'): string {
  const posix = separator === '/' ? relativePath : relativePath.split(separator).join('/')
  return posix.normalize('NFC')
}

/** Join a prefix ('' for the root) and a site key. */
export function joinKey(prefix: string, siteKey: string): string {
  if (prefix === '') return siteKey
  return `${prefix}/${siteKey}`
}

/** The listing prefix for a configured prefix: '' or `prefix/`, so that `site` never matches `site2/`. */
export function listPrefix(prefix: string): string {
  return prefix === '' ? '' : `${prefix}/`
}

/** A full key back to its site key, or undefined when it is not under the prefix. */
export function siteKeyOf(prefix: string, key: string): string | undefined {
  const start = listPrefix(prefix)
  if (!key.startsWith(start)) return undefined
  const rest = key.slice(start.length)
  return rest === '' ? undefined : rest
}

/** True for keys the action owns for itself (its state), which the plan never touches. */
export function isReservedKey(siteKey: string): boolean {
  return siteKey === STATE_DIR || siteKey.startsWith(`${STATE_DIR}/`)
}

/** RFC 3986 percent-encoding (unreserved characters kept): key segments in paths, SigV4 query values. */
export function uriEscape(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/** A key as S3 expects it in a path: every segment percent-encoded (RFC 3986 unreserved kept). */
export function encodeKey(key: string): string {
  return key.split('/').map(uriEscape).join('/')
}

/** Code-point order, the order S3 lists keys in (UTF-8 byte order equals code-point order). */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    const surrogate = (x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)
    return surrogate ? a.codePointAt(i)! - b.codePointAt(i)! : x - y
  }
  return a.length - b.length
}

/**
 * Glob parsing and matching. Every glob the action takes (include, exclude, cache-control rules,
 * metadata) goes through here, so they all share one syntax:
 * - relative to the source directory, `/` as separator;
 * - a glob without `/` matches the file name at any depth (`*.map` = `**\/*.map`), as in .gitignore;
 * - `**` matches any number of directories; braces, brackets and extglobs as in picomatch.
 */
import picomatch from 'picomatch'
import { hasControlCharacter } from './keys.js'

export type Matcher = (key: string) => boolean

export interface GlobOptions {
  /** Whether `*` and `**` match names that start with a dot. */
  dot: boolean
}

/** Why a glob is unusable, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'a glob must not be empty'
  if (hasControlCharacter(glob)) return 'a glob must not contain control characters'
  if (glob.startsWith('/'))
    return 'globs are relative to the source directory and must not start with "/"'
  if (glob.split('/').includes('..')) return 'a glob must not contain a ".." segment'
  if (glob.startsWith('!')) return 'negated globs are not supported here; use the exclude input'
  try {
    picomatch.makeRe(glob, { strictBrackets: true })
  } catch (error) {
    return `it does not parse (${(error as Error).message})`
  }
  return undefined
}

/** Matcher for one glob (assumed valid: check with globProblem first). */
export function compileGlob(glob: string, options: GlobOptions): Matcher {
  // picomatch's own `basename` option mishandles globs that do contain a `/`, so anchor by hand.
  const anchored = glob.includes('/') ? glob : `**/${glob}`
  return picomatch(anchored, { dot: options.dot, strictBrackets: true })
}

/** A matcher that is true when any glob matches. */
export function anyMatcher(globs: readonly string[], options: GlobOptions): Matcher {
  const matchers = globs.map((glob) => compileGlob(glob, options))
  if (matchers.length === 0) return () => false
  return (key) => matchers.some((match) => match(key))
}

/** Split a multi-line (or, with `commas`, comma-separated) input into trimmed entries; `#` starts a comment line. */
export function splitList(value: string, commas = false): string[] {
  const parts = value.split(commas ? /[\n,]/ : /\n/)
  return parts.map((part) => part.trim()).filter((part) => part !== '' && !part.startsWith('#'))
}

/**
 * True when a glob's last segment has literal text (`*.pem`, `server.key`), so that it names a kind of
 * file on purpose, as opposed to a catch-all like `**`, `*`, `*.*` or `assets/**`.
 */
export function namesFilesExplicitly(glob: string): boolean {
  const last = glob.split('/').pop() ?? ''
  return /[^*?.]/.test(last)
}

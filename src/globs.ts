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

/** The regular expression of one glob (assumed valid: check with globProblem first). */
function globRegExp(glob: string, options: GlobOptions): RegExp {
  // picomatch's own `basename` option mishandles globs that do contain a `/`, so anchor by hand.
  const anchored = glob.includes('/') ? glob : `**/${glob}`
  return picomatch.makeRe(anchored, { dot: options.dot, strictBrackets: true })
}

/** One regular expression that matches when any of `res` does. */
function union(res: readonly RegExp[]): RegExp | undefined {
  return res.length === 0 ? undefined : new RegExp(res.map((re) => `(?:${re.source})`).join('|'))
}

/**
 * A matcher that is true when any glob matches: one regular expression for all of them (a deploy
 * tests every key against the secret, metadata and rule globs, ~80 of them, so this is its hot path),
 * plus picomatch's rule that a key equal to a glob matches it (`a[1].txt` names that file literally).
 * With `dot`, a glob without `/` is tested against the file name alone, which is what `**\/` before it
 * would match, at a fraction of the cost.
 */
export function anyMatcher(globs: readonly string[], options: GlobOptions): Matcher {
  if (globs.length === 0) return () => false
  const literal = new Set(globs)
  const byName = options.dot ? globs.filter((glob) => !glob.includes('/')) : []
  const name = union(
    byName.map((glob) => picomatch.makeRe(glob, { dot: true, strictBrackets: true })),
  )
  const full = union(
    globs.filter((glob) => !byName.includes(glob)).map((glob) => globRegExp(glob, options)),
  )
  return (key) =>
    (name !== undefined && name.test(key.slice(key.lastIndexOf('/') + 1))) ||
    (full !== undefined && full.test(key)) ||
    literal.has(key)
}

/** Matcher for one glob (assumed valid: check with globProblem first). */
export function compileGlob(glob: string, options: GlobOptions): Matcher {
  return anyMatcher([glob], options)
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

/**
 * Glob parsing and matching. Every glob the action takes (include, exclude, cache-control and
 * content-type rules, metadata, the credential list) goes through here, so they all share one syntax:
 * - relative to the source directory, `/` as separator;
 * - a glob without `/` matches the file name at any depth (`*.map` = `**\/*.map`), as in .gitignore;
 * - `*`, `?`, `**` (any number of directories), `[...]` classes (`[!...]`/`[^...]`, ranges,
 *   `[:alpha:]`), braces `{a,b}` (nested, `{1..3}`, `{a..c}`), extglobs `@(a|b)`, `?(...)`, `+(...)`,
 *   `*(...)`, `!(...)`, `\` to escape, as in picomatch;
 * - a key equal to the glob matches it (`a[1].txt` names that file literally).
 * Matching never backtracks (src/glob-automaton.ts): its cost is linear in the key's length times the
 * glob's size, whatever the glob. What cannot be matched that way is refused by globProblem.
 */
import { hasControlCharacter } from './keys.js'
import { compile, Dfa, hasNegation, simulate } from './glob-automaton.js'
import { GlobError, literalText, parseGlob, type Segment } from './glob-parse.js'

export type Matcher = (key: string) => boolean

export interface GlobOptions {
  /** Whether wildcards (`*`, `?`, `**`, classes) match a `.` that starts a name. */
  dot: boolean
}

/** Why a glob is unusable, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'a glob must not be empty'
  if (hasControlCharacter(glob)) return 'a glob must not contain control characters'
  if (glob.startsWith('/'))
    return 'globs are relative to the source directory and must not start with "/"'
  if (glob.split('/').includes('..')) return 'a glob must not contain a ".." segment'
  if (glob.startsWith('!') && !glob.startsWith('!('))
    return 'negated globs are not supported here; use the exclude input'
  try {
    parseGlob(glob)
  } catch (error) {
    if (!(error instanceof GlobError)) throw error
    return error.message.startsWith('does not parse') ? `it ${error.message}` : error.message
  }
  return undefined
}

function parsed(glob: string): Segment[][] {
  try {
    return parseGlob(glob)
  } catch (error) {
    if (error instanceof GlobError) throw new Error(`Invalid glob "${glob}": ${error.message}`)
    throw error
  }
}

const GLOBSTAR: Segment = [{ kind: 'globstar' }]
const isStar = (segment: Segment, k: number) =>
  segment[k]?.kind === 'star' || segment[k]?.kind === 'globstar'

/** Whether a directory segment of the key (not its name) starts with `.`. */
function inHiddenDirectory(key: string, slash: number): boolean {
  if (slash < 0) return false
  return key.charCodeAt(0) === 46 || key.lastIndexOf('/.', slash - 1) >= 0
}

/**
 * A matcher that is true when any glob matches. A deploy tests every key against the credential,
 * metadata and rule globs (~80), so the usual shapes skip the automaton: a file name (a Set), `*.ext`
 * and `name*.ext` (endsWith/startsWith on the name), `dir/**` (startsWith); the rest share one
 * automaton.
 */
export function anyMatcher(globs: readonly string[], options: GlobOptions): Matcher {
  if (globs.length === 0) return () => false
  const { dot } = options
  const literal = new Set(globs)
  const names = new Set<string>()
  const affixes: Array<[prefix: string, suffix: string]> = []
  const directories: string[] = []
  const general: Segment[][] = []
  for (const glob of globs) {
    const anchored = !glob.includes('/')
    for (const segments of parsed(glob)) {
      const last = segments.at(-1)!
      if (anchored) {
        const star = last.findIndex((n) => n.kind !== 'char')
        const name = literalText(last)
        const prefix = literalText(last.slice(0, star))
        const suffix = literalText(last.slice(star + 1))
        if (name !== undefined) names.add(name)
        else if (isStar(last, star) && prefix !== undefined && suffix !== undefined)
          affixes.push([prefix, suffix])
        else general.push([GLOBSTAR, ...segments])
        continue
      }
      const parents = segments.slice(0, -1).map(literalText)
      if (
        parents.length > 0 &&
        last.length === 1 &&
        last[0]!.kind === 'globstar' &&
        parents.every((p) => p !== undefined)
      )
        directories.push(parents.join('/'))
      else general.push(segments)
    }
  }
  const program = general.length > 0 ? compile(general, dot) : undefined
  const automaton =
    program === undefined
      ? undefined
      : hasNegation(program)
        ? (key: string) => simulate(program, key)
        : (
            (dfa) => (key: string) =>
              dfa.matches(key)
          )(new Dfa(program))

  return (key) => {
    if (literal.has(key)) return true
    const slash = key.lastIndexOf('/')
    if (dot || !inHiddenDirectory(key, slash)) {
      const name = slash < 0 ? key : key.slice(slash + 1)
      if (names.has(name)) return true
      for (const [prefix, suffix] of affixes)
        if (
          name.length >= prefix.length + suffix.length &&
          name.startsWith(prefix) &&
          name.endsWith(suffix) &&
          // `*.txt` does not match `.txt` unless `dot`, as in bash.
          (dot || prefix !== '' || name.charCodeAt(0) !== 46)
        )
          return true
    }
    for (const directory of directories)
      if (
        key.startsWith(directory) &&
        (key.length === directory.length || key.charCodeAt(directory.length) === 47) &&
        (dot || !key.includes('/.', directory.length))
      )
        return true
    return automaton !== undefined && automaton(key)
  }
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
 * True when a glob names its files literally: its last segment (the file name) has no wildcard, class,
 * brace, extglob or escape, as in `keys/public.pem`, `deploy/id_rsa`, `.npmrc`. Only such a glob may
 * publish a file that looks like a credential, and only the files it names; a catch-all such as
 * `**\/!(*.map)`, `**\/{*,.*}` or `*.pem` never does.
 */
export function namesFileLiterally(glob: string): boolean {
  const last = glob.slice(glob.lastIndexOf('/') + 1)
  return last !== '' && !/[*?[\]{}()\\]/.test(last)
}

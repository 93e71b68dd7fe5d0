/**
 * The walk of the source: fast-glob reads the tree, the project's policy decides what is in it.
 *
 * fast-glob is given the pattern `**` and nothing of the user's: include and exclude are matched by
 * core/globs.ts in linear time, never by fast-glob's micromatch, which backtracks on hostile globs. It
 * does not follow symbolic links either (followSymbolicLinks follows every link, outside the source
 * too): each link comes out as an entry, is resolved here, and is followed only when its real target
 * lies inside the source, a directory link by a walk of its own (a link back to a directory it lies in
 * ends there, so a loop ends).
 *
 * The policy sees every name as fast-glob reads it, through fast-glob's `fs` option, because fast-glob's
 * own matcher drops a path with a line break (\n, \r, U+2028, U+2029: its `**` is a regular expression
 * whose `.` stops there) without a word: such a name must be refused, not lost. The same reader leaves
 * out the directories the filter would not enter (hidden ones, the state, previews), so fast-glob
 * never reads them, rather than the filter being restated as micromatch ignore patterns.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import fg from 'fast-glob'
import { PreflightError, errorMessage } from '../core/errors.js'
import type { Filter, Verdict } from '../core/filter.js'
import { hasControlCharacter, toSiteKey } from '../core/keys.js'
import { firstUnsafe, quoted } from '../core/text.js'
import type { Hasher } from './hasher.js'

export interface Found {
  key: string
  path: string
  /** Its index in the Hasher the walk fed, if any. */
  hashId?: number
}

export interface Walked {
  found: Found[]
  /** Files the filter left out, with why (for the log: what was held back). */
  skipped: Array<{ key: string; verdict: Exclude<Verdict, 'included'> }>
}

/** A directory fast-glob walks: the source, or the real target of a directory link inside it. */
interface Tree {
  /** Real path. */
  dir: string
  /** Its site key ('' for the source). */
  key: string
  /**
   * Real paths of the directories from the source down to this one: a link back to one of them is a
   * loop. (Not a global visited set: a link to a sibling directory publishes it under both names.)
   */
  ancestors: readonly string[]
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/** Walk `root` (a real path): the files the filter selects, in no order, and what it left out. */
export async function walk(root: string, filter: Filter, hasher?: Hasher): Promise<Walked> {
  const walked: Walked = { found: [], skipped: [] }
  const pending: Tree[] = [{ dir: root, key: '', ancestors: [root] }]
  // One tree at a time: the source, then each directory link found in it (and in those).
  for (let tree = pending.pop(); tree; tree = pending.pop())
    await walkTree(root, tree, filter, hasher, walked, pending)
  return walked
}

async function walkTree(
  root: string,
  tree: Tree,
  filter: Filter,
  hasher: Hasher | undefined,
  walked: Walked,
  pending: Tree[],
): Promise<void> {
  const prefix = tree.key === '' ? '' : `${tree.key}/`
  // fast-glob's paths are relative to `cwd` and `/`-separated on every platform.
  const base = tree.dir.endsWith(path.sep) ? tree.dir : tree.dir + path.sep
  const native =
    path.sep === '/' ? (rel: string) => rel : (rel: string) => rel.replaceAll('/', path.sep)

  const take = (entry: fg.Entry): void => {
    const rel = entry.path
    const dirent = entry.dirent
    if (dirent.isFile()) {
      const key = toSiteKey(prefix + rel)
      const verdict = filter.verdict(key)
      if (verdict !== 'included') walked.skipped.push({ key, verdict })
      else {
        // `tree.dir` is a real path and `rel` holds no link: joined as is (path.join's normalizing
        // pass, cold in a one-shot run, cost ~10 ms per 3,000 files).
        const full = base + native(rel)
        walked.found.push({ key, path: full, hashId: hasher?.add(full) })
      }
    } else if (dirent.isSymbolicLink()) {
      const link = followLink(root, tree, rel, base + native(rel), toSiteKey(prefix + rel), filter)
      if (link?.kind === 'file') {
        if (link.verdict !== 'included')
          walked.skipped.push({ key: link.key, verdict: link.verdict })
        else walked.found.push({ key: link.key, path: link.real, hashId: hasher?.add(link.real) })
      } else if (link?.kind === 'dir') pending.push(link.tree)
    }
    // Directories: fast-glob enters those the reader kept. Sockets, FIFOs, devices: not published.
  }

  const entries = fg.stream('**', {
    cwd: tree.dir,
    dot: true,
    // Links and files both come out (a link is neither with followSymbolicLinks off); directories too,
    // and are passed over.
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    // No lstat per entry: the directory's entry types are enough, and the hasher stats what it reads.
    stats: false,
    // Without links followed a path comes out once; the check would only cost a Set of every path.
    unique: false,
    // An unreadable directory fails the scan (fast-glob still passes over ENOENT: a directory removed
    // while it is read).
    suppressErrors: false,
    fs: { readdir: policyReader(tree.dir, prefix, filter) as typeof fs.readdir },
  }) as Readable
  // Entries are taken as the stream emits them, so the hasher gets files while directories are still
  // being read. 'data' events rather than `for await`: a promise per entry cost ~20 ms more CPU on a
  // cold walk of 10,000 files in 1,100 directories (medians of 7 one-shot runs, fast-glob alone).
  // Slower than the hand walk it replaced (readdirSync): on 10,000 files, warm cache, one-shot runs on
  // 2 busy cores, the walk alone took 109 -> 165 ms (small files) and 123 -> 219 ms (bench/site.mjs
  // 10k), medians of 15; walk and hash together used ~50 ms more CPU (336 -> 385 ms; 1,080 -> 1,128),
  // medians of 25, while their wall time moved within the noise (+12% and +11% in one set, +23% and
  // -11% in another). The cost is fast-glob's streams and per-entry machinery, paid once per run.
  await new Promise<void>((resolve, reject) => {
    let failed = false
    entries.on('data', (entry: fg.Entry) => {
      if (failed) return
      try {
        take(entry)
      } catch (error) {
        failed = true
        entries.destroy()
        reject(error instanceof Error ? error : new Error(errorMessage(error)))
      }
    })
    entries.on('error', reject)
    entries.once('end', resolve)
  })
}

/**
 * fast-glob's readdir: every name in a directory the walk enters is checked before fast-glob's matcher
 * sees it, and subdirectories the filter would not enter are left out, so fast-glob does not read them.
 */
function policyReader(dir: string, prefix: string, filter: Filter) {
  const base = dir.endsWith(path.sep) ? dir : dir + path.sep
  return (
    directory: string,
    options: { withFileTypes: true },
    callback: (error: NodeJS.ErrnoException | null, entries: fs.Dirent[]) => void,
  ): void => {
    fs.readdir(directory, options, (error, dirents) => {
      if (error) return callback(error, [])
      const kept: fs.Dirent[] = []
      try {
        // fast-glob joins with `/`: the directory below `dir`, as a site-key prefix.
        const sub = `${prefix}${directory.length > base.length ? `${directory.slice(base.length)}/` : ''}`
        // A directory excluded by its name (exclude `a?b`) is still entered: what lies in it and is
        // not excluded carries the directory's unsafe name in its key.
        const unsafeDir = hasControlCharacter(sub)
        for (const dirent of dirents) {
          const unsafe = unsafeDir || hasControlCharacter(dirent.name)
          if (!unsafe && !dirent.isDirectory()) {
            kept.push(dirent)
            continue
          }
          const key = toSiteKey(sub + dirent.name)
          // Before any filter: such a name matches globs unpredictably and would vanish silently.
          if (unsafe && filter.verdict(key) !== 'excluded')
            throw new PreflightError(
              `The name ${quoted(key)} in the source holds ${firstUnsafe(key)}, which keys, logs and browsers do not carry safely; nothing was sent. Rename it, or add it to exclude.`,
            )
          // (An excluded name with a line break is then dropped by fast-glob's matcher; any other is
          // passed over by the filter.)
          if (!dirent.isDirectory() || filter.mayDescend(key)) kept.push(dirent)
        }
      } catch (failure) {
        return callback(failure as Error, [])
      }
      callback(null, kept)
    })
  }
}

type Link =
  | { kind: 'file'; key: string; real: string; verdict: Verdict }
  | { kind: 'dir'; tree: Tree }
  | undefined

/**
 * A symbolic link at `rel` in `tree`: followed when its real target is inside the source (a file, or a
 * directory that is not one it lies in); left alone when the filter would not publish it; refused when
 * it would publish what is outside, or nothing.
 */
function followLink(
  root: string,
  tree: Tree,
  rel: string,
  full: string,
  key: string,
  filter: Filter,
): Link {
  let real: string
  try {
    real = fs.realpathSync(full)
  } catch {
    if (filter.verdict(key) !== 'included') return undefined
    throw new PreflightError(`The symbolic link ${quoted(key)} in the source points to nothing.`)
  }
  const stat = fs.statSync(real)
  const isDir = stat.isDirectory()
  const isFile = stat.isFile()
  if (!inside(root, real)) {
    // A link the filter would never publish is left alone; one it would publish is an error.
    if (isFile && filter.verdict(key) !== 'included') return undefined
    if (isDir && !filter.mayDescend(key)) return undefined
    const excluded = filter.verdict(key) === 'excluded' || filter.verdict(`${key}/x`) === 'excluded'
    if (excluded) return undefined
    throw new PreflightError(
      `The symbolic link ${quoted(key)} in the source points outside it (to ${real}); ` +
        'it is not followed. Remove it, or add it to exclude.',
    )
  }
  if (isFile) return { kind: 'file', key, real, verdict: filter.verdict(key) }
  if (!isDir || !filter.mayDescend(key)) return undefined
  // The directories between the tree and the link (real paths: fast-glob follows no link inside it).
  const ancestors = [...tree.ancestors]
  const segments = rel.split('/').slice(0, -1)
  for (let i = 1; i <= segments.length; i++)
    ancestors.push(path.join(tree.dir, ...segments.slice(0, i)))
  if (ancestors.includes(real)) return undefined
  return { kind: 'dir', tree: { dir: real, key, ancestors: [...ancestors, real] } }
}

/**
 * The local side: walk the source directory, apply the filter, follow only symbolic links that stay
 * inside the source, and hash every selected file (MD5; in worker threads when there are many).
 * Everything it returns is sorted by key.
 */
import fs from 'node:fs'
import path from 'node:path'
import { PreflightError, errorMessage } from '../core/errors.js'
import type { Filter, Verdict } from '../core/filter.js'
import { Hasher, type HashOptions } from './hasher.js'
import type { FileHash } from './hashing.js'
import type { LocalFile } from '../core/ports.js'
import { hasControlCharacter, toSiteKey } from '../core/keys.js'
import { firstUnsafe, quoted } from '../core/text.js'

export interface ScanResult {
  files: LocalFile[]
  /** Files the filter left out, with why (for the log: what was held back). */
  skipped: Array<{ key: string; verdict: Exclude<Verdict, 'included'> }>
}

/** Check that the source exists and is a directory; return its real path. */
export async function checkSource(source: string, shown: string): Promise<string> {
  let stat
  try {
    stat = await fs.promises.stat(source)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT')
      throw new PreflightError(
        `Input 'source' names ${JSON.stringify(shown)}, which does not exist (resolved to ${source}). ` +
          'Did the build step run, and does it write there? Nothing was changed in the bucket.',
      )
    throw new PreflightError(`Input 'source': cannot read ${source}: ${errorMessage(error)}`)
  }
  if (!stat.isDirectory())
    throw new PreflightError(
      `Input 'source' names ${JSON.stringify(shown)}, which is a file, not a directory: name the directory to publish.`,
    )
  return fs.promises.realpath(source)
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

interface Found {
  key: string
  path: string
  /** Its index in the Hasher the walk fed, if any. */
  hashId?: number
}

/** Directory entries read between two pauses of the walk. */
const YIELD_EVERY = 256

/** Walk `root` (a real path), returning the files the filter selects and what it left out. */
async function walk(
  root: string,
  filter: Filter,
  hasher: Hasher | undefined,
): Promise<{ found: Found[]; skipped: ScanResult['skipped'] }> {
  const found: Found[] = []
  const skipped: ScanResult['skipped'] = []
  // Real paths of the directories from the root down to each one: a link back to one of them is a loop.
  // (Not a global visited set: a link to a sibling directory must publish it under both names.)
  const stack: Array<{ dir: string; key: string; ancestors: readonly string[] }> = [
    { dir: root, key: '', ancestors: [root] },
  ]

  // Directories are read synchronously (a promise per directory costs more than the read), with a
  // pause for the event loop every few hundred entries, so the hash workers' answers are taken while
  // the walk goes on.
  let sinceYield = 0
  while (stack.length > 0) {
    const { dir, key: dirKey, ancestors } = stack.pop()!
    const entries = fs.readdirSync(dir, { withFileTypes: true })
    sinceYield += entries.length
    if (sinceYield >= YIELD_EVERY) {
      sinceYield = 0
      await new Promise((resolve) => setImmediate(resolve))
    }
    for (const entry of entries) {
      const key = toSiteKey(dirKey === '' ? entry.name : `${dirKey}/${entry.name}`)
      // Before any filter: such a name matches globs unpredictably and would vanish silently.
      if (hasControlCharacter(entry.name) && filter.verdict(key) !== 'excluded')
        throw new PreflightError(
          `The name ${quoted(key)} in the source holds ${firstUnsafe(entry.name)}, which keys, logs and browsers do not carry safely; nothing was sent. Rename it, or add it to exclude.`,
        )
      // `dir` is a real path and a name has no separator: joined as is (path.join's normalizing pass,
      // cold in a one-shot run, cost ~10 ms per 3,000 files).
      const full = dir.endsWith(path.sep) ? dir + entry.name : dir + path.sep + entry.name
      let isDir = entry.isDirectory()
      let isFile = entry.isFile()
      let target = full

      if (entry.isSymbolicLink()) {
        let real: string
        try {
          real = fs.realpathSync(full)
        } catch {
          if (filter.verdict(key) !== 'included') continue
          throw new PreflightError(
            `The symbolic link ${quoted(key)} in the source points to nothing.`,
          )
        }
        const stat = fs.statSync(real)
        isDir = stat.isDirectory()
        isFile = stat.isFile()
        if (!inside(root, real)) {
          // A link the filter would never publish is left alone; one it would publish is an error.
          if (isFile && filter.verdict(key) !== 'included') continue
          if (isDir && !filter.mayDescend(key)) continue
          const excluded =
            filter.verdict(key) === 'excluded' || filter.verdict(`${key}/x`) === 'excluded'
          if (excluded) continue
          throw new PreflightError(
            `The symbolic link ${quoted(key)} in the source points outside it (to ${real}); ` +
              'it is not followed. Remove it, or add it to exclude.',
          )
        }
        target = real
      }

      if (isDir) {
        if (!filter.mayDescend(key)) continue
        if (ancestors.includes(target)) continue
        stack.push({ dir: target, key, ancestors: [...ancestors, target] })
      } else if (isFile) {
        const verdict = filter.verdict(key)
        if (verdict !== 'included') {
          skipped.push({ key, verdict })
          continue
        }
        found.push({ key, path: target, hashId: hasher?.add(target) })
      }
    }
  }
  return { found, skipped }
}

/** The files the filter selects (not read yet), sorted by key, and what it left out. */
export interface Selection {
  found: Found[]
  skipped: ScanResult['skipped']
}

/**
 * Walk the source and select files. Fails on names that collide once normalised. With a `hasher`, each
 * selected file is handed to it as soon as it is found, so hashing overlaps the walk.
 */
export async function selectFiles(
  root: string,
  filter: Filter,
  hasher?: Hasher,
): Promise<Selection> {
  const { found, skipped } = await walk(root, filter, hasher)
  found.sort((a, b) => compareKeys(a.key, b.key))
  for (let i = 1; i < found.length; i++) {
    if (found[i]!.key === found[i - 1]!.key)
      throw new PreflightError(
        `Two files in the source have the same name once Unicode-normalized (NFC): ${quoted(found[i]!.key)}. Rename one.`,
      )
  }
  skipped.sort((a, b) => compareKeys(a.key, b.key))
  return { found, skipped }
}

/** Size and MD5 of every selected file, in the selection's order. */
export async function hashFiles(
  found: Selection['found'],
  options: HashOptions = {},
): Promise<LocalFile[]> {
  const hasher = new Hasher(options)
  for (const f of found) hasher.add(f.path)
  return withHashes(found, await hasher.done())
}

/** The selection with each file's hash (`hashes` by the index Hasher.add gave, or in order). */
export function withHashes(found: Selection['found'], hashes: readonly FileHash[]): LocalFile[] {
  return found.map(({ key, path: file, hashId }, i) => ({
    key,
    path: file,
    ...hashes[hashId ?? i]!,
  }))
}

/** Scan the source: select, stat and hash every file. */
export async function scanSource(
  root: string,
  filter: Filter,
  options: HashOptions = {},
): Promise<ScanResult> {
  const { found, skipped } = await selectFiles(root, filter)
  return { files: await hashFiles(found, options), skipped }
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

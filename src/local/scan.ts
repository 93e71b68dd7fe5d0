/**
 * The local side: walk the source directory (walk.ts: fast-glob under the project's policy), select
 * the files the filter takes, refuse names that collide once normalized, and hash every selected file
 * (MD5; in worker threads when there are many). Everything it returns is sorted by key.
 */
import fs from 'node:fs'
import { PreflightError, errorMessage } from '../core/errors.js'
import type { Filter } from '../core/filter.js'
import { Hasher, type HashOptions } from './hasher.js'
import type { FileHash } from './hashing.js'
import { compareKeys } from '../core/keys.js'
import type { LocalFile } from '../core/ports.js'
import { quoted } from '../core/text.js'
import { walk, type Found, type Walked } from './walk.js'

export interface ScanResult {
  files: LocalFile[]
  /** Files the filter left out, with why (for the log: what was held back). */
  skipped: Walked['skipped']
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

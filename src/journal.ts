/**
 * The deploy state's journal (state.ts Journal), both ways: checking one against the listing before
 * the plan, and working out the next one after a run, or that the whole state must be written instead.
 * Pure: the listing, the state and the rules in, entries and a verdict out.
 */
import { isReservedKey } from './keys.js'
import { isPlainMd5, notAfter, type RemoteObject } from './plan.js'
import type { KeyRules } from './rules.js'
import {
  changesDigest,
  encodeJournal,
  type Journal,
  type RemoteState,
  type StateEntry,
} from './state.js'

/**
 * The listed objects whose content is not the one the state's body records: not in it, or another ETag
 * or size. These are what a journal describes. (Not by modification time: listings give it to the
 * second, and objects written in the second the body was written could not be told apart. A header
 * update keeps the ETag, so a run that made one writes the whole state instead of a journal.)
 */
export function changedSinceBase(
  remote: readonly RemoteObject[],
  base: ReadonlyMap<string, StateEntry>,
): RemoteObject[] {
  return remote.filter(
    (object) => !isReservedKey(object.key) && differsFromBody(base.get(object.key), object),
  )
}

/** The rule both sides use: an object is the body's when the body holds its ETag and size. */
function differsFromBody(
  was: StateEntry | undefined,
  now: { etag: string; size: number },
): boolean {
  return was === undefined || was.etag !== now.etag || was.size !== now.size
}

/**
 * Check a journal against the listing: the objects that differ from the body, described by their
 * listing, the journal's MD5s and this run's rules, must give the journal's digest, and none may be
 * newer than the journal. Then they are what the journal's run wrote, with the headers these rules give
 * (a rule changed since makes the digest differ: the objects are read again, nothing is assumed).
 */
export function checkJournal(
  journal: Journal,
  changed: readonly RemoteObject[],
  rules: (key: string) => KeyRules,
): { entries: Map<string, StateEntry> } | { problem: string } {
  if (changed.length !== journal.count)
    return {
      problem: `${changed.length} objects differ from the state where its journal says ${journal.count}`,
    }
  const entries = new Map<string, StateEntry>()
  for (const object of changed) {
    if (journal.time && !notAfter(object.lastModified, journal.time))
      return { problem: `${object.key} changed after the journal was written` }
    const md5 = journal.md5s[object.key] ?? (isPlainMd5(object.etag) ? object.etag : undefined)
    if (md5 === undefined) return { problem: `no MD5 is known for ${object.key}` }
    const { headers } = rules(object.key)
    entries.set(object.key, { etag: object.etag, md5, size: object.size, ...headers })
  }
  if (changesDigest(entries) !== journal.digest)
    return {
      problem: 'the objects that differ from the state are not the ones its journal describes',
    }
  return { entries }
}

/** At most this many objects (or a tenth of the state, if more) are described by a journal. */
export const JOURNAL_MAX_CHANGED = 100

/**
 * The journal to write after a run instead of the whole state, or undefined when the whole state must
 * be written: no state body was read, or its journal did not match the bucket, objects had to be
 * inspected (HEAD), the delete-grace marks changed, the bucket keeps objects the state does not
 * describe (left out of the build but not deleted: the next run could not tell them from changes), too
 * many objects differ from the body, or the journal would not fit in the metadata. `written` are the
 * site keys this run uploaded or updated; `remaining` every site key under the prefix after the run.
 */
export function nextJournal(input: {
  state: RemoteState
  entries: ReadonlyMap<string, StateEntry>
  /** Objects whose headers this run updated in place (CopyObject). */
  updated: number
  remaining: Iterable<string>
  pending: readonly string[]
  inspected: number
  marksChanged: boolean
}): string | undefined {
  const { state, entries } = input
  const base = state.baseEntries
  if (!base || base.size === 0 || !state.baseWrittenAt || !state.etag) return undefined
  if (state.journal && !state.changed) return undefined
  if (input.inspected > 0 || input.marksChanged || input.updated > 0) return undefined
  for (const key of input.remaining) if (!entries.has(key)) return undefined
  // The objects the next run will find changed (changedSinceBase): the same rule, on what was written.
  const changed = new Map<string, StateEntry>()
  for (const [key, entry] of entries) {
    const was = base.get(key)
    if (differsFromBody(was, entry)) changed.set(key, entry)
    // An entry the body holds with the same ETag and size must be the body's, headers and all: a
    // journal cannot say otherwise.
    else if (
      was!.md5 !== entry.md5 ||
      was!.contentType !== entry.contentType ||
      was!.cacheControl !== entry.cacheControl
    )
      return undefined
  }
  if (changed.size > Math.max(JOURNAL_MAX_CHANGED, base.size / 10)) return undefined
  const md5s: Record<string, string> = {}
  for (const [key, entry] of changed) if (entry.md5 !== entry.etag) md5s[key] = entry.md5
  return encodeJournal({
    base: state.baseWrittenAt,
    count: changed.size,
    digest: changesDigest(changed),
    md5s,
    pending: [...input.pending],
  })
}

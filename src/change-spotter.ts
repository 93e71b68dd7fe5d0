/**
 * Telling early, while the files are still being hashed, that a deploy will write something, so that
 * the S3 SDK is loaded alongside the hashing rather than after it (a no-op deploy never loads it; see
 * ./lazy-store.ts). Pure: it is fed the deploy state, the selected files and each hash as it comes,
 * and calls `onChange` once, with why, as soon as one of them shows a difference:
 *
 * - a file the state does not describe (new, or the state is gone), or a described object the build
 *   no longer has (a delete, or a delete-grace mark);
 * - a file whose size or MD5 is not the state's;
 * - keys an earlier run left to invalidate (the state is rewritten).
 *
 * It is only a hint: the plan decides what is written. A difference it cannot see (an object changed
 * by another tool, a header rule changed) loads the SDK when the plan asks for the write.
 */
import type { FileHash } from './hashing.js'
import type { RemoteState } from './state.js'

export class ChangeSpotter {
  private entries: RemoteState['entries'] | undefined
  /** Site key by hash id, once the walk has ended. */
  private keyOf: Map<number, string> | undefined
  /** Hashes that came before the state or the selection. */
  private early: Array<[number, FileHash]> = []
  private fired = false

  constructor(private readonly onChange: (why: string) => void) {}

  /** The deploy state, as read (an empty one when there is none). */
  state(state: RemoteState): void {
    if (this.fired) return
    if (state.pending.length > 0) return this.fire('earlier changes are still to be invalidated')
    this.entries = state.entries
    this.check()
  }

  /** The selected files, with the hash id each was given. */
  selected(found: ReadonlyArray<{ key: string; hashId?: number }>): void {
    if (this.fired) return
    this.keyOf = new Map(found.map((f, i) => [f.hashId ?? i, f.key]))
    this.check()
  }

  /** One file's hash, by its id. */
  hashed(id: number, hash: FileHash): void {
    if (this.fired) return
    if (!this.entries || !this.keyOf) {
      this.early.push([id, hash])
      return
    }
    this.compare(id, hash)
  }

  private check(): void {
    const entries = this.entries
    const keyOf = this.keyOf
    if (!entries || !keyOf) return
    if (keyOf.size !== entries.size) return this.fire('the build and the deploy state differ')
    for (const key of keyOf.values())
      if (!entries.has(key)) return this.fire(`${key} is not in the deploy state`)
    const early = this.early
    this.early = []
    for (const [id, hash] of early) if (!this.fired) this.compare(id, hash)
  }

  private compare(id: number, hash: FileHash): void {
    const key = this.keyOf!.get(id)
    if (key === undefined) return
    const entry = this.entries!.get(key)
    if (!entry || entry.size !== hash.size || entry.md5 !== hash.md5) this.fire(`${key} changed`)
  }

  private fire(why: string): void {
    if (this.fired) return
    this.fired = true
    this.early = []
    this.onChange(why)
  }
}

/**
 * The hashing queue shared by the main thread and the hash workers: the paths go to every worker once
 * (by message, as the walk finds them), and each file is then claimed by whichever thread is free,
 * through one atomic counter in shared memory. No thread waits for another to hand it work: a worker
 * busy with a big file holds nothing back, and the last files go to whoever is idle.
 */
import type { MessagePort } from 'node:worker_threads'
import type { HashFailure } from './hashing.js'

/** Slots of the shared control array. */
export const NEXT = 0 // the first path nobody has claimed
export const PUBLISHED = 1 // how many paths every worker has been sent
export const CLOSED = 2 // 1 once every path is published (the walk has ended)
export const STOPPED = 3 // 1 when the hashes are no longer wanted

export function controlArray(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT))
}

/** Claim the next published path's index for this thread; -1 when every published path is taken. */
export function claim(control: Int32Array): number {
  for (;;) {
    const next = Atomics.load(control, NEXT)
    if (next >= Atomics.load(control, PUBLISHED)) return -1
    if (Atomics.compareExchange(control, NEXT, next, next + 1) === next) return next
  }
}

/** What a worker is given at its start. */
export interface WorkerSetup {
  control: SharedArrayBuffer
  /** Where the paths come, as arrays in order (received synchronously, with receiveMessageOnPort). */
  paths: MessagePort
}

/**
 * A worker's answers, flat: `[index, size, mtimeMs, md5, index, ...]` (one small array per message
 * rather than an object per file); or the first file it could not read.
 */
export type WorkerAnswer =
  | { ready: true }
  | { hashes: Array<number | string> }
  | { failure: HashFailure & { index: number } }

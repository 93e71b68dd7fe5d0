/**
 * Hashing the build's files (node:crypto) while the source is still being walked: paths are added
 * as the walk finds them and posted in batches to worker threads (dist/hash-worker.js); once the walk
 * has ended, the main thread hashes the files not yet posted too. Small builds (fewer than
 * WORKER_MIN_FILES files), or a missing worker script, are hashed on the main thread alone.
 *
 * With `expectations`, files are checked against the deploy state (hashing.ts): until the state is
 * read (expect()), a file gets only its SHA-256, and its MD5 is settled once the state says what it
 * expected (a match: the state's MD5; else the file is read again for it).
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { WorkerAnswer, WorkerBatch } from './hash-worker.js'
import {
  READ_BUFFER,
  FileHashing,
  failureError,
  type Expected,
  type FileHash,
  type HashPlan,
} from './hashing.js'

export interface HashOptions {
  /** Worker threads; 0 hashes on the main thread. Default: one per core but one (1 to 3). */
  workers?: number
  /** Whether the main thread hashes too, once the walk has ended (default: true). */
  mainHelps?: boolean
  /** The worker's script (dist/hash-worker.js); without it, or when it is missing, the main thread hashes. */
  workerScript?: URL
  /** Told where the hashing runs, e.g. "in 2 worker threads" (for the debug log). */
  report?: (where: string) => void
  /**
   * The deploy state's expectations come through expect(): every file gets its SHA-256 too, and done()
   * waits for them. Without: MD5 only.
   */
  expectations?: boolean
}

/** What the state expects of the file added with this index (undefined: nothing). */
export type Expectations = (index: number) => Expected | undefined

/** Below this many files a worker's start-up (~30 ms) costs more than it saves. */
export const WORKER_MIN_FILES = 128
/** Paths per batch. */
const BATCH = 32
/**
 * Batches a worker may hold: many while the walk runs (its answers are taken only when the walk
 * pauses, so with few it would idle); fewer after it, so the last files go to whoever is free.
 */
const IN_FLIGHT_WALKING = 8
const IN_FLIGHT = 4
/** Milliseconds the main thread hashes between turns of the event loop (workers wait for their next batch). */
const YIELD_MS = 2

interface Slot {
  worker: Worker
  batches: number
  online: Promise<void>
}

export class Hasher {
  private readonly paths: string[] = []
  private readonly hashes: FileHash[] = []
  /**
   * By index: files read for their SHA-256 alone before the state was known (settled by expect()), and
   * files whose SHA-256 did not settle them, until their second read (planFor: both digests).
   */
  private readonly unsettled = new Map<number, FileHash>()
  /** Files to read again for their MD5 (their SHA-256 did not match), before the rest. */
  private readonly again: number[] = []
  private expectations: Expectations | undefined
  private helping = false
  private reported = false
  private slots: Slot[] = []
  /** Workers were asked for once (started, or found impossible): never again. */
  private started = false
  /** The first path not yet given to a thread. */
  private next = 0
  private here = 0
  private matched = 0
  private answered = 0
  private closed = false
  private failure: Error | undefined
  private settle: (() => void) | undefined
  private readonly listeners: Array<(index: number, hash: FileHash) => void> = []

  constructor(private readonly options: HashOptions = {}) {}

  /** Add a file; returns its index in done()'s answer. Starts the workers once there are enough files. */
  add(path: string): number {
    const id = this.paths.push(path) - 1
    if (this.paths.length >= WORKER_MIN_FILES) {
      if (!this.started) this.startWorkers()
      this.feed()
    }
    return id
  }

  /**
   * Start the workers before any file is added, so their start-up overlaps the walk. A build of fewer
   * than WORKER_MIN_FILES files stops them unused. Resolves when they run (none: at once).
   */
  warmUp(): Promise<void> {
    if (!this.started && !this.closed) this.startWorkers()
    return Promise.all(this.slots.map((slot) => slot.online)).then(() => undefined)
  }

  /** Every added file's hash, by index; the first unreadable file fails it with that file's error. */
  async done(): Promise<FileHash[]> {
    this.closed = true
    if (this.paths.length < WORKER_MIN_FILES) this.stopWorkers()
    if (this.slots.length === 0) this.options.report?.('on the main thread')
    this.work()
    if (this.answered < this.paths.length && !this.failure)
      await new Promise<void>((resolve) => (this.settle = resolve))
    this.stopWorkers()
    if (this.failure) throw this.failure
    return this.hashes
  }

  /**
   * What the deploy state expects of each file (once; with the `expectations` option, done() waits for
   * it: give `() => undefined` when there is no state). Files read before settle now.
   */
  expect(expectations: Expectations): void {
    if (this.expectations || !this.options.expectations) return
    this.expectations = expectations
    const unsettled = [...this.unsettled]
    this.unsettled.clear()
    for (const [index, hash] of unsettled) this.settleSha(index, hash)
    if (this.again.length > 0) this.work()
  }

  /** The digests to take of a file now. */
  private planFor(index: number): HashPlan {
    if (!this.options.expectations) return 'md5'
    // Read again (its SHA-256 did not settle it): both digests of the same read.
    if (this.unsettled.has(index)) return 'both'
    if (!this.expectations) return 'sha'
    return this.expectations(index) ?? 'both'
  }

  /** The next file to read, if any: those to read again first. */
  private take(): number | undefined {
    if (this.again.length > 0) return this.again.shift()
    return this.next < this.paths.length ? this.next++ : undefined
  }

  /** Hand out work: to the workers, and once the walk has ended to the main thread too. */
  private work(): void {
    this.feed()
    if (
      this.closed &&
      !this.helping &&
      (this.slots.length === 0 || this.options.mainHelps !== false)
    )
      void this.help()
  }

  /** Stop the workers (the scan failed, or the run ends); a pending done() fails. */
  stop(): void {
    this.stopWorkers()
    if (this.answered < this.paths.length)
      this.fail(new Error('Hashing was stopped before it ended'))
  }

  /** Files the main thread hashed (for the debug log). */
  get hashedHere(): number {
    return this.here
  }

  /** Files the deploy state described by size and SHA-256: their MD5 was the state's (debug log). */
  get matchedState(): number {
    return this.matched
  }

  private startWorkers(): void {
    this.started = true
    const script = this.options.workerScript
    // On 2 cores, one worker beside the main thread took a no-op scan's hashing from 304 to 220 ms
    // (3,000 files, 162 MB, warm cache; 10,000 small files: 210 to 191 ms; medians of 11 runs).
    const count = this.options.workers ?? Math.max(1, Math.min(3, availableParallelism() - 1))
    if (!script || count <= 0 || !existsSync(script)) return
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script)
      const online = new Promise<void>((resolve) => {
        worker.once('online', resolve)
        worker.once('exit', () => resolve())
      })
      const slot: Slot = { worker, batches: 0, online }
      worker.on('message', (answer: WorkerAnswer) => this.receive(slot, answer))
      worker.on('error', (error) => this.fail(error))
      worker.on('exit', (code) => {
        if (this.slots.includes(slot))
          this.fail(new Error(`A hash worker stopped (exit code ${code}) before the scan ended`))
      })
      this.slots.push(slot)
    }
  }

  private stopWorkers(): void {
    const slots = this.slots
    this.slots = []
    for (const slot of slots) void slot.worker.terminate()
  }

  /** Give each worker batches until it holds its share (during the walk, full batches only). */
  private feed(): void {
    for (const slot of this.slots) {
      while (slot.batches < (this.closed ? IN_FLIGHT : IN_FLIGHT_WALKING) && !this.failure) {
        const left = this.paths.length - this.next + this.again.length
        if (left === 0 || (!this.closed && left < BATCH)) return
        if (!this.reported) {
          this.reported = true
          this.options.report?.(
            `in ${this.slots.length} worker thread${this.slots.length > 1 ? 's' : ''}`,
          )
        }
        const batch: WorkerBatch = { ids: [], paths: [], plans: [] }
        for (let id; batch.ids.length < BATCH && (id = this.take()) !== undefined;) {
          batch.ids.push(id)
          batch.paths.push(this.paths[id]!)
          batch.plans.push(this.planFor(id))
        }
        slot.batches++
        slot.worker.postMessage(batch)
      }
    }
  }

  private receive(slot: Slot, answer: WorkerAnswer): void {
    if ('failure' in answer) return this.fail(failureError(answer.failure))
    slot.batches--
    const flat = answer.hashes
    for (let j = 0; j < flat.length; j += 5) {
      const sha = flat[j + 4] as string
      const hash: FileHash = {
        size: flat[j + 1] as number,
        mtimeMs: flat[j + 2] as number,
        md5: flat[j + 3] as string,
        ...(sha !== '' ? { sha } : {}),
      }
      this.record(flat[j] as number, hash)
    }
    this.feed()
  }

  /**
   * The main thread's share: a file at a time from the queue, until none is left. It yields to the
   * event loop after every ~4 MiB (within a big file too), so workers' answers and the network are
   * taken in between.
   */
  private async help(): Promise<void> {
    this.helping = true
    const buffer = Buffer.allocUnsafe(READ_BUFFER)
    let since = performance.now()
    const pause = async () => {
      if (performance.now() - since < YIELD_MS) return
      await new Promise((resolve) => setImmediate(resolve))
      since = performance.now()
    }
    try {
      for (let i; !this.failure && (i = this.take()) !== undefined;) {
        let hash: FileHash | undefined
        try {
          const hashing = new FileHashing(this.paths[i]!, buffer, this.planFor(i))
          while (!(hash = hashing.step(READ_BUFFER))) {
            await pause()
            if (this.failure) return hashing.close()
          }
        } catch (error) {
          return this.fail(error as Error)
        }
        this.here++
        this.record(i, hash)
        await pause()
      }
    } finally {
      this.helping = false
    }
  }

  /**
   * Be told of each file's hash as it arrives, by the index add() gave (those hashed already, at once):
   * a new file can be uploaded before the rest are hashed.
   */
  onHashed(listener: (index: number, hash: FileHash) => void): void {
    this.hashes.forEach((hash, index) => listener(index, hash))
    this.listeners.push(listener)
  }

  private record(index: number, hash: FileHash): void {
    if (hash.md5 === '') {
      if (this.expectations) this.settleSha(index, hash)
      else this.unsettled.set(index, hash)
      return
    }
    // A second read gave both digests: the first read's SHA-256 is dropped.
    this.unsettled.delete(index)
    const expected = this.expectations?.(index)
    if (expected && expected.md5 === hash.md5 && expected.sha === hash.sha) this.matched++
    this.hashes[index] = hash
    for (const listener of this.listeners) listener(index, hash)
    if (++this.answered === this.paths.length && this.closed) this.settle?.()
  }

  /** A file read for its SHA-256 alone: the state's MD5 when it expected these bytes, else read it again. */
  private settleSha(index: number, hash: FileHash): void {
    const expected = this.expectations!(index)
    if (expected && expected.size === hash.size && expected.sha === hash.sha)
      return this.record(index, { ...hash, md5: expected.md5 })
    this.unsettled.set(index, hash)
    this.again.push(index)
    this.work()
  }

  private fail(error: Error): void {
    if (this.failure) return
    this.failure = error
    this.settle?.()
  }
}

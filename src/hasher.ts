/**
 * Hashing the build's files while the source is still being walked: paths are added as the walk finds
 * them and go, 32 at a time, to worker threads (dist/hash-worker.js), eight batches in flight per worker.
 * Once the walk has ended, the main thread hashes too, from the other end of the list, whenever it has
 * nothing else to do. A no-op deploy is hashing and little else, and every core shortens it. Small
 * builds (fewer than WORKER_MIN_FILES files), or a missing worker script, are hashed on the main thread
 * alone.
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { HashRequest } from './hash-worker.js'
import {
  READ_BUFFER,
  FileHashing,
  failureError,
  hashFileSync,
  type FileHash,
  type HashFailure,
} from './hashing.js'

export interface HashOptions {
  /**
   * Worker threads to hash in; 0 hashes on the main thread. Default: one per core but one (at least
   * one, at most three), the main thread taking the last core: once the walk has ended, it hashes
   * files from the end of the list whenever it has nothing else to do.
   */
  workers?: number
  /** Whether the main thread hashes too, from the end of the list (default: true). */
  mainHelps?: boolean
  /** The worker's script (dist/hash-worker.js); without it, or when it is missing, the main thread hashes. */
  workerScript?: URL
  /** Told where the hashing runs, e.g. "in 2 worker threads" (for the debug log). */
  report?: (where: string) => void
  /** Told each hash as it comes (by the index add() gave), before done() answers. */
  onHash?: (id: number, hash: FileHash) => void
}

/** Below this many files a worker's start-up (~30 ms) costs more than it saves. */
export const WORKER_MIN_FILES = 128
/** Paths per message to a worker: enough to amortize a message, few enough to balance the workers. */
const BATCH = 32
/**
 * Batches a worker holds at once: enough that it does not wait while the main thread is busy (parsing
 * a listing, compiling the rules) before it takes an answer and sends the next batch. Four left the
 * worker idle 30-60 ms of a 3,000-file no-op's ~300 ms; eight, ~15 ms.
 */
const IN_FLIGHT = 8
/** Bytes the main thread hashes between turns of the event loop (a few milliseconds' work). */
const YIELD_EVERY = 4 * READ_BUFFER

interface Slot {
  worker: Worker
  /** Batches sent and not answered yet. */
  inFlight: number
}

export class Hasher {
  private readonly paths: string[] = []
  private readonly hashes: FileHash[] = []
  private slots: Slot[] = []
  /** Workers were asked for once (started, or found impossible: no script): never again. */
  private started = false
  /** Index of the first path not yet sent to a worker. */
  private sent = 0
  /** Once the walk has ended: one past the last path not yet taken by the main thread. */
  private end = Number.POSITIVE_INFINITY
  /** Files the main thread hashed while workers ran. */
  private here = 0
  private answered = 0
  private closed = false
  private failure: Error | undefined
  private settle: (() => void) | undefined

  constructor(private readonly options: HashOptions = {}) {}

  /** Add a file; returns its index in done()'s answer. Starts the workers once there are enough files. */
  add(path: string): number {
    const id = this.paths.length
    this.paths.push(path)
    if (this.paths.length < WORKER_MIN_FILES) return id
    if (!this.started) this.startWorkers()
    if (this.slots.length > 0 && this.paths.length - this.sent >= BATCH) this.pump()
    return id
  }

  /**
   * Start the workers now, before any file is added: a worker takes ~40 ms to start, which then
   * overlaps the start of the walk. A build of fewer than WORKER_MIN_FILES files stops them unused.
   */
  warmUp(): void {
    if (!this.started && !this.closed) this.startWorkers()
  }

  /** Every added file's hash, by index; the first unreadable file fails it with that file's error. */
  async done(): Promise<FileHash[]> {
    this.closed = true
    if (this.paths.length < WORKER_MIN_FILES) this.retire()
    if (this.slots.length === 0) {
      this.options.report?.('on the main thread')
      return this.hashHere()
    }
    this.end = this.paths.length
    this.pump()
    if (this.options.mainHelps !== false) void this.help()
    if (this.answered < this.paths.length && !this.failure)
      await new Promise<void>((resolve) => (this.settle = resolve))
    this.stop()
    if (this.failure) throw this.failure
    return this.hashes
  }

  /** Stop workers that were started ahead (warmUp) and are not needed: nothing was sent to them. */
  private retire(): void {
    const slots = this.slots
    this.slots = []
    for (const slot of slots) void slot.worker.terminate()
  }

  /** Stop the workers (the scan failed, or the run ends); the hashes are not wanted any more. */
  stop(): void {
    for (const slot of this.slots) void slot.worker.terminate()
    this.slots = []
    if (this.answered < this.paths.length) {
      this.failure ??= new Error('Hashing was stopped before it ended')
      this.settle?.()
    }
  }

  /**
   * The main thread's share: files from the end of the list, one at a time, while the workers take
   * batches from the front, until they meet. It yields to the event loop after every ~4 MiB (a few
   * milliseconds), so answers from the workers and the network are taken in between.
   */
  private async help(): Promise<void> {
    const buffer = Buffer.allocUnsafe(READ_BUFFER)
    let sinceYield = 0
    while (this.end > this.sent && !this.failure && this.slots.length > 0) {
      const i = --this.end
      let hash: FileHash | undefined
      try {
        // A big file is hashed in slices, with the event loop's turn between them: the workers' answers
        // are taken, and their next batches sent, while it is read.
        const hashing = new FileHashing(this.paths[i]!, buffer)
        for (;;) {
          hash = hashing.step(YIELD_EVERY - sinceYield)
          if (hash) break
          sinceYield = 0
          await new Promise((resolve) => setImmediate(resolve))
          if (this.failure || this.slots.length === 0) return
        }
      } catch (error) {
        return this.fail(error as Error)
      }
      this.hashes[i] = hash
      this.here++
      this.options.onHash?.(i, hash)
      if (++this.answered === this.paths.length) return this.settle?.()
      sinceYield += hash.size + 4096
      if (sinceYield >= YIELD_EVERY) {
        sinceYield = 0
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
  }

  /** Files the main thread hashed beside the workers (for the debug log). */
  get hashedHere(): number {
    return this.here
  }

  private startWorkers(): void {
    this.started = true
    const script = this.options.workerScript
    const cores = availableParallelism()
    const count =
      this.options.workers ??
      (this.options.mainHelps === false ? Math.min(4, cores) : Math.max(1, Math.min(3, cores - 1)))
    if (!script || count <= 0 || !existsSync(script)) return
    for (let i = 0; i < count; i++) {
      const slot: Slot = { worker: new Worker(script), inFlight: 0 }
      slot.worker.on('message', (answer: { id: number; results: Array<FileHash | HashFailure> }) =>
        this.receive(slot, answer.id, answer.results),
      )
      slot.worker.on('error', (error) => this.fail(error))
      slot.worker.on('exit', (code) => {
        if (this.answered < this.paths.length)
          this.fail(new Error(`A hash worker stopped (exit code ${code}) before the scan ended`))
      })
      this.slots.push(slot)
    }
  }

  private receive(slot: Slot, id: number, results: Array<FileHash | HashFailure>): void {
    slot.inFlight--
    for (let j = 0; j < results.length; j++) {
      const result = results[j]!
      if ('error' in result) return this.fail(failureError(result))
      this.hashes[id + j] = result
      this.options.onHash?.(id + j, result)
    }
    this.answered += results.length
    if (this.closed && this.answered === this.paths.length) return this.settle?.()
    this.fill(slot)
  }

  /** Send a slot batches until it has IN_FLIGHT of them. During the walk only full batches go. */
  private fill(slot: Slot): void {
    while (slot.inFlight < IN_FLIGHT) {
      const end = Math.min(this.sent + BATCH, this.paths.length, this.end)
      if (end === this.sent || (end - this.sent < BATCH && !this.closed)) return
      const request: HashRequest = { id: this.sent, paths: this.paths.slice(this.sent, end) }
      this.sent = end
      slot.inFlight++
      slot.worker.postMessage(request)
    }
  }

  private pump(): void {
    if (this.sent === 0 && this.slots.length > 0)
      this.options.report?.(
        `in ${this.slots.length} worker thread${this.slots.length > 1 ? 's' : ''}`,
      )
    for (const slot of this.slots) this.fill(slot)
  }

  private fail(error: Error): void {
    if (this.failure || this.slots.length === 0) return
    this.failure = error
    this.settle?.()
  }

  /** On the main thread, one file after another, yielding now and then so the listing can proceed. */
  private async hashHere(): Promise<FileHash[]> {
    const buffer = Buffer.allocUnsafe(READ_BUFFER)
    let sinceYield = 0
    for (let i = 0; i < this.paths.length; i++) {
      const hash = hashFileSync(this.paths[i]!, buffer)
      this.hashes[i] = hash
      this.options.onHash?.(i, hash)
      sinceYield += hash.size + 4096
      if (sinceYield >= YIELD_EVERY) {
        sinceYield = 0
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    return this.hashes
  }
}

/**
 * Hashing the build's files while the source is still being walked: paths are added as the walk finds
 * them and published, 32 at a time, to worker threads (dist/hash-worker.js) through a shared queue
 * (./hash-queue.ts): each file is claimed by whichever thread is free. Once the walk has ended, the main
 * thread claims files too, whenever it has nothing else to do. A no-op deploy is hashing and little
 * else, and every core shortens it. Small builds (fewer than WORKER_MIN_FILES files), or a missing
 * worker script, are hashed on the main thread alone.
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads'
import {
  CLOSED,
  PUBLISHED,
  STOPPED,
  claim,
  controlArray,
  type WorkerAnswer,
  type WorkerSetup,
} from './hash-queue.js'
import { READ_BUFFER, FileHashing, failureError, hashFileSync, type FileHash } from './hashing.js'

export interface HashOptions {
  /**
   * Worker threads to hash in; 0 hashes on the main thread. Default: one per core but one (at least
   * one, at most three), the main thread taking the last core: once the walk has ended, it hashes
   * files whenever it has nothing else to do.
   */
  workers?: number
  /** Whether the main thread hashes too, once the walk has ended (default: true). */
  mainHelps?: boolean
  /** The worker's script (dist/hash-worker.js); without it, or when it is missing, the main thread hashes. */
  workerScript?: URL
  /** Told where the hashing runs, e.g. "in 2 worker threads" (for the debug log). */
  report?: (where: string) => void
}

/** Below this many files a worker's start-up (~30 ms) costs more than it saves. */
export const WORKER_MIN_FILES = 128
/** Paths per message to the workers during the walk (at its end, all that are left). */
const BATCH = 32
/** Bytes the main thread hashes between turns of the event loop (a few milliseconds' work). */
const YIELD_EVERY = 4 * READ_BUFFER

interface Slot {
  worker: Worker
  paths: MessagePort
  ready: Promise<void>
}

export class Hasher {
  private readonly paths: string[] = []
  private readonly hashes: FileHash[] = []
  private slots: Slot[] = []
  private readonly control = controlArray()
  /** Workers were asked for once (started, or found impossible: no script): never again. */
  private started = false
  /** How many paths the workers have been sent. */
  private published = 0
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
    if (this.slots.length > 0 && this.paths.length - this.published >= BATCH) this.publish()
    return id
  }

  /**
   * Start the workers now, before any file is added: a worker takes ~40 ms to start, which then
   * overlaps the start of the walk. A build of fewer than WORKER_MIN_FILES files stops them unused.
   * Resolves when the workers are running (none: at once).
   */
  warmUp(): Promise<void> {
    if (!this.started && !this.closed) this.startWorkers()
    return Promise.all(this.slots.map((slot) => slot.ready)).then(() => undefined)
  }

  /** Every added file's hash, by index; the first unreadable file fails it with that file's error. */
  async done(): Promise<FileHash[]> {
    this.closed = true
    if (this.paths.length < WORKER_MIN_FILES) this.retire()
    if (this.slots.length === 0) {
      this.options.report?.('on the main thread')
      return this.hashHere()
    }
    this.publish()
    Atomics.store(this.control, CLOSED, 1)
    Atomics.notify(this.control, PUBLISHED)
    if (this.options.mainHelps !== false) void this.help()
    if (this.answered < this.paths.length && !this.failure)
      await new Promise<void>((resolve) => (this.settle = resolve))
    this.stop()
    if (this.failure) throw this.failure
    return this.hashes
  }

  /** Stop workers that were started ahead (warmUp) and are not needed: no path was published to them. */
  private retire(): void {
    const slots = this.slots
    this.slots = []
    Atomics.store(this.control, STOPPED, 1)
    Atomics.notify(this.control, PUBLISHED)
    for (const slot of slots) void slot.worker.terminate()
  }

  /** Stop the workers (the scan failed, or the run ends); the hashes are not wanted any more. */
  stop(): void {
    Atomics.store(this.control, STOPPED, 1)
    Atomics.notify(this.control, PUBLISHED)
    for (const slot of this.slots) void slot.worker.terminate()
    this.slots = []
    if (this.answered < this.paths.length) {
      this.failure ??= new Error('Hashing was stopped before it ended')
      this.settle?.()
    }
  }

  /**
   * The main thread's share: a file at a time from the shared queue, until none is left. It yields to
   * the event loop after every ~4 MiB (a few milliseconds; within a big file too), so answers from the
   * workers and the network are taken in between.
   */
  private async help(): Promise<void> {
    const buffer = Buffer.allocUnsafe(READ_BUFFER)
    let sinceYield = 0
    while (!this.failure && this.slots.length > 0) {
      const i = claim(this.control)
      if (i < 0) return
      let hash: FileHash | undefined
      try {
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
      this.here++
      this.record(i, hash)
      if (this.answered === this.paths.length) return
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
      const channel = new MessageChannel()
      const setup: WorkerSetup = {
        control: this.control.buffer as SharedArrayBuffer,
        paths: channel.port2,
      }
      const worker = new Worker(script, { workerData: setup, transferList: [channel.port2] })
      let isReady = () => {}
      const slot: Slot = {
        worker,
        paths: channel.port1,
        ready: new Promise<void>((resolve) => (isReady = resolve)),
      }
      worker.on('message', (answer: WorkerAnswer) => {
        if ('ready' in answer) return isReady()
        this.receive(answer)
      })
      worker.on('error', (error) => this.fail(error))
      worker.on('exit', (code) => {
        isReady()
        // A worker ends by itself once every path is published and claimed; before that, or with an
        // error, the files it had claimed would never be answered.
        const claimedAll = Atomics.load(this.control, CLOSED) === 1 && code === 0
        if (!claimedAll && this.answered < this.paths.length)
          this.fail(new Error(`A hash worker stopped (exit code ${code}) before the scan ended`))
      })
      this.slots.push(slot)
    }
  }

  private receive(answer: WorkerAnswer): void {
    if ('failure' in answer) return this.fail(failureError(answer.failure))
    if (!('hashes' in answer)) return
    const flat = answer.hashes
    for (let j = 0; j < flat.length; j += 4) {
      const hash: FileHash = {
        size: flat[j + 1] as number,
        mtimeMs: flat[j + 2] as number,
        md5: flat[j + 3] as string,
      }
      this.record(flat[j] as number, hash)
    }
  }

  private record(index: number, hash: FileHash): void {
    this.hashes[index] = hash
    if (++this.answered === this.paths.length && this.closed) this.settle?.()
  }

  /** Send the workers the paths added since the last time, then count them as published. */
  private publish(): void {
    if (this.published === this.paths.length || this.slots.length === 0) return
    if (this.published === 0)
      this.options.report?.(
        `in ${this.slots.length} worker thread${this.slots.length > 1 ? 's' : ''}`,
      )
    const batch = this.paths.slice(this.published)
    for (const slot of this.slots) slot.paths.postMessage(batch)
    this.published = this.paths.length
    Atomics.store(this.control, PUBLISHED, this.published)
    Atomics.notify(this.control, PUBLISHED)
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
      sinceYield += hash.size + 4096
      if (sinceYield >= YIELD_EVERY) {
        sinceYield = 0
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    return this.hashes
  }
}

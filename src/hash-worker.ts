/**
 * Entry of a hash worker thread (bundled to dist/hash-worker.js): it claims files from the shared queue
 * (./hash-queue.ts) and answers their size, mtime and MD5 in batches. Files under LANE_MAX bytes are
 * hashed four at a time (./md5-lanes.ts), bigger ones one at a time by node:crypto. Kept small (Node
 * built-ins and the WebAssembly) so a worker starts in milliseconds.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import {
  CLOSED,
  PUBLISHED,
  STOPPED,
  claim,
  type WorkerAnswer,
  type WorkerSetup,
} from './hash-queue.js'
import { READ_BUFFER, hashFileSync, type FileHash } from './hashing.js'
import { LaneFailure, Md5Lanes } from './md5-lanes.js'

/** Answers per message, or fewer when about this many bytes were hashed since the last one. */
const ANSWERS = 32
const ANSWER_BYTES = 8 * READ_BUFFER

const setup = workerData as WorkerSetup
const control = new Int32Array(setup.control)
const port = setup.paths
const paths: string[] = []
const buffer = Buffer.allocUnsafe(READ_BUFFER)
const lanes = Md5Lanes.create()
let hashes: Array<number | string> = []
let bytes = 0

function send(answer: WorkerAnswer): void {
  parentPort!.postMessage(answer)
}

function flush(): void {
  if (hashes.length === 0) return
  send({ hashes })
  hashes = []
  bytes = 0
}

/** Take the paths sent so far (they were sent before they were counted as published). */
function receivePaths(upTo: number): void {
  while (paths.length < upTo) {
    const message = receiveMessageOnPort(port)
    if (!message) return
    for (const path of message.message as string[]) paths.push(path)
  }
}

function answer(index: number, hash: FileHash): void {
  hashes.push(index, hash.size, hash.mtimeMs, hash.md5)
  bytes += hash.size
  if (hashes.length >= 4 * ANSWERS || bytes >= ANSWER_BYTES) flush()
}

function fail(index: number, error: unknown): void {
  flush()
  lanes?.abort()
  const e = error as NodeJS.ErrnoException
  send({ failure: { index, error: e.message ?? String(error), code: e.code } })
}

/** Hash a claimed file: into a free lane when it is small, else here and now. */
function take(index: number, path: string): void {
  if (!lanes?.offer(index, path)) answer(index, hashFileSync(path, buffer))
}

function loop(): void {
  while (Atomics.load(control, STOPPED) === 0) {
    // Claim files until every lane has one (without lanes: one file, hashed at once).
    let published = -1
    while (!lanes?.full) {
      const before = Atomics.load(control, PUBLISHED)
      const index = claim(control)
      if (index < 0) {
        published = before
        break
      }
      receivePaths(index + 1)
      const path = paths[index]
      if (path === undefined) {
        // Cannot happen (paths are sent before they are published); fail loudly rather than hang.
        return fail(index, new Error(`hash worker: no path for file ${index}`))
      }
      try {
        take(index, path)
      } catch (error) {
        return fail(index, error)
      }
      if (!lanes) break
    }
    if (lanes && lanes.busy > 0) {
      try {
        for (const ended of lanes.round()) answer(ended.id, ended.hash)
      } catch (error) {
        return error instanceof LaneFailure ? fail(error.id, error.error) : fail(-1, error)
      }
      continue
    }
    if (published < 0) continue // a file was hashed without lanes: claim the next
    flush()
    if (Atomics.load(control, CLOSED) === 1 && Atomics.load(control, PUBLISHED) === published)
      return // every path is published and taken: done
    // Wait for the walk to publish more (woken by the main thread; the timeout re-checks STOPPED).
    Atomics.wait(control, PUBLISHED, published, 100)
  }
  lanes?.abort()
}

send({ ready: true })
loop()

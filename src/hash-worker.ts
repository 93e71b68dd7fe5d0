/**
 * Entry of a hash worker thread (bundled to dist/hash-worker.js): it claims files from the shared queue
 * (./hash-queue.ts) and answers their size, mtime and MD5 in batches. Kept tiny (Node built-ins only)
 * so a worker starts in milliseconds.
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
import { READ_BUFFER, hashFileSync } from './hashing.js'

/** Answers per message, or fewer when about this many bytes were hashed since the last one. */
const ANSWERS = 32
const ANSWER_BYTES = 8 * READ_BUFFER

const setup = workerData as WorkerSetup
const control = new Int32Array(setup.control)
const port = setup.paths
const paths: string[] = []
const buffer = Buffer.allocUnsafe(READ_BUFFER)
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

function loop(): void {
  while (Atomics.load(control, STOPPED) === 0) {
    const published = Atomics.load(control, PUBLISHED)
    const index = claim(control)
    if (index < 0) {
      flush()
      if (Atomics.load(control, CLOSED) === 1 && Atomics.load(control, PUBLISHED) === published)
        return // every path is published and taken: done
      // Wait for the walk to publish more (woken by the main thread; the timeout re-checks STOPPED).
      Atomics.wait(control, PUBLISHED, published, 100)
      continue
    }
    receivePaths(index + 1)
    const path = paths[index]
    if (path === undefined) {
      // Cannot happen (paths are sent before they are published); fail loudly rather than hang.
      send({ failure: { index, error: `hash worker: no path for file ${index}`, code: undefined } })
      return
    }
    try {
      const hash = hashFileSync(path, buffer)
      hashes.push(index, hash.size, hash.mtimeMs, hash.md5)
      bytes += hash.size
    } catch (error) {
      flush()
      const e = error as NodeJS.ErrnoException
      send({ failure: { index, error: e.message ?? String(error), code: e.code } })
      return
    }
    if (hashes.length >= 4 * ANSWERS || bytes >= ANSWER_BYTES) flush()
  }
}

send({ ready: true })
loop()

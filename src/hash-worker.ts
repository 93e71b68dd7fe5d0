/**
 * Entry of a hash worker thread (bundled to dist/hash-worker.js): it answers batches of paths with
 * their size, mtime and MD5. Kept tiny (Node built-ins only) so a worker starts in milliseconds.
 */
import { parentPort } from 'node:worker_threads'
import { READ_BUFFER, hashBatch } from './hashing.js'

export interface HashRequest {
  id: number
  paths: string[]
}

const buffer = Buffer.allocUnsafe(READ_BUFFER)
parentPort?.on('message', (request: HashRequest) => {
  parentPort!.postMessage({ id: request.id, results: hashBatch(request.paths, buffer) })
})

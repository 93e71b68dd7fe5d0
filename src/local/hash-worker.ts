/**
 * Entry of a hash worker thread (bundled to dist/hash-worker.js): it hashes each batch of paths it is
 * sent (./hashing.ts, node:crypto) and answers the batch at once, or the first file it could not read.
 */
import { parentPort } from 'node:worker_threads'
import { READ_BUFFER, hashFileSync, type HashFailure } from './hashing.js'

/** A batch of paths: the first one's index in the Hasher, and the paths in order. */
export interface WorkerBatch {
  first: number
  paths: string[]
}

/** A batch's answer, flat: `[size, mtimeMs, md5, size, ...]` in the batch's order; or a failure. */
export type WorkerAnswer =
  { first: number; hashes: Array<number | string> } | { failure: HashFailure & { index: number } }

const buffer = Buffer.allocUnsafe(READ_BUFFER)

parentPort?.on('message', ({ first, paths }: WorkerBatch) => {
  const hashes: Array<number | string> = []
  for (let i = 0; i < paths.length; i++) {
    try {
      const hash = hashFileSync(paths[i]!, buffer)
      hashes.push(hash.size, hash.mtimeMs, hash.md5)
    } catch (error) {
      const e = error as NodeJS.ErrnoException
      const failure = { index: first + i, error: e.message ?? String(error), code: e.code }
      return parentPort!.postMessage({ failure } satisfies WorkerAnswer)
    }
  }
  parentPort!.postMessage({ first, hashes } satisfies WorkerAnswer)
})

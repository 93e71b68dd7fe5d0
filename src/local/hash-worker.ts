/**
 * Entry of a hash worker thread (bundled to dist/hash-worker.js): it hashes each batch of files it is
 * sent (./hashing.ts, node:crypto) and answers the batch at once, or the first file it could not read.
 */
import { parentPort } from 'node:worker_threads'
import { READ_BUFFER, hashFileSync, type HashFailure, type HashPlan } from './hashing.js'

/** A batch: each file's index in the Hasher, its path and the digests to take. */
export interface WorkerBatch {
  ids: number[]
  paths: string[]
  plans: HashPlan[]
}

/**
 * A batch's answer, flat: `[id, size, mtimeMs, md5, sha or '', id, ...]` in the batch's order; or a
 * failure.
 */
export type WorkerAnswer =
  { hashes: Array<number | string> } | { failure: HashFailure & { index: number } }

const buffer = Buffer.allocUnsafe(READ_BUFFER)

parentPort?.on('message', ({ ids, paths, plans }: WorkerBatch) => {
  const hashes: Array<number | string> = []
  for (let i = 0; i < paths.length; i++) {
    try {
      const hash = hashFileSync(paths[i]!, buffer, plans[i])
      hashes.push(ids[i]!, hash.size, hash.mtimeMs, hash.md5, hash.sha ?? '')
    } catch (error) {
      const e = error as NodeJS.ErrnoException
      const failure = { index: ids[i]!, error: e.message ?? String(error), code: e.code }
      return parentPort!.postMessage({ failure } satisfies WorkerAnswer)
    }
  }
  parentPort!.postMessage({ hashes } satisfies WorkerAnswer)
})

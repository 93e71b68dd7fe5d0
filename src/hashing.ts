/**
 * Hashing one file: open, stat, read through a caller's buffer, MD5, close; all synchronous, so a hash
 * worker (./hash-worker.ts) runs it with no promise round trips per file. The same function serves the
 * main thread when no worker runs.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'

export const READ_BUFFER = 1024 * 1024

export interface FileHash {
  size: number
  /** Lower-case hex MD5 of the content. */
  md5: string
  mtimeMs: number
}

/** A file that could not be read, as it crosses a thread: the error's message and code. */
export interface HashFailure {
  error: string
  code: string | undefined
}

/** Size, mtime and MD5 of a file, read through `buffer`. Throws the file system's error. */
export function hashFileSync(file: string, buffer: Buffer): FileHash {
  const fd = fs.openSync(file, 'r')
  try {
    const stat = fs.fstatSync(fd)
    const hash = createHash('md5')
    let position = 0
    for (;;) {
      const bytesRead = fs.readSync(fd, buffer, 0, buffer.length, position)
      if (bytesRead === 0) break
      hash.update(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead))
      position += bytesRead
      // A file that grows while it is read is hashed as far as its size at the stat: never more.
      if (position >= stat.size) break
    }
    return { size: position, md5: hash.digest('hex'), mtimeMs: stat.mtimeMs }
  } finally {
    fs.closeSync(fd)
  }
}

/** Hash each file, catching per file, so one unreadable file does not lose the batch's other answers. */
export function hashBatch(files: readonly string[], buffer: Buffer): Array<FileHash | HashFailure> {
  return files.map((file) => {
    try {
      return hashFileSync(file, buffer)
    } catch (error) {
      const e = error as NodeJS.ErrnoException
      return { error: e.message ?? String(error), code: e.code }
    }
  })
}

/** Turn a failure that crossed a thread back into an Error with its code. */
export function failureError(failure: HashFailure): Error {
  const error = new Error(failure.error) as NodeJS.ErrnoException
  if (failure.code) error.code = failure.code
  return error
}

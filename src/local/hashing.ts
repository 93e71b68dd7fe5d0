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

/**
 * One file's hash taken a slice at a time (`step`), so a thread with other work (the main thread) can
 * stop between slices of a big file. Opens the file at construction; `step` closes it on the last slice
 * and on any error.
 */
export class FileHashing {
  private readonly fd: number
  private readonly size: number
  private readonly mtimeMs: number
  private readonly hash = createHash('md5')
  private position = 0
  private answer: FileHash | undefined

  constructor(
    file: string,
    private readonly buffer: Buffer,
  ) {
    this.fd = fs.openSync(file, 'r')
    try {
      const stat = fs.fstatSync(this.fd)
      this.size = stat.size
      this.mtimeMs = stat.mtimeMs
    } catch (error) {
      fs.closeSync(this.fd)
      throw error
    }
  }

  /** Close the file before its end (the hash is not wanted any more). */
  close(): void {
    if (this.answer) return
    this.answer = { size: this.position, md5: '', mtimeMs: this.mtimeMs }
    fs.closeSync(this.fd)
  }

  /**
   * Read and hash at least `budget` bytes (whole buffers); the hash once the file is read (and from
   * then on), else undefined.
   */
  step(budget = Number.POSITIVE_INFINITY): FileHash | undefined {
    if (this.answer) return this.answer
    const { buffer } = this
    let done = false
    try {
      for (let taken = 0; taken < budget;) {
        // Never past the size at the stat (a file that grows is hashed to it; one that shrinks, to its end).
        const want = Math.min(buffer.length, this.size - this.position)
        const bytesRead = want > 0 ? fs.readSync(this.fd, buffer, 0, want, this.position) : 0
        if (bytesRead === 0) {
          done = true
          break
        }
        this.hash.update(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead))
        this.position += bytesRead
        taken += bytesRead
      }
    } catch (error) {
      fs.closeSync(this.fd)
      throw error
    }
    if (!done) return undefined
    fs.closeSync(this.fd)
    this.answer = { size: this.position, md5: this.hash.digest('hex'), mtimeMs: this.mtimeMs }
    return this.answer
  }
}

/** Size, mtime and MD5 of a file, read through `buffer`. Throws the file system's error. */
export function hashFileSync(file: string, buffer: Buffer): FileHash {
  return new FileHashing(file, buffer).step()!
}

/** Turn a failure that crossed a thread back into an Error with its code. */
export function failureError(failure: HashFailure): Error {
  const error = new Error(failure.error) as NodeJS.ErrnoException
  if (failure.code) error.code = failure.code
  return error
}

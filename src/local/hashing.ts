/**
 * Hashing one file: open, stat, read through a caller's buffer, digest, close; all synchronous, so a hash
 * worker (./hash-worker.ts) runs it with no promise round trips per file. The same function serves the
 * main thread when no worker runs.
 *
 * S3 compares by MD5 (the ETag, Content-MD5), but node:crypto's SHA-256 is 2.4x faster on CPUs with SHA
 * extensions (1,560 against 645 MB/s on this 2-core EPYC, as GitHub's runners have; `crypto.createHash`
 * over 64 MiB). So the deploy state keeps each file's SHA-256 beside its MD5, and a file the state
 * describes is read once for its SHA-256: when that matches, the state's MD5 is the file's. A CI rebuild
 * of 10,000 files (475 MB, unchanged bytes, new mtimes) then hashes in 0.6 s of one core instead of 1.0 s
 * (both with the reads; `node` over the bench site, warm cache).
 */
import { createHash, type Hash } from 'node:crypto'
import fs from 'node:fs'

export const READ_BUFFER = 1024 * 1024

export interface FileHash {
  size: number
  /** Lower-case hex MD5 of the content; '' when only the SHA-256 was asked for (plan 'sha'). */
  md5: string
  /** The content's SHA-256, its first 16 bytes in base64url (see shaOf); absent under plan 'md5'. */
  sha?: string
  mtimeMs: number
}

/**
 * What the deploy state says a file held. When the file has this size and SHA-256, its MD5 is the
 * state's (the state recorded both of the same bytes) and is not computed; otherwise it is.
 */
export interface Expected {
  size: number
  sha: string
  md5: string
}

/**
 * The digests to take: 'md5' only; 'sha' only (the MD5 is settled later, once the state is known);
 * 'both' in one read; or an Expected (SHA-256 first, then the MD5 only when it differs).
 */
export type HashPlan = 'md5' | 'sha' | 'both' | Expected

/** 128 bits of SHA-256 are kept: still far beyond MD5's strength, at 22 characters a file. */
const SHA_BYTES = 16

function shaText(hash: Hash): string {
  return hash.digest().subarray(0, SHA_BYTES).toString('base64url')
}

/** The SHA-256 a FileHash carries, of bytes in memory. */
export function shaOf(bytes: Uint8Array): string {
  return shaText(createHash('sha256').update(bytes))
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
  private md5: Hash | undefined
  private sha: Hash | undefined
  private shaDigest: string | undefined
  /** Set while the first read checks the file against the state. */
  private expected: Expected | undefined
  private position = 0
  private answer: FileHash | undefined

  constructor(
    file: string,
    private readonly buffer: Buffer,
    plan: HashPlan = 'md5',
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
    // Another size is another content: both digests in the one read.
    if (typeof plan === 'object' && plan.size !== this.size) plan = 'both'
    if (typeof plan === 'object') this.expected = plan
    if (plan === 'md5' || plan === 'both') this.md5 = createHash('md5')
    if (plan !== 'md5') this.sha = createHash('sha256')
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
          if (!this.readAgain()) {
            done = true
            break
          }
          continue
        }
        const bytes = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead)
        this.md5?.update(bytes)
        this.sha?.update(bytes)
        this.position += bytesRead
        taken += bytesRead
      }
    } catch (error) {
      fs.closeSync(this.fd)
      throw error
    }
    if (!done) return undefined
    fs.closeSync(this.fd)
    this.answer = {
      size: this.position,
      md5: this.md5 ? this.md5.digest('hex') : (this.expected?.md5 ?? ''),
      ...(this.shaDigest !== undefined ? { sha: this.shaDigest } : {}),
      mtimeMs: this.mtimeMs,
    }
    return this.answer
  }

  /**
   * At the end of a read: take the SHA-256; when the state expected another one, read the file again
   * for both digests (true), so that the two recorded are of the same bytes even if it changes meanwhile.
   */
  private readAgain(): boolean {
    if (this.sha) this.shaDigest = shaText(this.sha)
    this.sha = undefined
    const expected = this.expected
    if (!expected || this.md5) return false
    if (expected.sha === this.shaDigest && expected.size === this.position) return false
    this.expected = undefined
    this.md5 = createHash('md5')
    this.sha = createHash('sha256')
    this.position = 0
    return true
  }
}

/** Size, mtime and the plan's digests of a file, read through `buffer`. Throws the file system's error. */
export function hashFileSync(file: string, buffer: Buffer, plan: HashPlan = 'md5'): FileHash {
  return new FileHashing(file, buffer, plan).step()!
}

/** Turn a failure that crossed a thread back into an Error with its code. */
export function failureError(failure: HashFailure): Error {
  const error = new Error(failure.error) as NodeJS.ErrnoException
  if (failure.code) error.code = failure.code
  return error
}

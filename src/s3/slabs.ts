/**
 * Read buffers for upload bodies, reused from one file to the next. A deploy of 30,000 files reads
 * more than a gigabyte to send it; a fresh buffer per file leaves all of it to the garbage collector,
 * which lets ~100 MB pile up between collections. A body here is a list of fixed-size slabs, taken from
 * a free list and given back once the request is done, so what is held is what is in flight.
 */
import { closeSync, openSync, readSync } from 'node:fs'

export const SLAB = 256 * 1024
/** Free slabs kept for reuse (8 MiB): enough for every connection's next small file. */
export const FREE_KEPT = 32

/** The file on disk is not the one that was hashed any more. */
export class FileChanged extends Error {
  override name = 'FileChanged'
}

export class Slabs {
  private readonly free: Buffer[] = []
  private readonly probe = Buffer.allocUnsafe(1)

  /** Slabs currently allocated (free or in use): for tests. */
  allocated = 0

  /**
   * Read a whole file of `size` bytes (its size when hashed) into slabs; `release` gives them back.
   * Throws FileChanged when the file is shorter or longer now.
   */
  read(file: string, size: number, label = file): { chunks: Buffer[]; release: () => void } {
    return this.readFrom(file, 0, size, label, true)
  }

  /**
   * Read `length` bytes of `file` from `offset` (a multipart part) into slabs; `release` gives them back.
   * Throws FileChanged when the file ends before. (The whole file's MD5, checked by the caller once every
   * part is read, catches any other change.)
   */
  readRange(
    file: string,
    offset: number,
    length: number,
    label = file,
  ): { chunks: Buffer[]; release: () => void } {
    return this.readFrom(file, offset, length, label, false)
  }

  /** `length` bytes from `offset`; with `wholeFile`, the file must also end there. */
  private readFrom(
    file: string,
    offset: number,
    length: number,
    label: string,
    wholeFile: boolean,
  ): { chunks: Buffer[]; release: () => void } {
    const taken: Buffer[] = []
    // Up to FREE_KEPT slabs wait for the next file; the rest go back to the allocator: a burst of
    // large files does not keep its memory for the rest of the run.
    const release = () => this.giveBack(taken.splice(0))
    const changed = () => new FileChanged(`${label} changed on disk during the deploy`)
    try {
      const fd = openSync(file, 'r')
      try {
        const chunks: Buffer[] = []
        for (let at = 0; at < length; at += SLAB) {
          const slab = this.take()
          taken.push(slab)
          const size = Math.min(SLAB, length - at)
          let filled = 0
          while (filled < size) {
            const n = readSync(fd, slab, filled, size - filled, offset + at + filled)
            if (n === 0) throw changed()
            filled += n
          }
          chunks.push(slab.subarray(0, size))
        }
        if (wholeFile && readSync(fd, this.probe, 0, 1, offset + length) > 0) throw changed()
        return { chunks, release }
      } finally {
        closeSync(fd)
      }
    } catch (error) {
      release()
      throw error
    }
  }

  private giveBack(slabs: Buffer[]): void {
    for (const slab of slabs) {
      if (this.free.length < FREE_KEPT) this.free.push(slab)
      else this.allocated--
    }
  }

  private take(): Buffer {
    const slab = this.free.pop()
    if (slab) return slab
    this.allocated++
    return Buffer.allocUnsafe(SLAB)
  }
}

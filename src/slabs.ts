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
    const taken: Buffer[] = []
    const release = () => {
      // Up to FREE_KEPT slabs wait for the next file; the rest go back to the allocator: a burst of
      // large files does not keep its memory for the rest of the run.
      for (const slab of taken.splice(0)) {
        if (this.free.length < FREE_KEPT) this.free.push(slab)
        else this.allocated--
      }
    }
    try {
      const fd = openSync(file, 'r')
      try {
        const chunks: Buffer[] = []
        for (let offset = 0; offset < size; offset += SLAB) {
          const slab = this.take()
          taken.push(slab)
          const length = Math.min(SLAB, size - offset)
          let filled = 0
          while (filled < length) {
            const n = readSync(fd, slab, filled, length - filled, offset + filled)
            if (n === 0) throw new FileChanged(`${label} changed on disk during the deploy`)
            filled += n
          }
          chunks.push(slab.subarray(0, length))
        }
        if (readSync(fd, this.probe, 0, 1, size) > 0)
          throw new FileChanged(`${label} changed on disk during the deploy`)
        return { chunks, release }
      } finally {
        closeSync(fd)
      }
    } catch (error) {
      release()
      throw error
    }
  }

  private take(): Buffer {
    const slab = this.free.pop()
    if (slab) return slab
    this.allocated++
    return Buffer.allocUnsafe(SLAB)
  }
}

/**
 * Multipart part buffers (8 MiB), reused from one part to the next while multipart uploads run and let
 * go when the last one ends. A fresh buffer per part is garbage the collector takes its time with: three
 * files of 17-30 MiB left ~70 MB of parts behind before a collection, the highest point of a deploy's
 * memory. How many are held at once is bounded by the caller's memory budget.
 */
export class PartBuffers {
  private free: Buffer[] = []
  private users = 0

  /** A multipart upload starts. */
  open(): void {
    this.users++
  }

  /** A multipart upload ended: the last one lets the buffers go. */
  close(): void {
    if (--this.users === 0) this.free = []
  }

  /** A buffer of exactly `size` bytes: a kept one, or a new one. */
  take(size: number): Buffer {
    const at = this.free.findIndex((b) => b.length === size)
    return at >= 0 ? this.free.splice(at, 1)[0]! : Buffer.allocUnsafe(size)
  }

  /** Give a buffer back once its part is sent (or failed for good). */
  give(buffer: Buffer): void {
    if (this.users > 0) this.free.push(buffer)
  }

  /** Buffers kept for reuse: for tests. */
  get kept(): number {
    return this.free.length
  }
}

/**
 * Upload bodies read from disk, each into a buffer of its own (the upload's memory budget bounds how
 * many are held at once). Read synchronously: the files were just hashed, so they are in the page
 * cache, and a read there takes microseconds where the promise round trips through the thread pool
 * cost more main-thread time than the read (2,000 files of 1-40 KB, 32 at a time, on 2 loaded cores:
 * ~29 ms of process CPU with readSync, ~100-110 ms with fs.promises.readFile or a FileHandle).
 */
import { closeSync, openSync, readSync } from 'node:fs'

/** The file on disk is not the one that was hashed any more. */
export class FileChanged extends Error {
  override name = 'FileChanged'
}

export function fileChanged(label: string): FileChanged {
  return new FileChanged(`${label} changed on disk during the deploy`)
}

const probe = Buffer.alloc(1)

/**
 * `length` bytes of `file` from `offset`, in a new buffer. Throws FileChanged (naming `label`) when
 * the file ends before; with `wholeFile`, also when it goes on after (it is not the size it was hashed
 * at). What is read is checked against the scan's MD5 by the caller: Content-MD5 for a single PUT,
 * the whole file's hash for a multipart upload.
 */
export function readFileBytes(
  file: string,
  offset: number,
  length: number,
  label: string,
  wholeFile: boolean,
): Buffer {
  const fd = openSync(file, 'r')
  try {
    const bytes = Buffer.allocUnsafe(length)
    let filled = 0
    while (filled < length) {
      const n = readSync(fd, bytes, filled, length - filled, offset + filled)
      if (n === 0) throw fileChanged(label)
      filled += n
    }
    if (wholeFile && readSync(fd, probe, 0, 1, offset + length) > 0) throw fileChanged(label)
    return bytes
  } finally {
    closeSync(fd)
  }
}

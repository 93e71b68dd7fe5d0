// Upload bodies read from disk: whole files and multipart ranges come back byte for byte, each in a
// buffer of its own, and a file that is not the size it was hashed at is refused, naming it.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FileChanged, readFileBytes } from '../../src/s3/file-bytes.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-publish-file-bytes-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function write(name: string, bytes: Buffer): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, bytes)
  return file
}

describe('readFileBytes', () => {
  it.each([0, 1, 4095, 4096, 256 * 1024 + 1, 3 * 1024 * 1024 + 17])(
    'a file of %i bytes comes back whole',
    (size) => {
      const bytes = randomBytes(size)
      const read = readFileBytes(write(`f${size}`, bytes), 0, size, 'f', true)
      expect(read.equals(bytes)).toBe(true)
    },
  )

  it('two reads of one file are two buffers: sending one never changes the other', () => {
    const file = write('twice', randomBytes(64 * 1024))
    const a = readFileBytes(file, 0, 64 * 1024, 'twice', true)
    const b = readFileBytes(file, 0, 64 * 1024, 'twice', true)
    expect(a.buffer).not.toBe(b.buffer)
    a.fill(0)
    expect(b.equals(fs.readFileSync(file))).toBe(true)
  })

  it('reads a range (a multipart part); a file that ends before the range is refused', () => {
    const bytes = randomBytes(5 * 1024 * 1024 + 123)
    const file = write('range', bytes)
    for (const [offset, length] of [
      [0, 1024 * 1024],
      [1024 * 1024 - 7, 2 * 1024 * 1024 + 9],
      [3 * 1024 * 1024, 2 * 1024 * 1024 + 123],
    ] as const) {
      const read = readFileBytes(file, offset, length, 'range.bin', false)
      expect(read.equals(bytes.subarray(offset, offset + length))).toBe(true)
    }
    expect(() => readFileBytes(file, 4 * 1024 * 1024, 2 * 1024 * 1024, 'range.bin', false)).toThrow(
      new FileChanged('range.bin changed on disk during the deploy'),
    )
  })

  it.each([
    ['grew', 1000, 1001],
    ['shrank', 1000, 999],
    ['shrank to nothing', 300 * 1024, 0],
  ])('a file that %s since it was hashed is refused, naming it', (_, hashed, now) => {
    const file = write(`c${hashed}-${now}`, randomBytes(now))
    expect(() => readFileBytes(file, 0, hashed, 'site/page.html', true)).toThrow(FileChanged)
    expect(() => readFileBytes(file, 0, hashed, 'site/page.html', true)).toThrow(
      'site/page.html changed on disk during the deploy',
    )
  })
})

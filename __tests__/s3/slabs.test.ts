// Upload bodies read into reused slabs: the right bytes in slab-sized chunks, slabs given back and
// reused, and a file that changed length since it was hashed refused.
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FREE_KEPT, FileChanged, SLAB, Slabs } from '../../src/s3/slabs.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-publish-slabs-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function write(name: string, bytes: Buffer): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, bytes)
  return file
}

const md5 = (chunks: readonly Buffer[]) => {
  const hash = createHash('md5')
  for (const c of chunks) hash.update(c)
  return hash.digest('hex')
}

describe('Slabs', () => {
  it.each([0, 1, SLAB - 1, SLAB, SLAB + 1, 3 * SLAB + 17])(
    'a file of %i bytes comes back whole, in chunks of at most one slab',
    (size) => {
      const bytes = randomBytes(size)
      const slabs = new Slabs()
      const { chunks, release } = slabs.read(write(`f${size}`, bytes), size)
      expect(chunks.map((c) => c.length)).toEqual(
        Array.from({ length: Math.ceil(size / SLAB) }, (_, i) => Math.min(SLAB, size - i * SLAB)),
      )
      expect(md5(chunks)).toBe(createHash('md5').update(bytes).digest('hex'))
      release()
    },
  )

  it('readRange reads a part of a file, and a file that ends before the part is refused', () => {
    const bytes = randomBytes(5 * SLAB + 123)
    const file = write('range', bytes)
    const slabs = new Slabs()
    for (const [offset, length] of [
      [0, SLAB],
      [SLAB - 7, 2 * SLAB + 9],
      [3 * SLAB, 2 * SLAB + 123],
    ] as const) {
      const { chunks, release } = slabs.readRange(file, offset, length)
      expect(chunks.every((c) => c.length <= SLAB)).toBe(true)
      expect(Buffer.concat(chunks).equals(bytes.subarray(offset, offset + length))).toBe(true)
      release()
    }
    expect(() => slabs.readRange(file, 4 * SLAB, 2 * SLAB, 'range.bin')).toThrow(FileChanged)
    // The slabs of the refused read went back.
    const kept = slabs.allocated
    slabs.readRange(file, 0, SLAB).release()
    expect(slabs.allocated).toBe(kept)
  })

  it('after a large body, only FREE_KEPT slabs are kept for reuse; the rest go back to the allocator', () => {
    const slabs = new Slabs()
    const size = (FREE_KEPT + 10) * SLAB
    const big = slabs.read(write('big', randomBytes(size)), size)
    expect(slabs.allocated).toBe(FREE_KEPT + 10)
    big.release()
    expect(slabs.allocated).toBe(FREE_KEPT)
    // The kept ones serve the next bodies without new allocations.
    const next = slabs.read(write('next', randomBytes(4 * SLAB)), 4 * SLAB)
    expect(slabs.allocated).toBe(FREE_KEPT)
    next.release()
  })

  it('slabs given back are reused: reading many files one after another allocates only what one needs', () => {
    const slabs = new Slabs()
    for (let i = 0; i < 50; i++) {
      const bytes = randomBytes(2 * SLAB + i)
      const { chunks, release } = slabs.read(write(`r${i}`, bytes), bytes.length)
      expect(md5(chunks)).toBe(createHash('md5').update(bytes).digest('hex'))
      release()
    }
    expect(slabs.allocated).toBe(3)
    // Two bodies held at once need their own slabs.
    const a = slabs.read(write('a', randomBytes(SLAB)), SLAB)
    const b = slabs.read(write('b', randomBytes(SLAB)), SLAB)
    expect(a.chunks[0]!.buffer).not.toBe(b.chunks[0]!.buffer)
    a.release()
    b.release()
  })

  it.each([
    ['grew', 1000, 1001],
    ['shrank', 1000, 999],
    ['shrank to nothing', SLAB + 5, 0],
  ])(
    'a file that %s since it was hashed is refused, naming it, and its slabs are given back',
    (_, hashed, now) => {
      const slabs = new Slabs()
      const file = write(`c${hashed}-${now}`, randomBytes(now))
      expect(() => slabs.read(file, hashed, 'site/page.html')).toThrow(FileChanged)
      expect(() => slabs.read(file, hashed, 'site/page.html')).toThrow(
        'site/page.html changed on disk during the deploy',
      )
      const before = slabs.allocated
      const ok = slabs.read(write(`ok${hashed}`, randomBytes(10)), 10)
      expect(slabs.allocated).toBe(before)
      ok.release()
    },
  )
})

// MD5 of four files at once (src/md5-lanes.ts, the WebAssembly of src/md5x4-wasm.ts): every answer is
// node:crypto's, whatever the sizes side by side, and a file that changes or fails behaves as
// hashFileSync's does.
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FileHash } from '../../src/hashing.js'
import { LaneFailure, Md5Lanes } from '../../src/md5-lanes.js'

const PIECE = 64 * 1024
let root: string

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-publish-lanes-'))
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

function write(name: string, bytes: Buffer): string {
  const file = path.join(root, name)
  fs.writeFileSync(file, bytes)
  return file
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex')

/** Hash `files` through the lanes as a worker does: fill free lanes, run rounds, until all ended. */
function hashAll(lanes: Md5Lanes, files: string[]): Map<number, FileHash> {
  const answers = new Map<number, FileHash>()
  let next = 0
  while (answers.size < files.length) {
    while (lanes.busy < 4 && next < files.length) {
      const fd = fs.openSync(files[next]!, 'r')
      const stat = fs.fstatSync(fd)
      lanes.start(next++, fd, stat.size, stat.mtimeMs)
    }
    for (const { id, hash } of lanes.round()) answers.set(id, hash)
  }
  return answers
}

describe('Md5Lanes', () => {
  it('is available here (Node 20 and later have WebAssembly SIMD)', () => {
    expect(Md5Lanes.create()).toBeInstanceOf(Md5Lanes)
  })

  it("answers node:crypto's MD5, size and mtime for sizes around every block and piece boundary, side by side", () => {
    const sizes = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000]
    sizes.push(PIECE - 9, PIECE - 8, PIECE - 1, PIECE, PIECE + 1, 2 * PIECE - 8, 3 * PIECE + 100)
    sizes.push(1_500_000, 7, 300_000, 0, 64)
    const contents = sizes.map((size) => randomBytes(size))
    const files = contents.map((bytes, i) => write(`sizes-${i}`, bytes))
    const answers = hashAll(Md5Lanes.create()!, files)
    const got = files.map((_, i) => answers.get(i))
    expect(got.map((h) => h?.md5)).toEqual(contents.map(md5))
    expect(got.map((h) => h?.size)).toEqual(sizes)
    expect(got.map((h) => h?.mtimeMs)).toEqual(files.map((f) => fs.statSync(f).mtimeMs))
  })

  it('a lane alone, and lanes reused for many small files: still the right answers', () => {
    const lanes = Md5Lanes.create()!
    const one = randomBytes(5 * PIECE + 3)
    expect(hashAll(lanes, [write('alone', one)]).get(0)?.md5).toBe(md5(one))
    const many = Array.from({ length: 40 }, (_, i) => randomBytes((i * 977) % 5000))
    const answers = hashAll(
      lanes,
      many.map((bytes, i) => write(`many-${i}`, bytes)),
    )
    expect(many.map((_, i) => answers.get(i)?.md5)).toEqual(many.map(md5))
  })

  it('a file that grows after the stat is hashed up to its size then; one that shrinks, as far as it goes', () => {
    const lanes = Md5Lanes.create()!
    const grows = randomBytes(3 * PIECE)
    const shrinks = randomBytes(3 * PIECE)
    const files = [write('grows', grows), write('shrinks', shrinks)]
    const fds = files.map((f) => fs.openSync(f, 'r'))
    lanes.start(0, fds[0]!, grows.length, 0)
    lanes.start(1, fds[1]!, shrinks.length, 0)
    fs.appendFileSync(files[0]!, randomBytes(1000))
    fs.truncateSync(files[1]!, PIECE + 10)
    const answers = new Map<number, FileHash>()
    while (answers.size < 2) for (const { id, hash } of lanes.round()) answers.set(id, hash)
    expect(answers.get(0)).toMatchObject({ size: grows.length, md5: md5(grows) })
    expect(answers.get(1)).toMatchObject({
      size: PIECE + 10,
      md5: md5(shrinks.subarray(0, PIECE + 10)),
    })
  })

  it('a file that cannot be read fails with its id; the lane is free again and the others go on', () => {
    const lanes = Md5Lanes.create()!
    const good = randomBytes(2 * PIECE + 5)
    const goodFd = fs.openSync(write('good', good), 'r')
    const dir = fs.openSync(root, 'r') // reading a directory fails with EISDIR
    lanes.start(7, goodFd, good.length, 0)
    lanes.start(8, dir, 4096, 0)
    let failure: unknown
    try {
      lanes.round()
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(LaneFailure)
    expect((failure as LaneFailure).id).toBe(8)
    expect((failure as LaneFailure).error).toMatchObject({ code: 'EISDIR' })
    expect(lanes.busy).toBe(1)
    const answers = new Map<number, FileHash>()
    while (answers.size < 1) for (const { id, hash } of lanes.round()) answers.set(id, hash)
    expect(answers.get(7)?.md5).toBe(md5(good))
    expect(() => fs.fstatSync(dir)).toThrow() // closed by the lane
  })

  it("src/md5x4-wasm.ts is what scripts/md5x4-wasm.mjs generates (the committed module is the script's)", () => {
    const repo = new URL('../../', import.meta.url)
    const generated = execFileSync(process.execPath, ['scripts/md5x4-wasm.mjs', '--print'], {
      cwd: repo,
      encoding: 'utf-8',
    })
    expect(generated).toBe(fs.readFileSync(new URL('src/md5x4-wasm.ts', repo), 'utf-8'))
  })

  it('abort closes every open file', () => {
    const lanes = Md5Lanes.create()!
    const fd = fs.openSync(write('aborted', randomBytes(PIECE * 2)), 'r')
    lanes.start(0, fd, PIECE * 2, 0)
    lanes.round()
    lanes.abort()
    expect(lanes.busy).toBe(0)
    expect(() => fs.fstatSync(fd)).toThrow()
  })
})

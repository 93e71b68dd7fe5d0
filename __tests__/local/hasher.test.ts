// Hashing in worker threads (the bundled dist/hash-worker.js, which `npm test` builds first) and on
// the main thread: the same answers, in the selection's order, and the first unreadable file's error;
// a file that changes after its stat is hashed to the stat's size, or as far as it goes.
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileFilter } from '../../src/core/filter.js'
import { Hasher, WORKER_MIN_FILES } from '../../src/local/hasher.js'
import { FileHashing, READ_BUFFER, hashFileSync, shaOf } from '../../src/local/hashing.js'
import { hashFiles, selectFiles, withHashes } from '../../src/local/scan.js'

const workerScript = new URL('../../dist/hash-worker.js', import.meta.url)
let root: string
const md5s = new Map<string, string>()

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-publish-hasher-'))
  // 300 files from 0 bytes to ~2.5 MiB (several read-buffer lengths), in nested directories.
  for (let i = 0; i < 300; i++) {
    const key = `d${i % 7}/sub${i % 3}/f${String(i).padStart(3, '0')}.bin`
    const size = i === 0 ? 0 : ((i * 7919) % 65536) + (i % 50 === 0 ? 2_500_000 : 0)
    const bytes = Buffer.alloc(size, i % 251)
    bytes.write(key)
    fs.mkdirSync(path.join(root, path.dirname(key)), { recursive: true })
    fs.writeFileSync(path.join(root, key), bytes)
    md5s.set(key, createHash('md5').update(bytes).digest('hex'))
  }
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

const filter = compileFilter({ include: ['**'], exclude: [] })

describe('Hasher', () => {
  it('in 2 worker threads, fed by the walk: every file its own MD5 and size, in key order', async () => {
    const where: string[] = []
    const hasher = new Hasher({ workers: 2, workerScript, report: (w) => where.push(w) })
    const selection = await selectFiles(root, filter, hasher)
    const files = withHashes(selection.found, await hasher.done())
    expect(where).toEqual(['in 2 worker threads'])
    expect(files.map((f) => f.key)).toEqual([...md5s.keys()].sort())
    for (const f of files) {
      expect(f.md5, f.key).toBe(md5s.get(f.key))
      expect(f.size).toBe(fs.statSync(f.path).size)
    }
  })

  it('one worker and the main thread share the files (batches posted to it, the rest hashed here): the same answers', async () => {
    const selection = await selectFiles(root, filter)
    const alone = await hashFiles(selection.found, { workers: 2, workerScript, mainHelps: false })
    const hasher = new Hasher({ workers: 1, workerScript })
    await hasher.warmUp() // the worker is running: it takes batches as soon as they are full
    for (const f of selection.found) hasher.add(f.path)
    const shared = withHashes(selection.found, await hasher.done())
    expect(shared).toEqual(alone)
    // Both took part: the main thread some files, the worker the rest.
    expect(hasher.hashedHere).toBeGreaterThan(0)
    expect(hasher.hashedHere).toBeLessThan(selection.found.length)
  })

  it('the main thread gives the same answers, for few files or without the worker script', async () => {
    const selection = await selectFiles(root, filter)
    const inWorkers = await hashFiles(selection.found, { workers: 2, workerScript })
    const where: string[] = []
    const here = await hashFiles(selection.found, {
      workerScript: new URL('./no-such-worker.js', workerScript),
      report: (w) => where.push(w),
    })
    expect(where).toEqual(['on the main thread'])
    expect(here).toEqual(inWorkers)
    const few: string[] = []
    await hashFiles(selection.found.slice(0, WORKER_MIN_FILES - 1), {
      workerScript,
      report: (w) => few.push(w),
    })
    expect(few).toEqual(['on the main thread'])
  })

  it('a file that vanished after the walk fails the hash with its path and ENOENT, in workers too', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-publish-vanish-'))
    for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(dir, `f${i}.txt`), `file ${i}`)
    const selection = await selectFiles(dir, filter)
    fs.rmSync(path.join(dir, 'f99.txt'))
    // Whichever thread claims f99.txt (a worker, or the main thread once the walk has ended) fails the run.
    for (const [workers, mainHelps] of [
      [2, false],
      [1, true],
      [0, false],
    ] as const) {
      const error = await hashFiles(selection.found, { workers, workerScript, mainHelps }).catch(
        (e: unknown) => e as NodeJS.ErrnoException,
      )
      expect(error).toBeInstanceOf(Error)
      expect((error as NodeJS.ErrnoException).code).toBe('ENOENT')
      expect((error as Error).message).toContain(path.join(dir, 'f99.txt'))
    }
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('FileHashing: a big file hashed a slice at a time gives the whole-file answer, once, at its end', () => {
    const file = path.join(root, 'd0/sub0/f000.bin') // 0 bytes
    expect(new FileHashing(file, Buffer.alloc(16)).step(1)).toEqual(
      hashFileSync(file, Buffer.alloc(16)),
    )
    const big = [...md5s.keys()].find((k) => k.endsWith('f050.bin'))! // ~2.5 MiB
    const full = path.join(root, big)
    const buffer = Buffer.allocUnsafe(READ_BUFFER)
    const hashing = new FileHashing(full, buffer)
    const steps: Array<ReturnType<FileHashing['step']>> = []
    for (let i = 0; i < 10; i++) {
      const answer = hashing.step(READ_BUFFER) // one buffer per slice
      steps.push(answer)
      if (answer) break
    }
    // ~2.5 MiB through a 1 MiB buffer: two slices without an answer, then the answer.
    expect(steps.slice(0, -1)).toEqual([undefined, undefined])
    expect(steps.at(-1)).toMatchObject({ md5: md5s.get(big), size: fs.statSync(full).size })
    // The file was closed on the last slice; a step after it gives the same answer without reading.
    expect(hashing.step()).toBe(steps.at(-1))
  })

  it('a file that grows after the stat is hashed up to its size then; one that shrinks, as far as it goes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-publish-change-'))
    const grows = randomBytes(READ_BUFFER + 5000)
    const shrinks = randomBytes(3 * READ_BUFFER)
    const small = randomBytes(100)
    const files = [grows, shrinks, small].map((bytes, i) => {
      const file = path.join(dir, `f${i}`)
      fs.writeFileSync(file, bytes)
      return file
    })
    const buffer = Buffer.allocUnsafe(READ_BUFFER)
    const hashings = files.map((file) => new FileHashing(file, buffer)) // opened and stat'ed
    fs.appendFileSync(files[0]!, randomBytes(3 * READ_BUFFER))
    fs.truncateSync(files[1]!, READ_BUFFER + 10)
    fs.appendFileSync(files[2]!, randomBytes(READ_BUFFER)) // more than a read: still only the 100 bytes
    const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex')
    expect(hashings[0]!.step()).toMatchObject({ size: grows.length, md5: md5(grows) })
    expect(hashings[1]!.step()).toMatchObject({
      size: READ_BUFFER + 10,
      md5: md5(shrinks.subarray(0, READ_BUFFER + 10)),
    })
    expect(hashings[2]!.step()).toMatchObject({ size: 100, md5: md5(small) })
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('stop() fails a pending done()', async () => {
    const hasher = new Hasher({ workers: 2, workerScript })
    await selectFiles(root, filter, hasher)
    const pending = hasher.done()
    hasher.stop()
    await expect(pending).rejects.toThrow(/stopped/)
  })
})

describe("Hasher with the deploy state's expectations", () => {
  const sha = (bytes: Buffer) => shaOf(bytes)
  const fake = 'f'.repeat(32) // an MD5 no file here has: it shows the state's MD5 was taken
  const read = (key: string) => fs.readFileSync(path.join(root, key))

  for (const [label, options] of [
    ['in 2 worker threads', { workers: 2, workerScript }],
    ['on the main thread', { workers: 0 }],
  ] as const) {
    it(`${label}: files read before the state settle once it comes; a matching SHA-256 takes the state's MD5, any other is hashed again`, async () => {
      const hasher = new Hasher({ ...options, expectations: true })
      const selection = await selectFiles(root, filter, hasher)
      const keys = selection.found.map((f) => f.key)
      const ids = new Map(selection.found.map((f, i) => [f.key, f.hashId ?? i]))
      let settled = false
      const early: number[] = []
      hasher.onHashed((id, hash) => {
        expect(hash.md5).toMatch(/^[0-9a-f]{32}$/) // never told of a file without its MD5
        early.push(id)
      })
      const pending = hasher.done().then((hashes) => ((settled = true), hashes))
      // Hashing goes on, but nothing ends before the state is known.
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(settled).toBe(false)
      expect(early).toEqual([])
      // Every third file as the state has it, every third with another SHA-256, every third another size.
      const expected = new Map(
        keys.map((key, i) => {
          const bytes = read(key)
          const kind = i % 3
          return [
            ids.get(key)!,
            kind === 0
              ? { size: bytes.length, sha: sha(bytes), md5: fake }
              : kind === 1
                ? { size: bytes.length, sha: sha(Buffer.from('other')), md5: fake }
                : { size: bytes.length + 1, sha: sha(bytes), md5: fake },
          ]
        }),
      )
      hasher.expect((id) => expected.get(id))
      const files = withHashes(selection.found, await pending)
      expect(early.length).toBe(keys.length)
      files.forEach((f, i) => {
        expect(f.sha, f.key).toBe(sha(read(f.key)))
        expect(f.md5, f.key).toBe(i % 3 === 0 ? fake : md5s.get(f.key))
      })
    })
  }

  it('once the state is known, a file of another size than the state says, or one it does not describe, gets both digests', async () => {
    const hasher = new Hasher({ workers: 0, expectations: true })
    hasher.expect((id) => (id % 2 === 0 ? { size: 1, sha: 'x'.repeat(22), md5: fake } : undefined))
    const selection = await selectFiles(root, filter, hasher)
    const files = withHashes(selection.found, await hasher.done())
    for (const f of files) {
      expect(f.md5, f.key).toBe(md5s.get(f.key))
      expect(f.sha, f.key).toBe(sha(read(f.key)))
    }
  })

  it('in 2 worker threads, the state known first: matching files are read for their SHA-256 alone and take its MD5', async () => {
    const selection = await selectFiles(root, filter)
    const hasher = new Hasher({ workers: 2, workerScript, expectations: true })
    await hasher.warmUp()
    // By add() order: every other file as the state has it (with an MD5 no file has), the rest another content.
    const expected = selection.found.map((f, i) => {
      const bytes = read(f.key)
      return i % 2 === 0
        ? { size: bytes.length, sha: sha(bytes), md5: fake }
        : { size: bytes.length, sha: sha(Buffer.from('other')), md5: fake }
    })
    hasher.expect((id) => expected[id])
    for (const f of selection.found) hasher.add(f.path)
    const files = withHashes(selection.found, await hasher.done())
    expect(hasher.matchedState).toBe(Math.ceil(files.length / 2))
    expect(hasher.hashedHere).toBeLessThan(files.length) // the workers took part
    files.forEach((f, i) => {
      expect(f.md5, f.key).toBe(i % 2 === 0 ? fake : md5s.get(f.key))
      expect(f.sha, f.key).toBe(sha(read(f.key)))
    })
  })

  it('without expectations: MD5 only, no SHA-256 (as before)', async () => {
    const selection = await selectFiles(root, filter)
    const files = await hashFiles(selection.found, { workers: 1, workerScript })
    for (const f of files) {
      expect(f.md5).toBe(md5s.get(f.key))
      expect(f.sha).toBeUndefined()
    }
  })

  it('FileHashing: an expected file whose SHA-256 differs is read again for its MD5, in slices too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdn-publish-expect-'))
    const file = path.join(dir, 'big.bin')
    const bytes = randomBytes(READ_BUFFER * 2 + 5)
    fs.writeFileSync(file, bytes)
    const right = { size: bytes.length, sha: sha(bytes), md5: fake }
    const wrong = { ...right, sha: sha(Buffer.from('x')) }
    expect(hashFileSync(file, Buffer.alloc(READ_BUFFER), right)).toMatchObject({
      md5: fake,
      sha: right.sha,
    })
    const hashing = new FileHashing(file, Buffer.alloc(READ_BUFFER), wrong)
    let answer
    let steps = 0
    while (!(answer = hashing.step(READ_BUFFER))) steps++
    expect(steps).toBeGreaterThanOrEqual(4) // two reads of two and a bit buffers
    expect(answer).toEqual({
      size: bytes.length,
      md5: createHash('md5').update(bytes).digest('hex'),
      sha: right.sha,
      mtimeMs: fs.statSync(file).mtimeMs,
    })
    expect(hashFileSync(file, Buffer.alloc(READ_BUFFER), 'sha')).toMatchObject({
      md5: '',
      sha: right.sha,
    })
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

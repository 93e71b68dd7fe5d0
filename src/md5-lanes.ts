/**
 * MD5 of four files at once (./md5x4-wasm.ts: one file per 32-bit lane of a 128-bit vector), for a
 * thread that hashes many files: each lane is fed its file's 64 KiB pieces, and every round runs the
 * blocks all busy lanes have; a lane whose file ends takes the next. Synchronous, like hashFileSync
 * (./hashing.ts), with the same answer: size and mtime at the stat, the MD5 of the bytes up to that size
 * (a file that grows is hashed as far as its size at the stat; one that shrinks, as far as it goes).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import type { FileHash } from './hashing.js'
import { MD5X4_WASM } from './md5x4-wasm.js'

/**
 * Files from this size on are hashed alone, by node:crypto: a lane that is left alone runs at a quarter
 * of its speed (~420 MB/s here, node:crypto ~650), which a file this big would be for most of its bytes.
 * Below it, even the build's biggest files go in lanes: three 20-25 MB files hashed side by side (with
 * the small files cycling through the fourth lane) beat node:crypto one after another (3k bench site,
 * no-op deploy: median 0.436 vs 0.471 s with a 1 MiB limit, interleaved, 10 runs each).
 */
export const LANE_MAX = 1024 * 1024 * 1024
/** Bytes read into a lane at a time (a whole number of 64-byte blocks). */
const PIECE = 64 * 1024
/** A lane's room: a piece and the padding of the last block. */
const LANE_BYTES = PIECE + 128
const STATE = 0
const COUNTS = 64
const DATA = 128
const LANES = 4
/** MD5's starting state (RFC 1321). */
const INITIAL = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476]

interface Lane {
  /** Its place: the lane in the vectors, and where its room starts in the module's memory. */
  readonly index: number
  readonly at: number
  id: number
  fd: number
  size: number
  mtimeMs: number
  /** Bytes read from the file so far. */
  read: number
  /** Bytes in the lane's room, and how many of them are hashed. */
  filled: number
  taken: number
  /** The room holds the file's last bytes and MD5's padding. */
  last: boolean
}

/** A file the lanes could not read: which one (its id) and the file system's error. */
export class LaneFailure extends Error {
  constructor(
    readonly id: number,
    readonly error: Error,
  ) {
    super(error.message)
  }
}

type Md5x4 = (
  state: number,
  p0: number,
  p1: number,
  p2: number,
  p3: number,
  blocks: number,
  counts: number,
) => void

/** The little of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object) => {
    exports: { memory: { buffer: ArrayBuffer }; md5x4: Md5x4 }
  }
}

export class Md5Lanes {
  private readonly lanes: Lane[]
  private readonly memory: Buffer
  private readonly words: Int32Array
  private readonly digest = Buffer.alloc(16)

  private constructor(
    private readonly md5x4: Md5x4,
    buffer: ArrayBuffer,
  ) {
    this.memory = Buffer.from(buffer)
    this.words = new Int32Array(buffer)
    this.lanes = Array.from({ length: LANES }, (_, index) => ({
      index,
      at: DATA + index * LANE_BYTES,
      id: -1,
      fd: -1,
      size: 0,
      mtimeMs: 0,
      read: 0,
      filled: 0,
      taken: 0,
      last: false,
    }))
  }

  /** The lanes, or undefined where WebAssembly SIMD is not available (hash one file at a time then). */
  static create(): Md5Lanes | undefined {
    try {
      const { Module, Instance } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly
      const { exports } = new Instance(new Module(Buffer.from(MD5X4_WASM, 'base64')))
      if (exports.memory.buffer.byteLength < DATA + LANES * LANE_BYTES) return undefined
      return new Md5Lanes(exports.md5x4, exports.memory.buffer)
    } catch {
      return undefined
    }
  }

  /** Lanes with a file. */
  get busy(): number {
    let busy = 0
    for (const lane of this.lanes) if (lane.fd >= 0) busy++
    return busy
  }

  /** Every lane has a file. */
  get full(): boolean {
    return this.busy === LANES
  }

  /**
   * Start hashing an open file in a free lane: `size` and `mtimeMs` as its stat gave them. The lane
   * owns `fd` from here (closes it when the file ends, fails or is aborted); `id` comes back with the
   * hash.
   */
  start(id: number, fd: number, size: number, mtimeMs: number): void {
    const lane = this.lanes.find((l) => l.fd < 0)
    if (!lane) throw new Error('Md5Lanes: every lane is busy')
    lane.id = id
    lane.fd = fd
    lane.size = size
    lane.mtimeMs = mtimeMs
    lane.read = 0
    lane.filled = 0
    lane.taken = 0
    lane.last = false
    for (let r = 0; r < 4; r++) this.words[(STATE >> 2) + r * LANES + lane.index] = INITIAL[r]!
  }

  /**
   * Hash the blocks every busy lane has in its room (reading the next piece where a room is spent);
   * the files that ended, with their hashes. Throws LaneFailure for a file that could not be read (its
   * lane is free again; the others keep their state).
   */
  round(): Array<{ id: number; hash: FileHash }> {
    let blocks = Number.POSITIVE_INFINITY
    for (const lane of this.lanes) {
      if (lane.fd < 0) continue
      if (lane.taken === lane.filled) this.fill(lane)
      blocks = Math.min(blocks, (lane.filled - lane.taken) >> 6)
    }
    if (blocks === Number.POSITIVE_INFINITY) return []
    for (const lane of this.lanes) this.words[(COUNTS >> 2) + lane.index] = lane.fd < 0 ? 0 : blocks
    const [l0, l1, l2, l3] = this.lanes as [Lane, Lane, Lane, Lane]
    this.md5x4(
      STATE,
      l0.at + l0.taken,
      l1.at + l1.taken,
      l2.at + l2.taken,
      l3.at + l3.taken,
      blocks,
      COUNTS,
    )
    const ended: Array<{ id: number; hash: FileHash }> = []
    for (const lane of this.lanes) {
      if (lane.fd < 0) continue
      lane.taken += blocks * 64
      if (lane.last && lane.taken === lane.filled) {
        ended.push({
          id: lane.id,
          hash: { size: lane.read, md5: this.hex(lane), mtimeMs: lane.mtimeMs },
        })
        this.free(lane)
      }
    }
    return ended
  }

  /**
   * Open a file and, when it is small enough (LANE_MAX) and a lane is free, start it in a lane (true);
   * else leave it to the caller (false). Throws the file system's error.
   */
  offer(id: number, path: string): boolean {
    if (this.full) return false
    const fd = openSync(path, 'r')
    try {
      const { size, mtimeMs } = fstatSync(fd)
      if (size < LANE_MAX) {
        this.start(id, fd, size, mtimeMs)
        return true
      }
    } catch (error) {
      closeSync(fd)
      throw error
    }
    closeSync(fd)
    return false
  }

  /** Close every lane's file (the hashing was stopped). */
  abort(): void {
    for (const lane of this.lanes) if (lane.fd >= 0) this.free(lane)
  }

  private free(lane: Lane): void {
    const fd = lane.fd
    lane.fd = -1
    lane.id = -1
    try {
      closeSync(fd)
    } catch {
      // Nothing to do: the file was read.
    }
  }

  /** The lane's next piece; after the file's last byte (or where it ends early), MD5's padding. */
  private fill(lane: Lane): void {
    const want = Math.min(PIECE, lane.size - lane.read)
    let got = 0
    try {
      while (got < want) {
        const n = readSync(lane.fd, this.memory, lane.at + got, want - got, lane.read + got)
        if (n === 0) break // shorter than at the stat: hashed as far as it goes
        got += n
      }
    } catch (error) {
      const id = lane.id
      this.free(lane)
      throw new LaneFailure(id, error as Error)
    }
    lane.read += got
    lane.taken = 0
    lane.filled = got
    if (got === PIECE && lane.read < lane.size) return
    // The last piece: 0x80, zeros up to 56 bytes into a block, the length in bits (64-bit little-endian).
    const memory = this.memory
    let end = lane.at + got
    memory[end++] = 0x80
    while ((end - lane.at) % 64 !== 56) memory[end++] = 0
    const bits = lane.read * 8
    memory.writeUInt32LE(bits % 2 ** 32, end)
    memory.writeUInt32LE(Math.floor(bits / 2 ** 32), end + 4)
    lane.filled = end + 8 - lane.at
    lane.last = true
  }

  private hex(lane: Lane): string {
    for (let r = 0; r < 4; r++)
      this.digest.writeInt32LE(this.words[(STATE >> 2) + r * LANES + lane.index]!, r * 4)
    return this.digest.toString('hex')
  }
}

import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);
import {
  CLOSED,
  PUBLISHED,
  READ_BUFFER,
  STOPPED,
  claim,
  hashFileSync
} from "./chunks/chunk-V4NLEK4P.js";
import "./chunks/chunk-TROXMBES.js";

// src/hash-worker.ts
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";

// src/md5-lanes.ts
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

// src/md5x4-wasm.ts
var MD5X4_WASM = "AGFzbQEAAAABCwFgB39/f39/f38AAwIBAAUDAQAIBxICBm1lbW9yeQIABW1kNXg0AAAKjyYBjCYDC3sBfxB7IAD9AAQAIQcgAP0ABBAhCCAA/QAEICEJIAD9AAQwIQogBv0ABAAhEAJAA0AgEiAFTw0BIAQgAyACIAH9XAIA/VYCAAH9VgIAAv1WAgADIRMgBCADIAIgAf1cAgT9VgIEAf1WAgQC/VYCBAMhFCAEIAMgAiAB/VwCCP1WAggB/VYCCAL9VgIIAyEVIAQgAyACIAH9XAIM/VYCDAH9VgIMAv1WAgwDIRYgBCADIAIgAf1cAhD9VgIQAf1WAhAC/VYCEAMhFyAEIAMgAiAB/VwCFP1WAhQB/VYCFAL9VgIUAyEYIAQgAyACIAH9XAIY/VYCGAH9VgIYAv1WAhgDIRkgBCADIAIgAf1cAhz9VgIcAf1WAhwC/VYCHAMhGiAEIAMgAiAB/VwCIP1WAiAB/VYCIAL9VgIgAyEbIAQgAyACIAH9XAIk/VYCJAH9VgIkAv1WAiQDIRwgBCADIAIgAf1cAij9VgIoAf1WAigC/VYCKAMhHSAEIAMgAiAB/VwCLP1WAiwB/VYCLAL9VgIsAyEeIAQgAyACIAH9XAIw/VYCMAH9VgIwAv1WAjADIR8gBCADIAIgAf1cAjT9VgI0Af1WAjQC/VYCNAMhICAEIAMgAiAB/VwCOP1WAjgB/VYCOAL9VgI4AyEhIAQgAyACIAH9XAI8/VYCPAH9VgI8Av1WAjwDISIgByEMIAghDSAJIQ4gCiEPIAcgCSAKIAj9Uv2uASAT/Qx4pGrXeKRq13ikatd4pGrX/a4B/a4BIQsgCCALQQf9qwEgC0EZ/a0B/VD9rgEhByAKIAggCSAH/VL9rgEgFP0MVrfH6Fa3x+hWt8foVrfH6P2uAf2uASELIAcgC0EM/asBIAtBFP2tAf1Q/a4BIQogCSAHIAggCv1S/a4BIBX9DNtwICTbcCAk23AgJNtwICT9rgH9rgEhCyAKIAtBEf2rASALQQ/9rQH9UP2uASEJIAggCiAHIAn9Uv2uASAW/Qzuzr3B7s69we7OvcHuzr3B/a4B/a4BIQsgCSALQRb9qwEgC0EK/a0B/VD9rgEhCCAHIAkgCiAI/VL9rgEgF/0Mrw989a8PfPWvD3z1rw989f2uAf2uASELIAggC0EH/asBIAtBGf2tAf1Q/a4BIQcgCiAIIAkgB/1S/a4BIBj9DCrGh0cqxodHKsaHRyrGh0f9rgH9rgEhCyAHIAtBDP2rASALQRT9rQH9UP2uASEKIAkgByAIIAr9Uv2uASAZ/QwTRjCoE0YwqBNGMKgTRjCo/a4B/a4BIQsgCiALQRH9qwEgC0EP/a0B/VD9rgEhCSAIIAogByAJ/VL9rgEgGv0MAZVG/QGVRv0BlUb9AZVG/f2uAf2uASELIAkgC0EW/asBIAtBCv2tAf1Q/a4BIQggByAJIAogCP1S/a4BIBv9DNiYgGnYmIBp2JiAadiYgGn9rgH9rgEhCyAIIAtBB/2rASALQRn9rQH9UP2uASEHIAogCCAJIAf9Uv2uASAc/Qyv90SLr/dEi6/3RIuv90SL/a4B/a4BIQsgByALQQz9qwEgC0EU/a0B/VD9rgEhCiAJIAcgCCAK/VL9rgEgHf0MsVv//7Fb//+xW///sVv///2uAf2uASELIAogC0ER/asBIAtBD/2tAf1Q/a4BIQkgCCAKIAcgCf1S/a4BIB79DL7XXIm+11yJvtdcib7XXIn9rgH9rgEhCyAJIAtBFv2rASALQQr9rQH9UP2uASEIIAcgCSAKIAj9Uv2uASAf/QwiEZBrIhGQayIRkGsiEZBr/a4B/a4BIQsgCCALQQf9qwEgC0EZ/a0B/VD9rgEhByAKIAggCSAH/VL9rgEgIP0Mk3GY/ZNxmP2TcZj9k3GY/f2uAf2uASELIAcgC0EM/asBIAtBFP2tAf1Q/a4BIQogCSAHIAggCv1S/a4BICH9DI5DeaaOQ3mmjkN5po5Deab9rgH9rgEhCyAKIAtBEf2rASALQQ/9rQH9UP2uASEJIAggCiAHIAn9Uv2uASAi/QwhCLRJIQi0SSEItEkhCLRJ/a4B/a4BIQsgCSALQRb9qwEgC0EK/a0B/VD9rgEhCCAHIAggCSAK/VL9rgEgFP0MYiUe9mIlHvZiJR72YiUe9v2uAf2uASELIAggC0EF/asBIAtBG/2tAf1Q/a4BIQcgCiAHIAggCf1S/a4BIBn9DECzQMBAs0DAQLNAwECzQMD9rgH9rgEhCyAHIAtBCf2rASALQRf9rQH9UP2uASEKIAkgCiAHIAj9Uv2uASAe/QxRWl4mUVpeJlFaXiZRWl4m/a4B/a4BIQsgCiALQQ79qwEgC0ES/a0B/VD9rgEhCSAIIAkgCiAH/VL9rgEgE/0Mqse26arHtumqx7bpqse26f2uAf2uASELIAkgC0EU/asBIAtBDP2tAf1Q/a4BIQggByAIIAkgCv1S/a4BIBj9DF0QL9ZdEC/WXRAv1l0QL9b9rgH9rgEhCyAIIAtBBf2rASALQRv9rQH9UP2uASEHIAogByAIIAn9Uv2uASAd/QxTFEQCUxREAlMURAJTFEQC/a4B/a4BIQsgByALQQn9qwEgC0EX/a0B/VD9rgEhCiAJIAogByAI/VL9rgEgIv0Mgeah2IHmodiB5qHYgeah2P2uAf2uASELIAogC0EO/asBIAtBEv2tAf1Q/a4BIQkgCCAJIAogB/1S/a4BIBf9DMj70+fI+9PnyPvT58j70+f9rgH9rgEhCyAJIAtBFP2rASALQQz9rQH9UP2uASEIIAcgCCAJIAr9Uv2uASAc/QzmzeEh5s3hIebN4SHmzeEh/a4B/a4BIQsgCCALQQX9qwEgC0Eb/a0B/VD9rgEhByAKIAcgCCAJ/VL9rgEgIf0M1gc3w9YHN8PWBzfD1gc3w/2uAf2uASELIAcgC0EJ/asBIAtBF/2tAf1Q/a4BIQogCSAKIAcgCP1S/a4BIBb9DIcN1fSHDdX0hw3V9IcN1fT9rgH9rgEhCyAKIAtBDv2rASALQRL9rQH9UP2uASEJIAggCSAKIAf9Uv2uASAb/QztFFpF7RRaRe0UWkXtFFpF/a4B/a4BIQsgCSALQRT9qwEgC0EM/a0B/VD9rgEhCCAHIAggCSAK/VL9rgEgIP0MBenjqQXp46kF6eOpBenjqf2uAf2uASELIAggC0EF/asBIAtBG/2tAf1Q/a4BIQcgCiAHIAggCf1S/a4BIBX9DPij7/z4o+/8+KPv/Pij7/z9rgH9rgEhCyAHIAtBCf2rASALQRf9rQH9UP2uASEKIAkgCiAHIAj9Uv2uASAa/QzZAm9n2QJvZ9kCb2fZAm9n/a4B/a4BIQsgCiALQQ79qwEgC0ES/a0B/VD9rgEhCSAIIAkgCiAH/VL9rgEgH/0MikwqjYpMKo2KTCqNikwqjf2uAf2uASELIAkgC0EU/asBIAtBDP2tAf1Q/a4BIQggByAIIAn9USAK/VH9rgEgGP0MQjn6/0I5+v9COfr/Qjn6//2uAf2uASELIAggC0EE/asBIAtBHP2tAf1Q/a4BIQcgCiAHIAj9USAJ/VH9rgEgG/0MgfZxh4H2cYeB9nGHgfZxh/2uAf2uASELIAcgC0EL/asBIAtBFf2tAf1Q/a4BIQogCSAKIAf9USAI/VH9rgEgHv0MImGdbSJhnW0iYZ1tImGdbf2uAf2uASELIAogC0EQ/asBIAtBEP2tAf1Q/a4BIQkgCCAJIAr9USAH/VH9rgEgIf0MDDjl/Qw45f0MOOX9DDjl/f2uAf2uASELIAkgC0EX/asBIAtBCf2tAf1Q/a4BIQggByAIIAn9USAK/VH9rgEgFP0MROq+pETqvqRE6r6kROq+pP2uAf2uASELIAggC0EE/asBIAtBHP2tAf1Q/a4BIQcgCiAHIAj9USAJ/VH9rgEgF/0Mqc/eS6nP3kupz95Lqc/eS/2uAf2uASELIAcgC0EL/asBIAtBFf2tAf1Q/a4BIQogCSAKIAf9USAI/VH9rgEgGv0MYEu79mBLu/ZgS7v2YEu79v2uAf2uASELIAogC0EQ/asBIAtBEP2tAf1Q/a4BIQkgCCAJIAr9USAH/VH9rgEgHf0McLy/vnC8v75wvL++cLy/vv2uAf2uASELIAkgC0EX/asBIAtBCf2tAf1Q/a4BIQggByAIIAn9USAK/VH9rgEgIP0Mxn6bKMZ+myjGfpsoxn6bKP2uAf2uASELIAggC0EE/asBIAtBHP2tAf1Q/a4BIQcgCiAHIAj9USAJ/VH9rgEgE/0M+ieh6vonoer6J6Hq+ieh6v2uAf2uASELIAcgC0EL/asBIAtBFf2tAf1Q/a4BIQogCSAKIAf9USAI/VH9rgEgFv0MhTDv1IUw79SFMO/UhTDv1P2uAf2uASELIAogC0EQ/asBIAtBEP2tAf1Q/a4BIQkgCCAJIAr9USAH/VH9rgEgGf0MBR2IBAUdiAQFHYgEBR2IBP2uAf2uASELIAkgC0EX/asBIAtBCf2tAf1Q/a4BIQggByAIIAn9USAK/VH9rgEgHP0MOdDU2TnQ1Nk50NTZOdDU2f2uAf2uASELIAggC0EE/asBIAtBHP2tAf1Q/a4BIQcgCiAHIAj9USAJ/VH9rgEgH/0M5Znb5uWZ2+blmdvm5Znb5v2uAf2uASELIAcgC0EL/asBIAtBFf2tAf1Q/a4BIQogCSAKIAf9USAI/VH9rgEgIv0M+HyiH/h8oh/4fKIf+HyiH/2uAf2uASELIAogC0EQ/asBIAtBEP2tAf1Q/a4BIQkgCCAJIAr9USAH/VH9rgEgFf0MZVasxGVWrMRlVqzEZVasxP2uAf2uASELIAkgC0EX/asBIAtBCf2tAf1Q/a4BIQggByAJIAggCv1N/VD9Uf2uASAT/QxEIin0RCIp9EQiKfREIin0/a4B/a4BIQsgCCALQQb9qwEgC0Ea/a0B/VD9rgEhByAKIAggByAJ/U39UP1R/a4BIBr9DJf/KkOX/ypDl/8qQ5f/KkP9rgH9rgEhCyAHIAtBCv2rASALQRb9rQH9UP2uASEKIAkgByAKIAj9Tf1Q/VH9rgEgIf0MpyOUq6cjlKunI5SrpyOUq/2uAf2uASELIAogC0EP/asBIAtBEf2tAf1Q/a4BIQkgCCAKIAkgB/1N/VD9Uf2uASAY/Qw5oJP8OaCT/Dmgk/w5oJP8/a4B/a4BIQsgCSALQRX9qwEgC0EL/a0B/VD9rgEhCCAHIAkgCCAK/U39UP1R/a4BIB/9DMNZW2XDWVtlw1lbZcNZW2X9rgH9rgEhCyAIIAtBBv2rASALQRr9rQH9UP2uASEHIAogCCAHIAn9Tf1Q/VH9rgEgFv0MkswMj5LMDI+SzAyPkswMj/2uAf2uASELIAcgC0EK/asBIAtBFv2tAf1Q/a4BIQogCSAHIAogCP1N/VD9Uf2uASAd/Qx99O//ffTv/3307/999O///a4B/a4BIQsgCiALQQ/9qwEgC0ER/a0B/VD9rgEhCSAIIAogCSAH/U39UP1R/a4BIBT9DNFdhIXRXYSF0V2EhdFdhIX9rgH9rgEhCyAJIAtBFf2rASALQQv9rQH9UP2uASEIIAcgCSAIIAr9Tf1Q/VH9rgEgG/0MT36ob09+qG9PfqhvT36ob/2uAf2uASELIAggC0EG/asBIAtBGv2tAf1Q/a4BIQcgCiAIIAcgCf1N/VD9Uf2uASAi/Qzg5iz+4OYs/uDmLP7g5iz+/a4B/a4BIQsgByALQQr9qwEgC0EW/a0B/VD9rgEhCiAJIAcgCiAI/U39UP1R/a4BIBn9DBRDAaMUQwGjFEMBoxRDAaP9rgH9rgEhCyAKIAtBD/2rASALQRH9rQH9UP2uASEJIAggCiAJIAf9Tf1Q/VH9rgEgIP0MoREITqERCE6hEQhOoREITv2uAf2uASELIAkgC0EV/asBIAtBC/2tAf1Q/a4BIQggByAJIAggCv1N/VD9Uf2uASAX/QyCflP3gn5T94J+U/eCflP3/a4B/a4BIQsgCCALQQb9qwEgC0Ea/a0B/VD9rgEhByAKIAggByAJ/U39UP1R/a4BIB79DDXyOr018jq9NfI6vTXyOr39rgH9rgEhCyAHIAtBCv2rASALQRb9rQH9UP2uASEKIAkgByAKIAj9Tf1Q/VH9rgEgFf0Mu9LXKrvS1yq70tcqu9LXKv2uAf2uASELIAogC0EP/asBIAtBEf2tAf1Q/a4BIQkgCCAKIAkgB/1N/VD9Uf2uASAc/QyR04brkdOG65HThuuR04br/a4B/a4BIQsgCSALQRX9qwEgC0EL/a0B/VD9rgEhCCAQIBL9Ef07IREgByAM/a4BIAwgEf1SIQcgCCAN/a4BIA0gEf1SIQggCSAO/a4BIA4gEf1SIQkgCiAP/a4BIA8gEf1SIQogAUHAAGohASACQcAAaiECIANBwABqIQMgBEHAAGohBCASQQFqIRIMAAsLIAAgB/0LBAAgACAI/QsEECAAIAn9CwQgIAAgCv0LBDAL";

// src/md5-lanes.ts
var LANE_MAX = 1024 * 1024 * 1024;
var PIECE = 64 * 1024;
var LANE_BYTES = PIECE + 128;
var STATE = 0;
var COUNTS = 64;
var DATA = 128;
var LANES = 4;
var INITIAL = [1732584193, 4023233417 | 0, 2562383102 | 0, 271733878];
var LaneFailure = class extends Error {
  constructor(id, error) {
    super(error.message);
    this.id = id;
    this.error = error;
  }
  id;
  error;
};
var Md5Lanes = class _Md5Lanes {
  constructor(md5x4, buffer2) {
    this.md5x4 = md5x4;
    this.memory = Buffer.from(buffer2);
    this.words = new Int32Array(buffer2);
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
      last: false
    }));
  }
  md5x4;
  lanes;
  memory;
  words;
  digest = Buffer.alloc(16);
  /** The lanes, or undefined where WebAssembly SIMD is not available (hash one file at a time then). */
  static create() {
    try {
      const { Module, Instance } = globalThis.WebAssembly;
      const { exports } = new Instance(new Module(Buffer.from(MD5X4_WASM, "base64")));
      if (exports.memory.buffer.byteLength < DATA + LANES * LANE_BYTES) return void 0;
      return new _Md5Lanes(exports.md5x4, exports.memory.buffer);
    } catch {
      return void 0;
    }
  }
  /** Lanes with a file. */
  get busy() {
    let busy = 0;
    for (const lane of this.lanes) if (lane.fd >= 0) busy++;
    return busy;
  }
  /** Every lane has a file. */
  get full() {
    return this.busy === LANES;
  }
  /**
   * Start hashing an open file in a free lane: `size` and `mtimeMs` as its stat gave them. The lane
   * owns `fd` from here (closes it when the file ends, fails or is aborted); `id` comes back with the
   * hash.
   */
  start(id, fd, size, mtimeMs) {
    const lane = this.lanes.find((l) => l.fd < 0);
    if (!lane) throw new Error("Md5Lanes: every lane is busy");
    lane.id = id;
    lane.fd = fd;
    lane.size = size;
    lane.mtimeMs = mtimeMs;
    lane.read = 0;
    lane.filled = 0;
    lane.taken = 0;
    lane.last = false;
    for (let r = 0; r < 4; r++) this.words[(STATE >> 2) + r * LANES + lane.index] = INITIAL[r];
  }
  /**
   * Hash the blocks every busy lane has in its room (reading the next piece where a room is spent);
   * the files that ended, with their hashes. Throws LaneFailure for a file that could not be read (its
   * lane is free again; the others keep their state).
   */
  round() {
    let blocks = Number.POSITIVE_INFINITY;
    for (const lane of this.lanes) {
      if (lane.fd < 0) continue;
      if (lane.taken === lane.filled) this.fill(lane);
      blocks = Math.min(blocks, lane.filled - lane.taken >> 6);
    }
    if (blocks === Number.POSITIVE_INFINITY) return [];
    for (const lane of this.lanes) this.words[(COUNTS >> 2) + lane.index] = lane.fd < 0 ? 0 : blocks;
    const [l0, l1, l2, l3] = this.lanes;
    this.md5x4(
      STATE,
      l0.at + l0.taken,
      l1.at + l1.taken,
      l2.at + l2.taken,
      l3.at + l3.taken,
      blocks,
      COUNTS
    );
    const ended = [];
    for (const lane of this.lanes) {
      if (lane.fd < 0) continue;
      lane.taken += blocks * 64;
      if (lane.last && lane.taken === lane.filled) {
        ended.push({
          id: lane.id,
          hash: { size: lane.read, md5: this.hex(lane), mtimeMs: lane.mtimeMs }
        });
        this.free(lane);
      }
    }
    return ended;
  }
  /**
   * Open a file and, when it is small enough (LANE_MAX) and a lane is free, start it in a lane (true);
   * else leave it to the caller (false). Throws the file system's error.
   */
  offer(id, path) {
    if (this.full) return false;
    const fd = openSync(path, "r");
    try {
      const { size, mtimeMs } = fstatSync(fd);
      if (size < LANE_MAX) {
        this.start(id, fd, size, mtimeMs);
        return true;
      }
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    closeSync(fd);
    return false;
  }
  /** Close every lane's file (the hashing was stopped). */
  abort() {
    for (const lane of this.lanes) if (lane.fd >= 0) this.free(lane);
  }
  free(lane) {
    const fd = lane.fd;
    lane.fd = -1;
    lane.id = -1;
    try {
      closeSync(fd);
    } catch {
    }
  }
  /** The lane's next piece; after the file's last byte (or where it ends early), MD5's padding. */
  fill(lane) {
    const want = Math.min(PIECE, lane.size - lane.read);
    let got = 0;
    try {
      while (got < want) {
        const n = readSync(lane.fd, this.memory, lane.at + got, want - got, lane.read + got);
        if (n === 0) break;
        got += n;
      }
    } catch (error) {
      const id = lane.id;
      this.free(lane);
      throw new LaneFailure(id, error);
    }
    lane.read += got;
    lane.taken = 0;
    lane.filled = got;
    if (got === PIECE && lane.read < lane.size) return;
    const memory = this.memory;
    let end = lane.at + got;
    memory[end++] = 128;
    while ((end - lane.at) % 64 !== 56) memory[end++] = 0;
    const bits = lane.read * 8;
    memory.writeUInt32LE(bits % 2 ** 32, end);
    memory.writeUInt32LE(Math.floor(bits / 2 ** 32), end + 4);
    lane.filled = end + 8 - lane.at;
    lane.last = true;
  }
  hex(lane) {
    for (let r = 0; r < 4; r++)
      this.digest.writeInt32LE(this.words[(STATE >> 2) + r * LANES + lane.index], r * 4);
    return this.digest.toString("hex");
  }
};

// src/hash-worker.ts
var ANSWERS = 32;
var ANSWER_BYTES = 8 * READ_BUFFER;
var setup = workerData;
var control = new Int32Array(setup.control);
var port = setup.paths;
var paths = [];
var buffer = Buffer.allocUnsafe(READ_BUFFER);
var lanes = Md5Lanes.create();
var hashes = [];
var bytes = 0;
function send(answer2) {
  parentPort.postMessage(answer2);
}
function flush() {
  if (hashes.length === 0) return;
  send({ hashes });
  hashes = [];
  bytes = 0;
}
function receivePaths(upTo) {
  while (paths.length < upTo) {
    const message = receiveMessageOnPort(port);
    if (!message) return;
    for (const path of message.message) paths.push(path);
  }
}
function answer(index, hash) {
  hashes.push(index, hash.size, hash.mtimeMs, hash.md5);
  bytes += hash.size;
  if (hashes.length >= 4 * ANSWERS || bytes >= ANSWER_BYTES) flush();
}
function fail(index, error) {
  flush();
  lanes?.abort();
  const e = error;
  send({ failure: { index, error: e.message ?? String(error), code: e.code } });
}
function take(index, path) {
  if (!lanes?.offer(index, path)) answer(index, hashFileSync(path, buffer));
}
function loop() {
  while (Atomics.load(control, STOPPED) === 0) {
    let published = -1;
    while (!lanes?.full) {
      const before = Atomics.load(control, PUBLISHED);
      const index = claim(control);
      if (index < 0) {
        published = before;
        break;
      }
      receivePaths(index + 1);
      const path = paths[index];
      if (path === void 0) {
        return fail(index, new Error(`hash worker: no path for file ${index}`));
      }
      try {
        take(index, path);
      } catch (error) {
        return fail(index, error);
      }
      if (!lanes) break;
    }
    if (lanes && lanes.busy > 0) {
      try {
        for (const ended of lanes.round()) answer(ended.id, ended.hash);
      } catch (error) {
        return error instanceof LaneFailure ? fail(error.id, error.error) : fail(-1, error);
      }
      continue;
    }
    if (published < 0) continue;
    flush();
    if (Atomics.load(control, CLOSED) === 1 && Atomics.load(control, PUBLISHED) === published)
      return;
    Atomics.wait(control, PUBLISHED, published, 100);
  }
  lanes?.abort();
}
send({ ready: true });
loop();

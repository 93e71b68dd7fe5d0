import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);

// src/local/hashing.ts
import { createHash } from "node:crypto";
import fs from "node:fs";
var READ_BUFFER = 1024 * 1024;
var FileHashing = class {
  constructor(file, buffer) {
    this.buffer = buffer;
    this.fd = fs.openSync(file, "r");
    try {
      const stat = fs.fstatSync(this.fd);
      this.size = stat.size;
      this.mtimeMs = stat.mtimeMs;
    } catch (error) {
      fs.closeSync(this.fd);
      throw error;
    }
  }
  buffer;
  fd;
  size;
  mtimeMs;
  hash = createHash("md5");
  position = 0;
  answer;
  /** Close the file before its end (the hash is not wanted any more). */
  close() {
    if (this.answer) return;
    this.answer = { size: this.position, md5: "", mtimeMs: this.mtimeMs };
    fs.closeSync(this.fd);
  }
  /**
   * Read and hash at least `budget` bytes (whole buffers); the hash once the file is read (and from
   * then on), else undefined.
   */
  step(budget = Number.POSITIVE_INFINITY) {
    if (this.answer) return this.answer;
    const { buffer } = this;
    let done = false;
    try {
      for (let taken = 0; taken < budget; ) {
        const want = Math.min(buffer.length, this.size - this.position);
        const bytesRead = want > 0 ? fs.readSync(this.fd, buffer, 0, want, this.position) : 0;
        if (bytesRead === 0) {
          done = true;
          break;
        }
        this.hash.update(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
        this.position += bytesRead;
        taken += bytesRead;
      }
    } catch (error) {
      fs.closeSync(this.fd);
      throw error;
    }
    if (!done) return void 0;
    fs.closeSync(this.fd);
    this.answer = { size: this.position, md5: this.hash.digest("hex"), mtimeMs: this.mtimeMs };
    return this.answer;
  }
};
function hashFileSync(file, buffer) {
  return new FileHashing(file, buffer).step();
}
function failureError(failure) {
  const error = new Error(failure.error);
  if (failure.code) error.code = failure.code;
  return error;
}

export {
  READ_BUFFER,
  FileHashing,
  hashFileSync,
  failureError
};
//# sourceMappingURL=chunk-RV5CG4O4.js.map

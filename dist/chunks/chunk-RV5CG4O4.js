import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);

// src/local/hashing.ts
import { createHash } from "node:crypto";
import fs from "node:fs";
var READ_BUFFER = 1024 * 1024;
var SHA_BYTES = 16;
function shaText(hash) {
  return hash.digest().subarray(0, SHA_BYTES).toString("base64url");
}
var FileHashing = class {
  constructor(file, buffer, plan = "md5") {
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
    if (typeof plan === "object" && plan.size !== this.size) plan = "both";
    if (typeof plan === "object") this.expected = plan;
    if (plan === "md5" || plan === "both") this.md5 = createHash("md5");
    if (plan !== "md5") this.sha = createHash("sha256");
  }
  buffer;
  fd;
  size;
  mtimeMs;
  md5;
  sha;
  shaDigest;
  /** Set while the first read checks the file against the state. */
  expected;
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
          if (!this.readAgain()) {
            done = true;
            break;
          }
          continue;
        }
        const bytes = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
        this.md5?.update(bytes);
        this.sha?.update(bytes);
        this.position += bytesRead;
        taken += bytesRead;
      }
    } catch (error) {
      fs.closeSync(this.fd);
      throw error;
    }
    if (!done) return void 0;
    fs.closeSync(this.fd);
    this.answer = {
      size: this.position,
      md5: this.md5 ? this.md5.digest("hex") : this.expected?.md5 ?? "",
      ...this.shaDigest !== void 0 ? { sha: this.shaDigest } : {},
      mtimeMs: this.mtimeMs
    };
    return this.answer;
  }
  /**
   * At the end of a read: take the SHA-256; when the state expected another one, read the file again
   * for both digests (true), so that the two recorded are of the same bytes even if it changes meanwhile.
   */
  readAgain() {
    if (this.sha) this.shaDigest = shaText(this.sha);
    this.sha = void 0;
    const expected = this.expected;
    if (!expected || this.md5) return false;
    if (expected.sha === this.shaDigest && expected.size === this.position) return false;
    this.expected = void 0;
    this.md5 = createHash("md5");
    this.sha = createHash("sha256");
    this.position = 0;
    return true;
  }
};
function hashFileSync(file, buffer, plan = "md5") {
  return new FileHashing(file, buffer, plan).step();
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

import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);

// src/hashing.ts
import { createHash } from "node:crypto";
import fs from "node:fs";
var READ_BUFFER = 1024 * 1024;
function hashFileSync(file, buffer) {
  const fd = fs.openSync(file, "r");
  try {
    const stat = fs.fstatSync(fd);
    const hash = createHash("md5");
    let position = 0;
    for (; ; ) {
      const bytesRead = fs.readSync(fd, buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      hash.update(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      position += bytesRead;
      if (position >= stat.size) break;
    }
    return { size: position, md5: hash.digest("hex"), mtimeMs: stat.mtimeMs };
  } finally {
    fs.closeSync(fd);
  }
}
function hashBatch(files, buffer) {
  return files.map((file) => {
    try {
      return hashFileSync(file, buffer);
    } catch (error) {
      const e = error;
      return { error: e.message ?? String(error), code: e.code };
    }
  });
}
function failureError(failure) {
  const error = new Error(failure.error);
  if (failure.code) error.code = failure.code;
  return error;
}

export {
  READ_BUFFER,
  hashFileSync,
  hashBatch,
  failureError
};

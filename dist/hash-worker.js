import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);
import {
  READ_BUFFER,
  hashFileSync
} from "./chunks/chunk-RV5CG4O4.js";
import "./chunks/chunk-CWF7AY5K.js";

// src/local/hash-worker.ts
import { parentPort } from "node:worker_threads";
var buffer = Buffer.allocUnsafe(READ_BUFFER);
parentPort?.on("message", ({ ids, paths, plans }) => {
  const hashes = [];
  for (let i = 0; i < paths.length; i++) {
    try {
      const hash = hashFileSync(paths[i], buffer, plans[i]);
      hashes.push(ids[i], hash.size, hash.mtimeMs, hash.md5, hash.sha ?? "");
    } catch (error) {
      const e = error;
      const failure = { index: ids[i], error: e.message ?? String(error), code: e.code };
      return parentPort.postMessage({ failure });
    }
  }
  parentPort.postMessage({ hashes });
});
//# sourceMappingURL=hash-worker.js.map

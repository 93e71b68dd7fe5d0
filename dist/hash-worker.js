import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);
import {
  READ_BUFFER,
  hashBatch
} from "./chunks/chunk-UUXRQOPH.js";
import "./chunks/chunk-TROXMBES.js";

// src/hash-worker.ts
import { parentPort } from "node:worker_threads";
var buffer = Buffer.allocUnsafe(READ_BUFFER);
parentPort?.on("message", (request) => {
  parentPort.postMessage({ id: request.id, results: hashBatch(request.paths, buffer) });
});

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
var ANSWERS = 32;
var ANSWER_BYTES = 8 * READ_BUFFER;
var setup = workerData;
var control = new Int32Array(setup.control);
var port = setup.paths;
var paths = [];
var buffer = Buffer.allocUnsafe(READ_BUFFER);
var hashes = [];
var bytes = 0;
function send(answer) {
  parentPort.postMessage(answer);
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
function loop() {
  while (Atomics.load(control, STOPPED) === 0) {
    const published = Atomics.load(control, PUBLISHED);
    const index = claim(control);
    if (index < 0) {
      flush();
      if (Atomics.load(control, CLOSED) === 1 && Atomics.load(control, PUBLISHED) === published)
        return;
      Atomics.wait(control, PUBLISHED, published, 100);
      continue;
    }
    receivePaths(index + 1);
    const path = paths[index];
    if (path === void 0) {
      send({ failure: { index, error: `hash worker: no path for file ${index}`, code: void 0 } });
      return;
    }
    try {
      const hash = hashFileSync(path, buffer);
      hashes.push(index, hash.size, hash.mtimeMs, hash.md5);
      bytes += hash.size;
    } catch (error) {
      flush();
      const e = error;
      send({ failure: { index, error: e.message ?? String(error), code: e.code } });
      return;
    }
    if (hashes.length >= 4 * ANSWERS || bytes >= ANSWER_BYTES) flush();
  }
}
send({ ready: true });
loop();

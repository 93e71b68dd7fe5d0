import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);
import {
  FileHashing,
  READ_BUFFER,
  failureError
} from "./chunk-WLDUB2IQ.js";
import {
  PreflightError,
  errorMessage
} from "./chunk-OQMKTRZZ.js";
import {
  STATE_KEY,
  firstUnsafe,
  hasControlCharacter,
  quoted,
  toSiteKey
} from "./chunk-BWVXHBGN.js";

// src/local/hasher.ts
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
var WORKER_MIN_FILES = 128;
var BATCH = 32;
var IN_FLIGHT_WALKING = 8;
var IN_FLIGHT = 4;
var YIELD_MS = 2;
var Hasher = class {
  constructor(options = {}) {
    this.options = options;
  }
  options;
  paths = [];
  hashes = [];
  slots = [];
  /** Workers were asked for once (started, or found impossible): never again. */
  started = false;
  /** The first path not yet given to a thread. */
  next = 0;
  here = 0;
  answered = 0;
  closed = false;
  failure;
  settle;
  /** Add a file; returns its index in done()'s answer. Starts the workers once there are enough files. */
  add(path2) {
    const id = this.paths.push(path2) - 1;
    if (this.paths.length >= WORKER_MIN_FILES) {
      if (!this.started) this.startWorkers();
      this.feed();
    }
    return id;
  }
  /**
   * Start the workers before any file is added, so their start-up overlaps the walk. A build of fewer
   * than WORKER_MIN_FILES files stops them unused. Resolves when they run (none: at once).
   */
  warmUp() {
    if (!this.started && !this.closed) this.startWorkers();
    return Promise.all(this.slots.map((slot) => slot.online)).then(() => void 0);
  }
  /** Every added file's hash, by index; the first unreadable file fails it with that file's error. */
  async done() {
    this.closed = true;
    if (this.paths.length < WORKER_MIN_FILES) this.stopWorkers();
    if (this.slots.length === 0) this.options.report?.("on the main thread");
    this.feed();
    if (this.slots.length === 0 || this.options.mainHelps !== false) void this.help();
    if (this.answered < this.paths.length && !this.failure)
      await new Promise((resolve) => this.settle = resolve);
    this.stopWorkers();
    if (this.failure) throw this.failure;
    return this.hashes;
  }
  /** Stop the workers (the scan failed, or the run ends); a pending done() fails. */
  stop() {
    this.stopWorkers();
    if (this.answered < this.paths.length)
      this.fail(new Error("Hashing was stopped before it ended"));
  }
  /** Files the main thread hashed (for the debug log). */
  get hashedHere() {
    return this.here;
  }
  startWorkers() {
    this.started = true;
    const script = this.options.workerScript;
    const count = this.options.workers ?? Math.max(1, Math.min(3, availableParallelism() - 1));
    if (!script || count <= 0 || !existsSync(script)) return;
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script);
      const online = new Promise((resolve) => {
        worker.once("online", resolve);
        worker.once("exit", () => resolve());
      });
      const slot = { worker, batches: 0, online };
      worker.on("message", (answer) => this.receive(slot, answer));
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (this.slots.includes(slot))
          this.fail(new Error(`A hash worker stopped (exit code ${code}) before the scan ended`));
      });
      this.slots.push(slot);
    }
  }
  stopWorkers() {
    const slots = this.slots;
    this.slots = [];
    for (const slot of slots) void slot.worker.terminate();
  }
  /** Give each worker batches until it holds its share (during the walk, full batches only). */
  feed() {
    for (const slot of this.slots) {
      while (slot.batches < (this.closed ? IN_FLIGHT : IN_FLIGHT_WALKING) && !this.failure) {
        const left = this.paths.length - this.next;
        if (left === 0 || !this.closed && left < BATCH) return;
        const batch = {
          first: this.next,
          paths: this.paths.slice(this.next, this.next + BATCH)
        };
        if (this.next === 0)
          this.options.report?.(
            `in ${this.slots.length} worker thread${this.slots.length > 1 ? "s" : ""}`
          );
        this.next += batch.paths.length;
        slot.batches++;
        slot.worker.postMessage(batch);
      }
    }
  }
  receive(slot, answer) {
    if ("failure" in answer) return this.fail(failureError(answer.failure));
    slot.batches--;
    const flat = answer.hashes;
    for (let j = 0; j < flat.length; j += 3) {
      const hash = {
        size: flat[j],
        mtimeMs: flat[j + 1],
        md5: flat[j + 2]
      };
      this.record(answer.first + j / 3, hash);
    }
    this.feed();
  }
  /**
   * The main thread's share: a file at a time from the queue, until none is left. It yields to the
   * event loop after every ~4 MiB (within a big file too), so workers' answers and the network are
   * taken in between.
   */
  async help() {
    const buffer = Buffer.allocUnsafe(READ_BUFFER);
    let since = performance.now();
    const pause = async () => {
      if (performance.now() - since < YIELD_MS) return;
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    };
    while (!this.failure && this.next < this.paths.length) {
      const i = this.next++;
      let hash;
      try {
        const hashing = new FileHashing(this.paths[i], buffer);
        while (!(hash = hashing.step(READ_BUFFER))) {
          await pause();
          if (this.failure) return hashing.close();
        }
      } catch (error) {
        return this.fail(error);
      }
      this.here++;
      this.record(i, hash);
      await pause();
    }
  }
  record(index, hash) {
    this.hashes[index] = hash;
    if (++this.answered === this.paths.length && this.closed) this.settle?.();
  }
  fail(error) {
    if (this.failure) return;
    this.failure = error;
    this.settle?.();
  }
};

// src/local/scan.ts
import fs from "node:fs";
import path from "node:path";
async function checkSource(source, shown) {
  let stat;
  try {
    stat = await fs.promises.stat(source);
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT")
      throw new PreflightError(
        `Input 'source' names ${JSON.stringify(shown)}, which does not exist (resolved to ${source}). Did the build step run, and does it write there? Nothing was changed in the bucket.`
      );
    throw new PreflightError(`Input 'source': cannot read ${source}: ${errorMessage(error)}`);
  }
  if (!stat.isDirectory())
    throw new PreflightError(
      `Input 'source' names ${JSON.stringify(shown)}, which is a file, not a directory: name the directory to publish.`
    );
  return fs.promises.realpath(source);
}
function inside(root, target) {
  const rel = path.relative(root, target);
  return rel === "" || !rel.startsWith("..") && !path.isAbsolute(rel);
}
var YIELD_EVERY = 256;
async function walk(root, filter, hasher) {
  const found = [];
  const skipped = [];
  const stack = [
    { dir: root, key: "", ancestors: [root] }
  ];
  let sinceYield = 0;
  while (stack.length > 0) {
    const { dir, key: dirKey, ancestors } = stack.pop();
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    sinceYield += entries.length;
    if (sinceYield >= YIELD_EVERY) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const entry of entries) {
      const key = toSiteKey(dirKey === "" ? entry.name : `${dirKey}/${entry.name}`);
      if (hasControlCharacter(entry.name) && filter.verdict(key) !== "excluded")
        throw new PreflightError(
          `The name ${quoted(key)} in the source holds ${firstUnsafe(entry.name)}, which keys, logs and browsers do not carry safely; nothing was sent. Rename it, or add it to exclude.`
        );
      const full = dir.endsWith(path.sep) ? dir + entry.name : dir + path.sep + entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let target = full;
      if (entry.isSymbolicLink()) {
        let real;
        try {
          real = fs.realpathSync(full);
        } catch {
          if (filter.verdict(key) !== "included") continue;
          throw new PreflightError(
            `The symbolic link ${quoted(key)} in the source points to nothing.`
          );
        }
        const stat = fs.statSync(real);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
        if (!inside(root, real)) {
          if (isFile && filter.verdict(key) !== "included") continue;
          if (isDir && !filter.mayDescend(key)) continue;
          const excluded = filter.verdict(key) === "excluded" || filter.verdict(`${key}/x`) === "excluded";
          if (excluded) continue;
          throw new PreflightError(
            `The symbolic link ${quoted(key)} in the source points outside it (to ${real}); it is not followed. Remove it, or add it to exclude.`
          );
        }
        target = real;
      }
      if (isDir) {
        if (!filter.mayDescend(key)) continue;
        if (ancestors.includes(target)) continue;
        stack.push({ dir: target, key, ancestors: [...ancestors, target] });
      } else if (isFile) {
        const verdict = filter.verdict(key);
        if (verdict !== "included") {
          skipped.push({ key, verdict });
          continue;
        }
        found.push({ key, path: target, hashId: hasher?.add(target) });
      }
    }
  }
  return { found, skipped };
}
async function selectFiles(root, filter, hasher) {
  const { found, skipped } = await walk(root, filter, hasher);
  found.sort((a, b) => compareKeys(a.key, b.key));
  for (let i = 1; i < found.length; i++) {
    if (found[i].key === found[i - 1].key)
      throw new PreflightError(
        `Two files in the source have the same name once Unicode-normalized (NFC): ${quoted(found[i].key)}. Rename one.`
      );
  }
  skipped.sort((a, b) => compareKeys(a.key, b.key));
  return { found, skipped };
}
function withHashes(found, hashes) {
  return found.map(({ key, path: file, hashId }, i) => ({
    key,
    path: file,
    ...hashes[hashId ?? i]
  }));
}
function compareKeys(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogate = x >= 55296 && x <= 57343 || y >= 55296 && y <= 57343;
    return surrogate ? a.codePointAt(i) - b.codePointAt(i) : x - y;
  }
  return a.length - b.length;
}

// src/core/state.ts
import { gunzipSync } from "node:zlib";
var STATE_FORMAT = "cdn-publish/state@2";
var STATE_FORMAT_V1 = "cdn-publish/state@1";
function emptyState() {
  return { entries: /* @__PURE__ */ new Map(), pending: [], marks: /* @__PURE__ */ new Map(), writtenAt: void 0 };
}
function* stateChunks(entries, pending = [], marks = /* @__PURE__ */ new Map(), cdn, size = 64 * 1024) {
  const keys = [...entries.keys()].sort();
  const index = /* @__PURE__ */ new Map();
  for (const entry of entries.values()) {
    let byCache = index.get(entry.contentType);
    if (!byCache) index.set(entry.contentType, byCache = /* @__PURE__ */ new Map());
    byCache.set(entry.cacheControl, 0);
  }
  const rows = [...index].flatMap(
    ([type, byCache]) => [...byCache.keys()].map((cache) => ({ type, cache, json: JSON.stringify([type, cache]) }))
  ).sort((a, b) => a.json < b.json ? -1 : a.json > b.json ? 1 : 0);
  rows.forEach((row, i) => index.get(row.type).set(row.cache, i));
  const table = rows.map((row) => row.json);
  const pend = pending.length > 0 ? `,"pending":${JSON.stringify([...new Set(pending)].sort())}` : "";
  const markList = [...marks.keys()].sort().map((k) => [k, marks.get(k).toISOString()]);
  const mark = markList.length > 0 ? `,"marks":${JSON.stringify(Object.fromEntries(markList))}` : "";
  const remembered = cdn === void 0 ? "" : `,"cdn":${JSON.stringify(cdn)}`;
  let chunk = `{"format":${JSON.stringify(STATE_FORMAT)}${pend}${mark}${remembered},"headers":[${table.join(",")}],"entries":{
`;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const e = entries.get(key);
    const at = index.get(e.contentType).get(e.cacheControl);
    const md5 = e.md5 === e.etag ? "" : e.md5;
    chunk += `${i > 0 ? ",\n" : ""}${jsonString(key)}:[${jsonString(e.etag)},${jsonString(md5)},${JSON.stringify(e.size)},${at}]`;
    if (chunk.length >= size) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}
}}
`;
}
var NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
function jsonString(text) {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}
function stateText(raw) {
  const gzipped = raw[0] === 31 && raw[1] === 139;
  try {
    return (gzipped ? gunzipSync(raw) : raw).toString("utf-8");
  } catch {
    return "";
  }
}
var MD5_HEX = /^[0-9a-f]{32}$/;
function decodeState(text, writtenAt) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: "it is not valid JSON" };
  }
  const record = parsed;
  const v1 = record?.format === STATE_FORMAT_V1;
  if (!record || typeof record !== "object" || record.format !== STATE_FORMAT && !v1)
    return { problem: `its format is not ${STATE_FORMAT}` };
  const table = Array.isArray(record.headers) ? record.headers : [];
  if (!record.entries || typeof record.entries !== "object") return { problem: "it has no entries" };
  const entries = /* @__PURE__ */ new Map();
  const raw = record.entries;
  for (const key in raw) {
    if (!Object.hasOwn(raw, key)) continue;
    const value = raw[key];
    if (!Array.isArray(value) || value.length !== (v1 ? 5 : 4)) continue;
    let etag, md5, size, contentType, cacheControl;
    if (v1) [etag, md5, size, contentType, cacheControl] = value;
    else {
      const headers = typeof value[3] === "number" ? table[value[3]] : void 0;
      if (!Array.isArray(headers) || headers.length !== 2) continue;
      etag = value[0];
      md5 = value[1] === "" ? etag : value[1];
      size = value[2];
      contentType = headers[0];
      cacheControl = headers[1];
    }
    if (typeof etag !== "string" || typeof md5 !== "string" || !MD5_HEX.test(md5) || typeof size !== "number" || typeof contentType !== "string" || typeof cacheControl !== "string")
      continue;
    entries.set(key, { etag, md5, size, contentType, cacheControl });
  }
  const pending = Array.isArray(record.pending) ? record.pending.filter((k) => typeof k === "string") : [];
  const marks = /* @__PURE__ */ new Map();
  if (record.marks && typeof record.marks === "object")
    for (const [key, value] of Object.entries(record.marks)) {
      const time = typeof value === "string" ? new Date(value) : void 0;
      if (time && !Number.isNaN(time.getTime())) marks.set(key, time);
    }
  return {
    state: {
      entries,
      pending,
      marks,
      writtenAt,
      ...record.cdn !== void 0 ? { cdn: record.cdn } : {}
    }
  };
}
function sameEntries(a, b) {
  if (a.size !== b.size) return false;
  for (const [key, x] of a) {
    const y = b.get(key);
    if (!y || x.etag !== y.etag || x.md5 !== y.md5 || x.size !== y.size || x.contentType !== y.contentType || x.cacheControl !== y.cacheControl)
      return false;
  }
  return true;
}
function entryHeaders(entry) {
  return { contentType: entry.contentType, cacheControl: entry.cacheControl };
}

// src/core/plan.ts
var MAX_COPY_SIZE = 5 * 1024 ** 3;
var PLAIN_MD5 = /^[0-9a-f]{32}$/;
function isPlainMd5(etag) {
  return PLAIN_MD5.test(etag);
}
function sameHeaders(a, b) {
  return a.contentType === b.contentType && a.cacheControl === b.cacheControl;
}
function before(a, b) {
  return Math.floor(a.getTime() / 1e3) < Math.floor(b.getTime() / 1e3);
}
function knownFromState(object, state) {
  const entry = state.entries.get(object.key);
  const writtenAt = state.writtenAt;
  const trusted = entry !== void 0 && entry.etag === object.etag && entry.size === object.size && (writtenAt === void 0 || before(object.lastModified, writtenAt));
  if (trusted) return { md5: entry.md5, headers: entryHeaders(entry) };
  return { md5: isPlainMd5(object.etag) ? object.etag : void 0, headers: void 0 };
}
function driftedKeys(state, remote) {
  if (state.entries.size === 0) return [];
  const listed = new Map(remote.map((o) => [o.key, o]));
  const drifted = [];
  for (const [key, entry] of state.entries) {
    const object = listed.get(key);
    if (!object || object.etag !== entry.etag || object.size !== entry.size || state.writtenAt !== void 0 && !before(object.lastModified, state.writtenAt))
      drifted.push(key);
  }
  return drifted;
}
function nestedDeploys(remote) {
  const suffix = `/${STATE_KEY}`;
  return remote.filter((o) => o.key.endsWith(suffix)).map((o) => o.key.slice(0, -STATE_KEY.length));
}
function emptyPlan() {
  return {
    assets: [],
    metadata: [],
    deletes: [],
    unchanged: [],
    inspect: [],
    unknownTypes: [],
    kept: 0,
    marks: [],
    unmarks: []
  };
}
function planSync(input) {
  const remoteByKey = new Map(input.remote.map((o) => [o.key, o]));
  const plan = emptyPlan();
  const localKeys = /* @__PURE__ */ new Set();
  for (const file of input.local) {
    localKeys.add(file.key);
    const rules = input.rules(file.key);
    if (rules.unknownType) plan.unknownTypes.push(file.key);
    const desired = rules.headers;
    const phase = rules.metadata ? plan.metadata : plan.assets;
    const remote = remoteByKey.get(file.key);
    if (!remote) {
      phase.push({
        kind: "upload",
        key: file.key,
        reason: "new",
        file,
        headers: desired,
        metadata: rules.metadata
      });
      continue;
    }
    const seen = input.inspected.get(file.key);
    const known = seen ? { md5: seen.md5, headers: seen.headers } : knownFromState(remote, input.state);
    const etag = seen ? seen.etag : remote.etag;
    if (known.md5 !== void 0 && known.md5 !== file.md5) {
      phase.push({
        kind: "upload",
        key: file.key,
        reason: "content",
        file,
        headers: desired,
        metadata: rules.metadata
      });
      continue;
    }
    if (known.md5 === void 0 || known.headers === void 0) {
      if (!seen) {
        plan.inspect.push(file.key);
        continue;
      }
      phase.push({
        kind: "upload",
        key: file.key,
        reason: "content",
        file,
        headers: desired,
        metadata: rules.metadata
      });
      continue;
    }
    if (sameHeaders(known.headers, desired)) {
      plan.unchanged.push({ file, etag, headers: desired });
      continue;
    }
    if (file.size > MAX_COPY_SIZE) {
      phase.push({
        kind: "upload",
        key: file.key,
        reason: "headers",
        file,
        headers: desired,
        metadata: rules.metadata
      });
      continue;
    }
    phase.push({
      kind: "update",
      key: file.key,
      reason: "headers",
      file,
      headers: desired,
      previous: known.headers,
      metadata: rules.metadata,
      ...seen?.kept ? { kept: seen.kept } : {}
    });
  }
  const grace = input.grace && input.grace.ms > 0 ? input.grace : void 0;
  const marks = input.state.marks;
  const nested = nestedDeploys(input.remote);
  for (const object of input.remote) {
    if (localKeys.has(object.key)) {
      if (marks.has(object.key)) plan.unmarks.push(object.key);
      continue;
    }
    const verdict = input.filter.verdict(object.key);
    if (verdict === "reserved") continue;
    if (!input.delete || verdict !== "included" || nested.some((root) => object.key.startsWith(root))) {
      plan.kept++;
      continue;
    }
    if (grace) {
      const since = marks.get(object.key);
      const after = new Date((since ?? grace.now).getTime() + grace.ms);
      if (!since || after.getTime() > grace.now.getTime()) {
        plan.marks.push({ key: object.key, after, since: since ?? grace.now, isNew: !since });
        continue;
      }
    }
    plan.deletes.push({ kind: "delete", key: object.key, reason: "removed", size: object.size });
  }
  return plan;
}
function planWrites(plan) {
  return [...plan.assets, ...plan.metadata];
}
function countPlan(plan) {
  const writes = planWrites(plan);
  const uploads = writes.filter((a) => a.kind === "upload");
  return {
    uploaded: uploads.length,
    updated: writes.length - uploads.length,
    deleted: plan.deletes.length,
    unchanged: plan.unchanged.length,
    bytesUploaded: uploads.reduce((sum, a) => sum + a.file.size, 0)
  };
}

// src/core/limit.ts
var Semaphore = class {
  constructor(capacity) {
    this.capacity = capacity;
    this.available = capacity;
  }
  capacity;
  available;
  waiting = [];
  /** Take `weight` units (at most the capacity), waiting in order until they are free. */
  async acquire(weight = 1) {
    const w = Math.min(Math.max(weight, 0), this.capacity);
    if (this.waiting.length === 0 && this.available >= w) {
      this.available -= w;
    } else {
      await new Promise((resolve) => this.waiting.push({ weight: w, resolve }));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.available += w;
      this.drain();
    };
  }
  async use(weight, work) {
    const release = await this.acquire(weight);
    try {
      return await work();
    } finally {
      release();
    }
  }
  drain() {
    while (this.waiting.length > 0 && this.available >= this.waiting[0].weight) {
      const next = this.waiting.shift();
      this.available -= next.weight;
      next.resolve();
    }
  }
};
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
async function settleLimit(items, limit, fn) {
  return mapLimit(items, limit, async (item) => {
    try {
      return { item, ok: true, value: await fn(item) };
    } catch (error) {
      return { item, ok: false, error };
    }
  });
}

export {
  Hasher,
  checkSource,
  selectFiles,
  withHashes,
  compareKeys,
  emptyState,
  stateChunks,
  stateText,
  decodeState,
  sameEntries,
  isPlainMd5,
  driftedKeys,
  emptyPlan,
  planSync,
  countPlan,
  Semaphore,
  settleLimit
};

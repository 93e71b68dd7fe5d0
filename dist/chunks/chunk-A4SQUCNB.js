import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);
import {
  STATE_KEY
} from "./chunk-5MZ7EP76.js";

// src/core/concurrency.ts
var AUTO_START = 32;
var AUTO_CEILING = 256;
function dispatchLimit(concurrency) {
  return concurrency === "auto" ? AUTO_CEILING : concurrency;
}
var S3_WRITES_PER_SECOND = 3500;
var LATENCY_RISE = 1.5;
var GROWTH_PAYS = 0.5;
var GROWTH_PAYS_LITTLE = 0.1;
var WINDOW_MS = 250;
var COOLDOWN_WINDOWS = 8;
var BACK_OFF = 0.7;
var AdaptiveConcurrency = class {
  limit;
  /** The highest limit reached. */
  peak;
  reason = "start";
  changes = [];
  /** Counts of what it backed off for. */
  throttled = 0;
  timeouts = 0;
  start;
  floor;
  ceiling;
  slowStart = true;
  /** Windows to wait after a step that did not pay before probing again. */
  cooldown = 0;
  /** The lowest window median latency (ms). */
  baseline = Number.POSITIVE_INFINITY;
  window;
  /** The last growth, judged when the window after it closes. */
  pending;
  lastBackOff = Number.NEGATIVE_INFINITY;
  lastClose;
  constructor(options) {
    this.start = options.start;
    this.floor = Math.max(1, Math.min(options.floor ?? 4, options.start));
    this.ceiling = Math.max(options.start, options.ceiling);
    this.limit = options.start;
    this.peak = options.start;
  }
  /** The ceiling at the measured latency: S3's rate per prefix x latency, within [start, ceiling]. */
  get effectiveCeiling() {
    if (!Number.isFinite(this.baseline)) return this.ceiling;
    const byRate = Math.ceil(S3_WRITES_PER_SECOND * this.baseline / 1e3);
    return Math.min(this.ceiling, Math.max(this.start, byRate));
  }
  /**
   * A request answered (after the SDK's retries): its latency from the slot's grant, and whether
   * requests were waiting for a slot when it ended. Returns the limit.
   */
  answered(at, latencyMs, waiting) {
    const w = this.window ??= {
      started: this.lastClose ?? at - latencyMs,
      answers: 0,
      latencies: [],
      saturated: false
    };
    w.answers++;
    w.latencies.push(latencyMs);
    if (waiting) w.saturated = true;
    if (w.answers >= this.limit && at - w.started >= WINDOW_MS) this.closeWindow(at, w);
    return this.limit;
  }
  /**
   * An attempt S3 throttled (503 SlowDown, 429) or that timed out, sent at `sentAt`. Backs off unless
   * the attempt was sent before the last back-off (the same wave). Returns the limit.
   */
  refused(at, sentAt, kind) {
    this[kind]++;
    if (sentAt < this.lastBackOff || at - this.lastBackOff < WINDOW_MS) return this.limit;
    this.lastBackOff = at;
    this.slowStart = false;
    this.cooldown = 0;
    this.pending = void 0;
    this.window = void 0;
    this.lastClose = at;
    const floor = kind === "throttled" ? Math.max(this.floor, Math.ceil(this.peak / 2)) : this.floor;
    this.set(at, Math.min(this.limit, Math.max(floor, Math.floor(this.limit * BACK_OFF))), kind);
    return this.limit;
  }
  set(at, to, reason) {
    this.reason = reason;
    if (to === this.limit) return;
    this.changes.push({ at, from: this.limit, to, reason });
    this.limit = to;
    this.peak = Math.max(this.peak, to);
  }
  closeWindow(at, w) {
    this.window = void 0;
    this.lastClose = at;
    const seconds = Math.max(at - w.started, 1) / 1e3;
    const throughput = w.answers / seconds;
    const median = medianOf(w.latencies);
    this.baseline = Math.min(this.baseline, median);
    const pending = this.pending;
    if (pending?.skip) {
      pending.skip = false;
      return;
    }
    if (pending) {
      this.pending = void 0;
      const promised = this.limit / pending.from - 1;
      const gained = throughput / Math.max(pending.throughput, 1e-9) - 1;
      if (gained < promised * GROWTH_PAYS) this.slowStart = false;
      if (gained < promised * GROWTH_PAYS_LITTLE) {
        this.cooldown = COOLDOWN_WINDOWS;
        this.set(at, pending.from, "throughput-flat");
        return;
      }
    }
    if (this.cooldown > 0) {
      this.cooldown--;
      return;
    }
    if (median > this.baseline * LATENCY_RISE) {
      if (this.reason === "grew" || this.reason === "start") this.reason = "latency-rose";
      return;
    }
    if (!w.saturated) {
      if (this.reason === "start") this.reason = "demand";
      return;
    }
    const ceiling = this.effectiveCeiling;
    const atCeiling = ceiling < this.ceiling ? "rate-ceiling" : "ceiling";
    if (this.limit >= ceiling) {
      this.reason = atCeiling;
      return;
    }
    const grown = this.slowStart ? this.limit * 2 : this.limit + Math.max(1, Math.ceil(this.limit / 8));
    const to = Math.min(ceiling, grown);
    this.pending = { from: this.limit, throughput, skip: true };
    this.set(at, to, to === ceiling ? atCeiling : "grew");
  }
  /** One line for the summary: where it settled, and why. */
  describe() {
    const why = {
      start: "too few requests to measure",
      demand: "the work never filled more slots",
      grew: "latency held and throughput rose",
      ceiling: `the ceiling (${this.ceiling})`,
      "rate-ceiling": `S3's ${S3_WRITES_PER_SECOND.toLocaleString("en-US")} writes per second per prefix at ${Math.round(this.baseline)} ms latency`,
      "throughput-flat": "more requests in flight did not raise throughput",
      "latency-rose": `latency rose above ${LATENCY_RISE}x its lowest (${Math.round(this.baseline)} ms)`,
      throttled: "it backed off",
      timeouts: "it backed off"
    };
    const refused = [
      this.throttled > 0 ? `S3 throttled ${this.throttled} attempt(s) (503 SlowDown)` : "",
      this.timeouts > 0 ? `${this.timeouts} attempt(s) timed out` : ""
    ].filter(Boolean);
    if (refused.length === 0) return why[this.reason];
    const because = this.reason === "throttled" || this.reason === "timeouts" ? "" : `; ${why[this.reason]}`;
    return `${refused.join(" and ")}, so it backed off${because}`;
  }
};
function medianOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

// src/core/limit.ts
var Semaphore = class {
  constructor(cap) {
    this.cap = cap;
    this.available = cap;
  }
  cap;
  available;
  waiting = [];
  get capacity() {
    return this.cap;
  }
  /** Callers waiting for units. */
  get queued() {
    return this.waiting.length;
  }
  /**
   * Change the capacity. Growing wakes waiters at once; shrinking takes effect as units come back
   * (nothing already granted is taken away).
   */
  resize(capacity) {
    const c = Math.max(1, Math.floor(capacity));
    this.available += c - this.cap;
    this.cap = c;
    this.drain();
  }
  /** Take `weight` units (at most the capacity), waiting in order until they are free. */
  async acquire(weight = 1) {
    const w = Math.min(Math.max(weight, 0), this.cap);
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

// src/core/state.ts
import { gunzipSync } from "node:zlib";
var STATE_FORMAT = "cdn-publish/state@3";
var STATE_FORMAT_V2 = "cdn-publish/state@2";
var STATE_FORMAT_V1 = "cdn-publish/state@1";
function emptyState() {
  return {
    entries: /* @__PURE__ */ new Map(),
    pending: [],
    marks: /* @__PURE__ */ new Map(),
    writtenAt: void 0,
    recent: /* @__PURE__ */ new Set()
  };
}
function* stateChunks(entries, { pending = [], marks = /* @__PURE__ */ new Map(), cdn, recent = [] } = {}, size = 64 * 1024) {
  const keys = [...entries.keys()].sort();
  const rowOf = (e) => JSON.stringify(
    e.contentEncoding === void 0 ? [e.contentType, e.cacheControl] : [e.contentType, e.cacheControl, e.contentEncoding]
  );
  const index = /* @__PURE__ */ new Map();
  const rowsSeen = /* @__PURE__ */ new Set();
  for (const entry of entries.values()) {
    let byCache = index.get(entry.contentType);
    if (!byCache) index.set(entry.contentType, byCache = /* @__PURE__ */ new Map());
    let byEncoding = byCache.get(entry.cacheControl);
    if (!byEncoding) byCache.set(entry.cacheControl, byEncoding = /* @__PURE__ */ new Map());
    if (!byEncoding.has(entry.contentEncoding ?? "")) {
      byEncoding.set(entry.contentEncoding ?? "", 0);
      rowsSeen.add(rowOf(entry));
    }
  }
  const table = [...rowsSeen].sort();
  const at = new Map(table.map((json, i) => [json, i]));
  for (const [type, byCache] of index)
    for (const [cache, byEncoding] of byCache)
      for (const encoding of byEncoding.keys())
        byEncoding.set(
          encoding,
          at.get(
            rowOf({
              etag: "",
              md5: "",
              size: 0,
              contentType: type,
              cacheControl: cache,
              ...encoding === "" ? {} : { contentEncoding: encoding }
            })
          )
        );
  const pend = pending.length > 0 ? `,"pending":${JSON.stringify([...new Set(pending)].sort())}` : "";
  const markList = [...marks.keys()].sort().map((k) => [k, marks.get(k).toISOString()]);
  const mark = markList.length > 0 ? `,"marks":${JSON.stringify(Object.fromEntries(markList))}` : "";
  const remembered = cdn === void 0 ? "" : `,"cdn":${JSON.stringify(cdn)}`;
  const recentKeys = [...new Set(recent)].filter((k) => entries.has(k)).sort();
  const late = recentKeys.length > 0 ? `,"recent":${JSON.stringify(recentKeys)}` : "";
  let chunk = `{"format":${JSON.stringify(STATE_FORMAT)}${pend}${mark}${remembered}${late},"headers":[${table.join(",")}],"entries":{
`;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const e = entries.get(key);
    const row = index.get(e.contentType).get(e.cacheControl).get(e.contentEncoding ?? "");
    const md5 = e.md5 === e.etag ? "" : e.md5;
    const tail = e.source !== void 0 ? `,"${e.sha ?? ""}",${jsonString(e.source)}` : e.sha !== void 0 ? `,"${e.sha}"` : "";
    chunk += `${i > 0 ? ",\n" : ""}${jsonString(key)}:[${jsonString(e.etag)},${jsonString(md5)},${JSON.stringify(e.size)},${row}${tail}]`;
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
var SHA_TEXT = /^[\w-]{22}$/;
function decodeState(text, writtenAt) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: "it is not valid JSON" };
  }
  const record = parsed;
  const v1 = record?.format === STATE_FORMAT_V1;
  const v2 = record?.format === STATE_FORMAT_V2;
  if (!record || typeof record !== "object" || record.format !== STATE_FORMAT && !v1 && !v2)
    return { problem: `its format is not ${STATE_FORMAT}` };
  const table = Array.isArray(record.headers) ? record.headers : [];
  if (!record.entries || typeof record.entries !== "object") return { problem: "it has no entries" };
  const entries = /* @__PURE__ */ new Map();
  const raw = record.entries;
  for (const key in raw) {
    if (!Object.hasOwn(raw, key)) continue;
    const value = raw[key];
    if (!Array.isArray(value) || (v1 ? value.length !== 5 : value.length < 4 || value.length > (v2 ? 5 : 6)))
      continue;
    let etag, md5, size, contentType, cacheControl;
    let contentEncoding, source, sha;
    if (v1) [etag, md5, size, contentType, cacheControl] = value;
    else {
      const headers = typeof value[3] === "number" ? table[value[3]] : void 0;
      if (!Array.isArray(headers) || headers.length !== 2 && headers.length !== 3) continue;
      etag = value[0];
      md5 = value[1] === "" ? etag : value[1];
      size = value[2];
      contentType = headers[0];
      cacheControl = headers[1];
      contentEncoding = headers[2];
      if (headers.length === 3 && typeof contentEncoding !== "string") continue;
      const rest = value;
      if (v2) source = rest[4];
      else {
        sha = rest[4] === "" ? void 0 : rest[4];
        source = rest[5];
      }
      if (source !== void 0 && (typeof source !== "string" || !MD5_HEX.test(source))) continue;
      if (sha !== void 0 && (typeof sha !== "string" || !SHA_TEXT.test(sha))) continue;
    }
    if (typeof etag !== "string" || typeof md5 !== "string" || !MD5_HEX.test(md5) || typeof size !== "number" || typeof contentType !== "string" || typeof cacheControl !== "string")
      continue;
    entries.set(key, {
      etag,
      md5,
      ...typeof sha === "string" ? { sha } : {},
      size,
      contentType,
      cacheControl,
      ...typeof contentEncoding === "string" ? { contentEncoding } : {},
      ...typeof source === "string" ? { source } : {}
    });
  }
  const pending = Array.isArray(record.pending) ? record.pending.filter((k) => typeof k === "string") : [];
  const marks = /* @__PURE__ */ new Map();
  if (record.marks && typeof record.marks === "object")
    for (const [key, value] of Object.entries(record.marks)) {
      const time = typeof value === "string" ? new Date(value) : void 0;
      if (time && !Number.isNaN(time.getTime())) marks.set(key, time);
    }
  const recent = new Set(
    Array.isArray(record.recent) ? record.recent.filter((k) => typeof k === "string") : []
  );
  return {
    state: {
      entries,
      pending,
      marks,
      writtenAt,
      recent,
      ...record.cdn !== void 0 ? { cdn: record.cdn } : {}
    }
  };
}
function sameEntries(a, b) {
  if (a.size !== b.size) return false;
  for (const [key, x] of a) {
    const y = b.get(key);
    if (!y || x.etag !== y.etag || x.md5 !== y.md5 || x.sha !== y.sha || x.size !== y.size || x.contentType !== y.contentType || x.cacheControl !== y.cacheControl || x.contentEncoding !== y.contentEncoding || x.source !== y.source)
      return false;
  }
  return true;
}
function entryHeaders(entry) {
  return {
    contentType: entry.contentType,
    cacheControl: entry.cacheControl,
    ...entry.contentEncoding !== void 0 ? { contentEncoding: entry.contentEncoding } : {}
  };
}

// src/core/plan.ts
var MAX_COPY_SIZE = 5 * 1024 ** 3;
var PLAIN_MD5 = /^[0-9a-f]{32}$/;
function isPlainMd5(etag) {
  return PLAIN_MD5.test(etag);
}
function sameHeaders(a, b) {
  return a.contentType === b.contentType && a.cacheControl === b.cacheControl && (b.contentEncoding === void 0 || a.contentEncoding === b.contentEncoding);
}
function before(a, b) {
  return Math.floor(a.getTime() / 1e3) < Math.floor(b.getTime() / 1e3);
}
function describedBy(object, state) {
  const at = state.writtenAt;
  if (at === void 0 || before(object.lastModified, at)) return true;
  return !before(at, object.lastModified) && state.recent.has(object.key);
}
function inLatestSecond(remote, unchanged) {
  let latest = -Infinity;
  const seconds = /* @__PURE__ */ new Map();
  for (const o of remote) {
    const second = Math.floor(o.lastModified.getTime() / 1e3);
    seconds.set(o.key, second);
    if (second > latest) latest = second;
  }
  return unchanged.filter((key) => seconds.get(key) === latest);
}
function knownFromState(object, state) {
  const entry = state.entries.get(object.key);
  const trusted = entry !== void 0 && entry.etag === object.etag && entry.size === object.size && describedBy(object, state);
  if (trusted) return { md5: entry.md5, headers: entryHeaders(entry) };
  return { md5: isPlainMd5(object.etag) ? object.etag : void 0, headers: void 0 };
}
function driftedKeys(state, remote) {
  if (state.entries.size === 0) return [];
  const listed = new Map(remote.map((o) => [o.key, o]));
  const drifted = [];
  for (const [key, entry] of state.entries) {
    const object = listed.get(key);
    if (!object || object.etag !== entry.etag || object.size !== entry.size || !describedBy(object, state))
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
  planLeaving(input, localKeys, plan);
  return plan;
}
function countDeletes(input, keys) {
  const plan = emptyPlan();
  planLeaving(input, keys, plan);
  return plan.deletes.length;
}
function planLeaving(input, localKeys, plan) {
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

export {
  AUTO_START,
  AUTO_CEILING,
  dispatchLimit,
  AdaptiveConcurrency,
  Semaphore,
  mapLimit,
  settleLimit,
  emptyState,
  stateChunks,
  stateText,
  decodeState,
  sameEntries,
  entryHeaders,
  isPlainMd5,
  sameHeaders,
  describedBy,
  inLatestSecond,
  driftedKeys,
  nestedDeploys,
  emptyPlan,
  planSync,
  countDeletes,
  countPlan
};
//# sourceMappingURL=chunk-A4SQUCNB.js.map

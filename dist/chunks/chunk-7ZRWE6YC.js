import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);
import {
  BUILDS_DIR,
  STATE_DIR,
  joinKey
} from "./chunk-5MZ7EP76.js";

// src/core/invalidation.ts
var MAX_WILDCARDS = 15;
var MAX_PATHS = 3e3;
var FREE_PATHS_PER_MONTH = 1e3;
var PRICE_PER_PATH_USD = 5e-3;
var KEEP = /[A-Za-z0-9\-._~!$&'()+,;=:@]/;
function encodeSegment(segment) {
  let out = "";
  for (const char of segment) {
    if (KEEP.test(char)) out += char;
    else
      for (const byte of Buffer.from(char, "utf8"))
        out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
function urlPathOf(key, prefix, originPath) {
  const full = joinKey(prefix, key);
  const base = originPath.replace(/^\/+|\/+$/g, "");
  let served = full;
  if (base !== "") {
    if (!full.startsWith(`${base}/`)) return void 0;
    served = full.slice(base.length + 1);
  }
  return `/${served.split("/").map(encodeSegment).join("/")}`;
}
function pathsForKey(key, prefix, originPath, directoryIndexes) {
  const path = urlPathOf(key, prefix, originPath);
  if (path === void 0) return [];
  const paths = [path];
  if (path === "/index.html") paths.push("/");
  else if (directoryIndexes && path.endsWith("/index.html")) {
    const dir = path.slice(0, -"index.html".length);
    paths.push(dir, dir.slice(0, -1));
  }
  return paths;
}
function parentDir(path) {
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed.slice(0, trimmed.lastIndexOf("/") + 1);
}
function depth(dir) {
  return dir.split("/").length - 2;
}
function isWildcard(path) {
  return path.endsWith("*");
}
function collapse(paths, dir) {
  for (const p of [...paths]) if (p.startsWith(dir)) paths.delete(p);
  const bare = dir.slice(0, -1);
  if (bare !== "" && paths.delete(bare)) paths.add(`${bare}*`);
  else paths.add(`${dir}*`);
}
function basePath(prefix, originPath) {
  if (prefix === "") return "/";
  const path = urlPathOf("x", prefix, originPath);
  return path === void 0 ? "/" : path.slice(0, -1);
}
function planInvalidation(input) {
  const budget = Math.max(1, Math.min(input.budget, MAX_PATHS));
  const paths = /* @__PURE__ */ new Set();
  for (const key of input.changed)
    for (const p of pathsForKey(key, input.prefix, input.originPath, input.directoryIndexes))
      paths.add(p);
  const objects = new Set(input.changed).size;
  if (paths.size === 0) return { paths: [], objects: 0, collapsed: false };
  const base = basePath(input.prefix, input.originPath);
  const changedSet = new Set(input.changed);
  if (paths.size >= 2 && input.all.every((key) => changedSet.has(key)))
    return { paths: [`${base}*`], objects, collapsed: false };
  const byDir = /* @__PURE__ */ new Map();
  for (const key of new Set(input.all)) {
    const path = urlPathOf(key, input.prefix, input.originPath);
    if (path === void 0) continue;
    for (let dir = parentDir(path); dir !== "/" && dir !== ""; dir = parentDir(dir)) {
      const entry = byDir.get(dir) ?? { total: 0, changed: 0 };
      entry.total++;
      if (changedSet.has(key)) entry.changed++;
      byDir.set(dir, entry);
    }
  }
  const full = [...byDir.entries()].filter(([, e]) => e.total === e.changed && e.changed >= 2).map(([dir]) => dir).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  for (const dir of full) {
    if ([...paths].some((p) => isWildcard(p) && dir.startsWith(p.slice(0, -1)))) continue;
    collapse(paths, dir);
  }
  let collapsed = false;
  const wildcards = () => [...paths].filter(isWildcard).length;
  while (paths.size > budget || wildcards() > MAX_WILDCARDS) {
    const counts = /* @__PURE__ */ new Map();
    for (const p of paths) {
      const dir = parentDir(isWildcard(p) ? p.slice(0, -1) : p);
      if (dir.length <= base.length) continue;
      counts.set(dir, (counts.get(dir) ?? 0) + 1);
    }
    const merges = (count) => count >= 2 ? 0 : 1;
    const candidates = [...counts.entries()].sort(
      ([a, ca], [b, cb]) => merges(ca) - merges(cb) || depth(b) - depth(a) || cb - ca || (a < b ? -1 : 1)
    );
    collapsed = true;
    if (candidates.length === 0) {
      paths.clear();
      paths.add(`${base}*`);
      break;
    }
    collapse(paths, candidates[0][0]);
  }
  return { paths: [...paths].sort(), objects, collapsed };
}
function estimatedCostUsd(paths) {
  return Math.round(paths * PRICE_PER_PATH_USD * 1e3) / 1e3;
}

// src/cloudfront/limits.ts
import { createHash } from "node:crypto";
var COMMENT_MAX = 128;
var TAG_VALUE_MAX = 256;
var FUNCTION_CODE_MAX = 10 * 1024;
var TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
var TAG_CHAR = /^[\p{L}\p{Z}\p{N}_.:/+\-@]$/u;
var COMMENT_CHAR = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u;
var COMMENT_TEXT = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]*$/u;
function sha256(text) {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
function isTagValue(text) {
  return text.length <= TAG_VALUE_MAX && TAG_TEXT.test(text);
}
function cutAt(text, max) {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 55296 && code <= 56319 ? max - 1 : max);
}
function tagValue(text) {
  if (isTagValue(text) && !text.includes("=")) return text;
  let escaped = "";
  for (const char of text) {
    if (TAG_CHAR.test(char)) escaped += char;
    else
      for (const byte of Buffer.from(char, "utf8"))
        escaped += `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  if (escaped.length <= TAG_VALUE_MAX) return escaped;
  const digest = sha256(text);
  let head = cutAt(escaped, TAG_VALUE_MAX - 2 - digest.length);
  const at = head.lastIndexOf("=");
  if (at >= 0 && at > head.length - 3) head = head.slice(0, at);
  return `${head}==${digest}`;
}
function tagText(value) {
  if (!value.includes("=")) return value;
  if (value.includes("==")) return void 0;
  const bytes = [];
  let text = "";
  const flush = () => {
    if (bytes.length > 0) text += Buffer.from(bytes.splice(0)).toString("utf8");
  };
  for (let i = 0; i < value.length; ) {
    const escape = /^=([0-9A-F]{2})/.exec(value.slice(i, i + 3));
    if (escape) {
      bytes.push(parseInt(escape[1], 16));
      i += 3;
      continue;
    }
    if (value[i] === "=") return void 0;
    flush();
    const code = value.codePointAt(i);
    text += String.fromCodePoint(code);
    i += code > 65535 ? 2 : 1;
  }
  flush();
  return text;
}
function isComment(text) {
  return text.length <= COMMENT_MAX && COMMENT_TEXT.test(text);
}
function printable(text) {
  let out = "";
  for (const char of text) out += COMMENT_CHAR.test(char) ? char : "?";
  return out;
}
function fitComment(text, max = COMMENT_MAX) {
  const clean = printable(text);
  return clean.length <= max ? clean : `${cutAt(clean, max - 3)}...`;
}
function markedComment(text, max = COMMENT_MAX) {
  if (isComment(text) && text.length <= max) return text;
  const hash = sha256(text).slice(0, 16);
  return `${cutAt(printable(text), max - hash.length - 2)}~${hash}`;
}

// src/core/site/store-layout.ts
import { createHash as createHash2 } from "node:crypto";
var VALUE_MAX = 1024;
function storeName(bucket, basePrefix) {
  const digest = createHash2("sha256").update(`${bucket}/${basePrefix}`, "utf8").digest("hex");
  return `cdn-publish-${digest.slice(0, 16)}`;
}
function namespaceOf(root) {
  return createHash2("sha256").update(root, "utf8").digest("hex").slice(0, 16);
}
function chunkText(text, max = VALUE_MAX) {
  const out = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    while (Buffer.byteLength(text.slice(start, end), "utf8") > max) end--;
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 55296 && last <= 56319) end--;
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}
var BUILD_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,47}$/;
function generationKeys(ns, info) {
  const prefix = `${ns}.${info.g}.`;
  const keys = [];
  for (let i = 0; i < 2 ** info.b; i++) keys.push(prefix + i.toString(16));
  for (let i = 0; i < info.r; i++) keys.push(`${prefix}r${i}`);
  for (let i = 0; i < info.h; i++) keys.push(`${prefix}h${i}`);
  return keys;
}
function parseMeta(text) {
  if (text === void 0) return void 0;
  try {
    const m = JSON.parse(text);
    const info = (x) => !!x && typeof x.g === "string" && /^[0-9a-f]{8}$/.test(x.g) && [x.b, x.r, x.h].every((n) => Number.isInteger(n) && n >= 0 && n <= 64 * 1024) && x.b <= 16;
    if (!info(m)) return void 0;
    const p = m.p && info(m.p) ? m.p : void 0;
    const id = (x) => typeof x === "string" && BUILD_ID.test(x);
    const ids = Array.isArray(m.k) ? m.k.filter(id) : [];
    const retired = Array.isArray(m.x) ? m.x.filter(
      (e) => Array.isArray(e) && id(e[0]) && Number.isFinite(e[1])
    ) : [];
    return {
      g: m.g,
      b: m.b,
      r: m.r,
      h: m.h,
      n: m.n === 1 ? 1 : 0,
      ...p ? { p: { g: p.g, b: p.b, r: p.r, h: p.h } } : {},
      ...id(m.a) && typeof m.s === "string" && /^[0-9a-f]{16}$/.test(m.s) ? { a: m.a, s: m.s } : {},
      ...id(m.v) ? { v: m.v } : {},
      ...id(m.v) && m.q && info(m.q) ? { q: { g: m.q.g, b: m.q.b, r: m.q.r, h: m.q.h, n: m.q.n === 1 ? 1 : 0 } } : {},
      ...ids.length > 0 ? { k: ids } : {},
      ...retired.length > 0 ? { x: retired.map(([b, t]) => [b, t]) } : {}
    };
  } catch {
    return void 0;
  }
}
function siteEntries(data, current) {
  const ns = namespaceOf(data.root);
  const { generation, entries, info } = generationOf(data, ns);
  const inPlace = current?.a === void 0;
  const previous = current && inPlace && current.g !== generation ? { g: current.g, b: current.b, r: current.r, h: current.h } : inPlace ? current?.p : void 0;
  const meta = {
    ...info,
    ...previous ? { p: previous } : {},
    ...current?.a ? { v: current.a } : current?.v ? { v: current.v } : {},
    ...current?.k ? { k: current.k } : {},
    ...current?.x ? { x: current.x } : {}
  };
  const stale = current?.p && current.p.g !== generation && (!inPlace || current.g !== generation) ? generationKeys(ns, current.p) : [];
  return { ns, generation, meta: [`${ns}.m`, JSON.stringify(meta)], entries, stale };
}
function generationOf(data, ns) {
  const redirects = data.redirects.length > 0 ? chunkText(JSON.stringify(data.redirects)) : [];
  const headers = data.headers.length > 0 ? chunkText(JSON.stringify(data.headers)) : [];
  const generation = createHash2("sha256").update(JSON.stringify([data.index, data.notFound, data.version ?? "", redirects, headers])).digest("hex").slice(0, 8);
  const prefix = `${ns}.${generation}.`;
  const entries = data.index.shards.map((shard, i) => [
    prefix + i.toString(16),
    // Values cannot be empty; an empty shard is '-', so that a shard not there (yet) reads as unknown.
    shard === "" ? "-" : shard
  ]);
  redirects.forEach((chunk, i) => entries.push([`${prefix}r${i}`, chunk]));
  headers.forEach((chunk, i) => entries.push([`${prefix}h${i}`, chunk]));
  return {
    generation,
    entries,
    info: {
      g: generation,
      b: data.index.bits,
      n: data.notFound ? 1 : 0,
      r: redirects.length,
      h: headers.length
    }
  };
}

// src/cloudfront/viewer-request.ts
import { createHash as createHash3 } from "node:crypto";
var TEMPLATE = `// cdn-publish viewer-request function (cloudfront-js-2.0). Generated: do not edit.
const PRETTY_URLS = __PRETTY_URLS__;
const SPA = __SPA__;
const STATE_DIR = __STATE_DIR__;
const PREVIEW_ROOT = __PREVIEW_ROOT__;
const PREVIEW_DOMAIN = __PREVIEW_DOMAIN__;

// True when a path segment is the state directory. The path is checked decoded too, because S3
// decodes the key: /%2Ecdn-publish/state.json is the same object as /.cdn-publish/state.json.
function isPrivate(uri) {
  let path = uri;
  try {
    path = decodeURIComponent(uri);
  } catch (e) {
    // malformed escapes: check the path as sent
  }
  return path.split('/').indexOf(STATE_DIR) !== -1;
}

// The preview label of a host under the preview domain (pr-42.preview.example.com -> pr-42), or ''.
function previewLabel(request) {
  if (PREVIEW_DOMAIN === '' || !request.headers.host) return '';
  const host = request.headers.host.value.toLowerCase().replace(/:\\d+$/, '');
  const suffix = '.' + PREVIEW_DOMAIN;
  if (host.length <= suffix.length || host.slice(-suffix.length) !== suffix) return '';
  const label = host.slice(0, -suffix.length);
  return /^[a-z0-9-]+$/.test(label) ? label : '';
}

// The root of the site a path belongs to: a preview's own folder, or /.
function siteRoot(uri) {
  if (PREVIEW_ROOT === '' || uri.indexOf(PREVIEW_ROOT) !== 0) return '/';
  const rest = uri.slice(PREVIEW_ROOT.length);
  if (rest === '') return '/';
  const slash = rest.indexOf('/');
  return slash === -1 ? PREVIEW_ROOT + rest + '/' : PREVIEW_ROOT + rest.slice(0, slash + 1);
}

function handler(event) {
  const request = event.request;
  if (isPrivate(request.uri)) {
    return { statusCode: 404, statusDescription: 'Not Found', headers: {} };
  }
  const wellKnown = request.uri.indexOf('/.well-known/') === 0;
  const label = previewLabel(request);
  if (label !== '') {
    // each preview host is its own site: the rewritten URI keeps its cache entries apart
    request.uri = PREVIEW_ROOT + label + request.uri;
  }
  const uri = request.uri;
  if (wellKnown) {
    return request;
  }
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') !== -1) {
    // a file: served as is, so that a missing asset is a 404 and never the app shell
    return request;
  }
  if (SPA) {
    request.uri = siteRoot(uri) + 'index.html';
  } else if (PRETTY_URLS) {
    request.uri = last === '' ? uri + 'index.html' : uri + '/index.html';
  }
  return request;
}
`;
function literal(text) {
  let out = "";
  for (const c of text) {
    const code = c.charCodeAt(0);
    const unsafe = c === "'" || c === "\\" || code < 32 || code === 127 || code === 8232 || code === 8233;
    out += unsafe ? `\\u${code.toString(16).padStart(4, "0")}` : c;
  }
  return `'${out}'`;
}
function viewerRequestCode(options) {
  return TEMPLATE.replace("__PRETTY_URLS__", () => String(options.prettyUrls === true)).replace("__SPA__", () => String(options.spa === true)).replace("__STATE_DIR__", () => literal(STATE_DIR)).replace(
    "__PREVIEW_ROOT__",
    () => literal(options.previewRoot ? `/${options.previewRoot}/` : "")
  ).replace("__PREVIEW_DOMAIN__", () => literal(options.previewDomain ?? ""));
}
function viewerRequestComment(options) {
  const previews = options.previewDomain ? `, previews at *.${options.previewDomain}` : "";
  return fitComment(
    `${FUNCTION_COMMENT_PREFIX}request (pretty-urls: ${options.prettyUrls}, spa: ${options.spa}${previews})`
  );
}
function viewerResponseComment() {
  return fitComment(`${FUNCTION_COMMENT_PREFIX}response (noindex on previews)`);
}
var FUNCTION_COMMENT_PREFIX = "cdn-publish viewer ";
function isOwnFunctionName(name) {
  return /^cdn-publish-[0-9a-f]{8}$/.test(name);
}
function viewerResponseCode(options) {
  return `// cdn-publish viewer-response function (cloudfront-js-2.0). Generated: do not edit.
const PREVIEW_ROOT = ${literal(`/${options.previewRoot}/`)};
const PREVIEW_DOMAIN = ${literal(options.previewDomain ?? "")};

function handler(event) {
  const request = event.request;
  const response = event.response;
  const host = request.headers.host ? request.headers.host.value.toLowerCase().replace(/:\\d+$/, '') : '';
  const byHost = PREVIEW_DOMAIN !== '' && host.slice(-(PREVIEW_DOMAIN.length + 1)) === '.' + PREVIEW_DOMAIN;
  if (byHost || request.uri.indexOf(PREVIEW_ROOT) === 0) {
    response.headers['x-robots-tag'] = { value: 'noindex, nofollow' };
  }
  return response;
}
`;
}
function viewerRequestName(code) {
  const digest = createHash3("sha256").update(code, "utf8").digest("hex");
  return `cdn-publish-${digest.slice(0, 8)}`;
}

// src/cloudfront/site-functions.ts
var STATUS_META = "x-amz-meta-cdn-publish-status";
var NOT_FOUND_COPY = `${STATE_DIR}/404.html`;
var COMMON = `const STORE = cf.kvs(__STORE__);
const BUILDS = __BUILDS__;
const PREVIEW_ROOT = __PREVIEW_ROOT__;
const PREVIEW_DOMAIN = __PREVIEW_DOMAIN__;

function sha(text) {
  return crypto.createHash('sha256').update(text).digest('hex');
}

// The preview label of a host under the preview domain (pr-42.preview.example.com -> pr-42), or ''.
function hostLabel(request) {
  if (PREVIEW_DOMAIN === '' || !request.headers.host) return '';
  const host = request.headers.host.value.toLowerCase().replace(/:\\d+$/, '');
  const suffix = '.' + PREVIEW_DOMAIN;
  if (host.length <= suffix.length || host.slice(-suffix.length) !== suffix) return '';
  const label = host.slice(0, -suffix.length);
  return /^[a-z0-9-]+$/.test(label) ? label : '';
}

// Where a viewer's URI belongs: the site root in the bucket, the root the viewer sees, the path below.
function site(request) {
  const label = hostLabel(request);
  const uri = request.uri;
  if (label !== '') return { root: '/' + PREVIEW_ROOT + '/' + label + '/', seen: '', rest: uri.slice(1) };
  const start = '/' + PREVIEW_ROOT + '/';
  if (PREVIEW_ROOT !== '' && uri.indexOf(start) === 0) {
    const slash = uri.indexOf('/', start.length);
    if (slash !== -1) {
      const root = uri.slice(0, slash + 1);
      return { root: root, seen: uri.slice(0, slash), rest: uri.slice(slash + 1) };
    }
    // /previews/pr-42 without its slash: that preview, which adds it
    if (/^[A-Za-z0-9-]+$/.test(uri.slice(start.length)))
      return { root: uri + '/', seen: uri, rest: '', bare: true };
  }
  return { root: '/', seen: '', rest: uri.slice(1) };
}

async function read(key) {
  try {
    return await STORE.get(key);
  } catch (e) {
    return null;
  }
}

// The site's meta ({g: generation, b: shard bits, n: has a not-found page, r/h: rule chunks; with an
// atomic deploy a: the live build, s: where its data is}), or null. home: where its files are.
async function meta(root) {
  const ns = sha(root).slice(0, 16);
  const text = await read(ns + '.m');
  if (text === null) return null;
  try {
    const m = JSON.parse(text);
    const live = typeof m.a === 'string' && /^[A-Za-z0-9-]+$/.test(m.a);
    m.prefix = (live ? m.s : ns) + '.' + m.g + '.';
    m.home = live ? '/' + BUILDS + '/' + m.a + '/' : root;
    return m;
  } catch (e) {
    return null;
  }
}

// Rules stored in chunks (each value is at most 1 KB), as one JSON array; null when one is missing.
async function chunks(m, letter, count) {
  let text = '';
  for (let i = 0; i < count; i++) {
    const part = await read(m.prefix + letter + i);
    if (part === null) return null;
    text += part;
  }
  return count === 0 ? [] : JSON.parse(text);
}

// Path segments, without empty ones: '/a//b/' -> ['a', 'b'].
function segments(path) {
  return path.split('/').filter(function (s) { return s !== ''; });
}

function unescaped(text) {
  try {
    return decodeURIComponent(text);
  } catch (e) {
    return text;
  }
}

// Match a _redirects pattern (':name' one segment, a final '*' the rest; literals compared decoded)
// against a path as sent; the values (as sent) or null. Trailing slashes do not count (Netlify's rule).
function match(pattern, path) {
  const want = segments(pattern);
  const have = segments(path);
  const splat = want.length > 0 && want[want.length - 1] === '*';
  const n = splat ? want.length - 1 : want.length;
  if (splat ? have.length < n : have.length !== n) return null;
  const values = Object.create(null);
  for (let i = 0; i < n; i++) {
    const w = want[i];
    if (w.charAt(0) === ':') values[w.slice(1)] = have[i];
    else if (unescaped(w) !== unescaped(have[i])) return null;
  }
  if (splat) values.splat = have.slice(n).join('/');
  return values;
}
`;
var REQUEST = `// cdn-publish viewer-request function, site behaviour (cloudfront-js-2.0). Generated: do not edit.
import cf from 'cloudfront';
import crypto from 'crypto';
const SPA = __SPA__;
const PRETTY_URLS = __PRETTY_URLS__;
const STATE_DIR = __STATE_DIR__;
${COMMON}
function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch (e) {
    return null;
  }
}

// A file's flags in the site's index (1 a file, 2 a .br sibling, 4 a .gz one); 0 none; -1 unknown.
async function flags(m, path) {
  const hash = sha(path);
  const shard = m.b === 0 ? 0 : parseInt(hash.slice(0, 4), 16) >>> (16 - m.b);
  const value = await read(m.prefix + shard.toString(16));
  if (value === null) return -1;
  const id = hash.slice(4, 16);
  let lo = 0;
  let hi = Math.floor(value.length / 13) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const record = value.slice(mid * 13, mid * 13 + 12);
    if (record === id) return parseInt(value.charAt(mid * 13 + 12), 16);
    if (record < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

// The same path, whatever its escapes, trailing slash and query.
function same(a, b) {
  const norm = function (p) { return unescaped(p.split('?')[0]).replace(/\\/+$/, ''); };
  return norm(a) === norm(b);
}

function query(request) {
  const parts = [];
  const names = Object.keys(request.querystring);
  for (let i = 0; i < names.length; i++) {
    const entry = request.querystring[names[i]];
    const values = entry.multiValue ? entry.multiValue : [entry];
    for (let j = 0; j < values.length; j++)
      parts.push(values[j].value === '' ? names[i] : names[i] + '=' + values[j].value);
  }
  return parts.join('&');
}

function redirect(status, location) {
  return {
    statusCode: status,
    statusDescription: status === 301 ? 'Moved Permanently' : status === 302 ? 'Found' : status === 303 ? 'See Other' : status === 307 ? 'Temporary Redirect' : 'Permanent Redirect',
    headers: { location: { value: location }, 'cache-control': { value: 'no-cache' } }
  };
}

function notFound() {
  return {
    statusCode: 404,
    statusDescription: 'Not Found',
    headers: { 'content-type': { value: 'text/plain; charset=utf-8' }, 'cache-control': { value: 'no-cache' } },
    body: { encoding: 'text', data: 'Not Found\\n' }
  };
}

// A key as a URI path, escaped as the invalidations escape it (core/invalidation.ts encodeSegment: the
// rewritten URI is the cache key): '?', '#', '%' and '*' escaped, sub-delims, ':' and '@' kept.
function encoded(path) {
  return path.split('/').map(function (segment) {
    return encodeURIComponent(segment)
      .replace(/%(24|26|2B|2C|3B|3D|3A|40)/g, function (all) { return decodeURIComponent(all); })
      .replace(/\\*/g, '%2A');
  }).join('/');
}

// Whether the viewer takes an encoding (a q of 0 refuses it).
function takes(accepts, name) {
  const parts = accepts.split(',');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i].trim().split(';');
    if (p[0].trim() !== name) continue;
    const q = /q=([0-9.]+)/.exec(parts[i]);
    return !q || parseFloat(q[1]) > 0;
  }
  return false;
}

// Without site data for the path (a release, a deploy nested in the site, one not written yet): what
// the plain function does, directory URLs to their index.html and SPA routes to the app.
function plain(request, s) {
  const uri = s.root + s.rest;
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  if (uri.indexOf('/.well-known/') !== -1 || last.indexOf('.') !== -1 || (!SPA && !PRETTY_URLS))
    request.uri = uri;
  else if (SPA) request.uri = s.root + 'index.html';
  else request.uri = last === '' ? uri + 'index.html' : uri + '/index.html';
  return request;
}

function isPrivate(path) {
  return path.split('/').indexOf(STATE_DIR) !== -1;
}

// Serve a file of the site: its precompressed sibling when the viewer takes it.
function serve(request, root, path, f) {
  let uri = root + path;
  const header = request.headers['accept-encoding'];
  const accepts = header ? header.value.toLowerCase() : '';
  if (f & 2 && takes(accepts, 'br')) uri += '.br';
  else if (f & 4 && takes(accepts, 'gzip')) uri += '.gz';
  request.uri = encoded(uri);
  return request;
}

// The path resolved to a file: itself, its directory's index.html; a redirect to add the slash.
async function resolve(request, s, m, path, qs) {
  if (path === '' || path.slice(-1) === '/') {
    const index = path + 'index.html';
    const f = await flags(m, index);
    return f > 0 ? serve(request, m.home, index, f) : f;
  }
  const f = await flags(m, path);
  if (f !== 0) return f > 0 ? serve(request, m.home, path, f) : f;
  const index = await flags(m, path + '/index.html');
  if (index > 0) return redirect(301, s.seen + '/' + encoded(path) + '/' + (qs === '' ? '' : '?' + qs));
  return index;
}

async function handler(event) {
  const request = event.request;
  const path0 = decoded(request.uri);
  if (path0 === null || isPrivate(path0)) return path0 === null ? request : notFound();
  const s = site(request);
  const qs = query(request);
  if (s.bare) return redirect(301, s.seen + '/' + (qs === '' ? '' : '?' + qs));
  const m = await meta(s.root);
  if (m === null) return plain(request, s);
  const path = decoded(s.rest);
  const rules = m.r > 0 ? await chunks(m, 'r', m.r) : [];
  for (let i = 0; rules !== null && i < rules.length; i++) {
    const rule = rules[i];
    const values = match(rule[0], s.rest);
    if (values === null) continue;
    let to = rule[1].replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, function (all, name) {
      return values[name] !== undefined ? values[name] : all;
    });
    if (to.charAt(0) === '/') {
      // a value of '/evil.example' must not make a protocol-relative URL; a rule onto itself is skipped
      to = to.replace(/^\\/[\\/\\\\]+/, '/');
      if (same(to, '/' + s.rest)) continue;
    }
    if (!rule[3]) {
      // the first matching rule decides: an existing file wins over it unless it is forced (Netlify)
      const shadow = await resolve(request, s, m, path, qs);
      if (typeof shadow === 'object') return shadow;
    }
    const hash = to.indexOf('#');
    const fragment = hash === -1 ? '' : to.slice(hash);
    if (hash !== -1) to = to.slice(0, hash);
    const own = to.indexOf('?');
    if (qs !== '' && (own === -1 || own === to.length - 1)) to += (own === -1 ? '?' : '') + qs;
    to += fragment;
    if (rule[2] !== 200) return redirect(rule[2], /^https?:\\/\\//i.test(to) ? to : s.seen + to);
    const target = decoded(to.split('?')[0].slice(1));
    const rewritten = target === null ? 0 : await resolve(request, s, m, target, qs);
    if (typeof rewritten === 'object') return rewritten;
    break;
  }
  const found = await resolve(request, s, m, path, qs);
  if (typeof found === 'object') return found;
  if (found < 0) {
    request.uri = encoded(m.home + path);
    return request;
  }
  // an atomic site: an asset of the previous build (an old page's chunk) is served from it; a page
  // that left the build is not
  const leaf = path.slice(path.lastIndexOf('/') + 1);
  if (m.home !== s.root && m.q && /^[A-Za-z0-9-]+$/.test(m.v) && leaf.indexOf('.') > 0 && !/\\.html?$/i.test(leaf)) {
    const before = { prefix: sha('/' + BUILDS + '/' + m.v + '/').slice(0, 16) + '.' + m.q.g + '.', b: m.q.b };
    const old = await flags(before, path);
    if (old > 0) return serve(request, '/' + BUILDS + '/' + m.v + '/', path, old);
  }
  // a deploy of its own inside the site (a release): served as the plain function serves it
  for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) {
    const nested = await flags(m, path.slice(0, at + 1));
    if (nested > 0 && nested & 8) return plain(request, s);
  }
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (SPA && last.indexOf('.') === -1) {
    const app = await flags(m, 'index.html');
    if (app > 0) return serve(request, m.home, 'index.html', app);
  }
  if (m.n) {
    request.uri = encoded(m.home + STATE_DIR + '/404.html');
    return request;
  }
  return notFound();
}
`;
var RESPONSE = `// cdn-publish viewer-response function, site behaviour (cloudfront-js-2.0). Generated: do not edit.
import cf from 'cloudfront';
import crypto from 'crypto';
const STATUS_META = __STATUS_META__;
${COMMON}
// Compressible types: a response of one may differ by Accept-Encoding (a sibling, or CloudFront's own).
const COMPRESSIBLE = /^(text\\/|application\\/(javascript|json|xml|wasm|manifest\\+json|[a-z.+-]*\\+xml)|image\\/svg|font\\/)/;

async function handler(event) {
  const request = event.request;
  const response = event.response;
  const headers = response.headers;
  if (headers[STATUS_META]) {
    if (headers[STATUS_META].value === '404') {
      response.statusCode = 404;
      response.statusDescription = 'Not Found';
    }
    delete headers[STATUS_META];
  }
  const type = headers['content-type'] ? headers['content-type'].value : '';
  if (COMPRESSIBLE.test(type) && !headers.vary) headers.vary = { value: 'Accept-Encoding' };
  const s = site(request);
  if (s.root !== '/') headers['x-robots-tag'] = { value: 'noindex, nofollow' };
  const m = await meta(s.root);
  if (m === null || !m.h) return response;
  const rules = await chunks(m, 'h', m.h);
  const path = '/' + s.rest;
  for (let i = 0; rules !== null && i < rules.length; i++) {
    if (!new RegExp(rules[i][0], 'i').test(path)) continue;
    const set = rules[i][1];
    for (let j = 0; j < set.length; j++) headers[set[j][0]] = { value: set[j][1] };
  }
  return response;
}
`;
function compact(code) {
  const [first, ...rest] = code.split("\n");
  return [
    first,
    ...rest.map((line) => line.trimStart()).filter((line) => line !== "" && !line.startsWith("//"))
  ].join("\n") + "\n";
}
function fill(template, options) {
  return compact(template).replace("__STORE__", () => literal(options.storeId)).replace("__BUILDS__", () => literal(BUILDS_DIR)).replace("__SPA__", () => String(options.spa)).replace("__PRETTY_URLS__", () => String(options.prettyUrls)).replace("__STATE_DIR__", () => literal(STATE_DIR)).replace("__STATUS_META__", () => literal(STATUS_META)).replace("__PREVIEW_ROOT__", () => literal(options.previewRoot)).replace("__PREVIEW_DOMAIN__", () => literal(options.previewDomain ?? ""));
}
function siteRequestCode(options) {
  return fill(REQUEST, options);
}
function siteResponseCode(options) {
  return fill(RESPONSE, options);
}

// src/cloudfront/signing.ts
import { createHash as createHash4, createPrivateKey, createPublicKey } from "node:crypto";
function splitPems(text) {
  const blocks = text.replace(/\r\n/g, "\n").match(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g) ?? [];
  return blocks.map((b) => b.trim());
}
function publicKeyProblem(pem) {
  let key;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    return `it is not a PEM public key (${error.message})`;
  }
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === "rsa" && details?.modulusLength === 2048) return void 0;
  if (key.asymmetricKeyType === "ec" && details?.namedCurve === "prime256v1") return void 0;
  return `CloudFront takes RSA 2048-bit or ECDSA P-256 public keys; this one is ${key.asymmetricKeyType}${details?.modulusLength ? ` ${details.modulusLength}-bit` : ""}`;
}
function canonicalPublicKey(pem) {
  return createPublicKey(pem).export({ type: "spki", format: "pem" }).toString().trim();
}
function privateKeyProblem(pem, publicKeys) {
  let key;
  try {
    key = createPrivateKey(pem);
  } catch {
    return "it is not a PEM private key (PKCS#1 or PKCS#8), or it needs a passphrase";
  }
  const matching = canonicalPublicKey(
    createPublicKey(key).export({ type: "spki", format: "pem" }).toString()
  );
  if (publicKeys.length > 0 && !publicKeys.some((p) => canonicalPublicKey(p) === matching))
    return "it does not belong to any key in public-key";
  return void 0;
}
function publicKeyOf(privatePem) {
  return canonicalPublicKey(
    createPublicKey(createPrivateKey(privatePem)).export({ type: "spki", format: "pem" }).toString()
  );
}
function shortHash(text) {
  return createHash4("sha256").update(text).digest("hex").slice(0, 12);
}
var MAX_PUBLIC_KEYS_PER_KEY_GROUP = 5;
function checkPublicKeyCount(count) {
  if (count <= MAX_PUBLIC_KEYS_PER_KEY_GROUP) return void 0;
  return `a CloudFront key group holds at most ${MAX_PUBLIC_KEYS_PER_KEY_GROUP} public keys, and ${count} are given: keep the keys that sign (the new one and the one being rotated out)`;
}
var OWN_KEY_NAME = /^cdn-publish-[0-9a-f]{12}$/;
function isOwnKeyName(name) {
  return OWN_KEY_NAME.test(name);
}
function publicKeyName(pem) {
  return `cdn-publish-${shortHash(canonicalPublicKey(pem))}`;
}
function keyGroupName(publicKeyIds) {
  return `cdn-publish-${shortHash([...publicKeyIds].sort().join(","))}`;
}

export {
  FREE_PATHS_PER_MONTH,
  urlPathOf,
  planInvalidation,
  estimatedCostUsd,
  tagValue,
  tagText,
  fitComment,
  markedComment,
  VALUE_MAX,
  storeName,
  namespaceOf,
  BUILD_ID,
  generationKeys,
  parseMeta,
  siteEntries,
  generationOf,
  viewerRequestCode,
  viewerRequestComment,
  viewerResponseComment,
  FUNCTION_COMMENT_PREFIX,
  isOwnFunctionName,
  viewerResponseCode,
  viewerRequestName,
  NOT_FOUND_COPY,
  siteRequestCode,
  siteResponseCode,
  splitPems,
  publicKeyProblem,
  canonicalPublicKey,
  privateKeyProblem,
  publicKeyOf,
  checkPublicKeyCount,
  isOwnKeyName,
  publicKeyName,
  keyGroupName
};
//# sourceMappingURL=chunk-7ZRWE6YC.js.map

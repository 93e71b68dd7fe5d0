/**
 * The viewer functions of site behaviour (cloudfront-js-2.0): real 404s, trailing-slash redirects,
 * `_redirects`, `_headers` and precompressed siblings, driven by what the deploy wrote to the
 * distribution's KeyValueStore (cloudfront/site-store.ts lays it out). This module only builds the
 * source text; the tests run it in node:vm against a store in memory, and the strict layer's edge runs
 * it as CloudFront would.
 *
 * Per site root (`/`, or a preview's `/previews/pr-1/`) the store holds `<ns>.m`, a small JSON naming
 * the current generation, and that generation's shards and rule chunks (`<ns>.<gen>.<n>`,
 * `<ns>.<gen>.r<i>`, `<ns>.<gen>.h<i>`). A deploy writes a new generation, then the meta: an edge reads
 * either the old site's data or the new one's, never a mix of a new meta with missing shards (a read
 * that finds nothing falls back to serving the path as it is).
 */
import { BUILDS_DIR, STATE_DIR } from '../core/keys.js'
import { literal } from './viewer-request.js'

export interface SiteFunctionOptions {
  /** The KeyValueStore's id (the last part of its ARN), which the code names. */
  storeId: string
  spa: boolean
  /** Where the site has no data (a release): directory URLs to their index.html, as the plain function. */
  prettyUrls: boolean
  /** The preview root as the viewer sees it (`previews`), or '' without previews. */
  previewRoot: string
  previewDomain: string | undefined
}

/** The object metadata that turns a response into a 404 (the site's not-found page copy carries it). */
export const STATUS_META = 'x-amz-meta-cdn-publish-status'
/** Where a site's not-found page is copied, under its root: inside the state directory, so viewers never reach it directly. */
export const NOT_FOUND_COPY = `${STATE_DIR}/404.html`

/** Parts both functions share: the site root of a request and the store's keys. */
const COMMON = `const STORE = cf.kvs(__STORE__);
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
`

const REQUEST = `// cdn-publish viewer-request function, site behaviour (cloudfront-js-2.0). Generated: do not edit.
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
`

const RESPONSE = `// cdn-publish viewer-response function, site behaviour (cloudfront-js-2.0). Generated: do not edit.
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
`

/**
 * The source as published: comment lines and indentation left out, so that the request function stays
 * well within CloudFront's 10 KB (it is 40% smaller so). The code has no multi-line strings, so a
 * line's leading spaces are never part of a value.
 */
function compact(code: string): string {
  const [first, ...rest] = code.split('\n')
  return (
    [
      first,
      ...rest
        .map((line) => line.trimStart())
        .filter((line) => line !== '' && !line.startsWith('//')),
    ].join('\n') + '\n'
  )
}

function fill(template: string, options: SiteFunctionOptions): string {
  return compact(template)
    .replace('__STORE__', () => literal(options.storeId))
    .replace('__BUILDS__', () => literal(BUILDS_DIR))
    .replace('__SPA__', () => String(options.spa))
    .replace('__PRETTY_URLS__', () => String(options.prettyUrls))
    .replace('__STATE_DIR__', () => literal(STATE_DIR))
    .replace('__STATUS_META__', () => literal(STATUS_META))
    .replace('__PREVIEW_ROOT__', () => literal(options.previewRoot))
    .replace('__PREVIEW_DOMAIN__', () => literal(options.previewDomain ?? ''))
}

/** The viewer-request function's source; the same options always give the same bytes. */
export function siteRequestCode(options: SiteFunctionOptions): string {
  return fill(REQUEST, options)
}

/** The viewer-response function's source. */
export function siteResponseCode(options: SiteFunctionOptions): string {
  return fill(RESPONSE, options)
}

// Deterministic synthetic static sites for the benchmark: the same seed and size always give the same
// keys, sizes and bytes. Content is sliced from one pseudo-random pool (mulberry32), with a per-file
// header line, so every file (and every version of a file) has its own MD5 and nothing compresses.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export const MiB = 1024 * 1024

/** mulberry32: a tiny, fast, seedable 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** FNV-1a over a string: a stable 32-bit number per (key, version, chunk). */
function fnv1a(text) {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

const POOL_SIZE = 32 * MiB
const pools = new Map()

/** The random byte pool for a seed (built once: 32 MiB from mulberry32). */
function pool(seed) {
  let buffer = pools.get(seed)
  if (buffer) return buffer
  const random = mulberry32(seed ^ 0x5eed)
  const words = new Uint32Array(POOL_SIZE / 4)
  for (let i = 0; i < words.length; i++) words[i] = (random() * 4294967296) >>> 0
  buffer = Buffer.from(words.buffer)
  pools.set(seed, buffer)
  return buffer
}

/** The kinds of file a build emits, with their share of the file count and size range (bytes). */
const MIX = [
  { kind: 'html', share: 0.1, min: 4_000, max: 80_000 },
  { kind: 'js', share: 0.28, min: 1_000, max: 200_000 },
  { kind: 'css', share: 0.06, min: 1_000, max: 60_000 },
  { kind: 'img', share: 0.22, min: 4_000, max: 300_000 },
  { kind: 'img-fp', share: 0.11, min: 4_000, max: 300_000 },
  { kind: 'icon', share: 0.08, min: 300, max: 8_000 },
  { kind: 'font', share: 0.03, min: 15_000, max: 120_000 },
  { kind: 'data', share: 0.08, min: 200, max: 30_000 },
  { kind: 'map', share: 0.04, min: 2_000, max: 400_000 },
]

const WORDS = [
  'index',
  'vendor',
  'runtime',
  'polyfills',
  'main',
  'router',
  'layout',
  'header',
  'footer',
  'search',
  'pricing',
  'account',
  'checkout',
  'product',
  'gallery',
  'editor',
  'charts',
  'calendar',
  'profile',
  'settings',
  'billing',
  'dashboard',
  'auth',
  'markdown',
  'player',
  'comments',
  'analytics',
  'modal',
]
const IMAGE_WORDS = ['photo', 'hero', 'banner', 'avatar', 'cover', 'thumb', 'screenshot', 'diagram']
const IMAGE_TYPES = ['jpg', 'png', 'webp', 'avif']
const FONT_FAMILIES = ['inter', 'roboto', 'firasans', 'sourceserif', 'jetbrainsmono']

/**
 * Sizes: `1.5k` (1,500 files, 2 over the 16 MiB multipart threshold) and `10k` (10,000 files, 3 over
 * it), the sizes of issue 17's interleaved run (bench/interleaved.mjs); `3k` (3,000 files, 3 over the
 * threshold), `30k` (30,000 files, same 3), `large` (300 files, 5 of them 50-100 MB); `smoke` (200
 * files, 1 over the threshold) to try the harness out.
 */
export const SIZES = {
  smoke: { files: 200, big: 1, bigMin: 17 * MiB, bigMax: 18 * MiB, bigKind: 'zip' },
  '1.5k': { files: 1500, big: 2, bigMin: 17 * MiB, bigMax: 30 * MiB, bigKind: 'zip' },
  '10k': { files: 10_000, big: 3, bigMin: 17 * MiB, bigMax: 30 * MiB, bigKind: 'zip' },
  '3k': { files: 3000, big: 3, bigMin: 17 * MiB, bigMax: 30 * MiB, bigKind: 'zip' },
  '30k': { files: 30_000, big: 3, bigMin: 17 * MiB, bigMax: 30 * MiB, bigKind: 'zip' },
  large: { files: 300, big: 5, bigMin: 50_000_000, bigMax: 100_000_000, bigKind: 'mp4' },
}

function logUniform(random, min, max) {
  return Math.round(Math.exp(Math.log(min) + random() * (Math.log(max) - Math.log(min))))
}

/** An 8-character lower-case hex token with at least two digits and one letter: a bundler's hash. */
function hashToken(random) {
  for (;;) {
    const token = Math.floor(random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0')
    const digits = token.replace(/\D/g, '').length
    if (digits >= 2 && digits < 8) return token
  }
}

const pad = (n) => String(n).padStart(4, '0')

/**
 * The site's file list: { key, size, kind, big }. Sorted by key.
 * @param {{ size?: keyof SIZES, seed?: number }} options
 */
export function buildSpec({ size = '3k', seed = 1 } = {}) {
  const shape = SIZES[size]
  if (!shape)
    throw new Error(`unknown site size ${size} (expected ${Object.keys(SIZES).join(', ')})`)
  const random = mulberry32(seed)
  const files = []
  const add = (key, bytes, kind, big = false) => files.push({ key, size: bytes, kind, big })
  // Fixed files every site has.
  add('index.html', 24_000, 'html')
  add('404.html', 6_000, 'html')
  add('robots.txt', 120, 'txt')
  add('sitemap.xml', 40_000, 'xml')
  add('manifest.webmanifest', 600, 'webmanifest')
  add('favicon.ico', 15_000, 'ico')
  for (let i = 0; i < shape.big; i++) {
    const name =
      shape.bigKind === 'mp4' ? `media/clip-${pad(i)}.mp4` : `downloads/release-${pad(i)}.zip`
    add(name, logUniform(random, shape.bigMin, shape.bigMax), 'big', true)
  }
  const rest = shape.files - files.length
  const counts = MIX.map((m) => Math.floor(m.share * rest))
  counts[1] += rest - counts.reduce((a, b) => a + b, 0)
  MIX.forEach((m, mi) => {
    for (let i = 0; i < counts[mi]; i++) {
      const bytes = logUniform(random, m.min, m.max)
      const word = WORDS[Math.floor(random() * WORDS.length)]
      let key
      switch (m.kind) {
        case 'html':
          key =
            i % 2 === 0
              ? `blog/post-${pad(i)}/index.html`
              : `docs/section-${pad(i % 40)}/${word}-${pad(i)}.html`
          break
        case 'js':
          key = `assets/js/${word}-${pad(i)}-${hashToken(random)}.js`
          break
        case 'css':
          key = `assets/css/${word}-${pad(i)}-${hashToken(random)}.css`
          break
        case 'map':
          key = `assets/js/${word}-${pad(i)}-${hashToken(random)}.js.map`
          break
        case 'img': {
          const ext = IMAGE_TYPES[Math.floor(random() * IMAGE_TYPES.length)]
          key = `img/${IMAGE_WORDS[i % IMAGE_WORDS.length]}-${pad(i)}.${ext}`
          break
        }
        case 'img-fp': {
          const ext = IMAGE_TYPES[Math.floor(random() * IMAGE_TYPES.length)]
          key = `assets/img/${IMAGE_WORDS[i % IMAGE_WORDS.length]}-${pad(i)}-${hashToken(random)}.${ext}`
          break
        }
        case 'icon':
          key = `icons/${word}-${pad(i)}.svg`
          break
        case 'font':
          key = `assets/fonts/${FONT_FAMILIES[i % FONT_FAMILIES.length]}-${pad(i)}-${hashToken(random)}.woff2`
          break
        case 'data':
          key = `data/${word}-${pad(i)}.json`
          break
      }
      add(key, bytes, m.kind)
    }
  })
  files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  for (let i = 1; i < files.length; i++)
    if (files[i].key === files[i - 1].key) throw new Error(`duplicate key ${files[i].key}`)
  return { size, seed, files, bytes: files.reduce((s, f) => s + f.size, 0) }
}

const CHUNK = 4 * MiB

/** The bytes of one version of a file, as a sequence of Buffers (slices of the pool; never copied). */
export function* contentChunks(spec, file, version) {
  const bytes = pool(spec.seed)
  const header = Buffer.from(`/* ${file.key} v${version} seed ${spec.seed} */\n`)
  let remaining = file.size
  const head = header.subarray(0, Math.min(header.length, remaining))
  yield head
  remaining -= head.length
  let index = 0
  while (remaining > 0) {
    const length = Math.min(remaining, CHUNK)
    const offset = fnv1a(`${file.key}#${version}#${index}`) % (bytes.length - length)
    yield bytes.subarray(offset, offset + length)
    remaining -= length
    index++
  }
}

/**
 * A site on disk: the spec, which version of each file is there, and the MD5 of each written version.
 */
export class Site {
  constructor(dir, spec) {
    this.dir = dir
    this.spec = spec
    this.byKey = new Map(spec.files.map((f) => [f.key, f]))
    /** key -> version on disk (absent: removed). */
    this.versions = new Map()
    /** `${key}#${version}` -> hex MD5. */
    this.md5s = new Map()
  }

  /** Write one version of a file (and remember its MD5). */
  writeFile(file, version) {
    const full = path.join(this.dir, ...file.key.split('/'))
    fs.mkdirSync(path.dirname(full), { recursive: true })
    const hash = createHash('md5')
    const fd = fs.openSync(full, 'w')
    try {
      for (const chunk of contentChunks(this.spec, file, version)) {
        hash.update(chunk)
        let written = 0
        while (written < chunk.length) written += fs.writeSync(fd, chunk, written)
      }
    } finally {
      fs.closeSync(fd)
    }
    this.md5s.set(`${file.key}#${version}`, hash.digest('hex'))
    this.versions.set(file.key, version)
  }

  /** Write every file at version 0 into an empty directory. */
  writeAll() {
    fs.rmSync(this.dir, { recursive: true, force: true })
    fs.mkdirSync(this.dir, { recursive: true })
    for (const file of this.spec.files) this.writeFile(file, 0)
  }

  /** The files as they are now: key -> { size, md5, file }. */
  expected() {
    const out = new Map()
    for (const [key, version] of this.versions) {
      const file = this.byKey.get(key)
      out.set(key, { size: file.size, md5: this.md5s.get(`${key}#${version}`), file, version })
    }
    return out
  }

  /** Deterministic choice of `fraction` of the present files, seeded by `salt`. */
  pick(fraction, salt) {
    const present = [...this.versions.keys()].sort()
    const count = Math.max(1, Math.round(present.length * fraction))
    const random = mulberry32(this.spec.seed * 7919 + salt)
    const chosen = new Set()
    for (let guard = 0; chosen.size < count && guard < count * 100; guard++)
      chosen.add(present[Math.floor(random() * present.length)])
    return [...chosen].sort().map((key) => this.byKey.get(key))
  }

  /** Change the content of 1% (by default) of the files: same size, new bytes. Returns them. */
  change(fraction = 0.01, salt = 1) {
    const files = this.pick(fraction, salt)
    for (const file of files) this.writeFile(file, (this.versions.get(file.key) ?? 0) + 1)
    return files
  }

  /** Remove 10% (by default) of the files. Returns them. */
  remove(fraction = 0.1, salt = 2) {
    const files = this.pick(fraction, salt)
    for (const file of files) {
      fs.rmSync(path.join(this.dir, ...file.key.split('/')))
      this.versions.delete(file.key)
    }
    return files
  }

  /** Give every file a new modification time (now), bytes unchanged: a rebuild of the same sources. */
  touchAll() {
    const now = new Date()
    for (const key of this.versions.keys())
      fs.utimesSync(path.join(this.dir, ...key.split('/')), now, now)
  }

  /** Put every file back at version 0 (after a scenario chain). */
  restore() {
    for (const file of this.spec.files) {
      if (this.versions.get(file.key) !== 0) this.writeFile(file, 0)
    }
  }
}

/** Content types cdn-publish is expected to give (mime-types plus `; charset=utf-8` for text). */
const TYPES = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  webmanifest: 'application/manifest+json; charset=utf-8',
  ico: 'image/vnd.microsoft.icon',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  woff2: 'font/woff2',
  zip: 'application/zip',
  mp4: 'video/mp4',
}

/** The cache rule the scenarios set and then change (one rule: the JSON data files). */
export const CACHE_RULE_GLOB = 'data/**'

/**
 * The headers cdn-publish should give a key: its built-in rules (metadata `no-cache`, fingerprinted
 * names immutable, the rest an hour) with one configured rule for data/**.
 */
export function expectedHeaders(key, dataCacheControl) {
  const ext = key.slice(key.lastIndexOf('.') + 1)
  const contentType = TYPES[ext] ?? 'application/octet-stream'
  let cacheControl
  if (key.startsWith('data/') && dataCacheControl) cacheControl = dataCacheControl
  else if (/\.(html|webmanifest)$/.test(key) || key === 'robots.txt' || key === 'sitemap.xml')
    cacheControl = 'no-cache'
  else if (key.startsWith('assets/')) cacheControl = 'public, max-age=31536000, immutable'
  else cacheControl = 'public, max-age=3600'
  return { contentType, cacheControl }
}

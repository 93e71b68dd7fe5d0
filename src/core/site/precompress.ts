/**
 * Precompressed siblings (`precompress: br, gzip`): which files get a `.br` / `.gz` next to them, and
 * how the input reads. The edge serves a sibling when the viewer accepts its encoding (site-functions).
 * Pure.
 */
import { shown } from '../text.js'
import { PreflightError } from '../errors.js'

export type Encoding = 'br' | 'gzip'

/** The sibling's suffix for each encoding, as the viewer function appends it. */
export const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' }

/**
 * Below this, compression saves less than a packet and costs a request's worth of bookkeeping (the
 * issue's bound; CloudFront's own compression starts at 1,000 bytes).
 */
export const MIN_BYTES = 1024

/**
 * Types that compress well. Not woff/woff2 (compressed already), nor images other than SVG. Matched on
 * the Content-Type the action sends, without its parameters.
 */
const COMPRESSIBLE = new Set([
  'text/html',
  'text/css',
  'text/javascript',
  'application/javascript',
  'application/json',
  'application/manifest+json',
  'application/ld+json',
  'application/xml',
  'text/xml',
  'text/plain',
  'text/csv',
  'text/markdown',
  'image/svg+xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/wasm',
  'font/ttf',
  'font/otf',
  'application/vnd.ms-fontobject',
  'image/x-icon',
  'image/vnd.microsoft.icon',
])

/** Whether a file of this type and size gets siblings. */
export function compressible(contentType: string, size: number): boolean {
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase()
  return size > MIN_BYTES && COMPRESSIBLE.has(type)
}

/** The encodings `precompress` names, in the order the edge prefers them (br before gzip). */
export function parsePrecompress(value: string): Encoding[] {
  const text = value.trim().toLowerCase()
  if (text === '' || text === 'false' || text === 'off' || text === 'none') return []
  const found = new Set<Encoding>()
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    if (part === 'br' || part === 'brotli') found.add('br')
    else if (part === 'gzip' || part === 'gz') found.add('gzip')
    else
      throw new PreflightError(
        `Input 'precompress' has ${shown(value)}: ${shown(part)} is not an encoding. Use br, gzip, both (br, gzip), or false.`,
      )
  }
  return (['br', 'gzip'] as const).filter((e) => found.has(e))
}

/** One sibling to publish: its key, the file it compresses, and the build's own copy if it has one. */
export interface Sibling {
  key: string
  source: string
  encoding: Encoding
  /** The build has this sibling already (`app.js.br` beside `app.js`): published as it is. */
  own: boolean
}

/**
 * The siblings of a build: for each file whose type compresses and that is over MIN_BYTES, one per
 * encoding. A `.br` or `.gz` the build already has beside its file is that file's sibling.
 */
export function planSiblings(
  files: ReadonlyArray<{ key: string; size: number }>,
  typeOf: (key: string) => string,
  encodings: readonly Encoding[],
): Sibling[] {
  if (encodings.length === 0) return []
  const keys = new Set(files.map((f) => f.key))
  const siblings: Sibling[] = []
  for (const f of files) {
    if (isOwnSibling(f.key, keys)) continue
    if (!compressible(typeOf(f.key), f.size)) continue
    for (const encoding of encodings) {
      const key = f.key + SUFFIX[encoding]
      siblings.push({ key, source: f.key, encoding, own: keys.has(key) })
    }
  }
  return siblings
}

/** `app.js.br` beside `app.js`: a sibling the build made, not a file of its own. */
function isOwnSibling(key: string, keys: ReadonlySet<string>): boolean {
  for (const suffix of Object.values(SUFFIX))
    if (key.endsWith(suffix) && keys.has(key.slice(0, -suffix.length))) return true
  return false
}

/**
 * Reading one ListObjectsV2 answer (`<ListBucketResult>`): the keys with their ETag, size and time, and
 * where the next page starts. Written for speed: a no-op deploy of 30,000 files is 31 of these pages,
 * and the SDK's general XML parser spends ~25 ms on each; this scan takes a few.
 */

export interface ListedObject {
  key: string
  /** As sent, quotes included. */
  etag: string
  size: number
  lastModified: Date
}

export interface ListPage {
  objects: ListedObject[]
  isTruncated: boolean
  nextContinuationToken: string | undefined
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
}

/** XML character data to text: the five named entities and numeric references. */
export function decodeXmlText(text: string): string {
  const amp = text.indexOf('&')
  if (amp < 0) return text
  // Every ETag in a listing is `&quot;...&quot;`: no regular expression for those.
  if (amp === 0 && text.startsWith('&quot;') && text.indexOf('&', 6) === text.length - 6)
    if (text.endsWith('&quot;')) return `"${text.slice(6, -6)}"`
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10))
    return ENTITIES[name] ?? whole
  })
}

/**
 * A copy of a string cut from a page that does not keep the page alive. V8 makes a substring of 13 or
 * more characters a view of its parent, so one key kept from a listing would hold its whole ~250 kB page:
 * a 30,000-object listing held ~7 MB of XML for the whole run. Slicing a concatenation makes V8 copy
 * the characters into a string of their own first.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1)
}

/** A tag's three spellings, made once per tag: `<Key>`, `</Key>` and the empty `<Key/>`. */
interface Tag {
  name: string
  open: string
  close: string
  empty: string
}

function tag(name: string): Tag {
  return { name, open: `<${name}>`, close: `</${name}>`, empty: `<${name}/>` }
}
const KEY = tag('Key')
const SIZE = tag('Size')
const LAST_MODIFIED = tag('LastModified')
const ETAG = tag('ETag')
const IS_TRUNCATED = tag('IsTruncated')
const NEXT_TOKEN = tag('NextContinuationToken')

/** The text of the first `<tag>` between `from` and `to`, or undefined. */
function field(xml: string, t: Tag, from: number, to: number): string | undefined {
  const open = xml.indexOf(t.open, from)
  if (open < 0 || open >= to) {
    // An empty element (`<Key/>`) is an empty value.
    const empty = xml.indexOf(t.empty, from)
    return empty >= 0 && empty < to ? '' : undefined
  }
  const start = open + t.open.length
  const end = xml.indexOf(t.close, start)
  if (end < 0 || end > to) throw new Error(`ListObjectsV2: <${t.name}> is not closed`)
  return decodeXmlText(xml.slice(start, end))
}

/**
 * Parse a ListBucketResult document. Throws on anything that is not one (an error document, a cut-off
 * answer), so that a page is never taken for a shorter one.
 */
export function parseListPage(xml: string): ListPage {
  const root = xml.indexOf('<ListBucketResult')
  const close = xml.lastIndexOf('</ListBucketResult>')
  if (root < 0 || close < root)
    throw new Error(`ListObjectsV2: the answer is not a ListBucketResult: ${xml.slice(0, 120)}`)
  const objects: ListedObject[] = []
  let at = root
  let lastEnd = root
  for (;;) {
    const open = xml.indexOf('<Contents>', at)
    if (open < 0 || open > close) break
    const end = xml.indexOf('</Contents>', open)
    if (end < 0 || end > close) throw new Error('ListObjectsV2: <Contents> is not closed')
    const cut = field(xml, KEY, open, end)
    if (cut === undefined) throw new Error('ListObjectsV2: an entry has no <Key>')
    const key = detached(cut)
    const size = Number(field(xml, SIZE, open, end) ?? '0')
    const modified = field(xml, LAST_MODIFIED, open, end)
    const lastModified = modified ? new Date(modified) : new Date(0)
    if (!Number.isFinite(size) || Number.isNaN(lastModified.getTime()))
      throw new Error(`ListObjectsV2: the entry for ${JSON.stringify(key)} has a bad size or time`)
    const etag = field(xml, ETAG, open, end)
    objects.push({ key, etag: etag ? detached(etag) : '', size, lastModified })
    at = end + 11
    lastEnd = at
  }
  // The page's own fields come after the entries in S3's answers, but may come before in others'.
  const rest = (t: Tag) => field(xml, t, lastEnd, close) ?? field(xml, t, root, close)
  const truncated = rest(IS_TRUNCATED)
  return {
    objects,
    isTruncated: truncated === 'true',
    nextContinuationToken: rest(NEXT_TOKEN) || undefined,
  }
}

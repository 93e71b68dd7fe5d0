import { describe, expect, it } from 'vitest'
import { FILE, HAS_BR, MAX_RECORDS, buildIndex, lookup } from '../../../src/core/site/site-index.js'
import {
  VALUE_MAX,
  chunkText,
  generationKeys,
  parseMeta,
  siteEntries,
} from '../../../src/core/site/store-layout.js'

const paths = (n: number) =>
  Array.from({ length: n }, (_, i) => `assets/chunk-${i}.${i % 3 ? 'js' : 'css'}`)

describe('the site index', () => {
  it.each([0, 1, 40, 81, 1_500, 30_000])(
    '%i files: every one found with its flags, every shard within 1 KB',
    (n) => {
      const files = paths(n).map((path, i) => ({ path, flags: i % 2 ? FILE | HAS_BR : FILE }))
      const index = buildIndex(files)
      expect(index.shards).toHaveLength(2 ** index.bits)
      for (const shard of index.shards) expect(shard.length).toBeLessThanOrEqual(MAX_RECORDS * 13)
      for (const f of files) expect(lookup(index, f.path)).toBe(f.flags)
      // Near misses are not files.
      for (const f of files.slice(0, 200)) {
        expect(lookup(index, f.path + 'x')).toBe(0)
        expect(lookup(index, f.path.toUpperCase())).toBe(0)
      }
      if (n >= 1_500) expect(index.bits).toBeGreaterThan(4)
    },
  )

  it('the same files in any order give the same shards', () => {
    const files = paths(500).map((path) => ({ path, flags: FILE }))
    expect(buildIndex([...files].reverse())).toEqual(buildIndex(files))
  })
})

describe('the store layout', () => {
  it('chunks text by UTF-8 bytes, never splitting a character', () => {
    const text = 'é'.repeat(700) + '😀'.repeat(300) + 'a'.repeat(5)
    const chunks = chunkText(text)
    expect(chunks.join('')).toBe(text)
    for (const c of chunks) expect(Buffer.byteLength(c)).toBeLessThanOrEqual(VALUE_MAX)
    for (const c of chunks) expect(c).not.toMatch(/[\ud800-\udbff]$/)
  })

  it('a new generation for new content; the meta names it; values are never empty', () => {
    const index = buildIndex([{ path: 'index.html', flags: FILE }])
    const one = siteEntries({ root: '/', index, notFound: false, redirects: [], headers: [] })
    const two = siteEntries({
      root: '/',
      index,
      notFound: false,
      redirects: [['/a', '/b', 301, false]],
      headers: [],
    })
    expect(one.generation).not.toBe(two.generation)
    expect(JSON.parse(two.meta[1])).toMatchObject({ g: two.generation, r: 1, h: 0 })
    for (const [key, value] of [...two.entries, two.meta]) {
      expect(value.length).toBeGreaterThan(0)
      expect(Buffer.byteLength(key)).toBeLessThanOrEqual(512)
    }
    const preview = siteEntries({
      root: '/previews/pr-1/',
      index,
      notFound: false,
      redirects: [],
      headers: [],
    })
    expect(preview.ns).not.toBe(one.ns)
  })
})

describe('generations', () => {
  const data = (n: number) => ({
    root: '/',
    index: buildIndex(paths(n).map((path) => ({ path, flags: FILE }))),
    notFound: n % 2 === 1,
    redirects: [],
    headers: [],
  })
  it('a deploy keeps the previous generation and deletes the one before it, exactly its keys', () => {
    const first = siteEntries(data(100))
    expect(first.stale).toEqual([])
    const m1 = parseMeta(first.meta[1])!
    const second = siteEntries(data(200), m1)
    const m2 = parseMeta(second.meta[1])!
    expect(m2.p?.g).toBe(first.generation)
    expect(second.stale).toEqual([])
    const third = siteEntries(data(300), m2)
    expect(parseMeta(third.meta[1])!.p?.g).toBe(second.generation)
    expect(third.stale.sort()).toEqual(first.entries.map(([k]) => k).sort())
    expect(generationKeys(first.ns, m1).sort()).toEqual(first.entries.map(([k]) => k).sort())
    // The same site again: nothing new, nothing deleted, the previous one kept.
    const again = siteEntries(data(300), parseMeta(third.meta[1]))
    expect(again.generation).toBe(third.generation)
    expect(again.stale).toEqual([])
    expect(parseMeta(again.meta[1])!.p?.g).toBe(second.generation)
  })
  it.each(['', 'x', '{}', '{"g":"zz","b":1,"r":0,"h":0}', '{"g":"0123abcd","b":17,"r":0,"h":0}'])(
    'a meta this version did not write is none: %j',
    (text) => expect(parseMeta(text)).toBeUndefined(),
  )
})

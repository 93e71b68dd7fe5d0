// The listing (listObjects) against a fake ListObjectsV2 that pages as S3 does (1,000 keys, URL-encoded
// keys, StartAfter, continuation tokens) and can misbehave: ranges split at the state's keys, encoded
// keys compared decoded, thousands of keys, and continuations that go back, repeat or are missing.
import { describe, expect, it } from 'vitest'
import {
  decodeListedKey,
  listObjects,
  type FetchPage,
  type ListPage,
} from '../../src/s3/listing.js'
import { compareKeys } from '../../src/core/keys.js'

const PAGE = 1000

/** How S3 sends a key with encoding-type=url: percent-encoded, a space as `+`. */
function encodeAsS3(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+')
}

interface FakeOptions {
  /** Change a page before it is sent (its request, and the index of its first key). */
  tamper?: (page: ListPage, request: Parameters<FetchPage>[0], start: number) => ListPage
}

/**
 * A bucket of `keys` (full keys) behind one ListObjectsV2 under `prefix`: what it was asked, and the
 * most requests it had in flight at once.
 */
function fakeBucket(keys: readonly string[], prefix: string, options: FakeOptions = {}) {
  const sorted = [...keys].sort(compareKeys)
  const asked: Array<Parameters<FetchPage>[0]> = []
  let inFlight = 0
  let mostInFlight = 0
  const fetchPage: FetchPage = async (request) => {
    asked.push(request)
    inFlight++
    mostInFlight = Math.max(mostInFlight, inFlight)
    await new Promise((resolve) => setImmediate(resolve))
    inFlight--
    const under = sorted.filter((k) => k.startsWith(prefix))
    let start = 0
    if (request.ContinuationToken !== undefined) start = Number(request.ContinuationToken)
    else if (request.StartAfter !== undefined)
      start = under.findIndex((k) => compareKeys(k, request.StartAfter!) > 0)
    if (start < 0) start = under.length
    const slice = under.slice(start, start + PAGE)
    const isTruncated = start + PAGE < under.length
    const page: ListPage = {
      objects: slice.map((key, i) => ({
        key: encodeAsS3(key),
        etag: `"${(start + i).toString(16).padStart(32, '0')}"`,
        size: key.length,
        lastModified: new Date(0),
      })),
      isTruncated,
      nextContinuationToken: isTruncated ? String(start + PAGE) : undefined,
    }
    return options.tamper ? options.tamper(page, request, start) : page
  }
  return {
    fetchPage,
    asked,
    get mostInFlight() {
      return mostInFlight
    },
  }
}

const numbered = (n: number, name: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => name(i))

describe('listObjects', () => {
  it('lists 25,000 keys: with no hints page after page, with the state keys in parallel ranges of one page each', async () => {
    const keys = numbered(25_000, (i) => `site/f/${String(i).padStart(5, '0')}.txt`)
    const bucket = fakeBucket([...keys, 'other/x.txt', 'site2/y.txt'], 'site/')
    const siteKeys = keys.map((k) => k.slice('site/'.length))

    const unhinted = await listObjects('site', [], bucket.fetchPage)
    expect(unhinted.map((o) => o.key)).toEqual(siteKeys)
    expect(bucket.asked).toHaveLength(25)
    expect(bucket.mostInFlight).toBe(1)

    bucket.asked.length = 0
    const hinted = await listObjects('site', siteKeys, bucket.fetchPage)
    expect(hinted.map((o) => o.key)).toEqual(siteKeys)
    // 25,001 keys with the state's own: 26 ranges, each within one page, all asked for at once.
    expect(bucket.asked).toHaveLength(26)
    expect(bucket.asked.every((r) => r.ContinuationToken === undefined)).toBe(true)
    expect(bucket.mostInFlight).toBe(26)
    expect(hinted[7]).toEqual({
      key: 'f/00007.txt',
      etag: '00000000000000000000000000000007',
      size: 'site/f/00007.txt'.length,
      lastModified: new Date(0),
    })
  })

  it('finds every object exactly once when the state is stale (keys gone, keys it never knew) and unsorted', async () => {
    const keys = numbered(5000, (i) => `f/${String(i).padStart(4, '0')}.txt`)
    const bucket = fakeBucket(
      keys.map((k) => `p/${k}`),
      'p/',
    )
    // The state knows one key in five, and 1,500 that are gone.
    const stale = [
      ...keys.filter((_, i) => i % 5 === 0),
      ...numbered(1500, (i) => `f/${String(i).padStart(4, '0')}.gone`),
    ].reverse()
    const listed = await listObjects('p', stale, bucket.fetchPage)
    expect(listed.map((o) => o.key)).toEqual(keys)
    // Three ranges, each of ~1,700 objects: a second page each, by continuation token.
    expect(bucket.asked.filter((r) => r.ContinuationToken === undefined)).toHaveLength(3)
    expect(bucket.asked.filter((r) => r.ContinuationToken !== undefined)).toHaveLength(3)
  })

  it('decodes keys as sent with encoding-type=url, and compares them decoded at range boundaries', async () => {
    // Under "pre fix/", every key comes encoded as "pre+fix/...", which sorts after the boundary
    // "pre fix/a b": compared encoded, a range would end at its first key. And "a b" sorts before "a!"
    // and "a+b" decoded (a space is 0x20), after "a!" encoded ("a+b").
    const odd = [
      'a b',
      'a!',
      'a+b',
      '100% real',
      'ctl-\u0001-\u001f',
      'tab\there',
      'ü/ñ',
      '&<x>',
      '😀',
    ]
    const before = numbered(1499, (i) => `A/${String(i).padStart(4, '0')}`)
    const after = numbered(1500, (i) => `z/${String(i).padStart(4, '0')}`)
    const keys = [...odd, ...before, ...after].sort(compareKeys)
    const bucket = fakeBucket(
      keys.map((k) => `pre fix/${k}`),
      'pre fix/',
    )
    // 3,000 keys known: four ranges, the third starting after "a b".
    const listed = await listObjects('pre fix', [...before, 'a b', ...after], bucket.fetchPage)
    expect(bucket.asked.map((r) => r.StartAfter)).toEqual([
      undefined,
      'pre fix/A/0749',
      'pre fix/a b',
      'pre fix/z/0749',
    ])
    expect(listed.map((o) => o.key)).toEqual(keys)
  })

  it('follows a truncated page without a continuation token from its last key', async () => {
    const keys = numbered(2500, (i) => `k/${String(i).padStart(4, '0')}`)
    const bucket = fakeBucket(keys, '', {
      tamper: (page) => ({ ...page, nextContinuationToken: undefined }),
    })
    const listed = await listObjects('', [], bucket.fetchPage)
    expect(listed.map((o) => o.key)).toEqual(keys)
    expect(bucket.asked).toEqual([
      { StartAfter: undefined },
      { StartAfter: 'k/0999' },
      { StartAfter: 'k/1999' },
    ])
  })

  type Request = Parameters<FetchPage>[0]
  const misbehaving: Array<{
    name: string
    tamper?: (page: ListPage, request: Request, start: number) => ListPage
    /** Change the request before the fake sees it. */
    rewrite?: (request: Request) => Request
    /** The state's keys, to list in ranges. */
    hinted?: boolean
    message: RegExp
  }> = [
    {
      name: 'a continuation token that goes back',
      tamper: (page, _, start) =>
        page.isTruncated ? { ...page, nextContinuationToken: String(start + PAGE - 1) } : page,
      message:
        /^the listing went back: "k\/0999" came after "k\/0999" \(a page asked for by continuation token "999"\)$/,
    },
    {
      name: 'the same continuation token again',
      tamper: (page, request) =>
        request.ContinuationToken
          ? { ...page, nextContinuationToken: request.ContinuationToken }
          : page,
      message: /^the listing gave the continuation token "1000" a second time: it would not end$/,
    },
    {
      name: 'a store that ignores StartAfter',
      rewrite: (request) => ({ ...request, StartAfter: undefined }),
      hinted: true,
      message:
        /^the listing went back: "k\/0000" came after "k\/(0799|1599)" \(a page asked for after "k\/(0799|1599)"\)$/,
    },
    {
      name: 'a truncated page with neither a token nor a key',
      tamper: (page, request) =>
        request.StartAfter === 'k/0999'
          ? { objects: [], isTruncated: true, nextContinuationToken: undefined }
          : { ...page, nextContinuationToken: undefined },
      message:
        /^the listing said a page was truncated, but gave neither a continuation token nor a key to go on from \(a page asked for after "k\/0999"\)$/,
    },
    {
      name: 'a page out of order',
      tamper: (page, _, start) =>
        start === 0 ? { ...page, objects: [...page.objects].reverse() } : page,
      message: /^the listing went back: "k\/0998" came after "k\/0999" \(the first page\)$/,
    },
  ]

  it.each(misbehaving)(
    'fails, saying why, on $name',
    async ({ tamper, rewrite, hinted, message }) => {
      const keys = numbered(2400, (i) => `k/${String(i).padStart(4, '0')}`)
      const bucket = fakeBucket(keys, '', { tamper })
      const fetchPage: FetchPage = (request) =>
        bucket.fetchPage(rewrite ? rewrite(request) : request)
      await expect(listObjects('', hinted ? keys : [], fetchPage)).rejects.toThrow(message)
    },
  )

  it('passes a failed page on', async () => {
    const failing: FetchPage = () => Promise.reject(new Error('SlowDown'))
    await expect(listObjects('p', [], failing)).rejects.toThrow('SlowDown')
  })
})

describe('decodeListedKey', () => {
  it.each([
    ['a+b%2Bc.txt', 'a b+c.txt'],
    ['100%2525.txt', '100%25.txt'],
    ['ctl-%01.txt', 'ctl-\u0001.txt'],
    ['%C3%BC/%C3%B1', 'ü/ñ'],
  ])('%s is %s', (sent, key) => {
    expect(decodeListedKey(sent)).toBe(key)
  })

  it('refuses a key that is not URL-encoded, naming it', () => {
    expect(() => decodeListedKey('100% real.txt')).toThrow(
      'the listing sent the key "100% real.txt", which is not URL-encoded as asked',
    )
  })
})

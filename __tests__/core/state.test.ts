import { describe, expect, it } from 'vitest'
import {
  STATE_FORMAT,
  STATE_FORMAT_V1,
  STATE_FORMAT_V2,
  decodeState,
  emptyState,
  encodeState,
  entryHeaders,
  sameEntries,
  stateChunks,
  type StateEntry,
} from '../../src/core/state.js'

const A: StateEntry = {
  etag: '0cc175b9c0f1b6a831c399e269772661',
  md5: '0cc175b9c0f1b6a831c399e269772661',
  size: 1,
  contentType: 'text/html; charset=utf-8',
  cacheControl: 'no-cache',
}
const B: StateEntry = {
  etag: 'f1e2d3c4b5a697887766554433221100-12',
  md5: '92eb5ffee6ae2fec3ad71c777531578f',
  size: 60 * 1024 * 1024,
  contentType: 'application/zip',
  cacheControl: 'public, max-age=3600',
}
const C: StateEntry = {
  ...A,
  contentType: 'text/plain; charset=utf-8',
  cacheControl: 'public, max-age=31536000, immutable',
}

function decoded(text: string, writtenAt?: Date) {
  const result = decodeState(text, writtenAt)
  if ('problem' in result) throw new Error(`unexpected problem: ${result.problem}`)
  return result.state
}

/** A state in the first format (entries as [etag, md5, size, contentType, cacheControl]), still read. */
function body(entries: unknown, format: unknown = STATE_FORMAT_V1): string {
  return JSON.stringify({ format, entries })
}

describe('encodeState / decodeState', () => {
  it('round-trips entries, odd keys included, and passes the time through', () => {
    const entries = new Map<string, StateEntry>([
      ['index.html', A],
      ['downloads/big.zip', B],
      ['caf\u00e9 "quoted" \\ back,slash\n.txt', C],
      ['日本語/ページ.html', A],
      ['\u{1F600}.png', B],
    ])
    const at = new Date('2026-03-01T10:00:00Z')
    const state = decoded(encodeState(entries), at)
    expect(state.entries).toEqual(entries)
    expect(sameEntries(state.entries, entries)).toBe(true)
    expect(state.writtenAt).toBe(at)
  })

  it('round-trips an empty map', () => {
    const text = encodeState(new Map())
    expect(decoded(text).entries.size).toBe(0)
    expect(JSON.parse(text)).toEqual({ format: STATE_FORMAT, headers: [], entries: {} })
  })

  it('writes the same bytes whatever the insertion order', () => {
    const one = new Map<string, StateEntry>([
      ['b', B],
      ['a', A],
      ['c/d', C],
    ])
    const two = new Map<string, StateEntry>([
      ['c/d', C],
      ['a', A],
      ['b', B],
    ])
    expect(encodeState(one)).toBe(encodeState(two))
    const keys = Object.keys((JSON.parse(encodeState(one)) as { entries: object }).entries)
    expect(keys).toEqual(['a', 'b', 'c/d'])
  })

  it('encodes one line per entry, as a compact array', () => {
    const text = encodeState(new Map([['a', A]]))
    // the MD5 is left out when it is the ETag; the headers stand once in a table
    expect(text).toBe(
      `{"format":"${STATE_FORMAT}","headers":[["text/html; charset=utf-8","no-cache"]],"entries":{\n"a":["${A.etag}","",1,0]\n}}\n`,
    )
    const multipart = encodeState(
      new Map([
        ['b', B],
        ['a', A],
      ]),
    )
    expect(multipart).toContain(`"b":["${B.etag}","${B.md5}",${B.size},0]`)
    expect(decoded(multipart).entries.get('b')).toEqual(B)
  })

  it("keeps a file's SHA-256 after its header index, and a sibling's source after that", () => {
    const sha = 'q7Lm0-Zx_aBcDeFgHiJkLm'
    const entries = new Map<string, StateEntry>([
      ['a', { ...A, sha }],
      ['a.br', { ...C, contentEncoding: 'br', source: A.md5 }],
      ['b', { ...B, sha, source: A.md5 }],
      ['c', C],
    ])
    const text = encodeState(entries)
    expect(text).toContain(`"a":["${A.etag}","",1,`)
    expect(text).toMatch(new RegExp(`"a":\\[[^\\]]*,"${sha}"\\]`))
    expect(text).toMatch(new RegExp(`"a.br":\\[[^\\]]*,"","${A.md5}"\\]`))
    expect(text).toMatch(new RegExp(`"b":\\[[^\\]]*,"${sha}","${A.md5}"\\]`))
    expect(text).toMatch(/"c":\["[0-9a-f]+","",1,\d\]/)
    const state = decoded(text)
    expect(state.entries).toEqual(entries)
    expect(sameEntries(state.entries, entries)).toBe(true)
    // an entry that gained its SHA-256 is a change: the state is written again
    expect(sameEntries(new Map([['c', { ...C, sha }]]), new Map([['c', C]]))).toBe(false)
  })

  it("reads the state@2 format (no SHA-256: the fifth element is a sibling's source)", () => {
    const text = JSON.stringify({
      format: STATE_FORMAT_V2,
      headers: [[C.contentType, C.cacheControl]],
      entries: { a: [A.etag, '', 1, 0], 'a.gz': [A.etag, '', 1, 0, B.md5] },
    })
    const state = decoded(text)
    expect(state.entries.get('a')).toEqual({
      ...A,
      contentType: C.contentType,
      cacheControl: C.cacheControl,
    })
    expect(state.entries.get('a.gz')?.source).toBe(B.md5)
    expect(state.entries.get('a.gz')?.sha).toBeUndefined()
  })

  it('skips an entry whose SHA-256 or source is malformed, and keeps the rest', () => {
    const text = JSON.stringify({
      format: STATE_FORMAT,
      headers: [[C.contentType, C.cacheControl]],
      entries: {
        short: [A.etag, '', 1, 0, 'abc'],
        number: [A.etag, '', 1, 0, 7],
        source: [A.etag, '', 1, 0, '', 'not-an-md5'],
        long: [A.etag, '', 1, 0, '', A.md5, 'extra'],
        good: [A.etag, '', 1, 0, 'q7Lm0-Zx_aBcDeFgHiJkLm'],
      },
    })
    expect([...decoded(text).entries.keys()]).toEqual(['good'])
  })

  it('writes each line as JSON.stringify would, for keys and ETags that need escaping too', () => {
    const odd = [
      'plain/key.js',
      'quote"d.txt',
      'back\\slash.txt',
      'tab\there.txt',
      'nul\u0000.txt',
      'lone\ud800surrogate.txt',
      '\u{1F600}.png',
      'caf\u00e9.html',
      'line\u2028sep.txt',
    ]
    const entries = new Map<string, StateEntry>(
      odd.map((key, i) => [key, { ...C, etag: i % 2 ? C.etag : `${C.etag}"\\-${i}`, size: i }]),
    )
    const text = encodeState(entries)
    const lines = text.split('\n').slice(1, -2)
    const table = (JSON.parse(text) as { headers: unknown[] }).headers
    expect(lines).toEqual(
      [...entries.keys()].sort().map((key) => {
        const e = entries.get(key)!
        const at = table.findIndex(
          (h) => JSON.stringify(h) === JSON.stringify([e.contentType, e.cacheControl]),
        )
        return `${JSON.stringify(key)}:${JSON.stringify([e.etag, e.md5 === e.etag ? '' : e.md5, e.size, at])}${key === [...entries.keys()].sort().at(-1) ? '' : ','}`
      }),
    )
    expect(decoded(text).entries).toEqual(entries)
  })

  it('stateChunks: the same text in pieces of about the size asked, made as they are taken', () => {
    const entries = new Map<string, StateEntry>()
    for (let i = 0; i < 2000; i++) entries.set(`assets/file-${i}.js`, { ...C, size: i })
    const marks = new Map([['gone.html', new Date('2026-03-01T10:00:00Z')]])
    const extras = { pending: ['x.html'], marks, recent: ['assets/file-7.js'] }
    const pieces = [...stateChunks(entries, extras, 4096)]
    expect(pieces.join('')).toBe(encodeState(entries, extras))
    expect(pieces.length).toBeGreaterThan(20)
    // A piece ends at the first line that takes it to the size: never more than a line over.
    for (const piece of pieces.slice(0, -1)) {
      expect(piece.length).toBeGreaterThanOrEqual(4096)
      expect(piece.length).toBeLessThan(4096 + 200)
    }
    const empty = [...stateChunks(new Map())]
    expect(empty.join('')).toBe(encodeState(new Map()))
  })

  it('changes when any field changes', () => {
    const base = encodeState(new Map([['a', A]]))
    for (const change of [
      { etag: 'x' },
      { md5: '1'.repeat(32) },
      { size: 2 },
      { contentType: 'x/y' },
      { cacheControl: 'no-store' },
    ])
      expect(encodeState(new Map([['a', { ...A, ...change }]]))).not.toBe(base)
  })
})

describe('decodeState: problems', () => {
  it.each([
    ['not JSON', '{"format":', /not valid JSON/],
    ['empty body', '', /not valid JSON/],
    ['null', 'null', /format/],
    ['a number', '42', /format/],
    ['an array', '[]', /format/],
    ['no format', JSON.stringify({ entries: {} }), /format/],
    ['another format', body({}, 'cdn-publish/state@9'), /format is not cdn-publish\/state@3/],
    ['no entries', JSON.stringify({ format: STATE_FORMAT }), /no entries/],
    [
      'v2 entries without a header table',
      JSON.stringify({ format: STATE_FORMAT, entries: 'x' }),
      /no entries/,
    ],
    ['entries is a string', body('a'), /no entries/],
    ['entries is null', body(null), /no entries/],
  ])('%s', (_what, text, problem) => {
    const result = decodeState(text, undefined)
    expect('problem' in result).toBe(true)
    if ('problem' in result) expect(result.problem).toMatch(problem)
  })
})

describe('decodeState: malformed entries are skipped, good ones kept', () => {
  const good = [A.etag, A.md5, A.size, A.contentType, A.cacheControl]
  it.each([
    ['not an array', { etag: A.etag }],
    ['too short', good.slice(0, 4)],
    ['too long', [...good, 'extra']],
    ['etag not a string', [1, ...good.slice(1)]],
    ['md5 not hex', [A.etag, 'z'.repeat(32), ...good.slice(2)]],
    ['md5 upper case', [A.etag, A.md5.toUpperCase(), ...good.slice(2)]],
    ['md5 too short', [A.etag, A.md5.slice(1), ...good.slice(2)]],
    ['size a string', [A.etag, A.md5, '1', A.contentType, A.cacheControl]],
    ['content type missing', [A.etag, A.md5, 1, null, A.cacheControl]],
    ['cache control a number', [A.etag, A.md5, 1, A.contentType, 3600]],
  ])('%s', (_what, bad) => {
    const state = decoded(body({ 'good.html': good, 'bad.html': bad }))
    expect([...state.entries.keys()]).toEqual(['good.html'])
    expect(state.entries.get('good.html')).toEqual(A)
  })
})

describe('sameEntries', () => {
  const base = new Map<string, StateEntry>([
    ['a', A],
    ['b', B],
  ])
  it('is true for equal entries in another order', () => {
    expect(
      sameEntries(
        base,
        new Map([
          ['b', { ...B }],
          ['a', { ...A }],
        ]),
      ),
    ).toBe(true)
    expect(sameEntries(new Map(), new Map())).toBe(true)
  })

  it.each([
    ['an entry fewer', new Map([['a', A]])],
    ['an entry more', new Map([...base, ['c', C]])],
    [
      'another key',
      new Map([
        ['a', A],
        ['c', B],
      ]),
    ],
    [
      'etag',
      new Map([
        ['a', { ...A, etag: 'x' }],
        ['b', B],
      ]),
    ],
    [
      'md5',
      new Map([
        ['a', { ...A, md5: '1'.repeat(32) }],
        ['b', B],
      ]),
    ],
    [
      'size',
      new Map([
        ['a', { ...A, size: 2 }],
        ['b', B],
      ]),
    ],
    [
      'contentType',
      new Map([
        ['a', { ...A, contentType: 'x/y' }],
        ['b', B],
      ]),
    ],
    [
      'cacheControl',
      new Map([
        ['a', { ...A, cacheControl: 'no-store' }],
        ['b', B],
      ]),
    ],
  ])('is false when they differ by %s', (_what, other) => {
    expect(sameEntries(base, other)).toBe(false)
    expect(sameEntries(other, base)).toBe(false)
  })
})

describe('emptyState and entryHeaders', () => {
  it('emptyState has no entries and no time, and is a fresh map each time', () => {
    const one = emptyState()
    one.entries.set('a', A)
    expect(emptyState()).toEqual({
      entries: new Map(),
      pending: [],
      marks: new Map(),
      writtenAt: undefined,
      recent: new Set(),
    })
  })

  it('entryHeaders gives the two headers', () => {
    expect(entryHeaders(B)).toEqual({
      contentType: 'application/zip',
      cacheControl: 'public, max-age=3600',
    })
  })
})

describe('state: pending invalidations and delete-grace marks', () => {
  it('round-trips pending keys and marks, sorted, and leaves them out when empty', () => {
    const marks = new Map([
      ['z.js', new Date('2026-11-02T00:00:00.000Z')],
      ['a.js', new Date('2026-11-01T00:00:00.000Z')],
    ])
    const text = encodeState(new Map(), { pending: ['b.html', 'a.css', 'b.html'], marks })
    expect(text).toContain('"pending":["a.css","b.html"]')
    expect(text.indexOf('"a.js"')).toBeLessThan(text.indexOf('"z.js"'))
    const decoded = decodeState(text, undefined)
    if (!('state' in decoded)) throw new Error(decoded.problem)
    expect(decoded.state.pending).toEqual(['a.css', 'b.html'])
    expect(decoded.state.marks).toEqual(marks)
    expect(encodeState(new Map())).not.toMatch(/pending|marks|recent/)
  })

  it('round-trips the recent keys, sorted, once each, and only those with an entry', () => {
    const entries = new Map([
      ['b.html', { ...C }],
      ['a.css', { ...C }],
    ])
    const text = encodeState(entries, { recent: ['b.html', 'gone.js', 'a.css', 'b.html'] })
    expect(text).toContain('"recent":["a.css","b.html"]')
    const decoded = decodeState(text, undefined)
    if (!('state' in decoded)) throw new Error(decoded.problem)
    expect([...decoded.state.recent]).toEqual(['a.css', 'b.html'])
    // A state written before `recent` existed reads as one with none.
    const older = decodeState(encodeState(entries), undefined)
    if (!('state' in older)) throw new Error(older.problem)
    expect(older.state.recent.size).toBe(0)
  })

  it('skips marks that are not dates', () => {
    const decoded = decodeState(
      '{"format":"cdn-publish/state@1","marks":{"a":"not a date","b":7},"entries":{}}',
      undefined,
    )
    if (!('state' in decoded)) throw new Error(decoded.problem)
    expect(decoded.state.marks.size).toBe(0)
  })
})

describe('state: precompressed siblings', () => {
  it('keeps a Content-Encoding in the headers table, and entries without one as before', () => {
    const plain = { ...A }
    const br = { ...A, contentEncoding: 'br' }
    const text = encodeState(
      new Map([
        ['app.js', plain],
        ['app.js.br', br],
      ]),
    )
    const parsed = JSON.parse(text) as { headers: unknown[][] }
    expect(parsed.headers).toContainEqual([A.contentType, A.cacheControl, 'br'])
    expect(parsed.headers).toContainEqual([A.contentType, A.cacheControl])
    const decoded = decodeState(text, undefined)
    if (!('state' in decoded)) throw new Error(decoded.problem)
    expect(decoded.state.entries.get('app.js.br')).toEqual(br)
    expect(decoded.state.entries.get('app.js')).toEqual(plain)
    expect(entryHeaders(br)).toEqual({
      contentType: A.contentType,
      cacheControl: A.cacheControl,
      contentEncoding: 'br',
    })
    // A made sibling keeps its source's MD5 (a fifth field), to be reused while that file is unchanged.
    const made = { ...br, source: 'f'.repeat(32) }
    const again = decodeState(encodeState(new Map([['app.js.br', made]])), undefined)
    if (!('state' in again)) throw new Error(again.problem)
    expect(again.state.entries.get('app.js.br')).toEqual(made)
    // Without siblings the bytes are those of a state without the field.
    expect(encodeState(new Map([['app.js', plain]]))).not.toContain('"br"')
  })
})

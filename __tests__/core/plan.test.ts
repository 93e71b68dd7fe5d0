import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { compileFilter } from '../../src/core/filter.js'
import type { LocalFile } from '../../src/core/ports.js'
import {
  MAX_COPY_SIZE,
  countPlan,
  driftedKeys,
  sameHeaders,
  isPlainMd5,
  knownFromState,
  planSync,
  planWrites,
  type Inspected,
  type PlanInput,
  type RemoteObject,
} from '../../src/core/plan.js'
import { compileRules, type Headers } from '../../src/core/rules.js'
import { emptyState, type RemoteState, type StateEntry } from '../../src/core/state.js'

const md5 = (text: string) => createHash('md5').update(text).digest('hex')
const rules = compileRules({ cacheControl: [], contentType: [], metadata: { add: [], remove: [] } })
const headersOf = (key: string): Headers => rules(key).headers

const T0 = new Date('2026-01-01T12:00:00.000Z')

function file(
  key: string,
  content = `content of ${key}`,
  size = Buffer.byteLength(content),
): LocalFile {
  return { key, path: `/src/${key}`, size, md5: md5(content), mtimeMs: 1_700_000_000_000 }
}

function remote(key: string, etag: string, size: number, lastModified = T0): RemoteObject {
  return { key, etag, size, lastModified }
}

/** The remote object for a local file uploaded in one part: ETag = MD5. */
function sameAs(f: LocalFile, lastModified = T0): RemoteObject {
  return remote(f.key, f.md5, f.size, lastModified)
}

function entry(
  f: LocalFile,
  etag: string,
  headers: Headers = headersOf(f.key),
  md5sum = f.md5,
): StateEntry {
  return {
    etag,
    md5: md5sum,
    size: f.size,
    contentType: headers.contentType,
    cacheControl: headers.cacheControl,
  }
}

/** A state written in a later second than the objects it describes. */
const T1 = new Date(T0.getTime() + 1000)

function state(
  entries: Array<[string, StateEntry]>,
  writtenAt: Date | undefined = T1,
  recent: string[] = [],
): RemoteState {
  return {
    entries: new Map(entries),
    pending: [],
    marks: new Map(),
    writtenAt,
    recent: new Set(recent),
  }
}

function plan(input: Partial<PlanInput>) {
  return planSync({
    local: [],
    remote: [],
    state: emptyState(),
    inspected: new Map(),
    rules,
    filter: compileFilter({ include: ['**'], exclude: [] }),
    delete: true,
    ...input,
  })
}

const OLD_HEADERS: Headers = { contentType: 'text/plain', cacheControl: 'max-age=1' }

describe('isPlainMd5', () => {
  it.each([
    ['d41d8cd98f00b204e9800998ecf8427e', true],
    ['0123456789abcdef0123456789abcdef', true],
    ['D41D8CD98F00B204E9800998ECF8427E', false],
    ['d41d8cd98f00b204e9800998ecf8427', false],
    ['d41d8cd98f00b204e9800998ecf8427e0', false],
    ['"d41d8cd98f00b204e9800998ecf8427e"', false],
    ['d41d8cd98f00b204e9800998ecf8427e-3', false],
    ['abc-3', false],
    ['', false],
  ])('%j -> %s', (etag, expected) => {
    expect(isPlainMd5(etag)).toBe(expected)
  })
})

describe('planSync: writes', () => {
  it('uploads a file the bucket does not have, with reason new', () => {
    const f = file('app.js')
    const p = plan({ local: [f] })
    expect(p.assets).toEqual([
      {
        kind: 'upload',
        key: 'app.js',
        reason: 'new',
        file: f,
        headers: headersOf('app.js'),
        metadata: false,
      },
    ])
    expect([p.metadata, p.deletes, p.unchanged, p.inspect]).toEqual([[], [], [], []])
  })

  it('leaves a file alone when the ETag is its MD5 and the state has the same headers', () => {
    const f = file('app.js')
    const p = plan({ local: [f], remote: [sameAs(f)], state: state([[f.key, entry(f, f.md5)]]) })
    expect(p.unchanged).toEqual([{ file: f, etag: f.md5, headers: headersOf('app.js') }])
    expect(planWrites(p)).toEqual([])
    expect(p.inspect).toEqual([])
  })

  it('uploads with reason content when the plain ETag differs from the MD5, without a HEAD', () => {
    const f = file('app.js', 'new bytes')
    const p = plan({ local: [f], remote: [remote('app.js', md5('old bytes'), 9)] })
    expect(p.assets).toMatchObject([{ kind: 'upload', key: 'app.js', reason: 'content' }])
    expect(p.inspect).toEqual([])
  })

  it('uploads with reason content when the trusted state has another MD5', () => {
    const f = file('app.js', 'new bytes')
    const old = { ...entry(f, 'old-etag'), md5: md5('old bytes') }
    const p = plan({
      local: [f],
      remote: [remote('app.js', 'old-etag', f.size)],
      state: state([[f.key, old]]),
    })
    expect(p.assets).toMatchObject([{ kind: 'upload', reason: 'content' }])
  })

  it('updates headers in place when the content is the same but the state headers differ', () => {
    const f = file('app.js')
    const p = plan({
      local: [f],
      remote: [sameAs(f)],
      state: state([[f.key, entry(f, f.md5, OLD_HEADERS)]]),
    })
    expect(p.assets).toEqual([
      {
        kind: 'update',
        key: 'app.js',
        reason: 'headers',
        file: f,
        headers: headersOf('app.js'),
        previous: OLD_HEADERS,
        metadata: false,
      },
    ])
    expect(p.unchanged).toEqual([])
  })

  it('a header change on a file over 5 GiB is an upload with reason headers (CopyObject cannot)', () => {
    const big = file('video.mp4', 'x', MAX_COPY_SIZE + 1)
    const atLimit = file('other.mp4', 'y', MAX_COPY_SIZE)
    const p = plan({
      local: [big, atLimit],
      remote: [remote(big.key, 'aaa-600', big.size), remote(atLimit.key, 'bbb-600', atLimit.size)],
      state: state([
        [big.key, entry(big, 'aaa-600', OLD_HEADERS)],
        [atLimit.key, entry(atLimit, 'bbb-600', OLD_HEADERS)],
      ]),
    })
    expect(p.assets.map((a) => [a.key, a.kind, a.reason])).toEqual([
      ['video.mp4', 'upload', 'headers'],
      ['other.mp4', 'update', 'headers'],
    ])
  })

  it('uses the state MD5 for a multipart ETag when the state entry is trusted', () => {
    const f = file('big.zip')
    const unchanged = plan({
      local: [f],
      remote: [remote(f.key, 'abc-3', f.size)],
      state: state([[f.key, entry(f, 'abc-3')]]),
    })
    expect(unchanged.unchanged).toEqual([{ file: f, etag: 'abc-3', headers: headersOf('big.zip') }])
    expect(unchanged.inspect).toEqual([])

    const changed = plan({
      local: [f],
      remote: [remote(f.key, 'abc-3', f.size)],
      state: state([[f.key, entry(f, 'abc-3', headersOf(f.key), md5('other'))]]),
    })
    expect(changed.assets).toMatchObject([{ kind: 'upload', reason: 'content' }])
  })

  it('asks to inspect a multipart object without a state entry', () => {
    const f = file('big.zip')
    const p = plan({ local: [f], remote: [remote(f.key, 'abc-3', f.size)] })
    expect(p.inspect).toEqual(['big.zip'])
    expect([p.assets, p.metadata, p.unchanged]).toEqual([[], [], []])
  })

  it('asks to inspect a plain-ETag object whose MD5 matches but whose headers are unknown', () => {
    const f = file('app.js')
    const p = plan({ local: [f], remote: [sameAs(f)] })
    expect(p.inspect).toEqual(['app.js'])
    expect(planWrites(p)).toEqual([])
  })

  it('uses an inspected entry: same MD5 and headers -> unchanged, with the HEAD ETag', () => {
    const f = file('big.zip')
    const seen: Inspected = { etag: 'abc-3', size: f.size, md5: f.md5, headers: headersOf(f.key) }
    const p = plan({
      local: [f],
      remote: [remote(f.key, 'abc-3', f.size)],
      inspected: new Map([[f.key, seen]]),
    })
    expect(p.unchanged).toEqual([{ file: f, etag: 'abc-3', headers: headersOf(f.key) }])
    expect(p.inspect).toEqual([])
  })

  it('uses an inspected entry: same MD5, other headers -> update with previous', () => {
    const f = file('big.zip')
    const seen: Inspected = { etag: 'abc-3', size: f.size, md5: f.md5, headers: OLD_HEADERS }
    const p = plan({
      local: [f],
      remote: [remote(f.key, 'abc-3', f.size)],
      inspected: new Map([[f.key, seen]]),
    })
    expect(p.assets).toMatchObject([
      { kind: 'update', reason: 'headers', previous: OLD_HEADERS, headers: headersOf(f.key) },
    ])
  })

  it('an inspected entry without an MD5 means upload with reason content', () => {
    const f = file('big.zip')
    const seen: Inspected = {
      etag: 'abc-3',
      size: f.size,
      md5: undefined,
      headers: headersOf(f.key),
    }
    const p = plan({
      local: [f],
      remote: [remote(f.key, 'abc-3', f.size)],
      inspected: new Map([[f.key, seen]]),
    })
    expect(p.assets).toMatchObject([{ kind: 'upload', reason: 'content' }])
    expect(p.inspect).toEqual([])
  })

  it('an inspected entry wins over the state', () => {
    const f = file('big.zip')
    const seen: Inspected = {
      etag: 'abc-3',
      size: f.size,
      md5: md5('something else'),
      headers: headersOf(f.key),
    }
    const p = plan({
      local: [f],
      remote: [remote(f.key, 'abc-3', f.size)],
      state: state([[f.key, entry(f, 'abc-3')]]),
      inspected: new Map([[f.key, seen]]),
    })
    expect(p.assets).toMatchObject([{ kind: 'upload', reason: 'content' }])
  })

  it('puts metadata in plan.metadata and everything else in plan.assets', () => {
    const local = ['index.html', 'app.3f2a9c1b.js', 'docs/page.html', 'logo.png', 'robots.txt'].map(
      (k) => file(k),
    )
    const p = plan({ local })
    expect(p.assets.map((a) => a.key)).toEqual(['app.3f2a9c1b.js', 'logo.png'])
    expect(p.assets.every((a) => !a.metadata)).toBe(true)
    expect(p.metadata.map((a) => a.key)).toEqual(['index.html', 'docs/page.html', 'robots.txt'])
    expect(p.metadata.every((a) => a.metadata)).toBe(true)
    expect(planWrites(p).map((a) => a.key)).toEqual([
      'app.3f2a9c1b.js',
      'logo.png',
      'index.html',
      'docs/page.html',
      'robots.txt',
    ])
  })

  it('lists files whose type is unknown', () => {
    const p = plan({ local: [file('LICENSE'), file('a.css'), file('x.unknownext')] })
    expect(p.unknownTypes).toEqual(['LICENSE', 'x.unknownext'])
  })
})

describe('knownFromState: when a state entry is trusted', () => {
  const f = file('big.zip')
  const trustedResult = { md5: f.md5, headers: headersOf(f.key) }
  const untrusted = { md5: undefined, headers: undefined }
  it.each([
    [
      'same ETag, size, and modified before the state',
      remote(f.key, 'abc-3', f.size, new Date(T0.getTime() - 60_000)),
      T0,
      trustedResult,
    ],
    [
      'modified in the same second as the state, earlier by ms (not ours: looked at again)',
      remote(f.key, 'abc-3', f.size, new Date('2026-01-01T12:00:00.100Z')),
      new Date('2026-01-01T12:00:00.900Z'),
      untrusted,
    ],
    [
      'modified in the second before the state',
      remote(f.key, 'abc-3', f.size, new Date('2026-01-01T11:59:59.999Z')),
      new Date('2026-01-01T12:00:00.000Z'),
      trustedResult,
    ],
    ['state without a time', remote(f.key, 'abc-3', f.size, T0), undefined, trustedResult],
    ['ETag differs', remote(f.key, 'def-3', f.size), T1, untrusted],
    ['size differs', remote(f.key, 'abc-3', f.size + 1), T1, untrusted],
    [
      'modified in a later second',
      remote(f.key, 'abc-3', f.size, new Date('2026-01-01T12:00:01.000Z')),
      new Date('2026-01-01T12:00:00.999Z'),
      untrusted,
    ],
    ['no entry', remote('other.zip', 'abc-3', f.size), T1, untrusted],
  ])('%s', (_what, object, writtenAt, expected) => {
    expect(knownFromState(object, state([[f.key, entry(f, 'abc-3')]], writtenAt))).toEqual(expected)
  })

  it.each([
    ['in the state second, written by the run that wrote the state', '12:00:00.100Z', true, true],
    ['in the state second, not among its recent writes', '12:00:00.100Z', false, false],
    ['in a later second, though recent', '12:00:01.000Z', true, false],
    ['before the state second, not recent', '11:59:59.000Z', false, true],
  ])("the run's recent writes: %s", (_what, modified, recent, trusted) => {
    const object = remote(f.key, 'abc-3', f.size, new Date(`2026-01-01T${modified}`))
    const written = state(
      [[f.key, entry(f, 'abc-3')]],
      new Date('2026-01-01T12:00:00.900Z'),
      recent ? [f.key] : [],
    )
    expect(knownFromState(object, written)).toEqual(trusted ? trustedResult : untrusted)
    expect(driftedKeys(written, [object])).toEqual(trusted ? [] : [f.key])
  })

  it('without a trusted entry a plain ETag still tells the MD5', () => {
    const g = file('a.js')
    expect(knownFromState(sameAs(g), emptyState())).toEqual({ md5: g.md5, headers: undefined })
    const stale = state([[g.key, entry(g, 'zzz')]])
    expect(knownFromState(sameAs(g), stale)).toEqual({ md5: g.md5, headers: undefined })
  })

  it.each([
    ['ETag differs', { etag: 'def-3' }],
    ['size differs', { size: 999 }],
    ['modified after the state', { lastModified: new Date(T1.getTime() + 1000) }],
    ['modified in the state second', { lastModified: T1 }],
  ])('an untrusted multipart entry sends the key to inspect (%s)', (_what, change) => {
    const p = plan({
      local: [f],
      remote: [{ ...remote(f.key, 'abc-3', f.size), ...change }],
      state: state([[f.key, entry(f, 'abc-3')]]),
    })
    expect(p.inspect).toEqual([f.key])
    expect(p.unchanged).toEqual([])
  })

  it('an untrusted entry whose plain ETag differs from the MD5 is an upload, even if the state claims the same MD5', () => {
    const g = file('a.js')
    const p = plan({
      local: [g],
      remote: [remote(g.key, md5('changed by someone else'), g.size)],
      state: state([[g.key, entry(g, g.md5)]]),
    })
    expect(p.assets).toMatchObject([{ kind: 'upload', reason: 'content' }])
  })
})

describe('planSync: deletes', () => {
  const gone = remote('old.js', md5('old'), 3)

  it('deletes remote objects that left the build when delete is on', () => {
    const p = plan({ local: [], remote: [gone], delete: true })
    expect(p.deletes).toEqual([{ kind: 'delete', key: 'old.js', reason: 'removed', size: 3 }])
    expect(p.kept).toBe(0)
  })

  it('keeps them when delete is off', () => {
    const p = plan({ local: [], remote: [gone], delete: false })
    expect(p.deletes).toEqual([])
    expect(p.kept).toBe(1)
  })

  it('never deletes a remote key that is still local', () => {
    const f = file('app.js')
    const p = plan({ local: [f], remote: [remote('app.js', md5('older'), 5)] })
    expect(p.deletes).toEqual([])
  })

  it('keeps objects the filter would never publish, and counts them', () => {
    const filter = compileFilter({ include: ['assets/**', '*.html'], exclude: ['keep/**'] })
    const objects = [
      remote('assets/old.js', 'e1', 1),
      remote('old.html', 'e2', 2),
      remote('keep/x.txt', 'e3', 3),
      remote('.hidden/a', 'e4', 4),
      remote('a/.DS_Store', 'e5', 5),
      remote('key.pem', 'e6', 6),
      remote('downloads/app.zip', 'e7', 7),
      remote('.cdn-publish/state.json', 'e8', 8),
    ]
    const p = plan({ remote: objects, filter })
    expect(p.deletes.map((d) => d.key)).toEqual(['assets/old.js', 'old.html'])
    expect(p.kept).toBe(5)
  })

  it('neither deletes nor counts the reserved state key', () => {
    const p = plan({ remote: [remote('.cdn-publish/state.json', 'e', 10)] })
    expect(p.deletes).toEqual([])
    expect(p.kept).toBe(0)
  })

  it('keeps the remote order for deletes', () => {
    const p = plan({ remote: [remote('a', 'e', 1), remote('b/c', 'e', 2), remote('d', 'e', 3)] })
    expect(p.deletes.map((d) => d.key)).toEqual(['a', 'b/c', 'd'])
  })
})

describe('countPlan', () => {
  it('counts uploads, updates, deletes, unchanged and uploaded bytes', () => {
    const newFile = file('new.css', 'x'.repeat(100))
    const changed = file('changed.html', 'y'.repeat(30))
    const headersOnly = file('headers.png', 'z'.repeat(1000))
    const same = file('same.txt', 'same')
    const p = plan({
      local: [newFile, changed, headersOnly, same],
      remote: [
        remote(changed.key, md5('before'), 6),
        sameAs(headersOnly),
        sameAs(same),
        remote('gone1', 'e', 1),
        remote('gone2', 'e', 1),
        remote('.hidden/kept', 'e', 1),
      ],
      state: state([
        [headersOnly.key, entry(headersOnly, headersOnly.md5, OLD_HEADERS)],
        [same.key, entry(same, same.md5)],
      ]),
    })
    expect(countPlan(p)).toEqual({
      uploaded: 2,
      updated: 1,
      deleted: 2,
      unchanged: 1,
      bytesUploaded: 130,
    })
    expect(p.kept).toBe(1)
  })

  it('is all zero for an empty plan', () => {
    expect(countPlan(plan({}))).toEqual({
      uploaded: 0,
      updated: 0,
      deleted: 0,
      unchanged: 0,
      bytesUploaded: 0,
    })
  })
})

describe('planSync: delete-grace', () => {
  const DAY = 86_400_000
  const filter = compileFilter({ include: ['**'], exclude: [] })
  const a = file('a.js')
  const gone = remote('old.js', md5('old'), 3)
  function graced(marks: Array<[string, Date]>, now: Date, local = [a]) {
    const st = { ...state([]), marks: new Map(marks) }
    return planSync({
      local,
      remote: [sameAs(a), gone],
      state: st,
      inspected: new Map(),
      rules,
      filter,
      delete: true,
      grace: { ms: 7 * DAY, now },
    })
  }

  it.each([
    [
      'newly left: marked now, not deleted',
      [],
      1,
      { marks: [{ key: 'old.js', isNew: true, days: 7 }], deletes: [] },
    ],
    [
      'marked 3 days ago: kept, not re-marked',
      [['old.js', 0]],
      3,
      { marks: [{ key: 'old.js', isNew: false, days: 7 }], deletes: [] },
    ],
    ['marked exactly 7 days ago: deleted', [['old.js', 0]], 7, { marks: [], deletes: ['old.js'] }],
    ['marked 30 days ago: deleted', [['old.js', 0]], 30, { marks: [], deletes: ['old.js'] }],
  ] as const)('%s', (_name, markDays, nowDays, expected) => {
    const marks = markDays.map(([k, d]) => [k, new Date(T0.getTime() + d * DAY)] as [string, Date])
    const plan = graced(marks, new Date(T0.getTime() + nowDays * DAY))
    const since = marks[0]?.[1] ?? new Date(T0.getTime() + nowDays * DAY)
    expect(plan.marks).toEqual(
      expected.marks.map((m) => ({
        key: m.key,
        isNew: m.isNew,
        since,
        after: new Date(since.getTime() + m.days * DAY),
      })),
    )
    expect(plan.deletes.map((d) => d.key)).toEqual(expected.deletes)
  })

  it('a marked object back in the build is unmarked; without grace nothing is marked', () => {
    const back = graced([['a.js', T0]], T0)
    expect(back.unmarks).toEqual(['a.js'])
    const none = planSync({
      local: [a],
      remote: [sameAs(a), gone],
      state: state([]),
      inspected: new Map(),
      rules,
      filter,
      delete: true,
    })
    expect(none.marks).toEqual([])
    expect(none.deletes.map((d) => d.key)).toEqual(['old.js'])
  })
})

describe('planSync: folders of other deploys', () => {
  it('never deletes under a folder that holds a deploy state of its own', () => {
    const filter = compileFilter({ include: ['**'], exclude: [] })
    const a = file('index.html')
    const theirs = [
      remote('docs/v1/.cdn-publish/state.json', md5('s'), 1),
      remote('docs/v1/index.html', md5('v1'), 2),
      remote('docs/v1/app.js', md5('v1 app'), 6),
    ]
    const stale = remote('old.css', md5('old'), 3)
    const plan = planSync({
      local: [a],
      remote: [sameAs(a), stale, ...theirs],
      state: state([]),
      inspected: new Map(),
      rules,
      filter,
      delete: true,
    })
    expect(plan.deletes.map((d) => d.key)).toEqual(['old.css'])
    expect(plan.kept).toBe(3)
  })
})

describe('driftedKeys: what changed after the state was written', () => {
  const a = file('a.css')
  const b = file('b.js')
  const c = file('c.png')
  const written = state([
    [a.key, entry(a, a.md5)],
    [b.key, entry(b, b.md5)],
    [c.key, entry(c, c.md5)],
  ])
  it('nothing when the listing matches the state', () => {
    expect(driftedKeys(written, [sameAs(a), sameAs(b), sameAs(c)])).toEqual([])
  })
  it('objects replaced, gone, or touched in or after the state second; new keys are not drift', () => {
    const listing = [
      remote(a.key, 'f'.repeat(32), a.size), // replaced
      sameAs(b, T1), // touched in the state's own second (a header copy, say)
      sameAs(file('new.html')), // c.png is gone; new.html was never cached
    ]
    expect(driftedKeys(written, listing).sort()).toEqual(['a.css', 'b.js', 'c.png'])
  })
  it('nothing without a state', () => {
    expect(driftedKeys(emptyState(), [sameAs(a)])).toEqual([])
  })
})

describe('sameHeaders: Content-Encoding counts only where one is wanted', () => {
  const base = { contentType: 'text/javascript; charset=utf-8', cacheControl: 'no-cache' }
  it.each([
    [
      'a sibling as wanted',
      { ...base, contentEncoding: 'br' },
      { ...base, contentEncoding: 'br' },
      true,
    ],
    ['a sibling without its encoding', base, { ...base, contentEncoding: 'br' }, false],
    [
      'a sibling with the other encoding',
      { ...base, contentEncoding: 'gzip' },
      { ...base, contentEncoding: 'br' },
      false,
    ],
    [
      "another tool's encoding on a plain file is kept, not a change",
      { ...base, contentEncoding: 'gzip' },
      base,
      true,
    ],
    ['the cache differs', { ...base, cacheControl: 'max-age=1' }, base, false],
  ])('%s', (_what, actual, wanted, same) => expect(sameHeaders(actual, wanted)).toBe(same))
})

// Atomic deploys' decisions, as tables: build ids, the content digest, the record, the meta that makes
// a build live, retirement under keep-builds and delete-grace, and what a rollback means.
import { describe, expect, it } from 'vitest'
import {
  buildCandidates,
  buildDigest,
  buildNamespace,
  buildPrefix,
  encodeRecord,
  holds,
  liveMeta,
  parseRecord,
  retire,
  rollbackTarget,
  withoutRetired,
  type BuildRecord,
} from '../../../src/core/site/builds.js'
import { parseMeta, siteEntries, type SiteMeta } from '../../../src/core/site/store-layout.js'
import { buildIndex } from '../../../src/core/site/site-index.js'

const GEN = { g: '0123abcd', b: 0, r: 0, h: 0, n: 1 as const }
const meta = (m: Partial<SiteMeta>): SiteMeta => ({ ...GEN, ...m })

describe('build ids', () => {
  it.each([
    ['a'.repeat(40), '1', ['aaaaaaaaaaaa', 'aaaaaaaaaaaa-1', 'aaaaaaaaaaaa-1-2']],
    ['ABCDEF0123456789', '3', ['abcdef012345', 'abcdef012345-3', 'abcdef012345-3-2']],
    ['a'.repeat(40), 'x', ['aaaaaaaaaaaa', 'aaaaaaaaaaaa-1']],
  ])('sha %s, attempt %s', (sha, attempt, first) => {
    expect(buildCandidates(sha, attempt, 'f'.repeat(64)).slice(0, first.length)).toEqual(first)
  })

  it('without a commit, the content names the build', () => {
    expect(buildCandidates(undefined, '1', '0123456789abcdef')).toEqual(['content-0123456789ab'])
    expect(buildCandidates('not-a-sha', '1', '0123456789abcdef')).toEqual(['content-0123456789ab'])
  })

  it('lives under the base prefix, with a namespace of its own', () => {
    expect(buildPrefix('', 'b1')).toBe('_builds/b1')
    expect(buildPrefix('site', 'b1')).toBe('site/_builds/b1')
    expect(buildNamespace('b1')).toMatch(/^[0-9a-f]{16}$/)
    expect(buildNamespace('b1')).not.toBe(buildNamespace('b2'))
  })
})

describe('buildDigest', () => {
  const h = { contentType: 'text/html', cacheControl: 'no-cache' }
  it('does not depend on order, and changes with bytes or headers', () => {
    const a = { key: 'a', md5: '1', headers: h }
    const b = { key: 'b', md5: '2', headers: h }
    expect(buildDigest([a, b])).toBe(buildDigest([b, a]))
    expect(buildDigest([a, { ...b, md5: '3' }])).not.toBe(buildDigest([a, b]))
    expect(buildDigest([a, { ...b, headers: { ...h, cacheControl: 'max-age=1' } }])).not.toBe(
      buildDigest([a, b]),
    )
  })
})

describe('the build record', () => {
  const record: BuildRecord = {
    id: 'aaaaaaaaaaaa',
    root: '/',
    sha: 'a'.repeat(40),
    digest: 'd',
    files: 3,
    bytes: 10,
    at: '2026-12-06T00:00:00.000Z',
    site: GEN,
  }
  it('round-trips', () => {
    expect(parseRecord(encodeRecord(record))).toEqual(record)
  })
  it.each([
    ['not json', '{'],
    ['a bad id', JSON.stringify({ ...record, id: '../x' })],
    ['no site', JSON.stringify({ ...record, site: undefined })],
    ['a bad generation', JSON.stringify({ ...record, site: { ...GEN, g: 'zz' } })],
  ])('refuses %s', (_, text) => {
    expect(parseRecord(text)).toBeUndefined()
  })
})

describe('liveMeta', () => {
  it('the first build: no previous, the in-place generation kept named', () => {
    const inPlace = meta({ g: 'aaaaaaaa' })
    const m = liveMeta(inPlace, 'b1', GEN)
    expect(m).toMatchObject({ a: 'b1', s: buildNamespace('b1'), k: ['b1'], p: { g: 'aaaaaaaa' } })
    expect(m.v).toBeUndefined()
  })
  it('the live build becomes the previous one; a build that goes live again leaves the retired list', () => {
    const current = meta({
      a: 'b2',
      s: buildNamespace('b2'),
      v: 'b1',
      k: ['b2', 'b1'],
      x: [['b0', 5]],
    })
    expect(liveMeta(current, 'b3', GEN)).toMatchObject({ a: 'b3', v: 'b2', k: ['b3', 'b2', 'b1'] })
    expect(liveMeta(current, 'b0', GEN)).toMatchObject({ a: 'b0', v: 'b2', k: ['b0', 'b2', 'b1'] })
    expect(liveMeta(current, 'b0', GEN).x).toBeUndefined()
    // Rolled back to b1: b2 is the previous build.
    expect(liveMeta(current, 'b1', GEN)).toMatchObject({ a: 'b1', v: 'b2', k: ['b1', 'b2'] })
  })
  it('survives parseMeta, which drops what is not a build id', () => {
    const m = liveMeta(meta({ a: 'b1', s: buildNamespace('b1'), k: ['b1'] }), 'b2', GEN)
    expect(parseMeta(JSON.stringify(m))).toEqual(m)
    expect(
      parseMeta(JSON.stringify({ ...m, a: '../x', k: ['b2', '/x'], x: [['b0', 'soon']] })),
    ).toEqual({
      ...GEN,
      v: 'b1',
      q: GEN,
      k: ['b2'],
    })
  })

  it("keeps the previous build's generation beside its id, for the edge's fallback", () => {
    const b1 = { ...GEN, g: '11111111' }
    const b2 = { ...GEN, g: '22222222' }
    const m = liveMeta(liveMeta(undefined, 'b1', b1), 'b2', b2)
    expect(m).toMatchObject({ a: 'b2', g: '22222222', v: 'b1', q: b1 })
    // Made live again, b2 keeps its previous build; a rollback to b1 makes b2 the previous one.
    expect(liveMeta(m, 'b2', b2).q).toEqual(b1)
    expect(liveMeta(m, 'b1', b1)).toMatchObject({ a: 'b1', v: 'b2', q: b2 })
  })
})

describe('retire', () => {
  const live = (k: string[], extra: Partial<SiteMeta> = {}) =>
    meta({ a: k[0], s: buildNamespace(k[0]!), v: k[1], k, ...extra })
  it.each([
    // keep, history (newest first), grace, retired, expired
    [5, ['b5', 'b4', 'b3', 'b2', 'b1'], 0, [], []],
    [2, ['b5', 'b4', 'b3', 'b2', 'b1'], 0, ['b3', 'b2', 'b1'], ['b3', 'b2', 'b1']],
    [2, ['b5', 'b4', 'b3'], 3600, ['b3'], []],
    // keep 1 still keeps the previous build
    [1, ['b3', 'b2', 'b1'], 0, ['b1'], ['b1']],
  ])('keep %i of %j, grace %i s', (keep, k, grace, retired, expired) => {
    const r = retire(live(k), keep, 1000, grace)
    expect(r.retired).toEqual(retired)
    expect(r.expired).toEqual(expired)
    expect(r.meta.k).toEqual(k.filter((b) => !retired.includes(b)))
  })

  it('a retired build goes once its grace is over, and is then dropped from the list', () => {
    const m = live(['b3', 'b2'], {
      x: [
        ['b1', 100],
        ['b0', 900],
      ],
    })
    const r = retire(m, 5, 1000, 500)
    expect(r.expired).toEqual(['b1'])
    expect(r.meta.x).toEqual([
      ['b1', 100],
      ['b0', 900],
    ])
    expect(withoutRetired(r.meta, r.expired).x).toEqual([['b0', 900]])
  })

  it('never retires the previous build, wherever it is in the list (after a rollback)', () => {
    const m = meta({ a: 'b1', s: buildNamespace('b1'), v: 'b5', k: ['b1', 'b4', 'b3', 'b2', 'b5'] })
    const r = retire(m, 2, 1000, 0)
    expect(r.meta.k).toEqual(['b1', 'b4', 'b5'])
    expect(r.expired).toEqual(['b3', 'b2'])
  })

  it('keeps the meta within one 1 KB value: the oldest retired builds go first, grace or not', () => {
    const x = Array.from({ length: 60 }, (_, i) => [`old-build-${i}`, 900 + i] as [string, number])
    const r = retire(live(['b2', 'b1'], { x }), 5, 1000, 10_000)
    expect(Buffer.byteLength(JSON.stringify(r.meta))).toBeLessThanOrEqual(1024)
    expect(r.expired[0]).toBe('old-build-0')
    expect(r.meta.x![0]![0]).toBe(`old-build-${r.expired.length}`)
  })
})

describe('rollbackTarget', () => {
  const m = meta({
    a: 'bbbbbbbbbbbb',
    s: buildNamespace('bbbbbbbbbbbb'),
    v: 'aaaaaaaaaaaa',
    k: ['bbbbbbbbbbbb', 'aaaaaaaaaaaa-2', 'aaaaaaaaaaaa'],
  })
  it.each([
    [undefined, 'aaaaaaaaaaaa'],
    ['aaaaaaaaaaaa', 'aaaaaaaaaaaa'],
    ['aaaaaaa', 'aaaaaaaaaaaa-2'],
    ['a'.repeat(40), 'aaaaaaaaaaaa-2'],
    ['c'.repeat(40), 'cccccccccccc'],
    ['some-build', 'some-build'],
  ])('%s means %s', (want, id) => {
    expect(rollbackTarget(m, want)).toEqual({ id })
  })
  it('needs a live build, and a previous one when none is named', () => {
    expect(rollbackTarget(undefined, undefined)).toMatchObject({
      error: expect.stringContaining('no live build'),
    })
    expect(
      rollbackTarget(meta({ a: 'b1', s: buildNamespace('b1'), k: ['b1'] }), undefined),
    ).toMatchObject({
      error: expect.stringContaining('no previous build'),
    })
  })
})

describe('holds', () => {
  it('live, previous, kept and retired builds are held', () => {
    const m = meta({
      a: 'b4',
      s: buildNamespace('b4'),
      v: 'b3',
      k: ['b4', 'b3', 'b2'],
      x: [['b1', 1]],
    })
    expect(['b4', 'b3', 'b2', 'b1', 'b0'].map((b) => holds(m, b))).toEqual([
      true,
      true,
      true,
      true,
      false,
    ])
    expect(holds(undefined, 'b1')).toBe(false)
  })
})

describe('siteEntries after atomic deploys (back to in place)', () => {
  it('serves in place again, keeps the builds known, and removes the in-place generation it kept named', () => {
    const index = buildIndex([{ path: 'index.html', flags: 1 }])
    const current = meta({
      a: 'b2',
      s: buildNamespace('b2'),
      v: 'b1',
      k: ['b2', 'b1'],
      p: { g: 'eeeeeeee', b: 0, r: 0, h: 0 },
    })
    const e = siteEntries(
      { root: '/', index, notFound: false, redirects: [], headers: [] },
      current,
    )
    const written = parseMeta(e.meta[1])!
    expect(written.a).toBeUndefined()
    expect(written).toMatchObject({ v: 'b2', k: ['b2', 'b1'] })
    expect(written.p).toBeUndefined()
    expect(e.stale).toEqual([`${e.ns}.eeeeeeee.0`])
  })
})

// The deploy state's journal, both ways: what the next run finds changed, whether a journal matches a
// listing, and when a run may write one instead of the whole state.
import { describe, expect, it } from 'vitest'
import { changedSinceBase, checkJournal, nextJournal } from '../../src/journal.js'
import type { RemoteObject } from '../../src/plan.js'
import type { KeyRules } from '../../src/rules.js'
import {
  JOURNAL_LIMIT,
  decodeJournal,
  encodeJournal,
  emptyState,
  type RemoteState,
  type StateEntry,
} from '../../src/state.js'

const md5 = (n: number) => n.toString(16).padStart(32, '0')
const headersOf = (key: string) => ({
  contentType: key.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/css; charset=utf-8',
  cacheControl: key.endsWith('.html') ? 'no-cache' : 'public, max-age=3600',
})
const rules = (key: string): KeyRules => ({
  headers: headersOf(key),
  metadata: key.endsWith('.html'),
  unknownType: false,
})
const entry = (key: string, n: number, size = n): StateEntry => ({
  etag: md5(n),
  md5: md5(n),
  size,
  ...headersOf(key),
})
const at = (s: string) => new Date(`2026-11-23T10:00:${s}Z`)
const listed = (key: string, e: StateEntry, time = at('00')): RemoteObject => ({
  key,
  etag: e.etag,
  size: e.size,
  lastModified: time,
})

const base = new Map<string, StateEntry>([
  ['index.html', entry('index.html', 1)],
  ['a.css', entry('a.css', 2)],
  ['b.css', entry('b.css', 3)],
])

function stateWith(extra: Partial<RemoteState> = {}): RemoteState {
  return {
    ...emptyState(),
    entries: base,
    baseEntries: base,
    writtenAt: at('00'),
    baseWrittenAt: at('00'),
    etag: '"state"',
    ...extra,
  }
}

/** Write a journal for `after` (the entries once a run is done) and read it back at `time`. */
function roundTrip(after: Map<string, StateEntry>, time = at('30'), pending: string[] = []) {
  const text = nextJournal({
    state: stateWith(),
    entries: after,
    updated: 0,
    remaining: after.keys(),
    pending,
    inspected: 0,
    marksChanged: false,
  })
  expect(text).toBeDefined()
  return decodeJournal(text, time)!
}

describe('changedSinceBase', () => {
  it('is the objects the body does not hold, or holds with another ETag or size; never the state', () => {
    const remote = [
      listed('index.html', base.get('index.html')!),
      listed('a.css', entry('a.css', 9, 2)), // same size, other ETag
      listed('b.css', { ...base.get('b.css')!, size: 99 }), // other size
      listed('new.css', entry('new.css', 4)),
      listed('.cdn-publish/state.json', entry('x', 5)),
    ]
    expect(changedSinceBase(remote, base).map((o) => o.key)).toEqual(['a.css', 'b.css', 'new.css'])
  })
})

describe('nextJournal and checkJournal', () => {
  it('a journal written for a run matches the listing that run leaves, with the MD5s that are not ETags', () => {
    const after = new Map(base)
    after.set('a.css', entry('a.css', 7))
    after.set('big.zip', { ...entry('big.zip', 8), etag: 'abc-3', md5: md5(8) })
    const journal = roundTrip(after, at('30'), ['a.css'])
    expect(journal).toMatchObject({ count: 2, md5s: { 'big.zip': md5(8) }, pending: ['a.css'] })
    const remote = [...after].map(([key, e]) => listed(key, e, at('20')))
    const changed = changedSinceBase(remote, base)
    const checked = checkJournal(journal, changed, rules)
    expect('entries' in checked && [...checked.entries]).toEqual([
      ['a.css', after.get('a.css')],
      ['big.zip', after.get('big.zip')],
    ])
  })

  it('does not match when an object changed again, is newer than the journal, has no MD5, or the rules changed', () => {
    const after = new Map(base)
    after.set('a.css', entry('a.css', 7))
    const journal = roundTrip(after)
    const remote = (a: StateEntry, time = at('20')) => [
      listed('index.html', base.get('index.html')!),
      listed('a.css', a, time),
      listed('b.css', base.get('b.css')!),
    ]
    const check = (objects: RemoteObject[], r = rules) =>
      checkJournal(journal, changedSinceBase(objects, base), r)
    expect(check(remote(after.get('a.css')!))).toHaveProperty('entries')
    expect(check(remote(entry('a.css', 6)))).toEqual({
      problem: 'the objects that differ from the state are not the ones its journal describes',
    })
    expect(check(remote(after.get('a.css')!, at('31')))).toEqual({
      problem: 'a.css changed after the journal was written',
    })
    expect(check(remote({ ...after.get('a.css')!, etag: 'abc-2' }))).toEqual({
      problem: 'no MD5 is known for a.css',
    })
    expect(check([...remote(after.get('a.css')!), listed('c.css', entry('c.css', 5))])).toEqual({
      problem: '2 objects differ from the state where its journal says 1',
    })
    const otherRules = (key: string): KeyRules => ({
      ...rules(key),
      headers: { ...headersOf(key), cacheControl: 'public, max-age=60' },
    })
    expect(check(remote(after.get('a.css')!), otherRules)).toHaveProperty('problem')
  })

  it('is not written when the whole state must be', () => {
    const after = new Map(base)
    after.set('a.css', entry('a.css', 7))
    const input = {
      state: stateWith(),
      entries: after,
      updated: 0,
      remaining: after.keys(),
      pending: [],
      inspected: 0,
      marksChanged: false,
    }
    expect(nextJournal(input)).toBeDefined()
    // No body read, or its journal did not match (the state has a journal but no trusted changes).
    expect(
      nextJournal({ ...input, state: { ...stateWith(), baseEntries: undefined } }),
    ).toBeUndefined()
    expect(nextJournal({ ...input, state: { ...stateWith(), etag: undefined } })).toBeUndefined()
    const failed = { base: at('00'), time: at('10'), count: 1, digest: 'x', md5s: {}, pending: [] }
    expect(nextJournal({ ...input, state: stateWith({ journal: failed }) })).toBeUndefined()
    expect(
      nextJournal({ ...input, state: stateWith({ journal: failed, changed: new Set(['a.css']) }) }),
    ).toBeDefined()
    // Objects inspected, marks changed, headers updated in place.
    expect(nextJournal({ ...input, inspected: 1 })).toBeUndefined()
    expect(nextJournal({ ...input, marksChanged: true })).toBeUndefined()
    expect(nextJournal({ ...input, updated: 1 })).toBeUndefined()
    // An object left in the bucket that the state does not describe.
    expect(nextJournal({ ...input, remaining: [...after.keys(), 'kept.txt'] })).toBeUndefined()
    // An entry with the body's ETag and size but other headers: a journal cannot say so.
    const headersOnly = new Map(after)
    headersOnly.set('b.css', { ...base.get('b.css')!, cacheControl: 'no-store' })
    expect(
      nextJournal({ ...input, entries: headersOnly, remaining: headersOnly.keys() }),
    ).toBeUndefined()
    // Too many changes (more than 100, or a tenth of the state), or too many MD5s to fit.
    const many = new Map(base)
    for (let i = 0; i < 101; i++) many.set(`f${i}.css`, entry(`f${i}.css`, 100 + i))
    expect(nextJournal({ ...input, entries: many, remaining: many.keys() })).toBeUndefined()
    const multipart = new Map(base)
    for (let i = 0; i < 40; i++)
      multipart.set(`big${i}.zip`, { ...entry(`big${i}.zip`, 200 + i), etag: `x${i}-2` })
    expect(
      nextJournal({ ...input, entries: multipart, remaining: multipart.keys() }),
    ).toBeUndefined()
  })
})

describe('encodeJournal / decodeJournal', () => {
  it('round-trips as ASCII, and refuses what does not fit or is not a journal', () => {
    const journal = {
      base: at('00'),
      count: 2,
      digest: 'abc_-',
      md5s: { 'ünï/big.zip': md5(1) },
      pending: ['b.html', 'a.html', 'a.html'],
    }
    const text = encodeJournal(journal)!
    expect(text).toMatch(/^[\x21-\x7e]+$/)
    expect(decodeJournal(text, at('09'))).toEqual({
      ...journal,
      time: at('09'),
      pending: ['a.html', 'b.html'],
    })
    const big = { ...journal, pending: Array.from({ length: 200 }, (_, i) => `page-${i}.html`) }
    expect(encodeJournal(big)).toBeUndefined()
    expect(encodeJournal({ ...journal, pending: ['x'.repeat(JOURNAL_LIMIT)] })).toBeUndefined()
    for (const bad of [undefined, '', '%E0%A4%A', 'not json', encodeURIComponent('{"v":2}')])
      expect(decodeJournal(bad, undefined)).toBeUndefined()
    const badMd5 = encodeURIComponent(
      JSON.stringify({ v: 1, base: at('00').toISOString(), n: 1, d: 'x', md5s: { a: 'nope' } }),
    )
    expect(decodeJournal(badMd5, undefined)).toBeUndefined()
  })
})

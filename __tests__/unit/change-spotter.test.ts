// The early hint that a deploy will write (src/change-spotter.ts): fired once, with why, as soon as
// the state, the selection and the hashes show a difference, in whatever order they come; never for
// a build that matches its state.
import { describe, expect, it } from 'vitest'
import { ChangeSpotter } from '../../src/change-spotter.js'
import { emptyState, type RemoteState, type StateEntry } from '../../src/state.js'

const md5 = (c: string) => c.repeat(32)
const entry = (c: string, size = 10): StateEntry => ({
  etag: md5(c),
  md5: md5(c),
  size,
  contentType: 'text/html',
  cacheControl: 'no-cache',
})
function stateOf(entries: Record<string, StateEntry>, pending: string[] = []): RemoteState {
  return { ...emptyState(), entries: new Map(Object.entries(entries)), pending }
}
const found = [
  { key: 'a.html', hashId: 0 },
  { key: 'b.js', hashId: 1 },
]
const hash = (c: string, size = 10) => ({ md5: md5(c), size, mtimeMs: 0 })

function spot() {
  const fired: string[] = []
  return { spotter: new ChangeSpotter((why) => fired.push(why)), fired }
}

describe('ChangeSpotter', () => {
  it('stays quiet for a build that matches its state, whatever the order', () => {
    for (const order of [0, 1, 2]) {
      const { spotter, fired } = spot()
      const steps = [
        () => spotter.state(stateOf({ 'a.html': entry('a'), 'b.js': entry('b') })),
        () => spotter.selected(found),
        () => {
          spotter.hashed(0, hash('a'))
          spotter.hashed(1, hash('b'))
        },
      ]
      const rotated = [...steps.slice(order), ...steps.slice(0, order)]
      for (const step of rotated) step()
      expect(fired).toEqual([])
    }
  })

  it('fires once for a changed file, also when its hash came before the state', () => {
    const { spotter, fired } = spot()
    spotter.hashed(1, hash('c'))
    spotter.selected(found)
    expect(fired).toEqual([])
    spotter.state(stateOf({ 'a.html': entry('a'), 'b.js': entry('b') }))
    expect(fired).toEqual(['b.js changed'])
    spotter.hashed(0, hash('z'))
    expect(fired).toHaveLength(1)
  })

  it('fires for a size change with the same MD5 field, a new file, a removed file, no state, or pending invalidations', () => {
    const both = { 'a.html': entry('a'), 'b.js': entry('b') }
    const cases: Array<[RemoteState, Array<{ key: string; hashId: number }>, RegExp]> = [
      [stateOf({ 'a.html': entry('a') }), found, /differ/],
      [
        stateOf({ 'a.html': entry('a'), 'c.js': entry('b') }),
        found,
        /b\.js is not in the deploy state/,
      ],
      [stateOf({ ...both, 'c.js': entry('c') }), found, /differ/],
      [emptyState(), found, /differ/],
      [stateOf(both, ['x.html']), found, /invalidated/],
    ]
    for (const [state, selection, why] of cases) {
      const { spotter, fired } = spot()
      spotter.selected(selection)
      spotter.state(state)
      expect(fired).toHaveLength(1)
      expect(fired[0]).toMatch(why)
    }
    const { spotter, fired } = spot()
    spotter.selected(found)
    spotter.state(stateOf(both))
    spotter.hashed(0, hash('a', 11))
    expect(fired).toEqual(['a.html changed'])
  })
})

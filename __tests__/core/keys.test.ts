import { describe, expect, it } from 'vitest'
import {
  STATE_KEY,
  isReservedKey,
  joinKey,
  listPrefix,
  siteKeyOf,
  toSiteKey,
} from '../../src/core/keys.js'

describe('joinKey', () => {
  it.each([
    ['', 'index.html', 'index.html'],
    ['site', 'index.html', 'site/index.html'],
    ['site/v1', 'a/b.css', 'site/v1/a/b.css'],
  ])('(%j, %j) -> %j', (prefix, key, expected) => {
    const joined = joinKey(prefix, key)
    expect(joined).toBe(expected)
    expect(joined).not.toContain('//')
    expect(joined.startsWith('/')).toBe(false)
  })
})

describe('listPrefix', () => {
  it.each([
    ['', ''],
    ['site', 'site/'],
    ['site/v1', 'site/v1/'],
  ])('%j -> %j', (prefix, expected) => {
    expect(listPrefix(prefix)).toBe(expected)
  })
})

describe('siteKeyOf', () => {
  it.each([
    ['', 'index.html', 'index.html'],
    ['', 'a/b', 'a/b'],
    ['site', 'site/index.html', 'index.html'],
    ['site', 'site/a/b.css', 'a/b.css'],
    ['site', 'site2/x', undefined],
    ['site', 'site', undefined],
    ['site', 'site/', undefined],
    ['site', 'other/site/x', undefined],
    ['site/v1', 'site/v1/x', 'x'],
    ['site/v1', 'site/v10/x', undefined],
  ])('(%j, %j) -> %j', (prefix, key, expected) => {
    expect(siteKeyOf(prefix, key)).toBe(expected)
  })

  it('inverts joinKey', () => {
    for (const prefix of ['', 'site', 'a/b'])
      for (const key of ['x', 'a/b/c.html', 'é.txt'])
        expect(siteKeyOf(prefix, joinKey(prefix, key))).toBe(key)
  })
})

describe('toSiteKey', () => {
  it('turns NFD into NFC', () => {
    const nfd = 'caf' + 'e\u0301' + '.html'
    const key = toSiteKey(nfd)
    expect(key).toBe('caf\u00e9.html')
    expect(key.length).toBe(nfd.length - 1)
  })

  it.each([
    ['a/b/c.txt', '/', 'a/b/c.txt'],
    ['a\\b\\c.txt', '\\', 'a/b/c.txt'],
    ['dir\\e\u0301', '\\', 'dir/\u00e9'],
    ['with space (1)+x.txt', '/', 'with space (1)+x.txt'],
  ])('%j with separator %j -> %j', (input, separator, expected) => {
    expect(toSiteKey(input, separator)).toBe(expected)
  })
})

describe('isReservedKey', () => {
  it.each([
    [STATE_KEY, true],
    ['.cdn-publish/state.json', true],
    ['.cdn-publish', true],
    ['.cdn-publish/other', true],
    ['.cdn-publishing/x', false],
    ['a/.cdn-publish/state.json', false],
    ['state.json', false],
  ])('%j -> %s', (key, expected) => {
    expect(isReservedKey(key)).toBe(expected)
  })
})

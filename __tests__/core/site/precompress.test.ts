import { describe, expect, it } from 'vitest'
import { compressible, parsePrecompress } from '../../../src/core/site/precompress.js'

describe('precompress', () => {
  it.each([
    ['br, gzip', ['br', 'gzip']],
    ['gzip,br', ['br', 'gzip']],
    ['Brotli', ['br']],
    ['gz', ['gzip']],
    ['', []],
    ['false', []],
    [' off ', []],
  ])('%j reads as %j', (value, expected) => expect(parsePrecompress(value)).toEqual(expected))

  it.each(['zstd', 'br;gzip', 'deflate', 'br, x\ny'])(
    '%j is refused, naming the input and the value',
    (value) => {
      expect(() => parsePrecompress(value)).toThrow(/Input 'precompress' has .*is not an encoding/)
      // Line breaks from an input never reach the log as such.
      expect(() => parsePrecompress(value)).not.toThrow(/\n/)
    },
  )

  it.each([
    ['text/html; charset=utf-8', 2000, true],
    ['application/javascript', 1025, true],
    ['application/javascript', 1024, false],
    ['image/svg+xml', 5000, true],
    ['font/woff2', 50_000, false],
    ['image/png', 50_000, false],
    ['application/wasm', 90_000, true],
  ])('%s of %i bytes: %s', (type, size, expected) =>
    expect(compressible(type, size)).toBe(expected),
  )
})

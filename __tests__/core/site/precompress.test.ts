import { describe, expect, it } from 'vitest'
import { compressible, parsePrecompress, planSiblings } from '../../../src/core/site/precompress.js'

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

describe('planSiblings', () => {
  const types: Record<string, string> = {
    js: 'text/javascript; charset=utf-8',
    html: 'text/html; charset=utf-8',
    png: 'image/png',
    br: 'application/x-brotli',
  }
  const typeOf = (key: string) => types[key.split('.').pop()!] ?? 'application/octet-stream'
  it("one sibling per encoding for text over 1 KB; the build's own kept as its own", () => {
    const files = [
      { key: 'app.js', size: 5000 },
      { key: 'app.js.br', size: 1200 },
      { key: 'tiny.js', size: 100 },
      { key: 'logo.png', size: 50_000 },
      { key: 'index.html', size: 3000 },
      { key: 'lonely.br', size: 3000 },
    ]
    expect(planSiblings(files, typeOf, ['br', 'gzip'])).toEqual([
      { key: 'app.js.br', source: 'app.js', encoding: 'br', own: true },
      { key: 'app.js.gz', source: 'app.js', encoding: 'gzip', own: false },
      { key: 'index.html.br', source: 'index.html', encoding: 'br', own: false },
      { key: 'index.html.gz', source: 'index.html', encoding: 'gzip', own: false },
    ])
    expect(planSiblings(files, typeOf, [])).toEqual([])
  })
})

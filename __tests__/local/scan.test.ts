import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PreflightError } from '../../src/core/errors.js'
import { compileFilter } from '../../src/core/filter.js'
import { READ_BUFFER, hashFileSync } from '../../src/local/hashing.js'
import { compareKeys } from '../../src/core/keys.js'
import { checkSource, scanSource } from '../../src/local/scan.js'

const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex')

describe('compareKeys', () => {
  it.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
    ['', 'a', -1],
    ['a', 'ab', -1],
    ['Z', 'a', -1],
    ['a/b', 'a.b', 1],
    ['a-b', 'a/b', -1],
    ['\u00e9', 'z', 1],
    ['\uE000', '\u{1F600}', -1],
    ['\uFFFF', '\u{10000}', -1],
    ['\uFFFD.txt', '\u{1F4A9}.txt', -1],
    ['\u{1F600}', '\u{1F601}', -1],
    ['x\u{1F600}', 'x\uFB01', 1],
  ])('%j vs %j -> %i', (a, b, sign) => {
    expect(Math.sign(compareKeys(a, b)) || 0).toBe(sign)
    expect(Math.sign(compareKeys(b, a)) || 0).toBe(-sign || 0)
  })

  it('sorts like the UTF-8 bytes (the order S3 lists keys in)', () => {
    const keys = [
      'b',
      'a',
      'a/b',
      'a.b',
      'A',
      '\u00e9',
      '\uE000',
      '\uFFFF',
      '\u{10000}',
      '\u{1F600}',
      'z\u{1F600}',
      'z\uFFFF',
      'z',
      '日本',
      '',
      'ab',
    ]
    const expected = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)))
    expect([...keys].sort(compareKeys)).toEqual(expected)
    // Not the default JavaScript (UTF-16) order, which puts U+E000..U+FFFF after astral characters.
    expect([...keys].sort()).not.toEqual(expected)
  })
})

describe('scanSource and checkSource', () => {
  let base: string
  let root: string
  let outside: string
  const files: Record<string, string> = {
    'index.html': '<h1>hello</h1>',
    'assets/app.3f2a9c1b.js': 'console.log(1)',
    'assets/empty.txt': '',
    'with space.txt': 'space',
    'a+b.txt': 'plus',
    'page(1).html': 'parens',
    'naïve/日本語.txt': 'unicode',
    '.well-known/security.txt': 'Contact: mailto:security@example.com',
    '.env': 'SECRET=1',
    '.DS_Store': 'junk',
    '.hidden/a.txt': 'hidden',
    'sub/.npmrc': '//registry.npmjs.org/:_authToken=x',
    'key.pem': '-----BEGIN PRIVATE KEY-----',
    'real/data.txt': 'data',
    '.cdn-publish/state.json': '{}',
  }
  const nfdName = 'cafe\u0301.txt'

  beforeAll(async () => {
    base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'cdn-publish-unit-')))
    root = path.join(base, 'site')
    outside = path.join(base, 'outside')
    await fs.mkdir(outside, { recursive: true })
    await fs.writeFile(path.join(outside, 'secret.txt'), 'not yours')
    for (const [name, content] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true })
      await fs.writeFile(path.join(root, name), content)
    }
    await fs.writeFile(path.join(root, nfdName), 'nfd')
    await fs.writeFile(path.join(root, 'big.bin'), Buffer.alloc(3 * 1024 * 1024 + 7, 0xab))
    await fs.symlink('real', path.join(root, 'linked-dir'))
    await fs.symlink('index.html', path.join(root, 'alias.html'))
  })

  afterAll(async () => {
    await fs.rm(base, { recursive: true, force: true })
  })

  const filter = (include = ['**'], exclude: string[] = []) => compileFilter({ include, exclude })

  it('selects, names and hashes the files, sorted by key', async () => {
    const { files: found } = await scanSource(await checkSource(root, 'site'), filter())
    const keys = found.map((f) => f.key)
    expect(keys).toEqual([
      '.well-known/security.txt',
      'a+b.txt',
      'alias.html',
      'assets/app.3f2a9c1b.js',
      'assets/empty.txt',
      'big.bin',
      'caf\u00e9.txt',
      'index.html',
      'linked-dir/data.txt',
      'naïve/日本語.txt',
      'page(1).html',
      'real/data.txt',
      'with space.txt',
    ])
    expect([...keys].sort(compareKeys)).toEqual(keys)
  })

  it('hashes with MD5 and records size and path', async () => {
    const { files: found } = await scanSource(root, filter())
    const byKey = new Map(found.map((f) => [f.key, f]))
    for (const [name, content] of Object.entries(files)) {
      const f = byKey.get(name)
      if (!f) continue
      expect(f.md5).toBe(md5(content))
      expect(f.size).toBe(Buffer.byteLength(content))
      expect(f.path).toBe(path.join(root, name))
    }
    expect(byKey.get('assets/empty.txt')!.md5).toBe('d41d8cd98f00b204e9800998ecf8427e')
    const big = byKey.get('big.bin')!
    expect(big.size).toBe(3 * 1024 * 1024 + 7)
    expect(big.md5).toBe(md5(Buffer.alloc(3 * 1024 * 1024 + 7, 0xab)))
    expect(hashFileSync(path.join(root, 'big.bin'), Buffer.alloc(READ_BUFFER)).md5).toBe(big.md5)
  })

  it('gives an NFD file name an NFC key, and reads the file by its real name', async () => {
    const { files: found } = await scanSource(root, filter())
    const f = found.find((x) => x.key === 'caf\u00e9.txt')!
    expect(f.key.normalize('NFC')).toBe(f.key)
    expect(f.path).toBe(path.join(root, nfdName))
    expect(f.md5).toBe(md5('nfd'))
  })

  it('follows symbolic links that stay inside the source', async () => {
    const { files: found } = await scanSource(root, filter())
    const byKey = new Map(found.map((f) => [f.key, f]))
    expect(byKey.get('alias.html')).toMatchObject({
      md5: md5(files['index.html']!),
      path: path.join(root, 'index.html'),
    })
    expect(byKey.get('linked-dir/data.txt')).toMatchObject({
      md5: md5('data'),
      path: path.join(root, 'real/data.txt'),
    })
    expect(byKey.get('real/data.txt')).toMatchObject({ md5: md5('data') })
  })

  it('leaves out hidden files, secrets and the state, and says why', async () => {
    const { files: found, skipped } = await scanSource(root, filter())
    const keys = found.map((f) => f.key)
    for (const key of [
      '.env',
      '.DS_Store',
      '.hidden/a.txt',
      'sub/.npmrc',
      'key.pem',
      '.cdn-publish/state.json',
    ])
      expect(keys).not.toContain(key)
    expect(skipped).toEqual([
      { key: '.DS_Store', verdict: 'hidden' },
      { key: '.env', verdict: 'secret' },
      { key: 'key.pem', verdict: 'secret' },
      { key: 'sub/.npmrc', verdict: 'secret' },
    ])
  })

  it('applies include and exclude', async () => {
    const { files: found, skipped } = await scanSource(
      root,
      // A credential-like file is published only by a glob naming it literally.
      filter(['assets/**', 'key.pem'], ['*.txt']),
    )
    expect(found.map((f) => f.key)).toEqual(['assets/app.3f2a9c1b.js', 'key.pem'])
    expect(skipped).toContainEqual({ key: 'assets/empty.txt', verdict: 'excluded' })
    expect(skipped).toContainEqual({ key: '.well-known/security.txt', verdict: 'excluded' })
    expect(skipped).toContainEqual({ key: 'index.html', verdict: 'not-included' })
  })

  it('refuses a symbolic link that escapes the source, naming it', async () => {
    const dir = path.join(base, 'escape')
    await fs.mkdir(dir)
    await fs.writeFile(path.join(dir, 'index.html'), 'x')
    await fs.symlink(outside, path.join(dir, 'shared'))
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(dir, 'leak.txt'))
    const error = await scanSource(dir, filter()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PreflightError)
    expect((error as Error).message).toMatch(
      /The symbolic link "(shared|leak\.txt)" in the source points outside it/,
    )
    expect((error as Error).message).toContain(outside)

    // Excluded, the links are skipped and nothing outside is read.
    const { files: found } = await scanSource(dir, filter(['**'], ['shared/**', 'leak.txt']))
    expect(found.map((f) => f.key)).toEqual(['index.html'])
    const viaName = await scanSource(dir, filter(['**'], ['shared', 'leak.txt']))
    expect(viaName.files.map((f) => f.key)).toEqual(['index.html'])
  })

  it('refuses a dangling link that would be published, and ignores one that would not', async () => {
    const dir = path.join(base, 'dangling')
    await fs.mkdir(dir)
    await fs.writeFile(path.join(dir, 'index.html'), 'x')
    await fs.symlink('missing.html', path.join(dir, 'broken.html'))
    await expect(scanSource(dir, filter())).rejects.toThrow(
      /"broken\.html" in the source points to nothing/,
    )
    const { files: found } = await scanSource(dir, filter(['**'], ['broken.html']))
    expect(found.map((f) => f.key)).toEqual(['index.html'])
  })

  it('does not loop on a link to a parent directory', async () => {
    const dir = path.join(base, 'loop')
    await fs.mkdir(path.join(dir, 'a'), { recursive: true })
    await fs.writeFile(path.join(dir, 'a/file.txt'), 'x')
    await fs.symlink('..', path.join(dir, 'a/up'))
    const { files: found } = await scanSource(dir, filter())
    expect(found.map((f) => f.key)).toEqual(['a/file.txt'])
  })

  it('does not loop on two directories linking to each other, and publishes both ways in', async () => {
    const dir = path.join(base, 'mutual')
    await fs.mkdir(path.join(dir, 'a'), { recursive: true })
    await fs.mkdir(path.join(dir, 'b'), { recursive: true })
    await fs.writeFile(path.join(dir, 'a/1.txt'), '1')
    await fs.writeFile(path.join(dir, 'b/2.txt'), '2')
    await fs.symlink('../b', path.join(dir, 'a/to-b'))
    await fs.symlink('../a', path.join(dir, 'b/to-a'))
    const { files: found } = await scanSource(dir, filter())
    expect(found.map((f) => f.key)).toEqual(['a/1.txt', 'a/to-b/2.txt', 'b/2.txt', 'b/to-a/1.txt'])
  })

  it('refuses two names that are the same once NFC-normalised', async () => {
    const dir = path.join(base, 'collide')
    await fs.mkdir(dir)
    await fs.writeFile(path.join(dir, 'caf\u00e9.txt'), '1')
    await fs.writeFile(path.join(dir, 'cafe\u0301.txt'), '2')
    await expect(scanSource(dir, filter())).rejects.toThrow(
      /same name once Unicode-normalized \(NFC\): "caf\u00e9\.txt"/,
    )
  })

  it('refuses a control character in a published name', async () => {
    const dir = path.join(base, 'control')
    await fs.mkdir(dir)
    await fs.writeFile(path.join(dir, 'bad\tname.txt'), '1')
    await expect(scanSource(dir, filter())).rejects.toThrow(
      /"bad\\tname.txt" in the source holds U\+0009/,
    )
  })

  it('checkSource returns the real path of a directory', async () => {
    await fs.symlink(root, path.join(base, 'site-link'))
    expect(await checkSource(path.join(base, 'site-link'), 'site-link')).toBe(root)
  })

  it('checkSource names the input and the path when it does not exist', async () => {
    const missing = path.join(base, 'no-such-dir')
    const error = await checkSource(missing, 'build/out').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PreflightError)
    expect((error as Error).message).toContain("Input 'source'")
    expect((error as Error).message).toContain('"build/out"')
    expect((error as Error).message).toContain('does not exist')
    expect((error as Error).message).toContain(missing)
  })

  it('checkSource names the input when it is a file', async () => {
    const error = await checkSource(path.join(root, 'index.html'), 'site/index.html').catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(PreflightError)
    expect((error as Error).message).toContain("Input 'source'")
    expect((error as Error).message).toContain('"site/index.html"')
    expect((error as Error).message).toContain('is a file, not a directory')
  })
})

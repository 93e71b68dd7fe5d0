// Reading ListObjectsV2 answers without the SDK's XML parser: S3's layout, entities, empty and
// truncated pages, and answers that must not be taken for a page.
import { describe, expect, it } from 'vitest'
import { decodeXmlText, detached, parseListPage } from '../../src/list-page.js'

const entry = (key: string, etag: string, size: number, time = '2026-11-22T10:00:00.000Z') =>
  `<Contents><Key>${key}</Key><LastModified>${time}</LastModified><ETag>${etag}</ETag><ChecksumAlgorithm>CRC32</ChecksumAlgorithm><Size>${size}</Size><StorageClass>STANDARD</StorageClass></Contents>`

const page = (entries: string, tail: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>site/</Prefix>${entries}${tail}</ListBucketResult>`

describe('parseListPage', () => {
  it('reads key, ETag (quotes kept), size and time of each entry, and the continuation', () => {
    const xml = page(
      entry('site/a.html', '&quot;0cc175b9c0f1b6a831c399e269772661&quot;', 1) +
        entry('site/big.bin', '&quot;9b2cf535f27731c974343645a3985328-3&quot;', 25165824),
      '<KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>',
    )
    expect(parseListPage(xml)).toEqual({
      objects: [
        {
          key: 'site/a.html',
          etag: '"0cc175b9c0f1b6a831c399e269772661"',
          size: 1,
          lastModified: new Date('2026-11-22T10:00:00.000Z'),
        },
        {
          key: 'site/big.bin',
          etag: '"9b2cf535f27731c974343645a3985328-3"',
          size: 25165824,
          lastModified: new Date('2026-11-22T10:00:00.000Z'),
        },
      ],
      isTruncated: true,
      nextContinuationToken: '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
    })
  })

  it('decodes entities in keys: & < > quotes, and numeric references', () => {
    const xml = page(
      entry('site/a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#x1F600;.txt', '"x"', 3),
      '<IsTruncated>false</IsTruncated>',
    )
    expect(parseListPage(xml).objects[0]!.key).toBe(`site/a&b <c> "d" 'e' é😀.txt`)
  })

  it('an empty listing, and the page fields before the entries (as some servers write them)', () => {
    expect(
      parseListPage(page('', '<KeyCount>0</KeyCount><IsTruncated>false</IsTruncated>')),
    ).toEqual({
      objects: [],
      isTruncated: false,
      nextContinuationToken: undefined,
    })
    const first = `<ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>t1</NextContinuationToken>${entry('k', '"e"', 5)}</ListBucketResult>`
    expect(parseListPage(first)).toMatchObject({ isTruncated: true, nextContinuationToken: 't1' })
    expect(parseListPage(first).objects.map((o) => o.key)).toEqual(['k'])
  })

  it.each([
    [
      'an error document',
      '<?xml version="1.0"?><Error><Code>NoSuchBucket</Code></Error>',
      /not a ListBucketResult/,
    ],
    [
      'a cut-off answer',
      page(entry('k', '"e"', 1), '<IsTruncated>false</IsTruncated>').slice(0, 150),
      /not a ListBucketResult|not closed/,
    ],
    [
      'an entry cut inside',
      `<ListBucketResult><Contents><Key>k</Key><Size>1</Size></ListBucketResult>`,
      /not closed/,
    ],
    [
      'an entry without a key',
      `<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>`,
      /no <Key>/,
    ],
    [
      'a bad size',
      `<ListBucketResult>${entry('k', '"e"', 1).replace('<Size>1', '<Size>x')}</ListBucketResult>`,
      /bad size/,
    ],
    [
      'a bad time',
      `<ListBucketResult>${entry('k', '"e"', 1, 'yesterday')}</ListBucketResult>`,
      /bad size or time/,
    ],
  ])('refuses %s', (_, xml, message) => {
    expect(() => parseListPage(xml)).toThrow(message)
  })
})

describe('detached', () => {
  it('gives the same text, short, long, non-ASCII or cut from a bigger string', () => {
    const page = `<Key>${'k'.repeat(40)}/caf\u00e9/\u{1F600}.txt</Key>`.repeat(3)
    const cut = page.slice(5, page.indexOf('</Key>'))
    for (const text of ['', 'a', 'twelve chars', 'thirteen char', cut, page])
      expect(detached(text)).toBe(text)
  })
})

describe('decodeXmlText', () => {
  it.each([
    ['plain', 'plain'],
    ['a&amp;amp;b', 'a&amp;b'],
    ['&#38;&#x26;', '&&'],
    ['&unknown;', '&unknown;'],
    ['&quot;0cc175b9&quot;', '"0cc175b9"'],
    ['&quot;a&amp;b&quot;', '"a&b"'],
    ['&quot;&quot;', '""'],
    ['&quot;x', '"x'],
  ])('%s -> %s', (input, output) => {
    expect(decodeXmlText(input)).toBe(output)
  })
})

// What real CloudFront accepts (comments, tag values, function code) and the pure helpers that make every
// text the action sends fit by construction; the public-key count; which resources a clean-up removes.
import { describe, expect, it } from 'vitest'
import type { OwnedCandidate } from '../../src/cloudfront/owned.js'
import {
  isMarkComment,
  isMarkTag,
  legacyMarkComment,
  legacyMarkTag,
  markComment,
  markTag,
  oacName,
} from '../../src/cloudfront/distribution.js'
import {
  COMMENT_MAX,
  FUNCTION_CODE_MAX,
  NAME_MAX,
  TAG_VALUE_MAX,
  fitComment,
  isComment,
  markedComment,
  tagText,
  tagValue,
} from '../../src/cloudfront/limits.js'
import { PRUNE_MIN_AGE_MS, functionNameOf, pruneCandidates } from '../../src/cloudfront/prune.js'
import {
  MAX_PUBLIC_KEYS_PER_KEY_GROUP,
  checkPublicKeyCount,
  isOwnKeyName,
} from '../../src/cloudfront/signing.js'
import {
  isOwnFunctionName,
  viewerRequestCode,
  viewerRequestComment,
  viewerRequestName,
  viewerResponseCode,
  viewerResponseComment,
} from '../../src/cloudfront/viewer-request.js'

/** The TagValue pattern of the CloudFront API model, anchored. */
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u

function validTag(value: string): boolean {
  return value.length <= TAG_VALUE_MAX && TAG_PATTERN.test(value)
}

/** The longest legal inputs: a 63-character bucket, a 1,024-byte prefix, a 253-character domain. */
const LONG_BUCKET = `${'b'.repeat(30)}.${'c'.repeat(32)}`
const LONG_DOMAIN = `${Array.from({ length: 3 }, () => 'd'.repeat(63)).join('.')}.${'e'.repeat(61)}`
// 1,024 bytes of the characters tags refuse, letters of several widths and an astral one (4 bytes)
const LONG_PREFIX = (() => {
  let p = ''
  const parts = ['~team/', 'docs (beta)/', 'ünïcödé/', '文档/', '😀/', "it's/", 'a=b/', 'x%20y/']
  for (let i = 0; Buffer.byteLength(p) < 1024; i++) p += parts[i % parts.length]
  while (Buffer.byteLength(p) > 1024) p = p.slice(0, -1)
  if (/[\uD800-\uDBFF]$/.test(p)) p = p.slice(0, -1)
  return p
})()

describe('the longest legal inputs', () => {
  it('are as long as they may be', () => {
    expect(LONG_BUCKET).toHaveLength(63)
    expect(LONG_DOMAIN).toHaveLength(253)
    expect(Buffer.byteLength(LONG_PREFIX)).toBeGreaterThanOrEqual(1021)
    expect(Buffer.byteLength(LONG_PREFIX)).toBeLessThanOrEqual(1024)
  })
})

describe('tagValue', () => {
  it('keeps a valid value as it is (what earlier versions wrote)', () => {
    for (const text of ['s3://site-bucket/site', 's3://b/', 'previews', 'ünï cödé/文档', ''])
      expect(tagValue(text)).toBe(text)
  })

  it('escapes what the pattern refuses: s3://bucket/~team/docs (beta)', () => {
    const value = tagValue('s3://bucket/~team/docs (beta)')
    expect(value).toBe('s3://bucket/=7Eteam/docs =28beta=29')
    expect(validTag(value)).toBe(true)
    expect(tagText(value)).toBe('s3://bucket/~team/docs (beta)')
  })

  it('escapes `=` itself, so that an escaped value never equals a raw one', () => {
    expect(tagValue('a=7E')).toBe('a=3D7E')
    expect(tagValue('a~')).toBe('a=7E')
    expect(tagValue('a=7E')).not.toBe(tagValue('a~'))
    expect(tagText(tagValue('a=7E'))).toBe('a=7E')
  })

  it('past 256: a readable start, `==` and the SHA-256; never cut inside an escape', () => {
    const mark = `s3://${LONG_BUCKET}/${LONG_PREFIX}`
    const value = tagValue(mark)
    expect(validTag(value)).toBe(true)
    expect(value).toMatch(/^s3:\/\/b+\.c+\/=7Eteam\//)
    expect(value).toMatch(/==[0-9a-f]{64}$/)
    expect(value.slice(0, -66)).not.toMatch(/=[0-9A-F]?$/)
    expect(tagValue(mark)).toBe(value)
    expect(tagValue(`${mark}x`)).not.toBe(value)
    expect(tagText(value)).toBeUndefined()
    for (let cut = 240; cut < 300; cut++) {
      const v = tagValue(`${'~'.repeat(cut)}${'😀'.repeat(cut % 7)}`)
      expect(validTag(v)).toBe(true)
      expect(v.slice(0, -66)).not.toMatch(/=[0-9A-F]?$/)
    }
  })

  it('a value of 256 valid characters stays; 257 is digested', () => {
    expect(tagValue('v'.repeat(256))).toBe('v'.repeat(256))
    expect(tagValue('v'.repeat(257))).toMatch(/^v+==[0-9a-f]{64}$/)
  })

  it('over many generated texts: always valid, and different texts never share a value', () => {
    const alphabet = [
      'a',
      'Z',
      '9',
      '/',
      '.',
      '-',
      '=',
      '~',
      '(',
      ')',
      ' ',
      '%',
      "'",
      'é',
      '文',
      '😀',
      '\u0301',
      '*',
    ]
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const seen = new Map<string, string>()
    for (let i = 0; i < 3000; i++) {
      let text = ''
      const length = Math.floor(random() * (i % 10 === 0 ? 300 : 40))
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)]
      const value = tagValue(text)
      expect(validTag(value), text).toBe(true)
      const before = seen.get(value)
      if (before !== undefined) expect(before).toBe(text)
      seen.set(value, text)
      const back = tagText(value)
      if (back !== undefined) expect(back).toBe(text)
    }
  })
})

describe('the mark tag and Comment', () => {
  it('markTag of a prefix with ~ ( ) is valid; both it and the raw tag earlier versions wrote are recognised', () => {
    const value = markTag('bucket', '~team/docs (beta)')
    expect(validTag(value)).toBe(true)
    expect(isMarkTag(value, 'bucket', '~team/docs (beta)')).toBe(true)
    expect(legacyMarkTag('bucket', '~team/docs (beta)')).toBe('s3://bucket/~team/docs (beta)')
    expect(isMarkTag('s3://bucket/~team/docs (beta)', 'bucket', '~team/docs (beta)')).toBe(true)
    expect(isMarkTag(value, 'bucket', '~team/docs')).toBe(false)
    expect(isMarkTag(undefined, 'bucket', 'x')).toBe(false)
  })

  it('the legacy long tag form (`~` + 16 hex) is still recognised', () => {
    const prefix = 'y'.repeat(400)
    const legacy = legacyMarkTag('bucket', prefix)
    expect(legacy).toMatch(/~[0-9a-f]{16}$/)
    expect(isMarkTag(legacy, 'bucket', prefix)).toBe(true)
    expect(validTag(markTag('bucket', prefix))).toBe(true)
  })

  it('markComment of the longest inputs fits and carries only printable characters', () => {
    const comment = markComment(LONG_BUCKET, LONG_PREFIX)
    expect(comment.length).toBeLessThanOrEqual(COMMENT_MAX)
    expect(isComment(comment)).toBe(true)
    expect(isMarkComment(comment, LONG_BUCKET, LONG_PREFIX)).toBe(true)
    expect(isMarkComment(comment, LONG_BUCKET, `${LONG_PREFIX.slice(0, -1)}`)).toBe(false)
  })

  it('a plain long prefix gives the comment earlier versions gave (their distributions are found)', () => {
    const prefix = `previews/${'x'.repeat(200)}`
    expect(markComment('site-bucket', prefix)).toBe(legacyMarkComment('site-bucket', prefix))
  })

  it('where earlier versions split a surrogate pair, the new comment differs and both are recognised', () => {
    const prefix = `${'p'.repeat(80)}${'😀'.repeat(40)}`
    const legacy = legacyMarkComment('site-bucket', prefix)
    expect(legacy).toMatch(/[\uD800-\uDBFF]~/)
    const comment = markComment('site-bucket', prefix)
    expect(isComment(comment)).toBe(true)
    expect(comment).not.toBe(legacy)
    expect(isMarkComment(legacy, 'site-bucket', prefix)).toBe(true)
    expect(isMarkComment(comment, 'site-bucket', prefix)).toBe(true)
  })

  it('an unprintable character never reaches a Comment', () => {
    const comment = markedComment('cdn-publish s3://b/a\u202Eb\u0007c')
    expect(isComment(comment)).toBe(true)
    expect(comment).toMatch(/~[0-9a-f]{16}$/)
  })
})

describe('every other Comment the action sends', () => {
  it('the viewer-request function with a 253-character preview domain', () => {
    const options = {
      prettyUrls: true,
      spa: true,
      previewRoot: 'previews',
      previewDomain: LONG_DOMAIN,
    }
    const comment = viewerRequestComment(options)
    expect(comment.length).toBeLessThanOrEqual(COMMENT_MAX)
    expect(isComment(comment)).toBe(true)
    expect(comment).toMatch(
      /^cdn-publish viewer request \(pretty-urls: true, spa: true, previews at \*\.d+/,
    )
    expect(comment.endsWith('...')).toBe(true)
  })

  it('short ones are unchanged', () => {
    expect(viewerRequestComment({ prettyUrls: true, spa: false })).toBe(
      'cdn-publish viewer request (pretty-urls: true, spa: false)',
    )
    expect(viewerResponseComment()).toBe('cdn-publish viewer response (noindex on previews)')
    expect(fitComment('cdn-publish')).toBe('cdn-publish')
  })

  it('fitComment bounds any text, never splitting a surrogate pair', () => {
    for (const text of [
      `cdn-publish: CloudFront reads s3://${LONG_BUCKET} with SigV4`,
      LONG_PREFIX,
      '😀'.repeat(200),
      'x'.repeat(129),
      'a\u0000b\u2028c',
    ]) {
      const comment = fitComment(text)
      expect(comment.length).toBeLessThanOrEqual(COMMENT_MAX)
      expect(isComment(comment)).toBe(true)
    }
    expect(fitComment('x'.repeat(129))).toBe(`${'x'.repeat(125)}...`)
  })

  it('the OAC name of the longest bucket fits 64 characters', () => {
    expect(oacName(LONG_BUCKET).length).toBeLessThanOrEqual(NAME_MAX)
    expect(oacName('site-bucket')).toBe('cdn-publish-site-bucket')
  })
})

describe('function code', () => {
  it('stays under 10 KB with the longest preview domain and prefix', () => {
    const root = LONG_PREFIX.slice(0, 400)
    const request = viewerRequestCode({
      prettyUrls: true,
      spa: true,
      previewRoot: root,
      previewDomain: LONG_DOMAIN,
    })
    const response = viewerResponseCode({ previewRoot: root, previewDomain: LONG_DOMAIN })
    expect(Buffer.byteLength(request)).toBeLessThanOrEqual(FUNCTION_CODE_MAX)
    expect(Buffer.byteLength(response)).toBeLessThanOrEqual(FUNCTION_CODE_MAX)
  })

  it('keeps the names earlier versions gave for the same options (no needless rotation)', () => {
    expect(viewerRequestName(viewerRequestCode({ prettyUrls: true, spa: false }))).toBe(
      'cdn-publish-06c88aec',
    )
    expect(
      viewerRequestName(
        viewerRequestCode({ prettyUrls: true, spa: false, previewRoot: 'previews' }),
      ),
    ).toBe('cdn-publish-94888ca8')
    expect(
      viewerRequestName(
        viewerRequestCode({
          prettyUrls: false,
          spa: true,
          previewRoot: 'previews',
          previewDomain: 'preview.example.com',
        }),
      ),
    ).toBe('cdn-publish-501cc181')
    expect(
      viewerRequestName(
        viewerResponseCode({ previewRoot: 'previews', previewDomain: 'preview.example.com' }),
      ),
    ).toBe('cdn-publish-093c584d')
  })

  it("a preview root with ' and \\ is a string in the code, not code", () => {
    const root = "it's\\here"
    const code = viewerRequestCode({ prettyUrls: true, spa: false, previewRoot: root })
    // The generated function's code, run as the edge runs it: evaluating it is the point of the test.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const handler = (new Function(`${code}; return handler`) as () => unknown)() as (
      e: unknown,
    ) => {
      uri: string
    }
    const request = handler({ request: { uri: `/${root}/pr-1/docs/`, headers: {} } })
    expect(request.uri).toBe(`/${root}/pr-1/docs/index.html`)
    const response = viewerResponseCode({ previewRoot: root, previewDomain: undefined })
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const onResponse = (new Function(`${response}; return handler`) as () => unknown)() as (
      e: unknown,
    ) => {
      headers: Record<string, unknown>
    }
    expect(
      onResponse({ request: { uri: `/${root}/x`, headers: {} }, response: { headers: {} } })
        .headers['x-robots-tag'],
    ).toEqual({ value: 'noindex, nofollow' })
  })
})

describe('checkPublicKeyCount', () => {
  it('takes up to 5 keys (Quotas on key groups) and names the limit beyond', () => {
    expect(MAX_PUBLIC_KEYS_PER_KEY_GROUP).toBe(5)
    for (const n of [0, 1, 5]) expect(checkPublicKeyCount(n)).toBeUndefined()
    expect(checkPublicKeyCount(6)).toMatch(/at most 5 public keys, and 6 are given/)
  })
})

describe('pruneCandidates', () => {
  const NOW = 1_800_000_000_000
  const OLD = NOW - PRUNE_MIN_AGE_MS
  const RECENT = NOW - PRUNE_MIN_AGE_MS + 1
  const fn = (
    name: string,
    changed: number | undefined = OLD,
    comment = 'cdn-publish viewer request (x)',
  ) => ({ id: name, name, comment, changed }) satisfies OwnedCandidate
  const key = (
    id: string,
    name: string,
    changed: number | undefined = OLD,
    comment = 'cdn-publish',
  ) => ({
    id,
    name,
    comment,
    changed,
  })
  const group = (
    id: string,
    name: string,
    keys: string[],
    changed: number | undefined = OLD,
    comment = 'cdn-publish',
  ) => ({
    ...key(id, name, changed, comment),
    publicKeyIds: keys,
  })
  const own = (n: number) => `cdn-publish-${String(n).padStart(12, '0')}`

  it('removes only the action’s, unused, settled resources', () => {
    const going = pruneCandidates({
      now: NOW,
      functions: [
        fn('cdn-publish-0000000a'), // unused, own, old: goes
        fn('cdn-publish-0000000b'), // used by some distribution
        fn('cdn-publish-0000000c', RECENT), // too recent: a deploy may be about to use it
        { ...fn('cdn-publish-0000000d'), changed: undefined }, // no date: kept
        fn('cdn-publish-0000000e', OLD, 'made by hand'), // the name fits, the comment is not ours
        fn('my-function'), // not ours
        fn('cdn-publish-viewer-x'), // not the action's naming
      ],
      keyGroups: [
        group('G1', own(1), ['K1']), // unused: goes, and K1 with it
        group('G2', own(2), ['K2']), // trusted by a distribution
        group('G3', 'by-hand', ['K3']), // not ours: stays, so K3 is in use
        group('G4', own(4), ['K4'], RECENT), // recent: stays, K4 too
      ],
      publicKeys: [
        key('K1', own(11)),
        key('K2', own(12)),
        key('K3', own(13)),
        key('K4', own(14)),
        key('K5', own(15)), // in no group: goes
        key('K6', 'by-hand'), // not ours
        key('K7', own(17), OLD, 'other'), // not our comment
      ],
      usedFunctionNames: new Set(['cdn-publish-0000000b']),
      usedKeyGroupIds: new Set(['G2']),
    })
    expect(going.functions.map((f) => f.name)).toEqual(['cdn-publish-0000000a'])
    expect(going.keyGroups.map((g) => g.id)).toEqual(['G1'])
    expect(going.publicKeys.map((k) => k.id)).toEqual(['K1', 'K5'])
  })

  it('name helpers', () => {
    expect(functionNameOf('arn:aws:cloudfront::123456789012:function/cdn-publish-0000000a')).toBe(
      'cdn-publish-0000000a',
    )
    expect(isOwnFunctionName(viewerRequestName('x'))).toBe(true)
    expect(isOwnFunctionName('cdn-publish-0000000')).toBe(false)
    expect(isOwnKeyName(own(1))).toBe(true)
    expect(isOwnKeyName('cdn-publish-site-bucket')).toBe(false)
  })
})

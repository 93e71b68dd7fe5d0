// What the deploy state remembers of the CDN side: a fingerprint that changes with every input the
// distribution depends on (and with nothing else), and records read back only when well-formed.
import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/action/inputs.js'
import {
  cdnFingerprint,
  readRemembered,
  rememberOf,
  sameRemembered,
} from '../../src/cloudfront/remembered.js'
import type { DistributionOutcome } from '../../src/cloudfront/outcome.js'

const BASE = { INPUT_SOURCE: 'dist', INPUT_BUCKET: 'my-site', INPUT_PREFIX: 'site' }
const config = (inputs: Record<string, string> = {}) =>
  parseConfig({ ...BASE, GITHUB_WORKSPACE: '/work', ...inputs })

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const PUBLIC = publicKey.export({ type: 'spki', format: 'pem' }) as string
const PRIVATE = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string

describe('cdnFingerprint', () => {
  const base = cdnFingerprint(config())

  it.each([
    [
      'aliases',
      {
        INPUT_ALIASES: 'www.example.com',
        'INPUT_CERTIFICATE-ARN':
          'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
      },
    ],
    ['price class', { 'INPUT_PRICE-CLASS': 'PriceClass_All' }],
    ['spa', { INPUT_SPA: 'true' }],
    ['pretty urls', { 'INPUT_PRETTY-URLS': 'false' }],
    ['distribution id', { 'INPUT_DISTRIBUTION-ID': 'E2QWRUHEXAMPLE' }],
    ['viewer access', { 'INPUT_VIEWER-ACCESS': 'public' }],
    ['public key', { 'INPUT_PUBLIC-KEY': PUBLIC }],
    ['tags', { INPUT_TAGS: 'team=web' }],
    ['bucket', { INPUT_BUCKET: 'other-site' }],
    ['prefix', { INPUT_PREFIX: 'other' }],
    ['region', { AWS_REGION: 'eu-west-1' }],
  ])('changes with %s', (_what, inputs) => {
    expect(cdnFingerprint(config(inputs))).not.toBe(base)
  })

  it.each([
    ['the files', { INPUT_SOURCE: 'build' }],
    ['cache-control rules', { 'INPUT_CACHE-CONTROL': '*.css: max-age=60' }],
    ['concurrency', { INPUT_CONCURRENCY: '8' }],
    ['the invalidation budget', { 'INPUT_INVALIDATION-MAX-PATHS': '30' }],
  ])('does not change with %s', (_what, inputs) => {
    expect(cdnFingerprint(config(inputs))).toBe(base)
  })

  it('holds the private key only as its public half', () => {
    const signed = config({ 'INPUT_PUBLIC-KEY': PUBLIC, 'INPUT_PRIVATE-KEY': PRIVATE })
    const text = JSON.stringify(rememberOf(signed, outcome()))
    for (const line of PRIVATE.split('\n').filter((l) => l && !l.startsWith('-----')))
      expect(text).not.toContain(line)
  })
})

function outcome(over: Partial<DistributionOutcome> = {}): DistributionOutcome {
  return {
    id: 'E1',
    arn: 'arn:aws:cloudfront::1:distribution/E1',
    domain: 'd1.cloudfront.net',
    aliases: [],
    status: 'Deployed',
    enabled: true,
    action: 'unchanged',
    changes: [],
    owned: true,
    originPath: '/site',
    deployed: undefined,
    etag: 'E2QWRUHEXAMPLE',
    ...over,
  }
}

describe('rememberOf and readRemembered', () => {
  it('records what was ensured, and reads it back', () => {
    const record = rememberOf(config(), outcome())!
    expect(record).toMatchObject({ id: 'E1', etag: 'E2QWRUHEXAMPLE', owned: true })
    expect(readRemembered(JSON.parse(JSON.stringify(record)))).toEqual(record)
    expect(sameRemembered(record, readRemembered(JSON.parse(JSON.stringify(record))))).toBe(true)
  })

  it.each([
    ['no ETag', { etag: undefined }],
    ['nothing created yet (dry run)', { action: 'would-create' as const }],
    ['a change only planned', { action: 'would-update' as const }],
  ])('records nothing with %s', (_what, over) => {
    expect(rememberOf(config(), outcome(over))).toBeUndefined()
  })

  it.each([
    ['null', null],
    ['a string', 'E1'],
    ['no etag', { ...rememberOf(config(), outcome()), etag: 3 }],
    ['aliases not strings', { ...rememberOf(config(), outcome()), aliases: [1] }],
    ['bad signing', { ...rememberOf(config(), outcome()), signing: { keyGroupId: 1 } }],
  ])('refuses a record that is %s', (_what, value) => {
    expect(readRemembered(value)).toBeUndefined()
  })
})

// Key material checks and URL signing (pure), and the signed-access inputs.
import { generateKeyPairSync, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { planUpdate } from '../../src/cloudfront/distribution.js'
import {
  canonicalPublicKey,
  keyGroupName,
  privateKeyProblem,
  publicKeyName,
  publicKeyOf,
  publicKeyProblem,
  splitPems,
} from '../../src/cloudfront/signing.js'
import { signUrls } from '../../src/cloudfront/sign-urls.js'
import { parseConfig } from '../../src/action/inputs.js'
import { InputErrors } from '../../src/action/readers.js'

const pair = (bits = 2048) =>
  generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
const a = pair()
const b = pair()
const unsafe = (s: string) => s.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/')

describe('key material', () => {
  it('splits several PEM blocks and normalises line ends', () => {
    const text = `${a.publicKey.replace(/\n/g, '\r\n')}\n\n${b.publicKey}`
    const pems = splitPems(text)
    expect(pems).toHaveLength(2)
    expect(canonicalPublicKey(pems[0]!)).toBe(canonicalPublicKey(a.publicKey))
    expect(splitPems('not a key')).toEqual([])
  })

  it('accepts RSA 2048 and ECDSA P-256, refuses others with the reason', () => {
    expect(publicKeyProblem(a.publicKey)).toBeUndefined()
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'prime256v1',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    })
    expect(publicKeyProblem(ec.publicKey)).toBeUndefined()
    expect(publicKeyProblem(pair(1024).publicKey)).toMatch(
      /RSA 2048-bit or ECDSA P-256.*rsa 1024-bit/,
    )
    expect(publicKeyProblem('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).toMatch(
      /not a PEM public key/,
    )
  })

  it('checks the private key parses and belongs to one of the public keys, never quoting it', () => {
    expect(privateKeyProblem(a.privateKey, [b.publicKey, a.publicKey])).toBeUndefined()
    expect(privateKeyProblem(a.privateKey, [b.publicKey])).toBe(
      'it does not belong to any key in public-key',
    )
    const problem = privateKeyProblem(
      '-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----',
      [a.publicKey],
    )
    expect(problem).toMatch(/not a PEM private key/)
    expect(problem).not.toContain('broken')
    expect(publicKeyOf(a.privateKey)).toBe(canonicalPublicKey(a.publicKey))
  })

  it('names keys and groups stably by content', () => {
    expect(publicKeyName(a.publicKey)).toBe(publicKeyName(a.publicKey.replace(/\n/g, '\r\n')))
    expect(publicKeyName(a.publicKey)).not.toBe(publicKeyName(b.publicKey))
    expect(keyGroupName(['K2', 'K1'])).toBe(keyGroupName(['K1', 'K2']))
    expect(keyGroupName(['K1'])).toMatch(/^cdn-publish-[0-9a-f]{12}$/)
  })
})

describe('signUrls', () => {
  const expires = new Date('2030-01-01T00:00:00.000Z')
  const urls = signUrls({
    paths: ['dist/a b.tar.gz', 'releases/v1/*'],
    baseUrl: 'https://cdn.example.com/',
    keyPairId: 'K2JCJMDEHXQW5F',
    privateKey: a.privateKey,
    expires,
  })

  it('canned policy for a path: Expires, Key-Pair-Id and a signature the public key verifies', () => {
    const u = new URL(urls['dist/a b.tar.gz']!)
    expect(`${u.origin}${u.pathname}`).toBe('https://cdn.example.com/dist/a%20b.tar.gz')
    expect(u.searchParams.get('Expires')).toBe(String(expires.getTime() / 1000))
    expect(u.searchParams.get('Key-Pair-Id')).toBe('K2JCJMDEHXQW5F')
    const policy = JSON.stringify({
      Statement: [
        {
          Resource: `${u.origin}${u.pathname}`,
          Condition: { DateLessThan: { 'AWS:EpochTime': expires.getTime() / 1000 } },
        },
      ],
    })
    const signature = Buffer.from(unsafe(u.searchParams.get('Signature')!), 'base64')
    expect(verify('RSA-SHA1', Buffer.from(policy), a.publicKey, signature)).toBe(true)
    expect(verify('RSA-SHA1', Buffer.from(policy), b.publicKey, signature)).toBe(false)
  })

  it('custom policy for a wildcard: the resource keeps the *', () => {
    const u = new URL(urls['releases/v1/*']!)
    const policy = Buffer.from(unsafe(u.searchParams.get('Policy')!), 'base64').toString()
    expect(JSON.parse(policy)).toEqual({
      Statement: [
        {
          Resource: 'https://cdn.example.com/releases/v1/*',
          Condition: { DateLessThan: { 'AWS:EpochTime': expires.getTime() / 1000 } },
        },
      ],
    })
    expect(
      verify(
        'RSA-SHA1',
        Buffer.from(policy),
        a.publicKey,
        Buffer.from(unsafe(u.searchParams.get('Signature')!), 'base64'),
      ),
    ).toBe(true)
  })
})

describe('signed-access inputs and the update path', () => {
  const env = (extra: Record<string, string>) => ({
    INPUT_SOURCE: 'dist',
    INPUT_BUCKET: 'files',
    GITHUB_WORKSPACE: '/w',
    ...extra,
  })
  const errors = (extra: Record<string, string>) => {
    try {
      parseConfig(env(extra))
      return []
    } catch (error) {
      return (error as InputErrors).errors.map((e) => [e.input, e.value, e.message])
    }
  }

  it.each([
    ['signed without a public key', { 'INPUT_VIEWER-ACCESS': 'signed' }, 'viewer-access'],
    ['unknown viewer access', { 'INPUT_VIEWER-ACCESS': 'private' }, 'viewer-access'],
    ['a public key that is not PEM', { 'INPUT_PUBLIC-KEY': 'ssh-rsa AAAA' }, 'public-key'],
    [
      'sign-paths without a private key',
      { 'INPUT_PUBLIC-KEY': a.publicKey, 'INPUT_SIGN-PATHS': 'a.zip' },
      'sign-paths',
    ],
    [
      'sign-paths with ..',
      {
        'INPUT_PUBLIC-KEY': a.publicKey,
        'INPUT_PRIVATE-KEY': a.privateKey,
        'INPUT_SIGN-PATHS': '../x',
      },
      'sign-paths',
    ],
    [
      'a private key of another key',
      { 'INPUT_PUBLIC-KEY': a.publicKey, 'INPUT_PRIVATE-KEY': b.privateKey },
      'private-key',
    ],
    [
      'sign-expires not a duration',
      { 'INPUT_PUBLIC-KEY': a.publicKey, 'INPUT_SIGN-EXPIRES': 'soon' },
      'sign-expires',
    ],
  ])('%s -> error on %s', (_name, extra, input) => {
    const found = errors(extra)
    expect(found.map((e) => e[0])).toContain(input)
    for (const [, value, message] of found) {
      expect(String(value)).not.toContain('PRIVATE KEY')
      expect(String(message)).not.toMatch(/MII[A-Za-z0-9+/]{20}/)
    }
  })

  it('parses a good signed setup; sign-expires defaults to a day', () => {
    const config = parseConfig(
      env({
        'INPUT_VIEWER-ACCESS': 'signed',
        'INPUT_PUBLIC-KEY': `${a.publicKey}\n${b.publicKey}`,
        'INPUT_PRIVATE-KEY': b.privateKey,
        'INPUT_SIGN-PATHS': 'x.zip\nreleases/*',
      }),
    )
    expect(config.cdn).toMatchObject({
      viewerAccess: 'signed',
      signPaths: ['x.zip', 'releases/*'],
      signExpiresMs: 86_400_000,
    })
    expect(config.cdn.publicKeys).toHaveLength(2)
  })

  it('planUpdate switches only the trusted key groups', () => {
    const actual = {
      CallerReference: 'r',
      Comment: 'c',
      Enabled: true,
      Origins: { Quantity: 0, Items: [] },
      DefaultCacheBehavior: {
        TargetOriginId: 'o',
        ViewerProtocolPolicy: 'redirect-to-https' as const,
        TrustedKeyGroups: { Enabled: false, Quantity: 0, Items: [] },
      },
    }
    const signed = planUpdate(actual, {
      aliases: undefined,
      certificateArn: undefined,
      priceClass: undefined,
      enabled: undefined,
      functions: undefined,
      trustedKeyGroups: ['KG1'],
    })
    expect(signed.config.DefaultCacheBehavior?.TrustedKeyGroups).toEqual({
      Enabled: true,
      Quantity: 1,
      Items: ['KG1'],
    })
    expect(signed.changes).toEqual([
      { field: 'viewer access', from: 'public', to: 'signed (key groups KG1)' },
    ])
    expect({
      ...signed.config,
      DefaultCacheBehavior: {
        ...signed.config.DefaultCacheBehavior,
        TrustedKeyGroups: actual.DefaultCacheBehavior.TrustedKeyGroups,
      },
    }).toEqual(actual)
    const back = planUpdate(signed.config, {
      aliases: undefined,
      certificateArn: undefined,
      priceClass: undefined,
      enabled: undefined,
      functions: undefined,
      trustedKeyGroups: [],
    })
    expect(back.config.DefaultCacheBehavior?.TrustedKeyGroups).toEqual({
      Enabled: false,
      Quantity: 0,
      Items: [],
    })
    const leave = planUpdate(signed.config, {
      aliases: undefined,
      certificateArn: undefined,
      priceClass: undefined,
      enabled: undefined,
      functions: undefined,
    })
    expect(leave.changes).toEqual([])
  })
})

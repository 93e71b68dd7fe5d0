// The pure CloudFront core of src/cloudfront/distribution.ts: marks, origins, caller references, finding a
// distribution among the account's, and the desired config of a new one. Plain data in, plain data out.
import { describe, expect, it } from 'vitest'
import {
  MANAGED,
  callerReference,
  certificateMissing,
  createConfig,
  findByAliases,
  findByComment,
  findByOrigin,
  markComment,
  markTag,
  originPath,
  s3OriginDomain,
  type CreateInput,
  type DistributionView,
} from '../../src/cloudfront/distribution.js'

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555'

const FN = 'arn:aws:cloudfront::123456789012:function/cdn-publish-viewer-request-aaaa'

const RESPONSE_FN = 'arn:aws:cloudfront::123456789012:function/cdn-publish-viewer-response-cccc'

function view(id: string, fields: Partial<DistributionView> = {}): DistributionView {
  return {
    id,
    arn: `arn:aws:cloudfront::123456789012:distribution/${id}`,
    domain: `${id.toLowerCase()}.cloudfront.net`,
    status: 'Deployed',
    enabled: true,
    aliases: [],
    comment: '',
    origins: [],
    certificateArn: undefined,
    priceClass: undefined,
    functionArns: [],
    keyGroupIds: [],
    ...fields,
  }
}

function input(fields: Partial<CreateInput> = {}): CreateInput {
  return {
    callerReference: 'cdn-publish-1-1-abc',
    bucket: 'site-bucket',
    prefix: 'site',
    region: 'eu-west-1',
    aliases: ['www.example.com', 'example.com'],
    certificateArn: CERT,
    priceClass: 'PriceClass_100',
    originAccessControlId: 'OAC123',
    cachePolicyId: 'cache-policy-1',
    functions: { 'viewer-request': FN },
    ...fields,
  }
}

describe('marks', () => {
  it('markComment names the bucket and prefix when it fits', () => {
    expect(markComment('site-bucket', 'site')).toBe('cdn-publish s3://site-bucket/site')
    expect(markComment('site-bucket', '')).toBe('cdn-publish s3://site-bucket/')
  })

  it.each([0, 100, 116, 117, 300, 1024])(
    'markComment fits CloudFront’s 128 characters for a prefix of %i characters',
    (length) => {
      expect(markComment('site-bucket', 'p'.repeat(length)).length).toBeLessThanOrEqual(128)
    },
  )

  it('markComment hashes long prefixes deterministically and keeps distinct prefixes distinct', () => {
    const long = `previews/${'x'.repeat(200)}`
    const a = markComment('site-bucket', `${long}/a`)
    const b = markComment('site-bucket', `${long}/b`)
    expect(a).toBe(markComment('site-bucket', `${long}/a`))
    expect(a).not.toBe(b)
    expect(a).toMatch(/^cdn-publish s3:\/\/site-bucket\/previews\/x+~[0-9a-f]{16}$/)
    // the readable part is the same; only the hash tells them apart
    expect(a.slice(0, 110)).toBe(b.slice(0, 110))
  })

  it('a short comment is never mistaken for the hashed form of a long one', () => {
    const short = markComment('site-bucket', 'x'.repeat(90))
    const long = markComment('site-bucket', 'x'.repeat(200))
    expect(short).not.toBe(long)
    expect(short).not.toContain('~')
  })

  it('markTag is the origin mark, digested past 256 characters (with characters tags allow)', () => {
    expect(markTag('site-bucket', 'site')).toBe('s3://site-bucket/site')
    const a = markTag('site-bucket', 'y'.repeat(400))
    const b = markTag('site-bucket', `${'y'.repeat(399)}z`)
    expect(a.length).toBeLessThanOrEqual(256)
    expect(a).toMatch(/==[0-9a-f]{64}$/)
    expect(a).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u)
    expect(a).toBe(markTag('site-bucket', 'y'.repeat(400)))
    expect(a).not.toBe(b)
  })
})

describe('origin', () => {
  it.each([
    ['site-bucket', 'us-east-1', 'site-bucket.s3.us-east-1.amazonaws.com'],
    ['my.dotted.bucket', 'eu-west-1', 'my.dotted.bucket.s3.eu-west-1.amazonaws.com'],
  ])('s3OriginDomain(%s, %s) is the REST endpoint %s', (bucket, region, domain) => {
    expect(s3OriginDomain(bucket, region)).toBe(domain)
  })

  it.each([
    ['', ''],
    ['site', '/site'],
    ['a/b', '/a/b'],
  ])('originPath(%j) is %j', (prefix, path) => {
    expect(originPath(prefix)).toBe(path)
  })
})

describe('callerReference', () => {
  const run = { GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '1' }

  it('is the same for the same run, bucket and prefix (retries never create a twin)', () => {
    expect(callerReference(run, 'b', 'p', 1)).toBe(callerReference({ ...run }, 'b', 'p', 99999))
  })

  it.each([
    ['another attempt', { ...run, GITHUB_RUN_ATTEMPT: '2' }, 'b', 'p'],
    ['another run', { ...run, GITHUB_RUN_ID: '4243' }, 'b', 'p'],
    ['another bucket', run, 'c', 'p'],
    ['another prefix', run, 'b', 'q'],
  ])('changes with %s', (_what, env, bucket, prefix) => {
    expect(callerReference(env, bucket, prefix)).not.toBe(callerReference(run, 'b', 'p'))
  })

  it('a missing GITHUB_RUN_ATTEMPT counts as attempt 1', () => {
    expect(callerReference({ GITHUB_RUN_ID: '4242' }, 'b', 'p')).toBe(
      callerReference(run, 'b', 'p'),
    )
  })

  it('without GITHUB_RUN_ID it uses the injected clock', () => {
    const a = callerReference({}, 'b', 'p', 1_700_000_000_000)
    expect(a).toMatch(/^cdn-publish-local-1700000000000-[0-9a-f]{24}$/)
    expect(callerReference({}, 'b', 'p', 1_700_000_000_000)).toBe(a)
    expect(callerReference({}, 'b', 'p', 1_700_000_000_001)).not.toBe(a)
  })
})

describe('findByAliases', () => {
  const one = view('E1ONE', { aliases: ['www.example.com', 'example.com'] })
  const two = view('E2TWO', { aliases: ['blog.example.com'] })
  const bare = view('E3BARE')

  it('finds none when no distribution serves a requested alias', () => {
    expect(findByAliases([one, two, bare], ['shop.example.com'])).toEqual({
      found: undefined,
      error: undefined,
    })
    expect(findByAliases([], ['www.example.com']).found).toBeUndefined()
  })

  it('finds the one that serves an alias', () => {
    expect(findByAliases([one, two, bare], ['blog.example.com', 'new.example.com'])).toEqual({
      found: two,
      error: undefined,
    })
  })

  it('one distribution holding two requested aliases is one match', () => {
    expect(findByAliases([one, two], ['example.com', 'www.example.com'])).toEqual({
      found: one,
      error: undefined,
    })
  })

  it('two distributions holding requested aliases is an error naming both and their aliases', () => {
    const { found, error } = findByAliases(
      [one, two, bare],
      ['www.example.com', 'blog.example.com'],
    )
    expect(found).toBeUndefined()
    expect(error).toContain('2 different distributions')
    expect(error).toContain('E1ONE (www.example.com)')
    expect(error).toContain('E2TWO (blog.example.com)')
    expect(error).not.toContain('E3BARE')
    expect(error).toContain('distribution-id')
  })

  it('compares without regard to case', () => {
    const shouting = view('E4UPPER', { aliases: ['WWW.Example.COM'] })
    expect(findByAliases([shouting], ['www.example.com']).found).toBe(shouting)
    expect(findByAliases([shouting], ['WWW.EXAMPLE.com']).found).toBe(shouting)
  })
})

describe('findByComment and findByOrigin', () => {
  const mine = view('E1MINE', {
    comment: markComment('site-bucket', 'site'),
    origins: [{ domain: 'site-bucket.s3.eu-west-1.amazonaws.com', path: '/site' }],
  })
  const root = view('E2ROOT', {
    comment: markComment('site-bucket', ''),
    origins: [{ domain: 'site-bucket.s3.eu-west-1.amazonaws.com', path: '' }],
  })
  const edited = view('E3EDIT', {
    comment: 'edited by hand',
    origins: [
      { domain: 'other.example.com', path: '' },
      { domain: 'site-bucket.s3.us-east-1.amazonaws.com', path: '/site' },
    ],
  })
  const lookalike = view('E4LOOK', {
    comment: 'cdn-publish s3://site-bucket/site/',
    origins: [{ domain: 'site-bucket-2.s3.eu-west-1.amazonaws.com', path: '/site' }],
  })
  const all = [mine, root, edited, lookalike]

  it.each([
    ['site', ['E1MINE']],
    ['', ['E2ROOT']],
    ['docs', []],
  ])('findByComment(prefix %j) finds %j', (prefix, ids) => {
    expect(findByComment(all, 'site-bucket', prefix).map((v) => v.id)).toEqual(ids)
  })

  it.each([
    ['site', ['E1MINE', 'E3EDIT']],
    ['', ['E2ROOT']],
    ['docs', []],
  ])('findByOrigin(prefix %j) finds %j', (prefix, ids) => {
    expect(findByOrigin(all, 'site-bucket', prefix).map((v) => v.id)).toEqual(ids)
  })
})

describe('createConfig', () => {
  it('asks for everything the action promises', () => {
    const config = createConfig(input())
    expect(config).toMatchObject({
      CallerReference: 'cdn-publish-1-1-abc',
      Comment: 'cdn-publish s3://site-bucket/site',
      Enabled: true,
      DefaultRootObject: 'index.html',
      PriceClass: 'PriceClass_100',
      HttpVersion: 'http2and3',
      IsIPV6Enabled: true,
      Aliases: { Quantity: 2, Items: ['www.example.com', 'example.com'] },
    })
    expect(config.Origins).toEqual({
      Quantity: 1,
      Items: [
        {
          Id: 's3-site-bucket',
          DomainName: 'site-bucket.s3.eu-west-1.amazonaws.com',
          OriginPath: '/site',
          S3OriginConfig: { OriginAccessIdentity: '' },
          OriginAccessControlId: 'OAC123',
        },
      ],
    })
    expect(config.DefaultCacheBehavior).toMatchObject({
      TargetOriginId: 's3-site-bucket',
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
      CachePolicyId: 'cache-policy-1',
      ResponseHeadersPolicyId: MANAGED.securityHeaders,
      FunctionAssociations: {
        Quantity: 1,
        Items: [{ EventType: 'viewer-request', FunctionARN: FN }],
      },
    })
    expect(config.ViewerCertificate).toEqual({
      ACMCertificateArn: CERT,
      SSLSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      CloudFrontDefaultCertificate: false,
    })
  })

  it('the bucket root has an empty origin path', () => {
    expect(createConfig(input({ prefix: '' })).Origins?.Items?.[0]?.OriginPath).toBe('')
  })

  it('without a certificate, the CloudFront default certificate; without a function, no association', () => {
    const config = createConfig(input({ aliases: [], certificateArn: undefined, functions: {} }))
    expect(config.ViewerCertificate).toEqual({ CloudFrontDefaultCertificate: true })
    expect(config.Aliases).toEqual({ Quantity: 0, Items: [] })
    expect(config.DefaultCacheBehavior!.FunctionAssociations).toEqual({ Quantity: 0, Items: [] })
    expect(certificateMissing(config)).toBe(false)
  })

  it('with two functions: one association per event, viewer-request first', () => {
    const config = createConfig(
      input({ functions: { 'viewer-response': RESPONSE_FN, 'viewer-request': FN } }),
    )
    expect(config.DefaultCacheBehavior!.FunctionAssociations).toEqual({
      Quantity: 2,
      Items: [
        { EventType: 'viewer-request', FunctionARN: FN },
        { EventType: 'viewer-response', FunctionARN: RESPONSE_FN },
      ],
    })
  })

  it('with only a viewer-response function: that one association', () => {
    const config = createConfig(input({ functions: { 'viewer-response': RESPONSE_FN } }))
    expect(config.DefaultCacheBehavior!.FunctionAssociations).toEqual({
      Quantity: 1,
      Items: [{ EventType: 'viewer-response', FunctionARN: RESPONSE_FN }],
    })
  })

  it('does not share the caller’s alias array', () => {
    const aliases = ['www.example.com']
    const config = createConfig(input({ aliases }))
    aliases.push('late.example.com')
    expect(config.Aliases?.Items).toEqual(['www.example.com'])
  })
})

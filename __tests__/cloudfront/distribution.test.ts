// The pure CloudFront core: marks, the desired config, its diff against the actual one, the bucket
// policy merge and the site URL. Plain data in, plain data out.
import type { DistributionConfig } from '@aws-sdk/client-cloudfront'
import { describe, expect, it } from 'vitest'
import {
  mergePolicy,
  siteStatements,
  statementId,
  type PolicyStatement,
} from '../../src/cloudfront/bucket-policy.js'
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
  planUpdate,
  s3OriginDomain,
  type CreateInput,
  type DistributionView,
  type UpdateWant,
} from '../../src/cloudfront/distribution.js'
import { siteUrl, type DistributionOutcome } from '../../src/cloudfront/outcome.js'

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555'
const OTHER_CERT =
  'arn:aws:acm:us-east-1:123456789012:certificate/99999999-8888-7777-6666-555555555555'
const FN = 'arn:aws:cloudfront::123456789012:function/cdn-publish-viewer-request-aaaa'
const OTHER_FN = 'arn:aws:cloudfront::123456789012:function/cdn-publish-viewer-request-bbbb'
const EDGE_FN = 'arn:aws:cloudfront::123456789012:function/by-hand-response'
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

const NOTHING: UpdateWant = {
  aliases: undefined,
  certificateArn: undefined,
  priceClass: undefined,
  enabled: undefined,
  functions: undefined,
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

describe('planUpdate', () => {
  /** An existing distribution, with fields the action never asks about set by hand. */
  function actual(): DistributionConfig {
    const config = createConfig(input({ functions: {} }))
    config.Logging = {
      Enabled: true,
      IncludeCookies: false,
      Bucket: 'logs.s3.amazonaws.com',
      Prefix: 'cf/',
    }
    config.WebACLId = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1'
    config.CustomErrorResponses = {
      Quantity: 1,
      Items: [{ ErrorCode: 404, ResponsePagePath: '/404.html', ResponseCode: '404' }],
    }
    config.DefaultCacheBehavior!.FunctionAssociations = {
      Quantity: 1,
      Items: [{ EventType: 'viewer-response', FunctionARN: EDGE_FN }],
    }
    return config
  }

  it('nothing asked: no changes, and the config is deep-equal to the input', () => {
    const before = actual()
    const { config, changes } = planUpdate(before, NOTHING)
    expect(changes).toEqual([])
    expect(config).toEqual(before)
  })

  it('asking for what is there already changes nothing', () => {
    const before = actual()
    const { config, changes } = planUpdate(before, {
      aliases: ['www.example.com', 'example.com'],
      certificateArn: CERT,
      priceClass: 'PriceClass_100',
      enabled: true,
      functions: undefined,
    })
    expect(changes).toEqual([])
    expect(config).toEqual(before)
  })

  it.each([
    ['reordered', ['example.com', 'www.example.com']],
    ['in another case', ['EXAMPLE.com', 'www.Example.com']],
    ['with a duplicate', ['example.com', 'www.example.com', 'example.com']],
  ])('aliases %s are no change', (_how, aliases) => {
    const before = actual()
    const { config, changes } = planUpdate(before, { ...NOTHING, aliases })
    expect(changes).toEqual([])
    expect(config.Aliases).toEqual(before.Aliases)
  })

  it.each([
    [
      'added',
      ['www.example.com', 'example.com', 'new.example.com'],
      'www.example.com, example.com, new.example.com',
    ],
    ['removed', ['www.example.com'], 'www.example.com'],
    ['all removed', [], '(none)'],
  ])('aliases %s', (_how, aliases, to) => {
    const { config, changes } = planUpdate(actual(), { ...NOTHING, aliases })
    expect(config.Aliases).toEqual({ Quantity: aliases.length, Items: aliases })
    expect(changes).toEqual([{ field: 'aliases', from: 'www.example.com, example.com', to }])
  })

  it('a new certificate replaces the viewer certificate', () => {
    const { config, changes } = planUpdate(actual(), { ...NOTHING, certificateArn: OTHER_CERT })
    expect(config.ViewerCertificate).toEqual({
      ACMCertificateArn: OTHER_CERT,
      SSLSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      CloudFrontDefaultCertificate: false,
    })
    expect(changes).toEqual([{ field: 'certificate', from: CERT, to: OTHER_CERT }])
  })

  it('a certificate where CloudFront’s default was', () => {
    const before = createConfig(input({ aliases: [], certificateArn: undefined }))
    const { config, changes } = planUpdate(before, { ...NOTHING, certificateArn: CERT })
    expect(config.ViewerCertificate?.ACMCertificateArn).toBe(CERT)
    expect(config.ViewerCertificate?.CloudFrontDefaultCertificate).toBe(false)
    expect(changes).toEqual([{ field: 'certificate', from: '(CloudFront default)', to: CERT }])
  })

  it('price class', () => {
    const { config, changes } = planUpdate(actual(), { ...NOTHING, priceClass: 'PriceClass_All' })
    expect(config.PriceClass).toBe('PriceClass_All')
    expect(changes).toEqual([
      { field: 'price class', from: 'PriceClass_100', to: 'PriceClass_All' },
    ])
  })

  it('enabled', () => {
    const before = { ...actual(), Enabled: false }
    const { config, changes } = planUpdate(before, { ...NOTHING, enabled: true })
    expect(config.Enabled).toBe(true)
    expect(changes).toEqual([{ field: 'enabled', from: 'false', to: 'true' }])
    expect(planUpdate(before, { ...NOTHING, enabled: false }).changes).toEqual([])
  })

  it('a viewer-request function is added next to another event type’s association', () => {
    const { config, changes } = planUpdate(actual(), {
      ...NOTHING,
      functions: { 'viewer-request': FN },
    })
    expect(config.DefaultCacheBehavior!.FunctionAssociations).toEqual({
      Quantity: 2,
      Items: [
        { EventType: 'viewer-response', FunctionARN: EDGE_FN },
        { EventType: 'viewer-request', FunctionARN: FN },
      ],
    })
    expect(changes).toEqual([{ field: 'viewer-request function', from: '(none)', to: FN }])
  })

  it('a viewer-request function is replaced, and another event type’s association is kept', () => {
    const before = actual()
    before.DefaultCacheBehavior!.FunctionAssociations = {
      Quantity: 2,
      Items: [
        { EventType: 'viewer-request', FunctionARN: OTHER_FN },
        { EventType: 'viewer-response', FunctionARN: EDGE_FN },
      ],
    }
    const { config, changes } = planUpdate(before, {
      ...NOTHING,
      functions: { 'viewer-request': FN },
    })
    expect(config.DefaultCacheBehavior!.FunctionAssociations).toEqual({
      Quantity: 2,
      Items: [
        { EventType: 'viewer-response', FunctionARN: EDGE_FN },
        { EventType: 'viewer-request', FunctionARN: FN },
      ],
    })
    expect(changes).toEqual([{ field: 'viewer-request function', from: OTHER_FN, to: FN }])
    expect(planUpdate(config, { ...NOTHING, functions: { 'viewer-request': FN } }).changes).toEqual(
      [],
    )
  })

  it('both events at once: the by-hand viewer-response is replaced and viewer-request added', () => {
    const want = { ...NOTHING, functions: { 'viewer-request': FN, 'viewer-response': RESPONSE_FN } }
    const { config, changes } = planUpdate(actual(), want)
    expect(config.DefaultCacheBehavior!.FunctionAssociations).toEqual({
      Quantity: 2,
      Items: [
        { EventType: 'viewer-request', FunctionARN: FN },
        { EventType: 'viewer-response', FunctionARN: RESPONSE_FN },
      ],
    })
    expect(changes).toEqual([
      { field: 'viewer-request function', from: '(none)', to: FN },
      { field: 'viewer-response function', from: EDGE_FN, to: RESPONSE_FN },
    ])
    // asked again of the result: nothing left to do
    expect(planUpdate(config, want).changes).toEqual([])
  })

  it('a viewer-response association is added while the viewer-request one stays', () => {
    const before = createConfig(input())
    const { config, changes } = planUpdate(before, {
      ...NOTHING,
      functions: { 'viewer-request': FN, 'viewer-response': RESPONSE_FN },
    })
    expect(config.DefaultCacheBehavior!.FunctionAssociations).toEqual({
      Quantity: 2,
      Items: [
        { EventType: 'viewer-request', FunctionARN: FN },
        { EventType: 'viewer-response', FunctionARN: RESPONSE_FN },
      ],
    })
    expect(changes).toEqual([
      { field: 'viewer-response function', from: '(none)', to: RESPONSE_FN },
    ])
  })

  it('an event left out is left as it is: associations are never removed', () => {
    const before = createConfig(
      input({ functions: { 'viewer-request': OTHER_FN, 'viewer-response': EDGE_FN } }),
    )
    const onlyResponse = planUpdate(before, {
      ...NOTHING,
      functions: { 'viewer-response': RESPONSE_FN },
    })
    expect(onlyResponse.config.DefaultCacheBehavior!.FunctionAssociations).toEqual({
      Quantity: 2,
      Items: [
        { EventType: 'viewer-request', FunctionARN: OTHER_FN },
        { EventType: 'viewer-response', FunctionARN: RESPONSE_FN },
      ],
    })
    expect(onlyResponse.changes).toEqual([
      { field: 'viewer-response function', from: EDGE_FN, to: RESPONSE_FN },
    ])
    const none = planUpdate(before, { ...NOTHING, functions: {} })
    expect(none.changes).toEqual([])
    expect(none.config.DefaultCacheBehavior!.FunctionAssociations).toEqual(
      before.DefaultCacheBehavior!.FunctionAssociations,
    )
  })

  it('carries every field not asked for over unchanged', () => {
    const before = actual()
    const { config, changes } = planUpdate(before, {
      aliases: ['new.example.com'],
      certificateArn: OTHER_CERT,
      priceClass: 'PriceClass_200',
      enabled: true,
      functions: { 'viewer-request': FN },
    })
    expect(changes.map((c) => c.field)).toEqual([
      'aliases',
      'certificate',
      'price class',
      'viewer-request function',
    ])
    const untouched = (c: DistributionConfig) => {
      const { Aliases, ViewerCertificate, PriceClass, DefaultCacheBehavior, ...rest } = c
      const { FunctionAssociations, ...behavior } = DefaultCacheBehavior!
      void [Aliases, ViewerCertificate, PriceClass, FunctionAssociations]
      return { rest, behavior }
    }
    expect(untouched(config)).toEqual(untouched(before))
    expect(config.Logging).toEqual(before.Logging)
    expect(config.WebACLId).toBe(before.WebACLId)
    expect(config.Origins).toEqual(before.Origins)
    expect(config.CallerReference).toBe(before.CallerReference)
  })

  it('does not mutate the input config', () => {
    const before = actual()
    const snapshot = structuredClone(before)
    const { config } = planUpdate(before, {
      aliases: ['new.example.com'],
      certificateArn: OTHER_CERT,
      priceClass: 'PriceClass_All',
      enabled: false,
      functions: { 'viewer-request': FN },
    })
    expect(before).toEqual(snapshot)
    expect(config.DefaultCacheBehavior).not.toBe(before.DefaultCacheBehavior)
    expect(config.Aliases).not.toBe(before.Aliases)
  })
})

describe('certificateMissing', () => {
  const base = createConfig(input())
  it.each([
    ['aliases with an ACM certificate', base, false],
    [
      'aliases with an IAM certificate',
      { ...base, ViewerCertificate: { IAMCertificateId: 'ASCAEXAMPLE' } },
      false,
    ],
    [
      'aliases with the default certificate',
      { ...base, ViewerCertificate: { CloudFrontDefaultCertificate: true } },
      true,
    ],
    ['aliases without any viewer certificate', { ...base, ViewerCertificate: undefined }, true],
    [
      'no aliases and the default certificate',
      {
        ...base,
        Aliases: { Quantity: 0 },
        ViewerCertificate: { CloudFrontDefaultCertificate: true },
      },
      false,
    ],
    [
      'no Aliases field at all',
      { ...base, Aliases: undefined, ViewerCertificate: undefined },
      false,
    ],
  ])('%s -> %s', (_what, config, missing) => {
    expect(certificateMissing(config as DistributionConfig)).toBe(missing)
  })
})

describe('mergePolicy', () => {
  const DIST = 'E2QWRUHEXAMPLE'
  const ARN = `arn:aws:cloudfront::123456789012:distribution/${DIST}`
  const ours = siteStatements('site-bucket', 'site', DIST, ARN)
  const logs: PolicyStatement = {
    Sid: 'LogDelivery',
    Effect: 'Allow',
    Principal: { Service: 'logging.s3.amazonaws.com' },
    Action: ['s3:PutObject'],
    Resource: 'arn:aws:s3:::site-bucket/logs/*',
    Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
  }

  function merged(existing: string | undefined) {
    const result = mergePolicy(existing, ours)
    if (!('changed' in result) || !result.changed) throw new Error(JSON.stringify(result))
    return JSON.parse(result.policy) as { Version: string; Id?: string; Statement: unknown[] }
  }

  it.each([undefined, '', '  \n'])('no policy (%j): a new one with our statement', (existing) => {
    expect(merged(existing)).toEqual({ Version: '2012-10-17', Statement: ours })
  })

  it('keeps an unrelated statement as it is, and first', () => {
    const policy = merged(JSON.stringify({ Version: '2012-10-17', Id: 'P1', Statement: [logs] }))
    expect(policy.Statement).toEqual([logs, ...ours])
    expect(policy.Id).toBe('P1')
  })

  it('our statement already there and equal: nothing to do', () => {
    const existing = JSON.stringify({ Version: '2012-10-17', Statement: [logs, ...ours] })
    expect(mergePolicy(existing, ours)).toEqual({ changed: false })
  })

  it('our statement with its keys in another order counts as equal', () => {
    const s = ours[0]!
    const shuffled = {
      Condition: { StringEquals: { 'AWS:SourceArn': ARN } },
      Resource: s.Resource,
      Action: s.Action,
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Effect: s.Effect,
      Sid: s.Sid,
    }
    const existing = JSON.stringify({ Statement: [shuffled, logs], Version: '2012-10-17' })
    expect(mergePolicy(existing, ours)).toEqual({ changed: false })
  })

  it('our statement there but different: replaced, not duplicated', () => {
    const stale = { ...ours[0]!, Resource: 'arn:aws:s3:::site-bucket/old/*' }
    const policy = merged(JSON.stringify({ Version: '2012-10-17', Statement: [stale, logs] }))
    expect(policy.Statement).toEqual([logs, ...ours])
  })

  it('a Statement that is a single object, not a list', () => {
    const policy = merged(JSON.stringify({ Version: '2012-10-17', Statement: logs }))
    expect(policy.Statement).toEqual([logs, ...ours])
    const equal = JSON.stringify({ Version: '2012-10-17', Statement: ours[0] })
    expect(mergePolicy(equal, ours)).toEqual({ changed: false })
  })

  it('a policy without Version gets one', () => {
    expect(merged(JSON.stringify({ Statement: [logs] })).Version).toBe('2012-10-17')
  })

  it.each(['{', 'not json', '{"Statement": [}'])('invalid JSON %j is an error', (existing) => {
    const result = mergePolicy(existing, ours)
    expect(result).toEqual({ error: expect.stringMatching(/not valid JSON/) })
  })
})

describe('siteStatements and statementId', () => {
  const ARN = 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE'

  it.each([
    ['', 'arn:aws:s3:::site-bucket/*'],
    ['a/b', 'arn:aws:s3:::site-bucket/a/b/*'],
  ])('prefix %j reads %s, only for this distribution', (prefix, resource) => {
    expect(siteStatements('site-bucket', prefix, 'E2QWRUHEXAMPLE', ARN)).toEqual([
      {
        Sid: 'CdnPublishReadE2QWRUHEXAMPLE',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: resource,
        Condition: { StringEquals: { 'AWS:SourceArn': ARN } },
      },
    ])
  })

  it.each([
    ['E2QWRUHEXAMPLE', 'CdnPublishReadE2QWRUHEXAMPLE'],
    ['e-1_2.3/4 x', 'CdnPublishReade1234x'],
    ['', 'CdnPublishRead'],
  ])('statementId(%j) is %j', (id, sid) => {
    expect(statementId(id)).toBe(sid)
    expect(statementId(id)).toMatch(/^[A-Za-z0-9]+$/)
  })
})

describe('siteUrl', () => {
  function result(fields: Partial<DistributionOutcome>): DistributionOutcome {
    return {
      id: 'E1',
      arn: 'arn',
      domain: 'd111111abcdef8.cloudfront.net',
      aliases: [],
      status: 'Deployed',
      enabled: true,
      action: 'unchanged',
      changes: [],
      owned: true,
      originPath: '',
      deployed: undefined,
      ...fields,
    }
  }

  it.each([
    ['the domain, no aliases', { originPath: '' }, '', 'https://d111111abcdef8.cloudfront.net/'],
    [
      'the first alias',
      { aliases: ['www.example.com', 'example.com'] },
      '',
      'https://www.example.com/',
    ],
    [
      'prefix at the origin path',
      { originPath: '/site' },
      'site',
      'https://d111111abcdef8.cloudfront.net/',
    ],
    [
      'prefix below the origin path',
      { originPath: '/site', aliases: ['www.example.com'] },
      'site/previews/pr-1',
      'https://www.example.com/previews/pr-1/',
    ],
    [
      'bucket-root origin',
      { originPath: '' },
      'docs',
      'https://d111111abcdef8.cloudfront.net/docs/',
    ],
    [
      'a prefix that only starts like the origin path',
      { originPath: '/site', aliases: ['www.example.com'] },
      'sitemap',
      'https://www.example.com/sitemap/',
    ],
    [
      'odd segments percent-encoded',
      { aliases: ['www.example.com'] },
      'a b/ü/100%/x#y?z',
      'https://www.example.com/a%20b/%C3%BC/100%25/x%23y%3Fz/',
    ],
  ])('%s', (_what, fields, prefix, url) => {
    const value = siteUrl(result(fields), prefix)
    expect(value).toBe(url)
    expect(value.endsWith('/')).toBe(true)
  })
})

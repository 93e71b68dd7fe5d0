// planUpdate (src/cloudfront/distribution.ts): the diff of the desired config against the actual one, which
// changes only what the inputs ask and carries everything else over; and the certificate check. Pure.
import type { DistributionConfig } from '@aws-sdk/client-cloudfront'
import { describe, expect, it } from 'vitest'
import {
  certificateMissing,
  createConfig,
  planUpdate,
  type CreateInput,
  type UpdateWant,
} from '../../src/cloudfront/distribution.js'

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555'

const OTHER_CERT =
  'arn:aws:acm:us-east-1:123456789012:certificate/99999999-8888-7777-6666-555555555555'

const FN = 'arn:aws:cloudfront::123456789012:function/cdn-publish-viewer-request-aaaa'

const OTHER_FN = 'arn:aws:cloudfront::123456789012:function/cdn-publish-viewer-request-bbbb'

const EDGE_FN = 'arn:aws:cloudfront::123456789012:function/by-hand-response'

const RESPONSE_FN = 'arn:aws:cloudfront::123456789012:function/cdn-publish-viewer-response-cccc'

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
    expect(certificateMissing(config)).toBe(missing)
  })
})

// ensureDistribution against a fake CloudFront client (./fake-cloudfront.ts): the real-CloudFront
// behaviours the emulator cannot produce (full list summaries, cache policies, functions,
// CNAMEAlreadyExists, PreconditionFailed, ...), waiting and dry runs.
import { type Distribution } from '@aws-sdk/client-cloudfront'
import { describe, expect, it } from 'vitest'
import { siteStatements } from '../../src/cloudfront/bucket-policy.js'
import { MANAGED, callerReference } from '../../src/cloudfront/distribution.js'
import { PREVIEWS_TAG, PREVIEW_DOMAIN_TAG } from '../../src/cloudfront/previews.js'
import { fakeClock, sdkError } from '../helpers/fakes.js'
import {
  BUCKET,
  CERT,
  OAC_ID,
  CACHE_POLICY_ID,
  ENV,
  fakeCloudFront,
  type Fake,
  fakeAdmin,
  ensure,
  failure,
  ours,
  theirs,
  functionIsLive,
  policyFor,
  WRITES,
} from './fake-cloudfront.js'

describe('ensureDistribution against real-CloudFront behaviour', () => {
  it('creates a new site: OAC, cache policy, function, then the distribution, then the bucket policy', async () => {
    const cf = fakeCloudFront([theirs()])
    const { result, admin, log } = await ensure(cf, {
      inputs: {
        aliases: 'www.example.com, example.com',
        'certificate-arn': CERT,
        tags: 'team=web',
      },
    })
    expect(cf.names()).toEqual([
      'ListDistributions',
      'ListOriginAccessControls',
      'CreateOriginAccessControl',
      'ListCachePolicies',
      'CreateCachePolicy',
      'DescribeFunction',
      'CreateFunction',
      'PublishFunction',
      'CreateDistributionWithTags',
    ])
    // the summaries carried aliases, comment and origins: no GetDistribution per summary
    expect(cf.names()).not.toContain('GetDistribution')

    expect(cf.inputs('CreateOriginAccessControl')[0]?.OriginAccessControlConfig).toMatchObject({
      Name: `cdn-publish-${BUCKET}`,
      SigningProtocol: 'sigv4',
      SigningBehavior: 'always',
      OriginAccessControlOriginType: 's3',
    })
    expect(cf.inputs('ListCachePolicies')[0]?.Type).toBe('custom')
    const policy = cf.inputs('CreateCachePolicy')[0]!.CachePolicyConfig!
    expect(policy).toMatchObject({ MinTTL: 0, MaxTTL: 31536000 })
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toEqual({
      EnableAcceptEncodingGzip: true,
      EnableAcceptEncodingBrotli: true,
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      QueryStringsConfig: { QueryStringBehavior: 'none' },
    })
    expect(cf.inputs('DescribeFunction')[0]?.Stage).toBe('LIVE')
    const fn = cf.inputs('CreateFunction')[0]!
    expect(fn.FunctionConfig?.Runtime).toBe('cloudfront-js-2.0')
    expect(Buffer.from(fn.FunctionCode!).toString('utf8')).toContain('function handler')
    expect(cf.inputs('PublishFunction')[0]).toEqual({ Name: fn.Name, IfMatch: 'function-etag' })

    const sent = cf.inputs('CreateDistributionWithTags')[0]!.DistributionConfigWithTags!
    const config = sent.DistributionConfig!
    expect(config.CallerReference).toBe(callerReference(ENV, BUCKET, 'site'))
    expect(config.Comment).toBe(`cdn-publish s3://${BUCKET}/site`)
    expect(config.Aliases).toEqual({ Quantity: 2, Items: ['www.example.com', 'example.com'] })
    expect(config.DefaultCacheBehavior?.CachePolicyId).toBe(CACHE_POLICY_ID)
    expect(config.Origins?.Items?.[0]).toMatchObject({
      DomainName: `${BUCKET}.s3.eu-west-1.amazonaws.com`,
      OriginPath: '/site',
      OriginAccessControlId: OAC_ID,
    })
    expect(config.DefaultCacheBehavior?.FunctionAssociations).toEqual({
      Quantity: 1,
      Items: [
        {
          EventType: 'viewer-request',
          FunctionARN: `arn:aws:cloudfront::123456789012:function/${fn.Name}`,
        },
      ],
    })
    expect(config.ViewerCertificate?.ACMCertificateArn).toBe(CERT)
    expect(sent.Tags?.Items).toEqual(
      expect.arrayContaining([
        { Key: 'cdn-publish:origin', Value: `s3://${BUCKET}/site` },
        { Key: 'team', Value: 'web' },
      ]),
    )
    // no preview in this run: nothing about previews is recorded
    expect(sent.Tags?.Items?.map((t) => t.Key)).not.toContain(PREVIEWS_TAG)
    expect(sent.Tags?.Items?.map((t) => t.Key)).not.toContain(PREVIEW_DOMAIN_TAG)

    expect(admin.puts).toHaveLength(1)
    const statements = JSON.parse(admin.puts[0]!).Statement
    expect(statements).toEqual(siteStatements(BUCKET, 'site', 'ENEW', cf.distributions[1]!.ARN!))
    expect(result).toMatchObject({
      id: 'ENEW',
      action: 'created',
      owned: true,
      originPath: '/site',
      aliases: ['www.example.com', 'example.com'],
      deployed: undefined,
    })
    expect(log.warning).toEqual([])
  })

  it('a re-run finds it by the Comment in the summary and creates, updates and writes nothing', async () => {
    const existing = ours()
    const cf = fakeCloudFront([theirs(), existing])
    functionIsLive(cf)
    const admin = fakeAdmin(policyFor(existing))
    const { result, log } = await ensure(cf, { admin })
    expect(cf.names()).toEqual([
      'ListDistributions',
      'GetDistribution',
      // owned: its sticky preview settings are read once (none here: no viewer-response function)
      'ListTagsForResource',
      'DescribeFunction',
      'GetDistributionConfig',
    ])
    expect(cf.inputs('GetDistribution')).toEqual([{ Id: 'EOURS' }])
    expect(cf.inputs('ListTagsForResource')).toEqual([{ Resource: existing.ARN }])
    expect(cf.names().filter((n) => WRITES.test(n))).toEqual([])
    expect(admin.puts).toEqual([])
    expect(result).toMatchObject({ id: 'EOURS', action: 'unchanged', changes: [], owned: true })
    expect(log.info.join('\n')).toContain('created by cdn-publish')
  })

  it('a re-run rewrites the bucket policy when its statement went missing', async () => {
    const existing = ours()
    const cf = fakeCloudFront([existing])
    functionIsLive(cf)
    const other = { Sid: 'Keep', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }
    const admin = fakeAdmin(JSON.stringify({ Version: '2012-10-17', Statement: [other] }))
    await ensure(cf, { admin })
    expect(admin.puts).toHaveLength(1)
    expect(JSON.parse(admin.puts[0]!).Statement).toEqual([
      other,
      ...siteStatements(BUCKET, 'site', 'EOURS', existing.ARN!),
    ])
  })
})

describe('CNAMEAlreadyExists', () => {
  it('on create: the error names the aliases', async () => {
    const cf = fakeCloudFront()
    cf.handlers.CreateDistributionWithTags = () => {
      throw sdkError('CNAMEAlreadyExists', 409)
    }
    const admin = fakeAdmin()
    const error = await failure(cf, {
      admin,
      inputs: { aliases: 'www.example.com, example.com', 'certificate-arn': CERT },
    })
    expect(error.message).toContain('CNAMEAlreadyExists')
    expect(error.message).toContain('www.example.com, example.com')
    expect(error.message).toContain('distribution-id')
    expect(admin.puts).toEqual([])
  })

  it('on update: ListConflictingAliases is asked and the holder appears in the message', async () => {
    const cf = fakeCloudFront([
      ours('EOURS', { aliases: ['www.example.com'], certificateArn: CERT }),
    ])
    functionIsLive(cf)
    cf.handlers.UpdateDistribution = () => {
      throw sdkError('CNAMEAlreadyExists', 409)
    }
    cf.handlers.ListConflictingAliases = ({ Alias }) => ({
      ConflictingAliasesList: {
        Items:
          Alias === 'shop.example.com'
            ? [{ Alias, DistributionId: 'EHOLDER123', AccountId: '******789012' }]
            : [],
      },
    })
    const error = await failure(cf, {
      inputs: { aliases: 'www.example.com\nshop.example.com', 'certificate-arn': CERT },
    })
    expect(cf.inputs('ListConflictingAliases')).toEqual([
      { DistributionId: 'EOURS', Alias: 'www.example.com' },
      { DistributionId: 'EOURS', Alias: 'shop.example.com' },
    ])
    expect(error.message).toContain('EHOLDER123')
    expect(error.message).toContain('shop.example.com')
    expect(error.message).toContain('CNAMEAlreadyExists')
  })
})

describe('PreconditionFailed on UpdateDistribution', () => {
  const inputs = { aliases: 'www.example.com, new.example.com', 'certificate-arn': CERT }

  function existingWithOneAlias() {
    const cf = fakeCloudFront([
      ours('EOURS', { aliases: ['www.example.com'], certificateArn: CERT }),
    ])
    functionIsLive(cf)
    return cf
  }

  it('once: the config is read again and the fresh ETag is sent', async () => {
    const cf = existingWithOneAlias()
    const update = cf.handlers.UpdateDistribution
    let failures = 1
    cf.handlers.UpdateDistribution = (input) => {
      if (failures-- > 0) throw sdkError('PreconditionFailed', 412)
      return update(input)
    }
    const { result, log } = await ensure(cf, { inputs })
    expect(cf.inputs('GetDistributionConfig')).toHaveLength(2)
    expect(cf.inputs('UpdateDistribution').map((u) => u.IfMatch)).toEqual([
      'config-etag-1',
      'config-etag-2',
    ])
    expect(result).toMatchObject({ action: 'updated', id: 'EOURS' })
    expect(result!.changes).toEqual([
      { field: 'aliases', from: 'www.example.com', to: 'www.example.com, new.example.com' },
    ])
    expect(cf.distributions[0]!.DistributionConfig!.Aliases?.Items).toEqual([
      'www.example.com',
      'new.example.com',
    ])
    expect(log.info.join('\n')).toMatch(/PreconditionFailed.*attempt 2/)
  })

  it('five times: fails clearly, and every attempt sent a full config', async () => {
    const cf = existingWithOneAlias()
    const before = structuredClone(cf.distributions[0]!.DistributionConfig!)
    cf.handlers.UpdateDistribution = () => {
      throw sdkError('PreconditionFailed', 412)
    }
    const error = await failure(cf, { inputs })
    expect(error.message).toMatch(/Could not update CloudFront distribution EOURS/)
    expect(error.message).toContain('PreconditionFailed')
    const updates = cf.inputs('UpdateDistribution')
    expect(updates).toHaveLength(5)
    expect(cf.inputs('GetDistributionConfig')).toHaveLength(5)
    for (const u of updates) {
      expect(u.Id).toBe('EOURS')
      expect(u.DistributionConfig).toEqual({
        ...before,
        Aliases: { Quantity: 2, Items: ['www.example.com', 'new.example.com'] },
      })
      expect(u.DistributionConfig?.Origins?.Items).toHaveLength(1)
      expect(u.DistributionConfig?.DefaultCacheBehavior?.TargetOriginId).toBe(`s3-${BUCKET}`)
    }
    expect(cf.distributions[0]!.DistributionConfig).toEqual(before)
  })
})

describe('DistributionAlreadyExists on create (a retried request)', () => {
  it('finds the distribution by its mark and carries on', async () => {
    const cf = fakeCloudFront()
    const create = cf.handlers.CreateDistributionWithTags
    cf.handlers.CreateDistributionWithTags = (input) => {
      // the first try went through, its answer was lost; the SDK's retry is refused
      create(input)
      throw sdkError('DistributionAlreadyExists', 409)
    }
    const admin = fakeAdmin()
    const { result } = await ensure(cf, { admin })
    expect(cf.distributions).toHaveLength(1)
    expect(cf.names().slice(-3)).toEqual([
      'CreateDistributionWithTags',
      'ListDistributions',
      'GetDistribution',
    ])
    expect(result).toMatchObject({
      id: 'ENEW',
      action: 'created',
      owned: true,
      originPath: '/site',
    })
    expect(admin.puts).toHaveLength(1)
    expect(admin.puts[0]).toContain('CdnPublishReadENEW')
  })
})

describe('an endpoint without cache policies or CloudFront Functions', () => {
  it('warns, uses the managed CachingOptimized policy and no function, and carries on', async () => {
    const cf = fakeCloudFront()
    cf.handlers.ListCachePolicies = () => {
      throw sdkError('UnknownError', 404)
    }
    cf.handlers.DescribeFunction = () => {
      throw sdkError('UnknownError', 404)
    }
    const { result, log } = await ensure(cf)
    const warnings = log.warning.join('\n')
    expect(warnings).toContain('does not support cache policies')
    expect(warnings).toContain('does not support CloudFront Functions')
    expect(cf.names()).not.toContain('CreateCachePolicy')
    expect(cf.names()).not.toContain('CreateFunction')
    const config = cf.inputs('CreateDistributionWithTags')[0]!.DistributionConfigWithTags!
      .DistributionConfig!
    expect(config.DefaultCacheBehavior?.CachePolicyId).toBe(MANAGED.cachingOptimized)
    expect(config.DefaultCacheBehavior?.FunctionAssociations).toEqual({ Quantity: 0, Items: [] })
    expect(result).toMatchObject({ id: 'ENEW', action: 'created' })
  })

  it('a documented error from DescribeFunction is not mistaken for "unsupported"', async () => {
    const cf = fakeCloudFront()
    cf.handlers.DescribeFunction = () => {
      throw sdkError('AccessDenied', 403)
    }
    const error = await failure(cf)
    expect(error.message).toContain('cloudfront:DescribeFunction')
    expect(cf.names()).not.toContain('CreateDistributionWithTags')
  })
})

describe('refusals before anything is created', () => {
  it('aliases without certificate-arn, nothing found: an error before any Create call', async () => {
    const cf = fakeCloudFront([theirs()])
    const error = await failure(cf, { inputs: { aliases: 'www.example.com' } })
    expect(error.message).toMatch(/'aliases' \(www\.example\.com\) needs certificate-arn/)
    expect(cf.names()).toEqual(['ListDistributions'])
  })

  it('two different distributions hold requested aliases: an error naming both', async () => {
    const cf = fakeCloudFront([
      ours('EOURS', { aliases: ['www.example.com'], certificateArn: CERT }),
      theirs('ETHEIRS', ['blog.example.com']),
    ])
    const admin = fakeAdmin()
    const error = await failure(cf, {
      admin,
      inputs: { aliases: 'www.example.com, blog.example.com', 'certificate-arn': CERT },
    })
    expect(error.message).toContain('EOURS (www.example.com)')
    expect(error.message).toContain('ETHEIRS (blog.example.com)')
    expect(cf.names()).toEqual(['ListDistributions'])
    expect(admin.puts).toEqual([])
  })
})

describe('wait', () => {
  function statuses(cf: Fake, list: string[]) {
    const get = cf.handlers.GetDistribution
    cf.handlers.GetDistribution = (input) => {
      const answer = get(input) as { Distribution: Distribution }
      answer.Distribution.Status = list.length > 1 ? list.shift()! : list[0]!
      return answer
    }
  }

  it('polls until Deployed, with growing pauses', async () => {
    const cf = fakeCloudFront()
    statuses(cf, ['InProgress', 'InProgress', 'Deployed'])
    const clock = fakeClock()
    const { result, log } = await ensure(cf, { inputs: { wait: 'true' }, clock })
    expect(cf.inputs('GetDistribution')).toEqual([{ Id: 'ENEW' }, { Id: 'ENEW' }, { Id: 'ENEW' }])
    expect(result).toMatchObject({ deployed: true, status: 'Deployed' })
    expect(clock.pauses).toEqual([2000, 4000])
    expect(log.warning).toEqual([])
  })

  it('gives up at wait-timeout with a warning, in no real time', async () => {
    const cf = fakeCloudFront()
    statuses(cf, ['InProgress'])
    const clock = fakeClock()
    const started = performance.now()
    const { result, log } = await ensure(cf, {
      inputs: { wait: 'true', 'wait-timeout': '60' },
      clock,
    })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(result).toMatchObject({ deployed: false, status: 'InProgress' })
    expect(log.warning).toHaveLength(1)
    expect(log.warning[0]).toContain('ENEW')
    expect(log.warning[0]).toContain('60 s')
    expect(clock.pauses.length).toBeGreaterThan(2)
    for (let i = 1; i < clock.pauses.length; i++)
      expect(clock.pauses[i]!).toBeGreaterThanOrEqual(clock.pauses[i - 1]!)
    expect(clock.elapsed()).toBeLessThanOrEqual(60_000)
  })

  it('does not wait unless asked', async () => {
    const cf = fakeCloudFront()
    const clock = fakeClock()
    const { result } = await ensure(cf, { clock })
    expect(cf.names()).not.toContain('GetDistribution')
    expect(result?.deployed).toBeUndefined()
    expect(clock.pauses).toEqual([])
  })
})

describe('dry run', () => {
  const readOnly = /^(List|Get)/

  it('a new site: only reads, outcome would-create', async () => {
    const cf = fakeCloudFront([theirs()])
    const admin = fakeAdmin()
    const { result, log } = await ensure(cf, {
      dryRun: true,
      admin,
      inputs: { aliases: 'www.example.com', 'certificate-arn': CERT },
    })
    expect(cf.names().length).toBeGreaterThan(0)
    expect(cf.names().filter((n) => !readOnly.test(n))).toEqual([])
    expect(result).toMatchObject({ action: 'would-create', id: '', aliases: ['www.example.com'] })
    expect(admin.puts).toEqual([])
    expect(log.info.join('\n')).toContain('Would create a CloudFront distribution')
  })

  it('an existing site with a new alias: only reads, outcome would-update', async () => {
    const cf = fakeCloudFront([
      ours('EOURS', { aliases: ['www.example.com'], certificateArn: CERT }),
    ])
    const admin = fakeAdmin()
    const { result, log } = await ensure(cf, {
      dryRun: true,
      admin,
      inputs: { aliases: 'www.example.com, new.example.com', 'certificate-arn': CERT },
    })
    expect(cf.names().filter((n) => !readOnly.test(n))).toEqual([])
    expect(cf.names()).toContain('GetDistributionConfig')
    expect(result).toMatchObject({ action: 'would-update', id: 'EOURS' })
    expect(result!.changes.map((c) => c.field)).toEqual(['aliases'])
    expect(admin.puts).toEqual([])
    expect(log.info.join('\n')).toContain('Would change aliases of EOURS')
  })
})

// The strict AWS layer (scripts/strict-aws/), CloudFront cache and response headers policies: every rule, through the real SDK clients pointed at the
// layer, asserted with the error name and status the SDK surfaces; where cheap, the same request
// sent to moto alone shows what it forgives. The tests never reset the layer (other files share it):
// each uses its own bucket and resource names.
import {
  CreateCachePolicyCommand,
  CreateDistributionCommand,
  CreateResponseHeadersPolicyCommand,
  DeleteCachePolicyCommand,
  DeleteResponseHeadersPolicyCommand,
  GetCachePolicyCommand,
  GetCachePolicyConfigCommand,
  GetDistributionConfigCommand,
  GetResponseHeadersPolicyCommand,
  ListCachePoliciesCommand,
  ListResponseHeadersPoliciesCommand,
  UpdateCachePolicyCommand,
  UpdateDistributionCommand,
  UpdateResponseHeadersPolicyCommand,
  type CachePolicyConfig,
} from '@aws-sdk/client-cloudfront'
import { describe, expect, it } from 'vitest'
import { cf, cfMoto, tag, failure, CACHING_OPTIMIZED, distributionConfig } from './layer.js'

function cachePolicyConfig(
  name: string,
  overrides: Partial<CachePolicyConfig> = {},
): CachePolicyConfig {
  return {
    Name: name,
    Comment: 'test',
    MinTTL: 0,
    DefaultTTL: 60,
    MaxTTL: 3600,
    ParametersInCacheKeyAndForwardedToOrigin: {
      EnableAcceptEncodingGzip: true,
      EnableAcceptEncodingBrotli: true,
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      QueryStringsConfig: { QueryStringBehavior: 'none' },
    },
    ...overrides,
  }
}

describe('CloudFront cache policies, served by the layer (moto: HTML 404)', () => {
  it('create, get, list, update and delete with ETags and If-Match; names unique; managed ones fixed', async () => {
    const name = `cp-${tag()}`
    expect(
      (
        await failure(
          cfMoto.send(new CreateCachePolicyCommand({ CachePolicyConfig: cachePolicyConfig(name) })),
        )
      ).status,
    ).toBe(404)
    const created = await cf.send(
      new CreateCachePolicyCommand({ CachePolicyConfig: cachePolicyConfig(name) }),
    )
    const id = created.CachePolicy!.Id!
    expect(created.ETag).toMatch(/^[A-Z0-9]{14}$/)
    expect(created.Location).toContain(`/cache-policy/${id}`)
    expect(
      await failure(
        cf.send(new CreateCachePolicyCommand({ CachePolicyConfig: cachePolicyConfig(name) })),
      ),
    ).toEqual({
      name: 'CachePolicyAlreadyExists',
      status: 409,
    })
    const got = await cf.send(new GetCachePolicyCommand({ Id: id }))
    expect(got.CachePolicy?.CachePolicyConfig?.Name).toBe(name)
    expect(got.CachePolicy?.CachePolicyConfig?.DefaultTTL).toBe(60)
    const config = await cf.send(new GetCachePolicyConfigCommand({ Id: id }))
    expect(config.ETag).toBe(created.ETag)
    const custom = await cf.send(new ListCachePoliciesCommand({ Type: 'custom', MaxItems: 1000 }))
    expect(
      custom.CachePolicyList?.Items?.some((s) => s.CachePolicy?.Id === id && s.Type === 'custom'),
    ).toBe(true)
    const managed = await cf.send(new ListCachePoliciesCommand({ Type: 'managed' }))
    expect(
      managed.CachePolicyList?.Items?.find((s) => s.CachePolicy?.Id === CACHING_OPTIMIZED)
        ?.CachePolicy?.CachePolicyConfig?.Name,
    ).toBe('Managed-CachingOptimized')
    const changed = cachePolicyConfig(name, { DefaultTTL: 120 })
    expect(
      await failure(cf.send(new UpdateCachePolicyCommand({ Id: id, CachePolicyConfig: changed }))),
    ).toEqual({
      name: 'InvalidIfMatchVersion',
      status: 400,
    })
    expect(
      await failure(
        cf.send(
          new UpdateCachePolicyCommand({ Id: id, IfMatch: 'E0WRONG', CachePolicyConfig: changed }),
        ),
      ),
    ).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    })
    const updated = await cf.send(
      new UpdateCachePolicyCommand({ Id: id, IfMatch: created.ETag, CachePolicyConfig: changed }),
    )
    expect(updated.ETag).not.toBe(created.ETag)
    expect(updated.CachePolicy?.CachePolicyConfig?.DefaultTTL).toBe(120)
    expect(
      await failure(cf.send(new DeleteCachePolicyCommand({ Id: CACHING_OPTIMIZED, IfMatch: 'x' }))),
    ).toEqual({
      name: 'IllegalDelete',
      status: 400,
    })
    // In use by a distribution: 409 CachePolicyInUse.
    const inUse = distributionConfig()
    inUse.DefaultCacheBehavior!.CachePolicyId = id
    const dist = await cf.send(new CreateDistributionCommand({ DistributionConfig: inUse }))
    expect(
      await failure(cf.send(new DeleteCachePolicyCommand({ Id: id, IfMatch: updated.ETag }))),
    ).toEqual({
      name: 'CachePolicyInUse',
      status: 409,
    })
    const distConfig = await cf.send(
      new GetDistributionConfigCommand({ Id: dist.Distribution!.Id! }),
    )
    distConfig.DistributionConfig!.DefaultCacheBehavior!.CachePolicyId = CACHING_OPTIMIZED
    await cf.send(
      new UpdateDistributionCommand({
        Id: dist.Distribution!.Id!,
        IfMatch: distConfig.ETag,
        DistributionConfig: distConfig.DistributionConfig,
      }),
    )
    await cf.send(new DeleteCachePolicyCommand({ Id: id, IfMatch: updated.ETag }))
    expect(await failure(cf.send(new GetCachePolicyCommand({ Id: id })))).toEqual({
      name: 'NoSuchCachePolicy',
      status: 404,
    })
  })

  it('limits: Comment, TTL order, at most 10 headers', async () => {
    expect(
      await failure(
        cf.send(
          new CreateCachePolicyCommand({
            CachePolicyConfig: cachePolicyConfig(`cp-${tag()}`, { Comment: 'c'.repeat(129) }),
          }),
        ),
      ),
    ).toEqual({
      name: 'InvalidArgument',
      status: 400,
    })
    expect(
      await failure(
        cf.send(
          new CreateCachePolicyCommand({
            CachePolicyConfig: cachePolicyConfig(`cp-${tag()}`, { MinTTL: 100, DefaultTTL: 10 }),
          }),
        ),
      ),
    ).toEqual({
      name: 'InvalidArgument',
      status: 400,
    })
    const headers = Array.from({ length: 11 }, (_, i) => `x-h${i}`)
    const tooMany = cachePolicyConfig(`cp-${tag()}`)
    tooMany.ParametersInCacheKeyAndForwardedToOrigin!.HeadersConfig = {
      HeaderBehavior: 'whitelist',
      Headers: { Quantity: headers.length, Items: headers },
    }
    expect(
      await failure(cf.send(new CreateCachePolicyCommand({ CachePolicyConfig: tooMany }))),
    ).toEqual({
      name: 'TooManyHeadersInCachePolicy',
      status: 400,
    })
  })
})

describe('CloudFront response headers policies, served by the layer', () => {
  it('create, duplicate, get, list managed, update and delete with If-Match', async () => {
    const name = `rhp-${tag()}`
    const config = {
      Name: name,
      Comment: 'test',
      CustomHeadersConfig: {
        Quantity: 1,
        Items: [{ Header: 'x-test', Value: '1', Override: true }],
      },
    }
    const created = await cf.send(
      new CreateResponseHeadersPolicyCommand({ ResponseHeadersPolicyConfig: config }),
    )
    const id = created.ResponseHeadersPolicy!.Id!
    expect(
      await failure(
        cf.send(new CreateResponseHeadersPolicyCommand({ ResponseHeadersPolicyConfig: config })),
      ),
    ).toEqual({
      name: 'ResponseHeadersPolicyAlreadyExists',
      status: 409,
    })
    const got = await cf.send(new GetResponseHeadersPolicyCommand({ Id: id }))
    expect(
      got.ResponseHeadersPolicy?.ResponseHeadersPolicyConfig?.CustomHeadersConfig?.Items?.[0]
        ?.Header,
    ).toBe('x-test')
    const managed = await cf.send(new ListResponseHeadersPoliciesCommand({ Type: 'managed' }))
    expect(
      managed.ResponseHeadersPolicyList?.Items?.map(
        (s) => s.ResponseHeadersPolicy?.ResponseHeadersPolicyConfig?.Name,
      ),
    ).toContain('Managed-SecurityHeadersPolicy')
    expect(
      await failure(
        cf.send(
          new UpdateResponseHeadersPolicyCommand({ Id: id, ResponseHeadersPolicyConfig: config }),
        ),
      ),
    ).toEqual({
      name: 'InvalidIfMatchVersion',
      status: 400,
    })
    const updated = await cf.send(
      new UpdateResponseHeadersPolicyCommand({
        Id: id,
        IfMatch: created.ETag,
        ResponseHeadersPolicyConfig: { ...config, Comment: 'two' },
      }),
    )
    expect(
      await failure(
        cf.send(new DeleteResponseHeadersPolicyCommand({ Id: id, IfMatch: created.ETag })),
      ),
    ).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    })
    await cf.send(new DeleteResponseHeadersPolicyCommand({ Id: id, IfMatch: updated.ETag }))
    expect(await failure(cf.send(new GetResponseHeadersPolicyCommand({ Id: id })))).toEqual({
      name: 'NoSuchResponseHeadersPolicy',
      status: 404,
    })
  })
})

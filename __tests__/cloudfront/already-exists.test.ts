// Real CloudFront's races, against the fake CloudFront: a 409 *AlreadyExists (a concurrent deploy created
// the OAC, cache policy, function, public key or key group first) is read back and used.
import { describe, expect, it } from 'vitest'
import { sdkError } from '../helpers/fakes.js'
import { BUCKET, fakeCloudFront, ensure, failure, fnArn } from './fake-cloudfront.js'

describe('409 AlreadyExists: a concurrent deploy created it first, and it is used', () => {
  it('OriginAccessControlAlreadyExists and CachePolicyAlreadyExists: read back, the distribution is created with them', async () => {
    const cf = fakeCloudFront()
    let oacCreated = false
    cf.handlers.ListOriginAccessControls = () => ({
      OriginAccessControlList: {
        Quantity: oacCreated ? 1 : 0,
        IsTruncated: false,
        Items: oacCreated ? [{ Id: 'ERACEDOAC', Name: `cdn-publish-${BUCKET}` } as never] : [],
      },
    })
    cf.handlers.CreateOriginAccessControl = () => {
      oacCreated = true
      throw sdkError('OriginAccessControlAlreadyExists', 409)
    }
    let policyCreated = false
    cf.handlers.ListCachePolicies = () => ({
      CachePolicyList: {
        Quantity: policyCreated ? 1 : 0,
        Items: policyCreated
          ? [
              {
                Type: 'custom',
                CachePolicy: {
                  Id: 'RACED-POLICY',
                  LastModifiedTime: new Date(0),
                  CachePolicyConfig: {
                    Name: 'cdn-publish-honour-origin-cache-control',
                    MinTTL: 0,
                  },
                },
              },
            ]
          : [],
      },
    })
    cf.handlers.CreateCachePolicy = () => {
      policyCreated = true
      throw sdkError('CachePolicyAlreadyExists', 409)
    }
    const { result, log } = await ensure(cf)
    expect(cf.names().slice(0, 7)).toEqual([
      'ListDistributions',
      'ListOriginAccessControls',
      'CreateOriginAccessControl',
      'ListOriginAccessControls',
      'ListCachePolicies',
      'CreateCachePolicy',
      'ListCachePolicies',
    ])
    const config = cf.inputs('CreateDistributionWithTags')[0]!.DistributionConfigWithTags!
      .DistributionConfig!
    expect(config.Origins?.Items?.[0]?.OriginAccessControlId).toBe('ERACEDOAC')
    expect(config.DefaultCacheBehavior?.CachePolicyId).toBe('RACED-POLICY')
    expect(result).toMatchObject({ action: 'created' })
    expect(log.info.join('\n')).not.toContain('Created Origin Access Control')
  })

  it('a 409 whose resource cannot be read back fails with the 409', async () => {
    const cf = fakeCloudFront()
    cf.handlers.CreateOriginAccessControl = () => {
      throw sdkError('OriginAccessControlAlreadyExists', 409)
    }
    const error = await failure(cf)
    expect(error.message).toMatch(
      /Could not ensure the Origin Access Control .*OriginAccessControlAlreadyExists/,
    )
    expect(cf.names()).not.toContain('CreateDistributionWithTags')
  })

  it('FunctionAlreadyExists, already published by the other deploy: its LIVE ARN is used, nothing published', async () => {
    const cf = fakeCloudFront()
    let racedName: string | undefined
    cf.handlers.CreateFunction = ({ Name }) => {
      racedName = Name
      throw sdkError('FunctionAlreadyExists', 409)
    }
    cf.handlers.DescribeFunction = ({ Name, Stage }) => {
      if (Name !== racedName) throw sdkError('NoSuchFunctionExists', 404)
      return {
        FunctionSummary: { Name, FunctionMetadata: { FunctionARN: fnArn(Name!), Stage } },
        ETag: 'raced-etag',
      }
    }
    await ensure(cf)
    expect(cf.names()).not.toContain('PublishFunction')
    expect(cf.inputs('DescribeFunction').map((d) => d.Stage)).toEqual(['LIVE', 'LIVE'])
    const config = cf.inputs('CreateDistributionWithTags')[0]!.DistributionConfigWithTags!
      .DistributionConfig!
    expect(config.DefaultCacheBehavior?.FunctionAssociations?.Items?.[0]?.FunctionARN).toBe(
      fnArn(racedName!),
    )
  })

  it('FunctionAlreadyExists, not yet published: the DEVELOPMENT ETag publishes it', async () => {
    const cf = fakeCloudFront()
    cf.handlers.CreateFunction = () => {
      throw sdkError('FunctionAlreadyExists', 409)
    }
    cf.handlers.DescribeFunction = ({ Name, Stage }) => {
      if (Stage === 'LIVE') throw sdkError('NoSuchFunctionExists', 404)
      return { FunctionSummary: { Name }, ETag: 'dev-etag' }
    }
    await ensure(cf)
    expect(cf.inputs('PublishFunction')).toEqual([
      { Name: cf.inputs('CreateFunction')[0]!.Name, IfMatch: 'dev-etag' },
    ])
  })

  it('PublicKeyAlreadyExists and KeyGroupAlreadyExists: the key API reads them back by name', async () => {
    const cf = fakeCloudFront()
    const createKey = cf.handlers.CreatePublicKey
    cf.handlers.CreatePublicKey = (input) => {
      createKey(input) // the other deploy's request
      throw sdkError('PublicKeyAlreadyExists', 409)
    }
    const createGroup = cf.handlers.CreateKeyGroup
    cf.handlers.CreateKeyGroup = (input) => {
      createGroup(input)
      throw sdkError('KeyGroupAlreadyExists', 409)
    }
    // the list shows the material re-wrapped: the name (a hash of the material) identifies it
    const key = await cf.api.keys.ensurePublicKey('PEM', 'cdn-publish-aaaaaaaaaaaa', (pem) => {
      if (pem === 'PEM\n') throw new Error('not a key')
      return pem
    })
    expect(key).toEqual({ id: 'K1', created: false })
    const group = await cf.api.keys.ensureKeyGroup('cdn-publish-bbbbbbbbbbbb', ['K1'])
    expect(group).toEqual({ id: 'KG1', created: false })
    expect(cf.names()).toEqual([
      'ListPublicKeys',
      'CreatePublicKey',
      'ListPublicKeys',
      'ListKeyGroups',
      'CreateKeyGroup',
      'ListKeyGroups',
    ])
    expect(cf.inputs('CreatePublicKey')[0]!.PublicKeyConfig?.Comment).toBe('cdn-publish')
    expect(cf.inputs('CreateKeyGroup')[0]!.KeyGroupConfig?.Comment).toBe('cdn-publish')
  })

  it('another 409 (TooManyKeyGroups) is not mistaken for a race', async () => {
    const cf = fakeCloudFront()
    cf.handlers.CreateKeyGroup = () => {
      throw sdkError('TooManyKeyGroups', 400)
    }
    await expect(cf.api.keys.ensureKeyGroup('cdn-publish-bbbbbbbbbbbb', ['K1'])).rejects.toThrow(
      /TooManyKeyGroups/,
    )
    expect(cf.names()).toEqual(['ListKeyGroups', 'CreateKeyGroup'])
  })
})

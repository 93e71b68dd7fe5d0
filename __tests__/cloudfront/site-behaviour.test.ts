// Site behaviour on the CloudFront side, against the fake client: the KeyValueStore comes first (the
// functions name it), the two site functions are associated with it, and only the distributions the
// action manages get it unless site-behaviour is true.
import type { FunctionAssociation } from '@aws-sdk/client-cloudfront'
import { describe, expect, it } from 'vitest'
import { storeName } from '../../src/cloudfront/site-store.js'
import { BUCKET, ensure, fakeCloudFront, ours, theirs } from './fake-cloudfront.js'

function associations(cf: ReturnType<typeof fakeCloudFront>, id: string): FunctionAssociation[] {
  const d = cf.distributions.find((x) => x.Id === id)!
  return d.DistributionConfig!.DefaultCacheBehavior!.FunctionAssociations?.Items ?? []
}

describe('site behaviour: the store and the functions', () => {
  it('a new distribution: the store is made first, both functions read it and are associated', async () => {
    const cf = fakeCloudFront([])
    const { result } = await ensure(cf, { inputs: { 'site-behaviour': 'auto' } })
    const names = cf.names()
    expect(names.indexOf('CreateKeyValueStore')).toBeGreaterThan(-1)
    expect(names.indexOf('CreateKeyValueStore')).toBeLessThan(names.indexOf('CreateFunction'))
    const name = storeName(BUCKET, 'site')
    expect(name).toMatch(/^cdn-publish-[0-9a-f]{16}$/)
    expect(cf.inputs('CreateKeyValueStore')[0]?.Name).toBe(name)
    const created = cf.inputs('CreateFunction')
    expect(created).toHaveLength(2)
    for (const fn of created) {
      expect(fn.FunctionConfig?.KeyValueStoreAssociations?.Items?.[0]?.KeyValueStoreARN).toBe(
        result!.store!.arn,
      )
      // The code names the store it reads.
      expect(Buffer.from(fn.FunctionCode!).toString()).toContain(`cf.kvs('${result!.store!.id}')`)
    }
    expect(
      associations(cf, result!.id)
        .map((a) => a.EventType)
        .sort(),
    ).toEqual(['viewer-request', 'viewer-response'])
  })

  it('a second run finds the store and does not create another', async () => {
    const cf = fakeCloudFront([])
    await ensure(cf, { inputs: { 'site-behaviour': 'auto' } })
    const before = cf.names().length
    const { result } = await ensure(cf, { inputs: { 'site-behaviour': 'auto' } })
    const again = cf.names().slice(before)
    expect(again).toContain('DescribeKeyValueStore')
    expect(again).not.toContain('CreateKeyValueStore')
    expect(result?.store?.name).toBe(storeName(BUCKET, 'site'))
  })

  it('a distribution named by distribution-id: untouched with auto, given the site functions with true', async () => {
    // One the user made for this bucket and prefix (no mark of the action's).
    const named = ours('ENAMED')
    named.DistributionConfig!.Comment = 'made by hand'
    const cf = fakeCloudFront([named])
    const before = associations(cf, 'ENAMED')
    const { result } = await ensure(cf, {
      inputs: { 'site-behaviour': 'auto', 'distribution-id': 'ENAMED' },
    })
    expect(result?.store).toBeUndefined()
    expect(cf.names()).not.toContain('DescribeKeyValueStore')
    expect(associations(cf, 'ENAMED')).toEqual(before)
    const forced = await ensure(cf, {
      inputs: { 'site-behaviour': 'true', 'distribution-id': 'ENAMED' },
    })
    expect(forced.result?.store?.arn).toMatch(/key-value-store/)
    expect(
      associations(cf, 'ENAMED')
        .map((a) => a.EventType)
        .sort(),
    ).toEqual(['viewer-request', 'viewer-response'])
  })

  it('an endpoint without KeyValueStores: a warning, and the plain functions', async () => {
    const cf = fakeCloudFront([])
    cf.handlers.DescribeKeyValueStore = () => {
      throw Object.assign(new Error('not implemented'), {
        name: 'NotImplemented',
        $metadata: { httpStatusCode: 501 },
      })
    }
    const { result, log } = await ensure(cf, { inputs: { 'site-behaviour': 'auto' } })
    expect(result?.store).toBeUndefined()
    expect(log.warning.join('\n')).toMatch(/does not support KeyValueStores/)
    expect(cf.inputs('CreateFunction')).toHaveLength(1)
  })

  it('site-behaviour: true on a distribution serving the bucket from another path: a warning, functions left alone', async () => {
    const cf = fakeCloudFront([theirs('EOTHER', [])])
    const { result, log } = await ensure(cf, {
      inputs: { 'site-behaviour': 'true', 'distribution-id': 'EOTHER' },
    })
    expect(result?.store).toBeUndefined()
    expect(cf.names()).not.toContain('DescribeKeyValueStore')
    expect(associations(cf, 'EOTHER')).toEqual([])
    expect(log.warning.join('\n')).toMatch(/site-behaviour is not applied to distribution EOTHER/)
  })
})

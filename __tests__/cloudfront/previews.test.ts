// Previews on a distribution the action manages (src/cloudfront/previews.ts, ensure-functions.ts), against
// the fake CloudFront: sticky settings in tags, the viewer-response function, the preview-domain wildcard.
import { describe, expect, it } from 'vitest'
import { siteStatements } from '../../src/cloudfront/bucket-policy.js'
import { PREVIEWS_TAG, PREVIEW_DOMAIN_TAG } from '../../src/cloudfront/previews.js'
import { viewerResponseCode } from '../../src/cloudfront/viewer-request.js'
import {
  BUCKET,
  CERT,
  fakeCloudFront,
  fakeAdmin,
  ensure,
  ours,
  theirs,
  policyFor,
  WRITES,
  PREVIEW_DOMAIN,
  REQUEST_NAME,
  RESPONSE_NAME,
  REQUEST_NAME_D,
  RESPONSE_NAME_D,
  fnArn,
  liveFunctions,
  PR_EVENT,
  codeOf,
} from './fake-cloudfront.js'

describe('previews on a distribution the action manages', () => {
  it('a preview run adds a viewer-response function, keeps the viewer-request one and records the previews tag', async () => {
    const existing = ours('EOURS', { functions: { 'viewer-request': fnArn(REQUEST_NAME) } })
    const cf = fakeCloudFront([existing])
    liveFunctions(cf, [REQUEST_NAME])
    const admin = fakeAdmin()
    const { result, log } = await ensure(cf, {
      admin,
      inputs: { preview: 'true' },
      event: PR_EVENT,
    })
    expect(cf.names()).toEqual([
      'ListDistributions',
      'GetDistribution',
      'ListTagsForResource',
      'DescribeFunction',
      'DescribeFunction',
      'CreateFunction',
      'PublishFunction',
      'GetDistributionConfig',
      'UpdateDistribution',
      'TagResource',
      // the functions changed: a look for unused ones the action made (none here)
      'ListDistributions',
      'ListFunctions',
      'ListKeyGroups',
      'ListPublicKeys',
    ])
    expect(cf.inputs('ListTagsForResource')).toEqual([{ Resource: existing.ARN }])
    expect(cf.inputs('DescribeFunction').map((d) => d.Name)).toEqual([REQUEST_NAME, RESPONSE_NAME])
    const created = cf.inputs('CreateFunction')[0]!
    expect(created.Name).toBe(RESPONSE_NAME)
    expect(codeOf(created)).toBe(
      viewerResponseCode({ previewRoot: 'previews', previewDomain: undefined }),
    )

    const update = cf.inputs('UpdateDistribution')[0]!
    expect(update.IfMatch).toBe('config-etag-1')
    expect(update.DistributionConfig?.DefaultCacheBehavior?.FunctionAssociations).toEqual({
      Quantity: 2,
      Items: [
        { EventType: 'viewer-request', FunctionARN: fnArn(REQUEST_NAME) },
        { EventType: 'viewer-response', FunctionARN: fnArn(RESPONSE_NAME) },
      ],
    })
    // the rest of the config is carried over
    expect(update.DistributionConfig?.Aliases).toEqual(existing.DistributionConfig!.Aliases)
    expect(update.DistributionConfig?.Origins).toEqual(existing.DistributionConfig!.Origins)
    expect(result).toMatchObject({ id: 'EOURS', action: 'updated', owned: true })
    expect(result!.changes).toEqual([
      { field: 'viewer-response function', from: '(none)', to: fnArn(RESPONSE_NAME) },
    ])

    expect(cf.inputs('TagResource')).toEqual([
      { Resource: existing.ARN, Tags: { Items: [{ Key: PREVIEWS_TAG, Value: 'previews' }] } },
    ])
    // the grant covers the distribution's base prefix, not only this preview
    expect(admin.puts).toHaveLength(1)
    expect(JSON.parse(admin.puts[0]!).Statement).toEqual(
      siteStatements(BUCKET, 'site', 'EOURS', existing.ARN!),
    )
    expect(log.warning).toEqual([])
  })

  it('a later production run keeps the viewer-response function because of the tag, and writes nothing', async () => {
    const existing = ours('EOURS', {
      functions: {
        'viewer-request': fnArn(REQUEST_NAME),
        'viewer-response': fnArn(RESPONSE_NAME),
      },
    })
    const cf = fakeCloudFront([existing])
    cf.tags.set(existing.ARN!, { [PREVIEWS_TAG]: 'previews' })
    liveFunctions(cf, [REQUEST_NAME, RESPONSE_NAME])
    const admin = fakeAdmin(policyFor(existing))
    const { result } = await ensure(cf, { admin })
    expect(cf.names()).toEqual([
      'ListDistributions',
      'GetDistribution',
      'ListTagsForResource',
      'DescribeFunction',
      'DescribeFunction',
      'GetDistributionConfig',
    ])
    expect(cf.inputs('DescribeFunction').map((d) => d.Name)).toEqual([REQUEST_NAME, RESPONSE_NAME])
    expect(cf.names().filter((n) => WRITES.test(n))).toEqual([])
    expect(admin.puts).toEqual([])
    expect(result).toMatchObject({ action: 'unchanged', changes: [] })
  })

  it('preview-domain: the wildcard alias, host-mapping functions, and both tags', async () => {
    const existing = ours('EOURS', {
      aliases: ['www.example.com'],
      certificateArn: CERT,
      functions: { 'viewer-request': fnArn(REQUEST_NAME) },
    })
    const cf = fakeCloudFront([existing])
    liveFunctions(cf, [REQUEST_NAME])
    const { result } = await ensure(cf, {
      inputs: { preview: 'true', 'preview-domain': PREVIEW_DOMAIN, 'certificate-arn': CERT },
      event: PR_EVENT,
    })
    const created = cf.inputs('CreateFunction')
    expect(created.map((c) => c.Name)).toEqual([REQUEST_NAME_D, RESPONSE_NAME_D])
    expect(codeOf(created[0]!)).toContain(`const PREVIEW_DOMAIN = '${PREVIEW_DOMAIN}';`)
    expect(codeOf(created[1]!)).toContain(`const PREVIEW_DOMAIN = '${PREVIEW_DOMAIN}';`)

    const config = cf.inputs('UpdateDistribution')[0]!.DistributionConfig!
    expect(config.Aliases).toEqual({
      Quantity: 2,
      Items: ['www.example.com', `*.${PREVIEW_DOMAIN}`],
    })
    expect(config.DefaultCacheBehavior?.FunctionAssociations).toEqual({
      Quantity: 2,
      Items: [
        { EventType: 'viewer-request', FunctionARN: fnArn(REQUEST_NAME_D) },
        { EventType: 'viewer-response', FunctionARN: fnArn(RESPONSE_NAME_D) },
      ],
    })
    expect(result!.changes.map((c) => c.field)).toEqual([
      'aliases',
      'viewer-request function',
      'viewer-response function',
    ])
    expect(cf.tags.get(existing.ARN!)).toEqual({
      [PREVIEW_DOMAIN_TAG]: PREVIEW_DOMAIN,
      [PREVIEWS_TAG]: 'previews',
    })

    // a production run afterwards, without any preview input: the settings stick, nothing changes
    const before = cf.calls.length
    const again = await ensure(cf)
    const names = cf.names().slice(before)
    expect(names.filter((n) => WRITES.test(n))).toEqual([])
    expect(cf.calls.slice(before).filter((c) => c.name === 'DescribeFunction')).toEqual([
      { name: 'DescribeFunction', input: { Name: REQUEST_NAME_D, Stage: 'LIVE' } },
      { name: 'DescribeFunction', input: { Name: RESPONSE_NAME_D, Stage: 'LIVE' } },
    ])
    expect(again.result).toMatchObject({ action: 'unchanged' })
    expect(again.result!.aliases).toEqual(['www.example.com', `*.${PREVIEW_DOMAIN}`])
  })

  it('a new distribution made by a preview run with preview-domain gets everything at creation', async () => {
    const cf = fakeCloudFront()
    await ensure(cf, {
      inputs: { preview: 'true', 'preview-domain': PREVIEW_DOMAIN, 'certificate-arn': CERT },
      event: PR_EVENT,
    })
    expect(cf.names()).not.toContain('ListTagsForResource')
    expect(cf.names()).not.toContain('TagResource')
    expect(cf.inputs('CreateFunction').map((c) => c.Name)).toEqual([
      REQUEST_NAME_D,
      RESPONSE_NAME_D,
    ])
    const sent = cf.inputs('CreateDistributionWithTags')[0]!.DistributionConfigWithTags!
    expect(sent.DistributionConfig?.Comment).toBe(`cdn-publish s3://${BUCKET}/site`)
    expect(sent.DistributionConfig?.Aliases).toEqual({
      Quantity: 1,
      Items: [`*.${PREVIEW_DOMAIN}`],
    })
    expect(sent.DistributionConfig?.DefaultCacheBehavior?.FunctionAssociations).toEqual({
      Quantity: 2,
      Items: [
        { EventType: 'viewer-request', FunctionARN: fnArn(REQUEST_NAME_D) },
        { EventType: 'viewer-response', FunctionARN: fnArn(RESPONSE_NAME_D) },
      ],
    })
    expect(sent.Tags?.Items).toEqual(
      expect.arrayContaining([
        { Key: PREVIEW_DOMAIN_TAG, Value: PREVIEW_DOMAIN },
        { Key: PREVIEWS_TAG, Value: 'previews' },
      ]),
    )
  })

  it('a distribution the action did not create: no tags read, no function touched', async () => {
    const cf = fakeCloudFront([theirs('ETHEIRS', ['www.example.com'])])
    const { result } = await ensure(cf, {
      inputs: { preview: 'true', aliases: 'www.example.com', 'certificate-arn': CERT },
      event: PR_EVENT,
    })
    expect(cf.names()).toEqual(['ListDistributions', 'GetDistribution', 'GetDistributionConfig'])
    expect(result).toMatchObject({ id: 'ETHEIRS', owned: false, action: 'unchanged' })
  })
})

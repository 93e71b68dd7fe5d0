// What ensureDistribution sends fits real CloudFront's limits (src/cloudfront/limits.ts applied), against
// the fake CloudFront: tag values match the API's pattern, comments are at most 128 characters, and a
// distribution marked by an earlier version is still found.
import { describe, expect, it } from 'vitest'
import { PREVIEWS_TAG, PREVIEW_DOMAIN_TAG } from '../../src/cloudfront/previews.js'
import {
  BUCKET,
  CERT,
  REQUEST_NAME,
  PR_EVENT,
  TAG_PATTERN,
  codeOf,
  ensure,
  fakeCloudFront,
  fnArn,
  functionIsLive,
  liveFunctions,
  ours,
} from './fake-cloudfront.js'

describe('tag values and comments real CloudFront accepts', () => {
  const PREFIX = '~team/docs (beta)'

  it('a prefix with ~ ( ): every tag value matches the pattern, and a later run finds it by the tag', async () => {
    const cf = fakeCloudFront()
    await ensure(cf, { inputs: { prefix: PREFIX } })
    const sent = cf.inputs('CreateDistributionWithTags')[0]!.DistributionConfigWithTags!
    for (const t of sent.Tags?.Items ?? []) {
      expect(t.Value!.length).toBeLessThanOrEqual(256)
      expect(t.Value).toMatch(TAG_PATTERN)
    }
    expect(sent.Tags?.Items).toContainEqual({
      Key: 'cdn-publish:origin',
      Value: `s3://${BUCKET}/=7Eteam/docs =28beta=29`,
    })
    // somebody edits the Comment: the tag still finds it
    cf.distributions[0]!.DistributionConfig!.Comment = 'edited by hand'
    functionIsLive(cf)
    const before = cf.calls.length
    const { result, log } = await ensure(cf, { inputs: { prefix: PREFIX } })
    expect(cf.names().slice(before)).not.toContain('CreateDistributionWithTags')
    expect(result).toMatchObject({ id: 'ENEW', owned: true })
    expect(log.info.join('\n')).toContain('by its cdn-publish:origin tag')
  })

  it('a distribution an earlier version tagged with the raw mark is still found by the tag', async () => {
    const existing = ours('EOLD', { prefix: PREFIX })
    existing.DistributionConfig!.Comment = 'edited by hand'
    const cf = fakeCloudFront([existing])
    cf.tags.set(existing.ARN!, { 'cdn-publish:origin': `s3://${BUCKET}/${PREFIX}` })
    functionIsLive(cf)
    const { result } = await ensure(cf, { inputs: { prefix: PREFIX } })
    expect(cf.names()).not.toContain('CreateDistributionWithTags')
    expect(result).toMatchObject({ id: 'EOLD', owned: true })
  })

  it('the longest prefix: the distribution Comment fits 128', async () => {
    const prefix = Array.from({ length: 40 }, (_, i) => `seg~${i}(x)`).join('/')
    const cf = fakeCloudFront()
    await ensure(cf, { inputs: { prefix } })
    const sent = cf.inputs('CreateDistributionWithTags')[0]!.DistributionConfigWithTags!
    expect(sent.DistributionConfig!.Comment!.length).toBeLessThanOrEqual(128)
    for (const t of sent.Tags?.Items ?? []) expect(t.Value).toMatch(TAG_PATTERN)
    expect(
      sent.Tags?.Items?.find((t) => t.Key === 'cdn-publish:origin')?.Value?.length,
    ).toBeLessThanOrEqual(256)
    expect(
      cf.inputs('CreateOriginAccessControl')[0]!.OriginAccessControlConfig!.Description!.length,
    ).toBeLessThanOrEqual(128)
    expect(
      cf.inputs('CreateCachePolicy')[0]!.CachePolicyConfig!.Comment!.length,
    ).toBeLessThanOrEqual(128)
  })

  it('a 253-character preview domain: the functions are created with comments of at most 128', async () => {
    const domain = `${Array.from({ length: 3 }, () => 'd'.repeat(63)).join('.')}.${'e'.repeat(61)}`
    expect(domain).toHaveLength(253)
    const cf = fakeCloudFront()
    await ensure(cf, {
      inputs: { preview: 'true', 'preview-domain': domain, 'certificate-arn': CERT },
      event: PR_EVENT,
    })
    const created = cf.inputs('CreateFunction')
    expect(created).toHaveLength(2)
    for (const c of created) {
      expect(c.FunctionConfig!.Comment!.length).toBeLessThanOrEqual(128)
      expect(Buffer.byteLength(codeOf(c))).toBeLessThanOrEqual(10 * 1024)
    }
    const tags = cf.inputs('CreateDistributionWithTags')[0]!.DistributionConfigWithTags!.Tags!
    expect(tags.Items).toContainEqual({ Key: PREVIEW_DOMAIN_TAG, Value: domain })
  })

  it('a preview root with characters tags refuse: escaped in the tag, read back as the same root', async () => {
    const existing = ours('EOURS', { functions: { 'viewer-request': fnArn(REQUEST_NAME) } })
    const cf = fakeCloudFront([existing])
    liveFunctions(cf, [REQUEST_NAME])
    const inputs = { preview: 'true', 'preview-prefix': 'pr~views/pr-{number}' }
    await ensure(cf, { inputs, event: PR_EVENT })
    expect(cf.tags.get(existing.ARN!)).toEqual({ [PREVIEWS_TAG]: 'pr=7Eviews' })
    const before = cf.calls.length
    await ensure(cf, { inputs, event: PR_EVENT })
    expect(cf.names().slice(before)).not.toContain('TagResource')
  })
})

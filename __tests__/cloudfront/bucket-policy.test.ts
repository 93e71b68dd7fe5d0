// The bucket policy statement a distribution reads the site by (src/cloudfront/bucket-policy.ts), merged
// into whatever policy the bucket has. Pure: JSON text in, JSON text out.
import { describe, expect, it } from 'vitest'
import {
  mergePolicy,
  siteStatements,
  statementId,
  type PolicyStatement,
} from '../../src/cloudfront/bucket-policy.js'

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

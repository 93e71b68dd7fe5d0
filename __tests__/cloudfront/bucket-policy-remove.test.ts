// removeStatements: taking the action's read statement out of a bucket policy, keeping everything else.
import { describe, expect, it } from 'vitest'
import {
  removeStatements,
  siteStatements,
  statementId,
  type PolicyStatement,
} from '../../src/cloudfront/bucket-policy.js'

const DIST = 'E2QWRUHEXAMPLE'
const ARN = `arn:aws:cloudfront::123456789012:distribution/${DIST}`
const SID = statementId(DIST)
const ours = siteStatements('site-bucket', 'site', DIST, ARN)[0]!
const other = siteStatements('site-bucket', 'docs', 'EOTHER', `${ARN}x`)[0]!
const logs: PolicyStatement = {
  Sid: 'LogDelivery',
  Effect: 'Allow',
  Principal: { Service: 'logging.s3.amazonaws.com' },
  Action: ['s3:PutObject'],
  Resource: 'arn:aws:s3:::site-bucket/logs/*',
}
const denyHttp: PolicyStatement = {
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: 'arn:aws:s3:::site-bucket/*',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
}

function policy(statement: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ Version: '2012-10-17', ...extra, Statement: statement })
}

/** The remaining policy, parsed; fails the test when removeStatements reports no change. */
function remaining(existing: string, sids: string[] = [SID]) {
  const result = removeStatements(existing, sids)
  expect(result.changed).toBe(true)
  if (!result.changed || result.policy === undefined) throw new Error('expected a policy')
  return JSON.parse(result.policy) as { Version?: string; Id?: string; Statement: unknown[] }
}

describe('removeStatements', () => {
  it('removes only the named Sid and keeps the others in their order', () => {
    const left = remaining(policy([logs, ours, denyHttp, other]))
    expect(left.Statement).toEqual([logs, denyHttp, other])
  })

  it('keeps Version, Id and any other top-level field', () => {
    const left = remaining(policy([ours, logs], { Id: 'SitePolicy' }))
    expect(left).toEqual({ Version: '2012-10-17', Id: 'SitePolicy', Statement: [logs] })
  })

  it('removes every statement with that Sid (a duplicate too)', () => {
    expect(remaining(policy([ours, logs, { ...ours, Resource: '*' }])).Statement).toEqual([logs])
  })

  it('removes several Sids at once', () => {
    const left = remaining(policy([ours, logs, other]), [SID, statementId('EOTHER')])
    expect(left.Statement).toEqual([logs])
  })

  it('ours as the only statement: policy undefined (the caller deletes the policy)', () => {
    expect(removeStatements(policy([ours]), [SID])).toEqual({ changed: true, policy: undefined })
  })

  it('a Statement that is a single object, ours: policy undefined', () => {
    expect(removeStatements(policy(ours), [SID])).toEqual({ changed: true, policy: undefined })
  })

  it('a Statement that is a single object, not ours: no change', () => {
    expect(removeStatements(policy(logs), [SID])).toEqual({ changed: false })
  })

  it.each([
    ['ours is absent', policy([logs, other])],
    ['a statement without Sid only', policy([denyHttp])],
    ['no statements', policy([])],
    ['no Statement field', JSON.stringify({ Version: '2012-10-17' })],
  ])('no change when %s', (_what, existing) => {
    expect(removeStatements(existing, [SID])).toEqual({ changed: false })
  })

  it('a Sid that only starts like ours is not ours', () => {
    const longer = { ...ours, Sid: `${SID}2` }
    expect(removeStatements(policy([longer]), [SID])).toEqual({ changed: false })
  })

  it('an empty Sid list changes nothing, even for statements without Sid', () => {
    expect(removeStatements(policy([denyHttp, ours]), [])).toEqual({ changed: false })
  })

  it.each([
    ['missing (the bucket has no policy)', undefined],
    ['empty', ''],
    ['not JSON', 'not json'],
    ['truncated JSON', '{"Statement": ['],
  ])('no change when the policy is %s', (_what, existing) => {
    expect(removeStatements(existing, [SID])).toEqual({ changed: false })
  })
})

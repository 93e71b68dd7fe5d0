// teardownDistribution against a fake CloudFront client and a fake bucket admin: disable, wait until
// deployed, delete, then the Origin Access Control and the bucket policy statement. Time is a fake clock.
import {
  type CloudFrontClient,
  type DeleteDistributionCommandInput,
  type DeleteOriginAccessControlCommandInput,
  type DistributionConfig,
  type GetDistributionCommandInput,
  type GetDistributionConfigCommandInput,
  type GetOriginAccessControlCommandInput,
  type ListOriginAccessControlsCommandInput,
  type UpdateDistributionCommandInput,
} from '@aws-sdk/client-cloudfront'
import { describe, expect, it } from 'vitest'
import { siteStatements, type PolicyStatement } from '../../src/cloudfront/bucket-policy.js'
import { CloudFrontApi } from '../../src/cloudfront/client.js'
import { createConfig } from '../../src/cloudfront/distribution.js'
import type { DistributionOutcome } from '../../src/cloudfront/outcome.js'
import type { BucketPolicy } from '../../src/cloudfront/ports.js'
import { teardownDistribution } from '../../src/cloudfront/teardown.js'
import { parseConfig } from '../../src/action/inputs.js'
import { fakeClock, recordingLog, sdkError } from '../helpers/fakes.js'

const BUCKET = 'site-bucket'
const ID = 'EOURS'
const ARN = `arn:aws:cloudfront::123456789012:distribution/${ID}`
const OAC_NAME = `cdn-publish-${BUCKET}`
const OAC_ID = 'E1OACEXAMPLE'

interface Inputs {
  GetDistributionConfig: GetDistributionConfigCommandInput
  UpdateDistribution: UpdateDistributionCommandInput
  GetDistribution: GetDistributionCommandInput
  DeleteDistribution: DeleteDistributionCommandInput
  ListOriginAccessControls: ListOriginAccessControlsCommandInput
  GetOriginAccessControl: GetOriginAccessControlCommandInput
  DeleteOriginAccessControl: DeleteOriginAccessControlCommandInput
}
type Name = keyof Inputs
type Handlers = { [K in Name]: (input: Inputs[K]) => unknown }

/** The config of the distribution an earlier run created, with a field set by hand. */
function originalConfig(enabled: boolean): DistributionConfig {
  const config = createConfig({
    callerReference: 'cdn-publish-1-1-abc',
    bucket: BUCKET,
    prefix: 'site',
    region: 'eu-west-1',
    aliases: [],
    certificateArn: undefined,
    priceClass: 'PriceClass_100',
    originAccessControlId: OAC_ID,
    cachePolicyId: 'cache-policy-1',
    functions: { 'viewer-request': 'arn:aws:cloudfront::123456789012:function/cdn-publish-1' },
  })
  config.WebACLId = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1'
  return { ...config, Enabled: enabled }
}

/**
 * One distribution. After each UpdateDistribution it is InProgress; each GetDistribution takes the next
 * status from `statuses` (the last one repeats).
 */
function fakeCloudFront(options: { enabled?: boolean; statuses?: string[] } = {}) {
  let config: DistributionConfig | undefined = originalConfig(options.enabled ?? true)
  let status = 'Deployed'
  const statuses = [...(options.statuses ?? ['Deployed'])]
  let configEtag = 0
  let getEtag = 0
  const calls: Array<{ name: Name; input: unknown }> = []
  const exists = () => {
    if (!config) throw sdkError('NoSuchDistribution', 404)
    return config
  }
  const handlers: Handlers = {
    GetDistributionConfig: () => ({
      DistributionConfig: structuredClone(exists()),
      ETag: `config-etag-${++configEtag}`,
    }),
    UpdateDistribution: ({ DistributionConfig }) => {
      exists()
      config = structuredClone(DistributionConfig)
      status = 'InProgress'
      return { Distribution: distribution(), ETag: 'updated-etag' }
    },
    GetDistribution: () => {
      exists()
      if (status === 'InProgress') status = statuses.length > 1 ? statuses.shift()! : statuses[0]!
      return { Distribution: distribution(), ETag: `get-etag-${++getEtag}` }
    },
    DeleteDistribution: () => {
      if (exists().Enabled) throw sdkError('DistributionNotDisabled', 409)
      config = undefined
      return {}
    },
    ListOriginAccessControls: () => ({
      OriginAccessControlList: {
        Quantity: 2,
        IsTruncated: false,
        Items: [
          { Id: 'EOTHEROAC', Name: 'made-by-hand' },
          { Id: OAC_ID, Name: OAC_NAME },
        ],
      },
    }),
    GetOriginAccessControl: () => ({ OriginAccessControl: { Id: OAC_ID }, ETag: 'oac-etag' }),
    DeleteOriginAccessControl: () => ({}),
  }
  function distribution() {
    return {
      Id: ID,
      ARN,
      DomainName: 'eours.cloudfront.net',
      Status: status,
      DistributionConfig: structuredClone(config),
    }
  }
  const client = {
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      const name = command.constructor.name.replace(/Command$/, '') as Name
      calls.push({ name, input: structuredClone(command.input) })
      const handler = handlers[name] as ((input: unknown) => unknown) | undefined
      if (!handler) throw new Error(`the fake has no handler for ${name}`)
      return handler(command.input)
    },
  }
  return {
    api: new CloudFrontApi(client as unknown as CloudFrontClient),
    handlers,
    calls,
    gone: () => config === undefined,
    names: () => calls.map((c) => c.name),
    inputs: <K extends Name>(name: K) =>
      calls.filter((c) => c.name === name).map((c) => c.input as Inputs[K]),
  }
}
type Fake = ReturnType<typeof fakeCloudFront>

const OURS = siteStatements(BUCKET, 'site', ID, ARN)[0]!
const LOGS: PolicyStatement = {
  Sid: 'LogDelivery',
  Effect: 'Allow',
  Principal: { Service: 'logging.s3.amazonaws.com' },
  Action: 's3:PutObject',
  Resource: `arn:aws:s3:::${BUCKET}/logs/*`,
}

function policyOf(...statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements })
}

function fakeAdmin(initial: string | undefined) {
  let current = initial
  const writes: Array<{ op: 'put'; policy: string } | { op: 'delete' }> = []
  const admin: BucketPolicy = {
    policy: async () => current,
    putPolicy: async (policy: string) => {
      writes.push({ op: 'put', policy })
      current = policy
    },
    deletePolicy: async () => {
      writes.push({ op: 'delete' })
      current = undefined
    },
  }
  return { admin, writes, current: () => current }
}

function outcome(fields: Partial<DistributionOutcome> = {}): DistributionOutcome {
  return {
    id: ID,
    arn: ARN,
    domain: 'eours.cloudfront.net',
    aliases: [],
    status: 'Deployed',
    enabled: true,
    action: 'unchanged',
    changes: [],
    owned: true,
    originPath: '/site',
    deployed: undefined,
    ...fields,
  }
}

interface RunOptions {
  distribution?: DistributionOutcome
  admin?: ReturnType<typeof fakeAdmin>
  dryRun?: boolean
  waitTimeout?: string
}

async function teardown(cf: Fake, options: RunOptions = {}) {
  const config = parseConfig({
    GITHUB_WORKSPACE: '/tmp/workspace',
    INPUT_BUCKET: BUCKET,
    INPUT_PREFIX: 'site',
    INPUT_MODE: 'remove',
    'INPUT_REMOVE-DISTRIBUTION': 'true',
    'INPUT_WAIT-TIMEOUT': options.waitTimeout ?? '900',
  })
  const admin = options.admin ?? fakeAdmin(policyOf(LOGS, OURS))
  const log = recordingLog()
  const clock = fakeClock()
  const run = () =>
    teardownDistribution({
      config,
      api: cf.api,
      admin: admin.admin,
      distribution: options.distribution ?? outcome(),
      log: log.log,
      dryRun: options.dryRun ?? false,
      now: clock.now,
      pause: clock.pause,
    })
  return { run, admin, log, clock }
}

describe('teardownDistribution', () => {
  it('a distribution the action did not create: a warning, and no call at all', async () => {
    const cf = fakeCloudFront()
    const { run, admin, log } = await teardown(cf, { distribution: outcome({ owned: false }) })
    expect(await run()).toBe('not-owned')
    expect(cf.calls).toEqual([])
    expect(admin.writes).toEqual([])
    expect(log.warning).toHaveLength(1)
    expect(log.warning[0]).toContain(ID)
    expect(log.warning[0]).toContain('not created by cdn-publish')
  })

  it('dry run: says what it would do, and writes nothing', async () => {
    const cf = fakeCloudFront()
    const { run, admin, log } = await teardown(cf, { dryRun: true })
    expect(await run()).toBe('would-delete')
    expect(cf.names().filter((n) => /^(Update|Delete)/.test(n))).toEqual([])
    expect(admin.writes).toEqual([])
    expect(cf.gone()).toBe(false)
    expect(log.info.join('\n')).toContain(`Would disable and delete distribution ${ID}`)
  })

  it('owned and enabled: disable with the full config, wait until deployed, delete, then OAC and policy', async () => {
    const cf = fakeCloudFront({ statuses: ['InProgress', 'InProgress', 'Deployed'] })
    const { run, admin, log, clock } = await teardown(cf)
    expect(await run()).toBe('deleted')
    expect(cf.names()).toEqual([
      'GetDistributionConfig',
      'UpdateDistribution',
      'GetDistribution',
      'GetDistribution',
      'GetDistribution',
      'DeleteDistribution',
      'ListOriginAccessControls',
      'GetOriginAccessControl',
      'DeleteOriginAccessControl',
    ])
    const update = cf.inputs('UpdateDistribution')[0]!
    expect(update).toEqual({
      Id: ID,
      IfMatch: 'config-etag-1',
      DistributionConfig: { ...originalConfig(true), Enabled: false },
    })
    expect(cf.inputs('GetDistribution')).toEqual([{ Id: ID }, { Id: ID }, { Id: ID }])
    expect(clock.pauses).toEqual([5000, 10000])
    // the ETag of the latest read, not the one the disable was sent with
    expect(cf.inputs('DeleteDistribution')).toEqual([{ Id: ID, IfMatch: 'get-etag-3' }])
    expect(cf.gone()).toBe(true)
    expect(cf.inputs('GetOriginAccessControl')).toEqual([{ Id: OAC_ID }])
    expect(cf.inputs('DeleteOriginAccessControl')).toEqual([{ Id: OAC_ID, IfMatch: 'oac-etag' }])
    expect(admin.writes).toEqual([{ op: 'put', policy: policyOf(LOGS) }])
    const info = log.info.join('\n')
    expect(info).toContain(`Disabled distribution ${ID}`)
    expect(info).toContain(`Deleted distribution ${ID}`)
    expect(info).toContain(`Deleted Origin Access Control ${OAC_NAME}`)
    expect(info).toContain(`Removed the read statement of ${ID}`)
    expect(log.groups).toEqual([`Remove distribution ${ID}`])
    expect(log.warning).toEqual([])
  })

  it('our statement was the only one: the bucket policy is deleted', async () => {
    const cf = fakeCloudFront()
    const admin = fakeAdmin(policyOf(OURS))
    const { run } = await teardown(cf, { admin })
    expect(await run()).toBe('deleted')
    expect(admin.writes).toEqual([{ op: 'delete' }])
    expect(admin.current()).toBeUndefined()
  })

  it('no statement of ours (or no policy): the policy is left alone', async () => {
    for (const initial of [policyOf(LOGS), undefined]) {
      const cf = fakeCloudFront()
      const admin = fakeAdmin(initial)
      const { run } = await teardown(cf, { admin })
      expect(await run()).toBe('deleted')
      expect(admin.writes).toEqual([])
    }
  })

  it('already disabled and deployed: no UpdateDistribution, deleted at once', async () => {
    const cf = fakeCloudFront({ enabled: false })
    const { run, clock } = await teardown(cf)
    expect(await run()).toBe('deleted')
    expect(cf.names().slice(0, 3)).toEqual([
      'GetDistributionConfig',
      'GetDistribution',
      'DeleteDistribution',
    ])
    expect(cf.names()).not.toContain('UpdateDistribution')
    expect(clock.pauses).toEqual([])
  })

  it('DistributionNotDisabled while it settles: waits and deletes on the next try', async () => {
    const cf = fakeCloudFront()
    const remove = cf.handlers.DeleteDistribution
    let refusals = 1
    cf.handlers.DeleteDistribution = (input) => {
      if (refusals-- > 0) throw sdkError('DistributionNotDisabled', 409)
      return remove(input)
    }
    const { run, clock } = await teardown(cf)
    expect(await run()).toBe('deleted')
    expect(cf.inputs('DeleteDistribution').map((d) => d.IfMatch)).toEqual([
      'get-etag-1',
      'get-etag-2',
    ])
    expect(clock.pauses).toEqual([5000])
    expect(cf.gone()).toBe(true)
  })

  it('OriginAccessControlInUse: the OAC is kept, and that is no failure', async () => {
    const cf = fakeCloudFront()
    cf.handlers.DeleteOriginAccessControl = () => {
      throw sdkError('OriginAccessControlInUse', 409)
    }
    const { run, admin, log } = await teardown(cf)
    expect(await run()).toBe('deleted')
    expect(cf.names()).toContain('DeleteOriginAccessControl')
    expect(log.info.join('\n')).toContain(`Origin Access Control ${OAC_NAME} is kept`)
    expect(log.info.join('\n')).not.toContain(`Deleted Origin Access Control`)
    // the policy is still cleaned up
    expect(admin.writes).toEqual([{ op: 'put', policy: policyOf(LOGS) }])
  })

  it('no OAC of that name: nothing to delete, no failure', async () => {
    const cf = fakeCloudFront()
    cf.handlers.ListOriginAccessControls = () => ({
      OriginAccessControlList: { Quantity: 0, IsTruncated: false, Items: [] },
    })
    const { run } = await teardown(cf)
    expect(await run()).toBe('deleted')
    expect(cf.names()).not.toContain('DeleteOriginAccessControl')
  })

  it('still InProgress past wait-timeout: an error saying to run the removal again, nothing deleted', async () => {
    const cf = fakeCloudFront({ statuses: ['InProgress'] })
    const { run, admin, clock } = await teardown(cf, { waitTimeout: '60' })
    const started = performance.now()
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(performance.now() - started).toBeLessThan(1000)
    expect(error).toBeInstanceOf(Error)
    const message = (error as Error).message
    expect(message).toContain(`Distribution ${ID} is disabled but still InProgress after 60 s`)
    expect(message).toContain('Run the removal again')
    expect(cf.names()).not.toContain('DeleteDistribution')
    expect(cf.names()).not.toContain('DeleteOriginAccessControl')
    expect(cf.gone()).toBe(false)
    expect(admin.writes).toEqual([])
    expect(clock.elapsed()).toBeLessThanOrEqual(60_000)
    expect(clock.pauses.length).toBeGreaterThan(1)
  })

  it('the disable is refused: the error names the IAM permission', async () => {
    const cf = fakeCloudFront()
    cf.handlers.UpdateDistribution = () => {
      throw sdkError('AccessDenied', 403)
    }
    const { run, admin } = await teardown(cf)
    await expect(run()).rejects.toThrow(/cloudfront:UpdateDistribution/)
    expect(cf.names()).not.toContain('DeleteDistribution')
    expect(admin.writes).toEqual([])
  })
})

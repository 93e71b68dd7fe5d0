// ensureDistribution against a fake CloudFront client: the real-CloudFront behaviours the emulator cannot
// produce (full list summaries, cache policies, functions, CNAMEAlreadyExists, PreconditionFailed, ...).
import {
  type CloudFrontClient,
  type CreateCachePolicyCommandInput,
  type CreateDistributionWithTagsCommandInput,
  type CreateFunctionCommandInput,
  type CreateKeyGroupCommandInput,
  type CreateOriginAccessControlCommandInput,
  type CreatePublicKeyCommandInput,
  type DeleteFunctionCommandInput,
  type DeleteKeyGroupCommandInput,
  type DeletePublicKeyCommandInput,
  type DescribeFunctionCommandInput,
  type FunctionSummary,
  type GetKeyGroupCommandInput,
  type GetPublicKeyCommandInput,
  type KeyGroup,
  type ListFunctionsCommandInput,
  type ListKeyGroupsCommandInput,
  type ListPublicKeysCommandInput,
  type PublicKeySummary,
  type Distribution,
  type DistributionConfig,
  type GetDistributionCommandInput,
  type GetDistributionConfigCommandInput,
  type ListCachePoliciesCommandInput,
  type ListConflictingAliasesCommandInput,
  type ListDistributionsCommandInput,
  type ListOriginAccessControlsCommandInput,
  type ListTagsForResourceCommandInput,
  type PublishFunctionCommandInput,
  type TagResourceCommandInput,
  type UpdateDistributionCommandInput,
} from '@aws-sdk/client-cloudfront'
import { describe, expect, it } from 'vitest'
import type { BucketAdmin } from '../../src/s3/bucket-admin.js'
import { mergePolicy, siteStatements } from '../../src/cloudfront/bucket-policy.js'
import { CloudFrontApi } from '../../src/cloudfront/client.js'
import {
  MANAGED,
  callerReference,
  createConfig,
  type CreateInput,
} from '../../src/cloudfront/distribution.js'
import {
  PREVIEWS_TAG,
  PREVIEW_DOMAIN_TAG,
  ensureDistribution,
} from '../../src/cloudfront/ensure.js'
import {
  viewerRequestCode,
  viewerRequestName,
  viewerResponseCode,
} from '../../src/cloudfront/viewer-request.js'
import { parseConfig } from '../../src/action/inputs.js'
import { fakeClock, recordingLog, sdkError } from '../helpers/fakes.js'

const BUCKET = 'site-bucket'
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555'
const OAC_ID = 'E1OACEXAMPLE'
const CACHE_POLICY_ID = 'cache-policy-4b1c'
const FN_ARN = 'arn:aws:cloudfront::123456789012:function/cdn-publish-viewer-request-live'
const ENV = { GITHUB_RUN_ID: '1' }

// ---------------------------------------------------------------------------------------------------
// The fake: one handler per command name, and every call recorded with its input.

interface Inputs {
  ListDistributions: ListDistributionsCommandInput
  GetDistribution: GetDistributionCommandInput
  GetDistributionConfig: GetDistributionConfigCommandInput
  ListTagsForResource: ListTagsForResourceCommandInput
  ListOriginAccessControls: ListOriginAccessControlsCommandInput
  CreateOriginAccessControl: CreateOriginAccessControlCommandInput
  ListCachePolicies: ListCachePoliciesCommandInput
  CreateCachePolicy: CreateCachePolicyCommandInput
  DescribeFunction: DescribeFunctionCommandInput
  CreateFunction: CreateFunctionCommandInput
  PublishFunction: PublishFunctionCommandInput
  CreateDistributionWithTags: CreateDistributionWithTagsCommandInput
  UpdateDistribution: UpdateDistributionCommandInput
  ListConflictingAliases: ListConflictingAliasesCommandInput
  TagResource: TagResourceCommandInput
  ListFunctions: ListFunctionsCommandInput
  DeleteFunction: DeleteFunctionCommandInput
  ListKeyGroups: ListKeyGroupsCommandInput
  GetKeyGroup: GetKeyGroupCommandInput
  CreateKeyGroup: CreateKeyGroupCommandInput
  DeleteKeyGroup: DeleteKeyGroupCommandInput
  ListPublicKeys: ListPublicKeysCommandInput
  GetPublicKey: GetPublicKeyCommandInput
  CreatePublicKey: CreatePublicKeyCommandInput
  DeletePublicKey: DeletePublicKeyCommandInput
}
type Name = keyof Inputs
type Handlers = { [K in Name]: (input: Inputs[K]) => unknown }

function distribution(id: string, config: DistributionConfig, status = 'Deployed'): Distribution {
  return {
    Id: id,
    ARN: `arn:aws:cloudfront::123456789012:distribution/${id}`,
    DomainName: `${id.toLowerCase()}.cloudfront.net`,
    Status: status,
    LastModifiedTime: new Date(0),
    InProgressInvalidationBatches: 0,
    DistributionConfig: config,
  }
}

/** A ListDistributions summary with the fields real CloudFront includes (moto leaves some out). */
function summary(d: Distribution) {
  const c = d.DistributionConfig!
  return {
    Id: d.Id,
    ARN: d.ARN,
    DomainName: d.DomainName,
    Status: d.Status,
    LastModifiedTime: d.LastModifiedTime,
    Enabled: c.Enabled,
    Aliases: c.Aliases,
    Comment: c.Comment,
    Origins: c.Origins,
    DefaultCacheBehavior: c.DefaultCacheBehavior,
    PriceClass: c.PriceClass,
    ViewerCertificate: c.ViewerCertificate,
    HttpVersion: c.HttpVersion,
    IsIPV6Enabled: c.IsIPV6Enabled,
    Staging: false,
  }
}

function fakeCloudFront(initial: Distribution[] = []) {
  const distributions = initial.map((d) => structuredClone(d))
  const calls: Array<{ name: string; input: unknown }> = []
  /** Tags by resource ARN, as CreateDistributionWithTags and TagResource leave them. */
  const tags = new Map<string, Record<string, string>>()
  let configEtag = 0
  /** Functions, key groups and public keys in the account (as their List calls show them). */
  const resources = {
    functions: [] as FunctionSummary[],
    keyGroups: [] as KeyGroup[],
    publicKeys: [] as PublicKeySummary[],
  }
  const behaviours = () =>
    distributions.flatMap((d) => [
      d.DistributionConfig?.DefaultCacheBehavior,
      ...(d.DistributionConfig?.CacheBehaviors?.Items ?? []),
    ])
  const ifMatch = (given: string | undefined, id: string) => {
    if (given !== `etag-${id}`) throw sdkError('PreconditionFailed', 412)
  }
  const byId = (id: string | undefined) => {
    const found = distributions.find((d) => d.Id === id)
    if (!found) throw sdkError('NoSuchDistribution', 404)
    return found
  }
  const handlers: Handlers = {
    ListDistributions: () => ({
      DistributionList: {
        Quantity: distributions.length,
        IsTruncated: false,
        Items: distributions.map(summary),
      },
    }),
    GetDistribution: ({ Id }) => ({ Distribution: structuredClone(byId(Id)), ETag: 'get-etag' }),
    GetDistributionConfig: ({ Id }) => ({
      DistributionConfig: structuredClone(byId(Id).DistributionConfig),
      ETag: `config-etag-${++configEtag}`,
    }),
    ListTagsForResource: ({ Resource }) => ({
      Tags: {
        Items: Object.entries(tags.get(Resource ?? '') ?? {}).map(([Key, Value]) => ({
          Key,
          Value,
        })),
      },
    }),
    TagResource: ({ Resource, Tags }) => {
      const current = tags.get(Resource ?? '') ?? {}
      for (const t of Tags?.Items ?? []) current[t.Key!] = t.Value ?? ''
      tags.set(Resource ?? '', current)
      return {}
    },
    ListOriginAccessControls: () => ({
      OriginAccessControlList: { Quantity: 0, IsTruncated: false, Items: [] },
    }),
    CreateOriginAccessControl: () => ({ OriginAccessControl: { Id: OAC_ID } }),
    ListCachePolicies: () => ({ CachePolicyList: { Quantity: 0, Items: [] } }),
    CreateCachePolicy: () => ({ CachePolicy: { Id: CACHE_POLICY_ID } }),
    DescribeFunction: ({ Name }) => {
      const found = resources.functions.find((f) => f.Name === Name)
      if (!found) throw sdkError('NoSuchFunctionExists', 404)
      return { FunctionSummary: found, ETag: `etag-${Name}` }
    },
    ListFunctions: () => ({ FunctionList: { Quantity: 0, Items: resources.functions } }),
    DeleteFunction: ({ Name, IfMatch }) => {
      const at = resources.functions.findIndex((f) => f.Name === Name)
      if (at < 0) throw sdkError('NoSuchFunctionExists', 404)
      ifMatch(IfMatch, Name!)
      const arn = resources.functions[at]!.FunctionMetadata?.FunctionARN
      if (
        behaviours().some((b) => b?.FunctionAssociations?.Items?.some((f) => f.FunctionARN === arn))
      )
        throw sdkError('FunctionInUse', 409)
      resources.functions.splice(at, 1)
      return {}
    },
    ListKeyGroups: () => ({
      KeyGroupList: {
        Quantity: 0,
        MaxItems: 100,
        Items: resources.keyGroups.map((g) => ({ KeyGroup: g })),
      },
    }),
    GetKeyGroup: ({ Id }) => {
      const found = resources.keyGroups.find((g) => g.Id === Id)
      if (!found) throw sdkError('NoSuchResource', 404)
      return { KeyGroup: found, ETag: `etag-${Id}` }
    },
    CreateKeyGroup: ({ KeyGroupConfig }) => {
      const group: KeyGroup = {
        Id: `KG${resources.keyGroups.length + 1}`,
        LastModifiedTime: new Date(),
        KeyGroupConfig: structuredClone(KeyGroupConfig),
      }
      resources.keyGroups.push(group)
      return { KeyGroup: group, ETag: `etag-${group.Id}` }
    },
    DeleteKeyGroup: ({ Id, IfMatch }) => {
      const at = resources.keyGroups.findIndex((g) => g.Id === Id)
      if (at < 0) throw sdkError('NoSuchResource', 404)
      ifMatch(IfMatch, Id!)
      if (behaviours().some((b) => b?.TrustedKeyGroups?.Items?.includes(Id!)))
        throw sdkError('ResourceInUse', 409)
      resources.keyGroups.splice(at, 1)
      return {}
    },
    ListPublicKeys: () => ({
      PublicKeyList: { Quantity: 0, MaxItems: 100, Items: resources.publicKeys },
    }),
    GetPublicKey: ({ Id }) => {
      const found = resources.publicKeys.find((k) => k.Id === Id)
      if (!found) throw sdkError('NoSuchPublicKey', 404)
      return { PublicKey: { Id, CreatedTime: found.CreatedTime }, ETag: `etag-${Id}` }
    },
    CreatePublicKey: ({ PublicKeyConfig }) => {
      const key: PublicKeySummary = {
        Id: `K${resources.publicKeys.length + 1}`,
        Name: PublicKeyConfig!.Name,
        CreatedTime: new Date(),
        EncodedKey: PublicKeyConfig!.EncodedKey,
        Comment: PublicKeyConfig!.Comment,
      }
      resources.publicKeys.push(key)
      return { PublicKey: { Id: key.Id }, ETag: `etag-${key.Id}` }
    },
    DeletePublicKey: ({ Id, IfMatch }) => {
      const at = resources.publicKeys.findIndex((k) => k.Id === Id)
      if (at < 0) throw sdkError('NoSuchPublicKey', 404)
      ifMatch(IfMatch, Id!)
      if (resources.keyGroups.some((g) => g.KeyGroupConfig?.Items?.includes(Id!)))
        throw sdkError('PublicKeyInUse', 409)
      resources.publicKeys.splice(at, 1)
      return {}
    },
    CreateFunction: () => ({ ETag: 'function-etag' }),
    PublishFunction: ({ Name }) => ({
      FunctionSummary: {
        Name,
        FunctionMetadata: { FunctionARN: `arn:aws:cloudfront::123456789012:function/${Name}` },
      },
    }),
    CreateDistributionWithTags: ({ DistributionConfigWithTags }) => {
      const created = distribution(
        'ENEW',
        DistributionConfigWithTags!.DistributionConfig!,
        'InProgress',
      )
      distributions.push(created)
      tags.set(
        created.ARN!,
        Object.fromEntries(
          (DistributionConfigWithTags!.Tags?.Items ?? []).map((t) => [t.Key!, t.Value ?? '']),
        ),
      )
      return { Distribution: structuredClone(created), ETag: 'created-etag' }
    },
    UpdateDistribution: ({ Id, DistributionConfig }) => {
      const d = byId(Id)
      d.DistributionConfig = structuredClone(DistributionConfig)
      d.Status = 'InProgress'
      return { Distribution: structuredClone(d), ETag: 'updated-etag' }
    },
    ListConflictingAliases: () => ({ ConflictingAliasesList: { Items: [] } }),
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
    distributions,
    tags,
    resources,
    calls,
    names: () => calls.map((c) => c.name),
    inputs: <K extends Name>(name: K) =>
      calls.filter((c) => c.name === name).map((c) => c.input as Inputs[K]),
  }
}
type Fake = ReturnType<typeof fakeCloudFront>

function fakeAdmin(initial?: string) {
  let current = initial
  const puts: string[] = []
  const admin = {
    bucket: BUCKET,
    policy: async () => current,
    putPolicy: async (policy: string) => {
      puts.push(policy)
      current = policy
    },
  }
  return { admin: admin as unknown as BucketAdmin, puts }
}

interface RunOptions {
  inputs?: Record<string, string>
  admin?: ReturnType<typeof fakeAdmin>
  clock?: ReturnType<typeof fakeClock>
  dryRun?: boolean
  /** The run's event: environment (GITHUB_EVENT_NAME, ...) and payload. */
  event?: { env: Record<string, string>; payload: Record<string, unknown> }
}

/** ensureDistribution for s3://site-bucket/site in eu-west-1, with `inputs` on top. */
async function ensure(cf: Fake, options: RunOptions = {}) {
  const env: Record<string, string> = { GITHUB_WORKSPACE: '/tmp/workspace', ...options.event?.env }
  const inputs = { source: 'dist', bucket: BUCKET, prefix: 'site', region: 'eu-west-1' }
  for (const [key, value] of Object.entries({ ...inputs, ...options.inputs }))
    env[`INPUT_${key.toUpperCase()}`] = value
  if (options.dryRun) env['INPUT_DRY-RUN'] = 'true'
  const config = parseConfig(env, options.event?.payload)
  const admin = options.admin ?? fakeAdmin()
  const log = recordingLog()
  const clock = options.clock ?? fakeClock()
  const result = await ensureDistribution({
    config,
    api: cf.api,
    admin: admin.admin,
    log: log.log,
    env: ENV,
    dryRun: options.dryRun ?? false,
    now: clock.now,
    pause: clock.pause,
  })
  return { result, log, admin, clock }
}

/** The error ensureDistribution fails with. */
async function failure(cf: Fake, options: RunOptions = {}): Promise<Error> {
  try {
    await ensure(cf, options)
  } catch (error) {
    expect(error).toBeInstanceOf(Error)
    return error as Error
  }
  throw new Error('ensureDistribution was expected to fail')
}

/** A distribution as an earlier run of the action created it for s3://site-bucket/site. */
function ours(id = 'EOURS', fields: Partial<CreateInput> = {}): Distribution {
  return distribution(
    id,
    createConfig({
      callerReference: `cdn-publish-0-1-${id}`,
      bucket: BUCKET,
      prefix: 'site',
      region: 'eu-west-1',
      aliases: [],
      certificateArn: undefined,
      priceClass: 'PriceClass_100',
      originAccessControlId: OAC_ID,
      cachePolicyId: CACHE_POLICY_ID,
      functions: { 'viewer-request': FN_ARN },
      ...fields,
    }),
  )
}

/** Somebody else's distribution, for another bucket. */
function theirs(id = 'ETHEIRS', aliases: string[] = ['blog.example.com']): Distribution {
  const config = createConfig({
    callerReference: 'by-hand',
    bucket: 'blog-bucket',
    prefix: '',
    region: 'us-east-1',
    aliases,
    certificateArn: CERT,
    priceClass: 'PriceClass_All',
    originAccessControlId: 'EOTHEROAC',
    cachePolicyId: MANAGED.cachingOptimized,
    functions: {},
  })
  return distribution(id, { ...config, Comment: 'the blog, made by hand' })
}

/** The function the action publishes is there already (LIVE). */
function functionIsLive(cf: Fake) {
  cf.handlers.DescribeFunction = ({ Name }) => ({
    FunctionSummary: { Name, FunctionMetadata: { FunctionARN: FN_ARN } },
    ETag: 'live-etag',
  })
}

/** The policy a previous run wrote for this distribution. */
function policyFor(d: Distribution): string {
  const merged = mergePolicy(undefined, siteStatements(BUCKET, 'site', d.Id!, d.ARN!))
  if (!('changed' in merged) || !merged.changed) throw new Error('no policy')
  return merged.policy
}

const WRITES = /^(Create|Update|Publish|Delete|Tag)/

// ---------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------
// Previews: sticky settings in tags, the viewer-response function, the preview-domain wildcard.

const PREVIEW_DOMAIN = 'preview.example.com'
const REQUEST_OPTIONS = { prettyUrls: true, spa: false, previewRoot: 'previews' }
const REQUEST_NAME = viewerRequestName(viewerRequestCode(REQUEST_OPTIONS))
const RESPONSE_NAME = viewerRequestName(
  viewerResponseCode({ previewRoot: 'previews', previewDomain: undefined }),
)
const REQUEST_NAME_D = viewerRequestName(
  viewerRequestCode({ ...REQUEST_OPTIONS, previewDomain: PREVIEW_DOMAIN }),
)
const RESPONSE_NAME_D = viewerRequestName(
  viewerResponseCode({ previewRoot: 'previews', previewDomain: PREVIEW_DOMAIN }),
)

function fnArn(name: string): string {
  return `arn:aws:cloudfront::123456789012:function/${name}`
}

/** DescribeFunction finds (LIVE) the named functions and every function published later. */
function liveFunctions(cf: Fake, names: string[] = []) {
  const live = new Set(names)
  const publish = cf.handlers.PublishFunction
  cf.handlers.PublishFunction = (input) => {
    live.add(input.Name!)
    return publish(input)
  }
  cf.handlers.DescribeFunction = ({ Name }) => {
    if (!live.has(Name!)) throw sdkError('NoSuchFunctionExists', 404)
    return {
      FunctionSummary: { Name, FunctionMetadata: { FunctionARN: fnArn(Name!) } },
      ETag: 'live-etag',
    }
  }
}

/** A pull_request run for PR #42 (GITHUB_SHA is the merge commit, the payload has the head). */
const PR_EVENT = {
  env: {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REF: 'refs/pull/42/merge',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_REPOSITORY: 'o/r',
  },
  payload: {
    action: 'synchronize',
    number: 42,
    pull_request: { number: 42, head: { ref: 'feature/x', sha: 'a'.repeat(40) } },
  },
}

function codeOf(input: CreateFunctionCommandInput): string {
  return Buffer.from(input.FunctionCode!).toString('utf8')
}

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

// ---------------------------------------------------------------------------------------------------
// Real CloudFront's refusals and races (issue 15): 409 *AlreadyExists, tag and comment rules, clean-up.

const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u

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

  it('PublicKeyAlreadyExists and KeyGroupAlreadyExists: CloudFrontApi reads them back by name', async () => {
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
    const key = await cf.api.ensurePublicKey('PEM', 'cdn-publish-aaaaaaaaaaaa', (pem) => {
      if (pem === 'PEM\n') throw new Error('not a key')
      return pem
    })
    expect(key).toEqual({ id: 'K1', created: false })
    const group = await cf.api.ensureKeyGroup('cdn-publish-bbbbbbbbbbbb', ['K1'])
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
    await expect(cf.api.ensureKeyGroup('cdn-publish-bbbbbbbbbbbb', ['K1'])).rejects.toThrow(
      /TooManyKeyGroups/,
    )
    expect(cf.names()).toEqual(['ListKeyGroups', 'CreateKeyGroup'])
  })
})

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

describe('clean-up of unused functions, key groups and public keys the action created', () => {
  const NOW = 1_700_000_000_000 // the fake clock's start
  const LONG_AGO = new Date(NOW - 48 * 3600_000)
  const own = (n: number) => `cdn-publish-${String(n).padStart(12, '0')}`

  function fnSummary(name: string, when = LONG_AGO, comment = 'cdn-publish viewer request (x)') {
    return {
      Name: name,
      FunctionConfig: { Comment: comment, Runtime: 'cloudfront-js-2.0' as const },
      FunctionMetadata: {
        FunctionARN: fnArn(name),
        LastModifiedTime: when,
        Stage: 'LIVE' as const,
      },
    }
  }

  it('after a switch to a new viewer-request function: the old unused one goes, the previous generation and the live ones stay', async () => {
    const existing = ours('EOURS', { functions: { 'viewer-request': fnArn(REQUEST_NAME) } })
    const other = ours('EOTHER', {
      prefix: 'other',
      functions: { 'viewer-request': fnArn('cdn-publish-0000000b') },
    })
    const cf = fakeCloudFront([existing, other])
    const newName = viewerRequestName(viewerRequestCode({ ...REQUEST_OPTIONS, spa: true }))
    cf.resources.functions.push(
      fnSummary(REQUEST_NAME), // the previous generation of EOURS
      fnSummary('cdn-publish-0000000a'), // unused: goes
      fnSummary('cdn-publish-0000000b'), // live on another distribution
      fnSummary('cdn-publish-0000000c', new Date(NOW - 60_000)), // a minute old: kept
      fnSummary('cdn-publish-0000000d', LONG_AGO, 'made by hand'), // not ours
      fnSummary('by-hand'), // not ours
    )
    const describe = cf.handlers.DescribeFunction
    cf.handlers.DescribeFunction = (input) => {
      if (input.Name === REQUEST_NAME) return describe(input)
      if (input.Stage === 'LIVE' && input.Name === newName)
        throw sdkError('NoSuchFunctionExists', 404)
      return describe(input)
    }
    const { result, log } = await ensure(cf, { inputs: { spa: 'true' } })
    expect(result!.changes.map((c) => c.field)).toEqual(['viewer-request function'])
    expect(cf.inputs('DeleteFunction')).toEqual([
      { Name: 'cdn-publish-0000000a', IfMatch: 'etag-cdn-publish-0000000a' },
    ])
    expect(cf.resources.functions.map((f) => f.Name)).toEqual([
      REQUEST_NAME,
      'cdn-publish-0000000b',
      'cdn-publish-0000000c',
      'cdn-publish-0000000d',
      'by-hand',
    ])
    expect(log.info.join('\n')).toContain(
      'Deleted the unused CloudFront Function cdn-publish-0000000a',
    )
    expect(log.warning).toEqual([])
  })

  it('a signed-access key rotation: the group and key of two rotations ago go; the previous and the new stay; others never', async () => {
    const { generateKeyPairSync } = await import('node:crypto')
    const pem = () =>
      generateKeyPairSync('rsa', { modulusLength: 2048 })
        .publicKey.export({ type: 'spki', format: 'pem' })
        .toString()
    const newKey = pem()
    const cf = fakeCloudFront()
    const r = cf.resources
    r.publicKeys.push(
      {
        Id: 'KOLDER',
        Name: own(1),
        Comment: 'cdn-publish',
        CreatedTime: LONG_AGO,
        EncodedKey: 'x',
      },
      { Id: 'KPREV', Name: own(2), Comment: 'cdn-publish', CreatedTime: LONG_AGO, EncodedKey: 'y' },
      { Id: 'KHAND', Name: 'by-hand', Comment: '', CreatedTime: LONG_AGO, EncodedKey: 'z' },
      { Id: 'KLONE', Name: own(3), Comment: 'cdn-publish', CreatedTime: LONG_AGO, EncodedKey: 'w' },
    )
    r.keyGroups.push(
      {
        Id: 'GOLDER',
        LastModifiedTime: LONG_AGO,
        KeyGroupConfig: { Name: own(10), Items: ['KOLDER'], Comment: 'cdn-publish' },
      },
      {
        Id: 'GPREV',
        LastModifiedTime: LONG_AGO,
        KeyGroupConfig: { Name: own(11), Items: ['KPREV'], Comment: 'cdn-publish' },
      },
      {
        Id: 'GHAND',
        LastModifiedTime: LONG_AGO,
        KeyGroupConfig: { Name: 'by-hand', Items: ['KHAND'] },
      },
    )
    const existing = ours('EOURS', { trustedKeyGroups: ['GPREV'] })
    cf.distributions.push(existing)
    functionIsLive(cf)
    const { result, log } = await ensure(cf, {
      inputs: { 'viewer-access': 'signed', 'public-key': newKey },
    })
    expect(result!.changes.map((c) => c.field)).toEqual(['viewer access'])
    expect(cf.inputs('DeleteKeyGroup')).toEqual([{ Id: 'GOLDER', IfMatch: 'etag-GOLDER' }])
    expect(
      cf
        .inputs('DeletePublicKey')
        .map((d) => d.Id)
        .sort(),
    ).toEqual(['KLONE', 'KOLDER'])
    expect(r.keyGroups.map((g) => g.Id).sort()).toEqual(['GHAND', 'GPREV', 'KG4'])
    expect(r.publicKeys.map((k) => k.Id).sort()).toEqual(['K5', 'KHAND', 'KPREV'])
    expect(log.warning).toEqual([])
  })

  it('a refused delete (FunctionInUse, PreconditionFailed, AccessDenied) is a warning, never a failed deploy', async () => {
    for (const [code, status] of [
      ['FunctionInUse', 409],
      ['PreconditionFailed', 412],
      ['AccessDenied', 403],
    ] as const) {
      const existing = ours('EOURS', { functions: { 'viewer-request': fnArn(REQUEST_NAME) } })
      const cf = fakeCloudFront([existing])
      cf.resources.functions.push(fnSummary(REQUEST_NAME), fnSummary('cdn-publish-0000000a'))
      cf.handlers.DeleteFunction = () => {
        throw sdkError(code, status)
      }
      const { result, log } = await ensure(cf, { inputs: { spa: 'true' } })
      expect(result).toMatchObject({ action: 'updated' })
      expect(log.warning).toHaveLength(1)
      expect(log.warning[0]).toContain(code)
      expect(log.warning[0]).toContain('cdn-publish-0000000a stays; the deploy is not affected')
      if (code === 'AccessDenied') expect(log.warning[0]).toContain('cloudfront:DeleteFunction')
    }
  })

  it('a list that is refused is a warning; an endpoint without functions is silently skipped', async () => {
    const existing = ours('EOURS', { functions: { 'viewer-request': fnArn(REQUEST_NAME) } })
    const cf = fakeCloudFront([existing])
    cf.handlers.ListKeyGroups = () => {
      throw sdkError('AccessDenied', 403)
    }
    cf.handlers.ListFunctions = () => {
      throw sdkError('UnknownError', 404)
    }
    const { result, log } = await ensure(cf, { inputs: { spa: 'true' } })
    expect(result).toMatchObject({ action: 'updated' })
    expect(log.warning).toHaveLength(1)
    expect(log.warning[0]).toMatch(/key groups were not cleaned up.*cloudfront:ListKeyGroups/)
    // without the key groups no public key is known to be unused
    expect(cf.names()).not.toContain('ListPublicKeys')
  })

  it('a dry run, or a run that switches nothing, lists nothing for clean-up', async () => {
    const existing = ours('EOURS', { functions: { 'viewer-request': fnArn(REQUEST_NAME) } })
    const cf = fakeCloudFront([existing])
    await ensure(cf, { inputs: { spa: 'true' }, dryRun: true })
    liveFunctions(cf, [REQUEST_NAME])
    await ensure(cf, { inputs: { 'preview-prefix': 'previews/pr-{number}' } })
    expect(cf.names()).not.toContain('ListFunctions')
    expect(cf.names()).not.toContain('ListKeyGroups')
  })
})

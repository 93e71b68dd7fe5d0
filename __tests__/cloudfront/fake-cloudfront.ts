// The fake CloudFront the ensure tests run against: one handler per command name, every call recorded with
// its input, and the real-CloudFront behaviours the emulator lacks (full list summaries, cache policies,
// functions, key groups, IfMatch). Also the runs and distributions the tests start from.
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
import { expect } from 'vitest'
import type { BucketPolicy } from '../../src/cloudfront/ports.js'
import { mergePolicy, siteStatements } from '../../src/cloudfront/bucket-policy.js'
import { CloudFrontApi } from '../../src/cloudfront/client.js'
import { MANAGED, createConfig, type CreateInput } from '../../src/cloudfront/distribution.js'
import { ensureDistribution } from '../../src/cloudfront/ensure.js'
import {
  viewerRequestCode,
  viewerRequestName,
  viewerResponseCode,
} from '../../src/cloudfront/viewer-request.js'
import type {
  CreateKeyValueStoreCommandInput,
  DescribeKeyValueStoreCommandInput,
} from '@aws-sdk/client-cloudfront'
import { parseConfig } from '../../src/action/inputs.js'
import { fakeClock, recordingLog, sdkError } from '../helpers/fakes.js'

export const BUCKET = 'site-bucket'
export const CERT =
  'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555'
export const OAC_ID = 'E1OACEXAMPLE'
export const CACHE_POLICY_ID = 'cache-policy-4b1c'
export const FN_ARN = 'arn:aws:cloudfront::123456789012:function/cdn-publish-viewer-request-live'
export const ENV = { GITHUB_RUN_ID: '1' }

// ---------------------------------------------------------------------------------------------------
// The fake: one handler per command name, and every call recorded with its input.

export interface Inputs {
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
  DescribeKeyValueStore: DescribeKeyValueStoreCommandInput
  CreateKeyValueStore: CreateKeyValueStoreCommandInput
}
export type Name = keyof Inputs
export type Handlers = { [K in Name]: (input: Inputs[K]) => unknown }

export function distribution(
  id: string,
  config: DistributionConfig,
  status = 'Deployed',
): Distribution {
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
export function summary(d: Distribution) {
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

export function fakeCloudFront(initial: Distribution[] = []) {
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
  const stores = new Map<string, Record<string, unknown>>()
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
    DescribeKeyValueStore: ({ Name }) => {
      const found = stores.get(Name!)
      if (!found) throw sdkError('EntityNotFound', 404)
      return { KeyValueStore: found, ETag: 'kvs-etag' }
    },
    CreateKeyValueStore: ({ Name, Comment }) => {
      if (stores.has(Name!)) throw sdkError('EntityAlreadyExists', 409)
      const created = {
        Name,
        Comment,
        Id: `kvs-${stores.size + 1}`,
        ARN: `arn:aws:cloudfront::123456789012:key-value-store/kvs-${stores.size + 1}`,
        Status: 'READY',
      }
      stores.set(Name!, created)
      return { KeyValueStore: created, ETag: 'kvs-etag' }
    },
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
    stores,
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
export type Fake = ReturnType<typeof fakeCloudFront>

export function fakeAdmin(initial?: string) {
  let current = initial
  const puts: string[] = []
  const admin: Pick<BucketPolicy, 'policy' | 'putPolicy'> = {
    policy: async () => current,
    putPolicy: async (policy: string) => {
      puts.push(policy)
      current = policy
    },
  }
  return { admin, puts }
}

export interface RunOptions {
  inputs?: Record<string, string>
  admin?: ReturnType<typeof fakeAdmin>
  clock?: ReturnType<typeof fakeClock>
  dryRun?: boolean
  /** The run's event: environment (GITHUB_EVENT_NAME, ...) and payload. */
  event?: { env: Record<string, string>; payload: Record<string, unknown> }
}

/** ensureDistribution for s3://site-bucket/site in eu-west-1, with `inputs` on top. */
export async function ensure(cf: Fake, options: RunOptions = {}) {
  const env: Record<string, string> = { GITHUB_WORKSPACE: '/tmp/workspace', ...options.event?.env }
  // Site behaviour has tests of its own (site-behaviour.test.ts); here it stays out of the way.
  const inputs = {
    source: 'dist',
    bucket: BUCKET,
    prefix: 'site',
    region: 'eu-west-1',
    'site-behaviour': 'false',
  }
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
export async function failure(cf: Fake, options: RunOptions = {}): Promise<Error> {
  try {
    await ensure(cf, options)
  } catch (error) {
    expect(error).toBeInstanceOf(Error)
    return error as Error
  }
  throw new Error('ensureDistribution was expected to fail')
}

/** A distribution as an earlier run of the action created it for s3://site-bucket/site. */
export function ours(id = 'EOURS', fields: Partial<CreateInput> = {}): Distribution {
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
export function theirs(id = 'ETHEIRS', aliases: string[] = ['blog.example.com']): Distribution {
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
export function functionIsLive(cf: Fake) {
  cf.handlers.DescribeFunction = ({ Name }) => ({
    FunctionSummary: { Name, FunctionMetadata: { FunctionARN: FN_ARN } },
    ETag: 'live-etag',
  })
}

/** The policy a previous run wrote for this distribution. */
export function policyFor(d: Distribution): string {
  const merged = mergePolicy(undefined, siteStatements(BUCKET, 'site', d.Id!, d.ARN!))
  if (!('changed' in merged) || !merged.changed) throw new Error('no policy')
  return merged.policy
}

export const WRITES = /^(Create|Update|Publish|Delete|Tag)/

// ---------------------------------------------------------------------------------------------------
// The viewer functions the action publishes (by name), and a pull_request run: for the preview and
// clean-up tests.

export const PREVIEW_DOMAIN = 'preview.example.com'
export const REQUEST_OPTIONS = { prettyUrls: true, spa: false, previewRoot: 'previews' }
export const REQUEST_NAME = viewerRequestName(viewerRequestCode(REQUEST_OPTIONS))
export const RESPONSE_NAME = viewerRequestName(
  viewerResponseCode({ previewRoot: 'previews', previewDomain: undefined }),
)
export const REQUEST_NAME_D = viewerRequestName(
  viewerRequestCode({ ...REQUEST_OPTIONS, previewDomain: PREVIEW_DOMAIN }),
)
export const RESPONSE_NAME_D = viewerRequestName(
  viewerResponseCode({ previewRoot: 'previews', previewDomain: PREVIEW_DOMAIN }),
)

export function fnArn(name: string): string {
  return `arn:aws:cloudfront::123456789012:function/${name}`
}

/** DescribeFunction finds (LIVE) the named functions and every function published later. */
export function liveFunctions(cf: Fake, names: string[] = []) {
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
export const PR_EVENT = {
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

export function codeOf(input: CreateFunctionCommandInput): string {
  return Buffer.from(input.FunctionCode!).toString('utf8')
}

/** The TagValue pattern of the CloudFront API model, anchored. */
export const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u

/**
 * Ensure a CloudFront distribution serves the bucket and prefix under the requested aliases: find it
 * (distribution-id, then aliases, then the action's own mark), create it when missing, change only what
 * the inputs ask, and grant it read access in the bucket policy. Idempotent: a second run with the same
 * inputs changes nothing and creates nothing.
 */
import type { DistributionConfig } from '@aws-sdk/client-cloudfront'
import type { BucketAdmin } from '../s3/bucket-admin.js'
import { AwsCallError, errorName, wrapAwsError } from '../core/errors.js'
import type { Config } from '../core/config.js'
import type { Log } from '../core/ports.js'
import { mergePolicy, siteStatements } from './bucket-policy.js'
import type { CloudFrontApi, Fetched } from './client.js'
import {
  MANAGED,
  MARK_TAG,
  callerReference,
  certificateMissing,
  createConfig,
  findByAliases,
  findByComment,
  findByOrigin,
  isMarkComment,
  isMarkTag,
  markTag,
  oacName,
  originPath,
  planUpdate,
  type DistributionView,
  type FieldChange,
  type FunctionArns,
} from './distribution.js'
import { fitComment, tagText, tagValue } from './limits.js'
import { pruneUnused } from './prune.js'
import { cdnFingerprint, type RememberedDistribution } from './remembered.js'
import { canonicalPublicKey, keyGroupName, publicKeyName, publicKeyOf } from './signing.js'
import {
  viewerRequestCode,
  viewerRequestComment,
  viewerRequestName,
  viewerResponseCode,
  viewerResponseComment,
} from './viewer-request.js'

export interface DistributionOutcome {
  id: string
  arn: string
  domain: string
  aliases: string[]
  status: string
  enabled: boolean
  /** What this run did to it. */
  action: 'created' | 'updated' | 'unchanged' | 'would-create' | 'would-update'
  changes: FieldChange[]
  /** Created by this action (marked): the action manages its origin access and function. */
  owned: boolean
  /** The origin path the distribution serves the bucket from ('' or `/prefix`). */
  originPath: string
  /** Whether the deployment finished (only known when waiting). */
  deployed: boolean | undefined
  /** The config's version (ETag) as this run left it, when known: the next run confirms by it. */
  etag?: string | undefined
  /** Signed access: the key group the distribution trusts, and the registered public keys. */
  signing?: SigningSetup | undefined
}

export interface SigningSetup {
  keyGroupId: string
  /** In the order of the public-key input. */
  publicKeyIds: string[]
  /** The public key matching private-key, the Key-Pair-Id of signed URLs. */
  signingKeyId: string | undefined
}

/**
 * Register the public keys and the key group they form (signed access), or nothing for public access.
 * undefined in a dry run or when no key is given.
 */
async function ensureSigning(args: EnsureArgs): Promise<SigningSetup | undefined> {
  const cdn = args.config.cdn
  if (cdn.publicKeys.length === 0 || args.dryRun) return undefined
  const ids: string[] = []
  for (const pem of cdn.publicKeys) {
    const canonical = canonicalPublicKey(pem)
    const name = publicKeyName(pem)
    const key = await args.api.ensurePublicKey(canonical, name, canonicalPublicKey)
    if (key.created) args.log.info(`Registered public key ${key.id} (${name}).`)
    ids.push(key.id)
  }
  const groupName = keyGroupName(ids)
  const group = await args.api.ensureKeyGroup(groupName, ids)
  if (group.created)
    args.log.info(`Created key group ${group.id} (${groupName}) with ${ids.join(', ')}.`)
  let signingKeyId: string | undefined
  if (cdn.privateKey) {
    const mine = publicKeyOf(cdn.privateKey)
    signingKeyId = ids[cdn.publicKeys.findIndex((p) => canonicalPublicKey(p) === mine)]
  }
  return { keyGroupId: group.id, publicKeyIds: ids, signingKeyId }
}

/**
 * The key groups to trust: signed -> the group; public -> none. Not set: left as it is, so a run without
 * viewer-access (a preview, say) never opens a signed distribution; a new one starts public.
 */
function trustedGroups(config: Config, signing: SigningSetup | undefined): string[] | undefined {
  const access = config.cdn.viewerAccess
  if (access === undefined) return undefined
  if (access === 'public') return []
  return signing ? [signing.keyGroupId] : undefined
}

export interface EnsureArgs {
  config: Config
  api: CloudFrontApi
  admin: BucketAdmin
  log: Log
  env: Readonly<Record<string, string | undefined>>
  dryRun: boolean
  /** Only find the distribution (mode remove): never create, change or grant anything. */
  findOnly?: boolean
  /** What the last deploy found (from the deploy state): confirmed first, by one request. */
  remembered?: RememberedDistribution | undefined
  /** For tests: the clock and the pause between polls. */
  now?: () => number
  pause?: (ms: number) => Promise<void>
}

const MAX_UPDATE_ATTEMPTS = 5

function isDeployed(status: string): boolean {
  return status.toLowerCase() === 'deployed'
}

/** The origin path the distribution uses for this bucket, if one of its origins is the bucket. */
function bucketOriginPath(view: DistributionView, bucket: string): string | undefined {
  return view.origins.find((o) => o.domain.startsWith(`${bucket}.s3.`) || o.domain === bucket)?.path
}

async function findTarget(
  args: EnsureArgs,
): Promise<{ target: Fetched | undefined; owned: boolean }> {
  const { config, api, log } = args
  const cdn = config.cdn
  const ours = (view: DistributionView) =>
    isMarkComment(view.comment, config.bucket, config.basePrefix)
  if (cdn.distributionId) {
    try {
      const target = await api.get(cdn.distributionId)
      // Named by ID but created by the action for this bucket and prefix: it stays managed.
      const owned = ours(target.view)
      log.info(
        owned
          ? `Using distribution ${cdn.distributionId} (distribution-id), created by cdn-publish for this bucket and prefix.`
          : `Using distribution ${cdn.distributionId} (distribution-id); only aliases, certificate and price class are changed when asked.`,
      )
      return { target, owned }
    } catch (error) {
      if (error instanceof AwsCallError && error.code === 'NoSuchDistribution')
        throw new Error(
          `Input 'distribution-id' names ${cdn.distributionId}, which does not exist or is not visible to these credentials.`,
        )
      throw error
    }
  }
  let views: DistributionView[]
  try {
    views = await api.listViews()
  } catch (error) {
    // S3-only use on AWS: without create-distribution, not being allowed to look is not an error.
    if (
      !cdn.createDistribution &&
      error instanceof AwsCallError &&
      error.code?.startsWith('AccessDenied')
    ) {
      log.warning(
        `${error.message} With create-distribution: false, the files are published to S3 only.`,
      )
      return { target: undefined, owned: false }
    }
    throw error
  }
  if (cdn.aliases.length > 0) {
    const { found, error } = findByAliases(views, cdn.aliases)
    if (error) throw new Error(error)
    if (found) {
      log.info(`Found distribution ${found.id}, which serves ${found.aliases.join(', ')}.`)
      return { target: await api.get(found.id), owned: ours(found) }
    }
  }
  const marked = findByComment(views, config.bucket, config.basePrefix).sort((a, b) =>
    a.id.localeCompare(b.id),
  )
  if (marked.length > 1)
    log.warning(
      `Several distributions carry the mark of this bucket and prefix: ${marked.map((v) => v.id).join(', ')}; using ${marked[0]!.id}.`,
    )
  if (marked[0]) {
    log.info(
      `Found distribution ${marked[0].id}, created by cdn-publish for ${config.bucket}/${config.basePrefix}.`,
    )
    return { target: await api.get(marked[0].id), owned: true }
  }
  // The comment may have been edited by hand: look for the tag on distributions of this origin.
  for (const candidate of findByOrigin(views, config.bucket, config.basePrefix)) {
    const tags = await api.tags(candidate.arn)
    // Earlier versions wrote the mark raw: both forms are this bucket and prefix.
    if (isMarkTag(tags[MARK_TAG], config.bucket, config.basePrefix)) {
      log.info(`Found distribution ${candidate.id} by its ${MARK_TAG} tag.`)
      return { target: await api.get(candidate.id), owned: true }
    }
  }
  return { target: undefined, owned: false }
}

/**
 * Preview settings are sticky on a distribution the action manages: a preview run records them in tags,
 * and later runs (production ones without preview inputs) keep serving previews the same way.
 */
export const PREVIEW_DOMAIN_TAG = 'cdn-publish:preview-domain'
export const PREVIEWS_TAG = 'cdn-publish:previews'

interface PreviewSetup {
  /** Host-based previews under `*.<domain>`. */
  domain: string | undefined
  /** Previews exist (or this run makes one): their responses get noindex. */
  used: boolean
  /** Tags to add to the distribution to remember this. */
  newTags: Record<string, string>
}

function previewSetup(config: Config, tags: Record<string, string>): PreviewSetup {
  // Tag values are written with tagValue (valid by construction); earlier versions wrote them raw.
  const recordedDomain = tags[PREVIEW_DOMAIN_TAG] ? tagText(tags[PREVIEW_DOMAIN_TAG]) : undefined
  const domain = config.preview.domain ?? (recordedDomain || undefined)
  const used = config.preview.enabled || domain !== undefined || tags[PREVIEWS_TAG] !== undefined
  const newTags: Record<string, string> = {}
  if (config.preview.domain && recordedDomain !== config.preview.domain)
    newTags[PREVIEW_DOMAIN_TAG] = tagValue(config.preview.domain)
  const root = config.preview.root
  if (used && tags[PREVIEWS_TAG] !== tagValue(root) && tags[PREVIEWS_TAG] !== root)
    newTags[PREVIEWS_TAG] = tagValue(root)
  return { domain, used, newTags }
}

/**
 * The CloudFront Functions of a distribution the action manages: viewer-request (hides the state, maps
 * directory URLs, SPA routes and preview hosts) and, where previews exist, viewer-response (noindex on
 * previews). undefined when the endpoint has no CloudFront Functions (or in a dry run).
 */
async function ensureFunctions(
  args: EnsureArgs,
  preview: PreviewSetup,
): Promise<FunctionArns | undefined> {
  const { prettyUrls, spa } = args.config.cdn
  const root = args.config.preview.root
  const options = { prettyUrls, spa, previewRoot: root, previewDomain: preview.domain }
  const wanted: Array<['viewer-request' | 'viewer-response', string, string]> = [
    ['viewer-request', viewerRequestCode(options), viewerRequestComment(options)],
  ]
  if (preview.used)
    wanted.push([
      'viewer-response',
      viewerResponseCode({ previewRoot: root, previewDomain: preview.domain }),
      viewerResponseComment(),
    ])
  if (args.dryRun) return undefined
  const arns: FunctionArns = {}
  for (const [event, code, comment] of wanted) {
    const name = viewerRequestName(code)
    const fn = await args.api.ensureFunction(name, code, comment)
    if (!fn) {
      args.log.warning(
        'This CloudFront endpoint does not support CloudFront Functions: directory indexes (pretty-urls), SPA routing, preview hosts, noindex on previews and hiding the deploy state from viewers are not set up.',
      )
      return undefined
    }
    if (fn.created) args.log.info(`Published CloudFront Function ${name} (${event}).`)
    arns[event] = fn.arn
  }
  return arns
}

/** The aliases to ask for: the input's (if any) plus the preview wildcard. undefined: leave them. */
function wantedAliases(
  config: Config,
  current: readonly string[],
  preview: PreviewSetup,
): string[] | undefined {
  const wildcard = preview.domain ? `*.${preview.domain}` : undefined
  if (config.cdn.aliases.length > 0)
    return wildcard && !config.cdn.aliases.includes(wildcard)
      ? [...config.cdn.aliases, wildcard]
      : config.cdn.aliases
  if (wildcard && !current.includes(wildcard)) return [...current, wildcard]
  return undefined
}

async function ensureBucketPolicy(args: EnsureArgs, view: DistributionView): Promise<void> {
  const { config, admin, log } = args
  const statements = siteStatements(config.bucket, config.basePrefix, view.id, view.arn)
  const merged = mergePolicy(await admin.policy(), statements)
  if ('error' in merged)
    throw new Error(
      `Cannot add the CloudFront read statement to the policy of bucket ${config.bucket}: ${merged.error}.`,
    )
  if (!merged.changed) return
  if (args.dryRun) {
    log.info(
      `Would add the statements ${statements.map((s) => s.Sid).join(', ')} to the policy of bucket ${config.bucket}.`,
    )
    return
  }
  await admin.putPolicy(merged.policy)
  log.info(
    `Bucket policy of ${config.bucket}: distribution ${view.id} may read ${config.basePrefix || '(the whole bucket)'}.`,
  )
}

async function explainConflict(
  args: EnsureArgs,
  distributionId: string | undefined,
  error: unknown,
): Promise<Error> {
  const aliases = args.config.cdn.aliases
  const details: string[] = []
  if (distributionId) {
    for (const alias of aliases) {
      const holders = await args.api.conflictingAliases(distributionId, alias)
      if (holders && holders.length > 0) details.push(...holders)
    }
  }
  const where = details.length > 0 ? ` Held by: ${details.join('; ')}.` : ''
  return new Error(
    `An alias is already in use by another CloudFront distribution (CNAMEAlreadyExists) among ${aliases.join(', ')}.${where} ` +
      'Remove it there first, or name that distribution with distribution-id.',
    { cause: error },
  )
}

async function update(
  args: EnsureArgs,
  fetched: Fetched,
  owned: boolean,
  preview: PreviewSetup,
  functions: FunctionArns | undefined,
  signing: SigningSetup | undefined,
): Promise<DistributionOutcome> {
  const { config, api, log } = args
  const cdn = config.cdn
  const want = {
    // Preview hosts need the action's function: only a distribution it manages gets the wildcard.
    aliases: wantedAliases(
      config,
      fetched.view.aliases,
      owned ? preview : { ...preview, domain: undefined },
    ),
    certificateArn: cdn.certificateArn,
    priceClass: cdn.priceClass,
    enabled: owned ? true : undefined,
    functions: owned ? functions : undefined,
    trustedKeyGroups: trustedGroups(config, signing),
  }
  let view = fetched.view
  let changes: FieldChange[] = []
  for (let attempt = 1; ; attempt++) {
    const current = await api.getConfig(view.id)
    const planned = planUpdate(current.config, want)
    changes = planned.changes
    if (changes.length === 0) {
      view = { ...view, etag: current.etag }
      break
    }
    if (certificateMissing(planned.config))
      throw new Error(
        `Distribution ${view.id} would serve ${(planned.config.Aliases?.Items ?? []).join(', ')} without a certificate for them: set certificate-arn to an ACM certificate in us-east-1 that covers them.`,
      )
    for (const c of changes)
      log.info(
        `${args.dryRun ? 'Would change' : 'Changing'} ${c.field} of ${view.id}: ${c.from} -> ${c.to}`,
      )
    if (args.dryRun) return outcome(view, 'would-update', changes, owned)
    try {
      view = await api.updateRaw(view.id, planned.config, current.etag)
      break
    } catch (error) {
      const code = errorName(error)
      if (code === 'PreconditionFailed' && attempt < MAX_UPDATE_ATTEMPTS) {
        log.info(
          `Distribution ${view.id} changed while it was being updated (PreconditionFailed); reading it again (attempt ${attempt + 1}).`,
        )
        continue
      }
      if (code === 'CNAMEAlreadyExists') throw await explainConflict(args, view.id, error)
      throw wrapAwsError(
        `update CloudFront distribution ${view.id} (UpdateDistribution)`,
        'cloudfront:UpdateDistribution',
        error,
      )
    }
  }
  return outcome(view, changes.length > 0 ? 'updated' : 'unchanged', changes, owned)
}

function outcome(
  view: DistributionView,
  action: DistributionOutcome['action'],
  changes: FieldChange[],
  owned: boolean,
  bucket?: string,
): DistributionOutcome {
  return {
    id: view.id,
    arn: view.arn,
    domain: view.domain,
    aliases: view.aliases,
    status: view.status,
    enabled: view.enabled,
    action,
    changes,
    owned,
    originPath:
      (bucket ? bucketOriginPath(view, bucket) : undefined) ?? view.origins[0]?.path ?? '',
    deployed: undefined,
    etag: view.etag,
  }
}

async function create(
  args: EnsureArgs,
  signing: SigningSetup | undefined,
): Promise<DistributionOutcome> {
  const { config, api, log } = args
  const cdn = config.cdn
  if ((cdn.aliases.length > 0 || config.preview.domain) && !cdn.certificateArn)
    throw new Error(
      `Input 'aliases' (${cdn.aliases.join(', ')}) needs certificate-arn: an ACM certificate in us-east-1 that covers them.`,
    )
  if (args.dryRun) {
    log.info(
      `Would create a CloudFront distribution for s3://${config.bucket}/${config.basePrefix} with aliases ${cdn.aliases.join(', ') || '(none)'}.`,
    )
    return {
      id: '',
      arn: '',
      domain: '',
      aliases: cdn.aliases,
      status: '',
      enabled: true,
      action: 'would-create',
      changes: [],
      owned: true,
      originPath: originPath(config.basePrefix),
      deployed: undefined,
    }
  }
  const oacNamed = oacName(config.bucket)
  const oac = await api.ensureOriginAccessControl(
    oacNamed,
    fitComment(`cdn-publish: CloudFront reads s3://${config.bucket} with SigV4`),
  )
  if (oac.created) log.info(`Created Origin Access Control ${oacNamed} (${oac.id}).`)
  let cachePolicyId: string = MANAGED.cachingOptimized
  const policy = await api.ensureCachePolicy()
  if (policy) cachePolicyId = policy.id
  else
    log.warning(
      'This CloudFront endpoint does not support cache policies; using the managed CachingOptimized policy (minimum TTL 1 s).',
    )
  const preview = previewSetup(config, {})
  const functions = await ensureFunctions(args, preview)
  const aliases = wantedAliases(config, [], preview) ?? []
  const distributionConfig: DistributionConfig = createConfig({
    callerReference: callerReference(args.env, config.bucket, config.basePrefix),
    bucket: config.bucket,
    prefix: config.basePrefix,
    region: config.region,
    aliases,
    certificateArn: cdn.certificateArn,
    priceClass: cdn.priceClass ?? 'PriceClass_100',
    originAccessControlId: oac.id,
    cachePolicyId,
    functions: functions ?? {},
    trustedKeyGroups: trustedGroups(config, signing) ?? [],
  })
  const tags: Record<string, string> = {
    [MARK_TAG]: markTag(config.bucket, config.basePrefix),
    ...preview.newTags,
  }
  for (const t of cdn.tags) tags[t.key] = t.value
  let view: DistributionView
  try {
    view = await api.create(distributionConfig, tags)
  } catch (error) {
    const code = error instanceof AwsCallError ? error.code : errorName(error)
    if (code === 'CNAMEAlreadyExists') throw await explainConflict(args, undefined, error)
    if (code === 'DistributionAlreadyExists') {
      // A retried request of this same run created it already: find it by its mark.
      const again = await findTarget(args)
      if (!again.target) throw error
      return outcome(again.target.view, 'created', [], true, config.bucket)
    }
    throw error
  }
  log.info(`Created distribution ${view.id} (${view.domain}).`)
  return outcome(view, 'created', [], true, config.bucket)
}

async function waitDeployed(args: EnsureArgs, result: DistributionOutcome): Promise<void> {
  const now = args.now ?? Date.now
  const pause =
    args.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const deadline = now() + args.config.cdn.waitTimeoutSeconds * 1000
  let delay = 2000
  for (;;) {
    const { view } = await args.api.get(result.id)
    result.status = view.status
    if (isDeployed(view.status)) {
      result.deployed = true
      return
    }
    if (now() + delay > deadline) {
      result.deployed = false
      const message = `Distribution ${result.id} is still ${view.status} after ${args.config.cdn.waitTimeoutSeconds} s (wait-timeout); it keeps deploying on its own.`
      if (args.config.cdn.failOnWaitTimeout)
        throw new Error(`${message} Failing because fail-on-wait-timeout is true.`)
      args.log.warning(message)
      return
    }
    await pause(delay)
    delay = Math.min(delay * 2, 20_000)
  }
}

export async function ensureDistribution(
  args: EnsureArgs,
): Promise<DistributionOutcome | undefined> {
  const { config, log } = args
  const cdn = config.cdn
  if (!cdn.enabled) {
    log.info(`CloudFront: skipped, because ${cdn.skipReason}.`)
    return undefined
  }
  return log.group('CloudFront distribution', async () => {
    if (args.remembered && !args.findOnly) {
      const confirmed = await confirmRemembered(args, args.remembered)
      if (confirmed) return confirmed
    }
    const { target, owned } = await findTarget(args)
    let result: DistributionOutcome
    if (args.findOnly) {
      if (!target) {
        log.info(`No CloudFront distribution serves s3://${config.bucket}/${config.basePrefix}.`)
        return undefined
      }
      result = outcome(target.view, 'unchanged', [], owned, config.bucket)
      log.info(`Distribution ${result.id} (${result.domain}) serves this prefix.`)
      return result
    }
    const signing = await ensureSigning(args)
    if (target) {
      const tags = owned ? await args.api.tags(target.view.arn) : {}
      const preview = previewSetup(config, tags)
      if (!owned && config.preview.domain)
        log.warning(
          `preview-domain is ignored on distribution ${target.view.id}: it was not created by cdn-publish, so no function of the action maps preview hosts there. Use path previews (https://<domain>/${config.preview.root}/...) instead.`,
        )
      const functions = owned ? await ensureFunctions(args, preview) : undefined
      result = await update(args, target, owned, preview, functions, signing)
      if (owned && Object.keys(preview.newTags).length > 0 && !args.dryRun)
        await args.api.tag(target.view.arn, preview.newTags)
      result.originPath = bucketOriginPath(target.view, config.bucket) ?? result.originPath
    } else if (!cdn.createDistribution) {
      log.warning(
        `No CloudFront distribution serves s3://${config.bucket}/${config.basePrefix}${cdn.aliases.length ? ` or ${cdn.aliases.join(', ')}` : ''}, and create-distribution is false: the files are in S3 only.`,
      )
      return undefined
    } else {
      result = await create(args, signing)
    }
    result.signing = signing
    if (result.owned && result.id)
      await ensureBucketPolicy(args, { ...target?.view, ...viewFromOutcome(result) })
    if (target && rotated(result) && !args.dryRun)
      await pruneUnused({
        api: args.api,
        log,
        previous: target.view,
        now: (args.now ?? Date.now)(),
      })
    if (cdn.wait && result.id && !args.dryRun) await waitDeployed(args, result)
    log.info(
      `Distribution ${result.id || '(to be created)'}: domain ${result.domain || '-'}, aliases ${result.aliases.join(', ') || '(none)'}, ` +
        `status ${result.status || '-'}, ${result.enabled ? 'enabled' : 'disabled'}${result.owned ? ', managed by cdn-publish' : ''}.`,
    )
    return result
  })
}

/**
 * The distribution the last deploy left, when this run's inputs are the same and its config is still the
 * version (ETag) that run left: one GetDistribution instead of the full check (listing the account's
 * distributions, tags, functions, policies). The bucket policy is still read (one S3 request): the
 * distribution cannot read the bucket without its statement, and that lives outside CloudFront.
 */
async function confirmRemembered(
  args: EnsureArgs,
  remembered: RememberedDistribution,
): Promise<DistributionOutcome | undefined> {
  const { config, api, log } = args
  if (remembered.fingerprint !== cdnFingerprint(config)) {
    log.debug('The CloudFront inputs changed since the last deploy: checking in full.')
    return undefined
  }
  let fetched: Fetched
  try {
    fetched = await api.get(remembered.id)
  } catch (error) {
    if (error instanceof AwsCallError && error.code === 'NoSuchDistribution') return undefined
    throw error
  }
  if (fetched.view.etag !== remembered.etag) {
    log.info(
      `Distribution ${remembered.id} changed since the last deploy (config version ${fetched.view.etag ?? '?'}, was ${remembered.etag}): checking it in full.`,
    )
    return undefined
  }
  if (config.cdn.wait && !isDeployed(fetched.view.status)) return undefined
  const result: DistributionOutcome = {
    ...outcome(fetched.view, 'unchanged', [], remembered.owned, config.bucket),
    originPath: remembered.originPath,
    ...(remembered.signing
      ? { signing: { ...remembered.signing, signingKeyId: remembered.signing.signingKeyId } }
      : {}),
  }
  if (remembered.owned) await ensureBucketPolicy(args, fetched.view)
  log.info(
    `Distribution ${result.id} (${result.domain}) is as the last deploy left it (config version ${remembered.etag}, confirmed by one request).`,
  )
  return result
}

/**
 * This run moved the distribution to other functions or key groups: the ones before become the previous
 * generation, and older ones may now be unused. Only then is it worth listing (a deploy that changes
 * nothing makes no extra request).
 */
function rotated(result: DistributionOutcome): boolean {
  return (
    result.action === 'updated' &&
    result.changes.some((c) => c.field.endsWith(' function') || c.field === 'viewer access')
  )
}

function viewFromOutcome(result: DistributionOutcome): DistributionView {
  return {
    id: result.id,
    arn: result.arn,
    domain: result.domain,
    status: result.status,
    enabled: result.enabled,
    aliases: result.aliases,
    comment: '',
    origins: [],
    certificateArn: undefined,
    priceClass: undefined,
    functionArns: [],
    keyGroupIds: [],
  }
}

/** The site URL: https:// + the first alias (or the CDN domain) + the prefix below the origin path, ending in `/`. */
export function siteUrl(result: DistributionOutcome, prefix: string): string {
  const host = result.aliases[0] ?? result.domain
  const base = result.originPath.replace(/^\//, '')
  let path = prefix
  if (base !== '' && (prefix === base || prefix.startsWith(`${base}/`)))
    path = prefix.slice(base.length).replace(/^\//, '')
  const encoded = path === '' ? '' : `${path.split('/').map(encodeURIComponent).join('/')}/`
  return `https://${host}/${encoded}`
}

/**
 * Ensure a CloudFront distribution serves the bucket and prefix under the requested aliases: find it
 * (distribution-id, then aliases, then the action's own mark), create it when missing, change only what
 * the inputs ask, and grant it read access in the bucket policy. Idempotent: a second run with the same
 * inputs changes nothing and creates nothing. The parts it sets up have their own modules: ./find.ts,
 * ./ensure-functions.ts, ./ensure-signing.ts, ./ensure-bucket-policy.ts, ./previews.ts.
 */
import type { DistributionConfig } from '@aws-sdk/client-cloudfront'
import { AwsCallError, errorName, wrapAwsError } from '../core/errors.js'
import type { Log } from '../core/ports.js'
import type { CloudFrontApi, Fetched } from './client.js'
import {
  MANAGED,
  MARK_TAG,
  callerReference,
  certificateMissing,
  createConfig,
  markTag,
  oacName,
  originPath,
  planUpdate,
  type DistributionView,
  type FieldChange,
  type FunctionArns,
} from './distribution.js'
import { ensureBucketPolicy, type BucketPolicyArgs } from './ensure-bucket-policy.js'
import { ensureFunctions, type FunctionsSetup } from './ensure-functions.js'
import { ensureSigning, trustedGroups } from './ensure-signing.js'
import { findTarget } from './find.js'
import { fitComment } from './limits.js'
import {
  bucketOriginPath,
  outcomeOf,
  viewFromOutcome,
  type DistributionOutcome,
  type SigningSetup,
} from './outcome.js'
import type { BucketPolicy, CdnSite } from './ports.js'
import { previewSetup, wantedAliases, type PreviewSetup } from './previews.js'
import { pruneUnused } from './prune.js'
import { storeName, type StoreRef } from './site-store.js'
import { cdnFingerprint, type RememberedDistribution } from './remembered.js'
import type { HeldLog } from '../core/held-log.js'

// Where the rest of the action has always imported them from (deploy/, action/summary.ts, main.ts).
export type { DistributionOutcome, SigningSetup } from './outcome.js'

export interface EnsureArgs {
  config: CdnSite
  api: CloudFrontApi
  /** The bucket's policy (the S3 side's BucketAdmin): the distribution is granted read access there. */
  admin: Pick<BucketPolicy, 'policy' | 'putPolicy'>
  log: Log
  env: Readonly<Record<string, string | undefined>>
  dryRun: boolean
  /** Only find the distribution (mode remove): never create, change or grant anything. */
  findOnly?: boolean
  /** What the last deploy found (from the deploy state): confirmed first, by one request. */
  remembered?: RememberedDistribution | undefined
  /** What createIfMissing found (the search is not made again), with the lines it held. */
  found?: Found
  /** For tests: the clock and the pause between polls. */
  now?: () => number
  pause?: (ms: number) => Promise<void>
}

function functionsSetup(args: EnsureArgs, store?: StoreRef): FunctionsSetup {
  const { config, dryRun, log } = args
  const { prettyUrls, spa } = config.cdn
  return {
    functions: args.api.functions,
    log,
    dryRun,
    prettyUrls,
    spa,
    previewRoot: config.preview.root,
    store,
  }
}

/** Whether site behaviour applies to a distribution: the action's own unless off, another only when on. */
export function siteApplies(site: 'auto' | 'on' | 'off', owned: boolean): boolean {
  return site === 'on' || (site === 'auto' && owned)
}

/**
 * The KeyValueStore of site behaviour, when it applies: created when missing. undefined in a dry run
 * (said), or when the endpoint has no KeyValueStores (warned: the functions stay the plain ones).
 */
async function ensureStore(
  args: EnsureArgs,
  owned: boolean,
  view?: DistributionView,
): Promise<StoreRef | undefined> {
  const { config, log } = args
  if (!siteApplies(config.cdn.site, owned)) return undefined
  // The site's paths are relative to the origin path: a distribution that serves the bucket from
  // elsewhere would find no file of the site, and answer 404 for all of them.
  const served = view ? bucketOriginPath(view, config.bucket) : originPath(config.basePrefix)
  if (served !== originPath(config.basePrefix)) {
    log.warning(
      `site-behaviour is not applied to distribution ${view?.id ?? ''}: it serves s3://${config.bucket} from ${served === undefined ? 'another origin' : served || '/'}, not from ${originPath(config.basePrefix) || '/'} (the prefix), so the site's paths would not be its paths. Its functions are left as they are.`,
    )
    return undefined
  }
  const name = storeName(config.bucket, config.basePrefix)
  if (args.dryRun) {
    log.info(`Would ensure CloudFront KeyValueStore ${name} for the site's routing data.`)
    return undefined
  }
  const store = await args.api.siteStore.ensure(
    name,
    fitComment(`cdn-publish: routing data of s3://${config.bucket}/${config.basePrefix}`),
    log,
  )
  if (!store)
    log.warning(
      'This CloudFront endpoint does not support KeyValueStores: site behaviour (404s, trailing slashes, _redirects, _headers) is not set up.',
    )
  return store
}

function bucketPolicyArgs(args: EnsureArgs): BucketPolicyArgs {
  const { config, admin, dryRun, log } = args
  return { admin, log, dryRun, bucket: config.bucket, basePrefix: config.basePrefix }
}

const MAX_UPDATE_ATTEMPTS = 5

function isDeployed(status: string): boolean {
  return status.toLowerCase() === 'deployed'
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
      cdn.aliases,
      fetched.view.aliases,
      owned ? preview : { ...preview, domain: undefined },
    ),
    certificateArn: cdn.certificateArn,
    priceClass: cdn.priceClass,
    enabled: owned ? true : undefined,
    // Computed only where the action manages the functions: its own distributions, or site-behaviour: true.
    functions,
    trustedKeyGroups: trustedGroups(cdn.viewerAccess, signing),
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
    if (args.dryRun) return outcomeOf(view, 'would-update', changes, owned)
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
  return outcomeOf(view, changes.length > 0 ? 'updated' : 'unchanged', changes, owned)
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
  const oac = await api.policies.ensureOriginAccessControl(
    oacNamed,
    fitComment(`cdn-publish: CloudFront reads s3://${config.bucket} with SigV4`),
  )
  if (oac.created) log.info(`Created Origin Access Control ${oacNamed} (${oac.id}).`)
  let cachePolicyId: string = MANAGED.cachingOptimized
  const policy = await api.policies.ensureCachePolicy()
  if (policy) cachePolicyId = policy.id
  else
    log.warning(
      'This CloudFront endpoint does not support cache policies; using the managed CachingOptimized policy (minimum TTL 1 s).',
    )
  const preview = previewSetup(config.preview, {})
  const store = await ensureStore(args, true)
  const functions = await ensureFunctions(functionsSetup(args, store), preview)
  const aliases = wantedAliases(cdn.aliases, [], preview) ?? []
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
    trustedKeyGroups: trustedGroups(cdn.viewerAccess, signing) ?? [],
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
      return outcomeOf(again.target.view, 'created', [], true, config.bucket)
    }
    throw error
  }
  log.info(`Created distribution ${view.id} (${view.domain}).`)
  return { ...outcomeOf(view, 'created', [], true, config.bucket), store }
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

/** The distribution findTarget found, if any; `lines`: what was logged meanwhile, not yet shown. */
export type Found = Awaited<ReturnType<typeof findTarget>> & { lines?: HeldLog }

/** What createIfMissing did: created the distribution (all of ensureDistribution), or found one. */
export interface EarlyDistribution {
  created?: DistributionOutcome | undefined
  found?: Found
}

/**
 * For a deploy that may have to create its distribution, started while the files upload: when nothing
 * is remembered and no distribution serves the site, all of ensureDistribution runs now, so a first
 * deploy does not wait for it after its uploads (at 50 ms round trip: ~1 s of CloudFront requests).
 * A distribution found is only found: changing it (aliases, functions, policies) waits for the files,
 * as in ensureDistribution. Lines go to `log`, which holds them for the caller to show.
 */
export async function createIfMissing(
  args: EnsureArgs & { log: HeldLog },
): Promise<EarlyDistribution> {
  const cdn = args.config.cdn
  if (!cdn.enabled || !cdn.createDistribution || args.remembered || args.findOnly) return {}
  const found = await findTarget(args)
  if (found.target) return { found: { ...found, lines: args.log } }
  return { created: await ensureDistribution({ ...args, found }) }
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
    if (args.found?.lines) await args.found.lines.playTo(log)
    if (args.remembered && !args.findOnly && !args.found) {
      const confirmed = await confirmRemembered(args, args.remembered)
      if (confirmed) return confirmed
    }
    const { target, owned } = args.found ?? (await findTarget(args))
    let result: DistributionOutcome
    if (args.findOnly) {
      if (!target) {
        log.info(`No CloudFront distribution serves s3://${config.bucket}/${config.basePrefix}.`)
        return undefined
      }
      result = outcomeOf(target.view, 'unchanged', [], owned, config.bucket)
      log.info(`Distribution ${result.id} (${result.domain}) serves this prefix.`)
      return result
    }
    const signing = await ensureSigning({
      keys: args.api.keys,
      log,
      dryRun: args.dryRun,
      cdn,
    })
    if (target) {
      const tags = owned ? await args.api.tags(target.view.arn) : {}
      const preview = previewSetup(config.preview, tags)
      if (!owned && config.preview.domain)
        log.warning(
          `preview-domain is ignored on distribution ${target.view.id}: it was not created by cdn-publish, so no function of the action maps preview hosts there. Use path previews (https://<domain>/${config.preview.root}/...) instead.`,
        )
      const store = await ensureStore(args, owned, target.view)
      const managed = owned || store !== undefined
      const functions = managed
        ? await ensureFunctions(functionsSetup(args, store), preview)
        : undefined
      result = await update(args, target, owned, preview, functions, signing)
      result.store = store
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
      await ensureBucketPolicy(bucketPolicyArgs(args), {
        ...target?.view,
        ...viewFromOutcome(result),
      })
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
    ...outcomeOf(fetched.view, 'unchanged', [], remembered.owned, config.bucket),
    originPath: remembered.originPath,
    ...(remembered.signing
      ? { signing: { ...remembered.signing, signingKeyId: remembered.signing.signingKeyId } }
      : {}),
    ...(remembered.store ? { store: remembered.store } : {}),
  }
  if (remembered.owned) await ensureBucketPolicy(bucketPolicyArgs(args), fetched.view)
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

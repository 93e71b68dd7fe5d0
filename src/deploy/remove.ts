import * as core from '@actions/core'
import { log } from '../action/log.js'
import type { Env } from '../action/readers.js'
import type { CloudFrontApi } from '../cloudfront/client.js'
import { namespaceOf, storeName } from '../core/site/store-layout.js'
import { deleteBuilds } from './atomic.js'
import type { Config } from '../core/config.js'
import { PreflightError, errorMessage } from '../core/errors.js'
import { isReservedKey } from '../core/keys.js'
import { countPlan, emptyPlan, type Plan } from '../core/plan.js'
import { shown } from '../core/text.js'
import type { RunState } from './run-state.js'
import { cloudFront, DRY_RUN_NOTE, s3Side, type S3Side } from './sides.js'
import type { SyncResult } from './sync.js'
import { siteRootOf } from './site.js'
import { siteUrlOf } from './urls.js'

/** mode: remove: delete everything under the prefix, then invalidate it with one wildcard. */
export async function remove(config: Config, env: Env, state: RunState): Promise<void> {
  const side = await s3Side(config)
  const store = side.store
  if (config.dryRun) log.info(DRY_RUN_NOTE)
  const objects = await log.group(`List ${store.description}`, () => store.list())
  const keys = objects.map((o) => o.key)
  const site = keys.filter((k) => !isReservedKey(k))
  if (config.maxDeletes >= 0 && site.length > config.maxDeletes)
    throw new PreflightError(
      `Removing ${store.description} would delete ${site.length} objects, more than max-deletes (${config.maxDeletes}). ` +
        `Nothing was deleted. Raise max-deletes to ${site.length}, or set it to -1 or leave it empty (no cap for mode: remove).`,
    )
  const plan: Plan = {
    ...emptyPlan(),
    deletes: objects
      .filter((o) => !isReservedKey(o.key))
      .map((o) => ({ kind: 'delete', key: o.key, reason: 'removed', size: o.size })),
  }
  const planned = countPlan(plan)
  const result: SyncResult = {
    plan,
    planned,
    done: { ...planned, deleted: 0 },
    failures: [],
    phase: 'deletes',
    inspected: 0,
    stateWritten: false,
    dryRun: config.dryRun,
    pendingInvalidation: [],
    changedApplied: [],
    marked: [],
    remembered: undefined,
    saveState: () => Promise.resolve(),
  }
  state.result = result
  if (keys.length > 0) {
    const outcome = await log.group(
      `Delete ${keys.length} object(s) under ${store.description}`,
      async () => {
        for (const key of site.slice(0, 200)) log.info(`delete  ${shown(key)}`)
        return store.deleteMany(keys)
      },
    )
    result.done.deleted = config.dryRun
      ? 0
      : outcome.deleted.filter((k) => !isReservedKey(k)).length
    for (const f of outcome.failed)
      result.failures.push({ key: f.key, action: 'delete', message: f.message })
  } else log.info(`Nothing to remove under ${store.description}.`)
  if (result.failures.length > 0) return
  result.phase = 'done'
  state.talking = 'cloudfront'
  const loaded = await cloudFront(config)
  if (!loaded) return
  const { cf, api } = loaded
  const admin = side.admin
  state.distribution = await cf.ensureDistribution({
    config,
    api,
    admin,
    log,
    env,
    dryRun: config.dryRun,
    findOnly: true,
  })
  if (!state.distribution) return
  state.url = siteUrlOf(cf, config, state.distribution)
  try {
    await removeSiteData(config, api, side)
  } catch (error) {
    // The objects are gone either way; their cached copies must still be invalidated.
    core.warning(`${errorMessage(error)}. The site's routing data stays in the KeyValueStore.`)
  }
  if (plan.deletes.length > 0)
    state.invalidation = await cf.invalidate({
      config,
      api,
      distribution: state.distribution,
      plan,
      log,
      env,
      dryRun: config.dryRun,
    })
  if (config.removeDistribution)
    state.teardown = await cf.teardownDistribution({
      config,
      api,
      admin,
      distribution: state.distribution,
      log,
      dryRun: config.dryRun,
    })
}

/** Site behaviour: the removed site's (or preview's) routing data leaves the KeyValueStore too. */
async function removeSiteData(config: Config, api: CloudFrontApi, side: S3Side): Promise<void> {
  const root = siteRootOf(config)
  if (config.cdn.site === 'off' || root === undefined) return
  const store = await api.siteStore.find(storeName(config.bucket, config.basePrefix))
  if (!store) return
  // A preview deployed atomically: its builds lie outside its prefix (production's were removed with it).
  const meta = await api.siteStore.readMeta(store.arn, `${namespaceOf(root)}.m`)
  const builds = meta?.a
    ? [
        ...new Set(
          [meta.a, meta.v, ...(meta.k ?? []), ...(meta.x ?? []).map(([b]) => b)].filter(
            (b): b is string => b !== undefined,
          ),
        ),
      ]
    : []
  if (config.dryRun) {
    log.info(
      `Would remove the routing data of ${root} from CloudFront KeyValueStore ${store.name}${root !== '/' && builds.length > 0 ? `, and its builds ${builds.join(', ')} that production does not hold` : ''}.`,
    )
    return
  }
  if (root !== '/' && builds.length > 0)
    await deleteBuilds(config, side, { api, ref: store }, root, builds)
  const removed = await api.siteStore.removeSite(store.arn, root)
  if (removed > 0)
    log.info(`Removed the routing data of ${root} from ${store.name} (${removed} keys).`)
}

/**
 * mode: publish: scan and hash the build while the bucket is read, sync (assets, then metadata, then
 * deletes), then ensure the distribution and invalidate what changed.
 */
import * as core from '@actions/core'
import { log } from '../action/log.js'
import type { Env } from '../action/readers.js'
import { concurrencyLine } from '../action/summary.js'
import { dispatchLimit } from '../core/concurrency.js'
import type { Config } from '../core/config.js'
import type { Log } from '../core/ports.js'
import type { CloudFrontApi } from '../cloudfront/client.js'
import type { DistributionOutcome } from '../cloudfront/ensure.js'
import { PreflightError } from '../core/errors.js'
import { buildDigest } from '../core/site/builds.js'
import { AtomicDeploy, findStore, readHint, writeHint } from './atomic.js'
import { compileFilter } from '../core/filter.js'
import { Hasher } from '../local/hasher.js'
import type { Selection } from '../local/scan.js'
import { buildFiles, earlyFiles, expectations, siblingRules } from './build-files.js'
import { clock } from './clock.js'
import type { RunState } from './run-state.js'
import { scanBuild } from './scan-build.js'
import { DRY_RUN_NOTE, preload, s3Side } from './sides.js'
import {
  EarlyCdn,
  ensureCdn,
  invalidateCdn,
  settleEarlyCdn,
  stillToInvalidate,
} from './cdn-steps.js'
import { SITE_FILES, checkNotFoundPage, readSiteRules, siteRootOf } from './site.js'
import { nestedDeploys } from '../core/plan.js'
import { readRemote, type RemoteView } from './remote-view.js'
import { sync } from './sync.js'
import { buildSiteData, routeNewSite, routeSite, type SitePrep } from './route-site.js'

export async function publish(
  config: Config,
  env: Env,
  state: RunState,
  hashWorker: URL,
): Promise<void> {
  const filter = compileFilter(config)
  // Files are hashed as the walk finds them, then alongside the listing; nothing is requested before
  // the whole build has been checked.
  const started = Date.now()
  const hasher = new Hasher({
    workerScript: hashWorker,
    expectations: true,
    report: (where) => log.debug(`Hashing ${where}.`),
  })
  // Workers start now; a failure to start shows when hashing falls back to the main thread.
  void hasher.warmUp()
  // The header rules (with the MIME database) are compiled while the workers hash.
  const rulesLoading = import('../core/rules.js')
  rulesLoading.catch(() => undefined)
  preload('s3')
  let selection: Selection
  let site: SitePrep | undefined
  try {
    selection = await scanBuild(config, filter, hasher)
    site = await prepareSite(config, selection)
  } catch (error) {
    hasher.stop()
    throw error
  }
  // The bucket's view (read below, once the S3 side is up): siblings it holds for unchanged files are
  // not made again.
  let viewOf: (view: RemoteView | undefined) => void = () => undefined
  const remoteView = new Promise<RemoteView | undefined>((resolve) => (viewOf = resolve))
  const { local, siblings, cleanUp } = buildFiles(config, {
    hasher,
    selection,
    site: site !== undefined,
    rulesLoading,
    remoteView,
    started,
  })
  // New files go up as they are hashed; an atomic build is planned whole (it copies what it can).
  const early = config.atomic.enabled ? undefined : earlyFiles(selection, hasher)
  const side = await s3Side(config)
  let atomic: AtomicDeploy | undefined
  let earlyCdn: EarlyCdn | undefined
  let routedEarly: string | undefined
  let hint: Awaited<ReturnType<typeof readHint>>
  let digest = ''
  try {
    if (config.dryRun) log.info(DRY_RUN_NOTE)
    const store = side.store
    if (config.cdn.createBucket) {
      const admin = side.admin
      if (!(await admin.exists())) {
        if (config.dryRun) {
          log.info(
            `Would create bucket ${config.bucket} (versioned, encrypted, public access blocked).`,
          )
          return
        }
        await admin.createSecure()
        log.info(
          `Created bucket ${config.bucket} in ${config.region}: versioning on, SSE-S3 encryption, public access blocked, ACLs off.`,
        )
      }
    }
    if (config.cdn.enabled) preload('cloudfront')
    // Atomic: the distribution and its store first (nothing a viewer sees changes), to know the live build.
    if (config.atomic.enabled) {
      if (!site)
        throw new PreflightError(
          `Input 'atomic' is true, but this deploy has no site behaviour (${config.prefix || '(root)'} is neither the site nor a preview). Nothing was sent.`,
        )
      // What the last atomic deploy found of the distribution: a no-op confirms it with one request.
      hint = await readHint(store)
      await ensureCdn(config, env, state, side.admin, hint?.cdn)
      const ref = state.distribution?.store
      const api = state.cdnApi?.api
      // A dry run does not ensure the store: it reads the one there is.
      const cdn =
        api && ref ? { api, ref } : api && config.dryRun ? await findStore(config, api) : undefined
      atomic = await AtomicDeploy.open(config, side, cdn, site.root)
    }
    // The bucket is read while the rules (and the CloudFront SDK) load and the files are hashed.
    const expectFrom = expectations(selection, hasher)
    let reading = atomic ? atomic.liveView : readRemote(store, log, expectFrom)
    reading.then(viewOf, () => viewOf(undefined)) // sync reports a failure
    // Whatever happens to the reads, the hashing ends (done() waits for the state's expectations).
    reading.then(
      (view) => expectFrom(view?.state),
      () => expectFrom(undefined),
    )
    const rules = siblingRules((await rulesLoading).compileRules(config), siblings)
    let target = store
    if (atomic) {
      const files = await local
      digest = buildDigest(
        files.map((f) => ({ key: f.key, md5: f.md5, headers: rules(f.key).headers })),
      )
      const chosen = await atomic.choose(digest)
      target = chosen.store
      const read = target
      // A redeploy of the live build: its state and listing were read already.
      reading = chosen.view
        ? chosen.view.then((view) => view ?? readRemote(read, log))
        : readRemote(target, log)
    }
    // What the site's routing data is made from, once the files are hashed and the bucket listed.
    const siteDeps = async () => {
      const view = await remoteView
      const nested = view ? nestedDeploys(view.remote) : []
      return { store, rules, files: await local, siblings, nested }
    }
    state.result = await sync({
      store: target,
      local,
      reading: reading as Promise<RemoteView>,
      rules,
      filter,
      early,
      // A build is new, so it is exactly the build: leftovers of a failed attempt go, at once.
      options: {
        delete: atomic ? true : config.delete,
        maxDeletes: atomic ? -1 : config.maxDeletes,
        concurrency: dispatchLimit(config.concurrency),
        dryRun: config.dryRun,
        graceMs: atomic ? 0 : config.deleteGraceMs,
        now: clock(env),
      },
      log,
      // A distribution that does not exist yet is created while the files upload.
      accepted: (read) => {
        if (atomic || !config.cdn.enabled) return
        const prep = site
        // On a distribution created now, the routing data is written during the uploads too.
        const next =
          prep &&
          (async (created: DistributionOutcome, api: CloudFrontApi, held: Log) => {
            routedEarly = await routeNewSite(config, prep, await siteDeps(), {
              api,
              store: created.store,
              log: held,
            })
          })
        earlyCdn = new EarlyCdn(config, env, side.admin, read.cdn, next)
      },
      // From the first write on, a cancelled run knows what it changed (see onCancel).
      applying: (result) => (state.result = result),
      beforeDeletes: async () => {
        if (atomic && site) {
          await atomic.route(
            ...(await buildSiteData(config, site, {
              rules,
              files: await local,
              siblings,
              nested: [],
            })),
          )
          return
        }
        await ensureCdn(config, env, state, side.admin, undefined, earlyCdn)
        if (site) await routeSite(config, state, site, await siteDeps(), routedEarly)
      },
    })
  } catch (error) {
    await settleEarlyCdn(config, state, earlyCdn)
    // The files sent so far are recorded (a failure of the distribution or the routing data).
    await state.result
      ?.saveState(stillToInvalidate(config, state), state.remember)
      .catch(() => undefined)
    throw error
  } finally {
    hasher.stop() // when the run ends early: no worker may keep the process alive
    state.concurrency = side.concurrency()
    log.info(concurrencyLine(state.concurrency))
    if (state.concurrency.changes?.length)
      log.debug(
        `Concurrency changes (ms after the first): ${state.concurrency.changes.map((c) => `${c.at} ${c.from}->${c.to} ${c.reason}`).join(', ')}`,
      )
    await cleanUp()
  }
  // A phase failed before the CloudFront step: a distribution created meanwhile is still recorded.
  await settleEarlyCdn(config, state, earlyCdn)
  const result = state.result
  if (atomic) {
    // The build's state, then its record and the pointer: nothing is invalidated, no URL changed bytes.
    await result.saveState([], state.remember)
    if (result.failures.length === 0) {
      const files = await local
      state.build = await log.group('Go live', () =>
        atomic.finish({
          files: files.length,
          bytes: files.reduce((sum, f) => sum + f.size, 0),
          digest,
        }),
      )
      if (!config.dryRun) await writeHint(side.store, hint, state.build.id, state.remember)
    }
    return
  }
  try {
    if (result.failures.length > 0) return
    await invalidateCdn(config, env, state, result.pendingInvalidation)
  } finally {
    await result.saveState(stillToInvalidate(config, state), state.remember)
  }
}

/** Site behaviour's checks, before any request: the rule files, the not-found page. */
async function prepareSite(config: Config, selection: Selection): Promise<SitePrep | undefined> {
  const keys = new Set(selection.found.map((f) => f.key))
  const present = SITE_FILES.filter((name) => keys.has(name))
  if (!config.cdn.enabled || config.cdn.site === 'off') {
    if (present.length > 0)
      core.warning(
        `${present.join(' and ')} at the build root ${present.length > 1 ? 'are' : 'is'} not published, and not applied: ${config.cdn.enabled ? 'site-behaviour is false' : 'no CloudFront distribution serves these files'}.`,
      )
    return undefined
  }
  const root = siteRootOf(config)
  if (root === undefined) {
    if (present.length > 0)
      core.warning(
        `${present.join(' and ')} at the build root ${present.length > 1 ? 'are' : 'is'} not applied: site behaviour covers the site at ${config.basePrefix || '(the bucket root)'} and its previews, not ${config.prefix}.`,
      )
    return undefined
  }
  checkNotFoundPage(config, keys)
  return { root, rules: await readSiteRules(config.source, keys) }
}

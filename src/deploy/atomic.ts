/**
 * Atomic deploys on the deploy's side (core/site/builds.ts decides, this module reads and writes):
 * choose the build's id, copy what the live build already holds, write the build's routing data, mark
 * it complete, make it live with one KeyValueStore write, and retire old builds. Also mode: rollback
 * and mode: promote, which only move the pointer.
 */
import * as core from '@actions/core'
import { log } from '../action/log.js'
import type { CloudFrontApi } from '../cloudfront/client.js'
import { NOT_FOUND_COPY } from '../cloudfront/site-functions.js'
import type { StoreRef } from '../cloudfront/site-store.js'
import type { Config } from '../core/config.js'
import { PreflightError, errorMessage, isAccessDenied } from '../core/errors.js'
import type { RemoteStore } from '../core/ports.js'
import type { Headers } from '../core/rules.js'
import { entryHeaders } from '../core/state.js'
import { STATE_DIR } from '../core/keys.js'
import { describedBy } from '../core/plan.js'
import {
  BUILD_RECORD,
  buildCandidates,
  buildNamespace,
  buildPrefix,
  encodeRecord,
  holds,
  liveMeta,
  parseRecord,
  retire,
  rollbackTarget,
  withoutRetired,
  type BuildRecord,
} from '../core/site/builds.js'
import {
  generationKeys,
  generationOf,
  namespaceOf,
  storeName,
  type SiteData,
  type SiteMeta,
} from '../core/site/store-layout.js'
import { shown } from '../core/text.js'
import type { S3Side } from './sides.js'
import { CopyingStore } from './copying-store.js'
import { readRemote, type RemoteView } from './remote-view.js'

/** What the outputs and the summary say of an atomic deploy, a rollback or a promotion. */
export interface BuildOutcome {
  id: string
  /** The commit the build is of, when known. */
  sha?: string | undefined
  previous: string | undefined
  /** Live before this run already (a re-deploy of the same build). */
  unchanged: boolean
  /** Files copied from the live build instead of sent. */
  copied: number
  /** Builds deleted after the deploy (keep-builds). */
  deleted: string[]
  /** Builds retired by this run, deleted once delete-grace is over. */
  retired: string[]
  dryRun: boolean
}

interface StoreSide {
  api: Pick<CloudFrontApi, 'siteStore'>
  ref: Pick<StoreRef, 'name' | 'arn'>
}

/** The meta key of a site root. */
function metaKey(root: string): string {
  return `${namespaceOf(root)}.m`
}

/** A build's record, if the build is complete; a 403 (no unconditional s3:ListBucket) is asked of the listing. */
async function readRecord(store: RemoteStore): Promise<BuildRecord | undefined> {
  let text: string | undefined
  try {
    text = await store.readText(BUILD_RECORD)
  } catch (error) {
    if (!isAccessDenied(error)) throw error
    const listed = await store.list()
    if (listed.some((o) => o.key === BUILD_RECORD)) throw error
    return undefined
  }
  return text === undefined ? undefined : parseRecord(text)
}

/** The state's MD5 and headers of each file a build holds, when its listing agrees. */
function holdings(view: RemoteView): Map<string, { md5: string; headers: Headers }> {
  const listed = new Map(view.remote.map((o) => [o.key, o]))
  const out = new Map<string, { md5: string; headers: Headers }>()
  for (const [key, entry] of view.state.entries) {
    const object = listed.get(key)
    if (!object || object.etag !== entry.etag || object.size !== entry.size) continue
    if (!describedBy(object, view.state)) continue
    out.set(key, { md5: entry.md5, headers: entryHeaders(entry) })
  }
  return out
}

/**
 * Beside an atomic site (in its state directory): the build the last atomic deploy made live and what
 * it found of the CDN side, so that the next deploy confirms the distribution with one request instead
 * of describing it all. Only a hint: the store's meta says which build is live (a rollback writes no
 * S3), and a remembered distribution that changed is noticed and described again.
 */
export const ATOMIC_HINT = `${STATE_DIR}/atomic.json`

export async function readHint(
  store: RemoteStore,
): Promise<{ live?: string; cdn?: unknown } | undefined> {
  try {
    const text = await store.readText(ATOMIC_HINT)
    return text === undefined ? undefined : (JSON.parse(text) as { live?: string; cdn?: unknown })
  } catch {
    // Missing without s3:ListBucket (403), unreadable: the deploy describes the distribution instead.
    return undefined
  }
}

export async function writeHint(
  store: RemoteStore,
  before: { live?: string; cdn?: unknown } | undefined,
  live: string,
  cdn: unknown,
): Promise<void> {
  if (before && before.live === live && JSON.stringify(before.cdn) === JSON.stringify(cdn)) return
  try {
    await store.writeText(ATOMIC_HINT, `${JSON.stringify({ live, cdn })}\n`)
  } catch (error) {
    log.debug(`Could not write ${ATOMIC_HINT}: ${errorMessage(error)}`)
  }
}

/** An atomic deploy, from the live build's view to the pointer's write. */
export class AtomicDeploy {
  /** The live build's state and listing (undefined without a live build): what can be copied. */
  readonly liveView: Promise<RemoteView | undefined>
  private copying: CopyingStore | undefined
  private readonly sourcePrefix: string
  private chosen: { id: string; store: RemoteStore; record: BuildRecord | undefined } | undefined

  private constructor(
    private readonly config: Config,
    private readonly side: S3Side,
    private readonly cdn: StoreSide,
    readonly root: string,
    /** The site's meta before this run. */
    readonly current: SiteMeta | undefined,
  ) {
    // The live build, or before the first atomic deploy the site in place: what the build may copy.
    const live = current?.a
    this.sourcePrefix = live ? buildPrefix(config.basePrefix, live) : config.prefix
    this.liveView = readRemote(live ? side.at(this.sourcePrefix) : side.store, log).catch(
      (error: unknown) => {
        core.warning(
          `Could not read ${live ? `the live build ${live}` : 'the site in place'}: ${errorMessage(error)}. Every file is sent.`,
        )
        return undefined
      },
    )
  }

  /** Read the site's meta from the distribution's store (ensured by the caller). */
  static async open(
    config: Config,
    side: S3Side,
    cdn: StoreSide | undefined,
    root: string,
  ): Promise<AtomicDeploy> {
    if (!cdn)
      throw new PreflightError(
        "Input 'atomic' is true, but the distribution has no KeyValueStore for site behaviour (site-behaviour: auto gives one only to distributions cdn-publish created; set site-behaviour: true). Nothing was sent.",
      )
    const current = await cdn.api.siteStore.readMeta(cdn.ref.arn, metaKey(root))
    if (current?.a) log.info(`Live build of ${root}: ${current.a}.`)
    return new AtomicDeploy(config, side, cdn, root, current)
  }

  /**
   * The build this deploy goes to: the first candidate id that is not a complete build, or one that is
   * complete with this very content (a re-deploy).
   */
  async choose(digest: string): Promise<{
    id: string
    store: RemoteStore
    reused: boolean
    /** The build's state and listing, when they were read already (it is the live build). */
    view?: Promise<RemoteView | undefined>
  }> {
    const { config } = this
    const ids = buildCandidates(config.github.context.sha, config.atomic.attempt, digest)
    for (const id of ids) {
      const store = this.side.at(buildPrefix(config.basePrefix, id))
      const record = await readRecord(store)
      if (record && record.digest !== digest) {
        log.info(`Build ${id} exists with other content: trying the next id.`)
        continue
      }
      const view = await this.liveView
      const live = this.current?.a
      this.copying = new CopyingStore(
        store,
        view && live !== id ? holdings(view) : new Map(),
        this.sourcePrefix,
      )
      this.chosen = { id, store: this.copying, record }
      log.info(
        record
          ? `Build ${id} is complete with this content: it is reused.`
          : `This deploy is build ${id}, under ${shown(buildPrefix(config.basePrefix, id))}/.`,
      )
      return {
        id,
        store: this.copying,
        reused: record !== undefined,
        ...(live === id ? { view: this.liveView } : {}),
      }
    }
    throw new PreflightError(
      `Builds ${ids.join(', ')} all exist with other content. Nothing was sent. Re-run the workflow (a new attempt names a new build), or remove one of them.`,
    )
  }

  /** Before the deletes: the build's routing data, under its own namespace (nothing live changes). */
  async route(data: SiteData, notFound: { key: string; headers: Headers } | undefined) {
    const chosen = this.chosen!
    const { generation, entries, info } = generationOf(data, buildNamespace(chosen.id))
    this.generation = info
    if (chosen.record?.site.g === generation) return
    if (this.config.dryRun) {
      log.info(`Would write build ${chosen.id}'s routing data (${entries.length} keys).`)
      return
    }
    if (notFound) await chosen.store.copyNotFound(notFound.key, NOT_FOUND_COPY, notFound.headers)
    const requests = await this.cdn.api.siteStore.putKeys(this.cdn.ref.arn, entries, [])
    log.info(
      `Build ${chosen.id}'s routing data: generation ${generation} written (${entries.length} keys; ${requests} request(s)).`,
    )
  }

  private generation: BuildRecord['site'] | undefined

  /**
   * After a sync without failures: the record that makes the build complete, then the pointer (one
   * write), then the builds past keep-builds.
   */
  async finish(stats: { files: number; bytes: number; digest: string }): Promise<BuildOutcome> {
    const { config, root, current } = this
    const chosen = this.chosen!
    const site = this.generation ?? chosen.record?.site
    if (!site) throw new Error(`build ${chosen.id} has no routing data`)
    const record: BuildRecord = chosen.record ?? {
      id: chosen.id,
      root,
      sha: config.github.context.sha,
      digest: stats.digest,
      files: stats.files,
      bytes: stats.bytes,
      at: new Date().toISOString(),
      site,
    }
    const outcome: BuildOutcome = {
      id: chosen.id,
      sha: record.sha,
      previous: current?.a !== chosen.id ? current?.a : current?.v,
      unchanged: current?.a === chosen.id,
      copied: this.copying?.copied ?? 0,
      deleted: [],
      retired: [],
      dryRun: config.dryRun,
    }
    if (outcome.unchanged) {
      log.info(`Build ${chosen.id} is live already: nothing to switch.`)
      return outcome
    }
    if (!chosen.record) await chosen.store.writeText(BUILD_RECORD, encodeRecord(record))
    const nowSeconds = Math.floor(Date.now() / 1000)
    const plan = retire(
      liveMeta(current, chosen.id, site),
      config.atomic.keep,
      nowSeconds,
      Math.ceil(config.deleteGraceMs / 1000),
    )
    outcome.retired = plan.retired
    if (config.dryRun) {
      log.info(
        `Would make build ${chosen.id} live for ${root}${outcome.previous ? ` (now ${outcome.previous})` : ''}.`,
      )
      return outcome
    }
    await this.cdn.api.siteStore.putKeys(
      this.cdn.ref.arn,
      [],
      [],
      [metaKey(root), JSON.stringify(plan.meta)],
    )
    log.info(
      `Build ${chosen.id} is live for ${root}${outcome.previous ? `; the previous build ${outcome.previous} is kept for a rollback` : ''}.`,
    )
    if (plan.retired.length > 0)
      log.info(
        `Retired build(s) ${plan.retired.join(', ')} (keep-builds: ${config.atomic.keep})${config.deleteGraceMs > 0 ? '; deleted once delete-grace is over' : ''}.`,
      )
    if (plan.expired.length > 0) {
      outcome.deleted = await deleteBuilds(config, this.side, this.cdn, root, plan.expired)
      await this.cdn.api.siteStore.putKeys(
        this.cdn.ref.arn,
        [],
        [],
        [metaKey(root), JSON.stringify(withoutRetired(plan.meta, plan.expired))],
      )
    }
    return outcome
  }
}

/**
 * Delete builds (their objects and routing data) that no other site root still needs: a promoted
 * preview's build stays while the preview serves it, a preview's while production does. Returns the
 * builds deleted; the ones another site still holds are only dropped from this site's list.
 */
export async function deleteBuilds(
  config: Config,
  side: S3Side,
  cdn: StoreSide,
  root: string,
  ids: readonly string[],
): Promise<string[]> {
  const deleted: string[] = []
  const metas = new Map<string, SiteMeta | undefined>()
  const metaOf = async (of: string) => {
    if (!metas.has(of)) metas.set(of, await cdn.api.siteStore.readMeta(cdn.ref.arn, metaKey(of)))
    return metas.get(of)
  }
  for (const id of ids) {
    try {
      const store = side.at(buildPrefix(config.basePrefix, id))
      const record = await readRecord(store).catch(() => undefined)
      const others = new Set([record?.root ?? root, '/'])
      others.delete(root)
      let shared: string | undefined
      for (const other of others) if (holds(await metaOf(other), id)) shared = other
      if (shared) {
        log.info(`Build ${id} is kept: ${shared} still serves or keeps it.`)
        continue
      }
      const objects = await store.list()
      const result = await store.deleteMany(objects.map((o) => o.key))
      if (result.failed.length > 0)
        throw new Error(`${result.failed.length} object(s) could not be deleted`)
      if (record)
        await cdn.api.siteStore.putKeys(
          cdn.ref.arn,
          [],
          generationKeys(buildNamespace(id), record.site),
        )
      deleted.push(id)
      log.info(`Deleted build ${id} (${objects.length} objects).`)
    } catch (error) {
      core.warning(
        `Could not delete build ${id}: ${errorMessage(error)}. It stays in the bucket; delete ${shown(buildPrefix(config.basePrefix, id))}/ by hand or let the next deploy try again.`,
      )
    }
  }
  return deleted
}

/** The distribution's store for this site, found (never created). */
export async function findStore(
  config: Config,
  api: CloudFrontApi,
): Promise<StoreSide | undefined> {
  const ref = await api.siteStore.find(storeName(config.bucket, config.basePrefix))
  return ref ? { api, ref } : undefined
}

/**
 * mode: rollback (`to` a build or SHA, or the previous build) and mode: promote (the preview's live
 * build to production): check the build is complete in the bucket and its routing data is in the
 * store, then write the pointer. One KeyValueStore write, no S3 write.
 */
export async function switchBuild(args: {
  config: Config
  side: S3Side
  cdn: StoreSide
  /** The site whose pointer moves. */
  root: string
  /** For promote: the preview whose live build it takes. */
  from?: string
}): Promise<BuildOutcome> {
  const { config, side, cdn, root, from } = args
  const current = await cdn.api.siteStore.readMeta(cdn.ref.arn, metaKey(root))
  let id: string
  if (from !== undefined) {
    const source = await cdn.api.siteStore.readMeta(cdn.ref.arn, metaKey(from))
    if (!source?.a)
      throw new PreflightError(
        `The preview ${from} has no live build: deploy it with atomic: true first. Nothing was changed.`,
      )
    id = source.a
  } else {
    const target = rollbackTarget(current, config.atomic.rollbackTo)
    if ('error' in target)
      throw new PreflightError(
        `${config.atomic.rollbackTo ? `Input 'rollback-to' is ${JSON.stringify(config.atomic.rollbackTo)}, but ` : 'Cannot roll back: '}${target.error}. Nothing was changed.`,
      )
    id = target.id
  }
  const record = await readRecord(side.at(buildPrefix(config.basePrefix, id)))
  if (!record || record.id !== id)
    throw new PreflightError(
      `Build ${id} is not complete in s3://${config.bucket}/${buildPrefix(config.basePrefix, id)}/ (no ${BUILD_RECORD}): it is not made live. Nothing was changed.`,
    )
  const first = `${buildNamespace(id)}.${record.site.g}.0`
  if ((await cdn.api.siteStore.readKey(cdn.ref.arn, first)) === undefined)
    throw new PreflightError(
      `Build ${id}'s routing data is not in CloudFront KeyValueStore ${cdn.ref.name} (it was deleted): deploy that commit again instead. Nothing was changed.`,
    )
  const outcome: BuildOutcome = {
    id,
    sha: record.sha,
    previous: current?.a,
    unchanged: current?.a === id,
    copied: 0,
    deleted: [],
    retired: [],
    dryRun: config.dryRun,
  }
  if (outcome.unchanged) {
    log.info(`Build ${id} is live for ${root} already: nothing to switch.`)
    return outcome
  }
  if (config.dryRun) {
    log.info(`Would make build ${id} live for ${root}${current?.a ? ` (now ${current.a})` : ''}.`)
    return outcome
  }
  await cdn.api.siteStore.putKeys(
    cdn.ref.arn,
    [],
    [],
    [metaKey(root), JSON.stringify(liveMeta(current, id, record.site))],
  )
  log.info(
    `Build ${id} is live for ${root}${current?.a ? `; ${current.a} is the previous build (roll back with mode: rollback)` : ''}.`,
  )
  return outcome
}

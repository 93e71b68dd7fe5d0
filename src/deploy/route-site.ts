/**
 * Site behaviour's routing data: what the edge needs of this build (redirects, headers, pretty URLs,
 * the not-found page), written to the distribution's KeyValueStore once the files are up, or, for a
 * distribution this run created, while they upload.
 */
import * as core from '@actions/core'
import { log } from '../action/log.js'
import type { CloudFrontApi } from '../cloudfront/client.js'
import type { StoreRef } from '../cloudfront/site-store.js'
import { NOT_FOUND_COPY } from '../cloudfront/site-functions.js'
import type { Config } from '../core/config.js'
import type { LocalFile, Log, RemoteStore } from '../core/ports.js'
import type { Headers, KeyRules } from '../core/rules.js'
import type { Sibling } from '../core/site/precompress.js'
import { HAS_BR, HAS_GZIP } from '../core/site/site-index.js'
import { siteEntries, type SiteData } from '../core/site/store-layout.js'
import type { RunState } from './run-state.js'
import { publishSite, siteDataOf, type SiteRules } from './site.js'

/** A deploy with site behaviour: the site's root and its rule files. */
export interface SitePrep {
  root: string
  rules: SiteRules
}

/** What the routing data is made from. */
export interface SiteDeps {
  store: RemoteStore
  rules: (key: string) => KeyRules
  files: readonly LocalFile[]
  siblings: ReadonlyMap<string, Sibling>
  nested: readonly string[]
}

/** Write the site's routing data to the distribution's KeyValueStore, when it has one. */
export async function routeSite(
  config: Config,
  state: RunState,
  site: SitePrep,
  deps: SiteDeps,
  /** The generation written while the files uploaded (routeNewSite): only the 404 copy is left. */
  writtenEarly?: string,
): Promise<void> {
  const { store, files } = deps
  const storeRef = state.distribution?.store
  const loaded = state.cdnApi
  if (!storeRef || !loaded) {
    if (
      state.distribution &&
      !config.dryRun &&
      (site.rules.present.length > 0 || deps.siblings.size > 0)
    )
      core.warning(
        `${[...site.rules.present, ...(deps.siblings.size > 0 ? ['the precompressed siblings'] : [])].join(', ')}: not applied, because distribution ${state.distribution.id} has no site behaviour (site-behaviour: auto gives it only to distributions cdn-publish created; set site-behaviour: true to give it this one, whose viewer functions it then replaces).`,
      )
    return
  }
  const [data, notFound] = await buildSiteData(config, site, deps)
  const page = notFound && files.find((f) => f.key === notFound.key)
  if (config.dryRun) {
    log.info(`Would write the site's routing data for ${site.root} to ${storeRef.name}.`)
    return
  }
  // The last deploy's record says whether the store already holds this generation: a no-op sends nothing.
  const mark = siteMark(storeRef.arn, site, data)
  const remembered = state.result?.remembered as { site?: unknown } | undefined
  const keep = () => {
    if (state.remember && typeof state.remember === 'object')
      state.remember = { ...state.remember, site: mark }
  }
  if (remembered?.site === mark) {
    log.info(`Site routing data for ${site.root} is as the last deploy wrote it.`)
    keep()
    return
  }
  if (writtenEarly === mark) {
    if (page && notFound) await store.copyNotFound(notFound.key, NOT_FOUND_COPY, notFound.headers)
    keep()
    return
  }
  const { copied } = await log.group('Site routing data', () =>
    publishSite({
      api: loaded.api,
      storeArn: storeRef.arn,
      store,
      data,
      notFound: page ? notFound : undefined,
      log,
    }),
  )
  if (copied && !state.distributionCreated) {
    state.result?.changedApplied.push(NOT_FOUND_COPY)
    state.alsoInvalidate = [NOT_FOUND_COPY]
  }
  keep()
}

/**
 * The routing data of a distribution this run created, written while the files upload (nothing is
 * served from it yet): the KeyValueStore's writes, ~0.65 s at 50 ms round trip, no longer follow the
 * last upload. The copy of the 404 page needs the page in the bucket, so routeSite makes it later.
 * Returns the generation's mark, for routeSite.
 */
export async function routeNewSite(
  config: Config,
  site: SitePrep,
  deps: SiteDeps,
  to: { api: Pick<CloudFrontApi, 'siteStore'>; store: Pick<StoreRef, 'arn'> | undefined; log: Log },
): Promise<string | undefined> {
  if (!to.store || config.dryRun) return undefined
  const [data] = await buildSiteData(config, site, deps)
  const storeArn = to.store.arn
  await to.log.group('Site routing data', () =>
    publishSite({
      api: to.api,
      storeArn,
      store: deps.store,
      data,
      notFound: undefined,
      log: to.log,
    }),
  )
  return siteMark(storeArn, site, data)
}

/** Which generation of the site's data a store holds, as the deploy state remembers it. */
function siteMark(storeArn: string, site: SitePrep, data: SiteData): string {
  return `${storeArn} ${site.root} ${siteEntries(data).generation}`
}

/** What the edge needs of this build, and its not-found page with its headers. */
export function buildSiteData(
  config: Config,
  site: SitePrep,
  deps: Omit<SiteDeps, 'store'>,
): Promise<[SiteData, { key: string; headers: Headers } | undefined]> {
  const page = deps.files.find((f) => f.key === config.cdn.notFoundPage.path)
  const flags = new Map<string, number>()
  for (const s of deps.siblings.values())
    flags.set(s.source, (flags.get(s.source) ?? 0) | (s.encoding === 'br' ? HAS_BR : HAS_GZIP))
  const data = siteDataOf(site.root, deps.files, site.rules, page, flags, deps.nested)
  return Promise.resolve([
    data,
    page ? { key: page.key, headers: deps.rules(page.key).headers } : undefined,
  ])
}

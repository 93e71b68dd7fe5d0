/**
 * Site behaviour on the deploy's side: the build's `_redirects` and `_headers` read and checked before
 * any request (and never published), then, once the files are up and before anything is deleted, the
 * site's routing data written to the distribution's KeyValueStore with the not-found page's copy.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { CloudFrontApi } from '../cloudfront/client.js'
import { NOT_FOUND_COPY } from '../cloudfront/site-functions.js'
import type { Config } from '../core/config.js'
import { PreflightError } from '../core/errors.js'
import type { LocalFile, Log, RemoteStore } from '../core/ports.js'
import type { Headers } from '../core/rules.js'
import { parseHeaders } from '../core/site/headers-file.js'
import { parseRedirects } from '../core/site/redirects.js'
import { SiteFileError } from '../core/site/site-file-error.js'
import { FILE, NESTED, buildIndex } from '../core/site/site-index.js'
import {
  namespaceOf,
  siteEntries,
  type EdgeHeaderRule,
  type EdgeRedirect,
  type SiteData,
} from '../core/site/store-layout.js'
import { shown } from '../core/text.js'

/** The files at the build root that configure the site and are never published. */
export const SITE_FILES: readonly string[] = ['_redirects', '_headers']

export interface SiteRules {
  redirects: EdgeRedirect[]
  headers: EdgeHeaderRule[]
  /** Which of SITE_FILES the build has. */
  present: string[]
}

/**
 * The site root as the viewer functions see it (`/`, or `/previews/pr-1/` for a preview), or undefined
 * when this deploy is neither the site nor a preview (a release under a template prefix).
 */
export function siteRootOf(
  config: Pick<Config, 'prefix' | 'basePrefix' | 'preview'>,
): string | undefined {
  if (config.prefix === config.basePrefix) return '/'
  const rest = config.prefix.slice(config.basePrefix.length).replace(/^\/+/, '')
  const root = config.preview.root
  if (
    config.preview.enabled &&
    root &&
    rest.startsWith(`${root}/`) &&
    !rest.slice(root.length + 1).includes('/')
  )
    return `/${rest}/`
  return undefined
}

/**
 * The rules of one file the edge reads on each request, in KeyValueStore values of 1 KB: past 32 of them
 * a request would spend its function's compute budget reading rules, so a longer file is refused.
 */
export const MAX_RULE_BYTES = 32 * 1024

/** Refuse the rule that takes a file past MAX_RULE_BYTES, by its line. */
function withinBudget<T>(file: string, rules: ReadonlyArray<{ line: number; edge: T }>): T[] {
  let bytes = 2
  for (const rule of rules) {
    bytes += Buffer.byteLength(JSON.stringify(rule.edge)) + 1
    if (bytes > MAX_RULE_BYTES)
      throw new SiteFileError([
        {
          file,
          line: rule.line,
          message: `the rules up to here take more than ${MAX_RULE_BYTES / 1024} KB at the edge, which reads them all on every request; keep the file shorter (for many fixed redirects, fewer rules with placeholders or a splat)`,
        },
      ])
  }
  return rules.map((r) => r.edge)
}

/** Read and check the build's `_redirects` and `_headers` (at its root); a bad line fails the run here. */
export async function readSiteRules(source: string, keys: ReadonlySet<string>): Promise<SiteRules> {
  const rules: SiteRules = { redirects: [], headers: [], present: [] }
  for (const name of SITE_FILES) {
    if (!keys.has(name)) continue
    rules.present.push(name)
    const text = await readFile(path.join(source, name), 'utf8')
    if (name === '_redirects')
      rules.redirects = withinBudget(
        name,
        parseRedirects(text, name).map((r) => ({
          line: r.line,
          edge: [r.from, r.to, r.status, r.force] as EdgeRedirect,
        })),
      )
    else
      rules.headers = withinBudget(
        name,
        parseHeaders(text, name).map((r) => ({
          line: r.line,
          edge: [
            r.regex.source,
            r.headers.map((h) => [h.name, h.value] as [string, string]),
          ] as EdgeHeaderRule,
        })),
      )
  }
  return rules
}

/** The not-found page given by the input must be in the build (the default may be absent). */
export function checkNotFoundPage(config: Config, keys: ReadonlySet<string>): void {
  const page = config.cdn.notFoundPage
  if (page.given && !keys.has(page.path))
    throw new PreflightError(
      `Input 'not-found-page' names ${shown(page.path)}, which is not a file of the build in ${config.sourceInput} (after include/exclude). Nothing was sent.`,
    )
}

/** What the edge needs to know of this site's build. */
export function siteDataOf(
  root: string,
  files: readonly LocalFile[],
  rules: SiteRules,
  notFound: LocalFile | undefined,
  /** Flags besides FILE (a precompressed sibling's), by key. */
  extra: ReadonlyMap<string, number> = new Map(),
  /** Directories that hold a deploy of their own (`v1/`): not this site's, so never its 404s. */
  nested: readonly string[] = [],
): SiteData {
  return {
    root,
    index: buildIndex([
      ...files.map((f) => ({ path: f.key, flags: FILE | (extra.get(f.key) ?? 0) })),
      ...nested.map((path) => ({ path, flags: NESTED })),
    ]),
    notFound: notFound !== undefined,
    // A new page means a new copy: its MD5 is part of what names the generation.
    version: notFound?.md5 ?? '',
    redirects: rules.redirects,
    headers: rules.headers,
  }
}

/**
 * Write the site's generation to the store (when it differs from the one there), the not-found page's
 * copy first. Returns whether the copy changed (its cached copies must be invalidated).
 */
export async function publishSite(args: {
  api: Pick<CloudFrontApi, 'siteStore'>
  storeArn: string
  store: RemoteStore
  data: SiteData
  notFound: { key: string; headers: Headers } | undefined
  log: Log
}): Promise<{ copied: boolean }> {
  const { api, storeArn, data, log } = args
  const current = await api.siteStore.readMeta(storeArn, `${namespaceOf(data.root)}.m`)
  const entries = siteEntries(data, current)
  if (current?.g === entries.generation && current.a === undefined) {
    log.info(`Site routing data for ${data.root} is up to date (generation ${entries.generation}).`)
    return { copied: false }
  }
  if (args.notFound)
    await args.store.copyNotFound(args.notFound.key, NOT_FOUND_COPY, args.notFound.headers)
  const requests = await api.siteStore.write(storeArn, entries)
  log.info(
    `Site routing data for ${data.root}: generation ${entries.generation} written (${entries.entries.length + 1} keys, ${data.redirects.length} redirect rule(s), ${data.headers.length} header rule(s); ${requests} request(s)).`,
  )
  return { copied: args.notFound !== undefined }
}

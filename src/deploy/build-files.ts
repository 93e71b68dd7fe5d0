/**
 * The build's files as the sync takes them: hashed, without the site's rule files, with precompressed
 * siblings beside the files they compress, and, for uploads that need not wait, each file as soon as
 * it is hashed.
 */
import * as core from '@actions/core'
import { log } from '../action/log.js'
import type { Config } from '../core/config.js'
import { describedBy, sameHeaders } from '../core/plan.js'
import type { LocalFile } from '../core/ports.js'
import type { Headers, KeyRules } from '../core/rules.js'
import { planSiblings, type Sibling } from '../core/site/precompress.js'
import { compressSiblings } from '../local/compress.js'
import type { Hasher } from '../local/hasher.js'
import { entryHeaders, type RemoteState } from '../core/state.js'
import { withHashes, type Selection } from '../local/scan.js'
import { SITE_FILES } from './site.js'
import type { RemoteView } from './remote-view.js'
import type { EarlyFiles } from './sync.js'

export interface BuildFiles {
  /** Every file of the build once hashed, siblings included. */
  local: Promise<LocalFile[]>
  /** Precompressed siblings by key (their headers: siblingRules). */
  siblings: Map<string, Sibling>
  /** Remove the siblings made in a temporary directory. */
  cleanUp: () => Promise<void>
}

export function buildFiles(
  config: Config,
  deps: {
    hasher: Hasher
    selection: Selection
    /** Site behaviour covers this deploy (precompress needs it). */
    site: boolean
    rulesLoading: Promise<typeof import('../core/rules.js')>
    /** The bucket's view, once read: siblings it holds for unchanged files are not made again. */
    remoteView: Promise<RemoteView | undefined>
    /** When the scan started (Date.now()), for the debug log. */
    started: number
  },
): BuildFiles {
  const { hasher, selection } = deps
  const hashed = hasher
    .done()
    .then((hashes) =>
      withHashes(selection.found, hashes).filter((f) => !SITE_FILES.includes(f.key)),
    )
  if (!deps.site && config.cdn.precompress.length > 0)
    core.warning(
      'precompress is ignored: the edge serves precompressed siblings only with site behaviour, which does not cover this deploy (site-behaviour: false, no CloudFront, or a prefix that is neither the site nor a preview).',
    )
  const siblings = new Map<string, Sibling>()
  let cleanUp = () => Promise.resolve()
  const local =
    deps.site && config.cdn.precompress.length > 0
      ? Promise.all([hashed, deps.rulesLoading, deps.remoteView]).then(
          async ([files, rulesModule, view]) => {
            const rules = rulesModule.compileRules(config)
            const planned = planSiblings(
              files,
              (key) => rules(key).headers.contentType,
              config.cdn.precompress,
            )
            for (const s of planned) siblings.set(s.key, s)
            const made = await compressSiblings(
              planned,
              new Map(files.map((f) => [f.key, f])),
              view
                ? reusable(
                    view,
                    // An atomic build copies a sibling only with the headers it would be sent with.
                    config.atomic.enabled
                      ? (sibling) => ({
                          ...rules(sibling.source).headers,
                          contentEncoding: sibling.encoding,
                        })
                      : undefined,
                  )
                : undefined,
            )
            cleanUp = made.cleanUp
            log.info(
              `Precompressed siblings: ${planned.length} of ${new Set(planned.map((s) => s.source)).size} file(s) (${planned.filter((s) => s.own).length} the build's own, ${made.reused} as the bucket holds them, the rest made now).`,
            )
            return [...files, ...made.files]
          },
        )
      : hashed
  local.then(
    (files) => {
      const bytes = files.reduce((sum, f) => sum + f.size, 0)
      log.debug(
        `Hashed ${files.length} files (${bytes} bytes; ${hasher.hashedHere} of them on the main thread; ${hasher.matchedState} as the deploy state has them, by SHA-256, so their MD5 was not computed); the scan and the hashing took ${Date.now() - deps.started} ms.`,
      )
    },
    () => hasher.stop(),
  )
  return { local, siblings, cleanUp: () => cleanUp() }
}

/**
 * The selection's files as the hasher finishes each (the site's rule files left out, as above). The
 * keys are all of the build's but the siblings: a sibling's object is counted as a delete, which can
 * only hold early uploads back, never let one through.
 */
export function earlyFiles(selection: Selection, hasher: Hasher): EarlyFiles {
  // By the index the hasher knows each file by (as withHashes reads it).
  const byId = new Map<number, Selection['found'][number]>()
  selection.found.forEach((f, i) => {
    if (!SITE_FILES.includes(f.key)) byId.set(f.hashId ?? i, f)
  })
  return {
    keys: new Set([...byId.values()].map((f) => f.key)),
    each: (listener) =>
      hasher.onHashed((id, hash) => {
        const f = byId.get(id)
        if (f) listener({ key: f.key, path: f.path, ...hash })
      }),
  }
}
/**
 * A sibling the bucket holds, made from this very source by an earlier run (the state records the
 * source's MD5), and still as the state describes it: reused without compressing again.
 */
function reusable(
  view: RemoteView,
  headersOf?: (sibling: Sibling) => Headers,
): (sibling: Sibling, source: LocalFile) => LocalFile | undefined {
  const listed = new Map(view.remote.map((o) => [o.key, o]))
  return (sibling, source) => {
    const entry = view.state.entries.get(sibling.key)
    const object = listed.get(sibling.key)
    if (!entry || entry.source !== source.md5 || !object) return undefined
    if (object.etag !== entry.etag || object.size !== entry.size) return undefined
    if (!describedBy(object, view.state)) return undefined
    if (headersOf && !sameHeaders(entryHeaders(entry), headersOf(sibling))) return undefined
    // Never read: the plan finds it unchanged (or changes its headers in place).
    return {
      key: sibling.key,
      path: '',
      size: entry.size,
      md5: entry.md5,
      mtimeMs: source.mtimeMs,
      source: source.md5,
    }
  }
}

/** A sibling's headers: its file's, with its Content-Encoding; a sibling of HTML goes up with the metadata. */
export function siblingRules(
  rules: (key: string) => KeyRules,
  siblings: ReadonlyMap<string, Sibling>,
): (key: string) => KeyRules {
  return (key) => {
    const sibling = siblings.get(key)
    if (!sibling) return rules(key)
    const of = rules(sibling.source)
    return {
      ...of,
      unknownType: false,
      headers: { ...of.headers, contentEncoding: sibling.encoding },
    }
  }
}

/**
 * Tells the hasher, once (later calls do nothing), what the deploy state says each file held (its size, SHA-256 and MD5), by the
 * index the hasher knows the file by; no state, or an entry without a SHA-256, expects nothing.
 */
export function expectations(
  selection: Selection,
  hasher: Hasher,
): (state: RemoteState | undefined) => void {
  let given = false
  return (state) => {
    if (given) return
    given = true
    const entries = state?.entries
    if (!entries || entries.size === 0) return hasher.expect(() => undefined)
    const keys: string[] = []
    selection.found.forEach((f, i) => (keys[f.hashId ?? i] = f.key))
    hasher.expect((index) => {
      const key = keys[index]
      const entry = key === undefined ? undefined : entries.get(key)
      return entry?.sha === undefined
        ? undefined
        : { size: entry.size, sha: entry.sha, md5: entry.md5 }
    })
  }
}

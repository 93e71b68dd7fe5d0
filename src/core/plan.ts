/**
 * The sync plan: from the local files, the remote listing and what is known of the remote objects,
 * decide what to upload, what to update in place, what to delete, and why. Pure.
 *
 * Change detection is by content (MD5), never by time: a CI checkout gives every file a new mtime.
 * The remote MD5 comes from a trusted state entry, a plain (single-part) ETag, or a HEAD of the object's
 * `md5chksum` metadata; when neither the state nor the ETag can tell, the plan asks for a HEAD first.
 */
import type { Filter } from './filter.js'
import { STATE_KEY } from './keys.js'
import type { LocalFile } from './ports.js'
import type { Headers, KeyRules } from './rules.js'
import { entryHeaders, type RemoteState } from './state.js'

/** One object as the listing shows it (key relative to the prefix). */
export interface RemoteObject {
  key: string
  /** Without quotes. */
  etag: string
  size: number
  lastModified: Date
}

/**
 * What an object carries that the action does not manage, which a header update (a CopyObject onto
 * itself with a new Cache-Control) would otherwise reset: set by another tool, kept as it is.
 */
export interface KeptHeaders {
  contentEncoding?: string | undefined
  contentDisposition?: string | undefined
  contentLanguage?: string | undefined
  expires?: Date | undefined
  websiteRedirectLocation?: string | undefined
  /** User metadata other than the action's own checksum. */
  metadata?: Record<string, string> | undefined
  /** Kept when not STANDARD (a copy would otherwise land in STANDARD). */
  storageClass?: string | undefined
  /** SSE-KMS: the key the object is encrypted with (a copy would otherwise take the bucket default). */
  kmsKeyId?: string | undefined
}

/** What a HEAD told about an object. */
export interface Inspected {
  etag: string
  size: number
  /** From the `md5chksum` metadata, or the ETag when it is a plain MD5. */
  md5: string | undefined
  headers: Headers
  /** Undefined when there is nothing the action does not manage. */
  kept?: KeptHeaders | undefined
}

/** What is known of a remote object's content and headers. */
export interface Known {
  md5: string | undefined
  headers: Headers | undefined
}

export type Reason = 'new' | 'content' | 'headers' | 'removed'

export interface UploadAction {
  kind: 'upload'
  key: string
  reason: 'new' | 'content' | 'headers'
  file: LocalFile
  headers: Headers
  metadata: boolean
}

export interface UpdateAction {
  kind: 'update'
  key: string
  reason: 'headers'
  file: LocalFile
  headers: Headers
  previous: Headers
  metadata: boolean
  /** What the copy must carry over (from a HEAD of an object another tool wrote). */
  kept?: KeptHeaders | undefined
}

export interface DeleteAction {
  kind: 'delete'
  key: string
  reason: 'removed'
  size: number
}

export type WriteAction = UploadAction | UpdateAction

export interface Plan {
  /** Phase 1: new and changed files that are not metadata. */
  assets: WriteAction[]
  /** Phase 2: metadata (HTML, manifests, indexes), after every asset is in place. */
  metadata: WriteAction[]
  /** Phase 3: objects under the prefix that left the build. */
  deletes: DeleteAction[]
  /** Files whose object is already right: key, ETag. */
  unchanged: Array<{ file: LocalFile; etag: string; headers: Headers }>
  /** Objects to HEAD before the plan can be final (their content or headers are unknown). */
  inspect: string[]
  /** Files whose type could not be told from the name. */
  unknownTypes: string[]
  /** Remote objects under the prefix that are not part of this deploy and are kept. */
  kept: number
  /** delete-grace: objects that left the build and stay until `after` (new ones get their mark now). */
  marks: Array<{ key: string; after: Date; since: Date; isNew: boolean }>
  /** delete-grace: objects back in the build whose mark is cleared. */
  unmarks: string[]
}

/** CopyObject handles objects up to 5 GiB; larger header changes are re-uploaded. */
export const MAX_COPY_SIZE = 5 * 1024 ** 3

const PLAIN_MD5 = /^[0-9a-f]{32}$/

/** An ETag is the content MD5 only for single-part uploads without SSE-KMS; multipart ones end in `-N`. */
export function isPlainMd5(etag: string): boolean {
  return PLAIN_MD5.test(etag)
}

/**
 * Whether an object's headers (`a`) are the ones wanted (`b`). Content-Encoding counts only where one is
 * wanted (a precompressed sibling): another tool's encoding on a file is kept, not a change.
 */
export function sameHeaders(a: Headers, b: Headers): boolean {
  return (
    a.contentType === b.contentType &&
    a.cacheControl === b.cacheControl &&
    (b.contentEncoding === undefined || a.contentEncoding === b.contentEncoding)
  )
}

/** In an earlier second: listings and Last-Modified headers have a resolution of one second. */
export function before(a: Date, b: Date): boolean {
  return Math.floor(a.getTime() / 1000) < Math.floor(b.getTime() / 1000)
}

/**
 * Whether the object may still be as the state describes it, going by its Last-Modified: written in an
 * earlier second than the state, or in the state's own second by the run that wrote the state (its
 * `recent` keys). Any other object of the state's own second, or a later one, was changed by someone
 * else, or may have been, and is looked at again. (The writing run does not wait for the next second
 * before it writes the state: that wait cost ~0.9 s of every deploy that changed something, measured
 * at 50 ms with the 1% change of the 10,000-file bench site.)
 */
export function describedBy(object: RemoteObject, state: RemoteState): boolean {
  const at = state.writtenAt
  if (at === undefined || before(object.lastModified, at)) return true
  return !before(at, object.lastModified) && state.recent.has(object.key)
}

/**
 * The unchanged keys whose objects share the listing's latest Last-Modified second: the only objects
 * found as they should be that can fall in the second of the state this run writes (it is written after
 * the listing, so in that second or a later one). They join this run's recent keys.
 */
export function inLatestSecond(
  remote: readonly RemoteObject[],
  unchanged: readonly string[],
): string[] {
  let latest = -Infinity
  const seconds = new Map<string, number>()
  for (const o of remote) {
    const second = Math.floor(o.lastModified.getTime() / 1000)
    seconds.set(o.key, second)
    if (second > latest) latest = second
  }
  return unchanged.filter((key) => seconds.get(key) === latest)
}

/** What the state (when it still describes the object) or the ETag tells about one remote object. */
export function knownFromState(object: RemoteObject, state: RemoteState): Known {
  const entry = state.entries.get(object.key)
  const trusted =
    entry !== undefined &&
    entry.etag === object.etag &&
    entry.size === object.size &&
    describedBy(object, state)
  if (trusted) return { md5: entry.md5, headers: entryHeaders(entry) }
  return { md5: isPlainMd5(object.etag) ? object.etag : undefined, headers: undefined }
}

/**
 * Site keys the state describes whose object changed after the state was written, or is gone: a run
 * that was killed before it recorded its changes (or another tool) made them live, so their cached
 * copies may be stale. Cheap: the listing tells.
 */
export function driftedKeys(state: RemoteState, remote: readonly RemoteObject[]): string[] {
  if (state.entries.size === 0) return []
  const listed = new Map(remote.map((o) => [o.key, o]))
  const drifted: string[] = []
  for (const [key, entry] of state.entries) {
    const object = listed.get(key)
    if (
      !object ||
      object.etag !== entry.etag ||
      object.size !== entry.size ||
      !describedBy(object, state)
    )
      drifted.push(key)
  }
  return drifted
}

export interface PlanInput {
  local: readonly LocalFile[]
  remote: readonly RemoteObject[]
  state: RemoteState
  /** HEAD results, by key; they win over the state. */
  inspected: ReadonlyMap<string, Inspected>
  rules: (key: string) => KeyRules
  filter: Filter
  /** Remove objects that left the build. */
  delete: boolean
  /** Keep objects that left the build this long (marked) before deleting them. */
  grace?: { ms: number; now: Date } | undefined
}

/**
 * Folders below the prefix that another deploy owns (they hold a deploy state of their own, like a
 * preview or a versioned release): never deleted by this one, whatever the preview settings say.
 */
export function nestedDeploys(remote: readonly RemoteObject[]): string[] {
  const suffix = `/${STATE_KEY}`
  return remote.filter((o) => o.key.endsWith(suffix)).map((o) => o.key.slice(0, -STATE_KEY.length))
}

/** A plan with nothing to do. */
export function emptyPlan(): Plan {
  return {
    assets: [],
    metadata: [],
    deletes: [],
    unchanged: [],
    inspect: [],
    unknownTypes: [],
    kept: 0,
    marks: [],
    unmarks: [],
  }
}

export function planSync(input: PlanInput): Plan {
  const remoteByKey = new Map(input.remote.map((o) => [o.key, o]))
  const plan = emptyPlan()
  const localKeys = new Set<string>()

  for (const file of input.local) {
    localKeys.add(file.key)
    const rules = input.rules(file.key)
    if (rules.unknownType) plan.unknownTypes.push(file.key)
    const desired = rules.headers
    const phase = rules.metadata ? plan.metadata : plan.assets
    const remote = remoteByKey.get(file.key)
    if (!remote) {
      phase.push({
        kind: 'upload',
        key: file.key,
        reason: 'new',
        file,
        headers: desired,
        metadata: rules.metadata,
      })
      continue
    }
    const seen = input.inspected.get(file.key)
    const known: Known = seen
      ? { md5: seen.md5, headers: seen.headers }
      : knownFromState(remote, input.state)
    const etag = seen ? seen.etag : remote.etag

    if (known.md5 !== undefined && known.md5 !== file.md5) {
      phase.push({
        kind: 'upload',
        key: file.key,
        reason: 'content',
        file,
        headers: desired,
        metadata: rules.metadata,
      })
      continue
    }
    if (known.md5 === undefined || known.headers === undefined) {
      if (!seen) {
        plan.inspect.push(file.key)
        continue
      }
      // A HEAD that could not tell the content (no checksum metadata on a multipart object): send it again.
      phase.push({
        kind: 'upload',
        key: file.key,
        reason: 'content',
        file,
        headers: desired,
        metadata: rules.metadata,
      })
      continue
    }
    if (sameHeaders(known.headers, desired)) {
      plan.unchanged.push({ file, etag, headers: desired })
      continue
    }
    if (file.size > MAX_COPY_SIZE) {
      phase.push({
        kind: 'upload',
        key: file.key,
        reason: 'headers',
        file,
        headers: desired,
        metadata: rules.metadata,
      })
      continue
    }
    phase.push({
      kind: 'update',
      key: file.key,
      reason: 'headers',
      file,
      headers: desired,
      previous: known.headers,
      metadata: rules.metadata,
      ...(seen?.kept ? { kept: seen.kept } : {}),
    })
  }

  planLeaving(input, localKeys, plan)
  return plan
}

/**
 * How many objects a build with these keys would delete (hashes play no part): an upload may start
 * before every file is hashed only once this is known to be within max-deletes.
 */
export function countDeletes(
  input: Omit<PlanInput, 'local' | 'inspected' | 'rules'>,
  keys: ReadonlySet<string>,
): number {
  const plan = emptyPlan()
  planLeaving(input, keys, plan)
  return plan.deletes.length
}

/** Objects the build no longer has: kept, marked (delete-grace) or deleted; those back in it unmarked. */
function planLeaving(
  input: Omit<PlanInput, 'local' | 'inspected' | 'rules'>,
  localKeys: ReadonlySet<string>,
  plan: Plan,
): void {
  const grace = input.grace && input.grace.ms > 0 ? input.grace : undefined
  const marks = input.state.marks
  const nested = nestedDeploys(input.remote)
  for (const object of input.remote) {
    if (localKeys.has(object.key)) {
      if (marks.has(object.key)) plan.unmarks.push(object.key)
      continue
    }
    const verdict = input.filter.verdict(object.key)
    if (verdict === 'reserved') continue
    if (
      !input.delete ||
      verdict !== 'included' ||
      nested.some((root) => object.key.startsWith(root))
    ) {
      plan.kept++
      continue
    }
    if (grace) {
      const since = marks.get(object.key)
      const after = new Date((since ?? grace.now).getTime() + grace.ms)
      if (!since || after.getTime() > grace.now.getTime()) {
        plan.marks.push({ key: object.key, after, since: since ?? grace.now, isNew: !since })
        continue
      }
    }
    plan.deletes.push({ kind: 'delete', key: object.key, reason: 'removed', size: object.size })
  }
}

/** Every write of the plan, in the order it is applied. */
export function planWrites(plan: Plan): WriteAction[] {
  return [...plan.assets, ...plan.metadata]
}

export interface PlanCounts {
  uploaded: number
  updated: number
  deleted: number
  unchanged: number
  bytesUploaded: number
  /** Atomic deploys: files copied inside S3 from the live build (no bytes sent). */
  copied?: number
}

export function countPlan(plan: Plan): PlanCounts {
  const writes = planWrites(plan)
  const uploads = writes.filter((a) => a.kind === 'upload')
  return {
    uploaded: uploads.length,
    updated: writes.length - uploads.length,
    deleted: plan.deletes.length,
    unchanged: plan.unchanged.length,
    bytesUploaded: uploads.reduce((sum, a) => sum + a.file.size, 0),
  }
}

/**
 * Running a sync against a store: compare, plan, check the delete cap, then apply in three phases
 * (assets, metadata, deletes) and record the new state. A failure in a phase stops the phases after it,
 * so the old HTML keeps pointing at files that are still there.
 */
import { PreflightError, errorMessage } from '../core/errors.js'
import type { Filter } from '../core/filter.js'
import { isReservedKey } from '../core/keys.js'
import { Semaphore, settleLimit } from '../core/limit.js'
import {
  countDeletes,
  countPlan,
  driftedKeys,
  inLatestSecond,
  planSync,
  type Inspected,
  type Plan,
  type PlanCounts,
  type WriteAction,
} from '../core/plan.js'
import type { Headers, KeyRules } from '../core/rules.js'
import type { LocalFile, Log, RemoteStore } from '../core/ports.js'
import { shown } from '../core/text.js'
import { readRemote, type RemoteView } from './remote-view.js'
import { stateChunks, sameEntries, type RemoteState, type StateEntry } from '../core/state.js'

export interface SyncOptions {
  delete: boolean
  /** -1 = no cap. */
  maxDeletes: number
  /** Items handed to the store at once (the store's gate holds requests to its own limit). */
  concurrency: number
  dryRun: boolean
  /** delete-grace in milliseconds (0: delete at once), and the time it is measured from. */
  graceMs?: number
  now?: Date
}

export interface Failure {
  key: string
  action: 'upload' | 'update' | 'delete' | 'inspect' | 'state' | 'mark' | 'unmark'
  message: string
}

export type Phase = 'compare' | 'assets' | 'metadata' | 'deletes' | 'done'

export interface SyncResult {
  plan: Plan
  /** What the plan asked for (in a dry run, what would have been done). */
  planned: PlanCounts
  /** What was done: bytes and objects actually written or deleted (all zero in a dry run). */
  done: PlanCounts
  failures: Failure[]
  /** The last phase that ran to completion, or the one that failed. */
  phase: Phase
  /** HEAD requests made because the state could not tell. */
  inspected: number
  stateWritten: boolean
  dryRun: boolean
  /** Keys an earlier run changed without invalidating them (from the state). */
  pendingInvalidation: string[]
  /** Keys this run overwrote (content or headers) or deleted: their cached copies are now wrong. */
  changedApplied: string[]
  /** delete-grace: objects that left the build and are kept until `after`. */
  marked: Array<{ key: string; after: Date }>
  /** What the state remembered of the CDN side (cloudfront/remembered.ts reads it). */
  remembered: unknown
  /**
   * Write the state (when anything in it changed), recording `pending` (the keys still to invalidate)
   * and `cdn` (what this run found on the CDN side; undefined keeps what the state had). Called once,
   * at the end of the run, whatever happened; never throws.
   */
  saveState(pending: readonly string[], cdn?: unknown): Promise<void>
}

/**
 * The build's files as they are hashed, before all of them are: a new asset (a key the bucket does not
 * hold, not metadata) goes up at once instead of waiting for the last hash (on a first deploy of
 * 10,000 files, about a second of hashing the uploads no longer wait for).
 */
export interface EarlyFiles {
  /** Every key the build will have (the walk has ended). */
  keys: ReadonlySet<string>
  /** Calls back with each file once hashed (the ones hashed already, at once). */
  each(listener: (file: LocalFile) => void): void
}

type Settled =
  { ok: true; value: { etag: string; copied?: boolean } } | { ok: false; error: unknown }

/** Per-file lines at info while a phase has at most this many; debug beyond. */
export const VERBOSE_LIMIT = 200

/** How long before the state write a write of this run counts as recent (see saveState). */
const RECENT_MS = 1500

export class SyncFailed extends Error {
  override name = 'SyncFailed'
  constructor(
    message: string,
    readonly result: SyncResult,
  ) {
    super(message)
  }
}

function describe(action: WriteAction): string {
  if (action.kind === 'update')
    return `update  ${shown(action.key)} (headers: ${action.previous.cacheControl} -> ${action.headers.cacheControl}${
      action.previous.contentType !== action.headers.contentType
        ? `; ${action.previous.contentType} -> ${action.headers.contentType}`
        : ''
    })`
  return `upload  ${shown(action.key)} (${action.reason}, ${action.file.size} bytes, ${action.headers.cacheControl})`
}

export async function sync(args: {
  store: RemoteStore
  /** The build's files; may still be being hashed: the listing runs meanwhile. */
  local: readonly LocalFile[] | Promise<readonly LocalFile[]>
  rules: (key: string) => KeyRules
  filter: Filter
  options: SyncOptions
  log: Log
  /** The reads, if the caller started them (readRemote); otherwise sync starts them. */
  reading?: Promise<RemoteView>
  /** Files as they are hashed, for uploads that need not wait for the plan (not in a dry run). */
  early?: EarlyFiles
  /**
   * Told once the plan is made and within max-deletes, with the deploy state read: from then on the
   * deploy goes ahead, and other work that changes something (a distribution to create) may start.
   */
  accepted?: (state: RemoteState) => void
  /** Told the result before the first write, so that a cancelled run can still record it. */
  applying?: (result: SyncResult) => void
  /**
   * Run once the files are up and before anything is deleted (the distribution and the site's routing
   * data: a redirect never points at a page that is not there yet, nor at one already gone).
   */
  beforeDeletes?: () => Promise<void>
}): Promise<SyncResult> {
  const { store, rules, filter, options, log } = args
  let local: readonly LocalFile[] = []
  const zero: PlanCounts = { uploaded: 0, updated: 0, deleted: 0, unchanged: 0, bytesUploaded: 0 }
  /** When (performance.now()) each write of this run was answered. */
  const writeEnded = new Map<string, number>()
  const grace = options.graceMs
    ? { ms: options.graceMs, now: options.now ?? new Date() }
    : undefined
  // Uploads started before the plan (EarlyFiles), by key; the assets phase takes their outcomes.
  const early = new Map<string, Promise<Settled>>()
  const earlySlots = new Semaphore(options.concurrency)
  let earlyStopped = false
  const startEarly = (view: RemoteView, files: EarlyFiles): void => {
    // Only when the deletes the plan will make are within max-deletes: before then nothing is sent.
    const deletes = countDeletes(
      { remote: view.remote, state: view.state, filter, delete: options.delete, grace },
      files.keys,
    )
    if (options.maxDeletes >= 0 && deletes > options.maxDeletes) return
    const held = new Set(view.remote.map((o) => o.key))
    files.each((file) => {
      if (held.has(file.key) || isReservedKey(file.key) || early.has(file.key)) return
      const { metadata, headers } = rules(file.key)
      if (metadata) return
      early.set(
        file.key,
        earlySlots
          .use(1, () =>
            earlyStopped
              ? Promise.reject(new Error('not sent: the comparison failed'))
              : store.upload(file, headers),
          )
          .then(
            (value): Settled => ({ ok: true, value }),
            (error: unknown): Settled => ({ ok: false, error }),
          )
          .finally(() => writeEnded.set(file.key, performance.now())),
      )
    })
  }

  const compare = () =>
    log.group(`Compare with ${store.description}`, async () => {
      // Listing and hashing overlap: neither needs the other until the plan. The state comes first:
      // its keys let the listing fetch all its pages at once.
      const reading = args.reading ?? readRemote(store, log)
      if (args.early && !options.dryRun) {
        const files = args.early
        reading.then(
          (view) => startEarly(view, files),
          () => undefined,
        )
      }
      const [{ remote, state: read }, files] = await Promise.all([reading, args.local])
      const drifted = driftedKeys(read, remote).filter((k) => !read.pending.includes(k))
      if (drifted.length > 0)
        log.info(
          `${drifted.length} object(s) changed or went away after the deploy state was written (a run that was stopped, or another tool): their cached copies are invalidated too.`,
        )
      const state = drifted.length > 0 ? { ...read, pending: [...read.pending, ...drifted] } : read
      local = files
      const inspected = new Map<string, Inspected>()
      const input = {
        local,
        remote,
        state,
        inspected,
        rules,
        filter,
        delete: options.delete,
        grace,
      }
      let plan = planSync(input)
      if (plan.inspect.length > 0) {
        log.info(
          `${plan.inspect.length} objects are not described by the deploy state; reading their headers (HEAD).`,
        )
        const heads = await settleLimit(plan.inspect, options.concurrency, (key) =>
          store.inspect(key),
        )
        for (const head of heads) {
          if (!head.ok) throw head.error
          if (head.value) inspected.set(head.item, head.value)
        }
        // An object that vanished between LIST and HEAD is new again.
        const gone = new Set(heads.filter((h) => h.ok && !h.value).map((h) => h.item))
        plan = planSync({ ...input, remote: remote.filter((o) => !gone.has(o.key)) })
      }
      const objects = remote.filter((o) => !isReservedKey(o.key)).length
      log.info(`${objects} objects under ${store.description}; ${local.length} files in the build.`)
      const carried = inLatestSecond(
        remote,
        plan.unchanged.map((u) => u.file.key),
      )
      return { plan, state, inspected, carried }
    })
  let compared: Awaited<ReturnType<typeof compare>>
  try {
    compared = await compare()
  } catch (error) {
    // Uploads started early stop: those not sent yet are not, and those on the way are waited for.
    earlyStopped = true
    await Promise.all(early.values())
    throw error
  }
  const { plan, state, inspected, carried } = compared

  const planned = countPlan(plan)
  if (plan.unknownTypes.length > 0)
    log.warning(
      `No content type is known for ${plan.unknownTypes.length} file(s), sent as application/octet-stream: ${plan.unknownTypes
        .slice(0, 10)
        .join(
          ', ',
        )}${plan.unknownTypes.length > 10 ? ', ...' : ''}. Add a content-type rule to set one.`,
    )

  if (options.maxDeletes >= 0 && plan.deletes.length > options.maxDeletes) {
    throw new PreflightError(
      `The deploy would delete ${plan.deletes.length} objects under ${store.description}, more than max-deletes ` +
        `(${options.maxDeletes}). Nothing was changed. If this is intended, set max-deletes to ${plan.deletes.length} ` +
        `or more (or -1 for no cap); if not, check source, include and exclude. First of them: ${plan.deletes
          .slice(0, 5)
          .map((d) => d.key)
          .join(', ')}`,
    )
  }
  args.accepted?.(state)

  const result: SyncResult = {
    plan,
    planned,
    done: { ...zero },
    failures: [],
    phase: 'compare',
    inspected: inspected.size,
    stateWritten: false,
    dryRun: options.dryRun,
    pendingInvalidation: state.pending,
    changedApplied: [],
    marked: [],
    remembered: state.cdn,
    saveState: async (pending, cdnFound) => {
      const cdn = cdnFound ?? state.cdn
      const samePending =
        [...new Set(pending)].sort().join('\n') === [...state.pending].sort().join('\n')
      const sameMarks =
        marks.size === state.marks.size &&
        [...marks].every(([k, t]) => state.marks.get(k)?.getTime() === t.getTime())
      const changed =
        !sameEntries(entries, state.entries) ||
        inspected.size > 0 ||
        !samePending ||
        !sameMarks ||
        JSON.stringify(cdn ?? null) !== JSON.stringify(state.cdn ?? null)
      if (!changed || options.dryRun) return
      // A write of this run shares the state's Last-Modified second only if its answer came less than a
      // second before the state was sent (the server's clock moved on at least as much as ours did; half
      // a second more for margin). Those keys, and the unchanged ones of the listing's latest second, are
      // named in the state (plan.ts describedBy).
      const since = performance.now() - RECENT_MS
      const recent = [...writeEnded].filter(([, at]) => at >= since).map(([key]) => key)
      for (const key of carried) recent.push(key)
      try {
        await store.writeState(stateChunks(entries, { pending, marks, cdn, recent }))
        result.stateWritten = true
      } catch (error) {
        log.warning(`${errorMessage(error)}. The next run compares objects by HEAD instead.`)
      }
    },
  }
  const entries = new Map<string, StateEntry>()
  // Marks carried over until this run's phase 3 decides (objects not reached keep theirs).
  const marks = new Map<string, Date>(
    plan.marks.filter((m) => !m.isNew).map((m) => [m.key, m.since]),
  )
  const record = (file: LocalFile, etag: string, headers: Headers) =>
    entries.set(file.key, {
      etag,
      md5: file.md5,
      ...(file.sha !== undefined ? { sha: file.sha } : {}),
      size: file.size,
      ...headers,
      ...(file.source ? { source: file.source } : {}),
    })
  for (const u of plan.unchanged) record(u.file, u.etag, u.headers)
  result.done.unchanged = plan.unchanged.length
  args.applying?.(result)

  const applyWrites = async (
    phase: 'assets' | 'metadata',
    actions: WriteAction[],
  ): Promise<boolean> => {
    result.phase = phase
    if (actions.length === 0) return true
    const title =
      phase === 'assets'
        ? 'Upload new and changed files'
        : 'Upload metadata (HTML, manifests, indexes)'
    return log.group(`${title}: ${actions.length}`, async () => {
      const verbose = actions.length <= VERBOSE_LIMIT
      const outcomes = await settleLimit(actions, options.concurrency, async (action) => {
        if (verbose) log.info(describe(action))
        else if (log.debugging) log.debug(describe(action))
        const started = action.kind === 'upload' ? early.get(action.key) : undefined
        if (started) {
          const outcome = await started
          if (outcome.ok) return outcome.value
          throw outcome.error
        }
        try {
          return await (action.kind === 'upload'
            ? store.upload(action.file, action.headers)
            : store.updateHeaders(action.file, action.headers, action.kept))
        } finally {
          writeEnded.set(action.key, performance.now())
        }
      })
      for (const outcome of outcomes) {
        const action = outcome.item
        if (outcome.ok) {
          record(action.file, outcome.value.etag, action.headers)
          if (action.reason !== 'new') result.changedApplied.push(action.key)
          // A copy inside S3 (an atomic build's unchanged file) sends no bytes: it is counted apart.
          const counts = options.dryRun ? result.planned : result.done
          if ('copied' in outcome.value && outcome.value.copied) {
            counts.copied = (counts.copied ?? 0) + 1
            if (options.dryRun) {
              counts.uploaded--
              counts.bytesUploaded -= action.file.size
            }
            continue
          }
          if (options.dryRun) continue
          if (action.kind === 'upload') {
            result.done.uploaded++
            result.done.bytesUploaded += action.file.size
          } else result.done.updated++
        } else {
          result.failures.push({
            key: action.key,
            action: action.kind,
            message: errorMessage(outcome.error),
          })
        }
      }
      if (!verbose) log.info(`${outcomes.filter((o) => o.ok).length} of ${actions.length} done.`)
      return outcomes.every((o) => o.ok)
    })
  }

  if (!(await applyWrites('assets', plan.assets))) return result
  if (!(await applyWrites('metadata', plan.metadata))) return result
  await args.beforeDeletes?.()
  result.phase = 'deletes'
  if (plan.deletes.length > 0) {
    await log.group(`Delete objects that left the build: ${plan.deletes.length}`, async () => {
      const verbose = plan.deletes.length <= VERBOSE_LIMIT
      if (verbose || log.debugging)
        for (const d of plan.deletes)
          (verbose ? log.info : log.debug)(`delete  ${shown(d.key)} (removed)`)
      const outcome = await store.deleteMany(plan.deletes.map((d) => d.key))
      if (!options.dryRun) result.done.deleted = outcome.deleted.length
      result.changedApplied.push(...outcome.deleted)
      for (const f of outcome.failed)
        result.failures.push({ key: f.key, action: 'delete', message: f.message })
    })
  }
  if (plan.marks.length > 0 || plan.unmarks.length > 0) await applyMarks()
  if (result.failures.length === 0) result.phase = 'done'
  return result

  async function applyMarks(): Promise<void> {
    await log.group(
      `delete-grace: ${plan.marks.length} kept after leaving the build, ${plan.unmarks.length} back in it`,
      async () => {
        const graceMs = options.graceMs ?? 0
        const marked = await settleLimit(plan.marks, options.concurrency, async (m) =>
          m.isNew ? store.markRemoved(m.key, m.since) : m.since,
        )
        for (const outcome of marked) {
          const m = outcome.item
          if (!outcome.ok) {
            result.failures.push({
              key: m.key,
              action: 'mark',
              message: errorMessage(outcome.error),
            })
            continue
          }
          const after = new Date(outcome.value.getTime() + graceMs)
          marks.set(m.key, outcome.value)
          result.marked.push({ key: m.key, after })
          log.info(
            `keep    ${shown(m.key)} (left the build${m.isNew ? ' now' : ` ${outcome.value.toISOString()}`}; deleted after ${after.toISOString()})`,
          )
        }
        const unmarked = await settleLimit(plan.unmarks, options.concurrency, (key) =>
          store.unmark(key),
        )
        for (const outcome of unmarked) {
          if (outcome.ok) {
            marks.delete(outcome.item)
            log.info(`unmark  ${shown(outcome.item)} (back in the build)`)
          } else
            result.failures.push({
              key: outcome.item,
              action: 'unmark',
              message: errorMessage(outcome.error),
            })
        }
      },
    )
  }
}

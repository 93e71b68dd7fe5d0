/**
 * What the bucket holds under the prefix, read before a sync plans: the deploy state (decoded, an
 * unreadable one reported) and the listing, whose ranges the state's keys give.
 */
import { isAccessDenied } from '../core/errors.js'
import { STATE_KEY } from '../core/keys.js'
import type { RemoteObject } from '../core/plan.js'
import type { Log, RemoteStore, StateObject } from '../core/ports.js'
import { decodeState, emptyState, type RemoteState } from '../core/state.js'

/** The state object read and decoded; an unreadable one is reported and counts as none. */
function decodeRead(object: StateObject | undefined, store: RemoteStore, log: Log): RemoteState {
  if (!object) return emptyState()
  const decoded = decodeState(object.body, object.lastModified)
  if ('problem' in decoded) {
    log.warning(
      `The deploy state (${STATE_KEY} under ${store.description}) is unreadable (${decoded.problem}); objects are compared by HEAD instead, and the state is rewritten.`,
    )
    return emptyState()
  }
  return decoded.state
}

/** What the bucket holds: the deploy state and the listing (whose ranges the state's keys give). */
export interface RemoteView {
  state: RemoteState
  remote: RemoteObject[]
}

/**
 * Read the deploy state, then list the bucket. Started by the caller as soon as the build has been
 * checked, so the reads overlap what comes before the plan (loading the rules, hashing). `onState` is
 * given the state as soon as it is read (the hashing takes what it expects), before the listing.
 */
export async function readRemote(
  store: RemoteStore,
  log: Log,
  onState?: (state: RemoteState) => void,
): Promise<RemoteView> {
  let object: StateObject | undefined
  try {
    object = await store.readState()
  } catch (error) {
    // Without an unconditional s3:ListBucket, S3 answers a GET of a missing key with 403, not 404 (as
    // the README's policy, which allows listing only under the prefix, leaves it): the listing tells.
    if (!isAccessDenied(error)) throw error
    const remote = await store.list()
    if (remote.some((o) => o.key === STATE_KEY)) throw error
    log.debug(
      `No deploy state under ${store.description} (its GET was denied; the listing has none).`,
    )
    onState?.(emptyState())
    return { state: emptyState(), remote }
  }
  const state = decodeRead(object, store, log)
  onState?.(state)
  return { state, remote: await store.list([...state.entries.keys()]) }
}

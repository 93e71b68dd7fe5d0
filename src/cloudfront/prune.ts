/**
 * Clean-up after a run that switched a distribution to new CloudFront Functions or a new key group: the
 * action names those by a hash of their content and never edits them, so every rotation leaves the old
 * ones behind, toward the account's quotas (functions, key groups, public keys).
 *
 * Only what the action created goes (its names and its comments, both), only when nothing uses it, and
 * never the previous generation (what the distribution used before this run) nor anything changed in the
 * last hour (a concurrent deploy may have created it and not yet associated it). CloudFront itself refuses
 * to delete what is in use; every failure here is a warning: the deploy has already succeeded.
 */
import { AwsCallError, errorMessage, errorName, isUnsupported } from '../core/errors.js'
import type { Log } from '../core/ports.js'
import type { CloudFrontApi } from './client.js'
import { OWN_COMMENT, type OwnedCandidate } from './owned.js'
import { isOwnKeyName } from './signing.js'
import { FUNCTION_COMMENT_PREFIX, isOwnFunctionName } from './viewer-request.js'

/** Younger than this, a resource may belong to a deploy running now: it is left for a later clean-up. */
export const PRUNE_MIN_AGE_MS = 60 * 60 * 1000

export interface PruneArgs {
  api: Pick<CloudFrontApi, 'listViews' | 'functions' | 'keys'>
  log: Log
  /** What the distribution used before this run changed it (function ARNs, key group ids): kept. */
  previous: { functionArns: readonly string[]; keyGroupIds: readonly string[] }
  now: number
}

export interface PruneResult {
  deleted: string[]
  warnings: string[]
}

/** The function name in a function ARN (`arn:aws:cloudfront::123:function/NAME`). */
export function functionNameOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1)
}

/** Old enough to be nobody's work in progress; a resource without a date is kept. */
function settled(candidate: OwnedCandidate, now: number): boolean {
  return candidate.changed !== undefined && now - candidate.changed >= PRUNE_MIN_AGE_MS
}

/**
 * Which of the action's resources go, given what every distribution uses. Pure, so the rules are tested
 * without a fake CloudFront.
 */
export function pruneCandidates(input: {
  now: number
  functions: readonly OwnedCandidate[]
  keyGroups: ReadonlyArray<OwnedCandidate & { publicKeyIds: readonly string[] }>
  publicKeys: readonly OwnedCandidate[]
  usedFunctionNames: ReadonlySet<string>
  usedKeyGroupIds: ReadonlySet<string>
}): {
  functions: OwnedCandidate[]
  keyGroups: Array<OwnedCandidate & { publicKeyIds: readonly string[] }>
  publicKeys: OwnedCandidate[]
} {
  const functions = input.functions.filter(
    (f) =>
      isOwnFunctionName(f.name) &&
      f.comment.startsWith(FUNCTION_COMMENT_PREFIX) &&
      !input.usedFunctionNames.has(f.name) &&
      settled(f, input.now),
  )
  const keyGroups = input.keyGroups.filter(
    (g) =>
      isOwnKeyName(g.name) &&
      g.comment === OWN_COMMENT &&
      !input.usedKeyGroupIds.has(g.id) &&
      settled(g, input.now),
  )
  const going = new Set(keyGroups.map((g) => g.id))
  // A key in any group that stays (anyone's) is in use.
  const inGroups = new Set(
    input.keyGroups.filter((g) => !going.has(g.id)).flatMap((g) => g.publicKeyIds),
  )
  const publicKeys = input.publicKeys.filter(
    (k) =>
      isOwnKeyName(k.name) &&
      k.comment === OWN_COMMENT &&
      !inGroups.has(k.id) &&
      settled(k, input.now),
  )
  return { functions, keyGroups, publicKeys }
}

const GONE = new Set(['NoSuchFunctionExists', 'NoSuchResource', 'NoSuchPublicKey'])

/** Read a list for the clean-up; undefined (and why, as a warning) when it cannot be read. */
async function listed<T>(
  what: string,
  read: () => Promise<T[]>,
  result: PruneResult,
  log: Log,
): Promise<T[] | undefined> {
  try {
    return await read()
  } catch (error) {
    // An endpoint without functions or key groups (an emulator) has nothing to clean up.
    if (isUnsupported(error instanceof AwsCallError ? error.cause : error)) return undefined
    const message = `Unused ${what} were not cleaned up: ${errorMessage(error)}`
    result.warnings.push(message)
    log.warning(message)
    return undefined
  }
}

export async function pruneUnused(args: PruneArgs): Promise<PruneResult> {
  const { api, log } = args
  const result: PruneResult = { deleted: [], warnings: [] }
  const views = await listed(
    'CloudFront Functions and key groups',
    () => api.listViews(),
    result,
    log,
  )
  if (!views) return result
  const usedFunctionNames = new Set(
    [...views.flatMap((v) => v.functionArns), ...args.previous.functionArns].map(functionNameOf),
  )
  const usedKeyGroupIds = new Set([
    ...views.flatMap((v) => v.keyGroupIds),
    ...args.previous.keyGroupIds,
  ])
  const functions =
    (await listed('CloudFront Functions', () => api.functions.list(), result, log)) ?? []
  const keyGroups = await listed('key groups', () => api.keys.listKeyGroups(), result, log)
  // Without the key groups, no public key can be known to be unused.
  const publicKeys = keyGroups
    ? ((await listed('public keys', () => api.keys.listPublicKeys(), result, log)) ?? [])
    : []
  const going = pruneCandidates({
    now: args.now,
    functions,
    keyGroups: keyGroups ?? [],
    publicKeys,
    usedFunctionNames,
    usedKeyGroupIds,
  })
  /** Delete; true when it is gone (deleted now or already). */
  const remove = async (what: string, id: string, work: () => Promise<void>) => {
    try {
      await work()
      result.deleted.push(`${what} ${id}`)
      log.info(`Deleted the unused ${what} ${id} (created by cdn-publish).`)
      return true
    } catch (error) {
      const cause = error instanceof AwsCallError ? error.cause : error
      const code = errorName(cause)
      if (code && GONE.has(code)) return true
      // An emulator without this delete: nothing to tidy there.
      if (isUnsupported(cause)) return false
      // InUse (used after all), PreconditionFailed (changed meanwhile), AccessDenied, or anything else:
      // the deploy has succeeded, this only tidies up.
      const message = `${errorMessage(error)} The unused ${what} ${id} stays; the deploy is not affected.`
      result.warnings.push(message)
      log.warning(message)
      return false
    }
  }
  for (const f of going.functions)
    await remove('CloudFront Function', f.name, () => api.functions.delete(f.name))
  // The keys of a group that could not be deleted are still in it.
  const stillGrouped = new Set<string>()
  for (const g of going.keyGroups)
    if (!(await remove('key group', `${g.id} (${g.name})`, () => api.keys.deleteKeyGroup(g.id))))
      for (const id of g.publicKeyIds) stillGrouped.add(id)
  for (const k of going.publicKeys)
    if (!stillGrouped.has(k.id))
      await remove('public key', `${k.id} (${k.name})`, () => api.keys.deletePublicKey(k.id))
  return result
}

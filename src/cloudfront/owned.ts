/**
 * How a clean-up sees the resources the action may have created (functions, key groups, public keys):
 * ./functions.ts and ./keys.ts list them in this shape, ./prune.ts decides which go.
 */

/** The comment of the public keys and key groups the action registers (how a clean-up knows them). */
export const OWN_COMMENT = 'cdn-publish'

/** A resource that may be the action's, as a clean-up looks at it. */
export interface OwnedCandidate {
  /** Function name, key group or public key id. */
  id: string
  name: string
  comment: string
  /** Last change (or creation), ms since the epoch, when the endpoint says. */
  changed: number | undefined
  arn?: string | undefined
}

/** The latest of the dates the endpoint gave, in ms since the epoch; undefined when it gave none. */
export function latest(...dates: Array<Date | undefined>): number | undefined {
  const times = dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime())
  return times.length > 0 ? Math.max(...times) : undefined
}

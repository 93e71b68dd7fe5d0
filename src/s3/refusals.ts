/**
 * Attempts S3 throttled or that timed out, per client: adaptive concurrency (requests.ts) listens; the
 * SDK's attempts (client.ts's middleware) and the PUT transport's report them.
 */
import type { S3Client } from '@aws-sdk/client-s3'

/** Told of each attempt S3 throttled or that timed out, with when it was sent (performance.now()). */
export type RefusalListener = (sentAt: number, kind: 'throttled' | 'timeouts') => void

const listeners = new WeakMap<S3Client, Set<RefusalListener>>()

/** Listen to a client's throttled and timed-out attempts (each retry is one). */
export function onRefusedAttempt(client: S3Client, listener: RefusalListener): void {
  let set = listeners.get(client)
  if (!set) listeners.set(client, (set = new Set()))
  set.add(listener)
}

export function reportRefusal(
  client: S3Client,
  sentAt: number,
  kind: 'throttled' | 'timeouts',
): void {
  for (const listener of listeners.get(client) ?? []) listener(sentAt, kind)
}

import type { Env } from '../action/readers.js'

/** Now, or for tests the time in CDN_PUBLISH_NOW (an ISO date), which delete-grace measures from. */
export function clock(env: Env): Date {
  return new Date(clockMs(env)())
}

/** The clock as a function (it moves from CDN_PUBLISH_NOW on when that is set, for tests). */
export function clockMs(env: Env): () => number {
  const fixed = env.CDN_PUBLISH_NOW ? new Date(env.CDN_PUBLISH_NOW).getTime() : NaN
  const offset = Number.isNaN(fixed) ? 0 : fixed - Date.now()
  return () => Date.now() + offset
}

/** Durations as inputs write them (`7d`, `12h`, `90m`): one grammar for delete-grace and preview-max-age. Pure. */

export const UNITS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
}

/** The longest duration an input takes: a year (and a day, for leap years). */
export const MAX_DURATION_MS = 366 * UNITS.d!

/** What a duration input accepts, for its error message. */
export const DURATION_ACCEPTED =
  'expected a duration such as 7d, 12h or 30m (s, m, h, d, w), at most a year, or 0 for none'

/**
 * A duration in milliseconds: a whole number and one unit (s, m, h, d, w), at most a year; '' and '0'
 * are 0 (none). undefined when the text is not one.
 */
export function parseDurationText(raw: string): number | undefined {
  const text = raw.trim()
  if (text === '' || text === '0') return 0
  const m = /^(\d+)\s*([smhdw])$/.exec(text)
  const ms = m ? Number(m[1]) * UNITS[m[2]!]! : NaN
  return Number.isSafeInteger(ms) && ms <= MAX_DURATION_MS ? ms : undefined
}

/** A duration as the largest unit that divides it (`14d`, `36h`), for messages. */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm'] as const)
    if (ms >= UNITS[unit]! && ms % UNITS[unit]! === 0) return `${ms / UNITS[unit]!}${unit}`
  return `${Math.round(ms / 1000)}s`
}

/**
 * Adaptive concurrency (concurrency: auto): how many requests may be in flight, chosen from what the
 * requests themselves report. Pure: the S3 adapter (s3/requests.ts) feeds it each request's latency and
 * each throttled or timed-out attempt, with the time; it answers the limit.
 *
 * The rule, AIMD with a slow start:
 * - Growth is judged once per window (as many answers as the limit, WINDOW_MS at least), and only when the window was
 *   saturated (requests were waiting for a slot): a limit the work never reaches says nothing.
 * - Slow start doubles the limit while the median latency holds (at most LATENCY_RISE over the lowest
 *   window median seen) and each step raised throughput by at least GROWTH_PAYS of what it promised.
 *   Below that, slow start ends and growth goes on additively; a step that gained next to nothing is
 *   taken back, and the next probe waits COOLDOWN_WINDOWS (a busy spell may have hidden a gain).
 * - After a back-off, growth is additive: an eighth more per window.
 * - A throttled answer (503 SlowDown, 429, a throttling error) or an attempt that timed out multiplies
 *   the limit by BACK_OFF, at most once per window: only an attempt sent after the last back-off can
 *   cause another, so a burst of 503s from one wave cuts nothing twice. Throttling alone stops at a
 *   half of the highest limit reached (the SDK's retries absorb a steady share of 503s).
 * - The ceiling is the lower of the given one (256) and what S3's request rate per prefix allows at
 *   the measured latency (3,500 PUTs per second x latency), but never below the start.
 */

/** `concurrency`: a fixed number of requests in flight, or adaptive. */
export type Concurrency = number | 'auto'
/** Where adaptive concurrency starts (the fixed default before it) and how high it may go. */
export const AUTO_START = 32
export const AUTO_CEILING = 256

/** The concurrency a deploy ran at, for the summary. */
export interface ConcurrencyReport {
  mode: 'auto' | 'fixed'
  /** The limit at the end. */
  settled: number
  peak: number
  /** Why (adaptive only). */
  why?: string
  /** Each change of the limit, ms from the first request (adaptive only; for the debug log). */
  changes?: readonly Change[]
}

/** How many requests a caller hands the store at once: the gate holds them to the limit. */
export function dispatchLimit(concurrency: Concurrency): number {
  return concurrency === 'auto' ? AUTO_CEILING : concurrency
}

/** S3's documented request rate per partitioned prefix: 3,500 PUT/COPY/POST/DELETE per second. */
export const S3_WRITES_PER_SECOND = 3500
/** Latency "holds" while a window's median is at most this times the lowest median seen. */
export const LATENCY_RISE = 1.5
/**
 * A growth pays when the window after it gains at least this share of what the step promised (a
 * doubling: 50% more answers per second). Below GROWTH_PAYS_LITTLE it is taken back.
 */
export const GROWTH_PAYS = 0.5
export const GROWTH_PAYS_LITTLE = 0.1
/** The shortest window over which throughput and latency are judged. */
export const WINDOW_MS = 250
/** Windows (of WINDOW_MS at least) to hold after a step that did not pay, before the next probe. */
export const COOLDOWN_WINDOWS = 8
/** The multiplicative decrease on a throttled or timed-out attempt. */
export const BACK_OFF = 0.7

export interface AdaptiveOptions {
  /** Where the limit starts (today's fixed default, 32). */
  start: number
  /** The highest limit it may reach (256). */
  ceiling: number
  /** The lowest it may fall to. */
  floor?: number
}

/** Why the limit is what it is, for the summary. */
export type Reason =
  | 'start'
  | 'grew'
  | 'ceiling'
  | 'rate-ceiling'
  | 'throughput-flat'
  | 'latency-rose'
  | 'throttled'
  | 'timeouts'
  | 'demand'

export interface Change {
  at: number
  from: number
  to: number
  reason: Reason
}

interface Window {
  started: number
  answers: number
  latencies: number[]
  saturated: boolean
}

export class AdaptiveConcurrency {
  limit: number
  /** The highest limit reached. */
  peak: number
  reason: Reason = 'start'
  readonly changes: Change[] = []
  /** Counts of what it backed off for. */
  throttled = 0
  timeouts = 0
  private readonly start: number
  private readonly floor: number
  private readonly ceiling: number
  private slowStart = true
  /** Windows to wait after a step that did not pay before probing again. */
  private cooldown = 0
  /** The lowest window median latency (ms). */
  private baseline = Number.POSITIVE_INFINITY
  private window: Window | undefined
  /** The last growth, judged when the window after it closes. */
  private pending: { from: number; throughput: number; skip: boolean } | undefined
  private lastBackOff = Number.NEGATIVE_INFINITY
  private lastClose: number | undefined

  constructor(options: AdaptiveOptions) {
    this.start = options.start
    this.floor = Math.max(1, Math.min(options.floor ?? 4, options.start))
    this.ceiling = Math.max(options.start, options.ceiling)
    this.limit = options.start
    this.peak = options.start
  }

  /** The ceiling at the measured latency: S3's rate per prefix x latency, within [start, ceiling]. */
  get effectiveCeiling(): number {
    if (!Number.isFinite(this.baseline)) return this.ceiling
    const byRate = Math.ceil((S3_WRITES_PER_SECOND * this.baseline) / 1000)
    return Math.min(this.ceiling, Math.max(this.start, byRate))
  }

  /**
   * A request answered (after the SDK's retries): its latency from the slot's grant, and whether
   * requests were waiting for a slot when it ended. Returns the limit.
   */
  answered(at: number, latencyMs: number, waiting: boolean): number {
    // Windows follow one another: the first starts at its first request's grant.
    const w = (this.window ??= {
      started: this.lastClose ?? at - latencyMs,
      answers: 0,
      latencies: [],
      saturated: false,
    })
    w.answers++
    w.latencies.push(latencyMs)
    if (waiting) w.saturated = true
    // A window is a round of the pool and long enough that GC pauses and a few large files average
    // out: with 100 ms windows at 50 ms, 64 in flight measured no faster than 32; over 250 ms it was
    // 1.4x (10,000 files, bench sink, 50 ms).
    if (w.answers >= this.limit && at - w.started >= WINDOW_MS) this.closeWindow(at, w)
    return this.limit
  }

  /**
   * An attempt S3 throttled (503 SlowDown, 429) or that timed out, sent at `sentAt`. Backs off unless
   * the attempt was sent before the last back-off (the same wave). Returns the limit.
   */
  refused(at: number, sentAt: number, kind: 'throttled' | 'timeouts'): number {
    this[kind]++
    // Once per window at most, and only for an attempt sent after the last back-off (not the same wave).
    if (sentAt < this.lastBackOff || at - this.lastBackOff < WINDOW_MS) return this.limit
    this.lastBackOff = at
    this.slowStart = false
    this.cooldown = 0
    this.pending = undefined
    this.window = undefined
    this.lastClose = at
    // Throttling alone never takes it under half the highest limit reached: the SDK's retries absorb a
    // steady share of 503s (5% of PUTs cost 5% more requests), while backing off on each of them left
    // 4 in flight, and a first deploy of 10,000 files with 5% SlowDown took 174 s at 50 ms (a quarter
    // of the peak, 8 in flight: 91 s; bench/results/2026-12-06-50ms-slowdown.md has the half).
    const floor = kind === 'throttled' ? Math.max(this.floor, Math.ceil(this.peak / 2)) : this.floor
    this.set(at, Math.min(this.limit, Math.max(floor, Math.floor(this.limit * BACK_OFF))), kind)
    return this.limit
  }

  private set(at: number, to: number, reason: Reason): void {
    this.reason = reason
    if (to === this.limit) return
    this.changes.push({ at, from: this.limit, to, reason })
    this.limit = to
    this.peak = Math.max(this.peak, to)
  }

  private closeWindow(at: number, w: Window): void {
    this.window = undefined
    this.lastClose = at
    const seconds = Math.max(at - w.started, 1) / 1000
    const throughput = w.answers / seconds
    const median = medianOf(w.latencies)
    this.baseline = Math.min(this.baseline, median)
    const pending = this.pending
    if (pending?.skip) {
      // The window that ramped up to the new limit: its answers mix both levels. Judge the next one.
      pending.skip = false
      return
    }
    if (pending) {
      this.pending = undefined
      // What the growth was worth: the throughput gained over the gain the step promised.
      const promised = this.limit / pending.from - 1
      const gained = throughput / Math.max(pending.throughput, 1e-9) - 1
      if (gained < promised * GROWTH_PAYS) this.slowStart = false
      if (gained < promised * GROWTH_PAYS_LITTLE) {
        // Next to nothing for the extra requests (the client or the link is the cap): take the step
        // back, and probe again after a pause (a busy spell may have hidden a gain).
        this.cooldown = COOLDOWN_WINDOWS
        this.set(at, pending.from, 'throughput-flat')
        return
      }
    }
    if (this.cooldown > 0) {
      this.cooldown--
      return
    }
    if (median > this.baseline * LATENCY_RISE) {
      if (this.reason === 'grew' || this.reason === 'start') this.reason = 'latency-rose'
      return
    }
    if (!w.saturated) {
      if (this.reason === 'start') this.reason = 'demand'
      return
    }
    const ceiling = this.effectiveCeiling
    const atCeiling = ceiling < this.ceiling ? 'rate-ceiling' : 'ceiling'
    if (this.limit >= ceiling) {
      this.reason = atCeiling
      return
    }
    const grown = this.slowStart
      ? this.limit * 2
      : this.limit + Math.max(1, Math.ceil(this.limit / 8))
    const to = Math.min(ceiling, grown)
    this.pending = { from: this.limit, throughput, skip: true }
    this.set(at, to, to === ceiling ? atCeiling : 'grew')
  }

  /** One line for the summary: where it settled, and why. */
  describe(): string {
    const why: Record<Reason, string> = {
      start: 'too few requests to measure',
      demand: 'the work never filled more slots',
      grew: 'latency held and throughput rose',
      ceiling: `the ceiling (${this.ceiling})`,
      'rate-ceiling': `S3's ${S3_WRITES_PER_SECOND.toLocaleString('en-US')} writes per second per prefix at ${Math.round(this.baseline)} ms latency`,
      'throughput-flat': 'more requests in flight did not raise throughput',
      'latency-rose': `latency rose above ${LATENCY_RISE}x its lowest (${Math.round(this.baseline)} ms)`,
      throttled: 'it backed off',
      timeouts: 'it backed off',
    }
    const refused = [
      this.throttled > 0 ? `S3 throttled ${this.throttled} attempt(s) (503 SlowDown)` : '',
      this.timeouts > 0 ? `${this.timeouts} attempt(s) timed out` : '',
    ].filter(Boolean)
    if (refused.length === 0) return why[this.reason]
    const because =
      this.reason === 'throttled' || this.reason === 'timeouts' ? '' : `; ${why[this.reason]}`
    return `${refused.join(' and ')}, so it backed off${because}`
  }
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

import { describe, expect, it } from 'vitest'
import { AdaptiveConcurrency, BACK_OFF } from '../../src/core/concurrency.js'
import { seeded } from '../helpers/proxy.js'

/**
 * A small discrete-event model of a deploy against a server: `requests` uploads, at most the
 * controller's limit in flight; each attempt's latency and whether it is throttled come from the
 * scenario's server. A throttled attempt is retried (as the SDK does) within its slot after 50 ms.
 */
interface Server {
  /** Latency (ms) of an attempt sent with `inFlight` requests in flight (this one included). */
  latency(inFlight: number, now: number): number
  /** Whether the attempt is answered 503 SlowDown (rate: attempts sent in the last second). */
  throttle?(rate: number, random: () => number): boolean
  /** Whether the attempt times out (answered as a timeout after its latency). */
  timeout?(now: number, random: () => number): boolean
}

interface Outcome {
  limit: number
  peak: number
  reason: string
  ms: number
  backOffs: number
  minAfterPeak: number
  /** The limit's time-weighted mean over the second half of the run: where it settled. */
  settled: number
  describe: string
}

function simulate(
  server: Server,
  requests: number,
  options = { start: 32, ceiling: 256 },
): Outcome {
  const c = new AdaptiveConcurrency(options)
  const random = seeded(7)
  // Events: [time, seq, action]; a binary heap on time.
  const heap: Array<[number, number, () => void]> = []
  let seq = 0
  /** Earlier time first; the same time in the order pushed. */
  const less = (a: number, b: number) =>
    heap[a]![0] < heap[b]![0] || (heap[a]![0] === heap[b]![0] && heap[a]![1] < heap[b]![1])
  const push = (at: number, f: () => void) => {
    heap.push([at, seq++, f])
    let i = heap.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (less(p, i)) break
      ;[heap[p], heap[i]] = [heap[i]!, heap[p]!]
      i = p
    }
  }
  const pop = () => {
    const top = heap[0]!
    const last = heap.pop()!
    if (heap.length > 0) {
      heap[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < heap.length && less(l, m)) m = l
        if (r < heap.length && less(r, m)) m = r
        if (m === i) break
        ;[heap[m], heap[i]] = [heap[i]!, heap[m]!]
        i = m
      }
    }
    return top
  }
  let now = 0
  let inFlight = 0
  let remaining = requests
  const sentTimes: number[] = []
  let backOffs = 0
  let minAfterPeak = Number.POSITIVE_INFINITY
  const attempt = (granted: number) => {
    sentTimes.push(now)
    while (sentTimes.length > 0 && sentTimes[0]! < now - 1000) sentTimes.shift()
    const sentAt = now
    const latency = server.latency(inFlight, now)
    const throttled = server.throttle?.(sentTimes.length, random) ?? false
    const timedOut = !throttled && (server.timeout?.(now, random) ?? false)
    push(now + latency, () => {
      if (throttled || timedOut) {
        const before = c.limit
        c.refused(now, sentAt, throttled ? 'throttled' : 'timeouts')
        if (c.limit < before) backOffs++
        push(now + 50, () => attempt(granted))
        return
      }
      inFlight--
      c.answered(now, now - granted, remaining > 0)
      if (c.peak > c.limit) minAfterPeak = Math.min(minAfterPeak, c.limit)
      fill()
    })
  }
  const fill = () => {
    while (remaining > 0 && inFlight < c.limit) {
      remaining--
      inFlight++
      attempt(now)
    }
  }
  fill()
  while (heap.length > 0) {
    const [at, , f] = pop()
    now = at
    f()
  }
  const half = now / 2
  let limitAt = options.start
  let weighted = 0
  let from = half
  for (const change of c.changes) {
    if (change.at > half) {
      weighted += limitAt * (change.at - from)
      from = change.at
    }
    limitAt = change.to
  }
  weighted += limitAt * (now - from)
  return {
    limit: c.limit,
    peak: c.peak,
    reason: c.reason,
    ms: now,
    backOffs,
    minAfterPeak,
    settled: weighted / (now - half),
    describe: c.describe(),
  }
}

const flat = (ms: number): Server => ({ latency: () => ms })
/** A client that cannot send more than `perSecond` requests: latency grows once in flight passes it. */
const cpuBound = (ms: number, perSecond: number): Server => ({
  latency: (inFlight) => Math.max(ms, (inFlight / perSecond) * 1000),
})

describe('adaptive concurrency: the limit it settles on for a trace', () => {
  it.each<[string, Server, number, (o: Outcome) => void]>([
    [
      '50 ms, a server that keeps up: doubles to S3 rate ceiling (3,500/s x 50 ms = 175)',
      flat(50),
      20_000,
      (o) => {
        expect(o.limit).toBe(175)
        expect(o.reason).toBe('rate-ceiling')
      },
    ],
    [
      '50 ms with jitter (30-70 ms) and a 150 ms pause every second (GC): still grows past 128',
      {
        latency: (_inFlight, now) => {
          const pause = now % 1000 < 150 ? 150 - (now % 1000) : 0
          return 30 + ((now * 7919) % 41) + pause
        },
      },
      20_000,
      (o) => {
        expect(o.limit).toBeGreaterThanOrEqual(128)
      },
    ],
    [
      '80 ms: the ceiling (256) comes before the rate (280)',
      flat(80),
      20_000,
      (o) => {
        expect(o.limit).toBe(256)
        expect(o.reason).toBe('ceiling')
      },
    ],
    [
      '10 ms: S3 rate allows only 35 in flight; it starts at 32 and stops at 35',
      flat(10),
      20_000,
      (o) => {
        expect(o.limit).toBe(35)
        expect(o.reason).toBe('rate-ceiling')
      },
    ],
    [
      '1 ms (loopback): never below the start',
      flat(1),
      5_000,
      (o) => {
        expect(o.limit).toBe(32)
        expect(o.peak).toBe(32)
      },
    ],
    [
      'a client capped at 1,500 requests/s at 50 ms: stops where latency rises, not at the ceiling',
      cpuBound(50, 1500),
      20_000,
      (o) => {
        expect(o.limit).toBeGreaterThanOrEqual(64)
        expect(o.limit).toBeLessThanOrEqual(128)
        expect(['latency-rose', 'throughput-flat']).toContain(o.reason)
      },
    ],
    [
      'a client capped at 1,200 requests/s: the doubling that did not pay (64 to 128) is taken back, and later probes too',
      cpuBound(50, 1200),
      20_000,
      (o) => {
        // It probes again after a pause (64 -> 72), each probe taken back in turn.
        expect(o.peak).toBe(128)
        expect(o.settled).toBeLessThanOrEqual(80)
        expect(o.settled).toBeGreaterThanOrEqual(64)
        expect(o.limit).toBeLessThanOrEqual(72)
      },
    ],
    [
      'too few requests to fill the slots: stays at the start',
      flat(50),
      20,
      (o) => {
        expect(o.limit).toBe(32)
        expect(o.peak).toBe(32)
      },
    ],
    [
      'S3 throttles above 2,000 requests/s (503 SlowDown): backs off and settles under that rate',
      { latency: () => 50, throttle: (rate) => rate > 2000 },
      30_000,
      (o) => {
        expect(o.backOffs).toBeGreaterThan(0)
        // 2,000/s at 50 ms is 100 in flight: it hovers around that (the additive steps probe past it).
        expect(o.settled).toBeLessThanOrEqual(110)
        // The server counts a second back, so it throttles a while after each cut: it goes well under.
        expect(o.settled).toBeGreaterThanOrEqual(20)
        expect(o.describe).toMatch(/throttled \d+ attempt/)
      },
    ],
    [
      '5% of attempts throttled at random: settles below the start, never under the floor',
      { latency: () => 50, throttle: (_rate, random) => random() < 0.05 },
      10_000,
      (o) => {
        expect(o.backOffs).toBeGreaterThan(0)
        expect(o.settled).toBeLessThan(32)
        expect(o.limit).toBeGreaterThanOrEqual(4)
        expect(o.describe).toMatch(/throttled \d+ attempt/)
      },
    ],
    [
      'attempts time out for a while: backs off, then grows again when they stop',
      {
        latency: () => 50,
        timeout: (now, random) => now > 500 && now < 1500 && random() < 0.2,
      },
      40_000,
      (o) => {
        expect(o.backOffs).toBeGreaterThan(0)
        expect(o.limit).toBeGreaterThan(32)
      },
    ],
  ])('%s', (_name, server, requests, check) => {
    check(simulate(server, requests))
  })
})

describe('adaptive concurrency: the rules one step at a time', () => {
  it('backs off once per wave: attempts sent before the last back-off do not back off again', () => {
    const c = new AdaptiveConcurrency({ start: 100, ceiling: 256 })
    expect(c.refused(1000, 950, 'throttled')).toBe(Math.floor(100 * BACK_OFF))
    // Same wave (sent at 960, before the back-off at 1000).
    expect(c.refused(1005, 960, 'throttled')).toBe(70)
    // Sent after it but within the same window (250 ms): still one back-off.
    expect(c.refused(1100, 1010, 'throttled')).toBe(70)
    // A window later: a second back-off, to half the peak at most (70 x 0.7 = 49 -> 50).
    expect(c.refused(1300, 1200, 'throttled')).toBe(50)
    // Throttling alone never goes under half the peak (100 / 2 = 50); timeouts may.
    for (let i = 1; i <= 10; i++) c.refused(1300 + i * 300, 1300 + i * 300 - 10, 'throttled')
    expect(c.limit).toBe(50)
    expect(c.throttled).toBe(14)
    expect(c.reason).toBe('throttled')
    expect(c.describe()).toContain('throttled 14 attempt(s)')
  })

  it('never falls under the floor', () => {
    const c = new AdaptiveConcurrency({ start: 8, ceiling: 256, floor: 4 })
    for (let i = 0; i < 10; i++) c.refused(i * 100 + 50, i * 100 + 10, 'timeouts')
    expect(c.limit).toBe(4)
    expect(c.timeouts).toBe(10)
  })

  it('a window that was not saturated does not grow the limit', () => {
    const c = new AdaptiveConcurrency({ start: 4, ceiling: 256 })
    for (let i = 0; i < 40; i++) c.answered(100 + i * 10, 50, false)
    expect(c.limit).toBe(4)
    expect(c.reason).toBe('demand')
  })

  it('a saturated window with latency held doubles the limit in slow start', () => {
    const c = new AdaptiveConcurrency({ start: 4, ceiling: 256 })
    // A window closes after `limit` answers and WINDOW_MS (250 ms) from its first request's grant.
    for (let i = 0; i < 3; i++) c.answered(100 + i * 100, 50, true)
    expect(c.limit).toBe(4)
    c.answered(400, 50, true)
    expect(c.limit).toBe(8)
    expect(c.changes).toEqual([{ at: 400, from: 4, to: 8, reason: 'grew' }])
  })

  it('the summary line names the reason', () => {
    const c = new AdaptiveConcurrency({ start: 32, ceiling: 256 })
    expect(c.describe()).toBe('too few requests to measure')
  })
})

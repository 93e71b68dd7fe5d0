import { describe, expect, it } from 'vitest'
import { Semaphore, mapLimit, settleLimit } from '../../src/core/limit.js'

interface Deferred<T> {
  promise: Promise<T>
  resolve: (value: T) => void
  reject: (error: unknown) => void
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Let every pending promise callback run (one macrotask turn; no wall-clock wait). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Tasks that finish only when the test says so, counting how many run at once. */
function tracker() {
  let active = 0
  let max = 0
  const started: number[] = []
  const gates = new Map<number, Deferred<void>>()
  const task = async (id: number, weight = 1): Promise<number> => {
    active += weight
    max = Math.max(max, active)
    started.push(id)
    const gate = deferred()
    gates.set(id, gate)
    await gate.promise
    active -= weight
    return id * 10
  }
  return {
    task,
    finish: (id: number) => gates.get(id)!.resolve(),
    get active() {
      return active
    },
    get max() {
      return max
    },
    started,
  }
}

describe('Semaphore', () => {
  it('never lets more than the capacity in', async () => {
    const sem = new Semaphore(3)
    const t = tracker()
    const all = Promise.all(Array.from({ length: 10 }, (_, i) => sem.use(1, () => t.task(i))))
    await settle()
    expect(t.started).toEqual([0, 1, 2])
    // Finish out of order; each release lets exactly one more in.
    for (const id of [1, 0, 2, 4, 3, 5, 6, 9, 7, 8]) {
      t.finish(id)
      await settle()
      expect(t.active).toBeLessThanOrEqual(3)
    }
    expect(await all).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
    expect(t.max).toBe(3)
    expect(t.started).toHaveLength(10)
    expect(t.started.slice(0, 3)).toEqual([0, 1, 2])
  })

  it('counts weights, and serves waiters in order', async () => {
    const sem = new Semaphore(10)
    const order: string[] = []
    const first = await sem.acquire(6)
    const second = sem.acquire(6).then((release) => {
      order.push('second')
      return release
    })
    const small = sem.acquire(1).then((release) => {
      order.push('small')
      return release
    })
    await settle()
    // 4 units are free, but the small request queues behind the larger one (no starvation).
    expect(order).toEqual([])
    first()
    await settle()
    expect(order).toEqual(['second', 'small'])
    ;(await second)()
    ;(await small)()
    // Everything released: the whole capacity is available again.
    const all = await sem.acquire(10)
    all()
  })

  it('lets a weight above the capacity through alone instead of deadlocking', async () => {
    const sem = new Semaphore(4)
    const release = await sem.acquire(100)
    let next = false
    const pending = sem.acquire(1).then((r) => {
      next = true
      return r
    })
    await settle()
    expect(next).toBe(false)
    release()
    await settle()
    expect(next).toBe(true)
    ;(await pending)()
  })

  it('ignores a second release of the same grant', async () => {
    const sem = new Semaphore(1)
    const release = await sem.acquire()
    release()
    release()
    const a = await sem.acquire()
    let b = false
    void sem.acquire().then(() => {
      b = true
    })
    await settle()
    expect(b).toBe(false)
    a()
    await settle()
    expect(b).toBe(true)
  })

  it('releases when the work throws', async () => {
    const sem = new Semaphore(1)
    await expect(sem.use(1, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    let ran = false
    await sem.use(1, async () => {
      ran = true
    })
    expect(ran).toBe(true)
  })
})

describe('mapLimit', () => {
  it.each([1, 2, 4, 16])(
    'keeps at most %d calls in flight and keeps the input order',
    async (limit) => {
      const t = tracker()
      const items = Array.from({ length: 12 }, (_, i) => i)
      const result = mapLimit(items, limit, (i) => t.task(i))
      await settle()
      expect(t.active).toBe(Math.min(limit, items.length))
      // Finish in reverse order of start, as far as started.
      const done = new Set<number>()
      while (done.size < items.length) {
        const running = t.started.filter((id) => !done.has(id))
        const last = running[running.length - 1]!
        done.add(last)
        t.finish(last)
        await settle()
        expect(t.active).toBeLessThanOrEqual(limit)
      }
      expect(await result).toEqual(items.map((i) => i * 10))
      expect(t.max).toBe(Math.min(limit, items.length))
    },
  )

  it('passes the index', async () => {
    expect(await mapLimit(['a', 'b', 'c'], 2, async (item, index) => `${item}${index}`)).toEqual([
      'a0',
      'b1',
      'c2',
    ])
  })

  it('returns [] for no items', async () => {
    let calls = 0
    expect(
      await mapLimit([], 4, async () => {
        calls++
      }),
    ).toEqual([])
    expect(calls).toBe(0)
  })

  it('rejects with the first error', async () => {
    await expect(
      mapLimit([1, 2, 3], 2, async (i) => {
        if (i === 2) throw new Error(`failed ${i}`)
        return i
      }),
    ).rejects.toThrow('failed 2')
  })
})

describe('settleLimit', () => {
  it('captures every outcome, values and errors, in input order', async () => {
    const thrown = new Error('odd')
    const outcomes = await settleLimit([1, 2, 3, 4], 2, async (i) => {
      // A thrown string on purpose: settleLimit must carry any thrown value, not only Errors.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (i % 2 === 1) throw i === 3 ? 'a string' : thrown
      return i * 2
    })
    expect(outcomes).toEqual([
      { item: 1, ok: false, error: thrown },
      { item: 2, ok: true, value: 4 },
      { item: 3, ok: false, error: 'a string' },
      { item: 4, ok: true, value: 8 },
    ])
  })

  it('respects the limit', async () => {
    const t = tracker()
    const result = settleLimit([0, 1, 2, 3, 4], 2, (i) => t.task(i))
    await settle()
    expect(t.started).toEqual([0, 1])
    for (const id of [0, 1, 2, 3, 4]) {
      t.finish(id)
      await settle()
    }
    expect((await result).map((o) => o.ok)).toEqual([true, true, true, true, true])
    expect(t.max).toBe(2)
  })
})

/**
 * Bounded concurrency: a weighted semaphore (requests in flight, bytes in memory) and mapLimit.
 */

export class Semaphore {
  private available: number
  private readonly waiting: Array<{ weight: number; resolve: () => void }> = []

  constructor(private cap: number) {
    this.available = cap
  }

  get capacity(): number {
    return this.cap
  }

  /** Callers waiting for units. */
  get queued(): number {
    return this.waiting.length
  }

  /**
   * Change the capacity. Growing wakes waiters at once; shrinking takes effect as units come back
   * (nothing already granted is taken away).
   */
  resize(capacity: number): void {
    const c = Math.max(1, Math.floor(capacity))
    this.available += c - this.cap
    this.cap = c
    this.drain()
  }

  /** Take `weight` units (at most the capacity), waiting in order until they are free. */
  async acquire(weight = 1): Promise<() => void> {
    const w = Math.min(Math.max(weight, 0), this.cap)
    if (this.waiting.length === 0 && this.available >= w) {
      this.available -= w
    } else {
      await new Promise<void>((resolve) => this.waiting.push({ weight: w, resolve }))
    }
    let released = false
    return () => {
      if (released) return
      released = true
      this.available += w
      this.drain()
    }
  }

  async use<T>(weight: number, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(weight)
    try {
      return await work()
    } finally {
      release()
    }
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.available >= this.waiting[0]!.weight) {
      const next = this.waiting.shift()!
      this.available -= next.weight
      next.resolve()
    }
  }
}

/** Map with at most `limit` calls in flight; results keep the input order. Rejects on the first error. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker))
  return results
}

/** Run every item with at most `limit` in flight; never rejects: returns each outcome. */
export async function settleLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<Array<{ item: T; ok: true; value: R } | { item: T; ok: false; error: unknown }>> {
  return mapLimit(items, limit, async (item) => {
    try {
      return { item, ok: true as const, value: await fn(item) }
    } catch (error) {
      return { item, ok: false as const, error }
    }
  })
}

/**
 * The action's own memory policy. V8 lets the old generation grow to up to four times what survived
 * the last full collection before it collects again; a deploy of 30,000 files keeps ~40 MB alive and
 * turns over far more (request objects that live across a round trip die old), so a run's peak was
 * set by when the collections happened to fall (167-241 MB over runs of the same build). Growing by
 * half of the live size instead bounds the heap to ~1.5x what is alive, for a few more collections
 * (concurrent, on the runner's other core), and measured no more GC time in all (the young
 * collections got cheaper). The process is the action's alone: the runner starts it for this step and
 * nothing else runs in it.
 *
 * Set when the run starts writing, not at start-up: any V8 flag changed at run time makes Node reject
 * its built-in modules' code cache from then on (each later `node:` module and the hash worker's start
 * compile from source: ~+40 ms of a no-op deploy, whose heap is small and never needs the limit).
 */
import v8 from 'node:v8'

/** The old generation's growth after a full collection, in percent of what survived it. */
export const HEAP_GROWING_PERCENT = 50

let limited = false

export function limitHeapGrowth(): void {
  if (limited) return
  limited = true
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
}

/**
 * The interfaces the core and the deploy phases depend on; the adapters (s3/, local/, the runner glue in
 * action/) implement them. Plain types only: nothing here does I/O.
 */
import type { Headers } from './rules.js'
import type { Inspected, KeptHeaders, RemoteObject } from './plan.js'

/** Where the run's lines go: the runner's log through @actions/core, or a test's collector. */
export interface Log {
  // Function-typed members: a log's functions do not use `this`, so they may be passed around.
  info: (message: string) => void
  warning: (message: string) => void
  debug: (message: string) => void
  /** Whether debug lines are shown (step debug logging): per-file lines are only formatted then. */
  readonly debugging: boolean
  group: <T>(name: string, work: () => Promise<T>) => Promise<T>
}

/** A file of the build, as the scan found and hashed it. */
export interface LocalFile {
  /** Site key: relative to the source, `/`-separated, NFC. */
  key: string
  /** Absolute path to read the bytes from. */
  path: string
  size: number
  /** Lower-case hex MD5 of the content. */
  md5: string
  /** The content's SHA-256 (128 bits, base64url), which the state keeps to spare the next run the MD5. */
  sha?: string
  mtimeMs: number
  /** A precompressed sibling: the MD5 of the file it compresses (the state keeps it, to reuse it). */
  source?: string
}

export interface StateObject {
  body: string
  lastModified: Date | undefined
}

export interface DeleteResult {
  deleted: string[]
  failed: Array<{ key: string; message: string }>
}

/** What the planner and the applier need from a bucket. A dry run is the same interface. */
export interface RemoteStore {
  readonly description: string
  /** Every object under the prefix; `known` (the site keys the state lists) only makes it faster. */
  list(known?: readonly string[]): Promise<RemoteObject[]>
  readState(): Promise<StateObject | undefined>
  /** Write the deploy state: its text, in pieces (see state.ts stateChunks). */
  writeState(pieces: Iterable<string>): Promise<void>
  inspect(key: string): Promise<Inspected | undefined>
  /** Send a file; `copied` when it was copied inside the bucket instead (atomic deploys). */
  upload(file: LocalFile, headers: Headers): Promise<{ etag: string; copied?: boolean }>
  /** Set new headers in place (a copy onto itself), carrying over `kept`. */
  updateHeaders(file: LocalFile, headers: Headers, kept?: KeptHeaders): Promise<{ etag: string }>
  deleteMany(keys: readonly string[]): Promise<DeleteResult>
  /**
   * delete-grace: tag an object that left the build with the time it left (`since`), keeping its other
   * tags. An object that carries the tag already keeps its time, which is returned.
   */
  markRemoved(key: string, since: Date): Promise<Date>
  /** delete-grace: take the mark off an object that came back into the build. */
  unmark(key: string): Promise<void>
  /**
   * Site behaviour: copy the not-found page (site key `from`) to `to`, server-side, with these headers
   * and object metadata that tells the viewer-response function to answer 404.
   */
  copyNotFound(from: string, to: string, headers: Headers): Promise<void>
  /** Atomic deploys: copy an object of the bucket (its full key `from`) to `file`'s key, with these headers. */
  copyFrom(from: string, file: LocalFile, headers: Headers): Promise<{ etag: string }>
  /** A small object under the prefix as text (a build's record); undefined when there is none. */
  readText(key: string): Promise<string | undefined>
  /** Write a small JSON object under the prefix (a build's record). */
  writeText(key: string, body: string): Promise<void>
}

/**
 * The bucket as the sync sees it, with the S3 SDK loaded only when something is to be written: reads
 * (the state and the listing) go through the SDK-free reader (./light-read.ts) when there is one, and
 * every other call through the SDK store, loaded on first use, or earlier when the caller expects
 * writes (`prepare`). A failed light read is sent again through the SDK, and from then on every read is.
 */
import { errorMessage } from './errors.js'
import type { LightReader } from './light-read.js'
import type { LocalFile } from './local-files.js'
import type { Inspected, RemoteObject } from './plan.js'
import type { Headers } from './rules.js'
import type { DeleteResult, RemoteStore, StateObject } from './s3-store.js'

export interface LazyStoreOptions {
  description: string
  /** The SDK-free reader, when the environment allows one. */
  reader: LightReader | undefined
  /** Load the SDK and make the store that talks through it. */
  load: () => Promise<RemoteStore>
  /** Debug lines: why a read went through the SDK after all, and when the SDK is loaded. */
  debug: (message: string) => void
}

export class LazyStore implements RemoteStore {
  readonly description: string
  private reader: LightReader | undefined
  private sdkStore: Promise<RemoteStore> | undefined

  constructor(private readonly options: LazyStoreOptions) {
    this.description = options.description
    this.reader = options.reader
  }

  /** True once the SDK store has been asked for. */
  get sdkLoaded(): boolean {
    return this.sdkStore !== undefined
  }

  /** Start loading the SDK now (writes are coming); `why` goes to the debug log. */
  prepare(why: string): void {
    if (this.sdkStore) return
    this.options.debug(`Loading the S3 SDK: ${why}.`)
    this.sdk().catch(() => undefined) // the call that needs it reports the failure
  }

  /** Close the reader's connections. */
  close(): void {
    this.reader?.close()
  }

  private sdk(): Promise<RemoteStore> {
    this.sdkStore ??= this.options.load()
    return this.sdkStore
  }

  private async read<T>(
    what: string,
    light: (reader: LightReader) => Promise<T>,
    sdk: (store: RemoteStore) => Promise<T>,
  ): Promise<T> {
    const reader = this.reader
    if (reader) {
      try {
        return await light(reader)
      } catch (error) {
        if (this.reader === reader) {
          this.reader = undefined
          this.options.debug(
            `Reading ${what} without the SDK did not work out (${errorMessage(error)}); the SDK reads instead.`,
          )
        }
      }
    }
    return sdk(await this.sdk())
  }

  list(known?: readonly string[]): Promise<RemoteObject[]> {
    return this.read(
      'the listing',
      (r) => r.list(known),
      (s) => s.list(known),
    )
  }

  async readState(): Promise<StateObject | undefined> {
    const state = await this.read(
      'the deploy state',
      (r) => r.readState(),
      (s) => s.readState(),
    )
    // No state: every object is uploaded or looked at (HEAD), and the state written. The SDK lists
    // too, so that the direct PUT path knows the endpoint before the first upload.
    if (!state) {
      this.prepare('there is no deploy state')
      this.reader = undefined
    }
    return state
  }

  async writeJournal(journal: string, etag: string): Promise<void> {
    return (await this.sdk()).writeJournal(journal, etag)
  }

  async writeState(pieces: Iterable<string>): Promise<void> {
    return (await this.sdk()).writeState(pieces)
  }

  async inspect(key: string): Promise<Inspected | undefined> {
    return (await this.sdk()).inspect(key)
  }

  async upload(file: LocalFile, headers: Headers): Promise<{ etag: string }> {
    return (await this.sdk()).upload(file, headers)
  }

  async updateHeaders(file: LocalFile, headers: Headers): Promise<{ etag: string }> {
    return (await this.sdk()).updateHeaders(file, headers)
  }

  async deleteMany(keys: readonly string[]): Promise<DeleteResult> {
    return (await this.sdk()).deleteMany(keys)
  }

  async markRemoved(key: string, since: Date): Promise<Date> {
    return (await this.sdk()).markRemoved(key, since)
  }

  async unmark(key: string): Promise<void> {
    return (await this.sdk()).unmark(key)
  }
}

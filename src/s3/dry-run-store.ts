/**
 * A store for `dry-run: true`: reads go to the real bucket, writes are recorded and never sent.
 */
import type { LocalFile } from '../core/ports.js'
import type { Inspected, RemoteObject } from '../core/plan.js'
import type { Headers } from '../core/rules.js'
import type { DeleteResult, RemoteStore, StateObject } from '../core/ports.js'

export class DryRunStore implements RemoteStore {
  readonly description: string
  /** What would have been written, in order: `upload key`, `update key`, `delete key`, `state`. */
  readonly writes: string[] = []

  constructor(private readonly inner: RemoteStore) {
    this.description = `${inner.description} (dry run)`
  }

  list(known?: readonly string[]): Promise<RemoteObject[]> {
    return this.inner.list(known)
  }

  readState(): Promise<StateObject | undefined> {
    return this.inner.readState()
  }

  inspect(key: string): Promise<Inspected | undefined> {
    return this.inner.inspect(key)
  }

  writeState(): Promise<void> {
    this.writes.push('state')
    return Promise.resolve()
  }

  upload(file: LocalFile, _headers: Headers): Promise<{ etag: string }> {
    this.writes.push(`upload ${file.key}`)
    return Promise.resolve({ etag: file.md5 })
  }

  updateHeaders(file: LocalFile): Promise<{ etag: string }> {
    this.writes.push(`update ${file.key}`)
    return Promise.resolve({ etag: file.md5 })
  }

  deleteMany(keys: readonly string[]): Promise<DeleteResult> {
    for (const key of keys) this.writes.push(`delete ${key}`)
    return Promise.resolve({ deleted: [...keys], failed: [] })
  }

  markRemoved(key: string, since: Date): Promise<Date> {
    this.writes.push(`mark ${key}`)
    return Promise.resolve(since)
  }

  unmark(key: string): Promise<void> {
    this.writes.push(`unmark ${key}`)
    return Promise.resolve()
  }

  copyNotFound(from: string, to: string): Promise<void> {
    this.writes.push(`copy ${from} -> ${to}`)
    return Promise.resolve()
  }

  copyFrom(from: string, file: LocalFile): Promise<{ etag: string }> {
    this.writes.push(`copy ${from} -> ${file.key}`)
    return Promise.resolve({ etag: file.md5 })
  }

  readText(key: string): Promise<string | undefined> {
    return this.inner.readText(key)
  }

  writeText(key: string): Promise<void> {
    this.writes.push(`write ${key}`)
    return Promise.resolve()
  }
}

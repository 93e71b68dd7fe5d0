/**
 * An atomic build's store: writes go into the new build, and a file the live build holds with the same
 * bytes and headers is copied server-side instead of uploaded.
 */
import { joinKey } from '../core/keys.js'
import type { LocalFile, RemoteStore } from '../core/ports.js'
import type { Headers } from '../core/rules.js'

function sameHeaders(a: Headers, b: Headers): boolean {
  return (
    a.cacheControl === b.cacheControl &&
    a.contentType === b.contentType &&
    (a.contentEncoding ?? '') === (b.contentEncoding ?? '')
  )
}

/**
 * A store that writes into the new build, copying server-side each file the live build holds with the
 * same bytes and headers. Everything else is the build store's.
 */
export class CopyingStore implements RemoteStore {
  copied = 0
  readonly description: string
  constructor(
    private readonly inner: RemoteStore,
    private readonly source: ReadonlyMap<string, { md5: string; headers: Headers }>,
    private readonly sourcePrefix: string,
  ) {
    this.description = inner.description
  }
  list(known?: readonly string[]) {
    return this.inner.list(known)
  }
  readState() {
    return this.inner.readState()
  }
  writeState(pieces: Iterable<string>) {
    return this.inner.writeState(pieces)
  }
  inspect(key: string) {
    return this.inner.inspect(key)
  }
  async upload(file: LocalFile, headers: Headers) {
    const held = this.source.get(file.key)
    if (held && held.md5 === file.md5 && sameHeaders(held.headers, headers)) {
      const result = await this.inner.copyFrom(joinKey(this.sourcePrefix, file.key), file, headers)
      this.copied++
      return { ...result, copied: true }
    }
    return this.inner.upload(file, headers)
  }
  updateHeaders(...args: Parameters<RemoteStore['updateHeaders']>) {
    return this.inner.updateHeaders(...args)
  }
  deleteMany(keys: readonly string[]) {
    return this.inner.deleteMany(keys)
  }
  markRemoved(key: string, since: Date) {
    return this.inner.markRemoved(key, since)
  }
  unmark(key: string) {
    return this.inner.unmark(key)
  }
  copyNotFound(from: string, to: string, headers: Headers) {
    return this.inner.copyNotFound(from, to, headers)
  }
  copyFrom(from: string, file: LocalFile, headers: Headers) {
    return this.inner.copyFrom(from, file, headers)
  }
  readText(key: string) {
    return this.inner.readText(key)
  }
  writeText(key: string, body: string) {
    return this.inner.writeText(key, body)
  }
}

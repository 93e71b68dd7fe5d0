/**
 * Precompressed siblings made with node:zlib, into a temporary directory, as local files the sync
 * uploads like any other. Brotli at quality 11 (the highest) up to 1 MB, 9 above it, where 11 costs
 * seconds per file for a few per cent; gzip at level 9. The zlib calls run on libuv's thread pool, a
 * few at a time, so both cores of a runner work.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import { settleLimit } from '../core/limit.js'
import type { LocalFile } from '../core/ports.js'
import type { Sibling } from '../core/site/precompress.js'

const brotli = promisify(brotliCompress)
const gz = promisify(gzip)

/** Above this, brotli at quality 9: quality 11 is ~20x slower for a few per cent less. */
const BROTLI_MAX_QUALITY_BYTES = 1024 * 1024

export async function compressSiblings(
  siblings: readonly Sibling[],
  files: ReadonlyMap<string, LocalFile>,
  /** A sibling the bucket already holds for this very source (the deploy state says so), if any. */
  reuse: (sibling: Sibling, source: LocalFile) => LocalFile | undefined = () => undefined,
): Promise<{ files: LocalFile[]; reused: number; cleanUp: () => Promise<void> }> {
  const reused: LocalFile[] = []
  const made = siblings.filter((s) => {
    if (s.own) return false
    const kept = reuse(s, files.get(s.source)!)
    if (kept) reused.push(kept)
    return !kept
  })
  if (made.length === 0)
    return { files: reused, reused: reused.length, cleanUp: () => Promise.resolve() }
  const dir = await mkdtemp(
    path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'cdn-publish-siblings-'),
  )
  const outcomes = await settleLimit(
    made.map((s, i) => ({ s, i })),
    4,
    async ({ s, i }) => {
      const source = files.get(s.source)!
      const bytes = await readFile(source.path)
      const out =
        s.encoding === 'br'
          ? await brotli(bytes, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: bytes.length <= BROTLI_MAX_QUALITY_BYTES ? 11 : 9,
                [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              },
            })
          : await gz(bytes, { level: 9 })
      const file = path.join(dir, `${i}${s.encoding === 'br' ? '.br' : '.gz'}`)
      await writeFile(file, out)
      const sibling: LocalFile = {
        key: s.key,
        path: file,
        size: out.length,
        md5: createHash('md5').update(out).digest('hex'),
        mtimeMs: source.mtimeMs,
        source: source.md5,
      }
      return sibling
    },
  )
  const failed = outcomes.find((o) => !o.ok)
  if (failed && !failed.ok) {
    await rm(dir, { recursive: true, force: true })
    throw failed.error
  }
  return {
    files: [...reused, ...outcomes.flatMap((o) => (o.ok ? [o.value] : []))],
    reused: reused.length,
    cleanUp: () => rm(dir, { recursive: true, force: true }),
  }
}

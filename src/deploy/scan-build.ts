/** The local side of a publish: check the source, walk and filter it, and say what was held back. */
import * as core from '@actions/core'
import { log } from '../action/log.js'
import type { Config } from '../core/config.js'
import { PreflightError } from '../core/errors.js'
import type { Filter } from '../core/filter.js'
import { BUILDS_DIR, joinKey, MAX_KEY_BYTES } from '../core/keys.js'
import { quoted, shown } from '../core/text.js'
import type { Hasher } from '../local/hasher.js'
import { checkSource, selectFiles, type Selection } from '../local/scan.js'
import { SITE_FILES } from './site.js'

/** Held-back files are listed at info up to this many. */
/** Held-back files are listed at info up to this many. */
const HELD_BACK_LIMIT = 50

function listed(keys: readonly string[]): string {
  return (
    keys.slice(0, HELD_BACK_LIMIT).map(shown).join(', ') +
    (keys.length > HELD_BACK_LIMIT ? ', ...' : '')
  )
}

/** Check the source and select the files to publish; fails before any request. */
export async function scanBuild(
  config: Config,
  filter: Filter,
  hasher: Hasher,
): Promise<Selection> {
  const root = await checkSource(config.source, config.sourceInput)
  const scan = await log.group(`Scan ${config.sourceInput}`, async () => {
    const scan = await selectFiles(root, filter, hasher)
    const keys = (verdict: string) =>
      scan.skipped.filter((s) => s.verdict === verdict).map((s) => s.key)
    const secrets = keys('secret')
    if (secrets.length > 0)
      core.warning(
        `Held back ${secrets.length} file(s) that look like credentials: ${listed(secrets)}. ` +
          `Name them in include (e.g. "${secrets[0]}") to publish them on purpose.`,
      )
    const previews = keys('protected')
    if (previews.length > 0)
      core.warning(
        `${previews.length} file(s) of the build lie under ${config.protect.map((p) => `${p}/`).join(' or ')}, which belong${config.protect.length > 1 ? '' : 's'} to ${config.protect.map((p) => (p === BUILDS_DIR ? 'atomic builds' : 'previews')).join(' and ')}: ` +
          `not published. ${listed(previews)}`,
      )
    const hidden = keys('hidden')
    if (hidden.length > 0)
      log.info(
        `Left out ${hidden.length} hidden file(s) (a path segment starts with "."): ${listed(hidden)}`,
      )
    log.info(
      `${scan.found.length} files selected in ${root}; they are hashed while the bucket is listed.`,
    )
    return scan
  })
  const tooLong = scan.found.find(
    (f) => Buffer.byteLength(joinKey(config.prefix, f.key)) > MAX_KEY_BYTES,
  )
  if (tooLong)
    throw new PreflightError(
      `The key of ${quoted(tooLong.key)} is ${Buffer.byteLength(joinKey(config.prefix, tooLong.key))} bytes with the prefix; S3 takes at most ${MAX_KEY_BYTES}. Nothing was sent. Shorten the name or the prefix, or add it to exclude.`,
    )
  // _redirects and _headers are never published: a build of only those is empty.
  if (scan.found.every((f) => SITE_FILES.includes(f.key)) && !config.allowEmpty)
    throw new PreflightError(
      `No files to publish in ${JSON.stringify(config.sourceInput)} after include/exclude. Publishing an empty build ` +
        'would delete the site, so nothing was changed. Check that the build wrote its output there, or set allow-empty: true.',
    )
  return scan
}

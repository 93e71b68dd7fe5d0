/** The URLs a run hands back: the site's own, and signed URLs for sign-paths. */
import * as core from '@actions/core'
import { log } from '../action/log.js'
import type { DistributionOutcome } from '../cloudfront/ensure.js'
import type { Config } from '../core/config.js'
import type { CloudFront } from './sides.js'

/** Signed URLs for sign-paths, each registered as a secret so that the log never shows one. */
export function signedUrlsOf(
  cf: CloudFront,
  config: Config,
  distribution: DistributionOutcome,
  url: string | undefined,
): Record<string, string> | undefined {
  const { signPaths, privateKey } = config.cdn
  if (signPaths.length === 0 || !privateKey || config.dryRun) return undefined
  const keyPairId = distribution.signing?.signingKeyId
  if (!keyPairId || !url) {
    core.warning(
      'sign-paths: no signed URLs, because the distribution or the signing key is not known (see the log above).',
    )
    return undefined
  }
  const expires = new Date(Date.now() + config.cdn.signExpiresMs)
  const urls = cf.signUrls({ paths: signPaths, baseUrl: url, keyPairId, privateKey, expires })
  for (const signed of Object.values(urls)) {
    core.setSecret(signed)
    const signature = /[?&]Signature=([^&]+)/.exec(signed)?.[1]
    if (signature) core.setSecret(signature)
  }
  log.info(
    `Signed ${signPaths.length} URL(s), valid until ${expires.toISOString()} (output signed-urls; masked in the log).`,
  )
  return urls
}

/** The URL of what this run published: a preview host, or the distribution's URL with the prefix path. */
export function siteUrlOf(
  cf: CloudFront,
  config: Config,
  distribution: DistributionOutcome,
): string | undefined {
  const label = config.prefix.slice(config.basePrefix.length).replace(/^\//, '').split('/').pop()
  if (config.preview.enabled && config.preview.domain && distribution.owned && label)
    return `https://${label}.${config.preview.domain}/`
  if (!distribution.domain && distribution.aliases.length === 0) return undefined
  return cf.siteUrl(
    { ...distribution, aliases: distribution.aliases.filter((a) => !a.startsWith('*.')) },
    config.prefix,
  )
}

/**
 * Previews on a distribution the action manages. The settings are sticky: a preview run records them in
 * tags, and later runs (production ones without preview inputs) keep serving previews the same way. Pure.
 */
import type { PreviewConfig } from '../core/config.js'
import { tagText, tagValue } from './limits.js'

export const PREVIEW_DOMAIN_TAG = 'cdn-publish:preview-domain'
export const PREVIEWS_TAG = 'cdn-publish:previews'

export interface PreviewSetup {
  /** Host-based previews under `*.<domain>`. */
  domain: string | undefined
  /** Previews exist (or this run makes one): their responses get noindex. */
  used: boolean
  /** Tags to add to the distribution to remember this. */
  newTags: Record<string, string>
}

export function previewSetup(preview: PreviewConfig, tags: Record<string, string>): PreviewSetup {
  // Tag values are written with tagValue (valid by construction); earlier versions wrote them raw.
  const recordedDomain = tags[PREVIEW_DOMAIN_TAG] ? tagText(tags[PREVIEW_DOMAIN_TAG]) : undefined
  const domain = preview.domain ?? (recordedDomain || undefined)
  const used = preview.enabled || domain !== undefined || tags[PREVIEWS_TAG] !== undefined
  const newTags: Record<string, string> = {}
  if (preview.domain && recordedDomain !== preview.domain)
    newTags[PREVIEW_DOMAIN_TAG] = tagValue(preview.domain)
  const root = preview.root
  if (used && tags[PREVIEWS_TAG] !== tagValue(root) && tags[PREVIEWS_TAG] !== root)
    newTags[PREVIEWS_TAG] = tagValue(root)
  return { domain, used, newTags }
}

/** The aliases to ask for: the input's (if any) plus the preview wildcard. undefined: leave them. */
export function wantedAliases(
  aliases: string[],
  current: readonly string[],
  preview: Pick<PreviewSetup, 'domain'>,
): string[] | undefined {
  const wildcard = preview.domain ? `*.${preview.domain}` : undefined
  if (aliases.length > 0)
    return wildcard && !aliases.includes(wildcard) ? [...aliases, wildcard] : aliases
  if (wildcard && !current.includes(wildcard)) return [...current, wildcard]
  return undefined
}

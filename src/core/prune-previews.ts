/**
 * mode: prune-previews, the pure part: which folders under the preview root are previews of the
 * `preview-prefix` template (and of which pull request), and for each whether it goes or stays, and why.
 * The shell (deploy/prune-previews.ts) lists the folders, asks GitHub, and removes.
 */
import { formatDuration } from './duration.js'

/** What a placeholder can have become in a folder name (see fillPlaceholders in action/context.ts). */
const PLACEHOLDER_PATTERNS: Record<string, string> = {
  // Pull request numbers start at 1; ten digits at most keeps the number a safe integer.
  number: '([1-9][0-9]{0,9})',
  branch: '[a-z0-9-]+',
  sha: '[0-9a-f]{1,40}',
  tag: '[A-Za-z0-9._-]+',
}

export interface PreviewPattern {
  /** The template's part below the root, the folder name's shape (`pr-{number}`). */
  segment: string
  /** The pull request number a folder name stands for; undefined when the name is not of the template. */
  numberOf: (name: string) => number | undefined
}

/**
 * The shape of a preview folder's name, from `preview-prefix` and its root (`previews/pr-{number}` and
 * `previews`: `pr-42` is pull request 42). A problem (for the error message) when the template cannot
 * be mapped back: the part below the root must be one segment holding `{number}` once.
 */
export function previewPattern(
  template: string,
  root: string,
): { pattern: PreviewPattern } | { problem: string } {
  const segment = root === '' ? template : template.slice(root.length + 1)
  if (!template.startsWith(root) || segment === '' || segment.includes('/'))
    return {
      problem:
        'prune-previews needs one folder per preview right below the preview root (e.g. previews/pr-{number}), to map each folder back to its pull request',
    }
  const numbers = segment.match(/\{number\}/g)?.length ?? 0
  if (numbers !== 1)
    return {
      problem: `prune-previews maps each preview folder back to its pull request through {number}, which the template must hold ${numbers === 0 ? 'once' : 'only once'} (e.g. previews/pr-{number})`,
    }
  const source = segment
    .split(/(\{[a-z]+\})/)
    .map((part) => {
      const name = /^\{([a-z]+)\}$/.exec(part)?.[1]
      const known = name === undefined ? undefined : PLACEHOLDER_PATTERNS[name]
      return known ?? part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('')
  const regex = new RegExp(`^${source}$`)
  return {
    pattern: {
      segment,
      numberOf: (name) => {
        const m = regex.exec(name)
        return m ? Number(m[1]) : undefined
      },
    },
  }
}

/** What GitHub said about a pull request: its state, or why it is not known. */
export type PullRequestState = { state: 'open' | 'closed'; merged: boolean } | { unknown: string }

/** A folder found under the preview root. */
export interface PreviewFolder {
  /** The folder's name (one key segment). */
  name: string
  /** The pull request it is the preview of; undefined when the name is not of the template. */
  number: number | undefined
  /** The newest Last-Modified of its objects (when the age was looked at). */
  lastDeployed?: Date | undefined
}

export type PruneWhy = 'closed' | 'expired' | 'open' | 'unknown' | 'foreign'

export interface PreviewDecision {
  name: string
  number: number | undefined
  remove: boolean
  why: PruneWhy
  /** One line, for the log, the summary and the comment. */
  reason: string
}

export interface PruneRules {
  /** `preview-prefix`, for the message about folders that are not of it. */
  template: string
  /** preview-max-age in ms; 0: no age limit. */
  maxAgeMs: number
  /** Now, in ms since the epoch. */
  now: number
}

/**
 * Remove or keep one folder. A closed pull request (merged or not) removes its preview; so does a last
 * deploy older than preview-max-age, whatever the pull request's state (the age does not depend on it).
 * Otherwise it stays: an open pull request, one whose state could not be read (never delete on
 * uncertainty), and a folder that is not of the template.
 */
export function decidePreview(
  folder: PreviewFolder,
  pr: PullRequestState | undefined,
  rules: PruneRules,
): PreviewDecision {
  const { name, number } = folder
  const decision = (remove: boolean, why: PruneWhy, reason: string): PreviewDecision => ({
    name,
    number,
    remove,
    why,
    reason,
  })
  if (number === undefined)
    return decision(false, 'foreign', `not a preview of this template (${rules.template})`)
  if (pr && 'state' in pr && pr.state === 'closed')
    return decision(
      true,
      'closed',
      `pull request #${number} ${pr.merged ? 'was merged' : 'is closed'}`,
    )
  const last = folder.lastDeployed
  const age = rules.maxAgeMs > 0 && last ? `last deployed ${last.toISOString()}` : undefined
  if (age && rules.now - last!.getTime() > rules.maxAgeMs)
    return decision(
      true,
      'expired',
      `${age}, more than preview-max-age (${formatDuration(rules.maxAgeMs)}) ago`,
    )
  const young = age ? `; ${age}, within preview-max-age (${formatDuration(rules.maxAgeMs)})` : ''
  if (!pr || !('state' in pr))
    return decision(
      false,
      'unknown',
      `the state of pull request #${number} is not known (${pr ? pr.unknown : 'not asked'})${young}`,
    )
  return decision(false, 'open', `pull request #${number} is open${young}`)
}

/** Decisions in a stable order: previews by pull request number, then the other folders by name. */
export function sortDecisions(decisions: readonly PreviewDecision[]): PreviewDecision[] {
  return [...decisions].sort((a, b) =>
    a.number !== undefined && b.number !== undefined
      ? a.number - b.number
      : a.number !== undefined
        ? -1
        : b.number !== undefined
          ? 1
          : a.name < b.name
            ? -1
            : a.name > b.name
              ? 1
              : 0,
  )
}

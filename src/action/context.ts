/**
 * What the workflow run is about, read from the runner's environment and the event payload: the event,
 * the pull request number, the branch, the tag, the commit. Pure: the payload is passed in.
 */

import type { RunContext } from '../core/config.js'

export type { RunContext }

export const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

type Payload = Record<string, unknown>

function get(payload: Payload | undefined, ...path: string[]): unknown {
  let value: unknown = payload
  for (const key of path) {
    if (!value || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * What the shell found out about a workflow_run's pull request when the payload lists none (a fork's):
 * its number, or why there is none (deploy/workflow-run.ts looks it up; this stays pure).
 */
export type PullRequestFound = { number: number } | { missing: string }

function prNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined
}

/**
 * The pull request of a workflow_run event, from its payload: `workflow_run.pull_requests`, the one
 * whose head is the run's head commit (GitHub may list several with the same branch), else the first.
 * GitHub leaves the list empty when the head is in a fork: then `lookup` says what to find it by.
 */
function workflowRun(payload: Payload | undefined): {
  number: number | undefined
  lookup: RunContext['lookup']
  why: string | undefined
} {
  const headSha = str(get(payload, 'workflow_run', 'head_sha'))
  const listed = get(payload, 'workflow_run', 'pull_requests')
  const prs = Array.isArray(listed) ? (listed as unknown[]) : []
  const pick = prs.find((pr) => get(pr as Payload, 'head', 'sha') === headSha) ?? prs[0]
  const number = prNumber(get(pick as Payload, 'number'))
  if (number !== undefined) return { number, lookup: undefined, why: undefined }
  const event = str(get(payload, 'workflow_run', 'event'))
  if (!event || !PULL_REQUEST_EVENTS.has(event))
    return {
      number,
      lookup: undefined,
      why: `the workflow run it follows was triggered by ${event ? `a ${event} event` : 'an unknown event'}, not by a pull request`,
    }
  const owner = str(get(payload, 'workflow_run', 'head_repository', 'owner', 'login'))
  const branch = str(get(payload, 'workflow_run', 'head_branch'))
  if (owner && branch && headSha)
    return {
      number,
      lookup: { owner, branch, sha: headSha },
      why: 'its payload lists no pull request (GitHub lists none for a fork) and it was not looked up',
    }
  return {
    number,
    lookup: undefined,
    why: 'its payload lists no pull request, nor the head repository, branch and commit to look it up by',
  }
}

export function readContext(
  env: Readonly<Record<string, string | undefined>>,
  payload: Payload | undefined,
  found?: PullRequestFound,
): RunContext {
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const ref = env.GITHUB_REF ?? ''
  const run = eventName === 'workflow_run' ? workflowRun(payload) : undefined
  const number =
    prNumber(get(payload, 'pull_request', 'number')) ??
    (get(payload, 'issue', 'pull_request')
      ? prNumber(get(payload, 'issue', 'number'))
      : undefined) ??
    run?.number ??
    (run && found && 'number' in found ? prNumber(found.number) : undefined)
  const isPr = PULL_REQUEST_EVENTS.has(eventName)
  const tag =
    str(get(payload, 'release', 'tag_name')) ??
    (ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined)
  // A workflow_run runs on the default branch (GITHUB_REF, GITHUB_SHA): what was built is its head.
  const branch =
    str(get(payload, 'pull_request', 'head', 'ref')) ??
    str(env.GITHUB_HEAD_REF) ??
    (run ? str(get(payload, 'workflow_run', 'head_branch')) : undefined) ??
    (ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined)
  const sha =
    str(get(payload, 'pull_request', 'head', 'sha')) ??
    (run ? str(get(payload, 'workflow_run', 'head_sha')) : undefined) ??
    str(env.GITHUB_SHA)
  return {
    eventName,
    number,
    branch,
    tag,
    sha,
    repository: str(env.GITHUB_REPOSITORY) ?? str(get(payload, 'repository', 'full_name')),
    closed: isPr && get(payload, 'action') === 'closed',
    ...(run && number === undefined
      ? {
          ...(run.lookup && !found ? { lookup: run.lookup } : {}),
          numberMissing: found && 'missing' in found ? found.missing : run.why,
        }
      : {}),
  }
}

/** A branch or tag as a key segment: lower-case letters, digits and hyphens, at most 63 characters. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '')
  return s === '' ? 'x' : s
}

export const PLACEHOLDERS = ['number', 'branch', 'sha', 'tag'] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]

/** Where a placeholder's value comes from, for messages. */
const SOURCES: Record<Placeholder, string> = {
  number: 'a pull_request or pull_request_target event, or a workflow_run of one',
  branch: 'a branch push or a pull request',
  sha: 'GITHUB_SHA',
  tag: 'a tag push or a release event',
}

/**
 * Fill `{number}`, `{branch}` (slugged), `{sha}` (12 characters) and `{tag}` in a template. Tags keep
 * their dots (`v1.2.3`) but lose anything a key segment should not hold.
 */
export function fillPlaceholders(
  template: string,
  context: RunContext,
): { value: string } | { missing: Placeholder; needs: string } {
  let missing: Placeholder | undefined
  const value = template.replace(/\{([a-z]+)\}/g, (whole, name: string) => {
    const values: Record<Placeholder, string | undefined> = {
      number: context.number !== undefined ? String(context.number) : undefined,
      branch: context.branch !== undefined ? slug(context.branch) : undefined,
      sha: context.sha?.slice(0, 12),
      tag: context.tag?.replace(/[^A-Za-z0-9._-]+/g, '-'),
    }
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) return whole
    const v = values[name as Placeholder]
    if (v === undefined) missing ??= name as Placeholder
    return v ?? ''
  })
  if (missing) return { missing, needs: SOURCES[missing] }
  return { value }
}

/** The part of a template before its first placeholder, cut back to a whole segment (`previews/pr-{number}` -> `previews`). */
export function staticRoot(template: string): string {
  const at = template.search(/\{(number|branch|sha|tag)\}/)
  const head = at < 0 ? template : template.slice(0, at)
  const cut = at < 0 ? head : head.slice(0, head.lastIndexOf('/') + 1)
  return cut.replace(/\/+$/, '')
}

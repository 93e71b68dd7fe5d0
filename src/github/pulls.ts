/**
 * Reading pull requests: their state (prune-previews), and the open pull request of a head branch and
 * commit (a workflow_run for a fork's pull request, whose payload lists none). Through the bounded
 * client of ./octokit.ts, loaded only when a call is made. Nothing here fails a run: every answer that
 * is not a clear one comes back as a reason, one short line with nothing unescaped from the API.
 */
import { errorMessage } from '../core/errors.js'
import { settleLimit } from '../core/limit.js'
import type { PullRequestState } from '../core/prune-previews.js'
import { escapeUnsafe } from '../core/text.js'
import {
  githubClient,
  GitHubRefusedError,
  GitHubTimeoutError,
  type GitHubClientOptions,
} from './octokit.js'

export interface RepositoryTarget {
  token: string
  apiUrl: string
  /** owner/name. */
  repository: string
}

/** Requests in flight at once: GitHub asks integrations not to flood it (secondary rate limits). */
const IN_FLIGHT = 4
const MAX_REASON = 200

/**
 * The state of each pull request (GET /repos/{owner}/{repo}/pulls/{number}); a PR whose state could not
 * be read gets the reason instead, so that its preview is kept.
 */
export async function pullRequestStates(
  target: RepositoryTarget,
  numbers: readonly number[],
  options: GitHubClientOptions = {},
): Promise<Map<number, PullRequestState>> {
  const states = new Map<number, PullRequestState>()
  const [owner, repo] = target.repository.split('/')
  if (!owner || !repo) {
    for (const n of numbers) states.set(n, { unknown: 'GITHUB_REPOSITORY is not owner/name' })
    return states
  }
  let octokit: Awaited<ReturnType<typeof githubClient>>
  try {
    octokit = await githubClient(target.token, target.apiUrl, options)
  } catch (error) {
    for (const n of numbers) states.set(n, { unknown: reason(target, error) })
    return states
  }
  const results = await settleLimit(numbers, IN_FLIGHT, async (pull_number) => {
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number })
    const answer = data as { state?: unknown; merged?: unknown; number?: unknown }
    if (answer.state !== 'open' && answer.state !== 'closed')
      throw new Error('the API answered without an open or closed state')
    if (answer.number !== undefined && answer.number !== pull_number)
      throw new Error('the API answered about another pull request')
    return { state: answer.state, merged: answer.merged === true } as const
  })
  for (const r of results) states.set(r.item, r.ok ? r.value : { unknown: reason(target, r.error) })
  return states
}

/**
 * The open pull request whose head is `owner:branch` at commit `sha`
 * (GET /repos/{owner}/{repo}/pulls?head=owner:branch&state=open): its number, or why there is none.
 */
export async function findPullRequestByHead(
  target: RepositoryTarget,
  head: { owner: string; branch: string; sha: string },
  options: GitHubClientOptions = {},
): Promise<{ number: number } | { missing: string }> {
  const [owner, repo] = target.repository.split('/')
  const label = `${head.owner}:${head.branch}`
  if (!owner || !repo) return { missing: 'GITHUB_REPOSITORY is not owner/name' }
  try {
    const octokit = await githubClient(target.token, target.apiUrl, options)
    const { data } = await octokit.rest.pulls.list({
      owner,
      repo,
      head: label,
      state: 'open',
      per_page: 100,
    })
    if (!Array.isArray(data)) throw new Error('the API answered the pull request list with no list')
    const match = (data as Array<{ number?: unknown; head?: { sha?: unknown } }>).find(
      (pr) => pr.head?.sha === head.sha,
    )
    const number = match?.number
    if (typeof number === 'number' && Number.isSafeInteger(number) && number > 0) return { number }
    return {
      missing: `no open pull request of ${escapeUnsafe(label)} has the head commit ${escapeUnsafe(head.sha)} (${data.length} open with that head branch)`,
    }
  } catch (error) {
    return {
      missing: `the lookup of the open pull request of ${escapeUnsafe(label)} failed: ${reason(target, error)}`,
    }
  }
}

/** What went wrong, in words: the status decides; the answer's own message only for other failures. */
function reason(target: RepositoryTarget, error: unknown): string {
  let text: string
  if (error instanceof GitHubTimeoutError || error instanceof GitHubRefusedError)
    text = error.message
  else {
    const http = httpStatus(error)
    if (http === 401 || http === 403)
      text = `the token may not read pull requests (HTTP ${http}; the job needs pull-requests: read)`
    else if (http === 404) text = 'not found with this token (HTTP 404)'
    else
      text =
        http === undefined
          ? errorMessage(error)
          : `the GitHub API answered ${http}: ${errorMessage(error)}`
  }
  if (target.token.length >= 4) text = text.split(target.token).join('***')
  text = escapeUnsafe(text.replace(/[\r\n]+/g, ' '))
  // Cut by code points, so that no surrogate pair is cut in half.
  const points = [...text]
  return points.length > MAX_REASON ? `${points.slice(0, MAX_REASON - 1).join('')}…` : text
}

function httpStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object' || !('response' in error) || !error.response) return
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' ? status : undefined
}

/**
 * The pull-request comment: one per PR and target, created on the first deploy and edited afterwards,
 * found again by a hidden marker. Rendering is pure; posting is up to three kinds of REST call (list,
 * edit, create) made with @actions/github's Octokit, loaded only here, when a comment is written (see
 * ./octokit.ts: bounded requests, one origin, no log lines of its own).
 */
import { errorMessage } from '../core/errors.js'
import { escapeUnsafe, quoted } from '../core/text.js'
import {
  githubClient,
  GitHubRefusedError,
  GitHubTimeoutError,
  type GitHubClientOptions,
} from './octokit.js'

/** The hidden line that identifies the comment of one bucket and base prefix. */
export function commentMarker(bucket: string, basePrefix: string): string {
  return `<!-- cdn-publish:preview s3://${bucket}/${basePrefix} -->`
}

export interface CommentInput {
  marker: string
  /** The preview URL, if there is one. */
  url: string | undefined
  /** Where the files are: s3://bucket/prefix/. */
  target: string
  sha: string | undefined
  counts: { uploaded: number; updated: number; deleted: number; unchanged: number } | undefined
  /** ISO time of the deploy. */
  time: string
  removed: boolean
  /** Link to the workflow run. */
  runUrl: string | undefined
}

export function renderComment(input: CommentInput): string {
  const lines = [input.marker]
  if (input.removed) {
    lines.push(
      '### Preview removed',
      '',
      `The preview at ${input.url ?? input.target} was deleted on ${input.time}.`,
    )
  } else {
    lines.push('### Preview deployed', '')
    lines.push('| | |', '| --- | --- |')
    if (input.url) lines.push(`| URL | ${input.url} |`)
    lines.push(`| Files | \`${input.target}\` |`)
    if (input.sha) lines.push(`| Commit | ${input.sha} |`)
    if (input.counts) {
      const c = input.counts
      lines.push(
        `| Changes | ${c.uploaded} uploaded, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged |`,
      )
    }
    lines.push(`| Deployed | ${input.time} |`)
  }
  if (input.runUrl) lines.push('', `[Workflow run](${input.runUrl})`)
  return `${lines.join('\n')}\n`
}

export interface CommentTarget {
  token: string
  apiUrl: string
  repository: string
  number: number
}

export type CommentResult =
  { action: 'created' | 'updated'; id: number } | { action: 'skipped'; reason: string }

/** Issue comments listed per request (GitHub's maximum). */
const PER_PAGE = 100
/** Pages of comments read at most (10,000 comments): a next-page link that never ends stops here. */
const MAX_PAGES = 100
/** Longest reason: an answer's message is cut to fit. */
const MAX_REASON = 300

/**
 * Create or edit the PR's comment that carries `marker`. A token without the right (a fork's read-only
 * token), a missing PR, an API that fails or does not answer in time: none is a failed deploy, the
 * result says why it was skipped. The reason is one short line with nothing unescaped from the API.
 */
export async function upsertComment(
  target: CommentTarget,
  marker: string,
  body: string,
  options: GitHubClientOptions = {},
): Promise<CommentResult> {
  const [owner, repo] = target.repository.split('/')
  if (!owner || !repo)
    return skipped(target, `GITHUB_REPOSITORY is not owner/name: ${quoted(target.repository)}`)
  try {
    const octokit = await githubClient(target.token, target.apiUrl, options)
    const issue = { owner, repo, issue_number: target.number }
    let existing: number | undefined
    let pages = 0
    for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
      ...issue,
      per_page: PER_PAGE,
    })) {
      if (!Array.isArray(page.data))
        throw new Error('the API answered the comment list with no list')
      existing = page.data.find(
        (c: { id?: unknown; body?: unknown }) =>
          isId(c.id) && typeof c.body === 'string' && c.body.includes(marker),
      )?.id
      if (existing !== undefined) break
      if (++pages >= MAX_PAGES && /\brel="next"/.test(page.headers.link ?? ''))
        return skipped(
          target,
          `no comment of this action in the first ${MAX_PAGES * PER_PAGE} comments; none added`,
        )
    }
    if (existing !== undefined) {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing, body })
      return { action: 'updated', id: existing }
    }
    const created = await octokit.rest.issues.createComment({ ...issue, body })
    const id: unknown = (created.data as { id?: unknown } | undefined)?.id
    if (!isId(id)) return skipped(target, 'posted, but the API answered without a comment id')
    return { action: 'created', id }
  } catch (error) {
    return skipped(target, why(error))
  }
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

/** What went wrong, in words: the status decides; the answer's own message only for other failures. */
function why(error: unknown): string {
  if (error instanceof GitHubTimeoutError || error instanceof GitHubRefusedError)
    return error.message
  const http = httpStatus(error)
  if (http === 401 || http === 403)
    return 'the token may not write comments here (a pull request from a fork gets a read-only token; give the job `pull-requests: write`)'
  if (http === 404) return 'the pull request or repository was not found with this token'
  const message = errorMessage(error)
  return http === undefined ? message : `the GitHub API answered ${http}: ${message}`
}

/** The HTTP status of an answer Octokit turned into an error (not its 500 for a request that failed). */
function httpStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object' || !('response' in error) || !error.response) return
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' ? status : undefined
}

/** A skipped result whose reason is one short line: the token hidden, unsafe characters escaped. */
function skipped(target: CommentTarget, reason: string): CommentResult {
  let text = target.token.length >= 4 ? reason.split(target.token).join('***') : reason
  text = escapeUnsafe(text)
  if (text.length > MAX_REASON) {
    const cut = /[\ud800-\udbff]/.test(text.charAt(MAX_REASON - 2))
      ? MAX_REASON - 2
      : MAX_REASON - 1
    text = `${text.slice(0, cut)}…`
  }
  return { action: 'skipped', reason: `could not comment on #${target.number}: ${text}` }
}

/**
 * The pull-request comment: one per PR and target, created on the first deploy and edited afterwards,
 * found again by a hidden marker. Rendering is pure; posting is three REST calls (list, edit, create)
 * made with fetch: Octokit would add a megabyte to the bundle and to every run's start-up.
 */
import { errorMessage } from '../errors.js'

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

/**
 * Create or edit the PR's comment that carries `marker`. A token without the right (a fork's read-only
 * token) or a missing PR is not a failed deploy: the result says why it was skipped.
 */
export async function upsertComment(
  target: CommentTarget,
  marker: string,
  body: string,
): Promise<CommentResult> {
  const [owner, repo] = target.repository.split('/')
  if (!owner || !repo)
    return {
      action: 'skipped',
      reason: `GITHUB_REPOSITORY is not owner/name: ${target.repository}`,
    }
  const base = `${target.apiUrl.replace(/\/+$/, '')}/repos/${owner}/${repo}/issues`
  const call = (method: string, path: string, body?: unknown) =>
    githubRequest(target.token, method, `${base}${path}`, body)
  try {
    let existing: number | undefined
    for (let page = 1; existing === undefined; page++) {
      const data = (await call(
        'GET',
        `/${target.number}/comments?per_page=100&page=${page}`,
      )) as Array<{ id: number; body?: unknown }>
      existing = data.find((c) => typeof c.body === 'string' && c.body.includes(marker))?.id
      if (data.length < 100) break
    }
    if (existing !== undefined) {
      await call('PATCH', `/comments/${existing}`, { body })
      return { action: 'updated', id: existing }
    }
    const created = (await call('POST', `/${target.number}/comments`, { body })) as { id: number }
    return { action: 'created', id: created.id }
  } catch (error) {
    const status = error instanceof GitHubApiError ? error.status : undefined
    const why =
      status === 403 || status === 401
        ? 'the token may not write comments here (a pull request from a fork gets a read-only token; give the job `pull-requests: write`)'
        : status === 404
          ? 'the pull request or repository was not found with this token'
          : errorMessage(error)
    return { action: 'skipped', reason: `could not comment on #${target.number}: ${why}` }
  }
}

/** A non-2xx answer of the GitHub API. */
export class GitHubApiError extends Error {
  override name = 'GitHubApiError'
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** One GitHub REST call with the token; the parsed JSON answer, or GitHubApiError with its message. */
async function githubRequest(
  token: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `token ${token}`,
      'user-agent': 'cdn-publish',
      'x-github-api-version': '2022-11-28',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  })
  const text = await response.text()
  let data: unknown
  try {
    data = text ? JSON.parse(text) : undefined
  } catch {
    data = text
  }
  if (!response.ok) {
    const message =
      typeof data === 'object' && data !== null && 'message' in data
        ? String((data as { message: unknown }).message)
        : text.slice(0, 200)
    throw new GitHubApiError(
      response.status,
      `${method} ${new URL(url).pathname}: ${response.status} ${message}`,
    )
  }
  return data
}

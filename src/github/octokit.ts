/**
 * The GitHub REST client: @actions/github's Octokit, loaded by a dynamic import the first time a call is
 * made, so a run that writes no pull-request comment nor deployment never loads or compiles it (esbuild puts it in a
 * chunk of its own).
 *
 * Every request it makes is bounded: a timeout per request (headers and body) and a deadline for all of
 * them, so a GitHub API that stops answering cannot hold the deploy. Octokit itself does not retry
 * (@actions/github adds no retry plugin), so a call is one request. Requests go only to the origin of the
 * API URL: a next-page link that points elsewhere is refused, so the token is not sent to another host.
 * Octokit's own log lines (a deprecation warning quotes the answer's headers) are dropped: nothing from
 * an answer reaches the log unescaped.
 */
import type { getOctokit } from '@actions/github'

export type Octokit = ReturnType<typeof getOctokit>

export interface GitHubClientOptions {
  /** Longest wait for one request, its answer's headers and body (ms). Default 30 s. */
  requestTimeoutMs?: number
  /** Longest time for all the client's requests together, from its creation (ms). Default 2 min. */
  deadlineMs?: number
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
export const DEFAULT_DEADLINE_MS = 120_000

/** A request that got no (complete) answer in time. */
export class GitHubTimeoutError extends Error {
  override name = 'GitHubTimeoutError'
}

/** A request the client refused to send (another origin than the API's). */
export class GitHubRefusedError extends Error {
  override name = 'GitHubRefusedError'
}

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }

/**
 * An Octokit for `apiUrl` (GITHUB_API_URL: https://api.github.com, or https://HOST/api/v3 on GitHub
 * Enterprise Server) authenticated with `token`. Throws when the URL is not http(s) or the library
 * cannot be loaded.
 */
export async function githubClient(
  token: string,
  apiUrl: string,
  options: GitHubClientOptions = {},
): Promise<Octokit> {
  const baseUrl = apiUrl.replace(/\/+$/, '')
  const parsed = new URL(baseUrl)
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new Error(`the API URL is not http(s): ${parsed.protocol}`)
  const origin = parsed.origin
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  const deadline = Date.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS)

  const { getOctokit } = await import('@actions/github')
  // Not `request: {...}` here: @actions/github's defaults put its proxy-aware fetch in `request`, and
  // Octokit merges constructor options shallowly, so a `request` option would drop the proxy support.
  // The per-request signal and log are set in the hook instead, where options are merged deeply.
  const octokit = getOctokit(token, { baseUrl, userAgent: 'cdn-publish', log: quiet })
  octokit.hook.wrap('request', async (request, requestOptions) => {
    const url = String(requestOptions.url)
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) && new URL(url).origin !== origin)
      throw new GitHubRefusedError(
        `a link in the API's answer leads away from ${origin}; not followed`,
      )
    const left = deadline - Date.now()
    if (left <= 0) throw new GitHubTimeoutError(timeoutText(true, requestTimeoutMs))
    const wait = Math.min(requestTimeoutMs, left)
    const signal = AbortSignal.timeout(wait)
    let response: Awaited<ReturnType<typeof request>>
    try {
      // In place: the hooks inside this one (the token's) were bound to this options object and read
      // it, not an argument. A new `request` object, so the defaults' own is not changed.
      requestOptions.request = { ...requestOptions.request, signal, log: quiet }
      response = await request(requestOptions)
    } catch (error) {
      if (signal.aborted)
        throw new GitHubTimeoutError(timeoutText(wait < requestTimeoutMs, requestTimeoutMs), {
          cause: error,
        })
      throw error
    }
    // Octokit reads a JSON body with a catch that returns what it got: a body cut off by the timeout
    // comes back as a short string. An aborted request is a timeout, whatever came back.
    if (signal.aborted)
      throw new GitHubTimeoutError(timeoutText(wait < requestTimeoutMs, requestTimeoutMs))
    return response
  })
  return octokit
}

function timeoutText(deadlineReached: boolean, requestTimeoutMs: number): string {
  return deadlineReached
    ? 'the GitHub API did not finish answering within the time allowed for all its requests'
    : `the GitHub API did not answer within ${Math.round(requestTimeoutMs / 100) / 10} s`
}

/**
 * GitHub Deployments through @actions/github's Octokit (./octokit.ts: loaded on first use, every request
 * bounded, one origin): create a deployment, add a status to it, and mark every deployment of an
 * environment inactive. The bodies come from core/deployments.ts. Each function makes its own client,
 * so the client's deadline counts from that call, not from the start of a long deploy.
 *
 * Every failure is thrown as a DeploymentApiError whose message is one short line, safe to log: the
 * token hidden, nothing from an answer unescaped, and a 401/403/404 explained as the missing
 * `deployments: write` (a workflow token without it gets 403; one that cannot see the repository, 404).
 */
import { toDeactivate, type DeploymentRequest, type StatusRequest } from '../core/deployments.js'
import { errorMessage } from '../core/errors.js'
import { escapeUnsafe, quoted } from '../core/text.js'
import {
  githubClient,
  GitHubRefusedError,
  GitHubTimeoutError,
  type GitHubClientOptions,
} from './octokit.js'

export interface DeploymentsTarget {
  token: string
  apiUrl: string
  /** `owner/name`. */
  repository: string
}

/** A GitHub request that failed; the message is one safe line. */
export class DeploymentApiError extends Error {
  override name = 'DeploymentApiError'
  constructor(
    message: string,
    /** The answer's HTTP status, when there was one. */
    readonly status?: number,
  ) {
    super(message)
  }
}

/** Deployments listed per request (GitHub's maximum). */
const PER_PAGE = 100
/** Pages of deployments read at most (1,000 deployments): a next link that never ends stops here. */
const MAX_PAGES = 10
/** Longest reason: an answer's message is cut to fit. */
const MAX_REASON = 300

/** Create a deployment; its id. */
export async function createDeployment(
  target: DeploymentsTarget,
  body: DeploymentRequest,
  options: GitHubClientOptions = {},
): Promise<number> {
  const { owner, repo } = repository(target)
  return guarded(target, 'create a deployment', async () => {
    const octokit = await githubClient(target.token, target.apiUrl, options)
    const created = await octokit.rest.repos.createDeployment({ owner, repo, ...body })
    // 202 (no id) is GitHub's answer to an auto-merge; auto_merge is false, so it means no deployment.
    const id: unknown = (created.data as { id?: unknown } | undefined)?.id
    if (!isId(id)) throw new DeploymentApiError('the API answered without a deployment id')
    return id
  })
}

/** Add a status to a deployment. */
export async function createStatus(
  target: DeploymentsTarget,
  deploymentId: number,
  body: StatusRequest,
  options: GitHubClientOptions = {},
): Promise<void> {
  const { owner, repo } = repository(target)
  await guarded(target, `set deployment ${deploymentId} to ${body.state}`, async () => {
    const octokit = await githubClient(target.token, target.apiUrl, options)
    await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: deploymentId,
      ...body,
    })
  })
}

export interface Deactivated {
  /** Deployments of the environment seen. */
  seen: number
  /** Those given an inactive status now. */
  deactivated: number[]
}

/**
 * Give every deployment of `environment` that is not inactive yet an `inactive` status (`status` is
 * its body). Its latest status is read first (GitHub lists them newest first), so a second removal adds
 * nothing.
 */
export async function deactivateEnvironment(
  target: DeploymentsTarget,
  environment: string,
  status: StatusRequest,
  options: GitHubClientOptions = {},
): Promise<Deactivated> {
  const { owner, repo } = repository(target)
  return guarded(target, `mark the deployments of ${quoted(environment)} inactive`, async () => {
    const octokit = await githubClient(target.token, target.apiUrl, options)
    const seen: Array<{ id: number; latest: string | undefined }> = []
    let pages = 0
    for await (const page of octokit.paginate.iterator(octokit.rest.repos.listDeployments, {
      owner,
      repo,
      environment,
      per_page: PER_PAGE,
    })) {
      if (!Array.isArray(page.data))
        throw new DeploymentApiError('the API answered the deployment list with no list')
      for (const d of page.data as Array<{ id?: unknown }>) {
        if (!isId(d.id)) continue
        const statuses = await octokit.rest.repos.listDeploymentStatuses({
          owner,
          repo,
          deployment_id: d.id,
          per_page: 1,
        })
        const latest: unknown = Array.isArray(statuses.data)
          ? (statuses.data[0] as { state?: unknown } | undefined)?.state
          : undefined
        seen.push({ id: d.id, latest: typeof latest === 'string' ? latest : undefined })
      }
      if (++pages >= MAX_PAGES) break
    }
    const deactivated: number[] = []
    for (const id of toDeactivate(seen)) {
      await octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: id, ...status })
      deactivated.push(id)
    }
    return { seen: seen.length, deactivated }
  })
}

function repository(target: DeploymentsTarget): { owner: string; repo: string } {
  const [owner, repo, extra] = target.repository.split('/')
  if (!owner || !repo || extra !== undefined)
    throw new DeploymentApiError(
      `GITHUB_REPOSITORY is not owner/name: ${quoted(target.repository)}`,
    )
  return { owner, repo }
}

/** Run one piece of API work; any failure comes out as a DeploymentApiError saying what was being done. */
async function guarded<T>(
  target: DeploymentsTarget,
  doing: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw new DeploymentApiError(
      `could not ${doing}: ${safe(target, why(error))}`,
      httpStatus(error),
    )
  }
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

/** What went wrong, in words: the status decides; the answer's own message only for other failures. */
function why(error: unknown): string {
  if (
    error instanceof GitHubTimeoutError ||
    error instanceof GitHubRefusedError ||
    error instanceof DeploymentApiError
  )
    return error.message
  const http = httpStatus(error)
  if (http === 401 || http === 403 || http === 404)
    return `the GitHub API answered ${http}: the token may not write deployments here (give the job \`permissions: deployments: write\`)`
  const message = errorMessage(error)
  return http === undefined ? message : `the GitHub API answered ${http}: ${message}`
}

/** The HTTP status of an answer Octokit turned into an error (not its 500 for a request that failed). */
function httpStatus(error: unknown): number | undefined {
  if (error instanceof DeploymentApiError) return error.status
  if (!error || typeof error !== 'object' || !('response' in error) || !error.response) return
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' ? status : undefined
}

/** One short line: the token hidden, unsafe characters escaped, cut to MAX_REASON. */
function safe(target: DeploymentsTarget, reason: string): string {
  let text = target.token.length >= 4 ? reason.split(target.token).join('***') : reason
  text = escapeUnsafe(text)
  const chars = [...text]
  return chars.length > MAX_REASON ? `${chars.slice(0, MAX_REASON - 1).join('')}…` : text
}

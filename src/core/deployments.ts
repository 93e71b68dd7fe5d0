/**
 * GitHub Deployments, the pure part: which environment a run deploys to, the request bodies of a
 * deployment and its statuses, the run's link, and which deployments a removal marks inactive. Plain
 * data in, plain data out; github/deployments.ts sends what this builds.
 */

/** The environment of a normal publish when the `environment` input is empty. */
export const PRODUCTION = 'production'

/** GitHub refuses longer environment names. */
export const MAX_ENVIRONMENT = 255

/** GitHub refuses a deployment (or status) description longer than this. */
export const MAX_DESCRIPTION = 140

/** The states a deployment status may take (GitHub's list). */
export type DeploymentState =
  'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success'

/**
 * The environment of a preview: `preview/pr-<number>` for a pull request, else `preview/` + what the
 * preview prefix gave after its root (`preview/main` for `previews/{branch}` on a push). One name per
 * pull request whatever preview-prefix says, so a removal or a prune finds it from the number alone.
 */
export function previewEnvironment(number: number | undefined, ownPart: string): string {
  return number !== undefined ? `preview/pr-${number}` : `preview/${ownPart || 'preview'}`
}

/** The environment a run deploys to: the input when given, else production or the preview's own. */
export function environmentName(
  input: string,
  preview: { enabled: boolean; number: number | undefined; ownPart: string },
): string {
  if (input !== '') return input
  return preview.enabled ? previewEnvironment(preview.number, preview.ownPart) : PRODUCTION
}

/** What is wrong with an environment name, or undefined. (Control characters are refused for every input.) */
export function environmentProblem(name: string): string | undefined {
  if ([...name].length > MAX_ENVIRONMENT)
    return `an environment name is at most ${MAX_ENVIRONMENT} characters`
  return undefined
}

/**
 * Text cut to GitHub's 140 characters, with an ellipsis. Counted in UTF-16 units, which is never fewer
 * than GitHub's count, and cut between code points, so no surrogate pair is split.
 */
export function shortDescription(text: string): string {
  if (text.length <= MAX_DESCRIPTION) return text
  let cut = ''
  for (const ch of text) {
    if (cut.length + ch.length > MAX_DESCRIPTION - 1) break
    cut += ch
  }
  return `${cut}…`
}

export interface DeploymentRequest {
  ref: string
  environment: string
  description: string
  task: 'deploy'
  /** Deploy exactly this commit: GitHub would otherwise try to merge the default branch into it. */
  auto_merge: false
  /** No commit-status checks: the workflow that runs the deploy decides when it runs. */
  required_contexts: []
  transient_environment: boolean
  production_environment: boolean
}

/** The body of POST /repos/{owner}/{repo}/deployments. */
export function deploymentRequest(input: {
  ref: string
  environment: string
  description: string
  transient: boolean
}): DeploymentRequest {
  return {
    ref: input.ref,
    environment: input.environment,
    description: shortDescription(input.description),
    task: 'deploy',
    auto_merge: false,
    required_contexts: [],
    transient_environment: input.transient,
    // What GitHub assumes itself when the field is left out, said explicitly: only `production` is.
    production_environment: !input.transient && input.environment === PRODUCTION,
  }
}

export interface StatusRequest {
  state: DeploymentState
  description: string
  environment_url?: string
  log_url?: string
}

/** The body of POST /repos/{owner}/{repo}/deployments/{id}/statuses; empty URLs are left out. */
export function statusRequest(input: {
  state: DeploymentState
  description: string
  environmentUrl?: string | undefined
  logUrl?: string | undefined
}): StatusRequest {
  return {
    state: input.state,
    description: shortDescription(input.description),
    ...(input.environmentUrl ? { environment_url: input.environmentUrl } : {}),
    ...(input.logUrl ? { log_url: input.logUrl } : {}),
  }
}

/** The workflow run's page (the attempt's, when it is past the first), or undefined without a run id. */
export function runLink(run: {
  server: string | undefined
  repository: string | undefined
  runId: string | undefined
  attempt: string | undefined
}): string | undefined {
  if (!run.runId || !run.repository || !/^\d+$/.test(run.runId)) return undefined
  const server = (run.server || 'https://github.com').replace(/\/+$/, '')
  const base = `${server}/${run.repository}/actions/runs/${run.runId}`
  return run.attempt && /^\d+$/.test(run.attempt) && run.attempt !== '1'
    ? `${base}/attempts/${run.attempt}`
    : base
}

/** A deployment as the removal sees it: its id and its latest status (undefined: none yet). */
export interface DeploymentSeen {
  id: number
  latest: string | undefined
}

/** The deployments a removal marks inactive: every one not inactive already, in the order listed. */
export function toDeactivate(deployments: DeploymentSeen[]): number[] {
  return deployments.filter((d) => d.latest !== 'inactive').map((d) => d.id)
}

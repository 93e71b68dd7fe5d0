/**
 * github-deployment: the run recorded as a GitHub Deployment. Before a publish, a deployment of the
 * environment with an `in_progress` status; after it, `success` with the site's URL, or `failure`.
 * After a removal, every deployment of the environment is marked `inactive`. None of it ever fails the
 * step: GitHub's errors and timeouts are warnings, a dry run and a run without a token record nothing.
 */
import * as core from '@actions/core'
import { log } from '../action/log.js'
import type { Env } from '../action/readers.js'
import type { Config } from '../core/config.js'
import { PRODUCTION, deploymentRequest, runLink, statusRequest } from '../core/deployments.js'
import { errorMessage } from '../core/errors.js'
import { listPrefix } from '../core/keys.js'
import { shown } from '../core/text.js'
import {
  createDeployment,
  createStatus,
  deactivateEnvironment,
  type DeploymentsTarget,
} from '../github/deployments.js'
import type { GitHubClientOptions } from '../github/octokit.js'
import type { RunState } from './run-state.js'

/** Before the publish: create the deployment and mark it in_progress. */
export async function deploymentStarted(config: Config, env: Env, state: RunState): Promise<void> {
  const { deployment } = config.github
  if (!deployment.enabled) return
  const environment = shown(deployment.environment)
  if (config.dryRun) {
    log.info(
      `Dry run: no GitHub deployment of ${environment} is ${config.mode === 'remove' ? 'marked inactive' : 'created'}.`,
    )
    return
  }
  const target = targetOf(config)
  if (!target) {
    log.info(`No github-token: no GitHub deployment of ${environment} is recorded.`)
    return
  }
  // A removal marks inactive once it has succeeded; pruning, each preview it removes.
  if (config.mode === 'remove' || config.mode === 'prune-previews') return
  // A rollback or promotion is recorded once it has made a build live, at that build's commit.
  if (config.mode === 'rollback' || config.mode === 'promote') return
  const id = await open(target, {
    environment: deployment.environment,
    ref: config.github.context.sha ?? env.GITHUB_SHA,
    description: `cdn-publish: s3://${config.bucket}/${listPrefix(config.prefix)}`,
    transient: deployment.transient,
  })
  if (id === undefined) return
  state.deployment = { id, environment: deployment.environment, logUrl: logUrlOf(config, env) }
  await status(
    target,
    state.deployment,
    { state: 'in_progress', description: 'Publishing' },
    state.deployment.logUrl,
  )
}

/** After the publish or removal: the deployment's final status, or the environment made inactive. */
export async function deploymentFinished(
  config: Config,
  env: Env,
  state: RunState,
  failed: boolean,
): Promise<void> {
  const { deployment } = config.github
  const target = targetOf(config)
  if (!deployment.enabled || config.dryRun || !target || config.mode === 'prune-previews') return
  if (config.mode === 'remove') {
    // A removal that failed leaves files behind: its deployments stay as they are.
    if (failed) return
    const environment = shown(deployment.environment)
    try {
      const done = await deactivateEnvironment(
        target,
        deployment.environment,
        statusRequest({
          state: 'inactive',
          description: 'Removed by cdn-publish',
          logUrl: logUrlOf(config, env),
        }),
      )
      log.info(
        `GitHub deployments of ${environment}: ${done.deactivated.length} of ${done.seen} marked inactive.`,
      )
    } catch (error) {
      core.warning(`GitHub deployment: ${errorMessage(error)}. The removal itself succeeded.`)
    }
    return
  }
  if (config.mode === 'rollback' || config.mode === 'promote') {
    const build = state.build
    if (failed || !build || build.unchanged) return
    // Promote makes the production build: production's environment, not the preview's.
    const production = config.mode === 'promote'
    await recordDeployment(config, env, {
      environment: production ? PRODUCTION : deployment.environment,
      ref: build.sha ?? config.github.context.sha ?? env.GITHUB_SHA ?? '',
      url: state.url,
      description: `cdn-publish: build ${build.id} made live (${config.mode})`,
      ...(production ? { transient: false } : {}),
    })
    return
  }
  if (!state.deployment) return
  await status(
    target,
    state.deployment,
    failed
      ? // The site may still serve the previous deploy, or part of this one: no URL to vouch for.
        { state: 'failure', description: 'The deploy failed; see the run log' }
      : { state: 'success', description: 'Published by cdn-publish', url: state.url },
    state.deployment.logUrl,
  )
}

/**
 * A cancelled run: its deployment, if it has one, ends in `error` rather than staying in_progress.
 * Bounded by `withinMs` (the runner kills a cancelled step seconds after its SIGINT). Never throws.
 */
export async function deploymentCancelled(
  config: Config,
  state: RunState,
  withinMs: number,
): Promise<void> {
  const target = targetOf(config)
  if (!state.deployment || !target) return
  await status(
    target,
    state.deployment,
    { state: 'error', description: 'The run was cancelled' },
    state.deployment.logUrl,
    { requestTimeoutMs: withinMs, deadlineMs: withinMs },
  )
}

/**
 * Record a deployment that is already live (a rollback makes an earlier build live): a deployment of
 * `environment` at `ref` with a `success` status at `url`. Its id, or undefined when github-deployment
 * is off, in a dry run, without a token, or when GitHub refused (a warning says why). Never throws.
 */
export async function recordDeployment(
  config: Config,
  env: Env,
  input: {
    environment: string
    ref: string
    url: string | undefined
    description: string
    /** Whether the environment is transient; the run's own setting when not given. */
    transient?: boolean
  },
): Promise<number | undefined> {
  const target = targetOf(config)
  if (!config.github.deployment.enabled || config.dryRun || !target) return undefined
  const id = await open(target, {
    environment: input.environment,
    ref: input.ref,
    description: input.description,
    transient: input.transient ?? config.github.deployment.transient,
  })
  if (id === undefined) return undefined
  await status(
    target,
    { id, environment: input.environment },
    { state: 'success', description: input.description, url: input.url },
    logUrlOf(config, env),
  )
  return id
}

function targetOf(config: Config): DeploymentsTarget | undefined {
  const { token, apiUrl, context } = config.github
  return token ? { token, apiUrl, repository: context.repository ?? '' } : undefined
}

function logUrlOf(config: Config, env: Env): string | undefined {
  return runLink({
    server: env.GITHUB_SERVER_URL,
    repository: config.github.context.repository,
    runId: env.GITHUB_RUN_ID,
    attempt: env.GITHUB_RUN_ATTEMPT,
  })
}

/** Create the deployment; its id, or undefined after a warning. */
async function open(
  target: DeploymentsTarget,
  input: { environment: string; ref: string | undefined; description: string; transient: boolean },
): Promise<number | undefined> {
  if (!input.ref) {
    core.warning(
      `GitHub deployment: no commit SHA (GITHUB_SHA) to deploy, so none of ${shown(input.environment)} is recorded. The deploy goes on.`,
    )
    return undefined
  }
  try {
    const id = await createDeployment(target, deploymentRequest({ ...input, ref: input.ref }))
    log.info(`GitHub deployment ${id} of ${shown(input.environment)} created for ${input.ref}.`)
    return id
  } catch (error) {
    core.warning(`GitHub deployment: ${errorMessage(error)}. The deploy goes on without one.`)
    return undefined
  }
}

async function status(
  target: DeploymentsTarget,
  deployment: { id: number; environment: string },
  body: {
    state: 'in_progress' | 'success' | 'failure' | 'error'
    description: string
    url?: string
  },
  logUrl: string | undefined,
  options?: GitHubClientOptions,
): Promise<void> {
  const { state, description, url } = body
  try {
    await createStatus(
      target,
      deployment.id,
      statusRequest({ state, description, environmentUrl: url, logUrl }),
      options,
    )
    log.info(
      `GitHub deployment ${deployment.id} of ${shown(deployment.environment)}: ${state}${url ? ` (${url})` : ''}.`,
    )
  } catch (error) {
    const after = {
      in_progress: 'The deploy goes on.',
      success: 'The deploy itself succeeded.',
      failure: 'The deploy itself failed.',
      error: 'The run was cancelled.',
    }[state]
    core.warning(`GitHub deployment: ${errorMessage(error)}. ${after}`)
  }
}

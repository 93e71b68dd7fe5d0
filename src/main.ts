/**
 * The shell: inputs -> publish (scan, sync, distribution, invalidation), remove or prune-previews -> PR comment ->
 * outputs and summary. The only place that decides whether the step failed, and that handles the
 * runner's cancel signals.
 */
import fs from 'node:fs'
import * as core from '@actions/core'
import { setOutputs, writeSummary } from './action/outputs.js'
import type { Env } from './action/readers.js'
import { maskCredentials } from './action/secrets.js'
import type { Config } from './core/config.js'
import { errorMessage, isExpected, isUnanswered } from './core/errors.js'
import { listPrefix } from './core/keys.js'
import { shown } from './core/text.js'
import { comment } from './deploy/comment.js'
import { deploymentCancelled, deploymentFinished, deploymentStarted } from './deploy/deployment.js'
import { stillToInvalidate } from './deploy/cdn-steps.js'
import { publish } from './deploy/publish.js'
import { prunePreviews } from './deploy/prune-previews.js'
import { remove } from './deploy/remove.js'
import { moveLive } from './deploy/move-live.js'
import type { RunState } from './deploy/run-state.js'
import type { SyncResult } from './deploy/sync.js'
import { configOf } from './deploy/workflow-run.js'

/** The hash worker's script, beside this bundle (dist/hash-worker.js): its own small entry. */
const HASH_WORKER = new URL('./hash-worker.js', import.meta.url)

function failureText(result: SyncResult, config: Config | undefined): string {
  const lost =
    config && result.failures.some((f) => f.message.includes('stopped answering'))
      ? ` S3 (${s3Endpoint(config)}) stopped answering within request-timeout (${config.requestTimeoutSeconds} s).`
      : ''
  const lines = result.failures
    .slice(0, 20)
    .map((f) => `  ${f.action} ${shown(f.key)}: ${f.message}`)
  return (
    `${result.failures.length} object(s) failed` +
    (result.phase === 'assets'
      ? '; metadata and deletes did not run, so the site still serves the previous HTML'
      : '') +
    (result.phase === 'metadata' ? '; deletes did not run' : '') +
    `. A re-run sends only what is missing.${lost}\n${lines.join('\n')}${result.failures.length > 20 ? '\n  ...' : ''}`
  )
}

/** The event payload the runner wrote to GITHUB_EVENT_PATH, if any. */
function readPayload(env: Env): Record<string, unknown> | undefined {
  if (!env.GITHUB_EVENT_PATH) return undefined
  try {
    return JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>
  } catch (error) {
    core.warning(
      `Could not read the event payload ${env.GITHUB_EVENT_PATH}: ${errorMessage(error)}`,
    )
    return undefined
  }
}

export async function run(env: Env = process.env): Promise<void> {
  const started = Date.now()
  const state: RunState = {}
  let failure: string | undefined
  const cancel = (signal: NodeJS.Signals) => void onCancel(state, signal, started)
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
  try {
    maskCredentials(env)
    state.config = await configOf(env, readPayload(env))
    if (state.config.github.token) core.setSecret(state.config.github.token)
    // A deployment record never fails the deploy: GitHub's errors and timeouts are warnings.
    await deploymentStarted(state.config, env, state).catch((error: unknown) =>
      core.warning(`GitHub deployment: ${errorMessage(error)}. The deploy goes on.`),
    )
    if (state.config.mode === 'remove') await remove(state.config, env, state)
    else if (state.config.mode === 'rollback' || state.config.mode === 'promote')
      await moveLive(state.config, env, state)
    else if (state.config.mode === 'prune-previews') await prunePreviews(state.config, env, state)
    else await publish(state.config, env, state, HASH_WORKER)
    if (state.result && state.result.failures.length > 0)
      failure = failureText(state.result, state.config)
  } catch (error) {
    failure = errorMessage(error)
    if (isUnanswered(error) && state.config) failure += unansweredAdvice(state.config, state)
    if (!isExpected(error) && error instanceof Error && error.stack) core.debug(error.stack)
  }
  if (cancelling) return
  try {
    if (state.config) await comment(state.config, env, state, failure !== undefined)
  } catch (error) {
    core.warning(`Pull request comment: ${errorMessage(error)}. The deploy itself succeeded.`)
  }
  try {
    if (state.config) await deploymentFinished(state.config, env, state, failure !== undefined)
  } catch (error) {
    core.warning(
      `GitHub deployment: ${errorMessage(error)}. The deploy itself ${failure === undefined ? 'succeeded' : 'failed'}.`,
    )
  }
  if (cancelling) return
  process.off('SIGINT', cancel)
  process.off('SIGTERM', cancel)
  await finish(state, failure, started)
}

/** The S3 endpoint the run talks to, as a failure names it. */
function s3Endpoint(config: Config): string {
  return config.endpoint ?? `https://${config.bucket}.s3.${config.region}.amazonaws.com`
}

/** What a run that lost its server leaves behind, and where: said after the error itself. */
function unansweredAdvice(config: Config, state: RunState): string {
  const limit = `within request-timeout (${config.requestTimeoutSeconds} s) on any of its attempts`
  if (state.talking === 'cloudfront') {
    const where = config.cdn.endpoint ?? 'https://cloudfront.amazonaws.com'
    return (
      `. CloudFront (${where}) did not answer ${limit}. The files are in the bucket; ` +
      'the distribution was not changed by this run and nothing was invalidated: the changed paths are kept in the deploy state, and the next run invalidates them.'
    )
  }
  const where = s3Endpoint(config)
  const written = state.result !== undefined && state.result.phase !== 'compare'
  return (
    `. S3 (${where}) did not answer ${limit}, ` +
    (written
      ? `in the ${state.result!.phase} phase; a re-run sends only what is missing.`
      : 'while the bucket was being read: nothing was changed, and the site still serves the previous deploy.')
  )
}

/** Outputs, the job summary, and the step's verdict. */
async function finish(
  state: RunState,
  failure: string | undefined,
  started: number,
): Promise<void> {
  try {
    setOutputs(state)
  } catch (error) {
    // GITHUB_OUTPUT missing or not writable: the step's verdict and summary still matter more.
    core.warning(`Could not set the outputs: ${errorMessage(error)}`)
  }
  const { config, result } = state
  await writeSummary({
    target: config ? `s3://${config.bucket}/${listPrefix(config.prefix)}` : 'cdn-publish',
    mode: config?.mode ?? 'publish',
    preview: config?.preview.enabled ?? false,
    dryRun: config?.dryRun ?? false,
    durationMs: Date.now() - started,
    counts: result ? (result.dryRun ? result.planned : result.done) : undefined,
    plan: result?.plan,
    failures: result?.failures ?? [],
    phase: result?.phase,
    error: failure && !result?.failures.length ? failure : undefined,
    distribution: state.distribution,
    invalidation: state.invalidation,
    marked: result?.marked ?? [],
    url: state.url,
    build: state.build,
    prune: state.prune,
    concurrency: state.concurrency,
  })
  if (failure !== undefined) core.setFailed(failure)
}

let cancelling = false

/** How long a cancelled run may take to record what is still to purge (the runner kills ~10 s after SIGINT). */
const CANCEL_SAVE_MS = 5000

/**
 * The runner cancels a job with SIGINT (then SIGTERM, then a kill): record in the state what this run
 * changed and no invalidation covered yet, so the next run purges it, write the summary, and stop.
 * (A kill nobody can catch is covered by the next run reading the listing: plan.ts driftedKeys.)
 */
async function onCancel(state: RunState, signal: NodeJS.Signals, started: number): Promise<void> {
  if (cancelling) return
  cancelling = true
  const { config, result } = state
  // Beside the state's save, within the same few seconds: a deployment left in_progress would stay so.
  const deployment = config ? deploymentCancelled(config, state, CANCEL_SAVE_MS) : undefined
  const phase = result ? result.phase : 'compare'
  let failure = `Cancelled (${signal}) while ${phase === 'compare' ? 'reading the bucket and the build: nothing was written' : `in the ${phase} phase`}.`
  if (config && result && !result.dryRun) {
    const pending = stillToInvalidate(config, state)
    const saved = await Promise.race([
      result.saveState(pending, state.remember).then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), CANCEL_SAVE_MS).unref()),
    ])
    failure += saved
      ? ` ${pending.length} changed path(s) are recorded in the deploy state; the next run invalidates them.`
      : ' The deploy state could not be written in time; the next run finds the changes from the listing.'
  }
  await deployment
  await finish(state, failure, started)
  process.exit(signal === 'SIGINT' ? 130 : 143)
}

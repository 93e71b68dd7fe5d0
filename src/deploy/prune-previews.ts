/**
 * mode: prune-previews: list the folders under the preview root, ask GitHub for the state of each
 * one's pull request, look at the age of those that may have to go, and remove the previews of closed
 * pull requests and those older than preview-max-age, each through the path of `mode: remove` (objects,
 * routing data in the KeyValueStore, invalidation) and its comment marked removed. What goes and what
 * stays, and why, is decided in core/prune-previews.ts.
 */
import * as core from '@actions/core'
import { log } from '../action/log.js'
import type { Env } from '../action/readers.js'
import type { Config } from '../core/config.js'
import { errorMessage, PreflightError } from '../core/errors.js'
import { joinKey, listPrefix } from '../core/keys.js'
import { mapLimit } from '../core/limit.js'
import {
  decidePreview,
  previewPattern,
  sortDecisions,
  type PreviewDecision,
  type PreviewFolder,
  type PullRequestState,
} from '../core/prune-previews.js'
import { shown } from '../core/text.js'
import { previewEnvironment } from '../core/deployments.js'
import { deploymentFinished } from './deployment.js'
import { pullRequestStates } from '../github/pulls.js'
import { clock } from './clock.js'
import { comment } from './comment.js'
import { remove } from './remove.js'
import type { RunState } from './run-state.js'
import { DRY_RUN_NOTE, s3Reader } from './sides.js'

/** One folder under the preview root, what was decided, and for a removal what it did. */
export interface PrunedPreview extends PreviewDecision {
  /** The preview's prefix in the bucket (`site/previews/pr-42`). */
  prefix: string
  /** Objects deleted (in a dry run, that would be). */
  deleted?: number
  /** Why the removal failed. */
  error?: string
}

export interface PruneOutcome {
  /** The preview root's prefix in the bucket (`site/previews`). */
  root: string
  dryRun: boolean
  previews: PrunedPreview[]
}

/** Preview folders whose objects are listed at once, for their age. */
const LISTINGS_IN_FLIGHT = 8

export async function prunePreviews(config: Config, env: Env, state: RunState): Promise<void> {
  const { template, root, maxAgeMs } = config.preview
  const mapped = previewPattern(template, root)
  // inputs.ts refuses such a template; this only keeps the types honest.
  if ('problem' in mapped) throw new PreflightError(`preview-prefix ${template}: ${mapped.problem}`)
  const rootPrefix = joinKey(config.prefix, root)
  const where = `s3://${config.bucket}/${listPrefix(rootPrefix)}`
  if (config.dryRun) log.info(DRY_RUN_NOTE)
  const reader = await s3Reader(config)
  const names = await log.group(`List the previews under ${where}`, () =>
    reader.folders(rootPrefix),
  )
  const folders: PreviewFolder[] = names.map((name) => ({
    name,
    number: mapped.pattern.numberOf(name),
  }))
  const outcome: PruneOutcome = { root: rootPrefix, dryRun: config.dryRun, previews: [] }
  state.prune = outcome
  if (folders.length === 0) {
    log.info(`No previews under ${where}.`)
    return
  }

  const states = await readStates(config, folders)
  if (maxAgeMs > 0) {
    // Only previews that may stay need their age: a closed pull request's goes anyway.
    const aged = folders.filter((f) => f.number !== undefined && !closed(states.get(f.number)))
    await log.group(`Read the last deploy of ${aged.length} preview(s)`, () =>
      mapLimit(aged, LISTINGS_IN_FLIGHT, async (folder) => {
        const objects = await reader.objects(joinKey(rootPrefix, folder.name))
        folder.lastDeployed = newest(objects.map((o) => o.lastModified))
      }),
    )
  }
  const rules = { template, maxAgeMs, now: clock(env).getTime() }
  const decisions = sortDecisions(
    folders.map((f) =>
      decidePreview(f, f.number === undefined ? undefined : states.get(f.number), rules),
    ),
  )
  outcome.previews = decisions.map((d) => ({ ...d, prefix: joinKey(rootPrefix, d.name) }))
  for (const p of outcome.previews)
    log.info(
      `${p.remove ? (config.dryRun ? 'would remove' : 'remove') : 'keep'}  ${shown(p.name)}: ${p.reason}`,
    )

  for (const preview of outcome.previews.filter((p) => p.remove))
    await removeOne(config, env, state, preview)
  const failed = outcome.previews.filter((p) => p.error !== undefined)
  if (failed.length > 0)
    throw new PreflightError(
      `${failed.length} preview(s) could not be removed: ` +
        failed.map((p) => `${shown(p.name)} (${p.error})`).join('; ') +
        '. The others were pruned; a re-run tries again.',
    )
}

function closed(pr: PullRequestState | undefined): boolean {
  return pr !== undefined && 'state' in pr && pr.state === 'closed'
}

function newest(times: readonly Date[]): Date | undefined {
  let found: Date | undefined
  for (const t of times) if (!found || t > found) found = t
  return found
}

/** Each pull request's state, or why it is not known (no token, an API error): those previews stay. */
async function readStates(
  config: Config,
  folders: readonly PreviewFolder[],
): Promise<Map<number, PullRequestState>> {
  const numbers = [
    ...new Set(folders.flatMap((f) => (f.number === undefined ? [] : [f.number]))),
  ].sort((a, b) => a - b)
  const { token, apiUrl, context } = config.github
  if (numbers.length === 0) return new Map()
  if (!token) {
    log.info('No github-token: the pull requests cannot be asked about, so only age prunes.')
    return new Map(numbers.map((n) => [n, { unknown: 'no github-token to ask GitHub with' }]))
  }
  return log.group(`Ask GitHub about ${numbers.length} pull request(s)`, () =>
    pullRequestStates({ token, apiUrl, repository: context.repository ?? '' }, numbers),
  )
}

/** The configuration of `mode: remove` for one preview: its prefix, its pull request. */
function previewConfig(config: Config, preview: PrunedPreview): Config {
  return {
    ...config,
    mode: 'remove',
    prefix: preview.prefix,
    preview: { ...config.preview, enabled: true },
    github: {
      ...config.github,
      context: { ...config.github.context, number: preview.number, sha: undefined, closed: true },
      // The preview's own environment, as its publish named it.
      deployment: {
        ...config.github.deployment,
        environment: previewEnvironment(preview.number, preview.name),
        transient: true,
      },
    },
  }
}

/** Remove one preview as `mode: remove` does, then mark its comment (and deployments) removed. */
async function removeOne(
  config: Config,
  env: Env,
  state: RunState,
  preview: PrunedPreview,
): Promise<void> {
  const own = previewConfig(config, preview)
  const run: RunState = { config: own }
  try {
    await log.group(`Remove the preview ${shown(preview.name)} (${preview.reason})`, () =>
      remove(own, env, run),
    )
  } catch (error) {
    preview.error = errorMessage(error)
  }
  const result = run.result
  if (result) {
    preview.deleted = result.dryRun ? result.planned.deleted : result.done.deleted
    if (result.failures.length > 0)
      preview.error ??= `${result.failures.length} object(s) could not be deleted, such as ${shown(result.failures[0]!.key)}: ${result.failures[0]!.message}`
  }
  state.distribution ??= run.distribution
  if (preview.error !== undefined || config.dryRun) return
  await previewRemoved(own, env, run)
}

/**
 * What follows a removed preview on GitHub: its pull request's comment says so (deploy/comment.ts, as
 * after `mode: remove`), and its deployments turn inactive (the hook below). Neither fails the run.
 */
async function previewRemoved(own: Config, env: Env, run: RunState): Promise<void> {
  try {
    await comment(own, env, run, false)
  } catch (error) {
    core.warning(`Pull request comment: ${errorMessage(error)}. The preview itself was removed.`)
  }
  await markDeploymentsInactive(own, env, run)
}

/** github-deployment: the pull request's deployments marked inactive, as `mode: remove` does. */
async function markDeploymentsInactive(own: Config, env: Env, run: RunState): Promise<void> {
  try {
    await deploymentFinished(own, env, run, false)
  } catch (error) {
    core.warning(`GitHub deployment: ${errorMessage(error)}. The preview itself was removed.`)
  }
}

/**
 * The inputs of a run, and for a workflow_run that follows a fork's pull request (whose payload lists no
 * pull request: GitHub leaves `workflow_run.pull_requests` empty for forks) the pull request found
 * through the API, so that `{number}` and the comment work there. The parsing stays pure
 * (action/inputs.ts); this is the one request it may need.
 */
import * as core from '@actions/core'
import { log } from '../action/log.js'
import { parseConfig } from '../action/inputs.js'
import { readContext, type PullRequestFound } from '../action/context.js'
import { getInput, type Env } from '../action/readers.js'
import type { Config } from '../core/config.js'
import { shown } from '../core/text.js'
import { findPullRequestByHead } from '../github/pulls.js'

/** Stands in for the number still to be found while the inputs are checked: it is never used. */
const STAND_IN: PullRequestFound = { number: 1 }

export async function configOf(
  env: Env,
  payload: Record<string, unknown> | undefined,
): Promise<Config> {
  const lookup = readContext(env, payload).lookup
  if (!lookup) return parseConfig(env, payload)
  // Every input is checked before the lookup, the first request of the run.
  const checked = parseConfig(env, payload, STAND_IN)
  const needed =
    (checked.preview.enabled && checked.mode !== 'prune-previews') ||
    getInput(env, 'prefix').includes('{number}')
  if (!needed) return parseConfig(env, payload)
  const { token, apiUrl, context } = checked.github
  if (!token)
    return parseConfig(env, payload, {
      missing:
        'its payload lists no pull request (GitHub lists none for a fork), and without github-token it cannot be looked up',
    })
  core.setSecret(token)
  const label = `${lookup.owner}:${lookup.branch}`
  const found = await log.group(`Find the pull request of ${shown(label)}`, async () => {
    const answer = await findPullRequestByHead(
      { token, apiUrl, repository: context.repository ?? '' },
      lookup,
    )
    log.info(
      'number' in answer
        ? `Pull request #${answer.number} has the head ${shown(label)} at ${shown(lookup.sha)}.`
        : `No pull request: ${answer.missing}.`,
    )
    return answer
  })
  return parseConfig(env, payload, found)
}

import * as core from '@actions/core'
import { log } from '../action/log.js'
import type { Env } from '../action/readers.js'
import type { Config } from '../core/config.js'
import { listPrefix } from '../core/keys.js'
import { commentMarker, renderComment, upsertComment } from '../github/comment.js'
import type { RunState } from './run-state.js'

/** Create or edit the pull request's preview comment; never fails the step. */
export async function comment(
  config: Config,
  env: Env,
  state: RunState,
  failed: boolean,
): Promise<void> {
  const { token, apiUrl, context } = config.github
  // prune-previews comments on each pruned preview's pull request itself (deploy/prune-previews.ts).
  if (config.mode === 'prune-previews') return
  if (!config.preview.enabled || context.number === undefined || failed || config.dryRun) return
  if (!token) {
    log.info('No github-token: the pull request gets no comment.')
    return
  }
  // One comment per pull request and site (bucket and base prefix), whatever the preview prefix holds.
  const marker = commentMarker(config.bucket, config.basePrefix)
  const counts = state.result?.done
  const server = env.GITHUB_SERVER_URL || 'https://github.com'
  const body = renderComment({
    marker,
    url: state.url,
    target: `s3://${config.bucket}/${listPrefix(config.prefix)}`,
    sha: context.sha,
    counts,
    time: new Date().toISOString(),
    removed: config.mode === 'remove',
    runUrl:
      env.GITHUB_RUN_ID && context.repository
        ? `${server}/${context.repository}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
  })
  const result = await upsertComment(
    { token, apiUrl, repository: context.repository ?? '', number: context.number },
    marker,
    body,
  )
  if (result.action === 'skipped')
    core.warning(`Pull request comment: ${result.reason}. The deploy itself succeeded.`)
  else log.info(`Pull request comment ${result.action} (#${context.number}, comment ${result.id}).`)
}

/** The step's outputs and its job summary, through @actions/core. */
import * as core from '@actions/core'
import { errorMessage } from '../core/errors.js'
import type { RunState } from '../deploy/run-state.js'
import { renderSummary, type SummaryInput } from './summary.js'

/** Every output action.yml declares, from what the run did (empty or zero for what it did not do). */
export function setOutputs(state: RunState): void {
  const { result, distribution } = state
  const c = result?.dryRun ? result.planned : result?.done
  core.setOutput('uploaded', String(c?.uploaded ?? 0))
  core.setOutput('updated', String(c?.updated ?? 0))
  const pruned = state.prune?.previews.filter((p) => p.remove && p.error === undefined)
  core.setOutput(
    'deleted',
    String(pruned ? pruned.reduce((sum, p) => sum + (p.deleted ?? 0), 0) : (c?.deleted ?? 0)),
  )
  core.setOutput('unchanged', String(c?.unchanged ?? 0))
  core.setOutput('bytes-uploaded', String(c?.bytesUploaded ?? 0))
  core.setOutput('distribution-id', distribution?.id ?? '')
  core.setOutput('cdn-domain', distribution?.domain ?? '')
  core.setOutput('url', state.url ?? '')
  core.setOutput('invalidation-id', state.invalidation?.ids.join(',') ?? '')
  core.setOutput(
    'invalidated-paths',
    String(
      state.invalidation && !state.invalidation.dryRun ? state.invalidation.plan.paths.length : 0,
    ),
  )
  core.setOutput('prefix', state.config?.prefix ?? '')
  core.setOutput('key-group-id', distribution?.signing?.keyGroupId ?? '')
  core.setOutput(
    'public-key-id',
    distribution?.signing?.signingKeyId ?? distribution?.signing?.publicKeyIds[0] ?? '',
  )
  core.setOutput('build-id', state.build?.id ?? '')
  core.setOutput('previous-build-id', state.build?.previous ?? '')
  core.setOutput('signed-urls', state.signedUrls ? JSON.stringify(state.signedUrls) : '{}')
  // prune-previews: the prefixes of the previews removed (in a dry run, that would be), as JSON.
  core.setOutput('pruned', JSON.stringify((pruned ?? []).map((p) => p.prefix)))
}

/** Write the job summary; never fails the step (no summary file, the size cap, a write error). */
export async function writeSummary(input: SummaryInput): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(renderSummary(input)).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}

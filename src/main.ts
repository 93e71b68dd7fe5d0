/**
 * The shell: inputs -> scan -> (bucket) -> sync -> distribution -> outputs and summary. The only place
 * that touches @actions/core and decides whether the step failed.
 */
import * as core from '@actions/core'
import { BucketAdmin } from './bucket-setup.js'
import { CloudFrontApi, createCloudFrontClient } from './cloudfront/client.js'
import { ensureDistribution, siteUrl, type DistributionOutcome } from './cloudfront/ensure.js'
import { invalidate, type InvalidationOutcome } from './cloudfront/invalidate.js'
import { DryRunStore } from './dry-run-store.js'
import { PreflightError, errorMessage, isExpected } from './errors.js'
import { compileFilter, type Filter } from './filter.js'
import { parseConfig, type Config, type Env } from './inputs.js'
import { listPrefix } from './keys.js'
import { checkSource, scanSource, type LocalFile } from './local-files.js'
import { compileRules } from './rules.js'
import { S3Store, createS3Client } from './s3-store.js'
import { renderSummary, type SummaryInput } from './summary.js'
import { sync, type Log, type SyncResult } from './sync.js'

export const log: Log = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  group: (name, work) => core.group(name, work),
}

/** Held-back files are listed at info up to this many. */
const HELD_BACK_LIMIT = 50

interface RunState {
  config?: Config
  result?: SyncResult
  distribution?: DistributionOutcome
  invalidation?: InvalidationOutcome
  url?: string
}

function setOutputs(state: RunState): void {
  const { result, distribution } = state
  const c = result?.dryRun ? result.planned : result?.done
  core.setOutput('uploaded', String(c?.uploaded ?? 0))
  core.setOutput('updated', String(c?.updated ?? 0))
  core.setOutput('deleted', String(c?.deleted ?? 0))
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
}

/** Check the source and select the files to publish; fails before any request. */
async function scanBuild(config: Config, filter: Filter): Promise<LocalFile[]> {
  const root = await checkSource(config.source, config.sourceInput)
  const scan = await log.group(`Scan ${config.sourceInput}`, async () => {
    const scan = await scanSource(root, filter)
    const secrets = scan.skipped.filter((s) => s.verdict === 'secret')
    if (secrets.length > 0)
      core.warning(
        `Held back ${secrets.length} file(s) that look like credentials: ${secrets
          .slice(0, HELD_BACK_LIMIT)
          .map((s) => s.key)
          .join(
            ', ',
          )}. Name them in include (e.g. "${secrets[0]!.key}") to publish them on purpose.`,
      )
    const hidden = scan.skipped.filter((s) => s.verdict === 'hidden')
    if (hidden.length > 0)
      core.info(
        `Left out ${hidden.length} hidden file(s) (a path segment starts with "."): ${hidden
          .slice(0, HELD_BACK_LIMIT)
          .map((s) => s.key)
          .join(', ')}`,
      )
    const bytes = scan.files.reduce((sum, f) => sum + f.size, 0)
    core.info(`${scan.files.length} files, ${bytes} bytes selected in ${root}.`)
    return scan
  })
  if (scan.files.length === 0 && !config.allowEmpty)
    throw new PreflightError(
      `No files to publish in ${JSON.stringify(config.sourceInput)} after include/exclude. Publishing an empty build ` +
        'would delete the site, so nothing was changed. Check that the build wrote its output there, or set allow-empty: true.',
    )
  return scan.files
}

async function deploy(config: Config, env: Env, state: RunState): Promise<void> {
  const filter = compileFilter(config)
  const local = await scanBuild(config, filter)
  const client = createS3Client(config)
  const admin = new BucketAdmin(client, config.bucket, config.region)
  if (config.cdn.createBucket && !(await admin.exists())) {
    if (config.dryRun)
      log.info(
        `Would create bucket ${config.bucket} (versioned, encrypted, public access blocked).`,
      )
    else {
      await admin.createSecure()
      log.info(
        `Created bucket ${config.bucket} in ${config.region}: versioning on, SSE-S3 encryption, public access blocked, ACLs off.`,
      )
    }
  }
  const s3 = new S3Store(client, config)
  const store = config.dryRun ? new DryRunStore(s3) : s3
  if (config.dryRun)
    core.info('Dry run: the bucket and the distribution are read, nothing is written.')
  state.result = await sync({
    store,
    local,
    rules: compileRules(config),
    filter,
    options: {
      delete: config.delete,
      maxDeletes: config.maxDeletes,
      concurrency: config.concurrency,
      dryRun: config.dryRun,
    },
    log,
  })
  if (state.result.failures.length > 0) return
  if (config.dryRun && config.cdn.createBucket && !(await admin.exists())) return
  const api = new CloudFrontApi(createCloudFrontClient(config.cdn.endpoint))
  state.distribution = await ensureDistribution({
    config,
    api,
    admin,
    log,
    env,
    dryRun: config.dryRun,
  })
  if (!state.distribution) return
  if (state.distribution.domain || state.distribution.aliases.length > 0)
    state.url = siteUrl(state.distribution, config.prefix)
  if (state.distribution.action !== 'created' && state.distribution.action !== 'would-create')
    state.invalidation = await invalidate({
      config,
      api,
      distribution: state.distribution,
      plan: state.result.plan,
      log,
      env,
      dryRun: config.dryRun,
    })
}

function failureText(result: SyncResult): string {
  const shown = result.failures.slice(0, 20).map((f) => `  ${f.action} ${f.key}: ${f.message}`)
  return (
    `${result.failures.length} object(s) failed` +
    (result.phase === 'assets'
      ? '; metadata and deletes did not run, so the site still serves the previous HTML'
      : '') +
    (result.phase === 'metadata' ? '; deletes did not run' : '') +
    `. A re-run sends only what is missing.\n${shown.join('\n')}${result.failures.length > 20 ? '\n  ...' : ''}`
  )
}

export async function run(env: Env = process.env): Promise<void> {
  const started = Date.now()
  const state: RunState = {}
  let failure: string | undefined
  try {
    state.config = parseConfig(env)
    await deploy(state.config, env, state)
    if (state.result && state.result.failures.length > 0) failure = failureText(state.result)
  } catch (error) {
    failure = errorMessage(error)
    if (!isExpected(error) && error instanceof Error && error.stack) core.debug(error.stack)
  } finally {
    setOutputs(state)
    const { config, result } = state
    await writeSummary({
      target: config ? `s3://${config.bucket}/${listPrefix(config.prefix)}` : 'cdn-publish',
      dryRun: config?.dryRun ?? false,
      durationMs: Date.now() - started,
      counts: result ? (result.dryRun ? result.planned : result.done) : undefined,
      plan: result?.plan,
      failures: result?.failures ?? [],
      phase: result?.phase,
      error: failure && !result?.failures.length ? failure : undefined,
      distribution: state.distribution,
      invalidation: state.invalidation,
      url: state.url,
    })
  }
  if (failure !== undefined) core.setFailed(failure)
}

/** Write the job summary; never fails the step (no summary file, the size cap, a write error). */
async function writeSummary(input: SummaryInput): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(renderSummary(input)).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}

/**
 * mode: rollback and mode: promote: make another build live by moving the site's pointer in the
 * distribution's KeyValueStore. The distribution is found, never created or changed; the bucket is only
 * read.
 */
import { log } from '../action/log.js'
import type { Env } from '../action/readers.js'
import type { Config } from '../core/config.js'
import { PreflightError } from '../core/errors.js'
import { findStore, switchBuild } from './atomic.js'
import type { RunState } from './run-state.js'
import { cloudFront, DRY_RUN_NOTE, s3Side } from './sides.js'
import { siteRootOf } from './site.js'
import { siteUrlOf } from './urls.js'

export async function moveLive(config: Config, env: Env, state: RunState): Promise<void> {
  if (config.dryRun) log.info(DRY_RUN_NOTE)
  const root = siteRootOf(config)
  if (root === undefined)
    throw new PreflightError(
      `mode: ${config.mode} moves the live build of the site or a preview; ${config.prefix || '(root)'} is neither. Nothing was changed.`,
    )
  const side = await s3Side(config)
  state.talking = 'cloudfront'
  const loaded = await cloudFront(config)
  if (!loaded) throw new PreflightError(`mode: ${config.mode} needs the CloudFront distribution.`)
  const { cf, api } = loaded
  // Promote serves production: its URL and pointer, not the preview's.
  const target: Config =
    config.mode === 'promote'
      ? { ...config, prefix: config.basePrefix, preview: { ...config.preview, enabled: false } }
      : config
  state.distribution = await cf.ensureDistribution({
    config: target,
    api,
    admin: side.admin,
    log,
    env,
    dryRun: config.dryRun,
    findOnly: true,
  })
  if (!state.distribution)
    throw new PreflightError(
      `mode: ${config.mode}: no distribution serves s3://${config.bucket}/${config.basePrefix}. Nothing was changed.`,
    )
  state.url = siteUrlOf(cf, target, state.distribution)
  const cdn = await findStore(config, api)
  if (!cdn)
    throw new PreflightError(
      `mode: ${config.mode}: distribution ${state.distribution.id} has no KeyValueStore for site behaviour, so it has no builds to switch between (deploy with atomic: true first). Nothing was changed.`,
    )
  state.build = await log.group(config.mode === 'promote' ? 'Promote' : 'Roll back', () =>
    switchBuild({
      config,
      side,
      cdn,
      root: config.mode === 'promote' ? '/' : root,
      ...(config.mode === 'promote' ? { from: root } : {}),
    }),
  )
}

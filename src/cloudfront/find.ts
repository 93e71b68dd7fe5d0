/**
 * Find the distribution that serves the site: the one distribution-id names, else the one holding a
 * requested alias, else the one the action marked for this bucket and prefix (by its Comment, or by its
 * tag when the Comment was edited by hand).
 */
import { AwsCallError } from '../core/errors.js'
import type { CdnConfig, Config } from '../core/config.js'
import type { Log } from '../core/ports.js'
import type { CloudFrontApi, Fetched } from './client.js'
import {
  MARK_TAG,
  findByAliases,
  findByComment,
  findByOrigin,
  isMarkComment,
  isMarkTag,
  type DistributionView,
} from './distribution.js'

export interface FindArgs {
  config: Pick<Config, 'bucket' | 'basePrefix'> & {
    cdn: Pick<CdnConfig, 'distributionId' | 'aliases' | 'createDistribution'>
  }
  api: Pick<CloudFrontApi, 'get' | 'listViews' | 'tags'>
  log: Log
}

/** The distribution found, if any, and whether the action created it for this bucket and prefix. */
export async function findTarget(
  args: FindArgs,
): Promise<{ target: Fetched | undefined; owned: boolean }> {
  const { config, api, log } = args
  const cdn = config.cdn
  const ours = (view: DistributionView) =>
    isMarkComment(view.comment, config.bucket, config.basePrefix)
  if (cdn.distributionId) {
    try {
      const target = await api.get(cdn.distributionId)
      // Named by ID but created by the action for this bucket and prefix: it stays managed.
      const owned = ours(target.view)
      log.info(
        owned
          ? `Using distribution ${cdn.distributionId} (distribution-id), created by cdn-publish for this bucket and prefix.`
          : `Using distribution ${cdn.distributionId} (distribution-id); only aliases, certificate and price class are changed when asked.`,
      )
      return { target, owned }
    } catch (error) {
      if (error instanceof AwsCallError && error.code === 'NoSuchDistribution')
        throw new Error(
          `Input 'distribution-id' names ${cdn.distributionId}, which does not exist or is not visible to these credentials.`,
        )
      throw error
    }
  }
  let views: DistributionView[]
  try {
    views = await api.listViews()
  } catch (error) {
    // S3-only use on AWS: without create-distribution, not being allowed to look is not an error.
    if (
      !cdn.createDistribution &&
      error instanceof AwsCallError &&
      error.code?.startsWith('AccessDenied')
    ) {
      log.warning(
        `${error.message} With create-distribution: false, the files are published to S3 only.`,
      )
      return { target: undefined, owned: false }
    }
    throw error
  }
  if (cdn.aliases.length > 0) {
    const { found, error } = findByAliases(views, cdn.aliases)
    if (error) throw new Error(error)
    if (found) {
      log.info(`Found distribution ${found.id}, which serves ${found.aliases.join(', ')}.`)
      return { target: await api.get(found.id), owned: ours(found) }
    }
  }
  const marked = findByComment(views, config.bucket, config.basePrefix).sort((a, b) =>
    a.id.localeCompare(b.id),
  )
  if (marked.length > 1)
    log.warning(
      `Several distributions carry the mark of this bucket and prefix: ${marked.map((v) => v.id).join(', ')}; using ${marked[0]!.id}.`,
    )
  if (marked[0]) {
    log.info(
      `Found distribution ${marked[0].id}, created by cdn-publish for ${config.bucket}/${config.basePrefix}.`,
    )
    return { target: await api.get(marked[0].id), owned: true }
  }
  // The comment may have been edited by hand: look for the tag on distributions of this origin.
  for (const candidate of findByOrigin(views, config.bucket, config.basePrefix)) {
    const tags = await api.tags(candidate.arn)
    // Earlier versions wrote the mark raw: both forms are this bucket and prefix.
    if (isMarkTag(tags[MARK_TAG], config.bucket, config.basePrefix)) {
      log.info(`Found distribution ${candidate.id} by its ${MARK_TAG} tag.`)
      return { target: await api.get(candidate.id), owned: true }
    }
  }
  return { target: undefined, owned: false }
}

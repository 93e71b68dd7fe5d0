/**
 * The CloudFront Functions of a distribution the action manages: viewer-request (hides the state, maps
 * directory URLs, SPA routes and preview hosts) and, where previews exist, viewer-response (noindex on
 * previews). The code comes from ./viewer-request.ts; ./functions.ts publishes it.
 */
import type { Log } from '../core/ports.js'
import type { FunctionArns } from './distribution.js'
import type { FunctionsApi } from './functions.js'
import type { PreviewSetup } from './previews.js'
import { siteRequestCode, siteResponseCode } from './site-functions.js'
import {
  FUNCTION_COMMENT_PREFIX,
  viewerRequestCode,
  viewerRequestComment,
  viewerRequestName,
  viewerResponseCode,
  viewerResponseComment,
} from './viewer-request.js'

export interface FunctionsSetup {
  functions: Pick<FunctionsApi, 'ensure'>
  log: Log
  dryRun: boolean
  prettyUrls: boolean
  spa: boolean
  /** The preview root (`previews`), which the functions treat as previews. */
  previewRoot: string
  /** Site behaviour: the KeyValueStore the site functions read. */
  store?: { id: string; arn: string } | undefined
}

/** The functions' ARNs by event; undefined when the endpoint has no CloudFront Functions (or in a dry run). */
export async function ensureFunctions(
  args: FunctionsSetup,
  preview: PreviewSetup,
): Promise<FunctionArns | undefined> {
  const { prettyUrls, spa, previewRoot: root, store } = args
  const options = { prettyUrls, spa, previewRoot: root, previewDomain: preview.domain }
  const wanted: Array<['viewer-request' | 'viewer-response', string, string]> = []
  if (store) {
    const site = {
      storeId: store.id,
      spa,
      prettyUrls,
      previewRoot: root,
      previewDomain: preview.domain,
    }
    wanted.push(
      ['viewer-request', siteRequestCode(site), siteComment('request')],
      ['viewer-response', siteResponseCode(site), siteComment('response')],
    )
  } else {
    wanted.push(['viewer-request', viewerRequestCode(options), viewerRequestComment(options)])
    if (preview.used)
      wanted.push([
        'viewer-response',
        viewerResponseCode({ previewRoot: root, previewDomain: preview.domain }),
        viewerResponseComment(),
      ])
  }
  if (args.dryRun) return undefined
  const arns: FunctionArns = {}
  for (const [event, code, comment] of wanted) {
    const name = viewerRequestName(code)
    const fn = await args.functions.ensure(name, code, comment, store?.arn)
    if (!fn) {
      args.log.warning(
        'This CloudFront endpoint does not support CloudFront Functions: directory indexes (pretty-urls), SPA routing, preview hosts, noindex on previews and hiding the deploy state from viewers are not set up.',
      )
      return undefined
    }
    if (fn.created) args.log.info(`Published CloudFront Function ${name} (${event}).`)
    arns[event] = fn.arn
  }
  return arns
}

function siteComment(event: 'request' | 'response'): string {
  return `${FUNCTION_COMMENT_PREFIX}${event} (site behaviour: 404s, redirects, headers)`
}

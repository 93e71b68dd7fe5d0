// The edge: what a viewer gets from a distribution.
//   GET|HEAD {layer}/strict-edge/<distributionId><path>[?query]
// The viewer's Host is the request's Host header, or x-strict-edge-host when the client cannot set
// Host (fetch cannot); a Host naming the layer itself stands for the distribution's own domain
// name. Other request headers (Accept-Encoding, Cookie, ...) are the viewer's; x-strict-edge-* are
// the layer's and never seen. Every viewer request counts as HTTPS (no redirect-to-https 301).
// The flow, as CloudFront documents it:
//   1. the distribution's config (the one the layer saw sent, else moto's), disabled -> 403; a Host
//      that is neither its domain nor one of its aliases -> 403; a method other than GET/HEAD -> 403;
//   2. the cache behaviour whose PathPattern matches the viewer's path (a function changing the URI
//      does not change it: "CloudFront Functions event structure", uri);
//   3. its viewer-request function (LIVE stage) runs: a returned response goes straight back to the
//      viewer ("Determine function purpose": no cache, no origin, no viewer-response function); a
//      returned request continues; DefaultRootObject stands for '/';
//   4. the object comes from the S3 origin as it answers CloudFront (edge-origin.mjs);
//   5. an origin status of 400 or more gets the CustomErrorResponses page if one is set, and no
//      viewer-response function runs ("Restrictions on all edge functions": HTTP status codes);
//   6. otherwise the viewer-response function runs with event.request = the request CloudFront
//      received from the viewer (not the one the viewer-request function returned) and
//      event.response = the origin's; it may change the status and headers and replace the body
//      (the body it never sees).
// A function that throws, rejects or never finishes -> 503 (FunctionExecutionError); one that
// returns something CloudFront cannot use -> 502 (FunctionValidationError); the body names the error
// and the x-cache header says which, as CloudFront's does.
import { randomBytes } from 'node:crypto'
import { FunctionExecutionError, runFunction } from './function-runtime.mjs'
import { associatedArns } from './kvs-control.mjs'
import { behaviorFor, customError, fetchFromOrigin, originFor } from './edge-origin.mjs'
import {
  queryObject,
  requestCookies,
  requestHeaders,
  responseEvent,
  toHttpResponse,
  checkRequest,
} from './edge-shape.mjs'
import { at, child, children, parseXml, textAt } from './xml.mjs'

export const EDGE_PREFIX = '/strict-edge/'
const HOST_OVERRIDE = 'x-strict-edge-host'

function tryParse(body) {
  try {
    return parseXml(body)
  } catch {
    return undefined
  }
}

async function loadDistribution(ctx, id) {
  const answer = await ctx.upstream.call(
    'cloudfront',
    'GET',
    `/2020-05-31/distribution/${encodeURIComponent(id)}`,
  )
  const root = answer.status === 200 ? tryParse(answer.body) : undefined
  if (!root) return undefined
  const config = ctx.state.distributions.get(id)?.config ?? child(root, 'DistributionConfig')
  return { id, arn: textAt(root, 'ARN'), domainName: textAt(root, 'DomainName'), config }
}

function hostServed(distribution, host) {
  const name = host.replace(/:\d+$/, '').toLowerCase()
  if (name === distribution.domainName?.toLowerCase()) return true
  return children(at(distribution.config, 'Aliases', 'Items'), 'CNAME').some((c) => {
    const alias = c.text.trim().toLowerCase()
    if (alias === name) return true
    return (
      alias.startsWith('*.') &&
      name.endsWith(alias.slice(1)) &&
      !name.slice(0, -alias.length + 1).includes('.')
    )
  })
}

/** The LIVE function a behaviour associates with an event type, with its key value store. */
function associated(ctx, behavior, eventType) {
  const association = children(
    at(behavior, 'FunctionAssociations', 'Items'),
    'FunctionAssociation',
  ).find((a) => textAt(a, 'EventType') === eventType)
  if (!association) return undefined
  const arn = textAt(association, 'FunctionARN')
  const fn = [...ctx.state.functions.values()].find((f) => f.arn === arn)
  const live = fn?.stages.LIVE
  if (!live) return { missing: arn }
  const [storeArn] = associatedArns(live.config)
  return {
    name: fn.name,
    code: live.code.toString('utf8'),
    store: storeArn ? ctx.kvs.byArn(storeArn) : undefined,
  }
}

function answer(req, res, { status, statusText, headers = {}, body = Buffer.alloc(0) }) {
  const out = { ...headers }
  delete out['content-length']
  delete out['transfer-encoding']
  out.via ??= `1.1 ${randomBytes(16).toString('hex')}.cloudfront.net (CloudFront)`
  out['x-cache'] ??= status >= 400 ? 'Error from cloudfront' : 'Miss from cloudfront'
  out['content-length'] = String(body.length)
  res.writeHead(status, statusText, out)
  res.end(req.method === 'HEAD' ? undefined : body)
  return status
}

function plain(req, res, status, text, headers = {}) {
  return answer(req, res, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
    body: Buffer.from(`${text}\n`),
  })
}

/** Run one function; { result } or { failure: an answer to send }. */
async function run(ctx, fn, event, path) {
  if (fn.missing) {
    return {
      failure: {
        status: 503,
        kind: 'FunctionExecutionError',
        text: `The function ${fn.missing} has no LIVE stage.`,
      },
    }
  }
  try {
    const { result, logs } = await runFunction({ code: fn.code, event, store: fn.store })
    if (logs.length)
      ctx.state.record({
        method: 'FUNCTION',
        path,
        rule: 'function-log',
        status: 0,
        detail: logs.join('\n'),
      })
    return { result }
  } catch (error) {
    if (!(error instanceof FunctionExecutionError)) throw error
    const logs = error.logs?.length ? `\nlogs:\n${error.logs.join('\n')}` : ''
    return {
      failure: {
        status: 503,
        kind: 'FunctionExecutionError',
        text: `${fn.name} (${event.context.eventType}): ${error.message}${logs}`,
      },
    }
  }
}

function functionFailure(ctx, req, res, path, { status, kind, text }) {
  ctx.state.record({
    method: req.method,
    path,
    rule: 'edge-function-error',
    status,
    detail: `${kind}: ${text}`,
  })
  return plain(req, res, status, `${kind}\n${text}`, { 'x-cache': `${kind} from cloudfront` })
}

const invalidResult = (fn, eventType, why) => ({
  status: 502,
  kind: 'FunctionValidationError',
  text: `${fn.name} (${eventType}): ${why}`,
})

export async function handleEdge(ctx, req, res, url) {
  const rest = url.pathname.slice(EDGE_PREFIX.length)
  const slash = rest.indexOf('/')
  const id = slash === -1 ? rest : rest.slice(0, slash)
  const uri = slash === -1 ? '/' : rest.slice(slash)
  const path = url.pathname
  const distribution = id ? await loadDistribution(ctx, id) : undefined
  if (!distribution?.config) return plain(req, res, 404, `strict-edge: no distribution ${id}`)
  if (textAt(distribution.config, 'Enabled') === 'false')
    return plain(
      req,
      res,
      403,
      'ERROR: The request could not be satisfied (the distribution is disabled).',
    )
  const given = req.headers[HOST_OVERRIDE] ?? req.headers.host ?? ''
  const layerHost = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(given)
  const host =
    !given || (layerHost && !req.headers[HOST_OVERRIDE]) ? distribution.domainName : String(given)
  if (!hostServed(distribution, host))
    return plain(
      req,
      res,
      403,
      `ERROR: The request could not be satisfied (Bad request: ${host} is not served by ${id}).`,
    )
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return plain(
      req,
      res,
      403,
      'ERROR: This distribution is not configured to allow the HTTP request method.',
    )

  const behavior = behaviorFor(distribution.config, uri)
  const viewerRequest = {
    method: req.method,
    uri,
    querystring: queryObject(url.search.slice(1)),
    headers: {
      ...requestHeaders(
        req.headersDistinct,
        (name) => name.startsWith('x-strict-edge-') || name === 'host',
      ),
      host: { value: host },
    },
    cookies: requestCookies(req.headersDistinct.cookie),
  }
  const context = (eventType) => ({
    distributionDomainName: distribution.domainName,
    distributionId: distribution.id,
    eventType,
    requestId: randomBytes(28).toString('base64url'),
  })
  const viewer = { ip: req.socket.remoteAddress ?? '127.0.0.1' }

  let request = viewerRequest
  const onRequest = associated(ctx, behavior, 'viewer-request')
  if (onRequest) {
    const event = {
      version: '1.0',
      context: context('viewer-request'),
      viewer,
      request: viewerRequest,
    }
    const { result, failure } = await run(ctx, onRequest, event, path)
    if (failure) return functionFailure(ctx, req, res, path, failure)
    if (result === null || typeof result !== 'object')
      return functionFailure(
        ctx,
        req,
        res,
        path,
        invalidResult(onRequest, 'viewer-request', 'it returned neither a request nor a response'),
      )
    if ('statusCode' in result) {
      const generated = toHttpResponse('viewer-request', undefined, result)
      if (generated.error)
        return functionFailure(
          ctx,
          req,
          res,
          path,
          invalidResult(onRequest, 'viewer-request', generated.error),
        )
      return answer(req, res, { ...generated, body: generated.body ?? Buffer.alloc(0) })
    }
    const problem = checkRequest(viewerRequest, result)
    if (problem)
      return functionFailure(
        ctx,
        req,
        res,
        path,
        invalidResult(onRequest, 'viewer-request', problem),
      )
    request = result
  }

  const rootObject = (textAt(distribution.config, 'DefaultRootObject') ?? '').trim()
  const objectPath = request.uri === '/' && rootObject ? `/${rootObject}` : request.uri
  const origin = originFor(distribution.config, behavior)
  if (!origin)
    return plain(
      req,
      res,
      502,
      `strict-edge: the behaviour's origin ${textAt(behavior, 'TargetOriginId')} does not exist.`,
    )
  let response = await fetchFromOrigin(ctx, distribution, origin, objectPath)
  if (response.denied)
    ctx.state.record({
      method: req.method,
      path,
      rule: 'edge-origin-denied',
      status: 403,
      detail: response.denied,
    })
  if (response.status >= 400) {
    response = await customError(ctx, distribution, response)
    return answer(req, res, response)
  }

  const onResponse = associated(ctx, behavior, 'viewer-response')
  if (!onResponse) return answer(req, res, response)
  const via = `1.1 ${randomBytes(16).toString('hex')}.cloudfront.net (CloudFront)`
  const eventResponse = responseEvent(response.status, response.statusText ?? 'OK', {
    ...response.headers,
    via,
  })
  const event = {
    version: '1.0',
    context: context('viewer-response'),
    viewer,
    request: viewerRequest,
    response: eventResponse,
  }
  const { result, failure } = await run(ctx, onResponse, event, path)
  if (failure) return functionFailure(ctx, req, res, path, failure)
  if (result === null || typeof result !== 'object' || !('statusCode' in result))
    return functionFailure(
      ctx,
      req,
      res,
      path,
      invalidResult(onResponse, 'viewer-response', 'it did not return a response'),
    )
  const final = toHttpResponse('viewer-response', eventResponse, result)
  if (final.error)
    return functionFailure(
      ctx,
      req,
      res,
      path,
      invalidResult(onResponse, 'viewer-response', final.error),
    )
  return answer(req, res, { ...final, body: final.body ?? response.body })
}

// CloudFront resources moto does not implement (it answers an HTML 404), served from the layer's
// memory (state.mjs): cache policies, response headers policies, and CloudFront Functions with their
// two stages. ETags and If-Match as CloudFront does them: every write gives a new ETag; Update,
// Delete and Publish need If-Match (400 InvalidIfMatchVersion without it, 412 PreconditionFailed
// when it is not the current one). Names are unique (409 *AlreadyExists). A policy or function a
// distribution uses cannot be deleted (409 *InUse).
//
// Functions keep their code (a Buffer per stage): the edge (edge.mjs) runs the LIVE code
// (function-runtime.mjs) against viewer events. KeyValueStoreAssociations are checked by ctx.kvs
// (kvs-control.mjs). TestFunction is not served yet.
import { randomUUID } from 'node:crypto'
import {
  checkFunctionCode,
  checkFunctionConfig,
  checkFunctionName,
  invalid,
} from './cf-validate.mjs'
import { sendCloudFrontError, sendCloudFrontXml, send, requestId } from './http.mjs'
import { ACCOUNT_ID, newEtag } from './state.mjs'
import { at, child, children, clone, el, parseXml, textAt, walk } from './xml.mjs'

const API = 'https://cloudfront.amazonaws.com/2020-05-31'
const noSuch = (code, what) => ({ status: 404, code, message: `The ${what} does not exist.` })
const preconditionFailed = {
  status: 412,
  code: 'PreconditionFailed',
  message: 'The precondition given in one or more of the request header fields evaluated to false.',
}
const ifMatchMissing = {
  status: 400,
  code: 'InvalidIfMatchVersion',
  message: 'The If-Match version is missing or not valid for the resource.',
}

/** 400 when If-Match is missing, 412 when it is not one of the current ETags. */
export function checkIfMatch(req, ...current) {
  const given = req.headers['if-match']
  if (given === undefined || String(given).trim() === '') return ifMatchMissing
  return current.includes(String(given).trim()) ? undefined : preconditionFailed
}

function count(element, ...path) {
  return children(at(element, ...path, 'Items')).length
}

function checkCachePolicy(config) {
  if (!(textAt(config, 'Name') ?? '').trim()) return invalid('CachePolicyConfig/Name is required.')
  const ttl = (name) => {
    const text = textAt(config, name)
    return text === undefined ? undefined : Number(text)
  }
  const [min, def, max] = [ttl('MinTTL'), ttl('DefaultTTL'), ttl('MaxTTL')]
  if (min === undefined || !Number.isInteger(min) || min < 0)
    return invalid('MinTTL is required and must be a whole number of seconds.')
  if (
    (def !== undefined && def < min) ||
    (max !== undefined && max < min) ||
    (def !== undefined && max !== undefined && def > max)
  ) {
    return invalid('The TTLs must be in order: MinTTL <= DefaultTTL <= MaxTTL.')
  }
  const params = child(config, 'ParametersInCacheKeyAndForwardedToOrigin')
  if (!params) return invalid('ParametersInCacheKeyAndForwardedToOrigin is required.')
  const behaviors = [
    [
      'HeadersConfig',
      'HeaderBehavior',
      'Headers',
      ['none', 'whitelist'],
      'TooManyHeadersInCachePolicy',
    ],
    [
      'CookiesConfig',
      'CookieBehavior',
      'Cookies',
      ['none', 'whitelist', 'allExcept', 'all'],
      'TooManyCookiesInCachePolicy',
    ],
    [
      'QueryStringsConfig',
      'QueryStringBehavior',
      'QueryStrings',
      ['none', 'whitelist', 'allExcept', 'all'],
      'TooManyQueryStringsInCachePolicy',
    ],
  ]
  for (const [section, behaviorName, list, allowed, tooMany] of behaviors) {
    const part = child(params, section)
    const behavior = textAt(part, behaviorName)
    if (!allowed.includes(behavior ?? ''))
      return invalid(`${section}/${behaviorName} must be one of ${allowed.join(', ')}.`)
    // Quotas: at most 10 headers, 10 cookies and 10 query strings per cache policy.
    if (count(part, list) > 10) {
      return {
        status: 400,
        code: tooMany,
        message: `A cache policy can hold at most 10 ${list.toLowerCase()}.`,
      }
    }
  }
  return undefined
}

function checkResponseHeadersPolicy(config) {
  if (!(textAt(config, 'Name') ?? '').trim())
    return invalid('ResponseHeadersPolicyConfig/Name is required.')
  if (count(config, 'CustomHeadersConfig') > 10) {
    return {
      status: 400,
      code: 'TooManyCustomHeadersInResponseHeadersPolicy',
      message: 'A response headers policy can hold at most 10 custom headers.',
    }
  }
  if (count(config, 'RemoveHeadersConfig') > 10) {
    return {
      status: 400,
      code: 'TooManyRemoveHeadersInResponseHeadersPolicy',
      message: 'A response headers policy can remove at most 10 headers.',
    }
  }
  const csp = textAt(
    config,
    'SecurityHeadersConfig',
    'ContentSecurityPolicy',
    'ContentSecurityPolicy',
  )
  if (csp !== undefined && [...csp].length > 1783) {
    return {
      status: 400,
      code: 'TooLongCSPInResponseHeadersPolicy',
      message: 'The Content-Security-Policy header value is longer than 1783 characters.',
    }
  }
  return undefined
}

const POLICY_KINDS = {
  'cache-policy': {
    map: 'cachePolicies',
    config: 'CachePolicyConfig',
    element: 'CachePolicy',
    summary: 'CachePolicySummary',
    list: 'CachePolicyList',
    noSuch: noSuch('NoSuchCachePolicy', 'cache policy'),
    exists: 'CachePolicyAlreadyExists',
    inUse: 'CachePolicyInUse',
    referencedBy: 'CachePolicyId',
    check: checkCachePolicy,
  },
  'response-headers-policy': {
    map: 'responseHeadersPolicies',
    config: 'ResponseHeadersPolicyConfig',
    element: 'ResponseHeadersPolicy',
    summary: 'ResponseHeadersPolicySummary',
    list: 'ResponseHeadersPolicyList',
    noSuch: noSuch('NoSuchResponseHeadersPolicy', 'response headers policy'),
    exists: 'ResponseHeadersPolicyAlreadyExists',
    inUse: 'ResponseHeadersPolicyInUse',
    referencedBy: 'ResponseHeadersPolicyId',
    check: checkResponseHeadersPolicy,
  },
}

export const isPolicyKind = (segment) => segment in POLICY_KINDS

/** Does any distribution config refer to `value` in an element called `field`? */
async function referenced(ctx, field, value) {
  for (const { config } of await ctx.distributionConfigs()) {
    for (const { element } of walk(config)) {
      if (element.name === field && element.text.trim() === value) return true
    }
  }
  return false
}

function paginate(items, url, key) {
  const maxItems = Math.max(
    1,
    Math.min(Number(url.searchParams.get('MaxItems') ?? 100) || 100, 1000),
  )
  const marker = url.searchParams.get('Marker')
  let start = 0
  if (marker) {
    const index = items.findIndex((item) => key(item) === marker)
    start = index === -1 ? items.length : index
  }
  const page = items.slice(start, start + maxItems)
  const next = items[start + maxItems]
  return { page, maxItems, nextMarker: next ? key(next) : undefined }
}

/**
 * Cache policies and response headers policies: POST /{kind}, GET /{kind}, GET /{kind}/{id},
 * GET /{kind}/{id}/config, PUT /{kind}/{id}, DELETE /{kind}/{id}.
 * @returns {Promise<{ status: number, code?: string, message?: string } | void>} an error to send, or nothing when answered
 */
export async function handlePolicy(ctx, kindName, req, res, url, rest, body) {
  const kind = POLICY_KINDS[kindName]
  const store = ctx.state[kind.map]
  const method = req.method
  const [id, sub] = rest
  const nameOf = (policy) => textAt(policy.config, 'Name')
  const full = (policy) =>
    el(kind.element, [
      el('Id', policy.id),
      el('LastModifiedTime', policy.lastModified),
      clone(policy.config),
    ])
  const location = (policy) => `${API}/${kindName}/${policy.id}`

  const parseConfig = () => {
    let root
    try {
      root = parseXml(body)
    } catch (error) {
      return { error: invalid(`The request body is not valid XML: ${error.message}`) }
    }
    if (root.name !== kind.config) return { error: invalid(`Expected a ${kind.config} document.`) }
    const problem = ctx.checkBody(root) ?? kind.check(root)
    return problem ? { error: problem } : { config: root }
  }
  const nameTaken = (name, exceptId) =>
    [...store.values()].some((p) => p.type === 'custom' && p.id !== exceptId && nameOf(p) === name)

  if (id === undefined && method === 'POST') {
    const { config, error } = parseConfig()
    if (error) return error
    if (nameTaken(textAt(config, 'Name'))) {
      return {
        status: 409,
        code: kind.exists,
        message: `A ${kindName.replace(/-/g, ' ')} with this name already exists.`,
      }
    }
    config.attrs = {}
    const policy = {
      id: randomUUID(),
      type: 'custom',
      etag: newEtag(),
      lastModified: new Date().toISOString(),
      config,
    }
    store.set(policy.id, policy)
    sendCloudFrontXml(res, 201, full(policy), { etag: policy.etag, location: location(policy) })
    return
  }
  if (id === undefined && method === 'GET') {
    const type = url.searchParams.get('Type')
    if (type !== null && type !== 'managed' && type !== 'custom')
      return invalid('Type must be managed or custom.')
    const all = [...store.values()].filter((p) => type === null || p.type === type)
    const { page, maxItems, nextMarker } = paginate(all, url, (p) => p.id)
    sendCloudFrontXml(
      res,
      200,
      el(kind.list, [
        nextMarker ? el('NextMarker', nextMarker) : undefined,
        el('MaxItems', String(maxItems)),
        el('Quantity', String(page.length)),
        page.length
          ? el(
              'Items',
              page.map((p) => el(kind.summary, [el('Type', p.type), full(p)])),
            )
          : undefined,
      ]),
    )
    return
  }
  const policy = store.get(id)
  if (!policy) return kind.noSuch
  if (method === 'GET' && sub === undefined) {
    sendCloudFrontXml(res, 200, full(policy), { etag: policy.etag })
    return
  }
  if (method === 'GET' && sub === 'config') {
    sendCloudFrontXml(res, 200, clone(policy.config), { etag: policy.etag })
    return
  }
  if (method === 'PUT' && sub === undefined) {
    if (policy.type === 'managed')
      return { status: 400, code: 'IllegalUpdate', message: 'A managed policy cannot be updated.' }
    const precondition = checkIfMatch(req, policy.etag)
    if (precondition) return precondition
    const { config, error } = parseConfig()
    if (error) return error
    if (nameTaken(textAt(config, 'Name'), policy.id)) {
      return {
        status: 409,
        code: kind.exists,
        message: `A ${kindName.replace(/-/g, ' ')} with this name already exists.`,
      }
    }
    config.attrs = {}
    Object.assign(policy, { config, etag: newEtag(), lastModified: new Date().toISOString() })
    sendCloudFrontXml(res, 200, full(policy), { etag: policy.etag })
    return
  }
  if (method === 'DELETE' && sub === undefined) {
    if (policy.type === 'managed')
      return { status: 400, code: 'IllegalDelete', message: 'A managed policy cannot be deleted.' }
    const precondition = checkIfMatch(req, policy.etag)
    if (precondition) return precondition
    if (await referenced(ctx, kind.referencedBy, policy.id)) {
      return {
        status: 409,
        code: kind.inUse,
        message: `The ${kindName.replace(/-/g, ' ')} is attached to one or more cache behaviors.`,
      }
    }
    store.delete(policy.id)
    send(res, 204, '', { 'x-amzn-requestid': requestId() })
    return
  }
  return invalid(`${method} ${url.pathname} is not a ${kindName} operation.`)
}

// ---- CloudFront Functions ----

export const functionArn = (name) => `arn:aws:cloudfront::${ACCOUNT_ID}:function/${name}`

function summary(fn, stageName) {
  const stage = fn.stages[stageName]
  return el('FunctionSummary', [
    el('Name', fn.name),
    el('Status', fn.status),
    clone(stage.config),
    el('FunctionMetadata', [
      el('FunctionARN', fn.arn),
      el('Stage', stageName),
      el('CreatedTime', fn.created),
      el('LastModifiedTime', stage.lastModified),
    ]),
  ])
}

function stageOf(url) {
  const stage = url.searchParams.get('Stage') ?? 'DEVELOPMENT'
  return stage === 'DEVELOPMENT' || stage === 'LIVE'
    ? { stage }
    : { error: invalid('Stage must be DEVELOPMENT or LIVE.') }
}

function parseFunctionRequest(ctx, body, rootName, functionName) {
  let root
  try {
    root = parseXml(body)
  } catch (error) {
    return { error: invalid(`The request body is not valid XML: ${error.message}`) }
  }
  if (root.name !== rootName) return { error: invalid(`Expected a ${rootName} document.`) }
  const problem =
    ctx.checkBody(root) ??
    checkFunctionConfig(child(root, 'FunctionConfig')) ??
    ctx.kvs.checkAssociations(child(root, 'FunctionConfig'), functionName)
  if (problem) return { error: problem }
  const { code, error } = checkFunctionCode(textAt(root, 'FunctionCode'))
  if (error) return { error }
  const config = clone(child(root, 'FunctionConfig'))
  return { root, code, config }
}

const noSuchFunction = noSuch('NoSuchFunctionExists', 'function')

/**
 * POST /function, GET /function, GET /function/{name}[?Stage], GET /function/{name}/describe[?Stage],
 * POST /function/{name}/publish, PUT /function/{name}, DELETE /function/{name}.
 */
export async function handleFunction(ctx, req, res, url, rest, body) {
  const functions = ctx.state.functions
  const method = req.method
  const [name, sub] = rest
  if (name === undefined && method === 'POST') {
    const { root, code, config, error } = parseFunctionRequest(ctx, body, 'CreateFunctionRequest')
    if (error) return error
    const fnName = textAt(root, 'Name')
    const badName = checkFunctionName(fnName)
    if (badName) return badName
    if (functions.has(fnName)) {
      return {
        status: 409,
        code: 'FunctionAlreadyExists',
        message: `A function with the name ${fnName} already exists.`,
      }
    }
    const now = new Date().toISOString()
    const fn = {
      name: fnName,
      arn: functionArn(fnName),
      created: now,
      status: 'UNPUBLISHED',
      stages: { DEVELOPMENT: { etag: newEtag(), lastModified: now, config, code } },
    }
    functions.set(fnName, fn)
    sendCloudFrontXml(res, 201, summary(fn, 'DEVELOPMENT'), {
      etag: fn.stages.DEVELOPMENT.etag,
      location: `${API}/function/${fn.arn}`,
    })
    return
  }
  if (name === undefined && method === 'GET') {
    const { stage, error } = stageOf(url)
    if (error) return error
    const selected = url.searchParams.has('Stage')
      ? [...functions.values()].filter((fn) => fn.stages[stage])
      : [...functions.values()]
    const { page, maxItems, nextMarker } = paginate(selected, url, (fn) => fn.name)
    sendCloudFrontXml(
      res,
      200,
      el('FunctionList', [
        nextMarker ? el('NextMarker', nextMarker) : undefined,
        el('MaxItems', String(maxItems)),
        el('Quantity', String(page.length)),
        page.length
          ? el(
              'Items',
              page.map((fn) => summary(fn, fn.stages[stage] ? stage : 'DEVELOPMENT')),
            )
          : undefined,
      ]),
    )
    return
  }
  const badName = checkFunctionName(name)
  if (badName) return badName
  const fn = functions.get(name)
  if (!fn) return noSuchFunction
  if (method === 'GET' && (sub === undefined || sub === 'describe')) {
    const { stage, error } = stageOf(url)
    if (error) return error
    const current = fn.stages[stage]
    if (!current) return noSuchFunction
    if (sub === 'describe') sendCloudFrontXml(res, 200, summary(fn, stage), { etag: current.etag })
    else
      send(res, 200, current.code, {
        'content-type': 'application/octet-stream',
        etag: current.etag,
      })
    return
  }
  if (method === 'POST' && sub === 'publish') {
    const precondition = checkIfMatch(req, fn.stages.DEVELOPMENT.etag)
    if (precondition) return precondition
    const dev = fn.stages.DEVELOPMENT
    fn.stages.LIVE = {
      etag: newEtag(),
      lastModified: new Date().toISOString(),
      config: clone(dev.config),
      code: dev.code,
    }
    fn.status = 'UNASSOCIATED'
    sendCloudFrontXml(res, 200, summary(fn, 'LIVE'))
    return
  }
  if (method === 'PUT' && sub === undefined) {
    const precondition = checkIfMatch(req, fn.stages.DEVELOPMENT.etag)
    if (precondition) return precondition
    const { code, config, error } = parseFunctionRequest(ctx, body, 'UpdateFunctionRequest', name)
    if (error) return error
    fn.stages.DEVELOPMENT = {
      etag: newEtag(),
      lastModified: new Date().toISOString(),
      config,
      code,
    }
    fn.status = 'UNPUBLISHED'
    // UpdateFunction's ETag comes in a header spelled "ETtag" (sic: the API model's locationName).
    const etag = fn.stages.DEVELOPMENT.etag
    sendCloudFrontXml(res, 200, summary(fn, 'DEVELOPMENT'), { etag, ettag: etag })
    return
  }
  if (method === 'DELETE' && sub === undefined) {
    const precondition = checkIfMatch(req, fn.stages.DEVELOPMENT.etag, fn.stages.LIVE?.etag)
    if (precondition) return precondition
    if (await referenced(ctx, 'FunctionARN', fn.arn)) {
      return {
        status: 409,
        code: 'FunctionInUse',
        message: 'The function is associated with one or more cache behaviors.',
      }
    }
    functions.delete(name)
    send(res, 204, '', { 'x-amzn-requestid': requestId() })
    return
  }
  if (method === 'POST' && sub === 'test') {
    return {
      status: 400,
      code: 'UnsupportedOperation',
      message: 'TestFunction is not served by the strict test layer (yet).',
    }
  }
  return invalid(`${method} ${url.pathname} is not a function operation.`)
}

/** Re-export for the router's own error answers. */
export { sendCloudFrontError }

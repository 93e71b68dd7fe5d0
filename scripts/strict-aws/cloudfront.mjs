// CloudFront (/2020-05-31/...) in the strict layer: routing, body validation, and the rules where
// real CloudFront is stricter than moto:
//   - every write body checked against the documented limits (cf-validate.mjs);
//   - cache policies, response headers policies, Functions and ListConflictingAliases served from the
//     layer (cf-resources.mjs), since moto answers an HTML 404;
//   - 409 *AlreadyExists for origin access controls, public keys and key groups (names; public keys
//     also CallerReference), checked against moto's own lists;
//   - 409 CNAMEAlreadyExists for an alias another distribution holds;
//   - If-Match on UpdateDistribution/DeleteDistribution (400 InvalidIfMatchVersion / 412
//     PreconditionFailed); a new ETag after every update (moto keeps one ETag for ever);
//   - a distribution's references must exist: NoSuchCachePolicy / NoSuchResponseHeadersPolicy, and an
//     associated function must be published (InvalidFunctionAssociation);
//   - invalidation status Completed (moto: COMPLETED);
//   - fields moto drops from an origin (OriginAccessControlId, S3OriginConfig) put back into
//     GetDistribution/GetDistributionConfig answers, and ListDistributions summaries given the
//     Aliases, Comment, Origins and Enabled the layer saw.
//
//   - the KeyValueStore control plane (kvs-control.mjs, ctx.kvs), which moto lacks too.
// The edge (edge.mjs) and the KeyValueStore data plane (kvs-data.mjs) read the same state through
// ctx (distributionConfigs(), ctx.kvs).
import {
  checkIfMatch,
  functionArn,
  handleFunction,
  handlePolicy,
  isPolicyKind,
} from './cf-resources.mjs'
import { checkBody } from './cf-validate.mjs'
import { createKeyValueStores } from './kvs-control.mjs'
import { readBody, sendCloudFrontError, sendCloudFrontXml } from './http.mjs'
import { ACCOUNT_ID, newEtag } from './state.mjs'
import { at, child, children, clone, el, parseXml, setChild, textAt, toXml, walk } from './xml.mjs'

const PREFIX = '/2020-05-31/'

function tryParse(body) {
  try {
    return parseXml(body)
  } catch {
    return undefined
  }
}

function serialize(root) {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${toXml(root)}`)
}

const aliasesOf = (config) =>
  children(at(config, 'Aliases', 'Items'), 'CNAME').map((c) => c.text.trim().toLowerCase())

/** Does wildcard alias `*.example.com` cover `name` (one label, as a TLS certificate does)? */
function covers(wildcard, name) {
  if (!wildcard.startsWith('*.') || name.startsWith('*.')) return false
  const suffix = wildcard.slice(1)
  return (
    name.endsWith(suffix) &&
    !name.slice(0, -suffix.length).includes('.') &&
    name.length > suffix.length
  )
}

/** The aliases ListConflictingAliases reports for `alias`: the same name, and overlaps by wildcard. */
function conflicts(alias, other) {
  return alias === other || covers(other, alias) || covers(alias, other)
}

const mask = (text) => `${'*'.repeat(Math.max(0, text.length - 6))}${text.slice(-6)}`

export function createCloudFront(ctx) {
  const { state, upstream } = ctx

  async function listUpstream(path, itemName) {
    const ids = []
    let marker = ''
    for (let page = 0; page < 100; page++) {
      const query = `MaxItems=1000${marker ? `&Marker=${encodeURIComponent(marker)}` : ''}`
      const answer = await upstream.call('cloudfront', 'GET', `${PREFIX}${path}?${query}`)
      const root = answer.status === 200 ? tryParse(answer.body) : undefined
      if (!root) break
      ids.push(...children(child(root, 'Items'), itemName))
      const next = textAt(root, 'NextMarker')
      if (textAt(root, 'IsTruncated') !== 'true' || !next) break
      marker = next
    }
    return ids
  }

  /** The config of every distribution moto holds: the one the layer saw sent, else moto's. */
  async function distributionConfigs() {
    const summaries = await listUpstream('distribution', 'DistributionSummary')
    const result = []
    for (const summary of summaries) {
      const id = textAt(summary, 'Id')
      const known = state.distributions.get(id)
      if (known) {
        result.push({ id, config: known.config })
        continue
      }
      const answer = await upstream.call('cloudfront', 'GET', `${PREFIX}distribution/${id}/config`)
      const config = answer.status === 200 ? tryParse(answer.body) : undefined
      if (config) result.push({ id, config })
    }
    return result
  }
  ctx.distributionConfigs = distributionConfigs
  ctx.checkBody = checkBody
  ctx.kvs = createKeyValueStores(ctx)

  async function currentEtag(id) {
    const known = state.distributions.get(id)
    if (known) return known.etag
    const answer = await upstream.call('cloudfront', 'GET', `${PREFIX}distribution/${id}/config`)
    return answer.status === 200 ? String(answer.headers.etag ?? '') : undefined
  }

  async function cnameTaken(config, exceptId) {
    const wanted = aliasesOf(config)
    if (wanted.length === 0) return undefined
    const foreign = wanted.find((alias) => state.foreignAliases.has(alias))
    if (foreign) return foreign
    for (const { id, config: other } of await distributionConfigs()) {
      if (id === exceptId) continue
      const clash = aliasesOf(other).find((alias) => wanted.includes(alias))
      if (clash) return clash
    }
    return undefined
  }

  /** References a distribution config makes that must exist in the layer's stores. */
  function checkReferences(config) {
    for (const { element } of walk(config)) {
      const value = element.text.trim()
      if (element.name === 'CachePolicyId' && value && !state.cachePolicies.has(value)) {
        return {
          status: 404,
          code: 'NoSuchCachePolicy',
          message: `The cache policy ${value} does not exist.`,
        }
      }
      if (
        element.name === 'ResponseHeadersPolicyId' &&
        value &&
        !state.responseHeadersPolicies.has(value)
      ) {
        return {
          status: 404,
          code: 'NoSuchResponseHeadersPolicy',
          message: `The response headers policy ${value} does not exist.`,
        }
      }
      if (element.name === 'FunctionARN' && value) {
        const fn = [...state.functions.values()].find((f) => f.arn === value)
        if (!fn?.stages.LIVE) {
          return {
            status: 400,
            code: 'InvalidFunctionAssociation',
            message: `The function ${value} does not exist or is not published (LIVE).`,
          }
        }
      }
    }
    return undefined
  }

  /** Put back into moto's answer the origin fields it drops (OriginAccessControlId, S3OriginConfig...). */
  function restoreOrigins(answerConfig, sentConfig) {
    const restored = []
    if (!answerConfig || !sentConfig) return restored
    const sent = new Map(
      children(at(sentConfig, 'Origins', 'Items'), 'Origin').map((o) => [textAt(o, 'Id'), o]),
    )
    for (const origin of children(at(answerConfig, 'Origins', 'Items'), 'Origin')) {
      const original = sent.get(textAt(origin, 'Id'))
      if (!original) continue
      for (const field of original.children) {
        if (!child(origin, field.name)) {
          origin.children.push(clone(field))
          restored.push(field.name)
        }
      }
    }
    return restored
  }

  /**
   * Put back into moto's answer the cache-behaviour fields it drops or blanks: it answers every
   * FunctionAssociations with Quantity 0, and leaves out fields it does not model.
   */
  function restoreBehaviors(answerConfig, sentConfig) {
    const restored = []
    if (!answerConfig || !sentConfig) return restored
    const pairs = [
      [child(answerConfig, 'DefaultCacheBehavior'), child(sentConfig, 'DefaultCacheBehavior')],
    ]
    const sentByPattern = new Map(
      children(at(sentConfig, 'CacheBehaviors', 'Items'), 'CacheBehavior').map((b) => [
        textAt(b, 'PathPattern'),
        b,
      ]),
    )
    for (const behavior of children(at(answerConfig, 'CacheBehaviors', 'Items'), 'CacheBehavior'))
      pairs.push([behavior, sentByPattern.get(textAt(behavior, 'PathPattern'))])
    for (const [answer, sent] of pairs) {
      if (!answer || !sent) continue
      for (const field of sent.children) {
        const present = child(answer, field.name)
        if (!present) {
          answer.children.push(clone(field))
          restored.push(field.name)
        } else if (field.name === 'FunctionAssociations') {
          answer.children[answer.children.indexOf(present)] = clone(field)
          restored.push(field.name)
        }
      }
    }
    return restored
  }

  function rewriteDistributionAnswer(id, answer, root, path, method) {
    const known = state.distributions.get(id)
    if (!known) return undefined
    const config = root.name === 'DistributionConfig' ? root : child(root, 'DistributionConfig')
    const restored = [
      ...restoreOrigins(config, known.config),
      ...restoreBehaviors(config, known.config),
    ]
    if (restored.length) {
      state.record({
        method,
        path,
        rule: 'restore-origin-fields',
        status: answer.status,
        detail: [...new Set(restored)].join(','),
      })
    }
    return {
      status: answer.status,
      headers: { ...answer.headers, etag: known.etag },
      body: serialize(root),
    }
  }

  async function createDistribution(req, res, url, body, path) {
    const root = tryParse(body)
    if (!root) return upstream.forward(req, res, { body })
    const config =
      root.name === 'DistributionConfigWithTags' ? child(root, 'DistributionConfig') : root
    if (!config) return upstream.forward(req, res, { body })
    const missing = checkReferences(config)
    if (missing) return missing
    const clash = await cnameTaken(config)
    if (clash) return cnameError(clash)
    const status = await upstream.forward(req, res, {
      body,
      wantsBody: (s) => s === 201,
      rewrite: (answer) => {
        const distribution = tryParse(answer.body)
        const id = textAt(distribution, 'Id')
        if (!id) return undefined
        const sent = clone(config)
        sent.attrs = {}
        state.distributions.set(id, {
          etag: String(answer.headers.etag ?? newEtag()),
          config: sent,
        })
        return rewriteDistributionAnswer(id, answer, distribution, path, 'POST')
      },
    })
    return status
  }

  function cnameError(alias) {
    return {
      status: 409,
      code: 'CNAMEAlreadyExists',
      message: `One or more of the CNAMEs you provided are already associated with a different resource (${alias}).`,
    }
  }

  async function updateDistribution(req, res, id, body, path) {
    const etag = await currentEtag(id)
    if (etag === undefined) return upstream.forward(req, res, { body })
    const precondition = checkIfMatch(req, etag)
    if (precondition) return precondition
    const config = tryParse(body)
    if (!config) return upstream.forward(req, res, { body })
    const missing = checkReferences(config)
    if (missing) return missing
    const clash = await cnameTaken(config, id)
    if (clash) return cnameError(clash)
    return upstream.forward(req, res, {
      body,
      wantsBody: (s) => s === 200,
      rewrite: (answer) => {
        const distribution = tryParse(answer.body)
        if (!distribution) return undefined
        const sent = clone(config)
        sent.attrs = {}
        state.distributions.set(id, { etag: newEtag(), config: sent })
        return rewriteDistributionAnswer(id, answer, distribution, path, 'PUT')
      },
    })
  }

  async function deleteDistribution(req, res, id) {
    const etag = await currentEtag(id)
    if (etag === undefined) return upstream.forward(req, res)
    const precondition = checkIfMatch(req, etag)
    if (precondition) return precondition
    const status = await upstream.forward(req, res)
    if (status === 204 || status === 200) state.distributions.delete(id)
    return status
  }

  function getDistribution(req, res, id, path) {
    return upstream.forward(req, res, {
      wantsBody: (s) => s === 200,
      rewrite: (answer) => {
        const root = tryParse(answer.body)
        return root ? rewriteDistributionAnswer(id, answer, root, path, 'GET') : undefined
      },
    })
  }

  function listDistributions(req, res) {
    return upstream.forward(req, res, {
      wantsBody: (s) => s === 200,
      rewrite: (answer) => {
        const root = tryParse(answer.body)
        if (!root) return undefined
        for (const summary of children(child(root, 'Items'), 'DistributionSummary')) {
          const known = state.distributions.get(textAt(summary, 'Id'))
          if (!known) continue
          for (const field of ['Aliases', 'Origins', 'Comment', 'Enabled']) {
            const value = child(known.config, field)
            const present = child(summary, field)
            if (value && (!present || (present.children.length === 0 && present.text === ''))) {
              setChild(summary, clone(value))
            }
          }
          restoreBehaviors(summary, known.config)
        }
        return { ...answer, body: serialize(root) }
      },
    })
  }

  /** Invalidation answers: moto says COMPLETED, CloudFront says Completed. */
  function invalidation(req, res, path, body) {
    return upstream.forward(req, res, {
      body,
      wantsBody: (s) => s === 200 || s === 201,
      rewrite: (answer) => {
        const text = answer.body.toString('utf8')
        if (!text.includes('<Status>COMPLETED</Status>')) return undefined
        state.record({
          method: req.method,
          path,
          rule: 'invalidation-status',
          status: answer.status,
        })
        return {
          ...answer,
          body: Buffer.from(
            text.replaceAll('<Status>COMPLETED</Status>', '<Status>Completed</Status>'),
          ),
        }
      },
    })
  }

  /** 409 for a named resource whose name (or public key CallerReference) another one has. */
  async function checkUnique(kind, config, exceptId) {
    const name = textAt(config, 'Name')
    if (kind === 'origin-access-control') {
      const taken = (await listUpstream(kind, 'OriginAccessControlSummary')).some(
        (s) => textAt(s, 'Name') === name && textAt(s, 'Id') !== exceptId,
      )
      if (taken)
        return {
          status: 409,
          code: 'OriginAccessControlAlreadyExists',
          message: `An origin access control named ${name} already exists.`,
        }
    }
    if (kind === 'key-group') {
      const taken = (await listUpstream(kind, 'KeyGroupSummary')).some(
        (s) =>
          textAt(s, 'KeyGroup', 'KeyGroupConfig', 'Name') === name &&
          textAt(s, 'KeyGroup', 'Id') !== exceptId,
      )
      if (taken)
        return {
          status: 409,
          code: 'KeyGroupAlreadyExists',
          message: `A key group named ${name} already exists.`,
        }
    }
    if (kind === 'public-key' && exceptId === undefined) {
      const reference = textAt(config, 'CallerReference')
      for (const s of await listUpstream(kind, 'PublicKeySummary')) {
        let clash = textAt(s, 'Name') === name
        if (!clash) {
          // GetPublicKey (moto serves no GetPublicKeyConfig): PublicKey/PublicKeyConfig/CallerReference.
          const answer = await upstream.call(
            'cloudfront',
            'GET',
            `${PREFIX}public-key/${textAt(s, 'Id')}`,
          )
          clash = textAt(tryParse(answer.body), 'PublicKeyConfig', 'CallerReference') === reference
        }
        if (clash) {
          return {
            status: 409,
            code: 'PublicKeyAlreadyExists',
            message: `A public key with this name or caller reference already exists.`,
          }
        }
      }
    }
    return undefined
  }

  async function conflictingAliases(res, url) {
    const id = url.searchParams.get('DistributionId')
    const alias = url.searchParams.get('Alias')?.trim().toLowerCase()
    if (!id || !alias)
      return {
        status: 400,
        code: 'InvalidArgument',
        message: 'DistributionId and Alias are required.',
      }
    const all = await distributionConfigs()
    if (!all.some((d) => d.id === id)) {
      return {
        status: 404,
        code: 'NoSuchDistribution',
        message: 'The specified distribution does not exist.',
      }
    }
    const found = []
    for (const d of all) {
      for (const other of aliasesOf(d.config)) {
        if (conflicts(alias, other)) found.push({ alias: other, id: d.id })
      }
    }
    // Another account's holders are reported too (CloudFront masks both their ids).
    for (const [other, holder] of state.foreignAliases)
      if (conflicts(alias, other))
        found.push({ alias: other, id: holder.distributionId, account: holder.accountId })
    found.sort((a, b) => (a.alias + a.id).localeCompare(b.alias + b.id))
    const maxItems = Math.max(
      1,
      Math.min(Number(url.searchParams.get('MaxItems') ?? 100) || 100, 100),
    )
    const start = Number(url.searchParams.get('Marker') ?? 0) || 0
    const page = found.slice(start, start + maxItems)
    sendCloudFrontXml(
      res,
      200,
      el('ConflictingAliasesList', [
        start + maxItems < found.length ? el('NextMarker', String(start + maxItems)) : undefined,
        el('MaxItems', String(maxItems)),
        el('Quantity', String(page.length)),
        page.length
          ? el(
              'Items',
              page.map((c) =>
                el('ConflictingAlias', {
                  Alias: c.alias,
                  DistributionId: mask(c.id),
                  AccountId: mask(c.account ?? ACCOUNT_ID),
                }),
              ),
            )
          : undefined,
      ]),
    )
  }

  /** Handle one CloudFront request; returns the status sent. */
  async function handle(req, res, url) {
    const method = req.method ?? 'GET'
    const path = url.pathname
    const parts = path
      .slice(PREFIX.length)
      .split('/')
      .filter(Boolean)
      .map((part) => {
        try {
          return decodeURIComponent(part)
        } catch {
          return part
        }
      })
    const [resource, ...rest] = parts
    const writes = method === 'POST' || method === 'PUT'
    const body = writes ? await readBody(req) : undefined
    let outcome
    // Functions and policies check their bodies themselves (after their own routing).
    if (writes && resource !== 'function' && !isPolicyKind(resource)) {
      const root = tryParse(body)
      if (root) outcome = checkBody(root)
    }
    if (!outcome) outcome = await route(req, res, url, method, path, resource, rest, body)
    if (outcome && typeof outcome === 'object') {
      state.record({
        method,
        path,
        rule: 'cloudfront-refused',
        status: outcome.status,
        detail: `${outcome.code}: ${outcome.message}`,
      })
      sendCloudFrontError(res, outcome.status, outcome.code, outcome.message)
      return outcome.status
    }
    return typeof outcome === 'number' ? outcome : res.statusCode
  }

  async function route(req, res, url, method, path, resource, rest, body) {
    if (isPolicyKind(resource)) return handlePolicy(ctx, resource, req, res, url, rest, body)
    if (resource === 'function') return handleFunction(ctx, req, res, url, rest, body)
    if (resource === 'key-value-store') return ctx.kvs.handle(req, res, url, rest, body)
    if (resource === 'conflicting-alias' && method === 'GET') return conflictingAliases(res, url)
    if (resource === 'distribution') {
      const [id, sub, ...more] = rest
      if (id === undefined && method === 'POST')
        return createDistribution(req, res, url, body, path)
      if (id === undefined && method === 'GET') return listDistributions(req, res)
      if (sub === 'invalidation') return invalidation(req, res, path, body)
      if (sub === undefined && method === 'GET') return getDistribution(req, res, id, path)
      if (sub === 'config' && more.length === 0 && method === 'GET')
        return getDistribution(req, res, id, path)
      if (sub === 'config' && more.length === 0 && method === 'PUT')
        return updateDistribution(req, res, id, body, path)
      if (sub === undefined && method === 'DELETE') return deleteDistribution(req, res, id)
    }
    if (
      ['origin-access-control', 'key-group', 'public-key'].includes(resource) &&
      (method === 'POST' || method === 'PUT')
    ) {
      const root = tryParse(body)
      if (root && (method === 'POST' ? rest.length === 0 : true)) {
        const conflict = await checkUnique(resource, root, method === 'PUT' ? rest[0] : undefined)
        if (conflict) return conflict
      }
    }
    return upstream.forward(req, res, { body })
  }

  return { handle, distributionConfigs, functionArn }
}

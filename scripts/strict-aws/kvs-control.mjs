// CloudFront KeyValueStore control plane (/2020-05-31/key-value-store...), served from the layer's
// memory: moto 5.2.1 has none of it (an HTML 404). As the CloudFront API Reference documents it
// (CreateKeyValueStore, DescribeKeyValueStore, ListKeyValueStores, UpdateKeyValueStore,
// DeleteKeyValueStore, and the API model's shapes):
//   - Name [a-zA-Z0-9-_]{1,64}, Comment at most 128 characters (400 InvalidArgument otherwise);
//   - names unique in the account (409 EntityAlreadyExists), unknown names 404 EntityNotFound;
//   - every write gives a new ETag; Update and Delete need If-Match (400 InvalidIfMatchVersion
//     without it, 412 PreconditionFailed when stale);
//   - a store associated with a function (either stage) cannot be deleted (409
//     CannotDeleteEntityWhileInUse);
//   - ARN arn:aws:cloudfront::<account>:key-value-store/<uuid>, Location header naming it;
//   - a new store is PROVISIONING (the API Reference's CreateKeyValueStore example answers so) and
//     READY once a later DescribeKeyValueStore or ListKeyValueStores has seen it; until then the data
//     plane (kvs-data.mjs) answers 409 ConflictException, so a client must wait for READY.
// checkAssociations() validates FunctionConfig.KeyValueStoreAssociations for CreateFunction and
// UpdateFunction (cf-resources.mjs calls it through ctx.kvs): each ARN must name a store here, at
// most one per function and ten functions per store ("Quotas on key value stores").
import { randomUUID } from 'node:crypto'
import { checkIfMatch } from './cf-resources.mjs'
import { invalid } from './cf-validate.mjs'
import { requestId, send, sendCloudFrontXml } from './http.mjs'
import { ACCOUNT_ID, newEtag } from './state.mjs'
import { at, children, el, parseXml, textAt } from './xml.mjs'

const API = 'https://cloudfront.amazonaws.com/2020-05-31'
const NAME = /^[a-zA-Z0-9-_]{1,64}$/
const COMMENT_MAX = 128
/** The API model's KeyValueStoreAssociation/KeyValueStoreARN pattern. */
export const KVS_ARN = /^arn:aws:cloudfront::[0-9]{12}:key-value-store\/[0-9a-fA-F-]{36}$/
/** "Quotas on key value stores": functions one store can be associated with, stores per function. */
const FUNCTIONS_PER_STORE = 10
const STORES_PER_FUNCTION = 1

const noSuchStore = (name) => ({
  status: 404,
  code: 'EntityNotFound',
  message: `The key value store ${name} was not found.`,
})

function checkName(name) {
  return NAME.test(name ?? '')
    ? undefined
    : invalid(`Key value store name must match [a-zA-Z0-9-_]{1,64} (got "${name ?? ''}").`)
}

function checkComment(comment) {
  const length = [...(comment ?? '')].length
  return length > COMMENT_MAX
    ? invalid(`The key value store comment is too long (${length} characters; at most 128).`)
    : undefined
}

function element(store) {
  return el('KeyValueStore', {
    Name: store.name,
    Id: store.id,
    Comment: store.comment,
    ARN: store.arn,
    Status: store.status,
    LastModifiedTime: store.lastModified.toISOString(),
  })
}

/** The ARNs a FunctionConfig associates with. */
export function associatedArns(config) {
  return children(at(config, 'KeyValueStoreAssociations', 'Items')).map((a) =>
    (textAt(a, 'KeyValueStoreARN') ?? '').trim(),
  )
}

export function createKeyValueStores(ctx) {
  const stores = ctx.state.keyValueStores

  /** Functions (by name) whose DEVELOPMENT or LIVE config associates with `arn`. */
  function functionsUsing(arn, exceptFunction) {
    const names = []
    for (const fn of ctx.state.functions.values()) {
      if (fn.name === exceptFunction) continue
      const stages = [fn.stages.DEVELOPMENT, fn.stages.LIVE].filter(Boolean)
      if (stages.some((stage) => associatedArns(stage.config).includes(arn))) names.push(fn.name)
    }
    return names
  }

  function byArn(arn) {
    return [...stores.values()].find((store) => store.arn === arn)
  }

  /** CreateFunction/UpdateFunction: the associations must name stores that exist, within quotas. */
  function checkAssociations(config, functionName) {
    const arns = associatedArns(config)
    if (arns.length > STORES_PER_FUNCTION) {
      return invalid(
        `A function can be associated with at most ${STORES_PER_FUNCTION} key value store (got ${arns.length}).`,
      )
    }
    for (const arn of arns) {
      if (!KVS_ARN.test(arn)) return invalid(`${arn} is not a key value store ARN.`)
      if (!byArn(arn)) return invalid(`The key value store ${arn} does not exist.`)
      if (functionsUsing(arn, functionName).length >= FUNCTIONS_PER_STORE) {
        return invalid(
          `The key value store ${arn} is already associated with ${FUNCTIONS_PER_STORE} functions.`,
        )
      }
    }
    return undefined
  }

  function parse(body, rootName) {
    let root
    try {
      root = parseXml(body)
    } catch (error) {
      return { error: invalid(`The request body is not valid XML: ${error.message}`) }
    }
    if (root.name !== rootName) return { error: invalid(`Expected a ${rootName} document.`) }
    return { root }
  }

  function create(res, body) {
    const { root, error } = parse(body, 'CreateKeyValueStoreRequest')
    if (error) return error
    const name = textAt(root, 'Name')
    const comment = textAt(root, 'Comment') ?? ''
    const problem = checkName(name) ?? checkComment(comment)
    if (problem) return problem
    if (at(root, 'ImportSource')) {
      return {
        status: 400,
        code: 'UnsupportedOperation',
        message:
          'ImportSource is not emulated by the strict test layer: fill the store with UpdateKeys.',
      }
    }
    if (stores.has(name)) {
      return {
        status: 409,
        code: 'EntityAlreadyExists',
        message: `A key value store named ${name} already exists.`,
      }
    }
    const id = randomUUID()
    const now = new Date()
    const store = {
      name,
      id,
      arn: `arn:aws:cloudfront::${ACCOUNT_ID}:key-value-store/${id}`,
      comment,
      status: 'PROVISIONING',
      etag: newEtag(),
      created: now,
      lastModified: now,
      // The data plane's own version (its ETags are not the control plane's).
      data: { etag: `KV${newEtag().slice(0, 13)}`, items: new Map(), size: 0, lastModified: now },
    }
    stores.set(name, store)
    sendCloudFrontXml(res, 201, element(store), {
      etag: store.etag,
      location: `${API}/key-value-store/${store.arn}`,
    })
  }

  /** Provisioning ends when a Describe or List looks at the store (no test waits on a clock). */
  function observe(store) {
    if (store.status === 'PROVISIONING') store.status = 'READY'
    return element(store)
  }

  function list(res, url) {
    const status = url.searchParams.get('Status')
    const all = [...stores.values()]
      .filter((s) => status === null || s.status === status)
      .sort((a, b) => a.name.localeCompare(b.name))
    const maxItems = Math.max(
      1,
      Math.min(Number(url.searchParams.get('MaxItems') ?? 100) || 100, 100),
    )
    const marker = url.searchParams.get('Marker')
    const start = marker
      ? Math.max(
          0,
          all.findIndex((s) => s.name === marker),
        )
      : 0
    const page = all.slice(start, start + maxItems)
    const next = all[start + maxItems]
    sendCloudFrontXml(
      res,
      200,
      el('KeyValueStoreList', [
        next ? el('NextMarker', next.name) : undefined,
        el('MaxItems', String(maxItems)),
        el('Quantity', String(page.length)),
        page.length ? el('Items', page.map(observe)) : undefined,
      ]),
    )
  }

  function update(req, res, store, body) {
    const precondition = checkIfMatch(req, store.etag)
    if (precondition) return precondition
    const { root, error } = parse(body, 'UpdateKeyValueStoreRequest')
    if (error) return error
    const comment = textAt(root, 'Comment')
    if (comment === undefined) return invalid('UpdateKeyValueStoreRequest/Comment is required.')
    const problem = checkComment(comment)
    if (problem) return problem
    Object.assign(store, { comment, etag: newEtag(), lastModified: new Date() })
    sendCloudFrontXml(res, 200, element(store), { etag: store.etag })
  }

  function remove(req, res, store) {
    const precondition = checkIfMatch(req, store.etag)
    if (precondition) return precondition
    const users = functionsUsing(store.arn)
    if (users.length) {
      return {
        status: 409,
        code: 'CannotDeleteEntityWhileInUse',
        message: `The key value store is associated with the function(s) ${users.join(', ')}.`,
      }
    }
    stores.delete(store.name)
    send(res, 204, '', { 'x-amzn-requestid': requestId() })
  }

  /**
   * POST /key-value-store, GET /key-value-store, GET|PUT|DELETE /key-value-store/{Name}.
   * @returns {{ status: number, code: string, message: string } | undefined} an error, or nothing when answered
   */
  function handle(req, res, url, rest, body) {
    const [name, extra] = rest
    const method = req.method
    if (extra !== undefined)
      return invalid(`${method} ${url.pathname} is not a key value store operation.`)
    if (name === undefined && method === 'POST') return create(res, body)
    if (name === undefined && method === 'GET') return list(res, url)
    const badName = checkName(name)
    if (badName) return badName
    const store = stores.get(name)
    if (!store) return noSuchStore(name)
    if (method === 'GET') {
      sendCloudFrontXml(res, 200, observe(store), { etag: store.etag })
      return undefined
    }
    if (method === 'PUT') return update(req, res, store, body)
    if (method === 'DELETE') return remove(req, res, store)
    return invalid(`${method} ${url.pathname} is not a key value store operation.`)
  }

  return {
    handle,
    checkAssociations,
    byArn,
    byId: (id) => [...stores.values()].find((s) => s.id === id),
  }
}

// CloudFront KeyValueStore data plane (the cloudfront-keyvaluestore API, rest-json), served by the
// layer so AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE (or a client's endpoint) can point at it:
//   GET    /key-value-stores/{KvsARN}              DescribeKeyValueStore
//   GET    /key-value-stores/{KvsARN}/keys         ListKeys (MaxResults 1-50, default 10; NextToken)
//   POST   /key-value-stores/{KvsARN}/keys         UpdateKeys (Puts, Deletes; all or nothing)
//   GET    /key-value-stores/{KvsARN}/keys/{Key}   GetKey
//   PUT    /key-value-stores/{KvsARN}/keys/{Key}   PutKey ({ Value })
//   DELETE /key-value-stores/{KvsARN}/keys/{Key}   DeleteKey
// What it enforces, from the API model (botocore cloudfront-keyvaluestore 2022-07-26) and the
// Developer Guide's "Quotas on key value stores":
//   - requests signed with SigV4A (AWS4-ECDSA-P256-SHA256 and x-amz-region-set: "Work with key value
//     data" says the API uses SigV4A); the signature itself is not verified; unsigned or SigV4
//     requests answer 403 AccessDeniedException;
//   - writes need If-Match, the store's current data ETag: missing 400 ValidationException, stale
//     409 ConflictException (the model has no PreconditionFailed for this API);
//   - Key 1-1,024 characters and MaxResults 1-50 (model: 400 ValidationException); quotas (402
//     ServiceQuotaExceededException): key at most 512 bytes, value at most 1 KB, a store at most
//     5 MB (keys + values, UTF-8), UpdateKeys at most 50 keys or a 3 MB payload;
//   - an unknown store or key is 404 ResourceNotFoundException; a store still PROVISIONING (see
//     kvs-control.mjs) answers 409 ConflictException to everything but DescribeKeyValueStore.
// Stricter than AWS where AWS does not say: an UpdateKeys naming a key twice, or naming none, is a
// ValidationException (deleting a key that is not there in a batch is accepted).
import { readBody, requestId, send } from './http.mjs'
import { newEtag } from './state.mjs'
import { KVS_ARN } from './kvs-control.mjs'

export const KVS_PREFIX = '/key-value-stores/'
const KEY_MAX_CHARS = 1024
const KEY_MAX_BYTES = 512
const VALUE_MAX_BYTES = 1024
const STORE_MAX_BYTES = 5 * 1024 * 1024
const BATCH_MAX_KEYS = 50
const BATCH_MAX_BYTES = 3 * 1024 * 1024

const fail = (status, code, message) => ({ status, code, message })
const validation = (message) => fail(400, 'ValidationException', message)
const quota = (message) => fail(402, 'ServiceQuotaExceededException', message)

function json(res, status, value, headers = {}) {
  send(res, status, JSON.stringify(value), {
    'content-type': 'application/json',
    'x-amzn-requestid': requestId(),
    ...headers,
  })
}

function sendError(res, { status, code, message }) {
  json(res, status, { message, Message: message }, { 'x-amzn-errortype': code })
}

const bytes = (text) => Buffer.byteLength(text, 'utf8')
const seconds = (date) => date.getTime() / 1000

function checkKey(key) {
  const chars = [...key].length
  if (chars < 1 || chars > KEY_MAX_CHARS)
    return validation(`Key must be 1 to ${KEY_MAX_CHARS} characters long (got ${chars}).`)
  if (bytes(key) > KEY_MAX_BYTES)
    return quota(`Key is ${bytes(key)} bytes; a key is at most ${KEY_MAX_BYTES} bytes.`)
  return undefined
}

function checkValue(value) {
  if (typeof value !== 'string') return validation('Value is required and must be a string.')
  if (bytes(value) > VALUE_MAX_BYTES)
    return quota(
      `Value is ${bytes(value)} bytes; a value is at most ${VALUE_MAX_BYTES} bytes (1 KB).`,
    )
  return undefined
}

/** SigV4A only: the API refuses anything else before it reads the request. */
function checkSignature(headers) {
  const auth = String(headers.authorization ?? '')
  if (!auth) return fail(403, 'AccessDeniedException', 'Missing Authentication Token.')
  if (!auth.startsWith('AWS4-ECDSA-P256-SHA256 ') || !headers['x-amz-region-set']) {
    return fail(
      403,
      'AccessDeniedException',
      'The CloudFront KeyValueStore API needs a Signature Version 4A (AWS4-ECDSA-P256-SHA256) request with x-amz-region-set.',
    )
  }
  return undefined
}

function summary(store) {
  return { ItemCount: store.data.items.size, TotalSizeInBytes: store.data.size }
}

function decode(segment) {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/** Apply puts and deletes to a copy; the store changes only when everything fits. */
function plan(store, puts, deletes) {
  const items = new Map(store.data.items)
  let size = store.data.size
  for (const key of deletes) {
    const old = items.get(key)
    if (old === undefined) continue
    size -= bytes(key) + bytes(old)
    items.delete(key)
  }
  for (const { key, value } of puts) {
    const old = items.get(key)
    if (old !== undefined) size -= bytes(key) + bytes(old)
    size += bytes(key) + bytes(value)
    items.set(key, value)
  }
  if (size > STORE_MAX_BYTES)
    return { error: quota(`The store would hold ${size} bytes; a store is at most 5 MB.`) }
  return { items, size }
}

function commit(res, store, next) {
  store.data = { ...store.data, items: next.items, size: next.size, lastModified: new Date() }
  store.data.etag = `KV${newEtag().slice(0, 13)}`
  json(res, 200, summary(store), { etag: store.data.etag })
}

function checkIfMatch(req, store) {
  const given = String(req.headers['if-match'] ?? '').trim()
  if (!given) return validation('If-Match (the store ETag from DescribeKeyValueStore) is required.')
  if (given !== store.data.etag) {
    return fail(
      409,
      'ConflictException',
      `The ETag ${given} is not the store's current version; describe the store again.`,
    )
  }
  return undefined
}

async function parseJson(req) {
  const body = await readBody(req)
  try {
    const value = JSON.parse(body.toString('utf8') || '{}')
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return { error: validation('The request body must be a JSON object.') }
    return { value, length: body.length }
  } catch {
    return { error: validation('The request body is not valid JSON.') }
  }
}

function listKeys(res, store, url) {
  const raw = url.searchParams.get('MaxResults')
  const max = raw === null ? 10 : Number(raw)
  if (!Number.isInteger(max) || max < 1 || max > 50)
    return validation(`MaxResults must be 1 to 50 (got ${raw}).`)
  const keys = [...store.data.items.keys()].sort((a, b) =>
    Buffer.compare(Buffer.from(a), Buffer.from(b)),
  )
  const token = url.searchParams.get('NextToken')
  let start = 0
  if (token !== null) {
    const after = decode(Buffer.from(token, 'base64url').toString('utf8'))
    if (after === undefined || !token) return validation('NextToken is not valid.')
    start = keys.findIndex((k) => Buffer.compare(Buffer.from(k), Buffer.from(after)) > 0)
    if (start === -1) start = keys.length
  }
  const page = keys.slice(start, start + max)
  const more = start + max < keys.length
  json(res, 200, {
    Items: page.map((Key) => ({ Key, Value: store.data.items.get(Key) })),
    ...(more
      ? { NextToken: Buffer.from(encodeURIComponent(page.at(-1))).toString('base64url') }
      : {}),
  })
  return undefined
}

async function updateKeys(req, res, store) {
  const precondition = checkIfMatch(req, store)
  if (precondition) return precondition
  const { value, length, error } = await parseJson(req)
  if (error) return error
  if (length > BATCH_MAX_BYTES)
    return quota(`UpdateKeys carries ${length} bytes; a request is at most 3 MB.`)
  const putList = value.Puts ?? []
  const deleteList = value.Deletes ?? []
  if (!Array.isArray(putList) || !Array.isArray(deleteList))
    return validation('Puts and Deletes must be lists.')
  const count = putList.length + deleteList.length
  if (count === 0) return validation('UpdateKeys needs at least one put or delete.')
  if (count > BATCH_MAX_KEYS)
    return quota(`UpdateKeys names ${count} keys; a request changes at most ${BATCH_MAX_KEYS}.`)
  const seen = new Set()
  const puts = []
  const deletes = []
  for (const item of [...putList.map((p) => ['put', p]), ...deleteList.map((d) => ['delete', d])]) {
    const [kind, entry] = item
    const key = entry?.Key
    if (typeof key !== 'string') return validation(`Every ${kind} needs a Key.`)
    const problem = checkKey(key) ?? (kind === 'put' ? checkValue(entry.Value) : undefined)
    if (problem) return problem
    if (seen.has(key)) return validation(`The key ${key} appears more than once in UpdateKeys.`)
    seen.add(key)
    if (kind === 'put') puts.push({ key, value: entry.Value })
    else deletes.push(key)
  }
  const next = plan(store, puts, deletes)
  if (next.error) return next.error
  commit(res, store, next)
  return undefined
}

async function keyOperation(req, res, store, key) {
  const method = req.method
  if (method === 'GET') {
    const value = store.data.items.get(key)
    if (value === undefined) return fail(404, 'ResourceNotFoundException', `Key ${key} not found.`)
    json(res, 200, { Key: key, Value: value, ...summary(store) })
    return undefined
  }
  if (method !== 'PUT' && method !== 'DELETE')
    return validation(`${method} is not a key operation.`)
  const precondition = checkIfMatch(req, store)
  if (precondition) return precondition
  if (method === 'DELETE') {
    if (!store.data.items.has(key))
      return fail(404, 'ResourceNotFoundException', `Key ${key} not found.`)
    commit(res, store, plan(store, [], [key]))
    return undefined
  }
  const { value, error } = await parseJson(req)
  if (error) return error
  const problem = checkValue(value.Value)
  if (problem) return problem
  const next = plan(store, [{ key, value: value.Value }], [])
  if (next.error) return next.error
  commit(res, store, next)
  return undefined
}

async function route(ctx, req, res, url) {
  const signature = checkSignature(req.headers)
  if (signature) return signature
  const [arnPart, keys, keyPart, ...extra] = url.pathname.slice(KVS_PREFIX.length).split('/')
  const arn = decode(arnPart ?? '')
  if (!arn || !KVS_ARN.test(arn))
    return validation(`${arn ?? arnPart} is not a key value store ARN.`)
  const store = ctx.kvs.byArn(arn)
  if (!store)
    return fail(404, 'ResourceNotFoundException', `The key value store ${arn} does not exist.`)
  if (keys === undefined && req.method === 'GET') {
    json(
      res,
      200,
      {
        ...summary(store),
        KvsARN: store.arn,
        Created: seconds(store.created),
        LastModified: seconds(store.data.lastModified),
        Status: store.status,
      },
      { etag: store.data.etag },
    )
    return undefined
  }
  if (keys !== 'keys' || extra.length > 0)
    return validation(`${url.pathname} is not a KeyValueStore operation.`)
  if (store.status !== 'READY') {
    return fail(409, 'ConflictException', `The key value store is ${store.status}, not READY yet.`)
  }
  if (keyPart === undefined || keyPart === '') {
    if (req.method === 'GET') return listKeys(res, store, url)
    if (req.method === 'POST') return updateKeys(req, res, store)
    return validation(`${req.method} ${url.pathname} is not a KeyValueStore operation.`)
  }
  const key = decode(keyPart)
  if (key === undefined) return validation('The key is not valid percent-encoding.')
  const problem = checkKey(key)
  if (problem) return problem
  return keyOperation(req, res, store, key)
}

/** Handle one data-plane request; errors are logged and answered in rest-json's format. */
export async function handleKeyValueStoreData(ctx, req, res, url) {
  const outcome = await route(ctx, req, res, url)
  if (!outcome) return res.statusCode
  ctx.state.record({
    method: req.method,
    path: url.pathname,
    rule: 'kvs-refused',
    status: outcome.status,
    detail: `${outcome.code}: ${outcome.message}`,
  })
  if (!req.complete) req.resume()
  sendError(res, outcome)
  return outcome.status
}

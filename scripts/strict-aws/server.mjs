#!/usr/bin/env node
// The strict AWS layer: an HTTP proxy in front of moto_server that answers as real AWS does where
// moto forgives (see docs/reliability.md, "The strict AWS layer").
//
//   node scripts/strict-aws/server.mjs --upstream http://127.0.0.1:PORT [--port 0]
//
// Listens on 127.0.0.1 only and prints `listening http://127.0.0.1:NNNN` once ready.
// Modules, by what they own:
//   server.mjs      process, argument parsing, routing: admin API, edge, KeyValueStore data
//                   plane, CloudFront, S3
//   http.mjs        bodies, error formats, the keep-alive upstream connection
//   s3.mjs          S3 rules (missing key 403, list prefixes, limits, tag copy, IAM allow/deny)
//   cloudfront.mjs  CloudFront routing, distributions (aliases, If-Match, OAC), named resources
//   cf-resources.mjs cache/response headers policies and Functions served from memory
//   cf-validate.mjs documented limits on request bodies
//   kvs-control.mjs CloudFront KeyValueStore control plane (/2020-05-31/key-value-store)
//   kvs-data.mjs    CloudFront KeyValueStore data plane (/key-value-stores/{KvsARN}..., SigV4A)
//   edge.mjs        what a viewer gets: /strict-edge/<distributionId><path> runs the distribution's
//                   functions (function-runtime.mjs, edge-shape.mjs) around its S3 origin
//                   (edge-origin.mjs)
//   state.mjs       everything the layer remembers
//   xml.mjs         small XML parser/builder
// Not forwarded either:
//   GET|HEAD /strict-edge/<distributionId><path>  the distribution as a viewer sees it (edge.mjs)
//   /key-value-stores/arn:...                      the KeyValueStore data plane (kvs-data.mjs)
// Admin API (never forwarded):
//   GET  /strict-api/log              what the layer changed or refused (JSON list)
//   POST /strict-api/reset            forget everything (moto's state stays moto's)
//   POST /strict-api/buckets/<bucket> JSON { listBucket?: 'all'|'none', listBucketPrefixes?: string[],
//                                     denyActions?: string[], allowActions?: string[] |
//                                     { [resourceArn]: string[] } }: the IAM model for that bucket
//                                     (allowActions: see s3.mjs)
//   GET  /strict-api/buckets/<bucket> the model in force
//   POST /strict-api/foreign-aliases  JSON { alias, distributionId, accountId }: an alias another
//                                     account's distribution holds (CNAMEAlreadyExists here)
import http from 'node:http'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { createCloudFront } from './cloudfront.mjs'
import { EDGE_PREFIX, handleEdge } from './edge.mjs'
import { createUpstream, readBody, send } from './http.mjs'
import { KVS_PREFIX, handleKeyValueStoreData } from './kvs-data.mjs'
import { handleS3 } from './s3.mjs'
import { createState } from './state.mjs'

const ADMIN = '/strict-api/'

function json(res, status, value) {
  send(res, status, JSON.stringify(value, null, 2), { 'content-type': 'application/json' })
}

const strings = (value) => Array.isArray(value) && value.every((v) => typeof v === 'string')

function bucketModel(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new Error('expected a JSON object')
  const model = {}
  for (const [key, value] of Object.entries(input)) {
    if (key === 'listBucket') {
      if (value !== 'all' && value !== 'none') throw new Error('listBucket must be "all" or "none"')
      model.listBucket = value
    } else if (key === 'listBucketPrefixes' || key === 'denyActions') {
      if (!strings(value)) throw new Error(`${key} must be a list of strings`)
      model[key] = [...value]
    } else if (key === 'allowActions') {
      if (strings(value)) model.allowActions = [...value]
      else if (
        value !== null &&
        typeof value === 'object' &&
        Object.values(value).every((actions) => strings(actions))
      ) {
        model.allowActions = Object.fromEntries(
          Object.entries(value).map(([resource, actions]) => [resource, [...actions]]),
        )
      } else
        throw new Error('allowActions must be a list of actions or { resource ARN: actions[] }')
    } else throw new Error(`unknown setting ${key}`)
  }
  return model
}

async function admin(state, req, res, url) {
  const path = url.pathname.slice(ADMIN.length)
  if (req.method === 'GET' && path === 'log') return json(res, 200, state.log)
  if (req.method === 'POST' && path === 'reset') {
    state.reset()
    return json(res, 200, { reset: true })
  }
  if (req.method === 'POST' && path === 'foreign-aliases') {
    try {
      const body = JSON.parse((await readBody(req)).toString('utf8'))
      const { alias, distributionId, accountId } = body ?? {}
      if (![alias, distributionId, accountId].every((v) => typeof v === 'string' && v))
        throw new Error('alias, distributionId and accountId are required strings')
      state.foreignAliases.set(alias.toLowerCase(), { distributionId, accountId })
      return json(res, 200, { alias: alias.toLowerCase(), distributionId, accountId })
    } catch (error) {
      return json(res, 400, { error: String(error instanceof Error ? error.message : error) })
    }
  }
  if (path.startsWith('buckets/')) {
    const bucket = decodeURIComponent(path.slice('buckets/'.length))
    if (!bucket) return json(res, 400, { error: 'bucket name missing' })
    if (req.method === 'GET') return json(res, 200, state.bucket(bucket))
    if (req.method === 'POST' || req.method === 'PUT') {
      try {
        const text = (await readBody(req)).toString('utf8')
        const model = bucketModel(text.trim() ? JSON.parse(text) : {})
        state.buckets.set(bucket, model)
        return json(res, 200, model)
      } catch (error) {
        return json(res, 400, { error: String(error instanceof Error ? error.message : error) })
      }
    }
    if (req.method === 'DELETE') {
      state.buckets.delete(bucket)
      return json(res, 200, {})
    }
  }
  return json(res, 404, { error: `no admin route ${req.method} ${url.pathname}` })
}

/** Start the layer in this process; resolves to { endpoint, server, state, close() }. */
export async function startStrictServer({ upstream, port = 0 }) {
  const state = createState()
  const connection = createUpstream(upstream)
  const ctx = { state, upstream: connection }
  const cloudfront = createCloudFront(ctx)
  const server = http.createServer((req, res) => {
    // A client that goes away mid-request must not take the layer down.
    req.on('error', () => req.destroy())
    res.on('error', () => res.destroy())
    const url = new URL(req.url ?? '/', 'http://strict')
    const path = url.pathname
    const work = path.startsWith(ADMIN)
      ? admin(state, req, res, url)
      : path.startsWith(EDGE_PREFIX)
        ? handleEdge(ctx, req, res, url)
        : /^\/key-value-stores\/arn(:|%3A)/i.test(path) && path.startsWith(KVS_PREFIX)
          ? handleKeyValueStoreData(ctx, req, res, url)
          : path.startsWith('/2020-05-31/')
            ? cloudfront.handle(req, res, url)
            : handleS3(ctx, req, res, url)
    Promise.resolve(work).catch((error) => {
      if (!res.headersSent)
        send(res, 500, `strict layer: ${error instanceof Error ? error.stack : error}`)
      else res.destroy()
    })
  })
  server.keepAliveTimeout = 30_000
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  const endpoint = `http://127.0.0.1:${server.address().port}`
  return {
    endpoint,
    server,
    state,
    close() {
      connection.close()
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (isMain) {
  const { values } = parseArgs({
    options: { upstream: { type: 'string' }, port: { type: 'string', default: '0' } },
  })
  if (!values.upstream) {
    console.error(
      'usage: node scripts/strict-aws/server.mjs --upstream http://127.0.0.1:PORT [--port 0]',
    )
    process.exit(2)
  }
  const layer = await startStrictServer({ upstream: values.upstream, port: Number(values.port) })
  console.log(`listening ${layer.endpoint}`)
  const stop = () => layer.close().then(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

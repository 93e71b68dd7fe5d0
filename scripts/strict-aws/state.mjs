// All the strict layer's memory in one place, so every module (the CloudFront API, the edge that runs
// CloudFront Functions for viewer requests, the KeyValueStore data plane) reads the same resources:
//   buckets        per-bucket IAM model set by the admin API (what the caller may do: listBucket,
//                  listBucketPrefixes, allowActions, denyActions)
//   log            what the layer changed or refused, for GET /strict-api/log
//   cachePolicies, responseHeadersPolicies   id -> { id, etag, type, lastModified, config }
//   functions      name -> { name, arn, created, status, stages: { DEVELOPMENT, LIVE? } }, each
//                  stage { etag, lastModified, config (FunctionConfig element), code (Buffer) }
//   distributions  id -> { etag, config (the DistributionConfig element as last sent) }: the aliases,
//                  origins (with OriginAccessControlId), comment and behaviours the layer saw pass
//   keyValueStores name -> { name, id, arn, comment, status, etag, created, lastModified,
//                  data: { etag, items: Map<key, value>, size, lastModified } } (kvs-control.mjs; the
//                  data plane's ETag is its own)
//   foreignAliases alias -> { distributionId, accountId }: held by a distribution of another account
//                  (invisible to ListDistributions, as on AWS; CNAMEAlreadyExists for it)
// reset() empties everything (the managed policies come back); moto's own state is moto's.
import { randomBytes } from 'node:crypto'
import { managedCachePolicies, managedResponseHeadersPolicies } from './managed-policies.mjs'

export const ACCOUNT_ID = '123456789012'

/** A CloudFront-style ETag/version id: 14 upper-case letters and digits. */
export function newEtag() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  return [...randomBytes(14)].map((b) => alphabet[b % alphabet.length]).join('')
}

export function createState() {
  const state = {
    /** @type {Map<string, { listBucket?: 'all' | 'none', listBucketPrefixes?: string[], denyActions?: string[] }>} */
    buckets: new Map(),
    /** @type {{ seq: number, time: string, method: string, path: string, rule: string, status: number, detail?: string }[]} */
    log: [],
    cachePolicies: new Map(),
    responseHeadersPolicies: new Map(),
    functions: new Map(),
    distributions: new Map(),
    keyValueStores: new Map(),
    foreignAliases: new Map(),
    seq: 0,
    record(entry) {
      state.log.push({ seq: state.seq++, time: new Date().toISOString(), ...entry })
      if (state.log.length > 10_000) state.log.splice(0, state.log.length - 10_000)
    },
    bucket(name) {
      return state.buckets.get(name) ?? {}
    },
    reset() {
      state.buckets.clear()
      state.log.length = 0
      state.cachePolicies.clear()
      state.responseHeadersPolicies.clear()
      state.functions.clear()
      state.distributions.clear()
      state.keyValueStores.clear()
      state.foreignAliases.clear()
      for (const policy of managedCachePolicies()) state.cachePolicies.set(policy.id, policy)
      for (const policy of managedResponseHeadersPolicies()) {
        state.responseHeadersPolicies.set(policy.id, policy)
      }
    },
  }
  state.reset()
  return state
}

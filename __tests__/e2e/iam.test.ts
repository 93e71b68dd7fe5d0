// The documented IAM policy works as written. Its JSON blocks are parsed out of docs/iam.md, given the
// test's bucket and prefix, and turned into the strict layer's model of that bucket: only the S3
// actions they allow, on the resources they name, with ListBucket limited by their s3:prefix
// condition. Under that model the bundle publishes, updates headers, publishes and removes a preview
// and keeps objects with delete-grace; with a permission taken out, the run fails and names it.
// (CloudFront permissions are not checked by the layer; the first test still runs CloudFront, so the
// bucket policy calls of GrantTheDistributionRead are.)
import { GetObjectTaggingCommand, PutObjectTaggingCommand } from '@aws-sdk/client-s3'
import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../helpers/action.js'
import { useDeployHarness } from '../helpers/harness.js'
import { body, headers, listKeys, putObject } from '../helpers/s3.js'
import { makeSite, removeSite, writeTree } from '../helpers/site.js'

// Not "site": a nested prefix, so a substitution the test missed cannot pass by accident.
const PREFIX = 'docs/v2'

const h = useDeployHarness({ cloudfront: false, github: true, inputs: { prefix: PREFIX } })
const { proxy, s3 } = h
const layer = h.awsEndpoint

// ---- the policy, from docs/iam.md ----

interface Statement {
  Sid?: string
  Effect: string
  Action: string | string[]
  Resource: string | string[]
  Condition?: Record<string, Record<string, string | string[]>>
}

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value])

/** Every statement of the JSON blocks of docs/iam.md, for this bucket and prefix. */
async function documentedStatements(
  bucket: string,
  prefix: string,
): Promise<Map<string, Statement>> {
  const page = await fs.readFile(path.join(repoRoot, 'docs', 'iam.md'), 'utf8')
  expect(page.startsWith('# IAM permissions\n'), 'docs/iam.md is the "IAM permissions" page').toBe(
    true,
  )
  const statements = new Map<string, Statement>()
  for (const [, text] of page.matchAll(/```json\n([\s\S]*?)```/g)) {
    const substituted = text!
      .replaceAll('www-example-com/site/', `${bucket}/${prefix}/`)
      .replaceAll('"site/', `"${prefix}/`)
      .replaceAll('www-example-com', bucket)
    expect(substituted).not.toMatch(/\bsite\//)
    // A whole policy, a list of statements, or one statement.
    const parsed = JSON.parse(substituted) as { Statement?: Statement[] } | Statement[]
    const found: Statement[] = Array.isArray(parsed)
      ? parsed
      : (parsed.Statement ?? [parsed as Statement])
    for (const statement of found) statements.set(statement.Sid ?? '', statement)
  }
  return statements
}

/** The base policy (the page's first block) plus the add-on statements named. */
async function policy(bucket: string, ...addOns: string[]): Promise<Statement[]> {
  const all = await documentedStatements(bucket, PREFIX)
  const base = ['ListThePrefix', 'WriteUnderThePrefix', 'GrantTheDistributionRead', 'CloudFront']
  return [...base, ...addOns].map((sid) => {
    const statement = all.get(sid)
    expect(statement, `docs/iam.md has a statement ${sid}`).toBeDefined()
    return statement!
  })
}

/** The statements with these actions taken out. */
function without(statements: Statement[], ...actions: string[]): Statement[] {
  return statements.map((s) => ({
    ...s,
    Action: list(s.Action).filter((a) => !actions.includes(a)),
  }))
}

interface BucketModel {
  allowActions: Record<string, string[]>
  listBucket?: 'all'
  listBucketPrefixes?: string[]
}

/**
 * The strict layer's model of what these statements allow on the bucket. The one condition the README
 * uses, ListBucket with StringLike s3:prefix "P*", is the layer's listBucketPrefixes [P]; anything
 * else the layer cannot model fails the test rather than being approximated.
 */
function bucketModel(statements: Statement[], bucket: string): BucketModel {
  const model: BucketModel = { allowActions: {} }
  const ours = (resource: string) =>
    resource === '*' ||
    resource === `arn:aws:s3:::${bucket}` ||
    resource.startsWith(`arn:aws:s3:::${bucket}/`)
  for (const statement of statements) {
    expect(statement.Effect).toBe('Allow')
    const actions = list(statement.Action).filter((a) => a.toLowerCase().startsWith('s3:'))
    const resources = list(statement.Resource).filter(ours)
    if (actions.length === 0 || resources.length === 0) continue
    if (statement.Condition) {
      expect(Object.keys(statement.Condition)).toEqual(['StringLike'])
      expect(Object.keys(statement.Condition.StringLike!)).toEqual(['s3:prefix'])
      expect(actions).toEqual(['s3:ListBucket'])
      for (const pattern of list(statement.Condition.StringLike!['s3:prefix']!)) {
        expect(pattern).toMatch(/^[^*?]*\*$/)
        ;(model.listBucketPrefixes ??= []).push(pattern.slice(0, -1))
      }
    } else if (actions.some((a) => a.toLowerCase() === 's3:listbucket')) {
      model.listBucket = 'all'
    }
    for (const resource of resources)
      model.allowActions[resource] = [...(model.allowActions[resource] ?? []), ...actions]
  }
  return model
}

async function underPolicy(bucket: string, statements: Statement[]): Promise<void> {
  const response = await fetch(`${layer}/strict-api/buckets/${bucket}`, {
    method: 'POST',
    body: JSON.stringify(bucketModel(statements, bucket)),
  })
  expect(response.status, await response.text()).toBe(200)
}

interface LayerEntry {
  path: string
  rule: string
  status: number
  detail?: string
}
/** What the strict layer refused or rewrote for this bucket. */
async function layerLog(bucket: string): Promise<LayerEntry[]> {
  const entries = (await (await fetch(`${layer}/strict-api/log`)).json()) as LayerEntry[]
  return entries.filter((e) => e.path.startsWith(`/${bucket}/`) || e.path === `/${bucket}`)
}
const refusals = async (bucket: string) =>
  (await layerLog(bucket)).filter((e) => e.rule === 'allow-actions' || e.rule === 'list-prefix')

// ---- runs ----

// Runs are S3 only (CloudFront skipped: no endpoint for it) unless they say { cloudfront: true }.
const { deploy } = h

const pullRequest = (action: string) =>
  h.event(
    'pull_request',
    {
      action,
      number: 42,
      pull_request: { number: 42, head: { ref: 'feature/x', sha: 'a'.repeat(40) } },
      repository: { full_name: 'octo/site' },
    },
    { GITHUB_REF: 'refs/pull/42/merge' },
  )

const STATE = `${PREFIX}/.cdn-publish/state.json`

describe("README's IAM policy, as written", () => {
  it('base policy: a first deploy, a header update that keeps tags, a preview and its removal (with CloudFront)', async () => {
    const bucket = await h.bucket('iam')
    await putObject(s3, bucket, 'other/keep.html', 'not ours')
    await underPolicy(bucket, await policy(bucket))
    const site = await makeSite({
      'index.html': '<p>home</p>',
      'app.css': 'body{}',
      'img/logo.png': 'png',
    })
    const preview = await makeSite({ 'index.html': '<p>preview</p>', 'new.html': 'new' })
    try {
      // First deploy: the state's GET is denied (a missing key without an unconditional ListBucket);
      // the listing shows there is none.
      const first = await deploy({ source: site, bucket }, {}, { cloudfront: true })
      expect(first.code, first.stdout + first.stderr).toBe(0)
      expect(first.outputs).toMatchObject({ uploaded: '3', deleted: '0' })
      expect(first.outputs['distribution-id']).not.toBe('')
      expect((await layerLog(bucket)).filter((e) => e.rule === 'missing-key-403')).toEqual([
        expect.objectContaining({ path: `/${bucket}/${STATE}`, status: 403 }),
      ])
      await s3.send(
        new PutObjectTaggingCommand({
          Bucket: bucket,
          Key: `${PREFIX}/img/logo.png`,
          Tagging: { TagSet: [{ Key: 'lifecycle', Value: 'keep' }] },
        }),
      )

      // A changed file and a changed cache-control rule: the header-only change is a CopyObject.
      await writeTree(site, { 'app.css': 'body{color:red}' })
      const second = await deploy(
        { source: site, bucket, 'cache-control': '*.png: public, max-age=600' },
        {},
        { cloudfront: true },
      )
      expect(second.code, second.stdout + second.stderr).toBe(0)
      expect(second.outputs).toMatchObject({ uploaded: '1', updated: '1', unchanged: '1' })
      expect(proxy.count('CopyObject')).toBe(1)
      expect((await headers(s3, bucket, `${PREFIX}/img/logo.png`)).cacheControl).toBe(
        'public, max-age=600',
      )
      const tagged = await s3.send(
        new GetObjectTaggingCommand({ Bucket: bucket, Key: `${PREFIX}/img/logo.png` }),
      )
      expect(tagged.TagSet).toEqual([{ Key: 'lifecycle', Value: 'keep' }])

      // A preview under the prefix, then its removal.
      const published = await deploy(
        { source: preview, bucket, preview: 'true' },
        await pullRequest('opened'),
        { cloudfront: true },
      )
      expect(published.code, published.stdout + published.stderr).toBe(0)
      expect(published.outputs.prefix).toBe(`${PREFIX}/previews/pr-42`)
      expect(await listKeys(s3, bucket, `${PREFIX}/previews/`)).toEqual([
        `${PREFIX}/previews/pr-42/.cdn-publish/state.json`,
        `${PREFIX}/previews/pr-42/index.html`,
        `${PREFIX}/previews/pr-42/new.html`,
      ])
      const removed = await deploy(
        { bucket, preview: 'true', mode: 'remove' },
        await pullRequest('closed'),
        { cloudfront: true },
      )
      expect(removed.code, removed.stdout + removed.stderr).toBe(0)
      expect(removed.outputs.deleted).toBe('2')
      expect(await listKeys(s3, bucket, `${PREFIX}/previews/`)).toEqual([])
      expect(await listKeys(s3, bucket)).toEqual([
        `${PREFIX}/.cdn-publish/state.json`,
        `${PREFIX}/app.css`,
        `${PREFIX}/img/logo.png`,
        `${PREFIX}/index.html`,
        'other/keep.html',
      ])
      expect(await refusals(bucket)).toEqual([])
    } finally {
      await removeSite(site)
      await removeSite(preview)
    }
  })

  it('delete-grace with the DeleteGrace statement: marked, unmarked when back, deleted after the grace', async () => {
    const bucket = await h.bucket('iam-grace')
    await underPolicy(bucket, await policy(bucket, 'DeleteGrace'))
    const day = (n: number) => ({
      CDN_PUBLISH_NOW: new Date(Date.UTC(2026, 10, 1 + n)).toISOString(),
    })
    const chunk = `${PREFIX}/chunk-1a2b3c4d.js`
    const marks = async () =>
      (await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: chunk }))).TagSet ?? []
    const site = await makeSite({ 'index.html': 'v1', 'chunk-1a2b3c4d.js': 'old' })
    const grace = (n: number) => deploy({ source: site, bucket, 'delete-grace': '7d' }, day(n))
    try {
      expect((await grace(0)).code).toBe(0)
      await fs.rm(path.join(site, 'chunk-1a2b3c4d.js'))
      const left = await grace(1)
      expect(left.code, left.stdout + left.stderr).toBe(0)
      expect((await marks()).map((t) => t.Key)).toEqual(['cdn-publish-removed-at'])
      await writeTree(site, { 'chunk-1a2b3c4d.js': 'old' })
      const back = await grace(2)
      expect(back.code, back.stdout + back.stderr).toBe(0)
      expect(proxy.count('DeleteObjectTagging')).toBe(1)
      expect(await marks()).toEqual([])
      await fs.rm(path.join(site, 'chunk-1a2b3c4d.js'))
      expect((await grace(3)).code).toBe(0)
      const gone = await grace(11)
      expect(gone.code, gone.stdout + gone.stderr).toBe(0)
      expect(gone.outputs.deleted).toBe('1')
      expect(await listKeys(s3, bucket)).toEqual([
        `${PREFIX}/.cdn-publish/state.json`,
        `${PREFIX}/index.html`,
      ])
      expect(await refusals(bucket)).toEqual([])
    } finally {
      await removeSite(site)
    }
  })
})

describe('a permission taken out of the policy is named by the failure', () => {
  it('without the tagging permissions, a header-only update fails naming both', async () => {
    const bucket = await h.bucket('iam-notag')
    await underPolicy(
      bucket,
      without(await policy(bucket), 's3:GetObjectTagging', 's3:PutObjectTagging'),
    )
    const site = await makeSite({ 'index.html': 'x', 'a.png': 'png' })
    try {
      expect((await deploy({ source: site, bucket })).code).toBe(0)
      const run = await deploy({ source: site, bucket, 'cache-control': '*.png: no-store' })
      expect(run.code).toBe(1)
      const error = run.errors.join('\n')
      expect(error).toMatch(/CopyObject/)
      expect(error).toContain('s3:GetObjectTagging')
      expect(error).toContain('s3:PutObjectTagging')
      expect((await headers(s3, bucket, `${PREFIX}/a.png`)).cacheControl).not.toBe('no-store')
    } finally {
      await removeSite(site)
    }
  })

  it('without s3:GetObject, a first deploy works (the listing shows no state) and the second fails on the state', async () => {
    const bucket = await h.bucket('iam-noget')
    await underPolicy(bucket, without(await policy(bucket), 's3:GetObject'))
    const site = await makeSite({ 'index.html': 'x' })
    try {
      const first = await deploy({ source: site, bucket })
      expect(first.code, first.stdout + first.stderr).toBe(0)
      const second = await deploy({ source: site, bucket })
      expect(second.code).toBe(1)
      expect(second.errors.join('\n')).toMatch(
        new RegExp(`read the deploy state .*${STATE.replace(/[.]/g, '\\.')}.*s3:GetObject\\b`),
      )
    } finally {
      await removeSite(site)
    }
  })

  it('without s3:ListBucket, the first deploy fails naming it', async () => {
    const bucket = await h.bucket('iam-nolist')
    await underPolicy(bucket, without(await policy(bucket), 's3:ListBucket'))
    const site = await makeSite({ 'index.html': 'x' })
    try {
      const run = await deploy({ source: site, bucket })
      expect(run.code).toBe(1)
      expect(run.errors.join('\n')).toMatch(/ListObjectsV2.*s3:ListBucket/)
      expect(await listKeys(s3, bucket)).toEqual([])
    } finally {
      await removeSite(site)
    }
  })

  it('with delete-grace but without the DeleteGrace statement, unmarking fails naming s3:DeleteObjectTagging', async () => {
    const bucket = await h.bucket('iam-nograce')
    await underPolicy(bucket, await policy(bucket))
    const site = await makeSite({ 'index.html': 'v1', 'chunk-1a2b3c4d.js': 'old' })
    const grace = () => deploy({ source: site, bucket, 'delete-grace': '7d' })
    try {
      expect((await grace()).code).toBe(0)
      await fs.rm(path.join(site, 'chunk-1a2b3c4d.js'))
      expect((await grace()).code).toBe(0)
      await writeTree(site, { 'chunk-1a2b3c4d.js': 'old' })
      const back = await grace()
      expect(back.code).toBe(1)
      expect(back.errors.join('\n')).toContain('s3:DeleteObjectTagging')
      expect((await body(s3, bucket, `${PREFIX}/chunk-1a2b3c4d.js`)).toString()).toBe('old')
    } finally {
      await removeSite(site)
    }
  })
})

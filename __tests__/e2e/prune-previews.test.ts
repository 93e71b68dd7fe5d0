// mode: prune-previews through the bundled action, with runner-filled inputs, behind the strict layer,
// against the local GitHub API: exactly the previews of closed pull requests and those older than
// preview-max-age go (objects, comment, invalidation); open and young ones, one whose pull request
// cannot be read, a folder that is not of the template and production stay; a dry run removes nothing.
import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { invalidations } from '../helpers/cloudfront.js'
import { useDeployHarness } from '../helpers/harness.js'
import { listKeys, putObject } from '../helpers/s3.js'
import { makeSite, removeSite } from '../helpers/site.js'

const h = useDeployHarness({
  cloudfront: true,
  github: true,
  inputs: { 'github-token': 'ghs_testtoken' },
  env: { GITHUB_RUN_ID: '31337' },
})
const { s3, cf, deploy } = h

const HEAD_SHA = '0123456789abcdef0123456789abcdef01234567'
const DAY = 86_400_000

const pullRequest = (number: number) =>
  h.event(
    'pull_request',
    {
      action: 'synchronize',
      number,
      pull_request: { number, head: { ref: `feature-${number}`, sha: HEAD_SHA } },
      repository: { full_name: 'octo/site' },
    },
    { GITHUB_REF: `refs/pull/${number}/merge` },
  )
const schedule = (extra: Record<string, string> = {}) =>
  h.event('schedule', { schedule: '0 3 * * *' }, { GITHUB_REF: 'refs/heads/main', ...extra })
const push = () => h.event('push', { ref: 'refs/heads/main' }, { GITHUB_REF: 'refs/heads/main' })

/** The newest Last-Modified under a prefix, as moto keeps it. */
async function newest(bucket: string, prefix: string): Promise<number> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))
  return Math.max(...(page.Contents ?? []).map((o) => o.LastModified!.getTime()))
}

/** The comment on a pull request, as the local API keeps it. */
const commentOn = (issue: number) =>
  [...h.github.comments.values()].filter((c) => c.issue === issue).map((c) => c.body)

describe('mode: prune-previews (bundled action)', () => {
  it('removes exactly the closed and the expired previews, keeps the rest and says why; a dry run removes nothing', async () => {
    const bucket = await h.bucket('prune')
    const production = await makeSite({ 'index.html': 'prod', 'app.css': 'prod' })
    const preview = await makeSite({ 'index.html': 'preview', 'app.css': 'preview' })
    h.github.reset()
    try {
      const prod = await deploy({ source: production, bucket }, await push())
      expect(prod.code, prod.stdout).toBe(0)
      const distributionId = prod.outputs['distribution-id']!
      // #2 first: the others are deployed at least a second later (S3 times are in seconds).
      for (const n of [2, 1, 5]) {
        const run = await deploy({ source: preview, bucket, preview: 'true' }, await pullRequest(n))
        expect(run.code, run.stdout).toBe(0)
      }
      const old = await newest(bucket, 'previews/pr-2/')
      while (Date.now() < old + 1000) await new Promise((resolve) => setTimeout(resolve, 50))
      for (const n of [3, 4]) {
        const run = await deploy({ source: preview, bucket, preview: 'true' }, await pullRequest(n))
        expect(run.code, run.stdout).toBe(0)
      }
      // Not previews of the template: a folder of another tool, and a file at the root.
      await putObject(s3, bucket, 'previews/manual/index.html', 'by hand')
      await putObject(s3, bucket, 'previews/README.txt', 'not a folder')
      const young = Math.min(
        await newest(bucket, 'previews/pr-3/'),
        await newest(bucket, 'previews/pr-4/'),
      )
      expect(young).toBeGreaterThan(old)
      const all = await listKeys(s3, bucket)
      expect(commentOn(1)).toHaveLength(1)

      h.github.pulls.set(1, pull(1, 'closed', true))
      h.github.pulls.set(2, pull(2, 'open', false))
      h.github.pulls.set(3, pull(3, 'open', false))
      h.github.pulls.set(5, pull(5, 'closed', false))
      // #4 is unknown to the API (404): its preview must stay.

      // A dry run: what would go, and nothing written anywhere.
      h.github.requests.length = 0
      const dry = await deploy(
        { bucket, mode: 'prune-previews', 'dry-run': 'true' },
        await schedule(),
      )
      expect(dry.code, dry.stdout).toBe(0)
      expect(JSON.parse(dry.outputs.pruned!)).toEqual(['previews/pr-1', 'previews/pr-5'])
      expect(dry.outputs.deleted).toBe('4') // two objects each
      expect(await listKeys(s3, bucket)).toEqual(all)
      expect(h.github.requests.filter((r) => r.method !== 'GET')).toEqual([])
      expect(h.proxy.requests.filter((r) => !['GET', 'HEAD'].includes(r.method))).toEqual([])
      expect(dry.summary).toContain('2 would be removed, 4 kept')
      expect(dry.stdout).toContain('would remove  pr-1: pull request #1 was merged')

      // On a schedule, without an age limit: the closed ones go.
      h.github.requests.length = 0
      const first = await deploy({ bucket, mode: 'prune-previews' }, await schedule())
      expect(first.code, first.stdout).toBe(0)
      expect(JSON.parse(first.outputs.pruned!)).toEqual(['previews/pr-1', 'previews/pr-5'])
      expect(first.outputs.deleted).toBe('4')
      expect(await listKeys(s3, bucket)).toEqual(
        all.filter((k) => !k.startsWith('previews/pr-1/') && !k.startsWith('previews/pr-5/')),
      )
      expect(
        h.github.requests
          .filter((r) => r.path.includes('/pulls/'))
          .map((r) => r.path)
          .sort(),
      ).toEqual([1, 2, 3, 4, 5].map((n) => `/repos/octo/site/pulls/${n}`))
      expect(commentOn(1)[0]).toContain('Preview removed')
      expect(commentOn(5)[0]).toContain('Preview removed')
      for (const n of [2, 3, 4]) expect(commentOn(n)[0]).toContain('Preview deployed')
      expect(first.stdout).toContain('remove  pr-5: pull request #5 is closed')
      expect(first.stdout).toContain(
        'keep  pr-4: the state of pull request #4 is not known (not found with this token (HTTP 404))',
      )
      expect(first.stdout).toContain('keep  pr-2: pull request #2 is open')
      expect(first.stdout).toContain(
        'keep  manual: not a preview of this template (previews/pr-{number})',
      )
      expect(first.summary).toContain('Prune previews')
      expect(first.summary).toMatch(
        /\| `pr-1` \| #1 \| removed \(2 objects\) \| pull request \\#1 was merged \|/,
      )
      expect(first.summary).toMatch(/\| `manual` \| - \| kept \| not a preview of this template/)
      const paths = (await invalidations(cf, distributionId)).flatMap((i) => i.paths)
      expect(paths).toEqual(expect.arrayContaining(['/previews/pr-1/*', '/previews/pr-5/*']))
      expect(paths.filter((p) => /pr-[234]/.test(p))).toEqual([])

      // With preview-max-age, 14 days after the youngest deploys: #2 is older and goes, though open.
      h.github.requests.length = 0
      const now = new Date(young + 14 * DAY).toISOString()
      const second = await deploy(
        { bucket, mode: 'prune-previews', 'preview-max-age': '14d' },
        await schedule({ CDN_PUBLISH_NOW: now }),
      )
      expect(second.code, second.stdout).toBe(0)
      expect(JSON.parse(second.outputs.pruned!)).toEqual(['previews/pr-2'])
      expect(second.stdout).toMatch(
        /remove {2}pr-2: last deployed \S+, more than preview-max-age \(2w\) ago/,
      )
      expect(second.stdout).toMatch(
        /keep {2}pr-3: pull request #3 is open; last deployed \S+, within preview-max-age \(2w\)/,
      )
      expect(second.stdout).toContain('keep  pr-4: the state of pull request #4 is not known')
      expect(commentOn(2)[0]).toContain('Preview removed')
      expect(commentOn(3)[0]).toContain('Preview deployed')
      expect((await listKeys(s3, bucket, 'previews/')).map((k) => k.split('/')[1])).toEqual([
        'README.txt',
        'manual',
        'pr-3',
        'pr-3',
        'pr-3',
        'pr-4',
        'pr-4',
        'pr-4',
      ])
      expect((await listKeys(s3, bucket)).filter((k) => !k.startsWith('previews/'))).toEqual(
        all.filter((k) => !k.startsWith('previews/')),
      )
    } finally {
      await removeSite(production)
      await removeSite(preview)
    }
  })

  it('without a token every preview stays (only age could prune); a bad preview-max-age fails before any request', async () => {
    const bucket = await h.bucket('prune-notoken')
    const site = await makeSite({ 'index.html': 'x' })
    h.github.reset()
    try {
      const run = await deploy({ source: site, bucket, preview: 'true' }, await pullRequest(8))
      expect(run.code, run.stdout).toBe(0)
      h.github.pulls.set(8, pull(8, 'closed', false))
      h.github.requests.length = 0
      const kept = await deploy(
        { bucket, mode: 'prune-previews', 'github-token': '' },
        await schedule(),
      )
      expect(kept.code, kept.stdout).toBe(0)
      expect(kept.outputs.pruned).toBe('[]')
      expect(kept.stdout).toContain(
        'keep  pr-8: the state of pull request #8 is not known (no github-token to ask GitHub with)',
      )
      expect(h.github.requests).toEqual([])
      expect(await listKeys(s3, bucket, 'previews/pr-8/')).toContain('previews/pr-8/index.html')

      // max-deletes holds per preview: one over it is kept, said, and the step fails.
      const capped = await deploy(
        { bucket, mode: 'prune-previews', 'max-deletes': '0' },
        await schedule(),
      )
      expect(capped.code).toBe(1)
      expect(capped.errors.join('\n')).toMatch(
        /1 preview\(s\) could not be removed: pr-8 \(Removing .*would delete 1 objects, more than max-deletes \(0\)/,
      )
      expect(capped.outputs.pruned).toBe('[]')
      expect(await listKeys(s3, bucket, 'previews/pr-8/')).toContain('previews/pr-8/index.html')
      h.proxy.clear()
      h.github.requests.length = 0

      const bad = await deploy(
        { bucket, mode: 'prune-previews', 'preview-max-age': '2 weeks' },
        await schedule(),
      )
      expect(bad.code).toBe(1)
      expect(bad.errors.join('\n')).toMatch(
        /Input 'preview-max-age' has an invalid value "2 weeks"/,
      )
      expect(h.proxy.requests).toEqual([])
      expect(h.github.requests).toEqual([])
    } finally {
      await removeSite(site)
    }
  })

  it('with github-deployment, the deployments of a pruned preview turn inactive; other environments stay', async () => {
    const bucket = await h.bucket('prune-deployments')
    const site = await makeSite({ 'index.html': 'preview' })
    h.github.reset()
    try {
      const run = await deploy(
        { source: site, bucket, preview: 'true', 'github-deployment': 'true' },
        await pullRequest(9),
      )
      expect(run.code, run.stdout).toBe(0)
      const other = h.github.addDeployment('preview/pr-10', ['success'])
      h.github.pulls.set(9, pull(9, 'closed', false))
      const pruned = await deploy(
        { bucket, mode: 'prune-previews', 'github-deployment': 'true' },
        await schedule(),
      )
      expect(pruned.code, pruned.stdout).toBe(0)
      expect(pruned.warnings).toEqual([])
      const states = (environment: string) =>
        [...h.github.deployments.values()]
          .filter((d) => d.environment === environment)
          .map((d) => d.statuses.map((s) => s.state))
      expect(states('preview/pr-9')).toEqual([['in_progress', 'success', 'inactive']])
      expect(h.github.deployments.get(other)!.statuses.map((s) => s.state)).toEqual(['success'])
      // Pruning itself records no deployment.
      expect(states('production')).toEqual([])
    } finally {
      await removeSite(site)
    }
  })
})

function pull(number: number, state: 'open' | 'closed', merged: boolean) {
  return { number, state, merged, head: { owner: 'octo', ref: `feature-${number}`, sha: HEAD_SHA } }
}

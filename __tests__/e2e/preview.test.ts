// Pull-request previews, release prefixes and removal, through the bundled action, with event payloads
// as the runner writes them and a local stand-in for the GitHub API.
import { ListInvalidationsCommand } from '@aws-sdk/client-cloudfront'
import { describe, expect, it } from 'vitest'
import { invalidationPaths } from '../helpers/cloudfront.js'
import { useDeployHarness } from '../helpers/harness.js'
import { headers, listKeys } from '../helpers/s3.js'
import { makeSite, removeSite } from '../helpers/site.js'

const h = useDeployHarness({
  cloudfront: true,
  github: true,
  inputs: { 'github-token': 'ghs_testtoken' },
  env: { GITHUB_RUN_ID: '31337' },
})
const { s3, cf, deploy } = h

const HEAD_SHA = '0123456789abcdef0123456789abcdef01234567'

const pullRequest = (action: string) =>
  h.event(
    'pull_request',
    {
      action,
      number: 42,
      pull_request: { number: 42, head: { ref: 'feature/New UI', sha: HEAD_SHA } },
      repository: { full_name: 'octo/site' },
    },
    { GITHUB_REF: 'refs/pull/42/merge', GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff' },
  )
const push = () =>
  h.event(
    'push',
    { ref: 'refs/heads/main' },
    { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: HEAD_SHA },
  )

describe('previews (bundled action)', () => {
  it('publishes a preview beside production, comments once and edits, survives production deletes, and is removed alone', async () => {
    const bucket = await h.bucket('preview')
    const production = await makeSite({
      'index.html': 'prod home',
      'about/index.html': 'prod about',
      'app.css': 'prod',
    })
    const preview = await makeSite({
      'index.html': 'preview home',
      'new-page/index.html': 'new',
      'app.css': 'preview',
    })
    try {
      const prod = await deploy({ source: production, bucket }, await push())
      expect(prod.code, prod.stdout).toBe(0)
      expect(prod.outputs.prefix).toBe('')
      const distributionId = prod.outputs['distribution-id']!

      const first = await deploy(
        { source: preview, bucket, preview: 'true' },
        await pullRequest('opened'),
      )
      expect(first.code, first.stdout).toBe(0)
      expect(first.outputs.prefix).toBe('previews/pr-42')
      expect(first.outputs['distribution-id']).toBe(distributionId)
      expect(first.outputs.url).toBe(`https://${prod.outputs['cdn-domain']}/previews/pr-42/`)
      expect(first.summary).toContain('Publish preview')
      expect(await listKeys(s3, bucket, 'previews/')).toEqual([
        'previews/pr-42/.cdn-publish/state.json',
        'previews/pr-42/app.css',
        'previews/pr-42/index.html',
        'previews/pr-42/new-page/index.html',
      ])
      expect((await headers(s3, bucket, 'app.css')).size).toBe(4) // production untouched
      const posts = h.github.requests.filter((r) => r.method === 'POST')
      expect(posts).toHaveLength(1)
      expect(posts[0]!.path).toBe('/repos/octo/site/issues/42/comments')
      const body = (posts[0]!.body as { body: string }).body
      expect(body).toContain(`<!-- cdn-publish:preview s3://${bucket}/ -->`)
      expect(body).toContain(first.outputs.url)
      expect(body).toContain(HEAD_SHA)
      expect(body).toMatch(/3 uploaded, 0 updated, 0 deleted/)
      // the token is masked (the runner hides it) and printed nowhere else
      expect(first.stdout).toContain('::add-mask::ghs_testtoken')
      expect(first.stdout.replace('::add-mask::ghs_testtoken', '')).not.toContain('ghs_testtoken')
      expect(first.summary).not.toContain('ghs_testtoken')

      h.github.requests.length = 0
      const second = await deploy(
        { source: preview, bucket, preview: 'true' },
        await pullRequest('synchronize'),
      )
      expect(second.code, second.stdout).toBe(0)
      expect(h.github.requests.map((r) => r.method)).toEqual(['GET', 'PATCH'])
      expect(h.github.comments.size).toBe(1)

      // production deploys with delete leave the preview alone
      const again = await deploy({ source: production, bucket }, await push())
      expect(again.code, again.stdout).toBe(0)
      expect(again.outputs.deleted).toBe('0')
      expect(await listKeys(s3, bucket, 'previews/')).toHaveLength(4)

      // closing the PR removes exactly the preview
      h.github.requests.length = 0
      const removed = await deploy(
        { bucket, preview: 'true', mode: 'remove' },
        await pullRequest('closed'),
      )
      expect(removed.code, removed.stdout).toBe(0)
      expect(removed.outputs).toMatchObject({ deleted: '3', prefix: 'previews/pr-42' })
      expect(await listKeys(s3, bucket, 'previews/')).toEqual([])
      expect((await listKeys(s3, bucket)).filter((k) => !k.startsWith('.cdn-publish/'))).toEqual([
        'about/index.html',
        'app.css',
        'index.html',
      ])
      expect(
        await invalidationPaths(cf, distributionId, removed.outputs['invalidation-id']!),
      ).toEqual(['/previews/pr-42/*'])
      expect(h.github.requests.map((r) => r.method)).toEqual(['GET', 'PATCH'])
      expect([...h.github.comments.values()][0]!.body).toContain('Preview removed')
      const list = await cf.send(new ListInvalidationsCommand({ DistributionId: distributionId }))
      expect(list.InvalidationList?.Quantity).toBeGreaterThanOrEqual(1)
    } finally {
      await removeSite(production)
      await removeSite(preview)
    }
  })

  it('a comment the token may not write is a warning, not a failed deploy', async () => {
    const bucket = await h.bucket('fork')
    const site = await makeSite({ 'index.html': 'x' })
    h.github.failWith = 403
    try {
      const run = await deploy(
        { source: site, bucket, preview: 'true' },
        await pullRequest('opened'),
      )
      expect(run.code, run.stdout).toBe(0)
      expect(run.warnings.join('\n')).toMatch(
        /Pull request comment: could not comment on #42: .*read-only token.*The deploy itself succeeded/,
      )
      expect(await listKeys(s3, bucket, 'previews/pr-42/')).toContain('previews/pr-42/index.html')
    } finally {
      h.github.failWith = undefined
      await removeSite(site)
    }
  })

  it('preview: true outside a pull request fails before any request; previews/{branch} works on a push', async () => {
    const bucket = await h.bucket('nopr')
    const site = await makeSite({ 'index.html': 'x' })
    try {
      const bad = await deploy({ source: site, bucket, preview: 'true' }, await push())
      expect(bad.code).toBe(1)
      expect(bad.errors.join('\n')).toMatch(
        /Input 'preview'.*previews are for pull_request events \(this is push\)/,
      )
      expect(await listKeys(s3, bucket)).toEqual([])
      const branch = await deploy(
        { source: site, bucket, preview: 'true', 'preview-prefix': 'previews/{branch}' },
        await push(),
      )
      expect(branch.code, branch.stdout).toBe(0)
      expect(branch.outputs.prefix).toBe('previews/main')
    } finally {
      await removeSite(site)
    }
  })

  it('a release publishes to releases/{tag}, and mode: remove refuses the bucket root', async () => {
    const bucket = await h.bucket('release')
    const site = await makeSite({ 'index.html': 'v1', 'app.1a2b3c4d.js': 'app' })
    try {
      const release = await h.event(
        'release',
        { action: 'published', release: { tag_name: 'v1.2.3' } },
        { GITHUB_REF: 'refs/tags/v1.2.3' },
      )
      const run = await deploy(
        { source: site, bucket, prefix: 'releases/{tag}', 'create-distribution': 'false' },
        release,
      )
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs.prefix).toBe('releases/v1.2.3')
      expect(await listKeys(s3, bucket)).toContain('releases/v1.2.3/index.html')
      const root = await deploy({ bucket, mode: 'remove' }, await push())
      expect(root.code).toBe(1)
      expect(root.errors.join('\n')).toMatch(/Input 'mode'.*whole bucket.*allow-root-removal/)
      expect(await listKeys(s3, bucket)).toContain('releases/v1.2.3/index.html')
    } finally {
      await removeSite(site)
    }
  })
})

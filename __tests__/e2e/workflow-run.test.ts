// Previews from forks: a trusted workflow_run job publishes what an untrusted pull_request run built.
// Through the bundled action, with the payload GitHub sends for a fork's pull request (an empty
// workflow_run.pull_requests): the pull request is found through the local GitHub API by its head, the
// preview goes to previews/pr-<number> and the comment to that pull request; without one to find, the
// run fails before any request to AWS, saying what is missing.
import { describe, expect, it } from 'vitest'
import { useDeployHarness } from '../helpers/harness.js'
import { listKeys } from '../helpers/s3.js'
import { makeSite, removeSite } from '../helpers/site.js'

const h = useDeployHarness({
  cloudfront: true,
  github: true,
  inputs: { 'github-token': 'ghs_testtoken' },
  env: { GITHUB_RUN_ID: '31337' },
})
const { s3, deploy } = h

const HEAD_SHA = 'abcdefabcdefabcdefabcdefabcdefabcdefabcd'
const DEFAULT_BRANCH_SHA = '0123456789abcdef0123456789abcdef01234567'

/** The workflow_run event of a fork's pull request build, as GitHub sends it (pull_requests empty). */
const forkRun = (extra: Record<string, unknown> = {}) =>
  h.event(
    'workflow_run',
    {
      action: 'completed',
      workflow_run: {
        event: 'pull_request',
        conclusion: 'success',
        head_sha: HEAD_SHA,
        head_branch: 'patch-1',
        head_repository: { full_name: 'forker/site', owner: { login: 'forker' } },
        pull_requests: [],
        ...extra,
      },
      repository: { full_name: 'octo/site' },
    },
    { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: DEFAULT_BRANCH_SHA },
  )

describe('previews from forks through workflow_run (bundled action)', () => {
  it("finds a fork's pull request by its head, publishes to previews/pr-<number> and comments there", async () => {
    const bucket = await h.bucket('wfrun')
    const site = await makeSite({ 'index.html': 'from a fork' })
    h.github.reset()
    // An older push to the same branch has its own (closed) pull request; another has a stale head.
    h.github.pulls.set(70, {
      number: 70,
      state: 'closed',
      merged: false,
      head: { owner: 'forker', ref: 'patch-1', sha: HEAD_SHA },
    })
    h.github.pulls.set(76, {
      number: 76,
      state: 'open',
      merged: false,
      head: { owner: 'forker', ref: 'patch-1', sha: 'f'.repeat(40) },
    })
    h.github.pulls.set(77, {
      number: 77,
      state: 'open',
      merged: false,
      head: { owner: 'forker', ref: 'patch-1', sha: HEAD_SHA },
    })
    try {
      const run = await deploy({ source: site, bucket, preview: 'true' }, await forkRun())
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs.prefix).toBe('previews/pr-77')
      expect(await listKeys(s3, bucket, 'previews/')).toContain('previews/pr-77/index.html')
      const lookup = h.github.requests.filter((r) => r.path === '/repos/octo/site/pulls')
      expect(lookup).toHaveLength(1)
      expect(lookup[0]!.query).toMatchObject({ head: 'forker:patch-1', state: 'open' })
      const posts = h.github.requests.filter((r) => r.method === 'POST')
      expect(posts.map((p) => p.path)).toEqual(['/repos/octo/site/issues/77/comments'])
      const body = (posts[0]!.body as { body: string }).body
      expect(body).toContain(HEAD_SHA) // the fork's head, not the default branch's GITHUB_SHA
      expect(body).not.toContain(DEFAULT_BRANCH_SHA)
      expect(run.stdout).toContain('Pull request #77 has the head forker:patch-1')
    } finally {
      await removeSite(site)
    }
  })

  it('a listed pull request needs no lookup', async () => {
    const bucket = await h.bucket('wfrun-listed')
    const site = await makeSite({ 'index.html': 'same repository' })
    h.github.reset()
    try {
      const run = await deploy(
        { source: site, bucket, preview: 'true' },
        await forkRun({ pull_requests: [{ number: 12, head: { sha: HEAD_SHA } }] }),
      )
      expect(run.code, run.stdout).toBe(0)
      expect(run.outputs.prefix).toBe('previews/pr-12')
      expect(h.github.requests.filter((r) => r.path.includes('/pulls'))).toEqual([])
      expect(h.github.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
        '/repos/octo/site/issues/12/comments',
      ])
    } finally {
      await removeSite(site)
    }
  })

  it('no pull request to find: fails before any AWS request, naming what is missing', async () => {
    const bucket = await h.bucket('wfrun-none')
    const site = await makeSite({ 'index.html': 'x' })
    h.github.reset()
    try {
      const run = await deploy({ source: site, bucket, preview: 'true' }, await forkRun())
      expect(run.code).toBe(1)
      expect(run.errors.join('\n')).toContain(
        "Input 'preview' has an invalid value \"true\": preview-prefix previews/pr-{number} needs the pull request's number, and this workflow_run has none: no open pull request of forker:patch-1 has the head commit " +
          HEAD_SHA,
      )
      expect(h.proxy.requests).toEqual([])
      expect(await listKeys(s3, bucket)).toEqual([])

      // Without a token it is not looked up at all, and the error says so.
      h.github.requests.length = 0
      const noToken = await deploy(
        { source: site, bucket, preview: 'true', 'github-token': '' },
        await forkRun(),
      )
      expect(noToken.code).toBe(1)
      expect(noToken.errors.join('\n')).toContain('without github-token it cannot be looked up')
      expect(h.github.requests).toEqual([])

      // A bad input fails before the lookup, the run's first request.
      const bad = await deploy(
        { source: site, bucket, preview: 'true', concurrency: 'lots' },
        await forkRun(),
      )
      expect(bad.code).toBe(1)
      expect(bad.errors.join('\n')).toContain("Input 'concurrency'")
      expect(h.github.requests).toEqual([])
    } finally {
      await removeSite(site)
    }
  })
})

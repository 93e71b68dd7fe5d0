// github-deployment: through the bundled action, with the runner's inputs and a local stand-in for the
// GitHub API: the deployment and its statuses for a publish (in_progress before the first upload,
// success with the url output), a preview's transient environment, failure for a failed deploy, error
// for a cancelled run, inactive on removal, and a token without deployments: write as a warning that
// fails nothing.
import { describe, expect, it } from 'vitest'
import { useDeployHarness } from '../helpers/harness.js'
import { listKeys } from '../helpers/s3.js'
import { makeSite, removeSite } from '../helpers/site.js'

const h = useDeployHarness({
  cloudfront: true,
  github: true,
  inputs: { 'github-token': 'ghs_testtoken', 'github-deployment': 'true' },
  env: { GITHUB_RUN_ID: '31337', GITHUB_RUN_ATTEMPT: '2' },
})
const { s3, deploy } = h

const HEAD_SHA = '0123456789abcdef0123456789abcdef01234567'
const MAIN_SHA = '89abcdef0123456789abcdef0123456789abcdef'
const LOG_URL = 'https://github.com/octo/site/actions/runs/31337/attempts/2'

const push = () =>
  h.event(
    'push',
    { ref: 'refs/heads/main' },
    { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: MAIN_SHA },
  )
const pullRequest = (action: string) =>
  h.event(
    'pull_request',
    {
      action,
      number: 42,
      pull_request: { number: 42, head: { ref: 'feature/x', sha: HEAD_SHA } },
      repository: { full_name: 'octo/site' },
    },
    { GITHUB_REF: 'refs/pull/42/merge', GITHUB_SHA: 'f'.repeat(40) },
  )

/** The deployments of an environment, oldest first, with their statuses' states. */
const deploymentsOf = (environment: string) =>
  [...h.github.deployments.values()]
    .filter((d) => d.environment === environment)
    .sort((a, b) => a.id - b.id)
const states = (environment: string) =>
  deploymentsOf(environment).map((d) => d.statuses.map((s) => s.state))

describe('GitHub deployments (bundled action)', () => {
  it('a publish: a production deployment of the commit, in_progress before the first upload, then success at the url output', async () => {
    h.github.reset()
    const bucket = await h.bucket('deploy')
    const site = await makeSite({ 'index.html': 'home', 'app.css': 'css' })
    // What S3 had been sent when each status arrived.
    const putsAt: Record<string, number> = {}
    h.github.intercept = (r) => {
      const state = (r.body as { state?: string } | undefined)?.state
      if (r.method === 'POST' && state)
        putsAt[state] = h.proxy.requests.filter((p) => p.method === 'PUT' && p.key !== '').length
      return undefined
    }
    try {
      const run = await deploy({ source: site, bucket }, await push())
      expect(run.code, run.stdout).toBe(0)
      expect(run.warnings).toEqual([])
      const [deployment, ...others] = deploymentsOf('production')
      expect(others).toEqual([])
      expect(deployment).toMatchObject({
        ref: MAIN_SHA,
        task: 'deploy',
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        production_environment: true,
      })
      expect(deployment!.description).toBe(`cdn-publish: s3://${bucket}/`)
      expect(deployment!.statuses).toMatchObject([
        { state: 'in_progress', environment_url: '', log_url: LOG_URL },
        { state: 'success', environment_url: run.outputs.url, log_url: LOG_URL },
      ])
      expect(run.outputs.url).toMatch(/^https:\/\/.+\.cloudfront\.net\/$/)
      expect(putsAt).toEqual({ in_progress: 0, success: expect.any(Number) as number })
      expect(putsAt.success).toBeGreaterThanOrEqual(2) // both files were up before success
      expect(run.stdout).toContain(`GitHub deployment ${deployment!.id} of production: success`)
      // the requests carry the workflow token, which is printed nowhere
      expect(h.github.requests.every((r) => r.authorization === 'token ghs_testtoken')).toBe(true)
      expect(run.stdout.replace('::add-mask::ghs_testtoken', '')).not.toContain('ghs_testtoken')
    } finally {
      h.github.intercept = undefined
      await removeSite(site)
    }
  })

  it('a preview: a transient deployment of preview/pr-42 at the head commit, per push; removal marks them all inactive and leaves production alone', async () => {
    h.github.reset()
    const bucket = await h.bucket('deploy-preview')
    const site = await makeSite({ 'index.html': 'preview' })
    try {
      const production = await deploy({ source: site, bucket }, await push())
      expect(production.code, production.stdout).toBe(0)
      const first = await deploy(
        { source: site, bucket, preview: 'true' },
        await pullRequest('opened'),
      )
      expect(first.code, first.stdout).toBe(0)
      const second = await deploy(
        { source: site, bucket, preview: 'true' },
        await pullRequest('synchronize'),
      )
      expect(second.code, second.stdout).toBe(0)
      const previews = deploymentsOf('preview/pr-42')
      expect(previews).toHaveLength(2)
      for (const d of previews)
        expect(d).toMatchObject({
          ref: HEAD_SHA,
          transient_environment: true,
          production_environment: false,
        })
      expect(previews[1]!.statuses.at(-1)).toMatchObject({
        state: 'success',
        environment_url: second.outputs.url,
      })
      expect(second.outputs.url).toMatch(/\/previews\/pr-42\/$/)

      const removed = await deploy(
        { bucket, preview: 'true', mode: 'remove' },
        await pullRequest('closed'),
      )
      expect(removed.code, removed.stdout).toBe(0)
      expect(removed.warnings).toEqual([])
      expect(states('preview/pr-42')).toEqual([
        ['in_progress', 'success', 'inactive'],
        ['in_progress', 'success', 'inactive'],
      ])
      expect(deploymentsOf('preview/pr-42')[0]!.statuses[2]!.log_url).toBe(LOG_URL)
      expect(states('production')).toEqual([['in_progress', 'success']])
      expect(removed.stdout).toContain(
        'GitHub deployments of preview/pr-42: 2 of 2 marked inactive.',
      )
      // a removal makes no deployment of its own
      expect(h.github.deployments.size).toBe(3)
    } finally {
      await removeSite(site)
    }
  })

  it('a deploy that fails: the deployment ends in failure, with no environment URL', async () => {
    h.github.reset()
    const bucket = await h.bucket('deploy-fail')
    const run = await deploy({ source: '/nonexistent/build/dir', bucket }, await push())
    expect(run.code).toBe(1)
    expect(states('production')).toEqual([['in_progress', 'failure']])
    const failure = deploymentsOf('production')[0]!.statuses[1]!
    expect(failure).toMatchObject({ environment_url: '', log_url: LOG_URL })
    expect(await listKeys(s3, bucket)).toEqual([])
  })

  it('a run the runner cancels: its deployment ends in error, not in_progress', async () => {
    h.github.reset()
    const bucket = await h.bucket('deploy-cancel')
    const site = await makeSite({ 'index.html': 'x', 'app.css': 'css' })
    try {
      // Held at the upload of index.html (metadata, after the assets), then cancelled.
      const started = await h.startHeld(
        { source: site, bucket },
        { method: 'PUT', key: 'index.html' },
        await push(),
      )
      started.child.kill('SIGINT')
      const stopped = await started.done
      expect(stopped.code, stopped.stdout).toBe(130)
      expect(states('production')).toEqual([['in_progress', 'error']])
      expect(deploymentsOf('production')[0]!.statuses[1]).toMatchObject({
        description: 'The run was cancelled',
        environment_url: '',
        log_url: LOG_URL,
      })
    } finally {
      await removeSite(site) // the harness takes the proxy's hold away after each test
    }
  })

  it('a token without deployments: write (403): a warning naming the permission; the deploy succeeds', async () => {
    h.github.reset()
    const bucket = await h.bucket('deploy-403')
    const site = await makeSite({ 'index.html': 'x' })
    h.github.intercept = (r) =>
      r.path.includes('/deployments')
        ? { status: 403, json: { message: 'Resource not accessible by integration' } }
        : undefined
    try {
      const run = await deploy({ source: site, bucket }, await push())
      expect(run.code, run.stdout).toBe(0)
      expect(run.warnings).toEqual([
        'GitHub deployment: could not create a deployment: the GitHub API answered 403: the token may not write deployments here (give the job `permissions: deployments: write`). The deploy goes on without one.',
      ])
      expect(await listKeys(s3, bucket)).toContain('index.html')
      // one refused request, no statuses tried for a deployment that does not exist
      expect(h.github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /repos/octo/site/deployments',
      ])

      const removed = await deploy(
        { bucket, prefix: '', mode: 'remove', 'allow-root-removal': 'true' },
        await push(),
      )
      expect(removed.code, removed.stdout).toBe(0)
      expect(removed.warnings.join('\n')).toMatch(
        /GitHub deployment: could not mark the deployments of "production" inactive: .*403.*deployments: write.*The removal itself succeeded\./,
      )
    } finally {
      h.github.intercept = undefined
      await removeSite(site)
    }
  })

  it('dry-run records nothing; without a token there is one info line and no request', async () => {
    h.github.reset()
    const bucket = await h.bucket('deploy-dry')
    const site = await makeSite({ 'index.html': 'x' })
    try {
      const dry = await deploy({ source: site, bucket, 'dry-run': 'true' }, await push())
      expect(dry.code, dry.stdout).toBe(0)
      expect(dry.stdout).toContain('Dry run: no GitHub deployment of production is created.')
      const tokenless = await deploy({ source: site, bucket, 'github-token': '' }, await push())
      expect(tokenless.code, tokenless.stdout).toBe(0)
      expect(tokenless.stdout).toContain(
        'No github-token: no GitHub deployment of production is recorded.',
      )
      expect(tokenless.warnings).toEqual([])
      expect(h.github.requests).toEqual([])
      expect(await listKeys(s3, bucket)).toContain('index.html')
    } finally {
      await removeSite(site)
    }
  })
})

// The deployments adapter, with the real Octokit of @actions/github, against the local stand-in for
// the GitHub REST API the e2e tests use: the requests it makes, paging, and how a failure reads.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { deploymentRequest, statusRequest } from '../../src/core/deployments.js'
import {
  createDeployment,
  createStatus,
  deactivateEnvironment,
  DeploymentApiError,
  type DeploymentsTarget,
} from '../../src/github/deployments.js'
import { startGitHubApi, type GitHubApi } from '../helpers/github-api.js'

const TOKEN = 'ghs_deploytoken'
const SHA = 'abcdef0123456789abcdef0123456789abcdef01'

let api: GitHubApi
beforeAll(async () => {
  api = await startGitHubApi()
})
afterAll(async () => {
  await api.close()
})
beforeEach(() => api.reset())

const target = (fields: Partial<DeploymentsTarget> = {}): DeploymentsTarget => ({
  token: TOKEN,
  apiUrl: api.url,
  repository: 'octo/site',
  ...fields,
})
const body = (environment = 'preview/pr-42', transient = true) =>
  deploymentRequest({ ref: SHA, environment, description: 'cdn-publish: s3://b/', transient })
const inactive = statusRequest({ state: 'inactive', description: 'Removed' })

/** The error a call threw. */
async function thrown(work: Promise<unknown>): Promise<DeploymentApiError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DeploymentApiError)
  return error as DeploymentApiError
}

describe('createDeployment and createStatus', () => {
  it('POSTs the body as GitHub takes it, with the token; then a status with its URLs', async () => {
    const id = await createDeployment(target(), body())
    expect(api.requests).toHaveLength(1)
    const [request] = api.requests
    expect(request).toMatchObject({ method: 'POST', path: '/repos/octo/site/deployments' })
    expect(request!.authorization).toBe(`token ${TOKEN}`)
    expect(request!.body).toEqual({
      ref: SHA,
      environment: 'preview/pr-42',
      description: 'cdn-publish: s3://b/',
      task: 'deploy',
      auto_merge: false,
      required_contexts: [],
      transient_environment: true,
      production_environment: false,
    })
    expect(api.deployments.get(id)).toMatchObject({ sha: SHA, transient_environment: true })

    await createStatus(
      target(),
      id,
      statusRequest({
        state: 'success',
        description: 'Live',
        environmentUrl: 'https://x.example/',
        logUrl: 'https://github.com/octo/site/actions/runs/1',
      }),
    )
    expect(api.requests[1]).toMatchObject({
      method: 'POST',
      path: `/repos/octo/site/deployments/${id}/statuses`,
      body: {
        state: 'success',
        description: 'Live',
        environment_url: 'https://x.example/',
        log_url: 'https://github.com/octo/site/actions/runs/1',
      },
    })
    expect(api.deployments.get(id)!.statuses.map((s) => s.state)).toEqual(['success'])
  })

  it.each([403, 404, 401])(
    '%i: the message names the deployments: write permission',
    async (status) => {
      api.failWith = status
      const error = await thrown(createDeployment(target(), body()))
      expect(error.message).toBe(
        `could not create a deployment: the GitHub API answered ${status}: the token may not write deployments here (give the job \`permissions: deployments: write\`)`,
      )
      expect(error.status).toBe(status)
    },
  )

  it('a 202 without an id (what GitHub answers to an auto-merge) is no deployment', async () => {
    api.intercept = () => ({ status: 202, json: { message: 'Auto-merged main into topic' } })
    expect((await thrown(createDeployment(target(), body()))).message).toBe(
      'could not create a deployment: the API answered without a deployment id',
    )
  })

  it('an answer’s message is never shown raw: control characters escaped, the token hidden, cut short', async () => {
    const hostile = `bad\n::error::owned ${TOKEN} \u202e${'z'.repeat(500)}`
    api.intercept = () => ({ status: 500, json: { message: hostile } })
    const error = await thrown(createStatus(target(), 1, inactive))
    expect(error.message).toMatch(
      /^could not set deployment 1 to inactive: the GitHub API answered 500: /,
    )
    expect(error.message).not.toMatch(/[\n\u202e]/)
    expect(error.message).toContain('\\n::error::owned *** \\u202e')
    expect(error.message).not.toContain(TOKEN)
    expect(error.message.length).toBeLessThan(400)
  })

  it('an API that never answers: a timeout, not a hang', async () => {
    api.intercept = () => 'silent'
    const error = await thrown(createDeployment(target(), body(), { requestTimeoutMs: 300 }))
    expect(error.message).toBe(
      'could not create a deployment: the GitHub API did not answer within 0.3 s',
    )
  })

  it('a repository that is not owner/name is refused before any request', async () => {
    const error = await thrown(createDeployment(target({ repository: 'a\nb' }), body()))
    expect(error.message).toBe('GITHUB_REPOSITORY is not owner/name: "a\\nb"')
    expect(api.requests).toEqual([])
  })
})

describe('deactivateEnvironment', () => {
  it('marks every deployment of the environment that is not inactive, and only those', async () => {
    const done = api.addDeployment('preview/pr-42', ['in_progress', 'success'])
    const failed = api.addDeployment('preview/pr-42', ['in_progress', 'failure'])
    const gone = api.addDeployment('preview/pr-42', ['success', 'inactive'])
    const fresh = api.addDeployment('preview/pr-42')
    const other = api.addDeployment('preview/pr-7', ['success'])
    const production = api.addDeployment('production', ['success'])

    const result = await deactivateEnvironment(target(), 'preview/pr-42', inactive)
    expect(result).toEqual({ seen: 4, deactivated: [fresh, failed, done] }) // newest first
    const last = (id: number) => api.deployments.get(id)!.statuses.at(-1)?.state
    expect([done, failed, gone, fresh].map(last)).toEqual(Array(4).fill('inactive'))
    expect(api.deployments.get(gone)!.statuses).toHaveLength(2) // nothing added
    expect(last(other)).toBe('success')
    expect(last(production)).toBe('success')
    const list = api.requests.find((r) => r.method === 'GET' && r.path.endsWith('/deployments'))
    expect(list!.query).toMatchObject({ environment: 'preview/pr-42', per_page: '100' })

    // a second removal finds nothing left to mark
    api.requests.length = 0
    expect(await deactivateEnvironment(target(), 'preview/pr-42', inactive)).toEqual({
      seen: 4,
      deactivated: [],
    })
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([])
  })

  it('pages of 100: 150 deployments are all marked', async () => {
    for (let i = 0; i < 150; i++) api.addDeployment('production', ['success'])
    const result = await deactivateEnvironment(target(), 'production', inactive)
    expect(result.seen).toBe(150)
    expect(result.deactivated).toHaveLength(150)
    const pages = api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/deployments'))
    expect(pages.map((r) => r.query.page ?? '1')).toEqual(['1', '2'])
    expect(
      [...api.deployments.values()].every((d) => d.statuses.at(-1)!.state === 'inactive'),
    ).toBe(true)
  })

  it('an environment with no deployments: nothing to do', async () => {
    api.addDeployment('production', ['success'])
    expect(await deactivateEnvironment(target(), 'preview/pr-1', inactive)).toEqual({
      seen: 0,
      deactivated: [],
    })
  })

  it('403 on the list: the message names the permission and the environment', async () => {
    api.failWith = 403
    const error = await thrown(deactivateEnvironment(target(), 'preview/pr-42', inactive))
    expect(error.message).toMatch(
      /^could not mark the deployments of "preview\/pr-42" inactive: the GitHub API answered 403: .*deployments: write/,
    )
  })
})

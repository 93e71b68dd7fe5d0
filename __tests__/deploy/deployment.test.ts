// recordDeployment, the call a later rollback makes (a deployment that is live at once), with the real
// Octokit against the local stand-in for the GitHub API: what it records, and that it never throws.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseConfig } from '../../src/action/inputs.js'
import type { Env } from '../../src/action/readers.js'
import { recordDeployment } from '../../src/deploy/deployment.js'
import { startGitHubApi, type GitHubApi } from '../helpers/github-api.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'

let api: GitHubApi
beforeAll(async () => {
  api = await startGitHubApi()
})
afterAll(async () => {
  await api.close()
})
/** What @actions/core wrote to stdout during the test (kept out of the test report). */
let written = ''
beforeEach(() => {
  api.reset()
  written = ''
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written += String(chunk)
    return true
  })
  return () => spy.mockRestore()
})

function env(inputs: Record<string, string>): Env {
  const e: Record<string, string> = {
    GITHUB_WORKSPACE: '/home/runner/work/site/site',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_REPOSITORY: 'octo/site',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_RUN_ID: '77',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: api.url,
    'INPUT_GITHUB-TOKEN': 'ghs_rollbacktoken',
    INPUT_BUCKET: 'my-site-bucket',
    INPUT_MODE: 'remove', // no source needed
    INPUT_PREFIX: 'site',
  }
  for (const [name, value] of Object.entries(inputs)) e[`INPUT_${name.toUpperCase()}`] = value
  return e
}

const input = {
  environment: 'production',
  ref: SHA,
  url: 'https://www.example.com/',
  description: 'Rollback to build 0123456789ab',
}

describe('recordDeployment', () => {
  it('creates a deployment of the given ref, at once successful at the given URL', async () => {
    const e = env({ 'github-deployment': 'true' })
    const id = await recordDeployment(parseConfig(e), e, input)
    expect(id).toBeDefined()
    const d = api.deployments.get(id!)!
    expect(d).toMatchObject({
      ref: SHA,
      environment: 'production',
      description: 'Rollback to build 0123456789ab',
      production_environment: true,
      transient_environment: false,
    })
    expect(d.statuses).toMatchObject([
      {
        state: 'success',
        environment_url: 'https://www.example.com/',
        log_url: 'https://github.com/octo/site/actions/runs/77',
      },
    ])
    expect(written).toContain(`GitHub deployment ${id} of production: success`)
  })

  it('off, or without a token: records nothing, asks nothing', async () => {
    const off = env({})
    expect(await recordDeployment(parseConfig(off), off, input)).toBeUndefined()
    const tokenless = env({ 'github-deployment': 'true', 'github-token': '' })
    expect(await recordDeployment(parseConfig(tokenless), tokenless, input)).toBeUndefined()
    expect(api.requests).toEqual([])
  })

  it('refused (403): undefined and a warning naming deployments: write, never a throw', async () => {
    api.failWith = 403
    const e = env({ 'github-deployment': 'true' })
    expect(await recordDeployment(parseConfig(e), e, input)).toBeUndefined()
    expect(written).toMatch(/::warning::GitHub deployment: .*403.*deployments: write/)
  })
})

// parseConfig(env, payload): github-deployment and environment, as the runner passes them.
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/action/inputs.js'
import { InputErrors, type Env } from '../../src/action/readers.js'

const HEAD_SHA = '1234567890abcdef1234567890abcdef12345678'

/** A valid environment with `inputs` as INPUT_* (the runner's defaults of the two inputs included). */
function env(inputs: Record<string, string> = {}, extra: Record<string, string> = {}): Env {
  const e: Record<string, string> = {
    GITHUB_WORKSPACE: '/home/runner/work/site/site',
    INPUT_SOURCE: 'dist',
    INPUT_BUCKET: 'my-site-bucket',
    'INPUT_GITHUB-DEPLOYMENT': 'false',
    INPUT_ENVIRONMENT: '',
    ...extra,
  }
  for (const [name, value] of Object.entries(inputs)) e[`INPUT_${name.toUpperCase()}`] = value
  return e
}

const PR = {
  env: {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REF: 'refs/pull/42/merge',
    GITHUB_SHA: 'f'.repeat(40),
  },
  payload: { number: 42, pull_request: { number: 42, head: { ref: 'feature/X', sha: HEAD_SHA } } },
}
const PUSH = { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: HEAD_SHA }

function failure(e: Env, payload?: Record<string, unknown>): string {
  try {
    parseConfig(e, payload)
  } catch (error) {
    expect(error).toBeInstanceOf(InputErrors)
    return (error as Error).message
  }
  throw new Error('parseConfig accepted it')
}

describe('github-deployment and environment', () => {
  it('off by default; the environment is still resolved (production)', () => {
    expect(parseConfig(env({}, PUSH)).github.deployment).toEqual({
      enabled: false,
      environment: 'production',
      transient: false,
    })
  })

  it.each([
    ['a push', {}, PUSH, undefined, 'production', false],
    ['a PR preview', { preview: 'true' }, PR.env, PR.payload, 'preview/pr-42', true],
    [
      'a PR preview with its own prefix',
      { preview: 'true', 'preview-prefix': 'pr/{number}' },
      PR.env,
      PR.payload,
      'preview/pr-42',
      true,
    ],
    [
      'a branch preview on a push',
      { preview: 'true', 'preview-prefix': 'previews/{branch}' },
      PUSH,
      undefined,
      'preview/main',
      true,
    ],
    ['a named environment', { environment: 'staging' }, PUSH, undefined, 'staging', false],
    [
      'placeholders filled',
      { environment: 'pr-{number}-{branch}', preview: 'true' },
      PR.env,
      PR.payload,
      'pr-42-feature-x',
      true,
    ],
    ['the production of a PR run', {}, PR.env, PR.payload, 'production', false],
  ])('%s', (_, inputs, extra, payload, environment, transient) => {
    const config = parseConfig(env({ 'github-deployment': 'true', ...inputs }, extra), payload)
    expect(config.github.deployment).toEqual({ enabled: true, environment, transient })
  })

  it.each([
    [{ 'github-deployment': 'yes' }, "Input 'github-deployment'", 'yes', 'expected true or false'],
    [
      { environment: 'staging' },
      "Input 'environment'",
      'staging',
      'only with github-deployment: true',
    ],
    [
      { 'github-deployment': 'true', environment: 'x'.repeat(256) },
      "Input 'environment'",
      'x'.repeat(256),
      'at most 255 characters',
    ],
    [
      { 'github-deployment': 'true', environment: 'release-{tag}' },
      "Input 'environment'",
      'release-{tag}',
      '{tag} has no value on a push run',
    ],
  ])('%j is refused, naming the input and the value', (inputs, input, value, why) => {
    const message = failure(env(inputs, PUSH))
    expect(message).toContain(input)
    expect(message).toContain(value)
    expect(message).toContain(why)
  })
})

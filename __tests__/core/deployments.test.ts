// GitHub Deployments, the pure part: the environment's name, the request bodies, the run's link, and
// which deployments a removal marks inactive. Table tests.
import { describe, expect, it } from 'vitest'
import {
  deploymentRequest,
  environmentName,
  environmentProblem,
  MAX_DESCRIPTION,
  previewEnvironment,
  runLink,
  shortDescription,
  statusRequest,
  toDeactivate,
} from '../../src/core/deployments.js'

describe('environmentName', () => {
  const cases: Array<
    [string, string, { enabled: boolean; number: number | undefined; ownPart: string }, string]
  > = [
    ['a publish', '', { enabled: false, number: undefined, ownPart: '' }, 'production'],
    ['a publish on a PR event', '', { enabled: false, number: 7, ownPart: '' }, 'production'],
    ['a PR preview', '', { enabled: true, number: 42, ownPart: 'pr-42' }, 'preview/pr-42'],
    // the name follows the pull request, not the preview prefix: a prune finds it by number
    ['a PR preview at {number}', '', { enabled: true, number: 42, ownPart: '42' }, 'preview/pr-42'],
    ['a branch preview', '', { enabled: true, number: undefined, ownPart: 'main' }, 'preview/main'],
    ['the input wins', 'staging', { enabled: false, number: undefined, ownPart: '' }, 'staging'],
    ['the input wins for a preview', 'qa', { enabled: true, number: 3, ownPart: 'pr-3' }, 'qa'],
  ]
  it.each(cases)('%s', (_, input, preview, expected) => {
    expect(environmentName(input, preview)).toBe(expected)
  })

  it('previewEnvironment never gives a bare preview/', () => {
    expect(previewEnvironment(undefined, '')).toBe('preview/preview')
    expect(previewEnvironment(1, '')).toBe('preview/pr-1')
  })
})

describe('environmentProblem', () => {
  it.each([
    ['production', undefined],
    ['preview/pr-42', undefined],
    ['x'.repeat(255), undefined],
    ['é'.repeat(255), undefined],
    ['x'.repeat(256), 'an environment name is at most 255 characters'],
  ])('%#', (name, problem) => {
    expect(environmentProblem(name)).toBe(problem)
  })
})

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

describe('shortDescription', () => {
  it.each([
    ['', ''],
    ['short', 'short'],
    ['x'.repeat(140), 'x'.repeat(140)],
    ['x'.repeat(141), `${'x'.repeat(139)}…`],
    // a surrogate pair is two units: kept whole or left out, never split
    [`${'x'.repeat(138)}😀y`, `${'x'.repeat(138)}…`],
    [`${'x'.repeat(137)}😀yy`, `${'x'.repeat(137)}😀…`],
  ])('%#', (text, expected) => {
    const cut = shortDescription(text)
    expect(cut).toBe(expected)
    expect(cut.length).toBeLessThanOrEqual(MAX_DESCRIPTION)
    expect(cut).not.toMatch(LONE_SURROGATE)
  })
})

describe('deploymentRequest', () => {
  it('production: explicit SHA, no auto-merge, no required contexts, production, not transient', () => {
    expect(
      deploymentRequest({
        ref: 'a'.repeat(40),
        environment: 'production',
        description: 'cdn-publish: s3://b/site/',
        transient: false,
      }),
    ).toEqual({
      ref: 'a'.repeat(40),
      environment: 'production',
      description: 'cdn-publish: s3://b/site/',
      task: 'deploy',
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: true,
    })
  })

  it.each([
    ['preview/pr-42', true, true, false],
    // an environment the user named is not production unless it is called so (GitHub's own rule)
    ['staging', false, false, false],
    // a preview is never production, whatever it is called
    ['production', true, true, false],
  ])(
    '%s (transient %s): transient_environment %s, production_environment %s',
    (environment, transient, t, p) => {
      const body = deploymentRequest({ ref: 'r', environment, description: 'd', transient })
      expect(body.transient_environment).toBe(t)
      expect(body.production_environment).toBe(p)
    },
  )

  it('cuts the description to 140 characters', () => {
    const body = deploymentRequest({
      ref: 'r',
      environment: 'production',
      description: `cdn-publish: s3://${'b'.repeat(63)}/${'p'.repeat(200)}/`,
      transient: false,
    })
    expect(body.description).toHaveLength(140)
    expect(body.description.endsWith('…')).toBe(true)
  })
})

describe('statusRequest', () => {
  it('carries the URLs it is given', () => {
    expect(
      statusRequest({
        state: 'success',
        description: 'Live',
        environmentUrl: 'https://www.example.com/',
        logUrl: 'https://github.com/o/r/actions/runs/1',
      }),
    ).toEqual({
      state: 'success',
      description: 'Live',
      environment_url: 'https://www.example.com/',
      log_url: 'https://github.com/o/r/actions/runs/1',
    })
  })

  it('leaves out URLs it has no value for (GitHub would keep an empty one)', () => {
    const body = statusRequest({
      state: 'in_progress',
      description: 'd'.repeat(200),
      environmentUrl: undefined,
      logUrl: '',
    })
    expect(Object.keys(body).sort()).toEqual(['description', 'state'])
    expect(body.description).toHaveLength(140)
  })
})

describe('runLink', () => {
  const run = { server: 'https://github.com', repository: 'o/r', runId: '99', attempt: '1' }
  it.each([
    ['the first attempt', run, 'https://github.com/o/r/actions/runs/99'],
    ['a re-run', { ...run, attempt: '3' }, 'https://github.com/o/r/actions/runs/99/attempts/3'],
    ['no attempt', { ...run, attempt: undefined }, 'https://github.com/o/r/actions/runs/99'],
    [
      'GHES, trailing slash',
      { ...run, server: 'https://ghe.example.com/' },
      'https://ghe.example.com/o/r/actions/runs/99',
    ],
    ['no server', { ...run, server: undefined }, 'https://github.com/o/r/actions/runs/99'],
    ['no run id', { ...run, runId: undefined }, undefined],
    ['a run id that is not a number', { ...run, runId: '9/../x' }, undefined],
    ['no repository', { ...run, repository: undefined }, undefined],
  ])('%s', (_, input, expected) => {
    expect(runLink(input)).toBe(expected)
  })
})

describe('toDeactivate', () => {
  it.each([
    ['none', [], []],
    [
      'every one not inactive, in the order listed',
      [
        { id: 3, latest: 'success' },
        { id: 2, latest: 'inactive' },
        { id: 1, latest: undefined },
        { id: 0, latest: 'failure' },
      ],
      [3, 1, 0],
    ],
    ['all inactive already', [{ id: 5, latest: 'inactive' }], []],
    ['in progress too', [{ id: 6, latest: 'in_progress' }], [6]],
  ])('%s', (_, seen, expected) => {
    expect(toDeactivate(seen)).toEqual(expected)
  })
})

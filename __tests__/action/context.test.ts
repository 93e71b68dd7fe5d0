// The run context: what the workflow run is about, from the environment and the event payload; and
// the placeholders it fills in prefix templates.
import { describe, expect, it } from 'vitest'
import {
  fillPlaceholders,
  readContext,
  slug,
  staticRoot,
  type RunContext,
} from '../../src/action/context.js'

const HEAD_SHA = '1111111111111111111111111111111111111111'
const MERGE_SHA = '9999999999999999999999999999999999999999'
const PUSH_SHA = 'abcdef0123456789abcdef0123456789abcdef01'

/** The environment of a pull_request run: GITHUB_SHA is the merge commit, GITHUB_HEAD_REF the head branch. */
const PR_ENV = {
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_REF: 'refs/pull/42/merge',
  GITHUB_SHA: MERGE_SHA,
  GITHUB_HEAD_REF: 'feature/Añadir UI',
  GITHUB_REPOSITORY: 'octo-org/site',
}

function prPayload(action: string, extra: Record<string, unknown> = {}) {
  return {
    action,
    number: 42,
    pull_request: {
      number: 42,
      state: action === 'closed' ? 'closed' : 'open',
      merged: false,
      head: { ref: 'feature/Añadir UI', sha: HEAD_SHA },
      base: { ref: 'main', sha: MERGE_SHA.replace(/9/g, '8') },
      ...extra,
    },
    repository: { full_name: 'octo-org/site' },
  }
}

function context(fields: Partial<RunContext> = {}): RunContext {
  return {
    eventName: 'push',
    number: undefined,
    branch: undefined,
    tag: undefined,
    sha: undefined,
    repository: undefined,
    closed: false,
    ...fields,
  }
}

describe('readContext', () => {
  it.each(['opened', 'synchronize', 'reopened'])(
    'pull_request %s: the number, the head branch and the head commit; not closed',
    (action) => {
      expect(readContext(PR_ENV, prPayload(action))).toEqual({
        eventName: 'pull_request',
        number: 42,
        branch: 'feature/Añadir UI',
        tag: undefined,
        sha: HEAD_SHA,
        repository: 'octo-org/site',
        closed: false,
      })
    },
  )

  it('pull_request closed: closed, with the same number, branch and head commit', () => {
    const ctx = readContext(PR_ENV, prPayload('closed', { merged: true }))
    expect(ctx.closed).toBe(true)
    expect(ctx.number).toBe(42)
    expect(ctx.branch).toBe('feature/Añadir UI')
    expect(ctx.sha).toBe(HEAD_SHA)
  })

  it('the commit is the PR head, never the merge commit in GITHUB_SHA', () => {
    const ctx = readContext(PR_ENV, prPayload('synchronize'))
    expect(ctx.sha).toBe(HEAD_SHA)
    expect(ctx.sha).not.toBe(MERGE_SHA)
  })

  it('pull_request_target counts as a pull request (closed included)', () => {
    const env = {
      ...PR_ENV,
      GITHUB_EVENT_NAME: 'pull_request_target',
      GITHUB_REF: 'refs/heads/main',
    }
    const ctx = readContext(env, prPayload('closed'))
    expect(ctx).toMatchObject({ eventName: 'pull_request_target', number: 42, closed: true })
    expect(ctx.branch).toBe('feature/Añadir UI')
  })

  it('a payload without the head falls back to GITHUB_HEAD_REF and GITHUB_SHA', () => {
    const ctx = readContext(PR_ENV, { action: 'opened', pull_request: { number: 7 } })
    expect(ctx).toMatchObject({ number: 7, branch: 'feature/Añadir UI', sha: MERGE_SHA })
  })

  it('an action "closed" on an event that is not a pull request is not a closed PR', () => {
    const env = { GITHUB_EVENT_NAME: 'issues', GITHUB_REF: 'refs/heads/main' }
    expect(readContext(env, { action: 'closed', issue: { number: 3 } }).closed).toBe(false)
  })

  it('push to a branch: the branch from GITHUB_REF, the commit from GITHUB_SHA, no number or tag', () => {
    const env = {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/release/2024-q1',
      GITHUB_SHA: PUSH_SHA,
      GITHUB_HEAD_REF: '',
      GITHUB_REPOSITORY: 'octo-org/site',
    }
    expect(readContext(env, { ref: 'refs/heads/release/2024-q1', after: PUSH_SHA })).toEqual({
      eventName: 'push',
      number: undefined,
      branch: 'release/2024-q1',
      tag: undefined,
      sha: PUSH_SHA,
      repository: 'octo-org/site',
      closed: false,
    })
  })

  it('push of a tag: the tag, no branch', () => {
    const env = {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/tags/v1.2.3',
      GITHUB_SHA: PUSH_SHA,
      GITHUB_HEAD_REF: '',
    }
    const ctx = readContext(env, { ref: 'refs/tags/v1.2.3' })
    expect(ctx).toMatchObject({ eventName: 'push', tag: 'v1.2.3', branch: undefined })
    expect(ctx.sha).toBe(PUSH_SHA)
    expect(ctx.number).toBeUndefined()
  })

  it('release published: the tag from release.tag_name', () => {
    const env = {
      GITHUB_EVENT_NAME: 'release',
      // a release's GITHUB_REF is the tag too, but the payload is what names it
      GITHUB_REF: 'refs/tags/v2.0.0-rc.1',
      GITHUB_SHA: PUSH_SHA,
    }
    const payload = { action: 'published', release: { tag_name: 'v2.0.0', name: 'Two' } }
    expect(readContext(env, payload)).toMatchObject({
      eventName: 'release',
      tag: 'v2.0.0',
      number: undefined,
      closed: false,
    })
  })

  it('the repository falls back to the payload', () => {
    const ctx = readContext({ GITHUB_EVENT_NAME: 'push' }, { repository: { full_name: 'a/b' } })
    expect(ctx.repository).toBe('a/b')
  })

  it('a local run (no environment, no payload): nothing known', () => {
    expect(readContext({}, undefined)).toEqual(context({ eventName: '' }))
  })

  it.each([
    ['a string', '42'],
    ['zero', 0],
    ['negative', -1],
    ['a fraction', 4.2],
  ])('a PR number that is %s is not a number', (_what, number) => {
    expect(readContext(PR_ENV, { pull_request: { number } }).number).toBeUndefined()
  })

  it('an issue_comment on a pull request has its number', () => {
    const env = { GITHUB_EVENT_NAME: 'issue_comment', GITHUB_REF: 'refs/heads/main' }
    const onPr = { issue: { number: 5, pull_request: { url: 'https://api.github.com/x' } } }
    expect(readContext(env, onPr).number).toBe(5)
    expect(readContext(env, { issue: { number: 5 } }).number).toBeUndefined()
  })
})

describe('readContext on workflow_run', () => {
  const RUN_ENV = {
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: PUSH_SHA,
    GITHUB_REPOSITORY: 'octo-org/site',
  }
  const run = (extra: Record<string, unknown>) => ({
    action: 'completed',
    workflow_run: {
      event: 'pull_request',
      head_sha: HEAD_SHA,
      head_branch: 'feature/X',
      head_repository: { owner: { login: 'forker' } },
      pull_requests: [],
      ...extra,
    },
  })

  it('a listed pull request: its number; the head commit and branch, not the default branch', () => {
    expect(
      readContext(RUN_ENV, run({ pull_requests: [{ number: 5, head: { sha: HEAD_SHA } }] })),
    ).toEqual({
      eventName: 'workflow_run',
      number: 5,
      branch: 'feature/X',
      tag: undefined,
      sha: HEAD_SHA,
      repository: 'octo-org/site',
      closed: false,
    })
  })

  it('of several listed, the one whose head is the run head', () => {
    const prs = [
      { number: 5, head: { sha: MERGE_SHA } },
      { number: 6, head: { sha: HEAD_SHA } },
    ]
    expect(readContext(RUN_ENV, run({ pull_requests: prs })).number).toBe(6)
  })

  it("none listed (a fork's): what to look it up by, and no number", () => {
    const context = readContext(RUN_ENV, run({}))
    expect(context.number).toBeUndefined()
    expect(context.lookup).toEqual({ owner: 'forker', branch: 'feature/X', sha: HEAD_SHA })
    expect(context.numberMissing).toContain('it was not looked up')
  })

  it('the number the shell found, or why there is none', () => {
    const found = readContext(RUN_ENV, run({}), { number: 11 })
    expect(found.number).toBe(11)
    expect(found.lookup).toBeUndefined()
    const missing = readContext(RUN_ENV, run({}), { missing: 'no open pull request' })
    expect(missing).toMatchObject({ number: undefined, numberMissing: 'no open pull request' })
    expect(missing.lookup).toBeUndefined()
  })

  it('a found number is ignored on other events', () => {
    expect(readContext({ GITHUB_EVENT_NAME: 'push' }, {}, { number: 3 }).number).toBeUndefined()
  })

  it('a workflow_run of a push: no lookup, and why', () => {
    const context = readContext(RUN_ENV, run({ event: 'push' }))
    expect(context.lookup).toBeUndefined()
    expect(context.numberMissing).toContain('a push event')
  })

  it('no head repository to look it up by: said', () => {
    const context = readContext(RUN_ENV, run({ head_repository: null }))
    expect(context.lookup).toBeUndefined()
    expect(context.numberMissing).toContain('nor the head repository')
  })
})

describe('slug', () => {
  it.each([
    ['main', 'main'],
    ['Feature-X', 'feature-x'],
    ['feature/Añadir UI', 'feature-anadir-ui'],
    ['Ünïcödé Ñame', 'unicode-name'],
    ['dependabot/npm_and_yarn/lodash-4.17.21', 'dependabot-npm-and-yarn-lodash-4-17-21'],
    ['--a//b__c--', 'a-b-c'],
    ['日本語', 'x'],
    ['', 'x'],
    ['///', 'x'],
  ])('%j -> %j', (text, expected) => {
    expect(slug(text)).toBe(expected)
  })

  it('is at most 63 characters, and never ends in a hyphen after cutting', () => {
    expect(slug('a'.repeat(100))).toBe('a'.repeat(63))
    const cut = slug(`${'b'.repeat(62)}/more`)
    expect(cut).toBe('b'.repeat(62))
    expect(cut.length).toBeLessThanOrEqual(63)
  })

  it('is a valid DNS label', () => {
    for (const text of ['feature/Añadir UI', 'X'.repeat(80), '  spaced  out  ', 'v1.2.3'])
      expect(slug(text)).toMatch(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/)
  })
})

describe('fillPlaceholders', () => {
  const full = context({
    eventName: 'pull_request',
    number: 42,
    branch: 'feature/Añadir UI',
    tag: 'v1.2.3',
    sha: HEAD_SHA,
  })

  it.each([
    ['previews/pr-{number}', 'previews/pr-42'],
    ['previews/{branch}', 'previews/feature-anadir-ui'],
    ['builds/{sha}', 'builds/111111111111'],
    ['releases/{tag}', 'releases/v1.2.3'],
    ['{branch}/{number}/{sha}', 'feature-anadir-ui/42/111111111111'],
    ['static/site', 'static/site'],
    ['', ''],
  ])('%j -> %j', (template, value) => {
    expect(fillPlaceholders(template, full)).toEqual({ value })
  })

  it('{sha} is 12 characters', () => {
    const filled = fillPlaceholders('{sha}', full)
    expect(filled).toEqual({ value: HEAD_SHA.slice(0, 12) })
    expect('value' in filled && filled.value.length).toBe(12)
  })

  it('a tag keeps its dots but loses what a key segment should not hold', () => {
    expect(fillPlaceholders('{tag}', context({ tag: 'v1.2.3-rc.1' }))).toEqual({
      value: 'v1.2.3-rc.1',
    })
    expect(fillPlaceholders('{tag}', context({ tag: 'release/2024 q1' }))).toEqual({
      value: 'release-2024-q1',
    })
  })

  it.each(['{version}', '{Number}', '{ number }', '{}', 'docs/{latest}/x'])(
    'unknown placeholder %j is left as it is',
    (template) => {
      expect(fillPlaceholders(template, full)).toEqual({ value: template })
    },
  )

  it.each([
    ['pr-{number}', 'number', 'pull_request'],
    ['{branch}', 'branch', 'branch push'],
    ['{sha}', 'sha', 'GITHUB_SHA'],
    ['releases/{tag}', 'tag', 'tag push or a release'],
  ] as const)('%j without a value: missing %s, and what it needs', (template, missing, needs) => {
    const filled = fillPlaceholders(template, context())
    expect(filled).toEqual({ missing, needs: expect.stringContaining(needs) })
  })

  it('the first missing placeholder is the one reported', () => {
    const filled = fillPlaceholders('{tag}/{number}', context({ eventName: 'push' }))
    expect(filled).toMatchObject({ missing: 'tag' })
  })
})

describe('staticRoot', () => {
  it.each([
    ['previews/pr-{number}', 'previews'],
    ['a/b/{branch}/x', 'a/b'],
    ['a/b/c{sha}', 'a/b'],
    ['pr-{number}', ''],
    ['{branch}', ''],
    ['previews/{branch}', 'previews'],
    ['static/site', 'static/site'],
    ['static/site/', 'static/site'],
    ['docs/{unknown}/x', 'docs/{unknown}/x'],
  ])('%j -> %j', (template, root) => {
    expect(staticRoot(template)).toBe(root)
  })
})

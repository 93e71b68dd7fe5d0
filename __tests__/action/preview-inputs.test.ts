// parseConfig(env, payload): previews, prefix placeholders, mode remove, and the GitHub settings.
import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/core/errors.js'
import { parseConfig } from '../../src/action/inputs.js'
import { InputErrors, type Env } from '../../src/action/readers.js'

const WORKSPACE = '/home/runner/work/site/site'
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555'
const HEAD_SHA = '1234567890abcdef1234567890abcdef12345678'

type Payload = Record<string, unknown>

/** The smallest valid environment, with `inputs` as INPUT_* and `extra` as plain variables. */
function env(inputs: Record<string, string> = {}, extra: Record<string, string> = {}): Env {
  const e: Record<string, string> = {
    GITHUB_WORKSPACE: WORKSPACE,
    INPUT_SOURCE: 'dist',
    INPUT_BUCKET: 'my-site-bucket',
    ...extra,
  }
  for (const [name, value] of Object.entries(inputs)) e[`INPUT_${name.toUpperCase()}`] = value
  return e
}

/** A pull_request run for PR #42 from branch feature/X. */
const PR = {
  env: {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REF: 'refs/pull/42/merge',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_HEAD_REF: 'feature/X',
    GITHUB_REPOSITORY: 'o/r',
  },
  payload: {
    action: 'synchronize',
    number: 42,
    pull_request: { number: 42, head: { ref: 'feature/X', sha: HEAD_SHA } },
  } as Payload,
}

const PR_CLOSED = { env: PR.env, payload: { ...PR.payload, action: 'closed' } }

const PUSH_MAIN = {
  env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: HEAD_SHA },
  payload: { ref: 'refs/heads/main' } as Payload,
}

const PUSH_TAG = {
  env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_SHA: HEAD_SHA },
  payload: { ref: 'refs/tags/v1.2.3' } as Payload,
}

interface Run {
  env: Record<string, string>
  payload: Payload
}

function parse(inputs: Record<string, string>, run?: Run) {
  return parseConfig(env(inputs, run?.env), run?.payload)
}

/** parseConfig must throw InputErrors; return its errors. */
function errors(inputs: Record<string, string>, run?: Run): InputError[] {
  let thrown: unknown
  try {
    parse(inputs, run)
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(InputErrors)
  const list = (thrown as InputErrors).errors
  for (const e of list) expect(e).toBeInstanceOf(InputError)
  return list
}

/** The one error the inputs give. */
function onlyError(inputs: Record<string, string>, run?: Run): InputError {
  const list = errors(inputs, run)
  expect(list.map((e) => e.input)).toHaveLength(1)
  return list[0]!
}

describe('preview on a pull_request', () => {
  it('writes under <base>/previews/pr-<number>; the distribution keeps serving <base>', () => {
    const config = parse({ prefix: 'site', preview: 'true' }, PR)
    expect(config.prefix).toBe('site/previews/pr-42')
    expect(config.basePrefix).toBe('site')
    expect(config.protect).toEqual([])
    expect(config.preview).toEqual({
      enabled: true,
      template: 'previews/pr-{number}',
      root: 'previews',
      domain: undefined,
      maxAgeMs: 0,
    })
    expect(config.github.context).toMatchObject({ number: 42, sha: HEAD_SHA, closed: false })
  })

  it('at the bucket root: previews/pr-<number>, base ""', () => {
    const config = parse({ preview: 'true' }, PR)
    expect(config.prefix).toBe('previews/pr-42')
    expect(config.basePrefix).toBe('')
  })

  it('a custom preview-prefix pv/{branch}: the branch slugged, the root pv', () => {
    const config = parse({ prefix: 'site', preview: 'true', 'preview-prefix': 'pv/{branch}' }, PR)
    expect(config.prefix).toBe('site/pv/feature-x')
    expect(config.preview.root).toBe('pv')
    expect(config.protect).toEqual([])
  })

  it('a preview-prefix with a trailing slash is the same', () => {
    const config = parse({ preview: 'true', 'preview-prefix': 'pv/pr-{number}/' }, PR)
    expect(config.prefix).toBe('pv/pr-42')
    expect(config.preview.template).toBe('pv/pr-{number}')
  })
})

describe('production (preview false)', () => {
  it('writes <base> and protects the preview root from its deletes', () => {
    const config = parse({ prefix: 'site' }, PUSH_MAIN)
    expect(config.prefix).toBe('site')
    expect(config.basePrefix).toBe('site')
    expect(config.protect).toEqual(['previews', '_builds'])
    expect(config.preview.enabled).toBe(false)
  })

  it('protects a custom preview root', () => {
    expect(parse({ 'preview-prefix': 'pv/{branch}' }, PUSH_MAIN).protect).toEqual(['pv', '_builds'])
  })

  it('on a pull_request event too, without preview: true', () => {
    const config = parse({ prefix: 'site' }, PR)
    expect(config.prefix).toBe('site')
    expect(config.protect).toEqual(['previews', '_builds'])
  })
})

describe('preview outside a pull request', () => {
  it('the default prefix needs the PR number: one error, on preview, naming the event', () => {
    const error = onlyError({ preview: 'true' }, PUSH_MAIN)
    expect(error.input).toBe('preview')
    expect(error.message).toContain('this is push')
    expect(error.message).toContain('previews/{branch}')
  })

  it('a run without an event says so', () => {
    const error = onlyError({ preview: 'true' })
    expect(error.input).toBe('preview')
    expect(error.message).toContain('not a workflow run')
  })

  it('previews/{branch} on a push is fine', () => {
    const config = parse(
      { prefix: 'site', preview: 'true', 'preview-prefix': 'previews/{branch}' },
      PUSH_MAIN,
    )
    expect(config.prefix).toBe('site/previews/main')
    expect(config.basePrefix).toBe('site')
    expect(config.protect).toEqual([])
  })
})

describe('placeholders in prefix', () => {
  it('releases/{tag} on a tag push: releases/v1.2.3', () => {
    const config = parse({ prefix: 'releases/{tag}' }, PUSH_TAG)
    expect(config.prefix).toBe('releases/v1.2.3')
    // the distribution serves the fixed part: one site with a folder per tag, not a distribution per tag
    expect(config.basePrefix).toBe('releases')
  })

  it('releases/{tag} on a release event: the release tag', () => {
    const run = {
      env: { GITHUB_EVENT_NAME: 'release', GITHUB_REF: 'refs/tags/v2.0.0' },
      payload: { action: 'published', release: { tag_name: 'v2.0.0' } },
    }
    expect(parse({ prefix: 'releases/{tag}' }, run).prefix).toBe('releases/v2.0.0')
  })

  it('releases/{tag} on a branch push: an error on prefix, saying what {tag} needs', () => {
    const error = onlyError({ prefix: 'releases/{tag}' }, PUSH_MAIN)
    expect(error.input).toBe('prefix')
    expect(error.value).toBe('releases/{tag}')
    expect(error.message).toContain('{tag}')
    expect(error.message).toContain('push run')
    expect(error.message).toContain('a tag push or a release')
  })

  it('builds/{sha}: 12 characters of the commit', () => {
    expect(parse({ prefix: 'builds/{sha}' }, PUSH_MAIN).prefix).toBe(
      `builds/${HEAD_SHA.slice(0, 12)}`,
    )
  })
})

describe('preview-prefix', () => {
  it.each(['pr-{number}', '{branch}', '{branch}/x'])(
    '%j has no fixed first segment: an error',
    (template) => {
      const error = onlyError({ preview: 'true', 'preview-prefix': template }, PR)
      expect(error.input).toBe('preview-prefix')
      expect(error.value).toBe(template)
      expect(error.message).toContain('fixed first segment')
    },
  )

  it('the error is raised for production runs too (the same template protects the root)', () => {
    expect(onlyError({ 'preview-prefix': 'pr-{number}' }, PUSH_MAIN).input).toBe('preview-prefix')
  })
})

describe('preview-domain', () => {
  const withCert = { preview: 'true', 'certificate-arn': CERT }

  it('a valid domain is accepted, lower-cased', () => {
    const config = parse({ ...withCert, 'preview-domain': 'Preview.Example.COM' }, PR)
    expect(config.preview.domain).toBe('preview.example.com')
  })

  it('a wildcard is rejected: the action adds it', () => {
    const error = onlyError({ ...withCert, 'preview-domain': '*.x.com' }, PR)
    expect(error.input).toBe('preview-domain')
    expect(error.value).toBe('*.x.com')
    expect(error.message).toMatch(/without "\*\."/)
    expect(error.message).toContain('wildcard')
  })

  it('a URL is rejected', () => {
    const error = onlyError({ ...withCert, 'preview-domain': 'https://x.com' }, PR)
    expect(error.input).toBe('preview-domain')
    expect(error.message).toContain('https://')
  })

  it.each(['localhost', 'x.com/path', 'x.com:8443'])('%j is rejected', (domain) => {
    expect(onlyError({ ...withCert, 'preview-domain': domain }, PR).input).toBe('preview-domain')
  })

  it('without certificate-arn: an error naming preview-domain and the alias it needs', () => {
    const error = onlyError({ preview: 'true', 'preview-domain': 'preview.example.com' }, PR)
    expect(error.input).toBe('preview-domain')
    expect(error.message).toContain('*.preview.example.com')
    expect(error.message).toContain('certificate-arn')
  })

  it('without certificate-arn but with distribution-id: fine (that distribution has one)', () => {
    const config = parse(
      { preview: 'true', 'preview-domain': 'preview.example.com', 'distribution-id': 'E2QWRUHEX' },
      PR,
    )
    expect(config.preview.domain).toBe('preview.example.com')
  })

  it.each(['previews/{branch}/{sha}', 'previews/pr-{number}/site'])(
    'with a preview-prefix %j (two segments after the root): an error on preview-prefix',
    (template) => {
      const error = onlyError(
        { ...withCert, 'preview-domain': 'preview.example.com', 'preview-prefix': template },
        PR,
      )
      expect(error.input).toBe('preview-prefix')
      expect(error.message).toContain('one segment')
    },
  )

  it('previews/{branch} (one segment after the root) is fine', () => {
    const config = parse(
      {
        ...withCert,
        'preview-domain': 'preview.example.com',
        'preview-prefix': 'previews/{branch}',
      },
      PR,
    )
    expect(config.prefix).toBe('previews/feature-x')
  })
})

describe('mode', () => {
  it('defaults to publish', () => {
    expect(parse({}).mode).toBe('publish')
  })

  it.each(['deploy', 'Remove', 'delete'])('%j is an error', (mode) => {
    const error = onlyError({ mode, prefix: 'site' })
    expect(error.input).toBe('mode')
    expect(error.value).toBe(mode)
    expect(error.message).toContain(
      'expected one of publish, remove, prune-previews, rollback, promote',
    )
  })

  it('remove with an empty prefix: an error, unless allow-root-removal', () => {
    const error = onlyError({ mode: 'remove' })
    expect(error.input).toBe('mode')
    expect(error.message).toContain('allow-root-removal')
    const config = parse({ mode: 'remove', 'allow-root-removal': 'true' })
    expect(config).toMatchObject({ mode: 'remove', prefix: '', allowRootRemoval: true })
  })

  it('remove of a preview at the bucket root is not a root removal', () => {
    const config = parse({ mode: 'remove', preview: 'true' }, PR_CLOSED)
    expect(config.prefix).toBe('previews/pr-42')
    expect(config.github.context.closed).toBe(true)
  })

  it('remove needs no source', () => {
    const config = parseConfig(
      {
        GITHUB_WORKSPACE: WORKSPACE,
        INPUT_BUCKET: 'my-site-bucket',
        INPUT_MODE: 'remove',
        INPUT_PREFIX: 'site',
      },
      undefined,
    )
    expect(config).toMatchObject({ mode: 'remove', source: '', prefix: 'site' })
  })

  it('publish still needs a source', () => {
    const e = env({ prefix: 'site' })
    delete (e as Record<string, string>).INPUT_SOURCE
    expect(() => parseConfig(e)).toThrow(/'source'/)
  })
})

describe('remove-distribution', () => {
  it('without mode remove: an error', () => {
    const error = onlyError({ 'remove-distribution': 'true', prefix: 'site' })
    expect(error.input).toBe('remove-distribution')
    expect(error.message).toContain('mode: remove')
  })

  it('with mode remove: fine', () => {
    const config = parse({ 'remove-distribution': 'true', mode: 'remove', prefix: 'site' })
    expect(config.removeDistribution).toBe(true)
  })

  it('with a preview: an error (previews share the distribution)', () => {
    const error = onlyError(
      { 'remove-distribution': 'true', mode: 'remove', preview: 'true', prefix: 'site' },
      PR_CLOSED,
    )
    expect(error.input).toBe('remove-distribution')
    expect(error.message).toContain('preview')
  })

  it('defaults to false', () => {
    expect(parse({}).removeDistribution).toBe(false)
  })
})

describe('max-deletes: empty (as the runner sends it) depends on the mode', () => {
  it.each([
    [{}, 256],
    [{ 'max-deletes': '' }, 256],
    [{ 'max-deletes': '10' }, 10],
    [{ 'max-deletes': '-1' }, -1],
    [{ mode: 'remove', prefix: 'p' }, -1],
    [{ mode: 'remove', prefix: 'p', 'max-deletes': '' }, -1],
    [{ mode: 'remove', prefix: 'p', 'max-deletes': '256' }, 256],
    [{ mode: 'prune-previews' }, -1],
    [{ mode: 'prune-previews', 'max-deletes': '100' }, 100],
  ])('%j -> %s', (inputs, max) => {
    expect(parse(inputs).maxDeletes).toBe(max)
  })
})

describe('GitHub settings', () => {
  it('github-token is read; absent it is undefined', () => {
    expect(parse({ 'github-token': 'ghs_abc' }).github.token).toBe('ghs_abc')
    expect(parse({}).github.token).toBeUndefined()
  })

  it('GITHUB_API_URL defaults to https://api.github.com', () => {
    expect(parse({}).github.apiUrl).toBe('https://api.github.com')
  })

  it('a custom GITHUB_API_URL is used without its trailing slash', () => {
    const run = { env: { GITHUB_API_URL: 'https://ghe.example.com/api/v3/' }, payload: {} }
    expect(parse({}, run).github.apiUrl).toBe('https://ghe.example.com/api/v3')
    const plain = { env: { GITHUB_API_URL: 'https://ghe.example.com/api/v3' }, payload: {} }
    expect(parse({}, plain).github.apiUrl).toBe('https://ghe.example.com/api/v3')
  })

  it('the run context is part of the config', () => {
    expect(parse({}, PUSH_TAG).github.context).toMatchObject({ eventName: 'push', tag: 'v1.2.3' })
  })
})

describe('mode: prune-previews', () => {
  const SCHEDULE = {
    env: { GITHUB_EVENT_NAME: 'schedule', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: HEAD_SHA },
    payload: { schedule: '0 3 * * *' } as Payload,
  }

  it('needs no source and no pull request; works on the prefix, not on one preview', () => {
    const e = env({ mode: 'prune-previews', prefix: 'site', preview: 'true' }, SCHEDULE.env)
    delete (e as Record<string, string>).INPUT_SOURCE
    const config = parseConfig(e, SCHEDULE.payload)
    expect(config).toMatchObject({ mode: 'prune-previews', source: '', prefix: 'site' })
    expect(config.preview).toMatchObject({ root: 'previews', maxAgeMs: 0 })
  })

  it('on a closed pull request too: the prefix stays the base (no pr-<number> added)', () => {
    const config = parse({ mode: 'prune-previews', preview: 'true' }, PR_CLOSED)
    expect(config.prefix).toBe('')
  })

  it.each([
    ['14d', 14 * 86_400_000],
    ['36h', 36 * 3_600_000],
    ['', 0],
    ['0', 0],
  ])('preview-max-age %j is %i ms', (age, ms) => {
    expect(parse({ mode: 'prune-previews', 'preview-max-age': age }).preview.maxAgeMs).toBe(ms)
  })

  it.each(['14', 'two weeks', '1.5d', '400d', '-3d'])(
    'preview-max-age %j: an error naming the input and the value',
    (age) => {
      const error = onlyError({ mode: 'prune-previews', 'preview-max-age': age })
      expect(error.input).toBe('preview-max-age')
      expect(error.value).toBe(age)
      expect(error.message).toContain(`'preview-max-age'`)
      expect(error.message).toContain('such as 7d, 12h')
    },
  )

  it('preview-max-age without prune-previews: an error', () => {
    const error = onlyError({ 'preview-max-age': '14d' })
    expect(error.input).toBe('preview-max-age')
    expect(error.message).toContain('only with mode: prune-previews')
  })

  it.each([
    ['previews/{branch}', /through \{number\}/],
    ['previews/pr-{number}/site', /right below the preview root/],
  ])('a preview-prefix %s it cannot map back to pull requests: an error', (template, message) => {
    const error = onlyError({ mode: 'prune-previews', 'preview-prefix': template })
    expect(error.input).toBe('preview-prefix')
    expect(error.value).toBe(template)
    expect(error.message).toMatch(message)
  })

  it('remove-distribution is refused with it', () => {
    const error = onlyError({ mode: 'prune-previews', 'remove-distribution': 'true' })
    expect(error.input).toBe('remove-distribution')
  })
})

describe('preview on a workflow_run', () => {
  const RUN_ENV = {
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_REPOSITORY: 'o/r',
  }
  const fork = {
    env: RUN_ENV,
    payload: {
      workflow_run: {
        event: 'pull_request',
        head_sha: HEAD_SHA,
        head_branch: 'fix/Typo',
        head_repository: { owner: { login: 'someone' } },
        pull_requests: [],
      },
    } as Payload,
  }

  it('with the pull request listed: previews/pr-<number>, the head commit and branch', () => {
    const run = {
      env: RUN_ENV,
      payload: {
        workflow_run: {
          ...(fork.payload.workflow_run as object),
          pull_requests: [{ number: 7, head: { sha: HEAD_SHA } }],
        },
      },
    }
    const config = parse({ preview: 'true' }, run)
    expect(config.prefix).toBe('previews/pr-7')
    expect(config.github.context).toMatchObject({ number: 7, sha: HEAD_SHA, branch: 'fix/Typo' })
  })

  it("a fork's (none listed): the number the shell found", () => {
    const config = parseConfig(env({ preview: 'true' }, fork.env), fork.payload, { number: 9 })
    expect(config.prefix).toBe('previews/pr-9')
  })

  it("a fork's, not found: an error on preview saying what is missing", () => {
    let thrown: unknown
    try {
      parseConfig(env({ preview: 'true' }, fork.env), fork.payload, {
        missing: 'no open pull request of someone:fix/Typo has the head commit 1234',
      })
    } catch (error) {
      thrown = error
    }
    const list = (thrown as InputErrors).errors
    expect(list).toHaveLength(1)
    expect(list[0]!.input).toBe('preview')
    expect(list[0]!.message).toContain(
      "preview-prefix previews/pr-{number} needs the pull request's number, and this workflow_run has none: no open pull request of someone:fix/Typo",
    )
  })

  it('a workflow_run of a push: previews are refused, naming the event it followed', () => {
    const run = {
      env: RUN_ENV,
      payload: { workflow_run: { event: 'push', head_sha: HEAD_SHA, pull_requests: [] } },
    }
    const error = onlyError({ preview: 'true' }, run)
    expect(error.input).toBe('preview')
    expect(error.message).toContain('triggered by a push event, not by a pull request')
  })

  it('{number} in prefix says why it has no value', () => {
    const error = onlyError({ prefix: 'pr/{number}' }, fork)
    expect(error.input).toBe('prefix')
    expect(error.message).toContain('it was not looked up')
  })
})

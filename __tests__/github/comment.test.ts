// The pull-request comment: rendering (pure), and upsertComment, with the real Octokit of
// @actions/github, against the local stand-in for the GitHub REST API (apiUrl) that the e2e tests use,
// so the real requests the action makes are seen and checked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  commentMarker,
  renderComment,
  upsertComment,
  type CommentInput,
  type CommentTarget,
} from '../../src/github/comment.js'
import { startGitHubApi, type ApiRequest, type GitHubApi } from '../helpers/github-api.js'

const MARKER = commentMarker('site-bucket', 'site')

function input(fields: Partial<CommentInput> = {}): CommentInput {
  return {
    marker: MARKER,
    url: 'https://www.example.com/previews/pr-42/',
    target: 's3://site-bucket/site/previews/pr-42/',
    sha: '1234567890ab',
    counts: { uploaded: 3, updated: 2, deleted: 1, unchanged: 40 },
    time: '2024-05-01T12:00:00.000Z',
    removed: false,
    runUrl: 'https://github.com/o/r/actions/runs/99',
    ...fields,
  }
}

describe('commentMarker', () => {
  it('is a hidden HTML comment naming the bucket and base prefix', () => {
    expect(MARKER).toBe('<!-- cdn-publish:preview s3://site-bucket/site -->')
    expect(commentMarker('site-bucket', '')).toBe('<!-- cdn-publish:preview s3://site-bucket/ -->')
  })

  it('differs per bucket and per base prefix', () => {
    const markers = [
      commentMarker('a-bucket', 'site'),
      commentMarker('b-bucket', 'site'),
      commentMarker('a-bucket', 'docs'),
    ]
    expect(new Set(markers).size).toBe(3)
  })
})

describe('renderComment', () => {
  it('a deploy: marker first, then a table with URL, files, commit, counts and time, then the run link', () => {
    const body = renderComment(input())
    const lines = body.split('\n')
    expect(lines[0]).toBe(MARKER)
    expect(lines[1]).toBe('### Preview deployed')
    expect(lines).toContain('| URL | https://www.example.com/previews/pr-42/ |')
    expect(lines).toContain('| Files | `s3://site-bucket/site/previews/pr-42/` |')
    expect(lines).toContain('| Commit | 1234567890ab |')
    expect(lines).toContain('| Changes | 3 uploaded, 2 updated, 1 deleted, 40 unchanged |')
    expect(lines).toContain('| Deployed | 2024-05-01T12:00:00.000Z |')
    expect(lines).toContain('[Workflow run](https://github.com/o/r/actions/runs/99)')
    expect(body.endsWith('\n')).toBe(true)
    expect(body).not.toContain('removed')
  })

  it('leaves out the rows it has no value for', () => {
    const body = renderComment(
      input({ url: undefined, sha: undefined, counts: undefined, runUrl: undefined }),
    )
    expect(body).not.toContain('| URL |')
    expect(body).not.toContain('| Commit |')
    expect(body).not.toContain('| Changes |')
    expect(body).not.toContain('Workflow run')
    expect(body).toContain('| Files |')
    expect(body.split('\n')[0]).toBe(MARKER)
  })

  it('the removed variant: marker first, the URL and the time, no table', () => {
    const body = renderComment(input({ removed: true }))
    const lines = body.split('\n')
    expect(lines[0]).toBe(MARKER)
    expect(lines[1]).toBe('### Preview removed')
    expect(body).toContain(
      'The preview at https://www.example.com/previews/pr-42/ was deleted on 2024-05-01T12:00:00.000Z.',
    )
    expect(body).not.toContain('| --- |')
    expect(body).not.toContain('Preview deployed')
    expect(body).toContain('[Workflow run](https://github.com/o/r/actions/runs/99)')
  })

  it('the removed variant without a URL names the files', () => {
    const body = renderComment(input({ removed: true, url: undefined }))
    expect(body).toContain('The preview at s3://site-bucket/site/previews/pr-42/ was deleted')
  })
})

// ---------------------------------------------------------------------------------------------------
// upsertComment against the stand-in for the GitHub REST API.

let api: GitHubApi

beforeAll(async () => {
  api = await startGitHubApi()
})
afterAll(async () => {
  await api.close()
})
beforeEach(() => {
  api.reset()
})

const TOKEN = 'ghs_test_token'

function target(fields: Partial<CommentTarget> = {}): CommentTarget {
  return { token: TOKEN, apiUrl: api.url, repository: 'o/r', number: 42, ...fields }
}

function summary(r: ApiRequest) {
  return { method: r.method, path: r.path, body: r.body }
}

function reasonOf(result: Awaited<ReturnType<typeof upsertComment>>): string {
  expect(result.action).toBe('skipped')
  return (result as { reason: string }).reason
}

/** A reason is one line with no control character, and short. */
function expectPrintable(reason: string) {
  // eslint-disable-next-line no-control-regex
  expect(reason).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/)
  expect(reason.length).toBeLessThanOrEqual(400)
}

describe('upsertComment (Octokit against the stand-in API)', () => {
  it('first call creates the comment; the second finds it by the marker and edits it', async () => {
    const first = renderComment(input())
    expect(await upsertComment(target(), MARKER, first)).toEqual({ action: 'created', id: 1000 })
    expect(api.requests.map(summary)).toEqual([
      { method: 'GET', path: '/repos/o/r/issues/42/comments', body: undefined },
      { method: 'POST', path: '/repos/o/r/issues/42/comments', body: { body: first } },
    ])
    expect(api.requests[0]!.query).toEqual({ per_page: '100' })
    for (const r of api.requests) {
      expect(r.authorization).toBe(`token ${TOKEN}`)
      expect(r.userAgent).toMatch(/^cdn-publish octokit-core\.js\//)
    }

    api.requests.length = 0
    const second = renderComment(input({ sha: 'fedcba987654' }))
    expect(await upsertComment(target(), MARKER, second)).toEqual({ action: 'updated', id: 1000 })
    expect(api.requests.map(summary)).toEqual([
      { method: 'GET', path: '/repos/o/r/issues/42/comments', body: undefined },
      { method: 'PATCH', path: '/repos/o/r/issues/comments/1000', body: { body: second } },
    ])
    expect([...api.comments.values()]).toEqual([{ id: 1000, body: second, issue: 42 }])
  })

  it('a comment with another target’s marker, or on another issue, is left alone: a new one is created', async () => {
    const other = `${commentMarker('site-bucket', 'docs')}\n### Preview deployed\n`
    api.addComment(42, 'LGTM', 7)
    api.addComment(42, other, 8)
    api.addComment(41, `${MARKER}\nold`, 9)
    const result = await upsertComment(target(), MARKER, renderComment(input()))
    expect(result).toEqual({ action: 'created', id: 1000 })
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'POST'])
    expect(api.comments.get(8)!.body).toBe(other)
    expect(api.comments.get(9)!.body).toBe(`${MARKER}\nold`)
  })

  it('pagination follows the Link header: 100 other comments on page 1, the marked one on page 2 -> edited', async () => {
    for (let i = 1; i <= 100; i++) api.addComment(42, `comment ${i}`, i)
    api.addComment(42, `${MARKER}\nold`, 555)
    const body = renderComment(input())
    expect(await upsertComment(target(), MARKER, body)).toEqual({ action: 'updated', id: 555 })
    expect(api.requests.map(summary)).toEqual([
      { method: 'GET', path: '/repos/o/r/issues/42/comments', body: undefined },
      { method: 'GET', path: '/repos/o/r/issues/42/comments', body: undefined },
      { method: 'PATCH', path: '/repos/o/r/issues/comments/555', body: { body } },
    ])
    expect(api.requests.slice(0, 2).map((r) => r.query)).toEqual([
      { per_page: '100' },
      { per_page: '100', page: '2' },
    ])
  })

  it('stops paging at the page that holds the marker', async () => {
    api.addComment(42, `${MARKER}\nold`, 5)
    for (let i = 6; i <= 305; i++) api.addComment(42, `comment ${i}`, i)
    expect(await upsertComment(target(), MARKER, 'new')).toEqual({ action: 'updated', id: 5 })
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'PATCH'])
  })

  it('exactly 100 comments without the marker: one page (no next link), then one is created', async () => {
    for (let i = 1; i <= 100; i++) api.addComment(42, `comment ${i}`, i)
    const result = await upsertComment(target(), MARKER, renderComment(input()))
    expect(result).toEqual({ action: 'created', id: 1000 })
    expect(api.requests.map((r) => `${r.method} ${r.query.page ?? ''}`)).toEqual(['GET ', 'POST '])
  })

  it('a comment whose id is not a positive integer is not taken for the action’s own', async () => {
    api.intercept = (r) =>
      r.method === 'GET'
        ? { status: 200, json: [{ id: '1\n::error::x', body: MARKER }, { body: MARKER }] }
        : undefined
    expect(await upsertComment(target(), MARKER, 'body')).toEqual({ action: 'created', id: 1000 })
  })

  it('403 (a fork’s read-only token): skipped, saying why and what permission to give', async () => {
    api.failWith = 403
    const reason = reasonOf(await upsertComment(target(), MARKER, 'body'))
    expect(reason).toContain('#42')
    expect(reason).toContain('read-only token')
    expect(reason).toContain('pull-requests: write')
    expect(reason).not.toContain('Resource not accessible') // the status speaks, not the answer
    expect(api.requests).toHaveLength(1)
  })

  it('403 only on create (listing is allowed): skipped, not thrown', async () => {
    api.intercept = (r) =>
      r.method === 'POST' ? { status: 403, json: { message: 'Forbidden' } } : undefined
    const reason = reasonOf(await upsertComment(target(), MARKER, 'body'))
    expect(reason).toContain('pull-requests: write')
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'POST'])
  })

  it('404: skipped, the pull request or repository was not found', async () => {
    api.failWith = 404
    expect(reasonOf(await upsertComment(target(), MARKER, 'body'))).toContain('not found')
  })

  it('another failure (500): skipped with the status and the error text; no retry', async () => {
    api.intercept = () => ({ status: 500, json: { message: 'Server exploded' } })
    const reason = reasonOf(await upsertComment(target(), MARKER, 'body'))
    expect(reason).toContain('500')
    expect(reason).toContain('Server exploded')
    expect(api.requests).toHaveLength(1)
  })

  it('an answer’s message is never printed raw: control characters escaped, the token hidden, cut short', async () => {
    const hostile = `boom\r\n::error::pwned \u001b[31mred\u009b ${TOKEN} ${'x'.repeat(5000)}`
    api.intercept = () => ({ status: 502, json: { message: hostile } })
    const reason = reasonOf(await upsertComment(target(), MARKER, 'body'))
    expectPrintable(reason)
    expect(reason).toContain('boom\\r\\n::error::pwned \\u001b[31mred\\u009b ***')
    expect(reason).not.toContain(TOKEN)
    expect(reason.endsWith('…')).toBe(true)
  })

  it('an HTML error page (a proxy in front of GHES): skipped, escaped and short', async () => {
    api.intercept = () => ({
      status: 502,
      headers: { 'content-type': 'text/html' },
      raw: `<html>\n<body>Bad gateway</body>\n</html>\n${'<p>filler</p>\n'.repeat(500)}`,
    })
    const reason = reasonOf(await upsertComment(target(), MARKER, 'body'))
    expectPrintable(reason)
    expect(reason).toContain('502')
    expect(reason).toContain('Bad gateway')
  })

  it('a created comment whose answer has no id: skipped, saying it was posted', async () => {
    api.intercept = (r) =>
      r.method === 'POST' ? { status: 201, json: { id: '12\u001b[2J' } } : undefined
    const reason = reasonOf(await upsertComment(target(), MARKER, 'body'))
    expect(reason).toContain('posted, but the API answered without a comment id')
    expectPrintable(reason)
  })

  it('a next-page link to another host is not followed: the token stays with the API', async () => {
    const elsewhere = await startGitHubApi()
    try {
      api.intercept = (r) =>
        r.method === 'GET'
          ? {
              status: 200,
              json: [{ id: 1, body: 'hi' }],
              headers: {
                link: `<${elsewhere.url}/repos/o/r/issues/42/comments?page=2>; rel="next"`,
              },
            }
          : undefined
      const reason = reasonOf(await upsertComment(target(), MARKER, 'body'))
      expect(reason).toContain('leads away from')
      expect(elsewhere.requests).toEqual([])
      expect(api.requests.map((r) => r.method)).toEqual(['GET'])
    } finally {
      await elsewhere.close()
    }
  })

  it('a next-page link that never ends: at most 100 pages are read, then skipped', async () => {
    api.intercept = (r) => {
      if (r.method !== 'GET') return undefined
      const page = Number(r.query.page ?? 1)
      const next = `${api.url}/repos/o/r/issues/42/comments?per_page=100&page=${page + 1}`
      return {
        status: 200,
        json: [{ id: page, body: 'x' }],
        headers: { link: `<${next}>; rel="next"` },
      }
    }
    const reason = reasonOf(await upsertComment(target(), MARKER, 'body'))
    expect(reason).toContain('first 10000 comments')
    expect(api.requests).toHaveLength(100)
    expect(api.requests.every((r) => r.method === 'GET')).toBe(true)
  })

  it('an API that never answers: skipped after the request timeout, not hung', async () => {
    api.intercept = () => 'silent'
    const started = performance.now()
    const reason = reasonOf(
      await upsertComment(target(), MARKER, 'body', { requestTimeoutMs: 300 }),
    )
    expect(reason).toContain('did not answer within 0.3 s')
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(api.requests).toHaveLength(1) // no retry
  })

  it('an API that sends the headers and then nothing: the timeout covers the body too', async () => {
    api.intercept = () => ({ status: 200, stallBody: true })
    const started = performance.now()
    const reason = reasonOf(
      await upsertComment(target(), MARKER, 'body', { requestTimeoutMs: 300 }),
    )
    expect(reason).toContain('did not answer within 0.3 s')
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it('the deadline bounds all requests together: a slow page after a quick one', async () => {
    api.intercept = (r) => {
      if (r.query.page === '2') return 'silent'
      const next = `${api.url}/repos/o/r/issues/42/comments?per_page=100&page=2`
      return { status: 200, json: [], headers: { link: `<${next}>; rel="next"` } }
    }
    const started = performance.now()
    const reason = reasonOf(
      await upsertComment(target(), MARKER, 'body', { requestTimeoutMs: 60_000, deadlineMs: 400 }),
    )
    expect(reason).toContain('within the time allowed for all its requests')
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(api.requests).toHaveLength(2)
  })

  it('nothing listening: skipped with the connection error', async () => {
    const closed = await startGitHubApi()
    await closed.close()
    const reason = reasonOf(await upsertComment(target({ apiUrl: closed.url }), MARKER, 'body'))
    expect(reason).toMatch(/ECONNREFUSED/)
    expectPrintable(reason)
  })

  it('GHES: an API URL with a path (and a trailing slash) is the base of every request', async () => {
    const result = await upsertComment(target({ apiUrl: `${api.url}/api/v3/` }), MARKER, 'body')
    // the stand-in serves only /repos/...: the requests show where Octokit sent them
    expect(result.action).toBe('skipped')
    expect(api.requests.map((r) => r.path)).toEqual(['/api/v3/repos/o/r/issues/42/comments'])
  })

  it.each(['not a url', 'file:///etc/passwd'])(
    'an API URL %j that is not http(s): skipped without a request',
    async (apiUrl) => {
      const result = await upsertComment(target({ apiUrl }), MARKER, 'body')
      expect(result.action).toBe('skipped')
      expect(api.requests).toEqual([])
    },
  )

  it.each(['', 'just-a-name', '/r', 'o/', 'x\n::error::y'])(
    'repository %j is not owner/name: skipped without a request',
    async (repository) => {
      const reason = reasonOf(await upsertComment(target({ repository }), MARKER, 'body'))
      expect(reason).toContain('owner/name')
      expectPrintable(reason)
      expect(api.requests).toEqual([])
    },
  )
})

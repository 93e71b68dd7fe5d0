// The pull-request comment: rendering (pure), and upsertComment against a local HTTP server standing in
// for the GitHub REST API (apiUrl), so the real requests the action makes are seen and checked.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  commentMarker,
  renderComment,
  upsertComment,
  type CommentInput,
  type CommentTarget,
} from '../../src/github/comment.js'

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
// A stand-in for the GitHub REST API.

interface Recorded {
  method: string
  path: string
  query: Record<string, string>
  body: unknown
  authorization: string | undefined
}

interface Reply {
  status: number
  json: unknown
}

type Route = (request: Recorded) => Reply

let server: http.Server
let apiUrl: string
const requests: Recorded[] = []
let route: Route = () => ({ status: 500, json: { message: 'no route' } })

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const text = Buffer.concat(chunks).toString('utf8')
      const recorded: Recorded = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: text === '' ? undefined : JSON.parse(text),
        authorization: req.headers.authorization,
      }
      requests.push(recorded)
      let reply: Reply
      try {
        reply = route(recorded)
      } catch (error) {
        reply = { status: 500, json: { message: String(error) } }
      }
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(reply.json))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  )
})

beforeEach(() => {
  requests.length = 0
})

function target(fields: Partial<CommentTarget> = {}): CommentTarget {
  return { token: 'ghs_test_token', apiUrl, repository: 'o/r', number: 42, ...fields }
}

/** An issue with its comments, served as GitHub does: pages of per_page, create and edit. */
function fakeIssue(initial: Array<{ id: number; body: string }> = []) {
  const comments = initial.map((c) => ({ ...c }))
  let next = 1000
  route = (r) => {
    if (r.method === 'GET' && r.path === '/repos/o/r/issues/42/comments') {
      const perPage = Number(r.query.per_page ?? 30)
      const page = Number(r.query.page ?? 1)
      return { status: 200, json: comments.slice((page - 1) * perPage, page * perPage) }
    }
    if (r.method === 'POST' && r.path === '/repos/o/r/issues/42/comments') {
      const created = { id: next++, body: (r.body as { body: string }).body }
      comments.push(created)
      return { status: 201, json: created }
    }
    const edit = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(r.path)
    if (r.method === 'PATCH' && edit) {
      const found = comments.find((c) => c.id === Number(edit[1]))
      if (!found) return { status: 404, json: { message: 'Not Found' } }
      found.body = (r.body as { body: string }).body
      return { status: 200, json: found }
    }
    return { status: 404, json: { message: 'Not Found' } }
  }
  return comments
}

function summary(r: Recorded) {
  return { method: r.method, path: r.path, body: r.body }
}

describe('upsertComment', () => {
  it('first call creates the comment; the second finds it by the marker and edits it', async () => {
    const comments = fakeIssue()
    const first = renderComment(input())
    expect(await upsertComment(target(), MARKER, first)).toEqual({ action: 'created', id: 1000 })
    expect(requests.map(summary)).toEqual([
      { method: 'GET', path: '/repos/o/r/issues/42/comments', body: undefined },
      { method: 'POST', path: '/repos/o/r/issues/42/comments', body: { body: first } },
    ])
    expect(requests[0]!.query).toMatchObject({ per_page: '100', page: '1' })
    for (const r of requests) expect(r.authorization).toBe('token ghs_test_token')

    requests.length = 0
    const second = renderComment(input({ sha: 'fedcba987654' }))
    expect(await upsertComment(target(), MARKER, second)).toEqual({ action: 'updated', id: 1000 })
    expect(requests.map(summary)).toEqual([
      { method: 'GET', path: '/repos/o/r/issues/42/comments', body: undefined },
      { method: 'PATCH', path: '/repos/o/r/issues/comments/1000', body: { body: second } },
    ])
    expect(comments).toEqual([{ id: 1000, body: second }])
  })

  it('a comment with another target’s marker is left alone: a new one is created', async () => {
    const other = `${commentMarker('site-bucket', 'docs')}\n### Preview deployed\n`
    const comments = fakeIssue([
      { id: 7, body: 'LGTM' },
      { id: 8, body: other },
    ])
    const result = await upsertComment(target(), MARKER, renderComment(input()))
    expect(result).toEqual({ action: 'created', id: 1000 })
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST'])
    expect(comments.find((c) => c.id === 8)!.body).toBe(other)
  })

  it('pagination: 100 other comments on page 1, the marked one on page 2 -> edited', async () => {
    const others = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, body: `comment ${i + 1}` }))
    fakeIssue([...others, { id: 555, body: `${MARKER}\nold` }])
    const body = renderComment(input())
    expect(await upsertComment(target(), MARKER, body)).toEqual({ action: 'updated', id: 555 })
    expect(requests.map(summary)).toEqual([
      { method: 'GET', path: '/repos/o/r/issues/42/comments', body: undefined },
      { method: 'GET', path: '/repos/o/r/issues/42/comments', body: undefined },
      { method: 'PATCH', path: '/repos/o/r/issues/comments/555', body: { body } },
    ])
    expect(requests.slice(0, 2).map((r) => r.query.page)).toEqual(['1', '2'])
  })

  it('exactly 100 comments without the marker: page 2 is asked (empty), then one is created', async () => {
    fakeIssue(Array.from({ length: 100 }, (_, i) => ({ id: i + 1, body: `comment ${i + 1}` })))
    const result = await upsertComment(target(), MARKER, renderComment(input()))
    expect(result).toEqual({ action: 'created', id: 1000 })
    expect(requests.map((r) => `${r.method} ${r.query.page ?? ''}`)).toEqual([
      'GET 1',
      'GET 2',
      'POST ',
    ])
  })

  it('403 (a fork’s read-only token): skipped, saying why and what permission to give', async () => {
    route = () => ({ status: 403, json: { message: 'Resource not accessible by integration' } })
    const result = await upsertComment(target(), MARKER, 'body')
    expect(result).toMatchObject({ action: 'skipped' })
    const reason = (result as { reason: string }).reason
    expect(reason).toContain('#42')
    expect(reason).toContain('read-only token')
    expect(reason).toContain('pull-requests: write')
    expect(requests).toHaveLength(1)
  })

  it('403 only on create (listing is allowed): skipped, not thrown', async () => {
    fakeIssue()
    const list = route
    route = (r) => (r.method === 'POST' ? { status: 403, json: { message: 'Forbidden' } } : list(r))
    const result = await upsertComment(target(), MARKER, 'body')
    expect(result).toMatchObject({ action: 'skipped' })
    expect((result as { reason: string }).reason).toContain('pull-requests: write')
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST'])
  })

  it('404: skipped, the pull request or repository was not found', async () => {
    route = () => ({ status: 404, json: { message: 'Not Found' } })
    const result = await upsertComment(target(), MARKER, 'body')
    expect(result).toMatchObject({ action: 'skipped' })
    expect((result as { reason: string }).reason).toContain('not found')
  })

  it('another failure (500): skipped with the error text', async () => {
    route = () => ({ status: 500, json: { message: 'Server exploded' } })
    const result = await upsertComment(target(), MARKER, 'body')
    expect(result).toMatchObject({ action: 'skipped' })
    expect((result as { reason: string }).reason).toContain('Server exploded')
  })

  it.each(['', 'just-a-name', '/r', 'o/'])(
    'repository %j is not owner/name: skipped without a request',
    async (repository) => {
      const result = await upsertComment(target({ repository }), MARKER, 'body')
      expect(result).toMatchObject({ action: 'skipped' })
      expect((result as { reason: string }).reason).toContain('owner/name')
      expect(requests).toEqual([])
    },
  )
})

// A local stand-in for the GitHub REST API (reached through GITHUB_API_URL): issue comments, served as
// GitHub serves them (pages of per_page, at most 100, with a Link header naming the next and last
// page), so a real Octokit can page through them; and pull requests: one by number, and the list by
// head (`head=owner:branch`, `state`). Faults: every request answered with one status (failWith), or
// any request answered otherwise, or never (intercept).
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ApiRequest {
  method: string
  path: string
  /** The query string's parameters. */
  query: Record<string, string>
  body: unknown
  authorization?: string | undefined
  userAgent?: string | undefined
}

/** An answer of intercept: status, JSON (or raw text), extra headers; stallBody sends only the headers. */
export interface ApiReply {
  status: number
  json?: unknown
  raw?: string
  headers?: Record<string, string>
  stallBody?: boolean
}

/** A pull request as the API describes it (the fields the action reads). */
export interface FakePull {
  number: number
  state: 'open' | 'closed'
  merged: boolean
  /** The head: `owner` is the head repository's owner (a fork's for a pull request from a fork). */
  head: { owner: string; ref: string; sha: string }
}

export interface GitHubApi {
  url: string
  requests: ApiRequest[]
  comments: Map<number, { id: number; body: string; issue: number }>
  /** Pull requests by number (GET pulls/{n}, GET pulls?head=&state=). */
  pulls: Map<number, FakePull>
  /** Answer every request with this status instead (e.g. 403 for a read-only token). */
  failWith: number | undefined
  /** Asked first for every request: a reply, 'silent' (never answered), or undefined to serve it. */
  intercept: ((request: ApiRequest) => ApiReply | 'silent' | undefined) | undefined
  /** Add a comment to an issue (ids from 1000 up unless given). */
  addComment(issue: number, body: string, id?: number): number
  /** Forget requests, comments and faults. */
  reset(): void
  close(): Promise<void>
}

export async function startGitHubApi(): Promise<GitHubApi> {
  let nextId = 1000
  const api: GitHubApi = {
    url: '',
    requests: [],
    comments: new Map(),
    pulls: new Map(),
    failWith: undefined,
    intercept: undefined,
    addComment(issue, body, id = nextId++) {
      api.comments.set(id, { id, body, issue })
      return id
    },
    reset() {
      api.requests.length = 0
      api.comments.clear()
      api.pulls.clear()
      api.failWith = undefined
      api.intercept = undefined
      nextId = 1000
    },
    close: async () => undefined,
  }
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => (raw += c.toString()))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://api')
      const body = raw ? (JSON.parse(raw) as unknown) : undefined
      const request: ApiRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body,
        authorization: req.headers.authorization,
        userAgent: req.headers['user-agent'],
      }
      api.requests.push(request)
      const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        res.end(JSON.stringify(data))
      }
      const reply = api.intercept?.(request)
      if (reply === 'silent') return // the socket stays open until the client gives up or close()
      if (reply) {
        res.writeHead(reply.status, {
          'content-type': 'application/json; charset=utf-8',
          ...reply.headers,
        })
        if (reply.stallBody) return void res.flushHeaders()
        return void res.end(reply.raw ?? JSON.stringify(reply.json ?? {}))
      }
      if (api.failWith)
        return send(api.failWith, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest',
        })
      const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname)
      const one = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname)
      const pull = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/.exec(url.pathname)
      const pulls = /^\/repos\/[^/]+\/[^/]+\/pulls$/.exec(url.pathname)
      const described = (p: FakePull) => ({
        number: p.number,
        state: p.state,
        merged: p.merged,
        head: { label: `${p.head.owner}:${p.head.ref}`, ref: p.head.ref, sha: p.head.sha },
      })
      if (pull && req.method === 'GET') {
        const found = api.pulls.get(Number(pull[1]))
        return found ? send(200, described(found)) : send(404, { message: 'Not Found' })
      }
      if (pulls && req.method === 'GET') {
        // As GitHub: `head` is user:ref; `state` open (the default), closed or all.
        const head = url.searchParams.get('head')
        const state = url.searchParams.get('state') ?? 'open'
        return send(
          200,
          [...api.pulls.values()]
            .filter((p) => head === null || `${p.head.owner}:${p.head.ref}` === head)
            .filter((p) => state === 'all' || p.state === state)
            .sort((a, b) => b.number - a.number)
            .map(described),
        )
      }
      if (list && req.method === 'GET') {
        const issue = Number(list[1])
        const all = [...api.comments.values()].filter((c) => c.issue === issue)
        const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30), 1), 100)
        const page = Math.max(Number(url.searchParams.get('page') ?? 1), 1)
        const last = Math.max(Math.ceil(all.length / perPage), 1)
        const link = (n: number, rel: string) => {
          const to = new URL(url.pathname, api.url)
          to.searchParams.set('per_page', String(perPage))
          to.searchParams.set('page', String(n))
          return `<${to.href}>; rel="${rel}"`
        }
        const links = [
          ...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : []),
          ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
        ]
        return send(
          200,
          all.slice((page - 1) * perPage, page * perPage).map(({ id, body }) => ({ id, body })),
          links.length ? { link: links.join(', ') } : {},
        )
      }
      if (list && req.method === 'POST') {
        const id = api.addComment(Number(list[1]), (body as { body: string }).body)
        return send(201, { id, body: (body as { body: string }).body })
      }
      if (one && req.method === 'PATCH') {
        const existing = api.comments.get(Number(one[1]))
        if (!existing) return send(404, { message: 'Not Found' })
        existing.body = (body as { body: string }).body
        return send(200, { id: existing.id, body: existing.body })
      }
      send(404, { message: 'Not Found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  api.close = () => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(() => resolve()))
  }
  return api
}

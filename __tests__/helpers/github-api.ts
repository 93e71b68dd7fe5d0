// A local stand-in for the GitHub REST API (reached through GITHUB_API_URL): issue comments, and
// deployments with their statuses, and pull requests (one by number, the list by `head` and `state`), served as GitHub serves them (lists newest deployment and status
// first, in pages of per_page, at most 100, with a Link header naming the next and last page; the
// deployment list filtered by environment; 201 for what is created, 422 for a body GitHub refuses), so a
// real Octokit can page through them. Faults: every request answered with one status (failWith), or any
// request answered otherwise, or never (intercept).
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

/** A deployment status as GitHub keeps it. */
export interface DeploymentStatus {
  id: number
  state: string
  description: string
  environment_url: string
  log_url: string
}

/** A deployment as GitHub keeps it: the fields the API takes, and its statuses, oldest first. */
export interface Deployment {
  id: number
  ref: string
  sha: string
  task: string
  environment: string
  description: string | null
  transient_environment: boolean
  production_environment: boolean
  /** As sent (GitHub does not echo them). */
  auto_merge: unknown
  required_contexts: unknown
  statuses: DeploymentStatus[]
}

const STATES = new Set([
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success',
])

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
  /** Deployments by id (ids from 5000 up). */
  deployments: Map<number, Deployment>
  /** Add a deployment as if made earlier (statuses oldest first); its id. */
  addDeployment(environment: string, states?: string[]): number
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
  let nextDeployment = 5000
  let nextStatus = 9000
  const api: GitHubApi = {
    url: '',
    requests: [],
    comments: new Map(),
    deployments: new Map(),
    addDeployment(environment, states = []) {
      const id = nextDeployment++
      api.deployments.set(id, {
        id,
        ref: 'main',
        sha: 'f'.repeat(40),
        task: 'deploy',
        environment,
        description: null,
        transient_environment: false,
        production_environment: false,
        auto_merge: undefined,
        required_contexts: undefined,
        statuses: states.map((state) => ({
          id: nextStatus++,
          state,
          description: '',
          environment_url: '',
          log_url: '',
        })),
      })
      return id
    },
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
      api.deployments.clear()
      api.pulls.clear()
      api.failWith = undefined
      api.intercept = undefined
      nextId = 1000
      nextDeployment = 5000
      nextStatus = 9000
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
      /** One page of `all` as GitHub sends it: per_page (default 30, at most 100), Link header. */
      const sendPage = (all: unknown[]) => {
        const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30), 1), 100)
        const page = Math.max(Number(url.searchParams.get('page') ?? 1), 1)
        const last = Math.max(Math.ceil(all.length / perPage), 1)
        const link = (n: number, rel: string) => {
          const to = new URL(url.pathname, api.url)
          for (const [k, v] of url.searchParams) if (k !== 'page') to.searchParams.set(k, v)
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
          all.slice((page - 1) * perPage, page * perPage),
          links.length ? { link: links.join(', ') } : {},
        )
      }
      if (list && req.method === 'GET') {
        const issue = Number(list[1])
        return sendPage(
          [...api.comments.values()]
            .filter((c) => c.issue === issue)
            .map(({ id, body }) => ({ id, body })),
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
      const deployments = /^\/repos\/[^/]+\/[^/]+\/deployments$/.exec(url.pathname)
      const statuses = /^\/repos\/[^/]+\/[^/]+\/deployments\/(\d+)\/statuses$/.exec(url.pathname)
      const shape = ({ statuses: _, auto_merge: __, required_contexts: ___, ...d }: Deployment) => d
      if (deployments && req.method === 'POST') {
        const b = (body ?? {}) as Record<string, unknown>
        if (typeof b.ref !== 'string' || b.ref === '')
          return send(422, { message: 'Invalid request.\n\n"ref" wasn\'t supplied.' })
        if (typeof b.description === 'string' && b.description.length > 140)
          return send(422, { message: 'Validation Failed', errors: [{ field: 'description' }] })
        const environment = typeof b.environment === 'string' ? b.environment : 'production'
        const id = api.addDeployment(environment)
        const d = api.deployments.get(id)!
        Object.assign(d, {
          ref: b.ref,
          sha: /^[0-9a-f]{40}$/.test(b.ref) ? b.ref : 'f'.repeat(40),
          task: typeof b.task === 'string' ? b.task : 'deploy',
          description: typeof b.description === 'string' ? b.description : null,
          // GitHub's defaults: transient false, production only for `production`.
          transient_environment: b.transient_environment === true,
          production_environment:
            typeof b.production_environment === 'boolean'
              ? b.production_environment
              : environment === 'production',
          auto_merge: b.auto_merge,
          required_contexts: b.required_contexts,
        })
        return send(201, shape(d))
      }
      if (deployments && req.method === 'GET') {
        const environment = url.searchParams.get('environment')
        return sendPage(
          [...api.deployments.values()]
            .filter((d) => environment === null || d.environment === environment)
            .sort((a, b) => b.id - a.id)
            .map(shape),
        )
      }
      if (statuses) {
        const d = api.deployments.get(Number(statuses[1]))
        if (!d) return send(404, { message: 'Not Found' })
        if (req.method === 'GET') return sendPage([...d.statuses].reverse())
        if (req.method === 'POST') {
          const b = (body ?? {}) as Record<string, unknown>
          if (typeof b.state !== 'string' || !STATES.has(b.state))
            return send(422, { message: 'Validation Failed', errors: [{ field: 'state' }] })
          if (typeof b.description === 'string' && b.description.length > 140)
            return send(422, { message: 'Validation Failed', errors: [{ field: 'description' }] })
          const status: DeploymentStatus = {
            id: nextStatus++,
            state: b.state,
            description: typeof b.description === 'string' ? b.description : '',
            environment_url: typeof b.environment_url === 'string' ? b.environment_url : '',
            log_url: typeof b.log_url === 'string' ? b.log_url : '',
          }
          d.statuses.push(status)
          return send(201, status)
        }
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

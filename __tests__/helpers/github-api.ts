// A local stand-in for the GitHub REST API (reached through GITHUB_API_URL): issue comments only.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ApiRequest {
  method: string
  path: string
  body: unknown
}

export interface GitHubApi {
  url: string
  requests: ApiRequest[]
  comments: Map<number, { id: number; body: string; issue: number }>
  /** Answer every request with this status instead (e.g. 403 for a read-only token). */
  failWith: number | undefined
  close(): Promise<void>
}

export async function startGitHubApi(): Promise<GitHubApi> {
  let nextId = 1000
  const api: GitHubApi = {
    url: '',
    requests: [],
    comments: new Map(),
    failWith: undefined,
    close: async () => undefined,
  }
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => (raw += c.toString()))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://api')
      const body = raw ? (JSON.parse(raw) as unknown) : undefined
      api.requests.push({ method: req.method ?? '', path: url.pathname, body })
      const send = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(data))
      }
      if (api.failWith)
        return send(api.failWith, { message: 'Resource not accessible by integration' })
      const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname)
      const one = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname)
      if (list && req.method === 'GET') {
        const issue = Number(list[1])
        return send(
          200,
          [...api.comments.values()]
            .filter((c) => c.issue === issue)
            .map(({ id, body }) => ({ id, body })),
        )
      }
      if (list && req.method === 'POST') {
        const id = nextId++
        api.comments.set(id, { id, body: (body as { body: string }).body, issue: Number(list[1]) })
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

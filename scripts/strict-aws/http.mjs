// HTTP plumbing of the strict layer: reading bodies, answering in S3's and CloudFront's error
// formats, and the keep-alive connection to the upstream emulator (moto_server): forward a request
// (streamed, or with a body the layer already read), optionally rewriting the answer, or call the
// upstream for the layer's own look-ups.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { cloudfrontDocument, el, escapeXml } from './xml.mjs'

export function requestId() {
  return randomBytes(26).toString('base64url').slice(0, 52)
}

/** The whole request body. */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function send(res, status, body = '', headers = {}) {
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body)
  res.writeHead(status, {
    'x-amz-request-id': requestId().slice(0, 16),
    ...headers,
    'content-length': String(buffer.length),
  })
  res.end(buffer)
}

/** An S3 error: XML body for every method but HEAD (S3 answers HEAD errors without a body). */
export function sendS3Error(req, res, status, code, message, extra = {}) {
  const id = requestId().slice(0, 16)
  if (req.method === 'HEAD') {
    res.writeHead(status, { 'x-amz-request-id': id, 'content-length': '0' })
    res.end()
    return
  }
  const fields = Object.entries(extra)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('')
  send(
    res,
    status,
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${fields}<RequestId>${id}</RequestId><HostId>${requestId()}</HostId></Error>`,
    { 'content-type': 'application/xml', 'x-amz-request-id': id },
  )
}

/** A CloudFront error, as the API sends it (Type Sender, Code, Message, RequestId). */
export function sendCloudFrontError(res, status, code, message) {
  const id = requestId()
  const body = cloudfrontDocument(
    el('ErrorResponse', [
      el('Error', { Type: 'Sender', Code: code, Message: message }),
      el('RequestId', id),
    ]),
  )
  send(res, status, body, { 'content-type': 'text/xml', 'x-amzn-requestid': id })
}

export function sendCloudFrontXml(res, status, element, headers = {}) {
  send(res, status, cloudfrontDocument(element), {
    'content-type': 'text/xml',
    'x-amzn-requestid': requestId(),
    ...headers,
  })
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length']

/**
 * The connection to the emulator. forward() sends the client's request on (its body streamed, or the
 * given Buffer) and streams the answer back, or, with `rewrite`, reads the answer and lets the caller
 * change it. call() is a request of the layer's own, signed with a dummy SigV4 header naming the
 * service so moto knows which API it is for (moto does not check signatures).
 */
export function createUpstream(target) {
  const upstream = new URL(target)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })

  function raw({ method, path, headers, body, stream }) {
    return new Promise((resolve, reject) => {
      const outHeaders = { ...headers, host: upstream.host }
      if (body !== undefined) {
        delete outHeaders['transfer-encoding']
        outHeaders['content-length'] = String(body.length)
      }
      const request = http.request(
        { host: upstream.hostname, port: upstream.port, method, path, headers: outHeaders, agent },
        resolve,
      )
      request.on('error', reject)
      if (body !== undefined) request.end(body)
      else if (stream) stream.pipe(request)
      else request.end()
    })
  }

  function collect(response) {
    return new Promise((resolve, reject) => {
      const chunks = []
      response.on('data', (c) => chunks.push(c))
      response.on('end', () => resolve(Buffer.concat(chunks)))
      response.on('error', reject)
    })
  }

  return {
    url: upstream.origin,
    /**
     * @param {{ body?: Buffer, headers?: object, path?: string,
     *   rewrite?: (answer: { status: number, headers: object, body: Buffer }) =>
     *     ({ status: number, headers: object, body: Buffer } | undefined | Promise<...>),
     *   wantsBody?: (status: number, headers: object) => boolean }} options
     *   rewrite runs only when wantsBody (default: always) says the answer should be read.
     * @returns {Promise<number>} the status sent to the client
     */
    async forward(req, res, options = {}) {
      let response
      try {
        response = await raw({
          method: req.method,
          path: options.path ?? req.url,
          headers: options.headers ?? req.headers,
          body: options.body,
          stream: options.body === undefined ? req : undefined,
        })
      } catch (error) {
        send(res, 502, String(error))
        return 502
      }
      const status = response.statusCode ?? 502
      const read = options.rewrite && (options.wantsBody?.(status, response.headers) ?? true)
      if (!read) {
        res.writeHead(status, response.headers)
        response.on('error', () => res.destroy())
        res.on('close', () => {
          if (!response.complete) response.destroy()
        })
        response.pipe(res)
        return status
      }
      const body = await collect(response)
      const rewritten = await options.rewrite({ status, headers: { ...response.headers }, body })
      const answer = rewritten ?? { status, headers: response.headers, body }
      const headers = { ...answer.headers }
      for (const name of HOP_BY_HOP) delete headers[name]
      const head = req.method === 'HEAD'
      res.writeHead(answer.status, {
        ...headers,
        'content-length':
          head && !rewritten
            ? (response.headers['content-length'] ?? '0')
            : String(answer.body.length),
      })
      res.end(head ? undefined : answer.body)
      return answer.status
    },
    /** A request of the layer's own; resolves to { status, headers, body: Buffer }. */
    async call(service, method, path, { headers = {}, body } = {}) {
      const response = await raw({
        method,
        path,
        headers: {
          authorization: `AWS4-HMAC-SHA256 Credential=strict/20200101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`,
          'x-amz-date': '20200101T000000Z',
          ...headers,
        },
        body,
      })
      return {
        status: response.statusCode ?? 502,
        headers: response.headers,
        body: await collect(response),
      }
    },
    close() {
      agent.destroy()
    },
  }
}

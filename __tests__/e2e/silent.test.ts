// Servers that stop answering: every request gives up after request-timeout of silence, and the run ends
// in bounded time with a message that says which endpoint, which phase, and what the site still serves.
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useDeployHarness } from '../helpers/harness.js'
import { body, listKeys } from '../helpers/s3.js'
import { makeSite, removeSite, writeTree } from '../helpers/site.js'

const h = useDeployHarness({ cloudfront: false })
const { proxy, s3, deploy } = h

/** A server that accepts connections and never says a word. */
let silent: { server: net.Server; sockets: Set<net.Socket>; endpoint: string }
beforeAll(async () => {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  silent = {
    server,
    sockets,
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  }
})
afterAll(async () => {
  for (const socket of silent.sockets) socket.destroy()
  await new Promise((resolve) => silent.server.close(resolve))
})

// Six attempts of two silent seconds and the SDK's back-off between them take ~15 s; the bound is a
// correctness property (no hang), with a wide margin for a loaded machine.
const BOUND_MS = 90_000

describe('silent servers', () => {
  it('S3 silent from the start: the run ends, before any write, naming the endpoint', async () => {
    const site = await makeSite({ 'index.html': 'x', 'a.css': 'a' })
    try {
      const started = Date.now()
      const run = await deploy(
        { source: site, bucket: 'silent-bucket', 'request-timeout': '2' },
        { AWS_ENDPOINT_URL_S3: silent.endpoint }, // in place of the proxy
      )
      expect(Date.now() - started).toBeLessThan(BOUND_MS)
      expect(run.code).toBe(1)
      expect(run.errors.join('\n')).toContain(
        `S3 (${silent.endpoint}) did not answer within request-timeout (2 s) on any of its attempts, while the bucket was being read: nothing was changed, and the site still serves the previous deploy.`,
      )
    } finally {
      await removeSite(site)
    }
  }, 120_000)

  it('S3 silent partway through the uploads: the run ends, the old HTML still served, and a re-run finishes', async () => {
    const bucket = await h.bucket('silent-mid')
    const files = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [`assets/f${i}.js`, `v1 ${i}`]),
    )
    const site = await makeSite({ ...files, 'index.html': '<p>v1</p>' })
    try {
      expect((await deploy({ source: site, bucket })).code).toBe(0)
      await writeTree(site, {
        ...Object.fromEntries(Object.keys(files).map((k) => [k, `v2 ${k}`])),
        'index.html': '<p>v2</p>',
      })
      // After ten uploads, the server takes requests and never answers them.
      let puts = 0
      proxy.slowMs = 600_000
      proxy.faults = ({ method }) => (method === 'PUT' && ++puts > 10 ? 'slow' : undefined)
      const started = Date.now()
      const run = await deploy({ source: site, bucket, 'request-timeout': '2', concurrency: '4' })
      expect(Date.now() - started).toBeLessThan(BOUND_MS)
      expect(run.code).toBe(1)
      const text = run.errors.join('\n')
      expect(text).toMatch(
        /metadata and deletes did not run, so the site still serves the previous HTML/,
      )
      expect(text).toContain(
        `S3 (${proxy.endpoint}) stopped answering within request-timeout (2 s)`,
      )
      expect((await body(s3, bucket, 'index.html')).toString()).toBe('<p>v1</p>')

      proxy.faults = undefined
      const rerun = await deploy({ source: site, bucket })
      expect(rerun.code, rerun.stdout).toBe(0)
      expect((await body(s3, bucket, 'index.html')).toString()).toBe('<p>v2</p>')
      expect((await listKeys(s3, bucket)).length).toBe(62)
    } finally {
      proxy.faults = undefined
      proxy.slowMs = 2500
      await removeSite(site)
    }
  }, 180_000)

  it('CloudFront silent after the upload: the run ends, the files are live, and the next run invalidates them', async () => {
    const bucket = await h.bucket('silent-cf')
    const site = await makeSite({ 'index.html': '<p>v1</p>', 'a.css': 'a1' })
    try {
      const first = await deploy({ source: site, bucket }, {}, { cloudfront: true })
      expect(first.code, first.stdout).toBe(0)
      await writeTree(site, { 'a.css': 'a2' })
      const started = Date.now()
      const run = await deploy(
        { source: site, bucket, 'request-timeout': '2' },
        { AWS_ENDPOINT_URL_CLOUDFRONT: silent.endpoint }, // S3 through the proxy
      )
      expect(Date.now() - started).toBeLessThan(BOUND_MS)
      expect(run.code).toBe(1)
      expect(run.errors.join('\n')).toContain(
        `CloudFront (${silent.endpoint}) did not answer within request-timeout (2 s) on any of its attempts. The files are in the bucket; the distribution was not changed by this run and nothing was invalidated: the changed paths are kept in the deploy state, and the next run invalidates them.`,
      )
      expect((await body(s3, bucket, 'a.css')).toString()).toBe('a2')
      const next = await deploy({ source: site, bucket }, {}, { cloudfront: true })
      expect(next.code, next.stdout).toBe(0)
      expect(next.outputs['invalidated-paths']).toBe('1')
    } finally {
      await removeSite(site)
    }
  }, 180_000)
})

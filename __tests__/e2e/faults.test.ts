// Faults on the way to S3 and CloudFront, injected by the proxy in front of the emulator: the deploy
// survives what retries can fix, stops cleanly on what they cannot, and a re-run finishes the job.
import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { runAction } from '../helpers/action.js'
import { useDeployHarness } from '../helpers/harness.js'
import { operation, seeded, type Fault } from '../helpers/proxy.js'
import { body, readDeployState, headers, listKeys, putObject } from '../helpers/s3.js'
import { makeSite, removeSite, type Tree } from '../helpers/site.js'

const h = useDeployHarness({ cloudfront: false })
const { proxy, s3, deploy } = h

/** A site of small files, a few pages and one file big enough to go up in parts. */
function tree(seed: number, files = 30): Tree {
  const t: Tree = {
    'index.html': `<p>home ${seed}</p>`,
    'about/index.html': `<p>about ${seed}</p>`,
  }
  for (let i = 0; i < files; i++)
    t[`assets/chunk-${i}.js`] = `chunk ${i} of build ${seed} ${'x'.repeat(i * 37)}`
  t['media/big.bin'] = Buffer.concat([Buffer.from(`build ${seed}`), randomBytes(17 * 1024 * 1024)])
  return t
}

const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex')

/** The bucket holds exactly the tree (and the state), byte for byte, with the default headers. */
async function expectExactly(bucket: string, t: Tree, prefix = ''): Promise<void> {
  const keys = (await listKeys(s3, bucket, prefix))
    .map((k) => k.slice(prefix.length))
    .filter((k) => !k.startsWith('.cdn-publish/'))
  expect(keys).toEqual(Object.keys(t).sort())
  for (const [key, content] of Object.entries(t)) {
    expect(md5(await body(s3, bucket, prefix + key)), key).toBe(md5(content))
    const h = await headers(s3, bucket, prefix + key)
    expect(h.cacheControl, key).toBe(key.endsWith('.html') ? 'no-cache' : 'public, max-age=3600')
  }
}

describe('transient faults (10% of requests, seeded)', () => {
  it.each<[string, Fault]>([
    ['500 InternalError', '500'],
    ['503 SlowDown', '503'],
    ['connections reset mid-answer', 'reset'],
    ['answers slower than the client timeout', 'slow'],
  ])('%s: the deploy succeeds and the bucket matches the build exactly', async (_name, fault) => {
    const bucket = await h.bucket('fault')
    const t = tree(1)
    const site = await makeSite(t)
    const random = seeded(fault === 'slow' ? 7 : 42)
    proxy.slowMs = 2500
    proxy.faults = () => (random() < 0.1 ? fault : undefined)
    try {
      const run = await deploy({ source: site, bucket, 'request-timeout': '1' })
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(proxy.requests.filter((r) => r.fault !== undefined).length).toBeGreaterThan(0)
      proxy.faults = undefined
      await expectExactly(bucket, t)
      const again = await deploy({ source: site, bucket })
      expect(again.outputs).toMatchObject({ uploaded: '0', updated: '0', deleted: '0' })
    } finally {
      proxy.faults = undefined
      await removeSite(site)
    }
  })
})

describe('S3 throttling (503 SlowDown) with concurrency: auto', () => {
  it('5% of PUTs answered SlowDown: the deploy ends exact, and the concurrency settles lower and says why', async () => {
    const bucket = await h.bucket('slowdown')
    const t = tree(5, 400)
    const site = await makeSite(t)
    const random = seeded(5)
    proxy.faults = ({ method }) => (method === 'PUT' && random() < 0.05 ? '503' : undefined)
    try {
      const run = await deploy({ source: site, bucket })
      expect(run.code, run.stdout + run.stderr).toBe(0)
      const throttled = proxy.requests.filter((r) => r.fault === '503').length
      expect(throttled).toBeGreaterThan(5)
      proxy.faults = undefined
      await expectExactly(bucket, t)
      // Adaptive (the default): it backed off from where it started (32), and the summary says so.
      const line =
        /Requests in flight: settled on (\d+) \(concurrency: auto, started at 32[^)]*\): (.*)/.exec(
          run.summary,
        )
      expect(line, run.summary).not.toBeNull()
      expect(Number(line![1])).toBeLessThan(32)
      expect(Number(line![1])).toBeGreaterThanOrEqual(4)
      expect(line![2]).toMatch(/^S3 throttled \d+ attempt\(s\) \(503 SlowDown\), so it backed off/)
      // The log says it too.
      expect(run.stdout).toContain('Requests in flight: settled on')
      // A fixed concurrency stays as given, throttled or not.
      await removeSite(site)
      const t2 = tree(6, 60)
      const site2 = await makeSite(t2)
      proxy.faults = ({ method }) => (method === 'PUT' && random() < 0.05 ? '503' : undefined)
      const fixed = await deploy({ source: site2, bucket, concurrency: '8', 'max-deletes': '-1' })
      expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0)
      expect(fixed.summary).toContain('Requests in flight: 8 (fixed by the concurrency input).')
      proxy.faults = undefined
      await expectExactly(bucket, t2)
      await removeSite(site2)
    } finally {
      proxy.faults = undefined
      await removeSite(site).catch(() => undefined)
    }
  })
})

describe('faults retries cannot fix', () => {
  it('a file that keeps failing stops the run before metadata and deletes; a re-run sends only what is missing', async () => {
    const bucket = await h.bucket('stuck')
    const v1 = tree(1, 6)
    const site = await makeSite(v1)
    try {
      expect((await deploy({ source: site, bucket })).code).toBe(0)
      await putObject(s3, bucket, 'old.txt', 'left the build')
      const v2: Tree = {
        ...v1,
        'index.html': '<p>home 2</p>',
        'assets/chunk-1.js': 'changed',
        'assets/new.js': 'new',
      }
      await removeSite(site)
      const site2 = await makeSite(v2)
      proxy.faults = ({ method, key }) =>
        method === 'PUT' && key === 'assets/chunk-1.js' ? '500' : undefined
      const failed = await deploy({ source: site2, bucket })
      expect(failed.code).toBe(1)
      expect(failed.errors.join('\n')).toMatch(
        /1 object\(s\) failed; metadata and deletes did not run.*\n\s+upload assets\/chunk-1\.js: /s,
      )
      expect(failed.summary).toContain('`assets/chunk-1.js`')
      expect(failed.summary).toContain('Stopped while uploading new and changed files')
      expect((await body(s3, bucket, 'index.html')).toString()).toBe('<p>home 1</p>') // old HTML still served
      expect(await listKeys(s3, bucket)).toContain('old.txt') // nothing deleted
      expect((await body(s3, bucket, 'assets/new.js')).toString()).toBe('new') // the other asset went up

      proxy.faults = undefined
      const rerun = await deploy({ source: site2, bucket })
      expect(rerun.code, rerun.stdout).toBe(0)
      // What the failed run could not send, the new HTML, and last the state.
      expect(proxy.requests.filter((r) => operation(r) === 'PutObject').map((r) => r.key)).toEqual(
        expect.arrayContaining(['assets/chunk-1.js', 'index.html', '.cdn-publish/state.json']),
      )
      expect(proxy.count('PutObject')).toBe(3)
      expect(proxy.count('CopyObject')).toBe(0)
      expect(rerun.outputs).toMatchObject({ uploaded: '2', deleted: '1' })
      await expectExactly(bucket, v2)
      await removeSite(site2)
    } finally {
      proxy.faults = undefined
    }
  })

  it('a server that stops answering: the deploy stops after one round of timeouts, not one per file', async () => {
    const bucket = await h.bucket('hung')
    const t = tree(5, 40)
    delete t['media/big.bin']
    const site = await makeSite(t)
    try {
      // The listing and the state answer; every upload is held until the client gives up.
      proxy.slowMs = 2500
      proxy.faults = ({ method }) => (method === 'PUT' ? 'slow' : undefined)
      const run = await deploy({
        source: site,
        bucket,
        'request-timeout': '1',
        concurrency: '4',
      })
      proxy.faults = undefined
      expect(run.code).toBe(1)
      const puts = proxy.requests.filter((r) => r.method === 'PUT')
      // 4 files in flight, each tried once directly and 6 times by the SDK: at most 28 PUTs, where
      // waiting out every asset would take 40 files x 7 = 280.
      expect(puts.length).toBeGreaterThanOrEqual(7)
      expect(puts.length).toBeLessThanOrEqual(28)
      const failed = run.errors.join('\n')
      expect(failed).toMatch(/40 object\(s\) failed/)
      expect(failed).toMatch(/TimeoutError/)
      expect(failed).toMatch(/not sent: s3:\/\/\S+ stopped answering \(TimeoutError/)
      // Nothing of the metadata phase and no delete ran; a re-run with the server back finishes it.
      expect((await listKeys(s3, bucket)).filter((k) => k.endsWith('.html'))).toEqual([])
      const again = await deploy({ source: site, bucket })
      expect(again.code, again.stdout).toBe(0)
      await expectExactly(bucket, t)
    } finally {
      proxy.faults = undefined
      await removeSite(site)
    }
  })

  it('a run killed mid-upload, then run again, ends in the correct state', async () => {
    const bucket = await h.bucket('killed')
    const t = tree(3, 10)
    const site = await makeSite(t)
    try {
      const started = await h.startHeld(
        { source: site, bucket },
        { method: 'PUT', key: 'assets/chunk-5.js' },
      )
      started.child.kill('SIGKILL')
      const killed = await started.done
      expect(killed.code).not.toBe(0)
      expect(await listKeys(s3, bucket)).not.toContain('index.html') // metadata never went up before the assets
      proxy.faults = undefined
      const rerun = await deploy({ source: site, bucket })
      expect(rerun.code, rerun.stdout).toBe(0)
      await expectExactly(bucket, t)
    } finally {
      proxy.faults = undefined
      proxy.slowMs = 2500
      await removeSite(site)
    }
  })

  it('two runs on the same prefix at once: nothing half-written, nothing both builds have is lost', async () => {
    const bucket = await h.bucket('race')
    const a = tree(10, 12)
    const b: Tree = { ...tree(11, 12), 'only-b.txt': 'b' }
    const siteA = await makeSite(a)
    const siteB = await makeSite(b)
    try {
      const [ra, rb] = await Promise.all([
        runAction({ source: siteA, bucket }, { AWS_ENDPOINT_URL_S3: h.motoEndpoint }),
        runAction({ source: siteB, bucket }, { AWS_ENDPOINT_URL_S3: h.motoEndpoint }),
      ])
      expect([ra.code, rb.code]).toEqual([0, 0])
      const keys = (await listKeys(s3, bucket)).filter((k) => !k.startsWith('.cdn-publish/'))
      for (const key of Object.keys(a)) expect(keys, key).toContain(key)
      for (const key of keys) {
        const got = md5(await body(s3, bucket, key))
        expect([a[key] && md5(a[key]), b[key] && md5(b[key])], key).toContain(got)
      }
      const settle = await runAction(
        { source: siteA, bucket },
        { AWS_ENDPOINT_URL_S3: h.motoEndpoint },
      )
      expect(settle.code).toBe(0)
      await expectExactly(bucket, a)
    } finally {
      await removeSite(siteA)
      await removeSite(siteB)
    }
  })
})

describe('CloudFront faults through the real SDK', () => {
  it('throttled distribution creation is retried by the SDK; a failed invalidation is sent by the next run', async () => {
    const bucket = await h.bucket('cffault')
    const site = await makeSite({ 'index.html': 'v1', 'a.css': 'a1', 'b.css': 'b1' })
    const cfDeploy = (source: string) =>
      deploy({ source, bucket }, { GITHUB_RUN_ID: '5150' }, { cloudfront: true })
    let throttled = 0
    try {
      proxy.faults = ({ method, key }) =>
        method === 'POST' && key === 'distribution' && throttled++ < 2
          ? { status: 400, code: 'Throttling' }
          : undefined
      const first = await cfDeploy(site)
      expect(first.code, first.stdout).toBe(0)
      expect(throttled).toBeGreaterThanOrEqual(3)
      const id = first.outputs['distribution-id']!
      expect(id).not.toBe('')

      await removeSite(site)
      const site2 = await makeSite({ 'index.html': 'v2', 'a.css': 'a2', 'b.css': 'b1' })
      proxy.faults = ({ method, key }) =>
        method === 'POST' && key.endsWith('/invalidation')
          ? { status: 403, code: 'AccessDenied' }
          : undefined
      const denied = await cfDeploy(site2)
      expect(denied.code).toBe(1)
      expect(denied.errors.join('\n')).toMatch(
        /Could not invalidate .*AccessDenied.*cloudfront:CreateInvalidation/,
      )
      const state = (await readDeployState(s3, bucket)) as {
        pending?: string[]
      }
      expect(state.pending).toEqual(['a.css', 'index.html'])

      proxy.faults = undefined
      const next = await cfDeploy(site2)
      expect(next.code, next.stdout).toBe(0)
      expect(next.outputs).toMatchObject({ uploaded: '0', 'invalidated-paths': '3' })
      expect(next.stdout).toContain(
        'Also invalidating 2 path(s) an earlier run changed without invalidating',
      )
      const cleared = (await readDeployState(s3, bucket)) as { pending?: string[] }
      expect(cleared.pending).toBeUndefined()
      const quiet = await cfDeploy(site2)
      expect(quiet.outputs['invalidated-paths']).toBe('0')
      await removeSite(site2)
    } finally {
      proxy.faults = undefined
    }
  })
})

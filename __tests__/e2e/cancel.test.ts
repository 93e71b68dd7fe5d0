// A run that is cancelled (SIGINT, as the runner cancels a job) or killed outright after some objects
// went live: the next run still purges them from the CDN.
import {
  GetInvalidationCommand,
  ListInvalidationsCommand,
  type CloudFrontClient,
} from '@aws-sdk/client-cloudfront'
import { describe, expect, inject, it } from 'vitest'
import { runAction, startAction, type StartedAction } from '../helpers/action.js'
import { useProxy } from '../helpers/proxy.js'
import {
  cloudFrontTestClient,
  createBucket,
  readDeployState,
  testClient,
  uniqueBucket,
} from '../helpers/s3.js'
import { makeSite, removeSite, writeTree } from '../helpers/site.js'

const endpoint = inject('motoEndpoint')
// The action talks to the strict AWS layer (real AWS's answers where moto forgives); the test reads moto.
const proxy = useProxy(() => inject('awsEndpoint'))
const s3 = testClient(endpoint)
const cloudfront: CloudFrontClient = cloudFrontTestClient(endpoint)

const v1 = { 'index.html': '<p>v1</p>', 'logo.png': 'logo v1', 'app.css': 'a', 'old.txt': 'old' }

/** Every path the distribution's invalidations named, newest first. */
async function invalidatedPaths(distributionId: string): Promise<string[][]> {
  const list = await cloudfront.send(
    new ListInvalidationsCommand({ DistributionId: distributionId }),
  )
  const paths: string[][] = []
  for (const item of list.InvalidationList?.Items ?? []) {
    const got = await cloudfront.send(
      new GetInvalidationCommand({ DistributionId: distributionId, Id: item.Id }),
    )
    paths.push(got.Invalidation?.InvalidationBatch?.Paths?.Items ?? [])
  }
  return paths
}

/** Start a deploy whose upload of index.html (metadata, after the assets) is held; wait until it is. */
async function heldAtMetadata(
  inputs: Record<string, string>,
  env: Record<string, string>,
): Promise<StartedAction> {
  proxy.slowMs = 60_000
  proxy.faults = ({ method, key }) =>
    method === 'PUT' && key === 'index.html' ? 'slow' : undefined
  const started = await startAction(inputs, env)
  const deadline = Date.now() + 30_000
  while (!proxy.requests.some((r) => r.fault === 'slow')) {
    if (Date.now() > deadline) throw new Error('the held upload never arrived')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  proxy.faults = undefined
  return started
}

describe('cancelled and killed runs', () => {
  it.each([
    ['SIGKILL', 'killed outright: the next run finds the changes from the listing'],
    ['SIGINT', 'cancelled by the runner: it records them in the state before it stops'],
  ] as const)(
    '%s during "Upload metadata" (%s); logo.png, replaced in place, is purged',
    async (signal, _why) => {
      const bucket = uniqueBucket(`cancel-${signal}`.toLowerCase())
      await createBucket(s3, bucket)
      const site = await makeSite(v1)
      const env = { AWS_ENDPOINT_URL: proxy.endpoint }
      try {
        const first = await runAction({ source: site, bucket }, env)
        expect(first.code, first.stdout).toBe(0)
        const id = first.outputs['distribution-id']!
        expect(id).not.toBe('')

        await writeTree(site, { 'logo.png': 'logo v2', 'index.html': '<p>v2</p>' })
        proxy.clear()
        const started = await heldAtMetadata({ source: site, bucket }, env)
        started.child.kill(signal)
        const stopped = await started.done
        proxy.slowMs = 2500
        if (signal === 'SIGINT') {
          expect(stopped.code).toBe(130)
          expect(stopped.errors.join('\n')).toMatch(
            /Cancelled \(SIGINT\) while in the metadata phase\. 1 changed path\(s\) are recorded in the deploy state/,
          )
          expect(stopped.summary).toContain('Cancelled (SIGINT)')
          const saved = (await readDeployState(s3, bucket)) as { pending?: string[] }
          expect(saved.pending).toEqual(['logo.png'])
        } else expect(stopped.code).not.toBe(0)

        const next = await runAction({ source: site, bucket }, env)
        expect(next.code, next.stdout).toBe(0)
        expect(next.outputs.uploaded).toBe('1') // index.html; logo.png went up before the stop
        const [latest] = await invalidatedPaths(id)
        expect(latest).toEqual(expect.arrayContaining(['/logo.png', '/index.html']))
        // And the run after that has nothing left to purge.
        const quiet = await runAction({ source: site, bucket }, env)
        expect(quiet.outputs['invalidated-paths'], quiet.stdout).toBe('0')
      } finally {
        proxy.faults = undefined
        proxy.slowMs = 2500
        await removeSite(site)
      }
    },
  )
})

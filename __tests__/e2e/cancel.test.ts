// A run that is cancelled (SIGINT, as the runner cancels a job) or killed outright after some objects
// went live: the next run still purges them from the CDN.
import { describe, expect, it } from 'vitest'
import { invalidations } from '../helpers/cloudfront.js'
import { useDeployHarness } from '../helpers/harness.js'
import { readDeployState } from '../helpers/s3.js'
import { makeSite, removeSite, writeTree } from '../helpers/site.js'

const h = useDeployHarness({ cloudfront: true })
const { proxy, s3, deploy } = h

const v1 = { 'index.html': '<p>v1</p>', 'logo.png': 'logo v1', 'app.css': 'a', 'old.txt': 'old' }

describe('cancelled and killed runs', () => {
  it.each([
    ['SIGKILL', 'killed outright: the next run finds the changes from the listing'],
    ['SIGINT', 'cancelled by the runner: it records them in the state before it stops'],
  ] as const)(
    '%s during "Upload metadata" (%s); logo.png, replaced in place, is purged',
    async (signal, _why) => {
      const bucket = await h.bucket(`cancel-${signal}`.toLowerCase())
      const site = await makeSite(v1)
      try {
        const first = await deploy({ source: site, bucket })
        expect(first.code, first.stdout).toBe(0)
        const id = first.outputs['distribution-id']!
        expect(id).not.toBe('')

        await writeTree(site, { 'logo.png': 'logo v2', 'index.html': '<p>v2</p>' })
        // Held at the upload of index.html (metadata, after the assets).
        const started = await h.startHeld(
          { source: site, bucket },
          { method: 'PUT', key: 'index.html' },
        )
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

        const next = await deploy({ source: site, bucket })
        expect(next.code, next.stdout).toBe(0)
        expect(next.outputs.uploaded).toBe('1') // index.html; logo.png went up before the stop
        const [latest] = await invalidations(h.cf, id)
        expect(latest?.paths).toEqual(expect.arrayContaining(['/logo.png', '/index.html']))
        // And the run after that has nothing left to purge.
        const quiet = await deploy({ source: site, bucket })
        expect(quiet.outputs['invalidated-paths'], quiet.stdout).toBe('0')
      } finally {
        proxy.faults = undefined
        proxy.slowMs = 2500
        await removeSite(site)
      }
    },
  )
})

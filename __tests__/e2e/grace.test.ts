// delete-grace: objects that leave the build are tagged and kept, then deleted on the first run after
// the grace period; one that comes back loses its mark. The clock is injected (CDN_PUBLISH_NOW).
import { DeleteObjectCommand } from '@aws-sdk/client-s3'
import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { useDeployHarness } from '../helpers/harness.js'
import { body, listKeys, objectTags } from '../helpers/s3.js'
import { makeSite, removeSite, writeTree } from '../helpers/site.js'

const h = useDeployHarness({ cloudfront: false, inputs: { 'delete-grace': '7d' } })
const { proxy, s3 } = h

const T0 = Date.parse('2026-11-01T12:00:00.000Z')
const day = (n: number) => new Date(T0 + n * 86_400_000).toISOString()

/** A run on the injected clock. */
const deploy = (inputs: Record<string, string>, now: string) =>
  h.deploy(inputs, { CDN_PUBLISH_NOW: now })
const tags = (bucket: string, key: string) => objectTags(s3, bucket, key)

describe('delete-grace (bundled action)', () => {
  it('marks, keeps, clears and finally deletes, on the injected clock', async () => {
    const bucket = await h.bucket('grace')
    const site = await makeSite({
      'index.html': '<script src="/chunk-1a2b3c4d.js">',
      'chunk-1a2b3c4d.js': 'old chunk',
      'keep.css': 'k',
    })
    try {
      expect((await deploy({ source: site, bucket }, day(0))).code).toBe(0)

      // day 1: a new build no longer has the old chunk: marked, not deleted
      await fs.rm(path.join(site, 'chunk-1a2b3c4d.js'))
      await writeTree(site, {
        'index.html': '<script src="/chunk-9f8e7d6c.js">',
        'chunk-9f8e7d6c.js': 'new chunk',
      })
      const d1 = await deploy({ source: site, bucket }, day(1))
      expect(d1.code, d1.stdout).toBe(0)
      expect(d1.outputs.deleted).toBe('0')
      expect((await body(s3, bucket, 'chunk-1a2b3c4d.js')).toString()).toBe('old chunk')
      expect(await tags(bucket, 'chunk-1a2b3c4d.js')).toEqual({ 'cdn-publish-removed-at': day(1) })
      expect(d1.summary).toMatch(
        new RegExp(`chunk-1a2b3c4d\\.js\` \\| ${day(8).replace(/[.]/g, '\\.')}`),
      )
      expect(d1.stdout).toContain(`deleted after ${day(8)}`)

      // day 3: nothing new: no tagging requests, the object stays
      const d3 = await deploy({ source: site, bucket }, day(3))
      expect(d3.outputs.deleted).toBe('0')
      expect(proxy.ops().filter((op) => op !== 'ListObjectsV2' && op !== 'GetObject')).toEqual([])

      // the deploy state is lost: the mark's time is read back from the tag, not restarted
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: '.cdn-publish/state.json' }))
      const lost = await deploy({ source: site, bucket }, day(5))
      expect(lost.code).toBe(0)
      expect(lost.stdout).toContain(`deleted after ${day(8)}`)

      // day 9: the grace is over: deleted
      const d9 = await deploy({ source: site, bucket }, day(9))
      expect(d9.outputs.deleted).toBe('1')
      expect(await listKeys(s3, bucket)).not.toContain('chunk-1a2b3c4d.js')
    } finally {
      await removeSite(site)
    }
  })

  it('an object that comes back into the build loses its mark', async () => {
    const bucket = await h.bucket('back')
    const site = await makeSite({ 'index.html': 'x', 'logo.png': 'png' })
    try {
      expect((await deploy({ source: site, bucket }, day(0))).code).toBe(0)
      await fs.rm(path.join(site, 'logo.png'))
      expect((await deploy({ source: site, bucket }, day(1))).code).toBe(0)
      expect(await tags(bucket, 'logo.png')).toEqual({ 'cdn-publish-removed-at': day(1) })
      await writeTree(site, { 'logo.png': 'png' })
      const back = await deploy({ source: site, bucket }, day(2))
      expect(back.outputs).toMatchObject({ uploaded: '0', deleted: '0' })
      expect(back.stdout).toContain('unmark  logo.png (back in the build)')
      expect(await tags(bucket, 'logo.png')).toEqual({})
      // removed again much later: a fresh mark, not the old one
      await fs.rm(path.join(site, 'logo.png'))
      const again = await deploy({ source: site, bucket }, day(30))
      expect(again.outputs.deleted).toBe('0')
      expect(await tags(bucket, 'logo.png')).toEqual({ 'cdn-publish-removed-at': day(30) })
    } finally {
      await removeSite(site)
    }
  })
})

// Over HTTPS (the recording proxy terminates TLS with a test certificate the action is told to trust):
// file content goes up with an unsigned payload (TLS and Content-MD5 protect it), small files by the
// direct PUT path, and the bucket ends up byte for byte the build.
import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useDeployHarness } from '../helpers/harness.js'
import { operation } from '../helpers/proxy.js'
import { body, headers, listKeys } from '../helpers/s3.js'
import { makeSite, removeSite } from '../helpers/site.js'

const h = useDeployHarness({ cloudfront: false, tls: true })
const { proxy, s3, deploy } = h

describe('publish over HTTPS', () => {
  it('sends file content unsigned (UNSIGNED-PAYLOAD), small files directly, and every byte arrives', async () => {
    const bucket = await h.bucket('tls')
    const big = randomBytes(17 * 1024 * 1024) // over the multipart threshold: parts through the SDK
    const tree = {
      'index.html': '<!doctype html><title>tls</title>',
      'assets/app.3f2a9c1b.js': 'console.log(1)',
      'data/a.json': '{"a":1}',
      'big.bin': big,
    }
    const dir = await makeSite(tree)
    try {
      expect(proxy.endpoint).toMatch(/^https:/)
      // The harness has the action trust the test certificate (NODE_EXTRA_CA_CERTS).
      const run = await deploy({ source: dir, bucket })
      expect(run.code, run.stdout + run.stderr).toBe(0)
      const content = proxy.requests.filter((r) =>
        ['PutObject', 'UploadPart'].includes(operation(r)),
      )
      const state = content.filter((r) => r.key.startsWith('.cdn-publish/'))
      const files = content.filter((r) => !r.key.startsWith('.cdn-publish/'))
      expect(
        files
          .map((r) => r.key)
          .filter((k) => k !== 'big.bin')
          .sort(),
      ).toEqual(['assets/app.3f2a9c1b.js', 'data/a.json', 'index.html'])
      for (const r of files)
        expect(r.headers['x-amz-content-sha256'], r.key).toBe('UNSIGNED-PAYLOAD')
      // The first small file and every part through the SDK's commands (which mark their requests);
      // the small files after it through the PUT transport (the SDK's signer and handler), over TLS too.
      const small = files.filter((r) => operation(r) === 'PutObject')
      expect(small).toHaveLength(3)
      // (Those sent before the first answer came back go through the SDK too.)
      expect(
        small.filter((r) => r.headers['amz-sdk-invocation-id'] !== undefined).length,
      ).toBeGreaterThanOrEqual(1)
      for (const r of files.filter((f) => operation(f) === 'UploadPart'))
        expect(r.headers['amz-sdk-invocation-id'], r.key).toBeDefined()
      for (const r of small)
        expect(r.headers['authorization'], r.key).toMatch(/^AWS4-HMAC-SHA256 Credential=testing\//)
      expect(files.filter((r) => operation(r) === 'UploadPart')).toHaveLength(3)
      // The state object too: every body sent unsigned carries the Content-MD5 S3 checks it against.
      expect(state).toHaveLength(1)
      for (const r of content) {
        expect(r.headers['x-amz-content-sha256'], r.key).toBe('UNSIGNED-PAYLOAD')
        expect(r.headers['content-md5'], r.key).toMatch(/^[A-Za-z0-9+/]{22}==$/)
      }

      expect(await listKeys(s3, bucket)).toEqual([
        '.cdn-publish/state.json',
        'assets/app.3f2a9c1b.js',
        'big.bin',
        'data/a.json',
        'index.html',
      ])
      for (const [key, bytes] of Object.entries(tree))
        expect(
          createHash('md5')
            .update(await body(s3, bucket, key))
            .digest('hex'),
          key,
        ).toBe(createHash('md5').update(bytes).digest('hex'))
      expect((await headers(s3, bucket, 'index.html')).cacheControl).toBe('no-cache')
    } finally {
      await removeSite(dir)
    }
  })
})

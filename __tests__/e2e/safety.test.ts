// Nothing is published that should not be: credentials-looking files held back, no ACLs, no secret in
// the log or the summary, even with step debugging on.
import { describe, expect, it } from 'vitest'
import { runAction } from '../helpers/action.js'
import { useDeployHarness } from '../helpers/harness.js'
import { operation } from '../helpers/proxy.js'
import { createBucket, listKeys, uniqueBucket } from '../helpers/s3.js'
import { makeSite, removeSite } from '../helpers/site.js'

const h = useDeployHarness({ cloudfront: false })
const { proxy, s3, deploy } = h

const build = {
  'index.html': 'home',
  'app.js': 'app',
  '.env': 'API_KEY=1',
  '.env.production': 'API_KEY=2',
  '.npmrc': '//registry.npmjs.org/:_authToken=abc',
  '.git/config': '[core]',
  'deploy/id_rsa': '-----BEGIN OPENSSH PRIVATE KEY-----',
  'deploy/id_ed25519.pub': 'ssh-ed25519 AAAA',
  'certs/server.pem': '-----BEGIN CERTIFICATE-----',
  'certs/server.key': '-----BEGIN PRIVATE KEY-----',
  'infra/terraform.tfstate': '{}',
}

describe('what is never published', () => {
  it('holds back files that look like credentials and says so; a literal include publishes them', async () => {
    const bucket = await h.bucket('secrets')
    const site = await makeSite(build)
    try {
      const run = await deploy({ source: site, bucket })
      expect(run.code, run.stdout).toBe(0)
      expect((await listKeys(s3, bucket)).filter((k) => !k.startsWith('.cdn-publish/'))).toEqual([
        'app.js',
        'index.html',
      ])
      const warning = run.warnings.find((w) => w.startsWith('Held back'))
      expect(warning).toBeDefined()
      for (const key of [
        '.env',
        '.env.production',
        '.npmrc',
        'deploy/id_rsa',
        'deploy/id_ed25519.pub',
        'certs/server.pem',
        'certs/server.key',
        'infra/terraform.tfstate',
      ])
        expect(warning, key).toContain(key)
      // no ACL on any write: buckets with ACLs disabled work, and nothing is made public
      for (const r of proxy.requests.filter((r) =>
        ['PutObject', 'CopyObject', 'CreateMultipartUpload'].includes(operation(r)),
      ))
        expect(r.headers['x-amz-acl'], r.key).toBeUndefined()

      const explicit = await runAction(
        // only a literal file name publishes a credential-like file (`**/*.pem` would not)
        { source: site, bucket, include: '**\ncerts/server.pem' },
        { AWS_ENDPOINT_URL_S3: h.motoEndpoint },
      )
      expect(explicit.code).toBe(0)
      expect(await listKeys(s3, bucket)).toContain('certs/server.pem')
      expect(await listKeys(s3, bucket)).not.toContain('certs/server.key')
    } finally {
      await removeSite(site)
    }
  })

  it('no credential or token reaches the log or the summary, even with step debugging and a failure', async () => {
    const site = await makeSite({ 'index.html': 'x' })
    const secrets = {
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLESECRETID1',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMIsecretKEYexampleKEY0123456',
      AWS_SESSION_TOKEN: 'FwoGZXIvYXdzSESSIONTOKENexample1234567890',
    }
    try {
      for (const bucket of [uniqueBucket('creds'), uniqueBucket('missing-bucket')]) {
        if (bucket.includes('creds')) await createBucket(s3, bucket)
        const run = await runAction(
          { source: site, bucket, 'github-token': 'ghs_supersecrettoken123' },
          {
            AWS_ENDPOINT_URL_S3: h.motoEndpoint,
            ACTIONS_STEP_DEBUG: 'true',
            RUNNER_DEBUG: '1',
            ...secrets,
          },
        )
        const everything =
          run.stdout.replace(/^::add-mask::.*$/gm, '') +
          run.stderr +
          run.summary +
          JSON.stringify(run.outputs)
        for (const value of [...Object.values(secrets), 'ghs_supersecrettoken123'])
          expect(everything).not.toContain(value)
      }
    } finally {
      await removeSite(site)
    }
  })
})

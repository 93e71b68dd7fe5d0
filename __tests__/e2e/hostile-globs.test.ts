// Globs that used to hurt: catch-all includes that published credentials, and globs whose regular
// expressions backtracked for minutes. The bundled action, run as the runner runs it.
import { describe, expect, it } from 'vitest'
import { useDeployHarness } from '../helpers/harness.js'
import { listKeys } from '../helpers/s3.js'
import { makeSite, removeSite } from '../helpers/site.js'

const h = useDeployHarness({ cloudfront: false })
const { s3, deploy } = h

const credentials = {
  '.env': 'API_KEY=1',
  '.env.local': 'API_KEY=2',
  'PROD.ENV': 'API_KEY=3',
  '.npmrc': '//registry.npmjs.org/:_authToken=abc',
  'deploy/id_rsa': '-----BEGIN OPENSSH PRIVATE KEY-----',
  'deploy/ID_ED25519': '-----BEGIN OPENSSH PRIVATE KEY-----',
  'certs/server.pem': '-----BEGIN CERTIFICATE-----',
  'certs/Server.KEY': '-----BEGIN PRIVATE KEY-----',
  'infra/terraform.tfstate': '{}',
  'infra/prod.tfvars': 'password = "x"',
  'config/credentials.json': '{}',
  'config/service-account-ci.json': '{}',
  'keys/putty.ppk': 'PuTTY-User-Key-File-3',
  kubeconfig: 'apiVersion: v1',
  '.git/config': '[core]',
  '.aws/credentials': '[default]',
}
const site = {
  'index.html': 'home',
  'app.js': 'app',
  'app.js.map': '{}',
  'docs/page.html': 'page',
  'KEY.asc': '-----BEGIN PGP PUBLIC KEY BLOCK-----',
  ...credentials,
}
const published = async (bucket: string) =>
  (await listKeys(s3, bucket)).filter((k) => !k.startsWith('.cdn-publish/'))

describe('catch-all includes publish no credentials', () => {
  it.each([
    ['**/!(*.map)', ['KEY.asc', 'app.js', 'docs/page.html', 'index.html']],
    ['**/{*,.*}', ['KEY.asc', 'app.js', 'app.js.map', 'docs/page.html', 'index.html']],
    ['**/@(*)', ['KEY.asc', 'app.js', 'app.js.map', 'docs/page.html', 'index.html']],
  ])('include %s publishes the site and none of its credentials', async (include, expected) => {
    const bucket = await h.bucket('catch-all')
    const dir = await makeSite(site)
    try {
      const run = await deploy({ source: dir, bucket, include })
      expect(run.code, run.stdout).toBe(0)
      expect(await published(bucket)).toEqual(expected)
    } finally {
      await removeSite(dir)
    }
  })

  it('a literal include publishes exactly the credential file it names', async () => {
    const bucket = await h.bucket('literal')
    const dir = await makeSite(site)
    try {
      const include = '**\ncerts/server.pem\n.well-known/security.txt'
      const run = await deploy({ source: dir, bucket, include })
      expect(run.code, run.stdout).toBe(0)
      expect(await published(bucket)).toEqual([
        'KEY.asc',
        'app.js',
        'app.js.map',
        'certs/server.pem',
        'docs/page.html',
        'index.html',
      ])
    } finally {
      await removeSite(dir)
    }
  })
})

describe('pathological globs', () => {
  it('exclude and cache-control rules that backtracked for minutes: the deploy finishes normally', async () => {
    const bucket = await h.bucket('pathological')
    const stars = `${'*a'.repeat(20)}*b`
    const files: Record<string, string> = { 'index.html': 'home' }
    for (let k = 0; k < 300; k++)
      files[`assets/${k % 5}/${'a'.repeat(150)}-${'x-'.repeat(30)}${k}.${k % 2 ? 'css' : 'js'}`] =
        `${k}`
    const dir = await makeSite(files)
    try {
      const start = performance.now()
      const run = await deploy({
        source: dir,
        bucket,
        exclude: `${stars}\n**/${stars}\n*-*-*-*-*-*.csv`,
        'cache-control': `*-*-*-*-*-*.css: public, max-age=60\n${stars}: no-store`,
        metadata: stars,
      })
      const seconds = (performance.now() - start) / 1000
      expect(run.code, run.stdout).toBe(0)
      expect(await published(bucket)).toHaveLength(301)
      // a correctness bound (the regular expressions ran past two minutes), not a benchmark
      expect(seconds).toBeLessThan(45)
    } finally {
      await removeSite(dir)
    }
  })
})

// Private content through the bundled action on the emulator: public keys and key groups registered
// once, signed access switched on and off through the update path, keys rotated, URLs signed so that
// the public key verifies them.
import {
  GetDistributionConfigCommand,
  ListKeyGroupsCommand,
  ListPublicKeysCommand,
} from '@aws-sdk/client-cloudfront'
import { generateKeyPairSync, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useDeployHarness } from '../helpers/harness.js'

const h = useDeployHarness({
  cloudfront: true,
  site: {
    'index.html': 'downloads',
    'dist/app-1.2.3.tar.gz': 'tarball',
    'repo/dists/stable/Release': 'index',
  },
  inputs: { prefix: 'private' },
  env: { GITHUB_RUN_ID: '8080' },
})
const { proxy, cf, deploy } = h

function rsa() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
}
const first = rsa()
const second = rsa()

/** CloudFront's URL-safe base64 back to standard base64. */
const unsafe = (s: string) => s.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/')

function verifySigned(
  url: string,
  publicKey: string,
): { resource: string; expires: number; keyPairId: string } {
  const u = new URL(url)
  const keyPairId = u.searchParams.get('Key-Pair-Id')!
  const signature = Buffer.from(unsafe(u.searchParams.get('Signature')!), 'base64')
  const resource = `${u.origin}${u.pathname}`
  let policy: string
  let expires: number
  if (u.searchParams.has('Policy')) {
    policy = Buffer.from(unsafe(u.searchParams.get('Policy')!), 'base64').toString()
    const statement = (
      JSON.parse(policy) as {
        Statement: Array<{
          Resource: string
          Condition: { DateLessThan: { 'AWS:EpochTime': number } }
        }>
      }
    ).Statement[0]!
    expires = statement.Condition.DateLessThan['AWS:EpochTime']
    return {
      resource: statement.Resource,
      expires,
      keyPairId,
      ...(verify('RSA-SHA1', Buffer.from(policy), publicKey, signature) ? {} : fail()),
    }
  }
  expires = Number(u.searchParams.get('Expires'))
  policy = JSON.stringify({
    Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': expires } } }],
  })
  if (!verify('RSA-SHA1', Buffer.from(policy), publicKey, signature)) fail()
  return { resource, expires, keyPairId }
}
function fail(): never {
  throw new Error('the signature does not verify with the public key')
}

async function trusted(distributionId: string) {
  const { DistributionConfig } = await cf.send(
    new GetDistributionConfigCommand({ Id: distributionId }),
  )
  return DistributionConfig?.DefaultCacheBehavior?.TrustedKeyGroups
}

describe('signed access (bundled action)', () => {
  it('registers the key once, trusts its group, signs URLs the public key verifies, never logs the private key', async () => {
    const bucket = await h.bucket('signed')
    const inputs = {
      'viewer-access': 'signed',
      'public-key': first.publicKey,
      'private-key': first.privateKey,
      'sign-paths': 'dist/app-1.2.3.tar.gz\ndist/*',
      'sign-expires': '7d',
    }
    const run = await deploy({ bucket, ...inputs })
    expect(run.code, run.stdout).toBe(0)
    const keyGroupId = run.outputs['key-group-id']!
    const publicKeyId = run.outputs['public-key-id']!
    expect(keyGroupId).not.toBe('')
    expect(await trusted(run.outputs['distribution-id']!)).toEqual({
      Enabled: true,
      Quantity: 1,
      Items: [keyGroupId],
    })

    const urls = JSON.parse(run.outputs['signed-urls']!) as Record<string, string>
    expect(Object.keys(urls)).toEqual(['dist/app-1.2.3.tar.gz', 'dist/*'])
    // the distribution serves the prefix as its origin path: the site root is /
    const base = `https://${run.outputs['cdn-domain']}/`
    expect(run.outputs.url).toBe(base)
    const canned = verifySigned(urls['dist/app-1.2.3.tar.gz']!, first.publicKey)
    expect(canned).toMatchObject({
      resource: `${base}dist/app-1.2.3.tar.gz`,
      keyPairId: publicKeyId,
    })
    const week = Date.now() / 1000 + 7 * 86400
    expect(Math.abs(canned.expires - week)).toBeLessThan(120)
    const wildcard = verifySigned(urls['dist/*']!, first.publicKey)
    expect(wildcard).toMatchObject({ resource: `${base}dist/*`, keyPairId: publicKeyId })
    expect(() => verifySigned(urls['dist/*']!, second.publicKey)).toThrow(/does not verify/)

    const secretLines = first.privateKey.split('\n').filter((l) => l && !l.startsWith('-----'))
    const visible = run.stdout.replace(/^::add-mask::.*$/gm, '') + run.stderr + run.summary
    for (const line of secretLines) expect(visible).not.toContain(line)
    for (const url of Object.values(urls)) expect(visible).not.toContain(url)

    const again = await deploy({ bucket, ...inputs })
    expect(again.code).toBe(0)
    expect(again.outputs['key-group-id']).toBe(keyGroupId)
    expect(
      proxy.requests
        .filter((r) => r.method === 'POST' || r.method === 'PUT')
        .map((r) => r.path)
        .filter((p) => p.startsWith('/2020-05-31/')),
    ).toEqual([])
    expect(
      (await cf.send(new ListPublicKeysCommand({}))).PublicKeyList?.Items?.filter(
        (k) => k.Id === publicKeyId,
      ),
    ).toHaveLength(1)
  })

  it('rotation: a new key joins the group beside the old one; public switches the trust off', async () => {
    const bucket = await h.bucket('rotate')
    const one = await deploy({ bucket, 'viewer-access': 'signed', 'public-key': first.publicKey })
    expect(one.code, one.stdout).toBe(0)
    const id = one.outputs['distribution-id']!
    const rotated = await deploy({
      bucket,
      'viewer-access': 'signed',
      'public-key': `${first.publicKey}\n${second.publicKey}`,
      'private-key': second.privateKey,
      'sign-paths': 'index.html',
    })
    expect(rotated.code, rotated.stdout).toBe(0)
    const group = rotated.outputs['key-group-id']!
    expect(group).not.toBe(one.outputs['key-group-id'])
    expect(await trusted(id)).toEqual({ Enabled: true, Quantity: 1, Items: [group] })
    const groups = await cf.send(new ListKeyGroupsCommand({}))
    const items = groups.KeyGroupList?.Items?.find((g) => g.KeyGroup?.Id === group)?.KeyGroup
      ?.KeyGroupConfig?.Items
    expect(items).toHaveLength(2)
    expect(items).toContain(one.outputs['public-key-id'])
    expect(items).toContain(rotated.outputs['public-key-id'])
    expect(
      verifySigned(JSON.parse(rotated.outputs['signed-urls']!)['index.html'], second.publicKey)
        .keyPairId,
    ).toBe(rotated.outputs['public-key-id'])

    const open = await deploy({ bucket, 'viewer-access': 'public' })
    expect(open.code, open.stdout).toBe(0)
    expect((await trusted(id))?.Enabled).toBe(false)
    expect(open.stdout).toMatch(
      /Changing viewer access of \S+: signed \(key groups \S+\) -> public/,
    )
  })

  it('a malformed private key fails before any request, without showing it', async () => {
    const bucket = await h.bucket('badkey')
    const broken = first.privateKey.replace(/[A-Za-z]{10}/, 'XXXXXXXXXX')
    const run = await deploy({
      bucket,
      'viewer-access': 'signed',
      'public-key': first.publicKey,
      'private-key': broken,
      'sign-paths': 'index.html',
    })
    expect(run.code).toBe(1)
    expect(run.errors.join('\n')).toMatch(
      /Input 'private-key' has an invalid value "\(hidden\)": it is not a PEM private key/,
    )
    expect(proxy.requests).toEqual([])
    const other = await deploy({
      bucket,
      'viewer-access': 'signed',
      'public-key': first.publicKey,
      'private-key': second.privateKey,
    })
    expect(other.errors.join('\n')).toMatch(
      /Input 'private-key'.*does not belong to any key in public-key/,
    )
    expect(proxy.requests).toEqual([])
  })
})

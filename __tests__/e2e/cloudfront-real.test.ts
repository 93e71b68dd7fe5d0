// CloudFront as it really answers (the strict layer): creates whose answer was lost and are retried into
// 409 AlreadyExists, an alias another account holds, limits on tags and comments, and the clean-up
// of functions a rotation left unused. Each through the bundle, with the inputs as the runner fills them.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import {
  ListFunctionsCommand,
  ListKeyGroupsCommand,
  ListOriginAccessControlsCommand,
  ListPublicKeysCommand,
} from '@aws-sdk/client-cloudfront'
import { describe, expect, it } from 'vitest'
import { CERT } from '../helpers/cloudfront.js'
import { useDeployHarness } from '../helpers/harness.js'

const h = useDeployHarness({
  cloudfront: true,
  site: { 'index.html': '<p>home</p>', 'a.css': 'a' },
})
const { proxy, deploy } = h
// Read through the layer: it keeps what moto lacks (functions, their stages).
const cf = h.strictCf

/** A fresh label, so that names derived from it (functions, keys) are new to the shared layer. */
const fresh = () => randomBytes(3).toString('hex')

async function functionNames(): Promise<string[]> {
  const list = await cf.send(new ListFunctionsCommand({}))
  return (list.FunctionList?.Items ?? []).map((f) => f.Name!)
}

describe('CloudFront as it really answers', () => {
  it('creates whose answer was lost are retried into 409 AlreadyExists and read back: one of each', async () => {
    const bucket = await h.bucket('lost')
    const root = `previews-${fresh()}`
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({
      type: 'spki',
      format: 'pem',
    }) as string
    // The first create of each named resource is done upstream, and its answer cut off.
    const cut = new Set<string>()
    const named = /^(origin-access-control|function|public-key|key-group)$/
    proxy.faults = ({ method, key: path }) => {
      if (method !== 'POST' || !named.test(path) || cut.has(path)) return undefined
      cut.add(path)
      return 'reset'
    }
    try {
      const run = await deploy({
        bucket,
        'preview-prefix': `${root}/pr-{number}`,
        'viewer-access': 'signed',
        'public-key': key,
      })
      expect(run.code, run.stdout).toBe(0)
      expect([...cut].sort()).toEqual([
        'function',
        'key-group',
        'origin-access-control',
        'public-key',
      ])
      const oacs = await cf.send(new ListOriginAccessControlsCommand({}))
      expect(
        oacs.OriginAccessControlList?.Items?.filter((o) => o.Name === `cdn-publish-${bucket}`),
      ).toHaveLength(1)
      const keys = await cf.send(new ListPublicKeysCommand({}))
      const body = key.split('\n')[1]!
      const mine = keys.PublicKeyList?.Items?.filter((k) => k.EncodedKey?.includes(body))
      expect(mine).toHaveLength(1)
      const groups = await cf.send(new ListKeyGroupsCommand({}))
      expect(
        groups.KeyGroupList?.Items?.filter((g) =>
          g.KeyGroup?.KeyGroupConfig?.Items?.includes(mine![0]!.Id!),
        ),
      ).toHaveLength(1)
      expect(run.outputs['key-group-id']).not.toBe('')
    } finally {
      proxy.faults = undefined
    }
  })

  it('an alias a distribution of another account holds: refused, naming the holder', async () => {
    const bucket = await h.bucket('alias')
    const alias = `www-${fresh()}.example.com`
    const admin = await fetch(`${h.awsEndpoint}/strict-api/foreign-aliases`, {
      method: 'POST',
      body: JSON.stringify({ alias, distributionId: 'E3OTHERACCOUNT', accountId: '210987654321' }),
    })
    expect(admin.status).toBe(200)
    // A distribution of this account first (ListConflictingAliases needs one to ask about).
    const first = await deploy({ bucket, 'certificate-arn': CERT })
    expect(first.code, first.stdout).toBe(0)
    const run = await deploy({ bucket, aliases: alias, 'certificate-arn': CERT })
    expect(run.code).toBe(1)
    const text = run.errors.join('\n')
    expect(text).toContain(
      `An alias is already in use by another CloudFront distribution (CNAMEAlreadyExists) among ${alias}`,
    )
    // ListConflictingAliases masks the holder, as CloudFront does.
    expect(text).toContain(`Held by: ${alias} (distribution ********CCOUNT, account ******654321)`)
  })

  it('a prefix and a preview domain at the limits still make valid tags and comments', async () => {
    const bucket = await h.bucket('limits')
    // "~", "(" and ")" are outside the tag pattern; a 55-character preview domain made the viewer
    // function's Comment pass 128 characters.
    const domain = `pr-previews-for-the-documentation-site-${fresh()}.example.com`
    expect(domain.length).toBeGreaterThanOrEqual(55)
    const run = await deploy({
      bucket,
      prefix: '~team/docs (beta)',
      'preview-domain': domain,
      'certificate-arn': CERT,
    })
    expect(run.code, run.stdout).toBe(0)
    const again = await deploy({
      bucket,
      prefix: '~team/docs (beta)',
      'preview-domain': domain,
      'certificate-arn': CERT,
    })
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs['distribution-id']).toBe(run.outputs['distribution-id'])
  })

  it('functions a rotation left unused are removed once settled; the live and the previous stay', async () => {
    const bucket = await h.bucket('prune')
    const root = `p-${fresh()}`
    // The plain viewer-request function, whose options (pretty-urls, spa) each make a new one; the
    // site functions are cleaned up by the same code (by name and comment).
    const inputs = { bucket, 'preview-prefix': `${root}/pr-{number}`, 'site-behaviour': 'false' }
    const names: string[] = []
    const before = new Set(await functionNames())
    const newName = async () => {
      const created = (await functionNames()).filter((n) => !before.has(n) && !names.includes(n))
      expect(created).toHaveLength(1)
      names.push(created[0]!)
    }
    expect((await deploy(inputs)).code).toBe(0)
    await newName()
    expect((await deploy({ ...inputs, 'pretty-urls': 'false' })).code).toBe(0)
    await newName()
    // Two hours on: the first function is neither live nor the previous one, and old enough.
    const later = new Date(Date.now() + 2 * 3600_000).toISOString()
    const third = await deploy({ ...inputs, spa: 'true' }, { CDN_PUBLISH_NOW: later })
    expect(third.code, third.stdout).toBe(0)
    await newName()
    const left = await functionNames()
    expect(left).not.toContain(names[0])
    expect(left).toContain(names[1])
    expect(left).toContain(names[2])
  })
})

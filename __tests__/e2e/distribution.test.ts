// The bundled action creating, finding and updating a CloudFront distribution on the emulator.
import {
  CreateDistributionCommand,
  DescribeFunctionCommand,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  ListCachePoliciesCommand,
  UpdateDistributionCommand,
  ListDistributionsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-cloudfront'
import {
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3'
import { beforeEach, describe, expect, it } from 'vitest'
import { CERT } from '../helpers/cloudfront.js'
import { useDeployHarness } from '../helpers/harness.js'
import { operation } from '../helpers/proxy.js'
import { headers, listKeys, readDeployState, uniqueBucket } from '../helpers/s3.js'
import { makeSite, removeSite } from '../helpers/site.js'

const h = useDeployHarness({
  cloudfront: true,
  site: { 'index.html': '<p>home</p>', 'assets/app.1a2b3c4d.js': 'app()' },
  env: { GITHUB_RUN_ID: '777' },
})
const { proxy, s3, cf, deploy, cloudFrontCalls } = h

async function distributionsFor(comment: string) {
  const list = await cf.send(new ListDistributionsCommand({}))
  const ids = (list.DistributionList?.Items ?? []).map((d) => d.Id!)
  const found = []
  for (const id of ids) {
    const { DistributionConfig } = await cf.send(new GetDistributionConfigCommand({ Id: id }))
    if (DistributionConfig?.Comment === comment) found.push({ id, config: DistributionConfig })
  }
  return found
}

async function policy(bucket: string) {
  const response = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))
  return JSON.parse(response.Policy!) as { Statement: Array<Record<string, unknown>> }
}

describe('CloudFront distribution (bundled action)', () => {
  let bucket: string
  beforeEach(async () => {
    bucket = await h.bucket('cdn')
  })

  it('creates one distribution with the requested shape, then a re-run creates and changes nothing', async () => {
    const other = {
      Sid: 'LogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${bucket}/logs/*`,
    }
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: bucket,
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [other] }),
      }),
    )
    const inputs = {
      bucket,
      prefix: 'site',
      aliases: 'WWW.Example.com, example.com',
      'certificate-arn': CERT,
      tags: 'team=web',
    }
    const first = await deploy(inputs)
    expect(first.code, first.stdout).toBe(0)
    const mine = await distributionsFor(`cdn-publish s3://${bucket}/site`)
    expect(mine).toHaveLength(1)
    const { id, config } = mine[0]!
    expect(first.outputs['distribution-id']).toBe(id)
    expect(first.outputs['cdn-domain']).toMatch(/^[a-z0-9]+\.cloudfront\.net$/)
    expect(first.outputs.url).toBe('https://www.example.com/')
    expect(config.Aliases?.Items).toEqual(['www.example.com', 'example.com'])
    expect(config.DefaultRootObject).toBe('index.html')
    expect(config.PriceClass).toBe('PriceClass_100')
    expect(config.Origins?.Items?.[0]).toMatchObject({
      DomainName: `${bucket}.s3.us-east-1.amazonaws.com`,
      OriginPath: '/site',
    })
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
    })
    expect(config.ViewerCertificate).toMatchObject({
      ACMCertificateArn: CERT,
      SSLSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    })
    const arn = (await cf.send(new GetDistributionCommand({ Id: id }))).Distribution!.ARN!
    const tags = await cf.send(new ListTagsForResourceCommand({ Resource: arn }))
    expect(Object.fromEntries((tags.Tags?.Items ?? []).map((t) => [t.Key, t.Value]))).toEqual({
      team: 'web',
      'cdn-publish:origin': `s3://${bucket}/site`,
    })
    // As real CloudFront (the strict layer) answers: the action's cache policy and its two site
    // functions, each reading the site's KeyValueStore, read back through the layer (moto alone drops
    // function associations).
    const strict = h.strictCf
    const served = (await strict.send(new GetDistributionConfigCommand({ Id: id })))
      .DistributionConfig!
    const policies = await strict.send(new ListCachePoliciesCommand({ Type: 'custom' }))
    const own = policies.CachePolicyList?.Items?.find(
      (p) => p.CachePolicy?.CachePolicyConfig?.Name === 'cdn-publish-honour-origin-cache-control',
    )
    expect(served.DefaultCacheBehavior?.CachePolicyId).toBe(own?.CachePolicy?.Id)
    const associations = served.DefaultCacheBehavior?.FunctionAssociations?.Items ?? []
    expect(associations.map((a) => a.EventType).sort()).toEqual([
      'viewer-request',
      'viewer-response',
    ])
    for (const a of associations) {
      expect(a.FunctionARN).toMatch(/:function\/cdn-publish-[0-9a-f]+$/)
      const name = a.FunctionARN!.split('/').pop()!
      const described = await strict.send(
        new DescribeFunctionCommand({ Name: name, Stage: 'LIVE' }),
      )
      const stores =
        described.FunctionSummary?.FunctionConfig?.KeyValueStoreAssociations?.Items ?? []
      expect(stores.map((k) => k.KeyValueStoreARN)).toEqual([
        expect.stringMatching(/:key-value-store\//),
      ])
    }
    expect(served.Origins?.Items?.[0]?.OriginAccessControlId).toMatch(/\S/)
    expect(first.warnings).toEqual([])

    const statements = (await policy(bucket)).Statement
    expect(statements[0]).toEqual(other)
    const read = statements.find((s) => s.Sid === `CdnPublishRead${id}`)
    expect(read).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${bucket}/site/*`,
    })
    expect(JSON.stringify(read!.Condition)).toContain(id)
    expect(statements).toHaveLength(2)
    expect(first.summary).toContain(id)

    const second = await deploy(inputs)
    expect(second.code, second.stdout).toBe(0)
    expect(second.outputs['distribution-id']).toBe(id)
    expect(second.outputs['cdn-domain']).toBe(first.outputs['cdn-domain'])
    expect(await distributionsFor(`cdn-publish s3://${bucket}/site`)).toHaveLength(1)
    const calls = cloudFrontCalls()
    expect(
      calls.filter((c) => c.startsWith('POST') || c.startsWith('PUT') || c.startsWith('DELETE')),
    ).toEqual([])
    expect(proxy.requests.filter((r) => r.method === 'PUT' && r.query.has('policy'))).toEqual([])
    expect((await policy(bucket)).Statement).toHaveLength(2)
  })

  it('a no-op with CloudFront on: the listing, at most 2 other S3 requests and 1 CloudFront request', async () => {
    const inputs = { bucket, prefix: 'site' }
    const first = await deploy(inputs)
    expect(first.code, first.stdout).toBe(0)
    const id = first.outputs['distribution-id']!
    const counts = () => {
      const s3Requests = proxy.requests.filter((r) => !r.path.startsWith('/2020-05-31/'))
      return {
        lists: s3Requests.filter((r) => operation(r) === 'ListObjectsV2').length,
        otherS3: s3Requests.filter((r) => operation(r) !== 'ListObjectsV2').map(operation),
        cloudfront: cloudFrontCalls(),
      }
    }
    for (let i = 0; i < 2; i++) {
      const noop = await deploy(inputs)
      expect(noop.code, noop.stdout).toBe(0)
      expect(noop.outputs).toMatchObject({ 'distribution-id': id, uploaded: '0' })
      expect(noop.outputs['cdn-domain']).toBe(first.outputs['cdn-domain'])
      expect(counts()).toEqual({
        lists: 1,
        otherS3: ['GetObject', 'GetBucketPolicy'], // the state; the bucket policy
        cloudfront: ['GET /distribution/ID'],
      })
    }
    // Changed by someone else since: the one request shows it, and the full check puts it right.
    const strict = h.strictCf
    const current = await strict.send(new GetDistributionConfigCommand({ Id: id }))
    await strict.send(
      new UpdateDistributionCommand({
        Id: id,
        IfMatch: current.ETag,
        DistributionConfig: { ...current.DistributionConfig!, Enabled: false },
      }),
    )
    const repaired = await deploy(inputs)
    expect(repaired.code, repaired.stdout).toBe(0)
    expect(repaired.stdout).toContain(`Distribution ${id} changed since the last deploy`)
    expect(cloudFrontCalls()).toContain('PUT /distribution/ID/config')
    const after = await strict.send(new GetDistributionConfigCommand({ Id: id }))
    expect(after.DistributionConfig?.Enabled).toBe(true)
    // And other inputs than last time: the full check, not the remembered answer.
    const changed = await deploy({ ...inputs, spa: 'true' })
    expect(changed.code, changed.stdout).toBe(0)
    expect(cloudFrontCalls().length).toBeGreaterThan(1)
  })

  it('a changed alias list updates the same distribution', async () => {
    const first = await deploy({ bucket, aliases: 'a.example.org', 'certificate-arn': CERT })
    expect(first.code, first.stdout).toBe(0)
    const id = first.outputs['distribution-id']!
    const second = await deploy({
      bucket,
      aliases: 'a.example.org\nb.example.org',
      'certificate-arn': CERT,
    })
    expect(second.code, second.stdout).toBe(0)
    expect(second.outputs['distribution-id']).toBe(id)
    expect(cloudFrontCalls().filter((c) => c === 'PUT /distribution/ID/config')).toHaveLength(1)
    expect(cloudFrontCalls().filter((c) => c.startsWith('POST /distribution'))).toEqual([])
    const { DistributionConfig } = await cf.send(new GetDistributionConfigCommand({ Id: id }))
    expect(DistributionConfig?.Aliases?.Items).toEqual(['a.example.org', 'b.example.org'])
    expect(second.stdout).toContain('Changing aliases')
  })

  it('uses the distribution named by distribution-id and creates nothing', async () => {
    const created = await cf.send(
      new CreateDistributionCommand({
        DistributionConfig: {
          CallerReference: `by-hand-${bucket}`,
          Comment: 'made by hand',
          Enabled: true,
          Origins: {
            Quantity: 1,
            Items: [
              {
                Id: 'o',
                DomainName: `${bucket}.s3.us-east-1.amazonaws.com`,
                OriginPath: '',
                S3OriginConfig: { OriginAccessIdentity: '' },
              },
            ],
          },
          DefaultCacheBehavior: {
            TargetOriginId: 'o',
            ViewerProtocolPolicy: 'allow-all',
            CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
          },
        },
      }),
    )
    const id = created.Distribution!.Id!
    const run = await deploy({ bucket, prefix: 'docs', 'distribution-id': id })
    expect(run.code, run.stdout).toBe(0)
    expect(run.outputs['distribution-id']).toBe(id)
    expect(run.outputs.url).toBe(`https://${created.Distribution!.DomainName}/docs/`)
    expect(cloudFrontCalls().filter((c) => !c.startsWith('GET'))).toEqual([])
    expect(run.stdout).toContain(`Using distribution ${id} (distribution-id)`)
    // not created by the action: its bucket policy is not touched
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).rejects.toThrow()
    const missing = await deploy({ bucket, 'distribution-id': 'E0000000MISSING' })
    expect(missing.code).toBe(1)
    expect(missing.errors.join('\n')).toContain(
      "Input 'distribution-id' names E0000000MISSING, which does not exist",
    )
  })

  it('create-distribution: false publishes to S3 only, with a warning', async () => {
    const run = await deploy({ bucket, prefix: 'solo', 'create-distribution': 'false' })
    expect(run.code, run.stdout).toBe(0)
    expect(run.warnings.join('\n')).toMatch(
      /create-distribution is false: the files are in S3 only/,
    )
    expect(cloudFrontCalls().filter((c) => !c.startsWith('GET'))).toEqual([])
    expect(run.outputs).toMatchObject({ 'distribution-id': '', 'cdn-domain': '', uploaded: '2' })
  })

  it('a certificate outside us-east-1 fails before any request', async () => {
    const run = await deploy({
      bucket,
      aliases: 'x.example.com',
      'certificate-arn': CERT.replace('us-east-1', 'eu-west-1'),
    })
    expect(run.code).toBe(1)
    expect(run.errors.join('\n')).toMatch(
      /certificate-arn.*only uses ACM certificates from us-east-1; this one is in eu-west-1/,
    )
    expect(proxy.requests).toEqual([])
  })

  it('create-bucket: true creates the bucket with the secure defaults, then publishes', async () => {
    const fresh = uniqueBucket('fresh')
    const run = await deploy({
      bucket: fresh,
      'create-bucket': 'true',
      'create-distribution': 'false',
    })
    expect(run.code, run.stdout).toBe(0)
    expect((await listKeys(s3, fresh)).filter((k) => !k.startsWith('.cdn-publish/'))).toEqual([
      'assets/app.1a2b3c4d.js',
      'index.html',
    ])
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: fresh }))).Status).toBe(
      'Enabled',
    )
    const block = await s3.send(new GetPublicAccessBlockCommand({ Bucket: fresh }))
    expect(block.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    })
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: fresh }))
    expect(
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
        ?.SSEAlgorithm,
    ).toBe('AES256')
    expect((await headers(s3, fresh, 'index.html')).cacheControl).toBe('no-cache')
  })

  it('mode: remove with remove-distribution tears down what the action created, and only that', async () => {
    const first = await deploy({ bucket, prefix: 'gone' })
    expect(first.code, first.stdout).toBe(0)
    const id = first.outputs['distribution-id']!
    expect((await policy(bucket)).Statement.map((s) => s.Sid)).toEqual([`CdnPublishRead${id}`])
    const removed = await deploy(
      { source: undefined, bucket, prefix: 'gone', mode: 'remove', 'remove-distribution': 'true' },
      { GITHUB_RUN_ID: '778' },
    )
    expect(removed.code, removed.stdout).toBe(0)
    expect(removed.outputs.deleted).toBe('2')
    expect(await listKeys(s3, bucket, 'gone/')).toEqual([])
    await expect(cf.send(new GetDistributionCommand({ Id: id }))).rejects.toMatchObject({
      name: 'NoSuchDistribution',
    })
    expect(removed.stdout).toContain(`Deleted distribution ${id}`)
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).rejects.toThrow(
      /NoSuchBucketPolicy|policy/i,
    )
  })
})

describe('a distribution that does not exist yet', () => {
  const ASSET = 'site/assets/app.1a2b3c4d.js'
  const isCreate = (r: { method: string; key: string }) =>
    r.method === 'POST' && r.key === 'distribution'

  it('is created, with its routing data, while the files upload: an asset held until the routing data is written lets the run go on', async () => {
    const bucket = await h.bucket('early')
    let seen!: (by: string) => void
    const released = new Promise<string>((resolve) => (seen = resolve))
    // Without the early creation the asset would wait for this timeout, and the distribution after it.
    const timeout = setTimeout(() => seen('timeout'), 20_000)
    proxy.faults = (r) => {
      // Released by the first write of the site's routing data, which follows the creation.
      if (r.method === 'POST' && r.key.includes(':key-value-store/')) seen('routing')
      return r.method === 'PUT' && r.key === ASSET ? { hold: released } : undefined
    }
    const dir = await makeSite({
      'index.html': '<p>home</p>',
      '404.html': '<p>not here</p>',
      'assets/app.1a2b3c4d.js': 'app()',
    })
    try {
      const run = await deploy({ source: dir, bucket, prefix: 'site' })
      expect(run.code, run.stdout).toBe(0)
      expect(await released).toBe('routing')
      const requests = proxy.requests
      const order = requests.map((r) => (isCreate(r) ? 'create' : operation(r)))
      const html = requests.findIndex((r) => r.key === 'site/index.html')
      expect(order.indexOf('create')).toBeGreaterThan(-1)
      expect(order.indexOf('create')).toBeLessThan(html)
      // The site's routing data too goes to the new store before the pages; the copy of the 404 page
      // that the edge serves follows the page's upload.
      const routing = requests
        .map((r, i) => (r.method === 'POST' && r.path.includes('/key-value-stores/') ? i : -1))
        .filter((i) => i >= 0)
      expect(routing.length).toBeGreaterThan(0)
      expect(Math.min(...routing)).toBeLessThan(html)
      const page = requests.findIndex((r) => r.key === 'site/404.html' && !r.copySource)
      const copy = requests.findIndex((r) => r.key === 'site/.cdn-publish/404.html' && r.copySource)
      expect(page).toBeGreaterThan(-1)
      expect(copy).toBeGreaterThan(page)
      expect(run.stdout.indexOf('::group::Site routing data')).toBeGreaterThan(
        run.stdout.indexOf('::group::CloudFront distribution'),
      )
      expect(run.outputs['distribution-id']).toMatch(/^[A-Z0-9]+$/)
      // Its lines are shown together, in their group, after the upload's.
      const group = run.stdout.slice(run.stdout.indexOf('::group::CloudFront distribution'))
      const inGroup = group.slice(0, group.indexOf('::endgroup::'))
      expect(inGroup).toContain(`Created distribution ${run.outputs['distribution-id']}`)
      expect(inGroup).not.toMatch(/upload /)
      expect(run.stdout.indexOf('::group::CloudFront distribution')).toBeGreaterThan(
        run.stdout.indexOf('assets/app.1a2b3c4d.js'),
      )
    } finally {
      clearTimeout(timeout)
      proxy.faults = undefined
      await removeSite(dir)
    }
  })

  it('is not created by a deploy that max-deletes refuses', async () => {
    const bucket = await h.bucket('early-refused')
    for (const key of ['site/old1.html', 'site/old2.html', 'site/old3.html'])
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'old' }))
    const run = await deploy({ bucket, prefix: 'site', 'max-deletes': '2' })
    expect(run.code).toBe(1)
    expect(run.errors.join('\n')).toMatch(/more than max-deletes/)
    expect(cloudFrontCalls()).toEqual([])
    expect(await distributionsFor(`cdn-publish s3://${bucket}/site`)).toEqual([])
  })
  it('created by a deploy whose upload then fails: still recorded, shown and in the outputs', async () => {
    const bucket = await h.bucket('early-failed')
    proxy.faults = (r) => (r.method === 'PUT' && r.key === ASSET ? '500' : undefined)
    try {
      const run = await deploy({ bucket, prefix: 'site' })
      expect(run.code).toBe(1)
      expect(run.errors.join('\n')).toMatch(/app\.1a2b3c4d\.js/)
      const mine = await distributionsFor(`cdn-publish s3://${bucket}/site`)
      expect(mine).toHaveLength(1)
      expect(run.outputs['distribution-id']).toBe(mine[0]!.id)
      expect(run.stdout).toContain(`Created distribution ${mine[0]!.id}`)
      // The HTML never went up (its asset failed), and the deploy state remembers the distribution.
      expect(proxy.requests.some((r) => r.key === 'site/index.html' && r.method === 'PUT')).toBe(
        false,
      )
      const state = (await readDeployState(s3, bucket, 'site/')) as { cdn?: { id?: string } }
      expect(state.cdn?.id).toBe(mine[0]!.id)
    } finally {
      proxy.faults = undefined
    }
  })
})

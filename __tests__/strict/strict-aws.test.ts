// The strict AWS layer (scripts/strict-aws/): every rule, through the real SDK clients pointed at the
// layer, asserted with the error name and status the SDK surfaces; where cheap, the same request
// sent to moto alone shows what it forgives. The tests never reset the layer (other files share it):
// each uses its own bucket and resource names.
import {
  CreateCachePolicyCommand,
  CreateDistributionCommand,
  CreateDistributionWithTagsCommand,
  CreateFunctionCommand,
  CreateInvalidationCommand,
  CreateKeyGroupCommand,
  CreateOriginAccessControlCommand,
  CreatePublicKeyCommand,
  CreateResponseHeadersPolicyCommand,
  CloudFrontClient,
  DeleteCachePolicyCommand,
  DeleteDistributionCommand,
  DeleteFunctionCommand,
  DeleteResponseHeadersPolicyCommand,
  DescribeFunctionCommand,
  GetCachePolicyCommand,
  GetCachePolicyConfigCommand,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  GetFunctionCommand,
  GetInvalidationCommand,
  GetResponseHeadersPolicyCommand,
  ListCachePoliciesCommand,
  ListConflictingAliasesCommand,
  ListDistributionsCommand,
  ListFunctionsCommand,
  ListInvalidationsCommand,
  ListResponseHeadersPoliciesCommand,
  PublishFunctionCommand,
  TagResourceCommand,
  UpdateCachePolicyCommand,
  UpdateDistributionCommand,
  UpdateFunctionCommand,
  UpdateResponseHeadersPolicyCommand,
  waitUntilInvalidationCompleted,
  type CachePolicyConfig,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront'
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetBucketPolicyCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto'
import { describe, expect, inject, it } from 'vitest'

const layer = inject('awsEndpoint')
const moto = inject('motoEndpoint')
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }

function s3Client(endpoint: string): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials,
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
}
function cfClient(endpoint: string): CloudFrontClient {
  return new CloudFrontClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 })
}

const s3 = s3Client(layer)
const s3Moto = s3Client(moto)
const cf = cfClient(layer)
const cfMoto = cfClient(moto)

const tag = () => randomBytes(4).toString('hex')
const uniqueBucket = (label: string) => `strict-${label}-${tag()}`

/** The error name and HTTP status the SDK surfaces for a failed call. */
async function failure(call: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await call
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } }
    return { name: e.name, status: e.$metadata?.httpStatusCode }
  }
  throw new Error('the call succeeded')
}

async function admin(path: string, init?: { method: string; body?: unknown }) {
  const response = await fetch(`${layer}/strict-api/${path}`, {
    method: init?.method ?? 'GET',
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  })
  return { status: response.status, body: await response.json() }
}

async function model(bucket: string, settings: Record<string, unknown>) {
  const answer = await admin(`buckets/${bucket}`, { method: 'POST', body: settings })
  expect(answer.status).toBe(200)
}

interface LogEntry {
  method: string
  path: string
  rule: string
  status: number
  detail?: string
}
async function log(pathIncludes: string): Promise<LogEntry[]> {
  const { body } = await admin('log')
  return (body as LogEntry[]).filter((e) => e.path.includes(pathIncludes))
}

async function bucketWith(label: string, objects: Record<string, string> = {}): Promise<string> {
  const bucket = uniqueBucket(label)
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
  for (const [key, body] of Object.entries(objects)) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
  }
  return bucket
}

describe('S3: a missing key without an unconditional s3:ListBucket', () => {
  it('answers 403 AccessDenied to GET and HEAD by default, where moto says 404', async () => {
    const bucket = await bucketWith('missing', { 'site/a.txt': 'a' })
    expect(
      await failure(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'site/nope' }))),
    ).toEqual({
      name: 'AccessDenied',
      status: 403,
    })
    const head = await failure(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'site/nope' })))
    expect(head.status).toBe(403)
    expect(head.name).not.toBe('NotFound')
    // moto alone forgives: it tells the caller the key does not exist.
    expect(
      await failure(s3Moto.send(new GetObjectCommand({ Bucket: bucket, Key: 'site/nope' }))),
    ).toEqual({
      name: 'NoSuchKey',
      status: 404,
    })
    // A key that exists still reads; a bucket that does not exist is still NoSuchBucket.
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'site/a.txt' }))
    expect(await got.Body?.transformToString()).toBe('a')
    expect(
      await failure(s3.send(new GetObjectCommand({ Bucket: `${bucket}-gone`, Key: 'x' }))),
    ).toEqual({
      name: 'NoSuchBucket',
      status: 404,
    })
    expect((await log(`/${bucket}/site/nope`)).map((e) => [e.rule, e.status])).toEqual([
      ['missing-key-403', 403],
      ['missing-key-403', 403],
    ])
  })

  it('answers 404 NoSuchKey once the bucket model grants listBucket: all', async () => {
    const bucket = await bucketWith('listall')
    await model(bucket, { listBucket: 'all' })
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'nope' })))).toEqual({
      name: 'NoSuchKey',
      status: 404,
    })
    expect(await failure(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'nope' })))).toEqual({
      name: 'NotFound',
      status: 404,
    })
  })

  it('models the README policy: ListBucket only under allowed prefixes, never unconditional', async () => {
    const bucket = await bucketWith('prefix', { 'site/a.txt': 'a', 'other/b.txt': 'b' })
    // Default: listing is allowed for any prefix.
    const open = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'other/' }))
    expect(open.KeyCount).toBe(1)
    await model(bucket, { listBucketPrefixes: ['site/'] })
    const inside = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'site/' }))
    expect(inside.Contents?.map((o) => o.Key)).toEqual(['site/a.txt'])
    for (const prefix of ['other/', '', 'site']) {
      expect(
        await failure(s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))),
      ).toEqual({
        name: 'AccessDenied',
        status: 403,
      })
    }
    // A prefix condition is not an unconditional ListBucket: missing keys stay 403.
    expect(
      await failure(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'site/nope' }))),
    ).toEqual({
      name: 'AccessDenied',
      status: 403,
    })
    // moto lists anything.
    expect((await s3Moto.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount).toBe(2)
  })

  it('refuses bad bucket models', async () => {
    const answer = await admin('buckets/some-bucket', {
      method: 'POST',
      body: { listBucket: 'yes' },
    })
    expect(answer.status).toBe(400)
    expect((await admin('buckets/some-bucket', { method: 'POST', body: { nope: 1 } })).status).toBe(
      400,
    )
  })
})

describe('S3 limits', () => {
  it('DeleteObjects of more than 1,000 keys is 400 MalformedXML (moto deletes them)', async () => {
    const bucket = await bucketWith('delete')
    const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}` }))
    expect(
      await failure(
        s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys(1001) } })),
      ),
    ).toEqual({ name: 'MalformedXML', status: 400 })
    const ok = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys(1000) } }),
    )
    expect(ok.Errors ?? []).toEqual([])
    const forgiven = await s3Moto.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys(1001) } }),
    )
    expect(forgiven.Deleted?.length).toBe(1001)
  })

  it('a key longer than 1,024 UTF-8 bytes is 400 KeyTooLongError (moto stores it)', async () => {
    const bucket = await bucketWith('longkey')
    const long = `${'é'.repeat(512)}x` // 1,025 bytes, 513 characters
    expect(
      await failure(s3.send(new PutObjectCommand({ Bucket: bucket, Key: long, Body: 'x' }))),
    ).toEqual({
      name: 'KeyTooLongError',
      status: 400,
    })
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'é'.repeat(512), Body: 'x' }))
    await s3Moto.send(new PutObjectCommand({ Bucket: bucket, Key: long, Body: 'x' }))
  })

  it('a Content-MD5 that does not match the body is 400 BadDigest (moto stores it)', async () => {
    const bucket = await bucketWith('md5')
    const wrong = createHash('md5').update('other').digest('base64')
    expect(
      await failure(
        s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: 'a', Body: 'hello', ContentMD5: wrong }),
        ),
      ),
    ).toEqual({ name: 'BadDigest', status: 400 })
    const right = createHash('md5').update('hello').digest('base64')
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'a', Body: 'hello', ContentMD5: right }),
    )
    await s3Moto.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'b', Body: 'hello', ContentMD5: wrong }),
    )
  })
})

describe('S3 CopyObject tags and IAM denials', () => {
  it('logs that a copy without TaggingDirective REPLACE needs the tagging permissions', async () => {
    const bucket = await bucketWith('copy', { src: 'x' })
    await s3.send(
      new CopyObjectCommand({ Bucket: bucket, Key: 'copied', CopySource: `${bucket}/src` }),
    )
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: 'replaced',
        CopySource: `${bucket}/src`,
        TaggingDirective: 'REPLACE',
        MetadataDirective: 'REPLACE',
        ContentType: 'text/plain',
      }),
    )
    const entries = await log(`/${bucket}/`)
    expect(entries.filter((e) => e.rule === 'copy-tags')).toEqual([
      expect.objectContaining({
        path: `/${bucket}/copied`,
        status: 200,
        detail: 's3:GetObjectTagging,s3:PutObjectTagging',
      }),
    ])
  })

  it('denyActions answers 403 AccessDenied for a request that needs a denied action', async () => {
    const bucket = await bucketWith('deny', { src: 'x' })
    await model(bucket, { denyActions: ['s3:GetObjectTagging', 's3:DeleteObject'] })
    expect(
      await failure(
        s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'c', CopySource: `${bucket}/src` })),
      ),
    ).toEqual({ name: 'AccessDenied', status: 403 })
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: 'c',
        CopySource: `${bucket}/src`,
        TaggingDirective: 'REPLACE',
      }),
    )
    expect(
      await failure(s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'src' }))),
    ).toEqual({
      name: 'AccessDenied',
      status: 403,
    })
    expect(
      await failure(
        s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'c' }] } })),
      ),
    ).toEqual({ name: 'AccessDenied', status: 403 })
    await model(bucket, { denyActions: ['s3:PutObject', 's3:ListBucket', 's3:GetObject'] })
    expect(
      await failure(s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'p', Body: 'x' }))),
    ).toEqual({
      name: 'AccessDenied',
      status: 403,
    })
    expect(await failure(s3.send(new ListObjectsV2Command({ Bucket: bucket })))).toEqual({
      name: 'AccessDenied',
      status: 403,
    })
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'src' })))).toEqual({
      name: 'AccessDenied',
      status: 403,
    })
    // moto grants everything.
    await s3Moto.send(
      new CopyObjectCommand({ Bucket: bucket, Key: 'm', CopySource: `${bucket}/src` }),
    )
    expect((await log(`/${bucket}/`)).filter((e) => e.rule === 'deny-action').length).toBe(6)
  })
})

describe('S3 allowActions: only what an identity policy allows', () => {
  it('a list grants its actions (IAM wildcards, any case) on the bucket and every key', async () => {
    const bucket = await bucketWith('allowlist', { 'a.txt': 'a' })
    await model(bucket, { allowActions: ['s3:get*', 's3:ListBucket'] })
    expect(
      await (
        await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'a.txt' }))
      ).Body?.transformToString(),
    ).toBe('a')
    expect((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount).toBe(1)
    expect(
      await failure(s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'b.txt', Body: 'b' }))),
    ).toEqual({ name: 'AccessDenied', status: 403 })
    // A request the layer cannot name an action for is refused, not waved through.
    expect(
      (await failure(s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'a.txt' })))).status,
    ).toBe(403)
    await model(bucket, { allowActions: ['s3:*'] })
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'b.txt', Body: 'b' }))
    const refused = (await log(`/${bucket}/`)).filter((e) => e.rule === 'allow-actions')
    expect(refused.map((e) => e.detail)).toEqual([
      `s3:PutObject on arn:aws:s3:::${bucket}/b.txt`,
      expect.stringMatching(/^unmodelled /),
    ])
  })

  it('keyed by resource ARN: object actions only under the prefix, bucket actions on the bucket', async () => {
    const bucket = await bucketWith('allowarn', { 'site/a.txt': 'a', 'other/b.txt': 'b' })
    await model(bucket, {
      listBucketPrefixes: ['site/'],
      allowActions: {
        [`arn:aws:s3:::${bucket}`]: ['s3:ListBucket'],
        [`arn:aws:s3:::${bucket}/site/*`]: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      },
    })
    const denied = { name: 'AccessDenied', status: 403 }
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'site/c.txt', Body: 'c' }))
    expect(
      await failure(
        s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'other/c.txt', Body: 'c' })),
      ),
    ).toEqual(denied)
    expect(
      await failure(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'other/b.txt' }))),
    ).toEqual(denied)
    expect(
      (await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'site/' }))).KeyCount,
    ).toBe(2)
    // Bucket actions are checked on the bucket's ARN: GetBucketPolicy is not granted there.
    expect((await failure(s3.send(new GetBucketPolicyCommand({ Bucket: bucket })))).status).toBe(
      403,
    )
    // HeadBucket has no s3:prefix, so a ListBucket limited to a prefix does not cover it.
    expect((await failure(s3.send(new HeadBucketCommand({ Bucket: bucket })))).status).toBe(403)
    // A copy needs s3:GetObject on its source: from outside the prefix it is refused.
    expect(
      await failure(
        s3.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: 'site/copy.txt',
            CopySource: `${bucket}/other/b.txt`,
            TaggingDirective: 'REPLACE',
          }),
        ),
      ),
    ).toEqual(denied)
    // DeleteObjects: every key it names must be allowed.
    const remove = (...keys: string[]) =>
      s3.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: keys.map((Key) => ({ Key })) },
        }),
      )
    expect(await failure(remove('site/c.txt', 'other/b.txt'))).toEqual(denied)
    expect((await remove('site/c.txt')).Errors ?? []).toEqual([])
    expect((await s3Moto.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount).toBe(2)
    // An unconditional ListBucket lets HeadBucket through again.
    await model(bucket, {
      listBucket: 'all',
      allowActions: { [`arn:aws:s3:::${bucket}`]: ['s3:ListBucket'] },
    })
    await s3.send(new HeadBucketCommand({ Bucket: bucket }))
  })

  it('refuses allowActions that are neither a list nor { resource: actions[] }', async () => {
    for (const allowActions of ['s3:*', [1], { 'arn:aws:s3:::x': 's3:*' }]) {
      expect(
        (await admin('buckets/some-bucket', { method: 'POST', body: { allowActions } })).status,
      ).toBe(400)
    }
  })
})

// ---- CloudFront ----

const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6'

function distributionConfig(
  options: { aliases?: string[]; comment?: string; oac?: string } = {},
): DistributionConfig {
  const aliases = options.aliases ?? []
  return {
    CallerReference: `ref-${tag()}`,
    Aliases: { Quantity: aliases.length, Items: aliases.length ? aliases : undefined },
    DefaultRootObject: 'index.html',
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: 'site',
          DomainName: 'bucket.s3.us-east-1.amazonaws.com',
          OriginPath: '',
          S3OriginConfig: { OriginAccessIdentity: '' },
          OriginAccessControlId: options.oac,
        },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: 'site',
      ViewerProtocolPolicy: 'redirect-to-https',
      CachePolicyId: CACHING_OPTIMIZED,
    },
    Comment: options.comment ?? 'strict layer test',
    Enabled: true,
  }
}

async function createDistribution(options: Parameters<typeof distributionConfig>[0] = {}) {
  const created = await cf.send(
    new CreateDistributionCommand({ DistributionConfig: distributionConfig(options) }),
  )
  return { id: created.Distribution!.Id!, etag: created.ETag!, arn: created.Distribution!.ARN! }
}

describe('CloudFront: named resources answer 409 *AlreadyExists', () => {
  it('origin access controls by name (moto accepts the duplicate)', async () => {
    const config = {
      Name: `oac-${tag()}`,
      SigningBehavior: 'always' as const,
      SigningProtocol: 'sigv4' as const,
      OriginAccessControlOriginType: 's3' as const,
    }
    await cf.send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: config }))
    expect(
      await failure(
        cf.send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: config })),
      ),
    ).toEqual({
      name: 'OriginAccessControlAlreadyExists',
      status: 409,
    })
    await cfMoto.send(new CreateOriginAccessControlCommand({ OriginAccessControlConfig: config }))
    expect(
      await failure(
        cf.send(
          new CreateOriginAccessControlCommand({
            OriginAccessControlConfig: { ...config, Name: 'o'.repeat(65) },
          }),
        ),
      ),
    ).toEqual({ name: 'InvalidArgument', status: 400 })
  })

  it('public keys by name or caller reference, key groups by name', async () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString()
    const key = { CallerReference: `ref-${tag()}`, Name: `pk-${tag()}`, EncodedKey: pem }
    const created = await cf.send(new CreatePublicKeyCommand({ PublicKeyConfig: key }))
    for (const again of [
      key,
      { ...key, CallerReference: `ref-${tag()}` },
      { ...key, Name: `pk-${tag()}` },
    ]) {
      expect(
        await failure(cf.send(new CreatePublicKeyCommand({ PublicKeyConfig: again }))),
      ).toEqual({
        name: 'PublicKeyAlreadyExists',
        status: 409,
      })
    }
    const group = { Name: `kg-${tag()}`, Items: [created.PublicKey!.Id!] }
    await cf.send(new CreateKeyGroupCommand({ KeyGroupConfig: group }))
    expect(await failure(cf.send(new CreateKeyGroupCommand({ KeyGroupConfig: group })))).toEqual({
      name: 'KeyGroupAlreadyExists',
      status: 409,
    })
    await cfMoto.send(new CreateKeyGroupCommand({ KeyGroupConfig: group }))
  })
})

describe('CloudFront distributions', () => {
  it('an alias another distribution holds is 409 CNAMEAlreadyExists, on create and update (moto accepts)', async () => {
    const domain = `${tag()}.example.com`
    const first = await createDistribution({ aliases: [`www.${domain}`] })
    expect(await failure(createDistribution({ aliases: [`WWW.${domain}`] }))).toEqual({
      name: 'CNAMEAlreadyExists',
      status: 409,
    })
    expect(
      await failure(
        cf.send(
          new CreateDistributionWithTagsCommand({
            DistributionConfigWithTags: {
              DistributionConfig: distributionConfig({ aliases: [`www.${domain}`] }),
              Tags: { Items: [{ Key: 'team', Value: 'web' }] },
            },
          }),
        ),
      ),
    ).toEqual({ name: 'CNAMEAlreadyExists', status: 409 })
    // A wildcard overlapping a name on another distribution is allowed (same account).
    const wildcard = await createDistribution({ aliases: [`*.${domain}`] })
    const current = await cf.send(new GetDistributionConfigCommand({ Id: wildcard.id }))
    const moved = {
      ...current.DistributionConfig!,
      Aliases: { Quantity: 1, Items: [`www.${domain}`] },
    }
    expect(
      await failure(
        cf.send(
          new UpdateDistributionCommand({
            Id: wildcard.id,
            IfMatch: current.ETag,
            DistributionConfig: moved,
          }),
        ),
      ),
    ).toEqual({ name: 'CNAMEAlreadyExists', status: 409 })
    // Updating a distribution with its own alias is fine.
    const own = await cf.send(new GetDistributionConfigCommand({ Id: first.id }))
    await cf.send(
      new UpdateDistributionCommand({
        Id: first.id,
        IfMatch: own.ETag,
        DistributionConfig: own.DistributionConfig,
      }),
    )
    // moto alone takes the duplicate.
    await cfMoto.send(
      new CreateDistributionCommand({
        DistributionConfig: distributionConfig({ aliases: [`dup.${domain}`] }),
      }),
    )
    await cfMoto.send(
      new CreateDistributionCommand({
        DistributionConfig: distributionConfig({ aliases: [`dup.${domain}`] }),
      }),
    )
  })

  it('ListConflictingAliases finds the same name and overlapping wildcards, ids partly hidden', async () => {
    const domain = `${tag()}.example.org`
    const exact = await createDistribution({ aliases: [`www.${domain}`] })
    const wildcard = await createDistribution({ aliases: [`*.${domain}`] })
    await createDistribution({ aliases: [`deep.www.${domain}`] })
    const answer = await cf.send(
      new ListConflictingAliasesCommand({ DistributionId: exact.id, Alias: `www.${domain}` }),
    )
    const items = answer.ConflictingAliasesList?.Items ?? []
    expect(items.map((i) => i.Alias).sort()).toEqual([`*.${domain}`, `www.${domain}`])
    const byAlias = new Map(items.map((i) => [i.Alias, i]))
    expect(byAlias.get(`*.${domain}`)?.DistributionId?.slice(-6)).toBe(wildcard.id.slice(-6))
    expect(byAlias.get(`*.${domain}`)?.DistributionId).toMatch(/^\*+/)
    expect(byAlias.get(`www.${domain}`)?.AccountId).toMatch(/^\*+\d{6}$/)
    const fromWildcard = await cf.send(
      new ListConflictingAliasesCommand({ DistributionId: wildcard.id, Alias: `*.${domain}` }),
    )
    expect(fromWildcard.ConflictingAliasesList?.Items?.map((i) => i.Alias).sort()).toEqual([
      `*.${domain}`,
      `www.${domain}`,
    ])
    expect(
      await failure(
        cf.send(new ListConflictingAliasesCommand({ DistributionId: 'ENOPE', Alias: 'x.example' })),
      ),
    ).toEqual({
      name: 'NoSuchDistribution',
      status: 404,
    })
    expect(
      (
        await failure(
          cfMoto.send(new ListConflictingAliasesCommand({ DistributionId: exact.id, Alias: 'x' })),
        )
      ).status,
    ).toBe(404)
  })

  it('If-Match is enforced on update and delete, and every update gives a new ETag (moto ignores it)', async () => {
    const { id, etag } = await createDistribution()
    const got = await cf.send(new GetDistributionConfigCommand({ Id: id }))
    expect(got.ETag).toBe(etag)
    const config = { ...got.DistributionConfig!, Comment: 'second' }
    expect(
      await failure(cf.send(new UpdateDistributionCommand({ Id: id, DistributionConfig: config }))),
    ).toEqual({
      name: 'InvalidIfMatchVersion',
      status: 400,
    })
    expect(
      await failure(
        cf.send(
          new UpdateDistributionCommand({ Id: id, IfMatch: 'E0WRONG', DistributionConfig: config }),
        ),
      ),
    ).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    })
    const updated = await cf.send(
      new UpdateDistributionCommand({ Id: id, IfMatch: etag, DistributionConfig: config }),
    )
    expect(updated.ETag).not.toBe(etag)
    expect((await cf.send(new GetDistributionCommand({ Id: id }))).ETag).toBe(updated.ETag)
    // The stale ETag no longer matches (a lost update is refused).
    expect(
      await failure(
        cf.send(
          new UpdateDistributionCommand({ Id: id, IfMatch: etag, DistributionConfig: config }),
        ),
      ),
    ).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    })
    expect(
      await failure(cf.send(new DeleteDistributionCommand({ Id: id, IfMatch: etag }))),
    ).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    })
    expect(await failure(cf.send(new DeleteDistributionCommand({ Id: id })))).toEqual({
      name: 'InvalidIfMatchVersion',
      status: 400,
    })
    // moto takes a wrong If-Match.
    await cfMoto.send(
      new UpdateDistributionCommand({ Id: id, IfMatch: 'E0WRONG', DistributionConfig: config }),
    )
  })

  it('keeps OriginAccessControlId and fills ListDistributions summaries (moto drops them)', async () => {
    const oac = await cf.send(
      new CreateOriginAccessControlCommand({
        OriginAccessControlConfig: {
          Name: `oac-${tag()}`,
          SigningBehavior: 'always',
          SigningProtocol: 'sigv4',
          OriginAccessControlOriginType: 's3',
        },
      }),
    )
    const oacId = oac.OriginAccessControl!.Id!
    const alias = `site.${tag()}.example.net`
    const { id } = await createDistribution({ oac: oacId, aliases: [alias], comment: 'with oac' })
    const viaLayer = await cf.send(new GetDistributionConfigCommand({ Id: id }))
    expect(viaLayer.DistributionConfig?.Origins?.Items?.[0]?.OriginAccessControlId).toBe(oacId)
    const full = await cf.send(new GetDistributionCommand({ Id: id }))
    expect(full.Distribution?.DistributionConfig?.Origins?.Items?.[0]?.OriginAccessControlId).toBe(
      oacId,
    )
    const viaMoto = await cfMoto.send(new GetDistributionConfigCommand({ Id: id }))
    expect(viaMoto.DistributionConfig?.Origins?.Items?.[0]?.OriginAccessControlId ?? '').toBe('')
    const list = await cf.send(new ListDistributionsCommand({}))
    const summary = list.DistributionList?.Items?.find((d) => d.Id === id)
    expect(summary?.Aliases?.Items).toEqual([alias])
    expect(summary?.Comment).toBe('with oac')
    expect(summary?.Origins?.Items?.[0]?.OriginAccessControlId).toBe(oacId)
  })

  it('checks documented limits on every body: Comment, tags, Quantity, references', async () => {
    expect(await failure(createDistribution({ comment: 'c'.repeat(129) }))).toEqual({
      name: 'InvalidArgument',
      status: 400,
    })
    await createDistribution({ comment: 'c'.repeat(128) })
    const withTags = (Key: string, Value: string) =>
      cf.send(
        new CreateDistributionWithTagsCommand({
          DistributionConfigWithTags: {
            DistributionConfig: distributionConfig(),
            Tags: { Items: [{ Key, Value }] },
          },
        }),
      )
    expect(await failure(withTags('team', 'web#1'))).toEqual({
      name: 'InvalidTagging',
      status: 400,
    })
    expect(await failure(withTags('k'.repeat(129), 'v'))).toEqual({
      name: 'InvalidTagging',
      status: 400,
    })
    expect(await failure(withTags('team', 'v'.repeat(257)))).toEqual({
      name: 'InvalidTagging',
      status: 400,
    })
    const ok = await withTags('team ünïcode:/=+-@_.', 'v'.repeat(256))
    expect(
      await failure(
        cf.send(
          new TagResourceCommand({
            Resource: ok.Distribution!.ARN!,
            Tags: { Items: [{ Key: 'a', Value: 'b!' }] },
          }),
        ),
      ),
    ).toEqual({ name: 'InvalidTagging', status: 400 })
    const inconsistent = distributionConfig()
    inconsistent.Aliases = { Quantity: 2, Items: [`one.${tag()}.example`] }
    expect(
      await failure(cf.send(new CreateDistributionCommand({ DistributionConfig: inconsistent }))),
    ).toEqual({
      name: 'InconsistentQuantities',
      status: 400,
    })
    const unknownPolicy = distributionConfig()
    unknownPolicy.DefaultCacheBehavior!.CachePolicyId = '00000000-0000-0000-0000-000000000000'
    expect(
      await failure(cf.send(new CreateDistributionCommand({ DistributionConfig: unknownPolicy }))),
    ).toEqual({
      name: 'NoSuchCachePolicy',
      status: 404,
    })
    // moto takes all of it.
    await cfMoto.send(
      new CreateDistributionCommand({
        DistributionConfig: distributionConfig({ comment: 'c'.repeat(129) }),
      }),
    )
    await cfMoto.send(new CreateDistributionCommand({ DistributionConfig: inconsistent }))
  })

  it('invalidation status is Completed, so the SDK waiter returns (moto says COMPLETED)', async () => {
    const { id } = await createDistribution()
    const created = await cf.send(
      new CreateInvalidationCommand({
        DistributionId: id,
        InvalidationBatch: {
          CallerReference: tag(),
          Paths: { Quantity: 1, Items: ['/index.html'] },
        },
      }),
    )
    expect(created.Invalidation?.Status).toBe('Completed')
    const invalidationId = created.Invalidation!.Id!
    expect(
      (await cf.send(new GetInvalidationCommand({ DistributionId: id, Id: invalidationId })))
        .Invalidation?.Status,
    ).toBe('Completed')
    const list = await cf.send(new ListInvalidationsCommand({ DistributionId: id }))
    expect(list.InvalidationList?.Items?.map((i) => i.Status)).toEqual(['Completed'])
    const waited = await waitUntilInvalidationCompleted(
      { client: cf, maxWaitTime: 5, minDelay: 1 },
      { DistributionId: id, Id: invalidationId },
    )
    expect(waited.state).toBe('SUCCESS')
    expect(
      (await cfMoto.send(new GetInvalidationCommand({ DistributionId: id, Id: invalidationId })))
        .Invalidation?.Status,
    ).toBe('COMPLETED')
  })
})

function cachePolicyConfig(
  name: string,
  overrides: Partial<CachePolicyConfig> = {},
): CachePolicyConfig {
  return {
    Name: name,
    Comment: 'test',
    MinTTL: 0,
    DefaultTTL: 60,
    MaxTTL: 3600,
    ParametersInCacheKeyAndForwardedToOrigin: {
      EnableAcceptEncodingGzip: true,
      EnableAcceptEncodingBrotli: true,
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      QueryStringsConfig: { QueryStringBehavior: 'none' },
    },
    ...overrides,
  }
}

describe('CloudFront cache policies, served by the layer (moto: HTML 404)', () => {
  it('create, get, list, update and delete with ETags and If-Match; names unique; managed ones fixed', async () => {
    const name = `cp-${tag()}`
    expect(
      (
        await failure(
          cfMoto.send(new CreateCachePolicyCommand({ CachePolicyConfig: cachePolicyConfig(name) })),
        )
      ).status,
    ).toBe(404)
    const created = await cf.send(
      new CreateCachePolicyCommand({ CachePolicyConfig: cachePolicyConfig(name) }),
    )
    const id = created.CachePolicy!.Id!
    expect(created.ETag).toMatch(/^[A-Z0-9]{14}$/)
    expect(created.Location).toContain(`/cache-policy/${id}`)
    expect(
      await failure(
        cf.send(new CreateCachePolicyCommand({ CachePolicyConfig: cachePolicyConfig(name) })),
      ),
    ).toEqual({
      name: 'CachePolicyAlreadyExists',
      status: 409,
    })
    const got = await cf.send(new GetCachePolicyCommand({ Id: id }))
    expect(got.CachePolicy?.CachePolicyConfig?.Name).toBe(name)
    expect(got.CachePolicy?.CachePolicyConfig?.DefaultTTL).toBe(60)
    const config = await cf.send(new GetCachePolicyConfigCommand({ Id: id }))
    expect(config.ETag).toBe(created.ETag)
    const custom = await cf.send(new ListCachePoliciesCommand({ Type: 'custom', MaxItems: 1000 }))
    expect(
      custom.CachePolicyList?.Items?.some((s) => s.CachePolicy?.Id === id && s.Type === 'custom'),
    ).toBe(true)
    const managed = await cf.send(new ListCachePoliciesCommand({ Type: 'managed' }))
    expect(
      managed.CachePolicyList?.Items?.find((s) => s.CachePolicy?.Id === CACHING_OPTIMIZED)
        ?.CachePolicy?.CachePolicyConfig?.Name,
    ).toBe('Managed-CachingOptimized')
    const changed = cachePolicyConfig(name, { DefaultTTL: 120 })
    expect(
      await failure(cf.send(new UpdateCachePolicyCommand({ Id: id, CachePolicyConfig: changed }))),
    ).toEqual({
      name: 'InvalidIfMatchVersion',
      status: 400,
    })
    expect(
      await failure(
        cf.send(
          new UpdateCachePolicyCommand({ Id: id, IfMatch: 'E0WRONG', CachePolicyConfig: changed }),
        ),
      ),
    ).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    })
    const updated = await cf.send(
      new UpdateCachePolicyCommand({ Id: id, IfMatch: created.ETag, CachePolicyConfig: changed }),
    )
    expect(updated.ETag).not.toBe(created.ETag)
    expect(updated.CachePolicy?.CachePolicyConfig?.DefaultTTL).toBe(120)
    expect(
      await failure(cf.send(new DeleteCachePolicyCommand({ Id: CACHING_OPTIMIZED, IfMatch: 'x' }))),
    ).toEqual({
      name: 'IllegalDelete',
      status: 400,
    })
    // In use by a distribution: 409 CachePolicyInUse.
    const inUse = distributionConfig()
    inUse.DefaultCacheBehavior!.CachePolicyId = id
    const dist = await cf.send(new CreateDistributionCommand({ DistributionConfig: inUse }))
    expect(
      await failure(cf.send(new DeleteCachePolicyCommand({ Id: id, IfMatch: updated.ETag }))),
    ).toEqual({
      name: 'CachePolicyInUse',
      status: 409,
    })
    const distConfig = await cf.send(
      new GetDistributionConfigCommand({ Id: dist.Distribution!.Id! }),
    )
    distConfig.DistributionConfig!.DefaultCacheBehavior!.CachePolicyId = CACHING_OPTIMIZED
    await cf.send(
      new UpdateDistributionCommand({
        Id: dist.Distribution!.Id!,
        IfMatch: distConfig.ETag,
        DistributionConfig: distConfig.DistributionConfig,
      }),
    )
    await cf.send(new DeleteCachePolicyCommand({ Id: id, IfMatch: updated.ETag }))
    expect(await failure(cf.send(new GetCachePolicyCommand({ Id: id })))).toEqual({
      name: 'NoSuchCachePolicy',
      status: 404,
    })
  })

  it('limits: Comment, TTL order, at most 10 headers', async () => {
    expect(
      await failure(
        cf.send(
          new CreateCachePolicyCommand({
            CachePolicyConfig: cachePolicyConfig(`cp-${tag()}`, { Comment: 'c'.repeat(129) }),
          }),
        ),
      ),
    ).toEqual({
      name: 'InvalidArgument',
      status: 400,
    })
    expect(
      await failure(
        cf.send(
          new CreateCachePolicyCommand({
            CachePolicyConfig: cachePolicyConfig(`cp-${tag()}`, { MinTTL: 100, DefaultTTL: 10 }),
          }),
        ),
      ),
    ).toEqual({
      name: 'InvalidArgument',
      status: 400,
    })
    const headers = Array.from({ length: 11 }, (_, i) => `x-h${i}`)
    const tooMany = cachePolicyConfig(`cp-${tag()}`)
    tooMany.ParametersInCacheKeyAndForwardedToOrigin!.HeadersConfig = {
      HeaderBehavior: 'whitelist',
      Headers: { Quantity: headers.length, Items: headers },
    }
    expect(
      await failure(cf.send(new CreateCachePolicyCommand({ CachePolicyConfig: tooMany }))),
    ).toEqual({
      name: 'TooManyHeadersInCachePolicy',
      status: 400,
    })
  })
})

describe('CloudFront response headers policies, served by the layer', () => {
  it('create, duplicate, get, list managed, update and delete with If-Match', async () => {
    const name = `rhp-${tag()}`
    const config = {
      Name: name,
      Comment: 'test',
      CustomHeadersConfig: {
        Quantity: 1,
        Items: [{ Header: 'x-test', Value: '1', Override: true }],
      },
    }
    const created = await cf.send(
      new CreateResponseHeadersPolicyCommand({ ResponseHeadersPolicyConfig: config }),
    )
    const id = created.ResponseHeadersPolicy!.Id!
    expect(
      await failure(
        cf.send(new CreateResponseHeadersPolicyCommand({ ResponseHeadersPolicyConfig: config })),
      ),
    ).toEqual({
      name: 'ResponseHeadersPolicyAlreadyExists',
      status: 409,
    })
    const got = await cf.send(new GetResponseHeadersPolicyCommand({ Id: id }))
    expect(
      got.ResponseHeadersPolicy?.ResponseHeadersPolicyConfig?.CustomHeadersConfig?.Items?.[0]
        ?.Header,
    ).toBe('x-test')
    const managed = await cf.send(new ListResponseHeadersPoliciesCommand({ Type: 'managed' }))
    expect(
      managed.ResponseHeadersPolicyList?.Items?.map(
        (s) => s.ResponseHeadersPolicy?.ResponseHeadersPolicyConfig?.Name,
      ),
    ).toContain('Managed-SecurityHeadersPolicy')
    expect(
      await failure(
        cf.send(
          new UpdateResponseHeadersPolicyCommand({ Id: id, ResponseHeadersPolicyConfig: config }),
        ),
      ),
    ).toEqual({
      name: 'InvalidIfMatchVersion',
      status: 400,
    })
    const updated = await cf.send(
      new UpdateResponseHeadersPolicyCommand({
        Id: id,
        IfMatch: created.ETag,
        ResponseHeadersPolicyConfig: { ...config, Comment: 'two' },
      }),
    )
    expect(
      await failure(
        cf.send(new DeleteResponseHeadersPolicyCommand({ Id: id, IfMatch: created.ETag })),
      ),
    ).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    })
    await cf.send(new DeleteResponseHeadersPolicyCommand({ Id: id, IfMatch: updated.ETag }))
    expect(await failure(cf.send(new GetResponseHeadersPolicyCommand({ Id: id })))).toEqual({
      name: 'NoSuchResponseHeadersPolicy',
      status: 404,
    })
  })
})

describe('CloudFront Functions, served by the layer (moto: HTML 404)', () => {
  const code = (text: string) => new TextEncoder().encode(text)
  const functionConfig = { Comment: 'test', Runtime: 'cloudfront-js-2.0' as const }

  it('create, describe by stage, publish with If-Match, get code, update, list, delete', async () => {
    const name = `fn-${tag()}`
    const source = 'function handler(event) { return event.request }'
    expect(
      (
        await failure(
          cfMoto.send(
            new CreateFunctionCommand({
              Name: name,
              FunctionConfig: functionConfig,
              FunctionCode: code(source),
            }),
          ),
        )
      ).status,
    ).toBe(404)
    const created = await cf.send(
      new CreateFunctionCommand({
        Name: name,
        FunctionConfig: functionConfig,
        FunctionCode: code(source),
      }),
    )
    expect(created.FunctionSummary?.FunctionMetadata?.Stage).toBe('DEVELOPMENT')
    expect(created.FunctionSummary?.Status).toBe('UNPUBLISHED')
    const arn = created.FunctionSummary!.FunctionMetadata!.FunctionARN!
    expect(
      await failure(
        cf.send(
          new CreateFunctionCommand({
            Name: name,
            FunctionConfig: functionConfig,
            FunctionCode: code(source),
          }),
        ),
      ),
    ).toEqual({
      name: 'FunctionAlreadyExists',
      status: 409,
    })
    expect(
      await failure(cf.send(new DescribeFunctionCommand({ Name: name, Stage: 'LIVE' }))),
    ).toEqual({
      name: 'NoSuchFunctionExists',
      status: 404,
    })
    const dev = await cf.send(new DescribeFunctionCommand({ Name: name, Stage: 'DEVELOPMENT' }))
    expect(dev.ETag).toBe(created.ETag)
    expect(
      await failure(cf.send(new PublishFunctionCommand({ Name: name, IfMatch: undefined }))),
    ).toEqual({
      name: 'InvalidIfMatchVersion',
      status: 400,
    })
    expect(
      await failure(cf.send(new PublishFunctionCommand({ Name: name, IfMatch: 'E0WRONG' }))),
    ).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    })
    const published = await cf.send(new PublishFunctionCommand({ Name: name, IfMatch: dev.ETag }))
    expect(published.FunctionSummary?.FunctionMetadata?.Stage).toBe('LIVE')
    const live = await cf.send(new GetFunctionCommand({ Name: name, Stage: 'LIVE' }))
    expect(new TextDecoder().decode(live.FunctionCode)).toBe(source)
    const updated = await cf.send(
      new UpdateFunctionCommand({
        Name: name,
        IfMatch: dev.ETag,
        FunctionConfig: functionConfig,
        FunctionCode: code(`${source}\n`),
      }),
    )
    expect(updated.ETag).not.toBe(dev.ETag)
    // LIVE keeps the published code until the next publish.
    expect(
      new TextDecoder().decode(
        (await cf.send(new GetFunctionCommand({ Name: name, Stage: 'LIVE' }))).FunctionCode,
      ),
    ).toBe(source)
    const listed = await cf.send(new ListFunctionsCommand({ Stage: 'LIVE', MaxItems: 1000 }))
    expect(listed.FunctionList?.Items?.some((f) => f.Name === name)).toBe(true)
    // Associated with a distribution: FunctionInUse.
    const config = distributionConfig()
    config.DefaultCacheBehavior!.FunctionAssociations = {
      Quantity: 1,
      Items: [{ EventType: 'viewer-request', FunctionARN: arn }],
    }
    const dist = await cf.send(new CreateDistributionCommand({ DistributionConfig: config }))
    expect(
      await failure(cf.send(new DeleteFunctionCommand({ Name: name, IfMatch: updated.ETag }))),
    ).toEqual({
      name: 'FunctionInUse',
      status: 409,
    })
    const current = await cf.send(new GetDistributionConfigCommand({ Id: dist.Distribution!.Id! }))
    current.DistributionConfig!.DefaultCacheBehavior!.FunctionAssociations = { Quantity: 0 }
    await cf.send(
      new UpdateDistributionCommand({
        Id: dist.Distribution!.Id!,
        IfMatch: current.ETag,
        DistributionConfig: current.DistributionConfig,
      }),
    )
    await cf.send(new DeleteFunctionCommand({ Name: name, IfMatch: updated.ETag }))
    expect(await failure(cf.send(new DescribeFunctionCommand({ Name: name })))).toEqual({
      name: 'NoSuchFunctionExists',
      status: 404,
    })
  })

  it('limits: name [a-zA-Z0-9-_]{1,64}, code at most 10 KB, an unpublished function cannot be associated', async () => {
    for (const bad of ['f'.repeat(65), 'has space', 'dot.name']) {
      expect(
        await failure(
          cf.send(
            new CreateFunctionCommand({
              Name: bad,
              FunctionConfig: functionConfig,
              FunctionCode: code('x'),
            }),
          ),
        ),
      ).toEqual({
        name: 'InvalidArgument',
        status: 400,
      })
    }
    const name = `fn-${tag()}`
    expect(
      await failure(
        cf.send(
          new CreateFunctionCommand({
            Name: name,
            FunctionConfig: functionConfig,
            FunctionCode: new Uint8Array(10 * 1024 + 1),
          }),
        ),
      ),
    ).toEqual({ name: 'FunctionSizeLimitExceeded', status: 413 })
    const created = await cf.send(
      new CreateFunctionCommand({
        Name: name,
        FunctionConfig: functionConfig,
        FunctionCode: new Uint8Array(10 * 1024).fill(32),
      }),
    )
    const config = distributionConfig()
    config.DefaultCacheBehavior!.FunctionAssociations = {
      Quantity: 1,
      Items: [
        {
          EventType: 'viewer-request',
          FunctionARN: created.FunctionSummary!.FunctionMetadata!.FunctionARN!,
        },
      ],
    }
    expect(
      await failure(cf.send(new CreateDistributionCommand({ DistributionConfig: config }))),
    ).toEqual({
      name: 'InvalidFunctionAssociation',
      status: 400,
    })
  })
})

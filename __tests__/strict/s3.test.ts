// The strict AWS layer (scripts/strict-aws/), S3: every rule, through the real SDK clients pointed at the
// layer, asserted with the error name and status the SDK surfaces; where cheap, the same request
// sent to moto alone shows what it forgives. The tests never reset the layer (other files share it):
// each uses its own bucket and resource names.
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetBucketPolicyCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { s3, s3Moto, failure, admin, model, log, bucketWith } from './layer.js'

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

describe('S3 signatures (moto checks none)', () => {
  it('a request whose SigV4 signature does not match is 403 SignatureDoesNotMatch; the SDK requests pass', async () => {
    const bucket = await bucketWith('sigv4', { 'a.txt': 'a' })
    // The SDK's signed requests pass (a PUT with a body, a GET with a query).
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'b c/ü(1).txt', Body: 'b' }))
    await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'b c/', EncodingType: 'url' }))
    // The same PUT with one signed header changed after signing.
    s3.middlewareStack.add(
      (next) => (args) => {
        const request = args.request as { headers: Record<string, string> }
        request.headers['content-type'] = 'text/evil'
        return next(args)
      },
      { step: 'finalizeRequest', priority: 'low', name: 'tamperAfterSigning' },
    )
    try {
      expect(
        await failure(
          s3.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: 'x.txt',
              Body: 'x',
              ContentType: 'text/plain',
            }),
          ),
        ),
      ).toEqual({ name: 'SignatureDoesNotMatch', status: 403 })
    } finally {
      s3.middlewareStack.remove('tamperAfterSigning')
    }
    // moto alone takes it.
    await s3Moto.send(new PutObjectCommand({ Bucket: bucket, Key: 'x.txt', Body: 'x' }))
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

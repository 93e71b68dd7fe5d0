// The strict AWS layer (scripts/strict-aws/), CloudFront KeyValueStore: the control plane on the
// CloudFront API (moto 5.2.1 has none: HTML 404) and the data plane (cloudfront-keyvaluestore,
// SigV4A), through the real SDK clients, asserted with the error name and status the SDK surfaces.
// The tests never reset the layer (other files share it): every store and function has its own name.
import {
  CreateFunctionCommand,
  CreateKeyValueStoreCommand,
  DeleteFunctionCommand,
  DeleteKeyValueStoreCommand,
  DescribeFunctionCommand,
  DescribeKeyValueStoreCommand as DescribeStoreCommand,
  ListKeyValueStoresCommand,
  UpdateFunctionCommand,
  UpdateKeyValueStoreCommand,
} from '@aws-sdk/client-cloudfront'
import {
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  ListKeysCommand,
  PutKeyCommand,
  UpdateKeysCommand,
  type CloudFrontKeyValueStoreClient,
} from '@aws-sdk/client-cloudfront-keyvaluestore'
import { afterEach, describe, expect, it } from 'vitest'
import { kvsClient, kvsEndpoint } from '../helpers/edge.js'
import { cf, cfMoto, failure, layer, tag } from './layer.js'

const kvs = kvsClient()

/** A READY store (a Describe ends provisioning) and its data-plane ETag. */
async function readyStore(label: string) {
  const name = `${label}-${tag()}`
  const created = await cf.send(new CreateKeyValueStoreCommand({ Name: name, Comment: label }))
  const arn = created.KeyValueStore!.ARN!
  await cf.send(new DescribeStoreCommand({ Name: name }))
  const described = await kvs.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))
  return { name, arn, id: created.KeyValueStore!.Id!, etag: described.ETag! }
}

const functionConfig = (
  arns: string[],
  Runtime: 'cloudfront-js-2.0' | 'cloudfront-js-1.0' = 'cloudfront-js-2.0',
) => ({
  Comment: 'kvs test',
  Runtime,
  KeyValueStoreAssociations: {
    Quantity: arns.length,
    Items: arns.length ? arns.map((KeyValueStoreARN) => ({ KeyValueStoreARN })) : undefined,
  },
})
const code = new TextEncoder().encode('function handler(event) { return event.request }')

describe('KeyValueStore control plane (CloudFront API), served by the layer', () => {
  it('create (PROVISIONING, then READY), 409 on a taken name, describe, list, update and delete with If-Match', async () => {
    const name = `kvs-${tag()}`
    expect(
      (await failure(cfMoto.send(new CreateKeyValueStoreCommand({ Name: name })))).status,
    ).toBe(404)
    const created = await cf.send(new CreateKeyValueStoreCommand({ Name: name, Comment: 'first' }))
    const store = created.KeyValueStore!
    expect(store.Status).toBe('PROVISIONING')
    expect(store.ARN).toMatch(/^arn:aws:cloudfront::\d{12}:key-value-store\/[0-9a-f-]{36}$/)
    expect(store.ARN!.endsWith(store.Id!)).toBe(true)
    expect(created.Location).toBe(
      `https://cloudfront.amazonaws.com/2020-05-31/key-value-store/${store.ARN}`,
    )
    expect(await failure(cf.send(new CreateKeyValueStoreCommand({ Name: name })))).toEqual({
      name: 'EntityAlreadyExists',
      status: 409,
    })
    const described = await cf.send(new DescribeStoreCommand({ Name: name }))
    expect(described.KeyValueStore?.Status).toBe('READY')
    expect(described.KeyValueStore?.Comment).toBe('first')
    expect(described.ETag).toBe(created.ETag)
    const listed = await cf.send(new ListKeyValueStoresCommand({ Status: 'READY' }))
    expect(listed.KeyValueStoreList?.Items?.some((s) => s.Name === name)).toBe(true)

    const update = (IfMatch?: string) =>
      cf.send(new UpdateKeyValueStoreCommand({ Name: name, Comment: 'second', IfMatch }))
    expect(await failure(update(undefined))).toEqual({ name: 'InvalidIfMatchVersion', status: 400 })
    expect(await failure(update('E0WRONG'))).toEqual({ name: 'PreconditionFailed', status: 412 })
    const updated = await update(created.ETag)
    expect(updated.KeyValueStore?.Comment).toBe('second')
    expect(updated.ETag).not.toBe(created.ETag)
    expect(await failure(update(created.ETag))).toEqual({ name: 'PreconditionFailed', status: 412 })

    expect(
      await failure(cf.send(new DeleteKeyValueStoreCommand({ Name: name, IfMatch: undefined }))),
    ).toEqual({
      name: 'InvalidIfMatchVersion',
      status: 400,
    })
    expect(
      await failure(cf.send(new DeleteKeyValueStoreCommand({ Name: name, IfMatch: created.ETag }))),
    ).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    })
    await cf.send(new DeleteKeyValueStoreCommand({ Name: name, IfMatch: updated.ETag }))
    expect(await failure(cf.send(new DescribeStoreCommand({ Name: name })))).toEqual({
      name: 'EntityNotFound',
      status: 404,
    })
  })

  it('names [a-zA-Z0-9-_]{1,64}, comments at most 128 characters; lists page by MaxItems', async () => {
    for (const bad of ['k'.repeat(65), 'has.dot', 'has space']) {
      expect(await failure(cf.send(new CreateKeyValueStoreCommand({ Name: bad })))).toEqual({
        name: 'InvalidArgument',
        status: 400,
      })
    }
    expect(
      await failure(
        cf.send(new CreateKeyValueStoreCommand({ Name: `c-${tag()}`, Comment: 'c'.repeat(129) })),
      ),
    ).toEqual({ name: 'InvalidArgument', status: 400 })
    const prefix = `page${tag()}`
    for (const n of [1, 2, 3]) {
      await cf.send(
        new CreateKeyValueStoreCommand({
          Name: `${prefix}-${n}-${'k'.repeat(40)}`,
          Comment: 'c'.repeat(128),
        }),
      )
    }
    const names: string[] = []
    let marker: string | undefined
    do {
      const page = await cf.send(new ListKeyValueStoresCommand({ MaxItems: 2, Marker: marker }))
      expect(page.KeyValueStoreList?.Quantity).toBeLessThanOrEqual(2)
      names.push(...(page.KeyValueStoreList?.Items ?? []).map((s) => s.Name!))
      marker = page.KeyValueStoreList?.NextMarker || undefined
    } while (marker)
    expect(names.filter((n) => n.startsWith(prefix))).toHaveLength(3)
  })

  it('functions: associations must name an existing store, one at most, on cloudfront-js-2.0; an associated store cannot be deleted', async () => {
    const first = await readyStore('assoc')
    const second = await readyStore('assoc2')
    const create = (arns: string[], runtime?: 'cloudfront-js-1.0') =>
      cf.send(
        new CreateFunctionCommand({
          Name: `fn-${tag()}`,
          FunctionConfig: functionConfig(arns, runtime),
          FunctionCode: code,
        }),
      )
    const missing = first.arn.replace(/[0-9a-f]{12}$/, '000000000000')
    for (const call of [
      () => create([missing]),
      () => create([first.arn, second.arn]),
      () => create([first.arn], 'cloudfront-js-1.0'),
    ]) {
      expect(await failure(call())).toEqual({ name: 'InvalidArgument', status: 400 })
    }
    const name = `fn-${tag()}`
    const created = await cf.send(
      new CreateFunctionCommand({
        Name: name,
        FunctionConfig: functionConfig([first.arn]),
        FunctionCode: code,
      }),
    )
    const shown = await cf.send(new DescribeFunctionCommand({ Name: name }))
    expect(shown.FunctionSummary?.FunctionConfig?.KeyValueStoreAssociations?.Items).toEqual([
      { KeyValueStoreARN: first.arn },
    ])
    const storeEtag = (await cf.send(new DescribeStoreCommand({ Name: first.name }))).ETag
    expect(
      await failure(
        cf.send(new DeleteKeyValueStoreCommand({ Name: first.name, IfMatch: storeEtag })),
      ),
    ).toEqual({ name: 'CannotDeleteEntityWhileInUse', status: 409 })
    // Moving the function to the second store frees the first.
    const updated = await cf.send(
      new UpdateFunctionCommand({
        Name: name,
        IfMatch: created.ETag,
        FunctionConfig: functionConfig([second.arn]),
        FunctionCode: code,
      }),
    )
    await cf.send(new DeleteKeyValueStoreCommand({ Name: first.name, IfMatch: storeEtag }))
    await cf.send(new DeleteFunctionCommand({ Name: name, IfMatch: updated.ETag }))
  })
})

describe('KeyValueStore data plane (SigV4A), through @aws-sdk/client-cloudfront-keyvaluestore', () => {
  const saved = process.env.AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE
  afterEach(() => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE
    else process.env.AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE = saved
  })

  it('describe, put, get, list (paged), update in a batch and delete keys, every write with the current ETag', async () => {
    const { arn, etag } = await readyStore('data')
    // The endpoint from the SDK's environment variable, as the action will take it.
    process.env.AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE = kvsEndpoint()
    const client: CloudFrontKeyValueStoreClient = kvsClient('env')
    const empty = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))
    expect(empty).toMatchObject({
      KvsARN: arn,
      ItemCount: 0,
      TotalSizeInBytes: 0,
      Status: 'READY',
      ETag: etag,
    })
    const put = await client.send(
      new PutKeyCommand({ KvsARN: arn, Key: '/a/b', Value: 'v1', IfMatch: etag }),
    )
    expect(put).toMatchObject({ ItemCount: 1, TotalSizeInBytes: 6 })
    expect(put.ETag).not.toBe(etag)
    expect(await client.send(new GetKeyCommand({ KvsARN: arn, Key: '/a/b' }))).toMatchObject({
      Key: '/a/b',
      Value: 'v1',
      ItemCount: 1,
    })
    const batch = await client.send(
      new UpdateKeysCommand({
        KvsARN: arn,
        IfMatch: put.ETag,
        Puts: Array.from({ length: 12 }, (_, i) => ({
          Key: `k${String(i).padStart(2, '0')}`,
          Value: `v${i}`,
        })),
        Deletes: [{ Key: '/a/b' }],
      }),
    )
    expect(batch.ItemCount).toBe(12)
    const keys: string[] = []
    let token: string | undefined
    do {
      const page = await client.send(
        new ListKeysCommand({ KvsARN: arn, MaxResults: 5, NextToken: token }),
      )
      expect(page.Items!.length).toBeLessThanOrEqual(5)
      keys.push(...page.Items!.map((i) => i.Key!))
      token = page.NextToken
    } while (token)
    expect(keys).toEqual(Array.from({ length: 12 }, (_, i) => `k${String(i).padStart(2, '0')}`))
    const deleted = await client.send(
      new DeleteKeyCommand({ KvsARN: arn, Key: 'k00', IfMatch: batch.ETag }),
    )
    expect(deleted.ItemCount).toBe(11)
    expect(await failure(client.send(new GetKeyCommand({ KvsARN: arn, Key: 'k00' })))).toEqual({
      name: 'ResourceNotFoundException',
      status: 404,
    })
    expect((await client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))).ETag).toBe(
      deleted.ETag,
    )
  })

  it('If-Match: missing is a ValidationException, stale a ConflictException; a store still PROVISIONING is a ConflictException', async () => {
    const { arn, etag } = await readyStore('etag')
    expect(
      await failure(
        kvs.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'v', IfMatch: undefined })),
      ),
    ).toEqual({ name: 'ValidationException', status: 400 })
    const put = await kvs.send(
      new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'v', IfMatch: etag }),
    )
    for (const stale of [
      () => kvs.send(new PutKeyCommand({ KvsARN: arn, Key: 'k', Value: 'w', IfMatch: etag })),
      () => kvs.send(new DeleteKeyCommand({ KvsARN: arn, Key: 'k', IfMatch: etag })),
      () =>
        kvs.send(
          new UpdateKeysCommand({ KvsARN: arn, IfMatch: etag, Puts: [{ Key: 'x', Value: 'y' }] }),
        ),
    ]) {
      expect(await failure(stale())).toEqual({ name: 'ConflictException', status: 409 })
    }
    expect((await kvs.send(new GetKeyCommand({ KvsARN: arn, Key: 'k' }))).Value).toBe('v')
    expect((await kvs.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))).ETag).toBe(put.ETag)

    const fresh = await cf.send(new CreateKeyValueStoreCommand({ Name: `prov-${tag()}` }))
    const freshArn = fresh.KeyValueStore!.ARN!
    const described = await kvs.send(new DescribeKeyValueStoreCommand({ KvsARN: freshArn }))
    expect(described.Status).toBe('PROVISIONING')
    const early = kvs.send(
      new PutKeyCommand({ KvsARN: freshArn, Key: 'k', Value: 'v', IfMatch: described.ETag }),
    )
    expect(await failure(early)).toEqual({ name: 'ConflictException', status: 409 })
    expect(
      (await cf.send(new DescribeStoreCommand({ Name: fresh.KeyValueStore!.Name! }))).KeyValueStore
        ?.Status,
    ).toBe('READY')
    await kvs.send(
      new PutKeyCommand({ KvsARN: freshArn, Key: 'k', Value: 'v', IfMatch: described.ETag }),
    )
  })

  it('limits: key 512 bytes (1,024 characters by the model), value 1 KB, MaxResults 1-50, UpdateKeys 50 keys / 3 MB, all or nothing', async () => {
    const { arn, etag } = await readyStore('limits')
    const put = (Key: string, Value: string) =>
      kvs.send(new PutKeyCommand({ KvsARN: arn, Key, Value, IfMatch: etag }))
    expect(await failure(put('é'.repeat(257), 'v'))).toEqual({
      name: 'ServiceQuotaExceededException',
      status: 402,
    })
    expect(await failure(put('k'.repeat(1025), 'v'))).toEqual({
      name: 'ValidationException',
      status: 400,
    })
    expect(await failure(put('k', 'v'.repeat(1025)))).toEqual({
      name: 'ServiceQuotaExceededException',
      status: 402,
    })
    const fits = await put('é'.repeat(256), 'v'.repeat(1024))
    expect(fits.TotalSizeInBytes).toBe(512 + 1024)
    const batch = (Puts: { Key: string; Value: string }[], IfMatch = fits.ETag) =>
      kvs.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch, Puts }))
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `b${i}`, Value: 'v' }))
    expect(await failure(batch(many(51)))).toEqual({
      name: 'ServiceQuotaExceededException',
      status: 402,
    })
    expect(await failure(batch([{ Key: 'big', Value: 'v'.repeat(3 * 1024 * 1024) }]))).toEqual({
      name: 'ServiceQuotaExceededException',
      status: 402,
    })
    // One bad item refuses the whole batch: nothing changes.
    expect(await failure(batch([...many(3), { Key: 'bad', Value: 'v'.repeat(1025) }]))).toEqual({
      name: 'ServiceQuotaExceededException',
      status: 402,
    })
    expect(
      await failure(
        batch([
          { Key: 'dup', Value: '1' },
          { Key: 'dup', Value: '2' },
        ]),
      ),
    ).toEqual({
      name: 'ValidationException',
      status: 400,
    })
    const unchanged = await kvs.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }))
    expect(unchanged).toMatchObject({ ETag: fits.ETag, ItemCount: 1 })
    expect((await batch(many(50))).ItemCount).toBe(51)
    expect(await failure(kvs.send(new ListKeysCommand({ KvsARN: arn, MaxResults: 51 })))).toEqual({
      name: 'ValidationException',
      status: 400,
    })
  })

  it('a store holds at most 5 MB of keys and values', async () => {
    const { arn, etag } = await readyStore('size')
    const item = 512 + 1024
    const count = Math.floor((5 * 1024 * 1024) / item) // 3,413 items, 512 bytes short of 5 MB
    let current = etag
    for (let start = 0; start < count; start += 50) {
      const Puts = Array.from({ length: Math.min(50, count - start) }, (_, i) => ({
        Key: String(start + i).padStart(512, 'k'),
        Value: 'v'.repeat(1024),
      }))
      current = (await kvs.send(new UpdateKeysCommand({ KvsARN: arn, IfMatch: current, Puts })))
        .ETag!
    }
    const over = kvs.send(
      new PutKeyCommand({ KvsARN: arn, Key: 'x', Value: 'v'.repeat(512), IfMatch: current }),
    )
    expect(await failure(over)).toEqual({ name: 'ServiceQuotaExceededException', status: 402 })
    const last = await kvs.send(
      new PutKeyCommand({ KvsARN: arn, Key: 'x', Value: 'v'.repeat(511), IfMatch: current }),
    )
    expect(last.TotalSizeInBytes).toBe(5 * 1024 * 1024)
  })

  it('an unknown store is a ResourceNotFoundException; unsigned and SigV4 (not 4A) requests are refused 403', async () => {
    const { arn } = await readyStore('auth')
    const gone = arn.replace(/[0-9a-f]{12}$/, '000000000000')
    expect(await failure(kvs.send(new DescribeKeyValueStoreCommand({ KvsARN: gone })))).toEqual({
      name: 'ResourceNotFoundException',
      status: 404,
    })
    const url = `${layer}/key-value-stores/${encodeURIComponent(arn)}`
    const unsigned = await fetch(url)
    expect(unsigned.status).toBe(403)
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('AccessDeniedException')
    const sigv4 = await fetch(url, {
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/cloudfront-keyvaluestore/aws4_request, SignedHeaders=host, Signature=00',
        'x-amz-region-set': '*',
      },
    })
    expect(sigv4.status).toBe(403)
  })
})

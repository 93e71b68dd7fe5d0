// The strict AWS layer's edge (scripts/strict-aws/edge.mjs): what a viewer gets from a distribution
// created through the layer, with an S3 origin behind an origin access control, a viewer-request
// function reading a KeyValueStore and a viewer-response function. Checked as a viewer sees it:
// status, Location, headers, bytes. The layer is shared and never reset: every resource is unique.
import {
  CreateDistributionCommand,
  CreateFunctionCommand,
  CreateKeyValueStoreCommand,
  CreateOriginAccessControlCommand,
  DescribeKeyValueStoreCommand as DescribeStoreCommand,
  GetDistributionConfigCommand,
  PublishFunctionCommand,
  UpdateDistributionCommand,
  type CustomErrorResponses,
} from '@aws-sdk/client-cloudfront'
import {
  DescribeKeyValueStoreCommand,
  UpdateKeysCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore'
import { PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { createHash } from 'node:crypto'
import { brotliCompressSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { CERT } from '../helpers/cloudfront.js'
import { kvsClient, viewerGet } from '../helpers/edge.js'
import { bucketWith, cf, distributionConfig, log, s3, tag } from './layer.js'

const VIEWER_REQUEST = `import cf from 'cloudfront'
import crypto from 'crypto'
const kvs = cf.kvs()
async function handler(event) {
  const request = event.request
  if (request.uri === '/hello') {
    const greeting = await kvs.get('greeting')
    const hash = crypto.createHash('sha256').update(greeting).digest('hex')
    const a = request.querystring.a
    return {
      statusCode: 200,
      statusDescription: 'OK',
      headers: { 'content-type': { value: 'text/plain' }, 'x-hash': { value: hash } },
      cookies: { seen: { value: 'yes', attributes: 'Path=/' } },
      body: greeting + ' ' + request.headers.host.value + ' ' + (a.multiValue ? a.multiValue.length : 1),
    }
  }
  if (await kvs.exists('redirect:' + request.uri)) {
    const location = await kvs.get('redirect:' + request.uri)
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: location } } }
  }
  if (request.uri === '/broken') throw new Error('broken on purpose')
  if (request.uri === '/invalid') request.headers.host = { value: 'elsewhere.example' }
  if (request.uri.endsWith('/')) request.uri += 'index.html'
  return request
}`

const VIEWER_RESPONSE = `function handler(event) {
  const response = event.response
  response.headers['x-original-uri'] = { value: event.request.uri }
  response.headers['x-origin-status'] = { value: String(response.statusCode) }
  if (event.request.uri === '/replaced.txt') {
    response.body = { encoding: 'base64', data: btoa('replaced body') }
    response.headers['content-type'] = { value: 'text/plain' }
  }
  return response
}`

const APP_JS = brotliCompressSync(Buffer.from('console.log("app");'.repeat(200)))

async function publish(code: string, kvsArn?: string): Promise<string> {
  const name = `edge-${tag()}`
  const created = await cf.send(
    new CreateFunctionCommand({
      Name: name,
      FunctionConfig: {
        Comment: 'edge test',
        Runtime: 'cloudfront-js-2.0',
        KeyValueStoreAssociations: kvsArn
          ? { Quantity: 1, Items: [{ KeyValueStoreARN: kvsArn }] }
          : { Quantity: 0 },
      },
      FunctionCode: new TextEncoder().encode(code),
    }),
  )
  await cf.send(new PublishFunctionCommand({ Name: name, IfMatch: created.ETag }))
  return created.FunctionSummary!.FunctionMetadata!.FunctionARN!
}

async function site(label: string) {
  const bucket = await bucketWith(label, { 'replaced.txt': 'origin body' })
  const pages = {
    'index.html': '<h1>home</h1>',
    'about/index.html': '<h1>about</h1>',
    '404.html': '<h1>not here</h1>',
  }
  for (const [Key, Body] of Object.entries(pages))
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body, ContentType: 'text/html' }))
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: 'app.js',
      Body: APP_JS,
      ContentType: 'text/javascript',
      ContentEncoding: 'br',
      CacheControl: 'public, max-age=31536000, immutable',
      Metadata: { build: 'b42' },
    }),
  )
  return bucket
}

/** A distribution in front of `bucket` through an OAC; `functions` by event type. */
async function distribution(
  bucket: string,
  functions: Record<string, string>,
  aliases: string[] = [],
  withOac = true,
) {
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
  const config = distributionConfig({
    aliases,
    oac: withOac ? oac.OriginAccessControl!.Id : undefined,
  })
  config.Origins!.Items![0]!.DomainName = `${bucket}.s3.us-east-1.amazonaws.com`
  if (aliases.length)
    config.ViewerCertificate = {
      ACMCertificateArn: CERT,
      SSLSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    }
  const items = Object.entries(functions).map(([EventType, FunctionARN]) => ({
    EventType: EventType as 'viewer-request' | 'viewer-response',
    FunctionARN,
  }))
  config.DefaultCacheBehavior!.FunctionAssociations = { Quantity: items.length, Items: items }
  const created = await cf.send(new CreateDistributionCommand({ DistributionConfig: config }))
  return { id: created.Distribution!.Id!, arn: created.Distribution!.ARN! }
}

function oacPolicy(bucket: string, distributionArn: string, actions: string[] = ['s3:GetObject']) {
  const statements = actions.map((action) => ({
    Effect: 'Allow',
    Principal: { Service: 'cloudfront.amazonaws.com' },
    Action: action,
    Resource: action === 's3:ListBucket' ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/*`,
    Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
  }))
  return s3.send(
    new PutBucketPolicyCommand({
      Bucket: bucket,
      Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    }),
  )
}

async function setCustomErrors(id: string, errors: CustomErrorResponses) {
  const current = await cf.send(new GetDistributionConfigCommand({ Id: id }))
  await cf.send(
    new UpdateDistributionCommand({
      Id: id,
      IfMatch: current.ETag,
      DistributionConfig: { ...current.DistributionConfig!, CustomErrorResponses: errors },
    }),
  )
}

describe('the edge: a distribution with functions, a key value store and a private S3 origin', () => {
  const domain = `${tag()}.example.com`
  let bucket = ''
  let dist = { id: '', arn: '' }

  beforeAll(async () => {
    const storeName = `edge-${tag()}`
    const store = (await cf.send(new CreateKeyValueStoreCommand({ Name: storeName })))
      .KeyValueStore!
    await cf.send(new DescribeStoreCommand({ Name: storeName }))
    const kvs = kvsClient()
    const { ETag } = await kvs.send(new DescribeKeyValueStoreCommand({ KvsARN: store.ARN }))
    await kvs.send(
      new UpdateKeysCommand({
        KvsARN: store.ARN,
        IfMatch: ETag,
        Puts: [
          { Key: 'greeting', Value: 'hello' },
          { Key: 'redirect:/old', Value: '/new/' },
        ],
      }),
    )
    bucket = await site('edge')
    dist = await distribution(
      bucket,
      {
        'viewer-request': await publish(VIEWER_REQUEST, store.ARN),
        'viewer-response': await publish(VIEWER_RESPONSE),
      },
      [`www.${domain}`],
    )
    await oacPolicy(bucket, dist.arn)
  })

  it('rewrites the URI for the origin, while the viewer-response function sees the original request', async () => {
    const got = await viewerGet(dist.id, '/about/')
    expect(got.status).toBe(200)
    expect(got.body.toString()).toBe('<h1>about</h1>')
    expect(got.headers['x-original-uri']).toBe('/about/')
    expect(got.headers['x-origin-status']).toBe('200')
    expect(got.headers['content-type']).toBe('text/html')
    const root = await viewerGet(dist.id, '/')
    expect(root.body.toString()).toBe('<h1>home</h1>')
  })

  it('redirects from a key value store entry and generates a body; no viewer-response function on either', async () => {
    const moved = await viewerGet(dist.id, '/old')
    expect(moved.status).toBe(301)
    expect(moved.headers.location).toBe('/new/')
    expect(moved.headers['x-original-uri']).toBeUndefined()
    const hello = await viewerGet(dist.id, '/hello?a=1&a=2', { host: `www.${domain}` })
    expect(hello.status).toBe(200)
    expect(hello.body.toString()).toBe(`hello www.${domain} 2`)
    expect(hello.headers['x-hash']).toBe(createHash('sha256').update('hello').digest('hex'))
    expect(hello.headers['set-cookie']).toBe('seen=yes; Path=/')
    expect(hello.headers['x-original-uri']).toBeUndefined()
    // The default Host is the distribution's own domain name; a Host it does not serve is refused.
    expect((await viewerGet(dist.id, '/hello?a=1')).body.toString()).toMatch(
      /^hello \w+\.cloudfront\.net 1$/,
    )
    expect((await viewerGet(dist.id, '/hello', { host: `other.${domain}` })).status).toBe(403)
  })

  it('passes Content-Encoding, Cache-Control, ETag, x-amz-meta-* and the exact bytes; HEAD has the headers only', async () => {
    const got = await viewerGet(dist.id, '/app.js', { acceptEncoding: 'br' })
    expect(got.status).toBe(200)
    expect(got.body.equals(APP_JS)).toBe(true)
    expect(got.headers).toMatchObject({
      'content-encoding': 'br',
      'content-type': 'text/javascript',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-amz-meta-build': 'b42',
      'content-length': String(APP_JS.length),
    })
    expect(got.headers.etag).toBe(`"${createHash('md5').update(APP_JS).digest('hex')}"`)
    const head = await viewerGet(dist.id, '/app.js', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
    expect(head.headers['content-length']).toBe(String(APP_JS.length))
  })

  it('a viewer-response function replaces the body it cannot read', async () => {
    const got = await viewerGet(dist.id, '/replaced.txt')
    expect(got.body.toString()).toBe('replaced body')
    expect(got.headers['content-length']).toBe('13')
  })

  it('a missing object is 403 AccessDenied without custom errors, the custom page with its ResponseCode with them', async () => {
    const missing = await viewerGet(dist.id, '/nope.html')
    expect(missing.status).toBe(403)
    expect(missing.body.toString()).toContain('<Code>AccessDenied</Code>')
    // The origin answered 403: CloudFront runs no viewer-response function.
    expect(missing.headers['x-original-uri']).toBeUndefined()
    await setCustomErrors(dist.id, {
      Quantity: 1,
      Items: [
        {
          ErrorCode: 403,
          ResponsePagePath: '/404.html',
          ResponseCode: '404',
          ErrorCachingMinTTL: 0,
        },
      ],
    })
    const page = await viewerGet(dist.id, '/nope.html')
    expect(page.status).toBe(404)
    expect(page.body.toString()).toBe('<h1>not here</h1>')
    expect(page.headers['content-type']).toBe('text/html')
    expect(page.headers['x-original-uri']).toBeUndefined()
    // A custom page that is itself missing: the viewer gets what its origin answered.
    await setCustomErrors(dist.id, {
      Quantity: 1,
      Items: [{ ErrorCode: 403, ResponsePagePath: '/gone.html', ResponseCode: '404' }],
    })
    expect((await viewerGet(dist.id, '/nope.html')).status).toBe(403)
  })

  it('a function that throws is a 503, one that sets a read-only header a 502, each naming the error', async () => {
    const broken = await viewerGet(dist.id, '/broken')
    expect(broken.status).toBe(503)
    expect(broken.headers['x-cache']).toBe('FunctionExecutionError from cloudfront')
    expect(broken.body.toString()).toContain('broken on purpose')
    const invalid = await viewerGet(dist.id, '/invalid')
    expect(invalid.status).toBe(502)
    expect(invalid.headers['x-cache']).toBe('FunctionValidationError from cloudfront')
    expect(invalid.body.toString()).toContain('host is read-only')
  })
})

describe('the edge: the origin answers as a private bucket answers CloudFront', () => {
  it('without a bucket policy granting this distribution, every object is 403; with s3:ListBucket a missing key is 404', async () => {
    const bucket = await site('oac')
    const dist = await distribution(bucket, {})
    const denied = await viewerGet(dist.id, '/index.html')
    expect(denied.status).toBe(403)
    expect((await log(`/strict-edge/${dist.id}/index.html`)).map((e) => e.rule)).toContain(
      'edge-origin-denied',
    )
    // A policy for another distribution does not help.
    await oacPolicy(bucket, dist.arn.replace(/[A-Z0-9]+$/, 'E0THERDIST'))
    expect((await viewerGet(dist.id, '/index.html')).status).toBe(403)
    await oacPolicy(bucket, dist.arn)
    expect((await viewerGet(dist.id, '/index.html')).status).toBe(200)
    expect((await viewerGet(dist.id, '/nope')).status).toBe(403)
    await oacPolicy(bucket, dist.arn, ['s3:GetObject', 's3:ListBucket'])
    const missing = await viewerGet(dist.id, '/nope')
    expect(missing.status).toBe(404)
    expect(missing.body.toString()).toContain('<Code>NoSuchKey</Code>')
  })

  it('without an origin access control CloudFront asks anonymously: a policy for the service principal does not apply', async () => {
    const bucket = await site('nooac')
    const dist = await distribution(bucket, {}, [], false)
    await oacPolicy(bucket, dist.arn)
    expect((await viewerGet(dist.id, '/index.html')).status).toBe(403)
  })
})

// Bad input through the bundled action: every case fails with a message that names the input, the
// value and what is accepted, and not one request reaches S3 or CloudFront.
import { generateKeyPairSync } from 'node:crypto'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasControlCharacter } from '../../src/core/keys.js'
import { CERT } from '../helpers/cloudfront.js'
import { useDeployHarness } from '../helpers/harness.js'

const h = useDeployHarness({
  cloudfront: true,
  site: { 'index.html': 'x', 'a.css': 'a' },
  inputs: { bucket: 'good-bucket' },
})
const { proxy, deploy } = h

type Case = [string, Record<string, string>, string, string | RegExp]
/** Six PEM public keys: one more than a CloudFront key group takes. */
const SIX_KEYS = Array.from({ length: 6 }, () =>
  generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({
    type: 'spki',
    format: 'pem',
  }),
).join('\n')

// [what, inputs (source and bucket default to good values), input named, message]
const cases: Case[] = [
  ['bucket with upper case', { bucket: 'My-Bucket' }, 'bucket', /lower-case letters/],
  ['bucket with an underscore', { bucket: 'my_bucket' }, 'bucket', /lower-case letters/],
  ['bucket too short', { bucket: 'ab' }, 'bucket', /3 to 63 characters/],
  ['bucket like an IP address', { bucket: '192.168.1.1' }, 'bucket', /IP address/],
  ['bucket with two dots', { bucket: 'a..b' }, 'bucket', /two dots/],
  ['bucket with a reserved suffix', { bucket: 'site-s3alias' }, 'bucket', /must not end with/],
  ['prefix with ..', { prefix: 'a/../b' }, 'prefix', /"\." or "\.\." segments/],
  ['prefix with a leading /', { prefix: '/site' }, 'prefix', /must not start with "\/"/],
  [
    'prefix with a control character',
    { prefix: 'a\u0007b' },
    'prefix',
    /control or invisible character U\+0007/,
  ],
  ['prefix with //', { prefix: 'a//b' }, 'prefix', /"\/\/"/],
  ['unparseable include glob', { include: 'assets/[a' }, 'include', /does not parse/],
  ['absolute exclude glob', { exclude: '/etc/**' }, 'exclude', /relative to the source/],
  [
    'cache rule without ": "',
    { 'cache-control': '*.css public' },
    'cache-control',
    /"GLOB: VALUE"/,
  ],
  [
    'cache rule with a bad directive',
    { 'cache-control': '*.css: max-age=ten minutes' },
    'cache-control',
    /not a Cache-Control directive/,
  ],
  [
    'content-type rule with a bad type',
    { 'content-type': 'LICENSE: text' },
    'content-type',
    /type\/subtype/,
  ],
  ['negative max-deletes', { 'max-deletes': '-5' }, 'max-deletes', /-1 for no cap/],
  ['non-numeric max-deletes', { 'max-deletes': 'lots' }, 'max-deletes', /whole number/],
  ['concurrency 0', { concurrency: '0' }, 'concurrency', /from 1 to 256/],
  ['concurrency too high', { concurrency: '10000' }, 'concurrency', /from 1 to 256/],
  ['concurrency not a number', { concurrency: 'fast' }, 'concurrency', /from 1 to 256/],
  [
    'alias that is not a host name',
    { aliases: 'exa mple.com', 'certificate-arn': CERT },
    'aliases',
    /each label/,
  ],
  [
    'alias with a trailing dot',
    { aliases: 'example.com.', 'certificate-arn': CERT },
    'aliases',
    /must not end with a dot/,
  ],
  [
    'alias with a scheme',
    { aliases: 'https://example.com', 'certificate-arn': CERT },
    'aliases',
    /without a scheme/,
  ],
  [
    'certificate that is not ACM',
    {
      aliases: 'a.example.com',
      'certificate-arn': 'arn:aws:iam::123456789012:server-certificate/x',
    },
    'certificate-arn',
    /ACM certificate ARN/,
  ],
  [
    'certificate outside us-east-1',
    { aliases: 'a.example.com', 'certificate-arn': CERT.replace('us-east-1', 'eu-central-1') },
    'certificate-arn',
    /only uses ACM certificates from us-east-1/,
  ],
  [
    'preview outside a pull request',
    { preview: 'true' },
    'preview',
    /previews are for pull_request events \(this is push\)/,
  ],
  [
    'unknown mode',
    { mode: 'deploy' },
    'mode',
    /expected one of publish, remove, prune-previews, rollback, promote/,
  ],
  [
    'preview-max-age not a duration',
    { mode: 'prune-previews', 'preview-max-age': '14 days' },
    'preview-max-age',
    /expected a duration such as 7d/,
  ],
  ['source /', { source: '/' }, 'source', /file system root/],
  [
    'workspace root with delete and no include',
    { source: '.' },
    'source',
    /mirror \(and prune to\) the repository/,
  ],
  ['delete not a boolean', { delete: 'yes' }, 'delete', /expected true or false/],
  ['dry-run not a boolean', { 'dry-run': '1' }, 'dry-run', /expected true or false/],
  [
    'price class unknown',
    { 'price-class': 'PriceClass_50' },
    'price-class',
    /PriceClass_100, PriceClass_200, PriceClass_All/,
  ],
  [
    'invalidation budget over 3000',
    { 'invalidation-max-paths': '5000' },
    'invalidation-max-paths',
    /1 to 3000/,
  ],
  ['tag without =', { tags: 'team' }, 'tags', /key=value/],
  [
    "tag with the action's own prefix",
    { tags: 'cdn-publish:origin=x' },
    'tags',
    /cdn-publish: prefix/,
  ],
  [
    'more public keys than a key group takes',
    { 'viewer-access': 'signed', 'public-key': SIX_KEYS },
    'public-key',
    /at most 5 public keys/,
  ],
  [
    'endpoint that is not a URL',
    { 'endpoint-url': 'minio:9000' },
    'endpoint-url',
    /http:\/\/ or https:\/\//,
  ],
]

describe('bad input (bundled action)', () => {
  it('covers at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30)
  })

  it.each(cases)('%s', async (_what, inputs, input, message) => {
    const push = await h.event(
      'push',
      { ref: 'refs/heads/main' },
      { GITHUB_REF: 'refs/heads/main' },
    )
    const run = await deploy(inputs, push)
    expect(run.code).toBe(1)
    const text = run.errors.join('\n')
    expect(text).toContain(`Input '${input}'`)
    const shown = inputs[input] ?? ''
    if (!hasControlCharacter(shown))
      expect(text).toContain(
        JSON.stringify(input === 'aliases' ? shown.toLowerCase() : shown).slice(1, -1),
      )
    expect(text).toMatch(message)
    expect(proxy.requests).toEqual([])
  })

  it('a source that is a file or missing fails before any request', async () => {
    const file = await deploy({ source: path.join(h.site, 'a.css') })
    expect(file.errors.join('\n')).toMatch(
      /Input 'source' names .*a\.css.*is a file, not a directory/,
    )
    expect(proxy.requests).toEqual([]) // each run clears the record: checked after both
    const missing = await deploy({ source: path.join(h.site, 'dist') })
    expect(missing.errors.join('\n')).toMatch(/Input 'source' names .*dist.*does not exist/)
    expect(proxy.requests).toEqual([])
  })

  it('several bad inputs are reported together', async () => {
    const run = await deploy({ bucket: 'BAD', concurrency: '0', delete: 'maybe' })
    const text = run.errors.join('\n')
    expect(text).toMatch(/3 inputs are invalid/)
    for (const input of ['bucket', 'concurrency', 'delete'])
      expect(text).toContain(`Input '${input}'`)
  })
})

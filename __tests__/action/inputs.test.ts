import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/core/errors.js'
import { parseConfig } from '../../src/action/inputs.js'
import { getInput, InputErrors, type Env } from '../../src/action/readers.js'

const WORKSPACE = '/home/runner/work/site/site'

/** The smallest valid environment: every case below changes one thing in it. */
function env(overrides: Record<string, string | undefined> = {}): Env {
  return {
    GITHUB_WORKSPACE: WORKSPACE,
    INPUT_SOURCE: 'dist',
    INPUT_BUCKET: 'my-site-bucket',
    ...overrides,
  }
}

/** parseConfig must throw InputErrors; return it. */
function parseFailure(e: Env): InputErrors {
  let thrown: unknown
  try {
    parseConfig(e)
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(InputErrors)
  return thrown as InputErrors
}

describe('getInput', () => {
  it.each([
    ['max-deletes', { 'INPUT_MAX-DELETES': '5' }, '5'],
    ['dry-run', { 'INPUT_DRY-RUN': ' true \n' }, 'true'],
    ['with space', { INPUT_WITH_SPACE: 'x' }, 'x'],
    ['bucket', {}, ''],
  ])('reads %s as the runner passes it', (name, e, expected) => {
    expect(getInput(e, name)).toBe(expected)
  })
})

describe('parseConfig: bad inputs are rejected with the input name and value', () => {
  // [what, environment changes, input named in the error, value named in the error]
  const cases: Array<[string, Record<string, string | undefined>, string, string]> = [
    // bucket names S3 rejects
    ['bucket with upper case', { INPUT_BUCKET: 'My-Bucket' }, 'bucket', 'My-Bucket'],
    ['bucket with underscore', { INPUT_BUCKET: 'my_bucket' }, 'bucket', 'my_bucket'],
    ['bucket too short', { INPUT_BUCKET: 'ab' }, 'bucket', 'ab'],
    ['bucket too long', { INPUT_BUCKET: 'a'.repeat(64) }, 'bucket', 'a'.repeat(64)],
    ['bucket like an IP address', { INPUT_BUCKET: '192.168.1.10' }, 'bucket', '192.168.1.10'],
    ['bucket with xn-- prefix', { INPUT_BUCKET: 'xn--bucket' }, 'bucket', 'xn--bucket'],
    ['bucket with sthree- prefix', { INPUT_BUCKET: 'sthree-bucket' }, 'bucket', 'sthree-bucket'],
    ['bucket with -s3alias suffix', { INPUT_BUCKET: 'bucket-s3alias' }, 'bucket', 'bucket-s3alias'],
    ['bucket with --ol-s3 suffix', { INPUT_BUCKET: 'bucket--ol-s3' }, 'bucket', 'bucket--ol-s3'],
    ['bucket with two dots', { INPUT_BUCKET: 'my..bucket' }, 'bucket', 'my..bucket'],
    ['bucket starting with a hyphen', { INPUT_BUCKET: '-bucket' }, 'bucket', '-bucket'],
    ['bucket ending with a dot', { INPUT_BUCKET: 'bucket.' }, 'bucket', 'bucket.'],
    ['bucket with a slash', { INPUT_BUCKET: 'bucket/prefix' }, 'bucket', 'bucket/prefix'],
    // prefixes
    ['prefix with ..', { INPUT_PREFIX: 'site/../other' }, 'prefix', 'site/../other'],
    ['prefix that is ..', { INPUT_PREFIX: '..' }, 'prefix', '..'],
    ['prefix with a . segment', { INPUT_PREFIX: './site' }, 'prefix', './site'],
    ['prefix with leading /', { INPUT_PREFIX: '/site/v1' }, 'prefix', '/site/v1'],
    ['prefix with a control character', { INPUT_PREFIX: 'site\u0001v1' }, 'prefix', 'site\u0001v1'],
    ['prefix with a tab', { INPUT_PREFIX: 'site\tv1' }, 'prefix', 'site\tv1'],
    ['prefix with //', { INPUT_PREFIX: 'site//v1' }, 'prefix', 'site//v1'],
    ['prefix with backslash', { INPUT_PREFIX: 'site\\v1' }, 'prefix', 'site\\v1'],
    ['prefix over 512 bytes', { INPUT_PREFIX: 'é'.repeat(257) }, 'prefix', 'é'.repeat(257)],
    // include / exclude globs
    [
      'include that is only a comment',
      { INPUT_INCLUDE: '# nothing yet' },
      'include',
      '# nothing yet',
    ],
    ['include with unclosed bracket', { INPUT_INCLUDE: 'a[b' }, 'include', 'a[b'],
    ['include with unclosed brace', { INPUT_INCLUDE: '{a' }, 'include', '{a'],
    ['include with leading /', { INPUT_INCLUDE: '/assets/**' }, 'include', '/assets/**'],
    ['include with ..', { INPUT_INCLUDE: '../secrets/**' }, 'include', '../secrets/**'],
    ['include negated', { INPUT_INCLUDE: '!*.map' }, 'include', '!*.map'],
    ['bad glob among good ones', { INPUT_INCLUDE: '**/*.html\nassets/[x' }, 'include', 'assets/[x'],
    ['exclude with unclosed bracket', { INPUT_EXCLUDE: 'a[b' }, 'exclude', 'a[b'],
    ['exclude with unclosed brace', { INPUT_EXCLUDE: '{a' }, 'exclude', '{a'],
    ['exclude with leading /', { INPUT_EXCLUDE: '/tmp' }, 'exclude', '/tmp'],
    ['exclude with ..', { INPUT_EXCLUDE: 'a/../b' }, 'exclude', 'a/../b'],
    // cache-control rules
    [
      'cache-control without ": "',
      { 'INPUT_CACHE-CONTROL': '*.html:no-cache' },
      'cache-control',
      '*.html:no-cache',
    ],
    [
      'cache-control with empty value',
      { 'INPUT_CACHE-CONTROL': '*.html: ' },
      'cache-control',
      '*.html:',
    ],
    [
      'cache-control with a bad directive',
      { 'INPUT_CACHE-CONTROL': '*.html: max age=60' },
      'cache-control',
      '*.html: max age=60',
    ],
    [
      'cache-control with ; instead of ,',
      { 'INPUT_CACHE-CONTROL': '*.css: public; max-age=60' },
      'cache-control',
      '*.css: public; max-age=60',
    ],
    [
      'cache-control with non-ASCII value',
      { 'INPUT_CACHE-CONTROL': '*.css: public, max-age=60é' },
      'cache-control',
      '*.css: public, max-age=60é',
    ],
    [
      'cache-control with a bad glob',
      { 'INPUT_CACHE-CONTROL': 'a[b: no-cache' },
      'cache-control',
      'a[b: no-cache',
    ],
    // content-type rules
    [
      'content-type without subtype',
      { 'INPUT_CONTENT-TYPE': '*.x: text' },
      'content-type',
      '*.x: text',
    ],
    [
      'content-type with a bad parameter',
      { 'INPUT_CONTENT-TYPE': '*.x: text/plain charset=utf-8' },
      'content-type',
      '*.x: text/plain charset=utf-8',
    ],
    [
      'content-type with spaces in type',
      { 'INPUT_CONTENT-TYPE': '*.x: text /plain' },
      'content-type',
      '*.x: text /plain',
    ],
    // metadata
    ['metadata with a lone !', { INPUT_METADATA: '!' }, 'metadata', '!'],
    ['metadata with leading /', { INPUT_METADATA: '/index.json' }, 'metadata', '/index.json'],
    // numbers
    ['max-deletes -2', { 'INPUT_MAX-DELETES': '-2' }, 'max-deletes', '-2'],
    ['max-deletes abc', { 'INPUT_MAX-DELETES': 'abc' }, 'max-deletes', 'abc'],
    ['max-deletes 1.5', { 'INPUT_MAX-DELETES': '1.5' }, 'max-deletes', '1.5'],
    ['max-deletes 1e3', { 'INPUT_MAX-DELETES': '1e3' }, 'max-deletes', '1e3'],
    [
      'max-deletes beyond safe integers',
      { 'INPUT_MAX-DELETES': '99999999999999999999' },
      'max-deletes',
      '99999999999999999999',
    ],
    ['concurrency 0', { INPUT_CONCURRENCY: '0' }, 'concurrency', '0'],
    ['concurrency 257', { INPUT_CONCURRENCY: '257' }, 'concurrency', '257'],
    ['concurrency -1', { INPUT_CONCURRENCY: '-1' }, 'concurrency', '-1'],
    ['concurrency x', { INPUT_CONCURRENCY: 'x' }, 'concurrency', 'x'],
    ['concurrency automatic', { INPUT_CONCURRENCY: 'automatic' }, 'concurrency', 'automatic'],
    // booleans
    ['delete yes', { INPUT_DELETE: 'yes' }, 'delete', 'yes'],
    ['delete 1', { INPUT_DELETE: '1' }, 'delete', '1'],
    ['dry-run 1', { 'INPUT_DRY-RUN': '1' }, 'dry-run', '1'],
    ['dry-run yes', { 'INPUT_DRY-RUN': 'yes' }, 'dry-run', 'yes'],
    ['allow-empty yes', { 'INPUT_ALLOW-EMPTY': 'yes' }, 'allow-empty', 'yes'],
    ['allow-empty tRuE', { 'INPUT_ALLOW-EMPTY': 'tRuE' }, 'allow-empty', 'tRuE'],
    // source and bucket
    ['missing source', { INPUT_SOURCE: undefined }, 'source', ''],
    ['blank source', { INPUT_SOURCE: '   ' }, 'source', ''],
    ['missing bucket', { INPUT_BUCKET: undefined }, 'bucket', ''],
    ['source is the file system root', { INPUT_SOURCE: '/' }, 'source', '/'],
    [
      'source climbs to the file system root',
      { INPUT_SOURCE: '../../../../../../..' },
      'source',
      '../../../../../../..',
    ],
    ['source with a control character', { INPUT_SOURCE: 'di\u0007st' }, 'source', 'di\u0007st'],
    ['source is the workspace, delete on, no include', { INPUT_SOURCE: '.' }, 'source', '.'],
    ['source is the workspace by absolute path', { INPUT_SOURCE: WORKSPACE }, 'source', WORKSPACE],
    [
      'source is the workspace, delete written true',
      { INPUT_SOURCE: './', INPUT_DELETE: 'true' },
      'source',
      './',
    ],
    // endpoints
    [
      'endpoint-url not a URL',
      { 'INPUT_ENDPOINT-URL': 'localhost:9000' },
      'endpoint-url',
      'localhost:9000',
    ],
    ['endpoint-url plain word', { 'INPUT_ENDPOINT-URL': 'minio' }, 'endpoint-url', 'minio'],
    [
      'endpoint-url ftp://',
      { 'INPUT_ENDPOINT-URL': 'ftp://files.example.com' },
      'endpoint-url',
      'ftp://files.example.com',
    ],
    [
      'AWS_ENDPOINT_URL_S3 ftp://',
      { AWS_ENDPOINT_URL_S3: 'ftp://s3.example.com' },
      'AWS_ENDPOINT_URL_S3',
      'ftp://s3.example.com',
    ],
    ['AWS_ENDPOINT_URL not a URL', { AWS_ENDPOINT_URL: 'nope' }, 'AWS_ENDPOINT_URL', 'nope'],
    // regions
    ['region with upper case', { INPUT_REGION: 'EU-WEST-1' }, 'region', 'EU-WEST-1'],
    ['region with underscore', { INPUT_REGION: 'eu_west_1' }, 'region', 'eu_west_1'],
    ['AWS_REGION with upper case', { AWS_REGION: 'Eu-West-1' }, 'AWS_REGION', 'Eu-West-1'],
    [
      'AWS_DEFAULT_REGION with upper case',
      { AWS_DEFAULT_REGION: 'US-EAST-1' },
      'AWS_DEFAULT_REGION',
      'US-EAST-1',
    ],
  ]

  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30)
  })

  it.each(cases)('%s', (_what, overrides, input, value) => {
    const failure = parseFailure(env(overrides))
    expect(failure.errors).toHaveLength(1)
    const error = failure.errors[0]!
    expect(error).toBeInstanceOf(InputError)
    expect(error.input).toBe(input)
    expect(error.value).toBe(value)
    expect(error.accepted.length).toBeGreaterThan(0)
    // The message a user sees names the input and the value.
    expect(failure.message).toContain(`'${input}'`)
    expect(failure.message).toContain(JSON.stringify(value))
  })

  it('does not echo credentials found in an endpoint URL', () => {
    const failure = parseFailure(
      env({ 'INPUT_ENDPOINT-URL': 'https://AKIAEXAMPLE:s3cr3t@minio.example.com' }),
    )
    expect(failure.errors).toHaveLength(1)
    expect(failure.errors[0]!.input).toBe('endpoint-url')
    expect(failure.errors[0]!.value).toBe('(redacted)')
    expect(failure.message).toContain("'endpoint-url'")
    expect(failure.message).not.toContain('s3cr3t')
    expect(failure.message).not.toContain('AKIAEXAMPLE')
  })

  it('reports several bad inputs at once, each named', () => {
    const failure = parseFailure(
      env({
        INPUT_BUCKET: 'Bad_Bucket',
        INPUT_PREFIX: '/abs',
        INPUT_CONCURRENCY: '0',
        'INPUT_DRY-RUN': 'yes',
        INPUT_EXCLUDE: 'ok/**\n{a',
      }),
    )
    expect(failure.errors.map((e) => [e.input, e.value])).toEqual([
      ['bucket', 'Bad_Bucket'],
      ['prefix', '/abs'],
      ['exclude', '{a'],
      ['dry-run', 'yes'],
      ['concurrency', '0'],
    ])
    expect(failure.message).toMatch(/^5 inputs are invalid:\n/)
    for (const e of failure.errors) expect(failure.message).toContain(`- ${e.message}`)
  })

  it('reports every bad line of a list, not only the first', () => {
    const failure = parseFailure(
      env({ 'INPUT_CACHE-CONTROL': 'a[b: no-cache\n*.css: max age\n*.js: public' }),
    )
    expect(failure.errors.map((e) => e.value)).toEqual(['a[b: no-cache', '*.css: max age'])
  })
})

describe('parseConfig: good inputs', () => {
  it('fills in the defaults', () => {
    // Only the sync settings; the CDN settings (config.cdn) are not this file's subject.
    expect(parseConfig(env())).toMatchObject({
      source: path.join(WORKSPACE, 'dist'),
      sourceInput: 'dist',
      bucket: 'my-site-bucket',
      prefix: '',
      region: 'us-east-1',
      endpoint: undefined,
      include: ['**'],
      exclude: [],
      cacheControl: [],
      contentType: [],
      metadata: { add: [], remove: [] },
      delete: true,
      maxDeletes: 256,
      dryRun: false,
      concurrency: 'auto',
      allowEmpty: false,
    })
  })

  it.each<[string, string | undefined, number | 'auto']>([
    ['the default', undefined, 'auto'],
    ['auto', 'auto', 'auto'],
    ['AUTO (any case)', 'AUTO', 'auto'],
    ['empty, as a workflow may pass it', '', 'auto'],
    ['a number, kept fixed', '64', 64],
    ['1', '1', 1],
    ['256', '256', 256],
  ])('concurrency: %s', (_name, value, expected) => {
    expect(parseConfig(env({ INPUT_CONCURRENCY: value })).concurrency).toBe(expected)
  })

  it.each([
    ['site', 'site'],
    ['site/', 'site'],
    ['site/v1//', 'site/v1'],
    ['/', ''],
    ['  docs/v2/  ', 'docs/v2'],
    ['a.b-c_d/é', 'a.b-c_d/é'],
  ])('prefix %j becomes %j', (input, expected) => {
    expect(parseConfig(env({ INPUT_PREFIX: input })).prefix).toBe(expected)
  })

  it('normalises the prefix to NFC', () => {
    const nfd = 'cafe\u0301/v1'
    const prefix = parseConfig(env({ INPUT_PREFIX: nfd })).prefix
    expect(prefix).toBe('caf\u00e9/v1')
    expect(prefix).not.toBe(nfd)
  })

  it.each([
    [
      'the input first',
      { INPUT_REGION: 'eu-west-1', AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'ap-south-1' },
      'eu-west-1',
    ],
    ['then AWS_REGION', { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'ap-south-1' }, 'us-west-2'],
    ['then AWS_DEFAULT_REGION', { AWS_DEFAULT_REGION: 'ap-south-1' }, 'ap-south-1'],
    ['then us-east-1', {}, 'us-east-1'],
    [
      'an empty AWS_REGION is skipped',
      { AWS_REGION: '', AWS_DEFAULT_REGION: 'eu-central-1' },
      'eu-central-1',
    ],
    ['non-AWS regions are names too', { INPUT_REGION: 'auto' }, 'auto'],
  ])('region: %s', (_what, overrides, expected) => {
    expect(parseConfig(env(overrides)).region).toBe(expected)
  })

  it.each([
    ['none', {}, undefined],
    ['the input', { 'INPUT_ENDPOINT-URL': 'http://127.0.0.1:5000' }, 'http://127.0.0.1:5000'],
    [
      'the input before the variables',
      {
        'INPUT_ENDPOINT-URL': 'https://a.example.com',
        AWS_ENDPOINT_URL_S3: 'https://b.example.com',
        AWS_ENDPOINT_URL: 'https://c.example.com',
      },
      'https://a.example.com',
    ],
    [
      'AWS_ENDPOINT_URL_S3 before AWS_ENDPOINT_URL',
      { AWS_ENDPOINT_URL_S3: 'https://b.example.com', AWS_ENDPOINT_URL: 'https://c.example.com' },
      'https://b.example.com',
    ],
    [
      'AWS_ENDPOINT_URL last',
      { AWS_ENDPOINT_URL: 'https://c.example.com' },
      'https://c.example.com',
    ],
    [
      'trailing slashes removed',
      { 'INPUT_ENDPOINT-URL': 'https://r2.example.com//' },
      'https://r2.example.com',
    ],
  ])('endpoint: %s', (_what, overrides, expected) => {
    expect(parseConfig(env(overrides)).endpoint).toBe(expected)
  })

  it('ignores comment lines and blank lines in lists', () => {
    const config = parseConfig(
      env({
        INPUT_INCLUDE: '# the site\n\n**/*.html\n   \n  assets/**  \n# done',
        INPUT_EXCLUDE: '\n# maps\n*.map\n',
        'INPUT_CACHE-CONTROL':
          '# long cache for assets\nassets/**: public, max-age=31536000, immutable\n\n*.html: no-cache',
        'INPUT_CONTENT-TYPE': '# feeds\nfeed: application/rss+xml; charset=utf-8',
        INPUT_METADATA: '# extra\nversion.json\n\n!*.htm',
      }),
    )
    expect(config.include).toEqual(['**/*.html', 'assets/**'])
    expect(config.exclude).toEqual(['*.map'])
    expect(config.cacheControl).toEqual([
      { glob: 'assets/**', value: 'public, max-age=31536000, immutable' },
      { glob: '*.html', value: 'no-cache' },
    ])
    expect(config.contentType).toEqual([
      { glob: 'feed', value: 'application/rss+xml; charset=utf-8' },
    ])
    expect(config.metadata).toEqual({ add: ['version.json'], remove: ['*.htm'] })
  })

  it.each([
    ['-1 (no cap)', '-1', -1],
    ['0', '0', 0],
    ['a large number', '100000', 100000],
  ])('accepts max-deletes %s', (_what, raw, expected) => {
    expect(parseConfig(env({ 'INPUT_MAX-DELETES': raw })).maxDeletes).toBe(expected)
  })

  it.each([
    ['1', 1],
    ['256', 256],
    [' 8 ', 8],
  ])('accepts concurrency %j', (raw, expected) => {
    expect(parseConfig(env({ INPUT_CONCURRENCY: raw })).concurrency).toBe(expected)
  })

  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
  ])('accepts boolean %j', (raw, expected) => {
    const config = parseConfig(
      env({ INPUT_DELETE: raw, 'INPUT_DRY-RUN': raw, 'INPUT_ALLOW-EMPTY': raw }),
    )
    expect([config.delete, config.dryRun, config.allowEmpty]).toEqual([
      expected,
      expected,
      expected,
    ])
  })

  it('resolves the source against GITHUB_WORKSPACE, and keeps absolute paths', () => {
    expect(parseConfig(env({ INPUT_SOURCE: 'site/public' })).source).toBe(
      path.join(WORKSPACE, 'site/public'),
    )
    expect(parseConfig(env({ INPUT_SOURCE: '/srv/build' })).source).toBe('/srv/build')
    expect(parseConfig(env({ INPUT_SOURCE: '/srv/build' })).sourceInput).toBe('/srv/build')
  })

  it('falls back to the current directory without GITHUB_WORKSPACE', () => {
    expect(parseConfig(env({ GITHUB_WORKSPACE: undefined })).source).toBe(
      path.resolve(process.cwd(), 'dist'),
    )
  })

  it.each([
    ['delete is off', { INPUT_SOURCE: '.', INPUT_DELETE: 'false' }],
    ['an include is set', { INPUT_SOURCE: '.', INPUT_INCLUDE: 'public/**' }],
  ])('allows the workspace as source when %s', (_what, overrides) => {
    expect(parseConfig(env(overrides)).source).toBe(WORKSPACE)
  })

  it.each(['a.b.c', 'abc', 'a'.repeat(63), '1bucket-2', 'my.bucket.example.com'])(
    'accepts bucket %j',
    (bucket) => {
      expect(parseConfig(env({ INPUT_BUCKET: bucket })).bucket).toBe(bucket)
    },
  )

  it('accepts well-formed rules with quoted and parameterised values', () => {
    const config = parseConfig(
      env({
        'INPUT_CACHE-CONTROL':
          '*.js: public, max-age=60, stale-while-revalidate=30\n*.txt: private, no-cache="Set-Cookie"',
        'INPUT_CONTENT-TYPE':
          '*.wasm: application/wasm\n*.csv: text/csv; charset=utf-8; header=present',
      }),
    )
    expect(config.cacheControl.map((r) => r.value)).toEqual([
      'public, max-age=60, stale-while-revalidate=30',
      'private, no-cache="Set-Cookie"',
    ])
    expect(config.contentType.map((r) => r.value)).toEqual([
      'application/wasm',
      'text/csv; charset=utf-8; header=present',
    ])
  })
})

describe('site-behaviour and not-found-page', () => {
  it.each([
    [undefined, 'auto'],
    ['auto', 'auto'],
    ['TRUE', 'on'],
    ['false', 'off'],
  ])('site-behaviour %j reads as %s', (value, expected) => {
    expect(parseConfig(env({ 'INPUT_SITE-BEHAVIOUR': value })).cdn.site).toBe(expected)
  })

  it('refuses another value, naming the input and the value', () => {
    const failure = parseFailure(env({ 'INPUT_SITE-BEHAVIOUR': 'yes please' }))
    expect(failure.message).toMatch(/site-behaviour.*yes please.*auto, true or false/s)
  })

  it.each([
    [undefined, { path: '404.html', given: false }],
    ['404.html', { path: '404.html', given: false }],
    ['/errors/missing.html', { path: 'errors/missing.html', given: true }],
    ['nf.htm', { path: 'nf.htm', given: true }],
  ])('not-found-page %j reads as %j', (value, expected) => {
    expect(parseConfig(env({ 'INPUT_NOT-FOUND-PAGE': value })).cdn.notFoundPage).toEqual(expected)
  })

  it.each([
    '../404.html',
    'a//b.html',
    'errors\\404.html',
    '.cdn-publish/404.html',
    '404.txt',
    'a/./b.html',
  ])('not-found-page %j is refused, named', (value) => {
    const failure = parseFailure(env({ 'INPUT_NOT-FOUND-PAGE': value }))
    expect(failure.message).toMatch(/not-found-page.*an HTML page in the build/s)
  })
})

/**
 * The CloudFront part of the inputs: distribution settings (aliases, certificate, price class, waiting,
 * viewer access) and URL signing (keys, paths, expiry).
 */
import {
  checkPublicKeyCount,
  privateKeyProblem,
  publicKeyProblem,
  splitPems,
} from '../cloudfront/signing.js'
import type { CdnConfig, PriceClass } from '../core/config.js'
import { splitList } from '../core/globs.js'
import { STATE_DIR, hasControlCharacter } from '../core/keys.js'
import { parsePrecompress } from '../core/site/precompress.js'
import {
  getInput,
  parseBoolean,
  parseDuration,
  parseInteger,
  UNITS,
  type Collector,
  type Env,
} from './readers.js'
import { aliasProblem, certificateProblem } from './validators.js'

function parseSigning(
  c: Collector,
  env: Env,
): Pick<CdnConfig, 'viewerAccess' | 'publicKeys' | 'privateKey' | 'signPaths' | 'signExpiresMs'> {
  const accessRaw = getInput(env, 'viewer-access')
  let viewerAccess: CdnConfig['viewerAccess']
  if (accessRaw === 'public' || accessRaw === 'signed') viewerAccess = accessRaw
  else if (accessRaw !== '') c.fail('viewer-access', accessRaw, 'expected public or signed')
  const publicRaw = getInput(env, 'public-key')
  const publicKeys = splitPems(publicRaw)
  if (publicRaw !== '' && publicKeys.length === 0)
    c.fail(
      'public-key',
      publicRaw.slice(0, 40),
      'expected one or more PEM blocks (-----BEGIN PUBLIC KEY----- ...)',
    )
  for (const pem of publicKeys) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
      c.fail(
        'public-key',
        '(hidden: a private key)',
        'this is a PRIVATE key: give it as private-key (from a secret), and its public key here (openssl pkey -in key.pem -pubout)',
      )
      continue
    }
    const problem = publicKeyProblem(pem)
    if (problem) c.fail('public-key', `${pem.slice(0, 40)}...`, problem)
  }
  const tooMany = checkPublicKeyCount(publicKeys.length)
  if (tooMany) c.fail('public-key', `${publicKeys.length} PEM blocks`, tooMany)
  if (viewerAccess === 'signed' && publicKeys.length === 0)
    c.fail(
      'viewer-access',
      'signed',
      'signed access needs public-key: the PEM public key(s) signatures are checked with',
    )
  const privateKey = getInput(env, 'private-key') || undefined
  if (privateKey !== undefined) {
    const problem = privateKeyProblem(
      privateKey,
      publicKeys.filter((p) => !/PRIVATE KEY-----/.test(p) && !publicKeyProblem(p)),
    )
    // The value is a secret: the message names the input, never the key.
    if (problem) c.fail('private-key', '(hidden)', problem)
  }
  const signPaths = splitList(getInput(env, 'sign-paths'))
  for (const p of signPaths)
    if (hasControlCharacter(p) || p.split('/').includes('..'))
      c.fail('sign-paths', p, 'a path below the prefix, without ".." or control characters')
  if (signPaths.length > 0 && privateKey === undefined)
    c.fail('sign-paths', signPaths.join(', '), 'signing needs private-key (from a secret)')
  if (/^0+\s*[smhdw]?$/.test(getInput(env, 'sign-expires')))
    c.fail(
      'sign-expires',
      getInput(env, 'sign-expires'),
      'signed URLs must be valid for some time: expected a duration such as 7d, 12h or 30m',
    )
  const signExpiresMs = parseDuration(c, env, 'sign-expires') || UNITS.d!
  return { viewerAccess, publicKeys, privateKey, signPaths, signExpiresMs }
}

export function parseCdn(c: Collector, env: Env, s3Endpoint: string | undefined): CdnConfig {
  const distributionId = getInput(env, 'distribution-id') || undefined
  if (distributionId !== undefined && !/^[A-Z0-9]{6,32}$/.test(distributionId))
    c.fail(
      'distribution-id',
      distributionId,
      'expected a CloudFront distribution ID such as E2QWRUHEXAMPLE',
    )

  const aliases: string[] = []
  const aliasInput = getInput(env, 'aliases')
  for (const raw of splitList(aliasInput, true)) {
    const alias = raw.toLowerCase()
    const problem = aliasProblem(alias)
    if (problem) c.fail('aliases', raw, problem)
    else if (!aliases.includes(alias)) aliases.push(alias)
  }
  if (aliases.length > 100)
    c.fail('aliases', `${aliases.length} names`, 'a distribution takes at most 100 aliases')

  const certificateArn = getInput(env, 'certificate-arn') || undefined
  if (certificateArn !== undefined) {
    const problem = certificateProblem(certificateArn)
    if (problem) c.fail('certificate-arn', certificateArn, problem)
  }

  const priceRaw = getInput(env, 'price-class')
  let priceClass: PriceClass | undefined
  if (priceRaw !== '') {
    const known: PriceClass[] = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All']
    const found = known.find((k) => k.toLowerCase() === priceRaw.toLowerCase())
    if (found) priceClass = found
    else c.fail('price-class', priceRaw, `expected one of ${known.join(', ')}`)
  }

  const tags: Array<{ key: string; value: string }> = []
  for (const line of splitList(getInput(env, 'tags'))) {
    const at = line.indexOf('=')
    const key = at < 0 ? '' : line.slice(0, at).trim()
    const value = at < 0 ? '' : line.slice(at + 1).trim()
    if (at < 0 || key === '') c.fail('tags', line, 'each line is key=value')
    else if (key.length > 128 || value.length > 256)
      c.fail('tags', line, 'tag keys have at most 128 characters, values at most 256')
    else if (
      !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(key) ||
      !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(value)
    )
      c.fail('tags', line, 'tags use letters, digits, spaces and _ . : / = + - @')
    else if (key.toLowerCase().startsWith('aws:'))
      c.fail('tags', line, 'the aws: prefix is reserved by AWS')
    else if (key.startsWith('cdn-publish:'))
      c.fail(
        'tags',
        line,
        "the cdn-publish: prefix is the action's own (it finds its distribution by them)",
      )
    else tags.push({ key, value })
  }

  const createDistribution = parseBoolean(c, env, 'create-distribution', true)
  const createBucket = parseBoolean(c, env, 'create-bucket', false)
  const wait = parseBoolean(c, env, 'wait', false)
  const waitTimeoutSeconds = parseInteger(
    c,
    env,
    'wait-timeout',
    900,
    1,
    6 * 3600,
    'expected a whole number of seconds from 1 to 21600',
  )
  const prettyUrls = parseBoolean(c, env, 'pretty-urls', true)
  const spa = parseBoolean(c, env, 'spa', false)
  const site = parseSiteBehaviour(c, env)
  const notFoundPage = parseNotFoundPage(c, env)
  let precompress: CdnConfig['precompress'] = []
  try {
    precompress = parsePrecompress(getInput(env, 'precompress'))
  } catch {
    c.fail(
      'precompress',
      getInput(env, 'precompress'),
      'expected br, gzip, both (br, gzip), or false',
    )
  }
  const invalidate = parseBoolean(c, env, 'invalidate', true)
  const invalidationMaxPaths = parseInteger(
    c,
    env,
    'invalidation-max-paths',
    15,
    1,
    3000,
    'expected a whole number of paths from 1 to 3000 (CloudFront takes 3000 paths per request, 15 of them wildcards)',
  )
  const failOnWaitTimeout = parseBoolean(c, env, 'fail-on-wait-timeout', false)
  const signed = parseSigning(c, env)

  const endpoint =
    (env.AWS_ENDPOINT_URL_CLOUDFRONT || env.AWS_ENDPOINT_URL || '').trim().replace(/\/+$/, '') ||
    undefined
  const storeEndpoint =
    (env.AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE || env.AWS_ENDPOINT_URL || '')
      .trim()
      .replace(/\/+$/, '') || undefined
  // A custom S3 store (R2, MinIO) has no CloudFront in front of it unless one is named.
  let skipReason: string | undefined
  if (s3Endpoint !== undefined && endpoint === undefined && distributionId === undefined)
    skipReason = `the bucket is on a custom S3 endpoint (${s3Endpoint}) and no distribution-id is given`
  return {
    enabled: skipReason === undefined,
    skipReason,
    distributionId,
    aliases,
    certificateArn,
    createDistribution,
    createBucket,
    priceClass,
    tags,
    wait,
    waitTimeoutSeconds,
    prettyUrls,
    spa,
    site,
    notFoundPage,
    precompress,
    invalidate,
    invalidationMaxPaths,
    failOnWaitTimeout,
    ...signed,
    endpoint,
    storeEndpoint,
  }
}

function parseSiteBehaviour(c: Collector, env: Env): CdnConfig['site'] {
  const raw = getInput(env, 'site-behaviour').toLowerCase()
  if (raw === '' || raw === 'auto') return 'auto'
  if (raw === 'true') return 'on'
  if (raw === 'false') return 'off'
  c.fail('site-behaviour', getInput(env, 'site-behaviour'), 'expected auto, true or false')
  return 'auto'
}

export const NOT_FOUND_DEFAULT = '404.html'

/** A path of the build, as keys are: relative, `/` separators, no `.` or `..` segment, no state directory. */
function parseNotFoundPage(c: Collector, env: Env): CdnConfig['notFoundPage'] {
  const raw = getInput(env, 'not-found-page')
  const path = raw.replace(/^\/+/, '')
  if (raw === '' || path === NOT_FOUND_DEFAULT) return { path: NOT_FOUND_DEFAULT, given: false }
  const segments = path.split('/')
  if (
    path.includes('\\') ||
    segments.some((s) => s === '' || s === '.' || s === '..' || s === STATE_DIR) ||
    !/\.html?$/i.test(path)
  ) {
    c.fail(
      'not-found-page',
      raw,
      'expected the path of an HTML page in the build, relative to source (e.g. 404.html or errors/missing.html)',
    )
    return { path: NOT_FOUND_DEFAULT, given: false }
  }
  return { path, given: true }
}

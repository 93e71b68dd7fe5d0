// The clean-up after a rotation (src/cloudfront/prune.ts), through ensureDistribution against the fake
// CloudFront: unused functions, key groups and public keys the action created go; nothing else does.
import { describe, expect, it } from 'vitest'
import { viewerRequestCode, viewerRequestName } from '../../src/cloudfront/viewer-request.js'
import { sdkError } from '../helpers/fakes.js'
import {
  REQUEST_OPTIONS,
  fakeCloudFront,
  ensure,
  ours,
  functionIsLive,
  REQUEST_NAME,
  fnArn,
  liveFunctions,
} from './fake-cloudfront.js'

describe('clean-up of unused functions, key groups and public keys the action created', () => {
  const NOW = 1_700_000_000_000 // the fake clock's start
  const LONG_AGO = new Date(NOW - 48 * 3600_000)
  const own = (n: number) => `cdn-publish-${String(n).padStart(12, '0')}`

  function fnSummary(name: string, when = LONG_AGO, comment = 'cdn-publish viewer request (x)') {
    return {
      Name: name,
      FunctionConfig: { Comment: comment, Runtime: 'cloudfront-js-2.0' as const },
      FunctionMetadata: {
        FunctionARN: fnArn(name),
        LastModifiedTime: when,
        Stage: 'LIVE' as const,
      },
    }
  }

  it('after a switch to a new viewer-request function: the old unused one goes, the previous generation and the live ones stay', async () => {
    const existing = ours('EOURS', { functions: { 'viewer-request': fnArn(REQUEST_NAME) } })
    const other = ours('EOTHER', {
      prefix: 'other',
      functions: { 'viewer-request': fnArn('cdn-publish-0000000b') },
    })
    const cf = fakeCloudFront([existing, other])
    const newName = viewerRequestName(viewerRequestCode({ ...REQUEST_OPTIONS, spa: true }))
    cf.resources.functions.push(
      fnSummary(REQUEST_NAME), // the previous generation of EOURS
      fnSummary('cdn-publish-0000000a'), // unused: goes
      fnSummary('cdn-publish-0000000b'), // live on another distribution
      fnSummary('cdn-publish-0000000c', new Date(NOW - 60_000)), // a minute old: kept
      fnSummary('cdn-publish-0000000d', LONG_AGO, 'made by hand'), // not ours
      fnSummary('by-hand'), // not ours
    )
    const describe = cf.handlers.DescribeFunction
    cf.handlers.DescribeFunction = (input) => {
      if (input.Name === REQUEST_NAME) return describe(input)
      if (input.Stage === 'LIVE' && input.Name === newName)
        throw sdkError('NoSuchFunctionExists', 404)
      return describe(input)
    }
    const { result, log } = await ensure(cf, { inputs: { spa: 'true' } })
    expect(result!.changes.map((c) => c.field)).toEqual(['viewer-request function'])
    expect(cf.inputs('DeleteFunction')).toEqual([
      { Name: 'cdn-publish-0000000a', IfMatch: 'etag-cdn-publish-0000000a' },
    ])
    expect(cf.resources.functions.map((f) => f.Name)).toEqual([
      REQUEST_NAME,
      'cdn-publish-0000000b',
      'cdn-publish-0000000c',
      'cdn-publish-0000000d',
      'by-hand',
    ])
    expect(log.info.join('\n')).toContain(
      'Deleted the unused CloudFront Function cdn-publish-0000000a',
    )
    expect(log.warning).toEqual([])
  })

  it('a signed-access key rotation: the group and key of two rotations ago go; the previous and the new stay; others never', async () => {
    const { generateKeyPairSync } = await import('node:crypto')
    const pem = () =>
      generateKeyPairSync('rsa', { modulusLength: 2048 })
        .publicKey.export({ type: 'spki', format: 'pem' })
        .toString()
    const newKey = pem()
    const cf = fakeCloudFront()
    const r = cf.resources
    r.publicKeys.push(
      {
        Id: 'KOLDER',
        Name: own(1),
        Comment: 'cdn-publish',
        CreatedTime: LONG_AGO,
        EncodedKey: 'x',
      },
      { Id: 'KPREV', Name: own(2), Comment: 'cdn-publish', CreatedTime: LONG_AGO, EncodedKey: 'y' },
      { Id: 'KHAND', Name: 'by-hand', Comment: '', CreatedTime: LONG_AGO, EncodedKey: 'z' },
      { Id: 'KLONE', Name: own(3), Comment: 'cdn-publish', CreatedTime: LONG_AGO, EncodedKey: 'w' },
    )
    r.keyGroups.push(
      {
        Id: 'GOLDER',
        LastModifiedTime: LONG_AGO,
        KeyGroupConfig: { Name: own(10), Items: ['KOLDER'], Comment: 'cdn-publish' },
      },
      {
        Id: 'GPREV',
        LastModifiedTime: LONG_AGO,
        KeyGroupConfig: { Name: own(11), Items: ['KPREV'], Comment: 'cdn-publish' },
      },
      {
        Id: 'GHAND',
        LastModifiedTime: LONG_AGO,
        KeyGroupConfig: { Name: 'by-hand', Items: ['KHAND'] },
      },
    )
    const existing = ours('EOURS', { trustedKeyGroups: ['GPREV'] })
    cf.distributions.push(existing)
    functionIsLive(cf)
    const { result, log } = await ensure(cf, {
      inputs: { 'viewer-access': 'signed', 'public-key': newKey },
    })
    expect(result!.changes.map((c) => c.field)).toEqual(['viewer access'])
    expect(cf.inputs('DeleteKeyGroup')).toEqual([{ Id: 'GOLDER', IfMatch: 'etag-GOLDER' }])
    expect(
      cf
        .inputs('DeletePublicKey')
        .map((d) => d.Id)
        .sort(),
    ).toEqual(['KLONE', 'KOLDER'])
    expect(r.keyGroups.map((g) => g.Id).sort()).toEqual(['GHAND', 'GPREV', 'KG4'])
    expect(r.publicKeys.map((k) => k.Id).sort()).toEqual(['K5', 'KHAND', 'KPREV'])
    expect(log.warning).toEqual([])
  })

  it('a refused delete (FunctionInUse, PreconditionFailed, AccessDenied) is a warning, never a failed deploy', async () => {
    for (const [code, status] of [
      ['FunctionInUse', 409],
      ['PreconditionFailed', 412],
      ['AccessDenied', 403],
    ] as const) {
      const existing = ours('EOURS', { functions: { 'viewer-request': fnArn(REQUEST_NAME) } })
      const cf = fakeCloudFront([existing])
      cf.resources.functions.push(fnSummary(REQUEST_NAME), fnSummary('cdn-publish-0000000a'))
      cf.handlers.DeleteFunction = () => {
        throw sdkError(code, status)
      }
      const { result, log } = await ensure(cf, { inputs: { spa: 'true' } })
      expect(result).toMatchObject({ action: 'updated' })
      expect(log.warning).toHaveLength(1)
      expect(log.warning[0]).toContain(code)
      expect(log.warning[0]).toContain('cdn-publish-0000000a stays; the deploy is not affected')
      if (code === 'AccessDenied') expect(log.warning[0]).toContain('cloudfront:DeleteFunction')
    }
  })

  it('a list that is refused is a warning; an endpoint without functions is silently skipped', async () => {
    const existing = ours('EOURS', { functions: { 'viewer-request': fnArn(REQUEST_NAME) } })
    const cf = fakeCloudFront([existing])
    cf.handlers.ListKeyGroups = () => {
      throw sdkError('AccessDenied', 403)
    }
    cf.handlers.ListFunctions = () => {
      throw sdkError('UnknownError', 404)
    }
    const { result, log } = await ensure(cf, { inputs: { spa: 'true' } })
    expect(result).toMatchObject({ action: 'updated' })
    expect(log.warning).toHaveLength(1)
    expect(log.warning[0]).toMatch(/key groups were not cleaned up.*cloudfront:ListKeyGroups/)
    // without the key groups no public key is known to be unused
    expect(cf.names()).not.toContain('ListPublicKeys')
  })

  it('a dry run, or a run that switches nothing, lists nothing for clean-up', async () => {
    const existing = ours('EOURS', { functions: { 'viewer-request': fnArn(REQUEST_NAME) } })
    const cf = fakeCloudFront([existing])
    await ensure(cf, { inputs: { spa: 'true' }, dryRun: true })
    liveFunctions(cf, [REQUEST_NAME])
    await ensure(cf, { inputs: { 'preview-prefix': 'previews/pr-{number}' } })
    expect(cf.names()).not.toContain('ListFunctions')
    expect(cf.names()).not.toContain('ListKeyGroups')
  })
})

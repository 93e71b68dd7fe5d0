// The strict AWS layer (scripts/strict-aws/), CloudFront distributions: every rule, through the real SDK clients pointed at the
// layer, asserted with the error name and status the SDK surfaces; where cheap, the same request
// sent to moto alone shows what it forgives. The tests never reset the layer (other files share it):
// each uses its own bucket and resource names.
import {
  CreateDistributionCommand,
  CreateDistributionWithTagsCommand,
  CreateInvalidationCommand,
  CreateKeyGroupCommand,
  CreateOriginAccessControlCommand,
  CreatePublicKeyCommand,
  DeleteDistributionCommand,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  GetInvalidationCommand,
  ListConflictingAliasesCommand,
  ListDistributionsCommand,
  ListInvalidationsCommand,
  TagResourceCommand,
  UpdateDistributionCommand,
  waitUntilInvalidationCompleted,
} from '@aws-sdk/client-cloudfront'
import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { cf, cfMoto, tag, failure, distributionConfig, createDistribution } from './layer.js'

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

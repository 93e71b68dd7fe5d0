// The strict AWS layer (scripts/strict-aws/), CloudFront Functions: every rule, through the real SDK clients pointed at the
// layer, asserted with the error name and status the SDK surfaces; where cheap, the same request
// sent to moto alone shows what it forgives. The tests never reset the layer (other files share it):
// each uses its own bucket and resource names.
import {
  CreateDistributionCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DescribeFunctionCommand,
  GetDistributionConfigCommand,
  GetFunctionCommand,
  ListFunctionsCommand,
  PublishFunctionCommand,
  UpdateDistributionCommand,
  UpdateFunctionCommand,
} from '@aws-sdk/client-cloudfront'
import { describe, expect, it } from 'vitest'
import { cf, cfMoto, tag, failure, distributionConfig } from './layer.js'

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

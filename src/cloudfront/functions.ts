/**
 * CloudFront Functions: publish the action's viewer functions (named by a hash of their code, so never
 * edited in place), and list and delete them for the clean-up. Each call wrapped with what was being done
 * and the IAM permission it needs; an endpoint without CloudFront Functions (an emulator) is told apart.
 */
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DescribeFunctionCommand,
  ListFunctionsCommand,
  PublishFunctionCommand,
  type CloudFrontClient,
} from '@aws-sdk/client-cloudfront'
import { errorName, isUnsupported, wrapAwsError } from '../core/errors.js'
import { fitComment } from './limits.js'
import { latest, type OwnedCandidate } from './owned.js'

export class FunctionsApi {
  constructor(private readonly client: CloudFrontClient) {}

  /**
   * The published (LIVE) CloudFront Function with this name and code, created and published when missing.
   * Names carry a hash of the code, so an existing function is never changed under another distribution.
   * undefined when the endpoint has no CloudFront Functions.
   */
  async ensure(
    name: string,
    code: string,
    comment: string,
    /** The KeyValueStore the code reads (its ARN), if any: a function is associated with at most one. */
    storeArn?: string,
  ): Promise<{ arn: string; created: boolean } | undefined> {
    try {
      try {
        const live = await this.client.send(
          new DescribeFunctionCommand({ Name: name, Stage: 'LIVE' }),
        )
        const arn = live.FunctionSummary?.FunctionMetadata?.FunctionARN
        if (arn) return { arn, created: false }
      } catch (error) {
        if (isUnsupported(error)) return undefined
        if (errorName(error) !== 'NoSuchFunctionExists') throw error
      }
      let etag: string | undefined
      try {
        const created = await this.client.send(
          new CreateFunctionCommand({
            Name: name,
            FunctionConfig: {
              Comment: fitComment(comment),
              Runtime: 'cloudfront-js-2.0',
              ...(storeArn
                ? {
                    KeyValueStoreAssociations: {
                      Quantity: 1,
                      Items: [{ KeyValueStoreARN: storeArn }],
                    },
                  }
                : {}),
            },
            FunctionCode: Buffer.from(code, 'utf8'),
          }),
        )
        etag = created.ETag
      } catch (error) {
        if (errorName(error) !== 'FunctionAlreadyExists') throw error
        // Created by a concurrent deploy (or by the lost first answer of this request): the name is a
        // hash of the code, so it is this code. Use it as published, or publish it.
        const live = await this.describe(name, 'LIVE')
        const arn = live?.FunctionSummary?.FunctionMetadata?.FunctionARN
        if (arn) return { arn, created: false }
        const dev = await this.client.send(
          new DescribeFunctionCommand({ Name: name, Stage: 'DEVELOPMENT' }),
        )
        etag = dev.ETag
      }
      const published = await this.client.send(
        new PublishFunctionCommand({ Name: name, IfMatch: etag }),
      )
      return { arn: published.FunctionSummary?.FunctionMetadata?.FunctionARN ?? '', created: true }
    } catch (error) {
      if (isUnsupported(error)) return undefined
      throw wrapAwsError(
        `ensure the CloudFront Function ${name}`,
        'cloudfront:DescribeFunction, cloudfront:CreateFunction and cloudfront:PublishFunction',
        error,
      )
    }
  }

  /** DescribeFunction, undefined when there is no such function (in that stage). */
  private async describe(name: string, stage: 'LIVE' | 'DEVELOPMENT') {
    try {
      return await this.client.send(new DescribeFunctionCommand({ Name: name, Stage: stage }))
    } catch (error) {
      if (errorName(error) === 'NoSuchFunctionExists') return undefined
      throw error
    }
  }

  /** Every CloudFront Function, one entry per name (the stage last modified). */
  async list(): Promise<OwnedCandidate[]> {
    try {
      const byName = new Map<string, OwnedCandidate>()
      let marker: string | undefined
      do {
        const page = await this.client.send(new ListFunctionsCommand({ Marker: marker }))
        for (const f of page.FunctionList?.Items ?? []) {
          if (!f.Name) continue
          const meta = f.FunctionMetadata
          const changed = latest(meta?.LastModifiedTime, meta?.CreatedTime)
          const seen = byName.get(f.Name)
          if (seen && (seen.changed ?? 0) >= (changed ?? 0)) continue
          byName.set(f.Name, {
            id: f.Name,
            name: f.Name,
            comment: f.FunctionConfig?.Comment ?? '',
            changed,
            arn: meta?.FunctionARN,
          })
        }
        marker = page.FunctionList?.NextMarker
      } while (marker)
      return [...byName.values()]
    } catch (error) {
      throw wrapAwsError('list CloudFront Functions', 'cloudfront:ListFunctions', error)
    }
  }

  /** DeleteFunction with the ETag DescribeFunction gives; errors wrapped, their code kept. */
  async delete(name: string): Promise<void> {
    try {
      const described = await this.client.send(new DescribeFunctionCommand({ Name: name }))
      await this.client.send(new DeleteFunctionCommand({ Name: name, IfMatch: described.ETag }))
    } catch (error) {
      throw wrapAwsError(
        `delete the CloudFront Function ${name}`,
        'cloudfront:DescribeFunction and cloudfront:DeleteFunction',
        error,
      )
    }
  }
}

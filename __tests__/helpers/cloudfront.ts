// Test-side CloudFront access: a client, the invalidations a distribution was sent, and the CloudFront
// requests a run made (from the recording proxy).
import {
  CloudFrontClient,
  GetInvalidationCommand,
  ListInvalidationsCommand,
} from '@aws-sdk/client-cloudfront'
import type { Recorded } from './proxy.js'

export function cloudFrontTestClient(endpoint: string): CloudFrontClient {
  return new CloudFrontClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  })
}

/** The paths one invalidation named, sorted. */
export async function invalidationPaths(
  client: CloudFrontClient,
  distributionId: string,
  id: string,
): Promise<string[]> {
  const got = await client.send(
    new GetInvalidationCommand({ DistributionId: distributionId, Id: id }),
  )
  return [...(got.Invalidation?.InvalidationBatch?.Paths?.Items ?? [])].sort()
}

/** Every invalidation of the distribution, in the order ListInvalidations gives them (newest first). */
export async function invalidations(
  client: CloudFrontClient,
  distributionId: string,
): Promise<Array<{ id: string; paths: string[] }>> {
  const list = await client.send(new ListInvalidationsCommand({ DistributionId: distributionId }))
  const result = []
  for (const item of list.InvalidationList?.Items ?? [])
    result.push({ id: item.Id!, paths: await invalidationPaths(client, distributionId, item.Id!) })
  return result
}

/** The CloudFront requests among these, as `METHOD /path` without the API version or distribution id. */
export function cloudFrontCalls(requests: Recorded[]): string[] {
  return requests
    .filter((r) => r.path.startsWith('/2020-05-31/'))
    .map(
      (r) =>
        `${r.method} ${r.path.replace('/2020-05-31', '').replace(/\/distribution\/[A-Z0-9]+/, '/distribution/ID')}`,
    )
}

/** An ACM certificate in us-east-1, as aliases need (the emulator does not look it up). */
export const CERT =
  'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555'

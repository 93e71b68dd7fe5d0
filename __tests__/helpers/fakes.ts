// Building blocks for fakes of the AWS SDK, for the CloudFront behaviour the emulator cannot produce.
import { CloudFrontServiceException } from '@aws-sdk/client-cloudfront'

/** A documented CloudFront error, shaped as the SDK throws it. */
export function sdkError(name: string, status: number): CloudFrontServiceException {
  return new CloudFrontServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: `${name} (from the fake)`,
  })
}

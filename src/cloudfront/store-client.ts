/**
 * The KeyValueStore data plane's SDK client, in a module of its own so that the SDK and its SigV4A
 * signer load only when a site's data is written. The data plane signs with SigV4A; importing
 * `@aws-sdk/signature-v4a` registers that signer with the SDK.
 *
 * An endpoint given for it (AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE, or AWS_ENDPOINT_URL) is used as
 * it is: the SDK's own endpoint rules put the store's account id in front of any host
 * (`http://127.0.0.1:4566` would become `http://123456789012.127.0.0.1:4566`), which suits AWS's
 * `<account>.cloudfront-kvs.global.api.aws` but no emulator or proxy.
 */
import '@aws-sdk/signature-v4a'
import {
  CloudFrontKeyValueStoreClient,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  UpdateKeysCommand,
  type UpdateKeysCommandInput,
} from '@aws-sdk/client-cloudfront-keyvaluestore'

/** The commands the action sends, made here: this module is the chunk that loads the SDK. */
export const storeCommands = {
  describe: (arn: string) => new DescribeKeyValueStoreCommand({ KvsARN: arn }),
  getKey: (arn: string, key: string) => new GetKeyCommand({ KvsARN: arn, Key: key }),
  updateKeys: (input: UpdateKeysCommandInput) => new UpdateKeysCommand(input),
}
import { NodeHttpHandler } from '@smithy/node-http-handler'

type Config = NonNullable<ConstructorParameters<typeof CloudFrontKeyValueStoreClient>[0]>

export function createStoreClient(
  endpoint: string | undefined,
  requestTimeoutSeconds = 60,
): CloudFrontKeyValueStoreClient {
  return new CloudFrontKeyValueStoreClient({
    region: 'us-east-1',
    retryMode: 'adaptive',
    maxAttempts: 8,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 10_000,
      socketTimeout: requestTimeoutSeconds * 1000,
    }),
    ...(endpoint
      ? {
          // Typed by the client's own @smithy/types (the data plane's SDK is on an older line).
          endpointProvider: ((): unknown => ({
            url: new URL(endpoint),
            properties: {
              authSchemes: [
                {
                  name: 'sigv4a',
                  signingName: 'cloudfront-keyvaluestore',
                  signingRegionSet: ['*'],
                },
              ],
            },
          })) as Config['endpointProvider'],
        }
      : {}),
  })
}

// Which failures trip the S3 store's circuit breaker: no answer (timeouts, broken connections), never
// an answer that said no.
import { describe, expect, it } from 'vitest'
import { AwsCallError, isUnanswered, wrapAwsError } from '../../src/core/errors.js'

const sdkError = (name: string, status?: number, code?: string) =>
  Object.assign(new Error(`${name} happened`), {
    name,
    ...(code ? { code } : {}),
    ...(status ? { $metadata: { httpStatusCode: status } } : {}),
  })

describe('isUnanswered', () => {
  it.each([
    ['a request timeout', sdkError('TimeoutError'), true],
    ['a connection reset', sdkError('Error', undefined, 'ECONNRESET'), true],
    ['a refused connection', sdkError('Error', undefined, 'ECONNREFUSED'), true],
    ['a DNS failure that may pass', sdkError('Error', undefined, 'EAI_AGAIN'), true],
    [
      'the same, wrapped with what was being done',
      wrapAwsError('upload a', 's3:PutObject', sdkError('TimeoutError')),
      true,
    ],
    ['a 500 (an answer)', sdkError('InternalError', 500), false],
    ['a 503 SlowDown (an answer)', sdkError('SlowDown', 503), false],
    ['AccessDenied', sdkError('AccessDenied', 403), false],
    ['a file that changed on disk', new Error('a.js changed on disk during the deploy'), false],
    [
      'an AwsCallError around an answer',
      new AwsCallError('Could not x', 'NoSuchBucket', sdkError('NoSuchBucket', 404)),
      false,
    ],
    ['not an error at all', 'TimeoutError', false],
  ])('%s: %s', (_, error, expected) => {
    expect(isUnanswered(error)).toBe(expected)
  })
})

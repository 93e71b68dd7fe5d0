import { describe, expect, it } from 'vitest'
import {
  AwsCallError,
  InputError,
  PreflightError,
  errorMessage,
  errorName,
  errorStatus,
  isExpected,
  wrapAwsError,
} from '../../src/core/errors.js'
import { InputErrors } from '../../src/action/readers.js'

/** An error shaped like an AWS SDK v3 service exception. */
function sdkError(
  name: string,
  message: string,
  status?: number,
  extra: Record<string, unknown> = {},
): Error {
  const error = new Error(message) as Error & Record<string, unknown>
  error.name = name
  error.$metadata = status === undefined ? {} : { httpStatusCode: status, requestId: 'REQ1' }
  Object.assign(error, extra)
  return error
}

describe('errorMessage', () => {
  const circular: Record<string, unknown> = {}
  circular.self = circular
  it.each([
    ['an Error', new Error('disk full'), 'disk full'],
    ['an Error without message', new Error(''), 'Error'],
    ['a TypeError', new TypeError('x is not a function'), 'x is not a function'],
    ['a string', 'plain text', 'plain text'],
    [
      'an object with name and message',
      { name: 'Thing', message: 'went wrong' },
      'Thing: went wrong',
    ],
    ['an object with only a message', { message: 'only message' }, 'only message'],
    ['an object with only a name', { name: 'OnlyName' }, 'OnlyName'],
    ['another object', { code: 42 }, '{"code":42}'],
    ['a circular object', circular, '[object Object]'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a number', 404, '404'],
    [
      'an SDK error',
      sdkError('NoSuchBucket', 'The specified bucket does not exist', 404),
      'NoSuchBucket: The specified bucket does not exist',
    ],
    [
      'an SDK error whose message starts with its name',
      sdkError('SlowDown', 'SlowDown: reduce rate', 503),
      'SlowDown: reduce rate',
    ],
    [
      'an SDK error with Code',
      sdkError('S3ServiceException', 'denied', 403, { Code: 'AccessDenied' }),
      'AccessDenied: denied',
    ],
  ])('%s', (_what, error, expected) => {
    expect(errorMessage(error)).toBe(expected)
  })
})

describe('errorName and errorStatus', () => {
  it.each([
    [sdkError('NoSuchKey', 'm', 404), 'NoSuchKey', 404],
    [sdkError('X', 'm', 403, { Code: 'AccessDenied' }), 'AccessDenied', 403],
    [sdkError('Y', 'm'), 'Y', undefined],
    [new Error('m'), 'Error', undefined],
    ['string', undefined, undefined],
    [undefined, undefined, undefined],
    [{ $metadata: { httpStatusCode: '500' } }, undefined, undefined],
  ])('%#', (error, name, status) => {
    expect(errorName(error)).toBe(name)
    expect(errorStatus(error)).toBe(status)
  })
})

describe('wrapAwsError', () => {
  it.each([
    [sdkError('AccessDenied', 'Access Denied', 403), true],
    [sdkError('AccessDeniedException', 'no', 400), true],
    [sdkError('Forbidden', 'Forbidden', 403), true],
    [sdkError('AllAccessDisabled', 'disabled', 403), true],
    [sdkError('UnknownError', 'Forbidden', 403), true],
    [sdkError('Unknown', '', undefined, { Code: 'AccessDenied' }), true],
    [sdkError('NoSuchBucket', 'The specified bucket does not exist', 404), false],
    [sdkError('SlowDown', 'Please reduce your request rate.', 503), false],
    [
      sdkError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist', 400),
      false,
    ],
    [new Error('socket hang up'), false],
    ['a thrown string', false],
  ])('%# names the IAM permission only on access denied', (error, names) => {
    const wrapped = wrapAwsError('list s3://bucket/site/', 's3:ListBucket', error)
    expect(wrapped).toBeInstanceOf(AwsCallError)
    expect(
      wrapped.message.startsWith(`Could not list s3://bucket/site/: ${errorMessage(error)}`),
    ).toBe(true)
    expect(wrapped.message.includes('s3:ListBucket')).toBe(names)
    expect(wrapped.cause).toBe(error)
  })

  it('adds the HTTP status unless the message has it', () => {
    expect(wrapAwsError('get x', undefined, sdkError('NoSuchKey', 'gone', 404)).message).toBe(
      'Could not get x: NoSuchKey: gone (HTTP 404)',
    )
    expect(
      wrapAwsError('get x', undefined, sdkError('Weird', 'status 404 here', 404)).message,
    ).toBe('Could not get x: Weird: status 404 here')
  })

  it('says nothing about permissions on access denied when none is given', () => {
    const wrapped = wrapAwsError('do x', undefined, sdkError('AccessDenied', 'Access Denied', 403))
    expect(wrapped.message).toBe('Could not do x: AccessDenied: Access Denied (HTTP 403)')
    expect(wrapped.message).not.toContain('IAM')
  })

  it('gives the exact permission sentence', () => {
    const wrapped = wrapAwsError(
      'upload s3://b/k',
      's3:PutObject',
      sdkError('AccessDenied', 'Access Denied', 403),
    )
    expect(wrapped.message).toBe(
      'Could not upload s3://b/k: AccessDenied: Access Denied (HTTP 403). The credentials need the IAM permission s3:PutObject on this resource.',
    )
    expect(wrapped.code).toBe('AccessDenied')
  })

  it('does not wrap twice', () => {
    const once = wrapAwsError('a', 's3:GetObject', sdkError('AccessDenied', 'no', 403))
    expect(wrapAwsError('b', 's3:PutObject', once)).toBe(once)
  })
})

describe('InputError and isExpected', () => {
  it('InputError names the input, the value and what is accepted', () => {
    const error = new InputError('concurrency', '0', 'expected 1 to 256')
    expect(error.message).toBe(`Input 'concurrency' has an invalid value "0": expected 1 to 256`)
    expect([error.input, error.value, error.accepted, error.name]).toEqual([
      'concurrency',
      '0',
      'expected 1 to 256',
      'InputError',
    ])
  })

  it.each([
    [new InputError('a', 'b', 'c'), true],
    [new InputErrors([new InputError('a', 'b', 'c')]), true],
    [new PreflightError('x'), true],
    [wrapAwsError('x', undefined, new Error('y')), true],
    [new Error('bug'), false],
    [new TypeError('bug'), false],
    ['string', false],
  ])('%# isExpected', (error, expected) => {
    expect(isExpected(error)).toBe(expected)
  })
})

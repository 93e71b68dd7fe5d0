import { quoted } from './text.js'

/**
 * Error helpers: one way to turn anything thrown into text, a typed error for bad input,
 * and the wrapper every AWS call goes through so a failure says what was being done.
 */

/** Text of anything thrown: an Error, a string, an SDK error object, or something stranger. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const message = error.message || String(error)
    // SDK errors carry the code in the name (NoSuchBucket, SlowDown): keep it in front.
    const name = '$metadata' in error ? errorName(error) : undefined
    return name && !message.startsWith(name) ? `${name}: ${message}` : message
  }
  if (typeof error === 'string') return error
  if (error && typeof error === 'object') {
    const record = error as Record<string, unknown>
    const name = typeof record.name === 'string' ? record.name : undefined
    const message = typeof record.message === 'string' ? record.message : undefined
    if (name || message) return [name, message].filter(Boolean).join(': ')
    try {
      return JSON.stringify(error)
    } catch {
      return Object.prototype.toString.call(error)
    }
  }
  return String(error)
}

/** The AWS error code of a thrown value (`NoSuchKey`, `AccessDenied`, ...), if it has one. */
export function errorName(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined
  const record = error as Record<string, unknown>
  if (typeof record.Code === 'string') return record.Code
  if (typeof record.name === 'string') return record.name
  return undefined
}

/** HTTP status of an SDK error, if any. */
export function errorStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined
  const meta = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata
  return typeof meta?.httpStatusCode === 'number' ? meta.httpStatusCode : undefined
}

/** A bad input value: raised while parsing inputs, before any request is made. */
export class InputError extends Error {
  override name = 'InputError'
  constructor(
    readonly input: string,
    readonly value: string,
    readonly accepted: string,
  ) {
    super(`Input '${input}' has an invalid value ${quoted(value)}: ${accepted}`)
  }
}

/** Errors of this project, whose message says everything: no stack trace needed in the log. */
export function isExpected(error: unknown): boolean {
  return (
    error instanceof InputError ||
    error instanceof PreflightError ||
    error instanceof AwsCallError ||
    (error instanceof Error && error.name === 'InputErrors')
  )
}

/** A problem found before any write (missing source, over the delete cap, ...). */
export class PreflightError extends Error {
  override name = 'PreflightError'
}

/** An AWS call that failed, with what was being done and the permission it needs. */
export class AwsCallError extends Error {
  override name = 'AwsCallError'
  constructor(
    message: string,
    readonly code: string | undefined,
    override readonly cause: unknown,
  ) {
    super(message)
  }
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'Forbidden',
  'AllAccessDisabled',
])

/** True for an AccessDenied answer (HTTP 403), wrapped or not. */
export function isAccessDenied(error: unknown): boolean {
  const e = error instanceof AwsCallError ? error.cause : error
  const code = errorName(e)
  return errorStatus(e) === 403 || (code !== undefined && ACCESS_DENIED.has(code))
}

/**
 * Wrap an error from an AWS call: `Could not <doing>: <code> <message>`, and on AccessDenied the
 * IAM action that the call needs.
 */
export function wrapAwsError(
  doing: string,
  permission: string | undefined,
  error: unknown,
): AwsCallError {
  if (error instanceof AwsCallError) return error
  const code = errorName(error)
  const status = errorStatus(error)
  let message = `Could not ${doing}: ${errorMessage(error)}`
  if (status && !message.includes(String(status))) message += ` (HTTP ${status})`
  if ((code && ACCESS_DENIED.has(code)) || status === 403) {
    if (permission)
      message += `. The credentials need the IAM permission ${permission} on this resource.`
  }
  return new AwsCallError(message, code, error)
}

/**
 * True when the endpoint does not implement the operation at all (an emulator or an S3-compatible store
 * answering 404 with a page, or 501), as opposed to a documented error such as NoSuchDistribution.
 */
export function isUnsupported(error: unknown): boolean {
  const status = errorStatus(error)
  const name = errorName(error) ?? ''
  if (status === 501 || name === 'NotImplemented') return true
  return status === 404 && !/^NoSuch|NotFound$/.test(name)
}

/** Error codes of a connection that failed or gave no answer (as opposed to an answer that said no). */
const UNANSWERED_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
])

/** True for an error that means the server did not answer: a timeout or a broken connection. */
export function isUnanswered(error: unknown): boolean {
  const e = (error instanceof AwsCallError ? error.cause : error) as {
    name?: unknown
    code?: unknown
    $metadata?: { httpStatusCode?: unknown }
  }
  if (!e || typeof e !== 'object') return false
  if (typeof e.$metadata?.httpStatusCode === 'number') return false
  return e.name === 'TimeoutError' || (typeof e.code === 'string' && UNANSWERED_CODES.has(e.code))
}

/** Error codes S3 (and the SDK) use for "too many requests". */
const THROTTLING_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
])

/**
 * Why an attempt's failure says "send less": 'throttled' for a 503 or 429 or a throttling code,
 * 'timeouts' for a timeout (no answer), else undefined (an answer that said no, or a reset).
 */
export function refusalKind(error: unknown): 'throttled' | 'timeouts' | undefined {
  const e = (error instanceof AwsCallError ? error.cause : error) as {
    name?: unknown
    $metadata?: { httpStatusCode?: unknown }
  }
  if (!e || typeof e !== 'object') return undefined
  const status = e.$metadata?.httpStatusCode
  if (status === 503 || status === 429) return 'throttled'
  if (typeof e.name === 'string' && THROTTLING_CODES.has(e.name)) return 'throttled'
  if (typeof status !== 'number' && e.name === 'TimeoutError') return 'timeouts'
  return undefined
}

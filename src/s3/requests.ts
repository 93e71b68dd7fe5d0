/**
 * What the store's parts share: where the objects are, the client, and the request
 * slots with their circuit breaker.
 */
import type { S3Client } from '@aws-sdk/client-s3'
import { AwsCallError, errorMessage, isUnanswered } from '../core/errors.js'
import { joinKey } from '../core/keys.js'
import { Semaphore } from '../core/limit.js'

/**
 * Requests in flight, at most `concurrency`. A circuit breaker: once a request has failed because the
 * server did not answer (a timeout or a dropped connection, after all the SDK's attempts), the requests
 * still waiting fail at once instead of each waiting out its own attempts: against a hung server a
 * deploy of 3,000 files would otherwise take files / concurrency x 6 x request-timeout to fail.
 */
export class RequestGate {
  private readonly slots: Semaphore
  /** Set when a request failed for want of an answer (after all retries): nothing more is sent. */
  private halted: Error | undefined

  constructor(
    concurrency: number,
    /** The bucket and prefix, for the message. */
    private readonly description: string,
  ) {
    this.slots = new Semaphore(concurrency)
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.slots.use(1, async () => {
      if (this.halted) throw this.halted
      try {
        return await work()
      } catch (error) {
        if (!this.halted && isUnanswered(error))
          this.halted = new Error(
            `not sent: ${this.description} stopped answering (${errorMessage(error instanceof AwsCallError ? error.cause : error)}, after every retry), so the deploy stopped instead of waiting for each file to time out`,
          )
        throw error
      }
    })
  }
}

/** The bucket and prefix objects go to, and the means to reach them. */
export interface Target {
  client: S3Client
  bucket: string
  prefix: string
  requests: RequestGate
}

/** The object key of a site key. */
export function objectKey(target: Target, siteKey: string): string {
  return joinKey(target.prefix, siteKey)
}

/** `s3://bucket/key` of a site key, for messages. */
export function where(target: Target, siteKey: string): string {
  return `s3://${target.bucket}/${objectKey(target, siteKey)}`
}

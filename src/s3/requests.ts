/**
 * What the store's parts share: where the objects are, the client, and the request
 * slots with their circuit breaker.
 */
import type { S3Client } from '@aws-sdk/client-s3'
import { AwsCallError, errorMessage, isUnanswered } from '../core/errors.js'
import { joinKey } from '../core/keys.js'
import {
  AdaptiveConcurrency,
  AUTO_CEILING,
  AUTO_START,
  type Concurrency,
  type ConcurrencyReport,
} from '../core/concurrency.js'
import { Semaphore } from '../core/limit.js'
import type { PutTransport } from './put-transport.js'

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
  private readonly adaptive: AdaptiveConcurrency | undefined

  constructor(
    concurrency: Concurrency,
    /** The bucket and prefix, for the message. */
    private readonly description: string,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (concurrency === 'auto')
      this.adaptive = new AdaptiveConcurrency({ start: AUTO_START, ceiling: AUTO_CEILING })
    this.slots = new Semaphore(this.adaptive?.limit ?? (concurrency as number))
  }

  /** An attempt (sent at `sentAt`) that S3 throttled or that timed out: adaptive mode backs off. */
  refused(sentAt: number, kind: 'throttled' | 'timeouts'): void {
    if (!this.adaptive) return
    this.slots.resize(this.adaptive.refused(this.now(), sentAt, kind))
  }

  get report(): ConcurrencyReport {
    const a = this.adaptive
    if (!a) return { mode: 'fixed', settled: this.slots.capacity, peak: this.slots.capacity }
    const t0 = a.changes[0]?.at ?? 0
    return {
      mode: 'auto',
      settled: a.limit,
      peak: a.peak,
      why: a.describe(),
      changes: a.changes.map((c) => ({ ...c, at: Math.round(c.at - t0) })),
    }
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.slots.use(1, async () => {
      if (this.halted) throw this.halted
      const granted = this.now()
      try {
        const value = await work()
        const a = this.adaptive
        if (a) {
          const at = this.now()
          this.slots.resize(a.answered(at, at - granted, this.slots.queued > 0))
        }
        return value
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

/**
 * Whether a request body's SHA-256 goes into its signature. Not over TLS (`UNSIGNED-PAYLOAD`): TLS
 * protects the bytes in transit and Content-MD5 lets S3 reject a damaged body, as the AWS CLI does,
 * and the client is spared hashing every byte a second time. Over plain HTTP (an emulator, a MinIO on
 * the local network) yes, so nothing on the way can swap them.
 */
export function signsPayload(protocol: string | undefined): boolean {
  return protocol !== 'https:'
}

/** The bucket and prefix objects go to, and the means to reach them. */
export interface Target {
  client: S3Client
  bucket: string
  prefix: string
  requests: RequestGate
  /** Small PUTs without the SDK's command stack (put-transport.ts); absent: all through the SDK. */
  direct?: PutTransport
}

/** The object key of a site key. */
export function objectKey(target: Target, siteKey: string): string {
  return joinKey(target.prefix, siteKey)
}

/** `s3://bucket/key` of a site key, for messages. */
export function where(target: Target, siteKey: string): string {
  return `s3://${target.bucket}/${objectKey(target, siteKey)}`
}

// Building blocks for fakes of the AWS SDK, for the CloudFront behaviour the emulator cannot produce.
import type { Log } from '../../src/core/ports.js'
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

/** A log that keeps every line, by kind, and the names of the groups opened. */
export function recordingLog() {
  const lines = {
    info: [] as string[],
    warning: [] as string[],
    debug: [] as string[],
    groups: [] as string[],
  }
  const log: Log = {
    info: (m) => lines.info.push(m),
    warning: (m) => lines.warning.push(m),
    debug: (m) => lines.debug.push(m),
    debugging: true,
    group: (name, work) => {
      lines.groups.push(name)
      return work()
    },
  }
  return { log, ...lines }
}

/** A clock that only moves when the code pauses: waiting costs no real time. */
export function fakeClock() {
  let t = 1_700_000_000_000
  const pauses: number[] = []
  return {
    now: () => t,
    pause: async (ms: number) => {
      pauses.push(ms)
      t += ms
    },
    pauses,
    elapsed: () => pauses.reduce((a, b) => a + b, 0),
  }
}

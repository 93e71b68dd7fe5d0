// Sending invalidations to CloudFront, with a fake client answering what the emulator cannot:
// the documented limits and throttling, and invalidations that do not complete in time.
import { type CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { describe, expect, it } from 'vitest'
import { CloudFrontApi } from '../../src/cloudfront/client.js'
import type { DistributionOutcome } from '../../src/cloudfront/outcome.js'
import { invalidate, invalidationReference } from '../../src/cloudfront/invalidate.js'
import { parseConfig } from '../../src/action/inputs.js'
import type { Plan } from '../../src/core/plan.js'
import { fakeClock, recordingLog, sdkError } from '../helpers/fakes.js'

type Handler = (input: Record<string, unknown>) => unknown
function fakeApi(handlers: Record<string, Handler[]>) {
  const calls: Array<{ name: string; input: Record<string, unknown> }> = []
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name
      calls.push({ name, input: command.input })
      const queue = handlers[name]
      if (!queue || queue.length === 0) throw new Error(`unexpected ${name}`)
      const handler = queue.length > 1 ? queue.shift()! : queue[0]!
      return handler(command.input)
    },
  }
  return { api: new CloudFrontApi(client as unknown as CloudFrontClient), calls }
}

const distribution: DistributionOutcome = {
  id: 'EDFDVBD6EXAMPLE',
  arn: 'arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE',
  domain: 'd111111abcdef8.cloudfront.net',
  aliases: [],
  status: 'Deployed',
  enabled: true,
  action: 'unchanged',
  changes: [],
  owned: true,
  originPath: '',
  deployed: undefined,
}

function changedPlan(keys: string[]): Plan {
  const file = (key: string) => ({
    key,
    path: `/tmp/${key}`,
    size: 1,
    md5: '0'.repeat(32),
    mtimeMs: 0,
  })
  return {
    assets: keys.map((key) => ({
      kind: 'upload' as const,
      key,
      reason: 'content' as const,
      file: file(key),
      headers: { contentType: 'text/css', cacheControl: 'no-cache' },
      metadata: false,
    })),
    metadata: [],
    deletes: [],
    unchanged: [
      {
        file: file('other.css'),
        etag: 'x',
        headers: { contentType: 'text/css', cacheControl: 'no-cache' },
      },
    ],
    inspect: [],
    unknownTypes: [],
    kept: 0,
    marks: [],
    unmarks: [],
  }
}

function config(extra: Record<string, string> = {}) {
  return parseConfig({
    INPUT_SOURCE: 'dist',
    INPUT_BUCKET: 'my-site',
    GITHUB_WORKSPACE: '/work',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
    ...extra,
  })
}

const created =
  (id: string, status = 'InProgress') =>
  () => ({ Invalidation: { Id: id, Status: status } })

describe('invalidate: sending', () => {
  it('retries TooManyInvalidationsInProgress with growing pauses, then succeeds with one deterministic reference', async () => {
    const { api, calls } = fakeApi({
      CreateInvalidationCommand: [
        () => {
          throw sdkError('TooManyInvalidationsInProgress', 400)
        },
        () => {
          throw sdkError('TooManyInvalidationsInProgress', 400)
        },
        created('I2J0I21PCUYOIK'),
      ],
    })
    const clock = fakeClock()
    const { log, info: lines } = recordingLog()
    const env = { GITHUB_RUN_ID: '99', GITHUB_RUN_ATTEMPT: '1' }
    const outcome = await invalidate({
      config: config(),
      api,
      distribution,
      plan: changedPlan(['a.css', 'b.css']),
      log,
      env,
      dryRun: false,
      ...clock,
    })
    expect(outcome?.ids).toEqual(['I2J0I21PCUYOIK'])
    expect(calls.map((c) => c.name)).toEqual([
      'CreateInvalidationCommand',
      'CreateInvalidationCommand',
      'CreateInvalidationCommand',
    ])
    const references = calls.map(
      (c) => (c.input.InvalidationBatch as { CallerReference: string }).CallerReference,
    )
    expect(new Set(references).size).toBe(1)
    expect(references[0]).toBe(invalidationReference(env, distribution.id, ['/a.css', '/b.css']))
    expect((calls[0]!.input.InvalidationBatch as { Paths: unknown }).Paths).toEqual({
      Quantity: 2,
      Items: ['/a.css', '/b.css'],
    })
    expect(clock.pauses).toEqual([1000, 2000])
    expect(lines.join('\n')).toContain('TooManyInvalidationsInProgress; trying again')
  })

  it('throttling past the deadline fails, naming what was not invalidated', async () => {
    const { api, calls } = fakeApi({
      CreateInvalidationCommand: [
        () => {
          throw sdkError('Throttling', 400)
        },
      ],
    })
    const clock = fakeClock()
    const { log } = recordingLog()
    const run = invalidate({
      config: config({ 'INPUT_WAIT-TIMEOUT': '20' }),
      api,
      distribution,
      plan: changedPlan(['a.css', 'b.css']),
      log,
      env: {},
      dryRun: false,
      ...clock,
    })
    await expect(run).rejects.toThrow(
      /Could not invalidate on distribution EDFDVBD6EXAMPLE: Throttling for 20 s \(wait-timeout\)\. Not invalidated: \/a\.css, \/b\.css/,
    )
    expect(calls.length).toBeGreaterThan(2)
    expect(clock.pauses.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20_000)
  })

  it('a documented error that retrying cannot fix fails at once with the operation and the permission', async () => {
    const { api, calls } = fakeApi({
      CreateInvalidationCommand: [
        () => {
          throw sdkError('AccessDenied', 403)
        },
      ],
    })
    const { log } = recordingLog()
    const run = invalidate({
      config: config(),
      api,
      distribution,
      plan: changedPlan(['a.css']),
      log,
      env: {},
      dryRun: false,
      ...fakeClock(),
    })
    await expect(run).rejects.toThrow(
      /Could not invalidate 1 paths on distribution EDFDVBD6EXAMPLE \(CreateInvalidation\): AccessDenied.*cloudfront:CreateInvalidation/,
    )
    expect(calls).toHaveLength(1)
  })

  it('nothing changed, dry run, or invalidate: false: no request', async () => {
    const { api, calls } = fakeApi({})
    const { log } = recordingLog()
    const none = await invalidate({
      config: config(),
      api,
      distribution,
      plan: changedPlan([]),
      log,
      env: {},
      dryRun: false,
    })
    expect(none?.plan.paths).toEqual([])
    const dry = await invalidate({
      config: config(),
      api,
      distribution,
      plan: changedPlan(['a.css']),
      log,
      env: {},
      dryRun: true,
    })
    expect(dry).toMatchObject({ ids: [], dryRun: true, plan: { paths: ['/a.css'] } })
    const off = await invalidate({
      config: config({ INPUT_INVALIDATE: 'false' }),
      api,
      distribution,
      plan: changedPlan(['a.css']),
      log,
      env: {},
      dryRun: false,
    })
    expect(off).toBeUndefined()
    expect(calls).toEqual([])
  })
})

describe('invalidate: waiting', () => {
  it('polls until Completed, in any letter case', async () => {
    const { api, calls } = fakeApi({
      CreateInvalidationCommand: [created('ID1')],
      GetInvalidationCommand: [
        () => ({ Invalidation: { Status: 'InProgress' } }),
        () => ({ Invalidation: { Status: 'COMPLETED' } }),
      ],
    })
    const clock = fakeClock()
    const { log } = recordingLog()
    const outcome = await invalidate({
      config: config({ INPUT_WAIT: 'true' }),
      api,
      distribution,
      plan: changedPlan(['a.css']),
      log,
      env: {},
      dryRun: false,
      ...clock,
    })
    expect(outcome?.completed).toBe(true)
    expect(calls.filter((c) => c.name === 'GetInvalidationCommand')).toHaveLength(2)
    expect(clock.pauses).toEqual([2000])
  })

  it('past wait-timeout: warns by default', async () => {
    const { api } = fakeApi({
      CreateInvalidationCommand: [created('ID2')],
      GetInvalidationCommand: [() => ({ Invalidation: { Status: 'InProgress' } })],
    })
    const { log, warning: warnings } = recordingLog()
    const outcome = await invalidate({
      config: config({ INPUT_WAIT: 'true', 'INPUT_WAIT-TIMEOUT': '30' }),
      api,
      distribution,
      plan: changedPlan(['a.css']),
      log,
      env: {},
      dryRun: false,
      ...fakeClock(),
    })
    expect(outcome?.completed).toBe(false)
    expect(warnings).toEqual([
      'Invalidation ID2 is still InProgress after 30 s (wait-timeout); it goes on by itself.',
    ])
  })

  it('past wait-timeout with fail-on-wait-timeout: fails', async () => {
    const { api } = fakeApi({
      CreateInvalidationCommand: [created('ID3')],
      GetInvalidationCommand: [() => ({ Invalidation: { Status: 'InProgress' } })],
    })
    const { log } = recordingLog()
    const run = invalidate({
      config: config({
        INPUT_WAIT: 'true',
        'INPUT_WAIT-TIMEOUT': '30',
        'INPUT_FAIL-ON-WAIT-TIMEOUT': 'true',
      }),
      api,
      distribution,
      plan: changedPlan(['a.css']),
      log,
      env: {},
      dryRun: false,
      ...fakeClock(),
    })
    await expect(run).rejects.toThrow(
      'Invalidation ID3 is still InProgress after 30 s (wait-timeout); it goes on by itself. Failing because fail-on-wait-timeout is true.',
    )
  })
})

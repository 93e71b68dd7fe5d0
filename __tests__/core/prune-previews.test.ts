// prune-previews, the pure part: preview folder names mapped back to pull requests through the
// preview-prefix template, durations, and the decision table (closed, expired, kept, and why).
import { describe, expect, it } from 'vitest'
import { formatDuration, parseDurationText } from '../../src/core/duration.js'
import {
  decidePreview,
  previewPattern,
  sortDecisions,
  type PreviewDecision,
  type PullRequestState,
} from '../../src/core/prune-previews.js'

const DAY = 86_400_000

describe('previewPattern', () => {
  const numberOf = (template: string, root: string, name: string) => {
    const mapped = previewPattern(template, root)
    if ('problem' in mapped) throw new Error(mapped.problem)
    return mapped.pattern.numberOf(name)
  }

  it.each([
    ['previews/pr-{number}', 'previews', 'pr-42', 42],
    ['previews/pr-{number}', 'previews', 'pr-1', 1],
    ['previews/pr-{number}', 'previews', 'pr-042', undefined], // never written so
    ['previews/pr-{number}', 'previews', 'pr-0', undefined],
    ['previews/pr-{number}', 'previews', 'pr-42x', undefined],
    ['previews/pr-{number}', 'previews', 'xpr-42', undefined],
    ['previews/pr-{number}', 'previews', 'pr-', undefined],
    ['previews/pr-{number}', 'previews', 'main', undefined],
    ['previews/pr-{number}', 'previews', 'pr-12345678901', undefined], // over ten digits
    ['previews/{number}', 'previews', '7', 7],
    ['site/pv/n.{number}', 'site/pv', 'n.7', 7], // a dot is literal
    ['site/pv/n.{number}', 'site/pv', 'nx7', undefined],
    ['previews/{number}-{branch}', 'previews', '12-feature-x', 12],
    ['previews/{branch}-{number}', 'previews', 'feat-12-34', 34],
    ['previews/pr-{number}-{sha}', 'previews', 'pr-5-0123456789ab', 5],
    ['previews/pr-{number}-{sha}', 'previews', 'pr-5-XYZ', undefined],
  ])('%s (root %s): %s is %s', (template, root, name, expected) => {
    expect(numberOf(template, root, name)).toBe(expected)
  })

  it.each([
    ['previews/{branch}', 'previews', /through \{number\}, which the template must hold once/],
    ['previews/{number}-{number}', 'previews', /must hold only once/],
    [
      'previews/pr-{number}/site',
      'previews',
      /one folder per preview right below the preview root/,
    ],
    ['previews', 'previews', /one folder per preview/],
  ])('%s cannot be mapped back', (template, root, message) => {
    const mapped = previewPattern(template, root)
    expect('problem' in mapped && mapped.problem).toMatch(message)
  })
})

describe('durations', () => {
  it.each([
    ['14d', 14 * DAY],
    ['36h', 36 * 3_600_000],
    ['90m', 90 * 60_000],
    ['2w', 14 * DAY],
    ['30s', 30_000],
    [' 7d ', 7 * DAY],
    ['', 0],
    ['0', 0],
    ['366d', 366 * DAY],
    ['367d', undefined],
    ['14', undefined],
    ['14days', undefined],
    ['1.5d', undefined],
    ['-1d', undefined],
    ['d', undefined],
    ['99999999999999999999d', undefined],
  ])('%j is %s ms', (text, ms) => {
    expect(parseDurationText(text)).toBe(ms)
  })

  it.each([
    [14 * DAY, '2w'],
    [15 * DAY, '15d'],
    [36 * 3_600_000, '36h'],
    [90 * 60_000, '90m'],
    [45_000, '45s'],
  ])('%i ms is written %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})

describe('decidePreview', () => {
  const now = Date.parse('2026-12-06T12:00:00Z')
  const rules = { template: 'previews/pr-{number}', maxAgeMs: 14 * DAY, now }
  const daysAgo = (d: number) => new Date(now - d * DAY)
  const open: PullRequestState = { state: 'open', merged: false }
  const closed: PullRequestState = { state: 'closed', merged: false }
  const merged: PullRequestState = { state: 'closed', merged: true }
  const unknown: PullRequestState = { unknown: 'not found with this token (HTTP 404)' }

  it.each<
    [
      string,
      number | undefined,
      PullRequestState | undefined,
      Date | undefined,
      number,
      boolean,
      string,
      RegExp,
    ]
  >([
    [
      'closed, young',
      1,
      closed,
      daysAgo(1),
      14 * DAY,
      true,
      'closed',
      /^pull request #1 is closed$/,
    ],
    [
      'merged, no age asked',
      2,
      merged,
      undefined,
      0,
      true,
      'closed',
      /^pull request #2 was merged$/,
    ],
    [
      'closed and expired: closed says why',
      3,
      closed,
      daysAgo(30),
      14 * DAY,
      true,
      'closed',
      /#3 is closed/,
    ],
    [
      'open, expired',
      4,
      open,
      daysAgo(15),
      14 * DAY,
      true,
      'expired',
      /^last deployed 2026-11-21T12:00:00.000Z, more than preview-max-age \(2w\) ago$/,
    ],
    [
      'open, young',
      5,
      open,
      daysAgo(13),
      14 * DAY,
      false,
      'open',
      /^pull request #5 is open; last deployed .*, within preview-max-age \(2w\)$/,
    ],
    ['open, exactly the limit', 6, open, daysAgo(14), 14 * DAY, false, 'open', /is open/],
    ['open, no age limit', 7, open, daysAgo(400), 0, false, 'open', /^pull request #7 is open$/],
    [
      'unknown state, young: kept',
      8,
      unknown,
      daysAgo(1),
      14 * DAY,
      false,
      'unknown',
      /^the state of pull request #8 is not known \(not found with this token \(HTTP 404\)\); last deployed/,
    ],
    [
      'unknown state, expired: the age is certain',
      9,
      unknown,
      daysAgo(20),
      14 * DAY,
      true,
      'expired',
      /more than preview-max-age/,
    ],
    [
      'not asked (no state at all): kept',
      10,
      undefined,
      undefined,
      0,
      false,
      'unknown',
      /not known \(not asked\)$/,
    ],
    [
      'not of the template: kept, however old',
      undefined,
      closed,
      daysAgo(900),
      14 * DAY,
      false,
      'foreign',
      /^not a preview of this template \(previews\/pr-\{number\}\)$/,
    ],
  ])('%s', (_, number, pr, lastDeployed, maxAgeMs, remove, why, reason) => {
    const d = decidePreview({ name: 'x', number, lastDeployed }, pr, { ...rules, maxAgeMs })
    expect(d).toMatchObject({ name: 'x', number, remove, why })
    expect(d.reason).toMatch(reason)
  })

  it('sorts previews by number, then other folders by name', () => {
    const d = (name: string, number?: number): PreviewDecision => ({
      name,
      number,
      remove: false,
      why: 'open',
      reason: '',
    })
    expect(
      sortDecisions([d('zz'), d('pr-10', 10), d('aa'), d('pr-9', 9)]).map((x) => x.name),
    ).toEqual(['pr-9', 'pr-10', 'aa', 'zz'])
  })
})

import { describe, expect, it } from 'vitest'
import type { LocalFile } from '../../src/core/ports.js'
import type { Plan, PlanCounts, WriteAction } from '../../src/core/plan.js'
import {
  SUMMARY_LIMIT,
  formatBytes,
  renderSummary,
  type SummaryInput,
} from '../../src/action/summary.js'

const HEADERS = { contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' }

function localFile(key: string, size = 10): LocalFile {
  return { key, path: `/src/${key}`, size, md5: '0'.repeat(32), mtimeMs: 0 }
}

function upload(
  key: string,
  reason: 'new' | 'content' | 'headers' = 'new',
  cacheControl = 'public, max-age=3600',
): WriteAction {
  return {
    kind: 'upload',
    key,
    reason,
    file: localFile(key),
    headers: { ...HEADERS, cacheControl },
    metadata: false,
  }
}

function emptyPlan(): Plan {
  return {
    assets: [],
    metadata: [],
    deletes: [],
    unchanged: [],
    inspect: [],
    unknownTypes: [],
    kept: 0,
    marks: [],
    unmarks: [],
  }
}

const COUNTS: PlanCounts = {
  uploaded: 3,
  updated: 2,
  deleted: 1,
  unchanged: 40,
  bytesUploaded: 3 * 1024 * 1024,
}

function input(overrides: Partial<SummaryInput> = {}): SummaryInput {
  return {
    target: 's3://bucket/site/',
    dryRun: false,
    durationMs: 12_345,
    counts: COUNTS,
    plan: emptyPlan(),
    failures: [],
    phase: 'done',
    error: undefined,
    ...overrides,
  }
}

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.00 KiB'],
    [1536, '1.50 KiB'],
    [10 * 1024, '10.0 KiB'],
    [1024 ** 2, '1.00 MiB'],
    [5 * 1024 ** 3, '5.00 GiB'],
    [2048 * 1024 ** 4, '2048.0 TiB'],
  ])('%d -> %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })
})

describe('renderSummary', () => {
  it('shows the target, the status, the counts table and the duration', () => {
    const text = renderSummary(input())
    expect(text).toContain('## cdn-publish: s3://bucket/site/ (published)')
    expect(text).toContain('| Result | Objects | Bytes |')
    expect(text).toContain('| Uploaded | 3 | 3.00 MiB |')
    expect(text).toContain('| Headers updated | 2 | 0 B |')
    expect(text).toContain('| Deleted | 1 | |')
    expect(text).toContain('| Unchanged | 40 | |')
    expect(text).toContain('Duration: 12.3 s')
    expect(text).not.toContain('would be')
    expect(text).not.toContain('Failed')
  })

  it('marks a dry run', () => {
    const plan = { ...emptyPlan(), assets: [upload('a.css')] }
    const text = renderSummary(input({ dryRun: true, plan }))
    expect(text).toContain('(dry run, nothing was written)')
    expect(text).toContain('| Planned | Objects | Bytes |')
    expect(text).toContain('| Uploaded (would be) | 3 | 3.00 MiB |')
    expect(text).toContain('| Deleted (would be) | 1 | |')
    expect(text).toContain('### Changes (planned): 1')
    expect(text).not.toContain('(published)')
  })

  it('says there is nothing to do when the plan is empty', () => {
    expect(renderSummary(input())).toContain('No changes: the bucket already matches the build.')
  })

  it('shows the error that stopped the run, and not "No changes"', () => {
    const text = renderSummary(
      input({ error: 'Could not list s3://bucket/site/: AccessDenied | x', counts: undefined }),
    )
    expect(text).toContain('(failed)')
    expect(text).toContain('> **Error:** Could not list s3://bucket/site/: AccessDenied \\| x')
    expect(text).not.toContain('No changes')
    expect(text).not.toContain('| Result |')
  })

  it.each([
    ['assets', 'Stopped while uploading new and changed files (metadata and deletes did not run'],
    ['metadata', 'Stopped while uploading metadata (deletes did not run).'],
    ['deletes', 'Stopped while deleting objects that left the build.'],
    ['compare', 'Stopped while comparing the build with the bucket.'],
  ] as const)('lists failures with what was running (%s)', (phase, sentence) => {
    const text = renderSummary(
      input({
        phase,
        failures: [
          { key: 'a.js', action: 'upload', message: 'SlowDown: Please reduce your request rate.' },
          { key: 'b|c.css', action: 'update', message: 'bad | pipe\nnew line' },
        ],
      }),
    )
    expect(text).toContain('(failed)')
    expect(text).toContain('### Failed: 2')
    expect(text).toContain(sentence)
    expect(text).toContain('| `a.js` | upload | SlowDown: Please reduce your request rate. |')
    expect(text).toContain('| `b\\|c.css` | update | bad \\| pipe new line |')
  })

  it('does not say "Stopped while" when the phase is done', () => {
    const text = renderSummary(
      input({ phase: 'done', failures: [{ key: 'x', action: 'delete', message: 'm' }] }),
    )
    expect(text).toContain('### Failed: 1')
    expect(text).not.toContain('Stopped while')
  })

  it('lists changes in order assets, metadata, deletes with action, reason and Cache-Control', () => {
    const plan: Plan = {
      ...emptyPlan(),
      assets: [upload('app.3f2a9c1b.js', 'new', 'public, max-age=31536000, immutable')],
      metadata: [
        {
          kind: 'update',
          key: 'index.html',
          reason: 'headers',
          file: localFile('index.html'),
          headers: HEADERS,
          previous: { ...HEADERS, cacheControl: 'max-age=60' },
          metadata: true,
        },
      ],
      deletes: [{ kind: 'delete', key: 'old.js', reason: 'removed', size: 3 }],
    }
    const text = renderSummary(input({ plan }))
    const rows = text.split('\n').filter((l) => l.startsWith('| `'))
    expect(rows).toEqual([
      '| `app.3f2a9c1b.js` | upload | new | public, max-age=31536000, immutable |',
      '| `index.html` | update | headers | no-cache |',
      '| `old.js` | delete | removed |  |',
    ])
    expect(text).toContain('### Changes: 3')
  })

  it('escapes pipes and backticks in keys so the table keeps its columns', () => {
    const plan = { ...emptyPlan(), assets: [upload('a|b`c|d.txt')] }
    const text = renderSummary(input({ plan }))
    const row = text.split('\n').find((l) => l.includes('a\\|b'))!
    // A longer fence than any run of backticks in the name: the name is shown as it is.
    expect(row).toBe('| ``a\\|b`c\\|d.txt`` | upload | new | public, max-age=3600 |')
    // Unescaped pipes separate the four cells, no more.
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6)
  })

  it('shows names and messages as text, never as HTML, links or line breaks', () => {
    const key = '<img src=x>[a](b)\n::error::x'
    const text = renderSummary(
      input({
        plan: { ...emptyPlan(), assets: [upload(key)] },
        failures: [{ key, action: 'upload', message: `Could not upload ${key}: *no* <b>` }],
      }),
    )
    expect(text).toContain('| `<img src=x>[a](b)\\n::error::x` | upload | new |')
    expect(text).toContain(
      '| Could not upload &lt;img src=x&gt;\\[a\\](b) ::error::x: \\*no\\* &lt;b&gt; |',
    )
    // Outside code spans (shown as text by Markdown), no HTML at all.
    expect(text.replace(/(`+)[^`][\s\S]*?\1/g, '')).not.toMatch(/<[a-z]/)
    expect(text.split('\n').some((line) => line.startsWith('::'))).toBe(false)
  })

  it('prune-previews: a row per folder, removed or kept and why, names shown as text', () => {
    const hostile = 'x|`y`\n::error::z'
    const text = renderSummary(
      input({
        mode: 'prune-previews',
        counts: undefined,
        plan: undefined,
        prune: {
          root: 'site/previews',
          dryRun: false,
          previews: [
            {
              name: 'pr-1',
              number: 1,
              remove: true,
              why: 'closed',
              reason: 'pull request #1 was merged',
              prefix: 'site/previews/pr-1',
              deleted: 3,
            },
            {
              name: 'pr-2',
              number: 2,
              remove: true,
              why: 'expired',
              reason: 'last deployed 2026-01-01T00:00:00.000Z, more than preview-max-age (2w) ago',
              prefix: 'site/previews/pr-2',
              error: 'over <max-deletes>',
            },
            {
              name: hostile,
              number: undefined,
              remove: false,
              why: 'foreign',
              reason: 'not a preview of this template (previews/pr-{number})',
              prefix: `site/previews/${hostile}`,
            },
          ],
        },
      }),
    )
    expect(text).toContain('## cdn-publish: s3://bucket/site/ (pruned)')
    expect(text).toContain('Mode: Prune previews')
    expect(text).toContain('### Previews under `site/previews/`: 1 removed, 1 kept, 1 failed')
    expect(text).toContain('| `pr-1` | #1 | removed (3 objects) | pull request \\#1 was merged |')
    expect(text).toContain('| `pr-2` | #2 | not removed: over &lt;max-deletes&gt; |')
    expect(text).toContain('| ``x\\|`y`\\n::error::z`` | - | kept |')
    expect(text.split('\n').some((line) => line.startsWith('::'))).toBe(false)
    const dry = renderSummary(
      input({
        mode: 'prune-previews',
        dryRun: true,
        counts: undefined,
        plan: undefined,
        prune: { root: 'previews', dryRun: true, previews: [] },
      }),
    )
    expect(dry).toContain('### Previews under `previews/`: 0 would be removed, 0 kept')
    expect(dry).toContain('No previews found.')
  })

  it('caps the change list with "... and N more"', () => {
    const plan = { ...emptyPlan(), assets: Array.from({ length: 8 }, (_, i) => upload(`f${i}.js`)) }
    const text = renderSummary(input({ plan, cap: 5 }))
    expect(text.split('\n').filter((l) => l.startsWith('| `f'))).toHaveLength(5)
    expect(text).toContain('| ... and 3 more | | | |')
    expect(text).toContain('### Changes: 8')
  })

  it('caps failures the same way', () => {
    const failures = Array.from({ length: 7 }, (_, i) => ({
      key: `k${i}`,
      action: 'upload' as const,
      message: 'boom',
    }))
    const text = renderSummary(input({ failures, phase: 'assets', cap: 2 }))
    expect(text.split('\n').filter((l) => l.startsWith('| `k'))).toHaveLength(2)
    expect(text).toContain('| ... and 5 more | | |')
  })

  it('does not add a "more" line when exactly at the cap', () => {
    const plan = { ...emptyPlan(), assets: Array.from({ length: 5 }, (_, i) => upload(`f${i}.js`)) }
    expect(renderSummary(input({ plan, cap: 5 }))).not.toContain('more')
  })

  it('stays under SUMMARY_LIMIT for 100k changes with the default cap', () => {
    const assets = Array.from({ length: 100_000 }, (_, i) =>
      upload(`assets/${'deep/'.repeat(50)}file-${i}.js`),
    )
    const text = renderSummary(input({ plan: { ...emptyPlan(), assets } }))
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_LIMIT)
    expect(text).toContain('### Changes: 100000')
    expect(text).toContain('| ... and 99900 more | | | |')
    expect(text).not.toContain('(summary truncated)')
  })

  it('stays under SUMMARY_LIMIT in bytes without a cap, even with multi-byte keys', () => {
    const assets = Array.from({ length: 100_000 }, (_, i) =>
      upload(`ページ/画像-${i}-${'日本語'.repeat(20)}.png`),
    )
    const text = renderSummary(
      input({ plan: { ...emptyPlan(), assets }, cap: Number.POSITIVE_INFINITY }),
    )
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_LIMIT)
    expect(text).toContain('(summary truncated)')
    expect(text).not.toContain('\uFFFD')
  })

  // One of the three pads makes the cut fall inside a three-byte character.
  it.each(['', 'x', 'xx'])(
    'stays under SUMMARY_LIMIT with a huge multi-byte error message (pad %j)',
    (pad) => {
      const text = renderSummary(input({ error: pad + '€'.repeat(1_000_000), counts: undefined }))
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_LIMIT)
      expect(text).toContain('(summary truncated)')
      expect(text).not.toContain('\uFFFD')
      expect(text).toMatch(/€\n\n\(summary truncated\)\n$/)
    },
  )
})

describe('the site behaviour line', () => {
  const distribution = {
    id: 'E123',
    arn: 'arn:aws:cloudfront::1:distribution/E123',
    domain: 'd1.cloudfront.net',
    aliases: [],
    status: 'Deployed',
    enabled: true,
    action: 'unchanged' as const,
    changes: [],
    owned: true,
    originPath: '',
    deployed: undefined,
  }
  it('names the KeyValueStore and its ARN when the distribution has one, and nothing when not', () => {
    const store = {
      name: 'cdn-publish-0123456789abcdef',
      id: 'kvs-1',
      arn: 'arn:aws:cloudfront::1:key-value-store/kvs-1',
    }
    const withStore = renderSummary(input({ distribution: { ...distribution, store } }))
    expect(withStore).toContain(
      '| Site behaviour | KeyValueStore `cdn-publish-0123456789abcdef` (`arn:aws:cloudfront::1:key-value-store/kvs-1`) |',
    )
    expect(renderSummary(input({ distribution }))).not.toContain('Site behaviour')
  })
})

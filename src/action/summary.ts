/**
 * The job summary, rendered from plain data. Pure: main.ts writes it once, at the end, guarded.
 */
import type { DistributionOutcome } from '../cloudfront/ensure.js'
import type { InvalidationOutcome } from '../cloudfront/invalidate.js'
import { AUTO_START, type ConcurrencyReport } from '../core/concurrency.js'
import { FREE_PATHS_PER_MONTH, estimatedCostUsd } from '../core/invalidation.js'
import type { Plan, PlanCounts } from '../core/plan.js'
import type { PruneOutcome } from '../deploy/prune-previews.js'
import type { Failure, Phase } from '../deploy/sync.js'
import { escapeUnsafe } from '../core/text.js'

export interface SummaryInput {
  target: string
  mode?: 'publish' | 'remove' | 'prune-previews' | 'rollback' | 'promote'
  /** A pull-request preview. */
  preview?: boolean
  dryRun: boolean
  durationMs: number
  /** Counts: what was done, or in a dry run what would be. */
  counts: PlanCounts | undefined
  plan: Plan | undefined
  failures: readonly Failure[]
  phase: Phase | undefined
  /** The error that stopped the run, if any. */
  error: string | undefined
  /** Rows listed per section at most. */
  cap?: number
  distribution?: DistributionOutcome | undefined
  invalidation?: InvalidationOutcome | undefined
  /** delete-grace: objects that left the build and are deleted later. */
  marked?: ReadonlyArray<{ key: string; after: Date }>
  url?: string | undefined
  /** Atomic deploys, rollback, promote: the build made live. */
  build?:
    | {
        id: string
        previous: string | undefined
        unchanged: boolean
        copied: number
        deleted: readonly string[]
        retired: readonly string[]
      }
    | undefined
  /** The S3 requests' concurrency. */
  concurrency?: ConcurrencyReport | undefined
  /** prune-previews: each folder under the preview root, removed or kept, and why. */
  prune?: PruneOutcome | undefined
}

/** GitHub refuses summaries over 1 MiB; stay well below. */
export const SUMMARY_LIMIT = 512 * 1024

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`
}

/**
 * A name in a table cell, shown and never rendered: a code span (no HTML, links or emphasis inside),
 * long enough a fence for any backticks in the name, pipes escaped for the table, unsafe characters
 * escaped (text.ts).
 */
function code(text: string): string {
  const shown = escapeUnsafe(text).replace(/\|/g, '\\|')
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${shown}${pad}${fence}`
}

/** Free text (an error message, which may quote names) in a cell: Markdown and HTML shown as text. */
function cell(text: string): string {
  return escapeUnsafe(text.replace(/[\r\n]+/g, ' ')).replace(/[\\`*_[\]<>&|#!~]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
  )
}

const PHASE_TEXT: Record<Phase, string> = {
  compare: 'comparing the build with the bucket',
  assets:
    'uploading new and changed files (metadata and deletes did not run, the site still serves the previous HTML)',
  metadata: 'uploading metadata (deletes did not run)',
  deletes: 'deleting objects that left the build',
  done: 'done',
}

export function renderSummary(input: SummaryInput): string {
  const cap = input.cap ?? 100
  const lines: string[] = []
  const failed = input.error !== undefined || input.failures.length > 0
  const done =
    input.mode === 'remove'
      ? 'removed'
      : input.mode === 'prune-previews'
        ? 'pruned'
        : input.mode === 'rollback'
          ? 'rolled back'
          : input.mode === 'promote'
            ? 'promoted'
            : 'published'
  const status = failed ? 'failed' : input.dryRun ? 'dry run, nothing was written' : done
  lines.push(`## cdn-publish: ${input.target} (${status})`, '')
  const verb = {
    publish: 'Publish',
    remove: 'Remove',
    'prune-previews': 'Prune previews',
    rollback: 'Roll back',
    promote: 'Promote',
  }
  const what = `${verb[input.mode ?? 'publish']}${input.preview && input.mode !== 'prune-previews' ? ' preview' : ''}`
  lines.push(
    `Mode: ${what} · Prefix: \`${input.target}\`${input.url ? ` · URL: ${input.url}` : ''}`,
    '',
  )

  if (input.error) lines.push(`> **Error:** ${cell(input.error)}`, '')

  if (input.counts) {
    const c = input.counts
    const would = input.dryRun ? ' (would be)' : ''
    lines.push(
      `| ${would ? 'Planned' : 'Result'} | Objects | Bytes |`,
      '| --- | ---: | ---: |',
      `| Uploaded${would} | ${c.uploaded} | ${formatBytes(c.bytesUploaded)} |`,
      ...(c.copied ? [`| Copied from the live build${would} | ${c.copied} | 0 B sent |`] : []),
      `| Headers updated${would} | ${c.updated} | 0 B |`,
      `| Deleted${would} | ${c.deleted} | |`,
      `| Unchanged | ${c.unchanged} | |`,
      '',
    )
  }
  lines.push(`Duration: ${(input.durationMs / 1000).toFixed(1)} s`, '')
  if (input.concurrency) lines.push(concurrencyLine(input.concurrency), '')
  if (input.prune) lines.push(...pruneSection(input.prune, cap))

  const b = input.build
  if (b) {
    const live = input.dryRun ? 'would be live' : b.unchanged ? 'was live already' : 'is live'
    lines.push(`### Build ${code(b.id)} ${live}`, '')
    lines.push(
      b.previous
        ? `Previous build: ${code(b.previous)}. To go back to it, run the action with \`mode: rollback\` (one KeyValueStore write, nothing re-uploaded), or \`rollback-to: <build-id>\` for an older one.`
        : 'No previous build: this is the first atomic deploy of this site.',
      '',
    )
    if (b.retired.length > 0)
      lines.push(`Retired (keep-builds): ${b.retired.map(code).join(', ')}.`, '')
    if (b.deleted.length > 0) lines.push(`Deleted: ${b.deleted.map(code).join(', ')}.`, '')
  }

  const marked = input.marked ?? []
  if (marked.length > 0) {
    lines.push(
      `### Left the build, kept for now: ${marked.length}`,
      '',
      'Deleted by the first run after the date (delete-grace); the deletions above happened now.',
      '',
    )
    lines.push('| Object | Deleted after |', '| --- | --- |')
    for (const m of marked.slice(0, cap))
      lines.push(`| ${code(m.key)} | ${m.after.toISOString()} |`)
    if (marked.length > cap) lines.push(`| ... and ${marked.length - cap} more | |`)
    lines.push('')
  }

  const d = input.distribution
  if (d) {
    const action: Record<DistributionOutcome['action'], string> = {
      created: 'created',
      updated: 'updated',
      unchanged: 'unchanged',
      'would-create': 'would be created',
      'would-update': 'would be updated',
    }
    lines.push('### CloudFront', '', '| | |', '| --- | --- |')
    if (input.url) lines.push(`| URL | ${input.url} |`)
    lines.push(
      `| Distribution | ${d.id ? code(d.id) : '(new)'} (${action[d.action]}${d.owned ? ', managed by cdn-publish' : ''}) |`,
      `| Domain | ${d.domain ? code(d.domain) : '-'} |`,
      `| Aliases | ${d.aliases.length > 0 ? d.aliases.map(code).join(', ') : '(none)'} |`,
      `| Status | ${cell(d.status || '-')}, ${d.enabled ? 'enabled' : 'disabled'} |`,
    )
    if (d.store)
      lines.push(`| Site behaviour | KeyValueStore ${code(d.store.name)} (${code(d.store.arn)}) |`)
    for (const c of d.changes)
      lines.push(`| Changed ${cell(c.field)} | ${cell(c.from)} -> ${cell(c.to)} |`)
    lines.push('')
  }

  const inv = input.invalidation
  if (inv) {
    const n = inv.plan.paths.length
    if (n === 0) lines.push('Invalidation: none needed (no cached object changed).', '')
    else {
      const what = inv.dryRun
        ? 'would be invalidated'
        : `invalidated${inv.ids.length ? ` (${inv.ids.map(code).join(', ')})` : ''}`
      lines.push(
        `### Invalidation: ${n} path(s) ${what}`,
        '',
        `Covering ${inv.plan.objects} changed object(s)${inv.plan.collapsed ? ', collapsed into wildcards to stay within the path budget' : ''}. ` +
          `CloudFront charges nothing for the first ${FREE_PATHS_PER_MONTH} paths a month; beyond them this costs about $${estimatedCostUsd(n).toFixed(3)}.`,
        '',
      )
      for (const p of inv.plan.paths.slice(0, cap)) lines.push(`- ${code(p)}`)
      if (n > cap) lines.push(`- ... and ${n - cap} more`)
      if (inv.completed !== undefined)
        lines.push('', inv.completed ? 'Completed.' : 'Not completed within wait-timeout.')
      lines.push('')
    }
  }

  if (input.failures.length > 0) {
    lines.push(`### Failed: ${input.failures.length}`, '')
    if (input.phase && input.phase !== 'done')
      lines.push(`Stopped while ${PHASE_TEXT[input.phase]}.`, '')
    lines.push('| Object | Action | Error |', '| --- | --- | --- |')
    for (const f of input.failures.slice(0, cap))
      lines.push(`| ${code(f.key)} | ${f.action} | ${cell(f.message)} |`)
    if (input.failures.length > cap)
      lines.push(`| ... and ${input.failures.length - cap} more | | |`)
    lines.push('')
  }

  if (input.plan) {
    const changes = [
      ...input.plan.assets.map((a) => ({
        key: a.key,
        action: a.kind,
        reason: a.reason,
        detail: a.headers.cacheControl,
      })),
      ...input.plan.metadata.map((a) => ({
        key: a.key,
        action: a.kind,
        reason: a.reason,
        detail: a.headers.cacheControl,
      })),
      ...input.plan.deletes.map((d) => ({
        key: d.key,
        action: 'delete',
        reason: d.reason,
        detail: '',
      })),
    ]
    if (changes.length > 0) {
      lines.push(`### Changes${input.dryRun ? ' (planned)' : ''}: ${changes.length}`, '')
      lines.push('| Object | Action | Reason | Cache-Control |', '| --- | --- | --- | --- |')
      for (const c of changes.slice(0, cap))
        lines.push(`| ${code(c.key)} | ${c.action} | ${c.reason} | ${cell(c.detail)} |`)
      if (changes.length > cap) lines.push(`| ... and ${changes.length - cap} more | | | |`)
      lines.push('')
    } else if (!input.error) {
      lines.push('No changes: the bucket already matches the build.', '')
    }
  }

  let text = lines.join('\n')
  if (Buffer.byteLength(text) > SUMMARY_LIMIT) {
    // Cut by bytes, not UTF-16 units (multi-byte text would stay over the limit); drop a character cut in half.
    const head = Buffer.from(text)
      .subarray(0, SUMMARY_LIMIT - 200)
      .toString('utf8')
      .replace(/\uFFFD+$/, '')
    text = `${head}\n\n(summary truncated)\n`
  }
  return text
}

/** Which concurrency the S3 requests settled on, and why. */
export function concurrencyLine(c: ConcurrencyReport): string {
  if (c.mode === 'fixed')
    return `Requests in flight: ${c.settled} (fixed by the concurrency input).`
  const peak = c.peak > c.settled ? `, peak ${c.peak}` : ''
  return `Requests in flight: settled on ${c.settled} (concurrency: auto, started at ${AUTO_START}${peak}): ${c.why ?? ''}.`
}

/** prune-previews: a row per folder under the preview root, removed (or would be) or kept, and why. */
function pruneSection(prune: PruneOutcome, cap: number): string[] {
  const gone = prune.previews.filter((p) => p.remove && p.error === undefined).length
  const kept = prune.previews.filter((p) => !p.remove).length
  const failed = prune.previews.filter((p) => p.error !== undefined).length
  const lines = [
    `### Previews under ${code(`${prune.root}/`)}: ${gone} ${prune.dryRun ? 'would be removed' : 'removed'}, ${kept} kept${failed ? `, ${failed} failed` : ''}`,
    '',
  ]
  if (prune.previews.length === 0) return [...lines, 'No previews found.', '']
  lines.push('| Preview | Pull request | Action | Why |', '| --- | --- | --- | --- |')
  for (const p of prune.previews.slice(0, cap)) {
    const action =
      p.error !== undefined
        ? `not removed: ${cell(p.error)}`
        : p.remove
          ? `${prune.dryRun ? 'would be removed' : 'removed'}${p.deleted !== undefined ? ` (${p.deleted} objects)` : ''}`
          : 'kept'
    lines.push(
      `| ${code(p.name)} | ${p.number === undefined ? '-' : `#${p.number}`} | ${action} | ${cell(p.reason)} |`,
    )
  }
  if (prune.previews.length > cap)
    lines.push(`| ... and ${prune.previews.length - cap} more | | | |`)
  lines.push('')
  return lines
}

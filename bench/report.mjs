// Summaries, targets and the markdown of a benchmark run (pure functions of the results object).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'

export function machineInfo(all, md5BytesPerMs, hasGnuTime) {
  let cpu = 'unknown'
  try {
    cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu
  } catch {
    // not Linux
  }
  const nproc = Number(spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim()) || os.cpus().length
  const versions = { node: process.version }
  for (const c of all)
    if (c.version && c.name !== 'cdn-publish') versions[c.name.split(' ')[0]] = c.version
  const moto = spawnSync(
    'sh',
    ['-c', 'python3 -c "import moto; print(moto.__version__)" 2>/dev/null'],
    { encoding: 'utf8' },
  )
  versions.moto = (moto.stdout ?? '').trim().split('\n')[0] || 'unknown'
  return {
    cpu,
    nproc,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    kernel: os.release(),
    md5MBps: Math.round(md5BytesPerMs / 1000),
    gnuTime: hasGnuTime,
    versions,
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[(s.length - 1) >> 1] : undefined
}

const CATEGORIES = {
  LIST: ['ListObjectsV2', 'ListObjects'],
  PUT: ['PutObject'],
  MPU: ['CreateMultipartUpload', 'UploadPart', 'CompleteMultipartUpload', 'AbortMultipartUpload'],
  HEAD: ['HeadObject', 'HeadBucket'],
  GET: ['GetObject'],
  COPY: ['CopyObject'],
  DEL: ['DeleteObject', 'DeleteObjects'],
}

export function categorize(ops) {
  const out = { LIST: 0, PUT: 0, MPU: 0, HEAD: 0, GET: 0, COPY: 0, DEL: 0, other: 0 }
  for (const [op, n] of Object.entries(ops)) {
    const cat = Object.entries(CATEGORIES).find(([, list]) => list.includes(op))?.[0] ?? 'other'
    out[cat] += n
  }
  return out
}

const pages = (n) => Math.max(1, Math.ceil(n / 1000))

/** The fewest requests a scenario needs (no client-side state object), and the physical limit. */
export function physicalLimit(entry, group, rttMs, concurrency, md5BytesPerMs) {
  let requests
  switch (entry.scenario) {
    case 'first':
      requests = 1 + entry.files
      break
    case 'noop':
    case 'rebuilt':
      requests = pages(entry.files)
      break
    case 'change':
      requests = pages(entry.files) + entry.changed
      break
    case 'cache':
      requests = pages(entry.files) + group.dataFiles
      break
    case 'remove':
      requests = pages(entry.files + entry.removed) + Math.ceil(entry.removed / 1000)
      break
  }
  const hashMs = entry.bytes / md5BytesPerMs
  return { requests, limitMs: (requests * rttMs) / concurrency + hashMs, hashMs }
}

function rowNote(entry, scenario) {
  const c = entry.check
  if (!c) return ''
  if (scenario === 'cache' && c.ruleChecked > 0 && c.ruleApplied < c.ruleChecked)
    return `rule not applied (${c.ruleApplied}/${c.ruleChecked} data/ objects have the new Cache-Control)`
  if (!c.bytesOk) return `bytes: ${c.missing} missing, ${c.wrongBytes} wrong, ${c.extra} extra`
  if (!c.headersOk) return `headers: ${c.wrongHeaders} of ${c.headersChecked} wrong`
  return ''
}

/** One summary row per group x contender x setting x scenario. */
export function summarizeRows(results, md5BytesPerMs) {
  const rows = []
  for (const g of results.groups) {
    const keys = []
    for (const e of g.runs) {
      const k = `${e.contender}|${e.setting}|${e.scenario}`
      if (!keys.includes(k)) keys.push(k)
    }
    for (const k of keys) {
      const [contender, setting, scenario] = k.split('|')
      const entries = g.runs.filter(
        (e) => e.contender === contender && e.setting === setting && e.scenario === scenario,
      )
      const measured = entries.filter((e) => !e.seeded)
      const first = entries[0]
      const row = {
        server: g.server,
        size: g.size,
        latencyMs: g.latencyMs,
        contender,
        setting,
        concurrency: first.concurrency,
        scenario,
      }
      if (measured.length === 0) {
        rows.push({ ...row, seeded: true, n: 0 })
        continue
      }
      const walls = measured.map((e) => e.wallMs)
      const med = median(walls)
      const medEntry = measured.find((e) => e.wallMs === med)
      const cpu = measured.filter((e) => e.userS !== null).map((e) => e.userS + e.sysS)
      const rss = measured.filter((e) => e.maxRssKB !== null).map((e) => e.maxRssKB)
      // Adaptive concurrency has no fixed figure: its limit is the one at 64 in flight (issue 20's target).
      const limit = physicalLimit(
        medEntry,
        g,
        g.latencyMs,
        typeof first.concurrency === 'number' ? first.concurrency : 64,
        md5BytesPerMs,
      )
      const failed = measured.filter((e) => e.code !== 0)
      const incorrect = measured.filter((e) => e.code === 0 && !e.check.ok)
      rows.push({
        ...row,
        n: measured.length,
        wallS: med / 1000,
        minS: Math.min(...walls) / 1000,
        maxS: Math.max(...walls) / 1000,
        requests: medEntry.stats.requests,
        ops: medEntry.stats.ops,
        cats: categorize(medEntry.stats.ops),
        errors: medEntry.stats.errors,
        sentBytes: medEntry.stats.bytesSent,
        receivedBytes: medEntry.stats.bytesReceived,
        cpuS: cpu.length ? median(cpu) : null,
        rssMB: rss.length ? Math.max(...rss) / 1024 : null,
        correct: failed.length === 0 && incorrect.length === 0,
        failed: failed.length,
        note: failed.length
          ? `exit ${failed[0].code}${failed[0].timedOut ? ' (timeout)' : ''}`
          : rowNote(incorrect[0] ?? medEntry, scenario),
        files: medEntry.files,
        bytes: medEntry.bytes,
        changed: medEntry.changed,
        changedBytes: medEntry.changedBytes,
        removed: medEntry.removed,
        limitRequests: limit.requests,
        limitS: limit.limitMs / 1000,
        hashS: limit.hashMs / 1000,
        outputs: medEntry.outputs,
      })
    }
  }
  // Ratios to cdn-publish in the same group and scenario: default rows against cdn-publish default,
  // tuned rows against cdn-publish tuned (or default when there is no tuned cdn-publish row).
  for (const r of rows) {
    if (r.seeded || r.contender === 'cdn-publish') continue
    const same = (s) =>
      rows.find(
        (x) =>
          x.server === r.server &&
          x.size === r.size &&
          x.scenario === r.scenario &&
          x.contender === 'cdn-publish' &&
          x.setting === s &&
          !x.seeded,
      )
    const ref = (r.setting === 'tuned' ? same('tuned') : undefined) ?? same('default')
    if (ref) {
      r.vsCdn = r.wallS / ref.wallS
      r.vsCdnSetting = ref.setting
    }
  }
  for (const r of rows) if (!r.seeded && r.limitS) r.xLimit = r.wallS / r.limitS
  return rows
}

const find = (rows, q) =>
  rows.find((r) => !r.seeded && Object.entries(q).every(([k, v]) => r[k] === v))

/** The targets of issue 6, each met / missed / not measured, with the numbers. */
export function evaluateTargets(results) {
  const rows = results.summary
  const out = []
  const add = (target, met, detail) => out.push({ target, met, detail })
  const fmt = (x, d = 2) => (x === undefined || x === null ? 'n/a' : Number(x).toFixed(d))

  for (const size of ['3k', '30k']) {
    const cdn = find(rows, {
      server: 'sink',
      size,
      contender: 'cdn-publish',
      setting: 'default',
      scenario: 'noop',
    })
    if (!cdn) {
      add(`No-op ${size}: requests = LIST pages + at most 2`, null, 'not measured in this run')
      continue
    }
    const extra = cdn.requests - cdn.cats.LIST
    const listNeeded = Math.max(1, Math.ceil((cdn.files + 1) / 1000))
    add(
      `No-op ${size}: requests = LIST pages + at most 2`,
      extra <= 2 && cdn.cats.LIST <= listNeeded,
      `${cdn.requests} requests: ${cdn.cats.LIST} LIST + ${extra} other (${Object.entries(cdn.ops)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    )
    add(
      `No-op ${size}: wall within 1.5x of the physical limit`,
      cdn.wallS <= 1.5 * cdn.limitS,
      `${fmt(cdn.wallS)} s vs limit ${fmt(cdn.limitS)} s (${fmt(cdn.xLimit, 1)}x; limit = ${cdn.limitRequests} requests x ${results.options.latency} ms / ${cdn.concurrency} + hashing ${fmt(cdn.bytes / 1e6, 0)} MB in ${fmt(cdn.hashS)} s)`,
    )
    const awsRows = rows.filter(
      (r) =>
        !r.seeded &&
        r.server === 'sink' &&
        r.size === size &&
        r.scenario === 'noop' &&
        r.contender === 'aws s3 sync',
    )
    if (awsRows.length === 0)
      add(`No-op ${size}: at least 2x faster than aws s3 sync`, null, 'aws s3 sync not measured')
    else {
      const fastest = awsRows.reduce((a, b) => (a.wallS < b.wallS ? a : b))
      add(
        `No-op ${size}: at least 2x faster than aws s3 sync`,
        fastest.wallS >= 2 * cdn.wallS,
        `cdn-publish ${fmt(cdn.wallS)} s, aws s3 sync (${fastest.setting}) ${fmt(fastest.wallS)} s: ${fmt(fastest.wallS / cdn.wallS)}x`,
      )
    }
  }

  // Not a target of the issue: what a CI rebuild (same bytes, new modification times) costs each tool.
  for (const size of ['3k', '30k']) {
    const rebuilt = rows.filter(
      (r) => !r.seeded && r.server === 'sink' && r.size === size && r.scenario === 'rebuilt',
    )
    const cdn = rebuilt.find((r) => r.contender === 'cdn-publish' && r.setting === 'default')
    if (!cdn) continue
    add(
      `(not a target) Rebuilt ${size}, same bytes, new mtimes: nothing sent`,
      (cdn.cats.PUT ?? 0) === 0 && cdn.sentBytes === 0,
      rebuilt
        .map(
          (r) =>
            `${r.contender} (${r.setting}) ${fmt(r.wallS)} s, ${fmt(r.sentBytes / 1e6, 1)} MB sent`,
        )
        .join('; '),
    )
  }

  {
    const cdn = find(rows, {
      server: 'sink',
      size: '3k',
      contender: 'cdn-publish',
      setting: 'default',
      scenario: 'first',
    })
    const aws = find(rows, {
      server: 'sink',
      size: '3k',
      contender: 'aws s3 sync',
      setting: 'default',
      scenario: 'first',
    })
    add(
      'First deploy 3k (sink): at least 2x faster than aws s3 sync at its defaults',
      cdn && aws ? aws.wallS >= 2 * cdn.wallS : null,
      cdn && aws
        ? `cdn-publish ${fmt(cdn.wallS)} s, aws s3 sync ${fmt(aws.wallS)} s: ${fmt(aws.wallS / cdn.wallS)}x`
        : 'not measured',
    )
    const tuned = find(rows, {
      server: 'sink',
      size: '3k',
      contender: 'cdn-publish',
      setting: 'tuned',
      scenario: 'first',
    })
    const others = rows.filter(
      (r) =>
        !r.seeded &&
        r.server === 'sink' &&
        r.size === '3k' &&
        r.scenario === 'first' &&
        r.contender !== 'cdn-publish' &&
        r.contender !== 'ceiling' &&
        (r.setting === 'tuned' || r.contender === 's3cmd sync'),
    )
    add(
      'First deploy 3k (sink): faster than every contender at its tuned setting',
      tuned && others.length ? others.every((r) => tuned.wallS < r.wallS) : null,
      tuned && others.length
        ? `cdn-publish (tuned) ${fmt(tuned.wallS)} s; ${others.map((r) => `${r.contender} (${r.setting}) ${fmt(r.wallS)} s`).join(', ')}`
        : 'not measured',
    )
    const moto = find(rows, {
      server: 'moto',
      size: '3k',
      contender: 'cdn-publish',
      setting: 'default',
      scenario: 'first',
    })
    const ceil = find(rows, { server: 'moto', size: '3k', contender: 'ceiling', scenario: 'first' })
    add(
      "First deploy 3k (moto): within 10% of the server's own ceiling",
      moto && ceil ? moto.wallS <= 1.1 * ceil.wallS : null,
      moto && ceil
        ? `cdn-publish ${fmt(moto.wallS)} s, raw PUT ceiling ${fmt(ceil.wallS)} s: ${fmt(moto.wallS / ceil.wallS)}x`
        : 'not measured',
    )
  }

  for (const size of ['3k', '30k']) {
    const cdn = find(rows, {
      server: 'sink',
      size,
      contender: 'cdn-publish',
      setting: 'default',
      scenario: 'change',
    })
    if (!cdn) continue
    const excess = cdn.sentBytes - cdn.changedBytes
    const pagesNeeded = Math.max(1, Math.ceil((cdn.files + 1) / 1000))
    const allowed = pagesNeeded + cdn.changed + 2
    add(
      `1% changed ${size}: bytes sent = the changed files' bytes`,
      excess <= 0.01 * cdn.changedBytes,
      `${fmt(cdn.sentBytes / 1e6, 3)} MB sent for ${cdn.changed} changed files of ${fmt(cdn.changedBytes / 1e6, 3)} MB: ${fmt(excess / 1e3, 1)} kB more ${
        (cdn.ops.PutObject ?? 0) > cdn.changed ? "(the state object's PUT)" : ''
      }`,
    )
    add(
      `1% changed ${size}: requests = LIST pages + changed files + at most 2`,
      cdn.requests <= allowed,
      `${cdn.requests} requests (${Object.entries(cdn.ops)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}); allowed ${allowed}`,
    )
  }

  {
    const cdnRows = rows.filter(
      (r) => !r.seeded && r.scenario === 'cache' && r.contender === 'cdn-publish',
    )
    const r = cdnRows.find((x) => x.server === 'sink' && x.size === '3k') ?? cdnRows[0]
    if (r) {
      const contentPuts = (r.cats.PUT ?? 0) - 1
      const by = new Map()
      for (const x of rows.filter(
        (x) => !x.seeded && x.scenario === 'cache' && x.contender !== 'ceiling',
      )) {
        const verdict = x.correct ? 'applied' : 'not applied'
        const key = `${x.contender}: ${verdict}`
        by.set(key, [...(by.get(key) ?? []), `${x.server} ${x.size}`])
      }
      add(
        'Header-only change: headers updated, no bytes re-sent',
        r.correct && contentPuts <= 0 && r.cats.MPU === 0,
        `cdn-publish (${r.server} ${r.size}): ${r.cats.COPY} CopyObject, ${r.cats.PUT} PutObject (its state), ${fmt(r.sentBytes / 1e3, 1)} kB sent, ${r.correct ? 'correct' : r.note}. ` +
          `Per contender: ${[...by].map(([k, v]) => `${k} (${[...new Set(v)].join(', ')})`).join('; ')}`,
      )
    }
  }

  {
    const r30 = rows.filter(
      (r) => !r.seeded && r.size === '30k' && r.contender === 'cdn-publish' && r.rssMB !== null,
    )
    if (r30.length) {
      const worst = r30.reduce((a, b) => (a.rssMB > b.rssMB ? a : b))
      add(
        'Peak RSS under 200 MB at 30,000 files',
        worst.rssMB < 200,
        `highest ${fmt(worst.rssMB, 0)} MB (${worst.scenario}); ${r30.map((r) => `${r.scenario} ${fmt(r.rssMB, 0)}`).join(', ')}`,
      )
    } else add('Peak RSS under 200 MB at 30,000 files', null, 'not measured')
    const large = find(rows, {
      size: 'large',
      contender: 'cdn-publish',
      setting: 'default',
      scenario: 'first',
    })
    const small = find(rows, {
      server: 'sink',
      size: '3k',
      contender: 'cdn-publish',
      setting: 'default',
      scenario: 'first',
    })
    // Streaming: the large site's peak stays within cdn-publish's buffer budgets of the 3k site's (files
    // up to 30 MiB); holding the 50-100 MB files whole would add their size, times the parallel ones.
    if (large && large.rssMB !== null && small && small.rssMB !== null)
      add(
        'Large files streamed (RSS does not grow with file size)',
        large.rssMB - small.rssMB <= 96,
        `first deploy, large site (5 files of 50-100 MB): ${fmt(large.rssMB, 0)} MB peak RSS; 3k site (files up to 30 MiB): ${fmt(small.rssMB, 0)} MB: ` +
          `${large.rssMB >= small.rssMB ? '+' : ''}${fmt(large.rssMB - small.rssMB, 0)} MB (parts are read 8 MiB at a time into reused buffers, at most three held at once)${large.rssMB >= 200 ? `; the peak itself is over 200 MB` : ''}`,
      )
    else add('Large files streamed (RSS does not grow with file size)', null, 'not measured')
  }
  return out
}

// ---------------------------------------------------------------------------------------------------

const s = (x, d = 2) => (x === undefined || x === null ? '' : Number(x).toFixed(d))

function requestsCell(r) {
  const parts = Object.entries(r.cats)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
  return `${r.requests}${parts.length ? ` (${parts.join(', ')})` : ''}`
}

export function renderTable(rows) {
  const lines = [
    '| contender | setting | scenario | wall s, median [min-max] (n) | vs cdn-publish | limit s | x limit | requests | sent MB | CPU s | RSS MB | correct |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const r of rows) {
    const who = r.contender === 'ceiling' ? 'ceiling (raw PUT)' : r.contender
    const setting =
      r.contender === 'ceiling' ? `${r.concurrency}` : `${r.setting} (${r.concurrency})`
    if (r.seeded) {
      lines.push(`| ${who} | ${setting} | ${r.scenario} | seeded, not measured | | | | | | | | |`)
      continue
    }
    lines.push(
      `| ${who} | ${setting} | ${r.scenario} | ${s(r.wallS)} [${s(r.minS)}-${s(r.maxS)}] (${r.n}) | ${r.vsCdn ? `${s(r.vsCdn)}x` : ''} | ${s(r.limitS)} | ${s(r.xLimit, 1)} | ${requestsCell(r)} | ${s(r.sentBytes / 1e6, 1)} | ${s(r.cpuS)} | ${s(r.rssMB, 0)} | ${r.correct ? 'yes' : `**no**: ${r.note}`} |`,
    )
  }
  return lines.join('\n')
}

export function renderMarkdown(results) {
  const m = results.machine
  const o = results.options
  const out = []
  out.push(`# Benchmark ${results.started.slice(0, 10)}${o.quick ? ' (quick)' : ''}`)
  out.push('')
  out.push(
    `Machine: ${m.cpu}, ${m.nproc} cores, ${m.memoryGiB} GiB, Linux ${m.kernel}; MD5 (node:crypto, one core) ${m.md5MBps} MB/s.` +
      (m.gnuTime ? '' : ' No /usr/bin/time: CPU and RSS not measured.'),
  )
  out.push(
    `Versions: ${Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`,
  )
  out.push(
    `Run: ${o.quick ? '--quick' : 'full'}, round trip ${o.latency} ms (proxy), seed ${o.seed}, ${results.durationS.toFixed(0)} s. ` +
      `Cache rule: \`${results.cacheRule.glob}: ${results.cacheRule.before}\`, changed to \`${results.cacheRule.after}\` in the cache scenario.`,
  )
  out.push('')
  out.push(
    'Columns: wall time of the client process; ratio of its wall time to cdn-publish at the same setting in the same scenario; ' +
      'the physical limit (fewest requests x round trip / concurrency + hashing the site at the MD5 speed above) and the wall time as a multiple of it; ' +
      'requests and body bytes sent as counted at the proxy (median run); CPU = user + system of the client process tree (GNU time); ' +
      'RSS = the largest peak resident set of any process of the client; correct = every key present with the right bytes, nothing extra ' +
      '(cdn-publish: also Content-Type and Cache-Control of every object, and its `.cdn-publish/state.json` allowed); in the cache scenario, whether the changed rule reached the objects.',
  )
  for (const g of results.groups) {
    const rows = results.summary.filter((r) => r.server === g.server && r.size === g.size)
    if (rows.length === 0) continue
    out.push('')
    out.push(
      `## ${g.server === 'sink' ? 'Sink (in-memory S3)' : 'moto_server'}, ${g.size}: ${g.files} files, ${(g.bytes / 1e6).toFixed(0)} MB, ${g.latencyMs} ms round trip`,
    )
    out.push('')
    out.push(renderTable(rows))
    const unsupported = Object.entries(g.unsupported ?? {})
    if (unsupported.length)
      out.push(
        `\nRequests the sink answered 501 (not implemented): ${unsupported.map(([k, v]) => `${k} x${v}`).join(', ')}.`,
      )
  }
  if (results.skipped.length) {
    out.push('')
    out.push('## Skipped')
    out.push('')
    const seen = new Set()
    for (const sk of results.skipped) {
      const line = `- ${sk.group}${sk.contender ? `, ${sk.contender}` : ''}: ${sk.reason}`
      if (!seen.has(line)) out.push(line)
      seen.add(line)
    }
  }
  out.push('')
  out.push('## Targets (issue 6)')
  out.push('')
  out.push('| target | met | measured |')
  out.push('|---|---|---|')
  for (const t of results.targets)
    out.push(
      `| ${t.target} | ${t.met === null ? 'not measured' : t.met ? 'met' : '**missed**'} | ${t.detail} |`,
    )
  out.push('')
  return out.join('\n')
}

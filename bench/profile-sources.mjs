// Self time of a .cpuprofile (from bench/profile.mjs) by original source: each sampled function of dist/
// is mapped through the bundle's source map (dist/*.js.map) to the package under node_modules/ or the
// file under src/ it came from. Builds without source maps are summed by bundled file instead.
//
//   node bench/profile-sources.mjs PROFILE.cpuprofile [--top 30]
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** The numbers of one source-map segment (base64 VLQ). */
function decodeSegment(segment) {
  const out = []
  let value = 0
  let shift = 0
  for (const c of segment) {
    let digit = BASE64.indexOf(c)
    const more = digit & 32
    digit &= 31
    value += digit << shift
    if (more) shift += 5
    else {
      out.push(value & 1 ? -(value >> 1) : value >> 1)
      value = 0
      shift = 0
    }
  }
  return out
}

/** For each generated line of a bundled file, the source its first mapped segment comes from. */
function lineSources(mapFile) {
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'))
  const lines = []
  let source = 0
  let last
  for (const line of map.mappings.split(';')) {
    let first
    for (const segment of line.split(',')) {
      if (!segment) continue
      const d = decodeSegment(segment)
      if (d.length > 1) {
        source += d[1]
        first ??= source
      }
    }
    if (first !== undefined) last = map.sources[first]
    lines.push(last)
  }
  return lines
}

export function selfTimeBySource(profile) {
  const maps = new Map()
  const sourcesOf = (url) => {
    if (!maps.has(url)) {
      let lines = null
      try {
        lines = lineSources(`${fileURLToPath(url)}.map`)
      } catch {
        // no source map: summed by bundled file
      }
      maps.set(url, lines)
    }
    return maps.get(url)
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map()
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  }
  const bySource = new Map()
  let totalUs = 0
  for (const [id, us] of self) {
    const frame = byId.get(id).callFrame
    totalUs += us
    let key = frame.url || frame.functionName || '(unknown)'
    if (frame.url.startsWith('file:')) {
      const source = sourcesOf(frame.url)?.[frame.lineNumber]
      if (source) {
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)
        key = pkg ? pkg[1] : source.replace(/^(\.\.\/)+/, '')
      }
    }
    bySource.set(key, (bySource.get(key) ?? 0) + us)
  }
  return { totalMs: totalUs / 1000, sources: [...bySource].sort((a, b) => b[1] - a[1]) }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2]
  if (!file) throw new Error('usage: node bench/profile-sources.mjs PROFILE.cpuprofile [--top N]')
  const at = process.argv.indexOf('--top')
  const top = at > 0 ? Number(process.argv[at + 1]) : 30
  const { totalMs, sources } = selfTimeBySource(JSON.parse(fs.readFileSync(file, 'utf8')))
  console.log(`${totalMs.toFixed(0)} ms sampled (main thread)`)
  for (const [name, us] of sources.slice(0, top))
    console.log(`${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`)
}

// The servers as the harness sees them (bucket per run, reading back what a client left) and the
// correctness check of a bucket against the site on disk. The harness talks to the servers directly,
// never through the counting proxy.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { expectedHeaders } from './site.mjs'

const STATE_KEY = '.cdn-publish/state.json'

function xmlUnescape(text) {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&')
}

function tag(block, name) {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(block)
  return m ? xmlUnescape(m[1]) : undefined
}

const encodeKey = (key) => key.split('/').map(encodeURIComponent).join('/')

/** The in-memory sink: buckets by PUT, read back by its dump endpoint (everything, in one request). */
export function sinkServer(sink) {
  return {
    kind: 'sink',
    endpoint: sink.endpoint,
    async createBucket(name) {
      const r = await fetch(`${sink.endpoint}/${name}`, { method: 'PUT' })
      if (!r.ok) throw new Error(`create bucket ${name}: ${r.status}`)
    },
    async dropBucket(name) {
      await fetch(`${sink.endpoint}/__sink/drop?bucket=${encodeURIComponent(name)}`, {
        method: 'POST',
      })
    },
    async snapshot(name) {
      const r = await fetch(`${sink.endpoint}/__sink/dump?bucket=${encodeURIComponent(name)}`)
      if (!r.ok) throw new Error(`dump ${name}: ${r.status}`)
      const { objects } = await r.json()
      return new Map(Object.entries(objects))
    },
    /** Put objects in place without a client (see run.mjs: seeded first deploys). */
    async seed(name, objects) {
      const r = await fetch(`${sink.endpoint}/__sink/seed?bucket=${encodeURIComponent(name)}`, {
        method: 'POST',
        body: JSON.stringify(objects),
      })
      if (!r.ok) throw new Error(`seed ${name}: ${r.status}`)
    },
    async unsupported() {
      const r = await fetch(`${sink.endpoint}/__sink/stats`)
      return (await r.json()).unsupported
    },
  }
}

/**
 * moto: buckets by PUT, read back by ListObjectsV2 pages; headers by HEAD for the keys asked
 * (`headKeys`); the MD5 of multipart objects by GET.
 */
export function motoServer(moto) {
  const base = moto.endpoint
  // moto answers HEAD without an Authorization header with 403; any SigV4-shaped header will do.
  const headers = {
    authorization:
      'AWS4-HMAC-SHA256 Credential=bench/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00',
  }
  return {
    kind: 'moto',
    endpoint: base,
    async createBucket(name) {
      const r = await fetch(`${base}/${name}`, { method: 'PUT', headers })
      if (!r.ok) throw new Error(`create bucket ${name}: ${r.status} ${await r.text()}`)
    },
    async dropBucket() {
      await moto.reset()
    },
    async snapshot(name, { headKeys = [], site } = {}) {
      const objects = new Map()
      let token
      for (let page = 0; page < 10_000; page++) {
        const q = new URLSearchParams({ 'list-type': '2' })
        if (token) q.set('continuation-token', token)
        const r = await fetch(`${base}/${name}?${q}`, { headers })
        if (!r.ok) throw new Error(`list ${name}: ${r.status}`)
        const xml = await r.text()
        for (const m of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
          const key = tag(m[1], 'Key')
          const etag = (tag(m[1], 'ETag') ?? '').replace(/"/g, '')
          objects.set(key, {
            size: Number(tag(m[1], 'Size')),
            etag,
            md5: /^[0-9a-f]{32}$/.test(etag) ? etag : null,
            parts: null,
          })
        }
        token = /<IsTruncated>true<\/IsTruncated>/.test(xml)
          ? tag(xml, 'NextContinuationToken')
          : undefined
        if (!token) break
      }
      // Multipart objects: their ETag is the MD5 of the parts' MD5s. When it is the one 8 MiB parts of the
      // local file give (cdn-publish, aws), the bytes are the local ones; otherwise read the object back.
      for (const [key, o] of objects) {
        if (o.md5) continue
        const local = site?.expected().get(key)
        if (local && local.size === o.size) {
          const file = path.join(site.dir, ...key.split('/'))
          const part = 8 * 1024 * 1024
          const sizes = Array.from({ length: Math.ceil(local.size / part) }, (_, i) =>
            Math.min(part, local.size - i * part),
          )
          const md5s = partMd5s(file, sizes)
          const etag = `${createHash('md5')
            .update(Buffer.from(md5s.join(''), 'hex'))
            .digest('hex')}-${sizes.length}`
          if (etag === o.etag) {
            o.md5 = local.md5
            continue
          }
        }
        const r = await fetch(`${base}/${name}/${encodeKey(key)}`, { headers })
        const hash = createHash('md5')
        for await (const chunk of r.body) hash.update(chunk)
        o.md5 = hash.digest('hex')
      }
      const wanted = headKeys.filter((k) => objects.has(k))
      let next = 0
      const worker = async () => {
        while (next < wanted.length) {
          const key = wanted[next++]
          const r = await fetch(`${base}/${name}/${encodeKey(key)}`, { method: 'HEAD', headers })
          if (!r.ok) throw new Error(`HEAD ${name}/${key}: ${r.status}`)
          const o = objects.get(key)
          o.contentType = r.headers.get('content-type')
          o.cacheControl = r.headers.get('cache-control')
        }
      }
      await Promise.all(Array.from({ length: 16 }, worker))
      return objects
    },
    async unsupported() {
      return {}
    },
  }
}

/** MD5 of each byte range of a local file (to check a multipart object's parts). */
function partMd5s(file, sizes) {
  const fd = fs.openSync(file, 'r')
  try {
    const out = []
    let offset = 0
    for (const size of sizes) {
      const hash = createHash('md5')
      const buffer = Buffer.allocUnsafe(Math.min(size, 8 * 1024 * 1024))
      let left = size
      while (left > 0) {
        const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, left), offset)
        if (n <= 0) break
        hash.update(buffer.subarray(0, n))
        offset += n
        left -= n
      }
      out.push(hash.digest('hex'))
    }
    return out
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Compare a bucket snapshot with the site on disk.
 * @param {Map<string, object>} objects
 * @param {import('./site.mjs').Site} site
 * @param {{ allowState: boolean, checkHeaders: boolean, dataCacheValue: string, cacheScenario: boolean }} o
 */
export function checkBucket(
  objects,
  site,
  { allowState, checkHeaders, dataCacheValue, cacheScenario },
) {
  const expected = site.expected()
  const problems = []
  let missing = 0
  let wrongBytes = 0
  let extra = 0
  let wrongHeaders = 0
  let headersChecked = 0
  let ruleApplied = 0
  let ruleChecked = 0
  for (const [key, want] of expected) {
    const o = objects.get(key)
    if (!o) {
      missing++
      if (problems.length < 5) problems.push(`missing ${key}`)
      continue
    }
    let same = o.size === want.size
    if (same && o.md5) same = o.md5 === want.md5
    else if (same && o.parts) {
      const local = partMd5s(
        path.join(site.dir, ...key.split('/')),
        o.parts.map((p) => p.size),
      )
      same = o.parts.every((p, i) => p.md5 === local[i])
    } else if (same) same = false
    if (!same) {
      wrongBytes++
      if (problems.length < 5) problems.push(`wrong bytes ${key}`)
    }
    if (o.cacheControl !== undefined && key.startsWith('data/')) {
      ruleChecked++
      if (o.cacheControl === dataCacheValue) ruleApplied++
    }
    if (checkHeaders && o.contentType !== undefined) {
      headersChecked++
      const h = expectedHeaders(key, dataCacheValue)
      if (o.contentType !== h.contentType || (o.cacheControl ?? '') !== h.cacheControl) {
        wrongHeaders++
        if (problems.length < 5)
          problems.push(
            `headers ${key}: ${o.contentType} | ${o.cacheControl} (want ${h.contentType} | ${h.cacheControl})`,
          )
      }
    }
  }
  for (const key of objects.keys()) {
    if (expected.has(key)) continue
    if (allowState && key === STATE_KEY) continue
    extra++
    if (problems.length < 5) problems.push(`extra ${key}`)
  }
  const bytesOk = missing === 0 && wrongBytes === 0 && extra === 0
  const headersOk = !checkHeaders || wrongHeaders === 0
  return {
    ok:
      bytesOk && headersOk && (!cacheScenario || ruleChecked === 0 || ruleApplied === ruleChecked),
    bytesOk,
    headersOk,
    missing,
    wrongBytes,
    extra,
    wrongHeaders,
    headersChecked,
    /** data/** objects carrying the scenario's Cache-Control, of those read. */
    ruleApplied,
    ruleChecked,
    problems,
  }
}

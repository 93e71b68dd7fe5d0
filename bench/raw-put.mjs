// The server's own ceiling for a first deploy: PUT every file of a directory with bare HTTP (no SDK, no
// signing, no hashing, no listing), N at a time over keep-alive connections. No real client can do the
// job in fewer requests or with less work per request, so its wall time is the floor a client can reach
// on this server at this round trip.
// Usage: node bench/raw-put.mjs ENDPOINT BUCKET DIR [CONCURRENCY]
import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'

const [endpoint, bucket, dir, concurrencyText = '64'] = process.argv.slice(2)
const concurrency = Number(concurrencyText)
const target = new URL(endpoint)
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })

async function walk(base, rel = '') {
  const out = []
  for (const entry of await fs.readdir(path.join(base, rel), { withFileTypes: true })) {
    const key = rel ? `${rel}/${entry.name}` : entry.name
    if (entry.isDirectory()) out.push(...(await walk(base, key)))
    else if (entry.isFile()) out.push(key)
  }
  return out
}

function put(key) {
  return new Promise((resolve, reject) => {
    const file = path.join(dir, ...key.split('/'))
    fs.stat(file).then((stat) => {
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: 'PUT',
          path: `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
          headers: { 'content-length': stat.size, authorization: 'AWS bench:none' },
          agent,
        },
        (res) => {
          res.resume()
          res.on('end', () =>
            res.statusCode < 300 ? resolve() : reject(new Error(`${key}: ${res.statusCode}`)),
          )
        },
      )
      req.on('error', reject)
      createReadStream(file).pipe(req)
    }, reject)
  })
}

const keys = await walk(dir)
let next = 0
await Promise.all(
  Array.from({ length: Math.min(concurrency, keys.length) }, async () => {
    while (next < keys.length) await put(keys[next++])
  }),
)
agent.destroy()
console.log(`${keys.length} objects`)

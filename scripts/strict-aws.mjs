// Start and stop the strict AWS layer (scripts/strict-aws/server.mjs), an HTTP proxy in front of
// moto_server that answers as real AWS does where moto forgives. Used by the tests, the demo and the
// benchmark. The server runs as a child process and is stopped by its pid.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const server = path.join(path.dirname(fileURLToPath(import.meta.url)), 'strict-aws', 'server.mjs')

/**
 * Start the layer in front of `upstream` (moto's endpoint); resolves once it listens.
 * @param {{ upstream: string, port?: number, timeoutMs?: number }} options
 */
export function startStrictAws(options) {
  const child = spawn(
    process.execPath,
    [server, '--upstream', options.upstream, '--port', String(options.port ?? 0)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the strict AWS layer did not start in time\n${stderr}`))
    }, options.timeoutMs ?? 15_000)
    const onExit = (code) => {
      clearTimeout(timer)
      reject(new Error(`the strict AWS layer exited with code ${code}\n${stderr}`))
    }
    child.once('exit', onExit)
    child.stdout.on('data', (chunk) => {
      out += chunk.toString()
      const match = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (!match) return
      clearTimeout(timer)
      child.off('exit', onExit)
      child.stdout.resume()
      const endpoint = match[1]
      resolve({
        endpoint,
        pid: child.pid,
        async reset() {
          await fetch(`${endpoint}/strict-api/reset`, { method: 'POST' })
        },
        stop() {
          return new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            child.once('exit', () => done())
            process.kill(child.pid, 'SIGTERM')
            setTimeout(() => {
              if (child.exitCode === null && child.signalCode === null)
                process.kill(child.pid, 'SIGKILL')
            }, 3000).unref()
          })
        },
      })
    })
  })
}

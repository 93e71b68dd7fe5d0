// Start and stop a moto_server (S3 + CloudFront emulator) on a free loopback port.
// Used by the tests, the demo and the benchmark. The server is stopped by its pid.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** The moto_server command: on PATH, in the repo's .venv, or installed there by scripts/ensure-moto.sh. */
export function motoCommand() {
  const onPath = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' })
  if (onPath.status === 0 && onPath.stdout.trim()) return onPath.stdout.trim()
  const venv = path.join(root, '.venv', 'bin', 'moto_server')
  if (existsSync(venv)) return venv
  const installed = spawnSync('bash', [path.join(root, 'scripts', 'ensure-moto.sh')], {
    stdio: 'inherit',
  })
  if (installed.status === 0 && existsSync(venv)) return venv
  throw new Error('moto_server is not installed and scripts/ensure-moto.sh could not install it')
}

async function ready(endpoint, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}`)
    try {
      const response = await fetch(`${endpoint}/moto-api/`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`moto_server did not answer at ${endpoint} within the deadline`)
}

/**
 * Start moto_server; resolves to { endpoint, pid, stop() } once it answers.
 * @param {{ timeoutMs?: number }} [options]
 */
export async function startMoto(options = {}) {
  const command = motoCommand()
  const port = await freePort()
  const child = spawn(command, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })
  const endpoint = `http://127.0.0.1:${port}`
  try {
    await ready(endpoint, child, Date.now() + (options.timeoutMs ?? 30_000))
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${error.message}\n${stderr}`)
  }
  return {
    endpoint,
    pid: child.pid,
    async reset() {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' })
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        process.kill(child.pid, 'SIGTERM')
        setTimeout(() => {
          if (child.exitCode === null) process.kill(child.pid, 'SIGKILL')
        }, 3000).unref()
      })
    },
  }
}

// Run one client as a child process and measure it: wall time (hrtime around the child), and, through
// GNU time (`/usr/bin/time -f '%e %U %S %M'`), the child's user and system CPU time and peak RSS.
// Node's spawn reports none of these for a child. The child runs in its own process group, so a timeout
// (or Ctrl-C) ends it and whatever it started, by that group's id.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

const TIME = '/usr/bin/time'
export const hasGnuTime =
  existsSync(TIME) && spawnSync(TIME, ['-f', '%e', 'true'], { encoding: 'utf8' }).status === 0

/** Process groups of children still running (for the harness's SIGINT handler). */
export const running = new Set()

/** Stop every child still running, by its process group id. */
export function killRunning() {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  running.clear()
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ env: Record<string,string>, cwd?: string, timeoutMs?: number, keepOutput?: number }} options
 */
export async function measure(
  command,
  args,
  { env, cwd, timeoutMs = 600_000, keepOutput = 20_000 },
) {
  const timeFile = path.join(
    os.tmpdir(),
    `bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`,
  )
  const argv = hasGnuTime
    ? [TIME, '-f', '%e %U %S %M', '-o', timeFile, command, ...args]
    : [command, ...args]
  const started = process.hrtime.bigint()
  const child = spawn(argv[0], argv.slice(1), {
    env,
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  running.add(child.pid)
  let stdout = ''
  let stderr = ''
  const keep = (text, chunk) => {
    const next = text + chunk.toString()
    return next.length > keepOutput * 2
      ? next.slice(0, keepOutput) + '\n...\n' + next.slice(-keepOutput)
      : next
  }
  // Arrival time of the action's `::group::` lines: where a cdn-publish run spends its wall time.
  const timeline = []
  let partial = ''
  child.stdout.on('data', (c) => {
    stdout = keep(stdout, c)
    const text = partial + c.toString()
    const lines = text.split('\n')
    partial = lines.pop() ?? ''
    const at = Number(process.hrtime.bigint() - started) / 1e6
    for (const line of lines)
      if (
        line.startsWith('::group::') ||
        line.startsWith('::endgroup::') ||
        line.startsWith('::debug::')
      )
        timeline.push([Math.round(at), line])
  })
  child.stderr.on('data', (c) => (stderr = keep(stderr, c)))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // gone
    }
  }, timeoutMs)
  const code = await new Promise((resolve) => {
    child.on('error', () => resolve(-1))
    child.on('close', (c, signal) => resolve(c ?? (signal ? 128 : -1)))
  })
  clearTimeout(timer)
  running.delete(child.pid)
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6
  let userS = null
  let sysS = null
  let maxRssKB = null
  if (hasGnuTime) {
    const text = await fs.readFile(timeFile, 'utf8').catch(() => '')
    await fs.rm(timeFile, { force: true })
    // GNU time prints "Command exited with non-zero status N" first when the child fails.
    const last = text.trim().split('\n').pop() ?? ''
    const m = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(last)
    if (m) {
      userS = Number(m[2])
      sysS = Number(m[3])
      maxRssKB = Number(m[4])
    }
  }
  return { code, timedOut, wallMs, userS, sysS, maxRssKB, stdout, stderr, timeline }
}

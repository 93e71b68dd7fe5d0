/**
 * A Log that holds its lines (groups included) until they are played to another: work that runs beside
 * another phase (a distribution created while files upload) would otherwise print its lines inside the
 * other phase's groups. Debug lines are held too, in order.
 */
import type { Log } from './ports.js'

type Line =
  | { kind: 'info' | 'warning' | 'debug'; message: string }
  | { kind: 'group'; name: string; lines: Line[] }

export class HeldLog implements Log {
  private readonly lines: Line[] = []
  /** Where lines go now: the innermost open group's list. */
  private into: Line[] = this.lines

  constructor(readonly debugging: boolean) {}

  info = (message: string): void => void this.into.push({ kind: 'info', message })
  warning = (message: string): void => void this.into.push({ kind: 'warning', message })
  debug = (message: string): void => void this.into.push({ kind: 'debug', message })

  group = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const outer = this.into
    const group: Line = { kind: 'group', name, lines: [] }
    outer.push(group)
    this.into = group.lines
    try {
      return await work()
    } finally {
      this.into = outer
    }
  }

  /** Print what was held, in order, to `log` (and forget it). */
  async playTo(log: Log): Promise<void> {
    const lines = this.lines.splice(0)
    await play(lines, log)
  }
}

async function play(lines: readonly Line[], log: Log): Promise<void> {
  for (const line of lines) {
    if (line.kind === 'group') await log.group(line.name, () => play(line.lines, log))
    else log[line.kind](line.message)
  }
}

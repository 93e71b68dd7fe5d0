/** The run's Log on the runner, through @actions/core. */
import * as core from '@actions/core'
import type { Log } from '../core/ports.js'
import { printable } from '../core/text.js'

export const log: Log = {
  // Warnings and debug lines are workflow commands, whose data the runner escapes; info lines go out
  // as they are, so they are made printable (text.ts) here.
  info: (message) => core.info(printable(message)),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  debugging: core.isDebug(),
  group: (name, work) => core.group(name, work),
}

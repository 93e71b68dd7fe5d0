/**
 * Text from outside (file names, keys, inputs, server answers) on its way to the log, the job summary or
 * an error message. Pure.
 *
 * A name may hold a line break followed by `::error::...`: printed raw, that line would be a workflow
 * command of its own. So anything that is not plain visible text is shown escaped, and no line this
 * action prints starts with a command prefix it did not mean.
 */

/**
 * Characters never printed raw: C0 controls, DEL, C1 controls (U+009B is a terminal's CSI), the line and
 * paragraph separators, byte-order mark, bidirectional and zero-width marks (they make a name read as
 * another), U+FFFD (what invalid UTF-8 decodes to), and lone surrogates.
 */
const UNSAFE_CLASS =
  '[\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff\\ufffd]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]'
const UNSAFE = new RegExp(UNSAFE_CLASS)
const UNSAFE_ALL = new RegExp(UNSAFE_CLASS, 'g')

/** True when text holds a character that is never printed raw (see UNSAFE_CLASS). */
export function hasUnsafeCharacter(text: string): boolean {
  return UNSAFE.test(text)
}

/** A character as `U+XXXX`. */
export function codePointLabel(c: string): string {
  return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
}

/** The first unsafe character as `U+XXXX` (U+FFFD explained), or undefined when there is none. */
export function firstUnsafe(text: string): string | undefined {
  const found = UNSAFE.exec(text)?.[0]
  if (found === undefined) return undefined
  const code = codePointLabel(found)
  return found === '\ufffd' ? `${code} (bytes that are not valid UTF-8)` : code
}

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

function escapeOne(c: string): string {
  return SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/** Text with every unsafe character escaped (`\n`, `\u0085`), without quotes around it. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE_ALL, escapeOne)
}

/** Text as a quoted string with every unsafe character escaped, e.g. `"a\n::error::x"`. */
export function quoted(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&').replace(UNSAFE_ALL, escapeOne)}"`
}

/** A name as the log shows it: as it is when safe, quoted and escaped otherwise. */
export function shown(name: string): string {
  return hasUnsafeCharacter(name) ? quoted(name) : name
}

/**
 * A message made safe for one write to stdout: its own line breaks (\n) and tabs stay, every other
 * unsafe character is escaped, and no line starts a workflow command (guardLines).
 */
export function printable(message: string): string {
  return guardLines(
    message.replace(UNSAFE_ALL, (c) => (c === '\n' || c === '\t' ? c : escapeOne(c))),
  )
}

/**
 * A message made safe for one write to stdout: each line that would start a workflow command (`::` or
 * the old `##[`, after any indentation) is prefixed, so only the commands the action means are run.
 */
export function guardLines(message: string): string {
  return message.replace(/^([ \t]*)(::|##\[)/gm, '$1| $2')
}

import { PreflightError } from '../errors.js'
import { quoted, shown } from '../text.js'

/** One refused line of a site file (`_redirects`, `_headers`): where, and why. */
export interface SiteFileProblem {
  file: string
  line: number
  message: string
}

/** Problems listed in the message before "and N more": enough to fix a file in one pass, short to read. */
export const MAX_LISTED_PROBLEMS = 20

/** Longest piece of a file quoted in a message: a 10,000-character line would drown the log. */
const MAX_EXCERPT = 80

/**
 * Text from a site file as a message shows it: in quotes, escaped as shown() escapes unsafe text (no line
 * break or control character from a file reaches stdout raw), cut at MAX_EXCERPT characters.
 */
export function excerpt(text: string): string {
  return quoted(text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT - 3)}...` : text)
}

/** Every problem found in the site files, raised before any request so nothing half-works at the edge. */
export class SiteFileError extends PreflightError {
  override name = 'SiteFileError'
  readonly problems: readonly SiteFileProblem[]

  constructor(problems: readonly SiteFileProblem[]) {
    super(describeProblems(problems))
    this.problems = problems
  }
}

/** `3 problems in _redirects:` then one `_redirects:12: message` line each, the first 20 of them. */
export function describeProblems(problems: readonly SiteFileProblem[]): string {
  const files = [...new Set(problems.map((p) => shown(p.file)))]
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
  const lines = problems
    .slice(0, MAX_LISTED_PROBLEMS)
    .map((p) => `${shown(p.file)}:${p.line}: ${p.message}`)
  const more = problems.length - MAX_LISTED_PROBLEMS
  if (more > 0) lines.push(`and ${more} more`)
  return [`${count} in ${files.join(', ')}:`, ...lines].join('\n')
}

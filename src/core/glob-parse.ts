/**
 * The glob syntax, parsed into a small tree that src/glob-automaton.ts compiles. Nothing here runs at
 * match time. A GlobError's message is the reason shown to the user (after "it does not parse" or as
 * "... is not supported: ...").
 */

export type GroupOp = '@' | '?' | '*' | '+' | '!'

export type Node =
  | { kind: 'char'; code: number }
  /** `?`: one character of a name. */
  | { kind: 'any' }
  /** `*`: any run of characters of a name. */
  | { kind: 'star' }
  /** `**`: any number of path segments when it is a whole segment, `*` otherwise. */
  | { kind: 'globstar' }
  /** `[...]`: ranges as flat [lo, hi, lo, hi, ...] UTF-16 code units; `dot` when `.` is listed by itself. */
  | { kind: 'class'; negated: boolean; ranges: number[]; dot: boolean }
  /** Braces and extglobs: `{a,b}` and `(a|b)` are `@`. */
  | { kind: 'group'; op: GroupOp; alts: Node[][] }

/** A path segment of a glob: the nodes between two `/`. */
export type Segment = Node[]

export class GlobError extends Error {}

/** More alternatives than this (braces multiplied out) is a mistake, and costly to match. */
export const MAX_ALTERNATIVES = 1000

const SLASH = 47
const DOT = 46

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '09AZaz',
  alpha: 'AZaz',
  blank: '  \t\t',
  digit: '09',
  lower: 'az',
  punct: '!/:@[`{~',
  space: '  \t\r',
  upper: 'AZ',
  word: '09AZ__az',
  xdigit: '09AFaf',
}

const char = (code: number): Node => ({ kind: 'char', code })

class Parser {
  private i = 0
  constructor(private readonly s: string) {}

  parse(): Node[] {
    const nodes = this.sequence('')
    if (this.i < this.s.length)
      throw new GlobError(`does not parse (unexpected "${this.s[this.i]}")`)
    return nodes
  }

  /** Nodes up to (not including) one of `stops`, or the end. */
  private sequence(stops: string): Node[] {
    const nodes: Node[] = []
    while (this.i < this.s.length && !stops.includes(this.s[this.i]!)) nodes.push(this.node())
    return nodes
  }

  private node(): Node {
    const s = this.s
    const c = s[this.i]!
    const next = s[this.i + 1]
    if (c === '\\') {
      this.i += 2
      return char(next === undefined ? 92 : s.charCodeAt(this.i - 1))
    }
    if (next === '(' && '?*+@!'.includes(c)) {
      this.i += 2
      return this.group(c as GroupOp)
    }
    switch (c) {
      case '(':
        this.i++
        return this.group('@')
      case ')':
        throw new GlobError(
          'does not parse (a ")" without "(" before it; write "\\)" for the character)',
        )
      case ']':
        throw new GlobError(
          'does not parse (a "]" without "[" before it; write "\\]" for the character)',
        )
      case '[':
        return this.bracket()
      case '{':
        return this.brace()
      case '?':
        this.i++
        return { kind: 'any' }
      case '*': {
        let end = this.i
        while (s[end] === '*') end++
        // The last star of `**(a)` opens an extglob.
        if (s[end] === '(') end--
        const run = end - this.i
        this.i += run >= 2 ? run : 1
        return { kind: run >= 2 ? 'globstar' : 'star' }
      }
      default:
        this.i++
        return char(s.charCodeAt(this.i - 1))
    }
  }

  private group(op: GroupOp): Node {
    const alts: Node[][] = []
    for (;;) {
      alts.push(this.sequence('|)'))
      if (this.i >= this.s.length)
        throw new GlobError('does not parse (a "(" without ")"; write "\\(" for the character)')
      if (this.s[this.i++] === ')') return { kind: 'group', op, alts }
    }
  }

  private brace(): Node {
    const open = ++this.i
    const alts: Node[][] = []
    for (;;) {
      alts.push(this.sequence(',}'))
      if (this.i >= this.s.length)
        throw new GlobError('does not parse (a "{" without "}"; write "\\{" for the character)')
      if (this.s[this.i++] === '}') break
    }
    if (alts.length > 1) return { kind: 'group', op: '@', alts }
    const text = this.s.slice(open, this.i - 1)
    const range = braceRange(text)
    if (range !== undefined) return range
    // As in picomatch, braces without a comma or a range are the characters themselves.
    return { kind: 'group', op: '@', alts: [[char(123), ...alts[0]!, char(125)]] }
  }

  private bracket(): Node {
    const s = this.s
    let j = this.i + 1
    const negated = s[j] === '!' || s[j] === '^'
    if (negated) j++
    const ranges: number[] = []
    let dot = false
    const unit = (): number => {
      if (j >= s.length)
        throw new GlobError('does not parse (a "[" without "]"; write "\\[" for the character)')
      if (s[j] === '\\' && j + 1 < s.length) j++
      return s.charCodeAt(j++)
    }
    for (let first = true; ; first = false) {
      if (j >= s.length)
        throw new GlobError('does not parse (a "[" without "]"; write "\\[" for the character)')
      if (s[j] === ']' && !first) break
      if (s[j] === '[' && s[j + 1] === ':') {
        const close = s.indexOf(':]', j + 2)
        const spec = close < 0 ? undefined : POSIX_CLASSES[s.slice(j + 2, close)]
        if (spec === undefined)
          throw new GlobError(`does not parse (unknown character class "${s.slice(j)}")`)
        for (const code of spec) ranges.push(code.charCodeAt(0))
        j = close + 2
        continue
      }
      const lo = unit()
      let hi = lo
      if (s[j] === '-' && j + 1 < s.length && s[j + 1] !== ']') {
        j++
        hi = unit()
        if (hi < lo)
          throw new GlobError(`does not parse (the range "${s.slice(this.i, j)}" is backwards)`)
      }
      if (lo <= SLASH && SLASH <= hi)
        throw new GlobError(
          `"${s.slice(this.i)}" is not supported: a [...] class matches one character of a name, never "/"`,
        )
      if (lo === DOT && hi === DOT) dot = true
      ranges.push(lo, hi)
    }
    this.i = j + 1
    return { kind: 'class', negated, ranges, dot: dot && !negated }
  }
}

/** `{1..12}`, `{a..e}`: as in bash (numbers keep the widest zero padding). */
function braceRange(text: string): Node | undefined {
  const letters = /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(text)
  if (letters) {
    const [a, b] = [letters[1]!.charCodeAt(0), letters[2]!.charCodeAt(0)]
    return { kind: 'class', negated: false, ranges: [Math.min(a, b), Math.max(a, b)], dot: false }
  }
  const numbers = /^(-?\d+)\.\.(-?\d+)$/.exec(text)
  if (!numbers) return undefined
  const [from, to] = [Number(numbers[1]), Number(numbers[2])]
  if (Math.abs(to - from) >= MAX_ALTERNATIVES)
    throw new GlobError(
      `"{${text}}" is not supported: it expands into more than ${MAX_ALTERNATIVES.toLocaleString('en')} alternatives`,
    )
  const padded = /^-?0\d/.test(numbers[1]!) || /^-?0\d/.test(numbers[2]!)
  const width = padded ? Math.max(numbers[1]!.length, numbers[2]!.length) : 0
  const alts: Node[][] = []
  for (let n = from; ; n += from <= to ? 1 : -1) {
    const digits = String(Math.abs(n)).padStart(width - (n < 0 ? 1 : 0), '0')
    alts.push([...(n < 0 ? '-' : '').concat(digits)].map((c) => char(c.charCodeAt(0))))
    if (n === to) break
  }
  return { kind: 'group', op: '@', alts }
}

/** How many globs the braces and groups multiply out into (saturating above the limit). */
function alternatives(nodes: readonly Node[]): number {
  let product = 1
  for (const node of nodes) {
    if (node.kind !== 'group') continue
    let sum = 0
    for (const alt of node.alts) sum = Math.min(sum + alternatives(alt), MAX_ALTERNATIVES + 1)
    product = Math.min(product * sum, MAX_ALTERNATIVES + 1)
  }
  return product
}

function hasSlash(nodes: readonly Node[]): boolean {
  return nodes.some(
    (n) =>
      (n.kind === 'char' && n.code === SLASH) ||
      (n.kind === 'group' && n.alts.some((alt) => hasSlash(alt))),
  )
}

function hasNegation(nodes: readonly Node[]): boolean {
  return nodes.some((n) => n.kind === 'group' && (n.op === '!' || n.alts.some(hasNegation)))
}

/**
 * Groups that hold a `/` span segments: multiply them out, so that every glob left has its `/` at the
 * top level and splits into segments.
 */
function liftSlashes(glob: string, nodes: readonly Node[]): Node[][] {
  let globs: Node[][] = [[]]
  for (const node of nodes) {
    let options: Node[][] = [[node]]
    if (node.kind === 'group' && hasSlash([node])) {
      if (node.op !== '@' && node.op !== '?')
        throw new GlobError(
          `"${glob}" is not supported: ${node.op}(...) around a "/" would repeat or negate whole paths; use {a,b} or ** instead`,
        )
      options = node.alts.flatMap((alt) => liftSlashes(glob, alt))
      if (node.op === '?') options.unshift([])
    }
    const next: Node[][] = []
    for (const head of globs) for (const tail of options) next.push([...head, ...tail])
    if (next.length > MAX_ALTERNATIVES) throw tooMany(glob)
    globs = next
  }
  return globs
}

const tooMany = (glob: string) =>
  new GlobError(
    `"${glob}" is not supported: its braces expand into more than ${MAX_ALTERNATIVES.toLocaleString('en')} alternatives`,
  )

/**
 * A negated extglob is matched against what is left of its segment, by one backward pass over the
 * segment (see glob-automaton.ts): that needs the end of what it covers fixed, so only literal text may
 * follow it in its segment, and it may not sit inside another group.
 */
function checkNegation(glob: string, segment: Segment): void {
  const at = segment.findIndex((n) => n.kind === 'group' && n.op === '!')
  const rest = segment.slice(at + 1)
  const others = at < 0 ? segment : [...segment.slice(0, at), ...rest]
  if (hasNegation(others))
    throw new GlobError(
      `"${glob}" is not supported: one !(...) per path segment, not inside another group; write it as a whole segment (**/!(*.map)) or with literal text after it (!(*.min).js)`,
    )
  if (at < 0) return
  const negated = segment[at] as Extract<Node, { kind: 'group' }>
  if (negated.alts.some(hasNegation))
    throw new GlobError(`"${glob}" is not supported: a !(...) inside a !(...)`)
  if (rest.some((n) => n.kind !== 'char'))
    throw new GlobError(
      `"${glob}" is not supported: only literal text may follow !(...) in its path segment (as in !(*.min).js), not a wildcard, class or group`,
    )
}

/**
 * A glob as the globs it stands for (more than one when a group spans a `/`), each as its segments.
 * Throws a GlobError for a glob that does not parse or that cannot be matched in linear time.
 */
export function parseGlob(glob: string): Segment[][] {
  const nodes = new Parser(glob).parse()
  if (alternatives(nodes) > MAX_ALTERNATIVES) throw tooMany(glob)
  return liftSlashes(glob, nodes).map((flat) => {
    const segments: Segment[] = [[]]
    for (const node of flat)
      if (node.kind === 'char' && node.code === SLASH) segments.push([])
      else segments.at(-1)!.push(node)
    for (const segment of segments) checkNegation(glob, segment)
    return segments
  })
}

/** The text of a segment made of literal characters only, or undefined. */
export function literalText(segment: Segment): string | undefined {
  let text = ''
  for (const node of segment) {
    if (node.kind !== 'char') return undefined
    text += String.fromCharCode(node.code)
  }
  return text
}

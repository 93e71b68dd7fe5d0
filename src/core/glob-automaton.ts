/**
 * Globs compiled to a Thompson NFA over UTF-16 code units and run without backtracking.
 *
 * Why it is linear: a run keeps the SET of automaton states it could be in, never a stack of choices.
 * At each of the key's n characters it visits every state at most once (a state already in the set is
 * skipped, which also ends ε-loops such as `*(?(a))`), so a run costs O(n × m) for an automaton of m
 * states, and m grows linearly with the glob's text (braces are alternatives side by side, not
 * multiplied out, except a group holding `/`, capped at 1,000 globs by the parser). `*a*a*a*...*b`
 * over 200 characters is at most 200 × ~45 steps, where a backtracking regex tries C(200, 20) splits.
 * The sets met are cached as the states of a DFA built lazily (as RE2 does): a key then costs one
 * table lookup per character, and the cache is dropped when it grows past MAX_STATES, which keeps the
 * O(n × m) bound (each character computes at most one new set) and bounds memory.
 *
 * `!(X)` is the one thing an NFA cannot do (a complement). The parser only lets it end its segment,
 * or be followed by literal text S, so what it covers is key[p, e) where e is the segment's end less
 * S and p is any start the glob before it reaches. One backward pass of X's reversed automaton over
 * the segment tells, for every p at once, whether key[p, e) is in X: O(segment × |X|) once per
 * segment, so a glob with a `!(...)` stays O(n × m). Such globs run on the set simulation alone
 * (their answer depends on characters ahead, which a DFA state cannot hold).
 */
import type { Node, Segment } from './glob-parse.js'

const SLASH = 47
const DOT = 46

const enum Op {
  /** Consumes the character `arg`. */
  Char,
  /** Consumes any character but `/`. */
  Any,
  /** Consumes a character of class `arg` (never `/`). */
  Class,
  /** Consumes any character, `/` included (the inside of `**`). */
  AnyPath,
  /** Goes on to `next` and to `alt`. */
  Split,
  /** Goes on only when the next character is not `.` (a segment that starts with `*` or `?`). */
  NoDot,
  /** `!(X)`: jumps to its segment's end when what is left of the segment is not in X. */
  Negation,
  Match,
}

interface CharClass {
  negated: boolean
  ranges: number[]
  dot: boolean
}

interface Negation {
  /** X, compiled backwards: run from the segment's end, it accepts at every p where key[p, e) ∈ X. */
  reversed: Dfa
  /** The literal text after `!(...)` in its segment. */
  suffix: string
}

/** An automaton: instruction `i` is ops[i] with args[i], then nexts[i] (and alts[i] for Split). */
class Program {
  readonly ops: Op[] = []
  readonly args: number[] = []
  readonly nexts: number[] = []
  readonly alts: number[] = []
  readonly classes: CharClass[] = []
  readonly negations: Negation[] = []
  start = -1

  /** `dot`: whether wildcards match a `.` that starts a name (when false, only a literal `.` does). */
  constructor(readonly dot: boolean) {}

  emit(op: Op, next: number, arg = 0, alt = -1): number {
    this.ops.push(op)
    this.args.push(arg)
    this.nexts.push(next)
    this.alts.push(alt)
    return this.ops.length - 1
  }

  /** A Split whose `next` is filled in later: loops point back at it. */
  loop(exit: number, body: (back: number) => number): number {
    const split = this.emit(Op.Split, -1, 0, exit)
    this.nexts[split] = body(split)
    return split
  }

  /** Compiles the nodes (backwards when `reversed`) to continue at `next`; returns the entry. */
  sequence(nodes: readonly Node[], next: number, reversed: boolean): number {
    for (let k = 0; k < nodes.length; k++) {
      next = this.node(nodes[reversed ? k : nodes.length - 1 - k]!, next, reversed)
    }
    return next
  }

  private choice(alts: readonly Node[][], next: number, reversed: boolean): number {
    let entry = this.sequence(alts[alts.length - 1]!, next, reversed)
    for (let k = alts.length - 2; k >= 0; k--)
      entry = this.emit(Op.Split, this.sequence(alts[k]!, next, reversed), 0, entry)
    return entry
  }

  private node(node: Node, next: number, reversed: boolean): number {
    switch (node.kind) {
      case 'char':
        return this.emit(Op.Char, next, node.code)
      case 'any':
        return this.emit(Op.Any, next)
      case 'star':
      case 'globstar':
        return this.loop(next, (back) => this.emit(Op.Any, back))
      case 'class':
        this.classes.push({ negated: node.negated, ranges: node.ranges, dot: node.dot })
        return this.emit(Op.Class, next, this.classes.length - 1)
      case 'group':
        switch (node.op) {
          case '@':
            return this.choice(node.alts, next, reversed)
          case '?':
            return this.emit(Op.Split, this.choice(node.alts, next, reversed), 0, next)
          case '*':
            return this.loop(next, (back) => this.choice(node.alts, back, reversed))
          case '+': {
            const split = this.loop(next, () => -1)
            const body = this.choice(node.alts, split, reversed)
            this.nexts[split] = body
            return body
          }
          case '!':
            throw new Error('a !(...) is compiled by segment()')
        }
    }
  }

  /** One segment of a glob that is not `**`. */
  segment(nodes: Segment, next: number): number {
    const at = nodes.findIndex((n) => n.kind === 'group' && n.op === '!')
    if (at >= 0) {
      const negated = nodes[at] as Extract<Node, { kind: 'group' }>
      const x = new Program(true)
      // `!` reads as `@` once reversed: the complement is taken by the Negation instruction.
      x.start = x.sequence([{ ...negated, op: '@' }], x.emit(Op.Match, -1), true)
      const suffix = String.fromCharCode(
        ...nodes.slice(at + 1).map((n) => (n.kind === 'char' ? n.code : 0)),
      )
      this.negations.push({ reversed: new Dfa(x), suffix })
      next = this.emit(Op.Negation, next, this.negations.length - 1)
      nodes = nodes.slice(0, at)
    }
    let entry = this.sequence(nodes, next, false)
    // As in bash and picomatch, `*.txt` does not match `.txt` (not even with `*` matching nothing).
    const first = nodes[0]?.kind
    if (!this.dot && (first === 'star' || first === 'globstar' || first === 'any'))
      entry = this.emit(Op.NoDot, entry)
    return entry
  }

  /**
   * A glob's segments. `**` as a whole segment matches zero or more segments, so it takes one of the
   * `/` beside it with it: `**\/x` is `(.*\/)?x`, `x/**\/y` is `x\/(.*\/)?y`, `x/**` is `x(\/.*)?`.
   */
  glob(segments: readonly Segment[], next: number): number {
    const isGlobstar = (s: Segment | undefined) => s?.length === 1 && s[0]!.kind === 'globstar'
    const segs = segments.filter((s, k) => !(isGlobstar(s) && isGlobstar(segments[k - 1])))
    const n = segs.length
    for (let k = n - 1; k >= 0; k--) {
      const seg = segs[k]!
      if (!isGlobstar(seg)) {
        next = this.segment(seg, next)
        if (k > 0 && !isGlobstar(segs[k - 1])) next = this.emit(Op.Char, next, SLASH)
        continue
      }
      const anyPath = (exit: number) => this.loop(exit, (back) => this.emit(Op.AnyPath, back))
      if (n === 1) next = anyPath(next)
      else if (k === n - 1)
        next = this.emit(Op.Split, this.emit(Op.Char, anyPath(next), SLASH), 0, next)
      else {
        next = this.emit(Op.Split, anyPath(this.emit(Op.Char, next, SLASH)), 0, next)
        if (k > 0) next = this.emit(Op.Char, next, SLASH)
      }
    }
    return next
  }

  /** Whether instruction `pc` consumes `c`, read at a name's start when `nameStart`. */
  consumes(pc: number, c: number, nameStart: boolean): boolean {
    switch (this.ops[pc]) {
      case Op.Char:
        return this.args[pc] === c
      case Op.Any:
        return c !== SLASH && (this.dot || c !== DOT || !nameStart)
      case Op.AnyPath:
        return this.dot || c !== DOT || !nameStart
      case Op.Class: {
        if (c === SLASH) return false
        const cls = this.classes[this.args[pc]!]!
        if (c === DOT && nameStart && !this.dot && !cls.dot) return false
        let inside = false
        for (let r = 0; r < cls.ranges.length && !inside; r += 2)
          inside = cls.ranges[r]! <= c && c <= cls.ranges[r + 1]!
        return inside !== cls.negated
      }
      default:
        return false
    }
  }
}

/** The globs (each as its segments) as one automaton that matches when any of them does. */
export function compile(globs: readonly (readonly Segment[])[], dot: boolean): Program {
  const program = new Program(dot)
  const match = program.emit(Op.Match, -1)
  const entries = globs.map((segments) => program.glob(segments, match))
  let start = entries.at(-1) ?? -1
  for (let k = entries.length - 2; k >= 0; k--)
    start = program.emit(Op.Split, entries[k]!, 0, start)
  program.start = start
  return program
}

export function hasNegation(program: Program): boolean {
  return program.negations.length > 0
}

/** A set of states: kept sorted, so that equal sets have one DFA state. */
class StateSet {
  readonly list: number[] = []
  private readonly seen: Uint8Array
  constructor(size: number) {
    this.seen = new Uint8Array(size)
  }
  has(pc: number): boolean {
    return this.seen[pc] === 1
  }
  add(pc: number): void {
    this.seen[pc] = 1
    this.list.push(pc)
  }
}

/**
 * The ε-closure of `from` read before `lookahead` (-1 at the end), into `into`; `onNegation` decides
 * what a Negation instruction does (the DFA has none).
 */
function closure(
  program: Program,
  from: readonly number[],
  lookahead: number,
  into: StateSet,
  onNegation?: (pc: number) => void,
): void {
  const stack = [...from]
  while (stack.length > 0) {
    const pc = stack.pop()!
    if (into.has(pc)) continue
    into.add(pc)
    switch (program.ops[pc]) {
      case Op.Split:
        stack.push(program.alts[pc]!, program.nexts[pc]!)
        break
      case Op.NoDot:
        if (lookahead !== DOT) stack.push(program.nexts[pc]!)
        break
      case Op.Negation:
        onNegation?.(pc)
        break
    }
  }
}

/** A DFA state: the instructions reached, before their ε-closure (which depends on the next character). */
interface DState {
  readonly kernel: number[]
  /** Whether the next character starts a name (the key's start, or after `/`). */
  readonly nameStart: boolean
  /** Successors by character, filled in as they are met. */
  readonly ascii: (DState | undefined)[]
  other?: Map<number, DState>
  /** Whether the key may end here: undefined until asked. */
  accepts?: boolean
}

/** Enough for any realistic set of rules; past it the cache starts over (still linear, just slower). */
const MAX_STATES = 2000

/** The lazily built DFA of a program without `!(...)`. */
export class Dfa {
  private states = new Map<string, DState>()
  private initial: DState

  constructor(private readonly program: Program) {
    this.initial = this.state([program.start], true)
  }

  private state(kernel: number[], nameStart: boolean): DState {
    kernel.sort((a, b) => a - b)
    const id = `${nameStart ? 1 : 0}:${kernel.join(',')}`
    let state = this.states.get(id)
    if (state === undefined) {
      if (this.states.size >= MAX_STATES) this.states = new Map()
      state = { kernel, nameStart, ascii: [] }
      this.states.set(id, state)
    }
    return state
  }

  private step(state: DState, c: number): DState {
    const cached = c < 128 ? state.ascii[c] : state.other?.get(c)
    if (cached !== undefined) return cached
    const program = this.program
    const set = new StateSet(program.ops.length)
    closure(program, state.kernel, c, set)
    const next: number[] = []
    const seen = new Set<number>()
    for (const pc of set.list)
      if (program.consumes(pc, c, state.nameStart) && !seen.has(program.nexts[pc]!)) {
        seen.add(program.nexts[pc]!)
        next.push(program.nexts[pc]!)
      }
    const target = this.state(next, c === SLASH)
    if (c < 128) state.ascii[c] = target
    else (state.other ??= new Map()).set(c, target)
    return target
  }

  private accepts(state: DState): boolean {
    if (state.accepts === undefined) {
      const set = new StateSet(this.program.ops.length)
      closure(this.program, state.kernel, -1, set)
      state.accepts = set.list.some((pc) => this.program.ops[pc] === Op.Match)
    }
    return state.accepts
  }

  matches(key: string): boolean {
    let state = this.initial
    for (let i = 0; i < key.length; i++) {
      state = this.step(state, key.charCodeAt(i))
      if (state.kernel.length === 0) return false
    }
    return this.accepts(state)
  }

  /** For p in [from, to]: whether key[p, to) is matched, the program being compiled backwards. */
  suffixes(key: string, from: number, to: number): Uint8Array {
    const result = new Uint8Array(to - from + 1)
    let state = this.initial
    for (let p = to; ; p--) {
      if (this.accepts(state)) result[p - from] = 1
      if (p === from) break
      state = this.step(state, key.charCodeAt(p - 1))
      if (state.kernel.length === 0) break
    }
    return result
  }
}

/** Runs a program that has `!(...)`: the set simulation itself, one position at a time. */
export function simulate(program: Program, key: string): boolean {
  const n = key.length
  const size = program.ops.length
  // Threads a `!(...)` sends to its segment's end, by position.
  const deferred = new Map<number, number[]>()
  // Per Negation: the segment its table is for, and the table (1 = key[p, e) is in X).
  const tableStart = program.negations.map(() => -1)
  const tables: Uint8Array[] = []
  let segStart = 0
  let segEnd = key.indexOf('/')
  if (segEnd < 0) segEnd = n

  let i = 0
  const negation = (pc: number, set: StateSet) => {
    const k = program.args[pc]!
    const { reversed, suffix } = program.negations[k]!
    const end = segEnd - suffix.length
    if (tableStart[k] !== segStart) {
      tableStart[k] = segStart
      tables[k] =
        end >= segStart && key.startsWith(suffix, end)
          ? reversed.suffixes(key, segStart, end)
          : new Uint8Array(segEnd - segStart + 1).fill(1)
    }
    if (i > end || tables[k]![i - segStart] === 1) return
    // A name that starts with `.` is not matched by a !(...) that starts it, unless `dot`.
    if (i === segStart && !program.dot && key.charCodeAt(i) === DOT) return
    const target = program.nexts[pc]!
    if (segEnd === i)
      closure(program, [target], i < n ? key.charCodeAt(i) : -1, set, (q) => negation(q, set))
    else {
      const list = deferred.get(segEnd)
      if (list) list.push(target)
      else deferred.set(segEnd, [target])
    }
  }

  let current = new StateSet(size)
  closure(program, [program.start], n > 0 ? key.charCodeAt(0) : -1, current, (pc) =>
    negation(pc, current),
  )
  for (;;) {
    const late = deferred.get(i)
    if (late) {
      deferred.delete(i)
      closure(program, late, i < n ? key.charCodeAt(i) : -1, current, (pc) => negation(pc, current))
    }
    if (i === n) return current.list.some((pc) => program.ops[pc] === Op.Match)
    const c = key.charCodeAt(i)
    const nameStart = i === segStart
    const targets: number[] = []
    for (const pc of current.list)
      if (program.consumes(pc, c, nameStart)) targets.push(program.nexts[pc]!)
    i++
    if (c === SLASH) {
      segStart = i
      segEnd = key.indexOf('/', i)
      if (segEnd < 0) segEnd = n
    }
    const next = new StateSet(size)
    closure(program, targets, i < n ? key.charCodeAt(i) : -1, next, (pc) => negation(pc, next))
    current = next
    if (current.list.length === 0 && deferred.size === 0) return false
  }
}

import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);
import {
  hasControlCharacter
} from "./chunk-5MZ7EP76.js";

// src/core/glob-automaton.ts
var SLASH = 47;
var DOT = 46;
var Program = class _Program {
  /** `dot`: whether wildcards match a `.` that starts a name (when false, only a literal `.` does). */
  constructor(dot) {
    this.dot = dot;
  }
  dot;
  ops = [];
  args = [];
  nexts = [];
  alts = [];
  classes = [];
  negations = [];
  start = -1;
  emit(op, next, arg = 0, alt = -1) {
    this.ops.push(op);
    this.args.push(arg);
    this.nexts.push(next);
    this.alts.push(alt);
    return this.ops.length - 1;
  }
  /** A Split whose `next` is filled in later: loops point back at it. */
  loop(exit, body) {
    const split = this.emit(4 /* Split */, -1, 0, exit);
    this.nexts[split] = body(split);
    return split;
  }
  /** Compiles the nodes (backwards when `reversed`) to continue at `next`; returns the entry. */
  sequence(nodes, next, reversed) {
    for (let k = 0; k < nodes.length; k++) {
      next = this.node(nodes[reversed ? k : nodes.length - 1 - k], next, reversed);
    }
    return next;
  }
  choice(alts, next, reversed) {
    let entry = this.sequence(alts[alts.length - 1], next, reversed);
    for (let k = alts.length - 2; k >= 0; k--)
      entry = this.emit(4 /* Split */, this.sequence(alts[k], next, reversed), 0, entry);
    return entry;
  }
  node(node, next, reversed) {
    switch (node.kind) {
      case "char":
        return this.emit(0 /* Char */, next, node.code);
      case "any":
        return this.emit(1 /* Any */, next);
      case "star":
      case "globstar":
        return this.loop(next, (back) => this.emit(1 /* Any */, back));
      case "class":
        this.classes.push({ negated: node.negated, ranges: node.ranges, dot: node.dot });
        return this.emit(2 /* Class */, next, this.classes.length - 1);
      case "group":
        switch (node.op) {
          case "@":
            return this.choice(node.alts, next, reversed);
          case "?":
            return this.emit(4 /* Split */, this.choice(node.alts, next, reversed), 0, next);
          case "*":
            return this.loop(next, (back) => this.choice(node.alts, back, reversed));
          case "+": {
            const split = this.loop(next, () => -1);
            const body = this.choice(node.alts, split, reversed);
            this.nexts[split] = body;
            return body;
          }
          case "!":
            throw new Error("a !(...) is compiled by segment()");
        }
    }
  }
  /** One segment of a glob that is not `**`. */
  segment(nodes, next) {
    const at = nodes.findIndex((n) => n.kind === "group" && n.op === "!");
    if (at >= 0) {
      const negated = nodes[at];
      const x = new _Program(true);
      x.start = x.sequence([{ ...negated, op: "@" }], x.emit(7 /* Match */, -1), true);
      const suffix = String.fromCharCode(
        ...nodes.slice(at + 1).map((n) => n.kind === "char" ? n.code : 0)
      );
      this.negations.push({ reversed: new Dfa(x), suffix });
      next = this.emit(6 /* Negation */, next, this.negations.length - 1);
      nodes = nodes.slice(0, at);
    }
    let entry = this.sequence(nodes, next, false);
    const first = nodes[0]?.kind;
    if (!this.dot && (first === "star" || first === "globstar" || first === "any"))
      entry = this.emit(5 /* NoDot */, entry);
    return entry;
  }
  /**
   * A glob's segments. `**` as a whole segment matches zero or more segments, so it takes one of the
   * `/` beside it with it: `**\/x` is `(.*\/)?x`, `x/**\/y` is `x\/(.*\/)?y`, `x/**` is `x(\/.*)?`.
   */
  glob(segments, next) {
    const isGlobstar = (s) => s?.length === 1 && s[0].kind === "globstar";
    const segs = segments.filter((s, k) => !(isGlobstar(s) && isGlobstar(segments[k - 1])));
    const n = segs.length;
    for (let k = n - 1; k >= 0; k--) {
      const seg = segs[k];
      if (!isGlobstar(seg)) {
        next = this.segment(seg, next);
        if (k > 0 && !isGlobstar(segs[k - 1])) next = this.emit(0 /* Char */, next, SLASH);
        continue;
      }
      const anyPath = (exit) => this.loop(exit, (back) => this.emit(3 /* AnyPath */, back));
      if (n === 1) next = anyPath(next);
      else if (k === n - 1)
        next = this.emit(4 /* Split */, this.emit(0 /* Char */, anyPath(next), SLASH), 0, next);
      else {
        next = this.emit(4 /* Split */, anyPath(this.emit(0 /* Char */, next, SLASH)), 0, next);
        if (k > 0) next = this.emit(0 /* Char */, next, SLASH);
      }
    }
    return next;
  }
  /** Whether instruction `pc` consumes `c`, read at a name's start when `nameStart`. */
  consumes(pc, c, nameStart) {
    switch (this.ops[pc]) {
      case 0 /* Char */:
        return this.args[pc] === c;
      case 1 /* Any */:
        return c !== SLASH && (this.dot || c !== DOT || !nameStart);
      case 3 /* AnyPath */:
        return this.dot || c !== DOT || !nameStart;
      case 2 /* Class */: {
        if (c === SLASH) return false;
        const cls = this.classes[this.args[pc]];
        if (c === DOT && nameStart && !this.dot && !cls.dot) return false;
        let inside = false;
        for (let r = 0; r < cls.ranges.length && !inside; r += 2)
          inside = cls.ranges[r] <= c && c <= cls.ranges[r + 1];
        return inside !== cls.negated;
      }
      default:
        return false;
    }
  }
};
function compile(globs, dot) {
  const program = new Program(dot);
  const match = program.emit(7 /* Match */, -1);
  const entries = globs.map((segments) => program.glob(segments, match));
  let start = entries.at(-1) ?? -1;
  for (let k = entries.length - 2; k >= 0; k--)
    start = program.emit(4 /* Split */, entries[k], 0, start);
  program.start = start;
  return program;
}
function hasNegation(program) {
  return program.negations.length > 0;
}
var StateSet = class {
  list = [];
  seen;
  constructor(size) {
    this.seen = new Uint8Array(size);
  }
  has(pc) {
    return this.seen[pc] === 1;
  }
  add(pc) {
    this.seen[pc] = 1;
    this.list.push(pc);
  }
};
function closure(program, from, lookahead, into, onNegation) {
  const stack = [...from];
  while (stack.length > 0) {
    const pc = stack.pop();
    if (into.has(pc)) continue;
    into.add(pc);
    switch (program.ops[pc]) {
      case 4 /* Split */:
        stack.push(program.alts[pc], program.nexts[pc]);
        break;
      case 5 /* NoDot */:
        if (lookahead !== DOT) stack.push(program.nexts[pc]);
        break;
      case 6 /* Negation */:
        onNegation?.(pc);
        break;
    }
  }
}
var MAX_STATES = 2e3;
var Dfa = class {
  constructor(program) {
    this.program = program;
    this.initial = this.state([program.start], true);
  }
  program;
  states = /* @__PURE__ */ new Map();
  initial;
  state(kernel, nameStart) {
    kernel.sort((a, b) => a - b);
    const id = `${nameStart ? 1 : 0}:${kernel.join(",")}`;
    let state = this.states.get(id);
    if (state === void 0) {
      if (this.states.size >= MAX_STATES) this.states = /* @__PURE__ */ new Map();
      state = { kernel, nameStart, ascii: [] };
      this.states.set(id, state);
    }
    return state;
  }
  step(state, c) {
    const cached = c < 128 ? state.ascii[c] : state.other?.get(c);
    if (cached !== void 0) return cached;
    const program = this.program;
    const set = new StateSet(program.ops.length);
    closure(program, state.kernel, c, set);
    const next = [];
    const seen = /* @__PURE__ */ new Set();
    for (const pc of set.list)
      if (program.consumes(pc, c, state.nameStart) && !seen.has(program.nexts[pc])) {
        seen.add(program.nexts[pc]);
        next.push(program.nexts[pc]);
      }
    const target = this.state(next, c === SLASH);
    if (c < 128) state.ascii[c] = target;
    else (state.other ??= /* @__PURE__ */ new Map()).set(c, target);
    return target;
  }
  accepts(state) {
    if (state.accepts === void 0) {
      const set = new StateSet(this.program.ops.length);
      closure(this.program, state.kernel, -1, set);
      state.accepts = set.list.some((pc) => this.program.ops[pc] === 7 /* Match */);
    }
    return state.accepts;
  }
  matches(key) {
    let state = this.initial;
    for (let i = 0; i < key.length; i++) {
      state = this.step(state, key.charCodeAt(i));
      if (state.kernel.length === 0) return false;
    }
    return this.accepts(state);
  }
  /** For p in [from, to]: whether key[p, to) is matched, the program being compiled backwards. */
  suffixes(key, from, to) {
    const result = new Uint8Array(to - from + 1);
    let state = this.initial;
    for (let p = to; ; p--) {
      if (this.accepts(state)) result[p - from] = 1;
      if (p === from) break;
      state = this.step(state, key.charCodeAt(p - 1));
      if (state.kernel.length === 0) break;
    }
    return result;
  }
};
function simulate(program, key) {
  const n = key.length;
  const size = program.ops.length;
  const deferred = /* @__PURE__ */ new Map();
  const tableStart = program.negations.map(() => -1);
  const tables = [];
  let segStart = 0;
  let segEnd = key.indexOf("/");
  if (segEnd < 0) segEnd = n;
  let i = 0;
  const negation = (pc, set) => {
    const k = program.args[pc];
    const { reversed, suffix } = program.negations[k];
    const end = segEnd - suffix.length;
    if (tableStart[k] !== segStart) {
      tableStart[k] = segStart;
      tables[k] = end >= segStart && key.startsWith(suffix, end) ? reversed.suffixes(key, segStart, end) : new Uint8Array(segEnd - segStart + 1).fill(1);
    }
    if (i > end || tables[k][i - segStart] === 1) return;
    if (i === segStart && !program.dot && key.charCodeAt(i) === DOT) return;
    const target = program.nexts[pc];
    if (segEnd === i)
      closure(program, [target], i < n ? key.charCodeAt(i) : -1, set, (q) => negation(q, set));
    else {
      const list = deferred.get(segEnd);
      if (list) list.push(target);
      else deferred.set(segEnd, [target]);
    }
  };
  let current = new StateSet(size);
  closure(
    program,
    [program.start],
    n > 0 ? key.charCodeAt(0) : -1,
    current,
    (pc) => negation(pc, current)
  );
  for (; ; ) {
    const late = deferred.get(i);
    if (late) {
      deferred.delete(i);
      closure(program, late, i < n ? key.charCodeAt(i) : -1, current, (pc) => negation(pc, current));
    }
    if (i === n) return current.list.some((pc) => program.ops[pc] === 7 /* Match */);
    const c = key.charCodeAt(i);
    const nameStart = i === segStart;
    const targets = [];
    for (const pc of current.list)
      if (program.consumes(pc, c, nameStart)) targets.push(program.nexts[pc]);
    i++;
    if (c === SLASH) {
      segStart = i;
      segEnd = key.indexOf("/", i);
      if (segEnd < 0) segEnd = n;
    }
    const next = new StateSet(size);
    closure(program, targets, i < n ? key.charCodeAt(i) : -1, next, (pc) => negation(pc, next));
    current = next;
    if (current.list.length === 0 && deferred.size === 0) return false;
  }
}

// src/core/glob-parse.ts
var GlobError = class extends Error {
};
var MAX_ALTERNATIVES = 1e3;
var SLASH2 = 47;
var DOT2 = 46;
var POSIX_CLASSES = {
  alnum: "09AZaz",
  alpha: "AZaz",
  blank: "  		",
  digit: "09",
  lower: "az",
  punct: "!/:@[`{~",
  space: "  	\r",
  upper: "AZ",
  word: "09AZ__az",
  xdigit: "09AFaf"
};
var char = (code) => ({ kind: "char", code });
var Parser = class {
  constructor(s) {
    this.s = s;
  }
  s;
  i = 0;
  parse() {
    const nodes = this.sequence("");
    if (this.i < this.s.length)
      throw new GlobError(`does not parse (unexpected "${this.s[this.i]}")`);
    return nodes;
  }
  /** Nodes up to (not including) one of `stops`, or the end. */
  sequence(stops) {
    const nodes = [];
    while (this.i < this.s.length && !stops.includes(this.s[this.i])) nodes.push(this.node());
    return nodes;
  }
  node() {
    const s = this.s;
    const c = s[this.i];
    const next = s[this.i + 1];
    if (c === "\\") {
      this.i += 2;
      return char(next === void 0 ? 92 : s.charCodeAt(this.i - 1));
    }
    if (next === "(" && "?*+@!".includes(c)) {
      this.i += 2;
      return this.group(c);
    }
    switch (c) {
      case "(":
        this.i++;
        return this.group("@");
      case ")":
        throw new GlobError(
          'does not parse (a ")" without "(" before it; write "\\)" for the character)'
        );
      case "]":
        throw new GlobError(
          'does not parse (a "]" without "[" before it; write "\\]" for the character)'
        );
      case "[":
        return this.bracket();
      case "{":
        return this.brace();
      case "?":
        this.i++;
        return { kind: "any" };
      case "*": {
        let end = this.i;
        while (s[end] === "*") end++;
        if (s[end] === "(") end--;
        const run = end - this.i;
        this.i += run >= 2 ? run : 1;
        return { kind: run >= 2 ? "globstar" : "star" };
      }
      default:
        this.i++;
        return char(s.charCodeAt(this.i - 1));
    }
  }
  group(op) {
    const alts = [];
    for (; ; ) {
      alts.push(this.sequence("|)"));
      if (this.i >= this.s.length)
        throw new GlobError('does not parse (a "(" without ")"; write "\\(" for the character)');
      if (this.s[this.i++] === ")") return { kind: "group", op, alts };
    }
  }
  brace() {
    const open = ++this.i;
    const alts = [];
    for (; ; ) {
      alts.push(this.sequence(",}"));
      if (this.i >= this.s.length)
        throw new GlobError('does not parse (a "{" without "}"; write "\\{" for the character)');
      if (this.s[this.i++] === "}") break;
    }
    if (alts.length > 1) return { kind: "group", op: "@", alts };
    const text = this.s.slice(open, this.i - 1);
    const range = braceRange(text);
    if (range !== void 0) return range;
    return { kind: "group", op: "@", alts: [[char(123), ...alts[0], char(125)]] };
  }
  bracket() {
    const s = this.s;
    let j = this.i + 1;
    const negated = s[j] === "!" || s[j] === "^";
    if (negated) j++;
    const ranges = [];
    let dot = false;
    const unit = () => {
      if (j >= s.length)
        throw new GlobError('does not parse (a "[" without "]"; write "\\[" for the character)');
      if (s[j] === "\\" && j + 1 < s.length) j++;
      return s.charCodeAt(j++);
    };
    for (let first = true; ; first = false) {
      if (j >= s.length)
        throw new GlobError('does not parse (a "[" without "]"; write "\\[" for the character)');
      if (s[j] === "]" && !first) break;
      if (s[j] === "[" && s[j + 1] === ":") {
        const close = s.indexOf(":]", j + 2);
        const spec = close < 0 ? void 0 : POSIX_CLASSES[s.slice(j + 2, close)];
        if (spec === void 0)
          throw new GlobError(`does not parse (unknown character class "${s.slice(j)}")`);
        for (const code of spec) ranges.push(code.charCodeAt(0));
        j = close + 2;
        continue;
      }
      const lo = unit();
      let hi = lo;
      if (s[j] === "-" && j + 1 < s.length && s[j + 1] !== "]") {
        j++;
        hi = unit();
        if (hi < lo)
          throw new GlobError(`does not parse (the range "${s.slice(this.i, j)}" is backwards)`);
      }
      if (lo <= SLASH2 && SLASH2 <= hi)
        throw new GlobError(
          `"${s.slice(this.i)}" is not supported: a [...] class matches one character of a name, never "/"`
        );
      if (lo === DOT2 && hi === DOT2) dot = true;
      ranges.push(lo, hi);
    }
    this.i = j + 1;
    return { kind: "class", negated, ranges, dot: dot && !negated };
  }
};
function braceRange(text) {
  const letters = /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(text);
  if (letters) {
    const [a, b] = [letters[1].charCodeAt(0), letters[2].charCodeAt(0)];
    return { kind: "class", negated: false, ranges: [Math.min(a, b), Math.max(a, b)], dot: false };
  }
  const numbers = /^(-?\d+)\.\.(-?\d+)$/.exec(text);
  if (!numbers) return void 0;
  const [from, to] = [Number(numbers[1]), Number(numbers[2])];
  if (Math.abs(to - from) >= MAX_ALTERNATIVES)
    throw new GlobError(
      `"{${text}}" is not supported: it expands into more than ${MAX_ALTERNATIVES.toLocaleString("en")} alternatives`
    );
  const padded = /^-?0\d/.test(numbers[1]) || /^-?0\d/.test(numbers[2]);
  const width = padded ? Math.max(numbers[1].length, numbers[2].length) : 0;
  const alts = [];
  for (let n = from; ; n += from <= to ? 1 : -1) {
    const digits = String(Math.abs(n)).padStart(width - (n < 0 ? 1 : 0), "0");
    alts.push([...(n < 0 ? "-" : "").concat(digits)].map((c) => char(c.charCodeAt(0))));
    if (n === to) break;
  }
  return { kind: "group", op: "@", alts };
}
function alternatives(nodes) {
  let product = 1;
  for (const node of nodes) {
    if (node.kind !== "group") continue;
    let sum = 0;
    for (const alt of node.alts) sum = Math.min(sum + alternatives(alt), MAX_ALTERNATIVES + 1);
    product = Math.min(product * sum, MAX_ALTERNATIVES + 1);
  }
  return product;
}
function hasSlash(nodes) {
  return nodes.some(
    (n) => n.kind === "char" && n.code === SLASH2 || n.kind === "group" && n.alts.some((alt) => hasSlash(alt))
  );
}
function hasNegation2(nodes) {
  return nodes.some((n) => n.kind === "group" && (n.op === "!" || n.alts.some(hasNegation2)));
}
function liftSlashes(glob, nodes) {
  let globs = [[]];
  for (const node of nodes) {
    let options = [[node]];
    if (node.kind === "group" && hasSlash([node])) {
      if (node.op !== "@" && node.op !== "?")
        throw new GlobError(
          `"${glob}" is not supported: ${node.op}(...) around a "/" would repeat or negate whole paths; use {a,b} or ** instead`
        );
      options = node.alts.flatMap((alt) => liftSlashes(glob, alt));
      if (node.op === "?") options.unshift([]);
    }
    const next = [];
    for (const head of globs) for (const tail of options) next.push([...head, ...tail]);
    if (next.length > MAX_ALTERNATIVES) throw tooMany(glob);
    globs = next;
  }
  return globs;
}
var tooMany = (glob) => new GlobError(
  `"${glob}" is not supported: its braces expand into more than ${MAX_ALTERNATIVES.toLocaleString("en")} alternatives`
);
function checkNegation(glob, segment) {
  const at = segment.findIndex((n) => n.kind === "group" && n.op === "!");
  const rest = segment.slice(at + 1);
  const others = at < 0 ? segment : [...segment.slice(0, at), ...rest];
  if (hasNegation2(others))
    throw new GlobError(
      `"${glob}" is not supported: one !(...) per path segment, not inside another group; write it as a whole segment (**/!(*.map)) or with literal text after it (!(*.min).js)`
    );
  if (at < 0) return;
  const negated = segment[at];
  if (negated.alts.some(hasNegation2))
    throw new GlobError(`"${glob}" is not supported: a !(...) inside a !(...)`);
  if (rest.some((n) => n.kind !== "char"))
    throw new GlobError(
      `"${glob}" is not supported: only literal text may follow !(...) in its path segment (as in !(*.min).js), not a wildcard, class or group`
    );
}
function parseGlob(glob) {
  const nodes = new Parser(glob).parse();
  if (alternatives(nodes) > MAX_ALTERNATIVES) throw tooMany(glob);
  return liftSlashes(glob, nodes).map((flat) => {
    const segments = [[]];
    for (const node of flat)
      if (node.kind === "char" && node.code === SLASH2) segments.push([]);
      else segments.at(-1).push(node);
    for (const segment of segments) checkNegation(glob, segment);
    return segments;
  });
}
function literalText(segment) {
  let text = "";
  for (const node of segment) {
    if (node.kind !== "char") return void 0;
    text += String.fromCharCode(node.code);
  }
  return text;
}

// src/core/globs.ts
function globProblem(glob) {
  if (glob.trim() === "") return "a glob must not be empty";
  if (hasControlCharacter(glob)) return "a glob must not contain control characters";
  if (glob.startsWith("/"))
    return 'globs are relative to the source directory and must not start with "/"';
  if (glob.split("/").includes("..")) return 'a glob must not contain a ".." segment';
  if (glob.startsWith("!") && !glob.startsWith("!("))
    return "negated globs are not supported here; use the exclude input";
  try {
    parseGlob(glob);
  } catch (error) {
    if (!(error instanceof GlobError)) throw error;
    return error.message.startsWith("does not parse") ? `it ${error.message}` : error.message;
  }
  return void 0;
}
function parsed(glob) {
  try {
    return parseGlob(glob);
  } catch (error) {
    if (error instanceof GlobError) throw new Error(`Invalid glob "${glob}": ${error.message}`);
    throw error;
  }
}
var GLOBSTAR = [{ kind: "globstar" }];
var isStar = (segment, k) => segment[k]?.kind === "star" || segment[k]?.kind === "globstar";
function inHiddenDirectory(key, slash) {
  if (slash < 0) return false;
  return key.charCodeAt(0) === 46 || key.lastIndexOf("/.", slash - 1) >= 0;
}
function anyMatcher(globs, options) {
  if (globs.length === 0) return () => false;
  const { dot } = options;
  const literal = new Set(globs);
  const names = /* @__PURE__ */ new Set();
  const affixes = [];
  const directories = [];
  const general = [];
  for (const glob of globs) {
    const anchored = !glob.includes("/");
    for (const segments of parsed(glob)) {
      const last = segments.at(-1);
      if (anchored) {
        const star = last.findIndex((n) => n.kind !== "char");
        const name = literalText(last);
        const prefix = literalText(last.slice(0, star));
        const suffix = literalText(last.slice(star + 1));
        if (name !== void 0) names.add(name);
        else if (isStar(last, star) && prefix !== void 0 && suffix !== void 0)
          affixes.push([prefix, suffix]);
        else general.push([GLOBSTAR, ...segments]);
        continue;
      }
      const parents = segments.slice(0, -1).map(literalText);
      if (parents.length > 0 && last.length === 1 && last[0].kind === "globstar" && parents.every((p) => p !== void 0))
        directories.push(parents.join("/"));
      else general.push(segments);
    }
  }
  const program = general.length > 0 ? compile(general, dot) : void 0;
  const automaton = program === void 0 ? void 0 : hasNegation(program) ? (key) => simulate(program, key) : /* @__PURE__ */ ((dfa) => (key) => dfa.matches(key))(new Dfa(program));
  return (key) => {
    if (literal.has(key)) return true;
    const slash = key.lastIndexOf("/");
    if (dot || !inHiddenDirectory(key, slash)) {
      const name = slash < 0 ? key : key.slice(slash + 1);
      if (names.has(name)) return true;
      for (const [prefix, suffix] of affixes)
        if (name.length >= prefix.length + suffix.length && name.startsWith(prefix) && name.endsWith(suffix) && // `*.txt` does not match `.txt` unless `dot`, as in bash.
        (dot || prefix !== "" || name.charCodeAt(0) !== 46))
          return true;
    }
    for (const directory of directories)
      if (key.startsWith(directory) && (key.length === directory.length || key.charCodeAt(directory.length) === 47) && (dot || !key.includes("/.", directory.length)))
        return true;
    return automaton !== void 0 && automaton(key);
  };
}
function compileGlob(glob, options) {
  return anyMatcher([glob], options);
}
function splitList(value, commas = false) {
  const parts = value.split(commas ? /[\n,]/ : /\n/);
  return parts.map((part) => part.trim()).filter((part) => part !== "" && !part.startsWith("#"));
}
function namesFileLiterally(glob) {
  const last = glob.slice(glob.lastIndexOf("/") + 1);
  return last !== "" && !/[*?[\]{}()\\]/.test(last);
}

export {
  globProblem,
  anyMatcher,
  compileGlob,
  splitList,
  namesFileLiterally
};
//# sourceMappingURL=chunk-EQNTI7KR.js.map

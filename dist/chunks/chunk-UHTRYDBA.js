import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  formatBytes,
  formatBytesDelta,
  formatPercent,
  groupDigits,
  isNoChange,
  percentChange
} from "./chunk-Z7CB6QBK.js";
import {
  UsageError
} from "./chunk-AGAXQL6F.js";

// src/budgets/globs.ts
var GLOB_LIMITS = {
  /** Characters in one glob. */
  length: 1e3,
  /** States of its automaton: what its braces and ranges expand to. */
  states: 1e4
};
var GlobSyntaxError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "GlobSyntaxError";
  }
};
var POSIX_CLASSES = {
  alnum: (c) => /^[\p{L}\p{N}]$/u.test(c),
  alpha: (c) => new RegExp("^\\p{L}$", "u").test(c),
  digit: (c) => /^[0-9]$/.test(c),
  lower: (c) => new RegExp("^\\p{Ll}$", "u").test(c),
  upper: (c) => new RegExp("^\\p{Lu}$", "u").test(c),
  space: (c) => /^\s$/u.test(c),
  punct: (c) => /^[!-/:-@[-`{-~]$/.test(c),
  xdigit: (c) => /^[0-9A-Fa-f]$/.test(c),
  word: (c) => /^[\p{L}\p{N}_]$/u.test(c)
};
var Parser = class {
  /** `offset`: characters before `chars` in the glob as written (a leading `!`). */
  constructor(chars, offset) {
    this.chars = chars;
    this.offset = offset;
  }
  chars;
  offset;
  at = 0;
  fail(position, problem) {
    throw new GlobSyntaxError(`at character ${position + this.offset + 1}, ${problem}`);
  }
  /** The whole glob, or one alternative of a brace up to its `,` or `}`. */
  sequence(inBraces, atSegmentStart) {
    const parts = [];
    let segmentStart = atSegmentStart;
    const { chars } = this;
    while (this.at < chars.length) {
      const char = chars[this.at];
      if (inBraces && (char === "," || char === "}")) break;
      const start = this.at;
      if (char === "(" || char === ")") {
        this.fail(
          start,
          `${char} is not glob syntax: groups and extglobs like @(a|b) are not supported; write alternatives as {a,b}, or \\${char} to match a parenthesis`
        );
      }
      this.at += 1;
      switch (char) {
        case "\\": {
          if (this.at >= chars.length) {
            this.fail(start, "a glob cannot end with \\; write \\\\ to match a backslash");
          }
          parts.push({ kind: "char", char: chars[this.at] });
          this.at += 1;
          segmentStart = false;
          break;
        }
        case "*": {
          let run = 1;
          while (chars[this.at] === "*") {
            run += 1;
            this.at += 1;
          }
          if (run === 1) {
            parts.push({ kind: "star", leading: segmentStart });
            segmentStart = false;
            break;
          }
          const next = chars[this.at];
          const segmentEnds = next === void 0 || next === "/" || inBraces && (next === "," || next === "}");
          if (run > 2 || !segmentStart || !segmentEnds) {
            this.fail(
              start,
              `${"*".repeat(run)} is not a glob part: ** stands for whole folders, as in "tests/**" or "**/conftest.py", and * for part of a name, as in "test_*.py"`
            );
          }
          if (next === "/") {
            this.at += 1;
            parts.push({ kind: "folders" });
            break;
          }
          while (parts.at(-1)?.kind === "folders") parts.pop();
          if (parts.at(-1)?.kind === "char" && parts.at(-1).char === "/") {
            parts.pop();
            parts.push({ kind: "below" });
          } else parts.push({ kind: "anything" });
          break;
        }
        case "?":
          parts.push({ kind: "any" });
          segmentStart = false;
          break;
        case "[":
          parts.push(this.characterClass(start));
          segmentStart = false;
          break;
        case "{":
          parts.push(this.braces(start, segmentStart));
          segmentStart = false;
          break;
        default:
          parts.push({ kind: "char", char });
          segmentStart = char === "/";
      }
    }
    return parts;
  }
  characterClass(start) {
    const { chars } = this;
    let negated = false;
    if (chars[this.at] === "!" || chars[this.at] === "^") {
      negated = true;
      this.at += 1;
    }
    const ranges = [];
    const named = [];
    const unclosed = () => this.fail(start, "[ is not closed; close the set with ], or write \\[ to match a bracket");
    let first = true;
    for (; ; ) {
      if (this.at >= chars.length) unclosed();
      const at = this.at;
      let char = chars[at];
      if (char === "]" && !first) {
        this.at += 1;
        break;
      }
      first = false;
      if (char === "[" && chars[at + 1] === ":") {
        const close = chars.indexOf(":", at + 2);
        if (close > 0 && chars[close + 1] === "]") {
          const name = chars.slice(at + 2, close).join("");
          const test2 = POSIX_CLASSES[name];
          if (!test2) {
            this.fail(
              at,
              `[:${name}:] is not a character class; known: ${Object.keys(POSIX_CLASSES).join(", ")}`
            );
          }
          named.push(test2);
          this.at = close + 2;
          continue;
        }
      }
      if (char === "\\") {
        if (at + 1 >= chars.length) unclosed();
        char = chars[at + 1];
        this.at += 1;
      }
      this.at += 1;
      if (chars[this.at] === "-" && this.at + 1 < chars.length && chars[this.at + 1] !== "]") {
        let last = chars[this.at + 1];
        this.at += 2;
        if (last === "\\") {
          if (this.at >= chars.length) unclosed();
          last = chars[this.at];
          this.at += 1;
        }
        const low = char.codePointAt(0) ?? 0;
        const high = last.codePointAt(0) ?? 0;
        if (low > high)
          this.fail(at, `the range ${char}-${last} is reversed; write ${last}-${char}`);
        ranges.push(low, high);
      } else {
        const code = char.codePointAt(0) ?? 0;
        ranges.push(code, code);
      }
    }
    const inSet = (code) => {
      for (let i = 0; i < ranges.length; i += 2) {
        if (code >= ranges[i] && code <= ranges[i + 1]) return true;
      }
      return named.length > 0 && named.some((test2) => test2(String.fromCodePoint(code)));
    };
    const test = negated ? (code) => code !== 47 && !inSet(code) : inSet;
    return { kind: "class", test };
  }
  braces(start, atSegmentStart) {
    const { chars } = this;
    const options = [];
    for (; ; ) {
      options.push(this.sequence(true, atSegmentStart));
      if (this.at >= chars.length) {
        this.fail(
          start,
          "{ is not closed; close the alternatives with }, or write \\{ to match a brace"
        );
      }
      const char = chars[this.at];
      this.at += 1;
      if (char === "}") break;
    }
    if (options.length > 1) return { kind: "alternatives", options };
    const range = rangeOf(chars.slice(start + 1, this.at - 1).join(""));
    if (range) {
      if (range.length === 0 || range.length > GLOB_LIMITS.states) {
        this.fail(
          start,
          `the range {${chars.slice(start + 1, this.at - 1).join("")}} has more than ${GLOB_LIMITS.states} values`
        );
      }
      return {
        kind: "alternatives",
        options: range.map((text) => Array.from(text, (char) => ({ kind: "char", char })))
      };
    }
    return {
      kind: "alternatives",
      options: [[{ kind: "char", char: "{" }, ...options[0], { kind: "char", char: "}" }]]
    };
  }
};
function rangeOf(text) {
  const numbers = /^(\d{1,9})\.\.(\d{1,9})$/.exec(text);
  const letters = /^([A-Za-z])\.\.([A-Za-z])$/.exec(text);
  const [from, to] = numbers ? [Number(numbers[1]), Number(numbers[2])] : letters ? [letters[1].charCodeAt(0), letters[2].charCodeAt(0)] : [NaN, NaN];
  if (Number.isNaN(from)) return void 0;
  const count = Math.abs(to - from) + 1;
  if (count > GLOB_LIMITS.states) return [];
  const step = to >= from ? 1 : -1;
  return Array.from(
    { length: count },
    (_, i) => numbers ? String(from + i * step) : String.fromCharCode(from + i * step)
  );
}
var Kind = {
  Char: 0,
  Any: 1,
  Class: 2,
  Star: 3,
  LeadingStar: 4,
  /** In `**` then a slash, between folders: may leave here. */
  FolderStart: 5,
  /** In `**` then a slash, inside a folder name: must reach its slash. */
  FolderMiddle: 6,
  Anything: 7,
  Split: 8,
  Match: 9
};
var SLASH = 47;
var DOT = 46;
function dotSegmentAt(path, at) {
  if (path.charCodeAt(at) !== DOT) return false;
  if (at + 1 === path.length || path.charCodeAt(at + 1) === SLASH) return true;
  return path.charCodeAt(at + 1) === DOT && (at + 2 === path.length || path.charCodeAt(at + 2) === SLASH);
}
var Automaton = class {
  kinds = [];
  /** The state a state leads to; for a split, unused. */
  next = [];
  /** What a Char state reads: a code point. */
  codes = [];
  tests = [];
  splits = [];
  start;
  match;
  // Working memory of `accepts`, kept between calls.
  seen = new Int32Array(0);
  generation = 0;
  current = new Int32Array(0);
  following = new Int32Array(0);
  stack = [];
  constructor(parts) {
    this.match = this.add(Kind.Match);
    this.start = this.sequence(parts, this.match);
    const count = this.kinds.length;
    this.seen = new Int32Array(count);
    this.current = new Int32Array(count);
    this.following = new Int32Array(count);
  }
  add(kind, next = -1) {
    if (this.kinds.length >= GLOB_LIMITS.states) {
      throw new GlobSyntaxError(
        `its braces expand to more than ${GLOB_LIMITS.states} states; write fewer alternatives`
      );
    }
    this.kinds.push(kind);
    this.next.push(next);
    this.codes.push(-1);
    this.tests.push(void 0);
    this.splits.push(void 0);
    return this.kinds.length - 1;
  }
  /** Built from the end, so each part knows the state it leads to. */
  sequence(items, next) {
    let state = next;
    for (let i = items.length - 1; i >= 0; i -= 1) state = this.part(items[i], state);
    return state;
  }
  part(item, next) {
    switch (item.kind) {
      case "char": {
        const state = this.add(Kind.Char, next);
        this.codes[state] = item.char.codePointAt(0) ?? -1;
        return state;
      }
      case "any":
        return this.add(Kind.Any, next);
      case "class": {
        const state = this.add(Kind.Class, next);
        this.tests[state] = item.test;
        return state;
      }
      case "star":
        return this.add(item.leading ? Kind.LeadingStar : Kind.Star, next);
      case "folders": {
        const start = this.add(Kind.FolderStart, next);
        const middle = this.add(Kind.FolderMiddle, start);
        this.splits[start] = [middle];
        return start;
      }
      case "below": {
        const anything = this.add(Kind.Anything, next);
        const slash = this.add(Kind.Char, anything);
        this.codes[slash] = SLASH;
        const split = this.add(Kind.Split);
        this.splits[split] = [next, slash];
        return split;
      }
      case "anything":
        return this.add(Kind.Anything, next);
      case "alternatives": {
        const split = this.add(Kind.Split);
        this.splits[split] = item.options.map((option) => this.sequence(option, next));
        return split;
      }
    }
  }
  /**
   * Adds `state`, and every state it reaches without reading, to `into` (which holds `size`
   * states); returns the new size. `dotStart`: a `.` or `..` segment starts here.
   */
  enter(state, into, size, dotStart) {
    const { kinds, seen, stack, generation } = this;
    stack.push(state);
    while (stack.length > 0) {
      const s = stack.pop();
      if (seen[s] === generation) continue;
      seen[s] = generation;
      const kind = kinds[s];
      if (kind === Kind.LeadingStar && dotStart) continue;
      into[size] = s;
      size += 1;
      if (kind === Kind.Split) {
        for (const target of this.splits[s]) stack.push(target);
      } else if (kind === Kind.Star || kind === Kind.LeadingStar || kind === Kind.FolderStart || kind === Kind.Anything) {
        stack.push(this.next[s]);
      }
    }
    return size;
  }
  nextGeneration() {
    if (this.generation >= 1073741823) {
      this.seen.fill(0);
      this.generation = 0;
    }
    this.generation += 1;
  }
  /** Every state the path can lead to, one character (code point) at a time. */
  accepts(path) {
    if (path === "") return false;
    const { kinds, next, codes, tests, splits } = this;
    let current = this.current;
    let following = this.following;
    this.nextGeneration();
    let inDotSegment = dotSegmentAt(path, 0);
    let size = this.enter(this.start, current, 0, inDotSegment);
    for (let at = 0; at < path.length && size > 0; ) {
      const code = path.codePointAt(at);
      at += code > 65535 ? 2 : 1;
      const slash = code === SLASH;
      const dot = inDotSegment && !slash;
      if (slash) inDotSegment = dotSegmentAt(path, at);
      const dotStart = slash && inDotSegment;
      this.nextGeneration();
      let nextSize = 0;
      for (let i = 0; i < size; i += 1) {
        const s = current[i];
        let target = -1;
        switch (kinds[s]) {
          case Kind.Char:
            if (codes[s] === code) target = next[s];
            break;
          case Kind.Any:
            if (!slash) target = next[s];
            break;
          case Kind.Class:
            if (tests[s](code)) target = next[s];
            break;
          case Kind.Star:
          case Kind.LeadingStar:
            if (!slash) target = s;
            break;
          case Kind.FolderStart:
            if (!dot) target = slash ? s : splits[s][0];
            break;
          case Kind.FolderMiddle:
            if (!dot) target = slash ? next[s] : s;
            break;
          case Kind.Anything:
            if (!dot) target = s;
            break;
          default:
        }
        if (target >= 0) nextSize = this.enter(target, following, nextSize, dotStart);
      }
      [current, following] = [following, current];
      size = nextSize;
    }
    for (let i = 0; i < size; i += 1) if (current[i] === this.match) return true;
    return false;
  }
};
function compileGlob(glob) {
  const chars = Array.from(glob);
  if (chars.length > GLOB_LIMITS.length) {
    throw new GlobSyntaxError(
      `it has ${chars.length} characters; a glob may have at most ${GLOB_LIMITS.length}`
    );
  }
  const negated = chars[0] === "!" && chars[1] !== "(";
  if (negated && chars.length === 1) {
    throw new GlobSyntaxError(
      "! alone matches every path; a leading ! matches what the glob after it does not"
    );
  }
  const parts = new Parser(negated ? chars.slice(1) : chars, negated ? 1 : 0).sequence(false, true);
  const automaton = new Automaton(parts);
  const runs = [""];
  for (const part of parts) {
    if (part.kind === "char") runs[runs.length - 1] += part.char;
    else runs.push("");
  }
  const prefix = runs[0];
  const suffix = runs.length > 1 ? runs.at(-1) : "";
  const inner = runs.slice(1, -1).reduce((longest, run) => run.length > longest.length ? run : longest, "");
  const matches = (path) => path.length >= prefix.length + suffix.length && path.startsWith(prefix) && path.endsWith(suffix) && path.includes(inner) && automaton.accepts(path);
  return negated ? (path) => !matches(path) : matches;
}
function quoted(glob) {
  const text = JSON.stringify(glob);
  return text.length > 80 ? `${text.slice(0, 76)}\u2026"` : text;
}
function globProblem(glob) {
  if (glob.trim() === "") return "an empty glob matches nothing";
  if (glob.startsWith("/") || glob.startsWith("./")) {
    return `${quoted(glob)} cannot match: paths are repository-relative, like app/cache.py; drop the leading ${glob.startsWith("/") ? "/" : "./"}`;
  }
  try {
    compileGlob(glob);
  } catch (error) {
    if (!(error instanceof GlobSyntaxError)) throw error;
    return `${quoted(glob)} is not a valid glob: ${error.message}`;
  }
  return void 0;
}
function globMatcher(globs) {
  if (globs.length === 0) return () => false;
  const matchers = globs.map(compileGlob);
  const answers = /* @__PURE__ */ new Map();
  return (path) => {
    let answer = answers.get(path);
    if (answer === void 0) {
      answer = matchers.some((matches) => matches(path));
      answers.set(path, answer);
    }
    return answer;
  };
}

// src/budgets/evaluate.ts
var FAIL_ON_VALUES = ["fail", "warn", "never"];
function excess(limit, value) {
  const growth = value.head - value.base;
  switch (limit.kind) {
    case "ceiling":
      return value.head - limit.amount;
    case "growth":
      return growth - limit.amount;
    case "relative":
    case "floor": {
      const change = limit.kind === "relative" ? growth : -growth;
      if (value.base === 0) return change > 0 ? Infinity : -Infinity;
      return (change * 100 - limit.percent * Math.abs(value.base)) / Math.abs(value.base);
    }
  }
}
function isOver(limit, value) {
  if ((limit.kind === "relative" || limit.kind === "floor") && value.base !== 0) {
    const change = limit.kind === "relative" ? value.head - value.base : value.base - value.head;
    return change * 100 > limit.percent * Math.abs(value.base);
  }
  return excess(limit, value) > 0;
}
function formatCount(count, signed) {
  const text = groupDigits(count);
  return signed && count > 0 ? `+${text}` : text;
}
function describe(metric, limit, value) {
  switch (limit.kind) {
    case "ceiling":
      return metric === "count" ? formatCount(value.head, false) : formatBytes(value.head);
    case "growth": {
      const growth = value.head - value.base;
      return metric === "count" ? formatCount(growth, true) : formatBytesDelta(growth);
    }
    case "relative":
    case "floor":
      return formatPercent(percentChange(value.base, value.head));
  }
}
function formatGrowth(metric, growth) {
  return `${metric === "count" ? formatCount(growth, true) : formatBytesDelta(growth)} per call`;
}
function leakNote(metric, growth, scenario) {
  const kept = scenario.leak?.head;
  if (metric !== "count" && kept !== void 0 && kept !== null && kept > 0)
    return `leak: ${formatBytes(kept)} kept per call`;
  return `rises ${formatGrowth(metric, growth)} over the repeats`;
}
function variation(measure) {
  const found = {};
  if (measure.noisy) found.noisy = true;
  if (measure.baseRange) found.baseRange = measure.baseRange;
  if (measure.headRange) found.headRange = measure.headRange;
  if (measure.headGrowth !== void 0) found.headGrowth = measure.headGrowth;
  return found;
}
function leakFromRepeats(scenario) {
  const retained = scenario.retained;
  if (retained.baseGrowth === void 0 && retained.headGrowth === void 0) return void 0;
  const noisy = (growth, range) => growth === void 0 && range !== void 0;
  if (noisy(retained.headGrowth, retained.headRange)) {
    return {
      reason: "leak per call is not measured for this scenario: head's repeats are noisy",
      unmeasured: true
    };
  }
  return [
    {
      base: retained.baseGrowth ?? 0,
      head: retained.headGrowth ?? 0,
      ...noisy(retained.baseGrowth, retained.baseRange) ? { baseNoisy: true } : {},
      source: "retained memory's growth over the repeats: no leak check ran"
    }
  ];
}
function siteName(site) {
  return `${site.file}:${site.line ?? site.baseLine ?? "?"}`;
}
function observations(metric, scenario) {
  if (scenario.status === "failed") {
    return {
      reason: scenario.baseError ? "the base and head benchmarks failed" : `the ${scenario.error?.side ?? ""} benchmark failed`
    };
  }
  if (scenario.status === "removed") return { reason: "the scenario is gone on head" };
  if (metric === "site") {
    return scenario.sites.filter((site) => site.line !== null && !site.silent).map((site) => ({
      base: site.baseSize,
      head: site.headSize,
      site: siteName(site),
      ...variation(site)
    }));
  }
  const measure = metric === "peak" ? scenario.peak : metric === "retained" ? scenario.retained : metric === "count" ? scenario.retainedCount : scenario.leak;
  if (measure === void 0) {
    const fromRepeats = leakFromRepeats(scenario);
    if (fromRepeats) return fromRepeats;
    return { reason: "leak per call is not measured for this scenario", unmeasured: true };
  }
  if (measure.head === null) return { reason: "no head measurement" };
  return [{ base: measure.base ?? 0, head: measure.head, ...variation(measure) }];
}
function nearestEnds(limit, value) {
  const [baseLow, baseHigh] = value.baseRange ?? [value.base, value.base];
  const [headLow, headHigh] = value.headRange ?? [value.head, value.head];
  return limit.kind === "floor" ? { base: baseLow, head: headHigh } : { base: baseHigh, head: headLow };
}
function judge(limit, value) {
  if (!isOver(limit, value)) return "within";
  const varies = value.baseRange !== void 0 || value.headRange !== void 0;
  if (!varies) {
    const unsure = value.noisy || value.baseNoisy && limit.kind !== "ceiling";
    return unsure ? "overlap" : "over";
  }
  return isOver(limit, nearestEnds(limit, value)) ? "over" : "overlap";
}
function worstOf(limit, values) {
  let worst = values[0];
  for (const value of values) if (excess(limit, value) > excess(limit, worst)) worst = value;
  return worst;
}
function evaluateLimit(rule, limit, scenario) {
  const common = {
    rule: rule.source,
    metric: rule.metric,
    scenario: scenario.name,
    limit: limit.text,
    level: rule.level
  };
  const values = observations(rule.metric, scenario);
  if (!Array.isArray(values)) {
    return {
      result: { ...common, actual: "\u2014", status: "skip", reason: values.reason },
      unmeasured: values.unmeasured === true
    };
  }
  if (scenario.status === "new" && limit.kind !== "ceiling") {
    const reason = "new scenario: no base to grow from";
    return { result: { ...common, actual: "\u2014", status: "skip", reason }, unmeasured: false };
  }
  if (values.length === 0) {
    return { result: { ...common, actual: "no changed site", status: "pass" }, unmeasured: false };
  }
  const judged = values.map((value) => ({ value, outcome: judge(limit, value) }));
  const real = judged.filter((entry) => entry.outcome === "over").map((entry) => entry.value);
  const over = judged.filter((entry) => entry.outcome !== "within").map((entry) => entry.value);
  const worst = worstOf(limit, real.length > 0 ? real : over.length > 0 ? over : values);
  const outcome = judge(limit, worst);
  const result = {
    ...common,
    actual: describe(rule.metric, limit, worst),
    status: outcome === "within" ? "pass" : outcome === "overlap" || rule.level === "warn" ? "warn" : "fail"
  };
  if (worst.site !== void 0) result.site = worst.site;
  if (worst.headGrowth !== void 0)
    result.leak = leakNote(rule.metric, worst.headGrowth, scenario);
  const reasons = [];
  if (worst.source !== void 0 && outcome !== "within") reasons.push(`from ${worst.source}`);
  if (outcome === "overlap") {
    result.noisy = true;
    reasons.push(
      worst.noisy ? "the measurement is noisy: reported, not failed" : worst.baseNoisy ? "base's repeats are noisy: reported, not failed" : "base's and head's repeats overlap: reported, not failed"
    );
  } else if (outcome === "over" && (worst.baseRange || worst.headRange)) {
    const nearest = describe(rule.metric, limit, nearestEnds(limit, worst));
    reasons.push(
      limit.kind === "ceiling" ? `every head repeat is over the limit: ${nearest} at the lowest` : `base's and head's repeats do not overlap: ${nearest} at the nearest`
    );
  }
  if (reasons.length > 0) result.reason = reasons.join("; ");
  return { result, unmeasured: false };
}
function rulesFor(name, policy, matchers) {
  let rules = policy.rules;
  for (const override of policy.overrides) {
    if (!matchers.get(override)(name)) continue;
    rules = [...rules.filter((rule) => !override.metrics.includes(rule.metric)), ...override.rules];
  }
  return rules;
}
function listNames(names) {
  const shown = names.slice(0, 5).map((name) => `"${name}"`);
  return names.length > 5 ? `${shown.join(", ")} and ${names.length - 5} more` : shown.join(", ");
}
function checkBudgets(comparison, policy) {
  const fullPolicy = Array.isArray(policy) ? { rules: [...policy], overrides: [] } : policy;
  const matchers = new Map(
    fullPolicy.overrides.map((override) => [override, globMatcher([override.scenarios])])
  );
  const results = [];
  const evaluated = /* @__PURE__ */ new Set();
  const unmeasured = /* @__PURE__ */ new Map();
  for (const scenario of comparison.scenarios) {
    for (const rule of rulesFor(scenario.name, fullPolicy, matchers)) {
      for (const limit of rule.limits) {
        const outcome = evaluateLimit(rule, limit, scenario);
        results.push(outcome.result);
        if (outcome.result.status !== "skip") evaluated.add(rule);
        if (outcome.unmeasured && !unmeasured.has(rule)) {
          unmeasured.set(rule, outcome.result.reason ?? "");
        }
      }
    }
  }
  const warnings = [];
  const names = comparison.scenarios.map((scenario) => scenario.name);
  for (const override of fullPolicy.overrides) {
    if (names.some((name) => matchers.get(override)(name))) continue;
    const rules = override.rules.map((rule) => `"${rule.source}"`).join(", ") || "none";
    warnings.push(
      `${override.origin} matches no scenario (scenarios: ${listNames(names)}); its budgets were not checked: ${rules}`
    );
  }
  for (const [rule, reason] of unmeasured) {
    if (!evaluated.has(rule)) warnings.push(`budget "${rule.source}" was not checked: ${reason}`);
  }
  return { results, warnings };
}
function decideVerdict(comparison, budgets, warnings = []) {
  const failures = comparison.scenarios.filter((s) => s.status === "failed");
  if (budgets.some((b) => b.status === "fail")) return "fail";
  if (failures.some((s) => s.error?.side === "head")) return "fail";
  if (budgets.some((b) => b.status === "warn")) return "warn";
  if (failures.length > 0 || warnings.length > 0) return "warn";
  return "pass";
}
function failsRun(verdict, failOn) {
  if (failOn === "never") return false;
  return verdict === "fail" || verdict === "warn" && failOn === "warn";
}

// src/publish/comment-policy.ts
var COMMENT_POLICIES = ["always", "on-change", "on-regression", "never"];
function isRegression(report) {
  if (report.verdict !== "pass") return true;
  return report.scenarios.some(
    (s) => s.status === "failed" || s.status === "ok" && ((s.peak.delta ?? 0) > 0 || (s.retained.delta ?? 0) > 0 || (s.retainedCount.delta ?? 0) > 0 || (s.leak?.delta ?? 0) > 0)
  );
}
function commentDecision(policy, report) {
  switch (policy) {
    case "always":
      return "post";
    case "never":
      return "skip";
    case "on-change":
      return isNoChange(report) ? "update" : "post";
    case "on-regression":
      return isRegression(report) ? "post" : "update";
  }
}

// node_modules/smol-toml/dist/error.js
function getLineColFromPtr(string, ptr) {
  let lines = string.slice(0, ptr).split(/\r?\n/);
  return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string, line, column) {
  let lines = string.split(/\r?\n/);
  let codeblock = "";
  let numberLen = (Math.log10(line + 1) | 0) + 1;
  for (let i = line - 1; i <= line + 1; i++) {
    let l = lines[i - 1];
    if (!l)
      continue;
    codeblock += i.toString().padEnd(numberLen, " ");
    codeblock += ":  ";
    codeblock += l;
    codeblock += "\n";
    if (i === line) {
      codeblock += " ".repeat(numberLen + column + 2);
      codeblock += "^\n";
    }
  }
  return codeblock;
}
var TomlError = class _TomlError extends Error {
  line;
  column;
  codeblock;
  constructor(message, options) {
    const [line, column] = getLineColFromPtr(options.toml, options.ptr);
    const codeblock = makeCodeBlock(options.toml, line, column);
    super(`Invalid TOML document: ${message}

${codeblock}`, options);
    this.line = line;
    this.column = column;
    this.codeblock = codeblock;
  }
  /** @internal */
  static x(message, ctx, ptr) {
    throw new _TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
  }
};

// node_modules/smol-toml/dist/primitive.js
function parseString(ctx) {
  let startPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p++);
  let first = c;
  let isLiteral = c === 39;
  let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
  if (isMultiline) {
    if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 10)
      ctx.p++;
    else if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)
      ctx.p += 2;
  }
  let parsed = "";
  let sliceStart = ctx.p;
  let state = 0;
  for (; ctx.p < ctx.s.length; ctx.p++) {
    c = ctx.s.charCodeAt(ctx.p);
    if (isMultiline && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)) {
      state = state && 3;
    } else if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in strings", ctx);
    } else if ((!state || state === 3) && c === first && (!isMultiline || ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first)) {
      if (isMultiline) {
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
      }
      if (!state) {
        let s = ctx.s.slice(sliceStart, ctx.p);
        parsed = parsed ? parsed + s : s;
      }
      ctx.p += isMultiline ? 3 : 1;
      return parsed;
    } else if (!state) {
      if (!isLiteral && c === 92) {
        parsed += ctx.s.slice(sliceStart, sliceStart = ctx.p);
        state = 1;
      }
    } else if (state === 1) {
      if (c === 120 || c === 117 || c === 85) {
        let errPtr = ctx.p++ - 1;
        let value = 0;
        let len = c === 120 ? 2 : c === 117 ? 4 : 8;
        for (let j = 0; j < len; j++, ctx.p++) {
          let hex = ctx.s.charCodeAt(ctx.p);
          let digit = (
            /* 0-9 */
            hex >= 48 && hex <= 57 ? hex - 48 : (
              /* A-F */
              hex >= 65 && hex <= 70 ? hex - 65 + 10 : (
                /* a-f */
                hex >= 97 && hex <= 102 ? hex - 97 + 10 : -1
              )
            )
          );
          if (digit < 0)
            TomlError.x("invalid non-hex character in unicode escape", ctx);
          value = value << 4 | digit;
        }
        if (value < 0 || value > 1114111 || value >= 55296 && value <= 57343) {
          TomlError.x("invalid unicode escape", ctx, errPtr);
        }
        parsed += String.fromCodePoint(value);
        sliceStart = ctx.p--;
        state = 0;
      } else if (isMultiline && (c === 32 || c === 9)) {
        state = 2;
      } else {
        if (c === 98)
          parsed += "\b";
        else if (c === 116)
          parsed += "	";
        else if (c === 110)
          parsed += "\n";
        else if (c === 102)
          parsed += "\f";
        else if (c === 114)
          parsed += "\r";
        else if (c === 101)
          parsed += "\x1B";
        else if (c === 34)
          parsed += '"';
        else if (c === 92)
          parsed += "\\";
        else
          TomlError.x("unrecognised escape sequence", ctx);
        sliceStart = ctx.p + 1;
        state = 0;
      }
    } else if (c !== 32 && c !== 9) {
      if (state === 2)
        TomlError.x("invalid escape: only line-ending whitespace may be escaped", ctx, sliceStart);
      state = !isLiteral && c === 92 ? 1 : 0;
      sliceStart = ctx.p;
    }
  }
  TomlError.x("unfinished string", ctx, startPtr);
}

// node_modules/smol-toml/dist/date.js
var DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
var TomlDate = class _TomlDate extends Date {
  #hasDate = false;
  #hasTime = false;
  #offset = null;
  constructor(date, fasttype, unsafeDelim) {
    let hasDate = true;
    let hasTime = true;
    let offset = "Z";
    let c;
    if (typeof date === "string") {
      if (fasttype)
        prep: {
          if (fasttype < 3) {
            if (+date.slice(11, 13) > 23) {
              date = "";
              break prep;
            }
            if (fasttype === 2) {
              offset = null;
              date += "Z";
            } else if ((c = date.charCodeAt(date.length - 1)) !== 90 && c !== 122) {
              offset = date.slice(date.length - 6);
            }
            if (unsafeDelim)
              date = date.slice(0, 10) + "T" + date.slice(11);
          } else if (fasttype === 4) {
            date = +date.slice(0, 2) > 23 ? "" : `0000-01-01T${date}Z`;
          }
          hasDate = fasttype !== 4;
          hasTime = fasttype !== 3;
        }
      else {
        let match = date.match(DATE_TIME_RE);
        if (match) {
          if (!match[1]) {
            hasDate = false;
            date = `0000-01-01T${date}`;
          }
          hasTime = !!match[2];
          hasTime && date[10] === " " && (date = date.replace(" ", "T"));
          if (match[2] && +match[2] > 23) {
            date = "";
          } else {
            offset = match[3] || null;
            if (!offset && hasTime)
              date += "Z";
          }
        } else {
          date = "";
        }
      }
    }
    super(date);
    if (!isNaN(this.getTime())) {
      this.#hasDate = hasDate;
      this.#hasTime = hasTime;
      this.#offset = offset;
    }
  }
  isDateTime() {
    return this.#hasDate && this.#hasTime;
  }
  isLocal() {
    return !this.#hasDate || !this.#hasTime || !this.#offset;
  }
  isDate() {
    return this.#hasDate && !this.#hasTime;
  }
  isTime() {
    return this.#hasTime && !this.#hasDate;
  }
  isValid() {
    return this.#hasDate || this.#hasTime;
  }
  toISOString() {
    let iso = super.toISOString();
    if (this.isDate())
      return iso.slice(0, 10);
    if (this.isTime())
      return iso.slice(11, 23);
    if (this.#offset === null)
      return iso.slice(0, -1);
    if (this.#offset === "Z" || this.#offset === "z")
      return iso;
    let offset = +this.#offset.slice(1, 3) * 60 + +this.#offset.slice(4, 6);
    offset = this.#offset[0] === "-" ? offset : -offset;
    let offsetDate = new Date(this.getTime() - offset * 6e4);
    return offsetDate.toISOString().slice(0, -1) + this.#offset;
  }
  static wrapAsOffsetDateTime(jsDate, offset = "Z") {
    let date = new _TomlDate(jsDate);
    date.#offset = offset;
    return date;
  }
  static wrapAsLocalDateTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#offset = null;
    return date;
  }
  static wrapAsLocalDate(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasTime = false;
    date.#offset = null;
    return date;
  }
  static wrapAsLocalTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasDate = false;
    date.#offset = null;
    return date;
  }
};

// node_modules/smol-toml/dist/extract.js
function isDigit(char, base = 10) {
  return base === 16 ? char > 47 && char < 58 || char > 64 && char < 71 || char > 96 && char < 103 : char > 47 && char < 48 + base;
}
function isEndOfValue(char, delim) {
  return char === 32 || char === 9 || char === 10 || char === 13 || // Structure end or next value delimiter
  delim && (char === delim || char === 44) || // Comment
  char === 35;
}
function extractValue(ctx, end) {
  let errPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p);
  if (c === 91 || c === 123) {
    ctx.d-- || TomlError.x("document contains excessively nested structures. aborting.", ctx);
    let value = c === 91 ? parseArray(ctx) : parseInlineTable(ctx);
    ctx.d++;
    return value;
  }
  if (c === 34 || c === 39) {
    return parseString(ctx);
  }
  if (c === 116) {
    if (ctx.s.charCodeAt(++ctx.p) !== 114 || ctx.s.charCodeAt(++ctx.p) !== 117 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, true;
  }
  if (c === 102) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 108 || ctx.s.charCodeAt(++ctx.p) !== 115 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, false;
  }
  if (c === 43 || c === 45) {
    return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 44 - c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 4) === 45 && ctx.s.charCodeAt(ctx.p + 7) === 45) {
    return parseDate(ctx, c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 2) === 58) {
    return parseTime(ctx, c, end);
  }
  return parseNumber(ctx, ctx.p, c, 0, end);
}
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
  let c = startChr;
  let state = 0;
  let hasUnderscores = false;
  if (c === 105) {
    if (ctx.s.charCodeAt(++ctx.p) !== 110 || ctx.s.charCodeAt(++ctx.p) !== 102)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, (sign || 1) / 0;
  }
  if (c === 110) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 110)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, NaN;
  }
  if (c === 48) {
    if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
      return ctx.bi === true ? 0n : 0;
    if (!sign) {
      if (c === 120)
        return parseIntegerBaseN(ctx, startPtr, 16, endChr);
      else if (c === 98)
        return parseIntegerBaseN(ctx, startPtr, 2, endChr);
      else if (c === 111)
        return parseIntegerBaseN(ctx, startPtr, 8, endChr);
    }
    if (c === 46)
      state = 2;
    else if (c === 101 || c === 69)
      state = 4;
    else
      TomlError.x("illegal leading zero", ctx, startPtr);
  } else if (!isDigit(c))
    TomlError.x("invalid value", ctx, startPtr);
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (!state)
      state = 1;
    if (c === 95) {
      if (!(state & 1))
        TomlError.x("illegal underscore", ctx);
      state += 11;
      hasUnderscores = true;
    } else if (state === 1 && c === 46)
      state = 2;
    else if ((state === 1 || state === 3) && (c === 101 || c === 69))
      state = 4;
    else if (state === 4 && (c === 43 || c === 45)) {
      state = 6;
    } else if (!isDigit(c))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (state > 9)
      state -= 11;
    else if (!(state & 1))
      state++;
  }
  if (!state) {
    let val = (startChr - 48) * (sign || 1);
    return ctx.bi === true ? BigInt(val) : val;
  }
  if (!(state & 1))
    TomlError.x("unfinished numeric value", ctx, startPtr);
  let str = ctx.s.slice(startPtr, ctx.p);
  if (hasUnderscores)
    str = str.replaceAll("_", "");
  return state > 1 ? parseFloat(str) : parseInteger(ctx, str, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
  let c, underscore = 1;
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (c === 95) {
      if (underscore & 1)
        TomlError.x("illegal underscore", ctx);
      underscore = 3;
    } else if (!isDigit(c, base))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (underscore & 1)
      underscore--;
  }
  if (underscore & 1)
    TomlError.x("unfinished numeric value", ctx);
  let str = ctx.s.slice(startPtr + 2, ctx.p);
  if (underscore)
    str = str.replaceAll("_", "");
  return parseInteger(ctx, str, base, startPtr);
}
function parseInteger(ctx, str, base, startPtr) {
  if (ctx.bi !== true)
    int: {
      let val = parseInt(str, base);
      if (!Number.isSafeInteger(val)) {
        if (ctx.bi)
          break int;
        TomlError.x("integer value cannot be represented losslessly", ctx, startPtr);
      }
      return val;
    }
  return base === 10 ? BigInt(str) : BigInt((base === 2 ? "0b" : base === 8 ? "0o" : "0x") + str);
}
function parseDate(ctx, c, endChr) {
  let startPtr = ctx.p++, unsafeSeparator;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++))) {
    return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
  }
  ctx.p += 5;
  if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
    TomlError.x("invalid date-time: date part is malformed", ctx, startPtr);
  if (ctx.p >= ctx.s.length || ((c = ctx.s.charCodeAt(ctx.p)) !== 32 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 84 && c !== 116) {
    let t2 = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t2, 3, false, startPtr);
  }
  if (ctx.s.charCodeAt(ctx.p += 3) !== 58)
    TomlError.x("invalid date-time: time part is malformed", ctx, startPtr);
  if (ctx.s.charCodeAt(ctx.p += 3) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  if (c = ctx.s.charCodeAt(ctx.p)) {
    if (c === 90 || c === 122) {
      let t2 = ctx.s.slice(startPtr, ++ctx.p);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, "[+00:00]");
    }
    if (c === 43 || c === 45) {
      let t2 = ctx.s.slice(startPtr, ctx.p += 6);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, !ctx.ld && "[" + ctx.s.slice(ctx.p - 6, ctx.p) + "]");
    }
  }
  let t = ctx.s.slice(startPtr, ctx.p);
  return readDate(ctx, t, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
  let start = ctx.p;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
    return parseNumber(ctx, --ctx.p, c, 0, endChr);
  }
  if (ctx.s.charCodeAt(ctx.p += 4) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  let t = ctx.s.slice(start, ctx.p);
  return readDate(ctx, t, 4, false, start);
}
function readDate(ctx, str, type, unsafeDelim, errPtr, temporalSuffix) {
  if (ctx.ld) {
    let date = new TomlDate(str, type, unsafeDelim);
    if (!date.isValid())
      TomlError.x("invalid date", ctx, errPtr);
    return date;
  }
  try {
    if (temporalSuffix)
      str += temporalSuffix;
    switch (type) {
      case 1:
        return Temporal.ZonedDateTime.from(str);
      case 2:
        return Temporal.PlainDateTime.from(str);
      case 3:
        return Temporal.PlainDate.from(str);
      case 4:
        return Temporal.PlainTime.from(str);
    }
  } catch (e) {
    TomlError.x(e instanceof Error ? e.message : "" + e, ctx, errPtr);
  }
}

// node_modules/smol-toml/dist/util.js
function skipComment(ctx) {
  for (; ctx.p < ctx.s.length; ctx.p++) {
    let c = ctx.s.charCodeAt(ctx.p);
    if (c === 10)
      break;
    if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10) {
      ctx.p++;
      break;
    }
    if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in comments", ctx);
    }
  }
}
function skipVoid(ctx, banNewLines, banComments) {
  let c;
  while (ctx.p < ctx.s.length) {
    while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 32 || c === 9 || !banNewLines && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)))
      ctx.p++;
    if (banComments || c !== 35)
      break;
    skipComment(ctx);
  }
}

// node_modules/smol-toml/dist/struct.js
function parseKey(ctx, end = 61) {
  let startPtr;
  let state = 0;
  let parsed = [];
  let sliceStart;
  let c = ctx.s.charCodeAt(startPtr = ctx.p);
  do {
    if (c === end) {
      if (!state)
        TomlError.x("unexpected end of key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      return ctx.p++, parsed;
    } else if (c === 46) {
      if (!state)
        TomlError.x("illegal empty bare key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      state = 0;
    } else if (!state && (c === 34 || c === 39)) {
      if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
        TomlError.x("illegal quoted key: multiline strings are not allowed", ctx);
      parsed.push(parseString(ctx));
      state = 2;
      ctx.p--;
    } else if (c === 32 || c === 9) {
      if (state === 1) {
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
        state = 2;
      }
    } else if (state === 2 || c < 48 && c !== 45 || c > 57 && c < 65 || c > 90 && c < 97 && c !== 95 || c > 122) {
      TomlError.x("illegal character in key", ctx);
    } else if (!state) {
      state = 1;
      sliceStart = ctx.p;
    }
  } while (c = ctx.s.charCodeAt(++ctx.p));
  TomlError.x("incomplete key-value: cannot find end of key", ctx, startPtr);
}
function parseInlineTable(ctx) {
  let startPtr = ctx.p++;
  let res = /* @__PURE__ */ Object.create(null);
  let seen = /* @__PURE__ */ new Set();
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 125) {
      ctx.p++;
      return res;
    }
    let k;
    let t = res;
    let hasOwn = false;
    let errPtr = ctx.p;
    let key = parseKey(ctx);
    for (let i = 0; i < key.length; i++) {
      if (i)
        t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      k = key[i];
      if ((hasOwn = Object.hasOwn(t, k)) && (typeof t[k] !== "object" || seen.has(t[k]))) {
        TomlError.x("trying to redefine an already defined value", ctx, errPtr);
      }
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor")) {
        t = ctx.uk !== 1 && TomlError.x("document contains an unsafe property", ctx, errPtr);
        break;
      }
      if (!hasOwn && unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
      }
    }
    if (hasOwn) {
      TomlError.x("trying to redefine an already defined value", ctx, errPtr);
    }
    skipVoid(ctx, true, true);
    let value = extractValue(
      ctx,
      125
      /* } */
    );
    if (t && typeof (t[k] = value) === "object")
      seen.add(value);
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 125) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished table", ctx, startPtr);
}
function parseArray(ctx) {
  let startPtr = ctx.p++;
  let res = [];
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 93) {
      ctx.p++;
      return res;
    }
    res.push(extractValue(
      ctx,
      93
      /* ] */
    ));
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 93) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished array", ctx, startPtr);
}

// node_modules/smol-toml/dist/parse.js
function peekTable(ctx, key, table, meta, type) {
  let t = table;
  let m = meta;
  let k;
  let hasOwn = false;
  let state;
  for (let i = 0; i < key.length; i++) {
    if (i) {
      t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      m = (state = m[k]).c;
      if (type === 0 && (state.t === 1 || state.t === 2)) {
        return null;
      }
      if (state.t === 2) {
        let l = t.length - 1;
        t = t[l];
        m = m[l].c;
      }
    }
    k = key[i];
    if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 && m[k]?.d) {
      return null;
    }
    if (!hasOwn) {
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor"))
        return false;
      if (unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
        Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
      }
      m[k] = {
        t: i < key.length - 1 && type === 2 ? 3 : type,
        d: false,
        i: 0,
        c: /* @__PURE__ */ Object.create(null)
      };
    }
  }
  state = m[k];
  if (state.t !== type && !(type === 1 && state.t === 3)) {
    return null;
  }
  if (type === 2) {
    if (!state.d) {
      state.d = true;
      t[k] = [];
    }
    t[k].push(t = /* @__PURE__ */ Object.create(null));
    state.c[state.i++] = state = { t: 1, d: false, i: 0, c: /* @__PURE__ */ Object.create(null) };
  }
  if (state.d) {
    return null;
  }
  state.d = true;
  if (type === 1) {
    t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
  } else if (type === 0 && hasOwn) {
    return null;
  }
  return [k, t, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
  if (peek === null || ctx.uk === 2)
    TomlError.x(peek === null ? "trying to redefine an already defined table or value" : "document contains an unsafe property", ctx, ptr);
}
function parse(toml, options = {}) {
  let ctx = {
    s: toml,
    p: 0,
    d: options.maxDepth ?? 1e3,
    bi: options.integersAsBigInt ?? false,
    ld: options.useLegacyDate ?? true,
    uk: options.unsafeKeyBehaviour === "throw" ? 2 : options.unsafeKeyBehaviour === "drop" ? 1 : 0
  };
  let res = /* @__PURE__ */ Object.create(null);
  let meta = /* @__PURE__ */ Object.create(null);
  let tmp;
  let skipping = false;
  let tbl = res;
  let m = meta;
  if (toml.charCodeAt(0) === 65279)
    ctx.p++;
  skipVoid(ctx);
  while (ctx.p < toml.length) {
    if (toml.charCodeAt(ctx.p) === 91) {
      let isTableArray = toml.charCodeAt(++ctx.p) === 91;
      tmp = ctx.p += +isTableArray;
      skipping = false;
      let k = parseKey(
        ctx,
        93
        /* ] */
      );
      if (isTableArray) {
        if (toml.charCodeAt(ctx.p) !== 93) {
          TomlError.x("expected end of table array declaration", ctx);
        }
        ctx.p++;
      }
      let p = peekTable(
        ctx,
        k,
        res,
        meta,
        isTableArray ? 2 : 1
        /* Type.EXPLICIT */
      );
      if (!p) {
        validateTablePeek(ctx, p, tmp);
        skipping = true;
      } else {
        m = p[2];
        tbl = p[1];
      }
    } else {
      tmp = ctx.p;
      let k = parseKey(ctx);
      let p = peekTable(
        ctx,
        k,
        tbl,
        m,
        0
        /* Type.DOTTED */
      );
      if (!p && !skipping)
        validateTablePeek(ctx, p, tmp);
      skipVoid(ctx, true, true);
      let v = extractValue(ctx, void 0);
      if (p && !skipping)
        p[1][p[0]] = v;
    }
    skipVoid(ctx, true);
    if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 10 && (tmp !== 13 || toml.charCodeAt(ctx.p + 1) !== 10)) {
      TomlError.x("each key-value declaration must be followed by an end-of-line", ctx);
    }
    skipVoid(ctx);
  }
  return res;
}

// node_modules/smol-toml/dist/stringify.js
var HAS_WELLFORMED = !!"".isWellFormed;

// src/sides/contained.ts
import { realpath } from "node:fs/promises";
import { isAbsolute, join, relative } from "node:path";
function inside(folder, path) {
  const rest = relative(folder, path);
  return rest === "" || !rest.startsWith("..") && !isAbsolute(rest);
}
async function refuseScriptOutside(script, checkouts) {
  for (const [side, dir] of Object.entries(checkouts)) {
    let target;
    try {
      target = await realpath(join(dir, script));
    } catch {
      continue;
    }
    if (!inside(await realpath(dir), target)) {
      throw new UsageError(
        `script "${script}" in the ${side} commit leads, through a symbolic link, outside the repository; the benchmark must be a file of the repository`
      );
    }
  }
}

export {
  TomlError,
  parse,
  inside,
  refuseScriptOutside,
  globProblem,
  globMatcher,
  FAIL_ON_VALUES,
  checkBudgets,
  decideVerdict,
  failsRun,
  COMMENT_POLICIES,
  commentDecision
};
/*! For license information please see chunk-UHTRYDBA.js.LEGAL.txt */

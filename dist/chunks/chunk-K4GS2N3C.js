import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  liesBeyond,
  noiseRanges,
  runnerSite
} from "./chunk-YHTJ2NQ3.js";
import {
  FACTOR_FROM_PERCENT,
  formatAmount,
  formatBytes,
  formatChange,
  formatPercent,
  percentChange
} from "./chunk-I74BVKXL.js";
import {
  unitOf
} from "./chunk-REFG7THN.js";
import {
  MEASURES,
  measureOf,
  parseSize,
  sizeUnitsOf
} from "./chunk-NBJJRWMZ.js";
import {
  siteListOf
} from "./chunk-ZAFJCKPJ.js";

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
var HELD_SITES = 10;
function headSitesOf(head, ignore) {
  const byName = new Map((head?.scenarios ?? []).map((s) => [s.name, s]));
  const ignored = ignore.length > 0 ? globMatcher([...ignore]) : () => false;
  return (name) => {
    const scenario = byName.get(name);
    if (!scenario || scenario.status !== "ok") return [];
    const list = siteListOf(scenario);
    const { sizes } = list;
    const rows = [];
    for (let row = 0; row < list.length; row += 1) if (sizes[row] > 0) rows.push(row);
    rows.sort((a, b) => sizes[b] - sizes[a]);
    const held = [];
    for (const row of rows) {
      if (held.length === HELD_SITES) break;
      const file = list.fileOf(row);
      if (ignored(file)) continue;
      const site = { site: `${file}:${list.lines[row]}`, size: sizes[row] };
      if (list.varies(row)) {
        const repeats = list.site(row).sizes;
        if (repeats && repeats.length > 0)
          site.range = [Math.min(...repeats), Math.max(...repeats)];
      }
      held.push(site);
    }
    return held;
  };
}
function notMeasured(what, why) {
  return {
    reason: `${what} is not measured for this scenario${why ? `: ${why}` : ""}`,
    unmeasured: why ? { what, why } : { what }
  };
}
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
function overBy(limit, value) {
  switch (limit.kind) {
    case "ceiling":
      return value.head - limit.amount;
    case "growth":
      return value.head - value.base - limit.amount;
    case "relative":
      return value.head - value.base - limit.percent * Math.abs(value.base) / 100;
    case "floor":
      return value.base - value.head - limit.percent * Math.abs(value.base) / 100;
  }
}
function isOver(limit, value) {
  if ((limit.kind === "relative" || limit.kind === "floor") && value.base !== 0) {
    const change = limit.kind === "relative" ? value.head - value.base : value.base - value.head;
    return change * 100 > limit.percent * Math.abs(value.base);
  }
  return excess(limit, value) > 0;
}
function describe(metric, limit, value) {
  switch (limit.kind) {
    case "ceiling":
    case "growth": {
      const unit = unitOf(metric);
      const figure = limit.kind === "ceiling" ? value.head : value.head - value.base;
      const format = limit.kind === "ceiling" ? formatAmount : formatChange;
      const text = format(figure, unit, sizeUnitsOf(limit.text));
      if (unit !== "bytes" || figure === limit.amount) return text;
      const rounded = parseSize(text.replace(/^[+-]/, "").replace(/,/g, ""));
      return rounded === Math.abs(limit.amount) ? `${text} (${format(figure, "count")} B)` : text;
    }
    case "relative":
    case "floor": {
      const percent = percentChange(value.base, value.head);
      const text = formatPercent(percent, limit.percent < FACTOR_FROM_PERCENT);
      if (percent === void 0 || Math.abs(percent) === limit.percent) return text;
      return Math.abs(Number(text.replace(/[ %+]/g, ""))) === limit.percent ? `${percent > 0 ? "+" : ""}${Number(percent.toPrecision(8))} %` : text;
    }
  }
}
function formatGrowth(metric, growth, units) {
  return `${formatChange(growth, unitOf(metric), units)} per call`;
}
function leakNote(metric, growth, scenario, units) {
  const kept = scenario.leak?.head;
  if (unitOf(metric) === "bytes" && kept !== void 0 && kept !== null && kept > 0)
    return `leak: ${formatBytes(kept, units)} kept per call`;
  return `rises ${formatGrowth(metric, growth, units)} over the repeats`;
}
function keptMetric(metric) {
  return metric === "site" || MEASURES[metric].kept;
}
function variation(measure) {
  const found = {};
  if (measure.noisy) found.noisy = true;
  if (measure.baseRange) found.baseRange = measure.baseRange;
  if (measure.headRange) found.headRange = measure.headRange;
  if (measure.headGrowth !== void 0) found.headGrowth = measure.headGrowth;
  if (measure.cold) found.cold = measure.cold;
  if (measure.fewRepeats) found.fewRepeats = true;
  return found;
}
function leakFromRepeats(scenario) {
  const retained = scenario.retained;
  if (retained.baseGrowth === void 0 && retained.headGrowth === void 0) return void 0;
  const noisy = (growth, range) => growth === void 0 && range !== void 0;
  if (noisy(retained.headGrowth, retained.headRange))
    return notMeasured(MEASURES.leak.words.name, "head's repeats are noisy");
  return [
    {
      base: retained.baseGrowth ?? 0,
      head: retained.headGrowth ?? 0,
      ...noisy(retained.baseGrowth, retained.baseRange) ? { baseNoisy: true } : {},
      source: "retained memory's growth over the repeats: no leak check ran"
    }
  ];
}
function estimated(estimate, scenario) {
  switch (estimate) {
    case void 0:
      return void 0;
    case "retainedGrowth":
      return leakFromRepeats(scenario);
  }
}
function siteName(site) {
  return `${site.file}:${site.line ?? site.baseLine ?? "?"}`;
}
function observations(metric, scenario, held) {
  if (scenario.status === "failed") {
    return {
      reason: scenario.baseError ? "the base and head benchmarks failed" : `the ${scenario.error?.side ?? ""} benchmark failed`
    };
  }
  if (scenario.status === "removed") return { reason: "the scenario is gone on head" };
  if (metric === "site") {
    const changed = scenario.sites.filter((site) => site.line !== null && !site.silent).map((site) => ({
      base: site.baseSize,
      head: site.headSize,
      site: siteName(site),
      ...variation(site)
    }));
    const listed = new Set(scenario.sites.map(siteName));
    const unchanged = (held?.(scenario.name) ?? []).filter((site) => !listed.has(site.site)).map((site) => ({
      base: site.size,
      head: site.size,
      site: site.site,
      held: true,
      ...site.range ? { baseRange: site.range, headRange: site.range } : {}
    }));
    const all = [...changed, ...unchanged];
    const own = all.filter((value) => !runnerSite(value.site ?? ""));
    return own.length > 0 ? own : all;
  }
  const measure = measureOf(scenario, metric);
  if (measure === void 0) {
    const spec = MEASURES[metric];
    const estimate = estimated(spec.estimate, scenario);
    if (estimate) return estimate;
    if (spec.estimate === void 0) return notMeasured(spec.words.name);
    const once = (scenario.repeats?.head ?? 0) <= 1;
    return notMeasured(
      spec.words.name,
      once ? "no leak check ran, and one measurement per side cannot show growth (only what differed in the first pass is measured again)" : "no leak check ran, and its repeats are too few to show growth"
    );
  }
  if (measure.head === null) return { reason: "no head measurement" };
  return [{ base: measure.base ?? 0, head: measure.head, ...variation(measure) }];
}
function rangesOf(value) {
  return {
    base: value.baseRange ?? [value.base, value.base],
    head: value.headRange ?? [value.head, value.head]
  };
}
function nearestEnds(limit, value) {
  const {
    base: [baseLow, baseHigh],
    head: [headLow, headHigh]
  } = rangesOf(value);
  return limit.kind === "floor" ? { base: baseLow, head: headHigh } : { base: baseHigh, head: headLow };
}
function rangesText(metric, limit, value) {
  const unit = unitOf(metric);
  const units = sizeUnitsOf(limit.text);
  const range = (low, high) => {
    const [from, to] = [formatAmount(low, unit, units), formatAmount(high, unit, units)];
    if (from === to) return from;
    const [fromFigure, fromUnit] = from.split(" ");
    return fromUnit !== void 0 && to.endsWith(` ${fromUnit}`) ? `${fromFigure}\u2013${to}` : `${from}\u2013${to}`;
  };
  const {
    base: [baseLow, baseHigh],
    head: [headLow, headHigh]
  } = rangesOf(value);
  return `head's ${range(headLow, headHigh)} against base's ${range(baseLow, baseHigh)}`;
}
function judge(limit, value) {
  const warm = judgeRanges(limit, value);
  const cold = coldObservation(value);
  return warm !== "over" && cold && judgeRanges(limit, cold) === "over" ? "over" : warm;
}
function coldObservation(value) {
  if (!value.cold) return void 0;
  const { noisy, baseRange, headRange } = value.cold;
  return {
    base: value.base,
    head: value.head,
    ...noisy ? { noisy } : {},
    ...baseRange ? { baseRange } : {},
    ...headRange ? { headRange } : {}
  };
}
function decisive(limit, value) {
  const cold = coldObservation(value);
  return cold && judgeRanges(limit, value) !== "over" && judgeRanges(limit, cold) === "over" ? { value: cold, cold: true } : { value, cold: false };
}
function judgeRanges(limit, value) {
  const varies = value.baseRange !== void 0 || value.headRange !== void 0;
  if (!isOver(limit, value)) {
    if (!varies || !isOver(limit, nearestEnds(limit, value))) return "within";
    if (limit.kind === "ceiling" || apart(limit, value)) return "over";
    return value.noisy && value.fewRepeats && liesApart(limit, value) ? "overlap" : "within";
  }
  if (!varies) {
    const unsure = value.noisy || value.baseNoisy && limit.kind !== "ceiling";
    return unsure ? "overlap" : "over";
  }
  if (limit.kind === "ceiling")
    return isOver(limit, nearestEnds(limit, value)) ? "over" : "overlap";
  if (value.noisy && !apart(limit, value)) return "overlap";
  if (isOver(limit, nearestEnds(limit, value))) return "over";
  return apart(limit, value) ? "over" : "overlap";
}
function apart(limit, value) {
  return !(value.noisy && value.fewRepeats) && liesApart(limit, value);
}
function liesApart(limit, value) {
  const { base, head } = value.noisy ? noiseRanges(value) : rangesOf(value);
  const [low, high] = limit.kind === "floor" ? [head, base] : [base, head];
  return value.noisy ? liesBeyond(low, high) : high[0] > low[1];
}
function fewText(kind) {
  const calls = kind === "function" || kind === "test";
  const values = calls ? "warm calls" : "repeats";
  return `two ${values} a side cannot tell a change from noise: \`repeats: ${calls ? 4 : 3}\` or more tell`;
}
function worstOf(limit, values) {
  let worst = values[0];
  for (const value of values) if (excess(limit, value) > excess(limit, worst)) worst = value;
  return worst;
}
function evaluateLimit(rule, limit, scenario, held) {
  const common = {
    rule: rule.source,
    metric: rule.metric,
    scenario: scenario.name,
    limit: limit.text,
    level: rule.level
  };
  const observed = observations(rule.metric, scenario, held);
  const values = Array.isArray(observed) && limit.kind !== "ceiling" ? observed.filter((value) => !value.held) : observed;
  if (!Array.isArray(values)) {
    return {
      result: {
        ...common,
        actual: "\u2014",
        status: "skip",
        reason: values.reason,
        ...values.unmeasured ? { unmeasured: values.unmeasured } : {}
      },
      unmeasured: values.unmeasured !== void 0
    };
  }
  if (scenario.status === "new" && limit.kind !== "ceiling") {
    const reason = "new scenario: no base to grow from";
    return { result: { ...common, actual: "\u2014", status: "skip", reason }, unmeasured: false };
  }
  if (values.length === 0) {
    const actual = held && limit.kind === "ceiling" ? "no site holds memory" : "no changed site";
    return { result: { ...common, actual, status: "pass" }, unmeasured: false };
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
  if (outcome !== "within") result.over = Math.max(0, Math.round(overBy(limit, worst)));
  if (worst.site !== void 0) result.site = worst.site;
  if (worst.headGrowth !== void 0 && keptMetric(rule.metric))
    result.leak = leakNote(rule.metric, worst.headGrowth, scenario, sizeUnitsOf(limit.text));
  const reasons = [];
  if (worst.source !== void 0 && outcome !== "within") reasons.push(`from ${worst.source}`);
  const decided = decisive(limit, worst);
  const repeats = scenario.kind === "test" || decided.cold ? "first (cold) calls" : "repeats";
  if (outcome === "overlap") {
    result.noisy = true;
    reasons.push(
      worst.noisy ? worst.fewRepeats ? `the measurement is noisy: reported, not failed (${fewText(scenario.kind)})` : "the measurement is noisy: reported, not failed" : worst.baseNoisy ? `base's ${repeats} are noisy: reported, not failed` : `base's and head's ${repeats} overlap: reported, not failed`
    );
  } else if (outcome === "over" && (decided.value.baseRange || decided.value.headRange)) {
    const judged2 = decided.value;
    const ends = nearestEnds(limit, judged2);
    const nearest = describe(rule.metric, limit, ends);
    const apartText = judged2.noisy ? "lie apart by more than they vary" : "do not overlap";
    const ranges = rangesText(rule.metric, limit, judged2);
    reasons.push(
      limit.kind === "ceiling" ? `every head ${repeats === "repeats" ? "repeat" : "first (cold) call"} is over the limit: ${nearest} at the lowest` : isOver(limit, ends) ? `base's and head's ${repeats} ${apartText}: ${ranges}, ${nearest} at the nearest` : `base's and head's ${repeats} ${apartText}, so the change is real: ${ranges}, ${nearest} at the nearest`
    );
  }
  if (reasons.length > 0) result.reason = reasons.join("; ");
  return { result, unmeasured: false };
}
function literalName(glob) {
  return !/[*?[\]{}\\!()@+]/.test(glob);
}
var OverrideIndex = class {
  constructor(overrides) {
    this.overrides = overrides;
    this.matchers = overrides.map((override, index) => {
      if (!literalName(override.scenarios)) {
        this.globbed.push(index);
        return globMatcher([override.scenarios]);
      }
      const named = this.byName.get(override.scenarios);
      if (named) named.push(index);
      else this.byName.set(override.scenarios, [index]);
      return (name) => name === override.scenarios;
    });
  }
  overrides;
  byName = /* @__PURE__ */ new Map();
  globbed = [];
  matchers;
  /** The overrides matching `name`, in the order written. */
  matching(name) {
    const named = this.byName.get(name) ?? [];
    const globbed = this.globbed.filter((index) => this.matchers[index](name));
    const indexes = globbed.length === 0 ? named : [...named, ...globbed].sort((a, b) => a - b);
    return indexes.map((index) => this.overrides[index]);
  }
  /** Whether the override at `position` matches any of the names. */
  matchesAny(position, names) {
    const { scenarios } = this.overrides[position];
    if (literalName(scenarios)) return names.has(scenarios);
    const matches = this.matchers[position];
    for (const name of names) if (matches(name)) return true;
    return false;
  }
};
function rulesFor(name, policy, index) {
  let rules = policy.rules;
  for (const override of index.matching(name)) {
    rules = [...rules.filter((rule) => !override.metrics.includes(rule.metric)), ...override.rules];
  }
  return rules;
}
function listNames(names) {
  const shown = names.slice(0, 5).map((name) => `"${name}"`);
  return names.length > 5 ? `${shown.join(", ")} and ${names.length - 5} more` : shown.join(", ");
}
function checkBudgets(comparison, policy, added = /* @__PURE__ */ new Map(), held) {
  const fullPolicy = Array.isArray(policy) ? { rules: [...policy], overrides: [] } : policy;
  const index = new OverrideIndex(fullPolicy.overrides);
  const results = [];
  const evaluated = /* @__PURE__ */ new Set();
  const unmeasured = /* @__PURE__ */ new Map();
  for (const scenario of comparison.scenarios) {
    const own = added.get(scenario.name) ?? [];
    for (const rule of [...rulesFor(scenario.name, fullPolicy, index), ...own]) {
      for (const limit of rule.limits) {
        const outcome = evaluateLimit(rule, limit, scenario, held);
        results.push(outcome.result);
        if (outcome.result.status !== "skip") evaluated.add(rule);
        if (outcome.unmeasured && !unmeasured.has(rule)) {
          unmeasured.set(rule, outcome.result.reason ?? "");
        }
      }
    }
  }
  const unchecked = { overrides: [], rules: [] };
  const names = comparison.scenarios.map((scenario) => scenario.name);
  const nameSet = new Set(names);
  for (const [position, override] of fullPolicy.overrides.entries()) {
    if (index.matchesAny(position, nameSet)) continue;
    unchecked.overrides.push({
      override: override.origin,
      rules: override.rules.map((rule) => rule.source)
    });
  }
  for (const [rule, reason] of unmeasured) {
    if (!evaluated.has(rule)) unchecked.rules.push({ rule: rule.source, reason });
  }
  return { results, warnings: uncheckedWarnings(unchecked, names), unchecked };
}
function uncheckedWarnings(unchecked, names) {
  return [
    ...unchecked.overrides.map(({ override, rules }) => {
      const listed = rules.map((rule) => `"${rule}"`).join(", ") || "none";
      return `${override} matches no scenario (scenarios: ${listNames(names)}); its budgets were not checked: ${listed}`;
    }),
    ...unchecked.rules.map(({ rule, reason }) => `budget "${rule}" was not checked: ${reason}`)
  ];
}
function evaluateBudgets(comparison, policy) {
  return checkBudgets(comparison, policy).results;
}
function failsRun(verdict, failOn) {
  if (failOn === "never") return false;
  return verdict === "fail" || verdict === "warn" && failOn === "warn";
}

export {
  globProblem,
  globMatcher,
  FAIL_ON_VALUES,
  headSitesOf,
  checkBudgets,
  uncheckedWarnings,
  evaluateBudgets,
  failsRun
};

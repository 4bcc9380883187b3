/**
 * Globs over site paths (`ignore`) and scenario names (`scenarios`), matched in time linear in
 * the path: a glob is compiled into a small automaton whose states are followed all at once, so
 * no glob can make a match backtrack (a regular expression with 25 stars takes minutes on a
 * path of 120 characters).
 *
 * Syntax: `*` any characters but `/`; `**` as a whole path segment, any number of folders; `?`
 * one character but `/`; `[abc]`, `[a-z]`, `[[:digit:]]`, `[!abc]` (or `[^abc]`) one character
 * of (or not of) a set; `{a,b}` alternatives, which nest and may hold `/`; `{1..12}`, `{a..f}`
 * ranges; `\` makes the next character literal; a leading `!` matches what the rest does not.
 * `*` and `**` do not match the path segments `.` and `..`.
 */

/** What keeps a glob cheap to compile and to match; past these it is refused. */
export const GLOB_LIMITS = {
  /** Characters in one glob. */
  length: 1_000,
  /** States of its automaton: what its braces and ranges expand to. */
  states: 10_000,
} as const;

// A glob as parsed: a sequence of parts.
type Part =
  | { kind: 'char'; char: string }
  /** `?` */
  | { kind: 'any' }
  | { kind: 'class'; test: (code: number) => boolean }
  /** `*`; a leading one (first in its segment) does not match a `.` or `..` segment. */
  | { kind: 'star'; leading: boolean }
  /** `**` then a slash: zero or more whole folders, each with its slash. */
  | { kind: 'folders' }
  /** `/**` at the end: nothing, or a slash and anything after it. */
  | { kind: 'below' }
  /** `**` alone (the whole glob or a whole alternative): anything. */
  | { kind: 'anything' }
  | { kind: 'alternatives'; options: Part[][] };

/** A glob that cannot be used: the message says where, what is wrong and what to write. */
export class GlobSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GlobSyntaxError';
  }
}

const POSIX_CLASSES: Readonly<Record<string, (char: string) => boolean>> = {
  alnum: (c) => /^[\p{L}\p{N}]$/u.test(c),
  alpha: (c) => /^\p{L}$/u.test(c),
  digit: (c) => /^[0-9]$/.test(c),
  lower: (c) => /^\p{Ll}$/u.test(c),
  upper: (c) => /^\p{Lu}$/u.test(c),
  space: (c) => /^\s$/u.test(c),
  punct: (c) => /^[!-/:-@[-`{-~]$/.test(c),
  xdigit: (c) => /^[0-9A-Fa-f]$/.test(c),
  word: (c) => /^[\p{L}\p{N}_]$/u.test(c),
};

class Parser {
  private at = 0;
  /** `offset`: characters before `chars` in the glob as written (a leading `!`). */
  constructor(
    private readonly chars: readonly string[],
    private readonly offset: number,
  ) {}

  private fail(position: number, problem: string): never {
    throw new GlobSyntaxError(`at character ${position + this.offset + 1}, ${problem}`);
  }

  /** The whole glob, or one alternative of a brace up to its `,` or `}`. */
  sequence(inBraces: boolean, atSegmentStart: boolean): Part[] {
    const parts: Part[] = [];
    let segmentStart = atSegmentStart;
    const { chars } = this;
    while (this.at < chars.length) {
      const char = chars[this.at];
      if (inBraces && (char === ',' || char === '}')) break;
      const start = this.at;
      if (char === '(' || char === ')') {
        this.fail(
          start,
          `${char} is not glob syntax: groups and extglobs like @(a|b) are not supported; ` +
            `write alternatives as {a,b}, or \\${char} to match a parenthesis`,
        );
      }
      this.at += 1;
      switch (char) {
        case '\\': {
          if (this.at >= chars.length) {
            this.fail(start, 'a glob cannot end with \\; write \\\\ to match a backslash');
          }
          parts.push({ kind: 'char', char: chars[this.at] });
          this.at += 1;
          segmentStart = false;
          break;
        }
        case '*': {
          let run = 1;
          while (chars[this.at] === '*') {
            run += 1;
            this.at += 1;
          }
          if (run === 1) {
            parts.push({ kind: 'star', leading: segmentStart });
            segmentStart = false;
            break;
          }
          const next = chars[this.at] as string | undefined;
          const segmentEnds =
            next === undefined || next === '/' || (inBraces && (next === ',' || next === '}'));
          if (run > 2 || !segmentStart || !segmentEnds) {
            this.fail(
              start,
              `${'*'.repeat(run)} is not a glob part: ** stands for whole folders, as in ` +
                '"tests/**" or "**/conftest.py", and * for part of a name, as in "test_*.py"',
            );
          }
          if (next === '/') {
            this.at += 1;
            parts.push({ kind: 'folders' });
            break;
          }
          // `a/**/**` is `a/**`: folders before anything add nothing.
          while (parts.at(-1)?.kind === 'folders') parts.pop();
          if (parts.at(-1)?.kind === 'char' && (parts.at(-1) as { char: string }).char === '/') {
            parts.pop();
            parts.push({ kind: 'below' });
          } else parts.push({ kind: 'anything' });
          break;
        }
        case '?':
          parts.push({ kind: 'any' });
          segmentStart = false;
          break;
        case '[':
          parts.push(this.characterClass(start));
          segmentStart = false;
          break;
        case '{':
          parts.push(this.braces(start, segmentStart));
          segmentStart = false;
          break;
        default:
          parts.push({ kind: 'char', char });
          segmentStart = char === '/';
      }
    }
    return parts;
  }

  private characterClass(start: number): Part {
    const { chars } = this;
    let negated = false;
    if (chars[this.at] === '!' || chars[this.at] === '^') {
      negated = true;
      this.at += 1;
    }
    // Code point ranges, low and high in turn, and named classes.
    const ranges: number[] = [];
    const named: ((char: string) => boolean)[] = [];
    const unclosed = (): never =>
      this.fail(start, '[ is not closed; close the set with ], or write \\[ to match a bracket');
    let first = true;
    for (;;) {
      if (this.at >= chars.length) unclosed();
      const at = this.at;
      let char = chars[at];
      if (char === ']' && !first) {
        this.at += 1;
        break;
      }
      first = false;
      if (char === '[' && chars[at + 1] === ':') {
        const close = chars.indexOf(':', at + 2);
        if (close > 0 && chars[close + 1] === ']') {
          const name = chars.slice(at + 2, close).join('');
          const test = POSIX_CLASSES[name];
          if (!test) {
            this.fail(
              at,
              `[:${name}:] is not a character class; known: ${Object.keys(POSIX_CLASSES).join(', ')}`,
            );
          }
          named.push(test);
          this.at = close + 2;
          continue;
        }
      }
      if (char === '\\') {
        if (at + 1 >= chars.length) unclosed();
        char = chars[at + 1];
        this.at += 1;
      }
      this.at += 1;
      if (chars[this.at] === '-' && this.at + 1 < chars.length && chars[this.at + 1] !== ']') {
        let last = chars[this.at + 1];
        this.at += 2;
        if (last === '\\') {
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
    const inSet = (code: number): boolean => {
      for (let i = 0; i < ranges.length; i += 2) {
        if (code >= ranges[i] && code <= ranges[i + 1]) return true;
      }
      return named.length > 0 && named.some((test) => test(String.fromCodePoint(code)));
    };
    // A negated set does not match the slash between folders; a set that names it does.
    const test = negated ? (code: number) => code !== 0x2f && !inSet(code) : inSet;
    return { kind: 'class', test };
  }

  private braces(start: number, atSegmentStart: boolean): Part {
    const { chars } = this;
    const options: Part[][] = [];
    for (;;) {
      options.push(this.sequence(true, atSegmentStart));
      if (this.at >= chars.length) {
        this.fail(
          start,
          '{ is not closed; close the alternatives with }, or write \\{ to match a brace',
        );
      }
      const char = chars[this.at];
      this.at += 1;
      if (char === '}') break;
    }
    if (options.length > 1) return { kind: 'alternatives', options };
    const range = rangeOf(chars.slice(start + 1, this.at - 1).join(''));
    if (range) {
      if (range.length === 0 || range.length > GLOB_LIMITS.states) {
        this.fail(
          start,
          `the range {${chars.slice(start + 1, this.at - 1).join('')}} has more than ${GLOB_LIMITS.states} values`,
        );
      }
      return {
        kind: 'alternatives',
        options: range.map((text) => Array.from(text, (char) => ({ kind: 'char', char }) as Part)),
      };
    }
    // `{a}` has nothing to choose from: it is the text `{a}`.
    return {
      kind: 'alternatives',
      options: [[{ kind: 'char', char: '{' }, ...options[0], { kind: 'char', char: '}' }]],
    };
  }
}

/** The values of `1..12` or `a..f`; an empty list when there are too many to list. */
function rangeOf(text: string): string[] | undefined {
  const numbers = /^(\d{1,9})\.\.(\d{1,9})$/.exec(text);
  const letters = /^([A-Za-z])\.\.([A-Za-z])$/.exec(text);
  const [from, to] = numbers
    ? [Number(numbers[1]), Number(numbers[2])]
    : letters
      ? [letters[1].charCodeAt(0), letters[2].charCodeAt(0)]
      : [NaN, NaN];
  if (Number.isNaN(from)) return undefined;
  const count = Math.abs(to - from) + 1;
  if (count > GLOB_LIMITS.states) return [];
  const step = to >= from ? 1 : -1;
  return Array.from({ length: count }, (_, i) =>
    numbers ? String(from + i * step) : String.fromCharCode(from + i * step),
  );
}

// The automaton: states in arrays, followed all at once (Thompson's construction).
const Kind = {
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
  Match: 9,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];

const SLASH = 0x2f;
const DOT = 0x2e;

/** Does a `.` or `..` segment start at `at`: `*` and `**` do not match those. */
function dotSegmentAt(path: string, at: number): boolean {
  if (path.charCodeAt(at) !== DOT) return false;
  if (at + 1 === path.length || path.charCodeAt(at + 1) === SLASH) return true;
  return (
    path.charCodeAt(at + 1) === DOT && (at + 2 === path.length || path.charCodeAt(at + 2) === SLASH)
  );
}

class Automaton {
  private readonly kinds: Kind[] = [];
  /** The state a state leads to; for a split, unused. */
  private readonly next: number[] = [];
  /** What a Char state reads: a code point. */
  private readonly codes: number[] = [];
  private readonly tests: (((code: number) => boolean) | undefined)[] = [];
  private readonly splits: (number[] | undefined)[] = [];
  private readonly start: number;
  private readonly match: number;
  // Working memory of `accepts`, kept between calls.
  private seen = new Int32Array(0);
  private generation = 0;
  private current = new Int32Array(0);
  private following = new Int32Array(0);
  private readonly stack: number[] = [];

  constructor(parts: Part[]) {
    this.match = this.add(Kind.Match);
    this.start = this.sequence(parts, this.match);
    const count = this.kinds.length;
    this.seen = new Int32Array(count);
    this.current = new Int32Array(count);
    this.following = new Int32Array(count);
  }

  private add(kind: Kind, next = -1): number {
    if (this.kinds.length >= GLOB_LIMITS.states) {
      throw new GlobSyntaxError(
        `its braces expand to more than ${GLOB_LIMITS.states} states; write fewer alternatives`,
      );
    }
    this.kinds.push(kind);
    this.next.push(next);
    this.codes.push(-1);
    this.tests.push(undefined);
    this.splits.push(undefined);
    return this.kinds.length - 1;
  }

  /** Built from the end, so each part knows the state it leads to. */
  private sequence(items: Part[], next: number): number {
    let state = next;
    for (let i = items.length - 1; i >= 0; i -= 1) state = this.part(items[i], state);
    return state;
  }

  private part(item: Part, next: number): number {
    switch (item.kind) {
      case 'char': {
        const state = this.add(Kind.Char, next);
        this.codes[state] = item.char.codePointAt(0) ?? -1;
        return state;
      }
      case 'any':
        return this.add(Kind.Any, next);
      case 'class': {
        const state = this.add(Kind.Class, next);
        this.tests[state] = item.test;
        return state;
      }
      case 'star':
        return this.add(item.leading ? Kind.LeadingStar : Kind.Star, next);
      case 'folders': {
        const start = this.add(Kind.FolderStart, next);
        const middle = this.add(Kind.FolderMiddle, start);
        this.splits[start] = [middle];
        return start;
      }
      case 'below': {
        const anything = this.add(Kind.Anything, next);
        const slash = this.add(Kind.Char, anything);
        this.codes[slash] = SLASH;
        const split = this.add(Kind.Split);
        this.splits[split] = [next, slash];
        return split;
      }
      case 'anything':
        return this.add(Kind.Anything, next);
      case 'alternatives': {
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
  private enter(state: number, into: Int32Array, size: number, dotStart: boolean): number {
    const { kinds, seen, stack, generation } = this;
    stack.push(state);
    while (stack.length > 0) {
      const s = stack.pop() as number;
      if (seen[s] === generation) continue;
      seen[s] = generation;
      const kind = kinds[s];
      if (kind === Kind.LeadingStar && dotStart) continue;
      into[size] = s;
      size += 1;
      if (kind === Kind.Split) {
        for (const target of this.splits[s] as number[]) stack.push(target);
      } else if (
        kind === Kind.Star ||
        kind === Kind.LeadingStar ||
        kind === Kind.FolderStart ||
        kind === Kind.Anything
      ) {
        stack.push(this.next[s]);
      }
    }
    return size;
  }

  private nextGeneration(): void {
    if (this.generation >= 0x3fffffff) {
      this.seen.fill(0);
      this.generation = 0;
    }
    this.generation += 1;
  }

  /** Every state the path can lead to, one character (code point) at a time. */
  accepts(path: string): boolean {
    if (path === '') return false;
    const { kinds, next, codes, tests, splits } = this;
    let current = this.current;
    let following = this.following;
    this.nextGeneration();
    let inDotSegment = dotSegmentAt(path, 0);
    let size = this.enter(this.start, current, 0, inDotSegment);
    for (let at = 0; at < path.length && size > 0;) {
      const code = path.codePointAt(at) as number;
      at += code > 0xffff ? 2 : 1;
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
            if ((tests[s] as (c: number) => boolean)(code)) target = next[s];
            break;
          case Kind.Star:
          case Kind.LeadingStar:
            if (!slash) target = s;
            break;
          case Kind.FolderStart:
            if (!dot) target = slash ? s : (splits[s] as number[])[0];
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
}

/** A glob ready to match; throws a GlobSyntaxError saying why it cannot be used. */
export function compileGlob(glob: string): (path: string) => boolean {
  const chars = Array.from(glob);
  if (chars.length > GLOB_LIMITS.length) {
    throw new GlobSyntaxError(
      `it has ${chars.length} characters; a glob may have at most ${GLOB_LIMITS.length}`,
    );
  }
  const negated = chars[0] === '!' && chars[1] !== '(';
  if (negated && chars.length === 1) {
    throw new GlobSyntaxError(
      '! alone matches every path; a leading ! matches what the glob after it does not',
    );
  }
  const parts = new Parser(negated ? chars.slice(1) : chars, negated ? 1 : 0).sequence(false, true);
  const automaton = new Automaton(parts);
  // Text every match holds: at its start, at its end, and the longest run of literal text in
  // between. A path without it is answered at once; most paths are, for most globs.
  const runs: string[] = [''];
  for (const part of parts) {
    if (part.kind === 'char') runs[runs.length - 1] += part.char;
    else runs.push('');
  }
  const prefix = runs[0];
  const suffix = runs.length > 1 ? (runs.at(-1) as string) : '';
  const inner = runs
    .slice(1, -1)
    .reduce((longest, run) => (run.length > longest.length ? run : longest), '');
  const matches = (path: string): boolean =>
    path.length >= prefix.length + suffix.length &&
    path.startsWith(prefix) &&
    path.endsWith(suffix) &&
    path.includes(inner) &&
    automaton.accepts(path);
  return negated ? (path) => !matches(path) : matches;
}

function quoted(glob: string): string {
  const text = JSON.stringify(glob);
  return text.length > 80 ? `${text.slice(0, 76)}…"` : text;
}

/** Why a glob cannot be used, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'an empty glob matches nothing';
  if (glob.startsWith('/') || glob.startsWith('./')) {
    return `${quoted(glob)} cannot match: paths are repository-relative, like app/cache.py; drop the leading ${glob.startsWith('/') ? '/' : './'}`;
  }
  try {
    compileGlob(glob);
  } catch (error) {
    if (!(error instanceof GlobSyntaxError)) throw error;
    return `${quoted(glob)} is not a valid glob: ${error.message}`;
  }
  return undefined;
}

/**
 * A test for "matches any of these globs"; the globs must have passed `globProblem`. A path
 * seen before is answered from memory: many sites share a file.
 */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const matchers = globs.map(compileGlob);
  const answers = new Map<string, boolean>();
  return (path) => {
    let answer = answers.get(path);
    if (answer === undefined) {
      answer = matchers.some((matches) => matches(path));
      answers.set(path, answer);
    }
    return answer;
  };
}

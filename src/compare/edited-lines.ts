/**
 * Lines a change edited: which head line replaced a base line in its hunk, so an allocation
 * on a line edited in place is one site on both sides, not "line gone" plus "changed here".
 */
import type { SnapshotSite } from '../capture/snapshot.js';
import type { Hunk } from '../sides/line-map.js';

/** The character pairs of a text (UTF-16 units), each as one number, in ascending order. */
function characterPairs(text: string | undefined): Float64Array {
  if (!text || text.length < 2) return new Float64Array(0);
  const pairs = new Float64Array(text.length - 1);
  for (let i = 0; i < pairs.length; i += 1) {
    pairs[i] = text.charCodeAt(i) * 65_536 + text.charCodeAt(i + 1);
  }
  return pairs.sort();
}

/** The Dice coefficient of two texts' character pairs (from `characterPairs`), 0 to 1. */
function dice(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (a[i]! < b[j]!) i += 1;
    else j += 1;
  }
  return (2 * shared) / (a.length + b.length);
}

/** How alike two source lines read: the Dice coefficient of their character pairs, 0 to 1. */
export function textSimilarity(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return 0;
  return a === b ? 1 : dice(characterPairs(a), characterPairs(b));
}

/** An edited line reads at least this much like the line it replaced (see `textSimilarity`). */
const EDIT_SIMILARITY = 0.5;

/**
 * Base × head sites of one hunk compared by text at most; past that (a rewritten generated
 * file), each base site is compared with the head sites within `WINDOW` lines of where its line
 * falls in the hunk, and keeps its `BEST` matches, so the cost stays linear in the sites.
 */
const MAX_COMPARISONS = 100_000;
const WINDOW = 50;
const BEST = 4;

/** The first index in `lines` (ascending) whose value is at least `line`. */
function lowerBound(lines: readonly number[], line: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (lines[middle]! < line) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The same function on both sides, or a side that could not name it. */
function sameFunction(base: SnapshotSite, head: SnapshotSite): boolean {
  return base.function === undefined || head.function === undefined
    ? true
    : base.function === head.function;
}

interface Candidate {
  /** Index in the hunk's base sites still alone. */
  base: number;
  /** Position in the head sites. */
  head: number;
  similarity: number;
  sizeGap: number;
}

/**
 * Pairs the base sites on lines one hunk replaced with the head sites on the lines it added:
 * - a hunk that replaced as many lines as it added edited them in place: the n-th line it
 *   removed became the n-th it added (same function);
 * - the rest go to the head site of the same function whose line reads most like theirs
 *   (`EDIT_SIMILARITY` at least), the closest in size on a tie;
 * - a base site still alone on a hunk edited in place keeps the line that replaced it when head
 *   allocates nothing there (`{ line }`); any other is gone (`undefined`).
 * `done` gets each base site once, with a head site's position, a head line, or undefined.
 */
export function pairEdits(
  hunk: Hunk,
  baseSites: readonly SnapshotSite[],
  headLines: Map<number, number> | undefined,
  headSite: (position: number) => SnapshotSite,
  matchedHead: Uint8Array,
  done: (base: SnapshotSite, match: number | { line: number } | undefined) => void,
): void {
  const inPlace = hunk.oldLines === hunk.newLines;
  const replacement = (base: SnapshotSite): number => hunk.newStart + base.line - hunk.oldStart;
  const alone: SnapshotSite[] = [];
  for (const base of baseSites) {
    const position = inPlace ? headLines?.get(replacement(base)) : undefined;
    if (
      position !== undefined &&
      !matchedHead[position] &&
      sameFunction(base, headSite(position))
    ) {
      matchedHead[position] = 1;
      done(base, position);
    } else {
      alone.push(base);
    }
  }
  if (alone.length === 0) return;

  const matches = headLines ? textMatches(hunk, alone, headLines, headSite, matchedHead) : [];
  const paired = new Uint8Array(alone.length);
  for (const { base, head } of matches) {
    if (paired[base] || matchedHead[head]) continue;
    paired[base] = 1;
    matchedHead[head] = 1;
    done(alone[base]!, head);
  }
  alone.forEach((base, index) => {
    if (paired[index]) return;
    const line = inPlace ? replacement(base) : undefined;
    done(base, line !== undefined && headLines?.get(line) === undefined ? { line } : undefined);
  });
}

/**
 * The head sites on the hunk's added lines (not yet paired, same function) that read like each
 * base site in `alone`, best first: most alike, then closest in size, then by line.
 */
function textMatches(
  hunk: Hunk,
  alone: readonly SnapshotSite[],
  headLines: Map<number, number>,
  headSite: (position: number) => SnapshotSite,
  matchedHead: Uint8Array,
): Candidate[] {
  const candidates: number[] = [];
  const last = hunk.newStart + hunk.newLines - 1;
  if (hunk.newLines <= headLines.size) {
    for (let line = hunk.newStart; line <= last; line += 1) {
      const position = headLines.get(line);
      if (position !== undefined && !matchedHead[position]) candidates.push(position);
    }
  } else {
    for (const [line, position] of headLines) {
      if (line >= hunk.newStart && line <= last && !matchedHead[position]) {
        candidates.push(position);
      }
    }
    candidates.sort((a, b) => headSite(a).line - headSite(b).line);
  }
  if (candidates.length === 0) return [];
  const candidateLines = candidates.map((position) => headSite(position).line);
  const candidatePairs = candidates.map((position) => characterPairs(headSite(position).text));
  const everyPair = alone.length * candidates.length <= MAX_COMPARISONS;

  const matches: Candidate[] = [];
  alone.forEach((base, index) => {
    let from = 0;
    let to = candidates.length;
    if (!everyPair) {
      const offset = ((base.line - hunk.oldStart) * hunk.newLines) / hunk.oldLines;
      const expected = hunk.newStart + Math.round(offset);
      from = lowerBound(candidateLines, expected - WINDOW);
      to = lowerBound(candidateLines, expected + WINDOW + 1);
    }
    const basePairs = characterPairs(base.text);
    const own: Candidate[] = [];
    for (let candidate = from; candidate < to; candidate += 1) {
      const position = candidates[candidate]!;
      const head = headSite(position);
      if (!sameFunction(base, head)) continue;
      const similarity =
        base.text !== undefined && base.text === head.text
          ? 1
          : dice(basePairs, candidatePairs[candidate]!);
      if (similarity < EDIT_SIMILARITY) continue;
      own.push({
        base: index,
        head: position,
        similarity,
        sizeGap: Math.abs(head.size - base.size),
      });
    }
    if (everyPair) matches.push(...own);
    else matches.push(...own.sort(byMatch(alone, headSite)).slice(0, BEST));
  });
  return matches.sort(byMatch(alone, headSite));
}

function byMatch(alone: readonly SnapshotSite[], headSite: (position: number) => SnapshotSite) {
  return (a: Candidate, b: Candidate): number =>
    b.similarity - a.similarity ||
    a.sizeGap - b.sizeGap ||
    alone[a.base]!.line - alone[b.base]!.line ||
    headSite(a.head).line - headSite(b.head).line;
}

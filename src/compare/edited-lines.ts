/**
 * Lines a change edited: which head line replaced a base line in its hunk, so an allocation
 * on a line edited in place is one site on both sides, not "line gone" plus "changed here".
 */
import type { SnapshotSite } from '../capture/snapshot.js';
import type { Hunk } from '../sides/line-map.js';

/** How alike two source lines read: the Dice coefficient of their character pairs, 0 to 1. */
export function textSimilarity(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const pairs = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i += 1) {
    const pair = a.slice(i, i + 2);
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i += 1) {
    const pair = b.slice(i, i + 2);
    const left = pairs.get(pair);
    if (left) {
      shared += 1;
      pairs.set(pair, left - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

/** An edited line reads at least this much like the line it replaced (see `textSimilarity`). */
const EDIT_SIMILARITY = 0.5;

/** The same function on both sides, or a side that could not name it. */
function sameFunction(base: SnapshotSite, head: SnapshotSite): boolean {
  return base.function === undefined || head.function === undefined
    ? true
    : base.function === head.function;
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
  headSites: readonly SnapshotSite[],
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
      sameFunction(base, headSites[position]!)
    ) {
      matchedHead[position] = 1;
      done(base, position);
    } else {
      alone.push(base);
    }
  }
  if (alone.length === 0) return;

  // The head sites on the lines the hunk added that no base site has yet.
  const candidates: number[] = [];
  if (headLines) {
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
    }
  }
  const pairs: { base: number; head: number; similarity: number; sizeGap: number }[] = [];
  alone.forEach((base, index) => {
    for (const position of candidates) {
      const head = headSites[position]!;
      if (!sameFunction(base, head)) continue;
      const similarity = textSimilarity(base.text, head.text);
      if (similarity < EDIT_SIMILARITY) continue;
      pairs.push({
        base: index,
        head: position,
        similarity,
        sizeGap: Math.abs(head.size - base.size),
      });
    }
  });
  pairs.sort(
    (a, b) =>
      b.similarity - a.similarity ||
      a.sizeGap - b.sizeGap ||
      alone[a.base]!.line - alone[b.base]!.line ||
      headSites[a.head]!.line - headSites[b.head]!.line,
  );
  const paired = new Uint8Array(alone.length);
  for (const { base, head } of pairs) {
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

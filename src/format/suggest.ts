/** "Did you mean": the known word a mistyped one was most likely meant to be. */

/**
 * Edits from one word to the other: insertions, deletions, substitutions, and swaps of two
 * neighbouring characters (`scirpt` → `script` is one).
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[rows - 1][columns - 1];
}

/** Case, `-` and `_` aside: `failOn`, `fail_on` and `failon` all mean `fail-on`. */
function folded(word: string): string {
  return word.toLowerCase().replace(/[-_]/g, '');
}

/**
 * The candidate `word` was most likely meant to be: the same word spelt another way (case,
 * `-`, `_`), else the nearest within a third of its length (at least one edit, at most three).
 * Undefined when none is that near, or when two are equally near.
 */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  const same = candidates.filter((candidate) => folded(candidate) === folded(word));
  if (same.length === 1) return same[0];
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  let tied = false;
  for (const candidate of candidates) {
    const distance = editDistance(folded(word), folded(candidate));
    if (distance < bestDistance) {
      [best, bestDistance, tied] = [candidate, distance, false];
    } else if (distance === bestDistance && candidate !== best) tied = true;
  }
  return best !== undefined && bestDistance <= limit && !tied ? best : undefined;
}

import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);

// src/format/suggest.ts
function editDistance(a, b) {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d = Array.from(
    { length: rows },
    (_, i) => Array.from({ length: columns }, (_2, j) => i === 0 ? j : j === 0 ? i : 0)
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
function folded(word) {
  return word.toLowerCase().replace(/[-_]/g, "");
}
function closestWord(word, candidates) {
  const same = candidates.filter((candidate) => folded(candidate) === folded(word));
  if (same.length === 1) return same[0];
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best;
  let bestDistance = Infinity;
  let tied = false;
  for (const candidate of candidates) {
    const distance = editDistance(folded(word), folded(candidate));
    if (distance < bestDistance) {
      [best, bestDistance, tied] = [candidate, distance, false];
    } else if (distance === bestDistance && candidate !== best) tied = true;
  }
  return best !== void 0 && bestDistance <= limit && !tied ? best : void 0;
}

export {
  closestWord
};

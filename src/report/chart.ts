/**
 * A small Mermaid bar chart for the comment (GitHub renders ```mermaid blocks): the peak of each
 * scenario in the table, head as bars and base as a line, so several scenarios' changes can be
 * seen against their size. Drawn only when the table has two or more such scenarios: for one, the
 * table says it all. The axis starts at zero, so a bar's height is its value.
 * Labels come from the pull request, so they are reduced to letters, digits and `_.-` (nothing
 * Mermaid, Markdown or HTML could read as syntax) and kept short.
 */
import type { ScenarioComparison } from '../compare/comparison.js';

const MAX_BARS = 8;
const LABEL_LENGTH = 24;

/** The chart's title: it says which mark is which, since the chart has no legend. */
export const CHART_TITLE = 'Peak memory: head (bars), base (line)';

export function chartLabel(text: string): string {
  const safe = text
    .replace(/[^\p{L}\p{N}_.-]+/gu, '_')
    // GitHub would not autolink inside a chart, but a reader copying it should not get a host.
    .replace(/www\./gi, 'www_');
  return safe.length > LABEL_LENGTH ? `${safe.slice(0, LABEL_LENGTH - 1)}…` : safe;
}

/** One unit for every value: the largest one that keeps the biggest value ≥ 1. */
function unitFor(largest: number): { name: string; size: number } {
  if (largest >= 1024 ** 2) return { name: 'MiB', size: 1024 ** 2 };
  if (largest >= 1024) return { name: 'KiB', size: 1024 };
  return { name: 'bytes', size: 1 };
}

/**
 * A value with three significant digits, in plain decimals (Mermaid reads no exponent): small
 * values keep their digits rather than becoming 0.
 */
export function chartNumber(value: number): string {
  if (value === 0) return '0';
  const decimals = Math.min(10, Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value)))));
  return String(Number(value.toFixed(decimals)));
}

/** The top of the axis: the largest value rounded up to 1, 2 or 5 times a power of ten. */
function axisTop(largest: number): number {
  if (largest <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(largest));
  const step = [1, 2, 5, 10].find((m) => m * power >= largest) ?? 10;
  return step * power;
}

/**
 * The chart of the scenario table's rows (in its order) whose peak was measured on both sides,
 * when there are two or more of them and a peak changed; otherwise nothing.
 */
export function peakChart(rows: readonly ScenarioComparison[]): string[] {
  const shown = rows
    .filter((s) => s.status === 'ok' && s.peak.base !== null && s.peak.head !== null)
    .slice(0, MAX_BARS);
  if (shown.length < 2 || shown.every((s) => s.peak.base === s.peak.head)) return [];
  const largest = Math.max(...shown.flatMap((s) => [s.peak.base ?? 0, s.peak.head ?? 0]));
  const unit = unitFor(largest);
  const scaled = (bytes: number | null) => chartNumber((bytes ?? 0) / unit.size);
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${CHART_TITLE}"`,
    `  x-axis [${shown.map((s) => `"${chartLabel(s.name)}"`).join(', ')}]`,
    `  y-axis "${unit.name}" 0 --> ${chartNumber(axisTop(largest / unit.size))}`,
    `  bar [${shown.map((s) => scaled(s.peak.head)).join(', ')}]`,
    `  line [${shown.map((s) => scaled(s.peak.base)).join(', ')}]`,
    '```',
  ];
}

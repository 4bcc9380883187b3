/** How sizes, counts and changes are written in every report: neutral, so any stage may use it. */

/**
 * A number with thousands separators, as `toLocaleString('en-US')` writes it: `12,345`,
 * `-1,000,000`. Integers are grouped by hand: the first locale call loads ICU's data, which
 * costs more than rendering a whole report.
 */
export function groupDigits(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = grouped.length; at < digits.length; at += 3) {
    grouped += `,${digits.slice(at, at + 3)}`;
  }
  return value < 0 ? `-${grouped}` : grouped;
}

const BINARY_STEPS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Human size in binary units, exact for small values: `512 B`, `97.7 KiB`, `1.90 MiB`. */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let step = 0;
  while (value >= 1024 && step < BINARY_STEPS.length - 1) {
    value /= 1024;
    step += 1;
  }
  if (step === 0) return `${sign}${value} B`;
  let text = threeFigures(value);
  // 1023.7 KiB rounds to 1024: that is 1.00 MiB.
  if (Number(text) >= 1024 && step < BINARY_STEPS.length - 1) {
    value /= 1024;
    step += 1;
    text = threeFigures(value);
  }
  return `${sign}${text} ${BINARY_STEPS[step]}`;
}

/** About three significant figures: `97.7`, `1.90`, `512`; the digits follow the rounded value. */
function threeFigures(value: number): string {
  const digitsFor = (n: number) => (n >= 100 ? 0 : n >= 10 ? 1 : 2);
  const digits = digitsFor(value);
  const text = value.toFixed(digits);
  // 9.996 rounds to 10.00, written 10.0.
  const rounded = digitsFor(Number(text));
  return rounded === digits ? text : value.toFixed(rounded);
}

/** A delta with its sign always shown: `+1.20 MiB`, `-48 B`, `0 B`. */
export function formatBytesDelta(bytes: number): string {
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}

/** A count with its sign always shown: `+1,024`, `-3`, `0`. */
export function formatCountDelta(count: number): string {
  const text = groupDigits(count);
  return count > 0 ? `+${text}` : text;
}

/** What a figure counts: bytes, or things (blocks, objects). */
export type Unit = 'bytes' | 'count';

/** A figure in its unit: `1.90 MiB`, `12,345`. */
export function formatAmount(value: number, unit: Unit): string {
  return unit === 'count' ? groupDigits(value) : formatBytes(value);
}

/** A change in its unit, its sign always shown: `+1.20 MiB`, `+1,024`. */
export function formatChange(value: number, unit: Unit): string {
  return unit === 'count' ? formatCountDelta(value) : formatBytesDelta(value);
}

/** Relative change in percent, or undefined where the base is zero (growth from nothing). */
export function percentChange(base: number, head: number): number | undefined {
  if (base === 0) return head === 0 ? 0 : undefined;
  return ((head - base) / Math.abs(base)) * 100;
}

export function formatPercent(percent: number | undefined): string {
  if (percent === undefined) return 'new';
  const rounded = Math.abs(percent) >= 10 ? percent.toFixed(1) : percent.toFixed(2);
  if (Number(rounded) === 0) return '0 %';
  return `${percent > 0 ? '+' : ''}${rounded} %`;
}

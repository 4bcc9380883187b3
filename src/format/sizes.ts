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

/**
 * The two families of size units: binary (KiB = 1024 B), what reports use, and decimal
 * (KB = 1000 B), which a budget may be written in: a figure beside a limit is shown in the
 * limit's family, so `+1.02 KB` over `+1KB` does not read as `+1.00 KiB`.
 */
export type SizeUnits = 'binary' | 'decimal';

const STEPS: Record<SizeUnits, { base: number; names: readonly string[] }> = {
  binary: { base: 1024, names: ['B', 'KiB', 'MiB', 'GiB', 'TiB'] },
  decimal: { base: 1000, names: ['B', 'KB', 'MB', 'GB', 'TB'] },
};

/**
 * Human size, exact for small values: `512 B`, `97.7 KiB`, `1.90 MiB` (binary units), or
 * `100 KB`, `2.17 MB` in decimal ones.
 */
export function formatBytes(bytes: number, units: SizeUnits = 'binary'): string {
  const { base, names } = STEPS[units];
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let step = 0;
  while (value >= base && step < names.length - 1) {
    value /= base;
    step += 1;
  }
  if (step === 0) return `${sign}${groupDigits(value)} B`;
  let text = threeFigures(value);
  // 1023.7 KiB rounds to 1024: that is 1.00 MiB.
  if (Number(text) >= base && step < names.length - 1) {
    value /= base;
    step += 1;
    text = threeFigures(value);
  }
  // 1023 KiB has no decimals: its digits are grouped like any other (`1,023 KiB`).
  return `${sign}${text.includes('.') ? text : groupDigits(Number(text))} ${names[step]}`;
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
export function formatBytesDelta(bytes: number, units: SizeUnits = 'binary'): string {
  return bytes > 0 ? `+${formatBytes(bytes, units)}` : formatBytes(bytes, units);
}

/** A count with its sign always shown: `+1,024`, `-3`, `0`. */
export function formatCountDelta(count: number): string {
  const text = groupDigits(count);
  return count > 0 ? `+${text}` : text;
}

/** What a figure counts: bytes, or things (blocks, objects). */
export type Unit = 'bytes' | 'count';

/** A figure in its unit: `1.90 MiB`, `12,345`. */
export function formatAmount(value: number, unit: Unit, units?: SizeUnits): string {
  return unit === 'count' ? groupDigits(value) : formatBytes(value, units);
}

/** A change in its unit, its sign always shown: `+1.20 MiB`, `+1,024`. */
export function formatChange(value: number, unit: Unit, units?: SizeUnits): string {
  return unit === 'count' ? formatCountDelta(value) : formatBytesDelta(value, units);
}

/** Relative change in percent, or undefined where the base is zero (growth from nothing). */
export function percentChange(base: number, head: number): number | undefined {
  if (base === 0) return head === 0 ? 0 : undefined;
  return ((head - base) / Math.abs(base)) * 100;
}

/**
 * From this growth on (in percent: 11 times base), a relative change reads as a factor of base,
 * `×1,510`, rather than `+150,872.5 %`.
 */
export const FACTOR_FROM_PERCENT = 1_000;

/**
 * A relative change: `+12.3 %`, `-0.05 %`; a growth of FACTOR_FROM_PERCENT or more as the factor
 * head is of base (`×11.8`, `×1,510`), unless `factor` is false (beside a limit written in
 * percent that large).
 */
export function formatPercent(percent: number | undefined, factor = true): string {
  if (percent === undefined) return 'new';
  if (factor && percent >= FACTOR_FROM_PERCENT) {
    const times = 1 + percent / 100;
    return `×${times >= 100 ? groupDigits(Math.round(times)) : times.toPrecision(3)}`;
  }
  const rounded = Math.abs(percent) >= 10 ? percent.toFixed(1) : percent.toFixed(2);
  if (Number(rounded) === 0) return '0 %';
  // `+748,640.7 %`: the whole part's digits grouped like any other figure's.
  const [whole, fraction] = rounded.replace('-', '').split('.');
  return `${percent > 0 ? '+' : '-'}${groupDigits(Number(whole))}.${fraction} %`;
}

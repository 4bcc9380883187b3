import type { SizeUnits } from '../format/sizes.js';

/** Byte sizes as written in budgets: `B`, decimal `KB/MB/GB` (1000ⁿ) and binary `KiB/MiB/GiB` (1024ⁿ). */
export const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

export const SIZE_UNITS_TEXT =
  'B, KB, MB, GB (powers of 1000), KiB, MiB, GiB (powers of 1024); units are case-sensitive';

const SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)$/;

/**
 * Parses `100KB` or `1.5 MiB` into bytes, rounded to the nearest byte; undefined when the text
 * is not a size or is too large to count exactly.
 */
export function parseSize(text: string): number | undefined {
  const match = SIZE_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const bytes = Math.round(Number(match[1]) * (SIZE_UNITS[match[2]] ?? NaN));
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/**
 * The family of units a limit is written in (`+100KB`: decimal; `64MiB`: binary), so that the
 * figure beside it is shown in the same one. Bytes alone (`500B`), percentages and counts have
 * none: the reports' binary units.
 */
export function sizeUnitsOf(limitText: string): SizeUnits {
  return /\d\s*[KMG]B$/.test(limitText.trim()) ? 'decimal' : 'binary';
}

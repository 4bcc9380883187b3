import { parseSize } from './sizes.js';

/** What a budget rule limits. */
export type BudgetMetric = 'peak' | 'retained' | 'site';
export const BUDGET_METRICS: readonly BudgetMetric[] = ['peak', 'retained', 'site'];

export type BudgetLimit =
  /** Head may be at most this many percent above base. */
  | { kind: 'relative'; percent: number; text: string }
  /** Head may be at most this many bytes above base. */
  | { kind: 'growth'; bytes: number; text: string }
  /** Head may be at most this many bytes, whatever base was. */
  | { kind: 'ceiling'; bytes: number; text: string };

export interface BudgetRule {
  metric: BudgetMetric;
  limits: BudgetLimit[];
  /** The rule as the user wrote it, for messages. */
  source: string;
}

export class BudgetSyntaxError extends Error {
  constructor(
    readonly rule: string,
    detail: string,
  ) {
    super(`budget rule "${rule}": ${detail}`);
    this.name = 'BudgetSyntaxError';
  }
}

const ALLOWED_LIMITS =
  'a limit is +N% (relative growth), +N<unit> (absolute growth) or N<unit> (ceiling); ' +
  'units: B, KB, MB, GB (powers of 1000), KiB, MiB, GiB (powers of 1024)';

function parseLimit(rule: string, text: string): BudgetLimit {
  const percent = /^\+\s*(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) return { kind: 'relative', percent: Number(percent[1]), text: `+${percent[1]}%` };
  if (text.startsWith('+')) {
    const bytes = parseSize(text.slice(1));
    if (bytes !== undefined) return { kind: 'growth', bytes, text: text.replace(/\s+/g, '') };
  } else {
    const bytes = parseSize(text);
    if (bytes !== undefined) return { kind: 'ceiling', bytes, text: text.replace(/\s+/g, '') };
  }
  throw new BudgetSyntaxError(rule, `"${text}" is not a limit; ${ALLOWED_LIMITS}`);
}

/**
 * Parses inline budget rules: `metric: limit[, limit]`, rules separated by `;` or newlines,
 * e.g. `peak: +5%, 64MB; retained: +100KB`.
 */
export function parseBudgetRules(text: string): BudgetRule[] {
  const rules: BudgetRule[] = [];
  for (const raw of text.split(/[;\n]/)) {
    const source = raw.trim();
    if (source === '' || source.startsWith('#')) continue;
    const colon = source.indexOf(':');
    if (colon < 0) {
      throw new BudgetSyntaxError(source, `expected "metric: limit", e.g. "peak: +5%"`);
    }
    const metric = source.slice(0, colon).trim();
    if (!(BUDGET_METRICS as readonly string[]).includes(metric)) {
      throw new BudgetSyntaxError(
        source,
        `unknown metric "${metric}"; metrics: ${BUDGET_METRICS.join(', ')}`,
      );
    }
    const limitTexts = source
      .slice(colon + 1)
      .split(',')
      .map((part) => part.trim());
    if (limitTexts.some((part) => part === '')) {
      throw new BudgetSyntaxError(source, `missing limit; ${ALLOWED_LIMITS}`);
    }
    rules.push({
      metric: metric as BudgetMetric,
      limits: limitTexts.map((limit) => parseLimit(source, limit)),
      source,
    });
  }
  return rules;
}

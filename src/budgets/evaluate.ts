import type { Comparison, ScenarioComparison, SiteDelta } from '../compare/comparison.js';
import type { BudgetLimit, BudgetMetric, BudgetRule } from './rules.js';
import { formatBytes, formatBytesDelta, formatPercent, percentChange } from './sizes.js';

export type BudgetStatus = 'pass' | 'fail' | 'skip';

export interface BudgetResult {
  metric: BudgetMetric;
  scenario: string;
  /** The limit as written, normalised: `+5%`, `+100KB`, `64MB`. */
  limit: string;
  /** The measured value in the limit's terms: `+12.4 %`, `+1.90 MiB`, `70.1 MiB`. */
  actual: string;
  status: BudgetStatus;
  /** For `site` rules: the site that decided the result (`app/cache.py:12`). */
  site?: string;
  /** Why a rule was skipped. */
  reason?: string;
}

export type Verdict = 'pass' | 'warn' | 'fail';

interface Observation {
  base: number;
  head: number;
  site?: string;
}

/** How far an observation is from its limit: positive means over budget. */
function excess(limit: BudgetLimit, value: Observation): number {
  switch (limit.kind) {
    case 'ceiling':
      return value.head - limit.bytes;
    case 'growth':
      return value.head - value.base - limit.bytes;
    case 'relative': {
      // Growth from a zero base is infinitely relative: any growth at all exceeds the limit.
      if (value.base === 0) return value.head > 0 ? Infinity : -Infinity;
      // Scaled by the base rather than divided by it: exact for whole bytes, so growth of
      // exactly the limit (100 → 107 against +7%) is within it.
      return (
        ((value.head - value.base) * 100 - limit.percent * Math.abs(value.base)) /
        Math.abs(value.base)
      );
    }
  }
}

function isOver(limit: BudgetLimit, value: Observation): boolean {
  if (limit.kind !== 'relative' || value.base === 0) return excess(limit, value) > 0;
  return (value.head - value.base) * 100 > limit.percent * Math.abs(value.base);
}

function describe(limit: BudgetLimit, value: Observation): string {
  switch (limit.kind) {
    case 'ceiling':
      return formatBytes(value.head);
    case 'growth':
      return formatBytesDelta(value.head - value.base);
    case 'relative':
      return formatPercent(percentChange(value.base, value.head));
  }
}

function siteName(site: SiteDelta): string {
  return `${site.file}:${site.line ?? site.baseLine ?? '?'}`;
}

/** The values a rule looks at in one scenario; undefined where it cannot be evaluated. */
function observations(metric: BudgetMetric, scenario: ScenarioComparison): Observation[] | string {
  if (scenario.status === 'failed') return `the ${scenario.error?.side ?? ''} benchmark failed`;
  if (scenario.status === 'removed') return 'the scenario is gone on head';
  if (metric === 'site') {
    return scenario.sites
      .filter((site) => site.line !== null)
      .map((site) => ({ base: site.baseSize, head: site.headSize, site: siteName(site) }));
  }
  const measure = metric === 'peak' ? scenario.peak : scenario.retained;
  if (measure.head === null) return 'no head measurement';
  return [{ base: measure.base ?? 0, head: measure.head }];
}

function evaluateLimit(
  rule: BudgetRule,
  limit: BudgetLimit,
  scenario: ScenarioComparison,
): BudgetResult {
  const base = { metric: rule.metric, scenario: scenario.name, limit: limit.text };
  const values = observations(rule.metric, scenario);
  if (typeof values === 'string') return { ...base, actual: '—', status: 'skip', reason: values };
  // Growth limits need a base; a new scenario is held to ceilings only.
  if (scenario.status === 'new' && limit.kind !== 'ceiling') {
    return { ...base, actual: '—', status: 'skip', reason: 'new scenario: no base to grow from' };
  }
  if (values.length === 0) return { ...base, actual: 'no changed site', status: 'pass' };
  let worst = values[0];
  for (const value of values) if (excess(limit, value) > excess(limit, worst)) worst = value;
  const result: BudgetResult = {
    ...base,
    actual: describe(limit, worst),
    status: isOver(limit, worst) ? 'fail' : 'pass',
  };
  if (worst.site !== undefined) result.site = worst.site;
  return result;
}

/** Checks every limit of every rule against every scenario. */
export function evaluateBudgets(
  comparison: Comparison,
  rules: readonly BudgetRule[],
): BudgetResult[] {
  return rules.flatMap((rule) =>
    rule.limits.flatMap((limit) =>
      comparison.scenarios.map((scenario) => evaluateLimit(rule, limit, scenario)),
    ),
  );
}

/**
 * Fail when a budget is exceeded or the head benchmark failed (nothing to trust); warn when
 * only the base side failed (nothing to compare against); pass otherwise.
 */
export function decideVerdict(comparison: Comparison, budgets: readonly BudgetResult[]): Verdict {
  if (budgets.some((b) => b.status === 'fail')) return 'fail';
  const failures = comparison.scenarios.filter((s) => s.status === 'failed');
  if (failures.some((s) => s.error?.side === 'head')) return 'fail';
  if (failures.length > 0) return 'warn';
  return 'pass';
}

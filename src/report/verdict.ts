import type { BudgetMetric } from '../budgets/rules.js';
import type { BudgetResult } from '../budgets/evaluate.js';
import type { Report } from './report.js';

const METRIC_NAME: Record<BudgetMetric, string> = {
  peak: 'peak',
  retained: 'retained',
  site: 'site',
  leak: 'leak per call',
  count: 'retained count',
};

/** What a budget result is about: `peak`, `site app/cache.py:12`. */
export function budgetSubject(budget: BudgetResult): string {
  return budget.metric === 'site' && budget.site
    ? `site ${budget.site}`
    : METRIC_NAME[budget.metric];
}

/** The budget that decided a warn or fail verdict: the first one with the verdict's status. */
export function decidingBudget(report: Report): BudgetResult | undefined {
  if (report.verdict === 'pass') return undefined;
  return report.budgets.find((budget) => budget.status === report.verdict);
}

/** Why a warn-status budget did not fail. */
export function warnCause(budget: BudgetResult): string {
  return budget.noisy ? 'noisy measurement: reported, not failed' : 'warn-level rule';
}

/** The verdict in one plain sentence: the first budget that decided it, or the other cause. */
export function verdictReason(report: Report): string {
  const budget = decidingBudget(report);
  if (budget) {
    const sentence = `${budgetSubject(budget)} of ${budget.scenario} is ${budget.actual}, limit ${budget.limit}`;
    return budget.status === 'fail'
      ? `memory budget exceeded: ${sentence}`
      : `memory budget warning: ${sentence} (${warnCause(budget)})`;
  }
  const failed = (side: 'base' | 'head') =>
    report.scenarios.find((s) => s.status === 'failed' && s.error?.side === side);
  if (report.verdict === 'fail') {
    const head = failed('head');
    return head
      ? `the head benchmark failed: ${head.name} raised ${head.error?.type ?? 'an error'}`
      : 'a budget was exceeded or the head benchmark failed';
  }
  if (report.verdict === 'warn') {
    if (!failed('base') && report.warnings?.length) return report.warnings[0];
    return 'the base side could not be measured; nothing to compare against';
  }
  return 'within budget';
}

import type { BudgetResult } from '../budgets/evaluate.js';
import type { ScenarioComparison } from '../compare/comparison.js';
import { MEASURES, measureOf } from '../compare/measures.js';
import { bothFailed, raisedText } from './failure.js';
import {
  budgetExample,
  changeWithSite,
  headlineChanges,
  siteClause,
  type Change,
  type Words,
} from './lead.js';
import { isNoChange } from './ranking.js';
import type { Report } from './report.js';

/** What a budget result is about: `peak`, `site app/cache.py:12`. */
export function budgetSubject(budget: BudgetResult): string {
  if (budget.metric === 'site') return budget.site ? `site ${budget.site}` : 'site';
  return MEASURES[budget.metric].words.name;
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

/** Plain text: code as is, a site as `file:line`. */
const PLAIN: Words = {
  code: (text) => text,
  site: (site) => `${site.file}:${site.line ?? site.baseLine ?? '?'}`,
};

/**
 * `, most at app/cache.py:41 (+1.00 MiB at the peak)` for a budget on a measure some sites
 * explain (measures.ts); else empty.
 */
function budgetSite(report: Report, budget: BudgetResult): string {
  if (budget.metric === 'site') return '';
  const scenario = report.scenarios.find((s) => s.name === budget.scenario);
  const measure = scenario && measureOf(scenario, budget.metric);
  if (!scenario || !measure?.delta) return '';
  return siteClause(scenario, budget.metric, measure.delta, PLAIN);
}

function failedReason(scenario: ScenarioComparison): string {
  return bothFailed(scenario)
    ? `the base and head benchmarks failed: ${scenario.name} raised ${raisedText(scenario, PLAIN.code)}`
    : `the head benchmark failed: ${scenario.name} raised ${scenario.error?.type || 'an error'}`;
}

/**
 * A passing verdict: the largest change (and a growth no budget checked, when it is another
 * one), whether budgets held, and how to add one when none is set.
 */
function passReason(report: Report): string {
  const checked = report.budgets.some((budget) => budget.status !== 'skip');
  if (isNoChange(report)) return checked ? 'within budget; no memory change' : 'no memory change';
  const { lead, also, unchecked } = headlineChanges(report);
  const what = [lead, also]
    .filter((change): change is Change => change !== undefined)
    .map((change) => changeWithSite(change, PLAIN))
    .join('; ');
  if (unchecked) {
    return checked
      ? `${what}; no budget checks ${unchecked.scenario.name}`
      : `${what}; no budget is set, so nothing was checked: add one, e.g. ${budgetExample(unchecked.metric).flag}`;
  }
  if (!checked) return what || 'no budget is set';
  return what ? `within budget; ${what}` : 'within budget';
}

/** The verdict in one plain sentence: the first budget that decided it, or the other cause. */
export function verdictReason(report: Report): string {
  const budget = decidingBudget(report);
  if (budget) {
    const sentence = `${budgetSubject(budget)} of ${budget.scenario} is ${budget.actual}, limit ${budget.limit}`;
    const where = budgetSite(report, budget);
    return budget.status === 'fail'
      ? `memory budget exceeded: ${sentence}${where}`
      : `memory budget warning: ${sentence} (${warnCause(budget)})${where}`;
  }
  const failed = (side: 'base' | 'head') =>
    report.scenarios.find((s) => s.status === 'failed' && s.error?.side === side);
  if (report.verdict === 'fail') {
    const head = failed('head');
    return head ? failedReason(head) : 'a budget was exceeded or the head benchmark failed';
  }
  if (report.verdict === 'warn') {
    if (!failed('base') && report.warnings?.length) return report.warnings[0];
    return 'the base side could not be measured; nothing to compare against';
  }
  return passReason(report);
}

/** Whether memory grew where no budget looked: the verdict passes, but not as a green one. */
export function grewUnchecked(report: Report): boolean {
  return report.verdict === 'pass' && headlineChanges(report).unchecked !== undefined;
}

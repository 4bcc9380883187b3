/**
 * The budget results of a report by scenario, built once per report: a report of many
 * scenarios, each with its budgets, is rendered in time linear in both, not in their product.
 */
import type { BudgetResult } from '../budgets/evaluate.js';
import { parseSize, sizeUnitsOf } from '../budgets/sizes.js';
import { formatBytes } from '../format/sizes.js';

const INDEXES = new WeakMap<readonly BudgetResult[], ReadonlyMap<string, BudgetResult[]>>();
const NONE: readonly BudgetResult[] = [];

/** The budget results of one scenario, in the report's order. */
export function budgetsOfScenario(
  budgets: readonly BudgetResult[],
  scenario: string,
): readonly BudgetResult[] {
  let index = INDEXES.get(budgets);
  if (index === undefined) {
    const built = new Map<string, BudgetResult[]>();
    for (const budget of budgets) {
      const own = built.get(budget.scenario);
      if (own) own.push(budget);
      else built.set(budget.scenario, [budget]);
    }
    INDEXES.set(budgets, built);
    index = built;
  }
  return index.get(scenario) ?? NONE;
}

/**
 * Why a budget's figure differs from the tables' for one change, when a limit is written in
 * decimal units: `actual` is in the limit's units so that it compares with the limit as
 * written, while the tables use binary ones. Says so once, with the first such limit in both
 * (`+100KB is +97.7 KiB`); undefined when every limit shares the tables' units.
 */
export function budgetUnitsNote(budgets: readonly BudgetResult[]): string | undefined {
  for (const budget of budgets) {
    if (sizeUnitsOf(budget.limit) !== 'decimal') continue;
    const sign = /^\s*[+-]/.exec(budget.limit)?.[0].trim() ?? '';
    const bytes = parseSize(budget.limit.replace(/^\s*[+-]/, ''));
    if (bytes === undefined) continue;
    return (
      `Actual is in its limit's units: KB, MB and GB are powers of 1000, the tables use KiB, MiB ` +
      `and GiB (powers of 1024), so one change reads larger here (${budget.limit} is ${sign}${formatBytes(bytes)})`
    );
  }
  return undefined;
}

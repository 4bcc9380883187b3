/**
 * The budget results of a report by scenario, built once per report: a report of many
 * scenarios, each with its budgets, is rendered in time linear in both, not in their product.
 */
import type { BudgetResult } from '../budgets/evaluate.js';

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

/**
 * The budget results of a report by scenario, built once per report: a report of many
 * scenarios, each with its budgets, is rendered in time linear in both, not in their product.
 * And the rows of the budgets table, where the skips of one rule for a measure many scenarios
 * lack are one line.
 */
import type { BudgetResult, Unmeasured } from '../budgets/evaluate.js';

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

/** The skips of one rule (and limit) in the scenarios that lack its measure, for one reason. */
export interface FoldedSkips {
  /** The first of them: the rule, metric, limit and level they share. */
  first: BudgetResult;
  unmeasured: Unmeasured;
  scenarios: string[];
}

/** A row of the budgets table: one result, or the skips folded into one. */
export type BudgetRow = { result: BudgetResult } | { folded: FoldedSkips };

/**
 * The rows of the budgets table, in the results' order: the skips of a rule for a measure that
 * two or more scenarios lack, for the same reason, become one row where the first of them was.
 */
export function budgetRows(budgets: readonly BudgetResult[]): BudgetRow[] {
  const groups = new Map<string, FoldedSkips>();
  const keyOf = (result: BudgetResult, unmeasured: Unmeasured) =>
    JSON.stringify([result.rule, result.limit, result.level, unmeasured.what, unmeasured.why]);
  for (const result of budgets) {
    if (result.status !== 'skip' || !result.unmeasured) continue;
    const key = keyOf(result, result.unmeasured);
    const group = groups.get(key);
    if (group) group.scenarios.push(result.scenario);
    else
      groups.set(key, {
        first: result,
        unmeasured: result.unmeasured,
        scenarios: [result.scenario],
      });
  }
  const rows: BudgetRow[] = [];
  for (const result of budgets) {
    const group =
      result.status === 'skip' && result.unmeasured
        ? groups.get(keyOf(result, result.unmeasured))
        : undefined;
    if (!group || group.scenarios.length < 2) rows.push({ result });
    else if (group.first === result) rows.push({ folded: group });
  }
  return rows;
}

/** The scenarios a folded row shows by name; the others are counted. */
export const FOLDED_NAMES_SHOWN = 2;

/**
 * What a folded row says: `leak per call not measured for 40 tests: why` (`tests` when every
 * one of them is a pytest test among `scenarios`, else `scenarios`).
 */
export function foldedReason(
  folded: FoldedSkips,
  scenarios: readonly { name: string; kind?: string }[],
): string {
  const tests = new Set(scenarios.filter((s) => s.kind === 'test').map((s) => s.name));
  const noun = folded.scenarios.every((name) => tests.has(name)) ? 'tests' : 'scenarios';
  const { what, why } = folded.unmeasured;
  return `${what} not measured for ${folded.scenarios.length} ${noun}${why ? `: ${why}` : ''}`;
}

/**
 * The budget results of a report by scenario, built once per report: a report of many
 * scenarios, each with its budgets, is rendered in time linear in both, not in their product.
 * And the rows of the budgets table, where the skips of one rule for a measure many scenarios
 * lack are one line.
 */
import type { BudgetResult, Unmeasured } from '../budgets/evaluate.js';
import { parseSize, sizeUnitsOf } from '../budgets/sizes.js';
import { verdictCauses } from '../budgets/verdict.js';
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
    // A skipped rule has no figure to compare.
    if (budget.status === 'skip' || sizeUnitsOf(budget.limit) !== 'decimal') continue;
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

/** How a budget rule written as a test's marker starts: `allocdiff(`, `limit_leaks(`, …. */
const MARKER_RULE = /^(allocdiff|limit_memory|limit_leaks)\(/;

/**
 * A budget table's rule cell, plain: the marker as written on the test, with the measure it
 * limits (`limit_leaks("1 KB") (site)`), so that a marker's row is told from a config rule's;
 * else the measure (`site`). `code` writes the marker as code.
 */
export function ruleCell(budget: BudgetResult, code: (text: string) => string = (t) => t): string {
  return MARKER_RULE.test(budget.rule) ? `${code(budget.rule)} (${budget.metric})` : budget.metric;
}

/** The order of a budgets table: what decided the verdict first. */
const STATUS_ORDER: Readonly<Record<BudgetResult['status'], number>> = {
  fail: 0,
  warn: 1,
  skip: 2,
  pass: 3,
};

/** Passing budgets a report lists in full; beyond that, those of the scenarios in its table. */
export const PASSES_LISTED = 10;

/**
 * The budgets a table lists, failures first, then warnings (each the furthest over its limit
 * first, as the verdict orders them) and the skipped, the passes last: every one (`all`), or all
 * but the passes when there are many of them, the passes of the scenarios in the table
 * (`inTable`) being listed when they are few. `holding`: the passes left out, which the table
 * counts.
 */
export function listedBudgets(
  budgets: readonly BudgetResult[],
  inTable: ReadonlySet<string>,
  all = false,
): { shown: BudgetResult[]; holding: number } {
  const rank = new Map<BudgetResult, number>();
  verdictCauses({ scenarios: [] }, budgets).forEach((cause, at) => {
    if ('budget' in cause) rank.set(cause.budget, at);
  });
  const ordered = budgets
    .map((budget, at) => ({ budget, at }))
    .sort(
      (a, b) =>
        STATUS_ORDER[a.budget.status] - STATUS_ORDER[b.budget.status] ||
        (rank.get(a.budget) ?? a.at) - (rank.get(b.budget) ?? b.at),
    )
    .map(({ budget }) => budget);
  if (all) return { shown: ordered, holding: 0 };
  const passing = budgets.filter((b) => b.status === 'pass');
  const passesOfTable = passing.filter((b) => inTable.has(b.scenario)).length;
  const listPass = (b: BudgetResult) =>
    passing.length <= PASSES_LISTED || (passesOfTable <= PASSES_LISTED && inTable.has(b.scenario));
  const shown = ordered.filter((b) => b.status !== 'pass' || listPass(b));
  return { shown, holding: budgets.length - shown.length };
}

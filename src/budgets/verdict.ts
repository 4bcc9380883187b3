/**
 * The verdict and its causes, as data: decided here once, from the scenarios' outcomes, the
 * budget results and the rules that could not be checked. Full mode decides a new report's
 * verdict with it; report mode decides an artifact's again from its validated parts; every
 * renderer puts the causes into its own words (src/report/verdict.ts) and decides nothing.
 */
import type { ScenarioComparison } from '../compare/comparison.js';
import { MEASURES, measureOf } from '../compare/measures.js';
import type { BudgetResult, Verdict } from './evaluate.js';

/** Something in a comparison that makes the verdict a warning or a failure. */
export type VerdictCause =
  /** A fail-level budget exceeded for real. */
  | { kind: 'budget-failed'; budget: BudgetResult }
  /**
   * A scenario failed on `side` (head when both sides failed: `scenario.baseError` is base's).
   * Without a side (a failure with no error recorded) it weighs as a base failure.
   */
  | { kind: 'benchmark-failed'; scenario: ScenarioComparison; side?: 'head' | 'base' }
  /**
   * A test (or `bench_*` function) that failed on base too, raising the same type of error: not
   * the pull request's doing, and a warning (the other scenarios were measured).
   */
  | { kind: 'failed-before'; scenario: ScenarioComparison }
  /** A warn-level budget exceeded, or any budget exceeded within the noise of its repeats. */
  | { kind: 'budget-warned'; budget: BudgetResult; because: 'noisy' | 'warn-level' }
  /** A rule that could not be checked at all (an override matching no scenario, …). */
  | { kind: 'not-checked'; warning: string };

/** What a cause makes of the verdict. */
export function levelOf(cause: VerdictCause): Exclude<Verdict, 'pass'> {
  switch (cause.kind) {
    case 'budget-failed':
      return 'fail';
    case 'benchmark-failed':
      return cause.side === 'head' ? 'fail' : 'warn';
    case 'budget-warned':
    case 'failed-before':
    case 'not-checked':
      return 'warn';
  }
}

/**
 * Whether a scenario is one part of the benchmark (a test, a function) that failed on base and
 * head alike, raising the same type of error: failing before this pull request. A whole script
 * or command that failed on both sides measured nothing, and stays a failure.
 */
export function failedBefore(scenario: ScenarioComparison): boolean {
  const { error, baseError } = scenario;
  return (
    scenario.status === 'failed' &&
    (scenario.kind === 'test' || scenario.kind === 'function') &&
    error?.side === 'head' &&
    baseError !== undefined &&
    baseError.type === error.type
  );
}

/**
 * Every cause, the most severe first: benchmarks (tests) that failed on head and not on base (the
 * pull request broke them: nothing of them to trust, and a reviewer's first concern), exceeded
 * fail-level budgets (on what the pull request changed first, then the furthest over its limit
 * first), warned budgets (the same way), tests
 * that failed on base too, benchmarks that failed on base (nothing to compare against), rules not
 * checked; failures that name no side last.
 */
export function verdictCauses(
  comparison: { scenarios: readonly ScenarioComparison[] },
  budgets: readonly BudgetResult[],
  warnings: readonly string[] = [],
): VerdictCause[] {
  const failed = comparison.scenarios.filter((s) => s.status === 'failed');
  const failedOn = (side: 'head' | 'base'): VerdictCause[] =>
    failed
      .filter((scenario) => scenario.error?.side === side && !failedBefore(scenario))
      .map((scenario) => ({ kind: 'benchmark-failed', scenario, side }));
  const before = overBefore(comparison);
  return [
    ...failedOn('head'),
    ...changedFirst(before, worstFirst(budgets.filter((b) => b.status === 'fail'))).map(
      (budget): VerdictCause => ({ kind: 'budget-failed', budget }),
    ),
    ...changedFirst(before, worstFirst(budgets.filter((b) => b.status === 'warn'))).map(
      (budget): VerdictCause => ({
        kind: 'budget-warned',
        budget,
        because: budget.noisy ? 'noisy' : 'warn-level',
      }),
    ),
    ...failed
      .filter(failedBefore)
      .map((scenario): VerdictCause => ({ kind: 'failed-before', scenario })),
    ...failedOn('base'),
    ...warnings.map((warning): VerdictCause => ({ kind: 'not-checked', warning })),
    ...failed
      .filter((scenario) => scenario.error === undefined)
      .map((scenario): VerdictCause => ({ kind: 'benchmark-failed', scenario })),
  ];
}

/**
 * Whether an exceeded budget judges a figure this pull request did not change: a ceiling the
 * scenario was over on base already, by the same figure (within the measure's tolerance). A
 * site's figure is not told apart: it counts as changed. The scenarios are looked up by name,
 * indexed once, when a ceiling asks.
 */
export function overBefore(comparison: {
  scenarios: readonly ScenarioComparison[];
}): (budget: BudgetResult) => boolean {
  let byName: Map<string, ScenarioComparison> | undefined;
  return (budget) => {
    // Only a ceiling (`2MiB`, no sign) can be over with a figure that did not change.
    if (budget.metric === 'site' || /^[+-]/.test(budget.limit)) return false;
    byName ??= new Map(comparison.scenarios.map((scenario) => [scenario.name, scenario]));
    const scenario = byName.get(budget.scenario);
    const measure = scenario && measureOf(scenario, budget.metric);
    return (
      measure?.delta !== undefined &&
      measure.delta !== null &&
      measure.base !== null &&
      Math.abs(measure.delta) <= MEASURES[budget.metric].tolerance.change
    );
  };
}

/**
 * Exceeded budgets on what the pull request changed before those it did not (`overBefore`): a
 * figure over its ceiling on base already must not push out the change the pull request made.
 */
function changedFirst(
  before: (budget: BudgetResult) => boolean,
  budgets: readonly BudgetResult[],
): BudgetResult[] {
  return [...budgets.filter((budget) => !before(budget)), ...budgets.filter(before)];
}

/**
 * Exceeded budgets, the furthest over first: byte figures by how many bytes past the limit, then
 * allocation counts, then those whose distance is not known (a report written before it was
 * kept), each group in the order checked.
 */
function worstFirst(budgets: readonly BudgetResult[]): BudgetResult[] {
  const group = (budget: BudgetResult) =>
    budget.over === undefined ? 2 : budget.metric === 'count' ? 1 : 0;
  return budgets
    .map((budget, order) => ({ budget, order }))
    .sort(
      (a, b) =>
        group(a.budget) - group(b.budget) ||
        (b.budget.over ?? 0) - (a.budget.over ?? 0) ||
        a.order - b.order,
    )
    .map(({ budget }) => budget);
}

/** The verdict its causes make: the most severe one's level, pass when there is none. */
export function verdictOf(causes: readonly VerdictCause[]): Verdict {
  return causes.length === 0 ? 'pass' : levelOf(causes[0]);
}

/**
 * Fail when a fail-level budget is exceeded or the head benchmark failed (nothing to trust).
 * Warn when a warn-level budget is exceeded, or one within the noise of its repeats, a rule
 * could not be checked, a test failed on base the same way as on head (not this pull
 * request's doing), or only the base side failed (nothing to compare against). Pass
 * otherwise. The one derivation of a verdict: full mode and report mode both call it.
 */
export function decideVerdict(
  comparison: { scenarios: readonly ScenarioComparison[] },
  budgets: readonly BudgetResult[],
  warnings: readonly string[] = [],
): Verdict {
  return verdictOf(verdictCauses(comparison, budgets, warnings));
}

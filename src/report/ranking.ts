import { groupDigits } from '../format/sizes.js';
import type { Measure, ScenarioComparison } from '../compare/comparison.js';
import {
  changedBeyond,
  MEASURE_NAMES,
  MEASURES,
  measureOf,
  measuresWhere,
  type MeasureName,
  type MeasureSpec,
} from '../compare/measures.js';
import { scenarioAgrees } from '../compare/agreement.js';
import { withinNoise } from '../compare/noise.js';
import { verdictCauses } from '../budgets/verdict.js';
import { budgetsOfScenario } from './budget-index.js';
import type { Report } from './report.js';

/** Whether anything about a scenario differs between base and head (beyond a measure's tolerance). */
export function scenarioChanged(scenario: ScenarioComparison): boolean {
  return (
    scenario.status !== 'ok' ||
    MEASURE_NAMES.some((name) =>
      changedBeyond(measureOf(scenario, name), MEASURES[name].tolerance.change),
    ) ||
    scenario.sites.length > 0
  );
}

/** The measures each report shows beside the fixed ones, found once per report. */
const SHOWN = new WeakMap<Report, readonly MeasureName[]>();

/**
 * The measures shown only when they changed (measures.ts) that a report shows: those that
 * changed by more than their tolerance in some scenario, or that a budget names. Found once
 * per report, so rendering it again and again stays linear.
 */
export function changedMeasures(report: Report): readonly MeasureName[] {
  let shown = SHOWN.get(report);
  if (shown === undefined) {
    const named = new Set<string>(report.budgets.map((budget) => budget.metric));
    shown = measuresWhere((spec) => spec.shown === 'changed').filter(
      (name) =>
        named.has(name) ||
        report.scenarios.some((scenario) =>
          changedBeyond(measureOf(scenario, name), MEASURES[name].tolerance.change),
        ),
    );
    SHOWN.set(report, shown);
  }
  return shown;
}

export function changedScenarios(report: Report): ScenarioComparison[] {
  return report.scenarios.filter(scenarioChanged);
}

/** A passing report in which no scenario changed at all: the short comment. */
export function isNoChange(report: Report): boolean {
  return (
    report.verdict === 'pass' &&
    (report.warnings ?? []).length === 0 &&
    report.scenarios.length > 0 &&
    changedScenarios(report).length === 0
  );
}

/** 0: failed head or over a fail budget; 1: a warning or a failed base; 2: the rest. */
function severity(report: Report, scenario: ScenarioComparison): number {
  const own = budgetsOfScenario(report.budgets, scenario.name);
  if (scenario.status === 'failed' && scenario.error?.side === 'head') return 0;
  if (own.some((budget) => budget.status === 'fail')) return 0;
  if (scenario.status === 'failed' || own.some((budget) => budget.status === 'warn')) return 1;
  return 2;
}

/** How much peak memory a scenario added: a new one adds its whole peak, a removed one frees it. */
function peakGrowth(scenario: ScenarioComparison): number {
  if (scenario.status === 'new') return scenario.peak.head ?? 0;
  if (scenario.status === 'removed') return -(scenario.peak.base ?? 0);
  return scenario.peak.delta ?? 0;
}

/** Worst first by what grew: peak growth, then retained growth (0: as bad, keep their order). */
export function byGrowth(a: ScenarioComparison, b: ScenarioComparison): number {
  return peakGrowth(b) - peakGrowth(a) || (b.retained.delta ?? 0) - (a.retained.delta ?? 0);
}

/** By how much retained memory changed (either way), most first; then as `byGrowth`. */
export function byRetainedChange(a: ScenarioComparison, b: ScenarioComparison): number {
  return Math.abs(b.retained.delta ?? 0) - Math.abs(a.retained.delta ?? 0) || byGrowth(a, b);
}

/** The scenario the verdict leads with (the first of its causes that names one), if any. */
function leadName(report: Report): string | undefined {
  for (const cause of verdictCauses(report, report.budgets)) {
    if ('budget' in cause) return cause.budget.scenario;
    if ('scenario' in cause) return cause.scenario.name;
  }
  return undefined;
}

/**
 * Scenarios worst first: the one the verdict leads with (a benchmark the pull request broke, the
 * budget furthest over its limit), then failures and broken budgets, then by peak growth, then
 * retained growth.
 */
export function rankScenarios(report: Report): ScenarioComparison[] {
  const lead = leadName(report);
  const leads = (scenario: ScenarioComparison) => (scenario.name === lead ? 0 : 1);
  return report.scenarios
    .map((scenario, index) => ({ scenario, index, severity: severity(report, scenario) }))
    .sort(
      (a, b) =>
        leads(a.scenario) - leads(b.scenario) ||
        a.severity - b.severity ||
        byGrowth(a.scenario, b.scenario) ||
        a.index - b.index,
    )
    .map((entry) => entry.scenario);
}

/**
 * A figure that changed for real: by more than its measure's tolerance and by `minimum` bytes
 * or more, beyond what its repeats vary by (a noisy figure whose base and head repeats overlap
 * did not change for sure), or rising call after call on one side only.
 */
function movedFor(measure: Measure | undefined, tolerance: number, minimum: number): boolean {
  if (!measure) return false;
  if ((measure.headGrowth ?? 0) !== (measure.baseGrowth ?? 0)) return true;
  if (!changedBeyond(measure, tolerance) || Math.abs(measure.delta ?? 0) < minimum) return false;
  return !withinNoise(measure);
}

/** The minimum change the report's sites were shown by (0: every change). */
export function minimumChangeOf(report: Report): number {
  return report.hiddenSites?.minimumChange ?? 0;
}

/**
 * Whether a scenario is listed among the changed ones: a failed, new or removed scenario, one
 * over (or warned by) a budget, or one with an exact figure (tracemalloc's) or a shown site that
 * changed for real (steady, or beyond the noise of its repeats) and by the minimum change at
 * least. An inexact figure (RSS, the process's) alone lists none unless its budget warns or
 * fails: what ran before in the same process moves it (memory an earlier scenario freed stays
 * resident). The others are "unchanged", counted in one line: the same byte for byte, or
 * different only within noise, within the first pass's tolerances, by less than the minimum
 * change, or in an inexact figure alone.
 */
export function isListedChange(report: Report, scenario: ScenarioComparison): boolean {
  if (scenario.status !== 'ok') return true;
  const own = budgetsOfScenario(report.budgets, scenario.name);
  if (own.some((budget) => budget.status === 'fail' || budget.status === 'warn')) return true;
  // Within the tolerances the first pass calls the sides the same by (a peak some tens of bytes
  // apart, measured once): no change, as the verdict and the first pass themselves say.
  if (scenarioAgrees(scenario)) return false;
  const minimum = minimumChangeOf(report);
  const moved = MEASURE_NAMES.some((name) => {
    const spec: MeasureSpec = MEASURES[name];
    if (!spec.exact) return false;
    // A count of blocks is judged by its bytes when a minimum change (in bytes) is set.
    if (spec.unit === 'count' && minimum > 0) return false;
    return movedFor(
      measureOf(scenario, name),
      spec.tolerance.change,
      spec.unit === 'bytes' ? minimum : 0,
    );
  });
  if (moved) return true;
  // The sites shown already changed by the minimum at least (the others were left out).
  return scenario.sites.some(
    (site) =>
      !withinNoise({
        base: site.baseSize,
        head: site.headSize,
        ...site,
      }),
  );
}

/** The changed scenarios a report lists, worst first (see `isListedChange`). */
export function listedChanges(report: Report): ScenarioComparison[] {
  return rankScenarios(report).filter((scenario) => isListedChange(report, scenario));
}

/**
 * Test, process or scenario: what a report's scenarios are to its reader. `pytest`: whether the
 * report has tests (found once per report, not once per scenario).
 */
function noun(pytest: boolean, scenario: ScenarioComparison): [string, string] {
  // A process a command ran is one, in either mode: beside the command's own failed scenario,
  // `1 process unchanged, 1 changed` does not read as one scenario counted twice.
  if (scenario.kind === 'process') return ['process', 'processes'];
  return pytest && scenario.kind === 'test' ? ['test', 'tests'] : ['scenario', 'scenarios'];
}

/** What the line of unchanged scenarios says, for the comment and the terminal alike. */
export interface UnchangedLine {
  /** `655 tests and 1 process`: the scenarios not listed, by what they are. */
  unchanged: string;
  /** How many of them differ, within noise or by less than the minimum change. */
  slight: number;
  /**
   * How many of the `slight` differ within the tolerance one run calls the sides the same by
   * (`scenarioAgrees`) and had no repeats that varied: not within the noise of repeats.
   */
  tolerated: number;
  /**
   * How many of the `slight` differ in inexact figures alone (`inexactOnly`), and the words of
   * those figures (`peak RSS`).
   */
  inexact: number;
  inexactSubjects: readonly string[];
  listed: number;
  /** The minimum change, when one is set. */
  minimum: number;
}

/** The scenarios not listed, counted; undefined when every scenario is listed. */
export function unchangedLine(
  report: Report,
  listed: readonly ScenarioComparison[],
): UnchangedLine | undefined {
  const shown = new Set(listed);
  const counts = new Map<string, { one: string; many: string; count: number }>();
  let slight = 0;
  let tolerated = 0;
  let inexact = 0;
  const inexactSubjects = new Set<string>();
  const pytest = report.scenarios.some((s) => s.kind === 'test');
  for (const scenario of report.scenarios) {
    if (shown.has(scenario)) continue;
    if (scenarioChanged(scenario)) {
      slight += 1;
      const only = inexactOnly(scenario);
      if (only.length > 0) {
        inexact += 1;
        for (const subject of only) inexactSubjects.add(subject);
      } else if (scenarioAgrees(scenario) && !noisy(scenario)) tolerated += 1;
    }
    const [one, many] = noun(pytest, scenario);
    const entry = counts.get(one) ?? { one, many, count: 0 };
    entry.count += 1;
    counts.set(one, entry);
  }
  if (counts.size === 0) return undefined;
  const parts = [...counts.values()].map(
    ({ one, many, count }) => `${groupDigits(count)} ${count === 1 ? one : many}`,
  );
  const unchanged =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return {
    unchanged,
    slight,
    tolerated,
    inexact,
    inexactSubjects: [...inexactSubjects],
    listed: listed.length,
    minimum: minimumChangeOf(report),
  };
}

/**
 * The words of the inexact figures (`peak RSS`) in which alone a scenario differs beyond their
 * tolerance, its exact ones and its sites the same; empty when it differs otherwise.
 */
function inexactOnly(scenario: ScenarioComparison): string[] {
  if (scenario.status !== 'ok' || scenario.sites.length > 0) return [];
  const moved = MEASURE_NAMES.filter((name) =>
    changedBeyond(measureOf(scenario, name), MEASURES[name].tolerance.change),
  );
  if (moved.length === 0 || moved.some((name) => MEASURES[name].exact)) return [];
  return moved.map((name) => MEASURES[name].words.subject);
}

/** Whether any measure of a scenario varied over its repeats. */
function noisy(scenario: ScenarioComparison): boolean {
  return MEASURE_NAMES.some((name) => measureOf(scenario, name)?.noisy === true);
}

/**
 * How the scenarios an unchanged line counts as differing differ: `within the noise of their
 * repeats` (`noise` says it) only for those not within one run's tolerance, since a scenario
 * measured once has no repeats to be noisy against.
 */
export function slightWhy(
  line: UnchangedLine,
  formatSize: (bytes: number) => string,
  noise: string,
): string {
  const why: string[] = [];
  if (line.minimum > 0) why.push(`by less than the minimum change of ${formatSize(line.minimum)}`);
  if (line.tolerated > 0) why.push("within a single run's tolerance");
  if (line.inexact > 0)
    why.push(
      `in ${line.inexactSubjects.join(' and ')}, a figure of the whole process, moved by what ran before in it`,
    );
  if (line.slight > line.tolerated + line.inexact) why.push(`within ${noise}`);
  return why.length === 1 && line.minimum === 0 ? `only ${why[0]}` : why.join(' or ');
}

/** The tests measured in depth whose objects were not counted, and how to count them all. */
export function objectsNotCountedText(notCounted: { why: string }): string {
  const why = notCounted.why.charAt(0).toUpperCase() + notCounted.why.slice(1);
  return `${why} (\`object-types-tests: 0\` counts every test).`;
}

/**
 * The tests not run on either side, the evidence, and how to trace them all; said plainly when
 * no one asked for the selection (it is the default).
 */
export function testsNotRunText(notRun: { why: string; by?: 'default' | 'setting' }): string {
  const why = notRun.why.charAt(0).toUpperCase() + notRun.why.slice(1);
  if (notRun.by === 'default') {
    return `${why}. Tests are selected by default; \`select-tests: false\` (\`--no-select-tests\`) traces every test.`;
  }
  return `${why} (\`select-tests: false\` traces every test).`;
}

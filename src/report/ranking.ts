import type { ScenarioComparison } from '../compare/comparison.js';
import {
  changedBeyond,
  MEASURE_NAMES,
  MEASURES,
  measureOf,
  measuresWhere,
  type MeasureName,
} from '../compare/measures.js';
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

/** Scenarios worst first: failures and broken budgets, then by peak growth, then retained growth. */
export function rankScenarios(report: Report): ScenarioComparison[] {
  return report.scenarios
    .map((scenario, index) => ({ scenario, index, severity: severity(report, scenario) }))
    .sort(
      (a, b) =>
        a.severity - b.severity ||
        peakGrowth(b.scenario) - peakGrowth(a.scenario) ||
        (b.scenario.retained.delta ?? 0) - (a.scenario.retained.delta ?? 0) ||
        a.index - b.index,
    )
    .map((entry) => entry.scenario);
}

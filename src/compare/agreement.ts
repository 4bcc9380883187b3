/**
 * Whether a cheap first pass (one run per side) already shows base and head the same, so the
 * repeats, object counts and peak sites need not be paid for.
 */
import type { Comparison, ScenarioComparison } from './comparison.js';
import { changedBeyond, MEASURE_NAMES, MEASURES, measureOf } from './measures.js';
import { callsInOneProcess } from './noise.js';

/** A whole script's peak may differ by this much between sides that agree (see measures.ts). */
export const PEAK_TOLERANCE_BYTES = MEASURES.peak.tolerance.firstPass;

/**
 * Whether a cheap first pass (one run per side), compared, already shows base and head the
 * same: every scenario measured on both sides, each measure within its first-pass tolerance
 * (measures.ts: retained totals equal, peaks within PEAK_TOLERANCE_BYTES; a measure neither side
 * took is no difference, one side's alone is), and no site that differs. Then repeats, object
 * counts and the rest have nothing to explain, and are not paid for.
 */
export function sidesAgree(comparison: Comparison): boolean {
  return comparison.scenarios.length > 0 && comparison.scenarios.every(scenarioAgrees);
}

/**
 * Whether a scenario measured the same on both sides (see `sidesAgree`). A `bench_*` function
 * that does not may grow call after call, which only its in-process repeats show: it gets them
 * all, where one that agrees stops once a repeat reproduces its first run (script-backend.ts).
 */
export function scenarioAgrees(s: ScenarioComparison): boolean {
  return (
    s.status === 'ok' &&
    MEASURE_NAMES.every((name) => {
      const measure = measureOf(s, name);
      if (measure === undefined) return true;
      return measure.delta !== null && !changedBeyond(measure, MEASURES[name].tolerance.firstPass);
    }) &&
    s.sites.length === 0
  );
}

/**
 * The scenarios a first pass measured on both sides whose peaks differ by more than
 * PEAK_TOLERANCE_BYTES: those whose sites at the peak `peak-sites: auto` finds.
 */
export function peaksChanged(comparison: Comparison): string[] {
  return comparison.scenarios
    .filter((s) => s.status === 'ok' && Math.abs(s.peak.delta ?? 0) > PEAK_TOLERANCE_BYTES)
    .map((s) => s.name);
}

/** Leak-check calls per function when a first pass found a function's retained memory changed. */
export const AUTOMATIC_LEAK_CALLS = 5;

/**
 * Whether a first pass found a `bench_*` function or a pytest test whose retained memory
 * changed: its repeats then measure one call each, so only a leak check says what each call
 * keeps.
 */
export function functionRetainedChanged(comparison: Comparison): boolean {
  return comparison.scenarios.some(
    (s) =>
      s.status === 'ok' &&
      s.kind !== undefined &&
      callsInOneProcess(s.kind) &&
      (s.retained.delta ?? 0) !== 0,
  );
}

/**
 * The scenarios a deep pass is for: those a first pass did not find the same on both sides
 * (see `scenarioAgrees`), unless failed (a further run measures nothing of a failure).
 */
export function differingScenarios(comparison: Comparison): string[] {
  return comparison.scenarios
    .filter((s) => s.status !== 'failed' && !scenarioAgrees(s))
    .map((s) => s.name);
}

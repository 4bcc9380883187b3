/**
 * Whether a cheap first pass (one run per side) already shows base and head the same, so the
 * repeats, object counts and peak sites need not be paid for.
 */
import type { Comparison, ScenarioComparison } from './comparison.js';
import { changedBeyond, MEASURE_NAMES, MEASURES, measureOf, type MeasureName } from './measures.js';
import { callsInOneProcess } from './noise.js';

/** A whole script's peak may differ by this much between sides that agree (see measures.ts). */
export const PEAK_TOLERANCE_BYTES = MEASURES.peak.tolerance.firstPass;

/**
 * A pytest test's peak is its call's alone (imports and collection are not in it), often a few
 * kilobytes: a difference of more than this share of its base peak is no tolerance's, and the
 * test is measured again in depth, where its calls tell a change (a structure a few bytes wider
 * per item) from noise.
 */
export const TEST_PEAK_TOLERANCE_SHARE = 0.01;

/**
 * How much a measure of a scenario may differ between a first run of each side that agree: the
 * measure's first-pass tolerance (measures.ts), and for a test's peak no more than
 * TEST_PEAK_TOLERANCE_SHARE of its base peak.
 */
export function firstPassTolerance(s: ScenarioComparison, name: MeasureName): number {
  const tolerance = MEASURES[name].tolerance.firstPass;
  if (name !== 'peak' || s.kind !== 'test' || s.peak.base === null) return tolerance;
  return Math.min(tolerance, Math.floor(s.peak.base * TEST_PEAK_TOLERANCE_SHARE));
}

/**
 * Whether a cheap first pass (one run per side), compared, already shows base and head the
 * same: every scenario measured on both sides, each measure within its first-pass tolerance
 * (measures.ts: retained totals equal, peaks within PEAK_TOLERANCE_BYTES, a test's within
 * `firstPassTolerance`; a measure neither side took is no difference, one side's alone is), and
 * no site that differs. Then repeats, object counts and the rest have nothing to explain, and
 * are not paid for.
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
      return measure.delta !== null && !changedBeyond(measure, firstPassTolerance(s, name));
    }) &&
    s.sites.length === 0
  );
}

/**
 * A hooked run reaches its peak within a few percent of the measured one (collections come at
 * other moments under the hooks), and keeps the sites of a level within half a percent of it: a
 * peak change smaller than this share of the larger peak is one its sites cannot show, so no
 * hooked run is spent on it (the same share as a test's first-pass tolerance).
 */
export const PEAK_SITES_SHARE = TEST_PEAK_TOLERANCE_SHARE;

/**
 * The scenarios a first pass measured on both sides whose peaks changed: by more than their
 * tolerance (`firstPassTolerance`), by the minimum change at least (as the reports list a
 * change), and by more than PEAK_SITES_SHARE of the larger peak. Those are the ones whose sites
 * at the peak `peak-sites: auto` finds.
 */
export function peaksChanged(comparison: Comparison, minimumChange = 0): string[] {
  return comparison.scenarios
    .filter((s) => {
      if (s.status !== 'ok') return false;
      const change = Math.abs(s.peak.delta ?? 0);
      const larger = Math.max(s.peak.base ?? 0, s.peak.head ?? 0);
      return (
        change > firstPassTolerance(s, 'peak') &&
        change >= minimumChange &&
        change > larger * PEAK_SITES_SHARE
      );
    })
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

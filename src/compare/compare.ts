import {
  PEAK_SITES_MISSED,
  siteListOf,
  type Snapshot,
  type SnapshotScenario,
} from '../capture/snapshot.js';
import type { LineMap } from '../sides/line-map.js';
import type { Comparison, ScenarioComparison } from './comparison.js';
import {
  MEASURE_NAMES,
  MEASURES,
  measureOf,
  measuresWhere,
  type Measure,
  type MeasureFields,
  type MeasureName,
} from './measures.js';
import {
  coldCallsOf,
  isDeterministic,
  leakRoseSteadily,
  leakSpread,
  recordSpreads,
  repeatSpread,
} from './noise.js';
import { leakSiteDeltas, objectTypeDeltas, peakSiteDeltas } from './scenario-details.js';
import { retentionFindings } from './retention.js';
import { compareSites } from './sites.js';

/**
 * A measure on both sides, with its ranges where its repeats differ on either side: noisy, or
 * growing call after call (a leak, with its growth per call). Undefined for a measure that is
 * present only once measured and that neither side measured.
 */
function compareMeasure(
  name: MeasureName,
  base: SnapshotScenario | undefined,
  head: SnapshotScenario | undefined,
): Measure | undefined {
  const spec = MEASURES[name];
  // A side that failed before measuring anything (no repeat) has no figures, not zeros.
  const read = (side: SnapshotScenario | undefined) =>
    side === undefined || (side.status === 'failed' && side.repeats.length === 0)
      ? null
      : (spec.read(side) ?? null);
  const b = read(base);
  const h = read(head);
  if (spec.presence === 'measured' && b === null && h === null) return undefined;
  const result: Measure = { base: b, head: h, delta: b !== null && h !== null ? h - b : null };
  if (spec.repeat !== undefined) {
    const repeat = spec.repeat;
    recordSpreads(
      result,
      base?.status === 'ok' ? repeatSpread(base, name, repeat) : undefined,
      head?.status === 'ok' ? repeatSpread(head, name, repeat) : undefined,
    );
  } else if (name === 'leak') {
    // Taken once per side: its own calls and the scenario's repeats tell whether it is steady.
    recordSpreads(result, base && leakSpread(base), head && leakSpread(head));
  }
  return result;
}

/** The measures of a scenario, each under its field, in the order of the table. */
function compareMeasures(
  names: readonly MeasureName[],
  base: SnapshotScenario | undefined,
  head: SnapshotScenario | undefined,
): Partial<MeasureFields> {
  const fields: Record<string, Measure> = {};
  for (const name of names) {
    const measure = compareMeasure(name, base, head);
    if (measure) fields[MEASURES[name].field] = measure;
  }
  return fields;
}

/** Both sides were the same in every repeat; undefined when either side could not tell. */
function deterministicOf(
  base: SnapshotScenario | undefined,
  head: SnapshotScenario | undefined,
): boolean | undefined {
  const sides = [base, head].filter((side) => side !== undefined).map(isDeterministic);
  if (sides.length === 0 || sides.includes(undefined)) return undefined;
  return sides.every(Boolean);
}

/** A side's scenario as far as its figures go: undefined when it failed and measured nothing. */
function measuredSide(side: SnapshotScenario | undefined): SnapshotScenario | undefined {
  return side?.status === 'failed' && side.repeats.length === 0 ? undefined : side;
}

const ALWAYS = measuresWhere((spec) => spec.presence === 'always');
const ONCE_MEASURED = measuresWhere((spec) => spec.presence === 'measured');

function compareScenario(
  name: string,
  base: SnapshotScenario | undefined,
  head: SnapshotScenario | undefined,
  lineMap: LineMap,
  peaksMissed: { base?: string; head?: string } = {},
): ScenarioComparison {
  const failed = [
    head?.status === 'failed' ? { side: 'head' as const, scenario: head } : undefined,
    base?.status === 'failed' ? { side: 'base' as const, scenario: base } : undefined,
  ].find((entry) => entry !== undefined);
  const status = failed ? 'failed' : !base ? 'new' : !head ? 'removed' : 'ok';
  const comparison: ScenarioComparison = {
    name,
    status,
    kind: (head ?? base)?.kind ?? 'script',
    repeats: { base: base?.repeats.length ?? 0, head: head?.repeats.length ?? 0 },
    // A side that failed before any measured run has no figures: absent, never 0.
    ...(compareMeasures(ALWAYS, measuredSide(base), measuredSide(head)) as MeasureFields),
    // The tables the snapshots were read into: objects are made for the changed sites only.
    sites: compareSites(siteListOf(base), siteListOf(head), lineMap, {
      ...(base ? { baseKind: base.kind } : {}),
      ...(head ? { headKind: head.kind } : {}),
      ...(leakRoseSteadily(base) ? { baseLeakSteps: true } : {}),
      ...(leakRoseSteadily(head) ? { headLeakSteps: true } : {}),
    }),
  };
  const deterministic = failed ? undefined : deterministicOf(base, head);
  if (deterministic !== undefined) comparison.deterministic = deterministic;
  const proven = [base, head].filter((side) => side !== undefined).map((s) => s.identicalRuns);
  if (!failed && proven.length > 0 && proven.every((runs) => runs !== undefined))
    comparison.identicalRuns = Math.min(...proven);
  Object.assign(comparison, compareMeasures(ONCE_MEASURED, base, head));
  denyRisesTheLeakCheckDenies(comparison);
  judgeFirstCalls(comparison, base, head);
  const leakSites = leakSiteDeltas(base, head, lineMap);
  if (leakSites) comparison.leakSites = leakSites;
  const objectTypes = objectTypeDeltas(base, head);
  if (objectTypes) comparison.objectTypes = objectTypes;
  const peakSites = peakSiteDeltas(base, head, lineMap, peaksMissed);
  if (peakSites) comparison.peakSites = peakSites;
  const retention = retentionFindings(head, comparison.sites, lineMap);
  if (retention) comparison.retention = retention;
  if (failed) {
    comparison.error = {
      side: failed.side,
      ...(failed.scenario.error ?? { type: 'Error', message: 'the benchmark failed' }),
    };
    if (failed.side === 'head' && base?.status === 'failed') {
      comparison.baseError = base.error ?? { type: 'Error', message: 'the benchmark failed' };
    }
  }
  return comparison;
}

/**
 * A function's figure is its first call, which its warm calls' ranges do not hold: where those
 * are noise, how its first calls varied (`Measure.cold`, `coldCallsOf`), once the rises its
 * leak check denies are noise too.
 */
function judgeFirstCalls(
  comparison: ScenarioComparison,
  base: SnapshotScenario | undefined,
  head: SnapshotScenario | undefined,
): void {
  for (const name of MEASURE_NAMES) {
    const { repeat } = MEASURES[name];
    const measure = measureOf(comparison, name);
    if (repeat === undefined || measure === undefined) continue;
    const cold = coldCallsOf(measure, base, head, repeat);
    if (cold) measure.cold = cold;
  }
}

/**
 * A figure that rose over a side's repeats while the leak check of the same run found no growth
 * per call on that side did not grow with the calls: a few values that happened to go up (random
 * eviction, the collector's timing). Such a rise is noise, not a growth per call: its growth is
 * dropped and the figure is noisy, on the scenario's measures and on its sites.
 */
function denyRisesTheLeakCheckDenies(comparison: ScenarioComparison): void {
  const leak = comparison.leak;
  if (!leak) return;
  for (const side of ['base', 'head'] as const) {
    const perCall = leak[side];
    if (perCall === null || perCall > 0) continue;
    const key = side === 'base' ? 'baseGrowth' : 'headGrowth';
    const rises: { noisy?: boolean; baseGrowth?: number; headGrowth?: number }[] = [
      ...(Object.keys(MEASURES) as MeasureName[])
        .filter((name) => name !== 'leak')
        .map((name) => measureOf(comparison, name))
        .filter((measure): measure is Measure => measure !== undefined),
      ...comparison.sites,
    ];
    for (const figure of rises) {
      if (figure[key] === undefined) continue;
      delete figure[key];
      figure.noisy = true;
    }
  }
}

/**
 * Why each scenario of a snapshot has no sites at the peak, by its name (its notes joined). A
 * note that names no scenario is the whole run's (a whole script's, its only scenario).
 */
function peaksMissed(snapshot: Snapshot): Map<string, string> {
  const why = new Map<string, string[]>();
  for (const note of snapshot.unmeasured) {
    if (note.what !== PEAK_SITES_MISSED) continue;
    const names =
      note.scenario === undefined ? snapshot.scenarios.map((s) => s.name) : [note.scenario];
    for (const name of names) {
      const reasons = why.get(name) ?? [];
      if (!reasons.includes(note.why)) reasons.push(note.why);
      why.set(name, reasons);
    }
  }
  return new Map([...why].map(([name, reasons]) => [name, reasons.join('; ')]));
}

/**
 * A side that failed as a whole: failed scenarios only, none of them a test or a function (the
 * script or command failed before any part of it was measured, e.g. pytest's collection).
 */
export function failedAsAWhole(snapshot: Snapshot): boolean {
  const { scenarios } = snapshot;
  return (
    scenarios.length > 0 &&
    scenarios.every((s) => s.status === 'failed' && s.kind !== 'test' && s.kind !== 'function')
  );
}

/**
 * Compares two snapshots scenario by scenario; scenarios are matched by name. Where one side
 * failed as a whole, the other side's pytest tests were not run on it: they are not compared
 * (not "removed", not "new") but counted on the failed scenario (`notRun`). Other scenarios (a
 * script, a process) are still shown with the side that measured them.
 */
export function compareSnapshots(base: Snapshot, head: Snapshot, lineMap: LineMap): Comparison {
  const baseByName = new Map(base.scenarios.map((s) => [s.name, s]));
  const headByName = new Map(head.scenarios.map((s) => [s.name, s]));
  const names = [...new Set([...head.scenarios.map((s) => s.name), ...baseByName.keys()])];
  const failed = { base: failedAsAWhole(base), head: failedAsAWhole(head) };
  const isTest = (scenario: SnapshotScenario | undefined) => scenario?.kind === 'test';
  const notRun = names.filter(
    (name) =>
      (failed.head && !headByName.has(name) && isTest(baseByName.get(name))) ||
      (failed.base && !baseByName.has(name) && isTest(headByName.get(name))),
  );
  const left = new Set(notRun);
  const missed = { base: peaksMissed(base), head: peaksMissed(head) };
  const scenarios = names
    .filter((name) => !left.has(name))
    .map((name) => {
      const baseWhy = missed.base.get(name);
      const headWhy = missed.head.get(name);
      return compareScenario(name, baseByName.get(name), headByName.get(name), lineMap, {
        ...(baseWhy !== undefined ? { base: baseWhy } : {}),
        ...(headWhy !== undefined ? { head: headWhy } : {}),
      });
    });
  const whole = scenarios.find((scenario) => scenario.status === 'failed');
  if (whole && notRun.length > 0) whole.notRun = { tests: notRun.length };
  const sides = (['base', 'head'] as const).filter((side) => failed[side]);
  return { scenarios, ...(sides.length > 0 ? { failedAsAWhole: [...sides] } : {}) };
}

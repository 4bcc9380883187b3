import { siteListOf, type Snapshot, type SnapshotScenario } from '../capture/snapshot.js';
import type { LineMap } from '../sides/line-map.js';
import type { Comparison, ScenarioComparison } from './comparison.js';
import {
  MEASURES,
  measuresWhere,
  type Measure,
  type MeasureFields,
  type MeasureName,
} from './measures.js';
import { isDeterministic, leakSpread, recordSpreads, totalSpread } from './noise.js';
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
  const b = base === undefined ? null : (spec.read(base) ?? null);
  const h = head === undefined ? null : (spec.read(head) ?? null);
  if (spec.presence === 'measured' && b === null && h === null) return undefined;
  const result: Measure = { base: b, head: h, delta: b !== null && h !== null ? h - b : null };
  if (spec.repeat !== undefined) {
    const repeat = spec.repeat;
    recordSpreads(
      result,
      base?.status === 'ok' ? totalSpread(base, repeat) : undefined,
      head?.status === 'ok' ? totalSpread(head, repeat) : undefined,
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
    }),
  };
  const deterministic = failed ? undefined : deterministicOf(base, head);
  if (deterministic !== undefined) comparison.deterministic = deterministic;
  const proven = [base, head].filter((side) => side !== undefined).map((s) => s.identicalRuns);
  if (!failed && proven.length > 0 && proven.every((runs) => runs !== undefined))
    comparison.identicalRuns = Math.min(...proven);
  Object.assign(comparison, compareMeasures(ONCE_MEASURED, base, head));
  const leakSites = leakSiteDeltas(base, head, lineMap);
  if (leakSites) comparison.leakSites = leakSites;
  const objectTypes = objectTypeDeltas(base, head);
  if (objectTypes) comparison.objectTypes = objectTypes;
  const peakSites = peakSiteDeltas(base, head, lineMap);
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

/** Compares two snapshots scenario by scenario; scenarios are matched by name. */
export function compareSnapshots(base: Snapshot, head: Snapshot, lineMap: LineMap): Comparison {
  const baseByName = new Map(base.scenarios.map((s) => [s.name, s]));
  const headByName = new Map(head.scenarios.map((s) => [s.name, s]));
  const names = [...new Set([...head.scenarios.map((s) => s.name), ...baseByName.keys()])];
  return {
    scenarios: names.map((name) =>
      compareScenario(name, baseByName.get(name), headByName.get(name), lineMap),
    ),
  };
}

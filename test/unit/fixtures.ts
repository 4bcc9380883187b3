/**
 * Small factories for plain test data: snapshots, comparisons and reports. Every field has a
 * boring default so a test only spells out what it is about.
 */
import {
  SNAPSHOT_SCHEMA,
  type Snapshot,
  type SnapshotScenario,
  type SnapshotSite,
} from '../../src/capture/snapshot.js';
import type { Measure, ScenarioComparison, SiteDelta } from '../../src/compare/comparison.js';
import { REPORT_SCHEMA, type Report } from '../../src/report/report.js';

export const BASE_SHA = '1111111111111111111111111111111111111111';
export const HEAD_SHA = 'abcdef0123456789abcdef0123456789abcdef01';

/** One allocation site; count defaults to 1. */
export function site(
  file: string,
  line: number,
  size: number,
  extra: Partial<SnapshotSite> = {},
): SnapshotSite {
  return { file, line, size, count: 1, ...extra };
}

/** A successful script scenario; retained figures are the sums over its sites. */
export function scenario(
  name: string,
  sites: SnapshotSite[] = [],
  extra: Partial<SnapshotScenario> = {},
): SnapshotScenario {
  return {
    name,
    kind: 'script',
    status: 'ok',
    peakBytes: 1_000,
    retainedBytes: sites.reduce((sum, s) => sum + s.size, 0),
    retainedCount: sites.reduce((sum, s) => sum + s.count, 0),
    durationSeconds: 0.1,
    repeats: [],
    sites,
    ...extra,
  };
}

export function snapshot(scenarios: SnapshotScenario[]): Snapshot {
  return {
    schema: SNAPSHOT_SCHEMA,
    harness: { version: '0.1.0' },
    python: { version: '3.12.3', implementation: 'CPython' },
    platform: 'linux',
    frames: 1,
    repeats: 1,
    iterations: 0,
    timings: { setupSeconds: 0, totalSeconds: 0 },
    scenarios,
    unmeasured: [],
  };
}

export function measure(base: number | null, head: number | null): Measure {
  return { base, head, delta: base !== null && head !== null ? head - base : null };
}

/** A changed site as compare produces it; sizes default to a 100-byte growth. */
export function siteDelta(extra: Partial<SiteDelta> = {}): SiteDelta {
  const baseSize = extra.baseSize ?? 0;
  const headSize = extra.headSize ?? 100;
  const baseCount = extra.baseCount ?? 0;
  const headCount = extra.headCount ?? 1;
  return {
    file: 'app/cache.py',
    line: 12,
    baseLine: 12,
    sizeDelta: headSize - baseSize,
    countDelta: headCount - baseCount,
    changedLine: false,
    ...extra,
    baseSize,
    headSize,
    baseCount,
    headCount,
  };
}

/**
 * A scenario comparison; `peak` and `retained` default to "no change at 1000 bytes",
 * `retainedCount` to "no change at 10 blocks".
 */
export function scenarioComparison(extra: Partial<ScenarioComparison> = {}): ScenarioComparison {
  return {
    name: 'bench.py',
    status: 'ok',
    peak: measure(1_000, 1_000),
    retained: measure(1_000, 1_000),
    retainedCount: measure(10, 10),
    sites: [],
    ...extra,
  };
}

/** A report for GitHub (repository and server known, so sites are links). */
export function report(scenarios: ScenarioComparison[], extra: Partial<Report> = {}): Report {
  return {
    schema: REPORT_SCHEMA,
    allocdiffVersion: '0.1.0',
    key: 'default',
    verdict: 'pass',
    repository: 'octo/allocdiff',
    serverUrl: 'https://github.com',
    pullRequest: 7,
    base: { sha: BASE_SHA, ref: 'main' },
    head: { sha: HEAD_SHA },
    environment: { python: '3.12.3', implementation: 'CPython', platform: 'linux', frames: 1 },
    scenarios,
    budgets: [],
    ...extra,
  };
}

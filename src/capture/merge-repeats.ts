/**
 * A whole script runs once per process, so its repeats are separate harness processes, each
 * writing a snapshot. This merges them into one snapshot shaped like the in-process repeats of
 * a function: `repeats[]` one per process, and per site `sizes[]`/`counts[]` only where the
 * processes disagree (a site missing from a process counts 0 there).
 */
import type { Snapshot, SnapshotScenario, SnapshotSite } from './snapshot.js';

function siteKey(site: { file: string; line: number }): string {
  return `${site.file}\u0000${site.line}`;
}

const allEqual = (values: readonly number[]): boolean => values.every((v) => v === values[0]);

function mergeScenario(runs: readonly SnapshotScenario[]): SnapshotScenario {
  const [first] = runs;
  // A run that failed decides: a benchmark that fails now and then is not measured.
  const failed = runs.find((run) => run.status === 'failed');
  if (failed) return failed;

  const byKey = new Map<string, { site: SnapshotSite; sizes: number[]; counts: number[] }>();
  runs.forEach((run, index) => {
    for (const site of run.sites) {
      const key = siteKey(site);
      let entry = byKey.get(key);
      if (!entry) {
        const rest: SnapshotSite = { ...site };
        delete rest.sizes;
        delete rest.counts;
        entry = { site: rest, sizes: runs.map(() => 0), counts: runs.map(() => 0) };
        byKey.set(key, entry);
      }
      entry.sizes[index] = site.size;
      entry.counts[index] = site.count;
    }
  });
  const sites = [...byKey.values()].map(({ site, sizes, counts }) => {
    const merged: SnapshotSite = { ...site, size: sizes[0], count: counts[0] };
    if (!allEqual(sizes) || !allEqual(counts)) {
      merged.sizes = sizes;
      merged.counts = counts;
    }
    return merged;
  });
  sites.sort(
    (a, b) =>
      b.size - a.size || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line,
  );
  return {
    ...first,
    repeats: runs.map((run) => run.repeats[0]).filter((totals) => totals !== undefined),
    sites,
  };
}

/**
 * Merges the snapshots of several processes of the same whole-script benchmark: scenario by
 * scenario, the first process's object counts and peak sites, every process's totals and sites.
 */
export function mergeProcessRepeats(snapshots: readonly Snapshot[]): Snapshot {
  const [first] = snapshots;
  if (snapshots.length === 1) return first;
  return {
    ...first,
    repeats: snapshots.length,
    timings: {
      setupSeconds: snapshots.reduce((sum, s) => sum + s.timings.setupSeconds, 0),
      totalSeconds: snapshots.reduce((sum, s) => sum + s.timings.totalSeconds, 0),
    },
    scenarios: first.scenarios.map((scenario) =>
      mergeScenario(
        snapshots
          .map((snapshot) => snapshot.scenarios.find((s) => s.name === scenario.name))
          .filter((s): s is SnapshotScenario => s !== undefined),
      ),
    ),
  };
}

/**
 * Whether two measurements of a scenario (processes of the same side) gave exactly the same
 * figures: repeat 1's peak, retained bytes and blocks, and every site's size and count.
 */
export function sameFigures(a: SnapshotScenario, b: SnapshotScenario): boolean {
  if (
    a.status !== 'ok' ||
    b.status !== 'ok' ||
    a.peakBytes !== b.peakBytes ||
    a.retainedBytes !== b.retainedBytes ||
    a.retainedCount !== b.retainedCount ||
    a.sites.length !== b.sites.length
  )
    return false;
  const sizes = new Map(a.sites.map((site) => [siteKey(site), site]));
  return b.sites.every((site) => {
    const other = sizes.get(siteKey(site));
    return other !== undefined && other.size === site.size && other.count === site.count;
  });
}

/**
 * The `--same-as` file of the harness (python/allocdiff_harness/sameas.py): the figures of
 * repeat 1 of each `bench_*` function `earlier` measured, so that a function whose first call
 * measures them again is not repeated. Undefined when it measured none (or only names a line
 * cannot hold).
 */
export function sameAsFile(earlier: Snapshot): string | undefined {
  const lines: string[] = [];
  for (const scenario of earlier.scenarios) {
    if (scenario.kind !== 'function' || scenario.status !== 'ok') continue;
    const sites = scenario.sites.map(
      (site) => `site ${site.line} ${site.size} ${site.count} ${site.file}`,
    );
    if (/\s/.test(scenario.name) || scenario.sites.some((site) => !/^[^\r\n]+$/.test(site.file)))
      continue;
    lines.push(
      `function ${scenario.name} ${scenario.peakBytes} ${scenario.retainedBytes} ${scenario.retainedCount}`,
      ...sites,
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : undefined;
}

/**
 * A side's deep pass (`deep`) with the first call of each `bench_*` function in its first run
 * (`first`, a process of its own) kept as a cold call (`coldCalls`): the deep pass's first call
 * of a function is cold too, and only another process's first call can confirm it, since the
 * later calls find what the first one filled (a cache) already there. A function that failed in
 * either run keeps none. A new snapshot; neither is changed.
 */
export function keepFirstCalls(first: Snapshot, deep: Snapshot): Snapshot {
  const firstCalls = new Map(
    first.scenarios
      .filter((s) => s.kind === 'function' && s.status === 'ok' && s.repeats.length > 0)
      .map((s) => [s.name, s]),
  );
  if (firstCalls.size === 0) return deep;
  return {
    ...deep,
    scenarios: deep.scenarios.map((scenario) => {
      const earlier = firstCalls.get(scenario.name);
      if (!earlier || scenario.kind !== 'function' || scenario.status !== 'ok') return scenario;
      return { ...scenario, coldCalls: [...(earlier.coldCalls ?? []), earlier.repeats[0]] };
    }),
  };
}

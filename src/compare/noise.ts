/**
 * Noise: a figure that differs between repeats of the same code on the same side. Memory
 * figures are deterministic for the same interpreter, code and inputs, so a difference means
 * randomness, time, threads or gc timing: shown with its range, never failed on alone.
 *
 * A whole script's repeats are fresh processes: any difference is noise. A function's first
 * call is a cold one (caches, free lists, interned strings filled once) and legitimately differs
 * from the later calls, so only the warm calls (2..N) are compared.
 */
import type { SnapshotScenario, SnapshotSite } from '../capture/snapshot.js';

export type ScenarioKind = SnapshotScenario['kind'];

export interface Spread {
  noisy: boolean;
  /** Lowest and highest value over every repeat, when noisy. */
  range?: [number, number];
}

/** The fewest repeats that can tell noise: 2 processes of a script, 3 calls of a function. */
export function minimumRepeats(kind: ScenarioKind): number {
  return kind === 'function' ? 3 : 2;
}

/** Whether values (one per repeat, in order) differ where it counts for this kind. */
export function spreadOf(values: readonly number[], kind: ScenarioKind): Spread {
  const compared = kind === 'function' ? values.slice(1) : values;
  const noisy = compared.length >= 2 && compared.some((value) => value !== compared[0]);
  if (!noisy) return { noisy: false };
  return { noisy: true, range: [Math.min(...values), Math.max(...values)] };
}

/** What a site with one value for every repeat has (most sites): shared, never changed. */
const STEADY: Spread = Object.freeze({ noisy: false });

/** A site's size per repeat: its `sizes`, or its one size when every repeat agreed. */
export function siteSpread(site: SnapshotSite, kind: ScenarioKind): Spread {
  if (site.sizes === undefined && site.counts === undefined) return STEADY;
  const sizes = spreadOf(site.sizes ?? [site.size], kind);
  if (sizes.noisy) return sizes;
  // A count that moves while the size stays is noise too (blocks split or merged).
  const counts = spreadOf(site.counts ?? [site.count], kind);
  return counts.noisy ? { noisy: true, range: [site.size, site.size] } : sizes;
}

export type Total = 'peakBytes' | 'retainedBytes' | 'retainedCount';

export function totalSpread(scenario: SnapshotScenario, total: Total): Spread {
  return spreadOf(
    scenario.repeats.map((repeat) => repeat[total]),
    scenario.kind,
  );
}

/**
 * Whether a side's scenario was the same in every repeat: undefined when it had too few repeats
 * to tell (or did not run).
 */
export function isDeterministic(scenario: SnapshotScenario): boolean | undefined {
  if (scenario.status !== 'ok' || scenario.repeats.length < minimumRepeats(scenario.kind))
    return undefined;
  const totals: Total[] = ['peakBytes', 'retainedBytes', 'retainedCount'];
  return (
    totals.every((total) => !totalSpread(scenario, total).noisy) &&
    scenario.sites.every((site) => !siteSpread(site, scenario.kind).noisy)
  );
}

/**
 * The measures: every total allocdiff compares per scenario, in one table. Compare builds each
 * one from the snapshots; the first pass, noise, budgets, ranking, the comment policy, the
 * verdict and every renderer read what they need to know about a measure here, so a measure is
 * added by adding its entry (and the figure to the snapshot, and the harness code that takes
 * it): an entry that leaves out a decision does not compile.
 *
 * Sites are not a measure: a `site` budget judges every changed site (budgets/rules.ts).
 */
import type { RepeatTotals, SnapshotScenario } from '../capture/snapshot.js';

/** What a figure counts: bytes, or memory blocks (allocations). */
export type MeasureUnit = 'bytes' | 'count';

/** Where the sites that explain a change of the measure are listed, and what they show there. */
export interface ExplainingSites {
  /** `peakSites`: the sites at the peak; `sites`: the retained sites; `leakSites`: leaking ones. */
  list: 'peakSites' | 'sites' | 'leakSites';
  /** After a site's size in a sentence: `(+1.80 MiB at the peak)`. */
  unit: string;
}

export interface MeasureSpec {
  /** Its key in a scenario of the comparison and of the JSON report: `peak`, `retainedCount`. */
  field: string;
  unit: MeasureUnit;
  /** Its value in one side's scenario; undefined where that side did not measure it. */
  read(scenario: SnapshotScenario): number | undefined;
  /**
   * Its value in one repeat (an in-process call, or a process), which tells noise and growth
   * call after call apart; undefined for a figure taken once per scenario.
   */
  repeat: ((totals: RepeatTotals) => number | undefined) | undefined;
  /**
   * `always`: every scenario of the comparison has it (null on a side that lacks the scenario);
   * `measured`: only where a side measured it (absent means not measured, never 0).
   */
  presence: 'always' | 'measured';
  /**
   * Whether repeats of the same code give the same figure to the byte (tracemalloc's do). An
   * exact measure whose repeats differ makes a scenario non-deterministic and is listed as
   * noisy; an inexact one varies by nature and is judged on its ranges only.
   */
  exact: boolean;
  /**
   * Whether it is memory the calls keep (retained memory, its blocks, the leak): a figure of it
   * that rises call after call is state kept, said as a rate per call. A peak is not kept: its
   * rise over the repeats is only how it varied.
   */
  kept: boolean;
  /**
   * The largest difference between base and head that is no change: for the cheap first pass
   * (`firstPass`: sides within it need no repeats) and for the reports and the comment policy
   * (`change`: a scenario within it is unchanged, and growth within it is no regression).
   */
  tolerance: { firstPass: number; change: number };
  /**
   * How reports put it into words. `subject`: in a sentence (`peak memory of bench.py grew`);
   * `name`: a budget's subject in the plain verdict (`peak of bench.py is 2.00 MiB`) and, for
   * a measure shown only when it changed, its column (`Δ RSS`); `row`: its row in the noise
   * tables, or undefined when it has none (inexact measures, figures taken once); `explain`:
   * the legend's words for a measure shown only when it changed, undefined for the others
   * (the legend's first sentence explains them); `gloss`: what its budget metric limits, where
   * its name does not say (`leak (per call)` in the budget docs).
   */
  words: {
    subject: string;
    name: string;
    row: string | undefined;
    explain: string | undefined;
    gloss: string | undefined;
  };
  /**
   * Where a report shows it: `fixed`, in the columns of the scenario tables made for it (peak,
   * retained, leak per call); `changed`, in a column of its own when it changed by more than
   * `tolerance.change` in some scenario or a budget names it; `budgets`, only in budget results.
   */
  shown: 'fixed' | 'changed' | 'budgets';
  /** Whether a budget may limit it (its name is then a budget metric). */
  budget: boolean;
  /**
   * What a budget judges in a scenario that did not measure it: `retainedGrowth`, how fast
   * retained memory rose over the in-process repeats (bytes per call); undefined: nothing, the
   * budget is skipped there (and reported as not checked when no scenario measured it).
   */
  estimate: 'retainedGrowth' | undefined;
  /**
   * The verdict may lead with its change and says when a growth no budget checked: how the
   * change is weighed (against the scenario's base peak, or against its own base), the limit to
   * suggest, and the sites that explain it. Undefined: it never leads (inexact, or a detail).
   */
  lead: { weight: 'peak' | 'own'; example: string } | undefined;
  /** The sites that explain a change of it, when some list does. */
  sites: ExplainingSites | undefined;
}

/**
 * RSS differs between runs of the same code by some pages (the allocator's arenas, the
 * interpreter's caches, page-cache timing): a difference up to this is no change.
 */
const RSS_TOLERANCE_BYTES = 1024 * 1024;

/**
 * Two checkouts of the same code still differ in their paths, which CPython hashes into a few
 * import-time tables: a whole script's peak can differ by some tens of bytes between sides
 * whose retained memory is identical to the byte. Such a peak difference alone is no reason
 * to measure again.
 */
const PEAK_FIRST_PASS_TOLERANCE_BYTES = 1024;

/** Every measure, in the order reports and messages list them. */
export const MEASURES = {
  peak: {
    field: 'peak',
    unit: 'bytes',
    read: (scenario) => scenario.peakBytes,
    repeat: (totals) => totals.peakBytes,
    presence: 'always',
    exact: true,
    kept: false,
    tolerance: { firstPass: PEAK_FIRST_PASS_TOLERANCE_BYTES, change: 0 },
    words: {
      subject: 'peak memory',
      name: 'peak',
      row: 'peak',
      explain: undefined,
      gloss: undefined,
    },
    shown: 'fixed',
    budget: true,
    estimate: undefined,
    lead: { weight: 'peak', example: '+5%' },
    sites: { list: 'peakSites', unit: ' at the peak' },
  },
  retained: {
    field: 'retained',
    unit: 'bytes',
    read: (scenario) => scenario.retainedBytes,
    repeat: (totals) => totals.retainedBytes,
    presence: 'always',
    exact: true,
    kept: true,
    tolerance: { firstPass: 0, change: 0 },
    words: {
      subject: 'retained memory',
      name: 'retained',
      row: 'retained',
      explain: undefined,
      gloss: undefined,
    },
    shown: 'fixed',
    budget: true,
    estimate: undefined,
    lead: { weight: 'peak', example: '+100KB' },
    sites: { list: 'sites', unit: '' },
  },
  leak: {
    field: 'leak',
    unit: 'bytes',
    read: (scenario) => (scenario.leak ? Math.round(scenario.leak.bytesPerCall) : undefined),
    repeat: undefined,
    presence: 'measured',
    exact: true,
    kept: true,
    tolerance: { firstPass: 0, change: 0 },
    words: {
      subject: 'the leak per call',
      name: 'leak per call',
      row: undefined,
      explain: undefined,
      gloss: 'per call',
    },
    shown: 'fixed',
    budget: true,
    estimate: 'retainedGrowth',
    lead: { weight: 'own', example: '0B' },
    sites: { list: 'leakSites', unit: ' per call' },
  },
  count: {
    field: 'retainedCount',
    unit: 'count',
    read: (scenario) => scenario.retainedCount,
    repeat: (totals) => totals.retainedCount,
    presence: 'always',
    exact: true,
    kept: true,
    tolerance: { firstPass: 0, change: 0 },
    words: {
      subject: 'the retained allocation count',
      name: 'retained count',
      row: 'retained blocks',
      explain: undefined,
      gloss: 'retained allocations',
    },
    shown: 'budgets',
    budget: true,
    estimate: undefined,
    lead: undefined,
    sites: undefined,
  },
  rss: {
    field: 'rss',
    unit: 'bytes',
    read: (scenario) => scenario.rssBytes,
    repeat: (totals) => totals.rssBytes,
    presence: 'measured',
    exact: false,
    kept: false,
    tolerance: { firstPass: RSS_TOLERANCE_BYTES, change: RSS_TOLERANCE_BYTES },
    words: {
      subject: 'peak RSS',
      name: 'RSS',
      row: undefined,
      explain:
        "RSS: the process's resident memory at its highest while the scenario ran, above where it " +
        'started, as the system counts it (C extensions included; it varies by some pages ' +
        'between runs).',
      gloss: 'peak resident memory of the process, C extensions included',
    },
    shown: 'changed',
    budget: true,
    estimate: undefined,
    lead: undefined,
    sites: undefined,
  },
} as const satisfies Record<string, MeasureSpec>;

export type MeasureName = keyof typeof MEASURES;
/** The key of a measure in a scenario of the comparison: `peak`, `retainedCount`. */
export type MeasureField = (typeof MEASURES)[MeasureName]['field'];

export const MEASURE_NAMES = Object.keys(MEASURES) as MeasureName[];

/** The measures a scenario of the comparison always has, and those it has once measured. */
export type AlwaysMeasured = {
  [N in MeasureName]: (typeof MEASURES)[N]['presence'] extends 'always' ? N : never;
}[MeasureName];
export type SometimesMeasured = Exclude<MeasureName, AlwaysMeasured>;

/** A measurement on both sides; null where a side has none. */
export interface Measure {
  base: number | null;
  head: number | null;
  delta: number | null;
  /**
   * The measurement varies between runs of the same code in a way growth does not explain: a
   * budget fails on it only when base's and head's ranges do not overlap.
   */
  noisy?: boolean;
  /** Lowest and highest value over the repeats of a side where they differed. */
  baseRange?: [number, number];
  headRange?: [number, number];
  /**
   * A function's figure rose call after call over a side's in-process repeats: a leak, not
   * noise. Its growth per call (bytes, or blocks for a count), rounded.
   */
  baseGrowth?: number;
  headGrowth?: number;
  /**
   * A noisy side's range spans fewer than three values (a `bench_*` function's two warm calls
   * with `repeats: 3`): ranges that lie apart can be chance, so they do not make a change real.
   */
  fewRepeats?: true;
  /**
   * A `bench_*` function's figure is its first call, a cold one, and its ranges are its later
   * (warm) calls': where those differ at random, how its first calls varied (one per process:
   * the first run's and the deep pass's), as a test's first calls are judged (`coldSpread`).
   * Noisy when they differ, with each side's range widened by how much its warm calls differ;
   * not noisy, no range, when each side's first calls agreed to the byte.
   */
  cold?: ColdCalls;
}

/** How a function's first (cold) calls varied on each side (`Measure.cold`). */
export interface ColdCalls {
  noisy?: boolean;
  baseRange?: [number, number];
  headRange?: [number, number];
}

/** The measures of a scenario, each under its field: what `ScenarioComparison` holds. */
export type MeasureFields = {
  [N in AlwaysMeasured as (typeof MEASURES)[N]['field']]: Measure;
} & {
  [N in SometimesMeasured as (typeof MEASURES)[N]['field']]?: Measure;
};

/** The names of the measures that have a property, in table order. */
export function measuresWhere(test: (spec: MeasureSpec) => boolean): MeasureName[] {
  return MEASURE_NAMES.filter((name) => test(MEASURES[name]));
}

/** A measure of a scenario, or undefined where it was not measured. */
export function measureOf(scenario: MeasureFields, name: MeasureName): Measure | undefined {
  return (scenario as Partial<Record<MeasureField, Measure>>)[MEASURES[name].field];
}

/** Whether a measure differs between base and head by more than its tolerance. */
export function changedBeyond(
  measure: Measure | undefined,
  tolerance: number,
  direction: 'any' | 'up' = 'any',
): boolean {
  const delta = measure?.delta ?? 0;
  return direction === 'up' ? delta > tolerance : Math.abs(delta) > tolerance;
}

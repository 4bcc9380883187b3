/**
 * Noise: a figure that differs between repeats of the same code on the same side. Memory
 * figures are deterministic for the same interpreter, code and inputs, so a difference means
 * randomness, time, threads or gc timing: shown with its range, and failed on only where
 * base's and head's ranges do not overlap (then the difference is real whatever the spread).
 *
 * A whole script's repeats are fresh processes (and so are a command's processes'): any
 * difference is noise. A function's first call is a cold one (caches, free lists, interned
 * strings filled once) and legitimately differs from the later calls, so its ranges are the warm
 * calls' (2..N). A pytest test's repeats are calls of its body in one process, as a
 * function's are, but its figure is its first call's, which is what one run of the suite does:
 * that cold call is checked against the test's other cold calls (its first call in the first
 * run, `coldCalls`), never against the warm ones, which find what it filled (a module-level
 * cache) already there. The warm calls still say how much one call varies by chance: a cold
 * figure's range is widened by theirs (see `coldSpread`). A function's figure is its first call
 * too: where its warm calls differ at random, its first calls (one per process: the first run's
 * and the deep pass's) are judged as a test's are, beside the warm ranges (`coldCallsOf`), so
 * that a cache filled by the first call alone is a real change even when the warm calls overlap.
 *
 * A leak is not noise. A function's repeats run in one process, so one that keeps memory on
 * every call can make a figure rise call after call (the container it fills is reallocated,
 * larger each time; work grows with what it holds). Such a figure is *growing*: reported with
 * its growth per call and judged by budgets like any real figure.
 */
import {
  siteListOf,
  type RepeatTotals,
  type SnapshotScenario,
  type SnapshotSite,
} from '../capture/snapshot.js';
import { MEASURES, measuresWhere, type ColdCalls, type MeasureName } from './measures.js';

export type ScenarioKind = SnapshotScenario['kind'];

export interface Spread {
  /** The repeats differ in a way growth does not explain. */
  noisy: boolean;
  /** Lowest and highest value over every repeat, when the repeats differ (noisy or growing). */
  range?: [number, number];
  /** A function's figure rose call after call (a leak): its growth per call, rounded, > 0. */
  growth?: number;
  /** Noisy over fewer values than `FEWEST_VALUES`: a range too short to prove a change alone. */
  few?: true;
}

/**
 * The fewest values a noisy side's range must span for ranges lying apart to prove a change on
 * their own. Two random values a side lie apart by more than they span together about one time
 * in 25 (uniform noise; one in 30 normal), three a side about one in 300: a `bench_*` function's
 * warm calls with the default three repeats are two.
 */
export const FEWEST_VALUES = 3;

/** Whether a kind's repeats are calls in one process (a function's, a test's body's). */
export function callsInOneProcess(kind: ScenarioKind): boolean {
  return kind === 'function' || kind === 'test';
}

/** The fewest repeats that can tell noise: 2 processes of a script, 3 calls of a function. */
export function minimumRepeats(kind: ScenarioKind): number {
  return callsInOneProcess(kind) ? 3 : 2;
}

/**
 * Growth per call of a function's figure (one value per call, in order), or undefined when it
 * does not keep growing. The rule of the leak check (python/allocdiff_harness/leak.py) applied to
 * the calls: at least three calls, none below the one before, and growth in both the first and
 * the second half of them. The cold first call is one of them when it is not above the second
 * (nothing was filled once that the later calls lack), so the default three repeats can show a
 * leak; otherwise the warm calls alone must (four repeats or more). The rate is the average over
 * the calls: (last − first) / (calls − 1).
 */
export function growthPerCall(values: readonly number[]): number | undefined {
  const calls = values.length >= 2 && values[0] <= values[1] ? values : values.slice(1);
  if (calls.length < 3) return undefined;
  for (let index = 1; index < calls.length; index += 1) {
    if (calls[index] < calls[index - 1]) return undefined;
  }
  const first = calls[0];
  const middle = calls[Math.floor((calls.length - 1) / 2)];
  const last = calls[calls.length - 1];
  if (middle <= first || last <= middle) return undefined;
  return Math.max(1, Math.round((last - first) / (calls.length - 1)));
}

/**
 * Whether values (one per repeat, in order) differ where it counts for this kind, and how. A
 * test's figure is judged with its other cold calls (`colds`, see `coldSpread`); a function's
 * and a process's as `warmSpread` says.
 */
export function spreadOf(
  values: readonly number[],
  kind: ScenarioKind,
  colds: readonly number[] = [],
): Spread {
  return kind === 'test' ? coldSpread(values, colds) : warmSpread(values, kind);
}

/**
 * Whether the repeats differ where a function's are compared: every one for processes, the warm
 * calls (2..N) for calls in one process; growth call after call is not noise.
 */
export function warmSpread(values: readonly number[], kind: ScenarioKind): Spread {
  const compared = callsInOneProcess(kind) ? values.slice(1) : values;
  const differs = compared.length >= 2 && compared.some((value) => value !== compared[0]);
  if (!differs) return { noisy: false };
  // Separate processes share nothing: only in-process calls can grow from one to the next.
  const growth = callsInOneProcess(kind) ? growthPerCall(values) : undefined;
  if (growth !== undefined) return { noisy: false, range: rangeOf(values), growth };
  // Noise is judged on the warm calls, so its range is theirs: a cold first call that filled a
  // cache once would widen it and let a real difference pass as overlapping ranges.
  return {
    noisy: true,
    range: rangeOf(compared),
    ...(compared.length < FEWEST_VALUES ? { few: true as const } : {}),
  };
}

/**
 * How a test's figure varied. The figure is its first call (`values[0]`, cold: what one run of
 * the suite does); growth over its calls is a leak, as a function's. Otherwise:
 * - with other cold calls of it (`colds`: its first call in the first run, where the tests
 *   before it in the suite ran too), it is noisy when they differ from it: a cold call that
 *   fills a module-level cache gives the same figure in every run, and is steady whatever its
 *   later calls give, so a change of it is judged as real. Its range is then the cold calls'
 *   lowest to highest, widened on each side by how much the later (warm) calls differed;
 * - with none (a site, or a test no first run measured), the warm calls are the only sign of
 *   randomness: it is noisy when they differ, its range the cold figure ± their spread.
 * A range never goes below 0 for a figure that never did.
 */
export function coldSpread(values: readonly number[], colds: readonly number[] = []): Spread {
  if (values.length === 0) return { noisy: false };
  const warm = warmSpread(values, 'test');
  if (warm.growth !== undefined) return warm;
  return coldRange(values, colds, warm.range, true, warm.few);
}

/**
 * `coldSpread` of calls that do not grow: the first calls' range, widened by the warm calls'
 * (`warm`, undefined where they agreed). Steady where the first calls agree (`agreeing`, a
 * test's rule) or, without `agreeing`, where they agree and the warm calls did too. A first call
 * with no other (`colds` empty) widened by fewer than `FEWEST_VALUES` warm calls (`fewWarm`)
 * is too short a range to prove a change alone (`few`): such ranges lie apart by chance about
 * one time in 30, where two first calls widened so do about one time in 2,000.
 */
function coldRange(
  values: readonly number[],
  colds: readonly number[],
  warm: [number, number] | undefined,
  agreeing = true,
  fewWarm = false,
): Spread {
  const cold = [values[0], ...colds];
  const width = warm ? warm[1] - warm[0] : 0;
  const [low, high] = rangeOf(cold);
  const steady = agreeing && colds.length > 0 ? low === high : low === high && width === 0;
  if (steady) return { noisy: false };
  const floor = Math.min(0, ...values, ...colds);
  return {
    noisy: true,
    range: [Math.max(floor, low - width), high + width],
    ...(fewWarm && colds.length === 0 ? { few: true as const } : {}),
  };
}

function rangeOf(values: readonly number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

/** What a site with one value for every repeat has (most sites): shared, never changed. */
export const STEADY: Spread = Object.freeze({ noisy: false });

/**
 * A site's size per repeat: its `sizes`, or its one size when every repeat agreed. `steps`: its
 * side's leak check rose steadily, so its calls differ by the steps of the leak's containers:
 * its range is what one warm call kept (see `leakSteps`), not a test's cold figure widened by
 * them.
 */
export function siteSpread(site: SnapshotSite, kind: ScenarioKind, steps = false): Spread {
  if (site.sizes === undefined && site.counts === undefined) return STEADY;
  const of = (values: readonly number[]) =>
    steps ? warmSpread(values, kind) : spreadOf(values, kind);
  const sizes = of(site.sizes ?? [site.size]);
  if (sizes.noisy) return sizes;
  // A count that moves while the size stays (or grows) is noise too (blocks split or merged).
  const counts = of(site.counts ?? [site.count]);
  if (!counts.noisy) return sizes;
  return {
    noisy: true,
    range: sizes.range ?? [site.size, site.size],
    ...(counts.few ? { few: true as const } : {}),
  };
}

/** A measure's value per repeat of a scenario, as the table of measures reads it. */
export type RepeatValue = (totals: RepeatTotals) => number | undefined;

/** How a measure's values varied over a scenario's repeats; steady where a repeat lacks it. */
export function totalSpread(scenario: SnapshotScenario, repeat: RepeatValue): Spread {
  const values = scenario.repeats.map(repeat);
  if (values.some((value) => value === undefined)) return STEADY;
  return spreadOf(values as number[], scenario.kind, coldsOf(scenario, repeat));
}

/** A measure's value in a scenario's other cold calls (`coldCalls`): none where one lacks it. */
function coldsOf(scenario: SnapshotScenario, repeat: RepeatValue): number[] {
  const colds = (scenario.coldCalls ?? []).map(repeat);
  return colds.every((value) => value !== undefined) ? (colds as number[]) : [];
}

/**
 * How a `bench_*` function's first (cold) calls varied on each side, for a measure (`measure`,
 * its spreads recorded) whose warm calls differed at random: its first call with its first call
 * in the first run (`coldCalls`), each a process's first, their range widened by how much the
 * warm calls differed, as a test's are (`coldSpread`). Unlike a test's, first calls that agree
 * to the byte are steady only where the side's warm calls agreed too: two first calls of a
 * function whose calls vary can agree by chance (a jitter that depends on the call's turn).
 * Undefined for other kinds, where a side did not measure, where a side has no other first call
 * and fewer than `FEWEST_VALUES` warm calls (too few to prove a change), where a side grows call after call
 * (a leak is judged on its ranges), and where no warm calls were noisy (the first call's
 * figures are then judged as they are).
 */
export function coldCallsOf(
  measure: Variation,
  base: SnapshotScenario | undefined,
  head: SnapshotScenario | undefined,
  repeat: RepeatValue,
): ColdCalls | undefined {
  if (!measure.noisy || measure.baseGrowth !== undefined || measure.headGrowth !== undefined)
    return undefined;
  if (base?.status !== 'ok' || head?.status !== 'ok') return undefined;
  if (base.kind !== 'function' || head.kind !== 'function') return undefined;
  // Neither side grows (a rise its leak check denies is noise: see compare.ts): the warm calls
  // are noise, their range the width a first call's is widened by.
  const spreads = [base, head].map((scenario) => {
    const values = scenario.repeats.map(repeat);
    if (values.length === 0 || values.some((value) => value === undefined)) return undefined;
    const warm = (values as number[]).slice(1);
    return coldRange(
      values as number[],
      coldsOf(scenario, repeat),
      warm.length >= 2 ? rangeOf(warm) : undefined,
      false,
      warm.length < FEWEST_VALUES,
    );
  });
  const [baseCold, headCold] = spreads;
  // A first call alone, widened by too few warm calls, proves nothing: the warm calls decide.
  if (!baseCold || !headCold || baseCold.few || headCold.few) return undefined;
  const cold: ColdCalls = {};
  if (baseCold.noisy || headCold.noisy) cold.noisy = true;
  if (baseCold.range) cold.baseRange = baseCold.range;
  if (headCold.range) cold.headRange = headCold.range;
  return cold;
}

/**
 * Whether a function's first (cold) calls lie apart: steady on both sides and different, or
 * noisy and apart by more than they span together (`liesBeyond`, `noiseRanges`). Their side:
 * head above base (`up`), or below it.
 */
export function coldCallsApart(
  value: { base: number; head: number; cold: ColdCalls },
  up = value.head > value.base,
): boolean {
  const { base, head }: { base: [number, number]; head: [number, number] } = value.cold.noisy
    ? noiseRanges({ ...value.cold, base: value.base, head: value.head })
    : {
        base: value.cold.baseRange ?? [value.base, value.base],
        head: value.cold.headRange ?? [value.head, value.head],
      };
  const [low, high] = up ? [base, head] : [head, base];
  return value.cold.noisy ? liesBeyond(low, high) : high[0] > low[1];
}

/** How a measure's values varied over a scenario's warm calls alone (see `warmSpread`). */
function warmTotalSpread(scenario: SnapshotScenario, repeat: RepeatValue): Spread {
  const values = scenario.repeats.map(repeat);
  if (values.some((value) => value === undefined)) return STEADY;
  return warmSpread(values as number[], scenario.kind);
}

/** What a measure or a site delta records of how its figure varied on each side. */
export interface Variation {
  noisy?: boolean;
  baseRange?: [number, number];
  headRange?: [number, number];
  baseGrowth?: number;
  headGrowth?: number;
  fewRepeats?: true;
}

/**
 * Records each side's spread on `target`: ranges, growth per call, whether it is noisy, and
 * whether a noisy side's range is too short to prove a change alone (`fewRepeats`).
 */
export function recordSpreads(
  target: Variation,
  base: Spread | undefined,
  head: Spread | undefined,
): void {
  if (base?.noisy || head?.noisy) target.noisy = true;
  if (base?.range) target.baseRange = base.range;
  if (head?.range) target.headRange = head.range;
  if (base?.growth !== undefined) target.baseGrowth = base.growth;
  if (head?.growth !== undefined) target.headGrowth = head.growth;
  if ((base?.noisy && base.few) || (head?.noisy && head.few)) target.fewRepeats = true;
}

/** The exact measures taken per repeat: a difference between repeats makes a scenario noisy. */
const EXACT_REPEATS: RepeatValue[] = measuresWhere((spec) => spec.exact).flatMap((name) => {
  const repeat = MEASURES[name].repeat;
  return repeat === undefined ? [] : [repeat];
});

/**
 * Whether a side's scenario was the same in every repeat: undefined when it had too few repeats
 * to tell (or did not run). A figure that grows is not noise, but it is not the same either.
 */
export function isDeterministic(scenario: SnapshotScenario): boolean | undefined {
  if (scenario.status !== 'ok') return undefined;
  // Runs of processes of their own that measured exactly the same (their repeats not made).
  if ((scenario.identicalRuns ?? 0) >= 2) return true;
  if (scenario.repeats.length < minimumRepeats(scenario.kind)) return undefined;
  // Every call the same: a test's cold calls (its figure) and its later calls alike.
  return (
    EXACT_REPEATS.every(
      (repeat) =>
        totalSpread(scenario, repeat).range === undefined &&
        warmTotalSpread(scenario, repeat).range === undefined,
    ) &&
    siteListOf(scenario)
      .withRepeats()
      .every((site) => siteSpread(site, scenario.kind).range === undefined)
  );
}

/**
 * Whether a side's leak check rose as a steady leak does (the harness's `steady`): every call
 * kept more, nothing kept was freed by a later call, and at each site most calls kept exactly
 * the same. The calls that kept more resized a container the leak fills (a list's or dict's
 * storage grows in steps), so a call keeps the leak, or the leak and one such step.
 */
export function leakRoseSteadily(scenario: SnapshotScenario | undefined): boolean {
  return scenario?.status === 'ok' && scenario.leak?.steady === true;
}

/**
 * A spread between calls that a steady leak explains: not noise, but its range is kept (the
 * lowest and highest a call kept), so budgets still judge by the ends nearest each other.
 */
export function leakSteps(spread: Spread): Spread {
  return spread.noisy ? { noisy: false, ...(spread.range ? { range: spread.range } : {}) } : spread;
}

/**
 * How a measure's values varied over a side's repeats. On a side whose leak check rose
 * steadily, what a call retains differs between its calls by the steps of the leak's containers
 * alone, and so does its peak where it moved by no more than that (a step taken before the
 * peak raises it by the step at most: a resized block is never counted twice): those are the
 * leak's steps, not noise.
 */
export function repeatSpread(
  scenario: SnapshotScenario,
  name: MeasureName,
  repeat: RepeatValue,
): Spread {
  const spread = totalSpread(scenario, repeat);
  if (!spread.noisy || !leakRoseSteadily(scenario)) return spread;
  if (name === 'retained' || name === 'count') return leakSteps(spread);
  if (name !== 'peak') return spread;
  const warm = scenario.repeats.slice(1);
  const width = (values: number[]) => Math.max(...values) - Math.min(...values);
  const steps = width(warm.map((totals) => totals.retainedBytes));
  return width(warm.map((totals) => totals.peakBytes)) <= steps ? leakSteps(spread) : spread;
}

/**
 * How the leak check's figure (bytes per call, one series of calls per side) varied on a side.
 * A leak is steady when what each call after the warm-up kept never falls below zero, and the
 * side's repeats kept the same on every warm call (or kept more every call: growth). Otherwise
 * the figure is noise: memory freed between calls (a cache evicting at random) or calls that
 * keep different amounts (random inputs, threads). Its range is what one call kept, lowest to
 * highest, over the leak check's calls and the warm repeats: a difference between sides within
 * it is no change. A leak that rose steadily (`leakRoseSteadily`) is not noise: its figure is
 * real, with the range of what its calls kept where they differed by a container's step.
 */
export function leakSpread(scenario: SnapshotScenario): Spread {
  const leak = scenario.leak;
  if (scenario.status !== 'ok' || leak === undefined) return STEADY;
  const figure = Math.round(leak.bytesPerCall);
  const kept: number[] = [figure];
  const series = leak.retainedBytes;
  const increments = series.slice(1).map((value, index) => value - series[index]);
  // A steady leak is real, whatever the repeats did: its range is what one call kept, when the
  // calls differed by a container's step.
  if (leak.steady) {
    kept.push(...increments);
    const range = rangeOf(kept);
    return range[0] === range[1] ? STEADY : { noisy: false, range };
  }
  const steadyRise = increments.every((increment) => increment >= 0);
  if (!steadyRise) kept.push(...increments);
  // What one warm call kept: a test's first call filling a cache once is no leak's noise.
  const retained = warmTotalSpread(scenario, (totals) => totals.retainedBytes);
  if (retained.noisy && retained.range) kept.push(...retained.range);
  if (steadyRise && !retained.noisy) return STEADY;
  return { noisy: true, range: rangeOf(kept) };
}

/**
 * Whether the values of `high` lie above those of `low` by more than the two ranges span
 * together. Few repeats of a random figure often fall apart by chance (3 runs a side: one time
 * in ten; a test's cold calls widened by its warm ones: one in 40); apart by more than their
 * spans, about one in 300 and one in 2,000. A steady pair (no span) is apart once it differs.
 */
export function liesBeyond(
  low: readonly [number, number],
  high: readonly [number, number],
): boolean {
  return high[0] - low[1] > low[1] - low[0] + (high[1] - high[0]);
}

/**
 * Base's and head's ranges as a noisy figure's change is judged on. A side without one (its
 * repeats agreed, or it ran once) while the other varies is given the other's span around its
 * value: a random benchmark measures the same twice now and then by chance.
 */
export function noiseRanges(value: {
  base: number;
  head: number;
  baseRange?: [number, number];
  headRange?: [number, number];
}): { base: [number, number]; head: [number, number] } {
  const around = (at: number, other: [number, number] | undefined): [number, number] => {
    const half = other ? (other[1] - other[0]) / 2 : 0;
    return [at - half, at + half];
  };
  return {
    base: value.baseRange ?? around(value.base, value.headRange),
    head: value.headRange ?? around(value.head, value.baseRange),
  };
}

/**
 * Whether a noisy figure's difference may be its noise alone: base's and head's repeats overlap,
 * or lie apart by no more than they span together (see `liesBeyond`, `noiseRanges`), or a noisy
 * side's range spans too few values to tell (`fewRepeats`: a function's two warm calls). A steady
 * figure (or one lacking a side) never is, nor a function's whose first (cold) calls lie apart
 * (`coldCallsApart`), whatever its warm calls do.
 */
export function withinNoise(value: {
  base: number | null;
  head: number | null;
  noisy?: boolean;
  baseRange?: [number, number];
  headRange?: [number, number];
  cold?: ColdCalls;
  fewRepeats?: true;
}): boolean {
  if (!value.noisy || value.base === null || value.head === null) return false;
  if (value.cold && value.head !== value.base) {
    if (coldCallsApart({ base: value.base, head: value.head, cold: value.cold })) return false;
  }
  // Ranges of fewer than `FEWEST_VALUES` values lie apart by chance too often to prove anything.
  if (value.fewRepeats) return true;
  const { base, head } = noiseRanges({ ...value, base: value.base, head: value.head });
  return !liesBeyond(base, head) && !liesBeyond(head, base);
}

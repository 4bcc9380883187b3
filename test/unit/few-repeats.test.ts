/**
 * Ranges of a noisy figure that lie apart by more than they span together make its change real
 * only where each noisy side has three values or more: two random values a side fall apart so by
 * chance about one time in 25. With the default three repeats, a `bench_*` function's warm calls
 * are two a side (its first call is a cold one): such ranges alone are reported, not failed,
 * and only its first calls (`coldCallsOf`) or more repeats tell. Seeded trials of code that
 * changes nothing, scenario kind by scenario kind: the verdict's "changed" and a growth budget's
 * fail stay under 0.5 %, and a large change over three values a side still fails.
 */
import { describe, expect, it } from 'vitest';
import type { RepeatTotals, SnapshotScenario, SnapshotSite } from '../../src/capture/snapshot.js';
import { checkBudgets } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import { compareSnapshots } from '../../src/compare/compare.js';
import { withinNoise } from '../../src/compare/noise.js';
import { LineMap } from '../../src/sides/line-map.js';
import { scenario, snapshot } from './fixtures.js';

const noChanges = LineMap.fromUnifiedDiff('');
const TRIALS = 4_000;

/** A seeded generator in [0, 1): the same trials on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function totals(peakBytes: number, retainedBytes = 1_000): RepeatTotals {
  return { peakBytes, retainedBytes, retainedCount: 10, durationSeconds: 0.01 };
}

/**
 * One side of a scenario of `kind` measured `repeats` times, each value drawn by `draw` (its
 * argument: whether the value is a first, cold, call): for functions and tests a first call in
 * the first run too (`coldCalls`), and a site whose size varies as the peak does.
 */
function side(
  kind: SnapshotScenario['kind'],
  repeats: number,
  draw: (cold: boolean) => number,
): SnapshotScenario {
  const inProcess = kind === 'function' || kind === 'test';
  const calls = Array.from({ length: repeats }, (_, index) => draw(inProcess && index === 0));
  const sizes = Array.from({ length: repeats }, (_, index) => draw(inProcess && index === 0));
  const site: SnapshotSite = {
    file: 'app/work.py',
    line: 7,
    size: sizes[0],
    count: 3,
    sizes,
    counts: sizes.map(() => 3),
  };
  return scenario(kind === 'function' ? 'bench_work' : 'work', [site], {
    kind,
    peakBytes: calls[0],
    retainedBytes: sizes[0],
    repeats: calls.map((peak, index) => totals(peak, sizes[index])),
    ...(inProcess ? { coldCalls: [totals(draw(true), draw(true))] } : {}),
  });
}

interface Rates {
  /** A `peak: +5%` budget failed. */
  failed: number;
  /** The peak changed beyond its noise, as the verdict says (`withinNoise`). */
  changed: number;
  /** The changed site did, as the list of changed scenarios says. */
  siteChanged: number;
  /** The budget would have failed on ranges apart alone, over however few values. */
  failedOnRangesAlone: number;
}

/** Over `TRIALS` comparisons of two sides drawn alike: how often each goes wrong. */
function falseChanges(
  kind: SnapshotScenario['kind'],
  repeats: number,
  draw: (cold: boolean) => number,
): Rates {
  const rules = parseBudgetRules('peak: +5%');
  const counted = { failed: 0, changed: 0, siteChanged: 0, failedOnRangesAlone: 0 };
  for (let trial = 0; trial < TRIALS; trial += 1) {
    const base = side(kind, repeats, draw);
    const head = side(kind, repeats, draw);
    const comparison = compareSnapshots(snapshot([base]), snapshot([head]), noChanges);
    const [judged] = comparison.scenarios;
    const [result] = checkBudgets(comparison, rules).results;
    if (result.status === 'fail') counted.failed += 1;
    if (judged.peak.noisy && !withinNoise(judged.peak)) counted.changed += 1;
    const site = judged.sites[0];
    if (site?.noisy && !withinNoise({ base: site.baseSize, head: site.headSize, ...site }))
      counted.siteChanged += 1;
    // The same comparison judged as before: ranges apart prove a change whatever their length.
    if (judged.peak.fewRepeats) {
      delete judged.peak.fewRepeats;
      if (checkBudgets(comparison, rules).results[0].status === 'fail')
        counted.failedOnRangesAlone += 1;
    } else if (result.status === 'fail') counted.failedOnRangesAlone += 1;
  }
  return {
    failed: counted.failed / TRIALS,
    changed: counted.changed / TRIALS,
    siteChanged: counted.siteChanged / TRIALS,
    failedOnRangesAlone: counted.failedOnRangesAlone / TRIALS,
  };
}

describe('a figure that changes at random, the same code on both sides (default three repeats)', () => {
  it("a bench_* function: two warm calls a side, a random peak: under 0.5 % fail or 'changed'", () => {
    const random = seeded(2_718);
    // Every call allocates 100–160 KB at random, the first as much as the others.
    const rates = falseChanges('function', 3, () => Math.round(100_000 + random() * 60_000));
    expect(rates.failed).toBeLessThan(0.005);
    expect(rates.changed).toBeLessThan(0.005);
    expect(rates.siteChanged).toBeLessThan(0.005);
    // Ranges apart alone, over two warm calls a side, would fail several in a hundred.
    expect(rates.failedOnRangesAlone).toBeGreaterThan(0.02);
  });

  it('a bench_* function whose first call fills a cache: under 0.5 % fail or changed', () => {
    const random = seeded(31_415);
    const draw = (cold: boolean) => Math.round(100_000 + random() * 60_000) + (cold ? 200_000 : 0);
    const rates = falseChanges('function', 3, draw);
    expect(rates.failed).toBeLessThan(0.005);
    expect(rates.changed).toBeLessThan(0.005);
    expect(rates.siteChanged).toBeLessThan(0.005);
    expect(rates.failedOnRangesAlone).toBeGreaterThan(0.02);
  });

  it('a pytest test: its cold calls widened by its warm ones (its sites: a first call alone), under 0.5 %', () => {
    const random = seeded(1_618);
    const rates = falseChanges('test', 3, () => Math.round(100_000 + random() * 60_000));
    expect(rates.failed).toBeLessThan(0.005);
    expect(rates.changed).toBeLessThan(0.005);
    expect(rates.siteChanged).toBeLessThan(0.005);
  });

  it('a script and a command: three processes a side, a budget failed under 0.5 %', () => {
    for (const kind of ['script', 'process'] as const) {
      const random = seeded(kind === 'script' ? 4_669 : 1_414);
      const rates = falseChanges(kind, 3, () => Math.round(100_000 + random() * 60_000));
      expect(rates.failed).toBeLessThan(0.005);
      expect(rates.failed).toBe(rates.failedOnRangesAlone);
      // "Changed" is said of a rise and a fall alike: twice a growth budget's one side.
      expect(rates.changed).toBeLessThan(0.01);
      expect(rates.siteChanged).toBeLessThan(0.01);
    }
  });

  it('a script measured twice a side (`repeats: 2`): two values are too few too', () => {
    const random = seeded(577);
    const rates = falseChanges('script', 2, () => Math.round(100_000 + random() * 60_000));
    expect(rates.failed).toBeLessThan(0.005);
    expect(rates.changed).toBeLessThan(0.005);
    expect(rates.failedOnRangesAlone).toBeGreaterThan(0.02);
  });
});

describe('a large change against the noise, three values a side', () => {
  /** Head allocates 60 % more than base, each value ±10 % at random. */
  function largeChange(kind: SnapshotScenario['kind'], repeats: number) {
    const random = seeded(9_001);
    const around = (value: number) => () => Math.round(value * (0.9 + random() * 0.2));
    const comparison = compareSnapshots(
      snapshot([side(kind, repeats, around(100_000))]),
      snapshot([side(kind, repeats, around(160_000))]),
      noChanges,
    );
    const [result] = checkBudgets(comparison, parseBudgetRules('peak: +5%')).results;
    return { peak: comparison.scenarios[0].peak, result };
  }

  it('fails a script (three processes) and a function measured four times (three warm calls)', () => {
    for (const [kind, repeats] of [
      ['script', 3],
      ['process', 3],
      ['function', 4],
    ] as const) {
      const { peak, result } = largeChange(kind, repeats);
      expect(peak.noisy).toBe(true);
      expect(peak.fewRepeats).toBeUndefined();
      expect(withinNoise(peak)).toBe(false);
      expect(result.status).toBe('fail');
    }
  });

  it('warns on a function measured three times, its first calls within the noise, saying what tells', () => {
    // Without a first call apart from the others (each side's first calls as random as the
    // rest), two warm calls a side cannot prove even a large change.
    const { peak, result } = largeChange('function', 3);
    expect(peak.fewRepeats).toBe(true);
    expect(result.status).not.toBe('pass');
    if (result.status === 'warn')
      expect(result.reason).toContain('two warm calls a side cannot tell a change from noise');
  });
});

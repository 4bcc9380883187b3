/**
 * A `bench_*` function's figure is its first call, a cold one, and its ranges are its later
 * (warm) calls'. A change that only the first call shows (an unbounded cache the first call
 * fills, which the warm calls find full) is judged on the function's first calls, one per
 * process (the first run's and the deep pass's), as a test's are: apart beyond what they vary,
 * the change is real, however the warm calls overlap. The warm calls still decide what they show
 * themselves, and random figures stay noise.
 */
import { describe, expect, it } from 'vitest';
import type { RepeatTotals, SnapshotScenario } from '../../src/capture/snapshot.js';
import { keepFirstCalls } from '../../src/capture/merge-repeats.js';
import { checkBudgets } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import { compareSnapshots } from '../../src/compare/compare.js';
import { withinNoise } from '../../src/compare/noise.js';
import { LineMap } from '../../src/sides/line-map.js';
import { scenario, snapshot } from './fixtures.js';

const noChanges = LineMap.fromUnifiedDiff('');

function peakTotals(peakBytes: number): RepeatTotals {
  return { peakBytes, retainedBytes: 1_000, retainedCount: 10, durationSeconds: 0.01 };
}

/** A function's deep pass (`calls`: each call's peak, the first a cold one) and its first run's. */
function benchFunction(calls: number[], firstRun?: number): SnapshotScenario {
  return scenario('bench_commonmark', [], {
    kind: 'function',
    peakBytes: calls[0],
    retainedBytes: 1_000,
    retainedCount: 10,
    repeats: calls.map(peakTotals),
    ...(firstRun === undefined ? {} : { coldCalls: [peakTotals(firstRun)] }),
  });
}

function peakBudget(base: SnapshotScenario, head: SnapshotScenario, budget = 'peak: +10%') {
  const comparison = compareSnapshots(snapshot([base]), snapshot([head]), noChanges);
  const [result] = checkBudgets(comparison, parseBudgetRules(budget)).results;
  return { peak: comparison.scenarios[0].peak, result };
}

describe('a cache a function fills on its first call only', () => {
  // Base's first call peaks at 350,114 B in every process, head's at 408,162 B (+16.6 %); the
  // warm calls find the cache full and peak the same on both sides, within a few KB of jitter.
  const base = benchFunction([350_114, 203_769, 204_004], 350_114);

  it('fails a peak budget when the warm calls overlap: the first calls lie apart', () => {
    const { peak, result } = peakBudget(base, benchFunction([408_162, 202_158, 206_560], 408_162));
    expect(peak.noisy).toBe(true);
    expect(peak.headRange).toEqual([202_158, 206_560]);
    // The first calls agree on each side, their range widened by what the warm calls vary.
    expect(peak.cold).toEqual({
      noisy: true,
      baseRange: [349_879, 350_349],
      headRange: [403_760, 412_564],
    });
    expect(withinNoise(peak)).toBe(false);
    expect(result).toMatchObject({ status: 'fail', actual: '+16.6 %' });
    expect(result.noisy).toBeUndefined();
    expect(result.reason).toBe(
      "base's and head's first (cold) calls lie apart by more than they vary: " +
        "head's 394–403 KiB against base's 342 KiB, +15.2 % at the nearest",
    );
  });

  it('fails it as well when the warm calls lie apart', () => {
    const { result } = peakBudget(base, benchFunction([408_162, 205_315, 205_669], 408_162));
    expect(result.status).toBe('fail');
  });

  it('fails it when the first calls vary a little, saying they lie apart by more than they vary', () => {
    const { peak, result } = peakBudget(
      benchFunction([350_114, 203_769, 204_004], 349_890),
      benchFunction([408_162, 202_158, 206_560], 405_944),
    );
    expect(peak.cold).toEqual({
      noisy: true,
      baseRange: [349_655, 350_349],
      headRange: [401_542, 412_564],
    });
    expect(result.status).toBe('fail');
    expect(result.reason).toContain(
      "base's and head's first (cold) calls lie apart by more than they vary",
    );
  });

  it('fails it with one first call a side: its range is widened by what three warm calls vary', () => {
    const { peak, result } = peakBudget(
      benchFunction([350_114, 203_769, 204_004, 203_900]),
      benchFunction([408_162, 202_158, 206_560, 204_000]),
    );
    expect(peak.cold).toEqual({
      noisy: true,
      baseRange: [349_879, 350_349],
      headRange: [403_760, 412_564],
    });
    expect(result.status).toBe('fail');
  });

  it('warns with one first call a side and two warm calls: too few to tell noise, more repeats tell', () => {
    const { peak, result } = peakBudget(
      benchFunction([350_114, 203_769, 204_004]),
      benchFunction([408_162, 202_158, 206_560]),
    );
    expect(peak.cold).toBeUndefined();
    expect(peak.fewRepeats).toBe(true);
    expect(result).toMatchObject({ status: 'warn', noisy: true });
    expect(result.reason).toContain('`repeats: 4` or more tell');
  });

  it('a first call within the limit passes it', () => {
    const { result } = peakBudget(base, benchFunction([360_000, 202_158, 206_560], 360_000));
    expect(result.status).toBe('pass');
  });
});

describe('a function whose calls vary by their turn', () => {
  it('is not steady because its first calls agree: a budget over by less than they vary warns', () => {
    // Every process's first call keeps the same, its later calls 16 KB and 2 KB more; head
    // keeps 5 KB more on every call.
    const { peak, result } = peakBudget(
      benchFunction([100_000, 116_000, 102_000], 100_000),
      benchFunction([105_000, 121_000, 107_000], 105_000),
      'peak: +1%',
    );
    expect(peak.cold).toEqual({
      noisy: true,
      baseRange: [86_000, 114_000],
      headRange: [91_000, 119_000],
    });
    expect(withinNoise(peak)).toBe(true);
    expect(result).toMatchObject({ status: 'warn', noisy: true });
  });

  it('is steady where its warm calls agree on that side too', () => {
    const { peak } = peakBudget(
      benchFunction([100_000, 90_000, 90_000], 100_000),
      benchFunction([105_000, 91_000, 95_000], 105_000),
    );
    expect(peak.cold).toEqual({ noisy: true, headRange: [101_000, 109_000] });
  });
});

describe('a function whose warm calls happen to rise', () => {
  it('fails the budget on its first calls when its leak check finds no growth', () => {
    // Base's calls rise by chance (its first call is no larger than its warm calls), which the
    // leak check, keeping nothing per call, calls noise.
    const noLeak = { iterations: 5, retainedBytes: [0, 0, 0, 0, 0], bytesPerCall: 0, sites: [] };
    const { peak, result } = peakBudget(
      { ...benchFunction([52_000, 55_000, 60_000], 56_000), leak: noLeak },
      { ...benchFunction([376_000, 50_000, 61_000], 380_000), leak: noLeak },
      'peak: +50%',
    );
    expect(peak.baseGrowth).toBeUndefined();
    expect(peak.noisy).toBe(true);
    expect(peak.cold).toEqual({
      noisy: true,
      baseRange: [47_000, 61_000],
      headRange: [365_000, 391_000],
    });
    expect(result.status).toBe('fail');
  });
});

describe("a function's warm calls", () => {
  it('still fail a budget they are over for real, the first call within it', () => {
    // Each warm call allocates 50 KB more on head; the first call is dominated by a cache fill.
    const { result } = peakBudget(
      benchFunction([1_000_000, 100_000, 100_400, 100_200], 1_000_000),
      benchFunction([1_050_000, 150_000, 150_300, 150_100], 1_050_000),
    );
    expect(result.status).toBe('fail');
    expect(result.reason).toContain("base's and head's repeats");
  });

  it('only warn when two a side lie apart: that can be chance, and more repeats tell', () => {
    const { peak, result } = peakBudget(
      benchFunction([1_000_000, 100_000, 100_400], 1_000_000),
      benchFunction([1_050_000, 150_000, 150_300], 1_050_000),
    );
    expect(peak.fewRepeats).toBe(true);
    expect(result).toMatchObject({ status: 'warn', noisy: true });
    expect(result.reason).toContain('`repeats: 4` or more tell');
  });
});

describe('a function that allocates a random amount, the same code on both sides', () => {
  it('stays noise: its first calls overlap, and a budget over at the reported values warns', () => {
    const { peak, result } = peakBudget(
      benchFunction([61_000, 12_000, 38_000], 84_000),
      benchFunction([90_000, 35_000, 11_000], 66_000),
      'peak: +20%',
    );
    expect(peak.cold).toEqual({
      noisy: true,
      baseRange: [35_000, 110_000],
      headRange: [42_000, 114_000],
    });
    expect(withinNoise(peak)).toBe(true);
    expect(result).toMatchObject({ status: 'warn', noisy: true });
  });

  it('is failed by its first calls rarely: under 0.5 % of pull requests that change nothing', () => {
    // A seeded generator: the same trials on every run.
    let state = 12_345;
    const random = () => {
      state = (state + 0x6d2b79f5) | 0;
      let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
      mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
      return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
    };
    // Every call allocates 100–160 KB at random; the first call 200 KB more (a cache).
    const call = (cold: boolean) => Math.round(100_000 + random() * 60_000) + (cold ? 200_000 : 0);
    const side = () => benchFunction([call(true), call(false), call(false)], call(true));
    const rules = parseBudgetRules('peak: +5%');
    let byFirstCalls = 0;
    let apart = 0;
    const trials = 4_000;
    for (let trial = 0; trial < trials; trial += 1) {
      const comparison = compareSnapshots(snapshot([side()]), snapshot([side()]), noChanges);
      const { peak } = comparison.scenarios[0];
      const [result] = checkBudgets(comparison, rules).results;
      // What the warm calls alone decide (two a side, which fall apart by chance more often).
      const cold = peak.cold;
      delete peak.cold;
      const [warm] = checkBudgets(comparison, rules).results;
      const warmWithin = withinNoise(peak);
      peak.cold = cold;
      if (result.status === 'fail' && warm.status !== 'fail') byFirstCalls += 1;
      if (warmWithin && !withinNoise(peak)) apart += 1;
    }
    expect(byFirstCalls / trials).toBeLessThan(0.005);
    expect(apart / trials).toBeLessThan(0.005);
  });
});

describe("a function's first call in the first run", () => {
  it("is kept on the deep pass's function as a cold call, the snapshots unchanged", () => {
    const first = snapshot([
      benchFunction([350_114]),
      scenario('bench_failed', [], { kind: 'function', status: 'failed', repeats: [] }),
    ]);
    const deep = snapshot([
      benchFunction([350_114, 203_769, 204_004]),
      scenario('bench_failed', [], { kind: 'function', repeats: [peakTotals(5)] }),
    ]);
    const kept = keepFirstCalls(first, deep);
    expect(kept.scenarios[0].coldCalls).toEqual([peakTotals(350_114)]);
    expect(kept.scenarios[0].repeats).toHaveLength(3);
    expect(kept.scenarios[1].coldCalls).toBeUndefined();
    expect(deep.scenarios[0].coldCalls).toBeUndefined();
  });

  it('is kept for functions only: a whole script is not called in the deep process', () => {
    const whole = (peak: number) =>
      scenario('benchmarks/memory.py', [], { repeats: [peakTotals(peak)] });
    const kept = keepFirstCalls(snapshot([whole(1)]), snapshot([whole(2)]));
    expect(kept.scenarios[0].coldCalls).toBeUndefined();
  });
});

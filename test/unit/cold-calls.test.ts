/**
 * A pytest test's figure is its first call, a cold one: what one run of the suite does. It is
 * confirmed by the test's other cold calls (its first call in the first run), never by its
 * later, warm calls in the same process, which find what the first call filled (a module-level
 * cache) already there. A cold figure that is the same in every run is steady, and a change of
 * it fails its budget; one whose cold calls differ is noisy, its range widened by how much the
 * warm calls differ.
 */
import { describe, expect, it } from 'vitest';
import type { RepeatTotals, SnapshotScenario } from '../../src/capture/snapshot.js';
import { checkBudgets } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import { differingScenarios, scenarioAgrees } from '../../src/compare/agreement.js';
import { compareSnapshots } from '../../src/compare/compare.js';
import { coldSpread, siteSpread, spreadOf } from '../../src/compare/noise.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { LineMap } from '../../src/sides/line-map.js';
import { measure, report, scenario, scenarioComparison, snapshot } from './fixtures.js';

const noChanges = LineMap.fromUnifiedDiff('');
const NAME = 'tests/test_data.py::TestData::test_valid';

function totals(retainedBytes: number): RepeatTotals {
  return { peakBytes: 600_000, retainedBytes, retainedCount: 10, durationSeconds: 0.01 };
}

/** A test's deep pass (`calls`: what each call kept, the first a cold one) and its first run's call. */
function pytestTest(calls: number[], firstRun?: number): SnapshotScenario {
  return scenario(NAME, [], {
    kind: 'test',
    peakBytes: 600_000,
    retainedBytes: calls[0],
    retainedCount: 10,
    repeats: calls.map(totals),
    ...(firstRun === undefined ? {} : { coldCalls: [totals(firstRun)] }),
  });
}

function retainedBudget(base: SnapshotScenario, head: SnapshotScenario, budget: string) {
  const comparison = compareSnapshots(snapshot([base]), snapshot([head]), noChanges);
  const [result] = checkBudgets(comparison, parseBudgetRules(budget)).results;
  return { retained: comparison.scenarios[0].retained, result };
}

describe("a test's cold figure", () => {
  it('is steady when its cold calls agree, whatever its warm calls do', () => {
    expect(coldSpread([310_518, 1_665, 995], [310_518])).toEqual({ noisy: false });
    expect(spreadOf([310_518, 1_665, 995], 'test', [310_518])).toEqual({ noisy: false });
    // A function's figure is still judged on its warm calls: two, too few to prove a change.
    expect(spreadOf([310_518, 1_665, 995], 'function')).toEqual({
      noisy: true,
      range: [995, 1_665],
      few: true,
    });
  });

  it('is noisy when its cold calls differ, the range widened by the warm calls', () => {
    expect(coldSpread([310_518, 1_665, 1_000], [310_460])).toEqual({
      noisy: true,
      range: [309_795, 311_183],
    });
  });

  it('without another cold call, is noisy only where the warm calls differ', () => {
    expect(coldSpread([5_000, 200, 200])).toEqual({ noisy: false });
    // One cold call widened by two warm calls: too few values to prove a change alone.
    expect(coldSpread([5_000, 200, 260])).toEqual({
      noisy: true,
      range: [4_940, 5_060],
      few: true,
    });
    expect(coldSpread([5_000, 200, 260, 230])).toEqual({ noisy: true, range: [4_940, 5_060] });
    // Never below 0 for a figure that never was.
    expect(coldSpread([20, 0, 900])).toEqual({ noisy: true, range: [0, 920], few: true });
  });

  it("at a site of a steady leak, is what one warm call kept: the leak's steps are no noise", () => {
    const leaking = {
      file: 'app/store.py',
      line: 4,
      size: 18_400,
      count: 130,
      sizes: [18_400, 12_000, 13_000],
      counts: [130, 120, 121],
    };
    expect(siteSpread(leaking, 'test', true)).toEqual({
      noisy: true,
      range: [12_000, 13_000],
      few: true,
    });
    expect(siteSpread(leaking, 'test')).toEqual({
      noisy: true,
      range: [17_400, 19_400],
      few: true,
    });
  });

  it('is a leak when the calls grow, as a function is', () => {
    expect(coldSpread([100, 200, 300], [100])).toEqual({
      noisy: false,
      range: [100, 300],
      growth: 100,
    });
  });
});

describe('a cache that a test fills on its first call only', () => {
  // Base: the first call keeps 34 KB; head fills a new module-level cache: 310 KB, the same in
  // the first run and the deep pass. The warm calls keep a few hundred bytes that vary (as
  // pytest's own report objects do), the same on both sides.
  const base = pytestTest([33_971, 1_433, 1_401], 33_971);
  const head = pytestTest([310_518, 1_433, 1_401], 310_518);

  it('fails a retained budget: the change is the cold call, steady on both sides', () => {
    const { retained, result } = retainedBudget(base, head, 'retained: +50KB');
    expect(retained.noisy).toBeUndefined();
    expect(retained.delta).toBe(276_547);
    expect(result).toMatchObject({ status: 'fail', actual: '+277 KB' });
    expect(result.noisy).toBeUndefined();
  });

  it('fails it when the cold calls vary a little, saying the first calls do not overlap', () => {
    const { retained, result } = retainedBudget(
      pytestTest([33_971, 1_433, 1_401], 34_203),
      pytestTest([310_518, 1_433, 1_401], 310_460),
      'retained: +50KB',
    );
    expect(retained.noisy).toBe(true);
    expect(result.status).toBe('fail');
    expect(result.reason).toContain(
      "base's and head's first (cold) calls lie apart by more than they vary",
    );
  });
});

describe('a test that keeps a random amount', () => {
  it('stays noisy, and a budget over it only at the reported values warns', () => {
    // Cold calls 60–90 KB at random, warm calls 10–40 KB at random, on both sides.
    const { retained, result } = retainedBudget(
      pytestTest([61_000, 12_000, 38_000], 84_000),
      pytestTest([90_000, 35_000, 11_000], 66_000),
      'retained: +20KB',
    );
    expect(retained.noisy).toBe(true);
    expect(retained.baseRange).toEqual([35_000, 110_000]);
    expect(retained.headRange).toEqual([42_000, 114_000]);
    expect(result).toMatchObject({ status: 'warn', noisy: true });
    expect(result.reason).toContain('the measurement is noisy: reported, not failed');
  });
});

describe("a test's peak in the first pass", () => {
  const peakOf = (kind: 'test' | 'script', base: number, head: number) =>
    scenarioComparison({ name: NAME, kind, peak: measure(base, head) });

  it('differs beyond tolerance by more than 1 % of its base peak: measured again in depth', () => {
    // 10 links, each 40 B wider: +400 B on a 6.9 KB peak.
    expect(scenarioAgrees(peakOf('test', 6_900, 7_300))).toBe(false);
    expect(differingScenarios({ scenarios: [peakOf('test', 6_900, 7_300)] })).toEqual([NAME]);
    expect(scenarioAgrees(peakOf('test', 6_900, 6_960))).toBe(true);
    // A larger peak keeps the fixed tolerance, and a whole script its own.
    expect(scenarioAgrees(peakOf('test', 500_000, 500_900))).toBe(true);
    expect(scenarioAgrees(peakOf('script', 6_900, 7_300))).toBe(true);
  });
});

describe("the comment's details of a test", () => {
  it('say its figures are its first, cold, call and count its calls', () => {
    const noisy = compareSnapshots(
      snapshot([pytestTest([61_000, 12_000, 38_000], 84_000)]),
      snapshot([pytestTest([390_000, 35_000, 11_000], 366_000)]),
      noChanges,
    ).scenarios[0];
    expect(renderMarkdown(report([noisy]))).toContain(
      "A test's figures are its first call's, a cold one",
    );
    const steady = compareSnapshots(
      snapshot([pytestTest([33_971, 1_433, 1_433], 33_971)]),
      snapshot([pytestTest([310_518, 1_433, 1_433], 310_518)]),
      noChanges,
    ).scenarios[0];
    expect(steady.deterministic).toBe(true);
    expect(renderMarkdown(report([steady]))).toContain(
      'is deterministic: 3 calls per side gave identical figures.',
    );
  });
});

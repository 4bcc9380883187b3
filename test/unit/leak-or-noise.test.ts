/**
 * Repeats that differ: a figure that grows with every in-process call is a leak (reported with
 * its growth per call, judged by budgets), anything else is noise; and a difference whose base
 * and head ranges lie apart by more than they span together is real. Plain data, like the compare and
 * budget tests.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RepeatTotals, SnapshotScenario } from '../../src/capture/snapshot.js';
import { checkBudgets, decideVerdict, type BudgetResult } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import { compareSnapshots } from '../../src/compare/compare.js';
import type { Measure, ScenarioComparison } from '../../src/compare/comparison.js';
import {
  growthPerCall,
  isDeterministic,
  siteSpread,
  spreadOf,
  withinNoise,
} from '../../src/compare/noise.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { parseReport } from '../../src/report/report-schema.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { LineMap } from '../../src/sides/line-map.js';
import {
  measure,
  report,
  scenario,
  scenarioComparison,
  site,
  siteDelta,
  snapshot,
} from './fixtures.js';

const KiB = 1024;
const MiB = 1024 * 1024;
const noChanges = LineMap.fromUnifiedDiff('');

function totals(retainedBytes: number): RepeatTotals {
  return { peakBytes: retainedBytes, retainedBytes, retainedCount: 10, durationSeconds: 0.01 };
}

/** A function scenario whose calls retained these bytes, in order, all at one site. */
function calls(name: string, retained: number[]): SnapshotScenario {
  const sizes = retained.every((value) => value === retained[0]) ? {} : { sizes: retained };
  return scenario(name, [site('app/store.py', 5, retained[0], { count: 10, ...sizes })], {
    kind: 'function',
    peakBytes: retained[0],
    retainedBytes: retained[0],
    retainedCount: 10,
    repeats: retained.map(totals),
  });
}

/** The single result of one single-limit rule against one scenario. */
function only(rule: string, comparison: ScenarioComparison): BudgetResult {
  const { results } = checkBudgets({ scenarios: [comparison] }, parseBudgetRules(rule));
  expect(results).toHaveLength(1);
  return results[0];
}

function varying(base: number, head: number, extra: Partial<Measure>): Measure {
  return { ...measure(base, head), ...extra };
}

describe('growth or noise: how a side’s repeats differ', () => {
  it('calls a function figure that rises with every call a leak, with its growth per call', () => {
    // A list that leaks 10,000 objects per call is reallocated, larger, on every call.
    expect(spreadOf([1_415_120, 1_495_776, 1_576_432], 'function')).toEqual({
      noisy: false,
      range: [1_415_120, 1_576_432],
      growth: 80_656,
    });
    // Plateaus between rises still grow in both halves of the calls: a leak every other call.
    expect(growthPerCall([100, 200, 200, 300, 300])).toBe(50);
  });

  it('leaves the cold first call out when it is above the second, and then needs three warm calls', () => {
    // Three repeats: two warm calls cannot show growth on their own.
    expect(spreadOf([900, 100, 200], 'function')).toEqual({
      noisy: true,
      range: [100, 200],
      few: true,
    });
    expect(spreadOf([900, 100, 200, 300], 'function')).toEqual({
      noisy: false,
      range: [100, 900],
      growth: 100,
    });
  });

  it('keeps calling noise what growth does not explain', () => {
    // Up and down.
    expect(spreadOf([100, 300, 200], 'function').noisy).toBe(true);
    expect(spreadOf([100, 200, 150, 300], 'function').noisy).toBe(true);
    // Going down is no leak.
    expect(spreadOf([300, 200, 100], 'function').noisy).toBe(true);
    // A one-off step (a cache filled on the fourth call) did not grow in the first half.
    expect(spreadOf([100, 100, 100, 500], 'function').noisy).toBe(true);
    // Separate processes of a script share nothing: their differences are noise, rising or not.
    expect(spreadOf([100, 200, 300], 'script')).toEqual({ noisy: true, range: [100, 300] });
    expect(growthPerCall([100, 200])).toBeUndefined();
  });

  it('gives a site’s growth by its sizes, unless its block count jitters', () => {
    const growing = site('app/store.py', 5, 100, { sizes: [100, 200, 300], counts: [1, 1, 1] });
    expect(siteSpread(growing, 'function')).toEqual({
      noisy: false,
      range: [100, 300],
      growth: 100,
    });
    const jittering = { ...growing, counts: [1, 3, 2] };
    expect(siteSpread(jittering, 'function')).toEqual({
      noisy: true,
      range: [100, 300],
      few: true,
    });
  });

  it('does not call a growing scenario deterministic, nor noisy', () => {
    expect(isDeterministic(calls('bench_leak', [100, 200, 300]))).toBe(false);
    const comparison = compareSnapshots(
      snapshot([calls('bench_leak', [189, 189, 189])]),
      snapshot([calls('bench_leak', [1_415_120, 1_495_776, 1_576_432])]),
      noChanges,
    );
    const [leak] = comparison.scenarios;
    expect(leak.deterministic).toBe(false);
    expect(leak.retained).toEqual({
      base: 189,
      head: 1_415_120,
      delta: 1_414_931,
      headRange: [1_415_120, 1_576_432],
      headGrowth: 80_656,
    });
    expect(leak.peak.noisy).toBeUndefined();
    expect(leak.sites[0]).toMatchObject({ line: 5, headGrowth: 80_656 });
    expect(leak.sites[0].noisy).toBeUndefined();
  });
});

describe('a rise over the repeats that the leak check of the same run denies', () => {
  /** `calls`, with a leak check that measured `bytesPerCall`. */
  const checked = (name: string, retained: number[], bytesPerCall: number): SnapshotScenario => ({
    ...calls(name, retained),
    leak: {
      iterations: 5,
      retainedBytes: [0, bytesPerCall, 2 * bytesPerCall, 3 * bytesPerCall, 4 * bytesPerCall],
      bytesPerCall,
      sites: [],
    },
  });

  it('is noise, not a growth per call: no "rising" status, no "rises … per call" beside a budget', () => {
    // Random eviction: three repeats that happened to go up, while 5 calls in a row kept nothing.
    const comparison = compareSnapshots(
      snapshot([checked('bench_lru', [3_420_000, 3_420_000, 3_420_000], 0)]),
      snapshot([checked('bench_lru', [3_400_741, 3_402_405, 3_404_069], 0)]),
      noChanges,
    );
    const [lru] = comparison.scenarios;
    expect(lru.retained.headGrowth).toBeUndefined();
    expect(lru.retained.noisy).toBe(true);
    expect(lru.sites[0]!.headGrowth).toBeUndefined();
    const rules = parseBudgetRules('retained: +100KB');
    const { results } = checkBudgets({ scenarios: [lru] }, rules);
    const text = renderTerminal(report([lru], { budgets: results }));
    expect(text).not.toMatch(/rising|per call over the repeats/);
    expect(renderMarkdown(report([lru], { budgets: results }))).not.toContain('over the repeats');
  });

  it('stays a growth per call where the leak check found one', () => {
    const comparison = compareSnapshots(
      snapshot([checked('bench_leak', [189, 189, 189], 0)]),
      snapshot([checked('bench_leak', [1_415_120, 1_495_776, 1_576_432], 80_000)]),
      noChanges,
    );
    expect(comparison.scenarios[0]!.retained.headGrowth).toBe(80_656);
  });
});

describe('budgets on figures whose repeats differ', () => {
  const leaking = scenarioComparison({
    name: 'bench_leak',
    kind: 'function',
    retained: varying(189, 1_415_120, { headRange: [1_415_120, 1_576_432], headGrowth: 80_656 }),
  });

  it('fails a retained budget on a leak that grows with every call, naming its growth', () => {
    expect(only('retained: +100KB', leaking)).toEqual({
      rule: 'retained: +100KB',
      metric: 'retained',
      scenario: 'bench_leak',
      limit: '+100KB',
      actual: '+1.41 MB',
      status: 'fail',
      level: 'fail',
      leak: 'rises +80.7 KB per call over the repeats',
      reason:
        "base's and head's repeats do not overlap: head's 1.42–1.58 MB against base's 189 B, +1.41 MB at the nearest",
      over: 1_314_931,
    });
    expect(only('retained: +2MB', leaking)).toMatchObject({ status: 'pass' });
  });

  it('fails when base and head ranges do not overlap, whatever the spread', () => {
    // A 1.86 MiB regression with 2–16 KB of gc-timing jitter on each side.
    const regression = scenarioComparison({
      retained: varying(1_000, 1_000 + 1.86 * MiB, {
        noisy: true,
        baseRange: [1_000, 17_000],
        headRange: [1_000 + 1.86 * MiB + 2_000, 1_000 + 1.86 * MiB + 16_000],
      }),
    });
    expect(only('retained: +100KB', regression)).toMatchObject({
      status: 'fail',
      actual: '+1.95 MB',
      reason:
        "base's and head's repeats lie apart by more than they vary: head's 1.95–1.97 MB against base's 1.00–17.0 KB, +1.94 MB at the nearest",
    });
    expect(only('retained: +100KB', regression).noisy).toBeUndefined();
    // A warn-level rule stays a warning, for its level, not for noise.
    expect(only('retained: +100KB (warn)', regression)).toMatchObject({ status: 'warn' });
    expect(only('retained: +100KB (warn)', regression).noisy).toBeUndefined();
    expect(
      decideVerdict(
        { scenarios: [regression] },
        checkBudgets({ scenarios: [regression] }, parseBudgetRules('retained: +100KB')).results,
      ),
    ).toBe('fail');
  });

  it('judges the change between the nearest ends of the ranges, not the reported values', () => {
    const apart = scenarioComparison({
      retained: varying(0, 160 * KiB, {
        noisy: true,
        baseRange: [0, 20 * KiB],
        headRange: [110 * KiB, 160 * KiB],
      }),
    });
    expect(only('retained: +80KiB', apart)).toMatchObject({
      status: 'fail',
      reason:
        "base's and head's repeats lie apart by more than they vary: head's 110–160 KiB against base's 0 B–20.0 KiB, +90.0 KiB at the nearest",
    });
    // Reported +160 KiB, nearest ends +90 KiB: the ranges lie apart, so the change is real and
    // the reported figure over the limit fails it.
    expect(only('retained: +100KiB', apart)).toMatchObject({
      status: 'fail',
      reason:
        "base's and head's repeats lie apart by more than they vary, so the change is real: head's 110–160 KiB against base's 0 B–20.0 KiB, +90.0 KiB at the nearest",
    });
    expect(only('retained: +100KiB', apart).noisy).toBeUndefined();
    expect(only('retained: +250KiB', apart).status).toBe('pass');
    // Apart by less than the two ranges span together (90 KiB against 20 + 80 KiB): noise.
    const close = scenarioComparison({
      retained: varying(0, 200 * KiB, {
        noisy: true,
        baseRange: [0, 20 * KiB],
        headRange: [110 * KiB, 190 * KiB],
      }),
    });
    expect(only('retained: +80KiB', close)).toMatchObject({ status: 'warn', noisy: true });
    // Relative: head's lowest against base's highest.
    const relative = scenarioComparison({
      peak: varying(100, 210, { noisy: true, baseRange: [100, 110], headRange: [200, 210] }),
    });
    expect(only('peak: +80%', relative).status).toBe('fail');
    expect(only('peak: +90%', relative).status).toBe('fail');
    const touching = scenarioComparison({
      peak: varying(100, 210, { noisy: true, baseRange: [100, 110], headRange: [110, 210] }),
    });
    expect(only('peak: +90%', touching)).toMatchObject({ status: 'warn', noisy: true });
    // An improvement floor: head's highest against base's lowest.
    const shrunk = scenarioComparison({
      peak: varying(1_100, 500, { noisy: true, baseRange: [1_000, 1_100], headRange: [500, 600] }),
    });
    expect(only('peak: -30%', shrunk).status).toBe('fail');
    expect(only('peak: -45%', shrunk).status).toBe('fail');
    const shrunkOverlapping = scenarioComparison({
      peak: varying(1_100, 500, { noisy: true, baseRange: [600, 1_100], headRange: [500, 700] }),
    });
    expect(only('peak: -45%', shrunkOverlapping)).toMatchObject({ status: 'warn', noisy: true });
  });

  it('says which ranges it compared, when the reported figure (a first call) lies outside them', () => {
    // A function whose first call kept 1,984 B more than base's, while its later calls keep a
    // random list of 19–21 KB more: the budget is decided by the ranges, which the reason gives.
    const random = scenarioComparison({
      name: 'bench_chunked',
      kind: 'function',
      retained: varying(8_056, 10_040, { noisy: true, headRange: [26_840, 28_968] }),
    });
    const result = only('retained: +1KB', random);
    expect(result).toMatchObject({
      status: 'fail',
      actual: '+1.98 KB',
      reason:
        "base's and head's repeats lie apart by more than they vary: head's 26.8–29.0 KB against base's 8.06 KB, +18.8 KB at the nearest",
    });
  });

  it('reports a noisy peak whose ranges lie apart by less than they vary, fails it beyond', () => {
    // A pytest test's figures: a +32.2 % peak whose nearest ends differ by +7.5 % only (base up
    // to 13,045 B, head from 14,027 B), while base's calls span 1,635 B and head's 4,243 B:
    // random figures fall that far apart by chance.
    const close = scenarioComparison({
      name: 'tests/test_idna_codec.py::IDNACodecTests::testDirectEncode',
      kind: 'test',
      peak: varying(13_045, 17_246, {
        noisy: true,
        baseRange: [11_410, 13_045],
        headRange: [14_027, 18_270],
      }),
    });
    const result = only('peak: +10%', close);
    expect(result).toMatchObject({
      status: 'warn',
      actual: '+32.2 %',
      noisy: true,
      reason: 'the measurement is noisy: reported, not failed',
    });
    expect(decideVerdict({ scenarios: [close] }, [result])).toBe('warn');
    // Head's first calls beyond base's by more than the two spans together: the change is real.
    const far = scenarioComparison({
      name: close.name,
      kind: 'test',
      peak: varying(13_045, 19_246, {
        noisy: true,
        baseRange: [11_410, 13_045],
        headRange: [17_400, 19_246],
      }),
    });
    const failed = only('peak: +10%', far);
    expect(failed).toMatchObject({
      status: 'fail',
      actual: '+47.5 %',
      reason:
        "base's and head's first (cold) calls lie apart by more than they vary: head's 17.0–18.8 KiB against base's 11.1–12.7 KiB, +33.4 % at the nearest",
    });
    expect(failed.noisy).toBeUndefined();
    expect(decideVerdict({ scenarios: [far] }, [failed])).toBe('fail');
    // A warn-level rule stays a warning.
    expect(only('peak: +10% (warn)', far).status).toBe('warn');
  });

  it("gives a side whose runs agreed the other side's spread: random runs agree by chance", () => {
    // Base's two processes measured the same (by chance), head's three varied by 6,000 B: head
    // lies 7,000 B beyond base, more than its own span, but not beyond base given that span.
    const close = scenarioComparison({
      retained: varying(150_000, 163_000, { noisy: true, headRange: [157_000, 163_000] }),
    });
    expect(withinNoise(close.retained)).toBe(true);
    expect(only('retained: +2%', close)).toMatchObject({ status: 'warn', noisy: true });
    // Beyond base's value by more than head's span and half again (base is given head's span).
    const far = scenarioComparison({
      retained: varying(150_000, 172_000, { noisy: true, headRange: [166_000, 172_000] }),
    });
    expect(withinNoise(far.retained)).toBe(false);
    expect(only('retained: +2%', far).status).toBe('fail');
  });

  it('fails a function whose warm calls lie over the limit for real, its first call within it', () => {
    // Head's first call kept 920 B more than base's; its warm calls 16.9 KB more, every one.
    const warm = scenarioComparison({
      kind: 'function',
      retained: varying(8_060, 8_980, { noisy: true, headRange: [24_900, 25_200] }),
    });
    const result = only('retained: +1KB', warm);
    expect(result.status).toBe('fail');
    expect(result.reason).toContain("head's 24.9–25.2 KB against base's 8.06 KB");
    // Warm calls over the limit at the reported figure only, not for real: within.
    const close = scenarioComparison({
      kind: 'function',
      retained: varying(8_060, 8_980, { noisy: true, headRange: [8_500, 25_200] }),
    });
    expect(only('retained: +1KB', close).status).toBe('pass');
  });

  it('fails a ceiling when every head repeat is over it, warns when only some are', () => {
    const over = scenarioComparison({
      peak: varying(1_000, 70 * MiB, { noisy: true, headRange: [66 * MiB, 70 * MiB] }),
    });
    expect(only('peak: 64MiB', over)).toMatchObject({
      status: 'fail',
      actual: '70.0 MiB',
      reason: 'every head repeat is over the limit: 66.0 MiB at the lowest',
    });
    expect(only('peak: 68MiB', over)).toMatchObject({ status: 'warn', noisy: true });
  });

  it('keeps a genuinely noisy figure, overlapping and up and down, a warning', () => {
    const noisy = scenarioComparison({
      peak: varying(10 * MiB, 10.5 * MiB, {
        noisy: true,
        baseRange: [9.8 * MiB, 10.6 * MiB],
        headRange: [10.1 * MiB, 10.9 * MiB],
      }),
    });
    expect(only('peak: +2%', noisy)).toMatchObject({
      status: 'warn',
      level: 'fail',
      noisy: true,
      reason: 'the measurement is noisy: reported, not failed',
    });
  });

  it('never fails a growth limit while the ranges lie apart by no more than they vary (property)', () => {
    const sorted = fc.tuple(fc.nat(1_000_000), fc.nat(1_000_000)).map(([a, b]) => {
      const range: [number, number] = [Math.min(a, b), Math.max(a, b)];
      return range;
    });
    fc.assert(
      fc.property(sorted, sorted, fc.nat(500_000), (baseRange, headRange, limit) => {
        const gap = headRange[0] - baseRange[1];
        const spread = baseRange[1] - baseRange[0] + (headRange[1] - headRange[0]);
        fc.pre(gap <= spread);
        const comparison = scenarioComparison({
          retained: varying(baseRange[0], headRange[1], { noisy: true, baseRange, headRange }),
        });
        const result = only(`retained: +${limit}B`, comparison);
        expect(result.status).not.toBe('fail');
        // …and fails once head's lie beyond base's by more than the limit and their spans.
        const apartBy = Math.max(limit, baseRange[1] - baseRange[0] + 5) + 1;
        const apart = scenarioComparison({
          retained: varying(baseRange[0], baseRange[1] + apartBy + 5, {
            noisy: true,
            baseRange,
            headRange: [baseRange[1] + apartBy, baseRange[1] + apartBy + 5],
          }),
        });
        expect(only(`retained: +${limit}B`, apart).status).toBe('fail');
      }),
    );
  });

  it('judges sites on their ranges too: a site over for real decides before a noisy one', () => {
    const scenarioWithSites = scenarioComparison({
      sites: [
        siteDelta({
          file: 'app/pool.py',
          line: 22,
          baseSize: 1_000,
          headSize: 60_000,
          noisy: true,
          baseRange: [1_000, 55_000],
          headRange: [50_000, 60_000],
        }),
        siteDelta({
          file: 'app/store.py',
          line: 5,
          baseSize: 0,
          headSize: 30_000,
          headRange: [30_000, 50_000],
          headGrowth: 10_000,
        }),
      ],
    });
    expect(only('site: +28KB', scenarioWithSites)).toMatchObject({
      status: 'fail',
      site: 'app/store.py:5',
      leak: 'rises +10.0 KB per call over the repeats',
    });
    expect(only('site: +40KB', scenarioWithSites)).toMatchObject({
      status: 'warn',
      site: 'app/pool.py:22',
      noisy: true,
    });
  });

  it('gives the leak budget the growth of retained memory when no leak check ran', () => {
    expect(only('leak: 0B', leaking)).toMatchObject({
      metric: 'leak',
      status: 'fail',
      actual: '78.8 KiB',
      reason: "from retained memory's growth over the repeats: no leak check ran",
    });
    expect(only('leak: +100KB', leaking).status).toBe('pass');
    // Both sides grow alike: the same leak, not a new one.
    const both = scenarioComparison({
      retained: varying(1_000, 1_000, {
        baseRange: [1_000, 3_000],
        headRange: [1_000, 3_000],
        baseGrowth: 1_000,
        headGrowth: 1_000,
      }),
    });
    expect(only('leak: +0B', both).status).toBe('pass');
    // Base's repeats are noise: a ceiling does not need base, a growth limit does.
    const noisyBase = scenarioComparison({
      retained: varying(1_000, 1_000, {
        noisy: true,
        baseRange: [900, 1_500],
        headRange: [1_000, 3_000],
        headGrowth: 1_000,
      }),
    });
    expect(only('leak: 0B', noisyBase).status).toBe('fail');
    expect(only('leak: +0B', noisyBase)).toMatchObject({
      status: 'warn',
      noisy: true,
      reason:
        "from retained memory's growth over the repeats: no leak check ran; base's repeats are noisy: reported, not failed",
    });
    // A leak check, when it ran, is the figure.
    const checked = { ...leaking, leak: measure(0, 1.35 * MiB) };
    expect(only('leak: +100KB', checked)).toMatchObject({ status: 'fail', actual: '+1.42 MB' });
  });

  it('says the leak is not measured when nothing grew, or head’s repeats are noise', () => {
    const steady = scenarioComparison({ name: 'bench_steady', kind: 'function' });
    const evaluation = checkBudgets({ scenarios: [steady] }, parseBudgetRules('leak: 0B'));
    expect(evaluation.results[0]).toMatchObject({ status: 'skip' });
    expect(evaluation.warnings).toEqual([
      'budget "leak: 0B" was not checked: leak per call is not measured for this scenario: ' +
        'no leak check ran, and one measurement per side cannot show growth (only what differed in the first pass is measured again)',
    ]);
    const noisyHead = scenarioComparison({
      retained: varying(1_000, 1_000, {
        noisy: true,
        baseRange: [1_000, 3_000],
        baseGrowth: 1_000,
        headRange: [900, 1_500],
      }),
    });
    expect(only('leak: 0B', noisyHead)).toMatchObject({
      status: 'skip',
      reason: "leak per call is not measured for this scenario: head's repeats are noisy",
    });
  });
});

describe('a leak in the report', () => {
  const leaking = scenarioComparison({
    name: 'bench_leak',
    kind: 'function',
    repeats: { base: 3, head: 3 },
    deterministic: false,
    retained: varying(189, 1_415_120, { headRange: [1_415_120, 1_576_432], headGrowth: 80_656 }),
    sites: [
      siteDelta({
        file: 'app/store.py',
        line: 5,
        function: 'remember',
        text: '_kept.extend(bytes(100) for _ in range(10_000))',
        baseSize: 0,
        headSize: 1_415_120,
        headRange: [1_415_120, 1_576_432],
        headGrowth: 80_656,
      }),
    ],
  });
  const rendered = () => {
    const budgets = checkBudgets({ scenarios: [leaking] }, parseBudgetRules('retained: +100KB'));
    return report([leaking], {
      budgets: budgets.results,
      verdict: decideVerdict({ scenarios: [leaking] }, budgets.results),
    });
  };

  it('says how fast the figure rises over the repeats in the comment, never "noisy"', () => {
    const markdown = renderMarkdown(rendered());
    expect(markdown.split('\n')[3]).toBe(
      '❌ **Over budget:** retained memory of <code>bench_leak</code> grew +1.41 MB ' +
        '(×7,487), most at [<code>app/store.py:5</code>](https://github.com/octo/allocdiff/blob/abcdef0123456789abcdef0123456789abcdef01/app/store.py#L5) (+1.42 MB), ' +
        'over the +100KB budget (rises +80.7 KB per call over the repeats).',
    );
    expect(markdown).toContain(
      '<details><summary>💧 Leak in <code>bench_leak</code>: 1 total and 1 site grow with every call (judged by budgets, not noise)</summary>',
    );
    expect(markdown).toContain(
      '| retained | 189\u00a0B (steady) | 1.35\u00a0MiB … 1.50\u00a0MiB, grows +78.8\u00a0KiB per call |',
    );
    expect(markdown).toContain(
      '| +1.41\u00a0MB (rises +80.7\u00a0KB per call over the repeats) | fail | ❌ fail',
    );
    expect(markdown).not.toMatch(/noisy|≈|〰️/);
  });

  it('shows the growth in the terminal, and keeps it in a JSON report read back', () => {
    const text = renderTerminal(rendered());
    expect(text).toMatch(/^bench_leak\s.*ok, rising \+78\.8 KiB\/call$/m);
    expect(text).not.toMatch(/noisy/);
    const parsed = parseReport(JSON.parse(JSON.stringify(rendered())), 'report.json');
    expect(parsed.scenarios[0].retained.headGrowth).toBe(80_656);
    expect(parsed.scenarios[0].sites[0].headGrowth).toBe(80_656);
    expect(parsed.budgets[0].leak).toBe('rises +80.7 KB per call over the repeats');
  });
});

describe('a peak that rose over the repeats', () => {
  // bench_small_many: a random scratch list makes each call's peak differ; three calls that
  // happen to rise keep nothing.
  const rising = scenarioComparison({
    name: 'bench_small_many',
    kind: 'function',
    repeats: { base: 3, head: 3 },
    deterministic: false,
    peak: varying(47_683, 69_930, {
      baseRange: [47_683, 57_580],
      baseGrowth: 4_949,
      headRange: [69_930, 70_464],
      headGrowth: 267,
    }),
  });
  const rendered = () => {
    const budgets = checkBudgets({ scenarios: [rising] }, parseBudgetRules('peak: +10%'));
    return report([rising], {
      budgets: budgets.results,
      verdict: decideVerdict({ scenarios: [rising] }, budgets.results),
    });
  };

  it('is judged without a rate per call: a peak is no memory the calls keep', () => {
    const [result] = rendered().budgets;
    expect(result).toMatchObject({ metric: 'peak', status: 'fail' });
    expect(result.leak).toBeUndefined();
    expect(renderTerminal(rendered())).not.toMatch(/per call|rising/);
  });

  it('lists the peak with the figures that varied, not as a leak', () => {
    const markdown = renderMarkdown(rendered());
    expect(markdown).not.toMatch(/per call|💧|Leak in/);
    expect(markdown).toContain(
      '<details><summary>〰️ Noisy in <code>bench_small_many</code>: 1 total and 0 sites differ between repeats',
    );
    expect(markdown).toContain(
      '| peak | 46.6\u00a0KiB … 56.2\u00a0KiB | 68.3\u00a0KiB … 68.8\u00a0KiB |',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { mergeProcessRepeats } from '../../src/capture/merge-repeats.js';
import type { RepeatTotals, SnapshotScenario } from '../../src/capture/snapshot.js';
import { checkBudgets } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import { compareSnapshots } from '../../src/compare/compare.js';
import { isDeterministic, spreadOf } from '../../src/compare/noise.js';
import { attachTracebacks, tracebackTargets } from '../../src/compare/tracebacks.js';
import { LineMap } from '../../src/sides/line-map.js';
import { scenario, site, snapshot } from './fixtures.js';

const noChanges = LineMap.fromUnifiedDiff('');
const threeLinesInsertedAtTop = LineMap.fromUnifiedDiff(`diff --git a/app/store.py b/app/store.py
--- a/app/store.py
+++ b/app/store.py
@@ -1,0 +1,3 @@
+# one
+# two
+# three
`);

function totals(peakBytes: number, retainedBytes: number, retainedCount = 1): RepeatTotals {
  return { peakBytes, retainedBytes, retainedCount, durationSeconds: 0.01 };
}

/** A function scenario measured once per value of `retained`. */
function fn(name: string, retained: number[], extra: Partial<SnapshotScenario> = {}) {
  return scenario(name, [], {
    kind: 'function',
    peakBytes: retained[0],
    retainedBytes: retained[0],
    repeats: retained.map((value) => totals(value, value)),
    ...extra,
  });
}

describe('noise: differences between repeats of the same code', () => {
  it('compares every process of a script, but only the warm calls of a function', () => {
    expect(spreadOf([100, 100, 100], 'script')).toEqual({ noisy: false });
    expect(spreadOf([100, 104, 100], 'script')).toEqual({ noisy: true, range: [100, 104] });
    // A function's cold first call may differ: that is warm-up, not noise.
    expect(spreadOf([900, 100, 100], 'function')).toEqual({ noisy: false });
    expect(spreadOf([900, 100, 130], 'function')).toEqual({
      noisy: true,
      range: [100, 130],
      few: true,
    });
    expect(spreadOf([900, 100], 'function')).toEqual({ noisy: false });
  });

  it('says deterministic only with enough repeats to tell', () => {
    expect(isDeterministic(fn('bench_a', [10, 10, 10]))).toBe(true);
    expect(isDeterministic(fn('bench_a', [10, 10]))).toBeUndefined();
    expect(isDeterministic(fn('bench_a', [10, 10, 12]))).toBe(false);
    const noisySite = fn('bench_a', [10, 10, 10], {
      sites: [site('bench.py', 3, 10, { sizes: [10, 10, 20], counts: [1, 1, 1] })],
    });
    expect(isDeterministic(noisySite)).toBe(false);
  });

  it('marks noisy totals and sites with their ranges, and a noisy growth only warns', () => {
    const base = snapshot([
      fn('bench_random', [1_000, 1_000, 5_000], {
        sites: [site('bench.py', 4, 1_000, { sizes: [1_000, 1_000, 5_000], counts: [1, 1, 1] })],
      }),
    ]);
    const head = snapshot([
      fn('bench_random', [9_000, 2_000, 9_000], {
        sites: [site('bench.py', 4, 9_000, { sizes: [9_000, 2_000, 9_000], counts: [1, 1, 1] })],
      }),
    ]);
    const comparison = compareSnapshots(base, head, noChanges);
    const [result] = comparison.scenarios;
    expect(result.deterministic).toBe(false);
    expect(result.retained).toMatchObject({
      base: 1_000,
      head: 9_000,
      noisy: true,
      baseRange: [1_000, 5_000],
      headRange: [2_000, 9_000],
    });
    expect(result.sites[0]).toMatchObject({
      line: 4,
      noisy: true,
      baseRange: [1_000, 5_000],
      headRange: [2_000, 9_000],
    });
    const { results } = checkBudgets(comparison, parseBudgetRules('retained: +1KB; site: +1KB'));
    expect(results.map((r) => [r.metric, r.status, r.noisy])).toEqual([
      ['retained', 'warn', true],
      ['site', 'warn', true],
    ]);
  });

  it('leaves steady figures steady, so their budgets still fail', () => {
    const base = snapshot([fn('bench_a', [900, 100, 100])]);
    const head = snapshot([fn('bench_a', [5_000, 4_000, 4_000])]);
    const comparison = compareSnapshots(base, head, noChanges);
    expect(comparison.scenarios[0].deterministic).toBe(true);
    expect(comparison.scenarios[0].retained.noisy).toBeUndefined();
    const { results } = checkBudgets(comparison, parseBudgetRules('retained: +1KB'));
    expect(results[0].status).toBe('fail');
  });
});

describe('merging the processes of a whole script', () => {
  const run = (sites: ReturnType<typeof site>[], peak: number) =>
    snapshot([scenario('bench.py', sites, { peakBytes: peak, repeats: [totals(peak, 0)] })]);

  it('keeps one totals entry per process and sizes only where the processes disagree', () => {
    const merged = mergeProcessRepeats([
      run([site('bench.py', 1, 500), site('bench.py', 2, 64)], 1_000),
      run([site('bench.py', 1, 500), site('bench.py', 2, 96)], 1_100),
      run([site('bench.py', 1, 500)], 1_000),
    ]);
    expect(merged.repeats).toBe(3);
    const [merge] = merged.scenarios;
    expect(merge.repeats.map((r) => r.peakBytes)).toEqual([1_000, 1_100, 1_000]);
    expect(merge.sites).toEqual([
      { file: 'bench.py', line: 1, size: 500, count: 1 },
      // Missing from the third process: 0 there.
      { file: 'bench.py', line: 2, size: 64, count: 1, sizes: [64, 96, 0], counts: [1, 1, 0] },
    ]);
    expect(isDeterministic(merge)).toBe(false);
  });

  it('reports the failure when one process failed', () => {
    const failed = snapshot([
      scenario('bench.py', [], {
        status: 'failed',
        error: { type: 'ValueError', message: 'flaky' },
      }),
    ]);
    const merged = mergeProcessRepeats([run([], 10), failed]);
    expect(merged.scenarios[0]).toMatchObject({ status: 'failed', error: { message: 'flaky' } });
  });
});

describe('leak check, object types and peak sites, base against head', () => {
  const leakOf = (bytesPerCall: number, line: number) => ({
    iterations: 5,
    retainedBytes: [0, 1, 2, 3, 4].map((i) => i * bytesPerCall),
    bytesPerCall,
    sites: [
      {
        file: 'app/store.py',
        line,
        text: 'data = bytearray(size)',
        function: 'remember',
        bytesPerCall,
        countPerCall: 1,
        retainedBytes: [0, bytesPerCall],
      },
    ],
  });

  it('measures the leak per call and maps its site through the line map', () => {
    const base = snapshot([fn('bench_remember', [10, 10, 10], { leak: leakOf(100.4, 5) })]);
    const head = snapshot([fn('bench_remember', [10, 10, 10], { leak: leakOf(300.6, 8) })]);
    const [result] = compareSnapshots(base, head, threeLinesInsertedAtTop).scenarios;
    expect(result.leak).toEqual({ base: 100, head: 301, delta: 201 });
    expect(result.leakSites).toEqual([
      expect.objectContaining({ file: 'app/store.py', line: 8, baseLine: 5, headSize: 301 }),
    ]);
    const { results, warnings } = checkBudgets(
      compareSnapshots(base, head, threeLinesInsertedAtTop),
      parseBudgetRules('leak: 0B'),
    );
    expect(warnings).toEqual([]);
    expect(results[0]).toMatchObject({ metric: 'leak', status: 'fail', actual: '301 B' });
  });

  it('has no leak figure where no side ran a leak check, so the budget is skipped', () => {
    const plain = snapshot([fn('bench_a', [1, 1, 1])]);
    const comparison = compareSnapshots(plain, plain, noChanges);
    expect(comparison.scenarios[0].leak).toBeUndefined();
    expect(checkBudgets(comparison, parseBudgetRules('leak: 0B')).results[0].status).toBe('skip');
  });

  it('lists the object types whose growth changed, largest change first', () => {
    const base = snapshot([
      fn('bench_a', [1, 1, 1], {
        objectTypes: [
          { type: 'dict', before: 10, after: 12 },
          { type: 'list', before: 5, after: 6 },
        ],
      }),
    ]);
    const head = snapshot([
      fn('bench_a', [1, 1, 1], {
        objectTypes: [
          { type: 'dict', before: 10, after: 12 },
          { type: 'bytearray', before: 0, after: 200 },
          { type: 'list', before: 5, after: 5 },
        ],
      }),
    ]);
    const [result] = compareSnapshots(base, head, noChanges).scenarios;
    expect(result.objectTypes).toEqual([
      { type: 'bytearray', baseGrowth: 0, headGrowth: 200, delta: 200 },
      { type: 'list', baseGrowth: 1, headGrowth: 0, delta: -1 },
    ]);
  });

  it('keeps the sites that shrank at the peak, however many larger sites head has', () => {
    // Head's peak holds 60 new sites larger than anything base had; base's largest line is gone.
    const base = snapshot([
      fn('bench_a', [1, 1, 1], {
        peak: {
          bytes: 3_000_000,
          peakBytes: 3_000_000,
          sites: [
            { file: 'app/load.py', line: 7, size: 2_750_000, count: 1 },
            { file: 'app/keep.py', line: 1, size: 250_000, count: 1 },
          ],
        },
      }),
    ]);
    const headSites = Array.from({ length: 60 }, (_, i) => ({
      file: 'app/new.py',
      line: i + 1,
      size: 3_000_000 + i,
      count: 1,
    }));
    const head = snapshot([
      fn('bench_a', [1, 1, 1], {
        peak: {
          bytes: 180_250_000,
          peakBytes: 180_250_000,
          sites: [...headSites, { file: 'app/keep.py', line: 1, size: 250_000, count: 1 }],
        },
      }),
    ]);
    const removeLoad = LineMap.fromUnifiedDiff(`diff --git a/app/load.py b/app/load.py
--- a/app/load.py
+++ b/app/load.py
@@ -7,1 +6,0 @@
-data = read_all()
`);
    const { sites } = compareSnapshots(base, head, removeLoad).scenarios[0].peakSites!;
    // 50 growths at most, the shrink, the unchanged site; largest change first.
    expect(sites).toHaveLength(52);
    expect(sites[0]).toMatchObject({ file: 'app/new.py', line: 60, sizeDelta: 3_000_059 });
    expect(sites.filter((s) => s.sizeDelta > 0)).toHaveLength(50);
    expect(sites.find((s) => s.sizeDelta < 0)).toMatchObject({
      file: 'app/load.py',
      line: null,
      baseLine: 7,
      baseSize: 2_750_000,
      headSize: 0,
    });
    expect(sites.at(-1)).toMatchObject({ file: 'app/keep.py', sizeDelta: 0 });
  });

  it('matches the sites at the peak across commits, largest change first', () => {
    const peakOf = (line: number, size: number) => ({
      bytes: size,
      peakBytes: size + 10,
      sites: [
        { file: 'app/store.py', line, size, count: 1 },
        { file: 'app/other.py', line: 1, size: 50, count: 1 },
      ],
    });
    const base = snapshot([fn('bench_a', [1, 1, 1], { peak: peakOf(2, 1_000) })]);
    const head = snapshot([fn('bench_a', [1, 1, 1], { peak: peakOf(5, 9_000) })]);
    const [result] = compareSnapshots(base, head, threeLinesInsertedAtTop).scenarios;
    expect(result.peakSites).toEqual({
      base: { bytes: 1_000, peakBytes: 1_010 },
      head: { bytes: 9_000, peakBytes: 9_010 },
      sites: [
        expect.objectContaining({ line: 5, baseLine: 2, baseSize: 1_000, headSize: 9_000 }),
        // Unchanged, still listed: it held memory at the peak.
        expect.objectContaining({ file: 'app/other.py', line: 1, baseSize: 50, headSize: 50 }),
      ],
    });
  });
});

describe('the traceback pass', () => {
  it('traces the top changed sites per side and puts the tracebacks on them', () => {
    const base = snapshot([scenario('bench.py', [site('app/store.py', 5, 10)])]);
    const head = snapshot([
      scenario('bench.py', [site('app/store.py', 8, 500), site('app/new.py', 1, 70)]),
    ]);
    const gone = snapshot([scenario('bench.py', [site('app/gone.py', 3, 40)])]);
    const comparison = compareSnapshots(
      {
        ...base,
        scenarios: [
          { ...base.scenarios[0], sites: [...base.scenarios[0].sites, ...gone.scenarios[0].sites] },
        ],
      },
      head,
      threeLinesInsertedAtTop,
    );
    expect(tracebackTargets(comparison)).toEqual({
      base: ['app/gone.py:3'],
      head: ['app/new.py:1', 'app/store.py:8'],
    });
    expect(tracebackTargets(comparison, 1)).toEqual({ base: [], head: ['app/store.py:8'] });

    const frames = [
      { file: 'bench.py', line: 2, function: '<module>', text: 'store.remember(1)' },
      { file: 'app/store.py', line: 8, function: 'remember', text: 'data = bytearray(size)' },
    ];
    const traced = snapshot([
      scenario('bench.py', [
        site('app/store.py', 8, 500, { tracebacks: [{ size: 500, count: 1, frames }] }),
      ]),
    ]);
    const tracedBase = snapshot([
      scenario('bench.py', [
        site('app/gone.py', 3, 40, {
          tracebacks: [{ size: 40, count: 1, frames: frames.slice(0, 1) }],
        }),
      ]),
    ]);
    attachTracebacks(comparison, { head: traced, base: tracedBase });
    const byLine = new Map(
      comparison.scenarios[0].sites.map((s) => [`${s.file}:${s.line ?? s.baseLine}`, s]),
    );
    expect(byLine.get('app/store.py:8')).toMatchObject({
      tracebackSide: 'head',
      tracebacks: [{ frames }],
    });
    expect(byLine.get('app/gone.py:3')).toMatchObject({ tracebackSide: 'base' });
    expect(byLine.get('app/new.py:1')?.tracebacks).toBeUndefined();
  });

  it('traces a site that stopped allocating on its base line, whose tracebacks only base has', () => {
    // Base line 5 is head line 8, where head allocates nothing.
    const base = snapshot([scenario('bench.py', [site('app/store.py', 5, 900)])]);
    const comparison = compareSnapshots(
      base,
      snapshot([scenario('bench.py')]),
      threeLinesInsertedAtTop,
    );
    expect(comparison.scenarios[0].sites).toMatchObject([{ line: 8, baseLine: 5, silent: true }]);
    expect(tracebackTargets(comparison)).toEqual({ base: ['app/store.py:5'], head: [] });
    const frames = [{ file: 'app/store.py', line: 5, function: 'remember' }];
    const traced = snapshot([
      scenario('bench.py', [
        site('app/store.py', 5, 900, { tracebacks: [{ size: 900, count: 1, frames }] }),
      ]),
    ]);
    attachTracebacks(comparison, { base: traced, head: snapshot([scenario('bench.py')]) });
    expect(comparison.scenarios[0].sites[0]).toMatchObject({ tracebackSide: 'base' });
  });
});

describe('a side that failed as a whole', () => {
  it('fails each function the other side measured, not a stray script', async () => {
    const { failedSnapshot } = await import('../../src/capture/outcome.js');
    const { spreadSideFailure } = await import('../../src/capture/outcome.js');
    const failed = failedSnapshot(
      'bench.py',
      { type: 'TimedOut', message: 'timed out after 1 min' },
      1,
    );
    const other = snapshot([fn('bench_a', [1]), fn('bench_b', [1])]);
    const spread = spreadSideFailure(failed, other);
    expect(spread.scenarios.map((s) => [s.name, s.kind, s.status, s.error?.type])).toEqual([
      ['bench_a', 'function', 'failed', 'TimedOut'],
      ['bench_b', 'function', 'failed', 'TimedOut'],
    ]);
    // A script on the other side keeps its one failed scenario; a measured side is left alone.
    expect(spreadSideFailure(failed, snapshot([scenario('bench.py')]))).toBe(failed);
    expect(spreadSideFailure(other, failed)).toBe(other);
  });
});

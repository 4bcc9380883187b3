/**
 * A leak check runs once per side: its figure is real only when its calls rose steadily and
 * the test's own repeats kept the same on every warm call; a difference within that noise is
 * no change (not a headline, not a failed budget). Budget sentences name a site that moved the
 * way the limit was crossed, suggested budgets pass on base, and scenarios the first pass calls
 * the same are counted as unchanged. Snapshots shaped like a pytest suite's.
 */
import { describe, expect, it } from 'vitest';
import type { RepeatTotals, SnapshotScenario } from '../../src/capture/snapshot.js';
import { checkBudgets, decideVerdict } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import { compareSnapshots } from '../../src/compare/compare.js';
import type { Comparison, ScenarioComparison } from '../../src/compare/comparison.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { verdictReason } from '../../src/report/verdict.js';
import type { Report } from '../../src/report/report.js';
import { LineMap } from '../../src/sides/line-map.js';
import { measure, report, scenario, scenarioComparison, siteDelta, snapshot } from './fixtures.js';

const noChanges = LineMap.fromUnifiedDiff('');
const NAME = 'tests/test_parser.py::TestParserCaching::test_thread_safety_of_cache';

function totals(retainedBytes: number, peakBytes = 60_000): RepeatTotals {
  return { peakBytes, retainedBytes, retainedCount: 10, durationSeconds: 0.01 };
}

/**
 * A pytest test: what each of its repeats kept (the first a cold call), and its leak check's
 * retained bytes after each call.
 */
function pytestTest(
  repeats: number[],
  series: number[],
  extra: Partial<SnapshotScenario> = {},
): SnapshotScenario {
  const bytesPerCall = (series[series.length - 1] - series[0]) / (series.length - 1);
  return scenario(NAME, [], {
    kind: 'test',
    peakBytes: 60_000,
    retainedBytes: repeats[1],
    retainedCount: 10,
    repeats: repeats.map((value) => totals(value)),
    leak: {
      iterations: series.length,
      retainedBytes: series,
      bytesPerCall,
      sites: [
        {
          file: 'jmespath/parser.py',
          line: 508,
          text: 'self._CACHE[expression] = parsed_result',
          function: 'Parser.parse',
          bytesPerCall,
          countPerCall: 1,
          retainedBytes: series,
        },
      ],
    },
    ...extra,
  });
}

function reportOf(comparison: Comparison, rules = ''): Report {
  const { results, warnings } = checkBudgets(comparison, parseBudgetRules(rules));
  return report(comparison.scenarios, {
    budgets: results,
    verdict: decideVerdict(comparison, results, warnings),
  });
}

const verdictLine = (markdown: string): string => markdown.split('\n')[3];

describe('a leak check taken once per side', () => {
  // Base: an unseeded random eviction freed memory during one call of the leak check.
  // Head (a README-only change): its calls happened to rise, by more per call; but the test's
  // warm repeats kept anything from 300 B to 4.1 KB, so the difference is within its noise.
  const base = pytestTest([6_100, 200, 3_500, 1_800], [1_200, 2_000, 1_700, 3_100, 5_340]);
  const head = pytestTest([5_900, 300, 4_100, 2_900], [900, 3_300, 5_600, 7_100, 10_340]);
  const comparison = compareSnapshots(snapshot([base]), snapshot([head]), noChanges);
  const [test] = comparison.scenarios;

  it('is noisy, with each side’s range of what one call kept, when the calls or repeats vary', () => {
    expect(test.leak).toEqual({
      base: 1_035,
      head: 2_360,
      delta: 1_325,
      noisy: true,
      baseRange: [-300, 3_500],
      headRange: [300, 4_100],
    });
  });

  it('neither leads the comment nor fails the budget when the ranges overlap', () => {
    const plain = reportOf(comparison);
    expect(plain.verdict).toBe('pass');
    const markdown = renderMarkdown(plain);
    expect(verdictLine(markdown)).toMatch(/^✅ \*\*No memory change beyond noise:\*\*/);
    expect(markdown).not.toContain('📈');
    expect(markdown).toContain('1 scenario, 0 changed');
    expect(renderTerminal(plain)).toContain('1 test unchanged');

    // Held to base: the ranges overlap, so it is reported, not failed.
    const budgeted = reportOf(comparison, 'leak: +0%');
    expect(budgeted.budgets[0]).toMatchObject({ status: 'warn', noisy: true });
    expect(budgeted.verdict).not.toBe('fail');
    // Held to a ceiling: base's calls fell once, so its figure may be no leak at all.
    const swapped = compareSnapshots(snapshot([head]), snapshot([base]), noChanges);
    expect(reportOf(swapped, 'leak: 0B').budgets[0]).toMatchObject({ status: 'warn' });
  });

  it('is real when both sides rose steadily and the repeats kept the same every warm call', () => {
    const steadyBase = pytestTest([900, 512, 512, 512], [0, 512, 1_024, 1_536, 2_048]);
    const steadyHead = pytestTest([2_100, 1_792, 1_792, 1_792], [0, 1_792, 3_584, 5_376, 7_168]);
    const real = compareSnapshots(snapshot([steadyBase]), snapshot([steadyHead]), noChanges);
    expect(real.scenarios[0].leak).toEqual({ base: 512, head: 1_792, delta: 1_280 });
    const judged = reportOf(real, 'leak: 1KiB');
    expect(judged.budgets[0]).toMatchObject({ status: 'fail', actual: '1.75 KiB' });
    expect(verdictReason(judged)).toContain('leak per call of');
  });

  it('is noisy by its own calls when memory was freed between them, the repeats steady', () => {
    const evicting = pytestTest([900, 512, 512, 512], [0, 2_000, 1_500, 3_000, 4_000]);
    const steady = pytestTest([900, 512, 512, 512], [0, 512, 1_024, 1_536, 2_048]);
    const [result] = compareSnapshots(
      snapshot([steady]),
      snapshot([evicting]),
      noChanges,
    ).scenarios;
    expect(result.leak).toMatchObject({ noisy: true, headRange: [-500, 2_000] });
    expect(result.leak?.baseRange).toBeUndefined();
  });
});

describe('a leak check whose calls rose steadily', () => {
  // Each call appends its result to a module list: 5,066 B of objects, and on some calls the
  // list's own storage grows by a step (608 B), so the warm calls differ by that step.
  const series = [5_066, 10_740, 15_806, 20_872, 26_546];
  const appending = (steady: boolean | undefined) => {
    const test = pytestTest([6_100, 5_304, 5_912, 5_304], series, {
      repeats: [6_100, 5_304, 5_912, 5_304].map((kept, index) =>
        totals(kept, 9_000 + kept - (index === 2 ? 300 : 0)),
      ),
    });
    test.leak = { ...test.leak!, bytesPerCall: 5_066, ...(steady === undefined ? {} : { steady }) };
    return test;
  };
  const clean = pytestTest([400, 345, 345, 345], [0, 0, 0, 0, 0], {
    leak: { iterations: 5, retainedBytes: [0, 0, 0, 0, 0], bytesPerCall: 0, sites: [] },
  });
  const compared = (steady: boolean | undefined) =>
    compareSnapshots(snapshot([clean]), snapshot([appending(steady)]), noChanges);

  it('is a leak, exact per call with the range its steps give, not noise', () => {
    const [test] = compared(true).scenarios;
    expect(test.leak).toEqual({ base: 0, head: 5_066, delta: 5_066, headRange: [5_066, 5_674] });
    expect(test.retained.noisy).toBeUndefined();
    // Its figure is its first (cold) call, 6,100 B, give or take the step its warm calls
    // differ by (608 B).
    expect(test.retained.headRange).toEqual([5_492, 6_708]);
    // Its peak moved by less than the step: the same step, not noise.
    expect(test.peak.noisy).toBeUndefined();
    expect(test.deterministic).toBe(false);
    // The harness could not tell (an older snapshot): noise, as before.
    const [unknown] = compared(undefined).scenarios;
    expect(unknown.leak?.noisy).toBe(true);
    expect(unknown.retained.noisy).toBe(true);
  });

  it('leads the comment and the verdict, and fails a ceiling it is over', () => {
    const plain = reportOf(compared(true));
    const markdown = renderMarkdown(plain);
    expect(verdictLine(markdown)).toContain('The leak per call of');
    expect(verdictLine(markdown)).toContain('grew from 0 B to 4.95 KiB');
    expect(markdown).not.toContain('≈');
    const terminal = renderTerminal(plain);
    const row = terminal.split('\n').find((line) => line.includes('test_thread_safety'))!;
    expect(row).not.toContain('noisy');
    const judged = reportOf(compared(true), 'leak: 1KB');
    expect(judged.budgets[0]).toMatchObject({ status: 'fail', actual: '5.07 KB' });
    expect(judged.budgets[0].noisy).toBeUndefined();
  });

  it('is noise still when a call freed what an earlier one kept', () => {
    const [test] = compared(false).scenarios;
    expect(test.leak?.noisy).toBe(true);
    expect(test.retained.noisy).toBe(true);
  });
});

describe('the site a budget sentence names', () => {
  // The leak fell since base (-939 B per call) yet is over a 0B ceiling: the site that fell
  // most is no cause of it.
  const leaking = (sites: ScenarioComparison['leakSites']) =>
    scenarioComparison({
      name: 'test_compile_lots_of_expressions',
      kind: 'test',
      leak: measure(2_731, 1_792),
      leakSites: sites,
    });
  const fell = siteDelta({ file: 'jmespath/ast.py', line: 22, baseSize: 600, headSize: 316 });
  const rose = siteDelta({ file: 'jmespath/parser.py', line: 508, baseSize: 900, headSize: 1_000 });

  it('is one that moved the way the limit was crossed, never one that moved the other way', () => {
    const comparison = { scenarios: [leaking([fell, rose])] };
    const over = reportOf(comparison, 'leak: 0B');
    expect(over.verdict).toBe('fail');
    const reason = verdictReason(over);
    expect(reason).toContain('limit 0B, most at jmespath/parser.py:508 (+100 B per call)');
    expect(reason).not.toContain('ast.py');
    expect(renderMarkdown(over)).not.toContain('-284');
  });

  it('is none when every site moved the other way', () => {
    const over = reportOf({ scenarios: [leaking([fell])] }, 'leak: 0B');
    expect(verdictReason(over)).toBe(
      'memory budget exceeded: leak per call of test_compile_lots_of_expressions is 1.75 KiB, limit 0B',
    );
    expect(renderMarkdown(over)).not.toMatch(/most at [^\n]*ast\.py/);
  });
});

describe('the budget a comment suggests', () => {
  it('is a ceiling base passes when base already leaks, and 0B when it does not', () => {
    const grew = scenarioComparison({
      name: 'test_cache',
      kind: 'test',
      leak: measure(1_792, 4_096),
    });
    const text = renderMarkdown(reportOf({ scenarios: [grew] }));
    expect(text).toContain("budget: 'leak: 2KB'");
    expect(verdictReason(reportOf({ scenarios: [grew] }))).toContain('--budget "leak: 2KB"');
    // Base against itself passes the suggestion; head, which leaks more, does not.
    const onBase = scenarioComparison({
      name: 'test_cache',
      kind: 'test',
      leak: measure(1_792, 1_792),
    });
    expect(reportOf({ scenarios: [onBase] }, 'leak: 2KB').budgets[0].status).toBe('pass');
    expect(reportOf({ scenarios: [grew] }, 'leak: 2KB').budgets[0].status).toBe('fail');

    const started = scenarioComparison({ name: 'test_cache', kind: 'test', leak: measure(0, 512) });
    expect(renderMarkdown(reportOf({ scenarios: [started] }))).toContain("budget: 'leak: 0B'");
  });

  it('is above base’s highest repeat when base was noisy', () => {
    const grew = scenarioComparison({
      name: 'test_cache',
      kind: 'test',
      leak: { ...measure(900, 9_000), noisy: true, baseRange: [400, 1_200] },
    });
    expect(renderMarkdown(reportOf({ scenarios: [grew] }))).toContain("budget: 'leak: 2KB'");
  });
});

describe('differences within the first pass’s tolerance', () => {
  it('are counted as unchanged alike in the comment, the summary line and the terminal', () => {
    const tiny = [64, -72, 80].map((delta, index) =>
      scenarioComparison({
        name: `tests/test_lexer.py::test_token_${index}`,
        kind: 'test',
        peak: measure(40_000, 40_000 + delta),
      }),
    );
    const grown = scenarioComparison({
      name: 'tests/test_parser.py::test_cache_grows',
      kind: 'test',
      peak: measure(40_000, 52_000),
    });
    const whole = report([...tiny, grown]);
    const markdown = renderMarkdown(whole);
    expect(markdown).toContain('4 scenarios, 1 changed');
    // Measured once, they have no repeats to be noisy against: within one run's tolerance.
    expect(markdown).toContain(
      "3 tests unchanged (3 of them differ only within a single run's tolerance), 1 changed",
    );
    expect(markdown).not.toContain('noise of their repeats');
    expect(markdown).not.toContain('test_token_');
    const terminal = renderTerminal(whole);
    expect(terminal).toContain(
      "3 tests unchanged (3 of them differ only within a single run's tolerance), 1 changed",
    );
    expect(terminal).not.toContain('test_token_');
    // Only tiny ones: nothing changed beyond them.
    expect(verdictLine(renderMarkdown(report(tiny)))).toMatch(
      /^✅ \*\*No memory change beyond noise:\*\* none of 3 scenarios/,
    );
  });
});

describe('a noisy figure in the verdict line', () => {
  const KiB = 1024;
  const MiB = 1024 * 1024;
  // A benchmark filling an LRU cache that head evicts at random: the leak check's calls kept
  // random amounts (≈ 43.4 KiB, not a growth per call), next to small steady changes.
  const lru = scenarioComparison({
    name: 'bench_lru',
    kind: 'function',
    peak: measure(1_918_894, 1_918_894 + 4_424),
    retained: measure(Math.round(1.63 * MiB), Math.round(1.63 * MiB)),
    leak: { base: 0, head: 44_420, delta: 44_420, noisy: true, headRange: [44_420, 1_527_712] },
    leakSites: [siteDelta({ file: 'boltons/cacheutils.py', line: 191, headSize: 44_420 })],
  });
  const cached = scenarioComparison({
    name: 'bench_cached',
    kind: 'function',
    peak: measure(670_720, 670_920),
    retained: measure(589_824, 589_824 + 1_956),
    leak: { base: 0, head: 36_250, delta: 36_250, noisy: true, headRange: [36_250, 900_000] },
  });

  it('never leads with a leak per call that is noise, nor calls it grown', () => {
    const judged = reportOf({ scenarios: [lru, cached] }, 'retained: +100KB; peak: +5%');
    expect(judged.verdict).toBe('pass');
    const reason = verdictReason(judged);
    expect(reason).not.toContain('leak per call');
    expect(reason).not.toContain('≈');
    expect(reason).toContain('retained memory of bench_cached grew +0.33 % (+1.91 KiB)');
    // With nothing steady beside it, it still leads nothing: no change beyond noise.
    const alone = reportOf({ scenarios: [{ ...lru, peak: measure(1_000, 1_000) }] });
    expect(verdictReason(alone)).not.toContain('leak per call');
  });

  it('leads with a steady change before a noisy one, however much larger the noisy one is', () => {
    const noisy = scenarioComparison({
      name: 'bench_noisy',
      kind: 'function',
      peak: {
        ...measure(100 * KiB, 160 * KiB),
        noisy: true,
        baseRange: [90 * KiB, 100 * KiB],
        headRange: [150 * KiB, 170 * KiB],
      },
    });
    const steady = scenarioComparison({
      name: 'bench_steady',
      kind: 'function',
      peak: measure(100 * KiB, 102 * KiB),
    });
    const reason = verdictReason(reportOf({ scenarios: [noisy, steady] }));
    expect(reason).toContain('peak memory of bench_steady grew +2.00 % (+2.00 KiB)');
    expect(reason).not.toContain('≈');
    // Alone, a noisy change whose ranges lie apart is real, and leads, marked ≈.
    expect(verdictReason(reportOf({ scenarios: [noisy] }))).toContain(
      'peak memory of bench_noisy grew ≈ +60.0 % (≈ +60.0 KiB)',
    );
  });
});

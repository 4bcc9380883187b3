import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideVerdict, evaluateBudgets, type BudgetResult } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import type { Comparison, ScenarioComparison } from '../../src/compare/comparison.js';
import { measure, scenarioComparison, siteDelta } from './fixtures.js';

function evaluate(rules: string, ...scenarios: ScenarioComparison[]): BudgetResult[] {
  return evaluateBudgets({ scenarios }, parseBudgetRules(rules));
}

/** The single result of one rule with one limit against a scenario whose peak went base → head. */
function peak(rule: string, base: number | null, head: number | null): BudgetResult {
  const results = evaluate(`peak: ${rule}`, scenarioComparison({ peak: measure(base, head) }));
  expect(results).toHaveLength(1);
  return results[0];
}

describe('evaluateBudgets: relative growth (+N%)', () => {
  it('fails any growth from a zero base', () => {
    expect(peak('+1000%', 0, 1)).toMatchObject({ status: 'fail', actual: 'new' });
  });

  it('passes no growth from a zero base', () => {
    expect(peak('+0%', 0, 0)).toMatchObject({ status: 'pass', actual: '0 %' });
  });

  it('passes exactly at the limit, fails just over it and passes just under it', () => {
    expect(peak('+5%', 1_000, 1_050)).toMatchObject({ status: 'pass', actual: '+5.00 %' });
    expect(peak('+5%', 1_000, 1_051).status).toBe('fail');
    expect(peak('+5%', 1_000, 1_049).status).toBe('pass');
  });

  it('passes no change against a +0% limit, fails one byte more', () => {
    expect(peak('+0%', 4_096, 4_096).status).toBe('pass');
    expect(peak('+0%', 4_096, 4_097).status).toBe('fail');
  });

  it('passes shrinkage', () => {
    expect(peak('+0%', 1_000, 500)).toMatchObject({ status: 'pass', actual: '-50.0 %' });
  });

  it('reports the limit as written and the scenario it checked', () => {
    expect(peak('+12.5%', 1_000, 1_000)).toMatchObject({
      metric: 'peak',
      scenario: 'bench.py',
      limit: '+12.5%',
    });
  });

  // (head − base) / base × 100 in floating point makes 7/100 × 100 = 7.000000000000001:
  // growth of exactly a relative limit must still be within it.
  it('passes growth of exactly N% for every whole N (floating-point edge)', () => {
    for (const percent of [7, 14, 28, 55, 56]) {
      expect(peak(`+${percent}%`, 100, 100 + percent).status, `+${percent}%`).toBe('pass');
      expect(peak(`+${percent}%`, 1_000, 1_000 + 10 * percent).status, `+${percent}%`).toBe('pass');
    }
  });
});

describe('evaluateBudgets: absolute growth (+N unit)', () => {
  it('passes exactly at the limit, fails one byte over and passes one byte under', () => {
    expect(peak('+100B', 1_000, 1_100)).toMatchObject({ status: 'pass', actual: '+100 B' });
    expect(peak('+100B', 1_000, 1_101)).toMatchObject({ status: 'fail', actual: '+101 B' });
    expect(peak('+100B', 1_000, 1_099).status).toBe('pass');
  });

  it('measures growth from a zero base like any other', () => {
    expect(peak('+1KB', 0, 1_000).status).toBe('pass');
    expect(peak('+1KB', 0, 1_001).status).toBe('fail');
  });

  it('shows the growth in the limit’s family of units, and exactly where it would read as the limit', () => {
    // 1 KiB is over 1 KB: written in the limit's units, the two are told apart.
    expect(peak('+1KB', 0, 1_024)).toMatchObject({ status: 'fail', actual: '+1.02 KB' });
    expect(peak('+100KB', 0, 2_170_000)).toMatchObject({ actual: '+2.17 MB' });
    expect(peak('+1KiB', 0, 2_000)).toMatchObject({ actual: '+1.95 KiB' });
    // Rounded, 1,001 B is `+1.00 KB`, the limit itself: the exact figure follows.
    expect(peak('+1KB', 0, 1_001)).toMatchObject({ status: 'fail', actual: '+1.00 KB (+1,001 B)' });
    expect(peak('+100KB', 0, 99_990)).toMatchObject({
      status: 'pass',
      actual: '+100 KB (+99,990 B)',
    });
    expect(peak('1MiB', 0, 1_048_577)).toMatchObject({
      status: 'fail',
      actual: '1.00 MiB (1,048,577 B)',
    });
    expect(peak('+1KB', 0, 1_000)).toMatchObject({ status: 'pass', actual: '+1.00 KB' });
    expect(peak('1023KiB', 0, 1023 * 1024 + 100)).toMatchObject({
      status: 'fail',
      actual: '1,023 KiB (1,047,652 B)',
    });
  });

  it('shows a percentage with the digits that tell it from its limit', () => {
    expect(peak('+5%', 100_000, 105_001)).toMatchObject({ status: 'fail', actual: '+5.001 %' });
    expect(peak('+5%', 100_000, 105_000)).toMatchObject({ status: 'pass', actual: '+5.00 %' });
    expect(peak('-10%', 100_000, 89_999)).toMatchObject({ status: 'fail', actual: '-10.001 %' });
  });

  it('passes no change and shrinkage', () => {
    expect(peak('+0B', 2_048, 2_048)).toMatchObject({ status: 'pass', actual: '0 B' });
    expect(peak('+0B', 2_048, 1_024)).toMatchObject({ status: 'pass', actual: '-1.00 KiB' });
  });

  it('passes iff the growth is at most the limit (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000_000),
        fc.nat(10_000_000),
        fc.nat(1_000_000),
        (base, head, limit) => {
          const result = peak(`+${limit}B`, base, head);
          expect(result.status).toBe(head - base <= limit ? 'pass' : 'fail');
        },
      ),
    );
  });
});

describe('evaluateBudgets: ceilings (N unit)', () => {
  it('holds head to the ceiling whatever base was', () => {
    expect(peak('64MB', 1, 64_000_000)).toMatchObject({ status: 'pass', actual: '64.0 MB' });
    expect(peak('64MB', 1, 64_000_001).status).toBe('fail');
    expect(peak('64MB', 90_000_000, 70_000_000).status).toBe('fail');
    expect(peak('64MB', 0, 0).status).toBe('pass');
  });

  it('passes iff head is at most the ceiling (property)', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), fc.nat(1e9), (base, head, ceiling) => {
        expect(peak(`${ceiling}B`, base, head).status).toBe(head <= ceiling ? 'pass' : 'fail');
      }),
    );
  });

  it('checks retained memory for retained rules, not peak', () => {
    const bench = scenarioComparison({
      peak: measure(1_000, 1_000_000),
      retained: measure(1_000, 1_200),
    });
    expect(evaluate('retained: +200B, 1KiB', bench)).toMatchObject([
      { metric: 'retained', limit: '+200B', status: 'pass', actual: '+200 B' },
      { metric: 'retained', limit: '1KiB', status: 'fail', actual: '1.17 KiB' },
    ]);
  });
});

describe('evaluateBudgets: site rules', () => {
  const bench = scenarioComparison({
    sites: [
      siteDelta({ file: 'app/a.py', line: 1, baseLine: 1, baseSize: 100, headSize: 150 }),
      siteDelta({ file: 'app/b.py', line: 7, baseLine: 7, baseSize: 1_000, headSize: 1_300 }),
      siteDelta({ file: 'app/c.py', line: 2, baseLine: 2, baseSize: 5_000, headSize: 0 }),
      // Gone from head: not a site head has, so not one a budget can blame.
      siteDelta({ file: 'app/d.py', line: null, baseLine: 4, baseSize: 0, headSize: 0 }),
    ],
  });

  it('fails on the site that grew most, and names it', () => {
    expect(evaluate('site: +200B', bench)).toEqual([
      {
        rule: 'site: +200B',
        level: 'fail',
        metric: 'site',
        scenario: 'bench.py',
        limit: '+200B',
        actual: '+300 B',
        status: 'fail',
        site: 'app/b.py:7',
        over: 100,
      },
    ]);
  });

  it('names the worst site when every site passes too', () => {
    expect(evaluate('site: +300B', bench)[0]).toMatchObject({
      status: 'pass',
      actual: '+300 B',
      site: 'app/b.py:7',
    });
  });

  it('picks the worst site in the limit’s own terms', () => {
    // Relative: a.py grew 50 %, b.py 30 %.
    expect(evaluate('site: +40%', bench)[0]).toMatchObject({
      status: 'fail',
      actual: '+50.0 %',
      site: 'app/a.py:1',
    });
    // Ceiling: b.py holds the most on head.
    expect(evaluate('site: 1KB', bench)[0]).toMatchObject({
      status: 'fail',
      actual: '1.30 KB',
      site: 'app/b.py:7',
    });
  });

  it('names a site of the test, not the test runner’s own, when one holds memory', () => {
    // limit_leaks on a pytest test: pluggy's hook call holds 88 B after every test.
    const test = scenarioComparison({
      name: 'tests/test_memory.py::test_render_table',
      kind: 'test',
      sites: [
        siteDelta({
          file: 'site-packages/pluggy/_callers.py',
          line: 95,
          baseSize: 0,
          headSize: 88,
        }),
        siteDelta({ file: 'src/render.py', line: 12, baseLine: 12, baseSize: 40, headSize: 56 }),
      ],
    });
    expect(evaluate('site: 16KiB', test)[0]).toMatchObject({
      status: 'pass',
      actual: '56 B',
      site: 'src/render.py:12',
    });
    // With no site of its own, the runner's is what there is to judge.
    const runnerOnly = { ...test, sites: test.sites.slice(0, 1) };
    expect(evaluate('site: 16KiB', runnerOnly)[0]).toMatchObject({
      actual: '88 B',
      site: 'site-packages/pluggy/_callers.py:95',
    });
  });

  it('fails a relative site limit for a site that is new on head', () => {
    const grown = scenarioComparison({
      sites: [siteDelta({ file: 'app/n.py', line: 3, baseLine: null, baseSize: 0, headSize: 1 })],
    });
    expect(evaluate('site: +500%', grown)[0]).toMatchObject({
      status: 'fail',
      actual: 'new',
      site: 'app/n.py:3',
    });
  });

  it('ignores sites that exist only on base', () => {
    const shrunk = scenarioComparison({
      sites: [siteDelta({ line: null, baseLine: 4, baseSize: 10_000_000, headSize: 0 })],
    });
    expect(evaluate('site: +0B, 0B', shrunk)).toMatchObject([
      { status: 'pass', actual: 'no changed site' },
      { status: 'pass', actual: 'no changed site' },
    ]);
  });

  it('ignores a site head has the line of but allocates nothing on', () => {
    const stopped = scenarioComparison({
      sites: [
        siteDelta({ line: 31, baseLine: 30, baseSize: 1_000_000, headSize: 0, silent: true }),
      ],
    });
    expect(evaluate('site: -10%, 0B', stopped)).toMatchObject([
      { status: 'pass', actual: 'no changed site' },
      { status: 'pass', actual: 'no changed site' },
    ]);
  });

  it('passes a scenario with no changed site', () => {
    expect(evaluate('site: +0B', scenarioComparison())[0]).toMatchObject({
      status: 'pass',
      actual: 'no changed site',
    });
    expect(evaluate('site: +0B', scenarioComparison())[0].site).toBeUndefined();
  });
});

describe('evaluateBudgets: scenarios that cannot be compared', () => {
  const fresh = scenarioComparison({
    name: 'fresh',
    status: 'new',
    peak: measure(null, 70_000_000),
    retained: measure(null, 10),
    sites: [siteDelta({ baseLine: null, headSize: 2_000 })],
  });

  it('holds a new scenario to ceilings only, and says why growth limits were skipped', () => {
    const peakRule = { rule: 'peak: +5%, +1MB, 64MB', level: 'fail', metric: 'peak' };
    expect(evaluate('peak: +5%, +1MB, 64MB; retained: 1KB', fresh)).toEqual([
      {
        ...peakRule,
        scenario: 'fresh',
        limit: '+5%',
        actual: '—',
        status: 'skip',
        reason: 'new scenario: no base to grow from',
      },
      {
        ...peakRule,
        scenario: 'fresh',
        limit: '+1MB',
        actual: '—',
        status: 'skip',
        reason: 'new scenario: no base to grow from',
      },
      {
        ...peakRule,
        scenario: 'fresh',
        limit: '64MB',
        actual: '70.0 MB',
        status: 'fail',
        over: 6_000_000,
      },
      {
        rule: 'retained: 1KB',
        level: 'fail',
        metric: 'retained',
        scenario: 'fresh',
        limit: '1KB',
        actual: '10 B',
        status: 'pass',
      },
    ]);
  });

  it('holds the sites of a new scenario to site ceilings only', () => {
    expect(evaluate('site: +0B, 1KB', fresh)).toMatchObject([
      { status: 'skip', reason: 'new scenario: no base to grow from' },
      { status: 'fail', site: 'app/cache.py:12', actual: '2.00 KB' },
    ]);
  });

  it('skips a failed scenario, naming the side that failed', () => {
    const failed = scenarioComparison({
      status: 'failed',
      error: { side: 'head', type: 'MemoryError', message: '' },
      peak: measure(1_000, 0),
      retained: measure(1_000, 0),
    });
    const results = evaluate('peak: +0%, 0B; retained: +0B; site: +0B', failed);
    expect(results).toHaveLength(4);
    for (const result of results) {
      expect(result).toMatchObject({
        status: 'skip',
        actual: '—',
        reason: 'the head benchmark failed',
      });
    }
  });

  it('skips a removed scenario', () => {
    const removed = scenarioComparison({
      status: 'removed',
      peak: measure(1_000, null),
      retained: measure(1_000, null),
    });
    expect(evaluate('peak: 0B; retained: +0%', removed)).toMatchObject([
      { status: 'skip', reason: 'the scenario is gone on head' },
      { status: 'skip', reason: 'the scenario is gone on head' },
    ]);
  });

  it('checks every limit of every rule against every scenario, scenario by scenario', () => {
    const a = scenarioComparison({ name: 'a' });
    const b = scenarioComparison({ name: 'b' });
    const results = evaluate('peak: +5%, 1GB; retained: +1KB', a, b);
    expect(results.map((r) => `${r.metric} ${r.limit} ${r.scenario}`)).toEqual([
      'peak +5% a',
      'peak 1GB a',
      'retained +1KB a',
      'peak +5% b',
      'peak 1GB b',
      'retained +1KB b',
    ]);
  });
});

describe('decideVerdict', () => {
  const ok = scenarioComparison({ name: 'ok' });
  const headFailed = scenarioComparison({
    name: 'head',
    status: 'failed',
    error: { side: 'head', type: 'ValueError', message: 'boom' },
  });
  const baseFailed = scenarioComparison({
    name: 'base',
    status: 'failed',
    error: { side: 'base', type: 'ValueError', message: 'boom' },
  });
  const result = (status: BudgetResult['status']): BudgetResult => ({
    rule: 'peak: +5%',
    level: 'fail',
    metric: 'peak',
    scenario: 'ok',
    limit: '+5%',
    actual: '+1.00 %',
    status,
  });
  const verdict = (scenarios: ScenarioComparison[], budgets: BudgetResult[]) =>
    decideVerdict({ scenarios } satisfies Comparison, budgets);

  it('passes with no budgets and nothing failed', () => {
    expect(verdict([ok], [])).toBe('pass');
  });

  it('passes when every budget passed or was skipped', () => {
    expect(verdict([ok], [result('pass'), result('skip')])).toBe('pass');
  });

  it('fails when any budget failed', () => {
    expect(verdict([ok], [result('pass'), result('fail')])).toBe('fail');
  });

  it('fails when the head benchmark failed, even with no budgets', () => {
    expect(verdict([ok, headFailed], [])).toBe('fail');
  });

  it('warns when only the base benchmark failed', () => {
    expect(verdict([ok, baseFailed], [result('pass')])).toBe('warn');
  });

  it('fails rather than warns when a budget failed and base failed too', () => {
    expect(verdict([baseFailed], [result('fail')])).toBe('fail');
  });

  it('fails when both a head and a base benchmark failed', () => {
    expect(verdict([baseFailed, headFailed], [])).toBe('fail');
  });

  it('treats new and removed scenarios as no reason to warn', () => {
    const fresh = scenarioComparison({ status: 'new', peak: measure(null, 1) });
    const gone = scenarioComparison({ status: 'removed', peak: measure(1, null) });
    expect(verdict([fresh, gone], [])).toBe('pass');
  });

  it('evaluates and decides consistently: a failed budget fails the run (property)', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), fc.nat(100_000), (base, head, limit) => {
        const comparison = { scenarios: [scenarioComparison({ peak: measure(base, head) })] };
        const budgets = evaluateBudgets(comparison, parseBudgetRules(`peak: +${limit}B`));
        expect(decideVerdict(comparison, budgets)).toBe(head - base > limit ? 'fail' : 'pass');
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBudgets,
  decideVerdict,
  failsRun,
  type BudgetResult,
  type FailOn,
  type Verdict,
} from '../../src/budgets/evaluate.js';
import {
  parseBudgetRules,
  type BudgetMetric,
  type BudgetPolicy,
  type ScenarioOverride,
} from '../../src/budgets/rules.js';
import type { ScenarioComparison } from '../../src/compare/comparison.js';
import { measure, scenarioComparison, siteDelta } from './fixtures.js';

/** The single result of one single-limit rule against one scenario. */
function only(rule: string, scenario: ScenarioComparison): BudgetResult {
  const { results } = checkBudgets({ scenarios: [scenario] }, parseBudgetRules(rule));
  expect(results).toHaveLength(1);
  return results[0];
}

/** A scenario whose measure for `metric` went from base to head. */
function scenarioWith(metric: 'peak' | 'retained' | 'count' | 'leak', base: number, head: number) {
  const key = metric === 'count' ? 'retainedCount' : metric;
  return scenarioComparison({ [key]: measure(base, head) });
}

function override(scenarios: string, rules: string, metrics?: BudgetMetric[]): ScenarioOverride {
  const parsed = parseBudgetRules(rules);
  return {
    scenarios,
    origin: `allocdiff.yml: scenarios."${scenarios}"`,
    metrics: metrics ?? [...new Set(parsed.map((rule) => rule.metric))],
    rules: parsed,
  };
}

describe('improvement floors (-N%)', () => {
  it('passes a shrink of exactly N %, flags one byte more, passes one byte less', () => {
    expect(only('peak: -10%', scenarioWith('peak', 1_000, 900))).toMatchObject({
      status: 'pass',
      actual: '-10.0 %',
    });
    expect(only('peak: -10%', scenarioWith('peak', 1_000, 899)).status).toBe('fail');
    expect(only('peak: -10%', scenarioWith('peak', 1_000, 901)).status).toBe('pass');
  });

  it('passes growth and no change: a floor only looks at wins', () => {
    expect(only('retained: -1%', scenarioWith('retained', 1_000, 5_000)).status).toBe('pass');
    expect(only('retained: -0%', scenarioWith('retained', 1_000, 1_000)).status).toBe('pass');
    expect(only('retained: -0%', scenarioWith('retained', 1_000, 999)).status).toBe('fail');
  });

  it('passes from a zero base: nothing can shrink below nothing', () => {
    expect(only('peak: -0%', scenarioWith('peak', 0, 0)).status).toBe('pass');
    expect(only('peak: -50%', scenarioWith('peak', 0, 10)).status).toBe('pass');
  });

  it('flags a site that shrank too much, naming it', () => {
    const scenario = scenarioComparison({
      sites: [
        siteDelta({ file: 'a.py', line: 1, baseSize: 1_000, headSize: 700 }),
        siteDelta({ file: 'b.py', line: 2, baseSize: 1_000, headSize: 100 }),
      ],
    });
    expect(only('site: -50% (warn)', scenario)).toMatchObject({
      status: 'warn',
      actual: '-90.0 %',
      site: 'b.py:2',
      level: 'warn',
    });
  });

  it('is skipped for a new scenario, like every limit that needs a base', () => {
    const fresh = scenarioComparison({ status: 'new', peak: measure(null, 10) });
    expect(only('peak: -5%', fresh)).toMatchObject({ status: 'skip' });
  });

  it('flags iff head is more than N % below base (property)', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(2_000_000), fc.nat(100), (base, head, percent) => {
        const { status } = only(`peak: -${percent}%`, scenarioWith('peak', base, head));
        // Exact in integers: (base − head) / base > percent / 100.
        expect(status).toBe((base - head) * 100 > percent * base ? 'fail' : 'pass');
      }),
    );
  });
});

describe('relative growth at the edges (property)', () => {
  it('fails iff head is more than N % above base, growth from zero always failing', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(2_000_000), fc.nat(300), (base, head, percent) => {
        const { status } = only(`retained: +${percent}%`, scenarioWith('retained', base, head));
        const over = base === 0 ? head > 0 : (head - base) * 100 > percent * base;
        expect(status).toBe(over ? 'fail' : 'pass');
      }),
    );
  });

  it('passes equal values, exactly N %, one under; fails one over; passes any shrink', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(200), (hundreds, percent) => {
        const base = hundreds * 100;
        const atLimit = base + hundreds * percent;
        const check = (head: number) =>
          only(`peak: +${percent}%`, scenarioWith('peak', base, head)).status;
        expect(check(base)).toBe('pass');
        expect(check(atLimit)).toBe('pass');
        expect(check(atLimit - 1)).toBe('pass');
        expect(check(atLimit + 1)).toBe('fail');
        expect(check(base - 1)).toBe('pass');
      }),
    );
  });
});

describe('count rules (retained allocations)', () => {
  it('checks the retained count, in allocations', () => {
    const scenario = scenarioWith('count', 1_000, 2_500);
    expect(
      checkBudgets({ scenarios: [scenario] }, parseBudgetRules('count: +1000, 2000, +200%')),
    ).toMatchObject({
      results: [
        { metric: 'count', limit: '+1000', actual: '+1,500', status: 'fail' },
        { metric: 'count', limit: '2000', actual: '2,500', status: 'fail' },
        { metric: 'count', limit: '+200%', actual: '+150.0 %', status: 'pass' },
      ],
    });
  });

  it('passes exactly at a growth limit and fails one allocation over', () => {
    expect(only('count: +10', scenarioWith('count', 5, 15)).status).toBe('pass');
    expect(only('count: +10', scenarioWith('count', 5, 16)).status).toBe('fail');
    expect(only('count: +0', scenarioWith('count', 5, 4))).toMatchObject({
      status: 'pass',
      actual: '-1',
    });
  });
});

describe('leak rules (bytes retained per call)', () => {
  it('checks the leak measurement where the scenario has one', () => {
    const leaking = scenarioComparison({ leak: measure(0, 2_048) });
    expect(only('leak: 1KiB', leaking)).toMatchObject({ status: 'fail', actual: '2.00 KiB' });
    expect(only('leak: 2KiB', leaking).status).toBe('pass');
  });

  it('skips, saying why, where leaks are not measured, and warns when nothing was checked', () => {
    const evaluation = checkBudgets(
      { scenarios: [scenarioComparison({ name: 'a' }), scenarioComparison({ name: 'b' })] },
      parseBudgetRules('leak: 0B'),
    );
    const why =
      'no leak check ran, and one measurement per side cannot show growth (only what differed in the first pass is measured again)';
    const reason = `leak per call is not measured for this scenario: ${why}`;
    const unmeasured = { what: 'leak per call', why };
    expect(evaluation.results).toMatchObject([
      { scenario: 'a', status: 'skip', reason, unmeasured },
      { scenario: 'b', status: 'skip', reason, unmeasured },
    ]);
    expect(evaluation.warnings).toEqual([`budget "leak: 0B" was not checked: ${reason}`]);
    // With repeats that could have shown growth, the reason says so.
    const repeated = checkBudgets(
      { scenarios: [scenarioComparison({ name: 'a', repeats: { base: 3, head: 3 } })] },
      parseBudgetRules('leak: 0B'),
    );
    expect(repeated.results[0].unmeasured).toEqual({
      what: 'leak per call',
      why: 'no leak check ran, and its repeats are too few to show growth',
    });
  });

  it('does not warn when one scenario measured it', () => {
    const evaluation = checkBudgets(
      {
        scenarios: [
          scenarioComparison({ name: 'a' }),
          scenarioComparison({ name: 'b', leak: measure(0, 0) }),
        ],
      },
      parseBudgetRules('leak: 0B'),
    );
    expect(evaluation.results.map((r) => r.status)).toEqual(['skip', 'pass']);
    expect(evaluation.warnings).toEqual([]);
  });
});

describe('levels and noise', () => {
  it('makes an exceeded warn rule a warning, and a passing one a pass', () => {
    expect(only('peak: +1% (warn)', scenarioWith('peak', 100, 200))).toMatchObject({
      status: 'warn',
      level: 'warn',
    });
    expect(only('peak: +1% (warn)', scenarioWith('peak', 100, 100)).status).toBe('pass');
  });

  it('never fails on a noisy measure: it warns and says why', () => {
    const noisy = scenarioComparison({ peak: { ...measure(1_000, 2_000), noisy: true } });
    expect(only('peak: +5%', noisy)).toMatchObject({
      status: 'warn',
      level: 'fail',
      noisy: true,
      reason: 'the measurement is noisy: reported, not failed',
    });
    // A noisy measure within its limit is a plain pass.
    expect(only('peak: +500%', noisy)).toEqual(expect.not.objectContaining({ noisy: true }));
  });

  it('fails on a steady site over the limit even when a noisy site is worse', () => {
    const scenario = scenarioComparison({
      sites: [
        siteDelta({ file: 'noisy.py', line: 1, baseSize: 0, headSize: 9_000, noisy: true }),
        siteDelta({ file: 'steady.py', line: 2, baseSize: 0, headSize: 2_000 }),
        siteDelta({ file: 'small.py', line: 3, baseSize: 0, headSize: 10 }),
      ],
    });
    expect(only('site: +1KB', scenario)).toMatchObject({ status: 'fail', site: 'steady.py:2' });
    expect(only('site: +5KB', scenario)).toMatchObject({
      status: 'warn',
      site: 'noisy.py:1',
      noisy: true,
    });
    expect(only('site: +10KB', scenario)).toMatchObject({ status: 'pass', site: 'noisy.py:1' });
  });

  it('turns every would-be fail on a noisy measure into a warning (property)', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.nat(50_000), (base, head, limit) => {
        const steady = only(`retained: +${limit}B`, scenarioWith('retained', base, head));
        const noisy = only(
          `retained: +${limit}B`,
          scenarioComparison({ retained: { ...measure(base, head), noisy: true } }),
        );
        expect(noisy.status).toBe(steady.status === 'fail' ? 'warn' : steady.status);
      }),
    );
  });
});

describe('per-scenario overrides', () => {
  const scenarios = [
    scenarioComparison({ name: 'bench_ingest_csv', peak: measure(1e6, 1.5e9) }),
    scenarioComparison({ name: 'bench_query', peak: measure(1e6, 50e6) }),
  ];

  function check(policy: BudgetPolicy) {
    return checkBudgets({ scenarios }, policy);
  }

  it('replaces the general rules of the metrics it names, for matching scenarios only', () => {
    const { results, warnings } = check({
      rules: parseBudgetRules('peak: 64MB; retained: +0B'),
      overrides: [override('bench_ingest*', 'peak: 2GB')],
    });
    expect(results.map((r) => `${r.scenario} ${r.rule} ${r.status}`)).toEqual([
      'bench_ingest_csv retained: +0B pass',
      'bench_ingest_csv peak: 2GB pass',
      'bench_query peak: 64MB pass',
      'bench_query retained: +0B pass',
    ]);
    expect(warnings).toEqual([]);
  });

  it('applies overrides in order: a later match wins for the metrics it names', () => {
    const { results } = check({
      rules: parseBudgetRules('peak: 64MB'),
      overrides: [override('bench_*', 'peak: 1GB'), override('bench_ingest*', 'peak: 2GB')],
    });
    expect(results.map((r) => `${r.scenario} ${r.rule} ${r.status}`)).toEqual([
      'bench_ingest_csv peak: 2GB pass',
      'bench_query peak: 1GB pass',
    ]);
  });

  it('removes a metric’s rules with an empty list', () => {
    const { results } = check({
      rules: parseBudgetRules('peak: 64MB'),
      overrides: [override('bench_ingest*', '', ['peak'])],
    });
    expect(results.map((r) => r.scenario)).toEqual(['bench_query']);
  });

  it('warns, naming the override and its rules, when a glob matches no scenario', () => {
    const { results, warnings } = check({
      rules: [],
      overrides: [override('bench_export*', 'peak: 1GB; count: +0')],
    });
    expect(results).toEqual([]);
    expect(warnings).toEqual([
      'allocdiff.yml: scenarios."bench_export*" matches no scenario (scenarios: ' +
        '"bench_ingest_csv", "bench_query"); its budgets were not checked: "peak: 1GB", "count: +0"',
    ]);
    expect(decideVerdict({ scenarios }, results, warnings)).toBe('warn');
  });
});

describe('decideVerdict and fail-on', () => {
  const ok = scenarioComparison();
  const result = (status: BudgetResult['status']): BudgetResult => ({
    rule: 'peak: +5%',
    level: status === 'warn' ? 'warn' : 'fail',
    metric: 'peak',
    scenario: 'bench.py',
    limit: '+5%',
    actual: '+6.00 %',
    status,
  });

  it('warns when a budget warned and none failed', () => {
    expect(decideVerdict({ scenarios: [ok] }, [result('pass'), result('warn')])).toBe('warn');
    expect(decideVerdict({ scenarios: [ok] }, [result('warn'), result('fail')])).toBe('fail');
  });

  it('warns when a budget could not be checked', () => {
    expect(decideVerdict({ scenarios: [ok] }, [result('pass')], ['not checked'])).toBe('warn');
  });

  it.each([
    ['pass', 'fail', false],
    ['warn', 'fail', false],
    ['fail', 'fail', true],
    ['pass', 'warn', false],
    ['warn', 'warn', true],
    ['fail', 'warn', true],
    ['pass', 'never', false],
    ['warn', 'never', false],
    ['fail', 'never', false],
  ] as [Verdict, FailOn, boolean][])(
    'a %s verdict under fail-on %s fails the run: %s',
    (verdict, failOn, fails) => {
      expect(failsRun(verdict, failOn)).toBe(fails);
    },
  );
});

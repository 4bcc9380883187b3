import { describe, expect, it } from 'vitest';
import { checkBudgets } from '../../src/budgets/evaluate.js';
import { markerBudgets } from '../../src/budgets/markers.js';
import { BudgetSyntaxError, parseBudgetRules } from '../../src/budgets/rules.js';
import type { BudgetMarker, Snapshot } from '../../src/capture/snapshot.js';
import type { ScenarioComparison } from '../../src/compare/comparison.js';
import { UsageError } from '../../src/errors.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { measure, report, scenario, scenarioComparison, siteDelta, snapshot } from './fixtures.js';

const TEST = 'tests/test_parse.py::test_big';

function marker(name: string, args: BudgetMarker['args'], kwargs: BudgetMarker['kwargs'] = []) {
  return { name, args, kwargs };
}

/** A side whose one test carries these markers. */
function side(...markers: BudgetMarker[]): Snapshot {
  return snapshot([
    scenario(TEST, [], { kind: 'test', ...(markers.length ? { budgetMarkers: markers } : {}) }),
  ]);
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BudgetSyntaxError);
    expect(error).toBeInstanceOf(UsageError);
    return [...(error as BudgetSyntaxError).problems];
  }
  throw new Error('no error');
}

/** Checks the markers of base and head (no config rules) against one comparison of the test. */
function judge(base: Snapshot, head: Snapshot, compared: Partial<ScenarioComparison>) {
  const markers = markerBudgets(base, head);
  return checkBudgets(
    { scenarios: [scenarioComparison({ name: TEST, ...compared })] },
    [],
    markers.rules,
  ).results;
}

describe('marker budgets: @pytest.mark.allocdiff', () => {
  it('reads limits in the config syntax and checks them on the test, named by its node id', () => {
    const head = side(
      marker(
        'allocdiff',
        [],
        [
          ['retained', '+10KB'],
          ['peak', '64MB, +5% (warn)'],
        ],
      ),
    );
    const results = judge(head, head, {
      retained: measure(1_000, 12_001),
      peak: measure(1_000_000, 1_060_000),
    });
    expect(results.map((r) => [r.scenario, r.metric, r.limit, r.level, r.status])).toEqual([
      [TEST, 'retained', '+10KB', 'fail', 'fail'],
      [TEST, 'peak', '64MB', 'warn', 'pass'],
      [TEST, 'peak', '+5%', 'warn', 'warn'],
    ]);
    expect(results[0].rule).toBe('allocdiff(retained="+10KB")');
  });

  it('adds to the config rules of the same metric, never replaces them', () => {
    const head = side(marker('allocdiff', [], [['peak', '+50%']]));
    const { rules } = markerBudgets(head, head);
    const results = checkBudgets(
      { scenarios: [scenarioComparison({ name: TEST, peak: measure(1_000, 1_200) })] },
      parseBudgetRules('peak: +10%'),
      rules,
    ).results;
    expect(results.map((r) => [r.limit, r.status])).toEqual([
      ['+10%', 'fail'],
      ['+50%', 'pass'],
    ]);
  });

  it('refuses an unknown argument, naming the test, the argument and what is allowed', () => {
    const problems = problemsOf(() =>
      markerBudgets(undefined, side(marker('allocdiff', [], [['retianed', '+10KB']]))),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`test ${TEST}: @pytest.mark.allocdiff(retianed="+10KB")`);
    expect(problems[0]).toContain('unknown argument "retianed"');
    expect(problems[0]).toContain('peak, retained, site, leak, count');
  });

  it('refuses unparsable limits, numbers, positional arguments and a marker with no budget', () => {
    const problems = problemsOf(() =>
      markerBudgets(
        undefined,
        side(
          marker('allocdiff', [], [['peak', '64mb']]),
          marker('allocdiff', [], [['retained', 1000]]),
          marker('allocdiff', ['+1KB']),
          marker('allocdiff', []),
        ),
      ),
    );
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain(
      'peak="64mb": "64mb" is not a limit (units are case-sensitive: did you mean MB?)',
    );
    expect(problems[1]).toContain('retained=1000: limits are text, e.g. retained="+10KB"');
    expect(problems[2]).toContain('positional argument "+1KB"');
    expect(problems[3]).toContain('no budget given');
    for (const problem of problems) expect(problem).toContain(`test ${TEST}:`);
  });
});

describe("marker budgets: pytest-memray's limit_memory and limit_leaks", () => {
  it('checks limit_memory as a peak ceiling in pytest-memray units (powers of 1024, any case)', () => {
    const mebibytes24 = 24 * 1024 * 1024;
    for (const written of ['24 MB', '24mb', '24MB']) {
      const head = side(marker('limit_memory', [written]));
      const over = judge(head, head, { peak: measure(0, mebibytes24 + 1) });
      expect(over.map((r) => [r.metric, r.limit, r.status])).toEqual([['peak', '24MiB', 'fail']]);
      expect(over[0].rule).toBe(`limit_memory(${JSON.stringify(written)})`);
      expect(judge(head, head, { peak: measure(0, mebibytes24) })[0].status).toBe('pass');
    }
    const keyword = side(
      marker(
        'limit_memory',
        [],
        [
          ['memory_limit', '1.5 KB'],
          ['current_thread_only', true],
        ],
      ),
    );
    expect(judge(keyword, keyword, { peak: measure(0, 1537) })[0]).toMatchObject({
      limit: '1.5KiB',
      status: 'fail',
    });
  });

  it('checks limit_leaks as a ceiling on each site, naming the worst', () => {
    const head = side(
      marker(
        'limit_leaks',
        ['1 KB'],
        [['filter_fn', { type: 'function', repr: '<function <lambda>>' }]],
      ),
    );
    const [result] = judge(head, head, {
      sites: [
        siteDelta({ file: 'app/a.py', line: 3, headSize: 1_000 }),
        siteDelta({ file: 'app/b.py', line: 7, headSize: 1_025 }),
      ],
    });
    expect(result).toMatchObject({
      metric: 'site',
      limit: '1KiB',
      status: 'fail',
      site: 'app/b.py:7',
    });
    expect(result.rule).toContain('filter_fn not applied');
  });

  it("shows a marker's rows in the budgets tables by the marker as written, apart from a config rule's", () => {
    const head = side(
      marker('limit_leaks', ['1 KB']),
      marker('allocdiff', [], [['retained', '+10KB']]),
    );
    const markers = markerBudgets(head, head);
    const compared = scenarioComparison({
      name: TEST,
      retained: measure(1_000, 2_000),
      sites: [siteDelta({ file: 'app/a.py', line: 3, headSize: 1_000 })],
    });
    const { results } = checkBudgets(
      { scenarios: [compared] },
      parseBudgetRules('site: 64KiB'),
      markers.rules,
    );
    const budgets = { budgets: results, verdict: 'pass' as const };
    const rows = renderMarkdown(report([compared], budgets))
      .split('\n')
      .filter((line) => line.startsWith('| ') && (line.split(' | ')[1] ?? '').includes(TEST));
    const rules = rows.map((row) => row.split(' | ')[0]!.slice(2));
    expect(rules.sort()).toEqual([
      '<code>allocdiff(retained="+10KB")</code> (retained)',
      '<code>limit_leaks("1 KB")</code> (site)',
      'site',
    ]);
    const text = renderTerminal(report([compared], budgets));
    expect(text).toMatch(/^ {2}limit_leaks\("1 KB"\) \(site\) +tests\/test_parse\.py::test_big /m);
    expect(text).toMatch(/^ {2}site +tests\/test_parse\.py::test_big /m);
  });

  it('refuses a size it cannot read and arguments pytest-memray does not have', () => {
    const problems = problemsOf(() =>
      markerBudgets(
        undefined,
        side(
          marker('limit_memory', ['24 MiB']),
          marker('limit_leaks', ['1 MB'], [['warmup', 3]]),
          marker('limit_memory', []),
        ),
      ),
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('@pytest.mark.limit_memory("24 MiB"): "24 MiB" is not a size');
    expect(problems[0]).toContain('powers of 1024');
    expect(problems[1]).toContain('unknown argument "warmup"; limit_leaks takes');
    expect(problems[2]).toContain('0 sizes given');
  });
});

describe('marker budgets: a pull request cannot relax them', () => {
  it("holds the test to base's marker when head loosens or removes it", () => {
    const base = side(marker('allocdiff', [], [['peak', '1MB']]));
    const loosened = side(marker('allocdiff', [], [['peak', '1GB']]));
    const compared = { peak: measure(900_000, 2_000_000) };
    expect(judge(base, loosened, compared).map((r) => [r.limit, r.status])).toEqual([
      ['1MB', 'fail'],
      ['1GB', 'pass'],
    ]);
    expect(judge(base, side(), compared).map((r) => [r.limit, r.status])).toEqual([
      ['1MB', 'fail'],
    ]);
    // What head's markers alone would decide once merged (the settings-change judgement).
    const own = markerBudgets(base, loosened).headRules.get(TEST) ?? [];
    expect(own.map((rule) => rule.source)).toEqual(['allocdiff(peak="1GB")']);
  });

  it("adds head's tighter marker, and checks a marker both sides carry once", () => {
    const base = side(marker('limit_memory', ['1 MB']));
    const tightened = side(
      marker('limit_memory', ['1 MB']),
      marker('allocdiff', [], [['peak', '+0%']]),
    );
    expect(
      judge(base, tightened, { peak: measure(1_000, 1_001) }).map((r) => [r.limit, r.status]),
    ).toEqual([
      ['1MiB', 'pass'],
      ['+0%', 'fail'],
    ]);
  });

  it('warns, rather than stops, on a marker only base has that cannot be read', () => {
    const { rules, warnings } = markerBudgets(
      side(marker('allocdiff', [], [['retianed', '+1KB']])),
      side(),
    );
    expect(rules.size).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^base's marker budget not checked: test .*unknown argument "retianed"/,
    );
  });
});

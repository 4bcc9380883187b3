// A report of many scenarios lists the changed ones only, worst first, and counts the others in
// one line: in the comment, the job summary and the terminal report alike.
import { describe, expect, it } from 'vitest';
import { checkBudgets, decideVerdict } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import type { Measure, ScenarioComparison } from '../../src/compare/comparison.js';
import { COMMENT_LIMIT, renderMarkdown, renderSummary } from '../../src/report/markdown.js';
import { isListedChange, listedChanges } from '../../src/report/ranking.js';
import type { Report } from '../../src/report/report.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

/** The Markdown tables of a comment, each as its lines. */
function tables(markdown: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      if (!current) blocks.push((current = []));
      current.push(line);
    } else {
      current = undefined;
    }
  }
  return blocks;
}

/** The scenario table's rows (no header), by the escaped names they start with. */
function scenarioRows(markdown: string): string[] {
  const table = tables(markdown).find((t) => t[0].startsWith('| Scenario |'));
  return table ? table.slice(2) : [];
}

/** As Markdown writes a test id: in <code>, the `]` that ends it escaped (next to unknown text). */
function code(name: string): string {
  return `<code>${name.replace(/\]$/, '&#93;')}</code>`;
}

function noisy(
  base: number,
  head: number,
  baseRange: [number, number],
  headRange: [number, number],
): Measure {
  return { ...measure(base, head), noisy: true, baseRange, headRange };
}

function test(name: string, extra: Partial<ScenarioComparison> = {}): ScenarioComparison {
  return scenarioComparison({ name, kind: 'test', ...extra });
}

const TESTS = 1_000;

/**
 * 1,000 tests: one regression with its sites, 13 smaller changes, 3 that differ only within
 * the noise of their repeats, the rest the same byte for byte.
 */
function suite(): Report {
  const scenarios = Array.from({ length: TESTS }, (_, i) =>
    test(`tests/test_mod${i % 40}.py::test_case[${i}]`),
  );
  scenarios[637] = test('tests/test_mod37.py::test_case[637]', {
    peak: measure(1_000_000, 2_600_000),
    retained: measure(1_000, 3_001_000),
    retainedCount: measure(10, 1_010),
    sites: [
      siteDelta({
        file: 'pkg/cache.py',
        line: 41,
        function: 'Cache.put',
        text: 'self._items[key] = value',
        headSize: 3_000_000,
        headCount: 1_000,
        changedLine: true,
      }),
    ],
  });
  for (let i = 0; i < 13; i++) {
    const at = 100 + i * 50;
    scenarios[at] = test(scenarios[at].name, {
      peak: measure(1_000, 1_100 + i * 10),
      sites: [siteDelta({ file: `pkg/m${i}.py`, line: 5, headSize: 50 + i })],
    });
  }
  for (const at of [3, 4, 5]) {
    scenarios[at] = test(scenarios[at].name, {
      peak: noisy(1_000, 1_040, [990, 1_050], [1_000, 1_060]),
    });
  }
  return report(scenarios);
}

describe('which scenarios a report lists as changed', () => {
  it('leaves out scenarios the same byte for byte, or different only within noise', () => {
    const big = suite();
    const listed = listedChanges(big);
    expect(listed).toHaveLength(14);
    // Worst first: the regression, then the larger of the small growths.
    expect(listed[0].name).toBe('tests/test_mod37.py::test_case[637]');
    expect(listed[1].peak.delta).toBeGreaterThan(listed[2].peak.delta!);
    expect(listed.map((s) => s.name)).not.toContain(big.scenarios[3].name);
  });

  it('lists a noisy figure whose base and head repeats do not overlap', () => {
    const apart = test('apart', { peak: noisy(1_000, 5_000, [990, 1_010], [4_990, 5_010]) });
    const within = test('within', { peak: noisy(1_000, 1_020, [990, 1_030], [1_000, 1_040]) });
    const big = report([apart, within]);
    expect(isListedChange(big, apart)).toBe(true);
    expect(isListedChange(big, within)).toBe(false);
  });

  it('lists a failed, new or removed scenario and one over or warned by a budget, however small', () => {
    const failed = test('failed', {
      status: 'failed',
      error: { side: 'head', type: 'AssertionError', message: 'no' },
    });
    const fresh = test('fresh', { status: 'new', peak: measure(null, 10) });
    const gone = test('gone', { status: 'removed', peak: measure(10, null) });
    const over = test('over');
    const warned = test('warned');
    const quiet = test('quiet');
    const budget = (scenario: string, status: 'fail' | 'warn' | 'pass') => ({
      rule: 'peak: 1KB',
      metric: 'peak' as const,
      scenario,
      limit: '1KB',
      actual: '1000 B',
      status,
      level: 'fail' as const,
    });
    const big = report([quiet, failed, fresh, gone, over, warned], {
      verdict: 'fail',
      budgets: [budget('over', 'fail'), budget('warned', 'warn'), budget('quiet', 'pass')],
    });
    expect(
      listedChanges(big)
        .map((s) => s.name)
        .sort(),
    ).toEqual(['failed', 'fresh', 'gone', 'over', 'warned'].sort());
    expect(renderMarkdown(big)).toContain('1 test unchanged, 4 changed, 1 failed.');
  });

  it('counts a change smaller than the minimum change as unchanged, and says so', () => {
    const small = test('small', { peak: measure(1_000, 1_100), retained: measure(500, 600) });
    const large = test('large', { peak: measure(1_000, 9_000) });
    const big = report([small, large], {
      hiddenSites: { ignored: 0, belowMinimumChange: 0, minimumChange: 1_024 },
    });
    expect(listedChanges(big).map((s) => s.name)).toEqual(['large']);
    const markdown = renderMarkdown(big);
    expect(markdown).toContain(
      '1 test unchanged (1 of them differ by less than the minimum change of 1.00 KiB or within the noise of their repeats), 1 changed.',
    );
    // Nothing was left out, so no note says so.
    expect(markdown).not.toContain('not shown');
    expect(renderTerminal(big)).toContain(
      '1 test unchanged (1 of them differ by less than the minimum change of 1.00 KiB or within noise), 1 changed',
    );
  });

  it('lists no scenario whose RSS alone differs, unless an RSS budget warns or fails on it', () => {
    // Its tracemalloc figures the same to the byte; its RSS moved with what ran before it in the
    // same process (freed memory an earlier scenario left resident).
    const rssOnly = (name: string) =>
      scenarioComparison({
        name,
        kind: 'function',
        peak: measure(5_910_616, 5_910_616),
        retained: measure(32, 32),
        rss: measure(2_840_000, 13_180_000),
      });
    const collapse = rssOnly('bench_collapse');
    const windowed = scenarioComparison({
      name: 'bench_windowed',
      kind: 'function',
      peak: measure(5_392, 7_995_600),
      rss: measure(0, 19_100_000),
    });
    const quiet = scenarioComparison({ name: 'bench_chunked', kind: 'function' });
    const big = report([windowed, collapse, quiet]);
    expect(listedChanges(big).map((s) => s.name)).toEqual(['bench_windowed']);
    const markdown = renderMarkdown(big);
    expect(markdown).toContain('3 scenarios, 1 changed');
    expect(markdown).toContain(
      '2 scenarios unchanged (1 of them differ only in peak RSS, a figure of the whole process, moved by what ran before in it), 1 changed.',
    );
    expect(scenarioRows(markdown).join('\n')).not.toContain('bench_collapse');
    const terminal = renderTerminal(big);
    expect(terminal).toContain(
      '2 scenarios unchanged (1 of them differ only in peak RSS, a figure of the whole process, moved by what ran before in it), 1 changed',
    );
    expect(terminal).not.toMatch(/^bench_collapse/m);
    // An RSS budget that the difference breaks lists it.
    const scenarios = big.scenarios;
    const budgets = checkBudgets(
      { scenarios },
      { rules: parseBudgetRules('rss: +1MB (warn)'), overrides: [] },
    );
    expect(budgets.results.find((b) => b.scenario === 'bench_collapse')?.status).toBe('warn');
    const budgeted = report(scenarios, {
      budgets: budgets.results,
      verdict: decideVerdict({ scenarios }, budgets.results, budgets.warnings),
    });
    expect(isListedChange(budgeted, collapse)).toBe(true);
  });

  it('names what the scenarios are: tests and processes in pytest mode, scenarios otherwise', () => {
    const helper = scenarioComparison({ name: '-c import sys', kind: 'process' });
    const tests = [test('t1'), test('t2', { peak: measure(1_000, 3_000) }), test('t3')];
    expect(renderMarkdown(report([...tests, helper]))).toContain(
      '<sub>2 tests and 1 process unchanged, 1 changed.</sub>',
    );
    const scripts = [
      scenarioComparison({ name: 'bench_a', kind: 'function' }),
      scenarioComparison({ name: 'bench_b', kind: 'function', peak: measure(1_000, 3_000) }),
    ];
    expect(renderMarkdown(report(scripts))).toContain(
      '<sub>1 scenario unchanged, 1 changed.</sub>',
    );
  });
});

describe('a comment for 1,000 tests', () => {
  it('lists the changed tests only, worst first, and the others in one line', () => {
    const markdown = renderMarkdown(suite());
    expect(markdown.length).toBeLessThan(COMMENT_LIMIT);
    expect(markdown).not.toContain('Report truncated');
    const rows = scenarioRows(markdown);
    expect(rows).toHaveLength(14);
    expect(rows[0]).toContain(code('tests/test_mod37.py::test_case[637]'));
    expect(markdown).toContain(
      '<sub>986 tests unchanged (3 of them differ only within the noise of their repeats), 14 changed.</sub>',
    );
    expect(markdown).toContain('1,000 scenarios, 14 changed');
    // The verdict leads with the regression and its line; its sites follow the table.
    const [, headline] = markdown.split('\n\n');
    expect(headline).toContain(code('tests/test_mod37.py::test_case[637]'));
    expect(headline).toContain('pkg/cache.py:41');
    const sites = markdown.indexOf('#### Top changed sites');
    expect(markdown.slice(sites)).toMatch(/^#### Top changed sites · <code>tests\/test_mod37/);
  });

  it('lists every changed test in the job summary and the terminal, the others in one line', () => {
    const big = suite();
    const summary = renderSummary(big);
    expect(scenarioRows(summary)).toHaveLength(14);
    expect(summary).toContain('986 tests unchanged');
    const terminal = renderTerminal(big);
    const lines = terminal.split('\n');
    const header = lines.findIndex((line) => line.startsWith('scenario '));
    const end = lines.findIndex((line, i) => i > header && line === '');
    expect(end - header - 1).toBe(14);
    expect(lines[header + 1]).toMatch(/^tests\/test_mod37\.py::test_case\[637\] /);
    expect(terminal).toContain(
      '986 tests unchanged (3 of them differ only within noise), 14 changed',
    );
    // No unchanged test is in the terminal report at all.
    expect(terminal).not.toContain('test_case[0]');
  });

  it('keeps the worst tests and their top sites within the limit when every test changed', () => {
    const longText = `payload = build(${'x'.repeat(3_000)})`;
    const scenarios = Array.from({ length: TESTS }, (_, i) =>
      test(`tests/test_${'deep_'.repeat(10)}${i}.py::test_case`, {
        peak: measure(10_000, 10_000 + (i + 1) * 1_000),
        retained: measure(1_000, 1_000 + (i + 1) * 100),
        sites: Array.from({ length: 40 }, (_, s) =>
          siteDelta({
            file: `pkg/module_${i}_${s}.py`,
            line: s + 1,
            function: `handler_${s}`,
            text: longText,
            headSize: (i + 1) * 100 - s,
          }),
        ),
      }),
    );
    const budgets = checkBudgets(
      { scenarios },
      { rules: parseBudgetRules('peak: 64MB'), overrides: [] },
    );
    const big = report(scenarios, {
      budgets: budgets.results,
      verdict: decideVerdict({ scenarios }, budgets.results, budgets.warnings),
    });
    const markdown = renderMarkdown(big);
    expect(markdown.length).toBeLessThan(COMMENT_LIMIT);
    const rows = scenarioRows(markdown);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    // The largest growth first.
    expect(rows[0]).toContain('999.py::test_case');
    expect(markdown).toMatch(
      /The table shows the \d+ largest changes; the other [\d,]+ are in the job summary and the JSON report\./,
    );
    // The worst test's largest site is in the comment, after the table.
    expect(markdown).toContain('pkg/module_999_0.py:1');
    expect(markdown.indexOf('pkg/module_999_0.py:1')).toBeGreaterThan(markdown.indexOf(rows[0]));
    // The passing budgets of tests not in the table are counted, not listed.
    const budgetRows = tables(markdown).find((t) => t[0].startsWith('| Rule |'));
    if (budgetRows) expect(budgetRows.length - 2).toBeLessThanOrEqual(rows.length);
    expect(markdown).toMatch(/[\d,]+ more budgets hold, not listed/);
  });

  it('keeps the worst test’s top sites even when the comment is cut', () => {
    const scenarios = Array.from({ length: TESTS }, (_, i) =>
      test(`tests/${'n'.repeat(100)}_${i}.py::test`, {
        peak: measure(1_000, 2_000 + i),
        sites: Array.from({ length: 5 }, (_, s) =>
          siteDelta({
            file: `pkg/m${i}_${s}.py`,
            line: 3,
            text: 'y'.repeat(200),
            headSize: 100 + i - s,
          }),
        ),
      }),
    );
    for (const maxLength of [4_000, 4_500, 5_000]) {
      const markdown = renderMarkdown(report(scenarios), { maxLength });
      expect(markdown.length).toBeLessThanOrEqual(maxLength);
      expect(markdown).toContain('Report truncated');
      expect(scenarioRows(markdown)[0]).toContain('_999.py::test');
      expect(markdown).toContain('pkg/m999_0.py:3');
    }
  });
});

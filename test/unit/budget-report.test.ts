import { describe, expect, it } from 'vitest';
import { checkBudgets, decideVerdict } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import { withoutIgnoredSites, withoutSmallSites } from '../../src/budgets/site-filter.js';
import { compareSnapshots } from '../../src/compare/compare.js';
import type { ScenarioComparison } from '../../src/compare/comparison.js';
import { renderMarkdown, renderSummary } from '../../src/report/markdown.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { buildReport, type Report } from '../../src/report/report.js';
import { verdictReason } from '../../src/report/verdict.js';
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

/** A report with its budgets checked and its verdict decided, as the pipeline builds it. */
function checked(rules: string, ...scenarios: ScenarioComparison[]): Report {
  const { results, warnings } = checkBudgets({ scenarios }, parseBudgetRules(rules));
  return report(scenarios, {
    verdict: decideVerdict({ scenarios }, results, warnings),
    budgets: results,
    warnings,
  });
}

const verdictLine = (markdown: string): string => markdown.split('\n')[3];

describe('compare: retained allocation count', () => {
  it('compares the scenarios’ retained counts, null where a side has none', () => {
    const base = snapshot([scenario('kept', [site('a.py', 1, 100)], { retainedCount: 40 })]);
    const head = snapshot([
      scenario('kept', [site('a.py', 1, 100)], { retainedCount: 55 }),
      scenario('fresh', [], { retainedCount: 3 }),
    ]);
    const [kept, fresh] = compareSnapshots(base, head, LineMap.fromUnifiedDiff('')).scenarios;
    expect(kept.retainedCount).toEqual({ base: 40, head: 55, delta: 15 });
    expect(fresh.retainedCount).toEqual({ base: null, head: 3, delta: null });
  });
});

describe('site filters', () => {
  const comparison = {
    scenarios: [
      scenarioComparison({
        sites: [
          siteDelta({ file: 'app/cache.py', line: 3, baseSize: 0, headSize: 5_000 }),
          siteDelta({ file: 'site-packages/numpy/core.py', line: 9, headSize: 9_000 }),
          siteDelta({ file: 'tests/helpers.py', line: 1, headSize: 50 }),
          siteDelta({ file: 'app/new.py', baseFile: 'tests/old.py', line: 2, headSize: 70 }),
          siteDelta({ file: 'app/tiny.py', line: 4, baseSize: 100, headSize: 60 }),
        ],
      }),
    ],
  };

  it('drops sites whose head or base path matches an ignore glob, counting them', () => {
    const { comparison: kept, dropped } = withoutIgnoredSites(comparison, [
      'site-packages/**',
      'tests/**',
    ]);
    expect(kept.scenarios[0].sites.map((s) => s.file)).toEqual(['app/cache.py', 'app/tiny.py']);
    expect(dropped).toBe(3);
    // The input is data, not state: it is left as it was.
    expect(comparison.scenarios[0].sites).toHaveLength(5);
  });

  it('keeps every site with no globs and no minimum change', () => {
    expect(withoutIgnoredSites(comparison, []).dropped).toBe(0);
    expect(withoutSmallSites(comparison, 0).dropped).toBe(0);
  });

  it('hides sites that changed by less than the minimum, in either direction', () => {
    const { comparison: shown, dropped } = withoutSmallSites(comparison, 70);
    expect(shown.scenarios[0].sites.map((s) => s.sizeDelta)).toEqual([5_000, 9_000, 70]);
    expect(dropped).toBe(2);
  });

  it('means an ignored site no longer counts for site rules', () => {
    const { comparison: kept } = withoutIgnoredSites(comparison, ['site-packages/**']);
    const { results } = checkBudgets(kept, parseBudgetRules('site: +6KB'));
    expect(results[0]).toMatchObject({ status: 'pass', site: 'app/cache.py:3' });
    expect(checkBudgets(comparison, parseBudgetRules('site: +6KB')).results[0]).toMatchObject({
      status: 'fail',
      site: 'site-packages/numpy/core.py:9',
    });
  });
});

describe('the report: budgets, warnings and hidden sites', () => {
  const grown = scenarioComparison({ name: 'load', peak: measure(1_000, 1_100) });

  it('keeps warnings and hidden-site counts in the JSON report', () => {
    const built = buildReport({
      allocdiffVersion: '0.1.0',
      key: 'default',
      verdict: 'warn',
      base: { sha: 'a'.repeat(40) },
      head: { sha: 'b'.repeat(40) },
      environment: { frames: 1 },
      comparison: { scenarios: [grown] },
      budgets: [],
      warnings: ['not checked'],
      hiddenSites: { ignored: 2, belowMinimumChange: 0, minimumChange: 0 },
    });
    expect(built).toMatchObject({
      warnings: ['not checked'],
      hiddenSites: { ignored: 2, belowMinimumChange: 0, minimumChange: 0 },
    });
    const none = buildReport({ ...built, comparison: { scenarios: [] }, warnings: undefined });
    expect(none.warnings).toEqual([]);
    expect(
      buildReport({
        ...built,
        comparison: { scenarios: [] },
        hiddenSites: { ignored: 0, belowMinimumChange: 0, minimumChange: 0 },
      }).hiddenSites,
    ).toBeUndefined();
    // A minimum change is kept even when it hid nothing: what counts as changed depends on it.
    expect(
      buildReport({
        ...built,
        comparison: { scenarios: [] },
        hiddenSites: { ignored: 0, belowMinimumChange: 0, minimumChange: 1_000 },
      }).hiddenSites,
    ).toEqual({ ignored: 0, belowMinimumChange: 0, minimumChange: 1_000 });
  });

  it('shows the budget table with rule, scenario, limit, actual, level and status', () => {
    const markdown = renderMarkdown(checked('peak: +5%, 1KB (warn)', grown));
    // The one the verdict names (the furthest over its limit, in bytes) first.
    expect(markdown).toContain(
      [
        '| Rule | Scenario | Limit | Actual | Level | Status |',
        '| --- | --- | ---: | ---: | --- | --- |',
        '| peak | <code>load</code> | 1KB | 1.10\u00a0KB | warn | ⚠️ warn |',
        '| peak | <code>load</code> | +5% | +10.0\u00a0% | warn | ⚠️ warn |',
      ].join('\n'),
    );
  });

  it('folds the skips of a rule in scenarios that lack its measure into one row, everywhere', () => {
    const tests = Array.from({ length: 40 }, (_, index) =>
      scenarioComparison({ name: `tests/test_x.py::test_<${index}>`, kind: 'test' }),
    );
    const leaking = scenarioComparison({
      name: 'tests/test_x.py::test_leak',
      kind: 'test',
      leak: measure(0, 2_048),
    });
    const noisy = scenarioComparison({
      name: 'tests/test_x.py::test_noisy',
      kind: 'test',
      retained: {
        ...measure(1_000, 1_000),
        noisy: true,
        baseRange: [1_000, 3_000],
        baseGrowth: 1_000,
        headRange: [900, 1_500],
      },
    });
    const built = checked('leak: +1KB', leaking, ...tests, noisy);
    // The JSON report keeps every result.
    expect(built.budgets).toHaveLength(42);
    const why =
      'no leak check ran, and one measurement per side cannot show growth (only what differed ' +
      'in the first pass is measured again)';
    const folded =
      '| leak | <code>tests/test_x.py::test&#95;&lt;0&gt;</code>, ' +
      '<code>tests/test_x.py::test&#95;&lt;1&gt;</code> and 38 more | +1KB | — | fail | ' +
      `➖ skip (leak per call not measured for 40 tests: ${why}) |`;
    for (const markdown of [renderMarkdown(built), renderSummary(built)]) {
      const rows = markdown.split('\n').filter((line) => line.startsWith('| leak |'));
      expect(rows).toEqual([
        '| leak | <code>tests/test_x.py::test_leak</code> | +1KB | +2.05\u00a0KB | fail | ❌ fail |',
        folded,
        // One scenario for a reason of its own keeps its row.
        "| leak | <code>tests/test_x.py::test_noisy</code> | +1KB | — | fail | ➖ skip (leak per call is not measured for this scenario: head's repeats are noisy) |",
      ]);
    }
    const terminal = renderTerminal(built, 10, { width: 400 })
      .split('\n')
      .filter((line) => line.startsWith('  leak '));
    expect(terminal).toHaveLength(3);
    expect(terminal[1]).toMatch(
      /^ {2}leak +tests\/test_x\.py::test_<0>, tests\/test_x\.py::test_<1> and 38 more +\+1KB +— +fail +skip \(leak per call not measured for 40 tests: no leak check ran/,
    );
    // Scenarios that are not all tests are scenarios.
    const functions = checked(
      'leak: +1KB',
      scenarioComparison({ name: 'bench_a', kind: 'function' }),
      scenarioComparison({ name: 'bench_b', kind: 'function' }),
    );
    expect(renderMarkdown(functions)).toContain('leak per call not measured for 2 scenarios: ');
  });

  it('names a warn-level budget in the verdict line, and says why it did not fail', () => {
    const warned = checked('peak: +5% (warn)', grown);
    expect(warned.verdict).toBe('warn');
    expect(verdictLine(renderMarkdown(warned))).toBe(
      '⚠️ **Budget warning:** peak memory of <code>load</code> grew +10.0 % (+100 B), over the ' +
        '+5% budget (warn-level rule).',
    );
    expect(verdictReason(warned)).toBe(
      'memory budget warning: peak of load is +10.0 %, limit +5% (warn-level rule)',
    );
  });

  it('names the retained site that grew most after the budget and why it did not fail', () => {
    const warned = checked('retained: +50B (warn)', {
      ...grown,
      retained: measure(1_000, 1_100),
      sites: [siteDelta({ file: 'app/store.py', line: 8 })],
    });
    expect(verdictReason(warned)).toBe(
      'memory budget warning: retained of load is +100 B, limit +50B (warn-level rule), most at app/store.py:8 (+100 B)',
    );
  });

  it('writes every size of a budget’s sentence in its limit’s family of units', () => {
    const grew = {
      ...grown,
      retained: measure(1_000_000, 68_100_000),
      sites: [siteDelta({ file: 'app/store.py', line: 8, sizeDelta: 60_000_000 })],
    };
    // The verdict line with its site links' targets left out.
    const line = (r: Report) =>
      verdictLine(renderMarkdown(r)).replace(/\[(<code>[^<]*<\/code>)\]\([^)]*\)/g, '$1');
    const decimal = checked('retained: +10MB', grew);
    expect(line(decimal)).toContain(
      'grew +67.1 MB (×68.1), most at <code>app/store.py:8</code> (+60.0 MB), over the +10MB budget',
    );
    expect(verdictReason(decimal)).toBe(
      'memory budget exceeded: retained of load is +67.1 MB, limit +10MB, most at app/store.py:8 (+60.0 MB)',
    );
    const ceiling = checked('retained: 64MiB', grew);
    expect(line(ceiling)).toContain(
      'reached 64.9 MiB (+64.0 MiB, ×68.1), most at <code>app/store.py:8</code> (+57.2 MiB), over the 64MiB budget',
    );
    // A ceiling over a figure the pull request did not change says so, not "(0 B, 0 %)".
    const same = { ...grew, retained: measure(68_100_000, 68_100_000) };
    expect(line(checked('retained: 64MiB', same))).toContain(
      'retained memory of <code>load</code> is 64.9 MiB (unchanged from base), over the 64MiB budget',
    );
    // Beside a percentage the sentence keeps the reports' binary units.
    const relative = checked('retained: +50%', grew);
    expect(line(relative)).toContain('(+64.0 MiB), most at');
    for (const text of [line(decimal), verdictReason(decimal)]) {
      expect(text).not.toMatch(/[KMG]iB/);
    }
  });

  it('says a noisy measurement was reported, not failed', () => {
    const noisy = scenarioComparison({
      name: 'load',
      peak: { ...measure(1_000, 1_100), noisy: true },
    });
    const warned = checked('peak: +5%', noisy);
    expect(verdictLine(renderMarkdown(warned))).toContain(
      'over the +5% budget (noisy measurement: reported, not failed).',
    );
  });

  it('names the first failing budget before any warning', () => {
    const failed = checked('site: +1B (warn); peak: +5%', {
      ...grown,
      sites: [siteDelta()],
    });
    expect(failed.verdict).toBe('fail');
    expect(verdictLine(renderMarkdown(failed))).toMatch(/^❌ \*\*Over budget:\*\* peak memory/);
    expect(verdictReason(failed)).toBe(
      'memory budget exceeded: peak of load is +10.0 %, limit +5%',
    );
  });

  it('names the count and leak metrics in words', () => {
    const counted = checked('count: +1', scenarioComparison({ retainedCount: measure(1, 5) }));
    expect(verdictLine(renderMarkdown(counted))).toContain(
      'the retained allocation count of <code>bench.py</code> grew +4 (+400.0 %), over the +1 budget',
    );
  });

  it('lists budgets that could not be checked, escaped, and says so in the verdict line', () => {
    const hostile = '<img src=x> @octocat | [x](http://evil.example)';
    const markdown = renderMarkdown(
      report([grown], {
        verdict: 'warn',
        warnings: [`scenarios."${hostile}" matches no scenario`],
      }),
    );
    expect(verdictLine(markdown)).toMatch(/^⚠️ \*\*A budget could not be checked:\*\* scenarios/);
    expect(markdown).toContain('#### Not checked');
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('@octocat');
    expect(markdown).not.toContain('| [x]');
  });

  it('says how many sites were not shown, and why', () => {
    const markdown = renderMarkdown(
      report([grown], { hiddenSites: { ignored: 3, belowMinimumChange: 1, minimumChange: 1_024 } }),
    );
    expect(markdown).toContain(
      '<sub>4 changed sites not shown: 3 match an ignore glob; 1 changed by less than the minimum change of 1.00 KiB.</sub>',
    );
  });

  it('marks a scenario with a budget warning in the scenario table', () => {
    const markdown = renderMarkdown(checked('peak: +5% (warn)', grown));
    expect(markdown).toMatch(/\| <code>load<\/code> \|.*\| ⚠️ warning \|/);
  });
});

describe('the verdict sentence, from snapshots to words', () => {
  const lines = LineMap.fromUnifiedDiff('');
  const compared = (base: ReturnType<typeof scenario>, head: ReturnType<typeof scenario>) =>
    compareSnapshots(snapshot([base]), snapshot([head]), lines).scenarios;

  it('says both sides failed, and skips their budgets saying so', () => {
    const error = { type: 'ValueError', message: 'broken' };
    const failed = scenario('bench.py', [], { status: 'failed', error });
    const both = checked('peak: +5%', ...compared(failed, failed));
    expect(both.verdict).toBe('fail');
    expect(both.budgets[0]).toMatchObject({
      status: 'skip',
      reason: 'the base and head benchmarks failed',
    });
    expect(verdictReason(both)).toBe(
      'the base and head benchmarks failed: bench.py raised ValueError on both sides',
    );
    expect(verdictLine(renderMarkdown(both))).toBe(
      '❌ **The base and head benchmarks failed:** <code>bench.py</code> raised <code>ValueError</code> on both sides.',
    );
  });

  it('passes a growth no budget checked, but says so and how to add one', () => {
    const scenarios = compared(
      scenario('bench.py', [site('bench.py', 1, 1_000)], { peakBytes: 2_000 }),
      scenario('bench.py', [site('bench.py', 1, 1_000), site('bench.py', 2, 1_048_576)], {
        peakBytes: 1_050_000,
      }),
    );
    const unchecked = checked('', ...scenarios);
    expect(unchecked.verdict).toBe('pass');
    expect(verdictReason(unchecked)).toMatch(
      /^retained memory of bench\.py grew ×[\d,.]+ \(\+1\.00 MiB\), most at bench\.py:2 \(\+1\.00 MiB\); no budget is set, so nothing was checked: add one, e\.g\. --budget "retained: \+100KB"$/,
    );
    expect(verdictLine(renderMarkdown(unchecked))).toMatch(/^📈 \*\*Retained memory/);
    // The same change within a budget: green, and it says the budget held.
    const held = checked('retained: +2MB', ...scenarios);
    expect(verdictReason(held)).toMatch(/^within budget; retained memory of bench\.py grew/);
    expect(verdictLine(renderMarkdown(held))).toMatch(/^✅ .* All budgets hold\.$/);
  });
});

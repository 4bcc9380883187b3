/**
 * The table of measures, and rss, the measure added through it: the process's resident memory at
 * its highest, which sees what tracemalloc does not (C extensions, mmap).
 */
import { describe, expect, it } from 'vitest';
import { checkBudgets, decideVerdict } from '../../src/budgets/evaluate.js';
import { BUDGET_METRICS, parseBudgetRules } from '../../src/budgets/rules.js';
import { sidesAgree } from '../../src/compare/agreement.js';
import { compareSnapshots } from '../../src/compare/compare.js';
import { MEASURE_NAMES, MEASURES } from '../../src/compare/measures.js';
import { isRegression } from '../../src/publish/comment-policy.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { isNoChange, scenarioChanged } from '../../src/report/ranking.js';
import { parseReport } from '../../src/report/report-schema.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { LineMap } from '../../src/sides/line-map.js';
import type { SnapshotScenario } from '../../src/capture/snapshot.js';
import { report, scenario, site, snapshot } from './fixtures.js';

const MiB = 1024 * 1024;
const NO_CHANGES = LineMap.fromUnifiedDiff('');

/** A script scenario whose one process had this peak RSS (undefined: not measured). */
function withRss(rssBytes: number | undefined, extra: Partial<SnapshotScenario> = {}) {
  const sites = [site('bench.py', 3, 500)];
  const base = scenario('bench.py', sites, extra);
  const totals = { peakBytes: 1_000, retainedBytes: 500, retainedCount: 1, durationSeconds: 0.1 };
  return rssBytes === undefined
    ? { ...base, repeats: [totals] }
    : { ...base, rssBytes, repeats: [{ ...totals, rssBytes }] };
}

function compare(base: SnapshotScenario, head: SnapshotScenario) {
  return compareSnapshots(snapshot([base]), snapshot([head]), NO_CHANGES);
}

function reportOf(base: SnapshotScenario, head: SnapshotScenario, rules = '') {
  const comparison = compare(base, head);
  const { results, warnings } = checkBudgets(comparison, parseBudgetRules(rules));
  return report(comparison.scenarios, {
    budgets: results,
    warnings,
    verdict: decideVerdict(comparison, results, warnings),
  });
}

describe('the table of measures', () => {
  it('gives every measure a field of its own and every budget measure a metric', () => {
    const fields = MEASURE_NAMES.map((name) => MEASURES[name].field);
    expect(new Set(fields).size).toBe(fields.length);
    for (const name of MEASURE_NAMES) {
      expect(BUDGET_METRICS.includes(name as never)).toBe(MEASURES[name].budget);
    }
    // The order messages and budget tables always listed them in, rss added at the end.
    expect(BUDGET_METRICS).toEqual(['peak', 'retained', 'site', 'leak', 'count', 'rss']);
  });
});

describe('rss', () => {
  it('compares the peak RSS of each side, and leaves it out where neither measured it', () => {
    const [grew] = compare(withRss(20 * MiB), withRss(84 * MiB)).scenarios;
    expect(grew.rss).toEqual({ base: 20 * MiB, head: 84 * MiB, delta: 64 * MiB });
    // Not measured is absent, never 0.
    const [unmeasured] = compare(withRss(undefined), withRss(undefined)).scenarios;
    expect(unmeasured).not.toHaveProperty('rss');
    const [oneSide] = compare(withRss(undefined), withRss(20 * MiB)).scenarios;
    expect(oneSide.rss).toEqual({ base: null, head: 20 * MiB, delta: null });
  });

  it('varies by nature: repeats that differ mark it noisy, never the scenario non-deterministic', () => {
    const repeats = (rss: number[]) =>
      rss.map((rssBytes) => ({
        peakBytes: 1_000,
        retainedBytes: 500,
        retainedCount: 1,
        durationSeconds: 0.1,
        rssBytes,
      }));
    const side = (rss: number[]) => ({ ...withRss(rss[0]), repeats: repeats(rss) });
    const [compared] = compare(
      side([20 * MiB, 21 * MiB, 20 * MiB]),
      side([20 * MiB, 20 * MiB, 20 * MiB]),
    ).scenarios;
    expect(compared.rss).toMatchObject({ noisy: true, baseRange: [20 * MiB, 21 * MiB] });
    expect(compared.deterministic).toBe(true);
  });

  it('is no change within 1 MiB: the first pass agrees, the comment is the no-change one', () => {
    const near = compare(withRss(20 * MiB), withRss(20 * MiB + 200_000));
    expect(sidesAgree(near)).toBe(true);
    expect(scenarioChanged(near.scenarios[0])).toBe(false);
    const quiet = reportOf(withRss(20 * MiB), withRss(20 * MiB + 200_000));
    expect(isNoChange(quiet)).toBe(true);
    expect(isRegression(quiet)).toBe(false);
    expect(renderMarkdown(quiet)).not.toContain('RSS');

    const far = compare(withRss(20 * MiB), withRss(30 * MiB));
    expect(sidesAgree(far)).toBe(false);
    expect(scenarioChanged(far.scenarios[0])).toBe(true);
    expect(isRegression(reportOf(withRss(20 * MiB), withRss(30 * MiB)))).toBe(true);
  });

  it('fails an rss budget when head grew past it, whatever tracemalloc saw', () => {
    const result = reportOf(withRss(20 * MiB), withRss(84 * MiB), 'rss: +10MB; peak: +5%');
    expect(result.budgets).toMatchObject([
      { metric: 'rss', limit: '+10MB', actual: '+67.1 MB', status: 'fail' },
      { metric: 'peak', status: 'pass' },
    ]);
    expect(result.verdict).toBe('fail');
  });

  it('says an rss budget was not checked where rss was not measured', () => {
    const result = reportOf(withRss(undefined), withRss(undefined), 'rss: +10MB');
    expect(result.budgets).toMatchObject([
      { metric: 'rss', status: 'skip', reason: 'RSS is not measured for this scenario' },
    ]);
    expect(result.warnings).toEqual([
      'budget "rss: +10MB" was not checked: RSS is not measured for this scenario',
    ]);
    expect(result.verdict).toBe('warn');
  });

  it('shows a column in the comment and the terminal when it changed or a budget names it', () => {
    const grew = reportOf(withRss(20 * MiB), withRss(84 * MiB), 'rss: +10MB');
    const markdown = renderMarkdown(grew);
    expect(markdown).toContain('| Δ retained | Δ RSS | Budget |');
    expect(markdown).toContain('| +64.0\u00a0MiB |');
    expect(markdown).toContain(
      '❌ **Over budget:** peak RSS of <code>bench.py</code> grew +67.1 MB (+320.0 %), over the +10MB budget.',
    );
    expect(markdown).toContain("RSS: the process's resident memory at its highest");
    const terminal = renderTerminal(grew);
    expect(terminal).toMatch(/retained change +RSS change +status/);
    expect(terminal).toContain('+64.0 MiB (+320.0 %)');
    expect(terminal).toContain(
      'FAIL: memory budget exceeded: RSS of bench.py is +67.1 MB, limit +10MB',
    );

    // Named by a budget, shown even where it stayed (here the peak changed).
    const named = renderMarkdown(
      reportOf(withRss(20 * MiB), withRss(20 * MiB, { peakBytes: 5_000 }), 'rss: 1GB'),
    );
    expect(named).toContain('| Δ retained | Δ RSS | Budget |');
    expect(named).toContain('| 0\u00a0B |');
    // Neither: no column.
    const unnamed = renderMarkdown(
      reportOf(withRss(20 * MiB), withRss(20 * MiB, { peakBytes: 5_000 })),
    );
    expect(unnamed).toContain('| Δ retained | Budget |');
    expect(unnamed).not.toContain('RSS');
  });

  it('goes into the JSON report, which report mode reads back', () => {
    const grew = reportOf(withRss(20 * MiB), withRss(84 * MiB), 'rss: +10MB');
    const parsed = parseReport(JSON.parse(JSON.stringify(grew)), 'report.json');
    expect(parsed.scenarios[0].rss).toEqual({ base: 20 * MiB, head: 84 * MiB, delta: 64 * MiB });
    expect(parsed.budgets[0].metric).toBe('rss');
    // A report without rss (not measured, or an older one) is read as well.
    const without = reportOf(withRss(undefined), withRss(undefined));
    expect(
      parseReport(JSON.parse(JSON.stringify(without)), 'report.json').scenarios[0],
    ).not.toHaveProperty('rss');
  });
});

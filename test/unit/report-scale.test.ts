// A report of many scenarios, each with its own budgets, is checked and rendered in time linear
// in both: counted as the reads of the scenario, budget and override lists, not timed.
import { describe, expect, it } from 'vitest';
import { checkBudgets, decideVerdict } from '../../src/budgets/evaluate.js';
import { parseBudgetRules, type ScenarioOverride } from '../../src/budgets/rules.js';
import type { Comparison } from '../../src/compare/comparison.js';
import { siteAnnotations } from '../../src/report/annotations.js';
import { renderMarkdown, renderSummary } from '../../src/report/markdown.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { verdictReason } from '../../src/report/verdict.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

/** The list, and how many of its items were read through it. */
function counted<T>(items: T[]): { list: T[]; reads: () => number } {
  let reads = 0;
  const list = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { list, reads: () => reads };
}

const SCENARIOS = 2_000;

describe('a report of many scenarios, each with budgets of its own', () => {
  const scenarios = Array.from({ length: SCENARIOS }, (_, i) =>
    scenarioComparison({
      name: `bench_${i}`,
      retained: measure(1_000, 1_000 + (i % 7) * 100),
      peak: measure(5_000, 5_000 + (i % 5) * 100),
      sites: i % 7 === 0 ? [] : [siteDelta({ file: `app/m${i}.py`, headSize: (i % 7) * 100 })],
    }),
  );
  // One override per scenario, by name, and one glob over all of them.
  const overrides = counted<ScenarioOverride>([
    ...scenarios.map((s, i) => ({
      scenarios: s.name,
      origin: `allocdiff.yml: scenarios.${s.name}`,
      metrics: ['retained' as const],
      rules: parseBudgetRules(`retained: +${i % 3 === 0 ? 300 : 1000}B`),
    })),
    {
      scenarios: 'bench_*',
      origin: 'allocdiff.yml: scenarios."bench_*"',
      metrics: ['peak' as const],
      rules: parseBudgetRules('peak: +1MB'),
    },
  ]);

  it('matches the overrides to the scenarios in linear time', () => {
    const comparison: Comparison = { scenarios } as Comparison;
    const { results, warnings } = checkBudgets(comparison, {
      rules: parseBudgetRules('retained: +10KB'),
      overrides: overrides.list,
    });
    expect(results).toHaveLength(2 * SCENARIOS);
    expect(warnings).toEqual([]);
    // Each scenario got its own override, and the glob's.
    expect(results.filter((r) => r.status === 'fail')).toHaveLength(
      scenarios.filter((s, i) => i % 3 === 0 && (s.retained.delta ?? 0) > 300).length,
    );
    // Every override is read a few times, not once per scenario (that would be 4 million).
    expect(overrides.reads()).toBeLessThan(20 * (SCENARIOS + 1));
  });

  it('renders the comment, the summary, the terminal report and the annotations in linear time', () => {
    const comparison: Comparison = { scenarios } as Comparison;
    const { results, warnings } = checkBudgets(comparison, {
      rules: parseBudgetRules('retained: +10KB'),
      overrides: overrides.list,
    });
    const budgets = counted(results);
    const listed = counted([...scenarios]);
    const verdict = decideVerdict(comparison, results, warnings);
    expect(verdict).toBe('fail');
    const big = report(listed.list, { verdict, budgets: budgets.list, warnings });
    const markdown = renderMarkdown(big);
    const summary = renderSummary(big);
    const terminal = renderTerminal(big);
    const reason = verdictReason(big);
    siteAnnotations(big, 10, '');
    expect(markdown).toContain('Over budget');
    expect(summary).toContain('bench_1999');
    // The terminal lists the worst only, and counts the others.
    expect(terminal).toMatch(/… [\d,]+ more changed scenarios, not listed/);
    expect(reason).toMatch(/^memory budget exceeded: retained of bench_/);
    // Quadratic rendering reads each list once per item of the other: millions of reads.
    const items = SCENARIOS + results.length;
    expect(budgets.reads() + listed.reads()).toBeLessThan(100 * items);
  });
});

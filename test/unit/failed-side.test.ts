/**
 * A side that failed as a whole (a command that failed at pytest's collection): the other side's
 * scenarios are not run on it, so they are counted on the failed scenario rather than listed as
 * removed (or new); the failed side has no figures, not 0; budgets given are never "no budgets";
 * and a command line is cut at its end in the terminal, never read as a test id.
 */
import { describe, expect, it } from 'vitest';
import { checkBudgets, decideVerdict } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import type { SnapshotScenario } from '../../src/capture/snapshot.js';
import { compareSnapshots, failedAsAWhole } from '../../src/compare/compare.js';
import type { Comparison } from '../../src/compare/comparison.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { foldName, renderTerminal } from '../../src/report/terminal.js';
import { LineMap } from '../../src/sides/line-map.js';
import { report, scenario, snapshot } from './fixtures.js';

const noChanges = LineMap.fromUnifiedDiff('');
const COMMAND = 'python3 -m pytest -q tests --deselect tests/test_package.py::test_has_version';

const tests = Array.from({ length: 180 }, (_, index) =>
  scenario(`tests/test_work.py::test_case[${index}]`, [], {
    kind: 'test',
    repeats: [{ peakBytes: 1_000, retainedBytes: 100, retainedCount: 1, durationSeconds: 0 }],
  }),
);

/** What a command that failed before measuring anything leaves: one failed scenario. */
const collectionError: SnapshotScenario = scenario(COMMAND, [], {
  kind: 'script',
  status: 'failed',
  peakBytes: 0,
  retainedBytes: 0,
  retainedCount: 0,
  error: { type: 'CommandFailed', message: 'the command exited with code 2' },
});

function reportOf(comparison: Comparison, rules: string) {
  const { results, warnings } = checkBudgets(comparison, parseBudgetRules(rules));
  return report(comparison.scenarios, {
    budgets: results,
    verdict: decideVerdict(comparison, results, warnings),
  });
}

describe('a side that failed as a whole', () => {
  const comparison = compareSnapshots(snapshot(tests), snapshot([collectionError]), noChanges);

  it('leaves the other side’s scenarios not run on it, counted, not removed', () => {
    expect(failedAsAWhole(snapshot([collectionError]))).toBe(true);
    expect(failedAsAWhole(snapshot([...tests, collectionError]))).toBe(false);
    expect(comparison.failedAsAWhole).toEqual(['head']);
    expect(comparison.scenarios).toHaveLength(1);
    const [command] = comparison.scenarios;
    expect(command).toMatchObject({ name: COMMAND, status: 'failed', notRun: { tests: 180 } });
    // Base failed: head's scenarios are not "new" either.
    const swapped = compareSnapshots(snapshot([collectionError]), snapshot(tests), noChanges);
    expect(swapped.scenarios.map((s) => s.status)).toEqual(['failed']);
    expect(swapped.failedAsAWhole).toEqual(['base']);
  });

  it('has no figures on the failed side, not 0', () => {
    const [command] = comparison.scenarios;
    expect(command.peak).toEqual({ base: null, head: null, delta: null });
    expect(command.retained.head).toBeNull();
    const markdown = renderMarkdown(reportOf(comparison, 'retained: +1KB; leak: 500B'));
    expect(markdown).toContain('| — → — |');
    expect(markdown).not.toContain('0 B');
  });

  it('says the budgets given were not checked, and how many tests were not run', () => {
    const whole = reportOf(comparison, 'retained: +1KB; leak: 500B');
    expect(whole.verdict).toBe('fail');
    expect(whole.budgets).toHaveLength(2);
    const markdown = renderMarkdown(whole);
    expect(markdown).toContain('· 2 budgets, none checked');
    expect(markdown).toContain(
      '180 tests not run on head, as it failed as a whole: base measured them, and nothing is compared.',
    );
    expect(renderMarkdown(reportOf(comparison, ''))).toContain('· no budgets');
    const terminal = renderTerminal(whole, 10, { width: 80 });
    expect(terminal).toContain('  180 tests not run on head');
    expect(terminal).not.toContain('removed');
  });

  it('names the command, cut at its end, so that it cannot read as a test id', () => {
    expect(foldName(COMMAND, 30, true)).toBe('python3 -m pytest -q tests --…');
    const terminal = renderTerminal(reportOf(comparison, 'retained: +1KB'), 10, { width: 80 });
    const rows = terminal.split('\n').filter((line) => line.startsWith('python3 -m pytest -q'));
    expect(rows[0]).toMatch(/^python3 -m pytest -q tests --[^:]*…/);
    expect(rows[0]).not.toContain('test_has_version');
    // A test id keeps its test's name.
    expect(foldName('tests/deeply/nested/test_module.py::test_case', 30)).toMatch(/::test_case$/);
  });
});

/**
 * The verdict's causes, found once (src/budgets/verdict.ts), and put into words by each
 * renderer (src/report/verdict.ts): the comment's headline, the terminal's last line and the
 * failed check's message tell the same cause.
 */
import { describe, expect, it } from 'vitest';
import type { BudgetResult } from '../../src/budgets/evaluate.js';
import { decideVerdict, verdictCauses } from '../../src/budgets/verdict.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { explainVerdict, verdictReason } from '../../src/report/verdict.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

const budget = (scenario: string, status: BudgetResult['status'], noisy = false): BudgetResult => ({
  rule: 'peak: +5%',
  metric: 'peak',
  scenario,
  limit: '+5%',
  actual: '+20.0 %',
  status,
  level: status === 'warn' && !noisy ? 'warn' : 'fail',
  ...(noisy ? { noisy: true as const } : {}),
});
const grown = (name: string) => scenarioComparison({ name, peak: measure(100_000, 120_000) });
const failedOn = (name: string, side: 'base' | 'head') =>
  scenarioComparison({
    name,
    status: 'failed',
    error: { side, type: 'MemoryError', message: 'out of memory' },
  });

/** A report whose verdict is decided from its parts, as both modes decide it. */
function decided(parts: Pick<Report, 'scenarios' | 'budgets'> & { warnings?: string[] }): Report {
  const made = report(parts.scenarios, { budgets: parts.budgets, warnings: parts.warnings ?? [] });
  return { ...made, verdict: decideVerdict(made, made.budgets, made.warnings) };
}

const headline = (r: Report) => renderMarkdown(r).split('\n')[3];
const lastLine = (r: Report) => renderTerminal(r).trimEnd().split('\n').at(-1);

describe('the causes of a verdict', () => {
  it('lists every cause, the most severe first', () => {
    const scenarios = [grown('a'), failedOn('b', 'base'), failedOn('c', 'head')];
    const budgets = [budget('a', 'warn'), budget('a', 'pass'), budget('a', 'fail')];
    const causes = verdictCauses({ scenarios }, budgets, ['not checked']);
    // A benchmark (test) the pull request broke first: nothing of it can be trusted.
    expect(causes.map((cause) => cause.kind)).toEqual([
      'benchmark-failed',
      'budget-failed',
      'budget-warned',
      'benchmark-failed',
      'not-checked',
    ]);
    expect(causes[0]).toMatchObject({ side: 'head', scenario: { name: 'c' } });
    expect(causes[3]).toMatchObject({ side: 'base', scenario: { name: 'b' } });
    expect(decideVerdict({ scenarios }, budgets, ['not checked'])).toBe('fail');
  });

  it('makes the verdict the level of the most severe cause', () => {
    expect(decideVerdict({ scenarios: [grown('a')] }, [])).toBe('pass');
    expect(decideVerdict({ scenarios: [failedOn('a', 'base')] }, [])).toBe('warn');
    expect(decideVerdict({ scenarios: [failedOn('a', 'head')] }, [])).toBe('fail');
    expect(decideVerdict({ scenarios: [grown('a')] }, [budget('a', 'warn', true)])).toBe('warn');
    expect(decideVerdict({ scenarios: [grown('a')] }, [], ['not checked'])).toBe('warn');
  });

  it('says why a warned budget did not fail', () => {
    const [noisy] = verdictCauses({ scenarios: [] }, [budget('a', 'warn', true)]);
    const [level] = verdictCauses({ scenarios: [] }, [budget('a', 'warn')]);
    expect(noisy).toMatchObject({ kind: 'budget-warned', because: 'noisy' });
    expect(level).toMatchObject({ kind: 'budget-warned', because: 'warn-level' });
  });
});

describe('every renderer tells the cause that decided', () => {
  it('a failed budget over a warning: the budget, everywhere', () => {
    const r = decided({
      scenarios: [grown('first'), grown('second')],
      budgets: [budget('first', 'warn'), budget('second', 'fail')],
      warnings: ['not checked'],
    });
    expect(explainVerdict(r).decided).toMatchObject({
      kind: 'budget-failed',
      budget: { scenario: 'second' },
    });
    expect(headline(r)).toMatch(/^❌ \*\*Over budget:\*\* peak memory of <code>second<\/code>/);
    expect(verdictReason(r)).toMatch(/^memory budget exceeded: peak of second is/);
    expect(lastLine(r)).toBe(`FAIL: ${verdictReason(r)}`);
  });

  it('a test the pull request broke over a failed budget: the broken test first, everywhere, then the budget', () => {
    const r = decided({
      scenarios: [grown('first'), grown('second'), failedOn('broken', 'head')],
      budgets: [budget('first', 'warn'), budget('second', 'fail')],
      warnings: ['not checked'],
    });
    expect(explainVerdict(r).decided).toMatchObject({
      kind: 'benchmark-failed',
      side: 'head',
      scenario: { name: 'broken' },
    });
    expect(headline(r)).toBe(
      '❌ **The head benchmark failed:** <code>broken</code> raised <code>MemoryError</code>. ' +
        'Also **over budget:** peak memory of <code>second</code> grew +20.0 % (+19.5 KiB), over the +5% budget.',
    );
    expect(verdictReason(r)).toMatch(
      /^the head benchmark failed: broken raised MemoryError; also memory budget exceeded: peak of second is \+20\.0 %, limit \+5%/,
    );
    expect(lastLine(r)).toBe(`FAIL: ${verdictReason(r)}`);
    // No line is blamed for a failure.
    expect(explainVerdict(r).culprit).toBeUndefined();
  });

  it("a failed test's figures and sites are the failing call's: shown as no change of the pull request's", () => {
    const broken = scenarioComparison({
      name: 'tests/test_lru.py::test_lri',
      kind: 'test',
      status: 'failed',
      error: { side: 'head', type: 'AssertionError', message: "assert 'g' in bc" },
      peak: measure(6_922, 10_526),
      retained: measure(1_000, 9_000),
      sites: [siteDelta({ file: 'tests/test_lru.py', line: 39, headSize: 1_526 })],
    });
    const r = decided({ scenarios: [grown('first'), broken], budgets: [] });
    const markdown = renderMarkdown(r);
    const row = markdown.split('\n').find((line) => line.startsWith('| <code>tests/test_lru.py'))!;
    // Base's figure is a measurement; head's is of a call that raised, and no change is shown.
    expect(row).toMatch(
      /^\| <code>tests\/test_lru\.py::test_lri<\/code> \| 6\.76\sKiB → — \| — \| — \| 💥 head failed \|$/u,
    );
    expect(markdown).not.toContain('tests/test_lru.py:39');
    const text = renderTerminal(r);
    expect(text).not.toContain('changed sites in tests/test_lru.py');
    expect(text).not.toContain('10.3 KiB');
    expect(text).toMatch(
      /tests\/test_lru\.py::test_lri +6\.76 KiB -> - +- +1,000 B -> - +- +failed/,
    );
  });

  it('a setup that failed says so, ran nothing, and is counted as failed, not changed', () => {
    const setup = { type: 'SetupFailed', message: 'setup exited with code 2', output: '' };
    const r = decided({
      scenarios: [
        scenarioComparison({
          name: 'benchmarks/memory.py',
          status: 'failed',
          peak: measure(null, null),
          retained: measure(null, null),
          error: { side: 'head', ...setup },
          baseError: setup,
        }),
      ],
      budgets: [],
    });
    expect(r.verdict).toBe('fail');
    expect(headline(r)).toBe(
      '❌ **Setup failed on base and head:** setup exited with code 2, so <code>benchmarks/memory.py</code> was not run.',
    );
    expect(lastLine(r)).toBe(
      'FAIL: setup failed on base and head: setup exited with code 2, so benchmarks/memory.py was not run',
    );
    const markdown = renderMarkdown(r);
    expect(markdown).not.toContain('raised');
    expect(markdown).toContain('1 scenario, 0 changed, 1 failed');
  });

  it('a failed head over a warned budget: the failure, everywhere', () => {
    const r = decided({
      scenarios: [grown('first'), failedOn('broken', 'head')],
      budgets: [budget('first', 'warn')],
    });
    expect(r.verdict).toBe('fail');
    expect(headline(r)).toBe(
      '❌ **The head benchmark failed:** <code>broken</code> raised <code>MemoryError</code>.',
    );
    expect(verdictReason(r)).toBe('the head benchmark failed: broken raised MemoryError');
  });

  it('a failed base over a rule not checked: the base, everywhere', () => {
    const r = decided({ scenarios: [failedOn('gone', 'base')], budgets: [], warnings: ['x'] });
    expect(r.verdict).toBe('warn');
    expect(explainVerdict(r).decided).toMatchObject({ kind: 'benchmark-failed', side: 'base' });
    expect(headline(r)).toMatch(/^⚠️ \*\*The base benchmark failed:\*\* <code>gone<\/code>/);
    expect(verdictReason(r)).toBe(
      'the base side could not be measured; nothing to compare against',
    );
  });

  it('growth no budget checked: a pass, but not a green one', () => {
    const r = decided({ scenarios: [grown('a')], budgets: [] });
    const explanation = explainVerdict(r);
    expect(explanation.verdict).toBe('pass');
    expect(explanation.decided).toBeUndefined();
    expect(explanation.changes.unchecked).toMatchObject({
      metric: 'peak',
      scenario: { name: 'a' },
    });
    expect(headline(r)).toMatch(/^📈 \*\*Peak memory of <code>a<\/code> grew/);
    expect(verdictReason(r)).toMatch(/^peak memory of a grew .*; no budget is set/);
  });

  it('a verdict claimed against the parts is decided again from them', () => {
    const claimed = { ...decided({ scenarios: [grown('a')], budgets: [budget('a', 'fail')] }) };
    claimed.verdict = 'pass';
    expect(decideVerdict(claimed, claimed.budgets, claimed.warnings)).toBe('fail');
  });
});

describe('a ceiling base was over already', () => {
  // test_render_big over its limit_memory on both sides alike; test_render_escaped's retained
  // memory grown by the pull request, over a smaller margin.
  const big = scenarioComparison({
    name: 'tests/test_memory.py::test_render_big',
    kind: 'test',
    peak: measure(7_816_115, 7_816_115),
  });
  const escaped = scenarioComparison({
    name: 'tests/test_memory.py::test_render_escaped',
    kind: 'test',
    retained: measure(2_000, 68_442),
  });
  const ceiling: BudgetResult = {
    rule: 'limit_memory("2 MB")',
    metric: 'peak',
    scenario: big.name,
    limit: '2MiB',
    actual: '7.45 MiB',
    status: 'fail',
    level: 'fail',
    over: 5_718_963,
  };
  const growth: BudgetResult = {
    rule: 'allocdiff(retained="+4KB")',
    metric: 'retained',
    scenario: escaped.name,
    limit: '+4KB',
    actual: '+66.4 KB',
    status: 'fail',
    level: 'fail',
    over: 62_442,
  };

  it('comes after what the pull request changed, though further over its limit', () => {
    const causes = verdictCauses({ scenarios: [big, escaped] }, [ceiling, growth]);
    expect(causes.map((cause) => 'budget' in cause && cause.budget.scenario)).toEqual([
      escaped.name,
      big.name,
    ]);
  });

  it('is said after the change, as unchanged, everywhere', () => {
    const r = decided({ scenarios: [big, escaped], budgets: [ceiling, growth] });
    expect(r.verdict).toBe('fail');
    expect(verdictReason(r)).toBe(
      'memory budget exceeded: retained of tests/test_memory.py::test_render_escaped is ' +
        '+66.4 KB, limit +4KB; also peak of tests/test_memory.py::test_render_big is 7.45 MiB, ' +
        'limit 2MiB, unchanged from base',
    );
    expect(lastLine(r)).toBe(`FAIL: ${verdictReason(r)}`);
    expect(headline(r)).toMatch(
      /^❌ \*\*Over budget:\*\* retained memory of <code>tests\/test_memory.py::test_render_escaped<\/code> grew .*\. Also over budget: peak memory of <code>tests\/test_memory.py::test_render_big<\/code> is 7.45 MiB \(unchanged from base\), over the 2MiB budget\.$/,
    );
  });

  it('leads alone, said as unchanged, when nothing the pull request changed is over', () => {
    const r = decided({ scenarios: [big, escaped], budgets: [ceiling] });
    expect(verdictReason(r)).toBe(
      'memory budget exceeded: peak of tests/test_memory.py::test_render_big is 7.45 MiB, ' +
        'limit 2MiB, unchanged from base',
    );
  });
});

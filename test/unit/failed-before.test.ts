/**
 * A test that fails on base the same way as on head is not the pull request's doing: a warning
 * told apart from what the pull request changed, never a failed check; a test that fails on head
 * only, or a whole command that failed on both sides, still fails it. A failed pytest test is
 * shown by an excerpt of pytest's report.
 */
import { describe, expect, it } from 'vitest';
import { checkBudgets, decideVerdict } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import type { ScenarioError } from '../../src/capture/snapshot.js';
import type { ScenarioComparison } from '../../src/compare/comparison.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { verdictReason } from '../../src/report/verdict.js';
import type { Report } from '../../src/report/report.js';
import { measure, report, scenarioComparison } from './fixtures.js';

const NAME = 'toolz/tests/test_package.py::test_has_version';

/** pytest's output for a test whose library raised, as the harness records it (its tail). */
function pytestError(type: string, message: string): ScenarioError {
  return {
    type,
    message,
    traceback:
      '  File "/root/.pyenv/lib/python3.11/site-packages/pluggy/_callers.py", line 121, in _multicall\n' +
      '    res = hook_impl.function(*args)\n' +
      '  File "/tmp/allocdiff-x/head-x/toolz/tests/test_package.py", line 8, in test_has_version\n' +
      '    assert version("toolz")\n' +
      '  File "/root/.pyenv/lib/python3.11/importlib/metadata/__init__.py", line 565, in from_name\n' +
      `    raise ${type}(name)\n` +
      `${type}: ${message}`,
    output:
      '    def from_name(cls, name):\n' +
      '        """\n        :param name: The name of the distribution package.\n        """\n' +
      `>           raise ${type}(name)\n` +
      `E           ${type}: ${message}\n\n` +
      `/root/.pyenv/lib/python3.11/importlib/metadata/__init__.py:565: ${type.split('.').pop()}\n` +
      '=========================== short test summary info ============================\n' +
      `FAILED ${NAME} - ${type}...\n1 failed, 179 passed in 9.10s\n`,
  };
}

const NOT_FOUND = 'importlib.metadata.PackageNotFoundError';

function failing(base: ScenarioError | undefined, kind: ScenarioComparison['kind'] = 'test') {
  const head = pytestError(NOT_FOUND, 'No package metadata was found for toolz');
  return scenarioComparison({
    name: NAME,
    kind,
    status: 'failed',
    error: { side: 'head', ...head },
    ...(base ? { baseError: base } : {}),
  });
}

const grown = scenarioComparison({
  name: 'toolz/tests/test_itertoolz.py::test_key_as_getter',
  kind: 'test',
  retained: measure(345, 5_649),
});

function reportOf(scenarios: ScenarioComparison[], rules = ''): Report {
  const { results, warnings } = checkBudgets({ scenarios }, parseBudgetRules(rules));
  return report(scenarios, {
    budgets: results,
    verdict: decideVerdict({ scenarios }, results, warnings),
  });
}

describe('a test failing on base too', () => {
  const both = failing(pytestError(NOT_FOUND, 'No package metadata was found for toolz'));

  it('is a warning, told apart from what the pull request changed', () => {
    const whole = reportOf([both, grown]);
    expect(whole.verdict).toBe('warn');
    const reason = verdictReason(whole);
    expect(reason).toMatch(/^retained memory of toolz\/tests\/test_itertoolz\.py/);
    expect(reason).toContain(
      `. Separately, ${NAME} failed on base too (raised ${NOT_FOUND} on both sides), so this pull request did not cause it`,
    );
    const lines = renderMarkdown(whole).split('\n');
    expect(lines[3]).not.toContain('test_has_version');
    expect(lines[3]).not.toContain('failed');
    expect(lines[5]).toBe(
      `⚠️ **Not caused by this pull request:** <code>${NAME}</code> failed on base too (raised <code>${NOT_FOUND}</code> on both sides), so this pull request did not cause it; it is not measured.`,
    );
  });

  it('shows pytest’s E lines and where, not its whole output', () => {
    const whole = reportOf([both, grown]);
    const terminal = renderTerminal(whole);
    expect(terminal).toContain('  | toolz/tests/test_package.py:8 (in test_has_version)\n');
    expect(terminal).toContain(`  | E           ${NOT_FOUND}: No package metadata`);
    expect(terminal).toContain('metadata/__init__.py:565: PackageNotFoundError');
    expect(terminal).not.toContain('pluggy');
    expect(terminal).not.toContain(':param name:');
    const markdown = renderMarkdown(whole);
    expect(markdown).not.toContain('pluggy');
    expect(markdown).not.toContain(':param name:');
    expect(markdown).toContain(`E           ${NOT_FOUND}: No package metadata`);
  });

  it('still fails the check when it raised another error on base, or failed on head only', () => {
    const other = failing(pytestError('KeyError', "'version'"));
    expect(reportOf([other, grown]).verdict).toBe('fail');
    const headOnly = reportOf([failing(undefined), grown]);
    expect(headOnly.verdict).toBe('fail');
    expect(verdictReason(headOnly)).toMatch(/^the head benchmark failed: /);
  });

  it('is a failure still when it is the whole command, which measured nothing', () => {
    const command = failing(pytestError(NOT_FOUND, 'No package metadata'), 'process');
    expect(reportOf([command]).verdict).toBe('fail');
  });

  it('leaves a failed budget the verdict', () => {
    const over = reportOf([both, grown], 'retained: +1KB');
    expect(over.verdict).toBe('fail');
    expect(verdictReason(over)).toMatch(/^memory budget exceeded: /);
  });
});

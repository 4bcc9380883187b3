// Head fails at pytest's collection (a NameError at import): head measured nothing, so base's
// tests are not "removed" but not run on head, counted on the failed command; there is no deep
// pass; budgets given are not "no budgets"; the failed side has no figures (not 0); and the
// command, cut to the terminal's width, cannot pass for a test id.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pytestAvailable, runReport } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

const COMMAND =
  'python3 -m pytest -q -p no:cacheprovider tests --deselect tests/test_package.py::test_has_version';

function suite(broken: boolean): Record<string, string> {
  const files: Record<string, string> = {
    'pkg/__init__.py': '',
    'tests/test_package.py': 'def test_has_version():\n    assert False\n',
    'tests/test_work.py':
      (broken ? 'BOOM = missing_name\n\n' : '') +
      'import pytest\n\nHELD = []\n\n\n@pytest.mark.parametrize("n", range(12))\n' +
      'def test_holds(n):\n    HELD[:] = [bytearray(1000 * n)]\n',
  };
  return files;
}

describe('pytest mode when head fails at collection', () => {
  it.skipIf(!pytestAvailable)(
    'counts base’s tests as not run on head, runs no deep pass and shows no figure for head',
    async () => {
      const repo = repoOf(suite(false), suite(true));
      const { code, log, stdout, report, markdown } = await runReport(
        repo.dir,
        ['--base', 'HEAD~1', '--command', COMMAND, '--budget', 'retained: +1KB; leak: 500B'],
        { name: `${repo.shas[1]}-collection`, env: { ...process.env, COLUMNS: '100' } },
      );
      expect(code, log).toBe(3);
      // One scenario: the failed command, with base's 12 tests counted as not run on head.
      expect(report.scenarios.map((s) => s.name)).toEqual([COMMAND]);
      const [command] = report.scenarios;
      expect(command).toMatchObject({ status: 'failed', notRun: { tests: 12 } });
      expect(command.error).toMatchObject({ side: 'head' });
      // Nothing measured on head: no figure, not 0.
      expect(command.peak.head).toBeNull();
      expect(command.retained.head).toBeNull();
      expect(log).toContain('no measuring in depth: the head benchmark failed as a whole');
      expect(log).not.toContain('in depth: 12 scenarios');
      // Only the command's budget rows, none for the tests not run.
      expect(report.budgets.every((b) => b.scenario === COMMAND)).toBe(true);
      expect(log).not.toContain('removed');
      expect(log).toContain('12 tests not run on head, as it failed as a whole');

      const comment = markdown;
      expect(comment).toContain('2 budgets, none checked');
      expect(comment).not.toContain('no budgets');
      expect(comment).not.toContain('0 B');
      expect(comment).toContain('12 tests not run on head');
      // The terminal cuts the command at its end: its `--deselect` of a test id is not shown as
      // if it were the scenario's name.
      const row = stdout.split('\n').find((line) => line.startsWith('python3 -m pytest'))!;
      expect(row, stdout).toBeDefined();
      expect(row, stdout).not.toContain('::test_has_version');
    },
    300_000,
  );
});

// A function that appends every result to a module-level list leaks on every call. The list's
// own storage grows in steps (over-allocation), on some calls and not others, so the test's
// calls differ by a step: that is the leak, not noise, and it leads the comment and fails a
// ceiling it is over.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pytestAvailable, runReport } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

const NAME = 'tests/test_group.py::test_key_as_getter';

/** A groupby; on head, every result is also appended to a module list. */
function suite(keep: boolean): Record<string, string> {
  return {
    'pkg/__init__.py': '',
    'pkg/group.py':
      '_history = []\n\n\ndef groupby(key, seq):\n    groups = {}\n' +
      '    for item in seq:\n        groups.setdefault(key(item), []).append(item)\n' +
      (keep ? '    _history.append(groups)\n' : '') +
      '    return groups\n',
    'tests/test_group.py':
      'from pkg.group import groupby\n\n\n' +
      'def test_key_as_getter():\n    words = ["w%d" % i for i in range(60)]\n' +
      '    assert len(groupby(len, words)) == 2\n' +
      '    assert groupby(lambda w: w[-1], words)\n' +
      '    assert groupby(lambda w: w[:2], words)\n\n\n' +
      'def test_empty():\n    assert groupby(len, []) == {}\n',
  };
}

describe('pytest mode on a leak into a module list', () => {
  it.skipIf(!pytestAvailable)(
    'reports the leak per call as a leak that leads and fails its ceiling, not as noise',
    async () => {
      const repo = repoOf(suite(false), suite(true));
      const { code, log, report, markdown } = await runReport(
        repo.dir,
        [
          '--base',
          'HEAD~1',
          '--command',
          'python3 -m pytest -q -p no:cacheprovider tests',
          '--budget',
          'leak: 1KB',
        ],
        { name: `${repo.shas[1]}-steps` },
      );
      expect(code, log).toBe(1);
      const test = report.scenarios.find((s) => s.name === NAME)!;
      // The calls differed (the list's storage grew on some of them only), yet the figure, the
      // test's first call, kept the same in the first run and the deep pass: steady.
      expect(test.retained.noisy, log).toBeUndefined();
      expect(test.retained.headRange).toBeUndefined();
      // And every call kept more: a leak, with the range of what one call kept, not noise.
      expect(test.leak!.noisy).toBeUndefined();
      expect(test.leak!.head).toBeGreaterThan(5_000);
      const [low, high] = test.leak!.headRange ?? [test.leak!.head!, test.leak!.head!];
      expect(low).toBeGreaterThan(5_000);
      expect(high - low).toBeLessThan(1_000);

      const leak = report.budgets.find((b) => b.scenario === NAME && b.metric === 'leak')!;
      expect(leak).toMatchObject({ status: 'fail' });
      expect(leak.noisy).toBeUndefined();
      const comment = markdown;
      const verdict = comment.split('\n')[3];
      expect(verdict, comment).toContain(
        'leak per call of <code>tests/test_group.py::test_key_as_getter</code>',
      );
      expect(verdict, comment).not.toContain('≈');
      const row = log.split('\n').find((line) => line.includes('test_key_as_getter  '));
      expect(row, log).toBeDefined();
      expect(row, log).not.toContain('noisy');
    },
    300_000,
  );
});

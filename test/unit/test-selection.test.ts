import { describe, expect, it } from 'vitest';
import {
  isPytestAlone,
  nothingReachable,
  selectTests,
  type StaticSelection,
  type TestReads,
} from '../../src/capture/test-selection.js';
import { LineMap } from '../../src/sides/line-map.js';

const ruled = (changes: Partial<StaticSelection> = {}): StaticSelection => ({
  testFiles: 3,
  filesRead: 10,
  ruledOut: ['tests/test_a.py', 'tests/test_b.py', 'tests/test_c.py'],
  kept: {},
  everything: null,
  otherTests: null,
  ...changes,
});

describe('a command that is pytest alone', () => {
  it('is pytest, py.test or python -m pytest, after variable assignments', () => {
    for (const command of [
      'pytest',
      'pytest -q tests',
      'py.test tests',
      '.venv/bin/pytest -x',
      'python -m pytest -q',
      'python3.12 -X dev -m pytest tests',
      'PYTHONHASHSEED=0 python3 -m pytest',
    ]) {
      expect(isPytestAlone(command), command).toBe(true);
    }
  });

  it('is not a command that may run something else', () => {
    for (const command of [
      'make test',
      'pytest && python bench.py',
      'pytest; echo done',
      'pytest | tee log',
      'python bench.py',
      'python -m pytest_benchmark',
      'pytest $(cat args)',
      'tox',
    ]) {
      expect(isPytestAlone(command), command).toBe(false);
    }
  });
});

describe('nothing reachable', () => {
  it('runs nothing when every test file is ruled out and the command is pytest alone', () => {
    const selection = nothingReachable(ruled(), 'python3 -m pytest -q tests');
    expect(selection?.kind).toBe('none');
    expect(selection?.why).toBe(
      'no test file imports or names what this pull request changes (static: 3 test files, ' +
        '10 files read), so pytest did not run',
    );
  });

  it('runs when a test file is kept, the command may do more, or tests are not Python', () => {
    const command = 'pytest';
    expect(nothingReachable(ruled({ ruledOut: ['tests/test_a.py'] }), command)).toBeUndefined();
    expect(nothingReachable(ruled(), 'make test')).toBeUndefined();
    expect(nothingReachable(ruled({ otherTests: '--doctest-glob' }), command)).toBeUndefined();
    expect(nothingReachable(ruled({ everything: 'pytest.ini' }), command)).toBeUndefined();
    expect(nothingReachable(ruled({ testFiles: 0, ruledOut: [] }), command)).toBeUndefined();
  });
});

describe('what the selection says of the tests it leaves out', () => {
  const diff = LineMap.fromUnifiedDiff(
    [
      'diff --git a/pkg/core.py b/pkg/core.py',
      '--- a/pkg/core.py',
      '+++ b/pkg/core.py',
      '@@ -1 +1 @@',
      '-x = 1',
      '+x = 2',
      '',
    ].join('\n'),
  );
  const test = (nodeid: string, files: string[]) => ({
    nodeid,
    files,
    folders: [],
    importFolders: [],
    failed: false,
  });
  const reads = (tests: ReturnType<typeof test>[]): TestReads => ({
    tests,
    session: { files: [], folders: [], importFolders: [] },
  });

  it('counts the tests not run and the files they read', () => {
    const selection = selectTests(
      reads([
        test('tests/test_a.py::test_a', ['pkg/core.py']),
        test('tests/test_b.py::test_b', ['pkg/other.py', 'tests/test_b.py']),
      ]),
      diff,
      [],
    );
    expect(selection).toMatchObject({ kind: 'some', run: ['tests/test_a.py::test_a'] });
    expect(selection.why).toBe(
      '1 of 2 tests not run: on base they ran or opened 2 files of the repository, none of ' +
        'which this pull request changes',
    );
  });

  it('says so plainly, never as a count of none, when every test is run or no file was read', () => {
    const every = selectTests(
      reads([
        test('tests/test_a.py::test_a', ['pkg/core.py']),
        test('tests/test_b.py::test_b', ['pkg/core.py']),
      ]),
      diff,
      [],
    );
    expect(every.why).toBe('each reads what this pull request changes, or failed on base');
    const nothingRead = selectTests(
      reads([test('tests/test_a.py::test_a', ['pkg/core.py']), test('doc.txt::doc.txt', [])]),
      diff,
      [],
    );
    expect(nothingRead.why).toBe(
      '1 of 2 tests not run: on base they ran or opened no file of the repository',
    );
  });
});

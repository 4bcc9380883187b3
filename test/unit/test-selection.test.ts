import { describe, expect, it } from 'vitest';
import {
  isPytestAlone,
  nothingReachable,
  type StaticSelection,
} from '../../src/capture/test-selection.js';

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

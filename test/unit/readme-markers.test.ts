// The README's way to register allocdiff's markers for plain pytest runs works: a suite that
// turns warnings into errors collects its marked tests with it, and fails without it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/action-runner.js';

const README = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const SECTION = README.slice(README.indexOf('**Markers in your own pytest runs.**'));
const REGISTER = /```toml\n([\s\S]*?)```/.exec(SECTION)![1];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Plain pytest (no allocdiff plugin) on a marked test, with warnings as errors. */
function plainPytest(config: string): { code: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'allocdiff-readme-markers-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'pyproject.toml'), config);
  writeFileSync(
    join(dir, 'test_marked.py'),
    'import pytest\n\n' +
      '@pytest.mark.allocdiff(retained="+10KB")\n' +
      '@pytest.mark.limit_memory("24 MB")\n' +
      '@pytest.mark.limit_leaks("1 MB")\n' +
      'def test_marked():\n    pass\n',
  );
  const run = spawnSync(
    'python3',
    ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-p', 'no:memray'],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONPATH: '' } },
  );
  return { code: run.status, output: run.stdout + run.stderr };
}

describe('the README’s markers for plain pytest runs', () => {
  it('registers all three markers, so a suite with warnings as errors collects', () => {
    for (const marker of ['allocdiff', 'limit_memory', 'limit_leaks']) {
      expect(REGISTER).toContain(`"${marker}: `);
    }
    const errors = '[tool.pytest.ini_options]\nfilterwarnings = ["error"]\n';
    const registered = REGISTER.replace(
      '[tool.pytest.ini_options]\n',
      '[tool.pytest.ini_options]\nfilterwarnings = ["error"]\n',
    );
    const withThem = plainPytest(registered);
    expect(withThem.code, withThem.output).toBe(0);
    const without = plainPytest(errors);
    expect(without.code).not.toBe(0);
    expect(without.output).toContain('PytestUnknownMarkWarning: Unknown pytest.mark.allocdiff');
  }, 60_000);
});

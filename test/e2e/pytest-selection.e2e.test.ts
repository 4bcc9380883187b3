// pytest mode traces only the tests that read what a pull request changes: a suite of a few
// hundred generated tests (scripts/pytest-suite.mjs), with real pytest, real git and the bundled
// CLI; pytest-xdist workers too, where it is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { CASES, OTHER_TESTS, pytestSuiteFiles } from '../../scripts/pytest-suite.mjs';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { pytestAvailable, runCommand } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

/** Debian's pytest-xdist (python3-pytest-xdist): xdist and execnet, outside any virtualenv. */
const DIST_PACKAGES = '/usr/lib/python3/dist-packages';
const XDIST = ['xdist', 'execnet'];
const xdistInstalled = XDIST.every((name) => existsSync(join(DIST_PACKAGES, name)));

/**
 * A folder with only pytest-xdist and execnet (and their metadata, whose entry point registers
 * `-n`), for PYTHONPATH: the rest of the system's packages stay out of the test's python.
 */
function xdistPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'allocdiff-xdist-'));
  cleanup.push(dir);
  const wanted = spawnSync('ls', [DIST_PACKAGES], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(
      (name) => XDIST.includes(name) || /^(pytest_xdist|execnet)-.*\.(dist|egg)-info$/.test(name),
    );
  for (const name of wanted) symlinkSync(join(DIST_PACKAGES, name), join(dir, name));
  return dir;
}

const MODULES = 8;
const TESTS = MODULES * (CASES + OTHER_TESTS);

async function run(
  repo: { dir: string; shas: string[] },
  command: string,
  extra: string[] = [],
  env?: NodeJS.ProcessEnv,
) {
  const out = join(repo.dir, '..', `${repo.shas[1]}-selection`);
  cleanup.push(`${out}.json`, `${out}.md`, `${out}.summary.md`, `${out}.html`);
  const result = await runCommand(
    declaredNode(),
    [
      CLI,
      '--base',
      'HEAD~1',
      '--command',
      command,
      '--json',
      `${out}.json`,
      '--markdown',
      `${out}.md`,
      // Selection is asked for, unless the test says otherwise.
      ...(extra.includes('--select-tests') ? [] : ['--select-tests', 'true']),
      ...extra,
    ],
    { cwd: repo.dir, ...(env ? { env } : {}) },
  );
  expect(result.code, result.stderr).toBe(0);
  const report = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as Report;
  return { ...result, report, markdown: readFileSync(`${out}.md`, 'utf8') };
}

describe.skipIf(!pytestAvailable)('pytest tests chosen by what they read', () => {
  it('traces only the tests of the module a pull request changes, and reports its regression', async () => {
    const repo = repoOf(
      pytestSuiteFiles({ modules: MODULES }),
      pytestSuiteFiles({ modules: MODULES, entryWidth: { 3: 40 } }),
    );
    const { report, markdown, stdout } = await run(repo, 'python3 -m pytest -q tests');
    const names = report.scenarios.map((s) => s.name);
    expect(names.length).toBe(CASES + OTHER_TESTS);
    expect(names.every((name) => name.startsWith('tests/test_mod3.py::'))).toBe(true);
    expect(report.testsNotRun?.count).toBe(TESTS - (CASES + OTHER_TESTS));
    // The regression leads, with its line.
    expect(markdown).toMatch(/pkg\/mod3\.py#L20|pkg\/mod3\.py:20/);
    const grown = report.scenarios.find((s) => s.name === 'tests/test_mod3.py::test_build[19]');
    expect(grown?.peak.delta).toBeGreaterThan(10_000);
    expect(markdown).toContain(`${TESTS - (CASES + OTHER_TESTS)} of ${TESTS} tests not run`);
    expect(stdout).toContain('select-tests: false');
  }, 300_000);

  it('measures again a test that opens a data file the pull request changes', async () => {
    const repo = repoOf(
      pytestSuiteFiles({ modules: MODULES }),
      pytestSuiteFiles({ modules: MODULES, dataSize: { 5: 400 } }),
    );
    const { report } = await run(repo, 'python3 -m pytest -q tests');
    expect(report.scenarios.map((s) => s.name)).toEqual(['tests/test_mod5.py::test_data_file']);
    expect(report.scenarios[0].peak.delta).toBeGreaterThan(10_000);
    expect(report.testsNotRun?.count).toBe(TESTS - 1);
  }, 300_000);

  it('runs no test when the pull request changes nothing any test reads', async () => {
    const files = pytestSuiteFiles({ modules: MODULES });
    const repo = repoOf(files, { ...files, 'README.md': 'A change no test reads.\n' });
    const { report, markdown } = await run(repo, 'python3 -m pytest -q tests');
    expect(report.scenarios).toEqual([]);
    expect(report.testsNotRun?.count).toBe(TESTS);
    expect(markdown).toContain('no test reads what this pull request changes');
    expect(report.verdict).toBe('pass');
  }, 300_000);

  it('traces every test with select-tests off, the default', async () => {
    const files = pytestSuiteFiles({ modules: 2 });
    const repo = repoOf(files, { ...files, 'README.md': 'A change no test reads.\n' });
    const { report } = await run(repo, 'python3 -m pytest -q tests', ['--select-tests', 'false']);
    expect(report.scenarios.filter((s) => s.kind === 'test')).toHaveLength(
      2 * (CASES + OTHER_TESTS),
    );
    expect(report.testsNotRun).toBeUndefined();
  }, 300_000);

  it.skipIf(!xdistInstalled)(
    'chooses the tests of pytest-xdist workers (-n 2) alike',
    async () => {
      const repo = repoOf(
        pytestSuiteFiles({ modules: MODULES }),
        pytestSuiteFiles({ modules: MODULES, entryWidth: { 6: 40 } }),
      );
      const env = { ...process.env, PYTHONPATH: xdistPath() };
      const { report, stdout } = await run(repo, 'python3 -m pytest -q -n 2 tests', [], env);
      const tests = report.scenarios.filter((s) => s.kind === 'test');
      expect(tests.length).toBe(CASES + OTHER_TESTS);
      expect(tests.every((s) => s.name.startsWith('tests/test_mod6.py::'))).toBe(true);
      expect(
        tests.find((s) => s.name === 'tests/test_mod6.py::test_build[19]')?.peak.delta,
      ).toBeGreaterThan(10_000);
      expect(report.testsNotRun?.count).toBe(TESTS - (CASES + OTHER_TESTS));
      expect(stdout).not.toContain('error: unrecognized arguments: -n');
    },
    300_000,
  );
});

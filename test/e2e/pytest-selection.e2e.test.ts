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
      // Selection is asked for, unless the test says otherwise or leaves it to the default.
      ...(extra.some((arg) => /^--(no-)?select-tests|^--default$/.test(arg))
        ? []
        : ['--select-tests', 'true']),
      ...extra.filter((arg) => arg !== '--default'),
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
    const { report, markdown, stdout, stderr } = await run(repo, 'python3 -m pytest -q tests');
    const names = report.scenarios.map((s) => s.name);
    expect(names.length).toBe(CASES + OTHER_TESTS);
    expect(names.every((name) => name.startsWith('tests/test_mod3.py::'))).toBe(true);
    // The other test files were ruled out from the source: none of their tests was collected.
    expect(report.testsNotRun?.count).toBe(0);
    // The regression leads, with its line.
    expect(markdown).toMatch(/pkg\/mod3\.py#L20|pkg\/mod3\.py:20/);
    const grown = report.scenarios.find((s) => s.name === 'tests/test_mod3.py::test_build[19]');
    expect(grown?.peak.delta).toBeGreaterThan(10_000);
    expect(markdown).toContain(
      `${MODULES - 1} of ${MODULES} test files not collected: none imports or names what this pull request changes`,
    );
    expect(stdout).toContain('select-tests: false');
    // The other test files were not even collected: pytest ran the changed module's tests only.
    expect(stderr).toContain(`${MODULES - 1} test files not collected`);
    expect(`${stdout}${stderr}`).not.toMatch(new RegExp(`${TESTS} passed`));
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

  it('runs no pytest on either side when no test file imports or names what the pull request changes', async () => {
    const files = pytestSuiteFiles({ modules: MODULES });
    const repo = repoOf(files, { ...files, 'README.md': 'A change no test reads.\n' });
    const { report, markdown, stdout, stderr } = await run(repo, 'python3 -m pytest -q tests');
    expect(report.scenarios).toEqual([]);
    // No test was collected, so none was deselected: the evidence is the static step's.
    expect(report.testsNotRun?.count).toBe(0);
    expect(report.testsNotRun?.why).toContain(
      `no test file imports or names what this pull request changes (static: ${MODULES} test files,`,
    );
    expect(markdown).toContain('no test reads what this pull request changes');
    expect(markdown).toContain('so pytest did not run');
    // Neither the reads pass nor a measuring run started pytest.
    expect(stderr).toContain('so pytest did not run');
    for (const output of [stdout, stderr]) {
      expect(output).not.toContain('recording what each test reads');
      expect(output).not.toContain('under tracemalloc');
      expect(output).not.toMatch(/\d+ passed/);
      expect(output).not.toContain('Measuring in depth');
    }
    // Nothing was repeated nor leak-checked: the report does not say how many times it was.
    expect(report.environment.repeats).toBeUndefined();
    expect(report.environment.iterations).toBeUndefined();
    expect(markdown).not.toContain('Repeats per side');
    expect(markdown).not.toContain('Leak check:');
    expect(report.verdict).toBe('pass');
  }, 300_000);

  it('selects by default: a pull request that changes only the README runs no pytest, and says how to trace every test', async () => {
    const files = pytestSuiteFiles({ modules: MODULES });
    const repo = repoOf(files, { ...files, 'README.md': 'A change no test reads.\n' });
    // No select-tests flag, no config file: the default.
    const { report, markdown, stdout, stderr } = await run(repo, 'python3 -m pytest -q tests', [
      '--default',
    ]);
    expect(report.scenarios).toEqual([]);
    expect(report.testsNotRun).toMatchObject({ count: 0, by: 'default' });
    expect(report.testsNotRun?.why).toContain('so pytest did not run');
    // Whoever did not ask for the selection is told it happened, and how to trace every test.
    const told =
      'Tests are selected by default; `select-tests: false` (`--no-select-tests`) traces every test.';
    expect(stdout).toContain(told);
    // The comment escapes the backticks of the text it is given.
    expect(markdown).toContain(told.replaceAll('`', '&#96;'));
    expect(stderr).toContain('tests selected by default');
    expect(stderr).toContain('select-tests: false traces every test');
    for (const output of [stdout, stderr]) {
      expect(output).not.toContain('under tracemalloc');
      expect(output).not.toMatch(/\d+ passed/);
    }
  }, 300_000);

  it('traces every test with --no-select-tests, even on a pull request that changes only the README', async () => {
    const files = pytestSuiteFiles({ modules: 2 });
    const repo = repoOf(files, { ...files, 'README.md': 'A change no test reads.\n' });
    const { report, stderr } = await run(repo, 'python3 -m pytest -q tests', ['--no-select-tests']);
    expect(report.scenarios.filter((s) => s.kind === 'test')).toHaveLength(
      2 * (CASES + OTHER_TESTS),
    );
    expect(report.testsNotRun).toBeUndefined();
    expect(stderr).not.toContain('tests selected by default');
    expect(stderr).not.toContain('not collected');
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
      expect(report.testsNotRun?.why).toContain(`${MODULES - 1} of ${MODULES} test files`);
      expect(stdout).not.toContain('error: unrecognized arguments: -n');
    },
    300_000,
  );
});

/**
 * The generated suite with test files that reach its modules in other ways: through a helper
 * module (a chain of imports), by a name built at run time (a dynamic import), through a data
 * file only they name, and through a conftest.py of their own folder.
 */
const SMALL = 4;
function extended(changes: Record<string, string> = {}, entryWidth: Record<number, number> = {}) {
  return {
    ...pytestSuiteFiles({ modules: SMALL, entryWidth }),
    'tests/helpers.py':
      'from pkg import mod1\n\n\ndef widths(n):\n    return [len(s) for s in mod1.build(n)]\n',
    'tests/test_chain.py':
      'from tests.helpers import widths\n\n\ndef test_widths():\n    assert len(widths(40)) == 2400\n',
    'tests/test_dynamic.py':
      'import importlib\n\nNAME = "mod%d" % 2\n\n\n' +
      'def test_dynamic():\n    module = importlib.import_module("pkg." + NAME)\n' +
      '    assert module.build(30)\n',
    'tests/fixtures/words.txt': 'a b c\n',
    'tests/test_words.py':
      'import os\n\nHERE = os.path.dirname(__file__)\n\n\n' +
      'def test_words():\n    with open(os.path.join(HERE, "fixtures", "words.txt")) as file:\n' +
      '        words = file.read().split() * 200\n    assert [w * 50 for w in words]\n',
    'tests/sub/__init__.py': '',
    'tests/sub/conftest.py':
      'import pytest\n\n\n@pytest.fixture\ndef block():\n    return ["x" * 10 for _ in range(50)]\n',
    'tests/sub/test_block.py':
      'def test_block(block):\n    assert [s * 20 for s in block]\n\n\n' +
      'def test_block_again(block):\n    assert [s * 30 for s in block]\n',
    ...changes,
  };
}

describe.skipIf(!pytestAvailable)('pytest test files ruled out from the source', () => {
  const testsOf = (report: Report) =>
    report.scenarios.filter((s) => s.kind === 'test').map((s) => s.name);

  it('traces the test files that import a changed module directly or through a chain', async () => {
    const repo = repoOf(extended(), extended({}, { 1: 40 }));
    const { report, stderr } = await run(repo, 'python3 -m pytest -q tests');
    const names = testsOf(report);
    expect(names).toContain('tests/test_chain.py::test_widths');
    expect(names.filter((n) => n.startsWith('tests/test_mod1.py::'))).toHaveLength(
      CASES + OTHER_TESTS,
    );
    // The dynamic import keeps its file for the reads pass, which finds it ran mod2 only.
    expect(stderr).toMatch(
      /kept tests\/test_dynamic\.py: tests\/test_dynamic\.py:\d+ uses import_module\(\)/,
    );
    expect(names.some((n) => /test_mod[023]\.py|test_words|test_block|test_dynamic/.test(n))).toBe(
      false,
    );
    const grown = report.scenarios.find((s) => s.name === 'tests/test_chain.py::test_widths');
    expect(grown?.peak.delta).toBeGreaterThan(10_000);
    expect(report.testsNotRun?.why).toMatch(/^5 of 8 test files not collected/);
  }, 300_000);

  it('keeps a test file whose name for a module is built at run time', async () => {
    const repo = repoOf(extended(), extended({}, { 2: 40 }));
    const { report } = await run(repo, 'python3 -m pytest -q tests');
    const names = testsOf(report);
    expect(names).toContain('tests/test_dynamic.py::test_dynamic');
    expect(
      report.scenarios.find((s) => s.name === 'tests/test_dynamic.py::test_dynamic')?.peak.delta,
    ).toBeGreaterThan(10_000);
  }, 300_000);

  it('keeps a test file that names a changed data file, and rules out the others', async () => {
    const repo = repoOf(
      extended(),
      extended({ 'tests/fixtures/words.txt': `${'word '.repeat(400)}\n` }),
    );
    const { report, stderr } = await run(repo, 'python3 -m pytest -q tests');
    expect(testsOf(report)).toEqual(['tests/test_words.py::test_words']);
    expect(report.scenarios[0].peak.delta).toBeGreaterThan(10_000);
    expect(stderr).toContain(
      "kept tests/test_words.py: tests/test_words.py names tests/fixtures/words.txt ('fixtures')",
    );
    expect(report.testsNotRun?.why).toContain('of 8 test files not collected');
  }, 300_000);

  it("keeps the tests of a conftest.py's folder when it changes", async () => {
    const repo = repoOf(
      extended(),
      extended({
        'tests/sub/conftest.py':
          'import pytest\n\n\n@pytest.fixture\ndef block():\n    return ["x" * 400 for _ in range(50)]\n',
      }),
    );
    const { report, stderr } = await run(repo, 'python3 -m pytest -q tests');
    expect(stderr).toContain('kept tests/sub/test_block.py: it runs tests/sub/conftest.py');
    // The conftest.py is read by the session, so every test collected is traced: its folder's,
    // and the one whose dynamic import keeps it collected whatever changes.
    expect(testsOf(report).sort()).toEqual([
      'tests/sub/test_block.py::test_block',
      'tests/sub/test_block.py::test_block_again',
      'tests/test_dynamic.py::test_dynamic',
    ]);
    expect(report.testsNotRun?.why).toMatch(/^6 of 8 test files not collected/);
    expect(
      report.scenarios.find((s) => s.name === 'tests/sub/test_block.py::test_block')?.peak.delta,
    ).toBeGreaterThan(10_000);
  }, 300_000);
});

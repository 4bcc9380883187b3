// A test that fails on base too (a package's metadata not installed) is not the pull request's
// doing: the check warns, told apart from what the pull request changed, and shows pytest's `E`
// lines rather than its whole output. A test that passes on base and fails on head still fails.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pytestAvailable, runReport } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

const VERSION = 'tests/test_package.py::test_has_version';

/** A suite whose version test always fails; `kept` bytes held by one test; a test that may break. */
function suite(kept: number, broken: boolean): Record<string, string> {
  return {
    'pkg/__init__.py': '',
    'tests/test_package.py':
      'from importlib.metadata import version\n\n\n' +
      'def test_has_version():\n    assert version("allocdiff-no-such-package")\n',
    'tests/test_work.py':
      'HELD = []\n\n\n' +
      `def test_holds():\n    HELD[:] = [bytearray(${kept})]\n\n\n` +
      `def test_sum():\n    assert sum(range(10)) == ${broken ? 46 : 45}\n`,
  };
}

async function run(dir: string, head: string, name: string, base = 'HEAD~2', extra: string[] = []) {
  const result = await runReport(
    dir,
    [
      '--base',
      base,
      '--head',
      head,
      '--command',
      'python3 -m pytest -q -p no:cacheprovider tests',
      // Every test traced: a test failing on base in a file the diff does not reach is run too.
      '--no-select-tests',
      ...extra,
    ],
    { name },
  );
  return { ...result, comment: result.markdown };
}

describe('pytest mode with a test failing on base too', () => {
  it.skipIf(!pytestAvailable)(
    'warns, apart from what changed, with an excerpt; a test failing on head only still fails',
    async () => {
      const repo = repoOf(suite(1_000, false), suite(50_000, false), suite(50_000, true));
      const out = repo.shas[1];

      const before = await run(repo.dir, 'HEAD~1', `${out}-before`);
      expect(before.code, before.log).toBe(0);
      expect(before.report.verdict).toBe('warn');
      const lines = before.comment.split('\n');
      // The verdict line is about what the pull request changed; the failure has its own line.
      expect(lines[3], before.comment).toContain('test_holds');
      expect(lines[3], before.comment).not.toContain('test_has_version');
      expect(lines[5], before.comment).toContain(
        `⚠️ **Not caused by this pull request:** <code>${VERSION}</code> failed on base too`,
      );
      const verdict = before.log.split('\n').find((line) => line.startsWith('WARN: '))!;
      expect(verdict, before.log).toContain(`. Separately, ${VERSION} failed on base too`);
      // pytest's E lines and where, not pytest's and pluggy's frames.
      expect(before.log).toContain('  | tests/test_package.py:5 (in test_has_version)');
      expect(before.log).toMatch(/ {2}\| E +importlib\.metadata\.PackageNotFoundError/);
      // The report, after pytest's own output streamed as it ran.
      const terminal = before.stdout.slice(before.stdout.search(/^allocdiff \S+: base /m));
      for (const text of [terminal, before.comment]) {
        expect(text).not.toContain('hook_impl.function(*args)');
        expect(text).not.toContain('short test summary info');
      }

      const broken = await run(repo.dir, 'HEAD', `${out}-broken`);
      expect(broken.code, broken.log).toBe(3);
      expect(broken.report.verdict).toBe('fail');
      expect(broken.comment.split('\n')[3]).toContain('tests/test_work.py::test_sum');
    },
    300_000,
  );

  it.skipIf(!pytestAvailable)(
    'a test the pull request broke leads the verdict, before a budget it exceeded; its figures are not shown as growth',
    async () => {
      const repo = repoOf(suite(1_000, false), suite(50_000, true));
      const out = `${repo.shas[1]}-budget`;
      const ran = await run(repo.dir, 'HEAD', out, 'HEAD~1', ['--budget', 'retained: +1KB']);
      // An exceeded budget still sets the exit status.
      expect(ran.code, ran.log).toBe(1);
      expect(ran.report.verdict).toBe('fail');
      const headline = ran.comment.split('\n')[3]!;
      expect(headline, ran.comment).toMatch(
        /^❌ \*\*The head benchmark failed:\*\* <code>tests\/test_work\.py::test_sum<\/code> raised <code>AssertionError<\/code>\. Also \*\*over budget:\*\* retained memory of <code>tests\/test_work\.py::test_holds<\/code>/,
      );
      const verdict = ran.log.split('\n').find((line) => line.startsWith('FAIL: '))!;
      expect(verdict, ran.log).toMatch(
        /^FAIL: the head benchmark failed: tests\/test_work\.py::test_sum raised AssertionError; also memory budget exceeded: retained of tests\/test_work\.py::test_holds is \+/,
      );
      // The failed call's figures (its assertion, its traceback) are no change of the PR's.
      const row = ran.comment
        .split('\n')
        .find((line) => line.startsWith('| <code>tests/test_work.py::test_sum</code>'))!;
      expect(row, ran.comment).toMatch(/ → — \| — \| — \|( — \|)* 💥 head failed \|$/u);
      expect(ran.comment).not.toContain('Top changed sites · <code>tests/test_work.py::test_sum');
      expect(ran.log).not.toContain('changed sites in tests/test_work.py::test_sum');
    },
    300_000,
  );
  it.skipIf(!pytestAvailable)(
    'a conftest.py the pull request breaks fails head as a whole: no scenario of pytest itself, no deep pass',
    async () => {
      const broken = {
        ...suite(1_000, false),
        'tests/conftest.py': 'import allocdiff_no_such_module\n',
      };
      const repo = repoOf(suite(1_000, false), broken);
      const ran = await run(repo.dir, 'HEAD', `${repo.shas[1]}-conftest`, 'HEAD~1');
      expect(ran.code, ran.log).toBe(3);
      expect(ran.report.verdict).toBe('fail');
      // pytest ended before it configured: its start, untraced, is no scenario of its own (it
      // would show as a new process holding pytest's imports), and head failed as a whole.
      expect(ran.report.scenarios.map((s) => s.name)).not.toContain('-m pytest');
      expect(ran.log).toContain('no measuring in depth: the head benchmark failed as a whole');
      expect(ran.log).toContain(
        "not measured: pytest's tests of -m pytest: pytest ended before it configured (no test ran)",
      );
      expect(ran.log).toContain("ModuleNotFoundError: No module named 'allocdiff_no_such_module'");
    },
    300_000,
  );
});

// Budget markers on pytest tests, through the bundled CLI with real git, python3 and pytest:
// allocdiff's own marker and pytest-memray's, judged like the config's budgets.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { pytestAvailable, runCommand, testTemp } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

// The suites below use the markers without pytest-memray: only allocdiff's plugin registers them.
const memrayAbsent =
  spawnSync('python3', ['-c', 'import pytest_memray'], { stdio: 'ignore' }).status !== 0;

/** Runs the CLI on HEAD~1 → HEAD with a pytest command; reads the JSON and Markdown reports. */
async function pytestRun(dir: string, ...extra: string[]) {
  const json = join(testTemp(), `${basename(dir)}-report.json`);
  const markdown = join(testTemp(), `${basename(dir)}-report.md`);
  cleanup.push(json, markdown);
  const { code, stdout, stderr } = await runCommand(
    declaredNode(),
    [
      CLI,
      '--json',
      json,
      '--markdown',
      markdown,
      '--base',
      'HEAD~1',
      '--command',
      'python3 -m pytest -q -p no:cacheprovider --strict-markers tests',
      ...extra,
    ],
    { cwd: dir },
  );
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const report = read(json);
  return {
    code,
    stdout,
    stderr,
    report: report === undefined ? undefined : (JSON.parse(report) as Report),
    markdown: read(markdown),
  };
}

/** A suite whose tests keep and hold `scale` times as much on head as on base. */
function suite(scale: number, markers: { grows?: string; peak?: string; leaks?: string } = {}) {
  return {
    'app/__init__.py': '',
    'app/store.py':
      'STORE = []\n\ndef remember(n):\n    STORE.extend(bytearray(100) for _ in range(n))\n',
    'tests/test_app.py':
      'import pytest\nfrom app.store import remember\n\n' +
      `${markers.grows ?? '@pytest.mark.allocdiff(retained="+10KB")'}\n` +
      `def test_grows():\n    remember(${100 * scale})\n\n` +
      `${markers.peak ?? '@pytest.mark.limit_memory("100 KB")'}\n` +
      `def test_peak():\n    data = [bytearray(1000) for _ in range(${60 * scale})]\n    assert data\n\n` +
      `${markers.leaks ?? '@pytest.mark.limit_leaks("8 KB")'}\n` +
      `def test_leaks():\n    remember(${30 * scale})\n\n` +
      'def test_plain():\n    assert sum(range(10)) == 45\n',
  };
}

const GROWS = 'tests/test_app.py::test_grows';
const PEAK = 'tests/test_app.py::test_peak';
const LEAKS = 'tests/test_app.py::test_leaks';

describe.skipIf(!pytestAvailable)('budget markers on pytest tests', () => {
  it.skipIf(!memrayAbsent)(
    "judges allocdiff's and pytest-memray's markers per test, named by node id, under --strict-markers",
    async () => {
      const repo = repoOf(suite(1), suite(4));
      const result = await pytestRun(repo.dir);
      // pytest passed on both sides (--strict-markers accepted the markers); the budgets failed.
      expect(result.code, result.stderr).toBe(1);
      expect(result.report!.scenarios.every((s) => s.status === 'ok')).toBe(true);
      const byTest = (name: string) => result.report!.budgets.filter((b) => b.scenario === name);
      // +30,000 B retained against +10KB.
      expect(byTest(GROWS)).toEqual([
        expect.objectContaining({ metric: 'retained', limit: '+10KB', status: 'fail' }),
      ]);
      // 240 KB held at once against 100 KiB (pytest-memray's KB: 1024 bytes).
      expect(byTest(PEAK)).toEqual([
        expect.objectContaining({
          metric: 'peak',
          limit: '100KiB',
          status: 'fail',
          rule: 'limit_memory("100 KB")',
        }),
      ]);
      // 12,000 B kept at app/store.py:4 against 8 KiB per place.
      expect(byTest(LEAKS)).toEqual([
        expect.objectContaining({
          metric: 'site',
          limit: '8KiB',
          status: 'fail',
          site: 'app/store.py:4',
        }),
      ]);
      expect(result.report!.budgets.filter((b) => b.scenario.endsWith('test_plain'))).toEqual([]);
      expect(result.report!.verdict).toBe('fail');
      // Each marker's row says the marker as written, and the measure it limits.
      expect(result.stdout).toMatch(
        /allocdiff\(retained="\+10KB"\) \(retained\)\s+tests\/test_app\.py::test_grows\s+\+10KB.*fail/,
      );
      expect(result.stdout).toMatch(
        /limit_memory\("100 KB"\) \(peak\)\s+tests\/test_app\.py::test_peak\s+100KiB.*fail/,
      );
      // The comment's budgets table: the test's node id (escaped as code), the limit as judged.
      expect(result.markdown).toContain(
        '| <code>limit_leaks("8 KB")</code> (site) | <code>tests/test_app.py::test_leaks</code> | 8KiB |',
      );
    },
  );

  it.skipIf(!memrayAbsent)('passes the same markers where the tests stay within them', async () => {
    const repo = repoOf(suite(1), suite(1));
    const result = await pytestRun(repo.dir);
    expect(result.code, result.stderr).toBe(0);
    const statuses = result.report!.budgets.map((b) => [b.scenario, b.metric, b.status]);
    expect(statuses).toEqual([
      [GROWS, 'retained', 'pass'],
      [PEAK, 'peak', 'pass'],
      [LEAKS, 'site', 'pass'],
    ]);
  });

  it("holds a test to base's marker when head loosens it", async () => {
    const markers = (peak: string) => ({
      grows: '',
      peak: `@pytest.mark.allocdiff(peak="${peak}")`,
      leaks: '',
    });
    const repo = repoOf(suite(1, markers('100KB')), suite(4, markers('1GB')));
    const result = await pytestRun(repo.dir);
    expect(result.code, result.stderr).toBe(1);
    expect(result.report!.budgets.map((b) => [b.scenario, b.limit, b.status])).toEqual([
      [PEAK, '100KB', 'fail'],
      [PEAK, '1GB', 'pass'],
    ]);
    expect(result.report!.verdict).toBe('fail');
  });

  it("holds a test to its ceiling markers on head's own figures, whether or not they changed", async () => {
    // The same code on both sides: a test that keeps 5 KB per call, one that keeps about 3 KB at
    // one line, and one that leaks without a marker. Head adds ceiling markers to the first two.
    const tests = (keeps: string, holds: string) => ({
      'app/__init__.py': '',
      'app/store.py':
        'STORE = []\nHELD = []\n\ndef keep():\n    STORE.append(bytearray(5000))\n\n' +
        'def hold(n):\n    HELD.extend(bytearray(100) for _ in range(n))\n',
      'tests/test_app.py':
        'import pytest\nfrom app.store import hold, keep\n\n' +
        `${keeps}\ndef test_keeps():\n    keep()\n\n` +
        `${holds}\ndef test_holds():\n    hold(20)\n\n` +
        'def test_unmarked():\n    keep()\n',
    });
    const repo = repoOf(
      tests('', ''),
      tests('@pytest.mark.allocdiff(leak="1KB")', '@pytest.mark.limit_leaks("1 KB")'),
    );
    const result = await pytestRun(repo.dir);
    expect(result.code, result.stderr).toBe(1);
    const budgets = result.report!.budgets;
    // The leak check measured the marked test although its figures did not change: over 1KB.
    expect(budgets.filter((b) => b.scenario === 'tests/test_app.py::test_keeps')).toEqual([
      expect.objectContaining({ metric: 'leak', limit: '1KB', status: 'fail' }),
    ]);
    // What head holds at app/store.py:8 (20 bytearrays), unchanged from base, is over 1 KiB.
    expect(budgets.filter((b) => b.scenario === 'tests/test_app.py::test_holds')).toEqual([
      expect.objectContaining({
        metric: 'site',
        limit: '1KiB',
        status: 'fail',
        site: 'app/store.py:8',
        rule: 'limit_leaks("1 KB")',
      }),
    ]);
    expect(result.report!.warnings).toEqual([]);
    // Only the test whose marker asks for the leak check is measured in depth.
    expect(result.stderr + result.stdout).toContain(
      '1 test measured in depth for its leak budget markers, changed or not: ' +
        'tests/test_app.py::test_keeps',
    );
    const scenario = (name: string) =>
      result.report!.scenarios.find((s) => s.name === `tests/test_app.py::${name}`);
    expect(scenario('test_keeps')?.leak?.head).toBeGreaterThan(5000);
    expect(scenario('test_unmarked')?.leak).toBeUndefined();
  });

  it('leads with the budget furthest over, and folds the many that hold in the comment', async () => {
    // Fourteen tests under one rule: a small failure first in the file, a large one last.
    // Head changes the line test_small's growth comes from (a culprit the retention paths name),
    // and only the argument test_big passes.
    const suiteOf = (small: number, big: number) => ({
      'app/__init__.py': '',
      'app/store.py':
        `SMALL = []\nBIG = []\n\ndef small(n):\n    SMALL.extend(bytearray(100) for _ in range(n * ${small}))\n\n` +
        'def big(n):\n    BIG.extend(bytearray(1000) for _ in range(n))\n',
      'tests/test_app.py':
        'from app.store import big, small\n\n' +
        'def test_small():\n    small(1)\n\n' +
        Array.from(
          { length: 12 },
          (_, i) => `def test_plain_${i}():\n    assert ${i} >= 0\n\n`,
        ).join('') +
        `def test_big():\n    big(${big})\n`,
    });
    const repo = repoOf(suiteOf(1, 1), suiteOf(20, 60));
    const result = await pytestRun(repo.dir, '--budget', 'retained: +1KB');
    expect(result.code, result.stderr).toBe(1);
    const failed = result.report!.budgets.filter((b) => b.status === 'fail');
    expect(failed.map((b) => b.scenario)).toEqual([
      'tests/test_app.py::test_small',
      'tests/test_app.py::test_big',
    ]);
    // The verdict names the budget furthest over (about 60 KB), not the first in test order.
    const verdict = result.markdown!.split('\n').find((line) => line.startsWith('❌'))!;
    expect(verdict).toMatch(
      /\*\*Over budget:\*\* retained memory of <code>tests\/test_app\.py::test_big<\/code>/,
    );
    // test_small's changed line is found keeping its memory, but it does not lead test_big's
    // failure: its kept-alive block says it.
    expect(verdict).not.toContain('Caused by');
    expect(result.report!.scenarios.find((s) => s.name.endsWith('test_small'))?.retention).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ culprit: expect.objectContaining({ file: 'app/store.py' }) }),
      ]),
    );
    expect(result.stdout).toMatch(
      /FAIL: .*memory budget exceeded: retained of tests\/test_app\.py::test_big is \+6\d\.\d KB/,
    );
    // The comment's budgets table: the failures first, the twelve passes counted, not listed.
    const table = result.markdown!.split('#### Budgets')[1]!;
    const rows = table.split('\n').filter((line) => line.startsWith('| retained |'));
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.includes('❌ fail'))).toBe(true);
    expect(table).toContain('12 more budgets hold, not listed');
  });

  it('stops with exit status 2 on an unknown marker argument, naming the test and the argument', async () => {
    const typo = { grows: '@pytest.mark.allocdiff(retianed="+10KB")' };
    const repo = repoOf(suite(1), suite(1, typo));
    const result = await pytestRun(repo.dir);
    expect(result.code, result.stdout).toBe(2);
    expect(result.stderr).toContain(
      `test ${GROWS}: @pytest.mark.allocdiff(retianed="+10KB"): unknown argument "retianed"; ` +
        'allocdiff takes keyword arguments peak, retained, site, leak, count',
    );
  });
});

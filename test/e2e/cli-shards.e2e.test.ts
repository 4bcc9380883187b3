// A suite split across runners through the CLI (`--shard K/N`): a script's `bench_*` functions
// and a pytest suite (`--command pytest`), three shards each. Every scenario is in exactly one
// shard, the one its name falls to; the tests of other shards never run; the three reports pass
// the merge's checks and merge into one with every scenario.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shardOfName } from '../../src/capture/shard.js';
import { mergeShardReports, shardProblems } from '../../src/publish/merge-mode.js';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { pytestAvailable, runCommand, testTemp } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];
const repoOf = repoMaker(cleanup);

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in `dir` for shard `shard` with `args`; its JSON report. */
async function shardRun(
  dir: string,
  shard: string,
  args: string[],
): Promise<{ report: Report; stdout: string; stderr: string }> {
  const out = join(testTemp(), `report-${shard.replace('/', '-of-')}-${Date.now()}.json`);
  const { code, stdout, stderr } = await runCommand(
    declaredNode(),
    [CLI, '--base', 'HEAD~1', '--shard', shard, '--json', out, ...args],
    { cwd: dir },
  );
  expect(code, stderr).toBe(0);
  return { report: JSON.parse(readFileSync(out, 'utf8')) as Report, stdout, stderr };
}

/** The three shards' reports checked and merged as `mode: merge` does. */
function merged(reports: Report[]): Report {
  const shards = reports.map((report, i) => ({
    shard: { index: i + 1, count: 3 },
    artifact: `shard-${i + 1}`,
    report,
  }));
  expect(shardProblems(3, shards)).toEqual([]);
  return mergeShardReports(3, shards, []);
}

describe('the CLI with --shard', () => {
  it('measures a script’s functions of its shard only, and the shards merge into one', async () => {
    const names = Array.from({ length: 9 }, (_, i) => `bench_${String.fromCharCode(97 + i)}`);
    const bench = (grown: boolean) =>
      [
        'kept = []',
        ...names.map(
          (name, i) =>
            `def ${name}():\n    kept.append(bytearray(${grown && i === 4 ? 90_000 : 30_000}))\n`,
        ),
      ].join('\n');
    const repo = repoOf({ 'bench.py': bench(false) }, { 'bench.py': bench(true) });
    const runs = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      runs.push(await shardRun(repo.dir, shard, ['--script', 'bench.py', '--repeats', '1']));
    }
    runs.forEach(({ report, stderr }, i) => {
      expect(report.shard).toMatchObject({ index: i + 1, count: 3 });
      expect(report.scenarios.map((s) => s.name).sort()).toEqual(
        names.filter((name) => shardOfName(name, 3) === i + 1),
      );
      expect(stderr).toContain(`shard ${i + 1}/3: only the scenarios whose name falls to shard`);
    });
    const report = merged(runs.map((r) => r.report));
    expect(report.scenarios.map((s) => s.name).sort()).toEqual(names);
    const grew = report.scenarios.filter((s) => (s.retained.delta ?? 0) > 50_000);
    expect(grew.map((s) => s.name)).toEqual([names[4]]);
  });

  it('refuses a shard that is not K/N of at most 256, naming the flag', async () => {
    const repo = repoOf({ 'bench.py': 'x = 1\n' }, { 'bench.py': 'x = 2\n' });
    for (const bad of ['4/3', '0/2', '1/300', 'two']) {
      const { code, stderr } = await runCommand(
        declaredNode(),
        [CLI, '--base', 'HEAD~1', '--shard', bad, '--script', 'bench.py'],
        { cwd: repo.dir },
      );
      expect(code).toBe(2);
      expect(stderr).toContain(`--shard: got "${bad}"; expected K/N`);
    }
  });

  it.skipIf(!pytestAvailable)(
    'runs each pytest test in exactly one shard, never the others, and merges them',
    async () => {
      // Each test notes its name in a file outside the checkouts when it runs, on either side.
      const ran = join(testTemp(), `ran-${Date.now()}.txt`);
      const cases = 8;
      const suite = (size: number) => ({
        'tests/conftest.py':
          'import os\n\n\ndef pytest_runtest_call(item):\n' +
          `    with open(${JSON.stringify(ran)}, "a") as f:\n` +
          '        f.write(item.nodeid + "\\n")\n',
        'tests/test_sizes.py':
          'import pytest\n\nKEPT = []\n\n\n' +
          `@pytest.mark.parametrize("n", range(${cases}))\n` +
          `def test_keep(n):\n    KEPT.append(bytearray(${size} if n == 3 else 1000))\n\n\n` +
          'def test_café():\n    KEPT.append(bytearray(500))\n',
      });
      const repo = repoOf(suite(1000), suite(200_000));
      const tests = [
        ...Array.from({ length: cases }, (_, n) => `tests/test_sizes.py::test_keep[${n}]`),
        'tests/test_sizes.py::test_café',
      ];
      const runs = [];
      for (const [i, shard] of ['1/3', '2/3', '3/3'].entries()) {
        if (existsSync(ran)) rmSync(ran);
        const run = await shardRun(repo.dir, shard, [
          '--command',
          'python3 -m pytest -q -p no:cacheprovider tests',
          '--repeats',
          '1',
        ]);
        const mine = tests.filter((name) => shardOfName(name, 3) === i + 1);
        const measured = run.report.scenarios.filter((s) => s.kind === 'test').map((s) => s.name);
        expect(measured.sort()).toEqual([...mine].sort());
        // Only this shard's tests ran, on base and on head.
        const noted = existsSync(ran) ? readFileSync(ran, 'utf8').split('\n').filter(Boolean) : [];
        expect([...new Set(noted)].sort()).toEqual([...mine].sort());
        runs.push(run.report);
      }
      const report = merged(runs);
      const all = report.scenarios.filter((s) => s.kind === 'test').map((s) => s.name);
      expect(all.sort()).toEqual([...tests].sort());
      expect(new Set(all).size).toBe(all.length);
      const grew = report.scenarios.filter((s) => (s.retained.delta ?? 0) > 100_000);
      expect(grew.map((s) => s.name)).toEqual([tests[3]]);
    },
  );
});

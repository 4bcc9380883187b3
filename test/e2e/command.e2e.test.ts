// Command mode through the bundled CLI: real git, real python3, every Python process of the
// command measured through the injected sitecustomize.
import { spawnSync } from 'node:child_process';
import { pytestAvailable, runCommand, testTemp } from '../support/run-cli.js';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

/** Runs the CLI and reads the JSON report it wrote (if any). */
async function cli(cwd: string, ...args: string[]) {
  const json = join(cwd, '..', `${cwd.split('/').pop()}-${cleanup.length}.json`);
  cleanup.push(json);
  const { code, stdout, stderr } = await runCommand(
    declaredNode(),
    [CLI, '--json', json, ...args],
    {
      cwd,
    },
  );
  let report: Report | undefined;
  try {
    report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  } catch {
    report = undefined;
  }
  return { code, stdout, stderr, report };
}

// `setarch -R` (see src/capture/side-runner.ts) is what makes whole-process peaks exact.
const fixedAddressesAvailable = spawnSync('setarch', ['-R', 'true']).status === 0;

const base = {
  'pkg/__init__.py': '',
  'pkg/cache.py': 'CACHE = {}\n\ndef fill(n):\n    for i in range(n):\n        CACHE[i] = str(i)\n',
  'pkg/bench.py': 'from pkg.cache import fill\n\nfill(1000)\n',
};
const head = {
  ...base,
  // Two lines above the site moved it; the benchmark now fills five times as much.
  'pkg/cache.py':
    '"""A cache."""\n\nCACHE = {}\n\ndef fill(n):\n    for i in range(n):\n        CACHE[i] = str(i)\n',
  'pkg/bench.py': 'from pkg.cache import fill\n\nfill(5000)\n',
};

describe('allocdiff --command', () => {
  it('measures "python3 -m pkg.bench" on base and head and compares it by site', async () => {
    const repo = repoOf(base, head);
    const result = await cli(repo.dir, '--base', 'HEAD~1', '--command', 'python3 -m pkg.bench');
    expect(result.code, result.stderr).toBe(0);
    const [scenario] = result.report!.scenarios;
    expect(scenario).toMatchObject({ name: '-m pkg.bench', status: 'ok' });
    // The site moved from line 5 to line 7: matched, not "removed here, added there".
    const site = scenario.sites.find((s) => s.file === 'pkg/cache.py' && s.line === 7);
    expect(site).toMatchObject({ baseLine: 5 });
    // 4000 more short strings: well over 100 KB more retained.
    expect(site!.sizeDelta).toBeGreaterThan(4000 * 40);
    expect(scenario.retained.delta).toBeGreaterThan(4000 * 40);
    expect(result.stdout).toContain('-m pkg.bench');
  });

  it('measures a Python subprocess the command starts as its own scenario', async () => {
    const files = {
      'run.py':
        'import subprocess, sys\nsubprocess.run([sys.executable, "worker.py"], check=True)\n',
      'worker.py': 'ROWS = [bytearray(500) for _ in range(100)]\n',
    };
    const grown = { ...files, 'worker.py': 'ROWS = [bytearray(500) for _ in range(300)]\n' };
    const repo = repoOf(files, grown);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--command',
      'echo starting; python3 run.py',
      '--budget',
      'retained: +10KB',
    );
    expect(result.code, result.stderr).toBe(1);
    const names = result.report!.scenarios.map((s) => s.name).sort();
    expect(names).toEqual(['run.py', 'worker.py']);
    const worker = result.report!.scenarios.find((s) => s.name === 'worker.py')!;
    expect(worker.retained.delta).toBeGreaterThan(200 * 500);
    expect(result.stdout).toMatch(/retained\s+worker\.py\s+\+10KB.*fail/);
  });

  it.skipIf(!pytestAvailable)(
    'makes each pytest test a scenario named by its node id',
    async () => {
      const tests = (count: number) => ({
        'app/__init__.py': '',
        'app/store.py': `STORE = []\n\ndef remember(n):\n    STORE.extend(bytearray(100) for _ in range(n))\n`,
        'tests/test_perf.py':
          'from app.store import remember\n\n' +
          `def test_big():\n    remember(${count})\n\n` +
          'def test_small():\n    data = [0] * 1000\n    assert len(data) == 1000\n',
      });
      const repo = repoOf(tests(100), tests(400));
      const result = await cli(
        repo.dir,
        '--base',
        'HEAD~1',
        '--command',
        'python3 -m pytest -q -p no:cacheprovider tests',
      );
      expect(result.code, result.stderr).toBe(0);
      const byName = new Map(result.report!.scenarios.map((s) => [s.name, s]));
      expect([...byName.keys()]).toEqual([
        'tests/test_perf.py::test_big',
        'tests/test_perf.py::test_small',
      ]);
      const big = byName.get('tests/test_perf.py::test_big')!;
      expect(big.retained.delta).toBeGreaterThan(300 * 100);
      expect(big.sites[0]).toMatchObject({ file: 'app/store.py', line: 4 });
      expect(byName.get('tests/test_perf.py::test_small')!.retained.delta).toBe(0);
      expect(result.stdout).toContain('tests/test_perf.py::test_big');
    },
  );

  it.skipIf(!fixedAddressesAvailable)(
    'measures an unchanged command exactly: no difference at all, peaks included',
    async () => {
      const files = {
        'tests/test_work.py':
          'import json, re\n\ndef test_work():\n' +
          '    rows = [{"id": i, "name": "x" * (i % 7)} for i in range(2000)]\n' +
          '    assert re.findall(r"\\d+", json.dumps(rows))\n',
        'bench.py': 'import json, re\nDATA = json.dumps([str(i) for i in range(3000)])\n',
      };
      const repo = repoOf(files, files);
      const steps = pytestAvailable
        ? 'python3 -m pytest -q -p no:cacheprovider tests && python3 bench.py'
        : 'python3 bench.py';
      const result = await cli(repo.dir, '--base', 'HEAD~1', '--command', steps);
      expect(result.code, result.stderr).toBe(0);
      const scenarios = result.report!.scenarios;
      expect(scenarios.length).toBe(pytestAvailable ? 2 : 1);
      for (const scenario of scenarios) {
        expect(scenario.peak.base, scenario.name).toBeGreaterThan(100_000);
        expect([scenario.name, scenario.peak.delta, scenario.retained.delta]).toEqual([
          scenario.name,
          0,
          0,
        ]);
        expect(scenario.sites.filter((site) => site.sizeDelta !== 0)).toEqual([]);
      }
    },
  );

  it('reports a command that fails on head, with its exit code, and still shows base', async () => {
    const good = { 'bench.py': 'DATA = [str(i) for i in range(1000)]\n' };
    const broken = {
      'bench.py': 'DATA = [str(i) for i in range(1000)]\nimport sys\nsys.exit(4)\n',
    };
    const repo = repoOf(good, broken);
    const result = await cli(repo.dir, '--base', 'HEAD~1', '--command', 'python3 bench.py');
    expect(result.code).toBe(3);
    const scenarios = result.report!.scenarios;
    const failed = scenarios.find((s) => s.name === 'python3 bench.py');
    expect(failed).toMatchObject({
      status: 'failed',
      error: { side: 'head', type: 'CommandFailed', message: 'the command exited with code 4' },
    });
    // Base's measurement is still there to see.
    const measured = scenarios.find((s) => s.name === 'bench.py');
    expect(measured?.retained.base).toBeGreaterThan(1000 * 40);
    expect(result.stdout).toContain('the command exited with code 4');
  });

  it('shows a command that failed on both sides as not measured, never as 0 B', async () => {
    const broken = (extra: string) => ({
      'bench.py': `DATA = [str(i) for i in range(1000)]${extra}\nimport sys\nsys.exit(4)\n`,
    });
    const repo = repoOf(broken(''), broken('  # same'));
    const result = await cli(repo.dir, '--base', 'HEAD~1', '--command', 'python3 -m bench');
    expect(result.code).toBe(3);
    const failed = result.report!.scenarios.find((s) => s.name === 'python3 -m bench')!;
    expect(failed.status).toBe('failed');
    expect([
      failed.peak.base,
      failed.peak.head,
      failed.retained.base,
      failed.retained.head,
    ]).toEqual([null, null, null, null]);
    const row = result.stdout.split('\n').find((line) => line.startsWith('python3 -m bench '))!;
    expect(row).toMatch(/failed$/);
    expect(row).not.toContain('0 B');
    // The process the command ran (`-m bench`) measured alike on both sides: named as a process;
    // the command that failed is counted as failed, not as changed.
    expect(result.stdout).toContain('1 process unchanged, 0 changed, 1 failed');
  });

  it('stops a command that runs past timeout-minutes, subprocesses too, and still shows base', async () => {
    const good = { 'bench.py': 'DATA = [str(i) for i in range(1000)]\n' };
    const hanging = {
      'bench.py':
        'import subprocess, sys, time\n' +
        'DATA = [str(i) for i in range(1000)]\n' +
        'subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])\n' +
        'time.sleep(600)\n',
    };
    const repo = repoOf(good, hanging);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--command',
      'python3 bench.py',
      '--timeout-minutes',
      '0.1',
    );
    // The benchmark sleeps ten minutes: only the deadline ends it within the test's time.
    expect(result.code, result.stderr).toBe(3);
    const scenarios = result.report!.scenarios;
    expect(scenarios.find((s) => s.name === 'python3 bench.py')).toMatchObject({
      status: 'failed',
      error: {
        side: 'head',
        type: 'TimedOut',
        message: 'the command timed out after 0.1 min and was killed',
      },
    });
    expect(scenarios.find((s) => s.name === 'bench.py')?.retained.base).toBeGreaterThan(1000 * 40);
  });

  it('reports a Python error in the command as that process failing on its side', async () => {
    const good = { 'bench.py': 'DATA = [1] * 100\n' };
    const broken = { 'bench.py': 'DATA = [1] * 100\nraise KeyError("missing")\n' };
    const repo = repoOf(broken, good);
    const result = await cli(repo.dir, '--base', 'HEAD~1', '--command', 'python3 bench.py');
    // Only base failed: nothing to compare against, a warning, not a failure.
    expect(result.code, result.stderr).toBe(0);
    const [scenario] = result.report!.scenarios;
    expect(scenario).toMatchObject({
      name: 'bench.py',
      status: 'failed',
      error: { side: 'base', type: 'KeyError' },
    });
    expect(scenario.error?.output).toContain('KeyError');
  });

  it('runs the command where the CLI was pointed, inside each checkout', async () => {
    const files = { 'sub/bench.py': 'DATA = [0] * 1000\n', 'README.md': 'x\n' };
    const repo = repoOf(files, files);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--repo',
      'sub',
      '--command',
      'python3 bench.py',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.report!.scenarios.map((s) => s.name)).toEqual(['sub/bench.py']);
  });

  it('exits 2 when the command measures nothing, and on script and command together', async () => {
    const repo = repoOf({ 'a.txt': 'a\n' }, { 'a.txt': 'b\n' });
    const nothing = await cli(repo.dir, '--base', 'HEAD~1', '--command', 'echo no python here');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('command "echo no python here" measured nothing');
    const both = await cli(repo.dir, '--base', 'HEAD~1', '--command', 'true', '--script', 'a.py');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--command: cannot be given with --script');
    const neither = await cli(repo.dir, '--base', 'HEAD~1');
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--script or --command is required');
  });
});

describe('allocdiff --command with frames > 1: tracebacks of the changed sites', () => {
  const store = '_kept = []\n\n\ndef remember(size):\n    _kept.append(bytearray(size))\n';
  const bench = (size: number) =>
    `from app.store import remember\n\n\ndef load():\n    remember(${size})\n\n\nload()\n`;
  const files = (size: number) => ({
    'app/__init__.py': '',
    'app/store.py': store,
    'bench.py': bench(size),
  });

  /** The CLI with a Markdown comment too; what it logged, its report and its comment. */
  async function traced(repoDir: string, ...args: string[]) {
    const markdown = join(repoDir, '..', `${repoDir.split('/').pop()}-${cleanup.length}.md`);
    cleanup.push(
      markdown,
      markdown.replace(/\.md$/, '.summary.md'),
      markdown.replace(/\.md$/, '.html'),
    );
    const result = await cli(repoDir, '--base', 'HEAD~1', '--markdown', markdown, ...args);
    return {
      ...result,
      log: result.stdout + result.stderr,
      comment: readFileSync(markdown, 'utf8'),
    };
  }

  it('shows the call path of a changed site in the comment and JSON, the figures unchanged', async () => {
    const repo = repoOf(files(1_000), files(200_000));
    const command = ['--command', 'python3 bench.py'];
    const withFrames = await traced(repo.dir, ...command, '--frames', '5');
    expect(withFrames.code, withFrames.log).toBe(0);
    expect(withFrames.log).not.toContain('allocdiff-harness');
    expect(withFrames.log).not.toContain('no tracebacks');
    // The measuring runs trace one frame; only the traced run (head's: base has no site to
    // trace) pays for five.
    const framesTraced = [...withFrames.log.matchAll(/under tracemalloc \(frames: (\d+)\)/g)];
    expect(framesTraced.map((match) => match[1]).sort()).toEqual([
      ...Array<string>(framesTraced.length - 1).fill('1'),
      '5',
    ]);
    expect(framesTraced.length).toBeGreaterThanOrEqual(3);
    const [scenario] = withFrames.report!.scenarios;
    const site = scenario.sites.find((s) => s.file === 'app/store.py' && s.line === 5)!;
    expect(site.sizeDelta).toBeGreaterThan(190_000);
    expect(site.tracebackSide).toBe('head');
    // From the script's top level down to the site: the callers are named.
    expect(site.tracebacks![0].frames.map((f) => `${f.file}:${f.line} ${f.function}`)).toEqual([
      'bench.py:8 <module>',
      'bench.py:5 load',
      'app/store.py:5 remember',
    ]);
    expect(site.tracebacks![0].size).toBeGreaterThan(190_000);
    expect(withFrames.comment).toContain(
      '🧵 Tracebacks of 1 changed site in <code>bench.py</code>',
    );
    expect(withFrames.comment).toContain(
      '  File "bench.py", line 5, in load\n    remember(200000)',
    );

    // An aid only: the figures are those of a run without tracebacks.
    const without = await traced(repo.dir, ...command);
    expect(without.code, without.log).toBe(0);
    const [plain] = without.report!.scenarios;
    expect(plain.sites[0].tracebacks).toBeUndefined();
    expect(scenario.retained).toEqual(plain.retained);
    expect(scenario.sites.map((s) => [s.file, s.line, s.baseSize, s.headSize])).toEqual(
      plain.sites.map((s) => [s.file, s.line, s.baseSize, s.headSize]),
    );
    if (fixedAddressesAvailable) expect(scenario.peak).toEqual(plain.peak);
  });

  it('warns and reports the same figures when the traceback pass fails', async () => {
    const repo = repoOf(files(1_000), files(200_000));
    // Fails only in the traced run (the only one given a site list).
    // (The variable is blank, as many spaces as a path, outside the traced run.)
    const command = 'python3 bench.py && test -z "$(echo $ALLOCDIFF_TRACEBACK_SITES)"';
    const result = await traced(repo.dir, '--command', command, '--frames', '5');
    expect(result.code, result.log).toBe(0);
    expect(result.log).toContain('no tracebacks: the command exited with code 1');
    const [scenario] = result.report!.scenarios;
    expect(scenario).toMatchObject({ name: 'bench.py', status: 'ok' });
    expect(scenario.sites[0]).toMatchObject({ file: 'app/store.py', line: 5 });
    expect(scenario.sites[0].sizeDelta).toBeGreaterThan(190_000);
    expect(scenario.sites[0].tracebacks).toBeUndefined();
    expect(result.comment).not.toContain('🧵');
  });

  it.skipIf(!pytestAvailable)(
    'gives each pytest test its own call path to a changed site',
    async () => {
      const tests = (size: number) => ({
        'app/__init__.py': '',
        'app/store.py': store,
        'tests/test_store.py':
          'from app.store import remember\n\n\n' +
          `def test_direct():\n    remember(${size})\n\n\n` +
          `def fill():\n    remember(${2 * size})\n\n\n` +
          'def test_through_a_helper():\n    fill()\n',
      });
      const repo = repoOf(tests(1_000), tests(100_000));
      const result = await traced(
        repo.dir,
        '--command',
        'python3 -m pytest -q -p no:cacheprovider tests',
        '--frames',
        '4',
      );
      expect(result.code, result.log).toBe(0);
      expect(result.log).not.toContain('no tracebacks');
      const pathOf = (name: string) => {
        const scenario = result.report!.scenarios.find((s) => s.name === name)!;
        const site = scenario.sites.find((s) => s.file === 'app/store.py' && s.line === 5)!;
        expect(site.tracebackSide, name).toBe('head');
        return site.tracebacks![0].frames.map((f) => `${f.file}:${f.line} ${f.function}`);
      };
      // The innermost frames (the limit cuts pytest's own above them), each test's own.
      expect(pathOf('tests/test_store.py::test_direct').slice(-2)).toEqual([
        'tests/test_store.py:5 test_direct',
        'app/store.py:5 remember',
      ]);
      expect(pathOf('tests/test_store.py::test_through_a_helper').slice(-3)).toEqual([
        'tests/test_store.py:13 test_through_a_helper',
        'tests/test_store.py:9 fill',
        'app/store.py:5 remember',
      ]);
      expect(result.comment).toContain(
        '🧵 Tracebacks of 1 changed site in <code>tests/test_store.py::test_direct</code>',
      );
    },
  );
});

describe('one run of setup and of the command per side', () => {
  it('measures a process that differed with further runs of the command: its repeats', async () => {
    const repo = repoOf(base, head);
    const shapes = join(testTemp(), `${repo.dir.split('/').pop()}-runs`);
    mkdirSync(shapes);
    cleanup.push(shapes);
    // Each run of the command writes the shape of its environment, each variable's name and
    // length, to a file of its own (the sides may run at the same time).
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--command',
      `env | awk '{ n = index($0, "="); print substr($0, 1, n), length($0) - n }' | sort` +
        ` > "$(mktemp '${shapes}/run.XXXXXX')" && python3 -m pkg.bench`,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.report!.scenarios[0].retained.delta).toBeGreaterThan(4000 * 40);
    // Per side: the first run, then 3 measurements in depth (the default repeats).
    const runs = readdirSync(shapes).map((file) => readFileSync(join(shapes, file), 'utf8'));
    expect(runs.length).toBe(8);
    expect(result.report!.environment.repeats).toBe(3);
    expect(result.report!.scenarios[0].repeats).toEqual({ base: 3, head: 3 });
    // Every run, of either side, in either pass, starts from an environment of one shape (the
    // two checkouts' paths have equal lengths): where the interpreter's objects land, and with
    // it a whole process's peak, is the same in each.
    expect(runs[0]).toMatch(/^ALLOCDIFF_REPEATS= 10$/m);
    for (const run of runs) expect(run).toBe(runs[0]);
    // So retained memory and the peak are exact in every repeat.
    const scenario = result.report!.scenarios[0];
    expect(scenario.retained.baseRange ?? scenario.retained.headRange).toBeUndefined();
    if (fixedAddressesAvailable)
      expect(scenario.peak.baseRange ?? scenario.peak.headRange).toBeUndefined();
    expect(result.stdout + result.stderr).toContain('Measuring in depth');
  });

  it.each([
    ['a script', ['--script', 'pkg/bench.py']],
    ['a command', ['--command', 'python3 -m pkg.bench']],
  ])(
    'runs setup once per side with %s, though a deeper pass measures again',
    async (_what, benchmark) => {
      const repo = repoOf(base, head);
      // A setup that cannot run twice in one checkout.
      const result = await cli(
        repo.dir,
        '--base',
        'HEAD~1',
        ...benchmark,
        '--setup',
        'mkdir mybuild',
      );
      expect(result.code, result.stderr).toBe(0);
      const [scenario] = result.report!.scenarios;
      expect(scenario.status).toBe('ok');
      expect(scenario.retained.delta).toBeGreaterThan(4000 * 40);
    },
  );
});

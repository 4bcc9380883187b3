// The CLI stopped mid-run by Ctrl-C (SIGINT) or a SIGTERM: the benchmark and what it started
// are killed, the checkouts and temporary folders are removed, and the exit code says which
// signal stopped it. Stopped after both sides' first runs, it writes its reports from them,
// marked as stopped.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepoFromTrees } from '../../scripts/example-repo.mjs';
import { pytestAvailable, runCommand } from '../support/run-cli.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { writeTree } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

/** The processes whose command line holds `token`, by pid. */
function processesWith(token: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(join('/proc', entry, 'cmdline'), 'utf8');
    } catch {
      continue; // Gone meanwhile.
    }
    if (cmdline.includes(token)) found.push(Number(entry));
  }
  return found;
}

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A benchmark that starts a process of its own (its command line holds `token`) and then waits
 * far longer than the test: only the signal's cleanup can end either.
 */
function sleepingBenchmark(token: string): string {
  return [
    'import subprocess, sys, time',
    `subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", "${token}"])`,
    'print("benchmark started", flush=True)',
    'time.sleep(600)',
    '',
  ].join('\n');
}

/**
 * A pytest suite whose one test starts a process of its own and waits, as `sleepingBenchmark`
 * does; head changes the module it imports, so the test is selected (by default) and runs.
 */
function sleepingSuite(token: string, size: number): Record<string, string> {
  return {
    'pkg/__init__.py': '',
    'pkg/mod.py': `def make():\n    return [0] * ${size}\n`,
    'tests/test_sleep.py': [
      'import subprocess, sys, time',
      'from pkg.mod import make',
      '',
      '',
      'def test_sleep():',
      '    make()',
      `    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", "${token}"])`,
      '    print("benchmark started", file=sys.stderr, flush=True)',
      '    time.sleep(600)',
      '',
    ].join('\n'),
  };
}

const CASES = [
  ['SIGINT', 130, 'script'],
  ['SIGTERM', 143, 'script'],
  // pytest mode, with the tests selected (the default): stopped while base's reads are
  // recorded and both sides' pytest sessions wait, started ahead.
  ...(pytestAvailable ? ([['SIGTERM', 143, 'pytest']] as const) : []),
] as const;

describe.each(CASES)('allocdiff CLI stopped by %s (%s, %s)', (signal, code, kind) => {
  it(`kills the benchmark, leaves no checkout or temporary folder, and exits ${code}`, async () => {
    const token = `allocdiff-interrupt-${signal}-${kind}-${process.pid}-${Date.now()}`;
    const trees =
      kind === 'script'
        ? [
            writeTree({ 'bench.py': sleepingBenchmark(token) }),
            writeTree({ 'bench.py': `${sleepingBenchmark(token)}data = [0] * 1000\n` }),
          ]
        : [writeTree(sleepingSuite(token, 10)), writeTree(sleepingSuite(token, 1000))];
    const repo = createRepoFromTrees(trees);
    const temp = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-interrupt-'));
    cleanup.push(...trees, repo.dir, temp);

    const benchmark =
      kind === 'script'
        ? ['--script', 'bench.py', '--repeats', '1']
        : ['--command', 'python3 -m pytest -q -s -p no:cacheprovider tests'];
    const child = spawn(declaredNode(), [CLI, '--base', 'HEAD~1', ...benchmark], {
      cwd: repo.dir,
      env: { ...process.env, TMPDIR: temp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await until(() => stderr.includes('benchmark started'), 'the benchmark to start');
      await until(() => processesWith(token).length > 0, 'the benchmark’s own process');
      // While it runs, the checkouts and the report's folder are in the temporary folder.
      expect(readdirSync(temp).length).toBeGreaterThan(0);
      child.kill(signal);
      const exitCode = await exited;

      expect(exitCode, stderr).toBe(code);
      expect(stderr).toContain(signal === 'SIGINT' ? 'interrupted' : 'terminated');
      expect(stderr).toContain('allocdiff: stopped; nothing was left behind');
      // Stopped before both sides' first runs ended: nothing to compare, and the log says so.
      expect(stderr).toContain('stopped before either side was measured: no report is written');
      // No stack trace: the signal ends the run as allocdiff's own, not as an uncaught error.
      expect(stderr).not.toMatch(/RunFailure|^\s+at /m);
      expect(stderr).not.toMatch(/JSON report:/);
      expect(processesWith(token)).toEqual([]);
      expect(readdirSync(temp)).toEqual([]);
      const worktrees = await runCommand('git', ['worktree', 'list', '--porcelain'], {
        cwd: repo.dir,
      });
      expect(worktrees.stdout.match(/^worktree /gm)).toHaveLength(1);
    } finally {
      // What a failing run left: the CLI, the benchmark (its command line names the checkout in
      // `temp`) and the process it started.
      child.kill('SIGKILL');
      for (const pid of [...processesWith(token), ...processesWith(temp)]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
    }
  }, 120_000);
});

/**
 * A pytest suite of `count` tests whose first call is quick and whose further calls (the deep
 * pass's repeats and leak check) each take 0.3 s: the first run of both sides ends in seconds,
 * their deep passes take half a minute. Head's module keeps more per call, so every test
 * differs and is measured in depth.
 */
function slowDeepSuite(keep: number, count: number): Record<string, string> {
  const tests = Array.from({ length: count }, (_, index) =>
    [`def test_t${index}():`, `    _slow_after_first("t${index}")`, `    make()`, ''].join('\n'),
  );
  return {
    'pkg/__init__.py': '',
    'pkg/mod.py': `_KEPT = []\n\n\ndef make():\n    _KEPT.append([0] * ${keep})\n`,
    'tests/test_slow.py': [
      'import time',
      'from pkg.mod import make',
      '',
      '_CALLS = {}',
      '',
      '',
      'def _slow_after_first(name):',
      '    _CALLS[name] = _CALLS.get(name, 0) + 1',
      '    if _CALLS[name] > 1:',
      '        time.sleep(0.3)',
      '',
      '',
      ...tests,
    ].join('\n'),
  };
}

describe.runIf(pytestAvailable)('allocdiff CLI stopped by SIGTERM during the deep pass', () => {
  it("writes the first runs' comparison, marked as stopped, and exits 143", async () => {
    const count = 12;
    const trees = [writeTree(slowDeepSuite(10, count)), writeTree(slowDeepSuite(500, count))];
    const repo = createRepoFromTrees(trees);
    const temp = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-interrupt-'));
    const out = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-interrupt-out-'));
    cleanup.push(...trees, repo.dir, temp, out);
    const json = join(out, 'report.json');
    const markdown = join(out, 'report.md');
    const command = 'python3 -m pytest -q -p no:cacheprovider tests';
    const child = spawn(
      declaredNode(),
      [CLI, '--base', 'HEAD~1', '--command', command, '--json', json, '--markdown', markdown],
      { cwd: repo.dir, env: { ...process.env, TMPDIR: temp }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let stdout = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const progress = new RegExp(`\\[(base|head)\\] test (\\d+) of ${count} measured in depth`);
    try {
      // The deep pass tells how far it got, and is stopped midway.
      await until(() => progress.test(stderr), 'the deep pass to say how far it got', 150_000);
      const done = Number(progress.exec(stderr)![2]);
      expect(done).toBeGreaterThan(0);
      expect(done).toBeLessThan(count);
      child.kill('SIGTERM');
      const exitCode = await exited;

      expect(exitCode, stderr).toBe(143);
      expect(stderr).toContain('stopped during measuring in depth');
      expect(stderr).toContain(`JSON report: ${json}`);
      expect(stderr).not.toMatch(/RunFailure|^\s+at /m);
      expect(existsSync(json)).toBe(true);
      const report = JSON.parse(readFileSync(json, 'utf8')) as {
        verdict: string;
        interrupted?: { signal?: string; during: string; figures: string };
        environment: { repeats?: number };
        scenarios: Array<{
          name: string;
          peak: { base: number | null; head: number | null };
          retained: { base: number | null; head: number | null; delta: number };
          repeats?: { base: number; head: number };
        }>;
      };
      expect(report.interrupted).toEqual({
        signal: 'SIGTERM',
        during: 'measuring in depth',
        figures: 'first-run',
      });
      // Never a pass, whatever the figures.
      expect(report.verdict).not.toBe('pass');
      // Every test, with both sides' figures from their first runs: one measurement each.
      expect(report.scenarios).toHaveLength(count);
      for (const scenario of report.scenarios) {
        expect(scenario.peak.base, scenario.name).toBeGreaterThan(0);
        expect(scenario.peak.head, scenario.name).toBeGreaterThan(0);
        // Head keeps 490 more list items per call: about 3.9 KB more.
        expect(scenario.retained.delta, scenario.name).toBeGreaterThan(3_500);
        if (scenario.repeats) expect(scenario.repeats).toEqual({ base: 1, head: 1 });
      }
      expect(report.environment.repeats ?? 1).toBe(1);
      // The comment and the terminal say it too.
      expect(readFileSync(markdown, 'utf8')).toContain(
        '**Stopped before the end:** the run was stopped by SIGTERM during measuring in depth: ' +
          'the figures are from one run of each side, not measured in depth',
      );
      expect(stdout).toMatch(/^WARN: the run was stopped by SIGTERM during measuring in depth/m);
      // Nothing else left behind: no process, checkout or temporary folder.
      expect(processesWith(temp)).toEqual([]);
      expect(readdirSync(temp)).toEqual([]);
      const worktrees = await runCommand('git', ['worktree', 'list', '--porcelain'], {
        cwd: repo.dir,
      });
      expect(worktrees.stdout.match(/^worktree /gm)).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
      for (const pid of processesWith(temp)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
    }
  }, 240_000);
});

describe.runIf(pytestAvailable)('allocdiff CLI whose deep pass runs past timeout-minutes', () => {
  it("compares both sides' first runs, never one side's deep pass with the other's first run", async () => {
    const count = 20;
    const trees = [writeTree(slowDeepSuite(10, count)), writeTree(slowDeepSuite(500, count))];
    const repo = createRepoFromTrees(trees);
    const out = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-interrupt-out-'));
    cleanup.push(...trees, repo.dir, out);
    const json = join(out, 'report.json');
    const command = 'python3 -m pytest -q -p no:cacheprovider tests';
    // The first runs take seconds; the deep passes, 20 tests × 7 further calls × 0.3 s, do not
    // end within the 30 s each side has.
    const result = await runCommand(
      declaredNode(),
      [CLI, '--base', 'HEAD~1', '--command', command, '--json', json, '--timeout-minutes', '0.5'],
      { cwd: repo.dir },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('no measurement in depth: the command timed out after 0.5 min');
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      verdict: string;
      interrupted?: { signal?: string; why?: string; during: string; figures: string };
      scenarios: Array<{ retained: { delta: number }; repeats?: { base: number; head: number } }>;
    };
    expect(report.interrupted).toMatchObject({
      during: 'measuring in depth',
      figures: 'first-run',
    });
    expect(report.interrupted?.signal).toBeUndefined();
    expect(report.interrupted?.why).toMatch(/^base: the command timed out after 0\.5 min/);
    expect(report.verdict).toBe('warn');
    expect(report.scenarios).toHaveLength(count);
    for (const scenario of report.scenarios) {
      expect(scenario.retained.delta).toBeGreaterThan(3_500);
      if (scenario.repeats) expect(scenario.repeats).toEqual({ base: 1, head: 1 });
    }
    expect(result.stdout).toMatch(
      /^WARN: measuring in depth did not finish \(base: the command timed out/m,
    );
  }, 240_000);
});

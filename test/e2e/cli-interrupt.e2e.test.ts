// The CLI stopped mid-run by Ctrl-C (SIGINT) or a SIGTERM: the benchmark and what it started
// are killed, the checkouts and temporary folders are removed, and the exit code says which
// signal stopped it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
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

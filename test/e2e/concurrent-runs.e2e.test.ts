// Runs on one repository at once (a developer's two terminals, a matrix of jobs on one
// self-hosted runner) check their sides out independently: each gets worktrees of its own, and
// none removes another's while it is being made. A run that was killed leaves worktree entries
// behind; the next run removes them.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { runCommand, testTemp } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];
const repoOf = repoMaker(cleanup);

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

/** The worktrees git has registered for `repo`, its main one left out. */
function linkedWorktrees(repo: string): string[] {
  const listing = execFileSync('git', ['worktree', 'list', '--porcelain'], {
    cwd: repo,
    encoding: 'utf8',
  });
  return listing
    .split('\n')
    .filter((line) => line.startsWith('worktree '))
    .map((line) => line.slice('worktree '.length))
    .filter((path) => path !== repo);
}

/** How many worktrees are locked by an allocdiff run. */
function ownedWorktrees(repo: string): number {
  const listing = execFileSync('git', ['worktree', 'list', '--porcelain'], {
    cwd: repo,
    encoding: 'utf8',
  });
  return listing.split('\n').filter((line) => line.startsWith('locked allocdiff run ')).length;
}

describe('runs on one repository at once', () => {
  it('each check out their sides and write their own report', async () => {
    const repo = repoOf(
      { 'bench.py': 'data = bytearray(1_000)\n' },
      { 'bench.py': 'data = bytearray(50_000)\n' },
    );
    const runs = Array.from({ length: 8 }, (_, index) => join(testTemp(), `run-${index}.json`));
    const results = await Promise.all(
      runs.map((json) =>
        runCommand(
          declaredNode(),
          [CLI, '--base', 'HEAD~1', '--script', 'bench.py', '--repeats', '1', '--json', json],
          { cwd: repo.dir },
        ),
      ),
    );
    for (const [index, result] of results.entries()) {
      expect(result.code, `run ${index}: ${result.stderr}`).toBe(0);
      expect(result.stderr).toContain(`JSON report: ${runs[index]}`);
      const report = JSON.parse(readFileSync(runs[index], 'utf8')) as Report;
      expect(report.head.sha).toBe(repo.shas[1]);
      expect(report.scenarios[0].retained.delta).toBeGreaterThan(40_000);
    }
    // Every run removed the worktrees it made.
    expect(linkedWorktrees(repo.dir)).toEqual([]);
  });

  it("remove the worktrees a killed run left behind, and no other run's", async () => {
    const repo = repoOf(
      { 'bench.py': 'import time\ntime.sleep(60)\n' },
      { 'bench.py': 'import time\ntime.sleep(60)\n' },
      { 'bench.py': 'data = bytearray(1_000)\n' },
      { 'bench.py': 'data = bytearray(2_000)\n' },
    );
    // A run killed while it measures: its worktrees stay, registered and checked out.
    const killed = spawn(
      declaredNode(),
      [CLI, '--base', 'HEAD~3', '--head', 'HEAD~2', '--script', 'bench.py'],
      { cwd: repo.dir, env: { ...process.env, TMPDIR: testTemp() }, stdio: 'ignore' },
    );
    // Killed once both are locked with the run's reason (written just after each is added).
    await waitFor(() => ownedWorktrees(repo.dir) === 2);
    const left = linkedWorktrees(repo.dir);
    killed.kill('SIGKILL');
    await new Promise((resolve) => killed.once('exit', resolve));

    const result = await runCommand(
      declaredNode(),
      [CLI, '--base', 'HEAD~1', '--script', 'bench.py', '--repeats', '1'],
      { cwd: repo.dir },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(linkedWorktrees(repo.dir)).toEqual([]);
    for (const dir of left) expect(existsSync(dir)).toBe(false);
  });

  it("leave a running run's worktrees alone", async () => {
    const repo = repoOf(
      { 'bench.py': 'import time\ntime.sleep(5)\n' },
      { 'bench.py': 'import time\ntime.sleep(5)\n' },
      { 'bench.py': 'data = bytearray(1_000)\n' },
      { 'bench.py': 'data = bytearray(2_000)\n' },
    );
    const slow = runCommand(
      declaredNode(),
      [CLI, '--base', 'HEAD~3', '--head', 'HEAD~2', '--script', 'bench.py', '--repeats', '1'],
      { cwd: repo.dir },
    );
    await waitFor(() => linkedWorktrees(repo.dir).length === 2);
    const quick = await runCommand(
      declaredNode(),
      [CLI, '--base', 'HEAD~1', '--script', 'bench.py', '--repeats', '1'],
      { cwd: repo.dir },
    );
    expect(quick.code, quick.stderr).toBe(0);
    const slowResult = await slow;
    expect(slowResult.code, slowResult.stderr).toBe(0);
    expect(linkedWorktrees(repo.dir)).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, seconds = 60): Promise<void> {
  const end = Date.now() + seconds * 1000;
  const holds = (): boolean => {
    try {
      return condition();
    } catch {
      return false; // git cannot list worktrees while one is half made
    }
  };
  while (!holds()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

import { runCommand } from '../support/run-cli.js';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];

const repoOf = repoMaker(cleanup);

function cli(cwd: string, ...args: string[]) {
  return runCommand(declaredNode(), [CLI, ...args], { cwd });
}

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const quiet = { 'bench.py': 'data = [str(i) for i in range(1000)]\n' };
const grown = {
  'bench.py': 'data = [str(i) for i in range(1000)]\nmore = [str(i) for i in range(5000)]\n',
};

describe('allocdiff CLI', () => {
  it('prints the report and exits 0 when the budget holds', async () => {
    const repo = repoOf(quiet, grown);
    const json = join(repo.dir, '..', `${repo.shas[0]}.json`);
    cleanup.push(json);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--budget',
      'retained: +10MB',
      '--json',
      json,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/bench\.py:2 \*\s+\+\d+/);
    expect(result.stdout).toContain('PASS');
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    expect(report.verdict).toBe('pass');
    expect(report.scenarios[0].sites[0]).toMatchObject({
      file: 'bench.py',
      line: 2,
      baseLine: null,
    });
    // 5000 short strings and their list: well over 250 KB retained.
    expect(report.scenarios[0].retained.delta).toBeGreaterThan(250_000);
  });

  it('exits 1 when a budget is exceeded', async () => {
    const repo = repoOf(quiet, grown);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--budget',
      'retained: +10KB',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/retained\s+bench\.py\s+\+10KB\s+\+\d+.*fail/);
  });

  it('exits 2 on bad usage, naming the problem', async () => {
    const repo = repoOf(quiet, grown);
    expect(await cli(repo.dir, '--script', 'bench.py')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--base is required'),
    });
    const badBudget = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--budget',
      'peak: lots',
    );
    expect(badBudget.code).toBe(2);
    expect(badBudget.stderr).toContain('budget rule "peak: lots": "lots" is not a limit');
    expect(await cli(repo.dir, '--base', 'HEAD~1', '--script', 'nope.py')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('"nope.py" exists in neither the base nor the head commit'),
    });
    expect(await cli(repo.dir, '--bogus')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Unknown option '--bogus'"),
    });
  });

  it('exits 3 when the head benchmark raises, and still reports the base side', async () => {
    const repo = repoOf(quiet, {
      'bench.py': 'data = [1, 2, 3]\nraise RuntimeError("head is broken")\n',
    });
    const json = join(repo.dir, '..', `${repo.shas[1]}.json`);
    cleanup.push(json);
    const result = await cli(repo.dir, '--base', 'HEAD~1', '--script', 'bench.py', '--json', json);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('the head side failed: RuntimeError: head is broken');
    const [scenario] = (JSON.parse(readFileSync(json, 'utf8')) as Report).scenarios;
    expect(scenario.status).toBe('failed');
    expect(scenario.error).toMatchObject({
      side: 'head',
      type: 'RuntimeError',
      message: 'head is broken',
    });
    expect(scenario.error?.output).toContain('RuntimeError: head is broken');
    expect(scenario.peak.base).toBeGreaterThan(0);
  });

  it('exits 3 when the base commit does not exist', async () => {
    const repo = repoOf(quiet, grown);
    const result = await cli(repo.dir, '--base', 'no-such-branch', '--script', 'bench.py');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('the base commit "no-such-branch" is not in this clone');
  });

  it('reports a benchmark that only exists on head as new', async () => {
    const repo = repoOf({ 'README.md': 'nothing yet\n' }, grown);
    const json = join(repo.dir, '..', `${repo.shas[1]}-new.json`);
    cleanup.push(json);
    const result = await cli(
      repo.dir,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--budget',
      'retained: +1KB',
      '--json',
      json,
    );
    expect(result.code, result.stderr).toBe(0);
    const [scenario] = (JSON.parse(readFileSync(json, 'utf8')) as Report).scenarios;
    expect(scenario).toMatchObject({
      name: 'bench.py',
      status: 'new',
      peak: { base: null, delta: null },
    });
  });

  it('takes the script path relative to where it is run, and runs setup in each checkout', async () => {
    const files = {
      'tools/bench.py': 'import pathlib\nmarker = pathlib.Path("setup-ran").read_text()\n',
    };
    const repo = repoOf(files, files);
    mkdirSync(join(repo.dir, 'tools'), { recursive: true });
    const result = await cli(
      join(repo.dir, 'tools'),
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--setup',
      'echo yes > setup-ran',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('tools/bench.py');
    expect(result.stdout).toMatch(/tools\/bench\.py.*ok/);
  });

  it('prints help and version', async () => {
    expect((await cli(PROJECT_ROOT, '--help')).stdout).toContain('Exit codes:');
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect((await cli(PROJECT_ROOT, '--version')).stdout.trim()).toBe(pkg.version);
  });
});

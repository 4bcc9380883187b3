/**
 * Repeats stop once they are proven: a measurement that gives exactly what the first run of
 * its side gave ends them ("2 identical runs"); only figures that differ get more. Through the
 * bundled CLI, on small real repositories, with real git and Python.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { runCommand } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});
const repoOf = repoMaker(cleanup);

async function compare(repo: { dir: string }, ...args: string[]) {
  const out = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-proven-'));
  cleanup.push(out);
  const result = await runCommand(
    declaredNode(),
    [
      CLI,
      '--base',
      'HEAD~1',
      '--json',
      join(out, 'r.json'),
      '--markdown',
      join(out, 'r.md'),
    ].concat(args),
    { cwd: repo.dir },
  );
  expect(result.code, result.stderr).toBe(0);
  return {
    /** The progress log. */
    log: result.stderr,
    report: JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as Report,
    markdown: readFileSync(join(out, 'r.md'), 'utf8'),
  };
}

const SCRIPT = (size: number) =>
  [
    'import json',
    `DATA = [bytearray(${size}) for _ in range(50)]`,
    'TEXT = json.dumps(list(range(2000)))',
    '',
  ].join('\n');

const FUNCTIONS = (size: number) =>
  [
    'import json',
    '',
    'ROWS = list(range(3000))',
    '',
    '',
    'def bench_same():',
    '    return json.dumps(ROWS)',
    '',
    '',
    'def bench_changed():',
    `    return [bytearray(${size}) for _ in range(20)]`,
    '',
  ].join('\n');

describe('repeats stop once they are proven (CLI, real git and Python)', () => {
  it('ends a whole script at 2 identical runs, with the figures a single run measures', async () => {
    const repo = repoOf({ 'bench.py': SCRIPT(1000) }, { 'bench.py': SCRIPT(3000) });
    const settings = [
      '--script',
      'bench.py',
      '--object-types',
      'false',
      '--peak-sites',
      'false',
      '--retention-paths',
      '0',
    ];
    const stopped = await compare(repo, ...settings, '--repeats', '5');
    const [scenario] = stopped.report.scenarios;
    expect(scenario).toMatchObject({
      kind: 'script',
      repeats: { base: 2, head: 2 },
      identicalRuns: 2,
      deterministic: true,
    });
    expect(scenario.retained.delta).toBeGreaterThanOrEqual(50 * 2000);
    // Each side: the first run, one more process, and no more.
    expect(stopped.log.match(/2 identical runs, no further repeats/g)).toHaveLength(2);
    expect(stopped.log).not.toContain('measurement 3 of 5');
    expect(stopped.markdown).toContain(
      'is deterministic: 2 identical runs per side (processes of their own), so no further repeats were needed',
    );
    expect(stopped.markdown).toContain('- Repeats per side: 2\n');
    // A single run per side (no repeats at all) measures the same figures.
    const single = await compare(repo, ...settings, '--repeats', '1');
    const [once] = single.report.scenarios;
    for (const measure of ['peak', 'retained', 'retainedCount'] as const) {
      expect([scenario[measure].base, scenario[measure].head]).toEqual([
        once[measure].base,
        once[measure].head,
      ]);
    }
    const figures = (sites: typeof scenario.sites) =>
      sites.map((s) => [s.file, s.line, s.baseSize, s.headSize]);
    expect(figures(scenario.sites)).toEqual(figures(once.sites));
  }, 300_000);

  it('counts objects in the repeat that proves the first run: every run counts before its call alike', async () => {
    const repo = repoOf({ 'bench.py': SCRIPT(1000) }, { 'bench.py': SCRIPT(3000) });
    const settings = ['--script', 'bench.py', '--peak-sites', 'false', '--retention-paths', '0'];
    const counted = await compare(repo, ...settings, '--repeats', '3');
    const [scenario] = counted.report.scenarios;
    expect(scenario).toMatchObject({ kind: 'script', identicalRuns: 2 });
    // Each side: the first run, then a repeat that counts objects around its call and, having
    // started its call as the first run did (counting before it), proves it: no further run,
    // and no process of its own for the counts.
    for (const side of ['base', 'head'] as const) {
      const lines = counted.log.split('\n').filter((line) => line.includes(`[${side}]`));
      const text = lines.join('\n');
      expect(text).toContain(
        'a new process measured exactly what the first run did: 2 identical runs, no further repeats',
      );
      expect(text).not.toContain('(a new process)');
      expect(text).not.toContain('counted in a process of their own');
      expect(scenario.repeats?.[side]).toBe(2);
    }
    expect(scenario.objectTypes).toBeDefined();
    // The counts and figures of a single run per side (no repeats), which counts as well.
    const types = (run: typeof counted) =>
      run.report.scenarios[0].objectTypes?.map((t) => [
        t.type,
        t.baseGrowth,
        t.headGrowth,
        t.delta,
      ]);
    const single = await compare(repo, ...settings, '--repeats', '1');
    expect(types(counted)).toEqual(types(single));
    const [once] = single.report.scenarios;
    for (const measure of ['peak', 'retained', 'retainedCount'] as const) {
      expect([scenario[measure].base, scenario[measure].head]).toEqual([
        once[measure].base,
        once[measure].head,
      ]);
    }
    const figures = (sites: typeof scenario.sites) =>
      sites.map((s) => [s.file, s.line, s.baseSize, s.headSize]);
    expect(figures(scenario.sites)).toEqual(figures(once.sites));
  }, 300_000);

  it('takes the run that walks retention paths as the second identical run: the walk touches nothing measured', async () => {
    const repo = repoOf({ 'bench.py': SCRIPT(1000) }, { 'bench.py': SCRIPT(3000) });
    const settings = ['--script', 'bench.py', '--object-types', 'false', '--peak-sites', 'false'];
    const walked = await compare(repo, ...settings, '--retention-paths', '1', '--repeats', '3');
    const [scenario] = walked.report.scenarios;
    // Head's retained memory grew: its deep run walks back from the grown site, and measures
    // exactly what head's first run did, so no third process runs.
    const head = walked.log
      .split('\n')
      .filter((line) => line.includes('[head]'))
      .join('\n');
    expect(head).toContain('what keeps the objects of 1 grown site alive: bench.py:2');
    expect(scenario.retention?.[0]).toMatchObject({
      site: { file: 'bench.py', line: 2 },
      holder: 'DATA',
    });
    expect(head).toContain(
      'a new process measured exactly what the first run did: 2 identical runs, no further repeats',
    );
    expect(head).not.toContain('measurement 3 of 3');
    expect(scenario).toMatchObject({ identicalRuns: 2, repeats: { base: 2, head: 2 } });
    // The figures of a single run per side, which walks nothing.
    const single = await compare(repo, ...settings, '--retention-paths', '0', '--repeats', '1');
    const [once] = single.report.scenarios;
    expect(once.retention).toBeUndefined();
    for (const measure of ['peak', 'retained', 'retainedCount'] as const)
      expect([scenario[measure].base, scenario[measure].head]).toEqual([
        once[measure].base,
        once[measure].head,
      ]);
  }, 300_000);

  it('stops a function that measured the same on both sides, and repeats the one that changed', async () => {
    const repo = repoOf({ 'bench.py': FUNCTIONS(1000) }, { 'bench.py': FUNCTIONS(4000) });
    const run = await compare(repo, '--script', 'bench.py', '--peak-sites', 'false');
    const same = run.report.scenarios.find((s) => s.name === 'bench_same')!;
    const changed = run.report.scenarios.find((s) => s.name === 'bench_changed')!;
    expect(same).toMatchObject({
      repeats: { base: 1, head: 1 },
      identicalRuns: 2,
      deterministic: true,
    });
    expect(changed.identicalRuns).toBeUndefined();
    expect(changed.repeats).toEqual({ base: 3, head: 3 });
    expect(run.log).toContain(
      'bench_same: its first call measured exactly what the first run did: 2 identical runs',
    );
    // Every repeat, as the harness makes them without a first run to match: the same figures.
    const full = (sha: string) => {
      const tree = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-proven-tree-'));
      cleanup.push(tree);
      execFileSync('git', ['--work-tree', tree, 'checkout', sha, '--', '.'], { cwd: repo.dir });
      const out = join(tree, 'snapshot.json');
      execFileSync(
        'python3',
        [
          '-m',
          'allocdiff_harness',
          '--script',
          'bench.py',
          '--root',
          tree,
          '--out',
          out,
          '--repeats',
          '3',
        ],
        {
          cwd: tree,
          env: {
            ...process.env,
            PYTHONPATH: join(PROJECT_ROOT, 'python'),
            PYTHONDONTWRITEBYTECODE: '1',
          },
        },
      );
      // The file's header line holds every scenario's totals (its site columns follow it).
      const file = readFileSync(out);
      const snapshot = JSON.parse(file.toString('utf8', 0, file.indexOf(10))) as {
        scenarios: {
          name: string;
          peakBytes: number;
          retainedBytes: number;
          retainedCount: number;
          repeats: unknown[];
        }[];
      };
      return snapshot.scenarios.find((s) => s.name === 'bench_same')!;
    };
    const [base, head] = [full(repo.shas[0]), full(repo.shas[1])];
    expect(base.repeats).toHaveLength(3);
    expect([same.peak.base, same.retained.base, same.retainedCount.base]).toEqual([
      base.peakBytes,
      base.retainedBytes,
      base.retainedCount,
    ]);
    expect([same.peak.head, same.retained.head, same.retainedCount.head]).toEqual([
      head.peakBytes,
      head.retainedBytes,
      head.retainedCount,
    ]);
  }, 300_000);
});

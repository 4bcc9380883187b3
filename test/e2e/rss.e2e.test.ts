/**
 * Peak RSS catches what tracemalloc does not: head keeps 48 MiB of anonymous mmap memory (as a
 * C extension's buffer would be), which tracemalloc sees as one small Python object. The rss
 * budget fails; the tracemalloc budgets hold.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { parseReport } from '../../src/report/report-schema.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { runCommand, testTemp } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];
const repoOf = repoMaker(cleanup);
const MiB = 1024 * 1024;

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const BENCH = (mebibytes: number) =>
  [
    'import mmap',
    'data = [str(i) for i in range(1000)]',
    '',
    '',
    'def bench_buffer():',
    `    size = ${mebibytes} * 1024 * 1024`,
    '    buffer = mmap.mmap(-1, max(size, mmap.PAGESIZE))',
    '    for offset in range(0, size, mmap.PAGESIZE):',
    '        buffer[offset] = 1',
    '    return buffer',
    '',
  ].join('\n');

describe.skipIf(!existsSync('/proc/self/status'))('rss', () => {
  it('fails an rss budget on memory tracemalloc does not see, while its budgets hold', async () => {
    const repo = repoOf({ 'bench.py': BENCH(0) }, { 'bench.py': BENCH(48) });
    const json = join(testTemp(), `${repo.shas[0]}-rss.json`);
    const markdown = join(testTemp(), `${repo.shas[0]}-rss.md`);
    cleanup.push(json, markdown, markdown.replace(/\.md$/, '.summary.md'));
    const result = await runCommand(
      declaredNode(),
      [
        CLI,
        '--base',
        'HEAD~1',
        '--script',
        'bench.py',
        '--budget',
        'peak: +100KB; retained: +10KB; rss: +10MB',
        '--json',
        json,
        '--markdown',
        markdown,
      ],
      { cwd: repo.dir },
    );
    expect(result.code, result.stderr).toBe(1);

    const report = parseReport(JSON.parse(readFileSync(json, 'utf8')), json) as Report;
    const [scenario] = report.scenarios;
    // tracemalloc: the mmap object only, a few hundred bytes either way.
    expect(Math.abs(scenario.peak.delta ?? Infinity)).toBeLessThan(64 * 1024);
    expect(Math.abs(scenario.retained.delta ?? Infinity)).toBeLessThan(10_000);
    // RSS: the 48 MiB head touched.
    expect(scenario.rss?.delta).toBeGreaterThanOrEqual(46 * MiB);
    expect(scenario.rss?.delta).toBeLessThan(56 * MiB);
    expect(report.budgets.map((b) => [b.metric, b.status])).toEqual([
      ['peak', 'pass'],
      ['retained', 'pass'],
      ['rss', 'fail'],
    ]);
    expect(report.verdict).toBe('fail');

    // The terminal, and the comment: a column of its own, and the verdict names it.
    expect(result.stdout).toMatch(/retained change\s+RSS change\s+status/);
    // 46 to 56 MiB, in the limit's decimal units.
    expect(result.stdout).toMatch(
      /rss\s+bench_buffer\s+\+10MB\s+\+(4[89]|5\d)\.\d MB\s+fail\s+fail/,
    );
    expect(result.stdout).toMatch(
      /FAIL: memory budget exceeded: RSS of bench_buffer is \+(4[89]|5\d)\.\d MB, limit \+10MB/,
    );
    const comment = readFileSync(markdown, 'utf8');
    expect(comment).toContain('| Δ retained | Δ RSS | Budget |');
    expect(comment).toMatch(
      /❌ \*\*Over budget:\*\* peak RSS of <code>bench_buffer<\/code> grew \+(4[89]|5\d)\.\d MB/,
    );
  });
});

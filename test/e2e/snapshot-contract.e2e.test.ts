import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SITE_LIMITS } from '../../src/report/report-limits.js';
import { parseReport } from '../../src/report/report-schema.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { runCommand, testTemp } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];
const repoOf = repoMaker(cleanup);

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

/** The CLI, killed after `seconds` (exit 124) if it has not ended by then. */
function cli(cwd: string, seconds: number, ...args: string[]) {
  return runCommand('timeout', ['-k', '5', String(seconds), declaredNode(), CLI, ...args], {
    cwd,
  });
}

const base = { 'bench.py': 'data = [str(i) for i in range(1000)]\n' };

/**
 * A head whose benchmark, once the harness has written its snapshot (at exit), replaces that
 * file with what `replace` (Python, given `out`) makes of it.
 */
function headReplacingSnapshot(replace: string): Record<string, string> {
  return {
    'bench.py': [
      'import atexit, os',
      '',
      'def _replace():',
      "    argv = open('/proc/self/cmdline', 'rb').read().split(b'\\0')",
      "    out = argv[argv.index(b'--out') + 1].decode()",
      `    ${replace}`,
      '',
      'atexit.register(_replace)',
      'data = [str(i) for i in range(2000)]',
      '',
    ].join('\n'),
  };
}

describe('the snapshot file a side leaves', () => {
  it('is refused when the benchmark made it a named pipe, instead of blocking for ever', async () => {
    const repo = repoOf(base, headReplacingSnapshot('os.unlink(out); os.mkfifo(out)'));
    const result = await cli(repo.dir, 90, '--base', 'HEAD~1', '--script', 'bench.py');
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toMatch(
      /snapshot \S+snapshot\.json is a named pipe \(FIFO\), not the regular file the harness writes/,
    );
  });

  it('is not followed when the benchmark made it a symbolic link', async () => {
    const repo = repoOf(
      base,
      headReplacingSnapshot("os.unlink(out); os.symlink('/dev/zero', out)"),
    );
    const result = await cli(repo.dir, 90, '--base', 'HEAD~1', '--script', 'bench.py');
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toMatch(/snapshot \S+snapshot\.json is a symbolic link/);
  });

  it('is refused, naming its size and the limit, when it is larger than any snapshot', async () => {
    // Sparse: 600 MiB that take no room on disk.
    const repo = repoOf(base, headReplacingSnapshot('os.truncate(out, 600 * 1024 * 1024)'));
    const result = await cli(repo.dir, 90, '--base', 'HEAD~1', '--script', 'bench.py');
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toContain(
      'is 600 MiB (629145600 bytes), over the limit of 500 MiB (524288000 bytes) a snapshot may have',
    );
  });
});

describe('a snapshot the benchmark forged', () => {
  it('is refused when its figures are not numbers, instead of passing every budget', async () => {
    // Rewritten in the file's own format, with the harness's reader and writer.
    const forge = [
      'from allocdiff_harness import snapshot',
      '    document = snapshot.read_snapshot(out)',
      "    for scenario in document['scenarios']:",
      "        scenario['peakBytes'] = scenario['retainedBytes'] = 'none'",
      '    snapshot.write_snapshot(document, out)',
    ];
    const head = headReplacingSnapshot(forge.slice(1).join('\n').trimStart());
    head['bench.py'] = `${forge[0]}\n${head['bench.py']!}`.replace(
      'data = [str(i) for i in range(2000)]',
      'data = [bytearray(1000) for i in range(2000)]',
    );
    const repo = repoOf(base, head);
    const result = await cli(
      repo.dir,
      90,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--budget',
      'retained: +10KB',
      '--budget',
      'peak: +10KB',
    );
    expect(result.code, result.stdout).toBe(4);
    expect(result.stderr).toMatch(
      /snapshot \S+snapshot\.json does not match the snapshot schema allocdiff\.snapshot\/\d+:\n\s+scenarios\.0\.peakBytes: Invalid input: expected number, received string/,
    );
  });
});

describe('a head that turns tracing off', () => {
  const measured = 'def bench_f():\n    return [bytearray(1000) for _ in range(1000)]\n';
  const lose = (how: string) =>
    'import tracemalloc\n\ndef bench_f():\n    kept = [bytearray(1000) for _ in range(3000)]\n' +
    `    ${how}\n    return kept\n`;

  for (const [how, what] of [
    ['tracemalloc.stop()', 'stopped tracemalloc'],
    [
      'tracemalloc.clear_traces()',
      "cleared tracemalloc's traces (clear_traces(), or stop() then start())",
    ],
  ] as const) {
    it(`fails its scenario, saying why, when it calls ${how}, instead of passing at -100 %`, async () => {
      const repo = repoOf({ 'bench.py': measured }, { 'bench.py': lose(how) });
      const result = await cli(
        repo.dir,
        120,
        '--base',
        'HEAD~1',
        '--script',
        'bench.py',
        '--budget',
        'peak: +100KB',
      );
      expect(result.code, result.stderr).toBe(3);
      expect(result.stdout).toContain(`TracingStopped: bench_f ${what} while it was measured`);
      expect(result.stdout).toContain(
        'FAIL: the head benchmark failed: bench_f raised TracingStopped',
      );
      expect(result.stdout).not.toContain('PASS');
    });
  }
});

describe('a head command whose process turns tracing off', () => {
  const kept = 'kept = [bytearray(1000) for _ in range(1000)]\n';
  for (const [how, what] of [
    ['tracemalloc.stop()', 'stopped tracemalloc'],
    [
      'tracemalloc.clear_traces()',
      "cleared tracemalloc's traces (clear_traces(), or stop() then start())",
    ],
  ] as const) {
    it(`fails the process's scenario, saying why, when it calls ${how}, instead of "removed"`, async () => {
      const repo = repoOf(
        { 'bench.py': kept },
        { 'bench.py': `import tracemalloc\n${kept}${how}\n` },
      );
      const result = await cli(
        repo.dir,
        120,
        '--base',
        'HEAD~1',
        '--command',
        'python3 bench.py',
        '--budget',
        'retained: +100KB',
      );
      expect(result.code, result.stderr).toBe(3);
      expect(result.stdout).toContain(`TracingStopped: bench.py ${what} while it was measured`);
      expect(result.stdout).toContain(
        'FAIL: the head benchmark failed: bench.py raised TracingStopped',
      );
      expect(result.stdout).not.toMatch(/removed/i);
      expect(result.stdout).not.toContain('PASS');
    });
  }
});

describe('a report of long source lines, names and tracebacks', () => {
  it('is written within the limits report mode reads, each cut marked', async () => {
    const name = `bench_${'n'.repeat(1_100)}`;
    const head = {
      'bench.py': [
        `def ${name}():`,
        `    return [${'1, '.repeat(6_700)}1]`,
        '',
        'def bench_raises():',
        `    raise ValueError('${'x'.repeat(200_000)}')`,
        '',
      ].join('\n'),
    };
    const repo = repoOf({ 'bench.py': `def ${name}():\n    return []\n` }, head);
    const json = join(testTemp(), `${repo.shas[1]}-long.json`);
    cleanup.push(json);
    const result = await cli(
      repo.dir,
      120,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--json',
      json,
    );
    expect(result.code, result.stderr).toBe(3);
    const report = parseReport(JSON.parse(readFileSync(json, 'utf8')), json);
    const long = report.scenarios.find((s) => s.name.startsWith('bench_nnn'))!;
    expect(long.name).toMatch(/^bench_n+… \[\d+ more characters\]$/);
    expect(long.name.length).toBeLessThanOrEqual(1_000);
    const [site] = long.sites;
    expect(site.text).toMatch(/^return \[1, 1, .*… \[\d+ more characters\]$/);
    expect(site.function).toMatch(/more characters\]$/);
    const raises = report.scenarios.find((s) => s.name === 'bench_raises')!;
    expect(raises.error?.traceback?.length).toBeLessThanOrEqual(100_000);
    expect(raises.error?.message).toMatch(/^x+… \[190\d{3} more characters\]$/);
  });
});

describe('a report of more changed sites than it lists', () => {
  it('lists the most a scenario may, sums the rest, and report mode reads it', async () => {
    // 10,500 lines that each keep a block: one site per line.
    const lines = Array.from({ length: 10_500 }, (_, i) => `k${i} = bytearray(${100 + i})`);
    const repo = repoOf({ 'bench.py': 'k = 0\n' }, { 'bench.py': `${lines.join('\n')}\n` });
    const json = join(testTemp(), `${repo.shas[1]}-many.json`);
    cleanup.push(json);
    const result = await cli(
      repo.dir,
      300,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--repeats',
      '1',
      '--json',
      json,
    );
    expect(result.code, result.stderr).toBe(0);
    const report = parseReport(JSON.parse(readFileSync(json, 'utf8')), json);
    const [scenario] = report.scenarios;
    expect(scenario.sites).toHaveLength(SITE_LIMITS.perScenario);
    expect(scenario.sitesLeftOut?.count).toBe(500);
    // The 500 smallest (100 to 599 bytes, and their objects) are summed.
    expect(scenario.sitesLeftOut?.countDelta).toBeGreaterThanOrEqual(500);
    expect(scenario.sitesLeftOut?.sizeDelta).toBeGreaterThan(500 * 100);
    expect(Math.max(...scenario.sites.map((site) => site.line ?? 0))).toBe(10_500);
    expect(result.stdout).toMatch(
      /… and 500 more changed sites not kept in the report, summed: \+\d+(\.\d+)? KiB/,
    );
  });
});

/**
 * Sites at the peak with default settings, through the bundled CLI on small real repositories:
 * found where a scenario's peak changed, naming the line that grew (or the base line that held
 * a peak that fell), and not at all with `--peak-sites false`.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { runCommand, testTemp } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

/** Runs the CLI between HEAD~1 and HEAD; the JSON report and the Markdown come back too. */
async function compare(
  files: { base: Record<string, string>; head: Record<string, string> },
  ...args: string[]
) {
  const repo = repoOf(files.base, files.head);
  const json = join(testTemp(), `${repo.shas[1]}.json`);
  const markdown = join(testTemp(), `${repo.shas[1]}.md`);
  cleanup.push(
    json,
    markdown,
    markdown.replace(/\.md$/, '.summary.md'),
    markdown.replace(/\.md$/, '.html'),
  );
  const result = await runCommand(
    declaredNode(),
    [CLI, '--base', 'HEAD~1', '--json', json, '--markdown', markdown, ...args],
    { cwd: repo.dir },
  );
  return {
    code: result.code,
    stdout: result.stdout,
    stderr: result.stderr,
    report: () => JSON.parse(readFileSync(json, 'utf8')) as Report,
    markdown: () => readFileSync(markdown, 'utf8'),
  };
}

// bench_build sums its lengths from a generator on base; head builds the whole list first.
// bench_keep keeps a little more on head, at the same peak.
const BENCH_BASE = [
  'WORDS = ["word%d" % i for i in range(20_000)]',
  '',
  '',
  'def bench_build():',
  '    return sum(len(w * 20) for w in WORDS)',
  '',
  '',
  'def bench_keep():',
  '    return bytearray(1_000)',
  '',
].join('\n');

const BENCH_HEAD = BENCH_BASE.replace(
  '    return sum(len(w * 20) for w in WORDS)',
  '    padded = [w * 20 for w in WORDS]\n    return sum(len(p) for p in padded)',
).replace('bytearray(1_000)', 'bytearray(1_200)');

describe('sites at the peak, default settings (CLI, real git and Python)', () => {
  let run: Awaited<ReturnType<typeof compare>>;
  beforeAll(async () => {
    run = await compare(
      { base: { 'bench.py': BENCH_BASE }, head: { 'bench.py': BENCH_HEAD } },
      '--script',
      'bench.py',
    );
  }, 300_000);

  it('names the line that grew at the peak, in the JSON report and the comment', () => {
    expect(run.code, run.stderr).toBe(0);
    const [build] = run.report().scenarios;
    expect(build.name).toBe('bench_build');
    expect(build.peak.delta).toBeGreaterThan(1_000_000);
    const peak = build.peakSites!;
    expect(peak.sites[0]).toMatchObject({
      file: 'bench.py',
      line: 5,
      text: 'padded = [w * 20 for w in WORDS]',
      changedLine: true,
    });
    expect(peak.sites[0].sizeDelta).toBeGreaterThan(0.9 * build.peak.delta!);
    // The hooked run measured the peak the report shows.
    expect(Math.abs(peak.head!.peakBytes - build.peak.head!)).toBeLessThan(64 * 1024);
    expect(Math.abs(peak.base!.peakBytes - build.peak.base!)).toBeLessThan(64 * 1024);
    const markdown = run.markdown();
    expect(markdown).toContain('⛰️ Sites at the peak of <code>bench_build</code>');
    expect(markdown).toContain(
      '| <code>bench.py:5 in bench_build</code> ✏️ | <code>padded = [w * 20 for w in WORDS&#93;</code> |',
    );
    expect(markdown).not.toContain('⚠️ On');
  });

  it('leaves out the sites at the peak of a scenario whose peak did not change', () => {
    const keep = run.report().scenarios.find((s) => s.name === 'bench_keep')!;
    expect(keep.retained.delta).toBe(200);
    expect(Math.abs(keep.peak.delta!)).toBeLessThanOrEqual(1024);
    expect(keep.peakSites).toBeUndefined();
    expect(run.stderr).toContain('finding the sites at the peak of bench_build (a hooked run)');
    expect(run.stderr).toMatch(/\[head\] sites at the peak of bench_build found in \d+\.\d s/);
  });

  it('finds none with --peak-sites false', async () => {
    const off = await compare(
      { base: { 'bench.py': BENCH_BASE }, head: { 'bench.py': BENCH_HEAD } },
      '--script',
      'bench.py',
      '--peak-sites',
      'false',
      '--repeats',
      '1',
      '--object-types',
      'false',
    );
    expect(off.code, off.stderr).toBe(0);
    expect(off.report().scenarios[0].peak.delta).toBeGreaterThan(1_000_000);
    expect(off.report().scenarios.every((s) => s.peakSites === undefined)).toBe(true);
    expect(off.markdown()).not.toContain('Sites at the peak');
    expect(off.stderr).not.toContain('finding the sites at the peak');
  }, 300_000);
});

describe('peak-sites true (CLI, real git and Python)', () => {
  it('finds the sites at the peak even when nothing changed', async () => {
    const bench = { 'bench.py': BENCH_BASE };
    const run = await compare(
      { base: bench, head: bench },
      '--script',
      'bench.py',
      '--peak-sites',
      'true',
      '--repeats',
      '1',
      '--object-types',
      'false',
    );
    expect(run.code, run.stderr).toBe(0);
    const [build] = run.report().scenarios;
    expect(build.peak.delta).toBe(0);
    expect(build.peakSites?.sites[0]).toMatchObject({ file: 'bench.py', sizeDelta: 0 });
    expect(run.markdown()).toContain('⛰️ Sites at the peak of <code>bench_build</code>');
  }, 300_000);
});

describe('a peak that fell (CLI, real git and Python)', () => {
  it('names the base line that held the peak among the sites at the peak', async () => {
    // A whole script: base loads every row into a list at app/load.py:3 before counting;
    // head counts them as they come.
    const load = (body: string) => ['def count(n):', '    total = 0', body, ''].join('\n');
    const base = {
      'app/__init__.py': '',
      'app/load.py': load(
        '    rows = ["row %d" % i * 8 for i in range(n)]\n    return total + len(rows)',
      ),
      // A dozen lines hold memory at both peaks: more than the comment's top 10.
      'bench.py': [
        'from app.load import count',
        ...Array.from({ length: 12 }, (_, i) => `KEPT_${i} = bytearray(${20_000 + i * 1_000})`),
        'print(count(60_000))',
        '',
      ].join('\n'),
    };
    const head = {
      ...base,
      'app/load.py': load(
        '    rows = ("row %d" % i * 8 for i in range(n))\n    return total + sum(1 for _ in rows)',
      ),
    };
    const run = await compare({ base, head }, '--script', 'bench.py');
    expect(run.code, run.stderr).toBe(0);
    const [scenario] = run.report().scenarios;
    expect(scenario.peak.delta).toBeLessThan(-1_000_000);
    const shrunk = scenario.peakSites!.sites.filter((site) => site.sizeDelta < 0);
    expect(shrunk[0]).toMatchObject({ file: 'app/load.py', baseLine: 3 });
    expect(shrunk[0].baseSize).toBeGreaterThan(0.9 * -scenario.peak.delta!);
    expect(run.markdown()).toContain('| <code>app/load.py:3 in count</code> ✏️ |');
    // Base's peak is strings, made with no container between two collections: the timer's
    // looks turn the hooks on near it, so the first run aimed at it catches it, and the script
    // does not run again with them on throughout.
    expect(run.stderr).toContain('[base] finding the sites at the peak');
    expect(run.stderr).not.toContain('the peak came while the hooks were off');
  }, 300_000);
});

describe('a peak the hooked run never sees (CLI, real git and Python)', () => {
  it('says why there are no sites at the peak, in the log and the reports, and still reports', async () => {
    // The peak is a bytes object made and dropped within one line, by bytecode alone (no call):
    // the hooks see the level only before and after that line, far below the peak.
    const bench = (kept: number) => ({
      'bench.py': [
        'size = 3_000_000',
        'b"x" * size',
        `kept = [str(i) for i in range(${kept})]`,
        '',
      ].join('\n'),
    });
    const run = await compare(
      { base: bench(100), head: bench(20_000) },
      '--script',
      'bench.py',
      '--peak-sites',
      'true',
      '--repeats',
      '1',
      '--object-types',
      'false',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('exited with code');
    const why =
      /the peak hooks never saw the traced memory near its peak \(highest level seen: \d+ bytes of \d+\)/;
    expect(run.stderr).toMatch(
      new RegExp(
        `warning: \\[head\\] no sites at the peak of bench\\.py \\(hooked run of \\d+\\.\\d s\\): ${why.source}`,
      ),
    );
    const [scenario] = run.report().scenarios;
    expect(scenario.peak.head).toBeGreaterThan(1_000_000);
    // The reason reaches the JSON report, the comment and the terminal, per side.
    expect(scenario.peakSites?.sites).toEqual([]);
    expect(scenario.peakSites?.missed?.base).toMatch(why);
    expect(scenario.peakSites?.missed?.head).toMatch(why);
    expect(run.markdown()).toMatch(
      new RegExp(
        `<sub>⛰️ No sites at the peak of <code>bench\\.py</code> on head: ${why.source}</sub>`,
      ),
    );
    expect(run.stdout).toMatch(
      new RegExp(`bench\\.py: no sites at the peak on head: ${why.source}`),
    );
  }, 300_000);
});

describe('a peak change too small a share of the peak (CLI, real git and Python)', () => {
  it('starts no hooked run for it', async () => {
    // Some 10 MB at the peak; head holds 4 KB more there: beyond 1 KiB, but 0.04 % of the peak.
    const bench = (extra: number) => ({
      'bench.py': [
        `extra = bytes(${extra})`,
        'rows = [bytes(1_000) for _ in range(10_000)]',
        'del rows',
        '',
      ].join('\n'),
    });
    const run = await compare(
      { base: bench(10), head: bench(4_000) },
      '--script',
      'bench.py',
      '--object-types',
      'false',
    );
    expect(run.code, run.stderr).toBe(0);
    const [scenario] = run.report().scenarios;
    expect(scenario.peak.delta).toBeGreaterThan(1024);
    expect(scenario.peak.delta).toBeLessThan(0.01 * scenario.peak.base!);
    expect(run.stderr).not.toContain('finding the sites at the peak');
    expect(scenario.peakSites).toBeUndefined();
  }, 300_000);
});

/**
 * Capture in depth, through the bundled CLI on small real repositories: bench_* scenarios,
 * the leak check and its budget, noise, timeouts, tracebacks, sites at the peak, objects by type.
 */
import { runCommand, testTemp } from '../support/run-cli.js';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { formatBytes } from '../../src/format/sizes.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

/** Runs the CLI between HEAD~1 and HEAD; the JSON report and the Markdown come back too. */
async function compare(
  files: { base: Record<string, string>; head: Record<string, string>; env?: NodeJS.ProcessEnv },
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
    { cwd: repo.dir, env: { ...process.env, ...files.env } },
  );
  return {
    code: result.code,
    stdout: result.stdout,
    stderr: result.stderr,
    report: () => JSON.parse(readFileSync(json, 'utf8')) as Report,
    markdown: () => readFileSync(markdown, 'utf8'),
  };
}

const STORE = (size: number) =>
  ['_kept = []', '', '', 'def remember():', `    _kept.append(bytearray(${size}))`, ''].join('\n');

const BENCH_BASE = [
  'from app import store',
  '',
  'ROWS = list(range(20_000))',
  '',
  '',
  'def bench_leak():',
  '    store.remember()',
  '',
  '',
  'def bench_peak():',
  '    return sum(row * 2 for row in ROWS)',
  '',
  '',
  'def bench_objects():',
  '    return [bytearray(8) for _ in range(10)]',
  '',
].join('\n');

const BENCH_HEAD = BENCH_BASE.replace(
  '    return sum(row * 2 for row in ROWS)',
  '    doubled = [row * 2 for row in ROWS]\n    return sum(doubled)',
).replace('range(10)]', 'range(210)]');

describe('capture in depth (CLI, real git and Python)', () => {
  let run: Awaited<ReturnType<typeof compare>>;
  beforeAll(async () => {
    run = await compare(
      {
        base: { 'app/__init__.py': '', 'app/store.py': STORE(100), 'bench.py': BENCH_BASE },
        head: { 'app/__init__.py': '', 'app/store.py': STORE(5_000), 'bench.py': BENCH_HEAD },
      },
      '--script',
      'bench.py',
      '--iterations',
      '5',
      '--peak-sites',
      'true',
      '--frames',
      '5',
      '--budget',
      'leak: 0B',
    );
  }, 300_000);

  it('measures each bench_* function as a scenario of its own, named in the output and JSON', async () => {
    expect(run.stdout).toMatch(/^bench_leak\s/m);
    expect(run.stdout).toMatch(/^bench_peak\s/m);
    expect(run.report().scenarios.map((s) => [s.name, s.kind])).toEqual([
      ['bench_leak', 'function'],
      ['bench_peak', 'function'],
      ['bench_objects', 'function'],
    ]);
    expect(run.report().environment).toMatchObject({ repeats: 3, iterations: 5, frames: 5 });
  });

  it('fails a leak: 0B budget on the leaking function, naming the leaking line', async () => {
    expect(run.code, run.stderr).toBe(1);
    const report = run.report();
    const leak = report.budgets.find((b) => b.metric === 'leak' && b.scenario === 'bench_leak');
    expect(leak).toMatchObject({ status: 'fail' });
    const [scenario] = report.scenarios;
    // A 5,000-byte bytearray kept per call, and the list that holds them growing.
    expect(scenario.leak?.head).toBeGreaterThanOrEqual(5_000);
    expect(scenario.leak?.head).toBeLessThan(5_200);
    expect(scenario.leakSites?.[0]).toMatchObject({
      file: 'app/store.py',
      line: 5,
      text: '_kept.append(bytearray(5000))',
    });
    expect(report.budgets.find((b) => b.scenario === 'bench_peak')?.status).toBe('pass');
    expect(run.markdown()).toContain('💧 Leak check of <code>bench_leak</code>');
    // The terminal shows the leak per call the comment shows.
    const lines = run.markdown().split('\n');
    const commentRow = lines.find((line) => line.startsWith('| <code>bench_leak</code> |'))!;
    const leakColumn = lines
      .find((line) => line.startsWith('| Scenario |'))!
      .split(' | ')
      .findIndex((header) => /leak/i.test(header));
    expect(leakColumn).toBeGreaterThan(0);
    // The comment joins a figure and its unit with a no-break space; the terminal with a space.
    const leakCell = commentRow.split(' | ')[leakColumn].replaceAll('\u00a0', ' ');
    expect(leakCell).toMatch(/^[\d.]+ KiB/);
    expect(run.stdout).toMatch(/^scenario\s.*\sleak\/call \(head\)\s+status$/m);
    expect(run.stdout.split('\n').find((line) => line.startsWith('bench_leak '))).toContain(
      `  ${leakCell}  ok`,
    );
  });

  it('puts tracebacks on the changed sites when frames > 1, from the bench down to the site', async () => {
    const site = run.report().scenarios[0].sites.find((s) => s.file === 'app/store.py')!;
    expect(site.tracebackSide).toBe('head');
    const frames = site.tracebacks![0].frames.map((f) => `${f.file}:${f.line}`);
    expect(frames.slice(-2)).toEqual(['bench.py:7', 'app/store.py:5']);
    expect(run.markdown()).toContain('  File "bench.py", line 7, in bench_leak');
  });

  it('names the list comprehension line at the peak, the sites explaining ≥ 95 % of it', async () => {
    const peak = run.report().scenarios[1].peakSites!;
    expect(peak.sites[0]).toMatchObject({
      file: 'bench.py',
      line: 11,
      text: 'doubled = [row * 2 for row in ROWS]',
      changedLine: true,
    });
    const held = peak.sites.reduce((sum, s) => sum + s.headSize, 0);
    expect(held).toBeGreaterThanOrEqual(0.95 * peak.head!.peakBytes);
    expect(run.markdown()).toContain('⛰️ Sites at the peak of <code>bench_peak</code>');
  });

  it('diffs objects by type: 200 more bytearrays on head', async () => {
    const types = run.report().scenarios[2].objectTypes!;
    expect(types).toContainEqual({
      type: 'bytearray',
      baseGrowth: 10,
      headGrowth: 210,
      delta: 200,
    });
    expect(run.markdown()).toContain('| <code>bytearray</code> | +10 | +210 | +200 |');
  });

  it('shows steady functions as deterministic', async () => {
    expect(run.report().scenarios[2].deterministic).toBe(true);
  });
});

describe('noise and robustness (CLI, real git and Python)', () => {
  it('marks a site whose size depends on random as noisy, with ranges, and fails a ceiling only every run is over', async () => {
    const bench = {
      'bench.py': 'import random\nblob = bytearray(random.randint(100_000, 10_000_000))\n',
    };
    const run = await compare(
      { base: bench, head: bench },
      '--script',
      'bench.py',
      '--object-types',
      'false',
      '--budget',
      'retained: 1KB, 20MB',
    );
    const report = run.report();
    const [scenario] = report.scenarios;
    expect(scenario).toMatchObject({
      kind: 'script',
      repeats: { base: 3, head: 3 },
      deterministic: false,
    });
    expect(scenario.retained.noisy).toBe(true);
    const [low, high] = scenario.retained.headRange!;
    expect(low).toBeLessThan(high);
    // Every run retains 100 KB or more: over 1KB whatever the spread; never near 20MB.
    expect(run.code, run.stderr).toBe(1);
    expect(report.budgets.map((b) => [b.limit, b.status])).toEqual([
      ['1KB', 'fail'],
      ['20MB', 'pass'],
    ]);
    expect(report.budgets[0].reason).toMatch(/^every head repeat is over the limit: /);
    expect(run.markdown()).toContain('〰️ Noisy in <code>bench.py</code>');
    expect(run.stdout).toMatch(/^bench\.py\s.*ok, noisy\s*$/m);
  });

  it('fixes PYTHONHASHSEED on both sides unless the environment sets it', async () => {
    const bench = {
      'bench.py': 'import os\nprint("seed=%s" % os.environ.get("PYTHONHASHSEED"))\n',
    };
    const fixed = await compare(
      { base: bench, head: bench },
      '--script',
      'bench.py',
      '--repeats',
      '1',
    );
    expect(fixed.stderr.match(/seed=\S+/g)).toEqual(['seed=0', 'seed=0']);
    const chosen = await compare(
      { base: bench, head: bench, env: { PYTHONHASHSEED: '123' } },
      '--script',
      'bench.py',
      '--repeats',
      '1',
    );
    expect(chosen.stderr.match(/seed=\S+/g)).toEqual(['seed=123', 'seed=123']);
  });

  it('stops a side that runs past timeout-minutes, and still shows the other side', async () => {
    const run = await compare(
      {
        base: { 'bench.py': 'data = list(range(1000))\n' },
        head: { 'bench.py': 'import time\nprint("working", flush=True)\ntime.sleep(600)\n' },
      },
      '--script',
      'bench.py',
      '--repeats',
      '1',
      '--timeout-minutes',
      '0.1',
    );
    expect(run.code).toBe(3);
    const [scenario] = run.report().scenarios;
    expect(scenario.status).toBe('failed');
    expect(scenario.error).toMatchObject({ side: 'head', type: 'TimedOut' });
    expect(scenario.error?.message).toContain('timed out after 0.1 min');
    expect(scenario.error?.output).toContain('working');
    expect(scenario.peak.base).toBeGreaterThan(0);
  });

  it('reports sys.exit and a kill by signal with the last lines of output', async () => {
    const exits = await compare(
      {
        base: { 'bench.py': 'data = list(range(1000))\n' },
        head: {
          'bench.py':
            'import os, signal\nprint("about to go", flush=True)\nos.kill(os.getpid(), signal.SIGKILL)\n',
        },
      },
      '--script',
      'bench.py',
      '--repeats',
      '1',
    );
    expect(exits.code).toBe(3);
    const [killed] = exits.report().scenarios;
    expect(killed.error?.message).toContain('was killed by SIGKILL');
    expect(killed.error?.output).toContain('about to go');

    const exited = await compare(
      {
        base: { 'bench.py': 'data = list(range(1000))\n' },
        head: { 'bench.py': 'import sys\nprint("giving up")\nsys.exit(4)\n' },
      },
      '--script',
      'bench.py',
      '--repeats',
      '1',
    );
    expect(exited.code).toBe(3);
    const [scenario] = exited.report().scenarios;
    expect(scenario.error).toMatchObject({ side: 'head', type: 'SystemExit' });
    expect(scenario.error?.output).toContain('giving up');
    expect(exited.markdown()).toContain('SystemExit');
  });
});

describe('leaks and noise in bench_* functions (CLI, real git and Python)', () => {
  const STORE = (line: string) =>
    ['_kept = []', '', '', 'def remember():', `    ${line}`, ''].join('\n');
  /**
   * bench_leak calls the store; bench_regression replaces what its previous call held (no leak)
   * with `size` bytes and a jitter that goes up and down from call to call (0, +16,000, +2,000
   * bytes), as gc timing might.
   */
  const BENCH = (size: number) =>
    [
      'import itertools',
      '',
      'from app import store',
      '',
      '_calls = itertools.count()',
      '_held = None',
      'JITTER = (0, 16_000, 2_000)',
      '',
      '',
      'def bench_leak():',
      '    store.remember()',
      '',
      '',
      'def bench_regression():',
      '    global _held',
      '    _held = None',
      `    _held = bytearray(${size} + JITTER[next(_calls) % 3])`,
      '',
    ].join('\n');

  let run: Awaited<ReturnType<typeof compare>>;
  beforeAll(async () => {
    // Default repeats (3), no leak check.
    run = await compare(
      {
        base: {
          'app/__init__.py': '',
          'app/store.py': STORE('_kept.append(bytearray(100))'),
          'bench.py': BENCH(1_000),
        },
        head: {
          'app/__init__.py': '',
          // 10,000 objects kept per call: the list holding them is reallocated, larger, each call.
          'app/store.py': STORE('_kept.extend(bytes(100) for _ in range(10_000))'),
          'bench.py': BENCH(1_951_000),
        },
      },
      '--script',
      'bench.py',
      '--budget',
      'retained: +100KB',
    );
  }, 300_000);

  it('fails a retained budget on a per-call leak, and reports its growth per call, not noise', () => {
    expect(run.code, run.stderr).toBe(1);
    const report = run.report();
    expect(report.environment.repeats).toBe(3);
    const leak = report.scenarios.find((s) => s.name === 'bench_leak')!;
    expect(leak).toMatchObject({ kind: 'function', deterministic: false });
    expect(leak.retained.noisy).toBeUndefined();
    // 10,000 bytes objects of 133 bytes kept per call: about 1.3 MiB retained by each call.
    expect(leak.retained.head).toBeGreaterThan(1_300_000);
    const [low, high] = leak.retained.headRange!;
    expect(high).toBeGreaterThan(low);
    // What grows per call is the list's pointer array: 8 bytes per object, and some to spare.
    expect(leak.retained.headGrowth).toBeGreaterThanOrEqual(80_000);
    expect(leak.retained.headGrowth).toBe(Math.round((high - low) / 2));
    const budget = report.budgets.find((b) => b.scenario === 'bench_leak')!;
    expect(budget).toMatchObject({ metric: 'retained', status: 'fail' });
    expect(budget.noisy).toBeUndefined();
    // A function whose retained memory changed gets a leak check: what each call keeps.
    expect(report.environment.iterations).toBe(5);
    expect(leak.leak!.head).toBeGreaterThan(1_300_000);
    // In the units of the retained limit (+100KB here): decimal.
    expect(budget.leak).toBe(`leak: ${formatBytes(leak.leak!.head!, 'decimal')} kept per call`);
    const markdown = run.markdown();
    // The comment keeps a figure and its unit together with a no-break space.
    expect(markdown.replaceAll('\u00a0', ' ')).toContain(`(${budget.leak})`);
    expect(markdown).toContain('💧 Leak in <code>bench_leak</code>');
    expect(markdown).not.toContain('〰️ Noisy in <code>bench_leak</code>');
    expect(run.stdout).toMatch(/^bench_leak\s.*ok, rising \+[\d.]+ KiB\/call/m);
  });

  it('fails a big regression whose small jitter leaves base and head ranges apart', () => {
    const regression = run.report().scenarios.find((s) => s.name === 'bench_regression')!;
    expect(regression.retained).toMatchObject({ noisy: true });
    expect(regression.retained.headGrowth).toBeUndefined();
    const [, baseHigh] = regression.retained.baseRange!;
    const [headLow] = regression.retained.headRange!;
    expect(baseHigh - regression.retained.base!).toBeGreaterThanOrEqual(16_000);
    expect(headLow - baseHigh).toBeGreaterThan(1_900_000);
    const budget = run.report().budgets.find((b) => b.scenario === 'bench_regression')!;
    expect(budget).toMatchObject({ metric: 'retained', status: 'fail' });
    expect(budget.noisy).toBeUndefined();
    // Two warm calls a side prove nothing alone: the first calls, apart beyond what the warm
    // calls vary, make the change real.
    expect(regression.retained.fewRepeats).toBe(true);
    expect(budget.reason).toMatch(
      /^base's and head's first \(cold\) calls lie apart by more than they vary: head's [\d.]+–[\d.]+ MB against base's [\d.]+ (B|KB)–[\d.]+ KB, \+(1\.9\d|2\.0\d) MB at the nearest$/,
    );
    expect(run.markdown()).toContain('〰️ Noisy in <code>bench_regression</code>');
  });

  it('keeps a jitter whose ranges overlap a warning, with exit 0', async () => {
    const overlapping = await compare(
      {
        base: { 'app/__init__.py': '', 'app/store.py': STORE('pass'), 'bench.py': BENCH(100_000) },
        head: { 'app/__init__.py': '', 'app/store.py': STORE('pass'), 'bench.py': BENCH(105_000) },
      },
      '--script',
      'bench.py',
      '--budget',
      'retained: +1KB',
    );
    expect(overlapping.code, overlapping.stderr).toBe(0);
    const report = overlapping.report();
    expect(report.verdict).toBe('warn');
    const regression = report.scenarios.find((s) => s.name === 'bench_regression')!;
    expect(regression.retained.noisy).toBe(true);
    expect(regression.retained.delta).toBe(5_000);
    expect(report.budgets.find((b) => b.scenario === 'bench_regression')).toMatchObject({
      status: 'warn',
      noisy: true,
      reason:
        'the measurement is noisy: reported, not failed (two warm calls a side cannot tell a ' +
        'change from noise: `repeats: 4` or more tell)',
    });
  }, 300_000);
});

/**
 * A pull request that touches nothing the benchmark read on base is not measured on head: the
 * harness records the files it opened or imported and the folders it listed, and the diff is
 * checked against them. Through the bundled CLI, with real git and Python: sides one after the
 * other, or at the same time with base's measurement in the cache.
 */
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
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

const BASE = {
  'bench.py': [
    'from app.names import NAMES',
    '',
    'with open("data/rows.csv") as f:',
    '    ROWS = [line.split(",") for line in f] * 200',
    'KEEP = [bytearray(100) for _ in NAMES]',
    '',
  ].join('\n'),
  'app/__init__.py': '',
  'app/names.py': 'NAMES = ["a", "b"]\n',
  'data/rows.csv': 'x,y\n',
  'README.md': 'A project.\n',
};

async function compare(head: Record<string, string>, ...args: string[]) {
  const repo = repoOf(BASE, { ...BASE, ...head });
  const out = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-skip-'));
  cleanup.push(out);
  const result = await runCommand(
    declaredNode(),
    [CLI, '--base', 'HEAD~1', '--script', 'bench.py', '--parallel', 'false']
      .concat(['--json', join(out, 'r.json'), '--markdown', join(out, 'r.md')])
      .concat(args),
    { cwd: repo.dir },
  );
  expect(result.code, result.stderr).toBe(0);
  return {
    log: result.stderr,
    report: JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as Report,
    markdown: readFileSync(join(out, 'r.md'), 'utf8'),
  };
}

describe('skip-unchanged (CLI, real git and Python)', () => {
  it('does not run head when the pull request only edits a README, and says why', async () => {
    const run = await compare({ 'README.md': 'A project, documented.\n' });
    expect(run.report.noChange).toMatch(
      /^no change: this pull request touches nothing the benchmark reads: on base it read \d+ files of the repository/,
    );
    // bench.py, app/__init__.py, app/names.py and data/rows.csv at least.
    expect(Number(/read (\d+) files/.exec(run.report.noChange!)![1])).toBeGreaterThanOrEqual(4);
    expect(run.log).toContain('no change: this pull request touches nothing the benchmark reads');
    expect(run.log).not.toMatch(/Measuring head/);
    expect(run.markdown).toContain('Head: not run, no change: this pull request touches nothing');
    const [scenario] = run.report.scenarios;
    expect(scenario.retained.head).toBe(scenario.retained.base);
    expect(scenario.retained.base).toBeGreaterThan(0);
  }, 300_000);

  it('runs head when the pull request changes a data file the benchmark opens', async () => {
    const run = await compare({ 'data/rows.csv': 'x,y\nz,w\n' });
    expect(run.report.noChange).toBeUndefined();
    expect(run.log).toMatch(/Measuring head/);
    const [scenario] = run.report.scenarios;
    expect(scenario.retained.delta).toBeGreaterThan(0);
  }, 300_000);

  it('runs head when the pull request changes a module the benchmark imports', async () => {
    const run = await compare({ 'app/names.py': 'NAMES = ["a", "b", "c", "d"]\n' });
    expect(run.report.noChange).toBeUndefined();
    expect(run.log).toMatch(/Measuring head/);
    expect(run.report.scenarios[0].retained.delta).toBeGreaterThan(0);
  }, 300_000);

  it('runs head when a file is added to a folder the benchmark lists', async () => {
    const run = await compare({ 'app/extra.py': 'X = 1\n' });
    expect(run.report.noChange).toBeUndefined();
    expect(run.log).toMatch(/Measuring head/);
  }, 300_000);

  it('does not run head for a new document beside the script, but does for a new module', async () => {
    const notes = await compare({ 'NOTES.md': 'New notes.\n' });
    expect(notes.report.noChange).toMatch(/^no change: /);
    // A module beside the script could be imported in place of another.
    const module = await compare({ 'json.py': 'X = 1\n' });
    expect(module.report.noChange).toBeUndefined();
    expect(module.log).toMatch(/Measuring head/);
  }, 300_000);

  it('always runs head with skip-unchanged false', async () => {
    const run = await compare(
      { 'README.md': 'A project, documented.\n' },
      '--skip-unchanged',
      'false',
    );
    expect(run.report.noChange).toBeUndefined();
    expect(run.log).toMatch(/Measuring head/);
  }, 300_000);
});

describe('skip-unchanged with base in the cache, sides at the same time (CLI)', () => {
  // Every run of the benchmark leaves a file of a random name in MARKER_DIR (outside the
  // repository; each side's process may have the same PID, in a PID namespace of its own): none
  // means that neither side ran.
  const MARKED = {
    ...BASE,
    'bench.py': [
      'import os',
      'open(os.path.join(os.environ["MARKER_DIR"], os.urandom(8).hex()), "w").close()',
      BASE['bench.py'],
    ].join('\n'),
  };
  const folder = (prefix: string) => {
    const dir = mkdtempSync(join(realpathSync(tmpdir()), prefix));
    cleanup.push(dir);
    return dir;
  };

  async function compare(repoDir: string, cache: string, markers: string) {
    const out = folder('allocdiff-skip-cached-out-');
    const result = await runCommand(
      declaredNode(),
      [CLI, '--base', 'HEAD~1', '--script', 'bench.py', '--parallel', 'true']
        .concat(['--cache', cache, '--env', 'MARKER_DIR'])
        .concat(['--json', join(out, 'r.json'), '--markdown', join(out, 'r.md')]),
      { cwd: repoDir, env: { ...process.env, MARKER_DIR: markers } },
    );
    expect(result.code, result.stderr).toBe(0);
    return {
      log: result.stderr,
      report: JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as Report,
      markdown: readFileSync(join(out, 'r.md'), 'utf8'),
      runs: readdirSync(markers).length,
    };
  }

  it('runs neither side for a pull request that only edits a README, and says why', async () => {
    const repo = repoOf(MARKED, { ...MARKED, 'README.md': 'A project, documented.\n' });
    const cache = join(folder('allocdiff-skip-cached-'), 'measurements');
    // A first run fills the cache: both sides run, at the same time.
    const first = await compare(repo.dir, cache, folder('allocdiff-skip-marker-'));
    expect(first.log).toContain('base and head are measured at the same time');
    expect(first.runs).toBeGreaterThanOrEqual(2);
    expect(first.report.noChange).toBeUndefined();

    const run = await compare(repo.dir, cache, folder('allocdiff-skip-marker-'));
    expect(run.runs).toBe(0);
    expect(run.report.noChange).toMatch(
      /^no change: this pull request touches nothing the benchmark reads: on base it read \d+ files of the repository/,
    );
    expect(Number(/read (\d+) files/.exec(run.report.noChange!)![1])).toBeGreaterThanOrEqual(4);
    const base = repo.shas[0]!.slice(0, 7);
    expect(run.report.cached).toEqual([
      expect.stringMatching(new RegExp(`^base: cached measurement of ${base} from `)),
    ]);
    expect(run.log).toContain('no change: this pull request touches nothing the benchmark reads');
    expect(run.log).not.toMatch(/Measuring (base|head)/);
    expect(run.markdown).toContain('Head: not run, no change: this pull request touches nothing');
    expect(run.markdown).toContain(`Cached: base: cached measurement of ${base} from `);
    const [scenario] = run.report.scenarios;
    expect(scenario.retained.base).toBe(first.report.scenarios[0]!.retained.base);
    expect(scenario.retained.head).toBe(scenario.retained.base);
  }, 300_000);

  it('runs head alone when the pull request changes a data file the benchmark opens', async () => {
    const repo = repoOf(MARKED, { ...MARKED, 'data/rows.csv': 'x,y\nz,w\n' });
    const cache = join(folder('allocdiff-skip-cached-'), 'measurements');
    await compare(repo.dir, cache, folder('allocdiff-skip-marker-'));
    // Head's entry goes: a new push to the pull request is measured again.
    for (const name of readdirSync(cache)) {
      if (name.startsWith(`allocdiff-measurement-${repo.shas[1]!.slice(0, 12)}-`))
        rmSync(join(cache, name));
    }
    const run = await compare(repo.dir, cache, folder('allocdiff-skip-marker-'));
    expect(run.report.noChange).toBeUndefined();
    expect(run.report.cached).toEqual([expect.stringMatching(/^base: cached measurement of /)]);
    expect(run.runs).toBeGreaterThanOrEqual(1);
    expect(run.log).toMatch(/Measuring head/);
    expect(run.report.scenarios[0].retained.delta).toBeGreaterThan(0);
  }, 300_000);
});

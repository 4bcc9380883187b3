/**
 * The CLI's measurement cache (`--cache DIR`): a first run keeps each side's measurement in the
 * folder, a second takes them from there and says so, an entry that fails its checks is ignored
 * with a warning, and `--no-cache` measures every side. Through the bundled CLI, with real git
 * and Python.
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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
const bench = (n: number) => `KEEP = [bytearray(100) for _ in range(${n})]\n`;

function folder(prefix: string): string {
  const dir = mkdtempSync(join(realpathSync(tmpdir()), prefix));
  cleanup.push(dir);
  return dir;
}

describe('--cache DIR (CLI, real git and Python)', () => {
  const repo = repoOf({ 'bench.py': bench(1000) }, { 'bench.py': bench(2000) });
  const cache = join(folder('allocdiff-cache-'), 'measurements');
  const out = folder('allocdiff-cache-out-');
  const short = repo.shas.map((sha) => sha.slice(0, 7));

  async function compare(...args: string[]) {
    const json = join(out, 'r.json');
    const result = await runCommand(
      declaredNode(),
      [CLI, '--base', 'HEAD~1', '--head', 'HEAD', '--script', 'bench.py', '--json', json]
        .concat(['--markdown', join(out, 'r.md')])
        .concat(args),
      { cwd: repo.dir },
    );
    expect(result.code, result.stderr).toBe(0);
    return {
      log: result.stderr,
      stdout: result.stdout,
      report: JSON.parse(readFileSync(json, 'utf8')) as Report,
      markdown: readFileSync(join(out, 'r.md'), 'utf8'),
    };
  }

  let first: Report;

  it('a first run finds nothing, measures both sides and keeps them', async () => {
    const run = await compare('--cache', cache);
    expect(run.log).toContain(
      `base: no cached measurement of ${short[0]} in the cache folder ${cache}`,
    );
    expect(run.log).toContain(
      `base: measurement of ${short[0]} saved in the cache folder ${cache}`,
    );
    expect(run.log).toContain(
      `head: measurement of ${short[1]} saved in the cache folder ${cache}`,
    );
    expect(run.report.cached).toBeUndefined();
    const files = readdirSync(cache);
    expect(
      files.some((f) => f.startsWith(`allocdiff-measurement-${repo.shas[0]!.slice(0, 12)}-`)),
    ).toBe(true);
    first = run.report;
  }, 300_000);

  it('a second run takes both sides from the folder, says so, and reports the same figures', async () => {
    const run = await compare('--cache', cache);
    const said = (side: string, index: number) =>
      new RegExp(
        `^${side}: cached measurement of ${short[index]} from \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC$`,
      );
    expect(run.report.cached).toHaveLength(2);
    expect(run.report.cached![0]).toMatch(said('base', 0));
    expect(run.report.cached![1]).toMatch(said('head', 1));
    expect(run.log).not.toContain('no cached measurement');
    expect(run.stdout).toContain(`base: cached measurement of ${short[0]} from `);
    expect(run.markdown).toContain(`Cached: base: cached measurement of ${short[0]} from `);
    expect(run.report.scenarios).toEqual(first.scenarios);
  }, 300_000);

  it('entries of another commit under the right key are ignored with a warning', async () => {
    // Base's entries (its first run, and its run in depth): each claims head's commit.
    const names = readdirSync(cache).filter((f) =>
      f.startsWith(`allocdiff-measurement-${repo.shas[0]!.slice(0, 12)}-`),
    );
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const entry = JSON.parse(readFileSync(join(cache, name), 'utf8')) as {
        key: { commit: string };
      };
      entry.key.commit = repo.shas[1]!;
      writeFileSync(join(cache, name), JSON.stringify(entry));
    }
    const run = await compare('--cache', cache);
    expect(run.log).toContain(
      `base: the cached measurement ${names[0]!.replace(/\.json$/, '')} in the cache folder ` +
        `${cache} is ignored and base is measured: it is of commit "${repo.shas[1]}", not ` +
        repo.shas[0],
    );
    expect(run.report.cached).toEqual([expect.stringMatching(/^head: cached measurement/)]);
    expect(run.report.scenarios[0]!.retained).toEqual(first.scenarios[0]!.retained);
    // Measured again, base's entries are whole again.
    for (const name of names) {
      const entry = JSON.parse(readFileSync(join(cache, name), 'utf8')) as {
        key: { commit: string };
      };
      expect(entry.key.commit).toBe(repo.shas[0]);
    }
  }, 300_000);

  it('an entry whose snapshot is of an earlier snapshot version is ignored with a warning', async () => {
    const names = readdirSync(cache).filter((f) =>
      f.startsWith(`allocdiff-measurement-${repo.shas[1]!.slice(0, 12)}-`),
    );
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const entry = JSON.parse(readFileSync(join(cache, name), 'utf8')) as {
        snapshot: { schema: string };
      };
      entry.snapshot.schema = 'allocdiff.snapshot/3';
      writeFileSync(join(cache, name), JSON.stringify(entry));
    }
    const run = await compare('--cache', cache);
    expect(run.log).toMatch(
      /head: the cached measurement allocdiff-measurement-\S+ in the cache folder .* is ignored and head is measured: its snapshot has schema "allocdiff\.snapshot\/3", expected allocdiff\.snapshot\/4/,
    );
    expect(run.report.cached).toEqual([expect.stringMatching(/^base: cached measurement/)]);
    expect(run.report.scenarios[0]!.retained).toEqual(first.scenarios[0]!.retained);
  }, 300_000);

  it('--no-cache measures every side and reads nothing', async () => {
    const run = await compare('--cache', cache, '--no-cache');
    expect(run.log).not.toContain('cached measurement');
    expect(run.report.cached).toBeUndefined();
  }, 300_000);
});

describe('--cache DIR: a base measured in depth serves the deep passes of other heads', () => {
  // Base, then two heads that each keep more: each pull request's first pass differs from base.
  const repo = repoOf({ 'bench.py': bench(1000) }, { 'bench.py': bench(2000) });
  const cache = join(folder('allocdiff-cache-deep-'), 'measurements');
  const out = folder('allocdiff-cache-deep-out-');
  const base = repo.shas[0]!.slice(0, 7);

  async function compare(head: string, ...args: string[]) {
    const json = join(out, 'r.json');
    const result = await runCommand(
      declaredNode(),
      [CLI, '--base', repo.shas[0]!, '--head', head, '--script', 'bench.py', '--json', json]
        .concat(['--markdown', join(out, 'r.md'), '--cache', cache])
        .concat(args),
      { cwd: repo.dir },
    );
    expect(result.code, result.stderr).toBe(0);
    return { log: result.stderr, report: JSON.parse(readFileSync(json, 'utf8')) as Report };
  }

  it('another head that changes an allocation measures only itself, in both passes', async () => {
    const first = await compare(repo.shas[1]!);
    expect(first.log).toContain('Measuring in depth');
    expect(first.report.cached).toBeUndefined();
    writeFileSync(join(repo.dir, 'bench.py'), bench(3000));
    repo.git('commit', '-qam', 'keep more');
    const second = await compare(repo.git('rev-parse', 'HEAD'));
    // Base needs no run: head's first run and a repeat that counts objects run at once, and
    // the repeat proves the first run.
    expect(second.log).toContain('its first run and deep pass at once');
    expect(second.log).toContain(
      'the first run and a repeat at the same time (the other side needs no run); the repeat counts objects',
    );
    expect(second.log).toContain('2 identical runs, no further repeats');
    expect(second.log).not.toContain('Measuring in depth');
    expect(second.report.scenarios[0]!).toMatchObject({ identicalRuns: 2 });
    expect(second.report.scenarios[0]!.objectTypes).toBeDefined();
    expect(second.log).not.toContain(`base: no cached measurement of ${base}`);
    expect(second.log).not.toContain('base: measurement of');
    // Both of base's passes (the first run, the deep pass) came from the folder.
    const hits = second.log.match(new RegExp(`base: cached measurement of ${base}`, 'g')) ?? [];
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(second.report.cached).toEqual([
      expect.stringMatching(new RegExp(`^base: cached measurement of ${base} from `)),
    ]);
    expect(second.report.scenarios[0]!.retained.base).toBe(
      first.report.scenarios[0]!.retained.base,
    );
  }, 300_000);

  it('a deep pass that asks for sites at the peak the entry never looked for measures base', async () => {
    // Kept by a run that looked for none; the next (`peak-sites: auto`, a peak that changed) asks.
    for (const name of readdirSync(cache)) rmSync(join(cache, name), { recursive: true });
    await compare('HEAD', '--peak-sites', 'false');
    const run = await compare('HEAD');
    expect(run.log).toContain(
      `base: the cached measurement of ${base} did not look for the sites at the peak of bench.py`,
    );
    expect(run.log).toContain(`base: measurement of ${base} saved`);
    expect(run.report.scenarios[0]!.peakSites).toBeDefined();
  }, 300_000);

  it('a head that measures what base did ends at its first run, the repeat beside it released', async () => {
    await compare(repo.shas[1]!);
    // The script changes, its figures do not: the first runs agree, no deep pass is needed.
    writeFileSync(join(repo.dir, 'bench.py'), `# the same allocations\n${bench(1000)}`);
    repo.git('commit', '-qam', 'a comment');
    const run = await compare(repo.git('rev-parse', 'HEAD'));
    expect(run.log).toContain('its first run and deep pass at once');
    expect(run.log).toContain('base and head measured the same in a first run each');
    expect(run.log).not.toContain('what keeps the objects of');
    expect(run.report.environment.repeats).toBe(1);
    expect(run.report.scenarios[0]!.identicalRuns).toBeUndefined();
  }, 300_000);
});

/**
 * The CLI's cache folder remembers the interpreter's answer for the cache's keys: a run that the
 * cache serves (a pull request that edits a README, base cached) starts no interpreter at all,
 * and a run after the interpreter changed asks it again. Through the bundled CLI, with real git
 * and a real interpreter behind a pyenv-style shim that notes each start.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  utimesSync,
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
const folder = (prefix: string) => {
  const dir = mkdtempSync(join(realpathSync(tmpdir()), prefix));
  cleanup.push(dir);
  return dir;
};

const BASE = {
  'bench.py': 'KEEP = [bytearray(100) for _ in range(1000)]\n',
  'README.md': 'A project.\n',
};

describe('the interpreter remembered in the cache folder (CLI)', () => {
  // A pyenv-style root: shims/python3 notes each start in `starts`, then runs the version the
  // `version` file names; both versions are the interpreter python3 runs here.
  const root = folder('allocdiff-pyenv-');
  const real = execFileSync('python3', [
    '-I',
    '-S',
    '-c',
    'import os, sys; print(os.path.realpath(sys.executable))',
  ])
    .toString()
    .trim();
  for (const version of ['a', 'b']) {
    mkdirSync(join(root, 'versions', version, 'bin'), { recursive: true });
    symlinkSync(real, join(root, 'versions', version, 'bin', 'python3'));
  }
  mkdirSync(join(root, 'shims'));
  const shim = join(root, 'shims', 'python3');
  writeFileSync(
    shim,
    '#!/bin/sh\nset -e\n' +
      `export PYENV_ROOT="${root}"\n` +
      'echo "$$" >> "$PYENV_ROOT/starts"\n' +
      'exec "$PYENV_ROOT/versions/$(cat "$PYENV_ROOT/version")/bin/python3" "$@"\n',
    { mode: 0o755 },
  );
  writeFileSync(join(root, 'version'), 'a\n');
  // As old as an installed interpreter: what changed just now is not remembered by its times.
  const hourAgo = Date.now() / 1000 - 3600;
  for (const path of [shim, join(root, 'shims'), join(root, 'versions')])
    utimesSync(path, hourAgo, hourAgo);
  const starts = () =>
    existsSync(join(root, 'starts'))
      ? readFileSync(join(root, 'starts'), 'utf8').split('\n').filter(Boolean).length
      : 0;

  async function compare(repoDir: string, cache: string) {
    const out = folder('allocdiff-memo-out-');
    const result = await runCommand(
      declaredNode(),
      [CLI, '--base', 'HEAD~1', '--script', 'bench.py', '--cache', cache].concat([
        '--json',
        join(out, 'r.json'),
        '--markdown',
        join(out, 'r.md'),
      ]),
      {
        cwd: repoDir,
        env: { ...process.env, PATH: `${join(root, 'shims')}:${process.env.PATH}` },
      },
    );
    expect(result.code, result.stderr).toBe(0);
    return {
      log: result.stderr,
      report: JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as Report,
    };
  }

  it('starts no interpreter for a run its cache serves, and asks again once the version changed', async () => {
    const repo = repoOf(BASE, { ...BASE, 'README.md': 'A project, documented.\n' });
    const cache = join(folder('allocdiff-memo-cache-'), 'measurements');
    // The first run asks the interpreter, and measures both sides with it.
    const first = await compare(repo.dir, cache);
    expect(first.report.cached).toBeUndefined();
    expect(starts()).toBeGreaterThanOrEqual(2);
    expect(readdirSync(cache).some((name) => name.startsWith('allocdiff-interpreter-'))).toBe(true);

    const before = starts();
    const served = await compare(repo.dir, cache);
    expect(served.report.noChange).toMatch(/^no change: this pull request touches nothing/);
    expect(served.report.cached).toEqual([expect.stringMatching(/^base: cached measurement of /)]);
    expect(starts()).toBe(before);

    // `pyenv global b`: another interpreter (another executable), so another key for base.
    writeFileSync(join(root, 'version'), 'b\n');
    const changed = await compare(repo.dir, cache);
    expect(starts()).toBeGreaterThan(before);
    expect(changed.report.cached).toBeUndefined();
    expect(changed.log).toContain(`base: no cached measurement of ${repo.shas[0]!.slice(0, 7)}`);
  }, 300_000);
});

// The top folder and both commits from one git process (real git), when it gives way to
// one question at a time, and what the CLI starts of it before the run asks.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Git, resolveEarly } from '../../src/sides/git.js';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'allocdiff-git-resolve-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();

describe('Git.topLevelAndCommits', () => {
  git('init', '--quiet');
  writeFileSync(join(dir, 'a.txt'), 'one\n');
  git('add', 'a.txt');
  git('commit', '--quiet', '-m', 'one');
  writeFileSync(join(dir, 'a.txt'), 'two\n');
  git('commit', '--quiet', '-am', 'two');
  git('tag', 'v1', 'HEAD~1');
  mkdirSync(join(dir, 'sub'));

  it('gives the top folder and the commit each ref names, from a folder inside', async () => {
    const found = await new Git(join(dir, 'sub')).topLevelAndCommits(['v1', 'HEAD']);
    expect(found).toEqual({
      topLevel: dir,
      commits: [git('rev-parse', 'HEAD~1'), git('rev-parse', 'HEAD')],
    });
  });

  it('gives nothing when a ref names no commit, or names a file, or looks like an option', async () => {
    const repo = new Git(dir);
    expect(await repo.topLevelAndCommits(['no-such-branch', 'HEAD'])).toBeUndefined();
    // A file's name is printed back by rev-parse as it was given.
    expect(await repo.topLevelAndCommits(['a.txt', 'HEAD'])).toBeUndefined();
    expect(await repo.topLevelAndCommits(['--all', 'HEAD'])).toBeUndefined();
    expect(await repo.topLevelAndCommits(['HEAD^{tree}', 'HEAD'])).toBeUndefined();
  });

  it('gives nothing outside a repository', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'allocdiff-git-outside-'));
    try {
      expect(await new Git(outside).topLevelAndCommits(['HEAD', 'HEAD'])).toBeUndefined();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('resolveEarly', () => {
  it('resolves the sides, then diffs them, lists base and asks git status, all at once', async () => {
    const early = resolveEarly(dir, 'v1', 'HEAD', true);
    expect(early).toMatchObject({ repoDir: dir, base: 'v1', head: 'HEAD' });
    const resolved = await early.resolved;
    const repo = new Git(dir);
    expect(resolved).toMatchObject({
      topLevel: dir,
      commits: [git('rev-parse', 'HEAD~1'), git('rev-parse', 'HEAD')],
    });
    expect(await resolved!.diff).toBe(
      await repo.diff(git('rev-parse', 'HEAD~1'), git('rev-parse', 'HEAD')),
    );
    expect(await resolved!.baseEntries).toEqual(await repo.rootEntries(git('rev-parse', 'HEAD~1')));
    // The empty folder `sub` is no change; a new file is.
    expect(await resolved!.changes).toBe(false);
    writeFileSync(join(dir, 'sub', 'new.txt'), 'new\n');
    try {
      const again = await resolveEarly(dir, 'v1', 'HEAD', false).resolved;
      expect(await again!.changes).toBe(true);
      expect(again!.baseEntries).toBeUndefined();
    } finally {
      rmSync(join(dir, 'sub', 'new.txt'));
    }
  });

  it('resolves nothing when a ref does not resolve', async () => {
    expect(await resolveEarly(dir, 'no-such-branch', 'HEAD', true).resolved).toBeUndefined();
  });
});

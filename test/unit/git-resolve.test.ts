// The top folder and both commits from one git process (real git), and when it gives way to
// one question at a time.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Git } from '../../src/sides/git.js';

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

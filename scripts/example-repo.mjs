// Builds a real git repository whose commits are the folders given, in order: the demo,
// the tests and the benchmarks all start from one.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function git(dir, ...args) {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'allocdiff example',
      GIT_AUTHOR_EMAIL: 'example@allocdiff.invalid',
      GIT_COMMITTER_NAME: 'allocdiff example',
      GIT_COMMITTER_EMAIL: 'example@allocdiff.invalid',
    },
  }).trim();
}

/** Replaces the work tree (all but .git) with a copy of `tree` and commits it. */
export function commitTree(dir, tree, message) {
  for (const entry of readdirSync(dir)) {
    if (entry !== '.git') rmSync(join(dir, entry), { recursive: true, force: true });
  }
  cpSync(tree, dir, { recursive: true, filter: (source) => !source.includes('__pycache__') });
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/** A new repository in a temporary folder with one commit per tree; returns the SHAs too. */
export function createRepoFromTrees(trees, { prefix = 'allocdiff-example-' } = {}) {
  const dir = mkdtempSync(join(realpathSync(tmpdir()), prefix));
  git(dir, 'init', '--quiet', '--initial-branch=main');
  const shas = trees.map((tree, index) => commitTree(dir, tree, `commit ${index + 1}`));
  return { dir, shas, git: (...args) => git(dir, ...args) };
}

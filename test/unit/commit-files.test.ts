// The base commit's config file, read from git's objects as the loader reads files: what the
// checkout holds does not count, links are followed within the commit only, and what cannot be
// a config file is refused as it is in a checkout.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitFiles } from '../../src/config/commit-files.js';
import { loadConfig } from '../../src/config/load-config.js';
import { Git } from '../../src/sides/git.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'a',
      GIT_AUTHOR_EMAIL: 'a@example.invalid',
      GIT_COMMITTER_NAME: 'a',
      GIT_COMMITTER_EMAIL: 'a@example.invalid',
    },
  }).trim();
}

/** A repository with one commit of `files` (a value `{ link }` is a symbolic link). */
function commitOf(files: Record<string, string | { link: string }>) {
  const dir = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-commit-files-'));
  dirs.push(dir);
  git(dir, 'init', '--quiet');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    if (typeof content === 'string') writeFileSync(join(dir, path), content);
    else symlinkSync(content.link, join(dir, path));
  }
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', 'base');
  return { dir, sha: git(dir, 'rev-parse', 'HEAD') };
}

async function load(
  repo: { dir: string; sha: string },
  options: { projectDir?: string; configPath?: string } = {},
) {
  const projectDir = options.projectDir ?? repo.dir;
  const configPath = options.configPath && join(projectDir, options.configPath);
  const files = await commitFiles(
    new Git(repo.dir),
    repo.sha,
    'the base commit',
    repo.dir,
    projectDir,
    configPath,
  );
  return loadConfig({
    projectDir,
    inputs: {},
    nameInput: (key) => key,
    files,
    ...(configPath ? { configPath } : {}),
  });
}

describe("the base commit's config file", () => {
  it('is read from the commit, whatever the checkout holds now', async () => {
    const repo = commitOf({ 'allocdiff.yml': 'script: bench.py\nbudgets: {retained: +50KB}\n' });
    writeFileSync(join(repo.dir, 'allocdiff.yml'), 'script: bench.py\nfail-on: never\n');
    const config = await load(repo);
    expect(config.failOn).toBe('fail');
    expect(config.budgets.rules.map((rule) => rule.source)).toEqual(['retained: +50KB']);
    expect(config.configFile).toBe('allocdiff.yml');

    // A file the checkout added, and the commit does not have, is not read.
    rmSync(join(repo.dir, 'allocdiff.yml'));
    const bare = commitOf({ 'bench.py': '' });
    writeFileSync(join(bare.dir, 'allocdiff.yml'), 'fail-on: never\n');
    expect((await load(bare)).failOn).toBe('fail');
  });

  it('is looked for from the project folder up, and paths in it stay relative to its folder', async () => {
    const repo = commitOf({
      '.github/allocdiff.yml': 'script: pkg/bench.py\n',
      'pkg/pyproject.toml': '[tool.allocdiff]\nscript = "memory.py"\n',
    });
    expect((await load(repo)).script).toBe('pkg/bench.py');
    expect((await load(repo, { projectDir: join(repo.dir, 'pkg') })).script).toBe('memory.py');
  });

  it('follows a link within the commit, and refuses one that leads out of it', async () => {
    const inside = commitOf({
      'ci/memory.yml': 'script: bench.py\n',
      'allocdiff.yml': { link: 'ci/memory.yml' },
    });
    expect((await load(inside)).script).toBe('bench.py');
    const outside = commitOf({ 'allocdiff.yml': { link: '../../etc/passwd' } });
    await expect(load(outside)).rejects.toThrow(
      'allocdiff.yml: leads, through a symbolic link, outside the repository',
    );
    const absolute = commitOf({ 'allocdiff.yml': { link: '/etc/passwd' } });
    await expect(load(absolute)).rejects.toThrow('outside the repository');
  });

  it('refuses a named config that is a folder, missing, or larger than 1 MiB', async () => {
    const repo = commitOf({
      'ci/folder/x': '',
      'big.yml': `# ${'x'.repeat(1024 * 1024)}\n`,
    });
    await expect(load(repo, { configPath: 'ci/folder' })).rejects.toThrow(
      'ci/folder: is a directory in the base commit; a config file must be a regular file',
    );
    await expect(load(repo, { configPath: 'ci/none.yml' })).rejects.toThrow(
      'ci/none.yml: config file not found',
    );
    await expect(load(repo, { configPath: 'big.yml' })).rejects.toThrow(
      /big\.yml: is 1,048,579 bytes in the base commit; a config file may be at most 1,048,576 bytes/,
    );
  });
});

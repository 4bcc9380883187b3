import { $ } from 'zx/core';
import { RunFailure } from '../errors.js';

/** The only place that runs git. */
export class Git {
  constructor(readonly repoDir: string) {}

  async run(args: readonly string[]): Promise<string> {
    const result = await $({ cwd: this.repoDir, quiet: true, nothrow: true })`git ${args}`;
    if (result.exitCode !== 0) {
      throw new RunFailure(
        `git ${args.join(' ')} failed: ${result.stderr.trim() || `exit code ${result.exitCode}`}`,
      );
    }
    return result.stdout;
  }

  /** The commit a ref names, or undefined when this clone does not have it. */
  async commitOf(ref: string): Promise<string | undefined> {
    const result = await $({
      cwd: this.repoDir,
      quiet: true,
      nothrow: true,
    })`git rev-parse --verify --quiet ${`${ref}^{commit}`}`;
    return result.exitCode === 0 ? result.stdout.trim() : undefined;
  }

  async topLevel(): Promise<string> {
    return (await this.run(['rev-parse', '--show-toplevel'])).trim();
  }

  /** Tries to fetch one commit from `origin`; false when there is no origin or it refuses. */
  async tryFetch(sha: string): Promise<boolean> {
    const result = await $({
      cwd: this.repoDir,
      quiet: true,
      nothrow: true,
    })`git fetch --quiet --no-tags origin ${sha}`;
    return result.exitCode === 0;
  }

  async addWorktree(path: string, sha: string): Promise<void> {
    await this.run(['worktree', 'add', '--quiet', '--detach', '--force', path, sha]);
  }

  async removeWorktree(path: string): Promise<void> {
    await this.run(['worktree', 'remove', '--force', path]);
  }

  async pruneWorktrees(): Promise<void> {
    await this.run(['worktree', 'prune']);
  }

  /** `git diff -M` with no context lines: the input of the line map. */
  async diff(base: string, head: string): Promise<string> {
    return this.run([
      '-c',
      'core.quotePath=false',
      'diff',
      '-M',
      '--unified=0',
      '--no-color',
      '--no-ext-diff',
      base,
      head,
    ]);
  }
}

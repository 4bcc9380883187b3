import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Git } from './git.js';

export interface SideCheckouts {
  baseDir: string;
  headDir: string;
  /** Removes both worktrees and their folder; safe to call more than once (or at once). */
  dispose(): Promise<void>;
}

/**
 * Checks out base and head as detached worktrees. Their paths have equal length because
 * path strings live in memory too (code objects, `__file__`): unequal paths would show up
 * as a difference that the change did not make.
 */
export async function checkoutSides(
  git: Git,
  baseSha: string,
  headSha: string,
  tempRoot = process.env.RUNNER_TEMP || tmpdir(),
): Promise<SideCheckouts> {
  const root = await mkdtemp(join(await realpath(tempRoot), 'allocdiff-'));
  const baseDir = join(root, 'base');
  const headDir = join(root, 'head');
  let disposing: Promise<void> | undefined;
  // Every call waits for the one removal, wherever it was started.
  const dispose = (): Promise<void> =>
    (disposing ??= (async () => {
      for (const dir of [baseDir, headDir]) {
        await git.removeWorktree(dir).catch(() => undefined);
      }
      await rm(root, { recursive: true, force: true });
      await git.pruneWorktrees().catch(() => undefined);
    })());
  try {
    await git.addWorktree(baseDir, baseSha);
    await git.addWorktree(headDir, headSha);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { baseDir, headDir, dispose };
}

import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunFailure } from '../errors.js';
import { Git } from './git.js';

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

/**
 * Fails the run when the base checkout's tracked files are no longer the base commit's: head's
 * code runs as the same user beside it and can rewrite it, and base's figures would then be
 * those of other code. Files the commit does not have (build outputs, caches) are not judged.
 */
export async function verifyBaseCheckout(baseDir: string, baseSha: string): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'allocdiff-verify-'));
  let changed: string[];
  try {
    changed = await new Git(baseDir).changedFromCommit(baseSha, join(scratch, 'index'));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  if (changed.length === 0) return;
  const shown = changed.slice(0, 10).map((path) => JSON.stringify(path));
  throw new RunFailure(
    `the base checkout was modified during the run: ${changed.length} file(s) of the base ` +
      `commit ${baseSha.slice(0, 7)} changed or removed (${shown.join(', ')}` +
      `${changed.length > 10 ? `, and ${changed.length - 10} more` : ''}). Its figures may be ` +
      "those of other code, so nothing is reported: the head side's code (benchmark or setup) " +
      "can write there, as the same user. If base's own benchmark or setup writes these files, " +
      'make it write outside the checkout (e.g. to a temporary folder).',
  );
}

import { mkdtemp, readdir, readFile, realpath, rm, rmdir } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { RunFailure } from '../errors.js';
import { Git } from './git.js';

export interface SideCheckouts {
  baseDir: string;
  headDir: string;
  /** Removes both worktrees and their folder; safe to call more than once (or at once). */
  dispose(): Promise<void>;
}

const ROOT_PREFIX = 'allocdiff-';

/** What a run's worktrees are locked with: this process, on this machine. */
function lockReason(): string {
  return `allocdiff run ${process.pid} on ${hostname()}`;
}

/** Whether process `pid` of this machine still runs. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the worktrees that runs of this machine which ended without removing theirs (killed,
 * a crash) left: those locked by allocdiff for a process that no longer runs. Nothing else is
 * touched: not another run's worktrees (locked by a process that runs, or half made and not
 * locked by allocdiff yet), nor the user's (`git worktree prune` would remove another run's
 * half-made worktree).
 */
async function removeAbandonedCheckouts(git: Git): Promise<void> {
  const entries = join(await git.commonDir(), 'worktrees');
  const names = await readdir(entries).catch(() => [] as string[]);
  const owner = /^allocdiff run (\d+) on (.*)$/;
  for (const name of names) {
    const entry = join(entries, name);
    const lock = await readFile(join(entry, 'locked'), 'utf8').catch(() => '');
    const match = owner.exec(lock.trim());
    if (!match || match[2] !== hostname() || running(Number(match[1]))) continue;
    const gitFile = await readFile(join(entry, 'gitdir'), 'utf8').catch(() => '');
    const checkout = gitFile.trim() === '' ? undefined : dirname(gitFile.trim());
    // A checkout of allocdiff's own folder goes with its files, as the run would have removed it.
    if (checkout && basename(dirname(checkout)).startsWith(ROOT_PREFIX)) {
      await git.removeWorktree(checkout).catch(() => undefined);
      await rmdir(dirname(checkout)).catch(() => undefined);
    }
    await rm(entry, { recursive: true, force: true });
  }
}

/**
 * Checks out base and head as detached worktrees, in a new folder of this run's with names of
 * this run's (`base-<id>`, `head-<id>`), so that runs on one repository at once never share a
 * worktree entry; each is locked by this run until it is removed (see removeAbandonedCheckouts).
 * Their paths have equal length because path strings live in memory too (code objects,
 * `__file__`): unequal paths would show up as a difference that the change did not make.
 */
export async function checkoutSides(
  git: Git,
  baseSha: string,
  headSha: string,
  tempRoot = process.env.RUNNER_TEMP || tmpdir(),
): Promise<SideCheckouts> {
  await removeAbandonedCheckouts(git);
  const root = await mkdtemp(join(await realpath(tempRoot), ROOT_PREFIX));
  const id = basename(root).slice(ROOT_PREFIX.length);
  const baseDir = join(root, `base-${id}`);
  const headDir = join(root, `head-${id}`);
  let disposing: Promise<void> | undefined;
  // Every call waits for the one removal, wherever it was started.
  const dispose = (): Promise<void> =>
    (disposing ??= (async () => {
      for (const dir of [baseDir, headDir]) {
        await git.removeWorktree(dir).catch(() => undefined);
      }
      await rm(root, { recursive: true, force: true });
    })());
  // Both at once (each worktree has its own entry, index and HEAD); both settle before a failure
  // removes them.
  const added = await Promise.allSettled([
    git.addWorktree(baseDir, baseSha, lockReason()),
    git.addWorktree(headDir, headSha, lockReason()),
  ]);
  const failed = added.find((result) => result.status === 'rejected');
  if (failed) {
    await dispose();
    throw failed.reason;
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

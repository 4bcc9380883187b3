import { copyFile, lstat, mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Git } from './git.js';

/** The working tree as git would commit it with `git add --all`, beside the commit it is on. */
export interface WorkingTree {
  /** HEAD: the commit the working tree is on top of. */
  parent: string;
  /** The tree of the working tree: tracked files as they are now, untracked ones, not ignored. */
  tree: string;
  /** Whether that differs from HEAD's tree: staged or unstaged changes, or untracked files. */
  changed: boolean;
  /** What git could not add, in its words: left out of `tree`. */
  skipped: string[];
}

/**
 * Reads the working tree into a tree object through a private copy of the index: the
 * repository's index, branches, stash and files stay as they are (git only gains objects no
 * ref points to, which its garbage collection removes in time).
 */
export async function readWorkingTree(git: Git, parent: string): Promise<WorkingTree> {
  const dir = await mkdtemp(join(tmpdir(), 'allocdiff-index-'));
  const indexFile = join(dir, 'index');
  try {
    try {
      const index = await git.indexPath();
      await copyFile(index, indexFile);
      // git trusts a file's stamp only when it is older than the index's: the copy keeps the
      // index's time, so a file changed in the same instant the index was written is re-read.
      const { atime, mtime } = await stat(index);
      await utimes(indexFile, atime, mtime);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // No index yet (nothing was ever staged in this working tree): start from HEAD.
      await git.readTreeInto(indexFile, parent);
    }
    const { tree, skipped } = await git.workingTreeTree(indexFile);
    return { parent, tree, changed: tree !== (await git.treeOf(parent)), skipped };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A commit of the working tree on top of its HEAD, to check out and diff like any other. */
export function commitWorkingTree(git: Git, workingTree: WorkingTree): Promise<string> {
  return git.commitTree(
    workingTree.tree,
    workingTree.parent,
    'allocdiff: the working tree, uncommitted changes included',
  );
}

/** Untracked files above this size in all are worth a warning: they are likely not source. */
export const LARGE_UNTRACKED_BYTES = 10_000_000;

/**
 * What reading the working tree would copy of its untracked files (not ignored): their bytes
 * in all, and the top-level entries (a folder or a file) holding most, largest first.
 */
export async function untrackedSize(
  git: Git,
): Promise<{ bytes: number; largest: { path: string; bytes: number }[] }> {
  const root = await git.topLevel();
  const paths = await git.untrackedFiles();
  const sizes = await Promise.all(
    paths.map((path) =>
      lstat(join(root, path)).then(
        (stats) => (stats.isFile() ? stats.size : 0),
        () => 0, // gone since git listed it
      ),
    ),
  );
  const byEntry = new Map<string, number>();
  let bytes = 0;
  paths.forEach((path, index) => {
    const slash = path.indexOf('/');
    const entry = slash === -1 ? path : path.slice(0, slash + 1);
    byEntry.set(entry, (byEntry.get(entry) ?? 0) + sizes[index]);
    bytes += sizes[index];
  });
  const largest = [...byEntry]
    .map(([path, size]) => ({ path, bytes: size }))
    .sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1))
    .slice(0, 3);
  return { bytes, largest };
}

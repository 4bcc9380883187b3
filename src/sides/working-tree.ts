import { copyFile, mkdtemp, rm } from 'node:fs/promises';
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
      await copyFile(await git.indexPath(), indexFile);
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

import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRepoFromTrees } from '../../scripts/example-repo.mjs';

/** Writes a folder of files ({"app/x.py": "..."}) into a new temporary directory. */
export function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-tree-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/**
 * `repoOf(...trees)`: a git repository with one commit per tree (oldest first), its folders
 * added to `cleanup` for the test file's afterAll.
 */
export function repoMaker(cleanup: string[]) {
  return (...trees: Record<string, string>[]) => {
    const dirs = trees.map(writeTree);
    const repo = createRepoFromTrees(dirs);
    cleanup.push(repo.dir, ...dirs);
    return repo;
  };
}

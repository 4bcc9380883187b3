import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes a folder of files ({"app/x.py": "..."}) into a new temporary directory. */
export function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-tree-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

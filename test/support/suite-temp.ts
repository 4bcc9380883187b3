// vitest's globalSetup: the whole suite runs with a temporary folder of its own (TMPDIR, which
// the test workers and every process they start inherit), and the run fails when anything is
// left in it at the end: what a test or a run of allocdiff makes there, it must remove.
import { chmodSync, mkdtempSync, readdirSync, realpathSync, rmSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function setup(): () => void {
  const before = process.env.TMPDIR;
  const dir = mkdtempSync(join(realpathSync(tmpdir()), 'suite-temp-'));
  // Others may pass through (not list it): the tests run the action as a user that is not root.
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    // Each thing left, with what it holds (`allocdiff-XXXXXX/report.md`), to tell who made it.
    const left = readdirSync(dir)
      .sort()
      .map((name) => {
        const inside = lstatSync(join(dir, name)).isDirectory() ? readdirSync(join(dir, name)) : [];
        return inside.length === 0 ? name : `${name}/{${inside.sort().join(',')}}`;
      });
    rmSync(dir, { recursive: true, force: true });
    if (left.length === 0) return;
    process.exitCode = 1;
    throw new Error(
      `the tests left ${left.length} file(s) or folder(s) in the temporary folder (now removed): ` +
        `${left.join(', ')}. A test removes what it makes there, and so does each run of allocdiff.`,
    );
  };
}

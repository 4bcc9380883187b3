import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { UsageError } from '../errors.js';

/** Is `path` inside `folder` (or `folder` itself), as written: links are not followed. */
export function inside(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest));
}

/**
 * Refuses a benchmark script that a checkout holds as a symbolic link to a file outside it: run
 * as Python, the file's text would come back in error messages and in the report. A script that
 * is not there is left to the side to report.
 */
export async function refuseScriptOutside(
  script: string,
  checkouts: Readonly<Record<'base' | 'head', string>>,
): Promise<void> {
  for (const [side, dir] of Object.entries(checkouts)) {
    let target: string;
    try {
      target = await realpath(join(dir, script));
    } catch {
      continue;
    }
    if (!inside(await realpath(dir), target)) {
      throw new UsageError(
        `script "${script}" in the ${side} commit leads, through a symbolic link, outside the ` +
          'repository; the benchmark must be a file of the repository',
      );
    }
  }
}

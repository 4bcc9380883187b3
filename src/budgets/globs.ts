import picomatch from 'picomatch';

// `dot`: `.venv/**` and `**` must reach dot folders too; a hidden path is still a path.
// `strictBrackets`: an unclosed `[` or `{` is a mistake to report, not a literal to match.
const OPTIONS = { dot: true, strictBrackets: true } as const;

/** Why a glob cannot be used, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'an empty glob matches nothing';
  if (glob.startsWith('/') || glob.startsWith('./')) {
    return `"${glob}" cannot match: paths are repository-relative, like app/cache.py; drop the leading ${glob.startsWith('/') ? '/' : './'}`;
  }
  try {
    picomatch.makeRe(glob, OPTIONS);
  } catch (error) {
    return `"${glob}" is not a valid glob: ${(error as Error).message}`;
  }
  return undefined;
}

/** A test for "matches any of these globs"; the globs must have passed `globProblem`. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  return picomatch([...globs], OPTIONS);
}

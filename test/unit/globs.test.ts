import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGlob, GLOB_LIMITS, globMatcher, globProblem } from '../../src/budgets/globs.js';

const matches = (glob: string, path: string): boolean => compileGlob(glob)(path);

describe('glob matching', () => {
  it.each([
    // glob, path, matches
    ['*.py', 'cache.py', true],
    ['*.py', 'app/cache.py', false],
    ['app/*.py', 'app/cache.py', true],
    ['**/*.py', 'cache.py', true],
    ['**/*.py', 'app/core/cache.py', true],
    ['**/*.py', '.venv/lib/x.py', true],
    ['app/**/cache.py', 'app/cache.py', true],
    ['app/**/cache.py', 'app/a/b/cache.py', true],
    ['app/**/cache.py', 'application/cache.py', false],
    ['site-packages/**', 'site-packages/numpy/core.py', true],
    ['site-packages/**', 'site-packages', true],
    ['site-packages/**', 'site-packages-extra/x.py', false],
    ['<stdlib>/**', '<stdlib>/json/decoder.py', true],
    ['**', 'a/b/c.py', true],
    ['test_?.py', 'test_1.py', true],
    ['test_?.py', 'test_12.py', false],
    ['a?b', 'a/b', false],
    ['?.py', '\u{1F600}.py', true],
    ['[abc].py', 'b.py', true],
    ['[a-c].py', 'd.py', false],
    ['[!a-c].py', 'd.py', true],
    ['[^a-c].py', 'a.py', false],
    ['[!a]', '/', false],
    ['[[:digit:]]x', '7x', true],
    ['[]]', ']', true],
    ['{app,lib}/**', 'lib/x.py', true],
    ['{app,lib}/**', 'src/x.py', false],
    ['{app/core,lib}/*.py', 'app/core/x.py', true],
    ['x{a,{b,c}}', 'xc', true],
    ['{,pre_}x', 'x', true],
    ['{,pre_}x', 'pre_x', true],
    ['{a}', '{a}', true],
    ['{a}', 'a', false],
    ['v{1..12}', 'v10', true],
    ['v{1..12}', 'v13', false],
    ['{a..c}', 'b', true],
    ['\\*', '*', true],
    ['\\*', 'a', false],
    ['a|b+c@d', 'a|b+c@d', true],
    ['!tests/**', 'tests/x.py', false],
    ['!tests/**', 'app/x.py', true],
    ['bench_*', 'bench_ingest', true],
    ['tests/x.py::test_\\[a\\]', 'tests/x.py::test_[a]', true],
    // `*` and `**` do not reach the segments `.` and `..`; written out, they match.
    ['*', '..', false],
    ['*', '.hidden', true],
    ['**', '../x.py', false],
    ['**/x.py', 'a/../x.py', false],
    ['../*.py', '../x.py', true],
    ['?', '.', true],
    ['*', '', false],
  ])('%s against %s: %s', (glob, path, expected) => {
    expect(matches(glob, path)).toBe(expected);
  });

  it('takes time linear in the path, whatever the glob: a 25-star glob on a 120-character path', () => {
    // A regular expression backtracks through every way of splitting the path among the
    // stars: minutes here. The automaton follows every way at once.
    const glob = `${'*a'.repeat(25)}b`;
    const started = performance.now();
    const matcher = compileGlob(glob);
    expect(matcher('a'.repeat(120))).toBe(false);
    expect(matcher(`${'a'.repeat(120)}b`)).toBe(true);
    expect(globMatcher([`${'**/'.repeat(20)}${'*a'.repeat(20)}?`])(`${'a/'.repeat(60)}a`)).toBe(
      false,
    );
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('matches the longest glob allowed against a 4,096-character path in bounded time', () => {
    const glob = `${'{a,*}'.repeat(GLOB_LIMITS.length / 5 - 1)}b`.slice(0, GLOB_LIMITS.length);
    expect(globProblem(glob)).toBeUndefined();
    const started = performance.now();
    expect(compileGlob(glob)('a'.repeat(4_096))).toBe(false);
    // About 2.5 million steps (states × characters): under a second, with room for a busy machine.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('matches as picomatch did, for the globs people write', () => {
    // Globs of literals, *, ?, sets, braces and ** segments, over paths that may hold
    // `.` and `..` segments.
    const segment = fc.oneof(
      fc.constant('**'),
      fc
        .array(fc.constantFrom('a', 'b', '*', '?', '[ab]', '[^a]', '{a,b}', '{a,.b}', '.x'), {
          minLength: 1,
          maxLength: 4,
        })
        .map((parts) => parts.join('')),
    );
    const glob = fc
      .array(segment, { minLength: 1, maxLength: 4 })
      // picomatch does not match `b` with `*/**` (it does match `a` with `a/**`): left out.
      .filter((segments) => segments.length < 2 || segments.at(-1) !== '**')
      .map((segments) => segments.join('/'))
      // Two stars inside a name are refused (picomatch read them as one).
      .filter((written) => globProblem(written) === undefined);
    const path = fc
      .array(fc.array(fc.constantFrom('a', 'b', '.', 'x'), { minLength: 1, maxLength: 3 }), {
        minLength: 1,
        maxLength: 4,
      })
      .map((segments) => segments.map((chars) => chars.join('')).join('/'));
    fc.assert(
      fc.property(glob, fc.array(path, { minLength: 1, maxLength: 10 }), (written, paths) => {
        const reference = picomatch(written, { dot: true, strictBrackets: true });
        const matcher = compileGlob(written);
        for (const candidate of paths) {
          expect([written, candidate, matcher(candidate)]).toEqual([
            written,
            candidate,
            reference(candidate),
          ]);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('answers "any of these globs", each path once', () => {
    const ignored = globMatcher(['tests/**', '*.pyi']);
    expect(['tests/a.py', 'x.pyi', 'app/x.py'].map(ignored)).toEqual([true, true, false]);
    expect(globMatcher([])('anything')).toBe(false);
  });
});

describe('globProblem', () => {
  it.each([
    [
      '[abc',
      'at character 1, [ is not closed; close the set with ], or write \\[ to match a bracket',
    ],
    [
      'src/{a,b',
      'at character 5, { is not closed; close the alternatives with }, or write \\{ to match a brace',
    ],
    [
      '@(a|b)',
      'at character 2, ( is not glob syntax: groups and extglobs like @(a|b) are not supported; ' +
        'write alternatives as {a,b}, or \\( to match a parenthesis',
    ],
    [
      'a)',
      'at character 2, ) is not glob syntax: groups and extglobs like @(a|b) are not supported; ' +
        'write alternatives as {a,b}, or \\) to match a parenthesis',
    ],
    [
      '**.py',
      'at character 1, ** is not a glob part: ** stands for whole folders, as in "tests/**" or ' +
        '"**/conftest.py", and * for part of a name, as in "test_*.py"',
    ],
    [
      'a/***/b',
      'at character 3, *** is not a glob part: ** stands for whole folders, as in "tests/**" or ' +
        '"**/conftest.py", and * for part of a name, as in "test_*.py"',
    ],
    ['[z-a]', 'at character 2, the range z-a is reversed; write a-z'],
    [
      '[[:letter:]]',
      'at character 2, [:letter:] is not a character class; known: alnum, alpha, digit, lower, upper, space, punct, xdigit, word',
    ],
    ['a\\', 'at character 2, a glob cannot end with \\; write \\\\ to match a backslash'],
    ['!', '! alone matches every path; a leading ! matches what the glob after it does not'],
    [
      '!(a)',
      'at character 2, ( is not glob syntax: groups and extglobs like @(a|b) are not supported; write alternatives as {a,b}, or \\( to match a parenthesis',
    ],
    [
      '!x/[a',
      'at character 4, [ is not closed; close the set with ], or write \\[ to match a bracket',
    ],
  ])('%s: %s', (glob, problem) => {
    expect(globProblem(glob)).toBe(`${JSON.stringify(glob)} is not a valid glob: ${problem}`);
  });

  it('refuses globs longer than the limit, or braces that expand past it', () => {
    const long = 'a'.repeat(GLOB_LIMITS.length + 1);
    expect(globProblem(long)).toBe(
      `"${'a'.repeat(75)}…" is not a valid glob: it has ${GLOB_LIMITS.length + 1} characters; ` +
        `a glob may have at most ${GLOB_LIMITS.length}`,
    );
    expect(globProblem('v{1..1000000}')).toBe(
      `"v{1..1000000}" is not a valid glob: at character 2, the range {1..1000000} has more than ` +
        `${GLOB_LIMITS.states} values`,
    );
    expect(globProblem('{1..9999}')).toBe(
      `"{1..9999}" is not a valid glob: its braces expand to more than ` +
        `${GLOB_LIMITS.states} states; write fewer alternatives`,
    );
  });

  it('keeps the existing checks', () => {
    expect(globProblem('')).toBe('an empty glob matches nothing');
    expect(globProblem('/abs/**')).toBe(
      '"/abs/**" cannot match: paths are repository-relative, like app/cache.py; drop the leading /',
    );
    expect(globProblem('tests/**')).toBeUndefined();
  });
});

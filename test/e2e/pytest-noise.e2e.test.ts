// A pull request that changes nothing a suite's memory depends on, on a suite whose tests use
// randomness (a cache that evicts at random, random sizes): their figures differ between
// calls on each side, so nothing is reported as a regression, and the leak check, run once per
// side, is noisy rather than a headline.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pytestAvailable, runReport } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

/** A parser cache that evicts a random sample when full, filled with random expressions. */
function suite(comment: string): Record<string, string> {
  return {
    'pkg/__init__.py': '',
    'pkg/parser.py':
      'import random\n\nCACHE = {}\nMAX = 64\n\n\n' +
      'def parse(expression):\n' +
      '    if expression not in CACHE:\n' +
      '        if len(CACHE) >= MAX:\n' +
      '            for key in random.sample(list(CACHE), 8):\n' +
      '                del CACHE[key]\n' +
      '        CACHE[expression] = bytearray(len(expression) * 40)\n' +
      '    return CACHE[expression]\n',
    'tests/test_parser.py':
      `${comment}import random\n\nfrom pkg.parser import parse\n\n\n` +
      'def test_parse_random_expressions():\n' +
      '    for _ in range(40):\n' +
      '        parse("a." * random.randint(1, 60))\n\n\n' +
      'def test_parse_one():\n    assert parse("a.b") is parse("a.b")\n',
  };
}

describe('pytest mode on a suite that uses randomness', () => {
  it.skipIf(!pytestAvailable)(
    'reports no regression for a change that alters no memory: the random tests are noise',
    async () => {
      const repo = repoOf(suite(''), suite('# Parsing tests.\n'));
      const { code, log, report, markdown } = await runReport(
        repo.dir,
        [
          '--base',
          'HEAD~1',
          '--command',
          'python3 -m pytest -q -p no:cacheprovider tests',
          // Every test traced: the random tests run beside the one whose file changed.
          '--no-select-tests',
        ],
        { name: `${repo.shas[1]}-noise` },
      );
      expect(code, log).toBe(0);
      expect(report.verdict).toBe('pass');
      const random = report.scenarios.find(
        (s) => s.name === 'tests/test_parser.py::test_parse_random_expressions',
      )!;
      // Its calls differ: any leak figure the check took once per side is noise, not a leak.
      if (random.leak && random.leak.delta) expect(random.leak.noisy).toBe(true);
      const comment = markdown;
      const verdict = comment.split('\n')[3];
      expect(verdict, comment).not.toContain('📈');
      expect(verdict, comment).not.toMatch(/grew/);
    },
    300_000,
  );
});

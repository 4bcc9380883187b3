// A unittest test with subTest under leak ceilings: the deep pass calls its body again, and
// pytest would keep a report per subtest per call. Those are pytest's, not the test's (a real
// run calls it once): a test that keeps nothing passes its ceilings, one that keeps something
// per call still fails them, at its own line.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pytestAvailable, runReport } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

const NAME = 'tests/test_split.py::TestSplit::test_cases';

/** `split` keeps `keep` copies of each text it splits (0: nothing); `note` is a comment. */
function suite(keep: number, note = ''): Record<string, string> {
  return {
    'pkg/__init__.py': '',
    'pkg/split.py':
      `_seen = []\n${note}\n\ndef split(text):\n` +
      (keep > 0 ? `    _seen.append(text * ${keep})\n` : '') +
      '    return [part.strip() for part in text.split(",")]\n',
    'tests/test_split.py':
      'import unittest\n\nimport pytest\n\nfrom pkg.split import split\n\n' +
      'CASES = ["a, b, c", "d,e", "f", "g, h"] * 5\n\n\n' +
      'class TestSplit(unittest.TestCase):\n' +
      '    @pytest.mark.allocdiff(leak="1KB")\n' +
      '    @pytest.mark.limit_leaks("16 KB")\n' +
      '    def test_cases(self):\n' +
      '        for text in CASES:\n' +
      '            with self.subTest(text=text):\n' +
      '                self.assertTrue(split(text))\n\n' +
      '    def test_one(self):\n' +
      '        self.assertEqual(split("a,b"), ["a", "b"])\n',
  };
}

function run(dir: string, head: string, name: string) {
  return runReport(
    dir,
    [
      '--base',
      'HEAD~2',
      '--head',
      head,
      '--command',
      'python3 -m pytest -q -p no:cacheprovider tests',
    ],
    { name },
  );
}

describe.skipIf(!pytestAvailable)('pytest mode on a unittest test with subTest', () => {
  it("keeps pytest's subtest reports out of the leak check: nothing kept passes, a leak fails", async () => {
    const repo = repoOf(suite(0), suite(0, '# split on commas'), suite(400));
    const name = repo.dir.split('/').pop()!;

    // Head changes a comment only: the test keeps nothing per call, on either side.
    const same = await run(repo.dir, 'HEAD~1', `${name}-same`);
    expect(same.code, same.log).toBe(0);
    const quiet = same.report.scenarios.find((s) => s.name === NAME)!;
    expect(quiet.leak, same.log).toMatchObject({ base: 0, head: 0 });
    const rules = same.report.budgets.filter((b) => b.scenario === NAME);
    expect(
      rules.map((b) => `${b.metric} ${b.status}`).sort(),
      JSON.stringify(rules, null, 1),
    ).toEqual(['leak pass', 'site pass']);
    // Measured in depth for its marker alone, and the log says so.
    expect(same.log).toContain('in depth: 1 test that did not differ, for its leak budget marker');
    // pytest's own tally is one run's: 20 subtests, not 20 per call.
    expect(same.log).toMatch(/\[head\] 2 passed, 20 subtests passed in /);

    // Head keeps 20 texts of 400 copies per call: a leak, at its line, over both ceilings.
    const leaking = await run(repo.dir, 'HEAD', `${name}-leak`);
    expect(leaking.code, leaking.log).toBe(1);
    const test = leaking.report.scenarios.find((s) => s.name === NAME)!;
    expect(test.leak!.head, leaking.log).toBeGreaterThan(20 * 1_000);
    expect(test.leak!.head).toBeLessThan(20 * 2_500);
    expect(test.leakSites?.[0]).toMatchObject({ file: 'pkg/split.py', line: 5 });
    const failed = leaking.report.budgets.filter((b) => b.scenario === NAME);
    expect(failed).toHaveLength(2);
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ metric: 'leak', status: 'fail' }),
        expect.objectContaining({ metric: 'site', status: 'fail', site: 'pkg/split.py:5' }),
      ]),
    );
  }, 400_000);
});

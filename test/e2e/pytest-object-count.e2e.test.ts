// pytest mode: objects by type are counted (two walks of the whole heap per test) for the tests
// measured in depth whose retained memory changed most in the first run, `object-types-tests` of
// them; a test whose peak alone changed is not counted (the counts, before and after a call,
// explain what it keeps); the report says once how many others were not counted, and
// `object-types-tests: 0` counts every one.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { pytestAvailable, runReport } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

/** Objects each changed test keeps per call on head, by test: the first grows most. */
const KEPT = { test_most: 400, test_more: 300, test_less: 200, test_least: 100 };

/** Each test keeps `kept` objects of a class of its own per call (none on base); two never change. */
function suite(head: boolean): Record<string, string> {
  const tests = Object.entries(KEPT).map(
    ([name, kept]) =>
      `class ${name.slice(5).toUpperCase()}:\n    pass\n\n\n` +
      `def ${name}():\n    HELD.extend(${name.slice(5).toUpperCase()}() for _ in range(${head ? kept : 0}))\n\n\n`,
  );
  return {
    'tests/test_objects.py':
      'HELD = []\n\n\n' +
      tests.join('') +
      `def test_peak_only():\n    assert len([PEAK() for _ in range(${head ? 3000 : 10})]) > 0\n\n\n` +
      'class PEAK:\n    pass\n\n\n' +
      'def test_same():\n    assert len([str(i) for i in range(100)]) == 100\n\n\n' +
      'def test_same_too():\n    assert sum(range(10)) == 45\n',
  };
}

const NAME = (test: string) => `tests/test_objects.py::${test}`;

describe('pytest mode: objects by type of the tests whose retained memory changed most', () => {
  const run = async (repo: { dir: string; shas: string[] }, most: string) => {
    const { code, log, stdout, report, markdown } = await runReport(
      repo.dir,
      [
        '--base',
        'HEAD~1',
        '--command',
        'python3 -m pytest -q -p no:cacheprovider tests',
        '--object-types-tests',
        most,
      ],
      { name: `${repo.shas[1]}-objects-${most}` },
    );
    expect(code, log).toBe(0);
    // The tests whose growth by type the report holds, and that growth on head.
    const counted = Object.fromEntries(
      report.scenarios
        .filter((s) => s.objectTypes !== undefined)
        .map((s) => [
          s.name,
          Object.fromEntries(s.objectTypes!.map((t) => [t.type, t.headGrowth])),
        ]),
    );
    return { report, counted, stdout, markdown };
  };

  it.skipIf(!pytestAvailable)(
    'counts them for the N tests that kept most, not where the peak alone changed, says so once, and for every test with 0',
    async () => {
      const repo = repoOf(suite(false), suite(true));

      const two = await run(repo, '2');
      // Every changed test measured in depth all the same: its repeats and its leak per call.
      for (const test of [...Object.keys(KEPT), 'test_peak_only']) {
        const scenario = two.report.scenarios.find((s) => s.name === NAME(test))!;
        expect(scenario.repeats, test).toEqual({ base: 3, head: 3 });
        if (test !== 'test_peak_only') expect(scenario.leak?.delta, test).toBeGreaterThan(0);
      }
      expect(two.counted).toEqual({
        [NAME('test_most')]: { 'test_objects.MOST': 400 },
        [NAME('test_more')]: { 'test_objects.MORE': 300 },
      });
      expect(two.report.objectsNotCounted).toEqual({
        count: 3,
        why:
          'objects by type counted for the 2 of 5 tests measured in depth whose retained memory ' +
          'changed most in a first run, not for the other 3 (1 of them kept the same memory on ' +
          'both sides: the counts, made before and after a call, explain what a call keeps)',
      });
      const line =
        'Objects by type counted for the 2 of 5 tests measured in depth whose retained memory ' +
        'changed most in a first run, not for the other 3 (1 of them kept the same memory on ' +
        'both sides: the counts, made before and after a call, explain what a call keeps)';
      expect(two.markdown).toContain(
        `<sub>🧮 ${line} (&#96;object-types-tests: 0&#96; counts every test).</sub>`,
      );
      expect(two.stdout).toContain(`${line} (\`object-types-tests: 0\` counts every test).`);

      // Every test whose retained memory changed, the one whose peak alone did not.
      const five = await run(repo, '5');
      expect(Object.keys(five.counted).sort()).toEqual(
        Object.keys(KEPT)
          .map((test) => NAME(test))
          .sort(),
      );
      expect(five.report.objectsNotCounted).toEqual({
        count: 1,
        why:
          'objects by type counted for the 4 of 5 tests measured in depth whose retained memory ' +
          'changed in a first run, not for the other 1 (they kept the same memory on both ' +
          'sides: the counts, made before and after a call, explain what a call keeps)',
      });

      const every = await run(repo, '0');
      expect(every.counted).toMatchObject({
        [NAME('test_most')]: { 'test_objects.MOST': 400 },
        [NAME('test_more')]: { 'test_objects.MORE': 300 },
        [NAME('test_less')]: { 'test_objects.LESS': 200 },
        [NAME('test_least')]: { 'test_objects.LEAST': 100 },
      });
      expect(Object.keys(every.counted)).toContain(NAME('test_peak_only'));
      expect(every.report.objectsNotCounted).toBeUndefined();
      expect(every.markdown).not.toContain('🧮 Objects by type counted');
      // What was measured otherwise is the same either way.
      const figures = (report: Report) =>
        report.scenarios.map((s) => [s.name, s.peak, s.retained, s.leak?.delta]);
      expect(figures(every.report)).toEqual(figures(two.report));
    },
    240_000,
  );
});

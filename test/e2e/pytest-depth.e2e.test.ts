// pytest mode in depth: the tests that differed in the first run, and only those, run again;
// their repeats tell a regression from a flaky test, the leak check names what each call keeps,
// and the top changed site comes with its call path and the sites at its peak.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pytestAvailable, runReport, testTemp } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

const FILES = 8;
const CASES = 25;

/**
 * `FILES` × `CASES` unchanged parametrized tests, and three that change: one that keeps
 * `kept` bytes in a module list (a regression when it grows), one that keeps a random amount
 * (flaky on both sides), and one that adds `leaked` bytes to a cache on every call (a leak).
 * Every test appends its node id to the file named by `CALLS_FILE`, so the runs can be counted.
 */
function suite(kept: number, leaked: number): Record<string, string> {
  const files: Record<string, string> = {
    'pkg/__init__.py': '',
    'pkg/work.py': 'def build(n):\n    return [str(i) * 3 for i in range(n)]\n',
    'pkg/cache.py':
      'CACHE = []\n\n\ndef remember(size):\n' +
      (leaked > 0 ? '    CACHE.append(bytearray(size))\n' : '    return size\n'),
    'tests/conftest.py':
      'import os\n\nimport pytest\n\n\n@pytest.fixture(autouse=True)\n' +
      'def count_calls(request):\n' +
      '    with open(os.environ["CALLS_FILE"], "a") as calls:\n' +
      '        calls.write(request.node.nodeid + "\\n")\n',
    'tests/test_changes.py':
      'import random\n\nfrom pkg.cache import remember\n\nHELD = []\n\n\n' +
      `def test_regress():\n    HELD[:] = [bytearray(${kept})]\n\n\n` +
      // Random sizes, high and low by turns: never rising call after call (which is a leak).
      'CALLS = [0]\n\n\ndef test_flaky():\n    global NOISE\n    CALLS[0] += 1\n' +
      '    high = CALLS[0] % 2 == 0\n' +
      '    NOISE = [0] * (random.randint(12000, 20000) if high else random.randint(1000, 8000))\n\n\n' +
      `def test_leak():\n    remember(${leaked})\n`,
  };
  for (let file = 0; file < FILES; file++) {
    files[`tests/test_work${file}.py`] =
      'import pytest\n\nfrom pkg.work import build\n\n\n' +
      `@pytest.mark.parametrize("n", range(${CASES}))\n` +
      'def test_build(n):\n    assert len(build(n * 10)) == n * 10\n';
  }
  return files;
}

describe('pytest mode in depth', () => {
  it.skipIf(!pytestAvailable)(
    'runs only the tests that differed again: a regression confirmed with its site, a flaky ' +
      'test as noise, a leak per call',
    async () => {
      const repo = repoOf(suite(1_000, 0), suite(200_000, 4_096));
      const calls = join(testTemp(), `${repo.dir.split('/').pop()}-calls.txt`);
      cleanup.push(calls);
      const { code, log, report, markdown } = await runReport(
        repo.dir,
        [
          '--base',
          'HEAD~1',
          '--command',
          'python3 -m pytest -q -p no:cacheprovider tests',
          // Every test traced: the unchanged ones run once, the ones that differed again.
          '--no-select-tests',
          '--frames',
          '6',
          '--env',
          'CALLS_FILE',
        ],
        { name: `${repo.shas[1]}-depth`, env: { ...process.env, CALLS_FILE: calls } },
      );
      expect(code, log).toBe(0);
      const scenario = (name: string) => report.scenarios.find((s) => s.name === name)!;

      // The regression: confirmed by three calls on each side that agree, its site and the
      // call path to it, and the sites at its peak.
      const regress = scenario('tests/test_changes.py::test_regress');
      expect(regress.repeats).toEqual({ base: 3, head: 3 });
      expect(regress.deterministic).toBe(true);
      expect(regress.retained.noisy).toBeUndefined();
      expect(regress.retained.delta).toBeGreaterThan(190_000);
      const site = regress.sites[0];
      expect([site.file, site.line, site.function]).toEqual([
        'tests/test_changes.py',
        9,
        'test_regress',
      ]);
      expect(site.tracebackSide).toBe('head');
      expect(site.tracebacks![0].frames.at(-1)).toMatchObject({
        file: 'tests/test_changes.py',
        line: 9,
      });
      expect(regress.peakSites!.sites[0]).toMatchObject({ file: 'tests/test_changes.py', line: 9 });
      expect(regress.peakSites!.sites[0].sizeDelta).toBeGreaterThan(190_000);
      // It keeps the same list each call: no leak.
      expect(regress.leak?.delta ?? 0).toBe(0);

      // The flaky test: its calls differ on each side, so it is noise, not a change.
      const flaky = scenario('tests/test_changes.py::test_flaky');
      expect(flaky.repeats).toEqual({ base: 3, head: 3 });
      expect(flaky.deterministic).toBe(false);
      expect(flaky.retained.noisy).toBe(true);
      expect(flaky.retained.headRange![1]).toBeGreaterThan(flaky.retained.headRange![0]);

      // The leak: the leak check names the line and what each call keeps there.
      const leak = scenario('tests/test_changes.py::test_leak');
      expect(leak.leak!.head).toBeGreaterThanOrEqual(4_096);
      expect(leak.leakSites![0]).toMatchObject({ file: 'pkg/cache.py', line: 5 });
      expect(leak.leakSites![0].headSize).toBeGreaterThanOrEqual(4_096);
      expect(leak.leakSites![0].baseSize).toBeLessThan(1_000);

      // The unchanged tests keep the first run's figures: one measurement each.
      const unchanged = scenario('tests/test_work0.py::test_build[0]');
      expect(unchanged.repeats).toEqual({ base: 1, head: 1 });
      expect(report.scenarios.filter((s) => s.kind === 'test')).toHaveLength(FILES * CASES + 3);

      // The deep pass and the traceback pass ran the changed tests only: each of those ran
      // several times per side, each unchanged test once per side (the first run).
      const ran = readFileSync(calls, 'utf8').trim().split('\n');
      const runs = (id: string) => ran.filter((line) => line === id).length;
      expect(runs('tests/test_work0.py::test_build[0]')).toBe(2);
      expect(runs('tests/test_work7.py::test_build[24]')).toBe(2);
      // First run and deep pass per side, and the traceback pass (head's, base's if it has a
      // site to trace): its body's further calls run inside the deep pass's one setup.
      expect(runs('tests/test_changes.py::test_regress')).toBeGreaterThanOrEqual(5);
      expect(runs('tests/test_changes.py::test_regress')).toBeLessThanOrEqual(6);
      expect(ran.filter((line) => line.startsWith('tests/test_work'))).toHaveLength(
        2 * FILES * CASES,
      );
      expect(log).toContain('in depth: 3 scenarios that differed');

      // The comment leads with the regression and its site.
      const comment = markdown;
      expect(comment).toContain('test_regress');
      expect(comment).toContain('tests/test_changes.py:9');
    },
    300_000,
  );
});

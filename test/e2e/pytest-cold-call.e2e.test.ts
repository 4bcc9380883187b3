// pytest mode: a test's figure is its first call, a cold one, as one run of the suite makes it.
// A pull request that memoises into a module-level cache makes the test's first call keep the
// cache, the same amount every run, while its later calls in the same process find the cache
// full and keep what base's later calls keep. The first call is confirmed by the test's first
// call in the first run: the change is real and fails its budget, led by the cache's line. A
// test that keeps a random amount, the same code on both sides, stays noise.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pytestAvailable, runReport } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

const PARSER_BASE = 'def parse(text):\n' + '    return [part * 40 for part in text.split(",")]\n';
// Line 6 fills the cache: the line the comment must lead with.
const PARSER_HEAD =
  '_CACHE = {}\n\n\n' +
  'def parse(text):\n' +
  '    if text not in _CACHE:\n' +
  '        _CACHE[text] = [part * 40 for part in text.split(",")]\n' +
  '    return _CACHE[text]\n';

function suite(parser: string): Record<string, string> {
  return {
    'pkg/__init__.py': '',
    'pkg/parser.py': parser,
    // A cache that evicts at random, filled with random keys: the same code on both sides.
    'pkg/pool.py':
      'import random\n\nPOOL = {}\n\n\n' +
      'def take(key):\n' +
      '    if key not in POOL:\n' +
      '        if len(POOL) >= 64:\n' +
      '            for old in random.sample(list(POOL), 8):\n' +
      '                del POOL[old]\n' +
      '        POOL[key] = bytearray(len(key) * 40)\n' +
      '    return POOL[key]\n',
    'tests/test_parser.py':
      'from pkg.parser import parse\n\n' +
      // What each call logs: longer on every other call, as the report objects pytest keeps
      // per call differ by some bytes: the later calls differ from each other, not the first.
      'LOG = [None]\nCALLS = [0]\n\n\n' +
      'def test_parse_documents():\n' +
      '    CALLS[0] += 1\n' +
      '    LOG[0] = "x" * (200 if CALLS[0] % 2 == 0 else 40)\n' +
      '    for i in range(300):\n' +
      '        assert parse("a%d,b%d,c%d" % (i, i, i))\n',
    'tests/test_pool.py':
      'import random\n\nfrom pkg.pool import take\n\n\n' +
      'def test_take_random_keys():\n' +
      '    for _ in range(40):\n' +
      '        take("k." * random.randint(1, 60))\n',
  };
}

describe('pytest mode: a cache a test fills on its first call', () => {
  it.skipIf(!pytestAvailable)(
    "fails the retained budget, led by the cache's line; a random cache stays noise",
    async () => {
      const repo = repoOf(suite(PARSER_BASE), suite(PARSER_HEAD));
      const { code, log, report, markdown } = await runReport(
        repo.dir,
        [
          '--base',
          'HEAD~1',
          '--command',
          'python3 -m pytest -q -p no:cacheprovider tests',
          // The random cache's test reads nothing the pull request changes: traced all the same.
          '--no-select-tests',
          '--budget',
          'retained: +20KB',
        ],
        { name: `${repo.shas[1]}-cold` },
      );
      expect(code, log).toBe(1);
      expect(report.verdict).toBe('fail');
      const scenario = (name: string) => report.scenarios.find((s) => s.name === name)!;

      // The cache: its first call keeps ~100 KB more, in the first run and the deep pass
      // alike; the later calls keep the same on both sides. Steady, not noise.
      const cached = scenario('tests/test_parser.py::test_parse_documents');
      expect(cached.repeats).toEqual({ base: 3, head: 3 });
      expect(cached.retained.delta).toBeGreaterThan(50_000);
      expect(cached.retained.noisy, JSON.stringify(cached.retained)).toBeUndefined();
      const budget = (name: string) =>
        report.budgets.find((b) => b.metric === 'retained' && b.scenario === name)!;
      expect(budget('tests/test_parser.py::test_parse_documents')).toMatchObject({
        status: 'fail',
      });
      expect(budget('tests/test_parser.py::test_parse_documents').noisy).toBeUndefined();

      // The random cache: noise on both sides, never a failure.
      const random = scenario('tests/test_pool.py::test_take_random_keys');
      if (random.retained.delta !== 0) {
        expect(random.retained.noisy, JSON.stringify(random.retained)).toBe(true);
        expect(budget('tests/test_pool.py::test_take_random_keys').status).not.toBe('fail');
      }

      // The terminal and the comment lead with the cache's line.
      const comment = markdown;
      const verdict = comment.split('\n').find((line) => /FAIL|exceeded|budget/i.test(line))!;
      expect(verdict, comment).toContain('test_parse_documents');
      expect(comment).toContain('pkg/parser.py:6');
      const failLine = log.split('\n').find((line) => line.startsWith('FAIL'))!;
      expect(failLine, log).toContain('test_parse_documents');
      expect(failLine, log).toContain('pkg/parser.py:6');
    },
    300_000,
  );
});

/** An LRU whose links are each one slot wider on head: 8 B more per link, its memory freed after. */
function links(wide: boolean): Record<string, string> {
  return {
    'pkg/__init__.py': '',
    'pkg/lru.py':
      'class LRU:\n    def __init__(self):\n        self.links = {}\n\n' +
      '    def put(self, key, value):\n' +
      `        self.links[key] = [key, value, None, None${wide ? ', 0' : ''}]\n`,
    'tests/test_lru.py':
      'from pkg.lru import LRU\n\n\n' +
      'def test_lru():\n    cache = LRU()\n    for i in range(50):\n        cache.put(i, i)\n' +
      '    assert len(cache.links) == 50\n\n\n' +
      'def test_other():\n    assert sum(range(100)) == 4950\n',
  };
}

describe('pytest mode: a small change of a test’s peak', () => {
  it.skipIf(!pytestAvailable)(
    'is measured again in depth and shown as a change, not folded as a single run’s tolerance',
    async () => {
      const repo = repoOf(links(false), links(true));
      const { code, log, report } = await runReport(
        repo.dir,
        ['--base', 'HEAD~1', '--command', 'python3 -m pytest -q -p no:cacheprovider tests'],
        { name: `${repo.shas[1]}-small` },
      );
      expect(code, log).toBe(0);
      const lru = report.scenarios.find((s) => s.name === 'tests/test_lru.py::test_lru')!;
      // 50 links, 8 B each: under 1 KiB, but more than 1 % of the test's peak.
      expect(lru.peak.delta, log).toBeGreaterThan(300);
      expect(lru.peak.delta, log).toBeLessThan(1_024);
      expect(lru.repeats).toEqual({ base: 3, head: 3 });
      expect(lru.peak.noisy).toBeUndefined();
      expect(log).toContain('1 test unchanged, 1 changed');
      expect(log).not.toContain("single run's tolerance");
    },
    300_000,
  );
});

/**
 * Which changed line is the culprit when an object is made on one line and stored into a holder
 * on the next (`item = (key, value)`, then `_evicted.append(item)`): the line that stores it, and
 * when only the line that made it changed, the report says so. Through the bundled CLI on a real
 * repository and real Python; the terminal report leads with the culprit as the comment does.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { runReport, type ReportRun } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});
const repoOf = repoMaker(cleanup);

const STORE_BASE = [
  '_evicted = []',
  '_handed = []',
  '',
  '',
  'def keep(item):',
  '    _handed.append(item)',
  '',
  '',
  'class Cache(dict):',
  '    def key_of(self, n):',
  '        return ("k", n, str(n) * 20)',
  '',
  '    def evict(self, key):',
  '        return key',
  '',
  '    def hand_off(self, key):',
  '        keep(key)',
  '        return key',
  '',
].join('\n');

const STORE_HEAD = [
  '_evicted = []',
  '_handed = []',
  '',
  '',
  'def keep(item):',
  '    _handed.append(item)',
  '',
  '',
  'class Cache(dict):',
  '    def key_of(self, n):',
  '        return ("k", n, str(n) * 20)',
  '',
  '    def evict(self, key):',
  '        item = (key, self.pop(key))',
  '        _evicted.append(item)',
  '        return key',
  '',
  '    def hand_off(self, key):',
  '        item = (key, self.pop(key))',
  '        keep(item)',
  '        return key',
  '',
].join('\n');

const BENCH = [
  'from app import store',
  '',
  '',
  'def bench_evict():',
  '    cache = store.Cache()',
  '    for n in range(300):',
  '        key = cache.key_of(n)',
  '        cache[key] = bytearray(1000)',
  '        cache.evict(key)',
  '',
  '',
  'def bench_hand_off():',
  '    cache = store.Cache()',
  '    for n in range(100):',
  '        key = cache.key_of(n)',
  '        cache[key] = bytearray(1000)',
  '        cache.hand_off(key)',
  '',
].join('\n');

/** The head line of app/store.py that holds `text`, from line `after` on. */
function lineOf(text: string, after = 1): number {
  const index = STORE_HEAD.split('\n').findIndex(
    (line, at) => at + 1 >= after && line.includes(text),
  );
  if (index < 0) throw new Error(`no line ${text}`);
  return index + 1;
}
const EVICT_MADE = lineOf('item = (key, self.pop(key))', lineOf('def evict'));
const EVICT_STORED = lineOf('_evicted.append(item)');
const HAND_OFF_MADE = lineOf('item = (key, self.pop(key))', lineOf('def hand_off'));

describe('the culprit of an object made on one line and stored on the next (CLI, real git and Python)', () => {
  let result: ReportRun;
  let report: Report;
  let markdown: string;
  beforeAll(async () => {
    const repo = repoOf(
      { 'app/__init__.py': '', 'app/store.py': STORE_BASE, 'benchmarks/bench.py': BENCH },
      { 'app/__init__.py': '', 'app/store.py': STORE_HEAD, 'benchmarks/bench.py': BENCH },
    );
    result = await runReport(
      repo.dir,
      [
        ...['--base', 'HEAD~1', '--script', 'benchmarks/bench.py', '--retention-paths', '3'],
        ...['--budget', 'retained: +10KB'],
      ],
      { name: repo.shas[1] },
    );
    ({ report, markdown } = result);
  }, 600_000);

  const findings = (scenario: string) => {
    const found = report.scenarios.find((s) => s.name === scenario)?.retention;
    expect(found, `${scenario}: ${result.stderr}`).toBeDefined();
    return found!;
  };

  it('the line that stores into the holder is the culprit of every object it keeps, not the line that made the tuple', () => {
    const kept = findings('bench_evict').filter((f) => f.holder === 'app.store._evicted');
    expect(kept.length).toBeGreaterThanOrEqual(2);
    for (const finding of kept)
      expect(finding.culprit, finding.path).toMatchObject({
        file: 'app/store.py',
        line: EVICT_STORED,
        evidence: 'named',
      });
    const sentence = `filled at \`app/store.py:${EVICT_STORED}\`, a line this change made`;
    expect(result.stdout).toContain(sentence);
    expect(result.stdout).not.toContain(
      `at \`app/store.py:${EVICT_MADE}\`, a line this change made`,
    );
    expect(markdown).toContain(`**Caused by <code>app/store.py:${EVICT_STORED}</code>**`);
  });

  it('when only the line that made the stored object changed, it is named as such', () => {
    const kept = findings('bench_hand_off').filter(
      (f) => f.holder === 'app.store._handed' && f.site.file === 'benchmarks/bench.py',
    );
    expect(kept).toHaveLength(1);
    expect(kept[0]!.culprit).toMatchObject({
      file: 'app/store.py',
      line: HAND_OFF_MADE,
      evidence: 'made',
      type: 'tuple',
    });
    expect(result.stdout).toContain(
      `the \`tuple\` it holds was made at \`app/store.py:${HAND_OFF_MADE}\`, a line this change made, but no line this change made was found storing it there`,
    );
  });

  it('the terminal report leads with the culprit, as the comment does: its verdict line and its sites table', () => {
    const lines = result.stdout.split('\n');
    const verdict = lines.find((line) => /^(PASS|WARN|FAIL): /.test(line));
    expect(verdict, result.stdout).toMatch(
      new RegExp(
        // What the holder keeps in all first, then its largest site.
        `^FAIL: caused by app/store\\.py:${EVICT_STORED}: \`app\\.store\\._evicted\` keeps [\\d.]+ KiB of the grown memory alive, at (\\d+ sites|the \\d+ sites walked \\(of \\d+ that grew\\)); the most: 310 KiB of 300 objects from \`benchmarks/bench\\.py:8\` are kept alive by \`app\\.store\\._evicted\``,
      ),
    );
    expect(verdict).toContain('memory budget exceeded: retained of bench_evict');
    const heading = lines.findIndex((line) => line.startsWith('changed sites in bench_evict'));
    const [header, first, ...rest] = lines
      .slice(heading + 1, heading + 6)
      .map((line) => line.trim());
    expect(header).toMatch(/^site +size change +count +head size +kept alive +function +source$/);
    expect(first).toMatch(new RegExp(`^app/store\\.py:${EVICT_STORED} \\* .* keeps \\d`));
    // The sites it keeps alive, under it, largest first.
    expect(rest.map((line) => line.split(/ {2,}/)[0])).toEqual([
      '↳ benchmarks/bench.py:8',
      `↳ app/store.py:${lineOf('return ("k"')}`,
      `↳ app/store.py:${EVICT_MADE} *`,
    ]);
    for (const line of rest) expect(line).toContain(`by app/store.py:${EVICT_STORED}`);
  });
});

/**
 * Retention paths of a line that stores an object made elsewhere (`registry.append(obj)`,
 * `cache[key] = obj`): the line allocates no object, only the item storage of the container it
 * grows, so the report names that container (reached from its root like any holder) and the line
 * itself as the culprit; and says so when no container can be named. Through the bundled CLI on a
 * real repository and real Python.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { escapeCode } from '../../src/report/escape.js';
import { runReport } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});
const repoOf = repoMaker(cleanup);

/** app/store.py; `stored` says whether the functions keep what they are given. */
const STORE = (stored: boolean) =>
  [
    'import collections',
    'import gc',
    '',
    'SHARED = [object() for _ in range(3000)]',
    'KEYS = ["key-%d" % index for index in range(3000)]',
    '_REGISTRY = []',
    '',
    '',
    'def register(index):',
    stored ? '    _REGISTRY.append(SHARED[index])' : '    return SHARED[index]',
    '',
    '',
    'class Parser:',
    '    _USAGE = []',
    '',
    '    def parse(self, expression):',
    stored ? '        self._USAGE.append(expression)' : '        return expression',
    '',
    '',
    'class Cache:',
    '    entries = {}',
    '',
    '',
    'def remember(index):',
    stored ? '    Cache.entries[KEYS[index]] = SHARED[index]' : '    return SHARED[index]',
    '',
    '',
    'HISTORY = collections.deque()',
    '',
    '',
    'def record(index):',
    stored ? '    HISTORY.append(SHARED[index])' : '    return SHARED[index]',
    '',
    '',
    'def lose(count):',
    '    gc.disable()',
    '    kept = [None]',
    '    kept[0] = kept',
    '    for value in SHARED[:count]:',
    stored ? '        kept.append(value)' : '        pass',
    '',
  ].join('\n');

const BENCH = [
  'from app import store',
  '',
  'PARSER = store.Parser()',
  '',
  '',
  'def bench_module_list():',
  '    for index in range(1800):',
  '        store.register(index)',
  '',
  '',
  'def bench_class_list():',
  '    for value in store.SHARED:',
  '        PARSER.parse(value)',
  '',
  '',
  'def bench_class_dict():',
  '    for index in range(2500):',
  '        store.remember(index)',
  '',
  '',
  'def bench_deque():',
  '    for index in range(2000):',
  '        store.record(index)',
  '',
  '',
  'def bench_zz_lost():',
  '    store.lose(1300)',
  '',
].join('\n');

/** The head line of app/store.py that holds `text`. */
function lineOf(text: string): number {
  const index = STORE(true)
    .split('\n')
    .findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`no line ${text}`);
  return index + 1;
}

async function run(dir: string, name: string) {
  const result = await runReport(
    dir,
    [
      ...['--base', 'HEAD~1', '--script', 'benchmarks/bench.py', '--retention-paths', '1'],
      ...['--peak-sites', 'false'],
    ],
    { name },
  );
  expect(result.code, result.stderr).toBe(0);
  return { result, report: result.report, markdown: result.markdown };
}

describe("retention paths of a line that grows a container's item storage (CLI, real git and Python)", () => {
  let first: Awaited<ReturnType<typeof run>>;
  let second: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    const repo = repoOf(
      { 'app/__init__.py': '', 'app/store.py': STORE(false), 'benchmarks/bench.py': BENCH },
      { 'app/__init__.py': '', 'app/store.py': STORE(true), 'benchmarks/bench.py': BENCH },
    );
    first = await run(repo.dir, `${repo.shas[1]}-1`);
    second = await run(repo.dir, `${repo.shas[1]}-2`);
  }, 600_000);

  const finding = (scenario: string) => {
    const found = first.report.scenarios.find((s) => s.name === scenario)?.retention;
    expect(found, `${scenario}: ${first.result.stderr}`).toBeDefined();
    return found![0]!;
  };

  it.each([
    [
      'bench_module_list',
      '_REGISTRY.append(',
      'module global',
      'app.store._REGISTRY',
      'list',
      1800,
    ],
    [
      'bench_class_list',
      'self._USAGE.append(',
      'class attribute',
      'app.store.Parser._USAGE',
      'list',
      3000,
    ],
    [
      'bench_class_dict',
      'Cache.entries[KEYS[index]] = ',
      'class attribute',
      'app.store.Cache.entries',
      'dict',
      2500,
    ],
    [
      'bench_deque',
      'HISTORY.append(',
      'module global',
      'app.store.HISTORY',
      'collections.deque',
      2000,
    ],
  ])(
    '%s: the line is the item storage of its container, and the culprit',
    (scenario, line, kind, holder, holderType, items) => {
      const kept = finding(scenario);
      expect(kept).toMatchObject({
        site: { file: 'app/store.py', line: lineOf(line) },
        storage: 'found',
        kind,
        holder,
        holderType,
        items,
        objects: 0,
        culprit: { file: 'app/store.py', line: lineOf(line), evidence: 'grown' },
      });
      const grown = first.report.scenarios
        .find((s) => s.name === scenario)!
        .sites.find((site) => site.file === 'app/store.py' && site.line === lineOf(line))!;
      expect(kept.bytes).toBe(grown.headSize);
      expect(first.markdown).toContain(
        `${escapeCode(`app/store.py:${lineOf(line)}`, 200)} is the item storage of ${escapeCode(holder, 200)} (${escapeCode(holderType, 200)} of ${items.toLocaleString('en-US')} items`,
      );
    },
  );

  it('a block leads with the line that grew the storage; the passing verdict blames none', () => {
    const lines = first.markdown.split('\n');
    const lead = lines.find(
      (line) => line.startsWith('**🔗 Kept alive by**') && line.includes('is the item storage of'),
    );
    expect(lead).toMatch(/<code>app\/store\.py:\d+<\/code>/);
    expect(lead).toContain('grown by this line, a line this change made');
    expect(first.report.verdict).toBe('pass');
    expect(first.markdown).not.toContain('Caused by');
  });

  it('storage no root reaches is not found, and the report says so', () => {
    const kept = finding('bench_zz_lost');
    expect(kept).toMatchObject({
      site: { file: 'app/store.py', line: lineOf('kept.append(value)') },
      kind: 'not found',
      storage: 'none',
      objects: 0,
    });
    expect(kept.bytes).toBeGreaterThan(1300 * 8);
    expect(first.markdown).toContain(
      "not found: the line allocated no object of its own (most often it grows a container's item storage), and no container a root reaches has storage of its size",
    );
  });

  it('gives the same paths on a second run', () => {
    const paths = (report: Report) =>
      report.scenarios.map((s) => ({
        name: s.name,
        retention: s.retention?.map(({ kind, holder, path, items, storage, culprit }) => ({
          kind,
          holder,
          path,
          items,
          storage,
          culprit,
        })),
      }));
    expect(paths(first.report).filter((s) => s.retention)).toHaveLength(5);
    expect(paths(second.report)).toEqual(paths(first.report));
  });
});

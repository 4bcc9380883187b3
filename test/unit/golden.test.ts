/**
 * The comment for a set of fixed comparisons, compared with the Markdown files in test/golden/
 * (readable in the repository, rendered by GitHub). A change to the layout shows up as a diff of
 * those files: regenerate them with `npm run test:golden:update` and review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideVerdict, evaluateBudgets } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import type { SiteDelta } from '../../src/compare/comparison.js';
import { COMMENT_LIMIT, renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report.js';
import { PROJECT_ROOT } from '../support/action-runner.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

const GOLDEN = join(PROJECT_ROOT, 'test', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const SAMPLE_START = '<!-- sample-comment:start -->\n';
const SAMPLE_END = '<!-- sample-comment:end -->';

/** Markdown as a block quote: set apart from the README around it, rendered all the same. */
function quoted(markdown: string): string {
  return `${markdown
    .trimEnd()
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n')}\n`;
}

const KiB = 1024;
const MiB = 1024 * 1024;
const ENVIRONMENT = { python: '3.12.3', implementation: 'CPython', platform: 'linux', frames: 1 };

/** A report whose verdict and budgets come from real budget evaluation. */
function checked(rules: string, base: Report): Report {
  const comparison = { scenarios: base.scenarios };
  const budgets = evaluateBudgets(comparison, parseBudgetRules(rules));
  return { ...base, budgets, verdict: decideVerdict(comparison, budgets) };
}

const lruSite = siteDelta({
  file: 'app/cache.py',
  line: 41,
  baseLine: 38,
  function: 'LRU.put',
  text: 'self._items[key] = value',
  baseSize: 0,
  headSize: 1_990_656,
  baseCount: 0,
  headCount: 3_000,
  changedLine: true,
});
const dictGrowth = siteDelta({
  file: 'app/cache.py',
  line: 12,
  baseLine: 12,
  function: 'LRU.__init__',
  text: 'self._items = {}',
  baseSize: 36_960,
  headSize: 147_552,
  baseCount: 1,
  headCount: 1,
});
const parserShrink = siteDelta({
  file: 'app/parse.py',
  line: 88,
  baseLine: 90,
  function: 'tokenize',
  text: "parts = line.split(',')",
  baseSize: 48_000,
  headSize: 12_000,
  baseCount: 600,
  headCount: 150,
  changedLine: true,
});

function manySites(count: number): SiteDelta[] {
  return Array.from({ length: count }, (_, i) =>
    siteDelta({
      file: `app/handlers/h${String(i).padStart(3, '0')}.py`,
      line: 10 + i,
      baseLine: 10 + i,
      function: `handle_${i}`,
      text: `buffer_${i} = bytearray(${(i + 1) * 64})`,
      baseSize: i % 3 === 0 ? (count - i) * 512 : 0,
      headSize: i % 3 === 0 ? 0 : (count - i) * 512,
      baseCount: i % 3 === 0 ? 1 : 0,
      headCount: i % 3 === 0 ? 0 : 1,
      changedLine: i % 4 === 0,
    }),
  );
}

const CASES: Record<string, () => Report> = {
  'no-change': () =>
    checked(
      'peak: +5%',
      report([
        scenarioComparison({ name: 'bench_parse', peak: measure(2 * MiB, 2 * MiB) }),
        scenarioComparison({ name: 'bench_render' }),
      ]),
    ),
  improvement: () =>
    checked(
      'peak: +5%; retained: +100KB',
      report([
        scenarioComparison({
          name: 'bench_parse',
          peak: measure(3 * MiB, 2.5 * MiB),
          retained: measure(400 * KiB, 364 * KiB + 768),
          sites: [parserShrink],
        }),
      ]),
    ),
  'one-regression': () =>
    checked(
      'peak: +5%; retained: +1MB (warn)',
      report([
        scenarioComparison({
          name: 'bench_parse',
          peak: measure(15_938_355, 15_938_355 + 1_992_294),
          retained: measure(2 * MiB, 2 * MiB + 2_101_248),
          sites: [lruSite, dictGrowth, parserShrink],
        }),
        scenarioComparison({ name: 'bench_render', peak: measure(MiB, MiB) }),
      ]),
    ),
  'many-sites': () =>
    checked(
      'peak: +10%; site: +64KiB (warn)',
      report([
        scenarioComparison({
          name: 'bench_server',
          peak: measure(40 * MiB, 41 * MiB),
          retained: measure(8 * MiB, 8 * MiB + 300 * KiB),
          sites: manySites(40),
        }),
        scenarioComparison({
          name: 'bench_startup',
          peak: measure(6 * MiB, 6 * MiB - 200 * KiB),
          retained: measure(MiB, MiB - 12 * KiB),
          sites: [parserShrink],
        }),
      ]),
    ),
  'new-benchmark': () =>
    checked(
      'peak: 64MB, +5%',
      report([
        scenarioComparison({ name: 'bench_parse' }),
        scenarioComparison({
          name: 'bench_export',
          status: 'new',
          peak: measure(null, 3 * MiB),
          retained: measure(null, 200 * KiB),
          retainedCount: measure(null, 1_200),
          sites: [
            siteDelta({
              file: 'app/export.py',
              line: 7,
              baseLine: null,
              function: 'export_csv',
              text: 'rows = list(reader)',
              headSize: 180 * KiB,
              headCount: 1_000,
              changedLine: true,
            }),
          ],
        }),
      ]),
    ),
  'failed-side': () =>
    checked(
      'peak: +5%',
      report([
        scenarioComparison({
          name: 'bench_parse',
          status: 'failed',
          peak: measure(2 * MiB, null),
          retained: measure(100 * KiB, null),
          error: {
            side: 'head',
            type: 'KeyError',
            message: "'user_id'",
            traceback: [
              'Traceback (most recent call last):',
              '  File "bench/memory.py", line 14, in bench_parse',
              '    load(records)',
              '  File "app/parse.py", line 31, in load',
              "    key = row['user_id']",
              "KeyError: 'user_id'",
            ].join('\n'),
          },
        }),
        scenarioComparison({ name: 'bench_render', peak: measure(MiB, MiB + 4 * KiB) }),
      ]),
    ),
  'unbudgeted-growth': () =>
    checked(
      '',
      report(
        [
          scenarioComparison({
            name: 'benchmarks/memory.py',
            kind: 'script',
            repeats: { base: 2, head: 2 },
            deterministic: true,
            objectTypes: [],
            peak: measure(5 * MiB, 7 * MiB + 512 * KiB),
            retained: measure(2 * MiB, 2 * MiB + 2_101_248),
            sites: [lruSite, dictGrowth],
          }),
        ],
        { environment: { ...ENVIRONMENT, repeats: 3 } },
      ),
    ),
  'both-failed': () =>
    checked(
      'peak: +5%',
      report([
        scenarioComparison({
          name: 'bench_parse',
          kind: 'function',
          status: 'failed',
          peak: measure(MiB, MiB),
          retained: measure(0, 0),
          error: {
            side: 'head',
            type: 'ModuleNotFoundError',
            message: "No module named 'mypkg'",
            phase: 'setup',
            traceback: [
              'Traceback (most recent call last):',
              '  File "benchmarks/memory.py", line 1, in <module>',
              '    from mypkg import parse',
              "ModuleNotFoundError: No module named 'mypkg'",
            ].join('\n'),
            output: [
              'Traceback (most recent call last):',
              '  File "benchmarks/memory.py", line 1, in <module>',
              '    from mypkg import parse',
              "ModuleNotFoundError: No module named 'mypkg'",
            ].join('\n'),
          },
          baseError: {
            type: 'ModuleNotFoundError',
            message: "No module named 'mypkg'",
            phase: 'setup',
          },
        }),
        scenarioComparison({ name: 'bench_render', peak: measure(MiB, MiB + 4 * KiB) }),
      ]),
    ),
  'peak-regression': () =>
    checked(
      'peak: +5%',
      report([
        scenarioComparison({
          name: 'bench_cache',
          kind: 'function',
          peak: measure(20 * MiB, 31 * MiB),
          retained: measure(2 * MiB, 2 * MiB + 1_024),
          sites: [
            siteDelta({
              file: 'app/cache.py',
              line: 12,
              baseLine: 12,
              function: 'LRU.__init__',
              text: 'self._items = {}',
              baseSize: 1_000,
              headSize: 2_024,
            }),
          ],
          peakSites: {
            base: { bytes: 20 * MiB, peakBytes: 20 * MiB },
            head: { bytes: 31 * MiB, peakBytes: 31 * MiB },
            sites: [
              siteDelta({
                file: 'app/load.py',
                line: 30,
                baseLine: 30,
                function: 'load',
                text: 'rows = list(reader)',
                baseSize: 12 * MiB,
                headSize: 12 * MiB,
              }),
              siteDelta({
                file: lruSite.file,
                line: lruSite.line,
                baseLine: lruSite.baseLine,
                function: lruSite.function,
                text: lruSite.text,
                changedLine: true,
                baseSize: MiB,
                headSize: 11 * MiB,
              }),
            ],
          },
        }),
      ]),
    ),
  noisy: () =>
    checked(
      'peak: +2%',
      report([
        scenarioComparison({
          name: 'bench_threads',
          repeats: { base: 3, head: 3 },
          peak: {
            ...measure(10 * MiB, 10.5 * MiB),
            noisy: true,
            baseRange: [9.8 * MiB, 10.6 * MiB],
            headRange: [10.1 * MiB, 10.9 * MiB],
          },
          retained: {
            ...measure(MiB, MiB + 20 * KiB),
            noisy: true,
            headRange: [MiB, MiB + 40 * KiB],
          },
          sites: [
            siteDelta({
              file: 'app/pool.py',
              line: 22,
              function: 'Pool.submit',
              text: 'self._queue.append(job)',
              baseSize: 10 * KiB,
              headSize: 30 * KiB,
              noisy: true,
              baseRange: [0, 20 * KiB],
              headRange: [10 * KiB, 40 * KiB],
            }),
            siteDelta({
              file: '<stdlib>/threading.py',
              line: 917,
              function: 'Thread._bootstrap',
              text: 'self._started.set()',
              baseSize: 2 * KiB,
              headSize: 2 * KiB + 512,
              noisy: true,
              headRange: [2 * KiB, 2 * KiB + 1024],
            }),
          ],
        }),
      ]),
    ),
  leak: () =>
    checked(
      'retained: +100KB',
      report([
        scenarioComparison({
          name: 'bench_ingest',
          kind: 'function',
          repeats: { base: 3, head: 3 },
          deterministic: false,
          peak: {
            ...measure(2 * MiB, 3.4 * MiB),
            headRange: [3.4 * MiB, 3.6 * MiB],
            headGrowth: 100 * KiB,
          },
          retained: {
            ...measure(189, 1.35 * MiB),
            headRange: [1.35 * MiB, 1.5 * MiB],
            headGrowth: 78 * KiB,
          },
          sites: [
            siteDelta({
              file: 'app/store.py',
              line: 5,
              function: 'remember',
              text: '_kept.extend(rows)',
              baseSize: 0,
              headSize: 1.35 * MiB,
              baseCount: 0,
              headCount: 10_001,
              changedLine: true,
              headRange: [1.35 * MiB, 1.5 * MiB],
              headGrowth: 78 * KiB,
            }),
          ],
        }),
        scenarioComparison({
          name: 'bench_query',
          kind: 'function',
          repeats: { base: 3, head: 3 },
          deterministic: false,
          peak: measure(8 * MiB, 8 * MiB),
          retained: {
            ...measure(40 * KiB, 40 * KiB + 1.86 * MiB),
            noisy: true,
            baseRange: [38 * KiB, 54 * KiB],
            headRange: [40 * KiB + 1.86 * MiB, 56 * KiB + 1.86 * MiB],
          },
        }),
      ]),
    ),
  huge: () =>
    checked(
      'site: +1KiB',
      report(
        Array.from({ length: 12 }, (_, s) =>
          scenarioComparison({
            name: `bench_${s}`,
            peak: measure(100 * MiB, 100 * MiB + (s + 1) * 3 * MiB),
            retained: measure(10 * MiB, 10 * MiB + (s + 1) * MiB),
            sites: Array.from({ length: 5_000 }, (_, i) =>
              siteDelta({
                file: `pkg/module_${s}_${i}.py`,
                line: i + 1,
                function: `function_with_a_rather_long_name_${i}`,
                text: `value_${i} = compute(${'argument, '.repeat(20)}index=${i})`,
                baseSize: 0,
                headSize: (5_000 - i) * 64,
                headCount: 5_000 - i,
                changedLine: i % 7 === 0,
              }),
            ),
          }),
        ),
      ),
    ),
};

describe('golden comments (test/golden/*.md; UPDATE_GOLDEN=1 rewrites them)', () => {
  it.each(Object.keys(CASES))('%s', (name) => {
    const markdown = renderMarkdown(CASES[name]());
    expect(markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    const path = join(GOLDEN, `${name}.md`);
    if (UPDATE) writeFileSync(path, markdown);
    expect(existsSync(path), `${path} is missing: run npm run test:golden:update`).toBe(true);
    // A plain comparison: any difference fails, and vitest shows the diff.
    expect(markdown).toBe(readFileSync(path, 'utf8'));
  });

  it('shows the one-regression comment in the README, as a quote GitHub renders', () => {
    const readmePath = join(PROJECT_ROOT, 'README.md');
    const sample = quoted(renderMarkdown(CASES['one-regression']()));
    const readme = readFileSync(readmePath, 'utf8');
    const start = readme.indexOf(SAMPLE_START);
    const end = readme.indexOf(SAMPLE_END);
    expect(start, 'the README has the sample markers').toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const shown = () => {
      const text = readFileSync(readmePath, 'utf8');
      return text.slice(text.indexOf(SAMPLE_START) + SAMPLE_START.length, text.indexOf(SAMPLE_END));
    };
    if (UPDATE) {
      writeFileSync(
        readmePath,
        readme.slice(0, start + SAMPLE_START.length) + sample + readme.slice(end),
      );
    }
    expect(shown()).toBe(sample);
  });

  it('covers every golden file (none is left over from a removed case)', () => {
    const files = readdirSync(GOLDEN)
      .sort()
      .filter((file) => file.endsWith('.md'));
    expect(files).toEqual(
      Object.keys(CASES)
        .map((name) => `${name}.md`)
        .sort(),
    );
  });
});

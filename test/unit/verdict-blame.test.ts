/**
 * What a failed budget's verdict blames: never a line that only moved (a buffer live at the
 * peak that an edit moved to a nearby line of the same function), and the holder the retention
 * walk found keeping the named site's objects alive.
 */
import { describe, expect, it } from 'vitest';
import type { BudgetResult } from '../../src/budgets/evaluate.js';
import type { SnapshotScenario } from '../../src/capture/snapshot.js';
import { LRU_CACHE } from '../../src/capture/snapshot.js';
import type { SiteDelta } from '../../src/compare/comparison.js';
import { retentionFindings, type RetentionFinding } from '../../src/compare/retention.js';
import { LineMap } from '../../src/sides/line-map.js';
import { movedLine, siteBehind } from '../../src/report/lead.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { retentionSentence } from '../../src/report/retention.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

const lastLine = (terminal: string) => terminal.trimEnd().split('\n').at(-1)!;
const verdictOf = (markdown: string) => markdown.split('\n').find((line) => line.includes('**'))!;

const MOVED_FROM = siteDelta({
  file: 'src/mistune/block_parser.py',
  line: 450,
  baseLine: 450,
  function: 'BlockParser.parse',
  baseSize: 32_784,
  headSize: 0,
  silent: true,
});
const MOVED_TO = siteDelta({
  file: 'src/mistune/block_parser.py',
  line: 445,
  baseLine: null,
  function: 'BlockParser.parse',
  headSize: 32_296,
});
const CACHE = siteDelta({
  file: 'src/mistune/renderers/html.py',
  line: 78,
  function: 'HTMLRenderer.text',
  headSize: 12_992,
});

function peakOver(peakSites: ReturnType<typeof siteDelta>[]) {
  const scenario = scenarioComparison({
    name: 'bench_commonmark',
    kind: 'function',
    peak: measure(350_114, 408_162),
    peakSites: { sites: peakSites },
  });
  const budget: BudgetResult = {
    rule: 'peak: +10%',
    metric: 'peak',
    scenario: 'bench_commonmark',
    limit: '+10%',
    actual: '+16.6 %',
    status: 'fail',
    level: 'fail',
  };
  return { scenario, shown: report([scenario], { verdict: 'fail', budgets: [budget] }) };
}

describe('a line that only moved is not blamed', () => {
  it('tells a move (a growth the same function shrank by about as much elsewhere) from growth', () => {
    const sites = [MOVED_FROM, MOVED_TO, CACHE];
    expect(movedLine(MOVED_TO, sites)).toBe(true);
    expect(movedLine(MOVED_FROM, sites)).toBe(true);
    expect(movedLine(CACHE, sites)).toBe(false);
    // Another function's shrink of the same size is no move of this line.
    const elsewhere = { ...MOVED_FROM, function: 'BlockParser.parse_list' };
    expect(movedLine(MOVED_TO, [elsewhere, MOVED_TO])).toBe(false);
    // Nor is a shrink of half the size: the line grew by the rest.
    const half = { ...MOVED_FROM, baseSize: 16_000, sizeDelta: -16_000 };
    expect(movedLine(MOVED_TO, [half, MOVED_TO])).toBe(false);
  });

  it("names the peak's growth, not the buffer that moved, in the verdict and the comment", () => {
    const { scenario, shown } = peakOver([MOVED_FROM, MOVED_TO, CACHE]);
    expect(siteBehind(scenario, 'peak', 1)?.line).toBe(78);
    const line = lastLine(renderTerminal(shown));
    expect(line).toContain('most at src/mistune/renderers/html.py:78 (+12.7 KiB at the peak)');
    expect(line).not.toContain('block_parser.py:445');
    expect(verdictOf(renderMarkdown(shown))).toContain('src/mistune/renderers/html.py:78');
    expect(verdictOf(renderMarkdown(shown))).not.toContain('block_parser.py:445');
  });

  it('names no line when the only growth is a move', () => {
    const { scenario, shown } = peakOver([MOVED_FROM, MOVED_TO]);
    expect(siteBehind(scenario, 'peak', 1)).toBeUndefined();
    expect(lastLine(renderTerminal(shown))).not.toContain('most at');
  });
});

/** The diff of a pull request that decorates `escape` with an unbounded lru_cache. */
const DECORATED = [
  'diff --git a/src/mistune/util.py b/src/mistune/util.py',
  '--- a/src/mistune/util.py',
  '+++ b/src/mistune/util.py',
  '@@ -23,0 +24 @@ def expand_tab(text):',
  '+@lru_cache(maxsize=None)',
  '',
].join('\n');

const SLICE = siteDelta({
  file: 'src/mistune/block_parser.py',
  line: 167,
  function: 'BlockParser.parse_fenced_code',
  text: 'code = state.src[cursor_start : m2.start()]',
  headSize: 49_875,
});

/** Head's retention paths: the slices are keys of `escape`'s cache, made at its decorator. */
function headWalk(decorator: { file: string; line: number } | undefined): SnapshotScenario {
  const via = decorator
    ? [{ ...decorator, text: '@lru_cache(maxsize=None)', function: '<module>', type: LRU_CACHE }]
    : [];
  return {
    retention: {
      seconds: 0,
      sites: [
        {
          file: SLICE.file,
          line: 167,
          text: SLICE.text,
          function: SLICE.function,
          objects: 251,
          sampled: 24,
          paths: [
            {
              kind: 'module global',
              root: 'mistune.escape',
              holder: 'mistune.util.escape',
              holderType: LRU_CACHE,
              name: 'escape',
              path: 'mistune.escape.<cache>[…]',
              sampled: 24,
              bytes: 49_875,
              count: 251,
              via,
            },
          ],
        },
      ],
    },
  } as unknown as SnapshotScenario;
}

function retainedOver(decorator: { file: string; line: number } | undefined) {
  const lines = LineMap.fromUnifiedDiff(DECORATED);
  const retention = retentionFindings(headWalk(decorator), [SLICE], lines) ?? [];
  const scenario = scenarioComparison({
    name: 'bench_plugins',
    kind: 'function',
    retained: measure(322_000, 468_299),
    sites: [SLICE],
    retention,
  });
  const budget: BudgetResult = {
    rule: 'retained: +50KB',
    metric: 'retained',
    scenario: 'bench_plugins',
    limit: '+50KB',
    actual: '+146 KB',
    status: 'fail',
    level: 'fail',
  };
  return { retention, shown: report([scenario], { verdict: 'fail', budgets: [budget] }) };
}

describe("an lru_cache's decorator is the cause of what its cache keeps", () => {
  const decorator = { file: 'src/mistune/util.py', line: 24 };

  it('blames the changed decorator that made the cache, though it allocates nothing itself', () => {
    const { retention, shown } = retainedOver(decorator);
    expect(retention[0]!.culprit).toMatchObject({ ...decorator, evidence: 'stored' });
    const line = lastLine(renderTerminal(shown));
    expect(line).toMatch(/^FAIL: caused by src\/mistune\/util\.py:24: /);
    expect(line).toContain(
      'kept alive by the cache of `mistune.util.escape` (`functools.lru_cache`), made at ' +
        '`src/mistune/util.py:24`, a line this change made, and filled on each new call of ' +
        '`mistune.util.escape`',
    );
    const markdown = renderMarkdown(shown);
    expect(verdictOf(markdown)).toContain('**Caused by <code>src/mistune/util.py:24</code>** ✏️');
  });

  it("blames the decorator for the item storage of the dicts the cache holds, as the cache's own", () => {
    const walk = headWalk(decorator);
    const site = walk.retention!.sites[0]!;
    site.storage = 'held';
    site.paths[0] = { ...site.paths[0]!, holderType: 'dict', path: 'mistune.escape.<cache>' };
    const [finding] = retentionFindings(walk, [SLICE], LineMap.fromUnifiedDiff(DECORATED))!;
    expect(finding!.culprit).toMatchObject({ ...decorator, evidence: 'stored', type: LRU_CACHE });
    expect(retentionSentence(finding!)).toContain(
      'grown by this line; the `functools.lru_cache` that holds it was made at `src/mistune/util.py:24`, a line this change made',
    );
  });

  it('blames no line when the decorator is not one this change made', () => {
    const { retention, shown } = retainedOver({ file: 'src/mistune/util.py', line: 30 });
    expect(retention[0]!.culprit).toBeUndefined();
    expect(lastLine(renderTerminal(shown))).not.toContain('caused by');
    expect(retainedOver(undefined).retention[0]!.culprit).toBeUndefined();
  });
});

const COPY = siteDelta({
  file: 'pyparsing/results.py',
  line: 709,
  function: 'ParseResults.copy',
  headSize: 6_745_680,
});
const PARSE = siteDelta({
  file: 'pyparsing/core.py',
  line: 968,
  function: 'ParserElement._parseNoCache',
  headSize: 5_071_136,
});
const PACKRAT = 'pyparsing.util._UnboundedCache.__init__.<locals>.set_.<closure>.cache';

function finding(site: SiteDelta, extra: Partial<RetentionFinding>): RetentionFinding {
  return {
    site: { file: site.file, line: site.line!, function: site.function! },
    kind: 'closure',
    root: '_parseCache (pyparsing/core.py:1100)',
    holder: PACKRAT,
    holderType: 'dict',
    name: 'cache',
    path: '_parseCache (pyparsing/core.py:1100).cache.set.__func__.<closure>.cache[…][1]._all_names',
    bytes: 6_976_332,
    count: 32_298,
    sampled: 22,
    sampledOf: 24,
    objects: 32_256,
    via: [],
    ...extra,
  };
}

/** A cache no longer cleared between calls: no changed line made or fills it. */
function keptAcrossCalls(culprit?: RetentionFinding['culprit']) {
  const scenario = scenarioComparison({
    name: 'benchmarks/memory.py',
    kind: 'script',
    retained: measure(9_508_755, 56_032_855),
    sites: [COPY, PARSE],
    retention: [
      finding(COPY, culprit ? { culprit } : {}),
      finding(PARSE, {
        kind: 'frame',
        root: '_parseNoCache (pyparsing/core.py:1027)',
        holder: '_parseNoCache (pyparsing/core.py:1027)',
        holderType: 'frame',
        name: '',
        path: '_parseNoCache (pyparsing/core.py:1027)',
        bytes: 2_746_865,
      }),
    ],
  });
  const budget: BudgetResult = {
    rule: 'retained: +100KB',
    metric: 'retained',
    scenario: 'benchmarks/memory.py',
    limit: '+100KB',
    actual: '+46.5 MB',
    status: 'fail',
    level: 'fail',
  };
  return report([scenario], { verdict: 'fail', budgets: [budget] });
}

describe('the holder the retention walk found, when no changed line made or fills it', () => {
  it('is named beside the site, the one that keeps the most of the growth alive', () => {
    const shown = keptAcrossCalls();
    expect(lastLine(renderTerminal(shown))).toBe(
      'FAIL: memory budget exceeded: retained of benchmarks/memory.py is +46.5 MB, limit +100KB, ' +
        `most at pyparsing/results.py:709 (+6.75 MB), kept alive by ${PACKRAT} (dict)`,
    );
    const markdown = verdictOf(renderMarkdown(shown));
    expect(markdown).toContain('(+6.75 MB), kept alive by <code>pyparsing.util._UnboundedCache.');
    expect(markdown).toContain('.cache</code> (<code>dict</code>), over the +100KB budget.');
  });

  it('is left to the culprit sentence when a changed line filled it', () => {
    const line = lastLine(
      renderTerminal(
        keptAcrossCalls({
          file: 'pyparsing/core.py',
          line: 1112,
          evidence: 'stored',
          type: 'tuple',
        }),
      ),
    );
    expect(line).toMatch(/^FAIL: caused by pyparsing\/core\.py:1112: /);
    expect(line).toMatch(/most at pyparsing\/results\.py:709 \(\+6\.75 MB\)$/);
  });
});

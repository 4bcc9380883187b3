/**
 * Retention paths in the comment, the terminal report and the annotations, from the demo's real
 * report (docs/demo-report.json, written by `npm run demo`): the changed line that filled the
 * holder leads the sites table with the sites it keeps alive under it, its annotation says what
 * it keeps alive, and no sentence is said twice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteAnnotations } from '../../src/report/annotations.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { parseReport } from '../../src/report/report-schema.js';
import type { Report } from '../../src/report/report.js';
import type { RetentionFinding } from '../../src/compare/retention.js';
import { retentionScenarios, retentionTargets } from '../../src/compare/retention.js';
import type { SiteDelta } from '../../src/compare/comparison.js';
import {
  culpritGroups,
  culpritOrder,
  growthHeld,
  holderText,
  retentionSentence,
} from '../../src/report/retention.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { PROJECT_ROOT } from '../support/action-runner.js';
import { formatBytes } from '../../src/format/sizes.js';

const FILE = join(PROJECT_ROOT, 'docs', 'demo-report.json');

function demo(): Report {
  return parseReport(JSON.parse(readFileSync(FILE, 'utf8')), FILE);
}

/** The rows of the comment's table whose header starts with `header`. */
function tableRows(markdown: string, header: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  expect(start, header).toBeGreaterThanOrEqual(0);
  const rows: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('| ')) break;
    rows.push(line);
  }
  return rows;
}

describe('retention paths in the reports', () => {
  it('groups the findings by the changed line that filled their holder', () => {
    const groups = culpritGroups(demo().scenarios[0]!);
    expect(groups.map((g) => `${g.culprit.file}:${g.culprit.line}`)).toEqual(['app/cache.py:24']);
    expect(groups[0]!.kept).toEqual(['<stdlib>/json/decoder.py:353', 'app/catalog.py:15']);
  });

  it('leaves the order alone when nothing has a culprit', () => {
    const sites = demo().scenarios[0]!.sites;
    const { sites: ordered, roles } = culpritOrder(sites, []);
    expect(ordered).toEqual(sites);
    expect(roles.size).toBe(0);
  });

  it("the comment's sites table leads with the culprit line, the sites it keeps alive under it", () => {
    const markdown = renderMarkdown(demo());
    const rows = tableRows(markdown, '| Site | This PR |');
    expect(rows[0]).toMatch(
      /^\| <code>app\/cache\.py:24<\/code> in .*✏️ changed here; keeps 2\.04\sMiB of the grown memory alive/,
    );
    expect(rows[1]).toMatch(/^\| ↳ <code>&lt;stdlib&gt;\/json\/decoder\.py:353<\/code>/);
    expect(rows[1]).toContain('kept alive by <code>app/cache.py:24</code>');
    expect(rows[2]).toMatch(/^\| ↳ <code>app\/catalog\.py:15<\/code>/);
    expect(rows.slice(0, 3).join('\n')).not.toContain('indirect');
  });

  it('the verdict leads with the culprit line, then the budget it failed and the largest site', () => {
    const markdown = renderMarkdown(demo());
    const verdict = markdown.split('\n').find((line) => /^(❌|⚠️|✅|📈)/u.test(line))!;
    expect(verdict).toMatch(/^❌ \*\*Caused by <code>app\/cache\.py:24<\/code>\*\* ✏️: /);
    expect(verdict).toContain('kept alive by <code>app.cache.LRU.history</code>');
    const budget = verdict.indexOf('**Over budget:**');
    expect(budget).toBeGreaterThan(verdict.indexOf('a line this change made.'));
    expect(verdict.slice(budget)).toMatch(
      /most at <code>&lt;stdlib&gt;\/json\/decoder\.py:353<\/code>/,
    );
    expect(verdict).toMatch(/over the \+50% budget\.$/);
  });

  it('says the verdict sentence once', () => {
    const markdown = renderMarkdown(demo());
    const sentence = markdown.match(/\*\*Caused by [^*]+\*\* ✏️: ([^\n]+)/)![1]!;
    expect(markdown.split(sentence).length - 1).toBe(1);
    expect(markdown).toContain('**🔗 Kept alive by**');
  });

  it('the terminal report says what keeps the memory alive and its path', () => {
    const text = renderTerminal(demo());
    expect(text).toContain('kept alive in benchmarks/memory.py:');
    expect(text).toMatch(
      /kept alive by `app\.cache\.LRU\.history` \(`list`\).*at `app\/cache\.py:24`/,
    );
    expect(text).toContain('path: catalog.cache.history[…][1]');
  });

  it('the terminal verdict leads with the culprit line when it fails, never when it passes', () => {
    const lastLine = (text: string) => text.trimEnd().split('\n').at(-1)!;
    expect(lastLine(renderTerminal(demo()))).toMatch(/^FAIL: caused by app\/cache\.py:24: /);
    const passed: Report = { ...demo(), verdict: 'pass', budgets: [] };
    const verdict = lastLine(renderTerminal(passed));
    expect(verdict).toMatch(/^PASS: /);
    expect(verdict).not.toContain('caused by');
    // What keeps the memory alive is still said, above the verdict.
    expect(renderTerminal(passed)).toContain('kept alive in benchmarks/memory.py:');
  });

  it("the comment's verdict blames no line on a pass, as the terminal's does; its block says what the line keeps", () => {
    const passed: Report = { ...demo(), verdict: 'pass', budgets: [] };
    for (const target of ['comment', 'summary'] as const) {
      const markdown = renderMarkdown(passed, { target });
      const verdict = markdown.split('\n').find((line) => /^(❌|⚠️|✅|📈)/u.test(line))!;
      // The largest change and its site, as the terminal's PASS line says them.
      expect(verdict).toMatch(
        /^📈 \*\*Retained memory of <code>benchmarks\/memory\.py<\/code> grew ×11\.8 \(\+2\.07\sMiB\)/u,
      );
      expect(verdict).toContain('most at <code>&lt;stdlib&gt;/json/decoder.py:353</code>');
      expect(markdown).not.toContain('Caused by');
      expect(markdown).not.toContain('✏️:');
      // The block names the holder, what it keeps in all, and the line that filled it.
      expect(markdown).toMatch(
        /\*\*🔗 Kept alive by\*\*: <code>app\.cache\.LRU\.history<\/code> keeps 2\.04\sMiB of the grown memory alive, at the 3 sites walked \(of 5 that grew\); the most: .*filled \(a <code>tuple<\/code> stored\) at <code>app\/cache\.py:24<\/code>/u,
      );
    }
  });

  it('what a holder keeps is the growth of the sites it holds, never their size on head nor more than grew', () => {
    const report = demo();
    const scenario = report.scenarios[0]!;
    // The json decoder's strings were there on base too (another root kept them): of its
    // 1.31 MiB on head only 10,000 B grew, so the holder keeps those only.
    const sites = scenario.sites.map((site) =>
      site.line === 353 ? { ...site, sizeDelta: 10_000, baseSize: site.headSize - 10_000 } : site,
    );
    const held = scenario.retention!.filter((f) => f.holder === 'app.cache.LRU.history');
    // Of each site, its growth up to what the holder holds of it: the decoder's 10,000 B; of
    // the catalog's 688,800 B, the 676,500 B of its samples on the holder; all of the cache's
    // own line.
    const expected = 10_000 + 676_500 + 193_984;
    expect(held.map((f) => f.bytes)).toEqual([1_265_082, 676_500, 193_984]);
    expect(growthHeld({ ...scenario, sites }, held)).toBe(expected);
    const text = renderMarkdown({ ...report, scenarios: [{ ...scenario, sites }] });
    expect(text).toContain(
      `<code>app.cache.LRU.history</code> keeps ${formatBytes(expected)} of the grown memory alive`,
    );
    // Never more than the scenario's retained memory grew.
    const small = { ...scenario, retained: { ...scenario.retained, delta: 50_000 } };
    expect(growthHeld(small, held)).toBe(50_000);
    // A site that shrank, or was not compared, holds none of the growth.
    expect(growthHeld({ ...scenario, sites: [] }, held)).toBe(0);
    // Two holders at one site keep, together, at most its growth.
    const both = scenario.retention!.filter((f) => f.site.line === 353);
    expect(both).toHaveLength(2);
    expect(growthHeld({ ...scenario, sites }, both)).toBe(10_000);
  });

  it('a holder keeps all of a grown site it holds, when another root holds what base had of it', () => {
    const report = demo();
    const scenario = report.scenarios[0]!;
    // The decoder's site grew by what the cache's history holds of it; the rest of it, a third
    // of its samples, a root that held the same on base keeps (a benchmark's `results`).
    const history = scenario.retention!.find(
      (f) => f.holder === 'app.cache.LRU.history' && f.site.line === 353,
    )!;
    const headSize = 1_380_090;
    const grew = Math.round((headSize * 16) / 24);
    const retention: RetentionFinding[] = scenario.retention!.map((f) =>
      f === history
        ? { ...f, bytes: grew, sampled: 16 }
        : f.site.line === 353
          ? {
              ...f,
              kind: 'benchmark global',
              root: 'results',
              holder: 'results',
              holderType: 'list',
              name: 'results',
              bytes: headSize - grew,
              sampled: 8,
              culprit: undefined,
            }
          : f,
    );
    const sites = scenario.sites.map((site) =>
      site.line === 353 ? { ...site, sizeDelta: grew, baseSize: headSize - grew } : site,
    );
    const changed = { ...scenario, sites, retention };
    const held = retention.filter((f) => f.holder === 'app.cache.LRU.history');
    // All of the decoder's growth, not its growth shared out over its two holders (two thirds).
    const expected = grew + 676_500 + 193_984;
    expect(growthHeld(changed, held)).toBe(expected);
    const terminal = renderTerminal({ ...report, scenarios: [changed] });
    const verdict = terminal.trimEnd().split('\n').at(-1)!;
    expect(verdict).toContain(
      `\`app.cache.LRU.history\` keeps ${formatBytes(expected)} of the grown memory alive`,
    );
    // The lead's finding grew whole, as the sites table says: no smaller "of which" share.
    expect(verdict).toContain(`the most: ${formatBytes(grew)} of `);
    expect(verdict).not.toContain('of which');
    const row = terminal.split('\n').find((line) => line.startsWith('  app/cache.py:24 *'))!;
    expect(row).toContain(`keeps ${formatBytes(expected)} grown`);
  });

  it("the culprit's row, annotation and the lead's own finding say the growth held, never sizes on head", () => {
    const report = demo();
    const scenario = report.scenarios[0]!;
    // Of the json decoder's 1.31 MiB on head only 10,000 B grew (another root kept the rest on
    // base too).
    const sites = scenario.sites.map((site) =>
      site.line === 353 ? { ...site, sizeDelta: 10_000, baseSize: site.headSize - 10_000 } : site,
    );
    const grown: Report = { ...report, scenarios: [{ ...scenario, sites }] };
    const culprit = scenario.retention!.filter((f) => f.culprit?.line === 24);
    const expected = growthHeld({ ...scenario, sites }, culprit);
    const headSizes = culprit.reduce((sum, f) => sum + f.bytes, 0);
    expect(expected).toBeLessThan(headSizes / 2);
    const [group] = culpritGroups({ ...scenario, sites });
    expect(group!.bytes).toBe(expected);
    // The comment's and the terminal's sites tables, and the annotation.
    const rows = tableRows(renderMarkdown(grown), '| Site | This PR |');
    // The comment writes a no-break space between a figure and its unit.
    expect(rows[0]!.replace(/\s/gu, ' ')).toContain(
      `✏️ changed here; keeps ${formatBytes(expected)} of the grown memory alive`,
    );
    const terminal = renderTerminal(grown);
    const row = terminal.split('\n').find((line) => line.startsWith('  app/cache.py:24 *'))!;
    expect(row).toMatch(new RegExp(`keeps ${formatBytes(expected).replace('.', '\\.')} grown`));
    expect(terminal).not.toContain(`keeps ${formatBytes(headSizes)}`);
    expect(siteAnnotations(grown).annotations[0]!.title).toBe(
      `allocdiff: this line keeps ${formatBytes(expected)} of the grown memory alive`,
    );
    // The lead's finding, a size on head, says how much of it grew.
    const decoder = culprit.find((f) => f.site.line === 353)!;
    const ofIt = formatBytes(Math.min(10_000, decoder.bytes));
    const verdict = terminal.trimEnd().split('\n').at(-1)!;
    expect(verdict).toContain(`the most: ${formatBytes(decoder.bytes)} of `);
    expect(verdict).toContain(
      `from \`<stdlib>/json/decoder.py:353\` (of which ${ofIt} grew) are kept alive by`,
    );
    // Where all of it grew, nothing is added.
    expect(renderTerminal(report)).not.toContain('of which');
  });

  it('says the holder was searched for at the sites walked only, when more sites grew', () => {
    const report = demo();
    const scenario = report.scenarios[0]!;
    const verdict = (s: typeof scenario) =>
      renderTerminal({ ...report, scenarios: [s] })
        .trimEnd()
        .split('\n')
        .at(-1)!;
    // Five sites grew, the three largest were walked.
    expect(verdict(scenario)).toMatch(
      /keeps 2\.04 MiB of the grown memory alive, at the 3 sites walked \(of 5 that grew\); the most: /,
    );
    // Every grown site walked: no such note.
    const walkedAll = {
      ...scenario,
      sites: scenario.sites.filter((site) => site.file !== 'app/cache.py' || site.line === 24),
    };
    expect(verdict(walkedAll)).toMatch(
      /keeps 2\.04 MiB of the grown memory alive, at 3 sites; the most: /,
    );
    // The holder keeps the objects of 2 of the 3 sites walked.
    const twoOfThree = {
      ...scenario,
      retention: scenario.retention!.filter(
        (f) => f.holder !== 'app.cache.LRU.history' || f.site.line !== 15,
      ),
    };
    expect(verdict(twoOfThree)).toMatch(
      /keeps [\d.]+ MiB of the grown memory alive, at 2 of the 3 sites walked \(of 5 that grew\); the most: /,
    );
  });

  it('blames the line only when a budget decided the verdict, never a failed benchmark', () => {
    const report = demo();
    const [scenario] = report.scenarios;
    const failedHead: Report = {
      ...report,
      verdict: 'fail',
      budgets: [],
      scenarios: [
        scenario!,
        {
          ...scenario!,
          name: 'benchmarks/other.py',
          status: 'failed',
          retention: [],
          error: { side: 'head', type: 'KeyError', message: "'x'" },
        },
      ],
    };
    const markdown = renderMarkdown(failedHead);
    expect(markdown).toContain('**The head benchmark failed:**');
    expect(markdown).not.toContain('Caused by');
    const last = renderTerminal(failedHead).trimEnd().split('\n').at(-1)!;
    expect(last).toMatch(/^FAIL: the head benchmark failed: benchmarks\/other\.py raised KeyError/);
  });

  it("the culprit line's annotation says what it keeps alive", () => {
    const { annotations } = siteAnnotations(demo());
    expect(annotations[0]).toMatchObject({ file: 'app/cache.py', startLine: 24 });
    expect(annotations[0]!.title).toMatch(
      /^allocdiff: this line keeps 2\.04 MiB of the grown memory alive$/,
    );
    expect(annotations[0]!.message).toMatch(
      /It filled what keeps grown memory alive: benchmarks\/memory\.py: 1\.21 MiB of \d{1,3}(,\d{3})* objects from `<stdlib>\/json\/decoder\.py:353` are kept alive by `app\.cache\.LRU\.history`/,
    );
  });

  it('says when the objects are the keys of their holder, or the names of its attributes', () => {
    const finding: RetentionFinding = {
      ...demo().scenarios[0]!.retention![0]!,
      kind: 'module global',
      root: 'app.keys.seen',
      holder: 'app.keys.seen',
      holderType: 'dict',
      name: 'seen',
      path: 'app.keys.seen[key]',
    };
    expect(retentionSentence(finding)).toContain(
      'kept alive by `app.keys.seen` (`dict`), as its keys, filled',
    );
    expect(
      holderText({
        ...finding,
        holder: 'app.keys.Index.by_name',
        path: 'app.keys.index.by_name[key]',
      }),
    ).toBe('`app.keys.Index.by_name` (`dict`), as its keys');
    expect(
      holderText({
        ...finding,
        holder: 'app.keys.named',
        holderType: 'app.keys.Named',
        path: 'app.keys.named.__dict__[key]',
      }),
    ).toBe('`app.keys.named` (`app.keys.Named`), as the names of its attributes');
    // Keys of something an item holds are not the holder's own.
    expect(holderText({ ...finding, path: 'app.keys.seen[…].tags[key]' })).toBe(
      '`app.keys.seen` (`dict`)',
    );
    expect(holderText({ ...finding, path: 'app.keys.seen[…]' })).toBe('`app.keys.seen` (`dict`)');
  });

  it("names a pytest fixture's value by the fixture and its scope", () => {
    const finding: RetentionFinding = {
      ...demo().scenarios[0]!.retention![0]!,
      kind: 'fixture',
      root: 'registry (session)',
      holder: 'registry',
      holderType: 'list',
      name: 'registry',
      path: 'registry[…]',
    };
    expect(holderText(finding)).toBe('the fixture `registry` (session) (`list`)');
    expect(retentionSentence(finding)).toContain(
      'kept alive by the fixture `registry` (session) (`list`)',
    );
    // Deeper in the fixture's value: the attribute that holds them, from the fixture.
    expect(holderText({ ...finding, holder: 'app.db.Store.rows', name: 'rows' })).toBe(
      '`app.db.Store.rows` (`list`, from the fixture `registry` (session))',
    );
  });
});

describe('which scenarios look for retention paths', () => {
  const site = (file: string, line: number, sizeDelta: number) =>
    ({ file, line, sizeDelta }) as SiteDelta;
  const scenarios = [
    {
      name: 'tests/a.py::grew',
      status: 'ok',
      retained: { delta: 9000 },
      sites: [site('a.py', 3, 9000)],
    },
    {
      name: 'tests/a.py::peak',
      status: 'ok',
      retained: { delta: 0 },
      sites: [site('a.py', 3, 10)],
    },
    {
      name: 'tests/a.py::fell',
      status: 'ok',
      retained: { delta: -500 },
      sites: [site('b.py', 1, 80)],
    },
    {
      name: 'tests/a.py::failed',
      status: 'failed',
      retained: { delta: 900 },
      sites: [site('c.py', 2, 900)],
    },
  ];

  it('walks in the scenarios whose retained memory grew, for their top grown sites', () => {
    expect(retentionTargets(scenarios, 2)).toEqual(['a.py:3']);
    expect(retentionScenarios(scenarios, 2)).toEqual(['tests/a.py::grew']);
    expect(retentionScenarios(scenarios, 0)).toEqual([]);
  });
});

describe("a line that grows a container's item storage, in words", () => {
  const site = { file: 'app/parser.py', line: 12, text: 'self._USAGE.append(expression)' };
  const storage = (extra: Partial<RetentionFinding>): RetentionFinding => ({
    site,
    kind: 'class attribute',
    root: 'app.parser.Parser._USAGE',
    holder: 'app.parser.Parser._USAGE',
    holderType: 'list',
    name: '_USAGE',
    path: 'app.parser.Parser._USAGE',
    bytes: 24_680,
    count: 1,
    sampled: 1,
    sampledOf: 1,
    objects: 0,
    storage: 'found',
    items: 3000,
    via: [],
    ...extra,
  });

  it('names the container whose storage the line is, grown by the line, the culprit when changed', () => {
    const changed = storage({ culprit: { ...site, evidence: 'grown', type: 'list' } });
    expect(retentionSentence(changed)).toBe(
      '24.1 KiB at `app/parser.py:12` is the item storage of `app.parser.Parser._USAGE` (`list` of 3,000 items), grown by this line, a line this change made',
    );
    expect(retentionSentence(storage({}))).toMatch(
      /\(`list` of 3,000 items\), grown by this line$/,
    );
    expect(holderText(changed)).toBe(
      '`app.parser.Parser._USAGE` (its item storage: `list` of 3,000 items)',
    );
  });

  it('counts the containers of one holder, and names a root the holder does not spell', () => {
    const two = storage({
      kind: 'thread',
      root: 'work (app/jobs.py:3)',
      holder: 'app.parser.Parser.seen',
      sampled: 2,
      sampledOf: 2,
      items: 40,
    });
    expect(retentionSentence(two)).toContain(
      'are the item storage of `app.parser.Parser.seen` (2 `list`s, 40 items, from thread `work (app/jobs.py:3)`)',
    );
    const returned = storage({ kind: 'return value', holder: 'the return value', root: '' });
    expect(retentionSentence(returned)).toContain(
      "is the item storage of the measured call's return value (`list` of 3,000 items)",
    );
  });

  it('says when no container could be named, and why', () => {
    const none = storage({ kind: 'not found', storage: 'none', items: undefined, sampled: 0 });
    expect(retentionSentence(none)).toBe(
      "24.1 KiB at `app/parser.py:12`: not found: the line allocated no object of its own (most often it grows a container's item storage), and no container a root reaches has storage of its size",
    );
    const several = storage({ kind: 'not found', storage: 'several', items: undefined });
    expect(holderText(several)).toContain(
      'several containers a root reaches have storage of its size, none of them named by the line',
    );
  });
});

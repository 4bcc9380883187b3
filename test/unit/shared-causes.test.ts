/**
 * A pytest report of hundreds of tests where one per-call leak reaches every test: the terminal
 * report stays a screenful or two whatever the number of tests, leads with the test the verdict
 * names and its sites, and says the cause the tests share once; the comment and the job summary
 * say it too, within GitHub's limits.
 */
import { describe, expect, it } from 'vitest';
import { decideVerdict, evaluateBudgets } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import type { ScenarioComparison, SiteDelta } from '../../src/compare/comparison.js';
import type { RetentionFinding } from '../../src/compare/retention.js';
import { COMMENT_LIMIT, renderMarkdown, renderSummary } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report.js';
import { SHARED_CAUSE_MIN, sharedCauses } from '../../src/report/shared-causes.js';
import { renderTerminal, TERMINAL_SHOWN } from '../../src/report/terminal.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

/** The line every test's conversion appends to: a changed line, the culprit. */
const APPEND = {
  file: 'mdlib/core.py',
  line: 402,
  function: 'Markdown.convert',
  text: '_CONVERSIONS.append((source, output))',
};

/** `site`'s objects kept alive by the module list `APPEND` fills. */
function keptByAppend(site: SiteDelta, bytes: number): RetentionFinding {
  return {
    site: {
      file: site.file,
      line: site.line!,
      text: site.text ?? '',
      function: site.function ?? '',
    },
    kind: 'module global',
    root: 'mdlib.core._CONVERSIONS',
    holder: 'mdlib.core._CONVERSIONS',
    holderType: 'list',
    name: '_CONVERSIONS',
    path: 'mdlib.core._CONVERSIONS[…]',
    bytes,
    count: 1,
    sampled: 1,
    sampledOf: 1,
    objects: 1,
    culprit: { ...APPEND, evidence: 'stored', type: 'tuple' },
    via: [],
  };
}

/**
 * A test whose conversion keeps `kept` bytes in the list (`APPEND`'s tuple and the output it
 * holds), its peak grown by `peak`; `retention`: whether retention paths were walked.
 */
function leakingTest(name: string, kept: number, peak: number, retention = true) {
  const tuple = siteDelta({ ...APPEND, baseLine: 400, headSize: 56, changedLine: true });
  const output = siteDelta({
    file: 'mdlib/core.py',
    line: 386,
    baseLine: 384,
    function: 'Markdown.convert',
    text: 'output = output[start:end].strip()',
    headSize: kept - 56,
  });
  const sites = [output, tuple].sort((a, b) => b.sizeDelta - a.sizeDelta);
  return scenarioComparison({
    name,
    kind: 'test',
    peak: measure(20_000, 20_000 + peak),
    retained: measure(400, 400 + kept),
    sites,
    ...(retention ? { retention: [keptByAppend(output, kept - 56), keptByAppend(tuple, 56)] } : {}),
  });
}

/**
 * `count` tests of a suite: each keeps 120 B to 700 B more, a few with a peak that grew by
 * more than 10 % (warned), larger peaks than the test over its budget; that test
 * (`test_convert_syntax_doc`) keeps 31 KiB, over `retained: +20KB`, and one more test is over it
 * by less, with a larger peak; two tests unchanged.
 */
function suite(count: number, retention = true): Report {
  const tests: ScenarioComparison[] = Array.from({ length: count }, (_, i) =>
    leakingTest(
      `tests/test_syntax/test_blocks.py::TestBlocks::test_case_${String(i).padStart(4, '0')}`,
      120 + ((i * 37) % 581),
      i % 25 === 0 ? 12_000 + i : (i * 13) % 900,
      retention,
    ),
  );
  const failing = leakingTest(
    'tests/test_memory.py::test_convert_syntax_doc',
    31_700,
    0,
    retention,
  );
  const unchanged = [0, 1].map((i) =>
    scenarioComparison({ name: `tests/test_other.py::test_same_${i}`, kind: 'test' }),
  );
  // Over the same budget by little, when the shared list grew its storage: a larger peak.
  const barely = leakingTest(
    'tests/test_syntax/test_images.py::test_misc_ref',
    20_600,
    22_000,
    retention,
  );
  const scenarios = [barely, ...tests.slice(0, 2), failing, ...tests.slice(2), ...unchanged];
  const budgets = evaluateBudgets(
    { scenarios },
    parseBudgetRules('retained: +20KB; peak: +10% (warn)'),
  );
  return report(scenarios, { budgets, verdict: decideVerdict({ scenarios }, budgets) });
}

const FAILING = 'tests/test_memory.py::test_convert_syntax_doc';

describe('a report of hundreds of tests sharing one cause', () => {
  const big = suite(400);

  it('finds the site that is the top changed site of every changed test', () => {
    const causes = sharedCauses(big.scenarios);
    expect(causes).toHaveLength(1);
    expect(causes[0]!.site).toMatchObject({ file: 'mdlib/core.py', line: 402 });
    expect(causes[0]!.scenarios).toHaveLength(402);
    expect(causes[0]!.keeps).toBe(true);
    expect(causes[0]!.least).toBe(120);
    expect(causes[0]!.most).toBe(31_700);
  });

  describe('the terminal report', () => {
    const text = renderTerminal(big, 10, { width: 160 });
    const lines = text.split('\n');

    it('stays within a bounded number of lines, whatever the number of tests', () => {
      // The scenario and budget tables, the blocks of the tests shown (about 10 lines each
      // here), and the lines around them.
      const bound = 2 * TERMINAL_SHOWN.rows + 12 * TERMINAL_SHOWN.details + 30;
      expect(lines.length).toBeLessThan(bound);
      // Before the caps, every changed test had a row and two blocks.
      expect(lines.length).toBeLessThan(big.scenarios.length);
      // Once both tables are full, twice the tests give the same length: nothing else grows.
      const many = renderTerminal(suite(1_600), 10, { width: 160 }).split('\n').length;
      expect(many).toBeLessThan(bound);
      expect(renderTerminal(suite(3_200), 10, { width: 160 }).split('\n')).toHaveLength(many);
    });

    it('says the shared cause once, with its site, its count and its range, before any test', () => {
      const cause = lines.filter((line) => line.startsWith('one cause: '));
      expect(cause).toEqual([
        'one cause: 402 of the 402 changed tests keep memory alive through mdlib/core.py:402 ' +
          'in `Markdown.convert` (`_CONVERSIONS.append((source, output))`), a line the change ' +
          'touches: +120 B to +31.0 KiB each, with what it keeps alive',
      ]);
      const at = lines.indexOf(cause[0]!);
      expect(at).toBeLessThan(lines.findIndex((line) => line.startsWith('scenario ')));
      expect(at).toBeLessThan(lines.findIndex((line) => line.startsWith('changed sites in ')));
    });

    it('leads with the test over its budget: its row first, its sites first', () => {
      const header = lines.findIndex((line) => line.startsWith('scenario '));
      expect(lines[header + 1]).toMatch(/^tests\/test_memory\.py::test_convert_syntax_doc\s/);
      const blocks = lines.filter((line) => line.startsWith('changed sites in '));
      expect(blocks[0]).toMatch(
        /^changed sites in tests\/test_memory\.py::test_convert_syntax_doc /,
      );
      const sites = lines.indexOf(blocks[0]!);
      expect(lines[sites + 2]).toMatch(
        /^ {2}mdlib\/core\.py:402 \*\s+\+56 B .*keeps 31\.0 KiB grown/,
      );
      expect(lines.filter((line) => line.startsWith('kept alive in '))[0]).toBe(
        `kept alive in ${FAILING}:`,
      );
    });

    it('gives details to the worst tests only, the failing ones first, then the warned', () => {
      const blocks = lines.filter((line) => line.startsWith('changed sites in '));
      expect(blocks).toHaveLength(TERMINAL_SHOWN.details);
      // The other test over its budget (a larger peak, by less over it), then the tests whose
      // peak warned, the largest growth first.
      expect(blocks[1]).toContain('test_misc_ref');
      expect(blocks[2]).toContain('test_case_0375');
      expect(text).toContain(
        `the sites and failures of ${402 - TERMINAL_SHOWN.details} more changed tests are in ` +
          'the full Markdown report and the JSON report',
      );
    });

    it('lists the worst tests as rows and counts the others in one line', () => {
      const header = lines.findIndex((line) => line.startsWith('scenario '));
      const rows = lines.slice(header + 1, header + 1 + TERMINAL_SHOWN.rows);
      expect(rows.every((row) => row.startsWith('tests/'))).toBe(true);
      expect(lines[header + 1 + TERMINAL_SHOWN.rows]).toBe(
        `… ${402 - TERMINAL_SHOWN.rows} more changed tests, not listed: every one is in the full ` +
          'Markdown report and the JSON report',
      );
      expect(text).toContain('2 tests unchanged, 402 changed');
    });

    it('lists the failed budgets first, the furthest over first, and counts those that held', () => {
      const budgets = lines.findIndex((line) => line === 'budgets:');
      expect(lines[budgets + 2]).toMatch(
        /^ {2}retained\s+tests\/test_memory\.py::test_convert_syntax_doc\s+\+20KB\s+\+31\.7 KB\s+fail\s+fail/,
      );
      expect(lines[budgets + 3]).toMatch(/^ {2}retained\s+\S+::test_misc_ref\s.*\sfail\s+fail/);
      const warned = big.budgets.filter((b) => b.status === 'warn').length;
      expect(
        lines.slice(budgets + 4, budgets + 4 + warned).every((l) => /\swarn\s+warn/.test(l)),
      ).toBe(true);
      const held = big.budgets.filter((b) => b.status === 'pass').length;
      expect(text).toContain(
        `  … ${held} more budgets held, not listed: every budget is in the full Markdown report and the JSON report`,
      );
    });

    it('ends with the verdict, naming the failing test', () => {
      expect(text.trimEnd().split('\n').at(-1)).toMatch(/^FAIL: caused by mdlib\/core\.py:402: .*/);
      expect(text.trimEnd().split('\n').at(-1)).toContain(FAILING);
    });
  });

  describe('the comment and the job summary', () => {
    const comment = renderMarkdown(big);
    const summary = renderSummary(big);

    it('say the shared cause once, before the table, with the site linked', () => {
      for (const text of [comment, summary]) {
        const lines = text.split('\n');
        const cause = lines.filter((line) => line.startsWith('**One cause:**'));
        expect(cause).toHaveLength(1);
        expect(cause[0]).toBe(
          '**One cause:** 402 of the 402 changed tests keep memory alive through ' +
            '[<code>mdlib/core.py:402</code>](https://github.com/octo/allocdiff/blob/abcdef0123456789abcdef0123456789abcdef01/mdlib/core.py#L402) ' +
            'in <code>Markdown.convert</code> (<code>_CONVERSIONS.append((source, output))</code>) ✏️: ' +
            '+120 B to +31.0 KiB each, with what it keeps alive.',
        );
        expect(lines.indexOf(cause[0]!)).toBeLessThan(
          lines.indexOf('| --- | ---: | ---: | ---: | --- |'),
        );
      }
    });

    it('the comment fits, and leads with the failing test: its row and its sites first', () => {
      expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
      const rows = comment.split('\n').filter((line) => line.startsWith('| <code>tests/'));
      expect(rows[0]).toContain(`<code>${FAILING}</code>`);
      const sections = comment
        .split('\n')
        .filter((line) => line.startsWith('#### Top changed sites'));
      expect(sections[0]).toBe(`#### Top changed sites · <code>${FAILING}</code>`);
    });
  });
});

describe('which causes are said once', () => {
  it('a top growth shared without retention paths: the site that grew most in each', () => {
    const text = renderTerminal(suite(30, false), 10, { width: 160 });
    expect(text).toContain(
      'one cause: 32 of the 32 changed tests grew most at mdlib/core.py:386 in `Markdown.convert` ' +
        '(`output = output[start:end].strip()`): +64 B to +30.9 KiB each',
    );
  });

  it(`not a site fewer than ${SHARED_CAUSE_MIN} changed scenarios share`, () => {
    // The failing tests share it too: `SHARED_CAUSE_MIN` changed tests, then one fewer.
    const few = suite(SHARED_CAUSE_MIN - 2);
    expect(sharedCauses(few.scenarios)).toHaveLength(1);
    const fewer = suite(SHARED_CAUSE_MIN - 3);
    expect(sharedCauses(fewer.scenarios)).toEqual([]);
    expect(renderTerminal(fewer)).not.toContain('one cause');
    expect(renderMarkdown(fewer)).not.toContain('One cause');
  });

  it('several causes: each said once, the most shared first; a failed test is none', () => {
    const at = (file: string, line: number, size: number) =>
      siteDelta({ file, line, headSize: size, function: 'f', text: 'x = y' });
    const scenarios = [
      ...Array.from({ length: 6 }, (_, i) =>
        scenarioComparison({ name: `a_${i}`, sites: [at('app/a.py', 1, 100 + i)] }),
      ),
      ...Array.from({ length: 9 }, (_, i) =>
        scenarioComparison({
          name: `b_${i}`,
          sites: [at('app/b.py', 2, 200 + i), at('app/a.py', 1, 50)],
        }),
      ),
      scenarioComparison({
        name: 'broken',
        status: 'failed',
        error: { type: 'ValueError', message: 'no', side: 'head' },
        sites: [at('app/a.py', 1, 999)],
      }),
    ];
    const causes = sharedCauses(scenarios);
    expect(causes.map((c) => [c.site.file, c.scenarios.length])).toEqual([
      ['app/b.py', 9],
      ['app/a.py', 6],
    ]);
    const text = renderTerminal(report(scenarios));
    expect(text).toContain(
      'one cause: 9 of the 15 changed scenarios grew most at app/b.py:2 in `f` (`x = y`): +200 B to +208 B each',
    );
    expect(text).toContain(
      'one cause: 6 of the 15 changed scenarios grew most at app/a.py:1 in `f` (`x = y`): +100 B to +105 B each',
    );
  });
});

/* eslint-disable no-control-regex -- terminal colour codes are what these tests look for */
import { describe, expect, it } from 'vitest';
import type { BudgetResult } from '../../src/budgets/evaluate.js';
import type { ScenarioComparison } from '../../src/compare/comparison.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { displayWidth } from '../../src/format/text-width.js';
import { foldName, renderTerminal } from '../../src/report/terminal.js';
import { HEAD_SHA, measure, report, scenarioComparison, siteDelta } from './fixtures.js';

const load = scenarioComparison({
  name: 'load',
  peak: measure(1_048_576, 2_097_152),
  retained: measure(2_048, 1_024),
  sites: [
    siteDelta({
      file: 'app/cache.py',
      line: 41,
      baseLine: 38,
      function: 'LRU.put',
      text: 'self.items[key] = value',
      baseSize: 0,
      headSize: 1_048_576,
      headCount: 3,
      changedLine: true,
    }),
    siteDelta({
      file: 'app/io.py',
      line: null,
      baseLine: 7,
      function: 'read',
      text: 'data = f.read()',
      baseSize: 4_096,
      headSize: 0,
      baseCount: 2,
      headCount: 0,
    }),
    siteDelta({
      file: 'app/a.py',
      line: 3,
      baseLine: 3,
      function: 'f',
      text: 'x = [0] * 10',
      baseSize: 100,
      headSize: 180,
    }),
  ],
});
const crashed = scenarioComparison({
  name: 'import_time',
  status: 'failed',
  error: {
    side: 'head',
    type: 'ImportError',
    message: 'No module named numpy',
    traceback: 'Traceback (most recent call last):',
    output: 'loading…\nimporting numpy',
  },
});
const fresh = scenarioComparison({
  name: 'a_much_longer_scenario_name',
  status: 'new',
  peak: measure(null, 5),
  retained: measure(null, 0),
});
const budgets: BudgetResult[] = [
  {
    rule: 'peak: +5%',
    metric: 'peak',
    scenario: 'load',
    limit: '+5%',
    actual: '+100.0 %',
    status: 'fail',
    level: 'fail',
  },
  {
    rule: 'site: +1KB (warn)',
    metric: 'site',
    scenario: 'load',
    limit: '+1KB',
    actual: '+1.00 MiB',
    status: 'warn',
    level: 'warn',
    site: 'app/cache.py:41',
  },
  {
    rule: 'peak: +5%',
    metric: 'peak',
    scenario: 'import_time',
    limit: '+5%',
    actual: '—',
    status: 'skip',
    level: 'fail',
    reason: 'the head benchmark failed',
  },
];

function render(scenarios: ScenarioComparison[] = [load, crashed, fresh], topSites = 10): string {
  return renderTerminal(report(scenarios, { verdict: 'fail', budgets }), topSites);
}

/** The lines of the table whose header row is `header` (cells separated by 2+ spaces). */
function tableAfter(text: string, header: string[]): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex(
    (line) => line.trim().split(/ {2,}/).join('|') === header.join('|'),
  );
  expect(start, `table ${header.join(', ')}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start, end < 0 ? undefined : end).filter((l) => !l.trim().startsWith('…'));
}

/**
 * The first column is left-aligned, the others right-aligned: every row starts its first cell
 * where the header does, and ends every other cell where the header ends that column.
 */
/**
 * Every cell of a column lines up with its header: left-aligned columns (`l` in `align`) start
 * where the header starts, right-aligned ones (`r`) end where it ends.
 */
function expectAligned(rows: string[], header: string[], align: string): void {
  const indent = rows[0].length - rows[0].trimStart().length;
  let from = indent;
  const columns = header.map((cell, index) => {
    const start = rows[0].indexOf(cell, from);
    from = start + cell.length;
    return { start, end: start + cell.length, align: align[index] };
  });
  for (const row of rows) {
    expect(row.slice(0, indent)).toBe(' '.repeat(indent));
    for (const column of columns) {
      if (column.align === 'l') {
        expect(row[column.start], `${row} (column at ${column.start})`).not.toBe(' ');
        if (column.start > indent) expect(row.slice(column.start - 2, column.start)).toBe('  ');
      } else {
        expect(row[column.end - 1], `${row} (column ending at ${column.end})`).not.toBe(' ');
        expect(row.slice(column.end, column.end + 2), `${row} (gap after ${column.end})`).toMatch(
          /^( {2})?$/,
        );
      }
    }
  }
}

describe('renderTerminal', () => {
  it('starts with the version and both commits', () => {
    expect(render().split('\n')[0]).toBe('allocdiff 0.1.0: base 1111111 -> head abcdef0');
  });

  it('says when head is the working tree on top of a commit', () => {
    const workingTree = report([load], { head: { sha: HEAD_SHA, ref: 'HEAD', workingTree: true } });
    expect(renderTerminal(workingTree).split('\n')[0]).toBe(
      'allocdiff 0.1.0: base 1111111 -> head: working tree on top of abcdef0',
    );
  });

  it('aligns the scenario table', () => {
    const header = ['scenario', 'peak', 'peak change', 'retained', 'retained change', 'status'];
    const rows = tableAfter(render(), header);
    expect(rows).toHaveLength(4);
    expectAligned(rows, header, 'lrrrrl');
  });

  it('shows base -> head, the change with its percentage, and "-" where a side is missing', () => {
    const rows = tableAfter(render(), [
      'scenario',
      'peak',
      'peak change',
      'retained',
      'retained change',
      'status',
    ]);
    const cells = (name: string) =>
      rows
        .find((row) => row.startsWith(`${name} `))!
        .trim()
        .split(/ {2,}/);
    expect(cells('load')).toEqual([
      'load',
      '1.00 MiB -> 2.00 MiB',
      '+1.00 MiB (+100.0 %)',
      '2.00 KiB -> 1.00 KiB',
      '-1.00 KiB (-50.0 %)',
      'ok',
    ]);
    expect(cells('a_much_longer_scenario_name')).toEqual([
      'a_much_longer_scenario_name',
      '- -> 5 B',
      '-',
      '- -> 0 B',
      '-',
      'new',
    ]);
  });

  it('aligns the changed-site table, indented under its scenario', () => {
    const header = ['site', 'size change', 'count', 'head size', 'function', 'source'];
    const text = render();
    // The fixture's first site is on a line the change touches: the heading says what * means.
    expect(text).toContain('\nchanged sites in load (* a line the change touches):\n');
    const rows = tableAfter(text, header);
    expect(rows).toHaveLength(4);
    expectAligned(rows, header, 'lrrrll');
  });

  it('lists sites largest change first, marks edited lines and shows base lines of gone sites', () => {
    const rows = tableAfter(render(), [
      'site',
      'size change',
      'count',
      'head size',
      'function',
      'source',
    ]).map((row) => row.trim().split(/ {2,}/));
    expect(rows.slice(1)).toEqual([
      ['app/cache.py:41 *', '+1.00 MiB', '+3', '1.00 MiB', 'LRU.put', 'self.items[key] = value'],
      ['app/io.py:7', '-4.00 KiB', '-2', '0 B', 'read', 'data = f.read()'],
      ['app/a.py:3', '+80 B', '+1', '180 B', 'f', 'x = [0] * 10'],
    ]);
  });

  it('lists at most topSites growths and topSites shrinks, and says how many more there are', () => {
    const text = render([load], 1);
    const rows = tableAfter(text, [
      'site',
      'size change',
      'count',
      'head size',
      'function',
      'source',
    ]);
    // The largest growth and the largest shrink; the smaller growth is left out.
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain('app/cache.py:41');
    expect(rows[2]).toContain('app/io.py:7');
    expect(text).toContain('  … 1 more in the JSON report');
  });

  it('aligns the budget table, with levels, and names the site a site budget blamed', () => {
    const header = ['rule', 'scenario', 'limit', 'actual', 'level', 'status'];
    const rows = tableAfter(render(), header);
    expect(rows).toHaveLength(4);
    expectAligned(rows, header, 'llrrll');
    expect(rows.join('\n')).toContain('+1.00 MiB at app/cache.py:41');
    expect(rows[2]).toMatch(/ warn +warn$/);
    expect(rows[3]).toMatch(/ fail +skip \(the head benchmark failed\)$/);
  });

  it('ends with the benchmark the pull request broke, then the first budget exceeded', () => {
    expect(render().trimEnd().split('\n').at(-1)).toBe(
      'FAIL: the head benchmark failed: import_time raised ImportError; also memory budget exceeded: peak of load is +100.0 %, limit +5%',
    );
    expect(render([load, fresh]).trimEnd().split('\n').at(-1)).toBe(
      'FAIL: memory budget exceeded: peak of load is +100.0 %, limit +5%',
    );
  });

  it('lists the budgets that could not be checked, and what was not shown', () => {
    const text = renderTerminal(
      report([scenarioComparison()], {
        verdict: 'warn',
        warnings: ['allocdiff.yml: scenarios."etl*" matches no scenario'],
        hiddenSites: { ignored: 3, belowMinimumChange: 2, minimumChange: 1_024 },
      }),
    );
    expect(text).toContain('\nwarning: allocdiff.yml: scenarios."etl*" matches no scenario\n');
    expect(text).toContain(
      'not shown: 3 site(s) matching an ignore glob, 2 changed by less than 1.00 KiB',
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'WARN: allocdiff.yml: scenarios."etl*" matches no scenario',
    );
  });

  it('shows which side failed, the error, its traceback and the benchmark output', () => {
    const lines = render().split('\n');
    const at = lines.indexOf(
      'import_time: the head side failed: ImportError: No module named numpy',
    );
    expect(at).toBeGreaterThan(0);
    // The output does not hold the traceback here: the recorded one comes first.
    expect(lines.slice(at + 1, at + 4)).toEqual([
      '  | Traceback (most recent call last):',
      '  | loading…',
      '  | importing numpy',
    ]);
  });

  it('shows a base failure as the base side', () => {
    const baseFailed = scenarioComparison({
      name: 'x',
      status: 'failed',
      error: { side: 'base', type: 'SetupFailed', message: 'setup exited with code 1' },
    });
    expect(render([baseFailed])).toContain('x: the base side failed: SetupFailed: setup exited');
  });

  it.each([
    ['pass', 'PASS: no memory change'],
    ['warn', 'WARN: the base side could not be measured; nothing to compare against'],
    ['fail', 'FAIL: a budget was exceeded or the head benchmark failed'],
  ] as const)('ends with the verdict: %s', (verdict, text) => {
    const output = renderTerminal(report([scenarioComparison()], { verdict }));
    expect(output.trimEnd().split('\n').at(-1)).toBe(text);
  });

  it('ends by saying head was not run when the pull request touches nothing the benchmark reads', () => {
    const output = renderTerminal(
      report([scenarioComparison()], {
        noChange:
          "no change: this pull request touches nothing the benchmark reads: …, so head's figures are base's",
      }),
    );
    expect(output.trimEnd().split('\n').at(-1)).toBe(
      'PASS: no change: head not run, as this pull request touches nothing the benchmark reads',
    );
  });

  it('prints no site or budget sections when there is nothing to show', () => {
    const output = renderTerminal(report([scenarioComparison()]));
    expect(output).not.toContain('changed sites');
    expect(output).not.toContain('budgets:');
  });
});

describe('renderTerminal: what the report says', () => {
  const MiB = 1024 * 1024;
  const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);
  const grown = scenarioComparison({
    name: 'bench.py',
    peak: measure(4 * MiB, 5 * MiB),
    retained: measure(MiB, 2 * MiB),
    sites: [siteDelta({ file: 'bench.py', line: 2, baseLine: null, headSize: MiB })],
  });

  it('says no budget is set, and how to add one, when memory grew unchecked; not in green', () => {
    const plain = renderTerminal(report([grown]));
    expect(lastLine(plain)).toBe(
      'PASS: retained memory of bench.py grew +100.0 % (+1.00 MiB), most at bench.py:2 (+1.00 MiB); ' +
        'no budget is set, so nothing was checked: add one, e.g. --budget "retained: +100KB"',
    );
    const coloured = renderTerminal(report([grown]), 10, { color: true });
    expect(coloured).toContain('\u001b[1;33mPASS\u001b[0m: ');
    expect(coloured).not.toContain('\u001b[1;32mPASS');
  });

  it('says first that nothing changed beyond noise when no change leads, budgets or not', () => {
    // A change within the noise of the repeats is no change to lead with, as in the comment.
    const noisy = scenarioComparison({
      name: 'tests/test_x.py::test_a',
      kind: 'test',
      peak: { ...measure(4 * MiB, 4 * MiB + 512), noisy: true },
    });
    const unchecked = report([noisy]);
    expect(lastLine(renderTerminal(unchecked))).toBe(
      'PASS: no memory change beyond noise; no budget is set',
    );
    expect(renderMarkdown(unchecked)).toContain('**No memory change beyond noise:**');
    const budgets: BudgetResult[] = [
      {
        rule: 'peak: +10MB',
        metric: 'peak',
        scenario: 'tests/test_x.py::test_a',
        limit: '+10MB',
        actual: '+512 B',
        status: 'pass',
        level: 'fail',
      },
    ];
    expect(lastLine(renderTerminal(report([noisy], { budgets })))).toBe(
      'PASS: within budget; no memory change beyond noise',
    );
  });

  it('never says "beyond noise" when nothing was measured', () => {
    const notRun = report([], {
      testsNotRun: { count: 7, why: 'no test reads the changed files' },
    });
    expect(lastLine(renderTerminal(notRun))).toBe(
      'PASS: no memory change: no test reads what this pull request changes, so none was run',
    );
    const none = report([]);
    expect(lastLine(renderTerminal(none))).toBe('PASS: nothing measured: no scenario ran');
    expect(renderMarkdown(none).split('\n')[3]).toBe('✅ **Nothing measured:** no scenario ran.');
    for (const r of [notRun, none]) {
      expect(renderTerminal(r)).not.toContain('beyond noise');
      expect(renderMarkdown(r)).not.toContain('beyond noise');
    }
  });

  it('says, where a limit is in KB, why its figure reads larger than the tables’ KiB', () => {
    const grew = scenarioComparison({ name: 'bench.py', retained: measure(0, 208_000) });
    const budget = (limit: string, actual: string): BudgetResult => ({
      rule: `retained: ${limit}`,
      metric: 'retained',
      scenario: 'bench.py',
      limit,
      actual,
      status: 'fail',
      level: 'fail',
    });
    const decimal = report([grew], { verdict: 'fail', budgets: [budget('+100KB', '+208 KB')] });
    const note =
      "Actual is in its limit's units: KB, MB and GB are powers of 1000, the tables use KiB, MiB " +
      'and GiB (powers of 1024), so one change reads larger here (+100KB is +97.7 KiB)';
    const terminal = renderTerminal(decimal);
    expect(terminal).toContain('+203 KiB');
    expect(terminal).toContain(`${note}.`);
    expect(renderMarkdown(decimal)).toContain(`<sub>${note}.</sub>`);
    // A rule skipped has no figure to read, and a limit in the tables' own units, no note.
    const skipped = report([grew], {
      budgets: [{ ...budget('+100KB', '—'), status: 'skip' }],
    });
    expect(renderTerminal(skipped)).not.toContain("limit's units");
    const binary = report([grew], { verdict: 'fail', budgets: [budget('+100KiB', '+203 KiB')] });
    expect(renderTerminal(binary)).not.toContain("limit's units");
    expect(renderMarkdown(binary)).not.toContain("limit's units");
  });

  it('says the budgets held, in green, with the largest change', () => {
    const budgets: BudgetResult[] = [
      {
        rule: 'retained: +10MB',
        metric: 'retained',
        scenario: 'bench.py',
        limit: '+10MB',
        actual: '+1.00 MiB',
        status: 'pass',
        level: 'fail',
      },
    ];
    const held = report([grown], { budgets });
    expect(lastLine(renderTerminal(held))).toBe(
      'PASS: within budget; retained memory of bench.py grew +100.0 % (+1.00 MiB), most at bench.py:2 (+1.00 MiB)',
    );
    expect(renderTerminal(held, 10, { color: true })).toContain('\u001b[1;32mPASS\u001b[0m: ');
  });

  it('leads with the largest relative change, and names the line at the peak', () => {
    const fell = scenarioComparison({
      name: 'load',
      peak: { ...measure(10 * MiB, 7 * MiB) },
      retained: measure(5 * MiB, 5 * MiB + 4_194),
      peakSites: {
        sites: [
          siteDelta({
            file: 'app/load.py',
            line: null,
            baseLine: 12,
            baseSize: 3 * MiB,
            headSize: 0,
          }),
        ],
      },
    });
    expect(lastLine(renderTerminal(report([fell])))).toBe(
      'PASS: peak memory of load shrank -30.0 % (-3.00 MiB), most at app/load.py:12 (-3.00 MiB at the peak); ' +
        'retained memory of load grew +0.08 % (+4.10 KiB); no budget is set, so nothing was checked: ' +
        'add one, e.g. --budget "retained: +100KB"',
    );
  });

  it('names the line at the peak when a peak budget failed', () => {
    const regression = scenarioComparison({
      name: 'cache',
      peak: measure(20 * MiB, 31 * MiB),
      peakSites: {
        sites: [siteDelta({ file: 'app/cache.py', line: 41, baseSize: MiB, headSize: 11 * MiB })],
      },
    });
    const failed: BudgetResult = {
      rule: 'peak: +5%',
      metric: 'peak',
      scenario: 'cache',
      limit: '+5%',
      actual: '+55.0 %',
      status: 'fail',
      level: 'fail',
    };
    expect(
      lastLine(renderTerminal(report([regression], { verdict: 'fail', budgets: [failed] }))),
    ).toBe(
      'FAIL: memory budget exceeded: peak of cache is +55.0 %, limit +5%, most at app/cache.py:41 (+10.0 MiB at the peak)',
    );
  });

  it('says why a side has no sites at the peak, as the comment does', () => {
    const missed = scenarioComparison({
      name: 'build',
      peak: measure(10 * MiB, 12 * MiB),
      sites: [siteDelta({ file: 'app/build.py', line: 3 })],
      peakSites: { sites: [], missed: { base: 'the hooked run failed', head: 'never near' } },
    });
    const text = renderTerminal(report([missed]));
    expect(text).toContain('build: no sites at the peak on base: the hooked run failed');
    expect(text).toContain('build: no sites at the peak on head: never near');
    expect(renderTerminal(report([{ ...missed, peakSites: undefined }]))).not.toContain(
      'no sites at the peak',
    );
  });

  it('shows the leak per call the comment shows, in a column of its own', () => {
    const leaking = scenarioComparison({ name: 'put', leak: measure(1024, 3072) });
    const steady = scenarioComparison({ name: 'get', leak: { ...measure(0, 512), noisy: true } });
    // Changed, so listed, but with no leak check.
    const unmeasured = scenarioComparison({ name: 'other', peak: measure(1_000, 3_000) });
    const text = renderTerminal(report([leaking, steady, unmeasured]));
    const header = [
      'scenario',
      'peak',
      'peak change',
      'retained',
      'retained change',
      'leak/call (head)',
      'status',
    ];
    const rows = tableAfter(text, header);
    expectAligned(rows, header, 'lrrrrrl');
    const leakOf = (name: string) =>
      rows
        .find((row) => row.startsWith(`${name} `))!
        .trim()
        .split(/ {2,}/)[5];
    expect(leakOf('put')).toBe('3.00 KiB (+2.00 KiB)');
    expect(leakOf('get')).toBe('≈ 512 B (+512 B)');
    expect(leakOf('other')).toBe('-');
    // The comment's cells, for the same figures, under a header that says they are head's.
    const comment = renderMarkdown(report([leaking, steady, unmeasured]));
    expect(comment).toContain('| Δ retained | Leak / call (head) | Budget |');
    expect(comment).toContain('| 3.00\u00a0KiB (+2.00\u00a0KiB) |');
    expect(comment).toContain('| ≈ 512\u00a0B (+512\u00a0B) |');
  });

  it('says both sides failed, once, with the traceback once', () => {
    const traceback =
      'Traceback (most recent call last):\n  File "bench.py", line 3\nValueError: broken';
    const both = scenarioComparison({
      name: 'x',
      status: 'failed',
      error: { side: 'head', type: 'ValueError', message: 'broken', traceback, output: traceback },
      baseError: { type: 'ValueError', message: 'broken', traceback, output: traceback },
    });
    const text = renderTerminal(report([both], { verdict: 'fail' }));
    expect(text).toContain('\nx: both sides failed: ValueError: broken\n');
    expect(text).not.toContain('the head side failed');
    expect(text.match(/Traceback \(most recent call last\)/g)).toHaveLength(1);
    expect(lastLine(text)).toBe(
      'FAIL: the base and head benchmarks failed: x raised ValueError on both sides',
    );
  });
});

describe('renderTerminal: colour', () => {
  const ANSI = /\u001b\[[\d;]*m/g;
  const coloured = renderTerminal(
    report([load, crashed, fresh], { verdict: 'fail', budgets }),
    10,
    {
      color: true,
    },
  );

  it('is the plain text plus colour codes: the columns stay aligned', () => {
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(ANSI, '')).toBe(render());
  });

  it('shows growth in red, shrinking in green, the verdict in bold red', () => {
    expect(coloured).toMatch(/\u001b\[31m\s*\+1\.00 MiB\u001b\[0m/);
    expect(coloured).toMatch(/\u001b\[32m\s*-4\.00 KiB\u001b\[0m/);
    expect(coloured).toContain('\u001b[1;31mFAIL\u001b[0m: ');
    expect(coloured).toMatch(/\u001b\[31mfailed\s*\u001b\[0m|\u001b\[31mfailed\u001b\[0m/);
  });

  it('has no colour codes unless asked', () => {
    expect(render()).not.toMatch(ANSI);
    expect(renderTerminal(report([load]), 10, { color: false })).not.toMatch(ANSI);
  });
});

describe('renderTerminal: what the marks and columns mean', () => {
  it('says what * means only where a listed site has it', () => {
    expect(render([load])).toContain('changed sites in load (* a line the change touches):');
    const unmarked = scenarioComparison({
      name: 'plain',
      sites: [siteDelta({ file: 'app/b.py', line: 2, baseSize: 0, headSize: 64 })],
    });
    const text = render([unmarked]);
    expect(text).toContain('\nchanged sites in plain:\n');
    expect(text).not.toContain('line the change touches');
  });

  it('aligns columns by the width a terminal draws, with wide and combining characters', () => {
    const wide = scenarioComparison({
      name: 'wide',
      sites: [
        siteDelta({
          file: 'app/日本語.py',
          line: 1,
          function: 'f',
          text: 'x = "數據"',
          headSize: 64,
        }),
        siteDelta({
          file: 'app/cafe\u0301.py',
          line: 2,
          function: 'g',
          text: 'y = "👍"',
          headSize: 32,
        }),
        siteDelta({ file: 'app/plain.py', line: 3, function: 'h', text: 'z = 1', headSize: 16 }),
      ],
    });
    const rows = tableAfter(render([wide]), [
      'site',
      'size change',
      'count',
      'head size',
      'function',
      'source',
    ]);
    expect(rows).toHaveLength(4);
    // The function column starts at the same terminal column on every row.
    const columnOf = (row: string, cell: string): number =>
      displayWidth(row.slice(0, row.indexOf(` ${cell}`) + 1));
    const starts = rows.slice(1).map((row, i) => columnOf(row, ['f', 'g', 'h'][i]));
    expect(new Set(starts).size).toBe(1);
    const ends = rows.map((row) =>
      displayWidth(row.slice(0, row.search(/B {2,}\S+ {2,}\S+$/) + 1)),
    );
    expect(new Set(ends.slice(1)).size).toBe(1);
  });

  describe('long scenario names (parametrized pytest node ids)', () => {
    const param = `${'expression-'.repeat(16)}case-42`;
    const ids = [1, 2, 3].map(
      (n) =>
        `tests/functional/parser/test_compile_many_expressions_${n}.py::TestParserCaching::test_compile_lots_of_expressions[${param}-${n}]`,
    );
    const scenarios = ids.map((name, n) =>
      scenarioComparison({
        name,
        peak: measure(1_048_576, 2_097_152 + n),
        retained: measure(2_048, 4_096 + n),
      }),
    );
    const header = ['scenario', 'peak', 'peak change', 'retained', 'retained change', 'status'];

    it('folds the middle of long names: the figures keep their columns, the names what is left', () => {
      expect(ids[0]!.length).toBeGreaterThan(200);
      const rows = tableAfter(renderTerminal(report(scenarios)), header);
      expect(rows).toHaveLength(4);
      expectAligned(rows, header, 'lrrrrl');
      // Not a terminal: fitted to 100 columns, which the figures nearly fill, so the names get
      // their least, each keeping the test's name and the end of its parameter id.
      const cells = rows.slice(1).map((row) => row.split(/ {2,}/)[0]!);
      for (const cell of cells) {
        expect(displayWidth(cell)).toBe(48);
        expect(cell).toMatch(/^test_compile_lots_of_expressions\[…[a-z-]*-case-42-\d\]$/);
      }
      // Told apart by the end of their parameter ids.
      expect(new Set(cells).size).toBe(3);
      expect(renderTerminal(report(scenarios))).not.toContain(ids[0]);
    });

    it('fits the width it is given, and leaves a name that fits alone', () => {
      for (const width of [160, 200]) {
        const rows = tableAfter(renderTerminal(report(scenarios), 10, { width }), header);
        for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(width);
        expect(Math.max(...rows.map(displayWidth))).toBe(width);
        expect(rows[1]).toContain('…');
      }
      const wide = tableAfter(renderTerminal(report(scenarios), 10, { width: 200 }), header);
      expect(wide[1]).toMatch(/^test_compile_lots_of_expressions\[…/u);
      expect(wide[1]).toMatch(/-expression-case-42-\d\] /);
      const short = tableAfter(render(), header);
      expect(short.some((row) => row.startsWith('a_much_longer_scenario_name '))).toBe(true);
    });

    it("folds a name to the path's start and end and the whole test when the test fits, never wider than asked", () => {
      const id = 'tests/deeply/nested/folder/test_module.py::TestClass::test_case[small]';
      expect(foldName(id, 200)).toBe(id);
      expect(foldName(id, 40)).toBe('tests/deeply…TestClass::test_case[small]');
      for (const columns of [10, 33, 40, 60])
        expect(displayWidth(foldName(ids[0]!, columns))).toBeLessThanOrEqual(columns);
      expect(foldName('测试'.repeat(30), 21)).toMatch(/^(测试)+测?…(测试|试)+$/u);
      expect(displayWidth(foldName('测试'.repeat(30), 21))).toBeLessThanOrEqual(21);
    });
  });
});

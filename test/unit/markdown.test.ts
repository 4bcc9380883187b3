import { describe, expect, it } from 'vitest';
import {
  checkBudgets,
  decideVerdict,
  evaluateBudgets,
  type BudgetResult,
} from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import type { ScenarioComparison, SiteDelta } from '../../src/compare/comparison.js';
import {
  COMMENT_LIMIT,
  commentMarker,
  renderMarkdown,
  renderSummary,
  SUMMARY_LIMIT,
} from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report.js';
import { HEAD_SHA, measure, report, scenarioComparison, siteDelta } from './fixtures.js';

const SERVER = 'https://github.com';
const REPO = 'octo/allocdiff';
const BLOB = `${SERVER}/${REPO}/blob/${HEAD_SHA}/`;

/** Names a pull request could give a file, a function, a source line, a scenario or an error. */
const HOSTILE: readonly string[] = [
  'a|b',
  'a\\|b\\',
  '|leading and trailing|',
  '`tick` ``double`` ```fence```',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  '</code></summary></details><details open>',
  '<!-- allocdiff:key=default -->',
  '@octocat please look',
  '@org/team',
  'cc@octocat and (@octocat) and "@octocat"',
  '[link](http://evil.example)',
  '![pixel](https://evil.example/p.png)',
  '[ref]: http://evil.example',
  'http://evil.example/path?q=1',
  'see https://evil.example.',
  'www.evil.example',
  '(WWW.evil.example)',
  '*www.evil.example*',
  '**bold** _em_ ~~strike~~',
  '# heading',
  '> quote',
  '- [ ] task',
  '&lt;script&gt; &#60;b&#62; &amp;',
  '$x^2$ {curly}',
  ':warning: 😀 ok',
  `${'x'.repeat(10_000)}|tail`,
  `${'<'.repeat(5_000)}${'|'.repeat(5_000)}`,
  'first line\nsecond | line\r\nthird\rfourth\n\n| injected | row |',
  'controls \u0000\u0001\u0007\u0008\u000b\u000c\u001b[31mred\u007f',
  'tab\there',
  // Trojan Source: bidi overrides and isolates, zero-width and other invisible characters.
  'is_admin = False  # \u202e\u2066 and not really\u2069\u2066 ',
  'x\u202d\u200b\u200d\u2060\ufeff\u00ad\u0085\u2028y',
  // Bytes that are not UTF-8, as Python's surrogateescape-free decoding hands them over.
  Buffer.from([0x61, 0xff, 0xfe, 0x7c, 0xc3, 0x28, 0x60, 0x40, 0x62]).toString('utf8'),
  `caf${Buffer.from([0xe9]).toString('utf8')}.py | ${Buffer.from([0xed, 0xa0, 0x80]).toString('utf8')}`,
  // Mermaid syntax, for the chart's labels.
  '"]\n  bar [1]\n%%{init: {"theme": "dark"}}%%',
  '<br/>click A call alert()',
];

function hostileReport(h: string, withBudgets: boolean): Report {
  const sites: SiteDelta[] = [
    siteDelta({ file: h, line: 3, baseLine: 2, function: h, text: h, headSize: 5_000 }),
    siteDelta({ file: `pkg/${h}/mod.py`, line: 8, function: h, text: h, changedLine: true }),
    siteDelta({ file: `${h}.py`, line: null, baseLine: 9, baseSize: 700, headSize: 0 }),
  ];
  const scenarios: ScenarioComparison[] = [
    scenarioComparison({ name: h, sites, peak: measure(1_000, 9_000) }),
    scenarioComparison({
      name: `${h} (failed)`,
      status: 'failed',
      error: { side: 'head', type: h, message: h, traceback: `${h}\n${h}`, output: h },
    }),
    scenarioComparison({
      name: `${h} (base failed)`,
      status: 'failed',
      error: { side: 'base', type: h, message: h },
    }),
    scenarioComparison({
      name: `${h} (both failed)`,
      status: 'failed',
      error: { side: 'head', type: h, message: h, output: h },
      baseError: { type: `${h}!`, message: h, traceback: h },
    }),
    scenarioComparison({ name: `${h} (new)`, status: 'new', peak: measure(null, 5) }),
    // A second scenario whose peak changed: the chart compares scenarios by name.
    scenarioComparison({ name: `${h} (second)`, peak: measure(4_000, 1_500) }),
  ];
  const budgets = withBudgets
    ? evaluateBudgets({ scenarios }, parseBudgetRules('site: +1B, 1GB; peak: +1%'))
    : [];
  return report(scenarios, {
    verdict: 'fail',
    budgets,
    environment: { python: h, frames: 1 },
  });
}

/** Tables as blocks of consecutive lines that start with `|`. */
function tables(markdown: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      if (!current) blocks.push((current = []));
      current.push(line);
    } else {
      current = undefined;
    }
  }
  return blocks;
}

/** `|` characters a GFM table would split a row on (not backslash-escaped). */
function cellSeparators(row: string): number {
  let count = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] !== '|') continue;
    let backslashes = 0;
    for (let j = i - 1; j >= 0 && row[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 0) count++;
  }
  return count;
}

/** Link destinations we write: our server and repository, parentheses balanced one deep. */
const OUR_LINK_DESTINATION = new RegExp(
  `\\]\\(${SERVER.replace(/[.]/g, '\\.')}/${REPO}/(?:[^()\\s]|\\([^()\\s]*\\))*\\)`,
  'g',
);
const OUR_TAGS = /<\/?(?:code|details|summary|pre|sub)>/g;
/** What a reader sees: numeric entities decoded, zero-width spaces gone. */
function decode(markdown: string): string {
  return markdown
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&(lt|gt|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&' })[name]!)
    .replaceAll('\u200b', '');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const MERMAID = /^```mermaid\n([^`]*)\n```$/gm;

/**
 * A Mermaid chart is the one fenced block we write: its labels must be plain words, so nothing
 * from the pull request can end the fence, start a directive or carry markup into the chart.
 */
function expectSafeCharts(markdown: string): string {
  for (const [, body] of markdown.matchAll(MERMAID)) {
    const lines = body.split('\n');
    expect(lines[0]).toBe('xychart-beta');
    for (const line of lines.slice(1)) {
      expect(line, line).toMatch(
        /^ {2}(title "[\w .,:()]+"|y-axis "\w+" 0 --> [\d.]+|(bar|line) \[[\d., ]*\]|x-axis \[.*\])$/,
      );
    }
    const axis = lines.find((line) => line.startsWith('  x-axis')) ?? '';
    for (const label of axis.slice('  x-axis ['.length, -1).split(', ')) {
      expect(label, axis).toMatch(/^"[\p{L}\p{N}_.…-]*(:[\d?]+)?"$/u);
    }
  }
  return markdown.replace(MERMAID, '');
}

/** Everything §7 promises about Markdown built from pull-request text. */
function expectSafe(rendered: string, key = 'default', limit = COMMENT_LIMIT): void {
  expect(rendered.length).toBeLessThanOrEqual(limit);
  const markdown = expectSafeCharts(rendered);
  expect((markdown.match(/```/g) ?? []).length).toBe(0);
  const lines = markdown.split('\n');
  expect(lines[0]).toBe(commentMarker(key));
  expect(lines[0].indexOf('-->')).toBe(lines[0].length - 3);

  for (const table of tables(markdown)) {
    const columns = cellSeparators(table[0]);
    for (const row of table) {
      expect(cellSeparators(row), row.slice(0, 200)).toBe(columns);
      expect(row.endsWith(' |'), row.slice(-200)).toBe(true);
    }
  }

  // The marker is an HTML comment: never rendered, and checked above.
  const body = lines.slice(1).join('\n');
  const outsideLinks = body.replace(OUR_LINK_DESTINATION, ']');
  expect(body.replace(OUR_TAGS, '')).not.toContain('<');
  expect(markdown).not.toMatch(/@[\p{L}\p{N}_-]/u);
  expect(markdown.split('](').length - 1).toBe(markdown.split(`](${SERVER}/${REPO}/`).length - 1);
  expect(outsideLinks).not.toContain('](');
  expect(outsideLinks).not.toContain('://');
  expect(outsideLinks).not.toMatch(/www\./i);
  expect(markdown).not.toContain('`');
  expect(markdown).not.toContain('\\');
  expect(markdown).not.toContain('\r');
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  expect(markdown).not.toMatch(LONE_SURROGATE);
  // No character that reorders or hides text, but the zero-width spaces that stop mentions and
  // autolinks.
  const own = markdown.replace(/@\u200b|:\u200b\/\/|(www)\u200b\./gi, '');
  expect(own).not.toMatch(/[\p{Cf}\u0080-\u009f\u2028\u2029]/u);
}

describe('commentMarker', () => {
  it('is a hidden HTML comment that contains the key', () => {
    expect(commentMarker('default')).toBe('<!-- allocdiff:key=default -->');
    expect(commentMarker('perf-linux')).toContain('key=perf-linux');
  });

  it('differs per key, so several reports can share a pull request', () => {
    expect(commentMarker('a')).not.toBe(commentMarker('b'));
    expect(commentMarker('a b')).not.toBe(commentMarker('a-b'));
  });

  it('cannot be closed early by the key', () => {
    const marker = commentMarker('x --> <b>hi</b> <!--');
    expect(marker.startsWith('<!-- allocdiff:key=')).toBe(true);
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(marker.slice(4, -3)).not.toMatch(/[<>]/);
  });

  it('starts the rendered comment', () => {
    const markdown = renderMarkdown(report([scenarioComparison()], { key: 'nightly' }));
    expect(markdown.split('\n')[0]).toBe(commentMarker('nightly'));
  });
});

describe('renderMarkdown: the verdict line', () => {
  const verdictLine = (markdown: string): string => markdown.split('\n')[3];

  it('says there was no change when nothing changed', () => {
    const markdown = renderMarkdown(report([scenarioComparison()]));
    expect(verdictLine(markdown)).toBe(
      '✅ **No memory change:** peak and retained memory of the scenario are the same byte for byte.',
    );
    // The short comment: no empty tables.
    expect(markdown).not.toContain('| Scenario');
    expect(markdown).not.toContain('Top changed sites');
  });

  it('says head was not run, not that it measured the same, when the pull request touches nothing the benchmark reads', () => {
    const reason =
      'this pull request touches nothing the benchmark reads: on base it read 7 files of the ' +
      'repository (the script and config file included) and listed 2 folders, and the diff ' +
      "changes none of them, so head's figures are base's";
    const skipped = renderMarkdown(
      report([scenarioComparison()], { noChange: `no change: ${reason}` }),
    );
    expect(verdictLine(skipped)).toBe(`✅ **No change, head not run:** ${reason}.`);
    expect(skipped).not.toContain('byte for byte');
    // Head skipped in some shards only: the other shards measured it.
    const partly = renderMarkdown(
      report([scenarioComparison()], { noChange: `in shard 2 of 3: no change: ${reason}` }),
    );
    expect(verdictLine(partly)).toMatch(/^✅ \*\*No memory change:\*\* .* byte for byte\.$/);
  });

  it('leads with no difference the first pass called agreement: a peak a few hundred bytes apart', () => {
    // One test's peak 248 B lower, measured once (not measured again: the first pass found the
    // sides the same); another's retained memory grew for real.
    const jitter = scenarioComparison({ name: 'jitter', peak: measure(3_228, 2_980) });
    const grew = scenarioComparison({ name: 'grew', retained: measure(10_000, 60_000) });
    const line = verdictLine(renderMarkdown(report([jitter, grew])));
    expect(line).toContain('<code>grew</code>');
    expect(line).not.toContain('jitter');
    // Alone, it is not a headline either.
    expect(verdictLine(renderMarkdown(report([jitter])))).not.toContain('shrank');
  });

  it('names the scenario whose peak grew most, and says the budgets hold', () => {
    const changed = scenarioComparison({ name: 'a', peak: measure(100_000, 200_000) });
    const budgets: BudgetResult[] = [
      {
        rule: 'peak: +200%',
        metric: 'peak',
        scenario: 'a',
        limit: '+200%',
        actual: '+100 %',
        status: 'pass',
        level: 'fail',
      },
    ];
    const markdown = renderMarkdown(report([changed, scenarioComparison()], { budgets }));
    expect(verdictLine(markdown)).toBe(
      '✅ **Peak memory of <code>a</code> grew +100.0 % (+97.7 KiB)**. All budgets hold.',
    );
  });

  it('counts a scenario whose sites changed as changed', () => {
    const changed = scenarioComparison({ sites: [siteDelta()] });
    expect(verdictLine(renderMarkdown(report([changed])))).toBe(
      '✅ **Memory changed** in 1 of 1 scenario.',
    );
  });

  it('names the failed budget, its scenario, the actual change and the limit', () => {
    const scenarios = [scenarioComparison({ name: 'load', peak: measure(1_000, 1_100) })];
    const budgets = evaluateBudgets({ scenarios }, parseBudgetRules('peak: +5%'));
    const line = verdictLine(renderMarkdown(report(scenarios, { verdict: 'fail', budgets })));
    expect(line).toBe(
      '❌ **Over budget:** peak memory of <code>load</code> grew +10.0 % (+100 B), over the +5% budget.',
    );
  });

  it('names the site when a site budget failed', () => {
    const scenarios = [
      scenarioComparison({
        sites: [siteDelta({ file: 'app/lru.py', line: 41, baseSize: 0, headSize: 4_096 })],
      }),
    ];
    const budgets = evaluateBudgets({ scenarios }, parseBudgetRules('site: +1KiB'));
    const line = verdictLine(renderMarkdown(report(scenarios, { verdict: 'fail', budgets })));
    expect(decode(line)).toContain(
      '❌ **Over budget:** site <code>app/lru.py:41</code> of <code>bench.py</code> grew',
    );
    expect(line).toContain('+4.00 KiB, over the +1KiB budget');
  });

  it('names the scenario and error when the head benchmark failed', () => {
    const failed = scenarioComparison({
      name: 'bench.py',
      status: 'failed',
      error: { side: 'head', type: 'MemoryError', message: '' },
    });
    const line = verdictLine(renderMarkdown(report([failed], { verdict: 'fail' })));
    expect(line).toBe(
      '❌ **The head benchmark failed:** <code>bench.py</code> raised <code>MemoryError</code>.',
    );
  });

  it('warns when the base benchmark failed', () => {
    const failed = scenarioComparison({
      status: 'failed',
      error: { side: 'base', type: 'ImportError', message: '' },
    });
    const line = verdictLine(renderMarkdown(report([failed], { verdict: 'warn' })));
    expect(line).toMatch(/^⚠️ \*\*The base benchmark failed:\*\*/);
  });
});

const KiB = 1024;
const MiB = 1024 * 1024;

/** A report whose budgets were checked and verdict decided, as the pipeline does. */
function checkedReport(rules: string, scenarios: ScenarioComparison[]): Report {
  const comparison = { scenarios };
  const { results, warnings } = checkBudgets(comparison, parseBudgetRules(rules));
  return report(scenarios, {
    budgets: results,
    warnings,
    verdict: decideVerdict(comparison, results, warnings),
  });
}

describe('renderMarkdown: the verdict line, when nothing or something was checked', () => {
  const verdictLine = (markdown: string): string => markdown.split('\n')[3];
  const grown = scenarioComparison({
    name: 'bench.py',
    peak: measure(64 * KiB, 64 * KiB + MiB),
    retained: measure(60 * KiB, 60 * KiB + MiB),
    sites: [
      siteDelta({ file: 'bench.py', line: 2, baseLine: null, headSize: MiB, changedLine: true }),
    ],
  });

  it('is not green when memory grew and no budget is set, and says how to add one', () => {
    const line = verdictLine(renderMarkdown(report([grown])));
    expect(line.startsWith('📈 ')).toBe(true);
    expect(line).not.toContain('✅');
    expect(decode(line)).toContain(
      "No budget is set, so nothing was checked: add one, e.g. <code>budget: 'retained: +100KB'</code> in the workflow or <code>budgets: {retained: +100KB}</code> in <code>allocdiff.yml</code>.",
    );
    // What grew, and the line behind it.
    expect(decode(line)).toContain('memory of <code>bench.py</code> grew');
    expect(line).toContain(`most at [<code>bench.py:2</code>](${BLOB}bench.py#L2) (+1.00 MiB)`);
  });

  it('is green when the budgets checked what grew, and says they hold', () => {
    const line = verdictLine(renderMarkdown(checkedReport('retained: +10MB', [grown])));
    expect(line.startsWith('✅ ')).toBe(true);
    expect(line.endsWith(' All budgets hold.')).toBe(true);
    expect(line).not.toContain('No budget');
  });

  it('names the scenario no budget checked when others have budgets', () => {
    const other = scenarioComparison({ name: 'other' });
    const scenarios = [grown, other];
    const comparison = { scenarios };
    const results = checkBudgets(comparison, {
      rules: [],
      overrides: [
        {
          scenarios: 'other',
          origin: 'scenarios."other"',
          metrics: ['peak'],
          rules: parseBudgetRules('peak: +5%'),
        },
      ],
    }).results;
    const line = verdictLine(
      renderMarkdown(report(scenarios, { budgets: results, verdict: 'pass' })),
    );
    expect(line.startsWith('📈 ')).toBe(true);
    expect(line.endsWith(' No budget checks <code>bench.py</code>.')).toBe(true);
  });

  it('is green, without a budget, when memory only went down or did not change', () => {
    const shrunk = scenarioComparison({ peak: measure(2 * MiB, MiB) });
    expect(verdictLine(renderMarkdown(report([shrunk])))).toBe(
      '✅ **Memory went down:** peak memory of <code>bench.py</code> shrank -50.0 % (-1.00 MiB).',
    );
    expect(verdictLine(renderMarkdown(report([scenarioComparison()])))).toMatch(
      /^✅ \*\*No memory change:\*\*/,
    );
  });

  it('leads with no noisy change whose base and head repeats overlap, and says none changed beyond noise', () => {
    const noisy = scenarioComparison({
      name: 'threads',
      peak: { ...measure(MiB, 2 * MiB), noisy: true, baseRange: [MiB, 2 * MiB] },
    });
    const comment = renderMarkdown(report([noisy]));
    expect(verdictLine(comment)).toBe(
      "✅ **No memory change beyond noise:** none of 1 scenario changed by more than the noise of its repeats or the first pass's tolerance.",
    );
    expect(comment).toContain('1 scenario, 0 changed');
  });

  it('leads with a noisy change beyond its noise (ranges apart) only when nothing steady changed', () => {
    // A script whose parser cache grew: retained nearly tripled (+1.38 MiB), noisy but far
    // apart; the peak grew by less (+57 %, +1.15 MiB), steady. The steady peak leads: a noisy
    // figure's size is not known.
    const retained = {
      ...measure(0.78 * MiB, 2.16 * MiB),
      noisy: true as const,
      baseRange: [0.77 * MiB, 0.79 * MiB] as [number, number],
      headRange: [2.15 * MiB, 2.17 * MiB] as [number, number],
    };
    const cache = scenarioComparison({
      name: 'search.py',
      peak: measure(2 * MiB, 3.15 * MiB),
      retained,
    });
    expect(verdictLine(renderMarkdown(report([cache])))).toMatch(
      /^📈 \*\*Peak memory of <code>search\.py<\/code> grew \+57\.5 % \(\+1\.15 MiB\)\*\*\. No budget/,
    );
    const alone = scenarioComparison({
      name: 'search.py',
      peak: measure(2 * MiB, 2 * MiB),
      retained,
    });
    expect(verdictLine(renderMarkdown(report([alone])))).toMatch(
      /^📈 \*\*Retained memory of <code>search\.py<\/code> grew ≈ \+176\.9 % \(≈ \+1\.38 MiB\)\*\*\. No budget/,
    );
  });
});

describe('renderMarkdown: what the verdict line leads with', () => {
  const verdictLine = (markdown: string): string => markdown.split('\n')[3];
  // The peak fell 30 % (its base line held most of it); retained memory grew 0.08 %.
  const fell = scenarioComparison({
    name: 'bench_load',
    peak: measure(10 * MiB, 7 * MiB),
    retained: measure(5 * MiB, 5 * MiB + 4_194),
    sites: [siteDelta({ file: 'app/io.py', line: 9, baseLine: 9, baseSize: 0, headSize: 4_194 })],
    peakSites: {
      base: { bytes: 10 * MiB, peakBytes: 10 * MiB },
      head: { bytes: 7 * MiB, peakBytes: 7 * MiB },
      sites: [
        siteDelta({
          file: 'app/load.py',
          line: null,
          baseLine: 12,
          baseSize: 2_883_584,
          headSize: 0,
        }),
        siteDelta({ file: 'app/load.py', line: 20, baseLine: 21, baseSize: MiB, headSize: MiB }),
      ],
    },
  });

  it('leads with the largest change relative to its base: a 30 % fall over +0.08 %', () => {
    const line = verdictLine(renderMarkdown(checkedReport('retained: +1MB', [fell])));
    // The fall leads, naming the base line that held most of it; what grew comes after.
    expect(line).toBe(
      '✅ **Peak memory of <code>bench_load</code> shrank -30.0 % (-3.00 MiB)**, ' +
        'most at <code>app/load.py:12</code> (-2.75 MiB at the peak); ' +
        `retained memory of <code>bench_load</code> grew +0.08 % (+4.10 KiB), most at [<code>app/io.py:9</code>](${BLOB}app/io.py#L9) (+4.10 KiB). All budgets hold.`,
    );
  });

  it('still says what grew when no budget checked it, and is not green', () => {
    const line = verdictLine(renderMarkdown(report([fell])));
    expect(line.startsWith('📈 **Peak memory of <code>bench_load</code> shrank -30.0 %')).toBe(
      true,
    );
    expect(line).toContain(
      `; retained memory of <code>bench_load</code> grew +0.08 % (+4.10 KiB), most at [<code>app/io.py:9</code>](${BLOB}app/io.py#L9) (+4.10 KiB).`,
    );
    expect(line).toContain('No budget is set');
  });

  it('ranks across scenarios by relative change, not bytes', () => {
    const big = scenarioComparison({ name: 'big', peak: measure(100 * MiB, 102 * MiB) });
    const small = scenarioComparison({ name: 'small', peak: measure(MiB, 1.5 * MiB) });
    const line = verdictLine(renderMarkdown(checkedReport('peak: +100%', [big, small])));
    expect(line).toBe(
      '✅ **Peak memory of <code>small</code> grew +50.0 % (+512 KiB)**. All budgets hold.',
    );
  });

  it('weighs retained memory against the peak it lives in, not against its own small base', () => {
    // A function that keeps 32 B more (twice its base) while its peak grew by a third.
    const fn = scenarioComparison({
      name: 'bench_fn',
      peak: measure(30 * MiB, 40 * MiB),
      retained: measure(32, 64),
    });
    expect(verdictLine(renderMarkdown(checkedReport('peak: +50%', [fn])))).toBe(
      '✅ **Peak memory of <code>bench_fn</code> grew +33.3 % (+10.0 MiB)**. All budgets hold.',
    );
  });

  it('among changes of about the same size, leads with the one whose line is known', () => {
    // One megabyte more at the peak and at the end: the same change, seen twice.
    const both = (peakSites?: ScenarioComparison['peakSites']) =>
      scenarioComparison({
        name: 'a',
        peak: measure(4 * MiB, 5 * MiB),
        retained: measure(MiB, 2 * MiB - 512),
        sites: [siteDelta({ file: 'app/keep.py', line: 3, headSize: MiB })],
        ...(peakSites ? { peakSites } : {}),
      });
    expect(verdictLine(renderMarkdown(report([both()])))).toContain(
      '**Retained memory of <code>a</code> grew +100.0 % (+1.00 MiB)**, most at',
    );
    const atPeak = both({
      sites: [siteDelta({ file: 'app/build.py', line: 7, headSize: MiB })],
    });
    expect(verdictLine(renderMarkdown(report([atPeak])))).toContain(
      `**Peak memory of <code>a</code> grew +25.0 % (+1.00 MiB)**, most at [<code>app/build.py:7</code>](${BLOB}app/build.py#L7) (+1.00 MiB at the peak)`,
    );
  });

  it('names the line that grew most at the peak for a peak regression', () => {
    const regression = scenarioComparison({
      name: 'bench_cache',
      peak: measure(20 * MiB, 31 * MiB),
      peakSites: {
        base: { bytes: 20 * MiB, peakBytes: 20 * MiB },
        head: { bytes: 31 * MiB, peakBytes: 31 * MiB },
        sites: [
          siteDelta({ file: 'app/big.py', line: 3, baseSize: 12 * MiB, headSize: 12 * MiB }),
          siteDelta({ file: 'app/cache.py', line: 41, baseSize: MiB, headSize: 11 * MiB }),
          siteDelta({ file: 'app/other.py', line: 5, baseSize: 0, headSize: MiB }),
        ],
      },
    });
    const line = verdictLine(renderMarkdown(report([regression])));
    expect(line).toContain(
      `**Peak memory of <code>bench_cache</code> grew +55.0 % (+11.0 MiB)**, most at [<code>app/cache.py:41</code>](${BLOB}app/cache.py#L41) (+10.0 MiB at the peak).`,
    );
    // The budget it suggests is on what grew.
    expect(decode(line)).toContain(
      "add one, e.g. <code>budget: 'peak: +5%'</code> in the workflow or <code>budgets: {peak: +5%}</code> in",
    );
    // A failed peak budget names it too.
    const over = verdictLine(renderMarkdown(checkedReport('peak: +5%', [regression])));
    expect(over).toBe(
      '❌ **Over budget:** peak memory of <code>bench_cache</code> grew +55.0 % (+11.0 MiB), ' +
        `most at [<code>app/cache.py:41</code>](${BLOB}app/cache.py#L41) (+10.0 MiB at the peak), over the +5% budget.`,
    );
  });

  it('lets a failing budget lead whatever changed more', () => {
    const line = verdictLine(renderMarkdown(checkedReport('retained: +1KB', [fell])));
    expect(line).toMatch(
      /^❌ \*\*Over budget:\*\* retained memory of <code>bench_load<\/code> grew/,
    );
  });

  it('says nothing about a line when the peak sites were not measured', () => {
    const plain = scenarioComparison({ name: 'a', peak: measure(MiB, 2 * MiB) });
    const line = verdictLine(renderMarkdown(report([plain])));
    expect(line).toContain('(+1.00 MiB)**.');
    expect(line).not.toContain('most at');
  });

  it('leads with a leak that starts', () => {
    const leaking = scenarioComparison({
      name: 'bench_put',
      peak: measure(MiB, 1.5 * MiB),
      leak: measure(0, 2 * KiB),
      leakSites: [siteDelta({ file: 'app/cache.py', line: 41, baseSize: 0, headSize: 2 * KiB })],
    });
    const line = verdictLine(renderMarkdown(report([leaking])));
    expect(line).toContain(
      `📈 **The leak per call of <code>bench_put</code> grew from 0 B to 2.00 KiB**, most at [<code>app/cache.py:41</code>](${BLOB}app/cache.py#L41) (+2.00 KiB per call)`,
    );
    expect(decode(line)).toContain("<code>budget: 'leak: 0B'</code>");
  });
});

describe('renderMarkdown: failed scenarios', () => {
  const verdictLine = (markdown: string): string => markdown.split('\n')[3];
  const traceback = [
    'Traceback (most recent call last):',
    '  File "bench.py", line 5, in <module>',
    '    load()',
    'ValueError: broken',
  ].join('\n');
  const both = (baseMessage = 'broken') =>
    scenarioComparison({
      status: 'failed',
      error: {
        side: 'head',
        type: 'ValueError',
        message: 'broken',
        traceback,
        output: `starting\n${traceback}`,
      },
      baseError: {
        type: 'ValueError',
        message: baseMessage,
        traceback: traceback.replace('broken', baseMessage),
        output: traceback.replace('broken', baseMessage),
      },
    });

  it('says both sides failed, once, with the traceback once', () => {
    const markdown = renderMarkdown(checkedReport('peak: +5%', [both()]));
    expect(verdictLine(markdown)).toBe(
      '❌ **The base and head benchmarks failed:** <code>bench.py</code> raised <code>ValueError</code> on both sides.',
    );
    expect(markdown).toContain('| 💥 base and head failed |');
    expect(markdown.match(/<details><summary>💥/g)).toHaveLength(1);
    expect(markdown).toContain(
      '<details><summary>💥 base and head sides of <code>bench.py</code>: <code>ValueError</code> broken</summary>',
    );
    expect(markdown.match(/Traceback \(most recent call last\)/g)).toHaveLength(1);
    expect(decode(markdown)).toContain(`<pre>starting\n${traceback}</pre>`);
    expect(markdown).toContain('skip (the base and head benchmarks failed)');
    expect(renderSummary(report([both()], { verdict: 'fail' }))).toContain(
      '💥 base and head sides of',
    );
  });

  it('shows each side’s error when the two sides failed differently', () => {
    const markdown = renderMarkdown(report([both('other')], { verdict: 'fail' }));
    expect(verdictLine(markdown)).toBe(
      '❌ **The base and head benchmarks failed:** <code>bench.py</code> raised <code>ValueError</code> on head and <code>ValueError</code> on base.',
    );
    expect(markdown).toContain(
      '💥 head side of <code>bench.py</code>: <code>ValueError</code> broken',
    );
    expect(markdown).toContain(
      '💥 base side of <code>bench.py</code>: <code>ValueError</code> other',
    );
  });

  it('prints a traceback the output already holds once', () => {
    const failed = scenarioComparison({
      status: 'failed',
      error: { side: 'head', type: 'ValueError', message: 'broken', traceback, output: traceback },
    });
    const markdown = renderMarkdown(report([failed], { verdict: 'fail' }));
    expect(markdown.match(/Traceback \(most recent call last\)/g)).toHaveLength(1);
    expect(verdictLine(markdown)).toBe(
      '❌ **The head benchmark failed:** <code>bench.py</code> raised <code>ValueError</code>.',
    );
  });
});

describe('renderMarkdown: site links', () => {
  const row = (markdown: string, needle: string): string =>
    markdown.split('\n').find((line) => line.startsWith('|') && line.includes(needle)) ?? '';

  it('links a site to its line in the head commit', () => {
    const site = siteDelta({ file: 'app/cache.py', line: 12, baseLine: 9 });
    const markdown = renderMarkdown(report([scenarioComparison({ sites: [site] })]));
    expect(row(markdown, 'cache.py')).toContain(
      `[<code>app/cache.py:12</code>](${BLOB}app/cache.py#L12)`,
    );
  });

  it('percent-encodes every path segment', () => {
    const site = siteDelta({ file: 'my dir/ü#1?.py', line: 4 });
    const markdown = renderMarkdown(report([scenarioComparison({ sites: [site] })]));
    expect(markdown).toContain(`](${BLOB}my%20dir/%C3%BC%231%3F.py#L4)`);
  });

  it('uses the server of a GitHub Enterprise instance', () => {
    const site = siteDelta({ file: 'a.py', line: 1 });
    const markdown = renderMarkdown(
      report([scenarioComparison({ sites: [site] })], { serverUrl: 'https://ghe.example.com' }),
    );
    expect(markdown).toContain(`](https://ghe.example.com/${REPO}/blob/${HEAD_SHA}/a.py#L1)`);
  });

  it('says head is a working tree, and links no line of it (its lines are not on the server)', () => {
    const site = siteDelta({ file: 'app/cache.py', line: 12, baseLine: 9 });
    const markdown = renderMarkdown(
      report([scenarioComparison({ sites: [site] })], {
        head: { sha: HEAD_SHA, ref: 'HEAD', workingTree: true },
      }),
    );
    expect(markdown).toContain(
      `→ head: working tree on top of [<code>${HEAD_SHA.slice(0, 7)}</code>](${SERVER}/${REPO}/commit/${HEAD_SHA})`,
    );
    expect(row(markdown, 'cache.py')).toContain('| <code>app/cache.py:12</code> |');
    expect(markdown).not.toContain('cache.py#L');
  });

  it('links a site that stopped allocating on a line head still has, and does not call it gone', () => {
    const site = siteDelta({
      file: 'app/cache.py',
      line: 31,
      baseLine: 30,
      baseSize: 2_000,
      headSize: 0,
      headCount: 0,
      silent: true,
    });
    const markdown = renderMarkdown(report([scenarioComparison({ sites: [site] })]));
    expect(row(markdown, 'cache.py')).toContain(
      `[<code>app/cache.py:31</code>](${BLOB}app/cache.py#L31)`,
    );
    expect(row(markdown, 'cache.py')).toContain('| indirect |');
    expect(markdown).not.toContain('line gone');
  });

  it('does not link a site gone from head, and shows its base line', () => {
    const site = siteDelta({ file: 'app/old.py', line: null, baseLine: 30, baseSize: 64 });
    const markdown = renderMarkdown(report([scenarioComparison({ sites: [site] })]));
    expect(row(markdown, 'old.py')).toMatch(/^\| <code>app\/old\.py:30<\/code> \|/);
    expect(markdown).not.toContain('old.py#L');
  });

  it('does not link when the repository is unknown', () => {
    const site = siteDelta({ file: 'app/cache.py', line: 12 });
    const markdown = renderMarkdown({
      ...report([scenarioComparison({ sites: [site] })]),
      repository: undefined,
      serverUrl: undefined,
    });
    expect(markdown).not.toContain('](');
    expect(row(markdown, 'cache.py')).toContain('<code>app/cache.py:12</code>');
  });

  it('marks lines the change edited', () => {
    const site = siteDelta({ file: 'app/new.py', line: 5, changedLine: true });
    const markdown = renderMarkdown(report([scenarioComparison({ sites: [site] })]));
    expect(row(markdown, 'new.py')).toContain('#L5) | ✏️ changed here |');
    const moved = siteDelta({ file: 'app/old.py', line: 9, changedLine: false });
    expect(
      row(renderMarkdown(report([scenarioComparison({ sites: [moved] })])), 'old.py'),
    ).toContain('#L9) | indirect |');
  });

  // the link covers the whole path and nothing of the path escapes it.
  it('keeps a path with parentheses inside its link', () => {
    for (const file of [
      'x)_www.evil.example.py',
      'app/a)*www.evil.example*',
      'b(www.evil.example',
    ]) {
      const site = siteDelta({ file, line: 3 });
      const markdown = renderMarkdown(report([scenarioComparison({ sites: [site] })]));
      expectSafe(markdown);
    }
  });
});

describe('renderMarkdown: text from the pull request', () => {
  it.each(HOSTILE.map((h) => [JSON.stringify(h).slice(0, 60), h]))(
    'cannot break a table, inject HTML or Markdown, mention or link: %s',
    (_label, h) => {
      for (const withBudgets of [true, false]) {
        expectSafe(renderMarkdown(hostileReport(h, withBudgets)));
      }
    },
  );

  it('decodes non-UTF-8 bytes as U+FFFD before they reach the comment', () => {
    const h = HOSTILE.find((text) => text.startsWith('a\ufffd'))!;
    expect(h).toContain('\ufffd');
    const markdown = renderMarkdown(hostileReport(h, false));
    expect(decode(markdown)).toContain('a\ufffd\ufffd|\ufffd(`@\u200bb'.replaceAll('\u200b', ''));
  });

  it.each(HOSTILE.map((h) => [JSON.stringify(h).slice(0, 60), h]))(
    'keeps the job summary as safe as the comment: %s',
    (_label, h) => {
      expectSafe(renderSummary(hostileReport(h, true)), 'default', SUMMARY_LIMIT);
    },
  );

  it('draws the chart with defused labels only', () => {
    const markdown = renderMarkdown(hostileReport('<b>x</b> @octocat "q" [1]', false));
    expect(markdown).toContain('```mermaid');
    expect(markdown).toContain('"_b_x_b_octocat_q_1_');
    expectSafe(markdown);
  });

  it('keeps one row per scenario, site and budget whatever the names contain', () => {
    for (const h of HOSTILE) {
      const hostile = hostileReport(h, true);
      const markdown = renderMarkdown(hostile);
      // Scenario table, one site table, budget table; header and separator rows included.
      const [scenarioRows, siteRows, budgetRows] = tables(markdown).map((b) => b.length - 2);
      expect(scenarioRows).toBe(hostile.scenarios.length);
      expect(budgetRows).toBe(hostile.budgets.length);
      // Very long paths make long links: the comment may list fewer sites, and says so.
      const sites = hostile.scenarios[0].sites.length;
      if (siteRows < sites) expect(markdown).toContain(`${sites - siteRows} more changed site`);
      else expect(siteRows).toBe(sites);
    }
  });

  it('defuses lone surrogates in every name but a file path', () => {
    const h = 'lone \ud800 high, \udc00 low, end \ud83d';
    const hostile = hostileReport(h, true);
    for (const s of hostile.scenarios) for (const site of s.sites) site.file = 'app/x.py';
    expectSafe(renderMarkdown(hostile));
  });

  // the comment renders, the path shown and linked with U+FFFD.
  it('renders a file path with a lone surrogate', () => {
    const site = siteDelta({ file: 'app/caf\udce9.py', line: 3 });
    expectSafe(renderMarkdown(report([scenarioComparison({ sites: [site] })])));
  });

  it.each([
    'x --> <b>hi</b> <!--',
    '@octocat',
    'www.evil.example [x](http://evil.example)',
    'a|b\n# title',
  ])('keeps a hostile report key harmless in the marker and heading: %j', (key) => {
    const markdown = renderMarkdown(report([scenarioComparison()], { key }));
    expectSafe(markdown, key);
    expect(markdown.split('\n')[1]).toMatch(/^### allocdiff · /);
  });

  it('shows hostile text defused rather than dropped', () => {
    const markdown = renderMarkdown(hostileReport('<b>@octocat|x</b>', false));
    expect(markdown).toContain('&lt;b&gt;@\u200boctocat&#124;x&lt;/b&gt;');
  });

  it.each([
    ['bench_parse', 'bench_parse'],
    ['self._items[key] = value', 'self._items[key] = value'],
    ["parts = line.split(',')", "parts = line.split(',')"],
    ['total = width * height  # px', 'total = width * height  # px'],
    ['LRU.__init__', 'LRU.__init&#95;&#95;'],
    ['f(*args, **kwargs)', 'f(&#42;args, &#42;&#42;kwargs)'],
    ['[x](y) ~~z~~', '[x&#93;(y) &#126;&#126;z&#126;&#126;'],
  ])('keeps raw Markdown readable, escaping only syntax: %j', (text, shown) => {
    const markdown = renderMarkdown(hostileReport(text, false));
    expect(markdown).toContain(`<code>${shown}</code>`);
    expect(decode(markdown)).toContain(text);
  });

  it('shows a failure’s traceback and output in a folded block', () => {
    const failed = scenarioComparison({
      status: 'failed',
      error: {
        side: 'head',
        type: 'KeyError',
        message: "'user'",
        traceback: 'Traceback (most recent call last):\n  File "app/x.py", line 3',
        output: 'last words',
      },
    });
    const markdown = renderMarkdown(report([failed], { verdict: 'fail' }));
    expect(markdown).toContain('<details><summary>💥 head side of <code>bench.py</code>');
    expect(decode(markdown)).toContain(
      '<pre>Traceback (most recent call last):\n  File "app/x.py", line 3\nlast words</pre>',
    );
    expect(markdown).toMatch(/<pre>[^]*<\/pre>\n\n<\/details>/);
  });
});

describe('renderMarkdown: size', () => {
  const longText = 'buf = [0] * n  # '.padEnd(10_000, 'x');

  function hugeReport(path: (i: number) => string): Report {
    const sites = Array.from({ length: 100_000 }, (_, i) =>
      siteDelta({
        file: path(i),
        line: i + 1,
        function: longText,
        text: longText,
        baseSize: i,
        headSize: 2 * i,
      }),
    );
    const failed = scenarioComparison({
      name: 'crash',
      status: 'failed',
      error: {
        side: 'head',
        type: 'RecursionError',
        message: longText,
        traceback: Array.from({ length: 10_000 }, () => longText).join('\n'),
        output: longText,
      },
    });
    return report([scenarioComparison({ name: 'big', sites }), failed], { verdict: 'fail' });
  }

  it('stays under GitHub’s comment limit with 100k sites and long texts', () => {
    const markdown = renderMarkdown(hugeReport((i) => `app/module_${i}.py`));
    expect(markdown.length).toBeLessThan(COMMENT_LIMIT);
    expect(markdown.startsWith(`${commentMarker('default')}\n`)).toBe(true);
    expect(tables(markdown)[1]).toHaveLength(2 + 10);
    expect(markdown).toContain(
      '99,990 more changed sites of <code>big</code> (99,940 in the job summary and the JSON report)',
    );
  });

  it('keeps the job summary under GitHub’s 1 MiB limit, listing more sites than the comment', () => {
    const sites = Array.from({ length: 100_000 }, (_, i) =>
      siteDelta({ file: `app/module_${i}.py`, line: i + 1, text: longText, headSize: i + 1 }),
    );
    const huge = report([scenarioComparison({ name: 'big', sites })]);
    const summary = renderSummary(huge);
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(SUMMARY_LIMIT);
    const rows = (text: string) => text.split('\n').filter((l) => l.includes('module_')).length;
    expect(rows(summary)).toBeGreaterThan(rows(renderMarkdown(huge)));
    expect(summary).toContain('in the JSON report');
    expect(summary).not.toContain('in the job summary');
  });

  it('fills the job summary up to GitHub’s 1 MiB limit, not with the first 1,000 sites', () => {
    const sites = Array.from({ length: 12_000 }, (_, i) =>
      siteDelta({
        file: `app/module_${i}.py`,
        line: i + 1,
        function: `handler_${i}`,
        text: `cache[key_${i}] = build(payload)`,
        headSize: 100 + i,
      }),
    );
    const huge = report([scenarioComparison({ name: 'big', sites })]);
    const summary = renderSummary(huge);
    const bytes = Buffer.byteLength(summary, 'utf8');
    expect(bytes).toBeLessThanOrEqual(SUMMARY_LIMIT);
    // Full, less the room kept for the rows' variation and GitHub's own wrapper.
    expect(bytes).toBeGreaterThan(SUMMARY_LIMIT - 16_384);
    const listed = summary
      .split('\n')
      .filter((l) => l.startsWith('| ') && l.includes('app/module_')).length;
    expect(listed).toBeGreaterThan(3_000);
    expect(listed).toBeLessThan(sites.length);
    // The note counts what is left out.
    const folded = listed - 10;
    expect(summary).toContain(
      `${(sites.length - 10).toLocaleString('en-US')} more changed sites (${(sites.length - 10 - folded).toLocaleString('en-US')} in the JSON report)`,
    );
    expect(summary).not.toContain('Report truncated');
  });

  it('lists every changed site in the job summary when they fit', () => {
    const sites = Array.from({ length: 300 }, (_, i) =>
      siteDelta({ file: `app/m${i}.py`, line: i + 1, headSize: 100 + i }),
    );
    const summary = renderSummary(report([scenarioComparison({ sites })]));
    for (const site of sites) expect(summary).toContain(`${site.file}#L${site.line}`);
    const comment = renderMarkdown(report([scenarioComparison({ sites })]));
    expect(comment).toContain('290 more changed sites');
    expect(comment).toContain('(240 in the job summary and the JSON report)');
  });

  it('drops sites, not the summary, when the site rows are too long to fit', () => {
    const markdown = renderMarkdown(hugeReport((i) => `${'deep/'.repeat(2_000)}module_${i}.py`));
    expect(markdown.length).toBeLessThan(COMMENT_LIMIT);
    expect(markdown.startsWith(`${commentMarker('default')}\n`)).toBe(true);
    expect(markdown).toContain('| <code>big</code> |');
    const siteRows = tables(markdown)[1].length - 2;
    expect(siteRows).toBeGreaterThan(0);
    expect(siteRows).toBeLessThan(10);
    expect(markdown).toContain('<code>RecursionError</code>');
  });

  it('lists the largest of too many changed scenarios to fit, and says where the others are', () => {
    const scenarios = Array.from({ length: 5_000 }, (_, i) =>
      scenarioComparison({
        name: `scenario_${i}_${'n'.repeat(100)}`,
        peak: measure(1_000, 2_025 + i),
      }),
    );
    const markdown = renderMarkdown(report(scenarios));
    expect(markdown.length).toBeLessThan(COMMENT_LIMIT);
    expect(markdown.startsWith(`${commentMarker('default')}\n`)).toBe(true);
    expect(markdown).not.toContain('Report truncated');
    const rows = tables(markdown)[0].slice(2);
    expect(rows).toHaveLength(100);
    // Worst first: the largest growth, then the next.
    expect(rows[0]).toContain('scenario_4999_');
    expect(rows[1]).toContain('scenario_4998_');
    expect(markdown).toContain(
      'The table shows the 100 largest changes; the other 4,900 are in the job summary and the JSON report.',
    );
  });

  /** 300 new scenarios (each row ends in the two-unit emoji 🆕) cut at 400 lengths. */
  let cached: string[] | undefined;
  function truncations(): string[] {
    if (cached) return cached;
    const scenarios = Array.from({ length: 300 }, (_, i) =>
      scenarioComparison({
        name: `s${i}_${'n'.repeat(110)}`,
        status: 'new',
        peak: measure(null, 5),
      }),
    );
    // Even the ten largest changes do not fit: the table itself is cut.
    cached = Array.from({ length: 400 }, (_, i) =>
      renderMarkdown(report(scenarios), { maxLength: 1_000 + i }),
    );
    return cached;
  }

  it('truncates to exactly the maximum length, ending with the note', () => {
    truncations().forEach((markdown, i) => {
      expect(markdown.length).toBeLessThanOrEqual(1_000 + i);
      expect(
        markdown.endsWith('the full report is in the job summary and the JSON report.</sub>\n'),
      ).toBe(true);
    });
  });

  // the cut never splits a character.
  it('never splits a character when it truncates', () => {
    for (const markdown of truncations()) expect(markdown).not.toMatch(LONE_SURROGATE);
  });

  // the cut falls between lines (or at least outside a tag), so the note shows.
  it('never cuts inside a tag when it truncates', () => {
    for (const markdown of truncations()) {
      const kept = markdown.slice(0, markdown.lastIndexOf('\n\n<sub>Report truncated'));
      expect(kept).not.toMatch(/<[^>]*$/);
    }
  });

  it('closes every <details> the cut leaves open, so the note is not folded away', () => {
    // Long names and messages: even the smallest shape (ten rows, three failures) is cut.
    const scenarios = Array.from({ length: 200 }, (_, i) =>
      scenarioComparison({
        name: `s${i}_${'n'.repeat(110)}`,
        status: 'failed',
        error: {
          side: 'head',
          type: 'RuntimeError',
          message: 'boom '.repeat(40),
          traceback: Array.from({ length: 40 }, (_, line) => `frame ${line}`).join('\n'),
        },
      }),
    );
    for (let maxLength = 3_400; maxLength < 3_800; maxLength += 37) {
      const markdown = renderMarkdown(report(scenarios, { verdict: 'fail' }), { maxLength });
      expect(markdown.length).toBeLessThanOrEqual(maxLength);
      expect(markdown).toContain('Report truncated');
      const opened = markdown.split('<details>').length - 1;
      expect(markdown.split('</details>').length - 1).toBe(opened);
      expect(markdown.lastIndexOf('</details>')).toBeLessThan(markdown.indexOf('Report truncated'));
    }
  });

  it('shortens tracebacks before it drops rows', () => {
    const failed = scenarioComparison({
      name: 'crash',
      status: 'failed',
      error: {
        side: 'head',
        type: 'RuntimeError',
        message: 'boom',
        traceback: Array.from(
          { length: 400 },
          (_, line) => `frame ${line} ${'x'.repeat(100)}`,
        ).join('\n'),
      },
    });
    const full = renderMarkdown(report([failed], { verdict: 'fail' }));
    expect(full).toContain('frame 399');
    expect(full.split('\n').filter((line) => line.startsWith('frame ')).length).toBe(30);
    const short = renderMarkdown(report([failed], { verdict: 'fail' }), { maxLength: 3_000 });
    expect(short.length).toBeLessThanOrEqual(3_000);
    expect(short).toContain('frame 399');
    expect(short).not.toContain('Report truncated');
  });

  it('honours a smaller maximum length', () => {
    const markdown = renderMarkdown(
      hugeReport((i) => `m${i}.py`),
      { maxLength: 20_000 },
    );
    expect(markdown.length).toBeLessThanOrEqual(20_000);
    expect(markdown.startsWith(commentMarker('default'))).toBe(true);
  });
});

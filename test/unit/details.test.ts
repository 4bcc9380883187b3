import { describe, expect, it } from 'vitest';
import { formatTraceback, siteLabel } from '../../src/report/details.js';
import { checkBudgets, decideVerdict } from '../../src/budgets/evaluate.js';
import { parseBudgetRules } from '../../src/budgets/rules.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

const frames = [
  { file: 'bench/memory.py', line: 3, function: '<module>', text: 'store.remember(10)' },
  { file: 'app/store.py', line: 8, function: 'Store.remember', text: 'data = bytearray(size)' },
  { file: '<stdlib>/json/encoder.py', line: 200, function: 'encode', text: 'chunks = list(x)' },
];

describe('the folded details of the comment', () => {
  it('names a site as file:line in function', () => {
    expect(siteLabel({ file: 'app/cache.py', line: 120, baseLine: 118, function: 'LRU.put' })).toBe(
      'app/cache.py:120 in LRU.put',
    );
    expect(siteLabel({ file: 'gone.py', line: null, baseLine: 4 })).toBe('gone.py:4');
  });

  it('formats a traceback like Traceback.format(), the site last', () => {
    expect(formatTraceback({ size: 10, count: 1, frames })).toBe(
      [
        '  File "bench/memory.py", line 3, in <module>',
        '    store.remember(10)',
        '  File "app/store.py", line 8, in Store.remember',
        '    data = bytearray(size)',
        '  File "<stdlib>/json/encoder.py", line 200, in encode',
        '    chunks = list(x)',
      ].join('\n'),
    );
  });

  it('shows tracebacks, noise, leak, objects by type, peak sites and the environment, escaped', () => {
    const hostile = 'x | <img src=x> @team [a](http://evil.example)';
    const scenario = scenarioComparison({
      name: 'bench_remember',
      kind: 'function',
      repeats: { base: 3, head: 3 },
      deterministic: false,
      retained: {
        ...measure(1_000, 2_000),
        noisy: true,
        baseRange: [900, 1_000],
        headRange: [2_000, 2_500],
      },
      sites: [
        siteDelta({
          // A standard-library site: the traceback names the project's own line that led there.
          file: '<stdlib>/json/encoder.py',
          line: 200,
          function: 'encode',
          text: hostile,
          headSize: 2_000,
          tracebacks: [{ size: 2_000, count: 1, frames }],
          tracebackSide: 'head',
        }),
      ],
      leak: measure(0, 301),
      leakSites: [siteDelta({ file: 'app/store.py', line: 8, baseLine: null, headSize: 301 })],
      objectTypes: [{ type: 'bytearray', baseGrowth: 0, headGrowth: 200, delta: 200 }],
      peakSites: {
        head: { bytes: 9_000, peakBytes: 9_100 },
        sites: [siteDelta({ file: 'app/store.py', line: 12, function: 'build', headSize: 8_800 })],
      },
    });
    const markdown = renderMarkdown(
      report([scenario], {
        environment: { python: '3.12.3', platform: 'linux', frames: 10, repeats: 3, iterations: 5 },
      }),
    );
    expect(markdown).toContain('🧵 Tracebacks of 1 changed site in <code>bench_remember</code>');
    // The innermost frame of the project's own code is named first.
    expect(markdown).toContain('via <code>app/store.py:8 in Store.remember</code>');
    expect(markdown).toContain('  File "app/store.py", line 8, in Store.remember');
    expect(markdown).toContain('**<code>&lt;stdlib&gt;/json/encoder.py:200 in encode</code>**');
    expect(markdown).toContain(
      '| retained | 900\u00a0B … 1,000\u00a0B | 1.95\u00a0KiB … 2.44\u00a0KiB |',
    );
    expect(markdown).toContain('💧 Leak check of <code>bench_remember</code>: 301 B/call on head');
    expect(markdown).toContain('| <code>bytearray</code> | 0 | +200 | +200 |');
    expect(markdown).toContain('⛰️ Sites at the peak of <code>bench_remember</code>');
    expect(markdown).toContain('| <code>app/store.py:12 in build</code> |');
    expect(markdown).toContain('- Leak check: 5 calls per function');
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('@team');
    expect(markdown).not.toContain('](http://evil');
    expect(markdown.match(/<details>/g)?.length).toBe(markdown.match(/<\/details>/g)?.length);
  });

  it('lists the sites that grew and shrank at the peak, each up to top, then the largest held', () => {
    const MiB = 1024 * 1024;
    const grown = Array.from({ length: 4 }, (_, i) =>
      siteDelta({ file: 'app/new.py', line: i + 1, headSize: (4 - i) * MiB }),
    );
    const gone = siteDelta({
      file: 'app/load.py',
      line: null,
      baseLine: 7,
      text: 'data = read_all()',
      baseSize: 2.75 * MiB,
      headSize: 0,
    });
    const kept = siteDelta({ file: 'app/keep.py', line: 1, baseSize: MiB, headSize: MiB });
    const scenario = scenarioComparison({
      name: 'bench_load',
      peak: measure(12.6 * MiB, 8.8 * MiB),
      peakSites: {
        base: { bytes: 12.5 * MiB, peakBytes: 12.6 * MiB },
        head: { bytes: 8.7 * MiB, peakBytes: 8.8 * MiB },
        sites: [...grown, gone, kept],
      },
    });
    const markdown = renderMarkdown(report([scenario]), { topSites: 2 });
    const section = markdown.slice(markdown.indexOf('⛰️'));
    // Two growths, the shrink (by its base line); no room left for the unchanged site.
    expect(section).toContain('| <code>app/new.py:1</code> |');
    expect(section).toContain('| <code>app/new.py:2</code> |');
    expect(section).not.toContain('app/new.py:3');
    expect(section).toContain(
      '| <code>app/load.py:7</code> | <code>data = read_all()</code> | 2.75\u00a0MiB | 0\u00a0B | -2.75\u00a0MiB |',
    );
    expect(section).not.toContain('app/keep.py');
    expect(section).toContain('3 more sites at the peak in the JSON report.');
    // The hooked runs reached the measured peaks: nothing to warn about.
    expect(section).not.toContain('⚠️');
    const roomy = renderMarkdown(report([scenario]), { topSites: 10 });
    expect(roomy).toContain('| <code>app/keep.py:1</code> |');
  });

  it('says when the peaks came at different moments, and names no site of the change at the peak', () => {
    const MiB = 1024 * 1024;
    const scenario = scenarioComparison({
      name: 'tests/test_phases.py::test_phases',
      kind: 'test',
      peak: measure(15 * MiB, 23 * MiB),
      peakSites: {
        base: { bytes: 15 * MiB, peakBytes: 15 * MiB },
        head: { bytes: 23 * MiB, peakBytes: 23 * MiB },
        sites: [
          siteDelta({ file: 'tests/test_phases.py', line: 9, baseSize: 0, headSize: 22 * MiB }),
          siteDelta({ file: 'tests/test_phases.py', line: 6, baseSize: 14 * MiB, headSize: 0 }),
        ],
        apart: { sharedBytes: 0 },
      },
    });
    const markdown = renderMarkdown(report([scenario]));
    const section = markdown.slice(markdown.indexOf('⛰️'));
    expect(section).toContain(
      '⚠️ Base and head reached their peaks at different moments: of the smaller peak, only 0',
    );
    expect(section).toContain('is held at the same sites on both sides.');
    expect(section).toContain("a site's Δ here compares two moments");
    // The headline does not blame line 9's +22 MiB for a +8 MiB peak.
    const lead = markdown.slice(0, markdown.indexOf('⛰️'));
    expect(lead).toContain('Peak memory of <code>tests/test_phases.py::test_phases</code> grew');
    expect(lead).not.toContain('most at');
    const together = renderMarkdown(
      report([
        scenarioComparison({
          ...scenario,
          peakSites: { ...scenario.peakSites!, apart: undefined },
        }),
      ]),
    );
    expect(together).not.toContain('different moments');
    expect(together).toContain('most at [<code>tests/test_phases.py:9</code>]');
  });

  it('names the new line that holds what the peak grew by, though the peaks came at different moments, in both verdicts', () => {
    // `items = list(seq)` makes head's peak (7.62 MiB); base's 5 KiB peak came while windows
    // were being made: the peaks share little, yet that line holds what the peak grew by.
    const scenario = scenarioComparison({
      name: 'bench_windowed',
      kind: 'function',
      peak: measure(5_296, 7_995_504),
      peakSites: {
        base: { bytes: 10_022, peakBytes: 10_150 },
        head: { bytes: 7_998_532, peakBytes: 8_001_620 },
        sites: [
          siteDelta({
            file: 'more_itertools/more.py',
            line: 1053,
            function: 'windowed',
            text: 'items = list(seq)',
            baseSize: 0,
            headSize: 7_991_832,
            changedLine: true,
          }),
          siteDelta({ file: 'more_itertools/more.py', line: 1073, baseSize: 2_200, headSize: 0 }),
        ],
        apart: { sharedBytes: 2_168 },
      },
    });
    const scenarios = [scenario];
    const budgets = checkBudgets({ scenarios }, parseBudgetRules('peak: +10%'));
    const failed = report(scenarios, {
      budgets: budgets.results,
      verdict: decideVerdict({ scenarios }, budgets.results, budgets.warnings),
    });
    const last = renderTerminal(failed).trimEnd().split('\n').at(-1)!;
    expect(last).toBe(
      'FAIL: memory budget exceeded: peak of bench_windowed is ×1,510, limit +10%, most at more_itertools/more.py:1053 (+7.62 MiB at the peak)',
    );
    const markdown = renderMarkdown(failed);
    const verdict = markdown.split('\n').find((line) => line.startsWith('❌'))!;
    expect(verdict).toContain('most at [<code>more_itertools/more.py:1053</code>]');
    expect(verdict).toContain('(+7.62 MiB at the peak), over the +10% budget');
  });

  it('gives the level each side was caught at, says why it is not the table peak, and leaves out small unchanged sites', () => {
    const KiB = 1024;
    const MiB = 1024 * KiB;
    const scenario = scenarioComparison({
      name: 'memory.py',
      peak: measure(2.85 * MiB, 3 * MiB),
      peakSites: {
        base: { bytes: 2.89 * MiB, peakBytes: 2.9 * MiB },
        head: { bytes: 3 * MiB, peakBytes: 3.01 * MiB },
        sites: [
          siteDelta({ file: 'app/cache.py', line: 9, baseSize: 100 * KiB, headSize: 250 * KiB }),
          siteDelta({ file: 'app/words.py', line: 3, baseSize: MiB, headSize: MiB }),
          // Both sides import the same standard library: no change at the peak.
          siteDelta({ file: '<stdlib>/enum.py', line: 1653, baseSize: 3 * KiB, headSize: 3 * KiB }),
        ],
      },
    });
    const markdown = renderMarkdown(report([scenario]), { topSites: 10 });
    const section = markdown.slice(markdown.indexOf('⛰️'));
    expect(section).toMatch(
      /\(base 2\.89\sMiB of a 2\.90\sMiB peak, head 3\.00\sMiB of a 3\.01\sMiB peak\)/,
    );
    expect(section).toMatch(
      /moves its peak a little from the table's: base's 2\.90\sMiB against 2\.85\sMiB, head's 3\.01\sMiB against 3\.00\sMiB\./,
    );
    expect(section).toContain('| <code>app/cache.py:9</code> |');
    expect(section).toContain('| <code>app/words.py:3</code> |');
    expect(section).not.toContain('enum.py');
    expect(section).toContain(
      '1 more site at the peak in the JSON report (1 of them holds the same at both peaks, under 5 % of it: no change).',
    );
  });

  it('says why a side has no sites at the peak, where they would be, escaped', () => {
    const scenario = scenarioComparison({
      name: 'bench_<load>',
      peak: measure(10_000_000, 12_000_000),
      sites: [siteDelta({ file: 'app/load.py', line: 3, headSize: 2_000_000 })],
      peakSites: {
        sites: [],
        missed: { head: 'the hooked run failed: <img src=x> @team [x](http://evil)' },
      },
    });
    const markdown = renderMarkdown(report([scenario]));
    expect(markdown).toContain(
      '<sub>⛰️ No sites at the peak of <code>bench&#95;&lt;load&gt;</code> on head: the hooked run failed: ',
    );
    expect(markdown).not.toContain(
      'No sites at the peak of <code>bench&#95;&lt;load&gt;</code> on base',
    );
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('@team');
    expect(markdown).not.toContain('](http://evil');
    // Beside the sites of the side that has them.
    const oneSide = renderMarkdown(
      report([
        scenarioComparison({
          ...scenario,
          peakSites: {
            base: { bytes: 900, peakBytes: 1_000 },
            sites: [siteDelta({ file: 'app/load.py', line: 7, baseSize: 900, headSize: 0 })],
            missed: { head: 'the peak hooks never saw the traced memory near its peak' },
          },
        }),
      ]),
    );
    const section = oneSide.slice(oneSide.indexOf('⛰️ Sites at the peak'));
    expect(section.slice(0, section.indexOf('</details>'))).toContain(
      'No sites at the peak of <code>bench&#95;&lt;load&gt;</code> on head: the peak hooks never saw',
    );
  });

  it('says where the sites at the peak come from a run that peaked elsewhere', () => {
    const MiB = 1024 * 1024;
    const scenario = scenarioComparison({
      name: 'bench_load',
      peak: measure(12.6 * MiB, 12.6 * MiB + 100_000),
      peakSites: {
        base: { bytes: 12.5 * MiB, peakBytes: 12.6 * MiB + 200_000 },
        head: { bytes: 21.9 * MiB, peakBytes: 22 * MiB },
        sites: [siteDelta({ file: 'app/load.py', line: 7, baseSize: MiB, headSize: 2 * MiB })],
      },
    });
    const markdown = renderMarkdown(report([scenario]));
    expect(markdown).toContain(
      '⚠️ On head, these sites come from a hooked run whose peak was 22.0 MiB, not the 12.7 MiB ' +
        'measured, so they may not be what made the measured peak.',
    );
    // Base's hooked run is 200 KB over: the hooks' own memory, within the slack.
    expect(markdown).not.toContain('On base, these sites');
  });

  it('says when a scenario is deterministic, and leaves out what was not measured', () => {
    const markdown = renderMarkdown(
      report([
        scenarioComparison({
          name: 'bench.py',
          repeats: { base: 2, head: 2 },
          deterministic: true,
        }),
      ]),
    );
    expect(markdown).toContain(
      '<code>bench.py</code> is deterministic: 2 runs per side gave identical figures.',
    );
    expect(markdown).not.toContain('Leak check of');
    expect(markdown).not.toContain('Objects by type');
    expect(markdown).not.toContain('Tracebacks of');
  });

  it('counts the repeats that ran in the deterministic note and the environment alike', () => {
    const env = { frames: 1, repeats: 3 };
    // A script whose objects were counted: the first of its 3 processes did that and is not
    // among the 2 compared.
    const script = renderMarkdown(
      report(
        [
          scenarioComparison({
            kind: 'script',
            repeats: { base: 2, head: 2 },
            deterministic: true,
            objectTypes: [],
          }),
        ],
        { environment: env },
      ),
    );
    expect(script).toContain(
      '<code>bench.py</code> is deterministic: runs 2–3 of 3 per side gave identical figures (the first run also counted objects).',
    );
    expect(script).toContain('- Repeats per side: 3\n');
    // Without object counts, every process is compared.
    const uncounted = renderMarkdown(
      report(
        [
          scenarioComparison({
            kind: 'script',
            repeats: { base: 3, head: 3 },
            deterministic: true,
          }),
        ],
        { environment: env },
      ),
    );
    expect(uncounted).toContain('is deterministic: 3 runs per side gave identical figures.');
    expect(uncounted).toContain('- Repeats per side: 3\n');
    // A function's calls: the first is a cold one.
    const calls = renderMarkdown(
      report(
        [
          scenarioComparison({
            name: 'bench_x',
            kind: 'function',
            repeats: { base: 3, head: 3 },
            deterministic: true,
          }),
        ],
        { environment: env },
      ),
    );
    expect(calls).toContain(
      'is deterministic: calls 2–3 of 3 per side gave identical figures (the first call is a cold one).',
    );
    expect(calls).toContain('- Repeats per side: 3\n');
  });

  it('says the repeats that ran when fewer ran than were asked for', () => {
    // A command runs once per side, whatever the repeats setting; so does a first pass that agreed.
    const once = renderMarkdown(
      report(
        [
          scenarioComparison({
            kind: 'process',
            repeats: { base: 1, head: 1 },
            peak: measure(1_000, 2_000),
          }),
        ],
        { environment: { frames: 1, repeats: 3 } },
      ),
    );
    expect(once).toContain('- Repeats per side: 1\n');
    expect(once).not.toContain('Repeats per side: 3');
  });
});

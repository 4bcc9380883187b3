/**
 * The line a verdict names beside a test's change is the project's, never pytest's or pluggy's
 * own (the report objects and hooks of the run) when a project line moved the same way; and the
 * terminal names the same line as the comment.
 */
import { describe, expect, it } from 'vitest';
import { siteBehind } from '../../src/report/lead.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

const NAME = 'tests/test_data.py::TestData::test_valid';
const PYTEST = siteDelta({ file: 'site-packages/_pytest/reports.py', line: 396, headSize: 5_233 });
const PLUGGY = siteDelta({ file: 'site-packages/pluggy/_callers.py', line: 103, headSize: 900 });
const PARSER = siteDelta({ file: 'src/tomli/_parser.py', line: 490, headSize: 1_400 });

function grown(peakSites: ReturnType<typeof siteDelta>[], retainedSites = [PARSER]) {
  return scenarioComparison({
    name: NAME,
    kind: 'test',
    peak: measure(287_000, 591_000),
    retained: measure(1_000, 1_000),
    sites: retainedSites,
    peakSites: { sites: peakSites },
  });
}

const verdictOf = (markdown: string) => markdown.split('\n').find((line) => line.includes('**'))!;
const lastLine = (terminal: string) => terminal.trimEnd().split('\n').at(-1)!;

describe("a test's change named by its line", () => {
  it("names the project's line at the peak, not pytest's that moved more", () => {
    const test = grown([PYTEST, PLUGGY, PARSER]);
    expect(siteBehind(test, 'peak', 1)?.file).toBe('src/tomli/_parser.py');
    const shown = report([test]);
    expect(lastLine(renderTerminal(shown))).toContain('most at src/tomli/_parser.py:490');
    expect(lastLine(renderTerminal(shown))).not.toContain('_pytest');
    expect(verdictOf(renderMarkdown(shown))).toContain('src/tomli/_parser.py:490');
    expect(verdictOf(renderMarkdown(shown))).not.toContain('_pytest');
  });

  it('names the retained line when only the runner moved at the peak (its later call)', () => {
    const test = grown([PYTEST, PLUGGY]);
    expect(siteBehind(test, 'peak', 1)?.file).toBe('src/tomli/_parser.py');
    expect(lastLine(renderTerminal(report([test])))).toContain(
      'most at src/tomli/_parser.py:490 (+1.37 KiB retained)',
    );
  });

  it("names pytest's line when no project line moved that way", () => {
    expect(siteBehind(grown([PYTEST, PLUGGY], []), 'peak', 1)?.line).toBe(396);
    // A script is no test: its peak sites alone explain its peak.
    const script = { ...grown([PLUGGY]), kind: 'script' as const, name: 'bench.py' };
    expect(siteBehind(script, 'peak', 1)?.file).toBe('site-packages/pluggy/_callers.py');
  });
});

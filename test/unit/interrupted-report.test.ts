// A report of a run stopped after both sides' first runs (`interrupted`): every output says so
// first, and the JSON report holds it as the schema allows.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { parseReport } from '../../src/report/report-schema.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { interruptedText, verdictReason } from '../../src/report/verdict.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

const grown = scenarioComparison({
  name: 'tests/test_app.py::test_parse',
  retained: measure(1_000, 5_000),
  sites: [siteDelta({ headSize: 4_000 })],
});

const stopped = report([grown], {
  verdict: 'warn',
  interrupted: { signal: 'SIGTERM', during: 'measuring in depth', figures: 'first-run' },
});

describe('a report of a run stopped during its deep pass', () => {
  it('says first that the run was stopped, when, and that the figures are one run each', () => {
    const said =
      'the run was stopped by SIGTERM during measuring in depth: the figures are from one run ' +
      'of each side, not measured in depth (no repeats, noise or leak check), and the run is no pass';
    expect(interruptedText(stopped.interrupted!)).toBe(said);
    // The verdict sentence (terminal, failed check) leads with it, then says what changed.
    expect(verdictReason(stopped)).toMatch(
      new RegExp(
        `^${said.replace(/[()]/g, '\\$&')}; retained memory of tests/test_app.py::test_parse grew`,
      ),
    );
    // Not the warning of a side that could not be measured.
    expect(verdictReason(stopped)).not.toContain('could not be measured');
    const terminal = renderTerminal(stopped, 3, { color: false, width: 200 });
    expect(terminal).toMatch(/^WARN: the run was stopped by SIGTERM during measuring in depth/m);
    const markdown = renderMarkdown(stopped);
    expect(markdown).toContain(`⏹️ **Stopped before the end:** ${said}.`);
    // Right after the headline, before the table.
    expect(markdown.indexOf('Stopped before the end')).toBeLessThan(markdown.indexOf('| Scenario'));
    expect(renderHtml(stopped)).toContain(`<strong>Stopped before the end:</strong> ${said}.`);
  });

  it('says what is missing when only a later pass was stopped', () => {
    expect(
      interruptedText({ signal: 'SIGINT', during: 'finding tracebacks', figures: 'complete' }),
    ).toBe(
      'the run was stopped by SIGINT during finding tracebacks: the figures are complete, what ' +
        'finding tracebacks adds is missing, and the run is no pass',
    );
  });

  it('says why, when no signal stopped it but a deep pass ended early', () => {
    expect(
      interruptedText({
        why: 'head: the command timed out after 30 min and was killed',
        during: 'measuring in depth',
        figures: 'first-run',
      }),
    ).toBe(
      'measuring in depth did not finish (head: the command timed out after 30 min and was ' +
        'killed): the figures are from one run of each side, not measured in depth (no repeats, ' +
        'noise or leak check), and the run is no pass',
    );
  });

  it('is a field of the JSON report, checked like the others', () => {
    const parsed = parseReport(JSON.parse(JSON.stringify(stopped)), 'report.json');
    expect(parsed.interrupted).toEqual(stopped.interrupted);
    expect(() =>
      parseReport(
        { ...stopped, interrupted: { during: 'measuring in depth', figures: 'some' } },
        'report.json',
      ),
    ).toThrow(/interrupted/);
  });

  it('says nothing of it in a report of a run that ended', () => {
    const ended = report([grown], { verdict: 'pass' });
    expect(renderMarkdown(ended)).not.toContain('Stopped');
    expect(verdictReason(ended)).not.toContain('stopped');
  });
});

/**
 * The list of outputs: each file is written where its entry says, with what its renderer gives,
 * and action.yml declares an output for each; an entry added to the list is written with the
 * others.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  htmlPathOf,
  OUTPUTS,
  outputPaths,
  summaryPathOf,
  writeOutputs,
  type Output,
} from '../../src/publish/outputs.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown, renderSummary } from '../../src/report/markdown.js';
import { PROJECT_ROOT } from '../support/action-runner.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'allocdiff-outputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sites = Array.from({ length: 14 }, (_, i) =>
  siteDelta({ file: 'app/store.py', line: i + 1, sizeDelta: 1_000 * (14 - i) }),
);
const grown = report([
  scenarioComparison({ retained: measure(1_000, 120_000), sites, name: 'bench.py' }),
]);

describe('the list of outputs', () => {
  it('writes the JSON report, the comment, the full report and the HTML report where the settings say', async () => {
    const paths = { jsonPath: join(dir, 'a', 'r.json'), markdownPath: join(dir, 'b', 'c.md') };
    const written = await writeOutputs(paths, grown, { topSites: 3 });
    expect(Object.keys(written)).toEqual(['report', 'comment', 'summary', 'html']);
    expect(written.report.path).toBe(paths.jsonPath);
    expect(written.comment.path).toBe(paths.markdownPath);
    expect(written.summary.path).toBe(join(dir, 'b', 'c.summary.md'));
    expect(readFileSync(paths.jsonPath, 'utf8')).toBe(`${JSON.stringify(grown, null, 2)}\n`);
    const comment = renderMarkdown(grown, { topSites: 3 });
    expect(readFileSync(paths.markdownPath, 'utf8')).toBe(comment);
    expect(readFileSync(written.summary.path, 'utf8')).toBe(renderSummary(grown, 3));
    expect(written.html.path).toBe(join(dir, 'b', 'c.html'));
    expect(readFileSync(written.html.path, 'utf8')).toBe(renderHtml(grown));
    for (const output of Object.values(written)) {
      expect(readFileSync(output.path, 'utf8')).toBe(output.content);
    }
    // topSites reaches the renderers: 3 open rows of the 14, not the default 10.
    expect(comment).not.toBe(renderMarkdown(grown));
    expect(written.summary.content).not.toBe(renderSummary(grown));
    expect(outputPaths(paths)).toEqual({
      report: paths.jsonPath,
      comment: paths.markdownPath,
      summary: written.summary.path,
      html: written.html.path,
    });
  });

  it('renders with the renderers’ defaults when no option is given (report mode)', async () => {
    const paths = { jsonPath: join(dir, 'd.json'), markdownPath: join(dir, 'd.md') };
    const written = await writeOutputs(paths, grown);
    expect(written.comment.content).toBe(renderMarkdown(grown));
    expect(written.summary.content).toBe(renderSummary(grown));
  });

  it('puts the full report and the HTML report beside the comment, whatever it is called', () => {
    expect(summaryPathOf('/x/report.md')).toBe('/x/report.summary.md');
    expect(summaryPathOf('/x/comment.txt')).toBe('/x/comment.txt.summary.md');
    expect(htmlPathOf('/x/report.md')).toBe('/x/report.html');
    expect(htmlPathOf('/x/comment.txt')).toBe('/x/comment.txt.html');
  });

  it('writes an output added to the list with the others', async () => {
    const extra: Output = {
      name: 'scenarios',
      label: 'Scenario names',
      description: 'Path of the list of scenario names.',
      path: (paths) => `${paths.jsonPath.slice(0, -'.json'.length)}.txt`,
      render: (r) => `${r.scenarios.map((s) => s.name).join('\n')}\n`,
    };
    const folder = join(dir, 'extra');
    const paths = { jsonPath: join(folder, 'r.json'), markdownPath: join(folder, 'r.md') };
    const written = await writeOutputs(paths, grown, {}, [...OUTPUTS, extra]);
    expect(Object.keys(written)).toEqual(['report', 'comment', 'summary', 'html', 'scenarios']);
    expect(readdirSync(folder).sort()).toEqual([
      'r.html',
      'r.json',
      'r.md',
      'r.summary.md',
      'r.txt',
    ]);
    expect(readFileSync(join(folder, 'r.txt'), 'utf8')).toBe('bench.py\n');
  });

  it('has an output in action.yml for each entry, with its description', () => {
    const { outputs } = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as {
      outputs: Record<string, { description: string }>;
    };
    for (const output of OUTPUTS) {
      expect(outputs[output.name], output.name).toEqual({ description: output.description });
    }
  });
});

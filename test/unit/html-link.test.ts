/**
 * The link from the comment to the HTML report: the `html-url` input and `--html-url` flag, as
 * a URL or `run` (the Actions run's page), and the line that ends the comment.
 */
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/config/cli-args.js';
import { parseHtmlUrl } from '../../src/config/settings.js';
import { UsageError } from '../../src/errors.js';
import { COMMENT_LIMIT, renderMarkdown, renderSummary } from '../../src/report/markdown.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

const RUN = {
  GITHUB_SERVER_URL: 'https://github.example.com/',
  GITHUB_REPOSITORY: 'octo/app',
  GITHUB_RUN_ID: '1234567',
};

describe('parseHtmlUrl', () => {
  it('takes an http(s) URL, normalised', () => {
    expect(parseHtmlUrl(' https://example.com/a b/report.html ', 'input "html-url"', {})).toBe(
      'https://example.com/a%20b/report.html',
    );
    expect(parseHtmlUrl('http://ci.local:8080/x', 'input "html-url"', {})).toBe(
      'http://ci.local:8080/x',
    );
  });

  it('is no link when empty', () => {
    expect(parseHtmlUrl('', 'input "html-url"', RUN)).toBeUndefined();
    expect(parseHtmlUrl('  ', 'input "html-url"', RUN)).toBeUndefined();
  });

  it("makes run the Actions run's page, from the runner's environment", () => {
    expect(parseHtmlUrl('run', 'input "html-url"', RUN)).toBe(
      'https://github.example.com/octo/app/actions/runs/1234567',
    );
  });

  it('refuses run outside an Actions run, naming the input and what to give', () => {
    const noRun = { GITHUB_SERVER_URL: RUN.GITHUB_SERVER_URL, GITHUB_REPOSITORY: 'octo/app' };
    expect(() => parseHtmlUrl('run', '--html-url', noRun)).toThrow(UsageError);
    expect(() => parseHtmlUrl('run', '--html-url', noRun)).toThrow(
      /^--html-url: "run" links the GitHub Actions run's page, but .*GITHUB_RUN_ID.*give the http\(s\) URL/,
    );
  });

  it('refuses what is not an http(s) URL, and a URL with credentials', () => {
    for (const bad of [
      'javascript:alert(1)',
      'report.html',
      'ftp://example.com/r.html',
      'data:text/html,<script>alert(1)</script>',
      'https://user:secret@example.com/r.html',
    ]) {
      expect(() => parseHtmlUrl(bad, 'input "html-url"', RUN), bad).toThrow(
        /^input "html-url": got .*; expected an http\(s\) URL where the HTML report is kept, or run/,
      );
    }
  });

  it('is read from --html-url by the CLI', () => {
    const command = parseCliArgs(
      [
        '--base',
        'main',
        '--script',
        'bench.py',
        '--html-url',
        'https://example.com/r.html',
        '--json',
        'out/r.json',
        '--markdown',
        'out/r.md',
      ],
      '/home/dev/project',
      {
        exists: (path) =>
          path === '/home/dev/project/.git/HEAD' || path === '/home/dev/project/.git',
        read: () => 'ref: refs/heads/main\n',
      },
    );
    if (command.kind !== 'run') throw new Error(command.kind);
    expect(command.settings.htmlUrl).toBe('https://example.com/r.html');
  });
});

describe('renderMarkdown: the link to the HTML report', () => {
  const changed = report([
    scenarioComparison({
      retained: measure(1_000, 5_000),
      sites: [siteDelta({ baseSize: 1_000, headSize: 5_000 })],
    }),
  ]);
  const unchanged = report([scenarioComparison({ retained: measure(1_000, 1_000) })]);

  it('ends the comment with one line linking the report, when the workflow gives its URL', () => {
    const url = 'https://github.com/octo/app/actions/runs/42';
    for (const r of [changed, unchanged]) {
      const text = renderMarkdown(r, { htmlUrl: url });
      expect(text).toBe(
        renderMarkdown(r) +
          `\n<sub>📊 [HTML report](${url}): the differential flame graph and every changed site, sortable.</sub>\n`,
      );
      expect(text.match(/HTML report\]/g)).toHaveLength(1);
    }
    expect(renderMarkdown(changed)).not.toContain('HTML report');
  });

  it('keeps the link target whole: a parenthesis cannot end it', () => {
    const text = renderMarkdown(changed, { htmlUrl: 'https://example.com/a)(b).html' });
    expect(text).toContain('[HTML report](https://example.com/a%29%28b%29.html)');
  });

  it('stays within the comment limit with the link, which is never cut', () => {
    const many = report([
      scenarioComparison({
        retained: measure(1_000, 50_000),
        sites: Array.from({ length: 3_000 }, (_, i) =>
          siteDelta({ file: `pkg/module_${i}.py`, line: i + 1, baseSize: i, headSize: 10 * i }),
        ),
      }),
    ]);
    const text = renderMarkdown(many, { topSites: 3_000, htmlUrl: 'https://example.com/r' });
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(
      text.endsWith(
        '[HTML report](https://example.com/r): the differential flame graph and every changed site, sortable.</sub>\n',
      ),
    ).toBe(true);
  });

  it('is not in the job summary, which is on the run page beside the artifacts', () => {
    expect(renderSummary(changed)).not.toContain('HTML report');
  });
});

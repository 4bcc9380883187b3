// A report of a million changed sites (a pytest suite that allocates everywhere) is written
// within what report mode reads back from an artifact: each scenario lists its sites that
// changed most, up to a limit, and sums the rest into one entry that every rendering shows.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ScenarioComparison } from '../../src/compare/comparison.js';
import { ARTIFACT_FILES, readArtifact } from '../../src/publish/artifact.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { SITE_LIMITS } from '../../src/report/report-limits.js';
import { buildReport, renderJson, type Report } from '../../src/report/report.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { measure, scenarioComparison, siteDelta } from './fixtures.js';

/** `count` sites of `scenario`, each a line of its own, largest change first. */
function sites(count: number, file = 'app/everywhere.py') {
  return Array.from({ length: count }, (_, index) =>
    siteDelta({ file, line: index + 1, baseLine: null, headSize: 10 * (count - index) }),
  );
}

function built(scenarios: ScenarioComparison[]): Report {
  return buildReport({
    allocdiffVersion: '0.1.0',
    key: 'default',
    verdict: 'pass',
    repository: 'octo/allocdiff',
    serverUrl: 'https://github.com',
    pullRequest: 7,
    base: { sha: 'a'.repeat(40) },
    head: { sha: 'b'.repeat(40) },
    environment: { frames: 1 },
    comparison: { scenarios },
    budgets: [],
  });
}

/** The report as an artifact (zip) that report mode downloads, read back as report mode does. */
function readBack(report: Report): Report {
  const zip = zipSync({
    [ARTIFACT_FILES.report]: strToU8(renderJson(report)),
    [ARTIFACT_FILES.pullRequest]: strToU8(
      JSON.stringify({
        number: 7,
        headSha: 'b'.repeat(40),
        baseSha: 'a'.repeat(40),
        repository: 'octo/allocdiff',
      }),
    ),
  });
  return readArtifact(zip, 'allocdiff-default').report;
}

describe('a report of a million changed sites', () => {
  const million = sites(1_000_000);
  const total = million.reduce((sum, site) => sum + site.sizeDelta, 0);
  const report = built([
    scenarioComparison({
      name: 'tests/test_all.py::test_everywhere',
      retained: measure(0, total),
      sites: million,
    }),
    scenarioComparison({ name: 'bench_small', sites: sites(3, 'app/small.py') }),
  ]);
  const [big, small] = report.scenarios;

  it('lists the sites that changed most, up to the limit, and sums the rest', () => {
    expect(big.sites).toHaveLength(SITE_LIMITS.perScenario);
    expect(big.sites).toEqual(million.slice(0, SITE_LIMITS.perScenario));
    const rest = million.slice(SITE_LIMITS.perScenario);
    expect(big.sitesLeftOut).toEqual({
      count: rest.length,
      sizeDelta: rest.reduce((sum, site) => sum + site.sizeDelta, 0),
      countDelta: rest.reduce((sum, site) => sum + site.countDelta, 0),
    });
    // Nothing is lost from the figures: listed and summed sites make the whole change.
    expect(
      big.sites.reduce((sum, site) => sum + site.sizeDelta, 0) + big.sitesLeftOut!.sizeDelta,
    ).toBe(total);
    expect(small.sites).toHaveLength(3);
    expect(small.sitesLeftOut).toBeUndefined();
  });

  it('is read back by report mode, sums and all', () => {
    const read = readBack(report);
    expect(read.scenarios[0].sitesLeftOut).toEqual(big.sitesLeftOut);
    expect(read.scenarios[0].sites).toHaveLength(SITE_LIMITS.perScenario);
  });

  it('says in the comment, the job summary and the terminal how many sites were summed', () => {
    const note = /990,000 more changed sites of[^\n]*everywhere[^\n]*summed: \+[\d.]+ \w*B/;
    expect(renderMarkdown(report)).toMatch(note);
    expect(renderMarkdown(report, { target: 'summary' })).toMatch(note);
    expect(renderTerminal(report)).toMatch(
      /990,000 more changed sites not kept in the report, summed: \+[\d.]+ \w*B/,
    );
  });
});

describe('a report of many scenarios, each with many sites', () => {
  it('shares the limit on all the sites it lists among the scenarios', () => {
    const count = 40;
    const each = 10_000;
    const report = built(
      Array.from({ length: count }, (_, index) =>
        scenarioComparison({ name: `test_${index}`, sites: sites(each, `app/m${index}.py`) }),
      ),
    );
    const listed = report.scenarios.reduce((sum, s) => sum + s.sites.length, 0);
    expect(listed).toBeLessThanOrEqual(SITE_LIMITS.total);
    for (const scenario of report.scenarios) {
      expect(scenario.sites.length + scenario.sitesLeftOut!.count).toBe(each);
      expect(scenario.sites.length).toBe(Math.floor(SITE_LIMITS.total / count));
    }
    expect(readBack(report).scenarios).toHaveLength(count);
  });
});

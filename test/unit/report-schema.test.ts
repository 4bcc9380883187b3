import { describe, expect, it } from 'vitest';
import { parseReport } from '../../src/report/report-schema.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

describe('parseReport: the sides', () => {
  const sample = report([scenarioComparison({ peak: measure(1, 2), sites: [siteDelta()] })]);

  it('accepts a head that is the working tree on top of a commit', () => {
    const head = { sha: sample.head.sha, ref: 'HEAD', workingTree: true };
    const parsed = parseReport(JSON.parse(JSON.stringify({ ...sample, head })), 'report.json');
    expect(parsed.head).toEqual(head);
  });

  it('rejects workingTree on base, or other than true, naming the field', () => {
    const onBase = { ...sample, base: { ...sample.base, workingTree: true } };
    expect(() => parseReport(onBase, 'report.json')).toThrow(/base: Unrecognized key/);
    const notTrue = { ...sample, head: { ...sample.head, workingTree: 'yes' } };
    expect(() => parseReport(notTrue, 'report.json')).toThrow(/head\.workingTree/);
  });
});

describe('parseReport: the environment', () => {
  const sample = report([scenarioComparison({ peak: measure(1, 2), sites: [siteDelta()] })], {
    environment: { python: '3.12.3', implementation: 'CPython', frames: 5, repeats: 3 },
  });

  it('accepts the repeats of function scenarios', () => {
    const parsed = parseReport(JSON.parse(JSON.stringify(sample)), 'report.json');
    expect(parsed.environment).toEqual({
      python: '3.12.3',
      implementation: 'CPython',
      frames: 5,
      repeats: 3,
    });
  });

  it('rejects repeats that are not a whole number ≥ 1, naming the field', () => {
    for (const repeats of [0, 1.5, '3']) {
      const bad = { ...sample, environment: { ...sample.environment, repeats } };
      expect(() => parseReport(bad, 'report.json')).toThrow(/environment\.repeats/);
    }
  });
});

describe('parseReport: a change to the settings, and an acceptance', () => {
  const sample = report([scenarioComparison({ peak: measure(1, 2), sites: [siteDelta()] })], {
    verdict: 'fail',
    settingsChange: {
      from: 'the base commit 1111111',
      configFile: 'allocdiff.yml',
      changed: ['fail-on', 'budgets', 'repeats'],
      verdict: 'pass',
      reason: 'within budget',
      wouldFail: false,
      notTried: ['repeats'],
    },
    accepted: { label: 'memory-ok', by: 'octocat' },
  });

  it('keeps what a measuring run wrote, for the report job to render', () => {
    const parsed = parseReport(JSON.parse(JSON.stringify(sample)), 'report.json');
    expect(parsed.settingsChange).toEqual(sample.settingsChange);
    expect(parsed.accepted).toEqual(sample.accepted);
  });

  it('rejects a settings change whose verdict is not one, naming the field', () => {
    const forged = { ...sample, settingsChange: { ...sample.settingsChange, verdict: 'ok' } };
    expect(() => parseReport(forged, 'report.json')).toThrow(/settingsChange\.verdict/);
    const extra = { ...sample, accepted: { label: 'x', trusted: true } };
    expect(() => parseReport(extra, 'report.json')).toThrow(/accepted: Unrecognized key/);
  });
});

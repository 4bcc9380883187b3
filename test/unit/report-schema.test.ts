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

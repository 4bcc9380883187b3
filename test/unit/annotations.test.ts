import { describe, expect, it } from 'vitest';
import { ANNOTATION_LIMIT, siteAnnotations } from '../../src/report/annotations.js';
import { report, scenarioComparison, siteDelta } from './fixtures.js';

describe('siteAnnotations', () => {
  it('annotates a changed line that allocates more, with its growth in each scenario', () => {
    const site = siteDelta({
      file: 'app/cache.py',
      line: 41,
      changedLine: true,
      baseSize: 0,
      headSize: 4_096,
      headCount: 3,
    });
    const { annotations, omitted } = siteAnnotations(
      report([
        scenarioComparison({ name: 'bench_put', sites: [site] }),
        scenarioComparison({
          name: 'bench_get',
          sites: [{ ...site, headSize: 1_024, sizeDelta: 1_024 }],
        }),
      ]),
    );
    expect(omitted).toBe(0);
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatchObject({
      file: 'app/cache.py',
      startLine: 41,
      title: 'allocdiff: this line allocates +5.00 KiB more',
      growth: 5_120,
    });
    expect(annotations[0].message).toContain('bench_put: +4.00 KiB, +3 blocks (now 4.00 KiB)');
    expect(annotations[0].message).toContain('bench_get: +1.00 KiB');
  });

  it('leaves out lines the PR did not change, shrinking lines, gone lines and outside code', () => {
    const sites = [
      siteDelta({ file: 'app/a.py', line: 1, changedLine: false }),
      siteDelta({ file: 'app/b.py', line: 2, changedLine: true, baseSize: 500, headSize: 100 }),
      siteDelta({ file: 'app/c.py', line: null, baseLine: 3, changedLine: true }),
      siteDelta({ file: 'site-packages/x/y.py', line: 4, changedLine: true }),
      siteDelta({ file: '<stdlib>/json/decoder.py', line: 5, changedLine: true }),
    ];
    expect(siteAnnotations(report([scenarioComparison({ sites })]))).toEqual({
      annotations: [],
      omitted: 0,
    });
  });

  it('keeps the largest growths up to the limit and counts the rest', () => {
    const sites = Array.from({ length: 25 }, (_, i) =>
      siteDelta({ file: `app/m${i}.py`, line: i + 1, changedLine: true, headSize: 100 + i }),
    );
    const { annotations, omitted } = siteAnnotations(report([scenarioComparison({ sites })]));
    expect(annotations).toHaveLength(ANNOTATION_LIMIT);
    expect(omitted).toBe(25 - ANNOTATION_LIMIT);
    expect(annotations[0].file).toBe('app/m24.py');
    expect(annotations.map((a) => a.growth)).toEqual(
      [...annotations.map((a) => a.growth)].sort((a, b) => b - a),
    );
    expect(siteAnnotations(report([scenarioComparison({ sites })]), 3).omitted).toBe(22);
  });

  it('puts the repository’s folder in the workspace before the path', () => {
    const site = siteDelta({ file: 'app/a.py', line: 7, changedLine: true });
    const sample = report([scenarioComparison({ sites: [site] })]);
    expect(siteAnnotations(sample, 10, 'checkouts/project').annotations[0].file).toBe(
      'checkouts/project/app/a.py',
    );
    expect(siteAnnotations(sample, 10, 'project/').annotations[0].file).toBe('project/app/a.py');
    expect(siteAnnotations(sample).annotations[0].file).toBe('app/a.py');
  });

  it('keeps each message on one line whatever the scenario is called', () => {
    const site = siteDelta({ file: 'app/a.py', line: 1, changedLine: true });
    const { annotations } = siteAnnotations(
      report([scenarioComparison({ name: 'a\nb\r\u0000c', sites: [site] })]),
    );
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(annotations[0].message).not.toMatch(/[\r\n\u0000]/);
    expect(annotations[0].message).toContain('a b c:');
  });
});

import { describe, expect, it } from 'vitest';
import {
  COMMENT_POLICIES,
  commentDecision,
  isRegression,
} from '../../src/publish/comment-policy.js';
import type { Report } from '../../src/report/report.js';
import { measure, report, scenarioComparison, siteDelta } from './fixtures.js';

const unchanged = report([scenarioComparison()]);
const improved = report([scenarioComparison({ peak: measure(2_000, 1_000) })]);
const grown = report([scenarioComparison({ retained: measure(1_000, 1_500) })]);
const siteOnly = report([scenarioComparison({ sites: [siteDelta()] })]);
const failedHead = report(
  [
    scenarioComparison({
      status: 'failed',
      error: { side: 'head', type: 'MemoryError', message: '' },
    }),
  ],
  { verdict: 'fail' },
);
const warned = report([scenarioComparison()], { verdict: 'warn', warnings: ['not checked'] });

function decisions(r: Report): Record<string, string> {
  return Object.fromEntries(COMMENT_POLICIES.map((policy) => [policy, commentDecision(policy, r)]));
}

describe('commentDecision', () => {
  it('always posts under always, never under never', () => {
    for (const r of [unchanged, improved, grown, failedHead]) {
      expect(commentDecision('always', r)).toBe('post');
      expect(commentDecision('never', r)).toBe('skip');
    }
  });

  it('on-change: posts when anything changed, else only updates an existing comment', () => {
    expect(decisions(unchanged)['on-change']).toBe('update');
    for (const r of [improved, grown, siteOnly, failedHead, warned]) {
      expect(commentDecision('on-change', r)).toBe('post');
    }
  });

  it('on-regression: posts when something got worse, else only updates an existing comment', () => {
    expect(commentDecision('on-regression', grown)).toBe('post');
    expect(commentDecision('on-regression', failedHead)).toBe('post');
    expect(commentDecision('on-regression', warned)).toBe('post');
    expect(commentDecision('on-regression', improved)).toBe('update');
    expect(commentDecision('on-regression', unchanged)).toBe('update');
  });
});

describe('isRegression', () => {
  it('sees growth of peak, retained, the allocation count and the leak rate', () => {
    expect(isRegression(report([scenarioComparison({ peak: measure(1, 2) })]))).toBe(true);
    expect(isRegression(report([scenarioComparison({ retainedCount: measure(1, 2) })]))).toBe(true);
    expect(isRegression(report([scenarioComparison({ leak: measure(0, 8) })]))).toBe(true);
    expect(isRegression(improved)).toBe(false);
    // A new scenario adds memory but is not worse than anything.
    const fresh = scenarioComparison({ status: 'new', peak: measure(null, 5) });
    expect(isRegression(report([fresh]))).toBe(false);
  });
});

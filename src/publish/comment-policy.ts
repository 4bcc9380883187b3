import { changedBeyond, MEASURE_NAMES, MEASURES, measureOf } from '../compare/measures.js';
import type { Report } from '../report/report.js';
import { isNoChange } from '../report/ranking.js';

/** When the sticky comment is written: the `comment` input / config key. */
export const COMMENT_POLICIES = ['always', 'on-change', 'on-regression', 'never'] as const;
export type CommentPolicy = (typeof COMMENT_POLICIES)[number];

/**
 * `post`: create or update the comment. `update`: update it only if it exists (things went back
 * to normal, and a comment saying otherwise must not stay). `skip`: leave the pull request alone.
 */
export type CommentDecision = 'post' | 'update' | 'skip';

/**
 * Something got worse: a budget warned or failed, a side failed, or a measure of a scenario grew
 * by more than its tolerance (peak, retained memory, its count, leak per call: any growth).
 */
export function isRegression(report: Report): boolean {
  if (report.verdict !== 'pass') return true;
  return report.scenarios.some(
    (s) =>
      s.status === 'failed' ||
      (s.status === 'ok' &&
        MEASURE_NAMES.some((name) =>
          changedBeyond(measureOf(s, name), MEASURES[name].tolerance.change, 'up'),
        )),
  );
}

/** What the comment policy does with this report. */
export function commentDecision(policy: CommentPolicy, report: Report): CommentDecision {
  switch (policy) {
    case 'always':
      return 'post';
    case 'never':
      return 'skip';
    case 'on-change':
      return isNoChange(report) ? 'update' : 'post';
    case 'on-regression':
      return isRegression(report) ? 'post' : 'update';
  }
}

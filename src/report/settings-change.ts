/**
 * A change that edits allocdiff's settings is judged by those from before it; the report says
 * so, and what the change's own settings would decide on the same measurement.
 */
import {
  checkBudgets,
  decideVerdict,
  failsRun,
  headSitesOf,
  type FailOn,
  type Verdict,
} from '../budgets/evaluate.js';
import type { BudgetPolicy, BudgetRule } from '../budgets/rules.js';
import { withoutIgnoredSites } from '../budgets/site-filter.js';
import type { Snapshot } from '../capture/snapshot.js';
import type { Comparison } from '../compare/comparison.js';
import { escapeCode, escapeText } from './escape.js';
import type { Acceptance, Report } from './report.js';
import { verdictReason } from './verdict.js';

/** In the report: the settings that judged the run, and what the change's own would decide. */
export interface SettingsChange {
  /** Where the settings that judged this run came from: `the base commit 1a2b3c4`. */
  from: string;
  /** The change's config file, as messages name it; none when the change removes it. */
  configFile?: string;
  /** The config-file keys the change edits. */
  changed: string[];
  /** The verdict of the change's budgets, ignore globs and fail-on on this measurement. */
  verdict: Verdict;
  /** That verdict in one sentence. */
  reason: string;
  /** Whether that verdict would fail the check under the change's fail-on. */
  wouldFail: boolean;
  /** Edited settings that change how the sides are measured: not tried on this run. */
  notTried: string[];
}

/** What the change's config file gives: what judges a comparison, and what it edits. */
export interface ProposedJudging {
  configFile?: string;
  changed: readonly string[];
  budgets: BudgetPolicy;
  ignore: readonly string[];
  failOn: FailOn;
}

/** Settings that judge a comparison (tried on this run), or only shape the report. */
const JUDGING = new Set(['budgets', 'scenarios', 'ignore', 'fail-on']);
const REPORT_ONLY = new Set(['minimum-change', 'top', 'comment']);

/**
 * What the change's own settings decide on the measurement of this run: `compared` is the
 * comparison before any site was ignored, `report` the one the run's settings made,
 * `markerRules` the budget markers of the change's own tests, `head` head's snapshot (whose
 * unchanged sites `site` ceilings judge).
 */
export function judgeProposed(
  report: Report,
  compared: Comparison,
  proposed: ProposedJudging,
  from: string,
  markerRules: ReadonlyMap<string, readonly BudgetRule[]> = new Map(),
  head?: Snapshot,
): SettingsChange {
  const { comparison } = withoutIgnoredSites(compared, proposed.ignore);
  const held = head && headSitesOf(head, proposed.ignore);
  const { results, warnings } = checkBudgets(comparison, proposed.budgets, markerRules, held);
  const verdict = decideVerdict(comparison, results, warnings);
  const reason = verdictReason({ ...report, verdict, budgets: results, warnings });
  return {
    from,
    ...(proposed.configFile !== undefined ? { configFile: proposed.configFile } : {}),
    changed: [...proposed.changed],
    verdict,
    reason,
    wouldFail: failsRun(verdict, proposed.failOn),
    notTried: proposed.changed.filter((key) => !JUDGING.has(key) && !REPORT_ONLY.has(key)),
  };
}

const VERDICT_WORD: Record<Verdict, string> = { pass: 'pass', warn: 'warn', fail: 'fail' };

/** The log's and the terminal's sentence (plain text). */
export function settingsChangeText(change: SettingsChange): string {
  const where = change.configFile ? ` in ${change.configFile}` : '';
  const notTried =
    change.notTried.length > 0
      ? ` (measured with the settings of ${change.from}: ${change.notTried.join(', ')} not tried)`
      : '';
  return (
    `this change edits allocdiff's settings (${change.changed.join(', ')}${where}): it is ` +
    `judged by those of ${change.from}; its own apply once it is merged. With them, the verdict ` +
    `would be ${VERDICT_WORD[change.verdict]}${change.wouldFail ? ', failing the check' : ''}: ` +
    `${change.reason}${notTried}`
  );
}

/** The comment's paragraph (Markdown; everything from the change escaped). */
export function settingsChangeMarkdown(change: SettingsChange): string {
  const keys = change.changed.map((key) => escapeCode(key)).join(', ');
  const where = change.configFile ? ` in ${escapeCode(change.configFile)}` : '';
  const icon = change.verdict === 'fail' ? '❌' : change.verdict === 'warn' ? '⚠️' : '✅';
  const notTried =
    change.notTried.length > 0
      ? ` Measured with the settings of ${escapeText(change.from)}: ` +
        `${change.notTried.map((key) => escapeCode(key)).join(', ')} not tried.`
      : '';
  return (
    `⚙️ **This change edits allocdiff's settings** (${keys}${where}): it is judged by those of ` +
    `${escapeText(change.from)}; its own apply once it is merged. With them: ${icon} ` +
    `${VERDICT_WORD[change.verdict]}${change.wouldFail ? ' (would fail the check)' : ''}: ` +
    `${escapeText(change.reason)}.${notTried}`
  );
}

/** The comment's line for a change a maintainer accepted over budget (Markdown). */
export function acceptanceMarkdown(accepted: Acceptance): string {
  const by = accepted.by !== undefined ? `, added by ${escapeCode(accepted.by)}` : '';
  return (
    `🏷️ **Accepted** with the label ${escapeCode(accepted.label)}${by}: the verdict above is ` +
    'what the budgets decided; a maintainer accepted it, and the check passes.'
  );
}

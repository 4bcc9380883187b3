/**
 * A report's verdict explained: its causes (found by src/budgets/verdict.ts, the one derivation
 * of a verdict) and the changes it leads with, as data; and the verdict in one plain sentence,
 * for the terminal and the failed check.
 */
import type { BudgetResult, Verdict } from '../budgets/evaluate.js';
import { verdictCauses, levelOf, overBefore, type VerdictCause } from '../budgets/verdict.js';
import type { ScenarioComparison } from '../compare/comparison.js';
import { MEASURES } from '../compare/measures.js';
import type { RetentionFinding } from '../compare/retention.js';
import { groupDigits } from '../format/sizes.js';
import { bothFailed, failedBeforeText, raisedText, setupFailure } from './failure.js';
import {
  budgetExample,
  budgetSiteClause,
  changeWithSite,
  headlineChanges,
  type Change,
  type Headline,
  type Words,
} from './lead.js';
import { isNoChange, listedChanges } from './ranking.js';
import type { Acceptance, Interrupted, Report } from './report.js';
import { leadingRetention, leadSentence } from './retention.js';

export type { VerdictCause } from '../budgets/verdict.js';

/** What a budget result is about: `peak`, `site app/cache.py:12`. */
export function budgetSubject(budget: BudgetResult): string {
  if (budget.metric === 'site') return budget.site ? `site ${budget.site}` : 'site';
  return MEASURES[budget.metric].words.name;
}

/**
 * Why a report has its verdict, as data, found once: the renderers (the comment's headline, the
 * terminal's last line, the failed check's message, the CLI's exit status) put it into words
 * and look nothing up themselves.
 */
export interface VerdictExplanation {
  verdict: Verdict;
  /** Every cause the report holds, the most severe first (src/budgets/verdict.ts). */
  causes: VerdictCause[];
  /** The cause that decided a warn or fail verdict: the first at its level. */
  decided?: VerdictCause;
  /**
   * The changed line a verdict says it was caused by (`verdictCulprit`): none on a pass.
   */
  culprit?: Culprit;
  /**
   * What a verdict sentence leads with before the changes: the deciding budget or failed
   * benchmark; else a failed benchmark (base's first) or a rule not checked.
   */
  lead?: VerdictCause;
  /** The largest change, what is said after it, and the largest growth no budget checked. */
  changes: Headline;
  /** A pass in which nothing changed at all. */
  noChange: boolean;
  /** Head was not run at all: the pull request touches nothing the benchmark reads. */
  headNotRun: boolean;
  /** Whether any budget was evaluated (not skipped), and whether any held. */
  checked: boolean;
  held: boolean;
}

/** A retention finding whose culprit, a changed line, filled the holder of grown memory. */
export interface Culprit {
  scenario: ScenarioComparison;
  finding: RetentionFinding;
}

/** The cause that decided a warn or fail verdict (the first at its level); none on a pass. */
function decidingCause(report: Report, causes: readonly VerdictCause[]): VerdictCause | undefined {
  return report.verdict === 'pass'
    ? undefined
    : causes.find((cause) => levelOf(cause) === report.verdict);
}

/**
 * The one rule of every renderer for blaming a line ("Caused by app/cache.py:24"): the changed
 * line that filled the holder keeping the most grown memory alive (`leadingRetention`), only when
 * a budget exceeded (or warned) decided the verdict. A pass blames no line (what keeps memory
 * alive is said in its own section), nor does a failed benchmark or a rule not checked, which no
 * line of memory caused.
 */
export function verdictCulprit(
  report: Report,
  decided = decidingCause(report, verdictCauses(report, report.budgets, report.warnings ?? [])),
): Culprit | undefined {
  return decided?.kind === 'budget-failed' || decided?.kind === 'budget-warned'
    ? leadingRetention(report)
    : undefined;
}

/** The verdict of a report and its reasons, from its scenarios, budgets and warnings. */
export function explainVerdict(report: Report): VerdictExplanation {
  const causes = verdictCauses(report, report.budgets, report.warnings ?? []);
  const decided = decidingCause(report, causes);
  const culprit = verdictCulprit(report, decided);
  const failedOn = (side: 'base' | 'head') =>
    causes.find((cause) => cause.kind === 'benchmark-failed' && cause.side === side);
  // A deciding budget or failed side leads; a rule not checked only after every failed side.
  const told =
    decided?.kind === 'budget-failed' ||
    decided?.kind === 'budget-warned' ||
    (decided?.kind === 'benchmark-failed' && decided.side !== undefined)
      ? decided
      : undefined;
  const lead =
    told ??
    failedOn('base') ??
    failedOn('head') ??
    causes.find((cause) => cause.kind === 'not-checked');
  return {
    verdict: report.verdict,
    causes,
    ...(decided ? { decided } : {}),
    ...(culprit ? { culprit } : {}),
    ...(lead ? { lead } : {}),
    changes: headlineChanges(report),
    noChange: isNoChange(report),
    headNotRun: notRunReason(report) !== undefined,
    checked: report.budgets.some((budget) => budget.status !== 'skip'),
    held: report.budgets.some((budget) => budget.status === 'pass'),
  };
}

/** How `Report.noChange` starts when head was not run at all (rather than in some shards). */
const NOT_RUN = 'no change: ';

/** Why head was not run at all (`this pull request touches nothing …`), or undefined. */
export function notRunReason(report: Report): string | undefined {
  return report.noChange?.startsWith(NOT_RUN) ? report.noChange.slice(NOT_RUN.length) : undefined;
}

/** Why a warn-status budget did not fail. */
export function warnCause(because: 'noisy' | 'warn-level'): string {
  return because === 'noisy' ? 'noisy measurement: reported, not failed' : 'warn-level rule';
}

/** Plain text: code as is, a site as `file:line`. */
const PLAIN: Words = {
  code: (text) => text,
  site: (site) => `${site.file}:${site.line ?? site.baseLine ?? '?'}`,
};

/** `, most at app/cache.py:41 (+1.00 MiB at the peak)` for a budget (see `budgetSiteClause`). */
function budgetSite(report: Report, budget: BudgetResult): string {
  const scenario = report.scenarios.find((s) => s.name === budget.scenario);
  return scenario ? budgetSiteClause(scenario, budget, PLAIN) : '';
}

function failedReason(scenario: ScenarioComparison): string {
  const setup = setupFailure(scenario);
  if (setup)
    return `setup failed on ${setup.sides}: ${setup.message}, so ${scenario.name} was not run`;
  return bothFailed(scenario)
    ? `the base and head benchmarks failed: ${scenario.name} raised ${raisedText(scenario, PLAIN.code)}`
    : `the head benchmark failed: ${scenario.name} raised ${scenario.error?.type || 'an error'}`;
}

/**
 * A passing verdict: the largest change (and a growth no budget checked, when it is another
 * one), whether budgets held, and how to add one when none is set. With no change to lead
 * with, what happened comes first, as the comment's headline says it: no change beyond noise.
 */
function passReason(report: Report, explanation: VerdictExplanation): string {
  const { checked, changes } = explanation;
  if (explanation.noChange && explanation.headNotRun) {
    return `${checked ? 'within budget; ' : ''}no change: head not run, as this pull request touches nothing the benchmark reads`;
  }
  if (explanation.noChange) return checked ? 'within budget; no memory change' : 'no memory change';
  const { lead, also, unchecked } = changes;
  const what = [lead, also]
    .filter((change): change is Change => change !== undefined)
    .map((change) => changeWithSite(change, PLAIN))
    .join('; ');
  if (unchecked) {
    return checked
      ? `${what}; no budget checks ${unchecked.scenario.name}`
      : `${what}; no budget is set, so nothing was checked: add one, e.g. ${budgetExample(unchecked).flag}`;
  }
  if (!what && report.scenarios.length === 0) {
    // Nothing was measured: there is no noise to be beyond, nor a change.
    const happened = report.testsNotRun
      ? 'no memory change: no test reads what this pull request changes, so none was run'
      : 'nothing measured: no scenario ran';
    return checked ? `within budget; ${happened}` : happened;
  }
  if (!what) {
    // A failed scenario is told apart (failed before, failed on both sides), not as a change.
    const listed = listedChanges(report).filter((s) => s.status !== 'failed').length;
    const happened =
      listed === 0
        ? 'no memory change beyond noise'
        : `memory changed in ${groupDigits(listed)} of ${groupDigits(report.scenarios.length)} scenarios`;
    return checked ? `within budget; ${happened}` : `${happened}; no budget is set`;
  }
  return checked ? `within budget; ${what}` : what;
}

/**
 * `peak of bench.py is 2.00 MiB, limit 1MB`, and `, unchanged from base` when the pull request
 * did not change the figure (a ceiling base was over already).
 */
function budgetSentence(report: Report, budget: BudgetResult): string {
  const sentence = `${budgetSubject(budget)} of ${budget.scenario} is ${budget.actual}, limit ${budget.limit}`;
  return overBefore(report)(budget) ? `${sentence}, unchanged from base` : sentence;
}

/**
 * After a budget the pull request exceeded, the first one exceeded on base already: its change
 * comes first, but does not hide that one (`; also peak of bench.py is 2.00 MiB, limit 1MB,
 * unchanged from base`).
 */
function alsoOverBefore(
  report: Report,
  decided: BudgetResult,
  causes: readonly VerdictCause[],
): string {
  const overBase = overBefore(report);
  if (overBase(decided)) return '';
  const before = causes.find((cause) => cause.kind === 'budget-failed' && overBase(cause.budget));
  return before?.kind === 'budget-failed' ? `; also ${budgetSentence(report, before.budget)}` : '';
}

/** The cause that decided a verdict, in one plain sentence. */
function causeSentence(
  report: Report,
  cause: VerdictCause,
  causes: readonly VerdictCause[],
): string {
  switch (cause.kind) {
    case 'budget-failed':
    case 'budget-warned': {
      const { budget } = cause;
      const sentence = budgetSentence(report, budget);
      const where = budgetSite(report, budget);
      return cause.kind === 'budget-failed'
        ? `memory budget exceeded: ${sentence}${where}${alsoOverBefore(report, budget, causes)}`
        : `memory budget warning: ${sentence} (${warnCause(cause.because)})${where}`;
    }
    case 'benchmark-failed': {
      if (cause.side !== 'head')
        return 'the base side could not be measured; nothing to compare against';
      // A budget exceeded as well is said after the failure, which leads.
      const over = causes.find((c) => c.kind === 'budget-failed');
      return `${failedReason(cause.scenario)}${over ? `; also ${causeSentence(report, over, causes)}` : ''}`;
    }
    case 'failed-before':
      return failedBeforeText([cause.scenario], PLAIN.code) ?? '';
    case 'not-checked':
      return cause.warning;
  }
}

/**
 * What a plain verdict sentence starts with when a line is blamed (`verdictCulprit`):
 * `caused by app/cache.py:24: <what it keeps alive>; `; else empty.
 */
export function culpritLead(report: Report, explanation = explainVerdict(report)): string {
  const { culprit } = explanation;
  if (!culprit) return '';
  const { file, line } = culprit.finding.culprit!;
  return `caused by ${file}:${line}: ${leadSentence(culprit)}; `;
}

/**
 * What a report of a run stopped before its end says first: `stopped by SIGTERM during measuring
 * in depth: the figures are from one run of each side, …`.
 */
export function interruptedText({ signal, why, during, figures }: Interrupted): string {
  const stopped =
    why !== undefined && signal === undefined
      ? `${during} did not finish (${why})`
      : `the run was stopped${signal ? ` by ${signal}` : ''} during ${during}`;
  return figures === 'first-run'
    ? `${stopped}: the figures are from one run of each side, not measured in depth (no repeats, ` +
        'noise or leak check), and the run is no pass'
    : `${stopped}: the figures are complete, what ${during} adds is missing, and the run is no pass`;
}

/**
 * The verdict in one plain sentence: the cause that decided it, or what changed; after what
 * stopped the run, when it was stopped before its end.
 */
export function verdictReason(report: Report, explanation = explainVerdict(report)): string {
  const reason = decidedReason(report, explanation);
  return report.interrupted ? `${interruptedText(report.interrupted)}; ${reason}` : reason;
}

function decidedReason(report: Report, explanation: VerdictExplanation): string {
  const { decided } = explanation;
  // Tests failing on base too are not this pull request's doing: what it changed comes first,
  // and they are told apart.
  if (decided?.kind === 'failed-before') {
    return `${passReason(report, explanation)}. Separately, ${failedBeforeText(report.scenarios, PLAIN.code)}`;
  }
  if (decided) return causeSentence(report, decided, explanation.causes);
  if (report.verdict === 'fail') return 'a budget was exceeded or the head benchmark failed';
  // A run stopped before its end is a warning at least: what it measured, said as a pass would.
  if (report.verdict === 'warn' && !report.interrupted)
    return 'the base side could not be measured; nothing to compare against';
  return passReason(report, explanation);
}

/** Whether memory grew where no budget looked: the verdict passes, but not as a green one. */
export function grewUnchecked(explanation: VerdictExplanation): boolean {
  return explanation.verdict === 'pass' && explanation.changes.unchecked !== undefined;
}

/** `accepted with the label "memory-ok" (added by octocat)`: plain text. */
export function acceptanceText(accepted: Acceptance): string {
  return (
    `accepted with the label "${accepted.label}"` +
    (accepted.by !== undefined ? ` (added by ${accepted.by})` : '')
  );
}

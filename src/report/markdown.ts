import type { BudgetResult } from '../budgets/evaluate.js';
import {
  formatBytes,
  formatBytesDelta,
  formatChange,
  formatCountDelta,
  formatPercent,
  groupDigits,
  percentChange,
} from '../format/sizes.js';
import type { Measure, ScenarioComparison, SiteDelta } from '../compare/comparison.js';
import { MEASURES, measureOf, measuresWhere, type MeasureName } from '../compare/measures.js';
import { unitOf } from '../budgets/rules.js';
import { overBefore } from '../budgets/verdict.js';
import { siteLocation } from '../compare/sites.js';
import { peakChart } from './chart.js';
import { repeatsRun, scenarioDetails } from './details.js';
import {
  culpritGroups,
  openSites,
  keptAliveSection,
  leadSentence,
  type SiteRole,
} from './retention.js';
import {
  encodePath,
  escapeBlock,
  escapeCode,
  escapeCodeLabel,
  escapeText,
  repositoryPath,
} from './escape.js';
import type { Report } from './report.js';
import {
  budgetRows,
  ruleCell,
  budgetsOfScenario,
  budgetUnitsNote,
  FOLDED_NAMES_SHOWN,
  foldedReason,
  listedBudgets,
} from './budget-index.js';
import {
  changedMeasures,
  isNoChange,
  listedChanges,
  objectsNotCountedText,
  slightWhy,
  testsNotRunText,
  unchangedLine,
  type UnchangedLine,
} from './ranking.js';
import {
  bothFailed,
  failedBeforeText,
  failedSides,
  failureDetail,
  failuresOf,
  notRunText,
  raisedText,
  setupFailure,
  shownMeasure,
} from './failure.js';
import {
  budgetExample,
  budgetSiteClause,
  changeSentence,
  changeWithSite,
  leakText,
  siteClause,
  unitsBeside,
  type Change,
  type Words,
} from './lead.js';
import { sharedCauses, sharedCauseSentence } from './shared-causes.js';
import { acceptanceMarkdown, settingsChangeMarkdown } from './settings-change.js';
import {
  explainVerdict,
  interruptedText,
  notRunReason,
  verdictCulprit,
  warnCause,
  type VerdictExplanation,
} from './verdict.js';

/** GitHub refuses issue comments longer than this many characters. */
export const COMMENT_LIMIT = 65_536;
/** GitHub refuses a step's job summary larger than this (bytes; the text is measured in UTF-8). */
export const SUMMARY_LIMIT = 1_048_576;
/** Changed sites listed per scenario and direction (grew, shrank) unless configured. */
export const DEFAULT_TOP_SITES = 10;

export interface MarkdownOptions {
  /** Changed sites listed per scenario and direction (grew, shrank); the rest are folded. */
  topSites?: number;
  /** Upper bound on the output's length, in characters. */
  maxLength?: number;
  /**
   * `comment` (default): folded lists are capped, and a note points to the job summary.
   * `summary`: the full report, every changed site listed.
   */
  target?: 'comment' | 'summary';
  /** Where the workflow keeps the HTML report: a link to it ends the comment. */
  htmlUrl?: string;
}

/** The comment's last line: the link to the HTML report, or nothing. */
function htmlReportLink(htmlUrl: string | undefined): string {
  if (htmlUrl === undefined) return '';
  // Parentheses percent-encoded, so none can end the link; the URL is otherwise as given.
  const target = htmlUrl.replace(
    /[()]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `\n<sub>📊 [HTML report](${target}): the differential flame graph and every changed site, sortable.</sub>\n`;
}

/** The hidden marker that finds the sticky comment again; one per key. */
export function commentMarker(key: string): string {
  return `<!-- allocdiff:key=${encodeURIComponent(key)} -->`;
}

const STATUS_ICON = { pass: '✅', warn: '⚠️', fail: '❌', skip: '➖' } as const;

/** How much of the report one rendering shows; shrunk step by step to fit the limit. */
interface Shape {
  /** Rows per scenario and direction in the open site table. */
  top: number;
  /** Rows per scenario in the folded table of the other changed sites. */
  folded: number;
  /** Lines of a failure's traceback and output. */
  blockLines: number;
  /** The chart and the environment. */
  extras: boolean;
  /** Where the rows left out can be read. */
  elsewhere: string;
  /** When it does not fit: fold as many rows as do, fewer than `folded` (the job summary). */
  fill?: boolean;
  /** Changed scenarios in the table, worst first; the others are counted under it. */
  rows: number;
  /** Changed scenarios, worst first, whose failures, sites and details are shown. */
  sections: number;
  /**
   * Every budget in the budgets table; false: those not passing, and the passes when they are
   * few (else those of the scenarios in the table, when they are few), the others counted.
   */
  allBudgets: boolean;
}

/** No cap: every changed scenario. */
const ALL = Number.MAX_SAFE_INTEGER;

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

function plural(count: number, word: string, many = `${word}s`): string {
  return `${groupDigits(count)} ${count === 1 ? word : many}`;
}

function commitLink(report: Report, sha: string): string {
  const label = escapeCodeLabel(shortSha(sha));
  if (!report.repository || !report.serverUrl) return label;
  return `[${label}](${report.serverUrl}/${encodePath(report.repository)}/commit/${encodeURIComponent(sha)})`;
}

/** Sites in the repository (not `site-packages/…`, `<stdlib>/…` or `<frozen …>`). */
function inRepository(file: string): boolean {
  return !file.startsWith('<') && !file.startsWith('site-packages/');
}

function siteLink(report: Report, site: SiteDelta): string {
  const line = site.line ?? site.baseLine;
  const label = escapeCodeLabel(`${site.file}:${line ?? '?'}`, 200);
  if (site.line === null || !inRepository(site.file)) return label;
  // A working tree's lines are not on the server.
  if (!report.repository || !report.serverUrl || report.head.workingTree) return label;
  // Normalised, and never outside the repository: `..` could lead to another one.
  const path = repositoryPath(site.file);
  if (path === undefined) return label;
  const url = `${report.serverUrl}/${encodePath(report.repository)}/blob/${encodeURIComponent(report.head.sha)}/${encodePath(path)}#L${site.line}`;
  return `[${label}](${url})`;
}

/** A noisy value varies between runs of the same code: shown with ≈, explained in the legend. */
function approx(measure: Measure, text: string): string {
  return measure.noisy ? `≈ ${text}` : text;
}

function baseToHead(measure: Measure): string {
  const base = measure.base === null ? '—' : formatBytes(measure.base);
  const head = measure.head === null ? '—' : formatBytes(measure.head);
  return `${base} → ${head}`;
}

function deltaCell(measure: Measure): string {
  return measure.delta === null ? '—' : approx(measure, formatBytesDelta(measure.delta));
}

function percentCell(measure: Measure): string {
  if (measure.base === null || measure.head === null) return '—';
  return approx(measure, formatPercent(percentChange(measure.base, measure.head)));
}

function scenarioStatus(scenario: ScenarioComparison, budgets: readonly BudgetResult[]): string {
  if (scenario.status === 'failed') return `💥 ${failedSides(scenario)} failed`;
  const own = budgetsOfScenario(budgets, scenario.name);
  const tag =
    scenario.status === 'new' ? '🆕 new' : scenario.status === 'removed' ? '🗑️ removed' : '';
  // Under the column's header, "Budget" (over, within): a word each, so the cell keeps to one line.
  const budget = own.some((b) => b.status === 'fail')
    ? '❌ over'
    : own.some((b) => b.status === 'warn')
      ? '⚠️ warning'
      : own.some((b) => b.status === 'pass')
        ? '✅ within'
        : '';
  return [tag, budget].filter(Boolean).join(' · ') || '➖ none';
}

/** "grew +12.4 % (+1.90 MiB)": the budget's own figure first, the other one in parentheses. */
function change(budget: BudgetResult, measure: Measure | undefined): string {
  const actual = escapeText(budget.actual);
  if (!measure || measure.base === null || measure.head === null || measure.delta === null) {
    return `changed by ${actual}`;
  }
  const verb = measure.delta > 0 ? 'grew' : measure.delta < 0 ? 'shrank' : 'stayed';
  const bytes = formatChange(measure.delta, unitOf(budget.metric), unitsBeside(budget.limit));
  const percent = formatPercent(percentChange(measure.base, measure.head));
  if (/%$/.test(budget.limit)) return `${verb} ${actual} (${bytes})`;
  if (budget.limit.startsWith('+')) return `${verb} ${actual} (${percent})`;
  // A ceiling: the head value, then how it changed (a figure base had too is over it all the same).
  if (measure.delta === 0) return `is ${actual} (unchanged from base)`;
  return `reached ${actual} (${bytes}, ${percent})`;
}

function budgetSentence(report: Report, budget: BudgetResult): string {
  const scenario = report.scenarios.find((s) => s.name === budget.scenario);
  if (budget.metric === 'site') {
    const verb = budget.actual.startsWith('+') ? 'grew' : 'is';
    return `site ${escapeCode(budget.site ?? '?', 200)} of ${escapeCode(budget.scenario)} ${verb} ${escapeText(budget.actual)}, over the ${escapeText(budget.limit)} budget`;
  }
  const subject = MEASURES[budget.metric].words.subject;
  const measure = scenario && measureOf(scenario, budget.metric);
  const where = scenario ? budgetSiteClause(scenario, budget, markdownWords(report)) : '';
  const leak = budget.leak ? ` (${escapeText(budget.leak)})` : '';
  return `${subject} of ${escapeCode(budget.scenario)} ${change(budget, measure)}${where}, over the ${escapeText(budget.limit)} budget${leak}`;
}

/** Markdown's way of writing code and sites in a sentence: escaped, sites linked. */
function markdownWords(report: Report): Words {
  return { code: (text) => escapeCode(text), site: (site) => siteLink(report, site) };
}

/** What to say after a change no budget checked: that nothing did, and how to add a budget. */
function uncheckedNote(explanation: VerdictExplanation, growth: Change): string {
  if (explanation.checked) {
    return ` No budget checks ${escapeCode(growth.scenario.name)}.`;
  }
  const example = budgetExample(growth);
  return (
    ` No budget is set, so nothing was checked: add one, e.g. ${escapeCode(example.input)}` +
    ` in the workflow or ${escapeCode(example.file)} in ${escapeCode('allocdiff.yml')}.`
  );
}

function failureHeadline(report: Report, scenario: ScenarioComparison): string {
  const both = bothFailed(scenario);
  const icon =
    both || scenario.error?.side === 'head' ? '❌' : report.verdict === 'pass' ? '✅' : '⚠️';
  // A failed setup ran nothing: said so, not as an error the benchmark raised.
  const setup = setupFailure(scenario);
  if (setup)
    return `${icon} **Setup failed on ${setup.sides}:** ${escapeText(setup.message, 300)}, so ${escapeCode(scenario.name)} was not run.`;
  const title = both
    ? 'The base and head benchmarks failed'
    : `The ${scenario.error?.side ?? 'head'} benchmark failed`;
  return `${icon} **${title}:** ${escapeCode(scenario.name)} raised ${raisedText(scenario, escapeCode)}.`;
}

/**
 * The first line: the verdict and what decided it (a failed budget, a failed benchmark, a
 * warning), or else the largest change relative to its base value, with the line behind it.
 * ✅ when nothing grew or the budgets checked what grew; 📈 when memory grew and no budget
 * checked it.
 */
function headline(report: Report): string {
  const words = markdownWords(report);
  const explanation = explainVerdict(report);
  const { lead } = explanation;
  switch (lead?.kind) {
    case 'budget-failed': {
      // A ceiling base was over already is said too, after what the pull request changed.
      const overBase = overBefore(report);
      const before = overBase(lead.budget)
        ? undefined
        : explanation.causes.find(
            (cause) => cause.kind === 'budget-failed' && overBase(cause.budget),
          );
      const also =
        before?.kind === 'budget-failed'
          ? ` Also over budget: ${budgetSentence(report, before.budget)}.`
          : '';
      return `❌ **Over budget:** ${budgetSentence(report, lead.budget)}.${also}`;
    }
    case 'budget-warned':
      return `⚠️ **Budget warning:** ${budgetSentence(report, lead.budget)} (${escapeText(warnCause(lead.because))}).`;
    case 'benchmark-failed': {
      // A test the pull request broke leads; a budget it exceeded as well is said after it.
      const over = explanation.causes.find((cause) => cause.kind === 'budget-failed');
      const also =
        lead.side === 'head' && over?.kind === 'budget-failed'
          ? ` Also **over budget:** ${budgetSentence(report, over.budget)}.`
          : '';
      return `${failureHeadline(report, lead.scenario)}${also}`;
    }
    case 'not-checked':
      return `⚠️ **A budget could not be checked:** ${escapeText(lead.warning, 300)}`;
  }
  const verdictIcon = report.verdict === 'fail' ? '❌' : report.verdict === 'warn' ? '⚠️' : '';
  const notRun = notRunReason(report);
  if (explanation.noChange && notRun !== undefined) {
    // Head's figures are base's: "the same byte for byte" would claim a measurement not made.
    return `${verdictIcon || '✅'} **No change, head not run:** ${escapeText(notRun, 1_000)}.`;
  }
  if (explanation.noChange) {
    const count = report.scenarios.length;
    return `${verdictIcon || '✅'} **No memory change:** peak and retained memory of ${count === 1 ? 'the scenario are' : count === 2 ? 'both scenarios are' : `all ${groupDigits(count)} scenarios are`} the same byte for byte.`;
  }
  const holds = explanation.held ? ' All budgets hold.' : '';
  const { lead: largest, also, unchecked } = explanation.changes;
  const icon = verdictIcon || (unchecked ? '📈' : '✅');
  const tail = unchecked ? uncheckedNote(explanation, unchecked) : holds;
  if (largest) {
    const main = changeSentence(largest, words);
    const where = siteClause(largest.scenario, largest.metric, largest.measure.delta, words);
    // After a fall, what grew is said too (and a growth no budget checked, always).
    const then = also ? `; ${changeWithSite(also, words)}` : '';
    if (largest.measure.delta < 0 && !then) {
      return `${icon} **Memory went down:** ${main}${where}.${tail}`;
    }
    return `${icon} **${capital(main)}**${where}${then}.${tail}`;
  }
  if (report.scenarios.length === 0 && report.testsNotRun) {
    return `${verdictIcon || '✅'} **No memory change:** no test reads what this pull request changes, so none was run.`;
  }
  // Nothing measured: no noise to be beyond, nor a change.
  if (report.scenarios.length === 0)
    return `${verdictIcon || '✅'} **Nothing measured:** no scenario ran.${tail}`;
  const fresh = report.scenarios.filter((s) => s.status === 'new');
  if (fresh.length > 0) {
    const first = fresh[0];
    return `${icon} **New scenario${fresh.length === 1 ? '' : 's'}:** ${escapeCode(first.name)} peaks at ${first.peak.head === null ? '—' : formatBytes(first.peak.head)}${fresh.length > 1 ? ` (and ${plural(fresh.length - 1, 'more')})` : ''}.${tail}`;
  }
  // The same scenarios the table lists: those that changed beyond noise and tolerance.
  const changed = listedChanges(report).length;
  if (changed === 0) {
    return `${icon} **No memory change beyond noise:** none of ${plural(report.scenarios.length, 'scenario')} changed by more than the noise of its repeats or the first pass's tolerance.${tail}`;
  }
  return `${icon} **Memory changed** in ${groupDigits(changed)} of ${plural(report.scenarios.length, 'scenario')}.${tail}`;
}

/**
 * The changed line that filled the container keeping the most grown memory alive (retention
 * paths), which is the line to fix even when it allocated little itself, when the verdict blames
 * it (`verdictCulprit`: a budget decided it, never on a pass); empty otherwise.
 */
function culpritLead(report: Report): string {
  const found = verdictCulprit(report);
  if (!found) return '';
  const { culprit } = found.finding;
  return `**Caused by ${escapeCode(siteLocation(culprit!), 200)}** ✏️: ${leadSentence(found, (text) => escapeCode(text, 200))}.`;
}

/**
 * The verdict line: its icon, then the culprit line when the verdict blames one (the line to fix
 * leads), then the headline's own words (the budget, the largest change and its site).
 */
function verdictLine(report: Report): string {
  const line = headline(report);
  const culprit = culpritLead(report);
  if (!culprit) return line;
  const space = line.indexOf(' ');
  return space > 0
    ? `${line.slice(0, space)} ${culprit} ${line.slice(space + 1)}`
    : `${culprit} ${line}`;
}

/**
 * Tests that failed on base too, told apart from the verdict line: a warning, not this pull
 * request's doing.
 */
function failedBeforeLine(report: Report): string[] {
  const text = failedBeforeText(report.scenarios, (code) => escapeCode(code, 300));
  return text ? ['', `⚠️ **Not caused by this pull request:** ${text}.`] : [];
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function testsNotRunLine(notRun: { why: string; by?: 'default' | 'setting' }): string {
  return `<sub>⏭️ ${escapeText(testsNotRunText(notRun), 1_000)}</sub>`;
}

function objectsNotCountedLine(notCounted: { why: string }): string {
  return `<sub>🧮 ${escapeText(objectsNotCountedText(notCounted), 1_000)}</sub>`;
}

/** Base → head with links, and what was checked. */
function contextLine(report: Report, listed: readonly ScenarioComparison[]): string {
  // A failed scenario is counted as failed: what it measured, if anything, is no change.
  const failed = listed.filter((s) => s.status === 'failed').length;
  const changed = `${groupDigits(listed.length - failed)} changed${failed > 0 ? `, ${groupDigits(failed)} failed` : ''}`;
  const counted = report.budgets.filter((b) => b.status !== 'skip');
  const over = counted.filter((b) => b.status === 'fail' || b.status === 'warn').length;
  // Budgets given but none checked (every scenario they name failed or is gone) are not "none".
  const budgets =
    counted.length === 0
      ? report.budgets.length === 0
        ? 'no budgets'
        : `${plural(report.budgets.length, 'budget')}, none checked`
      : `${plural(counted.length, 'budget')} checked${over > 0 ? `, ${over} exceeded` : ''}`;
  const head = `${report.head.workingTree ? 'head: working tree on top of' : 'head'} ${commitLink(report, report.head.sha)}`;
  return (
    `Base ${commitLink(report, report.base.sha)} → ${head}` +
    ` · ${plural(report.scenarios.length, 'scenario')}, ${changed} · ${budgets}`
  );
}

/**
 * A measure's change in a column of its own: `+12.0 MiB`, `≈` when noisy. Its percentage is left
 * to the details: next to where a process's resident memory started (RSS), it reads as
 * `+7,441.2 %` for a few megabytes.
 */
function changeCell(name: MeasureName, measure: Measure | undefined): string {
  if (!measure || measure.delta === null || measure.base === null || measure.head === null)
    return '—';
  return approx(measure, formatChange(measure.delta, MEASURES[name].unit));
}

/** The peak's change with its percentage, the figure budgets are often written in: `+1.90 MiB (+12.5 %)`. */
function peakChangeCell(peak: Measure): string {
  const percent = percentCell(peak);
  return percent === '—' || peak.delta === 0 ? deltaCell(peak) : `${deltaCell(peak)} (${percent})`;
}

function scenarioTable(report: Report, rows: readonly ScenarioComparison[]): string[] {
  if (rows.length === 0) return [];
  const leak = report.scenarios.some((s) => s.leak !== undefined);
  const extra = changedMeasures(report);
  // Few and short columns, so that a row reads on one line at the comment's width: the peak's
  // percentage shares its change's cell, and the headers are a word or two (the line above the
  // table says base → head).
  const head = [
    'Scenario',
    'Peak',
    'Δ peak',
    'Δ retained',
    ...extra.map((name) => `Δ ${MEASURES[name].words.name}`),
    // Head's figure, its change in parentheses when it changed: not a Δ like its neighbours.
    ...(leak ? ['Leak / call (head)'] : []),
    'Budget',
  ];
  const align = [
    '---',
    '---:',
    '---:',
    '---:',
    ...extra.map(() => '---:'),
    ...(leak ? ['---:'] : []),
    '---',
  ];
  return [
    `| ${head.join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...rows.map((s) => {
      // A failed side's figures are those of a call that raised: left out (`shownMeasure`).
      const shown = <M extends Measure>(measure: M): M => shownMeasure(s, measure);
      const leakShown = s.leak && shownMeasure(s, s.leak);
      const cells = [
        escapeCode(s.name),
        baseToHead(shown(s.peak)),
        peakChangeCell(shown(s.peak)),
        deltaCell(shown(s.retained)),
        ...extra.map((name) => {
          const measure = measureOf(s, name);
          return changeCell(name, measure && shown(measure));
        }),
        ...(leak ? [leakShown && leakShown.head !== null ? leakCell(leakShown) : '—'] : []),
        scenarioStatus(s, report.budgets),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
  ];
}

/**
 * Under the table: the scenarios it leaves out as unchanged, in one line (`655 tests unchanged,
 * 14 changed`), and the changed ones beyond the rows shown.
 */
function unchangedNote(
  line: UnchangedLine | undefined,
  listed: number,
  rows: number,
  shape: Shape,
  failed = 0,
): string[] {
  const parts: string[] = [];
  if (line) {
    const why = slightWhy(line, formatBytes, 'the noise of their repeats');
    const slight = line.slight > 0 ? ` (${groupDigits(line.slight)} of them differ ${why})` : '';
    // A failed scenario is counted as failed, not as changed.
    const failedText = failed > 0 ? `, ${groupDigits(failed)} failed` : '';
    parts.push(
      `${escapeText(line.unchanged)} unchanged${slight}, ${groupDigits(listed - failed)} changed${failedText}`,
    );
  }
  if (rows < listed) {
    parts.push(
      `the table shows the ${groupDigits(rows)} largest changes; the other ${groupDigits(listed - rows)} are ${shape.elsewhere}`,
    );
  }
  if (parts.length === 0) return [];
  return ['', `<sub>${capital(parts.join('; '))}.</sub>`];
}

function leakCell(leak: Measure): string {
  return leakText(leak) ?? '—';
}

function siteCause(site: SiteDelta, role?: SiteRole): string {
  if (site.line === null) return '🗑️ line gone';
  const cause = site.changedLine ? '✏️ changed here' : 'indirect';
  if (role?.role === 'culprit')
    return role.group.bytes > 0
      ? `${cause}; keeps ${formatBytes(role.group.bytes)} of the grown memory alive`
      : `${cause}; fills what keeps the sites under it alive`;
  if (role?.role === 'kept') {
    const { culprit } = role.group;
    return `kept alive by ${escapeCode(siteLocation(culprit), 200)}${site.changedLine ? ' (✏️ changed here too)' : ''}`;
  }
  return cause;
}

/** Source text in the folded list is cut to this many characters: a line that long wraps. */
const SOURCE_WIDTH = 80;

/** The site and the function it is in: `app/cache.py:41` in `LRU.put`. */
function siteCell(report: Report, site: SiteDelta): string {
  const link = siteLink(report, site);
  return site.function ? `${link} in ${escapeCode(site.function, 60)}` : link;
}

/** What a reviewer decides on: where, whether this PR wrote the line, and how much changed. */
function siteRow(report: Report, site: SiteDelta, role?: SiteRole): string {
  const size = formatBytesDelta(site.sizeDelta);
  const cells = [
    role?.role === 'kept' && role.under ? `↳ ${siteCell(report, site)}` : siteCell(report, site),
    siteCause(site, role),
    site.noisy ? `≈ ${size}` : size,
    formatCountDelta(site.countDelta),
  ];
  return `| ${cells.join(' | ')} |`;
}

const SITE_HEADER = ['| Site | This PR | Δ size | Δ count |', '| --- | --- | ---: | ---: |'];

/** The listed sites' source lines and head sizes, folded: a list, which wraps at any width. */
function sourceLines(sites: readonly SiteDelta[]): string[] {
  if (sites.length === 0) return [];
  return [
    '',
    `<details><summary>Source lines and head sizes of ${sites.length === 1 ? 'this site' : `these ${plural(sites.length, 'site')}`}</summary>`,
    '',
    ...sites.map((site) => {
      const where = escapeCode(`${site.file}:${site.line ?? site.baseLine ?? '?'}`, 200);
      const text = site.text ? ` ${escapeCode(site.text, SOURCE_WIDTH)}` : '';
      return `- ${where}${text} · head ${formatBytes(site.headSize)}`;
    }),
    '',
    '</details>',
  ];
}

function grew(site: SiteDelta): boolean {
  return site.sizeDelta > 0 || (site.sizeDelta === 0 && site.countDelta > 0);
}

function sitesSection(
  report: Report,
  scenario: ScenarioComparison,
  shape: Shape,
  labelled: boolean,
): string[] {
  if (scenario.sites.length === 0) return [];
  // Led by the changed lines that keep grown memory alive, each with the sites it keeps; then the
  // changed lines and the largest changes, never a small shrink before a larger growth.
  const grown = scenario.sites.filter(grew);
  const shrunk = scenario.sites.filter((site) => !grew(site));
  const shown = openSites(scenario.sites, culpritGroups(scenario), shape.top);
  const { roles } = shown;
  const open = [...shown.grown, ...shown.shrunk];
  const openSet = new Set(open);
  const rest = scenario.sites.filter((site) => !openSet.has(site));
  const title = labelled ? ` · ${escapeCode(scenario.name)}` : '';
  const lines: string[] = [''];
  if (open.length > 0) {
    const counts = [
      grown.length > 0 ? `${groupDigits(grown.length)} grew` : '',
      shrunk.length > 0 ? `${groupDigits(shrunk.length)} shrank` : '',
    ].filter(Boolean);
    lines.push(
      `#### Top changed sites${title}`,
      '',
      `<sub>${counts.join(', ')}; ${roles.size > 0 ? 'the changed line that keeps memory alive first, with the sites it keeps under it; then ' : ''}largest first.</sub>`,
      '',
      ...SITE_HEADER,
      ...open.map((site) => siteRow(report, site, roles.get(site))),
    );
  }
  if (rest.length === 0) return [...lines, ...sourceLines(open)];
  const folded = rest.slice(0, shape.folded);
  const unlisted = rest.length - folded.length;
  const where = unlisted > 0 ? ` (${groupDigits(unlisted)} ${shape.elsewhere})` : '';
  if (folded.length === 0) {
    lines.push(
      '',
      `<sub>${plural(rest.length, open.length > 0 ? 'more changed site' : 'changed site')}${labelled || open.length === 0 ? ` of ${escapeCode(scenario.name)}` : ''} ${shape.elsewhere}.</sub>`,
    );
    return [...lines, ...sourceLines(open)];
  }
  lines.push(
    '',
    `<details><summary>${plural(rest.length, 'more changed site')}${labelled ? ` of ${escapeCode(scenario.name)}` : ''}${where}</summary>`,
    '',
    ...SITE_HEADER,
    ...folded.map((site) => siteRow(report, site, roles.get(site))),
    '',
    '</details>',
  );
  return [...lines, ...sourceLines([...open, ...folded])];
}

/** The sites a scenario has beyond those the report lists: how many, and their change summed. */
function sitesLeftOutNote(scenario: ScenarioComparison): string[] {
  const left = scenario.sitesLeftOut;
  if (!left) return [];
  return [
    '',
    `<sub>⚠️ ${groupDigits(left.count)} more changed sites of ${escapeCode(scenario.name)} are not ` +
      `kept in the report (it lists ${groupDigits(scenario.sites.length)} per scenario here), ` +
      `summed: ${formatBytesDelta(left.sizeDelta)} in ${formatCountDelta(left.countDelta)} blocks.</sub>`,
  ];
}

function failureSection(scenario: ScenarioComparison, shape: Shape): string[] {
  const notRun = notRunText(scenario);
  return failuresOf(scenario).flatMap(({ sides, error }, index) => {
    const details = failureDetail(scenario, error);
    const whose = sides === 'base and head' ? 'base and head sides' : `${sides} side`;
    return [
      '',
      `<details><summary>💥 ${whose} of ${escapeCode(scenario.name)}: ${escapeCode(error.type)} ${escapeText(error.message, 200)}</summary>`,
      '',
      ...(sides === 'base and head'
        ? [
            `<sub>Both sides ${setupFailure(scenario) ? 'failed this way' : 'raised this error'}; the output is head’s.</sub>`,
            '',
          ]
        : []),
      details ? escapeBlock(details, shape.blockLines) : '<pre>(no output)</pre>',
      '',
      '</details>',
      ...(index === 0 && notRun ? ['', `<sub>⏭️ ${escapeText(notRun)}.</sub>`] : []),
    ];
  });
}

function budgetSection(
  budgets: readonly BudgetResult[],
  shape: Shape,
  inTable: ReadonlySet<string>,
  scenarios: readonly ScenarioComparison[],
): string[] {
  if (budgets.length === 0) return [];
  // Failures first, then warnings and the skipped (with their reasons), the passes last; with
  // many passes, the comment lists only those of the scenarios in its table (a few), and counts
  // the rest.
  const { shown, holding } = listedBudgets(budgets, inTable, shape.allBudgets);
  return [
    '',
    '#### Budgets',
    '',
    '| Rule | Scenario | Limit | Actual | Level | Status |',
    '| --- | --- | ---: | ---: | --- | --- |',
    ...budgetRows(shown).map((row) => {
      if ('folded' in row) {
        const { first, scenarios: names } = row.folded;
        const more = names.length - FOLDED_NAMES_SHOWN;
        const named = names.slice(0, FOLDED_NAMES_SHOWN).map((name) => escapeCode(name));
        return `| ${first.metric} | ${named.join(', ')}${more > 0 ? ` and ${groupDigits(more)} more` : ''} | ${escapeText(first.limit)} | — | ${first.level} | ${STATUS_ICON.skip} skip (${escapeText(foldedReason(row.folded, scenarios))}) |`;
      }
      const b = row.result;
      return `| ${ruleCell(b, (text) => escapeCode(text, 200))} | ${escapeCode(b.scenario)} | ${escapeText(b.limit)} | ${escapeText(b.actual)}${b.site ? ` at ${escapeCode(b.site)}` : ''}${b.leak ? ` (${escapeText(b.leak)})` : ''} | ${b.level} | ${STATUS_ICON[b.status]} ${b.status}${b.reason ? ` (${escapeText(b.reason)})` : ''} |`;
    }),
    ...(unitsNote(shown) ?? []),
    ...(holding > 0
      ? [
          '',
          `<sub>${plural(holding, 'more budget')} ${holding === 1 ? 'holds' : 'hold'}, not listed: every budget is ${shape.elsewhere}.</sub>`,
        ]
      : []),
  ];
}

function unitsNote(budgets: readonly BudgetResult[]): string[] | undefined {
  const note = budgetUnitsNote(budgets);
  return note === undefined ? undefined : ['', `<sub>${escapeText(note)}.</sub>`];
}

function warningSection(report: Report): string[] {
  const warnings = report.warnings ?? [];
  if (warnings.length === 0) return [];
  return ['', '#### Not checked', '', ...warnings.map((w) => `- ⚠️ ${escapeText(w, 1_000)}`)];
}

function hiddenSitesNote(report: Report): string[] {
  const hidden = report.hiddenSites;
  if (!hidden || hidden.ignored + hidden.belowMinimumChange === 0) return [];
  const reasons = [
    hidden.ignored > 0 ? `${groupDigits(hidden.ignored)} match an ignore glob` : '',
    hidden.belowMinimumChange > 0
      ? `${groupDigits(hidden.belowMinimumChange)} changed by less than the minimum change of ${formatBytes(hidden.minimumChange)}`
      : '',
  ].filter(Boolean);
  const total = hidden.ignored + hidden.belowMinimumChange;
  return [
    '',
    `<sub>${groupDigits(total)} changed site${total === 1 ? '' : 's'} not shown: ${reasons.join('; ')}.</sub>`,
  ];
}

/** A suite split across runners: the shards merged, or the one shard this report holds. */
function shardsItem(report: Report): string {
  if (report.shards) {
    const { count, missing } = report.shards;
    return (
      `Shards: ${count} runners, merged` +
      (missing.length > 0 ? `; no report from shard ${missing.join(', ')}` : '')
    );
  }
  return report.shard
    ? `Shard: ${report.shard.index} of ${report.shard.count} (its scenarios only)`
    : '';
}

function environmentSection(report: Report): string[] {
  const env = report.environment;
  const python = [env.implementation, env.python].filter(Boolean).join(' ');
  // What ran, as the scenarios recorded it (a command runs once), else what was asked for.
  const runs = report.scenarios
    .map((s) => repeatsRun(s, env.repeats)?.ran)
    .filter((ran): ran is number => ran !== undefined);
  const repeats = runs.length > 0 ? Math.max(...runs) : env.repeats;
  const items = [
    python ? `Python: ${escapeText(python)}` : '',
    env.platform ? `Platform: ${escapeText(env.platform)}` : '',
    env.frames > 1
      ? `Tracebacks: ${env.frames} frames, for the top changed sites only`
      : 'Tracebacks: off (frames: 1)',
    report.noChange ? `Head: not run, ${escapeText(report.noChange, 1_000)}` : '',
    ...(report.cached ?? []).map((line) => `Cached: ${escapeText(line, 200)}`),
    shardsItem(report),
    repeats !== undefined ? `Repeats per side: ${repeats}` : '',
    env.iterations !== undefined
      ? `Leak check: ${env.iterations > 0 ? `${env.iterations} calls per function` : 'off'}`
      : '',
    report.configFile ? `Config file: ${escapeCode(report.configFile)}` : '',
    `allocdiff: ${escapeText(report.allocdiffVersion)}`,
  ].filter(Boolean);
  return [
    '',
    '<details><summary>Environment</summary>',
    '',
    ...items.map((item) => `- ${item}`),
    '',
    '</details>',
  ];
}

function legend(report: Report): string {
  const extra = changedMeasures(report);
  // The measures the table shows, which a noisy value marks with ≈.
  const shown = [...measuresWhere((spec) => spec.shown === 'fixed'), ...extra];
  const noisy = report.scenarios.some(
    (s) => shown.some((name) => measureOf(s, name)?.noisy) || s.sites.some((site) => site.noisy),
  );
  const sites = report.scenarios.some((s) => s.sites.length > 0);
  return (
    '<sub>Peak: the high-water mark while the benchmark ran; retained: still allocated when it ended (tracemalloc).' +
    extra.map((name) => ` ${MEASURES[name].words.explain ?? ''}`).join('') +
    (sites
      ? ' ✏️ changed here: this PR edited the line; indirect: the line is unchanged but allocates differently.'
      : '') +
    (sites && report.scenarios.some((s) => culpritGroups(s).length > 0)
      ? ' Kept alive by: the objects allocated on the line are held by a container the named line filled.'
      : '') +
    (noisy
      ? " ≈ noisy: varies between runs of the same code; fails a budget only when head's runs lie beyond base's by more than they vary."
      : '') +
    ` allocdiff ${escapeText(report.allocdiffVersion)}</sub>`
  );
}

/** The changed scenarios, worst first, and the line of the others: the same for every shape. */
interface Selection {
  listed: ScenarioComparison[];
  unchanged?: UnchangedLine;
  /** The lines every shape starts with: the verdict and what was compared. */
  header: string[];
  /** Nothing changed at all: the short comment. */
  noChange: boolean;
  /** Site tables are titled with their scenario's name. */
  labelled: boolean;
  /** The lines of the causes many changed scenarios share (`sharedCauseLines`). */
  causes: string[];
}

function selectionOf(report: Report): Selection {
  const listed = listedChanges(report);
  const unchanged = unchangedLine(report, listed);
  const header = [
    commentMarker(report.key),
    `### allocdiff${report.key === 'default' ? '' : ` · ${escapeText(report.key)}`}`,
    '',
    verdictLine(report),
    ...(report.interrupted
      ? ['', `⏹️ **Stopped before the end:** ${escapeText(interruptedText(report.interrupted))}.`]
      : []),
    ...failedBeforeLine(report),
    '',
    contextLine(report, listed),
    ...(report.testsNotRun ? ['', testsNotRunLine(report.testsNotRun)] : []),
    ...(report.objectsNotCounted ? ['', objectsNotCountedLine(report.objectsNotCounted)] : []),
    ...(report.accepted ? ['', acceptanceMarkdown(report.accepted)] : []),
    ...(report.settingsChange ? ['', settingsChangeMarkdown(report.settingsChange)] : []),
  ];
  return {
    listed,
    ...(unchanged ? { unchanged } : {}),
    header,
    noChange: isNoChange(report),
    // One scenario's sites need no title; several scenarios' do.
    labelled: report.scenarios.length > 1,
    causes: sharedCauseLines(report, listed),
  };
}

/**
 * One cause many changed scenarios share (their top changed site), said once before the table
 * and their details: `**One cause:** 377 of the 377 changed tests keep memory alive through …`.
 */
function sharedCauseLines(report: Report, listed: readonly ScenarioComparison[]): string[] {
  const changed = listed.filter((s) => s.status !== 'failed').length;
  return sharedCauses(listed).flatMap((cause) => [
    '',
    `**One cause:** ${sharedCauseSentence(cause, changed, markdownWords(report), ' ✏️')}.`,
  ]);
}

/** `Sites of 12 more changed tests are in the job summary…`: the sections left out. */
function moreSectionsNote(rest: readonly ScenarioComparison[], shape: Shape) {
  const left = rest.filter((s) => s.sites.length > 0 || s.status === 'failed').length;
  if (left === 0) return [];
  return [
    '',
    `<sub>The sites and failures of ${plural(left, 'more changed scenario')} are ${shape.elsewhere}.</sub>`,
  ];
}

/**
 * The failures, sites and details of the changed scenarios, worst first, as the shape allows;
 * built only until they hold more than `room` characters (then the text cannot fit, and the
 * rest would only be cut).
 */
function scenarioSections(
  report: Report,
  listed: readonly ScenarioComparison[],
  shape: Shape,
  labelled: boolean,
  room: number,
): string[] {
  const lines: string[] = [];
  let length = 0;
  // The verdict's sentence is not said again at the top of its scenario's block.
  const said = verdictCulprit(report)?.finding;
  for (const scenario of listed.slice(0, shape.sections)) {
    // A failed scenario's sites are what the failing call allocated: its failure is told instead.
    const measured = scenario.status !== 'failed';
    const part = [
      ...failureSection(scenario, shape),
      ...(measured ? keptAliveSection(scenario, labelled, said) : []),
      ...(measured ? sitesSection(report, scenario, shape, labelled) : []),
      ...(measured ? sitesLeftOutNote(scenario) : []),
      ...(shape.extras ? scenarioDetails(scenario, shape.top, report.environment.repeats) : []),
    ];
    lines.push(...part);
    for (const line of part) length += line.length + 1;
    if (length > room) break;
  }
  return lines;
}

const NO_BREAK_SPACE = '\u00a0';

/**
 * In table rows, a figure and its unit (`2.06 MiB`, `+681.0 %`) joined by a no-break space: a
 * narrow column wraps between figures, never inside one. Code (text from the PR) is left alone.
 */
function keepFiguresWhole(lines: readonly string[]): string[] {
  return lines.map((line) =>
    line.startsWith('| ')
      ? line.replace(
          /(<code>.*?<\/code>)|(\d) (B|KiB|MiB|GiB|TiB|KB|MB|GB|TB|%)(?=[ |)…,;])/g,
          (_match, code: string | undefined, digit: string, unit: string) =>
            code ?? `${digit}${NO_BREAK_SPACE}${unit}`,
        )
      : line,
  );
}

function render(report: Report, shape: Shape, selection: Selection, room: number): string {
  const { listed, header } = selection;
  if (selection.noChange) {
    // Nothing to tabulate: the short comment.
    const short = [
      ...header,
      ...(shape.extras
        ? report.scenarios
            .slice(0, shape.sections)
            .flatMap((s) => scenarioDetails(s, shape.top, report.environment.repeats))
        : []),
      ...hiddenSitesNote(report),
      ...(shape.extras ? environmentSection(report) : []),
      '',
    ];
    return keepFiguresWhole(short).join('\n');
  }
  const rows = listed.slice(0, shape.rows);
  const chart = shape.extras ? peakChart(rows) : [];
  const inTable = new Set(rows.map((s) => s.name));
  const lines = [
    ...header,
    ...selection.causes,
    '',
    ...scenarioTable(report, rows),
    ...unchangedNote(
      selection.unchanged,
      listed.length,
      rows.length,
      shape,
      listed.filter((s) => s.status === 'failed').length,
    ),
    ...scenarioSections(report, listed, shape, selection.labelled, room),
    ...moreSectionsNote(listed.slice(shape.sections), shape),
    ...hiddenSitesNote(report),
    ...(chart.length > 0 ? ['', ...chart] : []),
    ...budgetSection(report.budgets, shape, inTable, report.scenarios),
    ...warningSection(report),
    ...(shape.extras ? environmentSection(report) : []),
    '',
    legend(report),
    '',
  ];
  return keepFiguresWhole(lines).join('\n');
}

/**
 * The shapes tried in turn, from the whole report to the smallest useful one. Whatever is given
 * up first, the worst changed scenarios keep their top sites: the smallest shape still lists the
 * largest of them, right after the table, where a cut at the end never reaches.
 */
function shapes(
  top: number,
  target: 'comment' | 'summary',
  maxLength: number,
  shortestRow: number,
): Shape[] {
  const few = Math.min(top, 3);
  if (target === 'summary') {
    const elsewhere = 'in the JSON report';
    // More rows than the shortest row allows could never fit: not worth building.
    const fitting = Math.ceil(maxLength / shortestRow);
    const every = { rows: ALL, sections: ALL, allBudgets: true };
    return [
      { top, folded: fitting, blockLines: 200, extras: true, elsewhere, ...every },
      { top, folded: fitting, blockLines: 30, extras: true, elsewhere, fill: true, ...every },
      // Every changed scenario in the table; the sites of the worst ones.
      { top, folded: 0, blockLines: 10, extras: true, elsewhere, ...every, sections: 200 },
      { top: few, folded: 0, blockLines: 5, extras: false, elsewhere, ...every, sections: 50 },
      {
        top: few,
        folded: 0,
        blockLines: 5,
        extras: false,
        elsewhere,
        rows: 1_000,
        sections: 20,
        allBudgets: false,
      },
    ];
  }
  const elsewhere = 'in the job summary and the JSON report';
  // Every changed scenario, and the budgets with the passes folded when there are many.
  const every = { rows: ALL, sections: ALL, allBudgets: false };
  // Many changed scenarios: the worst in the table, fewer of them with their sites.
  const worst = { rows: 100, sections: 20, allBudgets: false };
  const list: Shape[] = [
    { top, folded: 50, blockLines: 30, extras: true, elsewhere, ...every },
    { top, folded: 10, blockLines: 30, extras: true, elsewhere, ...every },
    { top, folded: 0, blockLines: 10, extras: true, elsewhere, ...every },
    { top, folded: 0, blockLines: 10, extras: true, elsewhere, ...worst },
    { top, folded: 0, blockLines: 5, extras: true, elsewhere, ...worst, rows: 50, sections: 10 },
  ];
  for (let t = Math.floor(top / 2); t > 0; t = Math.floor(t / 2)) {
    list.push({ top: t, folded: 0, blockLines: 5, extras: true, elsewhere, ...every });
    list.push({
      top: t,
      folded: 0,
      blockLines: 5,
      extras: true,
      elsewhere,
      ...worst,
      rows: 25,
      sections: 5,
    });
  }
  list.push({
    top: few,
    folded: 0,
    blockLines: 3,
    extras: false,
    elsewhere,
    ...worst,
    rows: 10,
    sections: 3,
  });
  return list;
}

/**
 * Cuts at a line end (never inside a tag, an entity or a character), closes what the cut left
 * open (a fenced block, `<details>`), and says where the rest is.
 */
function truncate(text: string, maxLength: number, elsewhere: string): string {
  const note = `\n\n<sub>Report truncated: the full report is ${elsewhere}.</sub>\n`;
  // Room for the closers the cut may need.
  const reserve = note.length + 4 + '\n</details>'.length * 8;
  let kept = text.slice(0, Math.max(text.lastIndexOf('\n', maxLength - reserve), 0));
  const closers: string[] = [];
  if ((kept.match(/^```/gm) ?? []).length % 2 === 1) closers.push('```');
  const open = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  for (let i = 0; i < Math.min(open, 8); i++) closers.push('</details>');
  if (closers.length > 0) kept += `\n\n${closers.join('\n\n')}`;
  return kept + note;
}

/**
 * The shape with the most folded rows per scenario that fits, found by bisection between none
 * and `shape.folded` (which does not fit); undefined when even none does.
 */
function fillFolded(
  report: Report,
  shape: Shape,
  maxLength: number,
  selection: Selection,
): string | undefined {
  let best = render(report, { ...shape, folded: 0 }, selection, maxLength);
  if (best.length > maxLength) return undefined;
  let fits = 0;
  let fitsNot = shape.folded;
  while (fitsNot - fits > 1) {
    const folded = Math.floor((fits + fitsNot) / 2);
    const text = render(report, { ...shape, folded }, selection, maxLength);
    if (text.length <= maxLength) {
      fits = folded;
      best = text;
    } else {
      fitsNot = folded;
    }
  }
  return best;
}

/**
 * The comment (or, with `target: 'summary'`, the job summary) for a report. It degrades to fit
 * `maxLength`: fewer folded rows, shorter tracebacks, fewer open rows, no chart; as a last resort
 * it is cut at a line end, with a note.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const target = options.target ?? 'comment';
  const link = target === 'comment' ? htmlReportLink(options.htmlUrl) : '';
  const maxLength =
    (options.maxLength ?? (target === 'summary' ? SUMMARY_LIMIT - 4_096 : COMMENT_LIMIT - 1_000)) -
    link.length;
  const top = Math.max(0, options.topSites ?? DEFAULT_TOP_SITES);
  let text = '';
  // A sample of rows: a site row is never shorter than about 50 characters.
  const sample = report.scenarios.flatMap((s) => s.sites.slice(0, 20));
  const shortestRow = Math.max(
    50,
    Math.min(...sample.map((site) => siteRow(report, site).length + 1)),
  );
  const selection = selectionOf(report);
  for (const shape of shapes(top, target, maxLength, shortestRow)) {
    text = render(report, shape, selection, maxLength);
    if (text.length <= maxLength) return text + link;
    const filled = shape.fill ? fillFolded(report, shape, maxLength, selection) : undefined;
    if (filled !== undefined) return filled + link;
  }
  return (
    truncate(
      text,
      maxLength,
      target === 'summary' ? 'in the JSON report' : 'in the job summary and the JSON report',
    ) + link
  );
}

/** The job summary: the whole report, every changed site, within GitHub's summary limit. */
export function renderSummary(report: Report, topSites = DEFAULT_TOP_SITES): string {
  // The limit is in UTF-8 bytes; report text is mostly ASCII, so measure rather than assume 4.
  const limit = SUMMARY_LIMIT - 4_096;
  let maxLength = limit;
  let text = renderMarkdown(report, { topSites, target: 'summary', maxLength });
  for (let attempt = 0; attempt < 4 && Buffer.byteLength(text, 'utf8') > limit; attempt++) {
    maxLength = Math.floor((maxLength * limit) / Buffer.byteLength(text, 'utf8')) - 1_000;
    text = renderMarkdown(report, { topSites, target: 'summary', maxLength });
  }
  return text;
}

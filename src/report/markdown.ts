import type { BudgetResult } from '../budgets/evaluate.js';
import { formatBytes, formatBytesDelta, formatPercent, percentChange } from '../budgets/sizes.js';
import type { Measure, ScenarioComparison, SiteDelta } from '../compare/comparison.js';
import { environmentDetails, scenarioDetails } from './details.js';
import { encodePath, escapeBlock, escapeCode, escapeText } from './escape.js';
import type { Report } from './report.js';
import { decidingBudget, warnCause } from './verdict.js';

/** GitHub refuses issue comments longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Changed sites listed per scenario. */
  topSites?: number;
  /** Upper bound on the output's length, in characters. */
  maxLength?: number;
}

/** The hidden marker that finds the sticky comment again; one per key. */
export function commentMarker(key: string): string {
  return `<!-- allocdiff:key=${encodeURIComponent(key)} -->`;
}

const VERDICT_ICON = { pass: '✅', warn: '⚠️', fail: '❌' } as const;
const STATUS_ICON = { pass: '✅', warn: '⚠️', fail: '❌', skip: '➖' } as const;

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

function commitLink(report: Report, sha: string): string {
  const label = `<code>${escapeText(shortSha(sha))}</code>`;
  if (!report.repository || !report.serverUrl) return label;
  return `[${label}](${report.serverUrl}/${encodePath(report.repository)}/commit/${encodeURIComponent(sha)})`;
}

function siteLink(report: Report, site: SiteDelta): string {
  const line = site.line ?? site.baseLine;
  const label = escapeCode(`${site.file}:${line ?? '?'}`, 200);
  if (site.line === null || !report.repository || !report.serverUrl) return label;
  const url = `${report.serverUrl}/${encodePath(report.repository)}/blob/${encodeURIComponent(report.head.sha)}/${encodePath(site.file)}#L${site.line}`;
  return `[${label}](${url})`;
}

function baseToHead(measure: Measure): string {
  const base = measure.base === null ? '—' : formatBytes(measure.base);
  const head = measure.head === null ? '—' : formatBytes(measure.head);
  return `${base} → ${head}`;
}

function deltaCell(measure: Measure): string {
  return measure.delta === null ? '—' : formatBytesDelta(measure.delta);
}

function percentCell(measure: Measure): string {
  if (measure.base === null || measure.head === null) return '—';
  return formatPercent(percentChange(measure.base, measure.head));
}

function scenarioStatus(scenario: ScenarioComparison, budgets: readonly BudgetResult[]): string {
  if (scenario.status === 'failed') return `❌ ${scenario.error?.side} failed`;
  if (scenario.status === 'new') return '🆕 new';
  if (scenario.status === 'removed') return '🗑️ removed';
  const own = budgets.filter((b) => b.scenario === scenario.name);
  if (own.some((b) => b.status === 'fail')) return '❌ over budget';
  if (own.some((b) => b.status === 'warn')) return '⚠️ budget warning';
  return own.some((b) => b.status === 'pass') ? '✅ within budget' : '✅';
}

const METRIC_SUBJECT = {
  peak: 'peak memory',
  retained: 'retained memory',
  count: 'the retained allocation count',
  leak: 'the leak per call',
} as const;

function budgetSentence(budget: BudgetResult): string {
  const subject =
    budget.metric === 'site' ? `a site (${budget.site})` : METRIC_SUBJECT[budget.metric];
  return `${escapeText(subject)} of ${escapeCode(budget.scenario)} changed by ${escapeText(budget.actual)}, over the ${escapeText(budget.limit)} budget`;
}

/** The verdict sentence: what happened, and the first budget that decided it. */
function verdictLine(report: Report): string {
  const icon = VERDICT_ICON[report.verdict];
  const budget = decidingBudget(report);
  if (budget?.status === 'fail') return `${icon} **Over budget:** ${budgetSentence(budget)}.`;
  const failedScenario = (side: 'base' | 'head') =>
    report.scenarios.find((s) => s.status === 'failed' && s.error?.side === side);
  const headFailed = report.verdict === 'fail' ? failedScenario('head') : undefined;
  if (headFailed) {
    return `${icon} **The head benchmark failed:** ${escapeCode(headFailed.name)} raised ${escapeCode(headFailed.error?.type ?? 'an error')}.`;
  }
  if (budget?.status === 'warn') {
    return `${icon} **Budget warning:** ${budgetSentence(budget)} (${escapeText(warnCause(budget))}).`;
  }
  const baseFailed = failedScenario('base') ?? failedScenario('head');
  if (baseFailed) {
    return `${icon} **The ${baseFailed.error?.side} benchmark failed:** ${escapeCode(baseFailed.name)} raised ${escapeCode(baseFailed.error?.type ?? 'an error')}.`;
  }
  const warnings = report.warnings ?? [];
  if (warnings.length > 0) {
    return `${icon} **A budget could not be checked:** ${escapeText(warnings[0], 300)}`;
  }
  const changed = report.scenarios.filter((s) => s.sites.length > 0 || (s.peak.delta ?? 0) !== 0);
  if (changed.length === 0) return `${icon} **No memory change.**`;
  const budgetNote = report.budgets.length > 0 ? ' All budgets hold.' : '';
  return `${icon} **Memory changed** in ${changed.length} of ${report.scenarios.length} scenario${report.scenarios.length === 1 ? '' : 's'}.${budgetNote}`;
}

function scenarioTable(report: Report): string[] {
  return [
    '| Scenario | Peak (base → head) | Δ peak | % | Retained (base → head) | Δ retained | % | Status |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...report.scenarios.map(
      (s) =>
        `| ${escapeCode(s.name)} | ${baseToHead(s.peak)} | ${deltaCell(s.peak)} | ${percentCell(s.peak)} | ${baseToHead(s.retained)} | ${deltaCell(s.retained)} | ${percentCell(s.retained)} | ${scenarioStatus(s, report.budgets)} |`,
    ),
  ];
}

function siteRow(report: Report, site: SiteDelta): string {
  const where = `${siteLink(report, site)}${site.changedLine ? ' ✏️' : ''}`;
  const fn = site.function ? escapeCode(site.function) : '';
  const text = site.text ? escapeCode(site.text) : '';
  const count = site.countDelta > 0 ? `+${site.countDelta}` : `${site.countDelta}`;
  return `| ${where} | ${fn} | ${text} | ${formatBytesDelta(site.sizeDelta)} | ${count} | ${formatBytes(site.headSize)} |`;
}

function sitesSection(report: Report, scenario: ScenarioComparison, top: number): string[] {
  if (scenario.sites.length === 0) return [];
  const shown = scenario.sites.slice(0, top);
  const rest = scenario.sites.length - shown.length;
  if (shown.length === 0) {
    return [
      '',
      `<sub>${rest} changed site${rest === 1 ? '' : 's'} of ${escapeCode(scenario.name)} in the JSON report.</sub>`,
    ];
  }
  return [
    '',
    `#### Changed allocation sites · ${escapeCode(scenario.name)}`,
    '',
    '| Site | Function | Source | Δ size | Δ count | Head size |',
    '| --- | --- | --- | ---: | ---: | ---: |',
    ...shown.map((site) => siteRow(report, site)),
    ...(rest > 0
      ? ['', `<sub>${rest} more changed site${rest === 1 ? '' : 's'} in the JSON report.</sub>`]
      : []),
  ];
}

function failureSection(scenario: ScenarioComparison): string[] {
  if (!scenario.error) return [];
  const details = [scenario.error.traceback, scenario.error.output].filter(Boolean).join('\n');
  return [
    '',
    `<details><summary>❌ ${escapeText(scenario.error.side)} side of ${escapeCode(scenario.name)}: ${escapeCode(scenario.error.type)} ${escapeText(scenario.error.message, 200)}</summary>`,
    '',
    details ? escapeBlock(details) : '<pre>(no output)</pre>',
    '',
    '</details>',
  ];
}

function budgetSection(budgets: readonly BudgetResult[]): string[] {
  if (budgets.length === 0) return [];
  return [
    '',
    '#### Budgets',
    '',
    '| Rule | Scenario | Limit | Actual | Level | Status |',
    '| --- | --- | ---: | ---: | --- | --- |',
    ...budgets.map(
      (b) =>
        `| ${b.metric} | ${escapeCode(b.scenario)} | ${escapeText(b.limit)} | ${escapeText(b.actual)}${b.site ? ` at ${escapeCode(b.site)}` : ''} | ${b.level} | ${STATUS_ICON[b.status]} ${b.status}${b.reason ? ` (${escapeText(b.reason)})` : ''} |`,
    ),
  ];
}

function warningSection(report: Report): string[] {
  const warnings = report.warnings ?? [];
  if (warnings.length === 0) return [];
  return ['', '#### Not checked', '', ...warnings.map((w) => `- ⚠️ ${escapeText(w, 1_000)}`)];
}

function hiddenSitesNote(report: Report): string[] {
  const hidden = report.hiddenSites;
  if (!hidden) return [];
  const reasons = [
    hidden.ignored > 0 ? `${hidden.ignored} match an ignore glob` : '',
    hidden.belowMinimumChange > 0
      ? `${hidden.belowMinimumChange} changed by less than the minimum change of ${formatBytes(hidden.minimumChange)}`
      : '',
  ].filter(Boolean);
  const total = hidden.ignored + hidden.belowMinimumChange;
  return [
    '',
    `<sub>${total} changed site${total === 1 ? '' : 's'} not shown: ${reasons.join('; ')}.</sub>`,
  ];
}

function render(report: Report, top: number): string {
  const env = report.environment;
  const lines = [
    commentMarker(report.key),
    `### allocdiff${report.key === 'default' ? '' : ` · ${escapeText(report.key)}`}`,
    '',
    verdictLine(report),
    '',
    `Base ${commitLink(report, report.base.sha)} → head ${commitLink(report, report.head.sha)}` +
      (env.python ? ` · Python ${escapeText(env.python)}` : '') +
      ` · tracemalloc frames: ${env.frames}`,
    '',
    ...scenarioTable(report),
    ...report.scenarios.flatMap((s) => [
      ...failureSection(s),
      ...sitesSection(report, s, top),
      ...scenarioDetails(s, top),
    ]),
    ...hiddenSitesNote(report),
    ...budgetSection(report.budgets),
    ...warningSection(report),
    ...environmentDetails(report),
    '',
    `<sub>✏️ marks a line this change edited. Sizes are bytes still allocated when the benchmark ends (retained) and the high-water mark while it ran (peak), as traced by tracemalloc. allocdiff ${escapeText(report.allocdiffVersion)}</sub>`,
    '',
  ];
  return lines.join('\n');
}

/** The comment (and job summary) for a report; shrinks the site tables to stay under the limit. */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? COMMENT_LIMIT - 1_000;
  let top = options.topSites ?? 10;
  let text = render(report, top);
  while (text.length > maxLength && top > 0) {
    top = Math.floor(top / 2);
    text = render(report, top);
  }
  if (text.length > maxLength) {
    // Cut at a line end: never inside a tag, an entity or a character.
    const note =
      '\n\n<sub>Report truncated: the full report is in the JSON report and the job summary.</sub>\n';
    const cut = text.lastIndexOf('\n', maxLength - note.length);
    text = text.slice(0, Math.max(cut, 0)) + note;
  }
  return text;
}

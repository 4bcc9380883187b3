import { formatBytes, formatBytesDelta, formatPercent, percentChange } from '../budgets/sizes.js';
import type { Measure } from '../compare/comparison.js';
import type { Report } from './report.js';
import { verdictReason } from './verdict.js';

const VERDICT_WORD = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const;

/** Aligned columns; `align` says, per column, whether text is left (`l`) or right (`r`). */
function table(rows: string[][], align: string): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) =>
    row
      .map((cell, column) =>
        align[column] === 'r' ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd(),
  );
}

function pair(measure: Measure): string {
  const show = (value: number | null): string => (value === null ? '-' : formatBytes(value));
  return `${show(measure.base)} -> ${show(measure.head)}`;
}

function delta(measure: Measure): string {
  if (measure.delta === null || measure.base === null || measure.head === null) return '-';
  return `${formatBytesDelta(measure.delta)} (${formatPercent(percentChange(measure.base, measure.head))})`;
}

/** The report for a terminal: plain, aligned text. */
export function renderTerminal(report: Report, topSites = 10): string {
  const lines = [
    `allocdiff ${report.allocdiffVersion}: base ${report.base.sha.slice(0, 7)} -> head ${report.head.sha.slice(0, 7)}`,
    '',
    ...table(
      [
        ['scenario', 'peak', 'peak change', 'retained', 'retained change', 'status'],
        ...report.scenarios.map((s) => [
          s.name,
          pair(s.peak),
          delta(s.peak),
          pair(s.retained),
          delta(s.retained),
          [
            s.status,
            s.deterministic === false ? 'noisy' : '',
            s.leak?.head ? `leak ${formatBytes(s.leak.head)}/call` : '',
          ]
            .filter(Boolean)
            .join(', '),
        ]),
      ],
      'lrrrrl',
    ),
  ];
  for (const scenario of report.scenarios) {
    if (scenario.error) {
      lines.push(
        '',
        `${scenario.name}: the ${scenario.error.side} side failed: ${scenario.error.type}: ${scenario.error.message}`,
      );
      // The output ends with the traceback as Python printed it; without output, show the one the
      // harness recorded.
      const detail = scenario.error.output || scenario.error.traceback;
      if (detail) lines.push(...detail.split('\n').map((l) => `  | ${l}`));
    }
    if (scenario.sites.length === 0) continue;
    lines.push('', `changed sites in ${scenario.name}:`);
    lines.push(
      ...table(
        [
          ['site', 'size change', 'count', 'head size', 'function', 'source'],
          ...scenario.sites
            .slice(0, topSites)
            .map((site) => [
              `${site.file}:${site.line ?? site.baseLine}${site.changedLine ? ' *' : ''}`,
              formatBytesDelta(site.sizeDelta),
              site.countDelta > 0 ? `+${site.countDelta}` : String(site.countDelta),
              formatBytes(site.headSize),
              site.function ?? '',
              (site.text ?? '').slice(0, 60),
            ]),
        ],
        'lrrrll',
      ).map((line) => `  ${line}`),
    );
    if (scenario.sites.length > topSites)
      lines.push(`  … ${scenario.sites.length - topSites} more in the JSON report`);
  }
  if (report.hiddenSites) {
    const hidden = report.hiddenSites;
    lines.push(
      '',
      `not shown: ${hidden.ignored} site(s) matching an ignore glob, ` +
        `${hidden.belowMinimumChange} changed by less than ${formatBytes(hidden.minimumChange)}`,
    );
  }
  if (report.budgets.length > 0) {
    lines.push('', 'budgets:');
    lines.push(
      ...table(
        [
          ['rule', 'scenario', 'limit', 'actual', 'level', 'status'],
          ...report.budgets.map((b) => [
            b.metric,
            b.scenario,
            b.limit,
            b.site ? `${b.actual} at ${b.site}` : b.actual,
            b.level,
            b.reason && b.status !== 'pass' ? `${b.status} (${b.reason})` : b.status,
          ]),
        ],
        'llrrll',
      ).map((line) => `  ${line}`),
    );
  }
  for (const warning of report.warnings ?? []) lines.push('', `warning: ${warning}`);
  lines.push('', `${VERDICT_WORD[report.verdict]}: ${verdictReason(report)}`, '');
  return lines.join('\n');
}

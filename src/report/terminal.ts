import {
  formatBytes,
  formatBytesDelta,
  formatPercent,
  groupDigits,
  percentChange,
} from '../format/sizes.js';
import { DEFAULT_COLUMNS, displayWidth, padToWidth } from '../format/text-width.js';
import type { Measure, ScenarioComparison, SiteDelta } from '../compare/comparison.js';
import { MEASURES, measureOf, measuresWhere } from '../compare/measures.js';
import type { Report } from './report.js';
import {
  changedMeasures,
  listedChanges,
  objectsNotCountedText,
  slightWhy,
  testsNotRunText,
  unchangedLine,
} from './ranking.js';
import {
  budgetRows,
  budgetUnitsNote,
  FOLDED_NAMES_SHOWN,
  foldedReason,
  listedBudgets,
  ruleCell,
} from './budget-index.js';
import { sharedCauses, sharedCauseSentence } from './shared-causes.js';
import { failureDetail, failuresOf, notRunText, shownMeasure } from './failure.js';
import { leakText } from './lead.js';
import { settingsChangeText } from './settings-change.js';
import {
  culpritGroups,
  openSites,
  RETENTION_SHOWN,
  retentionSentence,
  type SiteRole,
} from './retention.js';
import {
  acceptanceText,
  culpritLead,
  explainVerdict,
  grewUnchecked,
  verdictReason,
} from './verdict.js';

const VERDICT_WORD = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const;

export interface TerminalOptions {
  /** ANSI colours: for a terminal (a TTY without NO_COLOR), never for a file or a pipe. */
  color?: boolean;
  /** Columns the tables are fitted to (a long scenario name is folded): 100 unless given. */
  width?: number;
}

/** A scenario column is never folded narrower than this. */
const MIN_NAME_COLUMNS = 48;

let graphemes: Intl.Segmenter | undefined;

/** The first (or, `fromEnd`, the last) graphemes of `parts` that fit in `columns`. */
function take(parts: readonly string[], columns: number, fromEnd = false): string {
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[fromEnd ? parts.length - 1 - i : i]!;
    const width = displayWidth(part);
    if (used + width > columns) break;
    kept.push(part);
    used += width;
  }
  return (fromEnd ? kept.reverse() : kept).join('');
}

/**
 * A scenario's name in at most `columns` columns, folded in the middle with `…` when longer.
 * A pytest node id keeps its test's name (after the last `::`) and the end of its parameter id:
 * `tests/unit…TestParser::test_compile[x]`, or `test_compile[…-many-expressions]`. A command
 * line (`commandLine`) is cut at its end instead: `python3 -m pytest -q tests --desel…`.
 */
export function foldName(name: string, columns: number, commandLine = false): string {
  if (displayWidth(name) <= columns) return name;
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  const split = (text: string) => Array.from(graphemes!.segment(text), ({ segment }) => segment);
  const room = Math.max(2, columns) - 1; // for the `…`
  // A command line is read from its start, and its end (a `--deselect` of a node id) must not
  // read as a test's name.
  if (commandLine) return `${take(split(name), room)}…`;
  const bracket = name.indexOf('[');
  const separator = name.lastIndexOf('::', bracket >= 0 ? bracket : name.length);
  const test = separator >= 0 ? name.slice(separator + 2) : name;
  // The whole test (name and parameters) and what fits of the path before it: its start and
  // its end (the class).
  if (test !== name && displayWidth(test) < room) {
    const before = split(name.slice(0, separator + 2));
    const left = room - displayWidth(test);
    const start = take(before, Math.ceil(left / 2));
    return `${start}…${take(before, left - displayWidth(start), true)}${test}`;
  }
  // The test's name (leaving 14 columns, or half the room, to the end of its parameters), and
  // the end of its parameters.
  const until = test.indexOf('[');
  const head = take(
    split(until >= 0 ? test.slice(0, until + 1) : test),
    Math.max(Math.ceil(room / 2), room - 14),
  );
  return `${head}…${take(split(test), room - displayWidth(head), true)}`;
}

/**
 * `rows` with `column`'s cells (scenario names) folded so that the table, its columns two spaces
 * apart, fits in `width` columns; never narrower than `MIN_NAME_COLUMNS`.
 */
function fitColumn(
  rows: string[][],
  column: number,
  width: number,
  commandLines: ReadonlySet<string> = new Set(),
): string[][] {
  const others = rows[0]!.reduce(
    (sum, _, at) =>
      at === column ? sum : sum + 2 + Math.max(...rows.map((row) => displayWidth(row[at]!))),
    0,
  );
  const room = Math.max(MIN_NAME_COLUMNS, width - others);
  return rows.map((row) =>
    row.map((cell, at) => (at === column ? foldName(cell, room, commandLines.has(cell)) : cell)),
  );
}

/** The scenarios named by a command line (a command that failed as a whole, a process). */
function commandLinesOf(scenarios: readonly ScenarioComparison[]): Set<string> {
  return new Set(
    scenarios
      .filter((s) => s.kind !== 'test' && s.kind !== 'function' && s.name.includes(' '))
      .map((s) => s.name),
  );
}

const STYLE = {
  bold: '1',
  dim: '2',
  red: '31',
  green: '32',
  yellow: '33',
  cyan: '36',
  boldRed: '1;31',
  boldGreen: '1;32',
  boldYellow: '1;33',
} as const;
type Style = keyof typeof STYLE;

/** Colours a cell (already padded, so the columns stay aligned); undefined leaves it plain. */
type Paint = (cell: string, row: number, column: number) => Style | undefined;

/** The style of a signed change: growth is bad, shrinking good. */
function changeStyle(cell: string): Style | undefined {
  const text = cell.trim();
  if (text.startsWith('+')) return 'red';
  if (text.startsWith('-') && text !== '-') return 'green';
  return undefined;
}

const STATUS_STYLE: Record<string, Style> = {
  failed: 'red',
  new: 'cyan',
  removed: 'dim',
  fail: 'red',
  warn: 'yellow',
  pass: 'green',
  skip: 'dim',
};

/**
 * Aligned columns; `align` says, per column, whether text is left (`l`) or right (`r`). Widths
 * are the columns the plain text takes on a terminal (a CJK character or an emoji two, a
 * combining mark none); colour codes go around the padded cell.
 */
function table(rows: string[][], align: string, paint?: Paint): string[] {
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map((row) => displayWidth(row[column]))),
  );
  return rows.map((row, rowIndex) => {
    const cells = row.map((cell, column) =>
      padToWidth(cell, widths[column], align[column] === 'r' ? 'start' : 'end'),
    );
    // Trailing spaces go before colouring, so a coloured line has none either.
    const last = cells.length - 1;
    cells[last] = cells[last].trimEnd();
    const styled = paint
      ? cells.map((cell, column) => {
          const style = rowIndex === 0 ? 'bold' : paint(row[column], rowIndex, column);
          return style && cell.trim() ? `\u001b[${STYLE[style]}m${cell}\u001b[0m` : cell;
        })
      : cells;
    return styled.join('  ').trimEnd();
  });
}

/** The measures whose noise the comment's noise section lists (measures.ts: `words.row`). */
const NOISE_ROWS = measuresWhere((spec) => spec.words.row !== undefined);

/** Some figure of the scenario varied between repeats in a way growth does not explain. */
function isNoisy(scenario: ScenarioComparison): boolean {
  return (
    NOISE_ROWS.some((name) => measureOf(scenario, name)?.noisy) ||
    scenario.sites.some((site) => site.noisy)
  );
}

function pair(measure: Measure): string {
  const show = (value: number | null): string => (value === null ? '-' : formatBytes(value));
  return `${show(measure.base)} -> ${show(measure.head)}`;
}

function delta(measure: Measure | undefined): string {
  if (
    measure === undefined ||
    measure.delta === null ||
    measure.base === null ||
    measure.head === null
  )
    return '-';
  return `${formatBytesDelta(measure.delta)} (${formatPercent(percentChange(measure.base, measure.head))})`;
}

/** `655 tests unchanged, 14 changed`: the scenarios the table leaves out; none when it has all. */
function unchangedText(report: Report, listed: readonly ScenarioComparison[]): string[] {
  const line = unchangedLine(report, listed);
  if (!line) return [];
  const why = slightWhy(line, formatBytes, 'noise');
  const slight = line.slight > 0 ? ` (${groupDigits(line.slight)} of them differ ${why})` : '';
  // As in the comment: a failed scenario is counted as failed, not as changed.
  const failed = listed.filter((s) => s.status === 'failed').length;
  const failedText = failed > 0 ? `, ${groupDigits(failed)} failed` : '';
  return [
    ...(listed.length > 0 ? [''] : []),
    `${line.unchanged} unchanged${slight}, ${groupDigits(line.listed - failed)} changed${failedText}`,
  ];
}

/** A site's cell: `app/cache.py:24 *`, or `↳ app/catalog.py:15` under the line keeping it alive. */
function siteCell(site: SiteDelta, role: SiteRole | undefined): string {
  const where = `${site.file}:${site.line ?? site.baseLine}${site.changedLine ? ' *' : ''}`;
  return role?.role === 'kept' && role.under ? `↳ ${where}` : where;
}

/**
 * `keeps 2.04 MiB grown`, `by app/cache.py:24`: what a site keeps alive of the growth, or what
 * keeps it alive.
 */
function keptCell(role: SiteRole | undefined): string {
  if (role?.role === 'culprit')
    return role.group.bytes > 0 ? `keeps ${formatBytes(role.group.bytes)} grown` : 'keeps';
  if (role?.role === 'kept') return `by ${role.group.culprit.file}:${role.group.culprit.line}`;
  return '';
}

/** What a column of the scenario table holds: it says how the column is aligned and coloured. */
type ScenarioColumn = 'name' | 'sizes' | 'change' | 'status';

/**
 * The table of changed scenarios, fitted to `width` columns by folding long names in the middle
 * (the other columns, figures, are never cut: a name keeps `MIN_NAME_COLUMNS` at least).
 */
function scenarioTable(
  report: Report,
  listed: readonly ScenarioComparison[],
  width: number,
  color: boolean,
): string[] {
  if (listed.length === 0) return [];
  // As in the comment: a leak-per-call column when any scenario ran the leak check.
  const leak = report.scenarios.some((s) => s.leak !== undefined);
  // As in the comment: a measure shown only when it changed, in a column of its own.
  const extra = changedMeasures(report);
  const columns: {
    title: string;
    kind: ScenarioColumn;
    cell: (s: ScenarioComparison) => string;
  }[] = [
    { title: 'scenario', kind: 'name', cell: (s) => s.name },
    // As in the comment: a failed side's figures are left out (`shownMeasure`).
    { title: 'peak', kind: 'sizes', cell: (s) => pair(shownMeasure(s, s.peak)) },
    { title: 'peak change', kind: 'change', cell: (s) => delta(shownMeasure(s, s.peak)) },
    { title: 'retained', kind: 'sizes', cell: (s) => pair(shownMeasure(s, s.retained)) },
    {
      title: 'retained change',
      kind: 'change',
      cell: (s) => delta(shownMeasure(s, s.retained)),
    },
    ...extra.map((name) => ({
      title: `${MEASURES[name].words.name} change`,
      kind: 'change' as const,
      cell: (s: ScenarioComparison) => {
        const measure = measureOf(s, name);
        return delta(measure && shownMeasure(s, measure));
      },
    })),
    ...(leak
      ? [
          {
            // Head's figure, its change in parentheses when it changed: not a change column.
            title: 'leak/call (head)',
            kind: 'change' as const,
            cell: (s: ScenarioComparison) => {
              const leak = s.leak && shownMeasure(s, s.leak);
              return (leak && leak.head !== null && leakText(leak)) || '-';
            },
          },
        ]
      : []),
    {
      title: 'status',
      kind: 'status',
      cell: (s) =>
        [
          s.status,
          isNoisy(s) ? 'noisy' : '',
          // Growth over the in-process repeats, as the comment's leak section shows it.
          s.retained.headGrowth ? `rising ${formatBytesDelta(s.retained.headGrowth)}/call` : '',
        ]
          .filter(Boolean)
          .join(', '),
    },
  ];
  const rows = fitColumn(
    [columns.map((column) => column.title), ...listed.map((s) => columns.map((c) => c.cell(s)))],
    0,
    width,
    commandLinesOf(listed),
  );
  const paint: Paint | undefined = color
    ? (cell, _row, column) =>
        columns[column]!.kind === 'change'
          ? changeStyle(cell.replace(/^.*\(/, ''))
          : columns[column]!.kind === 'status'
            ? STATUS_STYLE[cell.split(',')[0]!.trim()]
            : undefined
    : undefined;
  const align = columns.map((column) =>
    column.kind === 'name' || column.kind === 'status' ? 'l' : 'r',
  );
  return table(rows, align.join(''), paint);
}

/**
 * How much of the changed scenarios a terminal report shows, worst first (failures and the
 * budgets the verdict names lead): `rows` in the table, the others counted in one line, and the
 * failures, sites and retention paths (`details`) of the first of them. The full Markdown report
 * and the JSON report have every one.
 */
export const TERMINAL_SHOWN = { rows: 50, details: 10 } as const;

/** Where a terminal report sends a reader for what it leaves out. */
const ELSEWHERE = 'in the full Markdown report and the JSON report';

/** What the scenarios are, for the lines that count them. */
function nounOf(scenarios: readonly ScenarioComparison[], count: number): string {
  const noun = scenarios.every((s) => s.kind === 'test')
    ? 'test'
    : scenarios.every((s) => s.kind === 'process')
      ? 'process'
      : 'scenario';
  return count === 1 ? noun : noun === 'process' ? 'processes' : `${noun}s`;
}

/**
 * The plain way of writing a shared cause's site and code: `path:line`, code in backticks, cut
 * to 120 characters as the comment cuts it.
 */
const PLAIN_WORDS = {
  code: (text: string) => `\`${text.length > 120 ? `${text.slice(0, 119)}…` : text}\``,
  site: (site: SiteDelta) => `${site.file}:${site.line ?? site.baseLine ?? '?'}`,
};

/** The report for a terminal: aligned text, coloured on request. */
export function renderTerminal(
  report: Report,
  topSites = 10,
  options: TerminalOptions = {},
): string {
  const color = options.color === true;
  const width = options.width ?? DEFAULT_COLUMNS;
  const paint = (fn: Paint): Paint | undefined => (color ? fn : undefined);
  const styled = (style: Style, text: string): string =>
    color ? `\u001b[${STYLE[style]}m${text}\u001b[0m` : text;
  const head = report.head.workingTree
    ? `head: working tree on top of ${report.head.sha.slice(0, 7)}`
    : `head ${report.head.sha.slice(0, 7)}`;
  // As in the comment: the changed scenarios, worst first; the others counted in one line.
  const listed = listedChanges(report);
  const rows = listed.slice(0, TERMINAL_SHOWN.rows);
  const moreRows = listed.slice(rows.length);
  // As in the comment: one cause many changed scenarios share, said once before them.
  const changed = listed.filter((s) => s.status !== 'failed').length;
  const causes = sharedCauses(listed).map(
    (cause) =>
      `one cause: ${sharedCauseSentence(cause, changed, PLAIN_WORDS, ', a line the change touches')}`,
  );
  const lines = [
    `allocdiff ${report.allocdiffVersion}: base ${report.base.sha.slice(0, 7)} -> ${head}`,
    ...(report.cached ?? []),
    '',
    ...(causes.length > 0 ? [...causes, ''] : []),
    ...scenarioTable(report, rows, width, color),
    ...(moreRows.length > 0
      ? [
          `… ${groupDigits(moreRows.length)} more changed ${nounOf(moreRows, moreRows.length)}, ` +
            `not listed: every one is ${ELSEWHERE}`,
        ]
      : []),
    ...unchangedText(report, listed),
    ...(report.testsNotRun ? ['', testsNotRunText(report.testsNotRun)] : []),
    ...(report.objectsNotCounted ? ['', objectsNotCountedText(report.objectsNotCounted)] : []),
  ];
  for (const scenario of listed.slice(0, TERMINAL_SHOWN.details)) {
    // Both sides once when both failed the same way; each side's error when they differ.
    for (const { sides, error } of failuresOf(scenario)) {
      const who = sides === 'base and head' ? 'both sides failed' : `the ${sides} side failed`;
      lines.push('', `${scenario.name}: ${who}: ${error.type}: ${error.message}`);
      const detail = failureDetail(scenario, error);
      if (detail) lines.push(...detail.split('\n').map((l) => `  | ${l}`));
    }
    const notRun = notRunText(scenario);
    if (notRun) lines.push(`  ${notRun}`);
    // As in the comment: where the sites at the peak were asked for but not found, why.
    for (const side of ['base', 'head'] as const) {
      const why = scenario.peakSites?.missed?.[side];
      if (why !== undefined)
        lines.push('', `${scenario.name}: no sites at the peak on ${side}: ${why}`);
    }
    // As in the comment: a failed scenario's sites are what the failing call allocated.
    if (scenario.sites.length === 0 || scenario.status === 'failed') continue;
    // As in the comment: up to twice topSites of them, the growths led by the changed lines
    // that keep memory alive, each with the sites it keeps; then the changed lines and the
    // largest changes, never a small shrink before a larger growth.
    const open = openSites(scenario.sites, culpritGroups(scenario), topSites);
    const { roles } = open;
    const listed = new Set([...open.grown, ...open.shrunk]);
    // Largest change first, or, with a culprit, the growths it leads and then the shrinks.
    const shown = roles.size > 0 ? [...listed] : scenario.sites.filter((site) => listed.has(site));
    // The mark of a line the change touches, said where it is used.
    const marked = shown.some((site) => site.changedLine)
      ? ` (${styled('yellow', '*')} a line the change touches)`
      : '';
    const kept = roles.size > 0 ? '; the changed line that keeps memory alive first' : '';
    lines.push('', `changed sites in ${scenario.name}${marked}${kept}:`);
    lines.push(
      ...table(
        [
          [
            'site',
            'size change',
            'count',
            'head size',
            ...(roles.size > 0 ? ['kept alive'] : []),
            'function',
            'source',
          ],
          ...shown.map((site) => [
            siteCell(site, roles.get(site)),
            formatBytesDelta(site.sizeDelta),
            site.countDelta > 0 ? `+${site.countDelta}` : String(site.countDelta),
            formatBytes(site.headSize),
            ...(roles.size > 0 ? [keptCell(roles.get(site))] : []),
            site.function ?? '',
            (site.text ?? '').slice(0, 60),
          ]),
        ],
        roles.size > 0 ? 'lrrrlll' : 'lrrrll',
        paint((cell, _row, column) =>
          column === 0 && cell.endsWith(' *')
            ? 'yellow'
            : column === 1 || column === 2
              ? changeStyle(cell)
              : undefined,
        ),
      ).map((line) => `  ${line}`),
    );
    if (scenario.sites.length > shown.length)
      lines.push(
        `  … ${groupDigits(scenario.sites.length - shown.length)} more in the JSON report`,
      );
    if (scenario.sitesLeftOut)
      lines.push(
        `  … and ${groupDigits(scenario.sitesLeftOut.count)} more changed sites not kept in the report, ` +
          `summed: ${formatBytesDelta(scenario.sitesLeftOut.sizeDelta)}`,
      ); // As in the comment: what keeps the grown memory alive, and the changed line that filled it.
    const findings = scenario.retention ?? [];
    if (findings.length > 0) {
      lines.push('', `kept alive in ${scenario.name}:`);
      for (const finding of findings.slice(0, RETENTION_SHOWN))
        lines.push(`  ${retentionSentence(finding)}`, `    path: ${finding.path || '-'}`);
      if (findings.length > RETENTION_SHOWN)
        lines.push(`  … ${groupDigits(findings.length - RETENTION_SHOWN)} more in the JSON report`);
    }
  }
  // As in the comment: the scenarios beyond the details shown, counted.
  const moreDetails = listed
    .slice(TERMINAL_SHOWN.details)
    .filter((s) => s.sites.length > 0 || s.status === 'failed');
  if (moreDetails.length > 0)
    lines.push(
      '',
      `the sites and failures of ${groupDigits(moreDetails.length)} more changed ` +
        `${nounOf(moreDetails, moreDetails.length)} are ${ELSEWHERE}`,
    );
  const hidden = report.hiddenSites;
  if (hidden && hidden.ignored + hidden.belowMinimumChange > 0) {
    lines.push(
      '',
      `not shown: ${groupDigits(hidden.ignored)} site(s) matching an ignore glob, ` +
        `${groupDigits(hidden.belowMinimumChange)} changed by less than ${formatBytes(hidden.minimumChange)}`,
    );
  }
  // As in the comment: failures first, the furthest over first; beyond what one table holds,
  // many passes counted, not listed, and no more rows than the scenario table has.
  const listedOfBudgets = listedBudgets(
    report.budgets,
    new Set(rows.map((s) => s.name)),
    report.budgets.length <= TERMINAL_SHOWN.rows,
  );
  const budgets = {
    shown: listedOfBudgets.shown.slice(0, TERMINAL_SHOWN.rows),
    more: listedOfBudgets.shown.slice(TERMINAL_SHOWN.rows),
    holding: listedOfBudgets.holding,
  };
  if (report.budgets.length > 0) {
    lines.push('', 'budgets:');
    lines.push(
      ...table(
        fitColumn(
          [
            ['rule', 'scenario', 'limit', 'actual', 'level', 'status'],
            ...budgetRows(budgets.shown).map((row) => {
              if ('folded' in row) {
                const { first, scenarios } = row.folded;
                const more = scenarios.length - FOLDED_NAMES_SHOWN;
                return [
                  first.metric,
                  scenarios.slice(0, FOLDED_NAMES_SHOWN).join(', ') +
                    (more > 0 ? ` and ${groupDigits(more)} more` : ''),
                  first.limit,
                  '—',
                  first.level,
                  `skip (${foldedReason(row.folded, report.scenarios)})`,
                ];
              }
              const b = row.result;
              return [
                ruleCell(b),
                b.scenario,
                b.limit,
                `${b.actual}${b.site ? ` at ${b.site}` : ''}${b.leak ? ` (${b.leak})` : ''}`,
                b.level,
                b.reason && b.status !== 'pass' ? `${b.status} (${b.reason})` : b.status,
              ];
            }),
          ],
          1,
          width - 2,
          commandLinesOf(report.scenarios),
        ),
        'llrrll',
        paint((cell, _row, column) =>
          column === 5 ? STATUS_STYLE[cell.split(' ')[0]] : undefined,
        ),
      ).map((line) => `  ${line}`),
    );
    // The rows left out, counted by what they say.
    const left = [
      ...budgets.more.map((b) => b.status),
      ...Array<'pass'>(budgets.holding).fill('pass'),
    ];
    if (left.length > 0) {
      const verbs = { fail: 'failed', warn: 'warned', skip: 'skipped', pass: 'held' } as const;
      const counts = (['fail', 'warn', 'skip', 'pass'] as const)
        .map((status) => ({ status, count: left.filter((s) => s === status).length }))
        .filter(({ count }) => count > 0);
      const how =
        counts.length === 1
          ? verbs[counts[0]!.status]
          : counts.map(({ status, count }) => `${groupDigits(count)} ${verbs[status]}`).join(', ');
      lines.push(
        `  … ${groupDigits(left.length)} more budget${left.length === 1 ? '' : 's'} ` +
          `${counts.length === 1 ? how : `(${how})`}, not listed: every budget is ${ELSEWHERE}`,
      );
    }
    const note = budgetUnitsNote(budgets.shown);
    if (note !== undefined) lines.push('', `${note}.`);
  }
  for (const warning of report.warnings ?? []) lines.push('', `warning: ${warning}`);
  if (report.settingsChange) lines.push('', settingsChangeText(report.settingsChange));
  if (report.accepted) lines.push('', `${acceptanceText(report.accepted)}: the check passes`);
  const verdictStyle = { pass: 'boldGreen', warn: 'boldYellow', fail: 'boldRed' } as const;
  // A pass where memory grew and no budget looked is not shown as a green one.
  const explanation = explainVerdict(report);
  const style = grewUnchecked(explanation) ? 'boldYellow' : verdictStyle[report.verdict];
  lines.push(
    '',
    // A pass blames no line (`verdictCulprit`): what keeps memory alive is said above it.
    `${styled(style, VERDICT_WORD[report.verdict])}: ${culpritLead(report, explanation)}${verdictReason(report, explanation)}`,
    '',
  );
  return lines.join('\n');
}

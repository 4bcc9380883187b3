import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  settingsChangeText,
  sharedCauseSentence,
  sharedCauses
} from "./chunk-CNQ5VFUE.js";
import {
  RETENTION_SHOWN,
  acceptanceText,
  culpritGroups,
  culpritLead,
  explainVerdict,
  failureDetail,
  failuresOf,
  grewUnchecked,
  leakText,
  notRunText,
  openSites,
  retentionSentence,
  shownMeasure,
  verdictReason
} from "./chunk-AG4ZHWQW.js";
import {
  DEFAULT_COLUMNS,
  displayWidth,
  padToWidth
} from "./chunk-PD4C2EK3.js";
import {
  FOLDED_NAMES_SHOWN,
  budgetRows,
  budgetUnitsNote,
  changedMeasures,
  foldedReason,
  listedBudgets,
  listedChanges,
  objectsNotCountedText,
  ruleCell,
  slightWhy,
  testsNotRunText,
  unchangedLine
} from "./chunk-VKRW2TR5.js";
import {
  formatBytes,
  formatBytesDelta,
  formatPercent,
  groupDigits,
  percentChange
} from "./chunk-I74BVKXL.js";
import {
  MEASURES,
  measureOf,
  measuresWhere
} from "./chunk-NBJJRWMZ.js";

// src/report/terminal.ts
var VERDICT_WORD = { pass: "PASS", warn: "WARN", fail: "FAIL" };
var MIN_NAME_COLUMNS = 48;
var graphemes;
function take(parts, columns, fromEnd = false) {
  const kept = [];
  let used = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[fromEnd ? parts.length - 1 - i : i];
    const width = displayWidth(part);
    if (used + width > columns) break;
    kept.push(part);
    used += width;
  }
  return (fromEnd ? kept.reverse() : kept).join("");
}
function foldName(name, columns, commandLine = false) {
  if (displayWidth(name) <= columns) return name;
  graphemes ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  const split = (text) => Array.from(graphemes.segment(text), ({ segment }) => segment);
  const room = Math.max(2, columns) - 1;
  if (commandLine) return `${take(split(name), room)}\u2026`;
  const bracket = name.indexOf("[");
  const separator = name.lastIndexOf("::", bracket >= 0 ? bracket : name.length);
  const test = separator >= 0 ? name.slice(separator + 2) : name;
  if (test !== name && displayWidth(test) < room) {
    const before = split(name.slice(0, separator + 2));
    const left = room - displayWidth(test);
    const start = take(before, Math.ceil(left / 2));
    return `${start}\u2026${take(before, left - displayWidth(start), true)}${test}`;
  }
  const until = test.indexOf("[");
  const head = take(
    split(until >= 0 ? test.slice(0, until + 1) : test),
    Math.max(Math.ceil(room / 2), room - 14)
  );
  return `${head}\u2026${take(split(test), room - displayWidth(head), true)}`;
}
function fitColumn(rows, column, width, commandLines = /* @__PURE__ */ new Set()) {
  const others = rows[0].reduce(
    (sum, _, at) => at === column ? sum : sum + 2 + Math.max(...rows.map((row) => displayWidth(row[at]))),
    0
  );
  const room = Math.max(MIN_NAME_COLUMNS, width - others);
  return rows.map(
    (row) => row.map((cell, at) => at === column ? foldName(cell, room, commandLines.has(cell)) : cell)
  );
}
function commandLinesOf(scenarios) {
  return new Set(
    scenarios.filter((s) => s.kind !== "test" && s.kind !== "function" && s.name.includes(" ")).map((s) => s.name)
  );
}
var STYLE = {
  bold: "1",
  dim: "2",
  red: "31",
  green: "32",
  yellow: "33",
  cyan: "36",
  boldRed: "1;31",
  boldGreen: "1;32",
  boldYellow: "1;33"
};
function changeStyle(cell) {
  const text = cell.trim();
  if (text.startsWith("+")) return "red";
  if (text.startsWith("-") && text !== "-") return "green";
  return void 0;
}
var STATUS_STYLE = {
  failed: "red",
  new: "cyan",
  removed: "dim",
  fail: "red",
  warn: "yellow",
  pass: "green",
  skip: "dim"
};
function table(rows, align, paint) {
  const widths = rows[0].map(
    (_, column) => Math.max(...rows.map((row) => displayWidth(row[column])))
  );
  return rows.map((row, rowIndex) => {
    const cells = row.map(
      (cell, column) => padToWidth(cell, widths[column], align[column] === "r" ? "start" : "end")
    );
    const last = cells.length - 1;
    cells[last] = cells[last].trimEnd();
    const styled = paint ? cells.map((cell, column) => {
      const style = rowIndex === 0 ? "bold" : paint(row[column], rowIndex, column);
      return style && cell.trim() ? `\x1B[${STYLE[style]}m${cell}\x1B[0m` : cell;
    }) : cells;
    return styled.join("  ").trimEnd();
  });
}
var NOISE_ROWS = measuresWhere((spec) => spec.words.row !== void 0);
function isNoisy(scenario) {
  return NOISE_ROWS.some((name) => measureOf(scenario, name)?.noisy) || scenario.sites.some((site) => site.noisy);
}
function pair(measure) {
  const show = (value) => value === null ? "-" : formatBytes(value);
  return `${show(measure.base)} -> ${show(measure.head)}`;
}
function delta(measure) {
  if (measure === void 0 || measure.delta === null || measure.base === null || measure.head === null)
    return "-";
  return `${formatBytesDelta(measure.delta)} (${formatPercent(percentChange(measure.base, measure.head))})`;
}
function unchangedText(report, listed) {
  const line = unchangedLine(report, listed);
  if (!line) return [];
  const why = slightWhy(line, formatBytes, "noise");
  const slight = line.slight > 0 ? ` (${groupDigits(line.slight)} of them differ ${why})` : "";
  const failed = listed.filter((s) => s.status === "failed").length;
  const failedText = failed > 0 ? `, ${groupDigits(failed)} failed` : "";
  return [
    ...listed.length > 0 ? [""] : [],
    `${line.unchanged} unchanged${slight}, ${groupDigits(line.listed - failed)} changed${failedText}`
  ];
}
function siteCell(site, role) {
  const where = `${site.file}:${site.line ?? site.baseLine}${site.changedLine ? " *" : ""}`;
  return role?.role === "kept" && role.under ? `\u21B3 ${where}` : where;
}
function keptCell(role) {
  if (role?.role === "culprit")
    return role.group.bytes > 0 ? `keeps ${formatBytes(role.group.bytes)} grown` : "keeps";
  if (role?.role === "kept") return `by ${role.group.culprit.file}:${role.group.culprit.line}`;
  return "";
}
function scenarioTable(report, listed, width, color) {
  if (listed.length === 0) return [];
  const leak = report.scenarios.some((s) => s.leak !== void 0);
  const extra = changedMeasures(report);
  const columns = [
    { title: "scenario", kind: "name", cell: (s) => s.name },
    // As in the comment: a failed side's figures are left out (`shownMeasure`).
    { title: "peak", kind: "sizes", cell: (s) => pair(shownMeasure(s, s.peak)) },
    { title: "peak change", kind: "change", cell: (s) => delta(shownMeasure(s, s.peak)) },
    { title: "retained", kind: "sizes", cell: (s) => pair(shownMeasure(s, s.retained)) },
    {
      title: "retained change",
      kind: "change",
      cell: (s) => delta(shownMeasure(s, s.retained))
    },
    ...extra.map((name) => ({
      title: `${MEASURES[name].words.name} change`,
      kind: "change",
      cell: (s) => {
        const measure = measureOf(s, name);
        return delta(measure && shownMeasure(s, measure));
      }
    })),
    ...leak ? [
      {
        // Head's figure, its change in parentheses when it changed: not a change column.
        title: "leak/call (head)",
        kind: "change",
        cell: (s) => {
          const leak2 = s.leak && shownMeasure(s, s.leak);
          return leak2 && leak2.head !== null && leakText(leak2) || "-";
        }
      }
    ] : [],
    {
      title: "status",
      kind: "status",
      cell: (s) => [
        s.status,
        isNoisy(s) ? "noisy" : "",
        // Growth over the in-process repeats, as the comment's leak section shows it.
        s.retained.headGrowth ? `rising ${formatBytesDelta(s.retained.headGrowth)}/call` : ""
      ].filter(Boolean).join(", ")
    }
  ];
  const rows = fitColumn(
    [columns.map((column) => column.title), ...listed.map((s) => columns.map((c) => c.cell(s)))],
    0,
    width,
    commandLinesOf(listed)
  );
  const paint = color ? (cell, _row, column) => columns[column].kind === "change" ? changeStyle(cell.replace(/^.*\(/, "")) : columns[column].kind === "status" ? STATUS_STYLE[cell.split(",")[0].trim()] : void 0 : void 0;
  const align = columns.map(
    (column) => column.kind === "name" || column.kind === "status" ? "l" : "r"
  );
  return table(rows, align.join(""), paint);
}
var TERMINAL_SHOWN = { rows: 50, details: 10 };
var ELSEWHERE = "in the full Markdown report and the JSON report";
function nounOf(scenarios, count) {
  const noun = scenarios.every((s) => s.kind === "test") ? "test" : scenarios.every((s) => s.kind === "process") ? "process" : "scenario";
  return count === 1 ? noun : noun === "process" ? "processes" : `${noun}s`;
}
var PLAIN_WORDS = {
  code: (text) => `\`${text.length > 120 ? `${text.slice(0, 119)}\u2026` : text}\``,
  site: (site) => `${site.file}:${site.line ?? site.baseLine ?? "?"}`
};
function renderTerminal(report, topSites = 10, options = {}) {
  const color = options.color === true;
  const width = options.width ?? DEFAULT_COLUMNS;
  const paint = (fn) => color ? fn : void 0;
  const styled = (style2, text) => color ? `\x1B[${STYLE[style2]}m${text}\x1B[0m` : text;
  const head = report.head.workingTree ? `head: working tree on top of ${report.head.sha.slice(0, 7)}` : `head ${report.head.sha.slice(0, 7)}`;
  const listed = listedChanges(report);
  const rows = listed.slice(0, TERMINAL_SHOWN.rows);
  const moreRows = listed.slice(rows.length);
  const changed = listed.filter((s) => s.status !== "failed").length;
  const causes = sharedCauses(listed).map(
    (cause) => `one cause: ${sharedCauseSentence(cause, changed, PLAIN_WORDS, ", a line the change touches")}`
  );
  const lines = [
    `allocdiff ${report.allocdiffVersion}: base ${report.base.sha.slice(0, 7)} -> ${head}`,
    ...report.cached ?? [],
    "",
    ...causes.length > 0 ? [...causes, ""] : [],
    ...scenarioTable(report, rows, width, color),
    ...moreRows.length > 0 ? [
      `\u2026 ${groupDigits(moreRows.length)} more changed ${nounOf(moreRows, moreRows.length)}, not listed: every one is ${ELSEWHERE}`
    ] : [],
    ...unchangedText(report, listed),
    ...report.testsNotRun ? ["", testsNotRunText(report.testsNotRun)] : [],
    ...report.objectsNotCounted ? ["", objectsNotCountedText(report.objectsNotCounted)] : []
  ];
  for (const scenario of listed.slice(0, TERMINAL_SHOWN.details)) {
    for (const { sides, error } of failuresOf(scenario)) {
      const who = sides === "base and head" ? "both sides failed" : `the ${sides} side failed`;
      lines.push("", `${scenario.name}: ${who}: ${error.type}: ${error.message}`);
      const detail = failureDetail(scenario, error);
      if (detail) lines.push(...detail.split("\n").map((l) => `  | ${l}`));
    }
    const notRun = notRunText(scenario);
    if (notRun) lines.push(`  ${notRun}`);
    for (const side of ["base", "head"]) {
      const why = scenario.peakSites?.missed?.[side];
      if (why !== void 0)
        lines.push("", `${scenario.name}: no sites at the peak on ${side}: ${why}`);
    }
    if (scenario.sites.length === 0 || scenario.status === "failed") continue;
    const open = openSites(scenario.sites, culpritGroups(scenario), topSites);
    const { roles } = open;
    const listed2 = /* @__PURE__ */ new Set([...open.grown, ...open.shrunk]);
    const shown = roles.size > 0 ? [...listed2] : scenario.sites.filter((site) => listed2.has(site));
    const marked = shown.some((site) => site.changedLine) ? ` (${styled("yellow", "*")} a line the change touches)` : "";
    const kept = roles.size > 0 ? "; the changed line that keeps memory alive first" : "";
    lines.push("", `changed sites in ${scenario.name}${marked}${kept}:`);
    lines.push(
      ...table(
        [
          [
            "site",
            "size change",
            "count",
            "head size",
            ...roles.size > 0 ? ["kept alive"] : [],
            "function",
            "source"
          ],
          ...shown.map((site) => [
            siteCell(site, roles.get(site)),
            formatBytesDelta(site.sizeDelta),
            site.countDelta > 0 ? `+${site.countDelta}` : String(site.countDelta),
            formatBytes(site.headSize),
            ...roles.size > 0 ? [keptCell(roles.get(site))] : [],
            site.function ?? "",
            (site.text ?? "").slice(0, 60)
          ])
        ],
        roles.size > 0 ? "lrrrlll" : "lrrrll",
        paint(
          (cell, _row, column) => column === 0 && cell.endsWith(" *") ? "yellow" : column === 1 || column === 2 ? changeStyle(cell) : void 0
        )
      ).map((line) => `  ${line}`)
    );
    if (scenario.sites.length > shown.length)
      lines.push(
        `  \u2026 ${groupDigits(scenario.sites.length - shown.length)} more in the JSON report`
      );
    if (scenario.sitesLeftOut)
      lines.push(
        `  \u2026 and ${groupDigits(scenario.sitesLeftOut.count)} more changed sites not kept in the report, summed: ${formatBytesDelta(scenario.sitesLeftOut.sizeDelta)}`
      );
    const findings = scenario.retention ?? [];
    if (findings.length > 0) {
      lines.push("", `kept alive in ${scenario.name}:`);
      for (const finding of findings.slice(0, RETENTION_SHOWN))
        lines.push(`  ${retentionSentence(finding)}`, `    path: ${finding.path || "-"}`);
      if (findings.length > RETENTION_SHOWN)
        lines.push(`  \u2026 ${groupDigits(findings.length - RETENTION_SHOWN)} more in the JSON report`);
    }
  }
  const moreDetails = listed.slice(TERMINAL_SHOWN.details).filter((s) => s.sites.length > 0 || s.status === "failed");
  if (moreDetails.length > 0)
    lines.push(
      "",
      `the sites and failures of ${groupDigits(moreDetails.length)} more changed ${nounOf(moreDetails, moreDetails.length)} are ${ELSEWHERE}`
    );
  const hidden = report.hiddenSites;
  if (hidden && hidden.ignored + hidden.belowMinimumChange > 0) {
    lines.push(
      "",
      `not shown: ${groupDigits(hidden.ignored)} site(s) matching an ignore glob, ${groupDigits(hidden.belowMinimumChange)} changed by less than ${formatBytes(hidden.minimumChange)}`
    );
  }
  const listedOfBudgets = listedBudgets(
    report.budgets,
    new Set(rows.map((s) => s.name)),
    report.budgets.length <= TERMINAL_SHOWN.rows
  );
  const budgets = {
    shown: listedOfBudgets.shown.slice(0, TERMINAL_SHOWN.rows),
    more: listedOfBudgets.shown.slice(TERMINAL_SHOWN.rows),
    holding: listedOfBudgets.holding
  };
  if (report.budgets.length > 0) {
    lines.push("", "budgets:");
    lines.push(
      ...table(
        fitColumn(
          [
            ["rule", "scenario", "limit", "actual", "level", "status"],
            ...budgetRows(budgets.shown).map((row) => {
              if ("folded" in row) {
                const { first, scenarios } = row.folded;
                const more = scenarios.length - FOLDED_NAMES_SHOWN;
                return [
                  first.metric,
                  scenarios.slice(0, FOLDED_NAMES_SHOWN).join(", ") + (more > 0 ? ` and ${groupDigits(more)} more` : ""),
                  first.limit,
                  "\u2014",
                  first.level,
                  `skip (${foldedReason(row.folded, report.scenarios)})`
                ];
              }
              const b = row.result;
              return [
                ruleCell(b),
                b.scenario,
                b.limit,
                `${b.actual}${b.site ? ` at ${b.site}` : ""}${b.leak ? ` (${b.leak})` : ""}`,
                b.level,
                b.reason && b.status !== "pass" ? `${b.status} (${b.reason})` : b.status
              ];
            })
          ],
          1,
          width - 2,
          commandLinesOf(report.scenarios)
        ),
        "llrrll",
        paint(
          (cell, _row, column) => column === 5 ? STATUS_STYLE[cell.split(" ")[0]] : void 0
        )
      ).map((line) => `  ${line}`)
    );
    const left = [
      ...budgets.more.map((b) => b.status),
      ...Array(budgets.holding).fill("pass")
    ];
    if (left.length > 0) {
      const verbs = { fail: "failed", warn: "warned", skip: "skipped", pass: "held" };
      const counts = ["fail", "warn", "skip", "pass"].map((status) => ({ status, count: left.filter((s) => s === status).length })).filter(({ count }) => count > 0);
      const how = counts.length === 1 ? verbs[counts[0].status] : counts.map(({ status, count }) => `${groupDigits(count)} ${verbs[status]}`).join(", ");
      lines.push(
        `  \u2026 ${groupDigits(left.length)} more budget${left.length === 1 ? "" : "s"} ${counts.length === 1 ? how : `(${how})`}, not listed: every budget is ${ELSEWHERE}`
      );
    }
    const note = budgetUnitsNote(budgets.shown);
    if (note !== void 0) lines.push("", `${note}.`);
  }
  for (const warning of report.warnings ?? []) lines.push("", `warning: ${warning}`);
  if (report.settingsChange) lines.push("", settingsChangeText(report.settingsChange));
  if (report.accepted) lines.push("", `${acceptanceText(report.accepted)}: the check passes`);
  const verdictStyle = { pass: "boldGreen", warn: "boldYellow", fail: "boldRed" };
  const explanation = explainVerdict(report);
  const style = grewUnchecked(explanation) ? "boldYellow" : verdictStyle[report.verdict];
  lines.push(
    "",
    // A pass blames no line (`verdictCulprit`): what keeps memory alive is said above it.
    `${styled(style, VERDICT_WORD[report.verdict])}: ${culpritLead(report, explanation)}${verdictReason(report, explanation)}`,
    ""
  );
  return lines.join("\n");
}

export {
  foldName,
  TERMINAL_SHOWN,
  renderTerminal
};

import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  RETENTION_SHOWN,
  retentionSentence,
  settingsChangeText
} from "./chunk-YRZXPZ2R.js";
import {
  acceptanceText,
  explainVerdict,
  failureText,
  failuresOf,
  grewUnchecked,
  leakText,
  verdictReason
} from "./chunk-WFE6NL2Z.js";
import {
  changedMeasures,
  listedChanges,
  testsNotRunText,
  unchangedLine
} from "./chunk-3OPC3P57.js";
import {
  formatBytes,
  formatBytesDelta,
  formatPercent,
  groupDigits,
  percentChange
} from "./chunk-5JXOXQC2.js";
import {
  MEASURES,
  measureOf,
  measuresWhere
} from "./chunk-GIBJXR6H.js";

// src/format/text-width.ts
var WIDE = [
  [4352, 4447],
  [8986, 8987],
  [9001, 9002],
  [11904, 12350],
  [12353, 13311],
  [13312, 19903],
  [19968, 40959],
  [40960, 42191],
  [43360, 43391],
  [44032, 55203],
  [63744, 64255],
  [65040, 65049],
  [65072, 65135],
  [65280, 65376],
  [65504, 65510],
  [94176, 101631],
  [110592, 111359],
  [127488, 127743],
  [131072, 196605],
  [196608, 262141]
];
var EMOJI = new RegExp("\\p{Emoji_Presentation}|\\p{Extended_Pictographic}\\uFE0F|\\p{Regional_Indicator}", "u");
var ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]+$/u;
function isWide(codePoint) {
  return WIDE.some(([low, high]) => codePoint >= low && codePoint <= high);
}
var segmenter;
function graphemeWidth(grapheme) {
  if (ZERO_WIDTH.test(grapheme)) return 0;
  if (EMOJI.test(grapheme) || isWide(grapheme.codePointAt(0) ?? 0)) return 2;
  return 1;
}
function displayWidth(text) {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}
function padToWidth(text, width, side = "end") {
  const padding = " ".repeat(Math.max(0, width - displayWidth(text)));
  return side === "start" ? padding + text : text + padding;
}

// src/report/terminal.ts
var VERDICT_WORD = { pass: "PASS", warn: "WARN", fail: "FAIL" };
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
function grew(site) {
  return site.sizeDelta > 0 || site.sizeDelta === 0 && site.countDelta > 0;
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
  const why = line.minimum > 0 ? `by less than the minimum change of ${formatBytes(line.minimum)} or within noise` : "only within noise";
  const slight = line.slight > 0 ? ` (${groupDigits(line.slight)} of them differ ${why})` : "";
  return [
    ...listed.length > 0 ? [""] : [],
    `${line.unchanged} unchanged${slight}, ${groupDigits(line.listed)} changed`
  ];
}
function renderTerminal(report, topSites = 10, options = {}) {
  const color = options.color === true;
  const paint = (fn) => color ? fn : void 0;
  const styled = (style2, text) => color ? `\x1B[${STYLE[style2]}m${text}\x1B[0m` : text;
  const leak = report.scenarios.some((s) => s.leak !== void 0);
  const extra = changedMeasures(report);
  const header = [
    "scenario",
    "peak",
    "peak change",
    "retained",
    "retained change",
    ...extra.map((name) => `${MEASURES[name].words.name} change`)
  ];
  const head = report.head.workingTree ? `head: working tree on top of ${report.head.sha.slice(0, 7)}` : `head ${report.head.sha.slice(0, 7)}`;
  const listed = listedChanges(report);
  const lines = [
    `allocdiff ${report.allocdiffVersion}: base ${report.base.sha.slice(0, 7)} -> ${head}`,
    ...report.cached ?? [],
    "",
    ...listed.length === 0 ? [] : table(
      [
        [...header, ...leak ? ["leak/call"] : [], "status"],
        ...listed.map((s) => [
          s.name,
          pair(s.peak),
          delta(s.peak),
          pair(s.retained),
          delta(s.retained),
          ...extra.map((name) => delta(measureOf(s, name))),
          ...leak ? [(s.leak && leakText(s.leak)) ?? "-"] : [],
          [
            s.status,
            isNoisy(s) ? "noisy" : "",
            // Growth over the in-process repeats, as the comment's leak section shows it.
            s.retained.headGrowth ? `rising ${formatBytesDelta(s.retained.headGrowth)}/call` : ""
          ].filter(Boolean).join(", ")
        ])
      ],
      `lrrrr${"r".repeat(extra.length)}${leak ? "r" : ""}l`,
      paint(
        (cell, _row, column) => column === 2 || column >= 4 && column < header.length + (leak ? 1 : 0) ? changeStyle(cell.replace(/^.*\(/, "")) : column === header.length + (leak ? 1 : 0) ? STATUS_STYLE[cell.split(",")[0].trim()] : void 0
      )
    ),
    ...unchangedText(report, listed),
    ...report.testsNotRun ? ["", testsNotRunText(report.testsNotRun)] : []
  ];
  for (const scenario of listed) {
    for (const { sides, error } of failuresOf(scenario)) {
      const who = sides === "base and head" ? "both sides failed" : `the ${sides} side failed`;
      lines.push("", `${scenario.name}: ${who}: ${error.type}: ${error.message}`);
      const detail = failureText(error);
      if (detail) lines.push(...detail.split("\n").map((l) => `  | ${l}`));
    }
    if (scenario.sites.length === 0) continue;
    const grown = scenario.sites.filter(grew).slice(0, topSites);
    const shrunk = scenario.sites.filter((site) => !grew(site)).slice(0, topSites);
    const listed2 = /* @__PURE__ */ new Set([...grown, ...shrunk]);
    const shown = scenario.sites.filter((site) => listed2.has(site));
    const marked = shown.some((site) => site.changedLine) ? ` (${styled("yellow", "*")} a line the change touches)` : "";
    lines.push("", `changed sites in ${scenario.name}${marked}:`);
    lines.push(
      ...table(
        [
          ["site", "size change", "count", "head size", "function", "source"],
          ...shown.map((site) => [
            `${site.file}:${site.line ?? site.baseLine}${site.changedLine ? " *" : ""}`,
            formatBytesDelta(site.sizeDelta),
            site.countDelta > 0 ? `+${site.countDelta}` : String(site.countDelta),
            formatBytes(site.headSize),
            site.function ?? "",
            (site.text ?? "").slice(0, 60)
          ])
        ],
        "lrrrll",
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
  const hidden = report.hiddenSites;
  if (hidden && hidden.ignored + hidden.belowMinimumChange > 0) {
    lines.push(
      "",
      `not shown: ${groupDigits(hidden.ignored)} site(s) matching an ignore glob, ${groupDigits(hidden.belowMinimumChange)} changed by less than ${formatBytes(hidden.minimumChange)}`
    );
  }
  if (report.budgets.length > 0) {
    lines.push("", "budgets:");
    lines.push(
      ...table(
        [
          ["rule", "scenario", "limit", "actual", "level", "status"],
          ...report.budgets.map((b) => [
            b.metric,
            b.scenario,
            b.limit,
            `${b.actual}${b.site ? ` at ${b.site}` : ""}${b.leak ? ` (${b.leak})` : ""}`,
            b.level,
            b.reason && b.status !== "pass" ? `${b.status} (${b.reason})` : b.status
          ])
        ],
        "llrrll",
        paint(
          (cell, _row, column) => column === 5 ? STATUS_STYLE[cell.split(" ")[0]] : void 0
        )
      ).map((line) => `  ${line}`)
    );
  }
  for (const warning of report.warnings ?? []) lines.push("", `warning: ${warning}`);
  if (report.settingsChange) lines.push("", settingsChangeText(report.settingsChange));
  if (report.accepted) lines.push("", `${acceptanceText(report.accepted)}: the check passes`);
  const verdictStyle = { pass: "boldGreen", warn: "boldYellow", fail: "boldRed" };
  const explanation = explainVerdict(report);
  const style = grewUnchecked(explanation) ? "boldYellow" : verdictStyle[report.verdict];
  lines.push(
    "",
    `${styled(style, VERDICT_WORD[report.verdict])}: ${verdictReason(report, explanation)}`,
    ""
  );
  return lines.join("\n");
}

export {
  renderTerminal
};

import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  acceptanceMarkdown,
  settingsChangeMarkdown,
  sharedCauseSentence,
  sharedCauses
} from "./chunk-CNQ5VFUE.js";
import {
  bothFailed,
  budgetExample,
  budgetSiteClause,
  changeSentence,
  changeWithSite,
  culpritGroups,
  encodePath,
  escapeBlock,
  escapeCode,
  escapeCodeLabel,
  escapeText,
  explainVerdict,
  failedBeforeText,
  failedSides,
  failureDetail,
  failuresOf,
  interruptedText,
  keptAliveSection,
  leadSentence,
  leakText,
  notRunReason,
  notRunText,
  openSites,
  raisedText,
  repeatsRun,
  repositoryPath,
  scenarioDetails,
  setupFailure,
  shownMeasure,
  siteClause,
  unitsBeside,
  verdictCulprit,
  warnCause
} from "./chunk-AG4ZHWQW.js";
import {
  FOLDED_NAMES_SHOWN,
  budgetRows,
  budgetUnitsNote,
  budgetsOfScenario,
  changedMeasures,
  foldedReason,
  isNoChange,
  listedBudgets,
  listedChanges,
  objectsNotCountedText,
  ruleCell,
  slightWhy,
  testsNotRunText,
  unchangedLine
} from "./chunk-VKRW2TR5.js";
import {
  siteLocation
} from "./chunk-YHTJ2NQ3.js";
import {
  overBefore
} from "./chunk-CK6PWIRF.js";
import {
  formatBytes,
  formatBytesDelta,
  formatChange,
  formatCountDelta,
  formatPercent,
  groupDigits,
  percentChange
} from "./chunk-I74BVKXL.js";
import {
  unitOf
} from "./chunk-REFG7THN.js";
import {
  MEASURES,
  measureOf,
  measuresWhere
} from "./chunk-NBJJRWMZ.js";

// src/report/chart.ts
var MAX_BARS = 8;
var LABEL_LENGTH = 24;
var CHART_TITLE = "Peak memory: head (bars), base (line)";
function chartLabel(text) {
  const safe = text.replace(/[^\p{L}\p{N}_.-]+/gu, "_").replace(/www\./gi, "www_");
  return safe.length > LABEL_LENGTH ? `${safe.slice(0, LABEL_LENGTH - 1)}\u2026` : safe;
}
function unitFor(largest) {
  if (largest >= 1024 ** 2) return { name: "MiB", size: 1024 ** 2 };
  if (largest >= 1024) return { name: "KiB", size: 1024 };
  return { name: "bytes", size: 1 };
}
function chartNumber(value) {
  if (value === 0) return "0";
  const decimals = Math.min(10, Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value)))));
  return String(Number(value.toFixed(decimals)));
}
function axisTop(largest) {
  if (largest <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(largest));
  const step = [1, 2, 5, 10].find((m) => m * power >= largest) ?? 10;
  return step * power;
}
function peakChart(rows) {
  const shown = rows.filter((s) => s.status === "ok" && s.peak.base !== null && s.peak.head !== null).slice(0, MAX_BARS);
  if (shown.length < 2 || shown.every((s) => s.peak.base === s.peak.head)) return [];
  const largest = Math.max(...shown.flatMap((s) => [s.peak.base ?? 0, s.peak.head ?? 0]));
  const unit = unitFor(largest);
  const scaled = (bytes) => chartNumber((bytes ?? 0) / unit.size);
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${CHART_TITLE}"`,
    `  x-axis [${shown.map((s) => `"${chartLabel(s.name)}"`).join(", ")}]`,
    `  y-axis "${unit.name}" 0 --> ${chartNumber(axisTop(largest / unit.size))}`,
    `  bar [${shown.map((s) => scaled(s.peak.head)).join(", ")}]`,
    `  line [${shown.map((s) => scaled(s.peak.base)).join(", ")}]`,
    "```"
  ];
}

// src/report/markdown.ts
var COMMENT_LIMIT = 65536;
var SUMMARY_LIMIT = 1048576;
var DEFAULT_TOP_SITES = 10;
function htmlReportLink(htmlUrl) {
  if (htmlUrl === void 0) return "";
  const target = htmlUrl.replace(
    /[()]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`
  );
  return `
<sub>\u{1F4CA} [HTML report](${target}): the differential flame graph and every changed site, sortable.</sub>
`;
}
function commentMarker(key) {
  return `<!-- allocdiff:key=${encodeURIComponent(key)} -->`;
}
var STATUS_ICON = { pass: "\u2705", warn: "\u26A0\uFE0F", fail: "\u274C", skip: "\u2796" };
var ALL = Number.MAX_SAFE_INTEGER;
function shortSha(sha) {
  return sha.slice(0, 7);
}
function plural(count, word, many = `${word}s`) {
  return `${groupDigits(count)} ${count === 1 ? word : many}`;
}
function commitLink(report, sha) {
  const label = escapeCodeLabel(shortSha(sha));
  if (!report.repository || !report.serverUrl) return label;
  return `[${label}](${report.serverUrl}/${encodePath(report.repository)}/commit/${encodeURIComponent(sha)})`;
}
function inRepository(file) {
  return !file.startsWith("<") && !file.startsWith("site-packages/");
}
function siteLink(report, site) {
  const line = site.line ?? site.baseLine;
  const label = escapeCodeLabel(`${site.file}:${line ?? "?"}`, 200);
  if (site.line === null || !inRepository(site.file)) return label;
  if (!report.repository || !report.serverUrl || report.head.workingTree) return label;
  const path = repositoryPath(site.file);
  if (path === void 0) return label;
  const url = `${report.serverUrl}/${encodePath(report.repository)}/blob/${encodeURIComponent(report.head.sha)}/${encodePath(path)}#L${site.line}`;
  return `[${label}](${url})`;
}
function approx(measure, text) {
  return measure.noisy ? `\u2248 ${text}` : text;
}
function baseToHead(measure) {
  const base = measure.base === null ? "\u2014" : formatBytes(measure.base);
  const head = measure.head === null ? "\u2014" : formatBytes(measure.head);
  return `${base} \u2192 ${head}`;
}
function deltaCell(measure) {
  return measure.delta === null ? "\u2014" : approx(measure, formatBytesDelta(measure.delta));
}
function percentCell(measure) {
  if (measure.base === null || measure.head === null) return "\u2014";
  return approx(measure, formatPercent(percentChange(measure.base, measure.head)));
}
function scenarioStatus(scenario, budgets) {
  if (scenario.status === "failed") return `\u{1F4A5} ${failedSides(scenario)} failed`;
  const own = budgetsOfScenario(budgets, scenario.name);
  const tag = scenario.status === "new" ? "\u{1F195} new" : scenario.status === "removed" ? "\u{1F5D1}\uFE0F removed" : "";
  const budget = own.some((b) => b.status === "fail") ? "\u274C over" : own.some((b) => b.status === "warn") ? "\u26A0\uFE0F warning" : own.some((b) => b.status === "pass") ? "\u2705 within" : "";
  return [tag, budget].filter(Boolean).join(" \xB7 ") || "\u2796 none";
}
function change(budget, measure) {
  const actual = escapeText(budget.actual);
  if (!measure || measure.base === null || measure.head === null || measure.delta === null) {
    return `changed by ${actual}`;
  }
  const verb = measure.delta > 0 ? "grew" : measure.delta < 0 ? "shrank" : "stayed";
  const bytes = formatChange(measure.delta, unitOf(budget.metric), unitsBeside(budget.limit));
  const percent = formatPercent(percentChange(measure.base, measure.head));
  if (/%$/.test(budget.limit)) return `${verb} ${actual} (${bytes})`;
  if (budget.limit.startsWith("+")) return `${verb} ${actual} (${percent})`;
  if (measure.delta === 0) return `is ${actual} (unchanged from base)`;
  return `reached ${actual} (${bytes}, ${percent})`;
}
function budgetSentence(report, budget) {
  const scenario = report.scenarios.find((s) => s.name === budget.scenario);
  if (budget.metric === "site") {
    const verb = budget.actual.startsWith("+") ? "grew" : "is";
    return `site ${escapeCode(budget.site ?? "?", 200)} of ${escapeCode(budget.scenario)} ${verb} ${escapeText(budget.actual)}, over the ${escapeText(budget.limit)} budget`;
  }
  const subject = MEASURES[budget.metric].words.subject;
  const measure = scenario && measureOf(scenario, budget.metric);
  const where = scenario ? budgetSiteClause(scenario, budget, markdownWords(report)) : "";
  const leak = budget.leak ? ` (${escapeText(budget.leak)})` : "";
  return `${subject} of ${escapeCode(budget.scenario)} ${change(budget, measure)}${where}, over the ${escapeText(budget.limit)} budget${leak}`;
}
function markdownWords(report) {
  return { code: (text) => escapeCode(text), site: (site) => siteLink(report, site) };
}
function uncheckedNote(explanation, growth) {
  if (explanation.checked) {
    return ` No budget checks ${escapeCode(growth.scenario.name)}.`;
  }
  const example = budgetExample(growth);
  return ` No budget is set, so nothing was checked: add one, e.g. ${escapeCode(example.input)} in the workflow or ${escapeCode(example.file)} in ${escapeCode("allocdiff.yml")}.`;
}
function failureHeadline(report, scenario) {
  const both = bothFailed(scenario);
  const icon = both || scenario.error?.side === "head" ? "\u274C" : report.verdict === "pass" ? "\u2705" : "\u26A0\uFE0F";
  const setup = setupFailure(scenario);
  if (setup)
    return `${icon} **Setup failed on ${setup.sides}:** ${escapeText(setup.message, 300)}, so ${escapeCode(scenario.name)} was not run.`;
  const title = both ? "The base and head benchmarks failed" : `The ${scenario.error?.side ?? "head"} benchmark failed`;
  return `${icon} **${title}:** ${escapeCode(scenario.name)} raised ${raisedText(scenario, escapeCode)}.`;
}
function headline(report) {
  const words = markdownWords(report);
  const explanation = explainVerdict(report);
  const { lead } = explanation;
  switch (lead?.kind) {
    case "budget-failed": {
      const overBase = overBefore(report);
      const before = overBase(lead.budget) ? void 0 : explanation.causes.find(
        (cause) => cause.kind === "budget-failed" && overBase(cause.budget)
      );
      const also2 = before?.kind === "budget-failed" ? ` Also over budget: ${budgetSentence(report, before.budget)}.` : "";
      return `\u274C **Over budget:** ${budgetSentence(report, lead.budget)}.${also2}`;
    }
    case "budget-warned":
      return `\u26A0\uFE0F **Budget warning:** ${budgetSentence(report, lead.budget)} (${escapeText(warnCause(lead.because))}).`;
    case "benchmark-failed": {
      const over = explanation.causes.find((cause) => cause.kind === "budget-failed");
      const also2 = lead.side === "head" && over?.kind === "budget-failed" ? ` Also **over budget:** ${budgetSentence(report, over.budget)}.` : "";
      return `${failureHeadline(report, lead.scenario)}${also2}`;
    }
    case "not-checked":
      return `\u26A0\uFE0F **A budget could not be checked:** ${escapeText(lead.warning, 300)}`;
  }
  const verdictIcon = report.verdict === "fail" ? "\u274C" : report.verdict === "warn" ? "\u26A0\uFE0F" : "";
  const notRun = notRunReason(report);
  if (explanation.noChange && notRun !== void 0) {
    return `${verdictIcon || "\u2705"} **No change, head not run:** ${escapeText(notRun, 1e3)}.`;
  }
  if (explanation.noChange) {
    const count = report.scenarios.length;
    return `${verdictIcon || "\u2705"} **No memory change:** peak and retained memory of ${count === 1 ? "the scenario are" : count === 2 ? "both scenarios are" : `all ${groupDigits(count)} scenarios are`} the same byte for byte.`;
  }
  const holds = explanation.held ? " All budgets hold." : "";
  const { lead: largest, also, unchecked } = explanation.changes;
  const icon = verdictIcon || (unchecked ? "\u{1F4C8}" : "\u2705");
  const tail = unchecked ? uncheckedNote(explanation, unchecked) : holds;
  if (largest) {
    const main = changeSentence(largest, words);
    const where = siteClause(largest.scenario, largest.metric, largest.measure.delta, words);
    const then = also ? `; ${changeWithSite(also, words)}` : "";
    if (largest.measure.delta < 0 && !then) {
      return `${icon} **Memory went down:** ${main}${where}.${tail}`;
    }
    return `${icon} **${capital(main)}**${where}${then}.${tail}`;
  }
  if (report.scenarios.length === 0 && report.testsNotRun) {
    return `${verdictIcon || "\u2705"} **No memory change:** no test reads what this pull request changes, so none was run.`;
  }
  if (report.scenarios.length === 0)
    return `${verdictIcon || "\u2705"} **Nothing measured:** no scenario ran.${tail}`;
  const fresh = report.scenarios.filter((s) => s.status === "new");
  if (fresh.length > 0) {
    const first = fresh[0];
    return `${icon} **New scenario${fresh.length === 1 ? "" : "s"}:** ${escapeCode(first.name)} peaks at ${first.peak.head === null ? "\u2014" : formatBytes(first.peak.head)}${fresh.length > 1 ? ` (and ${plural(fresh.length - 1, "more")})` : ""}.${tail}`;
  }
  const changed = listedChanges(report).length;
  if (changed === 0) {
    return `${icon} **No memory change beyond noise:** none of ${plural(report.scenarios.length, "scenario")} changed by more than the noise of its repeats or the first pass's tolerance.${tail}`;
  }
  return `${icon} **Memory changed** in ${groupDigits(changed)} of ${plural(report.scenarios.length, "scenario")}.${tail}`;
}
function culpritLead(report) {
  const found = verdictCulprit(report);
  if (!found) return "";
  const { culprit } = found.finding;
  return `**Caused by ${escapeCode(siteLocation(culprit), 200)}** \u270F\uFE0F: ${leadSentence(found, (text) => escapeCode(text, 200))}.`;
}
function verdictLine(report) {
  const line = headline(report);
  const culprit = culpritLead(report);
  if (!culprit) return line;
  const space = line.indexOf(" ");
  return space > 0 ? `${line.slice(0, space)} ${culprit} ${line.slice(space + 1)}` : `${culprit} ${line}`;
}
function failedBeforeLine(report) {
  const text = failedBeforeText(report.scenarios, (code) => escapeCode(code, 300));
  return text ? ["", `\u26A0\uFE0F **Not caused by this pull request:** ${text}.`] : [];
}
function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
function testsNotRunLine(notRun) {
  return `<sub>\u23ED\uFE0F ${escapeText(testsNotRunText(notRun), 1e3)}</sub>`;
}
function objectsNotCountedLine(notCounted) {
  return `<sub>\u{1F9EE} ${escapeText(objectsNotCountedText(notCounted), 1e3)}</sub>`;
}
function contextLine(report, listed) {
  const failed = listed.filter((s) => s.status === "failed").length;
  const changed = `${groupDigits(listed.length - failed)} changed${failed > 0 ? `, ${groupDigits(failed)} failed` : ""}`;
  const counted = report.budgets.filter((b) => b.status !== "skip");
  const over = counted.filter((b) => b.status === "fail" || b.status === "warn").length;
  const budgets = counted.length === 0 ? report.budgets.length === 0 ? "no budgets" : `${plural(report.budgets.length, "budget")}, none checked` : `${plural(counted.length, "budget")} checked${over > 0 ? `, ${over} exceeded` : ""}`;
  const head = `${report.head.workingTree ? "head: working tree on top of" : "head"} ${commitLink(report, report.head.sha)}`;
  return `Base ${commitLink(report, report.base.sha)} \u2192 ${head} \xB7 ${plural(report.scenarios.length, "scenario")}, ${changed} \xB7 ${budgets}`;
}
function changeCell(name, measure) {
  if (!measure || measure.delta === null || measure.base === null || measure.head === null)
    return "\u2014";
  return approx(measure, formatChange(measure.delta, MEASURES[name].unit));
}
function peakChangeCell(peak) {
  const percent = percentCell(peak);
  return percent === "\u2014" || peak.delta === 0 ? deltaCell(peak) : `${deltaCell(peak)} (${percent})`;
}
function scenarioTable(report, rows) {
  if (rows.length === 0) return [];
  const leak = report.scenarios.some((s) => s.leak !== void 0);
  const extra = changedMeasures(report);
  const head = [
    "Scenario",
    "Peak",
    "\u0394 peak",
    "\u0394 retained",
    ...extra.map((name) => `\u0394 ${MEASURES[name].words.name}`),
    // Head's figure, its change in parentheses when it changed: not a Δ like its neighbours.
    ...leak ? ["Leak / call (head)"] : [],
    "Budget"
  ];
  const align = [
    "---",
    "---:",
    "---:",
    "---:",
    ...extra.map(() => "---:"),
    ...leak ? ["---:"] : [],
    "---"
  ];
  return [
    `| ${head.join(" | ")} |`,
    `| ${align.join(" | ")} |`,
    ...rows.map((s) => {
      const shown = (measure) => shownMeasure(s, measure);
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
        ...leak ? [leakShown && leakShown.head !== null ? leakCell(leakShown) : "\u2014"] : [],
        scenarioStatus(s, report.budgets)
      ];
      return `| ${cells.join(" | ")} |`;
    })
  ];
}
function unchangedNote(line, listed, rows, shape, failed = 0) {
  const parts = [];
  if (line) {
    const why = slightWhy(line, formatBytes, "the noise of their repeats");
    const slight = line.slight > 0 ? ` (${groupDigits(line.slight)} of them differ ${why})` : "";
    const failedText = failed > 0 ? `, ${groupDigits(failed)} failed` : "";
    parts.push(
      `${escapeText(line.unchanged)} unchanged${slight}, ${groupDigits(listed - failed)} changed${failedText}`
    );
  }
  if (rows < listed) {
    parts.push(
      `the table shows the ${groupDigits(rows)} largest changes; the other ${groupDigits(listed - rows)} are ${shape.elsewhere}`
    );
  }
  if (parts.length === 0) return [];
  return ["", `<sub>${capital(parts.join("; "))}.</sub>`];
}
function leakCell(leak) {
  return leakText(leak) ?? "\u2014";
}
function siteCause(site, role) {
  if (site.line === null) return "\u{1F5D1}\uFE0F line gone";
  const cause = site.changedLine ? "\u270F\uFE0F changed here" : "indirect";
  if (role?.role === "culprit")
    return role.group.bytes > 0 ? `${cause}; keeps ${formatBytes(role.group.bytes)} of the grown memory alive` : `${cause}; fills what keeps the sites under it alive`;
  if (role?.role === "kept") {
    const { culprit } = role.group;
    return `kept alive by ${escapeCode(siteLocation(culprit), 200)}${site.changedLine ? " (\u270F\uFE0F changed here too)" : ""}`;
  }
  return cause;
}
var SOURCE_WIDTH = 80;
function siteCell(report, site) {
  const link = siteLink(report, site);
  return site.function ? `${link} in ${escapeCode(site.function, 60)}` : link;
}
function siteRow(report, site, role) {
  const size = formatBytesDelta(site.sizeDelta);
  const cells = [
    role?.role === "kept" && role.under ? `\u21B3 ${siteCell(report, site)}` : siteCell(report, site),
    siteCause(site, role),
    site.noisy ? `\u2248 ${size}` : size,
    formatCountDelta(site.countDelta)
  ];
  return `| ${cells.join(" | ")} |`;
}
var SITE_HEADER = ["| Site | This PR | \u0394 size | \u0394 count |", "| --- | --- | ---: | ---: |"];
function sourceLines(sites) {
  if (sites.length === 0) return [];
  return [
    "",
    `<details><summary>Source lines and head sizes of ${sites.length === 1 ? "this site" : `these ${plural(sites.length, "site")}`}</summary>`,
    "",
    ...sites.map((site) => {
      const where = escapeCode(`${site.file}:${site.line ?? site.baseLine ?? "?"}`, 200);
      const text = site.text ? ` ${escapeCode(site.text, SOURCE_WIDTH)}` : "";
      return `- ${where}${text} \xB7 head ${formatBytes(site.headSize)}`;
    }),
    "",
    "</details>"
  ];
}
function grew(site) {
  return site.sizeDelta > 0 || site.sizeDelta === 0 && site.countDelta > 0;
}
function sitesSection(report, scenario, shape, labelled) {
  if (scenario.sites.length === 0) return [];
  const grown = scenario.sites.filter(grew);
  const shrunk = scenario.sites.filter((site) => !grew(site));
  const shown = openSites(scenario.sites, culpritGroups(scenario), shape.top);
  const { roles } = shown;
  const open = [...shown.grown, ...shown.shrunk];
  const openSet = new Set(open);
  const rest = scenario.sites.filter((site) => !openSet.has(site));
  const title = labelled ? ` \xB7 ${escapeCode(scenario.name)}` : "";
  const lines = [""];
  if (open.length > 0) {
    const counts = [
      grown.length > 0 ? `${groupDigits(grown.length)} grew` : "",
      shrunk.length > 0 ? `${groupDigits(shrunk.length)} shrank` : ""
    ].filter(Boolean);
    lines.push(
      `#### Top changed sites${title}`,
      "",
      `<sub>${counts.join(", ")}; ${roles.size > 0 ? "the changed line that keeps memory alive first, with the sites it keeps under it; then " : ""}largest first.</sub>`,
      "",
      ...SITE_HEADER,
      ...open.map((site) => siteRow(report, site, roles.get(site)))
    );
  }
  if (rest.length === 0) return [...lines, ...sourceLines(open)];
  const folded = rest.slice(0, shape.folded);
  const unlisted = rest.length - folded.length;
  const where = unlisted > 0 ? ` (${groupDigits(unlisted)} ${shape.elsewhere})` : "";
  if (folded.length === 0) {
    lines.push(
      "",
      `<sub>${plural(rest.length, open.length > 0 ? "more changed site" : "changed site")}${labelled || open.length === 0 ? ` of ${escapeCode(scenario.name)}` : ""} ${shape.elsewhere}.</sub>`
    );
    return [...lines, ...sourceLines(open)];
  }
  lines.push(
    "",
    `<details><summary>${plural(rest.length, "more changed site")}${labelled ? ` of ${escapeCode(scenario.name)}` : ""}${where}</summary>`,
    "",
    ...SITE_HEADER,
    ...folded.map((site) => siteRow(report, site, roles.get(site))),
    "",
    "</details>"
  );
  return [...lines, ...sourceLines([...open, ...folded])];
}
function sitesLeftOutNote(scenario) {
  const left = scenario.sitesLeftOut;
  if (!left) return [];
  return [
    "",
    `<sub>\u26A0\uFE0F ${groupDigits(left.count)} more changed sites of ${escapeCode(scenario.name)} are not kept in the report (it lists ${groupDigits(scenario.sites.length)} per scenario here), summed: ${formatBytesDelta(left.sizeDelta)} in ${formatCountDelta(left.countDelta)} blocks.</sub>`
  ];
}
function failureSection(scenario, shape) {
  const notRun = notRunText(scenario);
  return failuresOf(scenario).flatMap(({ sides, error }, index) => {
    const details = failureDetail(scenario, error);
    const whose = sides === "base and head" ? "base and head sides" : `${sides} side`;
    return [
      "",
      `<details><summary>\u{1F4A5} ${whose} of ${escapeCode(scenario.name)}: ${escapeCode(error.type)} ${escapeText(error.message, 200)}</summary>`,
      "",
      ...sides === "base and head" ? [
        `<sub>Both sides ${setupFailure(scenario) ? "failed this way" : "raised this error"}; the output is head\u2019s.</sub>`,
        ""
      ] : [],
      details ? escapeBlock(details, shape.blockLines) : "<pre>(no output)</pre>",
      "",
      "</details>",
      ...index === 0 && notRun ? ["", `<sub>\u23ED\uFE0F ${escapeText(notRun)}.</sub>`] : []
    ];
  });
}
function budgetSection(budgets, shape, inTable, scenarios) {
  if (budgets.length === 0) return [];
  const { shown, holding } = listedBudgets(budgets, inTable, shape.allBudgets);
  return [
    "",
    "#### Budgets",
    "",
    "| Rule | Scenario | Limit | Actual | Level | Status |",
    "| --- | --- | ---: | ---: | --- | --- |",
    ...budgetRows(shown).map((row) => {
      if ("folded" in row) {
        const { first, scenarios: names } = row.folded;
        const more = names.length - FOLDED_NAMES_SHOWN;
        const named = names.slice(0, FOLDED_NAMES_SHOWN).map((name) => escapeCode(name));
        return `| ${first.metric} | ${named.join(", ")}${more > 0 ? ` and ${groupDigits(more)} more` : ""} | ${escapeText(first.limit)} | \u2014 | ${first.level} | ${STATUS_ICON.skip} skip (${escapeText(foldedReason(row.folded, scenarios))}) |`;
      }
      const b = row.result;
      return `| ${ruleCell(b, (text) => escapeCode(text, 200))} | ${escapeCode(b.scenario)} | ${escapeText(b.limit)} | ${escapeText(b.actual)}${b.site ? ` at ${escapeCode(b.site)}` : ""}${b.leak ? ` (${escapeText(b.leak)})` : ""} | ${b.level} | ${STATUS_ICON[b.status]} ${b.status}${b.reason ? ` (${escapeText(b.reason)})` : ""} |`;
    }),
    ...unitsNote(shown) ?? [],
    ...holding > 0 ? [
      "",
      `<sub>${plural(holding, "more budget")} ${holding === 1 ? "holds" : "hold"}, not listed: every budget is ${shape.elsewhere}.</sub>`
    ] : []
  ];
}
function unitsNote(budgets) {
  const note = budgetUnitsNote(budgets);
  return note === void 0 ? void 0 : ["", `<sub>${escapeText(note)}.</sub>`];
}
function warningSection(report) {
  const warnings = report.warnings ?? [];
  if (warnings.length === 0) return [];
  return ["", "#### Not checked", "", ...warnings.map((w) => `- \u26A0\uFE0F ${escapeText(w, 1e3)}`)];
}
function hiddenSitesNote(report) {
  const hidden = report.hiddenSites;
  if (!hidden || hidden.ignored + hidden.belowMinimumChange === 0) return [];
  const reasons = [
    hidden.ignored > 0 ? `${groupDigits(hidden.ignored)} match an ignore glob` : "",
    hidden.belowMinimumChange > 0 ? `${groupDigits(hidden.belowMinimumChange)} changed by less than the minimum change of ${formatBytes(hidden.minimumChange)}` : ""
  ].filter(Boolean);
  const total = hidden.ignored + hidden.belowMinimumChange;
  return [
    "",
    `<sub>${groupDigits(total)} changed site${total === 1 ? "" : "s"} not shown: ${reasons.join("; ")}.</sub>`
  ];
}
function shardsItem(report) {
  if (report.shards) {
    const { count, missing } = report.shards;
    return `Shards: ${count} runners, merged` + (missing.length > 0 ? `; no report from shard ${missing.join(", ")}` : "");
  }
  return report.shard ? `Shard: ${report.shard.index} of ${report.shard.count} (its scenarios only)` : "";
}
function environmentSection(report) {
  const env = report.environment;
  const python = [env.implementation, env.python].filter(Boolean).join(" ");
  const runs = report.scenarios.map((s) => repeatsRun(s, env.repeats)?.ran).filter((ran) => ran !== void 0);
  const repeats = runs.length > 0 ? Math.max(...runs) : env.repeats;
  const items = [
    python ? `Python: ${escapeText(python)}` : "",
    env.platform ? `Platform: ${escapeText(env.platform)}` : "",
    env.frames > 1 ? `Tracebacks: ${env.frames} frames, for the top changed sites only` : "Tracebacks: off (frames: 1)",
    report.noChange ? `Head: not run, ${escapeText(report.noChange, 1e3)}` : "",
    ...(report.cached ?? []).map((line) => `Cached: ${escapeText(line, 200)}`),
    shardsItem(report),
    repeats !== void 0 ? `Repeats per side: ${repeats}` : "",
    env.iterations !== void 0 ? `Leak check: ${env.iterations > 0 ? `${env.iterations} calls per function` : "off"}` : "",
    report.configFile ? `Config file: ${escapeCode(report.configFile)}` : "",
    `allocdiff: ${escapeText(report.allocdiffVersion)}`
  ].filter(Boolean);
  return [
    "",
    "<details><summary>Environment</summary>",
    "",
    ...items.map((item) => `- ${item}`),
    "",
    "</details>"
  ];
}
function legend(report) {
  const extra = changedMeasures(report);
  const shown = [...measuresWhere((spec) => spec.shown === "fixed"), ...extra];
  const noisy = report.scenarios.some(
    (s) => shown.some((name) => measureOf(s, name)?.noisy) || s.sites.some((site) => site.noisy)
  );
  const sites = report.scenarios.some((s) => s.sites.length > 0);
  return "<sub>Peak: the high-water mark while the benchmark ran; retained: still allocated when it ended (tracemalloc)." + extra.map((name) => ` ${MEASURES[name].words.explain ?? ""}`).join("") + (sites ? " \u270F\uFE0F changed here: this PR edited the line; indirect: the line is unchanged but allocates differently." : "") + (sites && report.scenarios.some((s) => culpritGroups(s).length > 0) ? " Kept alive by: the objects allocated on the line are held by a container the named line filled." : "") + (noisy ? " \u2248 noisy: varies between runs of the same code; fails a budget only when head's runs lie beyond base's by more than they vary." : "") + ` allocdiff ${escapeText(report.allocdiffVersion)}</sub>`;
}
function selectionOf(report) {
  const listed = listedChanges(report);
  const unchanged = unchangedLine(report, listed);
  const header = [
    commentMarker(report.key),
    `### allocdiff${report.key === "default" ? "" : ` \xB7 ${escapeText(report.key)}`}`,
    "",
    verdictLine(report),
    ...report.interrupted ? ["", `\u23F9\uFE0F **Stopped before the end:** ${escapeText(interruptedText(report.interrupted))}.`] : [],
    ...failedBeforeLine(report),
    "",
    contextLine(report, listed),
    ...report.testsNotRun ? ["", testsNotRunLine(report.testsNotRun)] : [],
    ...report.objectsNotCounted ? ["", objectsNotCountedLine(report.objectsNotCounted)] : [],
    ...report.accepted ? ["", acceptanceMarkdown(report.accepted)] : [],
    ...report.settingsChange ? ["", settingsChangeMarkdown(report.settingsChange)] : []
  ];
  return {
    listed,
    ...unchanged ? { unchanged } : {},
    header,
    noChange: isNoChange(report),
    // One scenario's sites need no title; several scenarios' do.
    labelled: report.scenarios.length > 1,
    causes: sharedCauseLines(report, listed)
  };
}
function sharedCauseLines(report, listed) {
  const changed = listed.filter((s) => s.status !== "failed").length;
  return sharedCauses(listed).flatMap((cause) => [
    "",
    `**One cause:** ${sharedCauseSentence(cause, changed, markdownWords(report), " \u270F\uFE0F")}.`
  ]);
}
function moreSectionsNote(rest, shape) {
  const left = rest.filter((s) => s.sites.length > 0 || s.status === "failed").length;
  if (left === 0) return [];
  return [
    "",
    `<sub>The sites and failures of ${plural(left, "more changed scenario")} are ${shape.elsewhere}.</sub>`
  ];
}
function scenarioSections(report, listed, shape, labelled, room) {
  const lines = [];
  let length = 0;
  const said = verdictCulprit(report)?.finding;
  for (const scenario of listed.slice(0, shape.sections)) {
    const measured = scenario.status !== "failed";
    const part = [
      ...failureSection(scenario, shape),
      ...measured ? keptAliveSection(scenario, labelled, said) : [],
      ...measured ? sitesSection(report, scenario, shape, labelled) : [],
      ...measured ? sitesLeftOutNote(scenario) : [],
      ...shape.extras ? scenarioDetails(scenario, shape.top, report.environment.repeats) : []
    ];
    lines.push(...part);
    for (const line of part) length += line.length + 1;
    if (length > room) break;
  }
  return lines;
}
var NO_BREAK_SPACE = "\xA0";
function keepFiguresWhole(lines) {
  return lines.map(
    (line) => line.startsWith("| ") ? line.replace(
      /(<code>.*?<\/code>)|(\d) (B|KiB|MiB|GiB|TiB|KB|MB|GB|TB|%)(?=[ |)…,;])/g,
      (_match, code, digit, unit) => code ?? `${digit}${NO_BREAK_SPACE}${unit}`
    ) : line
  );
}
function render(report, shape, selection, room) {
  const { listed, header } = selection;
  if (selection.noChange) {
    const short = [
      ...header,
      ...shape.extras ? report.scenarios.slice(0, shape.sections).flatMap((s) => scenarioDetails(s, shape.top, report.environment.repeats)) : [],
      ...hiddenSitesNote(report),
      ...shape.extras ? environmentSection(report) : [],
      ""
    ];
    return keepFiguresWhole(short).join("\n");
  }
  const rows = listed.slice(0, shape.rows);
  const chart = shape.extras ? peakChart(rows) : [];
  const inTable = new Set(rows.map((s) => s.name));
  const lines = [
    ...header,
    ...selection.causes,
    "",
    ...scenarioTable(report, rows),
    ...unchangedNote(
      selection.unchanged,
      listed.length,
      rows.length,
      shape,
      listed.filter((s) => s.status === "failed").length
    ),
    ...scenarioSections(report, listed, shape, selection.labelled, room),
    ...moreSectionsNote(listed.slice(shape.sections), shape),
    ...hiddenSitesNote(report),
    ...chart.length > 0 ? ["", ...chart] : [],
    ...budgetSection(report.budgets, shape, inTable, report.scenarios),
    ...warningSection(report),
    ...shape.extras ? environmentSection(report) : [],
    "",
    legend(report),
    ""
  ];
  return keepFiguresWhole(lines).join("\n");
}
function shapes(top, target, maxLength, shortestRow) {
  const few = Math.min(top, 3);
  if (target === "summary") {
    const elsewhere2 = "in the JSON report";
    const fitting = Math.ceil(maxLength / shortestRow);
    const every2 = { rows: ALL, sections: ALL, allBudgets: true };
    return [
      { top, folded: fitting, blockLines: 200, extras: true, elsewhere: elsewhere2, ...every2 },
      { top, folded: fitting, blockLines: 30, extras: true, elsewhere: elsewhere2, fill: true, ...every2 },
      // Every changed scenario in the table; the sites of the worst ones.
      { top, folded: 0, blockLines: 10, extras: true, elsewhere: elsewhere2, ...every2, sections: 200 },
      { top: few, folded: 0, blockLines: 5, extras: false, elsewhere: elsewhere2, ...every2, sections: 50 },
      {
        top: few,
        folded: 0,
        blockLines: 5,
        extras: false,
        elsewhere: elsewhere2,
        rows: 1e3,
        sections: 20,
        allBudgets: false
      }
    ];
  }
  const elsewhere = "in the job summary and the JSON report";
  const every = { rows: ALL, sections: ALL, allBudgets: false };
  const worst = { rows: 100, sections: 20, allBudgets: false };
  const list = [
    { top, folded: 50, blockLines: 30, extras: true, elsewhere, ...every },
    { top, folded: 10, blockLines: 30, extras: true, elsewhere, ...every },
    { top, folded: 0, blockLines: 10, extras: true, elsewhere, ...every },
    { top, folded: 0, blockLines: 10, extras: true, elsewhere, ...worst },
    { top, folded: 0, blockLines: 5, extras: true, elsewhere, ...worst, rows: 50, sections: 10 }
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
      sections: 5
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
    sections: 3
  });
  return list;
}
function truncate(text, maxLength, elsewhere) {
  const note = `

<sub>Report truncated: the full report is ${elsewhere}.</sub>
`;
  const reserve = note.length + 4 + "\n</details>".length * 8;
  let kept = text.slice(0, Math.max(text.lastIndexOf("\n", maxLength - reserve), 0));
  const closers = [];
  if ((kept.match(/^```/gm) ?? []).length % 2 === 1) closers.push("```");
  const open = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  for (let i = 0; i < Math.min(open, 8); i++) closers.push("</details>");
  if (closers.length > 0) kept += `

${closers.join("\n\n")}`;
  return kept + note;
}
function fillFolded(report, shape, maxLength, selection) {
  let best = render(report, { ...shape, folded: 0 }, selection, maxLength);
  if (best.length > maxLength) return void 0;
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
function renderMarkdown(report, options = {}) {
  const target = options.target ?? "comment";
  const link = target === "comment" ? htmlReportLink(options.htmlUrl) : "";
  const maxLength = (options.maxLength ?? (target === "summary" ? SUMMARY_LIMIT - 4096 : COMMENT_LIMIT - 1e3)) - link.length;
  const top = Math.max(0, options.topSites ?? DEFAULT_TOP_SITES);
  let text = "";
  const sample = report.scenarios.flatMap((s) => s.sites.slice(0, 20));
  const shortestRow = Math.max(
    50,
    Math.min(...sample.map((site) => siteRow(report, site).length + 1))
  );
  const selection = selectionOf(report);
  for (const shape of shapes(top, target, maxLength, shortestRow)) {
    text = render(report, shape, selection, maxLength);
    if (text.length <= maxLength) return text + link;
    const filled = shape.fill ? fillFolded(report, shape, maxLength, selection) : void 0;
    if (filled !== void 0) return filled + link;
  }
  return truncate(
    text,
    maxLength,
    target === "summary" ? "in the JSON report" : "in the job summary and the JSON report"
  ) + link;
}
function renderSummary(report, topSites = DEFAULT_TOP_SITES) {
  const limit = SUMMARY_LIMIT - 4096;
  let maxLength = limit;
  let text = renderMarkdown(report, { topSites, target: "summary", maxLength });
  for (let attempt = 0; attempt < 4 && Buffer.byteLength(text, "utf8") > limit; attempt++) {
    maxLength = Math.floor(maxLength * limit / Buffer.byteLength(text, "utf8")) - 1e3;
    text = renderMarkdown(report, { topSites, target: "summary", maxLength });
  }
  return text;
}

export {
  commentMarker,
  renderMarkdown,
  renderSummary
};

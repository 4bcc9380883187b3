import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  budgetsOfScenario,
  changedMeasures,
  changedScenarios,
  isNoChange,
  listedChanges,
  testsNotRunText,
  unchangedLine
} from "./chunk-3OAM6NYG.js";
import {
  checkBudgets,
  failsRun,
  globMatcher
} from "./chunk-4DD6O22E.js";
import {
  decideVerdict,
  levelOf,
  verdictCauses
} from "./chunk-46ZMQ7S7.js";
import {
  formatBytes,
  formatBytesDelta,
  formatChange,
  formatCountDelta,
  formatPercent,
  groupDigits,
  percentChange
} from "./chunk-5JXOXQC2.js";
import {
  MEASURES,
  MEASURE_NAMES,
  changedBeyond,
  measureOf,
  measuresWhere,
  sizeUnitsOf,
  unitOf
} from "./chunk-53YQGEQT.js";

// src/report/failure.ts
function sameFailure(a, b) {
  return a.type === b.type && a.message === b.message;
}
function bothFailed(scenario) {
  return scenario.status === "failed" && scenario.baseError !== void 0;
}
function failedSides(scenario) {
  if (scenario.status !== "failed") return void 0;
  return bothFailed(scenario) ? "base and head" : scenario.error?.side ?? "head";
}
function failuresOf(scenario) {
  const { error, baseError } = scenario;
  if (!error) return [];
  if (!baseError) return [{ sides: error.side, error }];
  if (sameFailure(error, baseError)) return [{ sides: "base and head", error }];
  return [
    { sides: "head", error },
    { sides: "base", error: baseError }
  ];
}
function raisedText(scenario, code) {
  const failures = failuresOf(scenario);
  const type = (failure) => code(failure.error.type || "an error");
  if (failures.length === 2) {
    return `${type(failures[0])} on head and ${type(failures[1])} on base`;
  }
  const [only] = failures;
  if (!only) return code("an error");
  return only.sides === "base and head" ? `${type(only)} on both sides` : type(only);
}
function lines(text) {
  const trimmed = text?.trimEnd() ?? "";
  return trimmed === "" ? [] : trimmed.split("\n");
}
function failureText(error) {
  const output = lines(error.output);
  const traceback = lines(error.traceback);
  if (traceback.length === 0) return output.join("\n");
  const lastLine = traceback[traceback.length - 1];
  const end = output.lastIndexOf(lastLine);
  if (end < 0) return [...traceback, ...output].join("\n");
  let matched = 1;
  while (matched < traceback.length && end - matched >= 0 && output[end - matched] === traceback[traceback.length - 1 - matched]) {
    matched += 1;
  }
  return [...output.slice(0, end + 1 - matched), ...traceback, ...output.slice(end + 1)].join("\n");
}

// src/compare/noise.ts
function callsInOneProcess(kind) {
  return kind === "function" || kind === "test";
}
function minimumRepeats(kind) {
  return callsInOneProcess(kind) ? 3 : 2;
}
function growthPerCall(values) {
  const calls = values.length >= 2 && values[0] <= values[1] ? values : values.slice(1);
  if (calls.length < 3) return void 0;
  for (let index = 1; index < calls.length; index += 1) {
    if (calls[index] < calls[index - 1]) return void 0;
  }
  const first = calls[0];
  const middle = calls[Math.floor((calls.length - 1) / 2)];
  const last = calls[calls.length - 1];
  if (middle <= first || last <= middle) return void 0;
  return Math.max(1, Math.round((last - first) / (calls.length - 1)));
}
function spreadOf(values, kind) {
  const compared = callsInOneProcess(kind) ? values.slice(1) : values;
  const differs = compared.length >= 2 && compared.some((value) => value !== compared[0]);
  if (!differs) return { noisy: false };
  const range = [Math.min(...values), Math.max(...values)];
  const growth = callsInOneProcess(kind) ? growthPerCall(values) : void 0;
  return growth === void 0 ? { noisy: true, range } : { noisy: false, range, growth };
}
var STEADY = Object.freeze({ noisy: false });
function siteSpread(site, kind) {
  if (site.sizes === void 0 && site.counts === void 0) return STEADY;
  const sizes = spreadOf(site.sizes ?? [site.size], kind);
  if (sizes.noisy) return sizes;
  const counts = spreadOf(site.counts ?? [site.count], kind);
  return counts.noisy ? { noisy: true, range: sizes.range ?? [site.size, site.size] } : sizes;
}
function totalSpread(scenario, repeat) {
  const values = scenario.repeats.map(repeat);
  if (values.some((value) => value === void 0)) return STEADY;
  return spreadOf(values, scenario.kind);
}
function recordSpreads(target, base, head) {
  if (base?.noisy || head?.noisy) target.noisy = true;
  if (base?.range) target.baseRange = base.range;
  if (head?.range) target.headRange = head.range;
  if (base?.growth !== void 0) target.baseGrowth = base.growth;
  if (head?.growth !== void 0) target.headGrowth = head.growth;
}
var EXACT_REPEATS = measuresWhere((spec) => spec.exact).flatMap((name) => {
  const repeat = MEASURES[name].repeat;
  return repeat === void 0 ? [] : [repeat];
});
function isDeterministic(scenario) {
  if (scenario.status !== "ok") return void 0;
  if ((scenario.identicalRuns ?? 0) >= 2) return true;
  if (scenario.repeats.length < minimumRepeats(scenario.kind)) return void 0;
  return EXACT_REPEATS.every((repeat) => totalSpread(scenario, repeat).range === void 0) && scenario.sites.every((site) => siteSpread(site, scenario.kind).range === void 0);
}

// src/compare/agreement.ts
var PEAK_TOLERANCE_BYTES = MEASURES.peak.tolerance.firstPass;
function sidesAgree(comparison) {
  return comparison.scenarios.length > 0 && comparison.scenarios.every(scenarioAgrees);
}
function scenarioAgrees(s) {
  return s.status === "ok" && MEASURE_NAMES.every((name) => {
    const measure = measureOf(s, name);
    if (measure === void 0) return true;
    return measure.delta !== null && !changedBeyond(measure, MEASURES[name].tolerance.firstPass);
  }) && s.sites.length === 0;
}
function peaksChanged(comparison) {
  return comparison.scenarios.filter((s) => s.status === "ok" && Math.abs(s.peak.delta ?? 0) > PEAK_TOLERANCE_BYTES).map((s) => s.name);
}
var AUTOMATIC_LEAK_CALLS = 5;
function functionRetainedChanged(comparison) {
  return comparison.scenarios.some(
    (s) => s.status === "ok" && s.kind !== void 0 && callsInOneProcess(s.kind) && (s.retained.delta ?? 0) !== 0
  );
}
function differingScenarios(comparison) {
  return comparison.scenarios.filter((s) => s.status !== "failed" && !scenarioAgrees(s)).map((s) => s.name);
}

// src/report/lead.ts
var CHANGE_METRICS = measuresWhere((spec) => spec.lead !== void 0);
function weightOf(scenario, metric, measure) {
  const size = Math.abs(measure.delta);
  if (MEASURES[metric].lead.weight === "own")
    return measure.base > 0 ? size / measure.base : Infinity;
  const scale = Math.max(scenario.peak.base ?? 0, measure.base);
  return scale > 0 ? size / scale : Infinity;
}
function changesOf(report) {
  const changes = [];
  const metrics = CHANGE_METRICS;
  report.scenarios.forEach((scenario, index) => {
    if (scenario.status !== "ok") return;
    metrics.forEach((metric, position) => {
      const measure = measureOf(scenario, metric);
      if (!measure || measure.base === null || measure.head === null || !measure.delta) return;
      if (scenarioAgrees(scenario)) return;
      const known = measure;
      const weight = weightOf(scenario, metric, known);
      changes.push({
        scenario,
        metric,
        measure: known,
        weight,
        order: index * metrics.length + position,
        size: sizeClass(weight),
        named: siteBehind(scenario, metric, known.delta) !== void 0
      });
    });
  });
  return changes.sort(
    (a, b) => Number(a.measure.noisy === true) - Number(b.measure.noisy === true) || descending(a.size, b.size) || Number(b.named) - Number(a.named) || descending(a.weight, b.weight) || Math.abs(b.measure.delta) - Math.abs(a.measure.delta) || a.order - b.order
  ).map(({ order: _order, size: _size, named: _named, ...change2 }) => change2);
}
function sizeClass(weight) {
  if (weight === Infinity) return Infinity;
  return weight > 0 ? Math.round(Math.log(weight) / Math.log(1.02)) : -Infinity;
}
function descending(a, b) {
  return a === b ? 0 : b > a ? 1 : -1;
}
function isGrowth(change2) {
  return change2.measure.delta > 0 && !change2.measure.noisy;
}
function isChecked(report, scenario) {
  return budgetsOfScenario(report.budgets, scenario).some((budget) => budget.status !== "skip");
}
function uncheckedGrowth(report, changes = changesOf(report)) {
  return changes.find((change2) => isGrowth(change2) && !isChecked(report, change2.scenario.name));
}
function headlineChanges(report) {
  const changes = changesOf(report);
  const [lead] = changes;
  const unchecked = uncheckedGrowth(report, changes);
  const growth = lead && lead.measure.delta < 0 ? changes.find(isGrowth) : void 0;
  const also = unchecked ?? growth;
  return {
    ...lead ? { lead } : {},
    ...also && also !== lead ? { also } : {},
    ...unchecked ? { unchecked } : {}
  };
}
function changeWithSite(change2, words) {
  return changeSentence(change2, words) + siteClause(change2.scenario, change2.metric, change2.measure.delta, words);
}
function siteBehind(scenario, metric, delta) {
  const explaining = MEASURES[metric].sites;
  if (delta === 0 || explaining === void 0) return void 0;
  const list = explaining.list;
  const sites = list === "peakSites" ? scenario.peakSites?.sites : scenario[list];
  let best;
  for (const site of sites ?? []) {
    const moved = Math.sign(delta) * site.sizeDelta;
    if (moved > 0 && (!best || moved > Math.sign(delta) * best.sizeDelta)) best = site;
  }
  return best;
}
function unitsBeside(limit) {
  return /%$/.test(limit.trim()) ? "binary" : sizeUnitsOf(limit);
}
function siteClause(scenario, metric, delta, words, units = "binary") {
  const site = siteBehind(scenario, metric, delta);
  if (!site) return "";
  const unit = MEASURES[metric].sites?.unit ?? "";
  return `, most at ${words.site(site)} (${formatBytesDelta(site.sizeDelta, units)}${unit})`;
}
function approx(measure, text) {
  return measure.noisy ? `\u2248 ${text}` : text;
}
function changeSentence(change2, words) {
  const { measure, metric, scenario } = change2;
  const verb = measure.delta > 0 ? "grew" : "shrank";
  const percent = percentChange(measure.base, measure.head);
  const amount = percent === void 0 ? `from ${formatBytes(measure.base)} to ${approx(measure, formatBytes(measure.head))}` : `${approx(measure, formatPercent(percent))} (${approx(measure, formatBytesDelta(measure.delta))})`;
  return `${MEASURES[metric].words.subject} of ${words.code(scenario.name)} ${verb} ${amount}`;
}
function leakText(leak) {
  if (leak.head === null) return void 0;
  const change2 = leak.delta !== null && leak.delta !== 0 ? ` (${formatBytesDelta(leak.delta)})` : "";
  return approx(leak, `${formatBytes(leak.head)}${change2}`);
}
function budgetExample(metric) {
  const limit = MEASURES[metric].lead.example;
  return {
    input: `budget: '${metric}: ${limit}'`,
    file: `budgets: {${metric}: ${limit}}`,
    flag: `--budget "${metric}: ${limit}"`
  };
}

// src/report/verdict.ts
function budgetSubject(budget) {
  if (budget.metric === "site") return budget.site ? `site ${budget.site}` : "site";
  return MEASURES[budget.metric].words.name;
}
function explainVerdict(report) {
  const causes = verdictCauses(report, report.budgets, report.warnings ?? []);
  const decided = report.verdict === "pass" ? void 0 : causes.find((cause) => levelOf(cause) === report.verdict);
  const failedOn = (side) => causes.find((cause) => cause.kind === "benchmark-failed" && cause.side === side);
  const told = decided?.kind === "budget-failed" || decided?.kind === "budget-warned" || decided?.kind === "benchmark-failed" && decided.side !== void 0 ? decided : void 0;
  const lead = told ?? failedOn("base") ?? failedOn("head") ?? causes.find((cause) => cause.kind === "not-checked");
  return {
    verdict: report.verdict,
    causes,
    ...decided ? { decided } : {},
    ...lead ? { lead } : {},
    changes: headlineChanges(report),
    noChange: isNoChange(report),
    headNotRun: notRunReason(report) !== void 0,
    checked: report.budgets.some((budget) => budget.status !== "skip"),
    held: report.budgets.some((budget) => budget.status === "pass")
  };
}
var NOT_RUN = "no change: ";
function notRunReason(report) {
  return report.noChange?.startsWith(NOT_RUN) ? report.noChange.slice(NOT_RUN.length) : void 0;
}
function warnCause(because) {
  return because === "noisy" ? "noisy measurement: reported, not failed" : "warn-level rule";
}
var PLAIN = {
  code: (text) => text,
  site: (site) => `${site.file}:${site.line ?? site.baseLine ?? "?"}`
};
function budgetSite(report, budget) {
  if (budget.metric === "site") return "";
  const scenario = report.scenarios.find((s) => s.name === budget.scenario);
  const measure = scenario && measureOf(scenario, budget.metric);
  if (!scenario || !measure?.delta) return "";
  return siteClause(scenario, budget.metric, measure.delta, PLAIN, unitsBeside(budget.limit));
}
function failedReason(scenario) {
  return bothFailed(scenario) ? `the base and head benchmarks failed: ${scenario.name} raised ${raisedText(scenario, PLAIN.code)}` : `the head benchmark failed: ${scenario.name} raised ${scenario.error?.type || "an error"}`;
}
function passReason(explanation) {
  const { checked, changes } = explanation;
  if (explanation.noChange && explanation.headNotRun) {
    return `${checked ? "within budget; " : ""}no change: head not run, as this pull request touches nothing the benchmark reads`;
  }
  if (explanation.noChange) return checked ? "within budget; no memory change" : "no memory change";
  const { lead, also, unchecked } = changes;
  const what = [lead, also].filter((change2) => change2 !== void 0).map((change2) => changeWithSite(change2, PLAIN)).join("; ");
  if (unchecked) {
    return checked ? `${what}; no budget checks ${unchecked.scenario.name}` : `${what}; no budget is set, so nothing was checked: add one, e.g. ${budgetExample(unchecked.metric).flag}`;
  }
  if (!checked) return what || "no budget is set";
  return what ? `within budget; ${what}` : "within budget";
}
function causeSentence(report, cause) {
  switch (cause.kind) {
    case "budget-failed":
    case "budget-warned": {
      const { budget } = cause;
      const sentence = `${budgetSubject(budget)} of ${budget.scenario} is ${budget.actual}, limit ${budget.limit}`;
      const where = budgetSite(report, budget);
      return cause.kind === "budget-failed" ? `memory budget exceeded: ${sentence}${where}` : `memory budget warning: ${sentence} (${warnCause(cause.because)})${where}`;
    }
    case "benchmark-failed":
      return cause.side === "head" ? failedReason(cause.scenario) : "the base side could not be measured; nothing to compare against";
    case "not-checked":
      return cause.warning;
  }
}
function verdictReason(report, explanation = explainVerdict(report)) {
  const { decided } = explanation;
  if (decided) return causeSentence(report, decided);
  if (report.verdict === "fail") return "a budget was exceeded or the head benchmark failed";
  if (report.verdict === "warn")
    return "the base side could not be measured; nothing to compare against";
  return passReason(explanation);
}
function grewUnchecked(explanation) {
  return explanation.verdict === "pass" && explanation.changes.unchecked !== void 0;
}
function acceptanceText(accepted) {
  return `accepted with the label "${accepted.label}"` + (accepted.by !== void 0 ? ` (added by ${accepted.by})` : "");
}

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

// src/report/escape.ts
var ZERO_WIDTH_SPACE = "\u200B";
var ALWAYS = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "`": "&#96;",
  "\\": "&#92;",
  "|": "&#124;",
  $: "&#36;"
};
var PUNCTUATION = /[\p{P}\p{S}]/u;
var SPACE = /\s/u;
var EDGES = [" ", ">"];
function isDelimiter(run, before, after) {
  for (const b of before === void 0 ? EDGES : [before]) {
    for (const a of after === void 0 ? EDGES : [after]) {
      const left = !SPACE.test(a) && (!PUNCTUATION.test(a) || SPACE.test(b) || PUNCTUATION.test(b));
      const right = !SPACE.test(b) && (!PUNCTUATION.test(b) || SPACE.test(a) || PUNCTUATION.test(a));
      if (run[0] === "_") {
        if (right && (!left || PUNCTUATION.test(a))) return true;
      } else if (left || right) {
        return true;
      }
    }
  }
  return false;
}
function escapeSyntax(text, brackets) {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const ch = text[i];
    if (ch === "*" || ch === "_" || ch === "~") {
      let end = i;
      while (text[end] === ch) end++;
      const run = text.slice(i, end);
      const escape = isDelimiter(run, i > 0 ? text[i - 1] : void 0, text[end]);
      out += escape ? `&#${ch.charCodeAt(0)};`.repeat(run.length) : run;
      i = end;
      continue;
    }
    if (ALWAYS[ch] !== void 0) {
      out += ALWAYS[ch];
    } else if (ch === "[" && brackets === "all") {
      out += "&#91;";
    } else if (ch === "]" && (brackets === "all" || i + 1 === text.length || text[i + 1] === "(")) {
      out += "&#93;";
    } else {
      out += ch;
    }
    i++;
  }
  return out;
}
var LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
var INVISIBLE = /[\p{Cf}\u0080-\u009f\u2028\u2029]/gu;
function revealInvisible(text) {
  return text.replace(
    INVISIBLE,
    (ch) => `<U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}>`
  );
}
function defuse(text, brackets = "links") {
  return escapeSyntax(
    // Before the Markdown escapes: the `<` and `>` of `<U+…>` are escaped with the rest.
    revealInvisible(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "\uFFFD").replace(LONE_SURROGATE, "\uFFFD"),
    brackets
  ).replace(/@/g, `@${ZERO_WIDTH_SPACE}`).replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`).replace(/(www)\./gi, `$1${ZERO_WIDTH_SPACE}.`);
}
function escapeText(text, maxLength = 300, brackets = "links") {
  const start = text.length > 2 * maxLength + 2 ? text.slice(0, 2 * maxLength + 2) : text;
  const oneLine = start.replace(/\r?\n|\r/g, " ");
  const cut = oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}\u2026` : oneLine;
  return defuse(cut, brackets);
}
function escapeCode(text, maxLength = 120) {
  return `<code>${escapeText(text, maxLength)}</code>`;
}
function escapeCodeLabel(text, maxLength = 120) {
  return `<code>${escapeText(text, maxLength, "all")}</code>`;
}
function escapeBlock(text, maxLines = 30) {
  let start = text.length;
  for (let found = 0; found <= maxLines && start > 0; found++) {
    start = text.lastIndexOf("\n", start - 1);
  }
  const tail = start > 0 ? text.slice(start + 1) : text;
  const lines2 = tail.replace(/\r\n?/g, "\n").split("\n");
  const kept = lines2.length > maxLines || tail !== text ? ["\u2026", ...lines2.slice(-maxLines)] : lines2;
  return `<pre>${kept.map((line) => defuse(line.slice(0, 500))).join("\n")}</pre>`;
}
function repositoryPath(path) {
  if (path.startsWith("/")) return void 0;
  const kept = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (kept.length === 0) return void 0;
      kept.pop();
    } else {
      kept.push(segment);
    }
  }
  return kept.length > 0 ? kept.join("/") : void 0;
}
function encodePath(path) {
  return path.replace(LONE_SURROGATE, "\uFFFD").split("/").map(
    (segment) => encodeURIComponent(segment).replace(
      /[()*!'~]/g,
      (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`
    )
  ).join("/");
}
var CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
function visibleText(text) {
  return revealInvisible(text).replace(CONTROL, "\uFFFD").replace(LONE_SURROGATE, "\uFFFD");
}
function escapeHtml(text) {
  return visibleText(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
function jsonForScript(value) {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}

// src/report/details.ts
function siteLabel(site) {
  const line = site.line ?? site.baseLine ?? "?";
  return `${site.file}:${line}${site.function ? ` in ${site.function}` : ""}`;
}
function isProjectFile(file) {
  return !file.startsWith("<") && !file.startsWith("site-packages/");
}
function formatTraceback(traceback) {
  const lines2 = traceback.truncated ? ["  \u2026 older frames cut off (raise frames to see them)"] : [];
  for (const frame of traceback.frames) {
    lines2.push(
      `  File "${frame.file}", line ${frame.line}${frame.function ? `, in ${frame.function}` : ""}`
    );
    if (frame.text) lines2.push(`    ${frame.text}`);
  }
  return lines2.join("\n");
}
function folded(summary, body) {
  return ["", `<details><summary>${summary}</summary>`, "", ...body, "", "</details>"];
}
function count(n, what) {
  return `${groupDigits(n)} ${what}${n === 1 ? "" : "s"}`;
}
function rangeText(range, value, bytes = true) {
  const show = (n) => bytes ? formatBytes(n) : groupDigits(n);
  if (range) return `${show(range[0])} \u2026 ${show(range[1])}`;
  return value === null ? "\u2014" : `${show(value)} (steady)`;
}
function repeatsRun(scenario, configured) {
  const measured = scenario.repeats ? Math.max(scenario.repeats.base, scenario.repeats.head) : 0;
  if (measured === 0) return void 0;
  if (scenario.identicalRuns !== void 0)
    return { ran: scenario.identicalRuns, from: 1, unit: "run" };
  if (scenario.kind === "function") {
    return { ran: measured, from: 2, unit: "call", why: "the first call is a cold one" };
  }
  if (scenario.kind === "script" && scenario.objectTypes !== void 0 && configured === measured + 1) {
    return { ran: configured, from: 2, unit: "run", why: "the first run also counted objects" };
  }
  return { ran: measured, from: 1, unit: "run" };
}
function comparedRepeats(run) {
  if (run.from === 1) return { what: count(run.ran, run.unit), why: "" };
  return {
    what: `${run.unit}s ${run.from}\u2013${run.ran} of ${run.ran}`,
    why: run.why ? ` (${run.why})` : ""
  };
}
function totalsOf(scenario) {
  return measuresWhere((spec) => spec.words.row !== void 0).flatMap((name) => {
    const measure = measureOf(scenario, name);
    const spec = MEASURES[name];
    return measure && spec.words.row !== void 0 ? [[spec.words.row, measure, spec.unit === "bytes"]] : [];
  });
}
function noiseSection(scenario, top, configured) {
  const run = repeatsRun(scenario, configured);
  if (scenario.deterministic === true && scenario.identicalRuns !== void 0) {
    return [
      "",
      `<sub>\u{1F3AF} ${escapeCode(scenario.name)} is deterministic: ${scenario.identicalRuns} identical runs per side (processes of their own), so no further repeats were needed.</sub>`
    ];
  }
  if (scenario.deterministic === true && run) {
    const { what, why } = comparedRepeats(run);
    return [
      "",
      `<sub>\u{1F3AF} ${escapeCode(scenario.name)} is deterministic: ${what} per side gave identical figures${why}.</sub>`
    ];
  }
  const totals = totalsOf(scenario);
  const noisyTotals = totals.filter(([, measure]) => measure.noisy);
  const noisySites = scenario.sites.filter((site) => site.noisy);
  if (noisyTotals.length === 0 && noisySites.length === 0) return [];
  const shownSites = noisySites.slice(0, top);
  const rows = [
    ...noisyTotals.map(
      ([name, measure, bytes]) => `| ${name} | ${rangeText(measure.baseRange, measure.base, bytes)} | ${rangeText(measure.headRange, measure.head, bytes)} |`
    ),
    ...shownSites.map(
      (site) => `| ${escapeCode(siteLabel(site), 200)} | ${rangeText(site.baseRange, site.baseLine === null ? null : site.baseSize)} | ${rangeText(site.headRange, site.line === null ? null : site.headSize)} |`
    )
  ];
  const more = noisySites.length - shownSites.length;
  return folded(
    `\u3030\uFE0F Noisy in ${escapeCode(scenario.name)}: ${count(noisyTotals.length, "total")} and ${count(noisySites.length, "site")} differ between repeats (failed on only where base's and head's ranges do not overlap)`,
    [
      "| Measurement | Base (min \u2026 max) | Head (min \u2026 max) |",
      "| --- | ---: | ---: |",
      ...rows,
      ...more > 0 ? ["", `<sub>${count(more, "more noisy site")} in the JSON report.</sub>`] : []
    ]
  );
}
function growthText(range, growth, value, bytes) {
  const show = (n) => bytes ? formatBytes(n) : groupDigits(n);
  if (growth !== void 0 && range) {
    const perCall = bytes ? formatBytesDelta(growth) : `+${groupDigits(growth)}`;
    return `${show(range[0])} \u2026 ${show(range[1])}, grows ${perCall} per call`;
  }
  return range ? `${rangeText(range, value, bytes)} (noisy)` : rangeText(range, value, bytes);
}
function growthSection(scenario, top) {
  const grows = (v) => v.baseGrowth !== void 0 || v.headGrowth !== void 0;
  const totals = totalsOf(scenario);
  const growingTotals = totals.filter(([, measure]) => grows(measure));
  const growingSites = scenario.sites.filter(grows);
  if (growingTotals.length === 0 && growingSites.length === 0) return [];
  const shownSites = growingSites.slice(0, top);
  const more = growingSites.length - shownSites.length;
  return folded(
    `\u{1F4A7} Leak in ${escapeCode(scenario.name)}: ${count(growingTotals.length, "total")} and ${count(growingSites.length, "site")} grow with every call (judged by budgets, not noise)`,
    [
      "| Measurement | Base (min \u2026 max) | Head (min \u2026 max) |",
      "| --- | ---: | ---: |",
      ...growingTotals.map(
        ([name, m, bytes]) => `| ${name} | ${growthText(m.baseRange, m.baseGrowth, m.base, bytes)} | ${growthText(m.headRange, m.headGrowth, m.head, bytes)} |`
      ),
      ...shownSites.map(
        (site) => `| ${escapeCode(siteLabel(site), 200)} | ${growthText(site.baseRange, site.baseGrowth, site.baseLine === null ? null : site.baseSize, true)} | ${growthText(site.headRange, site.headGrowth, site.line === null ? null : site.headSize, true)} |`
      ),
      ...more > 0 ? ["", `<sub>${count(more, "more growing site")} in the JSON report.</sub>`] : [],
      "",
      `<sub>A function's repeats run in one process: a figure that rises with every call is state the calls keep, not noise, and budgets judge it. Its growth per call is not the bytes each call keeps${scenario.leak ? " (the leak check measures those)" : ": set <code>iterations</code> for a leak check that measures those"}.</sub>`
    ]
  );
}
function leakSection(scenario, top) {
  const leak = scenario.leak;
  if (!leak || !leak.base && !leak.head && !scenario.leakSites?.length) return [];
  const perCall = (value) => value === null ? "\u2014" : `${formatBytes(value)}/call`;
  const summary = `\u{1F4A7} Leak check of ${escapeCode(scenario.name)}: ${perCall(leak.head)} on head (base ${perCall(leak.base)})`;
  const sites = (scenario.leakSites ?? []).slice(0, top);
  if (sites.length === 0) return folded(summary, ["No site keeps growing after the first call."]);
  return folded(summary, [
    "| Leaking site | Source | Base per call | Head per call |",
    "| --- | --- | ---: | ---: |",
    ...sites.map(
      (site) => `| ${escapeCode(siteLabel(site), 200)} | ${site.text ? escapeCode(site.text) : ""} | ${site.baseLine === null ? "\u2014" : formatBytes(site.baseSize)} | ${site.line === null ? "\u2014" : formatBytes(site.headSize)} |`
    )
  ]);
}
function tracebackSection(scenario, top) {
  const traced = scenario.sites.slice(0, top).filter((site) => site.tracebacks?.length);
  if (traced.length === 0) return [];
  const body = traced.flatMap((site) => {
    const [largest] = site.tracebacks;
    const own = [...largest.frames].reverse().find((frame) => isProjectFile(frame.file));
    const via = own && (own.file !== site.file || own.line !== (site.line ?? site.baseLine)) ? ` via ${escapeCode(siteLabel({ ...own, baseLine: null }), 200)}` : "";
    return [
      `**${escapeCode(siteLabel(site), 200)}** ${formatBytesDelta(site.sizeDelta)} (${site.tracebackSide === "base" ? "base" : "head"}, ${formatBytes(largest.size)} along this path)${via}`,
      "",
      escapeBlock(formatTraceback(largest), 60),
      ""
    ];
  });
  return folded(
    `\u{1F9F5} Tracebacks of ${count(traced.length, "changed site")} in ${escapeCode(scenario.name)}`,
    body
  );
}
function objectTypesSection(scenario, top) {
  const types = scenario.objectTypes ?? [];
  if (types.length === 0) return [];
  const shown = types.slice(0, top * 2);
  const growth = (n) => n === null ? "\u2014" : formatCountDelta(n);
  return folded(
    `\u{1F9EE} Objects by type in ${escapeCode(scenario.name)}: ${count(types.length, "type")} changed`,
    [
      "| Type | Base growth | Head growth | \u0394 |",
      "| --- | ---: | ---: | ---: |",
      ...shown.map(
        (entry) => `| ${escapeCode(entry.type)} | ${growth(entry.baseGrowth)} | ${growth(entry.headGrowth)} | ${formatCountDelta(entry.delta)} |`
      ),
      ...types.length > shown.length ? ["", `<sub>${count(types.length - shown.length, "more type")} in the JSON report.</sub>`] : []
    ]
  );
}
var PEAK_SITES_SLACK = 0.02;
var PEAK_SITES_SLACK_BYTES = 256 * 1024;
function shownPeakSites(sites, top) {
  const grown = sites.filter((site) => site.sizeDelta > 0).slice(0, top);
  const shrunk = sites.filter((site) => site.sizeDelta < 0).slice(0, top);
  const room = Math.max(0, top - grown.length - shrunk.length);
  const same = sites.filter((site) => site.sizeDelta === 0).sort((a, b) => b.headSize - a.headSize).slice(0, room);
  return [...grown, ...shrunk, ...same];
}
function peakSection(scenario, top) {
  const peak = scenario.peakSites;
  if (!peak || peak.sites.length === 0) return [];
  const shown = shownPeakSites(peak.sites, top);
  const explained = (side) => {
    const level = peak[side];
    if (!level) return "";
    const held = peak.sites.reduce(
      (sum, s) => sum + (side === "head" ? s.headSize : s.baseSize),
      0
    );
    return `${side} ${formatBytes(held)} of a ${formatBytes(level.peakBytes)} peak`;
  };
  const elsewhere = ["base", "head"].flatMap((side) => {
    const hooked = peak[side]?.peakBytes;
    const measured = scenario.peak[side];
    if (hooked === void 0 || measured === null) return [];
    const gap = Math.abs(hooked - measured);
    if (gap <= Math.max(PEAK_SITES_SLACK_BYTES, PEAK_SITES_SLACK * measured)) return [];
    return [
      `On ${side}, these sites come from a hooked run whose peak was ${formatBytes(hooked)}, not the ${formatBytes(measured)} measured, so they may not be what made the measured peak.`
    ];
  });
  const more = peak.sites.length - shown.length;
  const sides = [explained("base"), explained("head")].filter(Boolean).join(", ");
  return folded(`\u26F0\uFE0F Sites at the peak of ${escapeCode(scenario.name)} (${escapeText(sides)})`, [
    "| Site | Source | Base at peak | Head at peak | \u0394 |",
    "| --- | --- | ---: | ---: | ---: |",
    ...shown.map(
      (site) => `| ${escapeCode(siteLabel(site), 200)}${site.changedLine ? " \u270F\uFE0F" : ""} | ${site.text ? escapeCode(site.text) : ""} | ${formatBytes(site.baseSize)} | ${formatBytes(site.headSize)} | ${formatBytesDelta(site.sizeDelta)} |`
    ),
    ...more > 0 ? ["", `<sub>${count(more, "more site")} at the peak in the JSON report.</sub>`] : [],
    ...elsewhere.map((text) => `
<sub>\u26A0\uFE0F ${escapeText(text)}</sub>`)
  ]);
}
function scenarioDetails(scenario, top, repeats) {
  if (scenario.status === "failed" || top <= 0) return [];
  return [
    ...noiseSection(scenario, top, repeats),
    ...growthSection(scenario, top),
    ...leakSection(scenario, top),
    ...tracebackSection(scenario, top),
    ...objectTypesSection(scenario, top),
    ...peakSection(scenario, top)
  ];
}

// src/report/retention.ts
var RETENTION_SHOWN = 3;
var plainCode = (text) => `\`${text}\``;
var markdownCode = (text) => escapeCode(text, 200);
function leadingRetention(scenarios) {
  let best;
  for (const scenario of scenarios) {
    for (const finding of scenario.retention ?? []) {
      if (!finding.culprit) continue;
      if (!best || finding.bytes > best.finding.bytes) best = { scenario, finding };
    }
  }
  return best;
}
function holderText(finding, code = plainCode) {
  switch (finding.kind) {
    case "unreachable": {
      const types = (finding.cycle ?? []).slice(0, 4).map((entry) => code(entry.type));
      return types.length > 0 ? `an unreachable reference cycle (${types.join(", ")}) that only the collector frees, and it was off (${code("gc.disable()")})` : "nothing a Python object holds (C code, or a cycle the collector did not free)";
    }
    case "gc.garbage":
      return `${code("gc.garbage")} (unreachable reference cycles the collector saved: ${code(finding.holderType)})`;
    case "not found":
      return "a chain longer than the walk follows";
    case "return value":
      return `the measured call's return value (${code(finding.path)})`;
    default:
      return `${code(finding.holder)} (${code(finding.holderType)}${finding.kind === "module global" || finding.kind === "benchmark global" || finding.holder === finding.root ? "" : `, from ${finding.kind} ${code(finding.root)}`})`;
  }
}
function retentionSentence(finding, code = plainCode) {
  const objects = finding.sampledOf > 0 ? Math.round(finding.objects * finding.sampled / finding.sampledOf) : finding.objects;
  const site = code(`${finding.site.file}:${finding.site.line}`);
  const how = finding.kind === "unreachable" ? `made (a ${code(finding.culprit?.type ?? "?")} of the cycle)` : finding.culprit?.evidence === "stored" && finding.culprit.type ? `filled (a ${code(finding.culprit.type)} stored)` : "filled";
  const culprit = finding.culprit ? `, ${how} at ${code(`${finding.culprit.file}:${finding.culprit.line}`)}, a line this change made` : "";
  return `${formatBytes(finding.bytes)} of ${groupDigits(objects)} object${objects === 1 ? "" : "s"} from ${site} ${objects === 1 ? "is" : "are"} kept alive by ${holderText(finding, code)}${culprit}`;
}
function row(finding) {
  const culprit = finding.culprit ? `${escapeCode(`${finding.culprit.file}:${finding.culprit.line}`, 200)} \u270F\uFE0F` : "\u2014";
  return `| ${holderText(finding, markdownCode)} | ${escapeCode(`${finding.site.file}:${finding.site.line}`, 200)} | ${formatBytes(finding.bytes)} | ${culprit} |`;
}
function pathItem(finding) {
  const culprit = finding.culprit?.text ? ` (filled by ${escapeCode(finding.culprit.text, 80)})` : "";
  return `- ${escapeCode(`${finding.site.file}:${finding.site.line}`, 200)}: ${escapeCode(finding.path, 200)}${culprit}`;
}
function keptAliveSection(scenario, labelled, said) {
  const findings = scenario.retention ?? [];
  if (findings.length === 0) return [];
  const lead = findings.find((finding) => finding.culprit) ?? findings[0];
  const head = [
    "| Kept alive by | Objects from | Retained | Filled at |",
    "| --- | --- | ---: | --- |"
  ];
  const title = `**\u{1F517} Kept alive by**${labelled ? ` (${escapeCode(scenario.name)})` : ""}`;
  const lines2 = [
    "",
    lead === said ? `${title}: what holds the grown memory, and the line that filled it.` : `${title}: ${retentionSentence(lead, markdownCode)}.`,
    "",
    ...head,
    ...findings.slice(0, RETENTION_SHOWN).map(row)
  ];
  const rest = findings.slice(RETENTION_SHOWN);
  if (rest.length > 0)
    lines2.push(
      "",
      `<details><summary>${groupDigits(rest.length)} more retention path${rest.length === 1 ? "" : "s"}</summary>`,
      "",
      ...head,
      ...rest.map(row),
      "",
      "</details>"
    );
  lines2.push(
    "",
    "<details><summary>Reference paths, from the root to the objects</summary>",
    "",
    ...findings.map(pathItem),
    "",
    "</details>"
  );
  return lines2;
}
function siteKey(location) {
  return `${location.file}:${location.line}`;
}
function culpritGroups(findings) {
  const groups = /* @__PURE__ */ new Map();
  const held = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    if (!finding.culprit) continue;
    const key = siteKey(finding.culprit);
    const group = groups.get(key) ?? { culprit: finding.culprit, bytes: 0, kept: [] };
    group.bytes += finding.bytes;
    groups.set(key, group);
    const site = siteKey(finding.site);
    if (site === key) continue;
    const bySite = held.get(site) ?? /* @__PURE__ */ new Map();
    bySite.set(key, (bySite.get(key) ?? 0) + finding.bytes);
    held.set(site, bySite);
  }
  const keptBytes = /* @__PURE__ */ new Map();
  for (const [site, byCulprit] of held) {
    const [culprit, bytes] = [...byCulprit].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)
    )[0];
    groups.get(culprit).kept.push(site);
    keptBytes.set(site, bytes);
  }
  const list = [...groups.values()];
  for (const group of list)
    group.kept.sort((a, b) => keptBytes.get(b) - keptBytes.get(a) || (a < b ? -1 : 1));
  return list.sort(
    (a, b) => b.bytes - a.bytes || (siteKey(a.culprit) < siteKey(b.culprit) ? -1 : 1)
  );
}
function culpritOrder(sites, groups) {
  const roles = /* @__PURE__ */ new Map();
  if (groups.length === 0) return { sites: [...sites], roles };
  const byKey = /* @__PURE__ */ new Map();
  for (const site of sites) if (site.line !== null) byKey.set(siteKey(site), site);
  const ordered = [];
  const placed = /* @__PURE__ */ new Set();
  for (const group of groups) {
    const own = byKey.get(siteKey(group.culprit));
    if (own && !placed.has(own)) {
      ordered.push(own);
      placed.add(own);
      roles.set(own, { role: "culprit", group });
    }
    for (const key of group.kept) {
      const site = byKey.get(key);
      if (!site || placed.has(site)) continue;
      ordered.push(site);
      placed.add(site);
      roles.set(site, { role: "kept", group, under: own !== void 0 });
    }
  }
  for (const site of sites) if (!placed.has(site)) ordered.push(site);
  return { sites: ordered, roles };
}

// src/budgets/site-filter.ts
function keepSites(comparison, keep) {
  let dropped = 0;
  const scenarios = comparison.scenarios.map((scenario) => {
    const sites = scenario.sites.filter(keep);
    dropped += scenario.sites.length - sites.length;
    return { ...scenario, sites };
  });
  return { comparison: { ...comparison, scenarios }, dropped };
}
function withoutIgnoredSites(comparison, ignore) {
  if (ignore.length === 0) return { comparison, dropped: 0 };
  const ignored = globMatcher(ignore);
  return keepSites(
    comparison,
    (site) => !ignored(site.file) && !(site.baseFile !== void 0 && ignored(site.baseFile))
  );
}
function withoutSmallSites(comparison, minimumChange) {
  if (minimumChange <= 0) return { comparison, dropped: 0 };
  return keepSites(comparison, (site) => Math.abs(site.sizeDelta) >= minimumChange);
}

// src/report/settings-change.ts
var JUDGING = /* @__PURE__ */ new Set(["budgets", "scenarios", "ignore", "fail-on"]);
var REPORT_ONLY = /* @__PURE__ */ new Set(["minimum-change", "top", "comment"]);
function judgeProposed(report, compared, proposed, from, markerRules = /* @__PURE__ */ new Map()) {
  const { comparison } = withoutIgnoredSites(compared, proposed.ignore);
  const { results, warnings } = checkBudgets(comparison, proposed.budgets, markerRules);
  const verdict = decideVerdict(comparison, results, warnings);
  const reason = verdictReason({ ...report, verdict, budgets: results, warnings });
  return {
    from,
    ...proposed.configFile !== void 0 ? { configFile: proposed.configFile } : {},
    changed: [...proposed.changed],
    verdict,
    reason,
    wouldFail: failsRun(verdict, proposed.failOn),
    notTried: proposed.changed.filter((key) => !JUDGING.has(key) && !REPORT_ONLY.has(key))
  };
}
var VERDICT_WORD = { pass: "pass", warn: "warn", fail: "fail" };
function settingsChangeText(change2) {
  const where = change2.configFile ? ` in ${change2.configFile}` : "";
  const notTried = change2.notTried.length > 0 ? ` (measured with the settings of ${change2.from}: ${change2.notTried.join(", ")} not tried)` : "";
  return `this change edits allocdiff's settings (${change2.changed.join(", ")}${where}): it is judged by those of ${change2.from}; its own apply once it is merged. With them, the verdict would be ${VERDICT_WORD[change2.verdict]}${change2.wouldFail ? ", failing the check" : ""}: ${change2.reason}${notTried}`;
}
function settingsChangeMarkdown(change2) {
  const keys = change2.changed.map((key) => escapeCode(key)).join(", ");
  const where = change2.configFile ? ` in ${escapeCode(change2.configFile)}` : "";
  const icon = change2.verdict === "fail" ? "\u274C" : change2.verdict === "warn" ? "\u26A0\uFE0F" : "\u2705";
  const notTried = change2.notTried.length > 0 ? ` Measured with the settings of ${escapeText(change2.from)}: ${change2.notTried.map((key) => escapeCode(key)).join(", ")} not tried.` : "";
  return `\u2699\uFE0F **This change edits allocdiff's settings** (${keys}${where}): it is judged by those of ${escapeText(change2.from)}; its own apply once it is merged. With them: ${icon} ${VERDICT_WORD[change2.verdict]}${change2.wouldFail ? " (would fail the check)" : ""}: ${escapeText(change2.reason)}.${notTried}`;
}
function acceptanceMarkdown(accepted) {
  const by = accepted.by !== void 0 ? `, added by ${escapeCode(accepted.by)}` : "";
  return `\u{1F3F7}\uFE0F **Accepted** with the label ${escapeCode(accepted.label)}${by}: the verdict above is what the budgets decided; a maintainer accepted it, and the check passes.`;
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
function plural(count2, word, many = `${word}s`) {
  return `${groupDigits(count2)} ${count2 === 1 ? word : many}`;
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
function approx2(measure, text) {
  return measure.noisy ? `\u2248 ${text}` : text;
}
function baseToHead(measure) {
  const base = measure.base === null ? "\u2014" : formatBytes(measure.base);
  const head = measure.head === null ? "\u2014" : formatBytes(measure.head);
  return `${base} \u2192 ${head}`;
}
function deltaCell(measure) {
  return measure.delta === null ? "\u2014" : approx2(measure, formatBytesDelta(measure.delta));
}
function percentCell(measure) {
  if (measure.base === null || measure.head === null) return "\u2014";
  return approx2(measure, formatPercent(percentChange(measure.base, measure.head)));
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
  const where = scenario && measure?.delta ? siteClause(
    scenario,
    budget.metric,
    measure.delta,
    markdownWords(report),
    unitsBeside(budget.limit)
  ) : "";
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
  const example = budgetExample(growth.metric);
  return ` No budget is set, so nothing was checked: add one, e.g. ${escapeCode(example.input)} in the workflow or ${escapeCode(example.file)} in ${escapeCode("allocdiff.yml")}.`;
}
function failureHeadline(report, scenario) {
  const both = bothFailed(scenario);
  const icon = both || scenario.error?.side === "head" ? "\u274C" : report.verdict === "pass" ? "\u2705" : "\u26A0\uFE0F";
  const title = both ? "The base and head benchmarks failed" : `The ${scenario.error?.side ?? "head"} benchmark failed`;
  return `${icon} **${title}:** ${escapeCode(scenario.name)} raised ${raisedText(scenario, escapeCode)}.`;
}
function headline(report) {
  const words = markdownWords(report);
  const explanation = explainVerdict(report);
  const { lead } = explanation;
  switch (lead?.kind) {
    case "budget-failed":
      return `\u274C **Over budget:** ${budgetSentence(report, lead.budget)}.`;
    case "budget-warned":
      return `\u26A0\uFE0F **Budget warning:** ${budgetSentence(report, lead.budget)} (${escapeText(warnCause(lead.because))}).`;
    case "benchmark-failed":
      return failureHeadline(report, lead.scenario);
    case "not-checked":
      return `\u26A0\uFE0F **A budget could not be checked:** ${escapeText(lead.warning, 300)}`;
  }
  const verdictIcon = report.verdict === "fail" ? "\u274C" : report.verdict === "warn" ? "\u26A0\uFE0F" : "";
  const notRun = notRunReason(report);
  if (explanation.noChange && notRun !== void 0) {
    return `${verdictIcon || "\u2705"} **No change, head not run:** ${escapeText(notRun, 1e3)}.`;
  }
  if (explanation.noChange) {
    const count2 = report.scenarios.length;
    return `${verdictIcon || "\u2705"} **No memory change:** peak and retained memory of ${count2 === 1 ? "the scenario are" : count2 === 2 ? "both scenarios are" : `all ${groupDigits(count2)} scenarios are`} the same byte for byte.`;
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
  const fresh = report.scenarios.filter((s) => s.status === "new");
  if (fresh.length > 0) {
    const first = fresh[0];
    return `${icon} **New scenario${fresh.length === 1 ? "" : "s"}:** ${escapeCode(first.name)} peaks at ${first.peak.head === null ? "\u2014" : formatBytes(first.peak.head)}${fresh.length > 1 ? ` (and ${plural(fresh.length - 1, "more")})` : ""}.${tail}`;
  }
  const changed = changedScenarios(report);
  return `${icon} **Memory changed** in ${groupDigits(changed.length)} of ${plural(report.scenarios.length, "scenario")}.${tail}`;
}
function culpritLead(report) {
  const found = leadingRetention(report.scenarios);
  if (!found) return "";
  const { culprit } = found.finding;
  return `**Caused by ${escapeCode(`${culprit.file}:${culprit.line}`, 200)}** \u270F\uFE0F: ${retentionSentence(found.finding, (text) => escapeCode(text, 200))}.`;
}
function verdictLine(report) {
  const line = headline(report);
  const culprit = culpritLead(report);
  if (!culprit) return line;
  const space = line.indexOf(" ");
  return space > 0 ? `${line.slice(0, space)} ${culprit} ${line.slice(space + 1)}` : `${culprit} ${line}`;
}
function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
function testsNotRunLine(notRun) {
  return `<sub>\u23ED\uFE0F ${escapeText(testsNotRunText(notRun), 1e3)}</sub>`;
}
function contextLine(report, listed) {
  const changed = listed.length;
  const counted = report.budgets.filter((b) => b.status !== "skip");
  const over = counted.filter((b) => b.status === "fail" || b.status === "warn").length;
  const budgets = counted.length === 0 ? "no budgets" : `${plural(counted.length, "budget")} checked${over > 0 ? `, ${over} exceeded` : ""}`;
  const head = `${report.head.workingTree ? "head: working tree on top of" : "head"} ${commitLink(report, report.head.sha)}`;
  return `Base ${commitLink(report, report.base.sha)} \u2192 ${head} \xB7 ${plural(report.scenarios.length, "scenario")}, ${groupDigits(changed)} changed \xB7 ${budgets}`;
}
function changeCell(name, measure) {
  if (!measure || measure.delta === null || measure.base === null || measure.head === null)
    return "\u2014";
  return approx2(measure, formatChange(measure.delta, MEASURES[name].unit));
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
    ...leak ? ["Leak / call"] : [],
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
      const cells = [
        escapeCode(s.name),
        baseToHead(s.peak),
        peakChangeCell(s.peak),
        deltaCell(s.retained),
        ...extra.map((name) => changeCell(name, measureOf(s, name))),
        ...leak ? [s.leak ? leakCell(s.leak) : "\u2014"] : [],
        scenarioStatus(s, report.budgets)
      ];
      return `| ${cells.join(" | ")} |`;
    })
  ];
}
function unchangedNote(line, listed, rows, shape) {
  const parts = [];
  if (line) {
    const why = line.minimum > 0 ? `by less than the minimum change of ${formatBytes(line.minimum)} or within the noise of their repeats` : "only within the noise of their repeats";
    const slight = line.slight > 0 ? ` (${groupDigits(line.slight)} of them differ ${why})` : "";
    parts.push(`${escapeText(line.unchanged)} unchanged${slight}, ${groupDigits(listed)} changed`);
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
  if (role?.role === "culprit") return `${cause}; keeps ${formatBytes(role.group.bytes)} alive`;
  if (role?.role === "kept") {
    const { culprit } = role.group;
    return `kept alive by ${escapeCode(`${culprit.file}:${culprit.line}`, 200)}${site.changedLine ? " (\u270F\uFE0F changed here too)" : ""}`;
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
  const { sites: grown, roles } = culpritOrder(
    scenario.sites.filter(grew),
    culpritGroups(scenario.retention ?? [])
  );
  const shrunk = scenario.sites.filter((site) => !grew(site));
  const open = [...grown.slice(0, shape.top), ...shrunk.slice(0, shape.top)];
  const openSet = new Set(open);
  const rest = scenario.sites.filter((site) => !openSet.has(site));
  const title = labelled ? ` \xB7 ${escapeCode(scenario.name)}` : "";
  const lines2 = [""];
  if (open.length > 0) {
    const counts = [
      grown.length > 0 ? `${groupDigits(grown.length)} grew` : "",
      shrunk.length > 0 ? `${groupDigits(shrunk.length)} shrank` : ""
    ].filter(Boolean);
    lines2.push(
      `#### Top changed sites${title}`,
      "",
      `<sub>${counts.join(", ")}; ${roles.size > 0 ? "the changed line that keeps memory alive first, with the sites it keeps under it; then " : ""}largest first.</sub>`,
      "",
      ...SITE_HEADER,
      ...open.map((site) => siteRow(report, site, roles.get(site)))
    );
  }
  if (rest.length === 0) return [...lines2, ...sourceLines(open)];
  const folded2 = rest.slice(0, shape.folded);
  const unlisted = rest.length - folded2.length;
  const where = unlisted > 0 ? ` (${groupDigits(unlisted)} ${shape.elsewhere})` : "";
  if (folded2.length === 0) {
    lines2.push(
      "",
      `<sub>${plural(rest.length, open.length > 0 ? "more changed site" : "changed site")}${labelled || open.length === 0 ? ` of ${escapeCode(scenario.name)}` : ""} ${shape.elsewhere}.</sub>`
    );
    return [...lines2, ...sourceLines(open)];
  }
  lines2.push(
    "",
    `<details><summary>${plural(rest.length, "more changed site")}${labelled ? ` of ${escapeCode(scenario.name)}` : ""}${where}</summary>`,
    "",
    ...SITE_HEADER,
    ...folded2.map((site) => siteRow(report, site, roles.get(site))),
    "",
    "</details>"
  );
  return [...lines2, ...sourceLines([...open, ...folded2])];
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
  return failuresOf(scenario).flatMap(({ sides, error }) => {
    const details = failureText(error);
    const whose = sides === "base and head" ? "base and head sides" : `${sides} side`;
    return [
      "",
      `<details><summary>\u{1F4A5} ${whose} of ${escapeCode(scenario.name)}: ${escapeCode(error.type)} ${escapeText(error.message, 200)}</summary>`,
      "",
      ...sides === "base and head" ? ["<sub>Both sides raised this error; the output is head\u2019s.</sub>", ""] : [],
      details ? escapeBlock(details, shape.blockLines) : "<pre>(no output)</pre>",
      "",
      "</details>"
    ];
  });
}
function budgetSection(budgets, shape, inTable) {
  if (budgets.length === 0) return [];
  const shown = shape.allBudgets ? budgets : budgets.filter((b) => b.status !== "pass" || inTable.has(b.scenario));
  const holding = budgets.length - shown.length;
  return [
    "",
    "#### Budgets",
    "",
    "| Rule | Scenario | Limit | Actual | Level | Status |",
    "| --- | --- | ---: | ---: | --- | --- |",
    ...shown.map(
      (b) => `| ${b.metric} | ${escapeCode(b.scenario)} | ${escapeText(b.limit)} | ${escapeText(b.actual)}${b.site ? ` at ${escapeCode(b.site)}` : ""}${b.leak ? ` (${escapeText(b.leak)})` : ""} | ${b.level} | ${STATUS_ICON[b.status]} ${b.status}${b.reason ? ` (${escapeText(b.reason)})` : ""} |`
    ),
    ...holding > 0 ? [
      "",
      `<sub>${plural(holding, "more budget")} of scenarios not in the table ${holding === 1 ? "holds" : "hold"}: every budget is ${shape.elsewhere}.</sub>`
    ] : []
  ];
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
    const { count: count2, missing } = report.shards;
    return `Shards: ${count2} runners, merged` + (missing.length > 0 ? `; no report from shard ${missing.join(", ")}` : "");
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
  return "<sub>Peak: the high-water mark while the benchmark ran; retained: still allocated when it ended (tracemalloc)." + extra.map((name) => ` ${MEASURES[name].words.explain ?? ""}`).join("") + (sites ? " \u270F\uFE0F changed here: this PR edited the line; indirect: the line is unchanged but allocates differently." : "") + (sites && report.scenarios.some((s) => culpritGroups(s.retention ?? []).length > 0) ? " Kept alive by: the objects allocated on the line are held by a container the named line filled." : "") + (noisy ? " \u2248 noisy: varies between runs of the same code; fails a budget only when base's and head's runs do not overlap." : "") + ` allocdiff ${escapeText(report.allocdiffVersion)}</sub>`;
}
function selectionOf(report) {
  const listed = listedChanges(report);
  const unchanged = unchangedLine(report, listed);
  const header = [
    commentMarker(report.key),
    `### allocdiff${report.key === "default" ? "" : ` \xB7 ${escapeText(report.key)}`}`,
    "",
    verdictLine(report),
    "",
    contextLine(report, listed),
    ...report.testsNotRun ? ["", testsNotRunLine(report.testsNotRun)] : [],
    ...report.accepted ? ["", acceptanceMarkdown(report.accepted)] : [],
    ...report.settingsChange ? ["", settingsChangeMarkdown(report.settingsChange)] : []
  ];
  return {
    listed,
    ...unchanged ? { unchanged } : {},
    header,
    noChange: isNoChange(report),
    // One scenario's sites need no title; several scenarios' do.
    labelled: report.scenarios.length > 1
  };
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
  const lines2 = [];
  let length = 0;
  const said = leadingRetention(report.scenarios)?.finding;
  for (const scenario of listed.slice(0, shape.sections)) {
    const part = [
      ...failureSection(scenario, shape),
      ...keptAliveSection(scenario, labelled, said),
      ...sitesSection(report, scenario, shape, labelled),
      ...sitesLeftOutNote(scenario),
      ...shape.extras ? scenarioDetails(scenario, shape.top, report.environment.repeats) : []
    ];
    lines2.push(...part);
    for (const line of part) length += line.length + 1;
    if (length > room) break;
  }
  return lines2;
}
var NO_BREAK_SPACE = "\xA0";
function keepFiguresWhole(lines2) {
  return lines2.map(
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
  const lines2 = [
    ...header,
    "",
    ...scenarioTable(report, rows),
    ...unchangedNote(selection.unchanged, listed.length, rows.length, shape),
    ...scenarioSections(report, listed, shape, selection.labelled, room),
    ...moreSectionsNote(listed.slice(shape.sections), shape),
    ...hiddenSitesNote(report),
    ...chart.length > 0 ? ["", ...chart] : [],
    ...budgetSection(report.budgets, shape, inTable),
    ...warningSection(report),
    ...shape.extras ? environmentSection(report) : [],
    "",
    legend(report),
    ""
  ];
  return keepFiguresWhole(lines2).join("\n");
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
  const every = { rows: ALL, sections: ALL, allBudgets: true };
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
    const folded2 = Math.floor((fits + fitsNot) / 2);
    const text = render(report, { ...shape, folded: folded2 }, selection, maxLength);
    if (text.length <= maxLength) {
      fits = folded2;
      best = text;
    } else {
      fitsNot = folded2;
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
  withoutIgnoredSites,
  withoutSmallSites,
  siteSpread,
  totalSpread,
  recordSpreads,
  isDeterministic,
  sidesAgree,
  scenarioAgrees,
  peaksChanged,
  AUTOMATIC_LEAK_CALLS,
  functionRetainedChanged,
  differingScenarios,
  revealInvisible,
  visibleText,
  escapeHtml,
  jsonForScript,
  RETENTION_SHOWN,
  retentionSentence,
  failuresOf,
  failureText,
  leakText,
  explainVerdict,
  verdictReason,
  grewUnchecked,
  acceptanceText,
  judgeProposed,
  settingsChangeText,
  commentMarker,
  renderMarkdown,
  renderSummary
};

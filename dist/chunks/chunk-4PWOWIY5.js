import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  budgetsOfScenario,
  isNoChange,
  scenarioAgrees,
  withinNoise
} from "./chunk-PURBOXCV.js";
import {
  levelOf,
  verdictCauses
} from "./chunk-46ZMQ7S7.js";
import {
  formatBytes,
  formatBytesDelta,
  formatPercent,
  percentChange
} from "./chunk-5JXOXQC2.js";
import {
  MEASURES,
  measureOf,
  measuresWhere,
  parseSize,
  sizeUnitsOf
} from "./chunk-GIBJXR6H.js";

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
      if (withinNoise(measure)) return;
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
    (a, b) => descending(a.size, b.size) || Number(b.named) - Number(a.named) || descending(a.weight, b.weight) || Math.abs(b.measure.delta) - Math.abs(a.measure.delta) || a.order - b.order
  ).map(({ order: _order, size: _size, named: _named, ...change }) => change);
}
function sizeClass(weight) {
  if (weight === Infinity) return Infinity;
  return weight > 0 ? Math.round(Math.log(weight) / Math.log(1.02)) : -Infinity;
}
function descending(a, b) {
  return a === b ? 0 : b > a ? 1 : -1;
}
function isGrowth(change) {
  return change.measure.delta > 0 && !withinNoise(change.measure);
}
function isChecked(report, scenario) {
  return budgetsOfScenario(report.budgets, scenario).some((budget) => budget.status !== "skip");
}
function uncheckedGrowth(report, changes = changesOf(report)) {
  return changes.find((change) => isGrowth(change) && !isChecked(report, change.scenario.name));
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
function changeWithSite(change, words) {
  return changeSentence(change, words) + siteClause(change.scenario, change.metric, change.measure.delta, words);
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
function budgetSiteClause(scenario, budget, words) {
  if (budget.metric === "site") return "";
  if (!measureOf(scenario, budget.metric)?.delta) return "";
  const direction = budget.limit.trim().startsWith("-") ? -1 : 1;
  return siteClause(scenario, budget.metric, direction, words, unitsBeside(budget.limit));
}
function approx(measure, text) {
  return measure.noisy ? `\u2248 ${text}` : text;
}
function changeSentence(change, words) {
  const { measure, metric, scenario } = change;
  const verb = measure.delta > 0 ? "grew" : "shrank";
  const percent = percentChange(measure.base, measure.head);
  const amount = percent === void 0 ? `from ${formatBytes(measure.base)} to ${approx(measure, formatBytes(measure.head))}` : `${approx(measure, formatPercent(percent))} (${approx(measure, formatBytesDelta(measure.delta))})`;
  return `${MEASURES[metric].words.subject} of ${words.code(scenario.name)} ${verb} ${amount}`;
}
function leakText(leak) {
  if (leak.head === null) return void 0;
  const change = leak.delta !== null && leak.delta !== 0 ? ` (${formatBytesDelta(leak.delta)})` : "";
  return approx(leak, `${formatBytes(leak.head)}${change}`);
}
function budgetExample(change) {
  const { metric } = change;
  const limit = suggestedLimit(change);
  return {
    input: `budget: '${metric}: ${limit}'`,
    file: `budgets: {${metric}: ${limit}}`,
    flag: `--budget "${metric}: ${limit}"`
  };
}
function suggestedLimit(change) {
  const example = MEASURES[change.metric].lead.example;
  const ceiling = parseSize(example);
  if (ceiling === void 0) return example;
  const { base, baseRange } = change.measure;
  const highest = Math.max(base, baseRange?.[1] ?? base);
  return highest <= ceiling ? example : roundSizeAbove(highest);
}
function roundSizeAbove(bytes) {
  let scale = 1;
  for (; ; ) {
    for (const step of [1, 2, 5]) {
      const size = step * scale;
      if (size > bytes) {
        const [unit, divisor] = size >= 1e9 ? ["GB", 1e9] : size >= 1e6 ? ["MB", 1e6] : size >= 1e3 ? ["KB", 1e3] : ["B", 1];
        return `${size / divisor}${unit}`;
      }
    }
    scale *= 10;
  }
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
  const scenario = report.scenarios.find((s) => s.name === budget.scenario);
  return scenario ? budgetSiteClause(scenario, budget, PLAIN) : "";
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
  const what = [lead, also].filter((change) => change !== void 0).map((change) => changeWithSite(change, PLAIN)).join("; ");
  if (unchecked) {
    return checked ? `${what}; no budget checks ${unchecked.scenario.name}` : `${what}; no budget is set, so nothing was checked: add one, e.g. ${budgetExample(unchecked).flag}`;
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

export {
  bothFailed,
  failedSides,
  failuresOf,
  raisedText,
  failureText,
  changeWithSite,
  unitsBeside,
  siteClause,
  budgetSiteClause,
  changeSentence,
  leakText,
  budgetExample,
  budgetSubject,
  explainVerdict,
  notRunReason,
  warnCause,
  verdictReason,
  grewUnchecked,
  acceptanceText
};

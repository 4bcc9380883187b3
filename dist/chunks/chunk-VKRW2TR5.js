import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  callsInOneProcess,
  withinNoise
} from "./chunk-YHTJ2NQ3.js";
import {
  verdictCauses
} from "./chunk-CK6PWIRF.js";
import {
  formatBytes,
  groupDigits
} from "./chunk-I74BVKXL.js";
import {
  MEASURES,
  MEASURE_NAMES,
  changedBeyond,
  measureOf,
  measuresWhere,
  parseSize,
  sizeUnitsOf
} from "./chunk-NBJJRWMZ.js";

// src/compare/agreement.ts
var PEAK_TOLERANCE_BYTES = MEASURES.peak.tolerance.firstPass;
var TEST_PEAK_TOLERANCE_SHARE = 0.01;
function firstPassTolerance(s, name) {
  const tolerance = MEASURES[name].tolerance.firstPass;
  if (name !== "peak" || s.kind !== "test" || s.peak.base === null) return tolerance;
  return Math.min(tolerance, Math.floor(s.peak.base * TEST_PEAK_TOLERANCE_SHARE));
}
function sidesAgree(comparison) {
  return comparison.scenarios.length > 0 && comparison.scenarios.every(scenarioAgrees);
}
function scenarioAgrees(s) {
  return s.status === "ok" && MEASURE_NAMES.every((name) => {
    const measure = measureOf(s, name);
    if (measure === void 0) return true;
    return measure.delta !== null && !changedBeyond(measure, firstPassTolerance(s, name));
  }) && s.sites.length === 0;
}
var PEAK_SITES_SHARE = TEST_PEAK_TOLERANCE_SHARE;
function peaksChanged(comparison, minimumChange = 0) {
  return comparison.scenarios.filter((s) => {
    if (s.status !== "ok") return false;
    const change = Math.abs(s.peak.delta ?? 0);
    const larger = Math.max(s.peak.base ?? 0, s.peak.head ?? 0);
    return change > firstPassTolerance(s, "peak") && change >= minimumChange && change > larger * PEAK_SITES_SHARE;
  }).map((s) => s.name);
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

// src/report/budget-index.ts
var INDEXES = /* @__PURE__ */ new WeakMap();
var NONE = [];
function budgetsOfScenario(budgets, scenario) {
  let index = INDEXES.get(budgets);
  if (index === void 0) {
    const built = /* @__PURE__ */ new Map();
    for (const budget of budgets) {
      const own = built.get(budget.scenario);
      if (own) own.push(budget);
      else built.set(budget.scenario, [budget]);
    }
    INDEXES.set(budgets, built);
    index = built;
  }
  return index.get(scenario) ?? NONE;
}
function budgetUnitsNote(budgets) {
  for (const budget of budgets) {
    if (budget.status === "skip" || sizeUnitsOf(budget.limit) !== "decimal") continue;
    const sign = /^\s*[+-]/.exec(budget.limit)?.[0].trim() ?? "";
    const bytes = parseSize(budget.limit.replace(/^\s*[+-]/, ""));
    if (bytes === void 0) continue;
    return `Actual is in its limit's units: KB, MB and GB are powers of 1000, the tables use KiB, MiB and GiB (powers of 1024), so one change reads larger here (${budget.limit} is ${sign}${formatBytes(bytes)})`;
  }
  return void 0;
}
function budgetRows(budgets) {
  const groups = /* @__PURE__ */ new Map();
  const keyOf = (result, unmeasured) => JSON.stringify([result.rule, result.limit, result.level, unmeasured.what, unmeasured.why]);
  for (const result of budgets) {
    if (result.status !== "skip" || !result.unmeasured) continue;
    const key = keyOf(result, result.unmeasured);
    const group = groups.get(key);
    if (group) group.scenarios.push(result.scenario);
    else
      groups.set(key, {
        first: result,
        unmeasured: result.unmeasured,
        scenarios: [result.scenario]
      });
  }
  const rows = [];
  for (const result of budgets) {
    const group = result.status === "skip" && result.unmeasured ? groups.get(keyOf(result, result.unmeasured)) : void 0;
    if (!group || group.scenarios.length < 2) rows.push({ result });
    else if (group.first === result) rows.push({ folded: group });
  }
  return rows;
}
var FOLDED_NAMES_SHOWN = 2;
function foldedReason(folded, scenarios) {
  const tests = new Set(scenarios.filter((s) => s.kind === "test").map((s) => s.name));
  const noun2 = folded.scenarios.every((name) => tests.has(name)) ? "tests" : "scenarios";
  const { what, why } = folded.unmeasured;
  return `${what} not measured for ${folded.scenarios.length} ${noun2}${why ? `: ${why}` : ""}`;
}
var MARKER_RULE = /^(allocdiff|limit_memory|limit_leaks)\(/;
function ruleCell(budget, code = (t) => t) {
  return MARKER_RULE.test(budget.rule) ? `${code(budget.rule)} (${budget.metric})` : budget.metric;
}
var STATUS_ORDER = {
  fail: 0,
  warn: 1,
  skip: 2,
  pass: 3
};
var PASSES_LISTED = 10;
function listedBudgets(budgets, inTable, all = false) {
  const rank = /* @__PURE__ */ new Map();
  verdictCauses({ scenarios: [] }, budgets).forEach((cause, at) => {
    if ("budget" in cause) rank.set(cause.budget, at);
  });
  const ordered = budgets.map((budget, at) => ({ budget, at })).sort(
    (a, b) => STATUS_ORDER[a.budget.status] - STATUS_ORDER[b.budget.status] || (rank.get(a.budget) ?? a.at) - (rank.get(b.budget) ?? b.at)
  ).map(({ budget }) => budget);
  if (all) return { shown: ordered, holding: 0 };
  const passing = budgets.filter((b) => b.status === "pass");
  const passesOfTable = passing.filter((b) => inTable.has(b.scenario)).length;
  const listPass = (b) => passing.length <= PASSES_LISTED || passesOfTable <= PASSES_LISTED && inTable.has(b.scenario);
  const shown = ordered.filter((b) => b.status !== "pass" || listPass(b));
  return { shown, holding: budgets.length - shown.length };
}

// src/report/ranking.ts
function scenarioChanged(scenario) {
  return scenario.status !== "ok" || MEASURE_NAMES.some(
    (name) => changedBeyond(measureOf(scenario, name), MEASURES[name].tolerance.change)
  ) || scenario.sites.length > 0;
}
var SHOWN = /* @__PURE__ */ new WeakMap();
function changedMeasures(report) {
  let shown = SHOWN.get(report);
  if (shown === void 0) {
    const named = new Set(report.budgets.map((budget) => budget.metric));
    shown = measuresWhere((spec) => spec.shown === "changed").filter(
      (name) => named.has(name) || report.scenarios.some(
        (scenario) => changedBeyond(measureOf(scenario, name), MEASURES[name].tolerance.change)
      )
    );
    SHOWN.set(report, shown);
  }
  return shown;
}
function changedScenarios(report) {
  return report.scenarios.filter(scenarioChanged);
}
function isNoChange(report) {
  return report.verdict === "pass" && (report.warnings ?? []).length === 0 && report.scenarios.length > 0 && changedScenarios(report).length === 0;
}
function severity(report, scenario) {
  const own = budgetsOfScenario(report.budgets, scenario.name);
  if (scenario.status === "failed" && scenario.error?.side === "head") return 0;
  if (own.some((budget) => budget.status === "fail")) return 0;
  if (scenario.status === "failed" || own.some((budget) => budget.status === "warn")) return 1;
  return 2;
}
function peakGrowth(scenario) {
  if (scenario.status === "new") return scenario.peak.head ?? 0;
  if (scenario.status === "removed") return -(scenario.peak.base ?? 0);
  return scenario.peak.delta ?? 0;
}
function byGrowth(a, b) {
  return peakGrowth(b) - peakGrowth(a) || (b.retained.delta ?? 0) - (a.retained.delta ?? 0);
}
function byRetainedChange(a, b) {
  return Math.abs(b.retained.delta ?? 0) - Math.abs(a.retained.delta ?? 0) || byGrowth(a, b);
}
function leadName(report) {
  for (const cause of verdictCauses(report, report.budgets)) {
    if ("budget" in cause) return cause.budget.scenario;
    if ("scenario" in cause) return cause.scenario.name;
  }
  return void 0;
}
function rankScenarios(report) {
  const lead = leadName(report);
  const leads = (scenario) => scenario.name === lead ? 0 : 1;
  return report.scenarios.map((scenario, index) => ({ scenario, index, severity: severity(report, scenario) })).sort(
    (a, b) => leads(a.scenario) - leads(b.scenario) || a.severity - b.severity || byGrowth(a.scenario, b.scenario) || a.index - b.index
  ).map((entry) => entry.scenario);
}
function movedFor(measure, tolerance, minimum) {
  if (!measure) return false;
  if ((measure.headGrowth ?? 0) !== (measure.baseGrowth ?? 0)) return true;
  if (!changedBeyond(measure, tolerance) || Math.abs(measure.delta ?? 0) < minimum) return false;
  return !withinNoise(measure);
}
function minimumChangeOf(report) {
  return report.hiddenSites?.minimumChange ?? 0;
}
function isListedChange(report, scenario) {
  if (scenario.status !== "ok") return true;
  const own = budgetsOfScenario(report.budgets, scenario.name);
  if (own.some((budget) => budget.status === "fail" || budget.status === "warn")) return true;
  if (scenarioAgrees(scenario)) return false;
  const minimum = minimumChangeOf(report);
  const moved = MEASURE_NAMES.some((name) => {
    const spec = MEASURES[name];
    if (!spec.exact) return false;
    if (spec.unit === "count" && minimum > 0) return false;
    return movedFor(
      measureOf(scenario, name),
      spec.tolerance.change,
      spec.unit === "bytes" ? minimum : 0
    );
  });
  if (moved) return true;
  return scenario.sites.some(
    (site) => !withinNoise({
      base: site.baseSize,
      head: site.headSize,
      ...site
    })
  );
}
function listedChanges(report) {
  return rankScenarios(report).filter((scenario) => isListedChange(report, scenario));
}
function noun(pytest, scenario) {
  if (scenario.kind === "process") return ["process", "processes"];
  return pytest && scenario.kind === "test" ? ["test", "tests"] : ["scenario", "scenarios"];
}
function unchangedLine(report, listed) {
  const shown = new Set(listed);
  const counts = /* @__PURE__ */ new Map();
  let slight = 0;
  let tolerated = 0;
  let inexact = 0;
  const inexactSubjects = /* @__PURE__ */ new Set();
  const pytest = report.scenarios.some((s) => s.kind === "test");
  for (const scenario of report.scenarios) {
    if (shown.has(scenario)) continue;
    if (scenarioChanged(scenario)) {
      slight += 1;
      const only = inexactOnly(scenario);
      if (only.length > 0) {
        inexact += 1;
        for (const subject of only) inexactSubjects.add(subject);
      } else if (scenarioAgrees(scenario) && !noisy(scenario)) tolerated += 1;
    }
    const [one, many] = noun(pytest, scenario);
    const entry = counts.get(one) ?? { one, many, count: 0 };
    entry.count += 1;
    counts.set(one, entry);
  }
  if (counts.size === 0) return void 0;
  const parts = [...counts.values()].map(
    ({ one, many, count }) => `${groupDigits(count)} ${count === 1 ? one : many}`
  );
  const unchanged = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return {
    unchanged,
    slight,
    tolerated,
    inexact,
    inexactSubjects: [...inexactSubjects],
    listed: listed.length,
    minimum: minimumChangeOf(report)
  };
}
function inexactOnly(scenario) {
  if (scenario.status !== "ok" || scenario.sites.length > 0) return [];
  const moved = MEASURE_NAMES.filter(
    (name) => changedBeyond(measureOf(scenario, name), MEASURES[name].tolerance.change)
  );
  if (moved.length === 0 || moved.some((name) => MEASURES[name].exact)) return [];
  return moved.map((name) => MEASURES[name].words.subject);
}
function noisy(scenario) {
  return MEASURE_NAMES.some((name) => measureOf(scenario, name)?.noisy === true);
}
function slightWhy(line, formatSize, noise) {
  const why = [];
  if (line.minimum > 0) why.push(`by less than the minimum change of ${formatSize(line.minimum)}`);
  if (line.tolerated > 0) why.push("within a single run's tolerance");
  if (line.inexact > 0)
    why.push(
      `in ${line.inexactSubjects.join(" and ")}, a figure of the whole process, moved by what ran before in it`
    );
  if (line.slight > line.tolerated + line.inexact) why.push(`within ${noise}`);
  return why.length === 1 && line.minimum === 0 ? `only ${why[0]}` : why.join(" or ");
}
function objectsNotCountedText(notCounted) {
  const why = notCounted.why.charAt(0).toUpperCase() + notCounted.why.slice(1);
  return `${why} (\`object-types-tests: 0\` counts every test).`;
}
function testsNotRunText(notRun) {
  const why = notRun.why.charAt(0).toUpperCase() + notRun.why.slice(1);
  if (notRun.by === "default") {
    return `${why}. Tests are selected by default; \`select-tests: false\` (\`--no-select-tests\`) traces every test.`;
  }
  return `${why} (\`select-tests: false\` traces every test).`;
}

export {
  sidesAgree,
  scenarioAgrees,
  peaksChanged,
  AUTOMATIC_LEAK_CALLS,
  functionRetainedChanged,
  differingScenarios,
  budgetsOfScenario,
  budgetUnitsNote,
  budgetRows,
  FOLDED_NAMES_SHOWN,
  foldedReason,
  ruleCell,
  listedBudgets,
  changedMeasures,
  isNoChange,
  byRetainedChange,
  listedChanges,
  unchangedLine,
  slightWhy,
  objectsNotCountedText,
  testsNotRunText
};

import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  groupDigits
} from "./chunk-5JXOXQC2.js";
import {
  MEASURES,
  MEASURE_NAMES,
  changedBeyond,
  measureOf,
  measuresWhere
} from "./chunk-GIBJXR6H.js";

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
function rankScenarios(report) {
  return report.scenarios.map((scenario, index) => ({ scenario, index, severity: severity(report, scenario) })).sort(
    (a, b) => a.severity - b.severity || peakGrowth(b.scenario) - peakGrowth(a.scenario) || (b.scenario.retained.delta ?? 0) - (a.scenario.retained.delta ?? 0) || a.index - b.index
  ).map((entry) => entry.scenario);
}
function rangesOverlap(value) {
  if (value.base === null || value.head === null) return false;
  const [baseLow, baseHigh] = value.baseRange ?? [value.base, value.base];
  const [headLow, headHigh] = value.headRange ?? [value.head, value.head];
  return baseLow <= headHigh && headLow <= baseHigh;
}
function movedFor(measure, tolerance, minimum) {
  if (!measure) return false;
  if ((measure.headGrowth ?? 0) !== (measure.baseGrowth ?? 0)) return true;
  if (!changedBeyond(measure, tolerance) || Math.abs(measure.delta ?? 0) < minimum) return false;
  return !(measure.noisy && rangesOverlap(measure));
}
function minimumChangeOf(report) {
  return report.hiddenSites?.minimumChange ?? 0;
}
function isListedChange(report, scenario) {
  if (scenario.status !== "ok") return true;
  const own = budgetsOfScenario(report.budgets, scenario.name);
  if (own.some((budget) => budget.status === "fail" || budget.status === "warn")) return true;
  const minimum = minimumChangeOf(report);
  const moved = MEASURE_NAMES.some((name) => {
    const spec = MEASURES[name];
    if (spec.unit === "count" && minimum > 0) return false;
    return movedFor(
      measureOf(scenario, name),
      spec.tolerance.change,
      spec.unit === "bytes" ? minimum : 0
    );
  });
  if (moved) return true;
  return scenario.sites.some(
    (site) => !site.noisy || !rangesOverlap({
      base: site.baseSize,
      head: site.headSize,
      baseRange: site.baseRange,
      headRange: site.headRange
    })
  );
}
function listedChanges(report) {
  return rankScenarios(report).filter((scenario) => isListedChange(report, scenario));
}
function noun(report, scenario) {
  if (!report.scenarios.some((s) => s.kind === "test")) return ["scenario", "scenarios"];
  return scenario.kind === "test" ? ["test", "tests"] : scenario.kind === "process" ? ["process", "processes"] : ["scenario", "scenarios"];
}
function unchangedLine(report, listed) {
  const shown = new Set(listed);
  const counts = /* @__PURE__ */ new Map();
  let slight = 0;
  for (const scenario of report.scenarios) {
    if (shown.has(scenario)) continue;
    if (scenarioChanged(scenario)) slight += 1;
    const [one, many] = noun(report, scenario);
    const entry = counts.get(one) ?? { one, many, count: 0 };
    entry.count += 1;
    counts.set(one, entry);
  }
  if (counts.size === 0) return void 0;
  const parts = [...counts.values()].map(
    ({ one, many, count }) => `${groupDigits(count)} ${count === 1 ? one : many}`
  );
  const unchanged = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return { unchanged, slight, listed: listed.length, minimum: minimumChangeOf(report) };
}
function testsNotRunText(notRun) {
  const why = notRun.why.charAt(0).toUpperCase() + notRun.why.slice(1);
  return `${why} (\`select-tests: false\` traces every test).`;
}

export {
  budgetsOfScenario,
  changedMeasures,
  changedScenarios,
  isNoChange,
  listedChanges,
  unchangedLine,
  testsNotRunText
};

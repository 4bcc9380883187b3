import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  MEASURES,
  measureOf
} from "./chunk-NBJJRWMZ.js";

// src/budgets/verdict.ts
function levelOf(cause) {
  switch (cause.kind) {
    case "budget-failed":
      return "fail";
    case "benchmark-failed":
      return cause.side === "head" ? "fail" : "warn";
    case "budget-warned":
    case "failed-before":
    case "not-checked":
      return "warn";
  }
}
function failedBefore(scenario) {
  const { error, baseError } = scenario;
  return scenario.status === "failed" && (scenario.kind === "test" || scenario.kind === "function") && error?.side === "head" && baseError !== void 0 && baseError.type === error.type;
}
function verdictCauses(comparison, budgets, warnings = []) {
  const failed = comparison.scenarios.filter((s) => s.status === "failed");
  const failedOn = (side) => failed.filter((scenario) => scenario.error?.side === side && !failedBefore(scenario)).map((scenario) => ({ kind: "benchmark-failed", scenario, side }));
  const before = overBefore(comparison);
  return [
    ...failedOn("head"),
    ...changedFirst(before, worstFirst(budgets.filter((b) => b.status === "fail"))).map(
      (budget) => ({ kind: "budget-failed", budget })
    ),
    ...changedFirst(before, worstFirst(budgets.filter((b) => b.status === "warn"))).map(
      (budget) => ({
        kind: "budget-warned",
        budget,
        because: budget.noisy ? "noisy" : "warn-level"
      })
    ),
    ...failed.filter(failedBefore).map((scenario) => ({ kind: "failed-before", scenario })),
    ...failedOn("base"),
    ...warnings.map((warning) => ({ kind: "not-checked", warning })),
    ...failed.filter((scenario) => scenario.error === void 0).map((scenario) => ({ kind: "benchmark-failed", scenario }))
  ];
}
function overBefore(comparison) {
  let byName;
  return (budget) => {
    if (budget.metric === "site" || /^[+-]/.test(budget.limit)) return false;
    byName ??= new Map(comparison.scenarios.map((scenario2) => [scenario2.name, scenario2]));
    const scenario = byName.get(budget.scenario);
    const measure = scenario && measureOf(scenario, budget.metric);
    return measure?.delta !== void 0 && measure.delta !== null && measure.base !== null && Math.abs(measure.delta) <= MEASURES[budget.metric].tolerance.change;
  };
}
function changedFirst(before, budgets) {
  return [...budgets.filter((budget) => !before(budget)), ...budgets.filter(before)];
}
function worstFirst(budgets) {
  const group = (budget) => budget.over === void 0 ? 2 : budget.metric === "count" ? 1 : 0;
  return budgets.map((budget, order) => ({ budget, order })).sort(
    (a, b) => group(a.budget) - group(b.budget) || (b.budget.over ?? 0) - (a.budget.over ?? 0) || a.order - b.order
  ).map(({ budget }) => budget);
}
function verdictOf(causes) {
  return causes.length === 0 ? "pass" : levelOf(causes[0]);
}
function decideVerdict(comparison, budgets, warnings = []) {
  return verdictOf(verdictCauses(comparison, budgets, warnings));
}

export {
  levelOf,
  failedBefore,
  verdictCauses,
  overBefore,
  decideVerdict
};

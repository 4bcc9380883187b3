import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);

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
  return [
    ...failedOn("head"),
    ...worstFirst(budgets.filter((budget) => budget.status === "fail")).map(
      (budget) => ({ kind: "budget-failed", budget })
    ),
    ...worstFirst(budgets.filter((budget) => budget.status === "warn")).map(
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
  decideVerdict
};

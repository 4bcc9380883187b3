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
    case "not-checked":
      return "warn";
  }
}
function verdictCauses(comparison, budgets, warnings = []) {
  const failed = comparison.scenarios.filter((s) => s.status === "failed");
  const failedOn = (side) => failed.filter((scenario) => scenario.error?.side === side).map((scenario) => ({ kind: "benchmark-failed", scenario, side }));
  return [
    ...budgets.filter((budget) => budget.status === "fail").map((budget) => ({ kind: "budget-failed", budget })),
    ...failedOn("head"),
    ...budgets.filter((budget) => budget.status === "warn").map((budget) => ({
      kind: "budget-warned",
      budget,
      because: budget.noisy ? "noisy" : "warn-level"
    })),
    ...failedOn("base"),
    ...warnings.map((warning) => ({ kind: "not-checked", warning })),
    ...failed.filter((scenario) => scenario.error === void 0).map((scenario) => ({ kind: "benchmark-failed", scenario }))
  ];
}
function verdictOf(causes) {
  return causes.length === 0 ? "pass" : levelOf(causes[0]);
}
function decideVerdict(comparison, budgets, warnings = []) {
  return verdictOf(verdictCauses(comparison, budgets, warnings));
}

export {
  levelOf,
  verdictCauses,
  decideVerdict
};

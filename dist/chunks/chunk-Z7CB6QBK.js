import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);

// src/format/sizes.ts
function groupDigits(value) {
  if (!Number.isSafeInteger(value)) return value.toLocaleString("en-US");
  const digits = String(Math.abs(value));
  let grouped = digits.slice(0, (digits.length - 1) % 3 + 1);
  for (let at = grouped.length; at < digits.length; at += 3) {
    grouped += `,${digits.slice(at, at + 3)}`;
  }
  return value < 0 ? `-${grouped}` : grouped;
}
var BINARY_STEPS = ["B", "KiB", "MiB", "GiB", "TiB"];
function formatBytes(bytes) {
  const sign = bytes < 0 ? "-" : "";
  let value = Math.abs(bytes);
  let step = 0;
  while (value >= 1024 && step < BINARY_STEPS.length - 1) {
    value /= 1024;
    step += 1;
  }
  if (step === 0) return `${sign}${value} B`;
  let text = threeFigures(value);
  if (Number(text) >= 1024 && step < BINARY_STEPS.length - 1) {
    value /= 1024;
    step += 1;
    text = threeFigures(value);
  }
  return `${sign}${text} ${BINARY_STEPS[step]}`;
}
function threeFigures(value) {
  const digitsFor = (n) => n >= 100 ? 0 : n >= 10 ? 1 : 2;
  const digits = digitsFor(value);
  const text = value.toFixed(digits);
  const rounded = digitsFor(Number(text));
  return rounded === digits ? text : value.toFixed(rounded);
}
function formatBytesDelta(bytes) {
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}
function percentChange(base, head) {
  if (base === 0) return head === 0 ? 0 : void 0;
  return (head - base) / Math.abs(base) * 100;
}
function formatPercent(percent) {
  if (percent === void 0) return "new";
  const rounded = Math.abs(percent) >= 10 ? percent.toFixed(1) : percent.toFixed(2);
  if (Number(rounded) === 0) return "0 %";
  return `${percent > 0 ? "+" : ""}${rounded} %`;
}

// src/report/ranking.ts
function scenarioChanged(scenario) {
  return scenario.status !== "ok" || (scenario.peak.delta ?? 0) !== 0 || (scenario.retained.delta ?? 0) !== 0 || (scenario.retainedCount.delta ?? 0) !== 0 || (scenario.leak?.delta ?? 0) !== 0 || scenario.sites.length > 0;
}
function changedScenarios(report) {
  return report.scenarios.filter(scenarioChanged);
}
function isNoChange(report) {
  return report.verdict === "pass" && (report.warnings ?? []).length === 0 && report.scenarios.length > 0 && changedScenarios(report).length === 0;
}
function severity(report, scenario) {
  const own = report.budgets.filter((budget) => budget.scenario === scenario.name);
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

export {
  groupDigits,
  formatBytes,
  formatBytesDelta,
  percentChange,
  formatPercent,
  scenarioChanged,
  changedScenarios,
  isNoChange,
  rankScenarios
};

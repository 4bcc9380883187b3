import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);

// src/report/report.ts
var REPORT_SCHEMA = "allocdiff.report/1";
function buildReport(input) {
  const { comparison, hiddenSites, ...rest } = input;
  const report = {
    schema: REPORT_SCHEMA,
    ...rest,
    warnings: input.warnings ?? [],
    scenarios: comparison.scenarios
  };
  if (hiddenSites && hiddenSites.ignored + hiddenSites.belowMinimumChange > 0) {
    report.hiddenSites = hiddenSites;
  }
  return report;
}

export {
  REPORT_SCHEMA,
  buildReport
};

import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);

// src/report/report-limits.ts
var TEXT_LIMITS = {
  /** A source line's text, an error message, a warning. */
  text: 1e4,
  /** A function's name, a scenario's, an exception type's, an object type's. */
  name: 1e3,
  file: 4096,
  /** A traceback, the output kept of a failed run. */
  long: 1e5
};
var SITE_LIMITS = {
  perScenario: 1e4,
  total: 1e5
};
function cut(text, limit) {
  if (text.length <= limit) return text;
  const marker = (dropped) => `\u2026 [${dropped} more characters]`;
  const kept = limit - marker(text.length).length;
  return text.slice(0, kept) + marker(text.length - kept);
}

// src/report/report.ts
var REPORT_SCHEMA = "allocdiff.report/1";
function locationWithinLimits(location) {
  const { file, text, function: name } = location;
  if (file.length <= TEXT_LIMITS.file && (text === void 0 || text.length <= TEXT_LIMITS.text) && (name === void 0 || name.length <= TEXT_LIMITS.name)) {
    return location;
  }
  const within = { ...location, file: cut(file, TEXT_LIMITS.file) };
  if (text !== void 0) within.text = cut(text, TEXT_LIMITS.text);
  if (name !== void 0) within.function = cut(name, TEXT_LIMITS.name);
  return within;
}
function siteWithinLimits(site) {
  const within = locationWithinLimits(site);
  if (!site.tracebacks) return within;
  const tracebacks = site.tracebacks.map((traceback) => {
    const frames = traceback.frames.map(locationWithinLimits);
    return frames.every((frame, index) => frame === traceback.frames[index]) ? traceback : { ...traceback, frames };
  });
  return tracebacks.every((traceback, index) => traceback === site.tracebacks[index]) ? within : { ...within, tracebacks };
}
function errorWithinLimits(error) {
  const within = {
    ...error,
    type: cut(error.type, TEXT_LIMITS.name),
    message: cut(error.message, TEXT_LIMITS.text)
  };
  if (error.traceback !== void 0) within.traceback = cut(error.traceback, TEXT_LIMITS.long);
  if (error.output !== void 0) within.output = cut(error.output, TEXT_LIMITS.long);
  return within;
}
function sitesWithinLimit(sites, limit) {
  if (sites.length <= limit) return { kept: sites };
  const leftOut = { count: sites.length - limit, sizeDelta: 0, countDelta: 0 };
  for (let index = limit; index < sites.length; index += 1) {
    leftOut.sizeDelta += sites[index].sizeDelta;
    leftOut.countDelta += sites[index].countDelta;
  }
  return { kept: sites.slice(0, limit), leftOut };
}
function scenarioWithinLimits(scenario, siteLimit) {
  const { kept, leftOut } = sitesWithinLimit(scenario.sites, siteLimit);
  const within = {
    ...scenario,
    name: cut(scenario.name, TEXT_LIMITS.name),
    sites: kept.map(siteWithinLimits)
  };
  if (leftOut) within.sitesLeftOut = leftOut;
  if (scenario.leakSites) within.leakSites = scenario.leakSites.map(siteWithinLimits);
  if (scenario.peakSites)
    within.peakSites = {
      ...scenario.peakSites,
      sites: scenario.peakSites.sites.map(siteWithinLimits),
      ...scenario.peakSites.missed ? {
        missed: Object.fromEntries(
          Object.entries(scenario.peakSites.missed).map(([side, why]) => [
            side,
            cut(why, TEXT_LIMITS.text)
          ])
        )
      } : {}
    };
  if (scenario.retention)
    within.retention = scenario.retention.map((finding) => ({
      ...finding,
      site: locationWithinLimits(finding.site),
      root: cut(finding.root, TEXT_LIMITS.name),
      holder: cut(finding.holder, TEXT_LIMITS.name),
      holderType: cut(finding.holderType, TEXT_LIMITS.name),
      name: cut(finding.name, TEXT_LIMITS.name),
      path: cut(finding.path, TEXT_LIMITS.text),
      ...finding.culprit ? {
        culprit: {
          ...locationWithinLimits(finding.culprit),
          ...finding.culprit.type !== void 0 ? { type: cut(finding.culprit.type, TEXT_LIMITS.name) } : {}
        }
      } : {},
      ...finding.cycle ? {
        cycle: finding.cycle.map((entry) => ({
          ...entry,
          type: cut(entry.type, TEXT_LIMITS.name)
        }))
      } : {},
      via: finding.via.map((step) => ({
        ...locationWithinLimits(step),
        type: cut(step.type, TEXT_LIMITS.name)
      }))
    }));
  if (scenario.error) within.error = errorWithinLimits(scenario.error);
  if (scenario.baseError) within.baseError = errorWithinLimits(scenario.baseError);
  if (scenario.objectTypes)
    within.objectTypes = scenario.objectTypes.map(
      (objects) => objects.type.length <= TEXT_LIMITS.name ? objects : { ...objects, type: cut(objects.type, TEXT_LIMITS.name) }
    );
  return within;
}
function buildReport(input) {
  const { comparison, hiddenSites, ...rest } = input;
  const withSites = comparison.scenarios.filter((scenario) => scenario.sites.length > 0).length;
  const siteLimit = Math.min(
    SITE_LIMITS.perScenario,
    Math.max(1, Math.floor(SITE_LIMITS.total / Math.max(1, withSites)))
  );
  const report = {
    schema: REPORT_SCHEMA,
    ...rest,
    warnings: input.warnings ?? [],
    scenarios: comparison.scenarios.map((scenario) => scenarioWithinLimits(scenario, siteLimit))
  };
  if (hiddenSites && (hiddenSites.ignored + hiddenSites.belowMinimumChange > 0 || hiddenSites.minimumChange > 0)) {
    report.hiddenSites = hiddenSites;
  }
  return report;
}
function renderJson(report) {
  return `${JSON.stringify(report, null, 2)}
`;
}

export {
  TEXT_LIMITS,
  SITE_LIMITS,
  REPORT_SCHEMA,
  buildReport,
  renderJson
};

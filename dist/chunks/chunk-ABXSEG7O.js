import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  escapeCode,
  escapeText,
  verdictReason
} from "./chunk-SRBFE2DA.js";
import {
  checkBudgets,
  failsRun,
  globMatcher,
  headSitesOf
} from "./chunk-PB7QAMS6.js";
import {
  decideVerdict
} from "./chunk-5JNAK6AG.js";

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
function judgeProposed(report, compared, proposed, from, markerRules = /* @__PURE__ */ new Map(), head) {
  const { comparison } = withoutIgnoredSites(compared, proposed.ignore);
  const held = head && headSitesOf(head, proposed.ignore);
  const { results, warnings } = checkBudgets(comparison, proposed.budgets, markerRules, held);
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
function settingsChangeText(change) {
  const where = change.configFile ? ` in ${change.configFile}` : "";
  const notTried = change.notTried.length > 0 ? ` (measured with the settings of ${change.from}: ${change.notTried.join(", ")} not tried)` : "";
  return `this change edits allocdiff's settings (${change.changed.join(", ")}${where}): it is judged by those of ${change.from}; its own apply once it is merged. With them, the verdict would be ${VERDICT_WORD[change.verdict]}${change.wouldFail ? ", failing the check" : ""}: ${change.reason}${notTried}`;
}
function settingsChangeMarkdown(change) {
  const keys = change.changed.map((key) => escapeCode(key)).join(", ");
  const where = change.configFile ? ` in ${escapeCode(change.configFile)}` : "";
  const icon = change.verdict === "fail" ? "\u274C" : change.verdict === "warn" ? "\u26A0\uFE0F" : "\u2705";
  const notTried = change.notTried.length > 0 ? ` Measured with the settings of ${escapeText(change.from)}: ${change.notTried.map((key) => escapeCode(key)).join(", ")} not tried.` : "";
  return `\u2699\uFE0F **This change edits allocdiff's settings** (${keys}${where}): it is judged by those of ${escapeText(change.from)}; its own apply once it is merged. With them: ${icon} ${VERDICT_WORD[change.verdict]}${change.wouldFail ? " (would fail the check)" : ""}: ${escapeText(change.reason)}.${notTried}`;
}
function acceptanceMarkdown(accepted) {
  const by = accepted.by !== void 0 ? `, added by ${escapeCode(accepted.by)}` : "";
  return `\u{1F3F7}\uFE0F **Accepted** with the label ${escapeCode(accepted.label)}${by}: the verdict above is what the budgets decided; a maintainer accepted it, and the check passes.`;
}

export {
  withoutIgnoredSites,
  withoutSmallSites,
  judgeProposed,
  settingsChangeText,
  settingsChangeMarkdown,
  acceptanceMarkdown
};

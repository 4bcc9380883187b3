import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  culpritGroups,
  escapeCode,
  escapeText,
  verdictReason
} from "./chunk-AG4ZHWQW.js";
import {
  checkBudgets,
  failsRun,
  globMatcher,
  headSitesOf
} from "./chunk-K4GS2N3C.js";
import {
  siteLocation
} from "./chunk-YHTJ2NQ3.js";
import {
  decideVerdict
} from "./chunk-CK6PWIRF.js";
import {
  formatBytesDelta,
  groupDigits
} from "./chunk-I74BVKXL.js";

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

// src/report/shared-causes.ts
var SHARED_CAUSE_MIN = 5;
var SHARED_CAUSES_SHOWN = 3;
function topSite(scenario) {
  if (scenario.status === "failed") return void 0;
  const [group] = culpritGroups(scenario);
  if (group) {
    const where = siteLocation(group.culprit);
    const own = scenario.sites.find((site2) => site2.line !== null && siteLocation(site2) === where);
    const site = own ?? {
      file: group.culprit.file,
      line: group.culprit.line,
      baseLine: null,
      sizeDelta: 0,
      countDelta: 0,
      baseSize: 0,
      headSize: 0,
      baseCount: 0,
      headCount: 0,
      changedLine: false,
      ...group.culprit.function !== void 0 ? { function: group.culprit.function } : {},
      ...group.culprit.text !== void 0 ? { text: group.culprit.text } : {}
    };
    return { site, bytes: Math.max(group.bytes, own?.sizeDelta ?? 0), keeps: true };
  }
  const grown = scenario.sites.find(
    (site) => site.line !== null && (site.sizeDelta > 0 || site.sizeDelta === 0 && site.countDelta > 0)
  );
  return grown && { site: grown, bytes: grown.sizeDelta, keeps: false };
}
function sharedCauses(listed, min = SHARED_CAUSE_MIN) {
  const causes = /* @__PURE__ */ new Map();
  for (const scenario of listed) {
    const top = topSite(scenario);
    if (!top) continue;
    const key = siteLocation(top.site);
    const cause = causes.get(key);
    if (!cause) {
      causes.set(key, {
        site: top.site,
        keeps: top.keeps,
        scenarios: [scenario],
        least: top.bytes,
        most: top.bytes
      });
      continue;
    }
    cause.scenarios.push(scenario);
    cause.keeps ||= top.keeps;
    cause.least = Math.min(cause.least, top.bytes);
    cause.most = Math.max(cause.most, top.bytes);
  }
  return [...causes.values()].filter((cause) => cause.scenarios.length >= min).sort((a, b) => b.scenarios.length - a.scenarios.length).slice(0, SHARED_CAUSES_SHOWN);
}
function nounOf(scenarios) {
  if (scenarios.every((s) => s.kind === "test")) return "tests";
  if (scenarios.every((s) => s.kind === "process")) return "processes";
  return "scenarios";
}
function rangeText(cause) {
  return cause.least === cause.most ? `${formatBytesDelta(cause.least)} each` : `${formatBytesDelta(cause.least)} to ${formatBytesDelta(cause.most)} each`;
}
function sharedCauseSentence(cause, changed, words, mark) {
  const { site } = cause;
  const noun = nounOf(cause.scenarios);
  const count = groupDigits(cause.scenarios.length);
  const of = `${count} of the ${groupDigits(Math.max(changed, cause.scenarios.length))} changed ${noun}`;
  const where = words.site(site) + (site.function ? ` in ${words.code(site.function)}` : "") + (site.text ? ` (${words.code(site.text)})` : "") + (site.changedLine ? mark : "");
  return cause.keeps ? `${of} keep memory alive through ${where}: ${rangeText(cause)}, with what it keeps alive` : `${of} grew most at ${where}: ${rangeText(cause)}`;
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
  sharedCauses,
  sharedCauseSentence,
  judgeProposed,
  settingsChangeText,
  settingsChangeMarkdown,
  acceptanceMarkdown
};

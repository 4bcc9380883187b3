import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  isNoChange
} from "./chunk-VKRW2TR5.js";
import {
  MEASURES,
  MEASURE_NAMES,
  changedBeyond,
  measureOf
} from "./chunk-NBJJRWMZ.js";

// src/publish/comment-policy.ts
var COMMENT_POLICIES = ["always", "on-change", "on-regression", "never"];
function isRegression(report) {
  if (report.verdict !== "pass") return true;
  return report.scenarios.some(
    (s) => s.status === "failed" || s.status === "ok" && MEASURE_NAMES.some(
      (name) => changedBeyond(measureOf(s, name), MEASURES[name].tolerance.change, "up")
    )
  );
}
function commentDecision(policy, report) {
  switch (policy) {
    case "always":
      return "post";
    case "never":
      return "skip";
    case "on-change":
      return isNoChange(report) ? "update" : "post";
    case "on-regression":
      return isRegression(report) ? "post" : "update";
  }
}

export {
  COMMENT_POLICIES,
  commentDecision
};

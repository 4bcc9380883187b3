import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  MEASURES,
  SIZE_UNITS,
  SIZE_UNITS_TEXT,
  measuresWhere,
  parseSize
} from "./chunk-NBJJRWMZ.js";
import {
  closestWord
} from "./chunk-RN36H25A.js";
import {
  UsageError
} from "./chunk-XA3YYY7N.js";

// src/budgets/rules.ts
var BUDGET_METRICS = measuresWhere((spec) => spec.budget).flatMap(
  (name) => name === "retained" ? [name, "site"] : [name]
);
function budgetMetricsText(glossed = false) {
  return BUDGET_METRICS.map((metric) => {
    const gloss = metric === "site" ? "any single site" : MEASURES[metric].words.gloss;
    return glossed && gloss !== void 0 ? `${metric} (${gloss})` : metric;
  }).join(", ");
}
function unitOf(metric) {
  return metric === "site" ? "bytes" : MEASURES[metric].unit;
}
var RULE_LEVELS = ["warn", "fail"];
var BudgetSyntaxError = class extends UsageError {
  constructor(problems) {
    super(problems.join("\n"));
    this.problems = problems;
    this.name = "BudgetSyntaxError";
  }
  problems;
};
function allowedLimits(metric) {
  if (unitOf(metric) === "count") {
    return "a count limit is N (ceiling), +N (max growth), +N% (max relative growth) or -N% (improvement floor), in allocations, without a unit";
  }
  return `a limit is N<unit> (ceiling), +N<unit> (max growth), +N% (max relative growth) or -N% (improvement floor); units: ${SIZE_UNITS_TEXT}`;
}
var PERCENT_PATTERN = /^([+-])\s*(\d+(?:\.\d+)?)\s*%$/;
var COUNT_PATTERN = /^\d+$/;
function hint(metric, text) {
  const named = /^([A-Za-z_-]+)\s*:/.exec(text);
  if (named && isBudgetMetric(named[1])) {
    return `it reads as a rule of its own: separate rules with ";" (a "," separates the limits of one rule), e.g. "${metric}: \u2026; ${text}"`;
  }
  if (/\(\s*(warn|fail)\s*\)$/.test(text)) {
    return "a level goes once, at the end of the rule, after all its limits";
  }
  if (/^\d+(?:\.\d+)?\s*%$/.test(text)) {
    return "a percentage needs a sign: +N% (max growth) or -N% (improvement floor)";
  }
  if (text.startsWith("-")) return "only a percentage can be negative: -N% (improvement floor)";
  const amount = /^\+?\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)$/.exec(text);
  if (!amount) return void 0;
  const unit = amount[2];
  if (unitOf(metric) === "count") {
    return unit ? "count limits are numbers of allocations, without a unit" : void 0;
  }
  if (unit === "") return "a size needs a unit, e.g. 100KB";
  const meant = Object.keys(SIZE_UNITS).find((u) => u.toLowerCase() === unit.toLowerCase());
  if (meant && meant !== unit) return `units are case-sensitive: did you mean ${meant}?`;
  if (meant === unit) return "the number is too large";
  return void 0;
}
function parseLimit(metric, raw) {
  const text = raw.trim();
  const percent = PERCENT_PATTERN.exec(text);
  if (percent) {
    const value = Number(percent[2]);
    if (!Number.isFinite(value)) {
      return {
        ok: false,
        problems: [`"${text}" is not a limit (the number is too large); ${allowedLimits(metric)}`]
      };
    }
    if (percent[1] === "+") {
      return { ok: true, value: { kind: "relative", percent: value, text: `+${percent[2]}%` } };
    }
    if (value > 100) {
      return {
        ok: false,
        problems: [`"${text}" is not a limit: memory cannot shrink by more than 100%`]
      };
    }
    return { ok: true, value: { kind: "floor", percent: value, text: `-${percent[2]}%` } };
  }
  const growth = text.startsWith("+");
  const body = (growth ? text.slice(1) : text).trim();
  const amount = unitOf(metric) === "count" ? COUNT_PATTERN.test(body) && Number.isSafeInteger(Number(body)) ? Number(body) : void 0 : parseSize(body);
  if (amount !== void 0) {
    const written = body.replace(/\s+/g, "");
    return growth ? { ok: true, value: { kind: "growth", amount, text: `+${written}` } } : { ok: true, value: { kind: "ceiling", amount, text: written } };
  }
  const why = hint(metric, text);
  return {
    ok: false,
    problems: [`"${text}" is not a limit${why ? ` (${why})` : ""}; ${allowedLimits(metric)}`]
  };
}
function formatRule(metric, limits, level) {
  return `${metric}: ${limits.map((limit) => limit.text).join(", ")}${level === "warn" ? " (warn)" : ""}`;
}
var LEVEL_SUFFIX = /\(\s*([^()]*?)\s*\)\s*$/;
function parseRuleLimits(metric, text, level) {
  const problems = [];
  let body = text.trim();
  let written;
  const suffix = LEVEL_SUFFIX.exec(body);
  if (suffix) {
    body = body.slice(0, suffix.index).trim();
    const named = suffix[1];
    if (RULE_LEVELS.includes(named)) written = named;
    else problems.push(`"(${named})" is not a level; a rule may end with (warn) or (fail)`);
  }
  if (written !== void 0 && level !== void 0 && written !== level) {
    problems.push(`the rule says (${written}) but its level is ${level}; give the level once`);
  }
  const limits = [];
  const parts = body.split(",").map((part) => part.trim());
  if (parts.some((part) => part === "")) problems.push(`missing limit; ${allowedLimits(metric)}`);
  for (const part of parts.filter((p) => p !== "")) {
    const limit = parseLimit(metric, part);
    if (limit.ok) limits.push(limit.value);
    else problems.push(...limit.problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  const ruleLevel = written ?? level ?? "fail";
  return {
    ok: true,
    value: { metric, limits, level: ruleLevel, source: formatRule(metric, limits, ruleLevel) }
  };
}
function isBudgetMetric(name) {
  return BUDGET_METRICS.includes(name);
}
function parseInlineRules(text) {
  const rules = [];
  const problems = [];
  for (const raw of text.split(/[;\n]/)) {
    const source = raw.trim();
    if (source === "" || source.startsWith("#")) continue;
    const colon = source.indexOf(":");
    if (colon < 0) {
      problems.push(`budget rule "${source}": expected "metric: limit", e.g. "peak: +5%"`);
      continue;
    }
    const metric = source.slice(0, colon).trim();
    if (!isBudgetMetric(metric)) {
      const meant = closestWord(metric, BUDGET_METRICS);
      problems.push(
        `budget rule "${source}": unknown metric "${metric}"; ${meant ? `did you mean ${meant}? ` : ""}metrics: ${BUDGET_METRICS.join(", ")}`
      );
      continue;
    }
    const rule = parseRuleLimits(metric, source.slice(colon + 1));
    if (rule.ok) rules.push(rule.value);
    else problems.push(...rule.problems.map((problem) => `budget rule "${source}": ${problem}`));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: rules };
}

export {
  BUDGET_METRICS,
  budgetMetricsText,
  unitOf,
  RULE_LEVELS,
  BudgetSyntaxError,
  parseRuleLimits,
  isBudgetMetric,
  parseInlineRules
};

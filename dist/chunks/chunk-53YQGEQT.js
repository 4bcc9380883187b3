import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  closestWord
} from "./chunk-RN36H25A.js";
import {
  UsageError
} from "./chunk-XA3YYY7N.js";

// src/compare/measures.ts
var RSS_TOLERANCE_BYTES = 1024 * 1024;
var PEAK_FIRST_PASS_TOLERANCE_BYTES = 1024;
var MEASURES = {
  peak: {
    field: "peak",
    unit: "bytes",
    read: (scenario) => scenario.peakBytes,
    repeat: (totals) => totals.peakBytes,
    presence: "always",
    exact: true,
    tolerance: { firstPass: PEAK_FIRST_PASS_TOLERANCE_BYTES, change: 0 },
    words: {
      subject: "peak memory",
      name: "peak",
      row: "peak",
      explain: void 0,
      gloss: void 0
    },
    shown: "fixed",
    budget: true,
    estimate: void 0,
    lead: { weight: "peak", example: "+5%" },
    sites: { list: "peakSites", unit: " at the peak" }
  },
  retained: {
    field: "retained",
    unit: "bytes",
    read: (scenario) => scenario.retainedBytes,
    repeat: (totals) => totals.retainedBytes,
    presence: "always",
    exact: true,
    tolerance: { firstPass: 0, change: 0 },
    words: {
      subject: "retained memory",
      name: "retained",
      row: "retained",
      explain: void 0,
      gloss: void 0
    },
    shown: "fixed",
    budget: true,
    estimate: void 0,
    lead: { weight: "peak", example: "+100KB" },
    sites: { list: "sites", unit: "" }
  },
  leak: {
    field: "leak",
    unit: "bytes",
    read: (scenario) => scenario.leak ? Math.round(scenario.leak.bytesPerCall) : void 0,
    repeat: void 0,
    presence: "measured",
    exact: true,
    tolerance: { firstPass: 0, change: 0 },
    words: {
      subject: "the leak per call",
      name: "leak per call",
      row: void 0,
      explain: void 0,
      gloss: "per call"
    },
    shown: "fixed",
    budget: true,
    estimate: "retainedGrowth",
    lead: { weight: "own", example: "0B" },
    sites: { list: "leakSites", unit: " per call" }
  },
  count: {
    field: "retainedCount",
    unit: "count",
    read: (scenario) => scenario.retainedCount,
    repeat: (totals) => totals.retainedCount,
    presence: "always",
    exact: true,
    tolerance: { firstPass: 0, change: 0 },
    words: {
      subject: "the retained allocation count",
      name: "retained count",
      row: "retained blocks",
      explain: void 0,
      gloss: "retained allocations"
    },
    shown: "budgets",
    budget: true,
    estimate: void 0,
    lead: void 0,
    sites: void 0
  },
  rss: {
    field: "rss",
    unit: "bytes",
    read: (scenario) => scenario.rssBytes,
    repeat: (totals) => totals.rssBytes,
    presence: "measured",
    exact: false,
    tolerance: { firstPass: RSS_TOLERANCE_BYTES, change: RSS_TOLERANCE_BYTES },
    words: {
      subject: "peak RSS",
      name: "RSS",
      row: void 0,
      explain: "RSS: the process's resident memory at its highest while the scenario ran, above where it started, as the system counts it (C extensions included; it varies by some pages between runs).",
      gloss: "peak resident memory of the process, C extensions included"
    },
    shown: "changed",
    budget: true,
    estimate: void 0,
    lead: void 0,
    sites: void 0
  }
};
var MEASURE_NAMES = Object.keys(MEASURES);
function measuresWhere(test) {
  return MEASURE_NAMES.filter((name) => test(MEASURES[name]));
}
function measureOf(scenario, name) {
  return scenario[MEASURES[name].field];
}
function changedBeyond(measure, tolerance, direction = "any") {
  const delta = measure?.delta ?? 0;
  return direction === "up" ? delta > tolerance : Math.abs(delta) > tolerance;
}

// src/budgets/sizes.ts
var SIZE_UNITS = {
  B: 1,
  KB: 1e3,
  MB: 1e3 ** 2,
  GB: 1e3 ** 3,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3
};
var SIZE_UNITS_TEXT = "B, KB, MB, GB (powers of 1000), KiB, MiB, GiB (powers of 1024); units are case-sensitive";
var SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)$/;
function parseSize(text) {
  const match = SIZE_PATTERN.exec(text.trim());
  if (!match) return void 0;
  const bytes = Math.round(Number(match[1]) * (SIZE_UNITS[match[2]] ?? NaN));
  return Number.isSafeInteger(bytes) ? bytes : void 0;
}
function sizeUnitsOf(limitText) {
  return /\d\s*[KMG]B$/.test(limitText.trim()) ? "decimal" : "binary";
}

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
  MEASURES,
  MEASURE_NAMES,
  measuresWhere,
  measureOf,
  changedBeyond,
  SIZE_UNITS_TEXT,
  parseSize,
  sizeUnitsOf,
  BUDGET_METRICS,
  budgetMetricsText,
  unitOf,
  RULE_LEVELS,
  BudgetSyntaxError,
  parseRuleLimits,
  isBudgetMetric,
  parseInlineRules
};

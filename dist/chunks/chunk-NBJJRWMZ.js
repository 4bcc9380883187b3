import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);

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
    kept: false,
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
    kept: true,
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
    kept: true,
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
    kept: true,
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
    kept: false,
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

export {
  MEASURES,
  MEASURE_NAMES,
  measuresWhere,
  measureOf,
  changedBeyond,
  SIZE_UNITS,
  SIZE_UNITS_TEXT,
  parseSize,
  sizeUnitsOf
};

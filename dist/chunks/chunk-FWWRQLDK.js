import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  CONFIG_NAMES,
  DECLARATIONS,
  SETTINGS,
  declarationOf
} from "./chunk-DJ3AICVX.js";
import {
  UsageError
} from "./chunk-AGAXQL6F.js";

// src/config/settings.ts
var BENCHMARK_GROUP = "benchmark";
function settingsFromConfig(config) {
  const settings = {};
  for (const [key, value] of Object.entries(config)) {
    const setting = key in SETTINGS ? declarationOf(key) : void 0;
    if (setting?.publishing || setting?.group === BENCHMARK_GROUP) continue;
    settings[setting?.settingsName ?? key] = value;
  }
  return settings;
}
var BENCHMARK_NAMES = CONFIG_NAMES.filter(
  (name) => declarationOf(name).group === BENCHMARK_GROUP
);
function either(items, last = " or ") {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")}${last}${items.at(-1)}`;
}
function alternativeOf(name) {
  return declarationOf(name).alternative;
}
function benchmarkChoice() {
  const offers = BENCHMARK_NAMES.map(
    (name) => `${declarationOf(name).key} (${alternativeOf(name).short})`
  );
  return `give one: ${either(offers)}`;
}
function benchmarkRequired(as) {
  const asGiven = BENCHMARK_NAMES.map((name) => {
    const { flag, input } = declarationOf(name);
    return as === "flag" ? `--${flag?.name}` : `"${input}"`;
  });
  const keys = BENCHMARK_NAMES.map((name) => declarationOf(name).key);
  const offers = BENCHMARK_NAMES.map((name, index) => {
    const { what, inputWhat, example } = alternativeOf(name);
    if (as === "input") return `${inputWhat ?? what}, e.g. ${example}`;
    const value = example.includes(" ") ? `"${example}"` : example;
    return `${what}, e.g. ${asGiven[index]} ${value}`;
  });
  return `${as === "input" ? "input " : ""}${either(asGiven)} is required (or ${either(keys)} in the config file): ${either(offers, ", or ")}`;
}
function benchmarkOf(config) {
  if (config.command) return { kind: "command", command: config.command, workingDirectory: "." };
  if (config.script) return { kind: "script", script: config.script };
  return void 0;
}
function requireBenchmark(config, as) {
  const benchmark = benchmarkOf(config);
  if (!benchmark) throw new UsageError(benchmarkRequired(as));
  return benchmark;
}
var CAPTURE_NAMES = DECLARATIONS.flatMap(
  ([name, setting]) => setting.capture ? [name] : []
);
function captureSettingsOf(settings) {
  const picked = {};
  for (const name of CAPTURE_NAMES) {
    if (settings[name] !== void 0) picked[name] = settings[name];
  }
  return picked;
}

export {
  settingsFromConfig,
  BENCHMARK_NAMES,
  benchmarkChoice,
  requireBenchmark,
  captureSettingsOf
};

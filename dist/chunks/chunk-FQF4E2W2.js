import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  describeValue
} from "./chunk-PLFFDZYP.js";
import {
  CONFIG_NAMES,
  DECLARATIONS,
  SETTINGS,
  declarationOf
} from "./chunk-PTBJSTHP.js";
import {
  UsageError
} from "./chunk-XA3YYY7N.js";

// src/config/settings.ts
import { createHash } from "node:crypto";
var BENCHMARK_GROUP = "benchmark";
function parseHtmlUrl(value, name, env = process.env) {
  const given = value.trim();
  if (given === "") return void 0;
  if (given === "run") {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = env;
    if (!server || !repository || !run || !/^\d+$/.test(run)) {
      throw new UsageError(
        `${name}: "run" links the GitHub Actions run's page, but GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID do not name one here; give the http(s) URL where the HTML report is kept`
      );
    }
    return parseHtmlUrl(
      `${server.replace(/\/+$/, "")}/${repository}/actions/runs/${run}`,
      name,
      {}
    );
  }
  let url;
  try {
    url = new URL(given);
  } catch {
    url = void 0;
  }
  if (!url || url.protocol !== "https:" && url.protocol !== "http:" || url.username || url.password) {
    throw new UsageError(
      `${name}: got ${describeValue(given)}; expected an http(s) URL where the HTML report is kept, or run for the GitHub Actions run's page`
    );
  }
  return url.href;
}
function settingsFromConfig(config) {
  const settings = {};
  for (const [key, value] of Object.entries(config)) {
    const setting = key in SETTINGS ? declarationOf(key) : void 0;
    if (setting?.publishing || setting?.group === BENCHMARK_GROUP) continue;
    settings[setting?.settingsName ?? key] = value;
  }
  return settings;
}
var RUN_FIELDS = /* @__PURE__ */ new Set([
  "repoDir",
  "base",
  "head",
  "workingTree",
  "shard",
  "jsonPath",
  "markdownPath",
  "repository",
  "serverUrl",
  "pullRequest",
  "artifactDir"
]);
function settingsDigest(settings) {
  const canonical = (value) => Array.isArray(value) ? value.map(canonical) : value !== null && typeof value === "object" ? Object.fromEntries(
    Object.keys(value).sort().map((key) => [key, canonical(value[key])])
  ) : value;
  const kept = Object.fromEntries(
    Object.entries(settings).filter(([name]) => !RUN_FIELDS.has(name))
  );
  return createHash("sha256").update(JSON.stringify(canonical(kept))).digest("hex");
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
  parseHtmlUrl,
  settingsFromConfig,
  settingsDigest,
  BENCHMARK_NAMES,
  benchmarkChoice,
  requireBenchmark,
  captureSettingsOf
};

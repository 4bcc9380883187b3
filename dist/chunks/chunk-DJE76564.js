import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  COMMENT_POLICIES
} from "./chunk-SK32QBNV.js";
import {
  BENCHMARK_NAMES,
  benchmarkChoice
} from "./chunk-FQF4E2W2.js";
import {
  FAIL_ON_VALUES,
  globProblem
} from "./chunk-K4GS2N3C.js";
import {
  findConfigFile,
  nodeFiles,
  readConfigFile,
  repositoryRoot
} from "./chunk-Q6O3J5TU.js";
import {
  ALLOWED,
  ConfigError,
  describeValue,
  formatKeyPath,
  problemsOf
} from "./chunk-PLFFDZYP.js";
import {
  groupDigits
} from "./chunk-I74BVKXL.js";
import {
  CONFIG_NAMES,
  SETTINGS,
  declarationOf,
  defaultOf
} from "./chunk-PTBJSTHP.js";
import {
  BUDGET_METRICS,
  RULE_LEVELS,
  parseInlineRules,
  parseRuleLimits,
  unitOf
} from "./chunk-REFG7THN.js";
import {
  SIZE_UNITS_TEXT,
  parseSize
} from "./chunk-NBJJRWMZ.js";
import {
  NEVER,
  _enum,
  array,
  boolean,
  int,
  number,
  record,
  strictObject,
  string,
  union,
  unknown
} from "./chunk-ZAFJCKPJ.js";

// src/config/load-config.ts
import { isAbsolute, relative, resolve, sep } from "node:path";

// src/config/schema.ts
var got = (input) => `got ${describeValue(input)}`;
var unknownKey = (allowed, kind = "key") => (issue) => issue.code === "unrecognized_keys" ? `unknown ${kind}; ${ALLOWED}${allowed.join(", ")}` : `${got(issue.input)}; expected a table with the keys ${allowed.join(", ")}`;
function accept(parsed, input, ctx) {
  if (parsed.ok) return parsed.value;
  for (const message of parsed.problems) ctx.addIssue({ code: "custom", message, input });
  return NEVER;
}
var text = (what) => string({ error: (issue) => `${got(issue.input)}; expected ${what}` }).min(1, { error: `got an empty text; expected ${what}` });
function wholeNumber(min, maximum) {
  const expected = `a whole number \u2265 ${min}`;
  const message = (issue) => `${got(issue.input)}; expected ${expected}`;
  const range = maximum && `a whole number from ${min} to ${maximum.max} (${maximum.why})`;
  const pattern = min === 0 ? /^\d+$/ : /^[1-9]\d*$/;
  const file = int({ error: message }).min(min, { error: message });
  return {
    file: maximum ? file.max(maximum.max, { error: (issue) => `${got(issue.input)}; expected ${range}` }) : file,
    text: string().transform((value, ctx) => {
      const number2 = pattern.test(value) ? Number(value) : NaN;
      const parsed = !Number.isSafeInteger(number2) ? { ok: false, problems: [`got "${value}"; expected ${expected}`] } : maximum && number2 > maximum.max ? { ok: false, problems: [`got "${value}"; expected ${range}`] } : { ok: true, value: number2 };
      return accept(parsed, value, ctx);
    })
  };
}
var SHELL_COMMAND_MAX_BYTES = 128 * 1024 - 1;
function shellCommandProblem(value) {
  const bytes = Buffer.byteLength(value, "utf8");
  if (bytes <= SHELL_COMMAND_MAX_BYTES) return void 0;
  return `got ${groupDigits(bytes)} bytes; a shell command may be at most ${groupDigits(SHELL_COMMAND_MAX_BYTES)} bytes (Linux's limit for one argument); put longer commands in a script and run that, e.g. "bash ci/setup.sh"`;
}
function shorterThanAnArgument(schema) {
  return schema.superRefine((value, ctx) => {
    const problem = shellCommandProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
  });
}
function checkedNumber(rule) {
  return {
    file: number({ error: (issue) => `${got(issue.input)}; expected ${rule.expected}` }).superRefine((value, ctx) => {
      if (!rule.accepts(value))
        ctx.addIssue({
          code: "custom",
          message: `${got(value)}; expected ${rule.expected}`,
          input: value
        });
    }),
    text: string().transform((value, ctx) => {
      const number2 = rule.pattern.test(value.trim()) ? Number(value.trim()) : NaN;
      const parsed = rule.accepts(number2) ? { ok: true, value: number2 } : { ok: false, problems: [`got "${value}"; expected ${rule.expected}`] };
      return accept(parsed, value, ctx);
    })
  };
}
var booleanValue = boolean({
  error: (issue) => `${got(issue.input)}; expected true or false`
});
var booleanText = string().transform((value, ctx) => {
  const normalised = value.trim().toLowerCase();
  const parsed = normalised === "true" || normalised === "false" ? { ok: true, value: normalised === "true" } : { ok: false, problems: [`got "${value}"; expected true or false`] };
  return accept(parsed, value, ctx);
});
var commentPolicy = _enum(COMMENT_POLICIES, {
  error: (issue) => `${got(issue.input)}; expected one of ${COMMENT_POLICIES.join(", ")}`
});
var failOn = _enum(FAIL_ON_VALUES, {
  error: (issue) => `${got(issue.input)}; expected one of ${FAIL_ON_VALUES.join(", ")}`
});
var sizeText = string({
  error: (issue) => `${got(issue.input)}; expected a size as text, e.g. "1KiB"; units: ${SIZE_UNITS_TEXT}`
}).transform((value, ctx) => {
  const bytes = parseSize(value);
  const parsed = bytes === void 0 ? {
    ok: false,
    problems: [`"${value}" is not a size; expected N<unit>, units: ${SIZE_UNITS_TEXT}`]
  } : { ok: true, value: bytes };
  return accept(parsed, value, ctx);
});
var glob = string({ error: (issue) => `${got(issue.input)}; expected a glob, e.g. "tests/**"` }).superRefine((value, ctx) => {
  const problem = globProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
});
var RULE_FORMS = 'limits as text like "+5%, 64MB", a list of them, or a table {limit = "+5%", level = "warn"}';
function metricRules(metric) {
  const notARule = (issue) => typeof issue.input === "number" ? `got the number ${issue.input}; write limits as text, e.g. "${unitOf(metric) === "count" ? "+1000" : "64MB"}" or "+5%" (in YAML, an unquoted +1000 is the number 1000)` : `${got(issue.input)}; expected ${RULE_FORMS}`;
  const limitsText = string().transform((value, ctx) => accept(parseRuleLimits(metric, value), value, ctx));
  const limitsTable = strictObject(
    {
      limit: union([string(), array(string())], {
        error: (issue) => `${got(issue.input)}; expected limits like "+5%, 64MB" or a list`
      }),
      level: _enum(RULE_LEVELS, {
        error: (issue) => `${got(issue.input)}; expected ${RULE_LEVELS.join(" or ")}`
      }).optional()
    },
    { error: unknownKey(["limit", "level"]) }
  ).transform(({ limit, level }, ctx) => {
    const written = Array.isArray(limit) ? limit.join(", ") : limit;
    return accept(parseRuleLimits(metric, written, level), limit, ctx);
  });
  const rule = union([limitsText, limitsTable], { error: notARule });
  return union([rule, array(rule)], { error: notARule }).transform((value) => Array.isArray(value) ? value : [value]);
}
var inlineRules = string().transform((value, ctx) => {
  const parsed = parseInlineRules(value);
  if (!parsed.ok) {
    accept(parsed, value, ctx);
    return NEVER;
  }
  return { rules: parsed.value, metrics: [...new Set(parsed.value.map((rule) => rule.metric))] };
});
var budgetsTable = strictObject(
  Object.fromEntries(
    BUDGET_METRICS.map((metric) => [metric, metricRules(metric).optional()])
  ),
  { error: unknownKey(BUDGET_METRICS, "metric") }
).transform((table) => {
  const metrics = BUDGET_METRICS.filter((metric) => table[metric] !== void 0);
  return { rules: metrics.flatMap((metric) => table[metric] ?? []), metrics };
});
var budgets = union([inlineRules, budgetsTable], {
  error: (issue) => `${got(issue.input)}; expected rules as text like "peak: +5%; retained: +100KB", or a table of metric = limits`
});
var scenarioGlob = string().superRefine((value, ctx) => {
  const problem = globProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
});
var scenarios = record(scenarioGlob, strictObject({ budgets }, { error: unknownKey(["budgets"]) }), {
  error: (issue) => `${got(issue.input)}; expected a table of scenario glob = {budgets = \u2026}, e.g. scenarios."bench_ingest*".budgets.peak = "2GB"`
}).transform(
  (table) => Object.entries(table).map(([pattern, entry]) => ({
    scenarios: pattern,
    origin: formatKeyPath(["scenarios", pattern]),
    metrics: entry.budgets.metrics,
    rules: entry.budgets.rules
  }))
);
var PEAK_SITES_TEXT = "auto, true or false";
var peakSitesValue = unknown().transform((value, ctx) => {
  const parsed = typeof value === "boolean" || value === "auto" ? { ok: true, value } : { ok: false, problems: [`${got(value)}; expected ${PEAK_SITES_TEXT}`] };
  return accept(parsed, value, ctx);
});
var peakSitesText = string().transform((value, ctx) => {
  const normalised = value.trim().toLowerCase();
  const parsed = normalised === "auto" ? { ok: true, value: "auto" } : normalised === "true" || normalised === "false" ? { ok: true, value: normalised === "true" } : { ok: false, problems: [`got "${value}"; expected ${PEAK_SITES_TEXT}`] };
  return accept(parsed, value, ctx);
});
var SCHEMA_KIT = {
  /** Text that may not be empty; `expected` says what it is, with an example. */
  text: (expected) => ({ file: text(expected), text: string() }),
  /** A shell command run with `bash -c`: text that may not be empty, nor too long to pass. */
  shellCommand: (expected) => ({
    file: shorterThanAnArgument(text(expected)),
    text: shorterThanAnArgument(string())
  }),
  boolean: { file: booleanValue, text: booleanText },
  /** `auto`, `true` or `false`: when to find the sites at the peak. */
  peakSites: { file: peakSitesValue, text: peakSitesText },
  /** `auto`, `true` or `false`, as `peak-sites` takes them. */
  autoOrBoolean: { file: peakSitesValue, text: peakSitesText },
  wholeNumber,
  checkedNumber,
  /** A size, always written as text: "1KiB", "64MB". */
  size: { file: sizeText, text: sizeText },
  /** Globs over site paths: one or a list in a file; one per line or comma-separated as text. */
  globs: {
    file: union([glob, array(glob)], {
      error: (issue) => `${got(issue.input)}; expected a list of globs, e.g. ["tests/**"]`
    }).transform((value) => Array.isArray(value) ? value : [value]),
    text: string().transform(splitGlobList).pipe(array(glob))
  },
  failOn: { file: failOn, text: string().pipe(failOn) },
  commentPolicy: {
    file: commentPolicy,
    text: string().pipe(commentPolicy)
  },
  /** The budget rules for every scenario: inline text, or a table of metric = limits. */
  budgets: {
    file: budgets.transform((set) => set.rules),
    text: inlineRules.transform((set) => set.rules)
  },
  /** Per-scenario budgets: a table of scenario glob = {budgets = …}; a file's only. */
  scenarios: { file: scenarios }
};
var PARSED = CONFIG_NAMES.map((name) => {
  const setting = SETTINGS[name];
  return { name, key: setting.key, parser: setting.parse(SCHEMA_KIT) };
});
var FILE_KEYS = PARSED.map(({ key }) => key);
function toLayer(raw) {
  const layer = {};
  for (const { name, key } of PARSED) if (raw[key] !== void 0) layer[name] = raw[key];
  return layer;
}
var fileConfigSchema = strictObject(
  Object.fromEntries(PARSED.map(({ key, parser }) => [key, parser.file.optional()])),
  { error: unknownKey(FILE_KEYS) }
).transform(toLayer);
function splitGlobList(value) {
  const globs = [];
  let depth = 0;
  let current = "";
  for (const char of value) {
    if (char === "{") depth += 1;
    if (char === "}") depth = Math.max(0, depth - 1);
    if (char === "\n" || char === "," && depth === 0) {
      globs.push(current);
      current = "";
    } else current += char;
  }
  globs.push(current);
  return globs.map((g) => g.trim()).filter((g) => g !== "");
}
var textConfigSchema = strictObject(
  Object.fromEntries(
    PARSED.flatMap(({ key, parser }) => parser.text ? [[key, parser.text.optional()]] : [])
  )
).transform(toLayer);

// src/config/load-config.ts
function validateInputs(inputs, nameInput) {
  const parsed = textConfigSchema.safeParse(inputs);
  if (parsed.success) return parsed.data;
  return problemsOf(parsed.error.issues).map(
    (problem) => `${nameInput(String(problem.path[0]))}: ${problem.message}`
  );
}
function validateConfigDocument(document) {
  const parsed = fileConfigSchema.safeParse(document.settings);
  if (!parsed.success) {
    const located = problemsOf(parsed.error.issues).map((problem) => {
      const line = document.lineOf(problem.path);
      const keyPath = formatKeyPath([...document.prefix, ...problem.path]);
      const where = `${document.label}${line === void 0 ? "" : `:${line}`}`;
      return {
        line: line ?? 0,
        text: `${where}: ${keyPath === "" ? "" : `${keyPath}: `}${problem.message}`
      };
    });
    return located.sort((a, b) => a.line - b.line).map((problem) => problem.text);
  }
  return parsed.data;
}
function slashes(path) {
  return path.split(sep).join("/");
}
function keyOf(name) {
  return declarationOf(name).key;
}
function groupOf(name) {
  const { group } = declarationOf(name);
  if (group === void 0) return [name];
  return CONFIG_NAMES.filter((other) => declarationOf(other).group === group);
}
function mergeConfig(inputs, file, configFile) {
  const merged = {};
  for (const name of CONFIG_NAMES) {
    const group = groupOf(name);
    const layer = [inputs, file].find((given) => group.some((n) => given[n] !== void 0));
    const value = layer?.[name] ?? defaultOf(declarationOf(name));
    if (value !== void 0) merged[name] = value;
  }
  const { budgets: budgets2, scenarios: scenarios2, ...settings } = merged;
  return {
    ...settings,
    budgets: {
      rules: budgets2,
      overrides: scenarios2.map((override) => ({
        ...override,
        origin: configFile ? `${configFile}: ${override.origin}` : override.origin
      }))
    },
    ...configFile !== void 0 ? { configFile } : {}
  };
}
function loadConfig(sources) {
  const files = sources.files ?? nodeFiles;
  const projectDir = resolve(sources.projectDir);
  const labelOf = (path) => {
    const inside = relative(projectDir, path);
    return inside !== "" && !inside.startsWith("..") && !isAbsolute(inside) ? slashes(inside) : path;
  };
  const document = sources.configPath !== void 0 ? readConfigFile(
    sources.configPath,
    labelOf(sources.configPath),
    files,
    repositoryRoot(projectDir, files)
  ) : findConfigFile(projectDir, files, labelOf);
  const inputs = validateInputs(sources.inputs, sources.nameInput);
  const file = document ? validateConfigDocument(document) : {};
  const problems = [...Array.isArray(inputs) ? inputs : [], ...Array.isArray(file) ? file : []];
  const givenIn = (layer) => Array.isArray(layer) ? [] : BENCHMARK_NAMES.filter((name) => layer[name] !== void 0);
  const [inputGiven, ...inputsBeside] = givenIn(inputs);
  if (inputGiven !== void 0 && inputsBeside.length > 0) {
    problems.push(
      `${inputsBeside.map((name) => sources.nameInput(keyOf(name))).join(", ")}: cannot be given with ${sources.nameInput(keyOf(inputGiven))}; ${benchmarkChoice()}`
    );
  }
  const [fileGiven, ...fileBeside] = givenIn(file);
  if (document && fileGiven !== void 0 && fileBeside.length > 0) {
    const line = document.lineOf([keyOf(fileBeside[0])]);
    problems.push(
      `${document.label}${line === void 0 ? "" : `:${line}`}: ${fileBeside.map((name) => formatKeyPath([...document.prefix, keyOf(name)])).join(", ")}: cannot be set with ${keyOf(fileGiven)}; ${benchmarkChoice()}`
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const fileLayer = file;
  for (const name of CONFIG_NAMES) {
    const path = fileLayer[name];
    if (document && declarationOf(name).flag?.projectPath && typeof path === "string") {
      fileLayer[name] = slashes(
        relative(projectDir, resolve(document.baseDir, path))
      );
    }
  }
  return mergeConfig(inputs, fileLayer, document?.label);
}

export {
  validateInputs,
  validateConfigDocument,
  mergeConfig,
  loadConfig
};

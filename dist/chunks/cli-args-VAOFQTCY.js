import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  parsePassedNames
} from "./chunk-5FTEMDCU.js";
import {
  loadConfig
} from "./chunk-DJE76564.js";
import "./chunk-SK32QBNV.js";
import "./chunk-VKRW2TR5.js";
import {
  BENCHMARK_NAMES,
  parseHtmlUrl,
  requireBenchmark,
  settingsFromConfig
} from "./chunk-FQF4E2W2.js";
import "./chunk-K4GS2N3C.js";
import "./chunk-YHTJ2NQ3.js";
import "./chunk-CK6PWIRF.js";
import {
  nodeFiles
} from "./chunk-Q6O3J5TU.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import "./chunk-I74BVKXL.js";
import {
  DECLARATIONS,
  SETTINGS,
  declarationOf,
  settingOfKey
} from "./chunk-PTBJSTHP.js";
import {
  parseShard
} from "./chunk-YBF2V7KG.js";
import "./chunk-REFG7THN.js";
import "./chunk-NBJJRWMZ.js";
import {
  closestWord
} from "./chunk-RN36H25A.js";
import "./chunk-ZAFJCKPJ.js";
import {
  UsageError
} from "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";

// src/config/cli-args.ts
import { mkdtempSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";

// src/config/settings-docs.ts
function wrapWords(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line];
}
var HELP_WIDTH = 80;
var HELP_INDENT = 21;
function helpEntry(flag, help) {
  const [first, ...rest] = wrapWords(help, HELP_WIDTH - HELP_INDENT);
  const indent = " ".repeat(HELP_INDENT);
  const name = `  ${flag}`;
  const lead = name.length + 2 <= HELP_INDENT ? name.padEnd(HELP_INDENT) : `${name}
${indent}`;
  return [`${lead}${first}`, ...rest.map((line) => `${indent}${line}`)].join("\n");
}
function flagUsage(flag) {
  if (!flag.toggle) return `--${flag.name} ${flag.arg}`;
  return `--[no-]${flag.name}${flag.arg === "BOOL" ? "" : `[=${flag.arg}]`}`;
}
function helpOptions(others) {
  return [
    ...DECLARATIONS.flatMap(
      ([, { flag, help }]) => flag ? [helpEntry(flagUsage(flag), help ?? "")] : []
    ),
    ...others.map(({ flag, help }) => helpEntry(flag, help))
  ].join("\n");
}

// src/config/cli-args.ts
function slashes(path) {
  return path.split("\\").join("/");
}
var FLAGGED = DECLARATIONS.flatMap(
  ([, setting]) => setting.flag ? [{ ...setting, flag: setting.flag }] : []
);
var BENCHMARK_FLAGS = BENCHMARK_NAMES.flatMap((name) => {
  const { flag } = declarationOf(name);
  return flag ? [`--${flag.name} ${flag.arg}`] : [];
}).join(" | ");
var COMMANDS = [
  { flag: "-h, --help", help: "show this help" },
  { flag: "-v, --version", help: "show the version" }
];
function paragraphs(...texts) {
  return texts.map((text) => wrapWords(text, HELP_WIDTH).join("\n")).join("\n\n");
}
var CLI_USAGE = `allocdiff: compare a Python benchmark's memory allocations between two commits

Usage:
  allocdiff --base REF [${BENCHMARK_FLAGS}] [options]

${paragraphs(
  "Runs PATH (or the config file's script) under tracemalloc in a checkout of REF (base) and of --head (default: HEAD, or the working tree when it has changes), compares the allocations by source line, checks the budgets and prints the report. With --command, every Python process CMD starts is measured instead."
)}
`;
var CLI_HELP = `${CLI_USAGE}
Options:
${helpOptions(COMMANDS)}

${paragraphs(
  "Flags win over the config file, which wins over the defaults.",
  "Exit codes: 0 within budget (or the verdict is below --fail-on), 1 a budget was exceeded, 2 usage or configuration error, 3 benchmark or git failure (a side that raised, or could not be run)."
)}
`;
var TOGGLES = new Set(FLAGGED.filter(({ flag }) => flag.toggle).map(({ flag }) => flag.name));
var OPTION_NAMES = [
  ...FLAGGED.flatMap(({ flag }) => flag.toggle ? [flag.name, `no-${flag.name}`] : [flag.name]),
  "help",
  "version"
];
function expandToggles(argv) {
  const expanded = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "--") {
      expanded.push(...argv.slice(index));
      break;
    }
    const option = /^--([^=]+)(=.*)?$/s.exec(arg);
    if (!option) {
      expanded.push(arg);
      continue;
    }
    const [, name, value] = option;
    if (!OPTION_NAMES.includes(name)) {
      const meant = closestWord(name, OPTION_NAMES);
      throw new UsageError(
        `unknown option --${name}${meant ? `; did you mean --${meant}?` : ""}
Run "allocdiff --help" for the options.`
      );
    }
    if (value === void 0 && name.startsWith("no-") && TOGGLES.has(name.slice(3))) {
      expanded.push(`--${name.slice(3)}=false`);
    } else if (value !== void 0 && name.startsWith("no-") && TOGGLES.has(name.slice(3))) {
      throw new UsageError(
        `--${name} takes no value: --${name.slice(3)}${value} gives one
Run "allocdiff --help" for the options.`
      );
    } else if (value === void 0 && TOGGLES.has(name)) {
      const next = argv[index + 1];
      const given = next !== void 0 && !next.startsWith("-");
      expanded.push(`--${name}=${given ? next : "true"}`);
      if (given) index++;
    } else expanded.push(arg);
  }
  return expanded;
}
function parseCliArgs(argv, cwd = process.cwd(), files = nodeFiles) {
  if (argv.length === 0) return { kind: "usage" };
  let parsed;
  try {
    if (argv.some((arg) => arg === "--help" || arg === "-h")) return { kind: "help" };
    parsed = parseArgs({
      args: expandToggles(argv),
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(
          FLAGGED.map(({ flag: flag2 }) => [
            flag2.name,
            { type: "string", ...flag2.multiple ? { multiple: true } : {} }
          ])
        ),
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" }
      }
    });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${error.message}
Run "allocdiff --help" for the options.`);
  }
  const values = parsed.values;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  const flag = (setting) => {
    const value = setting.flag && values[setting.flag.name];
    return Array.isArray(value) ? value.join("\n") : value;
  };
  const base = flag(SETTINGS.base);
  if (!base)
    throw new UsageError("--base is required: the ref to compare against, e.g. --base main");
  const repoDir = resolve(cwd, flag(SETTINGS.repoDir) ?? ".");
  const flags = {};
  for (const setting of FLAGGED) {
    const value = flag(setting);
    if (setting.key === void 0 || value === void 0) continue;
    flags[setting.key] = setting.flag.projectPath ? slashes(relative(repoDir, resolve(cwd, value))) : value;
  }
  const configPath = flag(SETTINGS.config);
  const config = loadConfig({
    projectDir: repoDir,
    ...configPath !== void 0 ? { configPath: resolve(cwd, configPath) } : {},
    inputs: flags,
    nameInput: (key) => `--${flagOfKey(key)}`,
    files
  });
  const benchmark = requireBenchmark(config, "flag");
  const head = flag(SETTINGS.head);
  const cacheDir = cacheFolder(flag(SETTINGS.cache), cwd);
  const passEnv = parsePassedNames(flag(SETTINGS.passEnv) ?? "", `--${SETTINGS.passEnv.flag.name}`);
  const shardFlag = flag(SETTINGS.shard);
  const shard = shardFlag === void 0 ? void 0 : parseShard(shardFlag, `--${SETTINGS.shard.flag.name}`);
  const htmlUrl = parseHtmlUrl(flag(SETTINGS.htmlUrl) ?? "", `--${SETTINGS.htmlUrl.flag.name}`);
  const given = { report: flag(SETTINGS.jsonPath), comment: flag(SETTINGS.markdownPath) };
  if (given.report === "-" && given.comment === "-")
    throw new UsageError(
      "--json - and --markdown - both ask for stdout: send one there and the other to a file"
    );
  const stdout = given.report === "-" ? "report" : given.comment === "-" ? "comment" : void 0;
  const jsonPath = given.report === "-" ? void 0 : given.report;
  const markdownPath = given.comment === "-" ? void 0 : given.comment;
  const outDir = jsonPath === void 0 || markdownPath === void 0 ? privateOutputDir() : "";
  return {
    kind: "run",
    ...stdout ? { stdout } : {},
    ...outDir ? { privateDir: outDir } : {},
    settings: {
      repoDir,
      base,
      head: head ?? "HEAD",
      workingTree: head === void 0 ? "measure" : "mention",
      ...settingsFromConfig(config),
      benchmark,
      key: flag(SETTINGS.key) ?? SETTINGS.key.default,
      ...shard ? { shard } : {},
      ...passEnv.length > 0 ? { passEnv } : {},
      ...htmlUrl !== void 0 ? { htmlUrl } : {},
      ...cacheDir !== void 0 ? { cacheDir } : {},
      jsonPath: resolve(cwd, jsonPath ?? join(outDir, "report.json")),
      markdownPath: resolve(cwd, markdownPath ?? join(outDir, "report.md"))
    }
  };
}
function privateOutputDir() {
  return mkdtempSync(join(tmpdir(), "allocdiff-"));
}
function flagOfKey(key) {
  return settingOfKey(key)?.flag?.name ?? key;
}
function cacheFolder(given, cwd) {
  if (given === void 0 || given === "false") return void 0;
  if (given === "true") {
    const home = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
    return join(home, "allocdiff");
  }
  if (given === "") throw new UsageError("--cache: give the folder to keep measurements in");
  return resolve(cwd, given);
}
export {
  CLI_HELP,
  CLI_USAGE,
  parseCliArgs
};

#!/usr/bin/env node
import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  OUTPUTS,
  renderTerminal,
  runAllocdiff
} from "./chunks/chunk-E3KEC6CH.js";
import {
  explainVerdict
} from "./chunks/chunk-WGZKZNZ6.js";
import {
  parsePassedNames
} from "./chunks/chunk-OVEJU4DJ.js";
import {
  loadConfig
} from "./chunks/chunk-NZ27CQIA.js";
import "./chunks/chunk-HAOZ4NOR.js";
import "./chunks/chunk-3OAM6NYG.js";
import {
  failsRun
} from "./chunks/chunk-4DD6O22E.js";
import "./chunks/chunk-46ZMQ7S7.js";
import {
  BENCHMARK_NAMES,
  parseHtmlUrl,
  requireBenchmark,
  settingsFromConfig
} from "./chunks/chunk-F3YW5TGN.js";
import {
  nodeFiles
} from "./chunks/chunk-NNKZAOQK.js";
import "./chunks/chunk-GM4AAGXP.js";
import "./chunks/chunk-5JXOXQC2.js";
import "./chunks/chunk-PLFFDZYP.js";
import {
  DECLARATIONS,
  SETTINGS,
  declarationOf,
  settingOfKey
} from "./chunks/chunk-HUQXZSK6.js";
import "./chunks/chunk-UC3BDMNE.js";
import {
  parseShard
} from "./chunks/chunk-3VJGA6IO.js";
import "./chunks/chunk-53YQGEQT.js";
import {
  closestWord
} from "./chunks/chunk-RN36H25A.js";
import {
  stopAllProcesses
} from "./chunks/chunk-K5SAFIKK.js";
import "./chunks/chunk-RSDX6TKE.js";
import "./chunks/chunk-EIY6L42B.js";
import {
  VERSION
} from "./chunks/chunk-4243Q66V.js";
import {
  ExitCode,
  UsageError,
  errorExitCode,
  errorMessage
} from "./chunks/chunk-XA3YYY7N.js";
import "./chunks/chunk-LIVUQ6E7.js";

// src/cli.ts
import { rm, rmdir } from "node:fs/promises";
import { constants } from "node:os";

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

// src/terminal-logger.ts
var SPINNER = ["\u280B", "\u2819", "\u2839", "\u2838", "\u283C", "\u2834", "\u2826", "\u2827", "\u2807", "\u280F"];
var CLEAR_LINE = "\r\x1B[2K";
var UP_AND_CLEAR = "\x1B[1A\x1B[2K";
function seconds(ms) {
  return `${(ms / 1e3).toFixed(1)} s`;
}
function terminalLogger(stream, now = Date.now) {
  if (!stream.isTTY) {
    return {
      async group(title, body) {
        stream.write(`\u2500\u2500 ${title}
`);
        return body();
      },
      info: (message) => stream.write(`   ${message}
`),
      warning: (message) => stream.write(`warning: ${message}
`),
      output: (chunk) => stream.write(chunk)
    };
  }
  const live = [];
  let frame = 0;
  let timer;
  let partial = "";
  const pendingLines = /* @__PURE__ */ new Map();
  let drawn = 0;
  const width = () => Math.max(20, (stream.columns || 80) - 1);
  const erase = () => {
    if (drawn === 0) return;
    stream.write(CLEAR_LINE + UP_AND_CLEAR.repeat(drawn - 1));
    drawn = 0;
  };
  const draw = () => {
    erase();
    const spinner = SPINNER[frame++ % SPINNER.length];
    const rows = [
      ...partial === "" ? [] : [partial],
      // The end of each task's line, where it grows, when it is wider than the terminal.
      ...[...pendingLines].map(
        ([prefix, text]) => prefix.length + text.length <= width() ? `${prefix}${text}` : `${prefix}\u2026${text.slice(-(width() - prefix.length - 1))}`
      ),
      ...live.map(
        (step) => `${spinner} ${step.title} \u2026 ${seconds(now() - step.started)}`.slice(0, width())
      )
    ];
    if (rows.length === 0) return;
    stream.write(rows.join("\n"));
    drawn = rows.length;
  };
  const above = (text) => {
    erase();
    stream.write(text);
    draw();
  };
  const output = (chunk) => {
    partial += chunk;
    const end = partial.lastIndexOf("\n");
    let lines = "";
    if (end >= 0) {
      lines = partial.slice(0, end + 1);
      partial = partial.slice(end + 1);
    }
    while (partial.length >= width()) {
      lines += `${partial.slice(0, width())}
`;
      partial = partial.slice(width());
    }
    if (lines !== "") above(lines);
    else draw();
  };
  const finish = (step, line) => {
    const index = live.indexOf(step);
    if (index >= 0) live.splice(index, 1);
    if (live.length === 0 && timer !== void 0) {
      clearInterval(timer);
      timer = void 0;
    }
    const begun = partial === "" ? "" : `${partial}
`;
    partial = "";
    above(`${begun}${line}
`);
  };
  const start = (title) => {
    const step = { title, started: now() };
    live.push(step);
    timer ??= setInterval(draw, 100);
    draw();
    return step;
  };
  return {
    async group(title, body) {
      const step = start(title);
      try {
        const result = await body();
        finish(step, `\u2713 ${title} (${seconds(now() - step.started)})`);
        return result;
      } catch (error) {
        finish(step, `\u2717 ${title}`);
        throw error;
      }
    },
    progress(title) {
      const step = start(title);
      return (outcome) => finish(
        step,
        outcome === "done" ? `\u2713 ${title} (${seconds(now() - step.started)})` : `\u2717 ${title}`
      );
    },
    info: (message) => above(`   ${message}
`),
    warning: (message) => above(`warning: ${message}
`),
    output,
    pending(prefix, text) {
      if (text === "") pendingLines.delete(prefix);
      else pendingLines.set(prefix, text);
      draw();
    }
  };
}
function colorWanted(env, isTTY) {
  const force = env.FORCE_COLOR;
  if (force !== void 0) return force !== "0" && force.toLowerCase() !== "false";
  if (env.NO_COLOR) return false;
  return isTTY;
}

// src/cli.ts
var log = terminalLogger(process.stderr);
var interrupted;
var CLEANUP_MS = 3e4;
function stop(signal) {
  const code = 128 + constants.signals[signal];
  if (interrupted) process.exit(code);
  interrupted = signal;
  process.stderr.write(
    `
allocdiff: ${signal === "SIGINT" ? "interrupted" : "terminated"}; stopping the benchmark and removing the checkouts (press Ctrl-C again to leave at once)
`
  );
  stopAllProcesses(`allocdiff was stopped by ${signal}`);
  setTimeout(() => process.exit(code), CLEANUP_MS).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
function exitCodeOf(report, failOn) {
  if (!failsRun(report.verdict, failOn)) return ExitCode.Ok;
  const { decided, causes } = explainVerdict(report);
  if (decided?.kind === "budget-failed" || decided?.kind === "budget-warned") {
    return ExitCode.BudgetExceeded;
  }
  if (causes.some((cause) => cause.kind === "benchmark-failed")) return ExitCode.Failure;
  return ExitCode.BudgetExceeded;
}
async function main(argv) {
  let privateDir;
  try {
    const command = parseCliArgs(argv);
    if (command.kind === "help") {
      process.stdout.write(CLI_HELP);
      return ExitCode.Ok;
    }
    if (command.kind === "version") {
      process.stdout.write(`${VERSION}
`);
      return ExitCode.Ok;
    }
    if (command.kind === "usage") {
      process.stderr.write(`${CLI_USAGE}
Run "allocdiff --help" for the options.
`);
      return ExitCode.Usage;
    }
    const { settings, stdout } = command;
    privateDir = command.privateDir;
    const { report, outputs } = await runAllocdiff(settings, log);
    if (interrupted) return interruptedExit(privateDir);
    const terminal = stdout ? process.stderr : process.stdout;
    terminal.write(
      renderTerminal(report, settings.topSites, {
        color: colorWanted(process.env, terminal.isTTY === true)
      })
    );
    process.stderr.write(
      OUTPUTS.map(({ name, label }) => `${label}: ${outputs[name].path}
`).join("")
    );
    if (stdout) process.stdout.write(outputs[stdout].content);
    return exitCodeOf(report, settings.failOn);
  } catch (error) {
    if (interrupted) return interruptedExit(privateDir);
    process.stderr.write(`allocdiff: ${errorMessage(error)}
`);
    return errorExitCode(error);
  } finally {
    if (privateDir) await rmdir(privateDir).catch(() => void 0);
  }
}
async function interruptedExit(privateDir) {
  if (privateDir) await rm(privateDir, { recursive: true, force: true });
  process.stderr.write("allocdiff: stopped; nothing was left behind\n");
  return 128 + constants.signals[interrupted];
}
process.exitCode = await main(process.argv.slice(2));

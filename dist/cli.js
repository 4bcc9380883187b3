#!/usr/bin/env node
import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  DEFAULT_COLUMNS
} from "./chunks/chunk-PD4C2EK3.js";
import {
  resolveEarly
} from "./chunks/chunk-OG5AJFQK.js";
import {
  runEnvironment
} from "./chunks/chunk-5FTEMDCU.js";
import "./chunks/chunk-YBF2V7KG.js";
import {
  DEFAULT_PYTHON,
  askInterpreter,
  stopAllProcesses
} from "./chunks/chunk-7GECUTJI.js";
import {
  VERSION
} from "./chunks/chunk-4243Q66V.js";
import {
  ExitCode,
  errorExitCode,
  errorMessage
} from "./chunks/chunk-XA3YYY7N.js";
import "./chunks/chunk-LIVUQ6E7.js";

// src/cli.ts
import { mkdirSync } from "node:fs";
import { rm, rmdir } from "node:fs/promises";
import * as nodeModule from "node:module";
import { constants, homedir } from "node:os";
import { join, resolve } from "node:path";

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
function terminalColumns(env, stream) {
  const ci = env.CI !== void 0 && env.CI !== "" && env.CI !== "0" && env.CI !== "false";
  if (ci || stream.isTTY !== true || !stream.columns || stream.columns <= 0) return DEFAULT_COLUMNS;
  return stream.columns;
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
  stopAllProcesses(`allocdiff was stopped by ${signal}`, signal);
  setTimeout(() => process.exit(code), CLEANUP_MS).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
function askEarly(argv) {
  const given = (name) => argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (["no-cache", "python", "env", "shard"].some(given)) return;
  const folder = cacheFolderOf(argv);
  if (folder === void 0) return;
  askInterpreter(DEFAULT_PYTHON, runEnvironment(process.env), folder).catch(() => void 0);
}
function cacheFolderOf(argv) {
  let value;
  for (let index = 0; index < argv.length && argv[index] !== "--"; index++) {
    const arg = argv[index];
    if (arg === "--no-cache") value = "false";
    else if (arg.startsWith("--cache=")) value = arg.slice("--cache=".length);
    else if (arg === "--cache") {
      const next = argv[index + 1];
      value = next !== void 0 && !next.startsWith("-") ? next : "true";
    }
  }
  if (value === void 0 || value === "false" || value === "") return void 0;
  if (value !== "true") return resolve(value);
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "allocdiff");
}
async function exitCodeOf(report, failOn) {
  const [{ failsRun }, { explainVerdict }] = await Promise.all([
    import("./chunks/evaluate-LCH47XZB.js"),
    import("./chunks/verdict-A2AR554C.js")
  ]);
  if (!failsRun(report.verdict, failOn)) return ExitCode.Ok;
  const { decided, causes } = explainVerdict(report);
  const overBudget = report.verdict === "fail" && causes.some((cause) => cause.kind === "budget-failed");
  if (overBudget || decided?.kind === "budget-failed" || decided?.kind === "budget-warned") {
    return ExitCode.BudgetExceeded;
  }
  if (causes.some((cause) => cause.kind === "benchmark-failed" || cause.kind === "failed-before"))
    return ExitCode.Failure;
  return ExitCode.BudgetExceeded;
}
async function main(argv, early) {
  let privateDir;
  try {
    const { CLI_HELP, CLI_USAGE, parseCliArgs } = await import("./chunks/cli-args-VAOFQTCY.js");
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
    const [{ runAllocdiff }, { OUTPUTS }, { renderTerminal }] = await Promise.all([
      import("./chunks/pipeline-WNTDNMLG.js"),
      import("./chunks/outputs-QOWIKV4J.js"),
      import("./chunks/terminal-CFA42E4G.js")
    ]);
    const { report, outputs } = await runAllocdiff(settings, log, early ? { early } : {});
    if (interrupted && !report.interrupted) return interruptedExit(privateDir);
    const terminal = stdout ? process.stderr : process.stdout;
    terminal.write(
      renderTerminal(report, settings.topSites, {
        color: colorWanted(process.env, terminal.isTTY === true),
        width: terminalColumns(process.env, terminal)
      })
    );
    process.stderr.write(
      OUTPUTS.map(({ name, label }) => `${label}: ${outputs[name].path}
`).join("")
    );
    if (stdout) process.stdout.write(outputs[stdout].content);
    if (interrupted) {
      process.stderr.write(
        `allocdiff: stopped during ${report.interrupted.during}; the checkouts are removed, and the reports above hold what was measured before
`
      );
      return 128 + constants.signals[interrupted];
    }
    return await exitCodeOf(report, settings.failOn);
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
function keepCompiled(argv) {
  const folder = cacheFolderOf(argv);
  if (folder === void 0) return;
  try {
    const dir = join(folder, "compiled");
    mkdirSync(dir, { recursive: true, mode: 448 });
    const enable = nodeModule.enableCompileCache;
    enable?.(dir);
  } catch {
  }
}
function flagValue(argv, name) {
  let value;
  for (let index = 0; index < argv.length && argv[index] !== "--"; index++) {
    const arg = argv[index];
    if (arg.startsWith(`--${name}=`)) value = arg.slice(name.length + 3);
    else if (arg === `--${name}` && index + 1 < argv.length) value = argv[index + 1];
  }
  return value;
}
function resolveSidesEarly(argv) {
  if (argv.some((arg) => arg === "--help" || arg === "-h" || arg === "--version" || arg === "-v"))
    return void 0;
  const base = flagValue(argv, "base");
  if (!base) return void 0;
  const repoDir = resolve(flagValue(argv, "repo") ?? ".");
  return resolveEarly(repoDir, base, flagValue(argv, "head") ?? "HEAD", !!cacheFolderOf(argv));
}
keepCompiled(process.argv.slice(2));
askEarly(process.argv.slice(2));
process.exitCode = await main(process.argv.slice(2), resolveSidesEarly(process.argv.slice(2)));

#!/usr/bin/env node
import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  loadConfig,
  nodeFiles
} from "./chunks/chunk-LVDJQBMJ.js";
import {
  renderTerminal,
  runAllocdiff,
  summaryPathOf
} from "./chunks/chunk-5NYXCHSW.js";
import {
  DEFAULTS,
  settingsFromConfig
} from "./chunks/chunk-LGNNVJAC.js";
import {
  failsRun
} from "./chunks/chunk-URD37MCX.js";
import {
  ExitCode,
  UsageError,
  errorMessage
} from "./chunks/chunk-6A4WJZKA.js";
import "./chunks/chunk-J2J2AYJ2.js";
import "./chunks/chunk-TO6ZUV73.js";
import "./chunks/chunk-TV7HWJ2H.js";
import "./chunks/chunk-7MMMXCLD.js";
import {
  VERSION
} from "./chunks/chunk-4243Q66V.js";
import "./chunks/chunk-LIVUQ6E7.js";

// src/config/cli-args.ts
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
var FLAG_OF_KEY = { budgets: "budget" };
function slashes(path) {
  return path.split("\\").join("/");
}
var CLI_HELP = `allocdiff: compare a Python benchmark's memory allocations between two commits

Usage:
  allocdiff --base REF [--script PATH | --command CMD] [options]

Runs PATH (or the config file's script) under tracemalloc in a checkout of REF (base) and
of --head (default HEAD), compares the allocations by source line, checks the budgets and
prints the report. With --command, every Python process CMD starts is measured instead.

Options:
  --base REF         base commit, branch or tag (required)
  --head REF         head commit, branch or tag (default: HEAD)
  --script PATH      the benchmark script (required, unless the config file names it)
  --command CMD      instead of a script: a shell command run in each checkout, e.g.
                     "python -m mypkg.bench" or "pytest tests/perf"; each Python process it
                     starts is measured (with pytest, each test is a scenario)
  --setup CMD        shell command run in each checkout first, e.g. "pip install -e ."
  --budget RULES     budget rules, e.g. "peak: +5%, 64MB; retained: +100KB; site: +10KiB (warn)"
                     metrics: peak, retained, site, leak, count; limits: N<unit> (ceiling),
                     +N<unit> (growth), +N% (relative growth), -N% (improvement floor);
                     units B, KB, MB, GB (1000^n), KiB, MiB, GiB (1024^n); count limits: N, +N
  --config FILE      config file (default: allocdiff.yml, .github/allocdiff.yml or
                     [tool.allocdiff] in pyproject.toml, looked for up to the repository root)
  --fail-on LEVEL    fail (default), warn or never: which verdict makes the exit status non-zero
  --ignore GLOB      sites whose file matches are neither shown nor checked (repeatable)
  --minimum-change SIZE
                     sites whose size changed by less are not shown, e.g. 1KB
  --python EXE       Python interpreter (default: python3)
  --frames N         tracemalloc frames per traceback (default: 1); above 1, the top changed
                     sites get tracebacks from a second, traced run per side
  --repeats N        measurements per side, to tell steady figures from noisy ones (default: 3)
  --iterations N     leak check: N more calls of each bench_* function (default: 0, off)
  --timeout-minutes M
                     minutes a side may take before it is stopped and reported failed (default: 30)
  --peak-sites BOOL  true: find the sites that held memory at the peak (default: false)
  --parallel BOOL    measure base and head at once (default: when there is no --setup)
  --object-types BOOL
                     false: do not count live objects by type (default: true)
  --top N            changed sites listed per scenario, grown and shrunk each (default: 10)
  --repo DIR         the git repository (default: the current directory)
  --key KEY          report key, when several reports share a pull request (default: default)
  --json FILE        write the JSON report here (default: <tmp>/allocdiff/report.json)
  --markdown FILE    write the Markdown comment here (default: <tmp>/allocdiff/report.md)
  -h, --help         show this help
  -v, --version      show the version

Flags win over the config file, which wins over the defaults.

Exit codes: 0 within budget (or the verdict is below --fail-on), 1 a budget was exceeded,
            2 usage or configuration error, 3 benchmark or git failure (a side that raised,
            or could not be run).
`;
function parseCliArgs(argv, cwd = process.cwd(), files = nodeFiles) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        base: { type: "string" },
        head: { type: "string" },
        script: { type: "string" },
        command: { type: "string" },
        setup: { type: "string" },
        budget: { type: "string" },
        config: { type: "string" },
        "fail-on": { type: "string" },
        ignore: { type: "string", multiple: true },
        "minimum-change": { type: "string" },
        python: { type: "string" },
        frames: { type: "string" },
        repeats: { type: "string" },
        iterations: { type: "string" },
        "timeout-minutes": { type: "string" },
        "peak-sites": { type: "string" },
        parallel: { type: "string" },
        "object-types": { type: "string" },
        top: { type: "string" },
        repo: { type: "string" },
        key: { type: "string" },
        json: { type: "string" },
        markdown: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" }
      }
    });
  } catch (error) {
    throw new UsageError(`${error.message}
Run "allocdiff --help" for the options.`);
  }
  const values = parsed.values;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  if (!values.base)
    throw new UsageError("--base is required: the ref to compare against, e.g. --base main");
  const repoDir = resolve(cwd, values.repo ?? ".");
  const flags = {
    // Like any path on a command line, the script is relative to where the user stands; the
    // pipeline makes it relative to the repository root, where the sides are checked out.
    script: values.script === void 0 ? void 0 : slashes(relative(repoDir, resolve(cwd, values.script))),
    command: values.command,
    setup: values.setup,
    python: values.python,
    frames: values.frames,
    repeats: values.repeats,
    iterations: values.iterations,
    "timeout-minutes": values["timeout-minutes"],
    "peak-sites": values["peak-sites"],
    parallel: values.parallel,
    "object-types": values["object-types"],
    "fail-on": values["fail-on"],
    "minimum-change": values["minimum-change"],
    ignore: values.ignore?.join("\n"),
    budgets: values.budget,
    top: values.top
  };
  const config = loadConfig({
    projectDir: repoDir,
    ...values.config !== void 0 ? { configPath: resolve(cwd, values.config) } : {},
    inputs: Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== void 0)),
    nameInput: (key) => `--${FLAG_OF_KEY[key] ?? key}`,
    files
  });
  if (!config.script && !config.command)
    throw new UsageError(
      '--script or --command is required (or script or command in the config file): the benchmark file, e.g. --script benchmarks/memory.py, or a command whose Python processes are measured, e.g. --command "pytest tests/perf"'
    );
  const outDir = join(tmpdir(), "allocdiff");
  return {
    kind: "run",
    settings: {
      repoDir,
      base: values.base,
      head: values.head ?? "HEAD",
      ...settingsFromConfig(config),
      key: values.key ?? DEFAULTS.key,
      jsonPath: resolve(cwd, values.json ?? join(outDir, "report.json")),
      markdownPath: resolve(cwd, values.markdown ?? join(outDir, "report.md"))
    }
  };
}

// src/terminal-logger.ts
var SPINNER = ["\u280B", "\u2819", "\u2839", "\u2838", "\u283C", "\u2834", "\u2826", "\u2827", "\u2807", "\u280F"];
var CLEAR_LINE = "\r\x1B[2K";
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
  let live;
  let atLineStart = true;
  const draw = () => {
    if (!live) return;
    const spinner = SPINNER[live.frame++ % SPINNER.length];
    stream.write(`${CLEAR_LINE}${spinner} ${live.title} \u2026 ${seconds(now() - live.started)}`);
  };
  const above = (text) => {
    if (live) stream.write(CLEAR_LINE);
    stream.write(text);
    atLineStart = text.endsWith("\n");
    if (live) {
      if (!atLineStart) stream.write("\n");
      atLineStart = true;
      draw();
    }
  };
  return {
    async group(title, body) {
      const outer = live;
      if (outer) stream.write(CLEAR_LINE);
      live = { title, started: now(), frame: 0 };
      draw();
      const timer = setInterval(draw, 100);
      try {
        const result = await body();
        stream.write(`${CLEAR_LINE}\u2713 ${title} (${seconds(now() - live.started)})
`);
        return result;
      } catch (error) {
        stream.write(`${CLEAR_LINE}\u2717 ${title}
`);
        throw error;
      } finally {
        clearInterval(timer);
        live = outer;
        draw();
      }
    },
    info: (message) => above(`   ${message}
`),
    warning: (message) => above(`warning: ${message}
`),
    output: (chunk) => above(chunk)
  };
}

// src/cli.ts
var log = terminalLogger(process.stderr);
var color = process.stdout.isTTY === true && !process.env.NO_COLOR;
function exitCodeOf(report, failOn) {
  if (!failsRun(report.verdict, failOn)) return ExitCode.Ok;
  if (report.budgets.some((budget) => budget.status === report.verdict)) {
    return ExitCode.BudgetExceeded;
  }
  if (report.scenarios.some((scenario) => scenario.status === "failed")) return ExitCode.Failure;
  return ExitCode.BudgetExceeded;
}
async function main(argv) {
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
    const { settings } = command;
    const { report } = await runAllocdiff(settings, log);
    process.stdout.write(renderTerminal(report, settings.topSites, { color }));
    process.stderr.write(
      `JSON report: ${settings.jsonPath}
Markdown: ${settings.markdownPath}
Full Markdown report: ${summaryPathOf(settings.markdownPath)}
`
    );
    return exitCodeOf(report, settings.failOn);
  } catch (error) {
    process.stderr.write(`allocdiff: ${errorMessage(error)}
`);
    const code = error.exitCode;
    return typeof code === "number" ? code : ExitCode.Failure;
  }
}
process.exitCode = await main(process.argv.slice(2));

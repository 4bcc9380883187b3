#!/usr/bin/env node
import { mkdirSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import * as nodeModule from 'node:module';
import { constants, homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FailOn } from './budgets/evaluate.js';
import { runEnvironment } from './capture/environment.js';
import { askInterpreter, DEFAULT_PYTHON } from './capture/interpreter.js';
import { stopAllProcesses } from './capture/process.js';
import { ExitCode, errorExitCode, errorMessage } from './errors.js';
import type { Logger } from './log.js';
import type { Report } from './report/report.js';
import { resolveEarly, type EarlyResolution } from './sides/git.js';
import { colorWanted, terminalColumns, terminalLogger } from './terminal-logger.js';
import { VERSION } from './version.js';

// Only what starts the run is imported above; the rest loads in `main`.

// Progress and the benchmark's own output go to stderr; stdout carries only the report.
const log: Logger = terminalLogger(process.stderr);

/** The signal that stopped the run (Ctrl-C, or a SIGTERM), once one came. */
let interrupted: NodeJS.Signals | undefined;
/** How long the run may take to clean up after a signal before it leaves without. */
const CLEANUP_MS = 30_000;

/**
 * Ctrl-C or a SIGTERM: the benchmark's processes, which run in process groups of their own and
 * so get no signal from the terminal, are killed; then the run ends as it would on an error,
 * removing its checkouts and temporary folders, and exits with 128 + the signal's number. A
 * second signal leaves at once.
 */
function stop(signal: NodeJS.Signals): void {
  const code = 128 + constants.signals[signal];
  if (interrupted) process.exit(code);
  interrupted = signal;
  process.stderr.write(
    `\nallocdiff: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'}; stopping the ` +
      'benchmark and removing the checkouts (press Ctrl-C again to leave at once)\n',
  );
  stopAllProcesses(`allocdiff was stopped by ${signal}`, signal);
  setTimeout(() => process.exit(code), CLEANUP_MS).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/**
 * A run with `--cache` asks the interpreter for the cache's keys: asked here, while the rest of
 * allocdiff loads, since an interpreter's start is the longest wait of a run its cache serves
 * (an answer remembered in the cache folder, and still true, starts none). Only the default
 * interpreter in the default environment is asked, when no flag may name another; the pipeline
 * takes this answer when its settings ask the same (askInterpreter: the same interpreter,
 * environment and folder), and asks again otherwise (a config file may name another
 * interpreter).
 */
function askEarly(argv: readonly string[]): void {
  const given = (name: string) =>
    argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (['no-cache', 'python', 'env', 'shard'].some(given)) return;
  const folder = cacheFolderOf(argv);
  if (folder === undefined) return;
  askInterpreter(DEFAULT_PYTHON, runEnvironment(process.env), folder).catch(() => undefined);
}

/**
 * The folder `--cache` names, read as the command line's parser reads it (a word after
 * `--cache` is its value; `--cache` alone is `$XDG_CACHE_HOME/allocdiff`); undefined without
 * one. Should the two ever differ, the pipeline asks for its own folder.
 */
function cacheFolderOf(argv: readonly string[]): string | undefined {
  let value: string | undefined;
  for (let index = 0; index < argv.length && argv[index] !== '--'; index++) {
    const arg = argv[index];
    if (arg === '--no-cache') value = 'false';
    else if (arg.startsWith('--cache=')) value = arg.slice('--cache='.length);
    else if (arg === '--cache') {
      const next = argv[index + 1];
      value = next !== undefined && !next.startsWith('-') ? next : 'true';
    }
  }
  if (value === undefined || value === 'false' || value === '') return undefined;
  if (value !== 'true') return resolve(value);
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'allocdiff');
}

/**
 * --fail-on decides whether the verdict fails the run; then budgets decide first, and a side
 * that could not be measured is a benchmark failure.
 */
async function exitCodeOf(report: Report, failOn: FailOn): Promise<ExitCode> {
  const [{ failsRun }, { explainVerdict }] = await Promise.all([
    import('./budgets/evaluate.js'),
    import('./report/verdict.js'),
  ]);
  if (!failsRun(report.verdict, failOn)) return ExitCode.Ok;
  const { decided, causes } = explainVerdict(report);
  // A test the pull request broke leads the verdict, but an exceeded budget still sets the status.
  const overBudget =
    report.verdict === 'fail' && causes.some((cause) => cause.kind === 'budget-failed');
  if (overBudget || decided?.kind === 'budget-failed' || decided?.kind === 'budget-warned') {
    return ExitCode.BudgetExceeded;
  }
  if (causes.some((cause) => cause.kind === 'benchmark-failed' || cause.kind === 'failed-before'))
    return ExitCode.Failure;
  // A budget that could not be checked, under --fail-on warn.
  return ExitCode.BudgetExceeded;
}

async function main(argv: readonly string[], early?: EarlyResolution): Promise<number> {
  let privateDir: string | undefined;
  try {
    const { CLI_HELP, CLI_USAGE, parseCliArgs } = await import('./config/cli-args.js');
    const command = parseCliArgs(argv);
    if (command.kind === 'help') {
      process.stdout.write(CLI_HELP);
      return ExitCode.Ok;
    }
    if (command.kind === 'version') {
      process.stdout.write(`${VERSION}\n`);
      return ExitCode.Ok;
    }
    if (command.kind === 'usage') {
      process.stderr.write(`${CLI_USAGE}\nRun "allocdiff --help" for the options.\n`);
      return ExitCode.Usage;
    }
    const { settings, stdout } = command;
    privateDir = command.privateDir;
    const [{ runAllocdiff }, { OUTPUTS }, { renderTerminal }] = await Promise.all([
      import('./pipeline.js'),
      import('./publish/outputs.js'),
      import('./report/terminal.js'),
    ]);
    const { report, outputs } = await runAllocdiff(settings, log, early ? { early } : {});
    // Stopped after both sides' first runs: their comparison is reported, marked as stopped
    // (`report.interrupted`), and the exit status is still the signal's.
    if (interrupted && !report.interrupted) return interruptedExit(privateDir);
    // With `--json -` or `--markdown -`, stdout carries that output alone: the terminal's
    // report goes to stderr, beside the progress.
    const terminal = stdout ? process.stderr : process.stdout;
    terminal.write(
      renderTerminal(report, settings.topSites, {
        color: colorWanted(process.env, terminal.isTTY === true),
        width: terminalColumns(process.env, terminal),
      }),
    );
    process.stderr.write(
      OUTPUTS.map(({ name, label }) => `${label}: ${outputs[name].path}\n`).join(''),
    );
    if (stdout) process.stdout.write(outputs[stdout].content);
    if (interrupted) {
      process.stderr.write(
        `allocdiff: stopped during ${report.interrupted!.during}; the checkouts are removed, and ` +
          'the reports above hold what was measured before\n',
      );
      return 128 + constants.signals[interrupted];
    }
    return await exitCodeOf(report, settings.failOn);
  } catch (error) {
    if (interrupted) return interruptedExit(privateDir);
    process.stderr.write(`allocdiff: ${errorMessage(error)}\n`);
    return errorExitCode(error);
  } finally {
    // A run that ended before writing its reports leaves no empty folder behind (rmdir removes
    // only an empty one).
    if (privateDir) await rmdir(privateDir).catch(() => undefined);
  }
}

/**
 * A run stopped by a signal before both sides' first runs were measured (or whose report was
 * being written): what it measured is not a comparison, so its reports in the folder of its
 * own are removed with the folder.
 */
async function interruptedExit(privateDir: string | undefined): Promise<number> {
  if (privateDir) await rm(privateDir, { recursive: true, force: true });
  process.stderr.write('allocdiff: stopped; nothing was left behind\n');
  return 128 + constants.signals[interrupted!];
}

/**
 * With a cache folder, the code allocdiff loads is kept compiled there too (Node's compile
 * cache, in `<folder>/compiled`): a run its cache serves is mostly starting up, and compiling
 * the rest of allocdiff was the largest part of that.
 */
function keepCompiled(argv: readonly string[]): void {
  const folder = cacheFolderOf(argv);
  if (folder === undefined) return;
  try {
    const dir = join(folder, 'compiled');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Node 22.1 and later; older Nodes compile every time.
    const enable = (nodeModule as { enableCompileCache?: (dir: string) => unknown })
      .enableCompileCache;
    enable?.(dir);
  } catch {
    // Compiled again next time: nothing else changes.
  }
}

/**
 * The last value the command line gives flag `--name` (`--name VALUE` or `--name=VALUE`), as its
 * parser reads it; undefined without one.
 */
function flagValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let index = 0; index < argv.length && argv[index] !== '--'; index++) {
    const arg = argv[index];
    if (arg.startsWith(`--${name}=`)) value = arg.slice(name.length + 3);
    else if (arg === `--${name}` && index + 1 < argv.length) value = argv[index + 1];
  }
  return value;
}

/**
 * What a run asks of git first (resolving `--base` and `--head` in `--repo`, then the diff and
 * `git status`), started here, while the rest of allocdiff loads: the pipeline takes it when its
 * settings name the same refs and folder, and asks git itself otherwise.
 */
function resolveSidesEarly(argv: readonly string[]): EarlyResolution | undefined {
  if (argv.some((arg) => arg === '--help' || arg === '-h' || arg === '--version' || arg === '-v'))
    return undefined;
  const base = flagValue(argv, 'base');
  if (!base) return undefined;
  const repoDir = resolve(flagValue(argv, 'repo') ?? '.');
  return resolveEarly(repoDir, base, flagValue(argv, 'head') ?? 'HEAD', !!cacheFolderOf(argv));
}

keepCompiled(process.argv.slice(2));
askEarly(process.argv.slice(2));
process.exitCode = await main(process.argv.slice(2), resolveSidesEarly(process.argv.slice(2)));

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePassedNames } from '../capture/environment.js';
import { UsageError } from '../errors.js';
import { nodeFiles, type FileAccess } from './config-file.js';
import { DECLARATIONS, declarationOf, SETTINGS, settingOfKey, type Flag } from './declarations.js';
import { loadConfig } from './load-config.js';
import type { TextConfig } from './schema.js';
import { helpOptions } from './settings-docs.js';
import {
  BENCHMARK_NAMES,
  requireBenchmark,
  settingsFromConfig,
  type Settings,
} from './settings.js';

function slashes(path: string): string {
  return path.split('\\').join('/');
}

/** The declared settings a flag gives, in the table's order. */
const FLAGGED = DECLARATIONS.flatMap(([, setting]) =>
  setting.flag ? [{ ...setting, flag: setting.flag }] : [],
);

/** The ways of naming the benchmark, as the usage line offers them: `--script PATH | …`. */
const BENCHMARK_FLAGS = BENCHMARK_NAMES.flatMap((name) => {
  const { flag } = declarationOf(name);
  return flag ? [`--${flag.name} ${flag.arg}`] : [];
}).join(' | ');

/** Flags that are not settings. */
const COMMANDS = [
  { flag: '-h, --help', help: 'show this help' },
  { flag: '-v, --version', help: 'show the version' },
];

export const CLI_HELP = `allocdiff: compare a Python benchmark's memory allocations between two commits

Usage:
  allocdiff --base REF [${BENCHMARK_FLAGS}] [options]

Runs PATH (or the config file's script) under tracemalloc in a checkout of REF (base) and
of --head (default: HEAD, or the working tree when it has changes), compares the allocations
by source line, checks the budgets and prints the report. With --command, every Python
process CMD starts is measured instead.

Options:
${helpOptions(COMMANDS)}

Flags win over the config file, which wins over the defaults.

Exit codes: 0 within budget (or the verdict is below --fail-on), 1 a budget was exceeded,
            2 usage or configuration error, 3 benchmark or git failure (a side that raised,
            or could not be run).
`;

export type CliCommand =
  { kind: 'help' } | { kind: 'version' } | { kind: 'run'; settings: Settings };

/** Turns the command line into settings; every mistake is a UsageError that says what to do. */
export function parseCliArgs(
  argv: readonly string[],
  cwd = process.cwd(),
  files: FileAccess = nodeFiles,
): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(
          FLAGGED.map(({ flag }) => [
            flag.name,
            { type: 'string' as const, ...(flag.multiple ? { multiple: true } : {}) },
          ]),
        ),
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nRun "allocdiff --help" for the options.`);
  }
  const values = parsed.values;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  /** A flag's value; a repeatable flag's values one per line, as an input writes them. */
  const flag = (setting: { flag?: Flag }): string | undefined => {
    const value = setting.flag && (values as Record<string, unknown>)[setting.flag.name];
    return Array.isArray(value) ? value.join('\n') : (value as string | undefined);
  };
  const base = flag(SETTINGS.base);
  if (!base)
    throw new UsageError('--base is required: the ref to compare against, e.g. --base main');

  const repoDir = resolve(cwd, flag(SETTINGS.repoDir) ?? '.');
  const flags: Record<string, string> = {};
  for (const setting of FLAGGED) {
    const value = flag(setting);
    if (setting.key === undefined || value === undefined) continue;
    // Like any path on a command line, it is relative to where the user stands; the pipeline
    // makes the script relative to the repository root, where the sides are checked out.
    flags[setting.key] = setting.flag.projectPath
      ? slashes(relative(repoDir, resolve(cwd, value)))
      : value;
  }
  const configPath = flag(SETTINGS.config);
  const config = loadConfig({
    projectDir: repoDir,
    ...(configPath !== undefined ? { configPath: resolve(cwd, configPath) } : {}),
    inputs: flags as TextConfig,
    nameInput: (key) => `--${flagOfKey(key)}`,
    files,
  });
  const benchmark = requireBenchmark(config, 'flag');

  const head = flag(SETTINGS.head);
  const passEnv = parsePassedNames(flag(SETTINGS.passEnv) ?? '', `--${SETTINGS.passEnv.flag.name}`);
  const jsonPath = flag(SETTINGS.jsonPath);
  const markdownPath = flag(SETTINGS.markdownPath);
  // Made last, once the flags and the config file are known to be good.
  const outDir = jsonPath === undefined || markdownPath === undefined ? privateOutputDir() : '';
  return {
    kind: 'run',
    settings: {
      repoDir,
      base,
      head: head ?? 'HEAD',
      workingTree: head === undefined ? 'measure' : 'mention',
      ...settingsFromConfig(config),
      benchmark,
      key: flag(SETTINGS.key) ?? SETTINGS.key.default,
      ...(passEnv.length > 0 ? { passEnv } : {}),
      jsonPath: resolve(cwd, jsonPath ?? join(outDir, 'report.json')),
      markdownPath: resolve(cwd, markdownPath ?? join(outDir, 'report.md')),
    },
  };
}

/**
 * A new folder for this run's reports, `<tmp>/allocdiff-XXXXXX`: made by this run (so no link
 * another user planted is followed), readable by its user only (mode 0700), and never shared by
 * two runs at once.
 */
function privateOutputDir(): string {
  return mkdtempSync(join(tmpdir(), 'allocdiff-'));
}

/** The flag behind a configuration key, for messages. */
function flagOfKey(key: string): string {
  return settingOfKey(key)?.flag?.name ?? key;
}

import { mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePassedNames } from '../capture/environment.js';
import { parseShard } from '../capture/shard.js';
import { UsageError } from '../errors.js';
import { closestWord } from '../format/suggest.js';
import { nodeFiles, type FileAccess } from './config-file.js';
import { DECLARATIONS, declarationOf, SETTINGS, settingOfKey, type Flag } from './declarations.js';
import { loadConfig } from './load-config.js';
import type { TextConfig } from './schema.js';
import { HELP_WIDTH, helpOptions, wrapWords } from './settings-docs.js';
import {
  BENCHMARK_NAMES,
  parseHtmlUrl,
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

/** Paragraphs of plain text, wrapped to the width of `--help`. */
function paragraphs(...texts: string[]): string {
  return texts.map((text) => wrapWords(text, HELP_WIDTH).join('\n')).join('\n\n');
}

/** What allocdiff is and how it is run: the top of `--help`, and all that no arguments print. */
export const CLI_USAGE = `allocdiff: compare a Python benchmark's memory allocations between two commits

Usage:
  allocdiff --base REF [${BENCHMARK_FLAGS}] [options]

${paragraphs(
  "Runs PATH (or the config file's script) under tracemalloc in a checkout of REF (base) " +
    'and of --head (default: HEAD, or the working tree when it has changes), compares the ' +
    'allocations by source line, checks the budgets and prints the report. With --command, ' +
    'every Python process CMD starts is measured instead.',
)}
`;

export const CLI_HELP = `${CLI_USAGE}
Options:
${helpOptions(COMMANDS)}

${paragraphs(
  'Flags win over the config file, which wins over the defaults.',
  'Exit codes: 0 within budget (or the verdict is below --fail-on), 1 a budget was exceeded, ' +
    '2 usage or configuration error, 3 benchmark or git failure (a side that raised, or ' +
    'could not be run).',
)}
`;

/** Where `-` sends a report: the output that goes to stdout instead of a file. */
export type StdoutOutput = 'report' | 'comment';

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  /** No arguments at all: the usage, on stderr, and exit code 2. */
  | { kind: 'usage' }
  | {
      kind: 'run';
      settings: Settings;
      stdout?: StdoutOutput;
      /** The run's private report folder, when it made one: removed if the run writes nothing there. */
      privateDir?: string;
    };

/** The toggles by name (`--parallel`, `--no-parallel`). */
const TOGGLES = new Set(FLAGGED.filter(({ flag }) => flag.toggle).map(({ flag }) => flag.name));

/** Every option the command line takes, for "did you mean". */
const OPTION_NAMES = [
  ...FLAGGED.flatMap(({ flag }) => (flag.toggle ? [flag.name, `no-${flag.name}`] : [flag.name])),
  'help',
  'version',
];

/**
 * The command line with each toggle written out as `--name=true` or `--name=false`, for
 * parseArgs; an unknown `--option` is refused first, with the option it most likely meant.
 */
function expandToggles(argv: readonly string[]): string[] {
  const expanded: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--') {
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
        `unknown option --${name}${meant ? `; did you mean --${meant}?` : ''}\n` +
          'Run "allocdiff --help" for the options.',
      );
    }
    if (value === undefined && name.startsWith('no-') && TOGGLES.has(name.slice(3))) {
      expanded.push(`--${name.slice(3)}=false`);
    } else if (value !== undefined && name.startsWith('no-') && TOGGLES.has(name.slice(3))) {
      throw new UsageError(
        `--${name} takes no value: --${name.slice(3)}${value} gives one\n` +
          'Run "allocdiff --help" for the options.',
      );
    } else if (value === undefined && TOGGLES.has(name)) {
      // There are no positional arguments: a word after a toggle can only be its value.
      const next = argv[index + 1];
      const given = next !== undefined && !next.startsWith('-');
      expanded.push(`--${name}=${given ? next : 'true'}`);
      if (given) index++;
    } else expanded.push(arg);
  }
  return expanded;
}

/** Turns the command line into settings; every mistake is a UsageError that says what to do. */
export function parseCliArgs(
  argv: readonly string[],
  cwd = process.cwd(),
  files: FileAccess = nodeFiles,
): CliCommand {
  if (argv.length === 0) return { kind: 'usage' };
  let parsed;
  try {
    // A help flag anywhere wins over every mistake, as before: checked before the toggles are.
    if (argv.some((arg) => arg === '--help' || arg === '-h')) return { kind: 'help' };
    parsed = parseArgs({
      args: expandToggles(argv),
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
    if (error instanceof UsageError) throw error;
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
  const cacheDir = cacheFolder(flag(SETTINGS.cache), cwd);
  const passEnv = parsePassedNames(flag(SETTINGS.passEnv) ?? '', `--${SETTINGS.passEnv.flag.name}`);
  const shardFlag = flag(SETTINGS.shard);
  const shard =
    shardFlag === undefined ? undefined : parseShard(shardFlag, `--${SETTINGS.shard.flag.name}`);
  const htmlUrl = parseHtmlUrl(flag(SETTINGS.htmlUrl) ?? '', `--${SETTINGS.htmlUrl.flag.name}`);
  // `-` sends that output to stdout; its file is still written, in the private folder.
  const given = { report: flag(SETTINGS.jsonPath), comment: flag(SETTINGS.markdownPath) };
  if (given.report === '-' && given.comment === '-')
    throw new UsageError(
      '--json - and --markdown - both ask for stdout: send one there and the other to a file',
    );
  const stdout = given.report === '-' ? 'report' : given.comment === '-' ? 'comment' : undefined;
  const jsonPath = given.report === '-' ? undefined : given.report;
  const markdownPath = given.comment === '-' ? undefined : given.comment;
  // Made last, once the flags and the config file are known to be good.
  const outDir = jsonPath === undefined || markdownPath === undefined ? privateOutputDir() : '';
  return {
    kind: 'run',
    ...(stdout ? { stdout } : {}),
    ...(outDir ? { privateDir: outDir } : {}),
    settings: {
      repoDir,
      base,
      head: head ?? 'HEAD',
      workingTree: head === undefined ? 'measure' : 'mention',
      ...settingsFromConfig(config),
      benchmark,
      key: flag(SETTINGS.key) ?? SETTINGS.key.default,
      ...(shard ? { shard } : {}),
      ...(passEnv.length > 0 ? { passEnv } : {}),
      ...(htmlUrl !== undefined ? { htmlUrl } : {}),
      ...(cacheDir !== undefined ? { cacheDir } : {}),
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

/**
 * The folder `--cache` names: `--cache DIR`, or (`--cache` alone) `$XDG_CACHE_HOME/allocdiff`,
 * `~/.cache/allocdiff`; none without the flag or with `--no-cache`.
 */
function cacheFolder(given: string | undefined, cwd: string): string | undefined {
  if (given === undefined || given === 'false') return undefined;
  if (given === 'true') {
    const home = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
    return join(home, 'allocdiff');
  }
  if (given === '') throw new UsageError('--cache: give the folder to keep measurements in');
  return resolve(cwd, given);
}

import {
  CONFIG_NAMES,
  DECLARATIONS,
  declarationOf,
  SETTINGS,
  type Alternative,
  type ConfigName,
  type SettingName,
} from './declarations.js';
import { createHash } from 'node:crypto';
import type { Shard } from '../capture/shard.js';
import { UsageError } from '../errors.js';
import { describeValue } from './problems.js';
import type { Config } from './load-config.js';
import type { ProposedSettings } from './settings-change.js';

type Declared = typeof SETTINGS;

/**
 * A configuration setting's name in `Settings`: none for those only publishing reads, nor for
 * the benchmark's (`Settings` hold the benchmark as one `Benchmark`).
 */
type RunName<K> = K extends ConfigName
  ? Declared[K] extends { publishing: true } | { group: typeof BENCHMARK_GROUP }
    ? never
    : Declared[K] extends { settingsName: infer S extends string }
      ? S
      : K
  : K;

/** The group of the settings that name the benchmark: `script` and `command`. */
const BENCHMARK_GROUP = 'benchmark';

/**
 * What each side runs: a script, or a shell command whose Python processes are measured.
 * Paths are relative to the project folder.
 */
export type Benchmark =
  | { kind: 'script'; script: string }
  /** The command runs in `workingDirectory` (`.`: the project folder) of each checkout. */
  | { kind: 'command'; command: string; workingDirectory: string };

/** What the loaded configuration decides for the run, for the action and the CLI alike. */
export type ConfiguredSettings = { [K in keyof Config as RunName<K>]: Config[K] };

/**
 * Everything one allocdiff run needs, built once from action inputs or CLI flags and config.
 * Nothing that only publishing needs (the token, when to comment) is in it.
 */
export interface Settings extends ConfiguredSettings {
  /** What each side runs. */
  benchmark: Benchmark;
  /** The git checkout of the project, or a folder inside it. */
  repoDir: string;
  /** Base and head as refs or SHAs. */
  base: string;
  head: string;
  /**
   * Local runs only (the CLI), where the working tree may hold changes not yet committed.
   * `measure`: head was left to its default, so when the working tree differs from HEAD
   * (staged or unstaged changes, untracked files), head is the working tree on top of HEAD.
   * `mention`: head was named; a working tree with changes is only mentioned, not measured.
   */
  workingTree?: 'measure' | 'mention';
  /**
   * Where the configuration came from when not the checkout: `the base commit 1a2b3c4`, for a
   * change judged by the settings from before it.
   */
  settingsFrom?: string;
  /** What the change's own config file would decide, when it changes the settings. */
  proposed?: ProposedSettings;
  /** Sticky-comment key, so several allocdiff runs can share a pull request. */
  key: string;
  /** The part of the scenarios this run measures, when the suite is split across runners. */
  shard?: Shard;
  /** Further environment variables pull-request code receives (the workflow's `env`). */
  passEnv?: string[];
  /** The CLI's folder of kept measurements (`--cache DIR`); none: measure every side. */
  cacheDir?: string;
  /** Where the JSON report and the Markdown go. */
  jsonPath: string;
  markdownPath: string;
  /** Repository on GitHub, for links in the report. */
  repository?: string;
  serverUrl?: string;
  pullRequest?: number;
  /** Where the workflow keeps the HTML report: the comment links it. */
  htmlUrl?: string;
}

/** The environment variables of a GitHub Actions run that name its page. */
type RunEnvironment = Partial<
  Record<'GITHUB_SERVER_URL' | 'GITHUB_REPOSITORY' | 'GITHUB_RUN_ID', string>
>;

/**
 * The `html-url` input or flag as a link target: an http(s) URL as it is (normalised), or `run`
 * for the GitHub Actions run's page (which lists the run's artifacts); undefined when empty.
 * `name` is how messages name the input or flag.
 */
export function parseHtmlUrl(
  value: string,
  name: string,
  env: RunEnvironment = process.env,
): string | undefined {
  const given = value.trim();
  if (given === '') return undefined;
  if (given === 'run') {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = env;
    if (!server || !repository || !run || !/^\d+$/.test(run)) {
      throw new UsageError(
        `${name}: "run" links the GitHub Actions run's page, but GITHUB_SERVER_URL, ` +
          'GITHUB_REPOSITORY and GITHUB_RUN_ID do not name one here; give the http(s) URL ' +
          'where the HTML report is kept',
      );
    }
    return parseHtmlUrl(
      `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${run}`,
      name,
      {},
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(given);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username ||
    url.password
  ) {
    throw new UsageError(
      `${name}: got ${describeValue(given)}; expected an http(s) URL where the HTML report is ` +
        "kept, or run for the GitHub Actions run's page",
    );
  }
  return url.href;
}

/** The part of `Settings` the configuration gives, for the action and the CLI alike. */
export function settingsFromConfig(config: Config): ConfiguredSettings {
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const setting = key in SETTINGS ? declarationOf(key as SettingName) : undefined;
    if (setting?.publishing || setting?.group === BENCHMARK_GROUP) continue;
    settings[setting?.settingsName ?? key] = value;
  }
  return settings as ConfiguredSettings;
}

/** What differs from one run to the next of the same settings: not part of their digest. */
const RUN_FIELDS = new Set([
  'repoDir',
  'base',
  'head',
  'workingTree',
  'shard',
  'jsonPath',
  'markdownPath',
  'repository',
  'serverUrl',
  'pullRequest',
  'artifactDir',
]);

/**
 * A digest (SHA-256, hex) of what a run measures and how it judges it: every setting but where
 * it runs and writes. The shards of a suite split across runners must share it to be merged.
 */
export function settingsDigest(settings: Settings): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
          )
        : value;
  const kept = Object.fromEntries(
    Object.entries(settings).filter(([name]) => !RUN_FIELDS.has(name)),
  );
  return createHash('sha256')
    .update(JSON.stringify(canonical(kept)))
    .digest('hex');
}

/** A setting that names the benchmark. */
export type BenchmarkName = {
  [N in ConfigName]: Declared[N] extends { group: typeof BENCHMARK_GROUP } ? N : never;
}[ConfigName];

/** The settings that name the benchmark, in the table's order: `script`, `command`. */
export const BENCHMARK_NAMES = CONFIG_NAMES.filter(
  (name) => declarationOf(name).group === BENCHMARK_GROUP,
) as BenchmarkName[];

/** `a or b`, `a, b or c`; `last` is what goes before the last (`, or ` when items hold commas). */
function either(items: readonly string[], last = ' or '): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(', ')}${last}${items.at(-1)}`;
}

/** The words that offer a benchmark setting (declarations.ts makes sure each has them). */
function alternativeOf(name: ConfigName): Alternative {
  return declarationOf(name).alternative!;
}

/** How a message says to name the benchmark: `give one: script (a benchmark file) or …`. */
export function benchmarkChoice(): string {
  const offers = BENCHMARK_NAMES.map(
    (name) => `${declarationOf(name).key} (${alternativeOf(name).short})`,
  );
  return `give one: ${either(offers)}`;
}

/**
 * Why a run cannot start when no layer names the benchmark, for the CLI (`flag`: `--script or
 * --command is required …`) or the action (`input`: `input "script" or "command" is required …`).
 */
export function benchmarkRequired(as: 'flag' | 'input'): string {
  const asGiven = BENCHMARK_NAMES.map((name) => {
    const { flag, input } = declarationOf(name);
    return as === 'flag' ? `--${flag?.name}` : `"${input}"`;
  });
  const keys = BENCHMARK_NAMES.map((name) => declarationOf(name).key!);
  // Each offer holds a comma: `the benchmark file, e.g. …, or a command …`.
  const offers = BENCHMARK_NAMES.map((name, index) => {
    const { what, inputWhat, example } = alternativeOf(name);
    if (as === 'input') return `${inputWhat ?? what}, e.g. ${example}`;
    const value = example.includes(' ') ? `"${example}"` : example;
    return `${what}, e.g. ${asGiven[index]} ${value}`;
  });
  return (
    `${as === 'input' ? 'input ' : ''}${either(asGiven)} is required ` +
    `(or ${either(keys)} in the config file): ${either(offers, ', or ')}`
  );
}

/** The benchmark the configuration names (it refuses both in one layer); none when neither. */
export function benchmarkOf(config: Config): Benchmark | undefined {
  if (config.command) return { kind: 'command', command: config.command, workingDirectory: '.' };
  if (config.script) return { kind: 'script', script: config.script };
  return undefined;
}

/**
 * The benchmark the configuration names; when none, a UsageError that says how to name one on
 * a command line (`flag`) or as an action input (`input`).
 */
export function requireBenchmark(config: Config, as: 'flag' | 'input'): Benchmark {
  const benchmark = benchmarkOf(config);
  if (!benchmark) throw new UsageError(benchmarkRequired(as));
  return benchmark;
}

type CaptureName = {
  [N in SettingName]: Declared[N] extends { capture: true } ? N : never;
}[SettingName];

/** The settings each side's capture receives as they are: those that change what is measured. */
export type CaptureSettings = Pick<Settings, CaptureName & keyof Settings>;

const CAPTURE_NAMES = DECLARATIONS.flatMap(([name, setting]) =>
  setting.capture ? [name] : [],
) as CaptureName[];

/** The capture settings of a run, for each side's capture. */
export function captureSettingsOf(settings: Settings): CaptureSettings {
  const picked: Partial<Record<CaptureName, unknown>> = {};
  for (const name of CAPTURE_NAMES) {
    if (settings[name] !== undefined) picked[name] = settings[name];
  }
  return picked as CaptureSettings;
}

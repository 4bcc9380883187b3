import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { FailOn } from '../budgets/evaluate.js';
import type { CommentPolicy } from '../publish/comment-policy.js';
import type { BudgetPolicy } from '../budgets/rules.js';
import {
  findConfigFile,
  nodeFiles,
  readConfigFile,
  type ConfigDocument,
  type FileAccess,
} from './config-file.js';
import { ConfigError, formatKeyPath, problemsOf, type KeyPath } from './problems.js';
import {
  fileConfigSchema,
  textConfigSchema,
  type ConfigLayer,
  type PeakSitesSetting,
  type TextConfig,
} from './schema.js';

/** The configuration of one run: inputs (or flags) over the config file, over the defaults. */
export interface Config {
  /** Benchmark script, relative to the project folder; undefined when no source gave one. */
  script?: string;
  /** Shell command to measure instead of a script (at most one of the two is set). */
  command?: string;
  setup?: string;
  python: string;
  frames: number;
  repeats: number;
  /** Leak-check calls per function scenario; 0 = off. */
  iterations: number;
  timeoutMinutes: number;
  /** `auto`: for the scenarios whose peak changed; `true`: always; `false`: never. */
  peakSites: PeakSitesSetting;
  /** Base and head at once: true, false, or undefined for "when there are two cores or more". */
  parallel?: boolean;
  objectTypes: boolean;
  failOn: FailOn;
  /** Bytes: sites that changed by less are not shown. */
  minimumChange: number;
  /** Globs over site paths: matching sites are neither shown nor checked. */
  ignore: string[];
  budgets: BudgetPolicy;
  /** Changed sites listed per scenario and direction; the rest are folded. */
  top: number;
  /** When the action writes the pull-request comment. */
  comment: CommentPolicy;
  /** The config file that was read, as messages name it. */
  configFile?: string;
}

export const CONFIG_DEFAULTS = {
  python: 'python3',
  frames: 1,
  // Two measurements are the fewest that can show noise; a function's first call is a cold
  // one (caches, free lists), so telling noise from warm-up takes two more. See the README.
  repeats: 3,
  iterations: 0,
  timeoutMinutes: 30,
  peakSites: 'auto',
  objectTypes: true,
  failOn: 'fail',
  minimumChange: 0,
  top: 10,
  comment: 'always',
} as const;

export interface ConfigSources {
  /** The project folder: where the config file is looked for, and paths are relative to. */
  projectDir: string;
  /** Settings from action inputs or CLI flags, as text; empty ones left out. */
  inputs: TextConfig;
  /** How a message names the input or flag behind a key: `input "budget"`, `--budget`. */
  nameInput(key: string): string;
  /** A config file named by the `config` input or `--config`, absolute. */
  configPath?: string;
  files?: FileAccess;
}

/** Validates the text settings; each problem is named after its input or flag. */
export function validateInputs(
  inputs: TextConfig,
  nameInput: (key: string) => string,
): ConfigLayer | string[] {
  const parsed = textConfigSchema.safeParse(inputs);
  if (parsed.success) return parsed.data;
  return problemsOf(parsed.error.issues).map(
    (problem) => `${nameInput(String(problem.path[0]))}: ${problem.message}`,
  );
}

/** Validates a config file's settings; each problem names the file, line and key path. */
export function validateConfigDocument(document: ConfigDocument): ConfigLayer | string[] {
  const parsed = fileConfigSchema.safeParse(document.settings);
  if (!parsed.success) {
    const located = problemsOf(parsed.error.issues).map((problem) => {
      const line = document.lineOf(problem.path);
      const keyPath = formatKeyPath([...document.prefix, ...problem.path] as KeyPath);
      const where = `${document.label}${line === undefined ? '' : `:${line}`}`;
      return {
        line: line ?? 0,
        text: `${where}: ${keyPath === '' ? '' : `${keyPath}: `}${problem.message}`,
      };
    });
    // In the order of the file, so the messages read top to bottom.
    return located.sort((a, b) => a.line - b.line).map((problem) => problem.text);
  }
  return parsed.data;
}

function slashes(path: string): string {
  return path.split(sep).join('/');
}

/**
 * Merges the layers key by key: a setting given as an input (or flag) replaces the file's, and
 * the file's replaces the default. Per-scenario budgets exist in files only.
 */
export function mergeConfig(inputs: ConfigLayer, file: ConfigLayer, configFile?: string): Config {
  const config: Config = {
    python: inputs.python ?? file.python ?? CONFIG_DEFAULTS.python,
    frames: inputs.frames ?? file.frames ?? CONFIG_DEFAULTS.frames,
    repeats: inputs.repeats ?? file.repeats ?? CONFIG_DEFAULTS.repeats,
    iterations: inputs.iterations ?? file.iterations ?? CONFIG_DEFAULTS.iterations,
    timeoutMinutes: inputs.timeoutMinutes ?? file.timeoutMinutes ?? CONFIG_DEFAULTS.timeoutMinutes,
    peakSites: inputs.peakSites ?? file.peakSites ?? CONFIG_DEFAULTS.peakSites,
    parallel: inputs.parallel ?? file.parallel,
    objectTypes: inputs.objectTypes ?? file.objectTypes ?? CONFIG_DEFAULTS.objectTypes,
    failOn: inputs.failOn ?? file.failOn ?? CONFIG_DEFAULTS.failOn,
    minimumChange: inputs.minimumChange ?? file.minimumChange ?? CONFIG_DEFAULTS.minimumChange,
    ignore: inputs.ignore ?? file.ignore ?? [],
    top: inputs.top ?? file.top ?? CONFIG_DEFAULTS.top,
    comment: inputs.comment ?? file.comment ?? CONFIG_DEFAULTS.comment,
    budgets: {
      rules: inputs.budgets ?? file.budgets ?? [],
      overrides: (file.scenarios ?? []).map((override) => ({
        ...override,
        origin: configFile ? `${configFile}: ${override.origin}` : override.origin,
      })),
    },
  };
  // The benchmark is one setting spelled two ways: a script or a command given as an input
  // replaces the file's benchmark, whichever way the file spelled it.
  const benchmark = inputs.script !== undefined || inputs.command !== undefined ? inputs : file;
  const setup = inputs.setup ?? file.setup;
  if (benchmark.script !== undefined) config.script = benchmark.script;
  if (benchmark.command !== undefined) config.command = benchmark.command;
  if (setup !== undefined) config.setup = setup;
  if (configFile !== undefined) config.configFile = configFile;
  return config;
}

/**
 * Loads the one configuration of a run: validates the inputs and the config file (every
 * problem of both at once) and merges them. Throws a ConfigError listing the problems.
 */
export function loadConfig(sources: ConfigSources): Config {
  const files = sources.files ?? nodeFiles;
  const projectDir = resolve(sources.projectDir);
  const labelOf = (path: string): string => {
    const inside = relative(projectDir, path);
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)
      ? slashes(inside)
      : path;
  };
  const document =
    sources.configPath !== undefined
      ? readConfigFile(sources.configPath, labelOf(sources.configPath), files)
      : findConfigFile(projectDir, files, labelOf);

  const inputs = validateInputs(sources.inputs, sources.nameInput);
  const file = document ? validateConfigDocument(document) : {};
  const problems = [...(Array.isArray(inputs) ? inputs : []), ...(Array.isArray(file) ? file : [])];
  const oneOf = 'give one: script (a benchmark file) or command (a shell command to measure)';
  if (!Array.isArray(inputs) && inputs.script !== undefined && inputs.command !== undefined) {
    problems.push(
      `${sources.nameInput('command')}: cannot be given with ${sources.nameInput('script')}; ${oneOf}`,
    );
  }
  if (document && !Array.isArray(file) && file.script !== undefined && file.command !== undefined) {
    const line = document.lineOf(['command']);
    problems.push(
      `${document.label}${line === undefined ? '' : `:${line}`}: ` +
        `${formatKeyPath([...document.prefix, 'command'])}: cannot be set with script; ${oneOf}`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const fileLayer = file as ConfigLayer;
  // A script in the file is relative to the file's folder; the run wants it relative to the project.
  if (document && fileLayer.script !== undefined) {
    fileLayer.script = slashes(relative(projectDir, resolve(document.baseDir, fileLayer.script)));
  }
  return mergeConfig(inputs as ConfigLayer, fileLayer, document?.label);
}

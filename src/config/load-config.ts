import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { BudgetPolicy } from '../budgets/rules.js';
import {
  findConfigFile,
  nodeFiles,
  readConfigFile,
  repositoryRoot,
  type ConfigDocument,
  type FileAccess,
} from './config-file.js';
import {
  CONFIG_NAMES,
  declarationOf,
  defaultOf,
  type ConfigName,
  type MergedConfig,
} from './declarations.js';
import { ConfigError, formatKeyPath, problemsOf, type KeyPath } from './problems.js';
import { BENCHMARK_NAMES, benchmarkChoice } from './settings.js';
import { fileConfigSchema, textConfigSchema, type ConfigLayer, type TextConfig } from './schema.js';

/**
 * The configuration of one run: inputs (or flags) over the config file, over the defaults, as
 * src/config/declarations.ts declares each setting; the budgets of every scenario and those per
 * scenario make one policy.
 */
export type Config = Omit<MergedConfig, 'budgets' | 'scenarios'> & {
  budgets: BudgetPolicy;
  /** The config file that was read, as messages name it. */
  configFile?: string;
};

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

/** A configuration setting's config-file key. */
function keyOf(name: ConfigName): string {
  return declarationOf(name).key!;
}

/** The settings a layer gives together with `name`: its group, or itself alone. */
function groupOf(name: ConfigName): ConfigName[] {
  const { group } = declarationOf(name);
  if (group === undefined) return [name];
  return CONFIG_NAMES.filter((other) => declarationOf(other).group === group);
}

/**
 * Merges the layers setting by setting: a setting given as an input (or flag) replaces the
 * file's, and the file's replaces the default. A group is one setting spelled several ways:
 * the benchmark given as an input (script or command) replaces the file's, whichever way the file
 * spelled it. Per-scenario budgets exist in files only.
 */
export function mergeConfig(inputs: ConfigLayer, file: ConfigLayer, configFile?: string): Config {
  const merged: Partial<Record<ConfigName, unknown>> = {};
  for (const name of CONFIG_NAMES) {
    const group = groupOf(name);
    const layer = [inputs, file].find((given) => group.some((n) => given[n] !== undefined));
    const value = layer?.[name] ?? defaultOf(declarationOf(name));
    if (value !== undefined) merged[name] = value;
  }
  const { budgets, scenarios, ...settings } = merged as MergedConfig;
  return {
    ...settings,
    budgets: {
      rules: budgets,
      overrides: scenarios.map((override) => ({
        ...override,
        origin: configFile ? `${configFile}: ${override.origin}` : override.origin,
      })),
    },
    ...(configFile !== undefined ? { configFile } : {}),
  };
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
      ? readConfigFile(
          sources.configPath,
          labelOf(sources.configPath),
          files,
          repositoryRoot(projectDir, files),
        )
      : findConfigFile(projectDir, files, labelOf);

  const inputs = validateInputs(sources.inputs, sources.nameInput);
  const file = document ? validateConfigDocument(document) : {};
  const problems = [...(Array.isArray(inputs) ? inputs : []), ...(Array.isArray(file) ? file : [])];
  // The benchmark is named one way per layer: a second way given beside the first is refused.
  const givenIn = (layer: ConfigLayer | string[]) =>
    Array.isArray(layer) ? [] : BENCHMARK_NAMES.filter((name) => layer[name] !== undefined);
  const [inputGiven, ...inputsBeside] = givenIn(inputs);
  if (inputGiven !== undefined && inputsBeside.length > 0) {
    problems.push(
      `${inputsBeside.map((name) => sources.nameInput(keyOf(name))).join(', ')}: cannot be given ` +
        `with ${sources.nameInput(keyOf(inputGiven))}; ${benchmarkChoice()}`,
    );
  }
  const [fileGiven, ...fileBeside] = givenIn(file);
  if (document && fileGiven !== undefined && fileBeside.length > 0) {
    const line = document.lineOf([keyOf(fileBeside[0]!)]);
    problems.push(
      `${document.label}${line === undefined ? '' : `:${line}`}: ` +
        `${fileBeside.map((name) => formatKeyPath([...document.prefix, keyOf(name)])).join(', ')}: ` +
        `cannot be set with ${keyOf(fileGiven)}; ${benchmarkChoice()}`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const fileLayer = file as ConfigLayer;
  // A path in the file is relative to the file's folder; the run wants it relative to the project.
  for (const name of CONFIG_NAMES) {
    const path = fileLayer[name];
    if (document && declarationOf(name).flag?.projectPath && typeof path === 'string') {
      (fileLayer as Record<string, unknown>)[name] = slashes(
        relative(projectDir, resolve(document.baseDir, path)),
      );
    }
  }
  return mergeConfig(inputs as ConfigLayer, fileLayer, document?.label);
}

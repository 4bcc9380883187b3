/**
 * Finding and reading the config file: `allocdiff.yml` (or `.yaml`), `.github/allocdiff.yml`, or
 * `[tool.allocdiff]` in `pyproject.toml`; or the file the `config` input / `--config` names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parse as parseTomlText, TomlError } from 'smol-toml';
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { ConfigError, type KeyPath } from './problems.js';

/** The file system as the loader needs it; tests give a plain object instead. */
export interface FileAccess {
  exists(path: string): boolean;
  read(path: string): string;
}

export const nodeFiles: FileAccess = {
  exists: (path) => existsSync(path),
  read: (path) => readFileSync(path, 'utf8'),
};

/** Looked for in each folder, from the project folder up to the repository root. */
export const CONFIG_FILE_NAMES = [
  'allocdiff.yml',
  'allocdiff.yaml',
  '.github/allocdiff.yml',
  '.github/allocdiff.yaml',
  'pyproject.toml',
] as const;

export interface ConfigDocument {
  path: string;
  /** How messages name the file: relative to the project folder when inside it. */
  label: string;
  /** Where relative paths in the file start: its folder, or the folder above `.github/`. */
  baseDir: string;
  /** The settings as written; undefined for a pyproject.toml without [tool.allocdiff]. */
  settings: unknown;
  /** Where the settings sit in the file: `tool.allocdiff` in a pyproject.toml. */
  prefix: string[];
  /** The line a key path is on, where the format tells. */
  lineOf(path: KeyPath): number | undefined;
}

/** What a file's format tells: the settings, where they sit, and the lines of keys. */
type ParsedText = Pick<ConfigDocument, 'settings' | 'prefix' | 'lineOf'>;

function parseYaml(label: string, text: string): ParsedText {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((error) => {
        const position = error.linePos?.[0];
        const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        return `${label}${position ? `:${position.line}:${position.col}` : ''}: ${message}`;
      }),
    );
  }
  // The line of a key (not of its value, which may start on the next line); a key that is not
  // there has no line, so the nearest parent's will do.
  const lineOf = (keyPath: KeyPath): number | undefined => {
    for (let depth = keyPath.length; depth >= 1; depth -= 1) {
      const parent =
        depth === 1 ? document.contents : document.getIn(keyPath.slice(0, depth - 1), true);
      const last = keyPath[depth - 1];
      const node = isMap(parent)
        ? parent.items.find((pair) => isScalar(pair.key) && pair.key.value === last)?.key
        : (document.getIn(keyPath.slice(0, depth), true) as Node | undefined);
      const offset = (node as Node | undefined)?.range?.[0];
      if (offset !== undefined) return lineCounter.linePos(offset).line;
    }
    return undefined;
  };
  // An empty file is an empty configuration.
  return { settings: document.toJS() ?? {}, prefix: [], lineOf };
}

function parseToml(path: string, label: string, text: string): ParsedText {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseTomlText(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const message = error.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
    throw new ConfigError([`${label}:${error.line}:${error.column}: invalid TOML: ${message}`]);
  }
  const lineOf = () => undefined;
  if (basename(path) !== 'pyproject.toml') return { settings: parsed, prefix: [], lineOf };
  const tool = parsed.tool as { allocdiff?: unknown } | undefined;
  return {
    settings: typeof tool === 'object' && tool !== null ? tool.allocdiff : undefined,
    prefix: ['tool', 'allocdiff'],
    lineOf,
  };
}

/** Parses a config file's text: TOML for `.toml` files, YAML (which includes JSON) otherwise. */
export function parseConfigDocument(path: string, label: string, text: string): ConfigDocument {
  const parsed = extname(path) === '.toml' ? parseToml(path, label, text) : parseYaml(label, text);
  const folder = dirname(path);
  return {
    path,
    label,
    baseDir: basename(folder) === '.github' ? dirname(folder) : folder,
    ...parsed,
  };
}

/** Reads the file the `config` input or `--config` names. */
export function readConfigFile(path: string, label: string, files: FileAccess): ConfigDocument {
  if (!files.exists(path)) {
    throw new ConfigError([
      `${label}: config file not found; give a path relative to the project, e.g. ci/allocdiff.yml`,
    ]);
  }
  const document = parseConfigDocument(path, label, files.read(path));
  if (document.settings === undefined) {
    throw new ConfigError([`${label}: has no [tool.allocdiff] table`]);
  }
  return document;
}

/**
 * The config file for a project folder: the first folder, going up from `startDir` to the
 * repository root, that has one. Two in one folder is a mistake: which one wins would be a guess.
 */
export function findConfigFile(
  startDir: string,
  files: FileAccess,
  labelOf: (path: string) => string,
): ConfigDocument | undefined {
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    const found: ConfigDocument[] = [];
    for (const name of CONFIG_FILE_NAMES) {
      const path = join(dir, name);
      if (!files.exists(path)) continue;
      const document = parseConfigDocument(path, labelOf(path), files.read(path));
      // A pyproject.toml is a config file only when it has a [tool.allocdiff] table.
      if (document.settings !== undefined) found.push(document);
    }
    if (found.length > 1) {
      throw new ConfigError([
        `${found.map((document) => document.label).join(', ')}: several config files in one ` +
          'folder; keep one, or choose one with the config input (--config on the CLI)',
      ]);
    }
    if (found.length === 1) return found[0];
    if (files.exists(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

/**
 * Finding and reading the config file: `allocdiff.yml` (or `.yaml`), `.github/allocdiff.yml`, or
 * `[tool.allocdiff]` in `pyproject.toml`; or the file the `config` input / `--config` names.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parse as parseTomlText, TomlError } from 'smol-toml';
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { groupDigits } from '../format/sizes.js';
import { inside } from '../sides/contained.js';
import { ConfigError, type KeyPath } from './problems.js';

/** The file system as the loader needs it; tests give a plain object instead. */
export interface FileAccess {
  exists(path: string): boolean;
  /** The text of a config file; throws an UnfitConfigFile when it is not one to read. */
  read(path: string): string;
  /** The path with every symbolic link resolved; the path itself where there are none. */
  realPath?(path: string): string;
}

/** The largest config file read: settings take a few hundred bytes, a pyproject.toml a few KiB. */
export const CONFIG_FILE_MAX_BYTES = 1024 * 1024;

/** A path that names something other than a config file to read; the message says why. */
export class UnfitConfigFile extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnfitConfigFile';
  }
}

/** What a path names, when it is not a regular file. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Reads a config file's text: a regular file of at most CONFIG_FILE_MAX_BYTES, read whole only
 * then. A directory, a device or a named pipe (which would block) is refused before any read.
 */
export function readConfigText(path: string): string {
  // Opened without waiting: a named pipe with no writer would block the open itself.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      throw new UnfitConfigFile(`is ${kindOf(stats)}; a config file must be a regular file`);
    }
    const tooLarge = (size: string) =>
      new UnfitConfigFile(
        `is ${size} bytes; a config file may be at most ${groupDigits(CONFIG_FILE_MAX_BYTES)} ` +
          'bytes (1 MiB)',
      );
    if (stats.size > CONFIG_FILE_MAX_BYTES) throw tooLarge(groupDigits(stats.size));
    // The size it has now, not the one stat saw: read one byte past the limit to tell.
    const buffer = Buffer.alloc(CONFIG_FILE_MAX_BYTES + 1);
    let length = 0;
    for (;;) {
      const count = readSync(fd, buffer, length, buffer.length - length, null);
      if (count === 0) break;
      length += count;
      if (length > CONFIG_FILE_MAX_BYTES)
        throw tooLarge(`more than ${groupDigits(CONFIG_FILE_MAX_BYTES)}`);
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

export const nodeFiles: FileAccess = {
  exists: (path) => existsSync(path),
  read: readConfigText,
  realPath: (path) => realpathSync(path),
};

/** The repository a folder is in: the first folder, going up, with a `.git`. */
export function repositoryRoot(startDir: string, files: FileAccess): string | undefined {
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    if (files.exists(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A file's text, refused with a ConfigError that names it when it cannot be a config file: not a
 * regular file, too large, or inside the repository but a link to something outside it (whose
 * text would otherwise be quoted back in messages).
 */
function readFileOf(path: string, label: string, files: FileAccess, root?: string): string {
  try {
    if (root !== undefined && files.realPath && inside(root, path)) {
      if (!inside(files.realPath(root), files.realPath(path))) {
        throw new UnfitConfigFile(
          'leads, through a symbolic link, outside the repository; a config file must be a ' +
            'file of the repository',
        );
      }
    }
    return files.read(path);
  } catch (error) {
    if (error instanceof UnfitConfigFile) throw new ConfigError([`${label}: ${error.message}`]);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new ConfigError([`${label}: cannot be read (permission denied)`]);
    }
    throw error;
  }
}

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

/** How far YAML aliases may expand: a config file has no use for more. */
const YAML_MAX_ALIAS_COUNT = 100;

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
  let settings: unknown;
  try {
    settings = document.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  } catch (error) {
    // An alias that expands too far (a "billion laughs"), or one with no anchor before it.
    if (!(error instanceof ReferenceError)) throw error;
    throw new ConfigError([
      /Excessive alias count/.test(error.message)
        ? `${label}: its aliases (*name) expand past ${YAML_MAX_ALIAS_COUNT} copies of an anchor's ` +
          'value; write the values out, or use fewer aliases'
        : `${label}: ${error.message}`,
    ]);
  }
  // An empty file is an empty configuration.
  return { settings: settings ?? {}, prefix: [], lineOf };
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

/**
 * Reads the file the `config` input or `--config` names. `root`: the repository; a path inside it
 * must not lead outside it.
 */
export function readConfigFile(
  path: string,
  label: string,
  files: FileAccess,
  root?: string,
): ConfigDocument {
  if (!files.exists(path)) {
    throw new ConfigError([
      `${label}: config file not found; give a path relative to the project, e.g. ci/allocdiff.yml`,
    ]);
  }
  const document = parseConfigDocument(path, label, readFileOf(path, label, files, root));
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
  const root = repositoryRoot(startDir, files);
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    const found: ConfigDocument[] = [];
    for (const name of CONFIG_FILE_NAMES) {
      const path = join(dir, name);
      if (!files.exists(path)) continue;
      const label = labelOf(path);
      const document = parseConfigDocument(path, label, readFileOf(path, label, files, root));
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

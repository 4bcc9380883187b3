/**
 * Each side imports its own code: what the harness needs to know for it
 * (python/allocdiff_harness/checkout.py). The environment usually has the project installed
 * already (`pip install -e .` points at the workspace); the harness puts the side's checkout
 * ahead of it on `sys.path`, moves `.pth` entries and editable-install finders that point into
 * another root of the repository to the same place in the checkout, and fails the side when a
 * module still came from another root.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { delimiter, join, posix } from 'node:path';
import { parse as parseToml } from 'smol-toml';

/** The repository's roots: both checkouts and the workspace allocdiff runs in. */
export const REPOSITORY_ROOTS_VARIABLE = 'ALLOCDIFF_REPOSITORY_ROOTS';
/** The side's import paths, relative to its checkout (its root is always one, last). */
export const IMPORT_PATHS_VARIABLE = 'ALLOCDIFF_IMPORT_PATHS';

type Table = Record<string, unknown>;

function table(value: unknown): Table | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Table)
    : undefined;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The folder a package mapped to `dir` is imported from: `lib` for `mypkg = "lib/mypkg"`.
 * Undefined when the folder is not named like the package (only an import hook can map it).
 */
function parentOfPackage(name: string, dir: string): string | undefined {
  const packageParts = name.split('.');
  const dirParts = posix.normalize(dir).split('/').filter(Boolean);
  const tail = dirParts.slice(-packageParts.length);
  if (tail.length !== packageParts.length || tail.some((part, i) => part !== packageParts[i]))
    return undefined;
  return dirParts.slice(0, -packageParts.length).join('/');
}

/** Folders a `package-dir` mapping (`{"" = "src"}`, `{"mypkg" = "lib/mypkg"}`) imports from. */
function packageDirFolders(mapping: Table | undefined): string[] {
  const folders: string[] = [];
  for (const [name, dir] of Object.entries(mapping ?? {})) {
    if (typeof dir !== 'string') continue;
    const folder = name === '' ? dir : parentOfPackage(name, dir);
    if (folder !== undefined) folders.push(folder);
  }
  return folders;
}

/** Folders named by pyproject.toml: setuptools, Poetry, Hatch, PDM, maturin, scikit-build. */
export function pyprojectFolders(text: string): string[] {
  let document: Table;
  try {
    document = parseToml(text) as Table;
  } catch {
    return [];
  }
  const tool = table(document.tool) ?? {};
  const folders: string[] = [];

  const setuptools = table(tool.setuptools);
  if (setuptools) {
    const packageDir = table(setuptools['package-dir']);
    folders.push(...packageDirFolders(packageDir));
    const find = table(table(setuptools.packages)?.find);
    folders.push(...strings(find?.where));
    if (Array.isArray(setuptools.packages) || setuptools['py-modules'] !== undefined) {
      const base = packageDir?.[''];
      folders.push(typeof base === 'string' ? base : '');
    }
  }
  const poetry = table(tool.poetry);
  for (const entry of Array.isArray(poetry?.packages) ? poetry.packages : []) {
    const from = table(entry)?.from;
    if (table(entry)) folders.push(typeof from === 'string' ? from : '');
  }
  const hatch = table(table(tool.hatch)?.build);
  for (const build of [hatch, table(table(hatch?.targets)?.wheel)]) {
    for (const path of strings(build?.packages)) folders.push(posix.dirname(path));
    const sources = build?.sources;
    folders.push(...strings(sources));
    for (const [from, to] of Object.entries(table(sources) ?? {}))
      if (to === '') folders.push(from);
  }
  folders.push(...strings(table(table(tool.pdm)?.build)?.['package-dir']));
  folders.push(...strings(table(tool.maturin)?.['python-source']));
  const scikitBuild = table(table(tool['scikit-build'])?.wheel);
  for (const path of strings(scikitBuild?.packages)) folders.push(posix.dirname(path));
  return folders;
}

/** Folders named by setup.cfg's `[options] package_dir` and `[options.packages.find] where`. */
export function setupCfgFolders(text: string): string[] {
  const values = new Map<string, string>();
  let section = '';
  let key: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') continue;
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = header[1]!.trim();
      key = undefined;
    } else if (/^\s/.test(raw) && key !== undefined) {
      values.set(key, `${values.get(key)}\n${raw.trim()}`);
    } else {
      const separator = raw.search(/[=:]/);
      if (separator < 0) continue;
      key = `${section}/${raw.slice(0, separator).trim()}`;
      values.set(key, raw.slice(separator + 1).trim());
    }
  }
  const mapping: Table = {};
  for (const line of (values.get('options/package_dir') ?? '').split('\n')) {
    const separator = line.indexOf('=');
    if (separator >= 0) mapping[line.slice(0, separator).trim()] = line.slice(separator + 1).trim();
  }
  const where = values.get('options.packages.find/where');
  return [...packageDirFolders(mapping), ...(where ? where.split(/\s+/).filter(Boolean) : [])];
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** True when `folder` holds a Python module or package (a src layout's `src`). */
async function holdsPython(folder: string): Promise<boolean> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return false;
  }
  for (const name of names) {
    if (name.endsWith('.py') || (await isFile(join(folder, name, '__init__.py')))) return true;
  }
  return false;
}

/**
 * The folders, relative to the checkout (`/`-separated), that its code is imported from
 * besides its root: those its packaging configuration names (pyproject.toml, setup.cfg), or,
 * when it names none, `src` if that folder holds Python code. Only folders inside the
 * checkout that exist.
 */
export async function importPaths(checkoutDir: string): Promise<string[]> {
  const pyproject = await readText(join(checkoutDir, 'pyproject.toml'));
  const setupCfg = await readText(join(checkoutDir, 'setup.cfg'));
  const named = [
    ...(pyproject === undefined ? [] : pyprojectFolders(pyproject)),
    ...(setupCfg === undefined ? [] : setupCfgFolders(setupCfg)),
  ];
  const candidates =
    named.length > 0 ? named : (await holdsPython(join(checkoutDir, 'src'))) ? ['src'] : [];
  const paths: string[] = [];
  for (const candidate of candidates) {
    const path = posix.normalize(candidate.replaceAll('\\', '/')).replace(/\/+$/, '');
    if (path === '.' || path === '' || path.startsWith('/') || path.split('/').includes('..'))
      continue;
    if (path.includes(delimiter) || paths.includes(path)) continue;
    if (await isDirectory(join(checkoutDir, path))) paths.push(path);
  }
  return paths;
}

/** `env` with what the harness needs to make the side in `checkoutDir` import its own code. */
export async function ownCodeEnvironment(
  env: NodeJS.ProcessEnv,
  checkoutDir: string,
  repositoryRoots: readonly string[],
): Promise<NodeJS.ProcessEnv> {
  return {
    ...env,
    [REPOSITORY_ROOTS_VARIABLE]: [...new Set(repositoryRoots)].join(delimiter),
    [IMPORT_PATHS_VARIABLE]: (await importPaths(checkoutDir)).join(delimiter),
  };
}

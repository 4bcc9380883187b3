import { rmSync } from 'node:fs';
import { delimiter } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  IMPORT_PATHS_VARIABLE,
  importPaths,
  ownCodeEnvironment,
  pyprojectFolders,
  REPOSITORY_ROOTS_VARIABLE,
  setupCfgFolders,
} from '../../src/capture/own-code.js';
import { writeTree } from '../support/trees.js';

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = writeTree(files);
  cleanup.push(dir);
  return dir;
}

describe('pyprojectFolders', () => {
  it('reads setuptools package-dir, packages.find and explicit packages', () => {
    expect(pyprojectFolders('[tool.setuptools.package-dir]\n"" = "src"\n')).toEqual(['src']);
    expect(
      pyprojectFolders('[tool.setuptools]\npackage-dir = {mypkg = "lib/mypkg", odd = "x/y"}\n'),
    ).toEqual(['lib']);
    expect(pyprojectFolders('[tool.setuptools.packages.find]\nwhere = ["lib", "more"]\n')).toEqual([
      'lib',
      'more',
    ]);
    // Listed packages without a mapping live at the root.
    expect(pyprojectFolders('[tool.setuptools]\npackages = ["mypkg"]\n')).toEqual(['']);
  });

  it('reads Poetry, Hatch, PDM, maturin and scikit-build', () => {
    expect(
      pyprojectFolders(
        '[tool.poetry]\npackages = [{include = "a", from = "src"}, {include = "b"}]\n',
      ),
    ).toEqual(['src', '']);
    expect(
      pyprojectFolders('[tool.hatch.build.targets.wheel]\npackages = ["src/mypkg"]\n'),
    ).toEqual(['src']);
    expect(pyprojectFolders('[tool.hatch.build]\nsources = ["lib"]\n')).toEqual(['lib']);
    expect(pyprojectFolders('[tool.pdm.build]\npackage-dir = "src"\n')).toEqual(['src']);
    expect(pyprojectFolders('[tool.maturin]\npython-source = "python"\n')).toEqual(['python']);
    expect(pyprojectFolders('[tool.scikit-build.wheel]\npackages = ["src/pkg"]\n')).toEqual([
      'src',
    ]);
  });

  it('names nothing for a project without such settings, or a file that is not TOML', () => {
    expect(pyprojectFolders('[project]\nname = "x"\n')).toEqual([]);
    expect(pyprojectFolders('[tool.setuptools\n')).toEqual([]);
  });
});

describe('setupCfgFolders', () => {
  it('reads package_dir on one or several lines, and packages.find where', () => {
    expect(setupCfgFolders('[options]\npackage_dir = =src\npackages = find:\n')).toEqual(['src']);
    expect(
      setupCfgFolders(
        '[options]\npackage_dir =\n    =lib\n    other = vendor/other\n' +
          '[options.packages.find]\nwhere = lib\n',
      ),
    ).toEqual(['lib', 'vendor', 'lib']);
    expect(setupCfgFolders('[metadata]\nname = x\n')).toEqual([]);
  });
});

describe('importPaths', () => {
  it('is src for a src layout without configuration, nothing for a flat one', async () => {
    expect(await importPaths(tree({ 'src/mypkg/__init__.py': '' }))).toEqual(['src']);
    expect(await importPaths(tree({ 'mypkg/__init__.py': '', 'src/main.c': '' }))).toEqual([]);
  });

  it('follows the configuration, keeping only existing folders inside the checkout', async () => {
    const dir = tree({
      'pyproject.toml':
        '[tool.setuptools.packages.find]\nwhere = ["lib", "missing", "../outside", "/abs"]\n',
      'lib/mypkg/__init__.py': '',
      'src/other/__init__.py': '',
    });
    expect(await importPaths(dir)).toEqual(['lib']);
  });

  it('puts the roots and the import paths in the environment, keeping the rest', async () => {
    const dir = tree({ 'src/mypkg/__init__.py': '' });
    const env = await ownCodeEnvironment({ KEEP: '1' }, dir, ['/ws', dir, '/ws']);
    expect(env).toEqual({
      KEEP: '1',
      [REPOSITORY_ROOTS_VARIABLE]: ['/ws', dir].join(delimiter),
      [IMPORT_PATHS_VARIABLE]: 'src',
    });
  });
});

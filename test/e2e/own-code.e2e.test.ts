// Each side imports its own code, whatever the environment holds: real git, a real virtualenv
// with an editable install of the workspace written the way pip writes one, the bundled CLI.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { runCommand } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});
const repoOf = repoMaker(cleanup);

const CATALOG_BASE = `class Catalog:
    def __init__(self):
        self.kept = []

    def load(self, record):
        return len(record)
`;
// The leak: every record loaded stays alive (200 records of 1,000 bytes in the benchmark).
const CATALOG_HEAD = `class Catalog:
    def __init__(self):
        self.kept = []

    def load(self, record):
        self.kept.append(record)
        return len(record)
`;
const LEAK_BYTES = 200 * 1000;
// The README's benchmark: it imports the package by name, with nothing on PYTHONPATH.
const BENCHMARK = `from mypkg.catalog import Catalog

catalog = Catalog()
for number in range(200):
    catalog.load(bytes(1000))
`;

/** base and head of a project whose package lives in `packageDir` ('' or 'src/'). */
function project(packageDir: string, extra: Record<string, string> = {}) {
  const files = (catalog: string) => ({
    [`${packageDir}mypkg/__init__.py`]: '',
    [`${packageDir}mypkg/catalog.py`]: catalog,
    'benchmarks/memory.py': BENCHMARK,
    ...extra,
  });
  return repoOf(files(CATALOG_BASE), files(CATALOG_HEAD));
}

interface Venv {
  python: string;
  sitePackages: string;
}

/** A virtualenv that sees the system's packages (pytest), as CI's often do. */
function makeVenv(): Venv {
  const dir = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-venv-'));
  cleanup.push(dir);
  execFileSync('python3', ['-m', 'venv', '--system-site-packages', '--without-pip', dir]);
  const python = join(dir, 'bin', 'python');
  const sitePackages = execFileSync(
    python,
    ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'],
    { encoding: 'utf8' },
  ).trim();
  return { python, sitePackages };
}

/** An editable install as a plain path entry in a `.pth` file (setuptools for a src layout,
 * `setup.py develop`, flit, Poetry, hatchling write these). */
function installPathEntry(venv: Venv, path: string): void {
  writeFileSync(join(venv.sitePackages, '__editable__.mypkg-0.1.pth'), `${path}\n`);
}

/** An editable install as setuptools writes one for a flat layout: a finder module that maps
 * the package to its folder in the workspace, appended to sys.meta_path by a `.pth` line. */
function installEditableFinder(venv: Venv, packageFolder: string): void {
  const finder = '__editable___mypkg_0_1_finder';
  writeFileSync(
    join(venv.sitePackages, `${finder}.py`),
    `import sys
from importlib.util import spec_from_file_location
from pathlib import Path

MAPPING = {'mypkg': ${JSON.stringify(packageFolder)}}
NAMESPACES = {}


class _EditableFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        for name, folder in MAPPING.items():
            if fullname == name or fullname.startswith(name + "."):
                parts = fullname.split(".")[1:]
                candidate = Path(folder, *parts)
                for file in (candidate / "__init__.py", candidate.with_suffix(".py")):
                    if file.exists():
                        return spec_from_file_location(fullname, file)
        return None


def install():
    if _EditableFinder not in sys.meta_path:
        sys.meta_path.append(_EditableFinder)
`,
  );
  writeFileSync(
    join(venv.sitePackages, '__editable__.mypkg-0.1.pth'),
    `import ${finder}; ${finder}.install()\n`,
  );
}

/** Runs the CLI in `cwd` without PYTHONPATH and reads the JSON report. */
async function cli(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  const json = join(cwd, '..', `${cwd.split('/').pop()}-${cleanup.length}.json`);
  cleanup.push(json);
  const cleanEnv = { ...process.env, ...env };
  delete cleanEnv.PYTHONPATH;
  const result = await runCommand(
    declaredNode(),
    [CLI, '--base', 'HEAD~1', '--json', json, ...args],
    {
      cwd,
      env: cleanEnv,
    },
  );
  let report: Report | undefined;
  try {
    report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  } catch {
    report = undefined;
  }
  return { ...result, report };
}

/** Both sides measured their own catalog: head retains the leak's bytes more than base. */
function expectTheLeak(result: Awaited<ReturnType<typeof cli>>, name: string): void {
  const detail = `${result.stdout}\n${result.stderr}`;
  const scenario = result.report?.scenarios.find((s) => s.name === name);
  expect(scenario?.status, detail).toBe('ok');
  expect(scenario!.retained.delta).toBeGreaterThanOrEqual(LEAK_BYTES);
  expect(scenario!.retained.delta).toBeLessThan(LEAK_BYTES * 1.2);
  expect(
    scenario!.sites.some((site) => site.file.endsWith('mypkg/catalog.py') && site.line === 6),
    detail,
  ).toBe(true);
}

describe('each side imports its own code', () => {
  it("the README's layout: the package at the root, the benchmark in benchmarks/, no PYTHONPATH", async () => {
    const repo = project('');
    expectTheLeak(
      await cli(repo.dir, {}, '--script', 'benchmarks/memory.py'),
      'benchmarks/memory.py',
    );
  });

  it('an editable install of the workspace by a setuptools finder', async () => {
    const repo = project('');
    const venv = makeVenv();
    installEditableFinder(venv, join(repo.dir, 'mypkg'));
    const result = await cli(
      repo.dir,
      {},
      '--python',
      venv.python,
      '--script',
      'benchmarks/memory.py',
    );
    expectTheLeak(result, 'benchmarks/memory.py');
  });

  it('an editable install of a src layout by a .pth path entry', async () => {
    const repo = project('src/');
    const venv = makeVenv();
    installPathEntry(venv, join(repo.dir, 'src'));
    const result = await cli(
      repo.dir,
      {},
      '--python',
      venv.python,
      '--script',
      'benchmarks/memory.py',
    );
    expectTheLeak(result, 'benchmarks/memory.py');
  });

  it('command mode, through the editable finder', async () => {
    const repo = project('');
    const venv = makeVenv();
    installEditableFinder(venv, join(repo.dir, 'mypkg'));
    const result = await cli(repo.dir, {}, '--command', `${venv.python} benchmarks/memory.py`);
    expectTheLeak(result, 'benchmarks/memory.py');
  });

  it('pytest mode, a src layout installed by a .pth path entry', async () => {
    const test = `from mypkg.catalog import Catalog

KEPT = []


def test_load():
    catalog = Catalog()
    for number in range(200):
        catalog.load(bytes(1000))
    KEPT.append(catalog)
`;
    const repo = project('src/', { 'tests/test_catalog.py': test });
    const venv = makeVenv();
    installPathEntry(venv, join(repo.dir, 'src'));
    const result = await cli(
      repo.dir,
      {},
      '--command',
      `${venv.python} -m pytest -q -p no:cacheprovider tests`,
    );
    expectTheLeak(result, 'tests/test_catalog.py::test_load');
  });

  it('a module still imported from the workspace fails that side, naming it and its path', async () => {
    // Base's benchmark puts the workspace on sys.path itself; head's imports its own code.
    const reaching = `import os, sys
sys.path.insert(0, os.environ["MYPKG_WORKSPACE"])
${BENCHMARK}`;
    const repo = repoOf(
      {
        'mypkg/__init__.py': '',
        'mypkg/catalog.py': CATALOG_BASE,
        'benchmarks/memory.py': reaching,
      },
      {
        'mypkg/__init__.py': '',
        'mypkg/catalog.py': CATALOG_HEAD,
        'benchmarks/memory.py': BENCHMARK,
      },
    );
    const result = await cli(
      repo.dir,
      { MYPKG_WORKSPACE: repo.dir },
      '--script',
      'benchmarks/memory.py',
      // The benchmark receives only an allow-list of variables, and those named.
      '--env',
      'MYPKG_WORKSPACE',
    );
    const [scenario] = result.report!.scenarios;
    expect(scenario.status, result.stdout).toBe('failed');
    expect(scenario.error).toMatchObject({ side: 'base', type: 'ForeignImport' });
    const workspace = realpathSync(repo.dir);
    expect(scenario.error!.message).toContain(
      `mypkg was imported from ${join(workspace, 'mypkg', '__init__.py')}, in the workspace allocdiff was run in (${workspace})`,
    );
    expect(scenario.error!.traceback).toContain(
      `mypkg.catalog from ${join(workspace, 'mypkg', 'catalog.py')}`,
    );
    expect(scenario.error!.message).toContain(
      `sys.path holds ${repo.dir}, added while the benchmark ran`,
    );
    expect(result.stdout).toContain('the base side failed: ForeignImport: mypkg was imported from');
  });
});

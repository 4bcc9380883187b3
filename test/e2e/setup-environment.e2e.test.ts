// `setup` through the bundled CLI, with real git, real python3 and real pip (offline): each
// side's setup installs into a virtual environment of its own, never into the user's.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { runCommand } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];
const repoOf = repoMaker(cleanup);

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(realpathSync(tmpdir()), prefix));
  cleanup.push(dir);
  return dir;
}

interface UserEnvironment {
  dir: string;
  python: string;
  sitePackages: string;
  /** The variables of a shell where it is active. */
  env: (extra?: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
}

/**
 * The user's Python: a virtual environment (as when one is activated locally), with a module of
 * its own the benchmark imports, and a `pip` that installs into it. Made with `--without-pip`
 * (pip comes from the system's packages) to keep the test quick.
 */
function userEnvironment(): UserEnvironment {
  const dir = join(temporaryDir('allocdiff-user-'), 'env');
  execFileSync('python3', ['-m', 'venv', '--system-site-packages', '--without-pip', dir]);
  const python = join(dir, 'bin', 'python');
  const pip = join(dir, 'bin', 'pip');
  writeFileSync(pip, `#!/bin/sh\nexec '${python}' -m pip "$@"\n`);
  chmodSync(pip, 0o755);
  const sitePackages = execFileSync(python, [
    '-c',
    'import sysconfig; print(sysconfig.get_path("purelib"))',
  ])
    .toString()
    .trim();
  writeFileSync(join(sitePackages, 'userdep.py'), 'NAME = "from the user environment"\n');
  return {
    dir,
    python,
    sitePackages,
    env: (extra = {}) => ({
      ...process.env,
      VIRTUAL_ENV: dir,
      PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
      ...extra,
    }),
  };
}

async function cli(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  const json = join(temporaryDir('allocdiff-report-'), 'report.json');
  const { code, stdout, stderr } = await runCommand(
    declaredNode(),
    [CLI, '--json', json, ...args],
    {
      cwd,
      env,
    },
  );
  const report = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as Report) : undefined;
  return { code, stdout, stderr, report };
}

/**
 * A build backend of just what `pip install -e .` needs (PEP 660), standard library only, so
 * that the install works offline and without `wheel`: the editable wheel holds a `.pth` with
 * the project's folder, as setuptools writes it for a flat layout.
 */
const BACKEND = `import base64, hashlib, os, zipfile

NAME, VERSION = "mypkg", "0.1"
INFO = NAME + "-" + VERSION + ".dist-info"


def _record(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (path, digest, len(data))


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    files = {
        "__editable__." + NAME + "-" + VERSION + ".pth": (os.getcwd() + "\\n").encode(),
        INFO + "/METADATA": ("Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\n" % (NAME, VERSION)).encode(),
        INFO + "/WHEEL": b"Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
    }
    record = [_record(path, data) for path, data in files.items()] + [INFO + "/RECORD,,"]
    files[INFO + "/RECORD"] = ("\\n".join(record) + "\\n").encode()
    name = NAME + "-" + VERSION + "-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w") as wheel:
        for path, data in files.items():
            wheel.writestr(path, data)
    return name
`;

/**
 * Waits until the setups of both sides have started (each leaves a file in $SETUP_BARRIER):
 * the sides run at once. One after the other, the first side's setup would give up.
 */
// Not named by $$: each side runs in a PID namespace of its own, where both may have the same.
const BARRIER = `mktemp "$SETUP_BARRIER/side.XXXXXX" >/dev/null
tries=0
while [ "$(ls "$SETUP_BARRIER" | wc -l)" -lt 2 ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 600 ]; then echo "the other side's setup did not start" >&2; exit 1; fi
  sleep 0.1
done
`;

const project = {
  'pyproject.toml':
    '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["."]\n',
  'backend.py': BACKEND,
  'barrier.sh': BARRIER,
  'benchmarks/memory.py': 'import userdep\nfrom mypkg import load\n\ndata = load()\n',
};
const baseProject = {
  ...project,
  'mypkg/__init__.py': 'def load():\n    return [str(i) for i in range(1000)]\n',
};
// Head keeps 20,000 strings more on every call: the leak its side must find in its own code.
const headProject = {
  ...project,
  'mypkg/__init__.py':
    '_cache = []\n\n\ndef load():\n    _cache.extend(str(i) for i in range(20000))\n' +
    '    return [str(i) for i in range(1000)]\n',
};

const INSTALL = 'pip install --no-build-isolation --no-deps -e .';

/** What the user's interpreter has installed, after the run: none of the project. */
function expectNotInstalled(user: UserEnvironment): void {
  const imported = runCommandSync(
    user.python,
    ['-c', 'import mypkg'],
    temporaryDir('allocdiff-cwd-'),
  );
  expect(imported.status).not.toBe(0);
  expect(imported.stderr).toContain("No module named 'mypkg'");
  const listed = execFileSync(user.python, ['-m', 'pip', 'list', '--format', 'json'], {
    env: user.env(),
  }).toString();
  expect((JSON.parse(listed) as { name: string }[]).map((p) => p.name)).not.toContain('mypkg');
  expect(readdirSync(user.sitePackages).filter((name) => name.includes('mypkg'))).toEqual([]);
}

function runCommandSync(command: string, args: string[], cwd: string) {
  try {
    execFileSync(command, args, { cwd, stdio: 'pipe' });
    return { status: 0, stderr: '' };
  } catch (error) {
    const failed = error as { status: number; stderr: Buffer };
    return { status: failed.status, stderr: failed.stderr.toString() };
  }
}

/** The side environments' folders the log names; they must be gone after the run. */
function environmentsIn(log: string): string[] {
  return [...log.matchAll(/Python environment of this side: (\S+)/g)].map((m) => m[1]!);
}

describe('setup in a Python environment per side', () => {
  it(
    "installs into each side its own environment: the user's is untouched, each side " +
      'measures its own code, and the sides run at once',
    async () => {
      const user = userEnvironment();
      const repo = repoOf(baseProject, headProject);
      const barrier = temporaryDir('allocdiff-barrier-');
      const result = await cli(
        repo.dir,
        user.env({ SETUP_BARRIER: barrier }),
        // Setup receives only an allow-list of variables, and those named.
        '--env',
        'SETUP_BARRIER',
        '--base',
        'HEAD~1',
        '--script',
        'benchmarks/memory.py',
        '--python',
        user.python,
        '--setup',
        `sh barrier.sh && ${INSTALL}`,
        '--repeats',
        '1',
        '--object-types',
        'false',
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('base and head are measured at the same time');
      expect(result.stderr).toContain('Successfully installed mypkg-0.1');
      const [scenario] = result.report!.scenarios;
      expect(scenario).toMatchObject({ name: 'benchmarks/memory.py', status: 'ok' });
      // Base measured base's package (1,000 strings), head head's (21,000 more): had a side
      // imported the other's install, both would show the same.
      expect(scenario!.retained.base).toBeLessThan(200_000);
      expect(scenario!.retained.delta).toBeGreaterThan(1_000_000);
      expect(scenario!.sites[0]).toMatchObject({ file: 'mypkg/__init__.py', line: 5 });

      expectNotInstalled(user);
      const environments = environmentsIn(result.stderr);
      expect(environments).toHaveLength(2);
      expect(environments[0]!.length).toBe(environments[1]!.length);
      for (const dir of environments) expect(existsSync(dir)).toBe(false);
    },
    240_000,
  );

  it(
    "runs setup and the command of command mode with the side environment's python, python3 " +
      "and pip, ahead of the user's own editable install of the workspace",
    async () => {
      const check =
        'python3 -c "import os, sys; assert sys.prefix == os.environ[\'VIRTUAL_ENV\'], sys.prefix"';
      const files = {
        ...project,
        'check.sh':
          `${check}\npython -c "import os, sys; assert sys.prefix == os.environ['VIRTUAL_ENV']"\n` +
          'test "$(command -v pip)" = "$VIRTUAL_ENV/bin/pip"\n',
      };
      const repo = repoOf(
        { ...files, 'mypkg/__init__.py': baseProject['mypkg/__init__.py'] },
        { ...files, 'mypkg/__init__.py': headProject['mypkg/__init__.py'] },
      );
      // The user's environment has the workspace (head) installed in editable mode already: the
      // side's own install must come first, or base would measure head's code.
      const user = userEnvironment();
      execFileSync('pip', ['install', '--no-build-isolation', '--no-deps', '-e', '.'], {
        cwd: repo.dir,
        env: user.env(),
        stdio: 'pipe',
      });
      const userPth = join(user.sitePackages, '__editable__.mypkg-0.1.pth');
      expect(readFileSync(userPth, 'utf8').trim()).toBe(repo.dir);
      const userFiles = readdirSync(user.sitePackages).sort();
      const result = await cli(
        repo.dir,
        user.env(),
        '--base',
        'HEAD~1',
        '--command',
        `sh check.sh && python3 benchmarks/memory.py`,
        '--python',
        user.python,
        '--setup',
        `sh check.sh && ${INSTALL}`,
      );
      expect(result.code, result.stderr).toBe(0);
      const scenario = result.report!.scenarios.find((s) => s.name === 'benchmarks/memory.py');
      expect(scenario?.status).toBe('ok');
      expect(scenario!.retained.base).toBeLessThan(200_000);
      expect(scenario!.retained.delta).toBeGreaterThan(1_000_000);
      // The user's install is as it was.
      expect(readdirSync(user.sitePackages).sort()).toEqual(userFiles);
      expect(readFileSync(userPth, 'utf8').trim()).toBe(repo.dir);
    },
    240_000,
  );

  it('fails the side whose setup fails, with its exit code and output, and still shows the other', async () => {
    const files = { 'bench.py': 'DATA = [str(i) for i in range(1000)]\n' };
    const repo = repoOf(
      { ...files, 'setup.sh': 'exit 0\n' },
      { ...files, 'setup.sh': 'echo "cannot build the extension" >&2\nexit 3\n' },
    );
    const result = await cli(
      repo.dir,
      process.env,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--setup',
      'sh setup.sh',
      '--repeats',
      '1',
    );
    expect(result.code, result.stderr).toBe(3);
    const [scenario] = result.report!.scenarios;
    expect(scenario).toMatchObject({
      status: 'failed',
      error: { side: 'head', type: 'SetupFailed', message: 'setup exited with code 3' },
    });
    expect(scenario!.error?.output).toContain('cannot build the extension');
    expect(scenario!.retained.base).toBeGreaterThan(1000 * 40);
    // The verdict says setup failed, not that the benchmark raised something.
    expect(result.stdout).toContain(
      'FAIL: setup failed on head: setup exited with code 3, so bench.py was not run',
    );
  });

  it('fails both sides, saying why, when no virtual environment can be made, and never runs setup', async () => {
    const dir = temporaryDir('allocdiff-python-');
    // An interpreter whose venv module is missing (as on a system without python3-venv).
    const python = join(dir, 'python');
    writeFileSync(
      python,
      '#!/bin/sh\nif [ "$1" = "-m" ] && [ "$2" = "venv" ]; then\n' +
        '  echo "No module named venv" >&2\n  exit 1\nfi\nexec python3 "$@"\n',
    );
    chmodSync(python, 0o755);
    const marker = join(dir, 'setup-ran');
    const files = { 'bench.py': 'DATA = [str(i) for i in range(1000)]\n' };
    const repo = repoOf(files, { ...files, 'bench.py': 'DATA = [str(i) for i in range(2000)]\n' });
    const result = await cli(
      repo.dir,
      process.env,
      '--base',
      'HEAD~1',
      '--script',
      'bench.py',
      '--python',
      python,
      '--setup',
      `touch '${marker}'`,
      '--repeats',
      '1',
    );
    expect(result.code, result.stderr).toBe(3);
    const [scenario] = result.report!.scenarios;
    expect(scenario).toMatchObject({ status: 'failed', error: { type: 'EnvironmentFailed' } });
    expect(scenario!.error?.message).toContain(`${python} -m venv exited with code 1`);
    expect(scenario!.error?.output).toContain('No module named venv');
    expect(result.stdout).toContain('could not make a virtual environment for this side');
    expect(existsSync(marker)).toBe(false);
  });
});

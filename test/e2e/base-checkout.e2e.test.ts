// Head's code runs as the same user beside base's checkout: a head that rewrites base's files
// would have base measured as other code (a growth reported as a fall). In the sandbox, each
// side's checkout, Python environment and temporary folder are read-only to the other side's
// processes; without one (`isolation: none`), the run checks base's checkout against the base
// commit by content and fails, naming the files, when it changed.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { runCommand, testTemp } from '../support/run-cli.js';
import type { Report } from '../../src/report/report.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];
const repoOf = repoMaker(cleanup);

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const BASE = { 'bench.py': 'data = bytearray(1_000)\n', 'app/data.txt': 'kept\n' };
// Head keeps 45 KB more, and makes base's benchmark keep 80 MB for base's next run.
const HEAD = {
  'bench.py': [
    'import glob, os',
    'data = bytearray(46_000)',
    'here = os.path.dirname(os.path.abspath(__file__))',
    '[base] = glob.glob(os.path.join(os.path.dirname(here), "base-*"))',
    'with open(os.path.join(base, "bench.py"), "w") as handle:',
    '    handle.write("data = bytearray(80_000_000)\\n")',
    'if os.path.exists(os.path.join(base, "app", "data.txt")):',
    '    os.remove(os.path.join(base, "app", "data.txt"))',
  ].join('\n'),
  'app/data.txt': 'kept\n',
};

/** Without a sandbox, as where neither user namespaces nor sudo are available. */
const UNISOLATED = { ...process.env, ALLOCDIFF_ISOLATION: 'none' };

describe('a head that rewrites the base checkout, without a sandbox', () => {
  it('fails the run, naming what changed, instead of reporting base as other code', async () => {
    const repo = repoOf(BASE, HEAD);
    const result = await runCommand(
      declaredNode(),
      [CLI, '--base', 'HEAD~1', '--script', 'bench.py', '--budget', 'retained: +10KB'],
      { cwd: repo.dir, env: { ...UNISOLATED, TMPDIR: testTemp() } },
    );
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain(
      `allocdiff: the base checkout was modified during the run: 2 file(s) of the base commit ` +
        `${repo.shas[0].slice(0, 7)} changed or removed ("app/data.txt", "bench.py")`,
    );
    expect(result.stdout).not.toContain('PASS');
    expect(result.stderr).not.toContain('JSON report:');
  });

  it('leaves a run alone whose sides write only files the commit does not have', async () => {
    const writes = (size: number) => ({
      'bench.py': [
        'import os',
        `data = bytearray(${size})`,
        'os.makedirs("build", exist_ok=True)',
        'open(os.path.join("build", "out.txt"), "w").write("x")',
      ].join('\n'),
    });
    const repo = repoOf(writes(1_000), writes(2_000));
    const result = await runCommand(
      declaredNode(),
      [CLI, '--base', 'HEAD~1', '--script', 'bench.py', '--budget', 'retained: +10KB'],
      { cwd: repo.dir },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('PASS');
  });
});

// Head writes into base's checkout (its benchmark and a module), base's Python environment (a
// `.pth` that would rewrite base's benchmark from base's own process) and base's temporary
// folder, and says what each write did.
const PLANTING_HEAD = {
  'bench.py': String.raw`import glob, os, sys
data = bytearray(46_000)
here = os.path.dirname(os.path.abspath(__file__))
[base] = glob.glob(os.path.join(os.path.dirname(here), "base-*"))
venv = os.path.join(os.path.dirname(sys.prefix), "base")
site = os.path.join(venv, "lib", "python%d.%d" % sys.version_info[:2], "site-packages")
tmp = os.path.join(os.path.dirname(os.environ["TMPDIR"]), "base")
rewrite = "data = bytearray(80_000_000)\n"
attempts = [
    ("bench", os.path.join(base, "bench.py"), rewrite),
    ("module", os.path.join(base, "sitecustomize.py"), "import builtins\nbuiltins.planted = 1\n"),
    ("pth", os.path.join(site, "zz-planted.pth"),
     "import os; open(%r, 'w').write(%r)\n" % (os.path.join(base, "bench.py"), rewrite)),
    ("tmp", os.path.join(tmp, "planted.txt"), "planted"),
]
for name, path, text in attempts:
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as handle:
            handle.write(text)
        print("attempt %s: written" % name)
    except OSError as error:
        print("attempt %s: refused (%s)" % (name, error.strerror))
`,
};

describe.skipIf(process.platform !== 'linux')(
  'a head that rewrites the base side, in the sandbox',
  () => {
    it("cannot write base's checkout, environment nor temporary folder: base's figures are base's", async () => {
      const repo = repoOf(BASE, PLANTING_HEAD);
      const json = join(testTemp(), 'planted-report.json');
      const result = await runCommand(
        declaredNode(),
        [
          CLI,
          '--base',
          'HEAD~1',
          '--script',
          'bench.py',
          // Each side in an environment of its own; base runs again after head (repeats).
          '--setup',
          'true',
          '--parallel',
          'false',
          '--repeats',
          '2',
          '--budget',
          'retained: +10KB',
          '--json',
          json,
        ],
        { cwd: repo.dir },
      );
      const output = result.stdout + result.stderr;
      expect(output).toContain('pull-request code runs in');
      for (const name of ['bench', 'module', 'pth', 'tmp']) {
        expect(output).toContain(`attempt ${name}: refused (Read-only file system)`);
        expect(output).not.toContain(`attempt ${name}: written`);
      }
      // Head keeps 45 KB more than base: over the budget, and base measured as base.
      expect(result.code, result.stderr).toBe(1);
      const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
      const retained = report.scenarios[0].retained;
      expect(retained.base).toBeLessThan(100_000);
      expect(retained.delta).toBeGreaterThan(40_000);
      expect(retained.delta).toBeLessThan(100_000);
    });
  },
);

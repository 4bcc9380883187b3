import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backendFor, traceSites, type SideOptions } from '../../src/capture/backend.js';
import { sideSnapshots, type SideOutcome } from '../../src/capture/outcome.js';
import { SideRunner } from '../../src/capture/side-runner.js';
import type { Logger } from '../../src/log.js';
import { scenario, snapshot } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'allocdiff-backends-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A logger that keeps what it is given. */
function recorder(): Logger & { infos: string[]; warnings: string[]; printed: () => string } {
  const infos: string[] = [];
  const warnings: string[] = [];
  let printed = '';
  return {
    infos,
    warnings,
    printed: () => printed,
    group: (_title, body) => body(),
    info: (message) => infos.push(message),
    warning: (message) => warnings.push(message),
    output: (chunk) => {
      printed += chunk;
    },
  };
}

/** A checkout of its own for each test. */
function checkout(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(dir, 'side-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const fn = (name: string) => scenario(name, [], { kind: 'function' });
const context = { benchmark: 'bench.py', frames: 1 };
const measured = (...names: string[]): SideOutcome => ({
  kind: 'measured',
  snapshot: snapshot(names.map(fn)),
});
const failed: SideOutcome = {
  kind: 'failed',
  error: { type: 'SetupFailed', message: 'setup exited with code 3' },
};

describe('a side outcome, as the snapshots compare reads', () => {
  it('gives a side that failed as a whole one failed scenario per function the other measured', () => {
    const { base, head } = sideSnapshots(
      { base: failed, head: measured('bench_a', 'bench_b') },
      context,
    );
    expect(base.scenarios.map((s) => [s.name, s.kind, s.status, s.error?.message])).toEqual([
      ['bench_a', 'function', 'failed', 'setup exited with code 3'],
      ['bench_b', 'function', 'failed', 'setup exited with code 3'],
    ]);
    expect(head.scenarios.map((s) => s.name)).toEqual(['bench_a', 'bench_b']);
  });

  it('names a failure after the benchmark when the other side has nothing to spread it over', () => {
    const { base, head } = sideSnapshots({ base: { kind: 'absent' }, head: failed }, context);
    expect(base.scenarios).toEqual([]);
    expect(head.scenarios).toMatchObject([
      { name: 'bench.py', kind: 'script', status: 'failed', error: failed.error },
    ]);
  });

  it('leaves a measured side whose one scenario failed as it is: the tag decides, not the shape', () => {
    const raised = snapshot([
      scenario('bench.py', [], { status: 'failed', error: { type: 'ValueError', message: 'x' } }),
    ]);
    const { base } = sideSnapshots(
      { base: { kind: 'measured', snapshot: raised }, head: measured('bench_a', 'bench_b') },
      context,
    );
    expect(base).toBe(raised);
  });
});

describe('backendFor: the backend of the benchmark', () => {
  const fromRoot = (path: string) => `project/${path}`;
  const script = backendFor({ kind: 'script', script: 'bench.py' }, fromRoot);
  const command = backendFor(
    { kind: 'command', command: 'pytest tests', workingDirectory: '.' },
    fromRoot,
  );

  it('measures a script and a command in depth, each named by its benchmark', () => {
    expect([script.name, script.inDepth]).toEqual(['project/bench.py', true]);
    expect([command.name, command.inDepth]).toEqual(['pytest tests', true]);
  });

  it('refuses only when neither side measured anything', () => {
    const absent: SideOutcome = { kind: 'absent' };
    expect(script.nothingMeasured(absent, absent)).toBe(
      'script "project/bench.py" exists in neither the base nor the head commit ' +
        '(the path is relative to the repository root)',
    );
    expect(script.nothingMeasured(absent, failed)).toBeUndefined();
    expect(script.nothingMeasured(measured('bench_a'), absent)).toBeUndefined();

    const empty: SideOutcome = {
      kind: 'measured',
      snapshot: {
        ...snapshot([]),
        unmeasured: [{ what: 'processes', why: 'none started Python' }],
      },
    };
    expect(command.nothingMeasured(absent, empty)).toBe(
      'command "pytest tests" measured nothing on either side: it started no Python process ' +
        'that allocdiff could measure (Python 3.9+, started with the environment it was given, ' +
        'not with -S, -I or -E); processes: none started Python',
    );
    expect(command.nothingMeasured(failed, empty)).toBeUndefined();
    expect(command.nothingMeasured(empty, measured('tests/test_a.py::test_a'))).toBeUndefined();
  });

  it('traces a command with the command, each process keeping the call paths of the sites', async () => {
    const side = checkout({
      'app/store.py': 'KEPT = []\n\n\ndef remember(n):\n    KEPT.append("x" * n)\n',
      'bench.py':
        'from app.store import remember\n\n\ndef load():\n    remember(100_000)\n\n\nload()\n',
    });
    const log = recorder();
    const backend = backendFor(
      { kind: 'command', command: 'python3 bench.py', workingDirectory: '.' },
      (path) => path,
    );
    const options: SideOptions = { python: 'python3', frames: 5, env: process.env, log };
    const traced = await traceSites(backend, side, options, ['app/store.py:5']);
    expect(log.warnings, log.printed()).toEqual([]);
    // The command runs, with the frames asked for (not the script harness).
    expect(log.infos.slice(0, 2)).toEqual([
      'tracebacks of 1 changed site (frames: 5)',
      'python3 bench.py with every Python process under tracemalloc (frames: 5)',
    ]);
    const [run] = traced!.scenarios;
    expect(run).toMatchObject({ name: 'bench.py', kind: 'process', status: 'ok' });
    const site = run.sites.find((s) => s.file === 'app/store.py' && s.line === 5)!;
    expect(site.tracebacks![0].frames.map((f) => `${f.file}:${f.line} ${f.function}`)).toEqual([
      'bench.py:8 <module>',
      'bench.py:5 load',
      'app/store.py:5 remember',
    ]);
  });
});

describe("a side's exchange folders", () => {
  it("are made in the side's own temporary folder, which the other side cannot write", async () => {
    const side = checkout({
      // Lists what is in its TMPDIR while the harness runs it: the harness's snapshot folder.
      'bench.py': 'import os\n\nprint("in TMPDIR:", sorted(os.listdir(os.environ["TMPDIR"])))\n',
    });
    const sideTmp = mkdtempSync(join(dir, 'tmp-'));
    const log = recorder();
    const backend = backendFor({ kind: 'script', script: 'bench.py' }, (path) => path);
    const options: SideOptions = {
      python: 'python3',
      frames: 1,
      env: { ...process.env, TMPDIR: sideTmp },
      log,
    };
    const outcome = await backend.measure(side, options);
    expect(outcome.kind, log.printed()).toBe('measured');
    expect(log.printed()).toMatch(/in TMPDIR: \['allocdiff-snapshot-\w+'\]/);
  });
});

describe('SideRunner: the one place a side starts processes', () => {
  const options = (extra: Partial<SideOptions> = {}) => {
    const log = recorder();
    return { log, options: { python: 'python3', env: { ...process.env }, log, ...extra } };
  };

  it('runs setup in the checkout first, once the side has run it in its environment', async () => {
    const side = checkout();
    const { log, options: run } = options({ setup: 'echo ran >> setup.txt' });
    const runner = await SideRunner.start(side, run);
    expect(runner).toBeInstanceOf(SideRunner);
    expect(readFileSync(join(side, 'setup.txt'), 'utf8')).toBe('ran\n');
    expect(log.infos).toEqual(['setup: echo ran >> setup.txt']);
    // The traceback pass: setup already ran in this checkout.
    await SideRunner.start(side, run, { setup: false });
    expect(readFileSync(join(side, 'setup.txt'), 'utf8')).toBe('ran\n');
  });

  it('says why setup failed, and names a timeout as the user wrote it', async () => {
    const failedSetup = await SideRunner.start(checkout(), options({ setup: 'exit 3' }).options);
    expect(failedSetup).toMatchObject({
      failure: { type: 'SetupFailed', message: 'setup exited with code 3' },
    });
    const slow = await SideRunner.start(
      checkout(),
      options({ setup: 'sleep 30', timeoutMinutes: 0.002 }).options,
    );
    expect(slow).toMatchObject({
      failure: { type: 'TimedOut', message: 'setup timed out after 0.002 min and was killed' },
    });
  });

  it('gives what it measures one hash seed unless the user chose one, no .pyc, the harness first on PYTHONPATH', async () => {
    const side = checkout();
    const printed = async (env: NodeJS.ProcessEnv) => {
      const { log, options: run } = options({ env });
      const runner = await SideRunner.start(side, run);
      if (!(runner instanceof SideRunner)) throw new Error('the runner did not start');
      const { result } = await runner.injected(
        'echo "$PYTHONHASHSEED $PYTHONDONTWRITEBYTECODE $EXTRA ${PYTHONPATH%%:*}"',
        side,
        { EXTRA: 'given' },
      );
      expect(result.exitCode).toBe(0);
      return log.printed().trim().split(' ');
    };
    const [seed, bytecode, extra, first] = await printed({
      PATH: process.env.PATH,
      PYTHONPATH: '/x',
    });
    expect([seed, bytecode, extra]).toEqual(['0', '1', 'given']);
    expect(first).toMatch(/allocdiff_harness\/inject$/);
    expect((await printed({ PATH: process.env.PATH, PYTHONHASHSEED: '7' }))[0]).toBe('7');
  });
});

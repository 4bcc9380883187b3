// pytest mode starts pytest once per side: the first run, the deep pass and the traceback pass
// run in children forked from that one collected session, which waits for them; a side whose
// session dies leaves no other side waiting.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { pytestAvailable, runCommand, testTemp } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

/**
 * A suite whose conftest.py appends `<side> <pid>` to the file named by `STARTS_FILE` each time
 * a pytest process imports it (once per start), one test that keeps `kept` bytes and a few that
 * do not change; `extra` is added to the test file.
 */
function suite(side: string, kept: number, extra = '', conftest = ''): Record<string, string> {
  return {
    'tests/conftest.py':
      conftest +
      'import os\n\nimport pytest\n\n' +
      'with open(os.environ["STARTS_FILE"], "a") as starts:\n' +
      `    starts.write("${side} %d\\n" % os.getpid())\n\n\n` +
      // The shape of the environment test_regress runs in (each variable's name and length),
      // once per process: per pass, as each pass is a process of its own.
      '@pytest.fixture(autouse=True)\n' +
      'def environment_shape(request):\n' +
      '    if request.node.name == "test_regress":\n' +
      '        shape = sorted("%s %d" % (k, len(v)) for k, v in os.environ.items()\n' +
      '                       if k != "PYTEST_CURRENT_TEST")\n' +
      '        path = os.path.join(os.environ["SHAPES_DIR"], "%s-%d" % ("' +
      side +
      '", os.getpid()))\n' +
      '        with open(path, "w") as file:\n' +
      '            file.write("\\n".join(shape))\n',
    'tests/test_work.py':
      'import pytest\n\nHELD = []\n\n\n' +
      `def test_regress():\n    HELD[:] = [bytearray(${kept})]\n\n\n` +
      '@pytest.mark.parametrize("n", range(5))\n' +
      'def test_same(n):\n    assert len([str(i) for i in range(n * 100)]) == n * 100\n' +
      extra,
  };
}

/**
 * conftest.py hooks that append `<side> <pid> <hook>` to the file named by `HOOKS_FILE` when
 * pytest finishes a session (its `pytest_sessionfinish` and `pytest_terminal_summary` hooks).
 */
function finishHooks(side: string): string {
  return (
    'import os as _os\n\n\n' +
    'def _note(hook):\n' +
    '    with open(_os.environ["HOOKS_FILE"], "a") as hooks:\n' +
    `        hooks.write("${side} %d %s\\n" % (_os.getpid(), hook))\n\n\n` +
    'def pytest_sessionfinish(session):\n    _note("sessionfinish")\n\n\n' +
    'def pytest_terminal_summary(terminalreporter):\n    _note("terminal_summary")\n\n\n'
  );
}

async function run(
  repo: { dir: string; shas: string[] },
  extra: string[] = [],
  env: Record<string, string> = {},
) {
  const out = join(repo.dir, '..', `${repo.shas[1]}-session`);
  const starts = join(testTemp(), `${repo.dir.split('/').pop()}-starts.txt`);
  const shapes = join(testTemp(), `${repo.dir.split('/').pop()}-shapes`);
  mkdirSync(shapes);
  cleanup.push(`${out}.json`, `${out}.md`, `${out}.summary.md`, `${out}.html`, starts, shapes);
  const began = Date.now();
  const result = await runCommand(
    declaredNode(),
    [
      CLI,
      '--base',
      'HEAD~1',
      '--command',
      'python3 -m pytest -q -p no:cacheprovider tests',
      '--env',
      'STARTS_FILE',
      '--env',
      'SHAPES_DIR',
      ...Object.keys(env).flatMap((name) => ['--env', name]),
      '--json',
      `${out}.json`,
      // Every test traced (no reads pass, so one start per side) unless the test selects.
      ...(extra.includes('--select-tests') ? [] : ['--no-select-tests']),
      ...extra,
    ],
    { cwd: repo.dir, env: { ...process.env, STARTS_FILE: starts, SHAPES_DIR: shapes, ...env } },
  );
  const lines = readFileSync(starts, 'utf8').trim().split('\n');
  return {
    ...result,
    log: result.stdout + result.stderr,
    seconds: (Date.now() - began) / 1000,
    starts: (side: string) => lines.filter((line) => line.startsWith(`${side} `)).length,
    shapes: (side: string) =>
      readdirSync(shapes)
        .filter((file) => file.startsWith(`${side}-`))
        .map((file) => readFileSync(join(shapes, file), 'utf8')),
    report: JSON.parse(readFileSync(`${out}.json`, 'utf8')) as Report,
  };
}

describe.skipIf(!pytestAvailable)('one pytest session per side', () => {
  it('runs the first run, the deep pass and the traceback pass from one pytest start per side', async () => {
    const repo = repoOf(suite('base', 1_000), suite('head', 200_000));
    const ran = await run(repo, ['--frames', '6']);
    expect(ran.code, ran.log).toBe(0);
    // Each side started pytest once: the deep pass and the traceback pass were children
    // forked from the collected session.
    expect(ran.starts('base'), ran.log).toBe(1);
    expect(ran.starts('head'), ran.log).toBe(1);
    expect(ran.log).toContain('in the pytest session of the first run (no new start');
    // Each pass (the first run, the deep pass, the traceback pass) ran test_regress in a child
    // of its own, each from an environment of one shape, as a command's runs are: the pass's
    // variables replace the session's, and its own are blank in each child.
    for (const side of ['base', 'head']) {
      const shapes = ran.shapes(side);
      expect(shapes.length, side).toBeGreaterThanOrEqual(2);
      expect(shapes[0]).toMatch(/^ALLOCDIFF_REPEATS 10$/m);
      expect(shapes[0]).toMatch(/^ALLOCDIFF_SESSION_DIR \d+$/m);
      for (const shape of shapes) expect(shape, side).toBe(shapes[0]);
    }
    // What those passes measured: the regression, its repeats and the call path to its site.
    const regress = ran.report.scenarios.find(
      (s) => s.name === 'tests/test_work.py::test_regress',
    )!;
    expect(regress.repeats).toEqual({ base: 3, head: 3 });
    expect(regress.retained.delta).toBeGreaterThan(190_000);
    expect(regress.sites[0]).toMatchObject({ file: 'tests/test_work.py', line: 7 });
    expect(regress.sites[0].tracebacks![0].frames.at(-1)).toMatchObject({
      file: 'tests/test_work.py',
      line: 7,
    });
  }, 300_000);

  it('adds only the reads pass on base to the starts when tests are chosen by what they read, each side collecting meanwhile', async () => {
    const repo = repoOf(suite('base', 1_000), suite('head', 200_000));
    const ran = await run(repo, ['--select-tests', 'true']);
    expect(ran.code, ran.log).toBe(0);
    expect(ran.starts('base'), ran.log).toBe(2);
    expect(ran.starts('head'), ran.log).toBe(1);
    // Each side's session started and collected while base's reads were recorded.
    expect(ran.log).toContain('in the pytest session started ahead (no new start');
    expect(ran.log).toMatch(/\[head\] .*pytest starts and collects now/);
  }, 300_000);

  it('ends each pass once its results are written: no session finish of pytest runs, a failure’s E lines still reach the report', async () => {
    const broken = '\n\ndef test_broken():\n    expected = 2\n    assert 1 + 0 == expected\n';
    const repo = repoOf(
      suite('base', 1_000, '', finishHooks('base')),
      suite('head', 200_000, broken, finishHooks('head')),
    );
    const hooks = join(testTemp(), `${repo.dir.split('/').pop()}-hooks.txt`);
    cleanup.push(hooks);
    // The hooks do run when pytest finishes a session: plain pytest on head appends its lines.
    const plain = await runCommand('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], {
      cwd: repo.dir,
      env: { ...process.env, HOOKS_FILE: hooks, STARTS_FILE: join(testTemp(), 'unused') },
    });
    expect(plain.code, plain.stdout + plain.stderr).toBe(1);
    const byHand = readFileSync(hooks, 'utf8');
    expect(byHand).toMatch(/^head \d+ sessionfinish$/m);
    expect(byHand).toMatch(/^head \d+ terminal_summary$/m);
    rmSync(hooks);

    // Every pytest process of allocdiff's: the reads pass (tests chosen by what they read), each
    // side's session and the passes forked from it (the first run, the deep pass, the traceback
    // pass).
    const ran = await run(repo, ['--select-tests', 'true', '--frames', '4'], { HOOKS_FILE: hooks });
    expect(ran.log).toContain('in the pytest session started ahead (no new start');
    expect(ran.log).toContain('in the pytest session of the first run (no new start');
    expect(ran.starts('base'), ran.log).toBe(2);
    expect(ran.starts('head'), ran.log).toBe(1);
    // None of them finished its session as pytest does.
    expect(existsSync(hooks) ? readFileSync(hooks, 'utf8') : '', ran.log).toBe('');
    // The regression was measured in depth, with its call path, all the same.
    const regress = ran.report.scenarios.find(
      (s) => s.name === 'tests/test_work.py::test_regress',
    )!;
    expect(regress.repeats).toEqual({ base: 3, head: 3 });
    expect(regress.sites[0].tracebacks![0].frames.at(-1)).toMatchObject({
      file: 'tests/test_work.py',
      line: 7,
    });
    // The failing test's report from pytest, its E lines among it, reached the report.
    const failed = ran.report.scenarios.find((s) => s.name === 'tests/test_work.py::test_broken')!;
    expect(failed.error?.output, ran.log).toMatch(/^E +assert \(1 \+ 0\) == 2$/m);
    expect(failed.error?.output).toMatch(/^tests\/test_work\.py:\d+: AssertionError$/m);
    expect(ran.log).toMatch(/\| E +assert \(1 \+ 0\) == 2/);
  }, 300_000);

  it('leaves no side waiting when the other side’s session dies', async () => {
    // Head's session is killed by one of its tests: base's session, left waiting for a pass
    // that never comes (a side that failed as a whole has no deep pass), must still end, and
    // the run with it.
    const killer =
      '\n\ndef test_kills_its_session():\n    import os, signal\n' +
      '    os.kill(os.getppid(), signal.SIGKILL)\n';
    const repo = repoOf(suite('base', 1_000), suite('head', 200_000, killer));
    const ran = await run(repo);
    expect(ran.seconds, ran.log).toBeLessThan(120);
    expect(ran.log).toContain(
      'the head side failed: CommandFailed: the command was killed by SIGKILL',
    );
    expect(ran.log).toMatch(/\[base\] pytest collected once: it waits/);
    // The killed session's pass may have written its tests' results before the kill reached
    // its command (then they are compared, and head's deep pass, killed again, did not finish)
    // or not (head failed as a whole: no deep pass). Either way the run says so and ends.
    if (ran.log.includes('no measuring in depth: the head benchmark failed as a whole')) {
      // Base's session served its first run only, then ended with the run.
      expect(ran.log).not.toMatch(/\[base\] .* in the pytest session of the first run/);
    } else {
      expect(ran.log).toContain(
        'measuring in depth did not finish (head: the command was killed by SIGKILL)',
      );
    }
    expect(ran.starts('base'), ran.log).toBe(1);
  }, 300_000);
});

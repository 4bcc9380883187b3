/**
 * Retention paths in pytest mode, through the bundled CLI on a real repository, real pytest and
 * real Python: the deep pass of a test whose retained memory grew names what keeps its grown
 * sites' objects alive (a module global of the code under test, a session-scoped fixture, an
 * lru_cache) and the changed line that filled it, with the test's node id as the scenario; a test
 * whose retained memory did not grow does no walk, even when it holds objects of such a site. A
 * command's process whose retained memory grew walks at its exit, from its `__main__` globals.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { escapeCode } from '../../src/report/escape.js';
import { pytestAvailable, runReport } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});
const repoOf = repoMaker(cleanup);

/** The files of one side: `head` keeps what base drops, or keeps more. */
function suite(head: boolean): Record<string, string> {
  return {
    'app/__init__.py': '',
    'app/history.py':
      '_history = []\n\n\ndef record(size):\n' +
      (head ? '    _history.append(bytearray(size))\n' : '    return bytearray(size)\n'),
    'app/compute.py':
      'import functools\n\n\n@functools.lru_cache(maxsize=None)\ndef table(n):\n' +
      (head ? '    return bytearray(1000 + n)\n' : '    return n\n'),
    'app/steady.py': 'KEPT = []\n\n\ndef keep(size):\n    KEPT.append(bytearray(size))\n',
    'tests/conftest.py':
      'import pytest\n\n\n@pytest.fixture(scope="session")\ndef registry():\n    return []\n',
    'tests/test_leaks.py':
      'from app import compute\nfrom app.history import record\nfrom app.steady import keep\n\n\n' +
      'def test_module_list():\n    for _ in range(20):\n        record(8000)\n\n\n' +
      'def test_session_fixture(registry):\n    for _ in range(20):\n' +
      `        registry.append(bytearray(${head ? 3000 : 100}))\n\n\n` +
      'def test_lru_cache():\n    for n in range(20):\n        compute.table(n)\n\n\n' +
      `def test_steady_grows():\n    keep(${head ? 100_000 : 1000})\n\n\n` +
      // Holds objects of test_steady_grows's grown site, as much on both sides; its peak grew.
      'def test_steady():\n    keep(5000)\n' +
      (head ? '    scratch = bytearray(400_000)\n    del scratch\n' : ''),
  };
}

const node = (test: string) => `tests/test_leaks.py::${test}`;

describe('retention paths in pytest mode (CLI, real git, pytest and Python)', () => {
  let report: Report;
  let markdown: string;
  let log: string;
  beforeAll(async () => {
    if (!pytestAvailable) return;
    const repo = repoOf(suite(false), suite(true));
    const result = await runReport(
      repo.dir,
      ['--base', 'HEAD~1', '--command', 'python3 -m pytest -q -p no:cacheprovider tests'],
      { name: `${repo.shas[1]}-pytest-retention` },
    );
    log = result.log;
    expect(result.code, log).toBe(0);
    ({ report, markdown } = result);
  }, 600_000);

  const findings = (test: string) => {
    const found = report.scenarios.find((s) => s.name === node(test))?.retention;
    expect(found, `${test}: ${log}`).toBeDefined();
    return found!;
  };

  it.skipIf(!pytestAvailable)(
    'a leak into a module-level list of the code under test names the global and the changed line',
    () => {
      const [kept] = findings('test_module_list');
      expect(kept).toMatchObject({
        kind: 'module global',
        holder: 'app.history._history',
        holderType: 'list',
        site: { file: 'app/history.py', line: 5 },
        culprit: { file: 'app/history.py', line: 5 },
      });
      expect(kept!.bytes).toBeGreaterThanOrEqual(20 * 8000);
      // The comment: the block, labelled with the test, leads with the holder and the line; the
      // passing verdict blames none.
      const block = markdown
        .split('\n')
        .find((line) =>
          line.startsWith(`**🔗 Kept alive by** (${escapeCode(node('test_module_list'))})`),
        );
      expect(block).toContain('kept alive by <code>app.history._history</code>');
      expect(block).toContain('<code>app/history.py:5</code>');
      expect(report.verdict).toBe('pass');
      expect(markdown).not.toContain('Caused by');
    },
  );

  it.skipIf(!pytestAvailable)(
    'a session-scoped fixture holding a growing list is named, with the line that filled it',
    () => {
      const [kept] = findings('test_session_fixture');
      expect(kept).toMatchObject({
        kind: 'fixture',
        root: 'registry (session)',
        holder: 'registry',
        path: 'registry[…]',
        site: { file: 'tests/test_leaks.py', line: 13 },
        culprit: { file: 'tests/test_leaks.py', line: 13, evidence: 'named' },
      });
      expect(markdown).toContain('the fixture <code>registry</code> (session)');
    },
  );

  it.skipIf(!pytestAvailable)('an lru_cache is named by the cached function', () => {
    const [kept] = findings('test_lru_cache');
    expect(kept).toMatchObject({
      kind: 'module global',
      holder: 'app.compute.table',
      holderType: 'functools.lru_cache',
      site: { file: 'app/compute.py', line: 6 },
    });
    expect(kept!.sampled).toBe(20);
    expect(kept!.path).not.toContain('.?');
    expect(markdown).toContain(
      'the cache of <code>app.compute.table</code> (<code>functools.lru_cache</code>)',
    );
  });

  it.skipIf(!pytestAvailable)(
    'a test whose retained memory did not grow does no walk, though it holds objects of a grown site',
    () => {
      const [grown] = findings('test_steady_grows');
      expect(grown).toMatchObject({ holder: 'app.steady.KEPT', site: { file: 'app/steady.py' } });
      const steady = report.scenarios.find((s) => s.name === node('test_steady'))!;
      // It was measured in depth (its peak changed); it keeps 5,000 bytes at that site on both
      // sides, which a walk would have found in the same list.
      expect(steady.repeats?.head).toBeGreaterThan(1);
      expect(steady.retained.delta).toBe(0);
      expect(steady.retention).toBeUndefined();
      expect(log).toMatch(/in 4 scenarios whose retained memory grew/);
    },
  );
});

describe("retention paths of a command's process (CLI, real git and Python)", () => {
  const script = (head: boolean) =>
    'KEPT = []\n\n\ndef work(size):\n' +
    (head ? '    KEPT.append(bytearray(size))\n' : '    return bytearray(size)\n') +
    '\n\nfor _ in range(10):\n    work(50_000)\n';

  it('names the global of its __main__ that keeps the memory, and the changed line', async () => {
    const repo = repoOf({ 'tools/run.py': script(false) }, { 'tools/run.py': script(true) });
    const { code, log, report, markdown } = await runReport(
      repo.dir,
      ['--base', 'HEAD~1', '--command', 'python3 tools/run.py'],
      { name: `${repo.shas[1]}-process-retention` },
    );
    expect(code, log).toBe(0);
    const scenario = report.scenarios.find((s) => s.name === 'tools/run.py');
    expect(scenario?.retention?.[0], log).toMatchObject({
      kind: 'benchmark global',
      holder: 'KEPT',
      site: { file: 'tools/run.py', line: 5 },
      culprit: { file: 'tools/run.py', line: 5 },
    });
    expect(scenario!.retention![0]!.bytes).toBeGreaterThanOrEqual(10 * 50_000);
    expect(markdown).toMatch(/\*\*🔗 Kept alive by\*\*.*<code>tools\/run\.py:5<\/code>/);
    expect(markdown).not.toContain('Caused by');
  }, 300_000);
});

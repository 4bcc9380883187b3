// pytest mode: a Python process a test starts is a scenario of its own, measured once per run of
// the command. The deep pass calls the test again (repeats, the leak check, objects by type):
// the processes those calls start are not measured, or the scenario would add them all up (a
// figure ten times the process's, shown as noise between one and ten times).
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pytestAvailable, runReport } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

/** A test that keeps `kept` bytes and starts a Python process that keeps `items` list slots. */
function suite(kept: number, items: number): Record<string, string> {
  return {
    'tests/test_spawn.py':
      'import subprocess, sys\n\nHELD = []\n\n\n' +
      `def test_spawns():\n    HELD.append(bytearray(${kept}))\n` +
      '    subprocess.run([sys.executable, "-c", "DATA = [0] * ' +
      `${items}"], check=True)\n`,
  };
}

describe('pytest mode: a process a test starts, in a deep pass', () => {
  it.skipIf(!pytestAvailable)(
    'is measured once per run of the command, its repeats those runs, not the test’s further calls',
    async () => {
      const repo = repoOf(suite(1_000, 100_000), suite(50_000, 100_000));
      const { code, log, report } = await runReport(
        repo.dir,
        ['--base', 'HEAD~1', '--command', 'python3 -m pytest -q -p no:cacheprovider tests'],
        { name: `${repo.shas[1]}-child` },
      );
      expect(code, log).toBe(0);
      const test = report.scenarios.find((s) => s.name === 'tests/test_spawn.py::test_spawns')!;
      // The test differed: measured in depth, its leak check made.
      expect(test.repeats, log).toEqual({ base: 3, head: 3 });
      expect(test.leak?.delta, log).toBeGreaterThan(0);
      const child = report.scenarios.find((s) =>
        s.name.startsWith('tests/test_spawn.py::test_spawns > -c'),
      )!;
      // One process's list of 100,000 slots on each side, the same: no noise, no change.
      for (const side of ['base', 'head'] as const) {
        expect(child.retained[side], log).toBeGreaterThanOrEqual(800_000);
        expect(child.retained[side], log).toBeLessThan(900_000);
      }
      expect(child.retained.delta).toBe(0);
      expect(child.retained.noisy).toBeUndefined();
      expect(child.peak.noisy).toBeUndefined();
    },
    300_000,
  );
});

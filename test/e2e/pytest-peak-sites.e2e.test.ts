/**
 * Sites at the peak in pytest mode, through the bundled CLI with real pytest: those of the call
 * whose peak the table reports. A test's first call, whose peak the table shows, fills a cache
 * through a large temporary that later calls never make again; another test's peak is
 * compile()'s syntax tree, made and freed inside one C call; a third peaks at one moment on base
 * and at another on head.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pytestAvailable, runReport } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

/**
 * A suite whose first lookup builds its table from `rows` temporary strings, whose compile()
 * parses `numbers` numbers, and whose phases make 200,000 strings, then `grouped` pairs.
 */
function suite(rows: number, numbers: number, grouped: number): Record<string, string> {
  return {
    'pkg/__init__.py': '',
    'pkg/table.py':
      'TABLE = {}\n\n\ndef lookup(key, rows):\n    if not TABLE:\n' +
      '        built = [str(i) * 8 for i in range(rows)]\n' +
      '        TABLE.update((i, len(row)) for i, row in enumerate(built[:100]))\n' +
      '    return TABLE.get(key)\n',
    'tests/test_peaks.py':
      'from pkg.table import lookup\n\n\n' +
      `def test_lookup():\n    assert lookup(3, ${rows}) == 8\n\n\n` +
      'def test_compile():\n' +
      `    source = "x = [" + ",".join(str(i) for i in range(${numbers})) + "]\\n"\n` +
      '    assert compile(source, "made", "exec") is not None\n\n\n' +
      'def test_same():\n    assert sum(range(10)) == 45\n',
    // Two lists in turn: the first is the larger on base, the second (grown) on head.
    'tests/test_phases.py':
      'def test_phases():\n' +
      '    parsed = [str(i) * 4 for i in range(200_000)]\n' +
      '    del parsed\n' +
      `    grouped = [(i, str(i)) for i in range(${grouped})]\n` +
      '    del grouped\n',
  };
}

describe('sites at the peak in pytest mode', () => {
  it.skipIf(!pytestAvailable)(
    "are those of the first call the table reports, a compile() peak's at its line; peaks at different moments are said so",
    async () => {
      const repo = repoOf(suite(50_000, 20_000, 80_000), suite(100_000, 40_000, 160_000));
      const { code, log, report, markdown } = await runReport(
        repo.dir,
        ['--base', 'HEAD~1', '--command', 'python3 -m pytest -q -p no:cacheprovider tests'],
        { name: `${repo.shas[1]}-peaks` },
      );
      expect(code, log).toBe(0);
      const scenario = (name: string) => report.scenarios.find((s) => s.name === name)!;

      // The table's peak is the first call's, which builds the table; the sites at the peak
      // are that call's: the temporary's line, grown as much as the peak, at the same peak.
      const lookup = scenario('tests/test_peaks.py::test_lookup');
      expect(lookup.peak.delta).toBeGreaterThan(3_000_000);
      const built = lookup.peakSites!.sites[0];
      expect([built.file, built.line]).toEqual(['pkg/table.py', 6]);
      expect(built.sizeDelta).toBeGreaterThan(0.9 * lookup.peak.delta!);
      for (const side of ['base', 'head'] as const) {
        const hooked = lookup.peakSites![side]!;
        const measured = lookup.peak[side]!;
        expect(Math.abs(hooked.peakBytes - measured)).toBeLessThan(0.02 * measured);
        expect(hooked.bytes).toBeGreaterThan(0.95 * measured);
      }
      expect(lookup.peakSites!.missed).toBeUndefined();

      // compile()'s syntax tree is the peak, inside one C call: counted at its line.
      const compiled = scenario('tests/test_peaks.py::test_compile');
      const tree = compiled.peakSites!.sites[0];
      expect([tree.file, tree.line]).toEqual(['tests/test_peaks.py', 10]);
      expect(tree.sizeDelta).toBeGreaterThan(0.8 * compiled.peak.delta!);
      expect(compiled.peakSites!.head!.bytes).toBeGreaterThan(0.95 * compiled.peak.head!);

      // The comment shows them without a warning that they come from another peak.
      const comment = markdown;
      expect(comment).toContain(
        'Sites at the peak of <code>tests/test_peaks.py::test_lookup</code>',
      );
      expect(comment).not.toContain('come from a hooked run whose peak was');

      // Base peaks while the strings are alive, head while the pairs are: the report says the
      // peaks came at different moments.
      const phases = scenario('tests/test_phases.py::test_phases');
      const sites = phases.peakSites!;
      expect(sites.apart!.sharedBytes).toBeLessThan(0.5 * sites.base!.bytes);
      const strings = sites.sites.find((site) => site.line === 2)!;
      expect(strings.baseSize).toBeGreaterThan(0.9 * phases.peak.base!);
      expect(strings.headSize).toBeLessThan(0.1 * phases.peak.base!);
      expect(comment).toContain('Base and head reached their peaks at different moments');
    },
  );
});

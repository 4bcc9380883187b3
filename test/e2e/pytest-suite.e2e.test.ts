// pytest mode on a suite of a few hundred tests, one of which regresses: the comment and the
// terminal report lead with it and its line, list the changed tests only, and count the others.
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMENT_LIMIT } from '../../src/report/markdown.js';
import { pytestAvailable, runReport } from '../support/run-cli.js';
import { repoMaker } from '../support/trees.js';

const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const repoOf = repoMaker(cleanup);

const FILES = 10;
const CASES = 30;

/**
 * `FILES` × `CASES` parametrized tests of one module, a test of a cache whose entries are
 * `entry` bytes, and a test that runs a Python helper process.
 */
function suite(entry: number): Record<string, string> {
  const files: Record<string, string> = {
    'pkg/__init__.py': '',
    'pkg/work.py': 'def build(n):\n    return [str(i) * 3 for i in range(n)]\n',
    'pkg/cache.py':
      'CACHE = []\n\n\ndef fill(n):\n' +
      `    CACHE.extend(bytearray(${entry}) for _ in range(n))\n`,
    'tests/test_cache.py': 'from pkg.cache import fill\n\n\ndef test_fill():\n    fill(200)\n',
    'tests/test_helper.py':
      'import subprocess\nimport sys\n\n\ndef test_helper():\n' +
      '    subprocess.run([sys.executable, "-c", "DATA = [0] * 1000"], check=True)\n',
  };
  for (let file = 0; file < FILES; file++) {
    files[`tests/test_work${file}.py`] =
      'import pytest\n\nfrom pkg.work import build\n\n\n' +
      `@pytest.mark.parametrize("n", range(${CASES}))\n` +
      'def test_build(n):\n    assert len(build(n * 10)) == n * 10\n';
  }
  return files;
}

describe('pytest mode on a suite of a few hundred tests', () => {
  it.skipIf(!pytestAvailable)(
    'leads with the one test that regressed and its line, and counts the unchanged ones',
    async () => {
      const repo = repoOf(suite(64), suite(4_096));
      const { code, stdout, stderr, report, markdown, paths } = await runReport(
        repo.dir,
        [
          '--base',
          'HEAD~1',
          '--command',
          'python3 -m pytest -q -p no:cacheprovider tests',
          // Every test traced: the unchanged ones are counted.
          '--no-select-tests',
        ],
        { name: `${repo.shas[1]}-suite` },
      );
      expect(code, stderr).toBe(0);
      const tests = report.scenarios.filter((s) => s.kind === 'test');
      expect(tests).toHaveLength(FILES * CASES + 2);
      // The helper process is named after the test that started it, and is not a test.
      const helper = report.scenarios.find((s) => s.kind === 'process');
      expect(helper?.name).toBe('tests/test_helper.py::test_helper > -c DATA = [0] * 1000');

      const comment = markdown;
      expect(comment.length).toBeLessThan(COMMENT_LIMIT);
      const lines = comment.split('\n');
      // The verdict line names the test and the line that grew.
      expect(lines[3]).toContain('<code>tests/test_cache.py::test_fill</code>');
      expect(lines[3]).toContain('pkg/cache.py:5');
      const rows = lines.filter((line) => line.startsWith('| <code>tests/'));
      const listed = rows.length;
      // The regression first; only a few tests listed, none of the unchanged ones.
      expect(rows[0]).toContain('test_cache.py::test_fill');
      expect(listed).toBeLessThan(10);
      // The helper process is listed only if its figures moved (a whole process's peak can).
      const helperListed = rows.some((row) => row.includes('DATA'));
      const unchanged = `${FILES * CASES + 2 - listed + Number(helperListed)} tests${helperListed ? '' : ' and 1 process'}`;
      expect(comment).toMatch(
        new RegExp(`<sub>${unchanged} unchanged[^,]*, ${listed} changed\\.</sub>`),
      );
      for (const row of rows) expect(row).not.toMatch(/\| 0\sB \| 0\s% \| 0\sB \|/);
      // Its top site follows the table, marked as the line this change edited; what keeps its
      // memory alive is named: the module's list, filled at that line.
      const siteRows = lines.filter(
        (line) => line.startsWith('| ') && line.includes('pkg/cache.py:5</code>'),
      );
      const site = siteRows.find((line) => line.includes('✏️ changed here'));
      expect(site).toBeDefined();
      expect(lines.indexOf(site!)).toBeGreaterThan(lines.indexOf(rows.at(-1)!));
      expect(siteRows.some((line) => line.includes('<code>pkg.cache.CACHE</code>'))).toBe(true);

      // The job summary lists the same changed tests; the terminal too, none of the others.
      const summary = readFileSync(paths.markdown.replace(/\.md$/, '.summary.md'), 'utf8');
      expect(summary.split('\n').filter((l) => l.startsWith('| <code>tests/'))).toHaveLength(
        listed,
      );
      expect(stdout).toContain(`${unchanged} unchanged`);
      expect(stdout).toMatch(/^tests\/test_cache\.py::test_fill\s/m);
      expect(stdout).not.toContain('test_build[');
    },
    300_000,
  );
});

// Head's code runs as the same user beside base's checkout: a head that rewrites base's files
// would have base measured as other code (a growth reported as a fall). The run checks base's
// checkout against the base commit by content and fails, naming the files, when it changed.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { runCommand } from '../support/run-cli.js';
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
    'import os',
    'data = bytearray(46_000)',
    'base = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "base")',
    'with open(os.path.join(base, "bench.py"), "w") as handle:',
    '    handle.write("data = bytearray(80_000_000)\\n")',
    'if os.path.exists(os.path.join(base, "app", "data.txt")):',
    '    os.remove(os.path.join(base, "app", "data.txt"))',
  ].join('\n'),
  'app/data.txt': 'kept\n',
};

describe('a head that rewrites the base checkout', () => {
  it('fails the run, naming what changed, instead of reporting base as other code', async () => {
    const repo = repoOf(BASE, HEAD);
    const result = await runCommand(
      declaredNode(),
      [CLI, '--base', 'HEAD~1', '--script', 'bench.py', '--budget', 'retained: +10KB'],
      { cwd: repo.dir },
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

// The CLI on a real terminal (a pseudo-terminal from util-linux `script`) and through a pipe.
/* eslint-disable no-control-regex -- terminal colour codes are what these tests look for */
import { runCommand } from '../support/run-cli.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepoFromTrees } from '../../scripts/example-repo.mjs';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { writeTree } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const SGR = /\u001b\[[\d;]*m/;
const ESC = '\u001b';

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The test's environment less FORCE_COLOR, which a test runner may set for its own output. */
function withoutForceColor(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  return env;
}

describe('allocdiff CLI: terminal output', () => {
  let repo: ReturnType<typeof createRepoFromTrees>;
  const trees: string[] = [];
  const args = ['--base', 'HEAD~1', '--script', 'bench.py', '--budget', 'retained: +10MB'];

  beforeAll(() => {
    trees.push(
      writeTree({ 'bench.py': 'data = [str(i) for i in range(1000)]\n' }),
      writeTree({
        'bench.py': 'data = [str(i) for i in range(1000)]\nmore = [str(i) for i in range(5000)]\n',
      }),
    );
    repo = createRepoFromTrees(trees);
  });

  afterAll(() => {
    for (const dir of [repo?.dir, ...trees]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the CLI with stdout and stderr on a pseudo-terminal; returns what the terminal got. */
  async function onTerminal(env: Record<string, string> = {}): Promise<string> {
    const command = [declaredNode(), CLI, ...args].map(shellQuote).join(' ');
    const result = await runCommand(
      'script',
      ['--quiet', '--return', '--command', command, '/dev/null'],
      { cwd: repo.dir, env: { ...withoutForceColor(), NO_COLOR: '', ...env } },
    );
    expect(result.code, result.stdout).toBe(0);
    return result.stdout;
  }

  it('colours the report and shows progress on a terminal', async () => {
    const output = await onTerminal();
    expect(output).toMatch(SGR);
    // Growth in red, the verdict in bold green.
    expect(output).toMatch(/\u001b\[31m\s*\+\d/);
    expect(output).toContain(`${ESC}[1;32mPASS${ESC}[0m`);
    // Each side's live line ends as a finished step, with its time.
    expect(output).toMatch(/✓ Measuring base [0-9a-f]{7}[^\n]* \(\d+\.\d s\)/);
    expect(output).toMatch(/✓ Measuring [^\n]*head [0-9a-f]{7}[^\n]* \(\d+\.\d s\)/);
  });

  it('leaves colour out with NO_COLOR, on a terminal too', async () => {
    const output = await onTerminal({ NO_COLOR: '1' });
    expect(output).not.toMatch(SGR);
    // A pass blames no line: the changed line that keeps the grown list alive is named above it.
    expect(output).toMatch(/\nPASS: within budget/);
    expect(output).toMatch(/bench\.py:2/);
  });

  it('prints plain text, without progress lines, into a pipe', async () => {
    const result = await runCommand(declaredNode(), [CLI, ...args], {
      cwd: repo.dir,
      env: { ...withoutForceColor(), NO_COLOR: '' },
    });
    expect(result.code, result.stderr).toBe(0);
    for (const text of [result.stdout, result.stderr]) {
      expect(text).not.toContain(ESC);
      expect(text).not.toContain('\r');
    }
    expect(result.stderr).toContain('── Measuring base');
    expect(result.stdout).toMatch(/\nPASS: within budget/);
    expect(result.stdout).not.toMatch(/PASS: caused by/);
  });

  it('colours the report in a pipe too with FORCE_COLOR, which wins over NO_COLOR', async () => {
    for (const env of [{ FORCE_COLOR: '1' }, { FORCE_COLOR: '1', NO_COLOR: '1' }]) {
      const result = await runCommand(declaredNode(), [CLI, ...args], {
        cwd: repo.dir,
        env: { ...withoutForceColor(), ...env },
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`${ESC}[1;32mPASS${ESC}[0m`);
    }
    const off = await runCommand(declaredNode(), [CLI, ...args], {
      cwd: repo.dir,
      env: { ...withoutForceColor(), FORCE_COLOR: '0' },
    });
    expect(off.stdout).not.toMatch(SGR);
  });
});

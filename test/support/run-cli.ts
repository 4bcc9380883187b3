import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from './action-runner.js';

let temp: string | undefined;
afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
  temp = undefined;
});

/** The test file's temporary folder, made on first use. */
export function testTemp(): string {
  temp ??= mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-test-tmp-'));
  return temp;
}

/** Whether `python3` here can import pytest: the pytest-mode tests are skipped where not. */
export const pytestAvailable =
  spawnSync('python3', ['-c', 'import pytest'], { stdio: 'ignore' }).status === 0;

export interface CommandResult {
  /** Exit code; null when killed by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end without blocking the test worker: a CLI run takes seconds (more on
 * a busy machine), and a worker blocked in spawnSync cannot answer the test runner.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CommandResult> {
  // A temporary folder of the test file's own, with the test's environment or without one:
  // what a run leaves there (the CLI's report folders) goes when the file's tests are done. A
  // test that sets a TMPDIR of its own keeps it.
  const given = options.env?.TMPDIR;
  const env = {
    ...(options.env ?? process.env),
    TMPDIR: given !== undefined && given !== process.env.TMPDIR ? given : testTemp(),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ReportRun extends CommandResult {
  /** stdout and stderr, joined: what the terminal shows. */
  log: string;
  report: Report;
  /** The Markdown comment. */
  markdown: string;
  /** Where the reports were written. */
  paths: { json: string; markdown: string };
}

/**
 * Runs the bundled CLI (dist/cli.js) in `dir` under the Node that action.yml declares, with
 * `args` and a JSON and a Markdown report named `name` in the test file's temporary folder
 * (removed, with what the CLI writes next to them, when the file's tests are done).
 */
export async function runReport(
  dir: string,
  args: readonly string[],
  options: { name: string; env?: NodeJS.ProcessEnv },
): Promise<ReportRun> {
  const out = join(testTemp(), options.name);
  const paths = { json: `${out}.json`, markdown: `${out}.md` };
  const result = await runCommand(
    declaredNode(),
    [
      join(PROJECT_ROOT, 'dist', 'cli.js'),
      ...args,
      ...['--json', paths.json, '--markdown', paths.markdown],
    ],
    { cwd: dir, env: options.env },
  );
  const log = result.stdout + result.stderr;
  if (!existsSync(paths.json)) {
    throw new Error(`the CLI wrote no JSON report (exit code ${result.code}):\n${log}`);
  }
  return {
    ...result,
    log,
    report: JSON.parse(readFileSync(paths.json, 'utf8')) as Report,
    markdown: readFileSync(paths.markdown, 'utf8'),
    paths,
  };
}

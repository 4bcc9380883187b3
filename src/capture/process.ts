import { spawn } from 'node:child_process';

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The last part of stdout and stderr together, as it was printed. */
  outputTail: string;
  /** Set when the process could not be started at all (no such program). */
  spawnError?: Error;
}

const TAIL_BYTES = 64 * 1024;

/**
 * Runs a program, streaming its output to `onOutput` and keeping only the tail in memory, so a
 * benchmark that prints megabytes costs nothing here.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onOutput: (chunk: string) => void },
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    let tail = '';
    let spawnError: Error | undefined;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (data: Buffer): void => {
      const text = data.toString('utf8');
      options.onOutput(text);
      tail = (tail + text).slice(-TAIL_BYTES);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (exitCode, signal) => {
      resolve({ exitCode, signal, outputTail: tail, ...(spawnError ? { spawnError } : {}) });
    });
  });
}

/** The last `count` non-empty lines of some output. */
export function lastLines(text: string, count = 20): string {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  return lines.slice(-count).join('\n');
}

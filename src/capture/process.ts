import { spawn, spawnSync } from 'node:child_process';
import { RunFailure } from '../errors.js';
import {
  isolation,
  sandboxed,
  signalOfStatus,
  type Isolation,
  type Protected,
} from './isolation.js';

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The last part of stdout and stderr together, as it was printed. */
  outputTail: string;
  /** Set when the process could not be started at all (no such program). */
  spawnError?: Error;
  /** Set when the deadline passed and the process group was killed. */
  timedOut?: true;
}

export interface ProcessOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  onOutput: (chunk: string) => void;
  /** Epoch milliseconds: past it, the process and everything it started are killed. */
  deadline?: number;
  /** What the sandbox makes read-only or covers for this process (see isolation.ts). */
  protect?: Protected;
}

const TAIL_BYTES = 64 * 1024;
/** How long pipes may stay open after the process exited (a child it left behind holds them). */
const CLOSE_GRACE_MS = 2_000;

/** The last TAIL_BYTES characters of some output, never starting inside a character. */
export function keepTail(text: string): string {
  if (text.length <= TAIL_BYTES) return text;
  const start = text.length - TAIL_BYTES;
  const code = text.charCodeAt(start);
  // A low surrogate: the second half of a character whose first half would be cut off.
  return text.slice(code >= 0xdc00 && code <= 0xdfff ? start + 1 : start);
}

/** How processes are isolated here (isolation.ts), probed once by running its sandbox. */
export function isolationHere(): Isolation {
  return isolation((line, env) => {
    const result = spawnSync(line.command, line.args, {
      env,
      stdio: ['pipe', 'ignore', 'ignore'],
      input: '',
      timeout: 10_000,
    });
    return result.status === 0;
  });
}

/** How to kill each program runProcess started that has not ended yet. */
const running = new Set<() => void>();
/** Set once the run is stopped: no program is started after it. */
let stopped: Error | undefined;
/** The signal that stopped it, when one did. */
let stoppedBySignal: string | undefined;

/**
 * Stops the run (the CLI interrupted by Ctrl-C or a SIGTERM): every program runProcess started
 * and everything it started are killed, and a program asked for later is not started, so the
 * run ends at once, its callers' cleanup (checkouts, temporary folders) included.
 */
export function stopAllProcesses(reason: string, signal?: string): void {
  if (!stopped) stoppedBySignal = signal;
  stopped ??= new RunFailure(reason);
  for (const kill of running) kill();
}

/** Why the run was stopped (stopAllProcesses), or undefined while it goes on. */
export function stopReason(): Error | undefined {
  return stopped;
}

/** The signal that stopped the run (`SIGTERM`), when one did. */
export function stopSignal(): string | undefined {
  return stoppedBySignal;
}

/** Kills a process group; quiet when it is already gone. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone: nothing to do.
  }
}

/**
 * Runs a program, streaming its output to `onOutput` and keeping only the tail in memory, so a
 * benchmark that prints megabytes costs nothing here. The program runs in a sandbox of its own
 * (see isolation.ts): a PID namespace whose processes all die with its first one, so at the
 * deadline, or when the program exits, everything it started is killed, `setsid()` children
 * included. Without a sandbox, the program leads a process group of its own, killed the same
 * way. Nothing outlives the run and nothing hangs on an open pipe.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: ProcessOptions,
): Promise<ProcessResult> {
  if (stopped) {
    return Promise.resolve({ exitCode: null, signal: null, outputTail: '', spawnError: stopped });
  }
  return new Promise((resolve) => {
    let tail = '';
    let spawnError: Error | undefined;
    let timedOut = false;
    let settled = false;
    const { mode } = isolationHere();
    const line =
      mode === 'none'
        ? { command, args }
        : sandboxed(mode, command, args, options.env, options.cwd, options.protect);
    const child = spawn(line.command, line.args, {
      cwd: options.cwd,
      env: options.env,
      // Through sudo, the sandbox's processes are not this user's to kill: its root process
      // kills them when told on stdin (the command's own stdin is /dev/null all the same: bash
      // reads ~/.bashrc when its stdin is a socket, as node's pipes are).
      stdio: [mode === 'sudo' ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    child.stdin?.on('error', () => undefined);
    const killAll = (): void => {
      if (child.stdin && !child.stdin.writableEnded) child.stdin.end('kill\n');
      killGroup(child.pid);
    };
    running.add(killAll);
    const keep = (text: string): void => {
      if (text === '') return;
      options.onOutput(text);
      tail = keepTail(tail + text);
    };
    // One decoder per stream: a character whose bytes arrive in two chunks is decoded whole.
    const decoders = [new TextDecoder('utf-8'), new TextDecoder('utf-8')];
    child.stdout!.on('data', (data: Buffer) => keep(decoders[0].decode(data, { stream: true })));
    child.stderr!.on('data', (data: Buffer) => keep(decoders[1].decode(data, { stream: true })));
    // What a stream left half-written at its end (a cut character) is shown as such.
    child.stdout!.on('end', () => keep(decoders[0].decode()));
    child.stderr!.on('end', () => keep(decoders[1].decode()));

    const remaining = options.deadline === undefined ? undefined : options.deadline - Date.now();
    const timer =
      remaining === undefined
        ? undefined
        : setTimeout(
            () => {
              timedOut = true;
              killAll();
            },
            Math.max(0, remaining),
          );
    let grace: NodeJS.Timeout | undefined;

    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      running.delete(killAll);
      // In a sandbox, a command killed by a signal comes back as a shell reports it.
      const reported = mode === 'none' ? undefined : signalOfStatus(exitCode);
      if (reported) [exitCode, signal] = [null, reported];
      clearTimeout(timer);
      clearTimeout(grace);
      resolve({
        exitCode,
        signal,
        outputTail: tail,
        ...(spawnError ? { spawnError } : {}),
        ...(timedOut ? { timedOut: true as const } : {}),
      });
    };
    child.on('error', (error) => {
      spawnError = error;
      if (child.pid === undefined) finish(null, null);
    });
    child.on('exit', (exitCode, signal) => {
      killAll();
      grace = setTimeout(() => {
        child.stdout!.destroy();
        child.stderr!.destroy();
        finish(exitCode, signal);
      }, CLOSE_GRACE_MS);
    });
    child.on('close', (exitCode, signal) => finish(exitCode, signal));
  });
}

/** The last `count` non-empty lines of some output. */
export function lastLines(text: string, count = 20): string {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  return lines.slice(-count).join('\n');
}

/**
 * Command mode: run a shell command in one side's checkout with the harness injected into
 * every Python process it starts, then merge what the processes measured into one snapshot.
 *
 * The injection is a folder holding a `sitecustomize.py` put first on PYTHONPATH
 * (`allocdiff_harness/inject`): each Python process writes a partial snapshot into
 * ALLOCDIFF_COMMAND_DIR at exit, and `python -m allocdiff_harness.aggregate` merges them
 * (python/allocdiff_harness/command.py and aggregate.py say how).
 *
 * The measuring run traces one frame; with `frames` > 1 the traceback pass runs the command
 * once more with that many, and each process keeps tracebacks for the sites it is given only.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Logger } from '../log.js';
import {
  DEFAULT_TIMEOUT_MINUTES,
  describeExit,
  failedSnapshot,
  harnessDirectory,
  readSnapshot,
  runSetup,
  tracebackPass,
} from './capture-side.js';
import { lastLines, runProcess, type ProcessResult } from './process.js';
import type { ScenarioError, Snapshot } from './snapshot.js';
import { canTurnOffAddressRandomization, RANDOM_ADDRESSES } from './address-randomization.js';
import { withSideEnvironment, type SideEnvironment } from './side-environment.js';

export interface CommandCaptureOptions {
  /** Python executable that merges the processes' results (the command picks its own). */
  python: string;
  /** Shell command, run with `bash -c`. */
  command: string;
  /** Where, inside the checkout, the command runs (`''` for its root). */
  workingDirectory: string;
  /** Shell command run in the checkout before the command. */
  setup?: string;
  /** The side's own Python environment, which setup and the command run in (with a setup). */
  environment?: SideEnvironment;
  /** Frames for the traceback pass; the measuring run traces one. */
  frames: number;
  /** The traceback pass: the file of `path:line` sites to keep tracebacks for. */
  tracebackSites?: string;
  /** Minutes setup, the command and the merge may take together (default 30). */
  timeoutMinutes?: number;
  /** Already stripped of secrets (see benchmarkEnvironment). */
  env: NodeJS.ProcessEnv;
  log: Logger;
}

function failed(result: ProcessResult): boolean {
  return result.exitCode !== 0 || result.signal !== null || result.spawnError !== undefined;
}

/**
 * Measures one side in command mode. Like `captureSide`, never throws for what the command
 * does: a command that fails is reported on this side (each Python process that raised is a
 * failed scenario; a non-zero exit that no scenario explains is a failed scenario named by
 * the command), and what was measured is kept, so the other side is still shown.
 */
export async function captureCommandSide(
  checkoutDir: string,
  options: CommandCaptureOptions,
): Promise<Snapshot> {
  const { log } = options;
  const cwd = join(checkoutDir, options.workingDirectory);
  if (!existsSync(cwd)) {
    log.info(`${options.workingDirectory} does not exist in this commit: nothing to measure`);
    return {
      ...failedSnapshot(options.command, { type: '', message: '' }, options.frames),
      scenarios: [],
    };
  }
  const output = (chunk: string): void => log.output(chunk);
  const timeoutMinutes = options.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
  const deadline = Date.now() + timeoutMinutes * 60_000;
  const ended = (what: string, result: ProcessResult) => describeExit(what, result, timeoutMinutes);
  // From here on, `python` and `env` are those of the side's environment, when it has one.
  const inEnvironment = await withSideEnvironment(options, deadline);
  if ('failure' in inEnvironment)
    return failedSnapshot(options.command, inEnvironment.failure, options.frames);
  options = inEnvironment.options;

  const setupFailure = await runSetup(checkoutDir, options, deadline);
  if (setupFailure) return failedSnapshot(options.command, setupFailure, options.frames);

  const frames = options.tracebackSites === undefined ? 1 : options.frames;
  const workDir = await mkdtemp(join(tmpdir(), 'allocdiff-command-'));
  const partials = join(workDir, 'processes');
  const snapshotPath = join(workDir, 'snapshot.json');
  try {
    await mkdir(partials);
    const harness = harnessDirectory();
    const inject = join(harness, 'allocdiff_harness', 'inject');
    const env: NodeJS.ProcessEnv = {
      // As for a script: one hash seed unless the user chose one, and no .pyc from an
      // earlier run (compiling counts in the peak).
      PYTHONHASHSEED: '0',
      ...options.env,
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONPATH: [inject, options.env.PYTHONPATH].filter(Boolean).join(delimiter),
      ALLOCDIFF_COMMAND_DIR: partials,
      ALLOCDIFF_ROOT: checkoutDir,
      ALLOCDIFF_FRAMES: String(frames),
      ...(options.tracebackSites === undefined
        ? {}
        : { ALLOCDIFF_TRACEBACK_SITES: options.tracebackSites }),
    };
    log.info(`${options.command} with every Python process under tracemalloc (frames: ${frames})`);
    const fixedAddresses = await canTurnOffAddressRandomization(options.env);
    const run = fixedAddresses
      ? await runProcess('setarch', ['-R', 'bash', '-c', options.command], {
          cwd,
          env,
          onOutput: output,
          deadline,
        })
      : await runProcess('bash', ['-c', options.command], {
          cwd,
          env,
          onOutput: output,
          deadline,
        });

    const merge = await runProcess(
      options.python,
      [
        '-m',
        'allocdiff_harness.aggregate',
        '--dir',
        partials,
        '--root',
        checkoutDir,
        '--out',
        snapshotPath,
        '--frames',
        String(frames),
      ],
      {
        cwd: checkoutDir,
        env: { ...options.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONPATH: harness },
        onOutput: output,
        // What the processes measured before a timeout is still merged and shown.
        deadline: Math.max(deadline, Date.now() + 60_000),
      },
    );
    if (failed(merge) || !existsSync(snapshotPath)) {
      return failedSnapshot(
        options.command,
        {
          type: 'HarnessFailed',
          message: ended(`${options.python} -m allocdiff_harness.aggregate`, merge),
          output: lastLines(`${run.outputTail}${merge.outputTail}`),
        },
        options.frames,
      );
    }
    const snapshot = await readSnapshot(snapshotPath);
    if (!fixedAddresses) snapshot.unmeasured.push(RANDOM_ADDRESSES);
    for (const note of snapshot.unmeasured) log.info(`not measured: ${note.what}: ${note.why}`);
    const tail = lastLines(run.outputTail);
    const failures = snapshot.scenarios.filter((scenario) => scenario.status === 'failed');
    for (const scenario of failures) if (scenario.error) scenario.error.output = tail;
    if (failed(run) && failures.length === 0) {
      const { scenarios } = failedSnapshot(
        options.command,
        {
          type: run.timedOut ? 'TimedOut' : 'CommandFailed',
          message: ended('the command', run),
          output: tail,
        },
        options.frames,
      );
      snapshot.scenarios.push(...scenarios);
    }
    return snapshot;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * The traceback pass of command mode (see tracebackPass): the command once more, its setup
 * already done in this checkout, each Python process (each pytest test) keeping tracebacks of
 * `sites`. A run that failed as a whole (the command's exit, a timeout, the merge) gives none;
 * a process that raised only costs its own.
 */
export function captureCommandTracebacks(
  checkoutDir: string,
  options: CommandCaptureOptions,
  sites: readonly string[],
): Promise<Snapshot | undefined> {
  return tracebackPass(options, sites, async (tracebackSites) => {
    const snapshot = await captureCommandSide(checkoutDir, {
      ...options,
      setup: undefined,
      tracebackSites,
    });
    const failure = runFailure(snapshot);
    return failure ? { failure } : { snapshot };
  });
}

/** A failure of the side's run as a whole, which captureCommandSide reports as a scenario of
 * its own (failedSnapshot's kind), unlike the processes' scenarios. */
function runFailure(snapshot: Snapshot): ScenarioError | undefined {
  return snapshot.scenarios.find((s) => s.kind === 'script' && s.status === 'failed')?.error;
}

/** Why a command that measured nothing on either side is a usage error, not a report. */
export function nothingMeasuredMessage(command: string, base: Snapshot, head: Snapshot): string {
  const notes = [...head.unmeasured, ...base.unmeasured].map((note) => `${note.what}: ${note.why}`);
  return (
    `command "${command}" measured nothing on either side: it started no Python process that ` +
    'allocdiff could measure (Python 3.9+, started with the environment it was given, not ' +
    `with -S, -I or -E)${notes.length > 0 ? `; ${[...new Set(notes)].join('; ')}` : ''}`
  );
}

/**
 * The command backend: a shell command run in one side's checkout with the harness injected into
 * every Python process it starts, then what the processes measured merged into one snapshot.
 *
 * The injection is a folder holding a `sitecustomize.py` put first on PYTHONPATH
 * (`allocdiff_harness/inject`): each Python process writes a partial snapshot into
 * ALLOCDIFF_COMMAND_DIR at exit, and `python -m allocdiff_harness.aggregate` merges them
 * (python/allocdiff_harness/command.py and aggregate.py say how).
 *
 * The measuring run traces one frame; with `frames` > 1 the traceback pass runs the command
 * once more with that many, and each process keeps tracebacks for the sites it is given only.
 * A command has no repeats, object counts nor peak hooks: its one run is the measurement.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../errors.js';
import { RANDOM_ADDRESSES } from './address-randomization.js';
import type { CaptureBackend, SideOptions } from './backend.js';
import { failedSnapshot, type SideOutcome } from './outcome.js';
import { lastLines } from './process.js';
import { processFailed, readSnapshot, SideRunner } from './side-runner.js';
import type { ScenarioError, Snapshot } from './snapshot.js';
import { readTestReads, type TestReads } from './test-selection.js';

/**
 * The backend of `command`, run in `workingDirectory` (relative to the repository's root, `''`
 * for the root) of each checkout.
 */
export function commandBackend(command: string, workingDirectory: string): CaptureBackend {
  return {
    name: command,
    inDepth: false,
    measure: async (checkoutDir, options) => {
      const run = await runCommand(command, workingDirectory, checkoutDir, options);
      if (run.kind !== 'measured' || !run.commandFailure) return run;
      // A failure that no process's scenario explains is a failed scenario of its own.
      const { scenarios } = failedSnapshot(command, run.commandFailure, options.frames);
      run.snapshot.scenarios.push(...scenarios);
      return { kind: 'measured', snapshot: run.snapshot };
    },
    // The command once more, each Python process (each pytest test) keeping tracebacks of the
    // sites. A run that failed as a whole (the command's exit, a timeout, the merge) gives none;
    // a process that raised only costs its own.
    trace: async (checkoutDir, options, sitesFile) => {
      const run = await runCommand(command, workingDirectory, checkoutDir, options, sitesFile);
      if (run.kind !== 'measured') return run;
      if (run.commandFailure) return { kind: 'failed', error: run.commandFailure };
      return { kind: 'measured', snapshot: run.snapshot };
    },
    readTests: (checkoutDir, options) => readTests(command, workingDirectory, checkoutDir, options),
    nothingMeasured: (base, head) =>
      measuredNothing(base) && measuredNothing(head)
        ? nothingMeasuredMessage(command, snapshotOfNothing(base), snapshotOfNothing(head))
        : undefined,
  };
}

/** A side where the command measured nothing: not in this commit, or no process measured. */
function measuredNothing(outcome: SideOutcome): boolean {
  return (
    outcome.kind === 'absent' ||
    (outcome.kind === 'measured' && outcome.snapshot.scenarios.length === 0)
  );
}

/** What a side that measured nothing has to say: why some things were not measured. */
function snapshotOfNothing(outcome: SideOutcome): Pick<Snapshot, 'unmeasured'> {
  return outcome.kind === 'measured' ? outcome.snapshot : { unmeasured: [] };
}

/** A command's run: its outcome, and the failure of the command itself no process explains. */
type CommandRun =
  | Exclude<SideOutcome, { kind: 'measured' }>
  | { kind: 'measured'; snapshot: Snapshot; commandFailure?: ScenarioError };

/**
 * Runs the command in one side's checkout: setup first, except in the traceback pass
 * (`tracebackSites`, the file of `path:line` sites to keep tracebacks for). Never throws for
 * what the command does: each Python process that raised is a failed scenario, what was
 * measured is kept.
 */
async function runCommand(
  command: string,
  workingDirectory: string,
  checkoutDir: string,
  options: SideOptions,
  tracebackSites?: string,
): Promise<CommandRun> {
  const { log } = options;
  const cwd = join(checkoutDir, workingDirectory);
  if (!existsSync(cwd)) {
    log.info(`${workingDirectory} does not exist in this commit: nothing to measure`);
    return { kind: 'absent' };
  }
  const runner = await SideRunner.start(checkoutDir, options, {
    setup: tracebackSites === undefined,
  });
  if ('failure' in runner) return { kind: 'failed', error: runner.failure };

  const frames = tracebackSites === undefined ? 1 : options.frames;
  const workDir = await runner.workDir('allocdiff-command-');
  const partials = join(workDir, 'processes');
  const snapshotPath = join(workDir, 'snapshot.json');
  try {
    await mkdir(partials);
    const skipFile = join(workDir, 'skip-tests.txt');
    const skip = options.skipTests ?? [];
    if (skip.length > 0) await writeFile(skipFile, `${skip.join('\n')}\n`);
    log.info(
      `${command} with every Python process under tracemalloc (frames: ${frames})` +
        (skip.length > 0 ? `, ${skip.length} unchanged tests deselected` : ''),
    );
    const { result: run, fixedAddresses } = await runner.injected(command, cwd, {
      ALLOCDIFF_COMMAND_DIR: partials,
      ALLOCDIFF_ROOT: checkoutDir,
      ALLOCDIFF_FRAMES: String(frames),
      ...(tracebackSites === undefined ? {} : { ALLOCDIFF_TRACEBACK_SITES: tracebackSites }),
      ...(skip.length > 0 ? { ALLOCDIFF_SKIP_TESTS: skipFile } : {}),
    });
    const merge = await runner.tool('allocdiff_harness.aggregate', [
      '--dir',
      partials,
      '--root',
      checkoutDir,
      '--out',
      snapshotPath,
      '--frames',
      String(frames),
    ]);
    if (processFailed(merge) || !existsSync(snapshotPath)) {
      return {
        kind: 'failed',
        error: {
          type: 'HarnessFailed',
          message: runner.describeExit(`${runner.python} -m allocdiff_harness.aggregate`, merge),
          output: lastLines(`${run.outputTail}${merge.outputTail}`),
        },
      };
    }
    const snapshot = await readSnapshot(snapshotPath);
    if (!fixedAddresses) snapshot.unmeasured.push(RANDOM_ADDRESSES);
    for (const note of snapshot.unmeasured) log.info(`not measured: ${note.what}: ${note.why}`);
    const tail = lastLines(run.outputTail);
    const failures = snapshot.scenarios.filter((scenario) => scenario.status === 'failed');
    for (const scenario of failures) if (scenario.error) scenario.error.output = tail;
    if (processFailed(run) && failures.length === 0) {
      const commandFailure: ScenarioError = {
        type: run.timedOut ? 'TimedOut' : 'CommandFailed',
        message: runner.describeExit('the command', run),
        output: tail,
      };
      return { kind: 'measured', snapshot, commandFailure };
    }
    return { kind: 'measured', snapshot };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * The reads pass of a pytest command on one side (its setup already ran, or there is none):
 * the command once, untraced, each pytest process writing what its tests read.
 */
async function readTests(
  command: string,
  workingDirectory: string,
  checkoutDir: string,
  options: SideOptions,
): Promise<TestReads | { failure: string } | undefined> {
  const cwd = join(checkoutDir, workingDirectory);
  if (!existsSync(cwd)) return undefined;
  const runner = await SideRunner.start(checkoutDir, options, { setup: false });
  if ('failure' in runner) return { failure: runner.failure.message };
  const workDir = await runner.workDir('allocdiff-reads-');
  try {
    options.log.info(`${command}, untraced, recording what each test reads`);
    const { result: run } = await runner.injected(command, cwd, {
      ALLOCDIFF_COMMAND_DIR: workDir,
      ALLOCDIFF_ROOT: checkoutDir,
      ALLOCDIFF_RECORD_READS: '1',
    });
    if (run.timedOut) return { failure: runner.describeExit('the command', run) };
    return await readTestReads(workDir);
  } catch (error) {
    return { failure: errorMessage(error) };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Why a command that measured nothing on either side is a usage error, not a report. */
export function nothingMeasuredMessage(
  command: string,
  base: Pick<Snapshot, 'unmeasured'>,
  head: Pick<Snapshot, 'unmeasured'>,
): string {
  const notes = [...head.unmeasured, ...base.unmeasured].map((note) => `${note.what}: ${note.why}`);
  return (
    `command "${command}" measured nothing on either side: it started no Python process that ` +
    'allocdiff could measure (Python 3.9+, started with the environment it was given, not ' +
    `with -S, -I or -E)${notes.length > 0 ? `; ${[...new Set(notes)].join('; ')}` : ''}`
  );
}

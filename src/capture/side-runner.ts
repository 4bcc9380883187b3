/**
 * The one place that starts a side's processes, for every capture backend: the side's deadline,
 * its Python environment, `setup`, the variables each Python process gets, and address
 * randomisation turned off for what is measured. Processes run through runProcess (process.ts),
 * which streams their output and kills their process group at the deadline.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Logger } from '../log.js';
import { canTurnOffAddressRandomization } from './address-randomization.js';
import { harnessDirectory } from './interpreter.js';
import { decodeSnapshotFile } from './decode.js';
import type { Protected } from './isolation.js';
import { lastLines, runProcess, stopReason, type ProcessResult } from './process.js';
import { readSnapshotFile } from './snapshot-file.js';
import { withSideEnvironment, type SideEnvironment } from './side-environment.js';
import type { ScenarioError, Snapshot } from './snapshot.js';

/** Where the Python harness is (interpreter.ts). */
export { harnessDirectory };

export const DEFAULT_TIMEOUT_MINUTES = 30;

/** What starting a side's run needs: its interpreter, variables, environment and setup. */
export interface SideRunOptions {
  /** Python executable (the side environment's replaces it, when there is one). */
  python: string;
  /** Shell command run in the checkout before the benchmark. */
  setup?: string;
  /** The side's own Python environment, which setup and the benchmark run in (with a setup). */
  environment?: SideEnvironment;
  /** Minutes the side may take, setup included, before its processes are killed. */
  timeoutMinutes?: number;
  /** Already stripped of secrets (see benchmarkEnvironment). */
  env: NodeJS.ProcessEnv;
  /** What the side's processes must not write: the other side's files, .git, file commands. */
  protect?: Protected;
  log: Logger;
}

/** A measured process's result, and whether its addresses were fixed (exact peaks). */
export interface MeasuredRun {
  result: ProcessResult;
  fixedAddresses: boolean;
}

/** `30 min`, `0.5 min`: the timeout as the user wrote it. */
export function formatMinutes(minutes: number): string {
  return `${Number(minutes.toPrecision(6))} min`;
}

/** How a process ended, for a failed scenario's message. */
export function describeExit(what: string, result: ProcessResult, timeoutMinutes?: number): string {
  if (result.timedOut)
    return `${what} timed out after ${formatMinutes(timeoutMinutes ?? 0)} and was killed`;
  if (result.spawnError) return `${what} could not be started: ${result.spawnError.message}`;
  if (result.signal) return `${what} was killed by ${result.signal}`;
  return `${what} exited with code ${result.exitCode}`;
}

/** Whether a process failed: a non-zero exit, a signal, or no start at all. */
export function processFailed(result: ProcessResult): boolean {
  return result.exitCode !== 0 || result.signal !== null || result.spawnError !== undefined;
}

/** Reads and checks a snapshot written by the harness, its string table resolved. */
export async function readSnapshot(path: string): Promise<Snapshot> {
  return decodeSnapshotFile(await readSnapshotFile(path), `snapshot ${path}`);
}

/**
 * A new folder for what allocdiff and the side's harness exchange (snapshots, site lists): in
 * the side's own temporary folder (its TMPDIR), which the sandbox keeps read-only to the other
 * side's processes, so one side cannot rewrite the other's snapshot while it is written.
 */
/** How many scenarios a logged note names before it says how many more. */
const NOTE_SCENARIOS_SHOWN = 3;

/**
 * The side's notes of what it did not measure, in its log: one line per note, a note made alike
 * for several scenarios (a test's sites at the peak, for each test of a process that runs
 * threads) said once, with how many scenarios and the first few.
 */
export function logUnmeasured(log: Logger, notes: Snapshot['unmeasured']): void {
  const grouped = new Map<string, { what: string; why: string; scenarios: string[] }>();
  for (const note of notes) {
    const key = JSON.stringify([note.what, note.why]);
    const group = grouped.get(key) ?? { what: note.what, why: note.why, scenarios: [] };
    if (note.scenario !== undefined) group.scenarios.push(note.scenario);
    grouped.set(key, group);
  }
  for (const { what, why, scenarios } of grouped.values()) {
    const shown = scenarios.slice(0, NOTE_SCENARIOS_SHOWN).join(', ');
    const more = scenarios.length - NOTE_SCENARIOS_SHOWN;
    const of =
      scenarios.length === 0
        ? ''
        : scenarios.length === 1
          ? ` of ${shown}`
          : ` of ${scenarios.length} scenarios (${shown}${more > 0 ? `, ${more} more` : ''})`;
    log.info(`not measured: ${what}${of}: ${why}`);
  }
}

export function sideWorkDir(env: NodeJS.ProcessEnv, prefix: string): Promise<string> {
  return mkdtemp(join(env.TMPDIR || tmpdir(), prefix));
}

/**
 * One run of a side in its checkout (a measuring pass, or the traceback pass): every process it
 * starts shares one deadline, `timeoutMinutes` from `start`, and runs in the side's environment.
 */
export class SideRunner {
  private constructor(
    readonly checkoutDir: string,
    /** The side's interpreter: its environment's, when it has one. */
    readonly python: string,
    /** The side's variables: its environment's, when it has one. */
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: Logger,
    private readonly protect: Protected | undefined,
    readonly timeoutMinutes: number,
    /** Epoch milliseconds: past it, the side's processes are killed. */
    readonly deadline: number,
  ) {}

  /**
   * Starts a side's run: its deadline, its Python environment (made on the side's first run),
   * then `setup` unless `setup` is false (the traceback pass: setup already ran in this
   * checkout). The error that says why, when the environment or setup failed.
   */
  static async start(
    checkoutDir: string,
    options: SideRunOptions,
    { setup = true }: { setup?: boolean } = {},
  ): Promise<SideRunner | { failure: ScenarioError }> {
    const timeoutMinutes = options.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
    const deadline = Date.now() + timeoutMinutes * 60_000;
    const inEnvironment = await withSideEnvironment(options, deadline);
    if ('failure' in inEnvironment) return inEnvironment;
    const active = inEnvironment.options;
    const runner = new SideRunner(
      checkoutDir,
      active.python,
      active.env,
      active.log,
      active.protect,
      timeoutMinutes,
      deadline,
    );
    if (setup) {
      const failure = await runner.runSetup(active.setup, active.environment);
      if (failure) return { failure };
    }
    return runner;
  }

  /** Whether its measured processes run with address randomisation off (exact peaks). */
  fixedAddresses(): Promise<boolean> {
    return canTurnOffAddressRandomization(this.env);
  }

  /** A new exchange folder in the side's own temporary folder (see sideWorkDir). */
  workDir(prefix: string): Promise<string> {
    return sideWorkDir(this.env, prefix);
  }

  /** How a process of this run ended, for a failed scenario's message. */
  describeExit(what: string, result: ProcessResult): string {
    return describeExit(what, result, this.timeoutMinutes);
  }

  /**
   * Runs `setup` in the checkout, in the side's environment: once per side, as the checkout and
   * the environment outlive a pass, so a deeper pass does not install again (nor fail on what
   * the first run left, e.g. `mkdir build`). A ScenarioError when it failed; a failed setup
   * runs again in a later pass, and fails the same way.
   */
  private async runSetup(
    setup: string | undefined,
    environment: SideEnvironment | undefined,
  ): Promise<ScenarioError | undefined> {
    if (!setup) return undefined;
    if (environment?.setupDone) {
      this.log.info(`setup: already run in this side's environment (${setup})`);
      return undefined;
    }
    this.log.info(`setup: ${setup}`);
    const result = await this.run('bash', ['-c', setup], {
      cwd: this.checkoutDir,
      env: this.env,
      deadline: this.deadline,
    });
    if (processFailed(result)) {
      return {
        type: result.timedOut ? 'TimedOut' : 'SetupFailed',
        message: this.describeExit('setup', result),
        output: lastLines(result.outputTail),
      };
    }
    if (environment) environment.setupDone = true;
    return undefined;
  }

  /**
   * The harness, `python -m allocdiff_harness args`, in the checkout: a measured run (see
   * measured).
   */
  harness(args: readonly string[]): Promise<MeasuredRun> {
    return this.measured(
      [this.python, '-m', 'allocdiff_harness', ...args],
      this.checkoutDir,
      harnessDirectory(),
    );
  }

  /**
   * A shell command in `cwd` with the harness injected into every Python process it starts (a
   * `sitecustomize` first on PYTHONPATH), `variables` added: a measured run (see measured).
   * `onOutput`: also given the output as it comes (a run that serves several passes).
   */
  injected(
    command: string,
    cwd: string,
    variables: NodeJS.ProcessEnv,
    onOutput?: (chunk: string) => void,
  ): Promise<MeasuredRun> {
    const inject = join(harnessDirectory(), 'allocdiff_harness', 'inject');
    return this.measured(['bash', '-c', command], cwd, inject, variables, onOutput);
  }

  /**
   * One of the harness's own tools that measures nothing, `python -m module args`, in the
   * checkout (command mode's merge). It may outlive the deadline by a minute: what the
   * processes measured before a timeout is still merged and shown, by a merge started with
   * them too.
   */
  tool(module: string, args: readonly string[]): Promise<ProcessResult> {
    return this.run(this.python, ['-m', module, ...args], {
      cwd: this.checkoutDir,
      env: { ...this.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONPATH: harnessDirectory() },
      deadline: Math.max(this.deadline, Date.now()) + 60_000,
    });
  }

  /**
   * Runs what is measured: with address randomisation off where it can be turned off (exact
   * peaks), and with equal conditions on both sides: no .pyc from an earlier run (compiling
   * counts in the peak), one hash seed (set order, dict layouts) unless the user chose one, and
   * `pythonPath` first on PYTHONPATH.
   */
  private async measured(
    argv: readonly string[],
    cwd: string,
    pythonPath: string,
    variables: NodeJS.ProcessEnv = {},
    onOutput?: (chunk: string) => void,
  ): Promise<MeasuredRun> {
    const env: NodeJS.ProcessEnv = {
      PYTHONHASHSEED: '0',
      ...this.env,
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONPATH: [pythonPath, this.env.PYTHONPATH].filter(Boolean).join(delimiter),
      ...variables,
    };
    const fixedAddresses = await canTurnOffAddressRandomization(this.env);
    const [program, ...args] = fixedAddresses ? ['setarch', '-R', ...argv] : argv;
    const result = await this.run(program, args, { cwd, env, deadline: this.deadline }, onOutput);
    return { result, fixedAddresses };
  }

  private async run(
    program: string,
    args: readonly string[],
    options: { cwd: string; env: NodeJS.ProcessEnv; deadline: number },
    onOutput?: (chunk: string) => void,
  ): Promise<ProcessResult> {
    const result = await runProcess(program, args, {
      ...options,
      ...(this.protect ? { protect: this.protect } : {}),
      onOutput: onOutput ?? ((chunk) => this.log.output(chunk)),
    });
    // A run stopped on purpose (Ctrl-C) ends here: its side did not fail, it was not measured.
    const stopped = stopReason();
    if (stopped) throw stopped;
    return result;
  }
}

import { isAscii } from 'node:buffer';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidDataError, RunFailure } from '../errors.js';
import type { Logger } from '../log.js';
import { mergeProcessRepeats } from './merge-repeats.js';
import { lastLines, runProcess, type ProcessResult } from './process.js';
import { canTurnOffAddressRandomization, RANDOM_ADDRESSES } from './address-randomization.js';
import { decodeSnapshot } from './decode.js';
import { readSnapshotFile } from './snapshot-file.js';
import { withSideEnvironment, type SideEnvironment } from './side-environment.js';
import { SNAPSHOT_SCHEMA, type ScenarioError, type Snapshot } from './snapshot.js';

export interface CaptureOptions {
  /** Python executable. */
  python: string;
  /** Benchmark script, relative to the checkout's root. */
  script: string;
  /** Shell command run in the checkout before the benchmark. */
  setup?: string;
  /** The side's own Python environment, which setup and the benchmark run in (with a setup). */
  environment?: SideEnvironment;
  /** Frames for the traceback pass; the measuring runs always trace one frame. */
  frames: number;
  /** Measurements: in-process calls of a `bench_*` function, processes of a whole script. */
  repeats?: number;
  /** Leak-check calls per `bench_*` function; 0 = none. */
  iterations?: number;
  /** Minutes the side may take, setup included, before its processes are killed. */
  timeoutMinutes?: number;
  /**
   * Find the sites at the peak, with one more (hooked) run: `true` for every scenario measured,
   * a list for the scenarios named; none when false or absent.
   */
  peakSites?: boolean | readonly string[];
  objectTypes?: boolean;
  /** Already stripped of secrets (see benchmarkEnvironment). */
  env: NodeJS.ProcessEnv;
  log: Logger;
}

/**
 * Where the Python harness is: `dist/harness`, beside the entry file or one folder up from the
 * chunk in `dist/chunks/` this code is bundled into; or `python/` in a source checkout (tests
 * run from source).
 */
export function harnessDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, 'harness'),
    join(here, '..', 'harness'),
    join(here, '..', '..', 'python'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'allocdiff_harness', '__main__.py')));
  if (!found)
    throw new RunFailure(
      `the allocdiff Python harness is missing (looked in ${candidates.join(', ')})`,
    );
  return found;
}

/** A snapshot that only says the side could not be measured. */
export function failedSnapshot(scenario: string, error: ScenarioError, frames: number): Snapshot {
  return {
    schema: SNAPSHOT_SCHEMA,
    harness: { version: 'none' },
    python: { version: '', implementation: '' },
    platform: '',
    frames,
    repeats: 1,
    iterations: 0,
    timings: { setupSeconds: 0, totalSeconds: 0 },
    scenarios: [
      {
        name: scenario,
        kind: 'script',
        status: 'failed',
        error,
        peakBytes: 0,
        retainedBytes: 0,
        retainedCount: 0,
        durationSeconds: 0,
        repeats: [],
        sites: [],
      },
    ],
    unmeasured: [],
  };
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

/**
 * Runs `setup` in a side's checkout, in the side's environment (`options` already activated):
 * once per side, as the checkout and the environment outlive a pass, so a deeper pass does not
 * install again (nor fail on what the first run left, e.g. `mkdir build`). A ScenarioError when
 * it failed; a failed setup runs again in a later pass, and fails the same way.
 */
export async function runSetup(
  checkoutDir: string,
  options: {
    setup?: string;
    environment?: SideEnvironment;
    env: NodeJS.ProcessEnv;
    log: Logger;
    timeoutMinutes?: number;
  },
  deadline: number,
): Promise<ScenarioError | undefined> {
  if (!options.setup) return undefined;
  if (options.environment?.setupDone) {
    options.log.info(`setup: already run in this side's environment (${options.setup})`);
    return undefined;
  }
  options.log.info(`setup: ${options.setup}`);
  const setup = await runProcess('bash', ['-c', options.setup], {
    cwd: checkoutDir,
    env: options.env,
    onOutput: (chunk) => options.log.output(chunk),
    deadline,
  });
  if (setup.exitCode !== 0 || setup.signal !== null || setup.spawnError !== undefined) {
    return {
      type: setup.timedOut ? 'TimedOut' : 'SetupFailed',
      message: describeExit('setup', setup, options.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES),
      output: lastLines(setup.outputTail),
    };
  }
  if (options.environment) options.environment.setupDone = true;
  return undefined;
}

/** Reads and checks a snapshot written by the harness, its string table resolved. */
export async function readSnapshot(path: string): Promise<Snapshot> {
  const bytes = await readSnapshotFile(path);
  let parsed: unknown;
  try {
    // Most snapshots are plain ASCII, which reads as Latin-1 without the UTF-8 decoder's checks.
    parsed = JSON.parse(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8'));
  } catch (error) {
    throw new InvalidDataError(`snapshot ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return decodeSnapshot(parsed, `snapshot ${path}`);
}

export const DEFAULT_TIMEOUT_MINUTES = 30;

interface HarnessRun {
  snapshot?: Snapshot;
  /** Why no snapshot came back. */
  failure?: ScenarioError;
  /** The last lines of the run's output. */
  output: string;
}

/**
 * Runs the harness once in a checkout with `args` (beyond --script/--root/--out) and reads the
 * snapshot it wrote. Never throws for what the benchmark does.
 */
async function runHarness(
  checkoutDir: string,
  options: CaptureOptions,
  args: readonly string[],
  deadline: number,
): Promise<HarnessRun> {
  const workDir = await mkdtemp(join(tmpdir(), 'allocdiff-snapshot-'));
  const snapshotPath = join(workDir, 'snapshot.json');
  try {
    const harness = harnessDirectory();
    const env = {
      // Equal conditions on both sides: no .pyc from an earlier run (compiling counts in the
      // peak), and one hash seed (set order, dict layouts) unless the user chose one.
      PYTHONHASHSEED: '0',
      ...options.env,
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONPATH: [harness, options.env.PYTHONPATH].filter(Boolean).join(delimiter),
    };
    const fixedAddresses = await canTurnOffAddressRandomization(options.env);
    const harnessArgs = [
      '-m',
      'allocdiff_harness',
      '--script',
      options.script,
      '--root',
      checkoutDir,
      '--out',
      snapshotPath,
      ...args,
    ];
    const run = await runProcess(
      fixedAddresses ? 'setarch' : options.python,
      fixedAddresses ? ['-R', options.python, ...harnessArgs] : harnessArgs,
      {
        cwd: checkoutDir,
        env,
        onOutput: (chunk) => options.log.output(chunk),
        deadline,
      },
    );
    const output = lastLines(run.outputTail);
    if (run.exitCode !== 0 || !existsSync(snapshotPath)) {
      const what = `${options.python} -m allocdiff_harness`;
      return {
        output,
        failure: {
          type: run.timedOut ? 'TimedOut' : 'HarnessFailed',
          message: describeExit(what, run, options.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES),
          output,
        },
      };
    }
    const snapshot = await readSnapshot(snapshotPath);
    if (!fixedAddresses) snapshot.unmeasured.push(RANDOM_ADDRESSES);
    for (const scenario of snapshot.scenarios) {
      if (scenario.status === 'failed' && scenario.error) scenario.error.output = output;
    }
    return { snapshot, output };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * Measures one side: `setup`, then the benchmark under the harness, `repeats` times (in one
 * process for `bench_*` functions, in as many processes for a whole script, merged), then,
 * with `peakSites`, one hooked run for the sites at the peak (capturePeakSites). Everything the
 * side runs shares one deadline (`timeoutMinutes`). Never throws for what the benchmark does: a
 * failure becomes a failed scenario, so the other side is still shown. A script that does not
 * exist on this side gives a snapshot with no scenarios ("new").
 */
export async function captureSide(checkoutDir: string, options: CaptureOptions): Promise<Snapshot> {
  const { log } = options;
  if (!existsSync(join(checkoutDir, options.script))) {
    log.info(`${options.script} does not exist in this commit: nothing to measure`);
    return {
      ...failedSnapshot(options.script, { type: '', message: '' }, options.frames),
      scenarios: [],
    };
  }
  const timeoutMinutes = options.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
  const deadline = Date.now() + timeoutMinutes * 60_000;
  const failed = (error: ScenarioError): Snapshot =>
    failedSnapshot(options.script, error, options.frames);
  // From here on, `python` and `env` are those of the side's environment, when it has one.
  const inEnvironment = await withSideEnvironment(options, deadline);
  if ('failure' in inEnvironment) return failed(inEnvironment.failure);
  options = inEnvironment.options;

  const setupFailure = await runSetup(checkoutDir, options, deadline);
  if (setupFailure) return failed(setupFailure);

  const repeats = options.repeats ?? 1;
  const iterations = options.iterations ?? 0;
  const objectTypes = options.objectTypes ?? true;
  log.info(
    `${options.python} ${options.script} under tracemalloc (repeats: ${repeats}` +
      `${iterations > 0 ? `, leak check: ${iterations} calls` : ''})`,
  );
  const measuring = ['--frames', '1', '--repeats', String(repeats)];
  const first = await runHarness(
    checkoutDir,
    options,
    [
      ...measuring,
      ...(iterations > 0 ? ['--iterations', String(iterations)] : []),
      ...(objectTypes ? [] : ['--no-object-types']),
    ],
    deadline,
  );
  if (!first.snapshot) return failed(first.failure!);
  let snapshot = first.snapshot;
  for (const note of snapshot.unmeasured) {
    log.info(
      `not measured: ${note.what}${note.scenario ? ` of ${note.scenario}` : ''}: ${note.why}`,
    );
  }

  // A whole script runs once per process: its further repeats are further processes. Counting
  // objects moves a few blocks (the collector runs), so the counted run is not compared with
  // plain ones: with object types, the measurements are the plain processes after it.
  const isScript = snapshot.scenarios.some((scenario) => scenario.kind === 'script');
  if (isScript && repeats > 1 && snapshot.scenarios.every((s) => s.status === 'ok')) {
    const runs = [snapshot];
    for (let index = 2; index <= repeats; index += 1) {
      log.info(`repeat ${index} of ${repeats} (a new process)`);
      const run = await runHarness(
        checkoutDir,
        options,
        [...measuring, '--no-object-types'],
        deadline,
      );
      if (!run.snapshot) return failed(run.failure!);
      runs.push(run.snapshot);
    }
    if (objectTypes) {
      const counted = snapshot;
      snapshot = mergeProcessRepeats(runs.slice(1));
      for (const scenario of snapshot.scenarios) {
        const types = counted.scenarios.find((s) => s.name === scenario.name)?.objectTypes;
        if (types) scenario.objectTypes = types;
      }
    } else {
      snapshot = mergeProcessRepeats(runs);
    }
  }

  await capturePeakSites(checkoutDir, options, snapshot, deadline);
  return snapshot;
}

/**
 * The peak pass: one more harness run, under the peak hooks, for the scenarios `peakSites` asks
 * for; their `peak` is set from it. It aims at the peak each measured (a whole script's, or the
 * first call's of a function: the figure the report shows), so the sites are those of that
 * peak; functions are called as the measuring run called them, so each finds what it found.
 * The sites are an aid: when the run fails, the log says so and the measurements stand.
 */
async function capturePeakSites(
  checkoutDir: string,
  options: CaptureOptions,
  snapshot: Snapshot,
  deadline: number,
): Promise<void> {
  const asked = options.peakSites;
  const wanted = snapshot.scenarios.filter(
    (scenario) =>
      scenario.status === 'ok' &&
      (asked === true || (Array.isArray(asked) && asked.includes(scenario.name))),
  );
  if (!asked || wanted.length === 0) return;
  options.log.info(
    `finding the sites at the peak of ${wanted.map((scenario) => scenario.name).join(', ')} (a hooked run)`,
  );
  const script = wanted.find((scenario) => scenario.kind === 'script');
  const functions = wanted.filter((scenario) => scenario.kind === 'function');
  const workDir = await mkdtemp(join(tmpdir(), 'allocdiff-peaks-'));
  try {
    const targetsFile = join(workDir, 'peak-targets.txt');
    if (functions.length > 0)
      await writeFile(targetsFile, functions.map((f) => `${f.name} ${f.peakBytes}\n`).join(''));
    const iterations = options.iterations ?? 0;
    const run = await runHarness(
      checkoutDir,
      options,
      [
        '--frames',
        '1',
        '--repeats',
        String(options.repeats ?? 1),
        ...(iterations > 0 ? ['--iterations', String(iterations)] : []),
        '--peak-sites',
        '--no-object-types',
        ...(script ? ['--peak-target', String(Math.max(1, script.peakBytes))] : []),
        ...(functions.length > 0 ? ['--peak-targets', targetsFile] : []),
      ],
      deadline,
    );
    if (!run.snapshot) {
      options.log.warning(
        `no sites at the peak: ${run.failure?.message ?? 'the hooked run failed'}`,
      );
      return;
    }
    for (const scenario of wanted) {
      const peak = run.snapshot.scenarios.find((s) => s.name === scenario.name)?.peak;
      if (peak) scenario.peak = peak;
    }
    for (const note of run.snapshot.unmeasured) {
      if (note.what === 'sites at the peak')
        options.log.info(`no sites at the peak of ${note.scenario ?? options.script}: ${note.why}`);
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * What the traceback pass of either backend shares: `sites` (normalised `path:line`, as the
 * first pass named them) written to a file for `trace`, which runs the benchmark once more
 * with `frames` frames keeping tracebacks for those sites only. Undefined, with a warning in
 * the log, when it fails: tracebacks are an aid, the measurement stands without them.
 */
export async function tracebackPass(
  options: { frames: number; log: Logger },
  sites: readonly string[],
  trace: (sitesFile: string) => Promise<{ snapshot?: Snapshot; failure?: ScenarioError }>,
): Promise<Snapshot | undefined> {
  const workDir = await mkdtemp(join(tmpdir(), 'allocdiff-sites-'));
  try {
    const sitesFile = join(workDir, 'sites.txt');
    await writeFile(sitesFile, `${sites.join('\n')}\n`);
    options.log.info(
      `tracebacks of ${sites.length} changed site${sites.length === 1 ? '' : 's'} (frames: ${options.frames})`,
    );
    const run = await trace(sitesFile);
    if (!run.snapshot) {
      options.log.warning(`no tracebacks: ${run.failure?.message ?? 'the traced run failed'}`);
      return undefined;
    }
    return run.snapshot;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The traceback pass of a script (see tracebackPass): the harness with `--traceback-sites`. */
export async function captureTracebacks(
  checkoutDir: string,
  options: CaptureOptions,
  sites: readonly string[],
): Promise<Snapshot | undefined> {
  const timeoutMinutes = options.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
  const deadline = Date.now() + timeoutMinutes * 60_000;
  const inEnvironment = await withSideEnvironment(options, deadline);
  if ('failure' in inEnvironment) {
    options.log.warning(`no tracebacks: ${inEnvironment.failure.message}`);
    return undefined;
  }
  const inSide = inEnvironment.options;
  return tracebackPass(inSide, sites, (sitesFile) =>
    runHarness(
      checkoutDir,
      inSide,
      [
        '--frames',
        String(options.frames),
        '--repeats',
        '1',
        '--no-object-types',
        '--traceback-sites',
        sitesFile,
      ],
      deadline,
    ),
  );
}

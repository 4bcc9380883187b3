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
 *
 * The deep pass (repeats, object counts, sites at the peak, the leak check, and on head the
 * retention paths of the tests and processes whose retained memory grew) is paid for the
 * scenarios that differed between the sides only (`only`): the command runs again with pytest
 * running just those tests (and the tests that started the processes among them; the plugin
 * deselects the rest), each test's body called again in its process for its further calls,
 * as a `bench_*` function's are; the other scenarios keep the first run's figures (`sameAs`).
 * A test measured again keeps its first run's call beside its own as a cold call (`coldCalls`),
 * which its first call, cold too, is confirmed by (compare/noise.ts).
 * A process's further measurements are further runs of the command, merged as a whole
 * script's are (merge-repeats.ts). The traceback pass runs the same selection.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { errorMessage } from '../errors.js';
import { RANDOM_ADDRESSES } from './address-randomization.js';
import type { CaptureBackend, SideOptions } from './backend.js';
import { mergeProcessRepeats } from './merge-repeats.js';
import { failedSnapshot, type SideOutcome } from './outcome.js';
import type { Logger } from '../log.js';
import { lastLines, stopReason, type ProcessResult } from './process.js';
import { watchProgress } from './deep-progress.js';
import { blankSessionVariables, PytestSession, sessionDir } from './pytest-session.js';
import { logUnmeasured, processFailed, readSnapshot, SideRunner } from './side-runner.js';
import {
  DEPTH_MISSED,
  type ScenarioError,
  type Snapshot,
  type SnapshotScenario,
} from './snapshot.js';
import {
  isPytestAlone,
  readStaticSelection,
  readTestReads,
  type StaticSelection,
  type TestReads,
} from './test-selection.js';

/**
 * The backend of `command`, run in `workingDirectory` (relative to the repository's root, `''`
 * for the root) of each checkout.
 */
export function commandBackend(command: string, workingDirectory: string): CaptureBackend {
  // pytest sessions whose first run left them waiting for the passes that follow, by checkout.
  const sessions: Sessions = new Map();
  // pytest sessions started ahead of their first run (while base's reads are recorded).
  const ahead = new Map<string, Promise<Early | undefined>>();
  return {
    name: command,
    inDepth: true,
    measure: async (checkoutDir, options) => {
      if (inDepth(options))
        return measureInDepth(command, workingDirectory, checkoutDir, options, sessions);
      const early = await takeEarly(ahead, checkoutDir, options);
      if (early) {
        sessions.set(checkoutDir, early);
        const run = await runInSession(command, checkoutDir, options, {}, sessions, 'ahead');
        return withCommandFailure(command, run, options.frames);
      }
      const run = await runCommand(
        command,
        workingDirectory,
        checkoutDir,
        options,
        { session: 'start' },
        sessions,
      );
      return withCommandFailure(command, run, options.frames);
    },
    // The command once more, each Python process (each pytest test) keeping tracebacks of the
    // sites; with `only`, just those tests run. A run that failed as a whole (the command's exit,
    // a timeout, the merge) gives none; a process that raised only costs its own.
    trace: async (checkoutDir, options, sitesFile) => {
      const run = await runCommand(
        command,
        workingDirectory,
        checkoutDir,
        options,
        {
          setup: false,
          files: {
            ALLOCDIFF_TRACEBACK_SITES: await readFile(sitesFile, 'utf8'),
            ...(options.only ? { ALLOCDIFF_TESTS: selectionFile(options.only) } : {}),
          },
          session: 'reuse',
        },
        sessions,
      );
      if (run.kind !== 'measured') return run;
      if (run.commandFailure) return { kind: 'failed', error: run.commandFailure };
      return { kind: 'measured', snapshot: run.snapshot };
    },
    readTests: (checkoutDir, options) => readTests(command, workingDirectory, checkoutDir, options),
    ruleOutTests: (checkouts, changed, always, options) =>
      ruleOutTests(command, checkouts, changed, always, options),
    prepare: (checkoutDir, options) => {
      if (!isPytestAlone(command) || ahead.has(checkoutDir)) return;
      const early = startAhead(command, workingDirectory, checkoutDir, options).catch(
        () => undefined,
      );
      ahead.set(checkoutDir, early);
    },
    release: async () => {
      const early = await Promise.all([...ahead.values()]);
      ahead.clear();
      await stopSessions(new Map(early.flatMap((e, i) => (e ? [[String(i), e]] : []))));
      await stopSessions(sessions);
    },
    nothingMeasured: (base, head) =>
      measuredNothing(base) && measuredNothing(head)
        ? nothingMeasuredMessage(command, snapshotOfNothing(base), snapshotOfNothing(head))
        : undefined,
  };
}

/** A run's outcome, a failure of the command that no process's scenario explains a failed scenario. */
function withCommandFailure(command: string, run: CommandRun, frames: number): SideOutcome {
  if (run.kind !== 'measured' || !run.commandFailure) return run;
  const { scenarios } = failedSnapshot(command, run.commandFailure, frames);
  run.snapshot.scenarios.push(...scenarios);
  return { kind: 'measured', snapshot: run.snapshot };
}

/** Whether a pass measures in depth: the deep pass (`only`), or repeats, objects or peaks asked. */
function inDepth(options: SideOptions): boolean {
  const peaks = options.peakSites;
  return (
    options.only !== undefined ||
    (options.repeats ?? 1) > 1 ||
    options.objectTypes === true ||
    peaks === true ||
    (Array.isArray(peaks) && peaks.length > 0)
  );
}

/**
 * The node ids pytest runs for `names` (scenarios): each name, and for a process a test started
 * (`tests/test_x.py::test_y > -c …`), that test. Names that are no test select nothing.
 */
function selectionFile(names: readonly string[]): string {
  const ids = new Set<string>();
  for (const name of names) {
    ids.add(name);
    const started = name.indexOf(' > ');
    if (started > 0) ids.add(name.slice(0, started));
  }
  return [...ids].filter((id) => !/[\r\n]/.test(id)).join('\n') + '\n';
}

/**
 * The deep pass of one side: the command again, running only the tests `only` names (all, without
 * it or without the first run's figures), each test's body called `repeats` times, once more
 * counting objects, once more under the peak hooks where asked, and `iterations` times for the
 * leak check; then, when a process is among them, `repeats` − 1 further runs of the command for
 * its further measurements. The scenarios `only` leaves out keep the first run's figures. When
 * the pass fails as a whole, the log says why and the first run's figures stand.
 */
/** Why the deep pass runs what it runs: "2 scenarios that differed and 1 test for its leak budget marker". */
function depthScope(only: ReadonlySet<string>, forMarkers: readonly string[]): string {
  const marked = new Set(forMarkers.filter((name) => only.has(name))).size;
  const differed = only.size - marked;
  const parts = [
    ...(differed > 0 || marked === 0
      ? [`${differed} scenario${differed === 1 ? '' : 's'} that differed`]
      : []),
    ...(marked > 0
      ? [
          `${marked} test${marked === 1 ? '' : 's'} that did not differ, for ` +
            `${marked === 1 ? 'its' : 'their'} leak budget marker${marked === 1 ? '' : 's'}`,
        ]
      : []),
  ];
  return parts.join(' and ');
}

async function measureInDepth(
  command: string,
  workingDirectory: string,
  checkoutDir: string,
  options: SideOptions,
  sessions: Sessions,
): Promise<SideOutcome> {
  const { log } = options;
  const earlier = options.sameAs;
  const only = earlier && options.only ? new Set(options.only) : undefined;
  if (only && only.size === 0) return { kind: 'measured', snapshot: earlier! };
  const selection: { ALLOCDIFF_TESTS?: string } = only
    ? { ALLOCDIFF_TESTS: selectionFile([...only]) }
    : {};
  const repeats = options.repeats ?? 1;
  const iterations = options.iterations ?? 0;
  const peaks = peakTargets(options.peakSites, earlier);
  const retention = retentionFiles(options);
  log.info(
    `in depth: ${only ? depthScope(only, options.onlyForMarkers ?? []) : 'every test'}` +
      ` (repeats: ${repeats}${iterations > 0 ? `, leak check: ${iterations} calls` : ''})`,
  );
  const firstFigures = (why: string): SideOutcome => {
    log.warning(`no measurement in depth: ${why}; the first run's figures stand`);
    const missed = { what: DEPTH_MISSED, why };
    return {
      kind: 'measured',
      snapshot: { ...earlier!, unmeasured: [...earlier!.unmeasured, missed] },
    };
  };
  // The tests of this side the pass runs, for the log's count of those done.
  const tests = (earlier?.scenarios ?? []).filter(
    (s) => s.kind === 'test' && (!only || only.has(s.name)),
  ).length;
  const deep = await runCommand(
    command,
    workingDirectory,
    checkoutDir,
    options,
    {
      session: 'reuse',
      ...(tests > 0 ? { progress: tests } : {}),
      depth: {
        repeats,
        iterations,
        objectTypes: options.objectTypes === true,
        everyPeak: peaks === true,
      },
      files: {
        ...selection,
        ...(options.objectTypes === true && options.objectTypesOf
          ? { ALLOCDIFF_OBJECT_TYPES_TESTS: selectionFile(options.objectTypesOf) }
          : {}),
        ...(typeof peaks === 'string' ? { ALLOCDIFF_PEAK_TARGETS: peaks } : {}),
        ...retention,
      },
    },
    sessions,
  );
  if (earlier && deep.kind === 'failed') return firstFigures(deep.error.message);
  if (earlier && deep.kind === 'measured' && deep.commandFailure)
    return firstFigures(deep.commandFailure.message);
  if (deep.kind !== 'measured') return deep;
  let snapshot = deep.snapshot;

  // A process's further measurements: further runs of the command (its tests' bodies once).
  const processes = snapshot.scenarios.filter(
    (s) => s.kind === 'process' && s.status === 'ok' && (!only || only.has(s.name)),
  );
  if (processes.length > 0 && repeats > 1) {
    const runs = [{ ...snapshot, scenarios: processes }];
    for (let index = 2; index <= repeats; index += 1) {
      log.info(`processes: measurement ${index} of ${repeats} (the command again)`);
      const run = await runCommand(command, workingDirectory, checkoutDir, options, {
        setup: false,
        files: only ? { ALLOCDIFF_TESTS: selectionFile(processes.map((s) => s.name)) } : {},
      });
      if (run.kind !== 'measured' || run.commandFailure) {
        log.warning(
          `processes measured ${index - 1} time${index === 2 ? '' : 's'}: ` +
            (run.kind === 'measured'
              ? run.commandFailure!.message
              : run.kind === 'failed'
                ? run.error.message
                : 'nothing measured'),
        );
        break;
      }
      runs.push(run.snapshot);
    }
    const merged = new Map(mergeProcessRepeats(runs).scenarios.map((s) => [s.name, s]));
    snapshot = {
      ...snapshot,
      scenarios: snapshot.scenarios.map((s) => merged.get(s.name) ?? s),
    };
  }
  if (!only || !earlier) return { kind: 'measured', snapshot };

  // The scenarios that differed, measured in depth; the others as the first run measured them.
  const measured = new Map(
    snapshot.scenarios.filter((s) => only.has(s.name)).map((s) => [s.name, s]),
  );
  for (const first of earlier.scenarios) keepColdCall(first, measured.get(first.name));
  const scenarios = earlier.scenarios.map((s) => measured.get(s.name) ?? s);
  const known = new Set(earlier.scenarios.map((s) => s.name));
  scenarios.push(...[...measured.values()].filter((s) => !known.has(s.name)));
  const notes = new Set(earlier.unmeasured.map((note) => JSON.stringify(note)));
  const unmeasured = [
    ...earlier.unmeasured.filter((note) => !note.scenario || !only.has(note.scenario)),
    ...snapshot.unmeasured.filter(
      (note) =>
        (note.scenario && only.has(note.scenario)) ||
        (!note.scenario && !notes.has(JSON.stringify(note))),
    ),
  ];
  return {
    kind: 'measured',
    snapshot: { ...earlier, repeats, iterations, scenarios, unmeasured },
  };
}

/**
 * A test's first call in the first run (`first`), kept on its scenario of the deep pass (`deep`)
 * as a cold call (`coldCalls`): the deep pass's own first call of the test is cold too, and only
 * another cold call can confirm it, since the later calls of the same process find what the
 * first one filled (a module-level cache) already there. Nothing when either call failed.
 */
function keepColdCall(first: SnapshotScenario, deep: SnapshotScenario | undefined): void {
  if (deep === undefined || deep.kind !== 'test' || first.kind !== 'test') return;
  if (first.status !== 'ok' || deep.status !== 'ok' || first.repeats.length === 0) return;
  deep.coldCalls = [...(first.coldCalls ?? []), first.repeats[0]];
}

/**
 * The files of a deep pass that looks for retention paths (head's, where retained memory grew):
 * the sites whose objects' paths are wanted (`ALLOCDIFF_RETENTION_SITES`, as a script's
 * `--retention-sites`) and the scenarios whose first measured call walks
 * (`ALLOCDIFF_RETENTION_SCENARIOS`: the tests and processes whose retained memory grew); none
 * when no site is asked for.
 */
function retentionFiles(options: SideOptions): Record<string, string> {
  const sites = options.retentionSites ?? [];
  if (sites.length === 0) return {};
  const scenarios = (options.retentionScenarios ?? []).filter((name) => !/[\r\n]/.test(name));
  options.log.info(
    `what keeps the objects of ${sites.length} grown site${sites.length === 1 ? '' : 's'} ` +
      `alive: ${sites.join(', ')}` +
      (options.retentionScenarios
        ? `, in ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'} whose retained memory grew`
        : ''),
  );
  return {
    ALLOCDIFF_RETENTION_SITES: `${sites.join('\n')}\n`,
    ...(options.retentionScenarios
      ? { ALLOCDIFF_RETENTION_SCENARIOS: scenarios.map((name) => `${name}\n`).join('') }
      : {}),
  };
}

/**
 * What the peak pass of a command is asked: `true` for every test it runs (no reference), the
 * `ALLOCDIFF_PEAK_TARGETS` file for the tests named (each aiming at the peak the first run
 * measured of it), or undefined for none.
 */
function peakTargets(
  asked: SideOptions['peakSites'],
  earlier: Snapshot | undefined,
): true | string | undefined {
  if (!asked || (Array.isArray(asked) && asked.length === 0)) return undefined;
  const tests = (earlier?.scenarios ?? []).filter(
    (s) =>
      s.kind === 'test' &&
      s.status === 'ok' &&
      !/[\r\n]/.test(s.name) &&
      (asked === true || asked.includes(s.name)),
  );
  if (asked === true && tests.length === 0) return true;
  return tests.map((s) => `${s.peakBytes} ${s.name}\n`).join('');
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

/** What a deep pass measures of each test beyond its measured call (command.py's `Depth`). */
interface DepthAsked {
  repeats: number;
  iterations: number;
  objectTypes: boolean;
  /** The sites at the peak of every test (no reference to aim at). */
  everyPeak: boolean;
}

/** The harness's files a measuring run may be given (command.py, selection.py). */
type HarnessFile =
  | 'ALLOCDIFF_TESTS'
  | 'ALLOCDIFF_OBJECT_TYPES_TESTS'
  | 'ALLOCDIFF_SKIP_TESTS'
  | 'ALLOCDIFF_SKIP_FILES'
  | 'ALLOCDIFF_PEAK_TARGETS'
  | 'ALLOCDIFF_RETENTION_SITES'
  | 'ALLOCDIFF_RETENTION_SCENARIOS'
  | 'ALLOCDIFF_TRACEBACK_SITES';

const HARNESS_FILES: readonly HarnessFile[] = [
  'ALLOCDIFF_TESTS',
  'ALLOCDIFF_OBJECT_TYPES_TESTS',
  'ALLOCDIFF_SKIP_TESTS',
  'ALLOCDIFF_SKIP_FILES',
  'ALLOCDIFF_PEAK_TARGETS',
  'ALLOCDIFF_RETENTION_SITES',
  'ALLOCDIFF_RETENTION_SCENARIOS',
  'ALLOCDIFF_TRACEBACK_SITES',
];

/** The digits every number given to the harness is written with (zeros first). */
const NUMBER_DIGITS = 10;

/** What a run of the command is for, beyond a plain measuring run. */
interface CommandPass {
  /** Whether `setup` runs first (not in the traceback pass: it ran in this checkout). */
  setup?: boolean;
  /** The deep pass: what it measures beyond each test's measured call. */
  depth?: DepthAsked;
  /** Files for the harness: each written, and its path given in the variable it is named by. */
  files?: Partial<Record<HarnessFile, string>>;
  /**
   * `start`: a pytest command alone serves its later passes from this start (the first run;
   * pytest-session.ts); `reuse`: this pass runs in the session the first run left waiting,
   * when there is one (the deep pass, the traceback pass).
   */
  session?: 'start' | 'reuse';
  /** The deep pass's tests: how many, the log telling how far it has got (deep-progress.ts). */
  progress?: number;
}

/** The pytest sessions left waiting for their next pass, by checkout. */
type Sessions = Map<string, { session: PytestSession; runner: SideRunner; workDir: string }>;

/** A pytest session started ahead of its first run, with the test files it did not collect. */
interface Early {
  session: PytestSession;
  runner: SideRunner;
  workDir: string;
  skipFiles: string;
}

/**
 * Starts a pytest command ahead of its first run (its setup, if any, already ran): pytest
 * starts and collects (the test files `options.skipFiles` names left out), then waits for its
 * first pass, which `takeEarly` asks of it with the tests to deselect.
 */
async function startAhead(
  command: string,
  workingDirectory: string,
  checkoutDir: string,
  options: SideOptions,
): Promise<Early | undefined> {
  const cwd = join(checkoutDir, workingDirectory);
  if (!existsSync(cwd)) return undefined;
  const runner = await SideRunner.start(checkoutDir, options, { setup: false });
  if ('failure' in runner) return undefined;
  const workDir = await runner.workDir('allocdiff-command-');
  const { variables } = await passFiles(workDir, checkoutDir, options, {}, 1);
  const dir = sessionDir(workDir);
  await mkdir(dir);
  options.log.info(
    `${command}: pytest starts and collects now, its first run waiting for base's reads`,
  );
  const session = await PytestSession.ahead(runner, command, cwd, variables, dir, options.log);
  return { session, runner, workDir, skipFiles: (options.skipFiles ?? []).join('\n') };
}

/**
 * The session started ahead for `checkoutDir`, when its first run can be its: it collected
 * the same test files and waits, its tests collected. Otherwise (it cannot serve, it ended, the
 * test files differ) it is ended, and undefined: the first run starts the command as usual.
 */
async function takeEarly(
  ahead: Map<string, Promise<Early | undefined>>,
  checkoutDir: string,
  options: SideOptions,
): Promise<Early | undefined> {
  const waiting = ahead.get(checkoutDir);
  if (!waiting) return undefined;
  ahead.delete(checkoutDir);
  const early = await waiting;
  if (!early) return undefined;
  if (early.skipFiles === (options.skipFiles ?? []).join('\n') && (await early.session.ready())) {
    return early;
  }
  options.log.info('the pytest session started ahead does not serve: pytest starts again');
  await stopSessions(new Map([[checkoutDir, early]]));
  return undefined;
}

/**
 * The harness's variables of a measuring run. Every run of a side gets the same names, with
 * values of the same length: a number has `NUMBER_DIGITS` digits, and a file not given is as
 * many spaces as its path would have bytes (the harness reads a blank value as none). Python
 * copies its environment into its heap before anything is measured, and where later objects
 * land changes what some of the interpreter's own work allocates, and so a whole process's
 * peak: a process measured in the first run, the deep pass and its further runs starts from
 * the same heap only when their environments have the same shape.
 */
async function harnessVariables(
  workDir: string,
  fixed: Record<string, string>,
  frames: number,
  depth: DepthAsked | undefined,
  files: Partial<Record<HarnessFile, string>>,
): Promise<Record<string, string>> {
  const number = (value: number) => String(value).padStart(NUMBER_DIGITS, '0');
  const variables: Record<string, string> = {
    ...fixed,
    ALLOCDIFF_FRAMES: number(frames),
    ALLOCDIFF_REPEATS: number(depth?.repeats ?? 1),
    ALLOCDIFF_ITERATIONS: number(depth?.iterations ?? 0),
    ALLOCDIFF_OBJECT_TYPES: depth?.objectTypes ? '1' : '0',
    ALLOCDIFF_PEAK_SITES: depth?.everyPeak ? '1' : '0',
  };
  for (const variable of HARNESS_FILES) {
    const path = join(workDir, `${variable.toLowerCase()}.txt`);
    const content = files[variable];
    if (content === undefined) {
      variables[variable] = ' '.repeat(Buffer.byteLength(path));
    } else {
      await writeFile(path, content);
      variables[variable] = path;
    }
  }
  // A pytest session's own (pytest-session.ts), blank here: the session gives them values of
  // this length, and each pass forked from it has them blank again.
  return { ...variables, ...blankSessionVariables(sessionDir(workDir)) };
}

/**
 * Runs the command in one side's checkout: setup first, unless `pass.setup` is false. The
 * traceback pass has `ALLOCDIFF_TRACEBACK_SITES` (the file of `path:line` sites to keep
 * tracebacks for) among its variables, and traces `options.frames` frames. Never throws for
 * what the command does: each Python process that raised is a failed scenario, what was
 * measured is kept. With `sessions`, a pytest command's first run may leave its session waiting
 * there for the passes that reuse it (`pass.session`).
 */
async function runCommand(
  command: string,
  workingDirectory: string,
  checkoutDir: string,
  options: SideOptions,
  pass: CommandPass = {},
  sessions?: Sessions,
): Promise<CommandRun> {
  const { log } = options;
  const cwd = join(checkoutDir, workingDirectory);
  if (!existsSync(cwd)) {
    log.info(`${workingDirectory} does not exist in this commit: nothing to measure`);
    return { kind: 'absent' };
  }
  const waiting = sessions?.get(checkoutDir);
  if (waiting && pass.session === 'reuse' && waiting.session.serving) {
    return runInSession(command, checkoutDir, options, pass, sessions!);
  }
  if (waiting && pass.session === 'start') {
    sessions!.delete(checkoutDir);
    await stopSessions(new Map([[checkoutDir, waiting]]));
  }
  const runner = await SideRunner.start(checkoutDir, options, { setup: pass.setup ?? true });
  if ('failure' in runner) return { kind: 'failed', error: runner.failure };

  const frames = passFrames(options, pass);
  const workDir = await runner.workDir('allocdiff-command-');
  let kept = false;
  let merge: PendingMerge | undefined;
  let unwatch: (() => void) | undefined;
  try {
    const { partials, variables } = await passFiles(workDir, checkoutDir, options, pass, frames);
    unwatch = pass.progress ? watchProgress(partials, pass.progress, log) : undefined;
    const serve = sessions !== undefined && pass.session === 'start' && isPytestAlone(command);
    log.info(commandLine(command, options, frames));
    merge = startMerge(runner, checkoutDir, partials, frames);
    if (serve) {
      const dir = sessionDir(workDir);
      await mkdir(dir);
      const started = await PytestSession.start(runner, command, cwd, variables, dir, log);
      if (started.kind === 'serving') {
        sessions.set(checkoutDir, { session: started.session, runner, workDir });
        kept = true;
        log.info(
          'pytest collected once: it waits, its tests collected, for the passes that follow ' +
            '(each in a process forked from it)',
        );
        const { result } = started.first;
        const fixed = started.session.fixedAddresses;
        return await mergePass(runner, merge, result, fixed, log);
      }
      const { result, fixedAddresses } = started.run;
      return await mergePass(runner, merge, result, fixedAddresses, log);
    }
    const { result, fixedAddresses } = await runner.injected(command, cwd, variables);
    return await mergePass(runner, merge, result, fixedAddresses, log);
  } finally {
    await merge?.abandon();
    unwatch?.();
    if (!kept) await rm(workDir, { recursive: true, force: true });
  }
}

/** The frames a pass traces: the traceback pass's, else one. */
function passFrames(options: SideOptions, pass: CommandPass): number {
  return pass.files?.ALLOCDIFF_TRACEBACK_SITES !== undefined ? options.frames : 1;
}

/** What the log says a pass runs. */
function commandLine(command: string, options: SideOptions, frames: number): string {
  const skip = options.skipTests?.length ?? 0;
  const fileCount = options.skipFiles?.length ?? 0;
  return (
    `${command} with every Python process under tracemalloc (frames: ${frames})` +
    (skip > 0 ? `, ${skip} unchanged tests deselected` : '') +
    (fileCount > 0 ? `, ${fileCount} test files not collected` : '')
  );
}

/**
 * A pass's folder of processes' results in `workDir`, its files written there, and the
 * variables that name them (one shape for every pass: `harnessVariables`).
 */
async function passFiles(
  workDir: string,
  checkoutDir: string,
  options: SideOptions,
  pass: CommandPass,
  frames: number,
): Promise<{ partials: string; variables: Record<string, string> }> {
  const partials = join(workDir, 'processes');
  await mkdir(partials);
  const skip = options.skipTests ?? [];
  const variables = await harnessVariables(
    workDir,
    { ALLOCDIFF_COMMAND_DIR: partials, ALLOCDIFF_ROOT: checkoutDir },
    frames,
    pass.depth,
    {
      ...pass.files,
      ...(skip.length > 0 ? { ALLOCDIFF_SKIP_TESTS: `${skip.join('\n')}\n` } : {}),
      ...skipFilesVariable(options),
    },
  );
  return { partials, variables };
}

/**
 * A pass in the pytest session the first run left waiting: no new start, no collection; its
 * files in a folder of their own. A session that ended before the pass did is gone: what its
 * processes wrote is still merged.
 */
async function runInSession(
  command: string,
  checkoutDir: string,
  options: SideOptions,
  pass: CommandPass,
  sessions: Sessions,
  started: 'first run' | 'ahead' = 'first run',
): Promise<CommandRun> {
  const { session, runner, workDir } = sessions.get(checkoutDir)!;
  const frames = passFrames(options, pass);
  // A folder of the same length as a run's own (`runCommand`): the pass's variables have the
  // shape of every other run's.
  const passDir = await runner.workDir('allocdiff-command-');
  let merge: PendingMerge | undefined;
  let unwatch: (() => void) | undefined;
  try {
    const { partials, variables } = await passFiles(passDir, checkoutDir, options, pass, frames);
    unwatch = pass.progress ? watchProgress(partials, pass.progress, options.log) : undefined;
    options.log.info(
      `${commandLine(command, options, frames)}, in the pytest session ` +
        `${started === 'ahead' ? 'started ahead' : 'of the first run'} (no new start, its tests collected)`,
    );
    merge = startMerge(runner, checkoutDir, partials, frames);
    const end = await session.pass(variables, options.log);
    if (end.kind === 'done') {
      const fixed = session.fixedAddresses;
      return await mergePass(runner, merge, end.result, fixed, options.log);
    }
    sessions.delete(checkoutDir);
    options.log.warning(
      `the pytest session ended before this pass did: ${runner.describeExit('it', end.run.result)}`,
    );
    await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
    const { result, fixedAddresses } = end.run;
    return await mergePass(runner, merge, result, fixedAddresses, options.log);
  } finally {
    await merge?.abandon();
    unwatch?.();
    await rm(passDir, { recursive: true, force: true });
  }
}

/**
 * The merge of a pass's results (`python -m allocdiff_harness.aggregate`), started with the
 * pass and waiting for it (aggregate.py's `--after`): the interpreter's start and the harness's
 * imports are made while the pass runs, not between its end and its snapshot. `go` lets it
 * merge (the pass has ended); `abandon`, on a pass that ended otherwise (an error, a stop),
 * lets it end and waits for it, whatever it did.
 */
interface PendingMerge {
  snapshotPath: string;
  go(): Promise<ProcessResult>;
  abandon(): Promise<void>;
}

function startMerge(
  runner: SideRunner,
  checkoutDir: string,
  partials: string,
  frames: number,
): PendingMerge {
  const snapshotPath = join(dirname(partials), 'snapshot.json');
  const after = join(dirname(partials), 'merge.go');
  const result = runner.tool('allocdiff_harness.aggregate', [
    '--dir',
    partials,
    '--root',
    checkoutDir,
    '--out',
    snapshotPath,
    '--frames',
    String(frames),
    '--after',
    after,
  ]);
  // Awaited by `go` or `abandon`; a stop (Ctrl-C) while the pass runs is the pass's to report.
  result.catch(() => undefined);
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await writeFile(after, '');
  };
  return {
    snapshotPath,
    go: async () => {
      await release();
      return result;
    },
    abandon: async () => {
      if (released) return;
      await release().catch(() => undefined);
      await result.catch(() => undefined);
    },
  };
}

/**
 * What a pass's processes wrote, merged into the side's snapshot by `pending` (started with
 * the pass); `run`: how the command (or the session's pass) ended.
 */
async function mergePass(
  runner: SideRunner,
  pending: PendingMerge,
  run: ProcessResult,
  fixedAddresses: boolean,
  log: Logger,
): Promise<CommandRun> {
  const { snapshotPath } = pending;
  const merge = await pending.go();
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
  logUnmeasured(log, snapshot.unmeasured);
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
}

/** Ends the pytest sessions left waiting (none is asked for another pass). */
async function stopSessions(sessions: Sessions): Promise<void> {
  const waiting = [...sessions.values()];
  sessions.clear();
  await Promise.all(
    waiting.map(async ({ session, workDir }) => {
      try {
        await session.stop();
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    }),
  );
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
    const skipped = options.skipFiles?.length ?? 0;
    options.log.info(
      `${command}, untraced, recording what each test reads` +
        (skipped > 0 ? ` (${skipped} test files not collected)` : ''),
    );
    const files: Record<string, string> = {};
    for (const [variable, content] of Object.entries(skipFilesVariable(options))) {
      files[variable] = join(workDir, `${variable.toLowerCase()}.txt`);
      await writeFile(files[variable], content);
    }
    const { result: run } = await runner.injected(command, cwd, {
      ALLOCDIFF_COMMAND_DIR: workDir,
      ALLOCDIFF_ROOT: checkoutDir,
      ALLOCDIFF_RECORD_READS: '1',
      // pytest alone: its process ends once what its tests read is written (the plugin's
      // `EndAtFinish`), without the rest of pytest's finish, which nothing after it reads.
      ...(isPytestAlone(command) ? { ALLOCDIFF_PYTEST_ALONE: '1' } : {}),
      ...files,
    });
    if (run.timedOut) return { failure: runner.describeExit('the command', run) };
    return await readTestReads(workDir);
  } catch (error) {
    // A run stopped on purpose (Ctrl-C) ends here, as any pass does: it is no failure to read.
    if (stopReason()) throw error;
    return { failure: errorMessage(error) };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** `ALLOCDIFF_SKIP_FILES`'s content: the test files ruled out before anything ran. */
function skipFilesVariable(options: SideOptions): { ALLOCDIFF_SKIP_FILES?: string } {
  const files = options.skipFiles ?? [];
  return files.length > 0 ? { ALLOCDIFF_SKIP_FILES: `${files.join('\n')}\n` } : {};
}

/**
 * The static step (python/allocdiff_harness/imports.py): both checkouts' import graphs, read
 * with the base side's Python, and the test files that reach none of `changed`.
 */
async function ruleOutTests(
  command: string,
  checkouts: { base: string; head: string },
  changed: readonly string[],
  always: readonly string[],
  options: SideOptions,
): Promise<StaticSelection | { failure: string }> {
  const runner = await SideRunner.start(checkouts.base, options, { setup: false });
  if ('failure' in runner) return { failure: runner.failure.message };
  const workDir = await runner.workDir('allocdiff-imports-');
  try {
    const changedFile = join(workDir, 'changed.txt');
    const out = join(workDir, 'imports.json');
    await writeFile(changedFile, changed.filter((path) => !/[\r\n]/.test(path)).join('\n') + '\n');
    const result = await runner.tool('allocdiff_harness.imports', [
      '--side',
      checkouts.base,
      '--side',
      checkouts.head,
      '--changed',
      changedFile,
      ...always.flatMap((path) => ['--always', path]),
      '--command',
      command,
      '--out',
      out,
    ]);
    if (processFailed(result) || !existsSync(out)) {
      return {
        failure: `${runner.describeExit(`${runner.python} -m allocdiff_harness.imports`, result)}: ${lastLines(result.outputTail)}`,
      };
    }
    return await readStaticSelection(out);
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

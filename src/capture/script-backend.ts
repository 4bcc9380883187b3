/**
 * The script backend: a benchmark file run under the harness (`python -m allocdiff_harness
 * --script`) in each side's checkout, as a whole script or as its `bench_*` functions.
 */
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { refuseScriptOutside } from '../sides/contained.js';
import { RANDOM_ADDRESSES } from './address-randomization.js';
import type { CaptureBackend, SideOptions } from './backend.js';
import { mergeProcessRepeats, sameAsFile, sameFigures } from './merge-repeats.js';
import type { SideOutcome } from './outcome.js';
import { lastLines } from './process.js';
import { readSnapshot, SideRunner, sideWorkDir } from './side-runner.js';
import type { ScenarioError, Snapshot } from './snapshot.js';

/** The backend of `script`, relative to the repository's root. */
export function scriptBackend(script: string): CaptureBackend {
  return {
    name: script,
    inDepth: true,
    check: (checkouts) => refuseScriptOutside(script, checkouts),
    measure: (checkoutDir, options) => measureScript(script, checkoutDir, options),
    trace: (checkoutDir, options, sitesFile) =>
      traceScript(script, checkoutDir, options, sitesFile),
    nothingMeasured: (base, head) =>
      base.kind === 'absent' && head.kind === 'absent'
        ? `script "${script}" exists in neither the base nor the head commit ` +
          '(the path is relative to the repository root)'
        : undefined,
  };
}

interface HarnessRun {
  snapshot?: Snapshot;
  /** Why no snapshot came back. */
  failure?: ScenarioError;
}

/**
 * Runs the harness once on `script` with `args` (beyond --script/--root/--out) and reads the
 * snapshot it wrote. Never throws for what the benchmark does. `retentionSites`: the sites whose
 * retention paths it finds, in the file beside the snapshot the harness reads after the measured
 * call (`OUT.retention-sites`), so that the run has the arguments of one that finds none and
 * measures exactly what it would.
 */
async function runHarness(
  runner: SideRunner,
  script: string,
  args: readonly string[],
  retentionSites: readonly string[] = [],
): Promise<HarnessRun> {
  const workDir = await runner.workDir('allocdiff-snapshot-');
  const snapshotPath = join(workDir, 'snapshot.json');
  try {
    if (retentionSites.length > 0)
      await writeFile(`${snapshotPath}.retention-sites`, `${retentionSites.join('\n')}\n`);
    const { result, fixedAddresses } = await runner.harness([
      '--script',
      script,
      '--root',
      runner.checkoutDir,
      '--out',
      snapshotPath,
      ...args,
    ]);
    const output = lastLines(result.outputTail);
    if (result.exitCode !== 0 || !existsSync(snapshotPath)) {
      return {
        failure: {
          type: result.timedOut ? 'TimedOut' : 'HarnessFailed',
          message: runner.describeExit(`${runner.python} -m allocdiff_harness`, result),
          output,
        },
      };
    }
    const snapshot = await readSnapshot(snapshotPath);
    if (!fixedAddresses) snapshot.unmeasured.push(RANDOM_ADDRESSES);
    for (const scenario of snapshot.scenarios) {
      if (scenario.status === 'failed' && scenario.error) scenario.error.output = output;
    }
    return { snapshot };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * Measures one side: `setup`, then the benchmark under the harness, `repeats` times (in one
 * process for `bench_*` functions, in as many processes for a whole script, merged), then,
 * with `peakSites`, one hooked run for the sites at the peak (capturePeakSites). Everything the
 * side runs shares one deadline (`timeoutMinutes`). A script that does not exist on this side
 * is absent ("new").
 */
async function measureScript(
  script: string,
  checkoutDir: string,
  options: SideOptions,
): Promise<SideOutcome> {
  const { log } = options;
  if (!existsSync(join(checkoutDir, script))) {
    log.info(`${script} does not exist in this commit: nothing to measure`);
    return { kind: 'absent' };
  }
  const failed = (error: ScenarioError): SideOutcome => ({ kind: 'failed', error });
  const runner = await SideRunner.start(checkoutDir, options);
  if ('failure' in runner) return failed(runner.failure);

  const repeats = options.repeats ?? 1;
  const iterations = options.iterations ?? 0;
  const objectTypes = options.objectTypes ?? true;
  log.info(
    `${runner.python} ${script} under tracemalloc (repeats: ${repeats}` +
      `${iterations > 0 ? `, leak check: ${iterations} calls` : ''})`,
  );
  const measuring = ['--frames', '1', '--repeats', String(repeats)];
  const earlier = options.sameAs;
  const sameAs = earlier && repeats > 1 ? sameAsFile(earlier) : undefined;
  const retention = options.retentionSites ?? [];
  const filesDir = sameAs ? await sideWorkDir(options.env, 'allocdiff-first-') : undefined;
  let first: HarnessRun;
  try {
    if (sameAs) await writeFile(join(filesDir!, 'figures.txt'), sameAs);
    if (retention.length > 0)
      log.info(
        `what keeps the objects of ${retention.length} grown site` +
          `${retention.length === 1 ? '' : 's'} alive: ${retention.join(', ')}`,
      );
    first = await runHarness(
      runner,
      script,
      [
        ...measuring,
        ...(iterations > 0 ? ['--iterations', String(iterations)] : []),
        ...(objectTypes ? [] : ['--no-object-types']),
        ...(sameAs ? ['--same-as', join(filesDir!, 'figures.txt')] : []),
      ],
      retention,
    );
  } finally {
    if (filesDir) await rm(filesDir, { recursive: true, force: true });
  }
  if (!first.snapshot) return failed(first.failure!);
  let snapshot = first.snapshot;
  for (const note of snapshot.unmeasured) {
    log.info(
      `not measured: ${note.what}${note.scenario ? ` of ${note.scenario}` : ''}: ${note.why}`,
    );
  }

  for (const scenario of snapshot.scenarios) {
    if (scenario.identicalRuns !== undefined)
      log.info(
        `${scenario.name}: its first call measured exactly what the first run did: ` +
          `${scenario.identicalRuns} identical runs, no further calls`,
      );
  }

  // A whole script runs once per process: its further repeats are further processes. Counting
  // objects may move a few blocks (the collector runs), so a counted run is a measurement only
  // when it gives exactly what a plain one did: with object types, the measurements are the
  // plain processes after it. A first, plain run of this side (`sameAs`) is the first of them;
  // as soon as a process measures exactly what it did, the figures are proven and no further
  // process runs. The counted run is such a process when its figures are the first run's.
  const isScript = snapshot.scenarios.some((scenario) => scenario.kind === 'script');
  if (isScript && repeats > 1 && snapshot.scenarios.every((s) => s.status === 'ok')) {
    const plain = objectTypes ? repeats - 1 : repeats;
    const reused = earlier && sameScenarios(earlier, snapshot) ? earlier : undefined;
    const countedProves = objectTypes && reused !== undefined && identical(reused, snapshot);
    const runs = objectTypes && !countedProves ? [] : [snapshot];
    if (reused) runs.unshift(reused);
    let proven = reused !== undefined && runs.length === 2 && identical(runs[0], runs[1]);
    for (let index = runs.length + 1; index <= plain && !proven; index += 1) {
      log.info(`measurement ${index} of ${plain} (a new process)`);
      const run = await runHarness(runner, script, [...measuring, '--no-object-types']);
      if (!run.snapshot) return failed(run.failure!);
      runs.push(run.snapshot);
      proven = reused !== undefined && identical(reused, run.snapshot);
    }
    if (proven)
      log.info(
        `${countedProves ? 'the process counting objects' : 'a new process'} measured exactly ` +
          `what the first run did: ${runs.length} identical runs` +
          (runs.length < (countedProves ? repeats : plain) ? ', no further repeats' : ''),
      );
    // The first run's object counts and retention paths stand for the merged scenario.
    const counted = snapshot;
    snapshot = mergeProcessRepeats(runs);
    for (const scenario of snapshot.scenarios) {
      const own = counted.scenarios.find((s) => s.name === scenario.name);
      if (objectTypes && own?.objectTypes) scenario.objectTypes = own.objectTypes;
      if (own?.retention) scenario.retention = own.retention;
    }
    if (proven) for (const scenario of snapshot.scenarios) scenario.identicalRuns = runs.length;
  }

  await capturePeakSites(runner, script, options, snapshot);
  return { kind: 'measured', snapshot };
}

/** Whether two runs of a whole script measured the same scenarios, with the same figures. */
function identical(a: Snapshot, b: Snapshot): boolean {
  return (
    sameScenarios(a, b) &&
    a.scenarios.every((scenario, index) => sameFigures(scenario, b.scenarios[index]!))
  );
}

/** Whether two runs measured the same scenarios (names and kinds, in order), each ok. */
function sameScenarios(a: Snapshot, b: Snapshot): boolean {
  return (
    a.scenarios.length === b.scenarios.length &&
    a.scenarios.every(
      (scenario, index) =>
        scenario.status === 'ok' &&
        scenario.name === b.scenarios[index]!.name &&
        scenario.kind === b.scenarios[index]!.kind,
    )
  );
}

/** The harness's note on a whole script whose peak came while the peak hooks were off. */
const HOOKS_MISSED = 'sites at the peak, with the hooks on near it only';

/**
 * The peak pass: one more harness run, under the peak hooks, for the scenarios `peakSites` asks
 * for; their `peak` is set from it. It aims at the peak each measured (a whole script's, or the
 * first call's of a function: the figure the report shows), so the sites are those of that
 * peak; functions are called as the measuring run called them, so each finds what it found.
 * The sites are an aid: when the run fails, the log says so and the measurements stand.
 */
async function capturePeakSites(
  runner: SideRunner,
  script: string,
  options: SideOptions,
  snapshot: Snapshot,
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
  const wholeScript = wanted.find((scenario) => scenario.kind === 'script');
  const functions = wanted.filter((scenario) => scenario.kind === 'function');
  const workDir = await sideWorkDir(options.env, 'allocdiff-peaks-');
  try {
    const targetsFile = join(workDir, 'peak-targets.txt');
    if (functions.length > 0)
      await writeFile(targetsFile, functions.map((f) => `${f.name} ${f.peakBytes}\n`).join(''));
    const iterations = options.iterations ?? 0;
    const hooked = (everywhere: boolean) =>
      runHarness(runner, script, [
        '--frames',
        '1',
        '--repeats',
        String(options.repeats ?? 1),
        ...(iterations > 0 ? ['--iterations', String(iterations)] : []),
        '--peak-sites',
        '--no-object-types',
        ...(wholeScript ? ['--peak-target', String(Math.max(1, wholeScript.peakBytes))] : []),
        ...(everywhere ? ['--peak-everywhere'] : []),
        ...(functions.length > 0 ? ['--peak-targets', targetsFile] : []),
      ]);
    let run = await hooked(false);
    // The hooks are on only near the peak; a whole script whose peak came while they were off
    // runs again with them on throughout (functions are called again in the same run).
    const missed = run.snapshot?.unmeasured.find((note) => note.what === HOOKS_MISSED);
    if (wholeScript && missed) {
      options.log.info(`${missed.why}: again with the hooks on throughout`);
      run = await hooked(true);
    }
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
        options.log.warning(`no sites at the peak of ${note.scenario ?? script}: ${note.why}`);
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The traceback pass of a script: the harness with `--traceback-sites`, one repeat. */
async function traceScript(
  script: string,
  checkoutDir: string,
  options: SideOptions,
  sitesFile: string,
): Promise<SideOutcome> {
  const runner = await SideRunner.start(checkoutDir, options, { setup: false });
  if ('failure' in runner) return { kind: 'failed', error: runner.failure };
  const run = await runHarness(runner, script, [
    '--frames',
    String(options.frames),
    '--repeats',
    '1',
    '--no-object-types',
    '--traceback-sites',
    sitesFile,
  ]);
  return run.snapshot
    ? { kind: 'measured', snapshot: run.snapshot }
    : { kind: 'failed', error: run.failure! };
}

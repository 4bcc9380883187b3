/**
 * The script backend: a benchmark file run under the harness (`python -m allocdiff_harness
 * --script`) in each side's checkout, as a whole script or as its `bench_*` functions.
 */
import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { refuseScriptOutside } from '../sides/contained.js';
import { RANDOM_ADDRESSES } from './address-randomization.js';
import type { CaptureBackend, SideOptions } from './backend.js';
import { mergeProcessRepeats, sameAsFile, sameFigures } from './merge-repeats.js';
import type { SideOutcome } from './outcome.js';
import { lastLines } from './process.js';
import { logUnmeasured, readSnapshot, SideRunner, sideWorkDir } from './side-runner.js';
import { PEAK_SITES_MISSED, type ScenarioError, type Snapshot } from './snapshot.js';

/** The backend of `script`, relative to the repository's root. */
export function scriptBackend(script: string): CaptureBackend {
  return {
    name: script,
    inDepth: true,
    check: (checkouts) => refuseScriptOutside(script, checkouts),
    measure: (checkoutDir, options) => measureScript(script, checkoutDir, options),
    measureAtOnce: (checkoutDir, options, ahead, decide) =>
      measureScriptAtOnce(script, checkoutDir, options, ahead, decide),
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
 * measures exactly what it would. A promise: the sites are known only later (from a run made at
 * the same time); the harness, once it has measured, waits for them (`OUT.retention-sites.pending`
 * says they are coming), and the list is written whole as soon as the promise settles.
 */
async function runHarness(
  runner: SideRunner,
  script: string,
  args: readonly string[],
  retentionSites: readonly string[] | Promise<readonly string[]> = [],
): Promise<HarnessRun> {
  const workDir = await runner.workDir('allocdiff-snapshot-');
  const snapshotPath = join(workDir, 'snapshot.json');
  const list = `${snapshotPath}.retention-sites`;
  const writeList = async (sites: readonly string[]) => {
    await writeFile(`${list}.partial`, sites.map((site) => `${site}\n`).join(''));
    await rename(`${list}.partial`, list);
  };
  let written: Promise<void> | undefined;
  try {
    if (Array.isArray(retentionSites)) {
      if (retentionSites.length > 0) await writeList(retentionSites);
    } else {
      await writeFile(`${list}.pending`, '');
      // Never left waiting: a list that cannot be known is an empty one.
      written = Promise.resolve(retentionSites)
        .catch(() => [])
        .then(writeList);
    }
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
    await written?.catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * A measuring run of the harness: `args`, with `--same-as` in a new folder of the side's own
 * when given, and the retention sites beside its snapshot (runHarness).
 */
async function measureOnce(
  runner: SideRunner,
  script: string,
  args: readonly string[],
  files: { sameAs?: string; retention?: readonly string[] } = {},
): Promise<HarnessRun> {
  if (!files.sameAs) return runHarness(runner, script, args, files.retention);
  const dir = await runner.workDir('allocdiff-first-');
  try {
    await writeFile(join(dir, 'figures.txt'), files.sameAs);
    return await runHarness(
      runner,
      script,
      [...args, '--same-as', join(dir, 'figures.txt')],
      files.retention,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
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
  if (retention.length > 0) {
    log.info(
      `what keeps the objects of ${retention.length} grown site` +
        `${retention.length === 1 ? '' : 's'} alive: ${retention.join(', ')}`,
    );
  }
  const first = await measureOnce(
    runner,
    script,
    [
      ...measuring,
      ...(iterations > 0 ? ['--iterations', String(iterations)] : []),
      ...countingArgs(objectTypes ? 'around' : options.objectTypesLater ? 'before' : 'none'),
    ],
    { sameAs, retention },
  );
  return settle(runner, script, options, first);
}

/**
 * How a measuring run counts live objects by type: `around` each scenario's first call (the
 * counts the report shows), `before` a whole script's call only (no counts: its call starts
 * as a counting run's does, so the two measure the same figures), or `none`. The options of
 * `around` and `before` have the same shape: a run's arguments are memory it holds, and
 * a different layout moves a whole script's peak by a few bytes.
 */
function countingArgs(counting: 'around' | 'before' | 'none'): string[] {
  return counting === 'none' ? ['--no-object-types'] : ['--count-objects', counting];
}

/**
 * What a side measured from its first measuring run of this pass (`first`, which counted
 * objects when the pass counts them): for a whole script, further processes (counting
 * before the call, as `first` did) until one proves the first run; then the sites at the
 * peak.
 */
async function settle(
  runner: SideRunner,
  script: string,
  options: SideOptions,
  first: HarnessRun,
): Promise<SideOutcome> {
  const { log } = options;
  const failed = (error: ScenarioError): SideOutcome => ({ kind: 'failed', error });
  const repeats = options.repeats ?? 1;
  const objectTypes = options.objectTypes ?? true;
  const earlier = options.sameAs;
  const measuring = ['--frames', '1', '--repeats', String(repeats)];
  if (!first.snapshot) return failed(first.failure!);
  let snapshot = first.snapshot;
  logUnmeasured(log, snapshot.unmeasured);

  for (const scenario of snapshot.scenarios) {
    if (scenario.identicalRuns !== undefined)
      log.info(
        `${scenario.name}: its first call measured exactly what the first run did: ` +
          `${scenario.identicalRuns} identical runs, no further calls`,
      );
  }

  // A whole script runs once per process: its further repeats are further processes. Every
  // measuring run of a side counts objects before its call when one of them counts them
  // (after the call, the count changes no figure): so the first run of this pass, which
  // counted, measures what a plain one does. A first, plain run of this side (`sameAs`) is
  // the first of them; as soon as a process measures exactly what it did, the figures are
  // proven and no further process runs.
  const isScript = snapshot.scenarios.some((scenario) => scenario.kind === 'script');
  if (isScript && repeats > 1 && snapshot.scenarios.every((s) => s.status === 'ok')) {
    const reused = earlier && sameScenarios(earlier, snapshot) ? earlier : undefined;
    const runs = reused ? [reused, snapshot] : [snapshot];
    let proven = reused !== undefined && identical(reused, snapshot);
    const plain = countingArgs(objectTypes || options.objectTypesLater ? 'before' : 'none');
    for (let index = runs.length + 1; index <= repeats && !proven; index += 1) {
      log.info(`measurement ${index} of ${repeats} (a new process)`);
      const run = await measureOnce(runner, script, [...measuring, ...plain]);
      if (!run.snapshot) return failed(run.failure!);
      runs.push(run.snapshot);
      proven = reused !== undefined && identical(reused, run.snapshot);
    }
    if (proven)
      log.info(
        'a new process measured exactly what the first run did: ' +
          `${runs.length} identical runs${runs.length < repeats ? ', no further repeats' : ''}`,
      );
    // The object counts and the retention paths of this pass's first run stand for the
    // merged scenario.
    const own = snapshot;
    snapshot = mergeProcessRepeats(runs);
    for (const scenario of snapshot.scenarios) {
      const mine = own.scenarios.find((s) => s.name === scenario.name);
      if (objectTypes && mine?.objectTypes) scenario.objectTypes = mine.objectTypes;
      if (mine?.retention) scenario.retention = mine.retention;
    }
    if (proven) for (const scenario of snapshot.scenarios) scenario.identicalRuns = runs.length;
  }

  await capturePeakSites(runner, script, options, snapshot);
  return { kind: 'measured', snapshot };
}

/**
 * A side's first run and its deep pass at once (CaptureBackend.measureAtOnce): the first run
 * (one process, counting objects before its call only), and beside it a repeat whose
 * retention list is written only once `decide` has read the first run, and which counts
 * objects around its call. Then, as a deep pass does: further repeats until one proves the
 * first run, and the sites at the peak.
 */
async function measureScriptAtOnce(
  script: string,
  checkoutDir: string,
  options: SideOptions,
  ahead: { repeats: number; objectTypes: boolean },
  decide: (first: Snapshot) => Promise<SideOptions | undefined>,
): Promise<{ first: SideOutcome; deep?: SideOutcome }> {
  const { log } = options;
  if (!existsSync(join(checkoutDir, script))) {
    log.info(`${script} does not exist in this commit: nothing to measure`);
    return { first: { kind: 'absent' } };
  }
  const runner = await SideRunner.start(checkoutDir, options);
  if ('failure' in runner) return { first: { kind: 'failed', error: runner.failure } };
  log.info(
    `${runner.python} ${script} under tracemalloc: the first run and a repeat at the same time ` +
      `(the other side needs no run)${ahead.objectTypes ? '; the repeat counts objects' : ''}`,
  );
  // The repeat's retention sites, known once the first run is compared (never left unsettled).
  let settleSites: (sites: readonly string[]) => void = () => undefined;
  const sites = new Promise<readonly string[]>((resolve) => {
    settleSites = resolve;
  });
  const started: Promise<HarnessRun>[] = [];
  try {
    const firstRun = measureOnce(runner, script, [
      '--frames',
      '1',
      '--repeats',
      '1',
      ...countingArgs(options.objectTypesLater ? 'before' : 'none'),
    ]);
    const repeat = runHarness(
      runner,
      script,
      [
        '--frames',
        '1',
        '--repeats',
        String(ahead.repeats),
        ...countingArgs(ahead.objectTypes ? 'around' : 'none'),
      ],
      sites,
    );
    started.push(firstRun, repeat);
    // Each is awaited below; a stopped run throws from the one awaited first.
    for (const run of started) run.catch(() => undefined);
    const first = await firstRun;
    if (!first.snapshot) return { first: { kind: 'failed', error: first.failure! } };
    const firstOutcome: SideOutcome = { kind: 'measured', snapshot: first.snapshot };
    const whole =
      first.snapshot.scenarios.length > 0 &&
      first.snapshot.scenarios.every((s) => s.kind === 'script' && s.status === 'ok');
    if (!whole) return { first: firstOutcome };
    const deep = await decide(first.snapshot);
    const retention = deep?.retentionSites ?? [];
    if (retention.length > 0)
      log.info(
        `what keeps the objects of ${retention.length} grown site` +
          `${retention.length === 1 ? '' : 's'} alive: ${retention.join(', ')}`,
      );
    settleSites(retention);
    if (
      !deep ||
      (deep.repeats ?? 1) !== ahead.repeats ||
      (deep.objectTypes ?? true) !== ahead.objectTypes ||
      (options.objectTypesLater ?? false) !== ahead.objectTypes
    )
      return { first: firstOutcome };
    return {
      first: firstOutcome,
      deep: await settle(
        runner,
        script,
        { ...deep, sameAs: first.snapshot, objectTypesLater: options.objectTypesLater },
        await repeat,
      ),
    };
  } finally {
    // The repeat waits for its list: never left waiting (a settled promise ignores this).
    settleSites([]);
    await Promise.allSettled(started);
  }
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
 * The sites are an aid: when the run fails or misses a peak, the log says so, the measurements
 * stand, and the snapshot's `unmeasured` keeps why (a `PEAK_SITES_MISSED` note per scenario),
 * for the report to say where the sites would be.
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
    const started = performance.now();
    const took = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
    let run = await hooked(false);
    // The hooks are on only near the peak; a whole script whose peak came while they were off
    // runs again with them on throughout (functions are called again in the same run).
    const missed = run.snapshot?.unmeasured.find((note) => note.what === HOOKS_MISSED);
    if (wholeScript && missed) {
      options.log.info(`${missed.why} (${took()}): again with the hooks on throughout`);
      run = await hooked(true);
    }
    const noted = new Set(snapshot.unmeasured.map((note) => JSON.stringify(note)));
    const keep = (note: Snapshot['unmeasured'][number]) => {
      if (noted.has(JSON.stringify(note))) return;
      noted.add(JSON.stringify(note));
      snapshot.unmeasured.push(note);
    };
    if (!run.snapshot) {
      const why = `the hooked run failed: ${run.failure?.message ?? 'no snapshot'}`;
      options.log.warning(`no sites at the peak (hooked run of ${took()}): ${why}`);
      for (const scenario of wanted)
        keep({ scenario: scenario.name, what: PEAK_SITES_MISSED, why });
      return;
    }
    const found: string[] = [];
    for (const scenario of wanted) {
      const peak = run.snapshot.scenarios.find((s) => s.name === scenario.name)?.peak;
      if (peak) {
        scenario.peak = peak;
        found.push(scenario.name);
      }
    }
    if (found.length > 0)
      options.log.info(`sites at the peak of ${found.join(', ')} found in ${took()}`);
    for (const note of run.snapshot.unmeasured) {
      if (note.what !== PEAK_SITES_MISSED) continue;
      options.log.warning(
        `no sites at the peak of ${note.scenario ?? script} (hooked run of ${took()}): ${note.why}`,
      );
      keep(note);
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

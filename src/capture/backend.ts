/**
 * How a side is measured: a capture backend runs the benchmark in a side's checkout and says
 * what it measured (a SideOutcome). `backendFor` is the one place that picks the backend of a
 * run's benchmark; each backend lives in a file of its own and starts its processes through
 * SideRunner (side-runner.ts). `traceSites` is the traceback pass every backend shares.
 *
 * A new backend: a file beside script-backend.ts that returns a CaptureBackend, a kind of
 * `Benchmark` (config/settings.ts) with the setting that names it (config/declarations.ts), and
 * its case below.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Benchmark } from '../config/settings.js';
import { commandBackend } from './command-backend.js';
import type { SideOutcome } from './outcome.js';
import { scriptBackend } from './script-backend.js';
import { sideWorkDir, type SideRunOptions } from './side-runner.js';
import type { Snapshot } from './snapshot.js';
import type { StaticSelection, TestReads } from './test-selection.js';

/** What each side's capture receives: the capture settings, the side's variables and log. */
export interface SideOptions extends SideRunOptions {
  /** Frames for the traceback pass; the measuring runs always trace one frame. */
  frames: number;
  /** Measurements: in-process calls of a `bench_*` function, processes of a whole script. */
  repeats?: number;
  /** Leak-check calls per `bench_*` function; 0 = none. */
  iterations?: number;
  /**
   * Find the sites at the peak, with one more (hooked) run: `true` for every scenario measured,
   * a list for the scenarios named; none when false or absent.
   */
  peakSites?: boolean | readonly string[];
  objectTypes?: boolean;
  /**
   * With `objectTypes`, where a backend measures tests apart (a command's pytest tests): the
   * tests whose live objects are counted by type; every one when absent.
   */
  objectTypesOf?: readonly string[];
  /**
   * A later pass of this side counts objects (`objectTypes` there) and this one does not: a
   * whole script's run here still counts them before its call, as that pass's runs do (not
   * after it), so that every measuring run of the side starts its call alike and the pass
   * that counts can prove this one's figures.
   */
  objectTypesLater?: boolean;
  /**
   * Sites (normalised `path:line`) whose live objects' retention paths the first measurement of
   * each scenario looks for: what keeps them alive. None when empty or absent.
   */
  retentionSites?: readonly string[];
  /**
   * The scenarios that look for them, where a backend measures scenarios apart (a command's
   * pytest tests and processes): those whose retained memory grew. A script's scenarios all do.
   */
  retentionScenarios?: readonly string[];
  /**
   * What a first, plain run of this side measured (one repeat, no object counts): a scenario
   * whose next measurement gives exactly the same figures is proven and repeated no further.
   * A backend that measures scenarios apart (a command's pytest tests) keeps these figures for
   * the scenarios not in `only`, and measures those alone again.
   */
  sameAs?: Snapshot;
  /** pytest node ids to deselect: tests that read nothing the pull request changes. */
  skipTests?: readonly string[];
  /**
   * pytest test files (relative to the repository's root) not even collected: ruled out from
   * the source before anything ran (test-selection.ts).
   */
  skipFiles?: readonly string[];
  /**
   * The scenarios a deep pass (or the traceback pass) is for: those that differed between the
   * sides. A backend that can run scenarios apart runs only these (a command's pytest tests,
   * and the tests that started its processes), so the pass costs what they cost; the others
   * run the benchmark whole.
   */
  only?: readonly string[];
  /**
   * Of `only`, the tests there for their budget markers alone (a rule on a figure only the deep
   * pass measures, the leak per call), not because they differed: the log says why each runs.
   */
  onlyForMarkers?: readonly string[];
}

export interface CaptureBackend {
  /** What the benchmark is called in messages, and the scenario a side that failed is named. */
  readonly name: string;
  /**
   * Whether it measures in depth: repeats, object counts and sites at the peak, after a cheap
   * first run per side. Without, its one run per side is the measurement.
   */
  readonly inDepth: boolean;
  /** Refuses, before any side runs, a benchmark the checkouts hold that must not be run. */
  check?(checkouts: { base: string; head: string }): Promise<void>;
  /**
   * Measures one side. Never throws for what the benchmark does: a failure is the outcome (or a
   * failed scenario in it), so the other side is still shown.
   */
  measure(checkoutDir: string, options: SideOptions): Promise<SideOutcome>;
  /**
   * A side's first run and its deep pass at the same time, on the cores the other side
   * leaves free (its measurement came from the cache): the first run, and a repeat that
   * waits, once it has measured, for the sites whose retention paths are wanted, then counts
   * objects. `decide` gets the first run's snapshot and says what the deep
   * pass is for (its options), or undefined when none is needed. `deep` is what that pass
   * measured; undefined when none was needed, or when this side cannot measure it at once
   * (not a whole script, a failed first run): the caller then runs it as usual.
   */
  measureAtOnce?(
    checkoutDir: string,
    options: SideOptions,
    ahead: { repeats: number; objectTypes: boolean },
    decide: (first: Snapshot) => Promise<SideOptions | undefined>,
  ): Promise<{ first: SideOutcome; deep?: SideOutcome }>;
  /**
   * The traceback pass: the benchmark once more, with `options.frames` frames, keeping tracebacks
   * only for the `path:line` sites listed in `sitesFile`; its setup already ran in this checkout.
   */
  trace?(checkoutDir: string, options: SideOptions, sitesFile: string): Promise<SideOutcome>;
  /**
   * The reads pass: the benchmark once, untraced, recording what each pytest test reads
   * (test-selection.ts). Undefined when no pytest test ran; a failure when the pass failed.
   */
  readTests?(
    checkoutDir: string,
    options: SideOptions,
  ): Promise<TestReads | { failure: string } | undefined>;
  /**
   * The static step, before anything runs: the pytest test files of either checkout that can
   * reach none of `changed` (test-selection.ts); a failure when it could not tell.
   */
  ruleOutTests?(
    checkouts: { base: string; head: string },
    changed: readonly string[],
    always: readonly string[],
    options: SideOptions,
  ): Promise<StaticSelection | { failure: string }>;
  /**
   * Starts, ahead of a side's first run and while something else runs (base's reads pass),
   * what that run will use: a pytest command starts and collects, then waits for `measure`.
   */
  prepare?(checkoutDir: string, options: SideOptions): void;
  /**
   * Ends what a backend left running for the passes that may follow (a pytest session waiting,
   * its tests collected, for the deep pass and the traceback pass): called once no further pass
   * will run, and when the run fails.
   */
  release?(): Promise<void>;
  /**
   * Why the run cannot give a report when neither side measured anything (a usage error's
   * message); undefined when it can.
   */
  nothingMeasured(base: SideOutcome, head: SideOutcome): string | undefined;
}

/**
 * The backend of a run's benchmark. `fromRoot` makes a path relative to the project folder
 * relative to the repository's root, where each side's checkout has it.
 */
export function backendFor(
  benchmark: Benchmark,
  fromRoot: (path: string) => string,
): CaptureBackend {
  switch (benchmark.kind) {
    case 'script':
      return scriptBackend(fromRoot(benchmark.script));
    case 'command':
      return commandBackend(benchmark.command, fromRoot(benchmark.workingDirectory));
  }
}

/**
 * The traceback pass of one side: `sites` (normalised `path:line`, as the first pass named
 * them) written to a file for the backend, which runs the benchmark once more with `frames`
 * frames keeping tracebacks for those sites only. Undefined, with a warning in the log, when it
 * fails: tracebacks are an aid, the measurement stands without them.
 */
export async function traceSites(
  backend: CaptureBackend,
  checkoutDir: string,
  options: SideOptions,
  sites: readonly string[],
): Promise<Snapshot | undefined> {
  if (!backend.trace) return undefined;
  const workDir = await sideWorkDir(options.env, 'allocdiff-sites-');
  try {
    const sitesFile = join(workDir, 'sites.txt');
    await writeFile(sitesFile, `${sites.join('\n')}\n`);
    options.log.info(
      `tracebacks of ${sites.length} changed site${sites.length === 1 ? '' : 's'} (frames: ${options.frames})`,
    );
    const traced = await backend.trace(checkoutDir, options, sitesFile);
    if (traced.kind === 'failed') options.log.warning(`no tracebacks: ${traced.error.message}`);
    return traced.kind === 'measured' ? traced.snapshot : undefined;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

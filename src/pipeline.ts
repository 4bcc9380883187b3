import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { checkBudgets, decideVerdict, headSitesOf } from './budgets/evaluate.js';
import { markerBudgets, testsMarkedForDepth } from './budgets/markers.js';
import { withoutIgnoredSites, withoutSmallSites } from './budgets/site-filter.js';
import { formatBytes } from './format/sizes.js';
import {
  backendFor,
  traceSites,
  type CaptureBackend,
  type SideOptions,
} from './capture/backend.js';
import { canTurnOffAddressRandomization } from './capture/address-randomization.js';
import { runEnvironment } from './capture/environment.js';
import { protectBoth, type Protected } from './capture/isolation.js';
import { isolationHere, stopReason, stopSignal } from './capture/process.js';
import { ownCodeEnvironment } from './capture/own-code.js';
import { onBothSides, sequentialReason, type Side } from './capture/measure-sides.js';
import { emptySnapshot, sideSnapshots, snapshotOf, type SideOutcome } from './capture/outcome.js';
import { DEPTH_MISSED, type Snapshot } from './capture/snapshot.js';
import { SideEnvironments } from './capture/side-environment.js';
import { keepFirstCalls } from './capture/merge-repeats.js';
import {
  isPytestAlone,
  nothingReachable,
  selectTests,
  staticEvidence,
  type StaticSelection,
  type TestReads,
  type TestSelection,
} from './capture/test-selection.js';
import {
  cachedText,
  directoryStore,
  peakScenarios,
  SideCache,
  type CachedMeasurement,
  type MeasurementStore,
} from './capture/side-cache.js';
import {
  AUTOMATIC_LEAK_CALLS,
  differingScenarios,
  functionRetainedChanged,
  peaksChanged,
  scenarioAgrees,
  sidesAgree,
} from './compare/agreement.js';
import { compareSnapshots } from './compare/compare.js';
import type { Comparison } from './compare/comparison.js';
import { retentionScenarios, retentionTargets } from './compare/retention.js';
import { attachTracebacks, tracebackTargets } from './compare/tracebacks.js';
import { shardedBackend, snapshotInShard, shardText } from './capture/shard.js';
import { captureSettingsOf, settingsDigest, type Settings } from './config/settings.js';
import { RunFailure, UsageError, errorMessage } from './errors.js';
import { prefixedLogger, type Logger } from './log.js';
import { renderOptions, writeOutputs, type OutputName, type Written } from './publish/outputs.js';
import { byRetainedChange } from './report/ranking.js';
import { buildReport, type Interrupted, type Report } from './report/report.js';
import { judgeProposed, settingsChangeText } from './report/settings-change.js';
import { Git, type EarlyResolution, type Resolved, type TreeEntry } from './sides/git.js';
import { LineMap } from './sides/line-map.js';
import { resolveCommit } from './sides/resolve.js';
import {
  commitWorkingTree,
  LARGE_UNTRACKED_BYTES,
  readWorkingTree,
  untrackedSize,
} from './sides/working-tree.js';
import { checkoutSides, verifyBaseCheckout } from './sides/worktrees.js';
import { VERSION } from './version.js';

/** The runner's file commands: writing them changes the job's later steps. */
const FILE_COMMANDS = [
  'GITHUB_ENV',
  'GITHUB_OUTPUT',
  'GITHUB_PATH',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY',
];

/**
 * What pull-request code must not change or read, for the sandbox (isolation.ts): the
 * repository's `.git` (hooks, config) read-only and its config shown without credentials, the
 * folders of the runner's file commands read-only; for each side, the other side's checkout,
 * Python environment and temporary folder read-only too. Returns a private temporary folder per
 * side (TMPDIR), in a folder of this run (`temp`, removed at the end); the log says how the code
 * is isolated.
 */
async function isolatePullRequestCode(
  git: Git,
  sideDirs: Record<Side, { checkout: string; environment?: string }>,
  log: Logger,
): Promise<{ temp: string; tmp: Record<Side, string>; protect: Record<Side, Protected> }> {
  const temp = await mkdtemp(join(await realpath(tmpdir()), 'allocdiff-tmp-'));
  const tmp = { base: join(temp, 'base'), head: join(temp, 'head') };
  await Promise.all([mkdir(tmp.base, { mode: 0o700 }), mkdir(tmp.head, { mode: 0o700 })]);
  const commonDir = await git.commonDir();
  const config = join(temp, 'git-config');
  await writeFile(config, await git.configWithoutCredentials(), { mode: 0o600 });
  const fileCommands = FILE_COMMANDS.flatMap((name) => {
    const file = process.env[name];
    return file ? [dirname(file)] : [];
  });
  const shared: Protected = {
    readOnly: [commonDir, config, ...fileCommands],
    covered: [[config, join(commonDir, 'config')]],
  };
  const own = (side: Side): Protected => ({
    readOnly: [sideDirs[side].checkout, sideDirs[side].environment ?? [], tmp[side]].flat(),
    covered: [],
  });
  const protect = {
    base: protectBoth(shared, own('head')),
    head: protectBoth(shared, own('base')),
  };
  const { mode, note } = isolationHere();
  // In a workflow the code is a pull request's; locally it is usually the user's own.
  if (mode === 'none' && process.env.GITHUB_ACTIONS === 'true') log.warning(note);
  else log.info(note);
  return { temp, tmp, protect };
}

export interface RunResult {
  report: Report;
  /** Each output written (src/publish/outputs.ts): its path and content, by name. */
  outputs: Record<OutputName, Written>;
  /** The pull-request comment, within GitHub's comment limit. */
  markdown: string;
  /** The full report for the job summary: every changed site. */
  summary: string;
}

/** Where a run looks for measurements already taken, and which sides it keeps there. */
export interface MeasurementCache {
  store: MeasurementStore;
  save: (side: Side) => boolean;
  /** The sides kept measured in depth even when this run needs no deep pass. */
  deepen?: (side: Side) => boolean;
}

/**
 * The product's main job, shared by the action and the CLI:
 * sides (git) → capture (Python, per side) → compare → budgets → report.
 * `cache`: the action's (the Actions cache); without it, the CLI's folder (`cacheDir`), if any.
 */
export async function runAllocdiff(
  settings: Settings,
  log: Logger,
  {
    cache: given,
    early: earlyGit,
  }: {
    cache?: MeasurementCache;
    /** Resolving the sides, started before the settings were read (the CLI's): taken when its refs and folder are the settings'. */
    early?: EarlyResolution;
  } = {},
): Promise<RunResult> {
  if (settings.configFile) {
    log.info(
      `configuration: ${settings.configFile}` +
        (settings.settingsFrom
          ? ` of ${settings.settingsFrom} (a change is judged by the settings from before it)`
          : ''),
    );
  }
  const env = runEnvironment(process.env, settings.passEnv, settings.shard);
  const wanted =
    given ??
    (settings.cacheDir
      ? { store: directoryStore(settings.cacheDir), save: () => true }
      : undefined);
  // The cache's keys need the interpreter's version and platform: it is asked first, and
  // answers while git resolves and diffs the sides.
  const asking =
    wanted &&
    SideCache.facts({
      python: settings.python,
      env,
      benchmark: JSON.stringify(settings.benchmark),
      setup: settings.setup,
      // The CLI's folder also remembers the interpreter's answer, checked before each use.
      ...(!given && settings.cacheDir ? { rememberIn: settings.cacheDir } : {}),
    });
  // Awaited below, after the diff has started: not an unhandled rejection if git fails first.
  asking?.catch(() => undefined);
  const git = new Git(settings.repoDir);
  // The top folder and both commits from one git process (the CLI's, started while it loaded,
  // when it asked for these refs in this folder); one at a time (each failure said as such)
  // when that cannot be.
  const startedEarly =
    earlyGit &&
    earlyGit.repoDir === settings.repoDir &&
    earlyGit.base === settings.base &&
    earlyGit.head === settings.head;
  const atOnce: (Pick<Resolved, 'topLevel' | 'commits'> & Partial<Resolved>) | undefined =
    startedEarly
      ? await earlyGit.resolved
      : await git.topLevelAndCommits([settings.base, settings.head]);
  const topLevel = atOnce?.topLevel ?? (await git.topLevel());
  const projectDir = await realpath(settings.repoDir);
  // Sides are checked out whole: paths must be relative to the repository's root.
  const fromRoot = (path: string): string =>
    relative(topLevel, resolve(projectDir, path)).split(sep).join('/');
  const { shard } = settings;
  const backend = shard
    ? shardedBackend(backendFor(settings.benchmark, fromRoot), shard)
    : backendFor(settings.benchmark, fromRoot);
  if (shard) {
    log.info(
      `shard ${shardText(shard)}: only the scenarios whose name falls to shard ${shard.index} ` +
        `of ${shard.count} are measured`,
    );
  }
  // The diff of the two commits, and the listing of base's tree that the cache's key needs, run
  // while git looks for changes in the working tree: the diff is dropped if head is the
  // working tree after all.
  let early:
    { head: string; diff: Promise<string>; baseEntries?: Promise<TreeEntry[]> } | undefined;
  const { baseSha, headSha, measuredHead, workingTree } = await log.group(
    'Resolving base and head',
    async () => {
      const baseSha = atOnce?.commits[0] ?? (await resolveCommit(git, settings.base, 'base'));
      const headSha = atOnce?.commits[1] ?? (await resolveCommit(git, settings.head, 'head'));
      log.info(`base ${settings.base} = ${baseSha}`);
      early = {
        head: headSha,
        diff: atOnce?.diff ?? git.diff(baseSha, headSha),
        ...(wanted ? { baseEntries: atOnce?.baseEntries ?? git.rootEntries(baseSha) } : {}),
      };
      // Awaited below, or dropped: not unhandled rejections.
      for (const work of [early.diff, early.baseEntries]) work?.catch(() => undefined);
      const head = await headOrWorkingTree(git, settings, headSha, log, atOnce?.changes);
      if (head.measuredHead === baseSha) {
        log.warning(
          `base and head are the same commit (${baseSha.slice(0, 7)}): only noise can differ; ` +
            'give --base the commit to compare with (e.g. main), or make changes to measure',
        );
      }
      return { baseSha, headSha, ...head };
    },
  );

  // The diff only reads the repository: it runs while the interpreter answers, and so does the
  // listing of base's tree that its key needs.
  const diffing =
    early && early.head === measuredHead ? early.diff : git.diff(baseSha, measuredHead);
  // The entries at the root of each side's tree, for the cache's keys.
  const rootEntries: Partial<Record<Side, Promise<TreeEntry[]>>> = {};
  if (wanted) rootEntries.base = early?.baseEntries ?? git.rootEntries(baseSha);
  // Head need not run when the diff changes nothing base's benchmark read (skip-unchanged):
  // base runs first, or comes from the cache.
  const skipAllowed =
    settings.skipUnchanged && !settings.setup && settings.benchmark.kind === 'script';
  // Base is looked up in the cache before anything is checked out (below); without a lookup,
  // the sides are checked out while git diffs them.
  const checkingOut = skipAllowed && wanted ? undefined : checkoutSides(git, baseSha, measuredHead);
  // Awaited below: not unhandled rejections if one of them fails first.
  for (const work of [diffing, rootEntries.base, checkingOut]) work?.catch(() => undefined);
  // What fails before the checkouts are taken over removes them.
  const orRemove = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      await checkingOut?.then((sides) => sides.dispose()).catch(() => undefined);
      throw error;
    }
  };
  const cache =
    wanted &&
    SideCache.open({
      store: wanted.store,
      // A working tree's commit is made for this run only: no later run asks for it.
      save: (side) => wanted.save(side) && !(side === 'head' && workingTree),
      facts: await orRemove(asking!),
      log,
    });
  const commits = { base: baseSha, head: measuredHead };
  // What the report says of each side taken from the cache.
  const cachedSides: Partial<Record<Side, string>> = {};
  // Each key looked up once: a side missing from the cache is said once, and measured.
  const lookups = new Map<string, Promise<CachedMeasurement | undefined>>();
  // A side's measuring pass: from the cache when an entry with this pass's key passes its
  // checks. The sites at the peak are keyed apart: an entry that looked for more serves a pass
  // that asks for fewer. `only` changes what a backend that runs scenarios apart measures.
  const keyFields = async (side: Side, sideOptions: SideOptions) =>
    cache!.fieldsOf(commits[side], await (rootEntries[side] ??= git.rootEntries(commits[side])), {
      ...sideOptions,
      only: settings.benchmark.kind === 'command' ? sideOptions.only : undefined,
    });
  const fromCache = async (side: Side, sideOptions: SideOptions) => {
    if (!cache) return undefined;
    const fields = await keyFields(side, sideOptions);
    const key = `${SideCache.keyOf(fields)} ${JSON.stringify(peakScenarios(sideOptions.peakSites))}`;
    let lookup = lookups.get(key);
    if (!lookup) {
      lookup = cache.load(side, fields, peakScenarios(sideOptions.peakSites), sideOptions.log);
      lookups.set(key, lookup);
    }
    const hit = await lookup;
    if (hit) cachedSides[side] = cachedText(side, commits[side], hit.savedAt);
    return hit && { kind: 'measured' as const, snapshot: hit.snapshot };
  };
  const options: SideOptions = {
    ...captureSettingsOf(settings),
    // A backend that does not measure in depth has no sites at the peak.
    peakSites: backend.inDepth && settings.peakSites === true,
    env,
    log,
  };
  // The deep pass is for the scenarios that differed (`only`): a command runs only those
  // tests again; a script's functions all run (each stops early once proven).
  const deep =
    backend.inDepth &&
    (settings.repeats > 1 || settings.objectTypes || settings.peakSites !== false);
  // A first, cheap run per side (one repeat, no object counts, no peak hooks unless
  // `peak-sites: true`); the deep pass follows where it finds a difference. Where that pass
  // counts objects, this one starts its call as the deep pass's runs do (objectTypesLater).
  const firstPassOf = (sideOptions: SideOptions): SideOptions =>
    deep
      ? {
          ...sideOptions,
          repeats: 1,
          objectTypes: false,
          objectTypesLater: sideOptions.objectTypes ?? true,
          peakSites: false,
        }
      : sideOptions;
  const alwaysRead = [
    backend.name,
    ...(settings.configFile ? [fromRoot(settings.configFile)] : []),
  ];
  // How progress names each side: a short SHA, or the working tree.
  const labels = {
    base: baseSha.slice(0, 7),
    head: workingTree ? 'working tree' : headSha.slice(0, 7),
  };
  // With base's first pass in the cache, base costs nothing: it is looked up before anything is
  // checked out, while git diffs the sides, and when the diff changes nothing it read, head's
  // figures are base's, and neither side is checked out nor run, whether the sides would run at
  // the same time or not.
  const [diffText, baseServed] = await orRemove(
    Promise.all([
      diffing,
      skipAllowed && cache
        ? log.group(`Looking up base ${labels.base} in the cache`, () =>
            fromCache('base', { ...firstPassOf(options), log }),
          )
        : undefined,
    ]),
  );
  const lineMap = LineMap.fromUnifiedDiff(diffText);
  if (baseServed) {
    const noChange = unchangedReads(baseServed.snapshot, lineMap, alwaysRead);
    if (noChange) {
      log.info(`no change: ${noChange}`);
      const measured = { base: baseServed, head: baseServed };
      const compared = comparedSides(backend, measured, lineMap, settings, undefined);
      return reportRun(settings, log, compared, {
        baseSha,
        headSha,
        workingTree,
        repeatsUsed: deep || !backend.inDepth ? 1 : settings.repeats,
        iterationsUsed: settings.iterations,
        noChange,
        cachedSides,
      });
    }
  }
  // Something runs from here on: the listing of head's tree that its key needs is read while
  // the sides are checked out (base's was read with the diff).
  if (wanted) {
    rootEntries.head ??= git.rootEntries(measuredHead);
    rootEntries.head.catch(() => undefined);
  }
  const sides = await (checkingOut ?? checkoutSides(git, baseSha, measuredHead));
  // With a setup, each side gets a Python environment of its own (made on first use), so that
  // what setup installs never reaches the user's environment nor the other side.
  let environments: SideEnvironments | undefined;
  let privateTemp: string | undefined;
  // The sides whose first run ended: a run stopped before both did has nothing to compare.
  const firstDone = new Set<Side>();
  // A run stopped (Ctrl-C, SIGTERM) once both sides' first runs were measured: what it
  // measured by then is reported, marked as such (`Report.interrupted`).
  let interrupted: Interrupted | undefined;
  try {
    if (settings.setup) environments = await SideEnvironments.create(settings.python);
    const isolated = await isolatePullRequestCode(
      git,
      {
        base: { checkout: sides.baseDir, environment: environments?.base.dir },
        head: { checkout: sides.headDir, environment: environments?.head.dir },
      },
      log,
    );
    privateTemp = isolated.temp;
    const dirs = { base: sides.baseDir, head: sides.headDir };
    await backend.check?.(dirs);
    // A side's measurement, kept in the cache (when this run keeps that side).
    const keep = async (side: Side, sideOptions: SideOptions, outcome: SideOutcome) => {
      if (cache) {
        const fields = await keyFields(side, sideOptions);
        await cache.save(
          side,
          fields,
          peakScenarios(sideOptions.peakSites),
          outcome,
          sideOptions.log,
        );
      }
      return outcome;
    };
    // A side's measuring pass: from the cache (`fromCache`), else measured (and kept, when this
    // run keeps that side).
    const measureSide = async (side: Side, sideOptions: SideOptions): Promise<SideOutcome> => {
      const hit = await fromCache(side, sideOptions);
      if (hit) return hit;
      return keep(side, sideOptions, await backend.measure(dirs[side], sideOptions));
    };
    // Each side imports its own code, not the workspace's nor the other side's.
    const roots = [topLevel, sides.baseDir, sides.headDir];
    const envs = {
      base: { ...(await ownCodeEnvironment(env, sides.baseDir, roots)), TMPDIR: isolated.tmp.base },
      head: { ...(await ownCodeEnvironment(env, sides.headDir, roots)), TMPDIR: isolated.tmp.head },
    };
    const { protect } = isolated;
    // Whether the measured processes can run with fixed addresses, asked in the sandbox once:
    // now, while the cache is looked up and the first runs are prepared, not before the first.
    canTurnOffAddressRandomization(envs.head).catch(() => undefined);
    const sequential = sequentialReason({ parallel: settings.parallel });
    log.info(
      sequential === undefined
        ? 'base and head are measured at the same time, on different cores'
        : `base and head are measured one after the other: ${sequential}`,
    );
    // A first, cheap run per side (one repeat, no object counts, no peak hooks unless
    // `peak-sites: true`). Only when it finds a difference are the repeats and object counts
    // paid for, and, with `peak-sites: auto`, the sites at the peak of the scenarios whose peak
    // changed.
    const autoPeaks = backend.inDepth && settings.peakSites === 'auto';
    // `earlier`: each side's first, plain run, whose figures a measurement that repeats them
    // exactly proves (no further repeats); a function's only where base and head agreed.
    // `done`: the sides whose pass ended, added as each does.
    const measureAll = (
      title: string,
      sideOptions: SideOptions,
      earlier?: Record<Side, SideOutcome>,
      headOnly?: Partial<SideOptions>,
      done?: Set<Side>,
    ) =>
      onBothSides(
        log,
        (side) => `${title} ${side} ${labels[side]}`,
        async (side, sideLog) => {
          const first = earlier?.[side];
          const outcome = await measureSide(side, {
            ...sideOptions,
            env: envs[side],
            protect: protect[side],
            log: sideLog,
            environment: environments?.[side],
            ...(first?.kind === 'measured' ? { sameAs: first.snapshot } : {}),
            ...(side === 'head' ? headOnly : {}),
          });
          done?.add(side);
          return outcome;
        },
        sequential,
      );
    const stoppedDuring =
      (during: string, figures: Interrupted['figures']) =>
      (error: unknown): undefined => {
        if (!stopReason()) throw error;
        const signal = stopSignal();
        interrupted = { ...(signal ? { signal } : {}), during, figures };
        log.warning(
          `stopped during ${during}: the report holds ` +
            (figures === 'first-run'
              ? "both sides' first runs, not measured in depth"
              : `the run's figures, without what ${during} adds`),
        );
        return undefined;
      };
    const outcomeContext = { benchmark: backend.name, frames: settings.frames };
    const sideOptionsOf = (side: Side, sideOptions: SideOptions, sideLog = log): SideOptions => ({
      ...sideOptions,
      env: envs[side],
      protect: protect[side],
      log: sideLog,
      environment: environments?.[side],
    });
    // What a deep pass is for, after a first pass that differed: undefined when nothing needs
    // one (no repeats, object counts, peak sites, leak check or retention paths asked for).
    // `marked`: tests whose budget markers limit a figure only the deep pass measures (the
    // leak per call), measured in depth whether or not they differed.
    const deepPlan = (first: Comparison, marked: readonly string[] = []) => {
      // A side that failed as a whole leaves nothing to compare the other side's scenarios with.
      if (first.failedAsAWhole) {
        log.info(
          `no measuring in depth: the ${first.failedAsAWhole.join(' and ')} benchmark failed as a whole`,
        );
        return undefined;
      }
      const peaks = autoPeaks ? peaksChanged(first) : [];
      // A function (or test) whose retained memory changed gets a leak check, unless one was
      // asked for: what each call keeps, which the repeats alone do not tell.
      const leakCheck =
        settings.iterations === 0 && (functionRetainedChanged(first) || marked.length > 0);
      const more = settings.repeats > 1 || settings.objectTypes || options.peakSites === true;
      // Where retained memory grew, head's deep pass also finds what keeps its top grown
      // sites' objects alive.
      const retentionSites = retentionTargets(first.scenarios, settings.retentionPaths);
      const walking = retentionScenarios(first.scenarios, settings.retentionPaths);
      if (!more && peaks.length === 0 && !leakCheck && retentionSites.length === 0)
        return undefined;
      const differing = differingScenarios(first);
      const only = [...new Set([...differing, ...marked])];
      const counting = countedTests(first, only);
      const deepOptions: SideOptions = {
        ...options,
        ...(autoPeaks ? { peakSites: peaks } : {}),
        ...(leakCheck ? { iterations: AUTOMATIC_LEAK_CALLS } : {}),
        ...(counting ? { objectTypesOf: counting.counted } : {}),
        only,
        onlyForMarkers: marked.filter((name) => !differing.includes(name)),
      };
      return { options: deepOptions, leakCheck, retentionSites, walking, counting };
    };
    // Counting objects by type walks the whole heap twice per test, before and after a call: it
    // explains what a call keeps, so of the tests measured in depth only those whose retained
    // memory changed in the first run are counted, `object-types-tests` of them at most, those
    // that changed most first (0: every test measured in depth); undefined when every one is.
    const countedTests = (first: Comparison, only: readonly string[]) => {
      const most = settings.objectTypesTests;
      if (!settings.objectTypes || most === 0) return undefined;
      const wanted = new Set(only);
      const tests = first.scenarios.filter((s) => s.kind === 'test' && wanted.has(s.name));
      const kept = tests.filter((s) => (s.retained.delta ?? 0) !== 0);
      const counted = [...kept].sort(byRetainedChange).slice(0, most);
      const notCounted = tests.length - counted.length;
      if (notCounted === 0) return undefined;
      const names = counted.map((s) => s.name);
      const why = countedTestsNote(counted.length, tests.length, tests.length - kept.length);
      log.info(
        `${why}${names.length > 0 ? `: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}` : ''}`,
      );
      return { counted: names, note: { count: notCounted, why } };
    };
    // With base's first run and deep pass both in the cache, head's first run and deep pass
    // run at once (CaptureBackend.measureAtOnce): the cores base leaves free. Undefined when
    // this run cannot (then each pass runs as usual).
    let atOnce: { deep?: { base: SideOutcome; head: SideOutcome; leakCheck: boolean } } | undefined;
    const measureHeadAtOnce = async (
      baseFirst: SideOutcome,
      headOptions: SideOptions,
      measureAtOnce: NonNullable<CaptureBackend['measureAtOnce']>,
    ): Promise<SideOutcome> => {
      let served: { base: SideOutcome; leakCheck: boolean; head: SideOptions } | undefined;
      const result = await measureAtOnce(
        dirs.head,
        headOptions,
        { repeats: settings.repeats, objectTypes: settings.objectTypes },
        async (headFirst) => {
          const first = compareSnapshots(
            snapshotOf(baseFirst, outcomeContext),
            snapshotOf({ kind: 'measured', snapshot: headFirst }, outcomeContext),
            lineMap,
          );
          const plan = sidesAgree(first) ? undefined : deepPlan(first);
          if (!plan) return undefined;
          // The first runs the deep pass may stop at, as the usual deep pass has them (keys).
          const earlier = provable(
            { base: baseFirst, head: { kind: 'measured', snapshot: headFirst } },
            first,
          );
          const sameAs = (side: Side) => {
            const outcome = earlier[side];
            return outcome.kind === 'measured' ? { sameAs: outcome.snapshot } : {};
          };
          const base = await fromCache('base', {
            ...sideOptionsOf('base', plan.options),
            ...sameAs('base'),
          });
          if (!base) return undefined;
          const head = {
            ...sideOptionsOf('head', plan.options),
            ...sameAs('head'),
            ...(plan.retentionSites.length > 0
              ? { retentionSites: plan.retentionSites, retentionScenarios: plan.walking }
              : {}),
          };
          served = { base, leakCheck: plan.leakCheck, head };
          return head;
        },
      );
      await keep('head', headOptions, result.first);
      atOnce = {};
      if (served && result.deep) {
        await keep('head', served.head, result.deep);
        atOnce.deep = { base: served.base, head: result.deep, leakCheck: served.leakCheck };
      }
      return result.first;
    };
    // Head's first run, at once with its deep pass when this run can; undefined when it cannot.
    const headAtOnce = async (
      baseFirst: SideOutcome,
      firstOptions: SideOptions,
    ): Promise<SideOutcome | undefined> => {
      const { measureAtOnce } = backend;
      if (!deep || !cache || !measureAtOnce || settings.repeats < 2) return undefined;
      if (sequential !== undefined || baseFirst.kind !== 'measured') return undefined;
      // A whole script on base: `bench_*` functions repeat in their first process, whose
      // further calls a run at once would make for nothing when the sides agree.
      const { scenarios } = baseFirst.snapshot;
      if (scenarios.length === 0 || scenarios.some((s) => s.kind !== 'script')) return undefined;
      // Head's first run kept too: nothing to run at once (its deep pass is looked up as usual).
      const headOptions = sideOptionsOf('head', firstOptions);
      const cachedHead = await fromCache('head', headOptions);
      if (cachedHead) return cachedHead;
      return log.group(`Measuring head ${labels.head}: its first run and deep pass at once`, () =>
        measureHeadAtOnce(baseFirst, headOptions, measureAtOnce),
      );
    };
    // pytest: the tests that read nothing the diff changes are not traced (test-selection.ts).
    const configFiles = settings.configFile ? [fromRoot(settings.configFile)] : [];
    const baseOptions = () => ({
      ...options,
      env: envs.base,
      protect: protect.base,
      log,
      environment: environments?.base,
    });
    const selection = await chooseTests(settings, backend, lineMap, configFiles, log, {
      ruleOut: () => backend.ruleOutTests!(dirs, lineMap.paths(), configFiles, baseOptions()),
      readBase: (skipFiles) => backend.readTests!(dirs.base, { ...baseOptions(), skipFiles }),
      // Both sides' pytest starts and collects meanwhile, on the cores the reads pass leaves:
      // their first runs then need no start of their own (sides at once, nothing cached).
      beforeReads: (skipFiles) => {
        if (!backend.prepare || sequential !== undefined || cache) return;
        for (const side of ['base', 'head'] as const) {
          backend.prepare(dirs[side], {
            ...sideOptionsOf(side, firstPassOf(options), prefixedLogger(log, `[${side}] `)),
            skipFiles,
          });
        }
      },
    });
    if (selection) {
      if (selection.kind !== 'all') options.skipTests = selection.skip;
      options.skipFiles = selection.skipFiles;
    }
    const firstOptions = firstPassOf(options);
    // With sides one after the other, base runs first: when the diff changes nothing it read,
    // head's figures are base's, and head is not run. (At the same time, skipping head would
    // save no time.) A base from the cache came first (above): head runs alone.
    const skippable = skipAllowed && (sequential !== undefined || baseServed !== undefined);
    let noChange: string | undefined;
    let measured: Record<Side, SideOutcome>;
    if (skippable) {
      const measureOne = (side: Side) =>
        log.group(`Measuring ${side} ${labels[side]}`, async () => {
          const outcome = await measureSide(side, {
            ...firstOptions,
            env: envs[side],
            protect: protect[side],
            log,
            environment: environments?.[side],
          });
          firstDone.add(side);
          return outcome;
        });
      const base = baseServed ?? (await measureOne('base'));
      noChange =
        base.kind === 'measured' ? unchangedReads(base.snapshot, lineMap, alwaysRead) : undefined;
      if (noChange) log.info(`no change: ${noChange}`);
      const head = noChange
        ? base
        : ((baseServed && (await headAtOnce(baseServed, firstOptions))) ??
          (await measureOne('head')));
      measured = { base, head };
    } else if (selection?.kind === 'none') {
      // No test of base read what the diff changes, and no test can have been added.
      const none: SideOutcome = { kind: 'measured', snapshot: emptySnapshot(settings.frames) };
      measured = { base: none, head: none };
    } else {
      const baseFirst =
        deep && cache && backend.measureAtOnce
          ? await fromCache('base', sideOptionsOf('base', firstOptions))
          : undefined;
      const head = baseFirst && (await headAtOnce(baseFirst, firstOptions));
      measured =
        baseFirst && head
          ? { base: baseFirst, head }
          : await measureAll('Measuring', firstOptions, undefined, undefined, firstDone);
    }
    const firstPass = measured;
    let measuredInDepth = false;
    // The tests measured in depth whose objects were not counted (`object-types-tests`).
    let objectsNotCounted: { count: number; why: string } | undefined;
    let repeatsUsed = deep || !backend.inDepth ? 1 : settings.repeats;
    let iterationsUsed = settings.iterations;
    // When the first pass already agrees, its comparison is the one reported.
    let agreed: Comparison | undefined;
    if (deep) {
      const firstSnapshots = {
        base: snapshotOf(measured.base, outcomeContext),
        head: snapshotOf(measured.head, outcomeContext),
      };
      const first = compareSnapshots(firstSnapshots.base, firstSnapshots.head, lineMap);
      // Tests whose markers limit their leak per call: measured in depth, changed or not.
      const marked =
        noChange || selection?.kind === 'none'
          ? []
          : testsMarkedForDepth(markerBudgets(firstSnapshots.base, firstSnapshots.head)).filter(
              (name) => first.scenarios.some((s) => s.name === name && s.status !== 'failed'),
            );
      if (marked.length > 0) {
        log.info(
          `${marked.length} test${marked.length === 1 ? '' : 's'} measured in depth for ` +
            `${marked.length === 1 ? 'its' : 'their'} leak budget markers, changed or not: ` +
            `${marked.slice(0, 5).join(', ')}${marked.length > 5 ? ', …' : ''}`,
        );
      }
      if (noChange || selection?.kind === 'none') {
        // Nothing ran: there is nothing to measure in depth either.
        agreed = first;
      } else if (sidesAgree(first) && options.peakSites === true) {
        // `peak-sites: true` wants them whatever changed: the first run again, with them.
        measured = await measureAll('Finding the sites at the peak on', {
          ...options,
          repeats: 1,
          objectTypes: false,
        });
      } else if (sidesAgree(first) && marked.length === 0) {
        agreed = first;
        log.info(
          'base and head measured the same in a first run each: no repeats, object counts or ' +
            'peak sites needed',
        );
      } else {
        const plan = deepPlan(first, marked);
        if (plan) {
          const done = atOnce?.deep;
          const deepened = done
            ? { base: done.base, head: done.head }
            : await measureAll(
                `Measuring in depth (repeats: ${settings.repeats}` +
                  `${plan.leakCheck ? `, leak check: ${AUTOMATIC_LEAK_CALLS} calls` : ''})`,
                plan.options,
                provable(measured, first),
                plan.retentionSites.length > 0
                  ? { retentionSites: plan.retentionSites, retentionScenarios: plan.walking }
                  : undefined,
              ).catch(stoppedDuring('measuring in depth', 'first-run'));
          // A side whose deep pass ended before it measured (timed out, failed as a whole) has
          // only its first run: both sides' first runs are compared, never one with the other's
          // deep pass, and the report says so.
          const missed = (['base', 'head'] as const).flatMap((side) => {
            const outcome = deepened?.[side];
            const note =
              outcome?.kind === 'measured' &&
              outcome.snapshot.unmeasured.find((n) => n.what === DEPTH_MISSED);
            return note ? [`${side}: ${note.why}`] : [];
          });
          if (missed.length > 0) {
            interrupted = {
              during: 'measuring in depth',
              figures: 'first-run',
              why: missed.join('; '),
            };
            log.warning(
              `measuring in depth did not finish (${interrupted.why}): the report compares ` +
                "both sides' first runs, not measured in depth",
            );
          }
          if (deepened && missed.length === 0) {
            measured = withFirstCalls(firstPass, deepened);
            repeatsUsed = settings.repeats;
            measuredInDepth = true;
            objectsNotCounted = plan.counting?.note;
            if (plan.leakCheck) iterationsUsed = AUTOMATIC_LEAK_CALLS;
          } else {
            // Stopped: the first runs' comparison is the one reported.
            agreed = first;
          }
        } else {
          agreed = first;
        }
      }
    }
    // A side kept for the pull requests to come (a push to the default branch) is kept measured
    // in depth too, whatever this run needed: every scenario's repeats, object counts and sites
    // at the peak, so that their deep passes find it.
    for (const side of ['base', 'head'] as const) {
      const first = firstPass[side];
      if (!cache || !wanted?.deepen?.(side) || !deep || measuredInDepth || noChange) continue;
      if (interrupted) continue;
      if (first.kind !== 'measured') continue;
      await log.group(`Measuring in depth for the cache ${side} ${labels[side]}`, () =>
        measureSide(side, {
          ...options,
          peakSites: settings.peakSites !== false,
          env: envs[side],
          protect: protect[side],
          log,
          environment: environments?.[side],
          sameAs: first.snapshot,
        }),
      );
    }
    const compared = comparedSides(backend, measured, lineMap, settings, agreed, selection);
    const { comparison } = compared;
    // Tracebacks cost a run with many frames: only the top changed sites get one, and only
    // when there are some (the measuring runs above traced one frame).
    if (settings.frames > 1 && backend.trace && !interrupted) {
      const targets = tracebackTargets(comparison);
      // A side taken from the cache never ran its setup in its checkout: no tracebacks there.
      const untraced = (side: Side) => settings.setup !== undefined && side in cachedSides;
      for (const side of ['base', 'head'] as const) {
        if (untraced(side) && targets[side].length > 0)
          log.info(
            `no tracebacks on ${side}: its measurement came from the cache, and setup has not ` +
              'run in its checkout',
          );
      }
      const wanted = (side: Side) => (untraced(side) ? [] : targets[side]);
      // The scenarios holding them: a command runs only those tests again.
      const only = comparison.scenarios
        .filter((s) => s.status !== 'failed' && s.sites.length > 0)
        .map((s) => s.name);
      const none = { base: undefined, head: undefined };
      const traced =
        targets.base.length + targets.head.length === 0
          ? none
          : await onBothSides(
              log,
              (side) => `Tracebacks on ${side} ${labels[side]}`,
              (side, sideLog) =>
                wanted(side).length > 0
                  ? traceSites(
                      backend,
                      dirs[side],
                      {
                        ...options,
                        env: envs[side],
                        protect: protect[side],
                        log: sideLog,
                        environment: environments?.[side],
                        only,
                      },
                      wanted(side),
                    )
                  : Promise.resolve(undefined),
              sequential,
            ).catch(stoppedDuring('finding tracebacks', 'complete'));
      attachTracebacks(comparison, traced ?? none);
    }
    // No pass follows: what the backend left waiting for one (a pytest session) ends (its
    // processes are gone already when the run was stopped).
    await (interrupted ? backend.release?.().catch(() => undefined) : backend.release?.());
    // Head's code ran beside base's checkout, read-only to it in a sandbox, writable without
    // one: base's figures count only if it is still base's.
    await verifyBaseCheckout(sides.baseDir, baseSha);
    // Nothing below reads the checkouts: their removal starts now, while the report is built;
    // the `finally` below waits for it (and so reports it if it fails).
    sides.dispose().catch(() => undefined);
    environments?.dispose().catch(() => undefined);
    if (privateTemp) rm(privateTemp, { recursive: true, force: true }).catch(() => undefined);
    return await reportRun(settings, log, compared, {
      baseSha,
      headSha,
      workingTree,
      // No test ran on either side: there were no repeats nor leak check to report.
      ...(selection?.kind === 'none' ? {} : { repeatsUsed, iterationsUsed }),
      noChange,
      selection,
      cachedSides,
      objectsNotCounted,
      ...(interrupted ? { interrupted } : {}),
    });
  } catch (error) {
    // Stopped before both sides' first runs ended: nothing is compared, and the log says what
    // had been measured.
    if (stopReason() && !interrupted) {
      const ended = (['base', 'head'] as const).filter((side) => firstDone.has(side));
      const what = [
        'stopped before either side was measured',
        `stopped before both sides were measured: only ${ended[0]}'s first run ended`,
        "stopped after both sides' first runs, before they were compared",
      ];
      log.info(`${what[ended.length]}: no report is written`);
    }
    throw error;
  } finally {
    await backend.release?.().catch(() => undefined);
    await Promise.all([
      sides.dispose(),
      environments?.dispose(),
      privateTemp && rm(privateTemp, { recursive: true, force: true }),
    ]);
  }
}

/** Two sides' snapshots compared, with the budgets tests' markers add; ignored sites left out. */
interface ComparedSides {
  base: Snapshot;
  head: Snapshot;
  markers: ReturnType<typeof markerBudgets>;
  /** The comparison before ignored sites are left out (what a settings change is judged by). */
  compared: Comparison;
  comparison: Comparison;
  ignoredSites: ReturnType<typeof withoutIgnoredSites>['dropped'];
}

/**
 * The sides' outcomes as snapshots (this shard's scenarios), compared: `agreed` when the first
 * pass already was; a usage error when neither side had anything to measure.
 */
function comparedSides(
  backend: CaptureBackend,
  measured: Record<Side, SideOutcome>,
  lineMap: LineMap,
  settings: Settings,
  agreed: Comparison | undefined,
  selection?: TestSelection,
): ComparedSides {
  const { shard } = settings;
  const nothing = backend.nothingMeasured(measured.base, measured.head);
  if (nothing !== undefined && selection?.kind !== 'none') throw new UsageError(nothing);
  // A side that failed as a whole fails each function the other side measured.
  const sided = sideSnapshots(measured, { benchmark: backend.name, frames: settings.frames });
  const { base, head } = shard
    ? { base: snapshotInShard(sided.base, shard), head: snapshotInShard(sided.head, shard) }
    : sided;
  // Tests' budget markers: head's may only add checks; one it cannot read stops the run.
  const markers = markerBudgets(base, head);

  // Ignored sites go before budgets (never checked); small ones after (only not shown).
  const compared = agreed ?? compareSnapshots(base, head, lineMap);
  const { comparison, dropped: ignoredSites } = withoutIgnoredSites(compared, settings.ignore);
  return { base, head, markers, compared, comparison, ignoredSites };
}

/** The budgets checked on a comparison, the report built and every output written. */
async function reportRun(
  settings: Settings,
  log: Logger,
  { base, head, markers, compared, comparison, ignoredSites }: ComparedSides,
  run: {
    baseSha: string;
    headSha: string;
    workingTree?: true;
    repeatsUsed?: number;
    iterationsUsed?: number;
    noChange?: string;
    selection?: TestSelection;
    cachedSides: Partial<Record<Side, string>>;
    objectsNotCounted?: { count: number; why: string };
    interrupted?: Interrupted;
  },
): Promise<RunResult> {
  const { shard } = settings;
  const { baseSha, headSha, workingTree, noChange, selection, cachedSides } = run;
  // Ceilings on `site` judge every site head holds memory at, changed or not.
  const held = headSitesOf(head, settings.ignore);
  const checked = checkBudgets(comparison, settings.budgets, markers.rules, held);
  const budgets = checked.results;
  // A shard checked some of the scenarios: what it did not check may be checked by another,
  // and the merge, which sees them all, warns about what none did.
  const warnings = [...markers.warnings, ...(shard ? [] : checked.warnings)];
  for (const warning of warnings) log.warning(warning);
  if (shard) {
    for (const warning of checked.warnings) {
      log.info(`in this shard: ${warning} (the merge warns if no shard checked it)`);
    }
  }
  const shown = withoutSmallSites(comparison, settings.minimumChange);
  const described = head.scenarios.length > 0 && head.python.version ? head : base;
  const report = buildReport({
    allocdiffVersion: VERSION,
    key: settings.key,
    verdict: decideVerdict(comparison, budgets, warnings),
    ...(settings.repository ? { repository: settings.repository } : {}),
    ...(settings.serverUrl ? { serverUrl: settings.serverUrl } : {}),
    ...(settings.pullRequest !== undefined ? { pullRequest: settings.pullRequest } : {}),
    base: { sha: baseSha, ref: settings.base },
    head: { sha: headSha, ref: settings.head, ...(workingTree ? { workingTree } : {}) },
    environment: {
      python: described.python.version || undefined,
      implementation: described.python.implementation || undefined,
      platform: described.platform || undefined,
      frames: settings.frames,
      ...(run.repeatsUsed !== undefined ? { repeats: run.repeatsUsed } : {}),
      ...(run.iterationsUsed !== undefined ? { iterations: run.iterationsUsed } : {}),
    },
    comparison: shown.comparison,
    budgets,
    warnings,
    ...(settings.configFile ? { configFile: settings.configFile } : {}),
    hiddenSites: {
      ignored: ignoredSites,
      belowMinimumChange: shown.dropped,
      minimumChange: settings.minimumChange,
    },
  });
  if (noChange) report.noChange = `no change: ${noChange}`;
  // Whether the tests were selected because nothing said otherwise, or as the settings asked.
  const by = settings.selectTests === 'auto' ? 'default' : 'setting';
  if (selection?.kind === 'all' && selection.notRun) {
    report.testsNotRun = { count: 0, why: selection.notRun, by };
  } else if (selection && selection.kind !== 'all') {
    if (selection.skip.length + selection.skipFiles.length > 0) {
      report.testsNotRun = { count: selection.skip.length, why: selection.why, by };
    }
  }
  if (run.objectsNotCounted) report.objectsNotCounted = run.objectsNotCounted;
  if (run.interrupted) {
    // What a stopped run measured is reported, never as a pass.
    report.interrupted = run.interrupted;
    if (report.verdict === 'pass') report.verdict = 'warn';
  }
  const cached = (['base', 'head'] as const).flatMap((side) => cachedSides[side] ?? []);
  if (cached.length > 0) report.cached = cached;
  if (shard) {
    const { overrides, rules } = checked.unchecked;
    report.shard = {
      ...shard,
      settings: settingsDigest(settings),
      ...(overrides.length + rules.length > 0 ? { unchecked: checked.unchecked } : {}),
    };
  }
  if (settings.proposed && settings.settingsFrom) {
    report.settingsChange = judgeProposed(
      report,
      compared,
      settings.proposed,
      settings.settingsFrom,
      markers.headRules,
      head,
    );
    log.warning(settingsChangeText(report.settingsChange));
  }
  const outputs = await writeOutputs(settings, report, renderOptions(settings));
  return { report, outputs, markdown: outputs.comment.content, summary: outputs.summary.content };
}

/**
 * pytest in command mode, `select-tests` on and no setup: first the test files that can reach
 * nothing the diff changes, from the source of both sides (`ruleOut`: not collected, and when
 * that is every test file of a pytest command, nothing runs); then what each remaining test of
 * base reads, and the tests the diff can have changed; undefined (every test traced) otherwise,
 * or when the reads could not be recorded (said in the log).
 */
async function chooseTests(
  settings: Settings,
  backend: CaptureBackend,
  lineMap: LineMap,
  always: string[],
  log: Logger,
  passes: {
    ruleOut: () => Promise<StaticSelection | { failure: string }>;
    readBase: (skipFiles: string[]) => Promise<TestReads | { failure: string } | undefined>;
    /** Called just before the reads pass, with the test files it does not collect. */
    beforeReads?: (skipFiles: string[]) => void;
  },
): Promise<TestSelection | undefined> {
  const asked = settings.selectTests;
  if (asked === true && settings.benchmark.kind !== 'command') {
    // Asked for, but there are no tests to select: said, never silently dropped.
    log.warning(
      `select-tests: true is not applied: it selects the tests of a pytest command (command: ` +
        `"python -m pytest …", with no setup), and this run measures the script ` +
        `${settings.benchmark.script}, all of it`,
    );
    return undefined;
  }
  if (settings.benchmark.kind !== 'command' || asked === false || !backend.readTests) {
    return undefined;
  }
  if (settings.setup) {
    log.info('every test is traced: with a setup, what a test runs may be installed code');
    return undefined;
  }
  if (asked === 'auto' && !isPytestAlone(settings.benchmark.command)) {
    // Processes other than pytest's record no reads: only `true` selects around them.
    log.info(
      'every process is traced: tests are selected by default only when the command is pytest ' +
        'alone (pytest …, python -m pytest …); select-tests: true selects the tests of this one',
    );
    return undefined;
  }
  if (asked === 'auto') log.info(SELECTED_BY_DEFAULT);
  const command = settings.benchmark.command;
  const ruled = backend.ruleOutTests
    ? await log.group('Ruling out test files from the source of both sides', async () => {
        const found = await passes.ruleOut();
        if ('failure' in found) {
          log.warning(`no test file ruled out from the source: ${found.failure}`);
          return undefined;
        }
        log.info(
          (found.everything ?? found.otherTests)
            ? `no test file ruled out: ${found.everything ?? found.otherTests}`
            : `${found.ruledOut.length} of ${found.testFiles} test files ruled out (${staticEvidence(found)})`,
        );
        const kept = Object.entries(found.kept);
        for (const [file, why] of kept.slice(0, 50)) log.info(`kept ${file}: ${why}`);
        if (kept.length > 50) log.info(`kept ${kept.length - 50} more test files`);
        return (found.everything ?? found.otherTests) ? undefined : found;
      })
    : undefined;
  const nothing = ruled && nothingReachable(ruled, command);
  if (nothing) {
    log.info(`no test is run: ${nothing.why}`);
    return nothing;
  }
  return log.group('Recording what each test reads on base', async () => {
    passes.beforeReads?.(ruled?.ruledOut ?? []);
    const reads = await passes.readBase(ruled?.ruledOut ?? []);
    if (reads === undefined) {
      log.info('no pytest test ran: every process is traced');
      return undefined;
    }
    if ('failure' in reads) {
      log.warning(`every test is traced: what each test reads was not recorded: ${reads.failure}`);
      return undefined;
    }
    const selection = selectTests(reads, lineMap, always, ruled);
    log.info(
      selection.kind === 'all'
        ? `every test is traced: ${selection.why}`
        : `${selection.run.length} tests of base to trace on both sides (and any head adds); ${selection.why}`,
    );
    return selection;
  });
}

/** The log's line when the tests are selected because nothing said otherwise. */
/**
 * What the report says of the tests measured in depth whose objects by type were not counted:
 * `counted` of `measured` were, and `unchanged` of them kept the same memory on both sides in
 * the first run (never counted).
 */
export function countedTestsNote(counted: number, measured: number, unchanged: number): string {
  const explains = 'the counts, made before and after a call, explain what a call keeps';
  if (counted === 0)
    return (
      `objects by type not counted for the ${measured} tests measured in depth: their ` +
      `retained memory did not change in a first run (${explains})`
    );
  const which =
    measured - unchanged > counted
      ? 'whose retained memory changed most in a first run'
      : 'whose retained memory changed in a first run';
  const rest = measured - counted;
  const they = unchanged === rest ? 'they' : `${unchanged} of them`;
  const why = unchanged === 0 ? '' : ` (${they} kept the same memory on both sides: ${explains})`;
  return `objects by type counted for the ${counted} of ${measured} tests measured in depth ${which}, not for the other ${rest}${why}`;
}

const SELECTED_BY_DEFAULT =
  'tests selected by default (the command is pytest, no setup): only those that can read what this ' +
  'pull request changes are traced; select-tests: false traces every test';

/**
 * Why head need not run, or undefined when it must: every file base's benchmark read (opened or
 * imported) inside the repository, the folders it listed, and `always` (the script, the config
 * file), untouched by the diff.
 */
function unchangedReads(base: Snapshot, lineMap: LineMap, always: string[]): string | undefined {
  if (!base.reads || base.scenarios.some((s) => s.status !== 'ok')) return undefined;
  const files = new Set([...base.reads.files, ...always]);
  if (lineMap.firstTouched({ ...base.reads, files }) !== undefined) return undefined;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  return (
    'this pull request touches nothing the benchmark reads: on base it read ' +
    `${count(files.size, 'file')} of the repository (the script and config file included) and ` +
    `listed ${count(base.reads.folders.length, 'folder')}, and the diff changes none of them, ` +
    "so head's figures are base's"
  );
}

/**
 * Each side's deep pass with its first run's first call of every `bench_*` function kept as a
 * cold call (`keepFirstCalls`): a function's figure, its first call, is confirmed by another
 * process's first call, not by its later calls.
 */
function withFirstCalls(
  first: Record<Side, SideOutcome>,
  deep: Record<Side, SideOutcome>,
): Record<Side, SideOutcome> {
  const kept = (side: Side): SideOutcome => {
    const [earlier, later] = [first[side], deep[side]];
    return earlier.kind === 'measured' && later.kind === 'measured'
      ? { ...later, snapshot: keepFirstCalls(earlier.snapshot, later.snapshot) }
      : later;
  };
  return { base: kept('base'), head: kept('head') };
}

/**
 * Each side's first, plain run as the deep pass may stop at (`sameAs`): a whole script's, and
 * the `bench_*` functions that measured the same on both sides. A function whose figures differ
 * gets all its in-process repeats: they alone show a figure growing call after call.
 */
function provable(
  measured: Record<Side, SideOutcome>,
  first: Comparison,
): Record<Side, SideOutcome> {
  const agreeing = new Set(first.scenarios.filter(scenarioAgrees).map((s) => s.name));
  const only = (outcome: SideOutcome): SideOutcome =>
    outcome.kind === 'measured'
      ? {
          kind: 'measured',
          snapshot: {
            ...outcome.snapshot,
            scenarios: outcome.snapshot.scenarios.filter(
              (s) => s.kind !== 'function' || agreeing.has(s.name),
            ),
          },
        }
      : outcome;
  return { base: only(measured.base), head: only(measured.head) };
}

/**
 * The commit head measures: the head commit itself, or, on a local run whose head was left to
 * its default, a commit of the working tree on top of it when the working tree has changes.
 */
async function headOrWorkingTree(
  git: Git,
  settings: Settings,
  headSha: string,
  log: Logger,
  /** `git status`'s answer, when it was asked already. */
  changes?: Promise<boolean>,
): Promise<{ measuredHead: string; workingTree?: true }> {
  const commit = { measuredHead: headSha };
  const named = `head ${settings.head} = ${headSha}`;
  if (settings.workingTree === undefined || !(await (changes ?? git.workingTreeHasChanges()))) {
    log.info(named);
    return commit;
  }
  // The working tree sits on top of HEAD, which --head may not name.
  if (settings.workingTree === 'mention' || (await git.commitOf('HEAD')) !== headSha) {
    log.info(named);
    log.info(
      "the working tree's uncommitted changes are not measured: head is the commit " +
        `${settings.head} (without --head, allocdiff measures the working tree)`,
    );
    return commit;
  }
  const untracked = await untrackedSize(git);
  if (untracked.bytes >= LARGE_UNTRACKED_BYTES) {
    const largest = untracked.largest.map((entry) => `${entry.path} ${formatBytes(entry.bytes)}`);
    log.warning(
      `the working tree's untracked files hold ${formatBytes(untracked.bytes)} ` +
        `(${largest.join(', ')}): head measures them, so git copies them into the ` +
        "repository's objects (until its garbage collection removes them) and into head's " +
        'checkout. Ignore what the benchmark does not need (.gitignore, .git/info/exclude), ' +
        'or measure the last commit alone with --head HEAD.',
    );
  }
  const tree = await readWorkingTree(git, headSha).catch((error: unknown) => {
    throw new RunFailure(
      `the working tree could not be read to measure it as head: ${errorMessage(error)}. ` +
        '--head HEAD measures the last commit instead.',
    );
  });
  for (const skipped of tree.skipped) {
    log.warning(`left out of the working tree: ${skipped}`);
  }
  if (!tree.changed) {
    // e.g. a change staged, then undone in the file: the files are HEAD's.
    log.info(`${named} (the working tree has the same files)`);
    return commit;
  }
  log.info(
    `head: working tree on top of ${headSha.slice(0, 7)} (its changes not yet committed, ` +
      'untracked files included; --head HEAD measures the commit alone)',
  );
  return { measuredHead: await commitWorkingTree(git, tree), workingTree: true };
}

import type { BudgetResult, UncheckedBudgets, Verdict } from '../budgets/evaluate.js';
import type { ScenarioError } from '../capture/snapshot.js';
import type { Comparison, ScenarioComparison, SiteDelta } from '../compare/comparison.js';
import { cut, SITE_LIMITS, TEXT_LIMITS } from './report-limits.js';
import type { SettingsChange } from './settings-change.js';

export const REPORT_SCHEMA = 'allocdiff.report/1';

export interface SideInfo {
  sha: string;
  /** The ref the user named (`main`, `HEAD`), when there was one. */
  ref?: string;
  /**
   * Head only: what was measured is the working tree (uncommitted changes and untracked files)
   * on top of `sha`, not the commit `sha` itself.
   */
  workingTree?: true;
}

/** The JSON report: a stable interface, documented in the README. */
export interface Report {
  schema: typeof REPORT_SCHEMA;
  allocdiffVersion: string;
  /** Sticky-comment key, so several allocdiff runs can share a pull request. */
  key: string;
  verdict: Verdict;
  /** `owner/name` on GitHub, when known (links in the comment need it). */
  repository?: string;
  serverUrl?: string;
  pullRequest?: number;
  base: SideInfo;
  head: SideInfo;
  environment: {
    python?: string;
    implementation?: string;
    platform?: string;
    /** Frames of the traceback pass (the measuring runs trace one). */
    frames: number;
    /** Measurements per side; leak-check calls per function (0: none). */
    repeats?: number;
    iterations?: number;
  };
  scenarios: ScenarioComparison[];
  budgets: BudgetResult[];
  /** Budgets that could not be checked at all (e.g. an override matching no scenario). */
  warnings?: string[];
  /** The config file that was read, as messages name it. */
  configFile?: string;
  /**
   * Changed sites left out of `scenarios[].sites`, and why; present when some were, or when a
   * minimum change is set (a scenario whose figures moved by less is counted as unchanged).
   */
  hiddenSites?: HiddenSites;
  /**
   * A change that edits allocdiff's settings: judged by those from before it; what its own
   * would decide.
   */
  settingsChange?: SettingsChange;
  /**
   * Head was not run: the pull request changes nothing the benchmark read on base, so head's
   * figures are base's. The evidence, as a sentence.
   */
  noChange?: string;
  /**
   * pytest tests not run on either side: on base they read (ran or opened) nothing the pull
   * request changes. How many, the evidence as a sentence, and whether they were selected by
   * default (`select-tests: auto`) or because the settings asked (`true`).
   */
  testsNotRun?: { count: number; why: string; by: 'default' | 'setting' };
  /**
   * pytest tests measured in depth whose live objects were not counted by type
   * (`object-types-tests`): how many, and which were counted, as a sentence.
   */
  objectsNotCounted?: { count: number; why: string };
  /**
   * The sides whose measurement was taken from the cache, each as a sentence:
   * `base: cached measurement of 1a2b3c4 from 2026-12-07 10:12 UTC`.
   */
  cached?: string[];
  /**
   * A verdict that would fail the check, accepted by a maintainer with the pull request's
   * `accept-label`; `verdict` stays what the budgets decided.
   */
  accepted?: Acceptance;
  /**
   * The run was stopped (Ctrl-C, SIGTERM) after both sides' first runs, or a side's deep pass
   * ended before it measured (it timed out): this report holds what was measured by then, and
   * is never a pass.
   */
  interrupted?: Interrupted;
  /** This report measured one shard of a suite split across runners (`shard: K/N`). */
  shard?: ShardOfSuite;
  /** A report merged from the shards of a suite (`mode: merge`). */
  shards?: MergedShards;
}

/** A run stopped before its end (`Report.interrupted`). */
export interface Interrupted {
  /** The signal that stopped it: `SIGINT`, `SIGTERM`. */
  signal?: string;
  /** Without a signal: why the pass ended early, per side (`head: the command timed out …`). */
  why?: string;
  /** The pass it was stopped during: `measuring in depth`, `finding tracebacks`. */
  during: string;
  /**
   * `first-run`: the figures are those of one run of each side, not measured in depth (no
   * repeats, noise, leak check, objects by type, sites at the peak or retention paths);
   * `complete`: the figures are the run's own, only what `during` adds is missing.
   */
  figures: 'first-run' | 'complete';
}

export interface ShardOfSuite {
  /** From 1 to `count`. */
  index: number;
  count: number;
  /** A digest of the settings the shard ran with: the shards merged must have the same. */
  settings: string;
  /**
   * Budgets none of this shard's scenarios could check (not warned about in the shard: another
   * may check them); the merge warns about those no shard checked.
   */
  unchecked?: UncheckedBudgets;
}

export interface MergedShards {
  count: number;
  /** The shards that left no report: their scenarios were not measured nor checked. */
  missing: number[];
}

/** Who or what accepted a change over budget. */
export interface Acceptance {
  label: string;
  /** Who added the label, when the event says so. */
  by?: string;
}

export interface HiddenSites {
  /** Sites matching an `ignore` glob: neither shown nor checked. */
  ignored: number;
  /** Sites whose size changed by less than `minimumChange` bytes: checked, not shown. */
  belowMinimumChange: number;
  minimumChange: number;
}

/** What a report is built from: the comparison, and the report's fields that say about the run. */
export type ReportInput = Pick<
  Report,
  | 'allocdiffVersion'
  | 'key'
  | 'verdict'
  | 'repository'
  | 'serverUrl'
  | 'pullRequest'
  | 'base'
  | 'head'
  | 'environment'
  | 'budgets'
  | 'warnings'
  | 'configFile'
  | 'hiddenSites'
> & { comparison: Comparison };

/** A location's strings cut to the report's limits: the same object when they fit. */
function locationWithinLimits<T extends { file: string; text?: string; function?: string }>(
  location: T,
): T {
  const { file, text, function: name } = location;
  if (
    file.length <= TEXT_LIMITS.file &&
    (text === undefined || text.length <= TEXT_LIMITS.text) &&
    (name === undefined || name.length <= TEXT_LIMITS.name)
  ) {
    return location;
  }
  const within = { ...location, file: cut(file, TEXT_LIMITS.file) };
  if (text !== undefined) within.text = cut(text, TEXT_LIMITS.text);
  if (name !== undefined) within.function = cut(name, TEXT_LIMITS.name);
  return within;
}

function siteWithinLimits(site: SiteDelta): SiteDelta {
  const within = locationWithinLimits(site);
  if (!site.tracebacks) return within;
  const tracebacks = site.tracebacks.map((traceback) => {
    const frames = traceback.frames.map(locationWithinLimits);
    return frames.every((frame, index) => frame === traceback.frames[index])
      ? traceback
      : { ...traceback, frames };
  });
  return tracebacks.every((traceback, index) => traceback === site.tracebacks![index])
    ? within
    : { ...within, tracebacks };
}

function errorWithinLimits<T extends ScenarioError>(error: T): T {
  const within = {
    ...error,
    type: cut(error.type, TEXT_LIMITS.name),
    message: cut(error.message, TEXT_LIMITS.text),
  };
  if (error.traceback !== undefined) within.traceback = cut(error.traceback, TEXT_LIMITS.long);
  if (error.output !== undefined) within.output = cut(error.output, TEXT_LIMITS.long);
  return within;
}

/** `sites`' first `limit`, and the rest summed (none when all fit). */
function sitesWithinLimit(
  sites: readonly SiteDelta[],
  limit: number,
): { kept: readonly SiteDelta[]; leftOut?: NonNullable<ScenarioComparison['sitesLeftOut']> } {
  if (sites.length <= limit) return { kept: sites };
  const leftOut = { count: sites.length - limit, sizeDelta: 0, countDelta: 0 };
  for (let index = limit; index < sites.length; index += 1) {
    leftOut.sizeDelta += sites[index]!.sizeDelta;
    leftOut.countDelta += sites[index]!.countDelta;
  }
  return { kept: sites.slice(0, limit), leftOut };
}

/**
 * A scenario with every string from the benchmark (source lines, function and file names,
 * errors and their tracebacks) cut to what the report's schema allows, the cut marked, and at
 * most `siteLimit` sites listed (the rest summed), so report mode reads back every report the
 * full mode writes.
 */
function scenarioWithinLimits(scenario: ScenarioComparison, siteLimit: number): ScenarioComparison {
  const { kept, leftOut } = sitesWithinLimit(scenario.sites, siteLimit);
  const within: ScenarioComparison = {
    ...scenario,
    name: cut(scenario.name, TEXT_LIMITS.name),
    sites: kept.map(siteWithinLimits),
  };
  if (leftOut) within.sitesLeftOut = leftOut;
  if (scenario.leakSites) within.leakSites = scenario.leakSites.map(siteWithinLimits);
  if (scenario.peakSites)
    within.peakSites = {
      ...scenario.peakSites,
      sites: scenario.peakSites.sites.map(siteWithinLimits),
      ...(scenario.peakSites.missed
        ? {
            missed: Object.fromEntries(
              Object.entries(scenario.peakSites.missed).map(([side, why]) => [
                side,
                cut(why, TEXT_LIMITS.text),
              ]),
            ),
          }
        : {}),
    };
  if (scenario.retention)
    within.retention = scenario.retention.map((finding) => ({
      ...finding,
      site: locationWithinLimits(finding.site),
      root: cut(finding.root, TEXT_LIMITS.name),
      holder: cut(finding.holder, TEXT_LIMITS.name),
      holderType: cut(finding.holderType, TEXT_LIMITS.name),
      name: cut(finding.name, TEXT_LIMITS.name),
      path: cut(finding.path, TEXT_LIMITS.text),
      ...(finding.culprit
        ? {
            culprit: {
              ...locationWithinLimits(finding.culprit),
              ...(finding.culprit.type !== undefined
                ? { type: cut(finding.culprit.type, TEXT_LIMITS.name) }
                : {}),
            },
          }
        : {}),
      ...(finding.cycle
        ? {
            cycle: finding.cycle.map((entry) => ({
              ...entry,
              type: cut(entry.type, TEXT_LIMITS.name),
            })),
          }
        : {}),
      via: finding.via.map((step) => ({
        ...locationWithinLimits(step),
        type: cut(step.type, TEXT_LIMITS.name),
      })),
    }));
  if (scenario.error) within.error = errorWithinLimits(scenario.error);
  if (scenario.baseError) within.baseError = errorWithinLimits(scenario.baseError);
  if (scenario.objectTypes)
    within.objectTypes = scenario.objectTypes.map((objects) =>
      objects.type.length <= TEXT_LIMITS.name
        ? objects
        : { ...objects, type: cut(objects.type, TEXT_LIMITS.name) },
    );
  return within;
}

export function buildReport(input: ReportInput): Report {
  const { comparison, hiddenSites, ...rest } = input;
  const withSites = comparison.scenarios.filter((scenario) => scenario.sites.length > 0).length;
  const siteLimit = Math.min(
    SITE_LIMITS.perScenario,
    Math.max(1, Math.floor(SITE_LIMITS.total / Math.max(1, withSites))),
  );
  const report: Report = {
    schema: REPORT_SCHEMA,
    ...rest,
    warnings: input.warnings ?? [],
    scenarios: comparison.scenarios.map((scenario) => scenarioWithinLimits(scenario, siteLimit)),
  };
  // Kept with a minimum change even when nothing was left out: what "changed" means depends on it.
  if (
    hiddenSites &&
    (hiddenSites.ignored + hiddenSites.belowMinimumChange > 0 || hiddenSites.minimumChange > 0)
  ) {
    report.hiddenSites = hiddenSites;
  }
  return report;
}

/** The JSON report as it is written: two-space indented, with a final newline. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

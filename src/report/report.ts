import type { BudgetResult, Verdict } from '../budgets/evaluate.js';
import type { Comparison, ScenarioComparison } from '../compare/comparison.js';
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
  /** Changed sites left out of `scenarios[].sites`, and why. */
  hiddenSites?: HiddenSites;
  /**
   * A change that edits allocdiff's settings: judged by those from before it; what its own
   * would decide.
   */
  settingsChange?: SettingsChange;
  /**
   * A verdict that would fail the check, accepted by a maintainer with the pull request's
   * `accept-label`; `verdict` stays what the budgets decided.
   */
  accepted?: Acceptance;
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

export interface ReportInput {
  allocdiffVersion: string;
  key: string;
  verdict: Verdict;
  repository?: string;
  serverUrl?: string;
  pullRequest?: number;
  base: SideInfo;
  head: SideInfo;
  environment: Report['environment'];
  comparison: Comparison;
  budgets: BudgetResult[];
  warnings?: string[];
  configFile?: string;
  hiddenSites?: HiddenSites;
}

export function buildReport(input: ReportInput): Report {
  const { comparison, hiddenSites, ...rest } = input;
  const report: Report = {
    schema: REPORT_SCHEMA,
    ...rest,
    warnings: input.warnings ?? [],
    scenarios: comparison.scenarios,
  };
  if (hiddenSites && hiddenSites.ignored + hiddenSites.belowMinimumChange > 0) {
    report.hiddenSites = hiddenSites;
  }
  return report;
}

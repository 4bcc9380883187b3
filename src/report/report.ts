import type { BudgetResult, Verdict } from '../budgets/evaluate.js';
import type { Comparison, ScenarioComparison } from '../compare/comparison.js';

export const REPORT_SCHEMA = 'allocdiff.report/1';

export interface SideInfo {
  sha: string;
  /** The ref the user named (`main`, `HEAD`), when there was one. */
  ref?: string;
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
  environment: { python?: string; implementation?: string; platform?: string; frames: number };
  scenarios: ScenarioComparison[];
  budgets: BudgetResult[];
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
}

export function buildReport(input: ReportInput): Report {
  const { comparison, ...rest } = input;
  return { schema: REPORT_SCHEMA, ...rest, scenarios: comparison.scenarios };
}

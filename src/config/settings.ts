import type { BudgetRule } from '../budgets/rules.js';

/** Everything one allocdiff run needs, built once from action inputs or CLI flags. */
export interface Settings {
  /** The git checkout of the project, or a folder inside it. */
  repoDir: string;
  /** Base and head as refs or SHAs. */
  base: string;
  head: string;
  /** Benchmark script, relative to `repoDir`. */
  script: string;
  /** Shell command run in each checkout before the benchmark (e.g. `pip install -e .`). */
  setup?: string;
  budgetRules: BudgetRule[];
  python: string;
  /** tracemalloc frames per traceback. */
  frames: number;
  /** Sticky-comment key, so several allocdiff runs can share a pull request. */
  key: string;
  /** Where the JSON report and the Markdown go. */
  jsonPath: string;
  markdownPath: string;
  /** Repository on GitHub, for links in the report. */
  repository?: string;
  serverUrl?: string;
  pullRequest?: number;
}

export const DEFAULTS = {
  python: 'python3',
  frames: 1,
  key: 'default',
} as const;

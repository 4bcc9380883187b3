import type { FailOn } from '../budgets/evaluate.js';
import type { BudgetPolicy } from '../budgets/rules.js';
import type { Config } from './load-config.js';
import type { PeakSitesSetting } from './schema.js';

/** Everything one allocdiff run needs, built once from action inputs or CLI flags and config. */
export interface Settings {
  /** The git checkout of the project, or a folder inside it. */
  repoDir: string;
  /** Base and head as refs or SHAs. */
  base: string;
  head: string;
  /**
   * Local runs only (the CLI), where the working tree may hold changes not yet committed.
   * `measure`: head was left to its default, so when the working tree differs from HEAD
   * (staged or unstaged changes, untracked files), head is the working tree on top of HEAD.
   * `mention`: head was named; a working tree with changes is only mentioned, not measured.
   */
  workingTree?: 'measure' | 'mention';
  /** Benchmark script, relative to `repoDir`; exactly one of `script` and `command` is set. */
  script?: string;
  /**
   * Shell command run in each checkout (in the counterpart of `repoDir`): every Python process
   * it starts is measured (command mode; see src/capture/command.ts).
   */
  command?: string;
  /** Shell command run in each checkout before the benchmark (e.g. `pip install -e .`). */
  setup?: string;
  /** Budget rules, general and per scenario. */
  budgets: BudgetPolicy;
  /** Globs over site paths: matching sites are neither shown nor checked. */
  ignore: string[];
  /** Bytes: sites whose size changed by less are not shown. */
  minimumChange: number;
  /** Which verdicts fail the run. */
  failOn: FailOn;
  /** Changed sites listed per scenario and direction (grew, shrank); the rest are folded. */
  topSites: number;
  /** The config file that was read, as messages name it. */
  configFile?: string;
  python: string;
  /**
   * tracemalloc frames per traceback. The measurements always use 1; above 1, a second run per
   * side traces only the top changed sites with this many frames.
   */
  frames: number;
  /** Measurements per side: in-process calls of a `bench_*` function, processes of a script. */
  repeats: number;
  /** Leak-check calls per `bench_*` function; 0 = no leak check. */
  iterations: number;
  /** Minutes one side may take before its processes are killed and it is reported failed. */
  timeoutMinutes: number;
  /**
   * Find which sites held memory at the peak (an extra, hooked run per side): `auto` for the
   * scenarios whose peak the first pass found changed, `true` for every scenario, `false` never.
   */
  peakSites: PeakSitesSetting;
  /** Base and head at once: true, false, or undefined for "when there are two cores or more". */
  parallel?: boolean;
  /** Count live objects by type before and after each scenario. */
  objectTypes: boolean;
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

/** What the loaded configuration decides, in the shape `Settings` has for it. */
export type ConfiguredSettings = Pick<
  Settings,
  | 'script'
  | 'command'
  | 'setup'
  | 'budgets'
  | 'ignore'
  | 'minimumChange'
  | 'failOn'
  | 'topSites'
  | 'configFile'
  | 'python'
  | 'frames'
  | 'repeats'
  | 'iterations'
  | 'timeoutMinutes'
  | 'peakSites'
  | 'parallel'
  | 'objectTypes'
>;

/** The part of `Settings` the configuration gives, for the action and the CLI alike. */
export function settingsFromConfig(config: Config): ConfiguredSettings {
  return {
    ...(config.script !== undefined ? { script: config.script } : {}),
    ...(config.command !== undefined ? { command: config.command } : {}),
    setup: config.setup,
    budgets: config.budgets,
    ignore: config.ignore,
    minimumChange: config.minimumChange,
    failOn: config.failOn,
    topSites: config.top,
    ...(config.configFile ? { configFile: config.configFile } : {}),
    python: config.python,
    frames: config.frames,
    repeats: config.repeats,
    iterations: config.iterations,
    timeoutMinutes: config.timeoutMinutes,
    peakSites: config.peakSites,
    ...(config.parallel !== undefined ? { parallel: config.parallel } : {}),
    objectTypes: config.objectTypes,
  };
}

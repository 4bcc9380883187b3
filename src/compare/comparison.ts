import type { ScenarioError, SiteTraceback } from '../capture/snapshot.js';
import type { Measure, MeasureFields } from './measures.js';
import type { RetentionFinding } from './retention.js';

export type { Measure } from './measures.js';

/**
 * How a figure varied over each side's repeats, as a `Measure` says it: noisy, its ranges, its
 * growth call after call (a leak).
 */
export type Spread = Pick<
  Measure,
  'noisy' | 'baseRange' | 'headRange' | 'baseGrowth' | 'headGrowth' | 'fewRepeats'
>;

export type ScenarioStatus = 'ok' | 'new' | 'removed' | 'failed';

/**
 * A site's change. Its `Spread` is its size's over the repeats (growth in bytes per call): noisy
 * as `Measure.noisy`, its ranges where a side's repeats differed, its rise call after call.
 */
export interface SiteDelta extends Spread {
  /** Head path (or the base path, for a site gone from head and not mappable). */
  file: string;
  /**
   * Head line; null when the line is gone from head (removed, or its file deleted). A base
   * site whose line head still has (unchanged, or edited in place) keeps it: see `silent`.
   */
  line: number | null;
  /** Base line; null when the site exists only on head. */
  baseLine: number | null;
  /** Base path, when it differs from `file` (a renamed file). */
  baseFile?: string;
  function?: string;
  text?: string;
  sizeDelta: number;
  countDelta: number;
  baseSize: number;
  headSize: number;
  baseCount: number;
  headCount: number;
  /** The head line is one this change added or edited. */
  changedLine: boolean;
  /** Head has the line (`line`) but allocates nothing on it: the site is only on base. */
  silent?: true;
  /**
   * Call paths to the site, largest first, from the traceback pass (`frames` > 1, top changed
   * sites only): head's, or base's for a site gone from head (`tracebackSide` says which).
   */
  tracebacks?: SiteTraceback[];
  tracebackSide?: 'base' | 'head';
}

/** Live objects of one type: how many more there were after a scenario than before, per side. */
export interface ObjectTypeDelta {
  /** `bytearray`, `app.cache.Node`. */
  type: string;
  /** after − before on base; null when base did not count objects (or lacks the scenario). */
  baseGrowth: number | null;
  headGrowth: number | null;
  /** headGrowth − baseGrowth; never 0 (unchanged types are left out). */
  delta: number;
}

/** The sites that held memory at the high-water mark, head's matched to base's. */
export interface PeakSites {
  /**
   * Per side: the traced level when the sites were taken, and the true peak of the hooked run
   * they come from (which aims at the measured peak, `ScenarioComparison.peak`).
   */
  base?: { bytes: number; peakBytes: number };
  head?: { bytes: number; peakBytes: number };
  /**
   * Sizes are bytes held at the peak. The largest growths, the largest shrinks (a site gone
   * from head's peak has `headSize` 0) and the largest unchanged sites, each up to 50; largest
   * change first, then largest held.
   */
  sites: SiteDelta[];
  /**
   * Per side: why it has no sites at the peak though they were asked for (the hooked run missed
   * the peak, or failed), as the harness or the run said it.
   */
  missed?: { base?: string; head?: string };
  /**
   * Set when both sides have sites at the peak and they share little: `sharedBytes` (held at
   * the same sites on both sides, the smaller of each site's two sizes) is under half the
   * smaller of the two levels. The peaks then came at different moments of the run (or the
   * change moved that memory to other lines): a site's Δ compares two moments, not what it
   * allocates, and no site at the peak is named as the change's.
   */
  apart?: { sharedBytes: number };
}

/**
 * One scenario compared. Its measures (`peak`, `retained`, `retainedCount`, and once measured
 * `leak` and `rss`) come from the table of measures (measures.ts).
 */
export interface ScenarioComparison extends MeasureFields {
  name: string;
  status: ScenarioStatus;
  /** `function`: a `bench_*` function of the benchmark; `script`: the whole script. */
  kind?: 'script' | 'function' | 'process' | 'test';
  /** Measurements per side (in-process calls, or processes of a script). */
  repeats?: { base: number; head: number };
  /**
   * true: every repeat on both sides gave the same figures; false: something differed (marked
   * on the measures and sites: noisy, growing call after call, or a range alone: the steps of a
   * leak whose leak check rose steadily); absent: too few repeats to
   * tell (a script needs 2, a function 3, since its first call is a cold one).
   */
  deterministic?: boolean;
  /**
   * On a scenario that failed as a whole on one side (the script or command): the other side's
   * pytest tests, not run on the failed side, which are not compared but counted here.
   */
  notRun?: { tests: number };
  /**
   * When each side's figures were proven by runs (processes of their own) that measured exactly
   * the same, so that no further repeats were made: the fewest such runs of a side.
   */
  identicalRuns?: number;
  /** Why a side failed; `side` says which (head, when both failed). */
  error?: ScenarioError & { side: 'base' | 'head' };
  /** When base failed as well as head: base's own error (`error` is head's). */
  baseError?: ScenarioError;
  /** Sites whose retained size or count differ between base and head, largest change first. */
  sites: SiteDelta[];
  /**
   * In a report, the changed sites beyond the most it lists (report-limits.ts), after `sites`:
   * how many, and their changes summed.
   */
  sitesLeftOut?: { count: number; sizeDelta: number; countDelta: number };
  /** Leak check: the leaking sites, sizes in bytes per call (rounded), fastest on head first. */
  leakSites?: SiteDelta[];
  /** Object types whose growth over the scenario differs between base and head. */
  objectTypes?: ObjectTypeDelta[];
  peakSites?: PeakSites;
  /**
   * What keeps head's grown sites' objects alive (retention paths, from the deep pass on head
   * when retained memory grew), largest first, each with the changed line that filled its
   * holder when one did.
   */
  retention?: RetentionFinding[];
}

export interface Comparison {
  scenarios: ScenarioComparison[];
  /** The sides that failed as a whole (nothing of them measured): nothing to measure in depth. */
  failedAsAWhole?: ('base' | 'head')[];
}

import type { ScenarioError } from '../capture/snapshot.js';

/** A measurement on both sides; null where a side has none. */
export interface Measure {
  base: number | null;
  head: number | null;
  delta: number | null;
  /** The measurement varies between runs of the same code: never a reason to fail on its own. */
  noisy?: boolean;
}

export type ScenarioStatus = 'ok' | 'new' | 'removed' | 'failed';

export interface SiteDelta {
  /** Head path (or the base path, for a site gone from head and not mappable). */
  file: string;
  /** Head line; null when the site exists only on base. */
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
  /** The site's size varies between runs of the same code: never a reason to fail on its own. */
  noisy?: boolean;
}

export interface ScenarioComparison {
  name: string;
  status: ScenarioStatus;
  /** Why a side failed; `side` says which. */
  error?: ScenarioError & { side: 'base' | 'head' };
  peak: Measure;
  retained: Measure;
  /** Memory blocks still allocated at the end (the count behind `retained`). */
  retainedCount: Measure;
  /** Bytes retained per call, for scenarios the harness runs repeatedly; absent until measured. */
  leak?: Measure;
  /** Sites whose retained size or count differ between base and head, largest change first. */
  sites: SiteDelta[];
}

export interface Comparison {
  scenarios: ScenarioComparison[];
}

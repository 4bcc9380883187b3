/**
 * The snapshot: the contract between the Python harness (python/allocdiff_harness) and the
 * TypeScript side. One JSON document per side. Bump SNAPSHOT_SCHEMA on any incompatible change
 * and teach `parseSnapshot` to reject the old one with a clear message.
 */
export const SNAPSHOT_SCHEMA = 'allocdiff.snapshot/1';

/** One allocation site: where tracemalloc attributed the memory, and how much is still held. */
export interface SnapshotSite {
  /** Normalised path: repo-relative, `site-packages/…`, `<stdlib>/…`, or as Python gave it. */
  file: string;
  line: number;
  /** Bytes allocated at this site during the scenario and still alive at its end. */
  size: number;
  /** Number of memory blocks behind `size`. */
  count: number;
  /** The source line's text (stripped), when it could be read. */
  text?: string;
  /** Qualified name of the enclosing function (`LRU.put`), `<module>` at top level. */
  function?: string;
}

export interface ScenarioError {
  /** Exception class name, e.g. `ValueError`, or `SystemExit`. */
  type: string;
  message: string;
  /** Formatted Python traceback (last lines), when there was one. */
  traceback?: string;
  /** Last lines of the benchmark's output, added by the TypeScript side. */
  output?: string;
}

export interface SnapshotScenario {
  name: string;
  kind: 'script';
  status: 'ok' | 'failed';
  error?: ScenarioError;
  /** Peak traced memory above the level at the scenario's start, in bytes. */
  peakBytes: number;
  /** Sum of `size` over `sites` (after − before, harness frames filtered out). */
  retainedBytes: number;
  retainedCount: number;
  durationSeconds: number;
  sites: SnapshotSite[];
}

export interface Snapshot {
  schema: typeof SNAPSHOT_SCHEMA;
  harness: { version: string };
  python: { version: string; implementation: string };
  platform: string;
  frames: number;
  scenarios: SnapshotScenario[];
  /** Things the harness could not measure, and why. */
  unmeasured: { what: string; why: string }[];
}

/**
 * What measuring one side gave: a snapshot, nothing to measure in that commit, or a failure of
 * the side as a whole. Compare, budgets and report read snapshots only: `sideSnapshots` turns
 * the two sides' outcomes into the snapshots they read, in one place.
 */
import { SNAPSHOT_SCHEMA, type ScenarioError, type Snapshot } from './snapshot.js';

export type SideOutcome =
  /** The side ran: what it measured (a scenario may still have failed in it). */
  | { kind: 'measured'; snapshot: Snapshot }
  /** The benchmark does not exist in this commit (a new script): nothing to measure. */
  | { kind: 'absent' }
  /** The side could not be measured at all: setup failed, the run timed out or was killed. */
  | { kind: 'failed'; error: ScenarioError };

/** What the snapshots of an outcome name a side by: its benchmark, and the frames asked for. */
export interface OutcomeContext {
  /** The name of the one failed scenario of a side that failed as a whole: the benchmark. */
  benchmark: string;
  frames: number;
}

/** A snapshot of nothing: no scenarios, no interpreter. */
export function emptySnapshot(frames: number): Snapshot {
  return {
    schema: SNAPSHOT_SCHEMA,
    harness: { version: 'none' },
    python: { version: '', implementation: '' },
    platform: '',
    frames,
    repeats: 1,
    iterations: 0,
    timings: { setupSeconds: 0, totalSeconds: 0 },
    scenarios: [],
    unmeasured: [],
  };
}

/** A snapshot that only says the side could not be measured: one failed scenario. */
export function failedSnapshot(scenario: string, error: ScenarioError, frames: number): Snapshot {
  return {
    ...emptySnapshot(frames),
    scenarios: [
      {
        name: scenario,
        kind: 'script',
        status: 'failed',
        error,
        peakBytes: 0,
        retainedBytes: 0,
        retainedCount: 0,
        durationSeconds: 0,
        repeats: [],
        sites: [],
      },
    ],
  };
}

/** One side's outcome as a snapshot, by itself: a failure is one failed scenario. */
export function snapshotOf(outcome: SideOutcome, context: OutcomeContext): Snapshot {
  switch (outcome.kind) {
    case 'measured':
      return outcome.snapshot;
    case 'absent':
      return emptySnapshot(context.frames);
    case 'failed':
      return failedSnapshot(context.benchmark, outcome.error, context.frames);
  }
}

/**
 * Both sides' outcomes as the snapshots compare reads. A side that failed as a whole fails each
 * scenario the other side measured (spreadSideFailure).
 */
export function sideSnapshots(
  outcomes: { base: SideOutcome; head: SideOutcome },
  context: OutcomeContext,
): { base: Snapshot; head: Snapshot } {
  const base = snapshotOf(outcomes.base, context);
  const head = snapshotOf(outcomes.head, context);
  return {
    base: outcomes.base.kind === 'failed' ? spreadSideFailure(base, head) : base,
    head: outcomes.head.kind === 'failed' ? spreadSideFailure(head, base) : head,
  };
}

/**
 * `side` failed as a whole (failedSnapshot): one failed scenario named after the benchmark.
 * When the other side measured named scenarios (its `bench_*` functions), the failure is given
 * to each of them, so the report shows every function as failed on this side rather than as
 * removed and a stray script as failed.
 */
export function spreadSideFailure(side: Snapshot, other: Snapshot): Snapshot {
  const [failure] = side.scenarios;
  if (side.scenarios.length !== 1 || failure.status !== 'failed') return side;
  const names = other.scenarios.map((scenario) => scenario.name);
  if (names.length === 0 || (names.length === 1 && names[0] === failure.name)) return side;
  return {
    ...side,
    scenarios: other.scenarios.map((scenario) => ({
      ...failure,
      name: scenario.name,
      kind: scenario.kind,
    })),
  };
}

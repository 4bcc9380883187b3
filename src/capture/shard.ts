/**
 * A part of the scenarios, for a suite split across runners (`shard: K/N`). A scenario belongs
 * to shard `fnv1a(name) mod N + 1`, FNV-1a (32 bits) over its name's UTF-8 bytes: a function of
 * the name alone, so both sides, every runner and the merge agree on it without knowing the
 * other scenarios, and a scenario added or removed moves no other one to another shard (sorted
 * names dealt round-robin would move every name after it, and base and head, whose lists differ
 * when a pull request adds a scenario, would deal the same name to different shards). The
 * harness applies the same function (python/allocdiff_harness/shard.py) to leave out the
 * `bench_*` functions and pytest tests of other shards before they run; the outcome is
 * filtered here too, so a scenario the harness cannot leave out (a whole script, a process of a
 * command) is reported by its own shard only.
 */
import { UsageError } from '../errors.js';
import type { CaptureBackend } from './backend.js';
import type { SideOutcome } from './outcome.js';
import type { Snapshot } from './snapshot.js';

export interface Shard {
  /** From 1 to `count`. */
  index: number;
  count: number;
}

/** The variable that tells the harness which shard to measure (`K/N`). */
export const SHARD_VARIABLE = 'ALLOCDIFF_SHARD';

/** More shards than any matrix GitHub runs (256 jobs). */
export const MAX_SHARDS = 256;

/** `K/N`, as the input, the flag and the variable write it. */
export function shardText(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** Parses `K/N` (1 ≤ K ≤ N ≤ 256); `origin` names the input or flag in the message. */
export function parseShard(text: string, origin: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!(index >= 1 && count >= 1 && index <= count && count <= MAX_SHARDS)) {
    throw new UsageError(
      `${origin}: got "${text}"; expected K/N, this runner's shard K of N shards, with ` +
        `1 ≤ K ≤ N ≤ ${MAX_SHARDS}, e.g. "2/4" (in a matrix: ` +
        '"${{ matrix.shard }}/${{ strategy.job-total }}")',
    );
  }
  return { index, count };
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The shard (1 to `count`) a scenario of this name belongs to. */
export function shardOfName(name: string, count: number): number {
  return (fnv1a(name) % count) + 1;
}

/**
 * The snapshot with only the scenarios of `shard`. A side that failed as a whole is one
 * scenario named after the benchmark: it too is reported by one shard, the one its name falls to.
 */
export function snapshotInShard(snapshot: Snapshot, shard: Shard): Snapshot {
  const scenarios = snapshot.scenarios.filter(
    (scenario) => shardOfName(scenario.name, shard.count) === shard.index,
  );
  return scenarios.length === snapshot.scenarios.length ? snapshot : { ...snapshot, scenarios };
}

/** The outcome with only the scenarios of `shard`. */
export function outcomeInShard(outcome: SideOutcome, shard: Shard): SideOutcome {
  if (outcome.kind !== 'measured') return outcome;
  return { ...outcome, snapshot: snapshotInShard(outcome.snapshot, shard) };
}

/**
 * The backend measuring `shard` only. A shard may hold no scenario (fewer scenarios than
 * shards): both sides measured with nothing in it is then a report of nothing, not an error.
 */
export function shardedBackend(backend: CaptureBackend, shard: Shard): CaptureBackend {
  return {
    name: backend.name,
    inDepth: backend.inDepth,
    ...(backend.check ? { check: (checkouts) => backend.check!(checkouts) } : {}),
    measure: async (dir, options) => outcomeInShard(await backend.measure(dir, options), shard),
    ...(backend.trace
      ? {
          trace: async (dir, options, sitesFile) =>
            outcomeInShard(await backend.trace!(dir, options, sitesFile), shard),
        }
      : {}),
    ...(backend.prepare ? { prepare: (dir, options) => backend.prepare!(dir, options) } : {}),
    ...(backend.release ? { release: () => backend.release!() } : {}),
    nothingMeasured: (base, head) =>
      base.kind === 'measured' && head.kind === 'measured'
        ? undefined
        : backend.nothingMeasured(base, head),
  };
}

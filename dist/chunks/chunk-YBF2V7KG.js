import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-XA3YYY7N.js";

// src/capture/shard.ts
var SHARD_VARIABLE = "ALLOCDIFF_SHARD";
var MAX_SHARDS = 256;
function shardText(shard) {
  return `${shard.index}/${shard.count}`;
}
function parseShard(text, origin) {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!(index >= 1 && count >= 1 && index <= count && count <= MAX_SHARDS)) {
    throw new UsageError(
      `${origin}: got "${text}"; expected K/N, this runner's shard K of N shards, with 1 \u2264 K \u2264 N \u2264 ${MAX_SHARDS}, e.g. "2/4" (in a matrix: "\${{ matrix.shard }}/\${{ strategy.job-total }}")`
    );
  }
  return { index, count };
}
function fnv1a(text) {
  let hash = 2166136261;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
}
function shardOfName(name, count) {
  return fnv1a(name) % count + 1;
}
function snapshotInShard(snapshot, shard) {
  const scenarios = snapshot.scenarios.filter(
    (scenario) => shardOfName(scenario.name, shard.count) === shard.index
  );
  return scenarios.length === snapshot.scenarios.length ? snapshot : { ...snapshot, scenarios };
}
function outcomeInShard(outcome, shard) {
  if (outcome.kind !== "measured") return outcome;
  return { ...outcome, snapshot: snapshotInShard(outcome.snapshot, shard) };
}
function shardedBackend(backend, shard) {
  return {
    name: backend.name,
    inDepth: backend.inDepth,
    ...backend.check ? { check: (checkouts) => backend.check(checkouts) } : {},
    measure: async (dir, options) => outcomeInShard(await backend.measure(dir, options), shard),
    ...backend.trace ? {
      trace: async (dir, options, sitesFile) => outcomeInShard(await backend.trace(dir, options, sitesFile), shard)
    } : {},
    ...backend.prepare ? { prepare: (dir, options) => backend.prepare(dir, options) } : {},
    ...backend.release ? { release: () => backend.release() } : {},
    nothingMeasured: (base, head) => base.kind === "measured" && head.kind === "measured" ? void 0 : backend.nothingMeasured(base, head)
  };
}

export {
  SHARD_VARIABLE,
  MAX_SHARDS,
  shardText,
  parseShard,
  shardOfName,
  snapshotInShard,
  shardedBackend
};

import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  ArtifactMismatchError,
  artifactMismatches,
  downloadArtifact,
  pullRequestsOfRun,
  triggeringRun,
  trustedReport
} from "./chunk-FVHZBBZN.js";
import {
  listAll
} from "./chunk-45INXA4H.js";
import "./chunk-L6ENWCP3.js";
import {
  uncheckedWarnings
} from "./chunk-K4GS2N3C.js";
import "./chunk-YHTJ2NQ3.js";
import {
  decideVerdict
} from "./chunk-CK6PWIRF.js";
import "./chunk-I74BVKXL.js";
import {
  artifactName,
  shardOfArtifact
} from "./chunk-YP4TLBUW.js";
import "./chunk-KVJUZTHE.js";
import {
  shardOfName
} from "./chunk-YBF2V7KG.js";
import "./chunk-REFG7THN.js";
import "./chunk-NBJJRWMZ.js";
import "./chunk-RN36H25A.js";
import "./chunk-4243Q66V.js";
import "./chunk-ZAFJCKPJ.js";
import {
  UsageError
} from "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";

// src/publish/merge-mode.ts
function listed(items) {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${String(items.at(-1))}`;
}
var SHARED = [
  ["base commit", (r) => r.base.sha],
  ["head commit", (r) => r.head.sha],
  ["report key", (r) => r.key],
  ["allocdiff version", (r) => r.allocdiffVersion],
  ["settings", (r) => r.shard?.settings],
  ["config file", (r) => r.configFile],
  ["Python", (r) => [r.environment.implementation, r.environment.python].join(" ")],
  ["platform", (r) => r.environment.platform],
  ["frames", (r) => r.environment.frames]
];
function shardProblems(count, shards) {
  const problems = [];
  for (const { shard, artifact, report } of shards) {
    if (shard.count !== count) {
      problems.push(`artifact ${artifact} is for ${shard.count} shards, the others for ${count}`);
    } else if (report.shard?.index !== shard.index || report.shard.count !== shard.count) {
      const claimed = report.shard ? `shard ${report.shard.index} of ${report.shard.count}` : "no shard (a whole report)";
      problems.push(`artifact ${artifact} holds the report of ${claimed}`);
    }
  }
  const [first] = shards;
  if (first) {
    for (const [what, read] of SHARED) {
      const expected = JSON.stringify(read(first.report));
      const differing = shards.filter(({ report }) => JSON.stringify(read(report)) !== expected);
      if (differing.length > 0) {
        const shown = (s) => `shard ${s.shard.index}: ${JSON.stringify(read(s.report)) ?? "none"}`;
        problems.push(
          `the shards differ in their ${what} (${[first, ...differing].map(shown).join("; ")})`
        );
      }
    }
  }
  const seen = /* @__PURE__ */ new Map();
  for (const { shard, report } of shards) {
    for (const { name } of report.scenarios) {
      const earlier = seen.get(name);
      if (earlier !== void 0) {
        problems.push(
          `scenario "${name}" is in ${earlier === shard.index ? `shard ${earlier} twice` : `shards ${earlier} and ${shard.index}`}`
        );
        continue;
      }
      seen.set(name, shard.index);
      const belongs = shardOfName(name, count);
      if (belongs !== shard.index) {
        problems.push(
          `scenario "${name}" is in shard ${shard.index}'s report, but its name falls to shard ${belongs}`
        );
      }
    }
  }
  return problems.length > 10 ? [...problems.slice(0, 10), `and ${problems.length - 10} more`] : problems;
}
function missingShardWarning(index, count, why) {
  return `shard ${index} of ${count} left no report (${why}): its scenarios were neither measured nor checked`;
}
function uncheckedInEveryShard(reports, budgets) {
  const unchecked = reports.map((r) => r.shard?.unchecked ?? { overrides: [], rules: [] });
  const overrides = new Map(unchecked.flatMap((u) => u.overrides.map((o) => [o.override, o])));
  const everywhere = [...overrides.values()].filter(
    ({ override }) => unchecked.every((u) => u.overrides.some((o) => o.override === override))
  );
  const checked = new Set(budgets.filter((b) => b.status !== "skip").map((b) => b.rule));
  const rules = new Map(
    unchecked.flatMap((u) => u.rules.filter((r) => !checked.has(r.rule)).map((r) => [r.rule, r]))
  );
  return { overrides: everywhere, rules: [...rules.values()] };
}
function mergeShardReports(count, shards, missing) {
  const ordered = [...shards].sort((a, b) => a.shard.index - b.shard.index);
  const reports = ordered.map((s) => s.report);
  const first = reports[0];
  if (!first) throw new UsageError(`none of the ${count} shards left a report`);
  const scenarios = reports.flatMap((r) => r.scenarios);
  const budgets = reports.flatMap((r) => r.budgets);
  const warnings = [
    ...missing.map(({ index, why }) => missingShardWarning(index, count, why)),
    .../* @__PURE__ */ new Set([
      ...reports.flatMap((r) => r.warnings ?? []),
      ...uncheckedWarnings(
        uncheckedInEveryShard(reports, budgets),
        scenarios.map((s) => s.name)
      )
    ])
  ];
  const most = (read) => {
    const values = reports.map(read).filter((v) => v !== void 0);
    return values.length > 0 ? Math.max(...values) : void 0;
  };
  const repeats = most((r) => r.environment.repeats);
  const iterations = most((r) => r.environment.iterations);
  const merged = {
    ...first,
    environment: {
      ...first.environment,
      ...repeats !== void 0 ? { repeats } : {},
      ...iterations !== void 0 ? { iterations } : {}
    },
    scenarios,
    budgets,
    warnings,
    verdict: decideVerdict({ scenarios }, budgets, warnings),
    shards: { count, missing: missing.map((m) => m.index).sort((a, b) => a - b) }
  };
  delete merged.shard;
  delete merged.accepted;
  delete merged.noChange;
  const uncounted = ordered.filter((s) => s.report.objectsNotCounted !== void 0);
  delete merged.objectsNotCounted;
  if (uncounted.length === 1) {
    const { shard, report } = uncounted[0];
    merged.objectsNotCounted = {
      count: report.objectsNotCounted.count,
      why: `in shard ${shard.index} of ${count}: ${report.objectsNotCounted.why}`
    };
  } else if (uncounted.length > 1) {
    const total = uncounted.reduce((sum, s) => sum + s.report.objectsNotCounted.count, 0);
    merged.objectsNotCounted = {
      count: total,
      why: `objects by type not counted for ${total} tests measured in depth, in shards ${listed(uncounted.map((s) => s.shard.index))} of ${count}: each counted those that grew most in its own first run`
    };
  }
  const hidden = reports.flatMap((r) => r.hiddenSites ? [r.hiddenSites] : []);
  if (hidden.length > 0) {
    merged.hiddenSites = {
      ignored: hidden.reduce((sum, h) => sum + h.ignored, 0),
      belowMinimumChange: hidden.reduce((sum, h) => sum + h.belowMinimumChange, 0),
      minimumChange: hidden[0].minimumChange
    };
  } else {
    delete merged.hiddenSites;
  }
  const unrun = ordered.filter((s) => s.report.noChange !== void 0);
  if (unrun.length === ordered.length && missing.length === 0) {
    merged.noChange = first.noChange;
  } else if (unrun.length > 0) {
    merged.noChange = `in shard${unrun.length === 1 ? "" : "s"} ${listed(unrun.map((s) => s.shard.index))} of ${count}: ${unrun[0].report.noChange}`;
  }
  return merged;
}
async function loadShardsFromRun(client, target, payload, log) {
  const triggering = triggeringRun(payload, "merge");
  if (triggering.kind === "skip") return triggering;
  const { run } = triggering;
  const where = `/repos/${target.owner}/${target.repo}`;
  const pattern = `${artifactName(target.key)}-shard-K-of-N`;
  const artifacts = await listAll(
    `GET ${where}/actions/runs/${run.id}/artifacts`,
    () => client.paginate.iterator(client.rest.actions.listWorkflowRunArtifacts, {
      owner: target.owner,
      repo: target.repo,
      run_id: run.id,
      per_page: 100
    })
  );
  const found = artifacts.flatMap((artifact) => {
    const shard = artifact.expired ? void 0 : shardOfArtifact(artifact.name, target.key);
    return shard ? [{ artifact, shard }] : [];
  });
  if (found.length === 0) {
    if (run.conclusion && run.conclusion !== "success") {
      return {
        kind: "skip",
        reason: `the measuring run ${run.id} ended with "${run.conclusion}" and left no artifact named ${pattern}`
      };
    }
    throw new UsageError(
      `run ${run.id} has no artifact named ${pattern}: each job of the measuring matrix must run allocdiff with \`mode: measure\` and \`shard: K/N\`, and upload its \`artifact-path\` output with actions/upload-artifact, named as its \`artifact-name\` output says (the key must match)`
    );
  }
  const counts = [...new Set(found.map((f) => f.shard.count))];
  if (counts.length > 1) {
    throw new ArtifactMismatchError(
      `refusing the artifacts of run ${run.id}: they are for ${listed(counts.sort((a, b) => a - b))} shards (${found.map((f) => f.artifact.name).join(", ")})`
    );
  }
  const count = counts[0];
  const shards = [];
  for (const { artifact, shard } of found.sort((a, b) => a.shard.index - b.shard.index)) {
    const { report, identity } = await downloadArtifact(client, target, artifact, run, log);
    shards.push({ shard, artifact: artifact.name, report, identity });
  }
  const candidates = await pullRequestsOfRun(client, target, run);
  if (candidates.length === 0) {
    return {
      kind: "skip",
      reason: `no open pull request has head ${run.headRepository?.full_name}@${run.headSha.slice(0, 7)} (closed, or pushed to since)`
    };
  }
  const claimed = shards[0].identity.number;
  const pullNumber = candidates.includes(claimed) ? claimed : candidates[0];
  const problems = [
    ...shards.flatMap(
      ({ artifact, report, identity }) => artifactMismatches(identity, report, run, candidates, pullNumber, target.key).map(
        (m) => `artifact ${artifact}: ${m}`
      )
    ),
    ...shardProblems(count, shards)
  ];
  if (problems.length > 0) {
    throw new ArtifactMismatchError(
      `refusing to merge the shards of run ${run.id}: ${problems.join("; ")}`
    );
  }
  const present = new Set(shards.map((s) => s.shard.index));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !present.has(index)).map((index) => ({
    index,
    why: `run ${run.id}${run.conclusion ? `, which ended with "${run.conclusion}",` : ""} has no artifact ${artifactName(target.key, { index, count })}`
  }));
  for (const { index, why } of missing) log.warning(missingShardWarning(index, count, why));
  log.info(
    `merging ${shards.length} of ${count} shards: ${shards.reduce((n, s) => n + s.report.scenarios.length, 0)} scenarios`
  );
  const merged = mergeShardReports(count, shards, missing);
  return {
    kind: "report",
    report: trustedReport(merged, target, pullNumber, log, "the merged report"),
    pullRequest: pullNumber,
    headSha: run.headSha
  };
}
export {
  loadShardsFromRun,
  mergeShardReports,
  missingShardWarning,
  shardProblems,
  uncheckedInEveryShard
};

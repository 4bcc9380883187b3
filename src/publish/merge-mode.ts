/**
 * `mode: merge`, on a workflow_run event: the report job of a suite split across runners. Each
 * job of the measuring run's matrix measured one shard (`shard: K/N`) and left an artifact named
 * for it; this downloads them all, checks them as report mode checks one (report-mode.ts), and
 * checks them against each other: the same base, head, settings and environment, every scenario
 * in one shard only, and in the shard its name falls to (src/capture/shard.ts). They are merged
 * into one report. A shard that left no artifact is named in the report (a warning, so the
 * verdict is at least a warning), never dropped silently.
 */
import {
  uncheckedWarnings,
  type BudgetResult,
  type UncheckedBudgets,
} from '../budgets/evaluate.js';
import { decideVerdict } from '../budgets/verdict.js';
import { shardOfName, type Shard } from '../capture/shard.js';
import { UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Report } from '../report/report.js';
import { artifactName, shardOfArtifact, type PullRequestIdentity } from './artifact.js';
import { listAll, type GitHubClient } from './octokit.js';
import {
  ArtifactMismatchError,
  artifactMismatches,
  downloadArtifact,
  pullRequestsOfRun,
  triggeringRun,
  trustedReport,
  type LoadedReport,
} from './report-mode.js';

/** One shard's validated report, and the artifact it came in. */
export interface ShardReport {
  shard: Shard;
  artifact: string;
  report: Report;
}

/** `1, 2 and 3`. */
function listed(items: readonly (string | number)[]): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${String(items.at(-1))}`;
}

/** What must be the same in every shard's report, with the words that name it. */
const SHARED: readonly [string, (report: Report) => unknown][] = [
  ['base commit', (r) => r.base.sha],
  ['head commit', (r) => r.head.sha],
  ['report key', (r) => r.key],
  ['allocdiff version', (r) => r.allocdiffVersion],
  ['settings', (r) => r.shard?.settings],
  ['config file', (r) => r.configFile],
  ['Python', (r) => [r.environment.implementation, r.environment.python].join(' ')],
  ['platform', (r) => r.environment.platform],
  ['frames', (r) => r.environment.frames],
];

/**
 * Why these shards' reports cannot be merged into one: each report is the shard its artifact is
 * named for, they agree on what was measured and how, and each scenario is in one shard only,
 * the one its name falls to. Empty when they can.
 */
export function shardProblems(count: number, shards: readonly ShardReport[]): string[] {
  const problems: string[] = [];
  for (const { shard, artifact, report } of shards) {
    if (shard.count !== count) {
      problems.push(`artifact ${artifact} is for ${shard.count} shards, the others for ${count}`);
    } else if (report.shard?.index !== shard.index || report.shard.count !== shard.count) {
      const claimed = report.shard
        ? `shard ${report.shard.index} of ${report.shard.count}`
        : 'no shard (a whole report)';
      problems.push(`artifact ${artifact} holds the report of ${claimed}`);
    }
  }
  const [first] = shards;
  if (first) {
    for (const [what, read] of SHARED) {
      const expected = JSON.stringify(read(first.report));
      const differing = shards.filter(({ report }) => JSON.stringify(read(report)) !== expected);
      if (differing.length > 0) {
        const shown = (s: ShardReport) =>
          `shard ${s.shard.index}: ${JSON.stringify(read(s.report)) ?? 'none'}`;
        problems.push(
          `the shards differ in their ${what} (${[first, ...differing].map(shown).join('; ')})`,
        );
      }
    }
  }
  const seen = new Map<string, number>();
  for (const { shard, report } of shards) {
    for (const { name } of report.scenarios) {
      const earlier = seen.get(name);
      if (earlier !== undefined) {
        problems.push(
          `scenario "${name}" is in ${earlier === shard.index ? `shard ${earlier} twice` : `shards ${earlier} and ${shard.index}`}`,
        );
        continue;
      }
      seen.set(name, shard.index);
      const belongs = shardOfName(name, count);
      if (belongs !== shard.index) {
        problems.push(
          `scenario "${name}" is in shard ${shard.index}'s report, but its name falls to shard ${belongs}`,
        );
      }
    }
  }
  // A long list helps no one: the first few say what went wrong.
  return problems.length > 10
    ? [...problems.slice(0, 10), `and ${problems.length - 10} more`]
    : problems;
}

/** Why a missing shard's scenarios are not in the report. */
export function missingShardWarning(index: number, count: number, why: string): string {
  return (
    `shard ${index} of ${count} left no report (${why}): its scenarios were neither measured ` +
    'nor checked'
  );
}

/**
 * The budgets that no shard checked: an override is unchecked when it matched no scenario of
 * any shard, a rule when some shard could not measure it and none checked it (`budgets`: every
 * shard's results). What one shard could not check, another may have: the shards do not warn
 * about these, the merge does, as one run of every scenario would.
 */
export function uncheckedInEveryShard(
  reports: readonly Report[],
  budgets: readonly BudgetResult[],
): UncheckedBudgets {
  const unchecked = reports.map((r) => r.shard?.unchecked ?? { overrides: [], rules: [] });
  const overrides = new Map(unchecked.flatMap((u) => u.overrides.map((o) => [o.override, o])));
  const everywhere = [...overrides.values()].filter(({ override }) =>
    unchecked.every((u) => u.overrides.some((o) => o.override === override)),
  );
  const checked = new Set(budgets.filter((b) => b.status !== 'skip').map((b) => b.rule));
  const rules = new Map(
    unchecked.flatMap((u) => u.rules.filter((r) => !checked.has(r.rule)).map((r) => [r.rule, r])),
  );
  return { overrides: everywhere, rules: [...rules.values()] };
}

/**
 * One report from the shards' (checked with `shardProblems` first): their scenarios and budget
 * results together, each warning once, and a warning for each shard in `missing`; the verdict
 * decided again from all of it.
 */
export function mergeShardReports(
  count: number,
  shards: readonly ShardReport[],
  missing: readonly { index: number; why: string }[],
): Report {
  const ordered = [...shards].sort((a, b) => a.shard.index - b.shard.index);
  const reports = ordered.map((s) => s.report);
  const first = reports[0];
  if (!first) throw new UsageError(`none of the ${count} shards left a report`);
  const scenarios = reports.flatMap((r) => r.scenarios);
  const budgets = reports.flatMap((r) => r.budgets);
  const warnings = [
    ...missing.map(({ index, why }) => missingShardWarning(index, count, why)),
    ...new Set([
      ...reports.flatMap((r) => r.warnings ?? []),
      ...uncheckedWarnings(
        uncheckedInEveryShard(reports, budgets),
        scenarios.map((s) => s.name),
      ),
    ]),
  ];
  // The repeats and leak-check calls asked for are settings, the same in every shard (their
  // digest is checked). What a report records is what ran: 1 repeat where the first run of
  // each side agreed, else the repeats asked for (the scenarios that differed measured again),
  // and the automatic leak check's calls where a function's retained memory changed. A shard
  // records that of its scenarios, one run of the whole suite that of all of them: the most of
  // the shards' is what that run would record. Each scenario's own repeats are in the scenario.
  const most = (read: (r: Report) => number | undefined) => {
    const values = reports.map(read).filter((v): v is number => v !== undefined);
    return values.length > 0 ? Math.max(...values) : undefined;
  };
  const repeats = most((r) => r.environment.repeats);
  const iterations = most((r) => r.environment.iterations);
  const merged: Report = {
    ...first,
    environment: {
      ...first.environment,
      ...(repeats !== undefined ? { repeats } : {}),
      ...(iterations !== undefined ? { iterations } : {}),
    },
    scenarios,
    budgets,
    warnings,
    verdict: decideVerdict({ scenarios }, budgets, warnings),
    shards: { count, missing: missing.map((m) => m.index).sort((a, b) => a - b) },
  };
  // One shard's: the merged report is no shard, and a label is read by the job that posts.
  delete merged.shard;
  delete merged.accepted;
  delete merged.noChange;
  // Each shard counted objects by type for the tests that grew most in its own first run.
  const uncounted = ordered.filter((s) => s.report.objectsNotCounted !== undefined);
  delete merged.objectsNotCounted;
  if (uncounted.length === 1) {
    const { shard, report } = uncounted[0]!;
    merged.objectsNotCounted = {
      count: report.objectsNotCounted!.count,
      why: `in shard ${shard.index} of ${count}: ${report.objectsNotCounted!.why}`,
    };
  } else if (uncounted.length > 1) {
    const total = uncounted.reduce((sum, s) => sum + s.report.objectsNotCounted!.count, 0);
    merged.objectsNotCounted = {
      count: total,
      why:
        `objects by type not counted for ${total} tests measured in depth, in shards ` +
        `${listed(uncounted.map((s) => s.shard.index))} of ${count}: each counted those that ` +
        'grew most in its own first run',
    };
  }
  const hidden = reports.flatMap((r) => (r.hiddenSites ? [r.hiddenSites] : []));
  if (hidden.length > 0) {
    merged.hiddenSites = {
      ignored: hidden.reduce((sum, h) => sum + h.ignored, 0),
      belowMinimumChange: hidden.reduce((sum, h) => sum + h.belowMinimumChange, 0),
      minimumChange: hidden[0]!.minimumChange,
    };
  } else {
    delete merged.hiddenSites;
  }
  // Head is skipped shard by shard: when the diff touches nothing that shard's scenarios read.
  const unrun = ordered.filter((s) => s.report.noChange !== undefined);
  if (unrun.length === ordered.length && missing.length === 0) {
    merged.noChange = first.noChange!;
  } else if (unrun.length > 0) {
    merged.noChange = `in shard${unrun.length === 1 ? '' : 's'} ${listed(unrun.map((s) => s.shard.index))} of ${count}: ${unrun[0]!.report.noChange!}`;
  }
  return merged;
}

/**
 * Fetches, checks and merges the shards' artifacts of the triggering run. The pull request is
 * found as report mode finds it; each artifact's claims are compared with the run's, never
 * believed.
 */
export async function loadShardsFromRun(
  client: GitHubClient,
  target: { owner: string; repo: string; key: string; serverUrl: string },
  payload: unknown,
  log: Logger,
): Promise<LoadedReport> {
  const triggering = triggeringRun(payload, 'merge');
  if (triggering.kind === 'skip') return triggering;
  const { run } = triggering;
  const where = `/repos/${target.owner}/${target.repo}`;
  const pattern = `${artifactName(target.key)}-shard-K-of-N`;

  const artifacts = await listAll(`GET ${where}/actions/runs/${run.id}/artifacts`, () =>
    client.paginate.iterator(client.rest.actions.listWorkflowRunArtifacts, {
      owner: target.owner,
      repo: target.repo,
      run_id: run.id,
      per_page: 100,
    }),
  );
  const found = artifacts.flatMap((artifact) => {
    const shard = artifact.expired ? undefined : shardOfArtifact(artifact.name, target.key);
    return shard ? [{ artifact, shard }] : [];
  });
  if (found.length === 0) {
    if (run.conclusion && run.conclusion !== 'success') {
      return {
        kind: 'skip',
        reason: `the measuring run ${run.id} ended with "${run.conclusion}" and left no artifact named ${pattern}`,
      };
    }
    throw new UsageError(
      `run ${run.id} has no artifact named ${pattern}: each job of the measuring matrix must run ` +
        'allocdiff with `mode: measure` and `shard: K/N`, and upload its `artifact-path` output ' +
        'with actions/upload-artifact, named as its `artifact-name` output says (the key must match)',
    );
  }
  const counts = [...new Set(found.map((f) => f.shard.count))];
  if (counts.length > 1) {
    throw new ArtifactMismatchError(
      `refusing the artifacts of run ${run.id}: they are for ${listed(counts.sort((a, b) => a - b))} shards (${found.map((f) => f.artifact.name).join(', ')})`,
    );
  }
  const count = counts[0]!;
  const shards: (ShardReport & { identity: PullRequestIdentity })[] = [];
  for (const { artifact, shard } of found.sort((a, b) => a.shard.index - b.shard.index)) {
    const { report, identity } = await downloadArtifact(client, target, artifact, run, log);
    shards.push({ shard, artifact: artifact.name, report, identity });
  }

  const candidates = await pullRequestsOfRun(client, target, run);
  if (candidates.length === 0) {
    return {
      kind: 'skip',
      reason: `no open pull request has head ${run.headRepository?.full_name}@${run.headSha.slice(0, 7)} (closed, or pushed to since)`,
    };
  }
  const claimed = shards[0]!.identity.number;
  const pullNumber = candidates.includes(claimed) ? claimed : candidates[0]!;
  const problems = [
    ...shards.flatMap(({ artifact, report, identity }) =>
      artifactMismatches(identity, report, run, candidates, pullNumber, target.key).map(
        (m) => `artifact ${artifact}: ${m}`,
      ),
    ),
    ...shardProblems(count, shards),
  ];
  if (problems.length > 0) {
    throw new ArtifactMismatchError(
      `refusing to merge the shards of run ${run.id}: ${problems.join('; ')}`,
    );
  }
  const present = new Set(shards.map((s) => s.shard.index));
  const missing = Array.from({ length: count }, (_, i) => i + 1)
    .filter((index) => !present.has(index))
    .map((index) => ({
      index,
      why:
        `run ${run.id}${run.conclusion ? `, which ended with "${run.conclusion}",` : ''} has no ` +
        `artifact ${artifactName(target.key, { index, count })}`,
    }));
  for (const { index, why } of missing) log.warning(missingShardWarning(index, count, why));
  log.info(
    `merging ${shards.length} of ${count} shards: ${shards.reduce((n, s) => n + s.report.scenarios.length, 0)} scenarios`,
  );
  const merged = mergeShardReports(count, shards, missing);
  return {
    kind: 'report',
    report: trustedReport(merged, target, pullNumber, log, 'the merged report'),
    pullRequest: pullNumber,
    headSha: run.headSha,
  };
}

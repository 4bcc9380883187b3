import { decideVerdict } from '../budgets/verdict.js';
import { InvalidDataError, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Report } from '../report/report.js';
import { artifactName, readArtifact, type PullRequestIdentity } from './artifact.js';
import { apiCall, listAll, type GitHubClient } from './octokit.js';

interface WorkflowRunEvent {
  workflow_run?: {
    id?: number;
    event?: string;
    conclusion?: string | null;
    head_sha?: string;
    head_branch?: string | null;
    head_repository?: { full_name?: string; owner?: { login?: string } } | null;
  };
}

export type LoadedReport =
  | {
      kind: 'report';
      report: Report;
      pullRequest: number;
      /** The head commit the triggering run measured. */
      headSha: string;
    }
  | { kind: 'skip'; reason: string };

export class ArtifactMismatchError extends InvalidDataError {
  constructor(message: string) {
    super(message);
    this.name = 'ArtifactMismatchError';
  }
}

/** The triggering run, as report and merge modes read it from a workflow_run event. */
export interface TriggeringRun {
  id: number;
  headSha: string;
  conclusion?: string | null;
  event?: string;
  headBranch?: string | null;
  headRepository?: { full_name?: string; owner?: { login?: string } } | null;
}

/** The run a workflow_run event is for; why there is nothing to report for a run not of a PR. */
export function triggeringRun(
  payload: unknown,
  mode: string,
): { kind: 'run'; run: TriggeringRun } | { kind: 'skip'; reason: string } {
  const run = (payload as WorkflowRunEvent).workflow_run;
  if (!run?.id || !run.head_sha) {
    throw new InvalidDataError(
      `mode "${mode}" runs on workflow_run events; this event has no workflow_run`,
    );
  }
  if (run.event !== 'pull_request') {
    return {
      kind: 'skip',
      reason: `the triggering run was for a "${run.event}" event, not a pull request`,
    };
  }
  return {
    kind: 'run',
    run: {
      id: run.id,
      headSha: run.head_sha,
      conclusion: run.conclusion,
      event: run.event,
      headBranch: run.head_branch,
      headRepository: run.head_repository,
    },
  };
}

/** Downloads an artifact (a zip archive) and validates what it holds. */
export async function downloadArtifact(
  client: GitHubClient,
  target: { owner: string; repo: string },
  artifact: { id: number; name: string; size_in_bytes: number },
  run: TriggeringRun,
  log: Logger,
): Promise<ReturnType<typeof readArtifact>> {
  const where = `/repos/${target.owner}/${target.repo}`;
  log.info(
    `downloading artifact ${artifact.name} (${artifact.size_in_bytes} bytes) from run ${run.id}`,
  );
  const { data } = await apiCall(`GET ${where}/actions/artifacts/${artifact.id}/zip`, () =>
    client.rest.actions.downloadArtifact({
      owner: target.owner,
      repo: target.repo,
      artifact_id: artifact.id,
      archive_format: 'zip',
    }),
  );
  return readArtifact(new Uint8Array(data as ArrayBuffer), artifact.name);
}

/**
 * The open pull requests whose head is the run's head repository, branch and SHA, by number;
 * empty when there is none (closed, or pushed to since).
 */
export async function pullRequestsOfRun(
  client: GitHubClient,
  target: { owner: string; repo: string },
  run: TriggeringRun,
): Promise<number[]> {
  const headOwner = run.headRepository?.owner?.login;
  const headRepo = run.headRepository?.full_name;
  if (!headOwner || !headRepo || !run.headBranch) {
    throw new InvalidDataError(
      'the workflow_run event does not name its head repository and branch',
    );
  }
  const pulls = await listAll(`GET /repos/${target.owner}/${target.repo}/pulls`, () =>
    client.paginate.iterator(client.rest.pulls.list, {
      owner: target.owner,
      repo: target.repo,
      state: 'open',
      head: `${headOwner}:${run.headBranch}`,
      per_page: 100,
    }),
  );
  // Several pull requests can have this head (one branch proposed into several bases): the
  // run was for one of them, and the artifact says which; it must be one of these.
  return pulls
    .filter((p) => p.head.sha === run.headSha && p.head.repo?.full_name === headRepo)
    .map((p) => p.number)
    .sort((a, b) => a - b);
}

/** Why an artifact's claims do not fit the run and the pull request; empty when they do. */
export function artifactMismatches(
  identity: PullRequestIdentity,
  report: Report,
  run: TriggeringRun,
  pullRequests: readonly number[],
  pullNumber: number,
  key: string,
): string[] {
  return [
    identity.number !== pullNumber &&
      `it is for pull request #${identity.number}, the run for #${pullRequests.join(' or #')}`,
    identity.headSha !== run.headSha &&
      `its head ${identity.headSha} is not the run's head ${run.headSha}`,
    report.head.sha !== run.headSha &&
      `its report measured ${report.head.sha}, not the run's head ${run.headSha}`,
    report.key !== key && `its report key is "${report.key}", not "${key}"`,
  ].filter((m): m is string => typeof m === 'string');
}

/**
 * The report as this job vouches for it: the verdict derived again from its validated parts
 * (its budgets' results, its failed scenarios, its warnings), as measuring derived it, and the
 * links built from this repository and server, not from the artifact.
 */
export function trustedReport(
  report: Report,
  target: { owner: string; repo: string; serverUrl: string },
  pullNumber: number,
  log: Logger,
  what = "the artifact's report",
): Report {
  const verdict = decideVerdict(report, report.budgets, report.warnings ?? []);
  if (verdict !== report.verdict) {
    log.warning(
      `${what} says "${report.verdict}", but its budgets and scenarios make ` +
        `"${verdict}": reporting "${verdict}"`,
    );
  }
  return {
    ...report,
    verdict,
    repository: `${target.owner}/${target.repo}`,
    serverUrl: target.serverUrl,
    pullRequest: pullNumber,
  };
}

/**
 * `mode: report`, on a workflow_run event: fetches the report that `mode: measure` left in the
 * triggering run's artifact, checks it strictly, and finds the pull request through the API from
 * the run's head repository, branch and SHA. The artifact's own claims (PR number, head SHA,
 * repository, links) are compared with those, never believed: its PR number only chooses
 * among the open pull requests with that very head.
 */
export async function loadReportFromRun(
  client: GitHubClient,
  target: { owner: string; repo: string; key: string; serverUrl: string },
  payload: unknown,
  log: Logger,
): Promise<LoadedReport> {
  const triggering = triggeringRun(payload, 'report');
  if (triggering.kind === 'skip') return triggering;
  const { run } = triggering;
  const where = `/repos/${target.owner}/${target.repo}`;
  const name = artifactName(target.key);

  const artifacts = await listAll(`GET ${where}/actions/runs/${run.id}/artifacts`, () =>
    client.paginate.iterator(client.rest.actions.listWorkflowRunArtifacts, {
      owner: target.owner,
      repo: target.repo,
      run_id: run.id,
      name,
      per_page: 100,
    }),
  );
  const artifact = artifacts.find((a) => a.name === name && !a.expired);
  if (!artifact) {
    // A measuring run that failed before it measured (a bad config, a cancelled job) already
    // says why; its report job has nothing to add.
    if (run.conclusion && run.conclusion !== 'success') {
      return {
        kind: 'skip',
        reason: `the measuring run ${run.id} ended with "${run.conclusion}" and left no artifact named "${name}"`,
      };
    }
    throw new UsageError(
      `run ${run.id} has no artifact named "${name}": the measuring job must run allocdiff with ` +
        '`mode: measure` and upload its `artifact-path` output with actions/upload-artifact, ' +
        `named "${name}" (the key must match)`,
    );
  }
  const { report, identity } = await downloadArtifact(client, target, artifact, run, log);

  const candidates = await pullRequestsOfRun(client, target, run);
  if (candidates.length === 0) {
    return {
      kind: 'skip',
      reason: `no open pull request has head ${run.headRepository?.full_name}@${run.headSha.slice(0, 7)} (closed, or pushed to since)`,
    };
  }
  const pullNumber = candidates.includes(identity.number) ? identity.number : candidates[0]!;

  const mismatches = artifactMismatches(identity, report, run, candidates, pullNumber, target.key);
  if (report.shard) {
    mismatches.push(
      `its report is shard ${report.shard.index} of ${report.shard.count} only (merge the ` +
        'shards with `mode: merge`)',
    );
  }
  if (mismatches.length > 0) {
    throw new ArtifactMismatchError(
      `refusing artifact ${name} of run ${run.id}: ${mismatches.join('; ')}`,
    );
  }
  return {
    kind: 'report',
    report: trustedReport(report, target, pullNumber, log),
    pullRequest: pullNumber,
    headSha: run.headSha,
  };
}

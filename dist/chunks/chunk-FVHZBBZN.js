import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  apiCall,
  listAll
} from "./chunk-45INXA4H.js";
import {
  decideVerdict
} from "./chunk-CK6PWIRF.js";
import {
  artifactName,
  readArtifact
} from "./chunk-YP4TLBUW.js";
import {
  InvalidDataError,
  UsageError
} from "./chunk-XA3YYY7N.js";

// src/publish/report-mode.ts
var ArtifactMismatchError = class extends InvalidDataError {
  constructor(message) {
    super(message);
    this.name = "ArtifactMismatchError";
  }
};
function triggeringRun(payload, mode) {
  const run = payload.workflow_run;
  if (!run?.id || !run.head_sha) {
    throw new InvalidDataError(
      `mode "${mode}" runs on workflow_run events; this event has no workflow_run`
    );
  }
  if (run.event !== "pull_request") {
    return {
      kind: "skip",
      reason: `the triggering run was for a "${run.event}" event, not a pull request`
    };
  }
  return {
    kind: "run",
    run: {
      id: run.id,
      headSha: run.head_sha,
      conclusion: run.conclusion,
      event: run.event,
      headBranch: run.head_branch,
      headRepository: run.head_repository
    }
  };
}
async function downloadArtifact(client, target, artifact, run, log) {
  const where = `/repos/${target.owner}/${target.repo}`;
  log.info(
    `downloading artifact ${artifact.name} (${artifact.size_in_bytes} bytes) from run ${run.id}`
  );
  const { data } = await apiCall(
    `GET ${where}/actions/artifacts/${artifact.id}/zip`,
    () => client.rest.actions.downloadArtifact({
      owner: target.owner,
      repo: target.repo,
      artifact_id: artifact.id,
      archive_format: "zip"
    })
  );
  return readArtifact(new Uint8Array(data), artifact.name);
}
async function pullRequestsOfRun(client, target, run) {
  const headOwner = run.headRepository?.owner?.login;
  const headRepo = run.headRepository?.full_name;
  if (!headOwner || !headRepo || !run.headBranch) {
    throw new InvalidDataError(
      "the workflow_run event does not name its head repository and branch"
    );
  }
  const pulls = await listAll(
    `GET /repos/${target.owner}/${target.repo}/pulls`,
    () => client.paginate.iterator(client.rest.pulls.list, {
      owner: target.owner,
      repo: target.repo,
      state: "open",
      head: `${headOwner}:${run.headBranch}`,
      per_page: 100
    })
  );
  return pulls.filter((p) => p.head.sha === run.headSha && p.head.repo?.full_name === headRepo).map((p) => p.number).sort((a, b) => a - b);
}
function artifactMismatches(identity, report, run, pullRequests, pullNumber, key) {
  return [
    identity.number !== pullNumber && `it is for pull request #${identity.number}, the run for #${pullRequests.join(" or #")}`,
    identity.headSha !== run.headSha && `its head ${identity.headSha} is not the run's head ${run.headSha}`,
    report.head.sha !== run.headSha && `its report measured ${report.head.sha}, not the run's head ${run.headSha}`,
    report.key !== key && `its report key is "${report.key}", not "${key}"`
  ].filter((m) => typeof m === "string");
}
function trustedReport(report, target, pullNumber, log, what = "the artifact's report") {
  const verdict = decideVerdict(report, report.budgets, report.warnings ?? []);
  if (verdict !== report.verdict) {
    log.warning(
      `${what} says "${report.verdict}", but its budgets and scenarios make "${verdict}": reporting "${verdict}"`
    );
  }
  return {
    ...report,
    verdict,
    repository: `${target.owner}/${target.repo}`,
    serverUrl: target.serverUrl,
    pullRequest: pullNumber
  };
}
async function loadReportFromRun(client, target, payload, log) {
  const triggering = triggeringRun(payload, "report");
  if (triggering.kind === "skip") return triggering;
  const { run } = triggering;
  const where = `/repos/${target.owner}/${target.repo}`;
  const name = artifactName(target.key);
  const artifacts = await listAll(
    `GET ${where}/actions/runs/${run.id}/artifacts`,
    () => client.paginate.iterator(client.rest.actions.listWorkflowRunArtifacts, {
      owner: target.owner,
      repo: target.repo,
      run_id: run.id,
      name,
      per_page: 100
    })
  );
  const artifact = artifacts.find((a) => a.name === name && !a.expired);
  if (!artifact) {
    if (run.conclusion && run.conclusion !== "success") {
      return {
        kind: "skip",
        reason: `the measuring run ${run.id} ended with "${run.conclusion}" and left no artifact named "${name}"`
      };
    }
    throw new UsageError(
      `run ${run.id} has no artifact named "${name}": the measuring job must run allocdiff with \`mode: measure\` and upload its \`artifact-path\` output with actions/upload-artifact, named "${name}" (the key must match)`
    );
  }
  const { report, identity } = await downloadArtifact(client, target, artifact, run, log);
  const candidates = await pullRequestsOfRun(client, target, run);
  if (candidates.length === 0) {
    return {
      kind: "skip",
      reason: `no open pull request has head ${run.headRepository?.full_name}@${run.headSha.slice(0, 7)} (closed, or pushed to since)`
    };
  }
  const pullNumber = candidates.includes(identity.number) ? identity.number : candidates[0];
  const mismatches = artifactMismatches(identity, report, run, candidates, pullNumber, target.key);
  if (report.shard) {
    mismatches.push(
      `its report is shard ${report.shard.index} of ${report.shard.count} only (merge the shards with \`mode: merge\`)`
    );
  }
  if (mismatches.length > 0) {
    throw new ArtifactMismatchError(
      `refusing artifact ${name} of run ${run.id}: ${mismatches.join("; ")}`
    );
  }
  return {
    kind: "report",
    report: trustedReport(report, target, pullNumber, log),
    pullRequest: pullNumber,
    headSha: run.headSha
  };
}

export {
  ArtifactMismatchError,
  triggeringRun,
  downloadArtifact,
  pullRequestsOfRun,
  artifactMismatches,
  trustedReport,
  loadReportFromRun
};

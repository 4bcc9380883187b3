import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  artifactName,
  readArtifact
} from "./chunk-SIXA5YSU.js";
import "./chunk-YDDCH455.js";
import "./chunk-BZHPJ7SG.js";
import {
  decideVerdict
} from "./chunk-46ZMQ7S7.js";
import "./chunk-B272OHU5.js";
import "./chunk-RN36H25A.js";
import {
  apiCall,
  listAll
} from "./chunk-5HW5GWWQ.js";
import "./chunk-4243Q66V.js";
import {
  InvalidDataError,
  UsageError
} from "./chunk-AGAXQL6F.js";

// src/publish/report-mode.ts
var ArtifactMismatchError = class extends InvalidDataError {
  constructor(message) {
    super(message);
    this.name = "ArtifactMismatchError";
  }
};
async function loadReportFromRun(client, target, payload, log) {
  const run = payload.workflow_run;
  if (!run?.id || !run.head_sha) {
    throw new InvalidDataError(
      'mode "report" runs on workflow_run events; this event has no workflow_run'
    );
  }
  if (run.event !== "pull_request") {
    return {
      kind: "skip",
      reason: `the triggering run was for a "${run.event}" event, not a pull request`
    };
  }
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
  log.info(`downloading artifact ${name} (${artifact.size_in_bytes} bytes) from run ${run.id}`);
  const { data } = await apiCall(
    `GET ${where}/actions/artifacts/${artifact.id}/zip`,
    () => client.rest.actions.downloadArtifact({
      owner: target.owner,
      repo: target.repo,
      artifact_id: artifact.id,
      archive_format: "zip"
    })
  );
  const { report, identity } = readArtifact(new Uint8Array(data), name);
  const headOwner = run.head_repository?.owner?.login;
  const headRepo = run.head_repository?.full_name;
  if (!headOwner || !headRepo || !run.head_branch) {
    throw new InvalidDataError(
      "the workflow_run event does not name its head repository and branch"
    );
  }
  const pulls = await listAll(
    `GET ${where}/pulls`,
    () => client.paginate.iterator(client.rest.pulls.list, {
      owner: target.owner,
      repo: target.repo,
      state: "open",
      head: `${headOwner}:${run.head_branch}`,
      per_page: 100
    })
  );
  const candidates = pulls.filter((p) => p.head.sha === run.head_sha && p.head.repo?.full_name === headRepo).map((p) => p.number).sort((a, b) => a - b);
  if (candidates.length === 0) {
    return {
      kind: "skip",
      reason: `no open pull request has head ${headRepo}@${run.head_sha.slice(0, 7)} (closed, or pushed to since)`
    };
  }
  const pullNumber = candidates.includes(identity.number) ? identity.number : candidates[0];
  const mismatches = [
    identity.number !== pullNumber && `it is for pull request #${identity.number}, the run for #${candidates.join(" or #")}`,
    identity.headSha !== run.head_sha && `its head ${identity.headSha} is not the run's head ${run.head_sha}`,
    report.head.sha !== run.head_sha && `its report measured ${report.head.sha}, not the run's head ${run.head_sha}`,
    report.key !== target.key && `its report key is "${report.key}", not "${target.key}"`
  ].filter((m) => typeof m === "string");
  if (mismatches.length > 0) {
    throw new ArtifactMismatchError(
      `refusing artifact ${name} of run ${run.id}: ${mismatches.join("; ")}`
    );
  }
  const verdict = decideVerdict(report, report.budgets, report.warnings ?? []);
  if (verdict !== report.verdict) {
    log.warning(
      `the artifact's report says "${report.verdict}", but its budgets and scenarios make "${verdict}": reporting "${verdict}"`
    );
  }
  const trusted = {
    ...report,
    verdict,
    repository: `${target.owner}/${target.repo}`,
    serverUrl: target.serverUrl,
    pullRequest: pullNumber
  };
  return { kind: "report", report: trusted, pullRequest: pullNumber, headSha: run.head_sha };
}
export {
  ArtifactMismatchError,
  loadReportFromRun
};

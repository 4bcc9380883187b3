import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  runAllocdiff
} from "./chunk-FBT2E66O.js";
import {
  OUTPUTS,
  renderOptions,
  writeOutputs
} from "./chunk-SXKLRQ23.js";
import {
  renderTerminal
} from "./chunk-2ITE2RNI.js";
import "./chunk-WWWJIJJ2.js";
import "./chunk-CNQ5VFUE.js";
import {
  acceptanceText,
  culpritGroups,
  culpritLead,
  retentionSentence,
  revealInvisible,
  verdictReason
} from "./chunk-AG4ZHWQW.js";
import {
  context,
  readReportModeSettings
} from "./chunk-I7MFLG6D.js";
import "./chunk-L5JBWC3J.js";
import {
  endGroup,
  group,
  info,
  setFailed,
  setOutput,
  startGroup,
  summary,
  warning
} from "./chunk-XNXU7A7Q.js";
import "./chunk-L6ENWCP3.js";
import "./chunk-PD4C2EK3.js";
import {
  Git
} from "./chunk-OG5AJFQK.js";
import "./chunk-5FTEMDCU.js";
import {
  commentDecision
} from "./chunk-SK32QBNV.js";
import "./chunk-VKRW2TR5.js";
import "./chunk-FQF4E2W2.js";
import {
  failsRun
} from "./chunk-K4GS2N3C.js";
import "./chunk-YHTJ2NQ3.js";
import "./chunk-CK6PWIRF.js";
import "./chunk-GM4AAGXP.js";
import "./chunk-PLFFDZYP.js";
import {
  formatBytes,
  formatBytesDelta,
  groupDigits
} from "./chunk-I74BVKXL.js";
import "./chunk-PTBJSTHP.js";
import {
  artifactName,
  writeArtifact
} from "./chunk-YP4TLBUW.js";
import "./chunk-KVJUZTHE.js";
import "./chunk-YBF2V7KG.js";
import "./chunk-REFG7THN.js";
import "./chunk-NBJJRWMZ.js";
import "./chunk-RN36H25A.js";
import "./chunk-3GXEWFOE.js";
import "./chunk-7GECUTJI.js";
import "./chunk-4243Q66V.js";
import "./chunk-ZAFJCKPJ.js";
import {
  UsageError,
  errorMessage
} from "./chunk-XA3YYY7N.js";
import "./chunk-LIVUQ6E7.js";

// src/action-modes.ts
import { randomBytes } from "node:crypto";
import { realpath } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, sep } from "node:path";

// src/report/annotations.ts
var ANNOTATION_LIMIT = 10;
function plainText(text, max = 200) {
  const flat = revealInvisible(text).replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
}
function siteAnnotations(report, limit = ANNOTATION_LIMIT, prefix = "") {
  const byLine = /* @__PURE__ */ new Map();
  const entryOf = (file, line) => {
    const key = `${file}
${line}`;
    const entry = byLine.get(key) ?? { file, line, parts: [], growth: 0, kept: [], held: 0 };
    byLine.set(key, entry);
    return entry;
  };
  for (const scenario of report.scenarios) {
    for (const site of scenario.sites) {
      if (!site.changedLine || site.line === null || site.sizeDelta <= 0) continue;
      if (site.file.startsWith("<") || site.file.startsWith("site-packages/")) continue;
      const entry = entryOf(site.file, site.line);
      const count = site.countDelta > 0 ? `, +${groupDigits(site.countDelta)} blocks` : "";
      entry.parts.push(
        `${plainText(scenario.name, 100)}: ${formatBytesDelta(site.sizeDelta)}${count} (now ${formatBytes(site.headSize)})`
      );
      entry.growth += site.sizeDelta;
    }
    for (const finding of scenario.retention ?? []) {
      const culprit = finding.culprit;
      if (!culprit || culprit.file.startsWith("<") || culprit.file.startsWith("site-packages/"))
        continue;
      const entry = entryOf(culprit.file, culprit.line);
      entry.kept.push(plainText(`${scenario.name}: ${retentionSentence(finding)}`, 400));
    }
    for (const group2 of culpritGroups(scenario)) {
      const { file, line } = group2.culprit;
      if (file.startsWith("<") || file.startsWith("site-packages/")) continue;
      entryOf(file, line).held += group2.bytes;
    }
  }
  const weight = (entry) => Math.max(entry.growth, entry.held);
  const all = [...byLine.values()].sort(
    // Code-point order for files: the same on every machine, and no collator to load.
    (a, b) => weight(b) - weight(a) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line
  );
  const kept = all.slice(0, Math.max(0, limit));
  return {
    annotations: kept.map((entry) => ({
      file: prefix ? `${prefix.replace(/\/+$/, "")}/${entry.file}` : entry.file,
      startLine: entry.line,
      title: entry.held > 0 ? `allocdiff: this line keeps ${formatBytes(entry.held)} of the grown memory alive` : entry.kept.length > 0 && entry.growth <= 0 ? "allocdiff: this line fills what keeps grown memory alive" : `allocdiff: this line allocates ${formatBytesDelta(entry.growth)} more`,
      message: [
        entry.parts.length > 0 ? `This pull request changed this line, and it keeps more memory allocated at the end of the benchmark: ${entry.parts.join("; ")}.` : "",
        entry.kept.length > 0 ? `It filled what keeps grown memory alive: ${entry.kept.join("; ")}.` : ""
      ].filter(Boolean).join(" "),
      growth: entry.growth
    })),
    omitted: all.length - kept.length
  };
}

// src/action-modes.ts
var UntrustedOutput = class {
  token;
  atLineStart = true;
  write(chunk) {
    if (chunk === "") return;
    if (this.token === void 0) {
      this.token = randomBytes(16).toString("hex");
      process.stdout.write(`::stop-commands::${this.token}
`);
    }
    process.stdout.write(chunk);
    this.atLineStart = chunk.endsWith("\n");
  }
  /** Turns workflow commands back on: the end marker on a line of its own. */
  end() {
    if (this.token === void 0) return;
    process.stdout.write(`${this.atLineStart ? "" : "\n"}::${this.token}::
`);
    this.token = void 0;
    this.atLineStart = true;
  }
};
var untrusted = new UntrustedOutput();
var actionLogger = {
  group: (title, body) => {
    untrusted.end();
    return group(title, async () => {
      try {
        return await body();
      } finally {
        untrusted.end();
      }
    });
  },
  info: (message) => {
    untrusted.end();
    info(message);
  },
  warning: (message) => {
    untrusted.end();
    warning(message);
  },
  output: (chunk) => untrusted.write(chunk)
};
function logReport(report) {
  const fence = randomBytes(16).toString("hex");
  startGroup("Report");
  process.stdout.write(`::stop-commands::${fence}
`);
  process.stdout.write(renderTerminal(report));
  process.stdout.write(`::${fence}::
`);
  endGroup();
}
async function keepReport(report, outputs) {
  setOutput("verdict", report.accepted ? "accepted" : report.verdict);
  for (const { name } of OUTPUTS) setOutput(name, outputs[name].path);
  if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(outputs.summary.content).write();
  logReport(report);
}
async function repositoryFolder(repoDir) {
  const workspace = process.env.GITHUB_WORKSPACE;
  if (!workspace) return "";
  try {
    const inside = relative(await realpath(workspace), await new Git(repoDir).topLevel());
    return inside.startsWith("..") || isAbsolute(inside) ? "" : inside.split(sep).join("/");
  } catch {
    return "";
  }
}
async function annotateChangedLines(report, repoDir) {
  const { annotations, omitted } = siteAnnotations(
    report,
    ANNOTATION_LIMIT,
    await repositoryFolder(repoDir)
  );
  for (const { message, title, file, startLine } of annotations) {
    warning(message, { title, file, startLine });
  }
  if (omitted > 0) info(`${omitted} more changed line(s) allocate more: see the job summary`);
}
async function commentOnPullRequest(publishing, pullRequest, report, markdown, options = {}) {
  const decision = commentDecision(publishing.comment, report);
  if (decision === "skip") {
    info(`comment: ${publishing.comment}: the report is in the job summary only`);
    return;
  }
  const { publishComment } = await import("./comment-UXWFNMVE.js");
  await group(`Posting the comment on pull request #${pullRequest}`, async () => {
    await publishComment(publishing, pullRequest, markdown, actionLogger, {
      ...options,
      onlyIfExists: decision === "update"
    });
  });
}
function failOnVerdict(report, failOn) {
  if (!failsRun(report.verdict, failOn)) return;
  if (report.accepted) {
    info(`${acceptanceText(report.accepted)}: ${verdictReason(report)}`);
    return;
  }
  setFailed(`${culpritLead(report)}${verdictReason(report)}`);
}
function labeledBy(label) {
  const payload = context.payload;
  return context.eventName === "pull_request" && payload.action === "labeled" && payload.label?.name === label && typeof payload.sender?.login === "string" ? payload.sender.login : void 0;
}
async function acceptWithLabel(publishing, pullRequest, report, failOn) {
  const label = publishing.acceptLabel;
  if (!label || pullRequest === void 0 || !failsRun(report.verdict, failOn)) return false;
  if (!publishing.token) {
    warning(
      `accept-label "${label}" cannot be checked without the github-token input (issues: read)`
    );
    return false;
  }
  const [{ createGitHubClient }, { pullRequestLabels }] = await Promise.all([
    import("./octokit-QXKAXTFT.js"),
    import("./labels-YNJ3KXWW.js")
  ]);
  const client = createGitHubClient(publishing.token, publishing.apiUrl, {
    onRetry: (message) => info(message)
  });
  let labels;
  try {
    labels = await pullRequestLabels(client, publishing, pullRequest);
  } catch (error) {
    warning(
      `the labels of pull request #${pullRequest} could not be read, so accept-label "${label}" was not checked: ${errorMessage(error)}`
    );
    return false;
  }
  if (!labels.includes(label)) {
    info(`pull request #${pullRequest} has no label "${label}": the verdict stands`);
    return false;
  }
  const by = labeledBy(label);
  report.accepted = { label, ...by !== void 0 ? { by } : {} };
  return true;
}
async function actionsCache(settings) {
  if (!settings.useCache) return void 0;
  const [toolkit, { actionsCacheStore }] = await Promise.all([
    import("./cache-DOVX3VCU.js"),
    import("./side-cache-7VUTGONS.js")
  ]);
  if (!toolkit.isFeatureAvailable()) {
    info("no Actions cache on this runner: both sides are measured");
    return void 0;
  }
  const { eventName, ref, payload } = context;
  const defaultBranch = payload.repository?.default_branch;
  const pushToDefault = eventName === "push" && typeof defaultBranch === "string" && ref === `refs/heads/${defaultBranch}`;
  const folder = join(process.env.RUNNER_TEMP || tmpdir(), "allocdiff-cache");
  return {
    store: actionsCacheStore(toolkit, folder),
    save: (side) => pushToDefault || eventName === "pull_request" && side === "base",
    // The commit pushed is the base of the pull requests to come: their deep passes find it.
    deepen: (side) => pushToDefault && side === "head"
  };
}
async function measureAndPublish(mode, settings, publishing) {
  if (mode === "full" && settings.shard) {
    throw new UsageError(
      'input "shard" measures a part of the scenarios, which one comment cannot stand for: use it with `mode: measure`, and merge the shards with `mode: merge` (see the README)'
    );
  }
  if (mode === "full") await import("./comment-UXWFNMVE.js");
  const cache = await actionsCache(settings);
  const run = await runAllocdiff(settings, actionLogger, cache ? { cache } : {}).finally(
    () => untrusted.end()
  );
  const { report } = run;
  let { markdown, outputs } = run;
  if (await acceptWithLabel(publishing, settings.pullRequest, report, settings.failOn)) {
    outputs = await writeOutputs(settings, report, renderOptions(settings));
    markdown = outputs.comment.content;
  }
  await keepReport(report, outputs);
  await annotateChangedLines(report, settings.repoDir);
  if (mode === "measure") {
    if (settings.pullRequest === void 0) {
      info(
        "not a pull request: no artifact for a report job; the report is in the job summary"
      );
    } else {
      await writeArtifact(settings.artifactDir, report, markdown, {
        number: settings.pullRequest,
        headSha: report.head.sha,
        baseSha: report.base.sha,
        repository: settings.repository
      });
      setOutput("artifact-path", settings.artifactDir);
      setOutput("artifact-name", artifactName(settings.key, settings.shard));
      info(
        `artifact files in ${settings.artifactDir}: upload them as "${artifactName(settings.key, settings.shard)}" for the ${settings.shard ? "merge" : "report"} job`
      );
    }
  } else if (settings.pullRequest !== void 0) {
    const eventHead = context.payload.pull_request?.head?.sha;
    await commentOnPullRequest(publishing, settings.pullRequest, report, markdown, {
      ...typeof eventHead === "string" ? { headSha: eventHead } : {}
    });
  } else {
    info("not a pull request: the report is in the job summary");
  }
  failOnVerdict(report, settings.failOn);
}
async function postMeasuredReport(mode) {
  const { settings, publishing } = await readReportModeSettings();
  const { eventName, payload } = context;
  if (eventName !== "workflow_run") {
    throw new UsageError(
      `mode "${mode}" runs on workflow_run events, not on "${eventName}": run \`mode: measure\` on pull_request, and \`mode: ${mode}\` in a workflow triggered by \`on: workflow_run: { workflows: [<the measuring workflow>], types: [completed] }\``
    );
  }
  const event = payload;
  if (event.action !== void 0 && event.action !== "completed") {
    info(
      `the triggering run is "${event.action}", not completed: nothing to report yet (trigger the report workflow with \`types: [completed]\`)`
    );
    return;
  }
  if (!publishing.token) {
    throw new UsageError(
      `mode "${mode}" needs the github-token input, with the permissions actions: read and pull-requests: write`
    );
  }
  const [{ createGitHubClient }, { loadReportFromRun }, { loadShardsFromRun }] = await Promise.all([
    import("./octokit-QXKAXTFT.js"),
    import("./report-mode-BBSITKND.js"),
    import("./merge-mode-JNDTMCVP.js")
  ]);
  const client = createGitHubClient(publishing.token, publishing.apiUrl, {
    onRetry: (message) => info(message)
  });
  const loaded = await group(
    `Fetching the ${mode === "merge" ? "shards' reports" : "report"} of run ${event.workflow_run?.id ?? "?"}`,
    () => (mode === "merge" ? loadShardsFromRun : loadReportFromRun)(
      client,
      publishing,
      payload,
      actionLogger
    )
  );
  if (loaded.kind === "skip") {
    info(`nothing to report: ${loaded.reason}`);
    return;
  }
  const { report, pullRequest, headSha } = loaded;
  delete report.accepted;
  await acceptWithLabel(publishing, pullRequest, report, settings.failOn);
  const outputs = await writeOutputs(settings, report, renderOptions(settings));
  await keepReport(report, outputs);
  await commentOnPullRequest(publishing, pullRequest, report, outputs.comment.content, {
    forbiddenIsError: true,
    headSha
  });
  failOnVerdict(report, settings.failOn);
}
export {
  measureAndPublish,
  postMeasuredReport
};

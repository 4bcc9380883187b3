import { createRequire as __allocdiffCreateRequire } from 'node:module';
const require = __allocdiffCreateRequire(import.meta.url);
import {
  context,
  endGroup,
  group,
  info,
  readReportModeSettings,
  setFailed,
  setOutput,
  startGroup,
  summary,
  warning
} from "./chunk-F4EGGBL2.js";
import {
  Git,
  renderTerminal,
  runAllocdiff,
  summaryPathOf,
  writeReportFiles
} from "./chunk-D7YXCPCZ.js";
import "./chunk-SL2D3MJF.js";
import {
  commentDecision,
  failsRun
} from "./chunk-UHTRYDBA.js";
import "./chunk-UYN2NNJP.js";
import {
  renderMarkdown,
  renderSummary,
  revealInvisible,
  verdictReason
} from "./chunk-K2GOWLJZ.js";
import {
  formatBytes,
  formatBytesDelta,
  groupDigits
} from "./chunk-Z7CB6QBK.js";
import {
  artifactName,
  writeArtifact
} from "./chunk-JHVINXLS.js";
import "./chunk-TV7HWJ2H.js";
import "./chunk-PIXDXO4H.js";
import "./chunk-4243Q66V.js";
import {
  UsageError
} from "./chunk-AGAXQL6F.js";

// src/action-modes.ts
import { randomBytes } from "node:crypto";
import { realpath } from "node:fs/promises";
import { isAbsolute, relative, sep } from "node:path";

// src/report/annotations.ts
var ANNOTATION_LIMIT = 10;
function plainText(text, max = 200) {
  const flat = revealInvisible(text).replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
}
function siteAnnotations(report, limit = ANNOTATION_LIMIT, prefix = "") {
  const byLine = /* @__PURE__ */ new Map();
  for (const scenario of report.scenarios) {
    for (const site of scenario.sites) {
      if (!site.changedLine || site.line === null || site.sizeDelta <= 0) continue;
      if (site.file.startsWith("<") || site.file.startsWith("site-packages/")) continue;
      const key = `${site.file}
${site.line}`;
      const entry = byLine.get(key) ?? { file: site.file, line: site.line, parts: [], growth: 0 };
      const count = site.countDelta > 0 ? `, +${groupDigits(site.countDelta)} blocks` : "";
      entry.parts.push(
        `${plainText(scenario.name, 100)}: ${formatBytesDelta(site.sizeDelta)}${count} (now ${formatBytes(site.headSize)})`
      );
      entry.growth += site.sizeDelta;
      byLine.set(key, entry);
    }
  }
  const all = [...byLine.values()].sort(
    // Code-point order for files: the same on every machine, and no collator to load.
    (a, b) => b.growth - a.growth || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line
  );
  const kept = all.slice(0, Math.max(0, limit));
  return {
    annotations: kept.map((entry) => ({
      file: prefix ? `${prefix.replace(/\/+$/, "")}/${entry.file}` : entry.file,
      startLine: entry.line,
      title: `allocdiff: this line allocates ${formatBytesDelta(entry.growth)} more`,
      message: `This pull request changed this line, and it keeps more memory allocated at the end of the benchmark: ${entry.parts.join("; ")}.`,
      growth: entry.growth
    })),
    omitted: all.length - kept.length
  };
}

// src/action-modes.ts
var actionLogger = {
  group: (title, body) => group(title, body),
  info: (message) => info(message),
  warning: (message) => warning(message),
  output: (chunk) => process.stdout.write(chunk)
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
async function keepReport(report, summary2, paths) {
  setOutput("verdict", report.verdict);
  setOutput("report", paths.jsonPath);
  setOutput("comment", paths.markdownPath);
  setOutput("summary", summaryPathOf(paths.markdownPath));
  if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(summary2).write();
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
  const { publishComment } = await import("./comment-Y6DSRMWL.js");
  await group(`Posting the comment on pull request #${pullRequest}`, async () => {
    await publishComment(publishing, pullRequest, markdown, actionLogger, {
      ...options,
      onlyIfExists: decision === "update"
    });
  });
}
function failOnVerdict(report, failOn) {
  if (failsRun(report.verdict, failOn)) setFailed(verdictReason(report));
}
async function measureAndPublish(mode, settings, publishing) {
  const { report, markdown, summary: summary2 } = await runAllocdiff(settings, actionLogger);
  await keepReport(report, summary2, settings);
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
      setOutput("artifact-name", artifactName(settings.key));
      info(
        `artifact files in ${settings.artifactDir}: upload them as "${artifactName(settings.key)}" for the report job`
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
async function postMeasuredReport() {
  const { settings, publishing } = await readReportModeSettings();
  const { eventName, payload } = context;
  if (eventName !== "workflow_run") {
    throw new UsageError(
      `mode "report" runs on workflow_run events, not on "${eventName}": run \`mode: measure\` on pull_request, and \`mode: report\` in a workflow triggered by \`on: workflow_run: { workflows: [<the measuring workflow>], types: [completed] }\``
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
      'mode "report" needs the github-token input, with the permissions actions: read and pull-requests: write'
    );
  }
  const [{ createGitHubClient }, { loadReportFromRun }] = await Promise.all([
    import("./octokit-V4BDRFY2.js"),
    import("./report-mode-R4ZLKBIM.js")
  ]);
  const client = createGitHubClient(publishing.token, publishing.apiUrl, {
    onRetry: (message) => info(message)
  });
  const loaded = await group(
    `Fetching the report of run ${event.workflow_run?.id ?? "?"}`,
    () => loadReportFromRun(client, publishing, payload, actionLogger)
  );
  if (loaded.kind === "skip") {
    info(`nothing to report: ${loaded.reason}`);
    return;
  }
  const { report, pullRequest, headSha } = loaded;
  const markdown = renderMarkdown(report);
  const summary2 = renderSummary(report);
  await writeReportFiles(settings, report, markdown, summary2);
  await keepReport(report, summary2, settings);
  await commentOnPullRequest(publishing, pullRequest, report, markdown, {
    forbiddenIsError: true,
    headSha
  });
  failOnVerdict(report, settings.failOn);
}
export {
  measureAndPublish,
  postMeasuredReport
};

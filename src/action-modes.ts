/**
 * What the action does once its mode and event say there is work: loaded by main.ts only
 * then, so a run that stops early (a bad mode, an event with nothing to do) does not load it.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { randomBytes } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { failsRun, type FailOn } from './budgets/evaluate.js';
import {
  readReportModeSettings,
  type ActionSettings,
  type Publishing,
} from './config/action-inputs.js';
import { UsageError } from './errors.js';
import type { Logger } from './log.js';
import { runAllocdiff, summaryPathOf, writeReportFiles } from './pipeline.js';
import { artifactName, writeArtifact } from './publish/artifact.js';
import type { PublishOptions } from './publish/comment.js';
import { commentDecision } from './publish/comment-policy.js';
import { ANNOTATION_LIMIT, siteAnnotations } from './report/annotations.js';
import { renderMarkdown, renderSummary } from './report/markdown.js';
import type { Report } from './report/report.js';
import { renderTerminal } from './report/terminal.js';
import { verdictReason } from './report/verdict.js';
import { Git } from './sides/git.js';

const actionLogger: Logger = {
  group: (title, body) => core.group(title, body),
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  output: (chunk) => process.stdout.write(chunk),
};

/**
 * The report in the log too, so it survives a comment that could not be written. It carries
 * pull-request text (paths, source lines, error output), so workflow commands in it are not
 * obeyed: the runner ignores them between `stop-commands` and its one-time token.
 */
function logReport(report: Report): void {
  const fence = randomBytes(16).toString('hex');
  core.startGroup('Report');
  process.stdout.write(`::stop-commands::${fence}\n`);
  process.stdout.write(renderTerminal(report));
  process.stdout.write(`::${fence}::\n`);
  core.endGroup();
}

/** Outputs, job summary and log: where the report goes whatever happens to the comment. */
async function keepReport(
  report: Report,
  summary: string,
  paths: { jsonPath: string; markdownPath: string },
): Promise<void> {
  core.setOutput('verdict', report.verdict);
  core.setOutput('report', paths.jsonPath);
  core.setOutput('comment', paths.markdownPath);
  core.setOutput('summary', summaryPathOf(paths.markdownPath));
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();
  logReport(report);
}

/** The repository's root relative to the workspace, for annotation paths ('' when the same). */
async function repositoryFolder(repoDir: string): Promise<string> {
  const workspace = process.env.GITHUB_WORKSPACE;
  if (!workspace) return '';
  try {
    const inside = relative(await realpath(workspace), await new Git(repoDir).topLevel());
    return inside.startsWith('..') || isAbsolute(inside) ? '' : inside.split(sep).join('/');
  } catch {
    // Annotations are a courtesy: without the folder they go on repository-relative paths.
    return '';
  }
}

/** Reviewers see these on the changed lines in "Files changed". */
async function annotateChangedLines(report: Report, repoDir: string): Promise<void> {
  const { annotations, omitted } = siteAnnotations(
    report,
    ANNOTATION_LIMIT,
    await repositoryFolder(repoDir),
  );
  for (const { message, title, file, startLine } of annotations) {
    core.warning(message, { title, file, startLine });
  }
  if (omitted > 0) core.info(`${omitted} more changed line(s) allocate more: see the job summary`);
}

/** The sticky comment, as the `comment` policy wants it. */
async function commentOnPullRequest(
  publishing: Publishing,
  pullRequest: number,
  report: Report,
  markdown: string,
  options: PublishOptions = {},
): Promise<void> {
  const decision = commentDecision(publishing.comment, report);
  if (decision === 'skip') {
    core.info(`comment: ${publishing.comment}: the report is in the job summary only`);
    return;
  }
  // Octokit and its plugins are loaded only to post: a run without a comment never needs them.
  const { publishComment } = await import('./publish/comment.js');
  await core.group(`Posting the comment on pull request #${pullRequest}`, async () => {
    await publishComment(publishing, pullRequest, markdown, actionLogger, {
      ...options,
      onlyIfExists: decision === 'update',
    });
  });
}

/** fail-on decides which verdicts fail the step; the reason names the deciding budget. */
function failOnVerdict(report: Report, failOn: FailOn): void {
  if (failsRun(report.verdict, failOn)) core.setFailed(verdictReason(report));
}

/**
 * `mode: full` and `mode: measure`: check out both sides, measure, compare. The run gets the
 * settings; only the comment gets what publishing needs (the token among it).
 */
export async function measureAndPublish(
  mode: 'full' | 'measure',
  settings: ActionSettings,
  publishing: Publishing,
) {
  // What the run loads after measuring is loaded before any pull-request code runs, so that
  // code never gets to change a file this process has still to load.
  if (mode === 'full') await import('./publish/comment.js');
  const { report, markdown, summary } = await runAllocdiff(settings, actionLogger);
  await keepReport(report, summary, settings);
  await annotateChangedLines(report, settings.repoDir);

  if (mode === 'measure') {
    if (settings.pullRequest === undefined) {
      core.info(
        'not a pull request: no artifact for a report job; the report is in the job summary',
      );
    } else {
      // The hand-over to `mode: report`; the workflow uploads it with actions/upload-artifact.
      await writeArtifact(settings.artifactDir, report, markdown, {
        number: settings.pullRequest,
        headSha: report.head.sha,
        baseSha: report.base.sha,
        repository: settings.repository,
      });
      core.setOutput('artifact-path', settings.artifactDir);
      core.setOutput('artifact-name', artifactName(settings.key));
      core.info(
        `artifact files in ${settings.artifactDir}: upload them as "${artifactName(settings.key)}" ` +
          'for the report job',
      );
    }
  } else if (settings.pullRequest !== undefined) {
    // The head the event was for: a later push makes a newer run, whose comment this one must
    // not overwrite.
    const eventHead = (github.context.payload as { pull_request?: { head?: { sha?: unknown } } })
      .pull_request?.head?.sha;
    await commentOnPullRequest(publishing, settings.pullRequest, report, markdown, {
      ...(typeof eventHead === 'string' ? { headSha: eventHead } : {}),
    });
  } else {
    core.info('not a pull request: the report is in the job summary');
  }

  failOnVerdict(report, settings.failOn);
}

interface WorkflowRunPayload {
  action?: string;
  workflow_run?: { id?: number; conclusion?: string | null };
}

/**
 * `mode: report`, on workflow_run: posts the report a `mode: measure` run left behind. Nothing
 * is checked out or run; the artifact is validated, and the pull request comes from the API.
 */
export async function postMeasuredReport(): Promise<void> {
  const { settings, publishing } = await readReportModeSettings();
  const { eventName, payload } = github.context;
  if (eventName !== 'workflow_run') {
    throw new UsageError(
      `mode "report" runs on workflow_run events, not on "${eventName}": run \`mode: measure\` ` +
        'on pull_request, and `mode: report` in a workflow triggered by ' +
        '`on: workflow_run: { workflows: [<the measuring workflow>], types: [completed] }`',
    );
  }
  const event = payload as WorkflowRunPayload;
  if (event.action !== undefined && event.action !== 'completed') {
    core.info(
      `the triggering run is "${event.action}", not completed: nothing to report yet ` +
        '(trigger the report workflow with `types: [completed]`)',
    );
    return;
  }
  if (!publishing.token) {
    throw new UsageError(
      'mode "report" needs the github-token input, with the permissions actions: read and ' +
        'pull-requests: write',
    );
  }
  const [{ createGitHubClient }, { loadReportFromRun }] = await Promise.all([
    import('./publish/octokit.js'),
    import('./publish/report-mode.js'),
  ]);
  const client = createGitHubClient(publishing.token, publishing.apiUrl, {
    onRetry: (message) => core.info(message),
  });
  const loaded = await core.group(
    `Fetching the report of run ${event.workflow_run?.id ?? '?'}`,
    () => loadReportFromRun(client, publishing, payload, actionLogger),
  );
  if (loaded.kind === 'skip') {
    core.info(`nothing to report: ${loaded.reason}`);
    return;
  }

  // Rendered here from the validated report: the artifact's own comment.md is not trusted.
  const { report, pullRequest, headSha } = loaded;
  const markdown = renderMarkdown(report);
  const summary = renderSummary(report);
  await writeReportFiles(settings, report, markdown, summary);
  await keepReport(report, summary, settings);
  await commentOnPullRequest(publishing, pullRequest, report, markdown, {
    forbiddenIsError: true,
    headSha,
  });
  failOnVerdict(report, settings.failOn);
}

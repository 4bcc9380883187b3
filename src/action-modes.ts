/**
 * What the action does once its mode and event say there is work: loaded by main.ts only
 * then, so a run that stops early (a bad mode, an event with nothing to do) does not load it.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { randomBytes } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { failsRun, type FailOn } from './budgets/evaluate.js';
import {
  readReportModeSettings,
  type ActionSettings,
  type Publishing,
} from './config/action-inputs.js';
import { errorMessage, UsageError } from './errors.js';
import type { Logger } from './log.js';
import { runAllocdiff, type MeasurementCache } from './pipeline.js';
import { artifactName, writeArtifact } from './publish/artifact.js';
import type { PublishOptions } from './publish/comment.js';
import { commentDecision } from './publish/comment-policy.js';
import {
  OUTPUTS,
  renderOptions,
  writeOutputs,
  type OutputName,
  type Written,
} from './publish/outputs.js';
import { ANNOTATION_LIMIT, siteAnnotations } from './report/annotations.js';
import type { Report } from './report/report.js';
import { renderTerminal } from './report/terminal.js';
import { acceptanceText, culpritLead, verdictReason } from './report/verdict.js';
import { Git } from './sides/git.js';

/**
 * Relays output the action does not trust (the benchmark's, setup's) to the log with workflow
 * commands off: the runner obeys no `::command::` line between `::stop-commands::<token>` and
 * `::<token>::`, and the token is new for each stretch of output, so the output cannot end the
 * stretch itself. The stretch ends before the action's own next line.
 */
class UntrustedOutput {
  private token: string | undefined;
  private atLineStart = true;

  write(chunk: string): void {
    if (chunk === '') return;
    if (this.token === undefined) {
      this.token = randomBytes(16).toString('hex');
      process.stdout.write(`::stop-commands::${this.token}\n`);
    }
    process.stdout.write(chunk);
    this.atLineStart = chunk.endsWith('\n');
  }

  /** Turns workflow commands back on: the end marker on a line of its own. */
  end(): void {
    if (this.token === undefined) return;
    process.stdout.write(`${this.atLineStart ? '' : '\n'}::${this.token}::\n`);
    this.token = undefined;
    this.atLineStart = true;
  }
}

const untrusted = new UntrustedOutput();

const actionLogger: Logger = {
  group: (title, body) => {
    untrusted.end();
    return core.group(title, async () => {
      try {
        return await body();
      } finally {
        untrusted.end();
      }
    });
  },
  info: (message) => {
    untrusted.end();
    core.info(message);
  },
  warning: (message) => {
    untrusted.end();
    core.warning(message);
  },
  output: (chunk) => untrusted.write(chunk),
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
async function keepReport(report: Report, outputs: Record<OutputName, Written>): Promise<void> {
  core.setOutput('verdict', report.accepted ? 'accepted' : report.verdict);
  // One output per file written, named as the list of outputs names it.
  for (const { name } of OUTPUTS) core.setOutput(name, outputs[name].path);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(outputs.summary.content).write();
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

/**
 * fail-on decides which verdicts fail the step; the reason names the deciding budget. An
 * accepted change passes, and the log says by what.
 */
function failOnVerdict(report: Report, failOn: FailOn): void {
  if (!failsRun(report.verdict, failOn)) return;
  if (report.accepted) {
    core.info(`${acceptanceText(report.accepted)}: ${verdictReason(report)}`);
    return;
  }
  core.setFailed(`${culpritLead(report)}${verdictReason(report)}`);
}

/** Who added a label, when the event is that label being added. */
function labeledBy(label: string): string | undefined {
  const payload = github.context.payload as {
    action?: string;
    label?: { name?: unknown };
    sender?: { login?: unknown };
  };
  return github.context.eventName === 'pull_request' &&
    payload.action === 'labeled' &&
    payload.label?.name === label &&
    typeof payload.sender?.login === 'string'
    ? payload.sender.login
    : undefined;
}

/**
 * Marks a report whose verdict would fail the step as accepted when the pull request has the
 * `accept-label` now (read from the API, not from the event, whose labels may be stale).
 * Returns whether it did.
 */
async function acceptWithLabel(
  publishing: Publishing,
  pullRequest: number | undefined,
  report: Report,
  failOn: FailOn,
): Promise<boolean> {
  const label = publishing.acceptLabel;
  if (!label || pullRequest === undefined || !failsRun(report.verdict, failOn)) return false;
  if (!publishing.token) {
    core.warning(
      `accept-label "${label}" cannot be checked without the github-token input (issues: read)`,
    );
    return false;
  }
  const [{ createGitHubClient }, { pullRequestLabels }] = await Promise.all([
    import('./publish/octokit.js'),
    import('./publish/labels.js'),
  ]);
  const client = createGitHubClient(publishing.token, publishing.apiUrl, {
    onRetry: (message) => core.info(message),
  });
  let labels: string[];
  try {
    labels = await pullRequestLabels(client, publishing, pullRequest);
  } catch (error) {
    core.warning(
      `the labels of pull request #${pullRequest} could not be read, so accept-label ` +
        `"${label}" was not checked: ${errorMessage(error)}`,
    );
    return false;
  }
  if (!labels.includes(label)) {
    core.info(`pull request #${pullRequest} has no label "${label}": the verdict stands`);
    return false;
  }
  const by = labeledBy(label);
  report.accepted = { label, ...(by !== undefined ? { by } : {}) };
  return true;
}

/**
 * The Actions cache, as this event may use it: read on every run; written by a push to the
 * default branch (both sides: the code merged there, its commit measured in depth too) and by a pull request (its base only, which
 * GitHub keeps in the pull request's own scope, out of reach of other pull requests and of the
 * default branch). Off with `cache: false`, or where the runner offers no cache service.
 */
async function actionsCache(settings: ActionSettings): Promise<MeasurementCache | undefined> {
  if (!settings.useCache) return undefined;
  const [toolkit, { actionsCacheStore }] = await Promise.all([
    import('@actions/cache'),
    import('./capture/side-cache.js'),
  ]);
  if (!toolkit.isFeatureAvailable()) {
    core.info('no Actions cache on this runner: both sides are measured');
    return undefined;
  }
  const { eventName, ref, payload } = github.context;
  const defaultBranch = (payload as { repository?: { default_branch?: unknown } }).repository
    ?.default_branch;
  const pushToDefault =
    eventName === 'push' &&
    typeof defaultBranch === 'string' &&
    ref === `refs/heads/${defaultBranch}`;
  const folder = join(process.env.RUNNER_TEMP || tmpdir(), 'allocdiff-cache');
  return {
    store: actionsCacheStore(toolkit, folder),
    save: (side) => pushToDefault || (eventName === 'pull_request' && side === 'base'),
    // The commit pushed is the base of the pull requests to come: their deep passes find it.
    deepen: (side) => pushToDefault && side === 'head',
  };
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
  if (mode === 'full' && settings.shard) {
    throw new UsageError(
      'input "shard" measures a part of the scenarios, which one comment cannot stand for: ' +
        'use it with `mode: measure`, and merge the shards with `mode: merge` (see the README)',
    );
  }
  // What the run loads after measuring is loaded before any pull-request code runs, so that
  // code never gets to change a file this process has still to load.
  if (mode === 'full') await import('./publish/comment.js');
  // Whatever happens, the action's own lines after the run are obeyed again.
  const cache = await actionsCache(settings);
  const run = await runAllocdiff(settings, actionLogger, cache ? { cache } : {}).finally(() =>
    untrusted.end(),
  );
  const { report } = run;
  let { markdown, outputs } = run;
  if (await acceptWithLabel(publishing, settings.pullRequest, report, settings.failOn)) {
    outputs = await writeOutputs(settings, report, renderOptions(settings));
    markdown = outputs.comment.content;
  }
  await keepReport(report, outputs);
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
      core.setOutput('artifact-name', artifactName(settings.key, settings.shard));
      core.info(
        `artifact files in ${settings.artifactDir}: upload them as ` +
          `"${artifactName(settings.key, settings.shard)}" for the ` +
          `${settings.shard ? 'merge' : 'report'} job`,
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
 * `mode: merge` does the same with the artifacts of the run's shards, merged into one report.
 */
export async function postMeasuredReport(mode: 'report' | 'merge'): Promise<void> {
  const { settings, publishing } = await readReportModeSettings();
  const { eventName, payload } = github.context;
  if (eventName !== 'workflow_run') {
    throw new UsageError(
      `mode "${mode}" runs on workflow_run events, not on "${eventName}": run \`mode: measure\` ` +
        `on pull_request, and \`mode: ${mode}\` in a workflow triggered by ` +
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
      `mode "${mode}" needs the github-token input, with the permissions actions: read and ` +
        'pull-requests: write',
    );
  }
  const [{ createGitHubClient }, { loadReportFromRun }, { loadShardsFromRun }] = await Promise.all([
    import('./publish/octokit.js'),
    import('./publish/report-mode.js'),
    import('./publish/merge-mode.js'),
  ]);
  const client = createGitHubClient(publishing.token, publishing.apiUrl, {
    onRetry: (message) => core.info(message),
  });
  const loaded = await core.group(
    `Fetching the ${mode === 'merge' ? "shards' reports" : 'report'} of run ${event.workflow_run?.id ?? '?'}`,
    () =>
      (mode === 'merge' ? loadShardsFromRun : loadReportFromRun)(
        client,
        publishing,
        payload,
        actionLogger,
      ),
  );
  if (loaded.kind === 'skip') {
    core.info(`nothing to report: ${loaded.reason}`);
    return;
  }

  // Rendered here from the validated report: the artifact's own comment.md is not trusted,
  // nor an acceptance the measuring run claims: the label is read here, with this run's token.
  const { report, pullRequest, headSha } = loaded;
  delete report.accepted;
  await acceptWithLabel(publishing, pullRequest, report, settings.failOn);
  const outputs = await writeOutputs(settings, report, renderOptions(settings));
  await keepReport(report, outputs);
  await commentOnPullRequest(publishing, pullRequest, report, outputs.comment.content, {
    forbiddenIsError: true,
    headSha,
  });
  failOnVerdict(report, settings.failOn);
}

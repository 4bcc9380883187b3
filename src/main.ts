import * as core from '@actions/core';
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { failsRun } from './budgets/evaluate.js';
import { readActionSettings } from './config/action-inputs.js';
import { errorMessage } from './errors.js';
import type { Logger } from './log.js';
import { runAllocdiff, summaryPathOf } from './pipeline.js';
import { commentDecision } from './publish/comment-policy.js';
import { ANNOTATION_LIMIT, siteAnnotations } from './report/annotations.js';
import { commentMarker } from './report/markdown.js';
import { verdictReason } from './report/verdict.js';
import { createGitHubClient } from './publish/octokit.js';
import { Git } from './sides/git.js';
import { findStickyComment, upsertStickyComment } from './publish/sticky-comment.js';

const actionLogger: Logger = {
  group: (title, body) => core.group(title, body),
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  output: (chunk) => process.stdout.write(chunk),
};

function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
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

/** The action: measure, report, comment, and fail the check when a budget fails. */
export async function run(): Promise<void> {
  try {
    const settings = readActionSettings();
    const { report, markdown, summary } = await runAllocdiff(settings, actionLogger);
    core.setOutput('verdict', report.verdict);
    core.setOutput('report', settings.jsonPath);
    core.setOutput('comment', settings.markdownPath);
    core.setOutput('summary', summaryPathOf(settings.markdownPath));
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();

    // Reviewers see these on the changed lines in "Files changed".
    const { annotations, omitted } = siteAnnotations(
      report,
      ANNOTATION_LIMIT,
      await repositoryFolder(settings.repoDir),
    );
    for (const { message, title, file, startLine } of annotations) {
      core.warning(message, { title, file, startLine });
    }
    if (omitted > 0) {
      core.info(`${omitted} more changed line(s) allocate more: see the job summary`);
    }

    const decision = commentDecision(settings.comment, report);
    if (settings.pullRequest !== undefined && decision === 'skip') {
      core.info(`comment: ${settings.comment}: the report is in the job summary only`);
    } else if (settings.pullRequest !== undefined) {
      await core.group('Posting the pull-request comment', async () => {
        if (!settings.token) {
          core.warning('no github-token: the report is in the job summary only');
          return;
        }
        const client = createGitHubClient(settings.token, settings.apiUrl);
        const target = {
          owner: settings.owner,
          repo: settings.repo,
          issueNumber: settings.pullRequest!,
        };
        try {
          // Nothing worth a new comment; an earlier one is brought up to date.
          if (
            decision === 'update' &&
            !(await findStickyComment(client, target, commentMarker(settings.key)))
          ) {
            core.info(`comment: ${settings.comment}: nothing to report and no earlier comment`);
            return;
          }
          const result = await upsertStickyComment(
            client,
            target,
            commentMarker(settings.key),
            markdown,
          );
          core.info(`${result.action} comment ${result.url}`);
        } catch (error) {
          if (httpStatus(error) !== 403) throw error;
          // A fork's read-only token: the summary still has the report, the budgets decide.
          core.warning(
            `could not comment on the pull request (${errorMessage(error)}); the report is in the job summary`,
          );
        }
      });
    } else {
      core.info('not a pull request: the report is in the job summary');
    }

    // fail-on decides which verdicts fail the check; the reason names the deciding budget.
    if (failsRun(report.verdict, settings.failOn)) core.setFailed(verdictReason(report));
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}

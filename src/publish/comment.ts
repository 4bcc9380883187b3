import type { Logger } from '../log.js';
import { commentMarker } from '../report/markdown.js';
import { createGitHubClient, errorDetail, httpStatus } from './octokit.js';
import { findStickyComment, upsertStickyComment } from './sticky-comment.js';

export interface CommentSettings {
  token: string;
  apiUrl: string;
  owner: string;
  repo: string;
  key: string;
}

export type CommentOutcome = 'created' | 'updated' | 'forbidden' | 'no-token' | 'not-needed';

export interface PublishOptions {
  /**
   * Where commenting is the job's whole point (`mode: report`, whose token should be able to),
   * a refusal is a setup mistake: an error saying which permission is missing.
   */
  forbiddenIsError?: boolean;
  /**
   * Update the comment only if there is one (the `comment` policy found nothing worth a new
   * comment, but an earlier one must not keep saying otherwise).
   */
  onlyIfExists?: boolean;
}

/**
 * Posts or updates the sticky comment. A token that may not comment (a fork's read-only
 * GITHUB_TOKEN: 403 "Resource not accessible by integration") is not a failure of the check:
 * the report is in the job summary and the log, and `fail-on` with the verdict alone decides the
 * exit status. A rate limit or any other failure is an error naming the API call.
 */
export async function publishComment(
  settings: CommentSettings,
  pullRequest: number,
  markdown: string,
  log: Logger,
  options: PublishOptions = {},
): Promise<CommentOutcome> {
  if (!settings.token) {
    log.warning('no github-token: the report is in the job summary only');
    return 'no-token';
  }
  const client = createGitHubClient(settings.token, settings.apiUrl, {
    onRetry: (m) => log.info(m),
  });
  const target = { owner: settings.owner, repo: settings.repo, issueNumber: pullRequest };
  const marker = commentMarker(settings.key);
  try {
    if (options.onlyIfExists && !(await findStickyComment(client, target, marker))) {
      log.info('nothing to report and no earlier comment to bring up to date');
      return 'not-needed';
    }
    const result = await upsertStickyComment(client, target, marker, markdown);
    log.info(`${result.action} comment ${result.url}`);
    if (result.removed > 0)
      log.info(`removed ${result.removed} duplicate comment(s) left by a concurrent run`);
    return result.action;
  } catch (error) {
    if (httpStatus(error) === 403 && !/rate limit/i.test(errorDetail(error))) {
      if (options.forbiddenIsError) {
        throw new Error(
          `cannot comment on pull request #${pullRequest}: ${errorDetail(error)}. Give the ` +
            'workflow `permissions: pull-requests: write` (and `actions: read` for the artifact).',
          { cause: error },
        );
      }
      log.warning(
        `cannot comment on pull request #${pullRequest} (${errorDetail(error)}): the token is read-only, ` +
          'as on pull requests from forks. The report is in the job summary; for a comment on fork PRs use ' +
          'the two-stage setup (mode: measure + mode: report) from the README.',
      );
      return 'forbidden';
    }
    throw error;
  }
}

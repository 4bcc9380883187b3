import { UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { commentMarker } from '../report/markdown.js';
import {
  apiError,
  createGitHubClient,
  errorDetail,
  httpStatus,
  type GitHubClient,
} from './octokit.js';
import { findStickyComment, upsertStickyComment } from './sticky-comment.js';

export interface CommentSettings {
  token: string;
  apiUrl: string;
  owner: string;
  repo: string;
  key: string;
}

export type CommentOutcome =
  'created' | 'updated' | 'forbidden' | 'no-token' | 'not-needed' | 'superseded';

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
  /**
   * The pull request's head this report is for. When the pull request has moved on to another
   * head since, a run for that head reports on it: this one writes nothing.
   */
  headSha?: string;
}

/**
 * The pull request's head as the API sees it now; undefined when the token may not read the
 * pull request (a workflow that grants `issues: write` alone), which is said in the log.
 */
async function currentHead(
  client: GitHubClient,
  target: { owner: string; repo: string },
  pullRequest: number,
  log: Logger,
): Promise<string | undefined> {
  const call = `GET /repos/${target.owner}/${target.repo}/pulls/${pullRequest}`;
  try {
    const { data } = await client.rest.pulls.get({ ...target, pull_number: pullRequest });
    return data.head.sha;
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 403 && status !== 404) throw apiError(call, error);
    log.info(
      `cannot read pull request #${pullRequest} (HTTP ${status}: ${errorDetail(error)}): ` +
        'commenting without checking that its head is still the one measured',
    );
    return undefined;
  }
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
    if (options.headSha !== undefined) {
      const head = await currentHead(client, settings, pullRequest, log);
      if (head !== undefined && head !== options.headSha) {
        log.info(
          `pull request #${pullRequest} has moved on: its head is ${head.slice(0, 7)} now, this ` +
            `report is for ${options.headSha.slice(0, 7)}. The run for ${head.slice(0, 7)} reports ` +
            'on it: the comment is left as it is.',
        );
        return 'superseded';
      }
    }
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
        throw new UsageError(
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

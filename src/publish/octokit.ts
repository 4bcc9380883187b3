import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { VERSION } from '../version.js';

const AllocdiffOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof AllocdiffOctokit>;

/** The only Octokit factory: retries server errors, waits out rate limits. */
export function createGitHubClient(token: string, baseUrl: string): GitHubClient {
  return new AllocdiffOctokit({
    auth: token,
    baseUrl,
    userAgent: `allocdiff/${VERSION}`,
    throttle: {
      onRateLimit: (_retryAfter, _options, _octokit, retryCount) => retryCount < 2,
      onSecondaryRateLimit: (_retryAfter, _options, _octokit, retryCount) => retryCount < 2,
    },
  });
}

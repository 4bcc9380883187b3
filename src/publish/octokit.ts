import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
// Octokit sends its requests with the global fetch, and undici, once loaded, makes its Agent
// fetch's dispatcher. The action's requests have always gone out that way (@actions/core used
// to load undici at start); loading it with the client keeps them so.
import 'undici';
import { VERSION } from '../version.js';

const AllocdiffOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof AllocdiffOctokit>;

export interface ClientOptions {
  /** Log line for each retry or rate-limit wait. */
  onRetry?: (message: string) => void;
  /**
   * Base of the backoff between retries of a server error, in milliseconds: the n-th retry
   * waits n² times this. Default 1000, or `ALLOCDIFF_RETRY_BASE_MS`.
   */
  retryBaseMs?: number;
}

/** The retry plugin's own default: retries after 1 s, 4 s and 9 s. */
export const RETRY_BASE_MS = 1000;

/**
 * `ALLOCDIFF_RETRY_BASE_MS` may only shorten the backoff after server errors (for tests against
 * a local API): whole milliseconds up to the default. It changes neither how many times a call
 * is retried nor the waits GitHub asks for with `retry-after` on rate limits.
 */
export function retryBaseFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ALLOCDIFF_RETRY_BASE_MS;
  if (raw === undefined || !/^\d{1,4}$/.test(raw)) return RETRY_BASE_MS;
  return Math.min(Number(raw), RETRY_BASE_MS);
}

/**
 * The only Octokit factory. Server errors (5xx) are retried three times with backoff by the
 * retry plugin; primary and secondary rate limits (403/429 with retry-after) are waited out by
 * the throttling plugin, twice at most.
 */
export function createGitHubClient(
  token: string,
  baseUrl: string,
  options: ClientOptions = {},
): GitHubClient {
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number,
    ) => {
      if (retryCount >= 2) return false;
      options.onRetry?.(`${kind} on ${request.method} ${request.url}: retrying in ${retryAfter} s`);
      return true;
    };
  const quiet = () => {};
  return new AllocdiffOctokit({
    auth: token,
    baseUrl,
    userAgent: `allocdiff/${VERSION}`,
    // Expected refusals (GET /user with an installation token, a comment deleted meanwhile) are
    // not news; failures that matter surface as errors naming the call. Server errors are
    // logged because a retry follows them.
    log: {
      debug: quiet,
      info: quiet,
      warn: (message: string) => options.onRetry?.(message),
      error: (message: string) => {
        if (/ - 5\d\d with id /.test(message)) options.onRetry?.(`server error: ${message}`);
      },
    },
    retry: {
      retryAfterBaseValue: Math.min(options.retryBaseMs ?? retryBaseFromEnv(), RETRY_BASE_MS),
    },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
  });
}

/** The HTTP status of an Octokit error, if it has one. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** An API failure, named by the call that failed: `GitHub API: POST /repos/…/comments → 422 …`. */
export class GitHubApiError extends Error {
  constructor(
    readonly call: string,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(`GitHub API ${call} failed${status ? ` (HTTP ${status})` : ''}: ${detail}`);
    this.name = 'GitHubApiError';
  }
}

/** GitHub's own message for a failed call, or the error's. */
export function errorDetail(error: unknown): string {
  const message = (error as { response?: { data?: { message?: unknown } } } | undefined)?.response
    ?.data?.message;
  if (typeof message === 'string') return message;
  return error instanceof Error ? error.message : String(error);
}

/** Runs one API call and names it in the error when it fails. */
export async function apiCall<T>(call: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GitHubApiError) throw error;
    throw new GitHubApiError(call, httpStatus(error), errorDetail(error));
  }
}

import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
// Octokit sends its requests with the global fetch, and undici, once loaded, makes its Agent
// fetch's dispatcher. The action's requests have always gone out that way (@actions/core used
// to load undici at start); loading it with the client keeps them so.
import 'undici';
import { RunFailure } from '../errors.js';
import { VERSION } from '../version.js';

export interface ClientOptions {
  /** Log line for each failed attempt, retry or rate-limit wait. */
  onRetry?: (message: string) => void;
  /**
   * Base of the backoff between retries of a server error, in milliseconds: the n-th retry
   * waits n² times this. Default 1000, or `ALLOCDIFF_RETRY_BASE_MS`.
   */
  retryBaseMs?: number;
  /**
   * How long one attempt of a request waits for the answer to begin, and then for each next
   * part of its body, in milliseconds. Default 30 s, or `ALLOCDIFF_API_TIMEOUT_MS`.
   */
  timeoutMs?: number;
}

/** The retry plugin's own default: retries after 1 s, 4 s and 9 s. */
export const RETRY_BASE_MS = 1000;

/**
 * GitHub ends a REST request that takes it more than 10 s: an answer that has not begun after
 * 30 s is not coming. A long download is not cut short: only silence counts.
 */
export const API_TIMEOUT_MS = 30_000;

/** Pages of a list followed at most: 10,000 items at 100 a page. */
export const MAX_PAGES = 100;

/** `250 ms`, `30 s`, `2 min 4 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 100) / 10;
  if (seconds < 60) return `${seconds} s`;
  const whole = Math.round(ms / 1_000);
  return `${Math.floor(whole / 60)} min${whole % 60 ? ` ${whole % 60} s` : ''}`;
}

/**
 * One attempt of a request got no answer, or its answer stopped arriving, within the timeout.
 * Octokit carries it as the `cause` of a retryable request error.
 */
export class RequestTimeoutError extends Error {
  /** Which attempt of the request this was (1 for the first). */
  attempt = 1;
  constructor(
    readonly method: string,
    readonly url: string,
    readonly timeoutMs: number,
    /** Bytes of the body received before it stopped; undefined when no answer began. */
    readonly receivedBytes?: number,
  ) {
    super(
      receivedBytes === undefined
        ? `no response within ${formatDuration(timeoutMs)}`
        : `the response stopped arriving: nothing for ${formatDuration(timeoutMs)} after ` +
            `${receivedBytes} bytes`,
    );
    this.name = 'RequestTimeoutError';
  }
}

/** The timeout behind an Octokit error, if a timeout was its cause. */
export function timeoutOf(error: unknown): RequestTimeoutError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current instanceof RequestTimeoutError) return current;
    current = current.cause;
  }
  return undefined;
}

/** Statuses whose response has no body (and that `new Response` refuses a body for). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * fetch with a deadline for the answer to begin and, once it has, for each next chunk of the
 * body. The body is read here, whole: Octokit reads it after fetch returns and takes a body
 * that fails half-way for an empty one, which must not pass for an answer. A timeout is thrown
 * as a RequestTimeoutError, which Octokit turns into a request error that is retried.
 */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return async (input, init = {}) => {
    const controller = new AbortController();
    const outer = init.signal;
    if (outer?.aborted) controller.abort(outer.reason);
    outer?.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    };
    let received: number | undefined;
    arm();
    try {
      const response = await fetch(input, { ...init, signal: controller.signal });
      const { status } = response;
      if (!response.body || NULL_BODY.has(status) || status < 200 || status > 599) {
        return response;
      }
      received = 0;
      const chunks: Uint8Array[] = [];
      const reader = response.body.getReader();
      for (;;) {
        arm();
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
      }
      const whole = new Response(Buffer.concat(chunks), {
        status,
        statusText: response.statusText,
        headers: response.headers,
      });
      // Where a redirect ended (an artifact's storage URL); Octokit reports it.
      Object.defineProperty(whole, 'url', { value: response.url });
      return whole;
    } catch (error) {
      if (!timedOut) throw error;
      const url = input instanceof Request ? input.url : String(input);
      throw new RequestTimeoutError(init.method ?? 'GET', url, timeoutMs, received);
    } finally {
      clearTimeout(timer);
    }
  };
}

interface AttemptOptions {
  allocdiff?: { onFailedAttempt?: (message: string) => void };
  [option: string]: unknown;
}

/**
 * Logs each failed attempt that a retry may follow (a timeout, a server error), naming the
 * request. Registered before the retry plugin, so it sees every attempt, not only the last.
 */
function attemptLog(octokit: Pick<Octokit, 'hook' | 'request'>, options: AttemptOptions) {
  const log = options.allocdiff?.onFailedAttempt;
  octokit.hook.wrap('request', async (request, requestOptions) => {
    try {
      return await request(requestOptions);
    } catch (error) {
      const retryCount = (requestOptions.request as { retryCount?: number } | undefined)
        ?.retryCount;
      const attempt = (retryCount ?? 0) + 1;
      const timeout = timeoutOf(error);
      if (timeout) timeout.attempt = attempt;
      const status = httpStatus(error);
      if (log && (timeout || (status !== undefined && status >= 500))) {
        const { method, url } = octokit.request.endpoint.parse(requestOptions);
        const path = url.replace(requestOptions.baseUrl, '');
        log(
          timeout
            ? `${method} ${path}: ${timeout.message} (attempt ${attempt})`
            : `server error: ${method} ${path} - ${status} (attempt ${attempt})`,
        );
      }
      throw error;
    }
  });
  return {};
}

const AllocdiffOctokit = Octokit.plugin(attemptLog, retry, throttling);
export type GitHubClient = InstanceType<typeof AllocdiffOctokit>;

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
 * `ALLOCDIFF_API_TIMEOUT_MS` may only shorten the per-request timeout (for tests against a local
 * API that stops answering): whole milliseconds from 1 up to the default.
 */
export function apiTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ALLOCDIFF_API_TIMEOUT_MS;
  if (raw === undefined || !/^\d{1,5}$/.test(raw) || Number(raw) === 0) return API_TIMEOUT_MS;
  return Math.min(Number(raw), API_TIMEOUT_MS);
}

/**
 * The only Octokit factory. Server errors (5xx) and requests that time out are retried three
 * times with backoff by the retry plugin; primary and secondary rate limits (403/429 with
 * retry-after) are waited out by the throttling plugin, twice at most.
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
    request: { fetch: fetchWithTimeout(options.timeoutMs ?? apiTimeoutFromEnv()) },
    // Expected refusals (GET /user with an installation token, a comment deleted meanwhile) are
    // not news; failures that matter surface as errors naming the call. Server errors and
    // timeouts are logged per attempt (attemptLog), because a retry follows them.
    log: {
      debug: quiet,
      info: quiet,
      warn: (message: string) => options.onRetry?.(message),
      error: quiet,
    },
    allocdiff: { onFailedAttempt: options.onRetry },
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
export class GitHubApiError extends RunFailure {
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

/**
 * The error for a failed call, named by the call. A timeout says how long was waited and how
 * often, not the HTTP 500 Octokit files it under.
 */
export function apiError(call: string, error: unknown, startedAt?: number): GitHubApiError {
  if (error instanceof GitHubApiError) return error;
  const timeout = timeoutOf(error);
  if (timeout) {
    const spent = startedAt === undefined ? 0 : Date.now() - startedAt;
    const tries =
      timeout.attempt > 1
        ? ` (${timeout.attempt} attempts${spent > 0 ? `, ${formatDuration(spent)} in all` : ''})`
        : '';
    return new GitHubApiError(call, undefined, `${timeout.message}${tries}`);
  }
  return new GitHubApiError(call, httpStatus(error), errorDetail(error));
}

/** Runs one API call and names it in the error when it fails. */
export async function apiCall<T>(call: string, run: () => Promise<T>): Promise<T> {
  const startedAt = Date.now();
  try {
    return await run();
  } catch (error) {
    throw apiError(call, error, startedAt);
  }
}

/** One page of a list, as Octokit's paginate.iterator yields it. */
interface Page<T> {
  data: T[];
  headers: { link?: string };
}

/**
 * Every item of a paginated list call, following its `Link` header for at most `maxPages`
 * pages: a list that still links to a next page after that is an error, not a loop.
 */
export function listAll<T>(
  call: string,
  pages: () => AsyncIterable<Page<T>>,
  maxPages = MAX_PAGES,
): Promise<T[]> {
  return apiCall(call, async () => {
    const items: T[] = [];
    let count = 0;
    for await (const page of pages()) {
      items.push(...page.data);
      count += 1;
      if (count >= maxPages && /\brel="next"/.test(page.headers.link ?? '')) {
        throw new GitHubApiError(
          call,
          undefined,
          `the list did not end after ${maxPages} pages (${items.length} items): each page ` +
            'links to a next one',
        );
      }
    }
    return items;
  });
}

// The API client against the GitHub API double: an answer that never comes, or stops half-way,
// is retried and then fails naming the request and how long it waited; a list that always
// links to a next page stops with an error instead of being followed for ever.
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_TIMEOUT_MS,
  apiCall,
  apiTimeoutFromEnv,
  createGitHubClient,
  formatDuration,
  GitHubApiError,
  listAll,
  MAX_PAGES,
  type GitHubClient,
} from '../../src/publish/octokit.js';
import { startGitHubApi, type GitHubApiDouble } from '../support/github-api.js';

const TOKEN = 'ghs_clientTestToken0123456789';
const OWNER = 'octo-org';
const REPO = 'octo-repo';
/** Short, so a stall costs a fraction of a second; no assertion depends on timing. */
const TIMEOUT_MS = 200;
/** A test that would hang without the timeout fails at this instead. */
const NO_HANG = 15_000;

let api: GitHubApiDouble;
let log: string[];
let client: GitHubClient;

beforeEach(async () => {
  api = await startGitHubApi({ token: TOKEN, owner: OWNER, repo: REPO });
  log = [];
  client = createGitHubClient(TOKEN, api.url, {
    timeoutMs: TIMEOUT_MS,
    retryBaseMs: 1,
    onRetry: (message) => log.push(message),
  });
});

afterEach(async () => {
  await api.close();
});

const commentsPath = (issue: number) => `/repos/${OWNER}/${REPO}/issues/${issue}/comments`;

function listComments(issue: number, maxPages?: number) {
  return listAll(
    `GET ${commentsPath(issue)}`,
    () =>
      client.paginate.iterator(client.rest.issues.listComments, {
        owner: OWNER,
        repo: REPO,
        issue_number: issue,
        per_page: 100,
      }),
    maxPages,
  );
}

describe('a request that gets no answer', () => {
  it(
    'is retried when the answer never begins, and the retry’s answer is used',
    async () => {
      api.seedComment(OWNER, REPO, 3, 'hello');
      api.injectFault({ method: 'GET', path: commentsPath(3) }, { stall: 'headers' });
      const comments = await listComments(3);
      expect(comments.map((c) => c.body)).toEqual(['hello']);
      expect(api.requests.map((r) => [r.status, r.stalled])).toEqual([
        [0, 'headers'],
        [200, undefined],
      ]);
      expect(log).toEqual([
        `GET ${commentsPath(3)}?per_page=100: no response within 200 ms (attempt 1)`,
      ]);
    },
    NO_HANG,
  );

  it(
    'is retried when its body stops half-way, never taken for an empty answer',
    async () => {
      for (let i = 0; i < 5; i++)
        api.seedComment(OWNER, REPO, 4, `comment ${i} ${'x'.repeat(500)}`);
      api.injectFault({ method: 'GET', path: commentsPath(4) }, { stall: 'body' });
      const comments = await listComments(4);
      expect(comments).toHaveLength(5);
      expect(api.requests.map((r) => [r.status, r.stalled])).toEqual([
        [200, 'body'],
        [200, undefined],
      ]);
      expect(log).toHaveLength(1);
      expect(log[0]).toMatch(
        /^GET \/repos\/octo-org\/octo-repo\/issues\/4\/comments\?per_page=100: the response stopped arriving: nothing for 200 ms after \d+ bytes \(attempt 1\)$/,
      );
    },
    NO_HANG,
  );

  it(
    'downloads an artifact whose storage stalls mid-body on the retry',
    async () => {
      const artifact = api.seedArtifact(5, 'allocdiff-default', { 'report.json': '{"a":1}' });
      api.injectFault({ method: 'GET', path: /^\/_blobs\// }, { stall: 'body' });
      const { data } = await apiCall('download', () =>
        client.rest.actions.downloadArtifact({
          owner: OWNER,
          repo: REPO,
          artifact_id: artifact.id,
          archive_format: 'zip',
        }),
      );
      const files = unzipSync(new Uint8Array(data as ArrayBuffer));
      expect(strFromU8(files['report.json']!)).toBe('{"a":1}');
      expect(api.requests.filter((r) => r.stalled).map((r) => r.path)).toEqual([
        expect.stringMatching(/^\/_blobs\//),
      ]);
    },
    NO_HANG,
  );

  it(
    'fails after four attempts, naming the request and how long it waited, not as HTTP 500',
    async () => {
      const path = commentsPath(6);
      api.injectFault({ method: 'POST', path }, { stall: 'headers' }, 4);
      const error = await apiCall(`POST ${path}`, () =>
        client.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 6, body: 'x' }),
      ).then(
        () => expect.fail('the call should have failed'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(GitHubApiError);
      const message = (error as GitHubApiError).message;
      expect(message).toMatch(
        /^GitHub API POST \/repos\/octo-org\/octo-repo\/issues\/6\/comments failed: no response within 200 ms \(4 attempts, [\d.]+ (ms|s) in all\)$/,
      );
      expect(message).not.toContain('500');
      expect((error as GitHubApiError).status).toBeUndefined();
      expect(api.requests.map((r) => r.stalled)).toEqual([
        'headers',
        'headers',
        'headers',
        'headers',
      ]);
      expect(log.map((line) => line.replace(/.*\(attempt (\d)\)$/, '$1'))).toEqual([
        '1',
        '2',
        '3',
        '4',
      ]);
      expect(api.commentsOn(OWNER, REPO, 6)).toEqual([]);
    },
    NO_HANG,
  );
});

describe('pagination', () => {
  it('stops a list whose every page links to a next one, after MAX_PAGES requests', async () => {
    const path = commentsPath(7);
    api.injectFault(
      { method: 'GET', path },
      { status: 200, body: [], headers: { link: `<${api.url}${path}?page=2>; rel="next"` } },
      MAX_PAGES * 3,
    );
    await expect(listComments(7)).rejects.toThrow(
      `GitHub API GET ${path} failed: the list did not end after ${MAX_PAGES} pages (0 items): each page links to a next one`,
    );
    expect(api.requests).toHaveLength(MAX_PAGES);
  });

  it('reads a list that ends, whatever its length within the cap', async () => {
    for (let i = 0; i < 250; i++) api.seedComment(OWNER, REPO, 8, `c${i}`);
    expect(await listComments(8)).toHaveLength(250);
    expect(await listComments(8, 3)).toHaveLength(250);
    await expect(listComments(8, 2)).rejects.toThrow('did not end after 2 pages (200 items)');
  });
});

describe('settings', () => {
  it('ALLOCDIFF_API_TIMEOUT_MS may only shorten the timeout', () => {
    expect(apiTimeoutFromEnv({})).toBe(API_TIMEOUT_MS);
    expect(apiTimeoutFromEnv({ ALLOCDIFF_API_TIMEOUT_MS: '250' })).toBe(250);
    expect(apiTimeoutFromEnv({ ALLOCDIFF_API_TIMEOUT_MS: '99999' })).toBe(API_TIMEOUT_MS);
    for (const junk of ['0', '-5', '1e3', '', ' 100', '30s']) {
      expect(apiTimeoutFromEnv({ ALLOCDIFF_API_TIMEOUT_MS: junk }), junk).toBe(API_TIMEOUT_MS);
    }
  });

  it('durations read as a person would say them', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(1_500)).toBe('1.5 s');
    expect(formatDuration(124_000)).toBe('2 min 4 s');
    expect(formatDuration(120_000)).toBe('2 min');
  });
});

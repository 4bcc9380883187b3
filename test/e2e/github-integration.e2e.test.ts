// The bundled action against the GitHub API double, the way GitHub drives it: real example
// webhook payloads (fork and same-repository pull requests, workflow_run), the fork-safe
// two-stage mode (measure, then report), injected faults, racing runs and hostile artifacts.
// Every test asserts what the double (GitHub) ends up holding.
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepoFromTrees } from '../../scripts/example-repo.mjs';
import type { Report } from '../../src/report/report.js';
import {
  examplePayload,
  PROJECT_ROOT,
  runAction,
  type ActionRun,
} from '../support/action-runner.js';
import {
  startGitHubApi,
  type GitHubApiDouble,
  type IssueComment,
  type LoggedRequest,
} from '../support/github-api.js';

const TOKEN = 'ghs_integrationTokenValue0123456789';
const FIXTURE = join(PROJECT_ROOT, 'test', 'fixtures', 'leak');
const OWNER = 'octo-org';
const REPO = 'octo-repo';
const FORK_OWNER = 'forker';
const MARKER = '<!-- allocdiff:key=default -->';
/** A GitHub Enterprise Server's web address: links in comments must point there. */
const GHES = 'https://ghe.example.test';
const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };
// Head retains 100 KB more than base (app/store.py:8): a warning under this budget, not a failure.
const WARN_BUDGET = 'retained: +50KB (warn)';
/** What GitHub answers a read-only token (a fork's GITHUB_TOKEN) that tries to comment. */
const FORBIDDEN = {
  status: 403,
  body: {
    message: 'Resource not accessible by integration',
    documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
    status: '403',
  },
};

describe('allocdiff on GitHub: events, modes, faults and races', () => {
  let api: GitHubApiDouble;
  let repo: ReturnType<typeof createRepoFromTrees>;
  /** The files of the artifact that `mode: measure` wrote for the fork pull request. */
  let artifactFiles: Record<string, string>;
  let nextRunId = 9_100_000_001;
  let emptyWorkspace: string;

  const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
  /** Waits (without a deadline of its own; the test timeout is the limit) for a condition. */
  async function until(condition: () => boolean): Promise<void> {
    while (!condition()) await sleep(20);
  }

  const ours = (issue: number): IssueComment[] =>
    api.commentsOn(OWNER, REPO, issue).filter((c) => c.body.includes(MARKER));
  const requestsTo = (issue: number): LoggedRequest[] =>
    api.requests.filter((r) => r.path.includes(`/issues/${issue}/`));

  /** GitHub's pull_request payload for a pull request from a fork of the repository. */
  function forkPullRequest(number: number, action = 'synchronize'): Record<string, unknown> {
    const payload = examplePayload('pull_request', action) as {
      number: number;
      repository: unknown;
      pull_request: {
        number: number;
        base: { sha: string; repo: unknown };
        head: { sha: string; ref: string; label: string; repo: unknown };
      };
    };
    payload.number = number;
    payload.repository = api.repository(OWNER, REPO);
    Object.assign(payload.pull_request, { number });
    Object.assign(payload.pull_request.base, {
      sha: repo.shas[0],
      repo: api.repository(OWNER, REPO),
    });
    Object.assign(payload.pull_request.head, {
      sha: repo.shas[1],
      ref: 'leaky-cache',
      label: `${FORK_OWNER}:leaky-cache`,
      repo: api.repository(FORK_OWNER, REPO),
    });
    return payload as unknown as Record<string, unknown>;
  }

  function run(
    inputs: Record<string, string>,
    eventName: string,
    payload: unknown,
    env: Record<string, string> = {},
  ): Promise<ActionRun> {
    return runAction({
      inputs: { 'github-token': TOKEN, ...inputs },
      eventName,
      payload,
      // The report job checks nothing out: its workspace is empty.
      workspace: inputs.mode === 'report' ? emptyWorkspace : repo.dir,
      repository: `${OWNER}/${REPO}`,
      apiUrl: api.url,
      extraEnv: { GITHUB_SERVER_URL: GHES, ALLOCDIFF_RETRY_BASE_MS: '10', ...env },
    });
  }

  /**
   * A finished run of the measuring workflow for a fork pull request: the pull request (as the
   * API lists it; `newPullRequest: false` for another run on one seeded before), the run's
   * artifact, and the workflow_run payload that triggers the report.
   */
  function measuredRun(
    pullRequest: number,
    options: {
      /** The artifact's files; null: the run left no artifact. */
      files?: Record<string, string> | null;
      runEvent?: string;
      conclusion?: string;
      newPullRequest?: boolean;
      /** A pull request from a branch of the repository itself, not from a fork. */
      sameRepository?: boolean;
      /** The head branch; default `leaky-cache-<number>`. */
      headRef?: string;
      baseRef?: string;
    } = {},
  ): Record<string, unknown> {
    const runId = nextRunId++;
    const headRef = options.headRef ?? `leaky-cache-${pullRequest}`;
    const headOwner = options.sameRepository ? OWNER : FORK_OWNER;
    const headRepository = api.repository(headOwner, REPO);
    if (options.newPullRequest !== false) {
      api.seedPullRequest({
        number: pullRequest,
        headSha: repo.shas[1],
        headRef,
        headRepo: { owner: headOwner, repo: REPO },
        baseRef: options.baseRef ?? 'main',
        baseSha: repo.shas[0],
      });
    }
    if (options.files !== null) {
      api.seedArtifact(runId, 'allocdiff-default', options.files ?? artifactFor(pullRequest), {
        workflowRun: {
          headSha: repo.shas[1],
          headBranch: headRef,
          headRepositoryId: headRepository.id,
        },
      });
    }
    const payload = examplePayload('workflow_run', 'completed') as {
      repository: unknown;
      workflow_run: Record<string, unknown>;
    };
    payload.repository = api.repository(OWNER, REPO);
    Object.assign(payload.workflow_run, {
      id: runId,
      event: options.runEvent ?? 'pull_request',
      status: 'completed',
      conclusion: options.conclusion ?? 'success',
      head_sha: repo.shas[1],
      head_branch: headRef,
      head_repository: headRepository,
      repository: api.repository(OWNER, REPO),
    });
    return payload as unknown as Record<string, unknown>;
  }

  /** The measured artifact for a pull request, its report changed by `edit`. */
  function editedArtifact(pullRequest: number, edit: (report: Report) => void) {
    const files = artifactFor(pullRequest);
    const report = JSON.parse(files['report.json']) as Report;
    edit(report);
    return { ...files, 'report.json': JSON.stringify(report) };
  }

  /** Every link destination in a comment, as a browser resolves it. */
  const linkTargets = (markdown: string): URL[] =>
    [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => new URL(m[1]));

  /** The measured artifact, as if measuring had run for this pull request. */
  function artifactFor(pullRequest: number): Record<string, string> {
    const identity = JSON.parse(artifactFiles['pull-request.json']) as { number: number };
    identity.number = pullRequest;
    return { ...artifactFiles, 'pull-request.json': JSON.stringify(identity) };
  }

  beforeAll(async () => {
    expect(existsSync(join(PROJECT_ROOT, 'dist', 'index.js')), 'run npm run build first').toBe(
      true,
    );
    repo = createRepoFromTrees([join(FIXTURE, 'base'), join(FIXTURE, 'head')]);
    emptyWorkspace = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-no-checkout-'));
    api = await startGitHubApi({ token: TOKEN, owner: OWNER, repo: REPO });
  });

  afterAll(async () => {
    await api?.close();
    if (repo) rmSync(repo.dir, { recursive: true, force: true });
    if (emptyWorkspace) rmSync(emptyWorkspace, { recursive: true, force: true });
  });

  describe('mode: measure, on a pull request from a fork', () => {
    it('measures, leaves the artifact for the report job, and never calls the API', async () => {
      const result = await run(
        { mode: 'measure', script: 'bench/memory.py', budget: WARN_BUDGET },
        'pull_request',
        forkPullRequest(21),
        // The fork's run is on github.com; the report job's links must not come from here.
        { GITHUB_SERVER_URL: 'https://github.com' },
      );
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.outputs.verdict).toBe('warn');
      expect(result.outputs['artifact-name']).toBe('allocdiff-default');
      const dir = result.outputs['artifact-path'];
      artifactFiles = Object.fromEntries(
        ['report.json', 'comment.md', 'pull-request.json'].map((file) => [
          file,
          readFileSync(join(dir, file), 'utf8'),
        ]),
      );
      expect(JSON.parse(artifactFiles['pull-request.json'])).toEqual({
        number: 21,
        headSha: repo.shas[1],
        baseSha: repo.shas[0],
        repository: `${OWNER}/${REPO}`,
      });
      const report = JSON.parse(artifactFiles['report.json']) as Report;
      expect(report).toMatchObject({ verdict: 'warn', key: 'default', pullRequest: 21 });
      expect(report.head.sha).toBe(repo.shas[1]);
      expect(artifactFiles['comment.md']).toContain(MARKER);
      expect(result.summary).toContain('app/store.py');
      // No token needed, none used: not even a read.
      expect(api.requests).toEqual([]);
    });
  });

  describe('mode: report, on workflow_run', () => {
    it('posts the report on the pull request the API names, linking to the server it runs on', async () => {
      const payload = measuredRun(31);
      const pasted = api.seedComment(OWNER, REPO, 31, `quoting the bot: ${MARKER} (do not edit)`, {
        login: 'mallory',
        id: 66,
      });
      const result = await run({ mode: 'report' }, 'workflow_run', payload);
      expect(result.exitCode, result.stdout).toBe(0);

      const comments = api.commentsOn(OWNER, REPO, 31);
      expect(comments).toHaveLength(2);
      // Someone else's comment with the marker is never touched.
      expect(comments[0]).toEqual(pasted);
      expect(api.requests.some((r) => r.path.endsWith(`/comments/${pasted.id}`))).toBe(false);
      const comment = comments[1];
      expect(comment.user?.login).toBe(BOT.login);
      expect(comment.body).toContain(MARKER);
      expect(comment.body).toContain(
        `](${GHES}/${OWNER}/${REPO}/blob/${repo.shas[1]}/app/store.py#L8)`,
      );
      expect(comment.body).not.toContain('https://github.com');
      // The pull request came from the API: the head's repository and branch, and the SHA.
      expect(
        api.requests.some(
          (r) =>
            r.path === `/repos/${OWNER}/${REPO}/pulls` &&
            r.query.includes(`head=${FORK_OWNER}%3Aleaky-cache-31`),
        ),
      ).toBe(true);
      expect(result.outputs.verdict).toBe('warn');
      expect(readFileSync(result.outputs.comment, 'utf8')).toBe(comment.body);
      expect(JSON.parse(readFileSync(result.outputs.report, 'utf8'))).toMatchObject({
        pullRequest: 31,
        serverUrl: GHES,
        repository: `${OWNER}/${REPO}`,
      });
      expect(result.summary).toBe(comment.body);
      expect(result.stdout).toContain('::group::Report');
      expect(readdirSync(emptyWorkspace)).toEqual([]);
      // The expected refusal of GET /user to an installation token is not logged as a failure.
      expect(result.stdout).not.toContain('/user - 403');
    });

    it('accepts a verdict over budget with the accept-label the API lists, never the artifact’s word', async () => {
      const inputs = { mode: 'report', 'fail-on': 'warn', 'accept-label': 'memory-ok' };
      // The measuring run (pull-request code) claims an acceptance: it is not taken.
      const claimed = measuredRun(51, {
        files: editedArtifact(51, (report) => {
          report.accepted = { label: 'memory-ok', by: 'mallory' };
        }),
      });
      const refused = await run(inputs, 'workflow_run', claimed);
      expect(refused.exitCode, refused.stdout).toBe(1);
      expect(refused.outputs.verdict).toBe('warn');
      expect(refused.stdout).toContain('pull request #51 has no label "memory-ok"');
      expect(ours(51)[0].body).not.toContain('Accepted');

      api.setLabels(51, ['memory-ok']);
      const accepted = await run(
        inputs,
        'workflow_run',
        measuredRun(51, { newPullRequest: false }),
      );
      expect(accepted.exitCode, accepted.stdout).toBe(0);
      expect(accepted.outputs.verdict).toBe('accepted');
      expect(
        api.requests.some((r) => r.method === 'GET' && r.path.endsWith('/issues/51/labels')),
      ).toBe(true);
      const [comment] = ours(51);
      expect(comment.body).toContain(
        '🏷️ **Accepted** with the label <code>memory-ok</code>: the verdict above is what the ' +
          'budgets decided',
      );
      expect(comment.body).not.toContain('mallory');
      const report = JSON.parse(readFileSync(accepted.outputs.report, 'utf8')) as Report;
      expect(report).toMatchObject({ verdict: 'warn', accepted: { label: 'memory-ok' } });
    });

    it('finds a pull request from a branch of the same repository the same way', async () => {
      const payload = measuredRun(49, { sameRepository: true });
      const result = await run({ mode: 'report' }, 'workflow_run', payload);
      expect(result.exitCode, result.stdout).toBe(0);
      expect(api.requests.some((r) => r.query.includes(`head=${OWNER}%3Aleaky-cache-49`))).toBe(
        true,
      );
      expect(ours(49)).toHaveLength(1);
    });

    it('updates that comment on the next run; fail-on and the verdict decide the exit status', async () => {
      const [before] = ours(31).filter((c) => c.user?.login === BOT.login);
      const rerun = measuredRun(31, { newPullRequest: false });
      const result = await run({ mode: 'report', 'fail-on': 'warn' }, 'workflow_run', rerun);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(/::error::.*retained of bench\/memory\.py/);
      const after = ours(31).filter((c) => c.user?.login === BOT.login);
      expect(after.map((c) => c.id)).toEqual([before.id]);
      expect(
        api.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(`/${before.id}`)),
      ).toBe(true);
    });

    it('retries a 500, a 502 and a secondary rate limit, then succeeds', async () => {
      const payload = measuredRun(33);
      const runId = (payload.workflow_run as { id: number }).id;
      const where = `/repos/${OWNER}/${REPO}`;
      api.injectFault(
        { method: 'GET', path: `${where}/actions/runs/${runId}/artifacts` },
        { status: 500 },
      );
      api.injectFault(
        { method: 'GET', path: `${where}/issues/33/comments` },
        {
          status: 403,
          body: {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            status: '403',
          },
          headers: { 'retry-after': '1' },
        },
      );
      api.injectFault({ method: 'POST', path: `${where}/issues/33/comments` }, { status: 502 });

      const result = await run({ mode: 'report' }, 'workflow_run', payload);
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.stdout).toContain('secondary rate limit on GET');
      expect(result.stdout).toContain(
        `server error: GET ${where}/actions/runs/${runId}/artifacts?`,
      );
      expect(result.stdout).toContain(`server error: POST ${where}/issues/33/comments - 502`);
      // Each fault was answered once, and the same call was made again and succeeded.
      for (const [method, path, status] of [
        ['GET', `${where}/actions/runs/${runId}/artifacts`, 500],
        ['GET', `${where}/issues/33/comments`, 403],
        ['POST', `${where}/issues/33/comments`, 502],
      ] as const) {
        const calls = api.requests.filter((r) => r.method === method && r.path === path);
        expect(calls.map((r) => [r.status, r.injected])).toEqual([
          [status, true],
          [method === 'POST' ? 201 : 200, false],
          ...(method === 'GET' && path.endsWith('comments') ? [[200, false]] : []),
        ]);
      }
      expect(ours(33)).toHaveLength(1);
      expect(ours(33)[0].body).toContain('app/store.py');
    });

    it('fails naming the API call when a server error does not go away', async () => {
      const payload = measuredRun(34);
      const path = `/repos/${OWNER}/${REPO}/issues/34/comments`;
      api.injectFault({ method: 'POST', path }, { status: 500 }, 4);
      const result = await run({ mode: 'report' }, 'workflow_run', payload);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(`::error::GitHub API POST ${path} failed (HTTP 500)`);
      // One call and three retries, then nothing more.
      expect(requestsTo(34).filter((r) => r.method === 'POST')).toHaveLength(4);
      expect(api.commentsOn(OWNER, REPO, 34)).toEqual([]);
      // The report is not lost with the comment.
      expect(result.summary).toContain('app/store.py');
    });

    it('fails, naming the permission, when its token may not comment', async () => {
      const path = `/repos/${OWNER}/${REPO}/issues/48/comments`;
      api.injectFault({ method: 'POST', path }, FORBIDDEN);
      const result = await run({ mode: 'report' }, 'workflow_run', measuredRun(48));
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(
        `::error::cannot comment on pull request #48: GitHub API POST ${path} failed (HTTP 403): ` +
          'Resource not accessible by integration. Give the workflow `permissions: pull-requests: write`',
      );
      expect(api.commentsOn(OWNER, REPO, 48)).toEqual([]);
      expect(result.summary).toContain('app/store.py');
    });

    it('recreates a comment deleted between listing and updating it', async () => {
      const payload = measuredRun(35);
      const old = api.seedComment(OWNER, REPO, 35, `${MARKER}\nan older report`, BOT);
      const commentPath = `/repos/${OWNER}/${REPO}/issues/comments/${old.id}`;
      const held = api.holdRequests({ method: 'PATCH', path: commentPath }, 2, {
        timeoutMs: 60_000,
      });
      const running = run({ mode: 'report' }, 'workflow_run', payload);
      // The run has listed the comment and is about to update it: someone deletes it now.
      await until(() => held.arrived === 1);
      const headers = { authorization: `token ${TOKEN}`, 'content-type': 'application/json' };
      const deleted = await fetch(`${api.url}${commentPath}`, { method: 'DELETE', headers });
      expect(deleted.status).toBe(204);
      // A second update of the same comment releases the held one.
      const late = await fetch(`${api.url}${commentPath}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ body: 'too late' }),
      });
      expect(late.status).toBe(404);
      await held.released;

      const result = await running;
      expect(result.exitCode, result.stdout).toBe(0);
      const [comment, ...others] = ours(35);
      expect(others).toEqual([]);
      expect(comment.id).not.toBe(old.id);
      expect(comment.user?.login).toBe(BOT.login);
      expect(comment.body).toContain('app/store.py');
      expect(
        api.requests.filter((r) => r.method === 'PATCH' && r.path === commentPath),
      ).toMatchObject([{ status: 404 }, { status: 404 }]);
    });

    it('two runs at once on one pull request end with exactly one comment, the oldest', async () => {
      const payload = measuredRun(36);
      const before = api.requests.length;
      const held = api.holdRequests(
        { method: 'POST', path: `/repos/${OWNER}/${REPO}/issues/36/comments` },
        2,
        { timeoutMs: 60_000 },
      );
      const results = await Promise.all([
        run({ mode: 'report' }, 'workflow_run', payload),
        run({ mode: 'report' }, 'workflow_run', payload),
      ]);
      await held.released;
      for (const result of results) expect(result.exitCode, result.stdout).toBe(0);

      // Both created one, and both saw nothing to update first.
      const posts = requestsTo(36).filter((r) => r.method === 'POST');
      expect(posts.map((r) => r.status)).toEqual([201, 201]);
      const [kept, ...others] = ours(36);
      expect(others).toEqual([]);
      expect(kept.body).toContain('app/store.py');
      const deletes = api.requests
        .slice(before)
        .filter(
          (r) =>
            r.method === 'DELETE' && r.path.startsWith(`/repos/${OWNER}/${REPO}/issues/comments/`),
        );
      const deletedIds = deletes.map((r) => Number(r.path.split('/').pop()));
      expect(deletes.some((r) => r.status === 204)).toBe(true);
      // The newer one went; the oldest stays.
      for (const id of deletedIds) expect(id).toBeGreaterThan(kept.id);
    });

    it('refuses an artifact that is not a valid report, and comments nothing', async () => {
      const report = JSON.parse(artifactFiles['report.json']) as Record<string, unknown>;
      const hostile = {
        ...artifactFor(37),
        'report.json': JSON.stringify({
          ...report,
          verdict: 'pass <img src=x onerror=alert(1)>',
          injected: '@everyone',
        }),
      };
      const result = await run(
        { mode: 'report' },
        'workflow_run',
        measuredRun(37, { files: hostile }),
      );
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(
        '::error::report.json in artifact allocdiff-default is not a valid allocdiff report',
      );
      expect(result.stdout).toMatch(/verdict: /);
      expect(requestsTo(37)).toEqual([]);
      expect(api.commentsOn(OWNER, REPO, 37)).toEqual([]);
      expect(result.summary).toBe('');
    });

    it('derives the verdict from the budgets and scenarios, not from the artifact', async () => {
      const files = editedArtifact(80, (report) => {
        const [scenario] = report.scenarios;
        report.budgets.push({
          rule: 'peak: +1KB',
          metric: 'peak',
          scenario: scenario.name,
          limit: '+1KB',
          actual: '+5.00 MiB',
          status: 'fail',
          level: 'fail',
        });
        report.verdict = 'pass';
      });
      const result = await run({ mode: 'report' }, 'workflow_run', measuredRun(80, { files }));
      expect(result.outputs.verdict).toBe('fail');
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(
        `the artifact's report says "pass", but its budgets and scenarios make "fail"`,
      );
      const [comment] = ours(80);
      expect(comment.body).toContain('+5.00 MiB');
      expect(comment.body).not.toMatch(/✅|\bPASS\b/);
    });

    it('refuses an artifact that claims another pull request than the API names', async () => {
      // Measured for #21, handed in by a run whose head is pull request #38.
      const result = await run(
        { mode: 'report' },
        'workflow_run',
        measuredRun(38, { files: artifactFor(21) }),
      );
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('it is for pull request #21, the run for #38');
      expect(requestsTo(38)).toEqual([]);
      expect(requestsTo(21)).toEqual([]);
      expect(api.commentsOn(OWNER, REPO, 38)).toEqual([]);
      expect(api.commentsOn(OWNER, REPO, 21)).toEqual([]);
    });

    it('skips a run that was not for a pull request', async () => {
      const before = api.requests.length;
      const result = await run(
        { mode: 'report' },
        'workflow_run',
        measuredRun(39, { runEvent: 'push' }),
      );
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.stdout).toContain(
        'nothing to report: the triggering run was for a "push" event',
      );
      expect(api.requests.slice(before)).toEqual([]);
      expect(api.commentsOn(OWNER, REPO, 39)).toEqual([]);
    });

    it('has nothing to add when the measuring run failed before leaving an artifact', async () => {
      const before = api.requests.length;
      const failed = await run(
        { mode: 'report' },
        'workflow_run',
        measuredRun(45, { files: null, conclusion: 'failure' }),
      );
      expect(failed.exitCode, failed.stdout).toBe(0);
      expect(failed.stdout).toContain('ended with "failure" and left no artifact');
      // A run that succeeded without one is a setup mistake, and says how to fix it.
      const missing = await run(
        { mode: 'report' },
        'workflow_run',
        measuredRun(46, { files: null }),
      );
      expect(missing.exitCode).toBe(1);
      expect(missing.stdout).toContain('has no artifact named "allocdiff-default"');
      expect(missing.stdout).toContain('actions/upload-artifact');
      expect(api.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
      expect(api.commentsOn(OWNER, REPO, 45)).toEqual([]);
    });

    it('waits for the measuring run to complete', async () => {
      const before = api.requests.length;
      const payload = measuredRun(47);
      (payload as { action: string }).action = 'requested';
      const result = await run({ mode: 'report' }, 'workflow_run', payload);
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.stdout).toContain('types: [completed]');
      expect(api.requests.slice(before)).toEqual([]);
    });

    it('refuses to run on any other event, saying where it belongs', async () => {
      const before = api.requests.length;
      const result = await run({ mode: 'report' }, 'pull_request', forkPullRequest(40));
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(
        '::error::mode "report" runs on workflow_run events, not on "pull_request"',
      );
      expect(api.requests.slice(before)).toEqual([]);
    });
  });

  describe('mode: report, against hostile artifacts, other bots and late runs', () => {
    it('keeps every link inside this repository and shows bidi characters by code point', async () => {
      const files = editedArtifact(70, (report) => {
        const [site, other] = report.scenarios[0].sites;
        site.file = '../../../evil-org/evil-repo/blob/main/steal.py';
        site.function = 'is_admin\u202e\u2066 // check later\u2069\u2066';
        other.file = `app/../${other.file}`;
      });
      const result = await run({ mode: 'report' }, 'workflow_run', measuredRun(70, { files }));
      expect(result.exitCode, result.stdout).toBe(0);
      const [comment] = ours(70);
      const blob = `${GHES}/${OWNER}/${REPO}/blob/${repo.shas[1]}/`;
      const targets = linkTargets(comment.body);
      expect(targets.length).toBeGreaterThan(2);
      for (const url of targets) {
        expect(
          url.href.startsWith(blob) || url.href.startsWith(`${GHES}/${OWNER}/${REPO}/commit/`),
          url.href,
        ).toBe(true);
      }
      // The escaping site is listed, unlinked; the other keeps its link, normalised.
      expect(comment.body).toContain('steal.py');
      expect(comment.body).not.toContain('evil-repo/blob/main/steal.py#L');
      expect(targets.some((url) => url.href.startsWith(`${blob}app/`))).toBe(true);
      expect(comment.body).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      expect(comment.body).toContain('is_admin&lt;U+202E&gt;&lt;U+2066&gt;');
      expect(result.summary).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    });

    it('decides the verdict from the report it validated, not from the verdict it claims', async () => {
      // Measured as a warning (a retained-memory budget over its warn-level limit): the
      // artifact says it passed.
      const files = editedArtifact(79, (report) => {
        report.verdict = 'pass';
      });
      const result = await run(
        { mode: 'report', 'fail-on': 'warn' },
        'workflow_run',
        measuredRun(79, { files }),
      );
      expect(result.outputs.verdict).toBe('warn');
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(/::error::(caused by .*; )?memory budget warning: retained of/);
      const [comment] = ours(79);
      // The verdict line: the warning, led by the changed line that keeps the memory alive.
      expect(comment.body).toMatch(/^⚠️ .*\*\*Budget warning:\*\*/m);
      expect(JSON.parse(readFileSync(result.outputs.report, 'utf8'))).toMatchObject({
        verdict: 'warn',
      });
    });

    it('never takes another bot’s comment, or a comment quoting the marker, for its own', async () => {
      const payload = measuredRun(71);
      const otherBot = api.seedComment(
        OWNER,
        REPO,
        71,
        `${MARKER}\nquoted by the summary bot from another pull request`,
        { login: 'summary-bot[bot]', id: 7_700_001, type: 'Bot' },
      );
      const quoting = api.seedComment(
        OWNER,
        REPO,
        71,
        `Checks summary: see the memory report below.\n> ${MARKER}\n> ### allocdiff`,
        BOT,
      );
      // What GitHub answers an installation token editing a comment that is not its app's.
      for (const id of [otherBot.id, quoting.id]) {
        api.injectFault(
          { method: 'PATCH', path: `/repos/${OWNER}/${REPO}/issues/comments/${id}` },
          FORBIDDEN,
          5,
        );
      }
      const result = await run({ mode: 'report' }, 'workflow_run', payload);
      expect(result.exitCode, result.stdout).toBe(0);
      const comments = api.commentsOn(OWNER, REPO, 71);
      expect(comments.slice(0, 2)).toEqual([otherBot, quoting]);
      expect(comments).toHaveLength(3);
      expect(comments[2].user?.login).toBe(BOT.login);
      expect(comments[2].body.startsWith(MARKER)).toBe(true);
      expect(
        api.requests.some((r) =>
          [otherBot.id, quoting.id].some((id) => r.path.endsWith(`/comments/${id}`)),
        ),
      ).toBe(false);
      // Who the token is came from GraphQL's viewer.
      expect(api.requests.some((r) => r.method === 'POST' && r.path === '/graphql')).toBe(true);

      // The next run finds the one it wrote, and only that one.
      const again = await run(
        { mode: 'report' },
        'workflow_run',
        measuredRun(71, { newPullRequest: false }),
      );
      expect(again.exitCode, again.stdout).toBe(0);
      expect(api.commentsOn(OWNER, REPO, 71).map((c) => c.id)).toEqual(comments.map((c) => c.id));
    });

    it('posts on the pull request the artifact names when two share its head', async () => {
      // One branch proposed into two bases: the same head commit, two pull requests, two runs.
      const forMain = measuredRun(72, { headRef: 'shared-head' });
      const forRelease = measuredRun(73, { headRef: 'shared-head', baseRef: 'release' });
      for (const [payload, number] of [
        [forMain, 72],
        [forRelease, 73],
      ] as const) {
        const result = await run({ mode: 'report' }, 'workflow_run', payload);
        expect(result.exitCode, result.stdout).toBe(0);
        expect(ours(number)).toHaveLength(1);
        expect(JSON.parse(readFileSync(result.outputs.report, 'utf8'))).toMatchObject({
          pullRequest: number,
        });
      }
      // An artifact for neither is still refused, naming both.
      const neither = await run(
        { mode: 'report' },
        'workflow_run',
        measuredRun(74, {
          headRef: 'shared-head',
          newPullRequest: false,
          files: artifactFor(21),
        }),
      );
      expect(neither.exitCode).toBe(1);
      expect(neither.stdout).toContain('it is for pull request #21, the run for #72 or #73');
      expect(ours(72)).toHaveLength(1);
      expect(ours(73)).toHaveLength(1);
    });

    it('leaves the comment alone when the pull request moved on before posting', async () => {
      const payload = measuredRun(75);
      const newer = api.seedComment(
        OWNER,
        REPO,
        75,
        `${MARKER}\nthe report for the newer head`,
        BOT,
      );
      const pullPath = `/repos/${OWNER}/${REPO}/pulls/75`;
      const held = api.holdRequests({ method: 'GET', path: pullPath }, 2, { timeoutMs: 60_000 });
      let finished = false;
      const running = run({ mode: 'report' }, 'workflow_run', payload).finally(() => {
        finished = true;
      });
      // The run found the pull request by its head and is about to check it again: a push.
      await until(() => held.arrived === 1 || finished);
      expect(held.arrived, 'the run never checked the head before posting').toBe(1);
      const pushed = 'e'.repeat(40);
      api.pushToPullRequest(75, pushed);
      const headers = { authorization: `token ${TOKEN}` };
      expect((await fetch(`${api.url}${pullPath}`, { headers })).status).toBe(200);
      await held.released;

      const result = await running;
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.stdout).toContain(
        `pull request #75 has moved on: its head is eeeeeee now, this report is for ${repo.shas[1].slice(0, 7)}`,
      );
      expect(api.commentsOn(OWNER, REPO, 75)).toEqual([newer]);
      expect(requestsTo(75).filter((r) => r.method !== 'GET')).toEqual([]);
      // The report is still in the summary and the outputs.
      expect(result.summary).toContain('app/store.py');
    });

    it('fails naming the request and the wait when the API never answers, after retrying', async () => {
      const path = `/repos/${OWNER}/${REPO}/issues/76/comments`;
      const stall = api.injectFault({ method: 'POST', path }, { stall: 'headers' }, 4);
      const result = await run({ mode: 'report' }, 'workflow_run', measuredRun(76), {
        ALLOCDIFF_API_TIMEOUT_MS: '300',
      });
      expect(result.exitCode).toBe(1);
      expect(stall.remaining).toBe(0);
      expect(result.stdout).toMatch(
        new RegExp(
          `::error::GitHub API POST ${path} failed: no response within 300 ms \\(4 attempts, [\\d.]+ (ms|s) in all\\)`,
        ),
      );
      expect(result.stdout).toContain(`POST ${path}: no response within 300 ms (attempt 1)`);
      expect(result.stdout).not.toMatch(/HTTP 500|Headers Timeout/);
      expect(api.commentsOn(OWNER, REPO, 76)).toEqual([]);
      expect(result.summary).toContain('app/store.py');
    }, 60_000);

    it('retries a download whose answer stops half-way, and posts', async () => {
      const stall = api.injectFault({ method: 'GET', path: /^\/_blobs\// }, { stall: 'body' });
      const result = await run({ mode: 'report' }, 'workflow_run', measuredRun(77), {
        ALLOCDIFF_API_TIMEOUT_MS: '300',
      });
      expect(result.exitCode, result.stdout).toBe(0);
      expect(stall.remaining).toBe(0);
      expect(result.stdout).toMatch(
        /the response stopped arriving: nothing for 300 ms after \d+ bytes \(attempt 1\)/,
      );
      expect(ours(77)).toHaveLength(1);
    }, 60_000);

    it('stops following a comment list whose every page links to a next one', async () => {
      const path = `/repos/${OWNER}/${REPO}/issues/78/comments`;
      const endless = api.injectFault(
        { method: 'GET', path },
        { status: 200, body: [], headers: { link: `<${api.url}${path}?page=2>; rel="next"` } },
        150,
      );
      const result = await run({ mode: 'report' }, 'workflow_run', measuredRun(78));
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(
        `::error::GitHub API GET ${path} failed: the list did not end after 100 pages`,
      );
      expect(endless.remaining).toBe(50);
      expect(api.commentsOn(OWNER, REPO, 78)).toEqual([]);
    });
  });

  describe('mode: full', () => {
    it('does not overwrite the comment of a newer head: a late run for an older one says so', async () => {
      api.seedPullRequest({
        number: 52,
        headSha: 'f'.repeat(40),
        headRef: 'leaky-cache',
        headRepo: { owner: FORK_OWNER, repo: REPO },
        baseRef: 'main',
        baseSha: repo.shas[0],
      });
      const newer = api.seedComment(OWNER, REPO, 52, `${MARKER}\nthe report for fffffff`, BOT);
      const result = await run(
        { script: 'bench/memory.py', budget: WARN_BUDGET },
        'pull_request',
        forkPullRequest(52),
      );
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.stdout).toContain(
        `pull request #52 has moved on: its head is fffffff now, this report is for ${repo.shas[1].slice(0, 7)}`,
      );
      expect(api.commentsOn(OWNER, REPO, 52)).toEqual([newer]);
      expect(requestsTo(52).filter((r) => r.method !== 'GET')).toEqual([]);
      expect(result.summary).toContain('app/store.py');
      expect(result.outputs.verdict).toBe('warn');

      // The run for the current head posts.
      api.pushToPullRequest(52, repo.shas[1]);
      const current = await run(
        { script: 'bench/memory.py', budget: WARN_BUDGET },
        'pull_request',
        forkPullRequest(52),
      );
      expect(current.exitCode, current.stdout).toBe(0);
      const [comment, ...others] = ours(52);
      expect(others).toEqual([]);
      expect(comment.id).toBe(newer.id);
      expect(comment.body).toContain('app/store.py');
    });

    it('on a fork pull request, a read-only token is a warning: the summary keeps the report', async () => {
      const path = `/repos/${OWNER}/${REPO}/issues/41/comments`;
      const forbidden = api.injectFault({ method: 'POST', path }, FORBIDDEN);
      const result = await run(
        { script: 'bench/memory.py', budget: WARN_BUDGET },
        'pull_request',
        forkPullRequest(41),
      );
      expect(result.exitCode, result.stdout).toBe(0);
      expect(forbidden.remaining).toBe(0);
      expect(result.stdout).toContain('::warning::cannot comment on pull request #41');
      expect(api.commentsOn(OWNER, REPO, 41)).toEqual([]);
      // The summary has the report, with links to the server the run is on.
      expect(result.summary).toContain(MARKER);
      expect(result.summary).toContain(
        `](${GHES}/${OWNER}/${REPO}/blob/${repo.shas[1]}/app/store.py#L8)`,
      );
      // And so does the log.
      expect(result.stdout).toMatch(/::group::Report[\s\S]*bench\/memory\.py/);
      expect(result.outputs.verdict).toBe('warn');
    });

    it('refuses pull_request_target: it would run the head code with a write token', async () => {
      const before = api.requests.length;
      const result = await run(
        { script: 'bench/memory.py' },
        'pull_request_target',
        forkPullRequest(42, 'opened'),
      );
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('::error::refusing to run on pull_request_target');
      expect(result.stdout).toContain('`mode: measure` on pull_request');
      expect(result.stdout).toContain('`mode: report` on workflow_run');
      expect(result.stdout).not.toContain('Measuring');
      expect(api.requests.slice(before)).toEqual([]);
    });

    it('says which events it supports when run on another', async () => {
      const result = await run(
        { script: 'bench/memory.py' },
        'issues',
        examplePayload('issues', 'opened'),
      );
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(
        '::error::allocdiff does not know which commits to compare on a "issues" event',
      );
      expect(result.stdout).toContain('pull_request, push, merge_group and workflow_dispatch');
    });

    it('has nothing to do when a pull request is closed', async () => {
      const before = api.requests.length;
      const result = await run(
        { script: 'bench/memory.py' },
        'pull_request',
        forkPullRequest(43, 'closed'),
      );
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.stdout).toContain('allocdiff has nothing to do: the pull request was closed');
      expect(result.stdout).not.toContain('Measuring');
      expect(api.requests.slice(before)).toEqual([]);
    });

    it('names the input and the allowed values for an unknown mode', async () => {
      const result = await run(
        { mode: 'both', script: 'bench/memory.py' },
        'pull_request',
        forkPullRequest(44),
      );
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(
        '::error::input "mode": got "both"; expected one of full, measure, report',
      );
    });
  });
});

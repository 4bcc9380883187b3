import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepoFromTrees } from '../../scripts/example-repo.mjs';
import type { Report } from '../../src/report/report.js';
import {
  declaredNode,
  declaredRuntime,
  examplePayload,
  PROJECT_ROOT,
  runAction,
} from '../support/action-runner.js';
import { GRAPHQL_PATH, startGitHubApi, type GitHubApiDouble } from '../support/github-api.js';
import { testTemp } from '../support/run-cli.js';

const TOKEN = 'ghs_e2eSecretTokenValue0123456789';
const FIXTURE = join(PROJECT_ROOT, 'test', 'fixtures', 'leak');
const PR_NUMBER = 7;

describe('the bundled action on a pull_request event', () => {
  let api: GitHubApiDouble;
  let repo: ReturnType<typeof createRepoFromTrees>;
  let owner: string;
  let name: string;
  let envDump: string;

  function pullRequestPayload(baseSha: string, headSha: string): Record<string, unknown> {
    const payload = examplePayload('pull_request', 'synchronize') as {
      number: number;
      pull_request: { number: number; base: { sha: string }; head: { sha: string } };
      repository: { full_name: string };
    };
    payload.number = PR_NUMBER;
    payload.pull_request.number = PR_NUMBER;
    payload.pull_request.base.sha = baseSha;
    payload.pull_request.head.sha = headSha;
    return payload as unknown as Record<string, unknown>;
  }

  function run(budget: string, payload = pullRequestPayload(repo.shas[0], repo.shas[1])) {
    return runAction({
      inputs: { script: 'bench/memory.py', budget, 'github-token': TOKEN },
      eventName: 'pull_request',
      payload,
      workspace: repo.dir,
      repository: `${owner}/${name}`,
      apiUrl: api.url,
      // A token in the environment too, where a careless harness would pass it on.
      extraEnv: { GITHUB_TOKEN: TOKEN, ALLOCDIFF_TEST_ENV_DUMP: envDump },
    });
  }

  beforeAll(async () => {
    expect(existsSync(join(PROJECT_ROOT, 'dist', 'index.js')), 'run npm run build first').toBe(
      true,
    );
    repo = createRepoFromTrees([join(FIXTURE, 'base'), join(FIXTURE, 'head')]);
    envDump = join(testTemp(), `${repo.dir.split('/').pop()}-env.json`);
    const payload = examplePayload('pull_request', 'synchronize') as {
      repository: { full_name: string };
    };
    [owner, name] = payload.repository.full_name.split('/');
    api = await startGitHubApi({ token: TOKEN, owner, repo: name });
    // Enough earlier discussion that the sticky comment lands on a later page.
    for (let i = 0; i < 120; i += 1) {
      api.seedComment(owner, name, PR_NUMBER, `review comment ${i}`, { login: 'reviewer', id: 99 });
    }
  });

  afterAll(async () => {
    await api?.close();
    if (repo) rmSync(repo.dir, { recursive: true, force: true });
    if (envDump) rmSync(envDump, { force: true });
  });

  it('runs under the Node version action.yml declares', () => {
    const version = execFileSync(declaredNode(), ['--version'], { encoding: 'utf8' }).trim();
    expect(`node${version.slice(1).split('.')[0]}`).toBe(declaredRuntime());
    expect(declaredRuntime()).toBe('node24');
  });

  it('creates one comment naming the leaking line with its byte delta', async () => {
    const result = await run('retained: +1MB');
    expect(result.exitCode, result.stdout).toBe(0);

    const ours = api
      .commentsOn(owner, name, PR_NUMBER)
      .filter((c) => c.body.includes('allocdiff:key=default'));
    expect(ours).toHaveLength(1);
    expect(ours[0].body).toContain(`blob/${repo.shas[1]}/app/store.py#L8`);
    expect(ours[0].body).toContain('<code>data = bytearray(size)</code>');

    expect(result.outputs.verdict).toBe('pass');
    const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as Report;
    expect(report.base.sha).toBe(repo.shas[0]);
    expect(report.head.sha).toBe(repo.shas[1]);
    const [scenario] = report.scenarios;
    expect(scenario).toMatchObject({ name: 'bench/memory.py', status: 'ok' });
    const leak = scenario.sites.find((site) => site.file === 'app/store.py' && site.line === 8);
    expect(leak).toBeDefined();
    expect(leak!.sizeDelta).toBeGreaterThanOrEqual(100_000);
    expect(leak!.sizeDelta).toBeLessThan(100_200);
    // A bytearray is its object plus its buffer: one or two blocks, depending on the Python.
    expect([1, 2]).toContain(leak!.countDelta);
    // keep() retains the same 1,000 bytes on both sides and its line only moved (10 → 14): it
    // may show the list's own growth moving elsewhere, but never as removed here, added there.
    const keepSites = scenario.sites.filter((site) => site.line === 14 || site.baseLine === 10);
    for (const site of keepSites) expect(site).toMatchObject({ line: 14, baseLine: 10 });
    expect(Math.abs(keepSites[0]?.sizeDelta ?? 0)).toBeLessThan(1_000);
    expect(scenario.retained.delta).toBeGreaterThanOrEqual(100_000);

    expect(readFileSync(result.outputs.comment, 'utf8')).toBe(ours[0].body);
    expect(result.summary).toContain('app/store.py');
    expect(result.stdout).toContain('::group::Measuring base');
  });

  it('updates that comment on the next run instead of adding one, and fails over budget', async () => {
    const before = api
      .commentsOn(owner, name, PR_NUMBER)
      .find((c) => c.body.includes('allocdiff:key=default'))!;
    const result = await run('retained: +50KB');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /::error::(caused by .*; )?memory budget exceeded: retained of bench\/memory\.py/,
    );
    expect(result.outputs.verdict).toBe('fail');

    const ours = api
      .commentsOn(owner, name, PR_NUMBER)
      .filter((c) => c.body.includes('allocdiff:key=default'));
    expect(ours).toHaveLength(1);
    expect(ours[0].id).toBe(before.id);
    expect(ours[0].body).toContain('Over budget');
    expect(ours[0].body).not.toBe(before.body);
    expect(
      api.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(`/comments/${before.id}`)),
    ).toBe(true);
    // One comment created; the other POSTs ask GraphQL who the token is.
    expect(api.requests.filter((r) => r.method === 'POST' && r.path !== GRAPHQL_PATH)).toHaveLength(
      1,
    );
    // The comment was on page 2 of 100-per-page listing: every page was read.
    expect(api.requests.some((r) => r.method === 'GET' && r.query.includes('page=2'))).toBe(true);
  });

  it('never lets the benchmark see a token or the inputs', () => {
    const seen = JSON.parse(readFileSync(envDump, 'utf8')) as Record<string, string>;
    expect(Object.keys(seen).length).toBeGreaterThan(3);
    expect(seen.PATH).toBeDefined();
    const leaked = Object.entries(seen).filter(
      ([key, value]) => value.includes(TOKEN) || /^(INPUT_|ACTIONS_)|TOKEN/i.test(key),
    );
    expect(leaked).toEqual([]);
    expect(seen.GITHUB_OUTPUT).toBeUndefined();
    expect(seen.GITHUB_STEP_SUMMARY).toBeUndefined();
  });

  it('removes its worktrees', () => {
    const worktrees = repo
      .git('worktree', 'list', '--porcelain')
      .split('\n')
      .filter((l) => l.startsWith('worktree '));
    expect(worktrees).toEqual([`worktree ${repo.dir}`]);
  });

  it('says to use fetch-depth: 0 when the base commit is not in the clone', async () => {
    const missing = 'f'.repeat(40);
    const result = await run('', pullRequestPayload(missing, repo.shas[1]));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`::error::the base commit "${missing}" is not in this clone`);
    expect(result.stdout).toContain('fetch-depth: 0');
  });

  it('rejects a malformed budget by quoting it, before measuring anything', async () => {
    const result = await run('peak: 5%');
    expect(result.exitCode).toBe(1);
    // Workflow commands encode % as %25.
    expect(result.stdout).toContain(
      '::error::input "budget": budget rule "peak: 5%25": "5%25" is not a limit',
    );
    expect(result.stdout).not.toContain('Measuring base');
  });
});

describe('the bundled action on a push event', () => {
  it('compares the push with the commit before it and writes the job summary', async () => {
    const repo = createRepoFromTrees([join(FIXTURE, 'base'), join(FIXTURE, 'head')]);
    const api = await startGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World' });
    try {
      const payload = examplePayload('push') as { before: string; after: string };
      payload.before = repo.shas[0];
      payload.after = repo.shas[1];
      const result = await runAction({
        inputs: { script: 'bench/memory.py', 'github-token': TOKEN },
        eventName: 'push',
        payload,
        workspace: repo.dir,
        repository: 'Codertocat/Hello-World',
        apiUrl: api.url,
      });
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.summary).toContain('<!-- allocdiff:key=default -->');
      expect(result.summary).toContain('app/store.py');
      expect(api.requests).toEqual([]);
      const runnerTemp = readdirSync(join(result.outputs.report, '..', '..'));
      expect(
        runnerTemp.some((entry) => entry.startsWith('allocdiff-') && entry !== 'allocdiff'),
      ).toBe(false);
    } finally {
      await api.close();
      rmSync(repo.dir, { recursive: true, force: true });
    }
  });
});

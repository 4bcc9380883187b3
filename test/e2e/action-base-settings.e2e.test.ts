// The bundled action on pull requests that edit allocdiff's own settings: the base commit's
// config file judges them, the comment says what the change's own would decide, and only a
// maintainer's label (read from the API) accepts a change over budget.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepoFromTrees } from '../../scripts/example-repo.mjs';
import type { Report } from '../../src/report/report.js';
import { examplePayload, PROJECT_ROOT, runAction } from '../support/action-runner.js';
import { startGitHubApi, type GitHubApiDouble } from '../support/github-api.js';

const TOKEN = 'ghs_e2eBaseSettingsToken0123456789';
const FIXTURE = join(PROJECT_ROOT, 'test', 'fixtures', 'leak');
const PR_NUMBER = 18;

// The base's budgets: head keeps 100 KB more than base, at app/store.py:8, so this fails.
const BASE_CONFIG = 'script: bench/memory.py\nbudgets:\n  retained: +50KB\n';
// What the pull request writes to pass its own check.
const RELAXED_CONFIG = 'script: bench/memory.py\nfail-on: never\nbudgets:\n  retained: +1GB\n';

describe('the bundled action on a pull request that edits allocdiff.yml', () => {
  let api: GitHubApiDouble;
  let repo: ReturnType<typeof createRepoFromTrees>;
  let trees: string;
  let owner: string;
  let name: string;

  beforeAll(async () => {
    trees = mkdtempSync(join(tmpdir(), 'allocdiff-trees-'));
    for (const [side, config] of [
      ['base', BASE_CONFIG],
      ['head', RELAXED_CONFIG],
    ] as const) {
      cpSync(join(FIXTURE, side), join(trees, side), { recursive: true });
      writeFileSync(join(trees, side, 'allocdiff.yml'), config);
    }
    repo = createRepoFromTrees([join(trees, 'base'), join(trees, 'head')]);
    const payload = examplePayload('pull_request', 'synchronize') as {
      repository: { full_name: string };
    };
    [owner, name] = payload.repository.full_name.split('/');
    api = await startGitHubApi({ token: TOKEN, owner, repo: name });
  });

  afterAll(async () => {
    await api?.close();
    if (repo) rmSync(repo.dir, { recursive: true, force: true });
    if (trees) rmSync(trees, { recursive: true, force: true });
  });

  function pullRequestPayload(action = 'synchronize', labels: string[] = []) {
    const payload = examplePayload('pull_request', action) as {
      number: number;
      label?: { name: string };
      sender: { login: string };
      pull_request: {
        number: number;
        base: { sha: string };
        head: { sha: string };
        labels: { name: string }[];
      };
    };
    payload.number = PR_NUMBER;
    payload.pull_request.number = PR_NUMBER;
    payload.pull_request.base.sha = repo.shas[0];
    payload.pull_request.head.sha = repo.shas[1];
    payload.pull_request.labels = labels.map((label) => ({ name: label }));
    return payload;
  }

  function run(inputs: Record<string, string> = {}, payload: unknown = pullRequestPayload()) {
    return runAction({
      inputs: { 'github-token': TOKEN, ...inputs },
      eventName: 'pull_request',
      payload,
      workspace: repo.dir,
      repository: `${owner}/${name}`,
      apiUrl: api.url,
    });
  }

  function comment(): string {
    const ours = api
      .commentsOn(owner, name, PR_NUMBER)
      .filter((c) => c.body.includes('allocdiff:key=default'));
    expect(ours).toHaveLength(1);
    return ours[0].body;
  }

  it("judges it by the base commit's budgets and fail-on, and says what its own would decide", async () => {
    // The checkout is head's: its allocdiff.yml is the relaxed one.
    expect(readFileSync(join(repo.dir, 'allocdiff.yml'), 'utf8')).toBe(RELAXED_CONFIG);
    const result = await run();
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.stdout).toContain(
      `configuration: allocdiff.yml of the base commit ${repo.shas[0].slice(0, 7)}`,
    );
    expect(result.stdout).toMatch(
      /::error::(caused by .*; )?memory budget exceeded: retained of bench\/memory\.py is \+(9\d\.\d|10\d) KB, limit \+50KB/,
    );
    expect(result.stdout).toContain(
      "::warning::this change edits allocdiff's settings (fail-on, budgets in allocdiff.yml): " +
        `it is judged by those of the base commit ${repo.shas[0].slice(0, 7)}; its own apply ` +
        'once it is merged. With them, the verdict would be pass: within budget',
    );
    const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as Report;
    expect(report.budgets.map((b) => [b.limit, b.status])).toEqual([['+50KB', 'fail']]);
    expect(report.settingsChange).toMatchObject({
      changed: ['fail-on', 'budgets'],
      verdict: 'pass',
      wouldFail: false,
      notTried: [],
    });
    const body = comment();
    expect(body).toContain("⚙️ **This change edits allocdiff's settings**");
    expect(body).toContain('With them: ✅ pass');
    expect(body).toContain('Over budget');
  });

  it('measures the benchmark of a pull request that adds allocdiff, under the base’s defaults', async () => {
    const adding = mkdtempSync(join(tmpdir(), 'allocdiff-adding-'));
    cpSync(join(FIXTURE, 'base'), join(adding, 'base'), { recursive: true });
    cpSync(join(FIXTURE, 'head'), join(adding, 'head'), { recursive: true });
    writeFileSync(join(adding, 'head', 'allocdiff.yml'), RELAXED_CONFIG);
    const added = createRepoFromTrees([join(adding, 'base'), join(adding, 'head')]);
    try {
      const payload = pullRequestPayload();
      payload.pull_request.base.sha = added.shas[0];
      payload.pull_request.head.sha = added.shas[1];
      const result = await runAction({
        inputs: { 'github-token': TOKEN, budget: 'retained: +50KB', comment: 'never' },
        eventName: 'pull_request',
        payload,
        workspace: added.dir,
        repository: `${owner}/${name}`,
        apiUrl: api.url,
      });
      // Its benchmark is measured; its fail-on: never is not what judges it.
      expect(result.exitCode, result.stdout).toBe(1);
      expect(result.stdout).toContain(
        `the base commit ${added.shas[0].slice(0, 7)} names no benchmark: this change's ` +
          '(bench/memory.py) is measured on both sides',
      );
      expect(result.outputs.verdict).toBe('fail');
      const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as Report;
      expect(report.scenarios.map((s) => s.name)).toEqual(['bench/memory.py']);
      expect(report.settingsChange?.changed).toEqual(['fail-on']);
    } finally {
      rmSync(added.dir, { recursive: true, force: true });
      rmSync(adding, { recursive: true, force: true });
    }
  });

  it('a label the event lists but the pull request no longer has accepts nothing', async () => {
    api.setLabels(PR_NUMBER, []);
    const result = await run(
      { 'accept-label': 'memory-ok' },
      pullRequestPayload('synchronize', ['memory-ok']),
    );
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.stdout).toContain(`pull request #${PR_NUMBER} has no label "memory-ok"`);
    expect(
      api.requests.some(
        (r) => r.method === 'GET' && r.path.endsWith(`/issues/${PR_NUMBER}/labels`),
      ),
    ).toBe(true);
    expect(comment()).not.toContain('Accepted');
  });

  it('accepts it over budget with the accept-label, naming the label and who added it', async () => {
    api.setLabels(PR_NUMBER, ['performance', 'memory-ok']);
    const payload = pullRequestPayload('labeled', ['performance', 'memory-ok']);
    payload.label = { name: 'memory-ok' };
    payload.sender.login = 'maintainer-octo';
    const result = await run({ 'accept-label': 'memory-ok' }, payload);
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.verdict).toBe('accepted');
    expect(result.stdout).not.toContain('::error::');
    expect(result.stdout).toMatch(
      /accepted with the label "memory-ok" \(added by maintainer-octo\): memory budget exceeded: retained/,
    );
    const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as Report;
    expect(report.verdict).toBe('fail');
    expect(report.accepted).toEqual({ label: 'memory-ok', by: 'maintainer-octo' });
    const body = comment();
    expect(body).toContain(
      '🏷️ **Accepted** with the label <code>memory-ok</code>, added by <code>maintainer-octo</code>',
    );
    expect(readFileSync(result.outputs.comment, 'utf8')).toBe(body);
  });
});

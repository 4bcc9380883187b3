// A suite split across runners through the bundled action and the GitHub API double: three
// `mode: measure` runs with `shard: K/3` on a fork pull request, their artifacts in one
// workflow run, and one `mode: merge` run that checks them and posts one comment. Then the
// merges that must not pass: a shard missing, two shards overlapping, shards of other heads.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOfName } from '../../src/capture/shard.js';
import type { Report } from '../../src/report/report.js';
import { examplePayload, runAction, type ActionRun } from '../support/action-runner.js';
import { startGitHubApi, type GitHubApiDouble } from '../support/github-api.js';
import { repoMaker, writeTree } from '../support/trees.js';

const TOKEN = 'ghs_shardTokenValue0123456789abcdef';
const OWNER = 'octo-org';
const REPO = 'octo-repo';
const MARKER = '<!-- allocdiff:key=default -->';
const NAMES = ['bench_a', 'bench_b', 'bench_c', 'bench_d', 'bench_e', 'bench_f', 'bench_g'];
// bench_e keeps 100 KB more on head.
const GROWS = 'bench_e';

// Per-scenario overrides: one that matches a scenario of one shard only, one that matches none.
const CONFIG = [
  'scenarios:',
  `  "${GROWS}":`,
  '    budgets: { peak: 1GB }',
  '  "bench_zzz*":',
  '    budgets: { peak: 2GB }',
  '',
].join('\n');
// As messages name them: a key that is a plain name unquoted.
const OVERRIDE = (glob: string) =>
  `allocdiff.yml: scenarios.${/^\w+$/.test(glob) ? glob : `"${glob}"`}`;

function benchmark(grown: boolean): string {
  return [
    'kept = []',
    ...NAMES.map(
      (name) =>
        `def ${name}():\n    kept.append(bytearray(${name === GROWS && grown ? 150_000 : 50_000}))\n`,
    ),
  ].join('\n');
}

describe('a suite split across runners: mode measure with shard, then mode merge', () => {
  const cleanup: string[] = [];
  let api: GitHubApiDouble;
  let repo: { dir: string; shas: string[] };
  let emptyWorkspace: string;
  /** Each shard's artifact files, by shard index, as `mode: measure` wrote them. */
  const artifacts = new Map<number, Record<string, string>>();
  let nextRunId = 7_300_000_001;
  let nextPull = 300;

  function pullRequestPayload(number: number): Record<string, unknown> {
    const payload = examplePayload('pull_request', 'synchronize') as {
      number: number;
      repository: unknown;
      pull_request: Record<string, Record<string, unknown>> & { number: number };
    };
    payload.number = number;
    payload.repository = api.repository(OWNER, REPO);
    payload.pull_request.number = number;
    Object.assign(payload.pull_request.base, {
      sha: repo.shas[0],
      repo: api.repository(OWNER, REPO),
    });
    Object.assign(payload.pull_request.head, {
      sha: repo.shas[1],
      ref: 'more-cache',
      label: `forker:more-cache`,
      repo: api.repository('forker', REPO),
    });
    return payload as unknown as Record<string, unknown>;
  }

  function run(
    inputs: Record<string, string>,
    eventName: string,
    payload: unknown,
  ): Promise<ActionRun> {
    return runAction({
      inputs: { 'github-token': TOKEN, ...inputs },
      eventName,
      payload,
      workspace: inputs.mode === 'merge' ? emptyWorkspace : repo.dir,
      repository: `${OWNER}/${REPO}`,
      apiUrl: api.url,
      extraEnv: { ALLOCDIFF_RETRY_BASE_MS: '10' },
    });
  }

  /**
   * A finished measuring run for pull request `number` holding `files` as its artifacts (by
   * name), and the workflow_run payload that triggers the merge.
   */
  function measuredRun(
    number: number,
    files: Record<string, Record<string, string>>,
    conclusion = 'success',
  ): Record<string, unknown> {
    const runId = nextRunId++;
    const headRepository = api.repository('forker', REPO);
    const headRef = `more-cache-${number}`;
    api.seedPullRequest({
      number,
      headSha: repo.shas[1],
      headRef,
      headRepo: { owner: 'forker', repo: REPO },
      baseRef: 'main',
      baseSha: repo.shas[0],
    });
    for (const [name, content] of Object.entries(files)) {
      const identity = JSON.parse(content['pull-request.json']) as { number: number };
      identity.number = number;
      api.seedArtifact(
        runId,
        name,
        { ...content, 'pull-request.json': JSON.stringify(identity) },
        {
          workflowRun: {
            headSha: repo.shas[1],
            headBranch: headRef,
            headRepositoryId: headRepository.id,
          },
        },
      );
    }
    const payload = examplePayload('workflow_run', 'completed') as {
      repository: unknown;
      workflow_run: Record<string, unknown>;
    };
    payload.repository = api.repository(OWNER, REPO);
    Object.assign(payload.workflow_run, {
      id: runId,
      event: 'pull_request',
      status: 'completed',
      conclusion,
      head_sha: repo.shas[1],
      head_branch: headRef,
      head_repository: headRepository,
      repository: api.repository(OWNER, REPO),
    });
    return payload as unknown as Record<string, unknown>;
  }

  const named = (index: number) => `allocdiff-default-shard-${index}-of-3`;
  /** Every shard's artifact, by name, `edit` applied to each report. */
  function shardFiles(
    indexes: number[] = [1, 2, 3],
    edit: (report: Report, index: number) => void = () => undefined,
  ): Record<string, Record<string, string>> {
    return Object.fromEntries(
      indexes.map((index) => {
        const files = artifacts.get(index)!;
        const report = JSON.parse(files['report.json']) as Report;
        edit(report, index);
        return [named(index), { ...files, 'report.json': JSON.stringify(report) }];
      }),
    );
  }
  const ours = (issue: number) =>
    api.commentsOn(OWNER, REPO, issue).filter((c) => c.body.includes(MARKER));

  beforeAll(async () => {
    // Every shard measures some of the scenarios.
    for (const index of [1, 2, 3]) {
      expect(NAMES.some((name) => shardOfName(name, 3) === index)).toBe(true);
    }
    repo = repoMaker(cleanup)(
      { 'bench.py': benchmark(false), 'allocdiff.yml': CONFIG },
      { 'bench.py': benchmark(true), 'allocdiff.yml': CONFIG },
    );
    emptyWorkspace = writeTree({});
    cleanup.push(emptyWorkspace);
    api = await startGitHubApi({ token: TOKEN, owner: OWNER, repo: REPO });
    // The matrix: three runners, each measuring its shard of the same pull request.
    const pull = pullRequestPayload(31);
    const runs = await Promise.all(
      [1, 2, 3].map((index) =>
        run(
          {
            mode: 'measure',
            script: 'bench.py',
            shard: `${index}/3`,
            budget: 'retained: +50KB (warn)',
            repeats: '1',
          },
          'pull_request',
          pull,
        ).then((result) => ({ index, result })),
      ),
    );
    for (const { index, result } of runs) {
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.outputs['artifact-name']).toBe(named(index));
      const dir = result.outputs['artifact-path'];
      artifacts.set(
        index,
        Object.fromEntries(
          readdirSync(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')]),
        ),
      );
    }
  }, 300_000);

  afterAll(async () => {
    await api?.close();
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  it('each shard measures only the scenarios whose name falls to it, on both sides', () => {
    for (const [index, files] of artifacts) {
      const report = JSON.parse(files['report.json']) as Report;
      expect(report.shard).toMatchObject({ index, count: 3 });
      expect(report.scenarios.map((s) => s.name).sort()).toEqual(
        NAMES.filter((name) => shardOfName(name, 3) === index),
      );
    }
  });

  it('merges the three shards into one report and posts one comment', async () => {
    const number = nextPull++;
    const result = await run({ mode: 'merge' }, 'workflow_run', measuredRun(number, shardFiles()));
    expect(result.exitCode, result.stdout).toBe(0);
    const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as Report;
    expect(report.scenarios.map((s) => s.name).sort()).toEqual(NAMES);
    expect(report).toMatchObject({
      verdict: 'warn',
      shards: { count: 3, missing: [] },
      pullRequest: number,
    });
    expect(report.shard).toBeUndefined();
    // The growth of the one scenario that grew is what warns.
    expect(report.budgets.filter((b) => b.status === 'warn').map((b) => b.scenario)).toEqual([
      GROWS,
    ]);
    const comments = ours(number);
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toContain(`<code>${GROWS}</code>`);
    expect(comments[0].body).toContain('Shards: 3 runners, merged');
    expect(result.summary).toContain(`<code>${GROWS}</code>`);
  });

  it('warns about an override no shard matched, not about one another shard matched', async () => {
    for (const [index, files] of artifacts) {
      const report = JSON.parse(files['report.json']) as Report;
      // A shard does not warn about what another shard may check: it reports it as data.
      expect(report.warnings ?? []).toEqual([]);
      expect(report.shard!.unchecked!.overrides.map((o) => o.override)).toEqual(
        shardOfName(GROWS, 3) === index
          ? [OVERRIDE('bench_zzz*')]
          : [OVERRIDE(GROWS), OVERRIDE('bench_zzz*')],
      );
    }
    const number = nextPull++;
    const result = await run({ mode: 'merge' }, 'workflow_run', measuredRun(number, shardFiles()));
    expect(result.exitCode, result.stdout).toBe(0);
    const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as Report;
    expect(report.warnings).toEqual([
      `${OVERRIDE('bench_zzz*')} matches no scenario (scenarios: ${report.scenarios
        .slice(0, 5)
        .map((s) => `"${s.name}"`)
        .join(', ')} and 2 more); its budgets were not checked: "peak: 2GB"`,
    ]);
    // The override that matched in one shard was checked there.
    expect(report.budgets.filter((b) => b.metric === 'peak')).toEqual([
      expect.objectContaining({ scenario: GROWS, rule: 'peak: 1GB', status: 'pass' }),
    ]);
    expect(ours(number)[0].body.split('matches no scenario')).toHaveLength(2);
  });

  it('names a shard that left no artifact in the comment, and warns', async () => {
    const number = nextPull++;
    const result = await run(
      { mode: 'merge' },
      'workflow_run',
      measuredRun(number, shardFiles([1, 3]), 'failure'),
    );
    expect(result.exitCode, result.stdout).toBe(0);
    const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as Report;
    expect(report.shards).toEqual({ count: 3, missing: [2] });
    expect(report.scenarios.map((s) => s.name).sort()).toEqual(
      NAMES.filter((name) => shardOfName(name, 3) !== 2),
    );
    expect(report.verdict).toBe('warn');
    const [comment] = ours(number);
    expect(comment.body).toContain('shard 2 of 3 left no report');
    expect(comment.body).toContain(named(2));
  });

  it('refuses two shards that hold the same scenario, and comments nothing', async () => {
    const number = nextPull++;
    const files = shardFiles([1, 2, 3], (report, index) => {
      if (index !== 2) return;
      const first = JSON.parse(artifacts.get(1)!['report.json']) as Report;
      report.scenarios.push(first.scenarios[0]);
    });
    const result = await run({ mode: 'merge' }, 'workflow_run', measuredRun(number, files));
    expect(result.exitCode).not.toBe(0);
    const first = (JSON.parse(artifacts.get(1)!['report.json']) as Report).scenarios[0].name;
    expect(result.stdout).toContain(`scenario "${first}" is in shards 1 and 2`);
    expect(ours(number)).toHaveLength(0);
  });

  it('refuses shards that measured different head commits', async () => {
    const number = nextPull++;
    const files = shardFiles([1, 2, 3], (report, index) => {
      if (index === 3) report.head.sha = repo.shas[0];
    });
    const result = await run({ mode: 'merge' }, 'workflow_run', measuredRun(number, files));
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toContain('refusing to merge the shards');
    expect(result.stdout).toContain(`its report measured ${repo.shas[0]}, not the run's head`);
    expect(result.stdout).toContain('the shards differ in their head commit');
    expect(ours(number)).toHaveLength(0);
  });

  it('refuses shards measured with different settings', async () => {
    const number = nextPull++;
    const files = shardFiles([1, 2, 3], (report, index) => {
      if (index === 2) report.shard!.settings = 'f'.repeat(64);
    });
    const result = await run({ mode: 'merge' }, 'workflow_run', measuredRun(number, files));
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toContain('the shards differ in their settings');
    expect(ours(number)).toHaveLength(0);
  });
});

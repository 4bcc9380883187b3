// The bundled action with the Actions cache: a push to the default branch measures and saves
// both sides; a pull request whose base was saved measures only its head and says so; an entry
// that fails validation is ignored with a warning. The cache service is the local double's (the
// twirp API of cache service v2 and its blob URLs), which @actions/cache talks to unchanged.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { examplePayload, runAction } from '../support/action-runner.js';
import { startGitHubApi, type CacheEntry, type GitHubApiDouble } from '../support/github-api.js';
import { repoMaker } from '../support/trees.js';

const TOKEN = 'ghs_e2eCacheToken0123456789abcdef';
const PR_NUMBER = 5;
const bench = (n: number) => `KEEP = [bytearray(100) for _ in range(${n})]\n`;
// One pass per side: what the push keeps is what the pull request asks for.
const INPUTS = { script: 'bench.py', repeats: '1', 'object-types': 'false', 'peak-sites': 'false' };

describe('the bundled action with the Actions cache (local cache service)', () => {
  const cleanup: string[] = [];
  const repoOf = repoMaker(cleanup);
  let api: GitHubApiDouble;
  let repo: ReturnType<typeof repoOf>;
  let runnerTemp: string;
  let owner: string;
  let name: string;
  let pushReport: Report;

  beforeAll(async () => {
    repo = repoOf(
      { 'bench.py': bench(1000) },
      { 'bench.py': bench(2000) },
      { 'bench.py': bench(3000) },
    );
    const payload = examplePayload('pull_request', 'synchronize') as {
      repository: { full_name: string };
    };
    [owner, name] = payload.repository.full_name.split('/');
    api = await startGitHubApi({ token: TOKEN, owner, repo: name });
    // The runner's RUNNER_TEMP is the same from job to job: the archive's path is part of the
    // cache entry's version.
    runnerTemp = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-runner-temp-'));
    cleanup.push(runnerTemp);
  });

  afterAll(async () => {
    await api?.close();
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  function run(eventName: string, payload: unknown, ref: string, inputs = INPUTS) {
    return runAction({
      inputs: { 'github-token': TOKEN, ...inputs },
      eventName,
      payload,
      workspace: repo.dir,
      repository: `${owner}/${name}`,
      apiUrl: api.url,
      extraEnv: {
        GITHUB_REF: ref,
        ACTIONS_CACHE_SERVICE_V2: 'true',
        ACTIONS_RESULTS_URL: `${api.url}/`,
        ACTIONS_RUNTIME_TOKEN: api.cacheToken(ref),
        RUNNER_TEMP: runnerTemp,
      },
    });
  }

  function pushPayload() {
    const payload = examplePayload('push') as Record<string, unknown> & {
      repository: { default_branch: string };
    };
    payload.before = repo.shas[0];
    payload.after = repo.shas[1];
    payload.ref = 'refs/heads/main';
    payload.repository.default_branch = 'main';
    return payload;
  }

  function pullRequestPayload() {
    const payload = examplePayload('pull_request', 'synchronize') as {
      number: number;
      pull_request: { number: number; base: { sha: string }; head: { sha: string } };
    };
    payload.number = PR_NUMBER;
    payload.pull_request.number = PR_NUMBER;
    payload.pull_request.base.sha = repo.shas[1];
    payload.pull_request.head.sha = repo.shas[2];
    return payload;
  }

  const short = (index: number) => repo.shas[index]!.slice(0, 7);
  const entriesOf = (index: number, scope: string): CacheEntry[] =>
    api
      .cacheEntries()
      .filter(
        (e) => e.scope === scope && e.finalized && e.key.includes(repo.shas[index]!.slice(0, 12)),
      );

  it('a push to the default branch finds nothing, measures both sides and saves them', async () => {
    const result = await run('push', pushPayload(), 'refs/heads/main');
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toContain(
      `base: no cached measurement of ${short(0)} in the Actions cache`,
    );
    expect(result.stdout).toContain(`base: measurement of ${short(0)} saved in the Actions cache`);
    expect(result.stdout).toContain(`head: measurement of ${short(1)} saved in the Actions cache`);
    expect(entriesOf(0, 'refs/heads/main')).toHaveLength(1);
    expect(entriesOf(1, 'refs/heads/main')).toHaveLength(1);
    pushReport = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as Report;
    expect(pushReport.cached).toBeUndefined();
  });

  it('a pull request on that commit takes its base from the cache and measures only head', async () => {
    const result = await run('pull_request', pullRequestPayload(), `refs/pull/${PR_NUMBER}/merge`);
    expect(result.exitCode, result.stdout).toBe(0);
    const said = `base: cached measurement of ${short(1)} from `;
    expect(result.stdout).toContain(said);
    expect(result.stdout).not.toContain(`no cached measurement of ${short(1)}`);
    expect(result.stdout).toContain(`head: no cached measurement of ${short(2)}`);
    const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as Report;
    expect(report.cached).toHaveLength(1);
    expect(report.cached![0]).toMatch(
      new RegExp(`^${said}\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC$`),
    );
    expect(result.summary).toContain(`Cached: ${said}`);
    const comment = api.commentsOn(owner, name, PR_NUMBER).at(-1)!.body;
    expect(comment).toContain(`Cached: ${said}`);
    // Base's figures are the ones the push measured on that commit; head grew by 1000 arrays.
    const [scenario] = report.scenarios;
    expect(scenario!.retained.base).toBe(pushReport.scenarios[0]!.retained.head);
    expect(scenario!.retained.delta).toBeGreaterThan(100_000);
    // The pull request keeps nothing for others: its head is not saved, and its base was found.
    expect(api.cacheEntries().filter((e) => e.scope.startsWith('refs/pull/'))).toEqual([]);
  });

  it('an entry that fails validation is ignored with a warning, and base is measured', async () => {
    const [entry] = entriesOf(1, 'refs/heads/main');
    const honest = entry!.data;
    entry!.data = tamper(honest, (document) => {
      const scenario = (document.snapshot as { scenarios: Record<string, unknown>[] })
        .scenarios[0]!;
      scenario.retainedBytes = 'a lot';
    });
    try {
      const result = await run(
        'pull_request',
        pullRequestPayload(),
        `refs/pull/${PR_NUMBER}/merge`,
      );
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.stdout).toMatch(
        /::warning::(\[base\] )?base: the cached measurement allocdiff-measurement-\S+ in the Actions cache is ignored and base is measured: its snapshot does not match the snapshot schema/,
      );
      expect(result.stdout).not.toContain(`base: cached measurement of ${short(1)}`);
      const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as Report;
      expect(report.cached).toBeUndefined();
      expect(report.scenarios[0]!.retained.base).toBe(pushReport.scenarios[0]!.retained.head);
      // Measured again, base is kept in the pull request's own scope, which only its runs read.
      expect(entriesOf(1, `refs/pull/${PR_NUMBER}/merge`)).toHaveLength(1);
    } finally {
      entry!.data = honest;
    }
  });

  /** The archive with its one file's JSON changed by `edit`, its member name kept. */
  function tamper(archive: Buffer, edit: (document: Record<string, unknown>) => void): Buffer {
    const dir = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-tamper-'));
    cleanup.push(dir);
    writeFileSync(join(dir, 'in.tzst'), archive);
    const [member] = execFileSync('tar', ['--zstd', '-tf', 'in.tzst', '-P'], { cwd: dir })
      .toString()
      .split('\n');
    const document = JSON.parse(
      execFileSync('tar', ['--zstd', '-xOf', 'in.tzst', '-P'], { cwd: dir }).toString(),
    ) as Record<string, unknown>;
    edit(document);
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'entry.json'), JSON.stringify(document));
    execFileSync(
      'tar',
      [
        '--zstd',
        '-cf',
        'out.tzst',
        '-P',
        '-C',
        'out',
        `--transform=s|^entry.json$|${member}|`,
        'entry.json',
      ],
      { cwd: dir },
    );
    return readFileSync(join(dir, 'out.tzst'));
  }
});

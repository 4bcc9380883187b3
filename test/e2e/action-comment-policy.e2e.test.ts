import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepoFromTrees } from '../../scripts/example-repo.mjs';
import { examplePayload, PROJECT_ROOT, runAction } from '../support/action-runner.js';
import { GRAPHQL_PATH, startGitHubApi, type GitHubApiDouble } from '../support/github-api.js';
import { writeTree } from '../support/trees.js';

const TOKEN = 'ghs_e2eSecretTokenValue0123456789';
const FIXTURE = join(PROJECT_ROOT, 'test', 'fixtures', 'leak');
const PR_NUMBER = 11;

describe('the bundled action: the comment input, annotations and the full report', () => {
  let api: GitHubApiDouble;
  let repo: ReturnType<typeof createRepoFromTrees>;
  /** Two commits that differ in a README only: the same allocations, byte for byte. */
  let quiet: ReturnType<typeof createRepoFromTrees>;
  let quietTrees: string[] = [];
  let owner: string;
  let name: string;

  function run(comment: string, baseSha: string, headSha: string, workspace = repo.dir) {
    const payload = examplePayload('pull_request', 'synchronize') as {
      number: number;
      pull_request: { number: number; base: { sha: string }; head: { sha: string } };
    };
    payload.number = PR_NUMBER;
    payload.pull_request.number = PR_NUMBER;
    payload.pull_request.base.sha = baseSha;
    payload.pull_request.head.sha = headSha;
    return runAction({
      inputs: { script: 'bench/memory.py', comment, 'github-token': TOKEN },
      eventName: 'pull_request',
      payload,
      workspace,
      repository: `${owner}/${name}`,
      apiUrl: api.url,
    });
  }

  const ours = () =>
    api.commentsOn(owner, name, PR_NUMBER).filter((c) => c.body.includes('allocdiff:key=default'));
  // Comments written; asking GraphQL who the token is (a POST) writes nothing.
  const writes = () =>
    api.requests.filter(
      (r) => (r.method === 'POST' && r.path !== GRAPHQL_PATH) || r.method === 'PATCH',
    );

  beforeAll(async () => {
    repo = createRepoFromTrees([join(FIXTURE, 'base'), join(FIXTURE, 'head')]);
    const bench = {
      'bench/memory.py': 'data = [0] * 1000\nnames = {str(i): i for i in range(50)}\n',
    };
    quietTrees = [
      writeTree({ ...bench, 'README.md': 'one\n' }),
      writeTree({ ...bench, 'README.md': 'two\n' }),
    ];
    quiet = createRepoFromTrees(quietTrees);
    const payload = examplePayload('pull_request', 'synchronize') as {
      repository: { full_name: string };
    };
    [owner, name] = payload.repository.full_name.split('/');
    api = await startGitHubApi({ token: TOKEN, owner, repo: name });
  });

  afterAll(async () => {
    await api?.close();
    if (repo) rmSync(repo.dir, { recursive: true, force: true });
    if (quiet) rmSync(quiet.dir, { recursive: true, force: true });
    for (const dir of quietTrees) rmSync(dir, { recursive: true, force: true });
  });

  it('on-change: writes no comment when nothing changed and none exists', async () => {
    const result = await run('on-change', quiet.shas[0], quiet.shas[1], quiet.dir);
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toContain('nothing to report and no earlier comment');
    expect(writes()).toEqual([]);
    // The job summary is written whatever the comment policy says.
    expect(result.summary).toContain('No memory change');
  });

  it('never: no comment, but the summary, the outputs and the annotations', async () => {
    const result = await run('never', repo.shas[0], repo.shas[1]);
    expect(result.exitCode, result.stdout).toBe(0);
    expect(writes(), result.stdout).toEqual([]);
    expect(result.stdout).toContain('comment: never: the report is in the job summary only');
    // The full report is the job summary, and a file whose path is an output.
    expect(readFileSync(result.outputs.summary, 'utf8')).toBe(result.summary);
    expect(result.summary).toContain('app/store.py');
    expect(readFileSync(result.outputs.comment, 'utf8')).toContain('app/store.py');
    // The HTML report too, beside the comment.
    expect(result.outputs.html).toBe(result.outputs.comment.replace(/\.md$/, '.html'));
    expect(readFileSync(result.outputs.html, 'utf8')).toContain('app/store.py');
    // The PR's new line 9 keeps the buffers: annotated where the diff shows it, with what it
    // keeps alive (it allocates little itself: the list's slot).
    expect(result.stdout).toMatch(
      /^::warning title=allocdiff%3A this line keeps [^,]+ alive,file=app\/store\.py,line=9::.*kept alive by `app\.store\._buffers`/m,
    );
  });

  it('on-change: comments when memory changed', async () => {
    const result = await run('on-change', repo.shas[0], repo.shas[1]);
    expect(result.exitCode, result.stdout).toBe(0);
    expect(ours()).toHaveLength(1);
    expect(ours()[0].body).toContain('app/store.py');
  });

  it('on-change: still updates that comment when things are back to normal', async () => {
    const [before] = ours();
    const result = await run('on-change', quiet.shas[0], quiet.shas[1], quiet.dir);
    expect(result.exitCode, result.stdout).toBe(0);
    const [after] = ours();
    expect(ours()).toHaveLength(1);
    expect(after.id).toBe(before.id);
    expect(after.body).toContain('No memory change');
    expect(writes().filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(writes().filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('rejects an unknown comment policy, naming the input and the allowed values', async () => {
    const result = await run('sometimes', repo.shas[0], repo.shas[1]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      '::error::input "comment": got "sometimes"; expected one of always, on-change, on-regression, never',
    );
  });
});

// The bundled action in command mode: the `command` input, a Python subprocess measured, the
// benchmark's environment free of the token, and the PR comment naming the processes.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepoFromTrees } from '../../scripts/example-repo.mjs';
import { examplePayload, PROJECT_ROOT, runAction } from '../support/action-runner.js';
import { startGitHubApi, type GitHubApiDouble } from '../support/github-api.js';
import { testTemp } from '../support/run-cli.js';

const TOKEN = 'ghs_e2eCommandTokenValue0123456789';
const FIXTURE = join(PROJECT_ROOT, 'test', 'fixtures', 'leak');

describe('the bundled action with the command input', () => {
  let api: GitHubApiDouble;
  let repo: ReturnType<typeof createRepoFromTrees>;
  let envDump: string;

  beforeAll(async () => {
    // Head keeps 100 KB more than base, at app/store.py:8.
    repo = createRepoFromTrees([join(FIXTURE, 'base'), join(FIXTURE, 'head')]);
    envDump = join(testTemp(), `${repo.dir.split('/').pop()}-command-env.json`);
    api = await startGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World' });
  });

  afterAll(async () => {
    await api?.close();
    if (repo) rmSync(repo.dir, { recursive: true, force: true });
    if (envDump) rmSync(envDump, { force: true });
  });

  it('measures the Python processes of the command and fails the retained budget', async () => {
    const payload = examplePayload('push') as { before: string; after: string };
    payload.before = repo.shas[0];
    payload.after = repo.shas[1];
    const result = await runAction({
      inputs: {
        'github-token': TOKEN,
        // The benchmark runs in a subprocess of a Python launcher: both are measured.
        command:
          'python3 -c "import subprocess, sys; ' +
          "subprocess.run([sys.executable, 'bench/memory.py'], check=True)\"",
        budget: 'retained: +50KB',
      },
      eventName: 'push',
      payload,
      workspace: repo.dir,
      repository: 'Codertocat/Hello-World',
      apiUrl: api.url,
      extraEnv: { GITHUB_TOKEN: TOKEN, ALLOCDIFF_TEST_ENV_DUMP: envDump },
    });
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs.verdict).toBe('fail');
    const report = JSON.parse(readFileSync(result.outputs.report, 'utf8')) as {
      scenarios: { name: string; retained: { delta: number }; sites: { file: string }[] }[];
    };
    // The launcher is named by the start of its code.
    expect(report.scenarios.map((scenario) => scenario.name).sort()).toEqual([
      '-c import subprocess, sys; subprocess.ru...',
      'bench/memory.py',
    ]);
    const bench = report.scenarios.find((scenario) => scenario.name === 'bench/memory.py')!;
    expect(bench.retained.delta).toBeGreaterThan(90_000);
    expect(bench.sites[0].file).toBe('app/store.py');
    expect(result.summary).toContain('<code>bench/memory.py</code>');

    // What the measured process saw: the injection, and no token.
    expect(existsSync(envDump)).toBe(true);
    const seen = JSON.parse(readFileSync(envDump, 'utf8')) as Record<string, string>;
    expect(seen.ALLOCDIFF_COMMAND_DIR).toBeTruthy();
    expect(seen.PYTHONPATH).toMatch(/allocdiff_harness\/inject/);
    expect(Object.values(seen).join('\n')).not.toContain(TOKEN);
    expect(Object.keys(seen).filter((key) => /TOKEN|^INPUT_/.test(key))).toEqual([]);
  });
});

// The bundled action with a config file in the checkout: the file's settings, inputs over the
// file, fail-on deciding the step's status, and a bad file failing before anything is measured.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepoFromTrees } from '../../scripts/example-repo.mjs';
import { examplePayload, PROJECT_ROOT, runAction } from '../support/action-runner.js';
import { startGitHubApi, type GitHubApiDouble } from '../support/github-api.js';

const TOKEN = 'ghs_e2eConfigTokenValue0123456789';
const FIXTURE = join(PROJECT_ROOT, 'test', 'fixtures', 'leak');

describe('the bundled action with a config file', () => {
  let api: GitHubApiDouble;
  let repo: ReturnType<typeof createRepoFromTrees>;

  beforeAll(async () => {
    // Head keeps 100 KB more than base, at app/store.py:8.
    repo = createRepoFromTrees([join(FIXTURE, 'base'), join(FIXTURE, 'head')]);
    api = await startGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World' });
  });

  afterAll(async () => {
    await api?.close();
    if (repo) rmSync(repo.dir, { recursive: true, force: true });
  });

  /** Replaces the checkout's config files with these. */
  function configure(files: Record<string, string>): void {
    for (const path of ['allocdiff.yml', '.github', 'ci']) {
      rmSync(join(repo.dir, path), { recursive: true, force: true });
    }
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(repo.dir, path)), { recursive: true });
      writeFileSync(join(repo.dir, path), text);
    }
  }

  function run(inputs: Record<string, string> = {}) {
    const payload = examplePayload('push') as { before: string; after: string };
    payload.before = repo.shas[0];
    payload.after = repo.shas[1];
    return runAction({
      inputs: { 'github-token': TOKEN, ...inputs },
      eventName: 'push',
      payload,
      workspace: repo.dir,
      repository: 'Codertocat/Hello-World',
      apiUrl: api.url,
    });
  }

  const WARN_CONFIG = [
    'script: bench/memory.py',
    'fail-on: warn',
    'budgets:',
    '  retained: { limit: +50KB, level: warn }',
    '  peak: 1GB',
  ].join('\n');

  it('takes the script and budgets from .github/allocdiff.yml, and fails on warn', async () => {
    configure({ '.github/allocdiff.yml': WARN_CONFIG });
    const result = await run();
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs.verdict).toBe('warn');
    expect(result.stdout).toContain('configuration: .github/allocdiff.yml');
    expect(result.stdout).toMatch(
      /::error::(caused by .*; )?memory budget warning: retained of bench\/memory\.py is \+(9\d\.\d|10\d) KB, limit \+50KB \(warn-level rule\)/,
    );
    expect(result.summary).toMatch(/^⚠️ .*\*\*Budget warning:\*\* retained memory of/m);
    expect(result.summary).toContain('| Rule | Scenario | Limit | Actual | Level | Status |');
    expect(result.summary).toMatch(
      /\| retained \| <code>bench\/memory\.py<\/code> \| \+50KB \| .* \| warn \| ⚠️ warn \|/,
    );
    expect(result.summary).toMatch(
      /\| peak \| <code>bench\/memory\.py<\/code> \| 1GB \| .* \| fail \| ✅ pass \|/,
    );
  });

  it('lets the fail-on input win over the file', async () => {
    configure({ '.github/allocdiff.yml': WARN_CONFIG });
    const result = await run({ 'fail-on': 'never' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.verdict).toBe('warn');
    expect(result.stdout).not.toContain('::error::');
  });

  it('lets the budget input replace the file’s budgets', async () => {
    configure({ '.github/allocdiff.yml': WARN_CONFIG });
    const result = await run({ budget: 'retained: +1MB' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.verdict).toBe('pass');
  });

  it('fails on a fail-level budget under the default fail-on, from the file the config input names', async () => {
    // Paths in a config file are relative to its folder.
    configure({
      'ci/memory.toml': 'script = "../bench/memory.py"\n[budgets]\nretained = "+50KB"\n',
    });
    const result = await run({ config: 'ci/memory.toml' });
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs.verdict).toBe('fail');
    expect(result.stdout).toContain('configuration: ci/memory.toml');
    expect(result.stdout).toMatch(
      /::error::(caused by .*; )?memory budget exceeded: retained of bench\/memory\.py/,
    );
  });

  it('fails with every problem of a bad config file before measuring anything', async () => {
    configure({
      'allocdiff.yml': ['script: bench/memory.py', 'budgets:', '  peak: 5%', 'colour: red'].join(
        '\n',
      ),
    });
    const result = await run({ 'fail-on': 'sometimes' });
    expect(result.exitCode).toBe(1);
    // Workflow commands encode % as %25 and newlines as %0A.
    expect(result.stdout).toContain(
      '::error::input "fail-on": got "sometimes"; expected one of fail, warn, never%0A' +
        'allocdiff.yml:3: budgets.peak: "5%25" is not a limit (a percentage needs a sign',
    );
    expect(result.stdout).toContain(
      '%0Aallocdiff.yml:4: colour: unknown key; allowed: script, command, setup, python, frames, repeats',
    );
    expect(result.stdout).not.toContain('Measuring base');
    expect(result.stdout).not.toMatch(/\n\s+at /);
    expect(result.outputs.verdict).toBeUndefined();
  });

  it('fails, naming the file, on a config that links out of the checkout or expands without end', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'allocdiff-elsewhere-'));
    try {
      writeFileSync(join(elsewhere, 'allocdiff.yml'), 'script: bench/memory.py\n# hunter2\n');
      configure({});
      symlinkSync(join(elsewhere, 'allocdiff.yml'), join(repo.dir, 'allocdiff.yml'));
      const linked = await run();
      expect(linked.exitCode).toBe(1);
      expect(linked.stdout).toContain(
        '::error::allocdiff.yml: leads, through a symbolic link, outside the repository; a ' +
          'config file must be a file of the repository',
      );
      expect(linked.stdout).not.toContain('hunter2');
      expect(linked.stdout).not.toContain('Measuring base');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }

    const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const name of 'bcdefghi') {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    configure({ 'allocdiff.yml': `script: bench/memory.py\n${levels.join('\n')}\n` });
    const bomb = await run();
    expect(bomb.exitCode).toBe(1);
    expect(bomb.stdout).toContain(
      "::error::allocdiff.yml: its aliases (*name) expand past 100 copies of an anchor's value",
    );
    expect(bomb.stdout).not.toContain('Measuring base');
  });
});

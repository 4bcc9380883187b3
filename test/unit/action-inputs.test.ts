// The action's inputs, read as the runner passes them (INPUT_* variables): the run gets its
// settings, and only what publishing receives holds the token.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/problems.js';

const TOKEN = 'ghs_exampleTokenThatMustNotReachTheRun';
const project = mkdtempSync(join(tmpdir(), 'allocdiff-inputs-'));
const given = new Set<string>();

/** Sets an input as the runner does: `INPUT_` and the name in capitals. */
function setInput(name: string, value: string): void {
  const variable = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  process.env[variable] = value;
  given.add(variable);
}

// @actions/github reads the repository and the URLs when it is first imported.
const runner: Record<string, string> = {
  GITHUB_REPOSITORY: 'octo/project',
  GITHUB_SERVER_URL: 'https://github.example/',
  GITHUB_API_URL: 'https://github.example/api/v3',
  RUNNER_TEMP: project,
};
const before = Object.fromEntries(Object.keys(runner).map((name) => [name, process.env[name]]));
Object.assign(process.env, runner);
const { readActionSettings, readReportModeSettings } =
  await import('../../src/config/action-inputs.js');

const sides = { kind: 'compare', base: 'base-sha', head: 'head-sha', pullRequest: 7 } as const;

beforeAll(() => {
  // The project is a repository root, so the config file is looked for there only.
  mkdirSync(join(project, '.git'));
  writeFileSync(join(project, 'allocdiff.yml'), 'script: bench.py\nframes: 4\ntop: 5\n');
  return () => {
    rmSync(project, { recursive: true, force: true });
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
});

afterEach(() => {
  for (const variable of given) delete process.env[variable];
  given.clear();
});

describe('the action’s inputs', () => {
  it('give the run its settings, and only publishing the token and the comment policy', async () => {
    setInput('working-directory', project);
    setInput('github-token', TOKEN);
    setInput('key', 'nightly');
    setInput('top', '2');
    setInput('comment', 'on-change');
    setInput('budget', 'peak: +5%');
    setInput('accept-label', 'memory-ok');
    const { settings, publishing } = await readActionSettings(sides);
    expect(publishing).toEqual({
      token: TOKEN,
      apiUrl: 'https://github.example/api/v3',
      serverUrl: 'https://github.example',
      owner: 'octo',
      repo: 'project',
      key: 'nightly',
      comment: 'on-change',
      acceptLabel: 'memory-ok',
    });
    expect(settings).not.toHaveProperty('acceptLabel');
    expect(settings).toMatchObject({
      repoDir: project,
      base: 'base-sha',
      head: 'head-sha',
      benchmark: { kind: 'script', script: 'bench.py' },
      frames: 4,
      topSites: 2,
      key: 'nightly',
      repository: 'octo/project',
      serverUrl: 'https://github.example',
      pullRequest: 7,
      configFile: 'allocdiff.yml',
      jsonPath: join(project, 'allocdiff', 'nightly.json'),
    });
    expect(settings.budgets.rules.map((rule) => rule.source)).toEqual(['peak: +5%']);
    expect(settings).not.toHaveProperty('comment');
    expect(JSON.stringify(settings)).not.toContain(TOKEN);
  });

  it('leave a setting to the config file, or to its default, when its input is empty', async () => {
    setInput('working-directory', project);
    setInput('frames', '');
    const { settings, publishing } = await readActionSettings(sides);
    expect(settings).toMatchObject({ frames: 4, topSites: 5, python: 'python3', key: 'default' });
    expect(publishing).toMatchObject({ token: '', key: 'default', comment: 'always' });
  });

  it('name each bad input by its own name', async () => {
    setInput('working-directory', project);
    setInput('budget', 'peak: 5%');
    setInput('repeats', '0');
    const error = await readActionSettings(sides).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'input "repeats": got "0"; expected a whole number from 1 to 100',
      expect.stringMatching(/^input "budget": budget rule "peak: 5%": "5%" is not a limit/),
    ]);
  });

  it('in mode report, read fail-on and comment, never the benchmark’s inputs', async () => {
    setInput('github-token', TOKEN);
    setInput('fail-on', 'never');
    setInput('comment', 'on-regression');
    setInput('frames', 'not read in this mode');
    const { settings, publishing } = await readReportModeSettings();
    expect(settings).toEqual({
      failOn: 'never',
      jsonPath: join(project, 'allocdiff', 'default.json'),
      markdownPath: join(project, 'allocdiff', 'default.md'),
    });
    expect(publishing).toMatchObject({ token: TOKEN, comment: 'on-regression', key: 'default' });
  });
});

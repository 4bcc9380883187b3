import * as core from '@actions/core';
import * as github from '@actions/github';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { UsageError } from '../errors.js';
import { sidesFromEvent } from '../sides/resolve.js';
import { loadConfig } from './load-config.js';
import type { TextConfig } from './schema.js';
import { DEFAULTS, type Settings } from './settings.js';

export interface ActionSettings extends Settings {
  /** Token for the comment; never passed to the benchmark. */
  token: string;
  apiUrl: string;
  owner: string;
  repo: string;
}

/** The input behind each configuration key, for messages. */
const INPUT_OF_KEY: Record<string, string> = { budgets: 'budget' };

/** Inputs the user left empty are not given: the config file or the default decides. */
function givenInputs(inputs: Record<string, string>): TextConfig {
  return Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== ''));
}

/** The only place that reads the action's inputs: one typed settings object. */
export function readActionSettings(): ActionSettings {
  const repoDir =
    core.getInput('working-directory') || process.env.GITHUB_WORKSPACE || process.cwd();
  const configPath = core.getInput('config');
  const config = loadConfig({
    projectDir: repoDir,
    ...(configPath ? { configPath: resolve(repoDir, configPath) } : {}),
    inputs: givenInputs({
      script: core.getInput('script'),
      command: core.getInput('command'),
      setup: core.getInput('setup'),
      python: core.getInput('python'),
      frames: core.getInput('frames'),
      'fail-on': core.getInput('fail-on'),
      'minimum-change': core.getInput('minimum-change'),
      ignore: core.getInput('ignore'),
      budgets: core.getInput('budget'),
    }),
    nameInput: (key) => `input "${INPUT_OF_KEY[key] ?? key}"`,
  });
  if (!config.script && !config.command)
    throw new UsageError(
      'input "script" or "command" is required (or script or command in the config file): ' +
        'the path of the memory benchmark, e.g. benchmarks/memory.py, or a command whose ' +
        'Python processes are measured, e.g. pytest tests/perf',
    );

  const context = github.context;
  const explicitBase = core.getInput('base');
  const explicitHead = core.getInput('head');
  const sides = explicitBase
    ? { base: explicitBase, head: explicitHead || context.sha || 'HEAD' }
    : sidesFromEvent(context.eventName, context.payload);

  const outputDir = join(process.env.RUNNER_TEMP || tmpdir(), 'allocdiff');
  const key = core.getInput('key') || DEFAULTS.key;
  const { owner, repo } = context.repo;
  const pullRequest = context.payload.pull_request?.number;
  return {
    repoDir,
    base: sides.base,
    head: sides.head,
    ...(config.script !== undefined ? { script: config.script } : {}),
    ...(config.command !== undefined ? { command: config.command } : {}),
    setup: config.setup,
    budgets: config.budgets,
    ignore: config.ignore,
    minimumChange: config.minimumChange,
    failOn: config.failOn,
    ...(config.configFile ? { configFile: config.configFile } : {}),
    python: config.python,
    frames: config.frames,
    key,
    jsonPath: join(outputDir, `${encodeURIComponent(key)}.json`),
    markdownPath: join(outputDir, `${encodeURIComponent(key)}.md`),
    repository: `${owner}/${repo}`,
    serverUrl: context.serverUrl,
    ...(typeof pullRequest === 'number' ? { pullRequest } : {}),
    token: core.getInput('github-token'),
    apiUrl: context.apiUrl,
    owner,
    repo,
  };
}

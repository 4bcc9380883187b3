import * as core from '@actions/core';
import * as github from '@actions/github';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { BudgetSyntaxError, parseBudgetRules } from '../budgets/rules.js';
import { UsageError } from '../errors.js';
import { sidesFromEvent } from '../sides/resolve.js';
import { DEFAULTS, type Settings } from './settings.js';

export interface ActionSettings extends Settings {
  /** Token for the comment; never passed to the benchmark. */
  token: string;
  apiUrl: string;
  owner: string;
  repo: string;
}

function positiveInteger(name: string, text: string, fallback: number): number {
  if (text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`input "${name}" must be a whole number ≥ 1, got "${text}"`);
  }
  return value;
}

/** The only place that reads the action's inputs: one typed settings object. */
export function readActionSettings(): ActionSettings {
  const script = core.getInput('script');
  if (!script)
    throw new UsageError(
      'input "script" is required: the path of the memory benchmark, e.g. benchmarks/memory.py',
    );

  const budgetText = core.getInput('budget');
  let budgetRules;
  try {
    budgetRules = parseBudgetRules(budgetText);
  } catch (error) {
    if (error instanceof BudgetSyntaxError)
      throw new UsageError(`input "budget": ${error.message}`);
    throw error;
  }

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
    repoDir: core.getInput('working-directory') || process.env.GITHUB_WORKSPACE || process.cwd(),
    base: sides.base,
    head: sides.head,
    script,
    setup: core.getInput('setup') || undefined,
    budgetRules,
    python: core.getInput('python') || DEFAULTS.python,
    frames: positiveInteger('frames', core.getInput('frames'), DEFAULTS.frames),
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

import * as core from '@actions/core';
import * as github from '@actions/github';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import type { FailOn } from '../budgets/evaluate.js';
import { UsageError } from '../errors.js';
import type { CommentPolicy } from '../publish/comment-policy.js';
import { planFromEvent, type EventPlan } from '../sides/resolve.js';
import { ConfigError, describeValue } from './problems.js';
import type { TextConfig } from './schema.js';
import { DEFAULTS, settingsFromConfig, type Settings } from './settings.js';

/**
 * What the action does: `full` measures and comments in one job; `measure` (pull_request, no
 * write token needed) measures and leaves an artifact; `report` (workflow_run) posts that
 * artifact's report without checking out or running anything.
 */
export const ACTION_MODES = ['full', 'measure', 'report'] as const;
export type ActionMode = (typeof ACTION_MODES)[number];

/** Where the action talks to GitHub, and as whom. */
export interface GitHubTarget {
  /** Token for the comment (and, in report mode, the artifact); never passed to the benchmark. */
  token: string;
  /** REST API root, from GITHUB_API_URL (GitHub Enterprise Server: https://HOST/api/v3). */
  apiUrl: string;
  /** Web root for links, from GITHUB_SERVER_URL. */
  serverUrl: string;
  owner: string;
  repo: string;
  key: string;
}

export interface ActionSettings extends Omit<Settings, 'serverUrl'>, GitHubTarget {
  /** When the pull-request comment is written. */
  comment: CommentPolicy;
  /** `mode: measure`: the folder the workflow uploads as the artifact. */
  artifactDir: string;
}

/** `mode: report`: no checkout, no config file; the report comes from the measuring run. */
export interface ReportModeSettings extends GitHubTarget {
  failOn: FailOn;
  comment: CommentPolicy;
  jsonPath: string;
  markdownPath: string;
}

/** The input behind each configuration key, for messages. */
const INPUT_OF_KEY: Record<string, string> = { budgets: 'budget' };

/** Inputs the user left empty are not given: the config file or the default decides. */
function givenInputs(inputs: Record<string, string>): TextConfig {
  return Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== ''));
}

/** The `mode` input. */
export function readActionMode(): ActionMode {
  const mode = core.getInput('mode') || 'full';
  if (!(ACTION_MODES as readonly string[]).includes(mode)) {
    throw new ConfigError([
      `input "mode": got ${describeValue(mode)}; expected one of ${ACTION_MODES.join(', ')}`,
    ]);
  }
  return mode as ActionMode;
}

/** Which commits this event compares (explicit `base`/`head` inputs win), or why none. */
export function readEventPlan(): EventPlan {
  const context = github.context;
  return planFromEvent(context.eventName, context.payload, {
    base: core.getInput('base'),
    head: core.getInput('head'),
    ...(context.sha ? { defaultHead: context.sha } : {}),
  });
}

/** A URL from the runner's environment without its trailing slash, so paths can be appended. */
function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function outputPaths(key: string) {
  const outputDir = join(process.env.RUNNER_TEMP || tmpdir(), 'allocdiff');
  return {
    outputDir,
    jsonPath: join(outputDir, `${encodeURIComponent(key)}.json`),
    markdownPath: join(outputDir, `${encodeURIComponent(key)}.md`),
  };
}

function readGitHubTarget(): GitHubTarget {
  const context = github.context;
  const { owner, repo } = context.repo;
  return {
    token: core.getInput('github-token'),
    apiUrl: withoutTrailingSlash(context.apiUrl),
    serverUrl: withoutTrailingSlash(context.serverUrl),
    owner,
    repo,
    key: core.getInput('key') || DEFAULTS.key,
  };
}

/**
 * `mode: report` reads only what it needs: the report itself comes from the artifact, so the
 * benchmark's inputs and the config file (there is no checkout) play no part.
 */
export async function readReportModeSettings(): Promise<ReportModeSettings> {
  const target = readGitHubTarget();
  // Loaded here, not at start: the mode and the event are checked without the schemas.
  const { validateInputs } = await import('./load-config.js');
  const validated = validateInputs(
    givenInputs({ 'fail-on': core.getInput('fail-on'), comment: core.getInput('comment') }),
    (key) => `input "${key}"`,
  );
  if (Array.isArray(validated)) throw new ConfigError(validated);
  const { jsonPath, markdownPath } = outputPaths(target.key);
  return {
    ...target,
    failOn: validated.failOn ?? 'fail',
    comment: validated.comment ?? 'always',
    jsonPath,
    markdownPath,
  };
}

/**
 * The only place that reads the action's inputs: one typed settings object for the commits an
 * event plan compares.
 */
export async function readActionSettings(
  sides: Extract<EventPlan, { kind: 'compare' }>,
): Promise<ActionSettings> {
  // The schemas, the YAML and TOML parsers and the artifact code are loaded only for a run
  // that compares: an event with nothing to do, or a bad mode, is answered without them.
  const [{ loadConfig }, { artifactName }] = await Promise.all([
    import('./load-config.js'),
    import('../publish/artifact.js'),
  ]);
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
      repeats: core.getInput('repeats'),
      iterations: core.getInput('iterations'),
      'timeout-minutes': core.getInput('timeout-minutes'),
      'peak-sites': core.getInput('peak-sites'),
      parallel: core.getInput('parallel'),
      'object-types': core.getInput('object-types'),
      'fail-on': core.getInput('fail-on'),
      'minimum-change': core.getInput('minimum-change'),
      ignore: core.getInput('ignore'),
      budgets: core.getInput('budget'),
      top: core.getInput('top'),
      comment: core.getInput('comment'),
    }),
    nameInput: (key) => `input "${INPUT_OF_KEY[key] ?? key}"`,
  });
  if (!config.script && !config.command)
    throw new UsageError(
      'input "script" or "command" is required (or script or command in the config file): ' +
        'the path of the memory benchmark, e.g. benchmarks/memory.py, or a command whose ' +
        'Python processes are measured, e.g. pytest tests/perf',
    );

  const target = readGitHubTarget();
  const { key, owner, repo } = target;
  const { outputDir, jsonPath, markdownPath } = outputPaths(key);
  const pullRequest = sides.pullRequest;
  return {
    repoDir,
    base: sides.base,
    head: sides.head,
    ...settingsFromConfig(config),
    comment: config.comment,
    jsonPath,
    markdownPath,
    repository: `${owner}/${repo}`,
    ...(typeof pullRequest === 'number' ? { pullRequest } : {}),
    ...target,
    artifactDir: join(outputDir, artifactName(key)),
  };
}

import * as core from '@actions/core';
import * as github from '@actions/github';
import { realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import type { FailOn } from '../budgets/evaluate.js';
import { parsePassedNames } from '../capture/environment.js';
import { parseShard } from '../capture/shard.js';
import type { CommentPolicy } from '../publish/comment-policy.js';
import { Git } from '../sides/git.js';
import { planFromEvent, resolveCommit, type EventPlan } from '../sides/resolve.js';
import type { FileAccess } from './config-file.js';
import type { Config } from './load-config.js';
import type { ProposedSettings } from './settings-change.js';
import { DECLARATIONS, SETTINGS, settingOfKey, type Declaration } from './declarations.js';
import { ConfigError, describeValue } from './problems.js';
import type { TextConfig } from './schema.js';
import {
  BENCHMARK_NAMES,
  parseHtmlUrl,
  requireBenchmark,
  settingsFromConfig,
  type Settings,
} from './settings.js';

/**
 * What the action does: `full` measures and comments in one job; `measure` (pull_request, no
 * write token needed) measures and leaves an artifact; `report` (workflow_run) posts that
 * artifact's report without checking out or running anything; `merge` (workflow_run) does the
 * same with the artifacts of a run whose measure jobs each measured a shard.
 */
export const ACTION_MODES = ['full', 'measure', 'report', 'merge'] as const;
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

/** What publishing receives, and nothing else does: the token, where to comment, and when. */
export interface Publishing extends GitHubTarget {
  /** When the pull-request comment is written. */
  comment: CommentPolicy;
  /** The label with which a maintainer accepts a change over budget ('' for none). */
  acceptLabel: string;
}

/** A run's settings in the action, where the repository and the server are always known. */
export interface ActionSettings extends Settings {
  repository: string;
  serverUrl: string;
  /** `mode: measure`: the folder the workflow uploads as the artifact. */
  artifactDir: string;
  /** Whether measurements are looked up in (and kept in) the Actions cache. */
  useCache: boolean;
}

/** `mode: full` and `mode: measure`: what the run measures, and what publishing receives. */
export interface ActionRun {
  settings: ActionSettings;
  publishing: Publishing;
}

/** `mode: report`: no checkout, no config file; the report comes from the measuring run. */
export interface ReportModeRun {
  settings: { failOn: FailOn; jsonPath: string; markdownPath: string; htmlUrl?: string };
  publishing: Publishing;
}

/** The one place that reads an input: a declared one; '' when it is not given. */
function input(setting: { input: string }): string {
  return core.getInput(setting.input);
}

/** The `html-url` input, as the comment links it. */
function htmlUrlInput(): { htmlUrl?: string } {
  const htmlUrl = parseHtmlUrl(input(SETTINGS.htmlUrl), `input "${SETTINGS.htmlUrl.input}"`);
  return htmlUrl === undefined ? {} : { htmlUrl };
}

/**
 * The given inputs of the configuration's settings, by file key: those the user left empty are
 * not given, so the config file or the default decides.
 */
function configInputs(which: (setting: Declaration) => boolean = () => true): TextConfig {
  const given: Record<string, string> = {};
  for (const [, setting] of DECLARATIONS) {
    if (setting.key === undefined || setting.input === undefined || !which(setting)) continue;
    const value = input({ input: setting.input });
    if (value !== '') given[setting.key] = value;
  }
  return given as TextConfig;
}

/** How messages name the input behind a configuration key. */
function nameInput(key: string): string {
  return `input "${settingOfKey(key)?.input ?? key}"`;
}

/** The `mode` input. */
export function readActionMode(): ActionMode {
  const mode = input(SETTINGS.mode) || SETTINGS.mode.default;
  if (!(ACTION_MODES as readonly string[]).includes(mode)) {
    throw new ConfigError([
      `input "${SETTINGS.mode.input}": got ${describeValue(mode)}; expected one of ` +
        ACTION_MODES.join(', '),
    ]);
  }
  return mode as ActionMode;
}

/** Which commits this event compares (explicit `base`/`head` inputs win), or why none. */
export function readEventPlan(): EventPlan {
  const context = github.context;
  return planFromEvent(context.eventName, context.payload, {
    base: input(SETTINGS.base),
    head: input(SETTINGS.head),
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
    token: input(SETTINGS.githubToken),
    apiUrl: withoutTrailingSlash(context.apiUrl),
    serverUrl: withoutTrailingSlash(context.serverUrl),
    owner,
    repo,
    key: input(SETTINGS.key) || SETTINGS.key.default,
  };
}

/**
 * `mode: report` reads only what it needs: the report itself comes from the artifact, so the
 * benchmark's inputs and the config file (there is no checkout) play no part.
 */
export async function readReportModeSettings(): Promise<ReportModeRun> {
  const target = readGitHubTarget();
  // Loaded here, not at start: the mode and the event are checked without the schemas.
  const { validateInputs } = await import('./load-config.js');
  const validated = validateInputs(
    configInputs((setting) => setting.reportMode === true),
    nameInput,
  );
  if (Array.isArray(validated)) throw new ConfigError(validated);
  const { jsonPath, markdownPath } = outputPaths(target.key);
  return {
    settings: {
      failOn: validated.failOn ?? SETTINGS.failOn.default,
      jsonPath,
      markdownPath,
      ...htmlUrlInput(),
    },
    publishing: {
      ...target,
      comment: validated.comment ?? SETTINGS.comment.default,
      acceptLabel: input(SETTINGS.acceptLabel).trim(),
    },
  };
}

/**
 * The events that judge a change before it is merged: their config file is the base commit's,
 * so that the change cannot relax the checks that judge it.
 */
const JUDGED_EVENTS = new Set(['pull_request', 'merge_group']);

/**
 * The configuration of a run that judges a change: the inputs over the base commit's config
 * file (read from git, not from the checkout), and what the change's own file proposes. When
 * the base commit names no benchmark and the change's file does (the change adds allocdiff),
 * the change's benchmark is measured: no check existed that it could relax.
 */
async function loadBaseConfig(
  repoDir: string,
  baseRef: string,
  configPath: string,
  load: (projectDir: string, files?: FileAccess) => Config,
): Promise<{ config: Config; from: string; proposed?: ProposedSettings }> {
  const [{ commitFiles }, { proposedSettings }] = await Promise.all([
    import('./commit-files.js'),
    import('./settings-change.js'),
  ]);
  const git = new Git(repoDir);
  const [topLevel, projectDir] = await Promise.all([git.topLevel(), realpath(repoDir)]);
  const baseSha = await resolveCommit(git, baseRef, 'base');
  const from = `the base commit ${baseSha.slice(0, 7)}`;
  // The change's own file first: a change that breaks it fails here, before anything runs.
  const own = load(projectDir);
  const files = await commitFiles(
    git,
    baseSha,
    from,
    topLevel,
    projectDir,
    configPath ? resolve(projectDir, configPath) : undefined,
  );
  let config: Config;
  try {
    config = load(projectDir, files);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError([
      `the config file of ${from}, which judges this change, has problems (fix them on the ` +
        'base branch):',
      ...error.problems,
    ]);
  }
  const ownBenchmark = BENCHMARK_NAMES.filter((name) => own[name] !== undefined);
  if (BENCHMARK_NAMES.every((name) => !config[name]) && BENCHMARK_NAMES.some((name) => own[name])) {
    config = {
      ...config,
      ...Object.fromEntries(ownBenchmark.map((name) => [name, own[name]])),
      ...(config.setup === undefined && own.setup !== undefined ? { setup: own.setup } : {}),
    };
    core.info(
      `${from} names no benchmark: this change's (${own[ownBenchmark[0]!]}) is measured on both sides`,
    );
  }
  const proposed = proposedSettings(config, own);
  return { config, from, ...(proposed ? { proposed } : {}) };
}

/**
 * The only place that reads the action's inputs: the settings of a run that compares the
 * commits of an event plan, and, apart, what publishing receives.
 */
export async function readActionSettings(
  sides: Extract<EventPlan, { kind: 'compare' }>,
): Promise<ActionRun> {
  // The schemas, the YAML and TOML parsers and the artifact code are loaded only for a run
  // that compares: an event with nothing to do, or a bad mode, is answered without them.
  const [{ loadConfig }, { artifactName }] = await Promise.all([
    import('./load-config.js'),
    import('../publish/artifact.js'),
  ]);
  const repoDir = input(SETTINGS.repoDir) || process.env.GITHUB_WORKSPACE || process.cwd();
  const configPath = input(SETTINGS.config);
  const load = (projectDir: string, files?: FileAccess) =>
    loadConfig({
      projectDir,
      ...(configPath ? { configPath: resolve(projectDir, configPath) } : {}),
      inputs: configInputs(),
      nameInput,
      ...(files ? { files } : {}),
    });
  const judged = JUDGED_EVENTS.has(github.context.eventName)
    ? await loadBaseConfig(repoDir, sides.base, configPath, load)
    : undefined;
  const config = judged?.config ?? load(repoDir);
  const benchmark = requireBenchmark(config, 'input');

  const cacheInput = input(SETTINGS.cache).trim();
  if (cacheInput !== '' && cacheInput !== 'true' && cacheInput !== 'false') {
    throw new ConfigError([
      `input "${SETTINGS.cache.input}": got ${describeValue(cacheInput)}; expected true or false`,
    ]);
  }
  const passEnv = parsePassedNames(input(SETTINGS.passEnv), `input "${SETTINGS.passEnv.input}"`);
  const shardInput = input(SETTINGS.shard).trim();
  const shard = shardInput ? parseShard(shardInput, `input "${SETTINGS.shard.input}"`) : undefined;
  const htmlUrl = htmlUrlInput();
  const target = readGitHubTarget();
  const { key, owner, repo, serverUrl } = target;
  const { outputDir, jsonPath, markdownPath } = outputPaths(key);
  const pullRequest = sides.pullRequest;
  return {
    settings: {
      repoDir,
      base: sides.base,
      head: sides.head,
      ...settingsFromConfig(config),
      benchmark,
      ...(judged ? { settingsFrom: judged.from } : {}),
      ...(judged?.proposed ? { proposed: judged.proposed } : {}),
      key,
      ...(shard ? { shard } : {}),
      ...(passEnv.length > 0 ? { passEnv } : {}),
      jsonPath,
      markdownPath,
      ...htmlUrl,
      repository: `${owner}/${repo}`,
      serverUrl,
      ...(typeof pullRequest === 'number' ? { pullRequest } : {}),
      artifactDir: join(outputDir, artifactName(key, shard)),
      useCache: cacheInput !== 'false',
    },
    publishing: {
      ...target,
      comment: config.comment,
      acceptLabel: input(SETTINGS.acceptLabel).trim(),
    },
  };
}

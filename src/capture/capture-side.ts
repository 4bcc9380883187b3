import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../log.js';
import { lastLines, runProcess, type ProcessResult } from './process.js';
import { decodeSnapshot } from './decode.js';
import { SNAPSHOT_SCHEMA, type ScenarioError, type Snapshot } from './snapshot.js';

export interface CaptureOptions {
  /** Python executable. */
  python: string;
  /** Benchmark script, relative to the checkout's root. */
  script: string;
  /** Shell command run in the checkout before the benchmark. */
  setup?: string;
  frames: number;
  /** Already stripped of secrets (see benchmarkEnvironment). */
  env: NodeJS.ProcessEnv;
  log: Logger;
}

/**
 * Where the Python harness is: `dist/harness` beside the bundle, or `python/` in a source
 * checkout (tests run from source).
 */
export function harnessDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'harness'), join(here, '..', '..', 'python')];
  const found = candidates.find((dir) => existsSync(join(dir, 'allocdiff_harness', '__main__.py')));
  if (!found)
    throw new Error(`the allocdiff Python harness is missing (looked in ${candidates.join(', ')})`);
  return found;
}

/** A snapshot that only says the side could not be measured. */
export function failedSnapshot(scenario: string, error: ScenarioError, frames: number): Snapshot {
  return {
    schema: SNAPSHOT_SCHEMA,
    harness: { version: 'none' },
    python: { version: '', implementation: '' },
    platform: '',
    frames,
    repeats: 1,
    iterations: 0,
    timings: { setupSeconds: 0, totalSeconds: 0 },
    scenarios: [
      {
        name: scenario,
        kind: 'script',
        status: 'failed',
        error,
        peakBytes: 0,
        retainedBytes: 0,
        retainedCount: 0,
        durationSeconds: 0,
        repeats: [],
        sites: [],
      },
    ],
    unmeasured: [],
  };
}

function describeExit(what: string, result: ProcessResult): string {
  if (result.spawnError) return `${what} could not be started: ${result.spawnError.message}`;
  if (result.signal) return `${what} was killed by ${result.signal}`;
  return `${what} exited with code ${result.exitCode}`;
}

/** Reads and checks a snapshot written by the harness, its string table resolved. */
export async function readSnapshot(path: string): Promise<Snapshot> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`snapshot ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return decodeSnapshot(parsed, `snapshot ${path}`);
}

/**
 * Measures one side: `setup`, then the benchmark under the harness. Never throws for what the
 * benchmark does: a failure becomes a failed scenario, so the other side is still shown.
 * A script that does not exist on this side gives a snapshot with no scenarios ("new").
 */
export async function captureSide(checkoutDir: string, options: CaptureOptions): Promise<Snapshot> {
  const { log } = options;
  if (!existsSync(join(checkoutDir, options.script))) {
    log.info(`${options.script} does not exist in this commit: nothing to measure`);
    return {
      ...failedSnapshot(options.script, { type: '', message: '' }, options.frames),
      scenarios: [],
    };
  }
  const output = (chunk: string): void => log.output(chunk);

  if (options.setup) {
    log.info(`setup: ${options.setup}`);
    const setup = await runProcess('bash', ['-c', options.setup], {
      cwd: checkoutDir,
      env: options.env,
      onOutput: output,
    });
    if (setup.exitCode !== 0) {
      return failedSnapshot(
        options.script,
        {
          type: 'SetupFailed',
          message: describeExit('setup', setup),
          output: lastLines(setup.outputTail),
        },
        options.frames,
      );
    }
  }

  const workDir = await mkdtemp(join(tmpdir(), 'allocdiff-snapshot-'));
  const snapshotPath = join(workDir, 'snapshot.json');
  try {
    const harness = harnessDirectory();
    const env = {
      // Equal conditions on both sides: no .pyc from an earlier run (compiling counts in the
      // peak), and one hash seed (set order, dict layouts) unless the user chose one.
      PYTHONHASHSEED: '0',
      ...options.env,
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONPATH: [harness, options.env.PYTHONPATH].filter(Boolean).join(delimiter),
    };
    const args = [
      '-m',
      'allocdiff_harness',
      '--script',
      options.script,
      '--root',
      checkoutDir,
      '--out',
      snapshotPath,
      '--frames',
      String(options.frames),
    ];
    log.info(`${options.python} ${options.script} under tracemalloc (frames: ${options.frames})`);
    const run = await runProcess(options.python, args, { cwd: checkoutDir, env, onOutput: output });
    if (run.exitCode !== 0 || !existsSync(snapshotPath)) {
      return failedSnapshot(
        options.script,
        {
          type: 'HarnessFailed',
          message: describeExit(`${options.python} -m allocdiff_harness`, run),
          output: lastLines(run.outputTail),
        },
        options.frames,
      );
    }
    const snapshot = await readSnapshot(snapshotPath);
    for (const scenario of snapshot.scenarios) {
      if (scenario.status === 'failed' && scenario.error)
        scenario.error.output = lastLines(run.outputTail);
    }
    return snapshot;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * Where the Python harness is, and what an interpreter says of itself (implementation, version,
 * platform, executable) for the measurement cache's keys. Light on purpose: the CLI imports it
 * before the rest of allocdiff, to ask the interpreter while the rest loads.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunFailure } from '../errors.js';
import { runProcess } from './process.js';

/** The interpreter the settings name when none is given (`python`). */
export const DEFAULT_PYTHON = 'python3';

/**
 * Where the Python harness is: `dist/harness`, beside the entry file or one folder up from the
 * chunk in `dist/chunks/` this code is bundled into; or `python/` in a source checkout (tests
 * run from source).
 */
export function harnessDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, 'harness'),
    join(here, '..', 'harness'),
    join(here, '..', '..', 'python'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'allocdiff_harness', '__main__.py')));
  if (!found)
    throw new RunFailure(
      `the allocdiff Python harness is missing (looked in ${candidates.join(', ')})`,
    );
  return found;
}

/** What an interpreter says of itself. */
export interface InterpreterFacts {
  executable: string;
  implementation: string;
  version: string;
  platform: string;
}

// Without `site` (-S), which tells none of this and is the slowest part of a start.
const PROBE =
  'import json, platform, sys; print(json.dumps({"implementation": ' +
  'platform.python_implementation(), "version": platform.python_version(), ' +
  '"platform": platform.platform(), "executable": sys.executable}))';

/** Each interpreter asked, by its name and environment: asked once per process. */
const asked = new Map<string, Promise<InterpreterFacts | string>>();

/**
 * What `python`, started with `env` (in the harness's folder, isolated from the user's site and
 * variables), says of itself; a string says why it could not tell. Asked once for each
 * interpreter and environment, however often it is wanted.
 */
export function askInterpreter(
  python: string,
  env: NodeJS.ProcessEnv,
): Promise<InterpreterFacts | string> {
  const key = JSON.stringify([
    python,
    Object.entries(env)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);
  let answer = asked.get(key);
  if (!answer) {
    answer = probe(python, env);
    asked.set(key, answer);
  }
  return answer;
}

async function probe(python: string, env: NodeJS.ProcessEnv): Promise<InterpreterFacts | string> {
  const result = await runProcess(python, ['-I', '-S', '-c', PROBE], {
    cwd: harnessDirectory(),
    env,
    onOutput: () => undefined,
    deadline: Date.now() + 60_000,
  });
  let facts: InterpreterFacts | undefined;
  try {
    facts = JSON.parse(result.outputTail.trim().split('\n').at(-1) ?? '') as InterpreterFacts;
  } catch {
    facts = undefined;
  }
  if (result.exitCode !== 0 || !facts?.version) {
    return `${python} could not tell its version (exit code ${result.exitCode})`;
  }
  return facts;
}

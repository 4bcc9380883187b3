// One measurement of `npm run bench`: makes one side's Python environment as a run with a
// `setup` does (src/capture/side-environment.ts), then removes it; just before, in the same
// process, a bare `python -m venv --system-site-packages --without-pip`, for comparison. Prints
// one JSON line of milliseconds, Node's own start-up left out.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runProcess } from '../src/capture/process.js';
import { SideEnvironments } from '../src/capture/side-environment.js';
import type { Logger } from '../src/log.js';

const python = process.argv[2] ?? 'python3';
const quiet: Logger = {
  group: (_title, body) => body(),
  info: () => undefined,
  warning: () => undefined,
  output: () => undefined,
};

const bare = join(await mkdtemp(join(tmpdir(), 'allocdiff-bench-venv-')), 'venv');
const venvStarted = performance.now();
const venv = await runProcess(
  python,
  ['-m', 'venv', '--system-site-packages', '--without-pip', bare],
  { cwd: tmpdir(), env: process.env, onOutput: () => undefined },
);
const venvMs = performance.now() - venvStarted;
await rm(join(bare, '..'), { recursive: true, force: true });
if (venv.exitCode !== 0) throw new Error(`python -m venv failed: ${venv.outputTail}`);

const environments = await SideEnvironments.create(python);
try {
  const started = performance.now();
  const active = await environments.base.activate(process.env, quiet, Date.now() + 600_000);
  const makeMs = performance.now() - started;
  if ('type' in active) throw new Error(active.message);
  console.log(JSON.stringify({ venvMs, makeMs }));
} finally {
  await environments.dispose();
}

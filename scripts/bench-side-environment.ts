// One measurement of `npm run bench`: makes one side's Python environment as a run with a
// `setup` does (src/capture/side-environment.ts), then removes it. Prints one JSON line: the
// milliseconds it took to make, Node's own start-up left out.
import { performance } from 'node:perf_hooks';
import { SideEnvironments } from '../src/capture/side-environment.js';
import type { Logger } from '../src/log.js';

const python = process.argv[2] ?? 'python3';
const quiet: Logger = {
  group: (_title, body) => body(),
  info: () => undefined,
  warning: () => undefined,
  output: () => undefined,
};
const environments = await SideEnvironments.create(python);
try {
  const started = performance.now();
  const active = await environments.base.activate(process.env, quiet, Date.now() + 600_000);
  const makeMs = performance.now() - started;
  if ('type' in active) throw new Error(active.message);
  console.log(JSON.stringify({ makeMs }));
} finally {
  await environments.dispose();
}

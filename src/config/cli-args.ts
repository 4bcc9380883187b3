import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { nodeFiles, type FileAccess } from './config-file.js';
import { loadConfig } from './load-config.js';
import type { TextConfig } from './schema.js';
import { DEFAULTS, settingsFromConfig, type Settings } from './settings.js';

/** The flag behind each configuration key, for messages. */
const FLAG_OF_KEY: Record<string, string> = { budgets: 'budget' };

function slashes(path: string): string {
  return path.split('\\').join('/');
}

export const CLI_HELP = `allocdiff: compare a Python benchmark's memory allocations between two commits

Usage:
  allocdiff --base REF [--script PATH | --command CMD] [options]

Runs PATH (or the config file's script) under tracemalloc in a checkout of REF (base) and
of --head (default: HEAD, or the working tree when it has changes), compares the allocations
by source line, checks the budgets and prints the report. With --command, every Python
process CMD starts is measured instead.

Options:
  --base REF         base commit, branch or tag (required)
  --head REF         head commit, branch or tag (default: HEAD, or, when the working tree has
                     uncommitted changes or untracked files that are not ignored, the working
                     tree on top of HEAD); --head HEAD measures the commit alone
  --script PATH      the benchmark script (required, unless the config file names it)
  --command CMD      instead of a script: a shell command run in each checkout, e.g.
                     "python -m mypkg.bench" or "pytest tests/perf"; each Python process it
                     starts is measured (with pytest, each test is a scenario)
  --setup CMD        shell command run in each checkout first, e.g. "pip install -e .", in a
                     virtual environment per side (your Python is left as it is)
  --budget RULES     budget rules, e.g. "peak: +5%, 64MB; retained: +100KB; site: +10KiB (warn)"
                     metrics: peak, retained, site, leak, count; limits: N<unit> (ceiling),
                     +N<unit> (growth), +N% (relative growth), -N% (improvement floor);
                     units B, KB, MB, GB (1000^n), KiB, MiB, GiB (1024^n); count limits: N, +N
  --config FILE      config file (default: allocdiff.yml, .github/allocdiff.yml or
                     [tool.allocdiff] in pyproject.toml, looked for up to the repository root)
  --fail-on LEVEL    fail (default), warn or never: which verdict makes the exit status non-zero
  --ignore GLOB      sites whose file matches are neither shown nor checked (repeatable)
  --minimum-change SIZE
                     sites whose size changed by less are not shown, e.g. 1KB
  --python EXE       Python interpreter (default: python3)
  --frames N         tracemalloc frames per traceback (default: 1); above 1, the top changed
                     sites get tracebacks from a second, traced run per side
  --repeats N        measurements per side, to tell leaks and noise apart (default: 3)
  --iterations N     leak check: N more calls of each bench_* function (default: 0, off)
  --timeout-minutes M
                     minutes a side may take before it is stopped and reported failed (default: 30)
  --peak-sites WHEN  find the sites that held memory at the peak, with a hooked run per side:
                     auto (default: when a scenario's peak changed), true (always) or false
  --parallel BOOL    measure base and head at once (default: true, on 2 or more cores)
  --object-types BOOL
                     false: do not count live objects by type (default: true)
  --top N            changed sites listed per scenario, grown and shrunk each (default: 10)
  --repo DIR         the git repository (default: the current directory)
  --key KEY          report key, when several reports share a pull request (default: default)
  --json FILE        write the JSON report here (default: <tmp>/allocdiff/report.json)
  --markdown FILE    write the Markdown comment here (default: <tmp>/allocdiff/report.md)
  -h, --help         show this help
  -v, --version      show the version

Flags win over the config file, which wins over the defaults.

Exit codes: 0 within budget (or the verdict is below --fail-on), 1 a budget was exceeded,
            2 usage or configuration error, 3 benchmark or git failure (a side that raised,
            or could not be run).
`;

export type CliCommand =
  { kind: 'help' } | { kind: 'version' } | { kind: 'run'; settings: Settings };

/** Turns the command line into settings; every mistake is a UsageError that says what to do. */
export function parseCliArgs(
  argv: readonly string[],
  cwd = process.cwd(),
  files: FileAccess = nodeFiles,
): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        base: { type: 'string' },
        head: { type: 'string' },
        script: { type: 'string' },
        command: { type: 'string' },
        setup: { type: 'string' },
        budget: { type: 'string' },
        config: { type: 'string' },
        'fail-on': { type: 'string' },
        ignore: { type: 'string', multiple: true },
        'minimum-change': { type: 'string' },
        python: { type: 'string' },
        frames: { type: 'string' },
        repeats: { type: 'string' },
        iterations: { type: 'string' },
        'timeout-minutes': { type: 'string' },
        'peak-sites': { type: 'string' },
        parallel: { type: 'string' },
        'object-types': { type: 'string' },
        top: { type: 'string' },
        repo: { type: 'string' },
        key: { type: 'string' },
        json: { type: 'string' },
        markdown: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nRun "allocdiff --help" for the options.`);
  }
  const values = parsed.values;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (!values.base)
    throw new UsageError('--base is required: the ref to compare against, e.g. --base main');

  const repoDir = resolve(cwd, values.repo ?? '.');
  const flags: TextConfig = {
    // Like any path on a command line, the script is relative to where the user stands; the
    // pipeline makes it relative to the repository root, where the sides are checked out.
    script:
      values.script === undefined
        ? undefined
        : slashes(relative(repoDir, resolve(cwd, values.script))),
    command: values.command,
    setup: values.setup,
    python: values.python,
    frames: values.frames,
    repeats: values.repeats,
    iterations: values.iterations,
    'timeout-minutes': values['timeout-minutes'],
    'peak-sites': values['peak-sites'],
    parallel: values.parallel,
    'object-types': values['object-types'],
    'fail-on': values['fail-on'],
    'minimum-change': values['minimum-change'],
    ignore: values.ignore?.join('\n'),
    budgets: values.budget,
    top: values.top,
  };
  const config = loadConfig({
    projectDir: repoDir,
    ...(values.config !== undefined ? { configPath: resolve(cwd, values.config) } : {}),
    inputs: Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined)),
    nameInput: (key) => `--${FLAG_OF_KEY[key] ?? key}`,
    files,
  });
  if (!config.script && !config.command)
    throw new UsageError(
      '--script or --command is required (or script or command in the config file): the ' +
        'benchmark file, e.g. --script benchmarks/memory.py, or a command whose Python ' +
        'processes are measured, e.g. --command "pytest tests/perf"',
    );

  const outDir = join(tmpdir(), 'allocdiff');
  return {
    kind: 'run',
    settings: {
      repoDir,
      base: values.base,
      head: values.head ?? 'HEAD',
      workingTree: values.head === undefined ? 'measure' : 'mention',
      ...settingsFromConfig(config),
      key: values.key ?? DEFAULTS.key,
      jsonPath: resolve(cwd, values.json ?? join(outDir, 'report.json')),
      markdownPath: resolve(cwd, values.markdown ?? join(outDir, 'report.md')),
    },
  };
}

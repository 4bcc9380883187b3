import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BudgetSyntaxError, parseBudgetRules } from '../budgets/rules.js';
import { UsageError } from '../errors.js';
import { DEFAULTS, type Settings } from './settings.js';

export const CLI_HELP = `allocdiff: compare a Python benchmark's memory allocations between two commits

Usage:
  allocdiff --base REF --script PATH [options]

Runs PATH under tracemalloc in a checkout of REF (base) and of --head (default HEAD),
compares the allocations by source line, checks the budgets and prints the report.

Options:
  --base REF         base commit, branch or tag (required)
  --head REF         head commit, branch or tag (default: HEAD)
  --script PATH      the benchmark script (required)
  --setup CMD        shell command run in each checkout first, e.g. "pip install -e ."
  --budget RULES     budget rules, e.g. "peak: +5%; retained: +100KB"
                     metrics: peak, retained, site; limits: +N% (growth), +N<unit> (growth),
                     N<unit> (ceiling); units B, KB, MB, GB (1000^n), KiB, MiB, GiB (1024^n)
  --python EXE       Python interpreter (default: python3)
  --frames N         tracemalloc frames per traceback (default: 1)
  --repo DIR         the git repository (default: the current directory)
  --key KEY          report key, when several reports share a pull request (default: default)
  --json FILE        write the JSON report here (default: <tmp>/allocdiff/report.json)
  --markdown FILE    write the Markdown comment here (default: <tmp>/allocdiff/report.md)
  -h, --help         show this help
  -v, --version      show the version

Exit codes: 0 within budget, 1 budget exceeded, 2 usage or configuration error,
            3 benchmark or git failure (a side that raised, or could not be run).
`;

export type CliCommand =
  { kind: 'help' } | { kind: 'version' } | { kind: 'run'; settings: Settings };

/** Turns the command line into settings; every mistake is a UsageError that says what to do. */
export function parseCliArgs(argv: readonly string[], cwd = process.cwd()): CliCommand {
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
        setup: { type: 'string' },
        budget: { type: 'string' },
        python: { type: 'string' },
        frames: { type: 'string' },
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
  if (!values.script)
    throw new UsageError(
      '--script is required: the benchmark file, e.g. --script benchmarks/memory.py',
    );

  let budgetRules;
  try {
    budgetRules = parseBudgetRules(values.budget ?? '');
  } catch (error) {
    if (error instanceof BudgetSyntaxError) throw new UsageError(`--budget: ${error.message}`);
    throw error;
  }
  const frames = values.frames === undefined ? DEFAULTS.frames : Number(values.frames);
  if (!Number.isInteger(frames) || frames < 1) {
    throw new UsageError(`--frames must be a whole number ≥ 1, got "${values.frames}"`);
  }

  const repoDir = resolve(cwd, values.repo ?? '.');
  // Like any path on a command line, the script is relative to where the user stands; the
  // pipeline makes it relative to the repository root, where the sides are checked out.
  const script = relative(repoDir, resolve(cwd, values.script));
  const outDir = join(tmpdir(), 'allocdiff');
  return {
    kind: 'run',
    settings: {
      repoDir,
      base: values.base,
      head: values.head ?? 'HEAD',
      script: script.split('\\').join('/'),
      setup: values.setup,
      budgetRules,
      python: values.python ?? DEFAULTS.python,
      frames,
      key: values.key ?? DEFAULTS.key,
      jsonPath: resolve(cwd, values.json ?? join(outDir, 'report.json')),
      markdownPath: resolve(cwd, values.markdown ?? join(outDir, 'report.md')),
    },
  };
}

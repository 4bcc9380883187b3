import { mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/config/cli-args.js';
import type { FileAccess } from '../../src/config/config-file.js';
import type { Settings } from '../../src/config/settings.js';
import { ExitCode, UsageError } from '../../src/errors.js';

const REPO = '/home/dev/project';

// The CLI makes its report folder in the temporary folder: this file's own, removed at the end.
let temp: string;
const tmpBefore = process.env.TMPDIR;
beforeAll(() => {
  temp = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-cli-args-'));
  process.env.TMPDIR = temp;
});
afterAll(() => {
  if (tmpBefore === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = tmpBefore;
  rmSync(temp, { recursive: true, force: true });
});
const REQUIRED = ['--base', 'main', '--script', 'benchmarks/memory.py'];

/** The repository as the CLI sees it: a .git folder, and whatever files a test adds. */
function repoFiles(files: Record<string, string> = {}): FileAccess {
  const tree: Record<string, string> = { [`${REPO}/.git/HEAD`]: 'ref: refs/heads/main\n' };
  for (const [path, text] of Object.entries(files)) tree[`${REPO}/${path}`] = text;
  return {
    exists: (path) => path in tree || Object.keys(tree).some((f) => f.startsWith(`${path}/`)),
    read: (path) => tree[path],
  };
}

function settings(argv: string[], cwd = REPO, files = repoFiles()): Settings {
  const command = parseCliArgs(argv, cwd, files);
  if (command.kind !== 'run') throw new Error(`expected a run, got ${command.kind}`);
  return command.settings;
}

/** The benchmark's script, or command: undefined when the benchmark is the other kind. */
function scriptOf(run: Settings): string | undefined {
  return run.benchmark.kind === 'script' ? run.benchmark.script : undefined;
}
function commandOf(run: Settings): string | undefined {
  return run.benchmark.kind === 'command' ? run.benchmark.command : undefined;
}

/** The UsageError parseCliArgs throws for argv. */
function usageError(argv: string[], cwd = REPO, files = repoFiles()): UsageError {
  try {
    parseCliArgs(argv, cwd, files);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`expected a UsageError for ${argv.join(' ')}`);
}

describe('parseCliArgs: help and version', () => {
  it.each([['--help'], ['-h']])('asks for help with %s', (flag) => {
    expect(parseCliArgs([flag], REPO)).toEqual({ kind: 'help' });
  });

  it.each([['--version'], ['-v']])('asks for the version with %s', (flag) => {
    expect(parseCliArgs([flag], REPO)).toEqual({ kind: 'version' });
  });

  it('answers help before complaining about missing flags or bad values', () => {
    expect(parseCliArgs(['--frames', 'zero', '--help'], REPO)).toEqual({ kind: 'help' });
  });
});

describe('parseCliArgs: mistakes are usage errors (exit code 2) that say what to do', () => {
  it('requires --base, with an example', () => {
    const error = usageError(['--script', 'bench.py']);
    expect(error.exitCode).toBe(ExitCode.Usage);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^--base is required/);
    expect(error.message).toContain('--base main');
  });

  it('requires --script or --command, with an example of each', () => {
    const error = usageError(['--base', 'main']);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^--script or --command is required/);
    expect(error.message).toContain('--script benchmarks/');
    expect(error.message).toContain('--command "pytest tests/perf"');
  });

  it('takes --command instead of --script, and refuses both', () => {
    const run = settings(['--base', 'main', '--command', 'pytest tests/perf']);
    expect(commandOf(run)).toBe('pytest tests/perf');
    expect(scriptOf(run)).toBeUndefined();
    const error = usageError(['--base', 'main', '--command', 'pytest', '--script', 'b.py']);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      '--command: cannot be given with --script; give one: script (a benchmark file) or ' +
        'command (a shell command to measure)',
    );
  });

  it('lets --command replace the config file’s script, and --script its command', () => {
    const withScript = repoFiles({ 'allocdiff.yml': 'script: bench.py\nframes: 2\n' });
    const run = settings(['--base', 'main', '--command', 'make bench'], REPO, withScript);
    expect(run).toMatchObject({
      benchmark: { kind: 'command', command: 'make bench', workingDirectory: '.' },
      frames: 2,
    });
    expect(scriptOf(run)).toBeUndefined();
    const withCommand = repoFiles({ 'allocdiff.yml': 'command: pytest\n' });
    const other = settings(['--base', 'main', '--script', 'b.py'], REPO, withCommand);
    expect(scriptOf(other)).toBe('b.py');
    expect(commandOf(other)).toBeUndefined();
    expect(commandOf(settings(['--base', 'main'], REPO, withCommand))).toBe('pytest');
  });

  it('asks for --base first when both are missing', () => {
    expect(usageError(['--top', '3']).message).toMatch(/^--base is required/);
  });

  it('answers no arguments at all with the usage', () => {
    expect(parseCliArgs([], REPO, repoFiles())).toEqual({ kind: 'usage' });
  });

  it.each([
    ['--scirpt', 'script'],
    ['--bsae', 'base'],
    ['--peaksites', 'peak-sites'],
    ['--no-paralel', 'no-parallel'],
    ['--failon=warn', 'fail-on'],
    ['--verison', 'version'],
  ])('says which option %s most likely meant', (typo, meant) => {
    const error = usageError([...REQUIRED, typo]);
    expect(error.message).toContain(`unknown option --${typo.slice(2).split('=')[0]}; `);
    expect(error.message).toContain(`did you mean --${meant}?`);
    expect(error.message).toContain('allocdiff --help');
  });

  it('names an unknown option that resembles none without guessing', () => {
    const error = usageError([...REQUIRED, '--frobnicate']);
    expect(error.message).toMatch(/^unknown option --frobnicate\n/);
  });

  it('refuses a value on a --no- toggle', () => {
    expect(usageError([...REQUIRED, '--no-parallel=true']).message).toContain(
      '--no-parallel takes no value',
    );
  });

  it('refuses --json - with --markdown -: stdout takes one of them', () => {
    expect(usageError([...REQUIRED, '--json', '-', '--markdown', '-']).message).toContain(
      'both ask for stdout',
    );
  });

  it.each([['0'], ['1.5'], ['two'], ['-1'], ['']])('rejects --frames=%s, quoting it', (value) => {
    const error = usageError([...REQUIRED, `--frames=${value}`]);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`--frames: got "${value}"; expected a whole number ≥ 1`);
  });

  it('names each bad flag, all at once', () => {
    const error = usageError([
      ...REQUIRED,
      '--fail-on',
      'sometimes',
      '--minimum-change',
      '1kb',
      '--ignore',
      'ok/**',
      '--ignore',
      '[oops',
    ]);
    expect(error.exitCode).toBe(2);
    expect(error.message.split('\n')).toEqual([
      '--fail-on: got "sometimes"; expected one of fail, warn, never',
      expect.stringMatching(
        /^--minimum-change: "1kb" is not a size; expected N<unit>, units: B, KB/,
      ),
      expect.stringMatching(
        /^--ignore: "\[oops" is not a valid glob: at character 1, \[ is not closed/,
      ),
    ]);
  });

  it('requires --script when the config file does not name one', () => {
    const error = usageError(
      ['--base', 'main'],
      REPO,
      repoFiles({ 'allocdiff.yml': 'frames: 2\n' }),
    );
    expect(error.message).toMatch(
      /^--script or --command is required \(or script or command in the config file\)/,
    );
  });

  it('names the config file, line and key of a problem in it', () => {
    const files = repoFiles({ '.github/allocdiff.yml': 'budgets:\n  peak: 5%\n' });
    expect(usageError(REQUIRED, REPO, files).message).toMatch(
      /^\.github\/allocdiff\.yml:2: budgets\.peak: "5%" is not a limit/,
    );
  });

  it('says when the --config file is missing', () => {
    expect(usageError([...REQUIRED, '--config', 'ci/none.yml']).message).toBe(
      'ci/none.yml: config file not found; give a path relative to the project, e.g. ci/allocdiff.yml',
    );
  });

  it('rejects a bad budget, quoting the rule and saying what is allowed', () => {
    const error = usageError([...REQUIRED, '--budget', 'peak: +5%; retained +100KB']);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^--budget: /);
    expect(error.message).toContain('"retained +100KB"');
    expect(error.message).toContain('expected "metric: limit"');
  });

  it('rejects an unknown limit, listing the units', () => {
    const error = usageError([...REQUIRED, '--budget', 'peak: 5 TB']);
    expect(error.message).toContain('"5 TB" is not a limit');
    expect(error.message).toContain('KiB');
  });

  it('rejects an unknown flag and points at --help', () => {
    const error = usageError([...REQUIRED, '--bsae', 'main']);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('--bsae');
    expect(error.message).toContain('allocdiff --help');
  });

  it('rejects a stray positional argument', () => {
    const error = usageError([...REQUIRED, 'extra']);
    expect(error.message).toContain('extra');
    expect(error.message).toContain('allocdiff --help');
  });

  it('rejects a flag that is missing its value', () => {
    expect(usageError(['--script', 'bench.py', '--base']).exitCode).toBe(2);
  });
});

describe('parseCliArgs: settings', () => {
  it('fills in the defaults', () => {
    expect(settings(REQUIRED)).toEqual({
      repoDir: REPO,
      base: 'main',
      head: 'HEAD',
      workingTree: 'measure',
      benchmark: { kind: 'script', script: 'benchmarks/memory.py' },
      setup: undefined,
      budgets: { rules: [], overrides: [] },
      ignore: [],
      minimumChange: 0,
      failOn: 'fail',
      topSites: 10,
      python: 'python3',
      frames: 1,
      repeats: 3,
      iterations: 0,
      timeoutMinutes: 30,
      peakSites: 'auto',
      objectTypes: true,
      objectTypesTests: 5,
      retentionPaths: 3,
      skipUnchanged: true,
      selectTests: false,
      key: 'default',
      jsonPath: expect.stringMatching(/\/allocdiff-\w{6}\/report\.json$/),
      markdownPath: expect.stringMatching(/\/allocdiff-\w{6}\/report\.md$/),
    });
  });

  it('writes the reports to a new private folder of each run, never to a shared path', () => {
    // Another user's link where a fixed path would be: it is never followed.
    symlinkSync(join(temp, 'elsewhere'), join(temp, 'allocdiff'));
    const first = settings(REQUIRED);
    const second = settings(REQUIRED);
    const folder = dirname(first.jsonPath);
    expect(dirname(folder)).toBe(temp);
    expect(dirname(first.markdownPath)).toBe(folder);
    expect(dirname(second.jsonPath)).not.toBe(folder);
    const stats = statSync(folder);
    expect(stats.isDirectory()).toBe(true);
    expect(stats.mode & 0o777).toBe(0o700);
    expect(stats.uid).toBe(process.getuid!());
    expect(readdirSync(folder)).toEqual([]);

    // Both paths given: no folder is made.
    const before = readdirSync(temp).length;
    settings([...REQUIRED, '--json', '/tmp/x/r.json', '--markdown', '/tmp/x/r.md']);
    expect(readdirSync(temp)).toHaveLength(before);
    // A bad command line makes none either.
    usageError(['--base', 'main']);
    expect(readdirSync(temp)).toHaveLength(before);
  });

  it('takes every option', () => {
    const result = settings([
      ...REQUIRED,
      '--head',
      'feature',
      '--setup',
      'pip install -e .',
      '--budget',
      'peak: +5%, 64MB; site: +10KiB',
      '--python',
      '/usr/bin/python3.12',
      '--frames',
      '10',
      '--top',
      '3',
      '--key',
      'nightly',
      '--json',
      'out/report.json',
      '--markdown',
      '/tmp/x/report.md',
    ]);
    expect(result).toMatchObject({
      head: 'feature',
      workingTree: 'mention',
      setup: 'pip install -e .',
      python: '/usr/bin/python3.12',
      frames: 10,
      topSites: 3,
      key: 'nightly',
      jsonPath: `${REPO}/out/report.json`,
      markdownPath: '/tmp/x/report.md',
    });
    expect(result.budgets.rules.map((rule) => rule.source)).toEqual([
      'peak: +5%, 64MB',
      'site: +10KiB',
    ]);
  });

  it('takes the budget options', () => {
    expect(
      settings([
        ...REQUIRED,
        '--fail-on',
        'warn',
        '--minimum-change',
        '1 KiB',
        '--ignore',
        'site-packages/**',
        '--ignore',
        '<stdlib>/**',
      ]),
    ).toMatchObject({
      failOn: 'warn',
      minimumChange: 1_024,
      ignore: ['site-packages/**', '<stdlib>/**'],
    });
  });

  it('reads the config file: the script and budgets may come from it', () => {
    const files = repoFiles({
      'pyproject.toml':
        '[tool.allocdiff]\nscript = "bench/memory.py"\nfail-on = "never"\n' +
        '[tool.allocdiff.budgets]\nretained = "+1MB"\n',
    });
    const result = settings(['--base', 'main'], REPO, files);
    expect(result).toMatchObject({
      benchmark: { kind: 'script', script: 'bench/memory.py' },
      failOn: 'never',
      configFile: 'pyproject.toml',
    });
    expect(result.budgets.rules.map((rule) => rule.source)).toEqual(['retained: +1MB']);
  });

  it('lets flags win over the config file', () => {
    const files = repoFiles({
      'allocdiff.yml': 'script: a.py\nfail-on: never\nbudgets: "peak: 1GB"\n',
    });
    const result = settings(
      ['--base', 'main', '--script', 'b.py', '--fail-on', 'warn', '--budget', 'peak: 2GB'],
      REPO,
      files,
    );
    expect(result).toMatchObject({
      benchmark: { kind: 'script', script: 'b.py' },
      failOn: 'warn',
    });
    expect(result.budgets.rules.map((rule) => rule.source)).toEqual(['peak: 2GB']);
  });

  // The file's script is relative to the file; settings hold it relative to the project folder.
  it('reads --config relative to where it runs', () => {
    const files = repoFiles({ 'ci/memory.yml': 'script: bench.py\nframes: 3\n' });
    expect(
      settings(['--base', 'main', '--config', '../ci/memory.yml'], `${REPO}/docs`, files),
    ).toMatchObject({
      repoDir: `${REPO}/docs`,
      benchmark: { kind: 'script', script: '../ci/bench.py' },
      frames: 3,
      configFile: '/home/dev/project/ci/memory.yml',
    });
  });

  it('accepts --flag=value', () => {
    expect(settings(['--base=v1.2', '--script=bench.py', '--frames=3'])).toMatchObject({
      base: 'v1.2',
      benchmark: { kind: 'script', script: 'bench.py' },
      frames: 3,
    });
  });

  it('resolves --repo against the current directory', () => {
    expect(settings([...REQUIRED, '--repo', '../other'], `${REPO}/docs`).repoDir).toBe(
      '/home/dev/project/other',
    );
  });

  it('normalises the script path', () => {
    expect(scriptOf(settings(['--base', 'main', '--script', './benchmarks/../bench/mem.py']))).toBe(
      'bench/mem.py',
    );
  });

  it('writes the script path with forward slashes', () => {
    expect(scriptOf(settings(['--base', 'main', '--script', 'bench\\mem.py']))).toBe(
      'bench/mem.py',
    );
  });

  it('makes an absolute script path relative to the repository', () => {
    expect(scriptOf(settings(['--base', 'main', '--script', `${REPO}/bench/mem.py`]))).toBe(
      'bench/mem.py',
    );
  });

  // Like any command-line path, --script is relative to where the user stands.
  it('makes the script relative to the repository root from a subfolder', () => {
    expect(
      scriptOf(
        settings(['--base', 'main', '--repo', '..', '--script', 'memory.py'], `${REPO}/bench`),
      ),
    ).toBe('bench/memory.py');
  });

  it('makes an absolute script path relative to the --repo root', () => {
    expect(
      scriptOf(
        settings(
          ['--base', 'main', '--repo', REPO, '--script', `${REPO}/bench/memory.py`],
          `${REPO}/bench`,
        ),
      ),
    ).toBe('bench/memory.py');
  });
});

describe('parseCliArgs: toggles', () => {
  it.each([
    [['--parallel'], true],
    [['--no-parallel'], false],
    [['--parallel=false'], false],
    [['--parallel', 'false'], false],
    [['--parallel', '--top', '3'], true],
  ])('reads %j as parallel %s', (flags, parallel) => {
    expect(settings([...REQUIRED, ...flags]).parallel).toBe(parallel);
  });

  it.each([
    [['--object-types'], true],
    [['--no-object-types'], false],
    [['--object-types=false'], false],
  ])('reads %j as object-types %s', (flags, objectTypes) => {
    expect(settings([...REQUIRED, ...flags]).objectTypes).toBe(objectTypes);
  });

  it.each([
    [['--peak-sites'], true],
    [['--no-peak-sites'], false],
    [['--peak-sites=auto'], 'auto'],
    [['--peak-sites', 'auto'], 'auto'],
    [['--peak-sites', '--no-parallel'], true],
    [[], 'auto'],
  ])('reads %j as peak-sites %s', (flags, peakSites) => {
    expect(settings([...REQUIRED, ...flags]).peakSites).toBe(peakSites);
  });

  it('lets --no-NAME win over the config file', () => {
    const files = repoFiles({ 'allocdiff.yml': 'object-types: true\nparallel: true\n' });
    const run = settings([...REQUIRED, '--no-object-types', '--no-parallel'], REPO, files);
    expect(run.objectTypes).toBe(false);
    expect(run.parallel).toBe(false);
  });

  it('still names a bad value of a toggle', () => {
    expect(usageError([...REQUIRED, '--parallel=maybe']).message).toMatch(/--parallel.*maybe/);
  });
});

describe('parseCliArgs: - sends a report to stdout', () => {
  it.each([
    ['--json', 'report', 'report.json'],
    ['--markdown', 'comment', 'report.md'],
  ])(
    '%s - names that output for stdout and still writes its file privately',
    (flag, output, file) => {
      const command = parseCliArgs([...REQUIRED, flag, '-'], REPO, repoFiles());
      expect(command.kind === 'run' && command.stdout).toBe(output);
      const run = settings([...REQUIRED, flag, '-']);
      const path = flag === '--json' ? run.jsonPath : run.markdownPath;
      expect(path.endsWith(`/${file}`)).toBe(true);
      expect(path.startsWith(join(temp, 'allocdiff-'))).toBe(true);
    },
  );

  it('sends nothing to stdout without -', () => {
    const command = parseCliArgs(REQUIRED, REPO, repoFiles());
    expect(command.kind === 'run' && command.stdout).toBeUndefined();
  });
});

describe('parseCliArgs: --env', () => {
  it('names the further variables pull-request code receives, flag by flag', () => {
    expect(settings([...REQUIRED, '--env', 'DATABASE_URL', '--env', 'AWS_REGION']).passEnv).toEqual(
      ['DATABASE_URL', 'AWS_REGION'],
    );
    expect(settings(REQUIRED).passEnv).toBeUndefined();
  });

  it("refuses the action's own variables", () => {
    expect(usageError([...REQUIRED, '--env', 'GITHUB_TOKEN']).message).toMatch(
      /--env: GITHUB_TOKEN is the action's own/,
    );
  });

  it('is not a config-file key: the pull request cannot widen it', () => {
    const files = repoFiles({ 'allocdiff.yml': 'env: DATABASE_URL\n' });
    expect(usageError(REQUIRED, REPO, files).message).toMatch(/env/);
  });
});

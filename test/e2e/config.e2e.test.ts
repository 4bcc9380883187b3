// The configuration end to end: each place a config file can live, precedence, fail-on, the
// report's budget table, and each kind of configuration error, through the bundled CLI.
import { runCommand } from '../support/run-cli.js';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepoFromTrees } from '../../scripts/example-repo.mjs';
import type { Report } from '../../src/report/report.js';
import { declaredNode, PROJECT_ROOT } from '../support/action-runner.js';
import { writeTree } from '../support/trees.js';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const cleanup: string[] = [];

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

// Base keeps 1,000 short strings; head keeps 5,000 more on a new line (well over 250 KB).
const base = { 'bench.py': 'data = [str(i) for i in range(1000)]\n' };
const head = {
  'bench.py': 'data = [str(i) for i in range(1000)]\nmore = [str(i) for i in range(5000)]\n',
};

/** A repository whose two commits are base and head, plus files written beside them. */
function project(files: Record<string, string> = {}) {
  const trees = [writeTree(base), writeTree(head)];
  const repo = createRepoFromTrees(trees);
  cleanup.push(repo.dir, ...trees);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo.dir, path)), { recursive: true });
    writeFileSync(join(repo.dir, path), text);
  }
  return repo.dir;
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  report: () => Report;
}

async function allocdiff(cwd: string, ...args: string[]): Promise<CliRun> {
  const json = join(cwd, '..', `${cwd.split('/').pop()}-${cleanup.length}.json`);
  cleanup.push(json);
  const result = await runCommand(
    declaredNode(),
    [CLI, '--base', 'HEAD~1', '--json', json, ...args],
    { cwd },
  );
  return {
    code: result.code,
    stdout: result.stdout,
    stderr: result.stderr,
    report: () => JSON.parse(readFileSync(json, 'utf8')) as Report,
  };
}

describe('where the config lives', () => {
  it('reads allocdiff.yml: script, budgets and levels, and fails on a fail-level budget', async () => {
    const dir = project({
      'allocdiff.yml': [
        'script: bench.py',
        'budgets:',
        '  retained: +10KB',
        '  peak: { limit: 1GB, level: warn }',
      ].join('\n'),
    });
    const run = await allocdiff(dir);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('configuration: allocdiff.yml');
    const report = run.report();
    expect(report.configFile).toBe('allocdiff.yml');
    expect(report.verdict).toBe('fail');
    // A budgets table lists its rules metric by metric: peak, retained, site, leak, count.
    expect(report.budgets).toMatchObject([
      { rule: 'peak: 1GB (warn)', limit: '1GB', status: 'pass', level: 'warn' },
      {
        rule: 'retained: +10KB',
        scenario: 'bench.py',
        limit: '+10KB',
        status: 'fail',
        level: 'fail',
      },
    ]);
    expect(run.stdout).toMatch(
      /FAIL: caused by bench\.py:2: .*; memory budget exceeded: retained of bench\.py is \+\d/,
    );
  });

  it('reads .github/allocdiff.yml', async () => {
    const dir = project({
      '.github/allocdiff.yml': 'script: bench.py\nbudgets: "retained: +10MB"\n',
    });
    const run = await allocdiff(dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.report()).toMatchObject({
      configFile: '.github/allocdiff.yml',
      verdict: 'pass',
      budgets: [{ rule: 'retained: +10MB', status: 'pass' }],
    });
  });

  it('reads [tool.allocdiff] in pyproject.toml', async () => {
    const dir = project({
      'pyproject.toml': [
        '[project]',
        'name = "bench"',
        '',
        '[tool.allocdiff]',
        'script = "bench.py"',
        '',
        '[tool.allocdiff.budgets]',
        'count = "+100"',
      ].join('\n'),
    });
    const run = await allocdiff(dir);
    expect(run.code, run.stderr).toBe(1);
    const [count] = run.report().budgets;
    expect(count).toMatchObject({ rule: 'count: +100', status: 'fail' });
    expect(Number(count.actual.replace(/[+,]/g, ''))).toBeGreaterThan(5_000);
  });

  it('reads the file --config names, relative to where it runs', async () => {
    const dir = project({ 'ci/memory.yml': 'budgets:\n  retained: +10MB\n  site: +1KB (warn)\n' });
    mkdirSync(join(dir, 'docs'));
    const run = await allocdiff(
      join(dir, 'docs'),
      '--repo',
      '..',
      '--script',
      '../bench.py',
      '--config',
      '../ci/memory.yml',
    );
    expect(run.code, run.stderr).toBe(0);
    const report = run.report();
    expect(report).toMatchObject({ configFile: 'ci/memory.yml', verdict: 'warn' });
    expect(report.budgets[1]).toMatchObject({ status: 'warn', site: 'bench.py:2' });
    expect(run.stdout).toMatch(
      /WARN: caused by bench\.py:2: .*; memory budget warning: site bench\.py:2 of bench\.py/,
    );
  });
});

describe('precedence and fail-on', () => {
  const file = {
    'allocdiff.yml': 'script: bench.py\nfail-on: never\nbudgets: "retained: +10KB"\n',
  };

  it('takes fail-on from the file: never fails, whatever the verdict', async () => {
    const run = await allocdiff(project(file));
    expect(run.code, run.stderr).toBe(0);
    expect(run.report().verdict).toBe('fail');
    expect(run.stdout).toMatch(/FAIL: caused by bench\.py:2: .*; memory budget exceeded/);
  });

  it('lets flags win over the file', async () => {
    const dir = project(file);
    expect((await allocdiff(dir, '--fail-on', 'fail')).code).toBe(1);
    const relaxed = await allocdiff(dir, '--fail-on', 'fail', '--budget', 'retained: +10MB');
    expect(relaxed.code, relaxed.stderr).toBe(0);
    expect(relaxed.report().budgets.map((b) => b.rule)).toEqual(['retained: +10MB']);
  });

  it('fails on warnings with --fail-on warn: an override that matches no scenario', async () => {
    const dir = project({
      'allocdiff.yml': [
        'script: bench.py',
        'scenarios:',
        '  "bench_export*":',
        '    budgets: { peak: 1GB }',
      ].join('\n'),
    });
    const lenient = await allocdiff(dir);
    expect(lenient.code, lenient.stderr).toBe(0);
    const warning =
      'allocdiff.yml: scenarios."bench_export*" matches no scenario (scenarios: "bench.py"); ' +
      'its budgets were not checked: "peak: 1GB"';
    expect(lenient.stderr).toContain(`warning: ${warning}`);
    expect(lenient.report()).toMatchObject({ verdict: 'warn', warnings: [warning] });
    expect((await allocdiff(dir, '--fail-on', 'warn')).code).toBe(1);
  });

  it('hides ignored and small sites from the report, and ignored ones from budgets', async () => {
    const dir = project({ 'allocdiff.yml': 'script: bench.py\nbudgets: { site: +1KB }\n' });
    const strict = await allocdiff(dir);
    expect(strict.code).toBe(1);
    expect(strict.report().budgets[0]).toMatchObject({ status: 'fail', site: 'bench.py:2' });

    const ignoring = await allocdiff(dir, '--ignore', 'bench.py');
    expect(ignoring.code, ignoring.stderr).toBe(0);
    const report = ignoring.report();
    expect(report.scenarios[0].sites).toEqual([]);
    expect(report.budgets[0]).toMatchObject({ status: 'pass', actual: 'no changed site' });
    expect(report.hiddenSites?.ignored).toBeGreaterThan(0);

    const small = await allocdiff(dir, '--minimum-change', '1GB', '--fail-on', 'never');
    expect(small.report().scenarios[0].sites).toEqual([]);
    // Budgets still saw the site that is not shown.
    expect(small.report().budgets[0]).toMatchObject({ status: 'fail', site: 'bench.py:2' });
  });
});

describe('configuration errors: exit 2, one line per problem, never a stack trace', () => {
  /** Runs with a config that cannot load: nothing is measured. */
  async function rejected(files: Record<string, string>, ...args: string[]): Promise<string[]> {
    const run = await allocdiff(project(files), ...args);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain('Resolving base');
    const [first, ...rest] = run.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^allocdiff: /);
    return [first.slice('allocdiff: '.length), ...rest];
  }

  it('names unknown keys with the one most likely meant and the allowed ones', async () => {
    expect(await rejected({ 'allocdiff.yml': 'script: bench.py\nbudget: "peak: +5%"\n' })).toEqual([
      'allocdiff.yml:2: budget: unknown key; did you mean budgets? allowed: script, command, setup, python, frames, repeats, ' +
        'iterations, timeout-minutes, peak-sites, parallel, object-types, object-types-tests, retention-paths, skip-unchanged, select-tests, fail-on, minimum-change, ignore, ' +
        'budgets, scenarios, top, comment',
    ]);
  });

  it('names wrong types, with the value', async () => {
    expect(
      await rejected({ 'allocdiff.yml': 'script: bench.py\nframes: many\nfail-on: [fail]\n' }),
    ).toEqual([
      'allocdiff.yml:2: frames: got "many"; expected a whole number ≥ 1',
      'allocdiff.yml:3: fail-on: got a list; expected one of fail, warn, never',
    ]);
  });

  it('names malformed sizes and percentages by key path, in TOML too', async () => {
    const problems = await rejected({
      'pyproject.toml':
        '[tool.allocdiff]\nscript = "bench.py"\nminimum-change = "1 kb"\n' +
        '[tool.allocdiff.budgets]\npeak = ["+5%", "5%"]\n',
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^pyproject\.toml: tool\.allocdiff\.minimum-change: "1 kb" is not a size; expected N<unit>, units: B, KB/,
    );
    expect(problems[1]).toMatch(
      /^pyproject\.toml: tool\.allocdiff\.budgets\.peak\[1\]: "5%" is not a limit \(a percentage needs a sign: \+N% \(max growth\) or -N% \(improvement floor\)\); a limit is/,
    );
  });

  it('names bad globs', async () => {
    expect(
      await rejected({ '.github/allocdiff.yml': 'script: bench.py\nignore: ["tests/[a"]\n' }),
    ).toEqual([
      '.github/allocdiff.yml:2: ignore[0]: "tests/[a" is not a valid glob: at character 7, [ is ' +
        'not closed; close the set with ], or write \\[ to match a bracket',
    ]);
  });

  it('names bad flags and inline rules', async () => {
    expect(
      await rejected(
        {},
        '--script',
        'bench.py',
        '--fail-on',
        'sometimes',
        '--budget',
        'peak: +5; heap: 1MB',
      ),
    ).toEqual([
      '--fail-on: got "sometimes"; expected one of fail, warn, never',
      expect.stringMatching(
        /^--budget: budget rule "peak: \+5": "\+5" is not a limit \(a size needs a unit/,
      ),
      '--budget: budget rule "heap: 1MB": unknown metric "heap"; metrics: peak, retained, site, leak, count, rss',
    ]);
  });

  it('reports YAML and TOML syntax errors with their line and column', async () => {
    expect(await rejected({ 'allocdiff.yml': 'script: bench.py\nscript: other.py\n' })).toEqual([
      'allocdiff.yml:2:1: Map keys must be unique',
    ]);
    expect(await rejected({ 'pyproject.toml': '[tool.allocdiff]\nscript = bench.py\n' })).toEqual([
      'pyproject.toml:2:10: invalid TOML: invalid value',
    ]);
  });

  it('refuses two config files in one folder, and a --config file that is not there', async () => {
    expect(
      await rejected({
        'allocdiff.yml': 'script: bench.py\n',
        '.github/allocdiff.yml': 'frames: 2\n',
      }),
    ).toEqual([
      'allocdiff.yml, .github/allocdiff.yml: several config files in one folder; keep one, or ' +
        'choose one with the config input (--config on the CLI)',
    ]);
    expect(await rejected({}, '--script', 'bench.py', '--config', 'nope.yml')).toEqual([
      'nope.yml: config file not found; give a path relative to the project, e.g. ci/allocdiff.yml',
    ]);
  });
});

describe('inputs past what can be run: exit 2, naming the input, before anything runs', () => {
  async function rejected(files: Record<string, string>, ...args: string[]): Promise<string[]> {
    const run = await allocdiff(project(files), ...args);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain('Measuring');
    return run.stderr
      .trimEnd()
      .split('\n')
      .map((line) => line.replace(/^allocdiff: /, ''));
  }

  /** A folder outside the repository, holding a file the report must never show. */
  function secretFile(name: string, text: string): string {
    const dir = mkdtempSync(join(realpathSync(tmpdir()), 'allocdiff-secret-'));
    cleanup.push(dir);
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  }

  it('refuses YAML aliases that expand without end (a billion laughs), naming the file', async () => {
    const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const name of 'bcdefghi') {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    expect(await rejected({ 'allocdiff.yml': `script: bench.py\n${levels.join('\n')}\n` })).toEqual(
      [
        "allocdiff.yml: its aliases (*name) expand past 100 copies of an anchor's value; write " +
          'the values out, or use fewer aliases',
      ],
    );
  });

  it('refuses a config path that is a directory or a device', async () => {
    expect(
      await rejected({ 'ci/readme.txt': '' }, '--script', 'bench.py', '--config', 'ci'),
    ).toEqual(['ci: is a directory; a config file must be a regular file']);
    expect(await rejected({}, '--script', 'bench.py', '--config', '/dev/zero')).toEqual([
      '/dev/zero: is a device; a config file must be a regular file',
    ]);
  });

  it('refuses a config file over 1 MiB without parsing it', async () => {
    const big = `script: bench.py\n${'#'.repeat(2 * 1024 * 1024)}\n`;
    expect(await rejected({ 'allocdiff.yml': big })).toEqual([
      'allocdiff.yml: is 2,097,170 bytes; a config file may be at most 1,048,576 bytes (1 MiB)',
    ]);
  });

  it('refuses a setup too long for the shell (E2BIG), and too many frames', async () => {
    const setup = `true ${'x'.repeat(128 * 1024)}`;
    expect(await rejected({ 'allocdiff.yml': `script: bench.py\nsetup: ${setup}\n` })).toEqual([
      'allocdiff.yml:2: setup: got 131,077 bytes; a shell command may be at most 131,071 bytes ' +
        "(Linux's limit for one argument); put longer commands in a script and run that, e.g. " +
        '"bash ci/setup.sh"',
    ]);
    expect(await rejected({}, '--script', 'bench.py', '--frames', '70000')).toEqual([
      '--frames: got "70000"; expected a whole number from 1 to 65535 (tracemalloc\'s limit)',
    ]);
  });

  it('refuses a percentage too large to compare with', async () => {
    const [problem] = await rejected(
      {},
      '--script',
      'bench.py',
      '--budget',
      `peak: +${'9'.repeat(400)}%`,
    );
    expect(problem).toMatch(
      /^--budget: budget rule "peak: \+9{400}%": .*\(the number is too large\)/,
    );
  });

  it('refuses a config file that links out of the repository, without quoting its target', async () => {
    const dir = project();
    symlinkSync(secretFile('allocdiff.yml', 'token: hunter2\n'), join(dir, 'allocdiff.yml'));
    const run = await allocdiff(dir, '--script', 'bench.py');
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toBe(
      'allocdiff: allocdiff.yml: leads, through a symbolic link, outside the repository; a ' +
        'config file must be a file of the repository\n',
    );
  });

  it('refuses a script that links out of the repository in head, without running it', async () => {
    // Run, the linked file's lines would be the head's allocation sites, shown in the report.
    const secret = secretFile('secret.py', 'leaked = ["hunter2-" * 1000]\n');
    const tree = writeTree({});
    symlinkSync(secret, join(tree, 'bench.py'));
    const baseTree = writeTree(base);
    const repo = createRepoFromTrees([baseTree, tree]);
    cleanup.push(repo.dir, baseTree, tree);
    const run = await allocdiff(repo.dir, '--script', 'bench.py', '--head', 'HEAD');
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      'allocdiff: script "bench.py" in the head commit leads, through a symbolic link, outside ' +
        'the repository; the benchmark must be a file of the repository\n',
    );
    expect(run.stderr).not.toContain('Measuring');
    expect(`${run.stdout}${run.stderr}`).not.toContain('hunter2');
  });
});
